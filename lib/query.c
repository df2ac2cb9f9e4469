/*
** query.c: search, show — the query stage (see query.h and flank.h). It
** parses and checks the user's query, asks the store, and shapes JSON.
*/
#include "query.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "claim.h"
#include "err.h"
#include "gazetteer.h"
#include "json_text.h"
#include "kb.h"
#include "read.h"
#include "store_dedup.h"
#include "store.h"
#include "tokenize.h"
#include "vocab.h"
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

/* Adds a positive term to TERMS as a line of its folded words (the shared
** tokenizer's), with a final '*' for a prefix. */
static int put_folded(void *ctx, int flags, const char *token, size_t n, size_t start, size_t end) {
    (void)flags, (void)start, (void)end;
    buf *terms = ctx;
    if (terms->len && terms->data[terms->len - 1] != '\n') buf_putc(terms, ' ');
    buf_append(terms, token, n);
    return 0;
}

static void put_phrase(buf *terms, const char *p, size_t n, int prefix) {
    if (!terms) return;
    size_t before = terms->len;
    tok_run(p, n, terms, put_folded);
    if (terms->len == before) return;
    if (prefix) buf_putc(terms, '*');
    buf_putc(terms, '\n');
}

int query_to_fts(const char *q, buf *out, buf *terms, char **errmsg) {
    lexer lx = {.q = q};
    enum tok t = T_END;
    int depth = 0, need_term = 1, n_terms = 0, rc;
    int negate_next = 0, negated_depth = -1;   /* terms under NOT stay out of TERMS */
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
                buf_puts(out, " AND ");   /* FTS5 has no implicit AND after ')' */
            }
            put_term(out, q + lx.start, lx.len, lx.prefix);
            if (!lx.minus && !negate_next && negated_depth < 0)
                put_phrase(terms, q + lx.start, lx.len, lx.prefix);
            negate_next = 0;
            need_term = 0;
            n_terms++;
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
            if (!need_term) buf_puts(out, " AND ");
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
    if (n_terms == 0) return err_set(errmsg, FL_EQUERY, "query: nothing to search for");
    if (need_term)
        return err_set(errmsg, FL_EQUERY, "query: %s at column %zu needs a term after it", op_name, op_col);
    if (out->rc != FL_OK) return err_set(errmsg, out->rc, "query: %s", fl_strerror(out->rc));
    return FL_OK;
}

/* ---- picking and highlighting sentences -------------------------------
** The store ranks documents; which of their sentences to show is decided
** here, with the tokenizer the index uses, so a highlight is exactly what
** matched. A sentence scores ten per distinct query phrase it holds plus
** one per occurrence; the best PER_DOC are shown in text order of score. */

#define SNIPPET_MAX 360    /* bytes of a long sentence shown around its first match */

typedef struct word {
    size_t start, end;     /* in the document text */
    size_t fold, n_fold;   /* the folded form, in the words' arena */
} word;

typedef struct sentence_words {
    word *w;
    size_t n, cap;
    buf arena;
} sentence_words;

static int collect_word(void *ctx, int flags, const char *token, size_t n, size_t start, size_t end) {
    (void)flags;
    sentence_words *sw = ctx;
    if (sw->n == sw->cap && array_grow(&sw->w, &sw->cap, sizeof *sw->w, 64) != FL_OK) return FL_ENOMEM;
    sw->w[sw->n++] = (word){start, end, sw->arena.len, n};
    return buf_append(&sw->arena, token, n);
}

/* A word of a query phrase, cut out of TERMS (query_to_fts) once a search. */
typedef struct term_word {
    const char *fold;
    size_t n;
    int prefix;   /* written with '*' (a phrase's last word): matches the words it starts */
    int last;     /* the last word of its phrase */
} term_word;

