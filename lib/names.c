/*
** names.c: the name finder (names.h). It owns the cue file
** data/patterns/names.txt, the scan that cuts a document's words into
** capitalised phrases, the rules that type a phrase (title, institution
** word, foreign personal name) and the passes that attach shorter forms
** (surnames, bracketed acronyms, "the Dialogue") to the entities made.
** It does not own: linking pack entities (gazetteer.c), which words are
** common English or stop words (the pack's context files, gaz_word_class).
**
** One pass over the words makes phrases and types them; the later passes
** look words up in small hash tables. Every table is sized by the
** document, so time and memory are linear in the text.
*/
#include "names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "hash.h"
#include "patfile.h"
#include "banned.h"

enum {
    C_TITLE = 1 << 0, C_ORG = 1 << 1, C_GROUP = 1 << 2, C_FRAME = 1 << 3, C_PLACE = 1 << 4,
    C_REGION = 1 << 5, C_LEAD = 1 << 6, C_JOIN = 1 << 7, C_PARTICLE = 1 << 8, C_TAIL = 1 << 9,
    C_NOTNAME = 1 << 10, C_SHORT = 1 << 11, C_SETTLEMENT = 1 << 12, C_DOCUMENT = 1 << 13,
    C_PERSON = 1 << 14, C_VESSEL = 1 << 15
};
#define C_TYPES (C_ORG | C_GROUP | C_FRAME | C_PLACE | C_REGION | C_DOCUMENT)
#define NAME_TOK 8            /* name words kept per entity for short forms */
#define MAX_NAME_WORDS 4      /* an untitled personal name has 2 to 4 words */
#define MAX_PHRASE 24         /* words of one phrase; longer is a list or a heading */
#define NONE32 UINT32_MAX
#define AMBIG (UINT32_MAX - 1)

static const struct { const char *kind; unsigned bit; } kinds[] = {
    {"title", C_TITLE},   {"org", C_ORG},           {"group", C_GROUP},   {"framework", C_FRAME},
    {"place", C_PLACE},   {"region", C_REGION},     {"lead", C_LEAD},     {"joiner", C_JOIN},
    {"particle", C_PARTICLE}, {"tail", C_TAIL},     {"notname", C_NOTNAME}, {"short", C_SHORT},
    {"settlement", C_SETTLEMENT}, {"document", C_DOCUMENT}, {"vessel", C_VESSEL},
};

static const struct { unsigned bit; const char *prefix, *type; } types[] = {
    {C_PERSON, "person", "person"}, {C_ORG, "org", "organization"}, {C_GROUP, "group", "group"},
    {C_FRAME, "framework", "framework"}, {C_PLACE, "place", "place"}, {C_REGION, "region", "region"},
};

/* ---- a map of 64-bit keys (0 is never a key) to 32-bit values ---------- */

typedef struct map {
    uint64_t *key;
    uint32_t *val;
    size_t cap, n;
} map;

static uint64_t key_of(uint64_t h) { return h ? h : 1; }

static size_t map_slot(const map *m, uint64_t k) {
    size_t j = (size_t)(k * UINT64_C(0x9E3779B97F4A7C15) >> 20) & (m->cap - 1);
    while (m->key[j] && m->key[j] != k) j = (j + 1) & (m->cap - 1);
    return j;
}

static uint32_t map_get(const map *m, uint64_t h) {
    if (!m->cap) return NONE32;
    size_t j = map_slot(m, key_of(h));
    return m->key[j] ? m->val[j] : NONE32;
}

static int map_grow(map *m) {
    map g = {0};
    g.cap = m->cap ? 2 * m->cap : 64;
    g.key = calloc(g.cap, sizeof *g.key);
    g.val = malloc(g.cap * sizeof *g.val);
    if (!g.key || !g.val) {
        free(g.key);
        free(g.val);
        return FL_ENOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->key[i]) continue;
        size_t j = map_slot(&g, m->key[i]);
        g.key[j] = m->key[i];
        g.val[j] = m->val[i];
    }
    g.n = m->n;
    free(m->key);
    free(m->val);
    *m = g;
    return FL_OK;
}

/* Sets H's value to V, or to AMBIG when H already has another value. */
static int map_put(map *m, uint64_t h, uint32_t v, int keep_ambiguous) {
    if (2 * (m->n + 1) > m->cap && map_grow(m)) return FL_ENOMEM;
    uint64_t k = key_of(h);
    size_t j = map_slot(m, k);
    if (!m->key[j]) {
        m->key[j] = k;
        m->val[j] = v;
        m->n++;
    } else if (keep_ambiguous && m->val[j] != v) {
        m->val[j] = AMBIG;
    } else if (!keep_ambiguous) {
        m->val[j] |= v;
    }
    return FL_OK;
}

