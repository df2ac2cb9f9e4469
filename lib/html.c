/*
** html.c: the HTML tree of html.h, built with gumbo.
**
** It owns three steps: flattening pathological nesting and refusing tags
** with thousands of attributes before gumbo sees them (gumbo recurses and
** turns quadratic on very deep trees and on crowded tags), running
** gumbo, and copying gumbo's tree into flat arrays numbered in document
** order (then gumbo's tree is freed). It knows nothing of articles or
** boilerplate. Every walk uses an explicit stack.
*/
#include "html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "buf.h"
#include "err.h"
#include "hash.h"
#include "banned.h"

typedef struct hnode {
    uint32_t parent, end;
    uint32_t kind;
    uint32_t tag;            /* pool offset of the NUL-terminated name */
    uint32_t text, text_len; /* pool offset and length of text */
    uint32_t attr, n_attr;   /* index range in attrs */
} hnode;

typedef struct hattr {
    uint32_t name, value;    /* pool offsets, NUL-terminated */
} hattr;

struct html_doc {
    hnode *nodes;
    size_t n;
    hattr *attrs;
    char *pool;
};

/* ---- flattening deep nesting ------------------------------------------ */

/* Elements that never hold children or whose end tag is optional and
** implied by a sibling: they do not deepen the tree the way gumbo builds
** it, so they are not counted. */
static const char *const shallow_tags[] = {
    "area", "base", "body", "br", "caption", "col", "colgroup", "dd", "dt",
    "embed", "head", "hr", "html", "img", "input", "keygen", "li", "link",
    "meta", "optgroup", "option", "p", "param", "rb", "rp", "rt", "rtc",
    "source", "tbody", "td", "tfoot", "th", "thead", "tr", "track", "wbr",
};

/* Elements whose content is raw text up to their end tag. */
static const char *const raw_tags[] = {
    "iframe", "noembed", "noframes", "plaintext", "script", "style",
    "textarea", "title", "xmp",
};

static int in_list(const char *const *list, size_t n, const char *s, size_t len) {
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && strncmp(list[i], s, len) == 0) return 1;
    return 0;
}

#define NBUCKET 1024

typedef struct scan {
    uint32_t stack[HTML_MAX_DEPTH];     /* name hashes of open elements */
    size_t depth;
    uint32_t open[NBUCKET];             /* open elements per hash bucket */
    uint32_t dropped[NBUCKET];          /* dropped start tags per bucket */
} scan;

static uint32_t name_hash(const char *s, size_t n) {
    uint64_t h = FNV1A_START;
    for (size_t i = 0; i < n; i++) h = fnv1a_step(h, (unsigned char)tolower((unsigned char)s[i]));
    return (uint32_t)h;
}

/* Returns the end of the tag starting at P ('<'), quotes respected. */
static size_t tag_end(const char *p, size_t i, size_t n) {
    char q = 0;
    for (; i < n; i++) {
        if (q) { if (p[i] == q) q = 0; }
        else if (p[i] == '"' || p[i] == '\'') {
            /* a quote only opens a value right after '=' (or spaces after it) */
            size_t k = i;
            while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t' || p[k - 1] == '\n')) k--;
            if (k > 0 && p[k - 1] == '=') q = p[i];
        } else if (p[i] == '>') return i + 1;
    }
    return n;
}

static size_t find_ci(const char *p, size_t i, size_t n, const char *needle) {
    size_t m = strlen(needle);
    for (; i + m <= n; i++)
        if (p[i] == '<' && strncasecmp(p + i, needle, m) == 0) return i;
    return n;
}

/* Where NEEDLE (lower case) starts in P[I, N), case ignored, or N. */
static size_t find_ci_in(const char *p, size_t i, size_t n, const char *needle) {
    size_t m = strlen(needle);
    for (; i + m <= n; i++)
        if (strncasecmp(p + i, needle, m) == 0) return i;
    return n;
}

/* Leaves P[FROM, TO) out of the copy in OUT (P[0, *DONE) is copied). */
static void cut(buf *out, const char *p, size_t *done, size_t from, size_t to) {
    if (from > *done) buf_append(out, p + *done, from - *done);
    buf_putc(out, ' ');
    if (to > *done) *done = to;
}

