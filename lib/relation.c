/*
** relation.c: the relation stage (see relation.h). It owns the pattern
** language of data/patterns/relations.txt (described at the top of that
** file), the matcher that runs it over one sentence's tokens, and the
** resolution of what a pattern binds: coordinated lists, pair lists,
** exceptions, anaphors ("the country", "these countries", "it"), the
** document's implicit actor. It names no entity: every word it knows is in
** the pattern file.
**
** Cost: a sentence's tokens are classified once against the pattern
** words (lex.h); a rule whose required words the sentence lacks is not
** tried, the others are tried at every token (most stop at their first
** element, before a match is set up); a match is a bounded walk (at
** most RULE_MAX elements, gaps of at most GAP_LONG tokens), lists are
** walked once from their first member and bound sets hold at most SET_MAX
** entities, so time stays linear in the text.
*/
#include "relation.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "lex.h"
#include "parse.h"
#include "patfile.h"
#include "reltree.h"
#include "treecache.h"

#include "banned.h"

#define RULE_MAX 24        /* elements in one rule */
#define ALT_MAX 40         /* alternatives in one word element */
#define LISTW_MAX 32       /* list words */
#define SET_MAX 24         /* entities bound to one slot */
#define GAP_LONG 20
#define GAP_SHORT 4
#define LOOKBACK 400       /* mentions walked back to resolve an anaphor */
#define MODALITY_BEFORE 3  /* tokens before a match where a cue still counts */
#define ANAPHOR_BACK 64    /* mentions before a parsed sentence its anaphors may take */

/* ---- entity types ---------------------------------------------------- */

static const char *const type_names[] = {"country", "org", "group", "framework",
                                         "place", "region", "person", "document"};
#define N_TYPES (sizeof type_names / sizeof type_names[0])
#define T_ALL 0xFFu

static unsigned type_bit_n(const char *s, size_t n) {
    for (size_t i = 0; i < N_TYPES; i++)
        if (strlen(type_names[i]) == n && memcmp(type_names[i], s, n) == 0) return 1u << i;
    return 0;
}

static unsigned id_type(const char *id) {
    const char *c = strchr(id, ':');
    return c ? type_bit_n(id, (size_t)(c - id)) : 0;
}

/* ---- rules ------------------------------------------------------------ */

enum { EL_WORD = 1, EL_PUNCT, EL_POSS, EL_DASH, EL_GAP, EL_SLOT };

typedef struct elem {
    int kind;
    int opt;
    lx_words alt;         /* EL_WORD: alternatives, compiled at load */
    int punct;            /* EL_PUNCT: LXP_* */
    int gap;              /* EL_GAP: longest */
    char role;            /* EL_SLOT: 'S', 'O', 'P' */
    char list;            /* '+' or 0 */
    char mode;            /* 0, '^' (document context), '@' (sentence) */
    unsigned types;
} elem;

typedef struct rule {
    char *pred;
    elem el[RULE_MAX];
    size_t n_el;
    int at_ents;          /* it can only start at a mention or an anaphor */
    unsigned char need[RULE_MAX];   /* its required word elements */
    size_t n_need;
} rule;

enum { ANA_ONE = 1, ANA_MANY, ANA_IT };



static struct {
    rule *rules;
    size_t n_rules;
    lx_words listw;                /* list words, one token each */
    lx_phrases except, anaphor, modality;
    lx_vocab voc;                  /* every word above: tokens are classified once */
} R;


/* The first element of R that takes a token (context slots take none), or
** the end of R. */
static const elem *first_taker(const rule *r) {
    const elem *e = r->el;
    while (e < r->el + r->n_el && e->kind == EL_SLOT && e->mode) e++;
    return e;
}

/* Parses one element F[0..N) into E. */
static int parse_elem(elem *e, const char *f, size_t n) {
    memset(e, 0, sizeof *e);
    if (f[0] == '{') {
        if (n < 4 || f[n - 1] != '}') return FL_EINVAL;
        e->kind = EL_SLOT;
        e->role = f[1];
        if (e->role != 'S' && e->role != 'O' && e->role != 'P') return FL_EINVAL;
        size_t i = 2;
        if (f[i] == '+') e->list = '+', i++;
        if (f[i] == '^' || f[i] == '@') e->mode = f[i];
        else if (f[i] != ':') return FL_EINVAL;
        i++;
        const char *t = f + i, *end = f + n - 1;
        while (t < end) {
            const char *bar = memchr(t, '|', (size_t)(end - t));
            const char *te = bar ? bar : end;
            if (te - t == 1 && *t == '*') e->types = T_ALL;
            else {
                unsigned b = type_bit_n(t, (size_t)(te - t));
                if (!b) return FL_EINVAL;
                e->types |= b;
            }
            t = bar ? bar + 1 : end;
        }
        if (!e->types || (e->role == 'P' && !e->list) || (e->mode && e->list)) return FL_EINVAL;
        return FL_OK;
    }
    if (n > 1 && f[n - 1] == '?') e->opt = 1, n--;
    if (pat_is(f, n, "...")) e->kind = EL_GAP, e->gap = GAP_LONG;
    else if (pat_is(f, n, "..")) e->kind = EL_GAP, e->gap = GAP_SHORT;
    else if (pat_is(f, n, "<dash>")) e->kind = EL_DASH;
    else if (pat_is(f, n, "'s")) e->kind = EL_POSS;
    else if (pat_is(f, n, ",")) e->kind = EL_PUNCT, e->punct = LXP_COMMA;
    else if (pat_is(f, n, "(")) e->kind = EL_PUNCT, e->punct = LXP_OPAREN;
    else if (pat_is(f, n, ")")) e->kind = EL_PUNCT, e->punct = LXP_CPAREN;
    else if (pat_is(f, n, ";")) e->kind = EL_PUNCT, e->punct = LXP_SEMI;
    else {
        e->kind = EL_WORD;
        const char *p = f, *end = f + n;
        while (p < end) {
            const char *bar = memchr(p, '|', (size_t)(end - p));
            const char *we = bar ? bar : end;
            if (we == p || e->alt.n == ALT_MAX) return FL_EINVAL;
            if (lx_words_add(&e->alt, p, (size_t)(we - p), 1)) return FL_ENOMEM;
            p = bar ? bar + 1 : end;
        }
    }
    if (e->opt && e->kind == EL_GAP) return FL_EINVAL;
    return FL_OK;
}