/* TERMS ("w1 w2\nw3*\n") as words into *WORDS (the caller frees it). */
static int split_terms(const char *terms, term_word **words, size_t *n) {
    size_t cap = 0;
    *words = NULL;
    *n = 0;
    for (const char *p = terms; *p;) {
        size_t k = strcspn(p, " \n");
        if (*n == cap && array_grow(words, &cap, sizeof **words, 8) != FL_OK) return FL_ENOMEM;
        int prefix = k > 0 && p[k - 1] == '*' && p[k] != ' ';
        (*words)[(*n)++] = (term_word){p, prefix ? k - 1 : k, prefix, p[k] != ' '};
        p += k + (p[k] ? 1 : 0);
    }
    return FL_OK;
}

/* Does the phrase whose words start at T match the words from I on?
** *END gets the byte offset where the match ends. */
static int phrase_at(const sentence_words *sw, size_t i, const term_word *t, size_t *end) {
    for (;; t++, i++) {
        if (i >= sw->n) return 0;
        const word *w = &sw->w[i];
        const char *f = sw->arena.data + w->fold;
        if (t->prefix ? w->n_fold < t->n : w->n_fold != t->n) return 0;
        if (memcmp(f, t->fold, t->n) != 0) return 0;
        *end = w->end;
        if (t->last) return 1;
    }
}

typedef struct range {
    size_t start, end;
} range;

/* A sentence worth showing: its matches are RANGES[first, first + n) of the picker. */
typedef struct hit {
    int64_t id;
    size_t a, b;
    int score;
    size_t first, n;
} hit;

/* What picking needs for one document, reused from sentence to sentence. */
typedef struct picker {
    term_word *terms;   /* the query's phrases */
    size_t n_terms;
    sentence_words sw;
    range *ranges;
    size_t n_ranges, cap_ranges;
    hit *hits;
    size_t n_hits, cap_hits;
    const page_mention *entity;   /* mentions of the filtered entity */
    size_t n_entity;
    buf snippet;
} picker;

static int add_range(picker *pk, size_t start, size_t end) {
    if (pk->n_ranges == pk->cap_ranges && array_grow(&pk->ranges, &pk->cap_ranges, sizeof *pk->ranges, 64) != FL_OK)
        return FL_ENOMEM;
    pk->ranges[pk->n_ranges++] = (range){start, end};
    return FL_OK;
}

/* Scores the sentence in PK's words and adds its matches to PK's ranges. */
static int score_sentence(picker *pk, int *score) {
    const sentence_words *sw = &pk->sw;
    int rc = FL_OK;
    *score = 0;
    for (size_t t = 0; t < pk->n_terms && rc == FL_OK; t++) {   /* T: a phrase's first word */
        int found = 0;
        for (size_t i = 0; i < sw->n && rc == FL_OK; i++) {
            size_t end = 0;
            if (!phrase_at(sw, i, &pk->terms[t], &end)) continue;
            rc = add_range(pk, sw->w[i].start, end);
            found++;
        }
        if (found) *score += 10 + (found < 5 ? found : 5);
        while (!pk->terms[t].last) t++;
    }
    return rc;
}

/* Adds the mentions of the filtered entity inside [A, B) to PK's ranges;
** the score they bring is ten when there is any. */
static int score_entity(picker *pk, size_t a, size_t b, int *score) {
    int found = 0, rc = FL_OK;
    for (size_t i = 0; i < pk->n_entity && rc == FL_OK; i++) {
        if (pk->entity[i].start < a || pk->entity[i].end > b) continue;
        rc = add_range(pk, pk->entity[i].start, pk->entity[i].end);
        found = 1;
    }
    *score += found ? 10 : 0;
    return rc;
}

static int range_cmp(const void *x, const void *y) {
    const range *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start ? 1 : a->end < b->end ? -1 : a->end > b->end;
}

