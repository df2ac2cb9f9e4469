/*
** parse_conllu.c: the CoNLL-U writer and reader of the syntactic stage
** (https://universaldependencies.org/format.html). The writer prints what
** the stage found, with each token's byte span; the reader takes the
** treebank's files (for training and the benchmark) and the writer's own
** output back, refusing a malformed line with its number.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse_int.h"
#include "err.h"
#include "banned.h"

int parse_conllu_write(const char *text, const parse_sent *s, buf *out) {
    if (s->n == 0) return out->rc;
    size_t a = s->tok[0].start, b = s->tok[s->n - 1].end;
    buf_puts(out, "# text = ");
    buf_append(out, text + a, b - a);
    buf_putc(out, '\n');
    if (s->truncated) buf_printf(out, "# truncated = parsed in pieces of %d tokens\n", PARSE_MAX_TOKENS);
    for (size_t i = 0; i < s->n; i++) {
        const parse_tok *t = &s->tok[i];
        buf_put_size(out, i + 1);
        buf_putc(out, '\t');
        buf_append(out, text + t->start, t->end - t->start);
        buf_putc(out, '\t');
        buf_puts(out, t->lemma && *t->lemma ? t->lemma : "_");
        buf_putc(out, '\t');
        buf_puts(out, parse_upos_name(t->upos));
        buf_puts(out, "\t_\t_\t");
        buf_put_size(out, (size_t)(t->head + 1));
        buf_putc(out, '\t');
        buf_puts(out, t->deprel ? t->deprel : "_");
        buf_puts(out, "\t_\t");
        if (i + 1 < s->n && s->tok[i + 1].start == t->end) buf_puts(out, "SpaceAfter=No|");
        buf_puts(out, "Span=");
        buf_put_size(out, t->start);
        buf_putc(out, '-');
        buf_put_size(out, t->end);
        buf_putc(out, '\n');
    }
    buf_putc(out, '\n');
    return out->rc;
}

/* ---- reading ----------------------------------------------------------------- */

#define N_COLS 10

/* Splits LINE[0..n) at tabs into COL (N_COLS spans); returns their number. */
static int split_cols(const char *line, size_t n, const char **col, size_t *len) {
    int k = 0;
    const char *p = line, *end = line + n;
    while (k < N_COLS) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        col[k] = p;
        len[k] = (size_t)((tab ? tab : end) - p);
        k++;
        if (!tab) break;
        p = tab + 1;
    }
    return memchr(p, '\t', (size_t)(end - p)) && k == N_COLS ? N_COLS + 1 : k;
}

