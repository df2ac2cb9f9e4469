/*
** reltree.c: relations from dependency trees (see reltree.h). It owns the
** lexicon format of data/patterns/predicates.tsv and modality.tsv (each
** described at the top of its file), the slots a frame reads (how a
** subject, object, oblique, possessive... is found in a UD tree) and the
** walk that reads modality in a predicate word's scope. It names no
** entity and no predicate word: those are the data files'.
**
** Cost: one pass over the sentence's tokens builds its child lists and
** maps mentions to their head tokens; each token is looked up once in the
** lexicon (a hash of lemmas); slot walks are bounded (DEPTH_MAX steps up
** or down, SET_MAX entities a slot), so time is linear in the sentence.
*/
#include "reltree.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "hash.h"
#include "patfile.h"
#include "vocab.h"

#include "banned.h"

#define SLOT_ALT 8        /* alternatives in one slot column */
#define SET_MAX 16        /* entities one slot yields */
#define DEPTH_MAX 4       /* steps of a walk up or down the tree */
#define WORD_MAX 32       /* bytes of a lemma or form */
#define CLASS_MAX 16      /* classes of lemmas for GOV */
#define LIST_GAP 48       /* bytes between two members of a list an anaphor takes up */
#define TITLE_GAP 96      /* ... between two people of a list, their titles in it */
#define ANA_MANY (1u << 31)   /* a plural anaphor: "these countries" */

/* ---- entity types ------------------------------------------------------ */

static const char *const type_names[] = {"country", "org", "group", "framework",
                                         "place", "region", "person", "document"};
#define N_TYPES (sizeof type_names / sizeof type_names[0])

static unsigned type_bit(const char *s, size_t n) {
    for (size_t i = 0; i < N_TYPES; i++)
        if (strlen(type_names[i]) == n && memcmp(type_names[i], s, n) == 0) return 1u << i;
    return 0;
}

/* The bits of "country|org": 0 when a name is unknown; "-" is none. */
static int types_of(const char *s, size_t n, unsigned *out) {
    *out = 0;
    if (n == 1 && s[0] == '-') return 1;
    const char *end = s + n;
    while (s < end) {
        const char *bar = memchr(s, '|', (size_t)(end - s));
        const char *e = bar ? bar : end;
        unsigned b = type_bit(s, (size_t)(e - s));
        if (!b) return 0;
        *out |= b;
        s = bar ? bar + 1 : end;
    }
    return *out != 0;
}

static unsigned id_type(const char *id) {
    const char *c = strchr(id, ':');
    return c ? type_bit(id, (size_t)(c - id)) : 0;
}

/* ---- word sets: folded words with a tag -------------------------------- */

typedef struct wset {
    char (*w)[WORD_MAX];
    unsigned *tag;
    size_t n, mask;      /* open addressing, load under one half */
} wset;

static int fold(const char *s, size_t n, char out[WORD_MAX]) {
    if (n == 0 || n >= WORD_MAX) return 0;
    for (size_t i = 0; i < n; i++) out[i] = (char)tolower((unsigned char)s[i]);
    out[n] = '\0';
    return 1;
}

static size_t wset_slot(const wset *ws, const char *w) {
    size_t i = (size_t)fnv1a(w, strlen(w)) & ws->mask;
    while (ws->w[i][0] && strcmp(ws->w[i], w) != 0) i = (i + 1) & ws->mask;
    return i;
}

static int wset_grow(wset *ws) {
    size_t cap = ws->mask ? (ws->mask + 1) * 2 : 256;
    wset nw = {calloc(cap, sizeof *nw.w), calloc(cap, sizeof *nw.tag), 0, cap - 1};
    if (!nw.w || !nw.tag) {
        free(nw.w);
        free(nw.tag);
        return FL_ENOMEM;
    }
    for (size_t i = 0; ws->mask && i <= ws->mask; i++)
        if (ws->w[i][0]) {
            size_t k = wset_slot(&nw, ws->w[i]);
            memcpy(nw.w[k], ws->w[i], WORD_MAX);
            nw.tag[k] = ws->tag[i];
            nw.n++;
        }
    free(ws->w);
    free(ws->tag);
    *ws = nw;
    return FL_OK;
}

/* ORs TAG into the tag of S[0..N) (SET: replaces it); FL_EINVAL for a word
** too long. */
static int wset_put(wset *ws, const char *s, size_t n, unsigned tag, int set) {
    char w[WORD_MAX];
    if (!fold(s, n, w)) return FL_EINVAL;
    if ((ws->n + 1) * 2 > (ws->mask ? ws->mask + 1 : 0) && wset_grow(ws)) return FL_ENOMEM;
    size_t k = wset_slot(ws, w);
    if (!ws->w[k][0]) {
        memcpy(ws->w[k], w, WORD_MAX);
        ws->n++;
    }
    ws->tag[k] = set ? tag : ws->tag[k] | tag;
    return FL_OK;
}

static int wset_add(wset *ws, const char *s, size_t n, unsigned tag) { return wset_put(ws, s, n, tag, 0); }

/* The tag of S[0..N) (any case), 0 when absent. */
static unsigned wset_get(const wset *ws, const char *s, size_t n) {
    char w[WORD_MAX];
    if (!ws->mask || !fold(s, n, w)) return 0;
    size_t k = wset_slot(ws, w);
    return ws->w[k][0] ? ws->tag[k] : 0;
}

/* ---- the lexicon -------------------------------------------------------- */

enum { SL_SUBJ = 1, SL_OBJ, SL_IOBJ, SL_POSS, SL_CMP, SL_HEAD, SL_APPOS, SL_GOBJ, SL_PREP };
enum { PART_ALL, PART_FIRST, PART_REST };

typedef struct slot {
    int kind, part;
    int via_proxy;         /* "proxy:obj": only a proxy noun fills it */
    char prep[WORD_MAX];
} slot;

typedef struct slots {
    slot a[SLOT_ALT];
    size_t n;              /* 0: "-", no side */
} slots;

typedef struct frame {
    char lemma[WORD_MAX];
    char cls;              /* 'V', 'N', 'A' */
    slots s, o;
    const char *pred;      /* vocab.h's name */
    int modality;
    unsigned stypes, otypes;
    unsigned gov;          /* a class bit, 0 for none */
    int gov_not;
    size_t line;           /* file order among equal lemmas */
} frame;

static struct {
    frame *f;
    size_t n;
    wset lemmas;           /* lemma -> 1 + index of its first frame */
    wset forms;            /* surface forms of the predicate words -> 1 + first frame */
    char (*irregular)[2][WORD_MAX];   /* "forms" lines: lemma, form */
    size_t n_irregular;
    wset anaphor;          /* word -> type bits */
    wset proxy;            /* nouns standing for their modifier */
    wset office;           /* predicates an office holder's act states of the office */
    wset classes;          /* lemma -> class bits */
    wset titles;           /* nouns of "appointed" frames: "minister", "commander" */
    wset context_titles;   /* titles of the organisation in context: "secretary" */
    wset units;            /* words of a unit's name: "fleet", "operation" */
    wset near;             /* "southwest" (of X): as p:near */
    wset measure;          /* "series" (of sanctions): the noun of its "of" phrase stands in its place */
    wset narrower;         /* predicate -> 1 + index in general[]: "narrower" lines */
    const char *general[8];
    size_t n_general;
    const char *unit_pred; /* what "X's Fleet", "the Fleet of X" states */
    unsigned unit_s, unit_o;
    const char *site_pred; /* what "Camp X in Y" states, of which names */
    unsigned site_s, site_o;
    char site_prep[4][WORD_MAX];
    size_t n_site_prep;
    const char *appointed; /* that predicate's name, and its object types */
    unsigned appointed_types;
    char class_name[CLASS_MAX][WORD_MAX];
    size_t n_classes;
    wset cue_child, cue_head;   /* lemma -> 1 + modality */
    struct { const char *pred; unsigned s, o; } types[32];
    size_t n_types;
} L;

static int parse_modality(const char *s, size_t n) {
    return pat_is(s, n, "asserted") ? MOD_ASSERTED : pat_is(s, n, "alleged") ? MOD_ALLEGED
         : pat_is(s, n, "negated") ? MOD_NEGATED : pat_is(s, n, "planned") ? MOD_PLANNED : -1;
}

static const char *pred_name(const char *s, size_t n) {
    char name[48];
    if (n >= sizeof name) return NULL;
    memcpy(name, s, n);
    name[n] = '\0';
    const vocab_pred *p = vocab_find(name);
    return p ? p->name : NULL;
}

