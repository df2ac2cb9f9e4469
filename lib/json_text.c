/*
** json_text.c: JSON text of jansson values (json_text.h), written the way
** jansson's dump.c writes it so that every answer keeps its bytes.
*/
#include "json_text.h"

#include <stdio.h>
#include <string.h>

#include "err.h"
#include "banned.h"

#define INDENT_OF(flags) ((flags) & 0x1F)   /* JSON_INDENT(n) is n in the low five bits */

/* Before an element: a line break and the depth's indent when indenting,
** else a space between elements unless compact (jansson's dump_indent). */
static void put_indent(buf *out, size_t flags, size_t depth, int space) {
    static const char spaces[] = "\n                                                                ";
    size_t n = INDENT_OF(flags) * depth;
    if (INDENT_OF(flags)) {
        buf_append(out, spaces, 1);
        for (; n > sizeof spaces - 2; n -= sizeof spaces - 2) buf_append(out, spaces + 1, sizeof spaces - 2);
        buf_append(out, spaces + 1, n);
    } else if (space && !(flags & JSON_COMPACT)) {
        buf_putc(out, ' ');
    }
}

/* Bytes a JSON string cannot hold as they are: controls, '"' and '\\'. */
static const unsigned char must_escape[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1};

#define ONES8 0x0101010101010101u
#define HIGH8 0x8080808080808080u

/* Does a byte of X need an escape? The zero-byte tests of "Bit Twiddling
** Hacks" (exact as a whole): a byte below 0x20, or equal to '"' or '\\'. */
static int word_must_escape(uint64_t x) {
    uint64_t quote = x ^ (ONES8 * '"'), backslash = x ^ (ONES8 * '\\');
    return (((x - ONES8 * 0x20) & ~x) | ((quote - ONES8) & ~quote) | ((backslash - ONES8) & ~backslash)) & HIGH8
               ? 1 : 0;
}

static void put_string(buf *out, const char *s, size_t n) {
    static const char hex[] = "0123456789ABCDEF";
    buf_putc(out, '"');
    size_t run = 0;   /* bytes from RUN on need no escape */
    for (size_t i = 0; i < n; i++) {
        uint64_t x;
        while (i + 8 <= n && (memcpy(&x, s + i, 8), !word_must_escape(x))) i += 8;   /* most text: 8 at a time */
        if (i == n) break;
        unsigned char c = (unsigned char)s[i];
        if (!must_escape[c]) continue;
        buf_append(out, s + run, i - run);
        run = i + 1;
        const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\f' ? "\\f"
                        : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
        if (esc) {
            buf_puts(out, esc);
        } else {
            char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], '\0'};
            buf_puts(out, u);
        }
    }
    buf_append(out, s + run, n - run);
    buf_putc(out, '"');
}

static void put_integer(buf *out, int64_t v) {
    if (v < 0) {
        buf_putc(out, '-');
        buf_put_size(out, (size_t)0 - (size_t)v);
    } else {
        buf_put_size(out, (size_t)v);
    }
}

/* jansson's jsonp_dtostr: 17 significant digits, a ".0" when the number
** would read back as an integer, no '+' or leading zeros in the exponent. */
static void put_real(buf *out, double v) {
    char s[64];
    int n = snprintf(s, sizeof s - 3, "%.17g", v);
    if (n < 0 || (size_t)n >= sizeof s - 3) return;
    if (!strchr(s, '.') && !strchr(s, 'e')) {
        s[n++] = '.';
        s[n++] = '0';
        s[n] = '\0';
    }
    char *e = strchr(s, 'e');
    if (e) {
        char *digits = e + 1, *from = e + 1;
        if (*from == '+') from++;
        else if (*from == '-') digits++, from++;
        while (*from == '0' && from[1]) from++;
        memmove(digits, from, strlen(from) + 1);
    }
    buf_puts(out, s);
}

/* ---- the writer --------------------------------------------------------- */

#define IN_OBJECT 1    /* jw_open[]: the container is an object */
#define HAS_ITEM 2     /* ... and has an element already */

