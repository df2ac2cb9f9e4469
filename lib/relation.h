/*
** relation.h: the relation stage. Reads segmented text with its entity
** mentions (from the gazetteer) and dates (from date.h) and yields
** relations of DESIGN.md's vocabulary: subject, predicate, object,
** modality, the date of its sentence and the sentence's span. Two readers:
** token patterns (data/patterns/relations.txt: trigger patterns, argument
** roles, lists, exceptions, anaphors, modality cues), whose matcher this
** stage owns, and, for the sentences a cheap gate lets through, the
** dependency tree (parse.h, read by reltree.h with its predicate lexicon);
** docs/internals/relations.md. The predicates and their export classes (CAMEO, PLOVER)
** are vocab.h's. It does not find entities or dates.
*/
#ifndef FL_RELATION_H
#define FL_RELATION_H

#include <stddef.h>

#include "annot.h"
#include "lex.h"
#include "segment.h"

/* Loads relations.txt from DATADIR (NULL: data_dir())
** once per process; thread-safe. rel_extract() calls it with NULL. */
int rel_init(const char *datadir, char **errmsg);

/* Extracts the relations of TEXT[0..N). SEG gives sentences and
** paragraphs (NULL: one sentence). MENTIONS need not be sorted; their ids
** must outlive the result (the relations point at them). DATES are
** date_find()'s output. On success *OUT (caller frees with free()) holds
** *N_OUT relations, sentence by sentence. No mentions: no relations. */
int rel_extract(const char *text, size_t n, const seg_result *seg,
                const annot_mention *mentions, size_t n_mentions,
                const annot_date *dates, size_t n_dates,
                annot_relation **out, size_t *n_out, char **errmsg);

/* rel_extract on the sentences of SEG already lexed into LS (lx_sents_lex
** with the same TEXT and SEG). */
int rel_extract_sents(const char *text, size_t n, const seg_result *seg, const lx_sents *ls,
                      const annot_mention *mentions, size_t n_mentions,
                      const annot_date *dates, size_t n_dates,
                      annot_relation **out, size_t *n_out, char **errmsg);

/* The words of the relation patterns, for lx_union; NULL when they cannot
** load. */
const lx_vocab *rel_vocab(void);

/* "asserted", "alleged", "negated", "planned". */
const char *rel_modality_name(int modality);

#endif
