/*
** train_parse.c: trains the syntactic stage's model (`make model`) from
** the Universal Dependencies English Web Treebank kept in data/ud/: an
** averaged-perceptron tagger, an arc-eager parser trained with the dynamic
** oracle (on tags the tagger predicts, by four-fold jackknifing), and the
** lemmatizer's suffix rules and exceptions. Epochs are chosen on the dev
** file; the test file is scored once, at the end. Reproducible: a fixed
** seed drives the shuffles and the oracle's exploration.
**
**   train_parse TRAIN DEV TEST OUT
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>

#include "parse_int.h"
#include "read.h"

#define TAG_EPOCHS 10
#define DEP_EPOCHS 15
#define JACKKNIFE 4
#define EXPLORE_FROM 2        /* the oracle follows the model from this epoch */
#define EXPLORE_P 0.9

/* ---- the treebank ---------------------------------------------------------- */

typedef struct sent {
    char *text;
    size_t n;
    parse_tok *tok;          /* spans into text, gold upos and head */
    int *label;              /* gold label numbers (-1: unknown) */
    char **lemma;
    int *ptag;               /* tags predicted by the jackknifed taggers */
} sent;

typedef struct bank {
    sent *s;
    size_t n, cap;
} bank;

static const char *labels[DEP_MAX_LABELS];
static size_t n_labels;

static int label_of(const char *name, int add) {
    for (size_t i = 0; i < n_labels; i++)
        if (strcmp(labels[i], name) == 0) return (int)i;
    if (!add || n_labels == DEP_MAX_LABELS) return -1;
    labels[n_labels] = strdup(name);
    return (int)n_labels++;
}

static void die(const char *what, const char *msg) {
    fprintf(stderr, "train_parse: %s: %s\n", what, msg);
    exit(1);
}

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) die("memory", "out of memory");
    return p;
}

static void read_bank(const char *path, bank *b, int add_labels) {
    buf raw, text;
    char *err = NULL;
    if (read_source(path, (size_t)1 << 30, &raw, &err) != FL_OK) die(path, err);
    buf_init(&text, BUF_NO_LIMIT);
    parse_sent ps;
    parse_sent_init(&ps);
    size_t pos = 0;
    memset(b, 0, sizeof *b);
    for (;;) {
        if (parse_conllu_read(raw.data, raw.len, &pos, &text, &ps, &err) != FL_OK) die(path, err);
        if (ps.n == 0) break;
        if (b->n == b->cap && array_grow(&b->s, &b->cap, sizeof *b->s, 1024) != FL_OK) die(path, "memory");
        sent *s = &b->s[b->n++];
        s->n = ps.n;
        s->text = xmalloc(text.len + 1);
        memcpy(s->text, text.data, text.len);
        s->text[text.len] = '\0';
        s->tok = xmalloc(ps.n * sizeof *s->tok);
        memcpy(s->tok, ps.tok, ps.n * sizeof *s->tok);
        s->label = xmalloc(ps.n * sizeof *s->label);
        s->lemma = xmalloc(ps.n * sizeof *s->lemma);
        s->ptag = xmalloc(ps.n * sizeof *s->ptag);
        for (size_t i = 0; i < ps.n; i++) {
            s->label[i] = label_of(ps.tok[i].deprel, add_labels);
            s->lemma[i] = strdup(ps.tok[i].lemma);
            s->tok[i].lemma = s->tok[i].deprel = NULL;
            s->ptag[i] = s->tok[i].upos;
        }
    }
    parse_sent_release(&ps);
    buf_release(&text);
    buf_release(&raw);
}

/* ---- the averaged perceptron in training -------------------------------------- */

typedef struct tpair {
    uint8_t cls;
    float w;
    double u;                /* sum of time * change, for the average */
} tpair;

typedef struct tfeat {
    uint64_t key;
    tpair *p;
    uint16_t n, cap;
} tfeat;

typedef struct percep {
    uint32_t n_classes;
    tfeat *f;
    size_t n_f, cap_f;
    uint32_t *slot;          /* index + 1 into f, 0 empty */
    size_t slots;
    double time;
} percep;

