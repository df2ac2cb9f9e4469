/*
** store_sqlite.c: the SQLite/FTS5 store (see store.h and flank.h). It owns
** the schema, transactions and every SQL statement. One document is one
** transaction, so a killed ingest leaves each document whole or absent;
** WAL lets readers go on while a writer commits.
*/
#include "store.h"

#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "claim.h"
#include "doc.h"
#include "gazetteer.h"
#include "relation.h"
#include "tokenize.h"
#include "err.h"
#include "banned.h"

#define SCHEMA_VERSION "2"   /* 2: mentions one row per entity and document */

/* Documents are added in batches: one write transaction holds up to
** FL_BATCH_DOCS documents (fl_db_batch) or BATCH_MS milliseconds of work.
** FTS5 keeps its index changes in memory until the transaction ends (or a
** savepoint opens, hence none here) and writes them as a new segment at
** commit; segments are then merged in the background of later commits.
** Fewer, larger segments mean less merging: per-document commits made
** ingest three times slower, batches of 256 documents instead of 1000
** spent a third of ingest's instructions in commits and merges, and 3000
** instead of 1000 saved another 9% at 8,000 documents. When a statement
** fails, the whole batch rolls back, so every document is still whole or
** absent. */
#define BATCH_MS 5000   /* a batch of FL_BATCH_DOCS takes about 3 s */
/* FTS5 writes a segment whenever its pending changes pass this many bytes
** (1 MiB by default), whatever the transaction: set so that one batch
** makes one segment. Stored in the index's config table at creation. */
#define FTS_HASH_BYTES "33554432"

/* Statements of the write path, prepared once per connection. */
enum stmt_id {
    ST_FIND_SHA, ST_ADD_DOC, ST_ADD_DOC_FTS, ST_ADD_SENT, ST_ADD_SENT_FTS, ST_SET_RANGE,
    ST_ADD_ENTITY, ST_ADD_MENTION, ST_ADD_DATE, ST_ADD_RELATION, ST_ADD_CLAIM, N_STMTS
};

static const char *const stmt_sql[N_STMTS] = {
    [ST_FIND_SHA] = "SELECT id FROM documents WHERE sha256 = ?",
    [ST_ADD_DOC] = "INSERT INTO documents(sha256, source, title, authors, published, language, site_name,"
                   " url, ingested_at, n_sentences, text) VALUES(?,?,?,?,?,?,?,?,?,?,?)",
    [ST_ADD_DOC_FTS] = "INSERT INTO documents_fts(rowid, title, text) VALUES(?,?,?)",
    [ST_ADD_SENT] = "INSERT INTO sentences(doc_id, seq, paragraph, start, end) VALUES(?,?,?,?,?)",
    [ST_ADD_SENT_FTS] = "INSERT INTO sentences_fts(rowid, text) VALUES(?,?)",
    [ST_SET_RANGE] = "UPDATE documents SET first_sentence = ?, last_sentence = ? WHERE id = ?",
    [ST_ADD_ENTITY] = "INSERT INTO entities(id, name, type) VALUES(?,?,?)"
                      " ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type"
                      " WHERE name != excluded.name OR type != excluded.type",
    [ST_ADD_MENTION] = "INSERT INTO mentions(doc_id, entity, count, spans) VALUES(?,?,?,?)",
    [ST_ADD_DATE] = "INSERT INTO dates(doc_id, start, end, value) VALUES(?,?,?,?)",
    [ST_ADD_RELATION] = "INSERT INTO relations(doc_id, subject, predicate, object, date, modality, start, end)"
                        " VALUES(?,?,?,?,?,?,?,?)",
    [ST_ADD_CLAIM] = "INSERT INTO claims(doc_id, kind, speaker, start, end) VALUES(?,?,?,?,?)",
};

