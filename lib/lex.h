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

/* ---- words and phrases of the pattern files ---------------------------- */

/* A pattern word compiled once at load time, so that matching a token is a
** length check and one pass over folded bytes (no strlen, no locale):
** S is the word ASCII-lower-cased, N its length; PREFIX is set for a word
** ending in '*' ("negotiat*" matches any word it begins; S lacks the '*'). */
typedef struct lx_word {
    char *s;
    size_t n;
    int prefix;
} lx_word;

/* Compiles S[0..N) into W; STARS 0 takes a trailing '*' literally (the
** word then matches only itself, as lx_is does). */
int lx_word_set(lx_word *w, const char *s, size_t n, int stars);
void lx_word_release(lx_word *w);

/* 1 when token T of TEXT matches W. */
int lx_word_match(const char *text, const lx_tok *t, const lx_word *w);

/* A set of alternative words (one pattern element, one vocabulary line).
** FIRST marks the folded first bytes of its words, so most tokens are
** turned away with one bit test. */
typedef struct lx_words {
    lx_word *w;
    size_t n, cap;
    unsigned char first[32];
} lx_words;

/* Adds S[0..N) to WS, compiled as lx_word_set(..., STARS) does. */
int lx_words_add(lx_words *ws, const char *s, size_t n, int stars);
void lx_words_release(lx_words *ws);

/* 1 when token T of TEXT matches a word of WS. */
int lx_words_match(const char *text, const lx_tok *t, const lx_words *ws);

#define LX_PHRASE_MAX 8

/* A phrase as its tokens' words; a word ending in '*' matches any word it
** begins. */
typedef struct lx_phrase {
    lx_word w[LX_PHRASE_MAX];
    size_t n;
} lx_phrase;

/* Lexes S[0..N) into P. FL_EINVAL when empty or longer than LX_PHRASE_MAX
** tokens. */
int lx_phrase_set(lx_phrase *p, const char *s, size_t n);
void lx_phrase_release(lx_phrase *p);

/* Tokens of P matched at TOKS[I..] (token I first), or 0. TOKS has NT
** tokens; STRIDE is the byte size of one element, so that arrays of
** larger structs that begin with an lx_tok can be matched in place. */
size_t lx_phrase_at(const char *text, const void *toks, size_t stride,
                    size_t nt, size_t i, const lx_phrase *p);

/* Phrase lists: alternatives read from a pattern file, each with a tag.
** The list keeps an index by first word (rebuilt by lx_phrases_add), so a
** token only tries the phrases that can start with it. */
typedef struct lx_first lx_first;
typedef struct lx_phrases {
    lx_phrase *p;
    int *tag;
    size_t n;
    lx_first *first;      /* open-addressing table of first words */
    size_t cap;           /* its size, a power of two */
    size_t *cand;         /* phrase numbers grouped by first word */
    size_t *wild;         /* phrases opening with a prefix word, in order */
    size_t n_wild;
} lx_phrases;

/* Adds the '|'-separated phrases of S[0..N) with TAG. */
int lx_phrases_add(lx_phrases *l, const char *s, size_t n, int tag);
void lx_phrases_release(lx_phrases *l);

/* The first phrase of L (in order) matching at token I: tokens used, and
** its tag in *TAG (may be NULL); 0 when none. WANT >= 0 only tries the
** phrases with that tag. */
size_t lx_phrases_at(const char *text, const void *toks, size_t stride,
                     size_t nt, size_t i, const lx_phrases *l, int want,
                     int *tag);

/* Like lx_phrases_at, but starts at phrase number *K and leaves the number
** of the phrase found in *K, so a caller that rejects a match can go on
** from *K + 1. */
size_t lx_phrases_next(const char *text, const void *toks, size_t stride,
                       size_t nt, size_t i, const lx_phrases *l, int want,
                       size_t *k);

#endif
