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

/* The shared folder beside the repository (seeds, gold, benches). */
#define SHARED_DIR "../shared"

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
