/*
** segment.h: the segmentation stage. Splits normalised text (blocks
** separated by a blank line, see extract.h) into paragraphs and sentences,
** as byte spans. A sentence never crosses a line break. Abbreviations
** ("U.S.", "Gen.", "e.g.") come from data/patterns/abbreviations.txt and
** do not end a sentence.
*/
#ifndef FL_SEGMENT_H
#define FL_SEGMENT_H

#include <stddef.h>

typedef struct seg_span {
    size_t start, end;    /* byte offsets into the text, end exclusive */
    size_t para;          /* for a sentence: index of its paragraph */
} seg_span;

typedef struct seg_result {
    seg_span *paras;
    size_t n_paras;
    seg_span *sents;
    size_t n_sents;
} seg_result;

/* Loads the abbreviation list once per process (from DATADIR, NULL: the
** one data.h names); thread-safe; later calls return the first outcome.
** seg_split() calls it with NULL. */
int seg_init(const char *datadir, char **errmsg);

/* Is P[0..n) (its period included) a listed abbreviation ("Gen.")? After
** seg_init; false before. */
int seg_is_abbrev(const char *p, size_t n);

int seg_split(const char *text, size_t n, seg_result *out, char **errmsg);
void seg_release(seg_result *r);

#endif
