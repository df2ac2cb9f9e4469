/*
** cmd_alert.c: `flank alert add|remove` — saved searches whose new
** matches `flank alerts` shows and `flank watch --alerts FILE` appends.
*/
#include <string.h>

#include "cli.h"
#include "flank/intake.h"
#include "banned.h"

static const char usage[] =
    "usage: flank alert add [--db PATH] [--json] [--entity ID] [--predicate P] NAME [QUERY]\n"
    "       flank alert remove [--db PATH] [--json] NAME\n\n"
    "Saves a search under NAME: documents whose sentences match QUERY (the\n"
    "search syntax) and, with --entity, mention the entity; with --entity or\n"
    "--predicate, also the relations of that entity or predicate. 'flank\n"
    "alerts' shows what matched since the last look; what is stored already\n"
    "when the alert is added is not new.\n\n"
    "  --db PATH       database (default $FLANK_DB or ./flank.db)\n"
    "  --json          machine-readable output\n"
    "  --entity ID     an entity id or name (country:LY, Wagner Group)\n"
    "  --predicate P   a relation predicate ('flank kb predicates' lists them)\n";

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *verb = NULL, *name = NULL, *query = NULL, *entity = NULL, *predicate = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(a, "--json") == 0) json = 1;
        else if (strcmp(a, "--entity") == 0 && i + 1 < argc) entity = argv[++i];
        else if (strcmp(a, "--predicate") == 0 && i + 1 < argc) predicate = argv[++i];
        else if (a[0] != '-' && !verb) verb = a;
        else if (a[0] != '-' && !name) name = a;
        else if (a[0] != '-' && !query) query = a;
        else {
            cli_error(a, "unknown argument; see 'flank alert --help'");
            return EXIT_USAGE;
        }
    }
    int adding = verb && strcmp(verb, "add") == 0;
    if (!verb || !name || (!adding && (strcmp(verb, "remove") != 0 || query))) {
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

const command cmd_alert = {"alert", "save a search whose new matches 'flank alerts' shows; remove one", usage,
                           run};
