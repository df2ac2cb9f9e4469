/*
** extract.c: main-content extraction (see extract.h).
**
** It owns the judgement of what on a page is the article: metadata from
** <meta>, JSON-LD and the visible byline; the scoring of the HTML tree
** (text density, link density, tag and class/id evidence, paragraph
** shape, position) in the manner of Readability, with threads of posts
** (comments) dropped and the headline's container preferred to a box
** away from it; a baseline that guards that judgement (the largest
** coherent run of prose blocks); the cleaning of the chosen subtree; and
** the same judgement over the paragraphs of a plain text. Lengths count
** characters of every script (char_weight). It does not parse HTML
** (html.c) nor transcode (read.c).
**
** Every pass over the tree is a loop over node ids (html.h numbers them
** in document order), so no pass recurses. The word tables below are
** generic web-boilerplate markers, not tuned to any page.
*/
#include "extract.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "err.h"
#include "html.h"
#include "banned.h"

/* ---- tag table ---------------------------------------------------------- */

enum {
    TF_DROP = 1 << 0,     /* never content: scripts, forms controls, chrome */
    TF_BLOCK = 1 << 1,    /* starts a new block of text */
    TF_PARA = 1 << 2,     /* a paragraph the scorer counts */
    TF_HEAD = 1 << 3,     /* h1..h6 */
    TF_LIST = 1 << 4,     /* ul, ol, dl */
    TF_ITEM = 1 << 5,     /* li, dt, dd: a line in a block */
    TF_DIVLIKE = 1 << 6,  /* a container that may hold the article */
    TF_CLEAN = 1 << 7,    /* removed from the article when it looks like chrome */
    TF_EMBED = 1 << 8,
    TF_INPUT = 1 << 9,
    TF_IMG = 1 << 10,
    TF_LINK = 1 << 11,
    TF_BR = 1 << 12,
    TF_CELL = 1 << 13,    /* table cells and rows: line breaks */
};

typedef struct tagdef {
    const char *name;
    unsigned flags;
} tagdef;

/* Sorted by name for bsearch. */
static const tagdef tags[] = {
    {"a", TF_LINK},
    {"address", TF_BLOCK},
    {"applet", TF_DROP | TF_EMBED},
    {"article", TF_BLOCK | TF_DIVLIKE},
    {"aside", TF_DROP | TF_BLOCK},
    {"audio", TF_DROP | TF_EMBED},
    {"base", TF_DROP},
    {"blockquote", TF_BLOCK | TF_PARA},
    {"body", TF_BLOCK | TF_DIVLIKE},
    {"br", TF_BR},
    {"button", TF_DROP | TF_INPUT},
    {"canvas", TF_DROP},
    {"caption", TF_BLOCK},
    {"center", TF_BLOCK | TF_DIVLIKE},
    {"datalist", TF_DROP},
    {"dd", TF_ITEM},
    {"details", TF_BLOCK},
    {"dialog", TF_DROP},
    {"dir", TF_BLOCK | TF_LIST},
    {"div", TF_BLOCK | TF_DIVLIKE | TF_CLEAN},
    {"dl", TF_BLOCK | TF_LIST | TF_CLEAN},
    {"dt", TF_ITEM},
    {"embed", TF_DROP | TF_EMBED},
    {"fieldset", TF_BLOCK | TF_CLEAN},
    {"figcaption", TF_DROP | TF_BLOCK},
    {"figure", TF_DROP | TF_BLOCK},
    {"footer", TF_DROP | TF_BLOCK},
    {"form", TF_BLOCK | TF_CLEAN},
    {"frame", TF_DROP},
    {"frameset", TF_DROP},
    {"h1", TF_BLOCK | TF_HEAD},
    {"h2", TF_BLOCK | TF_HEAD},
    {"h3", TF_BLOCK | TF_HEAD},
    {"h4", TF_BLOCK | TF_HEAD},
    {"h5", TF_BLOCK | TF_HEAD},
    {"h6", TF_BLOCK | TF_HEAD},
    {"head", TF_DROP},
    {"header", TF_BLOCK | TF_CLEAN},
    {"hgroup", TF_BLOCK},
    {"hr", TF_BLOCK},
    {"iframe", TF_DROP | TF_EMBED},
    {"img", TF_IMG},
    {"input", TF_DROP | TF_INPUT},
    {"label", TF_DROP},
    {"legend", TF_DROP},
    {"li", TF_ITEM},
    {"link", TF_DROP},
    {"main", TF_BLOCK | TF_DIVLIKE},
    {"map", TF_DROP},
    {"math", TF_DROP},
    {"menu", TF_DROP | TF_BLOCK},
    {"meta", TF_DROP},
    {"nav", TF_DROP | TF_BLOCK},
    {"noscript", TF_DROP},
    {"object", TF_DROP | TF_EMBED},
    {"ol", TF_BLOCK | TF_LIST | TF_CLEAN},
    {"optgroup", TF_DROP},
    {"option", TF_DROP},
    {"output", TF_DROP},
    {"p", TF_BLOCK | TF_PARA},
    {"picture", TF_DROP | TF_IMG},
    {"pre", TF_BLOCK | TF_PARA},
    {"progress", TF_DROP},
    {"script", TF_DROP},
    {"section", TF_BLOCK | TF_DIVLIKE | TF_CLEAN},
    {"select", TF_DROP | TF_INPUT},
    {"source", TF_DROP},
    {"style", TF_DROP},
    {"svg", TF_DROP | TF_IMG},
    {"table", TF_BLOCK | TF_CLEAN},
    {"tbody", TF_BLOCK},
    {"td", TF_CELL | TF_PARA},
    {"template", TF_DROP},
    {"textarea", TF_DROP | TF_INPUT},
    {"tfoot", TF_BLOCK},
    {"th", TF_CELL},
    {"thead", TF_BLOCK},
    {"title", TF_DROP},
    {"tr", TF_BLOCK},
    {"track", TF_DROP},
    {"ul", TF_BLOCK | TF_LIST | TF_CLEAN},
    {"video", TF_DROP | TF_EMBED},
};

static int tagdef_cmp(const void *key, const void *elem) {
    return strcmp(key, ((const tagdef *)elem)->name);
}

static unsigned tag_flags(const char *name) {
    const tagdef *t = bsearch(name, tags, sizeof tags / sizeof *tags, sizeof *tags, tagdef_cmp);
    return t ? t->flags : 0;
}

/* ---- class/id evidence -------------------------------------------------- */

/* Generic markers of page chrome and of content in class and id values
** (the vocabulary of Readability and boilerpipe). */
static const char *const unlikely_words[] = {
    "-ad-", "ad-break", "agegate", "banner", "breadcrumb", "combx", "comment",
    "community", "cookie", "cover-wrap", "disqus", "extra", "footer", "gdpr",
    "header", "legends", "masthead", "menu", "modal", "newsletter", "outbrain",
    "pager", "pagination", "popup", "promo", "related", "remark", "replies",
    "rss", "share", "sharing", "shoutbox", "sidebar", "skyscraper", "social",
    "sponsor", "subscribe", "supplemental", "taboola", "toolbar", "widget",
};
static const char *const maybe_words[] = {
    "and", "article", "body", "column", "content", "main", "shadow", "story",
};
static const char *const positive_words[] = {
    "article", "blog", "body", "content", "entry", "hentry", "h-entry", "main",
    "page", "post", "story", "text",
};
static const char *const negative_words[] = {
    "-ad-", "author", "banner", "bio", "byline", "caption", "combx", "comment",
    "com-", "contact", "cookie", "credit", "footer", "gdpr", "hidden",
    "masthead", "media", "meta", "newsletter", "outbrain", "promo", "related",
    "recommend", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
    "sponsor", "shopping", "signup", "social", "subscribe", "tags", "tool",
    "widget",
};
/* Roles that mark landmarks other than the main content. */
static const char *const drop_roles[] = {
    "alert", "alertdialog", "banner", "complementary", "contentinfo", "dialog",
    "menu", "menubar", "navigation", "search",
};

static int any_word(const char *hay, const char *const *words, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (strstr(hay, words[i])) return 1;
    return 0;
}

#define ANY(hay, list) any_word(hay, list, sizeof list / sizeof *list)

/* Lower-cased "class id" of an element into DST (truncated). */
static void class_id(const html_doc *d, html_id id, char *dst, size_t cap) {
    const char *c = html_attr(d, id, "class"), *i = html_attr(d, id, "id");
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++) {
        const char *s = pass ? i : c;
        if (!s) continue;
        if (k && k + 1 < cap) dst[k++] = ' ';
        for (; *s && k + 1 < cap; s++) dst[k++] = (char)tolower((unsigned char)*s);
    }
    dst[k] = '\0';
}

static int class_weight(const char *ci) {
    int w = 0;
    if (!*ci) return 0;
    if (ANY(ci, negative_words)) w -= 25;
    if (ANY(ci, positive_words)) w += 25;
    return w;
}

static int ci_contains(const char *hay, const char *needle) {
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0) return 1;
    return 0;
}

static int is_hidden(const html_doc *d, html_id id) {
    if (html_attr(d, id, "hidden")) return 1;
    const char *a = html_attr(d, id, "aria-hidden");
    if (a && strcmp(a, "true") == 0) return 1;
    const char *st = html_attr(d, id, "style");
    if (st) {
        char tmp[256];
        size_t k = 0;
        for (; *st && k + 1 < sizeof tmp; st++)
            if (!isspace((unsigned char)*st)) tmp[k++] = (char)tolower((unsigned char)*st);
        tmp[k] = '\0';
        if (strstr(tmp, "display:none") || strstr(tmp, "visibility:hidden")) return 1;
    }
    return 0;
}

/* ---- per-node facts ----------------------------------------------------- */

typedef struct ninfo {
    unsigned flags;       /* tag flags */
    int weight;           /* class/id weight */
    uint8_t drop;         /* removed with its subtree */
    uint8_t unlikely;     /* class/id says chrome */
    uint8_t in_link;
    uint8_t block_child;  /* has a block-level child */
    uint32_t text;        /* visible characters in the subtree */
    uint32_t link;        /* of them, inside links */
    uint32_t own;         /* characters in direct text and inline children */
    uint32_t commas;
    uint32_t paras, imgs, items, inputs, embeds, heads;
    uint32_t ptext;       /* characters in paragraphs that are mostly not links */
    double score;
    uint8_t scored;
} ninfo;

/* ---- characters of every script ----------------------------------------- */

