/*
** store_walk.c: the documents scope of a search (store_walk.h), answered
** from the one full-text index, of sentences: the query compiled to a
** boolean form over its phrases; the walk of the index's matches, newest
** first, judged a document at a time; the exact pass over every phrase
** when matches are sparse; on a connection sharing postings, the phrases'
** postings in memory (bit sets of documents, judged 64 at a time); BM25
** of the newest RANK_WINDOW matches and the best of them. The statements
** it steps are store_search.c's; building and sharing postings is
** store_postings.c's.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "store_int.h"
#include "store_postings.h"
#include "store_walk.h"
#include "banned.h"

/* ---- documents from the sentence index ---------------------------------
** The documents scope (the default) is answered from the index of
** sentences: a document matches when the query holds for the set of its
** phrases found anywhere in it (its title or any sentence), and ranks by
** BM25 over the whole document with the arithmetic of FTS5's bm25() on an
** index of whole documents, the title weighted 2: per phrase, its
** instances in the document (a title's count twice), the number of
** documents holding it (IDF), the document's length in tokens and the
** average length. A second index of whole documents gave the same answers
** but cost a sixth of ingest time (bench/README.md).
**
** The walk asks FTS5 for the sentences holding any phrase of the query
** (doc_query's ANY), newest first: sentence ids grow with document ids, so
** a document's sentences come together. The auxiliary function flank_hits
** reads each one's phrase instances into a hit_row. When the next document
** starts, the one before is judged: the query's boolean form over the
** phrases it holds (doc_query_holds), then the filters. The newest
** RANK_WINDOW matching documents are kept for ranking, and the walk stops
** at the first row past them: counting every match of a common word would
** read every sentence holding it, several per document. The total and the
** phrases' document counts are then extrapolated from the share of the
** documents walked, and the answer says so ("total_estimated"). */

#define MAX_PHRASES 64      /* a document's phrases are a bit set */
#define MAX_NESTING 192     /* operators and open parentheses pending */
#define BM25_K1 1.2
#define BM25_B 0.75
#define SMALL_PAGE 64       /* pages up to this rank are picked by insertion, not sorted */

/* The weight of an instance of a phrase in column COL: title, text. */
static double column_weight(int col) { return col == 0 ? TITLE_WEIGHT : 1.0; }

enum { OP_AND = -1, OP_OR = -2, OP_NOT = -3, OP_OPEN = -4 };

/* A query in the two forms the walk needs. */
typedef struct doc_query {
    int n_phrase;
    size_t phrase_at[MAX_PHRASES], phrase_len[MAX_PHRASES];   /* each phrase's bytes in ANY */
    int prog[2 * MAX_PHRASES];   /* postfix: phrase numbers and OP_* */
    int n_prog;
    uint64_t truth;              /* up to TRUTH_PHRASES phrases: bit h says whether Q holds for the set h */
    buf any;                     /* the phrases joined by OR, in order */
} doc_query;

#define TRUTH_PHRASES 6          /* 2^6 sets of phrases: one 64-bit word */

static int op_rank(int op) { return op == OP_NOT ? 3 : op == OP_AND ? 2 : op == OP_OR ? 1 : 0; }

static int bad_expression(char **errmsg) {
    return err_set(errmsg, FL_EQUERY, "query: cannot evaluate the expression by document");
}

/* The operator word at P (AND, OR or NOT, then a space or the end), or 0. */
static int operator_at(const char *p, size_t *len) {
    static const struct { const char *word; int op; } ops[] = {{"AND", OP_AND}, {"OR", OP_OR}, {"NOT", OP_NOT}};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        size_t n = strlen(ops[i].word);
        if (strncmp(p, ops[i].word, n) == 0 && (p[n] == ' ' || p[n] == '\0')) return *len = n, ops[i].op;
    }
    return 0;
}

/* Q's truth for 64 documents at once: bit d of HAS[i] says whether
** document d holds phrase i; so does bit d of the answer for Q. */
static uint64_t doc_query_eval(const doc_query *q, const uint64_t *has) {
    uint64_t v[2 * MAX_PHRASES];
    int n = 0;
    for (int i = 0; i < q->n_prog; i++) {
        int op = q->prog[i];
        if (op >= 0) {
            v[n++] = has[op];
            continue;
        }
        uint64_t b = v[--n], a = v[--n];
        v[n++] = op == OP_AND ? a & b : op == OP_OR ? a | b : a & ~b;
    }
    return v[0];
}

/* Q's truth table when it has at most TRUTH_PHRASES phrases: evaluated
** once over 64 "documents", the one numbered h holding the set h. */
static uint64_t doc_query_truth(const doc_query *q) {
    static const uint64_t holds_phrase[TRUTH_PHRASES] = {0xAAAAAAAAAAAAAAAAu, 0xCCCCCCCCCCCCCCCCu,
                                                         0xF0F0F0F0F0F0F0F0u, 0xFF00FF00FF00FF00u,
                                                         0xFFFF0000FFFF0000u, 0xFFFFFFFF00000000u};
    return q->n_phrase <= TRUTH_PHRASES ? doc_query_eval(q, holds_phrase) : 0;
}

