/*
** date.c: temporal expressions (see date.h). The vocabulary comes from
** data/patterns/dates.txt; this file owns the grammar of a date: which
** token sequences form one (day month year, month day year, month year,
** day ranges, a month alone after "in", year, year ranges, decades,
** "since", weekdays, relative and anaphoric phrases) and how each is
** normalised, including the year a date without one takes from the text
** around it. Every expression is a few tokens long and the scan never
** backs up more than that (a list of numbered things at most LIST_BACK
** numbers), so time is linear in the text.
*/
#include "date.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "lex.h"
#include "patfile.h"

#include "banned.h"

#define PHRASE_MAX 6
#define LIST_BACK 8    /* numbers walked back over in "resolutions 1814, 1816" */

typedef struct phrase {
    lx_word w[PHRASE_MAX];
    size_t n;
    int unit;      /* UNIT_*: relative phrases name one, anaphoric ones default to a year */
    int off;
} phrase;

enum { UNIT_YEAR = 1, UNIT_MONTH, UNIT_WEEK, UNIT_DAY };

/* Precision of a value: year, month, day, ISO week; a range is years. */
enum { P_YEAR = 1, P_MONTH, P_DAY, P_WEEK, P_RANGE };

typedef struct dv {
    int y, m, d, w, y2;
    int prec;
    size_t head;   /* a range of two years: its first HEAD tokens date Y, its last Y2 */
} dv;

static struct vocab {
    /* words are compiled (lex.h) with '*' taken literally: a date word
    ** matches only itself */
    lx_words month[13], weekday[8];
    lx_words monthfull, monthlead, filler, since, range, rangeopen, modifier, notbefore, notafter,
        eventname, listword;
    phrase *rel, *ana;
    size_t n_rel, n_ana;
    lx_words rel_first, ana_first;   /* their first words: most tokens stop here */
    lx_vocab voc;                    /* every word above: tokens are classified once */
    unsigned char *month_of;         /* by class: the first month it names, or 0 */
    unsigned char *weekday_of;       /* by class: the weekday it names (1 Monday), or 0 */
    uint64_t *starts;                /* classes a word that can begin a date may have */
    size_t *rel_off, *rel_cand;      /* relative phrases whose first word takes class c:
                                     ** rel_cand[rel_off[c]..rel_off[c + 1]), in order */
    int ymin, ymax;
} V;


/* ---- loading ----------------------------------------------------------- */

static int words_add(lx_words *ws, const char *s, size_t n) {
    return lx_words_add(ws, s, n, 0);
}

/* Splits S[0..N) into lexer tokens, each a word of P. */
static int phrase_set(phrase *p, const char *s, size_t n) {
    size_t pos = 0;
    lx_tok t;
    p->n = 0;
    while (lx_next(s, n, &pos, &t)) {
        if (p->n == PHRASE_MAX) return FL_EINVAL;
        if (lx_word_set(&p->w[p->n], s + t.start, t.end - t.start, 0)) return FL_ENOMEM;
        p->n++;
    }
    return p->n ? FL_OK : FL_EINVAL;
}

static int phrase_push(phrase **arr, size_t *n, lx_words *firsts, const char *s,
                       size_t len, int unit, int off) {
    phrase *a = realloc(*arr, (*n + 1) * sizeof *a);
    if (!a) return FL_ENOMEM;
    *arr = a;
    memset(&a[*n], 0, sizeof a[*n]);
    a[*n].unit = unit;
    a[*n].off = off;
    int rc = phrase_set(&a[*n], s, len);
    (*n)++;
    if (rc == FL_OK) rc = lx_words_add(firsts, a[*n - 1].w[0].s, a[*n - 1].w[0].n, 0);
    return rc;
}

static int unit_of(const char *f, size_t n) {
    if (pat_is(f, n, "year")) return UNIT_YEAR;
    if (pat_is(f, n, "month")) return UNIT_MONTH;
    if (pat_is(f, n, "week")) return UNIT_WEEK;
    if (pat_is(f, n, "day")) return UNIT_DAY;
    return 0;
}

