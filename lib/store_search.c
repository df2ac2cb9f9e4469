/*
** store_search.c: full-text search in the SQLite store (store_search of
** store.h): the read statements of a connection, the read transaction,
** the scopes (documents, through store_walk.c; sentences and filtered
** listings, as SQL), facets, and the page shown, as C structs. The schema
** and the write path are store_sqlite.c's.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "store_int.h"
#include "store_walk.h"
#include "banned.h"

/* FTS5 reports syntax problems as SQLITE_ERROR with "fts5: ..." text. */
int store_search_error(fl_db *db, char **errmsg) {
    const char *m = sqlite3_errmsg(db->sql);
    if (sqlite3_errcode(db->sql) == SQLITE_INTERRUPT) return store_db_error(db, errmsg, "search");
    if (strncmp(m, "fts5:", 5) == 0 || strstr(m, "syntax error") || strstr(m, "no such column"))
        return err_set(errmsg, FL_EQUERY, "query: %s", m);
    return store_db_error(db, errmsg, "search");
}

/* The message of a search's failure RC (FL_EDB: the connection's). */
static int search_failed(fl_db *db, int rc, char **errmsg) {
    if (rc == FL_EDB) return store_search_error(db, errmsg);
    return err_set(errmsg, rc, "search: %s", fl_strerror(rc));
}

/* The filters of fl_search_opts, as SQL over documents d with parameters
** ?4 entity, ?5 type (ENTITY_FILTERS), ?6 since, ?7 until, ?8 source
** (ROW_FILTERS, read from the document's row); NULL: no filter. */
#define ENTITY_FILTERS \
    " AND (?4 IS NULL OR d.id IN (" DOCS_MENTIONING("?4") "))" \
    " AND (?5 IS NULL OR d.id IN (" DOCS_MENTIONING_TYPE("?5") "))"
#define ROW_FILTERS \
    " AND (?6 IS NULL OR d.published >= ?6)" \
    " AND (?7 IS NULL OR substr(d.published, 1, length(?7)) <= ?7)" \
    " AND (?8 IS NULL OR instr(d.source, ?8) > 0)"
#define SEARCH_FILTERS ENTITY_FILTERS ROW_FILTERS

#define SENTENCE_HITS "2000"      /* sentences ranked in sentence scope */

#define DOC_COLUMNS "d.id, d.sha256, d.title, d.source, d.published, d.first_sentence, d.last_sentence, d.site_name"
#define N_DOC_COLUMNS 8

/* The documents each scope matches, as FROM ... WHERE over documents d,
** written once for the rows, the count and the facets: by the best
** SENTENCE_HITS sentences (BM25 over the text of the sentence index);
** with no query, by the filters alone. The documents scope is walked in C
** (below). */
#define BEST_SENTENCES \
    "SELECT rowid AS sid, rank FROM sentences_fts WHERE sentences_fts MATCH 'text : (' || ?1 || ')'" \
    " ORDER BY rank LIMIT " SENTENCE_HITS
#define SENTENCE_DOCS \
    "FROM (" BEST_SENTENCES ") h JOIN sentences s ON s.id = h.sid JOIN documents d ON d.id = s.doc_id" \
    " WHERE 1" SEARCH_FILTERS
#define LISTED_DOCS "FROM documents d WHERE ?1 IS NULL" SEARCH_FILTERS

