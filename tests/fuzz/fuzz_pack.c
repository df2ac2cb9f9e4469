/*
** fuzz_pack.c: libFuzzer target for knowledge-pack files, the input that
** `flank kb add` takes from users. Each input is written to a file and
** loaded with gaz_load: it must load or fail with a message naming the
** file, and a pack that loads must link a sample text, list its entities
** and facts and report its alias clashes without a fault.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flank/flank.h"
#include "gazetteer.h"
#include "tokenize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sample[] =
    "Russia and Turkey met in Tripoli. The Wagner Group left Mali; NATO's "
    "Mediterranean Dialogue (MD) and the U.S. Navy in Rota, Spain.";

static void count_clash(void *ctx, const char *alias, const gaz_entity *a, const gaz_entity *b) {
    (void)alias, (void)a, (void)b;
    ++*(size_t *)ctx;
}

static void exercise(const gaz_pack *pack) {
    gaz_result r = {0};
    tok_words words;
    if (tok_words_make(sample, sizeof sample - 1, &words) != FL_OK) abort();
    if (gaz_annotate(pack, sample, sizeof sample - 1, &words, &r, NULL) == FL_OK)
        for (size_t i = 0; i < r.n_mentions; i++)
            if (r.mentions[i].end > sizeof sample - 1 || !gaz_get(pack, r.mentions[i].id)) abort();
    gaz_result_release(&r);
    tok_words_release(&words);
    for (size_t i = 0; i < gaz_entity_count(pack); i++) {
        size_t len;
        const gaz_entity *e = gaz_entity_at(pack, i);
        if (!e->id || !e->name || !e->type) abort();
        gaz_attr(e, "iso2", &len);
    }
    for (size_t i = 0; i < gaz_fact_count(pack); i++)
        if (!gaz_fact_at(pack, i)->subject) abort();
    size_t clashes = 0;
    gaz_clashes(pack, &clashes, count_clash);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char path[64];
    if (!path[0]) snprintf(path, sizeof path, "/tmp/fuzz-pack-%ld.tsv", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    const char *paths[] = {path};
    gaz_pack *pack = NULL;
    char *err = NULL;
    if (gaz_load(paths, 1, &pack, &err) == FL_OK) exercise(pack);
    else if (!err || !strstr(err, path)) abort();   /* a refusal names the file */
    fl_free(err);
    gaz_free(pack);
    return 0;
}
