/*
** store_search.c: full-text search in the SQLite store (store_search of
** store.h): the read statements, BM25 over a window of the matches (an
** FTS5 auxiliary function collects it in one pass, the scores are
** bm25()'s arithmetic in C), filters, sentence scope, facets, and the
** rows of the page shown. The schema and the write path are
** store_sqlite.c's.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "store_int.h"
#include "banned.h"

/* FTS5 reports syntax problems as SQLITE_ERROR with "fts5: ..." text. */
static int search_error(fl_db *db, char **errmsg) {
    const char *m = sqlite3_errmsg(db->sql);
    if (strncmp(m, "fts5:", 5) == 0 || strstr(m, "syntax error") || strstr(m, "no such column"))
        return err_set(errmsg, FL_EQUERY, "query: %s", m);
    return store_db_error(db, errmsg, "search");
}

/* The filters of fl_search_opts, as SQL over documents d with parameters
** ?4 entity, ?5 type, ?6 since, ?7 until, ?8 source (NULL: no filter). */
#define SEARCH_FILTERS \
    " AND (?4 IS NULL OR d.id IN (" DOCS_MENTIONING("?4") "))" \
    " AND (?5 IS NULL OR d.id IN (" DOCS_MENTIONING_TYPE("?5") "))" \
    " AND (?6 IS NULL OR d.published >= ?6)" \
    " AND (?7 IS NULL OR substr(d.published, 1, length(?7)) <= ?7)" \
    " AND (?8 IS NULL OR instr(d.source, ?8) > 0)"

/* Queries matching more documents than this rank only the most recently
** stored RANK_WINDOW of them: BM25 costs a few microseconds a document,
** and a word found in every document of a large corpus would otherwise
** cost tens of milliseconds. The JSON reports the window when it applies. */
#define RANK_WINDOW 2000
#define SENTENCE_HITS "2000"      /* sentences ranked in sentence scope */

#define DOC_COLUMNS "d.id, d.sha256, d.title, d.source, d.published, d.first_sentence, d.last_sentence"

/* Statements of the read path, prepared once per connection like those
** of the write path. Parameters of the search statements: ?1 the FTS5
** expression, ?2 limit, ?3 offset, ?4..?8 the filters. */
enum read_stmt_id {
    RS_WINDOW, RS_RANKED_FILTERED, RS_COUNTED_FILTERED, RS_BY_SENTENCE, RS_BY_SENTENCE_COUNT, RS_LISTED,
    RS_LISTED_COUNT, RS_DOC, RS_SENTENCES, RS_ENTITY_SPANS, RS_DOCSIZE, RS_DOCSIZES, RS_FACETS_LISTED,
    RS_FACETS_RANKED, RS_FACETS_BY_SENTENCE, RS_BEGIN, RS_COMMIT, N_READ_STMTS
};

/* The documents each scope matches, as FROM ... WHERE over documents d,
** written once for the rows, the count and the facets: by the document
** index; by the best SENTENCE_HITS sentences (BM25 over the sentence
** index); with no query, by the filters alone. */
#define MATCHED_DOCS \
    "FROM documents_fts f JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH ?1" SEARCH_FILTERS
