/*
** feed.c: reads a feed (see feed.h). libxml2 builds the tree; this file
** walks it by local element names, so namespace prefixes (dc:, content:,
** atom:, rdf:) do not matter, and copies each field's text.
*/
#include "feed.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "xml_dl.h"
#include "banned.h"

#define FIELD_MAX ((size_t)1 << 20)   /* a field's text; the rest is cut */

static int is(const xmlNode *n, const char *name) {
    return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

/* The text of N's descendants into B (text and CDATA nodes). */
static void gather(const xmlNode *n, buf *b, int depth) {
    for (const xmlNode *c = n->children; c && depth < 64; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            buf_puts(b, (const char *)c->content);
        else if (c->type == XML_ELEMENT_NODE || c->type == XML_ENTITY_REF_NODE)
            gather(c, b, depth + 1);
    }
}

/* N's text, trimmed, as a new string; NULL when empty. The cap cuts
** rather than fails. */
static char *text_of(const xmlNode *n) {
    buf b;
    buf_init(&b, FIELD_MAX);
    gather(n, &b, 0);
    size_t s = 0, e = b.len;
    while (s < e && strchr(" \t\r\n", b.data[s])) s++;
    while (e > s && strchr(" \t\r\n", b.data[e - 1])) e--;
    char *r = NULL;
    if (e > s && (r = malloc(e - s + 1))) {
        memcpy(r, b.data + s, e - s);
        r[e - s] = '\0';
    }
    buf_release(&b);
    return r;
}

/* The value of N's attribute NAME as a new string, or NULL. */
static char *attr_of(const xmlNode *n, const char *name) {
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcasecmp((const char *)a->name, name) == 0 && a->children && a->children->content)
            return strdup((const char *)a->children->content);
    return NULL;
}

/* Sets *FIELD to V when it is still empty (the first of several
** candidates wins), else frees V. */
static void keep(char **field, char *v) {
    if (!*field) *field = v;
    else free(v);
}

/* An Atom link: rel="alternate" or no rel is the page. */
static void atom_link(const xmlNode *n, feed_item *it) {
    char *rel = attr_of(n, "rel");
    if (!rel || strcmp(rel, "alternate") == 0) keep(&it->link, attr_of(n, "href"));
    free(rel);
}

static void read_author(const xmlNode *n, feed_item *it) {
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is(c, "name")) keep(&it->author, text_of(c));
    if (!n->children || !n->children->next) keep(&it->author, text_of(n));   /* RSS: the text itself */
}

/* One item or entry's fields, whatever the feed's kind. */
static void read_item(const xmlNode *n, feed_item *it) {
    keep(&it->guid, attr_of(n, "about"));   /* RSS 1.0: rdf:about */
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is(c, "title")) keep(&it->title, text_of(c));
        else if (is(c, "link")) {
            if (c->properties) atom_link(c, it);
            else keep(&it->link, text_of(c));
        } else if (is(c, "guid") || is(c, "id")) {
            char *g = text_of(c);
            if (g) {   /* a guid replaces rdf:about, which RSS 1.0 alone has */
                free(it->guid);
                it->guid = g;
            }
        } else if (is(c, "pubDate") || is(c, "published") || is(c, "date") || is(c, "issued")) {
            keep(&it->published, text_of(c));
        } else if (is(c, "updated") || is(c, "modified")) {
            if (!it->published) it->published = text_of(c);
        } else if (is(c, "author") || is(c, "creator")) {
            read_author(c, it);
        } else if (is(c, "description") || is(c, "summary") || is(c, "encoded") || is(c, "content")) {
            char *s = text_of(c);
            /* the fuller text wins: content:encoded or content over a summary */
            if (s && (!it->summary || strlen(s) > strlen(it->summary))) {
                free(it->summary);
                it->summary = s;
            } else {
                free(s);
            }
        }
    }
}

static int add_item(feed *f, const xmlNode *n) {
    if (f->n_items == f->cap_items && array_grow(&f->items, &f->cap_items, sizeof *f->items, 32) != FL_OK)
        return FL_ENOMEM;
    feed_item *it = &f->items[f->n_items++];
    memset(it, 0, sizeof *it);
    read_item(n, it);
    return FL_OK;
}

/* The feed's title and items among the children of PARENT (the channel
** of RSS 2.0, the root of RSS 1.0 and Atom). */
static int read_children(feed *f, const xmlNode *parent, const char *item_name) {
    int rc = FL_OK;
    for (const xmlNode *c = parent->children; c && rc == FL_OK; c = c->next) {
        if (is(c, item_name)) rc = add_item(f, c);
        else if (is(c, "title")) keep(&f->title, text_of(c));
        else if (is(c, "channel") && !f->title)   /* RSS 1.0: the title is the channel's */
            for (const xmlNode *t = c->children; t; t = t->next)
                if (is(t, "title")) keep(&f->title, text_of(t));
    }
    return rc;
}

int feed_parse(const char *data, size_t n, feed *out, char **errmsg) {
    memset(out, 0, sizeof *out);
    int rc = xml_dl_open(errmsg);
    if (rc != FL_OK) return rc;
    if (n > (size_t)0x7fffffff) return err_set(errmsg, FL_ETOOBIG, "too big for a feed");
    xmlDocPtr doc = xmlReadMemory(data, (int)n, NULL, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
    const xmlNode *root = doc ? doc->children : NULL;
    while (root && root->type != XML_ELEMENT_NODE) root = root->next;
    if (!root) rc = err_set(errmsg, FL_EINVAL, "not XML, so no feed");
    else if (is(root, "rss")) {
        out->kind = "rss";
        for (const xmlNode *c = root->children; c && rc == FL_OK; c = c->next)
            if (is(c, "channel")) rc = read_children(out, c, "item");
    } else if (is(root, "RDF")) {
        out->kind = "rdf";
        rc = read_children(out, root, "item");
    } else if (is(root, "feed")) {
        out->kind = "atom";
        rc = read_children(out, root, "entry");
    } else {
        rc = err_set(errmsg, FL_EINVAL, "XML whose root is <%s>, not an RSS or Atom feed", (const char *)root->name);
    }
    if (rc == FL_ENOMEM) err_set(errmsg, rc, "out of memory");
    if (doc) xmlFreeDoc(doc);
    return rc;
}

void feed_release(feed *f) {
    for (size_t i = 0; i < f->n_items; i++) {
        feed_item *it = &f->items[i];
        free(it->title), free(it->link), free(it->guid), free(it->published), free(it->author), free(it->summary);
    }
    free(f->items);
    free(f->title);
    memset(f, 0, sizeof *f);
}

const char *feed_item_key(const feed_item *item) {
    return item->guid ? item->guid : item->link ? item->link : item->title;
}
