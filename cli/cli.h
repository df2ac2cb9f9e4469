/*
** cli.h: what the command files share: the command descriptor that
** cli/main.c lists once, the exit codes, and option/printing helpers.
** Commands are thin: they parse options, call fl_* and print.
*/
#ifndef FL_CLI_H
#define FL_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "flank/flank.h"

/* Exit codes, named once (jq). */
enum {
    EXIT_OK = 0,
    EXIT_FAIL = 1,      /* the work failed (bad input, no result) */
    EXIT_USAGE = 2,     /* wrong options */
    EXIT_PARTIAL = 3    /* some sources failed, the others were done */
};

typedef struct command {
    const char *name;
    const char *summary;   /* one line for `flank --help` */
    const char *usage;     /* the full --help text */
    int (*run)(int argc, char **argv);
} command;

/* `flank: SUBJECT: message` on stderr, git style. */
void cli_error(const char *subject, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Options shared by the commands that open a database. */
const char *cli_db_path(const char *opt);   /* --db, else $FLANK_DB, else ./flank.db */

/* The input format forced by ARG (--html, --markdown, --text) into
** *FORMAT; returns 1 when ARG is one of them. */
int cli_format_option(const char *arg, const char **format);

/* Prints USAGE to stdout when argv holds -h/--help; returns 1 if so. */
int cli_wants_help(int argc, char **argv, const char *usage);

/* Handles a failed call: prints `flank: SUBJECT: errmsg` and frees it. */
int cli_fail(const char *subject, int rc, char *errmsg);

/* Opens the database of --db (else $FLANK_DB, else ./flank.db) to write
** (created when missing) or, for commands that only read, to read (it
** must exist; nothing is written); on failure says why and returns NULL. */
fl_db *cli_open_db(const char *db_opt);
fl_db *cli_open_db_read(const char *db_opt);

/* Finishes a query command whose fl_*_json call returned RC with OUT or
** ERRMSG (both consumed): prints the error, or OUT itself with --json, or
** hands OUT parsed to RENDER. Returns the exit status. */
int cli_answer(int rc, char *out, char *errmsg, int json, void (*render)(json_t *result));

/* Prints where a piece of evidence comes from, on the current line:
** "TITLE, PUBLISHER, PUBLISHED [doc ID]" from the object's "title",
** "publisher", "published" and "doc_id" (or "id"), the absent left out. */
void cli_print_source(const json_t *o);

/* Prints a claim row (fl_claims_json): its kind, speaker and text, what
** it is about, and its source, on three lines. */
void cli_print_claim(const json_t *c);

/* Parses a count option's value (0..100000) into *out; on error says so
** for OPT and returns -1. */
int cli_count(const char *opt, const char *value, int *out);

/* The export classes of a relation row (its "cameo" and "plover", from
** the vocabulary) as "  [CAMEO 07, PLOVER AID]" in OUT, or "" when it
** has none. */
void cli_classes(json_t *row, char *out, size_t n);

/* Checks an ISO 8601 date or prefix (2024, 2024-07, 2024-07-01); says what
** is wrong and returns -1 otherwise. */
int cli_check_date(const char *date);

extern const command cmd_extract, cmd_ingest, cmd_search, cmd_show, cmd_entities, cmd_dossier,
    cmd_timeline, cmd_claims, cmd_check, cmd_kb, cmd_relink, cmd_serve, cmd_backup, cmd_delete, cmd_parse,
    cmd_export, cmd_import, cmd_feed, cmd_watch, cmd_alert, cmd_alerts;

#endif