#define BEST_SENTENCES \
    "SELECT rowid AS sid, rank FROM sentences_fts WHERE sentences_fts MATCH ?1 ORDER BY rank LIMIT " SENTENCE_HITS
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
    /* Unfiltered documents scope: one pass over the matches, newest first,
    ** counts them and hands the newest RANK_WINDOW to the ranker (?2, see
    ** rank_window below), so a prefix expands its terms once. */
    [RS_WINDOW] = "SELECT flank_window(documents_fts, ?2) FROM documents_fts WHERE documents_fts MATCH ?1"
                  " ORDER BY rowid DESC",
    /* Documents are ranked by BM25 over title (weighted 2) and text, so a
    ** query's terms may sit in different sentences of one document. */
    [RS_RANKED_FILTERED] =
        "WITH top AS (SELECT f.rowid AS id, bm25(documents_fts, 2.0, 1.0) AS r " MATCHED_DOCS
        "  ORDER BY r LIMIT ?2 OFFSET ?3)"
        " SELECT " DOC_COLUMNS ", -top.r AS score FROM top JOIN documents d ON d.id = top.id ORDER BY top.r",
    [RS_COUNTED_FILTERED] = "SELECT count(*) " MATCHED_DOCS,
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
    [RS_DOC] = "SELECT " DOC_COLUMNS " FROM documents d WHERE d.id = ?1",
    [RS_SENTENCES] =
        "SELECT (SELECT text FROM documents WHERE id = ?1), id, start, end FROM sentences"
        " WHERE id BETWEEN ?2 AND ?3 ORDER BY id",
    [RS_ENTITY_SPANS] = "SELECT spans FROM mentions WHERE doc_id = ?1 AND entity = ?2",
    /* FTS5's own table of row lengths: one varint of tokens per column. */
    [RS_DOCSIZE] = "SELECT sz FROM documents_fts_docsize WHERE id = ?1",
    [RS_DOCSIZES] = "SELECT id, sz FROM documents_fts_docsize WHERE id BETWEEN ?1 AND ?2 ORDER BY id DESC",
    [RS_FACETS_LISTED] = FACETS("SELECT d.id " LISTED_DOCS),
    [RS_FACETS_RANKED] = FACETS("SELECT d.id " MATCHED_DOCS),
    [RS_FACETS_BY_SENTENCE] = FACETS("SELECT DISTINCT d.id " SENTENCE_DOCS),
    [RS_BEGIN] = "BEGIN",
    [RS_COMMIT] = "COMMIT",
};

struct reader {
    sqlite3_stmt *st[N_READ_STMTS];
};

void store_reader_free(struct reader *r) {
    if (!r) return;
    for (int i = 0; i < N_READ_STMTS; i++) sqlite3_finalize(r->st[i]);
    free(r);
}

/* The read statement ID, reset and unbound, or NULL on error (the
** connection's message says why). Callers reset it when done, so no
** statement holds a read transaction open between calls. */
static sqlite3_stmt *read_stmt(fl_db *db, enum read_stmt_id id) {
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

static int has_filters(const fl_search_opts *o) {
    return o->entity || o->type || o->since || o->until || o->source;
}

static void bind_search(sqlite3_stmt *st, const char *expr, const fl_search_opts *o) {
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
    sqlite3_stmt *st = read_stmt(db, id);
    *out = 0;
    if (!st) return search_error(db, errmsg);
    bind_search(st, expr, o);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) *out = sqlite3_column_int64(st, 0);
    int rc = r == SQLITE_ROW || r == SQLITE_DONE ? FL_OK : search_error(db, errmsg);
    sqlite3_reset(st);
    return rc;
}

/* ---- BM25 over a window of the matches ---------------------------------
** flank_window(documents_fts, RANKER) is an FTS5 auxiliary function: the
** RS_WINDOW pass calls it on every match, newest first. It counts them
** and, for the first RANK_WINDOW, keeps each phrase's weighted frequency.
** The scores are made after the pass with exactly the arithmetic of FTS5's
** bm25(documents_fts, 2.0, 1.0), so they and the order are that
** function's. Its IDF needs, per phrase, the number of rows matching the
** phrase alone: for a query of one phrase that is the number of matches,
** known at the end of the pass for free; otherwise FTS5 counts it
** (xQueryPhrase) as bm25 does. Before, a count pass, the ranking pass and
** bm25's own count each walked the posting lists, so a prefix query
** expanded its terms three times.
**
** BM25 also needs each row's length in tokens. FTS5 looks it up with an
** SQL statement per row, the most of what ranking a row cost; here the
** lengths come from FTS5's docsize table, in one range scan when the
** window's rows are dense (the usual case: the newest matches of a
** common word), else row by row for only the rows that can reach the
** page: a row's score falls as its length grows, so its score at length
** zero bounds it, and rows are measured best bound first until the bound
** falls below the page's worst score. */

#define BM25_K1 1.2
#define BM25_B 0.75
#define BOUND_MARGIN 1e-9   /* a bound must fall clearly short to drop a row */
#define GAVE_UP (-1)        /* read_lengths_sparse: over its budget */
#define SMALL_PAGE 64       /* pages up to this rank are picked by insertion, not sorted */

