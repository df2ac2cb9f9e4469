/*
** html.h: the small HTML tree that main-content extraction works on.
**
** It owns parsing a page into a read-only tree and the accessors over it;
** it does not own any judgement of what is content (that is extract.c).
** The parser behind it (gumbo today) is not visible here, so a faster one
** can replace it without touching the extraction logic.
**
** Nodes are numbered 0..count-1 in document order (pre-order); node 0 is
** the document. A node's subtree is the id range [id, html_end(id)), and a
** parent's id is always smaller than its children's, so whole-tree passes
** are plain loops: forward for top-down, backward for bottom-up. Nothing
** here or in its callers needs recursion, however deep the page nests.
**
** Pathological nesting is flattened before parsing: tags that would open
** deeper than HTML_MAX_DEPTH are dropped (their text is kept).
*/
#ifndef FL_HTML_H
#define FL_HTML_H

#include <stddef.h>
#include <stdint.h>

#define HTML_MAX_DEPTH 512
#define HTML_NONE UINT32_MAX

typedef uint32_t html_id;
typedef struct html_doc html_doc;

typedef enum html_kind {
    HTML_DOCUMENT,
    HTML_ELEMENT,
    HTML_TEXT,      /* character data, entities decoded */
    HTML_COMMENT
} html_kind;

/* Parses N bytes of UTF-8 HTML (invalid bytes are replaced, never an
** error). On success *out owns the tree: free it with html_free(). */
int html_parse(const char *p, size_t n, html_doc **out, char **errmsg);
void html_free(html_doc *d);     /* accepts NULL */

size_t html_count(const html_doc *d);
html_kind html_node_kind(const html_doc *d, html_id id);
/* Lower-case tag name of an element; "" for other nodes. */
const char *html_tag(const html_doc *d, html_id id);
html_id html_parent(const html_doc *d, html_id id);   /* HTML_NONE for 0 */
html_id html_end(const html_doc *d, html_id id);      /* one past the subtree */
html_id html_first_child(const html_doc *d, html_id id);
html_id html_next_sibling(const html_doc *d, html_id id);
/* Text of a text or comment node (not NUL-terminated); NULL otherwise. */
const char *html_text(const html_doc *d, html_id id, size_t *len);
/* Value of attribute NAME (lower case) of an element, or NULL. */
const char *html_attr(const html_doc *d, html_id id, const char *name);

#endif
