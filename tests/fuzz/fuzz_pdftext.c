/*
** fuzz_pdftext.c: libFuzzer target for the PDF text post-processing
** (lib/pdftext.c): the input, cut into pages at form feeds as poppler's
** text of a document would be, must be joined without a fault or a leak,
** into text no longer than the input's and holding no form feed.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flank/flank.h"
#include "pdftext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *p = (const char *)data;
    pdf_page pages[256];
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= size && n < 256; i++)
        if (i == size || p[i] == '\f') {
            pages[n++] = (pdf_page){p + start, i - start};
            start = i + 1;
        }
    buf out;
    buf_init(&out, BUF_NO_LIMIT);
    if (pdftext_join(pages, n, &out) != FL_OK) abort();
    if (out.len > 2 * size + 2) abort();   /* a blank line for a line break at most */
    if (out.len && memchr(out.data, '\f', out.len)) abort();
    buf_release(&out);
    return 0;
}