static const double column_weight[] = {2.0, 1.0};   /* title, text */

typedef struct window_row {
    int64_t rowid;
    double tokens;   /* the row's length in tokens (BM25's D); -1: not read */
    double r;        /* minus the BM25 score, as bm25() returns it */
} window_row;

typedef struct ranker {
    int64_t matches;     /* rows seen by the pass */
    int n_phrase;        /* 0 until the first row */
    int64_t n_rows;      /* rows in the table (BM25's N) */
    double avgdl;        /* their average length in tokens */
    int64_t *hits;       /* per phrase: rows matching it alone (-1: not counted) */
    double *idf;         /* per phrase */
    window_row *rows;    /* the newest RANK_WINDOW matches, newest first */
    double *freq;        /* n_phrase weighted frequencies per row of ROWS */
    size_t n, cap;
} ranker;

static void ranker_release(ranker *rk) {
    free(rk->hits);
    free(rk->idf);
    free(rk->rows);
    free(rk->freq);
}

/* BM25 of row K of RK at length D; bm25()'s arithmetic, term for term. */
static double bm25(const ranker *rk, size_t k, double d) {
    const double k1 = BM25_K1, b = BM25_B, *f = rk->freq + k * (size_t)rk->n_phrase;
    double score = 0.0;
    for (int i = 0; i < rk->n_phrase; i++)
        score += rk->idf[i] * ((f[i] * (k1 + 1.0)) / (f[i] + k1 * (1 - b + b * d / rk->avgdl)));
    return score;
}

static void set_idf(ranker *rk, int i) {
    rk->idf[i] = log((rk->n_rows - rk->hits[i] + 0.5) / (rk->hits[i] + 0.5));
    if (rk->idf[i] <= 0.0) rk->idf[i] = 1e-6;
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx) {
    (void)api, (void)fts;
    ++*(int64_t *)ctx;
    return SQLITE_OK;
}

/* Sets up RK on the first row: the table's statistics. */
static int ranker_start(ranker *rk, const Fts5ExtensionApi *api, Fts5Context *fts) {
    int n = api->xPhraseCount(fts);
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) return rc;
    rk->n_rows = rows;
    rk->avgdl = (double)tokens / (double)rows;
    size_t np = (size_t)(n > 0 ? n : 1);
    rk->hits = malloc(np * sizeof *rk->hits);
    rk->idf = calloc(np, sizeof *rk->idf);
    if (!rk->hits || !rk->idf) return SQLITE_NOMEM;
    for (size_t i = 0; i < np; i++) rk->hits[i] = -1;
    rk->n_phrase = n;
    return SQLITE_OK;
}

static int ranker_add(ranker *rk, const Fts5ExtensionApi *api, Fts5Context *fts) {
    int rc = rk->n_phrase ? SQLITE_OK : ranker_start(rk, api, fts);
    if (rc != SQLITE_OK) return rc;
    size_t np = (size_t)rk->n_phrase;
    if (rk->n == rk->cap) {
        size_t cap = rk->cap ? rk->cap * 4 : 64;
        if (cap > RANK_WINDOW) cap = RANK_WINDOW;
        window_row *rows = realloc(rk->rows, cap * sizeof *rows);
        if (rows) rk->rows = rows;
        double *freq = rows && np ? realloc(rk->freq, cap * np * sizeof *freq) : rk->freq;
        if (!rows || (np && !freq)) return SQLITE_NOMEM;
        rk->freq = freq;
        rk->cap = cap;
    }
    double *f = rk->freq + rk->n * np;
    for (size_t i = 0; i < np; i++) f[i] = 0.0;
    int n_inst = 0;
    rc = api->xInstCount(fts, &n_inst);
    for (int i = 0; i < n_inst && rc == SQLITE_OK; i++) {
        int phrase, col, off;
        rc = api->xInst(fts, i, &phrase, &col, &off);
        if (rc == SQLITE_OK) f[phrase] += col < 2 ? column_weight[col] : 1.0;
    }
    /* A phrase's count of rows is needed once it occurs in the window: one
    ** that never does (the NOT side of a query) adds 0 to every score,
    ** whatever its IDF. With one phrase, the pass itself counts it. */
    for (size_t i = 0; np > 1 && i < np && rc == SQLITE_OK; i++)
        if (f[i] > 0.0 && rk->hits[i] < 0) {
            rk->hits[i] = 0;
            rc = api->xQueryPhrase(fts, (int)i, &rk->hits[i], count_row);
        }
    if (rc == SQLITE_OK) rk->rows[rk->n++] = (window_row){api->xRowid(fts), -1.0, 0.0};
    return rc;
}