static int parse_slot(slot *sl, const char *s, size_t n) {
    memset(sl, 0, sizeof *sl);
    if (n > 6 && memcmp(s, "proxy:", 6) == 0) sl->via_proxy = 1, s += 6, n -= 6;
    if (n > 6 && memcmp(s, "first:", 6) == 0) sl->part = PART_FIRST, s += 6, n -= 6;
    else if (n > 5 && memcmp(s, "rest:", 5) == 0) sl->part = PART_REST, s += 5, n -= 5;
    if (n > 2 && memcmp(s, "p:", 2) == 0) {
        sl->kind = SL_PREP;
        return fold(s + 2, n - 2, sl->prep) ? FL_OK : FL_EINVAL;
    }
    static const char *const names[] = {"subj", "obj", "iobj", "poss", "cmp", "head", "appos", "gobj"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (pat_is(s, n, names[i])) {
            sl->kind = (int)i + SL_SUBJ;
            return FL_OK;
        }
    return FL_EINVAL;
}

static int parse_slots(slots *ss, const char *s, size_t n) {
    ss->n = 0;
    if (pat_is(s, n, "-")) return FL_OK;
    const char *end = s + n;
    while (s < end) {
        const char *bar = memchr(s, '|', (size_t)(end - s));
        const char *e = bar ? bar : end;
        if (ss->n == SLOT_ALT || parse_slot(&ss->a[ss->n++], s, (size_t)(e - s))) return FL_EINVAL;
        s = bar ? bar + 1 : end;
    }
    return ss->n ? FL_OK : FL_EINVAL;
}

static unsigned class_bit(const char *s, size_t n) {
    for (size_t i = 0; i < L.n_classes; i++)
        if (pat_is(s, n, L.class_name[i])) return 1u << i;
    return 0;
}

/* Puts form S of N bytes with TAG; KEEP: not over a form already there. */
static int put_form(const char *s, size_t n, unsigned tag, int keep) {
    return keep && wset_get(&L.forms, s, n) ? FL_OK : wset_put(&L.forms, s, n, tag, 1);
}

/* Adds LEMMA's regular forms ("deploy": deploys, deployed, deploying) to
** the trigger forms with TAG (1 + its first frame); a noun's plural is among
** them. KEEP: not over the forms of another lemma. */
static int add_forms(const char *w, size_t n, unsigned tag, int keep) {
    char f[WORD_MAX + 4];
    int rc = put_form(w, n, tag, keep);
    if (n + 4 >= WORD_MAX) return rc;
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
    int vowel_y = last == 'y' && prev && strchr("aeiou", prev);
    const char *suffixes[] = {"s", "es", "ed", "ing", "d"};
    for (size_t k = 0; rc == FL_OK && k < 5; k++) {
        size_t m = n;
        memcpy(f, w, n);
        if (last == 'e' && k == 3) m--;                        /* "use": using */
        if (last == 'y' && !vowel_y && (k == 1 || k == 2)) {   /* "supply": supplies, supplied */
            f[m - 1] = 'i';
            if (k == 1) {
                memcpy(f + m, "es", 2);
                rc = put_form(f, m + 2, tag, keep);
                continue;
            }
        }
        size_t sl = strlen(suffixes[k]);
        memcpy(f + m, suffixes[k], sl);
        rc = put_form(f, m + sl, tag, keep);
        if (rc == FL_OK && (k == 2 || k == 3) && !strchr("aeiouwxy", last) && prev && strchr("aeiou", prev)) {
            f[m] = last;                                       /* "ship": shipped */
            memcpy(f + m + 1, suffixes[k], sl);
            rc = put_form(f, m + 1 + sl, tag, keep);
        }
    }
    return rc;
}

static int parse_frame(const char *q, const char *e, size_t line) {
    const char *f[8];
    size_t fn[8] = {0}, k = 0;
    while (k < 8 && pat_field(&q, e, 0, &f[k], &fn[k])) k++;
    if (k < 6 || pat_field(&q, e, 0, &f[0], &fn[0])) return FL_EINVAL;
    frame *nf = realloc(L.f, (L.n + 1) * sizeof *nf);
    if (!nf) return FL_ENOMEM;
    L.f = nf;
    frame *fr = &L.f[L.n];
    memset(fr, 0, sizeof *fr);
    fr->line = line;
    if (!fold(f[0], fn[0], fr->lemma) || fn[1] != 1 || !strchr("VNA", f[1][0])) return FL_EINVAL;
    fr->cls = f[1][0];
    if (parse_slots(&fr->s, f[2], fn[2]) || parse_slots(&fr->o, f[3], fn[3])) return FL_EINVAL;
    if (!fr->s.n || !(fr->pred = pred_name(f[4], fn[4]))) return FL_EINVAL;
    if ((fr->modality = parse_modality(f[5], fn[5])) < 0) return FL_EINVAL;
    size_t t;
    for (t = 0; t < L.n_types && strcmp(L.types[t].pred, fr->pred) != 0; t++) {}
    if (t == L.n_types) return FL_EINVAL;         /* its types line comes first */
    fr->stypes = L.types[t].s;
    fr->otypes = L.types[t].o;
    if (k > 6 && !pat_is(f[6], fn[6], "*") && !types_of(f[6], fn[6], &fr->otypes)) return FL_EINVAL;
    if (k > 7) {
        int neg = fn[7] > 7 && memcmp(f[7], "class!=", 7) == 0;
        size_t skip = neg ? 7 : 6;
        if (!neg && !(fn[7] > 6 && memcmp(f[7], "class=", 6) == 0)) return FL_EINVAL;
        for (const char *c = f[7] + skip, *end = f[7] + fn[7]; c < end;) {   /* class!=end,sour */
            const char *comma = memchr(c, ',', (size_t)(end - c));
            const char *e = comma ? comma : end;
            unsigned bit = class_bit(c, (size_t)(e - c));
            if (!bit) return FL_EINVAL;
            fr->gov |= bit;
            c = comma ? comma + 1 : end;
        }
        fr->gov_not = neg;
    }
    L.n++;
    int rc = FL_OK;
    if (fr->cls == 'N' && strcmp(fr->pred, "appointed") == 0) {
        L.appointed = fr->pred;
        L.appointed_types = L.types[t].o;
        rc = wset_add(&L.titles, fr->lemma, strlen(fr->lemma), 1);
    }
    return rc;
}

/* A line "KEYWORD WORD WORD...": each word into WS with TAG. */
static int parse_words(wset *ws, const char *q, const char *e, unsigned tag) {
    const char *f;
    size_t fn;
    int rc = FL_OK, any = 0;
    while (rc == FL_OK && pat_field(&q, e, 0, &f, &fn)) {
        rc = wset_add(ws, f, fn, tag);
        any = 1;
    }
    return rc == FL_OK && !any ? FL_EINVAL : rc;
}

/* "forms LEMMA FORM...": kept until the frames are sorted (load). */
static int parse_irregular(const char *lemma, size_t ln, const char *q, const char *e) {
    const char *f;
    size_t fn;
    int any = 0;
    while (pat_field(&q, e, 0, &f, &fn)) {
        char (*ni)[2][WORD_MAX] = realloc(L.irregular, (L.n_irregular + 1) * sizeof *ni);
        if (!ni) return FL_ENOMEM;
        L.irregular = ni;
        if (!fold(lemma, ln, ni[L.n_irregular][0]) || !fold(f, fn, ni[L.n_irregular][1])) return FL_EINVAL;
        L.n_irregular++;
        any = 1;
    }
    return any ? FL_OK : FL_EINVAL;
}

/* "site PREDICATE TYPES PREP...": a name of TYPES with a phrase of one of
** the prepositions outside it ("Camp X in Y") states PREDICATE of it. */
static int parse_site(const char *q, const char *e) {
    const char *f, *g;
    size_t fn, gn, t;
    if (!pat_field(&q, e, 0, &f, &fn) || !(L.site_pred = pred_name(f, fn)) || !pat_field(&q, e, 0, &g, &gn) ||
        !types_of(g, gn, &L.site_s))
        return FL_EINVAL;
    for (t = 0; t < L.n_types && strcmp(L.types[t].pred, L.site_pred) != 0; t++) {}
    if (t == L.n_types) return FL_EINVAL;     /* its types line comes first */
    L.site_o = L.types[t].o;
    while (pat_field(&q, e, 0, &g, &gn))
        if (L.n_site_prep == 4 || !fold(g, gn, L.site_prep[L.n_site_prep++])) return FL_EINVAL;
    return L.n_site_prep ? FL_OK : FL_EINVAL;
}

static int parse_lexicon_line(const char *q, const char *e, size_t line) {
    const char *kw, *f, *g;
    size_t kn, fn, gn;
    pat_field(&q, e, 0, &kw, &kn);
    if (pat_is(kw, kn, "frame")) return parse_frame(q, e, line);
    if (pat_is(kw, kn, "proxy")) return parse_words(&L.proxy, q, e, 1);
    if (pat_is(kw, kn, "office")) return parse_words(&L.office, q, e, 1);
    if (pat_is(kw, kn, "context")) return parse_words(&L.context_titles, q, e, 1);
    if (pat_is(kw, kn, "near")) return parse_words(&L.near, q, e, 1);
    if (pat_is(kw, kn, "measure")) return parse_words(&L.measure, q, e, 1);
    if (pat_is(kw, kn, "site")) return parse_site(q, e);
    if (pat_is(kw, kn, "narrower")) {
        const char *u;
        size_t un;
        if (L.n_general == 8 || !pat_field(&q, e, 0, &u, &un) || !(L.general[L.n_general] = pred_name(u, un)))
            return FL_EINVAL;
        return parse_words(&L.narrower, q, e, (unsigned)++L.n_general);
    }
    if (pat_is(kw, kn, "unit")) {
        const char *u;
        size_t un, t;
        if (!pat_field(&q, e, 0, &u, &un) || !(L.unit_pred = pred_name(u, un))) return FL_EINVAL;
        for (t = 0; t < L.n_types && strcmp(L.types[t].pred, L.unit_pred) != 0; t++) {}
        if (t == L.n_types) return FL_EINVAL;     /* its types line comes first */
        L.unit_s = L.types[t].s;
        L.unit_o = L.types[t].o;
        return parse_words(&L.units, q, e, 1);
    }
    if (!pat_field(&q, e, 0, &f, &fn)) return FL_EINVAL;
    if (pat_is(kw, kn, "forms")) return parse_irregular(f, fn, q, e);
    if (pat_is(kw, kn, "class")) {
        if (L.n_classes == CLASS_MAX || fn >= WORD_MAX) return FL_EINVAL;
        memcpy(L.class_name[L.n_classes], f, fn);
        L.class_name[L.n_classes][fn] = '\0';
        return parse_words(&L.classes, q, e, 1u << L.n_classes++);
    }
    if (!pat_field(&q, e, 0, &g, &gn)) return FL_EINVAL;
    if (pat_is(kw, kn, "anaphor") || pat_is(kw, kn, "anaphors")) {
        unsigned t;
        if (!types_of(g, gn, &t) || pat_field(&q, e, 0, &g, &gn)) return FL_EINVAL;
        return wset_add(&L.anaphor, f, fn, t | (kn == 8 ? ANA_MANY : 0));
    }
    if (pat_is(kw, kn, "types")) {
        const char *h;
        size_t hn;
        unsigned st, ot;
        if (!pat_field(&q, e, 0, &h, &hn) || L.n_types == 32) return FL_EINVAL;
        const char *p = pred_name(f, fn);
        if (!p || !types_of(g, gn, &st) || !types_of(h, hn, &ot)) return FL_EINVAL;
        L.types[L.n_types].pred = p;
        L.types[L.n_types].s = st;
        L.types[L.n_types++].o = ot;
        return FL_OK;
    }
    return FL_EINVAL;
}

static int parse_modality_line(const char *q, const char *e) {
    const char *f[3];
    size_t fn[3], k = 0;
    while (k < 3 && pat_field(&q, e, 0, &f[k], &fn[k])) k++;
    int m = k == 3 ? parse_modality(f[2], fn[2]) : -1;
    if (m < 0 || m == MOD_ASSERTED) return FL_EINVAL;
    if (pat_is(f[1], fn[1], "child")) return wset_add(&L.cue_child, f[0], fn[0], (unsigned)m + 1);
    if (pat_is(f[1], fn[1], "head")) return wset_add(&L.cue_head, f[0], fn[0], (unsigned)m + 1);
    return FL_EINVAL;
}

static int read_file(const char *datadir, const char *name, int lexicon, char **errmsg) {
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    int rc = pat_read(datadir, name, &b, errmsg);
    const char *p = b.data, *end = b.data + b.len, *line;
    size_t len;
    int lineno = 0;
    while (rc == FL_OK && pat_line(&p, end, &line, &len, &lineno))
        rc = lexicon ? parse_lexicon_line(line, line + len, (size_t)lineno)
                     : parse_modality_line(line, line + len);
    if (rc && b.data)
        err_set(errmsg, rc == FL_ENOMEM ? rc : FL_EPACK, "%s:%d: %s", name, lineno,
                rc == FL_ENOMEM ? "out of memory" : "malformed line");
    buf_release(&b);
    return rc == FL_OK || rc == FL_ENOMEM || rc == FL_EPACK ? rc : FL_EPACK;
}

static int cmp_frame(const void *a, const void *b) {
    const frame *x = a, *y = b;
    int c = strcmp(x->lemma, y->lemma);
    return c ? c : x->line < y->line ? -1 : x->line > y->line;
}

static int load(const char *datadir, char **errmsg) {
    int rc = vocab_init(datadir, errmsg);
    if (rc == FL_OK) rc = read_file(datadir, "predicates.tsv", 1, errmsg);
    if (rc == FL_OK) rc = read_file(datadir, "modality.tsv", 0, errmsg);
    if (rc != FL_OK) return rc;
    if (L.n) qsort(L.f, L.n, sizeof *L.f, cmp_frame);
    for (size_t i = L.n; rc == FL_OK && i-- > 0;)    /* ends on each lemma's first */
        if (i == 0 || strcmp(L.f[i - 1].lemma, L.f[i].lemma) != 0)
            rc = wset_put(&L.lemmas, L.f[i].lemma, strlen(L.f[i].lemma), (unsigned)i + 1, 1);
    for (size_t i = L.n; rc == FL_OK && i-- > 0;)
        if (i == 0 || strcmp(L.f[i - 1].lemma, L.f[i].lemma) != 0)
            rc = add_forms(L.f[i].lemma, strlen(L.f[i].lemma), (unsigned)i + 1, 0);
    for (size_t i = L.n; rc == FL_OK && i-- > 0;)    /* "co-organised": the lexer's "organised" too */
        if ((i == 0 || strcmp(L.f[i - 1].lemma, L.f[i].lemma) != 0) && strncmp(L.f[i].lemma, "co-", 3) == 0 &&
            strlen(L.f[i].lemma) > 3)
            rc = add_forms(L.f[i].lemma + 3, strlen(L.f[i].lemma) - 3, (unsigned)i + 1, 1);
    for (size_t i = 0; rc == FL_OK && i < L.n_irregular; i++) {
        unsigned at = wset_get(&L.lemmas, L.irregular[i][0], strlen(L.irregular[i][0]));
        if (at) rc = wset_put(&L.forms, L.irregular[i][1], strlen(L.irregular[i][1]), at, 1);
    }
    return rc == FL_OK ? rc : err_set(errmsg, rc, "predicates.tsv: out of memory");
}

static pat_once loader = PAT_ONCE_INIT(load, "predicates.tsv: cannot load");

static void load_once(void) { pat_once_run(&loader); }

int rt_init(const char *datadir, char **errmsg) { return pat_init(&loader, load_once, datadir, errmsg); }

int rt_is_trigger(const char *s, size_t n) { return wset_get(&L.forms, s, n) != 0; }

unsigned rt_id_types(const char *id) { return id_type(id); }

int rt_trigger_fits(const char *s, size_t n, unsigned types, int one) {
    unsigned at = wset_get(&L.forms, s, n);
    for (size_t i = at ? at - 1 : L.n; i < L.n && strcmp(L.f[i].lemma, L.f[at - 1].lemma) == 0; i++)
        if ((L.f[i].stypes & types) && (!L.f[i].otypes || (!one && (L.f[i].otypes & types)))) return 1;
    return 0;
}

unsigned rt_anaphor_types(const char *s, size_t n) { return wset_get(&L.anaphor, s, n) & ~ANA_MANY; }

/* ---- one sentence ------------------------------------------------------- */

typedef struct idset {
    const char *id[SET_MAX];
    size_t n;
} idset;

static void set_add(idset *s, const char *id) {
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->id[i], id) == 0) return;
    if (s->n < SET_MAX) s->id[s->n++] = id;
}

typedef struct sent {
    const char *text;
    const parse_tok *t;
    size_t n;
    const annot_mention *m, *before;
    const size_t *before_sent;  /* sentence numbers of BEFORE, or NULL */
    size_t nm, nb;
    int *ment;             /* token -> mention it is the head of, or -1 */
    int *inm;              /* token -> mention covering it, or -1 */
    int *kid;              /* children, grouped by head: kid[first[h]..first[h+1]) */
    int *first;
    const rt_out *titled;  /* the people the sentence names with a title, and what they hold */
} sent;

static int is_rel(const parse_tok *t, const char *base) {
    size_t n = strlen(base);
    return t->deprel && strncmp(t->deprel, base, n) == 0 && (t->deprel[n] == '\0' || t->deprel[n] == ':');
}

static int is_deprel(const parse_tok *t, const char *full) { return t->deprel && strcmp(t->deprel, full) == 0; }

static int lemma_is(const parse_tok *t, const char *w) { return t->lemma && strcasecmp(t->lemma, w) == 0; }

static int is_punct(const sent *S, int x, char c) {
    return S->t[x].upos == UPOS_PUNCT && S->t[x].end == S->t[x].start + 1 && S->text[S->t[x].start] == c;
}

/* The tag of token X in WS: by its lemma, else by its form, else by its
** form less a plural "s" (a lemmatizer's miss must not hide a word). */
static unsigned tok_get(const sent *S, int x, const wset *ws) {
    const parse_tok *t = &S->t[x];
    unsigned v = t->lemma ? wset_get(ws, t->lemma, strlen(t->lemma)) : 0;
    size_t n = t->end - t->start;
    if (!v) v = wset_get(ws, S->text + t->start, n);
    if (!v && n > 3 && (S->text[t->end - 1] == 's' || S->text[t->end - 1] == 'S'))
        v = wset_get(ws, S->text + t->start, n - 1);
    return v;
}

/* The first child of X with deprel BASE (and its subtypes; FULL: exactly). */
static int child(const sent *S, int x, const char *rel, int full) {
    for (int k = S->first[x]; k < S->first[x + 1]; k++) {
        const parse_tok *c = &S->t[S->kid[k]];
        if (full ? is_deprel(c, rel) : is_rel(c, rel)) return S->kid[k];
    }
    return -1;
}

static int has_child_lemma(const sent *S, int x, const char *rel, const char *lemma) {
    for (int k = S->first[x]; k < S->first[x + 1]; k++) {
        const parse_tok *c = &S->t[S->kid[k]];
        if (is_rel(c, rel) && lemma_is(c, lemma)) return 1;
    }
    return 0;
}

