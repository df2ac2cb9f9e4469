/*
** store_relink.c: which stored documents were annotated under which
** version (annotver.h), for `flank relink`: the meta row "annotated" holds
** the epochs, a JSON array [[FIRST_ID, "VERSION"], ...] in id order: the
** documents from FIRST_ID up to the next epoch's were annotated under
** VERSION; those before the first epoch under a version not recorded.
** Ingest adds an epoch when the version changes (store_stamp_version);
** relink marks what it annotated again, batch by batch, in the batch's
** transaction, so that a killed relink resumes where it stopped.
*/
#include <stdlib.h>
#include <string.h>

#include "annotver.h"
#include "err.h"
#include "store_int.h"
#include "banned.h"

typedef struct epoch {
    int64_t first;
    char version[24];
} epoch;

typedef struct epochs {
    epoch *e;
    size_t n, cap;
} epochs;

static int push(epochs *x, int64_t first, const char *version) {
    if (x->n == x->cap && array_grow(&x->e, &x->cap, sizeof *x->e, 8) != FL_OK) return FL_ENOMEM;
    x->e[x->n].first = first;
    snprintf(x->e[x->n].version, sizeof x->e[x->n].version, "%s", version);
    x->n++;
    return FL_OK;
}

static int load(fl_db *db, epochs *x) {
    memset(x, 0, sizeof *x);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, "SELECT value FROM meta WHERE key = 'annotated'", -1, &st, NULL) != SQLITE_OK)
        return FL_EDB;
    int rc = FL_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        json_t *a = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL), *pair;
        size_t i;
        json_array_foreach(a, i, pair) {
            const char *v = json_string_value(json_array_get(pair, 1));
            if (rc == FL_OK && v) rc = push(x, json_integer_value(json_array_get(pair, 0)), v);
        }
        json_decref(a);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Saves X, adjacent epochs of one version made one. */
static int save(fl_db *db, epochs *x) {
    json_t *a = json_array();
    const char *last = NULL;
    for (size_t i = 0; i < x->n; i++) {
        if (last && strcmp(last, x->e[i].version) == 0) continue;
        json_array_append_new(a, json_pack("[I, s]", (json_int_t)x->e[i].first, x->e[i].version));
        last = x->e[i].version;
    }
    char *text = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    sqlite3_stmt *st = NULL;
    int rc = text && sqlite3_prepare_v2(db->sql, "INSERT OR REPLACE INTO meta(key, value) VALUES('annotated', ?)",
                                        -1, &st, NULL) == SQLITE_OK ? FL_OK : FL_EDB;
    if (rc == FL_OK) {
        sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? FL_OK : FL_EDB;
    }
    sqlite3_finalize(st);
    free(text);
    return rc;
}

/* The version the document ID was annotated under ("" when not recorded). */
static const char *version_at(const epochs *x, int64_t id) {
    const char *v = "";
    for (size_t i = 0; i < x->n && x->e[i].first <= id; i++) v = x->e[i].version;
    return v;
}

static int64_t next_id(fl_db *db) {
    sqlite3_stmt *st = NULL;
    int64_t next = 1;
    if (sqlite3_prepare_v2(db->sql, "SELECT coalesce(max(id), 0) + 1 FROM documents", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        next = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return next;
}

int store_stamp_version(fl_db *db) {
    epochs x;
    const char *v = annot_version();
    int rc = load(db, &x);
    if (rc == FL_OK && (x.n == 0 || strcmp(x.e[x.n - 1].version, v) != 0)) {
        int64_t next = next_id(db);
        if (x.n && x.e[x.n - 1].first == next) x.n--;   /* nothing was added under it */
        rc = push(&x, next, v);
        if (rc == FL_OK) rc = save(db, &x);
    }
    free(x.e);
    if (rc == FL_OK) db->stamped = 1;
    return rc;
}

int store_mark_version(fl_db *db, int64_t first, int64_t last, const char *version, char **errmsg) {
    epochs x, y = {0};
    int rc = load(db, &x);
    char after[24];   /* what follows the range keeps its version */
    snprintf(after, sizeof after, "%s", rc == FL_OK ? version_at(&x, last + 1) : "");
    for (size_t i = 0; rc == FL_OK && i < x.n; i++)
        if (x.e[i].first < first) rc = push(&y, x.e[i].first, x.e[i].version);
    if (rc == FL_OK) rc = push(&y, first, version);
    if (rc == FL_OK) rc = push(&y, last + 1, after);
    for (size_t i = 0; rc == FL_OK && i < x.n; i++)
        if (x.e[i].first > last + 1) rc = push(&y, x.e[i].first, x.e[i].version);
    if (rc == FL_OK) rc = save(db, &y);
    free(x.e);
    free(y.e);
    return rc == FL_OK ? FL_OK : store_db_error(db, errmsg, "cannot record the relinked documents");
}

/* Id ranges [first, end) of documents annotated under another version
** than VERSION (end 0: open). */
typedef struct range {
    int64_t first, end;
} range;

typedef struct ranges {
    range *r;
    size_t n, cap;
} ranges;

static int stale_ranges(const epochs *x, const char *version, ranges *out) {
    memset(out, 0, sizeof *out);
    int64_t start = 1;
    const char *v = "";   /* before the first epoch: not recorded */
    for (size_t i = 0; i <= x->n; i++) {
        int64_t end = i < x->n ? x->e[i].first : 0;
        if (strcmp(v, version) != 0 && (end == 0 || end > start)) {
            if (out->n == out->cap && array_grow(&out->r, &out->cap, sizeof *out->r, 4) != FL_OK) return FL_ENOMEM;
            out->r[out->n++] = (range){start, end};
        }
        if (i < x->n) start = x->e[i].first, v = x->e[i].version;
    }
    return FL_OK;
}

/* The stale ranges of DB for VERSION into *R (freed by the caller). */
static int load_stale(fl_db *db, const char *version, ranges *r) {
    epochs x;
    memset(r, 0, sizeof *r);
    int rc = load(db, &x);
    if (rc == FL_OK) rc = stale_ranges(&x, version, r);
    free(x.e);
    return rc;
}

int store_stale_count(fl_db *db, const char *version, int64_t *n, char **errmsg) {
    ranges r;
    *n = 0;
    int rc = load_stale(db, version, &r);
    sqlite3_stmt *st = NULL;
    if (rc == FL_OK && sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM documents WHERE id >= ?1"
                                          " AND (?2 = 0 OR id < ?2)", -1, &st, NULL) != SQLITE_OK)
        rc = FL_EDB;
    for (size_t i = 0; rc == FL_OK && i < r.n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, r.r[i].first);
        sqlite3_bind_int64(st, 2, r.r[i].end);
        if (sqlite3_step(st) == SQLITE_ROW) *n += sqlite3_column_int64(st, 0);
        else rc = FL_EDB;
    }
    sqlite3_finalize(st);
    free(r.r);
    return rc == FL_OK ? FL_OK : store_db_error(db, errmsg, "cannot count the documents to relink");
}

