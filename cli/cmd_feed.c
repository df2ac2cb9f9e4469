/*
** cmd_feed.c: `flank feed add|list|remove` — the RSS and Atom feeds that
** `flank watch` runs. Adding fetches nothing; the watcher does.
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "flank/intake.h"
#include "banned.h"

static const char usage[] =
    "usage: flank feed add [--db PATH] [--json] [--name NAME] [--every DURATION] URL\n"
    "       flank feed list [--db PATH] [--json]\n"
    "       flank feed remove [--db PATH] [--json] URL|ID\n\n"
    "The RSS 2.0, RSS 1.0 (RDF) and Atom feeds that 'flank watch' fetches on\n"
    "their schedules. Each new item's page is fetched and ingested with the\n"
    "item's title, date and author and the feed's name as its metadata; an\n"
    "item whose page cannot be fetched keeps the feed's summary, marked as such.\n"
    "Removing a feed keeps its documents.\n\n"
    "  --db PATH        database (default $FLANK_DB or ./flank.db)\n"
    "  --json           machine-readable output\n"
    "  --name NAME      the publisher its documents show (default: the feed's title)\n"
    "  --every DURATION how often to fetch it: 90s, 30m, 2h, 1d (default 30m;\n"
    "                   at least 1m)\n";

/* "30m", "2h", "90s", "1d" (a bare number is minutes) into seconds. */
static int duration(const char *s, long *out) {
    char *end;
    long v = strtol(s, &end, 10);
    long unit = !*end ? 60 : strcmp(end, "s") == 0 ? 1 : strcmp(end, "m") == 0 ? 60
                : strcmp(end, "h") == 0 ? 3600 : strcmp(end, "d") == 0 ? 86400 : 0;
    if (end == s || !unit || v < 1 || v > 366L * 86400 / unit) {
        cli_error(s, "--every wants a duration such as 90s, 30m, 2h or 1d");
        return -1;
    }
    *out = v * unit;
    return 0;
}

static void render_list(json_t *feeds) {
    size_t i;
    json_t *f;
    if (!json_array_size(feeds)) printf("no feeds; 'flank feed add URL' adds one\n");
    json_array_foreach(feeds, i, f) {
        const char *name = json_string_value(json_object_get(f, "name"));
        const char *title = json_string_value(json_object_get(f, "title"));
        const char *status = json_string_value(json_object_get(f, "last_status"));
        const char *last = json_string_value(json_object_get(f, "last_run"));
        printf("%lld  %s\n    %s, every %llds, %lld items stored",
               (long long)json_integer_value(json_object_get(f, "id")), json_string_value(json_object_get(f, "url")),
               name ? name : title ? title : "(not fetched yet)",
               (long long)json_integer_value(json_object_get(f, "every_s")),
               (long long)json_integer_value(json_object_get(f, "items")));
        if (last) printf("; last run %s: %s", last, status ? status : "");
        long long failures = json_integer_value(json_object_get(f, "failures"));
        if (failures) printf(" (%lld failure%s in a row)", failures, failures == 1 ? "" : "s");
        putchar('\n');
    }
}

/* Prints O as one line of JSON and frees it. */
static void print_json(json_t *o) {
    if (o) json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
    putchar('\n');
    json_decref(o);
}

static int add(fl_db *db, const char *url, const char *name, long every, int json) {
    char *errmsg = NULL;
    int64_t id = 0;
    int rc = fl_feed_add(db, url, name, every, &id, &errmsg);
    if (rc != FL_OK) return cli_fail(url, rc, errmsg);
    if (json) print_json(json_pack("{s:I, s:s, s:I}", "id", (json_int_t)id, "url", url, "every_s", (json_int_t)every));
    else printf("feed %lld: %s, every %lds; 'flank watch' fetches it\n", (long long)id, url, every);
    return EXIT_OK;
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL, *verb = NULL, *arg = NULL, *name = NULL;
    long every = 1800;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(a, "--json") == 0) json = 1;
        else if (strcmp(a, "--name") == 0 && i + 1 < argc) name = argv[++i];
        else if (strcmp(a, "--every") == 0 && i + 1 < argc) {
            if (duration(argv[++i], &every)) return EXIT_USAGE;
        } else if (a[0] != '-' && !verb) verb = a;
        else if (a[0] != '-' && !arg) arg = a;
        else {
            cli_error(a, "unknown argument; see 'flank feed --help'");
            return EXIT_USAGE;
        }
    }
    int listing = verb && strcmp(verb, "list") == 0;
    if (!verb || (!listing && strcmp(verb, "add") != 0 && strcmp(verb, "remove") != 0) || (!listing && !arg) ||
        (listing && arg)) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    fl_db *db = listing ? cli_open_db_read(db_opt) : cli_open_db(db_opt);
    if (!db) return EXIT_FAIL;
    char *out = NULL, *errmsg = NULL;
    int status;
    if (listing) {
        int rc = fl_feeds_json(db, &out, &errmsg);
        status = cli_answer(rc, out, errmsg, json, render_list);
    } else if (verb[0] == 'a') {
        status = add(db, arg, name, every, json);
    } else {
        int rc = fl_feed_remove(db, arg, &errmsg);
        status = rc == FL_OK ? EXIT_OK : cli_fail(arg, rc, errmsg);
        if (rc == FL_OK && json) print_json(json_pack("{s:s}", "removed", arg));
        else if (rc == FL_OK) printf("feed %s removed; its documents stay\n", arg);
    }
    fl_db_close(db);
    return status;
}

const command cmd_feed = {"feed", "RSS and Atom feeds for 'flank watch': add, list, remove", usage, run};
