/*
** api_search.c: GET /api/search and GET /api/health. Parameters are
** checked here (the helpers answer a bad one); the search itself is
** fl_search_json, the same call as `flank search --json`.
*/
#include <jansson.h>
#include <microhttpd.h>
#include <string.h>

#include "server.h"
#include "banned.h"

#define MAX_QUERY 1000

static int type_or_reply(req *r, const char **out) {
    const char *t = *out = param(r, "type");
    if (!t) return 0;
    size_t n = strlen(t);
    if (n > 32 || strspn(t, "abcdefghijklmnopqrstuvwxyz_") != n)
        return reply_error(r, MHD_HTTP_BAD_REQUEST, "type: wants an entity type such as country or org");
    return 0;
}

void api_search(req *r) {
    const char *q;
    fl_search_opts o;
    memset(&o, 0, sizeof o);
    o.compact = 1;   /* a third fewer bytes than indented */
    if (param_text_or_reply(r, "q", MAX_QUERY, &q)) return;
    if (param_int_or_reply(r, "limit", 10, 1, 100, &o.limit)) return;
    if (param_int_or_reply(r, "offset", 0, 0, 100000, &o.offset)) return;
    if (param_int_or_reply(r, "per_doc", 3, 1, 20, &o.per_doc)) return;
    if (param_entity_or_reply(r, "entity", &o.entity)) return;
    if (type_or_reply(r, &o.type)) return;
    if (param_date_or_reply(r, "since", &o.since)) return;
    if (param_date_or_reply(r, "until", &o.until)) return;
    if (param_text_or_reply(r, "source", 500, &o.source)) return;
    if (param_int_or_reply(r, "sentences", 0, 0, 1, &o.sentences)) return;
    if (param_int_or_reply(r, "facets", 0, 0, 1, &o.facets)) return;
    /* Without a query, a filter lists its documents, newest first. */
    if (!q && !o.entity && !o.type && !o.since && !o.until && !o.source) {
        reply_error(r, MHD_HTTP_BAD_REQUEST, "q: missing; add ?q=... or a filter (entity, type, since, until, source)");
        return;
    }
    char *json = NULL, *err = NULL;
    int rc = fl_search_json(r->db, q ? q : "", &o, &json, &err);
    if (rc != FL_OK) {
        reply_fl_error(r, rc, err);
        return;
    }
    reply_json(r, MHD_HTTP_OK, json);
}

void api_health(req *r) {
    int64_t docs = 0, sentences = 0;
    char *err = NULL;
    int rc = fl_db_stats(r->db, &docs, &sentences, &err);
    if (rc != FL_OK) {
        reply_fl_error(r, rc, err);
        return;
    }
    json_t *v = json_pack("{s:s,s:s,s:I,s:I}", "status", "ok", "version", FL_VERSION, "documents",
                          (json_int_t)docs, "sentences", (json_int_t)sentences);
    char *s = v ? json_dumps(v, JSON_PRESERVE_ORDER) : NULL;
    json_decref(v);
    if (!s) {
        reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
        return;
    }
    reply_json(r, MHD_HTTP_OK, s);
}
