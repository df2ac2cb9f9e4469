/*
** store_int.h: what the two files of the SQLite store share (store.h is
** the store's interface): the connection, the error helper, rows as JSON,
** and the search's FTS5 function and statements, which the connection
** registers and frees.
*/
#ifndef FL_STORE_INT_H
#define FL_STORE_INT_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

#include "keytab.h"
#include "store.h"
#include "tokenize.h"

/* Statements of the write path, prepared once per connection. */
enum stmt_id {
    ST_FIND_SHA, ST_ADD_DOC, ST_ADD_SENT, ST_ADD_SENT_FTS, ST_NEXT_SENT, ST_ADD_DOC_STATS,
    ST_ADD_ENTITY, ST_ADD_MENTION, ST_ADD_MONTH, ST_ADD_ENTITY_IDS, ST_ADD_DATE, ST_ADD_RELATION, ST_ADD_CLAIM,
    ST_ADD_STANCE, ST_ADD_CLAIM_ENTITIES, ST_OLD_IDS, ST_DEL_IDS, ST_DEL_MONTHS, ST_DEL_EMPTY_MONTHS, ST_DEL_PAIRS,
    ST_DEL_EMPTY_PAIRS,
    ST_ADD_PAIR, ST_ADD_REL_COUNT, ST_DEL_REL_COUNTS, ST_DEL_EMPTY_REL_COUNTS, ST_ADD_EDGE, ST_DEL_EDGES,
    ST_DEL_EMPTY_EDGES, ST_DEL_MENTIONS, ST_DEL_DATES,
    ST_DEL_STANCES, ST_DEL_RELATIONS, ST_DEL_CLAIM_ENTITIES, ST_DEL_CLAIMS, N_STMTS
};

/* The documents about the entity whose id is the SQL expression ID (that
** mention it or have it at either end of a relation), or about any entity
** of the type TYPE: SELECT statements over the entity index (entity_fts,
** store_sqlite.c), as SQL text. An id is one quoted word of that index; no
** entity of the type makes the empty phrase, which matches nothing. */
#define DOCS_MENTIONING(id) \
    "SELECT rowid FROM entity_fts WHERE entity_fts MATCH '\"' || replace(" id ", '\"', '\"\"') || '\"'"
#define DOCS_MENTIONING_TYPE(type) \
    "SELECT rowid FROM entity_fts WHERE entity_fts MATCH coalesce((SELECT group_concat('\"' ||" \
    " replace(id, '\"', '\"\"') || '\"', ' OR ') FROM entities WHERE type = " type "), '\"\"')"

/* The page cache of a connection: 64 MiB. An export or an import, which
** stream through the database, use STREAM_CACHE instead (8 MiB): they
** read or write most pages once; an import of 20,000 documents, one
** transaction, peaked at 157 to 353 MB with the larger cache and at 98 MB
** with this one, at the same CPU time (bench/README.md). */
/* Does the database have the table NAME (one added without a new schema
** version, which a database opened only for reading may lack: stances)? */
int store_has_table(fl_db *db, const char *name);
/* Does it have the index NAME (one of SUMMARY_SCHEMA's, store_sqlite.c,
** which a database opened only for reading may lack)? */
int store_has_index(fl_db *db, const char *name);

#define CACHE_PAGES "PRAGMA cache_size=-65536"
#define STREAM_CACHE "PRAGMA cache_size=-8192"

/* The text of a byte span of a document: substr() on text counts
** characters, on a blob bytes. */
#define SPAN_TEXT(doc, a, b) "CAST(substr(CAST(" doc ".text AS BLOB), " a " + 1, " b " - " a ") AS TEXT)"


/* The documents a search can match, in memory (store_walk.c): doc_stats
** read once per connection and then only its rows added since (documents
** are only ever added), so a match's document and length cost no lookup.
** Ascending by id, and so by first sentence. */
typedef struct doc_entry {
    int64_t id, first, tokens;   /* first: its first sentence's id */
} doc_entry;

typedef struct doc_table {
    doc_entry *doc;
    size_t n, cap;
    double total_tokens;
    int64_t last_sentence;   /* the last sentence id there was then; 0: not read */
} doc_table;

/* Statements of the read path (SQL in store_search.c), prepared once per
** connection like those of the write path. Parameters of the search statements: ?1 the FTS5
** expression, ?2 limit, ?3 offset, ?4..?8 the filters. */
enum read_stmt_id {
    RS_WALK, RS_EXACT, RS_POSTINGS, RS_LAST_SENTENCE, RS_DOC_STATS, RS_ENTITY_DOCS, RS_TYPE_DOCS, RS_ROW_FILTERS,
    RS_BY_SENTENCE, RS_BY_SENTENCE_COUNT, RS_LISTED, RS_LISTED_COUNT, RS_DOC, RS_DOC_TEXT, RS_ENTITY_SPANS,
    RS_FACETS_LISTED, RS_FACETS_WALKED, RS_FACETS_BY_SENTENCE, RS_BEGIN, RS_COMMIT, N_READ_STMTS
};

/* What a connection keeps for reading: its read statements and documents. */
struct reader {
    sqlite3_stmt *st[N_READ_STMTS];
    doc_table docs;
};

