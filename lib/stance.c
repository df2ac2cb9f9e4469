/*
** stance.c: the stance stage (see stance.h and docs/internals/claims.md).
** For each sentence that states a relation, it finds the cue words of
** data/patterns/stance.txt ("denied", "accused", "disputed", "said",
** "according to"), gives each cue its holder among the actors named in the
** sentence, and lists each (holder, stance) once for every relation of the
** sentence. A quotation's speaker asserts the relations its sentence
** states; a relation whose modality is alleged ("accused of") with no
** named accuser is alleged by no one named. It does not find relations,
** entities or claims, and reads no parse: the cues and the actors' places
** in the sentence are enough for the four stances.
*/
#include "stance.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "patfile.h"

#include "banned.h"

enum {
    CUE_DENIED, CUE_ALLEGED, CUE_DISPUTED, CUE_ASSERTED, CUE_SOURCE, CUE_PREP, CUE_PASSIVE, CUE_DET, N_CUES
};

static const char *const cue_names[N_CUES] = {"denied", "alleged", "disputed", "asserted", "source", "prep",
                                              "passive", "det"};
static const int cue_stance[N_CUES] = {STANCE_DENIED, STANCE_ALLEGED, STANCE_DISPUTED, STANCE_ASSERTED,
                                       STANCE_ASSERTED, -1, -1, -1};

enum {
    PHRASE_WORDS = 4,     /* words of a cue phrase at most */
    MAX_PHRASES = 512,
    MAX_WORDS = 256,      /* words of a sentence read; the rest is not */
    MAX_CUES = 16,        /* cues of a sentence read */
    AFTER_WORDS = 6,      /* words between a cue and a holder named after it */
    MAX_STANCES = 8       /* stances of one relation */
};

typedef struct phrase {
    int kind;
    int nw;
    const char *w[PHRASE_WORDS];
    size_t wl[PHRASE_WORDS];
    int prefix[PHRASE_WORDS];   /* the word ended in '*' */
} phrase;

static buf file;               /* stance.txt; the phrases point into it */
static phrase P[MAX_PHRASES];
static int n_phrases;
/* The phrases a word can start, by its first byte (in lower case):
** order[first[b] .. first[b + 1]), in file order; a phrase whose first
** word is a bare "*" is under every byte. cue_at reads those alone, not
** the file's hundred and more. */
static int first[257];
static int *order;

static int cue_kind(const char *kw, size_t kn) {
    for (int k = 0; k < N_CUES; k++)
        if (pat_is(kw, kn, cue_names[k])) return k;
    return -1;
}

static int is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' || c == '-' ||
           c >= 0x80;
}

/* Is the byte at T[i] (of N) part of a word? Letters, digits, apostrophes,
** hyphens and the bytes of non-ASCII letters; not a guillemet. */
static int word_byte_at(const char *t, size_t i, size_t n) {
    unsigned char c = (unsigned char)t[i];
    if (c == 0xC2 && i + 1 < n && ((unsigned char)t[i + 1] == 0xAB || (unsigned char)t[i + 1] == 0xBB)) return 0;
    if ((c == 0xAB || c == 0xBB) && i > 0 && (unsigned char)t[i - 1] == 0xC2) return 0;
    return is_word_byte(c);
}

/* Adds the phrase F[0..N) of KIND; 0 when it has no word or too many. */
static int add_phrase(int kind, const char *f, size_t n) {
    phrase *ph = &P[n_phrases];
    memset(ph, 0, sizeof *ph);
    ph->kind = kind;
    for (size_t i = 0; i < n;) {
        while (i < n && f[i] == ' ') i++;
        size_t j = i;
        while (j < n && f[j] != ' ') j++;
        if (j == i) break;
        if (ph->nw == PHRASE_WORDS) return 0;
        ph->w[ph->nw] = f + i;
        ph->wl[ph->nw] = j - i;
        if (f[j - 1] == '*') {
            ph->prefix[ph->nw] = 1;
            ph->wl[ph->nw]--;
        }
        ph->nw++;
        i = j;
    }
    if (!ph->nw) return 0;
    n_phrases++;
    return 1;
}

static unsigned char folded(char c) { return (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c); }

