/*
** cmd_watch.c: `flank watch` — runs the feeds of `flank feed` on their
** schedules until SIGTERM or SIGINT (or once, for cron), one log line per
** fetch. A failing feed backs off and never stops the others; only the
** database failing stops the watcher. After each pass, the alerts' new
** matches (lib/alert.c) go to a JSON lines file and/or a command per alert;
** a command that fails is logged and the watcher goes on.
*/
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "cli.h"
#include "flank/intake.h"
#include "banned.h"

static const char usage[] =
    "usage: flank watch [--db PATH] [--json] [--once] [--timeout S] [--delay S] [--poll S]\n"
    "                   [--alerts FILE] [--alert-exec CMD] [--alert-timeout S]\n\n"
    "Fetches the feeds of 'flank feed' when they are due and ingests their new\n"
    "items, logging one line per fetch (time, what came of it, URL, detail) on\n"
    "stderr. A feed that fails is tried again later, twice the wait each time\n"
    "(up to a day); the others go on. Stops cleanly on SIGTERM or SIGINT\n"
    "(systemd: contrib/flank-watch.service).\n\n"
    "  --db PATH     database (default $FLANK_DB or ./flank.db)\n"
    "  --json        the log as one JSON object per fetch on stdout\n"
    "  --once        run the feeds due now and exit (cron); exit status 3 when\n"
    "                a feed or an item failed\n"
    "  --timeout S   give up on a URL after S seconds (default 30)\n"
    "  --delay S     seconds between two requests to one host (default 1)\n"
    "  --poll S      how often to look for feeds due (default 10)\n"
    "  --alerts FILE after each pass, append what matched each alert of 'flank\n"
    "                alert add' to FILE, one JSON object per alert with news\n"
    "                (they are then marked as seen)\n"
    "  --alert-exec CMD  after each pass, run CMD with /bin/sh once per alert\n"
    "                with news, its JSON object (as --alerts writes it) on\n"
    "                stdin and FLANK_ALERT, FLANK_ALERT_DOCUMENTS and\n"
    "                FLANK_ALERT_RELATIONS (the name and the counts) in its\n"
    "                environment; a command that fails is logged, the watcher\n"
    "                goes on (the matches are seen all the same); it waits\n"
    "                for each command to end, at most --alert-timeout seconds.\n"
    "                --once exits with status 3 when a command failed\n"
    "  --alert-timeout S  stop an alert command still running after S seconds\n"
    "                (TERM, then KILL 5 s later; default 60); it is logged as\n"
    "                failed\n";

static volatile sig_atomic_t stopping;

static void on_signal(int sig) {
    (void)sig;
    stopping = 1;
}

typedef struct watch {
    int json;
    long failures;
    long alert_timeout;   /* seconds */
} watch;

/* The time now, as the log gives it. */
static void now_utc(char when[32]) {
    time_t t = time(NULL);
    struct tm tm;
    strftime(when, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
}

static void log_fetch(void *ctx, const char *url, const char *status, const char *detail) {
    watch *w = ctx;
    char when[32];
    now_utc(when);
    if (strcmp(status, "failed") == 0) w->failures++;
    if (w->json) {
        json_t *o = json_pack("{s:s, s:s, s:s, s:s?}", "time", when, "status", status, "url", url, "detail", detail);
        if (o) json_dumpf(o, stdout, JSON_COMPACT);
        putchar('\n');
        fflush(stdout);
        json_decref(o);
    } else {
        cli_error(NULL, "%s %s %s%s%s", when, status, url, detail ? ": " : "", detail ? detail : "");
    }
}

/* Logs that CMD failed for alert NAME (DETAIL: how), as a fetch failure is. */
static void log_alert_failure(watch *w, const char *name, const char *cmd, const char *detail) {
    char when[32];
    now_utc(when);
    w->failures++;
    if (w->json) {
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "time", when, "status", "failed", "alert", name,
                              "command", cmd, "detail", detail);
        if (o) json_dumpf(o, stdout, JSON_COMPACT);
        putchar('\n');
        fflush(stdout);
        json_decref(o);
    } else {
        cli_error(NULL, "%s failed alert %s: %s: %s", when, name, cmd, detail);
    }
}

