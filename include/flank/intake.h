/*
** intake.h: the public API of flank's intake: web pages fetched over
** HTTP(S), RSS and Atom feeds, and their state in the database. The rest
** of the API (documents, the store, queries) is flank.h's.
**
** libcurl is opened on first use, not linked (lib/dl.h): a command that
** fetches nothing loads none of it.
*/
#ifndef FLANK_INTAKE_H
#define FLANK_INTAKE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "flank/flank.h"

/* How a fetcher behaves; a zero field takes the default given. */
typedef struct fl_fetch_opts {
    long timeout_ms;      /* the whole transfer (30000) */
    size_t max_bytes;     /* the body, decompressed (64 MiB) */
    int max_redirects;    /* redirects followed (5; -1 none) */
    long delay_ms;        /* between two requests to one host (1000; -1 none) */
    int ignore_robots;    /* 1: do not read robots.txt (tests, the user's own server) */
    const volatile sig_atomic_t *stop;   /* when set and non-zero: abandon the transfer
                                         ** under way (a signal handler sets it), or NULL */
} fl_fetch_opts;

/* A fetcher: one HTTP connection cache, each host's robots.txt and the
** time of its last request (the politeness delay). One thread at a time. */
typedef struct fl_fetcher fl_fetcher;
int fl_fetcher_new(const fl_fetch_opts *opts, fl_fetcher **out, char **errmsg);
void fl_fetcher_free(fl_fetcher *f);

/* The User-Agent flank sends. */
#define FL_USER_AGENT "flank/" FL_VERSION " (document intake; honours robots.txt)"

/* What fl_ingest_url did. */
enum { FL_URL_ADDED, FL_URL_SAME, FL_URL_NOT_MODIFIED };
typedef struct fl_url_result {
    int what;          /* FL_URL_* */
    int64_t doc_id;    /* the document stored, or stored before */
    char *final_url;   /* after redirects: the document's source; caller frees */
    char *note;        /* a remark worth showing (a charset read), or NULL; caller frees */
} fl_url_result;

/* Fetches URL and stores the page as fl_db_add would a file, with the
** final URL (after redirects) as its source and URL. A URL fetched before
** is asked for again with its ETag and Last-Modified: a page the server
** says is unchanged, or whose content is already stored, stores nothing.
** The page and its fetch record are stored in one transaction (the batch
** open before is committed first): on any failure the database is as it
** was.
** OPTS as for fl_doc_read (metadata, size). The result's strings are the
** caller's on FL_OK; on failure *errmsg says what went wrong with URL. */
int fl_ingest_url(fl_db *db, fl_fetcher *f, const char *url, const fl_read_opts *opts, fl_url_result *res,
                  char **errmsg);
void fl_url_result_release(fl_url_result *res);

/* ---- feeds ---------------------------------------------------------------- */

/* Adds the RSS or Atom feed URL, fetched every EVERY_S seconds (at least
** 60), named NAME (may be NULL: the feed's own title then): *id its id.
** FL_EINVAL when URL is a feed already. Nothing is fetched yet. */
int fl_feed_add(fl_db *db, const char *url, const char *name, long every_s, int64_t *id, char **errmsg);
/* Removes the feed REF (id or URL); its documents stay. */
int fl_feed_remove(fl_db *db, const char *ref, char **errmsg);
/* The feeds as a JSON array: id, url, name, title, every_s, added,
** last_run, last_status, failures, next_at (Unix time), items. */
int fl_feeds_json(fl_db *db, char **json, char **errmsg);
/* The ids of the feeds due at NOW (Unix seconds; 0: every feed), as an
** array the caller frees with fl_free. */
int fl_feeds_due(fl_db *db, int64_t now, int64_t **ids, size_t *n, char **errmsg);

/* Told of every fetch of a feed run: the URL, what came of it ("feed",
** "added", "unchanged", "summary", "failed") and a detail (the error,
** or what the feed held), for the watcher's log. */
typedef void (*fl_fetch_log_fn)(void *ctx, const char *url, const char *status, const char *detail);
typedef struct fl_feed_stats {
    long items, added, unchanged, summaries, failed;
} fl_feed_stats;

/* Runs feed ID once at NOW: fetches it (conditionally), reads its items
** and ingests each new one's page (fl_ingest_url) with the item's title,
** date and author and the feed's name as metadata; an item whose page
** cannot be fetched is stored from the feed's summary, marked as such,
** when the feed has one. Items stored before are skipped. The run and
** its schedule (a failure backs off: twice the wait each time, up to a
** day) are recorded, unless the fetcher was stopped (fl_fetch_opts.stop):
** the feed then stays due. FL_OK when the feed was read, whatever its items
** did (*st counts them); otherwise the feed's failure, with *errmsg
** (FL_EDB: the database failed, stop). */
int fl_feed_run(fl_db *db, fl_fetcher *f, int64_t id, int64_t now, fl_fetch_log_fn log, void *ctx,
                fl_feed_stats *st, char **errmsg);

/* ---- alerts ----------------------------------------------------------------- */

/* Saves the alert NAME: documents whose sentences match QUERY (the search
** syntax; may be NULL), mentioning ENTITY (an id; may be NULL), and new
** relations of ENTITY and/or PREDICATE (in documents QUERY matches, when
** given). At least one is given. Its mark
** starts at the last document stored: what is already there is not new.
** FL_EQUERY when QUERY is malformed, FL_EINVAL when PREDICATE is not in the
** vocabulary or NAME is an alert already. */
int fl_alert_add(fl_db *db, const char *name, const char *query, const char *entity, const char *predicate,
                 char **errmsg);
int fl_alert_remove(fl_db *db, const char *name, char **errmsg);
/* Every alert with what matched since its mark, as a JSON array of {id,
** name, query, entity, predicate, last_doc, added, documents: [{id, title,
** source, publisher, published}], relations: [{doc_id, subject,
** predicate, object, date, modality, sentence}]}; MARK moves every mark
** to the last document stored when the call began (the database must be
** open to write): one stored meanwhile by another process shows again
** next time rather than never. */
int fl_alerts_json(fl_db *db, int mark, char **json, char **errmsg);
/* The alerts with how many documents and relations are new for each (at
** most 1000 of each), marking nothing: a JSON array of {id, name, query,
** entity, predicate, last_doc, added, new_documents, new_relations}. */
int fl_alert_list_json(fl_db *db, char **json, char **errmsg);

/* Is SOURCE an http:// or https:// URL (as ingest tells them from paths)? */
int fl_is_url(const char *source);

#endif
