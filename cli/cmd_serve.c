/*
** cmd_serve.c: `flank serve` — parses the options and hands them to the
** HTTP server (server/server.c). No query logic lives here or there: the
** server calls the same fl_* functions as the other commands.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../server/server.h"
#include "banned.h"


static const char usage[] =
    "usage: flank serve [--db PATH] [--port N] [--bind ADDR] [--host NAME]... [--read-token] [OPTIONS]\n\n"
    "Serves the JSON API (docs/api.md) and the web UI until SIGINT or SIGTERM.\n"
    "Write endpoints need the token stored beside the database (PATH.token,\n"
    "mode 0600, made at first start).\n\n"
    "  --db PATH        database (default $FLANK_DB or ./flank.db)\n"
    "  --port N         TCP port (default 8080; 0 picks a free one and prints it)\n"
    "  --bind ADDR      numeric address to listen on (default 127.0.0.1); another\n"
    "                   than loopback is warned about\n"
    "  --host NAME      a host name the server answers to besides localhost and\n"
    "                   numeric addresses (repeatable; others get 403: DNS rebinding)\n"
    "  --read-token     the API's reads need the token too (for exposed servers;\n"
    "                   the web UI cannot send it)\n"
    "  --web DIR        the web UI's files (default $FLANK_WEB, else the installed or the build's web/)\n"
    "  --threads N      worker threads (default: one per core)\n"
    "  --max-body N     upload limit in bytes, K or M suffix (default 16M)\n"
    "  --timeout S      seconds a connection may stay idle (default 30)\n"
    "  --header-timeout S  seconds a client has to send a request's headers (default 10)\n"
    "  --budget MS      milliseconds a request may spend in the database; past it\n"
    "                   the request ends with 503 and frees its worker (default 5000)\n"
    "  --cache N        answers kept until the database changes (default 4096; 0: none)\n"
    "  --postings N     memory for the postings of phrases searched, read from the\n"
    "                   index once and shared by every search (default 256M; 0: none)\n";

/* A number with an optional K/M suffix, in [MIN, MAX]; -1 if not. */
static long long parse_size(const char *s, long long min, long long max) {
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end == s) return -1;
    if (*end == 'K' || *end == 'k') v *= 1024, end++;
    else if (*end == 'M' || *end == 'm') v *= 1024 * 1024, end++;
    return *end || v < min || v > max ? -1 : v;
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    const char *db_opt = NULL;
    srv_opts o = {NULL, "127.0.0.1", 8080, fl_path("web"), 0, 16u << 20, 30, 10, 5000, 4096,
                  256u << 20, NULL, 0, 0};
    const char *hosts[16];
    o.hosts = hosts;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        long long n = 0;
        if (strcmp(a, "--read-token") == 0) {
            o.read_token = 1;
            continue;
        }
        if (!v && a[0] == '-') {
            cli_error(a, "%s; see 'flank serve --help'", strncmp(a, "--", 2) ? "unknown option" : "needs a value");
            return EXIT_USAGE;
        }
        if (strcmp(a, "--db") == 0) db_opt = v;
        else if (strcmp(a, "--bind") == 0) o.bind = v;
        else if (strcmp(a, "--host") == 0 && o.n_hosts < 16) hosts[o.n_hosts++] = v;
        else if (strcmp(a, "--web") == 0) o.web_dir = v;
        else if (strcmp(a, "--port") == 0 && (n = parse_size(v, 0, 65535)) >= 0) o.port = (int)n;
        else if (strcmp(a, "--threads") == 0 && (n = parse_size(v, 1, 256)) >= 0) o.threads = (int)n;
        else if (strcmp(a, "--max-body") == 0 && (n = parse_size(v, 1, 1LL << 30)) >= 0) o.max_body = (size_t)n;
        else if (strcmp(a, "--timeout") == 0 && (n = parse_size(v, 1, 3600)) >= 0) o.timeout = (unsigned)n;
        else if (strcmp(a, "--header-timeout") == 0 && (n = parse_size(v, 1, 3600)) >= 0)
            o.header_timeout = (unsigned)n;
        else if (strcmp(a, "--budget") == 0 && (n = parse_size(v, 1, 3600000)) >= 0) o.budget_ms = (unsigned)n;
        else if (strcmp(a, "--cache") == 0 && (n = parse_size(v, 0, 1 << 20)) >= 0) o.cache_slots = (size_t)n;
        else if (strcmp(a, "--postings") == 0 && (n = parse_size(v, 0, 1LL << 40)) >= 0) o.postings_bytes = (size_t)n;
        else if (strcmp(a, "--port") == 0 || strcmp(a, "--threads") == 0 || strcmp(a, "--max-body") == 0 ||
                 strcmp(a, "--timeout") == 0 || strcmp(a, "--header-timeout") == 0 ||
                 strcmp(a, "--budget") == 0 || strcmp(a, "--cache") == 0 ||
                 strcmp(a, "--postings") == 0) {
            cli_error(a, "'%s' is not a number in range; see 'flank serve --help'", v);
            return EXIT_USAGE;
        } else {
            cli_error(a, "unknown option; see 'flank serve --help'");
            return EXIT_USAGE;
        }
        i++;
    }
    o.db_path = cli_db_path(db_opt);
    return srv_run(&o) == 0 ? EXIT_OK : EXIT_FAIL;
}

const command cmd_serve = {"serve", "serve the JSON API and the web UI over HTTP", usage, run};