/* Runs CMD for alert A (its JSON on stdin, its name and counts in the
** environment); a failure is logged. */
static void exec_alert(watch *w, const char *cmd, json_t *a) {
    const char *name = json_string_value(json_object_get(a, "name"));
    if (!name) name = "";
    char docs[32], rels[32], detail[96];
    snprintf(docs, sizeof docs, "%zu", json_array_size(json_object_get(a, "documents")));
    snprintf(rels, sizeof rels, "%zu", json_array_size(json_object_get(a, "relations")));
    setenv("FLANK_ALERT", name, 1);
    setenv("FLANK_ALERT_DOCUMENTS", docs, 1);
    setenv("FLANK_ALERT_RELATIONS", rels, 1);
    /* the command reaches the shell through the environment, so that it
    ** needs no quoting; coreutils' timeout bounds it, since a hung command
    ** would hold the watcher and every feed behind it */
    setenv("FLANK_ALERT_COMMAND", cmd, 1);
    char run[96];
    snprintf(run, sizeof run, "exec timeout -k 5 %ld /bin/sh -c \"$FLANK_ALERT_COMMAND\"", w->alert_timeout);
    fflush(stdout);
    FILE *p = popen(run, "w");
    int status = -1;
    if (p) {
        json_dumpf(a, p, JSON_COMPACT | JSON_PRESERVE_ORDER);   /* a command that reads none: EPIPE, ignored */
        fputc('\n', p);
        status = pclose(p);
    }
    unsetenv("FLANK_ALERT");
    unsetenv("FLANK_ALERT_DOCUMENTS");
    unsetenv("FLANK_ALERT_RELATIONS");
    unsetenv("FLANK_ALERT_COMMAND");
    if (status == 0) return;
    if (status == -1) snprintf(detail, sizeof detail, "cannot run the command: %s", strerror(errno));
    else if (WIFEXITED(status) && (WEXITSTATUS(status) == 124 || WEXITSTATUS(status) == 137))
        snprintf(detail, sizeof detail, "timed out after %ld s", w->alert_timeout);
    else if (WIFEXITED(status)) snprintf(detail, sizeof detail, "exit status %d", WEXITSTATUS(status));
    else snprintf(detail, sizeof detail, "killed by signal %d", WTERMSIG(status));
    log_alert_failure(w, name, cmd, detail);
}

