/*
** fetch.c: the fetcher (see fetch.h): one curl handle reused for every
** request (its connection cache), and per host the robots.txt read once
** and the time of the last request. Redirects are followed here rather
** than by curl so that every hop is bounded, polite and allowed.
*/
#include "fetch.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "curl_dl.h"
#include "robots.h"
#include "banned.h"

#define DEFAULT_TIMEOUT_MS 30000L
#define DEFAULT_DELAY_MS 1000L
#define DEFAULT_REDIRECTS 5
#define CONNECT_TIMEOUT_MS 10000L
#define ROBOTS_MAX ((size_t)512 << 10)   /* RFC 9309 asks for at least 500 KiB */
#define ROBOTS_TTL (24 * 3600)           /* seconds a robots.txt is kept */
#define ROBOTS_RETRY 600                 /* and one that failed with a 5xx */

/* What the fetcher knows of one host (scheme://host:port). */
typedef struct host {
    char *origin;
    enum { ROBOTS_UNKNOWN, ROBOTS_READ, ROBOTS_ALL, ROBOTS_NONE } robots;
    char *rules;          /* robots.txt when READ */
    size_t n_rules;
    char *why_none;       /* why everything is refused (robots.txt failing) */
    time_t robots_at;     /* when robots.txt was read: it is read again a day later */
    struct timespec last; /* the last request's start; tv_sec 0: none yet */
} host;

struct fl_fetcher {
    fl_fetch_opts o;
    CURL *curl;
    host *hosts;
    size_t n_hosts, cap_hosts;
    char error[CURL_ERROR_SIZE];
};

int fl_fetcher_new(const fl_fetch_opts *opts, fl_fetcher **out, char **errmsg) {
    *out = NULL;
    int rc = curl_dl_open(errmsg);
    if (rc != FL_OK) return rc;
    fl_fetcher *f = calloc(1, sizeof *f);
    if (!f || !(f->curl = curl_easy_init())) {
        free(f);
        return err_set(errmsg, FL_ENOMEM, "out of memory");
    }
    if (opts) f->o = *opts;
    if (!f->o.timeout_ms) f->o.timeout_ms = DEFAULT_TIMEOUT_MS;
    if (!f->o.max_bytes) f->o.max_bytes = (size_t)64 << 20;
    if (!f->o.max_redirects) f->o.max_redirects = DEFAULT_REDIRECTS;
    if (f->o.max_redirects < 0) f->o.max_redirects = 0;
    if (!f->o.delay_ms) f->o.delay_ms = DEFAULT_DELAY_MS;
    if (f->o.delay_ms < 0) f->o.delay_ms = 0;
    *out = f;
    return FL_OK;
}

void fl_fetcher_free(fl_fetcher *f) {
    if (!f) return;
    for (size_t i = 0; i < f->n_hosts; i++) {
        free(f->hosts[i].origin);
        free(f->hosts[i].rules);
        free(f->hosts[i].why_none);
    }
    free(f->hosts);
    curl_easy_cleanup(f->curl);
    free(f);
}

void fetch_reply_release(fetch_reply *r) {
    free(r->final_url);
    free(r->content_type);
    free(r->etag);
    free(r->last_modified);
    buf_release(&r->body);
    memset(r, 0, sizeof *r);
}

/* ---- URLs --------------------------------------------------------------- */

/* A part of the parsed URL U as a malloc'd string, or NULL. */
static char *url_part(CURLU *u, CURLUPart part, unsigned flags) {
    char *p = NULL, *copy = NULL;
    if (curl_url_get(u, part, &p, flags) == CURLUE_OK && p) copy = strdup(p);
    curl_free(p);
    return copy;
}

int fl_is_url(const char *source) {
    return strncasecmp(source, "http://", 7) == 0 || strncasecmp(source, "https://", 8) == 0;
}

