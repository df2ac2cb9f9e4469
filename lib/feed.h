/*
** feed.h: RSS 2.0, RSS 1.0 (RDF) and Atom feeds read into a list of items
** (feed.c, over libxml2 opened on first use). Fetching a feed and its
** items' pages, and storing them, is feedrun.c's; this module only reads
** the bytes of one feed.
*/
#ifndef FL_FEED_H
#define FL_FEED_H

#include <stddef.h>

/* One item (RSS) or entry (Atom); each string NULL when the feed does
** not give it. PUBLISHED is as written (RFC 822 or ISO 8601): the
** document's metadata reads it as it reads any date. LINK may be
** relative to the feed's URL. */
typedef struct feed_item {
    char *title, *link, *guid, *published, *author, *summary;
} feed_item;

typedef struct feed {
    const char *kind;     /* "rss", "rdf" or "atom" */
    char *title;
    feed_item *items;     /* in the feed's order */
    size_t n_items, cap_items;
} feed;

/* Parses DATA[0..N) into OUT (release it with feed_release either way).
** FL_EINVAL when it is not XML or no feed of the three kinds, FL_EIO when
** libxml2 cannot be loaded, each with *errmsg. Entities are not expanded
** from outside the document and nothing is fetched. */
int feed_parse(const char *data, size_t n, feed *out, char **errmsg);
void feed_release(feed *f);

/* The key that identifies ITEM across runs: its guid, else its link, else
** its title (NULL when it has none of them). */
const char *feed_item_key(const feed_item *item);

#endif