struct fl_db {
    sqlite3 *sql;
    char *path;
    sqlite3_stmt *stmts[N_STMTS];
    struct reader *reader;  /* the read path's statements (section "reading") */
    int in_batch;           /* a write transaction is open */
    int batch_docs;         /* documents in the open transaction */
    int max_batch_docs;     /* fl_db_batch */
    struct timespec batch_start;
    /* Entity ids whose entities row this connection has written (or found
    ** up to date) in committed or open work: the upsert then runs once per
    ** entity, not once per document mentioning it. Open addressing; forgotten
    ** at a rollback. */
    char **entity_ids;
    size_t n_entity_ids, cap_entity_ids;
};

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS documents("
    "  id INTEGER PRIMARY KEY,"
    "  sha256 TEXT NOT NULL UNIQUE,"
    "  source TEXT NOT NULL,"
    "  title TEXT, authors TEXT NOT NULL DEFAULT '[]', published TEXT,"
    "  language TEXT, site_name TEXT, url TEXT,"
    "  ingested_at TEXT NOT NULL,"
    "  n_sentences INTEGER NOT NULL,"
    "  first_sentence INTEGER, last_sentence INTEGER,"
    "  text TEXT NOT NULL);"
    /* The REFERENCES clauses say what points where; they are not enforced
    ** at insert (a lookup per sentence and mention row, for rows this file
    ** writes right after their document) but checked by fl_db_check. */
    "CREATE TABLE IF NOT EXISTS sentences("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL, paragraph INTEGER NOT NULL,"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL);"
    /* No index on doc_id: a document's sentences are the id range
    ** first_sentence..last_sentence of documents (added in one go). */
    /* A sentence's text is a byte range of its document's text: the view
    ** gives it to FTS5 without storing the text twice. columnsize=0 spares
    ** a size row per sentence at ingest; BM25 in sentence scope then
    ** re-tokenizes the few sentences it ranks. */
    "CREATE VIEW IF NOT EXISTS sentence_text(id, text) AS"
    "  SELECT s.id, CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT)"
    "  FROM sentences s JOIN documents d ON d.id = s.doc_id;"
    "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5("
    "  text, content='sentence_text', content_rowid='id', tokenize='flank', columnsize=0);"
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "  title, text, content='documents', content_rowid='id', tokenize='flank');"
    /* Annotations: entity names and types are copied from the pack at
    ** ingest so queries need no pack and survive its changes. */
    "CREATE TABLE IF NOT EXISTS entities(id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL);"
    /* One row per entity and document: "count" mentions at "spans", a JSON
    ** array of [start, end] byte offsets (a row per mention made ingest
    ** spend a fifth of its time on this table). */
    "CREATE TABLE IF NOT EXISTS mentions("
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  entity TEXT NOT NULL, count INTEGER NOT NULL, spans TEXT NOT NULL,"
    "  PRIMARY KEY (doc_id, entity)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS mentions_by_entity ON mentions(entity, doc_id);"
    "CREATE TABLE IF NOT EXISTS dates("
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL, value TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS dates_by_doc ON dates(doc_id);"
    "CREATE TABLE IF NOT EXISTS relations("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT, date TEXT,"
    "  modality TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS relations_by_subject ON relations(subject);"
    "CREATE INDEX IF NOT EXISTS relations_by_object ON relations(object);"
    "CREATE INDEX IF NOT EXISTS relations_by_date ON relations(date);"
    "CREATE TABLE IF NOT EXISTS claims("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL, speaker TEXT, start INTEGER NOT NULL, end INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS claims_by_doc ON claims(doc_id);"
    "CREATE INDEX IF NOT EXISTS claims_by_speaker ON claims(speaker);"
    "INSERT OR IGNORE INTO meta VALUES('schema_version', " SCHEMA_VERSION ");";

/* ---- the FTS5 tokenizer ------------------------------------------------
** The index, the queries and the entity matcher share one tokenizer
** (tokenize.h): "NATO’s" indexes as "nato", "U.S." as "us", "Türkiye" as
** "turkiye", exactly as the gazetteer sees them. */

typedef struct fts_token_ctx {
    void *fts_ctx;
    int (*x_token)(void *, int, const char *, int, int, int);
} fts_token_ctx;

static int fts_token(void *ctx, int flags, const char *token, size_t n, size_t start, size_t end) {
    (void)flags;
    fts_token_ctx *c = ctx;
    return c->x_token(c->fts_ctx, 0, token, (int)n, (int)start, (int)end);
}

static int fts_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out) {
    (void)ctx, (void)argv, (void)argc;
    static int dummy;
    *out = (Fts5Tokenizer *)&dummy;   /* stateless */
    return SQLITE_OK;
}

static void fts_delete(Fts5Tokenizer *t) { (void)t; }

static int fts_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                        int (*x_token)(void *, int, const char *, int, int, int)) {
    (void)t, (void)flags;
    fts_token_ctx c = {ctx, x_token};
    return tok_run(text, (size_t)n, &c, fts_token);
}

static void window_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
                      sqlite3_value **val);

/* Registers the "flank" tokenizer on this connection, and the auxiliary
** function flank_window (section "reading"). */
static int register_tokenizer(sqlite3 *sql) {
    static fts5_tokenizer tokenizer = {fts_create, fts_delete, fts_tokenize};
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(sql, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return FL_EDB;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2) return FL_EDB;
    if (api->xCreateFunction(api, "flank_window", NULL, window_fn, NULL) != SQLITE_OK) return FL_EDB;
    return api->xCreateTokenizer(api, "flank", NULL, &tokenizer, NULL) == SQLITE_OK ? FL_OK : FL_EDB;
}

static int db_error(fl_db *db, char **errmsg, const char *what) {
    return err_set(errmsg, FL_EDB, "%s: %s: %s", db->path, what, sqlite3_errmsg(db->sql));
}

/* Runs SQL that returns one text row; FL_OK when it says WANT. */
static int expect_text(fl_db *db, const char *sql, const char *want, char **errmsg, const char *what) {
    sqlite3_stmt *st = NULL;
    int rc = FL_OK;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) return db_error(db, errmsg, what);
    int r = sqlite3_step(st);
    const char *got = r == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    if (r != SQLITE_ROW && r != SQLITE_DONE) rc = db_error(db, errmsg, what);
    else if (!got || strcmp(got, want) != 0)
        rc = err_set(errmsg, FL_EDB, "%s: %s: %s", db->path, what, got ? got : "failed");
    sqlite3_finalize(st);
    return rc;
}

/* Memory statistics take a process-wide mutex on every allocation; with
** one connection per server thread that mutex was the bottleneck. It must
** be set before SQLite initialises, once. */
/* Sets FTS_HASH_BYTES on both full-text indexes once, when they are new:
** opening an existing database writes nothing. */
static int set_fts_hash_size(fl_db *db, char **errmsg) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, "SELECT 1 FROM documents_fts_config WHERE k = 'hashsize'", -1, &st, NULL))
        return db_error(db, errmsg, "not a flank database");
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    if (r == SQLITE_ROW) return FL_OK;
    if (r != SQLITE_DONE ||
        sqlite3_exec(db->sql,
                     "INSERT INTO documents_fts(documents_fts, rank) VALUES('hashsize', " FTS_HASH_BYTES ");"
                     "INSERT INTO sentences_fts(sentences_fts, rank) VALUES('hashsize', " FTS_HASH_BYTES ");",
                     NULL, NULL, NULL) != SQLITE_OK)
        return db_error(db, errmsg, "cannot configure the full-text indexes");
    return FL_OK;
}

static pthread_once_t sqlite_configured = PTHREAD_ONCE_INIT;

