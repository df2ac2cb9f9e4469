/*
** fuzz_parse.c: libFuzzer target for the parser on token sequences: the
** input, whatever its bytes, is one sentence tokenized, tagged and parsed
** with the project's model. Tokens must be ordered spans inside the input,
** every head less than PARSE_MAX_TOKENS tokens away (pieces are parsed
** apart), no cycle; the CoNLL-U writer must take the result.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flank/flank.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const parse_model *m;
    static parse_sent s;
    if (!m) {
        char *err = NULL;
        if (parse_default(&m, &err) != FL_OK) abort();
        parse_sent_init(&s);
    }
    const char *text = (const char *)data;
    if (parse_sentence(m, text, 0, size, &s, NULL) != FL_OK) abort();
    size_t prev_end = 0;
    for (size_t i = 0; i < s.n; i++) {
        const parse_tok *t = &s.tok[i];
        if (t->start < prev_end || t->end <= t->start || t->end > size) abort();
        prev_end = t->end;
        if (t->upos <= UPOS_NONE || t->upos >= UPOS_COUNT || !t->lemma || !t->deprel) abort();
        if (t->head < 0) continue;
        if ((size_t)t->head >= s.n) abort();
        size_t lo = (size_t)t->head < i ? (size_t)t->head : i, hi = (size_t)t->head < i ? i : (size_t)t->head;
        if (hi - lo >= PARSE_MAX_TOKENS) abort();
        /* no cycle: the walk up reaches the root within n steps */
        size_t steps = 0;
        for (int h = t->head; h >= 0; h = s.tok[h].head)
            if (++steps > s.n) abort();
    }
    if (s.n > PARSE_MAX_TOKENS && !s.truncated) abort();
    buf out;
    buf_init(&out, BUF_NO_LIMIT);
    if (parse_conllu_write(text, &s, &out) != FL_OK) abort();
    buf_release(&out);
    return 0;
}
