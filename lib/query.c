/*
** query.c: search, show — the query stage (see query.h and flank.h). It
** parses and checks the user's query, asks the store, and shapes JSON.
*/
#include "query.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "gazetteer.h"
#include "store.h"
#include "banned.h"

enum tok { T_END, T_WORD, T_PHRASE, T_AND, T_OR, T_NOT, T_LPAREN, T_RPAREN };

typedef struct lexer {
    const char *q;
    size_t pos;          /* next byte */
    size_t start, len;   /* current token's text (without quotes) */
    int prefix;          /* word or phrase ended with '*' */
    int minus;           /* word was written -word */
    size_t col;          /* 1-based column of the current token, for messages */
} lexer;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int next_token(lexer *lx, enum tok *t, char **errmsg) {
    const char *q = lx->q;
    while (q[lx->pos] && is_space(q[lx->pos])) lx->pos++;
    lx->col = lx->pos + 1;
    lx->prefix = lx->minus = 0;
    char c = q[lx->pos];
    if (!c) return *t = T_END, FL_OK;
    if (c == '(') return lx->pos++, *t = T_LPAREN, FL_OK;
    if (c == ')') return lx->pos++, *t = T_RPAREN, FL_OK;
    if (c == '"') {
        const char *close = strchr(q + lx->pos + 1, '"');
        if (!close)
            return err_set(errmsg, FL_EQUERY, "query: the quote at column %zu is never closed", lx->col);
        lx->start = lx->pos + 1;
        lx->len = (size_t)(close - q) - lx->start;
        lx->pos = (size_t)(close - q) + 1;
        if (q[lx->pos] == '*') lx->prefix = 1, lx->pos++;
        return *t = T_PHRASE, FL_OK;
    }
    if (c == '-' && q[lx->pos + 1] && !is_space(q[lx->pos + 1])) lx->minus = 1, lx->pos++;
    lx->start = lx->pos;
    while (q[lx->pos] && !is_space(q[lx->pos]) && q[lx->pos] != '(' && q[lx->pos] != ')' &&
           q[lx->pos] != '"')
        lx->pos++;
    lx->len = lx->pos - lx->start;
    if (lx->len > 1 && q[lx->start + lx->len - 1] == '*') lx->prefix = 1, lx->len--;
    const char *w = q + lx->start;
    if (!lx->minus && !lx->prefix) {
        if (lx->len == 3 && memcmp(w, "AND", 3) == 0) return *t = T_AND, FL_OK;
        if (lx->len == 2 && memcmp(w, "OR", 2) == 0) return *t = T_OR, FL_OK;
        if (lx->len == 3 && memcmp(w, "NOT", 3) == 0) return *t = T_NOT, FL_OK;
    }
    return *t = T_WORD, FL_OK;
}

/* Does the span hold a letter or digit (or any non-ASCII byte)? Terms
** made only of punctuation have no tokens and would confuse FTS5. */
static int has_word_char(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return 1;
    }
    return 0;
}

/* Writes a term as an FTS5 string, doubling embedded quotes. */
static void put_term(buf *out, const char *p, size_t n, int prefix) {
    buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"') buf_putc(out, '"');
        buf_putc(out, p[i]);
    }
    buf_putc(out, '"');
    if (prefix) buf_putc(out, '*');
}

/* Adds a positive term to ANY, the OR of the query's terms. */
static void put_any(buf *any, const char *p, size_t n, int prefix) {
    if (!any) return;
    if (any->len) buf_puts(any, " OR ");
    put_term(any, p, n, prefix);
}

