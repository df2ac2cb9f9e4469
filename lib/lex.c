/*
** lex.c: the punctuation-aware lexer of the rule-matching stages (lex.h).
*/
#include "lex.h"

#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "flank/flank.h"
#include "buf.h"
#include "hash.h"

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

/* Byte classes, a table because the lexer's loops ask per byte: ASCII
** letter, ASCII digit, the spaces that separate tokens. */
enum { B_ALPHA = 1, B_DIGIT = 2, B_SPACE = 4 };
static const unsigned char byte_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 0, 4, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static int asciialpha(unsigned char c) { return byte_class[c] & B_ALPHA; }
static int asciidigit(unsigned char c) { return byte_class[c] & B_DIGIT; }

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
        while (i < n && (byte_class[s[i]] & B_SPACE)) i++;
        if (i >= n) {
            *pos = n;
            return 0;
        }
        if (s[i] < 0x80) break;
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
        for (;;) {                   /* ASCII runs first: most words are all ASCII */
            while (i < n && (byte_class[s[i]] & (B_ALPHA | B_DIGIT))) i++;
            if (i >= n || s[i] < 0x80 || !wordchar(s + i, n - i, 1)) break;
            i += u8len(s + i, n - i);
        }
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

int lx_sents_lex(lx_sents *ls, const char *text, size_t n, const seg_result *seg,
                 const lx_union *u) {
    size_t ns = seg ? seg->n_sents : 1, nt = 0;
    size_t span = seg && ns ? seg->sents[ns - 1].end - seg->sents[0].start : n;   /* a window's, or N */
    size_t cap = (span <= n ? span : n) / 4 + 16;
    memset(ls, 0, sizeof *ls);
    ls->first = malloc((ns + 1) * sizeof *ls->first);
    ls->t = malloc(cap * sizeof *ls->t);
    if (!ls->first || !ls->t) {
        lx_sents_release(ls);
        return FL_ENOMEM;
    }
    for (size_t k = 0; k < ns; k++) {
        size_t a = seg ? seg->sents[k].start : 0, b = seg ? seg->sents[k].end : n;
        ls->first[k] = nt;
        if (a > b || b > n) continue;
        for (size_t pos = a;;) {
            if (nt == cap) {
                lx_tok *t = realloc(ls->t, cap * 2 * sizeof *t);
                if (!t) {
                    lx_sents_release(ls);
                    return FL_ENOMEM;
                }
                ls->t = t;
                cap *= 2;
            }
            if (!lx_next(text, b, &pos, &ls->t[nt])) break;
            ls->t[nt].cls = 0;
            if (u) lx_classify(&u->all, text, &ls->t[nt]);
            nt++;
        }
    }
    ls->first[ns] = nt;
    ls->n_sents = ns;
    ls->u = u;
    return FL_OK;
}

void lx_sents_release(lx_sents *ls) {
    free(ls->t);
    free(ls->first);
    memset(ls, 0, sizeof *ls);
}

int lx_sents_next(const lx_sents *ls, size_t k, const char *text, size_t b,
                  size_t *pos, size_t *cur, lx_tok *tok) {
    const lx_tok *t = ls->t + ls->first[k];
    size_t nt = ls->first[k + 1] - ls->first[k], c = *cur;
    if (c > 0 && t[c - 1].end == *pos) {   /* no jump: LS's next token is lx_next's */
        if (c == nt) {
            *pos = b;
            return 0;
        }
        *tok = t[c];
        *pos = t[c].end;
        *cur = c + 1;
        return 2;
    }
    while (c < nt && t[c].start < *pos) c++;
    *cur = c;
    /* Inside a token, or inside a UTF-8 sequence of the spaces between two,
    ** lx_next would not see the token boundaries LS holds. */
    if ((c > 0 && t[c - 1].end > *pos) ||
        (*pos < b && ((unsigned char)text[*pos] & 0xC0) == 0x80))
        return lx_next(text, b, pos, tok);
    if (c == nt) {
        *pos = b;
        return 0;
    }
    *tok = t[c];
    *pos = t[c].end;
    *cur = c + 1;
    return 2;
}

/* ASCII lower case: what strncasecmp folds in the C locale flank runs in. */
static const unsigned char fold_table[256] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
    32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
    48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
    64, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 91, 92, 93, 94, 95,
    96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
    128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143,
    144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159,
    160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175,
    176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191,
    192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207,
    208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223,
    224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
    240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255,
};

static unsigned char fold(unsigned char c) { return fold_table[c]; }

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
    w->bits = NULL;
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
    free(w->bits);
    w->s = NULL;
    w->bits = NULL;
    w->n = 0;
}

