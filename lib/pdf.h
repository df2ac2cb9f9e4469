/*
** pdf.h: a PDF's text and metadata (pdf.c), with poppler-glib opened on
** first use: the pages' text in reading order made into paragraphs
** (pdftext.h), the title, author and date of the document information,
** else the title from the first page. A PDF without a text layer (a scan)
** is refused with that reason. The rest of the pipeline reads the text
** as it reads a plain-text file.
*/
#ifndef FL_PDF_H
#define FL_PDF_H

#include <stddef.h>

#include "buf.h"

/* Do the bytes start as a PDF does ("%PDF-")? */
int pdf_is(const char *data, size_t n);

typedef struct pdf_result {
    buf text;                       /* paragraphs separated by a blank line */
    char *title, *author, *published;   /* NULL when unknown; published is YYYY-MM-DD */
    size_t pages;
} pdf_result;

/* Reads the PDF DATA[0..N) into R (release it with pdf_result_release
** either way). FL_EINVAL for a file poppler cannot open (damaged,
** encrypted), FL_EEMPTY for one with no text layer, FL_EIO when poppler
** cannot be loaded; each with *errmsg. */
int pdf_read(const char *data, size_t n, pdf_result *r, char **errmsg);
void pdf_result_release(pdf_result *r);

#endif