static void map_release(map *m) {
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

/* ---- the cue file ---------------------------------------------------- */

static map cues;              /* folded word hash -> C_* bits */

static uint64_t fold_hash(const char *w, size_t n) {
    char f[TOK_MAX_FOLD + 1];
    size_t k = tok_fold(w, n, f, sizeof f);
    return fnv1a(f, k);
}

static int load(const char *datadir, char **errmsg) {
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    int rc = pat_read(datadir, "names.txt", &b, errmsg);
    const char *p = b.data, *end = b.data + b.len, *line;
    size_t len;
    int lineno = 0;
    while (rc == FL_OK && pat_line(&p, end, &line, &len, &lineno)) {
        const char *q = line, *e = line + len, *kw, *word;
        size_t kn, wn;
        unsigned bit = 0;
        pat_field(&q, e, 0, &kw, &kn);
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            if (pat_is(kw, kn, kinds[i].kind)) bit = kinds[i].bit;
        if (!bit || !pat_field(&q, e, 0, &word, &wn))
            rc = err_set(errmsg, FL_EPACK, "names.txt:%d: expected a kind (title, org, group, framework, "
                         "place, region, document, lead, joiner, particle, tail, notname, short, "
                         "settlement, vessel) and a word", lineno);
        else if (map_put(&cues, fold_hash(word, wn), bit, 0))
            rc = err_set(errmsg, FL_ENOMEM, "names.txt: out of memory");
    }
    buf_release(&b);
    return rc;
}

static pat_once loader = PAT_ONCE_INIT(load, "names.txt: cannot load");

static void load_once(void) { pat_once_run(&loader); }

int names_init(const char *datadir, char **errmsg) { return pat_init(&loader, load_once, datadir, errmsg); }

/* ---- one document ------------------------------------------------------ */

typedef struct word_info {
    uint64_t h;               /* hash of the folded word */
    int32_t owner;            /* the pack mention covering it, or -1 */
    unsigned cue;             /* C_* bits */
    int gclass;               /* GAZ_WORD_* bits, or -1 until asked */
    int used;                 /* in a mention the finder made */
    int headline;             /* on a line whose significant words are all capitalised */
} word_info;

typedef struct local_info {
    uint64_t tok[NAME_TOK];   /* its name words' hashes */
    size_t n_tok;
    unsigned type;            /* C_PERSON or a C_TYPES bit */
} local_info;

typedef struct span2 {
    size_t a, b;
} span2;

typedef struct nctx {
    const gaz_pack *pack;
    const char *text;
    size_t n;
    const tok_word *w;
    size_t nw;
    const char *folds;
    word_info *t;
    gaz_result *res;
    char *absorbed;           /* per pack mention: a new name took it in */
    annot_mention *add;       /* the mentions made here */
    size_t n_add, cap_add;
    local_info *info;         /* beside res->locals */
    size_t cap_locals, cap_info;
    map by_id, surname, acronym, by_words;
    span2 *pending;           /* untyped phrases, for the second pass */
    size_t n_pending, cap_pending;
} nctx;

/* Room for element N of the array at *ARRAY (buf.h's array_grow). */
static int room(void *array, size_t n, size_t *cap, size_t size) {
    return n < *cap ? FL_OK : array_grow(array, cap, size, 16);
}

static int gclass(nctx *c, size_t i) {
    if (c->t[i].gclass < 0)
        c->t[i].gclass = gaz_word_class(c->pack, c->folds + c->w[i].fold_at, c->w[i].fold_len);
    return c->t[i].gclass;
}

static int common(nctx *c, size_t i) { return (gclass(c, i) & GAZ_WORD_COMMON) != 0; }

static int capital(const nctx *c, size_t i) { return (c->w[i].flags & (TOK_CAP | TOK_UPPER)) != 0; }

/* A single capital letter: the initial of "John W. Miller". */
static int initial(const nctx *c, size_t i) {
    return (c->w[i].flags & TOK_UPPER) && c->w[i].end - c->w[i].start == 1;
}

/* Is word I written as an acronym: 2 to 10 bytes, a capital first and
** at least two capitals ("MNLA", "MoD")? */
static int acronym_like(const nctx *c, size_t i) {
    size_t s = c->w[i].start, e = c->w[i].end, caps = 0;
    if (!(c->w[i].flags & TOK_CAP) || e - s < 2 || e - s > 10 || c->text[s] < 'A' || c->text[s] > 'Z') return 0;
    for (; s < e; s++) caps += c->text[s] >= 'A' && c->text[s] <= 'Z';
    return caps >= 2;
}

/* The last word of the acronym that begins at word K, or NONE32: an
** acronym-like word, then up to three capitals or numbers joined to it by
** a hyphen ("RAM-M", "KWM-2"). *KEY is the hash of its words. */
static size_t acronym_at(const nctx *c, size_t k, uint64_t *key) {
    if (!acronym_like(c, k)) return NONE32;
    size_t e = k;
    *key = c->t[k].h;
    while (e + 1 < c->nw && e - k < 3 && c->w[e + 1].start == c->w[e].end + 1 && c->text[c->w[e].end] == '-' &&
           (c->w[e + 1].flags & (TOK_UPPER | TOK_DIGIT))) {
        e++;
        *key = (*key * UINT64_C(0x100000001B3)) ^ c->t[e].h;
    }
    return e;
}

static int is_word(const nctx *c, size_t i, const char *w);

/* Is word I the "No." of a unit's number ("No. 83 Expeditionary Air
** Group", "No. 1 Squadron")? */
static int unit_number(const nctx *c, size_t i) {
    size_t s = c->w[i].end;
    return i + 1 < c->nw && (c->w[i].flags & TOK_CAP) && is_word(c, i, "no") && (c->w[i + 1].flags & TOK_DIGIT) &&
           s + 2 == c->w[i + 1].start && c->text[s] == '.' && c->text[s + 1] == ' ';
}

/* Does the phrase go on from word I-1 to word I? A break between them
** (tokenize.h) ends it, except the full stop of an initial or an
** abbreviated title ("Lt. Gen. Charles"). */
static int joined(nctx *c, size_t i) {
    if (c->w[i - 1].flags & TOK_POSS)   /* "People's Liberation Army", not "Obama's" */
        return c->t[i - 1].owner < 0 && capital(c, i - 1) && capital(c, i) && common(c, i - 1);
    if (!(c->w[i].flags & TOK_BREAK)) return 1;
    size_t s = c->w[i - 1].end;
    /* an en dash without spaces joins as a hyphen does ("NATO–Russia Council") */
    if (c->w[i].start == s + 3 && memcmp(c->text + s, "\xe2\x80\x93", 3) == 0) return 1;
    if (unit_number(c, i - 1)) return 1;   /* "No. 83 Expeditionary Air Group" */
    if (!initial(c, i - 1) && !(c->t[i - 1].cue & C_TITLE)) return 0;
    if (s >= c->n || c->text[s] != '.') return 0;
    for (s++; s < c->w[i].start; s++)
        if (c->text[s] != ' ') return 0;
    return 1;
}

/* The last word of the pack mention starting at word I. */
static size_t mention_end(const nctx *c, size_t i) {
    size_t end = c->res->mentions[c->t[i].owner].end;
    while (i + 1 < c->nw && c->w[i + 1].end <= end) i++;
    return i;
}

/* Can word I begin an item of a phrase, and where does the item end? An
** item is a capitalised word no list rules out, a number, or a whole pack
** mention that is not a person (who stays the pack's). */
static int item(nctx *c, size_t i, size_t *last) {
    word_info *t = &c->t[i];
    if (t->used) return 0;
    if (t->owner >= 0) {
        const annot_mention *m = &c->res->mentions[t->owner];
        const gaz_entity *e = gaz_get(c->pack, m->id);
        if (m->start != c->w[i].start || (e && strcmp(e->type, "person") == 0)) return 0;
        *last = mention_end(c, i);
        return 1;
    }
    *last = i;
    uint64_t key;
    if (c->acronym.n && acronym_at(c, i, &key) != NONE32 && map_get(&c->acronym, key) != NONE32)
        return 0;   /* an acronym defined before: acronym_pass names it */
    if (c->w[i].flags & TOK_DIGIT) return 1;
    if (i + 1 < c->nw && unit_number(c, i)) return 1;
    if (!capital(c, i) || (t->cue & (C_NOTNAME | C_JOIN | C_TAIL))) return 0;
    return 1;
}

/* ---- making entities and mentions ---------------------------------------- */

static const char *type_prefix(unsigned type, const char **name) {
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (types[i].bit == type) {
            if (name) *name = types[i].type;
            return types[i].prefix;
        }
    return NULL;
}

/* "person:" + the slug of words A..B (folded, ASCII letters and digits). */
static int make_id(const nctx *c, unsigned type, size_t a, size_t b, buf *id) {
    buf_puts(id, type_prefix(type, NULL));
    buf_putc(id, ':');
    size_t base = id->len;
    for (size_t i = a; i <= b; i++) {
        const char *f = c->folds + c->w[i].fold_at;
        int any = 0;
        for (size_t k = 0; k < c->w[i].fold_len && id->len - base < 80; k++) {
            char ch = f[k];
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
                if (!any && id->len > base) buf_putc(id, '-');
                buf_putc(id, ch);
                any = 1;
            }
        }
    }
    buf_cstr(id);
    return id->rc ? id->rc : id->len > base ? FL_OK : FL_EINVAL;
}

/* One key for a name's words (their hashes, in order). */
static uint64_t words_key(const uint64_t *tok, size_t n) {
    uint64_t k = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < n; i++) k = (k ^ tok[i]) * UINT64_C(0x100000001B3);
    return k;
}

