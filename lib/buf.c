/*
** buf.c: the capped growable buffer (see buf.h). It owns growth, the cap
** and the sticky error; it knows nothing of what the bytes mean.
*/
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flank/flank.h"
#include "banned.h"

void buf_init(buf *b, size_t max) {
    b->data = NULL;
    b->len = b->cap = 0;
    b->max = max;
    b->rc = FL_OK;
}

/* Grows the storage to hold NEED bytes plus a terminating NUL. */
static int buf_grow(buf *b, size_t need) {
    if (b->rc != FL_OK) return b->rc;
    if (need > b->max) return b->rc = FL_ETOOBIG;
    if (need + 1 <= b->cap) return FL_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need + 1) {
        if (cap > ((size_t)-1) / 2) return b->rc = FL_ENOMEM;
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) return b->rc = FL_ENOMEM;
    b->data = p;
    b->cap = cap;
    return FL_OK;
}

int buf_append(buf *b, const void *p, size_t n) {
    if (n < b->cap - b->len && n <= b->max - b->len && b->rc == FL_OK) {   /* room already: most appends */
        memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
        return FL_OK;
    }
    if (b->rc != FL_OK) return b->rc;
    if (n > ((size_t)-1) - b->len - 1) return b->rc = FL_ETOOBIG;
    if (buf_grow(b, b->len + n) != FL_OK) return b->rc;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return FL_OK;
}

int buf_reserve(buf *b, size_t n) {
    if (b->rc != FL_OK) return b->rc;
    if (n > ((size_t)-1) - b->len - 1) return b->rc = FL_ETOOBIG;
    return buf_grow(b, b->len + n);
}

int buf_putc(buf *b, char c) { return buf_append(b, &c, 1); }

int buf_puts(buf *b, const char *s) { return buf_append(b, s, strlen(s)); }

int buf_put_size(buf *b, size_t n) {
    char digits[24], *p = digits + sizeof digits;
    do *--p = (char)('0' + n % 10);
    while ((n /= 10) != 0);
    return buf_append(b, p, (size_t)(digits + sizeof digits - p));
}

int buf_printf(buf *b, const char *fmt, ...) {
    if (b->rc != FL_OK) return b->rc;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return b->rc = FL_EINVAL;
    if (buf_grow(b, b->len + (size_t)n) != FL_OK) return b->rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return FL_OK;
}

const char *buf_cstr(buf *b) {
    if (!b->data && buf_grow(b, 0) != FL_OK) return "";
    if (!b->data) return "";
    b->data[b->len] = '\0';
    return b->data;
}

char *buf_detach(buf *b, size_t *len) {
    buf_cstr(b);
    char *p = b->data;
    if (len) *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

int array_grow(void *array, size_t *cap, size_t size, size_t first) {
    void *old, *grown;
    memcpy(&old, array, sizeof old);   /* any object pointer, read as void * */
    size_t more = *cap ? 2 * *cap : first;
    if (more > SIZE_MAX / size || !(grown = realloc(old, more * size))) return FL_ENOMEM;
    memcpy(array, &grown, sizeof grown);
    *cap = more;
    return FL_OK;
}

void buf_reset(buf *b) {
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void buf_release(buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->rc = FL_OK;
}
