/*
** read.c: the read stage (see read.h). It owns bytes until they are valid
** UTF-8: files, stdin, gzip, binary sniffing, charsets. It does not look at
** what the text says; that starts in extract.c.
*/
#include "read.h"

#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <stdint.h>
#include <zlib.h>

#include "err.h"
#include "banned.h"

/* ---- reading and gunzipping ------------------------------------------- */

static int read_stream(FILE *f, const char *path, size_t max, buf *out,
                       char **errmsg) {
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf_append(out, chunk, got) != FL_OK) break;
    }
    if (out->rc == FL_ETOOBIG)
        return err_set(errmsg, FL_ETOOBIG, "%s: over the %zu MB limit (see --max-size)",
                       path, max >> 20);
    if (out->rc != FL_OK) return err_set(errmsg, out->rc, "%s: %s", path, fl_strerror(out->rc));
    if (ferror(f)) return err_set(errmsg, FL_EIO, "%s: %s", path, strerror(errno));
    return FL_OK;
}

static int is_gzip(const char *p, size_t n) {
    return n >= 2 && (unsigned char)p[0] == 0x1f && (unsigned char)p[1] == 0x8b;
}

/* Inflates a gzip member (or several, as gzip -c a b > c makes) into OUT. */
static int gunzip(const char *path, const char *src, size_t n, size_t max,
                  buf *out, char **errmsg) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK) return err_set(errmsg, FL_ENOMEM, "%s: zlib", path);
    z.next_in = (unsigned char *)(uintptr_t)src;
    z.avail_in = (uInt)n;
    char chunk[65536];
    int zrc = Z_OK, rc = FL_OK;
    while (rc == FL_OK) {
        z.next_out = (unsigned char *)chunk;
        z.avail_out = sizeof chunk;
        zrc = inflate(&z, Z_NO_FLUSH);
        if (zrc != Z_OK && zrc != Z_STREAM_END) break;
        rc = buf_append(out, chunk, sizeof chunk - z.avail_out);
        if (zrc == Z_STREAM_END) {
            if (z.avail_in == 0) break;
            inflateReset(&z);
        }
    }
    inflateEnd(&z);
    if (rc == FL_ETOOBIG)
        return err_set(errmsg, rc, "%s: over the %zu MB limit once uncompressed", path, max >> 20);
    if (rc != FL_OK) return err_set(errmsg, rc, "%s: %s", path, fl_strerror(rc));
    if (zrc != Z_STREAM_END)
        return err_set(errmsg, FL_EINVAL, "%s: broken gzip data (%s)", path,
                       z.msg ? z.msg : "truncated");
    return FL_OK;
}

int read_source(const char *path, size_t max, buf *out, char **errmsg) {
    buf raw;
    buf_init(&raw, max);
    int rc;
    if (strcmp(path, "-") == 0) {
        rc = read_stream(stdin, "stdin", max, &raw, errmsg);
    } else {
        struct stat st;
        if (stat(path, &st) != 0)
            return err_set(errmsg, FL_EIO, "%s: %s", path, strerror(errno));
        if (S_ISDIR(st.st_mode)) return err_set(errmsg, FL_EINVAL, "%s: is a folder", path);
        if ((size_t)st.st_size > max)
            return err_set(errmsg, FL_ETOOBIG, "%s: %lld MB, over the %zu MB limit (see --max-size)",
                           path, (long long)(st.st_size >> 20), max >> 20);
        FILE *f = fopen(path, "rb");
        if (!f) return err_set(errmsg, FL_EIO, "%s: %s", path, strerror(errno));
        buf_reserve(&raw, (size_t)st.st_size);   /* one allocation for the whole file */
        rc = read_stream(f, path, max, &raw, errmsg);
        fclose(f);
    }
    if (rc == FL_OK && is_gzip(raw.data, raw.len)) {
        buf_init(out, max);
        /* gzip's last 4 bytes: the size mod 2^32, a hint for one allocation */
        const unsigned char *t = (const unsigned char *)raw.data + raw.len - 4;
        size_t hint = raw.len >= 18 ? (size_t)t[0] | (size_t)t[1] << 8 | (size_t)t[2] << 16 | (size_t)t[3] << 24 : 0;
        if (hint < max) buf_reserve(out, hint + 1);
        rc = gunzip(path, raw.data, raw.len, max, out, errmsg);
        buf_release(&raw);
        if (rc != FL_OK) buf_release(out);
        return rc;
    }
    if (rc != FL_OK) {
        buf_release(&raw);
        return rc;
    }
    *out = raw;
    return FL_OK;
}