#define STRINGIFY(x) #x
#define DECIMAL(x) STRINGIFY(x)
/* Facets: how many of the matching documents (the newest RANK_WINDOW of
** them, as for ranking) mention each entity type, each of the twelve
** countries mentioned by most, and were published each year. MATCHES
** selects the matching document ids as "id". Rows: facet, key, name, count,
** in the order shown (UNION ALL keeps each part's order). */
#define FACETS(MATCHES) \
    "WITH matches(id) AS MATERIALIZED (" MATCHES " ORDER BY 1 DESC LIMIT " DECIMAL(RANK_WINDOW) ")" \
    " SELECT * FROM (SELECT 'types' AS facet, e.type AS key, NULL AS name, count(DISTINCT m.doc_id) AS n" \
    "  FROM matches x JOIN mentions m ON m.doc_id = x.id JOIN entities e ON e.id = m.entity" \
    "  GROUP BY e.type ORDER BY n DESC, e.type)" \
    " UNION ALL SELECT * FROM (SELECT 'countries', e.id, e.name, count(*) AS n FROM matches x" \
    "  JOIN mentions m ON m.doc_id = x.id JOIN entities e ON e.id = m.entity WHERE e.type = 'country'" \
    "  GROUP BY e.id ORDER BY n DESC, e.id LIMIT 12)" \
    " UNION ALL SELECT * FROM (SELECT 'years', substr(d.published, 1, 4) AS year, NULL, count(*) FROM matches x" \
    "  JOIN documents d ON d.id = x.id WHERE d.published IS NOT NULL GROUP BY year ORDER BY year DESC)" \
    " UNION ALL SELECT 'documents', NULL, NULL, count(*) FROM matches"

static const char *const read_sql[N_READ_STMTS] = {
    /* The documents scope: the sentences holding any phrase of the query,
    ** newest first, each read by flank_hits into the walk's row (?2). */
    [RS_WALK] = "SELECT flank_hits(sentences_fts, ?2) FROM sentences_fts WHERE sentences_fts MATCH ?1"
                " ORDER BY rowid DESC",
    /* The exact pass: one call of flank_exact reads every phrase (?2). */
    [RS_EXACT] = "SELECT flank_exact(sentences_fts, ?2) FROM sentences_fts WHERE sentences_fts MATCH ?1 LIMIT 1",
    /* A phrase's postings (?1), read by flank_postings into a build (?2). */
    [RS_POSTINGS] = "SELECT flank_postings(sentences_fts, ?2) FROM sentences_fts WHERE sentences_fts MATCH ?1 LIMIT 1",
    [RS_LAST_SENTENCE] = "SELECT max(id) FROM sentences",
    [RS_DOC_STATS] = "SELECT id, first_sentence, tokens FROM doc_stats WHERE id > ?1 ORDER BY id",
    [RS_ENTITY_DOCS] = DOCS_MENTIONING("?1"),
    [RS_TYPE_DOCS] = DOCS_MENTIONING_TYPE("?1"),
    [RS_ROW_FILTERS] = "SELECT 1 FROM documents d WHERE d.id = ?1" ROW_FILTERS,
    /* Sentence scope: documents rank by their best sentence. */
    [RS_BY_SENTENCE] =
        "WITH hits AS (" BEST_SENTENCES "),"
        " per_doc AS (SELECT s.doc_id, min(h.rank) AS best FROM hits h JOIN sentences s ON s.id = h.sid"
        "  GROUP BY s.doc_id)"
        " SELECT " DOC_COLUMNS ", -p.best AS score FROM per_doc p JOIN documents d ON d.id = p.doc_id"
        " WHERE 1" SEARCH_FILTERS " ORDER BY p.best LIMIT ?2 OFFSET ?3",
    [RS_BY_SENTENCE_COUNT] = "SELECT count(DISTINCT d.id) " SENTENCE_DOCS,
    /* With no query, the filters alone list documents, newest first. */
    [RS_LISTED] =
        "SELECT " DOC_COLUMNS " " LISTED_DOCS
        " ORDER BY d.published IS NULL, d.published DESC, d.id DESC LIMIT ?2 OFFSET ?3",
    [RS_LISTED_COUNT] = "SELECT count(*) " LISTED_DOCS,
    [RS_DOC] = "SELECT " DOC_COLUMNS ", d.text, d.spans FROM documents d WHERE d.id = ?1",
    [RS_DOC_TEXT] = "SELECT text, spans FROM documents WHERE id = ?1",
    [RS_ENTITY_SPANS] = "SELECT spans FROM mentions WHERE doc_id = ?1 AND entity = ?2",
    [RS_FACETS_LISTED] = FACETS("SELECT d.id " LISTED_DOCS),
    /* ?9: the walk's matching document ids, as a JSON array. */
    [RS_FACETS_WALKED] = FACETS("SELECT value FROM json_each(?9)"),
    [RS_FACETS_BY_SENTENCE] = FACETS("SELECT DISTINCT d.id " SENTENCE_DOCS),
    [RS_BEGIN] = "BEGIN",
    [RS_COMMIT] = "COMMIT",
};

