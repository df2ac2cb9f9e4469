/*
** parse.c: the syntactic stage's entry points (see parse.h): a sentence
** tokenized (parse_tok.c), tagged and lemmatized (parse_tag.c), then
** parsed greedily with the arc-eager transitions (parse_dep.c), scored by
** the model's perceptrons (parse_model.c), each state scoring only the
** feature groups whose tokens changed (struct memo); and fl_parse_doc, the stage on
** a whole document for `flank parse`. Sentences longer than
** PARSE_MAX_TOKENS are parsed in pieces, so time stays linear.
*/
#include <stdlib.h>
#include <string.h>

#include "parse_int.h"
#include "err.h"
#include "json_text.h"
#include "segment.h"
#include "banned.h"

static const char *const upos_names[UPOS_COUNT] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
};

const char *parse_upos_name(int upos) {
    return upos > 0 && upos < UPOS_COUNT ? upos_names[upos] : upos_names[0];
}

int parse_upos_of(const char *name, size_t n) {
    for (int i = 1; i < UPOS_COUNT; i++)
        if (strlen(upos_names[i]) == n && memcmp(upos_names[i], name, n) == 0) return i;
    return UPOS_NONE;
}

void parse_sent_init(parse_sent *s) {
    memset(s, 0, sizeof *s);
    buf_init(&s->scratch, BUF_NO_LIMIT);
}

void parse_sent_release(parse_sent *s) {
    free(s->tok);
    free(s->work);
    buf_release(&s->scratch);
    memset(s, 0, sizeof *s);
}

int parse_sent_reserve(parse_sent *s, size_t n) {
    while (s->cap < n)
        if (array_grow(&s->tok, &s->cap, sizeof *s->tok, 64) != FL_OK) return FL_ENOMEM;
    return FL_OK;
}

/* The working state for N tokens: their features, the lemmas' offsets,
** one parser state over a piece and the memo of its group scores (see
** struct memo), laid out in S->work. */
typedef struct work {
    ptok *t;
    size_t *lemma_off;
    int *dep;
    int *memo_key;
    int32_t *memo_sum;
} work;

/* The memo of a piece of N tokens: a sum of STRIDE scores per group
** (but PAIR) and token (the root too), and the key it was made for. */
static size_t memo_slots(size_t n) { return (DEP_GROUPS - 1) * (n + 1); }

static int get_work(parse_sent *s, size_t n, size_t stride, work *w) {
    size_t piece = n < PARSE_MAX_TOKENS ? n : PARSE_MAX_TOKENS;
    size_t slots = memo_slots(piece);
    size_t need = slots * stride * sizeof(int32_t) + n * sizeof(ptok) + n * sizeof(size_t) +
                  (dep_state_ints(piece) + slots) * sizeof(int) + 16;
    if (need > s->work_size) {
        void *p = realloc(s->work, need);
        if (!p) return FL_ENOMEM;
        s->work = p;
        s->work_size = need;
    }
    w->memo_sum = s->work;
    w->t = (ptok *)(void *)(w->memo_sum + slots * stride);
    w->lemma_off = (size_t *)(void *)(w->t + n);
    w->dep = (int *)(void *)(w->lemma_off + n);
    w->memo_key = w->dep + dep_state_ints(piece);
    return FL_OK;
}

/* Tags T[0..n) left to right. A word the treebank gives one tag only,
** written without a capital (most tokens of a text: "the", "of",
** punctuation), takes it without being scored; with a capital it may be
** part of a name ("Ansar Dine", not the verb) and is scored. On the test
** file the tagger's choice differs from the shortcut's on no such token. */
static void tag(const parse_model *m, ptok *t, size_t n, parse_tok *tok) {
    uint64_t f[TAG_MAX_FEATS];
    int32_t score[PM_STRIDE(UPOS_COUNT)];
    for (size_t i = 0; i < n; i++) {
        if (t[i].amb && (t[i].amb & (t[i].amb - 1)) == 0 && !(t[i].flags & PT_UPPER)) {
            t[i].tag = tok[i].upos = __builtin_ctz(t[i].amb);
            continue;
        }
        memset(score, 0, sizeof score);
        pm_score(&m->tagger, f, tag_features(t, n, i, f), score);
        int best = UPOS_NOUN;
        for (int c = 1; c < UPOS_COUNT; c++)
            if (score[c] > score[best]) best = c;
        t[i].tag = best;
        tok[i].upos = best;
    }
}

