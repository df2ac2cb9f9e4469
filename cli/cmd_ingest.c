/*
** cmd_ingest.c: `flank ingest` — files, folders and stdin into the
** database, one transaction per document. Bad sources are reported one by
** one and skipped; the good ones are stored. A document counts as added
** only once the batch holding it is committed: when a commit fails, every
** document of its batch is reported failed.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "flank/intake.h"
#include "banned.h"

static const char usage[] =
    "usage: flank ingest [--db PATH] [--json] [-q | --quiet] [--max-size MB] [--batch N] [--follow-links]\n"
    "                    [--timeout S] [--delay S] SOURCE...\n\n"
    "Reads plain text, Markdown and HTML files (gzip-compressed too), folders\n"
    "(recursively, each folder once), '-' (stdin) and http(s) URLs, and stores\n"
    "each document with its sentences and a full-text index. Identical content\n"
    "already stored is skipped, and so are the database's own files. A bad\n"
    "source is reported and skipped; the exit status is then 3.\n\n"
    "A URL is fetched as " FL_USER_AGENT ",\n"
    "honouring robots.txt, following up to 5 redirects; the page is stored\n"
    "under its final URL. Asked again, it is fetched with its ETag and\n"
    "Last-Modified, and nothing is stored when it did not change.\n\n"
    "  --db PATH      database (default $FLANK_DB or ./flank.db)\n"
    "  --json         one JSON object per source on stdout\n"
    "  -q, --quiet    no progress or per-document lines\n"
    "  --max-size MB  refuse larger inputs (default 64)\n"
    "  --batch N      documents per transaction (default 3000, or 5 seconds of\n"
    "                 work): a crash loses at most one batch, which a re-run\n"
    "                 adds again; smaller batches show documents sooner to\n"
    "                 searches running meanwhile, larger ones ingest faster\n"
    "  --follow-links follow links to folders outside the folders named (by\n"
    "                 default they are reported and skipped)\n"
    "  --timeout S    give up on a URL after S seconds (default 30)\n"
    "  --delay S      seconds between two requests to one host (default 1)\n\n"
    "What a single SOURCE is, over what it says of itself:\n"
    "  --title TEXT  --published DATE  --url URL  --publisher NAME\n"
    "  --author NAME (once per author)  --language TAG\n"
    "In folders, FILE.meta.json beside FILE says the same: {\"title\", \"published\",\n"
    "\"url\", \"publisher\", \"authors\": [...], \"language\"}. A text or Markdown\n"
    "file's front matter (a block of \"key: value\" lines between \"---\" lines)\n"
    "counts next, then the page's own metadata, then a byline and a dateline.\n";

/* The metadata of one document: the options, or a sidecar's (whose JSON
** holds the strings). */
typedef struct given {
    fl_meta meta;
    const char *authors[16];
    json_t *json;
} given;

/* A document added to the open batch, not yet committed. */
typedef struct pending {
    char *path;
    long long id;
} pending;

typedef struct ingest {
    fl_db *db;
    fl_read_opts opts;
    int json, quiet, follow_links;
    char *db_real;    /* the database's real path: its files are not sources */
    long added, skipped, failed;
    pending *batch;   /* the open batch's documents, in order */
    fl_fetch_opts fetch;
    fl_fetcher *fetcher;   /* made for the first URL */
    size_t n_batch, cap_batch;
    double bytes;
    struct timespec t0, last_report;
} ingest;

static double seconds_since(const struct timespec *t) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void progress(ingest *g, int last) {
    if (g->quiet || g->json) return;
    if (!last && seconds_since(&g->last_report) < 1.0) return;
    clock_gettime(CLOCK_MONOTONIC, &g->last_report);
    double s = seconds_since(&g->t0);
    if (s < 1e-6) s = 1e-6;
    fprintf(stderr, "%sflank: %ld added, %ld unchanged, %ld failed; %.0f docs/s, %.1f MB/s%s",
            isatty(2) ? "\r" : "", g->added, g->skipped, g->failed,
            (double)(g->added + g->skipped) / s, g->bytes / 1e6 / s,
            last || !isatty(2) ? "\n" : "");
}

static void report(ingest *g, const char *path, const char *status, long long id, const char *msg) {
    if (!g->json) return;
    json_t *o = json_pack("{s:s, s:s, s:I}", "source", path, "status", status, "id", (json_int_t)id);
    if (o && msg) json_object_set_new(o, "error", json_string(msg));
    if (o) json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
    putchar('\n');
    json_decref(o);
}

#define SIDECAR ".meta.json"

static int is_sidecar(const char *path) {
    size_t n = strlen(path), k = strlen(SIDECAR);
    return n > k && strcmp(path + n - k, SIDECAR) == 0;
}