/* The entity of words A..B as TYPE: the pack's when it has the id, else
** the document's (made on first use). *LOCAL is its index or NONE32. */
static int entity_of(nctx *c, unsigned type, size_t a, size_t b, const char **id, uint32_t *local) {
    buf s;
    buf_init(&s, BUF_NO_LIMIT);
    int rc = make_id(c, type, a, b, &s);
    *local = NONE32;
    *id = NULL;
    if (rc == FL_EINVAL) {
        buf_release(&s);
        return FL_OK;       /* no ASCII letter to make an id of */
    }
    const gaz_entity *e = rc == FL_OK ? gaz_get(c->pack, s.data) : NULL;
    uint64_t h = fnv1a(s.data, s.len);
    uint32_t at = rc == FL_OK ? map_get(&c->by_id, h) : NONE32;
    if (e) {
        *id = e->id;
    } else if (at < AMBIG && strcmp(c->res->locals[at].id, s.data) == 0) {
        *local = at;
        *id = c->res->locals[at].id;
    } else if (rc == FL_OK) {
        gaz_result *r = c->res;
        rc = room(&r->locals, r->n_locals, &c->cap_locals, sizeof *r->locals);
        if (rc == FL_OK) rc = room(&c->info, r->n_locals, &c->cap_info, sizeof *c->info);
        char *name = rc == FL_OK ? malloc(c->w[b].end - c->w[a].start + 1) : NULL;
        if (!name) rc = FL_ENOMEM;
        if (rc == FL_OK) {
            memcpy(name, c->text + c->w[a].start, c->w[b].end - c->w[a].start);
            name[c->w[b].end - c->w[a].start] = '\0';
            gaz_local *l = &r->locals[r->n_locals];
            l->name = name;
            type_prefix(type, &l->type);
            l->id = buf_detach(&s, NULL);
            local_info *in = &c->info[r->n_locals];
            in->type = type;
            in->n_tok = 0;
            for (size_t i = a; i <= b && in->n_tok < NAME_TOK; i++)
                if (!(c->t[i].cue & (C_JOIN | C_PARTICLE))) in->tok[in->n_tok++] = c->t[i].h;
            *local = (uint32_t)r->n_locals++;
            *id = l->id;
            rc = map_put(&c->by_id, h, *local, 1);
            if (rc == FL_OK && in->n_tok) rc = map_put(&c->by_words, words_key(in->tok, in->n_tok), *local, 1);
            if (rc == FL_OK && type == C_PERSON && in->n_tok)
                rc = map_put(&c->surname, in->tok[in->n_tok - 1], *local, 1);
        } else {
            free(name);
        }
    }
    buf_release(&s);
    return rc;
}

/* A mention of ID over words A..B; pack mentions inside are taken in. */
static int add_mention(nctx *c, size_t a, size_t b, const char *id) {
    if (!id) return FL_OK;
    if (room(&c->add, c->n_add, &c->cap_add, sizeof *c->add)) return FL_ENOMEM;
    c->add[c->n_add++] = (annot_mention){c->w[a].start, c->w[b].end, id};
    for (size_t i = a; i <= b; i++) {
        c->t[i].used = 1;
        if (c->t[i].owner >= 0) c->absorbed[c->t[i].owner] = 1;
    }
    return FL_OK;
}

/* Is a pack mention over part of words K..E and not over all of them? */
static int split_mention(const nctx *c, size_t k, size_t e) {
    for (size_t i = k; i <= e; i++) {
        int32_t o = c->t[i].owner;
        if (o >= 0 && (c->res->mentions[o].start != c->w[k].start || c->res->mentions[o].end != c->w[e].end))
            return 1;
    }
    return 0;
}

/* "(ACR)" right after words A..B names LOCAL in the whole document. */
static int bracketed_acronym(nctx *c, size_t b, uint32_t local, const char *id) {
    size_t k = b + 1, e;
    uint64_t key;
    if (local == NONE32 || k >= c->nw || (e = acronym_at(c, k, &key)) == NONE32) return FL_OK;
    size_t s = c->w[b].end;
    while (s < c->w[k].start && c->text[s] == ' ') s++;
    if (s + 1 != c->w[k].start || c->text[s] != '(') return FL_OK;
    if (c->w[e].end >= c->n || c->text[c->w[e].end] != ')' || split_mention(c, k, e)) return FL_OK;
    int rc = map_put(&c->acronym, key, local, 1);
    return rc ? rc : add_mention(c, k, e, id);
}

static int part_of(const nctx *c, size_t a, size_t b, uint32_t local);

static int make(nctx *c, unsigned type, size_t a, size_t b) {
    const char *id;
    uint32_t local;
    if (type == C_PERSON) {
        /* "Ambassador Dufresne" after "Marcel Dufresne": the same person */
        uint32_t who = map_get(&c->surname, c->t[b].h);
        if (who != NONE32 && who != AMBIG && part_of(c, a, b, who))
            return add_mention(c, a, b, c->res->locals[who].id);
    }
    int rc = entity_of(c, type, a, b, &id, &local);
    if (rc == FL_OK) rc = add_mention(c, a, b, id);
    if (rc == FL_OK) rc = bracketed_acronym(c, b, local, id);
    return rc;
}

/* ---- typing a phrase ----------------------------------------------------- */

/* Is A..B a personal name? Uncovered capitalised words and particles,
** no institution word; with a title before it any such name, else 2 to 4
** words of which at most one, and not the first, is a common word. */
static int personal_name(nctx *c, size_t a, size_t b, int titled) {
    size_t words = 0, commons = 0;
    for (size_t i = a; i <= b; i++) {
        const word_info *t = &c->t[i];
        if (t->owner >= 0 || t->used || (t->cue & (C_TYPES | C_TITLE | C_JOIN)) ||
            (c->w[i].flags & TOK_DIGIT))
            return 0;
        if ((t->cue & C_PARTICLE) || initial(c, i)) continue;
        if (!capital(c, i) || ((c->w[i].flags & TOK_UPPER) && !titled)) return 0;
        words++;
        if (common(c, i)) {
            if (words == 1 && !titled) return 0;
            commons++;
        }
    }
    if (titled) return words >= 1 && words <= MAX_NAME_WORDS && !(words == 1 && commons == 1);
    return words >= 2 && words <= MAX_NAME_WORDS && commons <= 1;
}

/* Are all of A..B uncovered common words (a generic "Air Force")? */
static int generic(nctx *c, size_t a, size_t b) {
    for (size_t i = a; i <= b; i++)
        if (c->t[i].owner >= 0 || (c->w[i].flags & TOK_DIGIT) ||
            (!(c->t[i].cue & C_JOIN) && !common(c, i)))
            return 0;
    return 1;
}

/* Marks the words of title-case lines ("Navy Takes Command of Port
** Operations"): two or more significant words, all capitalised; stop
** words may stay in lower case, not the first; a line that ends with a
** full stop is a sentence. One pass over the words. */
static void headlines(nctx *c) {
    size_t start = 0, sig = 0;
    int all = 1;
    for (size_t i = 0; i <= c->nw; i++) {
        int nl = i == c->nw || i == 0 || memchr(c->text + c->w[i - 1].end, '\n', c->w[i].start - c->w[i - 1].end);
        if (nl && i > 0) {
            const char *e = c->text + c->w[i - 1].end;
            while (e < c->text + c->n && (*e == '"' || *e == ')' || *e == '\'')) e++;
            if (e < c->text + c->n && *e == '.') all = 0;
            for (size_t k = start; k < i; k++) c->t[k].headline = all && sig >= 2;
            start = i;
            sig = 0;
            all = 1;
        }
        if (i == c->nw) break;
        c->t[i].headline = 0;
        if (i == start && !capital(c, i)) all = 0;   /* a headline begins with a capital */
        if (c->w[i].flags & TOK_DIGIT) continue;
        if (capital(c, i)) {
            sig++;
        } else if (!(gclass(c, i) & GAZ_WORD_STOP) && !(c->t[i].cue & C_JOIN)) {
            all = 0;
        }
    }
}

