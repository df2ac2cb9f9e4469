/*
** cmd_backup.c: `flank backup PATH` — a consistent copy of the database
** into a new file, safe while an ingest or a server writes (copying the
** file itself misses what is still in its WAL).
*/
#include <string.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank backup [--db PATH] FILE\n\n"
    "Copies the database, as it is at one moment, into the new FILE (compacted,\n"
    "one file, no WAL). Others may read and write meanwhile; copying the\n"
    "database file with cp can lose the documents still in its WAL file.\n\n"
    "  --db PATH   database (default $FLANK_DB or ./flank.db)\n";

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *target = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (argv[i][0] != '-' && !target) target = argv[i];
        else {
            cli_error(argv[i], "unknown argument; see 'flank backup --help'");
            return EXIT_USAGE;
        }
    }
    if (!target) {
        cli_error(NULL, "name the backup file; see 'flank backup --help'");
        return EXIT_USAGE;
    }
    fl_db *db = cli_open_db_read(db_opt);
    if (!db) return EXIT_FAIL;
    char *errmsg = NULL;
    int rc = fl_db_backup(db, target, &errmsg);
    int64_t docs = 0, sents = 0;
    if (rc == FL_OK) fl_db_stats(db, &docs, &sents, NULL);
    fl_db_close(db);
    if (rc != FL_OK) return cli_fail(NULL, rc, errmsg);
    printf("backed up %lld documents to %s\n", (long long)docs, target);
    return EXIT_OK;
}

const command cmd_backup = {"backup", "copy the database consistently, even while it is in use", usage, run};