static void pc_init(percep *p, uint32_t n_classes) {
    memset(p, 0, sizeof *p);
    p->n_classes = n_classes;
    p->slots = 1 << 16;
    p->slot = calloc(p->slots, sizeof *p->slot);
}

static void pc_free(percep *p) {
    for (size_t i = 0; i < p->n_f; i++) free(p->f[i].p);
    free(p->f);
    free(p->slot);
}

static tfeat *pc_find(const percep *p, uint64_t key) {
    for (size_t s = key & (p->slots - 1); p->slot[s]; s = (s + 1) & (p->slots - 1))
        if (p->f[p->slot[s] - 1].key == key) return &p->f[p->slot[s] - 1];
    return NULL;
}

static void pc_rehash(percep *p) {
    free(p->slot);
    p->slots *= 2;
    p->slot = calloc(p->slots, sizeof *p->slot);
    for (size_t i = 0; i < p->n_f; i++) {
        size_t s = p->f[i].key & (p->slots - 1);
        while (p->slot[s]) s = (s + 1) & (p->slots - 1);
        p->slot[s] = (uint32_t)i + 1;
    }
}

static tfeat *pc_get(percep *p, uint64_t key) {
    tfeat *f = pc_find(p, key);
    if (f) return f;
    if (p->n_f * 2 >= p->slots) pc_rehash(p);
    if (p->n_f == p->cap_f && array_grow(&p->f, &p->cap_f, sizeof *p->f, 1 << 16) != FL_OK) die("memory", "oom");
    f = &p->f[p->n_f++];
    memset(f, 0, sizeof *f);
    f->key = key;
    size_t s = key & (p->slots - 1);
    while (p->slot[s]) s = (s + 1) & (p->slots - 1);
    p->slot[s] = (uint32_t)p->n_f;
    return f;
}

static void pc_score(const percep *p, const uint64_t *keys, size_t nk, float *score) {
    memset(score, 0, p->n_classes * sizeof *score);
    for (size_t i = 0; i < nk; i++) {
        const tfeat *f = pc_find(p, keys[i]);
        if (!f) continue;
        for (uint16_t j = 0; j < f->n; j++) score[f->p[j].cls] += f->p[j].w;
    }
}

static void pc_add(percep *p, uint64_t key, int cls, float d) {
    tfeat *f = pc_get(p, key);
    uint16_t j = 0;
    while (j < f->n && f->p[j].cls != cls) j++;
    if (j == f->n) {
        if (f->n == f->cap) {
            f->cap = f->cap ? f->cap * 2 : 2;
            f->p = realloc(f->p, f->cap * sizeof *f->p);
            if (!f->p) die("memory", "oom");
        }
        f->p[f->n++] = (tpair){(uint8_t)cls, 0, 0};
    }
    f->p[j].w += d;
    f->p[j].u += p->time * d;
}

static void pc_update(percep *p, const uint64_t *keys, size_t nk, int gold, int pred) {
    for (size_t i = 0; i < nk; i++) {
        pc_add(p, keys[i], gold, 1);
        pc_add(p, keys[i], pred, -1);
    }
}

/* The averaged weight of a pair. */
static double pc_avg(const percep *p, const tpair *q) { return q->w - q->u / (p->time > 0 ? p->time : 1); }

/* A copy of P's averaged weights (for tagging with a finished model). */
static void pc_averaged(const percep *p, percep *out) {
    pc_init(out, p->n_classes);
    for (size_t i = 0; i < p->n_f; i++) {
        const tfeat *f = &p->f[i];
        for (uint16_t j = 0; j < f->n; j++) {
            double a = pc_avg(p, &f->p[j]);
            if (a != 0) pc_add(out, f->key, f->p[j].cls, (float)a);
        }
    }
}

/* Quantizes the averaged weights to int16, dropping those that round to 0. */
/* Averaged weights smaller than PRUNE (in updates) are dropped from the
** model: they are most of its pairs and little of its accuracy (the
** sweep on dev in docs/internals/parse.md). */
#define TAG_PRUNE 0.1
#define DEP_PRUNE 1.0

