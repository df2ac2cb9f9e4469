/*
** fuzz_import.c: libFuzzer target for `flank import` (lib/import.c). The
** input is the file imported, --with-documents, into a small database:
** fl_import must either take it or refuse it with FL_EINVAL (or FL_ETOOBIG
** never: lines are capped) and a message that names the file and line,
** and a refused import must leave the database as it was: its export
** before and after are the same bytes (one transaction, nothing
** half-imported). Seeds: tests/fuzz/seeds/import, an export of the same
** documents.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flank/flank.h"
#include "buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fl_db *store;
static char store_path[64], input_path[64];

static void remove_files(void) {
    char p[80];
    fl_db_close(store);
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", store_path, (const char *[]){"", "-wal", "-shm"}[i]);
        unlink(p);
    }
    unlink(input_path);
}

/* The documents of the seed export (tests/fuzz/seeds/import). */
static const char *const texts[] = {
    "Mali ended its partnership with France. The junta turned to Russia for training.",
    "Russia operates the al-Jufra air base in Libya, officials said in 2024.",
};

static void open_store(void) {
    char *err = NULL;
    snprintf(store_path, sizeof store_path, "/tmp/fuzz-import-%d.db", (int)getpid());
    snprintf(input_path, sizeof input_path, "/tmp/fuzz-import-%d.jsonl", (int)getpid());
    unlink(store_path);
    if (fl_db_open(store_path, &store, &err) != FL_OK) abort();
    atexit(remove_files);
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        fl_doc *doc = NULL;
        int64_t id;
        int added;
        char name[16];
        snprintf(name, sizeof name, "t%zu.txt", i);
        if (fl_doc_from_bytes(name, texts[i], strlen(texts[i]), NULL, &doc, NULL, &err) != FL_OK ||
            fl_db_add(store, doc, &id, &added, &err) != FL_OK)
            abort();
        fl_doc_free(doc);
    }
    if (fl_db_commit(store, &err) != FL_OK) abort();
}

static int to_buf(void *ctx, const char *p, size_t n) { return buf_append(ctx, p, n) == FL_OK ? 0 : -1; }

/* The database's export with its documents, into OUT. */
static void snapshot(buf *out) {
    fl_export_opts o = {.format = "jsonl", .with_documents = 1};
    char *err = NULL;
    buf_reset(out);
    if (fl_export(store, &o, to_buf, out, &err) != FL_OK) abort();
    buf_cstr(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!store) open_store();
    FILE *f = fopen(input_path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) abort();
    buf before, after;
    buf_init(&before, BUF_NO_LIMIT);
    buf_init(&after, BUF_NO_LIMIT);
    snapshot(&before);
    fl_import_counts n;
    char *err = NULL;
    int rc = fl_import(store, input_path, 1, &n, &err);
    if (rc != FL_OK) {
        if (rc != FL_EINVAL || !err || strncmp(err, input_path, strlen(input_path)) != 0) abort();
        snapshot(&after);
        if (before.len != after.len || memcmp(before.data, after.data, before.len) != 0) abort();   /* half-imported */
    }
    fl_free(err);
    buf_release(&before);
    buf_release(&after);
    return 0;
}
