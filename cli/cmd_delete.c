/*
** cmd_delete.c: `flank delete DOC...` — removes documents and everything
** derived from them (sentences, index entries, entities' mentions, dates,
** relations, claims).
*/
#include <string.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank delete [--db PATH] DOC...\n\n"
    "Removes each document (by id or sha256 prefix, as 'flank show' takes\n"
    "them) with its sentences, full-text index entries, mentions, dates,\n"
    "relations and claims, one transaction per document. A document not\n"
    "found is reported; the others are still removed and the exit status\n"
    "is then 3.\n\n"
    "  --db PATH   database (default $FLANK_DB or ./flank.db)\n";

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL;
    int n_docs = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) i++, db_opt = argv[i];
        else if (argv[i][0] == '-') {
            cli_error(argv[i], "unknown option; see 'flank delete --help'");
            return EXIT_USAGE;
        } else n_docs++;
    }
    if (n_docs == 0) {
        cli_error(NULL, "name the documents to delete; see 'flank delete --help'");
        return EXIT_USAGE;
    }
    /* Deleting opens to read first: a missing database is named, not made. */
    fl_db *db = cli_open_db_read(db_opt);
    if (!db) return EXIT_FAIL;
    fl_db_close(db);
    if (!(db = cli_open_db(db_opt))) return EXIT_FAIL;
    int deleted = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0) {
            i++;
            continue;
        }
        char *errmsg = NULL;
        int64_t id = 0;
        if (fl_db_delete(db, argv[i], &id, &errmsg) == FL_OK) {
            printf("deleted document %lld\n", (long long)id);
            deleted++;
        } else {
            cli_fail(NULL, FL_EDB, errmsg);
            failed++;
        }
    }
    fl_db_close(db);
    return failed == 0 ? EXIT_OK : deleted ? EXIT_PARTIAL : EXIT_FAIL;
}

const command cmd_delete = {"delete", "remove documents and everything derived from them", usage, run};
