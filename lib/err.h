/*
** err.h: the library's error plumbing. Codes are the public FL_* enum of
** flank.h; err_set() fills an *errmsg out-parameter and returns the code,
** so a failing step reads: return err_set(errmsg, FL_EIO, "%s: ...", path);
*/
#ifndef FL_ERR_H
#define FL_ERR_H

#include <stdarg.h>

#include "flank/flank.h"

/* Replaces *errmsg (when errmsg is not NULL) with a formatted message and
** returns RC unchanged. */
int err_set(char **errmsg, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