static char *dup_column(sqlite3_stmt *st, int i) {
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? strdup(s) : NULL;
}

void stored_doc_release(stored_doc *d) {
    free(d->text);
    free(d->published);
    free(d->language);
    free(d->sha256);
    memset(d, 0, sizeof *d);
}

/* The row of STORED_COLUMNS ST is on into *D. */
#define STORED_COLUMNS "id, text, published, language, sha256"
static int read_stored(sqlite3_stmt *st, stored_doc *d) {
    d->id = sqlite3_column_int64(st, 0);
    d->text = dup_column(st, 1);
    d->text_len = (size_t)sqlite3_column_bytes(st, 1);
    d->published = dup_column(st, 2);
    d->language = dup_column(st, 3);
    d->sha256 = dup_column(st, 4);
    return d->text && d->sha256 ? FL_OK : FL_ENOMEM;
}

int store_stale_next(fl_db *db, const char *version, int64_t after, stored_doc *d, char **errmsg) {
    ranges r;
    memset(d, 0, sizeof *d);
    int rc = load_stale(db, version, &r), found = 0;
    sqlite3_stmt *st = NULL;
    if (rc == FL_OK && sqlite3_prepare_v2(db->sql, "SELECT " STORED_COLUMNS " FROM documents"
                                          " WHERE id > ?1 AND id >= ?2 AND (?3 = 0 OR id < ?3) ORDER BY id LIMIT 1",
                                          -1, &st, NULL) != SQLITE_OK)
        rc = FL_EDB;
    for (size_t i = 0; rc == FL_OK && !found && i < r.n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, after);
        sqlite3_bind_int64(st, 2, r.r[i].first);
        sqlite3_bind_int64(st, 3, r.r[i].end);
        int s = sqlite3_step(st);
        if (s == SQLITE_ROW) {
            found = 1;
            rc = read_stored(st, d);
        } else if (s != SQLITE_DONE) {
            rc = FL_EDB;
        }
    }
    sqlite3_finalize(st);
    free(r.r);
    if (rc != FL_OK) {
        stored_doc_release(d);
        store_db_error(db, errmsg, "cannot read the documents to relink");
        return -1;
    }
    return found;
}

int store_doc_by_sha(fl_db *db, const char *sha256, stored_doc *d, char **errmsg) {
    memset(d, 0, sizeof *d);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, "SELECT " STORED_COLUMNS " FROM documents WHERE sha256 = ?1", -1, &st,
                                NULL) == SQLITE_OK ? FL_OK : FL_EDB;
    int found = 0;
    if (rc == FL_OK) {
        sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
        int s = sqlite3_step(st);
        if (s == SQLITE_ROW) found = 1, rc = read_stored(st, d);
        else if (s != SQLITE_DONE) rc = FL_EDB;
    }
    sqlite3_finalize(st);
    if (rc != FL_OK) {
        stored_doc_release(d);
        store_db_error(db, errmsg, "cannot read a document");
        return -1;
    }
    return found;
}

int store_begin(fl_db *db, char **errmsg) {
    int rc = fl_db_commit(db, errmsg);
    if (rc == FL_OK && sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "cannot start a transaction");
    return rc;
}

int store_end(fl_db *db, int rc, char **errmsg) {
    if (rc == FL_OK && store_flush_counts(db) != FL_OK) rc = store_db_error(db, errmsg, "cannot write the counts");
    if (rc == FL_OK && sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "cannot commit");
    if (rc != FL_OK) {
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        store_drop_counts(db);
    }
    return rc;
}
