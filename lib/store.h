/*
** store.h: the store interface. fl_db (flank.h) is a store; the embedded
** implementation is SQLite with FTS5 (store_sqlite.c). A server database
** would implement these same calls. Results come back as jansson values so
** query.c can shape them without knowing SQL.
*/
#ifndef FL_STORE_H
#define FL_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "flank/flank.h"

/* Documents matching the FTS5 expression EXPR, best first, with their
** best sentences for EXPR (or, when none holds it all, for ANY_EXPR: the
** query's terms joined by OR; may be NULL), as
** {"total": N, "results": [{"id", "sha256", "title", "source", "published",
** "hits": [{"sentence_id", "start", "end", "snippet", "score"}]}]}. */
int store_search(fl_db *db, const char *expr, const char *any_expr, const fl_search_opts *opts,
                 json_t **out, char **errmsg);

/* One document by id ("12") or sha256 prefix (at least 4 hex digits), with
** its text and sentence spans. FL_ENOTFOUND, or FL_EINVAL when a prefix is
** ambiguous. */
int store_document(fl_db *db, const char *ref, json_t **out, char **errmsg);

#endif
