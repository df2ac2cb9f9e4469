/*
** treecache.h: the parses of sentences a process has parsed lately.
** Corpora repeat sentences (wire copy in many outlets, boilerplate, a
** document ingested in several versions); the relation stage asks here
** before it asks the parser, and a sentence seen before, byte for byte,
** costs a hash and a copy instead of a parse. The cache holds at most
** TC_MAX_BYTES; when a new parse would pass that, it is emptied and starts
** again, so an ingest's memory stays bounded whatever its size. It parses
** nothing itself and knows nothing of relations.
*/
#ifndef FL_TREECACHE_H
#define FL_TREECACHE_H

#include <stddef.h>

#include "parse.h"

#define TC_MAX_BYTES (4u << 20)

/* A caller's parse of one sentence: from the parser, or copied from the
** cache. Zero it to start; release with tc_view_release. */
typedef struct tc_view {
    parse_sent ps;
    int ps_ready;
} tc_view;

/* The parse of TEXT[START..END) with model M, in *OUT (valid until the next
** call with V): from the cache, else parsed and added. Thread-safe. FL_OK,
** or parse_sentence's error. */
int tc_parse(const parse_model *m, const char *text, size_t start, size_t end, tc_view *v,
             const parse_sent **out, char **errmsg);

void tc_view_release(tc_view *v);

/* The bytes the cache holds now (for tests and benchmarks). */
size_t tc_bytes(void);

#endif
