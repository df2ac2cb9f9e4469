/*
** hash.h: FNV-1a, the one string hash of libflank's hash tables (tag
** names, stop words, rule vocabularies, entity ids, the server's answer
** cache). A caller that folds case hashes the folded bytes, one at a time
** with fnv1a_step, so a word can be hashed while it is read. Not for
** anything an attacker must not collide: tables stay correct, only slower.
*/
#ifndef FL_HASH_H
#define FL_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A_START UINT64_C(14695981039346656037)

static inline uint64_t fnv1a_step(uint64_t h, unsigned char c) {
    return (h ^ c) * UINT64_C(1099511628211);
}

static inline uint64_t fnv1a(const void *p, size_t n) {
    const unsigned char *s = p;
    uint64_t h = FNV1A_START;
    for (size_t i = 0; i < n; i++) h = fnv1a_step(h, s[i]);
    return h;
}

#endif
