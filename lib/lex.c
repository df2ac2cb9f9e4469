/*
** lex.c: the punctuation-aware lexer of the rule-matching stages (lex.h).
*/
#include "lex.h"

#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "flank/flank.h"

#include "banned.h"

/* Length of the UTF-8 sequence at P (1 for an invalid byte). */
static size_t u8len(const unsigned char *p, size_t left) {
    size_t k = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
    if (k > left) return 1;
    for (size_t i = 1; i < k; i++)
        if ((p[i] & 0xC0) != 0x80) return 1;
    return k;
}

/* Punctuation class of a multi-byte character, -1 when it is a letter. */
static int u8punct(const unsigned char *p, size_t k) {
    if (k == 2 && p[0] == 0xC2) {
        if (p[1] == 0xAB) return LXP_OQUOTE;   /* « */
        if (p[1] == 0xBB) return LXP_CQUOTE;   /* » */
        if (p[1] == 0xA0) return -2;           /* no-break space */
        if (p[1] < 0xC0) return LXP_OTHER;     /* Latin-1 symbols */
    }
    if (k == 3 && p[0] == 0xE2 && p[1] == 0x80) {
        switch (p[2]) {
        case 0x93: case 0x94: case 0x95: return LXP_DASH;
        case 0x98: case 0x99: return LXP_APOS;
        case 0x9C: case 0x9E: return LXP_OQUOTE;
        case 0x9D: return LXP_CQUOTE;
        case 0xA6: return LXP_STOP;
        case 0xAF: case 0x89: case 0x8A: case 0x8B: case 0x88: return -2;
        default: return LXP_OTHER;
        }
    }
    if (k == 3 && p[0] == 0xE2) return LXP_OTHER;     /* other symbols */
    return k == 1 ? LXP_OTHER : -1;
}