/* Makes in OUT a copy of P without the tags nested deeper than
** HTML_MAX_DEPTH and without the bodies of scripts and style sheets
** (JSON-LD excepted), which nobody reads and gumbo is slow to lex. OUT
** stays empty when nothing was left out. */
static int flatten(const char *p, size_t n, buf *out) {
    size_t done = 0;
    scan *s = calloc(1, sizeof *s);
    if (!s) return FL_ENOMEM;
    size_t i = 0;
    while (i < n) {
        const char *lt = memchr(p + i, '<', n - i);
        if (!lt) break;
        i = (size_t)(lt - p);
        if (i + 4 <= n && memcmp(p + i, "<!--", 4) == 0) {
            size_t j = i + 4;
            while (j + 3 <= n && memcmp(p + j, "-->", 3) != 0) j++;
            i = j + 3 <= n ? j + 3 : n;
            continue;
        }
        size_t j = i + 1;
        int closing = j < n && p[j] == '/';
        if (closing) j++;
        size_t name = j;
        while (j < n && (isalnum((unsigned char)p[j]) || p[j] == '-' || p[j] == ':')) j++;
        size_t len = j - name;
        if (len == 0 || !isalpha((unsigned char)p[name])) { i++; continue; }
        size_t end = tag_end(p, j, n);
        char lname[16];
        size_t ll = len < sizeof lname - 1 ? len : sizeof lname - 1;
        for (size_t k = 0; k < ll; k++) lname[k] = (char)tolower((unsigned char)p[name + k]);
        lname[ll] = '\0';
        uint32_t h = name_hash(p + name, len);
        int drop = 0;
        if (!closing) {
            if (!in_list(shallow_tags, sizeof shallow_tags / sizeof *shallow_tags, lname, len)
                && !(end >= 2 && p[end - 2] == '/')) {
                if (s->depth >= HTML_MAX_DEPTH) {
                    drop = 1;
                    s->dropped[h % NBUCKET]++;
                } else {
                    s->stack[s->depth++] = h;
                    s->open[h % NBUCKET]++;
                }
            }
            if (!drop && in_list(raw_tags, sizeof raw_tags / sizeof *raw_tags, lname, len)) {
                char needle[20] = "</";
                memcpy(needle + 2, lname, ll + 1);
                size_t close = find_ci(p, end, n, needle);
                int skip = !strcmp(lname, "style")
                           || (!strcmp(lname, "script") && find_ci_in(p, i, end, "ld+json") == end);
                if (skip && close > end) cut(out, p, &done, end, close);
                end = close;
            }
        } else if (s->dropped[h % NBUCKET] > 0) {
            drop = 1;
            s->dropped[h % NBUCKET]--;
        } else if (s->open[h % NBUCKET] > 0) {
            /* pop up to the matching element, as implied end tags do */
            size_t d = s->depth;
            while (d > 0 && s->stack[d - 1] != h) d--;
            if (d > 0) {
                while (s->depth >= d) s->open[s->stack[--s->depth] % NBUCKET]--;
            }
        }
        if (drop) cut(out, p, &done, i, end);
        i = end > i ? end : i + 1;
    }
    free(s);
    if (done > 0 && done < n) buf_append(out, p + done, n - done);
    return out->rc;
}

/* ---- copying gumbo's tree --------------------------------------------- */

typedef struct frame {
    const GumboNode *node;
    uint32_t id;
    unsigned next;     /* next child to visit */
} frame;

typedef struct builder {
    buf nodes, attrs, pool, stack;
    uint32_t tag_off[GUMBO_TAG_LAST + 1];
} builder;

static uint32_t pool_put(builder *b, const char *s, size_t n) {
    uint32_t off = (uint32_t)b->pool.len;
    buf_append(&b->pool, s, n);
    buf_putc(&b->pool, '\0');
    return off;
}

static uint32_t tag_name(builder *b, const GumboElement *el) {
    if (el->tag != GUMBO_TAG_UNKNOWN && el->tag < GUMBO_TAG_LAST) {
        if (b->tag_off[el->tag] == UINT32_MAX) {
            const char *name = gumbo_normalized_tagname(el->tag);
            b->tag_off[el->tag] = pool_put(b, name, strlen(name));
        }
        return b->tag_off[el->tag];
    }
    GumboStringPiece piece = el->original_tag;
    gumbo_tag_from_original_text(&piece);
    uint32_t off = (uint32_t)b->pool.len;
    for (size_t i = 0; i < piece.length; i++)
        buf_putc(&b->pool, (char)tolower((unsigned char)piece.data[i]));
    buf_putc(&b->pool, '\0');
    return off;
}