static int parse_rule(const char *s, const char *e) {
    const char *colon = memchr(s, ':', (size_t)(e - s));
    if (!colon) return FL_EINVAL;
    rule *nr = realloc(R.rules, (R.n_rules + 1) * sizeof *nr);
    if (!nr) return FL_ENOMEM;
    R.rules = nr;
    rule *r = &R.rules[R.n_rules++];
    memset(r, 0, sizeof *r);
    const char *p = s, *f;
    size_t fn;
    if (!pat_field(&p, colon, 0, &f, &fn)) return FL_EINVAL;
    if (!(r->pred = strndup(f, fn))) return FL_ENOMEM;
    p = colon + 1;
    while (pat_field(&p, e, 0, &f, &fn)) {
        if (r->n_el == RULE_MAX) return FL_EINVAL;
        int rc = parse_elem(&r->el[r->n_el++], f, fn);
        if (rc) return rc;
    }
    if (!r->n_el) return FL_EINVAL;
    const elem *first = first_taker(r);
    r->at_ents = first < r->el + r->n_el && first->kind == EL_SLOT;
    for (size_t i = 0; i < r->n_el; i++)
        if (r->el[i].kind == EL_WORD && !r->el[i].opt) r->need[r->n_need++] = (unsigned char)i;
    return FL_OK;
}

static int load_rules(const char *datadir, char **errmsg) {
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    int rc = pat_read(datadir, "relations.txt", &b, errmsg);
    const char *p = b.data, *end = b.data + b.len, *line;
    size_t len;
    int lineno = 0;
    while (rc == FL_OK && pat_line(&p, end, &line, &len, &lineno)) {
        const char *q = line, *e = line + len, *kw, *f;
        size_t kn, fn;
        pat_field(&q, e, 0, &kw, &kn);
        if (pat_is(kw, kn, "rule")) rc = parse_rule(q, e);
        else if (pat_is(kw, kn, "list")) {
            while (rc == FL_OK && pat_field(&q, e, 0, &f, &fn)) {
                if (R.listw.n == LISTW_MAX) rc = FL_EINVAL;
                else if (lx_words_add(&R.listw, f, fn, 1)) rc = FL_ENOMEM;
            }
        } else if (pat_is(kw, kn, "exception")) rc = lx_phrases_add(&R.except, q, (size_t)(e - q), 0);
        else if (pat_is(kw, kn, "anaphor") || pat_is(kw, kn, "modality")) {
            int tag = 0;
            if (!pat_field(&q, e, 0, &f, &fn)) rc = FL_EINVAL;
            else if (kw[0] == 'a')
                tag = pat_is(f, fn, "one") ? ANA_ONE : pat_is(f, fn, "many") ? ANA_MANY
                    : pat_is(f, fn, "it") ? ANA_IT : 0;
            else
                tag = pat_is(f, fn, "alleged") ? MOD_ALLEGED + 1 : pat_is(f, fn, "negated") ? MOD_NEGATED + 1
                    : pat_is(f, fn, "planned") ? MOD_PLANNED + 1 : 0;
            if (rc == FL_OK && !tag) rc = FL_EINVAL;
            if (rc == FL_OK)
                rc = lx_phrases_add(kw[0] == 'a' ? &R.anaphor : &R.modality, q, (size_t)(e - q),
                                 kw[0] == 'a' ? tag : tag - 1);
        } else rc = FL_EINVAL;
    }
    if (rc && b.data) err_set(errmsg, rc == FL_ENOMEM ? rc : FL_EPACK, "relations.txt:%d: %s",
                              lineno, rc == FL_ENOMEM ? "out of memory" : "malformed line");
    buf_release(&b);
    return rc == FL_OK || rc == FL_ENOMEM || rc == FL_EPACK ? rc : FL_EPACK;
}

/* Numbers the pattern words and indexes every set and phrase list by
** them, so that matching tests bits of classified tokens. */
static int index_words(void) {
    int rc = FL_OK;
    for (size_t r = 0; r < R.n_rules; r++)
        for (size_t e = 0; e < R.rules[r].n_el; e++)
            if (rc == FL_OK) rc = lx_vocab_add_words(&R.voc, &R.rules[r].el[e].alt);
    if (rc == FL_OK) rc = lx_vocab_add_words(&R.voc, &R.listw);
    if (rc == FL_OK) rc = lx_vocab_add_phrases(&R.voc, &R.except);
    if (rc == FL_OK) rc = lx_vocab_add_phrases(&R.voc, &R.anaphor);
    if (rc == FL_OK) rc = lx_vocab_add_phrases(&R.voc, &R.modality);
    if (rc == FL_OK) rc = lx_vocab_build(&R.voc);
    for (size_t r = 0; r < R.n_rules; r++)
        for (size_t e = 0; e < R.rules[r].n_el; e++)
            if (rc == FL_OK) rc = lx_words_index(&R.rules[r].el[e].alt, &R.voc);
    if (rc == FL_OK) rc = lx_words_index(&R.listw, &R.voc);
    if (rc == FL_OK) rc = lx_phrases_index(&R.except, &R.voc);
    if (rc == FL_OK) rc = lx_phrases_index(&R.anaphor, &R.voc);
    if (rc == FL_OK) rc = lx_phrases_index(&R.modality, &R.voc);
    return rc;
}

static int load_all(const char *dir, char **errmsg) {
    int rc = load_rules(dir, errmsg);
    if (rc == FL_OK && index_words()) rc = FL_ENOMEM;
    return rc;
}

static pat_once loader = PAT_ONCE_INIT(load_all, "relations.txt: cannot load");

static void load_once(void) { pat_once_run(&loader); }

int rel_init(const char *datadir, char **errmsg) { return pat_init(&loader, load_once, datadir, errmsg); }

const lx_vocab *rel_vocab(void) { return rel_init(NULL, NULL) == FL_OK ? &R.voc : NULL; }

const char *rel_modality_name(int m) {
    static const char *const names[] = {"asserted", "alleged", "negated", "planned"};
    return m >= 0 && m < 4 ? names[m] : "asserted";
}

/* ---- one sentence's tokens -------------------------------------------- */

enum { TK_LEX = 0, TK_ENT, TK_ANA };

typedef struct rtok {
    lx_tok t;           /* first, so lx_phrase_at can read it in place */
    int what;           /* TK_* */
    int ana;            /* ANA_* for TK_ANA */
    size_t ment;        /* mention index for TK_ENT */
    int depth;          /* brackets open before the token */
    int cont;           /* TK_ENT continuing a list */
} rtok;

