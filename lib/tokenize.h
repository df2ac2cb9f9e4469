/*
** tokenize.h: the one tokenizer of libflank, modelled on FTS5's xToken.
**
** tok_run() walks UTF-8 text once, left to right, and calls a callback for
** every word with its folded form (lower case, accents and other marks
** stripped, Unicode case folding: "Türkiye" -> "turkiye", "NATO" -> "nato")
** and its byte span in the original text. Entity matching, the search index
** and query parsing all use it, so they cannot drift apart.
**
** What a word is: a run of letters, marks and digits (Unicode categories
** L*, M*, N*). Everything else separates words. Three refinements:
**   - a possessive "'s" or "’s" ending a word is not a word of its own; the
**     word before it carries TOK_POSS and its span stops before the mark;
**   - dotted abbreviations of single letters ("U.S.", "D.C.") are one word
**     whose folded form drops the dots ("us") and whose span keeps them;
**   - TOK_BREAK tells that what separates a word from the previous one is
**     more than spaces, one line break, hyphens or an apostrophe (a full
**     stop, comma, bracket, dash, slash, blank line...). Multi-word names
**     never match across a break.
**
** It does not own: sentence splitting (segment.h), stop words, stemming.
** tok_run allocates nothing; folded words longer than TOK_MAX_FOLD bytes are
** cut (TOK_LONG is set) while their spans stay whole, so time stays linear
** on any input, including a megabyte without a space. tok_words_make keeps
** a text's words, so the stages that read one document after another
** (entity matching, the full-text index) tokenize it once.
*/
#ifndef FL_TOKENIZE_H
#define FL_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define TOK_MAX_FOLD 256

enum {
    TOK_CAP = 1,      /* the first character is an upper-case letter */
    TOK_UPPER = 2,    /* it has letters and all of them are upper case */
    TOK_DIGIT = 4,    /* it starts with a digit */
    TOK_BREAK = 8,    /* punctuation (not just space/hyphen) before it */
    TOK_POSS = 16,    /* followed by a possessive 's, excluded from the span */
    TOK_LONG = 32,    /* folded form was cut at TOK_MAX_FOLD bytes */
    TOK_ABBR = 64     /* a dotted abbreviation such as "U.S." */
};

/* Called once per word. TOKEN (N_TOKEN bytes, not NUL-terminated) is valid
** only during the call. START/END are byte offsets into the text, END
** exclusive. A non-zero return stops tok_run, which returns that value. */
typedef int (*tok_fn)(void *ctx, int flags, const char *token, size_t n_token,
                      size_t start, size_t end);

/* Tokenizes TEXT[0..N). Invalid UTF-8 bytes count as separators. Returns
** FL_OK (0) or the first non-zero value the callback returned. */
int tok_run(const char *text, size_t n, void *ctx, tok_fn fn);

/* One word of tok_words: its span in the text, its folded form at FOLD_AT
** in the list's folds (FOLD_LEN bytes, not NUL-terminated), its TOK_*. */
/* 16 bytes: a large document has millions of words, and this array was
** the biggest part of an ingest's memory. Offsets fit in 32 bits since a
** document's text is under 4 GiB (doc.c refuses larger ones). */
typedef struct tok_word {
    uint32_t start, end, fold_at;
    uint16_t fold_len;     /* at most TOK_MAX_FOLD */
    uint16_t flags;        /* TOK_* */
} tok_word;

/* The words of a text, in order. */
typedef struct tok_words {
    buf words;   /* tok_word[] */
    buf folds;   /* the folded forms, one after another */
} tok_words;

/* Tokenizes TEXT[0..N) into *OUT (released by the caller, even on error).
** Returns FL_OK or FL_ENOMEM. */
int tok_words_make(const char *text, size_t n, tok_words *out);
void tok_words_release(tok_words *ws);

static inline size_t tok_words_count(const tok_words *ws) {
    return ws->words.len / sizeof(tok_word);
}
static inline const tok_word *tok_words_list(const tok_words *ws) {
    return (const tok_word *)(const void *)ws->words.data;
}

/* Folds TEXT[0..N) the way tok_run folds one word, into OUT (at most
** OUT_SIZE - 1 bytes, NUL-terminated); returns the folded length. For
** callers that fold a word they already have (query terms, pack aliases). */
size_t tok_fold(const char *text, size_t n, char *out, size_t out_size);

/* A name's folded words, one space between them: how names are compared
** whatever their case, accents and punctuation ("Al-Qaeda" and "al qaeda"
** are one key). Words that would pass TOK_KEY_MAX bytes are left out. */
#define TOK_KEY_MAX 512

typedef struct tok_key {
    char s[TOK_KEY_MAX];
    size_t n;
} tok_key;

void tok_key_make(const char *text, size_t n, tok_key *k);

#endif
