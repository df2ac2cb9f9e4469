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
#include <stdint.h>

#include "segment.h"

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

/* 16 bytes: a document's sentences are lexed all at once (lx_sents), so
** a large document holds millions of these. Offsets fit in 32 bits (a
** document's text is under 4 GiB: doc.c). */
typedef struct lx_tok {
    uint32_t start, end; /* byte span, end exclusive */
    uint32_t cls;        /* its class in a vocabulary (lx_classify), else 0 */
    uint8_t kind;        /* LX_WORD, LX_NUM, LX_PUNCT */
    uint8_t punct;       /* LXP_* for LX_PUNCT, else 0 */
} lx_tok;

/* Reads the next token of TEXT[0..N) at or after *POS; advances *POS past
** it. Returns 0 when no token is left. */
int lx_next(const char *text, size_t n, size_t *pos, lx_tok *tok);

/* ---- a text's sentences, lexed once ------------------------------------ */

/* The tokens of every sentence of a text, as lx_next yields them with the
** sentence's end as the text's end. The rule stages (dates, relations,
** claims) each read the same sentences, so the pipeline lexes them once
** and hands the tokens to all three, classified once too when it has a
** union of their vocabularies (lx_union below). */
struct lx_union;

typedef struct lx_sents {
    lx_tok *t;
    size_t *first;       /* sentence k's tokens: t[first[k]..first[k + 1]) */
    size_t n_sents;
    const struct lx_union *u;   /* the union T's classes are in, or NULL */
} lx_sents;

/* Lexes the sentences of SEG in TEXT[0..N) (SEG NULL: the whole text is
** one sentence) into LS; a sentence outside the text gets no tokens (the
** stages report it). With U, each token is classified in U's union (see
** lx_sents_class); without, its class is 0. FL_OK or FL_ENOMEM; release
** with lx_sents_release. */
int lx_sents_lex(lx_sents *ls, const char *text, size_t n, const seg_result *seg,
                 const struct lx_union *u);
void lx_sents_release(lx_sents *ls);

/* Like lx_next(TEXT, B, POS, TOK) inside sentence K of LS (which ends at
** B), for a caller that may jump *POS forward: the token comes from LS
** when *POS is between two of its tokens (returns 2: classified as LS's
** tokens are), and is lexed anew when *POS fell inside one (returns 1).
** *CUR (0 at the sentence's start) is LS's cursor. */
int lx_sents_next(const lx_sents *ls, size_t k, const char *text, size_t b,
                  size_t *pos, size_t *cur, lx_tok *tok);

/* Case-insensitive (ASCII) comparison of a token with a NUL-terminated
** word; UTF-8 bytes must be equal. */
int lx_is(const char *text, const lx_tok *t, const char *word);

/* ---- words and phrases of the pattern files ---------------------------- */

/* A pattern word compiled once at load time: S is the word ASCII-lower-
** cased, N its length; PREFIX is set for a word ending in '*' ("negotiat*"
** matches any word it begins; S lacks the '*'). Tokens are matched
** against it through a vocabulary (below), by class. */
typedef struct lx_word {
    char *s;
    size_t n;
    int prefix;
    uint64_t *bits;        /* the classes it matches, once indexed */
} lx_word;

/* Compiles S[0..N) into W; STARS 0 takes a trailing '*' literally (the
** word then matches only itself, as lx_is does). */
int lx_word_set(lx_word *w, const char *s, size_t n, int stars);
void lx_word_release(lx_word *w);

/* A set of alternative words (one pattern element, one vocabulary line). */
typedef struct lx_words {
    lx_word *w;
    size_t n, cap;
    uint64_t *bits;        /* the classes one of its words matches, once indexed */
    size_t *nz;            /* the 64-bit words of BITS that are not zero, */
    size_t n_nz;           /* so lx_words_meet reads only those */
} lx_words;

/* Adds S[0..N) to WS, compiled as lx_word_set(..., STARS) does. */
int lx_words_add(lx_words *ws, const char *s, size_t n, int stars);
void lx_words_release(lx_words *ws);

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
** classified tokens (lx_classify with the vocabulary P was indexed in);
** STRIDE is the byte size of one element, so that arrays of larger
** structs that begin with an lx_tok can be matched in place. */
size_t lx_phrase_at(const void *toks, size_t stride, size_t nt, size_t i,
                    const lx_phrase *p);

/* Phrase lists: alternatives read from a pattern file, each with a tag.
** Once indexed (lx_phrases_index), the list keeps its phrases grouped by
** the classes of their first words, so a token only tries the phrases that
** can start with it. */
typedef struct lx_phrases {
    lx_phrase *p;
    int *tag;
    size_t n;
    size_t *off;          /* phrases starting at class c: cand[off[c]..off[c+1]) */
    size_t *cand;         /* phrase numbers grouped by class, in order */
    size_t n_cls;         /* classes the index covers */
} lx_phrases;

/* Adds the '|'-separated phrases of S[0..N) with TAG. Index the list again
** after the last add. */
int lx_phrases_add(lx_phrases *l, const char *s, size_t n, int tag);
void lx_phrases_release(lx_phrases *l);

/* The first phrase of L (in order) matching at classified token I: tokens
** used, and its tag in *TAG (may be NULL); 0 when none. WANT >= 0 only
** tries the phrases with that tag. */
size_t lx_phrases_at(const void *toks, size_t stride, size_t nt, size_t i,
                     const lx_phrases *l, int want, int *tag);

