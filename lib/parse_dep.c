/*
** parse_dep.c: the parser's transition system (see parse_int.h): the
** arc-eager state, its legal actions, the feature templates of Zhang and
** Nivre (2011) read from the state, and the dynamic oracle of Goldberg and
** Nivre (2012) the trainer asks what each action would cost. Label 0 is
** the root's: only arcs from the root token, after the last, carry it.
*/
#include <string.h>

#include "parse_int.h"
#include "banned.h"

/* The root is a token after the last (index N): arcs to it are the
** sentence's roots (Ballesteros and Nivre 2013, "root at the end"). */
size_t dep_state_ints(size_t n) { return 13 * (n + 1) + 1; }

void dep_state_init(dep_state *s, size_t n, int *scratch) {
    size_t m = n + 1;
    s->n = n;
    s->lset = (uint64_t *)(void *)scratch;
    s->rset = s->lset + m;
    int *p = scratch + 4 * m;
    s->stack = p, p += m + 1;
    s->head = p, p += m;
    s->label = p, p += m;
    s->lc[0] = p, p += m;
    s->lc[1] = p, p += m;
    s->rc[0] = p, p += m;
    s->rc[1] = p, p += m;
    s->nl = p, p += m;
    s->nr = p;
    memset(s->lset, 0, 2 * m * sizeof *s->lset);
    memset(s->head, 0xff, 6 * m * sizeof(int));   /* head .. rc[1] = -1 */
    memset(s->nl, 0, 2 * m * sizeof(int));
    s->depth = 0;
    s->b = 0;
}

int dep_done(const dep_state *s) { return s->b >= s->n && s->depth == 0; }

int dep_legal(const dep_state *s, int a) {
    int s0 = s->depth ? s->stack[s->depth - 1] : -1;
    if (a == DEP_SHIFT) return s->b < s->n;
    if (a == DEP_REDUCE) return s0 >= 0 && s->head[s0] >= 0;
    if (s0 < 0) return 0;
    int root = a < DEP_FIRST_ARC + 2, at_root = s->b >= s->n;
    if ((a - DEP_FIRST_ARC) & 1) return !root && !at_root;   /* right */
    return s->head[s0] < 0 && root == at_root;                /* left: root label only to the root */
}

static void add_arc(dep_state *s, int h, int d, int l) {
    s->head[d] = h;
    s->label[d] = l;
    if (d < h) {
        s->lc[1][h] = s->lc[0][h];
        s->lc[0][h] = d;
        s->nl[h]++;
        s->lset[h] |= UINT64_C(1) << l;
    } else {
        s->rc[1][h] = s->rc[0][h];
        s->rc[0][h] = d;
        s->nr[h]++;
        s->rset[h] |= UINT64_C(1) << l;
    }
}

void dep_apply(dep_state *s, int a) {
    int s0 = s->depth ? s->stack[s->depth - 1] : -1, b = (int)s->b;
    if (a == DEP_SHIFT) {
        s->stack[s->depth++] = b;
        s->b++;
    } else if (a == DEP_REDUCE) {
        s->depth--;
    } else if (((a - DEP_FIRST_ARC) & 1) == 0) {
        add_arc(s, b, s0, (a - DEP_FIRST_ARC) / 2);
        s->depth--;
    } else {
        add_arc(s, s0, b, (a - DEP_FIRST_ARC) / 2);
        s->stack[s->depth++] = b;
        s->b++;
    }
}

/* ---- features ------------------------------------------------------------ */

#define NO_WORD UINT64_C(0x7f4a7c15)
#define NO_TAG (UPOS_COUNT + 2)
#define NO_LABEL DEP_MAX_LABELS