static int index_phrases(void) {
    int n_any = 0, count[256] = {0}, at[256];
    for (int k = 0; k < n_phrases; k++)
        if (P[k].wl[0]) count[(unsigned char)P[k].w[0][0]]++;
        else n_any++;
    for (int b = 0; b < 256; b++) first[b + 1] = first[b] + count[b] + n_any;
    if (!(order = malloc((first[256] ? (size_t)first[256] : 1) * sizeof *order))) return FL_ENOMEM;
    memcpy(at, first, sizeof at);
    for (int k = 0; k < n_phrases; k++)
        for (int b = 0; b < 256; b++)
            if (!P[k].wl[0] || (unsigned char)P[k].w[0][0] == b) order[at[b]++] = k;
    return FL_OK;
}

static int load(const char *datadir, char **errmsg) {
    buf_init(&file, BUF_NO_LIMIT);
    int rc = pat_read(datadir, "stance.txt", &file, errmsg);
    const char *p = file.data, *end = file.data + file.len, *line;
    size_t len;
    int lineno = 0;
    while (rc == FL_OK && pat_line(&p, end, &line, &len, &lineno)) {
        const char *q = line, *e = line + len, *kw, *f;
        size_t kn, fn;
        pat_field(&q, e, 0, &kw, &kn);
        int kind = cue_kind(kw, kn);
        if (kind < 0) rc = err_set(errmsg, FL_EPACK, "stance.txt:%d: unknown stance", lineno);
        while (rc == FL_OK && pat_field(&q, e, '|', &f, &fn))
            if (n_phrases == MAX_PHRASES || !add_phrase(kind, f, fn))
                rc = err_set(errmsg, FL_EPACK, "stance.txt:%d: empty or too long a phrase, or too many", lineno);
    }
    if (rc == FL_OK && index_phrases() != FL_OK) rc = err_set(errmsg, FL_ENOMEM, "stance.txt: out of memory");
    return rc;
}

static pat_once loader = PAT_ONCE_INIT(load, "stance.txt: cannot load");

static void load_once(void) { pat_once_run(&loader); }

int stance_init(const char *datadir, char **errmsg) { return pat_init(&loader, load_once, datadir, errmsg); }

const char *stance_name(int stance) {
    static const char *const names[] = {"asserted", "alleged", "denied", "disputed"};
    return stance >= 0 && stance < 4 ? names[stance] : "asserted";
}

/* ---- one sentence ------------------------------------------------------ */

typedef struct word {
    size_t s, e;
    int comma;       /* a comma (or a dash) between it and the word before */
    int quote;       /* a quotation mark between it and the word before */
} word;

typedef struct cue {
    int kind;
    int w0, w1;      /* its words [w0, w1) */
    const char *holder;
} cue;

typedef struct sentence {
    const char *text;
    size_t start, end;
    word w[MAX_WORDS];
    int nw;
    cue c[MAX_CUES];
    int nc;
} sentence;

static int word_is(const sentence *s, int i, const char *w, size_t wl, int prefix) {
    size_t n = s->w[i].e - s->w[i].s;
    if (prefix ? n < wl : n != wl) return 0;
    const char *t = s->text + s->w[i].s;
    for (size_t k = 0; k < wl; k++) {
        if (folded(t[k]) != (unsigned char)w[k]) return 0;
    }
    return 1;
}

/* The words of phrase PH at word I, or 0. */
static int phrase_at(const sentence *s, int i, const phrase *ph) {
    if (i + ph->nw > s->nw) return 0;
    for (int k = 0; k < ph->nw; k++) {
        if (k && s->w[i + k].comma) return 0;
        if (!word_is(s, i + k, ph->w[k], ph->wl[k], ph->prefix[k])) return 0;
    }
    return ph->nw;
}

/* The kind of the longest phrase at word I (CUE_PREP included), its words
** in *LEN; -1 when none. */
static int cue_at(const sentence *s, int i, int *len) {
    int best = -1;
    *len = 0;
    unsigned char c = folded(s->text[s->w[i].s]);
    for (int j = first[c]; j < first[c + 1]; j++) {
        int n = phrase_at(s, i, &P[order[j]]);
        if (n > *len) {
            *len = n;
            best = P[order[j]].kind;
        }
    }
    return best;
}

