/*
** feedrun.c: feeds in the database and one run of a feed (intake.h): the
** feed fetched and read (feed.c), each new item's page ingested
** (fl_ingest_url) or, when it fails, the item's summary, and the run's
** outcome and next time recorded (store_intake.c).
*/
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "feed.h"
#include "fetch.h"
#include "store.h"
#include "store_intake.h"
#include "banned.h"

#define MIN_EVERY_S 60

int fl_feed_add(fl_db *db, const char *url, const char *name, long every_s, int64_t *id, char **errmsg) {
    if (!fl_is_url(url)) return err_set(errmsg, FL_EINVAL, "not an http(s) URL");
    if (every_s < MIN_EVERY_S) return err_set(errmsg, FL_EINVAL, "fetched at most once a minute (--every 1m)");
    int rc = store_intake_tables(db, errmsg);
    return rc == FL_OK ? store_feed_add(db, url, name, every_s, id, errmsg) : rc;
}

int fl_feed_remove(fl_db *db, const char *ref, char **errmsg) {
    int rc = store_intake_tables(db, errmsg);
    return rc == FL_OK ? store_feed_remove(db, ref, errmsg) : rc;
}

int fl_feeds_json(fl_db *db, char **json, char **errmsg) {
    json_t *rows = NULL;
    *json = NULL;
    int rc = store_feeds_json(db, &rows, errmsg);
    if (rc == FL_OK && !(*json = json_dumps(rows, JSON_INDENT(2) | JSON_PRESERVE_ORDER)))
        rc = err_set(errmsg, FL_ENOMEM, "out of memory");
    json_decref(rows);
    return rc;
}

int fl_feeds_due(fl_db *db, int64_t now, int64_t **ids, size_t *n, char **errmsg) {
    int rc = store_intake_tables(db, errmsg);
    return rc == FL_OK ? store_feeds_due(db, now, ids, n, errmsg) : rc;
}

/* A run's context: the feed, what it says of its items, the log. */
typedef struct run {
    fl_db *db;
    fl_fetcher *f;
    const feed_row *row;
    const char *publisher;   /* the feed's name, else its title */
    const char *base;        /* the feed's final URL, for relative links */
    fl_fetch_log_fn log;
    void *ctx;
    fl_feed_stats *st;
} run;

static void say(const run *r, const char *url, const char *status, const char *detail) {
    if (r->log) r->log(r->ctx, url, status, detail);
}

/* The metadata an item gives its document. */
static fl_meta item_meta(const run *r, const feed_item *it, const char **authors) {
    fl_meta m = {0};
    m.title = it->title;
    m.published = it->published;
    m.publisher = r->publisher;
    if (it->author) {
        authors[0] = it->author;
        m.authors = authors;
        m.n_authors = 1;
    }
    return m;
}

/* Stores the item's summary (HTML as feeds write it) as its document,
** recorded as a summary because of WHY, in one transaction. */
static int keep_summary(run *r, const feed_item *it, const char *key, const char *link, const char *why,
                        char **errmsg) {
    const char *authors[1];
    fl_meta m = item_meta(r, it, authors);
    m.url = link;
    fl_read_opts o = {.format = "html", .meta = &m};
    fl_doc *doc = NULL;
    int64_t id = 0;
    int added = 0;
    const char *source = link ? link : r->row->url;
    int rc = fl_doc_from_bytes(source, it->summary, strlen(it->summary), &o, &doc, NULL, errmsg);
    if (rc == FL_OK && fl_doc_sentence_count(doc) == 0) rc = err_set(errmsg, FL_EEMPTY, "an empty summary");
    if (rc != FL_OK) {
        fl_doc_free(doc);
        return rc;
    }
    rc = store_intake_begin(r->db, errmsg);
    if (rc == FL_OK) rc = fl_db_add(r->db, doc, &id, &added, errmsg);
    if (rc == FL_OK) rc = store_feed_item_put(r->db, r->row->id, key, id, 1, why, errmsg);
    rc = store_hold_end(r->db, rc, errmsg);
    fl_doc_free(doc);
    return rc;
}

/* Records item KEY as DOC_ID (its page), in its own transaction. */
static int keep_item(run *r, const char *key, int64_t doc_id, char **errmsg) {
    int rc = store_intake_begin(r->db, errmsg);
    if (rc == FL_OK) rc = store_feed_item_put(r->db, r->row->id, key, doc_id, 0, NULL, errmsg);
    return store_hold_end(r->db, rc, errmsg);
}