static void doc_table_release(doc_table *t) {
    free(t->doc);
    *t = (doc_table){0};
}

void store_reader_free(struct reader *r) {
    if (!r) return;
    for (int i = 0; i < N_READ_STMTS; i++) sqlite3_finalize(r->st[i]);
    doc_table_release(&r->docs);
    free(r);
}

void store_reader_forget(struct reader *r) {
    if (r) doc_table_release(&r->docs);
}

sqlite3_stmt *store_read_stmt(fl_db *db, enum read_stmt_id id) {
    if (!db->reader && !(db->reader = calloc(1, sizeof *db->reader))) return NULL;
    sqlite3_stmt **st = &db->reader->st[id];
    if (!*st) {
        if (sqlite3_prepare_v3(db->sql, read_sql[id], -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
            return NULL;
    } else {
        sqlite3_reset(*st);
        sqlite3_clear_bindings(*st);
    }
    return *st;
}

void store_bind_search(sqlite3_stmt *st, const char *expr, const fl_search_opts *o) {
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, o->limit);
    sqlite3_bind_int(st, 3, o->offset);
    sqlite3_bind_text(st, 4, o->entity, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, o->type, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, o->since, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, o->until, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, o->source, -1, SQLITE_STATIC);
}

/* Binds the search parameters to statement ID and returns its first
** column of the first row as an integer (0 when there is no row). */
static int search_scalar(fl_db *db, enum read_stmt_id id, const char *expr, const fl_search_opts *o,
                         int64_t *out, char **errmsg) {
    sqlite3_stmt *st = store_read_stmt(db, id);
    *out = 0;
    if (!st) return store_search_error(db, errmsg);
    store_bind_search(st, expr, o);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) *out = sqlite3_column_int64(st, 0);
    int rc = r == SQLITE_ROW || r == SQLITE_DONE ? FL_OK : store_search_error(db, errmsg);
    sqlite3_reset(st);
    return rc;
}

/* ---- the page ----------------------------------------------------------- */

void store_page_release(store_page *p) {
    json_decref(p->facets);
    free(p->docs);
    free(p->sentences);
    free(p->mentions);
    buf_release(&p->arena);
    *p = (store_page){0};
}

/* Column I of ST's row, copied into P's arena. */
static page_text page_column(store_page *p, sqlite3_stmt *st, int i) {
    if (sqlite3_column_type(st, i) == SQLITE_NULL) return (page_text){0, PAGE_NULL};
    const unsigned char *s = sqlite3_column_text(st, i);
    page_text t = {p->arena.len, (size_t)sqlite3_column_bytes(st, i)};
    buf_append(&p->arena, s, t.len);   /* its error is sticky: checked when the page is done */
    return t;
}

