/*
** fuzz_extract.c: libFuzzer target for the main-content stage. Every input
** goes through extract_html (and so html.c's flattening and gumbo),
** extract_text and extract_markdown; each must return without a sanitizer
** report, and a successful result must be NUL-terminated at body_len.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "extract.h"
#include "flank/flank.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int rc, extract_result *r, char *err) {
    if (rc == FL_OK && (!r->body || r->body[r->body_len] != '\0')) abort();
    extract_release(r);
    free(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    extract_result r;
    char *err = NULL;
    check(extract_html((const char *)data, size, &r, &err), &r, err);
    err = NULL;
    check(extract_text((const char *)data, size, &r, &err), &r, err);
    err = NULL;
    check(extract_markdown((const char *)data, size, &r, &err), &r, err);
    return 0;
}
