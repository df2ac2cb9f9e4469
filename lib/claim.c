/*
** claim.c: the claim stage (see claim.h). It owns what makes a claim:
** a quotation with a named person and a speech verb beside it (a quote),
** else a sentence in the author's voice holding a recommendation or an
** assessment cue. Cues live in data/patterns/claims.txt. Quotation marks
** are paired with a depth counter, so nested quotes keep the outer one and
** an unbalanced mark yields nothing; one pass per sentence, linear time.
*/
#include "claim.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "lex.h"
#include "patfile.h"

#include "banned.h"

enum { CUE_SPEECH = 0, CUE_REC, CUE_ASSESS };

static lx_phrases C;
static lx_vocab V;         /* the words of C: tokens are classified once */

static int load(const char *datadir, char **errmsg) {
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    int rc = pat_read(datadir, "claims.txt", &b, errmsg);
    const char *p = b.data, *end = b.data + b.len, *line;
    size_t len;
    int lineno = 0;
    while (rc == FL_OK && pat_line(&p, end, &line, &len, &lineno)) {
        const char *q = line, *e = line + len, *kw;
        size_t kn;
        pat_field(&q, e, 0, &kw, &kn);
        int tag = pat_is(kw, kn, "speech") ? CUE_SPEECH : pat_is(kw, kn, "recommendation") ? CUE_REC
                : pat_is(kw, kn, "assessment") ? CUE_ASSESS : -1;
        rc = tag < 0 ? FL_EPACK : lx_phrases_add(&C, q, (size_t)(e - q), tag);
        if (rc) err_set(errmsg, rc, "claims.txt:%d: %s", lineno,
                        rc == FL_ENOMEM ? "out of memory" : "unknown kind");
    }
    buf_release(&b);
    if (rc == FL_OK) rc = lx_vocab_add_phrases(&V, &C);
    if (rc == FL_OK) rc = lx_vocab_build(&V);
    if (rc == FL_OK) rc = lx_phrases_index(&C, &V);
    if (rc == FL_ENOMEM) err_set(errmsg, rc, "claims.txt: out of memory");
    return rc;
}

static pat_once loader = PAT_ONCE_INIT(load, "claims.txt: cannot load");

static void load_once(void) { pat_once_run(&loader); }

int claim_init(const char *datadir, char **errmsg) { return pat_init(&loader, load_once, datadir, errmsg); }

const lx_vocab *claim_vocab(void) { return claim_init(NULL, NULL) == FL_OK ? &V : NULL; }

const char *claim_kind_name(int kind) {
    static const char *const names[] = {"recommendation", "assessment", "quote"};
    return kind >= 0 && kind < 3 ? names[kind] : "assessment";
}

typedef struct outv {
    annot_claim *c;
    size_t n, cap;
} outv;

static int push(outv *o, int kind, const char *speaker, size_t start, size_t end) {
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        annot_claim *nc = realloc(o->c, cap * sizeof *nc);
        if (!nc) return FL_ENOMEM;
        o->c = nc;
        o->cap = cap;
    }
    o->c[o->n++] = (annot_claim){.kind = kind, .speaker = speaker, .start = start, .end = end};
    return FL_OK;
}

static int is_person(const char *id) { return id && strncmp(id, "person:", 7) == 0; }

/* A cue of kind WANT among tokens [A, B) outside quotations; its index or
** (size_t)-1. INQ marks tokens inside quotation marks. */
static size_t cue_in(const lx_tok *t, size_t nt, const char *inq,
                     size_t a, size_t b, int want) {
    for (size_t i = a; i < b && i < nt; i++)
        if (!inq[i] && lx_phrases_may(&C, &t[i]) && lx_phrases_at(t, sizeof *t, nt, i, &C, want, NULL))
            return i;
    return (size_t)-1;
}

/* The person mention nearest before byte POS within [A, POS), or NULL. */
static const char *speaker_before(const annot_mention *m, size_t nm, size_t a, size_t pos) {
    const char *best = NULL;
    size_t at = 0;
    for (size_t i = 0; i < nm; i++)
        if (is_person(m[i].id) && m[i].start >= a && m[i].end <= pos && (!best || m[i].start >= at))
            best = m[i].id, at = m[i].start;
    return best;
}

static const char *speaker_in(const annot_mention *m, size_t nm, size_t a, size_t b) {
    for (size_t i = 0; i < nm; i++)
        if (is_person(m[i].id) && m[i].start >= a && m[i].end <= b) return m[i].id;
    return NULL;
}

/* Index range of the mentions inside [A, B), M sorted by start. */
static void mentions_in(const annot_mention *m, size_t nm, size_t a, size_t b,
                        size_t *lo, size_t *hi) {
    size_t l = 0, h = nm;
    while (l < h) {
        size_t mid = l + (h - l) / 2;
        if (m[mid].start < a) l = mid + 1;
        else h = mid;
    }
    *lo = l;
    while (l < nm && m[l].start < b) l++;
    *hi = l;
}

