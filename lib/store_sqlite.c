/*
** store_sqlite.c: the SQLite/FTS5 store (see store.h and flank.h). It owns
** the schema, transactions and every SQL statement. One document is one
** transaction, so a killed ingest leaves each document whole or absent;
** WAL lets readers go on while a writer commits.
*/
#include "store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc.h"
#include "err.h"
#include "banned.h"

#define SCHEMA_VERSION "1"

struct fl_db {
    sqlite3 *sql;
    char *path;
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
    "CREATE TABLE IF NOT EXISTS sentences("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL, paragraph INTEGER NOT NULL,"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,"
    "  text TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS sentences_by_doc ON sentences(doc_id, seq);"
    "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5("
    "  text, content='sentences', content_rowid='id',"
    "  tokenize='unicode61 remove_diacritics 2');"
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "  title, text, content='documents', content_rowid='id',"
    "  tokenize='unicode61 remove_diacritics 2');"
    "INSERT OR IGNORE INTO meta VALUES('schema_version', " SCHEMA_VERSION ");";

static int db_error(fl_db *db, char **errmsg, const char *what) {
    return err_set(errmsg, FL_EDB, "%s: %s: %s", db->path, what, sqlite3_errmsg(db->sql));
}

int fl_db_open(const char *path, fl_db **out, char **errmsg) {
    *out = NULL;
    fl_db *db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(path))) {
        free(db);
        return err_set(errmsg, FL_ENOMEM, "out of memory");
    }
    int rc = FL_OK;
    if (sqlite3_open_v2(path, &db->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        rc = db_error(db, errmsg, "cannot open");
    if (rc == FL_OK) sqlite3_busy_timeout(db->sql, 10000);
    if (rc == FL_OK &&
        sqlite3_exec(db->sql, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                              "PRAGMA foreign_keys=ON;", NULL, NULL, NULL) != SQLITE_OK)
        rc = db_error(db, errmsg, "not a flank database");
    if (rc == FL_OK && sqlite3_exec(db->sql, schema, NULL, NULL, NULL) != SQLITE_OK)
        rc = db_error(db, errmsg, "cannot create the schema");
    if (rc != FL_OK) {
        fl_db_close(db);
        return rc;
    }
    *out = db;
    return FL_OK;
}

void fl_db_close(fl_db *db) {
    if (!db) return;
    sqlite3_close(db->sql);
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
    sqlite3_stmt *st = NULL;
    *id = 0;
    if (sqlite3_prepare_v2(db->sql, "SELECT id FROM documents WHERE sha256 = ?", -1, &st, NULL))
        return FL_EDB;
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) *id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? FL_OK : FL_EDB;
}

static int insert_document(fl_db *db, const fl_doc *d, int64_t *id) {
    static const char sql[] =
        "INSERT INTO documents(sha256, source, title, authors, published, language, site_name,"
        " url, ingested_at, n_sentences, text) VALUES(?,?,?,?,?,?,?,?,?,?,?)";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL)) return FL_EDB;
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
    sqlite3_finalize(st);
    free(authors_json);
    *id = sqlite3_last_insert_rowid(db->sql);
    if (rc == FL_OK &&
        sqlite3_prepare_v2(db->sql, "INSERT INTO documents_fts(rowid, title, text) VALUES(?,?,?)",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, *id);
        sqlite3_bind_text(st, 2, d->meta.title, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, d->text, (int)d->text_len, SQLITE_STATIC);
        rc = step_done(st);
        sqlite3_finalize(st);
    } else if (rc == FL_OK) {
        rc = FL_EDB;
    }
    return rc;
}

static int insert_sentences(fl_db *db, const fl_doc *d, int64_t doc_id) {
    sqlite3_stmt *st = NULL, *fts = NULL;
    int rc = FL_OK;
    if (sqlite3_prepare_v2(db->sql,
                           "INSERT INTO sentences(doc_id, seq, paragraph, start, end, text)"
                           " VALUES(?,?,?,?,?,?)", -1, &st, NULL) ||
        sqlite3_prepare_v2(db->sql, "INSERT INTO sentences_fts(rowid, text) VALUES(?,?)", -1,
                           &fts, NULL))
        rc = FL_EDB;
    int64_t first = 0, last = 0;
    for (size_t i = 0; i < d->seg.n_sents && rc == FL_OK; i++) {
        const seg_span *s = &d->seg.sents[i];
        const char *text = d->text + s->start;
        int len = (int)(s->end - s->start);
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)s->para);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)s->start);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)s->end);
        sqlite3_bind_text(st, 6, text, len, SQLITE_STATIC);
        rc = step_done(st);
        sqlite3_reset(st);
        last = sqlite3_last_insert_rowid(db->sql);
        if (i == 0) first = last;
        sqlite3_bind_int64(fts, 1, last);
        sqlite3_bind_text(fts, 2, text, len, SQLITE_STATIC);
        if (rc == FL_OK) rc = step_done(fts);
        sqlite3_reset(fts);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(fts);
    if (rc == FL_OK && d->seg.n_sents > 0) {
        char sql[160];
        snprintf(sql, sizeof sql,
                 "UPDATE documents SET first_sentence=%lld, last_sentence=%lld WHERE id=%lld",
                 (long long)first, (long long)last, (long long)doc_id);
        if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK) rc = FL_EDB;
    }
    return rc;
}

