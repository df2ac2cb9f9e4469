/*
** fuzz_pipeline.c: libFuzzer target for the whole document pipeline. Every
** input goes through fl_doc_from_bytes as text and as HTML (read stage,
** extraction, normalisation, segmentation, entity linking, dates,
** relations, claims) and then fl_doc_json; a document's sentences must lie
** inside its text and the JSON must be produced.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "doc.h"
#include "flank/flank.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const uint8_t *data, size_t size, const char *format) {
    fl_read_opts opts = {0, format, NULL, 0};
    fl_doc *doc = NULL;
    char *note = NULL, *err = NULL, *json = NULL;
    if (fl_doc_from_bytes("fuzz", (const char *)data, size, &opts, &doc, &note, &err) == FL_OK) {
        for (size_t i = 0; i < doc->seg.n_sents; i++)
            if (doc->seg.sents[i].start > doc->seg.sents[i].end || doc->seg.sents[i].end > doc->text_len) abort();
        if (fl_doc_json(doc, &json, NULL) != FL_OK) abort();
    }
    fl_free(json);
    fl_free(note);
    fl_free(err);
    fl_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    one(data, size, "text");
    one(data, size, "html");
    return 0;
}
