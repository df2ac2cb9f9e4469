/*
** parse_int.h: what the files of the syntactic stage share (parse.c,
** parse_model.c, parse_tok.c, parse_tag.c, parse_dep.c, parse_conllu.c)
** and what the trainer (tools/train_parse.c) reuses: the hashed feature
** keys, the per-token features, the tagger's and the parser's feature
** templates, the arc-eager transition system with its dynamic oracle, the
** model's in-memory form and its writer. Not part of the library's
** contract: only the stage and its trainer include it.
*/
#ifndef FL_PARSE_INT_H
#define FL_PARSE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "flank/flank.h"
#include "parse.h"

/* ---- feature keys ----------------------------------------------------- */

/* A 64-bit mixer (splitmix64's finaliser): feature keys are the template
** number and its values mixed, one value at a time. */
static inline uint64_t pk_mix(uint64_t h) {
    h ^= h >> 30;
    h *= UINT64_C(0xbf58476d1ce4e5b9);
    h ^= h >> 27;
    h *= UINT64_C(0x94d049bb133111eb);
    return h ^ (h >> 31);
}

static inline uint64_t pk_key(uint32_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
    uint64_t h = pk_mix(tmpl * UINT64_C(0x9e3779b97f4a7c15) + a);
    h = pk_mix(h ^ (b + UINT64_C(0x632be59bd9b4e019)));
    return pk_mix(h ^ (c + UINT64_C(0x2545f4914f6cdd1d)));
}

/* ---- per-token features ------------------------------------------------ */

/* What the templates read of one token, computed once per sentence. */
typedef struct ptok {
    uint64_t word;      /* the form lower-cased, digits as 0 */
    uint64_t form;      /* the form as written */
    uint64_t suf[4];    /* its last 1, 2, 3, 4 characters, lower-cased */
    uint64_t pre[3];    /* its first 1, 2, 3 characters, lower-cased */
    uint64_t shape;     /* Xx, X., dd,dd: runs of letter classes */
    uint32_t flags;     /* PT_* */
    uint32_t amb;       /* the tags the treebank gives the word (bit per UPOS), 0 when rare */
    int tag;            /* the tagger's UPOS (or the gold one in training) */
} ptok;

enum { PT_UPPER = 1, PT_ALLCAPS = 2, PT_DIGIT = 4, PT_HYPHEN = 8, PT_FIRST = 16 };

/* Fills T[0..n) from the tokens' spans in TEXT (amb left 0). */
void pt_fill(const char *text, const parse_tok *tok, size_t n, ptok *t);

/* The tag lexicon: the ambiguity class (tags seen, a bit per UPOS) of the
** frequent words of the treebank, by pm_key32 of their ptok word. */
typedef struct tag_lexicon {
    size_t n;
    uint32_t *key, *mask;
} tag_lexicon;

/* ---- the tagger ---------------------------------------------------------- */

#define TAG_MAX_FEATS 48

/* The keys of token I's features (tags of I-1 and I-2 from T[].tag).
** Returns their number (<= TAG_MAX_FEATS). */
size_t tag_features(const ptok *t, size_t n, size_t i, uint64_t *f);

/* ---- the parser: arc-eager transitions ---------------------------------- */

/* Actions: SHIFT, REDUCE, then LEFT-ARC and RIGHT-ARC for each label. */
enum { DEP_SHIFT = 0, DEP_REDUCE = 1, DEP_FIRST_ARC = 2 };
#define DEP_LEFT(l) (DEP_FIRST_ARC + 2 * (l))
#define DEP_RIGHT(l) (DEP_FIRST_ARC + 2 * (l) + 1)
#define DEP_MAX_LABELS 64
#define DEP_MAX_ACTIONS (DEP_FIRST_ARC + 2 * DEP_MAX_LABELS)
#define DEP_MAX_FEATS 96

/* The parser's state over N tokens and the root, token N, at the end of
** the buffer. Arrays have N + 1 entries (stack N + 2). */
typedef struct dep_state {
    size_t n;
    int *stack;
    size_t depth;
    size_t b;                 /* the buffer's front */
    int *head, *label;        /* -1 while unset */
    int *lc[2], *rc[2];       /* leftmost/rightmost children, then the next ones in */
    int *nl, *nr;             /* number of left and right children */
    uint64_t *lset, *rset;    /* the sets of labels of the left and right children */
} dep_state;

