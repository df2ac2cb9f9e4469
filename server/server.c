/*
** server.c: the HTTP server's core. It owns the libmicrohttpd daemon
** (internal epoll thread pool, keep-alive), the route table, the request
** lifecycle (upload limit, token check, the answer cache of cache.c, a
** reader connection per request)
** and the database connections: one reader per worker thread, opened at
** start and handed out from a small pool, and one writer behind a mutex.
** SQLite in WAL mode lets the readers go on while the writer ingests.
** SIGINT and SIGTERM stop it gracefully: requests in flight finish, the
** writer commits, every connection is closed.
*/
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "server.h"
#include "deadline.h"
#include "mhd_dl.h"
#include "banned.h"

struct srv {
    srv_opts o;
    char web_root[PATH_MAX];
    char *token, *token_path;
    fl_db **readers;            /* the pool: one per worker thread */
    int n_readers, n_free;
    int *free_slots;
    pthread_mutex_t pool_lock;
    pthread_cond_t pool_cond;
    fl_postings *postings;      /* shared by the readers; NULL when --postings 0 */
    fl_db *writer;
    pthread_mutex_t write_lock;
    cache *answers;             /* NULL when --cache 0 */
    deadline *headers_by;       /* shuts connections slow to send headers */
    int loopback;               /* bound to 127.0.0.0/8 or ::1 */
};

enum {
    R_DB = 1,       /* needs a reader connection */
    R_WRITE = 2,    /* needs the token */
    R_PREFIX = 4,   /* PATH is a prefix; the rest (one segment) is r->tail */
    R_CACHE = 8     /* 200 answers are kept until the database changes */
};

/* Every API endpoint, once. HEAD is served wherever GET is. */
static const struct route {
    const char *method, *path;
    handler_fn handler;
    int flags;
} routes[] = {
    {"GET", "/api/health", api_health, R_DB | R_CACHE},
    {"GET", "/api/search", api_search, R_DB | R_CACHE},
    {"GET", "/api/documents/", api_document, R_DB | R_PREFIX | R_CACHE},
    {"POST", "/api/ingest", api_ingest, R_WRITE},
    {"GET", "/api/entities", api_entities, R_DB | R_CACHE},
    {"GET", "/api/entities/", api_dossier, R_DB | R_PREFIX | R_CACHE},
    {"GET", "/api/timeline", api_timeline, R_DB | R_CACHE},
    {"GET", "/api/claims", api_claims, R_DB | R_CACHE},
    {"GET", "/api/map", api_map, R_DB | R_CACHE},
    {"GET", "/api/predicates", api_predicates, R_CACHE},
    {"GET", "/api/export", api_export, R_DB},
    {"GET", "/api/suggest", api_suggest, R_DB | R_CACHE},
    {"GET", "/api/graph", api_graph, R_DB | R_CACHE},
    {"GET", "/api/overview", api_overview, R_DB | R_CACHE},
    {"GET", "/api/document-entities", api_doc_entities, R_DB | R_CACHE},
    {"GET", "/api/alerts", api_alerts, R_DB | R_CACHE},
};
#define N_ROUTES (sizeof routes / sizeof routes[0])

size_t srv_max_body(const srv *s) { return s->o.max_body; }
const char *srv_web_root(const srv *s) { return s->web_root; }
const char *srv_db_path(const srv *s) { return s->o.db_path; }
cache *srv_cache(const srv *s) { return s->answers; }

static enum MHD_Result key_arg(void *cls, enum MHD_ValueKind kind, const char *k, const char *v) {
    (void)kind;
    buf *b = cls;
    buf_putc(b, '\x01');
    buf_puts(b, k);
    buf_putc(b, '=');
    if (v) buf_puts(b, v);
    return MHD_YES;
}