static hnode *node_at(builder *b, uint32_t id) { return (hnode *)b->nodes.data + id; }

/* Appends a node for G under PARENT; returns its id. */
static uint32_t add_node(builder *b, const GumboNode *g, uint32_t parent) {
    hnode h = {parent, 0, HTML_TEXT, 0, 0, 0, 0, 0};
    uint32_t id = (uint32_t)(b->nodes.len / sizeof h);
    switch (g->type) {
    case GUMBO_NODE_DOCUMENT:
        h.kind = HTML_DOCUMENT;
        h.tag = pool_put(b, "", 0);
        break;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: {
        const GumboElement *el = &g->v.element;
        h.kind = HTML_ELEMENT;
        h.tag = tag_name(b, el);
        h.attr = (uint32_t)(b->attrs.len / sizeof(hattr));
        for (unsigned i = 0; i < el->attributes.length; i++) {
            const GumboAttribute *a = el->attributes.data[i];
            hattr at;
            at.name = pool_put(b, a->name, strlen(a->name));
            at.value = pool_put(b, a->value, strlen(a->value));
            buf_append(&b->attrs, &at, sizeof at);
        }
        h.n_attr = el->attributes.length;
        break;
    }
    case GUMBO_NODE_COMMENT:
        h.kind = HTML_COMMENT;
        /* fall through */
    default: {
        const char *t = g->v.text.text;
        size_t len = strlen(t);
        h.tag = pool_put(b, "", 0);
        h.text = pool_put(b, t, len);
        h.text_len = (uint32_t)len;
        break;
    }
    }
    buf_append(&b->nodes, &h, sizeof h);
    return id;
}

static const GumboVector *children_of(const GumboNode *g) {
    if (g->type == GUMBO_NODE_DOCUMENT) return &g->v.document.children;
    if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE)
        return &g->v.element.children;
    return NULL;
}

static int build(builder *b, const GumboNode *root) {
    frame f = {root, add_node(b, root, HTML_NONE), 0};
    buf_append(&b->stack, &f, sizeof f);
    while (b->stack.len > 0 && b->nodes.rc == FL_OK && b->pool.rc == FL_OK
           && b->attrs.rc == FL_OK && b->stack.rc == FL_OK) {
        frame *top = (frame *)(b->stack.data + b->stack.len - sizeof f);
        const GumboVector *kids = children_of(top->node);
        if (kids && top->next < kids->length) {
            const GumboNode *c = kids->data[top->next++];
            uint32_t parent = top->id;
            frame nf = {c, add_node(b, c, parent), 0};
            buf_append(&b->stack, &nf, sizeof nf);
        } else {
            node_at(b, top->id)->end = (uint32_t)(b->nodes.len / sizeof(hnode));
            b->stack.len -= sizeof f;
        }
    }
    if (b->nodes.rc) return b->nodes.rc;
    if (b->pool.rc) return b->pool.rc;
    if (b->attrs.rc) return b->attrs.rc;
    return b->stack.rc;
}

/* gumbo checks each attribute of a tag against the ones before it: a tag
** with 100,000 attributes took 35 s. Pages have tens. */
#define MAX_TAG_ATTRIBUTES 1000

/* The offset of the first tag of P[0..N) with more than MAX_TAG_ATTRIBUTES
** attributes (names counted, quoted values skipped), or N. */
static size_t crowded_tag(const char *p, size_t n) {
    for (size_t i = 0; i + 1 < n; i++) {
        if (p[i] != '<' || !isalpha((unsigned char)p[i + 1])) continue;
        size_t start = i, names = 0;
        int in_space = 0;
        for (i++; i < n && p[i] != '>'; i++) {
            if (p[i] == '"' || p[i] == '\'') {
                const char *close = memchr(p + i + 1, p[i], n - i - 1);
                i = close ? (size_t)(close - p) : n - 1;
            } else if (isspace((unsigned char)p[i]) || p[i] == '/') {
                in_space = 1;
            } else if (in_space && p[i] != '=') {
                in_space = 0;
                if (++names > MAX_TAG_ATTRIBUTES) return start;
            }
        }
    }
    return n;
}

