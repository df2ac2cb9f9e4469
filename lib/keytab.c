/*
** keytab.c: the table of numbered byte keys (keytab.h). Kept at most half
** full, so that a probe sequence stays short; a slot keeps its key's full
** hash, so that growing rehashes nothing and most mismatches are decided
** without touching the key's bytes.
*/
#include "keytab.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"
#include "banned.h"

void keytab_init(keytab *t) {
    t->slot = NULL;
    t->cap = t->n = 0;
    buf_init(&t->keys, BUF_NO_LIMIT);
}

static int keytab_grow(keytab *t) {
    size_t cap = t->cap ? t->cap * 2 : 1024;
    struct keytab_slot *slot = calloc(cap, sizeof *slot);
    if (!slot) return FL_ENOMEM;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slot[i].val) continue;
        size_t j = (size_t)t->slot[i].h & (cap - 1);
        while (slot[j].val) j = (j + 1) & (cap - 1);
        slot[j] = t->slot[i];
    }
    free(t->slot);
    t->slot = slot;
    t->cap = cap;
    return FL_OK;
}

/* The slot of key K (N bytes, hash H): its own, or the empty one where it
** would go. T has an empty slot. */
static size_t slot_of(const keytab *t, const void *k, size_t n, uint64_t h) {
    size_t i = (size_t)h & (t->cap - 1);
    for (; t->slot[i].val; i = (i + 1) & (t->cap - 1)) {
        const struct keytab_slot *s = &t->slot[i];
        if (s->h == h && s->len == n && (n == 0 || memcmp(t->keys.data + s->off, k, n) == 0)) break;
    }
    return i;
}

long keytab_get(keytab *t, const void *k, size_t n, int *added) {
    *added = 0;
    if (2 * (t->n + 1) > t->cap && keytab_grow(t) != FL_OK) return -1;
    uint64_t h = fnv1a(k, n);
    size_t i = slot_of(t, k, n, h);
    if (t->slot[i].val) return (long)t->slot[i].val - 1;
    if (t->n >= UINT32_MAX - 1) return -1;
    struct keytab_slot s = {h, t->keys.len, n, (uint32_t)t->n + 1};
    if (buf_append(&t->keys, k, n) != FL_OK) return -1;
    t->slot[i] = s;
    *added = 1;
    return (long)t->n++;
}

long keytab_find(const keytab *t, const void *k, size_t n) {
    if (!t->cap) return -1;
    size_t i = slot_of(t, k, n, fnv1a(k, n));
    return t->slot[i].val ? (long)t->slot[i].val - 1 : -1;
}

void keytab_release(keytab *t) {
    free(t->slot);
    buf_release(&t->keys);
    t->slot = NULL;
    t->cap = t->n = 0;
}