/* R[0, N) sorted by start, with overlapping or touching ranges merged;
** returns how many remain. */
static size_t merge_ranges(range *r, size_t n) {
    qsort(r, n, sizeof *r, range_cmp);
    size_t out = 0;
    for (size_t i = 0; i < n;) {
        range m = r[i];
        for (i++; i < n && r[i].start <= m.end; i++)
            if (r[i].end > m.end) m.end = r[i].end;
        r[out++] = m;
    }
    return out;
}

/* Hit H of TEXT as JSON: a snippet (the sentence, or a window of it
** around the first match) and the highlights inside it. */
static void write_hit(json_writer *w, picker *pk, const char *text, const hit *h) {
    range *r = pk->ranges + h->first;
    size_t n = merge_ranges(r, h->n), a = h->a, b = h->b, from = a, to = b;
    if (b - a > SNIPPET_MAX) {
        size_t first = n ? r[0].start : a;
        from = first > a + SNIPPET_MAX / 3 ? first - SNIPPET_MAX / 3 : a;
        to = from + SNIPPET_MAX < b ? from + SNIPPET_MAX : b;
        while (from > a && ((unsigned char)text[from] & 0xC0) == 0x80) from--;   /* whole characters */
        while (to < b && ((unsigned char)text[to] & 0xC0) == 0x80) to++;
    }
    buf *snip = &pk->snippet;
    buf_reset(snip);
    if (from > a) buf_puts(snip, "…");
    size_t shift = snip->len;
    buf_append(snip, text + from, to - from);
    if (to < b) buf_puts(snip, "…");
    jw_object(w);
    jw_key(w, "sentence_id", 11), jw_int(w, h->id);
    jw_key(w, "start", 5), jw_int(w, (int64_t)a);
    jw_key(w, "end", 3), jw_int(w, (int64_t)b);
    jw_key(w, "snippet", 7), jw_string(w, snip->data ? snip->data : "", snip->len);
    jw_key(w, "score", 5), jw_int(w, h->score);
    jw_key(w, "highlights", 10), jw_array(w);
    for (size_t i = 0; i < n; i++) {
        if (r[i].start < from || r[i].end > to) continue;
        jw_array(w);
        jw_int(w, (int64_t)(r[i].start - from + shift));
        jw_int(w, (int64_t)(r[i].end - from + shift));
        jw_end(w);
    }
    jw_end(w);
    jw_end(w);
    if (snip->rc != FL_OK && w->out->rc == FL_OK) w->out->rc = snip->rc;
}

/* Scores sentence [A, B) (id ID) of TEXT and keeps it in PK's hits when
** it holds a query phrase or a mention of the filtered entity. */
static int pick_sentence(picker *pk, const char *text, int64_t id, size_t a, size_t b) {
    size_t first = pk->n_ranges;
    int score = 0, rc;
    pk->sw.n = 0;
    buf_reset(&pk->sw.arena);
    if ((rc = tok_run(text + a, b - a, &pk->sw, collect_word)) != FL_OK) return rc;
    for (size_t k = 0; k < pk->sw.n; k++) pk->sw.w[k].start += a, pk->sw.w[k].end += a;
    if ((rc = score_sentence(pk, &score)) == FL_OK) rc = score_entity(pk, a, b, &score);
    if (rc != FL_OK || score == 0) {
        pk->n_ranges = first;
        return rc;
    }
    if (pk->n_hits == pk->cap_hits && array_grow(&pk->hits, &pk->cap_hits, sizeof *pk->hits, 16) != FL_OK)
        return FL_ENOMEM;
    pk->hits[pk->n_hits++] = (hit){id, a, b, score, first, pk->n_ranges - first};
    return FL_OK;
}

