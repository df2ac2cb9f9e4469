/*
** fuzz_feed.c: libFuzzer target for the feed reader (lib/feed.c): any
** bytes must either be refused with a code and a message or read into
** items whose fields are NUL-terminated strings, without a leak. Seeds:
** tests/fuzz/seeds/feed (an RSS 2.0, an RSS 1.0 and an Atom feed).
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "flank/flank.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(const char *s) { return s ? strlen(s) : 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    feed f;
    char *errmsg = NULL;
    int rc = feed_parse((const char *)data, size, &f, &errmsg);
    if (rc != FL_OK && !errmsg) abort();
    size_t total = touch(f.title);
    for (size_t i = 0; i < f.n_items; i++) {
        const feed_item *it = &f.items[i];
        total += touch(it->title) + touch(it->link) + touch(it->guid) + touch(it->published) + touch(it->author) +
                 touch(it->summary) + touch(feed_item_key(it));
    }
    (void)total;
    feed_release(&f);
    free(errmsg);
    return 0;
}
