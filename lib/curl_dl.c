/*
** curl_dl.c: the libcurl functions flank calls (fetch.c), resolved with
** dlopen on first use (dl.h says why). Each definition has libcurl's
** prototype and forwards to the library's own; curl_dl_open() loads it.
** The names are parenthesised so that curl's type-checking macros, which
** wrap curl_easy_setopt and curl_easy_getinfo, do not expand here.
*/
#include "curl_dl.h"

#include <stdarg.h>

#include "dl.h"
#include "banned.h"

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLU *(*url)(void);
    void (*url_cleanup)(CURLU *);
    CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned);
    CURLUcode (*url_get)(CURLU *, CURLUPart, char **, unsigned);
    void (*free)(void *);
    CURLHcode (*easy_header)(CURL *, const char *, size_t, unsigned, int, struct curl_header **);
} cu;

static const dl_sym syms[] = {
    {"curl_global_init", &cu.global_init},   {"curl_easy_init", &cu.easy_init},
    {"curl_easy_setopt", &cu.easy_setopt},   {"curl_easy_perform", &cu.easy_perform},
    {"curl_easy_getinfo", &cu.easy_getinfo}, {"curl_easy_cleanup", &cu.easy_cleanup},
    {"curl_easy_reset", &cu.easy_reset},     {"curl_easy_strerror", &cu.easy_strerror},
    {"curl_slist_append", &cu.slist_append}, {"curl_slist_free_all", &cu.slist_free_all},
    {"curl_url", &cu.url},                   {"curl_url_cleanup", &cu.url_cleanup},
    {"curl_url_set", &cu.url_set},           {"curl_url_get", &cu.url_get},
    {"curl_free", &cu.free},                 {"curl_easy_header", &cu.easy_header},
    {NULL, NULL},
};

/* Debian 12's libcurl4 (OpenSSL), then its GnuTLS build. */
static const char *const sonames[] = {"libcurl.so.4", "libcurl-gnutls.so.4", NULL};

static dl_lib lib = {sonames, "libcurl4", syms, NULL};

int curl_dl_open(char **errmsg) {
    if (lib.handle) return FL_OK;
    int rc = dl_load(&lib, errmsg);
    if (rc == FL_OK && cu.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        rc = err_set(errmsg, FL_EIO, "libcurl failed to initialise");
    return rc;
}

CURL *(curl_easy_init)(void) { return cu.easy_init(); }

/* An option's argument is a long, a pointer, a function pointer or a
** curl_off_t, by the range its number falls in (curl.h's CURLOPTTYPE_*). */
CURLcode (curl_easy_setopt)(CURL *c, CURLoption opt, ...) {
    va_list ap;
    va_start(ap, opt);
    CURLcode rc;
    if (opt < CURLOPTTYPE_OBJECTPOINT) rc = cu.easy_setopt(c, opt, va_arg(ap, long));
    else if (opt < CURLOPTTYPE_FUNCTIONPOINT) rc = cu.easy_setopt(c, opt, va_arg(ap, void *));
    else if (opt < CURLOPTTYPE_OFF_T) rc = cu.easy_setopt(c, opt, va_arg(ap, void (*)(void)));
    else if (opt < CURLOPTTYPE_BLOB) rc = cu.easy_setopt(c, opt, va_arg(ap, curl_off_t));
    else rc = cu.easy_setopt(c, opt, va_arg(ap, void *));
    va_end(ap);
    return rc;
}

CURLcode (curl_easy_perform)(CURL *c) { return cu.easy_perform(c); }

/* Every CURLINFO takes a pointer to where the answer goes. */
CURLcode (curl_easy_getinfo)(CURL *c, CURLINFO info, ...) {
    va_list ap;
    va_start(ap, info);
    CURLcode rc = cu.easy_getinfo(c, info, va_arg(ap, void *));
    va_end(ap);
    return rc;
}

void (curl_easy_cleanup)(CURL *c) { cu.easy_cleanup(c); }
void (curl_easy_reset)(CURL *c) { cu.easy_reset(c); }
const char *(curl_easy_strerror)(CURLcode rc) { return cu.easy_strerror(rc); }
struct curl_slist *(curl_slist_append)(struct curl_slist *l, const char *s) { return cu.slist_append(l, s); }
void (curl_slist_free_all)(struct curl_slist *l) { cu.slist_free_all(l); }
CURLU *(curl_url)(void) { return cu.url(); }
void (curl_url_cleanup)(CURLU *u) { cu.url_cleanup(u); }
CURLUcode (curl_url_set)(CURLU *u, CURLUPart what, const char *part, unsigned flags) {
    return cu.url_set(u, what, part, flags);
}
CURLUcode (curl_url_get)(CURLU *u, CURLUPart what, char **part, unsigned flags) {
    return cu.url_get(u, what, part, flags);
}
void (curl_free)(void *p) { cu.free(p); }
CURLHcode (curl_easy_header)(CURL *c, const char *name, size_t index, unsigned origin, int request,
                             struct curl_header **hout) {
    return cu.easy_header(c, name, index, origin, request, hout);
}
