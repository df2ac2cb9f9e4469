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

/* Adds the word whose folded form hashes to H to the signature S being
** made (LAST and *I: the shingle's words so far and the word count). */
static void add_word(dedup_sig *s, uint64_t last[DEDUP_SHINGLE], size_t *i, uint64_t h0) {
    size_t i_ = (*i)++;
    last[i_ % DEDUP_SHINGLE] = h0;
    if (i_ + 1 < DEDUP_SHINGLE) return;
    uint64_t h = 14695981039346656037ULL;
    for (size_t k = i_ + 1 - DEDUP_SHINGLE; k <= i_; k++) h = (h ^ last[k % DEDUP_SHINGLE]) * 1099511628211ULL;
    uint64_t a = mix(h, 0), b = mix(h, 1) | 1, v = a;
    for (unsigned m = 0; m < DEDUP_MINS; m++, v += b)
        if ((uint32_t)(v >> 32) < s->min[m]) s->min[m] = (uint32_t)(v >> 32);
    s->shingles++;
}

void dedup_signature(const tok_words *ws, dedup_sig *s) {
    memset(s->min, 0xff, sizeof s->min);
    s->shingles = 0;
    size_t n = tok_words_count(ws), i = 0;
    const tok_word *w = tok_words_list(ws);
    const char *folds = ws->folds.data;
    uint64_t last[DEDUP_SHINGLE] = {0};
    for (size_t k = 0; k < n; k++) add_word(s, last, &i, fnv1a(folds + w[k].fold_at, w[k].fold_len));
}

typedef struct text_sig {
    dedup_sig *s;
    uint64_t last[DEDUP_SHINGLE];
    size_t i;
} text_sig;

static int text_word(void *ctx, int flags, const char *token, size_t n, size_t start, size_t end) {
    (void)flags, (void)start, (void)end;
    text_sig *t = ctx;
    add_word(t->s, t->last, &t->i, fnv1a(token, n));
    return 0;
}

void dedup_signature_text(const char *text, size_t n, dedup_sig *s) {
    memset(s->min, 0xff, sizeof s->min);
    s->shingles = 0;
    text_sig t = {s, {0}, 0};
    tok_run(text, n, &t, text_word);
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
