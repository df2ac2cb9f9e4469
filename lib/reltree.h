/*
** reltree.h: relations read from a sentence's dependency tree. Given one
** parsed sentence (parse.h) and the entity mentions it holds, it finds the
** predicate words of its lexicon (data/patterns/predicates.tsv: lemma and
** frame -> predicate, direction, default modality), fills each frame's
** subject and object from dependency slots (subject, object, obliques by
** preposition, possessives, compounds, appositions, the noun a relative
** clause or participle modifies, xcomp controllers, coordination on both
** sides, copular "X is a Y"), resolves "it", "its", "the group" to the
** nearest fitting entity before, and reads modality from the cues of
** data/patterns/modality.tsv in the predicate word's scope.
**
** It does not parse, find entities or dates, or decide which sentences are
** worth parsing (relation.c does, with rt_is_trigger).
*/
#ifndef FL_RELTREE_H
#define FL_RELTREE_H

#include <stddef.h>

#include "annot.h"
#include "parse.h"

/* Loads predicates.tsv and modality.tsv from DATADIR (NULL: data_dir())
** once per process; thread-safe. A malformed line is FL_EPACK with
** "FILE:LINE: why". */
int rt_init(const char *datadir, char **errmsg);

/* 1 when the word S[0..N) (any case) is a form of a predicate word of the
** lexicon ("deployed", "talks", "withdrew"): the cheap test that decides
** whether a sentence is worth parsing. After rt_init succeeded in this
** thread (it takes no lock); 0 before. */
int rt_is_trigger(const char *s, size_t n);

/* 1 when the word S[0..N) is a form of a predicate word one of whose
** frames takes entities of TYPES (rt_id_types bits, ORed) on both sides
** (ONE: the sentence names one entity, so only a frame without object,
** "X was founded"): the gate's test once a sentence's entities are known.
** After rt_init. */
int rt_trigger_fits(const char *s, size_t n, unsigned types, int one);

/* The type bit of an entity id ("country:LY"), 0 for an unknown type. */
unsigned rt_id_types(const char *id);

/* The entity types S[0..N) may stand for as an anaphor of the lexicon
** ("it", "its", "group"), rt_id_types bits; 0 when it is none. After
** rt_init, as rt_is_trigger. */
unsigned rt_anaphor_types(const char *s, size_t n);

/* One relation found in a sentence; TRIG is the predicate word's token. */
typedef struct rt_rel {
    const char *subject, *predicate, *object;   /* object NULL: none */
    int modality;                               /* enum annot_modality */
    size_t trig;
} rt_rel;

typedef struct rt_out {
    rt_rel *r;
    size_t n, cap;
} rt_out;

/* Appends to OUT the relations of sentence S of TEXT. MENTIONS[0..NM) are
** the sentence's mentions in text order (ids as annot_mention's);
** BEFORE[0..NB) mentions that precede the sentence (the nearest ones),
** in text order, for anaphors, with the number of the sentence each is in
** (BEFORE_SENT, nondecreasing; NULL: all in one). FL_OK or FL_ENOMEM; OUT
** is the caller's (free OUT->r). */
int rt_extract(const char *text, const parse_sent *s, const annot_mention *mentions, size_t nm,
               const annot_mention *before, const size_t *before_sent, size_t nb, rt_out *out);

#endif
