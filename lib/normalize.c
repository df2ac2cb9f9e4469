/*
** normalize.c: the normalisation stage (see normalize.h). NFC comes from
** utf8proc; the whitespace rules are ours, applied in one pass over code
** points, so the result is a pure function of the input.
*/
#include "normalize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"
#include "banned.h"

enum { CP_KEEP, CP_SPACE, CP_DROP, CP_NEWLINE };

static int classify(utf8proc_int32_t c) {
    if (c == '\n') return CP_NEWLINE;
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v') return CP_SPACE;
    if (c == '\r') return CP_DROP;   /* CRLF and lone CR: see norm_text */
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) return CP_DROP;
    switch (c) {
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
        return CP_SPACE;
    case 0x2028: case 0x2029:
        return CP_NEWLINE;
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return CP_DROP;   /* soft hyphen and zero-width characters */
    default:
        break;
    }
    if (c >= 0x2000 && c <= 0x200A) return CP_SPACE;
    return CP_KEEP;
}

/* Is TEXT already in NFC for sure? Code points below U+0300 (Latin and
** its supplements, precomposed) and General Punctuation from U+2002 never
** change under NFC; only text with others needs utf8proc's full pass. */
static int surely_nfc(const char *text, size_t n) {
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < n; i++) {
        uint64_t w;
        while (i + 8 <= n && (memcpy(&w, p + i, 8), !(w & 0x8080808080808080u))) i += 8;   /* ASCII */
        if (i >= n) break;
        if (p[i] < 0xCC) continue;   /* ASCII, continuation bytes, leads below U+0300 */
        if (p[i] == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] >= 0x82) continue;
        if (p[i] == 0xE2 && i + 1 < n && p[i + 1] == 0x81 && i + 2 < n && p[i + 2] <= 0xAF) continue;
        return 0;
    }
    return 1;
}

/* Writes the separators pending before a kept character at O[LEN]: a
** blank line for two or more line ends, else a line end, else a space;
** none at the start. Returns the new length. */
static size_t put_pending(char *o, size_t len, size_t newlines, int space) {
    if (len > 0 && newlines > 0) {
        o[len++] = '\n';
        if (newlines > 1) o[len++] = '\n';
    } else if (len > 0 && space) {
        o[len++] = ' ';
    }
    return len;
}

/* The output being written: its pending separators carry over from one
** piece of the input to the next. */
typedef struct norm_out {
    char *o;
    size_t len, cap;
    size_t newlines;    /* pending line breaks, written before the next word */
    int space;          /* a pending space inside a line */
} norm_out;

/* Applies the whitespace rules to SRC[0..M) (NFC), appending to W, which
** has room for M + 2 more bytes: what it writes is never longer than what
** it reads, but for the separators pending from before (two at most). */
static void norm_pass(norm_out *w, const utf8proc_uint8_t *src, utf8proc_ssize_t m) {
    for (utf8proc_ssize_t i = 0; i < m;) {
        if (src[i] > 0x20 && src[i] < 0x7F) {
            /* a run of visible ASCII, with the single spaces between its
            ** words (the output has them too): copy it whole */
            utf8proc_ssize_t j = i + 1;
            for (;;) {
                while (j < m && src[j] > 0x20 && src[j] < 0x7F) j++;
                if (j + 1 < m && src[j] == ' ' && src[j + 1] > 0x20 && src[j + 1] < 0x7F) {
                    j += 2;
                    continue;
                }
                break;
            }
            w->len = put_pending(w->o, w->len, w->newlines, w->space);
            w->newlines = 0;
            w->space = 0;
            memcpy(w->o + w->len, src + i, (size_t)(j - i));
            w->len += (size_t)(j - i);
            i = j;
            continue;
        }
        if (src[i] == ' ') {                    /* the common separators first */
            w->space = 1;
            i++;
            continue;
        }
        if (src[i] == '\n') {
            w->newlines++;
            w->space = 0;
            i++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(src + i, m - i, &c);
        if (k <= 0) break;   /* cannot happen: the input is valid UTF-8 */
        int cls = classify(c);
        /* A lone CR is a line end (old Mac files); CRLF is one line end. */
        if (c == '\r' && !(i + 1 < m && src[i + 1] == '\n')) cls = CP_NEWLINE;
        if (cls == CP_NEWLINE) {
            w->newlines++;
            w->space = 0;
        } else if (cls == CP_SPACE) {
            w->space = 1;
        } else if (cls == CP_KEEP) {
            w->len = put_pending(w->o, w->len, w->newlines, w->space);
            w->newlines = 0;
            w->space = 0;
            memcpy(w->o + w->len, src + i, (size_t)k);
            w->len += (size_t)k;
        }
        i += k;
    }
}

/* NFC reads a large text a piece of about NFC_PIECE bytes at a time:
** utf8proc_map takes 4 bytes a code point for its work, 240 MB for a
** 60 MB text, when pieces take 4 MB. A piece ends before an ASCII byte
** (not after a CR, so that CRLF stays whole): an ASCII character composes
** with nothing before it and no mark is reordered across it, so the NFC of
** the pieces, one after another, is the NFC of the whole. */
#define NFC_PIECE (1u << 20)

static size_t piece_end(const char *text, size_t n, size_t a) {
    if (n - a <= NFC_PIECE) return n;
    for (size_t b = a + NFC_PIECE; b < n; b++)
        if ((unsigned char)text[b] < 0x80 && text[b - 1] != '\r') return b;
    return n;
}

static int room(norm_out *w, size_t more) {
    if (w->len + more + 3 <= w->cap) return FL_OK;
    size_t cap = w->cap * 2 > w->len + more + 3 ? w->cap * 2 : w->len + more + 3;
    char *o = realloc(w->o, cap);
    if (!o) return FL_ENOMEM;
    w->o = o;
    w->cap = cap;
    return FL_OK;
}

int norm_text(const char *text, size_t n, char **out, size_t *out_len, char **errmsg) {
    *out = NULL;
    *out_len = 0;
    /* One allocation for most texts, written in place: the result is not
    ** longer than the text unless NFC lengthens it (rare). */
    norm_out w = {malloc(n + 3), 0, n + 3, 0, 0};
    if (!w.o) return err_set(errmsg, FL_ENOMEM, "normalise: %s", fl_strerror(FL_ENOMEM));
    int nfc_all = surely_nfc(text, n);   /* else the text is its own NFC: no copy */
    for (size_t a = 0, b; a < n; a = b) {
        b = nfc_all ? n : piece_end(text, n, a);
        utf8proc_uint8_t *nfc = NULL;
        const utf8proc_uint8_t *src = (const utf8proc_uint8_t *)text + a;
        utf8proc_ssize_t m = (utf8proc_ssize_t)(b - a);
        if (!nfc_all && !surely_nfc(text + a, b - a)) {
            m = utf8proc_map(src, m, &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
            if (m < 0) {
                free(w.o);
                return err_set(errmsg, FL_EINVAL, "normalise: %s", utf8proc_errmsg(m));
            }
            src = nfc;
        }
        if (room(&w, (size_t)m) != FL_OK) {
            free(nfc);
            free(w.o);
            return err_set(errmsg, FL_ENOMEM, "normalise: %s", fl_strerror(FL_ENOMEM));
        }
        norm_pass(&w, src, m);
        free(nfc);
    }
    w.o[w.len] = '\0';
    *out = w.o;
    *out_len = w.len;
    return FL_OK;
}