/* PK's hits for document D of page P, whose text is TEXT (NULL: none):
** the PER_DOC sentences holding most query phrases and mentions of the
** filtered entity (the earlier one of equals), in text order. */
static int pick_hits(picker *pk, const store_page *p, const page_doc *d, const char *text, int per_doc) {
    pk->n_ranges = pk->n_hits = 0;
    pk->entity = d->n_mentions ? p->mentions + d->mentions : NULL;
    pk->n_entity = d->n_mentions;
    int rc = FL_OK;
    for (size_t i = 0; i < d->n_sentences && rc == FL_OK; i++) {
        if (!text || (!pk->n_terms && !d->has_mentions)) break;
        const page_sentence *s = &p->sentences[d->sentences + i];
        rc = pick_sentence(pk, text, s->id, s->start, s->end);
    }
    /* The best PER_DOC: drop the worst, the later of equals, until they fit. */
    while (pk->n_hits > (size_t)per_doc) {
        size_t worst = 0;
        for (size_t i = 1; i < pk->n_hits; i++)
            if (pk->hits[i].score <= pk->hits[worst].score) worst = i;
        memmove(&pk->hits[worst], &pk->hits[worst + 1], (pk->n_hits - worst - 1) * sizeof *pk->hits);
        pk->n_hits--;
    }
    return rc;
}

static void picker_release(picker *pk) {
    free(pk->terms);
    free(pk->sw.w);
    buf_release(&pk->sw.arena);
    free(pk->ranges);
    free(pk->hits);
    buf_release(&pk->snippet);
}

/* Text T of page P as a JSON string, or null. */
static void write_text(json_writer *w, const store_page *p, page_text t) {
    if (t.len == PAGE_NULL) jw_literal(w, "null");
    else jw_string(w, p->arena.data + t.at, t.len);
}

/* Document D of page P with its hits (picked by PK) as JSON. */
static int write_doc(json_writer *w, picker *pk, const store_page *p, const page_doc *d, int per_doc) {
    const char *text = d->text.len == PAGE_NULL ? NULL : p->arena.data + d->text.at;
    int rc = pick_hits(pk, p, d, text, per_doc);
    if (rc != FL_OK) return rc;
    jw_object(w);
    jw_key(w, "id", 2), jw_int(w, d->id);
    jw_key(w, "sha256", 6), write_text(w, p, d->sha256);
    jw_key(w, "title", 5), write_text(w, p, d->title);
    jw_key(w, "source", 6), write_text(w, p, d->source);
    jw_key(w, "published", 9), write_text(w, p, d->published);
    jw_key(w, "publisher", 9), write_text(w, p, d->publisher);
    if (d->has_score) jw_key(w, "score", 5), jw_real(w, d->score);
    jw_key(w, "hits", 4), jw_array(w);
    for (size_t i = 0; i < pk->n_hits; i++) write_hit(w, pk, text, &pk->hits[i]);
    jw_end(w);
    jw_end(w);
    return FL_OK;
}

/* The answer to QUERY (O its options) from page P, as JSON into OUT. */
static int write_search(buf *out, const char *query, const fl_search_opts *o, const store_page *p,
                        const char *terms) {
    json_writer w;
    picker pk = {0};
    buf_init(&pk.sw.arena, BUF_NO_LIMIT);
    buf_init(&pk.snippet, BUF_NO_LIMIT);
    int rc = split_terms(terms, &pk.terms, &pk.n_terms);
    jw_init(&w, out, o->compact ? JSON_COMPACT : JSON_INDENT(2));
    jw_object(&w);
    jw_key(&w, "total", 5), jw_int(&w, p->total);
    jw_key(&w, "results", 7), jw_array(&w);
    for (size_t i = 0; i < p->n_docs && rc == FL_OK; i++) rc = write_doc(&w, &pk, p, &p->docs[i], o->per_doc);
    jw_end(&w);
    if (p->total_estimated) jw_key(&w, "total_estimated", 15), jw_literal(&w, "true");
    if (p->ranked_window) jw_key(&w, "ranked_window", 13), jw_int(&w, p->ranked_window);
    if (p->facets) jw_key(&w, "facets", 6), jw_value(&w, p->facets);
    jw_key(&w, "query", 5), jw_string(&w, query, strlen(query));
    jw_key(&w, "limit", 5), jw_int(&w, o->limit);
    jw_key(&w, "offset", 6), jw_int(&w, o->offset);
    jw_end(&w);
    picker_release(&pk);
    return rc == FL_OK ? out->rc : rc;
}