/* A document of ST's row (DOC_COLUMNS, then the text at TEXT_COLUMN and
** the score at SCORE_COLUMN when they are not -1) added to P. */
static int page_add_doc(store_page *p, sqlite3_stmt *st, int text_column, int score_column) {
    if (p->n_docs == p->cap_docs && array_grow(&p->docs, &p->cap_docs, sizeof *p->docs, 16) != FL_OK)
        return FL_ENOMEM;
    page_doc *d = &p->docs[p->n_docs++];
    *d = (page_doc){.id = sqlite3_column_int64(st, 0), .text = {0, PAGE_NULL}};
    d->sha256 = page_column(p, st, 1);
    d->title = page_column(p, st, 2);
    d->source = page_column(p, st, 3);
    d->published = page_column(p, st, 4);
    d->first_sentence = sqlite3_column_int64(st, 5);
    d->last_sentence = sqlite3_column_int64(st, 6);
    d->publisher = page_column(p, st, 7);
    if (text_column >= 0) d->text = page_column(p, st, text_column);
    if (score_column >= 0) d->has_score = 1, d->score = sqlite3_column_double(st, score_column);
    return p->arena.rc;
}

/* Document D of P's sentences, from its spans (column COL of ST's row):
** all, or when ONLY is not NULL those of its N_ONLY ids (ascending), the
** sentences worth showing. */
static int page_add_sentences(store_page *p, size_t d, sqlite3_stmt *st, int col, const int64_t *only,
                              size_t n_only) {
    const unsigned char *spans = sqlite3_column_blob(st, col);
    size_t n = (size_t)sqlite3_column_bytes(st, col), at = 0, prev_end = 0, start, end, next = 0;
    int64_t id = p->docs[d].first_sentence;
    p->docs[d].sentences = p->n_sentences;
    for (; (!only || next < n_only) && spans_next(spans, n, &at, &prev_end, &start, &end); id++) {
        if (only) {
            if (only[next] != id) continue;
            next++;
        }
        if (p->n_sentences == p->cap_sentences &&
            array_grow(&p->sentences, &p->cap_sentences, sizeof *p->sentences, 64) != FL_OK)
            return FL_ENOMEM;
        p->sentences[p->n_sentences++] = (page_sentence){id, start, end};
    }
    p->docs[d].n_sentences = p->n_sentences - p->docs[d].sentences;
    return FL_OK;
}

/* The mentions of ENTITY in document D of P ([[start, end], ...] in the
** mentions row) as D's mentions. */
static int page_add_mentions(fl_db *db, store_page *p, page_doc *d, const char *entity) {
    sqlite3_stmt *st = store_read_stmt(db, RS_ENTITY_SPANS);
    if (!st) return FL_EDB;
    sqlite3_bind_int64(st, 1, d->id);
    sqlite3_bind_text(st, 2, entity, -1, SQLITE_STATIC);
    json_t *spans = sqlite3_step(st) == SQLITE_ROW
                        ? json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL) : NULL;
    sqlite3_reset(st);
    int rc = FL_OK;
    size_t i;
    json_t *m;
    d->has_mentions = spans != NULL;
    d->mentions = p->n_mentions;
    json_array_foreach(spans, i, m) {
        if (p->n_mentions == p->cap_mentions &&
            (rc = array_grow(&p->mentions, &p->cap_mentions, sizeof *p->mentions, 16)) != FL_OK)
            break;
        p->mentions[p->n_mentions++] = (page_mention){(size_t)json_integer_value(json_array_get(m, 0)),
                                                      (size_t)json_integer_value(json_array_get(m, 1))};
    }
    d->n_mentions = p->n_mentions - d->mentions;
    json_decref(spans);
    return rc;
}

/* Completes document D of P, a row of the listing or the sentence scope,
** for the query stage: its text and all its sentences, and with ENTITY
** where it is mentioned. FL_OK, FL_ENOMEM or FL_EDB. */
static int add_text(fl_db *db, store_page *p, size_t d, const char *entity) {
    sqlite3_stmt *st = store_read_stmt(db, RS_DOC_TEXT);
    if (!st) return FL_EDB;
    sqlite3_bind_int64(st, 1, p->docs[d].id);
    int r = sqlite3_step(st), rc = FL_OK;
    if (r == SQLITE_ROW) {
        p->docs[d].text = page_column(p, st, 0);
        rc = page_add_sentences(p, d, st, 1, NULL, 0);
    }
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE) return FL_EDB;
    if (rc == FL_OK && entity) rc = page_add_mentions(db, p, &p->docs[d], entity);
    return rc == FL_OK ? p->arena.rc : rc;
}