/* "PHRASE = [UNIT] OFFSET": splits at '=' and reads the right side; the
** unit may be left out (a year) unless NEED_UNIT. */
static int parse_eq(const char *s, const char *e, const char **ph, size_t *phn,
                    int *unit, int *off, int need_unit) {
    const char *eq = memchr(s, '=', (size_t)(e - s));
    if (!eq) return FL_EINVAL;
    const char *p = s;
    if (!pat_field(&p, eq, '=', ph, phn) || !*phn) return FL_EINVAL;
    p = eq + 1;
    const char *f;
    size_t fn;
    if (!pat_field(&p, e, 0, &f, &fn)) return FL_EINVAL;
    *unit = unit_of(f, fn);
    if (*unit && !pat_field(&p, e, 0, &f, &fn)) return FL_EINVAL;
    if (!*unit) {
        if (need_unit) return FL_EINVAL;
        *unit = UNIT_YEAR;
    }
    char num[16];
    if (fn >= sizeof num) return FL_EINVAL;
    memcpy(num, f, fn);
    num[fn] = '\0';
    char *endp;
    long v = strtol(num, &endp, 10);
    if (*endp || v < -100 || v > 100) return FL_EINVAL;
    *off = (int)v;
    return FL_OK;
}

static int load(const char *datadir, char **errmsg) {
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    int rc = pat_read(datadir, "dates.txt", &b, errmsg);
    if (rc) {
        buf_release(&b);
        return rc;
    }
    V.ymin = 1800;
    V.ymax = 2199;
    const char *p = b.data, *end = b.data + b.len, *line;
    size_t len;
    int lineno = 0;
    while (rc == FL_OK && pat_line(&p, end, &line, &len, &lineno)) {
        const char *q = line, *e = line + len, *kw, *f;
        size_t kn, fn;
        pat_field(&q, e, 0, &kw, &kn);
        lx_words *set = pat_is(kw, kn, "filler") ? &V.filler
                   : pat_is(kw, kn, "monthlead") ? &V.monthlead
                   : pat_is(kw, kn, "eventname") ? &V.eventname
                   : pat_is(kw, kn, "listword") ? &V.listword
                   : pat_is(kw, kn, "since") ? &V.since
                   : pat_is(kw, kn, "range") ? &V.range
                   : pat_is(kw, kn, "rangeopen") ? &V.rangeopen
                   : pat_is(kw, kn, "modifier") ? &V.modifier
                   : pat_is(kw, kn, "notyear-before") ? &V.notbefore
                   : pat_is(kw, kn, "notyear-after") ? &V.notafter : NULL;
        if (set) {
            while (rc == FL_OK && pat_field(&q, e, 0, &f, &fn)) rc = words_add(set, f, fn);
        } else if (pat_is(kw, kn, "month") || pat_is(kw, kn, "monthabbr") || pat_is(kw, kn, "weekday")) {
            int week = kw[0] == 'w', full = kn == 5, m = pat_field(&q, e, 0, &f, &fn) ? atoi(f) : 0;
            if (m < 1 || m > (week ? 7 : 12)) rc = FL_EINVAL;
            while (rc == FL_OK && pat_field(&q, e, 0, &f, &fn)) {
                rc = words_add(week ? &V.weekday[m] : &V.month[m], f, fn);
                if (rc == FL_OK && full) rc = words_add(&V.monthfull, f, fn);
            }
        } else if (pat_is(kw, kn, "relative") || pat_is(kw, kn, "anaphoric")) {
            int rel = kw[0] == 'r', unit = 0, off = 0;
            const char *ph;
            size_t phn;
            rc = parse_eq(q, e, &ph, &phn, &unit, &off, rel);
            if (rc == FL_OK)
                rc = rel ? phrase_push(&V.rel, &V.n_rel, &V.rel_first, ph, phn, unit, off)
                         : phrase_push(&V.ana, &V.n_ana, &V.ana_first, ph, phn, unit, off);
        } else if (pat_is(kw, kn, "yearrange")) {
            if (pat_field(&q, e, 0, &f, &fn)) V.ymin = atoi(f);
            if (pat_field(&q, e, 0, &f, &fn)) V.ymax = atoi(f);
            if (V.ymin < 1 || V.ymax > 9999 || V.ymin > V.ymax) rc = FL_EINVAL;
        } else {
            rc = FL_EINVAL;
        }
    }
    if (rc) err_set(errmsg, rc == FL_ENOMEM ? rc : FL_EPACK,
                    "dates.txt:%d: %s", lineno,
                    rc == FL_ENOMEM ? "out of memory" : "malformed line");
    buf_release(&b);
    return rc == FL_ENOMEM ? rc : rc ? FL_EPACK : FL_OK;
}

