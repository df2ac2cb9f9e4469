/*
** claim.h: the claim stage. Finds who argues what: recommendations (the
** author's advice: "should", "would help"), assessments (the author's
** judgement: "was a missed opportunity") and quotes (a person's words in
** quotation marks, with the person as speaker). Cue words and speech verbs
** are data: data/patterns/claims.txt. It takes the gazetteer's mentions to
** name speakers; it does not find entities.
*/
#ifndef FL_CLAIM_H
#define FL_CLAIM_H

#include <stddef.h>

#include "annot.h"
#include "lex.h"
#include "segment.h"

/* Loads claims.txt from DATADIR (NULL: data_dir()) once per process;
** thread-safe. claim_extract() calls it with NULL. */
int claim_init(const char *datadir, char **errmsg);

/* Extracts the claims of TEXT[0..N). A quote's span is the quoted words (or
** the words reported); a recommendation's or assessment's the whole
** sentence. Speakers are the ids of person MENTIONS, a claim's "about" the
** ids of the MENTIONS inside its span (which must outlive the result). On success *OUT
** (caller frees with free()) holds *N_OUT claims in text order. */
int claim_extract(const char *text, size_t n, const seg_result *seg,
                  const annot_mention *mentions, size_t n_mentions,
                  annot_claim **out, size_t *n_out, char **errmsg);

/* claim_extract on the sentences of SEG already lexed into LS
** (lx_sents_lex with the same TEXT and SEG). */
int claim_extract_sents(const char *text, size_t n, const seg_result *seg, const lx_sents *ls,
                        const annot_mention *mentions, size_t n_mentions,
                        annot_claim **out, size_t *n_out, char **errmsg);

/* The words of the claim cues, for lx_union; NULL when they cannot load. */
const lx_vocab *claim_vocab(void);

/* "recommendation", "assessment", "quote". */
const char *claim_kind_name(int kind);

/* The kind claim_kind_name names NAME, or -1. */
int claim_kind_parse(const char *name);

#endif