static const char *json_field(json_t *o, const char *a, const char *b) {
    const char *v = json_string_value(json_object_get(o, a));
    return v ? v : b ? json_string_value(json_object_get(o, b)) : NULL;
}

/* Reads PATH.meta.json into *m when it exists: 0 when it does not or was
** read, -1 (said) when it is not a JSON object. */
static int read_sidecar(const char *path, given *m) {
    char side[4096];
    if (snprintf(side, sizeof side, "%s" SIDECAR, path) >= (int)sizeof side || access(side, F_OK) != 0) return 0;
    json_error_t e;
    m->json = json_load_file(side, 0, &e);
    if (!json_is_object(m->json)) {
        cli_error(side, "not a JSON object (line %d: %s); the document is not ingested", e.line, e.text);
        return -1;
    }
    json_t *o = m->json, *a = json_object_get(o, "authors");
    m->meta = (fl_meta){json_field(o, "title", NULL), json_field(o, "published", "date"), json_field(o, "url", NULL),
                        json_field(o, "publisher", "site_name"), json_field(o, "language", NULL), m->authors, 0};
    if (json_is_string(a)) m->authors[m->meta.n_authors++] = json_string_value(a);
    for (size_t i = 0; json_is_array(a) && i < json_array_size(a) && m->meta.n_authors < 16; i++) {
        const char *name = json_string_value(json_array_get(a, i));
        if (name) m->authors[m->meta.n_authors++] = name;
    }
    return 0;
}

/* The open batch was committed: its documents are added. */
static void batch_committed(ingest *g) {
    for (size_t i = 0; i < g->n_batch; i++) {
        report(g, g->batch[i].path, "added", g->batch[i].id, NULL);
        free(g->batch[i].path);
    }
    g->added += (long)g->n_batch;
    g->n_batch = 0;
}

/* The open batch was rolled back (MSG says why): its documents failed. */
static void batch_lost(ingest *g, const char *msg) {
    for (size_t i = 0; i < g->n_batch; i++) {
        report(g, g->batch[i].path, "failed", 0, msg);
        free(g->batch[i].path);
    }
    g->failed += (long)g->n_batch;
    g->n_batch = 0;
}

/* Keeps PATH as a document of the open batch; -1 when out of memory. */
static int batch_keep(ingest *g, const char *path, long long id) {
    if (g->n_batch == g->cap_batch) {
        size_t cap = g->cap_batch ? 2 * g->cap_batch : 64;
        pending *p = realloc(g->batch, cap * sizeof *p);
        if (!p) return -1;
        g->batch = p, g->cap_batch = cap;
    }
    if (!(g->batch[g->n_batch].path = strdup(path))) return -1;
    g->batch[g->n_batch++].id = id;
    return 0;
}

/* Is PATH the database or one of the files SQLite and the server keep
** beside it (`flank ingest .` in the database's folder)? */
static int is_database_file(const ingest *g, const char *path) {
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal", ".token"};
    char *real = g->db_real ? realpath(path, NULL) : NULL;
    size_t n = g->db_real ? strlen(g->db_real) : 0;
    int is = 0;
    for (size_t i = 0; real && !is && i < sizeof suffix / sizeof *suffix; i++)
        is = strncmp(real, g->db_real, n) == 0 && strcmp(real + n, suffix[i]) == 0;
    free(real);
    return is;
}

static int ingest_one(void *ctx, const char *path, const char *error) {
    ingest *g = ctx;
    given side = {0};
    if (!error && is_database_file(g, path)) return 0;
    if (!error && !g->opts.meta && is_sidecar(path)) return 0;   /* read with its document */
    if (!error && !g->opts.meta && read_sidecar(path, &side)) {
        report(g, path, "failed", 0, "bad " SIDECAR);
        g->failed++;
        return 0;
    }
    fl_read_opts opts = g->opts;
    if (side.json) opts.meta = &side.meta;
    if (error) {
        cli_error(path, "%s", error);
        report(g, path, "failed", 0, error);
        g->failed++;
        return 0;
    }
    fl_doc *doc = NULL;
    char *note = NULL, *errmsg = NULL;
    int rc = fl_doc_read(path, &opts, &doc, &note, &errmsg);
    json_decref(side.json);
    if (rc == FL_OK && fl_doc_sentence_count(doc) == 0) {
        rc = FL_EEMPTY;
        errmsg = strdup("no main text found, nothing to ingest");
    }
    if (rc != FL_OK) {
        /* Messages from the read stage name the path already or not at all. */
        const char *m = errmsg ? errmsg : fl_strerror(rc);
        size_t n = strlen(path);
        if (strncmp(m, path, n) == 0 && m[n] == ':') m += n + 2;
        cli_error(path, "%s", m);
        report(g, path, "failed", 0, m);
        fl_free(errmsg);
        fl_doc_free(doc);
        g->failed++;
        return 0;
    }
    if (note && !g->quiet) cli_error(path, "%s", note);
    fl_free(note);
    size_t len;
    fl_doc_text(doc, &len);
    int64_t id = 0;
    int added = 0;
    rc = fl_db_add(g->db, doc, &id, &added, &errmsg);
    fl_doc_free(doc);
    if (rc == FL_OK && added && batch_keep(g, path, (long long)id) != 0)
        rc = FL_ENOMEM, errmsg = strdup("out of memory");
    if (rc != FL_OK) {   /* the database itself failed: the batch is lost, stop */
        const char *m = errmsg ? errmsg : fl_strerror(rc);
        cli_error(path, "%s", m);
        report(g, path, "failed", 0, m);
        g->failed++;
        batch_lost(g, m);
        fl_free(errmsg);
        return 1;
    }
    g->bytes += (double)len;
    if (added) {
        if (fl_db_pending(g->db) == 0) batch_committed(g);
    } else {
        g->skipped++;
        if (!g->quiet && !g->json)
            cli_error(path, "already stored as document %lld, unchanged", (long long)id);
        report(g, path, "unchanged", (long long)id, NULL);
    }
    progress(g, 0);
    return 0;
}

