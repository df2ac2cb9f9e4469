/*
** docmeta.c: a text's front matter, byline and dateline, and the user's
** metadata, merged into a document's metadata (see docmeta.h).
*/
#include "docmeta.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "banned.h"

/* Front matter past these bounds is body text that begins with a rule. */
#define FM_MAX_LINES 60
#define FM_MAX_BYTES 8192
/* Bylines and datelines sit in the first lines, and are short. */
#define TOP_LINES 6
#define LINE_MAX_WORDS 12

typedef struct span {
    const char *p;
    size_t n;
} span;

static span trim(const char *p, size_t n) {
    while (n && isspace((unsigned char)*p)) p++, n--;
    while (n && isspace((unsigned char)p[n - 1])) n--;
    return (span){p, n};
}

/* A value without its YAML quotes. */
static span unquote(span v) {
    if (v.n >= 2 && (v.p[0] == '"' || v.p[0] == '\'') && v.p[v.n - 1] == v.p[0]) return trim(v.p + 1, v.n - 2);
    return v;
}

static char *dup_span(span s) {
    if (!s.n) return NULL;
    char *r = malloc(s.n + 1);
    if (r) {
        memcpy(r, s.p, s.n);
        r[s.n] = '\0';
    }
    return r;
}

/* The line of TEXT[0..n) starting at I: its span, and *next after it. */
static span line_at(const char *text, size_t n, size_t i, size_t *next) {
    const char *nl = memchr(text + i, '\n', n - i);
    size_t j = nl ? (size_t)(nl - text) : n;
    *next = j < n ? j + 1 : n;
    return (span){text + i, j - i};
}

static int is_fence(span l) {
    l = trim(l.p, l.n);
    return l.n == 3 && (memcmp(l.p, "---", 3) == 0 || memcmp(l.p, "...", 3) == 0);
}

/* Words of S, counted up to MAX + 1 (a long line stops early). */
static size_t count_words(span s, size_t max) {
    size_t w = 0;
    for (size_t i = 0; i < s.n && w <= max; i++)
        if (!isspace((unsigned char)s.p[i]) && (i == 0 || isspace((unsigned char)s.p[i - 1]))) w++;
    return w;
}

/* The ISO date S states: "2023-04-26" as written (its date part), else
** the first date of month precision or finer that date.c finds in it. */
static char *date_of(span s) {
    int y, m, d;
    static const char shape[] = "dddd-dd-dd";
    char iso[11];
    for (size_t i = 0; i + 4 <= s.n; i++) {   /* YYYY-MM-DD, YYYY-MM as written; a year alone */
        if (i && isalnum((unsigned char)s.p[i - 1])) continue;
        size_t k = 0;
        while (k < 10 && i + k < s.n && (shape[k] == 'd' ? isdigit((unsigned char)s.p[i + k]) : s.p[i + k] == '-'))
            k++;
        k = k == 10 ? 10 : k >= 7 ? 7 : k >= 4 && s.n == 4 ? 4 : 0;
        if (!k || (i + k < s.n && isdigit((unsigned char)s.p[i + k]))) continue;
        memcpy(iso, s.p + i, k);
        iso[k] = '\0';
        if (date_parse_iso(iso, &y, &m, &d)) return dup_span((span){s.p + i, k});
    }
    /* "24 Jan. 2017": an abbreviation's full stop would end the sentence */
    char *words = dup_span(s);
    if (!words) return NULL;
    for (size_t i = 1; i + 1 < s.n; i++)
        if (words[i] == '.' && isalpha((unsigned char)words[i - 1]) && words[i + 1] == ' ') words[i] = ' ';
    annot_date *dates = NULL;
    size_t nd = 0;
    char *found = NULL;
    if (date_find(words, s.n, NULL, NULL, &dates, &nd, NULL) == FL_OK)
        for (size_t i = 0; i < nd && !found; i++)
            if (date_parse_iso(dates[i].value, &y, &m, &d) >= 2 && strlen(dates[i].value) <= 10)
                found = strdup(dates[i].value);
    free(dates);
    free(words);
    return found;
}

static int set_str(char **dst, char *value) {
    if (!value) return FL_OK;
    free(*dst);
    *dst = value;
    return FL_OK;
}