static void pc_export(const percep *p, double prune, pm_export *e, double *scale_out) {
    double max = 0;
    for (size_t i = 0; i < p->n_f; i++)
        for (uint16_t j = 0; j < p->f[i].n; j++) {
            double a = pc_avg(p, &p->f[i].p[j]);
            if (a < 0) a = -a;
            if (a > max) max = a;
        }
    double scale = max > 0 ? 32000.0 / max : 1;
    *scale_out = scale;
    size_t total = 0;
    for (size_t i = 0; i < p->n_f; i++) total += p->f[i].n;
    e->n_classes = p->n_classes;
    e->feats = xmalloc(p->n_f * sizeof *e->feats);
    e->cls = xmalloc(total);
    e->w = xmalloc(total * sizeof *e->w);
    e->n_feats = 0;
    size_t k = 0;
    for (size_t i = 0; i < p->n_f; i++) {
        pm_feat *f = &e->feats[e->n_feats];
        f->key = p->f[i].key;
        f->first = (uint32_t)k;
        for (uint16_t j = 0; j < p->f[i].n; j++) {
            double a = pc_avg(p, &p->f[i].p[j]);
            if (a < prune && a > -prune) continue;
            double q = a * scale;
            long v = q < 0 ? (long)(q - 0.5) : (long)(q + 0.5);
            if (v == 0) continue;
            e->cls[k] = p->f[i].p[j].cls;
            e->w[k++] = (int16_t)v;
        }
        f->count = (uint32_t)k - f->first;
        if (f->count) e->n_feats++;
    }
}

static void export_free(pm_export *e) {
    free(e->feats);
    free(e->cls);
    free(e->w);
}

/* ---- randomness ------------------------------------------------------------------- */

static uint64_t rng = UINT64_C(0x2545f4914f6cdd1d);