void store_window_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
                      sqlite3_value **val) {
    ranker *rk = n_val == 1 ? sqlite3_value_pointer(val[0], "flank_ranker") : NULL;
    if (!rk) {
        sqlite3_result_error(ctx, "flank_window: no ranker", -1);
        return;
    }
    if (rk->matches++ >= RANK_WINDOW) return;
    int rc = ranker_add(rk, api, fts);
    if (rc != SQLITE_OK) sqlite3_result_error_code(ctx, rc);
}

/* The tokens of a docsize record: one SQLite varint per column, summed. */
static double docsize_tokens(const unsigned char *p, int n) {
    double total = 0;
    for (int i = 0; i < n;) {
        uint64_t v = 0;
        int k = 0;
        while (i < n && k < 8 && (p[i] & 0x80)) v = (v << 7) | (p[i++] & 0x7f), k++;
        if (i < n) v = k == 8 ? (v << 8) | p[i++] : (v << 7) | p[i++];
        total += (double)v;
    }
    return total;
}

/* Reads the lengths of all rows of RK (newest first) in one range scan. */
static int read_lengths_dense(fl_db *db, ranker *rk) {
    sqlite3_stmt *st = read_stmt(db, RS_DOCSIZES);
    if (!st) return FL_EDB;
    sqlite3_bind_int64(st, 1, rk->rows[rk->n - 1].rowid);
    sqlite3_bind_int64(st, 2, rk->rows[0].rowid);
    size_t k = 0;
    int r = SQLITE_DONE;
    while (k < rk->n && (r = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        while (k < rk->n && rk->rows[k].rowid > id) k++;   /* no length stored: stays unread */
        if (k < rk->n && rk->rows[k].rowid == id)
            rk->rows[k++].tokens = docsize_tokens(sqlite3_column_blob(st, 1), sqlite3_column_bytes(st, 1));
    }
    int rc = k == rk->n || r == SQLITE_DONE ? FL_OK : FL_EDB;
    sqlite3_reset(st);
    return rc;
}

static int read_length(fl_db *db, window_row *row) {
    sqlite3_stmt *st = read_stmt(db, RS_DOCSIZE);
    if (!st) return FL_EDB;
    sqlite3_bind_int64(st, 1, row->rowid);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) row->tokens = docsize_tokens(sqlite3_column_blob(st, 0), sqlite3_column_bytes(st, 0));
    sqlite3_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? FL_OK : FL_EDB;
}

typedef struct bound_row {
    double bound;
    size_t k;
} bound_row;

/* Sifts H[i] down the max-heap H[0..n) (by bound). */
static void bound_sift(bound_row *h, size_t n, size_t i) {
    bound_row x = h[i];
    for (size_t c; (c = 2 * i + 1) < n; i = c) {
        if (c + 1 < n && h[c + 1].bound > h[c].bound) c++;
        if (h[c].bound <= x.bound) break;
        h[i] = h[c];
    }
    h[i] = x;
}

/* Removes and returns the best bound of the max-heap H of *N rows. */
static bound_row bound_pop(bound_row *h, size_t *n) {
    bound_row top = h[0];
    h[0] = h[--*n];
    bound_sift(h, *n, 0);
    return top;
}

/* Adds SCORE to the min-heap H of the KEEP best (*n so far). */
static void best_push(double *h, size_t *n, size_t keep, double score) {
    size_t i;
    if (*n < keep) {
        for (i = (*n)++; i > 0 && h[(i - 1) / 2] > score; i = (i - 1) / 2) h[i] = h[(i - 1) / 2];
        h[i] = score;
        return;
    }
    if (score <= h[0]) return;
    for (i = 0;;) {   /* replace the root and sift it down */
        size_t c = 2 * i + 1;
        if (c >= *n) break;
        if (c + 1 < *n && h[c + 1] < h[c]) c++;
        if (h[c] >= score) break;
        h[i] = h[c];
        i = c;
    }
    h[i] = score;
}

