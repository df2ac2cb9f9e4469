/*
** stance.h: the stance stage. Says who holds what stance toward a relation
** its sentence states: "X denied that Y supplied Z" gives the relation
** "Y supplies Z" the stance denied, held by X. Stances are asserted,
** alleged, denied and disputed; the holder is an actor (country,
** organisation, group, person) named in the sentence, or null when none
** is. Cue words are data: data/patterns/stance.txt. It reads relations,
** mentions and claims (a quotation's speaker asserts what it states); it
** finds none of them.
*/
#ifndef FL_STANCE_H
#define FL_STANCE_H

#include <stddef.h>

#include "annot.h"

enum stance_kind { STANCE_ASSERTED, STANCE_ALLEGED, STANCE_DENIED, STANCE_DISPUTED };

typedef struct annot_stance {
    size_t rel;              /* index of its relation in the array given */
    const char *holder;      /* entity id (a mention's), or NULL */
    int stance;              /* enum stance_kind */
    size_t start, end;       /* the sentence the stance is read from */
} annot_stance;

/* Loads stance.txt from DATADIR (NULL: data_dir()) once per process;
** thread-safe. stance_find() calls it with NULL. */
int stance_init(const char *datadir, char **errmsg);

/* The stances toward RELS[0..N_RELS) (relation.h's output on TEXT, in
** sentence order). MENTIONS must be sorted by start; CLAIMS (claim.h's,
** may be NULL) give quotations' speakers. Holders point at mention ids
** (which must outlive the result). On success *OUT (caller frees with
** free()) holds *N_OUT stances, relation by relation; a relation may have
** several or none. Linear in the text and the mentions. */
int stance_find(const char *text, size_t n, const annot_relation *rels, size_t n_rels,
                const annot_mention *mentions, size_t n_mentions, const annot_claim *claims,
                size_t n_claims, annot_stance **out, size_t *n_out, char **errmsg);

/* "asserted", "alleged", "denied", "disputed". */
const char *stance_name(int stance);

#endif