typedef struct set {
    const char *id[SET_MAX];
    size_t n;
} set;

typedef struct doc {
    const char *text;
    size_t n;
    const annot_mention *m;     /* sorted by start, no overlaps */
    const unsigned *mt;         /* their types' bits, looked up once */
    const unsigned *map;        /* LS's token classes to R.voc's, or NULL */
    size_t n_m;
    size_t para_start;          /* of the current sentence */
    size_t sent_start, sent_end;
    rtok *tk;
    size_t nt;
    size_t *ents;               /* tokens that are mentions or anaphors */
    size_t n_ents;
    uint64_t *seen;             /* classes of the sentence's plain words */
    set excl;                   /* named in an exception of this sentence */
} doc;

static int is_listword(const rtok *t) {
    if (t->what != TK_LEX) return 0;
    if (t->t.kind == LX_PUNCT && t->t.punct == LXP_COMMA) return 1;
    return lx_words_has(&R.listw, &t->t);
}

static int is_connector(const doc *d, const rtok *t) {
    if (t->what != TK_LEX) return 0;
    if (t->t.kind == LX_PUNCT) return t->t.punct == LXP_COMMA || d->text[t->t.start] == '/' ||
                                      d->text[t->t.start] == '&';
    return lx_is(d->text, &t->t, "and") || lx_is(d->text, &t->t, "or");
}

static void set_add(set *s, const char *id) {
    for (size_t i = 0; i < s->n; i++)
        if (s->id[i] == id || strcmp(s->id[i], id) == 0) return;
    if (s->n < SET_MAX) s->id[s->n++] = id;
}

static int set_has(const set *s, const char *id) {
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->id[i], id) == 0) return 1;
    return 0;
}

/* Removes from a plural set (two or more) the entities an exception named,
** keeping the order. */
static void drop_excluded(set *s, const set *excl) {
    if (s->n < 2) return;
    size_t w = 0;
    for (size_t k = 0; k < s->n; k++)
        if (!set_has(excl, s->id[k])) s->id[w++] = s->id[k];
    s->n = w;
}

/* 1 when tokens [I, I+N) are all plain lexer tokens. */
static int all_lex(const doc *d, size_t i, size_t n) {
    for (size_t j = i; j < i + n; j++)
        if (d->tk[j].what != TK_LEX) return 0;
    return 1;
}

/* Builds D->tk for sentence K [A, B) of LS: lexer tokens, mentions merged
** into one token, anaphor phrases into one token; bracket depth and list
** continuation. */
static int tokenize(doc *d, const lx_sents *ls, size_t k, size_t a, size_t b,
                    size_t *cap, size_t *mi) {
    d->nt = 0;
    size_t pos = a, cur = 0;
    lx_tok t;
    while (*mi < d->n_m && d->m[*mi].start < a) (*mi)++;
    int got;
    while ((got = lx_sents_next(ls, k, d->text, b, &pos, &cur, &t))) {
        if (d->nt == *cap) {
            size_t c = *cap ? *cap * 2 : 256;
            rtok *nt = realloc(d->tk, c * sizeof *nt);
            if (!nt) return FL_ENOMEM;
            d->tk = nt;
            size_t *ne = realloc(d->ents, c * sizeof *ne);
            if (!ne) return FL_ENOMEM;
            d->ents = ne;
            *cap = c;
        }
        rtok *r = &d->tk[d->nt];
        memset(r, 0, sizeof *r);
        r->t = t;
        while (*mi < d->n_m && d->m[*mi].end <= t.start) (*mi)++;
        if (*mi < d->n_m && d->m[*mi].start < t.end && d->m[*mi].end <= b) {
            r->what = TK_ENT;
            r->ment = *mi;
            r->t.start = d->m[*mi].start < t.start ? d->m[*mi].start : t.start;
            r->t.end = d->m[*mi].end;
            pos = d->m[*mi].end;
            (*mi)++;
        }
        if (r->what == TK_ENT || got == 1 || !d->map)   /* a mention's class: its whole span */
            lx_classify(&R.voc, d->text, &r->t);
        else
            r->t.cls = d->map[r->t.cls];          /* classified in LS's union */
        d->nt++;
    }
    /* anaphors: collapse the phrase into its first token (tokens move
    ** only after a collapse, which is rare) */
    size_t w = 0;
    for (size_t i = 0; i < d->nt; i++) {
        if (d->tk[i].what != TK_LEX || !lx_phrases_may(&R.anaphor, &d->tk[i].t)) {
            if (w != i) d->tk[w] = d->tk[i];
            w++;
            continue;
        }
        rtok r = d->tk[i];
        size_t k = 0, used;
        while ((used = lx_phrases_next(d->tk, sizeof *d->tk, d->nt, i, &R.anaphor, -1, &k)) &&
               !all_lex(d, i, used))
            k++;                         /* a phrase running into a mention: try the next */
        if (used) {
            r.what = TK_ANA;
            r.ana = R.anaphor.tag[k];
            r.t.end = d->tk[i + used - 1].t.end;
            if (used > 1) lx_classify(&R.voc, d->text, &r.t);
            i += used - 1;
        }
        d->tk[w++] = r;
    }
    d->nt = w;
    d->n_ents = 0;
    memset(d->seen, 0, lx_vocab_words(&R.voc) * sizeof *d->seen);
    for (size_t i = 0; i < d->nt; i++) {
        if (d->tk[i].what != TK_LEX) d->ents[d->n_ents++] = i;
        else if (d->tk[i].t.kind == LX_WORD) lx_seen_add(d->seen, &d->tk[i].t);
    }
    int depth = 0;
    size_t last_ent = (size_t)-1;
    int connector = 0;
    for (size_t i = 0; i < d->nt; i++) {
        rtok *r = &d->tk[i];
        r->depth = depth;                /* a closing bracket is inside */
        if (r->t.kind == LX_PUNCT && r->t.punct == LXP_CPAREN && depth > 0) depth--;
        if (r->t.kind == LX_PUNCT && r->t.punct == LXP_OPAREN) depth++;
        if (r->what == TK_ENT) {
            r->cont = last_ent != (size_t)-1 && connector;
            last_ent = i;
            connector = 0;
        } else if (last_ent != (size_t)-1 && is_listword(r)) {
            connector |= is_connector(d, r);
        } else if (last_ent != (size_t)-1 && r->t.kind == LX_PUNCT &&
                   (r->t.punct == LXP_OPAREN || r->t.punct == LXP_CPAREN)) {
            /* "Central African Republic (CAR), Chad": brackets stay in the list */
        } else {
            last_ent = (size_t)-1;
            connector = 0;
        }
    }
    /* a run "A, B" without "and", "or" or "/" is apposition, not a list:
    ** each of its members may start a slot */
    size_t run = (size_t)-1, prev = (size_t)-1;
    int joined = 0;
    for (size_t i = 0; i <= d->nt; i++) {
        if (i < d->nt && d->tk[i].what != TK_ENT) continue;
        if (i < d->nt && d->tk[i].cont) {
            for (size_t x = prev + 1; x < i; x++)
                if (is_connector(d, &d->tk[x]) && d->tk[x].t.punct != LXP_COMMA) joined = 1;
        } else {
            if (run != (size_t)-1 && !joined)
                for (size_t x = run; x <= prev; x++) d->tk[x].cont = 0;
            run = i;
            joined = 0;
        }
        prev = i;
    }
    /* exceptions: the entities right after the phrase leave lists */
    d->excl.n = 0;
    for (size_t i = 0; i < d->nt; i++) {
        if (!lx_phrases_may(&R.except, &d->tk[i].t)) continue;
        size_t used = lx_phrases_at(d->tk, sizeof *d->tk, d->nt, i, &R.except, -1, NULL);
        for (size_t j = i + used; used && j < d->nt; j++) {
            if (d->tk[j].what == TK_ENT) set_add(&d->excl, d->m[d->tk[j].ment].id);
            else if (!is_listword(&d->tk[j])) break;
        }
    }
    return FL_OK;
}