/* Compiles EXPR, an FTS5 expression as query.c writes it (quoted phrases,
** each maybe with a '*', AND, OR, NOT and parentheses, every operator
** written) into Q, whose ANY the caller has initialised. The phrases keep
** their order, so FTS5's phrase numbers in ANY are those of EXPR. FTS5's
** precedence: NOT over AND over OR, each left to right. */
static int doc_query_compile(const char *expr, doc_query *q, char **errmsg) {
    int ops[MAX_NESTING], n_ops = 0, depth = 0;   /* DEPTH: values the program leaves */
    q->n_phrase = q->n_prog = 0;
    for (const char *p = expr; *p;) {
        size_t len = 0;
        int op;
        if (*p == ' ') {
            p++;
        } else if (*p == '"') {
            const char *start = p++;
            while (*p && (*p != '"' || p[1] == '"')) p += *p == '"' ? 2 : 1;
            if (!*p) return bad_expression(errmsg);
            p += p[1] == '*' ? 2 : 1;
            if (q->n_phrase == MAX_PHRASES)
                return err_set(errmsg, FL_EQUERY, "query: more than %d terms", MAX_PHRASES);
            if (q->n_phrase) buf_puts(&q->any, " OR ");
            q->phrase_at[q->n_phrase] = q->any.len;
            q->phrase_len[q->n_phrase] = (size_t)(p - start);
            buf_append(&q->any, start, (size_t)(p - start));
            q->prog[q->n_prog++] = q->n_phrase++;
            depth++;
        } else if (*p == '(' || (op = operator_at(p, &len)) != 0) {
            if (*p == '(') op = OP_OPEN, len = 1;
            while (op != OP_OPEN && n_ops && op_rank(ops[n_ops - 1]) >= op_rank(op))
                q->prog[q->n_prog++] = ops[--n_ops], depth--;
            if (n_ops == MAX_NESTING) return err_set(errmsg, FL_EQUERY, "query: nested too deeply");
            ops[n_ops++] = op;
            p += len;
        } else if (*p == ')') {
            while (n_ops && ops[n_ops - 1] != OP_OPEN) q->prog[q->n_prog++] = ops[--n_ops], depth--;
            if (!n_ops) return bad_expression(errmsg);
            n_ops--;
            p++;
        } else {
            return bad_expression(errmsg);
        }
        if (depth < 1 && q->n_prog > 0) return bad_expression(errmsg);
    }
    while (n_ops) {
        if (ops[n_ops - 1] == OP_OPEN) return bad_expression(errmsg);
        q->prog[q->n_prog++] = ops[--n_ops], depth--;
    }
    if (depth != 1 || q->any.rc != FL_OK) return bad_expression(errmsg);
    q->truth = doc_query_truth(q);
    return FL_OK;
}

/* Does Q hold for a document holding the phrases of the set HAS? */
static int doc_query_holds(const doc_query *q, uint64_t has) {
    if (q->n_phrase <= TRUTH_PHRASES) return (int)(q->truth >> has & 1);
    uint64_t one[MAX_PHRASES];
    for (int i = 0; i < q->n_phrase; i++) one[i] = has >> i & 1;
    return (int)(doc_query_eval(q, one) & 1);
}

/* The phrases a document must hold for Q to hold (*REQUIRED) and those
** it must not (*FORBIDDEN), as bit sets. Per subexpression: what it
** requires, what it forbids, and what suffices for it to hold. */
static void doc_query_masks(const doc_query *q, uint64_t *required, uint64_t *forbidden) {
    uint64_t req[2 * MAX_PHRASES], forb[2 * MAX_PHRASES], suff[2 * MAX_PHRASES];
    int n = 0;
    for (int i = 0; i < q->n_prog; i++) {
        int op = q->prog[i];
        if (op >= 0) {
            req[n] = suff[n] = (uint64_t)1 << op;
            forb[n++] = 0;
            continue;
        }
        n--;
        uint64_t r = req[n], f = forb[n], s = suff[n];
        int a = n - 1;
        if (op == OP_AND) req[a] |= r, forb[a] |= f, suff[a] &= s;
        else if (op == OP_OR) req[a] &= r, forb[a] &= f, suff[a] |= s;
        else forb[a] |= s, suff[a] = 0;   /* X NOT Y: whatever makes Y hold */
    }
    *required = req[0];
    *forbidden = forb[0];
}

/* Adds to *F the instances in the current row of a one-phrase query
** (xQueryPhrase's), each weighted by its column. */
int store_row_weight(const Fts5ExtensionApi *api, Fts5Context *fts, double *f) {
    int n = 0, rc = api->xInstCount(fts, &n);
    for (int i = 0; i < n && rc == SQLITE_OK; i++) {
        int phrase, col, off;
        if ((rc = api->xInst(fts, i, &phrase, &col, &off)) == SQLITE_OK) *f += column_weight(col);
    }
    return rc;
}

/* What flank_hits read of one sentence. */
typedef struct hit_row {
    int n_phrase;              /* the phrases FTS5 found in the query */
    int64_t rowid;
    uint64_t has;              /* the phrases in the row */
    double f[MAX_PHRASES];     /* their instances, weighted by column */
} hit_row;