/* Answers from the cache when it holds this request's answer for the
** database as it is now (returns 1); else arms R to store its answer. */
static int cached_or_arm(req *r) {
    cache *c = r->s->answers;
    buf *k = &r->cache_key;
    buf_init(k, 8192);
    buf_puts(k, r->path);
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, key_arg, k);
    if (k->rc != FL_OK) {
        buf_release(k);   /* too long to be worth keeping */
        return 0;
    }
    cache_stamp_now(c, &r->stamp);
    struct MHD_Response *hit = cache_get(c, buf_cstr(k), k->len, &r->stamp);
    if (!hit) return 0;
    if (cache_queue(c, r->conn, hit) != MHD_YES) r->failed = 1;
    r->answered = 1;
    return 1;
}

fl_db *srv_writer_acquire(srv *s) {
    pthread_mutex_lock(&s->write_lock);
    return s->writer;
}

void srv_writer_release(srv *s) { pthread_mutex_unlock(&s->write_lock); }

static fl_db *reader_acquire(srv *s) {
    pthread_mutex_lock(&s->pool_lock);
    while (s->n_free == 0) pthread_cond_wait(&s->pool_cond, &s->pool_lock);
    fl_db *db = s->readers[s->free_slots[--s->n_free]];
    pthread_mutex_unlock(&s->pool_lock);
    return db;
}

static void reader_release(srv *s, fl_db *db) {
    pthread_mutex_lock(&s->pool_lock);
    for (int i = 0; i < s->n_readers; i++)
        if (s->readers[i] == db) s->free_slots[s->n_free++] = i;
    pthread_cond_signal(&s->pool_cond);
    pthread_mutex_unlock(&s->pool_lock);
}

static int method_is(const char *m, const char *want) {
    return strcmp(m, want) == 0 || (strcmp(want, "GET") == 0 && strcmp(m, "HEAD") == 0);
}

/* Does route RT take PATH? Sets *tail for prefix routes. */
static int route_matches(const struct route *rt, const char *path, const char **tail) {
    size_t n = strlen(rt->path);
    if (!(rt->flags & R_PREFIX)) return strcmp(path, rt->path) == 0;
    if (strncmp(path, rt->path, n) != 0 || !path[n] || strchr(path + n, '/')) return 0;
    *tail = path + n;
    return 1;
}

/* Only names this server answers to may be asked for in Host, whatever
** the address it is bound to: a page on another site that rebinds its DNS
** name to this server's address must not read the API through a
** visitor's browser. Served: the loopback names, numeric addresses
** (rebinding needs a name) and the names given with --host. */
static int host_served(const srv *s, const char *h, size_t n) {
    static const char *const names[] = {"localhost", "[::1]"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && strncmp(h, names[i], n) == 0) return 1;
    for (int i = 0; i < s->o.n_hosts; i++)
        if (strlen(s->o.hosts[i]) == n && strncasecmp(h, s->o.hosts[i], n) == 0) return 1;
    if (h[0] == '[') return strspn(h + 1, "0123456789abcdefABCDEF:.") == n - 2;   /* an IPv6 literal */
    return strspn(h, "0123456789.") == n;
}

static int host_refused_or_reply(req *r) {
    const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    if (!h) return 0;   /* HTTP/1.0 without Host: no name to check */
    size_t n = h[0] == '[' ? strcspn(h, "]") + 1 : strcspn(h, ":");
    if (n > strlen(h)) n = strlen(h);
    if (host_served(r->s, h, n)) return 0;
    return reply_error(r, MHD_HTTP_FORBIDDEN, "host name not served here; use the server's address, or start it "
                                              "with --host NAME");
}

/* An upload is refused on its headers, before its body is read: from a
** host not served, without the token or with a wrong one, or to a
** read-only database. Returns 1 when it was answered. */
static int upload_refused_or_reply(req *r) {
    const char *tail = NULL;
    for (size_t i = 0; i < N_ROUTES; i++) {
        if (!(routes[i].flags & R_WRITE) || strcmp(r->method, routes[i].method) != 0 ||
            !route_matches(&routes[i], r->path, &tail))
            continue;
        if (host_refused_or_reply(r)) return 1;
        if (!r->s->writer) return reply_error(r, MHD_HTTP_FORBIDDEN, "the database is read-only: uploads are refused");
        return token_check_or_reply(r, r->s->token);
    }
    return 0;
}