/* 0 when sentence K [A, B) of LS can have no mention or anaphor token, so
** that tokenize would find nothing for a rule to bind (about two
** sentences in five): no mention starts in it, and none of its tokens can
** start an anaphor phrase. Advances *MI as tokenize does. */
static int may_bind(const doc *d, const lx_sents *ls, size_t k, size_t a, size_t b, size_t *mi) {
    while (*mi < d->n_m && d->m[*mi].start < a) (*mi)++;
    if (!d->map || (*mi < d->n_m && d->m[*mi].start < b)) return 1;
    for (size_t i = ls->first[k]; i < ls->first[k + 1]; i++) {
        lx_tok t = ls->t[i];
        t.cls = d->map[t.cls];
        if (lx_phrases_may(&R.anaphor, &t)) return 1;
    }
    return 0;
}

/* ---- anaphors and context -------------------------------------------- */

/* Index just past the last mention starting before POS. */
static size_t mentions_before(const doc *d, size_t pos) { return annot_mention_at(d->m, d->n_m, pos); }

/* 1 when only list words separate mentions I-1 and I. */
static int coordinated(const doc *d, size_t i) {
    size_t pos = d->m[i - 1].end, end = d->m[i].start;
    lx_tok t;
    int any = 0;
    if (end < pos) return 0;
    while (lx_next(d->text, end, &pos, &t)) {
        rtok r = {.t = t};
        lx_classify(&R.voc, d->text, &r.t);
        if (t.kind == LX_PUNCT && (t.punct == LXP_OPAREN || t.punct == LXP_CPAREN)) continue;
        if (!is_listword(&r)) return 0;
        any |= is_connector(d, &r);
    }
    return any || strcmp(d->m[i - 1].id, d->m[i].id) == 0;
}

static int resolve(const doc *d, size_t pos, int ana, unsigned types, const set *avoid, set *out) {
    out->n = 0;
    size_t i = mentions_before(d, pos), steps = 0;
    if (ana == ANA_MANY) {
        while (i > 0 && steps++ < LOOKBACK && d->m[i - 1].start >= d->para_start) {
            size_t j = i - 1;
            if ((d->mt[j] & types) && j > 0 && d->m[j - 1].start >= d->para_start &&
                (d->mt[j - 1] & types) && coordinated(d, j)) {
                set_add(out, d->m[j].id);
                while (j > 0 && d->m[j - 1].start >= d->para_start &&
                       (d->mt[j - 1] & types) && coordinated(d, j) && out->n < SET_MAX) {
                    set_add(out, d->m[j - 1].id);
                    j--;
                }
                /* text order */
                for (size_t a = 0, b = out->n - 1; a < b; a++, b--) {
                    const char *x = out->id[a];
                    out->id[a] = out->id[b];
                    out->id[b] = x;
                }
                return out->n >= 2;
            }
            i--;
        }
        return 0;
    }
    if (ana == ANA_IT) types &= (1u << 0) | (1u << 1) | (1u << 2) | (1u << 3);
    if (ana == ANA_ONE) types &= 1u << 0;     /* "the country" */
    while (i > 0 && steps++ < LOOKBACK && d->m[i - 1].start >= d->para_start) {
        const char *id = d->m[i - 1].id;
        if ((d->mt[i - 1] & types) && !(avoid && set_has(avoid, id))) {
            set_add(out, id);
            return 1;
        }
        i--;
    }
    return 0;
}

/* ---- matching ---------------------------------------------------------- */

typedef struct bind {
    set s, o;
    const char *pairs[SET_MAX][2];
    size_t n_pairs;
    size_t o_first, o_last;     /* tokens of the object, for precedence */
    int has_o;
    size_t trig;                /* first word matched, or (size_t)-1 */
    size_t last;                /* last token matched */
    const elem *ctx_s, *ctx_o;  /* slots resolved after the match */
} bind;

static int word_ok(const rtok *r, const elem *e) {
    if (r->what != TK_LEX || r->t.kind != LX_WORD) return 0;
    return lx_words_has(&e->alt, &r->t);
}