/* What a parse keeps of the scores it made: those of the buffer's front
** (dep_features_buffer) for the front FRONT (-1: none yet), shared by the
** states with the same front; and per group of the stack's features but
** PAIR (see dep_group_features) and per token, their sum and the key it
** was made for (-1: none), so a state scores again only the groups whose
** tokens changed. Integer sums: the order they are added in changes no
** score, so no parse. */
typedef struct memo {
    int front;
    int32_t front_score[PM_STRIDE(DEP_MAX_ACTIONS)];
    size_t n, stride;
    int *key;
    int32_t *sum;
} memo;

typedef int32_t v16si __attribute__((vector_size(64)));

/* A state's features, the front's and the stack's, fit in one batch. */
_Static_assert(DEP_MAX_FEATS <= PM_MAX_FEATS, "a state's features exceed a batch");

/* SCORE[0..stride) += ADD[0..stride), 16 at a time (stride is a multiple of 16). */
static void add_scores(int32_t *score, const int32_t *add, size_t stride) {
    for (size_t c = 0; c < stride; c += 16) {
        v16si a, b;
        memcpy(&a, score + c, sizeof a);
        memcpy(&b, add + c, sizeof b);
        a += b;
        memcpy(score + c, &a, sizeof a);
    }
}

/* The best legal action of the state (-1 when none: done). The features
** to score (the front's when it changed, each group's unless the memo
** has it) are scored in one batch, so that their misses overlap: into the
** memo, or for the groups kept nowhere, into DIRECT. */
static int best_action(const parse_model *m, const dep_state *st, const ptok *t, memo *mo) {
    uint64_t v[DEP_MAX_VALUES], f[PM_MAX_FEATS];
    int32_t score[PM_STRIDE(DEP_MAX_ACTIONS)], direct[PM_STRIDE(DEP_MAX_ACTIONS)];
    pm_list list[DEP_GROUPS + 1];
    const int32_t *kept[DEP_GROUPS];
    size_t stride = m->parser.stride, nl = 0, nk = 0, nf = 0;
    if (mo->front != (int)st->b) {
        memset(mo->front_score, 0, stride * sizeof *score);
        list[nl++] = (pm_list){f, dep_features_buffer(st, t, f), mo->front_score};
        nf = list[0].nf;
        mo->front = (int)st->b;
    }
    memset(direct, 0, stride * sizeof *direct);
    dep_values(st, t, v);
    int s0 = st->depth ? st->stack[st->depth - 1] : -1, n0 = st->b <= st->n ? (int)st->b : -1;
    int token[DEP_GROUPS] = {-1, s0, s0, n0};
    int key[DEP_GROUPS] = {0, 0, s0 < 0 ? 0 : st->nr[s0], n0 < 0 ? 0 : st->nl[n0]};
    for (int g = 0; g < DEP_GROUPS; g++) {
        int32_t *dest = direct;
        if (token[g] >= 0) {
            size_t slot = (size_t)(g - 1) * (mo->n + 1) + (size_t)token[g];
            kept[nk++] = dest = mo->sum + slot * stride;
            if (mo->key[slot] == key[g]) continue;
            memset(dest, 0, stride * sizeof *dest);
            mo->key[slot] = key[g];
        }
        list[nl++] = (pm_list){f + nf, dep_group_features(v, g, f + nf), dest};
        nf += list[nl - 1].nf;
    }
    pm_score_lists(&m->parser, list, nl);
    memcpy(score, mo->front_score, stride * sizeof *score);
    for (size_t i = 0; i < nk; i++) add_scores(score, kept[i], stride);
    add_scores(score, direct, stride);
    int legal[DEP_FIRST_ARC + 4];   /* shift, reduce, left and right by the root, by others */
    for (int a = 0; a < DEP_FIRST_ARC + 4; a++) legal[a] = dep_legal(st, a);
    int best = -1;
    for (int a = 0; a < (int)m->parser.n_classes; a++) {
        if (!legal[a < DEP_FIRST_ARC + 2 ? a : DEP_FIRST_ARC + 2 + ((a - DEP_FIRST_ARC) & 1)]) continue;
        if (best < 0 || score[a] > score[best]) best = a;
    }
    return best;
}

