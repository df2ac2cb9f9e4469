/*
** extract.h: the main-content stage. From a page's HTML or a plain text
** (both already UTF-8: the read stage transcodes), it keeps the article
** and drops the boilerplate around it (menus, category lists, "Further
** reading", bios, credits, cookie banners), and gathers the metadata.
**
** The body is canonical text: blocks (paragraphs, headings, lists) are
** separated by one blank line; inside a block "\n" separates lines that
** must stay lines (list items); no leading or trailing blank lines.
** The HTML parser sits behind html.h's small tree interface.
*/
#ifndef FL_EXTRACT_H
#define FL_EXTRACT_H

#include <stddef.h>

typedef struct extract_result {
    char *title;          /* NULL when none */
    char **authors;       /* n_authors strings */
    size_t n_authors;
    char *published;      /* ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD...), or NULL */
    char *site_name;
    char *language;       /* BCP 47 tag as declared ("en"), or NULL */
    char *canonical_url;
    char *body;           /* NUL-terminated; "" when the page has no article */
    size_t body_len;
} extract_result;

/* Both fill *out (zeroed first); on failure *out is released and an FL_*
** code returned with *errmsg set. The caller releases *out. */
int extract_html(const char *html, size_t n, extract_result *out, char **errmsg);
int extract_text(const char *text, size_t n, extract_result *out, char **errmsg);
/* Markdown: its markup made plain (emphasis, code spans, links and images
** give their text, quote markers and heading marks go, list items stay
** items), then judged as text. */
int extract_markdown(const char *text, size_t n, extract_result *out, char **errmsg);
void extract_release(extract_result *r);

#endif
