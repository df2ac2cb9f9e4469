/*
** server.h: what the files of the HTTP server share. The server is a thin
** front end over libflank, like the CLI: server.c owns the libmicrohttpd
** daemon, the route table and the database connections; reply.c the JSON
** replies, errors and query-parameter helpers; static.c the web UI files;
** token.c the write token; api_*.c one handler per endpoint. Handlers
** never hold logic the CLI lacks: each calls one fl_* function.
*/
#ifndef FL_SERVER_H
#define FL_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "flank/flank.h"
#include "buf.h"
#include "cache.h"

struct MHD_Connection;

/* How the server is started (cli/cmd_serve.c fills it). */
typedef struct srv_opts {
    const char *db_path;
    const char *bind;        /* numeric IPv4 or IPv6 address */
    int port;                /* 0: any free port (printed at start) */
    const char *web_dir;     /* static files of the web UI */
    int threads;             /* worker threads (0: one per core) */
    size_t max_body;         /* upload limit in bytes */
    unsigned timeout;        /* seconds a connection may stay idle */
    unsigned header_timeout; /* seconds to send a request's headers */
    unsigned budget_ms;      /* a request's time in the database (503 past it) */
    size_t cache_slots;      /* answers kept (cache.c); 0: no cache */
    size_t postings_bytes;   /* phrase postings shared by the readers; 0: none */
    const char **hosts;      /* --host names also served (n_hosts of them) */
    int n_hosts;
    int read_token;          /* 1: the API's reads need the token too */
} srv_opts;

typedef struct srv srv;

/* One request, from its first call to its completion. */
typedef struct req {
    struct MHD_Connection *conn;
    srv *s;
    const char *method;
    const char *path;        /* decoded path, without the query string */
    const char *tail;        /* for prefix routes: what follows the prefix */
    buf body;                /* the upload, capped at max_body */
    fl_db *db;               /* a reader connection, for routes that need one */
    const char *allow;       /* the Allow header of a 405 answer */
    buf cache_key;           /* set when a 200 answer should be cached */
    cache_stamp stamp;       /* the database state the answer is computed from */
    int answered;            /* a response was queued */
    int failed;              /* queueing a response failed: drop the connection */
} req;

typedef void (*handler_fn)(req *r);

/* Runs the server until SIGINT or SIGTERM; returns 0, or non-zero after
** printing why it could not start. */
int srv_run(const srv_opts *opts);

/* ---- reply.c: answers. Each queues a response; the _or_reply helpers
** answer the error themselves and return non-zero, so a handler reads
**     if (param_int_or_reply(r, "limit", 10, 1, 100, &n)) return;       */

/* Answers JSON (a string from fl_*_json, consumed: freed with fl_free). */
void reply_json(req *r, unsigned status, char *json);
/* Answers {"error": {"status": N, "message": "..."}}; returns 1. */
int reply_error(req *r, unsigned status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Answers a failed fl_* call with the status its code means; frees
** ERRMSG. Returns 1. */
int reply_fl_error(req *r, int rc, char *errmsg);
/* The HTTP status for an FL_* code. */
unsigned status_for(int rc);

/* Refuses (400) a request whose path or a query parameter is not text:
** bytes that are not UTF-8, or a NUL ("q=Lib%00ya" searched "Lib"). */
int request_text_or_reply(req *r);
/* The query parameter NAME, or NULL when absent or empty. */
const char *param(req *r, const char *name);
/* A required parameter, at most MAXLEN bytes. */
int param_required_or_reply(req *r, const char *name, size_t maxlen, const char **out);
/* An optional text parameter of at most MAXLEN bytes (NULL when absent). */
int param_text_or_reply(req *r, const char *name, size_t maxlen, const char **out);
/* An integer in [MIN, MAX], DEF when absent. */
int param_int_or_reply(req *r, const char *name, int def, int min, int max, int *out);
/* A date prefix YYYY, YYYY-MM or YYYY-MM-DD, NULL when absent. */
int param_date_or_reply(req *r, const char *name, const char **out);
/* An entity id TYPE:SLUG, NULL when absent. */
int param_entity_or_reply(req *r, const char *name, const char **out);
int entity_id_valid(const char *s);
/* An entity id, or a name the library resolves (fl_entity_id): up to 200
** bytes without control characters nor <>"\. */
int entity_ref_valid(const char *s);

/* ---- static.c: files of the web UI ---------------------------------- */

/* Answers GET/HEAD of a file under the web folder; refuses traversal. */
void static_serve(req *r);

/* ---- token.c: the token that write endpoints require ---------------- */

/* Reads the token stored beside the database (DB_PATH ".token"), creating
** it with mode 0600 on first start. *path receives the file's name.
** Both outputs are the caller's to free(). Returns 0 or -1 (errno). */
int token_load(const char *db_path, char **token, char **path);
/* Checks the request's "Authorization: Bearer ..." against TOKEN; answers
** 401 (missing) or 403 (wrong) itself and returns non-zero. */
int token_check_or_reply(req *r, const char *token);

/* ---- server.c: shared state that handlers may use -------------------- */

/* The write connection, locked for the caller until srv_writer_release. */
fl_db *srv_writer_acquire(srv *s);
void srv_writer_release(srv *s);
size_t srv_max_body(const srv *s);
const char *srv_web_root(const srv *s);   /* realpath of the web folder */
const char *srv_db_path(const srv *s);    /* the database, for connections of its own */
cache *srv_cache(const srv *s);           /* NULL when off */

/* ---- api_*.c: the endpoints ----------------------------------------- */

void api_health(req *r);
void api_search(req *r);
void api_document(req *r);
void api_ingest(req *r);
void api_entities(req *r);
void api_dossier(req *r);
void api_timeline(req *r);
void api_claims(req *r);
void api_map(req *r);
void api_predicates(req *r);
void api_export(req *r);
void api_suggest(req *r);
void api_graph(req *r);
void api_overview(req *r);
void api_doc_entities(req *r);
void api_alerts(req *r);

#endif
