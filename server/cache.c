/*
** cache.c: the server's answer cache. A search over 20,000 documents costs
** tens of milliseconds in SQLite (FTS5 ranks every matching document), and
** analysts and the UI ask the same questions again and again, so
** successful GET answers of the read endpoints are kept, as libmicrohttpd
** response objects (reference-counted, queued again without a copy), in a
** fixed table of slots indexed by a hash of the request.
**
** An answer is valid only for the database state it was computed from.
** That state is stamped by the size and modification time (nanoseconds)
** of the database file and its WAL: every commit, by this server or by a
** `flank ingest` in another process, changes the WAL, so the next lookup
** misses. Only stat() is used: opening and closing a file SQLite locks
** (the database, its -shm) would drop this process's POSIX locks on it.
** The one blind spot is a WAL restarted after a checkpoint and rewritten
** to the same size within the same clock tick as the stamp; a library
** call exposing PRAGMA data_version would close it. The cache owns no query logic: a miss runs the same fl_* call.
*/
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache.h"
#include "hash.h"
#include "banned.h"

#define WAYS 8

typedef struct slot {
    uint64_t hash;
    uint64_t used;      /* tick of the last hit or store */
    char *key;
    struct MHD_Response *resp;
    cache_stamp stamp;
} slot;

struct cache {
    slot *slots;
    size_t n;           /* a multiple of WAYS */
    uint64_t tick;
    pthread_mutex_t lock;
    char *db, *wal;
};

cache *cache_new(const char *db_path, size_t n_slots) {
    if (n_slots == 0) return NULL;
    n_slots = (n_slots + WAYS - 1) / WAYS * WAYS;
    cache *c = calloc(1, sizeof *c);
    size_t n = strlen(db_path) + 5;
    if (!c || !(c->slots = calloc(n_slots, sizeof *c->slots)) || !(c->db = strdup(db_path)) ||
        !(c->wal = malloc(n))) {
        cache_free(c);
        return NULL;
    }
    snprintf(c->wal, n, "%s-wal", db_path);
    c->n = n_slots;
    pthread_mutex_init(&c->lock, NULL);
    return c;
}

void cache_free(cache *c) {
    if (!c) return;
    if (c->slots) {
        for (size_t i = 0; i < c->n; i++) {
            free(c->slots[i].key);
            if (c->slots[i].resp) MHD_destroy_response(c->slots[i].resp);
        }
        pthread_mutex_destroy(&c->lock);
    }
    free(c->slots);
    free(c->db);
    free(c->wal);
    free(c);
}

static void stamp_file(const char *path, int64_t *size, int64_t *mtime) {
    struct stat st;
    if (stat(path, &st) == 0) {
        *size = (int64_t)st.st_size;
        *mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    } else {
        *size = *mtime = -1;
    }
}

void cache_stamp_now(const cache *c, cache_stamp *s) {
    stamp_file(c->db, &s->v[0], &s->v[1]);
    stamp_file(c->wal, &s->v[2], &s->v[3]);
}

/* The first way of the set that KEY's hash H falls in. */
static slot *set_of(cache *c, uint64_t h) { return &c->slots[(h % (c->n / WAYS)) * WAYS]; }

struct MHD_Response *cache_get(cache *c, const char *key, size_t n, const cache_stamp *now) {
    uint64_t h = fnv1a(key, n);
    slot *set = set_of(c, h);
    pthread_mutex_lock(&c->lock);
    for (int i = 0; i < WAYS; i++) {
        slot *s = &set[i];
        if (s->resp && s->hash == h && strcmp(s->key, key) == 0 && memcmp(&s->stamp, now, sizeof *now) == 0) {
            s->used = ++c->tick;
            /* Still locked: an eviction cannot free it before the caller
            ** queues it through cache_queue. */
            return s->resp;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

enum MHD_Result cache_queue(cache *c, struct MHD_Connection *conn, struct MHD_Response *r) {
    enum MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_OK, r);
    pthread_mutex_unlock(&c->lock);
    return ok;
}

void cache_put(cache *c, const char *key, size_t n, const cache_stamp *stamp, struct MHD_Response *resp) {
    uint64_t h = fnv1a(key, n);
    char *k = strdup(key);
    if (!k) {
        MHD_destroy_response(resp);
        return;
    }
    slot *set = set_of(c, h), *s = &set[0];
    pthread_mutex_lock(&c->lock);
    /* The same key (a stale answer), else an empty way, else the LRU. */
    for (int i = 0; i < WAYS; i++) {
        if (set[i].resp && set[i].hash == h && strcmp(set[i].key, key) == 0) {
            s = &set[i];
            break;
        }
        if (!set[i].resp || set[i].used < s->used) s = &set[i];
        if (!s->resp) break;
    }
    char *old_key = s->key;
    struct MHD_Response *old = s->resp;
    s->hash = h;
    s->key = k;
    s->resp = resp;
    s->stamp = *stamp;
    s->used = ++c->tick;
    pthread_mutex_unlock(&c->lock);
    free(old_key);
    /* Connections still sending it hold their own reference. */
    if (old) MHD_destroy_response(old);
}