int query_json(json_t *v, char **json, char **errmsg) {
    buf out;
    buf_init(&out, BUF_NO_LIMIT);
    int rc = v ? json_text(&out, v, JSON_INDENT(2)) : FL_ENOMEM;
    json_decref(v);
    *json = rc == FL_OK ? buf_detach(&out, NULL) : NULL;
    buf_release(&out);
    return *json ? FL_OK : err_set(errmsg, FL_ENOMEM, "json: out of memory");
}

int fl_search_json(fl_db *db, const char *query, const fl_search_opts *opts, char **json,
                   char **errmsg) {
    *json = NULL;
    fl_search_opts o = opts ? *opts : (fl_search_opts){0};
    if (o.limit <= 0) o.limit = 10;
    if (o.per_doc <= 0) o.per_doc = 3;
    if (o.offset < 0) o.offset = 0;
    if (!query) query = "";
    size_t bad = utf8_check(query, strlen(query));
    if (query[bad]) return err_set(errmsg, FL_EQUERY, "query: byte %zu is not UTF-8", bad + 1);
    char *entity_id = NULL;
    if (o.entity && *o.entity) {
        int rc = fl_entity_id(db, o.entity, &entity_id, errmsg);
        if (rc != FL_OK) return rc;
        o.entity = entity_id;
    }
    int filtered = o.entity || o.type || o.since || o.until || o.source;
    int listing = filtered && !*query;
    buf expr, terms, out;
    buf_init(&expr, 1 << 16);
    buf_init(&terms, 1 << 16);
    buf_init(&out, BUF_NO_LIMIT);
    store_page page = {0};
    int rc = listing ? FL_OK : query_to_fts(query, &expr, &terms, errmsg);
    if (rc == FL_OK) rc = store_search(db, listing ? NULL : buf_cstr(&expr), &o, &page, errmsg);
    if (rc == FL_OK && buf_reserve(&out, 1 << 14) == FL_OK &&   /* a page of results in one allocation */
        (rc = write_search(&out, query, &o, &page, buf_cstr(&terms))) != FL_OK)
        err_set(errmsg, rc, "search: %s", fl_strerror(rc));
    if (rc == FL_OK && !(*json = buf_detach(&out, NULL))) rc = err_set(errmsg, FL_ENOMEM, "search: out of memory");
    store_page_release(&page);
    buf_release(&expr);
    buf_release(&terms);
    buf_release(&out);
    free(entity_id);
    return rc;
}

static int rows(fl_db *db, enum store_query q, const char *const *params, int n, json_t *into,
                const char *key, char **errmsg) {
    json_t *a = NULL;
    int rc = store_rows(db, q, params, n, &a, errmsg);
    if (rc == FL_OK) json_object_set_new(into, key, a);
    return rc;
}

/* Adds "text": the bytes [start, end) of TEXT, to each object of ROWS. */
static void add_span_text(json_t *rows, const char *text, size_t len) {
    size_t i;
    json_t *o;
    json_array_foreach(rows, i, o) {
        size_t a = (size_t)json_integer_value(json_object_get(o, "start"));
        size_t b = (size_t)json_integer_value(json_object_get(o, "end"));
        if (a <= b && b <= len) json_object_set_new(o, "text", json_stringn(text + a, b - a));
    }
}

