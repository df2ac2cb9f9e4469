/*
** claim.c: the claim stage (see claim.h). It owns what makes a claim and
** who makes it, from the words around it, without a parse:
**   - quotations: quotation marks paired over the whole document (a
**     quotation may run over sentences, and over paragraphs when the next
**     one opens with a quotation mark), one quote claim per sentence
**     quoted; a quotation under four words is a term, not a claim;
**   - the speaker: a speech verb beside the quotation (before it in its
**     clause, or right after it) with a person as its subject ("X, the
**     chairman, said"; "said X"), a pronoun or "the <title>" for the last
**     named speaker, a colon ending the sentence before, or, for a
**     quotation that opens a sentence with no verb, the speaker of the
**     quotation just before;
**   - reported speech: "X said (that) ...", "..., X said.", "according to
**     X, ..." with X a person: a quote claim with X as speaker;
**   - else a sentence with a recommendation or an assessment cue outside
**     quotations, in the author's voice; the author is the speaker of a
**     document that names it ("Statement by X") and speaks in the first
**     person, and in such a document words of praise and challenge
**     ("a committed partner", "faces challenges") are assessments too.
** Cues live in data/patterns/claims.txt. Every step is one pass over the
** tokens or bounded by a small window, so time is linear on any input.
*/
#include "claim.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "err.h"
#include "lex.h"
#include "patfile.h"

#include "banned.h"

enum { CUE_SPEECH = 0, CUE_REPORT, CUE_SOURCE, CUE_PRONOUN, CUE_PREP, CUE_FIRST, CUE_REC, CUE_ASSESS, CUE_VOICED };

static const char *const cue_names[] = {"speech", "report", "source", "pronoun", "prep",
                                        "first", "recommendation", "assessment", "voiced"};

enum {
    TERM_WORDS = 4,       /* a quotation under this many words is a term */
    LEAD_WORDS = 6,       /* a quoted sentence under this many words leads into the next */
    NAME_WORDS = 8,       /* one under this many after an article is a name */
    SUBJECT_SPAN = 15,    /* tokens between a speaker and its verb at most */
    TRAIL_SUBJECT = 8,    /* tokens of the subject of "..., X said" at most */
    THAT_AFTER = 5,       /* words between a verb and its "that" at most */
    NP_SPAN = 9,          /* tokens of "the <title>" at most */
    AFTER_VERB = 10,      /* tokens after a quotation to look for its verb */
    TITLE_BACK = 4,       /* tokens before a person's name to look for a title */
    TITLE_AFTER = 12,     /* title tokens between "said" and a name at most */
    SOURCE_SPAN = 24,     /* tokens between "according to" and a name at most */
    TITLE_PEOPLE = 64     /* earlier person mentions tried for a title */
};

static lx_phrases C;
static lx_vocab V;         /* the words of C: tokens are classified once */

static int cue_kind(const char *kw, size_t kn) {
    for (int k = 0; k < (int)(sizeof cue_names / sizeof cue_names[0]); k++)
        if (pat_is(kw, kn, cue_names[k])) return k;
    return -1;
}

static int load(const char *datadir, char **errmsg) {
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    int rc = pat_read(datadir, "claims.txt", &b, errmsg);
    const char *p = b.data, *end = b.data + b.len, *line;
    size_t len;
    int lineno = 0;
    while (rc == FL_OK && pat_line(&p, end, &line, &len, &lineno)) {
        const char *q = line, *e = line + len, *kw;
        size_t kn;
        pat_field(&q, e, 0, &kw, &kn);
        int tag = cue_kind(kw, kn);
        rc = tag < 0 ? FL_EPACK : lx_phrases_add(&C, q, (size_t)(e - q), tag);
        if (rc) err_set(errmsg, rc, "claims.txt:%d: %s", lineno,
                        rc == FL_ENOMEM ? "out of memory" : "unknown kind");
    }
    buf_release(&b);
    if (rc == FL_OK) rc = lx_vocab_add_phrases(&V, &C);
    if (rc == FL_OK) rc = lx_vocab_build(&V);
    if (rc == FL_OK) rc = lx_phrases_index(&C, &V);
    if (rc == FL_ENOMEM) err_set(errmsg, rc, "claims.txt: out of memory");
    return rc;
}

static pat_once loader = PAT_ONCE_INIT(load, "claims.txt: cannot load");

static void load_once(void) { pat_once_run(&loader); }

int claim_init(const char *datadir, char **errmsg) { return pat_init(&loader, load_once, datadir, errmsg); }

const lx_vocab *claim_vocab(void) { return claim_init(NULL, NULL) == FL_OK ? &V : NULL; }

const char *claim_kind_name(int kind) {
    static const char *const names[] = {"recommendation", "assessment", "quote"};
    return kind >= 0 && kind < 3 ? names[kind] : "assessment";
}

int claim_kind_parse(const char *name) {
    for (int k = 0; k < 3; k++)
        if (strcmp(name, claim_kind_name(k)) == 0) return k;
    return -1;
}

#define NONE ((size_t)-1)

/* A quotation: its words are tokens [A, B); O and C are its marks (NONE
** when it has none: an orphan closing mark's quotation starts at its
** sentence, a paragraph's unclosed one ends with it). */
typedef struct quot {
    size_t a, b, o, c;
    size_t sent;          /* the sentence its first word is in */
    int short_one;        /* under TERM_WORDS words, ending its sentence */
} quot;

