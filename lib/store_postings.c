/*
** store_postings.c: phrase postings held in memory and shared by the
** connections of a process (store_postings.h): building them from the
** sentence index, the cache that keeps them (a hash of phrases, a list
** from most to least recently used, a lock), and dropping them when they
** are stale or over the budget. Postings are never changed once kept, so
** readers hold them without the lock; a count of readers says when the
** last one lets go of postings the cache has dropped.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "hash.h"
#include "store_postings.h"
#include "banned.h"

#define N_BUCKETS 4096   /* phrases hashed; chains stay short up to tens of thousands */

struct fl_postings {
    pthread_mutex_t lock;
    char *path;                    /* the database served; NULL until bound */
    size_t max_bytes, bytes;
    postings *bucket[N_BUCKETS];
    postings *newest, *oldest;     /* the postings kept, by last use */
};

int fl_postings_new(size_t max_bytes, fl_postings **out, char **errmsg) {
    fl_postings *p = *out = calloc(1, sizeof *p);
    if (!p) return err_set(errmsg, FL_ENOMEM, "out of memory");
    if (pthread_mutex_init(&p->lock, NULL) != 0) {
        free(p);
        *out = NULL;
        return err_set(errmsg, FL_ENOMEM, "postings: cannot make a lock");
    }
    p->max_bytes = max_bytes;
    return FL_OK;
}

static void postings_free(postings *q) {
    if (!q) return;
    free(q->bits);
    free(q->docs);
    free(q->sent);
    free(q->phrase);
    free(q);
}

void fl_postings_free(fl_postings *p) {
    if (!p) return;
    for (postings *q = p->newest, *next; q; q = next) {
        next = q->older;
        postings_free(q);
    }
    pthread_mutex_destroy(&p->lock);
    free(p->path);
    free(p);
}

int store_postings_bind(fl_postings *p, const char *path) {
    pthread_mutex_lock(&p->lock);
    if (!p->path) p->path = strdup(path);
    int rc = !p->path ? FL_ENOMEM : strcmp(p->path, path) == 0 ? FL_OK : FL_EINVAL;
    pthread_mutex_unlock(&p->lock);
    return rc;
}

postings *store_postings_new(const char *phrase, size_t len, int64_t state) {
    postings *q = calloc(1, sizeof *q);
    if (!q || !(q->phrase = malloc(len + 1))) {
        free(q);
        return NULL;
    }
    memcpy(q->phrase, phrase, len);
    q->phrase[len] = '\0';
    q->len = len;
    q->hash = fnv1a(phrase, len);
    q->state = state;
    q->refs = 1;
    return q;
}

/* ---- building ------------------------------------------------------------
** flank_postings reads the phrase's sentences with xQueryPhrase, oldest
** first, and files each under the document it belongs to: sentence ids
** grow with document ids, so the documents come in order too. */

/* Room for one more document and one more sentence in Q. */
static int room(postings *q) {
    if (q->n_docs == q->cap_docs && array_grow(&q->docs, &q->cap_docs, sizeof *q->docs, 64) != FL_OK)
        return FL_ENOMEM;
    if (q->n_sent == q->cap_sent && array_grow(&q->sent, &q->cap_sent, sizeof *q->sent, 64) != FL_OK)
        return FL_ENOMEM;
    return FL_OK;
}

static int posting_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx) {
    posting_build *b = ctx;
    postings *q = b->out;
    const doc_table *t = b->docs;
    int64_t rowid = api->xRowid(fts);
    if (q->n_sent && rowid <= q->base + q->sent[q->n_sent - 1]) return SQLITE_ERROR;   /* not oldest first */
    while (b->doc + 1 < t->n && t->doc[b->doc + 1].first <= rowid) b->doc++;
    if (!t->n || rowid < t->doc[b->doc].first || rowid > q->state) return SQLITE_OK;   /* no document's */
    if (!q->n_sent) q->base = rowid;
    if (rowid - q->base > UINT32_MAX || b->doc > UINT32_MAX) {
        b->rc = FL_ETOOBIG;
        return SQLITE_ERROR;
    }
    double f = 0.0;
    int rc = store_row_weight(api, fts, &f);
    if (rc != SQLITE_OK) return rc;
    if (room(q) != FL_OK) {
        b->rc = FL_ENOMEM;
        return SQLITE_NOMEM;
    }
    if (!q->n_docs || q->docs[q->n_docs - 1].doc != b->doc)
        q->docs[q->n_docs++] = (posting_doc){(uint32_t)b->doc, 0, (uint32_t)q->n_sent};
    q->docs[q->n_docs - 1].f += (uint32_t)f;
    q->sent[q->n_sent++] = (uint32_t)(rowid - q->base);
    return SQLITE_OK;
}

void store_postings_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int n_val,
                       sqlite3_value **val) {
    posting_build *b = n_val == 1 ? sqlite3_value_pointer(val[0], "flank_posting_build") : NULL;
    if (!b || api->xPhraseCount(fts) != 1) {
        sqlite3_result_error(ctx, "flank_postings: no build", -1);
        return;
    }
    b->doc = 0;
    int rc = api->xQueryPhrase(fts, 0, b, posting_row);
    if (rc != SQLITE_OK) sqlite3_result_error_code(ctx, rc);
}

