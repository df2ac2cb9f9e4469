/*
** lang.h: telling the language of a text when its source does not say.
** Counts function words per language (data/patterns/stopwords.tsv) and
** recognises Arabic script; returns a two-letter code or "und".
*/
#ifndef FL_LANG_H
#define FL_LANG_H

#include <stddef.h>

const char *lang_detect(const char *text, size_t n);

#endif
