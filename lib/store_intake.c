/*
** store_intake.c: the intake's tables (see store_intake.h): fetched, one
** row per URL asked for.
*/
#include "store_intake.h"

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
    "  fetched_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));";

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