void store_hits_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
                   sqlite3_value **val) {
    hit_row *h = n_val == 1 ? sqlite3_value_pointer(val[0], "flank_hit_row") : NULL;
    if (!h) {
        sqlite3_result_error(ctx, "flank_hits: no row", -1);
        return;
    }
    int n = api->xPhraseCount(fts), n_inst = 0;
    h->n_phrase = n;
    h->rowid = api->xRowid(fts);
    h->has = 0;
    if (n > MAX_PHRASES) return;   /* refused by the walk */
    for (int i = 0; i < n; i++) h->f[i] = 0.0;
    int rc = api->xInstCount(fts, &n_inst);
    for (int i = 0; i < n_inst && rc == SQLITE_OK; i++) {
        int phrase, col, off;
        rc = api->xInst(fts, i, &phrase, &col, &off);
        if (rc != SQLITE_OK) break;
        h->f[phrase] += column_weight(col);
        h->has |= (uint64_t)1 << phrase;
    }
    if (rc != SQLITE_OK) sqlite3_result_error_code(ctx, rc);
}

/* Adds the doc_stats rows stored since the connection last read them. */
static int doc_table_update(fl_db *db) {
    sqlite3_stmt *st = store_read_stmt(db, RS_DOC_STATS);
    if (!st) return FL_EDB;
    doc_table *t = &db->reader->docs;
    sqlite3_bind_int64(st, 1, t->n ? t->doc[t->n - 1].id : 0);
    int r, rc = FL_OK;
    while (rc == FL_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
        if (t->n == t->cap && (rc = array_grow(&t->doc, &t->cap, sizeof *t->doc, 1024)) != FL_OK) break;
        doc_entry *d = &t->doc[t->n++];
        *d = (doc_entry){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2)};
        t->total_tokens += (double)d->tokens;
        t->last_sentence = 0;
    }
    if (rc == FL_OK && r != SQLITE_DONE) rc = FL_EDB;
    sqlite3_reset(st);
    return rc;
}

/* The document (its index in T) holding sentence ROWID, searched below
** END; SIZE_MAX when none. */
static size_t doc_of_sentence(const doc_table *t, size_t end, int64_t rowid) {
    size_t lo = 0, hi = end;
    while (lo < hi) {   /* the first document starting after the sentence */
        size_t mid = lo + (hi - lo) / 2;
        if (t->doc[mid].first <= rowid) lo = mid + 1;
        else hi = mid;
    }
    return lo ? lo - 1 : SIZE_MAX;
}

typedef struct window_row {
    int64_t id;
    size_t doc;      /* its index in the document table */
    double tokens;   /* the document's length in tokens (BM25's D) */
    double r;        /* minus the BM25 score, as bm25() returns it */
} window_row;

/* The walk's state: the query, the filters, the document being read, the
** counts, and the newest RANK_WINDOW matches (rows, with N_PHRASE
** weighted frequencies each in FREQ). */
struct walk {
    doc_query q;
    const doc_table *docs;
    int by_entity;               /* entity filters: only ALLOWED (ascending ids) pass */
    int64_t *allowed;
    size_t n_allowed;
    sqlite3_stmt *row_filters;   /* NULL: no filter on the document's row */
    size_t doc;                  /* the document being read (index in DOCS); SIZE_MAX: none */
    uint64_t doc_has;
    double doc_f[MAX_PHRASES];
    int64_t matches;
    double df[MAX_PHRASES];      /* per phrase, documents holding it */
    int64_t seen[MAX_PHRASES];   /* per phrase, sentences holding it read so far */
    int estimated;               /* the walk stopped early; counts extrapolated */
    int exact;                   /* the walk gave way to the exact pass */
    fl_postings *shared;         /* the phrases' postings were read from there: */
    postings *ps[MAX_PHRASES];
    window_row *rows;            /* RANK_WINDOW of them, once a document matches */
    double *freq;
    size_t n;
};

void walk_free(walk *w) {
    if (!w) return;
    for (int i = 0; w->shared && i < w->q.n_phrase; i++) store_postings_release(w->shared, w->ps[i]);
    buf_release(&w->q.any);
    free(w->allowed);
    free(w->rows);
    free(w->freq);
    free(w);
}

#define EXACT_MAX_CELLS (1 << 24)   /* documents times phrases the exact pass may hold in memory */

/* Can the exact pass (below) hold W's documents and phrases in memory? */
static int exact_fits(const walk *w) {
    return (double)w->docs->n * w->q.n_phrase <= EXACT_MAX_CELLS;
}

static int allowed(const walk *w, int64_t id) {
    size_t lo = 0, hi = w->n_allowed;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->allowed[mid] < id) lo = mid + 1;
        else hi = mid;
    }
    return lo < w->n_allowed && w->allowed[lo] == id;
}

static int passes_row_filters(walk *w, int64_t id, int *pass) {
    sqlite3_reset(w->row_filters);
    sqlite3_bind_int64(w->row_filters, 1, id);
    int r = sqlite3_step(w->row_filters);
    *pass = r == SQLITE_ROW;
    return r == SQLITE_ROW || r == SQLITE_DONE ? FL_OK : FL_EDB;
}

/* Adds document K of the table, which holds the phrases with the
** weighted frequencies F, to W's window. */
static int window_add(walk *w, size_t k, const double *f) {
    size_t np = (size_t)w->q.n_phrase;
    if (!w->rows) {   /* at most RANK_WINDOW rows: allocated once (growing them cost more) */
        w->rows = malloc(RANK_WINDOW * sizeof *w->rows);
        w->freq = malloc(RANK_WINDOW * np * sizeof *w->freq);
        if (!w->rows || !w->freq) return FL_ENOMEM;
    }
    for (size_t i = 0; i < np; i++) w->freq[w->n * np + i] = f[i];
    w->rows[w->n++] = (window_row){w->docs->doc[k].id, k, (double)w->docs->doc[k].tokens, 0.0};
    return FL_OK;
}

