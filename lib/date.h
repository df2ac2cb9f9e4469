/*
** date.h: the temporal-expression stage. Finds dates in segmented text and
** normalises each to ISO 8601 with its precision: "2024", "2024-07",
** "2024-07-01", a week "2025-W26", a decade "1990/1999". A range of years
** ("2019-2021", "from 2019 to 2021") is two dates, one for each end; a
** range of days ("8-9 June 2021") is its first day; "since 2021" keeps its
** start ("2021"). Relative expressions ("next year", "last week",
** "Thursday") are resolved against the publication date, and only when
** that date is at least as precise as the expression; "May of that year"
** and "the previous day" take the last date the text named. A date
** without a year ("On 9 June", "in April", "late November") takes the
** year that puts it nearest the last date of its sentence, else the last
** date the text gave with a month (or a year after "in", "by", ...), else
** the publication date. The
** vocabulary (month names in en/fr/it/es/de, relative phrases, words that
** rule a number out as a year) is data: data/patterns/dates.txt. It does
** not own attaching dates to relations (relation.c does that).
*/
#ifndef FL_DATE_H
#define FL_DATE_H

#include <stddef.h>

#include "annot.h"
#include "lex.h"
#include "segment.h"

/* Loads data/patterns/dates.txt from DATADIR (NULL: data_dir()) once
** per process; thread-safe. date_find() calls it with NULL when needed. */
int date_init(const char *datadir, char **errmsg);

/* Finds the dates of TEXT[0..N). SEG gives the sentences (NULL: the text
** is one sentence); expressions never cross a sentence. PUBLISHED is the
** document's date ("2025", "2025-07", "2025-07-01") or NULL. On success
** *OUT (caller frees with free()) holds *N_OUT dates in text order. */
int date_find(const char *text, size_t n, const seg_result *seg,
              const char *published, annot_date **out, size_t *n_out,
              char **errmsg);

/* date_find on the sentences of SEG already lexed into LS (lx_sents_lex
** with the same TEXT and SEG), for a pipeline that lexes them once. */
int date_find_sents(const char *text, size_t n, const seg_result *seg, const lx_sents *ls,
                    const char *published, annot_date **out, size_t *n_out,
                    char **errmsg);

/* The words of the date patterns, for lx_union; NULL when they cannot load. */
const lx_vocab *date_vocab(void);

/* Parses an ISO date "YYYY[-MM[-DD]]" (what PUBLISHED holds). Returns the
** number of parts (1..3) and fills Y/M/D (0 when absent), 0 when invalid. */
int date_parse_iso(const char *s, int *y, int *m, int *d);

#endif