/* What one document's pass works on. */
typedef struct ctx {
    const char *text;
    const seg_result *seg;
    const lx_sents *ls;
    lx_tok *k;            /* every token of the document, classified in V */
    size_t nt;
    char *inq;            /* per token: 1 inside a claim quotation (marks too) */
    const annot_mention *m;   /* person mentions by start */
    size_t nm;
    const annot_mention *all; /* every mention by start */
    size_t nall;
    const char *speaker;  /* the last named speaker */
    size_t speaker_para;  /* the paragraph it spoke in */
    size_t speaker_sent;  /* the sentence it spoke in */
    size_t sent;          /* the sentence being read */
    annot_claim *c;
    size_t n, cap;
} ctx;

static int push(ctx *x, int kind, const char *speaker, size_t start, size_t end) {
    if (x->n == x->cap && array_grow(&x->c, &x->cap, sizeof *x->c, 16) != FL_OK) return FL_ENOMEM;
    x->c[x->n++] = (annot_claim){.kind = kind, .speaker = speaker, .start = start, .end = end, .n_about = 0};
    return FL_OK;
}

static int is_person(const char *id) { return id && strncmp(id, "person:", 7) == 0; }

static size_t n_sents(const ctx *x) { return x->ls->n_sents; }
static size_t first_tok(const ctx *x, size_t s) { return x->ls->first[s]; }
static size_t end_tok(const ctx *x, size_t s) { return x->ls->first[s + 1]; }
static size_t para_of(const ctx *x, size_t s) { return x->seg ? x->seg->sents[s].para : 0; }

static int is_punct(const lx_tok *t, int p) { return t->kind == LX_PUNCT && t->punct == p; }
static int is_word(const lx_tok *t) { return t->kind == LX_WORD || t->kind == LX_NUM; }

/* Tokens of a cue of kind WANT at token I, or 0. */
static size_t cue_at(const ctx *x, size_t i, size_t end, int want) {
    return lx_phrases_may(&C, &x->k[i]) ? lx_phrases_at(x->k, sizeof *x->k, end, i, &C, want, NULL) : 0;
}

/* A speech cue (speech, report or source) at token I, its kind in *KIND;
** a verb must be in lower case. */
static size_t speech_at(const ctx *x, size_t i, size_t end, int *kind) {
    if (x->inq[i] || !lx_phrases_may(&C, &x->k[i])) return 0;
    /* a capital makes a name of a verb ("the United States") */
    unsigned char c0 = (unsigned char)x->text[x->k[i].start];
    for (int want = c0 >= 'A' && c0 <= 'Z' ? CUE_SOURCE : CUE_SPEECH; want <= CUE_SOURCE; want++) {
        size_t n = lx_phrases_at(x->k, sizeof *x->k, end, i, &C, want, NULL);
        if (n) {
            *kind = want;
            return n;
        }
    }
    return 0;
}

/* The first token starting at or after byte POS (binary search). */
static size_t tok_at(const ctx *x, size_t pos) {
    size_t l = 0, h = x->nt;
    while (l < h) {
        size_t mid = l + (h - l) / 2;
        if (x->k[mid].start < pos) l = mid + 1;
        else h = mid;
    }
    return l;
}

/* The first person mention starting at or after byte POS. */
static size_t mention_at(const ctx *x, size_t pos) { return annot_mention_at(x->m, x->nm, pos); }

static int capitalised(const ctx *x, const lx_tok *w);

/* The person sentence S opens with, before byte POS: a person mention
** with only capitalised words and punctuation before it ("Later, General
** X visited ..."; not "The minister met X"), or NULL. */
static const char *opens_with(const ctx *x, size_t s, size_t pos) {
    size_t f = first_tok(x, s), e = end_tok(x, s);
    size_t j = f < e ? mention_at(x, x->k[f].start) : x->nm;
    if (j >= x->nm || x->m[j].start >= pos || x->m[j].start >= (e > f ? x->k[e - 1].end : 0)) return NULL;
    for (size_t t = f; t < e && x->k[t].start < x->m[j].start; t++)
        if (x->inq[t] || (x->k[t].kind != LX_PUNCT && !capitalised(x, &x->k[t]))) return NULL;
    return x->m[j].id;
}

/* The speaker a pronoun at byte POS names: a person who opens the
** pronoun's sentence or the one before, after the last named speaker
** spoke ("“...,” X said. Later, General Y visited the base. “...,” he
** said": Y); else the last named speaker, else the last person
** mentioned before POS. */
static const char *pronoun_speaker(const ctx *x, size_t pos) {
    if (x->speaker) {
        for (size_t s = x->sent, k = 0; k < 2 && s > x->speaker_sent; s--, k++) {
            const char *who = opens_with(x, s, pos);
            if (who) return who;
        }
        return x->speaker;
    }
    size_t j = mention_at(x, pos);
    return j ? x->m[j - 1].id : NULL;
}

static int same_word(const ctx *x, const lx_tok *a, const lx_tok *b) {
    size_t n = a->end - a->start;
    return a->kind == LX_WORD && b->end - b->start == n && strncasecmp(x->text + a->start, x->text + b->start, n) == 0;
}

/* The person "the <title>" names: the last person before byte POS whose
** name follows that title word ("Secretary General Jaap ..." for "the
** Secretary General") or whose apposition holds it ("X, commander of"),
** or NULL. HEAD is the title's main word. */
static const char *title_speaker(const ctx *x, size_t pos, const lx_tok *head) {
    size_t j = mention_at(x, pos), pos_tok = tok_at(x, pos);
    for (size_t tried = 0; j > 0 && tried < TITLE_PEOPLE; j--, tried++) {
        size_t t = tok_at(x, x->m[j - 1].start);
        size_t floor = j > 1 ? x->m[j - 2].end : 0;   /* a title stops at the name before */
        for (size_t b = 1; b <= TITLE_BACK && b <= t && x->k[t - b].start >= floor; b++)
            if (same_word(x, &x->k[t - b], head)) return x->m[j - 1].id;
        /* or in an apposition after it: "X, commander of ..." */
        size_t ceil = j < x->nm ? x->m[j].start : x->k[x->nt - 1].end;
        size_t e = tok_at(x, x->m[j - 1].end);
        for (size_t a = e; a < x->nt && a < e + TITLE_BACK && x->k[a].start < ceil && a < pos_tok; a++) {
            if (is_punct(&x->k[a], LXP_STOP)) break;
            if (same_word(x, &x->k[a], head)) return x->m[j - 1].id;
        }
    }
    return NULL;
}

