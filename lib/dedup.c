/*
** dedup.c: MinHash signatures (see dedup.h). Each shingle of DEDUP_SHINGLE
** folded words is hashed once (FNV-1a of the words' hashes) and mixed
** into two 64-bit values A and B; the DEDUP_MINS hash functions are A + i
** * B (double hashing: one multiply-add each, not a mix each, a tenth of
** the cost), and each keeps its minimum.
*/
#include "dedup.h"

#include <string.h>

#include "hash.h"
#include "banned.h"

/* A 64-bit mix (splitmix64's finaliser) of H with the I-th seed. */
static uint64_t mix(uint64_t h, unsigned i) {
    h ^= 0x9e3779b97f4a7c15ULL * (i + 1);
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

void dedup_signature(const tok_words *ws, dedup_sig *s) {
    memset(s->min, 0xff, sizeof s->min);
    s->shingles = 0;
    size_t n = tok_words_count(ws);
    const tok_word *w = tok_words_list(ws);
    const char *folds = ws->folds.data;
    uint64_t last[DEDUP_SHINGLE] = {0};
    for (size_t i = 0; i < n; i++) {
        last[i % DEDUP_SHINGLE] = fnv1a(folds + w[i].fold_at, w[i].fold_len);
        if (i + 1 < DEDUP_SHINGLE) continue;
        uint64_t h = 14695981039346656037ULL;
        for (size_t k = i + 1 - DEDUP_SHINGLE; k <= i; k++) h = (h ^ last[k % DEDUP_SHINGLE]) * 1099511628211ULL;
        uint64_t a = mix(h, 0), b = mix(h, 1) | 1, v = a;
        for (unsigned m = 0; m < DEDUP_MINS; m++, v += b)
            if ((uint32_t)(v >> 32) < s->min[m]) s->min[m] = (uint32_t)(v >> 32);
        s->shingles++;
    }
}

double dedup_jaccard(const dedup_sig *a, const dedup_sig *b) {
    int same = 0;
    for (unsigned m = 0; m < DEDUP_MINS; m++) same += a->min[m] == b->min[m];
    return (double)same / DEDUP_MINS;
}

double dedup_containment(const dedup_sig *a, const dedup_sig *b) {
    double j = dedup_jaccard(a, b);
    double small = a->shingles < b->shingles ? a->shingles : b->shingles;
    if (small <= 0) return 0;
    double both = j * ((double)a->shingles + b->shingles) / (1 + j);
    return both / small > 1 ? 1 : both / small;
}

int64_t dedup_band(const dedup_sig *s, int b) {
    uint64_t h = fnv1a(&s->min[b * DEDUP_ROWS], DEDUP_ROWS * sizeof s->min[0]);
    return (int64_t)((h & ~(uint64_t)0xff) | (uint64_t)b);
}