static int too_deep(json_writer *w) {
    if (w->depth < JW_MAX_DEPTH) return 0;
    if (w->out->rc == FL_OK) w->out->rc = FL_ETOOBIG;
    return 1;
}

/* Before an element of the innermost container: a comma after the first. */
static void separate(json_writer *w) {
    unsigned char *c = &w->open[w->depth - 1];
    if (*c & HAS_ITEM) buf_putc(w->out, ',');
    put_indent(w->out, w->flags, w->depth, *c & HAS_ITEM);
    *c |= HAS_ITEM;
}

/* Before a value: array elements are separated here, members by jw_key. */
static void before_value(json_writer *w) {
    if (w->depth && !(w->open[w->depth - 1] & IN_OBJECT)) separate(w);
}

void jw_init(json_writer *w, buf *out, size_t flags) { *w = (json_writer){.out = out, .flags = flags}; }

static void open_container(json_writer *w, char bracket, unsigned char kind) {
    if (too_deep(w)) return;
    before_value(w);
    buf_putc(w->out, bracket);
    w->open[w->depth++] = kind;
}

void jw_object(json_writer *w) { open_container(w, '{', IN_OBJECT); }
void jw_array(json_writer *w) { open_container(w, '[', 0); }

void jw_end(json_writer *w) {
    if (!w->depth) return;
    unsigned char c = w->open[--w->depth];
    if (c & HAS_ITEM) put_indent(w->out, w->flags, w->depth, 0);
    buf_putc(w->out, c & IN_OBJECT ? '}' : ']');
}

void jw_key(json_writer *w, const char *key, size_t n) {
    if (!w->depth) return;
    separate(w);
    char quick[64];   /* '"key": ' in one append, when the key needs no escape (all of libflank's) */
    size_t k = 0, i = 0;
    while (i < n && !must_escape[(unsigned char)key[i]]) i++;
    if (i < n || n + 4 > sizeof quick) {
        put_string(w->out, key, n);
        buf_puts(w->out, w->flags & JSON_COMPACT ? ":" : ": ");
        return;
    }
    quick[k++] = '"';
    memcpy(quick + k, key, n);
    k += n;
    quick[k++] = '"';
    quick[k++] = ':';
    if (!(w->flags & JSON_COMPACT)) quick[k++] = ' ';
    buf_append(w->out, quick, k);
}

void jw_string(json_writer *w, const char *s, size_t n) {
    before_value(w);
    put_string(w->out, s, n);
}

void jw_int(json_writer *w, int64_t v) {
    before_value(w);
    put_integer(w->out, v);
}

void jw_real(json_writer *w, double v) {
    before_value(w);
    put_real(w->out, v);
}

void jw_literal(json_writer *w, const char *word) {
    before_value(w);
    buf_puts(w->out, word);
}

void jw_value(json_writer *w, const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        jw_object(w);
        for (void *at = json_object_iter((json_t *)v); at; at = json_object_iter_next((json_t *)v, at)) {
            const char *key = json_object_iter_key(at);
            jw_key(w, key, strlen(key));
            jw_value(w, json_object_iter_value(at));
        }
        jw_end(w);
        return;
    }
    case JSON_ARRAY:
        jw_array(w);
        for (size_t i = 0; i < json_array_size(v); i++) jw_value(w, json_array_get(v, i));
        jw_end(w);
        return;
    case JSON_STRING: jw_string(w, json_string_value(v), json_string_length(v)); return;
    case JSON_INTEGER: jw_int(w, json_integer_value(v)); return;
    case JSON_REAL: jw_real(w, json_real_value(v)); return;
    case JSON_TRUE: jw_literal(w, "true"); return;
    case JSON_FALSE: jw_literal(w, "false"); return;
    case JSON_NULL: jw_literal(w, "null"); return;
    }
}

int json_text(buf *out, const json_t *v, size_t flags) {
    json_writer w;
    jw_init(&w, out, flags);
    jw_value(&w, v);
    return out->rc;
}