/* The page [offset, offset + limit) of the RANKED rows of W into P, with
** their texts and sentences: from postings, only those holding a phrase,
** unless mentions of a filtered entity count too. */
static int window_page(fl_db *db, const walk *w, size_t ranked, const fl_search_opts *o, store_page *p) {
    size_t from = (size_t)o->offset, to = from + (size_t)o->limit;
    int rc = FL_OK;
    for (size_t k = from; rc == FL_OK && k < to && k < ranked; k++) {
        sqlite3_stmt *st = store_read_stmt(db, RS_DOC);
        if (!st) return FL_EDB;
        sqlite3_bind_int64(st, 1, walk_id(w, k));
        int r = sqlite3_step(st);
        if (r != SQLITE_ROW) {
            sqlite3_reset(st);
            if (r != SQLITE_DONE) rc = FL_EDB;
            continue;
        }
        int64_t *only = NULL;
        size_t n_only = 0;
        if ((rc = page_add_doc(p, st, N_DOC_COLUMNS, -1)) == FL_OK && !o->entity)
            rc = walk_sentences(w, k, &only, &n_only);
        if (rc == FL_OK) rc = page_add_sentences(p, p->n_docs - 1, st, N_DOC_COLUMNS + 1, only, n_only);
        sqlite3_reset(st);
        free(only);
        if (rc != FL_OK) break;
        p->docs[p->n_docs - 1].has_score = 1;
        p->docs[p->n_docs - 1].score = walk_doc_score(w, k);
        if (o->entity) rc = page_add_mentions(db, p, &p->docs[p->n_docs - 1], o->entity);
    }
    return rc == FL_OK ? p->arena.rc : rc;
}

/* Steps statement ID with the search parameters bound; its rows, each
** with its score at SCORE_COLUMN (or -1), become P's documents. */
static int collect(fl_db *db, enum read_stmt_id id, int score_column, const char *expr, const fl_search_opts *o,
                   store_page *p, char **errmsg) {
    sqlite3_stmt *st = store_read_stmt(db, id);
    if (!st) return store_search_error(db, errmsg);
    store_bind_search(st, expr, o);
    int r, rc = FL_OK;
    while (rc == FL_OK && (r = sqlite3_step(st)) == SQLITE_ROW) rc = page_add_doc(p, st, -1, score_column);
    if (rc == FL_OK && r != SQLITE_DONE) rc = store_search_error(db, errmsg);
    sqlite3_reset(st);
    return rc;
}

/* The "facets" object of a search (see RS_FACETS_*): {"documents": N
** counted, "types": [{"type", "count"}], "countries": [{"id", "name",
** "count"}], "years": [{"year", "count"}]}, most frequent first, years
** newest first. WALKED: the documents scope's matches as a JSON array. */
static int search_facets(fl_db *db, const char *expr, const fl_search_opts *o, const char *walked, json_t **out,
                         char **errmsg) {
    sqlite3_stmt *st = store_read_stmt(db, !expr ? RS_FACETS_LISTED : o->sentences ? RS_FACETS_BY_SENTENCE
                                                                               : RS_FACETS_WALKED);
    if (!st) return store_search_error(db, errmsg);
    store_bind_search(st, expr, o);
    sqlite3_bind_text(st, 9, walked, -1, SQLITE_STATIC);
    json_t *types = json_array(), *countries = json_array(), *years = json_array();
    json_int_t counted = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        const char *facet = (const char *)sqlite3_column_text(st, 0);
        const char *key = (const char *)sqlite3_column_text(st, 1);
        json_int_t n = sqlite3_column_int64(st, 3);
        if (strcmp(facet, "types") == 0)
            json_array_append_new(types, json_pack("{s:s, s:I}", "type", key, "count", n));
        else if (strcmp(facet, "countries") == 0)
            json_array_append_new(countries, json_pack("{s:s, s:s, s:I}", "id", key, "name",
                                                       (const char *)sqlite3_column_text(st, 2), "count", n));
        else if (strcmp(facet, "years") == 0)
            json_array_append_new(years, json_pack("{s:s, s:I}", "year", key, "count", n));
        else counted = n;
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE) {
        json_decref(types), json_decref(countries), json_decref(years);
        return store_search_error(db, errmsg);
    }
    *out = json_pack("{s:I, s:o, s:o, s:o}", "documents", counted, "types", types, "countries", countries,
                     "years", years);
    return FL_OK;
}