/* A decimal number of P[0..n), or -1 when it is not one (or too big). */
static long number(const char *p, size_t n) {
    if (n == 0 || n > 9) return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

static int has_no_space(const char *misc, size_t n) {
    static const char key[] = "SpaceAfter=No";
    for (size_t i = 0; i + sizeof key - 1 <= n; i++)
        if (memcmp(misc + i, key, sizeof key - 1) == 0 && (i == 0 || misc[i - 1] == '|')) return 1;
    return 0;
}

/* Where each token's lemma and deprel start in S->scratch, until the
** sentence is read and the scratch no longer moves. */
typedef struct pending {
    size_t *off;   /* 2 per token */
    size_t cap;
} pending;

static int read_token(const char **col, const size_t *len, size_t range_end, int *glue_next,
                      buf *text, parse_sent *s, pending *pd, const char **why) {
    long id = number(col[0], len[0]);
    if (id != (long)s->n + 1) return *why = "token number out of sequence", FL_EINVAL;
    if (len[1] == 0 || memchr(col[1], ' ', len[1])) return *why = "empty form or form with a space", FL_EINVAL;
    int upos = parse_upos_of(col[3], len[3]);
    if (upos == UPOS_NONE && !(len[3] == 1 && col[3][0] == '_')) return *why = "unknown UPOS", FL_EINVAL;
    long head = len[6] == 1 && col[6][0] == '_' ? 0 : number(col[6], len[6]);
    if (head < 0) return *why = "bad HEAD", FL_EINVAL;
    if (parse_sent_reserve(s, s->n + 1) != FL_OK) return FL_ENOMEM;
    if (s->n * 2 + 2 > pd->cap && array_grow(&pd->off, &pd->cap, sizeof *pd->off, 128) != FL_OK) return FL_ENOMEM;
    if (text->len > 0 && !*glue_next) buf_putc(text, ' ');
    parse_tok *t = &s->tok[s->n];
    t->start = text->len;
    buf_append(text, col[1], len[1]);
    t->end = text->len;
    t->upos = upos;
    t->head = (int)head - 1;
    t->lemma = t->deprel = NULL;
    pd->off[2 * s->n] = s->scratch.len;
    buf_append(&s->scratch, col[2], len[2]);
    buf_putc(&s->scratch, '\0');
    pd->off[2 * s->n + 1] = s->scratch.len;
    buf_append(&s->scratch, col[7], len[7]);
    buf_putc(&s->scratch, '\0');
    s->n++;
    /* inside a multiword token the words are glued; its last takes the range's SpaceAfter */
    *glue_next = (size_t)id < range_end || has_no_space(col[9], len[9]);
    return FL_OK;
}

int parse_conllu_read(const char *p, size_t n, size_t *pos, buf *text, parse_sent *s, char **errmsg) {
    s->n = 0;
    s->truncated = 0;
    buf_reset(text);
    buf_reset(&s->scratch);
    pending pd = {NULL, 0};
    size_t range_end = 0;
    int range_no_space = 0, glue = 0, rc = FL_OK;
    const char *why = NULL;
    size_t i = *pos, line_at = *pos;
    while (i < n && rc == FL_OK) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - p) : n, len = e - i;
        const char *line = p + i;
        line_at = i;
        if (len && line[len - 1] == '\r') len--;
        i = nl ? e + 1 : n;
        if (len == 0 && s->n > 0) break;
        if (len == 0 || line[0] == '#') continue;
        const char *col[N_COLS];
        size_t cl[N_COLS];
        if (split_cols(line, len, col, cl) != N_COLS) {
            why = "not 10 tab-separated columns";
            rc = FL_EINVAL;
            break;
        }
        const char *dash = memchr(col[0], '-', cl[0]);
        if (dash) {   /* a multiword token: remember where it ends and its spacing */
            long last = number(dash + 1, cl[0] - (size_t)(dash + 1 - col[0]));
            if (last < 0 || number(col[0], (size_t)(dash - col[0])) != (long)s->n + 1) {
                why = "bad multiword range";
                rc = FL_EINVAL;
                break;
            }
            range_end = (size_t)last;
            range_no_space = has_no_space(col[9], cl[9]);
        } else if (!memchr(col[0], '.', cl[0])) {
            rc = read_token(col, cl, range_end, &glue, text, s, &pd, &why);
            if (rc == FL_OK && s->n == range_end && range_no_space) glue = 1;
        }
    }
    for (size_t k = 0; rc == FL_OK && k < s->n; k++)
        if (s->tok[k].head >= (int)s->n) {
            why = "HEAD past the sentence's end";
            rc = FL_EINVAL;
            line_at = *pos;
        }
    if (rc == FL_OK && (s->scratch.rc != FL_OK || text->rc != FL_OK)) rc = FL_ENOMEM;
    if (rc == FL_OK) {
        for (size_t k = 0; k < s->n; k++) {
            s->tok[k].lemma = s->scratch.data + pd.off[2 * k];
            s->tok[k].deprel = s->scratch.data + pd.off[2 * k + 1];
        }
        *pos = i;
    } else {
        s->n = 0;
    }
    free(pd.off);
    if (rc == FL_EINVAL) {
        size_t lineno = 1;
        for (size_t k = 0; k < line_at && k < n; k++) lineno += p[k] == '\n';
        return err_set(errmsg, rc, "line %zu: %s", lineno, why ? why : "malformed");
    }
    if (rc != FL_OK) return err_set(errmsg, rc, "conllu: %s", fl_strerror(rc));
    return FL_OK;
}