/* ---- format ------------------------------------------------------------ */

static int has_suffix(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

int read_detect_format(const char *path, const char *data, size_t n) {
    static const char *const html_suffix[] = {".html", ".htm", ".xhtml", ".html.gz", ".htm.gz"};
    for (size_t i = 0; path && i < sizeof html_suffix / sizeof *html_suffix; i++)
        if (has_suffix(path, html_suffix[i])) return READ_HTML;
    static const char *const md_suffix[] = {".md", ".markdown", ".md.gz", ".markdown.gz"};
    for (size_t i = 0; path && i < sizeof md_suffix / sizeof *md_suffix; i++)
        if (has_suffix(path, md_suffix[i])) return READ_MARKDOWN;
    /* Sniff the first non-blank bytes, as browsers do for untyped files. */
    size_t i = 0;
    if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) i++;
    static const char *const html_start[] = {"<!doctype html", "<html", "<head", "<body", "<!--"};
    for (size_t k = 0; k < sizeof html_start / sizeof *html_start; k++) {
        size_t m = strlen(html_start[k]);
        if (n - i >= m && strncasecmp(data + i, html_start[k], m) == 0) return READ_HTML;
    }
    return READ_TEXT;
}

/* ---- decoding ---------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at P (1..4), or 0 if invalid.
** Rejects overlongs, surrogates and code points above U+10FFFF. */
static size_t utf8_seq(const unsigned char *p, size_t n) {
    unsigned c = p[0];
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;
    if (c < 0xE0) return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && p[1] < 0xA0) return 0;
        if (c == 0xED && p[1] >= 0xA0) return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && p[1] < 0x90) return 0;
        if (c == 0xF4 && p[1] >= 0x90) return 0;
        return 4;
    }
    return 0;
}

/* Eight bytes of P as one word, for the scans below that pass runs of
** plain bytes eight at a time. */
static uint64_t word8(const unsigned char *p) {
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return w;
}

#define ONES8 0x0101010101010101u
#define HIGH8 0x8080808080808080u

size_t utf8_check(const char *data, size_t n) {
    const unsigned char *p = (const unsigned char *)data;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            while (i + 8 <= n && !(word8(p + i) & HIGH8)) i += 8;   /* ASCII runs */
            while (i < n && p[i] < 0x80) i++;
            continue;
        }
        size_t k = utf8_seq(p + i, n - i);
        if (!k) return i;
        i += k;
    }
    return n;
}

char *read_utf8_name(const char *name) {
    size_t n = strlen(name), at = 0, ok;
    buf out;
    buf_init(&out, BUF_NO_LIMIT);
    while ((ok = utf8_check(name + at, n - at)) < n - at) {
        buf_append(&out, name + at, ok);
        buf_printf(&out, "\\x%02x", (unsigned char)name[at + ok]);
        at += ok + 1;
    }
    buf_append(&out, name + at, n - at);
    char *s = out.rc == FL_OK ? strdup(buf_cstr(&out)) : NULL;
    buf_release(&out);
    return s;
}

/* Converts with iconv(3) from CHARSET into OUT; FL_EENCODING on bad bytes. */
static int transcode(const char *charset, const char *data, size_t n, buf *out) {
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1) return FL_EENCODING;
    char *in = (char *)(uintptr_t)data;
    size_t in_left = n;
    char chunk[16384];
    int rc = FL_OK;
    while (in_left > 0 && rc == FL_OK) {
        char *o = chunk;
        size_t o_left = sizeof chunk;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        rc = buf_append(out, chunk, sizeof chunk - o_left);
        if (r == (size_t)-1 && errno != E2BIG) rc = FL_EENCODING;
    }
    iconv_close(cd);
    return rc;
}

