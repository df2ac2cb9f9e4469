/*
** store_dedup.c: near-duplicates in the store (see store_dedup.h). A new
** document's band keys find the stored documents sharing one; each is
** compared by signature, and the most similar above the thresholds
** becomes its original (the original's own original when it is a copy
** itself, so that every copy points at the first of its family).
*/
#include "store_dedup.h"

#include <stdlib.h>
#include <string.h>

#include "dedup.h"
#include "doc.h"
#include "err.h"
#include "store_int.h"
#include "banned.h"

/* A copy holds this much of the smaller text (estimated): a syndicated
** article under another site's header, with a paragraph changed, holds
** 0.8 and more; unrelated articles on the same subject 0.05 or less. */
#define MIN_CONTAINMENT 0.6
/* Shorter texts are not compared: a few shared phrases would make them
** look alike. */
#define MIN_SHINGLES 40
#define MAX_CANDIDATES 256

static int64_t root_of(fl_db *db, int64_t id) {
    sqlite3_stmt *st = NULL;
    int64_t root = id;
    if (sqlite3_prepare_v2(db->sql, "SELECT original_id FROM dup_links WHERE doc_id = ?1", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW) root = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return root;
}

/* The stored signature of ID into *S: 1, or 0 when it has none. */
static int stored_sig(sqlite3_stmt *st, int64_t id, dedup_sig *s) {
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_bytes(st, 1) != (int)sizeof s->min) return 0;
    s->shingles = (uint32_t)sqlite3_column_int64(st, 0);
    memcpy(s->min, sqlite3_column_blob(st, 1), sizeof s->min);
    return 1;
}

/* The candidates of S (documents sharing a band) into IDS, at most MAX. */
static size_t candidates(fl_db *db, const dedup_sig *s, int64_t self, int64_t *ids, size_t max) {
    sqlite3_stmt *st = NULL;
    size_t n = 0;
    if (sqlite3_prepare_v2(db->sql, "SELECT doc_id FROM dup_bands WHERE key = ?1", -1, &st, NULL) != SQLITE_OK)
        return 0;
    for (int b = 0; b < DEDUP_BANDS && n < max; b++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, dedup_band(s, b));
        while (n < max && sqlite3_step(st) == SQLITE_ROW) {
            int64_t id = sqlite3_column_int64(st, 0);
            int seen = id == self;
            for (size_t i = 0; i < n && !seen; i++) seen = ids[i] == id;
            if (!seen) ids[n++] = id;
        }
    }
    sqlite3_finalize(st);
    return n;
}

/* The most similar stored document to S, *best_sim its containment; 0 when
** none reaches MIN_CONTAINMENT. Ties go to the earlier document. */
static int64_t best_match(fl_db *db, const dedup_sig *s, int64_t self, double *best_sim) {
    int64_t ids[MAX_CANDIDATES], best = 0;
    size_t n = candidates(db, s, self, ids, MAX_CANDIDATES);
    sqlite3_stmt *st = NULL;
    *best_sim = 0;
    if (!n || sqlite3_prepare_v2(db->sql, "SELECT shingles, sig FROM dup_sigs WHERE doc_id = ?1", -1, &st, NULL) !=
                  SQLITE_OK)
        return 0;
    for (size_t i = 0; i < n; i++) {
        dedup_sig o;
        if (!stored_sig(st, ids[i], &o) || o.shingles < MIN_SHINGLES) continue;
        double c = dedup_containment(s, &o);
        if (c >= MIN_CONTAINMENT && (c > *best_sim || (c == *best_sim && ids[i] < best))) *best_sim = c, best = ids[i];
    }
    sqlite3_finalize(st);
    return best;
}

static int run_stmt(sqlite3_stmt *st) {
    int ok = st && sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    return ok ? FL_OK : FL_EDB;
}

int store_dedup_add(fl_db *db, const fl_doc *doc, int64_t doc_id, char **errmsg) {
    dedup_sig s;
    if (doc->words.words.data) dedup_signature(&doc->words, &s);
    else dedup_signature_text(doc->text, doc->text_len, &s);   /* a large text keeps no words (doc.c) */
    if (s.shingles < MIN_SHINGLES) return FL_OK;
    double sim = 0;
    int64_t original = best_match(db, &s, doc_id, &sim);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->sql, "INSERT OR REPLACE INTO dup_sigs VALUES(?1, ?2, ?3)", -1, &st, NULL) ==
                     SQLITE_OK ? FL_OK : FL_EDB;
    if (rc == FL_OK) {
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_int64(st, 2, s.shingles);
        sqlite3_bind_blob(st, 3, s.min, sizeof s.min, SQLITE_STATIC);
        rc = run_stmt(st);
    }
    if (rc == FL_OK && sqlite3_prepare_v2(db->sql, "INSERT INTO dup_bands VALUES(?1, ?2)", -1, &st, NULL) != SQLITE_OK)
        rc = FL_EDB;
    for (int b = 0; rc == FL_OK && b < DEDUP_BANDS; b++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, dedup_band(&s, b));
        sqlite3_bind_int64(st, 2, doc_id);
        if (sqlite3_step(st) != SQLITE_DONE) rc = FL_EDB;
    }
    if (rc == FL_OK) sqlite3_finalize(st);
    if (rc == FL_OK && original) {
        /* an upsert, not INSERT OR REPLACE: a REPLACE on a table with an
        ** index opens a statement savepoint, at which FTS5 writes the
        ** batch's pending index as a segment (store_sqlite.c, insert_edges) */
        if (sqlite3_prepare_v2(db->sql, "INSERT INTO dup_links VALUES(?1, ?2, ?3) ON CONFLICT(doc_id) DO UPDATE"
                               " SET original_id = excluded.original_id, similarity = excluded.similarity",
                               -1, &st, NULL) != SQLITE_OK)
            return store_db_error(db, errmsg, "cannot link a near-duplicate");
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_int64(st, 2, root_of(db, original));
        sqlite3_bind_double(st, 3, sim);
        rc = run_stmt(st);
    }
    return rc == FL_OK ? FL_OK : store_db_error(db, errmsg, "cannot record the near-duplicates");
}

static json_t *rows(fl_db *db, const char *sql, int64_t id) {
    sqlite3_stmt *st = NULL;
    json_t *out = json_array();
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) return out;   /* no tables: none */
    sqlite3_bind_int64(st, 1, id);
    while (out && sqlite3_step(st) == SQLITE_ROW) json_array_append_new(out, store_row_json(st));
    sqlite3_finalize(st);
    return out;
}

int store_dedup_json(fl_db *db, int64_t doc_id, json_t *doc) {
    json_t *of = rows(db,
                      "SELECT d.id, d.title, d.source, round(l.similarity, 2) AS similarity FROM dup_links l"
                      " JOIN documents d ON d.id = l.original_id WHERE l.doc_id = ?1", doc_id);
    json_t *copies = rows(db,
                          "SELECT d.id, d.title, d.source, round(l.similarity, 2) AS similarity FROM dup_links l"
                          " JOIN documents d ON d.id = l.doc_id WHERE l.original_id = ?1 ORDER BY d.id", doc_id);
    if (!of || !copies) {
        json_decref(of);
        json_decref(copies);
        return FL_ENOMEM;
    }
    json_object_set(doc, "copy_of", json_array_size(of) ? json_array_get(of, 0) : json_null());
    json_object_set_new(doc, "copies", copies);
    json_decref(of);
    return FL_OK;
}
