/*
** json_text.h: jansson values written as JSON text into a buf, byte for
** byte what json_dumps writes with JSON_INDENT(n) or JSON_COMPACT (other
** flags are not honoured; object keys come in insertion order, as
** jansson keeps them). About ten times faster than json_dumps, which
** formats every integer with snprintf and hands every piece of a string
** to a callback: the answers of a search are mostly numbers and snippets,
** and writing them was a fifth of a search's time.
*/
#ifndef FL_JSON_TEXT_H
#define FL_JSON_TEXT_H

#include <jansson.h>

#include "buf.h"

/* Appends V to OUT; FL_OK or OUT's sticky error. Strings are written as
** they are held: jansson checked them as UTF-8 when they were made. */
int json_text(buf *out, const json_t *v, size_t flags);

#endif