int query_to_fts(const char *q, buf *out, buf *any, char **errmsg) {
    lexer lx = {.q = q};
    enum tok t = T_END;
    int depth = 0, need_term = 1, terms = 0, rc;
    int negate_next = 0, negated_depth = -1;   /* terms under NOT stay out of ANY */
    size_t op_col = 0;
    const char *op_name = "";
    while ((rc = next_token(&lx, &t, errmsg)) == FL_OK && t != T_END) {
        switch (t) {
        case T_WORD:
        case T_PHRASE:
            if (!has_word_char(q + lx.start, lx.len)) continue;   /* "&": nothing to find */
            if (lx.minus) {
                if (need_term)
                    return err_set(errmsg, FL_EQUERY,
                                   "query: -%.*s at column %zu excludes from nothing; put a term "
                                   "before it (e.g. 'Libya -Russia')", (int)lx.len, q + lx.start, lx.col);
                buf_puts(out, " NOT ");
            } else if (!need_term) {
                buf_putc(out, ' ');
            }
            put_term(out, q + lx.start, lx.len, lx.prefix);
            if (!lx.minus && !negate_next && negated_depth < 0)
                put_any(any, q + lx.start, lx.len, lx.prefix);
            negate_next = 0;
            need_term = 0;
            terms++;
            break;
        case T_AND:
        case T_OR:
        case T_NOT:
            op_name = t == T_AND ? "AND" : t == T_OR ? "OR" : "NOT";
            if (need_term)
                return err_set(errmsg, FL_EQUERY,
                               "query: %s at column %zu needs a term before it%s", op_name, lx.col,
                               t == T_NOT ? " (e.g. 'Libya NOT Russia')" : "");
            buf_printf(out, " %s ", op_name);
            negate_next = t == T_NOT;
            op_col = lx.col;
            need_term = 1;
            break;
        case T_LPAREN:
            if (!need_term) buf_putc(out, ' ');
            buf_putc(out, '(');
            if (negate_next && negated_depth < 0) negated_depth = depth;
            negate_next = 0;
            depth++;
            need_term = 1;
            break;
        case T_RPAREN:
            if (depth == 0)
                return err_set(errmsg, FL_EQUERY, "query: the ')' at column %zu closes nothing", lx.col);
            if (need_term)
                return err_set(errmsg, FL_EQUERY, "query: empty or unfinished group before column %zu",
                               lx.col);
            buf_putc(out, ')');
            depth--;
            if (depth == negated_depth) negated_depth = -1;
            break;
        case T_END:
            break;
        }
    }
    if (rc != FL_OK) return rc;
    if (depth > 0) return err_set(errmsg, FL_EQUERY, "query: %d '(' never closed", depth);
    if (terms == 0) return err_set(errmsg, FL_EQUERY, "query: nothing to search for");
    if (need_term)
        return err_set(errmsg, FL_EQUERY, "query: %s at column %zu needs a term after it", op_name, op_col);
    if (out->rc != FL_OK) return err_set(errmsg, out->rc, "query: %s", fl_strerror(out->rc));
    return FL_OK;
}

/* Replaces a hit's marked snippet (matches between \x02 and \x03, as the
** store returns it) by plain text plus "highlights": [[start, end], ...]
** byte ranges, so no front end has to trust markup inside the text. */
static void shape_snippet(json_t *hit) {
    const char *marked = json_string_value(json_object_get(hit, "snippet"));
    if (!marked) return;
    buf text;
    buf_init(&text, BUF_NO_LIMIT);
    json_t *ranges = json_array();
    size_t open = 0;
    for (const char *p = marked; *p; p++) {
        if (*p == '\x02') open = text.len;
        else if (*p == '\x03')
            json_array_append_new(ranges, json_pack("[I,I]", (json_int_t)open, (json_int_t)text.len));
        else buf_putc(&text, *p);
    }
    json_object_set_new(hit, "snippet", json_stringn(buf_cstr(&text), text.len));
    json_object_set_new(hit, "highlights", ranges);
    buf_release(&text);
}

static int dump(json_t *v, char **json, char **errmsg) {
    *json = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(v);
    return *json ? FL_OK : err_set(errmsg, FL_ENOMEM, "json: out of memory");
}

