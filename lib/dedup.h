/*
** dedup.h: near-duplicate detection by MinHash over word shingles
** (dedup.c): a document's signature, the similarity of two signatures,
** and the band keys that find candidates without comparing every pair.
** Which documents are copies of which is the store's (store_dedup.c).
*/
#ifndef FL_DEDUP_H
#define FL_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "tokenize.h"

#define DEDUP_SHINGLE 5    /* words per shingle */
#define DEDUP_MINS 64      /* minimum hashes per signature */
#define DEDUP_ROWS 2       /* mins per band: 32 bands */
#define DEDUP_BANDS (DEDUP_MINS / DEDUP_ROWS)

typedef struct dedup_sig {
    uint32_t min[DEDUP_MINS];
    uint32_t shingles;     /* distinct-ish shingles seen (the text's length in shingles) */
} dedup_sig;

/* The signature of the words WS (folded forms, as the index has them). */
void dedup_signature(const tok_words *ws, dedup_sig *s);

/* The same of TEXT[0..N)'s words, tokenized as it goes (a text whose
** words were not kept). */
void dedup_signature_text(const char *text, size_t n, dedup_sig *s);

/* The estimated Jaccard similarity of the two shingle sets, and how much
** of the smaller set the larger holds (1 when one text is inside the
** other: a report and its summary quoting it). */
double dedup_jaccard(const dedup_sig *a, const dedup_sig *b);
double dedup_containment(const dedup_sig *a, const dedup_sig *b);

/* The key of band B (0..DEDUP_BANDS-1) of S: two signatures that share a
** band key are candidates. */
int64_t dedup_band(const dedup_sig *s, int b);

#endif