int fl_db_add(fl_db *db, const fl_doc *doc, int64_t *doc_id, int *added, char **errmsg) {
    *doc_id = 0;
    *added = 0;
    if (sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_error(db, errmsg, "cannot start a transaction");
    int rc = find_sha(db, doc->sha256, doc_id);
    if (rc == FL_OK && *doc_id) {
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        return FL_OK;   /* identical content is already stored */
    }
    if (rc == FL_OK) rc = insert_document(db, doc, doc_id);
    if (rc == FL_OK) rc = insert_sentences(db, doc, *doc_id);
    if (rc == FL_OK && sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) rc = FL_EDB;
    if (rc != FL_OK) {
        rc = db_error(db, errmsg, "cannot store the document");
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        *doc_id = 0;
        return rc;
    }
    *added = 1;
    return FL_OK;
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

/* The columns of the current row as an object keyed by column name; a
** column named "authors" holds JSON and is parsed. */
static json_t *row_json(sqlite3_stmt *st) {
    json_t *o = json_object();
    for (int i = 0; i < sqlite3_column_count(st); i++) {
        const char *name = sqlite3_column_name(st, i);
        json_t *v = strcmp(name, "authors") == 0
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

/* The best sentences of one document for EXPR, as the document's "hits". */
static int search_hits(fl_db *db, const char *expr, json_t *doc, int per_doc, size_t *n_hits,
                       char **errmsg) {
    static const char sql[] =
        "SELECT s.id AS sentence_id, s.start, s.end,"
        " snippet(sentences_fts, 0, char(2), char(3), '…', 48) AS snippet,"
        " -f.rank AS score"
        " FROM sentences_fts f JOIN sentences s ON s.id = f.rowid"
        " WHERE sentences_fts MATCH ?1 AND f.rowid BETWEEN ?2 AND ?3"
        " ORDER BY f.rank LIMIT ?4";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL)) return search_error(db, errmsg);
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, json_integer_value(json_object_get(doc, "first_sentence")));
    sqlite3_bind_int64(st, 3, json_integer_value(json_object_get(doc, "last_sentence")));
    sqlite3_bind_int(st, 4, per_doc);
    json_t *hits = json_array();
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) json_array_append_new(hits, row_json(st));
    sqlite3_finalize(st);
    *n_hits = json_array_size(hits);
    json_object_set_new(doc, "hits", hits);
    return r == SQLITE_DONE ? FL_OK : search_error(db, errmsg);
}

static int64_t count_matches(fl_db *db, const char *expr) {
    sqlite3_stmt *st = NULL;
    int64_t n = 0;
    if (sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return n;
}

int store_search(fl_db *db, const char *expr, const char *any_expr, const fl_search_opts *opts,
                 json_t **out, char **errmsg) {
    /* Documents are ranked by BM25 over title (weighted 2) and text, so a
    ** query's terms may sit in different sentences of one document. */
    static const char sql[] =
        "SELECT d.id, d.sha256, d.title, d.source, d.published,"
        " -bm25(documents_fts, 2.0, 1.0) AS score, d.first_sentence, d.last_sentence"
        " FROM documents_fts f JOIN documents d ON d.id = f.rowid"
        " WHERE documents_fts MATCH ?1 ORDER BY bm25(documents_fts, 2.0, 1.0) LIMIT ?2 OFFSET ?3";
    *out = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL)) return search_error(db, errmsg);
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, opts->limit);
    sqlite3_bind_int(st, 3, opts->offset);
    json_t *results = json_array();
    int r, rc = FL_OK;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) json_array_append_new(results, row_json(st));
    if (r != SQLITE_DONE) rc = search_error(db, errmsg);
    sqlite3_finalize(st);
    size_t i, n_hits;
    json_t *doc;
    json_array_foreach(results, i, doc) {
        /* Sentences that match the whole query, else any of its terms. */
        if (rc == FL_OK) rc = search_hits(db, expr, doc, opts->per_doc, &n_hits, errmsg);
        if (rc == FL_OK && n_hits == 0 && any_expr)
            rc = search_hits(db, any_expr, doc, opts->per_doc, &n_hits, errmsg);
        json_object_del(doc, "first_sentence");
        json_object_del(doc, "last_sentence");
    }
    if (rc != FL_OK) {
        json_decref(results);
        return rc;
    }
    json_int_t total = (json_int_t)(opts->offset + (int)json_array_size(results));
    if ((int)json_array_size(results) == opts->limit || opts->offset > 0) total = count_matches(db, expr);
    *out = json_pack("{s:I, s:o}", "total", total, "results", results);
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