#define ROOT_WORD UINT64_C(0x1b873593)
#define ROOT_TAG (UPOS_COUNT + 3)
#define W(i) ((i) < 0 ? NO_WORD : (size_t)(i) == s->n ? ROOT_WORD : t[i].word)
#define P(i) ((i) < 0 ? NO_TAG : (size_t)(i) == s->n ? ROOT_TAG : (uint64_t)t[i].tag)
#define SUF(i) ((i) < 0 ? NO_WORD : (size_t)(i) == s->n ? ROOT_WORD : t[i].suf[2])
#define L(i) ((i) >= 0 && s->label[i] >= 0 ? (uint64_t)s->label[i] : NO_LABEL)
#define AT(arr, i) ((i) >= 0 ? (arr)[i] : -1)

size_t dep_features_buffer(const dep_state *s, const ptok *t, uint64_t *f) {
    int n0 = s->b <= s->n ? (int)s->b : -1;
    int n1 = s->b + 1 <= s->n ? (int)s->b + 1 : -1;
    int n2 = s->b + 2 <= s->n ? (int)s->b + 2 : -1;
    uint64_t n0w = W(n0), n0p = P(n0), n1w = W(n1), n1p = P(n1), n2w = W(n2), n2p = P(n2);
    uint64_t n0wp = n0w * 31 + n0p, n1wp = n1w * 31 + n1p, n2wp = n2w * 31 + n2p;
    size_t k = 0;
    f[k++] = pk_key(103, n0wp, 0, 0);
    f[k++] = pk_key(104, n0w, 0, 0);
    f[k++] = pk_key(105, n0p, 0, 0);
    f[k++] = pk_key(106, n1wp, 0, 0);
    f[k++] = pk_key(107, n1w, 0, 0);
    f[k++] = pk_key(108, n1p, 0, 0);
    f[k++] = pk_key(109, n2wp, 0, 0);
    f[k++] = pk_key(110, n2w, 0, 0);
    f[k++] = pk_key(111, n2p, 0, 0);
    f[k++] = pk_key(127, n0p, n1p, 0);
    f[k++] = pk_key(130, n0p, n1p, n2p);
    f[k++] = pk_key(221, SUF(n0), n0p, 0);
    f[k++] = pk_key(223, n0w, n1w, 0);
    return k;
}

