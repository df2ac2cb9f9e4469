/*
** pdf_dl.h: poppler-glib (and the glib calls it needs), opened on first
** use (dl.h): poppler brings glib, cairo, freetype, fontconfig, NSS and a
** dozen more. Include this instead of <poppler.h>; call pdf_dl_open()
** before any poppler_* or g_* function.
*/
#ifndef FL_PDF_DL_H
#define FL_PDF_DL_H

#include <poppler.h>

#include "err.h"

/* Loads the library once. FL_OK, or FL_EIO with *errmsg saying what to
** install. */
int pdf_dl_open(char **errmsg);

#endif
