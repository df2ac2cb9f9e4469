/*
** parse_tag.c: what the tagger reads of tokens (see parse_int.h): the
** per-token features (word, suffixes, shape, flags), the tagger's feature
** templates, and the lemmatizer (exceptions learned from the treebank,
** then suffix rules, then the form itself).
*/
#include <string.h>

#include "parse_int.h"
#include "hash.h"
#include "banned.h"

/* The hash of P[0..n) lower-cased (ASCII), digits folded to 0 when DIGITS. */
static uint64_t hash_folded(const char *p, size_t n, int digits) {
    uint64_t h = FNV1A_START;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c | 0x20);
        else if (digits && c >= '0' && c <= '9') c = '0';
        h = fnv1a_step(h, c);
    }
    return h;
}

/* The start of the last K characters (UTF-8) of P[0..n). */
static size_t last_chars(const char *p, size_t n, int k) {
    size_t i = n;
    while (i > 0 && k > 0) {
        i--;
        if (((unsigned char)p[i] & 0xC0) != 0x80) k--;
    }
    return i;
}

static char shape_class(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return 'X';
    if (c >= 'a' && c <= 'z') return 'x';
    if (c >= '0' && c <= '9') return 'd';
    if (c >= 0x80) return 'u';
    return (char)c;
}

static void fill_one(const char *p, size_t n, ptok *t) {
    t->word = hash_folded(p, n, 1);
    t->form = fnv1a(p, n);
    for (int k = 0; k < 4; k++) {
        size_t s = last_chars(p, n, k + 1);
        t->suf[k] = hash_folded(p + s, n - s, 0) + (uint64_t)k;
    }
    size_t first = 0;
    for (int k = 0; k < 3; k++) {
        if (first < n) first++;
        while (first < n && ((unsigned char)p[first] & 0xC0) == 0x80) first++;
        t->pre[k] = hash_folded(p, first, 0) + 7 + (uint64_t)k;
    }
    uint64_t h = FNV1A_START;
    char prev = 0;
    int run = 0, upper = 0, lower = 0;
    t->flags = 0;
    t->amb = 0;
    for (size_t i = 0; i < n; i++) {
        char c = shape_class((unsigned char)p[i]);
        if (c == 'X') upper++;
        if (c == 'x') lower++;
        if (c == 'd') t->flags |= PT_DIGIT;
        if (c == '-') t->flags |= PT_HYPHEN;
        run = c == prev ? run + 1 : 0;
        prev = c;
        if (run < 2) h = fnv1a_step(h, (unsigned char)c);
    }
    t->shape = h;
    if (n && shape_class((unsigned char)p[0]) == 'X') t->flags |= PT_UPPER;
    if (upper > 1 && lower == 0) t->flags |= PT_ALLCAPS;
    t->tag = UPOS_NONE;
}

void pt_fill(const char *text, const parse_tok *tok, size_t n, ptok *t) {
    for (size_t i = 0; i < n; i++) {
        fill_one(text + tok[i].start, tok[i].end - tok[i].start, &t[i]);
        if (i == 0) t[i].flags |= PT_FIRST;
    }
}

/* Values of a position outside the sentence. */
#define NO_WORD UINT64_C(0x5bd1e995)
#define NO_TAG (UPOS_COUNT + 1)