/* The stored annotations of DOC, in the shapes of `flank extract --json`. */
static int add_annotations(fl_db *db, json_t *doc, char **errmsg) {
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(doc, "id")));
    const char *p[] = {id}, *text = json_string_value(json_object_get(doc, "text"));
    size_t len = json_string_length(json_object_get(doc, "text"));
    int rc = rows(db, Q_DOC_ENTITIES, p, 1, doc, "entities", errmsg);
    if (rc == FL_OK) rc = rows(db, Q_DOC_DATES, p, 1, doc, "dates", errmsg);
    if (rc == FL_OK) rc = rows(db, Q_DOC_RELATIONS, p, 1, doc, "relations", errmsg);
    if (rc == FL_OK) rc = rows(db, Q_DOC_CLAIMS, p, 1, doc, "claims", errmsg);
    if (rc != FL_OK) return rc;
    size_t i, k;
    json_t *e, *span;
    json_array_foreach(json_object_get(doc, "entities"), i, e) {
        json_t *mentions = json_array();
        json_array_foreach(json_object_get(e, "evidence"), k, span)
            json_array_append_new(mentions, json_pack("{s:O, s:O}", "start", json_array_get(span, 0),
                                                      "end", json_array_get(span, 1)));
        add_span_text(mentions, text, len);
        json_object_del(e, "evidence");
        json_object_set_new(e, "mentions", mentions);
    }
    add_span_text(json_object_get(doc, "dates"), text, len);
    return FL_OK;
}

int fl_show_json(fl_db *db, const char *ref, char **json, char **errmsg) {
    *json = NULL;
    json_t *doc = NULL;
    int rc = store_document(db, ref, &doc, errmsg);
    if (rc == FL_OK) rc = add_annotations(db, doc, errmsg);
    if (rc == FL_OK && store_dedup_json(db, json_integer_value(json_object_get(doc, "id")), doc) != FL_OK)
        rc = err_set(errmsg, FL_ENOMEM, "out of memory");
    if (rc != FL_OK) {
        json_decref(doc);
        return rc;
    }
    return query_json(doc, json, errmsg);
}

/* ---- entities, dossier, timeline, map --------------------------------- */


/* "in_pack" on each of ENTITIES: false for the documents' own (names.h). */
static void mark_in_pack(json_t *entities) {
    const gaz_pack *pack = NULL;
    if (gaz_default(&pack, NULL) != FL_OK) return;
    size_t i;
    json_t *e;
    json_array_foreach(entities, i, e) {
        const char *id = json_string_value(json_object_get(e, "id"));
        json_object_set_new(e, "in_pack", json_boolean(id && gaz_get(pack, id)));
    }
}

int fl_entities_json(fl_db *db, const char *type, int limit, int offset, char **json, char **errmsg) {
    *json = NULL;
    char lim[16], off[16];
    snprintf(lim, sizeof lim, "%d", limit > 0 ? limit : 50);
    snprintf(off, sizeof off, "%d", offset > 0 ? offset : 0);
    const char *p[] = {type && *type ? type : NULL, lim, off};
    json_t *res = json_object(), *total = NULL;
    int rc = rows(db, Q_ENTITIES, p, 3, res, "entities", errmsg);
    if (rc == FL_OK) mark_in_pack(json_object_get(res, "entities"));
    if (rc == FL_OK) rc = store_rows(db, Q_ENTITIES_TOTAL, p, 1, &total, errmsg);
    if (rc == FL_OK)
        json_object_set_new(res, "total", json_incref(json_object_get(json_array_get(total, 0), "total")));
    json_decref(total);
    if (rc != FL_OK) {
        json_decref(res);
        return rc;
    }
    return query_json(res, json, errmsg);
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
    if (gaz_default(&pack, NULL) != FL_OK) {
        *background = json_array();
        return NULL;
    }
    *background = kb_facts_json(pack, id);
    size_t i;
    json_t *fact;
    json_array_foreach(*background, i, fact) json_object_set_new(fact, "background", json_true());
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
    return json_pack("{s:s, s:s, s:s, s:b, s:o, s:o}", "id", e->id, "name", e->name, "type", e->type,
                     "in_pack", 1, "aliases", aliases, "attributes", attrs_json(e->attrs));
}

