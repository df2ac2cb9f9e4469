/*
** tokenize.c: the word tokenizer and folder of tokenize.h. One pass, no
** allocation: ASCII goes through a class table, everything else through
** utf8proc one code point at a time (category, case fold, mark stripping).
** Also the kept word list of a text (tok_words).
*/
#include "tokenize.h"

#include <string.h>
#include <utf8proc.h>

#include "flank/flank.h"
#include "banned.h"

/* Class bits of each ASCII byte (0: separator) and its folded form. */
enum { C_SEP = 0, C_UPPER = 1, C_LOWER = 2, C_DIGIT = 4 };
static unsigned char ascii_class[128];
static char ascii_fold[128];
static unsigned char ascii_ready;

static void ascii_init(void) {
    /* Idempotent and race-free in practice: every writer stores the same
    ** values and the flag is set last. */
    for (int c = 0; c < 128; c++) {
        unsigned char k = C_SEP;
        if (c >= 'a' && c <= 'z') k = C_LOWER;
        else if (c >= 'A' && c <= 'Z') k = C_UPPER;
        else if (c >= '0' && c <= '9') k = C_DIGIT;
        ascii_class[c] = k;
        ascii_fold[c] = (char)(k == C_UPPER ? c + 32 : c);
    }
    ascii_ready = 1;
}

/* A separator that does not break a multi-word name: space, hyphen,
** apostrophe (ASCII handled by the caller), and their Unicode kin. */
static int light_space(utf8proc_int32_t cp) {
    return cp == 0xA0 || cp == 0x2010 || cp == 0x2011 || cp == 0x2019 ||
           cp == 0x202F || cp == 0x2009 || cp == 0x200B;
}

static int word_category(utf8proc_int32_t cp, int *is_upper, int *is_lower) {
    utf8proc_category_t cat = utf8proc_category(cp);
    *is_upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
    *is_lower = cat == UTF8PROC_CATEGORY_LL;
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO);
}

/* Decodes one code point at P (N bytes left); returns its length, or 0
** for an invalid sequence. */
static size_t decode(const unsigned char *p, size_t n, utf8proc_int32_t *cp) {
    utf8proc_ssize_t l = utf8proc_iterate(p, n > 4 ? 4 : (utf8proc_ssize_t)n, cp);
    return l > 0 ? (size_t)l : 0;
}

/* Appends the folded form of CP to OUT at *LEN (capacity TOK_MAX_FOLD). */
static int fold_cp(utf8proc_int32_t cp, char *out, size_t *len) {
    utf8proc_int32_t dst[18];
    int bc = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(
        cp, dst, 18,
        UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
        &bc);
    if (k < 0 || k > 18) return 0;
    for (utf8proc_ssize_t j = 0; j < k; j++) {
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t e = utf8proc_encode_char(dst[j], enc);
        if (*len + (size_t)e > TOK_MAX_FOLD) return 1;
        memcpy(out + *len, enc, (size_t)e);
        *len += (size_t)e;
    }
    return 0;
}

static int is_ascii_letter(unsigned char c) {
    return c < 128 && (ascii_class[c] == C_LOWER || ascii_class[c] == C_UPPER);
}

