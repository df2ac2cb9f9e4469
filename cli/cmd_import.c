/*
** cmd_import.c: `flank import FILE.jsonl` — what `flank export --format
** jsonl` wrote, restored in one transaction (fl_import).
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank import [--db PATH] [--json] [--with-documents] FILE.jsonl\n\n"
    "Restores an export of 'flank export --format jsonl' ('-': stdin): its\n"
    "entities, and each document's relations and claims in place of those the\n"
    "database has for it (the document of the same sha256). All of it or,\n"
    "on the first bad line, nothing: 'flank: FILE:LINE: what is wrong'.\n\n"
    "  --with-documents  also store the file's documents the database lacks\n"
    "                    (an export made with --with-documents)\n"
    "  --json            print the counts as JSON\n"
    "  --db PATH         database (default $FLANK_DB or ./flank.db; created when missing)\n";

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *path = NULL;
    int json = 0, with_documents = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--with-documents") == 0) with_documents = 1;
        else if ((argv[i][0] != '-' || strcmp(argv[i], "-") == 0) && !path) path = argv[i];
        else {
            cli_error(argv[i], "unknown argument; see 'flank import --help'");
            return EXIT_USAGE;
        }
    }
    if (!path) {
        cli_error(NULL, "name the file to import; see 'flank import --help'");
        return EXIT_USAGE;
    }
    fl_db *db = cli_open_db(db_opt);
    if (!db) return EXIT_FAIL;
    char *errmsg = NULL;
    fl_import_counts n;
    int rc = fl_import(db, path, with_documents, &n, &errmsg);
    fl_db_close(db);
    if (rc != FL_OK) return cli_fail(NULL, rc, errmsg);
    if (json)
        printf("{\"documents\": %lld, \"entities\": %lld, \"relations\": %lld, \"claims\": %lld}\n",
               (long long)n.documents, (long long)n.entities, (long long)n.relations, (long long)n.claims);
    else
        printf("imported %lld entities, %lld relations and %lld claims; %lld documents added\n",
               (long long)n.entities, (long long)n.relations, (long long)n.claims, (long long)n.documents);
    return EXIT_OK;
}

const command cmd_import = {"import", "restore an export written as JSONL", usage, run};