/* Is byte POS inside a mention of an entity that is not a person (the
** "United States" of "the United States said")? */
static int in_entity(const ctx *x, size_t pos) {
    size_t l = 0, h = x->nall;
    while (l < h) {
        size_t mid = l + (h - l) / 2;
        if (x->all[mid].start <= pos) l = mid + 1;
        else h = mid;
    }
    return l > 0 && x->all[l - 1].end > pos && !is_person(x->all[l - 1].id);
}

static int capitalised(const ctx *x, const lx_tok *w) {
    unsigned char c = (unsigned char)x->text[w->start];
    return w->kind == LX_WORD && c >= 'A' && c <= 'Z';
}

/* Is token I preceded, within its name's capitalised title, by a
** preposition ("talks with President X"; the "of" of "Secretary of State
** X" is the title's)? */
static int after_prep(const ctx *x, size_t i, size_t lo) {
    for (size_t b = 0; b < TITLE_BACK && i > lo; b++) {
        const lx_tok *w = &x->k[--i];
        if (cue_at(x, i, x->nt, CUE_PREP)) return !(i > lo && capitalised(x, &x->k[i - 1]));
        if (!capitalised(x, w) && !is_punct(w, LXP_APOS) && !is_punct(w, LXP_STOP)) return 0;
    }
    return 0;
}

/* The person the next sentence opens with, after title words at most: a
** lede that names a speaker by a title ("..., said the commander of the
** command.") and the person in the sentence after ("Gen. X spoke ..."). */
static const char *named_next(const ctx *x) {
    size_t s = x->sent + 1;
    if (s >= n_sents(x)) return NULL;
    size_t f = first_tok(x, s), e = end_tok(x, s);
    size_t j = f < e ? mention_at(x, x->k[f].start) : x->nm;
    for (size_t t = f; t < e && t < f + TITLE_AFTER && j < x->nm; t++) {
        if (x->m[j].start <= x->k[t].start) return x->m[j].id;
        if (!capitalised(x, &x->k[t]) && !is_punct(&x->k[t], LXP_STOP)) break;
    }
    return NULL;
}

/* The speaker of a verb at token V whose subject is tokens [A, V): the
** first person there not after a preposition, else a pronoun or "the
** <title>" just before the verb (the last named speaker when no person
** bore the title: "the statement said"). *FOUND is set when the subject
** names a speaker at all; the id is NULL for a pronoun with no person
** before it. */
static const char *subject_speaker(const ctx *x, size_t a, size_t v, int *found) {
    *found = 0;
    if (a >= v) return NULL;
    /* the first person near the verb: only the last SUBJECT_SPAN tokens */
    size_t lo = x->k[v - a > SUBJECT_SPAN ? v - SUBJECT_SPAN : a].start, hi = x->k[v].start;
    for (size_t j = mention_at(x, lo); j < x->nm && x->m[j].end <= hi; j++) {
        size_t t = tok_at(x, x->m[j].start);
        if (after_prep(x, t, a)) continue;
        *found = 1;
        return x->m[j].id;
    }
    /* "X, who ... and ..., said": a person opening the clause, a comma
    ** after the name and right before the verb */
    if (v - a > SUBJECT_SPAN && is_punct(&x->k[v - 1], LXP_COMMA)) {
        size_t j = mention_at(x, x->k[a].start);
        size_t t = j < x->nm ? tok_at(x, x->m[j].start) : v;
        size_t e = j < x->nm ? tok_at(x, x->m[j].end) : v;
        int titles = 1;   /* capitalised title words before the name at most */
        for (size_t i = a; i < t && i < v && titles; i++) titles = capitalised(x, &x->k[i]) && t - a <= TITLE_BACK;
        if (t < v && titles && e + 1 < v && is_punct(&x->k[e], LXP_COMMA) && !after_prep(x, t, a)) {
            *found = 1;
            return x->m[j].id;
        }
    }
    /* a pronoun right before the verb, an adverb between at most */
    for (size_t i = v; i > a && v - i < 3; i--)
        if (cue_at(x, i - 1, v, CUE_PRONOUN) && !x->inq[i - 1]) {
            *found = 1;
            return pronoun_speaker(x, x->k[i - 1].start);
        }
    /* "the <title>" starting the clause or after its last comma */
    size_t s = v;
    while (s > a && !is_punct(&x->k[s - 1], LXP_COMMA) && !x->inq[s - 1] && v - s < NP_SPAN) s--;
    if (s < v && v - s >= 2 && lx_is(x->text, &x->k[s], "the") && is_word(&x->k[v - 1])) {
        const char *who = title_speaker(x, x->k[s].start, &x->k[v - 1]);
        /* "the statement said", "the top diplomat said": a common noun
        ** for the speaker who spoke last, in this paragraph or the one before */
        if (!who && !capitalised(x, &x->k[v - 1]) && x->speaker && para_of(x, x->sent) <= x->speaker_para + 1)
            who = x->speaker;
        if (!who && !capitalised(x, &x->k[v - 1])) who = named_next(x);
        *found = who != NULL;
        return who;
    }
    /* "The Secretary General praised ... and said": a title opening the
    ** clause, its last capitalised word the title's */
    if (lx_is(x->text, &x->k[a], "the") && a + 1 < v && capitalised(x, &x->k[a + 1]) &&
        !in_entity(x, x->k[a + 1].start)) {
        size_t h = a + 1;
        while (h + 1 < v && h < a + NP_SPAN && capitalised(x, &x->k[h + 1])) h++;
        const char *who = title_speaker(x, x->k[a].start, &x->k[h]);
        *found = who != NULL;
        return who;
    }
    return NULL;
}