static uint64_t next_rand(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void shuffle(size_t *order, size_t n) {
    for (size_t i = n; i > 1; i--) {
        size_t j = next_rand() % i, t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

/* ---- the tagger ----------------------------------------------------------------------- */

static ptok *feats_of(const sent *s) {
    ptok *t = xmalloc(s->n * sizeof *t);
    pt_fill(s->text, s->tok, s->n, t);
    return t;
}

/* Tags S with P (greedy, left to right), writing into T[].tag. */
static void tag_sent(const percep *p, ptok *t, size_t n) {
    uint64_t f[TAG_MAX_FEATS];
    float score[UPOS_COUNT];
    for (size_t i = 0; i < n; i++) {
        pc_score(p, f, tag_features(t, n, i, f), score);
        int best = UPOS_NOUN;
        for (int c = 1; c < UPOS_COUNT; c++)
            if (score[c] > score[best]) best = c;
        t[i].tag = best;
    }
}

/* Trains a tagger on the sentences of B whose index mod JACKKNIFE is not
** FOLD (all when FOLD < 0). */
static void train_tagger(const bank *b, ptok **pt, int fold, percep *p) {
    pc_init(p, UPOS_COUNT);
    size_t *order = xmalloc(b->n * sizeof *order);
    for (size_t i = 0; i < b->n; i++) order[i] = i;
    uint64_t f[TAG_MAX_FEATS];
    float score[UPOS_COUNT];
    for (int e = 0; e < TAG_EPOCHS; e++) {
        shuffle(order, b->n);
        for (size_t k = 0; k < b->n; k++) {
            size_t si = order[k];
            if (fold >= 0 && (int)(si % JACKKNIFE) == fold) continue;
            const sent *s = &b->s[si];
            ptok *t = pt[si];
            for (size_t i = 0; i < s->n; i++) {
                size_t nf = tag_features(t, s->n, i, f);
                pc_score(p, f, nf, score);
                int best = UPOS_NOUN;
                for (int c = 1; c < UPOS_COUNT; c++)
                    if (score[c] > score[best]) best = c;
                p->time++;
                if (best != s->tok[i].upos) pc_update(p, f, nf, s->tok[i].upos, best);
                t[i].tag = best;
            }
        }
    }
    free(order);
}

/* ---- the tag lexicon ---------------------------------------------------------------------- */

#define LEX_MIN_COUNT 5

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The ambiguity classes of the words seen LEX_MIN_COUNT times or more in
** B (a tag counts when it is at least 1 in 50 of the word's). */
static void build_lexicon(const bank *b, ptok **pt, tag_lexicon *lex) {
    size_t total = 0;
    for (size_t i = 0; i < b->n; i++) total += b->s[i].n;
    uint64_t *wt = xmalloc(total * sizeof *wt);   /* key32 << 8 | tag */
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++)
        for (size_t j = 0; j < b->s[i].n; j++) wt[k++] = (uint64_t)pm_key32(pt[i][j].word) << 8 | (uint64_t)b->s[i].tok[j].upos;
    qsort(wt, total, sizeof *wt, cmp_u64);
    lex->n = 0;
    lex->key = xmalloc(total * sizeof *lex->key);
    lex->mask = xmalloc(total * sizeof *lex->mask);
    for (size_t i = 0; i < total;) {
        size_t j = i;
        while (j < total && wt[j] >> 8 == wt[i] >> 8) j++;
        if (j - i >= LEX_MIN_COUNT) {
            uint32_t mask = 0;
            for (size_t a = i; a < j;) {
                size_t c = a;
                while (c < j && wt[c] == wt[a]) c++;
                if ((c - a) * 50 >= j - i) mask |= 1u << (wt[a] & 0xff);
                a = c;
            }
            lex->key[lex->n] = (uint32_t)(wt[i] >> 8);
            lex->mask[lex->n++] = mask;
        }
        i = j;
    }
    free(wt);
    /* the training tokens get their class as at inference */
    for (size_t i = 0; i < b->n; i++)
        for (size_t j = 0; j < b->s[i].n; j++) {
            uint32_t key = pm_key32(pt[i][j].word);
            size_t lo = 0, hi = lex->n;   /* keys are sorted */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (lex->key[mid] < key) lo = mid + 1;
                else hi = mid;
            }
            pt[i][j].amb = lo < lex->n && lex->key[lo] == key ? lex->mask[lo] : 0;
        }
    fprintf(stderr, "tag lexicon: %zu words\n", lex->n);
}

/* ---- the parser -------------------------------------------------------------------------- */

static int n_actions(void) { return DEP_FIRST_ARC + 2 * (int)n_labels; }

static void train_parser_epoch(const bank *b, ptok **pt, percep *p, int epoch, size_t *order) {
    shuffle(order, b->n);
    uint64_t f[DEP_MAX_FEATS];
    float score[DEP_MAX_ACTIONS];
    int cost[DEP_MAX_ACTIONS];
    int *scratch = NULL, *ghead = NULL;
    size_t cap = 0;
    for (size_t k = 0; k < b->n; k++) {
        const sent *s = &b->s[order[k]];
        ptok *t = pt[order[k]];
        if (s->n > cap) {
            cap = s->n;
            scratch = realloc(scratch, dep_state_ints(cap) * sizeof *scratch);
            ghead = realloc(ghead, cap * sizeof *ghead);
            if (!scratch || !ghead) die("memory", "oom");
        }
        for (size_t i = 0; i < s->n; i++) {
            ghead[i] = s->tok[i].head;
            t[i].tag = s->ptag[i];
        }
        dep_state st;
        dep_state_init(&st, s->n, scratch);
        while (!dep_done(&st)) {
            size_t nf = dep_features(&st, t, f);
            pc_score(p, f, nf, score);
            int pred = -1, gold = -1, min = 1 << 30;
            for (int a = 0; a < n_actions(); a++) {
                if (!dep_legal(&st, a)) {
                    cost[a] = -1;
                    continue;
                }
                cost[a] = dep_cost(&st, a, ghead, s->label);
                if (cost[a] < min) min = cost[a];
                if (pred < 0 || score[a] > score[pred]) pred = a;
            }
            for (int a = 0; a < n_actions(); a++)
                if (cost[a] == min && (gold < 0 || score[a] > score[gold])) gold = a;
            p->time++;
            if (cost[pred] > min) pc_update(p, f, nf, gold, pred);
            int follow = gold;
            if (epoch >= EXPLORE_FROM && (double)(next_rand() % 1000000) / 1e6 < EXPLORE_P) follow = pred;
            dep_apply(&st, follow);
        }
    }
    free(scratch);
    free(ghead);
}

/* ---- lemmas ------------------------------------------------------------------------------- */

typedef struct lcount {
    char *key;               /* "upos\tform\tlemma" or "upos\tsuffix\tcut\tadd" */
    int n;
} lcount;

/* A small string-keyed counting table. */
typedef struct ctab {
    lcount *e;
    size_t n, cap;
} ctab;

static int cmp_lc(const void *a, const void *b) { return strcmp(((const lcount *)a)->key, ((const lcount *)b)->key); }

static void ct_add(ctab *t, const char *key) {
    if (t->n == t->cap && array_grow(&t->e, &t->cap, sizeof *t->e, 1024) != FL_OK) die("memory", "oom");
    t->e[t->n++] = (lcount){strdup(key), 1};
}

/* Sorts and merges equal keys, counting them. */
static void ct_merge(ctab *t) {
    qsort(t->e, t->n, sizeof *t->e, cmp_lc);
    size_t w = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (w > 0 && strcmp(t->e[w - 1].key, t->e[i].key) == 0) {
            t->e[w - 1].n += t->e[i].n;
            free(t->e[i].key);
        } else {
            t->e[w++] = t->e[i];
        }
    }
    t->n = w;
}

static void lower(char *s) {
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z') *s = (char)(*s | 0x20);
}

#define MAX_SUFFIX 6
#define MIN_RULE_TYPES 3

typedef struct rule {
    int upos;
    char suffix[32];
    int cut;
    char add[32];
} rule;

typedef struct lemma_data {
    rule *rules;
    size_t n_rules;
    lem_export ex;
} lemma_data;

/* The rule turning FORM into LEMMA: cut bytes, then add a string. */
static void rule_of(const char *form, const char *lemma, int *cut, const char **add) {
    size_t p = 0;
    while (form[p] && form[p] == lemma[p]) p++;
    *cut = (int)(strlen(form) - p);
    *add = lemma + p;
}

static const rule *find_rule(const lemma_data *ld, int upos, const char *suffix) {
    for (size_t i = 0; i < ld->n_rules; i++)   /* training only: a linear scan is fine */
        if (ld->rules[i].upos == upos && strcmp(ld->rules[i].suffix, suffix) == 0) return &ld->rules[i];
    return NULL;
}

static void learn_lemmas(const bank *b, lemma_data *ld) {
    /* the distinct (upos, lower form, lemma) with their counts */
    ctab types = {0};
    char key[1024];
    for (size_t i = 0; i < b->n; i++)
        for (size_t j = 0; j < b->s[i].n; j++) {
            const sent *s = &b->s[i];
            size_t n = s->tok[j].end - s->tok[j].start;
            if (n >= 200 || strlen(s->lemma[j]) >= 200 || strchr(s->lemma[j], '\t')) continue;
            snprintf(key, sizeof key, "%02d\t%.*s", s->tok[j].upos, (int)n, s->text + s->tok[j].start);
            lower(key);
            size_t k = strlen(key);
            snprintf(key + k, sizeof key - k, "\t%s", s->lemma[j]);
            if (s->tok[j].upos != UPOS_PROPN) lower(key + k);
            ct_add(&types, key);
        }
    ct_merge(&types);
    /* the majority lemma of each (upos, form): types sorted, so runs */
    ctab majority = {0};
    for (size_t i = 0; i < types.n;) {
        size_t j = i, best = i;
        size_t pre = strrchr(types.e[i].key, '\t') - types.e[i].key;
        while (j < types.n && strncmp(types.e[j].key, types.e[i].key, pre + 1) == 0) {
            if (types.e[j].n > types.e[best].n) best = j;
            j++;
        }
        ct_add(&majority, types.e[best].key);
        i = j;
    }
    /* rules: for each (upos, suffix), the most frequent change over types */
    ctab rc = {0};
    for (size_t i = 0; i < majority.n; i++) {
        char *k = majority.e[i].key, *t1 = strchr(k, '\t'), *t2 = strchr(t1 + 1, '\t');
        *t2 = '\0';
        const char *form = t1 + 1, *lemma = t2 + 1;
        int upos = atoi(k), cut;
        const char *add;
        char low[512];
        snprintf(low, sizeof low, "%s", lemma);
        lower(low);   /* proper nouns keep their case by another way */
        rule_of(form, low, &cut, &add);
        size_t fl = strlen(form);
        for (size_t s = 1; s <= MAX_SUFFIX && s <= fl; s++) {
            snprintf(key, sizeof key, "%02d\t%s\t%02d\t%s", upos, form + fl - s, cut, add);
            if (strlen(add) < 30 && s < 30) ct_add(&rc, key);
        }
        *t2 = '\t';
    }
    ct_merge(&rc);
    ld->rules = xmalloc((rc.n + 1) * sizeof *ld->rules);
    ld->n_rules = 0;
    for (size_t i = 0; i < rc.n;) {
        /* a run of the same (upos, suffix) */
        char *k = rc.e[i].key, *t1 = strchr(k, '\t'), *t2 = strchr(t1 + 1, '\t');
        size_t pre = (size_t)(t2 - k);
        size_t j = i, best = i;
        int total = 0;
        while (j < rc.n && strncmp(rc.e[j].key, k, pre + 1) == 0) {
            total += rc.e[j].n;
            if (rc.e[j].n > rc.e[best].n) best = j;
            j++;
        }
        if (total >= MIN_RULE_TYPES) {
            rule *r = &ld->rules[ld->n_rules++];
            char *bk = rc.e[best].key, *b1 = strchr(bk, '\t'), *b2 = strchr(b1 + 1, '\t'),
                 *b3 = strchr(b2 + 1, '\t');
            r->upos = atoi(bk);
            snprintf(r->suffix, sizeof r->suffix, "%.*s", (int)(b2 - b1 - 1), b1 + 1);
            r->cut = atoi(b2 + 1);
            snprintf(r->add, sizeof r->add, "%s", b3 + 1);
        }
        i = j;
    }
    /* drop a rule that says what the rule of a shorter suffix (else the
    ** identity) would say in its place */
    char *keep = xmalloc(ld->n_rules + 1);
    for (size_t i = 0; i < ld->n_rules; i++) {
        const rule *r = &ld->rules[i], *shorter = NULL;
        for (const char *sfx = r->suffix + 1; *sfx && !shorter; sfx++) shorter = find_rule(ld, r->upos, sfx);
        keep[i] = shorter ? shorter->cut != r->cut || strcmp(shorter->add, r->add) != 0
                          : r->cut != 0 || r->add[0] != '\0';
    }
    size_t w = 0;
    for (size_t i = 0; i < ld->n_rules; i++)
        if (keep[i]) ld->rules[w++] = ld->rules[i];
    ld->n_rules = w;
    free(keep);
    /* exceptions: the types the rules get wrong */
    lem_export *ex = &ld->ex;
    memset(ex, 0, sizeof *ex);
    ex->exc_upos = xmalloc(majority.n);
    ex->exc_form = xmalloc(majority.n * sizeof *ex->exc_form);
    ex->exc_lemma = xmalloc(majority.n * sizeof *ex->exc_lemma);
    for (size_t i = 0; i < majority.n; i++) {
        char *k = majority.e[i].key, *t1 = strchr(k, '\t'), *t2 = strchr(t1 + 1, '\t');
        *t2 = '\0';
        const char *form = t1 + 1, *lemma = t2 + 1;
        int upos = atoi(k);
        size_t fl = strlen(form);
        const rule *r = NULL;
        for (size_t s = fl < MAX_SUFFIX ? fl : MAX_SUFFIX; s > 0 && !r; s--) r = find_rule(ld, upos, form + fl - s);
        char guess[512];
        if (r && (size_t)r->cut <= fl) snprintf(guess, sizeof guess, "%.*s%s", (int)(fl - (size_t)r->cut), form, r->add);
        else snprintf(guess, sizeof guess, "%s", form);
        /* proper nouns keep their case: compare case-blind for them */
        int same = upos == UPOS_PROPN ? strcasecmp(guess, lemma) == 0 : strcmp(guess, lemma) == 0;
        if (!same && strlen(lemma) < 255 && fl < 255) {
            ex->exc_upos[ex->n_exc] = (uint8_t)upos;
            ex->exc_form[ex->n_exc] = strdup(form);
            ex->exc_lemma[ex->n_exc++] = strdup(lemma);
        }
    }
    ex->n_rules = ld->n_rules;
    ex->rule_upos = xmalloc(ld->n_rules + 1);
    ex->rule_cut = xmalloc(ld->n_rules + 1);
    ex->rule_suffix = xmalloc((ld->n_rules + 1) * sizeof *ex->rule_suffix);
    ex->rule_add = xmalloc((ld->n_rules + 1) * sizeof *ex->rule_add);
    for (size_t i = 0; i < ld->n_rules; i++) {
        ex->rule_upos[i] = (uint8_t)ld->rules[i].upos;
        ex->rule_cut[i] = (uint8_t)ld->rules[i].cut;
        ex->rule_suffix[i] = ld->rules[i].suffix;
        ex->rule_add[i] = ld->rules[i].add;
    }
    fprintf(stderr, "lemmas: %zu rules, %zu exceptions (of %zu types)\n", ex->n_rules, ex->n_exc, majority.n);
}

/* ---- evaluation ------------------------------------------------------------------------------ */

typedef struct score {
    size_t tokens, upos, uas, las, lemma;
} score;

/* Tags and parses B's gold tokens with the model in MODEL_BYTES. */
static score evaluate(const parse_model *m, const bank *b) {
    score sc = {0};
    parse_sent ps;
    parse_sent_init(&ps);
    char *err = NULL;
    for (size_t i = 0; i < b->n; i++) {
        const sent *s = &b->s[i];
        ps.n = 0;
        if (parse_sent_reserve(&ps, s->n) != FL_OK) die("memory", "oom");
        for (size_t j = 0; j < s->n; j++) ps.tok[j] = (parse_tok){s->tok[j].start, s->tok[j].end, 0, -1, NULL, NULL};
        ps.n = s->n;
        if (parse_tokens(m, s->text, &ps, &err) != FL_OK) die("parse", err);
        for (size_t j = 0; j < s->n; j++) {
            sc.tokens++;
            sc.upos += ps.tok[j].upos == s->tok[j].upos;
            sc.lemma += strcasecmp(ps.tok[j].lemma, s->lemma[j]) == 0;   /* lemmas are lower case */
            if (ps.tok[j].head == s->tok[j].head) {
                sc.uas++;
                sc.las += s->label[j] >= 0 && strcmp(ps.tok[j].deprel, labels[s->label[j]]) == 0;
            }
        }
    }
    parse_sent_release(&ps);
    return sc;
}

static void report(const char *what, score sc) {
    double n = sc.tokens ? (double)sc.tokens : 1;
    fprintf(stderr, "%s: UPOS %.2f%%  UAS %.2f%%  LAS %.2f%%  lemma %.2f%%  (%zu tokens)\n", what,
            100 * sc.upos / n, 100 * sc.uas / n, 100 * sc.las / n, 100 * sc.lemma / n, sc.tokens);
}

/* The model of the tagger T and the parser P as file bytes in OUT. */
static void build_model(const percep *t, const percep *p, const lemma_data *ld, const tag_lexicon *lex, buf *out) {
    pm_export et, ep;
    double st, sp;
    pc_export(t, TAG_PRUNE, &et, &st);
    pc_export(p, DEP_PRUNE, &ep, &sp);
    buf_reset(out);
    if (pm_write(out, &et, &ep, labels, n_labels, &ld->ex, lex) != FL_OK) die("model", "cannot build");
    export_free(&et);
    export_free(&ep);
}

static parse_model *load_bytes(const buf *bytes, const char *tmp) {
    FILE *f = fopen(tmp, "wb");
    if (!f || fwrite(bytes->data, 1, bytes->len, f) != bytes->len || fclose(f) != 0) die(tmp, "cannot write");
    parse_model *m;
    char *err = NULL;
    if (parse_model_load(tmp, &m, &err) != FL_OK) die(tmp, err);
    remove(tmp);
    return m;
}

static void write_gz(const char *path, const buf *bytes) {
    gzFile g = gzopen(path, "wb9");
    if (!g || gzwrite(g, bytes->data, (unsigned)bytes->len) != (int)bytes->len || gzclose(g) != Z_OK)
        die(path, "cannot write");
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: train_parse TRAIN DEV TEST OUT\n");
        return 2;
    }
    clock_t t0 = clock();
    label_of("root", 1);
    label_of("punct", 1);
    label_of("parataxis", 1);
    bank train, dev, test;
    read_bank(argv[1], &train, 1);
    read_bank(argv[2], &dev, 0);
    read_bank(argv[3], &test, 0);
    fprintf(stderr, "treebank: %zu train, %zu dev, %zu test sentences; %zu labels\n", train.n, dev.n, test.n,
            n_labels);
    ptok **pt = xmalloc(train.n * sizeof *pt);
    for (size_t i = 0; i < train.n; i++) pt[i] = feats_of(&train.s[i]);
    tag_lexicon lex;
    build_lexicon(&train, pt, &lex);

    /* tags for the parser's training: each fold tagged by a tagger trained on the others */
    for (int fold = 0; fold < JACKKNIFE; fold++) {
        percep p, avg;
        train_tagger(&train, pt, fold, &p);
        pc_averaged(&p, &avg);
        for (size_t i = (size_t)fold; i < train.n; i += JACKKNIFE) {
            tag_sent(&avg, pt[i], train.s[i].n);
            for (size_t j = 0; j < train.s[i].n; j++) train.s[i].ptag[j] = pt[i][j].tag;
        }
        pc_free(&p);
        pc_free(&avg);
    }
    size_t right = 0, all = 0;
    for (size_t i = 0; i < train.n; i++)
        for (size_t j = 0; j < train.s[i].n; j++, all++) right += train.s[i].ptag[j] == train.s[i].tok[j].upos;
    fprintf(stderr, "jackknifed tags: %.2f%% (%.1f s)\n", 100.0 * right / all, (double)(clock() - t0) / CLOCKS_PER_SEC);

    percep tagger, parser;
    train_tagger(&train, pt, -1, &tagger);
    lemma_data ld;
    learn_lemmas(&train, &ld);

    pc_init(&parser, (uint32_t)n_actions());
    size_t *order = xmalloc(train.n * sizeof *order);
    for (size_t i = 0; i < train.n; i++) order[i] = i;
    buf best, cur;
    buf_init(&best, BUF_NO_LIMIT);
    buf_init(&cur, BUF_NO_LIMIT);
    size_t best_las = 0;
    int best_epoch = -1;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[4]);
    for (int e = 0; e < DEP_EPOCHS; e++) {
        train_parser_epoch(&train, pt, &parser, e, order);
        build_model(&tagger, &parser, &ld, &lex, &cur);
        parse_model *m = load_bytes(&cur, tmp);
        score sc = evaluate(m, &dev);
        parse_model_free(m);
        char what[64];
        snprintf(what, sizeof what, "epoch %2d dev", e + 1);
        report(what, sc);
        fprintf(stderr, "  %zu parser features, %.1f s\n", parser.n_f, (double)(clock() - t0) / CLOCKS_PER_SEC);
        if (sc.las > best_las) {
            best_las = sc.las;
            best_epoch = e + 1;
            buf_reset(&best);
            buf_append(&best, cur.data, cur.len);
        }
    }
    fprintf(stderr, "best epoch on dev: %d (%zu bytes uncompressed)\n", best_epoch, best.len);
    parse_model *m = load_bytes(&best, tmp);
    report("dev ", evaluate(m, &dev));
    report("test", evaluate(m, &test));
    parse_model_free(m);
    write_gz(argv[4], &best);
    fprintf(stderr, "wrote %s in %.1f s\n", argv[4], (double)(clock() - t0) / CLOCKS_PER_SEC);
    return 0;
}