/* ---- the cache ------------------------------------------------------------ */

static postings **bucket_of(fl_postings *p, uint64_t hash) { return &p->bucket[hash % N_BUCKETS]; }

static void unlink_use(fl_postings *p, postings *q) {
    if (q->newer) q->newer->older = q->older;
    else p->newest = q->older;
    if (q->older) q->older->newer = q->newer;
    else p->oldest = q->newer;
    q->newer = q->older = NULL;
}

static void link_newest(fl_postings *p, postings *q) {
    q->older = p->newest;
    q->newer = NULL;
    if (p->newest) p->newest->newer = q;
    else p->oldest = q;
    p->newest = q;
}

/* Takes Q out of the cache; it is freed when its last reader lets go. */
static void drop(fl_postings *p, postings *q) {
    postings **at = bucket_of(p, q->hash);
    while (*at != q) at = &(*at)->next_in_bucket;
    *at = q->next_in_bucket;
    unlink_use(p, q);
    p->bytes -= q->bytes;
    q->cached = 0;
    if (!q->refs) postings_free(q);
}

static postings *lookup(fl_postings *p, const char *phrase, size_t len, uint64_t hash) {
    for (postings *q = *bucket_of(p, hash); q; q = q->next_in_bucket)
        if (q->hash == hash && q->len == len && memcmp(q->phrase, phrase, len) == 0) return q;
    return NULL;
}

postings *store_postings_find(fl_postings *p, const char *phrase, size_t len, int64_t state) {
    pthread_mutex_lock(&p->lock);
    postings *q = lookup(p, phrase, len, fnv1a(phrase, len));
    if (q && q->state == state) {
        q->refs++;
        unlink_use(p, q);
        link_newest(p, q);
    } else {
        q = NULL;
    }
    pthread_mutex_unlock(&p->lock);
    return q;
}

void store_postings_bits(const postings *q, uint64_t *bits) {
    for (size_t e = 0; e < q->n_docs; e++) bits[q->docs[e].doc / 64] |= (uint64_t)1 << (q->docs[e].doc % 64);
}

/* Arrays cut to their length (kept postings cost what they hold), and
** the bit set of a phrase in many documents. Without one (no memory)
** the documents are still all there. */
static void finish(postings *q) {
    posting_doc *d = q->n_docs ? realloc(q->docs, q->n_docs * sizeof *d) : NULL;
    uint32_t *s = q->n_sent ? realloc(q->sent, q->n_sent * sizeof *s) : NULL;
    if (d) q->docs = d, q->cap_docs = q->n_docs;
    if (s) q->sent = s, q->cap_sent = q->n_sent;
    size_t words = q->n_docs ? q->docs[q->n_docs - 1].doc / 64 + 1 : 0;
    if (words && words * sizeof *q->bits <= q->n_docs * sizeof *q->docs && (q->bits = calloc(words, sizeof *q->bits))) {
        q->n_words = words;
        store_postings_bits(q, q->bits);
    }
    q->bytes = sizeof *q + q->len + q->n_docs * sizeof *q->docs + q->n_sent * sizeof *q->sent +
               q->n_words * sizeof *q->bits;
}

postings *store_postings_keep(fl_postings *p, postings *built) {
    finish(built);
    pthread_mutex_lock(&p->lock);
    postings *q = lookup(p, built->phrase, built->len, built->hash);
    if (q && q->state == built->state) {   /* another connection was first */
        q->refs++;
        pthread_mutex_unlock(&p->lock);
        postings_free(built);
        return q;
    }
    if (q && q->state > built->state) {    /* the caller reads an older state */
        pthread_mutex_unlock(&p->lock);
        return built;
    }
    if (q) drop(p, q);
    postings **at = bucket_of(p, built->hash);
    built->next_in_bucket = *at;
    *at = built;
    link_newest(p, built);
    built->cached = 1;
    p->bytes += built->bytes;
    for (postings *old = p->oldest, *newer; old && p->bytes > p->max_bytes; old = newer) {
        newer = old->newer;
        if (!old->refs) drop(p, old);
    }
    pthread_mutex_unlock(&p->lock);
    return built;
}

void store_postings_release(fl_postings *p, postings *q) {
    if (!q) return;
    pthread_mutex_lock(&p->lock);
    int last = --q->refs == 0 && !q->cached;
    pthread_mutex_unlock(&p->lock);
    if (last) postings_free(q);
}

int fl_db_share_postings(fl_db *db, fl_postings *p, char **errmsg) {
    int rc = store_postings_bind(p, db->path);
    if (rc == FL_ENOMEM) return err_set(errmsg, rc, "out of memory");
    if (rc != FL_OK) return err_set(errmsg, rc, "%s: postings serve another database", db->path);
    db->postings = p;
    return FL_OK;
}
