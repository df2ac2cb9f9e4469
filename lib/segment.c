/*
** segment.c: the segmentation stage (see segment.h). Paragraphs are the
** blocks between blank lines; sentences end at . ! ? or … followed by a
** space and a word that does not start in lower case, unless the word
** before the period is a listed abbreviation or a lone initial ("J.").
** ICU's breaker gets "Gen." and "the U.S. Army" wrong, hence our own rules.
*/
#include "segment.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "err.h"
#include "patfile.h"
#include "banned.h"

#define MAX_ABBREV 256
#define MAX_STARTERS 64

typedef struct abbrev {
    char text[16];
    size_t len;         /* strlen(text), compared first */
    int final;          /* may also close a sentence */
} abbrev;

static struct {
    abbrev list[MAX_ABBREV];
    size_t n;
    char starters[MAX_STARTERS][16];
    size_t n_starters;
} abbrevs;

/* "!starters" then the words that begin a sentence after a "final"
** abbreviation, separated by blanks. */
static void load_starters(const char *p, const char *end) {
    const char *w;
    size_t k;
    while (pat_field(&p, end, 0, &w, &k))
        if (k < sizeof abbrevs.starters[0] && abbrevs.n_starters < MAX_STARTERS) {
            memcpy(abbrevs.starters[abbrevs.n_starters], w, k);
            abbrevs.starters[abbrevs.n_starters++][k] = '\0';
        }
}

/* patterns/abbreviations.txt: an abbreviation a line, a tab and "final"
** when it may also close a sentence. */
static int load_abbrevs(const char *datadir, char **errmsg) {
    buf text;
    buf_init(&text, BUF_NO_LIMIT);
    int rc = pat_read(datadir, "abbreviations.txt", &text, errmsg);
    const char *p = text.data, *end = text.data + text.len, *line;
    size_t len;
    int lineno = 0;
    while (rc == FL_OK && pat_line(&p, end, &line, &len, &lineno)) {
        const char *q = line, *stop = line + len, *f;
        size_t k;
        pat_field(&q, stop, '\t', &f, &k);
        if (pat_is(f, k, "!starters")) {
            load_starters(q, stop);
            continue;
        }
        if (k == 0 || k >= sizeof abbrevs.list[0].text || abbrevs.n == MAX_ABBREV) {
            rc = err_set(errmsg, FL_EPACK, "abbreviations.txt:%d: bad abbreviation", lineno);
            break;
        }
        abbrev *a = &abbrevs.list[abbrevs.n++];
        memcpy(a->text, f, k);
        a->text[k] = '\0';
        a->len = k;
        a->final = pat_field(&q, stop, '\t', &f, &k) && pat_is(f, k, "final");
    }
    buf_release(&text);
    return rc;
}

static pat_once loader = PAT_ONCE_INIT(load_abbrevs, "abbreviations.txt: cannot load");

static void load_once(void) { pat_once_run(&loader); }

int seg_init(const char *datadir, char **errmsg) { return pat_init(&loader, load_once, datadir, errmsg); }

/* The listed abbreviation spelled by P[0..n), or NULL. */
static const abbrev *find_abbrev(const char *p, size_t n) {
    for (size_t i = 0; i < abbrevs.n; i++)
        if (abbrevs.list[i].len == n && memcmp(abbrevs.list[i].text, p, n) == 0)
            return &abbrevs.list[i];
    return NULL;
}

int seg_is_abbrev(const char *p, size_t n) { return find_abbrev(p, n) != NULL; }

static int is_starter(const char *p, size_t n) {
    for (size_t i = 0; i < abbrevs.n_starters; i++)
        if (strlen(abbrevs.starters[i]) == n && memcmp(abbrevs.starters[i], p, n) == 0) return 1;
    return 0;
}

/* Byte length of a closing quote or bracket at P, 0 if none. */
static size_t closer_len(const char *p, const char *end) {
    if (p >= end) return 0;
    if (*p == ')' || *p == ']' || *p == '"' || *p == '\'') return 1;
    if (end - p >= 3 && (memcmp(p, "\xE2\x80\x9D", 3) == 0 || memcmp(p, "\xE2\x80\x99", 3) == 0))
        return 3;   /* ” ’ */
    if (end - p >= 2 && memcmp(p, "\xC2\xBB", 2) == 0) return 2;   /* » */
    return 0;
}

/* The bytes a sentence terminator starts with: . ! ? and the lead byte of
** an ellipsis, so that split_line skips other bytes with one lookup. */
static const unsigned char term_lead[256] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1,
};

