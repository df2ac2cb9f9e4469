/*
** store_intake.c: the intake's tables (see store_intake.h): fetched, one
** row per URL asked for; feeds, one per feed with its schedule; and
** feed_items, each item of a feed stored (as its page or its summary).
*/
#include "store_intake.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "store_int.h"
#include "banned.h"

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS fetched("
    "  url TEXT PRIMARY KEY,"
    "  final_url TEXT NOT NULL,"
    "  etag TEXT, last_modified TEXT,"
    "  doc_id INTEGER NOT NULL,"
    "  fetched_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));"
    "CREATE TABLE IF NOT EXISTS feeds("
    "  id INTEGER PRIMARY KEY,"
    "  url TEXT NOT NULL UNIQUE,"
    "  name TEXT, title TEXT,"
    "  every_s INTEGER NOT NULL,"
    "  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  next_at INTEGER NOT NULL DEFAULT 0,"
    "  failures INTEGER NOT NULL DEFAULT 0,"
    "  last_run TEXT, last_status TEXT,"
    "  etag TEXT, last_modified TEXT);"
    "CREATE TABLE IF NOT EXISTS feed_items("
    "  feed_id INTEGER NOT NULL,"
    "  key TEXT NOT NULL,"
    "  doc_id INTEGER NOT NULL,"
    "  summary INTEGER NOT NULL DEFAULT 0,"
    "  error TEXT,"
    "  PRIMARY KEY(feed_id, key));";

int store_intake_tables(fl_db *db, char **errmsg) {
    if (sqlite3_exec(db->sql, schema, NULL, NULL, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "cannot create the intake's tables");
    return FL_OK;
}

static char *column_dup(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? strdup((const char *)t) : NULL;
}

int store_fetch_state(fl_db *db, const char *url, fetch_state *s, char **errmsg) {
    memset(s, 0, sizeof *s);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT f.doc_id, f.etag, f.last_modified FROM fetched f"
                           " JOIN documents d ON d.id = f.doc_id WHERE f.url = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "cannot read the fetch records");
    sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
    int r = sqlite3_step(st), rc = FL_OK;
    if (r == SQLITE_ROW) {
        s->doc_id = sqlite3_column_int64(st, 0);
        s->etag = column_dup(st, 1);
        s->last_modified = column_dup(st, 2);
    } else if (r != SQLITE_DONE) {
        rc = store_db_error(db, errmsg, "cannot read the fetch records");
    }
    sqlite3_finalize(st);
    return rc;
}

void fetch_state_release(fetch_state *s) {
    free(s->etag);
    free(s->last_modified);
    memset(s, 0, sizeof *s);
}

int store_put_fetch(fl_db *db, const char *url, const char *final_url, const char *etag, const char *last_modified,
                    int64_t doc_id, char **errmsg) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql,
                           "INSERT OR REPLACE INTO fetched(url, final_url, etag, last_modified, doc_id)"
                           " VALUES(?1, ?2, ?3, ?4, ?5)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "cannot record the fetch");
    sqlite3_bind_text(st, 1, url, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, final_url, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, etag, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, last_modified, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, doc_id);
    int ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    return ok ? FL_OK : store_db_error(db, errmsg, "cannot record the fetch");
}

int store_intake_begin(fl_db *db, char **errmsg) {
    int rc = fl_db_commit(db, errmsg);
    if (rc != FL_OK) return rc;
    if (sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "cannot start a transaction");
    db->in_batch = 1;
    db->held = 1;
    clock_gettime(CLOCK_MONOTONIC, &db->batch_start);
    return FL_OK;
}

/* ---- feeds --------------------------------------------------------------- */

void feed_row_release(feed_row *r) {
    free(r->url), free(r->name), free(r->etag), free(r->last_modified);
    memset(r, 0, sizeof *r);
}

/* Prepares SQL and binds its parameters from SPEC, one letter each: 't'
** a string (may be NULL), 'i' an int64_t. */
static sqlite3_stmt *prepare(fl_db *db, const char *sql, const char *spec, ...) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) return NULL;
    va_list ap;
    va_start(ap, spec);
    for (int i = 1; spec[i - 1]; i++) {
        if (spec[i - 1] == 't') sqlite3_bind_text(st, i, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
        else sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
    }
    va_end(ap);
    return st;
}

/* Runs a statement that returns no rows; finalizes it. */
static int run_once(fl_db *db, sqlite3_stmt *st, char **errmsg, const char *what) {
    int ok = st && sqlite3_step(st) == SQLITE_DONE;
    int rc = ok ? FL_OK : store_db_error(db, errmsg, what);
    sqlite3_finalize(st);
    return rc;
}

int store_feed_add(fl_db *db, const char *url, const char *name, int64_t every_s, int64_t *id, char **errmsg) {
    *id = 0;
    sqlite3_stmt *st = prepare(db, "SELECT id FROM feeds WHERE url = ?1", "t", url);
    int r = st ? sqlite3_step(st) : SQLITE_ERROR;
    int64_t old = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE) return store_db_error(db, errmsg, "cannot read the feeds");
    if (old) return err_set(errmsg, FL_EINVAL, "already a feed (%lld)", (long long)old);
    int rc = run_once(db, prepare(db, "INSERT INTO feeds(url, name, every_s) VALUES(?1, ?2, ?3)", "tti", url, name,
                                  every_s), errmsg, "cannot add the feed");
    if (rc == FL_OK) *id = sqlite3_last_insert_rowid(db->sql);
    return rc;
}