/* The code point of the UTF-8 sequence at S[0..N) (the text is valid
** UTF-8: html.c and read.c see to it), and its length in *LEN. */
static uint32_t cp_at(const unsigned char *s, size_t n, size_t *len) {
    uint32_t c = s[0];
    size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (k > n) k = 1;
    if (k > 1) {
        c &= 0x7F >> k;
        for (size_t i = 1; i < k; i++) c = c << 6 | (s[i] & 0x3F);
    }
    *len = k;
    return c;
}

/* How many Latin-letter equivalents one character of its script is
** worth: a Han character or a kana carries about a word (written without
** spaces), a Hangul syllable about two letters of a spaced alphabet;
** alphabets (Latin, Cyrillic, Greek, Arabic, Hebrew, Thai, Devanagari)
** count one per character. Length thresholds of the scorer and the
** baseline then mean the same amount of text in every language. */
static uint32_t char_weight(uint32_t c) {
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x20000 && c <= 0x2FFFF))
        return 3;
    if (c >= 0xAC00 && c <= 0xD7A3) return 2;
    return 1;
}

/* Commas of every script: "," and the ideographic, full-width and Arabic
** ones, which mark clauses as "," does. */
static int is_comma(uint32_t c) { return c == ',' || c == 0x3001 || c == 0xFF0C || c == 0x060C; }

/* Sentence ends of every script: ". ! ?", the ideographic and full-width
** full stop, marks, the Arabic question mark, the Devanagari danda. */
static int is_stop(uint32_t c) {
    return c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F
           || c == 0xFF0E || c == 0x061F || c == 0x06D4 || c == 0x0964;
}

/* Visible characters of a text, weighted by char_weight, plus one per
** gap between words; its commas (is_comma) are added to *COMMAS. */
static uint32_t text_chars(const char *s, size_t n, uint32_t *commas) {
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = 0;
    int gap = 0;
    for (size_t i = 0; i < n;) {
        unsigned char ch = u[i];
        if (isspace(ch)) { gap = 1; i++; continue; }
        if (gap && c) c++;
        gap = 0;
        if (ch < 0x80) {
            c++;
            if (ch == ',') (*commas)++;
            i++;
            continue;
        }
        size_t len;
        uint32_t cp = cp_at(u + i, n - i, &len);
        c += char_weight(cp);
        if (is_comma(cp)) (*commas)++;
        i += len;
    }
    if (gap && c) c++;
    return c;
}

typedef struct ctx {
    const html_doc *d;
    size_t n;
    ninfo *ni;
    html_id anchor;   /* the container of the headline (title_anchor), or HTML_NONE */
} ctx;

/* Marks what is dropped (STRICT: also class/id chrome) and computes the
** subtree sums bottom-up. */
static void measure(ctx *x, int strict, int use_weights) {
    const html_doc *d = x->d;
    ninfo *ni = x->ni;
    for (size_t i = 0; i < x->n; i++) {
        ninfo *p = &ni[i];
        html_id par = html_parent(d, (html_id)i);
        unsigned keep_flags = p->flags;
        int weight = p->weight, unlikely = p->unlikely;
        memset(p, 0, sizeof *p);
        p->flags = keep_flags;
        p->weight = use_weights ? weight : 0;
        p->unlikely = (uint8_t)unlikely;
        if (par != HTML_NONE) {
            p->drop = ni[par].drop;
            p->in_link = ni[par].in_link;
        }
        html_kind k = html_node_kind(d, (html_id)i);
        if (k == HTML_COMMENT) p->drop = 1;
        if (k != HTML_ELEMENT) continue;
        if (p->flags & TF_DROP) p->drop = 1;
        if (strict && unlikely) p->drop = 1;
        if (p->flags & TF_LINK) p->in_link = 1;
    }
    for (size_t i = x->n; i-- > 1;) {
        ninfo *p = &ni[i];
        html_id par = html_parent(d, (html_id)i);
        ninfo *q = &ni[par];
        html_kind k = html_node_kind(d, (html_id)i);
        if (p->drop) {
            if (p->flags & TF_IMG) q->imgs++;
            if (p->flags & TF_INPUT) q->inputs++;
            if (p->flags & TF_EMBED) q->embeds++;
            continue;
        }
        if (k == HTML_TEXT) {
            size_t len;
            const char *t = html_text(d, (html_id)i, &len);
            p->text = text_chars(t, len, &p->commas);
            if (p->in_link) p->link = p->text;
        }
        q->text += p->text;
        q->link += p->link;
        q->commas += p->commas;
        q->paras += p->paras + ((p->flags & TF_PARA) && p->text > 0);
        q->imgs += p->imgs + !!(p->flags & TF_IMG);
        q->items += p->items + !!(p->flags & TF_ITEM);
        q->inputs += p->inputs + !!(p->flags & TF_INPUT);
        q->embeds += p->embeds + !!(p->flags & TF_EMBED);
        q->heads += (p->flags & TF_HEAD) ? p->text : p->heads;
        q->ptext += ((p->flags & TF_PARA) && !p->paras && p->link * 2 < p->text) ? p->text : p->ptext;
        if (k == HTML_TEXT || !(p->flags & (TF_BLOCK | TF_ITEM | TF_CELL | TF_BR)))
            q->own += p->text;
        if (p->flags & (TF_BLOCK | TF_ITEM | TF_CELL | TF_IMG)) q->block_child = 1;
    }
}

static double link_density(const ninfo *p) {
    return p->text ? (double)p->link / p->text : 0.0;
}

static void init_score(ninfo *p, const char *tag) {
    if (p->scored) return;
    p->scored = 1;
    double s = 0;
    if (strcmp(tag, "div") == 0 || strcmp(tag, "article") == 0) s = 5;
    else if (strcmp(tag, "pre") == 0 || strcmp(tag, "td") == 0 || strcmp(tag, "blockquote") == 0) s = 3;
    else if (p->flags & (TF_LIST | TF_ITEM) || strcmp(tag, "form") == 0 || strcmp(tag, "address") == 0) s = -3;
    else if (p->flags & TF_HEAD || strcmp(tag, "th") == 0) s = -5;
    p->score = s + p->weight;
}

/* The article begins at its headline. When the best candidate lies away
** from the headline's container (neither inside the container's parent
** nor holding the container), it is a box elsewhere on the page, and the
** headline's container is taken instead if it scores within 25 of it
** (the weight of a class that says "article"): a short article then
** outweighs a longer box of site prose. A candidate beside the headline
** is the article's body and stays; pick_siblings() decides on the rest. */
static html_id headline_first(const ctx *x, html_id best) {
    html_id a = x->anchor;
    if (best == HTML_NONE || a == HTML_NONE || x->ni[a].drop) return best;
    html_id par = html_parent(x->d, a);
    int near = (best >= par && best < html_end(x->d, par)) || (a >= best && a < html_end(x->d, best));
    double sa = x->ni[a].scored ? x->ni[a].score : 0;
    return !near && sa + 25 > x->ni[best].score ? a : best;
}

/* Scores paragraphs into their ancestors; returns the best candidate. */
static html_id score_tree(ctx *x) {
    const html_doc *d = x->d;
    ninfo *ni = x->ni;
    for (size_t i = 1; i < x->n; i++) {
        ninfo *p = &ni[i];
        if (p->drop || html_node_kind(d, (html_id)i) != HTML_ELEMENT) continue;
        uint32_t len;
        if (p->flags & TF_PARA) len = p->text;
        else if ((p->flags & TF_DIVLIKE) && !p->block_child) len = p->text;
        else if (p->flags & (TF_DIVLIKE | TF_ITEM)) len = p->own;
        else continue;
        if (len < 25) continue;
        if (p->text && (double)p->link / p->text > 0.5) continue;
        double s = 1 + (p->commas < 20 ? p->commas : 20) + (len / 100 < 3 ? len / 100 : 3);
        html_id a = (p->flags & TF_PARA) ? html_parent(d, (html_id)i) : (html_id)i;
        for (int level = 0; a != HTML_NONE && a != 0 && level < 5; level++) {
            ninfo *q = &ni[a];
            init_score(q, html_tag(d, a));
            q->score += level == 0 ? s : level == 1 ? s / 2 : s / (level * 3);
            a = html_parent(d, a);
        }
    }
    html_id best = HTML_NONE;
    double best_s = 0;
    for (size_t i = 1; i < x->n; i++) {
        ninfo *p = &ni[i];
        if (!p->scored) continue;
        p->score *= 1 - link_density(p);
        if (best == HTML_NONE || p->score > best_s) {
            best = (html_id)i;
            best_s = p->score;
        }
    }
    return headline_first(x, best);
}

/* Moves up from the best candidate when its parent holds it as one part
** of a larger article (as Readability does). */
static html_id refine_top(ctx *x, html_id top) {
    const html_doc *d = x->d;
    ninfo *ni = x->ni;
    /* climb while the parent scores comparably */
    double last = ni[top].score;
    html_id par = html_parent(d, top);
    double floor_s = last / 3;
    while (par != HTML_NONE && par != 0 && strcmp(html_tag(d, par), "body") != 0) {
        if (!ni[par].scored) { par = html_parent(d, par); continue; }
        double ps = ni[par].score;
        if (ps < floor_s) break;
        if (ps > last) { top = par; break; }
        last = ps;
        par = html_parent(d, par);
    }
    /* an only child stands for its parent */
    for (;;) {
        par = html_parent(d, top);
        if (par == HTML_NONE || par == 0 || strcmp(html_tag(d, par), "body") == 0) break;
        if (ni[par].text > ni[top].text + 25) break;
        top = par;
    }
    return top;
}

/* ---- the text writer ---------------------------------------------------- */

/* Raw output uses '\f' for a block break and '\n' for a line break;
** finish() makes the canonical text of extract.h. */
typedef struct writer {
    buf raw;
    int gap;   /* whitespace pending */
} writer;

static void w_text(writer *w, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isspace(c)) { w->gap = 1; continue; }
        /* U+00A0 no-break space */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { w->gap = 1; i++; continue; }
        if (w->gap) buf_putc(&w->raw, ' ');
        w->gap = 0;
        buf_putc(&w->raw, (char)c);
    }
}

static void w_break(writer *w, char c) {
    buf_putc(&w->raw, c);
    w->gap = 0;
}

static int same_text(const char *a, const char *b) {
    if (!a || !b) return 0;
    for (;;) {
        while (*a && !isalnum((unsigned char)*a) && !((unsigned char)*a & 0x80)) a++;
        while (*b && !isalnum((unsigned char)*b) && !((unsigned char)*b & 0x80)) b++;
        if (!*a || !*b) return !*a && !*b;
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
        a++, b++;
    }
}