static void configure_sqlite(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

int fl_db_open(const char *path, fl_db **out, char **errmsg) {
    *out = NULL;
    pthread_once(&sqlite_configured, configure_sqlite);
    fl_db *db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(path))) {
        free(db);
        return err_set(errmsg, FL_ENOMEM, "out of memory");
    }
    db->max_batch_docs = FL_BATCH_DOCS;
    int rc = FL_OK;
    /* NOMUTEX: a handle is used by one thread at a time (flank.h). */
    if (sqlite3_open_v2(path, &db->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK)
        rc = db_error(db, errmsg, "cannot open");
    if (rc == FL_OK) sqlite3_busy_timeout(db->sql, 10000);
    if (rc == FL_OK && register_tokenizer(db->sql) != FL_OK) rc = db_error(db, errmsg, "no FTS5 in this SQLite");
    if (rc == FL_OK &&
        sqlite3_exec(db->sql, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                              "PRAGMA cache_size=-65536;",
                     NULL, NULL, NULL) != SQLITE_OK)
        rc = db_error(db, errmsg, "not a flank database");
    if (rc == FL_OK && sqlite3_exec(db->sql, schema, NULL, NULL, NULL) != SQLITE_OK)
        rc = db_error(db, errmsg, "cannot create the schema");
    if (rc == FL_OK)
        rc = expect_text(db, "SELECT value FROM meta WHERE key = 'schema_version'", SCHEMA_VERSION, errmsg,
                         "made by another version of flank (schema version differs); "
                         "ingest the sources into a new database");
    if (rc == FL_OK) rc = set_fts_hash_size(db, errmsg);
    if (rc != FL_OK) {
        fl_db_close(db);
        return rc;
    }
    *out = db;
    return FL_OK;
}

/* ---- the entity ids a connection has written ------------------------- */

static size_t id_hash(const char *s) {
    size_t h = 14695981039346656037u;   /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The slot of ID in db->entity_ids: where it is, or the empty one where
** it would go. The table is never full (kept at most half used). */
static char **entity_slot(fl_db *db, const char *id) {
    size_t mask = db->cap_entity_ids - 1;
    char **slot = &db->entity_ids[id_hash(id) & mask];
    while (*slot && strcmp(*slot, id) != 0) slot = &db->entity_ids[(size_t)(slot - db->entity_ids + 1) & mask];
    return slot;
}

static int entity_written(fl_db *db, const char *id) {
    return db->cap_entity_ids && *entity_slot(db, id);
}

/* Remembers ID as written; a failure to remember only costs a later upsert. */
static void remember_entity(fl_db *db, const char *id) {
    if (2 * (db->n_entity_ids + 1) > db->cap_entity_ids) {
        size_t old_cap = db->cap_entity_ids, cap = old_cap ? 2 * old_cap : 256;
        char **old = db->entity_ids, **fresh = calloc(cap, sizeof *fresh);
        if (!fresh) return;
        db->entity_ids = fresh;
        db->cap_entity_ids = cap;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i]) *entity_slot(db, old[i]) = old[i];
        free(old);
    }
    char **slot = entity_slot(db, id);
    if (!*slot && (*slot = strdup(id))) db->n_entity_ids++;
}

static void forget_entities(fl_db *db) {
    for (size_t i = 0; i < db->cap_entity_ids; i++) free(db->entity_ids[i]);
    free(db->entity_ids);
    db->entity_ids = NULL;
    db->n_entity_ids = db->cap_entity_ids = 0;
}

/* Ends the open batch without keeping it. */
static void roll_back(fl_db *db) {
    sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    db->in_batch = 0;
    db->batch_docs = 0;
    forget_entities(db);
}

/* The prepared statement ID, reset and unbound, or NULL on error. */
static sqlite3_stmt *stmt(fl_db *db, enum stmt_id id) {
    if (!db->stmts[id]) {
        if (sqlite3_prepare_v3(db->sql, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &db->stmts[id],
                               NULL) != SQLITE_OK)
            return NULL;
    } else {
        sqlite3_reset(db->stmts[id]);
        sqlite3_clear_bindings(db->stmts[id]);
    }
    return db->stmts[id];
}

static void reader_free(struct reader *r);

void fl_db_close(fl_db *db) {
    if (!db) return;
    fl_db_commit(db, NULL);
    reader_free(db->reader);
    for (int i = 0; i < N_STMTS; i++) sqlite3_finalize(db->stmts[i]);
    sqlite3_close(db->sql);
    forget_entities(db);
    free(db->path);
    free(db);
}

/* ---- adding a document ------------------------------------------------- */

static int step_done(sqlite3_stmt *st) {
    int r = sqlite3_step(st);
    return r == SQLITE_DONE || r == SQLITE_ROW ? FL_OK : FL_EDB;
}