static int asciialpha(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int asciidigit(unsigned char c) { return c >= '0' && c <= '9'; }

/* 1 when a letter or digit starts at P (ASCII or a UTF-8 letter). */
static int wordchar(const unsigned char *p, size_t left, int digits) {
    if (asciialpha(*p) || (digits && asciidigit(*p))) return 1;
    if (*p < 0x80) return 0;
    size_t k = u8len(p, left);
    return k > 1 && u8punct(p, k) == -1;
}

int lx_next(const char *text, size_t n, size_t *pos, lx_tok *tok) {
    const unsigned char *s = (const unsigned char *)text;
    size_t i = *pos;
    for (;;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        if (i >= n) {
            *pos = n;
            return 0;
        }
        size_t k = u8len(s + i, n - i);
        if (k > 1 && u8punct(s + i, k) == -2) {
            i += k;
            continue;
        }
        break;
    }
    tok->start = i;
    tok->punct = 0;
    if (asciidigit(s[i])) {
        while (i < n && asciidigit(s[i])) i++;
        tok->kind = LX_NUM;
    } else if (wordchar(s + i, n - i, 0)) {
        while (i < n && wordchar(s + i, n - i, 1)) i += u8len(s + i, n - i);
        tok->kind = LX_WORD;
    } else {
        size_t k = u8len(s + i, n - i);
        int pc = k > 1 ? u8punct(s + i, k) : LXP_OTHER;
        if (k == 1) {
            switch (s[i]) {
            case ',': pc = LXP_COMMA; break;
            case ':': pc = LXP_COLON; break;
            case ';': pc = LXP_SEMI; break;
            case '(': case '[': pc = LXP_OPAREN; break;
            case ')': case ']': pc = LXP_CPAREN; break;
            case '.': case '!': case '?': pc = LXP_STOP; break;
            case '\'': pc = LXP_APOS; break;
            case '"': {
                int before = i > 0 && s[i - 1] != ' ' && s[i - 1] != '\n' && s[i - 1] != '(';
                pc = before ? LXP_CQUOTE : LXP_OQUOTE;
                break;
            }
            case '-': {
                int left = i > 0 && wordchar(s + i - 1, 1, 1);
                int right = i + 1 < n && wordchar(s + i + 1, n - i - 1, 1);
                if (left && right) { pc = LXP_HYPHEN; break; }
                while (i + k < n && s[i + k] == '-') k++;   /* "--" */
                pc = LXP_DASH;
                break;
            }
            default: pc = LXP_OTHER;
            }
        }
        i += k;
        tok->kind = LX_PUNCT;
        tok->punct = pc < 0 ? LXP_OTHER : pc;
    }
    tok->end = i;
    *pos = i;
    return 1;
}

/* ASCII lower case: what strncasecmp folds in the C locale flank runs in. */
static unsigned char fold(unsigned char c) {
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* 1 when TEXT[0..N) folded equals the already folded W[0..N). */
static int folded_eq(const char *text, const char *w, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (fold((unsigned char)text[i]) != (unsigned char)w[i]) return 0;
    return 1;
}

/* One pass, no strlen: WORD must end exactly where the token does. */
int lx_is(const char *text, const lx_tok *t, const char *word) {
    const char *p = text + t->start;
    size_t len = t->end - t->start;
    for (size_t i = 0; i < len; i++)
        if (!word[i] || fold((unsigned char)p[i]) != fold((unsigned char)word[i])) return 0;
    return word[len] == '\0';
}

int lx_word_set(lx_word *w, const char *s, size_t n, int stars) {
    w->s = malloc(n + 1);
    if (!w->s) return FL_ENOMEM;
    memcpy(w->s, s, n);
    w->s[n] = '\0';
    w->n = strlen(w->s);             /* a stray NUL ends the word, as before */
    for (size_t i = 0; i < w->n; i++) w->s[i] = (char)fold((unsigned char)w->s[i]);
    w->prefix = stars && w->n > 1 && w->s[w->n - 1] == '*';
    if (w->prefix) w->s[--w->n] = '\0';
    return FL_OK;
}

void lx_word_release(lx_word *w) {
    free(w->s);
    w->s = NULL;
    w->n = 0;
}

int lx_word_match(const char *text, const lx_tok *t, const lx_word *w) {
    size_t len = t->end - t->start;
    if (w->prefix ? len < w->n : len != w->n) return 0;
    return folded_eq(text + t->start, w->s, w->n);
}

int lx_words_add(lx_words *ws, const char *s, size_t n, int stars) {
    if (ws->n == ws->cap) {
        size_t cap = ws->cap ? ws->cap * 2 : 8;
        lx_word *w = realloc(ws->w, cap * sizeof *w);
        if (!w) return FL_ENOMEM;
        ws->w = w;
        ws->cap = cap;
    }
    lx_word *w = &ws->w[ws->n];
    if (lx_word_set(w, s, n, stars)) return FL_ENOMEM;
    ws->n++;
    if (w->n) {                      /* an empty word matches no token */
        unsigned char c = (unsigned char)w->s[0];
        ws->first[c >> 3] |= (unsigned char)(1u << (c & 7));
    }
    return FL_OK;
}

void lx_words_release(lx_words *ws) {
    for (size_t i = 0; i < ws->n; i++) lx_word_release(&ws->w[i]);
    free(ws->w);
    memset(ws, 0, sizeof *ws);
}

int lx_words_match(const char *text, const lx_tok *t, const lx_words *ws) {
    if (t->end == t->start) return 0;
    unsigned char c = fold((unsigned char)text[t->start]);
    if (!(ws->first[c >> 3] & (1u << (c & 7)))) return 0;
    for (size_t i = 0; i < ws->n; i++)
        if (lx_word_match(text, t, &ws->w[i])) return 1;
    return 0;
}

int lx_phrase_set(lx_phrase *p, const char *s, size_t n) {
    size_t pos = 0;
    lx_tok t;
    p->n = 0;
    while (lx_next(s, n, &pos, &t)) {
        size_t len = t.end - t.start;
        if (t.end < n && s[t.end] == '*') len++, pos++;   /* keep a prefix mark */
        if (p->n == LX_PHRASE_MAX) return FL_EINVAL;
        if (lx_word_set(&p->w[p->n], s + t.start, len, 1)) return FL_ENOMEM;
        p->n++;
    }
    return p->n ? FL_OK : FL_EINVAL;
}

void lx_phrase_release(lx_phrase *p) {
    for (size_t i = 0; i < p->n; i++) lx_word_release(&p->w[i]);
    p->n = 0;
}

static const lx_tok *tok_at(const void *toks, size_t stride, size_t i) {
    return (const lx_tok *)(const void *)((const char *)toks + i * stride);
}

size_t lx_phrase_at(const char *text, const void *toks, size_t stride,
                    size_t nt, size_t i, const lx_phrase *p) {
    if (i + p->n > nt) return 0;
    for (size_t k = 0; k < p->n; k++)
        if (!lx_word_match(text, tok_at(toks, stride, i + k), &p->w[k])) return 0;
    return p->n;
}

/* ---- the first-word index of a phrase list ---------------------------- */

/* One distinct (exact) first word: phrases CAND[OFF .. OFF+CNT), in order. */
struct lx_first {
    const char *key;      /* folded; NULL for an empty slot */
    size_t n, off, cnt;
};

/* FNV-1a over the folded bytes, so a token hashes as its pattern word. */
static size_t fold_hash(const char *s, size_t n) {
    size_t h = (size_t)2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ fold((unsigned char)s[i])) * (size_t)16777619u;
    return h;
}

/* The slot of the first word S[0..N) (folded or not), or its empty slot. */
static lx_first *first_slot(const lx_phrases *l, const char *s, size_t n) {
    size_t j = fold_hash(s, n) & (l->cap - 1);
    while (l->first[j].key && !(l->first[j].n == n && folded_eq(s, l->first[j].key, n)))
        j = (j + 1) & (l->cap - 1);
    return &l->first[j];
}

static void index_free(lx_phrases *l) {
    free(l->first);
    free(l->cand);
    free(l->wild);
    l->first = NULL;
    l->cand = l->wild = NULL;
    l->cap = l->n_wild = 0;
}

/* Rebuilds the index of L from scratch: lists are loaded once and are
** short, so rebuilding per add keeps the code simple. */
static int index_build(lx_phrases *l) {
    index_free(l);
    size_t cap = 16;
    while (cap < 2 * l->n) cap *= 2;
    l->first = calloc(cap, sizeof *l->first);
    l->cand = malloc((l->n ? l->n : 1) * sizeof *l->cand);
    l->wild = malloc((l->n ? l->n : 1) * sizeof *l->wild);
    if (!l->first || !l->cand || !l->wild) {
        index_free(l);
        return FL_ENOMEM;
    }
    l->cap = cap;
    for (size_t k = 0; k < l->n; k++) {          /* count per first word */
        const lx_word *w = &l->p[k].w[0];
        if (w->prefix) {
            l->wild[l->n_wild++] = k;
            continue;
        }
        lx_first *f = first_slot(l, w->s, w->n);
        if (!f->key) f->key = w->s, f->n = w->n;
        f->cnt++;
    }
    size_t off = 0;
    for (size_t j = 0; j < cap; j++) {
        l->first[j].off = off;
        off += l->first[j].cnt;
        l->first[j].cnt = 0;
    }
    for (size_t k = 0; k < l->n; k++) {          /* fill, keeping file order */
        const lx_word *w = &l->p[k].w[0];
        if (w->prefix) continue;
        lx_first *f = first_slot(l, w->s, w->n);
        l->cand[f->off + f->cnt++] = k;
    }
    return FL_OK;
}

int lx_phrases_add(lx_phrases *l, const char *s, size_t n, int tag) {
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        const char *e = bar ? bar : end;
        lx_phrase *np = realloc(l->p, (l->n + 1) * sizeof *np);
        if (!np) return FL_ENOMEM;
        l->p = np;
        int *nt = realloc(l->tag, (l->n + 1) * sizeof *nt);
        if (!nt) return FL_ENOMEM;
        l->tag = nt;
        memset(&l->p[l->n], 0, sizeof l->p[l->n]);
        l->tag[l->n] = tag;
        int rc = lx_phrase_set(&l->p[l->n], p, (size_t)(e - p));
        if (rc == FL_OK) l->n++;
        else lx_phrase_release(&l->p[l->n]);
        if (rc == FL_ENOMEM) return rc;   /* an empty alternative is skipped */
        p = bar ? bar + 1 : end;
    }
    return index_build(l);
}