/* The speaker named right after a verb ending at token I ("said X",
** "said U.S. Army Gen. X"): a person after capitalised title words only,
** or a pronoun. */
static const char *speaker_after(const ctx *x, size_t i, size_t end, int *found) {
    *found = 0;
    if (i >= end) return NULL;
    size_t j = mention_at(x, x->k[i].start);
    for (size_t t = i; t < end && t < i + TITLE_AFTER; t++) {
        if (j < x->nm && x->m[j].start <= x->k[t].start) {
            /* "reiterated President X's support": X owns the object */
            size_t e = tok_at(x, x->m[j].end);
            if (e < end && is_punct(&x->k[e], LXP_APOS)) return NULL;
            *found = 1;
            return x->m[j].id;
        }
        if (!capitalised(x, &x->k[t]) && !is_punct(&x->k[t], LXP_STOP)) break;
    }
    if (cue_at(x, i, end, CUE_PRONOUN)) {
        *found = 1;
        return pronoun_speaker(x, x->k[i].start);
    }
    if (lx_is(x->text, &x->k[i], "the")) {   /* "said the commander of ..." */
        size_t h = i + 1;
        while (h + 1 < end && h + 1 < i + NP_SPAN && is_word(&x->k[h + 1]) && !cue_at(x, h + 1, end, CUE_PREP)) h++;
        const char *who = h < end && is_word(&x->k[h]) ? title_speaker(x, x->k[i].start, &x->k[h]) : NULL;
        if (!who) who = named_next(x);
        *found = who != NULL;
        return who;
    }
    /* "said Mark Ellison" with no person mention: a name the entity stage
    ** does not know speaks, not the last speaker */
    if (i + 1 < end && capitalised(x, &x->k[i]) && capitalised(x, &x->k[i + 1]) && !in_entity(x, x->k[i].start) &&
        !in_entity(x, x->k[i + 1].start))
        *found = 1;
    return NULL;
}

/* The person an attribution names after it, up to its comma and within
** SOURCE_SPAN tokens: "according to U.N. envoy and mission head X, ...". */
static const char *source_speaker(const ctx *x, size_t i, size_t end, int *found) {
    size_t j = mention_at(x, i < end ? x->k[i].start : 0);
    for (size_t lim = i + SOURCE_SPAN; i < end && i < lim && !is_punct(&x->k[i], LXP_COMMA) && !x->inq[i]; i++)
        if (j < x->nm && x->m[j].start <= x->k[i].start) {
            *found = 1;
            return x->m[j].id;
        }
    *found = 0;
    return NULL;
}

/* The speaker of a speech verb found in tokens [A, B) outside quotations,
** the last one; its subject is before it from A, or after it. */
static const char *frame_before(const ctx *x, size_t a, size_t b, int *found) {
    *found = 0;
    size_t verb = NONE, vn = 0;
    int kind;
    for (size_t i = a; i < b; i++) {
        int k;
        size_t n = speech_at(x, i, b, &k);
        if (n) verb = i, vn = n, kind = k;
    }
    if (verb == NONE) return NULL;
    if (kind == CUE_SOURCE) return source_speaker(x, verb + vn, b, found);
    const char *who = subject_speaker(x, a, verb, found);
    if (!*found) who = speaker_after(x, verb + vn, b, found);
    return who;
}

/* The speaker of a verb right after a quotation closed at token C, in
** tokens (C, END): ", X said", ", said X", ", he added". */
static const char *frame_after(const ctx *x, size_t c, size_t end, int *found) {
    *found = 0;
    size_t i = c + 1, lim = c + 1 + AFTER_VERB;
    if (i < end && is_punct(&x->k[i], LXP_COMMA)) i++;
    int kind;
    for (size_t j = i; j < end && j < lim; j++) {
        if (x->k[j].kind == LX_PUNCT && x->k[j].punct != LXP_COMMA && x->k[j].punct != LXP_APOS &&
            x->k[j].punct != LXP_HYPHEN)
            return NULL;
        size_t n = speech_at(x, j, end, &kind);
        if (!n) continue;
        const char *who = subject_speaker(x, i, j, found);
        if (!*found) who = speaker_after(x, j + n, end, found);
        return who;
    }
    return NULL;
}

static void heard(ctx *x, const char *who, size_t sent) {
    if (!who) return;
    x->speaker = who;
    x->speaker_para = para_of(x, sent);
    x->speaker_sent = sent;
}

/* The sentence holding token I, searching from sentence S on. */
static size_t sent_of(const ctx *x, size_t i, size_t s) {
    while (s + 1 < n_sents(x) && end_tok(x, s) <= i) s++;
    return s;
}

static int has_words(const ctx *x, size_t a, size_t b, size_t n);

