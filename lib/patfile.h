/*
** patfile.h: reading the rule and vocabulary files of data/patterns/ for
** the annotate stages (dates, relations, claims): reading a file whole and
** walking its lines with comments and blanks skipped. Where the data folder
** is belongs to data.h; what a line means, to each stage.
*/
#ifndef FL_PATFILE_H
#define FL_PATFILE_H

#include <pthread.h>
#include <stddef.h>

#include "buf.h"

/* A stage's pattern files, loaded once per process by whichever thread
** asks first; every later call returns the first outcome. */
typedef struct pat_once {
    pthread_once_t once;
    pthread_mutex_t lock;     /* guards DATADIR handed to LOAD */
    const char *datadir;
    int (*load)(const char *datadir, char **errmsg);
    const char *what;         /* the message when LOAD gave none */
    int rc;
    char *msg;
} pat_once;

#define PAT_ONCE_INIT(load, what) {PTHREAD_ONCE_INIT, PTHREAD_MUTEX_INITIALIZER, NULL, load, what, -1, NULL}

/* pthread_once takes no argument: each stage names a function that calls
** pat_once_run(&its_loader) and passes it to pat_init. */
void pat_once_run(pat_once *o);
int pat_init(pat_once *o, void (*run)(void), const char *datadir, char **errmsg);

/* Reads DATADIR/patterns/NAME (DATADIR NULL: data_dir()) whole into OUT,
** which the caller initialised; the caller releases it. */
int pat_read(const char *datadir, const char *name, buf *out, char **errmsg);

/* Walks lines: *P moves past the line returned in LINE/LEN, trimmed of
** surrounding blanks; blank lines and lines starting with '#' are skipped.
** Returns 0 at the end. LINENO (may be NULL) counts physical lines. */
int pat_line(const char **p, const char *end, const char **line, size_t *len,
             int *lineno);

/* Is the field F[0..N) the keyword KW? */
int pat_is(const char *f, size_t n, const char *kw);

/* Splits off the next field separated by blanks (FS 0) or by the byte FS;
** the field is trimmed. Returns 0 when nothing is left. */
int pat_field(const char **p, const char *end, char fs, const char **f,
              size_t *n);

#endif
