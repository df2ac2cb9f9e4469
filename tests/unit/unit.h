/*
** unit.h: what every unit test includes: cmocka, the internal headers'
** include path and small helpers shared by the test files (a path into
** ../shared and a whole-file reader).
*/
#ifndef FL_UNIT_H
#define FL_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "flank/flank.h"

/* REL inside the shared folder (seeds, gold, benches): $SHARED, as for the
** CLI tests, else ../shared beside the repository (the tests run from its
** root). The result lives until the fourth call after. */
static inline const char *unit_shared(const char *rel) {
    static char paths[4][1024];
    static int next;
    const char *root = getenv("SHARED");
    char *p = paths[next++ % 4];
    snprintf(p, sizeof paths[0], "%s/%s", root && *root ? root : "../shared", rel);
    return p;
}

/* Reads a whole file; aborts the test when it cannot. Caller frees. */
static inline char *unit_slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    if (!p || fread(p, 1, (size_t)n, f) != (size_t)n) fail_msg("cannot read %s", path);
    p[n] = '\0';
    fclose(f);
    if (len) *len = (size_t)n;
    return p;
}

#endif
