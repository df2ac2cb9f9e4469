/*
** query.h: the query stage's internals. query_to_fts() turns the user's
** search syntax into an FTS5 expression, checking it first so a malformed
** query gets a message that says where, never an SQLite message.
**
** Syntax: words (implicit AND), "phrases", prefix*, AND, OR, NOT (upper
** case; NOT between two terms), -word (same as NOT word), parentheses.
*/
#ifndef FL_QUERY_H
#define FL_QUERY_H

#include "buf.h"

/* Writes the FTS5 expression into OUT and, when ANY is not NULL, the OR of
** its positive terms into ANY (both initialised by the caller). */
int query_to_fts(const char *q, buf *out, buf *any, char **errmsg);

#endif
