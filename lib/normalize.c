/*
** normalize.c: the normalisation stage (see normalize.h). NFC comes from
** utf8proc; the whitespace rules are ours, applied in one pass over code
** points, so the result is a pure function of the input.
*/
#include "normalize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
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
        if (p[i] < 0xCC) continue;   /* ASCII, continuation bytes, leads below U+0300 */
        if (p[i] == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] >= 0x82) continue;
        if (p[i] == 0xE2 && i + 1 < n && p[i + 1] == 0x81 && i + 2 < n && p[i + 2] <= 0xAF) continue;
        return 0;
    }
    return 1;
}

int norm_text(const char *text, size_t n, char **out, size_t *out_len, char **errmsg) {
    *out = NULL;
    *out_len = 0;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m;
    if (surely_nfc(text, n)) {
        if (!(nfc = malloc(n + 1))) return err_set(errmsg, FL_ENOMEM, "normalise: out of memory");
        memcpy(nfc, text, n);
        m = (utf8proc_ssize_t)n;
    } else {
        m = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)n, &nfc,
                         UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (m < 0) return err_set(errmsg, FL_EINVAL, "normalise: %s", utf8proc_errmsg(m));
    }

    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    buf_reserve(&b, (size_t)m);   /* one allocation: the result is never longer */
    size_t newlines = 0;    /* pending line breaks, written before the next word */
    int space = 0;          /* a pending space inside a line */
    for (utf8proc_ssize_t i = 0; i < m;) {
        if (nfc[i] > 0x20 && nfc[i] < 0x7F) {   /* a run of visible ASCII: copy it whole */
            utf8proc_ssize_t j = i + 1;
            while (j < m && nfc[j] > 0x20 && nfc[j] < 0x7F) j++;
            if (b.len > 0 && newlines > 0) buf_append(&b, "\n\n", newlines > 1 ? 2 : 1);
            else if (b.len > 0 && space) buf_putc(&b, ' ');
            newlines = 0;
            space = 0;
            buf_append(&b, nfc + i, (size_t)(j - i));
            i = j;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(nfc + i, m - i, &c);
        if (k <= 0) break;   /* cannot happen: utf8proc_map validated it */
        int cls = classify(c);
        /* A lone CR is a line end (old Mac files); CRLF is one line end. */
        if (c == '\r' && !(i + 1 < m && nfc[i + 1] == '\n')) cls = CP_NEWLINE;
        if (cls == CP_NEWLINE) {
            newlines++;
            space = 0;
        } else if (cls == CP_SPACE) {
            space = 1;
        } else if (cls == CP_KEEP) {
            if (b.len > 0 && newlines > 0) buf_append(&b, "\n\n", newlines > 1 ? 2 : 1);
            else if (b.len > 0 && space) buf_putc(&b, ' ');
            newlines = 0;
            space = 0;
            buf_append(&b, nfc + i, (size_t)k);
        }
        i += k;
    }
    free(nfc);
    if (b.rc != FL_OK) {
        int rc = b.rc;
        buf_release(&b);
        return err_set(errmsg, rc, "normalise: %s", fl_strerror(rc));
    }
    *out = buf_detach(&b, out_len);
    return FL_OK;
}