static void iso_now(char out[32]) {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int find_sha(fl_db *db, const char *sha, int64_t *id) {
    sqlite3_stmt *st = stmt(db, ST_FIND_SHA);
    *id = 0;
    if (!st) return FL_EDB;
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? FL_OK : FL_EDB;
}

static int insert_document(fl_db *db, const fl_doc *d, int64_t *id) {
    sqlite3_stmt *st = stmt(db, ST_ADD_DOC);
    if (!st) return FL_EDB;
    json_t *authors = json_array();
    for (size_t i = 0; i < d->meta.n_authors; i++)
        json_array_append_new(authors, json_string(d->meta.authors[i]));
    char *authors_json = json_dumps(authors, JSON_COMPACT);
    json_decref(authors);
    char now[32];
    iso_now(now);
    sqlite3_bind_text(st, 1, d->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, d->meta.title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, authors_json ? authors_json : "[]", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, d->meta.published, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, d->language, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, d->meta.site_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, d->meta.canonical_url, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 10, (sqlite3_int64)d->seg.n_sents);
    sqlite3_bind_text(st, 11, d->text, (int)d->text_len, SQLITE_STATIC);
    int rc = step_done(st);
    sqlite3_reset(st);
    free(authors_json);
    *id = sqlite3_last_insert_rowid(db->sql);
    if (rc != FL_OK || !(st = stmt(db, ST_ADD_DOC_FTS))) return FL_EDB;
    sqlite3_bind_int64(st, 1, *id);
    sqlite3_bind_text(st, 2, d->meta.title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, d->text, (int)d->text_len, SQLITE_STATIC);
    rc = step_done(st);
    sqlite3_reset(st);
    return rc;
}

static int insert_sentences(fl_db *db, const fl_doc *d, int64_t doc_id) {
    sqlite3_stmt *st = stmt(db, ST_ADD_SENT), *fts = stmt(db, ST_ADD_SENT_FTS);
    int rc = st && fts ? FL_OK : FL_EDB;
    int64_t first = 0, last = 0;
    for (size_t i = 0; i < d->seg.n_sents && rc == FL_OK; i++) {
        const seg_span *s = &d->seg.sents[i];
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)s->para);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)s->start);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)s->end);
        rc = step_done(st);
        sqlite3_reset(st);
        last = sqlite3_last_insert_rowid(db->sql);
        if (i == 0) first = last;
        sqlite3_bind_int64(fts, 1, last);
        sqlite3_bind_text(fts, 2, d->text + s->start, (int)(s->end - s->start), SQLITE_STATIC);
        if (rc == FL_OK) rc = step_done(fts);
        sqlite3_reset(fts);
    }
    if (rc == FL_OK && d->seg.n_sents > 0) {
        if (!(st = stmt(db, ST_SET_RANGE))) return FL_EDB;
        sqlite3_bind_int64(st, 1, first);
        sqlite3_bind_int64(st, 2, last);
        sqlite3_bind_int64(st, 3, doc_id);
        rc = step_done(st);
        sqlite3_reset(st);
    }
    return rc;
}

/* Runs ST with its bindings made by the caller, then resets it. */
static int run_stmt(sqlite3_stmt *st) {
    int rc = step_done(st);
    sqlite3_reset(st);
    return rc;
}

static int insert_entity(fl_db *db, const gaz_pack *pack, const char *id) {
    if (entity_written(db, id)) return FL_OK;
    sqlite3_stmt *st = stmt(db, ST_ADD_ENTITY);
    const gaz_entity *e = pack ? gaz_get(pack, id) : NULL;
    if (!st) return FL_EDB;
    const char *colon = strchr(id, ':');
    char type[32];
    snprintf(type, sizeof type, "%.*s", colon ? (int)(colon - id) : 0, id);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, e ? e->name : id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, e ? e->type : type, -1, SQLITE_TRANSIENT);
    int rc = run_stmt(st);
    if (rc == FL_OK) remember_entity(db, id);
    return rc;
}

static int mention_cmp(const void *a, const void *b) {
    const annot_mention *x = *(const annot_mention *const *)a, *y = *(const annot_mention *const *)b;
    int c = strcmp(x->id, y->id);
    return c ? c : x->start < y->start ? -1 : x->start > y->start;
}

/* Writes one mentions row for the entity of RUN[0..n). */
static int insert_mention_row(fl_db *db, const gaz_pack *pack, int64_t doc_id, const annot_mention *const *run,
                              size_t n, buf *spans) {
    buf_reset(spans);
    buf_putc(spans, '[');
    for (size_t k = 0; k < n; k++) {
        buf_puts(spans, k ? ",[" : "[");
        buf_put_size(spans, run[k]->start);
        buf_putc(spans, ',');
        buf_put_size(spans, run[k]->end);
        buf_putc(spans, ']');
    }
    buf_putc(spans, ']');
    sqlite3_stmt *st;
    if (insert_entity(db, pack, run[0]->id) != FL_OK || spans->rc != FL_OK || !(st = stmt(db, ST_ADD_MENTION)))
        return FL_EDB;
    sqlite3_bind_int64(st, 1, doc_id);
    sqlite3_bind_text(st, 2, run[0]->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)n);
    sqlite3_bind_text(st, 4, spans->data, (int)spans->len, SQLITE_STATIC);
    return run_stmt(st);
}

/* The mentions of a new document, one row per entity: sorted by id, each
** run of one id is a row. */
static int insert_mentions(fl_db *db, const gaz_pack *pack, const fl_doc *d, int64_t doc_id) {
    size_t n = d->ents.n_mentions;
    const annot_mention **by_id = malloc((n ? n : 1) * sizeof *by_id);
    if (!by_id) return FL_ENOMEM;
    for (size_t i = 0; i < n; i++) by_id[i] = &d->ents.mentions[i];
    qsort(by_id, n, sizeof *by_id, mention_cmp);
    buf spans;
    buf_init(&spans, BUF_NO_LIMIT);
    int rc = FL_OK;
    for (size_t i = 0, k; i < n && rc == FL_OK; i = k) {
        for (k = i + 1; k < n && strcmp(by_id[k]->id, by_id[i]->id) == 0; k++) continue;
        rc = insert_mention_row(db, pack, doc_id, by_id + i, k - i, &spans);
    }
    buf_release(&spans);
    free(by_id);
    return rc;
}

/* Mentions, dates, relations and claims of a new document. */
static int insert_annotations(fl_db *db, const fl_doc *d, int64_t doc_id) {
    const gaz_pack *pack = NULL;
    gaz_default(&pack, NULL);
    int rc = insert_mentions(db, pack, d, doc_id);
    sqlite3_stmt *st;
    for (size_t i = 0; i < d->n_dates && rc == FL_OK; i++) {
        if (!(st = stmt(db, ST_ADD_DATE))) return FL_EDB;
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)d->dates[i].start);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)d->dates[i].end);
        sqlite3_bind_text(st, 4, d->dates[i].value, -1, SQLITE_STATIC);
        rc = run_stmt(st);
    }
    for (size_t i = 0; i < d->n_rels && rc == FL_OK; i++) {
        const annot_relation *r = &d->rels[i];
        if (!(st = stmt(db, ST_ADD_RELATION))) return FL_EDB;
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_text(st, 2, r->subject, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, r->predicate, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, r->object, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, r->date[0] ? r->date : NULL, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, rel_modality_name(r->modality), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 7, (sqlite3_int64)r->start);
        sqlite3_bind_int64(st, 8, (sqlite3_int64)r->end);
        rc = run_stmt(st);
    }
    for (size_t i = 0; i < d->n_claims && rc == FL_OK; i++) {
        const annot_claim *c = &d->claims[i];
        if (!(st = stmt(db, ST_ADD_CLAIM))) return FL_EDB;
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_text(st, 2, claim_kind_name(c->kind), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, c->speaker, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)c->start);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)c->end);
        rc = run_stmt(st);
    }
    return rc;
}