/* A charset declared in the first bytes of an HTML page: <meta charset=X>
** or <meta http-equiv=Content-Type content="...; charset=X">. */
static int html_declared_charset(const char *data, size_t n, char *out, size_t cap) {
    size_t lim = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 8 < lim; i++) {
        if (strncasecmp(data + i, "charset", 7) != 0) continue;
        size_t j = i + 7;
        while (j < lim && (data[j] == ' ' || data[j] == '=')) j++;
        while (j < lim && (data[j] == '"' || data[j] == '\'')) j++;
        size_t k = 0;
        while (j < lim && k + 1 < cap &&
               (data[j] == '-' || data[j] == '_' || data[j] == ':' ||
                (data[j] >= '0' && data[j] <= '9') || ((data[j] | 0x20) >= 'a' && (data[j] | 0x20) <= 'z')))
            out[k++] = data[j++];
        out[k] = '\0';
        if (k > 0) return 1;
    }
    return 0;
}

/* Does DATA read as Windows-1252 text? Its five unassigned bytes say no,
** and so do long runs of non-ASCII bytes or a high share of them (text in
** another script or encoding, or random bytes): Latin-script prose is
** mostly ASCII with an accented letter or a curly quote here and there. */
static int looks_like_cp1252(const char *data, size_t n) {
    size_t high = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) return 0;
        run = c >= 0x80 ? run + 1 : 0;
        if (run > 3) return 0;
        high += c >= 0x80;
    }
    return high * 5 <= n * 2;
}

/* Does DATA hold a byte of 0x80 or more (text beyond ASCII)? */
static int has_high_byte(const char *data, size_t n) {
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)data[i] >= 0x80) return 1;
    return 0;
}

/* UTF-16 without a byte-order mark: in its first bytes (an even number),
** every other byte is NUL (the high bytes of Latin-script text) and the
** others are not. Returns the charset or NULL. */
static const char *utf16_without_bom(const char *data, size_t n) {
    size_t lim = (n < 4096 ? n : 4096) & ~(size_t)1, zero[2] = {0, 0};
    if (lim < 8) return NULL;
    for (size_t i = 0; i < lim; i++) zero[i & 1] += data[i] == '\0';
    size_t half = lim / 2;
    if (zero[1] * 10 >= half * 9 && zero[0] == 0) return "UTF-16LE";
    if (zero[0] * 10 >= half * 9 && zero[1] == 0) return "UTF-16BE";
    return NULL;
}

/* The first bytes binary_kind looks at; past them only a NUL is sought. */
#define BINARY_SNIFF 65536

/* NUL bytes or many control characters mean binary; a few known magic
** numbers get named so the message can say what the file is. */
static const char *binary_kind(const char *data, size_t n) {
    static const struct { const char *magic; size_t len; const char *kind; } magic[] = {
        {"%PDF-", 5, "a PDF document"}, {"\x89PNG", 4, "a PNG image"},
        {"\xFF\xD8\xFF", 3, "a JPEG image"}, {"PK\x03\x04", 4, "a zip archive"},
        {"\x7F" "ELF", 4, "an executable"}, {"GIF8", 4, "a GIF image"},
    };
    for (size_t i = 0; i < sizeof magic / sizeof *magic; i++)
        if (n >= magic[i].len && memcmp(data, magic[i].magic, magic[i].len) == 0)
            return magic[i].kind;
    size_t lim = n < BINARY_SNIFF ? n : BINARY_SNIFF, ctl = 0;
    const unsigned char *p = (const unsigned char *)data;
    for (size_t i = 0; i < lim; i++) {
        /* eight bytes none of which is below 0x20 (SWAR "has less than")
        ** hold no NUL and no control character */
        while (i + 8 <= lim && !((word8(p + i) - 0x20 * ONES8) & ~word8(p + i) & HIGH8)) i += 8;
        if (i >= lim) break;
        unsigned char c = p[i];
        if (c == 0) return "binary data";
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ctl++;
    }
    return ctl * 100 > lim ? "binary data" : NULL;
}