static int ends_with(const sent *S, int x, const char *suf) {
    size_t n = S->t[x].end - S->t[x].start, k = strlen(suf);
    return n >= k && strncasecmp(S->text + S->t[x].end - k, suf, k) == 0;
}

static int nominal(const parse_tok *t) {
    return t->upos == UPOS_NOUN || t->upos == UPOS_PROPN || t->upos == UPOS_PRON || t->upos == UPOS_NUM;
}

static int verbal(const parse_tok *t) { return t->upos == UPOS_VERB || t->upos == UPOS_AUX; }

static int relative_pronoun(const parse_tok *t) {
    return t->upos == UPOS_PRON && (lemma_is(t, "which") || lemma_is(t, "that") || lemma_is(t, "who") ||
                                     lemma_is(t, "whom"));
}

/* A participle modifying a noun: "a base operated by X", "X-backed forces";
** also one the parser hung on the noun as a parataxis, without subject or
** auxiliary ("a base run by X, located in Y"). */
static int participle(const sent *S, int x) {
    const parse_tok *t = &S->t[x];
    if (t->upos != UPOS_VERB) return 0;
    if (is_deprel(t, "acl") || is_rel(t, "amod")) return 1;
    return is_deprel(t, "parataxis") && t->head >= 0 && t->head < x && nominal(&S->t[t->head]) &&
           ends_with(S, x, "ed") && x > 0 && is_punct(S, x - 1, ',') &&
           child(S, x, "nsubj", 0) < 0 && child(S, x, "aux", 0) < 0 && child(S, x, "cop", 0) < 0;
}

static int passive(const sent *S, int x) {
    if (child(S, x, "nsubj:pass", 1) >= 0 || child(S, x, "aux:pass", 1) >= 0) return 1;
    return participle(S, x) && !ends_with(S, x, "ing") && !has_child_lemma(S, x, "mark", "to");
}

/* 1 when only list words separate TEXT[A..B): commas, "and", "or". */
static int list_glue(const char *text, size_t a, size_t b) {
    if (b < a || b - a > LIST_GAP) return 0;
    while (a < b) {
        if (text[a] == ' ' || text[a] == ',' || text[a] == '&' || text[a] == '/') a++;
        else if (b - a >= 3 && strncasecmp(text + a, "and", 3) == 0) a += 3;
        else if (b - a >= 2 && strncasecmp(text + a, "or", 2) == 0) a += 2;
        else return 0;
    }
    return 1;
}

/* The longest list ("Mali, Chad and Niger") of mentions of TYPES in
** M[0..N): its first index in *AT and its length. */
static size_t longest_list(const char *text, const annot_mention *m, size_t n, unsigned types, size_t *at) {
    size_t best = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(id_type(m[i].id) & types)) {
            run = 0;
            continue;
        }
        run = run && list_glue(text, m[i - 1].end, m[i].start) ? run + 1 : 1;
        if (run > best) best = run, *at = i + 1 - run;
    }
    return best;
}

/* 1 when sentence S names ID after "except", "excluding", "other than". */
static int excepted(const sent *S, const char *id) {
    static const char *const cues[] = {"except", "exception of", "excluding", "other than"};
    size_t from = S->n ? S->t[0].start : 0;
    for (size_t i = 0; i < S->nm; i++) {
        if (strcmp(S->m[i].id, id) != 0) continue;
        size_t a = S->m[i].start > from + 24 ? S->m[i].start - 24 : from;
        for (size_t c = 0; c < sizeof cues / sizeof cues[0]; c++)
            for (size_t p = a; p + strlen(cues[c]) <= S->m[i].start; p++)
                if (strncasecmp(S->text + p, cues[c], strlen(cues[c])) == 0) return 1;
    }
    return 0;
}

/* The number a numeral modifier of X says ("the three countries": 3), 0
** for none. */
static size_t numeral(const sent *S, int x) {
    static const char *const words[] = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
    int c = child(S, x, "nummod", 0);
    if (c < 0) return 0;
    const parse_tok *t = &S->t[c];
    size_t n = t->end - t->start, v = 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && strncasecmp(S->text + t->start, words[i], n) == 0) return i + 2;
    for (size_t i = 0; i < n && v < 100; i++) {
        if (!isdigit((unsigned char)S->text[t->start + i])) return 0;
        v = v * 10 + (size_t)(S->text[t->start + i] - '0');
    }
    return v;
}

/* Adds the entities of TYPES M[0..N) names, when they are COUNT (not
** counting those after "except"); 0 when they are not. */
static int counted(const sent *S, const annot_mention *m, size_t n, unsigned types, size_t count, idset *out) {
    idset got = {.n = 0};
    for (size_t i = 0; i < n; i++)
        if ((id_type(m[i].id) & types) && !excepted(S, m[i].id)) set_add(&got, m[i].id);
    if (got.n != count) return 0;
    for (size_t i = 0; i < got.n; i++) set_add(out, got.id[i]);
    return 1;
}

/* The sentence number of BEFORE[K]: all one sentence without numbers. */
static size_t before_sent(const sent *S, size_t k) { return S->before_sent ? S->before_sent[k] : 0; }

/* The first byte of the phrase token X heads (its modifiers before it). */
static size_t phrase_start(const sent *S, int x, int depth) {
    size_t at = S->t[x].start;
    for (int k = S->first[x]; depth < DEPTH_MAX && k < S->first[x + 1] && S->kid[k] < x; k++) {
        size_t c = phrase_start(S, S->kid[k], depth + 1);
        if (c < at) at = c;
    }
    return at;
}

/* 1 when the text of mention M holds word W[0..N) (any case). */
static int names_word(const char *text, const annot_mention *m, const char *w, size_t n) {
    for (size_t p = m->start; p + n <= m->end; p++)
        if (strncasecmp(text + p, w, n) == 0 && (p == m->start || !isalnum((unsigned char)text[p - 1])) &&
            (p + n == m->end || !isalnum((unsigned char)text[p + n])))
            return 1;
    return 0;
}

/* The candidate K of the mentions before anaphor token X, nearest first:
** those of its sentence (N_IN of them), then those of the sentences before. */
static const annot_mention *back(const sent *S, size_t n_in, size_t k) {
    return k < n_in ? &S->m[n_in - 1 - k] : k - n_in < S->nb ? &S->before[S->nb - 1 - (k - n_in)] : NULL;
}

/* What the description X ("the mission", "the base") names among the
** mentions of TYPES before it: BY_NAME, the entities whose name holds its
** noun ("Operation Active Endeavour" for "the operation"), else all; of
** those, the one named most often (the topic of the passage), the first
** named on a tie; NULL when none fits (or, not BY_NAME, none is named
** twice). */
static const char *described_word(const sent *S, const char *w, size_t n, const char *lemma, unsigned types,
                                  size_t n_in, int by_name) {
    const annot_mention *m, *best = NULL;
    size_t best_n = 0;
    for (size_t k = 0; (m = back(S, n_in, k)) != NULL; k++) {
        if (!(id_type(m->id) & types)) continue;
        if (by_name && !names_word(S->text, m, w, n) && !(lemma && names_word(S->text, m, lemma, strlen(lemma))))
            continue;
        size_t c = 0;
        for (size_t j = 0; back(S, n_in, j); j++) c += strcmp(back(S, n_in, j)->id, m->id) == 0;
        if (c >= best_n) best = m, best_n = c;
    }
    return best && (by_name || best_n > 1) ? best->id : NULL;
}

static const char *described(const sent *S, int x, unsigned types, size_t n_in, int by_name) {
    const parse_tok *t = &S->t[x];
    return described_word(S, S->text + t->start, t->end - t->start, t->lemma, types, n_in, by_name);
}

/* The start of the sentence before the one starting at byte AT of TEXT
** (a stop, then space and a capital, not after a capital: "U.S."), or
** (size_t)-1 when none is near. */
static size_t sentence_before(const char *text, size_t at) {
    size_t p = at;
    int para = 0;       /* a paragraph's last sentence may lack its stop */
    while (p > 0 && isspace((unsigned char)text[p - 1])) para |= text[--p] == '\n';
    if (p == 0 || (!para && !strchr(".!?\"", text[p - 1]))) return (size_t)-1;
    size_t lo = p > 600 ? p - 600 : 0;
    for (size_t b = p - 1; b-- > lo;) {
        if (text[b] == '\n') return b + 1;
        if (strchr(".!?", text[b]) && b > 0 &&
            (islower((unsigned char)text[b - 1]) || isdigit((unsigned char)text[b - 1])) &&
            isspace((unsigned char)text[b + 1])) {
            size_t q = b + 1;
            while (q < p && isspace((unsigned char)text[q])) q++;
            if (q < p && isupper((unsigned char)text[q])) return q;
        }
    }
    return lo == 0 ? 0 : (size_t)-1;
}

/* For subject pronoun or description X ("It was built by ...", "The
** headquarters is in ..."): the name or what the description that opens
** the sentence before stands for ("The base is near X. It was built
** ...": the base, not X), through sentences opened by X's word or "It";
** else the passage's title when it is a name; NULL when none does. */
static const char *subject_description(const sent *S, int x, unsigned types) {
    const parse_tok *t = &S->t[x];
    size_t n = t->end - t->start, at = S->t[0].start;
    if (!is_rel(t, "nsubj")) return NULL;
    for (int up = 0; up < 3; up++) {
        at = sentence_before(S->text, at);
        if (at == (size_t)-1) return NULL;
        if ((strncasecmp(S->text + at, S->text + t->start, n) == 0 && isspace((unsigned char)S->text[at + n])) ||
            strncmp(S->text + at, "It ", 3) == 0)
            continue;
        size_t from = strncmp(S->text + at, "The ", 4) == 0 ? at + 4 : at;
        for (size_t k = 0; k < S->nb; k++)      /* "Operation X, formally Y, is ... It ...": X */
            if (S->before[k].start == from || S->before[k].start == at)
                return id_type(S->before[k].id) & types ? S->before[k].id : NULL;
        if (strncmp(S->text + at, "The ", 4) != 0)    /* else the passage's title, when it is a name */
            return S->nb && S->before[0].start == 0 && S->text[S->before[0].end] == '\n' &&
                   (id_type(S->before[0].id) & types) ? S->before[0].id : NULL;
        size_t w = at + 4, e = w;
        while (isalpha((unsigned char)S->text[e])) e++;
        if (e == w || S->text[e] != ' ' || !(wset_get(&L.anaphor, S->text + w, e - w) & types & ~ANA_MANY))
            return NULL;
        return described_word(S, S->text + w, e - w, NULL, types, 0, 1);
    }
    return NULL;
}

/* 1 when plural X is quantified by "all" or "both" ("all of these
** operations", "all these missions", "both countries"). */
static int all_of(const sent *S, int x) {
    int d = child(S, x, "det", 0), h = S->t[x].head;
    if (d >= 0 && (lemma_is(&S->t[d], "all") || lemma_is(&S->t[d], "both"))) return 1;
    if (child(S, x, "det:predet", 1) >= 0) return 1;
    return h >= 0 && is_rel(&S->t[x], "nmod") && (lemma_is(&S->t[h], "all") || lemma_is(&S->t[h], "both"));
}

/* Adds, for "all of these operations" when no list names them, every
** entity of TYPES the two sentences before name, when they are two or
** more; 0 otherwise. */
static int all_before(const sent *S, unsigned types, idset *out) {
    idset got = {.n = 0};
    size_t k = S->nb, sents = 0;
    while (k > 0 && sents < 2) {
        size_t sn = before_sent(S, k - 1);
        while (k > 0 && before_sent(S, k - 1) == sn) {
            k--;
            if ((id_type(S->before[k].id) & types) && !excepted(S, S->before[k].id)) set_add(&got, S->before[k].id);
        }
        sents++;
    }
    if (got.n < 2) return 0;
    for (size_t i = got.n; i-- > 0;) set_add(out, got.id[i]);
    return 1;
}

/* Adds what anaphor token X stands for, among the entities of WANT types:
** the first fitting mention before it in its sentence (the same pronoun
** met earlier there stands for the same), else the first one of the
** nearest sentence before that has one; for a plural ("these countries"),
** every fitting mention of the nearest sentence that has two. 0 when X is
** no anaphor or nothing fits. */
static void collect(const sent *S, int x, unsigned want, idset *out, int depth);