/* One quote claim per sentence of quotation Q, with speaker WHO; a
** sentence under LEAD_WORDS words followed by another of the quotation
** leads into it and is one claim with it ("I want to be clear. The aim
** is ..."). */
static int push_quote(ctx *x, const quot *q, const char *who) {
    int rc = FL_OK;
    size_t from = NONE;   /* the start of a lead-in sentence held */
    for (size_t s = q->sent; rc == FL_OK && s < n_sents(x) && first_tok(x, s) < q->b; s++) {
        size_t a = first_tok(x, s) > q->a ? first_tok(x, s) : q->a;
        size_t b = end_tok(x, s) < q->b ? end_tok(x, s) : q->b;
        size_t words = 0;
        for (size_t i = a; i < b; i++) words += is_word(&x->k[i]);
        if (!words) continue;
        int more = b < q->b && s + 1 < n_sents(x) && has_words(x, b, q->b, TERM_WORDS);
        if (words < LEAD_WORDS && more && from == NONE) {
            from = a;
            continue;
        }
        rc = push(x, CLAIM_QUOTE, who, x->k[from == NONE ? a : from].start, x->k[b - 1].end);
        from = NONE;
    }
    return rc;
}

/* The person who signs with sentence S, a line of its own (after a line
** break) that opens with the person's name (after a dash at most) and has
** no closing stop and no quotation of its own ("X, High Representative
** for ..."; not "X said: “...”"); else NULL. */
static const char *signature_line(const ctx *x, size_t s) {
    if (s == 0 || s >= n_sents(x) ||
        !memchr(x->text + x->seg->sents[s - 1].end, '\n', x->seg->sents[s].start - x->seg->sents[s - 1].end))
        return NULL;
    size_t f = first_tok(x, s), e = end_tok(x, s);
    if (f < e && is_punct(&x->k[f], LXP_DASH)) f++;
    size_t j = f < e ? mention_at(x, x->k[f].start) : x->nm;
    if (j >= x->nm || x->m[j].start != x->k[f].start || is_punct(&x->k[e - 1], LXP_STOP)) return NULL;
    for (size_t i = f; i < e; i++)
        if (is_punct(&x->k[i], LXP_OQUOTE) || is_punct(&x->k[i], LXP_CQUOTE)) return NULL;
    return x->m[j].id;
}

/* A quotation closed at token C (in sentence FROM or after) that ends
** its line, signed by the next line (signature_line). */
static const char *signature(const ctx *x, size_t c, size_t from, int *found) {
    size_t s = sent_of(x, c, from);
    const char *who = c + 1 >= end_tok(x, s) - (is_punct(&x->k[end_tok(x, s) - 1], LXP_STOP) ? 1 : 0)
                          ? signature_line(x, s + 1) : NULL;
    *found = who != NULL;
    return who;
}

/* "“...” – X": a person after a dash right after the quotation closed
** at token C (its stop between at most), capitalised title words before
** the name at most. */
static const char *dash_speaker(const ctx *x, size_t c, int *found) {
    size_t i = c + 1;
    *found = 0;
    if (i < x->nt && is_punct(&x->k[i], LXP_STOP)) i++;
    if (i + 1 >= x->nt || !is_punct(&x->k[i], LXP_DASH) || x->inq[i + 1]) return NULL;
    size_t j = mention_at(x, x->k[i + 1].start);
    for (size_t t = i + 1; t < x->nt && t < i + 1 + TITLE_BACK && j < x->nm; t++) {
        if (x->m[j].start <= x->k[t].start) {
            *found = 1;
            return x->m[j].id;
        }
        if (!capitalised(x, &x->k[t]) && !is_punct(&x->k[t], LXP_STOP)) break;
    }
    return NULL;
}

/* "X: “...”": a person whose name, after capitalised title words at most,
** is all of tokens [A, O) but a colon before the opening mark O. */
static const char *colon_speaker(const ctx *x, size_t a, size_t o, int *found) {
    *found = 0;
    if (o < a + 2 || !is_punct(&x->k[o - 1], LXP_COLON)) return NULL;
    size_t j = mention_at(x, x->k[a].start);
    if (j >= x->nm || x->m[j].end != x->k[o - 2].end) return NULL;
    for (size_t t = a; x->k[t].start < x->m[j].start; t++)
        if (!capitalised(x, &x->k[t]) && !is_punct(&x->k[t], LXP_STOP)) return NULL;
    *found = 1;
    return x->m[j].id;
}

/* The speaker of quotation Q (PREV: the end of the quotation before it in
** its sentence, or the sentence's start): the verb before it in its
** clause, the verb right after it, a sentence before ending in a colon,
** else the last speaker when Q opens its sentence in the speaker's
** paragraph or the next. *FOUND as subject_speaker's. */
static const char *quote_speaker(ctx *x, const quot *q, size_t prev, const char *before, int *found) {
    size_t s = q->sent, start = q->o == NONE ? q->a : q->o;
    const char *who = frame_before(x, prev, start, found);
    if (!*found && q->c != NONE) {
        size_t cs = sent_of(x, q->c, s);
        who = frame_after(x, q->c, end_tok(x, cs), found);
    }
    if (!*found && q->c != NONE)
        who = signature(x, q->c, s, found);
    if (!*found && q->c != NONE)
        who = dash_speaker(x, q->c, found);
    if (!*found && q->o != NONE)
        who = colon_speaker(x, prev, q->o, found);
    if (!*found && before) {   /* “A” and “B”: the speaker of A */
        *found = 1;
        who = before;
    }
    if (q->short_one) {   /* a word or two is only quoted from a named speaker beside it */
        *found = who != NULL;
        return who;
    }
    if (!*found && start == first_tok(x, s) && s > 0 && end_tok(x, s - 1) > first_tok(x, s - 1) &&
        is_punct(&x->k[end_tok(x, s - 1) - 1], LXP_COLON))
        who = frame_before(x, first_tok(x, s - 1), end_tok(x, s - 1), found);
    if (!*found && start == first_tok(x, s) && x->speaker && para_of(x, s) <= x->speaker_para + 1) {
        *found = 1;
        who = x->speaker;
    }
    return who;
}

