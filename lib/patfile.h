/*
** patfile.h: reading the rule and vocabulary files of data/patterns/ for
** the annotate stages (dates, relations, claims). It owns where the data
** folder is (env FLANK_DATA, else the compile-time FL_DATADIR), reading a
** file whole and walking its lines with comments and blanks skipped. It
** does not own what a line means: each stage parses its own format.
*/
#ifndef FL_PATFILE_H
#define FL_PATFILE_H

#include <stddef.h>

#include "buf.h"

/* The data folder: $FLANK_DATA when set and not empty, else FL_DATADIR. */
const char *pat_datadir(void);

/* Reads DATADIR/patterns/NAME (DATADIR NULL: pat_datadir()) whole into OUT,
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