static int note_set(char **note, const char *fmt, const char *arg) {
    if (!note) return FL_OK;
    return err_set(note, FL_OK, fmt, arg);
}

int read_decode_declared(const char *declared, const char *data, size_t n, buf *out, char **note) {
    if (strcasecmp(declared, "utf-8") == 0 || strcasecmp(declared, "utf8") == 0) return 0;
    /* Browsers read "iso-8859-1" and "us-ascii" as Windows-1252. */
    const char *cs = declared;
    if (strcasecmp(cs, "iso-8859-1") == 0 || strcasecmp(cs, "latin1") == 0 ||
        strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0)
        cs = "WINDOWS-1252";
    /* Bytes that are valid UTF-8 are read as UTF-8 whatever the page
    ** declares (as browsers do for a UTF-16 declaration on bytes): a
    ** declaration copied from a template is wrong far more often than
    ** other text happens to be valid UTF-8. */
    size_t valid = utf8_check(data, n);
    if (valid == n && has_high_byte(data, n) && strcasecmp(cs, "WINDOWS-1252") != 0)
        note_set(note, "declared as %s but the bytes are UTF-8: read as UTF-8", declared);
    if (valid < n) {
        if (transcode(cs, data, n, out) == FL_OK) {
            note_set(note, "transcoded from the declared charset %s", declared);
            return 1;
        }
        buf_reset(out);
        out->rc = FL_OK;
    }
    return 0;
}

int read_decode(const char *data, size_t n, int format, buf *out, char **note,
                char **errmsg) {
    if (note) *note = NULL;
    buf_init(out, BUF_NO_LIMIT);
    size_t i = 0;
    while (i < n && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) i++;
    if (i == n) return err_set(errmsg, FL_EEMPTY, "empty, nothing to read");

    /* Byte-order marks settle the question before any guessing. */
    if (n >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF'))) {
        const char *cs = data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
        if (transcode(cs, data + 2, n - 2, out) != FL_OK) {
            buf_release(out);
            return err_set(errmsg, FL_EENCODING, "invalid %s text", cs);
        }
        note_set(note, "transcoded from %s", cs);
        return FL_OK;
    }
    if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        n -= 3;
    }
    const char *utf16 = utf16_without_bom(data, n);
    if (utf16) {
        if (transcode(utf16, data, n, out) != FL_OK) {
            buf_release(out);
            return err_set(errmsg, FL_EENCODING, "invalid %s text", utf16);
        }
        note_set(note, "no byte-order mark, read as %s", utf16);
        return FL_OK;
    }
    const char *kind = binary_kind(data, n);
    if (kind) return err_set(errmsg, FL_EBINARY, "%s, not text", kind);
    const char *nul = n > BINARY_SNIFF ? memchr(data + BINARY_SNIFF, '\0', n - BINARY_SNIFF) : NULL;
    if (nul)
        return err_set(errmsg, FL_EBINARY, "binary data (a NUL byte at byte %zu), not text", (size_t)(nul - data) + 1);

    char declared[40];
    if (format == READ_HTML && html_declared_charset(data, n, declared, sizeof declared) &&
        read_decode_declared(declared, data, n, out, note))
        return FL_OK;
    size_t bad = utf8_check(data, n);
    if (bad == n) {
        int rc = buf_append(out, data, n);
        if (rc != FL_OK) buf_release(out);
        return rc == FL_OK ? FL_OK : err_set(errmsg, rc, "%s", fl_strerror(rc));
    }
    if (looks_like_cp1252(data, n) && transcode("WINDOWS-1252", data, n, out) == FL_OK) {
        note_set(note, "%s", "not UTF-8; read as Windows-1252");
        return FL_OK;
    }
    buf_release(out);
    return err_set(errmsg, FL_EENCODING,
                   "invalid UTF-8 at byte %zu and no recognisable legacy charset; "
                   "convert it to UTF-8 (e.g. with iconv) and try again", bad);
}

/* ---- walking folders --------------------------------------------------- */

