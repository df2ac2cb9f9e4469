/*
** patfile.h: reading the rule and vocabulary files of data/patterns/ for
** the annotate stages (dates, relations, claims): reading a file whole and
** walking its lines with comments and blanks skipped. Where the data folder
** is belongs to data.h; what a line means, to each stage.
*/
#ifndef FL_PATFILE_H
#define FL_PATFILE_H

#include <stddef.h>

#include "buf.h"

/* Reads DATADIR/patterns/NAME (DATADIR NULL: data_dir()) whole into OUT,
** which the caller initialised; the caller releases it. */
int pat_read(const char *datadir, const char *name, buf *out, char **errmsg);

/* Walks lines: *P moves past the line returned in LINE/LEN, trimmed of
** surrounding blanks; blank lines and lines starting with '#' are skipped.
** Returns 0 at the end. LINENO (may be NULL) counts physical lines. */
int pat_line(const char **p, const char *end, const char **line, size_t *len,
             int *lineno);

/* Splits off the next field separated by blanks (FS 0) or by the byte FS;
** the field is trimmed. Returns 0 when nothing is left. */
int pat_field(const char **p, const char *end, char fs, const char **f,
              size_t *n);

#endif