/* Reads the lengths of the rows of RK that can be among its KEEP best,
** best bound first; the others stay unread. Gives up with GAVE_UP after
** BUDGET lookups (the range scan is then cheaper). */
static int read_lengths_sparse(fl_db *db, ranker *rk, size_t keep, size_t budget) {
    bound_row *order = malloc(rk->n * sizeof *order);
    double *best = malloc(keep * sizeof *best);
    int rc = order && best ? FL_OK : FL_ENOMEM;
    size_t n_order = rc == FL_OK ? rk->n : 0, n_best = 0;
    for (size_t k = 0; k < n_order; k++) order[k] = (bound_row){bm25(rk, k, 0.0), k};
    /* Best bound first, as a heap: usually only a few rows are taken. */
    for (size_t i = n_order / 2; i-- > 0;) bound_sift(order, n_order, i);
    for (size_t j = 0; n_order > 0 && rc == FL_OK; j++) {
        bound_row next = bound_pop(order, &n_order);
        if (n_best == keep && next.bound < best[0] * (1 - BOUND_MARGIN)) break;
        if (j == budget) rc = GAVE_UP;
        window_row *row = &rk->rows[next.k];
        if (rc == FL_OK) rc = read_length(db, row);
        if (rc == FL_OK && row->tokens >= 0) best_push(best, &n_best, keep, bm25(rk, next.k, row->tokens));
    }
    free(order);
    free(best);
    return rc;
}

/* Best first; equal scores in the order of rowids, as SQLite's sort of
** bm25() left them; rows left unread last. */
static int window_cmp(const void *x, const void *y) {
    const window_row *a = x, *b = y;
    if ((a->tokens < 0) != (b->tokens < 0)) return a->tokens < 0 ? 1 : -1;
    if (a->r != b->r) return a->r < b->r ? -1 : 1;
    return a->rowid < b->rowid ? -1 : a->rowid > b->rowid;
}

/* Moves the KEEP (at most SMALL_PAGE) best read rows of RK to its front,
** in order; returns how many there are. */
static size_t pick_best(ranker *rk, size_t keep) {
    window_row top[SMALL_PAGE];
    size_t n = 0;
    if (keep == 0) return 0;
    for (size_t k = 0; k < rk->n; k++) {
        const window_row *row = &rk->rows[k];
        if (row->tokens < 0 || (n == keep && window_cmp(row, &top[n - 1]) >= 0)) continue;
        size_t i = n < keep ? n++ : n - 1;
        for (; i > 0 && window_cmp(row, &top[i - 1]) < 0; i--) top[i] = top[i - 1];
        top[i] = *row;
    }
    memcpy(rk->rows, top, n * sizeof *top);
    return n;
}