/* A is a leading part of B, comparing words only (B may be longer). */
static int prefix_text(const char *a, const char *b) {
    for (;;) {
        while (*a && !isalnum((unsigned char)*a) && !((unsigned char)*a & 0x80)) a++;
        while (*b && !isalnum((unsigned char)*b) && !((unsigned char)*b & 0x80)) b++;
        if (!*a) return 1;
        if (!*b || tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
        a++, b++;
    }
}

static int ci_contains_n(const char *hay, size_t n, const char *needle) {
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (strncasecmp(hay + i, needle, m) == 0) return 1;
    return 0;
}

/* ---- judging lines -------------------------------------------------------- */

/* How finish() judges lines: not at all, as an HTML article's, as a
** plain text's (whose markup cannot tell menus apart). */
enum { JUDGE_NONE, JUDGE_HTML, JUDGE_TEXT };

/* One line of the canonical text; BLOCK when it opens a new block. */
typedef struct line {
    const char *p;
    size_t n;
    int block;
    int drop;
} line;

/* Whole lines that are page furniture wherever they stand (compared
** case-insensitively, trailing punctuation ignored). */
static const char *const junk_lines[] = {
    "ad", "advert", "advertisement", "article continues below", "don't miss",
    "click here", "close", "comments", "continue reading",
    "continue reading below", "email", "follow us", "image", "leave a comment",
    "loading", "menu", "more", "print", "read more", "share",
    "share this", "share this article", "share this story", "show more",
    "sign up", "skip to content", "skip to main content", "sponsored",
    "story continues below", "subscribe", "tell us what you think",
    "this slideshow requires javascript", "tweet", "video",
};
/* Short lines after which the rest is other articles. */
static const char *const stop_lines[] = {
    "also read", "further reading", "more from", "more on this",
    "more stories", "most popular", "most read", "read also", "read next", "recommended",
    "related", "related articles", "related content", "related coverage",
    "related posts", "related stories", "see also", "trending", "up next",
    "what to read next", "you may also like", "you might also like",
};
/* Prefixes of one-line teasers and credits ("Related: ...", "Photo: ..."). */
static const char *const teaser_prefixes[] = {
    "also read:", "credit:", "image:", "image credit", "photo:", "photograph:",
    "photos:", "picture:", "read also:", "read more:", "related:", "see more:",
    "watch:",
};
/* First words of a date stamp ("Updated 11:21 pm ..."). */
static const char *const stamp_words[] = {
    "first published", "last modified", "last updated", "modified", "posted",
    "published", "updated",
};
static const char *const month_words[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

/* Code points of scripts written without spaces between words: Han,
** kana, Thai, Lao, Khmer, Myanmar. */
static int unspaced(uint32_t c) {
    return (c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F)
           || (c >= 0x1780 && c <= 0x17FF) || char_weight(c) == 3;
}

/* Words of S[0..N), counted up to MAX + 1: callers only compare the count
** with small limits, and a paragraph of thousands of words need not be
** read to its end. In scripts written without spaces a run of characters
** is several words: two Han characters or kana make one (char_weight 3
** each), six Thai, Lao, Khmer or Myanmar letters one. Tokens of
** punctuation and symbols only ("·", "|", "—", "»") are not words. */
static size_t count_words(const char *s, size_t n, size_t max) {
    const unsigned char *u = (const unsigned char *)s;
    size_t w = 0, i = 0;
    while (i < n && w <= max) {
        while (i < n && isspace(u[i])) i++;
        if (i == n) break;
        size_t units = 0;   /* sixths of a word in unspaced scripts */
        int wordy = 0;      /* a letter or digit: "·" or "|" alone is no word */
        while (i < n && !isspace(u[i])) {
            if (u[i] < 0x80) { wordy |= isalnum(u[i]); i++; continue; }
            size_t len;
            uint32_t c = cp_at(u + i, n - i, &len);
            if (unspaced(c)) units += char_weight(c);
            wordy |= !(c <= 0xBF || (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F));
            i += len;
        }
        if (wordy) w += units > 6 ? units / 6 : 1;
    }
    return w;
}

/* Compares a line with a marker, ignoring case and trailing punctuation. */
static int line_is(const char *p, size_t n, const char *word) {
    while (n && (ispunct((unsigned char)p[n - 1]) || isspace((unsigned char)p[n - 1]))) n--;
    while (n && (ispunct((unsigned char)*p) || isspace((unsigned char)*p))) { p++; n--; }
    size_t m = strlen(word);
    return n == m && strncasecmp(p, word, m) == 0;
}

static int line_in(const char *p, size_t n, const char *const *list, size_t k) {
    for (size_t i = 0; i < k; i++)
        if (line_is(p, n, list[i])) return 1;
    return 0;
}

static int starts_with(const char *p, size_t n, const char *const *list, size_t k) {
    for (size_t i = 0; i < k; i++) {
        size_t m = strlen(list[i]);
        if (n >= m && strncasecmp(p, list[i], m) == 0) return 1;
    }
    return 0;
}

#define LINE_IN(p, n, list) line_in(p, n, list, sizeof list / sizeof *list)
#define STARTS(p, n, list) starts_with(p, n, list, sizeof list / sizeof *list)

/* A credit in brackets at the end: "... (Image: GETTY)". */
static int ends_with_credit(const char *p, size_t n) {
    if (!n || p[n - 1] != ')') return 0;
    size_t i = n - 1;
    while (i > 0 && p[i] != '(') i--;
    if (p[i] != '(') return 0;
    return STARTS(p + i + 1, n - i - 1, teaser_prefixes) || ci_contains_n(p + i, n - i, "getty")
           || ci_contains_n(p + i, n - i, "photo");
}

/* The first N (at most 3) bytes of P, ASCII letters lower-cased, as one
** number: for P ASCII letters and digits, equal numbers mean
** strncasecmp(P, Q, N) == 0, without a call per month (bytes of other
** scripts in a token of is_stamp never equal a month's letters). */
static unsigned long ascii_fold3(const char *p, size_t n) {
    unsigned long w = 0;
    for (size_t k = 0; k < n; k++) w = w << 8 | ((unsigned char)p[k] | 0x20);
    return w;
}

/* A byte of a token of is_stamp: an ASCII letter or digit, or a byte of
** a non-ASCII letter (punctuation of U+0080..U+00BF, U+2000..U+206F and
** U+3000..U+303F, such as "·", "–" and "、", separates tokens). */
static int stamp_char(const char *p, size_t n, size_t i) {
    const unsigned char *u = (const unsigned char *)p;
    if (u[i] < 0x80) return isalnum(u[i]);
    size_t lead = i;
    while (lead > 0 && (u[lead] & 0xC0) == 0x80) lead--;
    if (u[lead] == 0xC2) return 0;
    if (lead + 1 < n && ((u[lead] == 0xE2 && (u[lead + 1] == 0x80 || u[lead + 1] == 0x81))
                         || (u[lead] == 0xE3 && u[lead + 1] == 0x80)))
        return 0;
    return 1;
}

/* The end of the run of digits at P[i], at most 4 long, or I. */
static size_t digits_end(const char *p, size_t n, size_t i) {
    size_t k = i;
    while (k < n && k - i < 5 && isdigit((unsigned char)p[k])) k++;
    return k - i <= 4 ? k : i;
}

/* P holds a clock time ("9:12", "21:05") or a date written in digits
** ("2021.03.04", "4/3/2021", "2019-11-20": three groups, a year of four
** digits first or last). */
static int has_clock_or_date(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)p[i]) || (i && isdigit((unsigned char)p[i - 1]))) continue;
        size_t a = digits_end(p, n, i);
        if (a == i || a >= n) continue;
        char sep = p[a];
        size_t b = digits_end(p, n, a + 1);
        if (sep == ':' && a - i <= 2 && b - a == 3) return 1;
        size_t c = b > a + 1 && b < n && p[b] == sep ? digits_end(p, n, b + 1) : b;
        if ((sep == '.' || sep == '/' || sep == '-') && c > b + 1 && (a - i == 4 || c - b == 5))
            return 1;
    }
    return 0;
}

/* A line that only dates the page: "Updated Nov 19, 6:55 AM". WORDS is
** count_words(P, N, 14 or more); HEAD says the article's text has not
** begun yet. */
static int is_stamp(const char *p, size_t n, size_t words, int head) {
    if (words > 14) return 0;
    if (STARTS(p, n, stamp_words)) return 1;
    /* mostly date tokens: month names, digits, am/pm; a word of another
    ** script is a token too ("3일" counts as a date, "다쳤다" does not) */
    size_t tokens = 0, datey = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && !stamp_char(p, n, i)) i++;
        size_t s = i;
        while (i < n && stamp_char(p, n, i)) i++;
        if (i == s) break;
        tokens++;
        if (isdigit((unsigned char)p[s])) datey++;
        else if (i - s == 2 && ascii_fold3(p + s, 2) == ascii_fold3("am", 2)) datey++;
        else if (i - s == 2 && ascii_fold3(p + s, 2) == ascii_fold3("pm", 2)) datey++;
        else if (i - s >= 3) {
            unsigned long w = ascii_fold3(p + s, 3);
            for (size_t m = 0; m < sizeof month_words / sizeof *month_words; m++)
                if (w == ascii_fold3(month_words[m], 3)) { datey++; break; }
        }
    }
    /* above the article, a clock or an all-digit date marks a stamp in any
    ** language, so its words (weekday, month, "modified" in the page's
    ** language) need only be outnumbered by the numbers */
    if (head && tokens >= 2 && datey * 2 >= tokens && has_clock_or_date(p, n)) return 1;
    return tokens >= 2 && datey * 4 >= tokens * 3;
}

/* Same words as the title, or its leading part (titles carry " | Site"). */
static int is_title_line(const char *p, size_t n, const char *const *titles, size_t nt) {
    char *s = malloc(n + 1);
    if (!s) return 0;
    memcpy(s, p, n);
    s[n] = '\0';
    int r = 0;
    for (size_t i = 0; i < nt && !r; i++) {
        if (!titles[i]) continue;
        r = same_text(s, titles[i]) || (count_words(p, n, 2) >= 2 && prefix_text(s, titles[i]));
    }
    free(s);
    return r;
}

/* Words that follow "NAME is a/an/the ..." in an author's bio. */
static const char *const bio_words[] = {
    "analyst", "author", "columnist", "contributor", "correspondent", "director",
    "editor", "fellow", "founder", "journalist", "lecturer", "professor",
    "reporter", "researcher", "scholar", "writer",
};