/* Is A..B on a title-case line with an uncued common word, which there
** may be a headline's verb or noun ("Navy Takes Command")? */
static int headline_words(nctx *c, size_t a, size_t b) {
    if (!c->t[a].headline) return 0;
    for (size_t i = a; i <= b; i++)
        if (c->t[i].owner < 0 && !(c->t[i].cue & (C_TYPES | C_TITLE | C_JOIN | C_PARTICLE)) && !initial(c, i) &&
            common(c, i))
            return 1;
    return 0;
}

static int classify(nctx *c, size_t a, size_t b);

static int is_word(const nctx *c, size_t i, const char *w) {
    size_t n = strlen(w);
    return c->w[i].fold_len == n && memcmp(c->folds + c->w[i].fold_at, w, n) == 0;
}

/* Is the group A..B (head word HEAD) a military unit, an organisation:
** numbered ("409th ... Group", "... Group 2"), part of a known body
** ("Standing NATO Maritime Group"), or a "Group" after a service's word
** ("Carrier Strike Group", "Expeditionary Air Group")? Armed groups are
** named otherwise ("Libyan Islamic Fighting Group"). */
static int military_unit(nctx *c, size_t a, size_t b, size_t head) {
    static const char *const unit[] = {"air",     "maritime", "naval",  "strike",    "expeditionary",
                                       "carrier", "task",     "battle", "amphibious", "surface"};
    for (size_t i = a; i <= b; i++) {
        if (c->w[i].flags & TOK_DIGIT) return 1;
        if (c->t[i].owner >= 0) {
            const gaz_entity *e = gaz_get(c->pack, c->res->mentions[c->t[i].owner].id);
            if (e && strcmp(e->type, "organization") == 0) return 1;
        }
    }
    if (head > a && c->t[head - 1].owner < 0)
        for (size_t k = 0; k < sizeof unit / sizeof unit[0]; k++)
            if (is_word(c, head - 1, unit[k])) return 1;
    return 0;
}

/* A title's person: "Secretary of State Antony Blinken" skips "of State".
** A title, "of" and a name ("Commander of RAM-M") is a post, with no
** person: NONE32 then. */
static size_t after_title(nctx *c, size_t title, size_t b) {
    size_t p = title + 1;
    if (p <= b && (c->t[p].cue & C_JOIN)) {
        size_t post = ++p;
        while (p < b && ((c->t[p].cue & C_JOIN) || common(c, p))) p++;
        if (p == post) return NONE32;
    }
    return p;
}

/* Is the word after B the start of a pack person ("President Joseph"
** before a known "Biden")? */
static int person_follows(const nctx *c, size_t b) {
    if (b + 1 >= c->nw || c->t[b + 1].owner < 0) return 0;
    const gaz_entity *e = gaz_get(c->pack, c->res->mentions[c->t[b + 1].owner].id);
    return e && strcmp(e->type, "person") == 0;
}

/* A..B holds no institution word (or a title comes after the last one): a
** person after a title ("Adm. X of the Italian navy": up to the joiner),
** or untyped pieces kept for the second pass. */
static int untyped(nctx *c, size_t a, size_t b, size_t title) {
    int rc = FL_OK;
    if (title != NONE32) {
        size_t p = after_title(c, title, b), q = p;
        size_t front = title;
        while (front > a && (c->t[front - 1].cue & C_TITLE)) front--;
        if (front > a) rc = classify(c, a, front - 1);
        if (p == NONE32)   /* a post: its institution */
            return rc || title + 2 > b ? rc : classify(c, title + 2, b);
        while (q <= b && !(c->t[q].cue & C_JOIN)) q++;
        /* On a title-case line the name ends before its first common word
        ** after the first: "General Marlo Quint Visits Troops" */
        size_t cut = q;
        if (p != NONE32 && p <= b && c->t[p].headline)
            for (size_t k = p + 1; k < q && cut == q; k++)
                if (c->t[k].owner >= 0 || (!(c->t[k].cue & C_PARTICLE) && !initial(c, k) && common(c, k)))
                    cut = k;
        if (rc == FL_OK && p < cut && personal_name(c, p, cut - 1, 1) && !(cut > b && person_follows(c, b)))
            rc = make(c, C_PERSON, p, cut - 1);
        if (rc == FL_OK && cut < q) rc = classify(c, cut, b);
        else if (rc == FL_OK && q < b) rc = classify(c, q + 1, b);
        return rc;
    }
    /* Untitled: split at pack mentions, keep the uncovered pieces for the
    ** second pass (a surname may name a person met later). */
    for (size_t i = a; i <= b && rc == FL_OK;) {
        if (c->t[i].owner >= 0 || (c->t[i].cue & C_JOIN)) {
            i++;
            continue;
        }
        size_t j = i;
        while (j + 1 <= b && c->t[j + 1].owner < 0) j++;
        while (j > i && (c->t[j].cue & C_JOIN)) j--;
        rc = room(&c->pending, c->n_pending, &c->cap_pending, sizeof *c->pending);
        if (rc == FL_OK) c->pending[c->n_pending++] = (span2){i, j};
        i = j + 1;
    }
    return rc;
}