/* Parses tokens [a, b) of S: heads and labels, the piece's own root. */
static void parse_piece(const parse_model *m, work *w, parse_sent *s, size_t a, size_t b) {
    dep_state st;
    dep_state_init(&st, b - a, w->dep);
    const ptok *t = w->t + a;
    memo mo = {.front = -1, .n = b - a, .stride = m->parser.stride, .key = w->memo_key, .sum = w->memo_sum};
    memset(mo.key, 0xff, memo_slots(b - a) * sizeof *mo.key);
    for (int a; !dep_done(&st) && (a = best_action(m, &st, t, &mo)) >= 0;) dep_apply(&st, a);
    dep_finish(&st, t, m->punct_label, m->other_label);
    for (size_t i = 0; i < b - a; i++) {
        parse_tok *k = &s->tok[a + i];
        k->head = st.head[i] < 0 ? -1 : (int)a + st.head[i];
        k->deprel = m->labels[st.label[i] < 0 ? 0 : st.label[i]];
    }
}

/* Where the piece of a long sentence that starts at A ends: after its
** PARSE_MAX_TOKENS tokens, or after the last punctuation mark of its last
** quarter (a list or a table row is cut between its items). */
static size_t piece_end(const parse_sent *s, size_t a) {
    size_t b = a + PARSE_MAX_TOKENS;
    if (b >= s->n) return s->n;
    for (size_t k = b; k > a + PARSE_MAX_TOKENS * 3 / 4; k--)
        if (s->tok[k - 1].upos == UPOS_PUNCT) return k;
    return b;
}

int parse_tokens(const parse_model *m, const char *text, parse_sent *s, char **errmsg) {
    size_t n = s->n;
    work w;
    if (get_work(s, n, m->parser.stride, &w) != FL_OK) return err_set(errmsg, FL_ENOMEM, "parse: out of memory");
    pt_fill(text, s->tok, n, w.t);
    for (size_t i = 0; i < n; i++) w.t[i].amb = tag_ambiguity(m, w.t[i].word);
    tag(m, w.t, n, s->tok);
    buf_reset(&s->scratch);
    for (size_t i = 0; i < n; i++) {
        w.lemma_off[i] = s->scratch.len;
        lem_lemma(m, text + s->tok[i].start, s->tok[i].end - s->tok[i].start, s->tok[i].upos, &s->scratch);
        buf_putc(&s->scratch, '\0');
    }
    if (s->scratch.rc != FL_OK) return err_set(errmsg, FL_ENOMEM, "parse: out of memory");
    for (size_t i = 0; i < n; i++) s->tok[i].lemma = s->scratch.data + w.lemma_off[i];
    s->truncated = n > PARSE_MAX_TOKENS;
    for (size_t a = 0, b; a < n; a = b) {
        b = piece_end(s, a);
        parse_piece(m, &w, s, a, b);
    }
    return FL_OK;
}

