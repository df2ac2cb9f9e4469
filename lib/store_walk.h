/*
** store_walk.h: the documents scope of a search, the default (store_walk.c):
** which documents match a query and how they rank, by BM25 over each
** document with FTS5's arithmetic, from the index of sentences. A walk
** holds the newest RANK_WINDOW matching documents, ranked; the page shown
** is read from them by store_search.c.
*/
#ifndef FL_STORE_WALK_H
#define FL_STORE_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "store_int.h"

/* Queries matching more documents than this rank only the most recently
** stored RANK_WINDOW of them: a word found in every document of a large
** corpus would otherwise cost tens of milliseconds. The JSON reports the
** window when it applies. */
#define RANK_WINDOW 2000

typedef struct walk walk;

/* The matches of the FTS5 expression EXPR (as query.c writes it) with the
** filters of O, into *OUT (walk_free), read inside the caller's read
** transaction; FL_EQUERY for an expression it cannot judge by document. */
int walk_matches(fl_db *db, const char *expr, const fl_search_opts *o, walk **out, char **errmsg);
void walk_free(walk *w);

/* The same limits for the sentence scope, which FTS5 answers alone: the
** number of terms and the nesting of EXPR; FL_OK or FL_EQUERY. */
int walk_check(const char *expr, char **errmsg);

int64_t walk_total(const walk *w);   /* the matches, all counted or extrapolated: */
int walk_estimated(const walk *w);   /* 1 when extrapolated from the documents walked */

/* Puts the KEEP best matches first, in order; returns how many are in
** order (at least KEEP when there are that many). */
size_t walk_rank(walk *w, size_t keep);
int64_t walk_id(const walk *w, size_t k);            /* the document of the Kth */
double walk_doc_score(const walk *w, size_t k);      /* its BM25 score */

/* The sentences of the Kth holding a phrase of the query, ascending, into
** *IDS (N; the caller frees it) when the walk read postings in memory;
** else *IDS is NULL: all its sentences are candidates. */
int walk_sentences(const walk *w, size_t k, int64_t **ids, size_t *n);

/* The ids of the matches ranked, as a JSON array (for the facets). */
void walk_ids(const walk *w, buf *out);

#endif