static int anaphor_ids(const sent *S, int x, unsigned want, idset *out) {
    const parse_tok *t = &S->t[x];
    unsigned types = 0;
    size_t n = t->end - t->start;
    if (t->upos == UPOS_PRON) {
        types = wset_get(&L.anaphor, S->text + t->start, n);
        int v = t->head, s = -1;    /* "X began ..., although it did not": X, the clause's subject */
        if (types && is_rel(t, "nsubj") && v >= 0 && (is_rel(&S->t[v], "advcl") || is_rel(&S->t[v], "conj")) &&
            S->t[v].head >= 0)
            s = child(S, S->t[v].head, "nsubj", 0);
        if (s >= 0 && s < x && S->t[s].upos != UPOS_PRON) {
            size_t had = out->n;
            collect(S, s, want & types, out, 1);
            if (out->n > had) return 1;
        }
        for (int y = 0; types && y < x; y++)   /* "It ... It ...": one antecedent */
            if (S->t[y].upos == UPOS_PRON && S->t[y].end - S->t[y].start == n &&
                strncasecmp(S->text + S->t[y].start, S->text + t->start, n) == 0)
                return anaphor_ids(S, y, want, out);
    } else if (t->upos == UPOS_NOUN || t->upos == UPOS_PROPN) {
        int det = child(S, x, "det", 0), num = child(S, x, "nummod", 0);
        if (det < 0 && is_rel(t, "compound") && t->head == x + 1 &&
            tok_get(S, t->head, &L.titles))    /* "the base commander": the base's */
            det = child(S, t->head, "det", 0);
        if ((det >= 0 && !lemma_is(&S->t[det], "a") && !lemma_is(&S->t[det], "an")) || num >= 0)
            types = wset_get(&L.anaphor, S->text + t->start, n);
        int plural = t->lemma && (strlen(t->lemma) != n || strncasecmp(t->lemma, S->text + t->start, n) != 0) &&
                     (S->text[t->end - 1] == 's' || S->text[t->end - 1] == 'S');   /* "the groups" is no "the group" */
        if (!(types & ANA_MANY) && !plural && det >= 0 &&
            (lemma_is(&S->t[det], "the") || lemma_is(&S->t[det], "this")))
            types = tok_get(S, x, &L.anaphor) & ~ANA_MANY;
        if (types & type_bit("person", 6))      /* "the Egyptian president": no one named before */
            for (int k = S->first[x]; k < S->first[x + 1]; k++)
                if (S->inm[S->kid[k]] >= 0) types = 0;
        if (det < 0 && !plural && x > 0 && isupper((unsigned char)S->text[t->start]) && is_rel(t, "nmod"))
            types = tok_get(S, x, &L.anaphor) & ~ANA_MANY;    /* "Chief of Mission" */
    }
    int many = (types & ANA_MANY) != 0;
    types &= want & ~ANA_MANY;
    if (!types) return 0;
    int y = x >= 3 && is_punct(S, x - 2, ')') ? x - 3 : x - 2;     /* "X (XX) and its leader" */
    if (!many && y >= 0 && S->t[x - 1].upos == UPOS_CCONJ && S->inm[y] >= 0 && (id_type(S->m[S->inm[y]].id) & types)) {
        set_add(out, S->m[S->inm[y]].id);
        return 1;
    }
    size_t n_in = 0, at = 0, len;
    size_t from_np = phrase_start(S, x, 0);   /* not a name inside its own phrase: "the X-aligned group" */
    while (n_in < S->nm && S->m[n_in].end <= from_np) n_in++;
    const char *named = many || t->upos == UPOS_PRON ? NULL : described(S, x, types, n_in, 1);
    if (named) {
        set_add(out, named);
        return 1;
    }
    for (size_t i = 0; !many && i < n_in; i++)
        if (id_type(S->m[i].id) & types) {
            set_add(out, S->m[i].id);
            return 1;
        }
    named = !many ? subject_description(S, x, types) : NULL;   /* "It", "the headquarters" */
    if (named) {
        set_add(out, named);
        return 1;
    }
    const annot_mention *from = S->m;
    size_t from_n = n_in;
    len = many ? longest_list(S->text, S->m, n_in, types, &at) : 0;
    /* the sentences before, nearest first */
    for (size_t k = S->nb; len < (many ? 2u : 1u) && k > 0;) {
        size_t sn = before_sent(S, k - 1), first = k - 1;
        while (first > 0 && before_sent(S, first - 1) == sn) first--;
        from = S->before + first;
        from_n = k - first;
        if (many) len = longest_list(S->text, from, k - first, types, &at);
        for (size_t i = 0; !many && i < k - first; i++)
            if (id_type(from[i].id) & types) at = i, len = 1;
        for (size_t i = k - first; !many && i-- > 0;)   /* the first of that sentence */
            if (id_type(from[i].id) & types) at = i;
        k = first;
    }
    if (len < (many ? 2u : 1u)) return many && all_of(S, x) ? all_before(S, types, out) : 0;
    size_t count = many ? numeral(S, x) : 0;     /* "the three countries": the list's sentence names three */
    if (count > len && counted(S, from, from_n, types, count, out)) return 1;
    if (many && !count) {   /* "Mali's relations, as have Chad and Niger's. These countries": all three */
        idset all = {.n = 0};
        for (size_t i = 0; i < from_n; i++)
            if (id_type(from[i].id) & types) set_add(&all, from[i].id);
        if (all.n > len && all.n <= 4 && counted(S, from, from_n, types, all.n, out)) return 1;
    }
    named = many ? NULL : described(S, x, types, n_in, 0);
    if (named) {
        set_add(out, named);
        return 1;
    }
    for (size_t i = at; i < at + len; i++)
        if (!many || !excepted(S, from[i].id)) set_add(out, from[i].id);
    return 1;
}

/* Adds the proxy noun X's modifiers that name entities ("Russian troops",
** "the NATO Mediterranean Dialogue partnership forum": through nominal
** compounds), the nearest kind first: compounds and adjectives, else
** possessives, else "of" and "from" phrases and the agent of a participle
** ("facilities used by X"). */
static int subj_tok(const sent *S, int x, int depth);
static int is_punct(const sent *S, int x, char c);

/* Mention M of token X, and the other names that one token holds
** ("Israel–Morocco"), in the order of the text. */
static void token_mentions(const sent *S, int x, int m, idset *out) {
    size_t a = (size_t)m, b = (size_t)m, from = S->t[x].start, to = S->t[x].end;
    if (S->m[m].start < from || S->m[m].end > to) {
        set_add(out, S->m[m].id);
        return;
    }
    while (a > 0 && S->m[a - 1].start >= from && S->m[a - 1].end <= to) a--;
    while (b + 1 < S->nm && S->m[b + 1].start >= from && S->m[b + 1].end <= to) b++;
    for (size_t i = a; i <= b; i++) set_add(out, S->m[i].id);
}

/* 1 when TEXT[A..B) is list glue once capitalised words and a title's
** small words are left out (people's titles: "X and Defence Minister Y",
** "X, H.E. Y", "X, the Minister of Defence Y"). */
static int title_glue(const char *text, size_t a, size_t b) {
    static const char *const words[] = {"the", "of", "for", "in", "with"};
    char buf[TITLE_GAP + 1];
    if (b < a || b - a > TITLE_GAP) return 0;
    memcpy(buf, text + a, b - a);
    for (size_t i = 0; i < b - a;) {
        size_t j = i;
        while (j < b - a && buf[j] != ' ') j++;       /* a word: buf[i..j) */
        char before = i == 0 ? (a == 0 ? ' ' : text[a - 1]) : buf[i - 1];
        int after = before == ' ' || before == '.';
        int blank = after && isupper((unsigned char)buf[i]);
        for (size_t k = 0; !blank && i > 0 && k < sizeof words / sizeof words[0]; k++)
            blank = j - i == strlen(words[k]) && strncmp(buf + i, words[k], j - i) == 0 && j < b - a;
        if (blank) memset(buf + i, ' ', j - i);
        i = j < b - a ? j + 1 : j;
    }
    size_t n = 0;       /* the glue left, spaces squeezed */
    for (size_t i = 0; i < b - a; i++)
        if (buf[i] != ' ' || (n > 0 && buf[n - 1] != ' ')) buf[n++] = buf[i];
    return list_glue(buf, 0, n);
}

/* 1 when TEXT[A..B) holds only commas, "&", "/" and the words "and",
** "or", "the" ("X, Y and the Z"). */
static int plain_glue(const char *text, size_t a, size_t b) {
    if (b < a || b - a > LIST_GAP) return 0;
    static const char *const words[] = {"and", "or", "the"};
    int caps = 0;
    while (a < b) {
        if (strchr(" ,&/", text[a])) {
            a++;
            continue;
        }
        size_t w = 0;
        for (size_t i = 0; !w && i < sizeof words / sizeof words[0]; i++) {
            size_t n = strlen(words[i]);
            if (b - a >= n && strncasecmp(text + a, words[i], n) == 0 && (a + n == b || text[a + n] == ' '))
                w = n;
        }
        if (!w && isupper((unsigned char)text[a]) && ++caps <= 3)   /* "X, the Gendarmerie and Y": */
            while (a + w < b && isalpha((unsigned char)text[a + w])) w++;   /* a name the finder missed */
        if (!w) return 0;
        a += w;
    }
    return 1;
}
static int list_join(const char *text, size_t a, size_t b, int people) {
    if (!(people ? title_glue(text, a, b) : plain_glue(text, a, b))) return 0;
    int comma = 0;
    for (size_t i = a; i < b; i++) {
        comma |= text[i] == ',';
        if (i > a && text[i - 1] != ' ' && text[i - 1] != ',') continue;
        size_t w = b - i >= 3 && strncasecmp(text + i, "and", 3) == 0 ? 3
                 : b - i >= 2 && strncasecmp(text + i, "or", 2) == 0 ? 2 : 0;
        if (w && (i + w == b || text[i + w] == ' ')) return 2;      /* the word, not "Commander" */
    }
    return comma;
}

/* 1 when mention M is the subject of a clause of its own ("X expelled Y,
** and Z followed": Z is no member of a list with Y). */
static int heads_clause(const sent *S, size_t m) {
    size_t lo = 0, hi = S->n;
    while (lo < hi) {           /* the first token ending after the mention's start */
        size_t mid = lo + (hi - lo) / 2;
        if (S->t[mid].end <= S->m[m].start) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo; i < S->n && S->t[i].start < S->m[m].end; i++)
        if (S->ment[i] == (int)m) return is_rel(&S->t[i], "nsubj");
    return 0;
}

/* The names of M's type listed after mention M ("Benin, Ghana and Togo"),
** however the parser attached them: a run of commas ending in "and" or
** "or" before its last member; none when the run is not closed so
** ("Iran, Russia said"). */
static void list_after(const sent *S, size_t m, idset *out) {
    unsigned type = id_type(S->m[m].id);
    int people = type == type_bit("person", 6), join = 0;
    size_t prev = m;
    idset got = {.n = 0};
    for (size_t i = m + 1; join < 2 && i < S->nm && i - m <= SET_MAX; i++) {
        if (people && id_type(S->m[i].id) != type) continue;   /* a name in a title: "Minister of X" */
        if (id_type(S->m[i].id) != type || heads_clause(S, i) ||
            (join = list_join(S->text, S->m[prev].end, S->m[i].start, people)) == 0)
            break;
        set_add(&got, S->m[i].id);
        prev = i;
    }
    for (size_t i = 0; join == 2 && i < got.n; i++) set_add(out, got.id[i]);
}

/* The region and country named after place M with a comma only ("Doha,
** Qatar", "Hmeimim, Latakia Governorate, Syria"): where it is, into OUT
** when of WANT types. */
static void where_next(const sent *S, size_t m, unsigned want, idset *out) {
    unsigned place = type_bit("place", 5), region = type_bit("region", 6), country = type_bit("country", 7);
    for (size_t k = m; k + 1 < S->nm; k++) {
        unsigned a = id_type(S->m[k].id), b = id_type(S->m[k + 1].id);
        if (!((a == place && (b == region || b == country)) || (a == region && b == country)) ||
            S->m[k + 1].start != S->m[k].end + 2 || S->text[S->m[k].end] != ',' || S->text[S->m[k].end + 1] != ' ')
            return;
        if (b & want) set_add(out, S->m[k + 1].id);
    }
}

/* 1 when the name headed by token C is joined to mention M by a dash
** ("the U.S.-Egypt partnership", "the Israel-Hamas war") or, for names of
** one type, by a comma ("Mali, Burkina Faso": a list the parser took for
** a compound). */
static int pair_joined(const sent *S, int c, int m) {
    int cm = S->ment[c];
    if (cm < 0 || cm == m || S->m[cm].end >= S->m[m].start) return 0;
    size_t a = S->m[cm].end, b = S->m[m].start;
    if (b - a == 1 && (S->text[a] == '-' || S->text[a] == '/')) return 1;
    if (b - a == 3 && memcmp(S->text + a, "\xe2\x80\x93", 3) == 0) return 1;   /* an en dash */
    return id_type(S->m[cm].id) == id_type(S->m[m].id) && list_join(S->text, a, b, 0) == 1;
}

static void proxy_mods(const sent *S, int x, unsigned want, idset *out, int depth) {
    for (int kind = 0; kind < 3 && depth <= DEPTH_MAX; kind++) {
        size_t had = out->n;
        for (int k = S->first[x]; k < S->first[x + 1]; k++) {
            int c = S->kid[k];
            const parse_tok *ct = &S->t[c];
            int named = S->ment[c] >= 0 || S->inm[c] >= 0 || ct->upos == UPOS_PRON;
            if (kind == 0 && (is_rel(ct, "amod") || is_rel(ct, "compound") || is_deprel(ct, "obl:unmarked"))) {
                if (named) collect(S, c, want, out, depth + 1);
                else if (ct->upos == UPOS_NOUN && is_rel(ct, "compound")) proxy_mods(S, c, want, out, depth + 1);
            } else if (kind == 1 && is_deprel(ct, "nmod:poss") && named) {
                collect(S, c, want, out, depth + 1);
            } else if (kind == 2 && is_rel(ct, "nmod") &&
                       (has_child_lemma(S, c, "case", "of") || has_child_lemma(S, c, "case", "from"))) {
                collect(S, c, want, out, depth + 1);
            } else if (kind == 2 && participle(S, c) && passive(S, c)) {   /* "facilities used by X" */
                collect(S, subj_tok(S, c, depth), want, out, depth + 1);
            }
        }
        if (out->n > had) return;
    }
}

static void prep_of(const sent *S, int x, const char *p, unsigned want, idset *out);

/* A common noun stands for the entities it is exemplified by ("several
** countries, including Mali and Chad", "partners such as Jordan",
** "countries like Niger") or tied to ("individuals associated with X",
** "companies linked to X"). */
static void examples(const sent *S, int x, unsigned want, idset *out, int depth) {
    static const char *const ties[] = {"associate", "link", "affiliate", "tie", "connect"};
    for (int k = S->first[x]; k < S->first[x + 1]; k++) {
        int c = S->kid[k];
        const parse_tok *ct = &S->t[c];
        if (is_rel(ct, "nmod") && (has_child_lemma(S, c, "case", "include") || has_child_lemma(S, c, "case", "such") ||
                                   has_child_lemma(S, c, "case", "like")))
            collect(S, c, want, out, depth + 1);
        for (size_t w = 0; is_deprel(ct, "acl") && ct->upos == UPOS_VERB && w < sizeof ties / sizeof ties[0]; w++)
            if (lemma_is(ct, ties[w])) {
                prep_of(S, c, "with", want, out);
                prep_of(S, c, "to", want, out);
            }
    }
    int c = x + 1;      /* "targeting individuals associated with X", the participle hung elsewhere */
    if (c >= (int)S->n || S->t[c].head == x || S->t[c].upos != UPOS_VERB || !ends_with(S, c, "ed") ||
        child(S, c, "nsubj", 0) >= 0)
        return;
    for (size_t w = 0; w < sizeof ties / sizeof ties[0]; w++)
        if (lemma_is(&S->t[c], ties[w])) {
            prep_of(S, c, "with", want, out);
            prep_of(S, c, "to", want, out);
        }
}