int parse_sentence(const parse_model *m, const char *text, size_t start, size_t end,
                   parse_sent *s, char **errmsg) {
    s->n = 0;
    s->truncated = 0;
    if (parse_tokenize(text, start, end, s) != FL_OK) return err_set(errmsg, FL_ENOMEM, "parse: out of memory");
    return parse_tokens(m, text, s, errmsg);
}

/* ---- output ------------------------------------------------------------------ */

void parse_json_write(const char *text, size_t start, size_t end, const parse_sent *s,
                      struct json_writer *w) {
    jw_object(w);
    jw_key(w, "start", 5);
    jw_int(w, (int64_t)start);
    jw_key(w, "end", 3);
    jw_int(w, (int64_t)end);
    jw_key(w, "text", 4);
    jw_string(w, text + start, end - start);
    jw_key(w, "truncated", 9);
    jw_literal(w, s->truncated ? "true" : "false");
    jw_key(w, "tokens", 6);
    jw_array(w);
    for (size_t i = 0; i < s->n; i++) {
        const parse_tok *t = &s->tok[i];
        jw_object(w);
        jw_key(w, "id", 2);
        jw_int(w, (int64_t)i + 1);
        jw_key(w, "form", 4);
        jw_string(w, text + t->start, t->end - t->start);
        jw_key(w, "start", 5);
        jw_int(w, (int64_t)t->start);
        jw_key(w, "end", 3);
        jw_int(w, (int64_t)t->end);
        jw_key(w, "upos", 4);
        jw_string(w, parse_upos_name(t->upos), strlen(parse_upos_name(t->upos)));
        jw_key(w, "lemma", 5);
        jw_string(w, t->lemma ? t->lemma : "_", strlen(t->lemma ? t->lemma : "_"));
        jw_key(w, "head", 4);
        jw_int(w, t->head + 1);
        jw_key(w, "deprel", 6);
        jw_string(w, t->deprel ? t->deprel : "_", strlen(t->deprel ? t->deprel : "_"));
        jw_end(w);
    }
    jw_end(w);
    jw_end(w);
}

int fl_parse_doc(const fl_doc *doc, int json, char **out, char **errmsg) {
    *out = NULL;
    const parse_model *m;
    int rc = parse_default(&m, errmsg);
    if (rc != FL_OK) return rc;
    size_t len;
    const char *text = fl_doc_text(doc, &len);
    seg_result seg;
    rc = seg_split(text, len, &seg, errmsg);
    if (rc != FL_OK) return rc;
    buf o;
    buf_init(&o, BUF_NO_LIMIT);
    json_writer w;
    char path[4096];
    if (json) {
        jw_init(&w, &o, JSON_INDENT(2));
        jw_object(&w);
        jw_key(&w, "model", 5);
        parse_default_path(path, sizeof path);
        jw_string(&w, path, strlen(path));
        jw_key(&w, "sentences", 9);
        jw_array(&w);
    }
    parse_sent s;
    parse_sent_init(&s);
    for (size_t i = 0; i < seg.n_sents && rc == FL_OK; i++) {
        size_t a = seg.sents[i].start, b = seg.sents[i].end;
        rc = parse_sentence(m, text, a, b, &s, errmsg);
        if (rc != FL_OK) break;
        if (json) {
            parse_json_write(text, a, b, &s, &w);
        } else {
            buf_printf(&o, "# sent_id = %zu\n", i + 1);
            parse_conllu_write(text, &s, &o);
        }
    }
    if (json) {
        jw_end(&w);
        jw_end(&w);
        buf_putc(&o, '\n');
    }
    parse_sent_release(&s);
    seg_release(&seg);
    if (rc == FL_OK && o.rc != FL_OK) rc = err_set(errmsg, o.rc, "parse: %s", fl_strerror(o.rc));
    if (rc != FL_OK) {
        buf_release(&o);
        return rc;
    }
    *out = buf_detach(&o, NULL);
    if (!*out) *out = calloc(1, 1);
    return *out ? FL_OK : err_set(errmsg, FL_ENOMEM, "parse: out of memory");
}