/* Judges document K of the table, which holds the phrases HAS with the
** weighted frequencies F: keeps it when the query and the filters hold. */
static int judge(walk *w, size_t k, uint64_t has, const double *f) {
    int64_t id = w->docs->doc[k].id;
    int pass = doc_query_holds(&w->q, has) && (!w->by_entity || allowed(w, id));
    int rc = pass && w->row_filters ? passes_row_filters(w, id, &pass) : FL_OK;
    if (rc != FL_OK || !pass) return rc;
    if (w->matches++ >= RANK_WINDOW) return FL_OK;   /* counted, not ranked */
    return window_add(w, k, f);
}

/* Judges the document the walk has just read, and counts its phrases. */
static int walk_judge(walk *w) {
    for (int i = 0; i < w->q.n_phrase; i++)
        if (w->doc_has >> i & 1) w->df[i] += 1.0;
    return judge(w, w->doc, w->doc_has, w->doc_f);
}

/* Adds the sentence H read to its document, judging the one before when
** it starts another. Sets *STOP at the first sentence past a full window. */
static int walk_add(walk *w, const hit_row *h, int *stop) {
    const doc_table *t = w->docs;
    int rc = FL_OK;
    if (w->doc == SIZE_MAX || h->rowid < t->doc[w->doc].first) {
        size_t next = doc_of_sentence(t, w->doc == SIZE_MAX ? t->n : w->doc, h->rowid);
        if (w->doc != SIZE_MAX && (rc = walk_judge(w)) != FL_OK) return rc;
        if (w->n == RANK_WINDOW && next != SIZE_MAX && (w->by_entity || w->row_filters) && exact_fits(w)) {
            /* Filters may gather their documents anywhere: counted, not extrapolated. */
            w->exact = *stop = 1;
            return FL_OK;
        }
        if (w->n == RANK_WINDOW || next == SIZE_MAX) {
            /* The documents from NEXT down are not walked. */
            size_t walked = t->n - (next == SIZE_MAX ? 0 : next + 1);
            double scale = walked ? (double)t->n / (double)walked : 1.0;
            w->estimated = next != SIZE_MAX;
            w->matches = (int64_t)llround((double)w->matches * scale);
            for (int i = 0; i < w->q.n_phrase; i++) w->df[i] *= scale;
            w->doc = SIZE_MAX;
            *stop = 1;
            return FL_OK;
        }
        w->doc = next;
        w->doc_has = 0;
        for (int i = 0; i < w->q.n_phrase; i++) w->doc_f[i] = 0.0;
    }
    w->doc_has |= h->has;
    for (int i = 0; i < w->q.n_phrase; i++) w->doc_f[i] += h->f[i], w->seen[i] += h->has >> i & 1;
    return rc;
}

/* The ids passing the entity and type filters of O into W's ALLOWED
** (ascending), an intersection when both are set. */
static int walk_entity_filters(fl_db *db, const fl_search_opts *o, walk *w) {
    const char *keys[2] = {o->entity, o->type};
    enum read_stmt_id stmts[2] = {RS_ENTITY_DOCS, RS_TYPE_DOCS};
    size_t n = 0, cap = 0;
    int rc = FL_OK, first = 1;
    for (int k = 0; k < 2 && rc == FL_OK; k++) {
        if (!keys[k]) continue;
        sqlite3_stmt *st = store_read_stmt(db, stmts[k]);
        if (!st) return FL_EDB;
        sqlite3_bind_text(st, 1, keys[k], -1, SQLITE_STATIC);
        size_t kept = 0, at = 0;   /* intersecting: AT walks the ids of the first filter */
        int r;
        while (rc == FL_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
            int64_t id = sqlite3_column_int64(st, 0);
            if (!first) {
                while (at < n && w->allowed[at] < id) at++;
                if (at < n && w->allowed[at] == id) w->allowed[kept++] = id;
                continue;
            }
            if (n == cap) rc = array_grow(&w->allowed, &cap, sizeof *w->allowed, 1024);
            if (rc == FL_OK) w->allowed[n++] = id;
        }
        if (rc == FL_OK && r != SQLITE_DONE) rc = FL_EDB;
        sqlite3_reset(st);
        if (!first) n = kept;
        first = 0;
    }
    w->by_entity = 1;
    w->n_allowed = n;
    return rc;
}

/* ---- the exact pass ----------------------------------------------------
** When matches are sparse, the walk would read every sentence of every
** phrase through an SQL row each, a third of a microsecond; the exact pass
** reads each phrase's sentences with xQueryPhrase inside one call of the
** auxiliary function flank_exact, about a twentieth of that, oldest first.
** It counts exactly: each document's phrases (so the total and every
** phrase's document count), and the instances of the phrases in documents
** that can still match: holding none of the phrases the query forbids and
** all the required ones read so far. Forbidden phrases are read first,
** then required ones, rarest first by the walk's counts. Then the newest
** RANK_WINDOW matching documents are ranked as by a complete walk. The
** walk gives way to it when, by its counts so far, finishing would cost
** more than the whole pass (exact_pays), and when its window fills under
** a filter: filtered documents (a date range, a source, an entity) may sit
** anywhere, so their count is not extrapolated from the newest ones. */

#define SWITCH_CHECK 1024      /* rows between the walk's looks at its progress */
#define ROW_COST_RATIO 6.0     /* a row read by the walk costs this many read by the pass */