/* URL's origin ("http://host:port") and path with query ("/a?b") as new
** strings; FL_EINVAL when it is no http(s) URL. */
static int split_url(const char *url, char **origin, char **path) {
    *origin = *path = NULL;
    CURLU *u = curl_url();
    if (!u) return FL_ENOMEM;
    int rc = FL_EINVAL;
    if (fl_is_url(url) && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
        char *scheme = url_part(u, CURLUPART_SCHEME, 0), *h = url_part(u, CURLUPART_HOST, 0);
        char *port = url_part(u, CURLUPART_PORT, CURLU_DEFAULT_PORT), *p = url_part(u, CURLUPART_PATH, 0);
        char *q = url_part(u, CURLUPART_QUERY, 0);
        buf o, pq;
        buf_init(&o, 4096);
        buf_init(&pq, BUF_NO_LIMIT);
        if (scheme && h && port && p) {
            buf_printf(&o, "%s://%s:%s", scheme, h, port);
            buf_printf(&pq, "%s%s%s", p, q ? "?" : "", q ? q : "");
            rc = o.rc == FL_OK && pq.rc == FL_OK ? FL_OK : FL_ENOMEM;
        }
        free(scheme), free(h), free(port), free(p), free(q);
        if (rc == FL_OK) *origin = buf_detach(&o, NULL), *path = buf_detach(&pq, NULL);
        buf_release(&o);
        buf_release(&pq);
    }
    curl_url_cleanup(u);
    return rc;
}

char *fetch_resolve(const char *base, const char *ref) {
    CURLU *u = curl_url();
    char *out = NULL;
    if (u && curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
        curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK) {
        curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
        out = url_part(u, CURLUPART_URL, 0);
    }
    curl_url_cleanup(u);
    if (out && !fl_is_url(out)) {
        free(out);
        out = NULL;
    }
    return out;
}

int fetch_charset(const char *ct, char *out, size_t n) {
    const char *p = ct;
    while (p && *p && strncasecmp(p, "charset=", 8) != 0) p++;
    if (!p || !*p || n == 0) return 0;
    p += 8;
    if (*p == '"' || *p == '\'') p++;
    size_t k = 0;
    while (p[k] && (isalnum((unsigned char)p[k]) || strchr("-_.:", p[k])) && k + 1 < n) {
        out[k] = p[k];
        k++;
    }
    out[k] = '\0';
    return k > 0;
}

/* ---- hosts: politeness and robots.txt ---------------------------------- */

static host *find_host(fl_fetcher *f, const char *origin) {
    for (size_t i = 0; i < f->n_hosts; i++)
        if (strcmp(f->hosts[i].origin, origin) == 0) return &f->hosts[i];
    if (f->n_hosts == f->cap_hosts && array_grow(&f->hosts, &f->cap_hosts, sizeof *f->hosts, 16) != FL_OK)
        return NULL;
    host *h = &f->hosts[f->n_hosts];
    memset(h, 0, sizeof *h);
    if (!(h->origin = strdup(origin))) return NULL;
    f->n_hosts++;
    return h;
}

/* Waits until H's politeness delay since its last request has passed. */
static void wait_turn(const fl_fetcher *f, host *h) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (h->last.tv_sec || h->last.tv_nsec) {
        long waited = (long)(now.tv_sec - h->last.tv_sec) * 1000 + (now.tv_nsec - h->last.tv_nsec) / 1000000;
        if (waited < f->o.delay_ms) {
            long ms = f->o.delay_ms - waited;
            struct timespec d = {ms / 1000, (ms % 1000) * 1000000L};
            while (nanosleep(&d, &d) != 0 && !(f->o.stop && *f->o.stop)) {}
            clock_gettime(CLOCK_MONOTONIC, &now);
        }
    }
    h->last = now;
}

/* ---- one request ------------------------------------------------------- */

typedef struct sink {
    fl_fetcher *f;
    buf *body;
    int too_big;
} sink;

static size_t on_body(char *p, size_t size, size_t n, void *ctx) {
    sink *s = ctx;
    curl_off_t declared = -1;
    if (s->body->len == 0 && curl_easy_getinfo(s->f->curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &declared) ==
                                 CURLE_OK && declared > 0 && (uint64_t)declared > s->body->max) {
        s->too_big = 1;
        return 0;
    }
    if (buf_append(s->body, p, size * n) != FL_OK) {
        s->too_big = s->body->rc == FL_ETOOBIG;
        return 0;
    }
    return size * n;
}

int fetch_stopped(const fl_fetcher *f) { return f->o.stop && *f->o.stop; }

/* Abandons the transfer once the fetcher's stop flag is set. */
static int on_progress(void *ctx, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un) {
    (void)dt, (void)dn, (void)ut, (void)un;
    const fl_fetcher *f = ctx;
    return f->o.stop && *f->o.stop;
}