/* Binds a slot at token I; returns tokens used, 0 when it cannot. */
static size_t bind_slot(const doc *d, const elem *e, size_t i, bind *b) {
    const rtok *r = &d->tk[i];
    set *s = e->role == 'O' ? &b->o : &b->s;
    s->n = 0;
    if (r->what == TK_ANA) {
        if (!e->list && r->ana == ANA_MANY) return 0;
        if (e->list && r->ana != ANA_MANY && e->role == 'P') return 0;
        if (!resolve(d, r->t.start, r->ana, e->types, e->role == 'O' ? &b->s : NULL, s)) return 0;
        drop_excluded(s, &d->excl);
        return s->n ? 1 : 0;
    }
    if (r->what != TK_ENT || !(d->mt[r->ment] & e->types)) return 0;
    if (!e->list) {
        set_add(s, d->m[r->ment].id);
        return 1;
    }
    if (r->cont) return 0;          /* a list binds from its first member */
    if (e->role == 'P') {
        b->n_pairs = 0;
        size_t j = i;
        for (;;) {
            if (j + 2 >= d->nt || d->tk[j].what != TK_ENT || !lx_is(d->text, &d->tk[j + 1].t, "and") ||
                d->tk[j + 2].what != TK_ENT || !(d->mt[d->tk[j].ment] & e->types) ||
                !(d->mt[d->tk[j + 2].ment] & e->types))
                break;
            if (b->n_pairs < SET_MAX) {
                b->pairs[b->n_pairs][0] = d->m[d->tk[j].ment].id;
                b->pairs[b->n_pairs][1] = d->m[d->tk[j + 2].ment].id;
                b->n_pairs++;
            }
            size_t k = j + 3;
            if (k < d->nt && d->tk[k].t.punct == LXP_COMMA && d->tk[k].what == TK_LEX) k++;
            if (k < d->nt && lx_is(d->text, &d->tk[k].t, "and") && d->tk[k].what == TK_LEX) k++;
            if (k == j + 3) {
                j = k;
                break;
            }
            if (k >= d->nt || d->tk[k].what != TK_ENT) {
                j = j + 3;
                break;
            }
            j = k;
        }
        return b->n_pairs ? j - i : 0;
    }
    size_t j = i, last = i, first_end = i;
    int joined = 0;             /* "and", "or", "/": "A, B" alone is apposition */
    while (j < d->nt) {
        if (d->tk[j].what == TK_ENT) {
            if (!(d->mt[d->tk[j].ment] & e->types)) break;
            set_add(s, d->m[d->tk[j].ment].id);
            last = j;
            j++;
            continue;
        }
        if (is_listword(&d->tk[j]) ||
            (d->tk[j].t.kind == LX_PUNCT && (d->tk[j].t.punct == LXP_OPAREN ||
                                            d->tk[j].t.punct == LXP_CPAREN))) {
            size_t k = j;
            while (k < d->nt && d->tk[k].what == TK_LEX &&
                   (is_listword(&d->tk[k]) || d->tk[k].t.punct == LXP_OPAREN ||
                    d->tk[k].t.punct == LXP_CPAREN))
                k++;
            if (k < d->nt && d->tk[k].what == TK_ENT && d->tk[k].cont &&
                (d->mt[d->tk[k].ment] & e->types)) {
                for (size_t x = j; x < k; x++)
                    if (is_connector(d, &d->tk[x]) && d->tk[x].t.punct != LXP_COMMA) joined = 1;
                if (s->n == 1) first_end = last;
                j = k;
                continue;
            }
            /* a closing bracket right after the last member belongs to it */
            if (d->tk[j].t.punct == LXP_CPAREN && d->tk[j].what == TK_LEX && j == last + 1 &&
                d->tk[last].depth > d->tk[i].depth)
                last = j;
        }
        break;
    }
    if (s->n > 1 && !joined) {
        s->n = 1;
        last = first_end;
    }
    drop_excluded(s, &d->excl);
    return last + 1 - i;
}

/* Tokens a word, punctuation, dash or possessive element E takes at token
** TI, 0 when it does not fit there. */
static size_t token_elem(const doc *d, const elem *e, size_t ti) {
    if (ti >= d->nt) return 0;
    const rtok *k = &d->tk[ti];
    switch (e->kind) {
    case EL_WORD: return word_ok(k, e);
    case EL_PUNCT: return k->what == TK_LEX && k->t.kind == LX_PUNCT && k->t.punct == e->punct;
    case EL_DASH:
        return k->what == TK_LEX && k->t.kind == LX_PUNCT &&
               (k->t.punct == LXP_DASH || k->t.punct == LXP_COLON);
    case EL_POSS:
        if (k->what != TK_LEX || k->t.punct != LXP_APOS || k->t.kind != LX_PUNCT) return 0;
        if (ti + 1 < d->nt && d->tk[ti + 1].t.start == k->t.end &&
            lx_is(d->text, &d->tk[ti + 1].t, "s"))
            return 2;
        return 1;
    default: return 0;
    }
}

/* 0 when rule R cannot match from token ST: the first element that takes
** a token is required and does not fit there. Most (rule, token) pairs end
** here, before a match is set up. Context slots take no token. */
static int may_start(const doc *d, const rule *r, size_t st) {
    const elem *e = first_taker(r);
    if (e == r->el + r->n_el || e->opt || e->kind == EL_GAP) return 1;
    if (e->kind == EL_SLOT) return d->tk[st].what != TK_LEX;
    return token_elem(d, e, st) > 0;
}

/* 0 when rule R cannot match in the sentence: a word it requires is not
** there. Most rules end here, before any token is tried. */
static int may_match(const doc *d, const rule *r) {
    for (size_t k = 0; k < r->n_need; k++)
        if (!lx_words_meet(&r->el[r->need[k]].alt, d->seen)) return 0;
    return 1;
}

/* Makes B ready for a match: only what match() reads before writing. The
** struct is large (sets and pairs), so it is not cleared whole per try. */
static void bind_reset(bind *b) {
    b->s.n = b->o.n = 0;
    b->n_pairs = 0;
    b->o_first = b->o_last = 0;
    b->has_o = 0;
    b->trig = (size_t)-1;
    b->last = 0;
    b->ctx_s = b->ctx_o = NULL;
}