/* Byte length of a sentence terminator at P, 0 if none. */
static size_t terminator_len(const char *p, const char *end) {
    if (*p == '.' || *p == '!' || *p == '?') return 1;
    if (end - p >= 3 && memcmp(p, "\xE2\x80\xA6", 3) == 0) return 3;   /* … */
    return 0;
}

static int starts_lowercase(const char *p, const char *end) {
    utf8proc_int32_t c;
    if (utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &c) <= 0) return 0;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* Does the terminator at T (a period) followed by the word at NEXT close a
** sentence? LINE is where the current line starts. */
static int period_ends_sentence(const char *line, const char *t, const char *next,
                                const char *end) {
    const char *w = t;
    while (w > line && w[-1] != ' ' && w[-1] != '(' && w[-1] != '"') w--;
    size_t wn = (size_t)(t - w) + 1;
    const abbrev *a = find_abbrev(w, wn);
    if (a) {
        if (!a->final) return 0;
        size_t k = 0;
        while (next + k < end && ((next[k] | 0x20) >= 'a' && (next[k] | 0x20) <= 'z')) k++;
        return is_starter(next, k);
    }
    if (wn == 2 && w[0] >= 'A' && w[0] <= 'Z') return 0;   /* an initial: "J. Smith" */
    return 1;
}

static int push(seg_span **v, size_t *n, size_t *cap, size_t s, size_t e, size_t para) {
    if (*n == *cap && array_grow(v, cap, sizeof **v, 32) != FL_OK) return FL_ENOMEM;
    (*v)[(*n)++] = (seg_span){s, e, para};
    return FL_OK;
}

/* Splits one line [ls, le) into sentences. */
static int split_line(const char *text, size_t ls, size_t le, size_t para, seg_result *r,
                      size_t *cap) {
    const char *end = text + le;
    size_t start = ls;
    for (const char *p = text + ls; p < end;) {
        if (!term_lead[(unsigned char)*p]) {
            p++;
            continue;
        }
        size_t tl = terminator_len(p, end);
        if (!tl) {
            p++;
            continue;
        }
        const char *q = p + tl;
        while (q < end && terminator_len(q, end)) q += terminator_len(q, end);
        size_t cl;
        while ((cl = closer_len(q, end)) > 0) q += cl;
        if (q >= end || *q != ' ') {
            p = q > p ? q : p + 1;
            continue;
        }
        const char *next = q + 1;
        int split = next < end && !starts_lowercase(next, end);
        if (split && *p == '.' && q == p + 1)
            split = period_ends_sentence(text + ls, p, next, end);
        if (split) {
            if (push(&r->sents, &r->n_sents, cap, start, (size_t)(q - text), para)) return FL_ENOMEM;
            start = (size_t)(next - text);
        }
        p = q;
    }
    if (start < le && push(&r->sents, &r->n_sents, cap, start, le, para)) return FL_ENOMEM;
    return FL_OK;
}

/* Where the paragraph starting at I ends: the first blank line ("\n\n")
** after it, or N. Line ends are found with memchr, not byte by byte. */
static size_t para_end(const char *text, size_t i, size_t n) {
    for (;;) {
        const char *nl = memchr(text + i, '\n', n - i);
        if (!nl) return n;
        size_t pe = (size_t)(nl - text);
        if (pe + 1 < n && text[pe + 1] == '\n') return pe;
        i = pe + 1;
    }
}

int seg_split(const char *text, size_t n, seg_result *out, char **errmsg) {
    memset(out, 0, sizeof *out);
    int rc = seg_init(NULL, errmsg);
    if (rc != FL_OK) return rc;
    size_t pcap = 0, scap = 0, i = 0;
    while (i < n && rc == FL_OK) {
        size_t pe = para_end(text, i, n);
        if (pe > i) {
            size_t para = out->n_paras;
            rc = push(&out->paras, &out->n_paras, &pcap, i, pe, 0);
            for (size_t ls = i; ls < pe && rc == FL_OK;) {
                const char *nl = memchr(text + ls, '\n', pe - ls);
                size_t le = nl ? (size_t)(nl - text) : pe;
                rc = split_line(text, ls, le, para, out, &scap);
                ls = le + 1;
            }
        }
        i = pe + 2;
    }
    if (rc != FL_OK) {
        seg_release(out);
        return err_set(errmsg, rc, "segment: %s", fl_strerror(rc));
    }
    return FL_OK;
}

void seg_release(seg_result *r) {
    free(r->paras);
    free(r->sents);
    memset(r, 0, sizeof *r);
}