/* Words of tokens [A, B). */
static size_t words_in(const ctx *x, size_t a, size_t b) {
    size_t n = 0;
    for (size_t i = a; i < b; i++) n += is_word(&x->k[i]);
    return n;
}

/* Are there N words in tokens [A, B)? Reads no further than the Nth. */
static int has_words(const ctx *x, size_t a, size_t b, size_t n) {
    for (size_t i = a; i < b && n; i++) n -= is_word(&x->k[i]);
    return n == 0;
}

typedef struct quots {
    quot *q;
    size_t n, cap;
} quots;

/* Does the quotation closed at token C end its sentence, ending at token
** END (only punctuation after it)? */
static int ends_sentence(const ctx *x, size_t c, size_t end) {
    for (size_t i = c + 1; i < end; i++)
        if (x->k[i].kind != LX_PUNCT) return 0;
    return 1;
}

static int is_article(const ctx *x, const lx_tok *t) {
    return lx_is(x->text, t, "a") || lx_is(x->text, t, "an") || lx_is(x->text, t, "the");
}

/* A quotation under NAME_WORDS words after an article names a thing ("a
** “significant criminal organization”"), as one under TERM_WORDS words
** that opens with a lower-case article does ("“the plan,”"). Any other one under
** TERM_WORDS words is a term, unless it ends its sentence ("calling the
** plan “absurd.”") or ends with a comma or a stop of its own ("“It
** failed,” he said"): then it is kept as SHORT. */
static int add_quot(ctx *x, quots *qs, size_t a, size_t b, size_t o, size_t c, size_t s, size_t end) {
    size_t words = words_in(x, a, b);
    if (words < NAME_WORDS && o != NONE && o > 0 && is_article(x, &x->k[o - 1])) return FL_OK;
    int short_one = words < TERM_WORDS;
    if (short_one && a < b && is_article(x, &x->k[a]) && !capitalised(x, &x->k[a]))
        return FL_OK;   /* he called it “the 3D,” */
    int spoken = b > a && (is_punct(&x->k[b - 1], LXP_COMMA) || is_punct(&x->k[b - 1], LXP_STOP));
    if (short_one && (c == NONE || !(spoken || ends_sentence(x, c, end)))) return FL_OK;
    if (qs->n == qs->cap && array_grow(&qs->q, &qs->cap, sizeof *qs->q, 16) != FL_OK) return FL_ENOMEM;
    qs->q[qs->n++] = (quot){a, b, o, c, s, short_one};
    return FL_OK;
}

/* Pairs the quotation marks of the document: outermost pairs, a
** paragraph's unclosed quotation ends with it when the next paragraph
** opens with a mark (else it is dropped), an orphan closing mark after
** punctuation quotes its sentence up to it. */
static int pair_quotes(ctx *x, quots *qs) {
    int depth = 0, rc = FL_OK;
    size_t open = 0, open_s = 0;
    for (size_t s = 0; rc == FL_OK && s < n_sents(x); s++) {
        size_t f = first_tok(x, s), e = end_tok(x, s);
        if (depth > 0 && s > 0 && para_of(x, s) != para_of(x, s - 1)) {
            if (f < e && is_punct(&x->k[f], LXP_OQUOTE))
                rc = add_quot(x, qs, open + 1, f, open, NONE, open_s, f);
            depth = 0;
        }
        int closed_here = 0;
        for (size_t i = f; rc == FL_OK && i < e; i++) {
            if (x->k[i].kind != LX_PUNCT) continue;
            if (x->k[i].punct == LXP_OQUOTE) {
                if (depth++ == 0) open = i, open_s = sent_of(x, i + 1 < e ? i + 1 : i, s);
            } else if (x->k[i].punct == LXP_CQUOTE) {
                if (depth > 0 && --depth == 0) {
                    rc = add_quot(x, qs, open + 1, i, open, i, open_s, e);
                    closed_here = 1;
                } else if (depth == 0 && !closed_here && i > f &&
                           (is_punct(&x->k[i - 1], LXP_COMMA) || is_punct(&x->k[i - 1], LXP_STOP))) {
                    rc = add_quot(x, qs, f, i, NONE, i, s, e);
                    closed_here = 1;
                }
            }
        }
    }
    return rc;
}

/* Does the clause end at token I (before END): a stop, a comma or the
** end, a preposition or a word of time ("in Rome", "on Monday", "today")? */
static int closes(const ctx *x, size_t i, size_t end) {
    static const char *const after[] = {"in", "today", "yesterday", "last", "earlier", "later", "after",
                                        "during", "before", "when", "while", "as", "this"};
    if (i >= end || is_punct(&x->k[i], LXP_STOP) || is_punct(&x->k[i], LXP_COMMA) || cue_at(x, i, end, CUE_PREP))
        return 1;
    for (size_t w = 0; w < sizeof after / sizeof after[0]; w++)
        if (lx_is(x->text, &x->k[i], after[w])) return 1;
    return 0;
}

