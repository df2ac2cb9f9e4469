/*
** api_knowledge.c: what flank knows beyond the text. GET /api/entities
** (by mention count, by type), GET /api/entities/{id} (the dossier),
** GET /api/timeline, GET /api/claims, GET /api/map and GET
** /api/predicates (the relation vocabulary, for the map's menu), and the
** web UI's GET /api/suggest (entities as one types), GET
** /api/document-entities (the entities of search results), GET /api/graph (an
** entity's neighbourhood) and GET /api/overview (the start page): one
** fl_*_json call each, the same calls as the CLI's entities, dossier,
** timeline, claims and kb predicates.
*/
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"
#include "banned.h"

/* Answers the result of an fl_*_json call. */
static void answer(req *r, int rc, char *json, char *err) {
    if (rc != FL_OK) reply_fl_error(r, rc, err);
    else reply_json(r, MHD_HTTP_OK, json);
}

static int word_or_reply(req *r, const char *name, const char **out) {
    const char *t = *out = param(r, name);
    if (!t) return 0;
    size_t n = strlen(t);
    if (n > 40 || strspn(t, "abcdefghijklmnopqrstuvwxyz_") != n)
        return reply_error(r, MHD_HTTP_BAD_REQUEST, "%s: wants a lower-case word such as %s", name,
                           strcmp(name, "type") == 0 ? "country" : "military_presence");
    return 0;
}

void api_entities(req *r) {
    const char *type, *find = param(r, "find");
    int limit, offset;
    char *json = NULL, *err = NULL;
    if (find) {   /* entities by name */
        if (!entity_ref_valid(find)) {
            reply_error(r, MHD_HTTP_BAD_REQUEST, "find: wants a name");
            return;
        }
        int rc = fl_entities_find_json(r->db, find, &json, &err);
        answer(r, rc, json, err);
        return;
    }
    if (word_or_reply(r, "type", &type)) return;
    if (param_int_or_reply(r, "limit", 50, 1, 1000, &limit)) return;
    if (param_int_or_reply(r, "offset", 0, 0, 1000000, &offset)) return;
    int rc = fl_entities_json(r->db, type, limit, offset, &json, &err);
    answer(r, rc, json, err);
}

void api_dossier(req *r) {
    if (!entity_ref_valid(r->tail)) {
        reply_error(r, MHD_HTTP_BAD_REQUEST, "%s: not an entity id such as country:LY, nor a name", r->tail);
        return;
    }
    int evidence;
    if (param_int_or_reply(r, "evidence", FL_DOSSIER_EVIDENCE, 1, FL_DOSSIER_EVIDENCE_MAX, &evidence)) return;
    char *json = NULL, *err = NULL;
    int rc = fl_dossier_evidence_json(r->db, r->tail, evidence, &json, &err);
    answer(r, rc, json, err);
}

void api_timeline(req *r) {
    const char *entity, *since, *until;
    if (param_entity_or_reply(r, "entity", &entity)) return;
    if (param_date_or_reply(r, "since", &since)) return;
    if (param_date_or_reply(r, "until", &until)) return;
    char *json = NULL, *err = NULL;
    int rc = fl_timeline_json(r->db, entity, since, until, &json, &err);
    answer(r, rc, json, err);
}

void api_claims(req *r) {
    const char *about, *by, *kind;
    int limit;
    if (param_entity_or_reply(r, "about", &about)) return;
    if (param_entity_or_reply(r, "by", &by)) return;
    if (word_or_reply(r, "kind", &kind)) return;
    if (param_int_or_reply(r, "limit", 100, 1, FL_CLAIMS_MAX, &limit)) return;
    char *json = NULL, *err = NULL;
    int rc = fl_claims_json(r->db, about, by, kind, limit, &json, &err);
    answer(r, rc, json, err);
}

void api_map(req *r) {
    const char *predicate, *subject, *since, *until;
    if (word_or_reply(r, "predicate", &predicate)) return;
    if (param_entity_or_reply(r, "subject", &subject)) return;
    if (param_date_or_reply(r, "since", &since)) return;
    if (param_date_or_reply(r, "until", &until)) return;
    char *json = NULL, *err = NULL;
    int rc = fl_map_json(r->db, predicate, subject, since, until, &json, &err);
    answer(r, rc, json, err);
}

void api_predicates(req *r) {
    char *json = NULL, *err = NULL;
    int rc = fl_predicates_json(&json, &err);
    answer(r, rc, json, err);
}


void api_suggest(req *r) {
    const char *q;
    int limit;
    if (param_required_or_reply(r, "q", 200, &q)) return;
    if (param_int_or_reply(r, "limit", 8, 1, 50, &limit)) return;
    char *json = NULL, *err = NULL;
    int rc = fl_suggest_json(r->db, q, limit, &json, &err);
    answer(r, rc, json, err);
}

void api_graph(req *r) {
    const char *entity, *predicate, *since, *until;
    int hops;
    if (param_required_or_reply(r, "entity", 200, &entity)) return;
    if (!entity_ref_valid(entity)) {
        reply_error(r, MHD_HTTP_BAD_REQUEST, "entity: not an entity id such as country:LY, nor a name");
        return;
    }
    if (param_int_or_reply(r, "hops", 1, 1, 2, &hops)) return;
    if (word_or_reply(r, "predicate", &predicate)) return;
    if (param_date_or_reply(r, "since", &since)) return;
    if (param_date_or_reply(r, "until", &until)) return;
    char *json = NULL, *err = NULL;
    int rc = fl_graph_json(r->db, entity, hops, predicate, since, until, &json, &err);
    answer(r, rc, json, err);
}

/* ids=1,2,3: at most 100 document ids. */
void api_doc_entities(req *r) {
    const char *ids;
    int limit;
    if (param_required_or_reply(r, "ids", 2000, &ids)) return;
    if (param_int_or_reply(r, "limit", 6, 1, 50, &limit)) return;
    int64_t v[100];
    size_t n = 0;
    for (const char *p = ids; *p;) {
        char *end;
        long long x = strtoll(p, &end, 10);
        if (end == p || x < 1 || (*end && *end != ',') || n == 100) {
            reply_error(r, MHD_HTTP_BAD_REQUEST, "ids: wants up to 100 document ids separated by commas");
            return;
        }
        v[n++] = x;
        p = *end ? end + 1 : end;
    }
    char *json = NULL, *err = NULL;
    int rc = fl_doc_entities_json(r->db, v, n, limit, &json, &err);
    answer(r, rc, json, err);
}

void api_overview(req *r) {
    char *json = NULL, *err = NULL;
    int rc = fl_overview_json(r->db, &json, &err);
    answer(r, rc, json, err);
}
