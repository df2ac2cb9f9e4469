/*
** extract.c: the main-content stage (see extract.h). First version: text
** keeps every paragraph but takes a title-like first line as the title;
** HTML keeps the visible text of <body> without script, style, nav,
** header, footer and aside, one block per block-level element.
*/
#include "extract.h"

#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "banned.h"

void extract_release(extract_result *r) {
    free(r->title);
    for (size_t i = 0; i < r->n_authors; i++) free(r->authors[i]);
    free(r->authors);
    free(r->published);
    free(r->site_name);
    free(r->language);
    free(r->canonical_url);
    free(r->body);
    memset(r, 0, sizeof *r);
}

static char *dup_span(const char *p, size_t n) {
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, p, n);
        s[n] = '\0';
    }
    return s;
}

/* A first line is a title when it is short and does not end like prose. */
static int looks_like_title(const char *p, size_t n) {
    if (n == 0 || n > 300) return 0;
    char last = p[n - 1];
    return last != '.' && last != ':' && last != ',';
}

int extract_text(const char *text, size_t n, extract_result *out, char **errmsg) {
    memset(out, 0, sizeof *out);
    size_t i = 0;
    while (i < n && (text[i] == '\n' || text[i] == ' ' || text[i] == '\r')) i++;
    const char *nl = memchr(text + i, '\n', n - i);
    size_t first = nl ? (size_t)(nl - text) : n;
    size_t body = i;
    if (nl && looks_like_title(text + i, first - i)) {
        out->title = dup_span(text + i, first - i);
        body = first + 1;
    }
    /* Without blank lines, each line is a paragraph. */
    int blank_lines = 0;
    for (size_t k = body; k + 1 < n && !blank_lines; k++) blank_lines = text[k] == '\n' && text[k + 1] == '\n';
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    for (size_t k = body; k < n; k++) {
        if (text[k] == '\n' && !blank_lines) buf_putc(&b, '\n');
        buf_putc(&b, text[k]);
    }
    out->body = buf_detach(&b, &out->body_len);
    if (!out->body || (body > i && !out->title)) {
        extract_release(out);
        return err_set(errmsg, FL_ENOMEM, "extract: out of memory");
    }
    return FL_OK;
}

static int is_skipped(GumboTag t) {
    return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NAV ||
           t == GUMBO_TAG_HEADER || t == GUMBO_TAG_FOOTER || t == GUMBO_TAG_ASIDE ||
           t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE || t == GUMBO_TAG_FORM;
}

static int is_block(GumboTag t) {
    return t == GUMBO_TAG_P || t == GUMBO_TAG_DIV || t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 ||
           t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 || t == GUMBO_TAG_LI || t == GUMBO_TAG_BR ||
           t == GUMBO_TAG_TR || t == GUMBO_TAG_BLOCKQUOTE || t == GUMBO_TAG_SECTION ||
           t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_TITLE;
}

/* Walks the tree with an explicit stack (pages can nest very deep). */
static void collect_text(GumboNode *root, buf *b) {
    size_t cap = 256, n = 0;
    GumboNode **stack = malloc(cap * sizeof *stack);
    if (!stack) {
        b->rc = FL_ENOMEM;
        return;
    }
    stack[n++] = root;
    while (n > 0) {
        GumboNode *node = stack[--n];
        if (!node) {   /* end of a block element */
            buf_puts(b, "\n\n");
            continue;
        }
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
            buf_puts(b, node->v.text.text);
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT || is_skipped(node->v.element.tag)) continue;
        GumboVector *kids = &node->v.element.children;
        if (n + kids->length + 1 > cap) {
            cap = (n + kids->length + 1) * 2;
            GumboNode **p = realloc(stack, cap * sizeof *stack);
            if (!p) {
                b->rc = FL_ENOMEM;
                break;
            }
            stack = p;
        }
        if (is_block(node->v.element.tag)) stack[n++] = NULL;
        for (size_t i = kids->length; i > 0; i--) stack[n++] = kids->data[i - 1];
    }
    free(stack);
}

int extract_html(const char *html, size_t n, extract_result *out, char **errmsg) {
    memset(out, 0, sizeof *out);
    GumboOutput *g = gumbo_parse_with_options(&kGumboDefaultOptions, html, n);
    if (!g) return err_set(errmsg, FL_EINVAL, "extract: the HTML parser gave up");
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    collect_text(g->root, &b);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    if (b.rc != FL_OK) {
        buf_release(&b);
        return err_set(errmsg, FL_ENOMEM, "extract: out of memory");
    }
    out->body = buf_detach(&b, &out->body_len);
    return FL_OK;
}