static void free_authors(extract_result *m) {
    for (size_t i = 0; i < m->n_authors; i++) free(m->authors[i]);
    free(m->authors);
    m->authors = NULL;
    m->n_authors = 0;
}

static int add_author(extract_result *m, span a) {
    a = unquote(trim(a.p, a.n));
    if (!a.n) return FL_OK;
    char **v = realloc(m->authors, (m->n_authors + 1) * sizeof *v);
    if (!v) return FL_ENOMEM;
    m->authors = v;
    if (!(v[m->n_authors] = dup_span(a))) return FL_ENOMEM;
    m->n_authors++;
    return FL_OK;
}

/* "A, B and C", "[A, B]": each name an author. */
static int add_author_list(extract_result *m, span s) {
    s = trim(s.p, s.n);
    if (s.n >= 2 && s.p[0] == '[' && s.p[s.n - 1] == ']') s = trim(s.p + 1, s.n - 2);
    int rc = FL_OK;
    size_t i = 0, start = 0;
    while (rc == FL_OK && i <= s.n) {
        size_t sep = 0;
        if (i == s.n || s.p[i] == ',' || s.p[i] == ';') sep = 1;
        else if (i + 5 <= s.n && memcmp(s.p + i, " and ", 5) == 0) sep = 5;
        else if (i + 3 <= s.n && memcmp(s.p + i, " & ", 3) == 0) sep = 3;
        if (!sep) {
            i++;
            continue;
        }
        rc = add_author(m, (span){s.p + start, i - start});
        i += sep;
        start = i;
    }
    return rc;
}

static int key_is(span k, const char *const *names) {
    for (; *names; names++)
        if (strlen(*names) == k.n && strncasecmp(k.p, *names, k.n) == 0) return 1;
    return 0;
}

static const char *const title_keys[] = {"title", "headline", NULL};
static const char *const date_keys[] = {"date", "published", "pubdate", "published_at", NULL};
static const char *const url_keys[] = {"url", "link", "canonical_url", "source_url", NULL};
static const char *const publisher_keys[] = {"publisher", "site", "site_name", "source", NULL};
static const char *const author_keys[] = {"author", "authors", "byline", NULL};
static const char *const language_keys[] = {"language", "lang", NULL};

/* One "key: value" line; *list_key set when its value is a list on the
** lines below ("authors:" then "- A"). */
static int fm_field(extract_result *fm, span key, span value, int *list_authors) {
    value = trim(value.p, value.n);
    *list_authors = value.n == 0 && key_is(key, author_keys);
    if (!value.n) return FL_OK;
    span v = unquote(value);
    if (key_is(key, title_keys)) return set_str(&fm->title, dup_span(v));
    if (key_is(key, date_keys)) return set_str(&fm->published, date_of(v));
    if (key_is(key, url_keys)) return set_str(&fm->canonical_url, dup_span(v));
    if (key_is(key, publisher_keys)) return set_str(&fm->site_name, dup_span(v));
    if (key_is(key, language_keys)) return set_str(&fm->language, dup_span(v));
    if (key_is(key, author_keys)) return add_author_list(fm, value);
    return FL_OK;
}

/* Whether the block of lines between the fences is all "key: value",
** list items, comments and blank lines; *end receives the offset after
** the closing fence. */
static int fm_block(const char *text, size_t n, size_t first, size_t *end) {
    size_t i = first, next;
    for (int lines = 0; i < n && i < FM_MAX_BYTES && lines < FM_MAX_LINES; lines++, i = next) {
        span l = line_at(text, n, i, &next);
        if (is_fence(l)) {
            *end = next;
            return 1;
        }
        span t = trim(l.p, l.n);
        if (!t.n || t.p[0] == '#' || t.p[0] == '-') continue;
        const char *colon = memchr(t.p, ':', t.n);
        if (!colon || colon == t.p || memchr(t.p, ' ', (size_t)(colon - t.p))) return 0;
    }
    return 0;
}