static long ms_since(const struct timespec *t) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

int fl_db_commit(fl_db *db, char **errmsg) {
    if (!db->in_batch) return FL_OK;
    db->in_batch = 0;
    db->batch_docs = 0;
    if (sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = db_error(db, errmsg, "cannot commit");
        roll_back(db);
        return rc;
    }
    return FL_OK;
}

void fl_db_batch(fl_db *db, int max_docs) {
    db->max_batch_docs = max_docs < 1 ? 1 : max_docs > 100000 ? 100000 : max_docs;
}

int fl_db_add(fl_db *db, const fl_doc *doc, int64_t *doc_id, int *added, char **errmsg) {
    *doc_id = 0;
    *added = 0;
    if (!db->in_batch) {
        if (sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            return db_error(db, errmsg, "cannot start a transaction");
        db->in_batch = 1;
        clock_gettime(CLOCK_MONOTONIC, &db->batch_start);
    }
    int rc = find_sha(db, doc->sha256, doc_id);
    if (rc == FL_OK && *doc_id) return FL_OK;   /* identical content is already stored */
    if (rc == FL_OK) rc = insert_document(db, doc, doc_id);
    if (rc == FL_OK) rc = insert_sentences(db, doc, *doc_id);
    if (rc == FL_OK) rc = insert_annotations(db, doc, *doc_id);
    if (rc != FL_OK) {
        int pending = db->batch_docs;
        rc = err_set(errmsg, FL_EDB, "%s: cannot store the document: %s; the %d document%s stored "
                     "since the last commit were rolled back too, run the ingest again",
                     db->path, sqlite3_errmsg(db->sql), pending, pending == 1 ? "" : "s");
        roll_back(db);
        *doc_id = 0;
        return rc;
    }
    *added = 1;
    if (++db->batch_docs >= db->max_batch_docs || ms_since(&db->batch_start) >= BATCH_MS) rc = fl_db_commit(db, errmsg);
    return rc;
}

int fl_db_check(fl_db *db, char **errmsg) {
    int rc = fl_db_commit(db, errmsg);
    if (rc == FL_OK) rc = expect_text(db, "PRAGMA integrity_check", "ok", errmsg, "integrity check");
    if (rc == FL_OK && sqlite3_exec(db->sql, "INSERT INTO sentences_fts(sentences_fts) VALUES('integrity-check');"
                                             "INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')",
                                    NULL, NULL, NULL) != SQLITE_OK)
        rc = db_error(db, errmsg, "full-text index check");
    if (rc == FL_OK)
        rc = expect_text(db, "SELECT CAST(count(*) AS TEXT) FROM pragma_foreign_key_check", "0", errmsg,
                         "rows pointing to missing documents");
    if (rc == FL_OK)
        rc = expect_text(db,
                         "SELECT CAST(count(*) AS TEXT) FROM documents d WHERE n_sentences !="
                         " (SELECT count(*) FROM sentences s WHERE s.id BETWEEN d.first_sentence AND d.last_sentence"
                         "  AND s.doc_id = d.id)",
                         "0", errmsg, "documents missing sentences");
    return rc;
}

int fl_db_stats(fl_db *db, int64_t *n_docs, int64_t *n_sentences, char **errmsg) {
    sqlite3_stmt *st = NULL;
    *n_docs = *n_sentences = 0;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT count(*), coalesce(sum(n_sentences), 0) FROM documents", -1,
                           &st, NULL))
        return db_error(db, errmsg, "stats");
    if (sqlite3_step(st) == SQLITE_ROW) {
        *n_docs = sqlite3_column_int64(st, 0);
        *n_sentences = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return FL_OK;
}

/* ---- reading ----------------------------------------------------------- */

static json_t *column_json(sqlite3_stmt *st, int i) {
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER: return json_integer(sqlite3_column_int64(st, i));
    case SQLITE_FLOAT: return json_real(sqlite3_column_double(st, i));
    case SQLITE_NULL: return json_null();
    default:
        return json_stringn((const char *)sqlite3_column_text(st, i),
                            (size_t)sqlite3_column_bytes(st, i));
    }
}

/* The columns of the current row as an object keyed by column name;
** columns named "authors" and "evidence" hold JSON and are parsed. */
static json_t *row_json(sqlite3_stmt *st) {
    json_t *o = json_object();
    for (int i = 0; i < sqlite3_column_count(st); i++) {
        const char *name = sqlite3_column_name(st, i);
        int is_json = strcmp(name, "authors") == 0 || strcmp(name, "evidence") == 0;
        json_t *v = is_json && sqlite3_column_type(st, i) == SQLITE_TEXT
                        ? json_loads((const char *)sqlite3_column_text(st, i), 0, NULL)
                        : column_json(st, i);
        json_object_set_new(o, name, v ? v : json_array());
    }
    return o;
}

/* FTS5 reports syntax problems as SQLITE_ERROR with "fts5: ..." text. */
static int search_error(fl_db *db, char **errmsg) {
    const char *m = sqlite3_errmsg(db->sql);
    if (strncmp(m, "fts5:", 5) == 0 || strstr(m, "syntax error") || strstr(m, "no such column"))
        return err_set(errmsg, FL_EQUERY, "query: %s", m);
    return db_error(db, errmsg, "search");
}