int html_parse(const char *p, size_t n, html_doc **out, char **errmsg) {
    *out = NULL;
    if (n > (size_t)UINT32_MAX / 4)
        return err_set(errmsg, FL_ETOOBIG, "html: page of %zu bytes is too big", n);
    size_t crowded = crowded_tag(p, n);
    if (crowded < n)
        return err_set(errmsg, FL_EINVAL, "html: a tag with more than %d attributes at byte %zu", MAX_TAG_ATTRIBUTES,
                       crowded + 1);
    buf flat;
    buf_init(&flat, BUF_NO_LIMIT);
    int rc = flatten(p, n, &flat);
    if (rc != FL_OK) {
        buf_release(&flat);
        return err_set(errmsg, rc, "html: %s", fl_strerror(rc));
    }
    if (flat.len) {
        p = flat.data;
        n = flat.len;
    }
    /* parse errors are not recorded: they cost time and nobody reads them */
    GumboOptions opts = kGumboDefaultOptions;
    opts.max_errors = 0;
    GumboOutput *g = gumbo_parse_with_options(&opts, p, n);
    if (!g) {
        buf_release(&flat);
        return err_set(errmsg, FL_ENOMEM, "html: parser failed");
    }
    builder *b = malloc(sizeof *b);
    if (!b) rc = FL_ENOMEM;
    if (rc == FL_OK) {
        buf_init(&b->nodes, BUF_NO_LIMIT);
        buf_init(&b->attrs, BUF_NO_LIMIT);
        buf_init(&b->pool, (size_t)UINT32_MAX - 1);
        buf_init(&b->stack, BUF_NO_LIMIT);
        memset(b->tag_off, 0xff, sizeof b->tag_off);
        rc = build(b, g->document);
    }
    gumbo_destroy_output(&opts, g);
    buf_release(&flat);
    html_doc *d = NULL;
    if (rc == FL_OK && !(d = malloc(sizeof *d))) rc = FL_ENOMEM;
    if (rc == FL_OK) {
        d->n = b->nodes.len / sizeof(hnode);
        d->nodes = (hnode *)buf_detach(&b->nodes, NULL);
        d->attrs = (hattr *)buf_detach(&b->attrs, NULL);
        d->pool = buf_detach(&b->pool, NULL);
        *out = d;
    }
    if (b) {
        buf_release(&b->nodes);
        buf_release(&b->attrs);
        buf_release(&b->pool);
        buf_release(&b->stack);
        free(b);
    }
    if (rc != FL_OK) return err_set(errmsg, rc, "html: %s", fl_strerror(rc));
    return FL_OK;
}

void html_free(html_doc *d) {
    if (!d) return;
    free(d->nodes);
    free(d->attrs);
    free(d->pool);
    free(d);
}

/* ---- accessors ---------------------------------------------------------- */

size_t html_count(const html_doc *d) { return d->n; }

html_kind html_node_kind(const html_doc *d, html_id id) {
    return (html_kind)d->nodes[id].kind;
}

const char *html_tag(const html_doc *d, html_id id) {
    return d->pool + d->nodes[id].tag;
}

html_id html_parent(const html_doc *d, html_id id) { return d->nodes[id].parent; }

html_id html_end(const html_doc *d, html_id id) { return d->nodes[id].end; }

html_id html_first_child(const html_doc *d, html_id id) {
    return id + 1 < d->nodes[id].end ? id + 1 : HTML_NONE;
}

html_id html_next_sibling(const html_doc *d, html_id id) {
    html_id parent = d->nodes[id].parent;
    if (parent == HTML_NONE) return HTML_NONE;
    html_id next = d->nodes[id].end;
    return next < d->nodes[parent].end ? next : HTML_NONE;
}

const char *html_text(const html_doc *d, html_id id, size_t *len) {
    const hnode *h = &d->nodes[id];
    if (h->kind != HTML_TEXT && h->kind != HTML_COMMENT) {
        if (len) *len = 0;
        return NULL;
    }
    if (len) *len = h->text_len;
    return d->pool + h->text;
}

const char *html_attr(const html_doc *d, html_id id, const char *name) {
    const hnode *h = &d->nodes[id];
    if (h->kind != HTML_ELEMENT) return NULL;
    for (uint32_t i = 0; i < h->n_attr; i++) {
        const hattr *a = &d->attrs[h->attr + i];
        if (strcmp(d->pool + a->name, name) == 0) return d->pool + a->value;
    }
    return NULL;
}