static int match(const doc *d, const rule *r, size_t ei, size_t ti, bind *b) {
    if (ei == r->n_el) {
        b->last = ti ? ti - 1 : 0;
        return 1;
    }
    const elem *e = &r->el[ei];
    if (e->kind == EL_GAP) {
        int base = ti < d->nt ? d->tk[ti].depth : 0, cur = base;
        for (size_t g = 0; g <= (size_t)e->gap && ti + g <= d->nt; g++) {
            if (match(d, r, ei + 1, ti + g, b)) return 1;
            if (ti + g >= d->nt) break;
            const rtok *k = &d->tk[ti + g];
            if (k->t.punct == LXP_SEMI && k->what == TK_LEX) break;
            if (k->t.kind == LX_PUNCT && k->t.punct == LXP_OPAREN) cur++;
            if (k->t.kind == LX_PUNCT && k->t.punct == LXP_CPAREN && --cur < base) break;
        }
        return 0;
    }
    if (e->kind == EL_SLOT && e->mode) {
        if (e->role == 'S') b->ctx_s = e;
        else b->ctx_o = e;
        return match(d, r, ei + 1, ti, b);
    }
    if (e->kind == EL_SLOT) {
        if (ti >= d->nt) return 0;
        set saved = e->role == 'O' ? b->o : b->s;
        size_t used = bind_slot(d, e, ti, b);
        if (used) {
            int had = b->has_o;
            size_t of = b->o_first, ol = b->o_last;
            if (e->role == 'O') b->has_o = 1, b->o_first = ti, b->o_last = ti + used - 1;
            if (match(d, r, ei + 1, ti + used, b)) return 1;
            b->has_o = had, b->o_first = of, b->o_last = ol;
        }
        if (e->role == 'O') b->o = saved;
        else b->s = saved;
        return 0;
    }
    size_t used = token_elem(d, e, ti);
    if (used) {
        size_t trig = b->trig;
        if (e->kind == EL_WORD && trig == (size_t)-1) b->trig = ti;
        if (match(d, r, ei + 1, ti + used, b)) return 1;
        b->trig = trig;
    }
    return e->opt ? match(d, r, ei + 1, ti, b) : 0;
}

/* ---- output ------------------------------------------------------------ */

typedef struct outv {
    annot_relation *r;
    size_t n, cap, sent_first;   /* relations of the current sentence start here */
} outv;

typedef struct claimed {
    size_t first, last;
    const char *pred;
} claimed;

static int modality_of(const doc *d, size_t first, size_t last) {
    size_t a = first > MODALITY_BEFORE ? first - MODALITY_BEFORE : 0;
    for (int want = MOD_ALLEGED; want <= MOD_PLANNED; want++)
        for (size_t i = a; i <= last && i < d->nt; i++)
            if (d->tk[i].what == TK_LEX && lx_phrases_may(&R.modality, &d->tk[i].t) &&
                lx_phrases_at(d->tk, sizeof *d->tk, d->nt, i, &R.modality, want, NULL))
                return want;
    return MOD_ASSERTED;
}

static const char *date_for(const doc *d, const annot_date *dates, size_t n_dates, size_t at) {
    const char *best = NULL;
    size_t best_dist = (size_t)-1;
    for (size_t i = 0; i < n_dates; i++) {
        if (dates[i].start < d->sent_start || dates[i].end > d->sent_end) continue;
        size_t dist = dates[i].end <= at ? at - dates[i].end : dates[i].start > at ? dates[i].start - at : 0;
        if (dist < best_dist) best_dist = dist, best = dates[i].value;
    }
    return best;
}

static int emit(outv *o, const doc *d, const char *s, const char *pred, const char *obj,
                const char *date, int modality) {
    if (obj && strcmp(s, obj) == 0) return FL_OK;
    for (size_t i = o->sent_first; i < o->n; i++)
        if (strcmp(o->r[i].subject, s) == 0 && strcmp(o->r[i].predicate, pred) == 0 &&
            ((!obj && !o->r[i].object) || (obj && o->r[i].object && strcmp(o->r[i].object, obj) == 0)))
            return FL_OK;
    if (o->n == o->cap && array_grow(&o->r, &o->cap, sizeof *o->r, 32) != FL_OK) return FL_ENOMEM;
    annot_relation *r = &o->r[o->n++];
    memset(r, 0, sizeof *r);
    r->subject = s;
    r->predicate = pred;
    r->object = obj;
    if (date) {
        size_t len = strlen(date);
        if (len >= sizeof r->date) len = sizeof r->date - 1;
        memcpy(r->date, date, len);
    }
    r->modality = modality;
    r->start = d->sent_start;
    r->end = d->sent_end;
    return FL_OK;
}

/* Nearest mention of TYPES in the document before the trigger ('^') or
** in the sentence ('@'), not already bound. */
static int context_slot(const doc *d, const elem *e, size_t trig, bind *b) {
    set *s = e->role == 'O' ? &b->o : &b->s;
    const set *other = e->role == 'O' ? &b->s : &b->o;
    s->n = 0;
    size_t at = d->tk[trig].t.start;
    if (e->mode == '^') {
        size_t i = mentions_before(d, at), steps = 0;
        while (i > 0 && steps++ < LOOKBACK) {
            const char *id = d->m[i - 1].id;
            if ((d->mt[i - 1] & e->types) && !set_has(other, id)) {
                set_add(s, id);
                return 1;
            }
            i--;
        }
        return 0;
    }
    size_t best = (size_t)-1, dist = (size_t)-1;
    for (size_t i = 0; i < d->nt; i++) {
        if (d->tk[i].what != TK_ENT) continue;
        const char *id = d->m[d->tk[i].ment].id;
        if (!(d->mt[d->tk[i].ment] & e->types) || set_has(other, id)) continue;
        size_t dd = i > trig ? i - trig : trig - i;
        if (dd < dist) dist = dd, best = i;
    }
    if (best == (size_t)-1) return 0;
    set_add(s, d->m[d->tk[best].ment].id);
    return 1;
}