/* The newest RANK_WINDOW matches of EXPR ranked into RK, at least the
** page of O in order; *total counts all matches, *ranked the rows of RK
** in order. */
static int rank_window(fl_db *db, const char *expr, const fl_search_opts *o, ranker *rk, int64_t *total,
                       size_t *ranked, char **errmsg) {
    sqlite3_stmt *st = read_stmt(db, RS_WINDOW);
    *ranked = 0;
    if (!st) return search_error(db, errmsg);
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_pointer(st, 2, rk, "flank_ranker", NULL);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {}
    int rc = r == SQLITE_DONE ? FL_OK : search_error(db, errmsg);
    sqlite3_reset(st);
    if (rc != FL_OK || rk->n == 0) return rc;
    *total = rk->matches;
    if (rk->n_phrase == 1) rk->hits[0] = rk->matches;
    for (int i = 0; i < rk->n_phrase; i++)
        if (rk->hits[i] >= 0) set_idf(rk, i);   /* else 0, and so is the phrase's frequency */
    /* A scanned row costs about a sixth of a looked-up one. Looking up the
    ** best bounds first pays when few rows can reach the page (OR with a
    ** rare word), so that is tried with a small budget. */
    size_t keep = (size_t)o->offset + (size_t)o->limit;
    size_t span = (size_t)(rk->rows[0].rowid - rk->rows[rk->n - 1].rowid) + 1;
    rc = GAVE_UP;
    if (keep < rk->n) rc = read_lengths_sparse(db, rk, keep, span <= 6 * rk->n ? span / 50 : rk->n);
    if (rc == GAVE_UP) rc = read_lengths_dense(db, rk);
    if (rc != FL_OK) return rc == FL_EDB ? store_db_error(db, errmsg, "search") : err_set(errmsg, rc, "out of memory");
    size_t n_read = 0;
    for (size_t k = 0; k < rk->n; k++)
        if (rk->rows[k].tokens >= 0) rk->rows[k].r = -1.0 * bm25(rk, k, rk->rows[k].tokens), n_read++;
    *ranked = keep <= SMALL_PAGE ? pick_best(rk, keep) : n_read;
    if (keep > SMALL_PAGE) qsort(rk->rows, rk->n, sizeof *rk->rows, window_cmp);
    return FL_OK;
}

/* The page [offset, offset + limit) of the ranked window as documents. */
static int window_page(fl_db *db, const ranker *rk, size_t ranked, const fl_search_opts *o, json_t *results,
                       char **errmsg) {
    size_t from = (size_t)o->offset, to = from + (size_t)o->limit;
    for (size_t k = from; k < to && k < ranked; k++) {
        sqlite3_stmt *st = read_stmt(db, RS_DOC);
        if (!st) return search_error(db, errmsg);
        sqlite3_bind_int64(st, 1, rk->rows[k].rowid);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            json_t *doc = store_row_json(st);
            json_object_set_new(doc, "score", json_real(-rk->rows[k].r));
            json_array_append_new(results, doc);
        }
        sqlite3_reset(st);
        if (r != SQLITE_ROW && r != SQLITE_DONE) return search_error(db, errmsg);
    }
    return FL_OK;
}

/* Steps statement ID with the search parameters bound; its rows become
** RESULTS. */
static int collect(fl_db *db, enum read_stmt_id id, const char *expr, const fl_search_opts *o, json_t *results,
                   char **errmsg) {
    sqlite3_stmt *st = read_stmt(db, id);
    if (!st) return search_error(db, errmsg);
    bind_search(st, expr, o);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) json_array_append_new(results, store_row_json(st));
    int rc = r == SQLITE_DONE ? FL_OK : search_error(db, errmsg);
    sqlite3_reset(st);
    return rc;
}

/* Adds the document's "text" and "sentences" ([[id, start, end], ...]) so
** the query stage can pick and highlight the sentences to show, and with
** ENTITY the "entity_spans" ([[start, end], ...]) where it is mentioned. */
static int add_sentences(fl_db *db, json_t *doc, const char *entity, char **errmsg) {
    sqlite3_stmt *st = read_stmt(db, RS_SENTENCES);
    if (!st) return store_db_error(db, errmsg, "search");
    json_int_t id = json_integer_value(json_object_get(doc, "id"));
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, json_integer_value(json_object_get(doc, "first_sentence")));
    sqlite3_bind_int64(st, 3, json_integer_value(json_object_get(doc, "last_sentence")));
    json_t *spans = json_array();
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (!json_object_get(doc, "text")) json_object_set_new(doc, "text", store_column_json(st, 0));
        json_t *span = json_array();
        for (int i = 1; i <= 3; i++) json_array_append_new(span, json_integer(sqlite3_column_int64(st, i)));
        json_array_append_new(spans, span);
    }
    sqlite3_reset(st);
    json_object_set_new(doc, "sentences", spans);
    if (r != SQLITE_DONE) return store_db_error(db, errmsg, "search");
    if (!entity) return FL_OK;
    if (!(st = read_stmt(db, RS_ENTITY_SPANS))) return store_db_error(db, errmsg, "search");
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, entity, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        json_object_set_new(doc, "entity_spans", json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL));
    sqlite3_reset(st);
    return FL_OK;
}

