/*
** cmd_timeline.c: `flank timeline` — dated relations in date order.
*/
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank timeline [--db PATH] [--json] [--entity ID] [--since DATE] [--until DATE]\n\n"
    "Lists dated relations from the stored documents in date order, each with\n"
    "its source. DATE is ISO 8601 or a prefix of it (2024, 2024-07).\n\n"
    "  --entity ID   only relations with this entity as subject or object\n"
    "  --db PATH     database (default $FLANK_DB or ./flank.db)\n"
    "  --json        print JSON\n";

static const char *name(json_t *e, const char *name_key, const char *id_key) {
    const char *s = json_string_value(json_object_get(e, name_key));
    if (!s) s = json_string_value(json_object_get(e, id_key));
    return s ? s : "";
}

static void render(json_t *res) {
    json_t *e;
    size_t i;
    json_array_foreach(json_object_get(res, "events"), i, e) {
        const char *mod = json_string_value(json_object_get(e, "modality"));
        char classes[80];
        cli_classes(e, classes, sizeof classes);
        printf("%-10s  %s %s %s%s%s%s\n            \"%s\"\n            ",
               json_string_value(json_object_get(e, "date")), name(e, "subject_name", "subject"),
               json_string_value(json_object_get(e, "predicate")), name(e, "object_name", "object"),
               strcmp(mod, "asserted") ? "  " : "", strcmp(mod, "asserted") ? mod : "", classes,
               json_string_value(json_object_get(e, "sentence")));
        cli_print_source(e);
        putchar('\n');
    }
    if (json_array_size(json_object_get(res, "events")) == 0) printf("no dated relations\n");
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *entity = NULL, *since = NULL, *until = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(argv[i], "--entity") == 0 && i + 1 < argc) entity = argv[++i];
        else if (strcmp(argv[i], "--since") == 0 && i + 1 < argc) since = argv[++i];
        else if (strcmp(argv[i], "--until") == 0 && i + 1 < argc) until = argv[++i];
        else if (strcmp(argv[i], "--json") == 0) json = 1;
        else {
            cli_error(argv[i], "unknown argument; see 'flank timeline --help'");
            return EXIT_USAGE;
        }
    }
    if ((since && cli_check_date(since)) || (until && cli_check_date(until))) return EXIT_USAGE;
    fl_db *db = cli_open_db_read(db_opt);
    if (!db) return EXIT_FAIL;
    char *errmsg = NULL, *out = NULL;
    int rc = fl_timeline_json(db, entity, since, until, &out, &errmsg);
    fl_db_close(db);
    return cli_answer(rc, out, errmsg, json, render);
}

const command cmd_timeline = {"timeline", "dated relations in order", usage, run};
