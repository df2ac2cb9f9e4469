/*
** pdftext.c: a PDF's page texts into paragraphs (see pdftext.h). Each
** page is cut into trimmed lines (spans into the page's text); the edge
** lines that repeat across pages are found by a key (lower case, digits
** as '#', spaces collapsed) counted once per page; then the kept lines
** are joined.
*/
#include "pdftext.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"
#include "banned.h"

#define EDGE 2          /* lines at the top and at the bottom looked at */
#define KEY_MAX 160     /* a longer line is no running header */

typedef struct line {
    const char *p;
    size_t n;
    int drop;
} line;

typedef struct page_lines {
    line *l;
    size_t n, cap;
    size_t longest;
} page_lines;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* PAGE's lines, trimmed, blank ones kept (as n 0): a blank line ends a
** paragraph. */
static int split_lines(const pdf_page *page, page_lines *pl) {
    const char *t = page->text, *end = t + page->len;
    while (t < end) {
        const char *nl = memchr(t, '\n', (size_t)(end - t));
        const char *e = nl ? nl : end, *s = t;
        while (s < e && is_space(*s)) s++;
        while (e > s && is_space(e[-1])) e--;
        if (pl->n == pl->cap && array_grow(&pl->l, &pl->cap, sizeof *pl->l, 64) != FL_OK) return FL_ENOMEM;
        pl->l[pl->n++] = (line){s, (size_t)(e - s), 0};
        if ((size_t)(e - s) > pl->longest) pl->longest = (size_t)(e - s);
        t = nl ? nl + 1 : end;
    }
    return FL_OK;
}

/* The key of a line for comparing running headers across pages; 0 when
** it is too long or empty to be one. */
static size_t edge_key(const line *l, char *key) {
    size_t k = 0;
    if (l->n == 0 || l->n > KEY_MAX) return 0;
    for (size_t i = 0; i < l->n; i++) {
        unsigned char c = (unsigned char)l->p[i];
        char o = isdigit(c) ? '#' : is_space((char)c) ? ' ' : (char)tolower(c);
        if (o == ' ' && (k == 0 || key[k - 1] == ' ')) continue;
        if (o == '#' && k && key[k - 1] == '#') continue;   /* "9" and "10" alike */
        key[k++] = o;
    }
    return k;
}

static int all_of(const char *p, size_t n, const char *set) {
    for (size_t i = 0; i < n; i++)
        if (!strchr(set, tolower((unsigned char)p[i]))) return 0;
    return n > 0;
}

/* Is the line only a page number: "12", "- 12 -", "Page 3", "3 of 9",
** "3/9", "iv"? */
static int is_page_number(const line *l) {
    const char *p = l->p;
    size_t n = l->n;
    while (n && (*p == '-' || *p == ' ' || *p == '[' || *p == '(')) p++, n--;
    while (n && (p[n - 1] == '-' || p[n - 1] == ' ' || p[n - 1] == ']' || p[n - 1] == ')')) n--;
    if (n >= 5 && strncmp(p, "Page ", 5) == 0) p += 5, n -= 5;
    else if (n >= 5 && strncmp(p, "page ", 5) == 0) p += 5, n -= 5;
    size_t k = 0;
    while (k < n && isdigit((unsigned char)p[k])) k++;
    if (k == 0) return n <= 8 && all_of(p, n, "ivxlc");
    if (k == n) return k <= 5;
    const char *rest = p + k;
    size_t r = n - k;
    if (r > 4 && strncmp(rest, " of ", 4) == 0) rest += 4, r -= 4;
    else if (r > 1 && rest[0] == '/') rest++, r--;
    else return 0;
    return r <= 5 && all_of(rest, r, "0123456789");
}

/* The indexes of the first and last EDGE non-blank lines of PL, into AT
** (up to 2 * EDGE, no index twice); their number. */
static size_t edge_lines(const page_lines *pl, size_t *at) {
    size_t k = 0;
    for (size_t i = 0, seen = 0; i < pl->n && seen < EDGE; i++)
        if (pl->l[i].n) at[k++] = i, seen++;
    size_t top = k;
    for (size_t i = pl->n, seen = 0; i-- > 0 && seen < EDGE;) {
        if (!pl->l[i].n) continue;
        int dup = 0;
        for (size_t j = 0; j < top; j++) dup |= at[j] == i;
        if (!dup) at[k++] = i;
        seen++;
    }
    return k;
}