/* The JSON line of a URL: report()'s, with the final URL after redirects. */
static void report_url(ingest *g, const char *url, const char *status, const fl_url_result *res, const char *msg) {
    if (!g->json) return;
    json_t *o = json_pack("{s:s, s:s, s:I}", "source", url, "status", status, "id", (json_int_t)res->doc_id);
    if (o && res->final_url) json_object_set_new(o, "url", json_string(res->final_url));
    if (o && res->what == FL_URL_NOT_MODIFIED) json_object_set_new(o, "not_modified", json_true());
    if (o && msg) json_object_set_new(o, "error", json_string(msg));
    if (o) json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
    putchar('\n');
    json_decref(o);
}

/* Fetches and stores URL (fl_ingest_url, which commits the open batch
** first); 1 when the database failed and the ingest must stop. */
static int ingest_url(ingest *g, const char *url) {
    char *errmsg = NULL;
    fl_url_result res = {0};
    int rc = g->fetcher ? FL_OK : fl_fetcher_new(&g->fetch, &g->fetcher, &errmsg);
    if (rc == FL_OK && (rc = fl_db_commit(g->db, &errmsg)) != FL_OK) {
        cli_error(NULL, "%s", errmsg);
        batch_lost(g, errmsg);
        fl_free(errmsg);
        return 1;
    }
    batch_committed(g);
    if (rc == FL_OK) rc = fl_ingest_url(g->db, g->fetcher, url, &g->opts, &res, &errmsg);
    if (rc != FL_OK) {
        const char *m = errmsg ? errmsg : fl_strerror(rc);
        cli_error(url, "%s", m);
        report_url(g, url, "failed", &res, m);
        fl_free(errmsg);
        g->failed++;
        return rc == FL_EDB;
    }
    if (res.note && !g->quiet) cli_error(url, "%s", res.note);
    if (res.what == FL_URL_ADDED) {
        g->added++;
        report_url(g, url, "added", &res, NULL);
    } else {
        g->skipped++;
        if (!g->quiet && !g->json)
            cli_error(url, "%s as document %lld", res.what == FL_URL_SAME ? "already stored" : "not modified, stored",
                      (long long)res.doc_id);
        report_url(g, url, "unchanged", &res, NULL);
    }
    fl_url_result_release(&res);
    progress(g, 0);
    return 0;
}

/* VALUE, the argument of option OPT, as seconds from 0 to MAX into *MS;
** otherwise says so and returns -1. */
static int seconds_in(const char *opt, const char *value, double max, long *ms) {
    char *end;
    double v = strtod(value, &end);
    if (end == value || *end || !(v >= 0 && v <= max)) {
        cli_error(value, "%s wants seconds from 0 to %g", opt, max);
        return -1;
    }
    *ms = (long)(v * 1000 + 0.5);
    return 0;
}