/* "claims" of INTO: the claims by or about EITHER (the dossier's, each
** with its "role"), about ABOUT, by BY, of KIND (each may be NULL), the
** first LIMIT in document order, each with its source and "about". */
static int claim_rows(fl_db *db, const char *either, const char *about, const char *by, const char *kind,
                      int limit, json_t *into, char **errmsg) {
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {either, about, by, kind, lim};
    return rows(db, Q_CLAIMS, p, 5, into, "claims", errmsg);
}

int fl_claims_json(fl_db *db, const char *about, const char *by, const char *kind, int limit, char **json,
                   char **errmsg) {
    *json = NULL;
    if (kind && claim_kind_parse(kind) < 0)
        return err_set(errmsg, FL_EINVAL, "%s: not a kind of claim (quote, assessment, recommendation)", kind);
    if (limit < 1 || limit > FL_CLAIMS_MAX)
        return err_set(errmsg, FL_EINVAL, "%d: the limit must be between 1 and %d", limit, FL_CLAIMS_MAX);
    char *about_id = NULL, *by_id = NULL;
    int rc = about && *about ? fl_entity_id(db, about, &about_id, errmsg) : FL_OK;
    if (rc == FL_OK && by && *by) rc = fl_entity_id(db, by, &by_id, errmsg);
    json_t *res = json_object();
    if (rc == FL_OK) rc = claim_rows(db, NULL, about_id, by_id, kind, limit, res, errmsg);
    free(about_id);
    free(by_id);
    if (rc != FL_OK) {
        json_decref(res);
        return rc;
    }
    return query_json(res, json, errmsg);
}

static int dossier(fl_db *db, const char *entity_id, int evidence, char **json, char **errmsg);

int fl_dossier_evidence_json(fl_db *db, const char *entity, int evidence, char **json, char **errmsg) {
    *json = NULL;
    if (evidence < 1 || evidence > FL_DOSSIER_EVIDENCE_MAX)
        return err_set(errmsg, FL_EINVAL, "%d: the evidence sentences kept must be between 1 and %d", evidence,
                       FL_DOSSIER_EVIDENCE_MAX);
    char *id = NULL;
    int rc = fl_entity_id(db, entity, &id, errmsg);
    if (rc == FL_OK) rc = dossier(db, id, evidence, json, errmsg);
    free(id);
    return rc;
}

int fl_dossier_json(fl_db *db, const char *entity, char **json, char **errmsg) {
    return fl_dossier_evidence_json(db, entity, FL_DOSSIER_EVIDENCE, json, errmsg);
}

/* "PREDICATE|SUBJECT|=OBJECT" of a row ("-" for no object) into KEY;
** false when it does not fit. */
static int fact_key(json_t *row, char *key, size_t size) {
    const char *p = json_string_value(json_object_get(row, "predicate"));
    const char *s = json_string_value(json_object_get(row, "subject"));
    const char *o = json_string_value(json_object_get(row, "object"));
    int n = snprintf(key, size, "%s|%s|%c%s", p ? p : "", s ? s : "", o ? '=' : '-', o ? o : "");
    return n > 0 && (size_t)n < size;
}

/* Gives each relation group of RES (store_relations' rows) its "stances": who
** asserts, alleges, denies or disputes the fact, with the source (STANCES,
** store_relations' stances toward the same relations, whatever the
** modality: "X says it happened" and "Y denied it" are stated with two
** modalities of one fact). The stances are put in one list per fact once,
** in their order, not compared with every relation group (327 groups and
** 2,000 stances at 20,000 documents); the rows of one fact share their
** list. */
static void add_stances(json_t *stances, json_t *res) {
    json_t *by_fact = json_object();
    size_t i;
    json_t *rel, *st;
    char key[1024];
    json_array_foreach(stances, i, st) {
        if (!fact_key(st, key, sizeof key)) continue;
        json_t *list = json_object_get(by_fact, key);
        if (!list) json_object_set_new(by_fact, key, list = json_array());
        static const char *const keys[] = {"predicate", "subject", "object", "modality"};
        for (size_t j = 0; j < sizeof keys / sizeof *keys; j++) json_object_del(st, keys[j]);
        json_array_append(list, st);
    }
    json_array_foreach(json_object_get(res, "relations"), i, rel) {
        json_t *list = fact_key(rel, key, sizeof key) ? json_object_get(by_fact, key) : NULL;
        json_object_set_new(rel, "stances", list ? json_incref(list) : json_array());
    }
    json_decref(by_fact);
}

