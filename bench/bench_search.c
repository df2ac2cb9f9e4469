/*
** bench_search.c: search latency. Runs every query of a file (one a line)
** through fl_search_json() on an existing database, the way `flank search`
** and the server do, and prints p50, p90, p99 and max in milliseconds, and
** the 15 slowest queries (the tail is what to work on).
**
** usage: bench_search DB QUERIES [POSTINGS_MB]
**
** With POSTINGS_MB the connection shares phrase postings of that budget (as
** `flank serve` does) and the queries run twice: the first pass reads the
** postings from the index, the second finds them in memory.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flank/flank.h"

#define MAX_QUERIES 100000
#define N_SLOWEST 15

typedef struct timing {
    double ms;
    char *query;
} timing;

static int cmp_timing(const void *a, const void *b) {
    double x = ((const timing *)a)->ms, y = ((const timing *)b)->ms;
    return x < y ? -1 : x > y;
}

/* Runs every query once, timed, and prints the figures under LABEL. */
static size_t run_pass(fl_db *db, char **queries, size_t n, const char *label) {
    timing *t = malloc(n * sizeof *t);
    size_t failed = 0;
    for (size_t i = 0; t && i < n; i++) {
        struct timespec a, b;
        char *json = NULL, *err = NULL;
        clock_gettime(CLOCK_MONOTONIC, &a);
        int rc = fl_search_json(db, queries[i], NULL, &json, &err);
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (rc != FL_OK) failed++;
        fl_free(err);
        fl_free(json);
        t[i].ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
        t[i].query = queries[i];
    }
    if (!t) return n;
    qsort(t, n, sizeof *t, cmp_timing);
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += t[i].ms;
    printf("%squeries=%zu failed=%zu mean=%.2fms p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n", label, n,
           failed, sum / (double)n, t[n / 2].ms, t[n * 9 / 10].ms, t[n * 99 / 100].ms, t[n - 1].ms);
    printf("%sslowest:", label);
    for (size_t i = n; i > 0 && i + N_SLOWEST > n; i--) printf(" %.1fms %s;", t[i - 1].ms, t[i - 1].query);
    printf("\n");
    free(t);
    return failed;
}

int main(int argc, char **argv) {
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: bench_search DB QUERIES [POSTINGS_MB]\n");
        return 2;
    }
    fl_db *db = NULL;
    fl_postings *shared = NULL;
    char *err = NULL;
    if (fl_db_open(argv[1], &db, &err) != FL_OK ||
        (argc == 4 && (fl_postings_new((size_t)atol(argv[3]) << 20, &shared, &err) != FL_OK ||
                       fl_db_share_postings(db, shared, &err) != FL_OK))) {
        fprintf(stderr, "bench_search: %s\n", err);
        return 1;
    }
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    char **queries = malloc(MAX_QUERIES * sizeof *queries), line[1024];
    size_t n = 0, failed;
    while (queries && n < MAX_QUERIES && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        queries[n++] = strdup(line);
    }
    fclose(f);
    if (n == 0) return 1;
    if (shared) {
        /* The first pass reads every phrase's postings from the index; the
        ** second finds them in memory, as a server's later searches do. */
        failed = run_pass(db, queries, n, "cold postings: ");
        failed += run_pass(db, queries, n, "postings in memory: ");
    } else {
        failed = run_pass(db, queries, n, "");
    }
    for (size_t i = 0; i < n; i++) free(queries[i]);
    free(queries);
    fl_db_close(db);
    fl_postings_free(shared);
    return failed ? 1 : 0;
}