/* The word sets of V, for numbering and indexing their words. */
static lx_words *const sets[] = {
    &V.month[1], &V.month[2], &V.month[3], &V.month[4], &V.month[5], &V.month[6],
    &V.month[7], &V.month[8], &V.month[9], &V.month[10], &V.month[11], &V.month[12],
    &V.weekday[1], &V.weekday[2], &V.weekday[3], &V.weekday[4], &V.weekday[5], &V.weekday[6],
    &V.weekday[7], &V.monthfull, &V.monthlead, &V.filler, &V.since, &V.range, &V.rangeopen,
    &V.modifier, &V.notbefore, &V.notafter, &V.eventname, &V.listword, &V.rel_first, &V.ana_first,
};
#define N_SETS (sizeof sets / sizeof sets[0])

/* The sets whose words can begin a date (scan_sentence, absolute_at,
** relative_at); any other word cannot, and the scan passes it at once. */
static lx_words *const starters[] = {
    &V.month[1], &V.month[2], &V.month[3], &V.month[4], &V.month[5], &V.month[6],
    &V.month[7], &V.month[8], &V.month[9], &V.month[10], &V.month[11], &V.month[12],
    &V.weekday[1], &V.weekday[2], &V.weekday[3], &V.weekday[4], &V.weekday[5], &V.weekday[6],
    &V.weekday[7], &V.since, &V.rangeopen, &V.modifier, &V.rel_first, &V.ana_first,
};
#define N_STARTERS (sizeof starters / sizeof starters[0])

/* Groups the relative phrases by the classes of their first words, so a
** token tries only those that can start with it (most tokens of a set
** start one or two of the dozens). */
static int index_relative(void) {
    size_t n_cls = V.voc.n + 1, total = 0;
    if (!(V.rel_off = calloc(n_cls + 1, sizeof *V.rel_off))) return FL_ENOMEM;
    for (size_t c = 0; c < n_cls; c++) {
        lx_tok t = {.cls = (unsigned)c};
        V.rel_off[c] = total;
        for (size_t k = 0; k < V.n_rel; k++) total += c && lx_word_has(&V.rel[k].w[0], &t);
    }
    V.rel_off[n_cls] = total;
    if (!(V.rel_cand = malloc((total ? total : 1) * sizeof *V.rel_cand))) return FL_ENOMEM;
    for (size_t c = 1, x = 0; c < n_cls; c++) {
        lx_tok t = {.cls = (unsigned)c};
        for (size_t k = 0; k < V.n_rel; k++)
            if (lx_word_has(&V.rel[k].w[0], &t)) V.rel_cand[x++] = k;
    }
    return FL_OK;
}

/* Numbers the vocabulary's words and indexes every set and phrase by
** them, so that matching tests bits of classified tokens. */
static int index_words(void) {
    int rc = FL_OK;
    for (size_t k = 0; rc == FL_OK && k < N_SETS; k++) rc = lx_vocab_add_words(&V.voc, sets[k]);
    for (size_t k = 0; k < V.n_rel; k++)
        for (size_t i = 0; rc == FL_OK && i < V.rel[k].n; i++) rc = lx_vocab_add_word(&V.voc, &V.rel[k].w[i]);
    for (size_t k = 0; k < V.n_ana; k++)
        for (size_t i = 0; rc == FL_OK && i < V.ana[k].n; i++) rc = lx_vocab_add_word(&V.voc, &V.ana[k].w[i]);
    if (rc == FL_OK) rc = lx_vocab_build(&V.voc);
    for (size_t k = 0; rc == FL_OK && k < N_SETS; k++) rc = lx_words_index(sets[k], &V.voc);
    for (size_t k = 0; k < V.n_rel; k++)
        for (size_t i = 0; rc == FL_OK && i < V.rel[k].n; i++) rc = lx_word_index(&V.rel[k].w[i], &V.voc);
    for (size_t k = 0; k < V.n_ana; k++)
        for (size_t i = 0; rc == FL_OK && i < V.ana[k].n; i++) rc = lx_word_index(&V.ana[k].w[i], &V.voc);
    if (rc == FL_OK && !(V.month_of = calloc(V.voc.n + 1, 1))) rc = FL_ENOMEM;
    if (rc == FL_OK && !(V.weekday_of = calloc(V.voc.n + 1, 1))) rc = FL_ENOMEM;
    if (rc == FL_OK && !(V.starts = calloc(lx_vocab_words(&V.voc), sizeof *V.starts))) rc = FL_ENOMEM;
    for (size_t k = 0; rc == FL_OK && k < N_STARTERS; k++)
        for (size_t i = 0; i < lx_vocab_words(&V.voc); i++) V.starts[i] |= starters[k]->bits[i];
    if (rc == FL_OK) rc = index_relative();
    for (unsigned c = 1; rc == FL_OK && c <= V.voc.n; c++) {
        lx_tok t = {.cls = c};
        for (int m = 12; m >= 1; m--)       /* the first month wins, as in month_at */
            if (lx_words_has(&V.month[m], &t)) V.month_of[c] = (unsigned char)m;
        for (int w = 7; w >= 1; w--)
            if (lx_words_has(&V.weekday[w], &t)) V.weekday_of[c] = (unsigned char)w;
    }
    return rc;
}

