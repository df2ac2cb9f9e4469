/*
** store_intake.h: what the intake keeps in the database beside the
** documents (store_intake.c): each URL's last fetch (its validators and
** document), the feeds and the items of theirs already stored. The tables are created by the first
** intake command that writes, so databases that never fetch stay as they
** are and other commands need no migration.
*/
#ifndef FL_STORE_INTAKE_H
#define FL_STORE_INTAKE_H

#include <jansson.h>
#include <stdint.h>

#include "flank/flank.h"

/* Creates the intake's tables when missing. */
int store_intake_tables(fl_db *db, char **errmsg);

/* URL's last fetch whose document is still stored: its validators (new
** strings or NULL) and document; DOC_ID 0 when there is none. */
typedef struct fetch_state {
    int64_t doc_id;
    char *etag, *last_modified;
} fetch_state;
int store_fetch_state(fl_db *db, const char *url, fetch_state *s, char **errmsg);
void fetch_state_release(fetch_state *s);

/* Records URL's fetch (FINAL_URL answered, with ETAG and LAST_MODIFIED,
** either may be NULL), stored as DOC_ID, in the open transaction. */
int store_put_fetch(fl_db *db, const char *url, const char *final_url, const char *etag, const char *last_modified,
                    int64_t doc_id, char **errmsg);

/* ---- feeds ---- */

/* A feed as its runs need it; strings new or NULL. */
typedef struct feed_row {
    int64_t id, every_s, failures;
    char *url, *name, *etag, *last_modified;
} feed_row;
void feed_row_release(feed_row *r);

/* Adds the feed URL (NAME may be NULL) fetched every EVERY_S seconds, due
** at once: *id its id. FL_EINVAL when URL is a feed already. */
int store_feed_add(fl_db *db, const char *url, const char *name, int64_t every_s, int64_t *id, char **errmsg);
/* Removes the feed REF (its id or URL) and its item records (not the
** documents); FL_ENOTFOUND when there is none. */
int store_feed_remove(fl_db *db, const char *ref, char **errmsg);
/* Every feed as a JSON array of objects (caller decrefs). */
int store_feeds_json(fl_db *db, json_t **rows, char **errmsg);
/* Feed ID into *R (release it either way); R->url NULL when it is gone. */
int store_feed_get(fl_db *db, int64_t id, feed_row *r, char **errmsg);
/* The ids of the feeds due at NOW (Unix seconds; all when NOW is 0), in
** id order, as a malloc'd array. */
int store_feeds_due(fl_db *db, int64_t now, int64_t **ids, size_t *n, char **errmsg);
/* After a run of feed ID at NOW: OK resets its failures and schedules it
** EVERY later, keeping the validators ETAG and LAST_MODIFIED; a failure
** counts one more and doubles the wait each time, up to a day. STATUS is
** what the run did, shown by `flank feed list`. */
int store_feed_done(fl_db *db, int64_t id, int ok, int64_t now, const char *etag, const char *last_modified,
                    const char *title, const char *status, char **errmsg);
/* Has feed FEED_ID's item KEY been stored? */
int store_feed_item_seen(fl_db *db, int64_t feed_id, const char *key, int *seen, char **errmsg);
/* Records item KEY of FEED_ID as DOC_ID, SUMMARY set when the document
** is the feed's summary because the page failed (WHY), in the open
** transaction. */
int store_feed_item_put(fl_db *db, int64_t feed_id, const char *key, int64_t doc_id, int summary, const char *why,
                        char **errmsg);

/* Opens a write transaction that fl_db_add joins and that nothing commits
** before store_hold_end (store.h): a page and its records are stored
** together or not at all. Unlike store_hold_begin, it keeps the page cache. */
int store_intake_begin(fl_db *db, char **errmsg);

#endif