/* Sentence [A, B), its tokens SRC[0..NT) lexed. */
static int sentence(const char *text, size_t a, size_t b, const lx_sents *ls,
                    const lx_tok *src, size_t nt,
                    const annot_mention *m, size_t nm,
                    lx_tok **tk, char **inq, size_t *cap, outv *o) {
    if (!nt) return FL_OK;
    if (nt > *cap) {
        lx_tok *ntk = realloc(*tk, nt * sizeof *ntk);
        if (!ntk) return FL_ENOMEM;
        *tk = ntk;
        char *nq = realloc(*inq, nt);
        if (!nq) return FL_ENOMEM;
        *inq = nq;
        *cap = nt;
    }
    memcpy(*tk, src, nt * sizeof *src);
    lx_sents_class(ls, &V, text, *tk, nt);
    lx_tok *k = *tk;
    char *q = *inq;
    memset(q, 0, nt);
    size_t lo, hi;
    mentions_in(m, nm, a, b, &lo, &hi);
    int quoted = 0, rc = FL_OK;
    /* quotations: outermost balanced pairs */
    int depth = 0;
    size_t open = 0;
    size_t swept = 0, verb = (size_t)-1;   /* last speech verb outside quotes before SWEPT */
    for (size_t i = 0; rc == FL_OK && i < nt; i++) {
        if (k[i].kind != LX_PUNCT) continue;
        if (k[i].punct == LXP_OQUOTE) {
            if (depth++ == 0) open = i;
        } else if (k[i].punct == LXP_CQUOTE && depth > 0 && --depth == 0) {
            if (i == open + 1) continue;
            /* the last speech verb before the quote, outside earlier quotes:
            ** tokens before OPEN keep their quoted mark from now on, so one
            ** forward sweep serves every quote (linear, not quotes x tokens) */
            for (; swept < open; swept++)
                if (!q[swept] && lx_phrases_may(&C, &k[swept]) &&
                    lx_phrases_at(k, sizeof *k, nt, swept, &C, CUE_SPEECH, NULL))
                    verb = swept;
            memset(q + open, 1, i - open + 1);
            /* speaker: a person before a speech verb before the quote, or
            ** a speech verb right after it followed by a person */
            const char *who = NULL;
            if (verb != (size_t)-1) who = speaker_before(m + lo, hi - lo, a, k[verb].start);
            if (!who) {
                size_t after = cue_in(k, nt, q, i + 1, i + 3, CUE_SPEECH);
                if (after != (size_t)-1) who = speaker_in(m + lo, hi - lo, k[after].end, b);
            }
            if (who) {
                size_t s = k[open].end, e = k[i].start;
                rc = push(o, CLAIM_QUOTE, who, s, e);
                quoted = 1;
            }
        }
    }
    if (rc || quoted) return rc;
    if (cue_in(k, nt, q, 0, nt, CUE_REC) != (size_t)-1)
        return push(o, CLAIM_RECOMMENDATION, NULL, a, b);
    if (cue_in(k, nt, q, 0, nt, CUE_ASSESS) != (size_t)-1)
        return push(o, CLAIM_ASSESSMENT, NULL, a, b);
    return FL_OK;
}

static int cmp_mention(const void *x, const void *y) {
    const annot_mention *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

int claim_extract_sents(const char *text, size_t n, const seg_result *seg, const lx_sents *ls,
                        const annot_mention *mentions, size_t n_mentions,
                        annot_claim **out, size_t *n_out, char **errmsg) {
    *out = NULL;
    *n_out = 0;
    int rc = claim_init(NULL, errmsg);
    if (rc) return rc;
    annot_mention *m = NULL;
    size_t nm = 0;
    if (n_mentions) {
        if (!(m = malloc(n_mentions * sizeof *m))) return err_set(errmsg, FL_ENOMEM, "claims: out of memory");
        for (size_t i = 0; i < n_mentions; i++)
            if (is_person(mentions[i].id) && mentions[i].end <= n) m[nm++] = mentions[i];
        qsort(m, nm, sizeof *m, cmp_mention);
    }
    outv o = {0};
    lx_tok *tk = NULL;
    char *inq = NULL;
    size_t cap = 0;
    size_t n_sents = seg ? seg->n_sents : 1;
    for (size_t s = 0; rc == FL_OK && s < n_sents; s++) {
        size_t a = seg ? seg->sents[s].start : 0, b = seg ? seg->sents[s].end : n;
        if (a > b || b > n) rc = err_set(errmsg, FL_EINVAL, "sentence %zu out of the text", s);
        else rc = sentence(text, a, b, ls, ls->t + ls->first[s], ls->first[s + 1] - ls->first[s],
                           m, nm, &tk, &inq, &cap, &o);
    }
    free(tk);
    free(inq);
    free(m);
    if (rc) {
        free(o.c);
        if (rc == FL_ENOMEM) err_set(errmsg, rc, "claims: out of memory");
        return rc;
    }
    *out = o.c;
    *n_out = o.n;
    return FL_OK;
}

int claim_extract(const char *text, size_t n, const seg_result *seg,
                  const annot_mention *mentions, size_t n_mentions,
                  annot_claim **out, size_t *n_out, char **errmsg) {
    lx_sents ls;
    *out = NULL;
    *n_out = 0;
    if (lx_sents_lex(&ls, text, n, seg, NULL)) return err_set(errmsg, FL_ENOMEM, "claims: out of memory");
    int rc = claim_extract_sents(text, n, seg, &ls, mentions, n_mentions, out, n_out, errmsg);
    lx_sents_release(&ls);
    return rc;
}
