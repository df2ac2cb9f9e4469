/*
** keytab.h: a table of byte keys, each numbered in the order it came
** (0, 1, 2 ...), in open addressing with the keys' bytes kept together in
** one buffer. For sets and dictionaries built while reading (an export's
** facts and sources, an import's ids); libflank's hash is FNV-1a (hash.h).
*/
#ifndef FL_KEYTAB_H
#define FL_KEYTAB_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

typedef struct keytab {
    struct keytab_slot {
        uint64_t h;
        size_t off, len;   /* where the key's bytes are in keys */
        uint32_t val;      /* the key's number + 1; 0 for an empty slot */
    } *slot;
    size_t cap, n;
    buf keys;
} keytab;

void keytab_init(keytab *t);

/* The number of key K (N bytes), numbered next when new (*ADDED set to 1,
** else 0); -1 out of memory. */
long keytab_get(keytab *t, const void *k, size_t n, int *added);

/* The number of key K (N bytes), or -1 when it is not there. */
long keytab_find(const keytab *t, const void *k, size_t n);

void keytab_release(keytab *t);

#endif
