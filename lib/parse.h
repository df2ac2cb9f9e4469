/*
** parse.h: the syntactic stage. Between segmentation and annotation, it
** reads one sentence of normalised text and yields Universal Dependencies
** tokens (UD English Web Treebank conventions: "NATO's" is "NATO" + "'s",
** "don't" is "do" + "n't"), each with its universal part of speech, its
** lemma, its head and its labelled dependency relation. A greedy
** transition-based parser and a tagger, both averaged perceptrons trained
** in C on the treebank (`make model`), read from one model file
** (data/model/, with its attribution and licence).
**
** It owns the model, the UD tokenizer, the lemmatizer and the CoNLL-U
** reader and writer. It knows nothing of entities, relations or claims:
** later stages read its trees.
**
** A model is read-only once loaded and may be shared by threads;
** parse_sentence() keeps its scratch in the parse_sent it fills, so
** several threads may parse at once.
*/
#ifndef FL_PARSE_H
#define FL_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* The 17 universal parts of speech, in the UD order. */
enum parse_upos {
    UPOS_NONE = 0,
    UPOS_ADJ, UPOS_ADP, UPOS_ADV, UPOS_AUX, UPOS_CCONJ, UPOS_DET, UPOS_INTJ,
    UPOS_NOUN, UPOS_NUM, UPOS_PART, UPOS_PRON, UPOS_PROPN, UPOS_PUNCT,
    UPOS_SCONJ, UPOS_SYM, UPOS_VERB, UPOS_X,
    UPOS_COUNT
};

/* "ADJ" ... "X" for UPOS_ADJ ... UPOS_X, "_" for UPOS_NONE. */
const char *parse_upos_name(int upos);
/* The UPOS_* value of NAME[0..N), UPOS_NONE when it is none. */
int parse_upos_of(const char *name, size_t n);

/* One token of a parsed sentence. Indexes are 0-based positions in the
** sentence; HEAD is -1 for the root. DEPREL is the full UD label
** ("nsubj:pass", "obl", "acl:relcl"); LEMMA is lower case except for
** proper nouns. Both point into storage the parse_sent or the model owns. */
typedef struct parse_tok {
    size_t start, end;     /* byte span in the text, end exclusive */
    int upos;              /* enum parse_upos */
    int head;              /* index of the head, -1 for the root */
    const char *deprel;
    const char *lemma;
} parse_tok;

/* A sentence's tokens and tree. TRUNCATED is set when the sentence was
** longer than the parser takes (PARSE_MAX_TOKENS): its tokens are cut into
** pieces of at most PARSE_MAX_TOKENS (after a punctuation mark when one
** is near the end of a piece) parsed one by one, each with its own root. */
typedef struct parse_sent {
    parse_tok *tok;
    size_t n, cap;
    int truncated;
    buf scratch;           /* lemmas (and labels read from CoNLL-U) */
    void *work;            /* the tagger's and the parser's working state */
    size_t work_size;
} parse_sent;

#define PARSE_MAX_TOKENS 256

/* The model file's name in data_dir()/model ($FLANK_PARSE_MODEL names
** another file). */
#define PARSE_MODEL_FILE "parse-en_ewt.bin.gz"

typedef struct parse_model parse_model;

/* Loads the model file PATH. A missing, truncated or malformed file is
** FL_EINVAL (FL_EIO when unreadable) with a message naming PATH; *OUT is
** then NULL.
** Free with parse_model_free (accepts NULL). */
int parse_model_load(const char *path, parse_model **out, char **errmsg);
void parse_model_free(parse_model *m);

/* The model of data_dir()/model, loaded once per process; thread-safe;
** later calls return the first outcome. */
int parse_default(const parse_model **out, char **errmsg);

/* Tokenizes, tags, lemmatizes and parses TEXT[START..END) into *S (which
** it resets; parse_sent_init'd or reused). Time is linear in the
** sentence's length. FL_OK or FL_ENOMEM. */
int parse_sentence(const parse_model *m, const char *text, size_t start, size_t end,
                   parse_sent *s, char **errmsg);

/* Appends the UD tokens of TEXT[START..END) to S (spans only; upos 0,
** head -1, no lemma nor deprel). FL_OK or FL_ENOMEM. */
int parse_tokenize(const char *text, size_t start, size_t end, parse_sent *s);

/* Tags, lemmatizes and parses the tokens already in S (their spans in
** TEXT, as the CoNLL-U reader leaves them: gold tokens): sets each one's
** upos, lemma, head and deprel. FL_OK or FL_ENOMEM. */
int parse_tokens(const parse_model *m, const char *text, parse_sent *s, char **errmsg);

void parse_sent_init(parse_sent *s);
/* Room for N tokens in S (for a caller that fills S->tok itself, then
** S->n, before parse_tokens). FL_OK or FL_ENOMEM. */
int parse_sent_reserve(parse_sent *s, size_t n);
void parse_sent_release(parse_sent *s);

/* Appends S as one CoNLL-U sentence (with "# text =" and each token's
** byte span in MISC as "Span=START-END") to OUT. */
int parse_conllu_write(const char *text, const parse_sent *s, buf *out);

/* Reads the next sentence of the CoNLL-U text P[*POS..n) into S and its
** text into TEXT (both reset): the text is the words' forms joined as
** their SpaceAfter says (the words of a multiword token joined), and each
** token's span points into it; UPOS, LEMMA, HEAD and DEPREL are read
** (lemma and deprel kept in S's scratch), other columns, empty nodes and
** multiword ranges skipped. Advances *POS past the sentence. At the end
** of the input, FL_OK with S->n == 0. A malformed line is FL_EINVAL,
** "line N: what is wrong" (N counted from P's start). */
int parse_conllu_read(const char *p, size_t n, size_t *pos, buf *text, parse_sent *s, char **errmsg);

/* Writes S as one JSON object: {"start", "end", "text", "truncated",
** "tokens": [{"id", "form", "start", "end", "upos", "lemma", "head",
** "deprel"}]} with ids and heads 1-based as in CoNLL-U (head 0: root). */
struct json_writer;
void parse_json_write(const char *text, size_t start, size_t end, const parse_sent *s,
                      struct json_writer *w);

#endif
