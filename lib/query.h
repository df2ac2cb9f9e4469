/*
** query.h: the query stage's internals. query_to_fts() turns the user's
** search syntax into an FTS5 expression, checking it first so a malformed
** query gets a message that says where, never an SQLite message.
**
** query_json() is how every answer of the library leaves it as text.
**
** Syntax: words (implicit AND), "phrases", prefix*, AND, OR, NOT (upper
** case; NOT between two terms), -word (same as NOT word), parentheses.
*/
#ifndef FL_QUERY_H
#define FL_QUERY_H

#include <jansson.h>

#include "buf.h"

/* Writes the FTS5 expression into OUT and, when TERMS is not NULL, the
** query's positive phrases into TERMS, one a line, as folded words
** separated by spaces, "*" ending a prefix (both initialised by the
** caller). Highlighting matches sentences against TERMS. */
int query_to_fts(const char *q, buf *out, buf *terms, char **errmsg);

/* Hands V (taken, may be NULL) to the caller as indented JSON in *JSON
** (fl_free); keys keep their order. */
int query_json(json_t *v, char **json, char **errmsg);

#endif