/* One item: FL_EDB stops the run; any other failure is the item's. */
static int run_item(run *r, const feed_item *it) {
    const char *key = feed_item_key(it);
    int seen = 0;
    char *errmsg = NULL;
    if (!key) return FL_OK;   /* nothing to tell it by, nor to fetch */
    int rc = store_feed_item_seen(r->db, r->row->id, key, &seen, &errmsg);
    if (rc != FL_OK || seen) {
        fl_free(errmsg);
        return rc;
    }
    r->st->items++;
    char *link = it->link ? fetch_resolve(r->base, it->link) : NULL;
    const char *authors[1];
    fl_meta m = item_meta(r, it, authors);
    fl_read_opts o = {.meta = &m};
    fl_url_result res = {0};
    rc = link ? fl_ingest_url(r->db, r->f, link, &o, &res, &errmsg)
              : err_set(&errmsg, FL_EINVAL, it->link ? "its link is no http(s) URL" : "the item has no link");
    const char *subject = link ? link : it->link ? it->link : key;
    if (rc != FL_OK && fetch_stopped(r->f)) {   /* not the item's failure: the next run does it */
        fl_url_result_release(&res);
        free(link);
        fl_free(errmsg);
        return FL_OK;
    }
    if (rc == FL_OK) {
        rc = keep_item(r, key, res.doc_id, &errmsg);
        int added = res.what == FL_URL_ADDED;
        const char *moved = res.final_url && strcmp(res.final_url, subject) != 0 ? res.final_url : NULL;
        if (rc == FL_OK) say(r, subject, added ? "added" : "unchanged", moved);
        if (rc == FL_OK) added ? r->st->added++ : r->st->unchanged++;
    } else if (rc != FL_EDB && it->summary) {
        char *why = errmsg;
        errmsg = NULL;
        rc = keep_summary(r, it, key, link, why, &errmsg);
        if (rc == FL_OK) {
            buf d;
            buf_init(&d, 4096);
            buf_printf(&d, "the feed's summary kept: %s", why);
            say(r, subject, "summary", buf_cstr(&d));
            buf_release(&d);
            r->st->summaries++;
        }
        free(why);
    }
    if (rc != FL_OK && rc != FL_EDB) {
        say(r, subject, "failed", errmsg ? errmsg : fl_strerror(rc));
        r->st->failed++;
        rc = FL_OK;
    }
    fl_url_result_release(&res);
    free(link);
    fl_free(errmsg);
    return rc;
}

/* Fetches and reads the feed; *status says what came of it. */
static int read_feed(run *r, fetch_reply *reply, feed *fd, char **errmsg) {
    int rc = fetch_get(r->f, r->row->url, r->row->etag, r->row->last_modified, reply, errmsg);
    if (rc == FL_OK && reply->status == 200) {
        rc = feed_parse(reply->body.data ? reply->body.data : "", reply->body.len, fd, errmsg);
        r->base = reply->final_url;
    }
    return rc;
}

int fl_feed_run(fl_db *db, fl_fetcher *f, int64_t id, int64_t now, fl_fetch_log_fn log, void *ctx,
                fl_feed_stats *st, char **errmsg) {
    memset(st, 0, sizeof *st);
    feed_row row = {0};
    fetch_reply reply = {0};
    feed fd = {0};
    int rc = store_intake_tables(db, errmsg);
    if (rc == FL_OK) rc = store_feed_get(db, id, &row, errmsg);
    if (rc == FL_OK && !row.url) rc = err_set(errmsg, FL_ENOTFOUND, "no feed %lld", (long long)id);
    if (rc != FL_OK) {
        feed_row_release(&row);
        return rc;
    }
    run r = {db, f, &row, row.name, row.url, log, ctx, st};
    rc = read_feed(&r, &reply, &fd, errmsg);
    buf status;
    buf_init(&status, 4096);
    if (rc == FL_OK && reply.status == 304) {
        buf_puts(&status, "not modified");
        say(&r, row.url, "feed", "not modified");
    } else if (rc == FL_OK) {
        if (!r.publisher) r.publisher = fd.title;
        buf_printf(&status, "%s feed of %zu items", fd.kind, fd.n_items);
        say(&r, row.url, "feed", buf_cstr(&status));
        /* oldest first, as feeds list the newest first */
        for (size_t i = fd.n_items; i-- > 0 && rc == FL_OK && !fetch_stopped(f);) rc = run_item(&r, &fd.items[i]);
        buf_reset(&status);
        buf_printf(&status, "%zu items, %ld new: %ld added, %ld already stored, %ld from the summary, %ld failed",
                   fd.n_items, st->items, st->added, st->unchanged, st->summaries, st->failed);
    } else {
        say(&r, row.url, "failed", *errmsg);
    }
    if (rc != FL_EDB && !fetch_stopped(f)) {   /* a stopped run stays due */
        char *m = NULL;
        int ok = rc == FL_OK;
        int rc2 = store_feed_done(db, id, ok, now, ok ? reply.etag : row.etag,
                                  ok ? reply.last_modified : row.last_modified, fd.title,
                                  ok ? buf_cstr(&status) : *errmsg, &m);
        if (rc2 != FL_OK) {
            rc = rc2;
            err_set(errmsg, rc, "%s", m);
        }
        fl_free(m);
    }
    buf_release(&status);
    feed_release(&fd);
    fetch_reply_release(&reply);
    feed_row_release(&row);
    return rc;
}
