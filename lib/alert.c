/*
** alert.c: saved searches and what matched them since the last look
** (intake.h's fl_alert_*): an alert is a query (the search syntax, matched
** within a sentence as `flank search --sentences` does), an entity, a
** predicate, or several of them; its mark is the last document it has
** shown, so new matches are those of later documents (and their
** relations: a relation's document dates it, so re-extracting old
** documents with `flank relink` raises no alert). The table is made by the
** first `alert add`; a database without it has no alerts. Running the
** matches (the watcher's JSON lines, its command per alert) is the CLI's.
*/
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "query.h"
#include "store_int.h"
#include "vocab.h"
#include "flank/intake.h"
#include "banned.h"

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS alerts("
    "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, query TEXT, entity TEXT, predicate TEXT,"
    "  last_doc INTEGER NOT NULL,"
    "  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));";

/* The query's FTS5 expression into OUT; FL_EQUERY with *errmsg when the
** query is malformed. NULL or empty: none (OUT left empty). */
static int fts_of(const char *query, buf *out, char **errmsg) {
    buf terms;
    buf_init(out, BUF_NO_LIMIT);
    buf_init(&terms, BUF_NO_LIMIT);
    int rc = query && *query ? query_to_fts(query, out, &terms, errmsg) : FL_OK;
    buf_release(&terms);
    return rc;
}

int fl_alert_add(fl_db *db, const char *name, const char *query, const char *entity, const char *predicate,
                 char **errmsg) {
    if (!(query && *query) && !entity && !predicate)
        return err_set(errmsg, FL_EINVAL, "an alert needs a query, --entity or --predicate");
    buf fts;
    int rc = fts_of(query, &fts, errmsg);
    buf_release(&fts);
    if (rc != FL_OK) return rc;
    if (predicate && !vocab_find(predicate)) {
        rc = vocab_init(NULL, errmsg);
        return rc != FL_OK ? rc : err_set(errmsg, FL_EINVAL, "%s: not a predicate of the vocabulary; "
                                          "'flank kb predicates' lists them", predicate);
    }
    if (sqlite3_exec(db->sql, schema, NULL, NULL, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "cannot create the alerts table");
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql,
                           "INSERT INTO alerts(name, query, entity, predicate, last_doc)"
                           " VALUES(?1, ?2, ?3, ?4, (SELECT coalesce(max(id), 0) FROM documents))",
                           -1, &st, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "cannot add the alert");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, query && *query ? query : NULL, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, entity, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, predicate, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    if (r == SQLITE_CONSTRAINT) return err_set(errmsg, FL_EINVAL, "an alert of that name exists");
    return r == SQLITE_DONE ? FL_OK : store_db_error(db, errmsg, "cannot add the alert");
}

/* The new documents of one alert (FTS5 expression FTS or none, ENTITY or
** NULL) after document AFTER, as a JSON array. */
static json_t *new_documents(fl_db *db, const char *fts, const char *entity, int64_t after) {
    static const char sql[] =
        "SELECT d.id, d.title, d.source, d.site_name AS publisher, d.published FROM documents d"
        " WHERE d.id > ?1"
        " AND (?2 IS NULL OR d.id IN (SELECT s.doc_id FROM sentences_fts f JOIN sentences s ON s.id = f.rowid"
        "      WHERE sentences_fts MATCH ?2 AND s.doc_id > ?1))"
        " AND (?3 IS NULL OR d.id IN (SELECT doc_id FROM mentions WHERE entity = ?3 AND doc_id > ?1))"
        " ORDER BY d.id LIMIT 1000";
    sqlite3_stmt *st = NULL;
    json_t *out = json_array();
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) return out;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_text(st, 2, fts, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, entity, -1, SQLITE_STATIC);
    while (out && sqlite3_step(st) == SQLITE_ROW) json_array_append_new(out, store_row_json(st));
    sqlite3_finalize(st);
    return out;
}

/* The new relations of PREDICATE and/or ENTITY after document AFTER, in
** documents with a sentence matching FTS when there is one. */
static json_t *new_relations(fl_db *db, const char *fts, const char *entity, const char *predicate,
                             int64_t after) {
    static const char sql[] =
        "SELECT r.doc_id, r.subject, r.predicate, r.object, r.date, r.modality,"
        " " SPAN_TEXT("d", "r.start", "r.end") " AS sentence"
        " FROM relations r JOIN documents d ON d.id = r.doc_id WHERE r.doc_id > ?1"
        " AND (?2 IS NULL OR r.subject = ?2 OR r.object = ?2) AND (?3 IS NULL OR r.predicate = ?3)"
        " AND (?4 IS NULL OR r.doc_id IN (SELECT s.doc_id FROM sentences_fts f JOIN sentences s ON s.id = f.rowid"
        "      WHERE sentences_fts MATCH ?4 AND s.doc_id > ?1))"
        " ORDER BY r.doc_id, r.start LIMIT 1000";
    sqlite3_stmt *st = NULL;
    json_t *out = json_array();
    if (!entity && !predicate) return out;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) return out;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_text(st, 2, entity, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, predicate, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, fts, -1, SQLITE_STATIC);
    while (out && sqlite3_step(st) == SQLITE_ROW) json_array_append_new(out, store_row_json(st));
    sqlite3_finalize(st);
    return out;
}

