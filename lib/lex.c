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

int lx_is(const char *text, const lx_tok *t, const char *word) {
    size_t n = strlen(word);
    return t->end - t->start == n && strncasecmp(text + t->start, word, n) == 0;
}

int lx_phrase_set(lx_phrase *p, const char *s, size_t n) {
    size_t pos = 0;
    lx_tok t;
    p->n = 0;
    while (lx_next(s, n, &pos, &t)) {
        size_t len = t.end - t.start;
        if (t.end < n && s[t.end] == '*') len++, pos++;   /* keep a prefix mark */
        if (p->n == LX_PHRASE_MAX) return FL_EINVAL;
        char *w = malloc(len + 1);
        if (!w) return FL_ENOMEM;
        memcpy(w, s + t.start, len);
        w[len] = '\0';
        p->w[p->n++] = w;
    }
    return p->n ? FL_OK : FL_EINVAL;
}

void lx_phrase_release(lx_phrase *p) {
    for (size_t i = 0; i < p->n; i++) free(p->w[i]);
    p->n = 0;
}

int lx_word_match(const char *text, const lx_tok *t, const char *w) {
    size_t n = strlen(w), len = t->end - t->start;
    if (n > 1 && w[n - 1] == '*')
        return len >= n - 1 && strncasecmp(text + t->start, w, n - 1) == 0;
    return len == n && strncasecmp(text + t->start, w, n) == 0;
}

size_t lx_phrase_at(const char *text, const void *toks, size_t stride,
                    size_t nt, size_t i, const lx_phrase *p) {
    if (i + p->n > nt) return 0;
    const char *base = toks;
    for (size_t k = 0; k < p->n; k++) {
        const lx_tok *t = (const lx_tok *)(const void *)(base + (i + k) * stride);
        if (!lx_word_match(text, t, p->w[k])) return 0;
    }
    return p->n;
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
    return FL_OK;
}

size_t lx_phrases_at(const char *text, const void *toks, size_t stride,
                     size_t nt, size_t i, const lx_phrases *l, int want,
                     int *tag) {
    for (size_t k = 0; k < l->n; k++) {
        if (want >= 0 && l->tag[k] != want) continue;
        size_t used = lx_phrase_at(text, toks, stride, nt, i, &l->p[k]);
        if (used) {
            if (tag) *tag = l->tag[k];
            return used;
        }
    }
    return 0;
}
