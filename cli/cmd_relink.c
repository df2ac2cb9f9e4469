/*
** cmd_relink.c: `flank relink` — the stored documents annotated again
** after the knowledge pack, the patterns or the rejections changed
** (fl_relink), batch by batch with progress.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank relink [--db PATH] [-q | --quiet] [--pending] [--batch N]\n\n"
    "Annotates again (entities, dates, relations, claims) the stored documents\n"
    "made under another knowledge pack, other patterns or other rejections\n"
    "than the current ones: after 'flank kb add' or 'flank kb reject', or an\n"
    "upgrade of flank. It reads each document's stored text; the text, its\n"
    "sentences and the search index stay. Each batch is one transaction: a\n"
    "killed relink leaves every document with its old annotations or its new\n"
    "ones, and the next run does the rest.\n\n"
    "  --db PATH    database (default $FLANK_DB or ./flank.db)\n"
    "  -q, --quiet  no progress\n"
    "  --pending    only say how many documents it would annotate again\n"
    "  --batch N    documents per transaction (default 500)\n";

static void progress(void *ctx, int64_t done, int64_t total) {
    if (*(int *)ctx) return;
    fprintf(stderr, "%sflank: relinked %lld of %lld documents%s", isatty(2) ? "\r" : "", (long long)done,
            (long long)total, isatty(2) && done < total ? "" : "\n");
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL;
    int quiet = 0, pending = 0, batch = 500;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) quiet = 1;
        else if (strcmp(a, "--pending") == 0) pending = 1;
        else if (strcmp(a, "--batch") == 0 && i + 1 < argc) {
            if (cli_count(a, argv[++i], &batch)) return EXIT_USAGE;
        } else {
            cli_error(a, "unknown argument; see 'flank relink --help'");
            return EXIT_USAGE;
        }
    }
    fl_db *db = cli_open_db(db_opt);
    if (!db) return EXIT_FAIL;
    char *errmsg = NULL;
    int64_t n = 0;
    int rc = pending ? fl_relink_pending(db, &n, &errmsg) : fl_relink(db, batch, progress, &quiet, &n, &errmsg);
    fl_db_close(db);
    if (rc != FL_OK) return cli_fail(NULL, rc, errmsg);
    if (pending) printf("%lld documents to relink\n", (long long)n);
    else if (!quiet && n == 0) fprintf(stderr, "flank: every document is up to date\n");
    return EXIT_OK;
}

const command cmd_relink = {"relink", "annotate stored documents again after the pack changed", usage, run};