typedef struct exact_pass {
    walk *w;
    uint64_t *has;   /* per document of the table, its phrases */
    double *f;       /* per document, N_PHRASE weighted frequencies */
    int order[MAX_PHRASES];
    uint64_t required, forbidden;
    int phrase;      /* being read */
    uint64_t need;   /* the required phrases read before it */
    uint64_t shun;   /* the forbidden phrases read so far, it included */
    size_t doc;      /* of the last sentence read */
} exact_pass;

static int exact_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx) {
    exact_pass *x = ctx;
    const doc_table *t = x->w->docs;
    int64_t rowid = api->xRowid(fts);
    if (rowid < t->doc[x->doc].first) x->doc = doc_of_sentence(t, t->n, rowid);   /* not oldest first after all */
    while (x->doc + 1 < t->n && t->doc[x->doc + 1].first <= rowid) x->doc++;
    if (x->doc == SIZE_MAX || rowid < t->doc[x->doc].first) {
        x->doc = 0;
        return SQLITE_OK;   /* before every document: not one of the table's */
    }
    size_t k = x->doc, np = (size_t)x->w->q.n_phrase;
    uint64_t bit = (uint64_t)1 << x->phrase;
    if (!(x->has[k] & bit)) x->has[k] |= bit, x->w->df[x->phrase] += 1.0;
    if ((x->has[k] & x->need) != x->need || (x->has[k] & x->shun)) return SQLITE_OK;
    return store_row_weight(api, fts, x->f + k * np + x->phrase);
}

void store_exact_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
                    sqlite3_value **val) {
    exact_pass *x = n_val == 1 ? sqlite3_value_pointer(val[0], "flank_exact_pass") : NULL;
    if (!x || api->xPhraseCount(fts) != x->w->q.n_phrase) {
        sqlite3_result_error(ctx, "flank_exact: no pass", -1);
        return;
    }
    int rc = SQLITE_OK;
    for (int i = 0; i < x->w->q.n_phrase && rc == SQLITE_OK; i++) {
        uint64_t bit = (uint64_t)1 << (x->phrase = x->order[i]);
        x->doc = 0;
        if (x->forbidden & bit) x->shun |= bit;
        rc = api->xQueryPhrase(fts, x->phrase, x, exact_row);
        if (x->required & bit) x->need |= bit;
    }
    if (rc != SQLITE_OK) sqlite3_result_error_code(ctx, rc);
}

/* Would the exact pass cost less than finishing the walk, by the walk's
** ROWS so far? */
static int exact_pays(const walk *w, int64_t rows) {
    const doc_table *t = w->docs;
    if (w->doc == SIZE_MAX || !exact_fits(w)) return 0;
    double covered = (double)(t->n - w->doc) / (double)t->n;   /* the share of documents passed */
    double rest = (double)rows * (1.0 - covered) / covered, seen = 0.0;
    double fill = w->matches ? (double)rows * (double)(RANK_WINDOW - w->matches) / (double)w->matches : rest;
    for (int i = 0; i < w->q.n_phrase; i++) seen += (double)w->seen[i];
    return (fill < rest ? fill : rest) > seen / covered / ROW_COST_RATIO;
}

/* Orders the phrases for the exact pass: the forbidden ones, the required
** ones rarest first by the walk's counts, the others. */
static void exact_order(const walk *w, exact_pass *x) {
    int n = 0;
    for (int group = 0; group < 3; group++)
        for (int i = 0; i < w->q.n_phrase; i++) {
            int in = x->forbidden >> i & 1 ? 0 : x->required >> i & 1 ? 1 : 2;
            if (in != group) continue;
            int j = n++;
            for (; j > 0 && group == 1 && w->seen[x->order[j - 1]] > w->seen[i]; j--) x->order[j] = x->order[j - 1];
            x->order[j] = i;
        }
}

/* Steps statement ID, an auxiliary function's pass over the index (it
** reads the rows itself), with EXPR (LEN bytes) as ?1 and CTX as the
** pointer ?2 of TYPE; FL_OK or FL_EDB. */
static int aux_pass(fl_db *db, enum read_stmt_id id, const char *expr, size_t len, void *ctx, const char *type) {
    sqlite3_stmt *st = store_read_stmt(db, id);
    if (!st) return FL_EDB;
    sqlite3_bind_text(st, 1, expr, (int)len, SQLITE_STATIC);
    sqlite3_bind_pointer(st, 2, ctx, type, NULL);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {}
    sqlite3_reset(st);
    return r == SQLITE_DONE ? FL_OK : FL_EDB;
}

/* Counts and keeps the matches of W's query exactly, with the exact pass;
** W's walk state is dropped first. */
static int exact_matches(fl_db *db, walk *w) {
    const doc_table *t = w->docs;
    size_t np = (size_t)w->q.n_phrase;
    exact_pass x = {.w = w};
    doc_query_masks(&w->q, &x.required, &x.forbidden);
    exact_order(w, &x);
    w->matches = 0, w->n = 0, w->doc = SIZE_MAX, w->estimated = 0;
    for (size_t i = 0; i < np; i++) w->df[i] = 0.0;
    x.has = calloc(t->n, sizeof *x.has);
    x.f = calloc(t->n * np, sizeof *x.f);
    int rc = !x.has || !x.f ? FL_ENOMEM
                            : aux_pass(db, RS_EXACT, buf_cstr(&w->q.any), w->q.any.len, &x, "flank_exact_pass");
    for (size_t k = t->n; rc == FL_OK && k-- > 0;)   /* newest first, as the walk */
        if (x.has[k]) rc = judge(w, k, x.has[k], x.f + k * np);
    free(x.has);
    free(x.f);
    return rc;
}

