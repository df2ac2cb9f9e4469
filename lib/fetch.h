/*
** fetch.h: HTTP(S) GET for the intake, over libcurl (curl_dl.h): bounded
** redirects followed one by one, each hop checked against its host's
** robots.txt and politeness delay; gzip, deflate and brotli bodies
** decoded under a size cap; timeouts; conditional requests (ETag,
** Last-Modified). The fetcher itself is fl_fetcher of intake.h. What a
** page means (charset, extraction, storing) is intake.c's.
*/
#ifndef FL_FETCH_H
#define FL_FETCH_H

#include "buf.h"
#include "flank/intake.h"

/* One answer: 200 with its body, or 304 (not modified) without. */
typedef struct fetch_reply {
    long status;
    char *final_url;      /* the URL that answered, after redirects */
    char *content_type;   /* as sent, or NULL */
    char *etag, *last_modified;   /* validators for the next request, or NULL */
    buf body;
} fetch_reply;

/* GETs URL with F's limits, sending ETAG and LAST_MODIFIED (either may be
** NULL) as If-None-Match / If-Modified-Since. FL_OK with R filled (release
** it with fetch_reply_release either way); otherwise FL_EIO (network,
** HTTP error status, robots.txt), FL_ENOTFOUND (404, 410), FL_ETIME,
** FL_ETOOBIG or FL_EINVAL (not an http(s) URL), *errmsg saying what is
** wrong without naming URL. */
int fetch_get(fl_fetcher *f, const char *url, const char *etag, const char *last_modified, fetch_reply *r,
              char **errmsg);
void fetch_reply_release(fetch_reply *r);

/* Has F's stop flag been set (fl_fetch_opts.stop)? Work under way is then
** left as it is, to be done again by the next run. */
int fetch_stopped(const fl_fetcher *f);

/* REF resolved against the URL BASE (a feed's links), as a new string
** (caller frees), or NULL when it makes no http(s) URL. */
char *fetch_resolve(const char *base, const char *ref);

/* The charset parameter of a Content-Type value, into OUT[0..N); 1 when
** there was one. */
int fetch_charset(const char *content_type, char *out, size_t n);

#endif
