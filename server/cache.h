/*
** cache.h: the answer cache of the HTTP server (cache.c): successful GET
** answers of the read endpoints, valid until the database changes.
*/
#ifndef FL_CACHE_H
#define FL_CACHE_H

#include <microhttpd.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cache cache;

/* Answers larger than this are not kept (a few would fill memory). */
#define CACHE_MAX_ANSWER (1u << 20)

/* The database's state: size and mtime of the file and of its WAL. */
typedef struct cache_stamp {
    int64_t v[4];
} cache_stamp;

/* A cache of N_SLOTS answers (rounded up to whole sets) for the database at DB_PATH; NULL when
** N_SLOTS is 0 (no cache) or memory is short. */
cache *cache_new(const char *db_path, size_t n_slots);
void cache_free(cache *c);   /* accepts NULL */

void cache_stamp_now(const cache *c, cache_stamp *s);

/* The answer stored for KEY (N bytes, NUL-terminated) at state NOW, or
** NULL. On a hit the cache stays locked until cache_queue() sends it. */
struct MHD_Response *cache_get(cache *c, const char *key, size_t n, const cache_stamp *now);
enum MHD_Result cache_queue(cache *c, struct MHD_Connection *conn, struct MHD_Response *r);

/* Keeps RESP (a 200 answer) for KEY at STAMP; consumes the caller's
** reference to RESP. */
void cache_put(cache *c, const char *key, size_t n, const cache_stamp *stamp, struct MHD_Response *resp);

#endif