size_t tag_features(const ptok *t, size_t n, size_t i, uint64_t *f) {
    const ptok *w = &t[i];
    uint64_t p1 = i >= 1 ? t[i - 1].word : NO_WORD, p2 = i >= 2 ? t[i - 2].word : NO_WORD;
    uint64_t n1 = i + 1 < n ? t[i + 1].word : NO_WORD, n2 = i + 2 < n ? t[i + 2].word : NO_WORD;
    uint64_t tp1 = i >= 1 ? (uint64_t)t[i - 1].tag : NO_TAG, tp2 = i >= 2 ? (uint64_t)t[i - 2].tag : NO_TAG;
    uint64_t sp1 = i >= 1 ? t[i - 1].suf[2] : NO_WORD, sn1 = i + 1 < n ? t[i + 1].suf[2] : NO_WORD;
    uint64_t hp1 = i >= 1 ? t[i - 1].shape : NO_WORD, hn1 = i + 1 < n ? t[i + 1].shape : NO_WORD;
    uint64_t fn1 = i + 1 < n ? t[i + 1].flags : 99, sn2 = i + 2 < n ? t[i + 2].suf[2] : NO_WORD;
    uint64_t s1n1 = i + 1 < n ? t[i + 1].suf[0] : NO_WORD;
    uint64_t an1 = i + 1 < n ? t[i + 1].amb : 1u << 31, an2 = i + 2 < n ? t[i + 2].amb : 1u << 31;
    size_t k = 0;
    f[k++] = pk_key(1, 0, 0, 0);
    f[k++] = pk_key(2, w->word, 0, 0);
    f[k++] = pk_key(3, w->suf[0], 0, 0);
    f[k++] = pk_key(4, w->suf[1], 0, 0);
    f[k++] = pk_key(5, w->suf[2], 0, 0);
    f[k++] = pk_key(6, w->pre[0], 0, 0);
    f[k++] = pk_key(7, w->shape, 0, 0);
    f[k++] = pk_key(8, w->flags, 0, 0);
    f[k++] = pk_key(9, tp1, 0, 0);
    f[k++] = pk_key(10, tp2, 0, 0);
    f[k++] = pk_key(11, tp1, tp2, 0);
    f[k++] = pk_key(12, tp1, w->word, 0);
    f[k++] = pk_key(13, p1, 0, 0);
    f[k++] = pk_key(14, sp1, 0, 0);
    f[k++] = pk_key(15, p2, 0, 0);
    f[k++] = pk_key(16, n1, 0, 0);
    f[k++] = pk_key(17, sn1, 0, 0);
    f[k++] = pk_key(18, n2, 0, 0);
    f[k++] = pk_key(19, w->form, 0, 0);
    f[k++] = pk_key(20, w->word, n1, 0);
    f[k++] = pk_key(21, p1, w->word, 0);
    f[k++] = pk_key(22, hn1, 0, 0);
    f[k++] = pk_key(23, hp1, 0, 0);
    f[k++] = pk_key(24, tp1, w->suf[2], 0);
    f[k++] = pk_key(25, w->word, w->flags, 0);
    f[k++] = pk_key(26, fn1, w->flags, 0);
    f[k++] = pk_key(27, tp1, n1, 0);
    f[k++] = pk_key(28, w->suf[1], w->flags, 0);
    f[k++] = pk_key(29, w->suf[3], 0, 0);
    f[k++] = pk_key(30, w->pre[1], 0, 0);
    f[k++] = pk_key(31, w->pre[2], 0, 0);
    f[k++] = pk_key(32, p1, n1, 0);
    f[k++] = pk_key(33, n1, n2, 0);
    f[k++] = pk_key(34, tp1, w->shape, 0);
    f[k++] = pk_key(35, sn2, 0, 0);
    f[k++] = pk_key(36, w->suf[2], sn1, 0);
    f[k++] = pk_key(37, tp1, tp2, w->word);
    f[k++] = pk_key(38, w->word, s1n1, 0);
    f[k++] = pk_key(39, tp1, w->suf[3], 0);
    /* ambiguity classes: the tags the treebank gives these words */
    f[k++] = pk_key(40, w->amb, 0, 0);
    f[k++] = pk_key(41, w->amb, tp1, 0);
    f[k++] = pk_key(42, an1, 0, 0);
    f[k++] = pk_key(43, w->amb, an1, 0);
    f[k++] = pk_key(44, an2, 0, 0);
    return k;
}

/* ---- lemmas ------------------------------------------------------------ */

uint64_t lem_key(int upos, const char *p, size_t n) {
    uint64_t h = fnv1a_step(FNV1A_START, (unsigned char)upos);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c | 0x20);
        h = fnv1a_step(h, c);
    }
    return h ? h : 1;
}

static const lem_exc *find_exc(const parse_model *m, uint64_t key) {
    if (!m->exc_slots) return NULL;
    for (size_t i = key & (m->exc_slots - 1);; i = (i + 1) & (m->exc_slots - 1)) {
        if (m->exc[i].key == key) return &m->exc[i];
        if (m->exc[i].key == 0) return NULL;
    }
}

static const lem_rule *find_rule(const parse_model *m, uint64_t key) {
    if (!m->rule_slots) return NULL;
    for (size_t i = key & (m->rule_slots - 1);; i = (i + 1) & (m->rule_slots - 1)) {
        if (m->rules[i].key == key) return &m->rules[i];
        if (m->rules[i].key == 0) return NULL;
    }
}

static void put_lower(buf *out, const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        buf_putc(out, c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c);
    }
}

#define LEM_MAX_SUFFIX 6

void lem_lemma(const parse_model *m, const char *p, size_t n, int upos, buf *out) {
    const lem_exc *e = find_exc(m, lem_key(upos, p, n));
    if (e) {
        buf_append(out, m->strings + e->lemma, e->len);
        return;
    }
    int keep_case = upos == UPOS_PROPN;
    for (size_t k = n < LEM_MAX_SUFFIX ? n : LEM_MAX_SUFFIX; k > 0; k--) {
        const lem_rule *r = find_rule(m, lem_key(upos, p + n - k, k));
        if (r && r->cut <= n) {
            if (keep_case) buf_append(out, p, n - r->cut);
            else put_lower(out, p, n - r->cut);
            buf_append(out, m->strings + r->add, r->add_len);
            return;
        }
    }
    if (keep_case) buf_append(out, p, n);
    else put_lower(out, p, n);
}
