/*
** throughput.c: annotation throughput of the whole `flank extract --json`
** pipeline (read, extract, normalise, segment, entities, dates, relations,
** claims, JSON) in one process, the knowledge pack loaded before the clock
** starts. Prints documents, sentences/s and MB/s of input.
**
** usage: throughput FILE...
*/
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "flank/flank.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One document through the pipeline to JSON; adds its sentences and the
** bytes of its JSON's text to the totals. Returns 0 on success. */
static int one(const char *path, size_t *sentences, size_t *bytes) {
    fl_doc *doc = NULL;
    char *json = NULL, *err = NULL;
    int rc = fl_doc_read(path, NULL, &doc, NULL, &err);
    if (rc == FL_OK) rc = fl_doc_json(doc, &json, &err);
    if (rc == FL_OK) {
        size_t len;
        fl_doc_text(doc, &len);
        *sentences += fl_doc_sentence_count(doc);
        *bytes += len;
    } else {
        fprintf(stderr, "throughput: %s: %s\n", path, err ? err : fl_strerror(rc));
    }
    fl_free(json);
    fl_free(err);
    fl_doc_free(doc);
    return rc != FL_OK;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: throughput FILE...\n");
        return 2;
    }
    size_t warm_s = 0, warm_b = 0, sentences = 0, bytes = 0;
    one(argv[1], &warm_s, &warm_b);   /* loads the pack and the patterns */
    int failed = 0;
    double t0 = now();
    for (int i = 1; i < argc; i++) failed += one(argv[i], &sentences, &bytes);
    double s = now() - t0;
    printf("documents=%d failed=%d sentences=%zu text=%.2f MB time=%.2f s: %.0f sentences/s, %.2f MB/s\n",
           argc - 1, failed, sentences, (double)bytes / 1e6, s, (double)sentences / s, (double)bytes / 1e6 / s);
    return 0;
}