int store_feed_remove(fl_db *db, const char *ref, char **errmsg) {
    sqlite3_stmt *st = prepare(db, "SELECT id FROM feeds WHERE url = ?1 OR CAST(id AS TEXT) = ?1", "t", ref);
    int r = st ? sqlite3_step(st) : SQLITE_ERROR;
    int64_t id = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE) return store_db_error(db, errmsg, "cannot read the feeds");
    if (!id) return err_set(errmsg, FL_ENOTFOUND, "no such feed; 'flank feed list' shows them");
    int rc = run_once(db, prepare(db, "DELETE FROM feed_items WHERE feed_id = ?1", "i", id), errmsg,
                      "cannot remove the feed");
    if (rc == FL_OK) rc = run_once(db, prepare(db, "DELETE FROM feeds WHERE id = ?1", "i", id), errmsg,
                                   "cannot remove the feed");
    return rc;
}

int store_feeds_json(fl_db *db, json_t **rows, char **errmsg) {
    *rows = json_array();
    sqlite3_stmt *t = prepare(db, "SELECT 1 FROM sqlite_master WHERE name = 'feeds'", "");
    int exists = t && sqlite3_step(t) == SQLITE_ROW;
    sqlite3_finalize(t);
    if (!exists) return *rows ? FL_OK : err_set(errmsg, FL_ENOMEM, "out of memory");   /* none added yet */
    sqlite3_stmt *st = prepare(db,
                               "SELECT f.id, f.url, f.name, f.title, f.every_s, f.added, f.last_run, f.last_status,"
                               " f.failures, f.next_at,"
                               " (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id) AS items"
                               " FROM feeds f ORDER BY f.id", "");
    int r = SQLITE_ERROR;
    while (st && *rows && (r = sqlite3_step(st)) == SQLITE_ROW) json_array_append_new(*rows, store_row_json(st));
    sqlite3_finalize(st);
    if (!*rows) return err_set(errmsg, FL_ENOMEM, "out of memory");
    if (r != SQLITE_DONE) {
        json_decref(*rows);
        *rows = NULL;
        return store_db_error(db, errmsg, "cannot read the feeds");
    }
    return FL_OK;
}

int store_feed_get(fl_db *db, int64_t id, feed_row *r, char **errmsg) {
    memset(r, 0, sizeof *r);
    sqlite3_stmt *st = prepare(db,
                               "SELECT id, every_s, failures, url, coalesce(name, title), etag, last_modified"
                               " FROM feeds WHERE id = ?1", "i", id);
    int s = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (s == SQLITE_ROW) {
        r->id = sqlite3_column_int64(st, 0);
        r->every_s = sqlite3_column_int64(st, 1);
        r->failures = sqlite3_column_int64(st, 2);
        r->url = column_dup(st, 3);
        r->name = column_dup(st, 4);
        r->etag = column_dup(st, 5);
        r->last_modified = column_dup(st, 6);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_ROW && s != SQLITE_DONE) return store_db_error(db, errmsg, "cannot read the feeds");
    if (s == SQLITE_ROW && !r->url) return err_set(errmsg, FL_ENOMEM, "out of memory");
    return FL_OK;
}

int store_feeds_due(fl_db *db, int64_t now, int64_t **ids, size_t *n, char **errmsg) {
    *ids = NULL;
    *n = 0;
    size_t cap = 0;
    sqlite3_stmt *st = prepare(db, "SELECT id FROM feeds WHERE ?1 = 0 OR next_at <= ?1 ORDER BY id", "i", now);
    int r = SQLITE_ERROR, rc = FL_OK;
    while (st && rc == FL_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) rc = array_grow(ids, &cap, sizeof **ids, 16);
        if (rc == FL_OK) (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (rc == FL_OK && r != SQLITE_DONE) rc = store_db_error(db, errmsg, "cannot read the feeds");
    else if (rc != FL_OK) err_set(errmsg, rc, "out of memory");
    if (rc != FL_OK) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}

#define BACKOFF_MAX_S (24 * 3600)

int store_feed_done(fl_db *db, int64_t id, int ok, int64_t now, const char *etag, const char *last_modified,
                    const char *title, const char *status, char **errmsg) {
    if (ok)
        return run_once(db, prepare(db,
                                    "UPDATE feeds SET failures = 0, next_at = ?2 + every_s, etag = ?3,"
                                    " last_modified = ?4, title = coalesce(?5, title), last_status = ?6,"
                                    " last_run = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                                    "iitttt", id, now, etag, last_modified, title, status),
                        errmsg, "cannot record the feed's run");
    return run_once(db, prepare(db,
                                "UPDATE feeds SET failures = failures + 1,"
                                " next_at = ?2 + min(?3, every_s << min(failures + 1, 20)), last_status = ?4,"
                                " last_run = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                                "iiit", id, now, (int64_t)BACKOFF_MAX_S, status),
                    errmsg, "cannot record the feed's run");
}

int store_feed_item_seen(fl_db *db, int64_t feed_id, const char *key, int *seen, char **errmsg) {
    sqlite3_stmt *st = prepare(db, "SELECT 1 FROM feed_items WHERE feed_id = ?1 AND key = ?2", "it", feed_id, key);
    int r = st ? sqlite3_step(st) : SQLITE_ERROR;
    sqlite3_finalize(st);
    *seen = r == SQLITE_ROW;
    return r == SQLITE_ROW || r == SQLITE_DONE ? FL_OK : store_db_error(db, errmsg, "cannot read the feed's items");
}

int store_feed_item_put(fl_db *db, int64_t feed_id, const char *key, int64_t doc_id, int summary, const char *why,
                        char **errmsg) {
    return run_once(db, prepare(db,
                                "INSERT OR REPLACE INTO feed_items(feed_id, key, doc_id, summary, error)"
                                " VALUES(?1, ?2, ?3, ?4, ?5)",
                                "itiit", feed_id, key, doc_id, (int64_t)summary, why),
                    errmsg, "cannot record the feed's item");
}
