/*
** token.c: the token that write endpoints (ingest) require. It is made of
** 32 random bytes at the server's first start and stored, hex, in a file
** beside the database (PATH.token) with mode 0600, so only the database's
** owner can write through the API. A token file is used only when it is
** the server's user's own, mode 0600, and 64 hex digits. Readers need no
** token.
*/
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server.h"
#include "banned.h"

#define TOKEN_BYTES 32

static int read_all(int fd, char *p, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t k = read(fd, p + got, n - got);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        got += (size_t)k;
    }
    return 0;
}

static int make_token(char *hex) {
    unsigned char raw[TOKEN_BYTES];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = read_all(fd, (char *)raw, sizeof raw);
    close(fd);
    if (rc) return -1;
    for (size_t i = 0; i < sizeof raw; i++) snprintf(hex + 2 * i, 3, "%02x", raw[i]);
    return 0;
}

int token_load(const char *db_path, char **token, char **path) {
    *token = *path = NULL;
    size_t n = strlen(db_path) + sizeof ".token";
    char *p = malloc(n), *t = calloc(1, 2 * TOKEN_BYTES + 2);
    if (!p || !t) goto fail;
    snprintf(p, n, "%s.token", db_path);
    int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
        /* First start: a new token. */
        int rc = make_token(t);
        if (rc == 0) {
            t[2 * TOKEN_BYTES] = '\n';
            rc = write(fd, t, 2 * TOKEN_BYTES + 1) == 2 * TOKEN_BYTES + 1 ? 0 : -1;
            t[2 * TOKEN_BYTES] = '\0';
        }
        if (close(fd) || rc) {
            unlink(p);
            goto fail;
        }
    } else {
        if (errno != EEXIST) goto fail;
        fd = open(p, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        struct stat st;
        if (fd < 0) goto fail;
        if (fstat(fd, &st) || (st.st_mode & 077) || st.st_uid != geteuid()) {
            /* Readable by others, or planted by another user: not our secret. */
            close(fd);
            errno = EPERM;
            goto fail;
        }
        int rc = read_all(fd, t, 2 * TOKEN_BYTES);
        close(fd);
        if (rc || strspn(t, "0123456789abcdef") != 2 * TOKEN_BYTES) {
            errno = EINVAL;
            goto fail;
        }
    }
    *token = t;
    *path = p;
    return 0;
fail:
    free(p);
    free(t);
    return -1;
}

/* Compares without stopping at the first difference. */
static int same(const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    unsigned char d = na != nb;
    for (size_t i = 0; i < na && i < nb; i++) d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

int token_check_or_reply(req *r, const char *token) {
    const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || strncmp(h, "Bearer ", 7) != 0)
        return reply_error(r, MHD_HTTP_UNAUTHORIZED,
                           "this endpoint needs 'Authorization: Bearer TOKEN' (the token is in the file "
                           "beside the database)");
    if (!same(h + 7, token)) return reply_error(r, MHD_HTTP_FORBIDDEN, "wrong token");
    return 0;
}