/* The names a common noun X is exemplified by after a comma and a word
** of focus ("the security forces, notably the X, the Y and the Z"),
** however the parser attached them, into OUT. */
static void notably(const sent *S, int x, unsigned want, idset *out) {
    static const char *const focus[] = {"notably", "namely", "particularly", "especially", "mainly", "primarily"};
    int f = x + 2, hit = 0;
    if (f >= (int)S->n || !is_punct(S, x + 1, ',')) return;
    for (size_t w = 0; w < sizeof focus / sizeof focus[0]; w++) hit |= lemma_is(&S->t[f], focus[w]);
    for (int y = f + 1; hit && y < (int)S->n && y <= f + 3; y++)
        if (S->inm[y] >= 0) {
            size_t m = (size_t)S->inm[y];
            if (id_type(S->m[m].id) & want) {
                set_add(out, S->m[m].id);
                list_after(S, m, out);
            }
            return;
        }
}

/* The names right after the definite common noun X (or one an adjective
** describes: "former colonial power X") that say what it is
** ("the Islamist groups X and Y", "the country Z"), into OUT. */
static void named_next(const sent *S, int x, unsigned want, idset *out) {
    int det = child(S, x, "det", 0);
    if ((S->t[x].upos != UPOS_NOUN && S->t[x].upos != UPOS_PROPN) || det > x ||
        (det >= 0 && (lemma_is(&S->t[det], "a") || lemma_is(&S->t[det], "an"))) ||
        (det < 0 && child(S, x, "amod", 0) < 0) ||     /* "former colonial power X" */
        x + 1 >= (int)S->n)
        return;
    int y = x + 1;      /* "the Foreign Terrorist Organization (FTO) X": past its short form */
    if (y + 3 < (int)S->n && is_punct(S, y, '(') && is_punct(S, y + 2, ')') && S->inm[y + 1] < 0) y += 3;
    if (S->inm[y] < 0) return;
    size_t m = (size_t)S->inm[y];
    if (S->m[m].start != S->t[y].start || !(id_type(S->m[m].id) & want)) return;
    set_add(out, S->m[m].id);
    list_after(S, m, out);
}

static int title_word(const sent *S, int x);
static void drop_other_titled(const sent *S, int x, idset *out);

/* The token of the name common noun X is given by a participle of naming
** ("the base known as X", "a group called X"), or -1. */
static int named_as(const sent *S, int x) {
    static const char *const naming[] = {"know", "call", "name", "dub"};
    for (int k = S->first[x]; k < S->first[x + 1]; k++) {
        int a = S->kid[k], hit = 0;
        if (!is_deprel(&S->t[a], "acl") || S->t[a].upos != UPOS_VERB || a < x) continue;
        for (size_t w = 0; w < sizeof naming / sizeof naming[0]; w++) hit |= lemma_is(&S->t[a], naming[w]);
        for (int j = S->first[a]; hit && j < S->first[a + 1]; j++) {
            int c = S->kid[j];
            if (c > a && S->inm[c] >= 0 &&
                (is_rel(&S->t[c], "obl") || is_rel(&S->t[c], "xcomp") || is_rel(&S->t[c], "obj")))
                return c;
        }
        int y = a + 1 < (int)S->n && lemma_is(&S->t[a + 1], "as") ? a + 2 : a + 1;
        if (hit && y < (int)S->n && S->inm[y] >= 0 && S->m[S->inm[y]].start == S->t[y].start) {
            for (int i = y; i < (int)S->n && S->inm[i] == S->inm[y]; i++)    /* the name right after, */
                if (S->ment[i] == S->inm[y]) return i;                        /* however it was hung */
            return y;
        }
    }
    return -1;
}

/* The person title noun X names, however the parser hung the name ("the
** Minister of Foreign Affairs of X H.E. Mr. Y": Y), and those listed with
** them, into OUT. */
static void titled_person(const sent *S, int x, unsigned want, idset *out) {
    unsigned person = type_bit("person", 6);
    if (!(want & person) || S->inm[x] >= 0 || !tok_get(S, x, &L.titles)) return;
    for (int y = x + 1; y < (int)S->n && y - x <= 12; y++) {
        if (S->inm[y] >= 0 && id_type(S->m[S->inm[y]].id) == person) {
            set_add(out, S->m[S->inm[y]].id);
            list_after(S, (size_t)S->inm[y], out);
            return;
        }
        if (!title_word(S, y) || lemma_is(&S->t[y], "and")) return;
    }
}

/* 1 when conjunct C of X has a preposition X lacks ("Iran, through the
** Guard, supported Y": the parser's conjunct is an oblique). */
static int own_case(const sent *S, int x, int c) {
    int cc = child(S, c, "case", 0);
    return cc >= 0 && cc < c && child(S, x, "case", 0) < 0 && !lemma_is(&S->t[cc], "'s") &&
           !is_rel(&S->t[x], "obl") && !is_rel(&S->t[x], "nmod");
}

/* The entities token X names (WANT: the types its slot takes, for
** anaphors): its mention, its antecedent, what a proxy noun ("Russian
** troops") or a copular noun ("X is a base") stands for, what stands in
** apposition to it, and the members coordinated with it. */
static void collect(const sent *S, int x, unsigned want, idset *out, int depth) {
    if (x < 0 || depth > DEPTH_MAX) return;
    const parse_tok *t = &S->t[x];
    int m = S->ment[x] >= 0 ? S->ment[x] : S->inm[x];
    for (int k = S->first[x]; m >= 0 && k < S->first[x + 1]; k++)   /* "U.S.-Egypt": the U.S. first */
        if (S->kid[k] < x && is_rel(&S->t[S->kid[k]], "compound") && pair_joined(S, S->kid[k], m))
            collect(S, S->kid[k], want, out, depth + 1);
    if (m >= 0) {
        token_mentions(S, x, m, out);
        list_after(S, (size_t)m, out);
        where_next(S, (size_t)m, want, out);
    } else if (nominal(t) || t->upos == UPOS_SYM || t->upos == UPOS_DET) {   /* "30% of X", "all of these" */
        size_t had = out->n;             /* "the headquarters of X": X, not an antecedent */
        named_next(S, x, want, out);
        if (out->n == had) titled_person(S, x, want, out);
        if (out->n == had && named_as(S, x) >= 0) collect(S, named_as(S, x), want, out, depth + 1);
        int sub = child(S, x, "nsubj", 0), cop = sub >= 0 && child(S, x, "cop", 1) >= 0;
        if (out->n == had && cop && (S->ment[sub] >= 0 || S->inm[sub] >= 0))   /* "X is a base run by Y": X */
            collect(S, sub, want, out, depth + 1);
        if (out->n == had && tok_get(S, x, &L.proxy)) {   /* "a base operated by Russia": not Russia for a place */
            idset px = {.n = 0};
            proxy_mods(S, x, want, &px, depth);
            for (size_t i = 0; i < px.n; i++)
                if (id_type(px.id[i]) & want) set_add(out, px.id[i]);
        }
        int nc = x - 1;      /* "the Sea Guardian mission": the name, a mission, not an antecedent */
        if (out->n == had && nc >= 0 && S->inm[nc] >= 0 && S->ment[nc] == S->inm[nc] && S->t[nc].head == x &&
            is_rel(&S->t[nc], "compound") &&
            (tok_get(S, x, &L.anaphor) & id_type(S->m[S->inm[nc]].id) & want & ~ANA_MANY))
            collect(S, nc, want, out, depth + 1);
        int a = out->n > had || anaphor_ids(S, x, want, out);
        if (!a && cop) collect(S, sub, want, out, depth + 1);
        if (!a && !cop && is_rel(t, "appos") && t->head >= 0 && t->head < x && S->inm[t->head] >= 0)
            collect(S, t->head, want, out, depth + 1);     /* "X, a U.S.-designated group": X */
        if (!a) examples(S, x, want, out, depth);
        notably(S, x, want, out);
    }
    int oblique = 0;    /* "X, through Y and Z, did": no conjuncts of X */
    for (int k = S->first[x]; k < S->first[x + 1]; k++) {
        const parse_tok *c = &S->t[S->kid[k]];
        if (is_rel(c, "conj") && (oblique || own_case(S, x, S->kid[k]))) {
            oblique = 1;
            continue;
        }
        if (is_rel(c, "conj") || (is_rel(c, "appos") && m < 0) ||
            (m >= 0 && is_rel(c, "nmod") && (has_child_lemma(S, S->kid[k], "case", "including") ||
                                             has_child_lemma(S, S->kid[k], "case", "include"))))
            collect(S, S->kid[k], want, out, depth + 1);   /* a name with examples (see examples()) */
    }
}

/* 1 when X is a proxy noun ("warships") no name or pronoun modifies. */
static int bare_proxy(const sent *S, int x) {
    if (x < 0 || S->inm[x] >= 0 || !tok_get(S, x, &L.proxy)) return 0;
    for (int k = S->first[x]; k < S->first[x + 1]; k++) {
        int c = S->kid[k];
        if (S->ment[c] >= 0 || S->inm[c] >= 0 || S->t[c].upos == UPOS_PRON || is_rel(&S->t[c], "nmod")) return 0;
    }
    return 1;
}

/* The controller of an xcomp headed by H: its object, else its subject;
** a bare proxy object is the subject's ("X sent ships to join Y"). */
static int controller(const sent *S, int h, int depth) {
    int o = child(S, h, "obj", 1);
    if (o >= 0 && bare_proxy(S, o)) return subj_tok(S, h, depth + 1);
    if (o >= 0) return o;
    if (passive(S, h)) return child(S, h, "nsubj:pass", 1);
    return subj_tok(S, h, depth + 1);
}

/* The verb whose object's "with" phrase noun X is ("supported X and Y
** with training": the parser hung the phrase on the object, not the
** verb), or -1. */
static int with_host(const sent *S, int x) {
    if (S->t[x].upos != UPOS_NOUN || !is_rel(&S->t[x], "nmod") || !has_child_lemma(S, x, "case", "with")) return -1;
    int n = S->t[x].head;
    for (int up = 0; up < DEPTH_MAX && n >= 0 && is_rel(&S->t[n], "conj") && !verbal(&S->t[n]); up++)
        n = S->t[n].head;
    if (n < 0 || !is_rel(&S->t[n], "obj") || S->t[n].head < 0 || !verbal(&S->t[S->t[n].head])) return -1;
    return S->t[n].head;
}

/* The noun of a `measure` line whose "of" phrase noun X is ("a series of
** sanctions targeting X": "series"), or -1. */
static int measured(const sent *S, int x) {
    int h = S->t[x].head;
    if (h < 0 || S->t[x].upos != UPOS_NOUN || !is_rel(&S->t[x], "nmod") || !has_child_lemma(S, x, "case", "of") ||
        S->inm[h] >= 0 || !tok_get(S, h, &L.measure))
        return -1;
    return h;
}

/* A token of the names listed right before finite verb X after a comma,
** when the parser gave X no subject ("In 2020, A, B and C signed": it hung
** the names on the fronted phrase), or -1. */
static int subj_before(const sent *S, int x) {
    const parse_tok *t = &S->t[x];
    if (t->upos != UPOS_VERB || passive(S, x) || has_child_lemma(S, x, "mark", "to") ||
        !(is_rel(t, "root") || is_rel(t, "parataxis") || is_rel(t, "ccomp") || is_rel(t, "conj")) ||
        (ends_with(S, x, "ing") && child(S, x, "aux", 0) < 0))
        return -1;
    int y = x - 1;
    while (y >= 0 && S->t[y].head == x && (is_rel(&S->t[y], "aux") || is_rel(&S->t[y], "advmod"))) y--;
    if (y < 0 || S->inm[y] < 0 || S->m[S->inm[y]].end != S->t[y].end) return -1;
    size_t k = (size_t)S->inm[y];
    unsigned type = id_type(S->m[k].id);
    while (k > 0 && id_type(S->m[k - 1].id) == type &&
           list_join(S->text, S->m[k - 1].end, S->m[k].start, type == type_bit("person", 6)) > 0)
        k--;
    int z = -1;
    for (int i = 0; i < (int)S->n && S->t[i].end <= S->m[k].start; i++) z = i;
    if (z >= 0 && !is_punct(S, z, ',')) return -1;
    for (int i = 0; i < (int)S->n; i++)
        if (S->ment[i] == (int)k) return i;
    return -1;
}

static int subj_tree(const sent *S, int x, int depth);

/* A subject C the parser took from the end of a list ("X, its allies, and
** partners have ..." gave "partners" alone): a common noun naming no one
** after ", and" or ", or", closing a list of names, possessives and
** common nouns that starts the clause; the head of the list's first name,
** else C. */
static int list_tail(const sent *S, int c) {
    const parse_tok *t = &S->t[c];
    if (t->upos != UPOS_NOUN || S->inm[c] >= 0 || c < 3 || S->t[c - 1].upos != UPOS_CCONJ ||
        !is_punct(S, c - 2, ','))
        return c;
    for (int k = S->first[c]; k < S->first[c + 1]; k++)
        if (S->inm[S->kid[k]] >= 0 || is_rel(&S->t[S->kid[k]], "nmod")) return c;
    int y = c - 3, first = -1;
    for (; y >= 0; y--) {
        const parse_tok *u = &S->t[y];
        if (S->inm[y] >= 0) {
            first = y;
        } else if (is_punct(S, y, ',')) {
            int z = y + 1;
            while (z < first && lemma_is(&S->t[z], "the")) z++;
            if (first >= 0 && z == first) break;       /* ", the X, ...": the list starts at X */
        } else if (!lemma_is(u, "the") && !(u->upos == UPOS_PRON && is_deprel(u, "nmod:poss")) &&
                   u->upos != UPOS_NOUN && u->upos != UPOS_ADJ) {
            return c;
        }
    }
    if (first < 0) return c;
    int m = S->inm[first];
    for (int i = 0; i < (int)S->n; i++)
        if (S->ment[i] == m) return i;
    return c;
}