static int name_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A walk over folders: each folder is entered once (by device and inode),
** so links back to a folder already walked (`ln -s . x`) cannot multiply
** the paths; a link to a folder is followed only when it leads out of the
** tree and FOLLOW_LINKS says so (a link inside the tree leads to a folder
** the walk reaches anyway). */
typedef struct walker {
    fl_walk_fn fn;
    void *ctx;
    int follow_links;
    char *root;   /* the real path of the folder walked, or NULL */
    struct folder_id {
        dev_t dev;
        ino_t ino;
    } *seen;      /* folders entered; a linear search, as a tree holds far
                  ** fewer folders than files */
    size_t n_seen, cap_seen;
} walker;

/* 1 when ST's folder was entered before; else remembers it and returns 0
** (-1 when out of memory). */
static int seen_before(walker *w, const struct stat *st) {
    for (size_t i = 0; i < w->n_seen; i++)
        if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino) return 1;
    if (w->n_seen == w->cap_seen && array_grow(&w->seen, &w->cap_seen, sizeof *w->seen, 64) != FL_OK) return -1;
    w->seen[w->n_seen].dev = st->st_dev;
    w->seen[w->n_seen++].ino = st->st_ino;
    return 0;
}

/* Is PATH (a link to a folder) inside the tree walked? */
static int inside_tree(const walker *w, const char *path) {
    char *real = realpath(path, NULL);
    size_t n = w->root ? strlen(w->root) : 0;
    int in = real && w->root && strncmp(real, w->root, n) == 0 &&
             (real[n] == '\0' || real[n] == '/' || (n > 0 && w->root[n - 1] == '/'));
    free(real);
    return in;
}

static int walk(walker *w, const char *path, int depth);

/* Walks the entries of the folder PATH, in name order. */
static int walk_folder(walker *w, const char *path, int depth) {
    DIR *d = opendir(path);
    if (!d) return w->fn(w->ctx, path, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (n == cap && array_grow(&names, &cap, sizeof *names, 64) != FL_OK) {
            rc = w->fn(w->ctx, path, "out of memory");
            break;
        }
        if (!(names[n] = strdup(e->d_name))) { rc = w->fn(w->ctx, path, "out of memory"); break; }
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, name_cmp);
    buf child;
    buf_init(&child, 4096);
    for (size_t i = 0; i < n && rc == 0; i++) {
        buf_reset(&child);
        buf_printf(&child, "%s%s%s", path, has_suffix(path, "/") ? "" : "/", names[i]);
        rc = child.rc == FL_OK ? walk(w, child.data, depth + 1) : w->fn(w->ctx, names[i], "path too long");
        child.rc = FL_OK;
    }
    buf_release(&child);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return rc;
}

static int walk(walker *w, const char *path, int depth) {
    struct stat st, lst;
    if (strcmp(path, "-") == 0) return w->fn(w->ctx, path, NULL);
    if (stat(path, &st) != 0) return w->fn(w->ctx, path, strerror(errno));
    if (!S_ISDIR(st.st_mode)) {
        if (!S_ISREG(st.st_mode)) return w->fn(w->ctx, path, "not a regular file");
        return w->fn(w->ctx, path, NULL);
    }
    if (depth > 0 && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) && !w->follow_links) {
        if (inside_tree(w, path)) return 0;   /* its folder is walked by its own name */
        return w->fn(w->ctx, path, "a link to a folder outside the tree, not followed (--follow-links follows it)");
    }
    if (depth > 64) return w->fn(w->ctx, path, "folders nested too deep");
    int seen = seen_before(w, &st);
    if (seen < 0) return w->fn(w->ctx, path, "out of memory");
    return seen ? 0 : walk_folder(w, path, depth);
}

int fl_walk_links(const char *path, int follow_links, fl_walk_fn fn, void *ctx) {
    walker w = {fn, ctx, follow_links, NULL, NULL, 0, 0};
    if (strcmp(path, "-") != 0) w.root = realpath(path, NULL);
    int rc = walk(&w, path, 0);
    free(w.root);
    free(w.seen);
    return rc;
}

int fl_walk(const char *path, fl_walk_fn fn, void *ctx) { return fl_walk_links(path, 0, fn, ctx); }