int lx_words_add(lx_words *ws, const char *s, size_t n, int stars) {
    if (ws->n == ws->cap && array_grow(&ws->w, &ws->cap, sizeof *ws->w, 8) != FL_OK) return FL_ENOMEM;
    if (lx_word_set(&ws->w[ws->n], s, n, stars)) return FL_ENOMEM;
    ws->n++;
    return FL_OK;
}

void lx_words_release(lx_words *ws) {
    for (size_t i = 0; i < ws->n; i++) lx_word_release(&ws->w[i]);
    free(ws->w);
    free(ws->bits);
    free(ws->nz);
    memset(ws, 0, sizeof *ws);
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

size_t lx_phrase_at(const void *toks, size_t stride, size_t nt, size_t i,
                    const lx_phrase *p) {
    if (i + p->n > nt) return 0;
    for (size_t k = 0; k < p->n; k++)
        if (!lx_word_has(&p->w[k], tok_at(toks, stride, i + k))) return 0;
    return p->n;
}

static void index_free(lx_phrases *l) {
    free(l->off);
    free(l->cand);
    l->off = l->cand = NULL;
    l->n_cls = 0;
}

int lx_phrases_add(lx_phrases *l, const char *s, size_t n, int tag) {
    const char *p = s, *end = s + n;
    index_free(l);                    /* stale until indexed again */
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
    return FL_OK;
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

size_t lx_phrases_next(const void *toks, size_t stride, size_t nt, size_t i,
                       const lx_phrases *l, int want, size_t *k) {
    if (i >= nt) return 0;
    unsigned c = tok_at(toks, stride, i)->cls;
    if (!c || c >= l->n_cls) return 0;
    for (size_t x = l->off[c]; x < l->off[c + 1]; x++) {
        size_t ph = l->cand[x];
        if (ph < *k || (want >= 0 && l->tag[ph] != want)) continue;
        size_t used = lx_phrase_at(toks, stride, nt, i, &l->p[ph]);
        if (used) {
            *k = ph;
            return used;
        }
    }
    return 0;
}

size_t lx_phrases_at(const void *toks, size_t stride, size_t nt, size_t i,
                     const lx_phrases *l, int want, int *tag) {
    size_t k = 0, used = lx_phrases_next(toks, stride, nt, i, l, want, &k);
    if (used && tag) *tag = l->tag[k];
    return used;
}

/* ---- vocabularies ------------------------------------------------------- */

/* FNV-1a over the folded bytes, so a token hashes as its pattern word. */
static size_t fold_hash(const char *s, size_t n) {
    uint64_t h = FNV1A_START;
    for (size_t i = 0; i < n; i++) h = fnv1a_step(h, fold((unsigned char)s[i]));
    return (size_t)h;
}

static int bit_has(const uint64_t *b, size_t c) { return b[c >> 6] >> (c & 63) & 1; }
static void bit_set(uint64_t *b, size_t c) { b[c >> 6] |= (uint64_t)1 << (c & 63); }


/* A sieve position of S[0..N) (N > 0): most tokens that are no pattern
** word miss the sieve and are not hashed. */
static size_t sieve_key(const char *s, size_t n) {
    return ((size_t)fold((unsigned char)s[0]) * 31 + fold((unsigned char)s[n - 1]) + n * 7) & 4095;
}

/* The exact class of folded-or-not S[0..N) in the table, or its empty
** slot's index negated into *SLOT. */
static unsigned exact_class(const lx_vocab *v, const char *s, size_t n, size_t *slot) {
    size_t j = fold_hash(s, n) & v->mask;
    for (;; j = (j + 1) & v->mask) {
        unsigned c = v->table[j];
        if (!c) break;
        if (v->len[c - 1] == n && folded_eq(s, v->s[c - 1], n)) return c;
    }
    if (slot) *slot = j;
    return 0;
}

int lx_vocab_add_word(lx_vocab *v, const lx_word *w) {
    if (!w->n) return FL_OK;         /* an empty word matches no token */
    for (size_t c = 0; c < v->n; c++)
        if (v->prefix[c] == (w->prefix != 0) && v->len[c] == w->n && memcmp(v->s[c], w->s, w->n) == 0)
            return FL_OK;
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        char **s = realloc(v->s, cap * sizeof *s);
        if (s) v->s = s;
        size_t *len = realloc(v->len, cap * sizeof *len);
        if (len) v->len = len;
        unsigned char *pre = realloc(v->prefix, cap);
        if (pre) v->prefix = pre;
        if (!s || !len || !pre) return FL_ENOMEM;
        v->cap = cap;
    }
    v->s[v->n] = w->s;               /* borrowed: the pattern outlives V's use */
    v->len[v->n] = w->n;
    v->prefix[v->n] = w->prefix != 0;
    v->n++;
    return FL_OK;
}

int lx_vocab_add_words(lx_vocab *v, const lx_words *ws) {
    int rc = FL_OK;
    for (size_t i = 0; rc == FL_OK && i < ws->n; i++) rc = lx_vocab_add_word(v, &ws->w[i]);
    return rc;
}

int lx_vocab_add_phrases(lx_vocab *v, const lx_phrases *l) {
    int rc = FL_OK;
    for (size_t k = 0; k < l->n; k++)
        for (size_t i = 0; rc == FL_OK && i < l->p[k].n; i++) rc = lx_vocab_add_word(v, &l->p[k].w[i]);
    return rc;
}

/* 1 when prefix class A (0-based) goes before B: by first byte, then the
** longer first, so the first that fits a token is its longest. */
static int pre_before(const lx_vocab *v, size_t a, size_t b) {
    unsigned char fa = (unsigned char)v->s[a][0], fb = (unsigned char)v->s[b][0];
    return fa != fb ? fa < fb : v->len[a] > v->len[b];
}

int lx_vocab_build(lx_vocab *v) {
    size_t cap = 16;
    while (cap < 2 * v->n) cap *= 2;
    free(v->table);
    free(v->pre);
    v->table = calloc(cap, sizeof *v->table);
    v->pre = malloc((v->n ? v->n : 1) * sizeof *v->pre);
    if (!v->table || !v->pre) return FL_ENOMEM;
    v->mask = cap - 1;
    v->n_pre = 0;
    memset(v->pre_at, 0, sizeof v->pre_at);
    memset(v->sieve, 0, sizeof v->sieve);
    for (size_t c = 0; c < v->n; c++) {
        if (v->prefix[c]) {
            size_t at = v->n_pre++;  /* insertion sort: by first byte, longest first */
            while (at > 0 && pre_before(v, c, v->pre[at - 1] - 1)) {
                v->pre[at] = v->pre[at - 1];
                at--;
            }
            v->pre[at] = (unsigned)(c + 1);
            v->pre_at[(unsigned char)v->s[c][0] + 1]++;
            continue;
        }
        size_t slot = 0;
        if (!exact_class(v, v->s[c], v->len[c], &slot)) v->table[slot] = (unsigned)(c + 1);
        bit_set(v->sieve, sieve_key(v->s[c], v->len[c]));
    }
    for (size_t b = 1; b <= 256; b++) v->pre_at[b] += v->pre_at[b - 1];
    return FL_OK;
}

void lx_vocab_release(lx_vocab *v) {
    free(v->s);
    free(v->len);
    free(v->prefix);
    free(v->table);
    free(v->pre);
    memset(v, 0, sizeof *v);
}

/* The class of V's longest prefix word S[0..N) (N > 0) begins with, or 0. */
static unsigned prefix_class(const lx_vocab *v, const char *s, size_t n) {
    unsigned char f = fold((unsigned char)s[0]);
    for (size_t k = v->pre_at[f]; k < v->pre_at[f + 1]; k++) {
        unsigned c = v->pre[k];
        if (n >= v->len[c - 1] && folded_eq(s, v->s[c - 1], v->len[c - 1])) return c;
    }
    return 0;
}

void lx_classify(const lx_vocab *v, const char *text, lx_tok *t) {
    const char *s = text + t->start;
    size_t n = t->end - t->start;
    t->cls = 0;
    if (!n || !v->table) return;
    if (bit_has(v->sieve, sieve_key(s, n)) && (t->cls = exact_class(v, s, n, NULL))) return;
    t->cls = prefix_class(v, s, n);
}

/* The table from X's classes to V's (see lx_union in lex.h). */
static unsigned *union_map(const lx_vocab *all, const lx_vocab *v) {
    unsigned *map = calloc(all->n + 1, sizeof *map);
    if (!map || !v->table) return map;
    for (size_t c = 1; c <= all->n; c++) {
        const char *s = all->s[c - 1];
        size_t n = all->len[c - 1];
        unsigned k = all->prefix[c - 1] ? 0 : exact_class(v, s, n, NULL);
        map[c] = k ? k : prefix_class(v, s, n);
    }
    return map;
}

int lx_union_build(lx_union *x, const lx_vocab *const *vs, size_t n) {
    memset(x, 0, sizeof *x);
    if (n > LX_UNION_MAX) return FL_EINVAL;
    int rc = FL_OK;
    for (size_t k = 0; k < n && rc == FL_OK; k++)
        for (size_t c = 0; c < vs[k]->n && rc == FL_OK; c++) {
            lx_word w = {.s = vs[k]->s[c], .n = vs[k]->len[c], .prefix = vs[k]->prefix[c]};
            rc = lx_vocab_add_word(&x->all, &w);
        }
    if (rc == FL_OK) rc = lx_vocab_build(&x->all);
    for (size_t k = 0; k < n && rc == FL_OK; k++) {
        x->v[k] = vs[k];
        if (!(x->map[k] = union_map(&x->all, vs[k]))) rc = FL_ENOMEM;
        x->n = k + 1;
    }
    if (rc != FL_OK) lx_union_release(x);
    return rc;
}

void lx_union_release(lx_union *x) {
    for (size_t k = 0; k < LX_UNION_MAX; k++) free(x->map[k]);
    lx_vocab_release(&x->all);
    memset(x, 0, sizeof *x);
}

const unsigned *lx_sents_map(const lx_sents *ls, const lx_vocab *v) {
    for (size_t k = 0; ls->u && k < ls->u->n; k++)
        if (ls->u->v[k] == v) return ls->u->map[k];
    return NULL;
}

void lx_sents_class(const lx_sents *ls, const lx_vocab *v, const char *text,
                    lx_tok *t, size_t n) {
    const unsigned *map = lx_sents_map(ls, v);
    if (map) {
        for (size_t i = 0; i < n; i++) t[i].cls = map[t[i].cls];
    } else {
        for (size_t i = 0; i < n; i++) lx_classify(v, text, &t[i]);
    }
}

/* 1 when a token of class C (of V) matches W. An exact class stands for
** its word; a prefix class for the words beginning with it that are no
** exact class, which W matches only as a prefix of the class's own. */
static int word_covers(const lx_vocab *v, const lx_word *w, size_t c) {
    const char *s = v->s[c - 1];
    size_t n = v->len[c - 1];
    if (!w->n) return 0;
    if (!w->prefix) return !v->prefix[c - 1] && n == w->n && memcmp(s, w->s, n) == 0;
    return n >= w->n && memcmp(s, w->s, w->n) == 0;
}

static uint64_t *bits_new(const lx_vocab *v) {
    return calloc(lx_vocab_words(v), sizeof(uint64_t));
}

int lx_word_index(lx_word *w, const lx_vocab *v) {
    free(w->bits);
    if (!(w->bits = bits_new(v))) return FL_ENOMEM;
    for (size_t c = 1; c <= v->n; c++)
        if (word_covers(v, w, c)) bit_set(w->bits, c);
    return FL_OK;
}

int lx_words_index(lx_words *ws, const lx_vocab *v) {
    free(ws->bits);
    free(ws->nz);
    ws->nz = NULL;
    ws->n_nz = 0;
    if (!(ws->bits = bits_new(v))) return FL_ENOMEM;
    for (size_t i = 0; i < ws->n; i++) {
        if (lx_word_index(&ws->w[i], v)) return FL_ENOMEM;
        for (size_t c = 1; c <= v->n; c++)
            if (bit_has(ws->w[i].bits, c)) bit_set(ws->bits, c);
    }
    if (!(ws->nz = malloc(lx_vocab_words(v) * sizeof *ws->nz))) return FL_ENOMEM;
    for (size_t i = 0; i < lx_vocab_words(v); i++)
        if (ws->bits[i]) ws->nz[ws->n_nz++] = i;
    return FL_OK;
}

int lx_phrases_index(lx_phrases *l, const lx_vocab *v) {
    index_free(l);
    size_t n_cls = v->n + 1, total = 0;
    for (size_t k = 0; k < l->n; k++)
        for (size_t i = 0; i < l->p[k].n; i++)
            if (lx_word_index(&l->p[k].w[i], v)) return FL_ENOMEM;
    l->off = calloc(n_cls + 1, sizeof *l->off);
    if (!l->off) return FL_ENOMEM;
    for (size_t c = 1; c < n_cls; c++) {       /* count, then fill in order */
        l->off[c] = total;
        for (size_t k = 0; k < l->n; k++) total += bit_has(l->p[k].w[0].bits, c);
    }
    l->off[n_cls] = total;
    l->cand = malloc((total ? total : 1) * sizeof *l->cand);
    if (!l->cand) {
        index_free(l);
        return FL_ENOMEM;
    }
    for (size_t c = 1, x = 0; c < n_cls; c++)
        for (size_t k = 0; k < l->n; k++)
            if (bit_has(l->p[k].w[0].bits, c)) l->cand[x++] = k;
    l->n_cls = n_cls;
    return FL_OK;
}

int lx_words_meet(const lx_words *ws, const uint64_t *seen) {
    for (size_t k = 0; k < ws->n_nz; k++)
        if (ws->bits[ws->nz[k]] & seen[ws->nz[k]]) return 1;
    return 0;                        /* class 0 is in no set */
}
