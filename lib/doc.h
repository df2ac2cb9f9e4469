/*
** doc.h: the document as it travels from the annotate stages to the store
** and to JSON: struct fl_doc, opaque to front ends. doc.c runs the stages in
** data-flow order (read, extract, normalise, segment, annotate) and owns the
** annotation document's JSON.
*/
#ifndef FL_DOC_H
#define FL_DOC_H

#include <stddef.h>

#include "annot.h"
#include "extract.h"
#include "gazetteer.h"
#include "segment.h"
#include "stance.h"
#include "tokenize.h"

struct fl_doc {
    char *source;             /* path or name given by the caller */
    char sha256[65];          /* of the input bytes, after gunzip */
    extract_result meta;      /* title, authors, date...; meta.body is NULL (moved to text) */
    const char *language;     /* declared (meta.language) or detected; static or meta-owned */
    char *text;               /* normalised main content */
    size_t text_len;
    seg_result seg;           /* paragraphs and sentences of text */
    tok_words words;          /* words of text, made once for entity matching and the index */
    gaz_result ents;          /* mentions, candidates, the document's own entities (gazetteer.h, names.h) */
    annot_date *dates;        /* date.h, text order */
    size_t n_dates;
    annot_relation *rels;     /* relation.h; empty until mentions exist */
    size_t n_rels;
    annot_claim *claims;      /* claim.h */
    size_t n_claims;
    annot_stance *stances;    /* stance.h: .rel indexes rels; in relation order */
    size_t n_stances;
};

/* A stored document annotated again (relink): TEXT[0..n) as stored
** (normalised), with its stored PUBLISHED date, LANGUAGE and SHA256 (each
** may be NULL but SHA256). Mentions and dates always; relations, claims
** and stances only WITH_FACTS (import brings its own, and finding them is
** most of the time). Caller frees *out with fl_doc_free. */
int doc_from_stored(const char *text, size_t n, const char *published, const char *language,
                    const char *sha256, int with_facts, struct fl_doc **out, char **errmsg);

#endif