/* Reported speech in sentence S with no quotation: "X said (that) ...",
** "..., X said", "according to X, ...". Returns the speaker's claim
** pushed, or 0 (nothing pushed). */
static int reported(ctx *x, size_t s, int *pushed) {
    size_t f = first_tok(x, s), e = end_tok(x, s);
    int kind, found;
    *pushed = 0;
    for (size_t v = f; v < e; v++) {
        size_t n = speech_at(x, v, e, &kind);
        if (!n) continue;
        const char *who = NULL;
        size_t a = f, b = e;   /* the words reported */
        if (kind == CUE_SOURCE) {
            who = source_speaker(x, v + n, e, &found);
            size_t comma = v + n;   /* "According to X, ...": the words after X */
            while (who && v == f && comma < e && !is_punct(&x->k[comma], LXP_COMMA)) comma++;
            if (who && v == f && comma + 1 < e) a = comma + 1;
        } else {
            /* leading: a clause after the verb, after "that" when it comes
            ** within a few words ("said on Monday that") */
            size_t c = v + n;
            for (size_t t = c; t < e && t < c + THAT_AFTER && !is_punct(&x->k[t], LXP_COMMA); t++)
                if (lx_is(x->text, &x->k[t], "that")) {
                    c = t;
                    break;
                }
            int that = c < e && lx_is(x->text, &x->k[c], "that");
            /* "..., the ministry said on Monday.": after a comma, a verb
            ** followed by a preposition and no "that" closes the sentence
            ** (trailing): what it reported comes before */
            int closing = 0;
            for (size_t t = f; t < v && !closing; t++) closing = is_punct(&x->k[t], LXP_COMMA);
            closing = closing && !that && v + n < e && cue_at(x, v + n, e, CUE_PREP);
            if ((kind == CUE_SPEECH && !closing) || that) {
                who = subject_speaker(x, f, v, &found);
                a = c + that;
                if (who && !has_words(x, a, e, TERM_WORDS)) who = NULL;
            }
            /* trailing: "..., X said" */
            if (!who) {
                size_t comma = v;
                while (comma > f && v - comma < TRAIL_SUBJECT && !is_punct(&x->k[comma - 1], LXP_COMMA)) comma--;
                if (comma > f && is_punct(&x->k[comma - 1], LXP_COMMA) && has_words(x, f, comma, TERM_WORDS)) {
                    who = subject_speaker(x, comma, v, &found);
                    /* a verb that takes an object closes the sentence only
                    ** before a stop or a preposition, its speaker before it
                    ** ("..., the minister announced on Monday"; not "...,
                    ** some critics called the plan weak") */
                    if (kind == CUE_REPORT && !closes(x, v + n, e)) who = NULL, found = 0;
                    else if (!found && kind != CUE_REPORT) who = speaker_after(x, v + n, e, &found);
                    a = f, b = comma - 1;
                }
            }
        }
        if (who) {
            heard(x, who, s);
            *pushed = 1;
            return push(x, CLAIM_QUOTE, who, x->k[a].start, x->k[b - 1].end);
        }
    }
    return FL_OK;
}

/* The first recommendation or assessment cue of sentence S outside
** quotations: CLAIM_RECOMMENDATION, CLAIM_ASSESSMENT, or -1. VOICED: the
** document is its author's own statement or speech, where the words of
** praise and challenge of `voiced` lines are the speaker's judgement (in
** a report they mostly describe). */
static int cue_kind_of(const ctx *x, size_t s, int voiced) {
    size_t f = first_tok(x, s), e = end_tok(x, s);
    int found = -1;
    for (size_t i = f; i < e; i++) {
        if (x->inq[i]) continue;
        if (cue_at(x, i, e, CUE_REC)) return CLAIM_RECOMMENDATION;
        if (found < 0 && (cue_at(x, i, e, CUE_ASSESS) || (voiced && cue_at(x, i, e, CUE_VOICED))))
            found = CLAIM_ASSESSMENT;
    }
    return found;
}

/* A headline: a paragraph of one sentence with no closing stop. */
static int headline(const ctx *x, size_t s) {
    size_t f = first_tok(x, s), e = end_tok(x, s);
    if (e == f) return 1;
    int alone = (s == 0 || para_of(x, s - 1) != para_of(x, s)) &&
                (s + 1 == n_sents(x) || para_of(x, s + 1) != para_of(x, s));
    const lx_tok *last = &x->k[e - 1];
    return alone && !is_punct(last, LXP_STOP) && !is_punct(last, LXP_CQUOTE);
}

/* The author of a speech or statement: the person who signs its last
** line (signature_line), or a person named after "by" in the document's
** first sentence when the text outside quotations speaks in the first
** person singular. */
static const char *author(const ctx *x) {
    if (!n_sents(x)) return NULL;
    const char *signer = signature_line(x, n_sents(x) - 1);
    if (signer) return signer;
    const char *who = NULL;
    size_t f = first_tok(x, 0), e = end_tok(x, 0);
    for (size_t i = f; i < e && !who; i++)
        if (lx_is(x->text, &x->k[i], "by") || lx_is(x->text, &x->k[i], "of")) {
            /* "Remarks by X", "Statement of Minister X", "Speech by H.E.
            ** Ambassador X": capitalised title words between at most */
            size_t j = mention_at(x, x->k[i].end);
            if (j >= x->nm || x->m[j].end > x->k[e - 1].end) continue;
            size_t t = i + 1;
            while (t < e && t <= i + TITLE_AFTER && x->k[t].start < x->m[j].start &&
                   (capitalised(x, &x->k[t]) || is_punct(&x->k[t], LXP_STOP) || is_punct(&x->k[t], LXP_HYPHEN)))
                t++;
            if (t < e && x->k[t].start == x->m[j].start) who = x->m[j].id;
        }
    if (!who) return NULL;
    for (size_t i = e; i < x->nt; i++)
        if (!x->inq[i] && cue_at(x, i, x->nt, CUE_FIRST)) return who;
    return NULL;
}

static int by_start(const void *p, const void *q) {
    const annot_claim *a = p, *b = q;
    return a->start < b->start ? -1 : a->start > b->start;
}