/* VALUE, the argument of option OPT, as a whole number from LO to HI in
** *out; otherwise says what OPT wants (WHAT) and returns -1. */
static int number_in(const char *opt, const char *value, const char *what, long lo, long hi, long *out) {
    char *end;
    long v = strtol(value, &end, 10);
    if (*end || v < lo || v > hi) {
        cli_error(value, "%s wants %s between %ld and %ld", opt, what, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

/* --title and the like, with their VALUE: 0 when A is one of them
** (VALUE then consumed), else -1. */
static int meta_option(given *m, const char *a, const char *value) {
    const char **field = strcmp(a, "--title") == 0       ? &m->meta.title
                         : strcmp(a, "--published") == 0 ? &m->meta.published
                         : strcmp(a, "--url") == 0       ? &m->meta.url
                         : strcmp(a, "--publisher") == 0 ? &m->meta.publisher
                         : strcmp(a, "--language") == 0  ? &m->meta.language
                                                         : NULL;
    if (!value) return -1;
    if (field) *field = value;
    else if (strcmp(a, "--author") == 0 && m->meta.n_authors < 16) m->authors[m->meta.n_authors++] = value;
    else return -1;
    return 0;
}

static int meta_given(const fl_meta *m) {
    return m->title || m->published || m->url || m->publisher || m->language || m->n_authors;
}

/* The metadata options describe one document: one file, a URL or stdin. */
static int check_single(char **sources, int n) {
    struct stat st;
    const char *s = sources[0];
    if (n == 1 && (strcmp(s, "-") == 0 || fl_is_url(s) || (stat(s, &st) == 0 && S_ISREG(st.st_mode)))) return 0;
    cli_error(NULL, "--title, --published, --url, --publisher, --author and --language describe one "
                    "document: give one file, or write FILE" SIDECAR " beside each file of a folder");
    return -1;
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    ingest g = {0};
    const char *db_opt = NULL;
    int batch = FL_BATCH_DOCS;
    given meta = {.meta.authors = meta.authors};
    char **sources = calloc((size_t)argc, sizeof *sources);
    int n_sources = 0, options_done = 0;
    if (!sources) return cli_fail(NULL, FL_ENOMEM, NULL);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') sources[n_sources++] = argv[i];
        else if (strcmp(a, "--") == 0) options_done = 1;
        else if (strcmp(a, "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(a, "--json") == 0) g.json = 1;
        else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) g.quiet = 1;
        else if (strcmp(a, "--follow-links") == 0) g.follow_links = 1;
        else if (strcmp(a, "--max-size") == 0 && i + 1 < argc) {
            long mb;
            if (number_in(a, argv[++i], "megabytes", 1, 4095, &mb)) {
                free(sources);
                return EXIT_USAGE;
            }
            g.opts.max_bytes = g.fetch.max_bytes = (size_t)mb << 20;
        } else if (strcmp(a, "--batch") == 0 && i + 1 < argc) {
            long n;
            if (number_in(a, argv[++i], "a number of documents", 1, 100000, &n)) {
                free(sources);
                return EXIT_USAGE;
            }
            batch = (int)n;
        } else if ((strcmp(a, "--timeout") == 0 || strcmp(a, "--delay") == 0) && i + 1 < argc) {
            long ms;
            if (seconds_in(a, argv[++i], 3600, &ms)) {
                free(sources);
                return EXIT_USAGE;
            }
            if (a[2] == 't') g.fetch.timeout_ms = ms ? ms : 1;
            else g.fetch.delay_ms = ms ? ms : -1;
        } else if (meta_option(&meta, a, i + 1 < argc ? argv[i + 1] : NULL) == 0) {
            i++;
        } else {
            cli_error(a, "unknown option; see 'flank ingest --help'");
            free(sources);
            return EXIT_USAGE;
        }
    }
    if (n_sources == 0) {
        fputs(usage, stderr);
        free(sources);
        return EXIT_USAGE;
    }
    if (meta_given(&meta.meta) && check_single(sources, n_sources)) {
        free(sources);
        return EXIT_USAGE;
    }
    if (meta_given(&meta.meta)) g.opts.meta = &meta.meta;
    if (!(g.db = cli_open_db(db_opt))) {
        free(sources);
        return EXIT_FAIL;
    }
    fl_db_batch(g.db, batch);
    g.db_real = realpath(cli_db_path(db_opt), NULL);
    clock_gettime(CLOCK_MONOTONIC, &g.t0);
    g.last_report = g.t0;
    int stop = 0;
    for (int i = 0; i < n_sources && !stop; i++)
        stop = fl_is_url(sources[i]) ? ingest_url(&g, sources[i])
                                     : fl_walk_links(sources[i], g.follow_links, ingest_one, &g);
    char *errmsg = NULL;
    if (fl_db_commit(g.db, &errmsg) == FL_OK) batch_committed(&g);
    else {
        stop = 1;
        cli_error(NULL, "%s", errmsg);
        batch_lost(&g, errmsg);
        fl_free(errmsg);
    }
    fl_db_close(g.db);
    fl_fetcher_free(g.fetcher);
    free(g.batch);
    free(g.db_real);
    free(sources);
    if (!g.quiet && !g.json && (g.added + g.skipped + g.failed) > 0) progress(&g, 1);
    if (stop) return EXIT_FAIL;
    if (g.failed) return g.added + g.skipped ? EXIT_PARTIAL : EXIT_FAIL;
    return EXIT_OK;
}

const command cmd_ingest = {"ingest", "store documents, folders or stdin in the database", usage, run};