int dm_front_matter(const char *text, size_t n, extract_result *fm, size_t *body) {
    memset(fm, 0, sizeof *fm);
    *body = 0;
    size_t first, end;
    if (n < 3 || memcmp(text, "---", 3) != 0 || !is_fence(line_at(text, n, 0, &first))
        || !fm_block(text, n, first, &end))
        return FL_OK;
    int rc = FL_OK, list_authors = 0;
    size_t next;
    for (size_t i = first; rc == FL_OK && i < end; i = next) {
        span t = line_at(text, n, i, &next);
        if (is_fence(t)) break;
        t = trim(t.p, t.n);
        if (!t.n || t.p[0] == '#') continue;
        if (t.p[0] == '-') {
            if (list_authors) rc = add_author(fm, (span){t.p + 1, t.n - 1});
            continue;
        }
        const char *colon = memchr(t.p, ':', t.n);
        size_t k = (size_t)(colon - t.p);
        rc = fm_field(fm, (span){t.p, k}, (span){colon + 1, t.n - k - 1}, &list_authors);
    }
    if (rc != FL_OK) {
        extract_release(fm);
        return rc;
    }
    *body = end;
    return FL_OK;
}

/* A run of four digits, as a dateline's year: the cheap test before
** date.c reads a line. */
static int has_year(span l) {
    size_t run = 0;
    for (size_t i = 0; i < l.n; i++) {
        run = isdigit((unsigned char)l.p[i]) ? run + 1 : 0;
        if (run == 4 && (i + 1 == l.n || !isdigit((unsigned char)l.p[i + 1]))) return 1;
    }
    return 0;
}

/* "By A and B" as a line of its own. */
static int byline(extract_result *meta, span l) {
    if (l.n < 4 || (strncmp(l.p, "By ", 3) != 0 && strncmp(l.p, "BY ", 3) != 0)) return FL_OK;
    if (count_words(l, LINE_MAX_WORDS) > LINE_MAX_WORDS || l.p[l.n - 1] == '.') return FL_OK;
    return add_author_list(meta, (span){l.p + 3, l.n - 3});
}

/* A date alone on a line ("24 Jan. 2017", "Updated: 2017-01-24"), or
** ahead of a dash that opens the first paragraph ("TUNIS, 24 Jan. 2017 —"). */
static char *dateline(span l) {
    for (size_t i = 0; i + 4 <= l.n && i < 80; i++)
        if (memcmp(l.p + i, "\xe2\x80\x94", 3) == 0 || memcmp(l.p + i, " -- ", 4) == 0) {
            l.n = i;
            break;
        }
    l = trim(l.p, l.n);
    if (!l.n || count_words(l, 8) > 8 || !has_year(l)) return NULL;
    return date_of(l);
}

int dm_text_lines(const char *text, size_t n, extract_result *meta) {
    int rc = FL_OK, want_authors = meta->n_authors == 0;
    size_t next;
    for (size_t i = 0, lines = 0; rc == FL_OK && i < n && lines < TOP_LINES; i = next) {
        span l = line_at(text, n, i, &next);
        l = trim(l.p, l.n);
        if (!l.n) continue;
        lines++;
        if (want_authors && !meta->n_authors) rc = byline(meta, l);
        if (!meta->published) meta->published = dateline(l);
    }
    return rc;
}

static int copy_str(char **dst, const char *s) {
    if (!s || !*s) return FL_OK;
    char *v = strdup(s);
    if (!v) return FL_ENOMEM;
    return set_str(dst, v);
}

/* Sets each field of META that is given (not NULL, not empty). */
static int apply(extract_result *meta, const char *title, const char *published, const char *site,
                 const char *language, const char *url, const char *const *authors, size_t n_authors) {
    int rc = copy_str(&meta->title, title);
    if (rc == FL_OK && published && *published)
        rc = set_str(&meta->published, date_of(trim(published, strlen(published))));
    if (rc == FL_OK) rc = copy_str(&meta->site_name, site);
    if (rc == FL_OK) rc = copy_str(&meta->language, language);
    if (rc == FL_OK) rc = copy_str(&meta->canonical_url, url);
    if (rc == FL_OK && n_authors) {
        free_authors(meta);
        for (size_t i = 0; rc == FL_OK && i < n_authors; i++)
            rc = add_author(meta, (span){authors[i], strlen(authors[i])});
    }
    return rc;
}

int dm_override(extract_result *meta, const extract_result *from) {
    return apply(meta, from->title, from->published, from->site_name, from->language,
                 from->canonical_url, (const char *const *)from->authors, from->n_authors);
}

int dm_given(extract_result *meta, const fl_meta *given) {
    if (!given) return FL_OK;
    return apply(meta, given->title, given->published, given->publisher, given->language,
                 given->url, given->authors, given->n_authors);
}