/* Types the phrase A..B by its cue words. "and" separates two names,
** unless what follows it is common words only, no name of its own, and
** what comes before it is no generic phrase ("the Kouriba-Tembor
** Partnership and Support Programme", not "an Annual Training and
** Support Programme"). The
** head is the last institution word before the first joiner ("Government
** of National Accord", "Ministry of Foreign Affairs"), else the last one
** ("Joint Force Command"); "Operation ..." counts only before a name. A
** title after the head, or a title then "of" ("Chief of Mission"), makes a
** person's phrase; "Lt. Gen. X of the Canadian Forces" is a person and an
** organisation. */
static int classify(nctx *c, size_t a, size_t b) {
    while (a < b && (c->t[a].cue & C_JOIN) && c->t[a].owner < 0) a++;
    while (b > a && (c->t[b].cue & C_JOIN) && c->t[b].owner < 0) b--;
    if (c->t[a].headline && (c->t[a].cue & C_TITLE) && c->t[a].owner < 0) {
        /* a headline's titled person, then its verb: "Admiral X Y Takes
        ** Command of ...", "General X Says Mission Will Go On" */
        size_t p = a;
        while (p <= b && (c->t[p].cue & C_TITLE) && c->t[p].owner < 0) p++;
        size_t cut = p + 1;
        while (cut <= b && c->t[cut].owner < 0 && !(c->t[cut].cue & (C_JOIN | C_TYPES | C_TITLE)) &&
               ((c->t[cut].cue & C_PARTICLE) || initial(c, cut) || !common(c, cut)))
            cut++;
        if (p <= b && cut <= b && common(c, cut) && personal_name(c, p, cut - 1, 1)) {
            int rc = make(c, C_PERSON, p, cut - 1);
            return rc ? rc : classify(c, cut, b);
        }
    }
    size_t title = NONE32, cue = NONE32, head = NONE32, joiner = NONE32, uncovered = 0;
    for (size_t i = a; i <= b; i++) {
        unsigned q = c->t[i].cue;
        if (c->t[i].owner >= 0) continue;
        if ((q & C_JOIN) && is_word(c, i, "and") && i > a &&
            !(i < b && b - i <= 3 && generic(c, i + 1, b) && !generic(c, a, i - 1))) {
            int rc = classify(c, a, i - 1);
            return rc ? rc : classify(c, i + 1, b);
        }
        if (!(q & C_JOIN)) uncovered++;
        if ((q & C_JOIN) && joiner == NONE32) joiner = i;
        if (q & C_TITLE) title = i;
        /* a region word yields to any other ("Navy Region Southwest Asia") */
        if ((q & C_TYPES) && (!(q & C_LEAD) || i < b) &&
            (cue == NONE32 || (q & C_TYPES) != C_REGION || (c->t[cue].cue & C_TYPES) == C_REGION)) {
            cue = i;
            if (joiner == NONE32) head = i;
        }
    }
    if (head == NONE32) head = cue;
    if (title != NONE32 && title == a && a < b && (c->t[a + 1].cue & C_JOIN)) return untyped(c, a, b, a);
    if (title != NONE32 && head != NONE32 && title < head && joiner != NONE32 && joiner > title &&
        joiner < head && personal_name(c, title + 1, joiner - 1, 1)) {
        size_t front = title;
        while (front > a && (c->t[front - 1].cue & C_TITLE)) front--;
        int rc = front > a ? classify(c, a, front - 1) : FL_OK;
        if (rc == FL_OK) rc = make(c, C_PERSON, title + 1, joiner - 1);
        return rc ? rc : classify(c, joiner + 1, b);
    }
    if (head == NONE32 || (title != NONE32 && title > head)) return untyped(c, a, b, title);
    if (joiner != NONE32 && head > joiner) {
        /* "NCOs of the Somali Armed Forces": the name follows the joiner */
        size_t k = a;
        while (k < joiner && !(c->t[k].owner < 0 && (c->t[k].cue & C_TYPES))) k++;
        if (k == joiner) return classify(c, joiner + 1, b);
    }
    if (joiner != NONE32 && head < joiner) {
        /* "379th Air Expeditionary Wing of the USAF": known names after the
        ** joiner are the pack's, not part of this one */
        size_t k = joiner;
        while (k <= b && (c->t[k].owner >= 0 || (c->t[k].cue & C_JOIN))) k++;
        if (k > b) b = joiner - 1;
    }
    if (b == a || !uncovered) return FL_OK;
    /* "Air Force", "Security Council"; but "Exercise Lantern" names one */
    if (generic(c, a, b) && b - a < 2 && !(c->t[a].cue & C_LEAD)) return FL_OK;
    unsigned type = c->t[head].cue & C_TYPES;
    type &= (unsigned)-(int)type;
    if (type == C_GROUP && military_unit(c, a, b, head)) type = C_ORG;
    if (type == C_DOCUMENT) return FL_OK;   /* treaties and resolutions are the pack's to name */
    if (headline_words(c, a, b)) return FL_OK;
    return make(c, type, a, b);
}

/* ---- the passes ------------------------------------------------------------ */

/* Which mention of the result covers each word; a fresh absorbed list. */
static int owners(nctx *c) {
    free(c->absorbed);
    c->absorbed = calloc(c->res->n_mentions + 1, 1);
    if (!c->absorbed) return FL_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < c->nw; i++) {
        while (m < c->res->n_mentions && c->res->mentions[m].end <= c->w[i].start) m++;
        c->t[i].owner = m < c->res->n_mentions && c->res->mentions[m].start <= c->w[i].start ? (int32_t)m : -1;
    }
    return FL_OK;
}

static int word_info_make(nctx *c) {
    c->t = malloc((c->nw + 1) * sizeof *c->t);
    if (!c->t) return FL_ENOMEM;
    for (size_t i = 0; i < c->nw; i++) {
        word_info *t = &c->t[i];
        t->h = fnv1a(c->folds + c->w[i].fold_at, c->w[i].fold_len);
        uint32_t q = map_get(&cues, t->h);
        t->cue = q == NONE32 ? 0 : q;
        t->gclass = -1;
        t->used = 0;
    }
    headlines(c);
    return owners(c);
}

/* May a phrase begin at word I (see item)? Not with a number, unless an
** ordinal ("409th Air Expeditionary Group"). */
static int first_item(nctx *c, size_t i, size_t *last) {
    if (!item(c, i, last)) return 0;
    if (!(c->w[i].flags & TOK_DIGIT) || c->t[i].owner >= 0) return 1;
    const char *f = c->folds + c->w[i].fold_at;
    size_t n = c->w[i].fold_len;
    return n >= 3 && (memcmp(f + n - 2, "st", 2) == 0 || memcmp(f + n - 2, "nd", 2) == 0 ||
                      memcmp(f + n - 2, "rd", 2) == 0 || memcmp(f + n - 2, "th", 2) == 0);
}

/* Is word I a pack mention of a country (the tail of "Mission in Iraq")? */
static int country_mention(const nctx *c, size_t i) {
    if (c->t[i].owner < 0) return 0;
    const gaz_entity *e = gaz_get(c->pack, c->res->mentions[c->t[i].owner].id);
    return e && strcmp(e->type, "country") == 0;
}

/* The end of the phrase that begins with the item A..LAST: more items,
** joiners and lower-case name particles before an item ("Ministry of the
** Interior", "Bab al Mandeb"), and a country after "in"/"to" once a
** mission or programme word was seen ("Mission in Iraq"). */
static size_t phrase_end(nctx *c, size_t a, size_t last) {
    size_t b = last, k;
    int cued = (c->t[a].cue & C_FRAME) != 0;
    while (b + 1 < c->nw && b - a < MAX_PHRASE && joined(c, b + 1)) {
        size_t j = b + 1;
        if (item(c, j, &last)) {
            b = last;
            cued |= (c->t[j].cue & C_FRAME) != 0;
            continue;
        }
        for (k = j; k < c->nw && k - j < 2 && !capital(c, k) && (c->t[k].cue & (C_JOIN | C_PARTICLE)) &&
                    (k == j || joined(c, k));
             k++)
            continue;
        if (k == j && cued && !capital(c, j) && (c->t[j].cue & C_TAIL) && j + 1 < c->nw &&
            joined(c, j + 1) && country_mention(c, j + 1))
            return mention_end(c, j + 1);
        if (k == j || k >= c->nw || !joined(c, k) || !item(c, k, &last) || (c->w[k].flags & TOK_DIGIT))
            break;
        b = last;
        cued |= (c->t[k].cue & C_FRAME) != 0;
    }
    return b;
}

/* Does a country or region follow word A after a comma, the way addresses
** are written ("..., Somalia", "..., Mopti Region"), not as a possessive? */
static int address_after(nctx *c, size_t a) {
    size_t j = a + 1;
    if (j >= c->nw || !(c->w[j].flags & TOK_BREAK) || c->text[c->w[a].end] != ',') return 0;
    if (c->t[j].owner >= 0) {
        const gaz_entity *e = gaz_get(c->pack, c->res->mentions[c->t[j].owner].id);
        return e && (strcmp(e->type, "country") == 0 || strcmp(e->type, "region") == 0) &&
               !(c->w[mention_end(c, j)].flags & TOK_POSS);
    }
    for (size_t k = j; k < c->nw && k < j + 4 && capital(c, k) && (k == j || joined(c, k)); k++)
        if (c->t[k].cue & C_REGION) return !(c->w[k].flags & TOK_POSS);
    return 0;
}