static void split_words(sentence *s) {
    s->nw = 0;
    int comma = 0, quote = 0;
    for (size_t i = s->start; i < s->end && s->nw < MAX_WORDS;) {
        unsigned char c = (unsigned char)s->text[i];
        /* U+2010..U+201F (dashes, curly quotation marks) separate words */
        if (c == 0xE2 && i + 2 < s->end && (unsigned char)s->text[i + 1] == 0x80 &&
            (unsigned char)s->text[i + 2] >= 0x90 && (unsigned char)s->text[i + 2] <= 0x9F) {
            if ((unsigned char)s->text[i + 2] <= 0x95) comma = 1;   /* a dash */
            else quote = 1;
            i += 3;
            continue;
        }
        if (!word_byte_at(s->text, i, s->end)) {
            if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')') comma = 1;
            /* '"', and guillemets (U+00AB, U+00BB: C2 AB, C2 BB) */
            if (c == '"' || (c == 0xC2 && i + 1 < s->end &&
                             ((unsigned char)s->text[i + 1] == 0xAB || (unsigned char)s->text[i + 1] == 0xBB)))
                quote = 1;
            i++;
            continue;
        }
        size_t j = i;
        while (j < s->end && word_byte_at(s->text, j, s->end) &&
               !((unsigned char)s->text[j] == 0xE2 && j + 2 < s->end && (unsigned char)s->text[j + 1] == 0x80 &&
                 (unsigned char)s->text[j + 2] >= 0x90 && (unsigned char)s->text[j + 2] <= 0x9F))
            j++;
        s->w[s->nw++] = (word){i, j, comma, quote};
        comma = quote = 0;
        i = j;
    }
}