static int load_all(const char *dir, char **errmsg) {
    int rc = load(dir, errmsg);
    return rc == FL_OK && index_words() ? FL_ENOMEM : rc;
}

static pat_once loader = PAT_ONCE_INIT(load_all, "dates.txt: cannot load");

static void load_once(void) { pat_once_run(&loader); }

int date_init(const char *datadir, char **errmsg) { return pat_init(&loader, load_once, datadir, errmsg); }

const lx_vocab *date_vocab(void) { return date_init(NULL, NULL) == FL_OK ? &V.voc : NULL; }

/* ---- calendar ------------------------------------------------------------ */

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int mdays(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Days since 1970-01-01 (H. Hinnant's days_from_civil). */
static long days_from(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from(long z, int *y, int *m, int *d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static void iso_week(long z, int *wy, int *w) {
    long wd = ((z % 7) + 7 + 3) % 7;          /* Monday 0; 1970-01-01 was a Thursday */
    long thu = z - wd + 3;
    int y, m, d;
    civil_from(thu, &y, &m, &d);
    *wy = y;
    *w = (int)((thu - days_from(y, 1, 1)) / 7 + 1);
}

int date_parse_iso(const char *s, int *y, int *m, int *d) {
    *y = *m = *d = 0;
    if (!s) return 0;
    int parts = 0, v[3] = {0, 0, 0};
    const char *p = s;
    for (int k = 0; k < 3; k++) {
        int want = k ? 2 : 4, got = 0;
        while (*p >= '0' && *p <= '9' && got < want) v[k] = v[k] * 10 + (*p++ - '0'), got++;
        if (got != want) return 0;
        parts++;
        if (*p != '-') break;
        p++;
    }
    if (*p && *p != 'T' && *p != ' ') return 0;
    if (parts >= 2 && (v[1] < 1 || v[1] > 12)) return 0;
    if (parts == 3 && (v[2] < 1 || v[2] > mdays(v[0], v[1]))) return 0;
    *y = v[0];
    *m = v[1];
    *d = v[2];
    return parts;
}

/* ---- the grammar --------------------------------------------------------- */

typedef struct scan {
    const char *text;
    size_t n;
    lx_tok *t;
    size_t nt;
    int py, pm, pd, pprec;    /* publication date and its precision */
    int cy, cm, cd;            /* the last date the text gave (month, day 0 when
                               ** it had none); cy 0 if none */
    int ay, am;                /* the last that anchors a date without a year:
                               ** one with a month, or a year after a monthlead
                               ** word ("in 2019", not "the post-2011 war") */
    int sy, sm;                /* the last date of the sentence, which anchors
                               ** those after it ("the 2020 tour: June 9 ..."),
                               ** sy 0 if none */
} scan;

static int in_words(const lx_words *ws, const scan *s, size_t i) {
    return i < s->nt && lx_words_has(ws, &s->t[i]);
}

static int month_at(const scan *s, size_t i) {
    if (i >= s->nt || s->t[i].kind != LX_WORD) return 0;
    return V.month_of[s->t[i].cls];
}

static int capitalised(const scan *s, size_t i) {
    return i < s->nt && s->text[s->t[i].start] >= 'A' && s->text[s->t[i].start] <= 'Z';
}

static int punct_at(const scan *s, size_t i, int punct) {
    return i < s->nt && s->t[i].kind == LX_PUNCT && s->t[i].punct == punct;
}

/* The token after a month name at I: past the period of an abbreviation
** ("Dec. 25"). */
static size_t after_month(const scan *s, size_t i) {
    if (punct_at(s, i + 1, LXP_STOP) && s->text[s->t[i + 1].start] == '.' &&
        s->t[i + 1].start == s->t[i].end && !in_words(&V.monthfull, s, i))
        return i + 2;
    return i + 1;
}

/* Matches phrase P at token I; returns tokens used or 0. */
static size_t phrase_at(const scan *s, size_t i, const phrase *p) {
    if (i + p->n > s->nt) return 0;
    for (size_t k = 0; k < p->n; k++)
        if (!lx_word_has(&p->w[k], &s->t[i + k])) return 0;
    return p->n;
}

static int num_at(const scan *s, size_t i, size_t maxlen) {
    if (i >= s->nt || s->t[i].kind != LX_NUM) return -1;
    size_t len = s->t[i].end - s->t[i].start;
    if (len > maxlen) return -1;
    int v = 0;
    for (size_t k = s->t[i].start; k < s->t[i].end; k++) v = v * 10 + (s->text[k] - '0');
    return v;
}

static int digit(char c) { return c >= '0' && c <= '9'; }

/* Does a number at I follow a word that numbers things ("resolution"),
** directly or through a list of numbers ("resolutions 1814, 1816 and")? */
static int numbered_thing(const scan *s, size_t i) {
    size_t k = i;
    for (int n = 0; k > 0 && n < LIST_BACK; n++) {
        if (in_words(&V.notbefore, s, k - 1)) return 1;
        int joined = 0;
        while (k > 0 && joined < 2 && (punct_at(s, k - 1, LXP_COMMA) || in_words(&V.listword, s, k - 1)))
            k--, joined++;
        if (!joined || k == 0 || s->t[k - 1].kind != LX_NUM) return 0;
        k--;
    }
    return 0;
}

/* A year at token I, or 0: four digits in range, not part of a larger
** number, an amount or a numbered thing. */
static int year_at(const scan *s, size_t i) {
    if (i >= s->nt || s->t[i].end - s->t[i].start != 4) return 0;
    int y = num_at(s, i, 4);
    if (y < V.ymin || y > V.ymax) return 0;
    size_t a = s->t[i].start, b = s->t[i].end;
    const char *x = s->text;
    if (a >= 2 && (x[a - 1] == ',' || x[a - 1] == '.') && digit(x[a - 2])) return 0;
    if (b + 1 < s->n && (x[b] == ',' || x[b] == '.') && digit(x[b + 1])) return 0;
    if (a >= 1 && (x[a - 1] == '$' || (unsigned char)x[a - 1] >= 0x80)) {
        if (x[a - 1] == '$' || (a >= 2 && (unsigned char)x[a - 2] == 0xC2)) return 0;   /* $ £ ¥ */
        if (a >= 3 && (unsigned char)x[a - 3] == 0xE2 && (unsigned char)x[a - 2] == 0x82) return 0; /* € */
    }
    if (b < s->n && x[b] == '%') return 0;
    if (numbered_thing(s, i)) return 0;
    if (in_words(&V.notafter, s, i + 1)) return 0;
    return y;
}

static int day_ok(int y, int m, int d) { return d >= 1 && d <= mdays(y, m); }

/* Skips filler words ("de", "of", "1er", "24.") and an optional comma. */
static size_t skip_fill(const scan *s, size_t i, int commas) {
    while (i < s->nt) {
        const lx_tok *t = &s->t[i];
        if (t->kind == LX_WORD && in_words(&V.filler, s, i)) i++;
        else if (t->kind == LX_PUNCT && t->punct == LXP_STOP && i > 0 &&
                 s->t[i - 1].kind == LX_NUM && s->text[t->start] == '.' &&
                 t->start == s->t[i - 1].end) i++;
        else if (commas && t->kind == LX_PUNCT && t->punct == LXP_COMMA) i++;
        else break;
    }
    return i;
}

/* The year of month M in a date that names none: the year of the last
** date of its sentence, else of the last anchoring date the text gave,
** else of the last date, else of the publication date; when that date has
** a month, the previous, same or next year, whichever puts M nearest to
** it ("October 7, 2023 ... January 10" is January 2024). 0 when unknown. */
static int year_for(const scan *s, int m) {
    int y = s->sy ? s->sy : s->ay ? s->ay : s->cy ? s->cy : s->py;
    int cm = s->sy ? s->sm : s->ay ? s->am : s->cy ? s->cm : s->pm;
    if (!y || !cm) return y;
    int best = y, dist = 12;
    for (int c = y - 1; c <= y + 1; c++) {
        int d = abs((c - y) * 12 + m - cm);
        if (d < dist) dist = d, best = c;
    }
    return best;
}

/* A day range's second day at I ("8-9 June", "8 to 9 June"): tokens to
** skip past it, or 0. */
static size_t day_range(const scan *s, size_t i, int first) {
    if (!in_words(&V.range, s, i)) return 0;
    int d2 = num_at(s, i + 1, 2);
    return d2 > first && d2 <= 31 ? 2 : 0;
}

/* Day D of month M from token I to END (exclusive), then the year at
** token K or, when none is there, the one the text around gives: *V and
** tokens used from I, or 0. FORMAL is set when a date without a year is
** written as one (a capitalised month); an event's name ("the September
** 11 attacks") is none. */
static size_t day_month(const scan *s, size_t i, size_t end, size_t k, int m, int d, dv *v,
                        int formal) {
    int y = year_at(s, k);
    if (y) {
        if (!day_ok(y, m, d)) return 0;        /* the month and year still count */
        *v = (dv){.y = y, .m = m, .d = d, .prec = P_DAY};
        return k + 1 - i;
    }
    y = year_for(s, m);
    if (!y || !day_ok(y, m, d) || !formal || in_words(&V.eventname, s, end)) return 0;
    *v = (dv){.y = y, .m = m, .d = d, .prec = P_DAY};
    return end - i;
}

/* Anaphoric date ("that year", "the previous day") at I: tokens used, *V
** its value. YEARS_ONLY: only those that name a year ("May of that year"). */
static size_t anaphor_at(const scan *s, size_t i, dv *v, int years_only) {
    if (!s->cy || !in_words(&V.ana_first, s, i)) return 0;
    for (size_t k = 0; k < V.n_ana; k++) {
        const phrase *p = &V.ana[k];
        if (p->unit != UNIT_YEAR && (years_only || !s->cd)) continue;
        size_t used = phrase_at(s, i, p);
        if (!used) continue;
        if (p->unit == UNIT_YEAR) {
            *v = (dv){.y = s->cy + p->off, .prec = P_YEAR};
        } else {
            int y, m, d;
            civil_from(days_from(s->cy, s->cm, s->cd) + p->off, &y, &m, &d);
            *v = (dv){.y = y, .m = m, .d = d, .prec = P_DAY};
        }
        return used;
    }
    return 0;
}

/* Years with the decade or range words around a year at I, or the year
** first of a whole date ("2019, November 18", as references cite). */
static size_t year_expr(const scan *s, size_t i, dv *v, int opened) {
    int y = year_at(s, i);
    if (!y) return 0;
    memset(v, 0, sizeof *v);
    v->y = y;
    v->prec = P_YEAR;
    size_t j = i + 1 + punct_at(s, i + 1, LXP_COMMA);
    int m = month_at(s, j);
    if (m) {
        size_t k = after_month(s, j);
        int d = num_at(s, k, 2);
        if (d >= 0 && day_ok(y, m, d) && !in_words(&V.range, s, k + 1)) {
            *v = (dv){.y = y, .m = m, .d = d, .prec = P_DAY};
            return k + 1 - i;
        }
    }
    if (i + 1 < s->nt && s->t[i + 1].start == s->t[i].end && lx_is(s->text, &s->t[i + 1], "s") &&
        y % 10 == 0) {
        v->y2 = y + 9;
        v->prec = P_RANGE;
        return 2;
    }
    if (in_words(&V.range, s, i + 1) && (opened || !lx_is(s->text, &s->t[i + 1], "and"))) {
        int y2 = year_at(s, i + 2);
        if (y2 > y && y2 - y < 200) {
            v->y2 = y2;
            v->head = 1;
            return 3;
        }
    }
    return 1;
}

/* A date that starts with a month name at I ("June 24, 2025", "July
** 2024", "May of that year", "in April"). ALONE: the month may stand
** without day or year (after a modifier or a monthlead word). */
static size_t month_expr(const scan *s, size_t i, dv *v, int alone) {
    int m = month_at(s, i);
    if (!m) return 0;
    size_t j = after_month(s, i);
    int d = num_at(s, j, 2);
    if (d >= 0) {                                    /* June 24, 2025; November 8-9, 2021 */
        size_t k = j + 1 + day_range(s, j + 1, d);
        return day_month(s, i, k, skip_fill(s, k, 1), m, d, v, capitalised(s, i));
    }
    for (size_t k = j; k < s->nt && k <= j + 2; k++) {   /* July 2024, April, 2003, May of that year */
        int y = year_at(s, k);
        size_t used = y ? 1 : anaphor_at(s, k, v, 1);
        if (used) {
            if (!y) y = v->y;
            if (y < 1 || y > 9999) return 0;
            *v = (dv){.y = y, .m = m, .prec = P_MONTH};
            return k + used - i;
        }
        if (!in_words(&V.filler, s, k) && !(k == j && punct_at(s, k, LXP_COMMA))) break;
    }
    if (!alone || !in_words(&V.monthfull, s, i) || !capitalised(s, i)) return 0;
    int y = year_for(s, m);
    if (!y) return 0;
    *v = (dv){.y = y, .m = m, .prec = P_MONTH};
    return j - i;
}

/* An absolute date starting at I; tokens used or 0. */
static size_t absolute_at(const scan *s, size_t i, dv *v) {
    memset(v, 0, sizeof *v);
    int day = num_at(s, i, 2);
    if (day >= 0) {                                  /* 24 June 2025, 8-9 June */
        size_t j = skip_fill(s, i + 1 + day_range(s, i + 1, day), 0);
        int m = month_at(s, j);
        if (!m) return 0;
        size_t k = after_month(s, j);
        return day_month(s, i, k, skip_fill(s, k, 0), m, day, v, 1);
    }
    if (month_at(s, i)) return month_expr(s, i, v, i > 0 && in_words(&V.monthlead, s, i - 1));
    if (in_words(&V.modifier, s, i)) {               /* mid-2023, early 2024, late November */
        size_t j = i + 1;
        if (punct_at(s, j, LXP_HYPHEN)) j++;
        j = skip_fill(s, j, 0);
        size_t used = month_expr(s, j, v, 1);
        if (used) return j - i + used;
        int y = year_at(s, j);
        if (!y) return 0;
        *v = (dv){.y = y, .prec = P_YEAR};
        return j + 1 - i;
    }
    if (in_words(&V.rangeopen, s, i)) {              /* from 2019 to 2021 */
        size_t used = year_expr(s, i + 1, v, 1);
        if (!used || !v->head) return 0;
        v->head++;
        return used + 1;
    }
    return year_expr(s, i, v, 0);
}

/* A weekday at I, the last one up to the publication day: tokens used. */
static size_t weekday_at(const scan *s, size_t i, dv *v) {
    int w = s->t[i].kind == LX_WORD ? V.weekday_of[s->t[i].cls] : 0;
    if (!w || s->pprec < P_DAY || !capitalised(s, i)) return 0;
    long z = days_from(s->py, s->pm, s->pd);
    long today = ((z % 7) + 7 + 3) % 7 + 1;     /* 1 Monday; 1970-01-01 was a Thursday */
    civil_from(z - (today - w + 7) % 7, &v->y, &v->m, &v->d);
    v->prec = P_DAY;
    return 1;
}

/* A relative or anaphoric phrase at I. */
static size_t relative_at(const scan *s, size_t i, dv *v) {
    memset(v, 0, sizeof *v);
    unsigned c = in_words(&V.rel_first, s, i) ? s->t[i].cls : 0;
    for (size_t x = V.rel_off[c]; x < V.rel_off[c + 1]; x++) {
        const phrase *p = &V.rel[V.rel_cand[x]];
        size_t used = phrase_at(s, i, p);
        if (!used) continue;
        int need = p->unit == UNIT_YEAR ? P_YEAR : p->unit == UNIT_MONTH ? P_MONTH : P_DAY;
        if (s->pprec < need) return 0;
        if (p->unit == UNIT_YEAR) {
            *v = (dv){.y = s->py + p->off, .prec = P_YEAR};
        } else if (p->unit == UNIT_MONTH) {
            int mm = s->py * 12 + (s->pm - 1) + p->off;
            *v = (dv){.y = mm / 12, .m = mm % 12 + 1, .prec = P_MONTH};
        } else {
            long z = days_from(s->py, s->pm, s->pd);
            if (p->unit == UNIT_DAY) {
                int y, m, d;
                civil_from(z + p->off, &y, &m, &d);
                *v = (dv){.y = y, .m = m, .d = d, .prec = P_DAY};
            } else {
                int wy, w;
                iso_week(z + 7L * p->off, &wy, &w);
                *v = (dv){.y = wy, .w = w, .prec = P_WEEK};
            }
        }
        return used;
    }
    size_t used = weekday_at(s, i, v);
    return used ? used : anaphor_at(s, i, v, 0);
}

static void format(const dv *v, char out[32]) {
    switch (v->prec) {
    case P_YEAR: snprintf(out, 32, "%04d", v->y); break;
    case P_MONTH: snprintf(out, 32, "%04d-%02d", v->y, v->m); break;
    case P_DAY: snprintf(out, 32, "%04d-%02d-%02d", v->y, v->m, v->d); break;
    case P_WEEK: snprintf(out, 32, "%04d-W%02d", v->y, v->w); break;
    default: snprintf(out, 32, "%04d/%04d", v->y, v->y2); break;
    }
}

typedef struct outv {
    annot_date *d;
    size_t n, cap;
} outv;

static int push(outv *o, size_t start, size_t end, const dv *v) {
    if (v->y < 1 || v->y > 9999 || (v->y2 && v->y2 > 9999)) return FL_OK;   /* never store it */
    if (o->n == o->cap && array_grow(&o->d, &o->cap, sizeof *o->d, 16) != FL_OK) return FL_ENOMEM;
    o->d[o->n].start = start;
    o->d[o->n].end = end;
    format(v, o->d[o->n].value);
    o->n++;
    return FL_OK;
}

/* 0 when no date can begin at token T: not a number, and no word of a
** set that begins one. */
static int may_begin(const lx_tok *t) {
    return t->kind == LX_NUM || (V.starts[t->cls >> 6] >> (t->cls & 63) & 1);
}

/* Scans one sentence; S->t holds its tokens. */
static int scan_sentence(scan *s, outv *o) {
    s->sy = s->sm = 0;
    for (size_t i = 0; i < s->nt;) {
        dv v;
        size_t lead = 0, used = 0;
        if (!may_begin(&s->t[i])) {
            i++;
            continue;
        }
        if (in_words(&V.since, s, i)) {
            used = absolute_at(s, i + 1, &v);
            if (used) lead = 1;
        }
        if (!used) used = relative_at(s, i, &v);
        if (!used) used = absolute_at(s, i, &v);
        if (!used) {
            i++;
            continue;
        }
        size_t first = i, last = i + lead + used - 1;
        int rc;
        if (v.head) {                 /* a range of years: each end is a date */
            dv end = {.y = v.y2, .prec = P_YEAR};
            rc = push(o, s->t[first].start, s->t[first + lead + v.head - 1].end, &v);
            if (rc == FL_OK) rc = push(o, s->t[last].start, s->t[last].end, &end);
            v = end;
        } else {
            rc = push(o, s->t[first].start, s->t[last].end, &v);
        }
        if (rc) return rc;
        if (v.prec != P_WEEK) s->cy = s->sy = v.y, s->cm = s->sm = v.m, s->cd = v.d;
        if (v.m || (v.prec == P_YEAR && first + lead > 0 && in_words(&V.monthlead, s, first + lead - 1)))
            s->ay = v.y, s->am = v.m;
        i = last + 1;
    }
    return FL_OK;
}

int date_find_sents(const char *text, size_t n, const seg_result *seg, const lx_sents *ls,
                    const char *published, annot_date **out, size_t *n_out,
                    char **errmsg) {
    *out = NULL;
    *n_out = 0;
    int rc = date_init(NULL, errmsg);
    if (rc) return rc;
    scan s = {.text = text, .n = n};
    s.pprec = date_parse_iso(published, &s.py, &s.pm, &s.pd);
    outv o = {0};
    size_t cap = 0;
    size_t n_sents = seg ? seg->n_sents : 1;
    for (size_t k = 0; rc == FL_OK && k < n_sents; k++) {
        size_t a = seg ? seg->sents[k].start : 0, b = seg ? seg->sents[k].end : n;
        if (a > b || b > n) {
            rc = err_set(errmsg, FL_EINVAL, "sentence %zu out of the text", k);
            break;
        }
        size_t nt = ls->first[k + 1] - ls->first[k];
        if (nt > cap) {
            lx_tok *t = realloc(s.t, nt * sizeof *t);
            if (!t) {
                rc = FL_ENOMEM;
                break;
            }
            s.t = t;
            cap = nt;
        }
        memcpy(s.t, ls->t + ls->first[k], nt * sizeof *s.t);
        lx_sents_class(ls, &V.voc, text, s.t, nt);
        s.nt = nt;
        rc = scan_sentence(&s, &o);
    }
    free(s.t);
    if (rc) {
        free(o.d);
        if (rc == FL_ENOMEM) err_set(errmsg, rc, "dates: out of memory");
        return rc;
    }
    *out = o.d;
    *n_out = o.n;
    return FL_OK;
}

int date_find(const char *text, size_t n, const seg_result *seg,
              const char *published, annot_date **out, size_t *n_out,
              char **errmsg) {
    lx_sents ls;
    *out = NULL;
    *n_out = 0;
    if (lx_sents_lex(&ls, text, n, seg, NULL)) return err_set(errmsg, FL_ENOMEM, "dates: out of memory");
    int rc = date_find_sents(text, n, seg, &ls, published, out, n_out, errmsg);
    lx_sents_release(&ls);
    return rc;
}