/* A place, region or group named by the words around an untyped phrase
** A..B: "Kastellorizo island", "the town of Douentza", "the Koro Bani
** militia", "pushed out of Dinkoro, Mali" (one uncommon word after a
** lower-case one). Returns its C_* type. */
static unsigned place_around(nctx *c, size_t a, size_t b) {
    for (size_t i = a; i <= b; i++)
        if (c->t[i].owner >= 0 || (c->t[i].cue & (C_TYPES | C_TITLE))) return 0;
    if (b - a >= 3) return 0;
    size_t j = b + 1;
    if (j < c->nw && joined(c, j) && !capital(c, j) && (c->t[j].cue & (C_PLACE | C_REGION | C_GROUP)) &&
        !(c->t[j].cue & C_LEAD))
        return c->t[j].cue & C_PLACE ? C_PLACE : c->t[j].cue & C_REGION ? C_REGION : C_GROUP;
    if (a >= 2 && joined(c, a) && joined(c, a - 1) && is_word(c, a - 1, "of") && !capital(c, a - 2) &&
        (c->t[a - 2].cue & C_SETTLEMENT))
        return C_PLACE;
    if (a == b && a > 0 && joined(c, a) && !capital(c, a - 1) && !(c->w[a].flags & TOK_UPPER) && !common(c, a) &&
        address_after(c, a))
        return C_PLACE;
    /* two or three such words after "in", "at", "near": "a ceremony in
    ** Lago Patria, Italy" */
    if (b > a && b - a <= 2 && a > 0 && joined(c, a) &&
        (is_word(c, a - 1, "in") || is_word(c, a - 1, "at") || is_word(c, a - 1, "near")) && address_after(c, b)) {
        for (size_t i = a; i <= b; i++)
            if ((c->w[i].flags & TOK_UPPER) || common(c, i)) return 0;
        return C_PLACE;
    }
    return 0;
}

/* Cuts the words into phrases and types each at once. */
static int scan(nctx *c) {
    int rc = FL_OK;
    for (size_t i = 0, last; i < c->nw && rc == FL_OK;) {
        if (!first_item(c, i, &last)) {
            i++;
            continue;
        }
        size_t a = i, b = phrase_end(c, i, last);
        int cued = 0;
        for (size_t k = a; k <= b; k++) cued |= c->t[k].owner < 0 && (c->t[k].cue & C_TYPES);
        /* a title just before the phrase, in lower case: "commander Robert Carney" */
        int titled = a > 0 && joined(c, a) && !capital(c, a - 1) && (c->t[a - 1].cue & C_TITLE);
        unsigned place = cued ? 0 : place_around(c, a, b);
        /* "a Foreign Smuggling Organization", "an Annual Training Programme": a
        ** kind, no name; but in "a Kouriba Navy escort" the article is the noun's */
        int kind = a > 0 && joined(c, a) && (is_word(c, a - 1, "a") || is_word(c, a - 1, "an")) &&
                   !(b + 1 < c->nw && joined(c, b + 1) && !capital(c, b + 1) &&
                     !(c->w[b + 1].flags & TOK_DIGIT) && !(gclass(c, b + 1) & GAZ_WORD_STOP));
        /* "the U.S.-designated Foreign Terrorist Organization": a legal
        ** category a body is put in, not a body (the adjective, hyphenated
        ** or after "the"; not the verb of "Treasury designated Colonel X") */
        kind |= a > 1 && joined(c, a) && is_word(c, a - 1, "designated") &&
                ((c->w[a - 1].start > 0 && c->text[c->w[a - 1].start - 1] == '-') || is_word(c, a - 2, "the"));
        i = b + 1;
        if (kind) continue;
        if (titled && !cued && personal_name(c, a, b, 1))
            rc = make(c, C_PERSON, a, b);
        else if (place)
            rc = make(c, place, a, b);
        else
            rc = classify(c, a, b);
    }
    return rc;
}

/* Does every name word of A..B belong to LOCAL's name? */
static int part_of(const nctx *c, size_t a, size_t b, uint32_t local) {
    const local_info *in = &c->info[local];
    for (size_t i = a; i <= b; i++) {
        if (c->t[i].cue & (C_JOIN | C_PARTICLE)) continue;
        size_t k = 0;
        while (k < in->n_tok && in->tok[k] != c->t[i].h) k++;
        if (k == in->n_tok) return 0;
    }
    return 1;
}

/* Do the words around the untitled name A..B say it is no person? "the"
** or a vessel word before it ("the Tembor Dakka line", "the Koro Bani
** attack", "the frigate Marco Velieri"), an acronym or
** a country's name in the same phrase ("ITS Luca Dandolo", but not "H.E.";
** "Chadian Kossivi Adjamagbo Brotherhood"), or capitals in brackets after
** it ("... wal-Ansar (KAWA)"): people are not written so. */
static int no_person_around(nctx *c, size_t a, size_t b) {
    size_t k = a;
    while (k > 0 && joined(c, k) && c->t[k - 1].owner >= 0) {
        if (country_mention(c, k - 1)) return 1;
        int32_t o = c->t[--k].owner;
        while (k > 0 && c->t[k - 1].owner == o) k--;
    }
    if (k > 0 && joined(c, k) &&
        (is_word(c, k - 1, "the") || (c->t[k - 1].cue & C_VESSEL) ||
         (acronym_like(c, k - 1) && !(c->w[k - 1].flags & TOK_ABBR))))
        return 1;
    for (size_t j = b + 1; j < c->nw && j <= b + 4; j++) {
        if (!(c->w[j].flags & TOK_BREAK)) continue;
        size_t s = c->w[j - 1].end;
        while (s < c->w[j].start && c->text[s] == ' ') s++;
        return s + 1 == c->w[j].start && c->text[s] == '(' && acronym_like(c, j);
    }
    return 0;
}

/* Is the phrase at word A the second of two names joined by "and" or a
** comma, the first a person ("named as Ali Tembor and Bay Ag Kouma")? */
static int after_person(const nctx *c, size_t a) {
    if (a < 2) return 0;
    size_t p = a - 1;
    if (!is_word(c, p, "and")) p = a;   /* "X, Y": the comma is the break before A */
    else if (c->w[p].flags & TOK_BREAK) return 0;
    if (p == a && !((c->w[a].flags & TOK_BREAK) && c->text[c->w[a - 1].end] == ',')) return 0;
    size_t end = c->w[p - 1].end;
    if (c->t[p - 1].owner >= 0) {
        const annot_mention *m = &c->res->mentions[c->t[p - 1].owner];
        const gaz_entity *e = gaz_get(c->pack, m->id);
        return m->end == end && e && strcmp(e->type, "person") == 0;
    }
    const annot_mention *last = c->n_add ? &c->add[c->n_add - 1] : NULL;
    return last && last->end == end && strncmp(last->id, "person:", 7) == 0;
}

/* Is word I one of the speech verbs that take a person as subject ("said
** Mark Ellison", "Grace Tembaro told")? */
static int speech_verb(const nctx *c, size_t i) {
    static const char *const verbs[] = {"said", "says", "told", "tells", "added", "stated", "wrote", "asked"};
    for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++)
        if (is_word(c, i, verbs[k])) return !capital(c, i);
    return 0;
}

/* Is the untitled name A..B the subject of a speech verb right before or
** after it ("..., said Mark Ellison, a senior adviser"; "Grace Tembaro
** told reporters"), so a common first word ("Mark", "Grace") is a given
** name? Only its first word may be a common word, and no punctuation
** stands between it and the verb. */
static int speaks(nctx *c, size_t a, size_t b) {
    for (size_t i = a + 1; i <= b; i++)   /* only the first word may be common: not "told Sky News" */
        if (common(c, i)) return 0;
    int before = a > 0 && speech_verb(c, a - 1) && !(c->w[a].flags & TOK_BREAK);
    int after = b + 1 < c->nw && speech_verb(c, b + 1) && !(c->w[b + 1].flags & TOK_BREAK) &&
                !(c->w[b].flags & TOK_POSS);
    return before || after;
}

