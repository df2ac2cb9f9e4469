/*
** static.c: the web UI's files (web/), served as they are. It owns the
** mapping of a URL path to a file under the web folder and refuses any
** path that could leave it: "..", ".", hidden names, backslashes and
** control bytes are rejected before the file system is asked, and the
** resolved path must still lie under the folder (symlinks included).
** Files are sent with an ETag (size, mtime, inode) that a revalidation
** (If-None-Match) answers with 304, and as FILE.gz beside them when there
** is one and the browser accepts gzip (scripts/install-web.sh makes those
** of web/vendor/, which may also be kept for a week: their names change
** with their contents' version only through a new install).
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server.h"
#include "banned.h"

static const struct { const char *ext, *type; } types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
};

static const char *type_of(const char *path) {
    const char *dot = strrchr(path, '.');
    if (dot && !strchr(dot, '/'))
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcmp(dot, types[i].ext) == 0) return types[i].type;
    return "application/octet-stream";
}

/* 1 when PATH (decoded, starting with '/') names something under the web
** folder by its text alone: no empty, ".", ".." or hidden segment, no
** backslash or control byte. */
static int path_safe(const char *path) {
    if (path[0] != '/') return 0;
    for (const char *p = path; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f || c == '\\') return 0;
        if (c == '/' && p[1] == '.') return 0;          /* ".", "..", ".hidden" */
        if (c == '/' && p[1] == '/') return 0;
    }
    return strlen(path) < 512;
}

/* Opens PATH.gz when the request accepts gzip and it is a regular file
** as new as PATH; -1 otherwise. */
static int open_gzipped(req *r, const char *path, const struct stat *plain, struct stat *st) {
    const char *ae = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
    char gz[PATH_MAX];
    if (!ae || !strstr(ae, "gzip") || (size_t)snprintf(gz, sizeof gz, "%s.gz", path) >= sizeof gz) return -1;
    int fd = open(gz, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    if (fstat(fd, st) || !S_ISREG(st->st_mode) || st->st_mtime < plain->st_mtime) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Answers 304 when the request's If-None-Match holds ETAG; returns 1 then. */
static int not_modified(req *r, const char *etag, const char *cache_control) {
    const char *inm = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    if (!inm || !strstr(inm, etag)) return 0;
    struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(0, NULL, NULL);
    if (!resp) {
        r->failed = 1;
        return 1;
    }
    MHD_add_response_header(resp, "ETag", etag);
    MHD_add_response_header(resp, "Cache-Control", cache_control);
    MHD_add_response_header(resp, "Vary", "Accept-Encoding");
    if (MHD_queue_response(r->conn, MHD_HTTP_NOT_MODIFIED, resp) != MHD_YES) r->failed = 1;
    MHD_destroy_response(resp);
    r->answered = 1;
    return 1;
}

void static_serve(req *r) {
    const char *path = r->path;
    if (!path_safe(path)) {
        reply_error(r, MHD_HTTP_FORBIDDEN, "path refused");
        return;
    }
    const char *root = srv_web_root(r->s);
    size_t n = strlen(path);
    const char *index = n && path[n - 1] == '/' ? "index.html" : "";
    char full[PATH_MAX], real[PATH_MAX];
    if ((size_t)snprintf(full, sizeof full, "%s%s%s", root, path, index) >= sizeof full) {
        reply_error(r, MHD_HTTP_NOT_FOUND, "no such file");
        return;
    }
    size_t rn = strlen(root);
    if (!realpath(full, real) || strncmp(real, root, rn) != 0 || real[rn] != '/') {
        reply_error(r, MHD_HTTP_NOT_FOUND, "no such file");
        return;
    }
    int fd = open(real, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        if (fd >= 0) close(fd);
        reply_error(r, MHD_HTTP_NOT_FOUND, "no such file");
        return;
    }
    struct stat zst;
    int zfd = open_gzipped(r, real, &st, &zst);
    if (zfd >= 0) {
        close(fd);
        fd = zfd;
        st = zst;
    }
    char etag[96];
    snprintf(etag, sizeof etag, "\"%llx-%llx-%llx%s\"", (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtime, (unsigned long long)st.st_ino, zfd >= 0 ? "-gz" : "");
    const char *cache_control = strncmp(real + rn, "/vendor/", 8) == 0 ? "public, max-age=604800" : "no-cache";
    if (not_modified(r, etag, cache_control)) {
        close(fd);
        return;
    }
    /* The response owns FD from here and closes it. */
    struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
    if (!resp) {
        close(fd);
        r->failed = 1;
        return;
    }
    const char *type = type_of(real);
    MHD_add_response_header(resp, "Content-Type", type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Cache-Control", cache_control);
    MHD_add_response_header(resp, "ETag", etag);
    MHD_add_response_header(resp, "Vary", "Accept-Encoding");
    if (zfd >= 0) MHD_add_response_header(resp, "Content-Encoding", "gzip");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    if (strncmp(type, "text/html", 9) == 0) {
        /* A second wall behind textContent: no inline script, no plugin,
        ** nothing fetched from elsewhere. */
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "default-src 'self'; script-src 'self'; object-src 'none'; "
                                "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
                                "img-src 'self' data:; style-src 'self'");
        MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    }
    if (MHD_queue_response(r->conn, MHD_HTTP_OK, resp) != MHD_YES) r->failed = 1;
    MHD_destroy_response(resp);
    r->answered = 1;
}
