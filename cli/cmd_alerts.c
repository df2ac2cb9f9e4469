/*
** cmd_alerts.c: `flank alerts` — what matched each saved search (`flank
** alert add`) since the last look, which it then marks as seen.
*/
#include <string.h>

#include "cli.h"
#include "flank/intake.h"
#include "banned.h"

static const char usage[] =
    "usage: flank alerts [--db PATH] [--json] [--peek]\n\n"
    "Shows, for each alert of 'flank alert add', the documents and relations\n"
    "stored since the last look, then marks them as seen.\n\n"
    "  --db PATH   database (default $FLANK_DB or ./flank.db)\n"
    "  --json      machine-readable output\n"
    "  --peek      show without marking them as seen\n";

static void render(json_t *alerts) {
    size_t i, j;
    json_t *a, *x;
    if (!json_array_size(alerts)) printf("no alerts; 'flank alert add NAME QUERY' saves one\n");
    json_array_foreach(alerts, i, a) {
        json_t *docs = json_object_get(a, "documents"), *rels = json_object_get(a, "relations");
        printf("%s: %zu new document%s, %zu new relation%s\n", json_string_value(json_object_get(a, "name")),
               json_array_size(docs), json_array_size(docs) == 1 ? "" : "s", json_array_size(rels),
               json_array_size(rels) == 1 ? "" : "s");
        json_array_foreach(docs, j, x) {
            printf("  ");
            cli_print_source(x);
            putchar('\n');
        }
        json_array_foreach(rels, j, x)
            printf("  %s %s %s [doc %lld]\n", json_string_value(json_object_get(x, "subject")),
                   json_string_value(json_object_get(x, "predicate")),
                   json_is_string(json_object_get(x, "object")) ? json_string_value(json_object_get(x, "object"))
                                                                : "",
                   (long long)json_integer_value(json_object_get(x, "doc_id")));
    }
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL;
    int json = 0, peek = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--peek") == 0) peek = 1;
        else {
            cli_error(argv[i], "unknown argument; see 'flank alerts --help'");
            return EXIT_USAGE;
        }
    }
    fl_db *db = peek ? cli_open_db_read(db_opt) : cli_open_db(db_opt);
    if (!db) return EXIT_FAIL;
    char *out = NULL, *errmsg = NULL;
    int rc = fl_alerts_json(db, !peek, &out, &errmsg);
    fl_db_close(db);
    return cli_answer(rc, out, errmsg, json, render);
}

const command cmd_alerts = {"alerts", "what matched the saved searches since the last look", usage, run};