int fl_search_json(fl_db *db, const char *query, const fl_search_opts *opts, char **json,
                   char **errmsg) {
    *json = NULL;
    fl_search_opts o = opts ? *opts : (fl_search_opts){0};
    if (o.limit <= 0) o.limit = 10;
    if (o.per_doc <= 0) o.per_doc = 3;
    if (o.offset < 0) o.offset = 0;
    int filtered = o.entity || o.type || o.since || o.until || o.source;
    int listing = filtered && (!query || !*query);
    buf expr, any;
    buf_init(&expr, 1 << 16);
    buf_init(&any, 1 << 16);
    int rc = listing ? FL_OK : query_to_fts(query ? query : "", &expr, &any, errmsg);
    json_t *res = NULL;
    if (rc == FL_OK)
        rc = store_search(db, listing ? NULL : buf_cstr(&expr), any.len ? buf_cstr(&any) : NULL, &o, &res, errmsg);
    buf_release(&expr);
    buf_release(&any);
    if (rc != FL_OK) return rc;
    size_t i, k;
    json_t *doc, *hit;
    json_array_foreach(json_object_get(res, "results"), i, doc)
        json_array_foreach(json_object_get(doc, "hits"), k, hit) shape_snippet(hit);
    json_object_set_new(res, "query", json_string(query ? query : ""));
    json_object_set_new(res, "limit", json_integer(o.limit));
    json_object_set_new(res, "offset", json_integer(o.offset));
    return dump(res, json, errmsg);
}

int fl_show_json(fl_db *db, const char *ref, char **json, char **errmsg) {
    *json = NULL;
    json_t *doc = NULL;
    int rc = store_document(db, ref, &doc, errmsg);
    return rc == FL_OK ? dump(doc, json, errmsg) : rc;
}

/* ---- entities, dossier, timeline, map --------------------------------- */

static int rows(fl_db *db, enum store_query q, const char *const *params, int n, json_t *into,
                const char *key, char **errmsg) {
    json_t *a = NULL;
    int rc = store_rows(db, q, params, n, &a, errmsg);
    if (rc == FL_OK) json_object_set_new(into, key, a);
    return rc;
}

int fl_entities_json(fl_db *db, const char *type, int limit, int offset, char **json, char **errmsg) {
    *json = NULL;
    char lim[16], off[16];
    snprintf(lim, sizeof lim, "%d", limit > 0 ? limit : 50);
    snprintf(off, sizeof off, "%d", offset > 0 ? offset : 0);
    const char *p[] = {type && *type ? type : NULL, lim, off};
    json_t *res = json_object(), *total = NULL;
    int rc = rows(db, Q_ENTITIES, p, 3, res, "entities", errmsg);
    if (rc == FL_OK) rc = store_rows(db, Q_ENTITIES_TOTAL, p, 1, &total, errmsg);
    if (rc == FL_OK)
        json_object_set_new(res, "total", json_incref(json_object_get(json_array_get(total, 0), "total")));
    json_decref(total);
    if (rc != FL_OK) {
        json_decref(res);
        return rc;
    }
    return dump(res, json, errmsg);
}

/* "k=v;k=v" attributes as an object; numbers stay strings but for lat/lon. */
static json_t *attrs_json(const char *attrs) {
    json_t *o = json_object();
    for (const char *p = attrs; p && *p;) {
        size_t n = strcspn(p, ";");
        const char *eq = memchr(p, '=', n);
        if (eq) {
            char key[64];
            snprintf(key, sizeof key, "%.*s", (int)(eq - p), p);
            json_t *v = json_stringn(eq + 1, (size_t)(p + n - eq - 1));
            if (strcmp(key, "lat") == 0 || strcmp(key, "lon") == 0) {
                double d = strtod(json_string_value(v), NULL);
                json_decref(v);
                v = json_real(d);
            }
            if (v) json_object_set_new(o, key, v);
        }
        p += n;
        if (*p == ';') p++;
    }
    return o;
}

