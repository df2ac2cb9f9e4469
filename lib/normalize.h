/*
** normalize.h: the normalisation stage. Takes the extracted body (UTF-8)
** and returns it in the one form every later stage and every stored offset
** refers to: NFC, LF line ends, no control or zero-width characters, Unicode
** spaces as ASCII spaces, runs of spaces collapsed, lines trimmed, blocks
** separated by exactly one blank line.
*/
#ifndef FL_NORMALIZE_H
#define FL_NORMALIZE_H

#include <stddef.h>

/* On success *out is malloc'd (caller frees) and *out_len set. */
int norm_text(const char *text, size_t n, char **out, size_t *out_len, char **errmsg);

#endif