static int run_rules(doc *d, outv *o, const annot_date *dates, size_t n_dates,
                     bind *found, size_t *best, claimed **cl, size_t *n_cl, size_t *cap_cl) {
    int rc = FL_OK;
    for (size_t ri = 0; rc == FL_OK && ri < R.n_rules; ri++) {
        const rule *r = &R.rules[ri];
        size_t n_found = 0;
        if (!may_match(d, r)) continue;
        size_t n_try = r->at_ents ? d->n_ents : d->nt;
        for (size_t x = 0; x < n_try; x++) {
            size_t st = r->at_ents ? d->ents[x] : x;
            bind b;
            if (!r->at_ents && !may_start(d, r, st)) continue;
            bind_reset(&b);
            if (!match(d, r, 0, st, &b)) continue;
            size_t key = b.trig == (size_t)-1 ? st : b.trig;
            size_t slot = best[key] ? best[key] - 1 : n_found++;
            best[key] = slot + 1;
            b.trig = key;
            b.o_first = b.has_o ? b.o_first : (size_t)-1;
            found[slot] = b;
            found[slot].last = b.last;
            found[slot].n_pairs = b.n_pairs;
        }
        for (size_t k = 0; rc == FL_OK && k < n_found; k++) {
            bind *b = &found[k];
            best[b->trig] = 0;
            if (b->ctx_s && !context_slot(d, b->ctx_s, b->trig, b)) continue;
            if (b->ctx_o && !context_slot(d, b->ctx_o, b->trig, b)) continue;
            if (b->has_o) {
                int taken = 0;
                for (size_t c = 0; c < *n_cl && !taken; c++)
                    taken = strcmp((*cl)[c].pred, r->pred) != 0 && b->o_first <= (*cl)[c].last &&
                            (*cl)[c].first <= b->o_last;
                if (taken) continue;
                if (*n_cl == *cap_cl && array_grow(cl, cap_cl, sizeof **cl, 16) != FL_OK) return FL_ENOMEM;
                (*cl)[(*n_cl)++] = (claimed){b->o_first, b->o_last, r->pred};
            }
            int mod = modality_of(d, b->trig < b->last ? b->trig : b->last, b->last);
            const char *date = date_for(d, dates, n_dates, d->tk[b->trig].t.start);
            if (b->n_pairs) {
                for (size_t p = 0; rc == FL_OK && p < b->n_pairs; p++)
                    rc = emit(o, d, b->pairs[p][0], r->pred, b->pairs[p][1], date, mod);
                continue;
            }
            int has_obj = b->o.n > 0;
            for (size_t i = 0; rc == FL_OK && i < b->s.n; i++) {
                if (!has_obj) rc = emit(o, d, b->s.id[i], r->pred, NULL, date, mod);
                for (size_t j = 0; rc == FL_OK && j < b->o.n; j++)
                    rc = emit(o, d, b->s.id[i], r->pred, b->o.id[j], date, mod);
            }
        }
    }
    return rc;
}

/* ---- relations from the dependency tree (reltree.h) ------------------- */

typedef struct tree {
    const parse_model *model;    /* loaded at the first sentence worth parsing */
    tc_view view;                /* the sentence's parse, from the cache or the parser */
    rt_out out;
    size_t *sent_of;             /* the sentence of each mention before, for anaphors */
    size_t cap;
} tree;

/* 1 when sentence K is worth parsing: mentions M0..M1 name two entities
** or more (or one, and an anaphor is there; or one, for a frame without
** object) and a word outside them is a form of a predicate word with a
** frame those entities' types can fill
** ("Training" in "NATO Training Mission" is none; "commander" wants a
** person). String tests on words already lexed: most sentences end here,
** unparsed. */
static int tree_gate(const doc *d, const lx_sents *ls, size_t k, size_t m0, size_t m1) {
    if (m1 == m0) return 0;
    int two = 0;
    unsigned types = rt_id_types(d->m[m0].id);
    for (size_t i = m0 + 1; i < m1; i++) {
        two |= strcmp(d->m[i].id, d->m[m0].id) != 0;
        types |= rt_id_types(d->m[i].id);
    }
    for (int pass = 0; pass < 2; pass++) {      /* anaphors first, then predicate words */
        size_t mi = m0;
        for (size_t i = ls->first[k]; i < ls->first[k + 1]; i++) {
            const lx_tok *t = &ls->t[i];
            while (mi < m1 && d->m[mi].end <= t->start) mi++;
            size_t from = t->start;
            if (mi < m1 && d->m[mi].start <= t->start)      /* "X-aligned": the word after the name */
                from = d->m[mi].end + 1 < t->end && d->text[d->m[mi].end] == '-' ? d->m[mi].end + 1 : t->end;
            if (t->kind != LX_WORD || from == t->end) continue;
            if (pass == 0) {
                unsigned a = rt_anaphor_types(d->text + from, t->end - from);
                two |= a != 0;
                types |= a;
            } else if (rt_trigger_fits(d->text + from, t->end - from, types, !two)) {
                return 1;
            }
        }
    }
    return 0;
}

/* The end of a news dateline opening the text from A to B ("WASHINGTON,
** March 31, 2011 — ", "ROME, Italy – ", "TAMPA, Fla. - "): a place in
** capitals (a word of three letters or more, all capitals), a comma or a
** parenthesis, words in capitals or numbers, and a dash between spaces
** within 64 bytes. A when there is none. The parser reads the place as the sentence's subject; the
** sentence proper starts after the dash. */
static size_t dateline_end(const char *text, size_t a, size_t b) {
    size_t i = a, caps = 0;
    while (i < b && (text[i] >= 'A' && text[i] <= 'Z')) i++, caps++;
    while (caps >= 3 && i + 1 < b && text[i] == ' ' && text[i + 1] >= 'A' && text[i + 1] <= 'Z') {
        size_t j = i + 1;
        while (j < b && text[j] >= 'A' && text[j] <= 'Z') j++;
        if (j < b && text[j] >= 'a' && text[j] <= 'z') return a;   /* "NATO Allies": no place */
        i = j;
    }
    if (caps < 3 || i >= b || (text[i] != ',' && !(text[i] == ' ' && i + 1 < b && text[i + 1] == '(')))
        return a;
    static const char *const dashes[] = {" - ", " \xe2\x80\x93 ", " \xe2\x80\x94 "};
    for (size_t j = i; j < b && j < a + 64; j++) {
        if (text[j] == ' ' && j + 1 < b && text[j + 1] >= 'a' && text[j + 1] <= 'z')
            return a;      /* a word in lower case: "NATO, in turn - ", no dateline */
        for (size_t k = 0; k < sizeof dashes / sizeof *dashes; k++) {
            size_t n = strlen(dashes[k]);
            if (j + n < b && memcmp(text + j, dashes[k], n) == 0) return j + n;
        }
    }
    return a;
}

