/*
** cmd_claims.c: `flank claims` — the stored claims (quotes, assessments,
** recommendations), filtered by what they are about, who made them and
** their kind.
*/
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank claims [--db PATH] [--json] [--about ID] [--by ID] [--kind KIND] [--limit N]\n\n"
    "Lists the claims of the stored documents in document order: quotes with\n"
    "their speaker, assessments and recommendations, each with the entities it\n"
    "mentions and its source. ID is an entity id (person:..., country:LY) or a\n"
    "name that only one entity has.\n\n"
    "  --about ID    only claims that mention ID\n"
    "  --by ID       only claims whose speaker is ID\n"
    "  --kind KIND   quote, assessment or recommendation\n"
    "  --limit N     at most N claims (default 100, at most 1000)\n"
    "  --db PATH     database (default $FLANK_DB or ./flank.db)\n"
    "  --json        print JSON (see docs/api.md)\n";

static void render(json_t *res) {
    json_t *c;
    size_t i;
    json_array_foreach(json_object_get(res, "claims"), i, c) cli_print_claim(c);
    if (json_array_size(json_object_get(res, "claims")) == 0) printf("no claims\n");
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *about = NULL, *by = NULL, *kind = NULL;
    int json = 0, limit = 100;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(argv[i], "--about") == 0 && i + 1 < argc) about = argv[++i];
        else if (strcmp(argv[i], "--by") == 0 && i + 1 < argc) by = argv[++i];
        else if (strcmp(argv[i], "--kind") == 0 && i + 1 < argc) kind = argv[++i];
        else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            if (cli_count("--limit", argv[++i], &limit)) return EXIT_USAGE;
        } else if (strcmp(argv[i], "--json") == 0) json = 1;
        else {
            cli_error(argv[i], "unknown argument; see 'flank claims --help'");
            return EXIT_USAGE;
        }
    }
    if (limit < 1 || limit > FL_CLAIMS_MAX) {
        cli_error("--limit", "%d: must be between 1 and %d", limit, FL_CLAIMS_MAX);
        return EXIT_USAGE;
    }
    if (kind && strcmp(kind, "quote") && strcmp(kind, "assessment") && strcmp(kind, "recommendation")) {
        cli_error("--kind", "%s: must be quote, assessment or recommendation", kind);
        return EXIT_USAGE;
    }
    fl_db *db = cli_open_db_read(db_opt);
    if (!db) return EXIT_FAIL;
    char *errmsg = NULL, *out = NULL;
    int rc = fl_claims_json(db, about, by, kind, limit, &out, &errmsg);
    fl_db_close(db);
    return cli_answer(rc, out, errmsg, json, render);
}

const command cmd_claims = {"claims", "quotes, assessments and recommendations", usage, run};