/* The token that holds X's subject, or -1. */
static int subj_tok(const sent *S, int x, int depth) {
    int c = subj_tree(S, x, depth);
    if (c >= 0 && is_rel(&S->t[c], "nsubj")) c = list_tail(S, c);
    return c >= 0 || x < 0 || depth > DEPTH_MAX ? c : subj_before(S, x);
}

static int subj_tree(const sent *S, int x, int depth) {
    if (x < 0 || depth > DEPTH_MAX) return -1;
    const parse_tok *t = &S->t[x];
    int h = t->head;
    if (passive(S, x)) {
        int a = child(S, x, "obl:agent", 1);
        for (int k = S->first[x]; a < 0 && k < S->first[x + 1]; k++)
            if (is_rel(&S->t[S->kid[k]], "obl") && has_child_lemma(S, S->kid[k], "case", "by")) a = S->kid[k];
        if (a < 0 && participle(S, x)) a = child(S, x, "obl:unmarked", 1);   /* "U.S.-backed" */
        if (a < 0 && participle(S, x)) a = child(S, x, "compound", 0);
        if (a < 0 && participle(S, x) && x >= 2 && is_punct(S, x - 1, '-') && S->inm[x - 2] >= 0 &&
            S->t[x - 1].start == S->t[x - 2].end)
            a = x - 2;      /* "the X-aligned group", X hung on the noun */
        return a;
    }
    int c = child(S, x, "nsubj", 1);
    if (c < 0) c = child(S, x, "csubj", 1);
    if (c >= 0) return relative_pronoun(&S->t[c]) && is_deprel(t, "acl:relcl") ? h : c;
    if (h < 0) return -1;
    if (is_deprel(t, "acl:relcl")) return h;
    if (is_deprel(t, "acl") && !ends_with(S, x, "ing") && has_child_lemma(S, x, "mark", "to") && bare_proxy(S, h) &&
        is_rel(&S->t[h], "obj") && S->t[h].head >= 0 && verbal(&S->t[S->t[h].head]))
        return subj_tok(S, S->t[h].head, depth + 1);   /* "X sent ships to join Y": X */
    if (is_deprel(t, "acl")) return ends_with(S, x, "ing") || has_child_lemma(S, x, "mark", "to") ? h : -1;
    if (is_rel(t, "xcomp") && t->upos == UPOS_VERB && !has_child_lemma(S, x, "mark", "to") && ends_with(S, x, "ed") &&
        child(S, h, "obj", 1) == x - 1)
        return child(S, h, "obj", 1);   /* "designated individuals affiliated with X": the individuals */
    if (is_rel(t, "xcomp")) return controller(S, h, depth);
    if (is_rel(t, "advcl") && ends_with(S, x, "ing") && child(S, h, "obj", 1) >= 0 &&
        (has_child_lemma(S, x, "mark", "of") || has_child_lemma(S, x, "mark", "for")))
        return child(S, h, "obj", 1);   /* "accused X of supplying", "blamed X for attacking": X */
    if ((is_rel(t, "conj") && (verbal(t) || !verbal(&S->t[h]) || child(S, x, "cop", 1) >= 0)) ||
        is_rel(t, "advcl")) {   /* a noun conjoined to a verb: only "and is home to" */
        int p = passive(S, h) ? child(S, h, "nsubj:pass", 1) : -1;
        return p >= 0 ? p : subj_tok(S, h, depth + 1);
    }
    if (t->upos == UPOS_NOUN && verbal(&S->t[h]) && is_rel(t, "obl") && has_child_lemma(S, x, "case", "in") &&
        (tok_get(S, h, &L.classes) & class_bit("engage", 6)) && subj_tok(S, h, depth + 1) < 0 &&
        child(S, h, "nsubj:pass", 1) >= 0)
        return child(S, h, "nsubj:pass", 1);   /* "X and Y are engaged in cooperation": X and Y */
    if (t->upos == UPOS_NOUN && verbal(&S->t[h]) &&
        (is_rel(t, "obj") || is_rel(t, "obl") || is_rel(t, "nsubj")))
        return is_rel(t, "nsubj") ? -1 : subj_tok(S, h, depth + 1);
    if (with_host(S, x) >= 0) return subj_tok(S, with_host(S, x), depth + 1);
    if (measured(S, x) >= 0) return subj_tok(S, measured(S, x), depth + 1);
    if (t->upos == UPOS_NOUN && is_rel(t, "nmod") && has_child_lemma(S, x, "case", "in") &&
        S->t[h].upos == UPOS_NOUN && is_rel(&S->t[h], "obj"))   /* "played a role in the fight against" */
        return subj_tok(S, h, depth + 1);
    return -1;
}

/* The person right after verb X with only a title between ("designated
** Defense Minister Colonel X, ..."), when the parser gave X no object: a
** token of the name, or -1. */
static int person_after(const sent *S, int x) {
    for (int y = x + 1; y < (int)S->n && y - x <= 12; y++) {
        if (S->inm[y] >= 0 && id_type(S->m[S->inm[y]].id) == type_bit("person", 6)) return y;
        if (!title_word(S, y) || lemma_is(&S->t[y], "and") || lemma_is(&S->t[y], "the") ||
            (S->inm[y] < 0 && !tok_get(S, y, &L.titles) && !isupper((unsigned char)S->text[S->t[y].start])))
            return -1;
    }
    return -1;
}

/* The token that holds X's object, or -1. */
static int obj_tok(const sent *S, int x) {
    const parse_tok *t = &S->t[x];
    int c;
    if (passive(S, x)) {
        c = child(S, x, "nsubj:pass", 1);
        if (c < 0) return participle(S, x) || is_deprel(t, "acl:relcl") ? t->head : -1;
    } else {
        c = child(S, x, "obj", 1);
        /* "train and advise X": an object the coordinated verbs share */
        for (int k = S->first[x]; c < 0 && k < S->first[x + 1]; k++)
            if (is_rel(&S->t[S->kid[k]], "conj") && verbal(&S->t[S->kid[k]])) c = child(S, S->kid[k], "obj", 1);
        if (c < 0 && is_rel(t, "conj") && t->head >= 0 && verbal(&S->t[t->head])) c = child(S, t->head, "obj", 1);
        int xc = child(S, x, "xcomp", 1);   /* "helped X address": X, the parser's subject of "address" */
        if (c < 0 && xc > x && child(S, xc, "nsubj", 1) > x) c = child(S, xc, "nsubj", 1);
        int px = child(S, x, "parataxis", 1);   /* "established Operation X, the ...": a name the parser cut off */
        if (c < 0 && px > x && x + 1 < (int)S->n && S->inm[px] >= 0 && S->inm[x + 1] == S->inm[px]) c = px;
        if (c < 0 && t->upos == UPOS_VERB) c = person_after(S, x);
    }
    if (c >= 0 && relative_pronoun(&S->t[c]) && is_deprel(t, "acl:relcl")) return t->head;
    return c;
}

/* 1 when noun X has an owner of its own: a possessive, or a name or
** pronoun among its compounds ("Israel's response", "the NATO mission"). */
static int owned(const sent *S, int x) {
    for (int k = S->first[x]; k < S->first[x + 1]; k++) {
        int c = S->kid[k];
        if (is_deprel(&S->t[c], "nmod:poss") || (is_rel(&S->t[c], "compound") && S->inm[c] >= 0)) return 1;
    }
    return 0;
}

/* The noun a name C the parser took for a preposition's object modifies
** through a hyphened participle ("with X-aligned group Y": "group",
** which names Y), else C. */
static int hyphen_head(const sent *S, int c) {
    if (S->inm[c] < 0 || c + 2 >= (int)S->n || !is_punct(S, c + 1, '-') || S->t[c + 1].start != S->t[c].end ||
        S->t[c + 2].start != S->t[c + 1].end || !ends_with(S, c + 2, "ed") || !is_rel(&S->t[c + 2], "amod"))
        return c;
    int h = S->t[c + 2].head;
    return h > c + 2 && S->t[h].upos == UPOS_NOUN && S->inm[h] < 0 ? h : c;
}

/* The nominal children of X with preposition P, into OUT; P may be a
** participle that works as one ("strikes targeting X": its object); for
** "near", also the "of" phrase of a word of `near` lines ("southwest of X"). */
static void prep_of(const sent *S, int x, const char *p, unsigned want, idset *out) {
    for (int k = S->first[x]; k < S->first[x + 1]; k++) {
        int c = S->kid[k];
        const parse_tok *ct = &S->t[c];
        if (strcmp(p, "near") == 0 && S->inm[c] < 0 && tok_get(S, c, &L.near)) prep_of(S, c, "of", want, out);
        if ((is_rel(ct, "obl") || (is_rel(ct, "nmod") && !is_deprel(ct, "nmod:poss")) ||
             (is_rel(ct, "conj") && verbal(&S->t[x]) && nominal(ct))) &&   /* "met X, as well as with Y" */
            has_child_lemma(S, c, "case", p))
            collect(S, hyphen_head(S, c), want, out, 1);
        else if (is_deprel(ct, "acl") && ct->end - ct->start == strlen(p) &&
                 strncasecmp(S->text + ct->start, p, strlen(p)) == 0)
            collect(S, child(S, c, "obj", 1), want, out, 1);
    }
}

/* Modifiers of X with one of the deprels RELS (NULL-ended), and those of
** the noun X is a compound of that come before it ("NATO Secretary
** General X": "NATO" for "Secretary"). */
static void mods_of(const sent *S, int x, const char *const *rels, unsigned want, idset *out) {
    int h = x;
    for (int up = 0; up < DEPTH_MAX && h >= 0; up++) {
        for (int k = S->first[h]; k < S->first[h + 1]; k++) {
            int c = S->kid[k];
            if (c == x || (h != x && c > x)) continue;
            for (const char *const *r = rels; *r; r++)
                if (strchr(*r, ':') ? is_deprel(&S->t[c], *r) : is_rel(&S->t[c], *r)) {
                    collect(S, c, want, out, 1);
                    break;
                }
        }
        if (!is_rel(&S->t[h], "compound") && !is_rel(&S->t[h], "flat")) break;
        h = S->t[h].head;
    }
}

static void fill_slot(const sent *S, int x, const slot *sl, unsigned want, idset *out) {
    static const char *const poss[] = {"nmod:poss", NULL};
    static const char *const cmp[] = {"compound", "amod", "obl:unmarked", "det", NULL};
    int c = -1, h;
    switch (sl->kind) {
    case SL_SUBJ: c = subj_tok(S, x, 0); break;
    case SL_OBJ: c = obj_tok(S, x); break;
    case SL_IOBJ: c = child(S, x, "iobj", 1); break;
    case SL_POSS: mods_of(S, x, poss, want, out); return;
    case SL_CMP:
        for (int k = S->first[x]; k < S->first[x + 1]; k++) {   /* "X-led training": X */
            int p = S->kid[k];
            if (is_rel(&S->t[p], "amod") && S->t[p].upos == UPOS_VERB &&   /* not "X-backed": a `backer` class */
                !(tok_get(S, p, &L.classes) & class_bit("backer", 6)))
                collect(S, child(S, p, "obl:unmarked", 1) >= 0 ? child(S, p, "obl:unmarked", 1)
                                                               : child(S, p, "compound", 0), want, out, 1);
        }
        if (!out->n) mods_of(S, x, cmp, want, out);
        return;
    case SL_HEAD:
        if (S->inm[x] < 0 && named_as(S, x) >= 0) {      /* "the X base known as Y": Y */
            c = named_as(S, x);
            break;
        }
        h = x;
        while ((is_rel(&S->t[h], "compound") || is_rel(&S->t[h], "flat") || is_rel(&S->t[h], "appos") ||
                is_rel(&S->t[h], "amod") || is_deprel(&S->t[h], "acl") || is_deprel(&S->t[h], "nmod:desc") ||
                is_rel(&S->t[h], "list")) && S->t[h].head >= 0) {
            h = S->t[h].head;
            if (S->ment[h] >= 0 || S->inm[h] >= 0 || !is_rel(&S->t[h], "compound")) break;
        }
        c = h == x ? -1 : h;
        h = S->t[x].head;       /* "the commander is X": X */
        if (c < 0 && is_rel(&S->t[x], "nsubj") && h > x && S->inm[h] >= 0 && child(S, h, "cop", 1) >= 0) c = h;
        break;
    case SL_APPOS: c = child(S, x, "appos", 0); break;
    case SL_GOBJ:       /* "supported X with training", "its aid helped X" */
        h = x;          /* "with training and funding": the first conjunct's */
        for (int up = 0; up < DEPTH_MAX && is_rel(&S->t[h], "conj") && S->t[h].head >= 0 &&
                         S->t[S->t[h].head].upos == UPOS_NOUN; up++)
            h = S->t[h].head;
        if (with_host(S, h) >= 0) {
            c = obj_tok(S, with_host(S, h));
            break;
        }
        x = h;
        h = S->t[x].head;
        if (h >= 0 && S->t[x].upos == UPOS_NOUN && verbal(&S->t[h]) &&
            (is_rel(&S->t[x], "obl") || is_deprel(&S->t[x], "nsubj")))
            c = obj_tok(S, h);
        break;
    case SL_PREP:
        prep_of(S, x, sl->prep, want, out);
        if (!out->n && measured(S, x) >= 0) prep_of(S, measured(S, x), sl->prep, want, out);
        for (int k = S->first[x + 1] - 1; !out->n && S->t[x].upos == UPOS_NOUN && k >= S->first[x]; k--)
            if (is_rel(&S->t[S->kid[k]], "conj") && S->t[S->kid[k]].upos == UPOS_NOUN && S->inm[S->kid[k]] < 0) {
                if (!owned(S, S->kid[k]))   /* "a base and a port in X": the last one's, not "X's port in Y" */
                    prep_of(S, S->kid[k], sl->prep, want, out);
                break;
            }
        h = S->t[x].head;       /* a PP the parser hung on the verb of "held talks with" */
        if (!out->n && h >= 0 && S->t[x].upos == UPOS_NOUN && (is_rel(&S->t[x], "obj") || is_rel(&S->t[x], "obl")))
            prep_of(S, h, sl->prep, want, out);
        c = obj_tok(S, x);      /* or on the object of "deployed troops to X" */
        if (!out->n && c >= 0 && verbal(&S->t[x])) prep_of(S, c, sl->prep, want, out);
        return;
    default: return;
    }
    if (sl->via_proxy && (c < 0 || S->inm[c] >= 0 || !tok_get(S, c, &L.proxy))) return;
    collect(S, c, want, out, 0);
}