void lx_phrases_release(lx_phrases *l) {
    for (size_t k = 0; k < l->n; k++) lx_phrase_release(&l->p[k]);
    free(l->p);
    free(l->tag);
    index_free(l);
    l->p = NULL;
    l->tag = NULL;
    l->n = 0;
}

size_t lx_phrases_next(const char *text, const void *toks, size_t stride,
                       size_t nt, size_t i, const lx_phrases *l, int want,
                       size_t *k) {
    if (i >= nt || !l->cap) return 0;
    const lx_tok *t = tok_at(toks, stride, i);
    const lx_first *f = first_slot(l, text + t->start, t->end - t->start);
    const size_t *a = l->cand + f->off, *b = l->wild;
    size_t na = f->key ? f->cnt : 0, nb = l->n_wild, ia = 0, ib = 0;
    while (ia < na || ib < nb) {                 /* merge: phrase order */
        size_t c = ib == nb || (ia < na && a[ia] < b[ib]) ? a[ia++] : b[ib++];
        if (c < *k || (want >= 0 && l->tag[c] != want)) continue;
        size_t used = lx_phrase_at(text, toks, stride, nt, i, &l->p[c]);
        if (used) {
            *k = c;
            return used;
        }
    }
    return 0;
}

size_t lx_phrases_at(const char *text, const void *toks, size_t stride,
                     size_t nt, size_t i, const lx_phrases *l, int want,
                     int *tag) {
    size_t k = 0, used = lx_phrases_next(text, toks, stride, nt, i, l, want, &k);
    if (used && tag) *tag = l->tag[k];
    return used;
}