/* "Jane Doe is a senior fellow at ...": two to four capitalised words,
** then "is", then a role within a few words. */
static int is_bio(const char *p, size_t n) {
    if (count_words(p, n, 80) > 80) return 0;
    size_t i = 0, names = 0;
    while (i < n && names < 5) {
        if (!isupper((unsigned char)p[i])) break;
        while (i < n && !isspace((unsigned char)p[i])) i++;
        while (i < n && isspace((unsigned char)p[i])) i++;
        names++;
        if (n - i > 3 && !strncmp(p + i, "is ", 3)) break;
    }
    if (names < 2 || names > 4 || n - i <= 3 || strncmp(p + i, "is ", 3) != 0) return 0;
    size_t end = i + 80 < n ? i + 80 : n;
    for (size_t k = 0; k < sizeof bio_words / sizeof *bio_words; k++)
        if (ci_contains_n(p + i, end - i, bio_words[k])) return 1;
    return 0;
}

/* A short line that is not a sentence: a menu or category entry. */
static int is_nav_line(const char *p, size_t n) {
    if (count_words(p, n, 6) > 6) return 0;
    char last = p[n - 1];
    return last != '.' && last != '!' && last != '?' && last != ':';
}

/* Drops runs of at least three menu-like lines at either end. */
static void drop_nav_runs(line *l, size_t nl) {
    size_t a = 0;
    while (a < nl && (l[a].drop || is_nav_line(l[a].p, l[a].n))) a++;
    size_t live = 0;
    for (size_t k = 0; k < a; k++) live += !l[k].drop;
    if (live >= 3) for (size_t k = 0; k < a; k++) l[k].drop = 1;
    size_t b = nl;
    while (b > a && (l[b - 1].drop || is_nav_line(l[b - 1].p, l[b - 1].n))) b--;
    live = 0;
    for (size_t k = b; k < nl; k++) live += !l[k].drop;
    if (live >= 3) for (size_t k = b; k < nl; k++) l[k].drop = 1;
}

/* Marks the lines that are not article: furniture, teasers, credits,
** date stamps, a repeated title, and the tail after a "Related" heading. */
static void judge_lines(line *l, size_t nl, const char *const *titles, size_t nt,
                        int judge) {
    size_t total = 0;
    for (size_t i = 0; i < nl; i++) total += l[i].n;
    size_t seen = 0;
    int body_started = 0;
    for (size_t i = 0; i < nl; i++) {
        const char *p = l[i].p;
        /* counted to 14 (15: more), what every test below needs but the
        ** teaser's, which counts on when the line could be one */
        size_t n = l[i].n, words = count_words(p, n, 14);
        seen += n;
        if (words <= 6 && LINE_IN(p, n, stop_lines)) {
            l[i].drop = 1;
            if (seen * 3 > total * 2) {
                for (size_t k = i + 1; k < nl; k++) l[k].drop = 1;
                break;
            }
            continue;
        }
        if (words <= 6 && LINE_IN(p, n, junk_lines)) l[i].drop = 1;
        else if ((STARTS(p, n, teaser_prefixes) || ends_with_credit(p, n)) &&
                 (words <= 14 || count_words(p, n, 40) <= 40))
            l[i].drop = 1;
        else if (!body_started && (is_stamp(p, n, words, 1)
                                   || (is_title_line(p, n, titles, nt)
                                       && !(judge == JUDGE_TEXT && i == 0))
                                   || (words <= 6 && n > 3 && !strncasecmp(p, "by ", 3))))
            l[i].drop = 1;
        else if (words <= 14 && is_stamp(p, n, words, 0)) l[i].drop = 1;
        else if (seen * 4 > total * 3 && is_bio(p, n)) l[i].drop = 1;
        if (!l[i].drop && words >= 12) body_started = 1;
    }
    /* in HTML, lists at the ends are the article's own; markup told
    ** menus apart already */
    if (judge == JUDGE_TEXT) drop_nav_runs(l, nl);
}

/* Splits the raw text into lines, judges them (JUDGE_*),
** and writes the canonical text: trimmed lines, one blank line between
** blocks. */
static char *finish(const char *raw, size_t n, const char *const *titles, size_t nt,
                    int judge, size_t *out_len, int *rc) {
    buf lines;
    buf_init(&lines, BUF_NO_LIMIT);
    int block = 1;
    size_t i = 0, ff = 0;   /* the next '\f' at or after I, or N */
    while (i < n) {
        if (ff < i || i == 0) {
            const char *f = memchr(raw + i, '\f', n - i);
            ff = f ? (size_t)(f - raw) : n;
        }
        const char *nl = memchr(raw + i, '\n', ff - i);
        size_t j = nl ? (size_t)(nl - raw) : ff;
        size_t a = i, b = j;
        while (a < b && raw[a] == ' ') a++;
        while (b > a && raw[b - 1] == ' ') b--;
        if (b > a) {
            line l = {raw + a, b - a, block, 0};
            buf_append(&lines, &l, sizeof l);
            block = 0;
        }
        if (j < n && raw[j] == '\f') block = 1;
        i = j + 1;
    }
    line *l = (line *)lines.data;
    size_t nl = lines.len / sizeof(line);
    if (judge != JUDGE_NONE && nl) judge_lines(l, nl, titles, nt, judge);
    buf o;
    buf_init(&o, BUF_NO_LIMIT);
    int pending_block = 0;
    for (size_t k = 0; k < nl; k++) {
        if (l[k].block) pending_block = 1;
        if (l[k].drop) continue;
        if (o.len) buf_puts(&o, pending_block ? "\n\n" : "\n");
        buf_append(&o, l[k].p, l[k].n);
        pending_block = 0;
    }
    *rc = lines.rc ? lines.rc : o.rc;
    buf_release(&lines);
    return buf_detach(&o, out_len);
}

/* ---- metadata ----------------------------------------------------------- */

typedef struct meta {
    char *title, *og_title, *headline, *doc_title, *site, *lang, *canonical;
    char *published;
    char **authors;
    size_t n_authors;
    char *ld_body;     /* JSON-LD articleBody, a hint for the scorer */
} meta;

static char *dup_trim(const char *s, size_t n) {
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    while (n && isspace((unsigned char)s[n - 1])) n--;
    if (!n) return NULL;
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    int gap = 0;
    for (size_t i = 0; i < n; i++) {
        if (isspace((unsigned char)s[i])) { gap = 1; continue; }
        if (gap) buf_putc(&b, ' ');
        gap = 0;
        buf_putc(&b, s[i]);
    }
    return buf_detach(&b, NULL);
}

static void set_once(char **dst, const char *s) {
    if (*dst || !s) return;
    *dst = dup_trim(s, strlen(s));
}

/* The ISO 8601 prefix of S (date, and time when well formed), or NULL. */
static char *iso_date(const char *s) {
    if (!s) return NULL;
    while (isspace((unsigned char)*s)) s++;
    size_t k = 0;
    for (; k < 4; k++) if (!isdigit((unsigned char)s[k])) return NULL;
    if (s[4] == '-' && isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6])) {
        k = 7;
        if (s[7] == '-' && isdigit((unsigned char)s[8]) && isdigit((unsigned char)s[9])) {
            k = 10;
            if ((s[10] == 'T' || s[10] == ' ') && isdigit((unsigned char)s[11])
                && isdigit((unsigned char)s[12]) && s[13] == ':'
                && isdigit((unsigned char)s[14]) && isdigit((unsigned char)s[15])) {
                size_t t = 16;
                if (s[t] == ':' && isdigit((unsigned char)s[t + 1]) && isdigit((unsigned char)s[t + 2])) t += 3;
                if (s[t] == '.') { t++; while (isdigit((unsigned char)s[t])) t++; }
                if (s[t] == 'Z') t++;
                else if ((s[t] == '+' || s[t] == '-') && isdigit((unsigned char)s[t + 1])
                         && isdigit((unsigned char)s[t + 2])) {
                    t += 3;
                    if (s[t] == ':' && isdigit((unsigned char)s[t + 1]) && isdigit((unsigned char)s[t + 2])) t += 3;
                    else if (isdigit((unsigned char)s[t]) && isdigit((unsigned char)s[t + 1])) t += 2;
                }
                k = t;
            }
        }
    } else if (isdigit((unsigned char)s[4])) {
        return NULL;
    } else {
        k = 4;
    }
    char *r = malloc(k + 1);
    if (!r) return NULL;
    memcpy(r, s, k);
    r[k] = '\0';
    if (k > 10 && r[10] == ' ') r[10] = 'T';
    return r;
}

static int add_author(meta *m, const char *s, size_t n) {
    /* "By X", trailing punctuation */
    while (n && (isspace((unsigned char)*s))) { s++; n--; }
    if (n > 3 && strncasecmp(s, "by ", 3) == 0) { s += 3; n -= 3; }
    while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == ',' || s[n - 1] == '|')) n--;
    if (n == 0 || n > 100) return FL_OK;
    if (n > 4 && (strncmp(s, "http", 4) == 0 || memchr(s, '/', n))) return FL_OK;
    char *a = dup_trim(s, n);
    if (!a) return FL_OK;
    for (size_t i = 0; i < m->n_authors; i++)
        if (strcasecmp(m->authors[i], a) == 0) { free(a); return FL_OK; }
    char **v = realloc(m->authors, (m->n_authors + 1) * sizeof *v);
    if (!v) { free(a); return FL_ENOMEM; }
    m->authors = v;
    m->authors[m->n_authors++] = a;
    return FL_OK;
}

/* Splits "A, B and C" into authors. */
static void add_authors(meta *m, const char *s) {
    if (!s) return;
    const char *p = s;
    while (*p) {
        const char *e = p;
        size_t sep = 0;
        while (*e) {
            if (*e == ',' || *e == ';' || *e == '|') { sep = 1; break; }
            if (strncmp(e, " and ", 5) == 0) { sep = 5; break; }
            if (strncmp(e, " & ", 3) == 0) { sep = 3; break; }
            e++;
        }
        add_author(m, p, (size_t)(e - p));
        p = *e ? e + sep : e;
    }
}

static void ld_authors(meta *m, json_t *a) {
    if (json_is_string(a)) add_authors(m, json_string_value(a));
    else if (json_is_object(a)) {
        json_t *n = json_object_get(a, "name");
        if (json_is_string(n)) add_authors(m, json_string_value(n));
    } else if (json_is_array(a)) {
        size_t i;
        json_t *v;
        json_array_foreach(a, i, v) {
            if (json_is_string(v)) add_authors(m, json_string_value(v));
            else if (json_is_object(v)) {
                json_t *n = json_object_get(v, "name");
                if (json_is_string(n)) add_authors(m, json_string_value(n));
            }
        }
    }
}

