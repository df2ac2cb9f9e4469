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

static void put_string(buf *out, const char *s, size_t n) {
    static const char hex[] = "0123456789ABCDEF";
    buf_putc(out, '"');
    size_t run = 0;   /* bytes from RUN on need no escape */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
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

static void put_integer(buf *out, json_int_t v) {
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

static void put_value(buf *out, const json_t *v, size_t flags, size_t depth) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *item;
        void *at = json_object_iter((json_t *)v);
        buf_putc(out, '{');
        if (!at) {
            buf_putc(out, '}');
            return;
        }
        put_indent(out, flags, depth + 1, 0);
        while (at) {
            key = json_object_iter_key(at);
            item = json_object_iter_value(at);
            put_string(out, key, strlen(key));
            buf_puts(out, flags & JSON_COMPACT ? ":" : ": ");
            put_value(out, item, flags, depth + 1);
            if ((at = json_object_iter_next((json_t *)v, at))) {
                buf_putc(out, ',');
                put_indent(out, flags, depth + 1, 1);
            } else {
                put_indent(out, flags, depth, 0);
            }
        }
        buf_putc(out, '}');
        return;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(v);
        buf_putc(out, '[');
        if (n) put_indent(out, flags, depth + 1, 0);
        for (size_t i = 0; i < n; i++) {
            put_value(out, json_array_get(v, i), flags, depth + 1);
            if (i + 1 < n) buf_putc(out, ',');
            put_indent(out, flags, i + 1 < n ? depth + 1 : depth, i + 1 < n);
        }
        buf_putc(out, ']');
        return;
    }
    case JSON_STRING: put_string(out, json_string_value(v), json_string_length(v)); return;
    case JSON_INTEGER: put_integer(out, json_integer_value(v)); return;
    case JSON_REAL: put_real(out, json_real_value(v)); return;
    case JSON_TRUE: buf_puts(out, "true"); return;
    case JSON_FALSE: buf_puts(out, "false"); return;
    case JSON_NULL: buf_puts(out, "null"); return;
    }
}

int json_text(buf *out, const json_t *v, size_t flags) {
    put_value(out, v, flags, 0);
    return out->rc;
}
