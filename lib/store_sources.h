/*
** store_sources.h: the independent sources of each fact among an export's
** relations (store_export.c), counted in C in one pass over them: a hash
** of each fact (subject, predicate, object, modality) and of each
** (fact, source) pair seen, instead of SQLite grouping and sorting every
** relation with a count(DISTINCT) and a lookup of its document's original
** per row. A source is the publisher of the document's original when it
** is a near-duplicate (store_dedup.h), else its own publisher, else the
** document itself (its sha256).
*/
#ifndef FL_STORE_SOURCES_H
#define FL_STORE_SOURCES_H

#include <sqlite3.h>

#include "store.h"

typedef struct store_sources store_sources;

/* Counts the sources of the facts of the relations REL returns, a
** statement prepared and bound on DB whose columns are: the document's id,
** subject, predicate, object ('' for none), modality, the document's
** publisher and its sha256. Steps REL to its end. FL_OK and *OUT (free
** with store_sources_free), or an error with *errmsg set. */
int store_sources_count(fl_db *db, sqlite3_stmt *rel, store_sources **out, char **errmsg);

/* The number of sources of the fact whose four parts (object '' for none)
** are FACT, or -1 when no counted relation states it. */
long store_sources_of(store_sources *s, const char *const fact[4]);

/* Accepts NULL. */
void store_sources_free(store_sources *s);

#endif