/* One alert's row (id, name, query, entity, predicate, last_doc, added)
** with what is new since its mark. */
static json_t *alert_matches(fl_db *db, sqlite3_stmt *row) {
    json_t *a = store_row_json(row);
    const char *query = (const char *)sqlite3_column_text(row, 2);
    const char *entity = (const char *)sqlite3_column_text(row, 3);
    const char *predicate = (const char *)sqlite3_column_text(row, 4);
    int64_t after = sqlite3_column_int64(row, 5);
    buf fts;
    fts_of(query, &fts, NULL);
    const char *expr = query ? buf_cstr(&fts) : NULL;
    json_t *docs = predicate && !query ? json_array()   /* a predicate alone is about relations */
                                       : new_documents(db, expr, entity, after);
    json_object_set_new(a, "documents", docs);
    json_object_set_new(a, "relations", new_relations(db, expr, entity, predicate, after));
    buf_release(&fts);
    return a;
}

/* Every alert, as fl_alerts_json gives them; COUNTS: the new matches
** as the counts new_documents and new_relations instead. */
static int alerts_rows(fl_db *db, int counts, json_t **out, char **errmsg) {
    json_t *all = *out = json_array();
    if (!all) return err_set(errmsg, FL_ENOMEM, "out of memory");
    sqlite3_stmt *st = NULL;
    static const char sql[] =
        "SELECT id, name, query, entity, predicate, last_doc, added FROM alerts ORDER BY id";
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) return FL_OK;   /* no table: no alerts */
    while (sqlite3_step(st) == SQLITE_ROW) {
        json_t *a = alert_matches(db, st);
        if (a && counts) {
            size_t docs = json_array_size(json_object_get(a, "documents"));
            size_t rels = json_array_size(json_object_get(a, "relations"));
            json_object_set_new(a, "new_documents", json_integer((json_int_t)docs));
            json_object_set_new(a, "new_relations", json_integer((json_int_t)rels));
            json_object_del(a, "documents");
            json_object_del(a, "relations");
        }
        json_array_append_new(all, a);
    }
    sqlite3_finalize(st);
    return FL_OK;
}

static int dump(json_t *v, int rc, char **json, char **errmsg) {
    if (rc == FL_OK && !(*json = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER)))
        rc = err_set(errmsg, FL_ENOMEM, "out of memory");
    json_decref(v);
    return rc;
}

/* The last document stored, or 0. */
static int64_t last_document(fl_db *db) {
    sqlite3_stmt *st = NULL;
    int64_t id = 0;
    if (sqlite3_prepare_v2(db->sql, "SELECT coalesce(max(id), 0) FROM documents", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return id;
}

int fl_alerts_json(fl_db *db, int mark, char **json, char **errmsg) {
    *json = NULL;
    json_t *all = NULL;
    /* The mark moves to the last document before the matches are read: one
    ** another process stores meanwhile is shown now and again next time,
    ** never skipped. */
    int64_t last = mark ? last_document(db) : 0;
    int rc = alerts_rows(db, 0, &all, errmsg);
    if (rc == FL_OK && mark && json_array_size(all)) {
        sqlite3_stmt *st = NULL;
        int r = sqlite3_prepare_v2(db->sql, "UPDATE alerts SET last_doc = ?1 WHERE last_doc < ?1", -1, &st, NULL);
        if (r == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, last);
            r = sqlite3_step(st);
        }
        sqlite3_finalize(st);
        if (r != SQLITE_DONE) rc = store_db_error(db, errmsg, "cannot mark the alerts as seen");
    }
    return dump(all, rc, json, errmsg);
}

int fl_alert_list_json(fl_db *db, char **json, char **errmsg) {
    *json = NULL;
    json_t *all = NULL;
    int rc = alerts_rows(db, 1, &all, errmsg);
    return dump(all, rc, json, errmsg);
}

int fl_alert_remove(fl_db *db, const char *name, char **errmsg) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, "DELETE FROM alerts WHERE name = ?1", -1, &st, NULL) != SQLITE_OK)
        return err_set(errmsg, FL_ENOTFOUND, "no such alert");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    if (r != SQLITE_DONE) return store_db_error(db, errmsg, "cannot remove the alert");
    return sqlite3_changes(db->sql) ? FL_OK : err_set(errmsg, FL_ENOTFOUND, "no such alert");
}