/* The filters of fl_search_opts, as SQL over documents d with parameters
** ?4 entity, ?5 type, ?6 since, ?7 until, ?8 source (NULL: no filter). */
#define SEARCH_FILTERS \
    " AND (?4 IS NULL OR d.id IN (SELECT doc_id FROM mentions WHERE entity = ?4))" \
    " AND (?5 IS NULL OR d.id IN (SELECT m.doc_id FROM mentions m JOIN entities e ON e.id = m.entity" \
    "                              WHERE e.type = ?5))" \
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
** expression, ?2 limit, ?3 offset, ?4..?8 the filters, ?9 unused. */
enum read_stmt_id {
    RS_WINDOW, RS_RANKED_FILTERED, RS_COUNTED_FILTERED, RS_BY_SENTENCE, RS_BY_SENTENCE_COUNT, RS_LISTED,
    RS_LISTED_COUNT, RS_DOC, RS_SENTENCES, RS_ENTITY_SPANS, RS_DOCSIZE, RS_DOCSIZES, RS_FACETS_LISTED,
    RS_FACETS_RANKED, RS_FACETS_BY_SENTENCE, N_READ_STMTS
};

/* Facets: how many of the matching documents (the newest FACET_WINDOW of
** them, as for ranking) mention each entity type, each of the twelve
** countries mentioned by most, and were published each year. MATCHES
** selects the matching document ids as "id". Rows: facet, key, name, count,
** in the order shown (UNION ALL keeps each part's order). */
#define FACET_WINDOW "2000"
#define FACETS(MATCHES) \
    "WITH matches(id) AS MATERIALIZED (" MATCHES " ORDER BY 1 DESC LIMIT " FACET_WINDOW ")" \
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
        "WITH top AS (SELECT f.rowid AS id, bm25(documents_fts, 2.0, 1.0) AS r"
        "  FROM documents_fts f JOIN documents d ON d.id = f.rowid"
        "  WHERE documents_fts MATCH ?1 AND f.rowid >= ?9" SEARCH_FILTERS " ORDER BY r LIMIT ?2 OFFSET ?3)"
        " SELECT " DOC_COLUMNS ", -top.r AS score FROM top JOIN documents d ON d.id = top.id ORDER BY top.r",
    [RS_COUNTED_FILTERED] =
        "SELECT count(*) FROM documents_fts f JOIN documents d ON d.id = f.rowid"
        " WHERE documents_fts MATCH ?1" SEARCH_FILTERS,
    /* Sentence scope: the best SENTENCE_HITS sentences (BM25 over the
    ** sentence index) grouped by document. */
    [RS_BY_SENTENCE] =
        "WITH hits AS (SELECT rowid AS sid, rank FROM sentences_fts WHERE sentences_fts MATCH ?1"
        "  ORDER BY rank LIMIT " SENTENCE_HITS "),"
        " per_doc AS (SELECT s.doc_id, min(h.rank) AS best FROM hits h JOIN sentences s ON s.id = h.sid"
        "  GROUP BY s.doc_id)"
        " SELECT " DOC_COLUMNS ", -p.best AS score FROM per_doc p JOIN documents d ON d.id = p.doc_id"
        " WHERE ?9 = 0" SEARCH_FILTERS " ORDER BY p.best LIMIT ?2 OFFSET ?3",
    [RS_BY_SENTENCE_COUNT] =
        "WITH hits AS (SELECT rowid AS sid FROM sentences_fts WHERE sentences_fts MATCH ?1"
        "  ORDER BY rank LIMIT " SENTENCE_HITS ")"
        " SELECT count(DISTINCT d.id) FROM hits h JOIN sentences s ON s.id = h.sid"
        " JOIN documents d ON d.id = s.doc_id WHERE 1" SEARCH_FILTERS,
    /* With no query, the filters alone list documents, newest first. */
    [RS_LISTED] =
        "SELECT " DOC_COLUMNS " FROM documents d WHERE (?1 IS NULL AND ?9 = 0)" SEARCH_FILTERS
        " ORDER BY d.published IS NULL, d.published DESC, d.id DESC LIMIT ?2 OFFSET ?3",
    [RS_LISTED_COUNT] = "SELECT count(*) FROM documents d WHERE (?1 IS NULL)" SEARCH_FILTERS,
    [RS_DOC] = "SELECT " DOC_COLUMNS " FROM documents d WHERE d.id = ?1",
    [RS_SENTENCES] =
        "SELECT (SELECT text FROM documents WHERE id = ?1), id, start, end FROM sentences"
        " WHERE id BETWEEN ?2 AND ?3 ORDER BY id",
    [RS_ENTITY_SPANS] = "SELECT spans FROM mentions WHERE doc_id = ?1 AND entity = ?2",
    /* FTS5's own table of row lengths: one varint of tokens per column. */
    [RS_DOCSIZE] = "SELECT sz FROM documents_fts_docsize WHERE id = ?1",
    [RS_DOCSIZES] = "SELECT id, sz FROM documents_fts_docsize WHERE id BETWEEN ?1 AND ?2 ORDER BY id DESC",
    [RS_FACETS_LISTED] = FACETS("SELECT d.id FROM documents d WHERE (?1 IS NULL)" SEARCH_FILTERS),
    [RS_FACETS_RANKED] = FACETS("SELECT d.id FROM documents_fts f JOIN documents d ON d.id = f.rowid"
                                " WHERE documents_fts MATCH ?1" SEARCH_FILTERS),
    [RS_FACETS_BY_SENTENCE] = FACETS(
        "SELECT DISTINCT d.id FROM (SELECT rowid AS sid FROM sentences_fts WHERE sentences_fts MATCH ?1"
        "  ORDER BY rank LIMIT " SENTENCE_HITS ") h JOIN sentences s ON s.id = h.sid"
        " JOIN documents d ON d.id = s.doc_id WHERE 1" SEARCH_FILTERS),
};

struct reader {
    sqlite3_stmt *st[N_READ_STMTS];
};