/* The index of the first word that starts at or after POS (nw if none). */
static int word_at(const sentence *s, size_t pos) {
    int lo = 0, hi = s->nw;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (s->w[mid].s < pos) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* An actor can hold a stance; a place, a region or a framework cannot. */
static int is_actor(const char *id) {
    return strncmp(id, "country:", 8) == 0 || strncmp(id, "org:", 4) == 0 || strncmp(id, "group:", 6) == 0 ||
           strncmp(id, "person:", 7) == 0;
}

/* Is the word before word WI, in its clause, a one-word cue of KIND? An
** article between them is skipped ("chairman of the X"). */
static int after_word(const sentence *s, int wi, int kind) {
    int len;
    if (wi > 1 && !s->w[wi].comma && cue_at(s, wi - 1, &len) == CUE_DET && len == 1) wi--;
    return wi > 0 && !s->w[wi].comma && cue_at(s, wi - 1, &len) == kind && len == 1;
}

/* The actor named after cue C within AFTER_WORDS words and before a comma;
** with TAIL, only one that ends its clause (", said X." but not ", said X
** supplied Y"). */
static const char *holder_after(const sentence *s, const cue *c, const annot_mention *m, size_t nm, int tail) {
    size_t from = annot_mention_at(m, nm, s->w[c->w1 - 1].e);
    for (size_t k = from; k < nm && m[k].start < s->end; k++) {
        int wi = word_at(s, m[k].start);
        if (wi - c->w1 > AFTER_WORDS) break;
        int cut = 0;
        for (int i = c->w1 + 1; i <= wi && i < s->nw; i++) cut |= s->w[i].comma;
        if (cut) break;
        if (!is_actor(m[k].id)) continue;
        int next = word_at(s, m[k].end);
        return !tail || next >= s->nw || s->w[next].comma ? m[k].id : NULL;
    }
    return NULL;
}

/* The last actor named before cue C and after no preposition, or NULL. */
static const char *holder_before(const sentence *s, const cue *c, const annot_mention *m, size_t m0, size_t nm) {
    size_t cs = s->w[c->w0].s;
    const char *found = NULL;
    int quoted = 0;   /* the last word after a quotation mark, up to the cue: "... X ...," Y said */
    for (int i = 0; i <= c->w0; i++)
        if (s->w[i].quote) quoted = i;
    for (size_t k = m0; k < nm && m[k].end <= cs; k++) {
        int wi = word_at(s, m[k].start);
        if (wi >= quoted && is_actor(m[k].id) && !after_word(s, wi, CUE_PREP)) found = m[k].id;
    }
    return found;
}

/* The cues of sentence S and their holders. */
static void read_cues(sentence *s, const annot_mention *m, size_t nm) {
    s->nc = 0;
    size_t m0 = annot_mention_at(m, nm, s->start);
    for (int i = 0; i < s->nw && s->nc < MAX_CUES;) {
        int len, kind = cue_at(s, i, &len);
        char first = s->text[s->w[i].s];
        /* a capitalised word inside a sentence is a name ("United States"), no cue */
        if (i > 0 && first >= 'A' && first <= 'Z') kind = -1;
        if (kind < 0 || kind == CUE_PREP || kind == CUE_PASSIVE || kind == CUE_DET) {
            i++;
            continue;
        }
        cue *c = &s->c[s->nc++];
        *c = (cue){kind, i, i + len, NULL};
        int by = c->w1 < s->nw && !s->w[c->w1].comma && word_is(s, c->w1, "by", 2, 0);
        if (kind == CUE_SOURCE || by || s->w[i].comma)
            c->holder = holder_after(s, c, m, nm, kind != CUE_SOURCE && !by);
        /* "X is accused of": X is the accused, the accuser is named after "by" */
        if (!c->holder && kind != CUE_SOURCE && !after_word(s, i, CUE_PASSIVE)) {
            c->holder = holder_before(s, c, m, m0, nm);
            /* an actor holds one stance: "X denied claims that ..." */
            for (int k = 0; c->holder && k < s->nc - 1; k++)
                if (s->c[k].holder && strcmp(s->c[k].holder, c->holder) == 0) c->holder = NULL;
        }
        i += len;
    }
}

/* ---- relations --------------------------------------------------------- */

typedef struct list {
    annot_stance *a;
    size_t n, cap;
} list;

static int push(list *l, size_t first, size_t rel, const char *holder, int stance, size_t start, size_t end) {
    if (!holder && stance == STANCE_ASSERTED) return FL_OK;   /* "the report said": no one's */
    for (size_t k = first; k < l->n; k++)
        if (l->a[k].stance == stance &&
            (l->a[k].holder == holder || (l->a[k].holder && holder && strcmp(l->a[k].holder, holder) == 0)))
            return FL_OK;
    if (l->n - first >= MAX_STANCES) return FL_OK;
    if (l->n == l->cap && array_grow(&l->a, &l->cap, sizeof *l->a, 16) != FL_OK) return FL_ENOMEM;
    l->a[l->n++] = (annot_stance){rel, holder, stance, start, end};
    return FL_OK;
}

static int has_holder(const list *l, size_t first, const char *holder) {
    for (size_t k = first; k < l->n; k++)
        if (l->a[k].holder && strcmp(l->a[k].holder, holder) == 0) return 1;
    return 0;
}

static int has_stance(const list *l, size_t first, int stance) {
    for (size_t k = first; k < l->n; k++)
        if (l->a[k].stance == stance) return 1;
    return 0;
}

int stance_find(const char *text, size_t n, const annot_relation *rels, size_t n_rels,
                const annot_mention *mentions, size_t n_mentions, const annot_claim *claims,
                size_t n_claims, annot_stance **out, size_t *n_out, char **errmsg) {
    *out = NULL;
    *n_out = 0;
    int rc = stance_init(NULL, errmsg);
    if (rc != FL_OK) return rc;
    sentence *s = malloc(sizeof *s);
    if (!s) return err_set(errmsg, FL_ENOMEM, "out of memory");
    s->text = text;
    s->start = s->end = (size_t)-1;
    list l = {0};
    size_t ci = 0;
    for (size_t r = 0; rc == FL_OK && r < n_rels; r++) {
        const annot_relation *rel = &rels[r];
        if (rel->end > n || rel->start > rel->end) continue;
        if (rel->start != s->start || rel->end != s->end) {
            s->start = rel->start;
            s->end = rel->end;
            split_words(s);
            read_cues(s, mentions, n_mentions);
        }
        size_t first = l.n;
        for (int k = 0; rc == FL_OK && k < s->nc; k++)
            rc = push(&l, first, r, s->c[k].holder, cue_stance[s->c[k].kind], rel->start, rel->end);
        /* a quotation's speaker asserts what its sentence states */
        while (ci < n_claims && claims[ci].end <= rel->start) ci++;
        for (size_t k = ci; rc == FL_OK && k < n_claims && claims[k].start < rel->end; k++)
            if (claims[k].kind == CLAIM_QUOTE && claims[k].speaker && claims[k].end > rel->start &&
                !has_holder(&l, first, claims[k].speaker))
                rc = push(&l, first, r, claims[k].speaker, STANCE_ASSERTED, rel->start, rel->end);
        if (rc == FL_OK && rel->modality == MOD_ALLEGED && !has_stance(&l, first, STANCE_ALLEGED))
            rc = push(&l, first, r, NULL, STANCE_ALLEGED, rel->start, rel->end);
    }
    free(s);
    if (rc != FL_OK) {
        free(l.a);
        return err_set(errmsg, rc, "out of memory");
    }
    *out = l.a;
    *n_out = l.n;
    return FL_OK;
}
