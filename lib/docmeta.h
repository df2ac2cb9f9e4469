/*
** docmeta.h: what a plain text or Markdown file says about itself, and
** what the user says about a document, merged into its metadata
** (extract_result's title, authors, published, site_name, language,
** canonical_url). It reads a leading front-matter block ("---" lines
** around "key: value" lines: title, date or published, url, publisher,
** author or authors, language) and, in the first lines of the text, a
** byline ("By A and B") and a dateline ("24 Jan. 2017"). The order of
** trust, as for HTML's meta tags, JSON-LD and byline: what the user gives
** (flank ingest --title ..., a FILE.meta.json) over front matter over
** what the extractor found over the text's own byline and dateline.
** It does not own extracting the body (extract.c) nor parsing dates in
** running text (date.c, which it calls for a date not written ISO).
*/
#ifndef FL_DOCMETA_H
#define FL_DOCMETA_H

#include <stddef.h>

#include "extract.h"
#include "flank/flank.h"

/* Reads the front matter at the start of TEXT[0..n) into *fm (zeroed
** first; release with extract_release) and sets *body to the offset just
** after it (0 when TEXT has none). FL_ENOMEM on failure, *fm released. */
int dm_front_matter(const char *text, size_t n, extract_result *fm, size_t *body);

/* Looks at the first lines of TEXT[0..n) (after the title) for a byline
** and a dateline and fills META's authors and published when empty. */
int dm_text_lines(const char *text, size_t n, extract_result *meta);

/* Sets each field of META that FROM has (FROM wins); FROM keeps its own. */
int dm_override(extract_result *meta, const extract_result *from);

/* Sets each field of META that GIVEN has, for the user's word. */
int dm_given(extract_result *meta, const fl_meta *given);

#endif