static char *header_value(CURL *c, const char *name) {
    struct curl_header *h = NULL;
    return curl_easy_header(c, name, 0, CURLH_HEADER, -1, &h) == CURLHE_OK && h->value ? strdup(h->value) : NULL;
}

/* One GET of URL without following redirects: *status and, for a 3xx, the
** next URL in *location (new string). The body goes to BODY (emptied). */
static int request(fl_fetcher *f, const char *url, struct curl_slist *headers, size_t max, buf *body, long *status,
                   char **location, char **errmsg) {
    CURL *c = f->curl;
    buf_release(body);
    buf_init(body, max);
    sink s = {f, body, 0};
    *location = NULL;
    f->error[0] = '\0';
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_USERAGENT, FL_USER_AGENT);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, f->o.timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     f->o.timeout_ms < CONNECT_TIMEOUT_MS ? f->o.timeout_ms : CONNECT_TIMEOUT_MS);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, f->error);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    if (f->o.stop) {
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, f);
    }
    if (f->o.stop && *f->o.stop) return err_set(errmsg, FL_EIO, "stopped before the request");
    CURLcode cc = curl_easy_perform(c);
    if (cc == CURLE_ABORTED_BY_CALLBACK) return err_set(errmsg, FL_EIO, "stopped during the transfer");
    if (cc == CURLE_WRITE_ERROR && s.too_big)
        return err_set(errmsg, FL_ETOOBIG, "larger than %zu MB, not fetched (--max-size)", max >> 20);
    if (cc == CURLE_OPERATION_TIMEDOUT)
        return err_set(errmsg, FL_ETIME, "no complete answer within %.1f s (--timeout)",
                       (double)f->o.timeout_ms / 1000);
    if (cc == CURLE_BAD_CONTENT_ENCODING)
        return err_set(errmsg, FL_EIO, "the body does not decode as its Content-Encoding says");
    if (cc != CURLE_OK)
        return err_set(errmsg, FL_EIO, "%s", f->error[0] ? f->error : curl_easy_strerror(cc));
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    char *loc = NULL;
    if (*status >= 300 && *status < 400 && *status != 304 &&
        curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc && !(*location = strdup(loc)))
        return err_set(errmsg, FL_ENOMEM, "out of memory");
    return FL_OK;
}

/* ---- robots.txt -------------------------------------------------------- */

/* Reads H's robots.txt: a 2xx keeps its rules, a 4xx allows everything,
** a 5xx refuses everything for a while, as RFC 9309 asks of a crawler; no
** answer at all is the host's failure, said as such and not kept. It is
** read at the first contact with H, and does not make the page asked for
** wait a politeness delay. */
static int read_robots(fl_fetcher *f, host *h, char **errmsg) {
    buf body, robots_url;
    buf_init(&body, ROBOTS_MAX);
    buf_init(&robots_url, BUF_NO_LIMIT);
    buf_printf(&robots_url, "%s/robots.txt", h->origin);
    long status = 0;
    char *loc = NULL, *why = NULL;
    int rc = robots_url.rc ? robots_url.rc
                           : request(f, buf_cstr(&robots_url), NULL, ROBOTS_MAX, &body, &status, &loc, &why);
    free(loc);
    buf_release(&robots_url);
    if (rc != FL_OK) {
        buf_release(&body);
        err_set(errmsg, rc, "%s", why ? why : fl_strerror(rc));
        free(why);
        return rc;
    }
    free(h->rules);
    free(h->why_none);
    h->rules = h->why_none = NULL;
    h->robots_at = time(NULL);
    if (rc == FL_OK && status >= 200 && status < 300) {
        h->robots = ROBOTS_READ;
        h->n_rules = body.len;
        h->rules = buf_detach(&body, NULL);
    } else if (rc == FL_OK && status >= 400 && status < 500) {
        h->robots = ROBOTS_ALL;
    } else {
        h->robots = ROBOTS_NONE;
        buf msg;
        buf_init(&msg, 4096);
        buf_printf(&msg, "robots.txt answered HTTP %ld: the host is not fetched for now", status);
        h->why_none = buf_detach(&msg, NULL);
        buf_release(&msg);
    }
    buf_release(&body);
    return FL_OK;
}