static int dossier(fl_db *db, const char *entity_id, int evidence, char **json, char **errmsg) {
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
    if (!profile) {   /* a document's own entity (names.h): the analyst may add it to the pack */
        profile = json_incref(json_array_get(stored, 0));
        json_object_set_new(profile, "in_pack", json_false());
    }
    json_decref(stored);
    vocab_add_classes(background);
    json_t *res = json_pack("{s:o, s:o}", "entity", profile, "background", background);
    json_t *relations = NULL, *stances = NULL;
    if (rc == FL_OK) rc = store_relations(db, entity_id, evidence, &relations, &stances, errmsg);
    if (rc == FL_OK) json_object_set_new(res, "relations", relations);
    if (rc == FL_OK) vocab_add_classes(json_object_get(res, "relations"));
    if (rc == FL_OK) add_stances(stances, res);
    json_decref(stances);
    if (rc == FL_OK) rc = rows(db, Q_CO_MENTIONS, p, 1, res, "co_mentions", errmsg);
    if (rc == FL_OK) rc = claim_rows(db, entity_id, NULL, NULL, NULL, 100, res, errmsg);
    if (rc == FL_OK) rc = rows(db, Q_SOURCES, p, 1, res, "sources", errmsg);
    if (rc == FL_OK) rc = browse_dossier(db, entity_id, res, errmsg);
    if (rc != FL_OK) {
        json_decref(res);
        return rc;
    }
    return query_json(res, json, errmsg);
}

int fl_timeline_json(fl_db *db, const char *entity, const char *since, const char *until, char **json,
                     char **errmsg) {
    *json = NULL;
    char *id = NULL;
    if (entity && *entity) {
        int rc = fl_entity_id(db, entity, &id, errmsg);
        if (rc != FL_OK) return rc;
    }
    const char *p[] = {id, since, until};
    json_t *res = json_object();
    int rc = rows(db, Q_TIMELINE, p, 3, res, "events", errmsg);
    if (rc == FL_OK) vocab_add_classes(json_object_get(res, "events"));
    free(id);
    if (rc != FL_OK) {
        json_decref(res);
        return rc;
    }
    return query_json(res, json, errmsg);
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
    if (predicate && !vocab_find(predicate)) {
        int rc = vocab_init(NULL, errmsg);
        return rc != FL_OK ? rc : err_set(errmsg, FL_EINVAL, "%s: not a predicate of the vocabulary; "
                                          "'flank kb predicates' lists them", predicate);
    }
    const gaz_pack *pack = NULL;
    gaz_default(&pack, NULL);
    char *subject_id = NULL;
    if (subject && *subject) {
        int rc = fl_entity_id(db, subject, &subject_id, errmsg);
        if (rc != FL_OK) return rc;
    }
    const char *pm[] = {since, until}, *pr[] = {predicate, subject_id, since, until};
    json_t *mentions = NULL, *rels = NULL;
    int rc = store_rows(db, Q_MAP_MENTIONS, pm, 2, &mentions, errmsg);
    if (rc == FL_OK) rc = store_rows(db, Q_MAP_RELATIONS, pr, 4, &rels, errmsg);
    if (rc != FL_OK) {
        free(subject_id);
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
    rc = browse_map(db, predicate, subject_id, since, until, res, errmsg);
    free(subject_id);
    if (rc != FL_OK) {
        json_decref(res);
        return rc;
    }
    return query_json(res, json, errmsg);
}
