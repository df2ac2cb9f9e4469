/*
** cmd_check.c: `flank check` — is the database whole? For use after a
** crash, a killed ingest or a copy.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank check [--db PATH] [--json] [--repair]\n\n"
    "Checks the database: SQLite's integrity check, the sentence index against\n"
    "the stored text, the entity index against the mentions, and that every\n"
    "document has all its sentences and its search statistics.\n"
    "Prints 'ok' and exits 0, or says what is wrong and exits 1. It writes\n"
    "nothing; on a read-only database it skips the full-text comparison.\n\n"
    "  --db PATH   database (default $FLANK_DB or ./flank.db)\n"
    "  --repair    first upgrade a database of an earlier flank and rebuild the\n"
    "              full-text indexes, sentence spans and document statistics\n"
    "              from the stored documents, then check\n"
    "  --json      print {\"ok\": true|false, \"documents\": N, \"sentences\": N, \"error\": ...}\n";

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL;
    int json = 0, repair = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--repair") == 0) repair = 1;
        else {
            cli_error(argv[i], "unknown argument; see 'flank check --help'");
            return EXIT_USAGE;
        }
    }
    fl_db *db = NULL;
    char *errmsg = NULL;
    int rc = fl_db_open_mode(cli_db_path(db_opt), repair ? FL_DB_WRITE : FL_DB_VERIFY, &db, &errmsg);
    if (rc != FL_OK) return cli_fail(NULL, rc, errmsg);
    if (repair && (rc = fl_db_repair(db, &errmsg)) != FL_OK) {
        fl_db_close(db);
        return cli_fail(NULL, rc, errmsg);
    }
    int64_t docs = 0, sents = 0;
    int readonly = fl_db_readonly(db);
    rc = fl_db_check(db, &errmsg);
    fl_db_stats(db, &docs, &sents, NULL);
    fl_db_close(db);
    if (json) {
        printf("{\"ok\": %s, \"documents\": %lld, \"sentences\": %lld", rc == FL_OK ? "true" : "false",
               (long long)docs, (long long)sents);
        if (errmsg) {
            fputs(", \"error\": \"", stdout);
            for (const char *p = errmsg; *p; p++)
                if (*p == '"' || *p == '\\') printf("\\%c", *p);
                else if ((unsigned char)*p >= 0x20) putchar(*p);
            putchar('"');
        }
        printf("}\n");
        fl_free(errmsg);
        return rc == FL_OK ? EXIT_OK : EXIT_FAIL;
    }
    if (rc != FL_OK) return cli_fail(NULL, rc, errmsg);
    printf("ok: %lld documents, %lld sentences%s%s\n", (long long)docs, (long long)sents, repair ? ", repaired" : "",
           readonly ? " (read-only: full-text indexes not compared)" : "");
    return EXIT_OK;
}

const command cmd_check = {"check", "verify the database is whole", usage, run};