/* The pack's profile and background facts of ID, when the pack knows it. */
static json_t *pack_profile(const char *id, json_t **background) {
    const gaz_pack *pack = NULL;
    *background = json_array();
    if (gaz_default(&pack, NULL) != FL_OK) return NULL;
    for (size_t i = 0; i < gaz_fact_count(pack); i++) {
        const gaz_fact *f = gaz_fact_at(pack, i);
        if (strcmp(f->subject, id) != 0 && strcmp(f->object, id) != 0) continue;
        const gaz_entity *s = gaz_get(pack, f->subject), *o = gaz_get(pack, f->object);
        json_array_append_new(*background,
                              json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "subject", f->subject,
                                        "subject_name", s ? s->name : f->subject, "predicate", f->predicate,
                                        "object", f->object, "object_name", o ? o->name : f->object,
                                        "start", f->start, "end", f->end, "source", f->source,
                                        "background", 1));
    }
    const gaz_entity *e = gaz_get(pack, id);
    if (!e) return NULL;
    json_t *aliases = json_array();
    for (const char *p = e->aliases; p && *p;) {
        size_t n = strcspn(p, "|");
        size_t k = strcspn(p, "@{");
        if (k > n) k = n;
        size_t j = 0;   /* the same alias may be listed for several languages */
        while (j < json_array_size(aliases) &&
               !(strlen(json_string_value(json_array_get(aliases, j))) == k &&
                 memcmp(json_string_value(json_array_get(aliases, j)), p, k) == 0))
            j++;
        if (k > 0 && j == json_array_size(aliases)) json_array_append_new(aliases, json_stringn(p, k));
        p += n;
        if (*p == '|') p++;
    }
    return json_pack("{s:s, s:s, s:s, s:o, s:o}", "id", e->id, "name", e->name, "type", e->type,
                     "aliases", aliases, "attributes", attrs_json(e->attrs));
}

int fl_dossier_json(fl_db *db, const char *entity_id, char **json, char **errmsg) {
    *json = NULL;
    const char *p[] = {entity_id};
    json_t *background = NULL, *stored = NULL;
    json_t *profile = pack_profile(entity_id, &background);
    int rc = store_rows(db, Q_ENTITY, p, 1, &stored, errmsg);
    if (rc == FL_OK && !profile && json_array_size(stored) == 0) {
        json_decref(stored);
        json_decref(background);
        return err_set(errmsg, FL_ENOTFOUND,
                       "%s: no such entity in the knowledge pack or the database; "
                       "'flank entities' lists them", entity_id);
    }
    if (!profile) profile = json_incref(json_array_get(stored, 0));
    json_decref(stored);
    json_t *res = json_pack("{s:o, s:o}", "entity", profile, "background", background);
    if (rc == FL_OK) rc = rows(db, Q_RELATIONS, p, 1, res, "relations", errmsg);
    if (rc == FL_OK) rc = rows(db, Q_CO_MENTIONS, p, 1, res, "co_mentions", errmsg);
    if (rc == FL_OK) rc = rows(db, Q_CLAIMS, p, 1, res, "claims", errmsg);
    if (rc == FL_OK) rc = rows(db, Q_SOURCES, p, 1, res, "sources", errmsg);
    if (rc != FL_OK) {
        json_decref(res);
        return rc;
    }
    return dump(res, json, errmsg);
}

int fl_timeline_json(fl_db *db, const char *entity, const char *since, const char *until, char **json,
                     char **errmsg) {
    *json = NULL;
    const char *p[] = {entity, since, until};
    json_t *res = json_object();
    int rc = rows(db, Q_TIMELINE, p, 3, res, "events", errmsg);
    if (rc != FL_OK) {
        json_decref(res);
        return rc;
    }
    return dump(res, json, errmsg);
}