/* The read statement ID, reset and unbound, or NULL on error (the
** connection's message says why). Callers reset it when done, so no
** statement holds a read transaction open between calls. */
sqlite3_stmt *store_read_stmt(fl_db *db, enum read_stmt_id id);
/* Binds EXPR and the options of O as the search statements' parameters. */
void store_bind_search(sqlite3_stmt *st, const char *expr, const fl_search_opts *o);
/* A search's failure on the connection: FL_EQUERY for FTS5's complaints
** about the query, else FL_EDB; *ERRMSG says which. */
int store_search_error(fl_db *db, char **errmsg);

/* BM25 weighs a phrase found in a document's title twice. */
#define TITLE_WEIGHT 2

/* Documents and mentions per key of two numbered strings (store_sqlite.c),
** in open addressing. */
typedef struct counts {
    struct count *slot;
    size_t n, cap;
} counts;

struct fl_db {
    sqlite3 *sql;
    char *path;
    sqlite3_stmt *stmts[N_STMTS];
    struct reader *reader;  /* the read path's statements (store_search.c) */
    fl_postings *postings;  /* shared phrase postings (store_postings.c); NULL: none */
    struct timespec deadline;   /* fl_db_time_budget; tv_sec 0: none */
    int in_batch;           /* a write transaction is open */
    int held;               /* it is an import's, committed by store_hold_end only */
    int batch_docs;         /* documents in the open transaction */
    int max_batch_docs;     /* fl_db_batch */
    int stamped;            /* the annotation version of added documents is recorded (store_relink.c) */
    struct timespec batch_start;
    /* Entity ids whose entities row this connection has written (or found
    ** up to date) in committed or open work: the upsert then runs once per
    ** entity, not once per document mentioning it. Open addressing; forgotten
    ** at a rollback. */
    char **entity_ids;
    size_t n_entity_ids, cap_entity_ids;
    /* The document being added: its text and words (made once by the
    ** entity stage, replayed to the full-text index; NULL when the document
    ** kept none), the bytes of it the
    ** next insert hands FTS5 (EXPECTED, EXPECT_LEN; NULL: none), and the
    ** tokens FTS5 was handed for it so far (store_sqlite.c). */
    const tok_words *doc_words;
    const char *doc_text, *expected;
    size_t doc_len, expect_len;
    int64_t doc_tokens;
    /* Counts of the documents added since the last flush, to be added to
    ** the summary tables (store_sqlite.c) before the transaction commits:
    ** co_mentions (a document's pairs, its ids by the entities it
    ** mentions, about 1,300 at 36 entities) and entity_months (its
    ** entities by month of publication) are counted here, in memory, and
    ** written once per key and batch, not once per key and document. Keys
    ** are the numbers of two strings in COUNT_IDS (entity ids and months,
    ** each once, numbered in the order met; COUNT_ID_AT: where each
    ** number's string starts in its keys); dropped at a rollback. */
    counts pairs, months;
    keytab count_ids;
    size_t *count_id_at, cap_count_id_at;
};

/* Writes the counts kept in memory to co_mentions and entity_months, in
** the open transaction; forgets them (store_drop_counts: without writing,
** at a rollback). */
int store_flush_counts(fl_db *db);
void store_drop_counts(fl_db *db);

/* A document's sentences as documents.spans keeps them: per sentence, in
** order, its distance from the end of the one before (from 0 for the
** first) and its length, each an unsigned LEB128 varint (7 bits a byte,
** low bits first). A search reads them with the document's text, a row
** it reads anyway: reading the sentences rows cost it a sixth of its time.
** spans_put appends one (its sticky error is OUT's); spans_next reads the
** next from P[*AT, N) into *START, *END: 1, or 0 at the end or on bytes
** that are not a span. PREV_END starts at 0. */
void spans_put(buf *out, size_t *prev_end, size_t start, size_t end);
int spans_next(const unsigned char *p, size_t n, size_t *at, size_t *prev_end, size_t *start, size_t *end);

/* Records, in the write transaction open, that the documents added from
** now on are annotated under annot_version() (store_relink.c). */
int store_stamp_version(fl_db *db);

/* Fails with FL_EDB and "PATH: WHAT: sqlite's message". */
int store_db_error(fl_db *db, char **errmsg, const char *what);

/* A column, and the current row as an object keyed by column name. */
json_t *store_column_json(sqlite3_stmt *st, int i);
json_t *store_row_json(sqlite3_stmt *st);

/* The FTS5 auxiliary functions flank_hits and flank_exact (store_walk.c)
** and flank_postings (store_postings.c),
** registered on every connection; the read statements a connection closes
** with; and
** store_reader_forget, which drops what the read path keeps of the rows
** of a rolled back write transaction. */
void store_hits_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
                   sqlite3_value **val);
void store_exact_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
                    sqlite3_value **val);
void store_postings_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
                       sqlite3_value **val);
/* Adds to *F the instances in the current row of a one-phrase query,
** weighted by column (the title's TITLE_WEIGHT); an SQLite code. */
int store_row_weight(const Fts5ExtensionApi *api, Fts5Context *fts, double *f);
void store_reader_free(struct reader *r);
void store_reader_forget(struct reader *r);

#endif