static void dispatch(req *r) {
    if (host_refused_or_reply(r) || request_text_or_reply(r)) return;
    if (r->s->o.read_token && strncmp(r->path, "/api/", 5) == 0 && token_check_or_reply(r, r->s->token)) return;
    if (strncmp(r->path, "/api/", 5) != 0) {
        if (method_is(r->method, "GET")) static_serve(r);
        else {
            r->allow = "GET, HEAD";
            reply_error(r, MHD_HTTP_METHOD_NOT_ALLOWED, "%s: the web UI is read-only", r->method);
        }
        return;
    }
    const struct route *found = NULL, *other = NULL;
    const char *tail = NULL;
    for (size_t i = 0; i < N_ROUTES && !found; i++) {
        if (!route_matches(&routes[i], r->path, &tail)) continue;
        if (method_is(r->method, routes[i].method)) found = &routes[i];
        else other = &routes[i];
    }
    if (!found) {
        if (other) {
            r->allow = strcmp(other->method, "GET") == 0 ? "GET, HEAD" : other->method;
            reply_error(r, MHD_HTTP_METHOD_NOT_ALLOWED, "%s %s: use %s", r->method, r->path, other->method);
        } else {
            reply_error(r, MHD_HTTP_NOT_FOUND, "%s: no such endpoint (see docs/api.md)", r->path);
        }
        return;
    }
    r->tail = tail;
    if ((found->flags & R_CACHE) && r->s->answers && cached_or_arm(r)) return;
    if (found->flags & R_DB) {
        r->db = reader_acquire(r->s);
        fl_db_time_budget(r->db, r->s->o.budget_ms);
    }
    found->handler(r);
    if (r->db) {
        fl_db_time_budget(r->db, 0);
        reader_release(r->s, r->db);
    }
    r->db = NULL;
    if (!r->answered && !r->failed) reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "no answer");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls) {
    (void)version;
    srv *s = cls;
    req *r = *con_cls;
    if (!r) {
        /* First call: headers only. Answering now would close the
        ** connection (libmicrohttpd 0.9.75), so only refuse early what
        ** must be refused: a body announced over the limit, and an
        ** upload that may not be made (its body is then never read). */
        deadline_headers_read(s->headers_by, conn);
        r = calloc(1, sizeof *r);
        if (!r) return MHD_NO;
        r->conn = conn;
        r->s = s;
        r->method = method;
        r->path = url;
        buf_init(&r->body, s->o.max_body);
        *con_cls = r;
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (upload_refused_or_reply(r)) return r->failed ? MHD_NO : MHD_YES;
        if (cl && strtoull(cl, NULL, 10) > s->o.max_body)
            reply_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "body over the limit of %zu bytes", s->o.max_body);
        return r->failed ? MHD_NO : MHD_YES;
    }
    if (*upload_size) {
        /* Past the cap the rest is read and dropped (libmicrohttpd 0.9.75
        ** cannot answer in the middle of an upload); the idle timeout
        ** bounds how long that may take. */
        if (!r->answered) buf_append(&r->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (!r->answered && r->body.rc != FL_OK) {
        if (r->body.rc == FL_ETOOBIG)
            reply_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "body over the limit of %zu bytes", s->o.max_body);
        else reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "%s", fl_strerror(r->body.rc));
    }
    if (!r->answered) dispatch(r);
    return r->failed ? MHD_NO : MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode why) {
    (void)why;
    srv *s = cls;
    deadline_request_done(s->headers_by, conn);
    req *r = *con_cls;
    if (!r) return;
    buf_release(&r->body);
    buf_release(&r->cache_key);
    free(r);
    *con_cls = NULL;
}