/* Adds N relations to the "relations" count of the object KEY in BY_ID. */
static void add_relations(json_t *by_id, const char *key, json_int_t n) {
    json_t *o = json_object_get(by_id, key);
    if (!o) return;
    json_t *r = json_object_get(o, "relations");
    json_object_set_new(o, "relations", json_integer(json_integer_value(r) + n));
}

int fl_map_json(fl_db *db, const char *predicate, const char *subject, const char *since, const char *until,
                char **json, char **errmsg) {
    *json = NULL;
    const gaz_pack *pack = NULL;
    gaz_default(&pack, NULL);
    const char *pm[] = {since, until}, *pr[] = {predicate, subject, since, until};
    json_t *mentions = NULL, *rels = NULL;
    int rc = store_rows(db, Q_MAP_MENTIONS, pm, 2, &mentions, errmsg);
    if (rc == FL_OK) rc = store_rows(db, Q_MAP_RELATIONS, pr, 4, &rels, errmsg);
    if (rc != FL_OK) {
        json_decref(mentions);
        return rc;
    }
    /* Every country of the pack is on the map, mentioned or not. */
    json_t *countries = json_object(), *places = json_object();
    for (size_t i = 0; pack && i < gaz_entity_count(pack); i++) {
        const gaz_entity *e = gaz_entity_at(pack, i);
        if (strcmp(e->type, "country") != 0) continue;
        size_t n = 0;
        const char *iso = gaz_attr(e, "iso2", &n);
        json_object_set_new(countries, e->id,
                            json_pack("{s:s, s:s%, s:s, s:i, s:i}", "id", e->id, "iso2", iso ? iso : "", n,
                                      "name", e->name, "mentions", 0, "relations", 0));
    }
    size_t i;
    json_t *row;
    json_array_foreach(mentions, i, row) {
        const char *id = json_string_value(json_object_get(row, "id"));
        json_t *count = json_object_get(row, "mentions");
        if (strcmp(json_string_value(json_object_get(row, "type")), "country") == 0) {
            json_t *c = json_object_get(countries, id);
            if (c) json_object_set(c, "mentions", count);
            continue;
        }
        const gaz_entity *e = pack ? gaz_get(pack, id) : NULL;
        size_t n = 0, m = 0, k = 0;
        const char *lat = e ? gaz_attr(e, "lat", &n) : NULL, *lon = e ? gaz_attr(e, "lon", &m) : NULL;
        const char *in = e ? gaz_attr(e, "country", &k) : NULL;
        if (!lat || !lon) continue;   /* a place the map cannot draw */
        json_object_set_new(places, id,
                            json_pack("{s:s, s:o, s:f, s:f, s:s%, s:O, s:i}", "id", id, "name",
                                      json_incref(json_object_get(row, "name")), "lat", strtod(lat, NULL),
                                      "lon", strtod(lon, NULL), "country", in ? in : "", in ? k : 0,
                                      "mentions", count, "relations", 0));
    }
    json_array_foreach(rels, i, row) {
        const char *id = json_string_value(json_object_get(row, "id"));
        json_int_t n = json_integer_value(json_object_get(row, "relations"));
        add_relations(countries, id, n);
        add_relations(places, id, n);
        const gaz_entity *e = pack ? gaz_get(pack, id) : NULL;
        size_t k = 0;
        const char *in = e && strcmp(e->type, "place") == 0 ? gaz_attr(e, "country", &k) : NULL;
        if (in) {
            char key[64];
            snprintf(key, sizeof key, "%.*s", (int)k, in);
            add_relations(countries, key, n);
        }
    }
    json_decref(mentions);
    json_decref(rels);
    json_t *res = json_pack("{s:[], s:[]}", "countries", "places");
    const char *key;
    json_t *v;
    json_object_foreach(countries, key, v) json_array_append(json_object_get(res, "countries"), v);
    json_object_foreach(places, key, v) json_array_append(json_object_get(res, "places"), v);
    json_decref(countries);
    json_decref(places);
    return dump(res, json, errmsg);
}
