/*
** treecache.h: the parses of sentences a process has already parsed.
** Corpora repeat sentences (wire copy in many outlets, boilerplate, a
** document ingested in several versions); the relation stage asks here
** before it asks the parser, and a sentence seen before, byte for byte,
** costs a hash and a copy instead of a parse. Entries are kept for the
** life of the process up to TC_MAX_BYTES, then no more are added. It
** parses nothing itself and knows nothing of relations.
*/
#ifndef FL_TREECACHE_H
#define FL_TREECACHE_H

#include <stddef.h>

#include "parse.h"

#define TC_MAX_BYTES (64u << 20)

/* A caller's view of one sentence's parse: its own parse_sent for misses
** and a token array for hits. Zero it to start; release with
** tc_view_release. */
typedef struct tc_view {
    parse_sent ps;
    int ps_ready;
    parse_tok *tok;
    size_t cap;
    parse_sent hit;
} tc_view;

/* The parse of TEXT[START..END) with model M, in *OUT (valid until the next
** call with V): from the cache, else parsed and added. Thread-safe. FL_OK,
** or parse_sentence's error. */
int tc_parse(const parse_model *m, const char *text, size_t start, size_t end, tc_view *v,
             const parse_sent **out, char **errmsg);

void tc_view_release(tc_view *v);

#endif