/* ---- postings held in memory -------------------------------------------
** A connection sharing fl_postings (a server's) reads each phrase's
** documents from memory (store_postings.c): every match is counted and
** every phrase's document count is exact, and the newest RANK_WINDOW
** matches are the window, as the walk and the exact pass find them.
** Without filters the query is evaluated on bit sets, 64 documents at a
** time (resident_words); with filters each document holding the rarest
** required phrase (or any phrase) is judged, the other lists searched from
** there (resident_matches). */

/* The entries of A[0..N) (ascending by document) whose document is at
** most K, counted: a gallop down from the end, then a binary search. */
static size_t docs_upto(const posting_doc *a, size_t n, size_t k) {
    if (!n || a[n - 1].doc <= k) return n;   /* the usual case when lists are merged */
    size_t step = 2;
    while (step <= n && a[n - step].doc > k) step *= 2;
    size_t lo = step <= n ? n - step + 1 : 0, hi = n - step / 2;   /* a[lo - 1] <= K < a[hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid].doc <= k) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The last sentence id of the connection's read transaction: postings
** built at it hold what the transaction sees. */
static int last_sentence(fl_db *db, int64_t *out) {
    sqlite3_stmt *st = store_read_stmt(db, RS_LAST_SENTENCE);
    if (!st) return FL_EDB;
    int r = sqlite3_step(st);
    *out = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r == SQLITE_ROW ? FL_OK : FL_EDB;
}

/* The postings of one phrase at STATE, read from the index into a build
** B whose postings store_postings_new made. */
static int build_postings(fl_db *db, const char *phrase, size_t len, posting_build *b) {
    int rc = aux_pass(db, RS_POSTINGS, phrase, len, b, "flank_posting_build");
    return b->rc != FL_OK ? b->rc : rc;
}

/* The postings of every phrase of W, from the connection's shared ones
** or read from the index and shared, into W's PS, and W's SHARED set.
** When a phrase's postings cannot be held (FL_ETOOBIG: more sentences
** than 32-bit offsets reach), W holds none and SHARED stays NULL: the
** walk reads the index. */
static int read_postings(fl_db *db, walk *w) {
    doc_table *t = &db->reader->docs;   /* sentences come with a document's doc_stats row */
    int rc = t->last_sentence ? FL_OK : last_sentence(db, &t->last_sentence);
    int64_t state = t->last_sentence;
    int i;
    for (i = 0; rc == FL_OK && i < w->q.n_phrase; i++) {
        const char *phrase = w->q.any.data + w->q.phrase_at[i];
        size_t len = w->q.phrase_len[i];
        if ((w->ps[i] = store_postings_find(db->postings, phrase, len, state))) continue;
        posting_build b = {store_postings_new(phrase, len, state), w->docs, 0, FL_OK};
        rc = b.out ? build_postings(db, phrase, len, &b) : FL_ENOMEM;
        if (rc == FL_OK) w->ps[i] = store_postings_keep(db->postings, b.out);
        else store_postings_release(db->postings, b.out);
    }
    if (rc == FL_OK) {
        w->shared = db->postings;
        return FL_OK;
    }
    while (i-- > 0) store_postings_release(db->postings, w->ps[i]), w->ps[i] = NULL;
    return rc == FL_ETOOBIG ? FL_OK : rc;
}

/* W's matches without filters, from its postings: the query evaluated on
** words of 64 documents at once over bit sets of the documents holding
** each phrase (the postings' own, or made here for a phrase in few
** documents), newest first; the matches of the first RANK_WINDOW found
** are the window, with their weighted frequencies, and all are counted.
** Judging them one by one took a search in every list for each. */
static int resident_words(walk *w) {
    size_t np = (size_t)w->q.n_phrase, words = 0, n_made = 0;
    for (size_t i = 0; i < np; i++) {
        const postings *q = w->ps[i];
        if (q->n_docs && q->docs[q->n_docs - 1].doc / 64 + 1 > words) words = q->docs[q->n_docs - 1].doc / 64 + 1;
        n_made += q->bits ? 0 : 1;
    }
    uint64_t *made = calloc(words * n_made > 0 ? words * n_made : 1, sizeof *made);
    if (!made) return FL_ENOMEM;
    const uint64_t *set[MAX_PHRASES];
    size_t set_words[MAX_PHRASES], left[MAX_PHRASES];   /* LEFT: per phrase, its documents not passed yet */
    for (size_t i = 0, m = 0; i < np; i++) {
        const postings *q = w->ps[i];
        left[i] = q->n_docs;
        set[i] = q->bits, set_words[i] = q->n_words;
        if (q->bits) continue;
        uint64_t *bits = made + words * m++;
        store_postings_bits(q, bits);
        set[i] = bits, set_words[i] = words;
    }
    int rc = FL_OK;
    for (size_t j = words; j-- > 0 && rc == FL_OK;) {
        uint64_t has[MAX_PHRASES];
        for (size_t i = 0; i < np; i++) has[i] = j < set_words[i] ? set[i][j] : 0;
        uint64_t match = doc_query_eval(&w->q, has);
        w->matches += __builtin_popcountll(match);
        while (match && w->n < RANK_WINDOW && rc == FL_OK) {
            int bit = 63 - __builtin_clzll(match);
            size_t k = j * 64 + (size_t)bit;
            double f[MAX_PHRASES];
            match &= ~((uint64_t)1 << bit);
            for (size_t i = 0; i < np; i++) {
                f[i] = 0.0;
                if (!(has[i] >> bit & 1)) continue;
                left[i] = docs_upto(w->ps[i]->docs, left[i], k);
                f[i] = w->ps[i]->docs[--left[i]].f;
            }
            rc = window_add(w, k, f);
        }
    }
    free(made);
    return rc;
}

/* Judges every document holding a phrase of W, from W's postings: with
** filters, one by one, the rarest required phrase leading (its documents
** are the only candidates), galloping down the other lists. */
static int resident_matches(walk *w) {
    int np = w->q.n_phrase, lead = -1, rc = FL_OK;
    size_t left[MAX_PHRASES];   /* per phrase, its documents not passed yet */
    double f[MAX_PHRASES];
    uint64_t required, forbidden;
    doc_query_masks(&w->q, &required, &forbidden);
    for (int i = 0; i < np; i++) {
        left[i] = w->ps[i]->n_docs;
        w->df[i] = (double)left[i];
        if ((required >> i & 1) && (lead < 0 || left[i] < left[lead])) lead = i;
    }
    /* Without filters: a lone phrase's documents all match, and its newest
    ** are the window; the query's form alone says which others do. */
    if (!w->by_entity && !w->row_filters) {
        if (np > 1 || required != 1) return resident_words(w);
        const posting_doc *d = w->ps[0]->docs;
        w->matches = (int64_t)left[0];
        for (; left[0] > 0 && w->n < RANK_WINDOW && rc == FL_OK; left[0]--) {
            f[0] = d[left[0] - 1].f;
            rc = window_add(w, d[left[0] - 1].doc, f);
        }
        return rc;
    }
    while (rc == FL_OK) {
        size_t k = 0;   /* the next document: the leader's, or the newest in any list */
        int found = 0;
        for (int i = lead < 0 ? 0 : lead; i < (lead < 0 ? np : lead + 1); i++)
            if (left[i] && (!found || w->ps[i]->docs[left[i] - 1].doc > k))
                k = w->ps[i]->docs[left[i] - 1].doc, found = 1;
        if (!found) break;
        uint64_t has = 0;
        for (int i = 0; i < np; i++) {
            const posting_doc *d = w->ps[i]->docs;
            left[i] = docs_upto(d, left[i], k);
            f[i] = 0.0;
            if (left[i] && d[left[i] - 1].doc == k) {
                has |= (uint64_t)1 << i;
                f[i] = d[--left[i]].f;
            }
        }
        rc = judge(w, k, has, f);
    }
    return rc;
}

static int int64_cmp(const void *x, const void *y) {
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

/* The sentences of document K holding a phrase of W, from W's postings,
** ascending and each once, into IDS (N of them; the caller frees IDS). */
static int resident_sentences(const walk *w, size_t k, int64_t **ids, size_t *n) {
    size_t total = 0;
    *ids = NULL;
    *n = 0;
    size_t from[MAX_PHRASES], to[MAX_PHRASES];
    for (int i = 0; i < w->q.n_phrase; i++) {
        const postings *q = w->ps[i];
        size_t at = docs_upto(q->docs, q->n_docs, k);
        from[i] = to[i] = 0;
        if (at && q->docs[at - 1].doc == k)
            from[i] = q->docs[at - 1].sent, to[i] = at < q->n_docs ? q->docs[at].sent : q->n_sent;
        total += to[i] - from[i];
    }
    int64_t *out = malloc((total ? total : 1) * sizeof *out);   /* not NULL: none is an answer */
    if (!out) return FL_ENOMEM;
    for (int i = 0; i < w->q.n_phrase; i++)
        for (size_t j = from[i]; j < to[i]; j++) out[(*n)++] = w->ps[i]->base + w->ps[i]->sent[j];
    qsort(out, *n, sizeof *out, int64_cmp);
    size_t kept = 0;
    for (size_t j = 0; j < *n; j++)
        if (!kept || out[kept - 1] != out[j]) out[kept++] = out[j];
    *ids = out;
    *n = kept;
    return FL_OK;
}

/* Walks the sentence index for W's matches (see above). */
static int walk_index(fl_db *db, walk *w, char **errmsg) {
    hit_row h;
    sqlite3_stmt *st = store_read_stmt(db, RS_WALK);
    if (!st) return FL_EDB;
    sqlite3_bind_text(st, 1, buf_cstr(&w->q.any), -1, SQLITE_STATIC);
    sqlite3_bind_pointer(st, 2, &h, "flank_hit_row", NULL);
    int r, rc = FL_OK, stop = 0;
    int64_t rows = 0;
    while (rc == FL_OK && !stop && (r = sqlite3_step(st)) == SQLITE_ROW) {
        if (h.n_phrase != w->q.n_phrase) rc = bad_expression(errmsg);
        else rc = walk_add(w, &h, &stop);
        if (rc == FL_OK && !stop && ++rows % SWITCH_CHECK == 0 && exact_pays(w, rows)) w->exact = stop = 1;
    }
    if (rc == FL_OK && !stop) {
        if (r != SQLITE_DONE) rc = store_search_error(db, errmsg);
        else if (w->doc != SIZE_MAX) rc = walk_judge(w);
    }
    sqlite3_reset(st);
    if (rc == FL_OK && w->exact) rc = exact_matches(db, w);
    return rc;
}

/* Finds the matches of EXPR with the filters of O into W: from the
** postings in memory when the connection shares them and is not writing,
** else by walking the index. */
static int find_matches(fl_db *db, const char *expr, const fl_search_opts *o, walk *w, char **errmsg) {
    buf_init(&w->q.any, 1 << 16);
    w->doc = SIZE_MAX;
    int rc = doc_query_compile(expr, &w->q, errmsg);
    if (rc != FL_OK) return rc;
    if ((rc = doc_table_update(db)) == FL_OK && (o->entity || o->type)) rc = walk_entity_filters(db, o, w);
    w->docs = db->reader ? &db->reader->docs : NULL;
    if (rc == FL_OK && (o->since || o->until || o->source)) {
        if (!(w->row_filters = store_read_stmt(db, RS_ROW_FILTERS))) rc = FL_EDB;
        else store_bind_search(w->row_filters, NULL, o);
    }
    if (rc == FL_OK && db->postings && !db->in_batch) rc = read_postings(db, w);
    if (rc == FL_OK) rc = w->shared ? resident_matches(w) : walk_index(db, w, errmsg);
    if (w->row_filters) sqlite3_reset(w->row_filters);
    if (rc == FL_EDB) return store_db_error(db, errmsg, "search");
    if (rc == FL_ENOMEM) return err_set(errmsg, rc, "out of memory");
    return rc;
}

int walk_check(const char *expr, char **errmsg) {
    doc_query q;
    buf_init(&q.any, 1 << 16);
    int rc = doc_query_compile(expr, &q, errmsg);
    buf_release(&q.any);
    return rc;
}

int walk_matches(fl_db *db, const char *expr, const fl_search_opts *o, walk **out, char **errmsg) {
    walk *w = *out = calloc(1, sizeof *w);
    if (!w) return err_set(errmsg, FL_ENOMEM, "out of memory");
    int rc = find_matches(db, expr, o, w, errmsg);
    if (rc != FL_OK) {
        walk_free(w);
        *out = NULL;
    }
    return rc;
}

int64_t walk_total(const walk *w) { return w->matches; }
int walk_estimated(const walk *w) { return w->estimated; }
int64_t walk_id(const walk *w, size_t k) { return w->rows[k].id; }
double walk_doc_score(const walk *w, size_t k) { return -w->rows[k].r; }

int walk_sentences(const walk *w, size_t k, int64_t **ids, size_t *n) {
    *ids = NULL;
    *n = 0;
    return w->shared ? resident_sentences(w, w->rows[k].doc, ids, n) : FL_OK;
}

/* BM25 of every row of W: bm25()'s arithmetic, term for term, with the
** corpus figures of the document table and the phrases' document counts. */
static void walk_bm25(walk *w) {
    const doc_table *t = w->docs;
    const double k1 = BM25_K1, b = BM25_B, n_docs = (double)t->n;
    const double avgdl = t->n ? t->total_tokens / n_docs : 1.0;
    double idf[MAX_PHRASES];
    int np = w->q.n_phrase;
    for (int i = 0; i < np; i++) {
        idf[i] = log((n_docs - w->df[i] + 0.5) / (w->df[i] + 0.5));
        if (idf[i] <= 0.0) idf[i] = 1e-6;
    }
    for (size_t k = 0; k < w->n; k++) {
        const double *f = w->freq + k * (size_t)np, d = w->rows[k].tokens;
        double score = 0.0;
        for (int i = 0; i < np; i++)
            score += idf[i] * ((f[i] * (k1 + 1.0)) / (f[i] + k1 * (1 - b + b * d / avgdl)));
        w->rows[k].r = -1.0 * score;
    }
}

/* Best first; equal scores in the order of ids, as SQLite's sort of
** bm25() left them. */
static int window_cmp(const void *x, const void *y) {
    const window_row *a = x, *b = y;
    if (a->r != b->r) return a->r < b->r ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Puts the KEEP best rows of W first, in order; returns how many are in
** order. Up to SMALL_PAGE, they are picked by insertion. */
size_t walk_rank(walk *w, size_t keep) {
    window_row top[SMALL_PAGE];
    size_t n = 0;
    walk_bm25(w);
    if (keep > SMALL_PAGE) {
        qsort(w->rows, w->n, sizeof *w->rows, window_cmp);
        return w->n;
    }
    for (size_t k = 0; k < w->n && keep > 0; k++) {
        const window_row *row = &w->rows[k];
        if (n == keep && window_cmp(row, &top[n - 1]) >= 0) continue;
        size_t i = n < keep ? n++ : n - 1;
        for (; i > 0 && window_cmp(row, &top[i - 1]) < 0; i--) top[i] = top[i - 1];
        top[i] = *row;
    }
    if (n) memcpy(w->rows, top, n * sizeof *top);
    return n;
}

void walk_ids(const walk *w, buf *out) {
    buf_putc(out, '[');
    for (size_t k = 0; k < w->n; k++) {
        if (k) buf_putc(out, ',');
        buf_put_size(out, (size_t)w->rows[k].id);
    }
    buf_putc(out, ']');
}
