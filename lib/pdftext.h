/*
** pdftext.h: the text of a PDF's pages, as poppler gives it in reading
** order, made into paragraphs (pdftext.c): running headers and footers
** and page numbers dropped, words hyphenated at line ends joined again,
** lines joined into paragraphs. Pure text work: the PDF itself is pdf.c's.
*/
#ifndef FL_PDFTEXT_H
#define FL_PDFTEXT_H

#include <stddef.h>

#include "buf.h"

/* A page's text: lines ending in '\n' (the last may not). */
typedef struct pdf_page {
    const char *text;
    size_t len;
} pdf_page;

/* Appends to OUT the text of the N pages PAGES as paragraphs separated by
** a blank line. A line at the top or bottom of a page is a running header
** or footer when, digits aside, it is at the same edge of at least half
** the pages (and two); a line there that is only a page number ("12",
** "Page 3 of 9", "- iv -") goes too. A line ending in a hyphen after a
** letter, followed by one starting with a lower-case letter, is one word
** cut in two. A paragraph ends at a blank line, after a line that ends a
** sentence well short of the page's longest line, and around a heading (a
** short line followed by one starting with a capital). Returns OUT's
** sticky code. */
int pdftext_join(const pdf_page *pages, size_t n, buf *out);

#endif