/* Parses the current sentence (K of LS) when the gate lets it through and
** adds the relations its tree states, dated as the patterns' are. */
static int tree_relations(const doc *d, const seg_result *seg, const lx_sents *ls, size_t k,
                          const annot_date *dates, size_t n_dates, outv *o, tree *tr, char **errmsg) {
    size_t m0 = mentions_before(d, d->sent_start), m1 = mentions_before(d, d->sent_end);
    if (!tree_gate(d, ls, k, m0, m1)) return FL_OK;
    size_t from = dateline_end(d->text, d->sent_start, d->sent_end);
    m0 = mentions_before(d, from);       /* the dateline's place: a mention before */
    int rc = tr->model ? FL_OK : parse_default(&tr->model, errmsg);
    const parse_sent *ps = NULL;
    if (rc == FL_OK) rc = tc_parse(tr->model, d->text, from, d->sent_end, &tr->view, &ps, errmsg);
    size_t p0 = m0 > ANAPHOR_BACK ? m0 - ANAPHOR_BACK : 0;   /* "the operation": maybe paragraphs back */
    if (rc == FL_OK && m0 - p0 > tr->cap) {
        size_t *ns = realloc(tr->sent_of, (m0 - p0) * sizeof *ns);
        if (!ns) rc = FL_ENOMEM;
        else tr->sent_of = ns, tr->cap = m0 - p0;
    }
    for (size_t i = p0, s = k; rc == FL_OK && seg && i < m0; i++) {   /* s: walks up to the mention's */
        if (i == p0) while (s > 0 && seg->sents[s - 1].end > d->m[i].start) s--;
        while (s + 1 < k && seg->sents[s].end <= d->m[i].start) s++;
        tr->sent_of[i - p0] = s;
    }
    tr->out.n = 0;
    if (rc == FL_OK)
        rc = rt_extract(d->text, ps, d->m + m0, m1 - m0, d->m + p0, seg ? tr->sent_of : NULL, m0 - p0,
                        &tr->out);
    for (size_t i = 0; rc == FL_OK && i < tr->out.n; i++) {
        const rt_rel *r = &tr->out.r[i];
        const char *date = date_for(d, dates, n_dates, ps->tok[r->trig].start);
        rc = emit(o, d, r->subject, r->predicate, r->object, date, r->modality);
    }
    return rc;
}

static int cmp_mention(const void *a, const void *b) {
    const annot_mention *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end;
}

int rel_extract_sents(const char *text, size_t n, const seg_result *seg, const lx_sents *ls,
                      const annot_mention *mentions, size_t n_mentions,
                      const annot_date *dates, size_t n_dates,
                      annot_relation **out, size_t *n_out, char **errmsg) {
    *out = NULL;
    *n_out = 0;
    int rc = rel_init(NULL, errmsg);
    if (rc == FL_OK) rc = rt_init(NULL, errmsg);
    if (rc) return rc;
    if (!n_mentions) return FL_OK;
    annot_mention *m = malloc(n_mentions * sizeof *m);
    if (!m) return err_set(errmsg, FL_ENOMEM, "relations: out of memory");
    size_t nm = 0;
    for (size_t i = 0; i < n_mentions; i++)
        if (mentions[i].id && id_type(mentions[i].id) && mentions[i].start < mentions[i].end &&
            mentions[i].end <= n)
            m[nm++] = mentions[i];
    qsort(m, nm, sizeof *m, cmp_mention);
    size_t w = 0;                                /* drop overlaps: the longer, earlier wins */
    for (size_t i = 0; i < nm; i++)
        if (!w || m[i].start >= m[w - 1].end) m[w++] = m[i];
    nm = w;
    unsigned *mt = malloc((nm ? nm : 1) * sizeof *mt);
    if (!mt) {
        free(m);
        return err_set(errmsg, FL_ENOMEM, "relations: out of memory");
    }
    for (size_t i = 0; i < nm; i++) mt[i] = id_type(m[i].id);

    doc d = {.text = text, .n = n, .m = m, .mt = mt, .n_m = nm, .map = lx_sents_map(ls, &R.voc)};
    if (!(d.seen = malloc(lx_vocab_words(&R.voc) * sizeof *d.seen))) {
        free(mt);
        free(m);
        return err_set(errmsg, FL_ENOMEM, "relations: out of memory");
    }
    outv o = {0};
    size_t cap = 0, mi = 0, n_cl = 0, cap_cl = 0;
    claimed *cl = NULL;
    bind *found = NULL;
    size_t *best = NULL, cap_found = 0;
    size_t n_sents = seg ? seg->n_sents : 1;
    tree tr = {0};
    for (size_t k = 0; rc == FL_OK && k < n_sents; k++) {
        size_t a = seg ? seg->sents[k].start : 0, b = seg ? seg->sents[k].end : n;
        if (a > b || b > n) {
            rc = err_set(errmsg, FL_EINVAL, "sentence %zu out of the text", k);
            break;
        }
        d.sent_start = a;
        d.sent_end = b;
        d.para_start = 0;
        if (seg && seg->paras && seg->sents[k].para < seg->n_paras)
            d.para_start = seg->paras[seg->sents[k].para].start;
        if (d.para_start > a) d.para_start = a;
        if (!may_bind(&d, ls, k, a, b, &mi)) continue;
        rc = tokenize(&d, ls, k, a, b, &cap, &mi);
        if (rc || !d.nt) continue;
        if (!d.n_ents) continue;
        if (d.nt > cap_found) {        /* run_rules leaves BEST all zero */
            free(found);
            free(best);
            cap_found = d.nt;
            found = malloc(cap_found * sizeof *found);
            best = calloc(cap_found, sizeof *best);
            if (!found || !best) {
                rc = FL_ENOMEM;
                break;
            }
        }
        n_cl = 0;
        o.sent_first = o.n;
        rc = run_rules(&d, &o, dates, n_dates, found, best, &cl, &n_cl, &cap_cl);
        if (rc == FL_OK) rc = tree_relations(&d, seg, ls, k, dates, n_dates, &o, &tr, errmsg);
    }
    tc_view_release(&tr.view);
    free(tr.out.r);
    free(tr.sent_of);
    free(found);
    free(best);
    free(cl);
    free(d.tk);
    free(d.ents);
    free(d.seen);
    free(mt);
    free(m);
    if (rc) {
        free(o.r);
        if (rc == FL_ENOMEM && !(errmsg && *errmsg)) err_set(errmsg, rc, "relations: out of memory");
        return rc;
    }
    *out = o.r;
    *n_out = o.n;
    return FL_OK;
}

int rel_extract(const char *text, size_t n, const seg_result *seg,
                const annot_mention *mentions, size_t n_mentions,
                const annot_date *dates, size_t n_dates,
                annot_relation **out, size_t *n_out, char **errmsg) {
    lx_sents ls;
    *out = NULL;
    *n_out = 0;
    if (!n_mentions) return rel_init(NULL, errmsg);   /* no mentions: no relations, no lexing */
    if (lx_sents_lex(&ls, text, n, seg, NULL)) return err_set(errmsg, FL_ENOMEM, "relations: out of memory");
    int rc = rel_extract_sents(text, n, seg, &ls, mentions, n_mentions, dates, n_dates,
                               out, n_out, errmsg);
    lx_sents_release(&ls);
    return rc;
}