/* The first alternative of SS that yields an entity of TYPES. */
static void fill(const sent *S, int x, const slots *ss, unsigned types, idset *out) {
    out->n = 0;
    for (size_t a = 0; a < ss->n && !out->n; a++) {
        idset got = {.n = 0};
        fill_slot(S, x, &ss->a[a], types, &got);
        size_t from = ss->a[a].part == PART_REST ? 1 : 0;
        size_t to = ss->a[a].part == PART_FIRST && got.n ? 1 : got.n;
        if (ss->a[a].part != PART_ALL && got.n < 2) continue;
        for (size_t i = from; i < to; i++)
            if (id_type(got.id[i]) & types) set_add(out, got.id[i]);
    }
}

/* 1 when the oblique noun X is a complement of its verb ("accused of
** attacks", "plans for a base"), not an adjunct of time or cause
** ("ceased following the bombardment"). */
static int complement_case(const sent *S, int x) {
    static const char *const preps[] = {"of", "for", "to", "on", "about", "into", "with"};
    for (size_t i = 0; i < sizeof preps / sizeof preps[0]; i++)
        if (has_child_lemma(S, x, "case", preps[i])) return 1;
    return 0;
}

/* Cues of modality in X's scope: its modifiers and auxiliaries, and the
** verbs it is the complement of; DEF when none. */
static int modality_at(const sent *S, int x, int def) {
    int best = -1;
    for (int step = 0; x >= 0 && step <= DEPTH_MAX; step++) {
        for (int k = S->first[x]; k < S->first[x + 1]; k++) {
            const parse_tok *c = &S->t[S->kid[k]];
            if (!(is_rel(c, "advmod") || is_rel(c, "aux") || is_rel(c, "det") || is_rel(c, "discourse")))
                continue;
            unsigned m = tok_get(S, S->kid[k], &L.cue_child);
            if (m && (best < 0 || m - 1 == MOD_NEGATED)) best = (int)m - 1;   /* "will not": negated */
        }
        if (best >= 0) return best;
        if (step > 0) {
            unsigned m = tok_get(S, x, &L.cue_head);
            if (m) return (int)m - 1;
        }
        const parse_tok *t = &S->t[x];
        if (!(is_rel(t, "xcomp") || is_rel(t, "ccomp") || is_rel(t, "advcl") ||
              (t->upos == UPOS_NOUN && (is_rel(t, "obj") || (is_rel(t, "obl") && complement_case(S, x))))))
            break;
        x = t->head;
    }
    return def;
}

/* The verb a noun X is the object, subject or complement of, or -1;
** through appositions, conjuncts and compounds ("ended trade and
** cooperation with", "broke off, in effect, its defence agreement"). */
static int governor(const sent *S, int x) {
    const parse_tok *t = &S->t[x];
    for (int up = 0; up < DEPTH_MAX && t->head >= 0 && !verbal(&S->t[t->head]) &&
                     (is_rel(t, "appos") || is_rel(t, "conj") || is_rel(t, "compound")); up++)
        t = &S->t[t->head];
    if (t->head < 0 || !verbal(&S->t[t->head])) return -1;
    return is_rel(t, "obj") || is_rel(t, "nsubj") || is_rel(t, "obl") || is_rel(t, "xcomp") ? t->head : -1;
}

static int emit(rt_out *o, const char *s, const char *pred, const char *obj, int modality, size_t trig) {
    if (obj && strcmp(s, obj) == 0) return FL_OK;
    for (size_t i = 0; i < o->n; i++)
        if (o->r[i].predicate == pred && strcmp(o->r[i].subject, s) == 0 &&
            ((!obj && !o->r[i].object) || (obj && o->r[i].object && strcmp(o->r[i].object, obj) == 0)))
            return FL_OK;
    if (o->n == o->cap && array_grow(&o->r, &o->cap, sizeof *o->r, 16) != FL_OK) return FL_ENOMEM;
    o->r[o->n++] = (rt_rel){s, pred, obj, modality, trig};
    return FL_OK;
}

/* For frame F of word X whose subject cannot be a person, when its
** predicate is an act of an office ("office" lines): the offices the
** people in its subject slot hold by their titles in the sentence ("U.S.
** Secretary of State X announced sanctions": the U.S.). */
static void office_holders(const sent *S, int x, const frame *f, idset *out) {
    unsigned person = type_bit("person", 6);
    if ((f->stypes & person) || !S->titled || !S->titled->n || !wset_get(&L.office, f->pred, strlen(f->pred)))
        return;
    idset people;
    fill(S, x, &f->s, person, &people);
    for (size_t i = 0; i < people.n; i++)
        for (size_t k = 0; k < S->titled->n; k++) {
            const rt_rel *r = &S->titled->r[k];
            if (strcmp(r->subject, people.id[i]) == 0 && r->object && (id_type(r->object) & f->stypes))
                set_add(out, r->object);
        }
}

static int class_of(const parse_tok *t) {
    return t->upos == UPOS_VERB ? 'V' : t->upos == UPOS_NOUN || t->upos == UPOS_PROPN ? 'N'
         : t->upos == UPOS_ADJ ? 'A' : 0;
}

/* A short form the name finder took for an entity ("the command" for a
** Command named before) that an "of" phrase shows is a common noun:
** "under the command of X". */
static int common_noun_of(const sent *S, int x) {
    const parse_tok *t = &S->t[x];
    const annot_mention *m = &S->m[S->inm[x]];
    if (m->start != t->start || m->end != t->end || !islower((unsigned char)S->text[t->start])) return 0;
    for (int k = S->first[x]; k < S->first[x + 1]; k++)
        if (is_rel(&S->t[S->kid[k]], "nmod") && has_child_lemma(S, S->kid[k], "case", "of")) return 1;
    return 0;
}

static int run_frames(const sent *S, int x, rt_out *o) {
    const parse_tok *t = &S->t[x];
    unsigned at = tok_get(S, x, &L.lemmas);
    int cls = class_of(t), rc = FL_OK;
    if (!at || !cls || (S->inm[x] >= 0 && !common_noun_of(S, x))) return FL_OK;   /* a word of a name is no predicate */
    int gov = -1;
    for (size_t i = at - 1; rc == FL_OK && i < L.n && strcmp(L.f[i].lemma, L.f[at - 1].lemma) == 0; i++) {
        const frame *f = &L.f[i];
        if (f->cls != cls) continue;
        if (f->gov) {
            if (gov == -1) gov = governor(S, x);
            int in = gov >= 0 && (tok_get(S, gov, &L.classes) & f->gov);
            if (in == f->gov_not) continue;
        }
        idset subj, obj;
        fill(S, x, &f->s, f->stypes, &subj);
        drop_other_titled(S, x, &subj);
        if (!subj.n) office_holders(S, x, f, &subj);
        if (!subj.n) continue;
        if (f->o.n) {
            fill(S, x, &f->o, f->otypes, &obj);
            if (!obj.n) continue;
        }
        int mod = modality_at(S, x, f->modality);
        for (size_t a = 0; rc == FL_OK && a < subj.n; a++) {
            if (!f->o.n) rc = emit(o, subj.id[a], f->pred, NULL, mod, (size_t)x);
            for (size_t b = 0; rc == FL_OK && f->o.n && b < obj.n; b++)
                rc = emit(o, subj.id[a], f->pred, obj.id[b], mod, (size_t)x);
        }
    }
    return rc;
}

/* A token a title may hold: "the", "of", "for", "and", brackets and
** hyphens, adjectives, capitalised words, names, and the title words
** themselves. */
static int title_word(const sent *S, int x) {
    const parse_tok *t = &S->t[x];
    if (S->inm[x] >= 0 || tok_get(S, x, &L.titles)) return 1;
    if (t->upos == UPOS_ADJ || t->upos == UPOS_PROPN) return 1;
    if (t->upos == UPOS_NOUN) return S->text[t->start] >= 'A' && S->text[t->start] <= 'Z';
    if (is_punct(S, x, '(') || is_punct(S, x, ')') || is_punct(S, x, '-')) return 1;   /* "(UNSMIL) head" */
    if (t->upos == UPOS_PART && is_rel(t, "case")) return 1;                             /* "X's Emir" */
    if (x >= 2 && is_punct(S, x - 1, '-') && S->t[x - 1].start == S->t[x - 2].end &&     /* "Minister-designate" */
        t->start == S->t[x - 1].end && tok_get(S, x - 2, &L.titles))
        return 1;
    return lemma_is(t, "the") || lemma_is(t, "of") || lemma_is(t, "for") || lemma_is(t, "and");
}

/* The entities the title TOKENS [A, B) names, into OUT; 0 when the run
** holds no title word and TITLED is 0 (no title before "of Y"). A possessive pronoun at its start stands for its
** antecedent ("its Secretary General X"). */
static int title_run(const sent *S, int a, int b, int person, int titled, idset *out) {
    for (int i = a; i < b; i++) titled |= S->inm[i] < 0 && tok_get(S, i, &L.titles) != 0;
    if (!titled) return 0;
    for (int i = a; i < b; i++) {
        int m = S->inm[i];
        if (m >= 0 && m != person && (id_type(S->m[m].id) & L.appointed_types)) set_add(out, S->m[m].id);
    }
    if (a > 0 && S->t[a - 1].upos == UPOS_PRON) anaphor_ids(S, a - 1, L.appointed_types, out);
    return 1;
}

/* 1 when a word of tokens [A, B) is a title of the organisation the
** context names ("Secretary General" alone; not "Secretary of State"). */
static int context_title(const sent *S, int a, int b) {
    int ctx = 0;
    for (int i = a; i < b; i++) {
        if (lemma_is(&S->t[i], "of")) return 0;
        ctx |= S->inm[i] < 0 && tok_get(S, i, &L.context_titles) != 0;
    }
    return ctx;
}

static int is_person(const sent *S, int x) {
    return S->inm[x] >= 0 && (id_type(S->m[S->inm[x]].id) & type_bit("person", 6));
}


/* A short lower-case word inside a name, before a proper noun: "ibn",
** "bin", "al", "de", whatever its tag. */
static int particle(const sent *S, int x) {
    const parse_tok *t = &S->t[x];
    size_t n = t->end - t->start;
    if (n > 3 || x + 1 >= (int)S->n || S->t[x + 1].upos != UPOS_PROPN || !islower((unsigned char)S->text[t->start]))
        return 0;
    return t->upos != UPOS_ADP && t->upos != UPOS_CCONJ && t->upos != UPOS_DET && t->upos != UPOS_PUNCT &&
           t->upos != UPOS_AUX && t->upos != UPOS_PART && t->upos != UPOS_PRON;
}

/* Steps from token I over the words of a personal name the name finder
** left out of the mention ("Yevgeniy" before "Prigozhin", "ibn Al Hussein"
** after "Abdullah II"): proper nouns that are no title and no mention;
** STEP -1 leftwards (I: the first token after them), 1 rightwards. */
static int name_rest(const sent *S, int i, int step) {
    for (int k = 0; k < 3; k++) {
        int j = step < 0 ? i - 1 : i;
        if (j < 0 || j >= (int)S->n || S->inm[j] >= 0 || tok_get(S, j, &L.titles)) break;
        if (S->t[j].upos != UPOS_PROPN && !particle(S, j)) break;
        i += step;
    }
    return i;
}

/* 1 when token X, or the one after it when X is a determiner, is in a
** mention. */
static int names_next(const sent *S, int x) {
    if (x < (int)S->n && S->t[x].upos == UPOS_DET) x++;
    return x < (int)S->n && S->inm[x] >= 0;
}

/* 1 when token X is an "and" that starts another person's title ("Prime
** Minister X of Y and General Z"), not a list of organisations. */
static int other_title(const sent *S, int x) {
    int y = x + 1 < (int)S->n && S->t[x + 1].upos == UPOS_DET ? x + 2 : x + 1;
    return S->t[x].upos == UPOS_CCONJ && y < (int)S->n && (tok_get(S, y, &L.titles) || is_person(S, y));
}

/* 1 when tokens [A, B) hold a title word and name no entity: "Commander"
** in "X, Commander, A and B". */
static int bare_title(const sent *S, int a, int b) {
    int titled = 0;
    for (int i = a; i < b; i++) {
        if (S->inm[i] >= 0) return 0;
        titled |= tok_get(S, i, &L.titles) != 0;
    }
    return titled;
}

