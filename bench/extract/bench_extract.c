/*
** bench_extract.c: the main-content benchmark driver. Reads every page
** named on the command line (gzip or plain, through zlib), runs
** extract_html on each, writes {ID: {"articleBody": ...}} to the output
** file for score.py, and reports time per page and peak memory.
**
**   bench_extract OUT.json PAGE.html.gz...
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <jansson.h>
#include <zlib.h>

#include "buf.h"
#include "extract.h"
#include "flank/flank.h"

static int slurp_gz(const char *path, buf *b) {
    gzFile f = gzopen(path, "rb");
    if (!f) return FL_EIO;
    char chunk[1 << 16];
    int n;
    while ((n = gzread(f, chunk, sizeof chunk)) > 0) buf_append(b, chunk, (size_t)n);
    int rc = n < 0 ? FL_EIO : b->rc;
    gzclose(f);
    return rc;
}

/* The page id: the file name without its .html(.gz) suffix. */
static char *page_id(const char *path) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strstr(base, ".html");
    size_t n = dot ? (size_t)(dot - base) : strlen(base);
    char *id = malloc(n + 1);
    if (!id) return NULL;
    memcpy(id, base, n);
    id[n] = '\0';
    return id;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_extract OUT.json PAGE.html.gz...\n");
        return 2;
    }
    json_t *preds = json_object();
    double total = 0;
    int pages = 0;
    for (int i = 2; i < argc; i++) {
        buf page;
        buf_init(&page, (size_t)64 << 20);
        if (slurp_gz(argv[i], &page) != FL_OK) {
            fprintf(stderr, "bench_extract: %s: cannot read\n", argv[i]);
            return 1;
        }
        extract_result r;
        char *err = NULL;
        double t0 = now();
        int rc = extract_html(page.data ? page.data : "", page.len, &r, &err);
        total += now() - t0;
        pages++;
        char *id = page_id(argv[i]);
        json_t *item = json_object();
        json_object_set_new(item, "articleBody", json_string(rc == FL_OK ? r.body : ""));
        if (rc == FL_OK && r.title) json_object_set_new(item, "title", json_string(r.title));
        if (rc == FL_OK && r.published) json_object_set_new(item, "published", json_string(r.published));
        json_object_set_new(preds, id, item);
        if (rc != FL_OK) fprintf(stderr, "bench_extract: %s: %s\n", argv[i], err ? err : "");
        free(err);
        free(id);
        extract_release(&r);
        buf_release(&page);
    }
    if (json_dump_file(preds, argv[1], JSON_INDENT(1) | JSON_SORT_KEYS) != 0) {
        fprintf(stderr, "bench_extract: %s: cannot write\n", argv[1]);
        return 1;
    }
    json_decref(preds);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("pages=%d ms_per_page=%.2f pages_per_s=%.1f peak_rss_mb=%.1f\n", pages,
           pages ? total * 1000 / pages : 0, total > 0 ? pages / total : 0,
           ru.ru_maxrss / 1024.0);
    return 0;
}
