/*
** bench_search.c: search latency. Runs every query of a file (one a line)
** through fl_search_json() on an existing database, the way `flank search`
** and the server do, and prints p50, p90, p99 and max in milliseconds.
**
** usage: bench_search DB QUERIES
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flank/flank.h"

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
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
    double *ms = malloc(100000 * sizeof *ms);
    double slowest = 0;
    char slowest_q[1024] = "";
    size_t n = 0, failed = 0;
    char line[1024];
    while (n < 100000 && fgets(line, sizeof line, f)) {
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
        ms[n] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
        if (ms[n] > slowest) {
            slowest = ms[n];
            snprintf(slowest_q, sizeof slowest_q, "%s", line);
        }
        n++;
    }
    fclose(f);
    qsort(ms, n, sizeof *ms, cmp_double);
    if (n == 0) return 1;
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += ms[i];
    printf("queries=%zu failed=%zu mean=%.2fms p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n", n, failed,
           sum / (double)n, ms[n / 2], ms[n * 9 / 10], ms[n * 99 / 100], ms[n - 1]);
    printf("slowest: %.2fms for %s\n", slowest, slowest_q);
    free(ms);
    fl_db_close(db);
    return failed ? 1 : 0;
}