static void reader_free(struct reader *r) {
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
    sqlite3_bind_int64(st, 9, 0);
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

static void window_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
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

static int bound_cmp(const void *x, const void *y) {
    const bound_row *a = x, *b = y;
    return a->bound > b->bound ? -1 : a->bound < b->bound;
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
    for (size_t k = 0; k < rk->n && rc == FL_OK; k++) order[k] = (bound_row){bm25(rk, k, 0.0), k};
    if (rc == FL_OK) qsort(order, rk->n, sizeof *order, bound_cmp);
    size_t n_best = 0;
    for (size_t j = 0; j < rk->n && rc == FL_OK; j++) {
        if (n_best == keep && order[j].bound < best[0] * (1 - BOUND_MARGIN)) break;
        if (j == budget) rc = GAVE_UP;
        window_row *row = &rk->rows[order[j].k];
        if (rc == FL_OK) rc = read_length(db, row);
        if (rc == FL_OK && row->tokens >= 0) best_push(best, &n_best, keep, bm25(rk, order[j].k, row->tokens));
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
    if (rc != FL_OK) return rc == FL_EDB ? db_error(db, errmsg, "search") : err_set(errmsg, rc, "out of memory");
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
            json_t *doc = row_json(st);
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
    while ((r = sqlite3_step(st)) == SQLITE_ROW) json_array_append_new(results, row_json(st));
    int rc = r == SQLITE_DONE ? FL_OK : search_error(db, errmsg);
    sqlite3_reset(st);
    return rc;
}

/* Adds the document's "text" and "sentences" ([[id, start, end], ...]) so
** the query stage can pick and highlight the sentences to show, and with
** ENTITY the "entity_spans" ([[start, end], ...]) where it is mentioned. */
static int add_sentences(fl_db *db, json_t *doc, const char *entity, char **errmsg) {
    sqlite3_stmt *st = read_stmt(db, RS_SENTENCES);
    if (!st) return db_error(db, errmsg, "search");
    json_int_t id = json_integer_value(json_object_get(doc, "id"));
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, json_integer_value(json_object_get(doc, "first_sentence")));
    sqlite3_bind_int64(st, 3, json_integer_value(json_object_get(doc, "last_sentence")));
    json_t *spans = json_array();
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (!json_object_get(doc, "text")) json_object_set_new(doc, "text", column_json(st, 0));
        json_t *span = json_array();
        for (int i = 1; i <= 3; i++) json_array_append_new(span, json_integer(sqlite3_column_int64(st, i)));
        json_array_append_new(spans, span);
    }
    sqlite3_reset(st);
    json_object_set_new(doc, "sentences", spans);
    if (r != SQLITE_DONE) return db_error(db, errmsg, "search");
    if (!entity) return FL_OK;
    if (!(st = read_stmt(db, RS_ENTITY_SPANS))) return db_error(db, errmsg, "search");
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

int store_search(fl_db *db, const char *expr, const fl_search_opts *opts, json_t **out, char **errmsg) {
    /* The ranking runs on the index alone; documents rows are read only
    ** for the page shown, or for filters. */
    *out = NULL;
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

/* ---- entity queries ---------------------------------------------------- */

/* The text of a byte span of a document: substr() on text counts
** characters, on a blob bytes. */
#define SPAN_TEXT(doc, a, b) "CAST(substr(CAST(" doc ".text AS BLOB), " a " + 1, " b " - " a ") AS TEXT)"

static const char *const named_sql[N_STORE_QUERIES] = {
    [Q_ENTITIES] =
        "SELECT e.id, e.name, e.type, sum(m.count) AS mentions, count(*) AS documents"
        " FROM mentions m JOIN entities e ON e.id = m.entity WHERE (?1 IS NULL OR e.type = ?1)"
        " GROUP BY e.id ORDER BY mentions DESC, e.id"
        " LIMIT CAST(?2 AS INTEGER) OFFSET CAST(?3 AS INTEGER)",
    [Q_ENTITIES_TOTAL] =
        "SELECT count(DISTINCT m.entity) AS total FROM mentions m JOIN entities e ON e.id = m.entity"
        " WHERE (?1 IS NULL OR e.type = ?1)",
    [Q_ENTITY] = "SELECT id, name, type FROM entities WHERE id = ?1",
    [Q_RELATIONS] =
        "SELECT r.predicate, r.subject, se.name AS subject_name, r.object, oe.name AS object_name,"
        " r.modality, min(r.date) AS date, count(*) AS count, count(DISTINCT r.doc_id) AS documents,"
        " json_group_array(json_object('doc_id', r.doc_id, 'title', d.title, 'date', r.date,"
        "   'start', r.start, 'end', r.end, 'sentence', " SPAN_TEXT("d", "r.start", "r.end") ")) AS evidence"
        " FROM relations r JOIN documents d ON d.id = r.doc_id"
        " LEFT JOIN entities se ON se.id = r.subject LEFT JOIN entities oe ON oe.id = r.object"
        " WHERE r.subject = ?1 OR r.object = ?1"
        " GROUP BY r.predicate, r.subject, r.object, r.modality ORDER BY r.predicate, count DESC",
    [Q_CO_MENTIONS] =
        "WITH docs AS (SELECT DISTINCT doc_id FROM mentions WHERE entity = ?1)"
        " SELECT e.id, e.name, e.type, count(*) AS documents, sum(m.count) AS mentions"
        " FROM mentions m JOIN docs USING (doc_id) JOIN entities e ON e.id = m.entity"
        " WHERE m.entity != ?1 GROUP BY e.id ORDER BY documents DESC, mentions DESC LIMIT 25",
    [Q_CLAIMS] =
        "SELECT c.kind, c.speaker, se.name AS speaker_name, c.doc_id, d.title, c.start, c.end,"
        " " SPAN_TEXT("d", "c.start", "c.end") " AS text"
        " FROM claims c JOIN documents d ON d.id = c.doc_id LEFT JOIN entities se ON se.id = c.speaker"
        " WHERE c.speaker = ?1 OR c.doc_id IN (SELECT doc_id FROM mentions WHERE entity = ?1)"
        "   AND EXISTS (SELECT 1 FROM mentions m, json_each(m.spans) j"
        "               WHERE m.doc_id = c.doc_id AND m.entity = ?1"
        "               AND j.value ->> 0 >= c.start AND j.value ->> 1 <= c.end)"
        " ORDER BY c.doc_id, c.start LIMIT 100",
    [Q_SOURCES] =
        "SELECT d.id AS doc_id, d.title, d.source, d.published, m.count AS mentions"
        " FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.entity = ?1"
        " ORDER BY mentions DESC, d.published DESC LIMIT 50",
    [Q_TIMELINE] =
        "SELECT r.date, r.subject, se.name AS subject_name, r.predicate, r.object,"
        " oe.name AS object_name, r.modality, r.doc_id, d.title, r.start, r.end,"
        " " SPAN_TEXT("d", "r.start", "r.end") " AS sentence"
        " FROM relations r JOIN documents d ON d.id = r.doc_id"
        " LEFT JOIN entities se ON se.id = r.subject LEFT JOIN entities oe ON oe.id = r.object"
        " WHERE r.date IS NOT NULL AND (?1 IS NULL OR r.subject = ?1 OR r.object = ?1)"
        " AND (?2 IS NULL OR r.date >= ?2) AND (?3 IS NULL OR substr(r.date, 1, length(?3)) <= ?3)"
        " ORDER BY r.date, r.doc_id, r.start LIMIT 2000",
    [Q_MAP_MENTIONS] =
        "SELECT e.id, e.name, e.type, sum(m.count) AS mentions"
        " FROM mentions m JOIN entities e ON e.id = m.entity JOIN documents d ON d.id = m.doc_id"
        " WHERE e.type IN ('country', 'place')"
        " AND (?1 IS NULL OR d.published >= ?1) AND (?2 IS NULL OR substr(d.published, 1, length(?2)) <= ?2)"
        " GROUP BY e.id",
    [Q_DOC_ENTITIES] =
        "SELECT m.entity AS id, e.name, e.type, m.spans AS evidence FROM mentions m"
        " JOIN entities e ON e.id = m.entity WHERE m.doc_id = ?1"
        " ORDER BY (SELECT min(j.value ->> 0) FROM json_each(m.spans) j)",
    [Q_DOC_DATES] = "SELECT start, end, value FROM dates WHERE doc_id = ?1 ORDER BY start",
    [Q_DOC_RELATIONS] =
        "SELECT r.subject, r.predicate, r.object, r.date, r.modality,"
        " " SPAN_TEXT("d", "r.start", "r.end") " AS sentence, r.start, r.end"
        " FROM relations r JOIN documents d ON d.id = r.doc_id WHERE r.doc_id = ?1 ORDER BY r.start, r.id",
    [Q_DOC_CLAIMS] =
        "SELECT c.kind, c.speaker, " SPAN_TEXT("d", "c.start", "c.end") " AS text, c.start, c.end"
        " FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.doc_id = ?1 ORDER BY c.start",
    [Q_MAP_RELATIONS] =
        "SELECT r.object AS id, count(*) AS relations FROM relations r"
        " WHERE r.object IS NOT NULL AND r.modality != 'negated'"
        " AND (?1 IS NULL OR r.predicate = ?1) AND (?2 IS NULL OR r.subject = ?2)"
        " AND (?3 IS NULL OR r.date >= ?3) AND (?4 IS NULL OR substr(r.date, 1, length(?4)) <= ?4)"
        " GROUP BY r.object",
};

int store_rows(fl_db *db, enum store_query q, const char *const *params, int n_params, json_t **rows,
               char **errmsg) {
    *rows = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, named_sql[q], -1, &st, NULL) != SQLITE_OK)
        return db_error(db, errmsg, "query");
    for (int i = 0; i < n_params; i++) sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_STATIC);
    json_t *a = json_array();
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) json_array_append_new(a, row_json(st));
    sqlite3_finalize(st);
    if (r != SQLITE_DONE) {
        json_decref(a);
        return db_error(db, errmsg, "query");
    }
    *rows = a;
    return FL_OK;
}

