/*
** lex.h: the punctuation-aware lexer the rule-matching stages (date.c,
** relation.c, claim.c) share. Unlike tokenize.h, which yields words only
** (for the index and entity matching), rules need the punctuation too:
** commas and "and" make lists, dashes and colons introduce them, quotes
** delimit speech, brackets nest. It owns what one token is; it allocates
** nothing and runs in one pass, so time is linear on any input.
**
** A token is a word (letters, digits after a letter, UTF-8 letters), a
** number (ASCII digits), or one punctuation character (ASCII or a UTF-8
** sequence such as an em dash or a curly quote). Spaces separate tokens.
*/
#ifndef FL_LEX_H
#define FL_LEX_H

#include <stddef.h>

enum { LX_WORD = 1, LX_NUM, LX_PUNCT };

/* Punctuation classes, set for LX_PUNCT tokens. */
enum {
    LXP_OTHER = 0,
    LXP_DASH,        /* em dash, en dash, a free-standing hyphen run */
    LXP_HYPHEN,      /* '-' joined to a word on both sides */
    LXP_APOS,        /* ' or ’ (possessive or closing single quote) */
    LXP_OQUOTE,      /* an opening double quote: “ « „ or " before a word */
    LXP_CQUOTE,      /* a closing double quote: ” » or " after a word */
    LXP_OPAREN,
    LXP_CPAREN,
    LXP_COMMA,
    LXP_COLON,
    LXP_SEMI,
    LXP_STOP         /* . ! ? … */
};

typedef struct lx_tok {
    size_t start, end;   /* byte span, end exclusive */
    int kind;            /* LX_WORD, LX_NUM, LX_PUNCT */
    int punct;           /* LXP_* for LX_PUNCT, else 0 */
} lx_tok;

/* Reads the next token of TEXT[0..N) at or after *POS; advances *POS past
** it. Returns 0 when no token is left. */
int lx_next(const char *text, size_t n, size_t *pos, lx_tok *tok);

/* Case-insensitive (ASCII) comparison of a token with a NUL-terminated
** word; UTF-8 bytes must be equal. */
int lx_is(const char *text, const lx_tok *t, const char *word);



/* ---- phrases: short word sequences from the pattern files ------------- */

#define LX_PHRASE_MAX 8

/* A phrase as its tokens' texts; a word ending in '*' matches any word it
** begins ("negotiat*"). */
typedef struct lx_phrase {
    char *w[LX_PHRASE_MAX];
    size_t n;
} lx_phrase;

/* Lexes S[0..N) into P (words are copied). FL_EINVAL when empty or longer
** than LX_PHRASE_MAX tokens. */
int lx_phrase_set(lx_phrase *p, const char *s, size_t n);
void lx_phrase_release(lx_phrase *p);

/* 1 when token T of TEXT matches the pattern word W (case-insensitive,
** trailing '*' a prefix). */
int lx_word_match(const char *text, const lx_tok *t, const char *w);

/* Tokens of P matched at TOKS[I..] (token I first), or 0. TOKS has NT
** tokens; STRIDE is the byte size of one element, so that arrays of
** larger structs that begin with an lx_tok can be matched in place. */
size_t lx_phrase_at(const char *text, const void *toks, size_t stride,
                    size_t nt, size_t i, const lx_phrase *p);
/* Phrase lists: alternatives read from a pattern file, each with a tag. */
typedef struct lx_phrases {
    lx_phrase *p;
    int *tag;
    size_t n;
} lx_phrases;

/* Adds the '|'-separated phrases of S[0..N) with TAG. */
int lx_phrases_add(lx_phrases *l, const char *s, size_t n, int tag);

/* The first phrase of L (in order) matching at token I: tokens used, and
** its tag in *TAG (may be NULL); 0 when none. WANT >= 0 only tries the
** phrases with that tag. */
size_t lx_phrases_at(const char *text, const void *toks, size_t stride,
                     size_t nt, size_t i, const lx_phrases *l, int want,
                     int *tag);

#endif