/* The "facets" object of a search (see RS_FACETS_*): {"documents": N
** counted, "types": [{"type", "count"}], "countries": [{"id", "name",
** "count"}], "years": [{"year", "count"}]}, most frequent first, years
** newest first. */
static int search_facets(fl_db *db, const char *expr, const fl_search_opts *o, json_t **out, char **errmsg) {
    sqlite3_stmt *st = read_stmt(db, !expr ? RS_FACETS_LISTED : o->sentences ? RS_FACETS_BY_SENTENCE
                                                                               : RS_FACETS_RANKED);
    if (!st) return search_error(db, errmsg);
    bind_search(st, expr, o);
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
        return search_error(db, errmsg);
    }
    *out = json_pack("{s:I, s:o, s:o, s:o}", "documents", counted, "types", types, "countries", countries,
                     "years", years);
    return FL_OK;
}

/* Runs the read statement ID (BEGIN or COMMIT); FL_OK or FL_EDB. */
static int run_read(fl_db *db, enum read_stmt_id id) {
    sqlite3_stmt *st = read_stmt(db, id);
    int r = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (st) sqlite3_reset(st);
    return r == SQLITE_DONE ? FL_OK : FL_EDB;
}

/* The search of store_search, inside its read transaction; *OUT is NULL
** until it succeeds. */
static int search_in(fl_db *db, const char *expr, const fl_search_opts *opts, json_t **out, char **errmsg) {
    /* The ranking runs on the index alone; documents rows are read only
    ** for the page shown, or for filters. */
    int filtered = has_filters(opts), sentences = expr && opts->sentences;
    int64_t total = 0;
    ranker rk = {0};
    json_t *results = json_array();
    int rc;
    if (expr && !sentences && !filtered) {
        size_t ranked = 0;
        rc = rank_window(db, expr, opts, &rk, &total, &ranked, errmsg);
        if (rc == FL_OK) rc = window_page(db, &rk, ranked, opts, results, errmsg);
    } else {
        rc = search_scalar(db, !expr ? RS_LISTED_COUNT : sentences ? RS_BY_SENTENCE_COUNT : RS_COUNTED_FILTERED,
                           expr, opts, &total, errmsg);
        if (rc == FL_OK)
            rc = collect(db, !expr ? RS_LISTED : sentences ? RS_BY_SENTENCE : RS_RANKED_FILTERED, expr, opts,
                         results, errmsg);
    }
    ranker_release(&rk);
    size_t i;
    json_t *doc;
    json_array_foreach(results, i, doc) {
        if (rc == FL_OK) rc = add_sentences(db, doc, opts->entity, errmsg);
        json_object_del(doc, "first_sentence");
        json_object_del(doc, "last_sentence");
    }
    if (rc != FL_OK) {
        json_decref(results);
        return rc;
    }
    json_t *facets = NULL;
    if (opts->facets && (rc = search_facets(db, expr, opts, &facets, errmsg)) != FL_OK) {
        json_decref(results);
        return rc;
    }
    *out = json_pack("{s:I, s:o}", "total", (json_int_t)total, "results", results);
    if (total > RANK_WINDOW && expr && !sentences && !filtered)
        json_object_set_new(*out, "ranked_window", json_integer(RANK_WINDOW));
    if (facets) json_object_set_new(*out, "facets", facets);
    return FL_OK;
}

/* A search reads in one transaction (unless its caller holds one): the
** count, the page and its sentences come from one snapshot even while an
** ingest commits, and the database's locks are taken once, not per
** statement (they were a tenth of a search's time). */
int store_search(fl_db *db, const char *expr, const fl_search_opts *opts, json_t **out, char **errmsg) {
    int own = sqlite3_get_autocommit(db->sql);
    *out = NULL;
    if (own && run_read(db, RS_BEGIN) != FL_OK) return store_db_error(db, errmsg, "search");
    int rc = search_in(db, expr, opts, out, errmsg);
    if (own && run_read(db, RS_COMMIT) != FL_OK && rc == FL_OK) {
        json_decref(*out);
        *out = NULL;
        rc = store_db_error(db, errmsg, "search");
    }
    return rc;
}
