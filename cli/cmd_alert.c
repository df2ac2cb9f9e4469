/*
** cmd_alert.c: `flank alert add|list|remove` — saved searches whose new
** matches `flank alerts` shows and `flank watch --alerts FILE` appends
** (or hands to --alert-exec CMD).
*/
#include <string.h>

#include "cli.h"
#include "flank/intake.h"
#include "banned.h"

static const char usage[] =
    "usage: flank alert add [--db PATH] [--json] [--entity ID] [--predicate P] [--] NAME [QUERY]\n"
    "       flank alert list [--db PATH] [--json]\n"
    "       flank alert remove [--db PATH] [--json] NAME\n\n"
    "Saves a search under NAME: documents whose sentences match QUERY (the\n"
    "search syntax) and, with --entity, mention the entity; with --entity or\n"
    "--predicate, also the relations of that entity or predicate (in the\n"
    "documents QUERY matches, when there is one). A malformed query or an\n"
    "unknown predicate is refused. 'flank alerts' shows what matched since\n"
    "the last look; what is stored already when the alert is added is not\n"
    "new. 'list' shows the alerts and how many new matches each has, without\n"
    "marking them as seen.\n\n"
    "  --db PATH       database (default $FLANK_DB or ./flank.db)\n"
    "  --json          machine-readable output\n"
    "  --entity ID     an entity id or name (country:LY, Wagner Group)\n"
    "  --predicate P   a relation predicate ('flank kb predicates' lists them)\n";

static void render_list(json_t *alerts) {
    size_t i;
    json_t *a;
    if (!json_array_size(alerts)) printf("no alerts; 'flank alert add NAME QUERY' saves one\n");
    json_array_foreach(alerts, i, a) {
        const char *q = json_string_value(json_object_get(a, "query"));
        const char *e = json_string_value(json_object_get(a, "entity"));
        const char *p = json_string_value(json_object_get(a, "predicate"));
        json_int_t docs = json_integer_value(json_object_get(a, "new_documents"));
        json_int_t rels = json_integer_value(json_object_get(a, "new_relations"));
        printf("%s:%s%s%s%s%s%s  (%lld new document%s, %lld new relation%s)\n",
               json_string_value(json_object_get(a, "name")), q ? " " : "", q ? q : "", e ? " --entity " : "",
               e ? e : "", p ? " --predicate " : "", p ? p : "", (long long)docs, docs == 1 ? "" : "s",
               (long long)rels, rels == 1 ? "" : "s");
    }
}

/* `flank alert list`. */
static int list(const char *db_opt, int json) {
    fl_db *db = cli_open_db_read(db_opt);
    if (!db) return EXIT_FAIL;
    char *out = NULL, *errmsg = NULL;
    int rc = fl_alert_list_json(db, &out, &errmsg);
    fl_db_close(db);
    return cli_answer(rc, out, errmsg, json, render_list);
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *verb = NULL, *name = NULL, *query = NULL, *entity = NULL, *predicate = NULL;
    const char **words[] = {&verb, &name, &query};
    int json = 0, n = 0, dashdash = 0;   /* after "--", a query may start with "-" */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (dashdash || a[0] != '-') {
            if (n == 3) {
                cli_error(a, "unknown argument; see 'flank alert --help'");
                return EXIT_USAGE;
            }
            *words[n++] = a;
        } else if (strcmp(a, "--") == 0) dashdash = 1;
        else if (strcmp(a, "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(a, "--json") == 0) json = 1;
        else if (strcmp(a, "--entity") == 0 && i + 1 < argc) entity = argv[++i];
        else if (strcmp(a, "--predicate") == 0 && i + 1 < argc) predicate = argv[++i];
        else {
            cli_error(a, "unknown argument; see 'flank alert --help'");
            return EXIT_USAGE;
        }
    }
    if (verb && strcmp(verb, "list") == 0 && !name && !entity && !predicate) return list(db_opt, json);
    int adding = verb && strcmp(verb, "add") == 0;
    if (!verb || !name || (!adding && (strcmp(verb, "remove") != 0 || query || entity || predicate))) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    fl_db *db = cli_open_db(db_opt);
    if (!db) return EXIT_FAIL;
    char *errmsg = NULL, *id = NULL;
    int rc = FL_OK;
    if (adding && entity) rc = fl_entity_id(db, entity, &id, &errmsg);
    if (rc == FL_OK) rc = adding ? fl_alert_add(db, name, query, id, predicate, &errmsg)
                                 : fl_alert_remove(db, name, &errmsg);
    fl_free(id);
    fl_db_close(db);
    if (rc != FL_OK) return cli_fail(name, rc, errmsg);
    if (json) {
        json_t *o = json_pack("{s:s, s:s}", adding ? "added" : "removed", name, "alert", name);
        if (o) json_dumpf(o, stdout, JSON_COMPACT);
        putchar('\n');
        json_decref(o);
    } else {
        printf("alert %s %s\n", name, adding ? "saved; 'flank alerts' shows its new matches" : "removed");
    }
    return EXIT_OK;
}

const command cmd_alert = {"alert", "save a search whose new matches 'flank alerts' shows; list or remove them",
                           usage, run};