int tok_run(const char *text, size_t n, void *ctx, tok_fn fn) {
    const unsigned char *s = (const unsigned char *)text;
    char fold[TOK_MAX_FOLD];
    size_t i = 0;
    int brk = 1, newlines = 0;
    if (!ascii_ready) ascii_init();
    while (i < n) {
        unsigned char c = s[i];
        utf8proc_int32_t cp = c;
        size_t l = 1;
        int up = 0, low = 0;
        if (c < 0x80) {
            if (ascii_class[c] == C_SEP) {
                if (c == '\n') {
                    if (++newlines > 1) brk = 1;
                } else if (c != ' ' && c != '\t' && c != '\r' && c != '-' && c != '\'') {
                    brk = 1;
                }
                i++;
                continue;
            }
        } else {
            l = decode(s + i, n - i, &cp);
            if (l == 0) {
                brk = 1;
                i++;
                continue;
            }
            if (!word_category(cp, &up, &low)) {
                if (!light_space(cp)) brk = 1;
                i += l;
                continue;
            }
        }
        /* A word starts at i. */
        size_t start = i, len = 0;
        int flags = brk ? TOK_BREAK : 0, cased = 0, lower = 0;
        if (c < 0x80) {
            unsigned char k = ascii_class[c];
            if (k == C_UPPER) flags |= TOK_CAP;
            if (k == C_DIGIT) flags |= TOK_DIGIT;
        } else {
            if (up) flags |= TOK_CAP;
            if (utf8proc_category(cp) == UTF8PROC_CATEGORY_ND) flags |= TOK_DIGIT;
        }
        unsigned acc = 0;
        while (i < n) {
            c = s[i];
            if (c < 0x80) {
                unsigned char k = ascii_class[c];
                if (k == C_SEP) break;
                acc |= k;
                if (len < TOK_MAX_FOLD) fold[len++] = ascii_fold[c];
                else flags |= TOK_LONG;
                i++;
            } else {
                l = decode(s + i, n - i, &cp);
                if (l == 0 || !word_category(cp, &up, &low)) break;
                acc |= (up ? C_UPPER : 0) | (low ? C_LOWER : 0);
                if (!(flags & TOK_LONG) && fold_cp(cp, fold, &len)) flags |= TOK_LONG;
                i += l;
            }
        }
        cased = (acc & (C_UPPER | C_LOWER)) != 0;
        lower = (acc & C_LOWER) != 0;
        size_t end = i;
        /* Dotted abbreviation: single letters each followed by a dot. */
        if (end - start == 1 && is_ascii_letter(s[start]) && i + 2 < n + 1 &&
            i < n && s[i] == '.') {
            size_t p = i, letters = len;
            while (p + 2 < n && s[p] == '.' && is_ascii_letter(s[p + 1]) &&
                   s[p + 2] == '.' && (p + 3 >= n || !is_ascii_letter(s[p + 3]))) {
                unsigned char d = s[p + 1];
                if (ascii_class[d] == C_LOWER) lower = 1;
                fold[len++] = ascii_fold[d];
                p += 2;
                if (len >= 16) break;
            }
            if (len > letters) {
                end = i = p + 1;
                flags |= TOK_ABBR;
            }
        }
        if (cased && !lower) flags |= TOK_UPPER;
        /* Possessive 's / ’s, not followed by another letter. */
        size_t q = 0;
        if (i < n && s[i] == '\'') q = 1;
        else if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x99) q = 3;
        if (q && i + q < n && (s[i + q] == 's' || s[i + q] == 'S') &&
            (i + q + 1 >= n || (s[i + q + 1] < 0x80 && ascii_class[s[i + q + 1]] == C_SEP))) {
            flags |= TOK_POSS;
            i += q + 1;
        }
        brk = 0;
        newlines = 0;
        int rc = fn(ctx, flags, fold, len, start, end);
        if (rc) return rc;
    }
    return FL_OK;
}

typedef struct fold_ctx {
    char *out;
    size_t size, len;
} fold_ctx;

static int fold_word(void *ctx, int flags, const char *t, size_t nt, size_t start,
                     size_t end) {
    fold_ctx *f = ctx;
    (void)flags, (void)start, (void)end;
    if (f->len && f->len + 1 < f->size) f->out[f->len++] = ' ';
    if (nt > f->size - 1 - f->len) nt = f->size - 1 - f->len;
    memcpy(f->out + f->len, t, nt);
    f->len += nt;
    return 0;
}

size_t tok_fold(const char *text, size_t n, char *out, size_t out_size) {
    fold_ctx f = {out, out_size, 0};
    if (!out_size) return 0;
    tok_run(text, n, &f, fold_word);
    out[f.len] = '\0';
    return f.len;
}

static int keep_word(void *ctx, int flags, const char *t, size_t nt, size_t start, size_t end) {
    tok_words *ws = ctx;
    tok_word w = {start, end, ws->folds.len, (unsigned)nt, flags};
    buf_append(&ws->folds, t, nt);
    return buf_append(&ws->words, &w, sizeof w);
}

int tok_words_make(const char *text, size_t n, tok_words *out) {
    buf_init(&out->words, BUF_NO_LIMIT);
    buf_init(&out->folds, BUF_NO_LIMIT);
    /* About one word in six bytes: one allocation each for most texts. */
    buf_reserve(&out->words, (n / 6 + 16) * sizeof(tok_word));
    buf_reserve(&out->folds, n);
    int rc = tok_run(text, n, out, keep_word);
    return rc != FL_OK ? rc : out->folds.rc;
}

void tok_words_release(tok_words *ws) {
    buf_release(&ws->words);
    buf_release(&ws->folds);
}

static int key_word(void *ctx, int flags, const char *token, size_t n, size_t start, size_t end) {
    (void)flags, (void)start, (void)end;
    tok_key *k = ctx;
    if (k->n + n + 2 > sizeof k->s) return 1;
    if (k->n) k->s[k->n++] = ' ';
    memcpy(k->s + k->n, token, n);
    k->n += n;
    k->s[k->n] = '\0';
    return 0;
}

void tok_key_make(const char *text, size_t n, tok_key *k) {
    k->n = 0;
    k->s[0] = '\0';
    tok_run(text, n, k, key_word);
}
