/*
** bench_search.c: search latency. Runs every query of a file (one a line)
** through fl_search_json() on an existing database, the way `flank search`
** and the server do, and prints p50, p90, p99 and max in milliseconds, and
** the 15 slowest queries (the tail is what to work on).
**
** usage: bench_search DB QUERIES
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

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: bench_search DB QUERIES\n");
        return 2;
    }
    fl_db *db = NULL;
    char *err = NULL;
    if (fl_db_open(argv[1], &db, &err) != FL_OK) {
        fprintf(stderr, "bench_search: %s\n", err);
        return 1;
    }
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    timing *t = malloc(MAX_QUERIES * sizeof *t);
    size_t n = 0, failed = 0;
    char line[1024];
    while (t && n < MAX_QUERIES && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        struct timespec a, b;
        char *json = NULL;
        clock_gettime(CLOCK_MONOTONIC, &a);
        int rc = fl_search_json(db, line, NULL, &json, &err);
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (rc != FL_OK) {
            failed++;
            fl_free(err);
            err = NULL;
        }
        fl_free(json);
        t[n].ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
        t[n].query = strdup(line);
        n++;
    }
    fclose(f);
    if (n == 0) return 1;
    qsort(t, n, sizeof *t, cmp_timing);
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += t[i].ms;
    printf("queries=%zu failed=%zu mean=%.2fms p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n", n, failed,
           sum / (double)n, t[n / 2].ms, t[n * 9 / 10].ms, t[n * 99 / 100].ms, t[n - 1].ms);
    printf("slowest:");
    for (size_t i = n; i > 0 && i + N_SLOWEST > n; i--) printf(" %.1fms %s;", t[i - 1].ms, t[i - 1].query);
    printf("\n");
    for (size_t i = 0; i < n; i++) free(t[i].query);
    free(t);
    fl_db_close(db);
    return failed ? 1 : 0;
}
