/*
** err.c: result-code phrases and the library's one deallocator. Messages
** built elsewhere use err_set() so every *errmsg is made the same way.
*/
#include "err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

const char *fl_strerror(int rc) {
    static const char *const phrase[] = {
        [FL_OK] = "ok",
        [FL_ENOMEM] = "out of memory",
        [FL_EIO] = "input/output error",
        [FL_EINVAL] = "invalid input",
        [FL_ETOOBIG] = "too big",
        [FL_EBINARY] = "binary data, not text",
        [FL_EEMPTY] = "empty",
        [FL_EENCODING] = "not UTF-8 and no recognisable charset",
        [FL_EQUERY] = "malformed query",
        [FL_EDB] = "database error",
        [FL_ENOTFOUND] = "not found",
        [FL_EPACK] = "knowledge pack error",
        [FL_ETIME] = "took too long",
    };
    if (rc < 0 || (size_t)rc >= sizeof phrase / sizeof phrase[0]) return "unknown error";
    return phrase[rc];
}

void fl_free(void *p) { free(p); }

int err_set(char **errmsg, int rc, const char *fmt, ...) {
    if (!errmsg) return rc;
    free(*errmsg);
    *errmsg = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return rc;
    char *msg = malloc((size_t)n + 1);
    if (!msg) return rc;
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    *errmsg = msg;
    return rc;
}
