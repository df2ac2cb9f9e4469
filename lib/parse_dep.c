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

/* The values the stack's templates combine, read from the state once
** per transition (dep_values). */
enum {
    V_ZERO, V_S0W, V_S0P, V_S0WP, V_N0W, V_N0P, V_N0WP, V_N1P, V_DIST,
    V_S0HW, V_S0HP, V_S0L, V_S0LW, V_S0LP, V_S0LL, V_S0RW, V_S0RP, V_S0RL, V_N0LW, V_N0LP, V_N0LL,
    V_S0H2W, V_S0H2P, V_S0HL, V_S0L2W, V_S0L2P, V_S0L2L, V_S0R2W, V_S0R2P, V_S0R2L, V_N0L2W, V_N0L2P, V_N0L2L,
    V_VR0, V_VL0, V_VLN, V_SR0, V_SL0, V_SLN, V_S1W, V_S1P, V_S0HAS, V_S0SUF, V_N0SUF,
    V_COUNT
};
_Static_assert(V_COUNT <= DEP_MAX_VALUES, "DEP_MAX_VALUES too small");

void dep_values(const dep_state *s, const ptok *t, uint64_t *v) {
    int s0 = s->depth ? s->stack[s->depth - 1] : -1;
    int s1 = s->depth > 1 ? s->stack[s->depth - 2] : -1;
    int n0 = s->b <= s->n ? (int)s->b : -1;
    int s0h = AT(s->head, s0), s0h2 = AT(s->head, s0h);
    int s0l = AT(s->lc[0], s0), s0l2 = AT(s->lc[1], s0);
    int s0r = AT(s->rc[0], s0), s0r2 = AT(s->rc[1], s0);
    int n0l = AT(s->lc[0], n0), n0l2 = AT(s->lc[1], n0);
    uint64_t d = 0;
    if (s0 >= 0 && n0 >= 0) {
        d = (uint64_t)(n0 - s0);
        d = d < 5 ? d : d < 10 ? 5 : 6;
    }
    v[V_ZERO] = 0;
    v[V_S0W] = W(s0), v[V_S0P] = P(s0), v[V_S0WP] = v[V_S0W] * 31 + v[V_S0P];
    v[V_N0W] = W(n0), v[V_N0P] = P(n0), v[V_N0WP] = v[V_N0W] * 31 + v[V_N0P];
    v[V_N1P] = P(s->b + 1 <= s->n ? (int)s->b + 1 : -1);
    v[V_DIST] = d;
    v[V_S0HW] = W(s0h), v[V_S0HP] = P(s0h), v[V_S0L] = L(s0);
    v[V_S0LW] = W(s0l), v[V_S0LP] = P(s0l), v[V_S0LL] = L(s0l);
    v[V_S0RW] = W(s0r), v[V_S0RP] = P(s0r), v[V_S0RL] = L(s0r);
    v[V_N0LW] = W(n0l), v[V_N0LP] = P(n0l), v[V_N0LL] = L(n0l);
    v[V_S0H2W] = W(s0h2), v[V_S0H2P] = P(s0h2), v[V_S0HL] = L(s0h);
    v[V_S0L2W] = W(s0l2), v[V_S0L2P] = P(s0l2), v[V_S0L2L] = L(s0l2);
    v[V_S0R2W] = W(s0r2), v[V_S0R2P] = P(s0r2), v[V_S0R2L] = L(s0r2);
    v[V_N0L2W] = W(n0l2), v[V_N0L2P] = P(n0l2), v[V_N0L2L] = L(n0l2);
    v[V_VR0] = s0 >= 0 ? (uint64_t)s->nr[s0] : 99, v[V_VL0] = s0 >= 0 ? (uint64_t)s->nl[s0] : 99;
    v[V_VLN] = n0 >= 0 ? (uint64_t)s->nl[n0] : 99;
    v[V_SR0] = s0 >= 0 ? s->rset[s0] : 1, v[V_SL0] = s0 >= 0 ? s->lset[s0] : 1;
    v[V_SLN] = n0 >= 0 ? s->lset[n0] : 1;
    v[V_S1W] = W(s1), v[V_S1P] = P(s1), v[V_S0HAS] = s0h >= 0;
    v[V_S0SUF] = SUF(s0), v[V_N0SUF] = SUF(n0);
}

/* The stack's templates in the order dep_features_stack gives them (the
** trainer's), each with the values it combines and its group: what it
** reads of the state (see DEP_G_* in parse_int.h). */
typedef struct stack_template {
    uint8_t tmpl, group, a, b, c;
} stack_template;

#define G_PAIR DEP_G_PAIR
#define G_S0 DEP_G_S0
#define G_S0R DEP_G_S0_RIGHT
#define G_N0L DEP_G_N0_LEFT