/* Runs the read statement ID (BEGIN or COMMIT); FL_OK or FL_EDB. */
static int run_read(fl_db *db, enum read_stmt_id id) {
    sqlite3_stmt *st = store_read_stmt(db, id);
    int r = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (st) sqlite3_reset(st);
    return r == SQLITE_DONE ? FL_OK : FL_EDB;
}

/* The search of store_search, inside its read transaction. */
static int search_in(fl_db *db, const char *expr, const fl_search_opts *opts, store_page *page, char **errmsg) {
    int sentences = expr && opts->sentences;
    walk *w = NULL;
    buf walked;
    buf_init(&walked, (size_t)RANK_WINDOW * 24);
    int rc;
    if (expr && !sentences) {
        /* Documents rows are read only for the page shown, or for filters. */
        rc = walk_matches(db, expr, opts, &w, errmsg);
        if (rc == FL_OK && opts->facets) walk_ids(w, &walked);
        if (rc == FL_OK) {
            size_t ranked = walk_rank(w, (size_t)opts->offset + (size_t)opts->limit);
            if ((rc = window_page(db, w, ranked, opts, page)) != FL_OK) rc = search_failed(db, rc, errmsg);
            page->total = walk_total(w);
            page->total_estimated = walk_estimated(w);
            if (page->total_estimated || page->total > RANK_WINDOW) page->ranked_window = RANK_WINDOW;
        }
    } else {
        rc = expr ? walk_check(expr, errmsg) : FL_OK;
        if (rc == FL_OK)
            rc = search_scalar(db, !expr ? RS_LISTED_COUNT : RS_BY_SENTENCE_COUNT, expr, opts, &page->total, errmsg);
        if (rc == FL_OK)
            rc = collect(db, !expr ? RS_LISTED : RS_BY_SENTENCE, !expr ? -1 : N_DOC_COLUMNS, expr, opts, page, errmsg);
        for (size_t d = 0; rc == FL_OK && d < page->n_docs; d++)
            if ((rc = add_text(db, page, d, opts->entity)) != FL_OK)
                rc = search_failed(db, rc, errmsg);
    }
    if (rc == FL_OK && opts->facets) rc = search_facets(db, expr, opts, buf_cstr(&walked), &page->facets, errmsg);
    buf_release(&walked);
    walk_free(w);
    return rc;
}

/* A search reads in one transaction (unless its caller holds one): the
** count, the page and its sentences come from one snapshot even while an
** ingest commits, and the database's locks are taken once, not per
** statement (they were a tenth of a search's time). */
int store_search(fl_db *db, const char *expr, const fl_search_opts *opts, store_page *page, char **errmsg) {
    int own = sqlite3_get_autocommit(db->sql);
    buf_init(&page->arena, BUF_NO_LIMIT);
    buf_reserve(&page->arena, (size_t)1 << 16);   /* ten documents of a few kilobytes, without copies */
    if (own && run_read(db, RS_BEGIN) != FL_OK) return store_db_error(db, errmsg, "search");
    int rc = search_in(db, expr, opts, page, errmsg);
    if (own && run_read(db, RS_COMMIT) != FL_OK && rc == FL_OK) rc = store_db_error(db, errmsg, "search");
    return rc;
}