size_t dep_features_stack(const dep_state *s, const ptok *t, uint64_t *f) {
    int s0 = s->depth ? s->stack[s->depth - 1] : -1;
    int s1 = s->depth > 1 ? s->stack[s->depth - 2] : -1;
    int n0 = s->b <= s->n ? (int)s->b : -1;
    int s0h = AT(s->head, s0), s0h2 = AT(s->head, s0h);
    int s0l = AT(s->lc[0], s0), s0l2 = AT(s->lc[1], s0);
    int s0r = AT(s->rc[0], s0), s0r2 = AT(s->rc[1], s0);
    int n0l = AT(s->lc[0], n0), n0l2 = AT(s->lc[1], n0);
    uint64_t s0w = W(s0), s0p = P(s0), n0w = W(n0), n0p = P(n0);
    uint64_t n1p = P(s->b + 1 <= s->n ? (int)s->b + 1 : -1);
    uint64_t s0wp = s0w * 31 + s0p, n0wp = n0w * 31 + n0p;
    uint64_t d = 0;
    if (s0 >= 0 && n0 >= 0) {
        d = (uint64_t)(n0 - s0);
        d = d < 5 ? d : d < 10 ? 5 : 6;
    }
    uint64_t vl0 = s0 >= 0 ? (uint64_t)s->nl[s0] : 99, vr0 = s0 >= 0 ? (uint64_t)s->nr[s0] : 99;
    uint64_t vln = n0 >= 0 ? (uint64_t)s->nl[n0] : 99;
    uint64_t sl0 = s0 >= 0 ? s->lset[s0] : 1, sr0 = s0 >= 0 ? s->rset[s0] : 1;
    uint64_t sln = n0 >= 0 ? s->lset[n0] : 1;
    size_t k = 0;
    /* single words of the stack */
    f[k++] = pk_key(100, s0wp, 0, 0);
    f[k++] = pk_key(101, s0w, 0, 0);
    f[k++] = pk_key(102, s0p, 0, 0);
    /* pairs */
    f[k++] = pk_key(120, s0wp, n0wp, 0);
    f[k++] = pk_key(121, s0wp, n0w, 0);
    f[k++] = pk_key(122, s0w, n0wp, 0);
    f[k++] = pk_key(123, s0wp, n0p, 0);
    f[k++] = pk_key(124, s0p, n0wp, 0);
    f[k++] = pk_key(125, s0w, n0w, 0);
    f[k++] = pk_key(126, s0p, n0p, 0);
    /* three words */
    f[k++] = pk_key(131, s0p, n0p, n1p);
    f[k++] = pk_key(132, P(s0h), s0p, n0p);
    f[k++] = pk_key(133, s0p, P(s0l), n0p);
    f[k++] = pk_key(134, s0p, P(s0r), n0p);
    f[k++] = pk_key(135, s0p, n0p, P(n0l));
    /* distance */
    f[k++] = pk_key(140, s0w, d, 0);
    f[k++] = pk_key(141, s0p, d, 0);
    f[k++] = pk_key(142, n0w, d, 0);
    f[k++] = pk_key(143, n0p, d, 0);
    f[k++] = pk_key(144, s0w, n0w, d);
    f[k++] = pk_key(145, s0p, n0p, d);
    /* valency */
    f[k++] = pk_key(150, s0w, vr0, 0);
    f[k++] = pk_key(151, s0p, vr0, 0);
    f[k++] = pk_key(152, s0w, vl0, 0);
    f[k++] = pk_key(153, s0p, vl0, 0);
    f[k++] = pk_key(154, n0w, vln, 0);
    f[k++] = pk_key(155, n0p, vln, 0);
    /* unigrams of heads and children */
    f[k++] = pk_key(160, W(s0h), 0, 0);
    f[k++] = pk_key(161, P(s0h), 0, 0);
    f[k++] = pk_key(162, L(s0), 0, 0);
    f[k++] = pk_key(163, W(s0l), 0, 0);
    f[k++] = pk_key(164, P(s0l), 0, 0);
    f[k++] = pk_key(165, L(s0l), 0, 0);
    f[k++] = pk_key(166, W(s0r), 0, 0);
    f[k++] = pk_key(167, P(s0r), 0, 0);
    f[k++] = pk_key(168, L(s0r), 0, 0);
    f[k++] = pk_key(169, W(n0l), 0, 0);
    f[k++] = pk_key(170, P(n0l), 0, 0);
    f[k++] = pk_key(171, L(n0l), 0, 0);
    /* third order */
    f[k++] = pk_key(180, W(s0h2), 0, 0);
    f[k++] = pk_key(181, P(s0h2), 0, 0);
    f[k++] = pk_key(182, L(s0h), 0, 0);
    f[k++] = pk_key(183, W(s0l2), 0, 0);
    f[k++] = pk_key(184, P(s0l2), 0, 0);
    f[k++] = pk_key(185, L(s0l2), 0, 0);
    f[k++] = pk_key(186, W(s0r2), 0, 0);
    f[k++] = pk_key(187, P(s0r2), 0, 0);
    f[k++] = pk_key(188, L(s0r2), 0, 0);
    f[k++] = pk_key(189, W(n0l2), 0, 0);
    f[k++] = pk_key(190, P(n0l2), 0, 0);
    f[k++] = pk_key(191, L(n0l2), 0, 0);
    f[k++] = pk_key(192, s0p, P(s0l), P(s0l2));
    f[k++] = pk_key(193, s0p, P(s0r), P(s0r2));
    f[k++] = pk_key(194, s0p, P(s0h), P(s0h2));
    f[k++] = pk_key(195, n0p, P(n0l), P(n0l2));
    /* label sets */
    f[k++] = pk_key(200, s0w, sr0, 0);
    f[k++] = pk_key(201, s0p, sr0, 0);
    f[k++] = pk_key(202, s0w, sl0, 0);
    f[k++] = pk_key(203, s0p, sl0, 0);
    f[k++] = pk_key(204, n0w, sln, 0);
    f[k++] = pk_key(205, n0p, sln, 0);
    /* the second word of the stack, and whether S0 has a head */
    f[k++] = pk_key(210, P(s1), s0p, n0p);
    f[k++] = pk_key(211, W(s1), s0p, 0);
    f[k++] = pk_key(212, s0h >= 0, s0p, n0p);
    /* suffixes, for the words the treebank does not have */
    f[k++] = pk_key(220, SUF(s0), s0p, 0);
    f[k++] = pk_key(222, SUF(s0), SUF(n0), 0);
    f[k++] = pk_key(224, s0w, n0p, n1p);
    return k;
}