/* A title of `context` lines that names no organisation ("Secretary
** General X announced") is one of the organisation named nearest before
** the person: in the sentence, else in the sentences before. */
static void title_context(const sent *S, size_t person, idset *out) {
    unsigned want = L.appointed_types & type_bit("org", 3);
    for (size_t i = person; i-- > 0;)
        if (id_type(S->m[i].id) & want) {
            set_add(out, S->m[i].id);
            return;
        }
    for (size_t i = S->nb; i-- > 0;)
        if (id_type(S->before[i].id) & want) {
            set_add(out, S->before[i].id);
            return;
        }
}

/* 1 when tokens [A, B) hold a plural title noun ("GNA leaders", "the
** group's commanders"): a title the people listed after it share. */
static int plural_title(const sent *S, int a, int b) {
    for (int i = a; i < b; i++) {
        const parse_tok *t = &S->t[i];
        if (S->inm[i] < 0 && t->upos == UPOS_NOUN && tok_get(S, i, &L.titles) && t->lemma &&
            strlen(t->lemma) < t->end - t->start && (S->text[t->end - 1] == 's' || S->text[t->end - 1] == 'S'))
            return 1;
    }
    return 0;
}

/* 1 when the person mention M has a title of its own right before it
** (back to an "and", a comma or another person) that does not hold token
** X: "Foreign Minister B" in "NATO Secretary General A and Foreign
** Minister B". */
static int titled_apart(const sent *S, size_t m, int x) {
    int a = 0;
    while (a < (int)S->n && S->inm[a] != (int)m) a++;
    if (a == (int)S->n) return 0;
    int own = 0;
    for (int i = name_rest(S, a, -1) - 1; i >= 0 && a - i <= 12; i--) {
        if (i == x || is_person(S, i)) return 0;
        if (S->t[i].upos == UPOS_CCONJ || is_punct(S, i, ',') || !title_word(S, i)) break;
        own |= S->inm[i] < 0 && tok_get(S, i, &L.titles) != 0;
    }
    return own;
}

/* Drops from OUT, the people title noun X names, those listed with them
** who carry a title of their own: the second conjunct of "NATO Secretary
** General A and Foreign Minister B" holds no office in NATO. A plural
** title X is every one's ("X leaders A and Deputy B"). */
static void drop_other_titled(const sent *S, int x, idset *out) {
    if (S->t[x].upos == UPOS_VERB || !tok_get(S, x, &L.titles) || plural_title(S, x, x + 1)) return;
    size_t kept = 0;
    for (size_t i = 0; i < out->n; i++) {
        int apart = 0;      /* every mention of the person carries its own title */
        for (size_t m = 0; m < S->nm; m++)
            if (strcmp(S->m[m].id, out->id[i]) == 0 && !(apart = titled_apart(S, m, x))) break;
        if (!apart || !(id_type(out->id[i]) & type_bit("person", 6))) out->id[kept++] = out->id[i];
    }
    out->n = kept;
}

/* People named with a title ("NATO Secretary General X", "X, NATO Deputy
** Secretary General", "President of Y, X", "X, commander of Y, said", "X
** of Y, chairman of Z", "X, Commander, A and B"), whatever the parser
** made of the title: each is appointed to the entities its title names,
** or to the organisation of the context when it names none. */
static int titles(const sent *S, rt_out *o) {
    int rc = FL_OK;
    if (!L.appointed) return rc;
    int n = (int)S->n;
    idset shared = {.n = 0};   /* what a plural title before a list of people names ("X leaders A and B") */
    int shared_end = -1;       /* the token after the last person it was given to */
    for (size_t k = 0; rc == FL_OK && k < S->nm; k++) {
        if (!(id_type(S->m[k].id) & type_bit("person", 6))) continue;   /* a person's tokens: [A, B) */
        int a = -1, b = -1;
        for (int i = 0; i < n; i++)
            if (S->inm[i] == (int)k) {
                if (a < 0) a = i;
                b = i + 1;
            }
        if (a < 0) continue;
        idset orgs = {.n = 0};
        int own = 0;                                             /* "King X" */
        for (int t = a; t < b; t++) own |= tok_get(S, t, &L.titles) != 0;
        int i = name_rest(S, a, -1), lim = a - 12 < 0 ? 0 : a - 12;
        if (i > 0 && is_punct(S, i - 1, ',')) i--;               /* "President of Y, X" */
        int stop = i;
        while (stop > lim && title_word(S, stop - 1) && !is_person(S, stop - 1) && !other_title(S, stop - 1)) stop--;
        int left = title_run(S, stop, i, (int)k, 0, &orgs) || own;
        int j = name_rest(S, b, 1), ctx = left && context_title(S, stop, i);
        if (j < n && !left && lemma_is(&S->t[j], "of")) {        /* "X of the navy, chairman of Y" */
            int c = j + 1;
            while (c < n && c < j + 8 && !is_punct(S, c, ',') && !verbal(&S->t[c])) c++;
            if (c < n && is_punct(S, c, ',')) j = c;
        }
        int of = j < n && left && lemma_is(&S->t[j], "of");
        if (j < n && (is_punct(S, j, ',') || of)) {
            int e = j + 1;
            while (e < n && e < j + 14 && !is_person(S, e) && !other_title(S, e) &&
                   (title_word(S, e) || (is_punct(S, e, ',') && names_next(S, e + 1) && bare_title(S, j + 1, e))))
                e++;
            int next = e + 1 < n && is_punct(S, e, ',') && is_person(S, e + 1);   /* "X, Y's Emir, Z": Z's */
            if ((e == n || !is_person(S, e)) && !next && title_run(S, j + 1, e, (int)k, of, &orgs))
                ctx |= context_title(S, j + 1, e);
        }
        if (!orgs.n && ctx) title_context(S, k, &orgs);
        if (!orgs.n && stop > 0 && stop - 1 == shared_end && lemma_is(&S->t[stop - 1], "and"))
            orgs = shared;     /* "X leaders Prime Minister A and Deputy Prime Minister B": B's too */
        if (plural_title(S, stop, i)) shared = orgs;
        else if (stop - 1 != shared_end) shared.n = 0;
        shared_end = shared.n ? name_rest(S, b, 1) : -1;
        for (size_t m = 0; rc == FL_OK && m < orgs.n; m++)
            rc = emit(o, S->m[k].id, L.appointed, orgs.id[m], MOD_ASSERTED, (size_t)a);
    }
    return rc;
}

/* Units named with their owner ("NATO's Operation Ocean Shield", "the
** 379th Wing of the Air Force"): a name holding a word of a `unit` line,
** with a possessive or an "of" phrase outside it, states the line's
** predicate (controlled_by) of the owner. */
static int units(const sent *S, rt_out *o) {
    int rc = FL_OK;
    for (size_t k = 0; rc == FL_OK && L.unit_pred && k < S->nm; k++) {
        if (!(id_type(S->m[k].id) & L.unit_s)) continue;
        int unit = 0, at = -1;
        for (size_t i = 0; i < S->n; i++)
            if (S->inm[i] == (int)k) {
                unit |= tok_get(S, (int)i, &L.units) && isupper((unsigned char)S->text[S->t[i].start]);
                if (at < 0) at = (int)i;
            }
        if (!unit) continue;
        idset owner = {.n = 0};
        for (size_t i = 0; i < S->n; i++) {
            if (S->inm[i] != (int)k) continue;
            for (int j = S->first[i]; j < S->first[i + 1]; j++) {
                int c = S->kid[j];
                if (S->inm[c] == (int)k) continue;
                if (is_deprel(&S->t[c], "nmod:poss") ||
                    (is_rel(&S->t[c], "nmod") && has_child_lemma(S, c, "case", "of")))
                    collect(S, c, L.unit_o, &owner, 1);
            }
        }
        for (size_t n = 0; rc == FL_OK && n < owner.n; n++)
            if (id_type(owner.id[n]) & L.unit_o)
                rc = emit(o, S->m[k].id, L.unit_pred, owner.id[n], MOD_ASSERTED, (size_t)at);
    }
    return rc;
}

/* The entities of the `site` phrases of token H after token FROM, into
** OUT: those before a coordinated name belong to the first ("A in Y and
** B"), those after it to the last. */
static void site_phrases(const sent *S, int h, int from, idset *out) {
    int last = h;
    for (int j = S->first[h]; j < S->first[h + 1]; j++)
        if (is_rel(&S->t[S->kid[j]], "conj")) last = S->kid[j];
    for (int j = S->first[h]; j < S->first[h + 1]; j++) {
        int c = S->kid[j];
        if (c < from || S->inm[c] == S->inm[h] || !is_rel(&S->t[c], "nmod")) continue;
        if ((from == h && last != h && c > last) || (from != h && from != last)) continue;
        for (size_t p = 0; p < L.n_site_prep; p++)
            if (has_child_lemma(S, c, "case", L.site_prep[p])) collect(S, c, L.site_o, out, 1);
    }
}

/* Places named with where they are ("Camp X in Y", "the X Base near Y"):
** a name of the `site` line's types with a phrase of one of its
** prepositions outside it states the line's predicate (located_in). */
static int sites(const sent *S, rt_out *o) {
    int rc = FL_OK;
    for (size_t k = 0; rc == FL_OK && L.site_pred && k < S->nm; k++) {
        if (!(id_type(S->m[k].id) & L.site_s)) continue;
        idset where = {.n = 0};
        int at = -1;
        for (size_t i = 0; i < S->n; i++) {
            if (S->inm[i] != (int)k) continue;
            if (at < 0) at = (int)i;
            site_phrases(S, (int)i, (int)i, &where);
            int h = S->t[i].head;      /* "A and B in Y": B's, though the parser hung it on A */
            if (is_rel(&S->t[i], "conj") && h >= 0 && S->inm[h] != (int)k) site_phrases(S, h, (int)i, &where);
        }
        for (size_t n = 0; rc == FL_OK && n < where.n; n++)
            if (id_type(where.id[n]) & L.site_o)
                rc = emit(o, S->m[k].id, L.site_pred, where.id[n], MOD_ASSERTED, (size_t)at);
    }
    return rc;
}

/* Marks each mention's tokens, and its head: the token of its span whose
** head lies outside it. */
static void map_mentions(sent *S) {
    for (size_t i = 0; i < S->n; i++) S->ment[i] = S->inm[i] = -1;
    for (size_t k = 0; k < S->nm; k++) {
        size_t a = S->m[k].start, b = S->m[k].end;
        int head = -1;
        for (size_t i = 0; i < S->n; i++) {
            if (S->t[i].end <= a || S->t[i].start >= b) continue;
            S->inm[i] = (int)k;
            int h = S->t[i].head;
            if (head < 0 && (h < 0 || S->t[h].end <= a || S->t[h].start >= b)) head = (int)i;
        }
        if (head >= 0) S->ment[head] = (int)k;
    }
}

/* 1 when R is a general relation ("narrower" lines) Q narrows: the same
** pair, either way round. */
static int narrowed(const rt_rel *r, const rt_rel *q) {
    unsigned g = q->object ? wset_get(&L.narrower, q->predicate, strlen(q->predicate)) : 0;
    return g && r->object && strcmp(L.general[g - 1], r->predicate) == 0 &&
           ((strcmp(q->subject, r->subject) == 0 && strcmp(q->object, r->object) == 0) ||
            (strcmp(q->subject, r->object) == 0 && strcmp(q->object, r->subject) == 0));
}

/* Drops from OUT's relations from N0 on the general ones the sentence
** states a narrower one of ("supported X with weapons": X is supplied,
** which says more than that they cooperate). */
static void drop_narrowed(rt_out *out, size_t n0) {
    size_t w = n0;
    for (size_t i = n0; i < out->n; i++) {
        size_t j = n0;
        while (j < out->n && !narrowed(&out->r[i], &out->r[j])) j++;
        if (j == out->n) out->r[w++] = out->r[i];
    }
    out->n = w;
}

int rt_extract(const char *text, const parse_sent *s, const annot_mention *mentions, size_t nm,
               const annot_mention *before, const size_t *before_sent, size_t nb, rt_out *out) {
    if (rt_init(NULL, NULL) != FL_OK || !s->n) return FL_OK;
    for (size_t i = 0; i < s->n; i++)      /* a malformed tree yields nothing */
        if (s->tok[i].head < -1 || s->tok[i].head >= (int)s->n || !s->tok[i].deprel || !s->tok[i].lemma)
            return FL_OK;
    sent S = {.text = text, .t = s->tok, .n = s->n, .m = mentions, .nm = nm, .before = before,
             .before_sent = before_sent, .nb = nb};
    int *mem = malloc((4 * s->n + 1) * sizeof *mem);
    if (!mem) return FL_ENOMEM;
    S.ment = mem;
    S.inm = mem + s->n;
    S.kid = mem + 2 * s->n;
    S.first = mem + 3 * s->n;      /* n + 1 entries */
    memset(S.first, 0, (s->n + 1) * sizeof *S.first);
    for (size_t i = 0; i < s->n; i++)
        if (s->tok[i].head >= 0) S.first[s->tok[i].head + 1]++;
    for (size_t i = 0; i < s->n; i++) S.first[i + 1] += S.first[i];
    int *pos = S.ment;             /* borrowed until map_mentions */
    for (size_t i = 0; i < s->n; i++) pos[i] = S.first[i];
    for (size_t i = 0; i < s->n; i++)
        if (s->tok[i].head >= 0) S.kid[pos[s->tok[i].head]++] = (int)i;
    map_mentions(&S);
    size_t n0 = out->n;
    rt_out held = {0};
    int rc = titles(&S, &held);    /* first, for office_holders; emitted after the frames' */
    S.titled = &held;
    for (size_t i = 0; rc == FL_OK && i < s->n; i++) rc = run_frames(&S, (int)i, out);
    for (size_t i = 0; rc == FL_OK && i < held.n; i++)
        rc = emit(out, held.r[i].subject, held.r[i].predicate, held.r[i].object, held.r[i].modality, held.r[i].trig);
    free(held.r);
    if (rc == FL_OK) rc = units(&S, out);
    if (rc == FL_OK) rc = sites(&S, out);
    if (rc == FL_OK) drop_narrowed(out, n0);
    free(mem);
    return rc;
}
