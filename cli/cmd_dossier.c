/*
** cmd_dossier.c: `flank dossier` — everything known of one entity: its
** profile and background facts from the knowledge pack, then what the
** documents say: relations with evidence, co-mentions, claims, sources.
*/
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank dossier [--db PATH] [--json] [--evidence N] ENTITY\n\n"
    "Prints what flank knows of ENTITY (an id such as country:LY, org:nato or\n"
    "place:al-jufra; 'flank entities' lists them): its profile and background\n"
    "facts from the knowledge pack, marked as such, then what the stored\n"
    "documents say — relations grouped by predicate with dates, the number of\n"
    "sources and the evidence sentences; co-mentioned entities; claims by or\n"
    "about it; and the documents that mention it.\n\n"
    "  --db PATH       database (default $FLANK_DB or ./flank.db)\n"
    "  --json          print JSON (see docs/api.md)\n"
    "  --evidence N    keep each relation's N newest sentences (1 to 50; default 5,\n"
    "                  the counts are over all of them); the text shows them all\n"
    "                  (without the option, the newest only)\n";

static const char *str(json_t *o, const char *key) {
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static void print_profile(json_t *e) {
    printf("%s (%s, %s)\n", str(e, "name"), str(e, "id"), str(e, "type"));
    if (json_is_false(json_object_get(e, "in_pack")))   /* the rows of a pack file (data/pack/SOURCES.md) */
        printf("  not in the knowledge pack: only the documents name it. To add it, save these\n"
               "  two lines (tab-separated) as FILE.tsv and run 'flank kb add FILE.tsv':\n"
               "    id\ttype\tname\taliases\tattrs\n    %s\t%s\t%s\t\t\n",
               str(e, "id"), str(e, "type"), str(e, "name"));
    json_t *aliases = json_object_get(e, "aliases"), *a;
    size_t i;
    if (json_array_size(aliases)) {
        printf("  also:");
        json_array_foreach(aliases, i, a) if (i < 12) printf("%s %s", i ? "," : "", json_string_value(a));
        printf("%s\n", json_array_size(aliases) > 12 ? ", ..." : "");
    }
    const char *key;
    json_t *v;
    json_object_foreach(json_object_get(e, "attributes"), key, v) {
        if (json_is_string(v)) printf("  %s: %s\n", key, json_string_value(v));
        else if (json_is_real(v)) printf("  %s: %.5f\n", key, json_real_value(v));
    }
}

/* "asserted by A (source, date), denied by B (source, date)": who holds
** what stance toward relation R, as its sentences say. */
static void print_stances(json_t *r) {
    size_t i;
    json_t *st;
    json_array_foreach(json_object_get(r, "stances"), i, st) {
        const char *holder = json_is_string(json_object_get(st, "holder_name")) ? str(st, "holder_name")
                             : json_is_string(json_object_get(st, "holder"))    ? str(st, "holder")
                                                                                 : "unnamed";
        const char *source = json_is_string(json_object_get(st, "publisher")) ? str(st, "publisher")
                             : json_is_string(json_object_get(st, "title"))   ? str(st, "title")
                                                                               : "document";
        printf("%s%s by %s (%s", i ? ", " : "      ", str(st, "stance"), holder, source);
        if (json_is_string(json_object_get(st, "published"))) printf(", %s", str(st, "published"));
        printf(")");
    }
    if (i) putchar('\n');
}

/* Sentences shown under each relation: the newest, or the N kept when
** --evidence N asks for them. */
static size_t shown = 1;

static void print_relations(json_t *rels) {
    const char *last = "";
    size_t i;
    json_t *r;
    json_array_foreach(rels, i, r) {
        if (strcmp(last, str(r, "predicate")) != 0) {
            char classes[80];
            cli_classes(r, classes, sizeof classes);
            printf("\n  %s%s\n", last = str(r, "predicate"), classes);
        }
        const char *obj = json_is_string(json_object_get(r, "object_name")) ? str(r, "object_name") : str(r, "object");
        printf("    %s -> %s", json_is_string(json_object_get(r, "subject_name")) ? str(r, "subject_name")
                                                                                  : str(r, "subject"), obj);
        if (json_is_string(json_object_get(r, "date"))) printf("  [%s]", str(r, "date"));
        if (strcmp(str(r, "modality"), "asserted") != 0) printf("  (%s)", str(r, "modality"));
        printf("  %lld source%s\n", json_integer_value(json_object_get(r, "documents")),
               json_integer_value(json_object_get(r, "documents")) == 1 ? "" : "s");
        size_t k;
        json_t *ev;
        json_array_foreach(json_object_get(r, "evidence"), k, ev) {
            if (k == shown) break;
            printf("      \"%s\"\n        ", str(ev, "sentence"));
            cli_print_source(ev);
            putchar('\n');
        }
        print_stances(r);
    }
}

static void print_dossier(json_t *d) {
    print_profile(json_object_get(d, "entity"));
    size_t i;
    json_t *x;
    if (json_array_size(json_object_get(d, "background"))) {
        printf("\nBackground (knowledge pack, not from documents):\n");
        json_array_foreach(json_object_get(d, "background"), i, x)
            printf("  %s %s %s%s%s  [%s]\n", str(x, "subject_name"), str(x, "predicate"), str(x, "object_name"),
                   *str(x, "start") ? " since " : "", str(x, "start"), str(x, "source"));
    }
    if (json_array_size(json_object_get(d, "relations"))) {
        printf("\nRelations (from documents):");
        print_relations(json_object_get(d, "relations"));
    }
    for (int by = 1; by >= 0; by--) {
        const char *role = by ? "by" : "about";
        int head = 0;
        json_array_foreach(json_object_get(d, "claims"), i, x) {
            if (strcmp(str(x, "role"), role) != 0) continue;
            if (!head++) printf("\nSaid %s %s:\n", role, str(json_object_get(d, "entity"), "name"));
            cli_print_claim(x);
        }
    }
    if (json_array_size(json_object_get(d, "co_mentions"))) {
        printf("\nMentioned with:");
        json_array_foreach(json_object_get(d, "co_mentions"), i, x)
            printf("%s %s (%lld)", i ? "," : "", str(x, "name"), json_integer_value(json_object_get(x, "documents")));
        printf("\n");
    }
    printf("\nSources:\n");
    json_array_foreach(json_object_get(d, "sources"), i, x)
    {
        printf("  ");
        cli_print_source(x);
        printf("  (%lld mentions)  %s\n", json_integer_value(json_object_get(x, "mentions")), str(x, "source"));
    }
    if (json_array_size(json_object_get(d, "sources")) == 0) printf("  no stored document mentions it yet\n");
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *id = NULL;
    int json = 0, evidence = FL_DOSSIER_EVIDENCE;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--evidence") == 0 && i + 1 < argc) {
            if (cli_count("--evidence", argv[++i], &evidence)) return EXIT_USAGE;
            if (evidence < 1 || evidence > FL_DOSSIER_EVIDENCE_MAX) {
                cli_error("--evidence", "%d: must be between 1 and %d", evidence, FL_DOSSIER_EVIDENCE_MAX);
                return EXIT_USAGE;
            }
            shown = (size_t)evidence;
        }
        else if (argv[i][0] == '-' || id) {
            cli_error(argv[i], "unknown argument; see 'flank dossier --help'");
            return EXIT_USAGE;
        } else id = argv[i];
    }
    if (!id) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    fl_db *db = cli_open_db_read(db_opt);
    if (!db) return EXIT_FAIL;
    char *errmsg = NULL, *out = NULL;
    int rc = fl_dossier_evidence_json(db, id, evidence, &out, &errmsg);
    fl_db_close(db);
    return cli_answer(rc, out, errmsg, json, print_dossier);
}

const command cmd_dossier = {"dossier", "everything known of one entity", usage, run};