size_t dep_features(const dep_state *s, const ptok *t, uint64_t *f) {
    size_t k = dep_features_buffer(s, t, f);
    return k + dep_features_stack(s, t, f + k);
}

/* ---- the dynamic oracle --------------------------------------------------- */

static int in_stack(const dep_state *s, int k) {
    for (size_t i = 0; i < s->depth; i++)
        if (s->stack[i] == k) return 1;
    return 0;
}

/* Gold arcs between K and the stack's tokens (K's head there, or its
** headless children there) that an action makes unreachable. */
static int lost_to_stack(const dep_state *s, int k, int except, const int *ghead) {
    int c = 0;
    for (size_t i = 0; i < s->depth; i++) {
        int j = s->stack[i];
        if (j == except) continue;
        if (ghead[k] == j) c++;
        if (ghead[j] == k && s->head[j] < 0) c++;
    }
    return c;
}

int dep_cost(const dep_state *s, int a, const int *ghead, const int *glabel) {
    int s0 = s->depth ? s->stack[s->depth - 1] : -1, b = (int)s->b, n = (int)s->n;
    if (a == DEP_SHIFT) return lost_to_stack(s, b, -1, ghead);
    int c = 0;
    if (a == DEP_REDUCE) {
        for (int k = b; k < n; k++) c += ghead[k] == s0;
        return c;
    }
    int l = (a - DEP_FIRST_ARC) / 2;
    if (((a - DEP_FIRST_ARC) & 1) == 0) {   /* left: b -> s0, pop s0 */
        for (int k = b; k < n; k++) c += ghead[k] == s0;
        int h = ghead[s0] < 0 ? n : ghead[s0];
        if (h > b) c++;
        if (h == b && glabel[s0] != l) c++;
        return c;
    }
    /* right: s0 -> b, push b */
    int h = ghead[b] < 0 ? n : ghead[b];
    if (h != s0 && (h > b || in_stack(s, h))) c++;
    if (h == s0 && glabel[b] != l) c++;
    for (size_t i = 0; i < s->depth; i++) {
        int j = s->stack[i];
        if (ghead[j] == b && s->head[j] < 0) c++;
    }
    return c;
}

int dep_finish(dep_state *s, const ptok *t, int punct_label, int other_label) {
    int root = -1, n = (int)s->n;
    for (int i = 0; i < n; i++)
        if ((s->head[i] == n || s->head[i] < 0) && (root < 0 || (t[root].tag == UPOS_PUNCT && t[i].tag != UPOS_PUNCT)))
            root = i;
    for (int i = 0; i < n; i++) {
        if (i == root) {
            s->head[i] = -1;
            s->label[i] = 0;
        } else if (s->head[i] == n || s->head[i] < 0) {
            s->head[i] = root;
            s->label[i] = t[i].tag == UPOS_PUNCT ? punct_label : other_label;
        }
    }
    return root;
}
