/*
** store_sources.c: each fact's independent sources among an export's
** relations, counted in one pass (store_sources.h): three tables of
** byte keys (keytab.h), each key numbered in the order it came (the facts, the
** sources: publishers or sha256s, and the documents with their source's
** number), and a set of the (fact, source) pairs already counted. What a
** relation is and which ones an export takes is store_export.c's.
*/
#include "store_sources.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "hash.h"
#include "keytab.h"
#include "store_int.h"
#include "banned.h"

/* The (fact, source) pairs counted, as fact << 32 | source, each + 1 in
** its slot (0: empty): eight bytes a pair, the most numerous keys. */
typedef struct {
    uint64_t *slot;
    size_t cap, n;
} pair_set;

struct store_sources {
    keytab facts, sources, docs;
    pair_set pairs;
    uint32_t *count;     /* the sources of each fact, by its number */
    uint32_t *doc_src;   /* the source of each document, by its number */
    size_t cap_count, cap_doc_src;
    buf key;           /* the key being looked up */
};

/* Adds PAIR: 1 when it is new, 0 when it was there, -1 out of memory. */
static int pair_add(pair_set *p, uint64_t pair) {
    if (2 * (p->n + 1) > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 1024;
        uint64_t *slot = calloc(cap, sizeof *slot);
        if (!slot) return -1;
        for (size_t i = 0; i < p->cap; i++) {
            if (!p->slot[i]) continue;
            size_t j = (size_t)fnv1a(&p->slot[i], sizeof p->slot[i]) & (cap - 1);
            while (slot[j]) j = (j + 1) & (cap - 1);
            slot[j] = p->slot[i];
        }
        free(p->slot);
        p->slot = slot;
        p->cap = cap;
    }
    pair++;
    size_t i = (size_t)fnv1a(&pair, sizeof pair) & (p->cap - 1);
    for (; p->slot[i]; i = (i + 1) & (p->cap - 1))
        if (p->slot[i] == pair) return 0;
    p->slot[i] = pair;
    p->n++;
    return 1;
}

/* A fact's four parts, each ended by a NUL, into S->key. */
static int fact_key(store_sources *s, const char *const part[4], const size_t len[4]) {
    buf_reset(&s->key);
    for (int i = 0; i < 4; i++) {
        buf_append(&s->key, part[i], len[i]);
        buf_putc(&s->key, '\0');
    }
    return s->key.rc;
}

/* Room for element I of the array *A of CAP uint32_t. */
static int room_for(uint32_t **a, size_t *cap, size_t i) {
    while (i >= *cap)
        if (array_grow(a, cap, sizeof **a, 1024) != FL_OK) return FL_ENOMEM;
    return FL_OK;
}

/* The number of the source of the document of row REL (columns as
** store_sources_count's), looked up once a document: its original's
** publisher or sha256 (ORIG) when it has one, else its publisher, else its
** sha256. -1 on error (*RC and *errmsg set). */
static long doc_source(fl_db *db, store_sources *s, sqlite3_stmt *rel, sqlite3_stmt *orig, int *rc,
                       char **errmsg) {
    sqlite3_int64 doc = sqlite3_column_int64(rel, 0);
    int added;
    long d = keytab_get(&s->docs, &doc, sizeof doc, &added);
    if (d >= 0 && !added) return s->doc_src[d];
    if (d < 0 || room_for(&s->doc_src, &s->cap_doc_src, (size_t)d) != FL_OK) goto oom;
    sqlite3_reset(orig);
    sqlite3_bind_int64(orig, 1, doc);
    int r = sqlite3_step(orig);
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        *rc = store_db_error(db, errmsg, "export");
        return -1;
    }
    sqlite3_stmt *from = rel;
    int col = sqlite3_column_type(rel, 5) != SQLITE_NULL ? 5 : 6;
    if (r == SQLITE_ROW && sqlite3_column_type(orig, 0) != SQLITE_NULL) from = orig, col = 0;
    long src = keytab_get(&s->sources, sqlite3_column_text(from, col), (size_t)sqlite3_column_bytes(from, col), &added);
    sqlite3_reset(orig);
    if (src < 0) goto oom;
    s->doc_src[d] = (uint32_t)src;
    return src;
oom:
    *rc = err_set(errmsg, FL_ENOMEM, "out of memory");
    return -1;
}

/* Row REL's fact counted once more for its document's source, when that
** source is new to it. FL_OK or an error (*errmsg set). */
static int count_row(fl_db *db, store_sources *s, sqlite3_stmt *rel, sqlite3_stmt *orig, char **errmsg) {
    const char *part[4];
    size_t len[4];
    for (int i = 0; i < 4; i++) {
        part[i] = (const char *)sqlite3_column_text(rel, i + 1);
        len[i] = (size_t)sqlite3_column_bytes(rel, i + 1);
        if (!part[i]) part[i] = "";
    }
    int rc = FL_OK;
    long src = doc_source(db, s, rel, orig, &rc, errmsg);
    if (src < 0) return rc;
    int added;
    long fact = fact_key(s, part, len) == FL_OK ? keytab_get(&s->facts, s->key.data, s->key.len, &added) : -1;
    if (fact >= 0 && added) {
        if (room_for(&s->count, &s->cap_count, (size_t)fact) != FL_OK) fact = -1;
        else s->count[fact] = 0;
    }
    int is_new = fact < 0 ? -1 : pair_add(&s->pairs, (uint64_t)fact << 32 | (uint64_t)src);
    if (is_new < 0) return err_set(errmsg, FL_ENOMEM, "out of memory");
    s->count[fact] += (uint32_t)is_new;
    return FL_OK;
}

int store_sources_count(fl_db *db, sqlite3_stmt *rel, store_sources **out, char **errmsg) {
    *out = NULL;
    store_sources *s = calloc(1, sizeof *s);
    if (!s) return err_set(errmsg, FL_ENOMEM, "out of memory");
    keytab_init(&s->facts);
    keytab_init(&s->sources);
    keytab_init(&s->docs);
    buf_init(&s->key, BUF_NO_LIMIT);
    sqlite3_stmt *orig = NULL;
    int rc = FL_OK, r;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT coalesce(o.site_name, o.sha256) FROM dup_links l JOIN documents o"
                           " ON o.id = l.original_id WHERE l.doc_id = ?1",
                           -1, &orig, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "export");
    while (rc == FL_OK && (r = sqlite3_step(rel)) == SQLITE_ROW) rc = count_row(db, s, rel, orig, errmsg);
    if (rc == FL_OK && r != SQLITE_DONE) rc = store_db_error(db, errmsg, "export");
    sqlite3_finalize(orig);
    if (rc != FL_OK) {
        store_sources_free(s);
        return rc;
    }
    *out = s;
    return FL_OK;
}

long store_sources_of(store_sources *s, const char *const fact[4]) {
    size_t len[4];
    for (int i = 0; i < 4; i++) len[i] = strlen(fact[i]);
    if (fact_key(s, fact, len) != FL_OK) return -1;
    long f = keytab_find(&s->facts, s->key.data, s->key.len);
    return f < 0 ? -1 : (long)s->count[f];
}

void store_sources_free(store_sources *s) {
    if (!s) return;
    keytab_release(&s->facts);
    keytab_release(&s->sources);
    keytab_release(&s->docs);
    free(s->pairs.slot);
    free(s->count);
    free(s->doc_src);
    buf_release(&s->key);
    free(s);
}