static void close_all(srv *s) {
    for (int i = 0; i < s->n_readers; i++) fl_db_close(s->readers[i]);
    fl_postings_free(s->postings);
    free(s->readers);
    free(s->free_slots);
    if (s->writer) {
        char *err = NULL;
        if (fl_db_commit(s->writer, &err) != FL_OK) fprintf(stderr, "flank: serve: %s\n", err);
        fl_free(err);
        fl_db_close(s->writer);
    }
    free(s->token);
    free(s->token_path);
    cache_free(s->answers);
}

/* The writer first: it creates the schema on a new database. A database
** this user cannot write is served for reading: uploads are refused. */
static int open_writer(srv *s) {
    char *err = NULL;
    if (fl_db_open(s->o.db_path, &s->writer, &err) == FL_OK) return 0;
    int readonly = access(s->o.db_path, F_OK) == 0 && access(s->o.db_path, W_OK) != 0;
    if (!readonly) {
        fprintf(stderr, "flank: %s\n", err ? err : "cannot open the database");
        fl_free(err);
        return -1;
    }
    fl_free(err);
    fprintf(stderr, "flank: %s: read-only database: serving reads, uploads refused\n", s->o.db_path);
    return 0;
}

static int open_all(srv *s) {
    char *err = NULL;
    if (open_writer(s)) return -1;
    s->n_readers = s->o.threads;
    s->readers = calloc((size_t)s->n_readers, sizeof *s->readers);
    s->free_slots = calloc((size_t)s->n_readers, sizeof *s->free_slots);
    if (!s->readers || !s->free_slots) return -1;
    if (s->o.postings_bytes && fl_postings_new(s->o.postings_bytes, &s->postings, &err) != FL_OK) {
        fprintf(stderr, "flank: %s\n", err);
        fl_free(err);
        return -1;
    }
    for (int i = 0; i < s->n_readers; i++) {
        if (fl_db_open_mode(s->o.db_path, FL_DB_READ, &s->readers[i], &err) != FL_OK ||
            (s->postings && fl_db_share_postings(s->readers[i], s->postings, &err) != FL_OK)) {
            fprintf(stderr, "flank: %s\n", err ? err : "cannot open the database");
            fl_free(err);
            s->n_readers = i + (s->readers[i] != NULL);
            return -1;
        }
        s->free_slots[s->n_free++] = i;
    }
    if (s->o.cache_slots && !(s->answers = cache_new(s->o.db_path, s->o.cache_slots))) return -1;
    if ((s->writer || s->o.read_token) && token_load(s->o.db_path, &s->token, &s->token_path)) {
        fprintf(stderr, "flank: %s.token: %s\n", s->o.db_path,
                errno == EPERM   ? "readable by others or another user's; it must be yours, mode 0600 (chmod 600)"
                : errno == EINVAL ? "not a token (64 hex digits); remove it and a new one is made"
                                  : strerror(errno));
        return -1;
    }
    return 0;
}

/* The listening address from --bind and --port. */
static int make_addr(const srv_opts *o, struct sockaddr_storage *ss, int *v6) {
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, o->bind, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)o->port);
        *v6 = 0;
        return 0;
    }
    if (inet_pton(AF_INET6, o->bind, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)o->port);
        *v6 = 1;
        return 0;
    }
    return -1;
}

/* The annotation's resources, loaded beside the first requests: an
** upload is annotated on the worker that accepted it, and the connections
** that worker holds wait while it runs, so the first one must not also
** pay for loading the pack and the parser's model. */
static void *load_annotation(void *unused) {
    (void)unused;
    char *err = NULL;
    if (fl_annotate_load(&err) != FL_OK) {
        fprintf(stderr, "flank: serve: warning: uploads cannot be annotated: %s\n", err ? err : "out of memory");
        fl_free(err);
    }
    return NULL;
}