static int cmp_mention(const void *p, const void *q) {
    const annot_mention *a = p, *b = q;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* What claim C is about: the entities mentioned inside its span, its
** speaker aside, each once, the first CLAIM_ABOUT_MAX. */
static void about(const ctx *x, annot_claim *c) {
    size_t l = 0, h = x->nall;
    while (l < h) {
        size_t mid = l + (h - l) / 2;
        if (x->all[mid].start < c->start) l = mid + 1;
        else h = mid;
    }
    for (; l < x->nall && x->all[l].start < c->end && c->n_about < CLAIM_ABOUT_MAX; l++) {
        const char *id = x->all[l].id;
        int seen = x->all[l].end > c->end || (c->speaker && strcmp(id, c->speaker) == 0);
        for (size_t k = 0; k < c->n_about && !seen; k++) seen = strcmp(c->about[k], id) == 0;
        if (!seen) c->about[c->n_about++] = id;
    }
}

/* The claims of the document in X (tokens classified, mentions sorted). */
static int run(ctx *x) {
    quots qs = {0};
    int rc = pair_quotes(x, &qs);
    for (size_t i = 0; rc == FL_OK && i < qs.n; i++)
        memset(x->inq + (qs.q[i].o == NONE ? qs.q[i].a : qs.q[i].o), 1,
               (qs.q[i].c == NONE ? qs.q[i].b : qs.q[i].c + 1) - (qs.q[i].o == NONE ? qs.q[i].a : qs.q[i].o));
    const char *by = rc == FL_OK ? author(x) : NULL;
    size_t qi = 0, covered = 0;   /* sentences before COVERED hold a quotation */
    for (size_t s = 0; rc == FL_OK && s < n_sents(x); s++) {
        x->sent = s;
        size_t prev = first_tok(x, s);
        int quoted = s < covered;
        const char *before = NULL;   /* the speaker of the last quotation in S */
        for (; rc == FL_OK && qi < qs.n && qs.q[qi].sent == s; qi++) {
            const quot *q = &qs.q[qi];
            int found;
            const char *who = quote_speaker(x, q, prev, before, &found);
            if (found) {
                heard(x, who, s);
                before = who;
                rc = push_quote(x, q, who);
            }
            prev = q->c == NONE ? q->b : q->c + 1;
            size_t last = sent_of(x, prev ? prev - 1 : 0, s);
            if (last + 1 > covered) covered = last + 1;
            quoted = 1;
        }
        if (rc || quoted || headline(x, s)) continue;
        int pushed;
        rc = reported(x, s, &pushed);
        if (rc || pushed) continue;
        int kind = cue_kind_of(x, s, by != NULL);
        if (kind >= 0)
            rc = push(x, kind, by, x->k[first_tok(x, s)].start, x->k[end_tok(x, s) - 1].end);
    }
    free(qs.q);
    if (rc == FL_OK && x->n) qsort(x->c, x->n, sizeof *x->c, by_start);
    for (size_t i = 0; rc == FL_OK && i < x->n; i++) about(x, &x->c[i]);
    return rc;
}

int claim_extract_sents(const char *text, size_t n, const seg_result *seg, const lx_sents *ls,
                        const annot_mention *mentions, size_t n_mentions,
                        annot_claim **out, size_t *n_out, char **errmsg) {
    *out = NULL;
    *n_out = 0;
    int rc = claim_init(NULL, errmsg);
    if (rc) return rc;
    for (size_t s = 0; seg && s < seg->n_sents; s++)
        if (seg->sents[s].start > seg->sents[s].end || seg->sents[s].end > n)
            return err_set(errmsg, FL_EINVAL, "sentence %zu out of the text", s);
    ctx x = {.text = text, .seg = seg, .ls = ls, .nt = ls->first[ls->n_sents]};
    annot_mention *m = n_mentions ? malloc(2 * n_mentions * sizeof *m) : NULL;
    x.k = x.nt ? malloc(x.nt * sizeof *x.k) : NULL;
    x.inq = x.nt ? calloc(x.nt, 1) : NULL;
    if ((n_mentions && !m) || (x.nt && (!x.k || !x.inq))) rc = FL_ENOMEM;
    if (rc == FL_OK) {
        annot_mention *all = m ? m + n_mentions : NULL;   /* the second half of M */
        for (size_t i = 0; i < n_mentions; i++)
            if (mentions[i].end <= n) {
                all[x.nall++] = mentions[i];
                if (is_person(mentions[i].id)) m[x.nm++] = mentions[i];
            }
        if (x.nm) qsort(m, x.nm, sizeof *m, cmp_mention);
        if (x.nall) qsort(all, x.nall, sizeof *all, cmp_mention);
        x.m = m;
        x.all = all;
        if (x.nt) memcpy(x.k, ls->t, x.nt * sizeof *x.k);
        for (size_t s = 0; x.nt && s < ls->n_sents; s++)
            lx_sents_class(ls, &V, text, x.k + ls->first[s], ls->first[s + 1] - ls->first[s]);
        rc = run(&x);
    }
    free(x.k);
    free(x.inq);
    free(m);
    if (rc) {
        free(x.c);
        return err_set(errmsg, FL_ENOMEM, "claims: out of memory");
    }
    *out = x.c;
    *n_out = x.n;
    return FL_OK;
}

int claim_extract(const char *text, size_t n, const seg_result *seg,
                  const annot_mention *mentions, size_t n_mentions,
                  annot_claim **out, size_t *n_out, char **errmsg) {
    lx_sents ls;
    *out = NULL;
    *n_out = 0;
    if (lx_sents_lex(&ls, text, n, seg, NULL)) return err_set(errmsg, FL_ENOMEM, "claims: out of memory");
    int rc = claim_extract_sents(text, n, seg, &ls, mentions, n_mentions, out, n_out, errmsg);
    lx_sents_release(&ls);
    return rc;
}
