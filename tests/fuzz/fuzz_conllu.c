/*
** fuzz_conllu.c: libFuzzer target for the CoNLL-U reader. Every input is
** read sentence by sentence until its end or a refusal (which must say
** which line); each sentence read is written back and must read again to
** the same tokens.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flank/flank.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *p = (const char *)data;
    buf text, text2, out;
    buf_init(&text, BUF_NO_LIMIT);
    buf_init(&text2, BUF_NO_LIMIT);
    buf_init(&out, BUF_NO_LIMIT);
    parse_sent a, b;
    parse_sent_init(&a);
    parse_sent_init(&b);
    size_t pos = 0;
    for (;;) {
        char *err = NULL;
        int rc = parse_conllu_read(p, size, &pos, &text, &a, &err);
        if (rc != FL_OK) {
            if (rc != FL_EINVAL || !err || strncmp(err, "line ", 5) != 0) abort();
            free(err);
            break;
        }
        if (a.n == 0) break;
        if (pos > size) abort();
        buf_reset(&out);
        if (parse_conllu_write(text.data, &a, &out) != FL_OK) abort();
        size_t p2 = 0;
        if (parse_conllu_read(out.data, out.len, &p2, &text2, &b, &err) != FL_OK || b.n != a.n) abort();
        for (size_t i = 0; i < a.n; i++)
            if (b.tok[i].head != a.tok[i].head || b.tok[i].upos != a.tok[i].upos ||
                b.tok[i].end - b.tok[i].start != a.tok[i].end - a.tok[i].start)
                abort();
    }
    parse_sent_release(&a);
    parse_sent_release(&b);
    buf_release(&text);
    buf_release(&text2);
    buf_release(&out);
    return 0;
}