int srv_run(const srv_opts *opts) {
    srv s;
    memset(&s, 0, sizeof s);
    s.o = *opts;
    if (s.o.threads <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        s.o.threads = n > 0 ? (int)n : 2;
    }
    pthread_mutex_init(&s.pool_lock, NULL);
    pthread_cond_init(&s.pool_cond, NULL);
    pthread_mutex_init(&s.write_lock, NULL);
    int rc = 1;
    struct sockaddr_storage addr;
    int v6 = 0;
    struct MHD_Daemon *d = NULL;
    pthread_t loader;
    int loading = 0;
    if (!realpath(s.o.web_dir, s.web_root)) {
        fprintf(stderr, "flank: %s: %s\n", s.o.web_dir, strerror(errno));
        goto done;
    }
    if (make_addr(&s.o, &addr, &v6)) {
        fprintf(stderr, "flank: %s: not a numeric IPv4 or IPv6 address\n", s.o.bind);
        goto done;
    }
    s.loopback = v6 ? strcmp(s.o.bind, "::1") == 0 : strncmp(s.o.bind, "127.", 4) == 0;
    if (!s.loopback)
        fprintf(stderr, "flank: warning: %s is not a loopback address: whoever reaches it can %s; Host names "
                        "served: numeric addresses, localhost%s\n", s.o.bind,
                s.o.read_token ? "read with the token" : "read (--read-token requires the token for reads too)",
                s.o.n_hosts ? " and --host" : " (add --host NAME)");
    char *why = NULL;
    if (mhd_dl_open(&why) != FL_OK) {
        fprintf(stderr, "flank: serve: %s\n", why ? why : "out of memory");
        fl_free(why);
        goto done;
    }
    if (open_all(&s)) goto done;
    s.headers_by = deadline_start(s.o.header_timeout);
    if (!s.headers_by) {
        fprintf(stderr, "flank: serve: out of memory\n");
        goto done;
    }

    /* The workers inherit a mask that leaves SIGINT/SIGTERM to sigwait. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    loading = s.writer && pthread_create(&loader, NULL, load_annotation, NULL) == 0;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | (v6 ? MHD_USE_IPv6 : 0);
    d = MHD_start_daemon(flags, (uint16_t)s.o.port, NULL, NULL, on_request, &s,
                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
                         MHD_OPTION_THREAD_POOL_SIZE, (unsigned)s.o.threads,
                         MHD_OPTION_CONNECTION_TIMEOUT, s.o.timeout,
                         MHD_OPTION_CONNECTION_LIMIT, 4096u,
                         MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
                         MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
                         MHD_OPTION_NOTIFY_CONNECTION, deadline_on_connection, s.headers_by,
                         MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "flank: %s port %d: cannot listen (in use, or not allowed)\n", s.o.bind, s.o.port);
        goto done;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : (unsigned)s.o.port;
    fprintf(stderr,
            "flank: serving http://%s%s%s:%u/ (%d threads; cache %zu; postings %zu MiB; database %s;"
            " write token in %s)\n",
            v6 ? "[" : "", s.o.bind, v6 ? "]" : "", port, s.o.threads, s.o.cache_slots, s.o.postings_bytes >> 20,
            s.o.db_path, s.token_path ? s.token_path : "none: read-only");
    fflush(stderr);

    int sig = 0;
    while (sigwait(&stop, &sig) != 0) continue;
    fprintf(stderr, "flank: %s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    MHD_stop_daemon(d);   /* joins the workers: requests in flight finish */
    rc = 0;
done:
    if (loading) pthread_join(loader, NULL);
    deadline_stop(s.headers_by);
    close_all(&s);
    pthread_mutex_destroy(&s.pool_lock);
    pthread_cond_destroy(&s.pool_cond);
    pthread_mutex_destroy(&s.write_lock);
    return rc;
}
