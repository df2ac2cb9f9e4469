/*
** buf.h: the one growable byte buffer of libflank, always with a size cap.
**
** It serves file input, decompression, text building and JSON output. The
** error is sticky (as in FTS5's buffer functions): after the first failure
** every append is a no-op and returns the same code, so a long run of
** appends can be checked once at the end.
*/
#ifndef FL_BUF_H
#define FL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data;     /* NUL-terminated when len > 0 or after buf_cstr() */
    size_t len;
    size_t cap;
    size_t max;     /* appends that would pass this fail with FL_ETOOBIG */
    int rc;         /* FL_OK until the first failure */
} buf;

#define BUF_NO_LIMIT ((size_t)-1)

void buf_init(buf *b, size_t max);
int buf_append(buf *b, const void *p, size_t n);
/* Makes room for N more bytes in one allocation (for a known size). */
int buf_reserve(buf *b, size_t n);
int buf_putc(buf *b, char c);
int buf_puts(buf *b, const char *s);
/* Appends N in decimal: buf_printf's "%zu" without its cost in loops. */
int buf_put_size(buf *b, size_t n);
int buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Makes sure the data is NUL-terminated, even when empty; returns data. */
const char *buf_cstr(buf *b);
/* Hands the storage to the caller (free with free()); B is left empty. */
char *buf_detach(buf *b, size_t *len);
void buf_reset(buf *b);      /* len = 0, keeps storage and cap */

/* Room for one more element in an array of CAP elements of SIZE bytes, all
** used: ARRAY points at the array's pointer, which it doubles (to FIRST
** elements when empty). FL_OK, or FL_ENOMEM with the array as it was. */
int array_grow(void *array, size_t *cap, size_t size, size_t first);
void buf_release(buf *b);    /* frees storage */

#endif
