/*
** reply.c: how the server answers. JSON bodies and JSON errors with the
** HTTP status that fits, the headers every response carries, and the
** query-parameter helpers that answer a bad parameter themselves (Redis's
** ...OrReply). It does not route and does not touch the database.
*/
#include <jansson.h>
#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"
#include "server.h"
#include "banned.h"

static void free_fl(void *p) { fl_free(p); }

/* Headers on every API answer: JSON that no browser sniffs into HTML. */
static void api_headers(struct MHD_Response *resp) {
    MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
}

void reply_json(req *r, unsigned status, char *json) {
    if (r->answered) {
        fl_free(json);
        return;
    }
    size_t n = strlen(json);
    struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(n, json, free_fl);
    if (!resp) {
        fl_free(json);
        r->failed = 1;
        return;
    }
    api_headers(resp);
    if (status == MHD_HTTP_UNAUTHORIZED)
        MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"flank\"");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(resp, "Allow", r->allow ? r->allow : "GET, HEAD");
    if (MHD_queue_response(r->conn, status, resp) != MHD_YES) r->failed = 1;
    if (status == MHD_HTTP_OK && r->cache_key.len && !r->failed && n <= CACHE_MAX_ANSWER)
        cache_put(srv_cache(r->s), buf_cstr(&r->cache_key), r->cache_key.len, &r->stamp, resp);
    else MHD_destroy_response(resp);
    r->answered = 1;
}

/* Makes MSG valid UTF-8 (a message may quote what a client sent): each
** byte that is not becomes '?'. */
static void utf8_mend(char *msg) {
    size_t n = strlen(msg), at = 0;
    while ((at += utf8_check(msg + at, n - at)) < n) msg[at++] = '?';
}

int reply_error(req *r, unsigned status, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    utf8_mend(msg);
    json_t *v = json_pack("{s:{s:i,s:s}}", "error", "status", (int)status, "message", msg);
    char *s = v ? json_dumps(v, JSON_PRESERVE_ORDER) : NULL;
    json_decref(v);
    if (!s) {
        r->failed = 1;
        return 1;
    }
    /* json_dumps allocates with malloc, as fl_free expects. */
    reply_json(r, status, s);
    return 1;
}

unsigned status_for(int rc) {
    switch (rc) {
    case FL_EINVAL: case FL_EQUERY: case FL_EEMPTY: return MHD_HTTP_BAD_REQUEST;
    case FL_ENOTFOUND: return MHD_HTTP_NOT_FOUND;
    case FL_ETOOBIG: return MHD_HTTP_CONTENT_TOO_LARGE;
    case FL_EBINARY: case FL_EENCODING: return MHD_HTTP_UNSUPPORTED_MEDIA_TYPE;
    case FL_ETIME: return MHD_HTTP_SERVICE_UNAVAILABLE;
    default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

int reply_fl_error(req *r, int rc, char *errmsg) {
    unsigned st = status_for(rc);
    /* Internal errors name files and SQLite: say less to the client. */
    if (st == MHD_HTTP_INTERNAL_SERVER_ERROR) {
        fprintf(stderr, "flank: serve: %s %s: %s\n", r->method, r->path, errmsg ? errmsg : fl_strerror(rc));
        reply_error(r, st, "%s", fl_strerror(rc));
    } else {
        reply_error(r, st, "%s", errmsg ? errmsg : fl_strerror(rc));
    }
    fl_free(errmsg);
    return 1;
}

const char *param(req *r, const char *name) {
    const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
    return v && *v ? v : NULL;
}

int param_text_or_reply(req *r, const char *name, size_t maxlen, const char **out) {
    *out = param(r, name);
    if (*out && strlen(*out) > maxlen)
        return reply_error(r, MHD_HTTP_BAD_REQUEST, "%s: longer than %zu bytes", name, maxlen);
    return 0;
}

int param_required_or_reply(req *r, const char *name, size_t maxlen, const char **out) {
    if (param_text_or_reply(r, name, maxlen, out)) return 1;
    if (!*out) return reply_error(r, MHD_HTTP_BAD_REQUEST, "%s: missing; add ?%s=...", name, name);
    return 0;
}

int param_int_or_reply(req *r, const char *name, int def, int min, int max, int *out) {
    const char *v = param(r, name);
    *out = def;
    if (!v) return 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || end == v || n < min || n > max)
        return reply_error(r, MHD_HTTP_BAD_REQUEST, "%s: wants a whole number from %d to %d", name, min, max);
    *out = (int)n;
    return 0;
}

static int digits(const char *s, int n) {
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* Is the date prefix V (checked for shape) a day, month or year that exists? */
static int date_exists(const char *v, size_t n) {
    int y = atoi(v), m = n >= 7 ? atoi(v + 5) : 1, d = n >= 10 ? atoi(v + 8) : 1;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] && (m != 2 || d <= 28 + leap);
}

int param_date_or_reply(req *r, const char *name, const char **out) {
    const char *v = *out = param(r, name);
    if (!v) return 0;
    size_t n = strlen(v);
    int ok = (n == 4 || n == 7 || n == 10) && digits(v, 4) &&
             (n < 7 || (v[4] == '-' && digits(v + 5, 2))) &&
             (n < 10 || (v[7] == '-' && digits(v + 8, 2)));
    if (!ok) return reply_error(r, MHD_HTTP_BAD_REQUEST, "%s: wants a date YYYY, YYYY-MM or YYYY-MM-DD", name);
    if (!date_exists(v, n)) return reply_error(r, MHD_HTTP_BAD_REQUEST, "%s: %s: no such date", name, v);
    return 0;
}

/* The reason the query parameter KEY=VALUE cannot be used as text, or NULL. */
static const char *unusable(const char *p, size_t n) {
    if (!p) return NULL;
    if (memchr(p, '\0', n)) return "holds a NUL byte";
    return utf8_check(p, n) < n ? "is not UTF-8" : NULL;
}

typedef struct bad_param {
    const char *key, *why;
} bad_param;

static enum MHD_Result find_unusable(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                                     const char *value, size_t value_size) {
    (void)kind;
    bad_param *b = cls;
    const char *why = unusable(key, key_size);
    if (!why) why = unusable(value, value_size);
    if (why) b->key = key, b->why = why;
    return why ? MHD_NO : MHD_YES;
}

int request_text_or_reply(req *r) {
    size_t n = strlen(r->path);
    if (utf8_check(r->path, n) < n) return reply_error(r, MHD_HTTP_BAD_REQUEST, "the path is not UTF-8");
    bad_param b = {NULL, NULL};
    MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, find_unusable, &b);
    if (b.why) return reply_error(r, MHD_HTTP_BAD_REQUEST, "parameter %s %s", b.key, b.why);
    return 0;
}

int entity_id_valid(const char *s) {
    const char *colon = strchr(s, ':');
    if (!colon || colon == s || !colon[1] || strlen(s) > 200) return 0;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (p == colon) continue;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.'))
            return 0;
    }
    return 1;
}

int entity_ref_valid(const char *s) {
    if (strchr(s, ':')) return entity_id_valid(s);
    size_t n = strlen(s);
    if (n == 0 || n > 200) return 0;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f || strchr("<>\"\\", *p)) return 0;
    return 1;
}

int param_entity_or_reply(req *r, const char *name, const char **out) {
    const char *v = *out = param(r, name);
    if (v && !entity_ref_valid(v))
        return reply_error(r, MHD_HTTP_BAD_REQUEST, "%s: wants an entity id such as country:LY, or its name", name);
    return 0;
}