/* Hands the alerts' new matches to PATH (one JSON line per alert with
** news; may be NULL) and CMD (run once per such alert; may be NULL), and
** marks them as seen. FL_EDB when the database fails; a file that cannot
** be written is said and the matches stay new. */
static int deliver_alerts(fl_db *db, watch *w, const char *path, const char *cmd) {
    FILE *f = path ? fopen(path, "a") : NULL;
    if (path && !f) {
        cli_error(path, "cannot append the alerts: %s", strerror(errno));
        return FL_OK;
    }
    char *out = NULL, *errmsg = NULL;
    int rc = fl_alerts_json(db, 1, &out, &errmsg);
    json_t *all = rc == FL_OK ? json_loads(out, 0, NULL) : NULL, *a;
    size_t i;
    json_array_foreach(all, i, a) {
        if (!json_array_size(json_object_get(a, "documents")) && !json_array_size(json_object_get(a, "relations")))
            continue;
        if (f) {
            json_dumpf(a, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
            fputc('\n', f);
            fflush(f);
        }
        if (cmd && !stopping) exec_alert(w, cmd, a);
    }
    if (f && fclose(f) != 0) cli_error(path, "cannot append the alerts: %s", strerror(errno));
    if (rc != FL_OK) cli_fail(NULL, rc, errmsg);
    json_decref(all);
    fl_free(out);
    return rc;
}

/* Sleeps S seconds, or less when a signal asks to stop. */
static void pause_for(long s) {
    for (long i = 0; i < s * 10 && !stopping; i++) {
        struct timespec d = {0, 100000000L};
        nanosleep(&d, NULL);
    }
}

/* One pass over the feeds due: FL_OK, or FL_EDB when the database failed. */
static int run_due(fl_db *db, fl_fetcher *f, watch *w) {
    int64_t *ids = NULL;
    size_t n = 0;
    char *errmsg = NULL;
    int rc = fl_feeds_due(db, (int64_t)time(NULL), &ids, &n, &errmsg);
    for (size_t i = 0; rc == FL_OK && i < n && !stopping; i++) {
        fl_feed_stats st;
        rc = fl_feed_run(db, f, ids[i], (int64_t)time(NULL), log_fetch, w, &st, &errmsg);
        if (rc != FL_EDB) rc = FL_OK;   /* the feed's failure is logged and scheduled */
        fl_free(errmsg);
        errmsg = NULL;
    }
    if (rc != FL_OK) cli_fail(NULL, rc, errmsg);
    fl_free(ids);
    return rc;
}

static int seconds(const char *opt, const char *v, long *ms) {
    char *end;
    double s = strtod(v, &end);
    if (end == v || *end || !(s >= 0 && s <= 3600)) {
        cli_error(v, "%s wants seconds from 0 to 3600", opt);
        return -1;
    }
    *ms = (long)(s * 1000 + 0.5);
    return 0;
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *alerts = NULL, *alert_exec = NULL;
    int once = 0;
    long poll_ms = 10000, ms;
    watch w = {.alert_timeout = 60};
    fl_fetch_opts fo = {.stop = &stopping};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(a, "--json") == 0) w.json = 1;
        else if (strcmp(a, "--once") == 0) once = 1;
        else if (strcmp(a, "--alerts") == 0 && i + 1 < argc) alerts = argv[++i];
        else if (strcmp(a, "--alert-exec") == 0 && i + 1 < argc) alert_exec = argv[++i];
        else if (strcmp(a, "--alert-timeout") == 0 && i + 1 < argc) {
            if (seconds(a, argv[++i], &ms)) return EXIT_USAGE;
            w.alert_timeout = ms < 1000 ? 1 : ms / 1000;
        } else if ((strcmp(a, "--timeout") == 0 || strcmp(a, "--delay") == 0 || strcmp(a, "--poll") == 0) &&
                   i + 1 < argc) {
            if (seconds(a, argv[++i], &ms)) return EXIT_USAGE;
            if (a[2] == 't') fo.timeout_ms = ms ? ms : 1;
            else if (a[2] == 'd') fo.delay_ms = ms ? ms : -1;
            else poll_ms = ms < 100 ? 100 : ms;
        } else {
            cli_error(a, "unknown argument; see 'flank watch --help'");
            return EXIT_USAGE;
        }
    }
    fl_db *db = cli_open_db(db_opt);
    if (!db) return EXIT_FAIL;
    fl_fetcher *f = NULL;
    char *errmsg = NULL;
    int rc = fl_fetcher_new(&fo, &f, &errmsg);
    if (rc != FL_OK) {
        fl_db_close(db);
        return cli_fail(NULL, rc, errmsg);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = SIG_IGN;   /* an alert command that does not read its stdin */
    sigaction(SIGPIPE, &sa, NULL);
    while (rc == FL_OK && !stopping) {
        rc = run_due(db, f, &w);
        if (rc == FL_OK && (alerts || alert_exec)) rc = deliver_alerts(db, &w, alerts, alert_exec);
        if (once) break;
        pause_for(poll_ms / 1000 ? poll_ms / 1000 : 1);
    }
    fl_fetcher_free(f);
    fl_db_close(db);
    if (stopping && !once) cli_error(NULL, "watch: stopped");
    if (rc != FL_OK) return EXIT_FAIL;
    return once && w.failures ? EXIT_PARTIAL : EXIT_OK;
}

const command cmd_watch = {"watch", "fetch the feeds on their schedules and ingest their new items", usage, run};