/* Untyped phrases: a shorter form of a person named in the document
** ("Bouchard", "Di Paola"), a two-word generic name that ends the name of
** one entity ("Air Force"), or a foreign personal name of its own. */
static int second_pass(nctx *c) {
    int rc = FL_OK;
    for (size_t k = 0; k < c->n_pending && rc == FL_OK; k++) {
        size_t a = c->pending[k].a, b = c->pending[k].b;
        if (c->t[a].used || c->t[b].used) continue;
        uint32_t who = map_get(&c->surname, c->t[b].h);
        uint64_t tok[NAME_TOK];
        size_t n_tok = 0;
        for (size_t i = a; i <= b && n_tok < NAME_TOK; i++)
            if (!(c->t[i].cue & (C_JOIN | C_PARTICLE))) tok[n_tok++] = c->t[i].h;
        uint32_t same = n_tok ? map_get(&c->by_words, words_key(tok, n_tok)) : NONE32;
        if (same != NONE32 && same != AMBIG && c->info[same].n_tok == n_tok) {
            /* the same words as a name typed before: "in Lago Patria, Italy" */
            rc = add_mention(c, a, b, c->res->locals[same].id);
        } else if (who != NONE32 && who != AMBIG && part_of(c, a, b, who) && capital(c, b)) {
            rc = add_mention(c, a, b, c->res->locals[who].id);
        } else if (b > a &&
                   (personal_name(c, a, b, 0) ||
                    ((after_person(c, a) || speaks(c, a, b)) && personal_name(c, a, b, 1))) &&
                   !no_person_around(c, a, b) && !headline_words(c, a, b)) {
            rc = make(c, C_PERSON, a, b);
        }
    }
    return rc;
}

/* Acronyms defined in brackets after a new name, used anywhere else. */
static int acronym_pass(nctx *c) {
    int rc = FL_OK;
    if (!c->acronym.n) return FL_OK;
    for (size_t i = 0, e; i < c->nw && rc == FL_OK; i++) {
        uint64_t key;
        if (c->t[i].used || (e = acronym_at(c, i, &key)) == NONE32) continue;
        uint32_t who = map_get(&c->acronym, key);
        if (who == NONE32 || who == AMBIG || split_mention(c, i, e)) continue;
        rc = add_mention(c, i, e, c->res->locals[who].id);
        i = e;
    }
    return rc;
}

/* ---- acronyms the document does not define ------------------------------ */

#define MAX_INITIALS 8

typedef struct initials {
    char s[MAX_INITIALS];
    size_t n;
    int bad;                  /* a number, or too many words */
} initials;

/* The first letters of a name's capitalised words ("Ruritanian Advisory
** Mission-Mali": ramm); lower-case words ("of", "al") have none. */
static int initials_fn(void *ctx, int flags, const char *t, size_t nt, size_t s, size_t e) {
    initials *in = ctx;
    (void)nt, (void)s, (void)e;
    if (flags & TOK_DIGIT) in->bad = 1;
    if (!(flags & TOK_CAP) || in->bad) return 0;
    if (in->n == MAX_INITIALS) in->bad = 1;
    else in->s[in->n++] = t[0];
    return 0;
}

/* The capitals of words A..E, folded ("MoD": md); N is 0 when there is a
** digit, fewer than three or more than MAX_INITIALS. */
static void capitals_of(const nctx *c, size_t a, size_t e, initials *in) {
    in->n = 0;
    for (const char *p = c->text + c->w[a].start, *end = c->text + c->w[e].end; p < end; p++) {
        if (*p >= '0' && *p <= '9') in->n = MAX_INITIALS;
        if (*p < 'A' || *p > 'Z') continue;
        if (in->n == MAX_INITIALS) break;
        in->s[in->n++] = (char)(*p - 'A' + 'a');
    }
    if (in->n < 3 || in->n == MAX_INITIALS) in->n = 0;
}

/* Records in BY_INITIALS the initials of entity ID named NAME (once per
** id: SEEN); two entities with the same initials make them ambiguous. */
static int note_initials(const char *id, const char *name, map *by_initials, map *seen, const char ***ids,
                         size_t *n_ids, size_t *cap_ids) {
    uint64_t key = (uint64_t)(uintptr_t)id;
    if (map_get(seen, key) != NONE32) return FL_OK;
    if (map_put(seen, key, 1, 0)) return FL_ENOMEM;
    initials in = {{0}, 0, 0};
    tok_run(name, strlen(name), &in, initials_fn);
    if (in.bad || in.n < 3) return FL_OK;
    if (room(ids, *n_ids, cap_ids, sizeof **ids)) return FL_ENOMEM;
    (*ids)[*n_ids] = id;
    return map_put(by_initials, fnv1a(in.s, in.n), (uint32_t)(*n_ids)++, 1);
}

/* Is the acronym A..E part of a run of capitals (a heading or a text in
** all capitals) rather than written among ordinary words? */
static int in_capitals(nctx *c, size_t a, size_t e) {
    return (a > 0 && joined(c, a) && (c->w[a - 1].flags & TOK_UPPER) && c->w[a - 1].end - c->w[a - 1].start > 1) ||
           (e + 1 < c->nw && joined(c, e + 1) && (c->w[e + 1].flags & TOK_UPPER));
}

/* Acronyms used without a definition ("KWTM" in a text that names the
** "Kouriba Water Training Mission" but never brackets it): the one entity of the
** document, the pack's or its own, whose capitalised words begin with the
** acronym's capitals. Nothing when two entities share those initials or
** the pack knows the acronym. */
static int initials_pass(nctx *c) {
    map by_initials = {0}, seen = {0};
    const char **ids = NULL;
    size_t n_ids = 0, cap_ids = 0;
    int rc = FL_OK, built = 0;
    for (size_t i = 0, e; i < c->nw && rc == FL_OK; i++) {
        uint64_t key;
        initials in;
        if (c->t[i].used || c->t[i].owner >= 0 || (e = acronym_at(c, i, &key)) == NONE32) continue;
        capitals_of(c, i, e, &in);
        if (!in.n || c->t[e].owner >= 0 || in_capitals(c, i, e)) continue;
        for (; !built && rc == FL_OK; built = 1) {
            for (size_t k = 0; k < c->res->n_locals && rc == FL_OK; k++)
                rc = note_initials(c->res->locals[k].id, c->res->locals[k].name, &by_initials, &seen, &ids,
                                   &n_ids, &cap_ids);
            for (size_t k = 0; k < c->res->n_mentions && rc == FL_OK; k++) {
                const gaz_entity *g = gaz_get(c->pack, c->res->mentions[k].id);
                if (g) rc = note_initials(g->id, g->name, &by_initials, &seen, &ids, &n_ids, &cap_ids);
            }
        }
        uint32_t at = map_get(&by_initials, fnv1a(in.s, in.n));
        if (rc == FL_OK && at < AMBIG) rc = add_mention(c, i, e, ids[at]);
    }
    map_release(&by_initials);
    map_release(&seen);
    free(ids);
    return rc;
}

