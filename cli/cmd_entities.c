/*
** cmd_entities.c: `flank entities` — the entities the stored documents
** mention, most mentioned first.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank entities [--db PATH] [--json] [--type TYPE] [--limit N] [--offset N]\n"
    "       flank entities [--db PATH] [--json] --find NAME\n\n"
    "Lists the entities the stored documents mention, by mention count.\n"
    "TYPE is one of country, region, organization, group, framework, place,\n"
    "person, document. 'flank dossier ID' tells everything about one.\n"
    "--find looks NAME up among the names and aliases of the knowledge pack,\n"
    "in any language, and the stored entities, ignoring case and accents:\n"
    "the entities named so first, then those whose names hold it.\n\n"
    "  --db PATH    database (default $FLANK_DB or ./flank.db)\n"
    "  --json       print JSON\n"
    "  --limit N    entities to show (default 50)\n"
    "  --find NAME  entities by name\n";

static void render(json_t *res) {
    json_t *e;
    size_t i;
    printf("%-44s %-13s %8s %9s\n", "id", "type", "mentions", "documents");
    json_array_foreach(json_object_get(res, "entities"), i, e)
        printf("%-44s %-13s %8lld %9lld  %s%s\n", json_string_value(json_object_get(e, "id")),
               json_string_value(json_object_get(e, "type")), json_integer_value(json_object_get(e, "mentions")),
               json_integer_value(json_object_get(e, "documents")), json_string_value(json_object_get(e, "name")),
               json_is_false(json_object_get(e, "in_pack")) ? "  (not in the pack)" : "");
    printf("\n%zu of %lld entities\n", json_array_size(json_object_get(res, "entities")),
           json_integer_value(json_object_get(res, "total")));
}

static void render_found(json_t *res) {
    json_t *e;
    size_t i;
    json_array_foreach(json_object_get(res, "entities"), i, e) {
        const char *matched = json_string_value(json_object_get(e, "matched"));
        const char *name = json_string_value(json_object_get(e, "name"));
        printf("%-44s %-13s %9lld  %s", json_string_value(json_object_get(e, "id")),
               json_string_value(json_object_get(e, "type")), json_integer_value(json_object_get(e, "documents")),
               name);
        if (strcmp(matched, name) != 0) printf("  (as \"%s\")", matched);
        putchar('\n');
    }
    if (json_array_size(json_object_get(res, "entities")) == 0)
        printf("no entity has a name holding \"%s\"\n", json_string_value(json_object_get(res, "query")));
    else if (json_integer_value(json_object_get(res, "exact")) == 0)
        printf("(none is named exactly \"%s\"; these names hold it)\n",
               json_string_value(json_object_get(res, "query")));
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *type = NULL, *find = NULL;
    int json = 0, limit = 50, offset = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(argv[i], "--type") == 0 && i + 1 < argc) type = argv[++i];
        else if (strcmp(argv[i], "--find") == 0 && i + 1 < argc) find = argv[++i];
        else if (strcmp(argv[i], "--json") == 0) json = 1;
        else if ((strcmp(argv[i], "--limit") == 0 || strcmp(argv[i], "--offset") == 0) && i + 1 < argc) {
            int *dst = argv[i][2] == 'l' ? &limit : &offset;
            if (cli_count(argv[i], argv[i + 1], dst)) return EXIT_USAGE;
            i++;
        } else {
            cli_error(argv[i], "unknown argument; see 'flank entities --help'");
            return EXIT_USAGE;
        }
    }
    fl_db *db = cli_open_db_read(db_opt);
    if (!db) return EXIT_FAIL;
    char *errmsg = NULL, *out = NULL;
    int rc = find ? fl_entities_find_json(db, find, &out, &errmsg)
                  : fl_entities_json(db, type, limit, offset, &out, &errmsg);
    fl_db_close(db);
    return cli_answer(rc, out, errmsg, json, find ? render_found : render);
}

const command cmd_entities = {"entities", "list the entities documents mention", usage, run};