static int is_hex(const char *s) {
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f'))) return 0;
    return 1;
}

int store_document(fl_db *db, const char *ref, json_t **out, char **errmsg) {
    static const char by_id[] =
        "SELECT id, sha256, source, title, authors, published, language, site_name, url,"
        " ingested_at, n_sentences, text FROM documents WHERE id = ?1";
    static const char by_sha[] =
        "SELECT id, sha256, source, title, authors, published, language, site_name, url,"
        " ingested_at, n_sentences, text FROM documents WHERE sha256 >= ?1 AND sha256 < ?1 || 'g'"
        " LIMIT 2";
    *out = NULL;
    size_t n = strlen(ref);
    int numeric = n > 0 && n < 19 && strspn(ref, "0123456789") == n;
    if (!numeric && (n < 4 || !is_hex(ref)))
        return err_set(errmsg, FL_EINVAL,
                       "%s: not a document id or sha256 prefix (4 or more hex digits)", ref);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, numeric ? by_id : by_sha, -1, &st, NULL))
        return db_error(db, errmsg, "show");
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    json_t *doc = NULL;
    int rc = FL_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        doc = row_json(st);
        if (!numeric && sqlite3_step(st) == SQLITE_ROW)
            rc = err_set(errmsg, FL_EINVAL, "%s: more than one document has this prefix; give more digits", ref);
    } else {
        rc = err_set(errmsg, FL_ENOTFOUND, "%s: no such document", ref);
    }
    sqlite3_finalize(st);
    if (rc != FL_OK) {
        json_decref(doc);
        return rc;
    }
    *out = doc;
    return FL_OK;
}
