/*
** store_postings.h: phrase postings held in memory (fl_postings of
** flank.h), shared by the connections of one process: for a phrase of the
** sentence index, the documents holding it, each with the phrase's
** weighted instances there and the sentences holding it. Built from the
** index in one pass (xQueryPhrase) for one state of the database, which
** documents only ever join: a state is the last sentence id it holds, and
** postings built at it serve every search reading that state. Kept up to
** a memory budget, the least recently used dropped first. The search that
** reads them is store_walk.c's; this file owns building, sharing and
** forgetting them.
*/
#ifndef FL_STORE_POSTINGS_H
#define FL_STORE_POSTINGS_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "store_int.h"

/* A document holding the phrase. */
typedef struct posting_doc {
    uint32_t doc;    /* its index in the doc table */
    uint32_t f;      /* the phrase's instances, weighted by column */
    uint32_t sent;   /* its first sentence in SENT; they run to the next document's */
} posting_doc;

typedef struct postings {
    int64_t state;       /* the last sentence id of the database read */
    int64_t base;        /* sentence ids are BASE plus those of SENT */
    posting_doc *docs;   /* ascending */
    uint32_t *sent;      /* ascending */
    size_t n_docs, n_sent;
    /* The same documents as a bit set (bit d % 64 of word d / 64), when it
    ** takes no more bytes than DOCS (a phrase in one document of 96 or
    ** more); else NULL. Whole words of them are judged at once. */
    uint64_t *bits;
    size_t n_words;
    /* The cache's: the key, the size, who reads it, where it is listed. */
    char *phrase;
    size_t len;
    uint64_t hash;
    size_t bytes, cap_docs, cap_sent;
    int refs, cached;
    struct postings *next_in_bucket, *newer, *older;
} postings;

/* Sets in BITS (zeroed, a word per 64 documents up to Q's last) the bit
** of each document of Q. */
void store_postings_bits(const postings *q, uint64_t *bits);

/* The postings of PHRASE (LEN bytes, as doc_query writes it) at STATE from
** P, held for the caller (release them with store_postings_release), or
** NULL when P has none. */
postings *store_postings_find(fl_postings *p, const char *phrase, size_t len, int64_t state);

/* New empty postings for PHRASE at STATE, to be filled by the auxiliary
** function flank_postings (a pointer to a posting_build bound as its
** argument, type "flank_posting_build") and handed to store_postings_keep;
** NULL when out of memory. */
postings *store_postings_new(const char *phrase, size_t len, int64_t state);

typedef struct posting_build {
    postings *out;
    const doc_table *docs;   /* the connection's, read at the same state */
    size_t doc;              /* of the last sentence read */
    int rc;                  /* FL_OK, FL_ENOMEM or FL_ETOOBIG */
} posting_build;

/* Keeps BUILT (consumes it) in P and returns the postings to read, held
** for the caller: BUILT, or an equal one another connection kept first.
** Postings of an older state are dropped; BUILT is not kept (only read by
** the caller) when P holds newer ones. Drops the least recently used
** postings nobody reads while P is over its budget. */
postings *store_postings_keep(fl_postings *p, postings *built);

/* The caller no longer reads Q (NULL: nothing). */
void store_postings_release(fl_postings *p, postings *q);

/* Does P serve the database at PATH? The first connection to share P
** binds it to its path. FL_OK, FL_EINVAL (another database) or FL_ENOMEM. */
int store_postings_bind(fl_postings *p, const char *path);

#endif