/* May URL (of host H, path PATH) be fetched? FL_OK, or FL_EIO saying why. */
static int robots_check(fl_fetcher *f, host *h, const char *path, char **errmsg) {
    if (f->o.ignore_robots) return FL_OK;
    time_t age = time(NULL) - h->robots_at;
    if (h->robots == ROBOTS_UNKNOWN || age > ROBOTS_TTL || (h->robots == ROBOTS_NONE && age > ROBOTS_RETRY)) {
        int rc = read_robots(f, h, errmsg);
        if (rc != FL_OK) return rc;
    }
    if (h->robots == ROBOTS_NONE) return err_set(errmsg, FL_EIO, "%s", h->why_none ? h->why_none : "robots.txt");
    if (h->robots == ROBOTS_READ && !robots_allows(h->rules, h->n_rules, "flank", path))
        return err_set(errmsg, FL_EIO, "robots.txt of %s disallows %s for flank", h->origin, path);
    return FL_OK;
}

/* ---- the GET ------------------------------------------------------------- */

static int add_header(struct curl_slist **l, const char *name, const char *value) {
    if (!value) return FL_OK;
    buf line;
    buf_init(&line, 8192);
    buf_printf(&line, "%s: %s", name, value);
    struct curl_slist *n = line.rc ? NULL : curl_slist_append(*l, buf_cstr(&line));
    buf_release(&line);
    if (!n) return FL_ENOMEM;
    *l = n;
    return FL_OK;
}

/* The answer of the last request into R (status, type, validators). */
static int keep_answer(fl_fetcher *f, const char *url, long status, fetch_reply *r) {
    char *ct = NULL;
    curl_easy_getinfo(f->curl, CURLINFO_CONTENT_TYPE, &ct);
    r->status = status;
    r->final_url = strdup(url);
    if (ct) r->content_type = strdup(ct);
    r->etag = header_value(f->curl, "ETag");
    r->last_modified = header_value(f->curl, "Last-Modified");
    return r->final_url ? FL_OK : FL_ENOMEM;
}

int fetch_get(fl_fetcher *f, const char *url, const char *etag, const char *last_modified, fetch_reply *r,
              char **errmsg) {
    memset(r, 0, sizeof *r);
    buf_init(&r->body, f->o.max_bytes);
    struct curl_slist *headers = NULL;
    if (add_header(&headers, "If-None-Match", etag) || add_header(&headers, "If-Modified-Since", last_modified)) {
        curl_slist_free_all(headers);
        return err_set(errmsg, FL_ENOMEM, "out of memory");
    }
    char *at = strdup(url);
    int rc = at ? FL_OK : err_set(errmsg, FL_ENOMEM, "out of memory");
    for (int hop = 0; rc == FL_OK; hop++) {
        char *origin = NULL, *path = NULL, *next = NULL;
        long status = 0;
        if (split_url(at, &origin, &path) != FL_OK) {
            rc = err_set(errmsg, FL_EINVAL, "%s is not an http(s) URL flank can fetch", hop ? at : "it");
            break;
        }
        host *h = find_host(f, origin);
        rc = h ? robots_check(f, h, path, errmsg) : err_set(errmsg, FL_ENOMEM, "out of memory");
        if (rc == FL_OK) {
            wait_turn(f, h);
            rc = request(f, at, headers, f->o.max_bytes, &r->body, &status, &next, errmsg);
        }
        free(origin);
        free(path);
        if (rc != FL_OK) break;
        if (next) {
            free(at);
            at = next;
            if (hop + 1 > f->o.max_redirects)
                rc = err_set(errmsg, FL_EIO, "more than %d redirects (the last to %s)", f->o.max_redirects, at);
            continue;
        }
        if (status == 304 || (status >= 200 && status < 300)) rc = keep_answer(f, at, status, r);
        else if (status == 404 || status == 410) rc = err_set(errmsg, FL_ENOTFOUND, "HTTP %ld, no such page", status);
        else rc = err_set(errmsg, FL_EIO, "HTTP %ld", status);
        if (rc == FL_ENOMEM) err_set(errmsg, rc, "out of memory");
        break;
    }
    free(at);
    curl_slist_free_all(headers);
    if (rc != FL_OK) fetch_reply_release(r);
    return rc;
}