/* Like lx_phrases_at, but starts at phrase number *K and leaves the number
** of the phrase found in *K, so a caller that rejects a match can go on
** from *K + 1. */
size_t lx_phrases_next(const void *toks, size_t stride, size_t nt, size_t i,
                       const lx_phrases *l, int want, size_t *k);

/* ---- vocabularies: pattern words numbered once ------------------------- */

/* The words a stage's patterns use, so that a token is looked up once per
** sentence and every word test after that is one bit test. A token's CLASS
** is what it matches: the exact pattern word it equals (folded), else the
** longest prefix word it begins with, else 0. Two tokens of one class
** match the same pattern words, so a word or a set of words is a bitset
** over classes.
**
** Use: add every word the stage will test (lx_vocab_add_*), build, then
** index each word, set and phrase list (lx_*_index) before matching. Built
** at load time, read-only afterwards, so threads may share it. */
typedef struct lx_vocab {
    char **s;              /* class c >= 1 is s[c - 1], folded */
    size_t *len;
    unsigned char *prefix; /* 1 for a prefix word's class */
    size_t n, cap;         /* classes */
    unsigned *table;       /* open addressing: exact classes by folded text */
    size_t mask;
    unsigned *pre;         /* prefix classes by first byte, longest first */
    size_t n_pre;
    unsigned pre_at[257];  /* those of first byte b: pre[pre_at[b]..pre_at[b+1]) */
    uint64_t sieve[64];    /* exact words by first byte, last byte, length */
} lx_vocab;

int lx_vocab_add_word(lx_vocab *v, const lx_word *w);
int lx_vocab_add_words(lx_vocab *v, const lx_words *ws);
int lx_vocab_add_phrases(lx_vocab *v, const lx_phrases *l);
/* Numbers the classes and builds the lookup table; after the last add. */
int lx_vocab_build(lx_vocab *v);
void lx_vocab_release(lx_vocab *v);

/* ---- one classification for several vocabularies ------------------------ */

/* The rule stages each need every token's class in their own vocabulary.
** A union of the vocabularies classifies a token once, and a table per
** vocabulary turns the union's class into that vocabulary's: an exact
** word of the union is V's own class when V has the word, else V's
** longest prefix word it begins with; a prefix word of the union (the
** token's longest) maps to V's longest prefix word it begins with, which
** is the token's longest in V. Built once, read-only afterwards. */
#define LX_UNION_MAX 4

typedef struct lx_union {
    lx_vocab all;
    const lx_vocab *v[LX_UNION_MAX];
    unsigned *map[LX_UNION_MAX];   /* map[k][class in ALL] = class in v[k] */
    size_t n;
} lx_union;

/* Builds X over the N (at most LX_UNION_MAX) built vocabularies VS, which
** must outlive it. FL_OK, FL_EINVAL or FL_ENOMEM. */
int lx_union_build(lx_union *x, const lx_vocab *const *vs, size_t n);
void lx_union_release(lx_union *x);

/* The table from the classes of LS's tokens to V's, or NULL when LS has
** no union or its union lacks V. */
const unsigned *lx_sents_map(const lx_sents *ls, const lx_vocab *v);

/* Sets the class in V of the tokens T[0..N) of sentences lexed into LS:
** through LS's union when it has V, else by lx_classify. */
void lx_sents_class(const lx_sents *ls, const lx_vocab *v, const char *text,
                    lx_tok *t, size_t n);

/* Bitsets over V's classes for W, WS, and the phrases of L (with the
** first-word index). Each word must have been added to V. */
int lx_word_index(lx_word *w, const lx_vocab *v);
int lx_words_index(lx_words *ws, const lx_vocab *v);
int lx_phrases_index(lx_phrases *l, const lx_vocab *v);

/* Sets T->cls: the class in V of token T of TEXT. */
void lx_classify(const lx_vocab *v, const char *text, lx_tok *t);

/* 1 when classified token T matches the indexed word W, or a word of WS. */
static inline int lx_word_has(const lx_word *w, const lx_tok *t) {
    return w->bits[t->cls >> 6] >> (t->cls & 63) & 1;
}
static inline int lx_words_has(const lx_words *ws, const lx_tok *t) {
    return ws->bits[t->cls >> 6] >> (t->cls & 63) & 1;
}

/* 64-bit words of a bitset over V's classes (every bitset above has this
** size; class 0 is in none). */
static inline size_t lx_vocab_words(const lx_vocab *v) { return v->n / 64 + 1; }

/* Adds classified token T's class to the bitset SEEN, so a caller can ask
** once per sentence whether a set can match anywhere in it. */
static inline void lx_seen_add(uint64_t *seen, const lx_tok *t) {
    seen[t->cls >> 6] |= (uint64_t)1 << (t->cls & 63);
}

/* 0 when no phrase of indexed L can start at classified token T, as for
** most tokens: callers test this before lx_phrases_at or _next. */
static inline int lx_phrases_may(const lx_phrases *l, const lx_tok *t) {
    return t->cls && t->cls < l->n_cls && l->off[t->cls] < l->off[t->cls + 1];
}

/* 1 when some class of SEEN (a bitset over the classes of the vocabulary
** WS was indexed in) matches WS. */
int lx_words_meet(const lx_words *ws, const uint64_t *seen);

#endif