static const char *const article_types[] = {
    "Article", "NewsArticle", "BlogPosting", "ReportageNews", "AnalysisNewsArticle",
    "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle",
    "ScholarlyArticle", "TechArticle", "Report", "WebPage", "LiveBlogPosting",
    "SocialMediaPosting", "Review",
};

static int is_article_name(json_t *t) {
    if (!json_is_string(t)) return 0;
    const char *s = json_string_value(t);
    for (size_t i = 0; i < sizeof article_types / sizeof *article_types; i++)
        if (strcmp(s, article_types[i]) == 0) return 1;
    return 0;
}

/* "@type" is a name or a list of names. */
static int is_article_type(json_t *t) {
    if (!json_is_array(t)) return is_article_name(t);
    size_t i;
    json_t *v;
    json_array_foreach(t, i, v) if (is_article_name(v)) return 1;
    return 0;
}

static const char *jstr(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    if (json_is_array(v)) v = json_array_get(v, 0);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void ld_item(meta *m, json_t *o) {
    if (!json_is_object(o) || !is_article_type(json_object_get(o, "@type"))) return;
    int is_page = json_is_string(json_object_get(o, "@type"))
                  && strcmp(json_string_value(json_object_get(o, "@type")), "WebPage") == 0;
    set_once(&m->headline, jstr(o, "headline"));
    if (!m->published) m->published = iso_date(jstr(o, "datePublished"));
    if (!is_page) ld_authors(m, json_object_get(o, "author"));
    set_once(&m->lang, jstr(o, "inLanguage"));
    json_t *pub = json_object_get(o, "publisher");
    if (json_is_object(pub)) set_once(&m->site, jstr(pub, "name"));
    set_once(&m->ld_body, jstr(o, "articleBody"));
    if (!is_page) set_once(&m->canonical, jstr(o, "url"));
}

/* JSON-LD: the top object, a top array, or an @graph of either. */
static void ld_json(meta *m, const char *s, size_t n) {
    json_t *root = json_loadb(s, n, JSON_DECODE_ANY, NULL);
    if (!root) return;
    json_t *lists[2] = {root, NULL};
    if (json_is_object(root)) lists[1] = json_object_get(root, "@graph");
    for (int l = 0; l < 2; l++) {
        json_t *v = lists[l];
        if (json_is_object(v)) ld_item(m, v);
        else if (json_is_array(v)) {
            size_t i;
            json_t *it;
            json_array_foreach(v, i, it) {
                ld_item(m, it);
                if (json_is_object(it)) {
                    json_t *g = json_object_get(it, "@graph");
                    size_t k;
                    json_t *git;
                    if (json_is_array(g)) json_array_foreach(g, k, git) ld_item(m, git);
                }
            }
        }
    }
    json_decref(root);
}

/* Concatenated text of a subtree (for <title>, bylines and JSON-LD). */
static char *subtree_text(const html_doc *d, html_id id, size_t max) {
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    html_id end = html_end(d, id);
    for (html_id i = id; i < end && b.len < max; i++) {
        if (html_node_kind(d, i) != HTML_TEXT) continue;
        size_t len;
        const char *t = html_text(d, i, &len);
        buf_append(&b, t, len);
        buf_putc(&b, ' ');
    }
    if (b.rc) { buf_release(&b); return NULL; }
    char *r = dup_trim(b.data ? b.data : "", b.len);
    buf_release(&b);
    return r;
}

static void gather_meta(const html_doc *d, meta *m) {
    size_t n = html_count(d);
    /* meta tags first: the most trusted */
    const char *author_meta = NULL;
    for (html_id i = 0; i < n; i++) {
        if (html_node_kind(d, i) != HTML_ELEMENT) continue;
        const char *tag = html_tag(d, i);
        if (strcmp(tag, "html") == 0) set_once(&m->lang, html_attr(d, i, "lang"));
        else if (strcmp(tag, "meta") == 0) {
            const char *k = html_attr(d, i, "property");
            if (!k) k = html_attr(d, i, "name");
            if (!k) k = html_attr(d, i, "itemprop");
            if (!k) k = html_attr(d, i, "http-equiv");
            const char *v = html_attr(d, i, "content");
            if (!k || !v) continue;
            if (!strcasecmp(k, "og:title") || !strcasecmp(k, "twitter:title")
                || !strcasecmp(k, "dc.title"))
                set_once(&m->og_title, v);
            else if (!strcasecmp(k, "og:site_name") || !strcasecmp(k, "application-name"))
                set_once(&m->site, v);
            else if (!strcasecmp(k, "og:url")) set_once(&m->canonical, v);
            else if (!strcasecmp(k, "content-language") || !strcasecmp(k, "dc.language")
                     || !strcasecmp(k, "language"))
                set_once(&m->lang, v);
            else if (!strcasecmp(k, "article:published_time") || !strcasecmp(k, "og:published_time")
                     || !strcasecmp(k, "datePublished") || !strcasecmp(k, "dc.date")
                     || !strcasecmp(k, "dc.date.issued") || !strcasecmp(k, "dcterms.created")
                     || !strcasecmp(k, "pubdate") || !strcasecmp(k, "publish-date")
                     || !strcasecmp(k, "parsely-pub-date") || !strcasecmp(k, "sailthru.date")
                     || !strcasecmp(k, "date")) {
                if (!m->published) m->published = iso_date(v);
            } else if (!strcasecmp(k, "author") || !strcasecmp(k, "dc.creator")
                       || !strcasecmp(k, "article:author") || !strcasecmp(k, "parsely-author")
                       || !strcasecmp(k, "sailthru.author")) {
                if (!author_meta) author_meta = v;
            }
        } else if (strcmp(tag, "link") == 0) {
            const char *rel = html_attr(d, i, "rel");
            if (rel && !strcasecmp(rel, "canonical") && !m->canonical)
                set_once(&m->canonical, html_attr(d, i, "href"));
        } else if (strcmp(tag, "title") == 0 && !m->doc_title) {
            m->doc_title = subtree_text(d, i, 4096);
        }
    }
    if (author_meta) add_authors(m, author_meta);
    /* then JSON-LD */
    for (html_id i = 0; i < n; i++) {
        if (html_node_kind(d, i) != HTML_ELEMENT || strcmp(html_tag(d, i), "script") != 0) continue;
        const char *type = html_attr(d, i, "type");
        if (!type || strcasecmp(type, "application/ld+json") != 0) continue;
        for (html_id c = i + 1; c < html_end(d, i); c++) {
            size_t len;
            const char *t = html_text(d, c, &len);
            if (t) ld_json(m, t, len);
        }
    }
    /* then the visible byline and <time> */
    for (html_id i = 0; i < n && (!m->n_authors || !m->published); i++) {
        if (html_node_kind(d, i) != HTML_ELEMENT) continue;
        const char *tag = html_tag(d, i);
        if (!m->published && strcmp(tag, "time") == 0)
            m->published = iso_date(html_attr(d, i, "datetime"));
        if (m->n_authors) continue;
        const char *rel = html_attr(d, i, "rel");
        const char *ip = html_attr(d, i, "itemprop");
        char ci[256];
        class_id(d, i, ci, sizeof ci);
        int byline = (rel && !strcasecmp(rel, "author")) || (ip && !strcasecmp(ip, "author"))
                     || strstr(ci, "byline") || strstr(ci, "author-name");
        if (byline) {
            char *t = subtree_text(d, i, 200);
            if (t && strlen(t) < 100) add_authors(m, t);
            free(t);
            i = html_end(d, i) - 1;
        }
    }
    m->title = m->og_title ? m->og_title : m->headline ? m->headline : m->doc_title;
}

static void meta_release(meta *m, extract_result *out) {
    if (out) {
        out->title = m->title ? strdup(m->title) : NULL;
        out->authors = m->authors;
        out->n_authors = m->n_authors;
        out->published = m->published;
        out->site_name = m->site;
        out->language = m->lang;
        out->canonical_url = m->canonical;
    } else {
        for (size_t i = 0; i < m->n_authors; i++) free(m->authors[i]);
        free(m->authors);
        free(m->published);
        free(m->site);
        free(m->lang);
        free(m->canonical);
    }
    free(m->og_title);
    free(m->headline);
    free(m->doc_title);
    free(m->ld_body);
    memset(m, 0, sizeof *m);
}

/* ---- choosing and writing the article ----------------------------------- */

/* The last character of S[0..N) (valid UTF-8), or 0 when empty. */
static uint32_t last_char(const char *s, size_t n) {
    if (!n) return 0;
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    size_t len;
    return cp_at((const unsigned char *)s + i, n - i, &len);
}

/* The subtree's text ends a sentence (is_stop), a lead-in (":") or a
** quotation (a closing quote mark or an ellipsis, U+2000..U+206F). */
static int ends_sentence(const html_doc *d, html_id id) {
    char *t = subtree_text(d, id, 4096);
    int r = 0;
    if (t) {
        uint32_t c = last_char(t, strlen(t));
        r = is_stop(c) || c == ':' || (c >= 0x2000 && c <= 0x206F);
    }
    free(t);
    return r;
}

/* Marks the children of TOP's parent that belong with it. */
static void pick_siblings(ctx *x, html_id top, uint8_t *keep) {
    const html_doc *d = x->d;
    ninfo *ni = x->ni;
    html_id par = html_parent(d, top);
    if (par == HTML_NONE) { keep[top] = 1; return; }
    double thr = ni[top].score * 0.2;
    if (thr < 10) thr = 10;
    const char *tcls = html_attr(d, top, "class");
    for (html_id c = html_first_child(d, par); c != HTML_NONE; c = html_next_sibling(d, c)) {
        ninfo *p = &ni[c];
        if (c == top) { keep[c] = 1; continue; }
        if (p->drop || html_node_kind(d, c) != HTML_ELEMENT || !p->text) continue;
        double bonus = 0;
        const char *cls = html_attr(d, c, "class");
        if (tcls && cls && *tcls && strcmp(cls, tcls) == 0) bonus = ni[top].score * 0.2;
        if (p->scored && p->score + bonus >= thr) { keep[c] = 1; continue; }
        /* a container of real paragraphs: the article split in parts */
        if (p->ptext >= 200 && p->ptext * 10 >= ni[top].ptext && link_density(p) < 0.25
            && p->weight >= 0) { keep[c] = 1; continue; }
        if (p->flags & TF_PARA) {
            double ld = link_density(p);
            if (p->text > 80 && ld < 0.25) keep[c] = 1;
            else if (p->text > 0 && p->text <= 80 && ld == 0 && ends_sentence(d, c)) keep[c] = 1;
        }
    }
}

/* Readability's conditional cleaning: should this container go? */
static int looks_like_chrome(const ninfo *p, int is_list) {
    if (p->weight < 0) return 1;
    if (p->commas >= 10) return 0;
    double ld = link_density(p);
    uint32_t paras = p->paras, imgs = p->imgs;
    int items = (int)p->items - 100;
    if (imgs > 1 && (double)paras / imgs < 0.5) return 1;
    if (!is_list && items > (int)paras) return 1;
    if (p->inputs > paras / 3) return 1;
    if (!is_list && p->text < 25 && (imgs == 0 || imgs > 2) && ld > 0
        && (double)p->heads / (p->text ? p->text : 1) < 0.9) return 1;
    if (!is_list && p->weight < 25 && ld > 0.2) return 1;
    if (p->weight >= 25 && ld > 0.5) return 1;
    if ((p->embeds == 1 && p->text < 75) || p->embeds > 1) return 1;
    return 0;
}

/* Marks containers inside the kept subtrees to remove, innermost first,
** discounting removed ones from their ancestors. */
static void clean(ctx *x, const uint8_t *keep, uint8_t *gone, html_id root) {
    const html_doc *d = x->d;
    ninfo *ni = x->ni;
    html_id end = html_end(d, root);
    for (html_id i = end; i-- > root + 1;) {
        ninfo *p = &ni[i];
        if (p->drop || html_node_kind(d, i) != HTML_ELEMENT) continue;
        html_id par = html_parent(d, i);
        /* only inside kept subtrees */
        int inside = 0;
        for (html_id a = i; a != HTML_NONE && a >= root; a = html_parent(d, a))
            if (keep[a]) { inside = 1; break; }
        if (!inside || keep[i]) continue;
        int go = 0;
        if (p->flags & TF_CLEAN) {
            int is_list = (p->flags & TF_LIST) != 0;
            if (is_list && p->text && p->link == p->text && p->items > 0) go = 1;
            else go = looks_like_chrome(p, is_list);
        } else if (p->flags & TF_HEAD) {
            go = p->weight < 0 || (p->text && link_density(p) > 0.5);
        } else if (p->flags & TF_PARA) {
            go = p->text == 0 && p->imgs == 0 && p->embeds == 0;
        }
        if (!go) continue;
        gone[i] = 1;
        for (html_id a = par; a != HTML_NONE && a >= root; a = html_parent(d, a)) {
            ninfo *q = &ni[a];
            q->text -= p->text;
            q->link -= p->link;
            q->commas -= p->commas;
            q->paras -= p->paras + ((p->flags & TF_PARA) && p->text > 0);
        }
    }
}

/* An open element of the writer: where it ends and the break it owes. */
typedef struct open_el {
    html_id end;
    char brk;
} open_el;

/* Writes the subtree of TOP, skipping what is dropped or gone: blocks end
** with a block break, list items and cells with a line break. */
static void write_subtree(ctx *x, const uint8_t *gone, html_id top, writer *w, buf *stack) {
    const html_doc *d = x->d;
    html_id end = html_end(d, top);
    stack->len = 0;
    for (html_id j = top; j <= end; j++) {
        while (stack->len) {
            open_el *o = (open_el *)(stack->data + stack->len - sizeof *o);
            if (o->end > j) break;
            w_break(w, o->brk);
            stack->len -= sizeof *o;
        }
        if (j == end) break;
        const ninfo *p = &x->ni[j];
        if (p->drop || gone[j]) { j = html_end(d, j) - 1; continue; }
        html_kind k = html_node_kind(d, j);
        if (k == HTML_TEXT) {
            size_t len;
            const char *t = html_text(d, j, &len);
            w_text(w, t, len);
        } else if (k == HTML_ELEMENT && (p->flags & TF_BR)) {
            w_break(w, '\n');
        } else if (k == HTML_ELEMENT && (p->flags & (TF_BLOCK | TF_ITEM | TF_CELL))) {
            open_el o = {html_end(d, j), (p->flags & TF_BLOCK) ? '\f' : '\n'};
            w_break(w, o.brk);
            buf_append(stack, &o, sizeof o);
        }
    }
    w_break(w, '\f');
}

/* Writes the kept children of ROOT in document order. */
static void write_article(ctx *x, const uint8_t *keep, const uint8_t *gone, html_id root,
                          writer *w) {
    buf stack;
    buf_init(&stack, BUF_NO_LIMIT);
    if (keep[root]) write_subtree(x, gone, root, w, &stack);
    else
        for (html_id c = html_first_child(x->d, root); c != HTML_NONE; c = html_next_sibling(x->d, c))
            if (keep[c]) write_subtree(x, gone, c, w, &stack);
    if (stack.rc) w->raw.rc = stack.rc;
    buf_release(&stack);
}

/* One attempt: measure, score, choose, clean, write. */
static int attempt(ctx *x, int strict, int weights, buf *raw) {
    measure(x, strict, weights);
    html_id top = score_tree(x);
    if (top == HTML_NONE) return FL_OK;
    top = refine_top(x, top);
    uint8_t *keep = calloc(x->n, 2);
    if (!keep) return FL_ENOMEM;
    uint8_t *gone = keep + x->n;
    pick_siblings(x, top, keep);
    html_id root = html_parent(x->d, top);
    if (root == HTML_NONE) root = top;
    clean(x, keep, gone, root);
    writer w;
    buf_init(&w.raw, BUF_NO_LIMIT);
    w.gap = 0;
    write_article(x, keep, gone, root, &w);
    free(keep);
    if (w.raw.rc) { int rc = w.raw.rc; buf_release(&w.raw); return rc; }
    buf_release(raw);
    *raw = w.raw;
    return FL_OK;
}

static void init_nodes(ctx *x) {
    for (size_t i = 0; i < x->n; i++) {
        ninfo *p = &x->ni[i];
        memset(p, 0, sizeof *p);
        if (html_node_kind(x->d, (html_id)i) != HTML_ELEMENT) continue;
        const char *tag = html_tag(x->d, (html_id)i);
        p->flags = tag_flags(tag);
        char ci[512];
        class_id(x->d, (html_id)i, ci, sizeof ci);
        p->weight = class_weight(ci);
        int main_tag = !strcmp(tag, "body") || !strcmp(tag, "html") || !strcmp(tag, "article")
                       || !strcmp(tag, "main") || !strcmp(tag, "a");
        if (*ci && !main_tag && ANY(ci, unlikely_words) && !ANY(ci, maybe_words)) p->unlikely = 1;
        const char *role = html_attr(x->d, (html_id)i, "role");
        if (role && any_word(role, drop_roles, sizeof drop_roles / sizeof *drop_roles))
            p->flags |= TF_DROP;
        if (is_hidden(x->d, (html_id)i)) p->flags |= TF_DROP;
        if (ci_contains(ci, "share") || ci_contains(ci, "cookie")) p->unlikely = 1;
    }
}

/* ---- the headline ------------------------------------------------------ */

/* The lowest container of the page's headline (the first h1 whose words
** are the title's, or its leading part) that holds text of its own
** beyond headings and links, or HTML_NONE. Needs measure()'s sums. */
static html_id title_anchor(const ctx *x, const char *const *titles, size_t nt) {
    const html_doc *d = x->d;
    const ninfo *ni = x->ni;
    for (size_t i = 1; i < x->n; i++) {
        if (ni[i].drop || html_node_kind(d, (html_id)i) != HTML_ELEMENT
            || strcmp(html_tag(d, (html_id)i), "h1") != 0)
            continue;
        char *h = subtree_text(d, (html_id)i, 1024);
        int is_title = h && is_title_line(h, strlen(h), titles, nt);
        free(h);
        if (!is_title) return HTML_NONE;
        for (html_id a = html_parent(d, (html_id)i); a != HTML_NONE && a != 0; a = html_parent(d, a)) {
            if (!strcmp(html_tag(d, a), "body")) break;
            if (ni[a].text >= ni[a].heads + ni[a].link + 25) return a;
        }
        return HTML_NONE;
    }
    return HTML_NONE;
}

/* ---- the baseline ----------------------------------------------------- */

/* A judgement that needs no scoring of containers, to guard the scorer:
** the page cut into text blocks at every block-level tag (Body Text
** Extraction, Finn et al. 2001, on blocks instead of tokens; jusText's
** blocks), each worth its text when it reads as prose (links under a
** third of it) and costing its text when it is links; the contiguous run
** of blocks worth the most is the page's largest coherent text, and its
** prose blocks are the baseline's article. Tags flank always drops
** (scripts, navigation, forms, hidden parts, threads of posts) are
** skipped; class names are not looked at. */

typedef struct tblock {
    html_id first, last;   /* its text nodes lie in [first, last] */
    uint32_t text, link;
} tblock;

static void flush_block(tblock *cur, buf *blocks) {
    if (cur->text) buf_append(blocks, cur, sizeof *cur);
    memset(cur, 0, sizeof *cur);
    cur->first = HTML_NONE;
}

/* The page's text blocks in document order, into BLOCKS (tblock). */
static void text_blocks(const ctx *x, buf *blocks) {
    const html_doc *d = x->d;
    const ninfo *ni = x->ni;
    buf stack;
    buf_init(&stack, BUF_NO_LIMIT);
    tblock cur = {HTML_NONE, 0, 0, 0};
    for (html_id j = 0; j <= x->n; j++) {
        while (stack.len && ((html_id *)stack.data)[stack.len / sizeof(html_id) - 1] <= j) {
            stack.len -= sizeof(html_id);
            flush_block(&cur, blocks);
        }
        if (j == x->n) break;
        const ninfo *p = &ni[j];
        if (p->drop) { j = html_end(d, j) - 1; continue; }
        html_kind k = html_node_kind(d, j);
        if (k == HTML_TEXT && p->text) {
            if (cur.first == HTML_NONE) cur.first = j;
            cur.last = j;
            cur.text += p->text;
            cur.link += p->link;
        } else if (k == HTML_ELEMENT && (p->flags & (TF_BLOCK | TF_ITEM | TF_CELL))) {
            flush_block(&cur, blocks);
            html_id end = html_end(d, j);
            buf_append(&stack, &end, sizeof end);
        }
    }
    flush_block(&cur, blocks);
    if (stack.rc) blocks->rc = stack.rc;
    buf_release(&stack);
}

/* Prose: a block whose links are under a third of its text. */
static int prose(const tblock *b) { return b->link * 3 < b->text; }

/* Writes the baseline's article into RAW (as attempt() does); its
** weighted length into *LEN. Needs measure()'s sums. */
static int baseline(const ctx *x, buf *raw, size_t *len) {
    buf blocks;
    buf_init(&blocks, BUF_NO_LIMIT);
    text_blocks(x, &blocks);
    const tblock *b = (const tblock *)blocks.data;
    size_t nb = blocks.len / sizeof *b, a = 0, e = 0;
    /* the best run (maximum subarray): prose is worth its text less its
    ** links twice and a toll of 10 per block (a short line between
    ** paragraphs is neutral), link blocks cost their text */
    long best = 0, run = 0;
    size_t start = 0;
    for (size_t i = 0; i < nb; i++) {
        long v = prose(&b[i]) ? (long)b[i].text - 2 * (long)b[i].link - 10 : -(long)b[i].text;
        if (run <= 0) { run = 0; start = i; }
        run += v;
        if (run > best) { best = run; a = start; e = i + 1; }
    }
    /* the run begins and ends with a paragraph, not a credit or a line of
    ** the page's footer */
    while (a < e && b[a].text < 80) a++;
    while (e > a && b[e - 1].text < 80) e--;
    writer w;
    buf_init(&w.raw, BUF_NO_LIMIT);
    w.gap = 0;
    *len = 0;
    for (size_t i = a; i < e; i++) {
        if (!prose(&b[i])) continue;
        for (html_id j = b[i].first; j <= b[i].last; j++) {
            if (x->ni[j].drop) { j = html_end(x->d, j) - 1; continue; }
            if (x->ni[j].flags & TF_BR) w_break(&w, '\n');
            size_t tl;
            const char *t = html_node_kind(x->d, j) == HTML_TEXT ? html_text(x->d, j, &tl) : NULL;
            if (t) w_text(&w, t, tl);
        }
        w_break(&w, '\f');
        *len += b[i].text;
    }
    int rc = blocks.rc ? blocks.rc : w.raw.rc;
    buf_release(&blocks);
    if (rc) { buf_release(&w.raw); return rc; }
    buf_release(raw);
    *raw = w.raw;
    return FL_OK;
}

/* The guard of the main judgement: BEST (its article) and the baseline's
** (into *OTHER) are swapped when BEST holds less than a quarter of the
** text the baseline finds, nothing at all included. On pages the scorer
** reads well the two agree (on the 91 development pages the scorer kept
** at least 0.42 of the baseline's text, and where they differ the scorer
** is the more precise: the baseline keeps every prose block of its run,
** captions and teasers too); far less text than the baseline means the
** scorer chose a box beside the article, or dropped it with its
** container. *OTHER is the second choice, for when the line judgement
** leaves nothing of the first. */
static int guard(ctx *x, buf *best, buf *other) {
    measure(x, 0, 1);
    size_t blen = 0;
    int rc = baseline(x, other, &blen);
    uint32_t commas = 0;
    size_t mlen = best->len ? text_chars(best->data, best->len, &commas) : 0;
    if (rc == FL_OK && blen >= 100 && mlen * 4 < blen) {
        buf t = *best;
        *best = *other;
        *other = t;
    }
    return rc;
}

/* ---- threads of posts ---------------------------------------------------- */

/* Comments, reader responses and forum replies share one shape whatever
** the site calls them: a run of sibling posts, each opening with a short
** header that names a person (a link without digits) and dates the post
** (a <time>, a clock, a date, "... ago"), then the post's own text. An
** article's paragraphs have no such headers, and a list of products or
** links has no dated header with a body under it. */

/* A word of T (ASCII letters, three at least) that begins like a month. */
static int has_month(const char *t, size_t len) {
    for (size_t i = 0; i < len;) {
        while (i < len && !isalpha((unsigned char)t[i])) i++;
        size_t s = i;
        while (i < len && isalpha((unsigned char)t[i])) i++;
        if (i - s < 3) continue;
        unsigned long w = ascii_fold3(t + s, 3);
        for (size_t m = 0; m < sizeof month_words / sizeof *month_words; m++)
            if (w == ascii_fold3(month_words[m], 3)) return 1;
    }
    return 0;
}

/* A text that dates a post: a clock or a date in digits, a date stamp
** with a month's name ("March 3, 2021"), or "N hours ago" (a number, at
** most two words, "ago"). A price ("$19.99") is no date. */
static int dates_post(const char *t, size_t len) {
    if (has_clock_or_date(t, len)) return 1;
    size_t words = count_words(t, len, 14);
    if (words <= 14 && is_stamp(t, len, words, 1) && has_month(t, len)) return 1;
    while (len && (isspace((unsigned char)t[len - 1]) || ispunct((unsigned char)t[len - 1]))) len--;
    size_t i = 0;
    while (i < len && !isdigit((unsigned char)t[i])) i++;
    return len - i > 4 && strncasecmp(t + len - 4, " ago", 4) == 0
           && count_words(t + i, len - i, 4) <= 4;
}

/* Whether child E of a container is a post (see above). */
static int is_post(const ctx *x, html_id e) {
    const html_doc *d = x->d;
    const ninfo *ni = x->ni;
    if (ni[e].drop || ni[e].text < 80 || (ni[e].flags & TF_HEAD)) return 0;
    html_id end = html_end(d, e);
    uint32_t head = 0;
    int person = 0, dated = 0;
    for (html_id j = e + 1; j < end && j < e + 64 && head <= 100; j++) {
        const ninfo *p = &ni[j];
        if (p->drop) { j = html_end(d, j) - 1; continue; }
        html_kind k = html_node_kind(d, j);
        if (k == HTML_ELEMENT) {
            if (p->flags & TF_HEAD) return 0;
            if (p->flags & TF_PARA) break;
            if (!strcmp(html_tag(d, j), "time")) dated = 1;
            continue;
        }
        if (k != HTML_TEXT || !p->text) continue;
        size_t len;
        const char *t = html_text(d, j, &len);
        head += p->text;
        int digits = 0;
        for (size_t i = 0; i < len && !digits; i++) digits = isdigit((unsigned char)t[i]);
        if (p->in_link && !digits && p->text <= 40) person = 1;
        if (digits && dates_post(t, len)) dated = 1;
    }
    return person && dated && head <= 100 && ni[e].text >= 3 * head;
}

/* Drops every container whose children are mostly posts (three at
** least), and with it the parents it leaves with little else (the
** thread's heading, its reply form). Needs measure()'s sums. */
static void drop_threads(ctx *x) {
    const html_doc *d = x->d;
    ninfo *ni = x->ni;
    for (size_t i = 1; i < x->n; i++) {
        if (ni[i].drop || html_node_kind(d, (html_id)i) != HTML_ELEMENT) continue;
        size_t posts = 0, parts = 0;
        for (html_id c = html_first_child(d, (html_id)i); c != HTML_NONE; c = html_next_sibling(d, c)) {
            if (ni[c].drop || !ni[c].text) continue;
            parts++;
            posts += is_post(x, c);
        }
        if (posts < 3 || posts * 2 < parts) continue;
        html_id t = (html_id)i;
        for (html_id par = html_parent(d, t); par != HTML_NONE && par != 0
             && ni[par].text < ni[t].text + 100; par = html_parent(d, par))
            t = par;
        ni[t].flags |= TF_DROP;
        i = html_end(d, t) - 1;
    }
}

void extract_release(extract_result *r) {
    if (!r) return;
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

/* Characters in canonical text that carry words. */
static size_t words_len(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += !isspace((unsigned char)s[i]);
    return c;
}

int extract_html(const char *html, size_t n, extract_result *out, char **errmsg) {
    memset(out, 0, sizeof *out);
    html_doc *d = NULL;
    int rc = html_parse(html, n, &d, errmsg);
    if (rc != FL_OK) return rc;
    meta m;
    memset(&m, 0, sizeof m);
    gather_meta(d, &m);
    ctx x = {d, html_count(d), NULL, HTML_NONE};
    x.ni = malloc(x.n * sizeof *x.ni);
    if (!x.ni) rc = FL_ENOMEM;
    buf best;
    buf_init(&best, BUF_NO_LIMIT);
    size_t best_len = 0;
    const char *titles[] = {m.og_title, m.headline, m.doc_title};
    if (rc == FL_OK) {
        init_nodes(&x);
        measure(&x, 0, 1);
        drop_threads(&x);
        x.anchor = title_anchor(&x, titles, 3);
    }
    /* strict first; relax when the article comes out too short */
    static const int tries[][2] = {{1, 1}, {0, 1}, {0, 0}};
    for (size_t t = 0; rc == FL_OK && t < sizeof tries / sizeof *tries; t++) {
        buf raw;
        buf_init(&raw, BUF_NO_LIMIT);
        rc = attempt(&x, tries[t][0], tries[t][1], &raw);
        size_t len = raw.data ? words_len(raw.data, raw.len) : 0;
        if (rc == FL_OK && len > best_len) {
            buf_release(&best);
            best = raw;
            best_len = len;
        } else {
            buf_release(&raw);
        }
        if (best_len >= 500) break;
    }
    buf other;
    buf_init(&other, BUF_NO_LIMIT);
    if (rc == FL_OK) rc = guard(&x, &best, &other);
    free(x.ni);
    html_free(d);
    if (rc == FL_OK) {
        out->body = finish(best.data ? best.data : "", best.len, titles, 3, JUDGE_HTML,
                           &out->body_len, &rc);
    }
    if (rc == FL_OK && out->body_len == 0 && other.len) {
        free(out->body);
        out->body = finish(other.data, other.len, titles, 3, JUDGE_HTML, &out->body_len, &rc);
    }
    buf_release(&other);
    buf_release(&best);
    if (rc != FL_OK) {
        meta_release(&m, NULL);
        extract_release(out);
        return err_set(errmsg, rc, "extract: %s", fl_strerror(rc));
    }
    meta_release(&m, out);
    return FL_OK;
}

/* Width of the widest lines of a text (its 90th percentile): hard-wrapped
** text stays under about 100 columns, one-paragraph-per-line text does not. */
static size_t wrap_width(const char *s, size_t n) {
    size_t hist[8] = {0}, lines = 0;   /* buckets of 25 columns, last open */
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t j = nl ? (size_t)(nl - s) : n;
        if (j > i) {
            size_t w = (j - i) / 25;
            hist[w < 7 ? w : 7]++;
            lines++;
        }
        i = j + 1;
    }
    size_t acc = 0;
    for (size_t b = 0; b < 8; b++) {
        acc += hist[b];
        if (acc * 10 >= lines * 9) return (b + 1) * 25;
    }
    return 200;
}

static int is_item_start(const char *p, size_t n) {
    if (n >= 2 && (p[0] == '-' || p[0] == '*' || p[0] == '+') && p[1] == ' ') return 1;
    size_t i = 0;
    while (i < n && isdigit((unsigned char)p[i])) i++;
    return i > 0 && i + 1 < n && (p[i] == '.' || p[i] == ')') && p[i + 1] == ' ';
}

/* A first paragraph that reads as a title: short, not a sentence. */
static int looks_like_title(const char *p, size_t n) {
    if (!n || count_words(p, n, 30) > 30 || n > 250) return 0;
    char last = p[n - 1];
    return last != '.' && last != ',' && last != ';' && last != ':';
}

int extract_text(const char *text, size_t n, extract_result *out, char **errmsg) {
    memset(out, 0, sizeof *out);
    int wrapped = wrap_width(text, n) <= 100;
    /* Raw form as for HTML: '\f' between paragraphs, '\n' between the
    ** lines of a list. */
    buf raw;
    buf_init(&raw, BUF_NO_LIMIT);
    size_t i = 0;
    int prev_blank = 1, first = 1;
    while (i < n) {
        const char *nl = memchr(text + i, '\n', n - i);
        size_t j = nl ? (size_t)(nl - text) : n;
        size_t a = i, b = j;
        while (a < b && isspace((unsigned char)text[a])) a++;
        while (b > a && isspace((unsigned char)text[b - 1])) b--;
        const char *p = text + a;
        size_t len = b - a;
        i = j + 1;
        if (len == 0) {
            prev_blank = 1;
            continue;
        }
        if (first) {
            /* the first paragraph may be the title (Markdown "# " too);
            ** in wrapped text it runs to the next blank line */
            first = 0;
            size_t h = 0;
            while (h < len && p[h] == '#') h++;
            int md = h > 0 && h < len && p[h] == ' ';
            size_t e = b;
            if (wrapped && !md) {
                size_t k = i;
                while (k < n) {
                    const char *nn = memchr(text + k, '\n', n - k);
                    size_t f = nn ? (size_t)(nn - text) : n;
                    size_t q = k;
                    while (q < f && isspace((unsigned char)text[q])) q++;
                    if (q >= f) break;
                    e = f;
                    k = f + 1;
                }
            }
            char *t = md ? dup_trim(p + h, len - h) : dup_trim(p, e - a);
            if (t && (md || looks_like_title(t, strlen(t)))) {
                /* the title is also the body's first paragraph, one line:
                ** a headline states facts too, and is read with the rest */
                out->title = t;
                for (char *c = t; *c; c++)
                    if (*c == '\n' || *c == '\r') *c = ' ';
                buf_puts(&raw, t);
                i = e + 1;
                prev_blank = 1;
                continue;
            }
            free(t);
        }
        int item = is_item_start(p, len);
        if (raw.len) {
            if (!prev_blank && wrapped && !item) buf_putc(&raw, ' ');
            else buf_putc(&raw, (!prev_blank && item) ? '\n' : '\f');
        }
        buf_append(&raw, p, len);
        prev_blank = !wrapped;
    }
    int rc = raw.rc;
    if (rc == FL_OK) {
        const char *titles[] = {out->title};
        out->body = finish(raw.data ? raw.data : "", raw.len, titles, 1, JUDGE_TEXT,
                           &out->body_len, &rc);
    }
    buf_release(&raw);
    if (rc != FL_OK) {
        extract_release(out);
        return err_set(errmsg, rc, "extract: %s", fl_strerror(rc));
    }
    return FL_OK;
}

/* ---- Markdown ------------------------------------------------------------ */

/* Inline markup spans at most this many bytes and nests this deep; past
** that it is text as written. The bounds keep hostile lines (a megabyte
** of "*a" or "[") linear in time and shallow in stack. */
#define MD_SPAN_MAX 512
#define MD_DEPTH_MAX 8

static int md_space(char c) { return c == ' ' || c == '\t' || c == '\0'; }

static int md_word(char c) { return isalnum((unsigned char)c) || (unsigned char)c >= 0x80; }

/* The end of the link destination "(...)" starting at P[i] == '(' (the
** index after ')'), or 0 when it is not one. */
static size_t md_destination(const char *p, size_t n, size_t i) {
    int depth = 0;
    if (n > i + MD_SPAN_MAX) n = i + MD_SPAN_MAX;
    for (size_t k = i; k < n; k++) {
        if (p[k] == '(') depth++;
        else if (p[k] == ')' && --depth == 0) return k + 1;
        else if (p[k] == '\n') return 0;
    }
    return 0;
}

/* Where the run of delimiter D (RUN bytes) that opens at P[i] closes on
** the same line: a run of the same length after a non-space, not inside
** a word for '_' (snake_case stays). 0 when it does not close. */
static size_t md_closer(const char *p, size_t n, size_t i, char d, size_t run) {
    if (n > i + MD_SPAN_MAX) n = i + MD_SPAN_MAX;
    for (size_t k = i + run + 1; k + run <= n && p[k] != '\n'; k++) {
        size_t r = 0;
        while (k + r < n && p[k + r] == d) r++;
        if (r == run && !md_space(p[k - 1]) && (d != '_' || k + r >= n || !md_word(p[k + r]))) return k;
        if (r) k += r - 1;
    }
    return 0;
}

/* Appends the Markdown inline text P[0..n) without its markup; DEPTH
** counts the spans it is nested in. */
static void md_inline(buf *out, const char *p, size_t n, int depth) {
    size_t i = 0;
    if (depth > MD_DEPTH_MAX) {
        buf_append(out, p, n);
        return;
    }
    while (i < n) {
        size_t span_end = n - i > MD_SPAN_MAX ? i + MD_SPAN_MAX : n;
        char c = p[i];
        if (c == '\\' && i + 1 < n && ispunct((unsigned char)p[i + 1])) {   /* \* is a star */
            buf_putc(out, p[i + 1]);
            i += 2;
            continue;
        }
        if (c == '`') {   /* a code span: its text as it is */
            size_t run = 0;
            while (i + run < n && p[i + run] == '`') run++;
            const char *end = NULL;
            for (size_t k = i + run; k + run <= span_end && !end; k++)
                if (memcmp(p + k, p + i, run) == 0) end = p + k;
            if (end) {
                buf_append(out, p + i + run, (size_t)(end - p) - i - run);
                i = (size_t)(end - p) + run;
            } else {   /* no code span: the run is text, counted once */
                buf_append(out, p + i, run);
                i += run;
            }
            continue;
        }
        if ((c == '[' || (c == '!' && i + 1 < n && p[i + 1] == '['))) {   /* [text](url), ![alt](url) */
            size_t open = c == '!' ? i + 1 : i, close = open + 1;
            while (close < span_end && p[close] != ']' && p[close] != '\n') close++;
            size_t end = close + 1 < n && p[close] == ']' && p[close + 1] == '(' ? md_destination(p, n, close + 1) : 0;
            if (end) {
                md_inline(out, p + open + 1, close - open - 1, depth + 1);
                i = end;
                continue;
            }
        }
        if (c == '*' || c == '_') {   /* emphasis: the delimiters go */
            size_t run = 0;
            while (i + run < n && p[i + run] == c) run++;
            int opens = run <= 3 && i + run < n && !md_space(p[i + run]) && (c == '*' || i == 0 || !md_word(p[i - 1]));
            size_t close = opens ? md_closer(p, n, i, c, run) : 0;
            if (close) {
                md_inline(out, p + i + run, close - i - run, depth + 1);
                i = close + run;
                continue;
            }
            buf_append(out, p + i, run);
            i += run;
            continue;
        }
        buf_putc(out, c);
        i++;
    }
}

/* A thematic break: "---", "***" or "___", spaces allowed between. */
static int is_rule(const char *p, size_t n) {
    size_t marks = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == p[0]) marks++;
        else if (p[i] != ' ') return 0;
    }
    return (p[0] == '-' || p[0] == '*' || p[0] == '_') && marks >= 3;
}