/* Sizes of the scratch one state over N tokens needs, in ints. */
size_t dep_state_ints(size_t n);
/* Lays the state over SCRATCH (dep_state_ints(n) ints) and resets it. */
void dep_state_init(dep_state *s, size_t n, int *scratch);
int dep_done(const dep_state *s);
/* Whether action A may be taken (LEFT/RIGHT for any label). */
int dep_legal(const dep_state *s, int a);
void dep_apply(dep_state *s, int a);
/* The feature keys of the state (token features T, labels as numbers):
** those of the buffer's first three tokens alone (the same for all the
** states with the same front), then the others; dep_features: both. */
size_t dep_features(const dep_state *s, const ptok *t, uint64_t *f);
size_t dep_features_buffer(const dep_state *s, const ptok *t, uint64_t *f);
size_t dep_features_stack(const dep_state *s, const ptok *t, uint64_t *f);
/* The stack's features in groups by what they read of the state, so that
** the parser can keep a group's scores while what it reads is unchanged:
** S0: the stack's top, its head and grandhead, its left children, the
** word under it (all fixed while S0 stays on the stack: arcs reach a
** stack token only as it is pushed or popped); S0_RIGHT: its right
** children (fixed while their number is); N0_LEFT: the buffer's front
** and its left children (fixed while their number is); PAIR: the rest,
** which pair S0 with the buffer. dep_values reads the values of a state
** (DEP_MAX_VALUES of them), dep_group_features makes the keys of one
** group from them. */
enum { DEP_G_PAIR, DEP_G_S0, DEP_G_S0_RIGHT, DEP_G_N0_LEFT, DEP_GROUPS };
#define DEP_MAX_VALUES 48
void dep_values(const dep_state *s, const ptok *t, uint64_t *v);
size_t dep_group_features(const uint64_t *v, int group, uint64_t *f);
/* The number of gold arcs (GHEAD, GLABEL) action A loses (training). */
int dep_cost(const dep_state *s, int a, const int *ghead, const int *glabel);
/* Once done: of the tokens the root token took (or left without a head),
** the first that is not punctuation becomes the sentence's root (head -1,
** label 0), the others its children labelled PUNCT_LABEL (punctuation)
** or OTHER_LABEL. Returns the root. */
int dep_finish(dep_state *s, const ptok *t, int punct_label, int other_label);

/* ---- the model -------------------------------------------------------- */

/* One averaged perceptron in memory: for each feature key, a few (class,
** weight) pairs. BUCKET is an array of N_BUCKETS cache lines of
** PM_BUCKET entries of 64 bits (0: empty), the key's bucket chosen by the
** high bits of its 32 bits (pm_key32) and the entry told apart by their
** low PM_CHECK_BITS (pm_check; a feature of no row matches one by chance
** a few times in 100,000); a full bucket spills into the next. Past the
** check, an entry holds two pairs of a 7-bit class and an int16 weight
** (a row of one pair has a second of weight 0); a first class of PM_LONG
** says the row is longer: its number of pairs and the pairs (class byte,
** little-endian int16) are at the offset the entry holds in LONG, unless
** it has PM_DENSE_MIN pairs or more (class PM_DENSE): then the entry
** holds the number of its dense row of all classes in DENSE. */
#define PM_BUCKET 8
#define PM_CHECK_BITS 18
#define PM_LONG 127u
#define PM_DENSE 126u
#define PM_MAX_CLASSES 126

/* A mapping of memory (see huge_alloc in parse_model.c). */
typedef struct huge_block {
    void *base;
    size_t len;
} huge_block;

typedef struct pm_table {
    uint32_t n_classes;
    uint32_t n_feats;
    size_t n_buckets;
    uint64_t *bucket;         /* n_buckets * PM_BUCKET entries */
    unsigned char *lng;       /* the rows of PM_LONG entries */
    size_t lng_len;
    int16_t *dense;           /* rows of STRIDE weights, for PM_DENSE entries */
    size_t stride;
    huge_block bucket_mem, lng_mem, dense_mem;
} pm_table;

#define PM_DENSE_MIN 16
#define PM_STRIDE(n_classes) (((n_classes) + 15) / 16 * 16)

/* The 32 bits of a feature key the model keeps (never 0). Among the
** million features of a model, a hundred or so share theirs: the later
** one is then never found, which costs nothing measurable. */
static inline uint32_t pm_key32(uint64_t key) {
    uint32_t k = (uint32_t)(key >> 32) ^ (uint32_t)key;
    return k ? k : 1;
}

