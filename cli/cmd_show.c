/*
** cmd_show.c: `flank show` — one stored document, by id or sha256 prefix.
*/
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank show [--db PATH] [--json] DOC\n\n"
    "Prints a stored document's metadata and main text. DOC is its id (as\n"
    "search prints it) or a prefix of its sha256 (4 hex digits or more).\n\n"
    "  --db PATH   database (default $FLANK_DB or ./flank.db)\n"
    "  --json      print the document as JSON\n";

static void print_field(json_t *doc, const char *key, const char *label) {
    json_t *v = json_object_get(doc, key);
    if (json_is_string(v)) printf("%-10s %s\n", label, json_string_value(v));
    else if (json_is_integer(v)) printf("%-10s %lld\n", label, json_integer_value(v));
}

/* A near-duplicate as "doc 12 (0.93): TITLE, SOURCE". */
static void print_dup(const char *label, json_t *d) {
    const char *title = json_string_value(json_object_get(d, "title"));
    printf("%-10s doc %lld (%.2f): %s, %s\n", label, (long long)json_integer_value(json_object_get(d, "id")),
           json_real_value(json_object_get(d, "similarity")), title ? title : "(untitled)",
           json_string_value(json_object_get(d, "source")));
}

/* The document this one is a copy of, and its own copies. */
static void print_copies(json_t *doc) {
    json_t *of = json_object_get(doc, "copy_of"), *c;
    size_t i;
    if (json_is_object(of)) print_dup("copy of", of);
    json_array_foreach(json_object_get(doc, "copies"), i, c) print_dup(i ? "" : "copies", c);
}

static void render(json_t *doc) {
    print_field(doc, "id", "id");
    print_field(doc, "title", "title");
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(doc, "authors"), i, a)
        printf("%-10s %s\n", i ? "" : "authors", json_string_value(a));
    print_field(doc, "published", "published");
    print_field(doc, "site_name", "publisher");
    print_field(doc, "source", "source");
    print_field(doc, "url", "url");
    print_field(doc, "language", "language");
    print_field(doc, "sha256", "sha256");
    print_field(doc, "ingested_at", "ingested");
    print_field(doc, "n_sentences", "sentences");
    print_copies(doc);
    printf("\n%s\n", json_string_value(json_object_get(doc, "text")));
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *ref = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (argv[i][0] == '-') {
            cli_error(argv[i], "unknown option; see 'flank show --help'");
            return EXIT_USAGE;
        } else ref = argv[i];
    }
    if (!ref) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    fl_db *db = cli_open_db_read(db_opt);
    if (!db) return EXIT_FAIL;
    char *errmsg = NULL, *out = NULL;
    int rc = fl_show_json(db, ref, &out, &errmsg);
    fl_db_close(db);
    return cli_answer(rc, out, errmsg, json, render);
}

const command cmd_show = {"show", "print a stored document", usage, run};