/* One Markdown line made plain: quote markers and heading marks dropped
** (a heading stays a line of its own), "*" and "+" items written "- ",
** horizontal rules dropped. A heading on the document's first line keeps
** its "# ", so that extract_text takes it as the title. */
static void md_line(buf *out, const char *p, size_t n, int first_line) {
    while (n && (*p == '>' || *p == ' ')) p++, n--;   /* quote markers, nested */
    size_t h = 0;
    while (h < n && p[h] == '#') h++;
    if (h && h <= 6 && (h == n || p[h] == ' ')) {
        while (n > h && (p[n - 1] == '#' || p[n - 1] == ' ')) n--;   /* closing ###s */
        if (first_line) buf_puts(out, "# ");
        p += h, n -= h;
        while (n && *p == ' ') p++, n--;
    } else if (n >= 3 && is_rule(p, n)) {
        return;
    } else if (n >= 2 && (p[0] == '*' || p[0] == '+') && p[1] == ' ') {
        buf_puts(out, "- ");
        p += 2, n -= 2;
    }
    md_inline(out, p, n, 0);
}

int extract_markdown(const char *text, size_t n, extract_result *out, char **errmsg) {
    buf plain;
    buf_init(&plain, BUF_NO_LIMIT);
    int fenced = 0, started = 0;   /* a non-blank line was seen */
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(text + i, '\n', n - i);
        size_t j = nl ? (size_t)(nl - text) : n, a = i;
        while (a < j && text[a] == ' ') a++;
        if (j - a >= 3 && (!strncmp(text + a, "```", 3) || !strncmp(text + a, "~~~", 3))) fenced = !fenced;
        else if (fenced) buf_append(&plain, text + i, j - i);   /* code blocks as they are */
        else md_line(&plain, text + i, j - i, !started);
        started |= a < j;
        buf_putc(&plain, '\n');
        i = j + 1;
    }
    int rc = plain.rc;
    if (rc == FL_OK) rc = extract_text(buf_cstr(&plain), plain.len, out, errmsg);
    else err_set(errmsg, rc, "extract: %s", fl_strerror(rc));
    buf_release(&plain);
    return rc;
}