/* A key counted over pages: open addressing on its hash. */
typedef struct key_count {
    uint64_t hash;
    size_t pages, last_page;
} key_count;

static key_count *count_slot(key_count *t, size_t cap, uint64_t h) {
    size_t i = (size_t)h & (cap - 1);
    while (t[i].hash && t[i].hash != h) i = (i + 1) & (cap - 1);
    return &t[i];
}

static uint64_t key_hash(const char *k, size_t n) {
    uint64_t h = fnv1a(k, n);
    return h ? h : 1;
}

/* Marks the running headers, footers and page numbers of the pages. */
static int mark_edges(page_lines *pls, size_t n) {
    size_t cap = 16;
    while (cap < n * 4 * EDGE) cap <<= 1;
    key_count *t = calloc(cap, sizeof *t);
    if (!t) return FL_ENOMEM;
    char key[KEY_MAX + 1];
    size_t at[2 * EDGE];
    for (size_t pg = 0; pg < n; pg++) {
        size_t k = edge_lines(&pls[pg], at);
        for (size_t j = 0; j < k; j++) {
            size_t len = edge_key(&pls[pg].l[at[j]], key);
            if (!len) continue;
            key_count *c = count_slot(t, cap, key_hash(key, len));
            c->hash = key_hash(key, len);
            if (c->pages == 0 || c->last_page != pg) c->pages++, c->last_page = pg;
        }
    }
    for (size_t pg = 0; pg < n; pg++) {
        size_t k = edge_lines(&pls[pg], at);
        for (size_t j = 0; j < k; j++) {
            line *l = &pls[pg].l[at[j]];
            size_t len = edge_key(l, key);
            size_t pages = len ? count_slot(t, cap, key_hash(key, len))->pages : 0;
            if (is_page_number(l) || (n >= 2 && pages >= 2 && pages * 2 >= n)) l->drop = 1;
        }
    }
    free(t);
    return FL_OK;
}

/* Does L end a sentence (., ?, ! or :, maybe before a quote or bracket)? */
static int ends_sentence(const line *l) {
    size_t n = l->n;
    while (n && strchr("\"')]", l->p[n - 1])) n--;
    if (n >= 3 && (unsigned char)l->p[n - 3] == 0xe2 && (unsigned char)l->p[n - 2] == 0x80) n -= 3;   /* ” ’ */
    return n && strchr(".?!:", l->p[n - 1]);
}

/* Is the word cut at the end of PREV continued at the start of L? */
static int hyphen_join(const line *prev, const line *l) {
    return prev->n >= 2 && prev->p[prev->n - 1] == '-' && isalpha((unsigned char)prev->p[prev->n - 2]) &&
           l->n && islower((unsigned char)l->p[0]);
}

int pdftext_join(const pdf_page *pages, size_t n, buf *out) {
    page_lines *pls = calloc(n ? n : 1, sizeof *pls);
    int rc = pls ? FL_OK : FL_ENOMEM;
    for (size_t i = 0; rc == FL_OK && i < n; i++) rc = split_lines(&pages[i], &pls[i]);
    if (rc == FL_OK) rc = mark_edges(pls, n);
    const line *prev = NULL;   /* the last line of the open paragraph */
    for (size_t pg = 0; rc == FL_OK && pg < n; pg++) {
        for (size_t i = 0; i < pls[pg].n; i++) {
            const line *l = &pls[pg].l[i];
            if (l->drop) continue;
            if (!l->n) {
                prev = NULL;
                continue;
            }
            /* a short line before a capital is a heading: a paragraph of its own */
            if (prev && prev->n * 5 < pls[pg].longest * 3 && isupper((unsigned char)l->p[0]) &&
                !strchr(",;-", prev->p[prev->n - 1]))
                prev = NULL;
            if (prev && hyphen_join(prev, l)) out->len--;   /* drop the hyphen */
            else if (prev) buf_putc(out, ' ');
            else if (out->len) buf_puts(out, "\n\n");
            buf_append(out, l->p, l->n);
            prev = l;
            if (ends_sentence(l) && l->n * 5 < pls[pg].longest * 4) prev = NULL;
        }
    }
    for (size_t i = 0; pls && i < n; i++) free(pls[i].l);
    free(pls);
    if (rc != FL_OK && out->rc == FL_OK) out->rc = rc;
    return out->rc;
}