static const stack_template stack_templates[] = {
    /* single words of the stack */
    {100, G_S0, V_S0WP, V_ZERO, V_ZERO},
    {101, G_S0, V_S0W, V_ZERO, V_ZERO},
    {102, G_S0, V_S0P, V_ZERO, V_ZERO},
    /* pairs */
    {120, G_PAIR, V_S0WP, V_N0WP, V_ZERO},
    {121, G_PAIR, V_S0WP, V_N0W, V_ZERO},
    {122, G_PAIR, V_S0W, V_N0WP, V_ZERO},
    {123, G_PAIR, V_S0WP, V_N0P, V_ZERO},
    {124, G_PAIR, V_S0P, V_N0WP, V_ZERO},
    {125, G_PAIR, V_S0W, V_N0W, V_ZERO},
    {126, G_PAIR, V_S0P, V_N0P, V_ZERO},
    /* three words */
    {131, G_PAIR, V_S0P, V_N0P, V_N1P},
    {132, G_PAIR, V_S0HP, V_S0P, V_N0P},
    {133, G_PAIR, V_S0P, V_S0LP, V_N0P},
    {134, G_PAIR, V_S0P, V_S0RP, V_N0P},
    {135, G_PAIR, V_S0P, V_N0P, V_N0LP},
    /* distance */
    {140, G_PAIR, V_S0W, V_DIST, V_ZERO},
    {141, G_PAIR, V_S0P, V_DIST, V_ZERO},
    {142, G_PAIR, V_N0W, V_DIST, V_ZERO},
    {143, G_PAIR, V_N0P, V_DIST, V_ZERO},
    {144, G_PAIR, V_S0W, V_N0W, V_DIST},
    {145, G_PAIR, V_S0P, V_N0P, V_DIST},
    /* valency */
    {150, G_S0R, V_S0W, V_VR0, V_ZERO},
    {151, G_S0R, V_S0P, V_VR0, V_ZERO},
    {152, G_S0, V_S0W, V_VL0, V_ZERO},
    {153, G_S0, V_S0P, V_VL0, V_ZERO},
    {154, G_N0L, V_N0W, V_VLN, V_ZERO},
    {155, G_N0L, V_N0P, V_VLN, V_ZERO},
    /* unigrams of heads and children */
    {160, G_S0, V_S0HW, V_ZERO, V_ZERO},
    {161, G_S0, V_S0HP, V_ZERO, V_ZERO},
    {162, G_S0, V_S0L, V_ZERO, V_ZERO},
    {163, G_S0, V_S0LW, V_ZERO, V_ZERO},
    {164, G_S0, V_S0LP, V_ZERO, V_ZERO},
    {165, G_S0, V_S0LL, V_ZERO, V_ZERO},
    {166, G_S0R, V_S0RW, V_ZERO, V_ZERO},
    {167, G_S0R, V_S0RP, V_ZERO, V_ZERO},
    {168, G_S0R, V_S0RL, V_ZERO, V_ZERO},
    {169, G_N0L, V_N0LW, V_ZERO, V_ZERO},
    {170, G_N0L, V_N0LP, V_ZERO, V_ZERO},
    {171, G_N0L, V_N0LL, V_ZERO, V_ZERO},
    /* third order */
    {180, G_S0, V_S0H2W, V_ZERO, V_ZERO},
    {181, G_S0, V_S0H2P, V_ZERO, V_ZERO},
    {182, G_S0, V_S0HL, V_ZERO, V_ZERO},
    {183, G_S0, V_S0L2W, V_ZERO, V_ZERO},
    {184, G_S0, V_S0L2P, V_ZERO, V_ZERO},
    {185, G_S0, V_S0L2L, V_ZERO, V_ZERO},
    {186, G_S0R, V_S0R2W, V_ZERO, V_ZERO},
    {187, G_S0R, V_S0R2P, V_ZERO, V_ZERO},
    {188, G_S0R, V_S0R2L, V_ZERO, V_ZERO},
    {189, G_N0L, V_N0L2W, V_ZERO, V_ZERO},
    {190, G_N0L, V_N0L2P, V_ZERO, V_ZERO},
    {191, G_N0L, V_N0L2L, V_ZERO, V_ZERO},
    {192, G_S0, V_S0P, V_S0LP, V_S0L2P},
    {193, G_S0R, V_S0P, V_S0RP, V_S0R2P},
    {194, G_S0, V_S0P, V_S0HP, V_S0H2P},
    {195, G_N0L, V_N0P, V_N0LP, V_N0L2P},
    /* label sets */
    {200, G_S0R, V_S0W, V_SR0, V_ZERO},
    {201, G_S0R, V_S0P, V_SR0, V_ZERO},
    {202, G_S0, V_S0W, V_SL0, V_ZERO},
    {203, G_S0, V_S0P, V_SL0, V_ZERO},
    {204, G_N0L, V_N0W, V_SLN, V_ZERO},
    {205, G_N0L, V_N0P, V_SLN, V_ZERO},
    /* the second word of the stack, and whether S0 has a head */
    {210, G_PAIR, V_S1P, V_S0P, V_N0P},
    {211, G_S0, V_S1W, V_S0P, V_ZERO},
    {212, G_PAIR, V_S0HAS, V_S0P, V_N0P},
    /* suffixes, for the words the treebank does not have */
    {220, G_S0, V_S0SUF, V_S0P, V_ZERO},
    {222, G_PAIR, V_S0SUF, V_N0SUF, V_ZERO},
    {224, G_PAIR, V_S0W, V_N0P, V_N1P},
};

#define N_STACK_TEMPLATES (sizeof stack_templates / sizeof *stack_templates)

static uint64_t template_key(const stack_template *x, const uint64_t *v) {
    return pk_key(x->tmpl, v[x->a], v[x->b], v[x->c]);
}

size_t dep_group_features(const uint64_t *v, int group, uint64_t *f) {
    size_t k = 0;
    for (size_t i = 0; i < N_STACK_TEMPLATES; i++)
        if (stack_templates[i].group == group) f[k++] = template_key(&stack_templates[i], v);
    return k;
}

size_t dep_features_stack(const dep_state *s, const ptok *t, uint64_t *f) {
    uint64_t v[DEP_MAX_VALUES];
    dep_values(s, t, v);
    for (size_t i = 0; i < N_STACK_TEMPLATES; i++) f[i] = template_key(&stack_templates[i], v);
    return N_STACK_TEMPLATES;
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