/* The head noun of an entity's name: the word before the first "of"
** ("Council of the European Union"), else the last ("Mediterranean
** Dialogue"). */
typedef struct head_word {
    uint64_t h, before_of;
} head_word;

static int head_word_fn(void *ctx, int flags, const char *t, size_t nt, size_t s, size_t e) {
    head_word *hw = ctx;
    (void)flags, (void)s, (void)e;
    if (nt == 2 && memcmp(t, "of", 2) == 0 && hw->h && !hw->before_of) hw->before_of = hw->h;
    hw->h = fnv1a(t, nt);
    return 0;
}

/* Is word I a short form to resolve: a `short` noun after "the", on its own? */
static int short_form_at(nctx *c, size_t i, uint64_t the) {
    if (!(c->t[i].cue & C_SHORT) || c->t[i].used || c->t[i].owner >= 0 || i == 0 || c->t[i - 1].h != the ||
        (c->w[i].flags & TOK_BREAK))
        return 0;
    return !(i + 1 < c->nw && joined(c, i + 1) && capital(c, i + 1));   /* "the Mission Support ..." */
}

/* Records in HEADS the head noun of the entity of mention M, when it is an
** organisation, group or framework whose name's head is a `short` noun;
** two entities with one head make it ambiguous. SEEN skips repeats. */
static int note_head(nctx *c, const annot_mention *m, map *heads, map *seen, const char ***ids,
                     size_t *n_ids, size_t *cap_ids, const char **group, int *n_groups) {
    uint64_t key = (uint64_t)(uintptr_t)m->id;
    if (map_get(seen, key) != NONE32) return FL_OK;
    int rc = map_put(seen, key, 1, 0);
    const gaz_entity *e = gaz_get(c->pack, m->id);
    const gaz_local *l = e ? NULL : gaz_result_local(c->res, m->id);
    const char *type = e ? e->type : l ? l->type : "";
    if (rc || (strcmp(type, "organization") != 0 && strcmp(type, "framework") != 0 && strcmp(type, "group") != 0))
        return rc;
    if (strcmp(type, "group") == 0) {   /* "the group": the one armed group of the document */
        *group = m->id;
        ++*n_groups;
    }
    const char *name = e ? e->name : l->name;
    head_word hw = {0, 0};
    tok_run(name, strlen(name), &hw, head_word_fn);
    uint64_t head = hw.before_of ? hw.before_of : hw.h;
    if (!(map_get(&cues, head) & C_SHORT)) return FL_OK;
    if (room(ids, *n_ids, cap_ids, sizeof **ids)) return FL_ENOMEM;
    (*ids)[*n_ids] = m->id;
    return map_put(heads, head, (uint32_t)(*n_ids)++, 1);
}

/* "the Dialogue", "the mission", "the Council": a head noun after "the"
** names the one organisation, group or framework of the document
** mentioned before it whose name has that head; "the group" with no
** such name, the one armed group mentioned before it. Mentions are read only up to the last
** such noun, each entity once. */
static int short_forms(nctx *c, const annot_mention *m, size_t nm) {
    map heads = {0}, seen = {0};
    const char **ids = NULL, *group = NULL;
    size_t n_ids = 0, cap_ids = 0, k = 0;
    int rc = FL_OK, n_groups = 0;
    uint64_t the = fnv1a("the", 3), group_word = fnv1a("group", 5);
    for (size_t i = 0; i < c->nw && rc == FL_OK; i++) {
        if (!short_form_at(c, i, the)) continue;
        for (; k < nm && m[k].start < c->w[i].start && rc == FL_OK; k++)
            rc = note_head(c, &m[k], &heads, &seen, &ids, &n_ids, &cap_ids, &group, &n_groups);
        uint32_t at = map_get(&heads, c->t[i].h);
        if (rc == FL_OK && at < AMBIG) rc = add_mention(c, i, i, ids[at]);
        else if (rc == FL_OK && at == NONE32 && c->t[i].h == group_word && n_groups == 1)
            rc = add_mention(c, i, i, group);
    }
    map_release(&heads);
    map_release(&seen);
    free(ids);
    return rc;
}

static int cmp_local(const void *x, const void *y) {
    return strcmp(((const gaz_local *)x)->id, ((const gaz_local *)y)->id);
}

static int cmp_mention(const void *x, const void *y) {
    const annot_mention *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start ? 1 : (a->end > b->end) - (a->end < b->end);
}

/* The result's mentions: the pack's that no new name took in, and the new
** ones, in text order; candidates inside new names go. */
static int merge(nctx *c) {
    gaz_result *r = c->res;
    annot_mention *all = malloc((r->n_mentions + c->n_add + 1) * sizeof *all);
    if (!all) return FL_ENOMEM;
    if (c->n_add) qsort(c->add, c->n_add, sizeof *c->add, cmp_mention);   /* few; the pack's are in order */
    size_t n = 0, j = 0;
    for (size_t i = 0; i < r->n_mentions; i++) {
        if (c->absorbed[i]) continue;
        while (j < c->n_add && cmp_mention(&c->add[j], &r->mentions[i]) < 0) all[n++] = c->add[j++];
        all[n++] = r->mentions[i];
    }
    while (j < c->n_add) all[n++] = c->add[j++];
    free(r->mentions);
    r->mentions = all;
    r->n_mentions = n;
    size_t kept = 0;
    j = 0;
    for (size_t i = 0; i < r->n_candidates; i++) {
        const annot_mention *cand = &r->candidates[i];
        while (j < c->n_add && c->add[j].end <= cand->start) j++;
        int inside = j < c->n_add && c->add[j].start < cand->end;
        if (!inside) r->candidates[kept++] = *cand;
    }
    r->n_candidates = kept;
    return FL_OK;
}

int names_find(const gaz_pack *pack, const char *text, size_t n, const tok_words *words,
               gaz_result *res, char **errmsg) {
    int rc = names_init(NULL, errmsg);
    if (rc != FL_OK) {
        gaz_result_release(res);
        return rc;
    }
    nctx c = {0};
    c.pack = pack;
    c.text = text;
    c.n = n;
    c.w = tok_words_list(words);
    c.nw = tok_words_count(words);
    c.folds = words->folds.data;
    c.res = res;
    rc = word_info_make(&c);
    if (rc == FL_OK) rc = scan(&c);
    if (rc == FL_OK) rc = second_pass(&c);
    if (rc == FL_OK) rc = acronym_pass(&c);
    if (rc == FL_OK) rc = initials_pass(&c);
    if (rc == FL_OK) rc = merge(&c);
    /* By id, for gaz_result_local (the mentions point at the ids, which stay
    ** put; c.info, in the old order, is done with). */
    if (rc == FL_OK && res->n_locals) qsort(res->locals, res->n_locals, sizeof *res->locals, cmp_local);
    /* Short forms read the merged mentions, and only add. */
    c.n_add = 0;
    if (rc == FL_OK) rc = owners(&c);
    if (rc == FL_OK) rc = short_forms(&c, res->mentions, res->n_mentions);
    if (rc == FL_OK && c.n_add) rc = merge(&c);
    free(c.t);
    free(c.absorbed);
    free(c.add);
    free(c.info);
    free(c.pending);
    map_release(&c.by_id);
    map_release(&c.surname);
    map_release(&c.acronym);
    map_release(&c.by_words);
    if (rc != FL_OK) {
        gaz_result_release(res);
        return err_set(errmsg, rc, "name finder: %s", fl_strerror(rc));
    }
    return FL_OK;
}