/* The bucket of KEY32 in a table of NB buckets, and its check (never 0). */
static inline size_t pm_bucket_of(uint32_t key32, size_t nb) { return (size_t)(((uint64_t)key32 * nb) >> 32); }
static inline uint64_t pm_check(uint32_t key32) {
    uint32_t c = key32 & ((1u << PM_CHECK_BITS) - 1);
    return c ? c : 1;
}

/* Adds the weights of the features F[0..nf) to SCORES, which has room for
** the table's stride (n_classes rounded up to 16); at most PM_MAX_FEATS
** features. */
#define PM_MAX_FEATS 128
void pm_score(const pm_table *t, const uint64_t *f, size_t nf, int32_t *scores);

/* The same for several lists of features at once, each to its own SCORES
** (at most PM_MAX_FEATS features in all), so that the cache misses of all
** of them overlap. */
typedef struct pm_list {
    const uint64_t *f;
    size_t nf;
    int32_t *scores;
} pm_list;
void pm_score_lists(const pm_table *t, const pm_list *l, size_t nl);

/* The instruction sets the bucket search has a version for; pm_score uses
** the best the CPU has (pm_isa_best), pm_score_lists_isa the one asked for
** (the tests compare them; ISA must be one the CPU has). */
enum { PM_ISA_SCALAR, PM_ISA_AVX2, PM_ISA_AVX512 };
int pm_isa_best(void);
void pm_score_lists_isa(int isa, const pm_table *t, const pm_list *l, size_t nl);

/* The lemmatizer: exceptions (lower-cased form and UPOS to lemma) and
** suffix rules (UPOS and a final string to: cut so many bytes, add this). */
typedef struct lem_rule {
    uint64_t key;             /* hash of the upos and the suffix */
    uint8_t cut;
    uint16_t add_len;
    uint32_t add;             /* the string added, in the model's strings */
} lem_rule;

typedef struct lem_exc {
    uint64_t key;             /* hash of the upos and the lower-cased form */
    uint32_t lemma;           /* offset of the lemma in the model's strings */
    uint16_t len;
} lem_exc;

struct parse_model {
    pm_table tagger, parser;
    size_t n_labels;
    char labels[DEP_MAX_LABELS][24];
    int root_label, punct_label, other_label;
    lem_exc *exc;             /* open-addressed, exc_slots entries, key 0 empty */
    size_t exc_slots;
    lem_rule *rules;          /* open-addressed, rule_slots entries */
    size_t rule_slots;
    char *strings;
    size_t strings_len;
    uint32_t *amb_key, *amb_mask;   /* open-addressed, amb_slots entries, key 0 empty */
    size_t amb_slots;
};

/* The ambiguity class of the word whose ptok word hash is WORD, 0 if none. */
uint32_t tag_ambiguity(const parse_model *m, uint64_t word);

/* The lemma of the token P[0..n) tagged UPOS, written into OUT. */
void lem_lemma(const parse_model *m, const char *p, size_t n, int upos, buf *out);
uint64_t lem_key(int upos, const char *p, size_t n);

/* What the trainer hands the writer: the tables as (key, pairs) lists. */
typedef struct pm_feat {
    uint64_t key;
    uint32_t first, count;    /* into the pair arrays */
} pm_feat;

typedef struct pm_export {
    uint32_t n_classes;
    pm_feat *feats;
    size_t n_feats;
    uint8_t *cls;
    int16_t *w;
} pm_export;

typedef struct lem_export {
    /* exceptions: upos, lower-cased form, lemma */
    size_t n_exc;
    uint8_t *exc_upos;
    const char **exc_form, **exc_lemma;
    /* rules: upos, suffix, cut, added string */
    size_t n_rules;
    uint8_t *rule_upos, *rule_cut;
    const char **rule_suffix, **rule_add;
} lem_export;

/* The path of the default model: $FLANK_PARSE_MODEL, else
** data_dir()/model/PARSE_MODEL_FILE; written into OUT (N bytes). */
const char *parse_default_path(char *out, size_t n);

/* Writes a model file (see docs/internals/parse.md) to OUT, each table's
** features in the order of their slots. */
int pm_write(buf *out, const pm_export *tagger, const pm_export *parser,
             const char *const *labels, size_t n_labels, const lem_export *lem, const tag_lexicon *lex);

#endif
