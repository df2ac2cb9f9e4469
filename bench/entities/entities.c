/*
** entities.c: the entity-linking driver of bench/entities/run.sh. It owns
** no linking logic; it loads the default pack (gazetteer.h) and
**   entities json FILE     prints {"entities":[...],"candidates":[...]}
**                          for FILE's text (DESIGN.md's entity records);
**   entities aliases       prints every alias of the pack, one a line (the
**                          list grep -F -w -i -f gets in the benchmark);
**   entities bench FILE    links FILE in 64 KiB pieces cut at line ends and
**                          prints bytes, seconds and MB/s of linking alone.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>

#include "flank/flank.h"
#include "buf.h"
#include "gazetteer.h"
#include "read.h"
#include "banned.h"

static char *slurp(const char *path, size_t *n) {
    buf b;
    char *err = NULL;
    buf_init(&b, (size_t)4 << 30);
    if (read_source(path, (size_t)4 << 30, &b, &err) != FL_OK) {
        fprintf(stderr, "entities: %s\n", err ? err : path);
        exit(1);
    }
    buf_cstr(&b);
    return buf_detach(&b, n);
}

static int cmp_id(const void *a, const void *b) {
    const annot_mention *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->start > y->start) - (x->start < y->start);
}

static int do_json(const gaz_pack *p, const char *path) {
    size_t n;
    char *text = slurp(path, &n), *err = NULL;
    gaz_result r;
    if (gaz_annotate(p, text, n, &r, &err)) {
        fprintf(stderr, "entities: %s\n", err);
        return 1;
    }
    /* First-mention order of entities, mentions in text order. */
    annot_mention *m = malloc((r.n_mentions + 1) * sizeof *m);
    memcpy(m, r.mentions, r.n_mentions * sizeof *m);
    qsort(m, r.n_mentions, sizeof *m, cmp_id);
    json_t *ents = json_array(), *cands = json_array();
    for (size_t i = 0; i < r.n_mentions;) {
        const gaz_entity *e = gaz_get(p, m[i].id);
        json_t *ms = json_array();
        size_t j = i;
        for (; j < r.n_mentions && strcmp(m[j].id, m[i].id) == 0; j++)
            json_array_append_new(ms, json_pack("{s:I,s:I,s:s%}", "start", (json_int_t)m[j].start,
                                                "end", (json_int_t)m[j].end, "text",
                                                text + m[j].start, m[j].end - m[j].start));
        json_array_append_new(ents, json_pack("{s:s,s:s,s:s,s:o}", "id", e->id, "name", e->name,
                                              "type", e->type, "mentions", ms));
        i = j;
    }
    for (size_t i = 0; i < r.n_candidates; i++)
        json_array_append_new(cands, json_pack("{s:I,s:I,s:s%}", "start", (json_int_t)r.candidates[i].start,
                                               "end", (json_int_t)r.candidates[i].end, "text",
                                               text + r.candidates[i].start,
                                               r.candidates[i].end - r.candidates[i].start));
    json_t *doc = json_pack("{s:o,s:o}", "entities", ents, "candidates", cands);
    char *s = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    puts(s);
    free(s);
    json_decref(doc);
    free(m);
    gaz_result_release(&r);
    free(text);
    return 0;
}

static void print_alias(const char *s, size_t n) {
    while (n && s[n - 1] == ' ') n--;
    if (n && s[n - 1] == '}') {
        const char *o = memchr(s, '{', n);
        if (o) n = (size_t)(o - s);
    }
    for (size_t k = n; k > 0 && k + 4 >= n; k--)
        if (s[k - 1] == '@') {
            n = k - 1;
            break;
        }
    if (n) printf("%.*s\n", (int)n, s);
}

static int do_aliases(const gaz_pack *p) {
    for (size_t i = 0; i < gaz_entity_count(p); i++) {
        const gaz_entity *e = gaz_entity_at(p, i);
        print_alias(e->name, strlen(e->name));
        for (const char *s = e->aliases; *s;) {
            const char *bar = strchr(s, '|');
            size_t n = bar ? (size_t)(bar - s) : strlen(s);
            print_alias(s, n);
            s += n + (bar != NULL);
        }
    }
    return 0;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int do_bench(const gaz_pack *p, const char *path) {
    size_t n, mentions = 0;
    char *text = slurp(path, &n), *err = NULL;
    double t0 = now();
    for (size_t at = 0; at < n;) {
        size_t end = at + 65536 < n ? at + 65536 : n;
        while (end < n && text[end - 1] != '\n') end++;
        gaz_result r;
        if (gaz_annotate(p, text + at, end - at, &r, &err)) {
            fprintf(stderr, "entities: %s\n", err);
            return 1;
        }
        mentions += r.n_mentions;
        gaz_result_release(&r);
        at = end;
    }
    double dt = now() - t0;
    printf("bytes %zu seconds %.3f MB/s %.1f mentions %zu\n", n, dt, (double)n / 1e6 / dt, mentions);
    free(text);
    return 0;
}

int main(int argc, char **argv) {
    const gaz_pack *p;
    char *err = NULL;
    if (argc < 2) {
        fprintf(stderr, "usage: entities json FILE | aliases | bench FILE\n");
        return 2;
    }
    double t0 = now();
    if (gaz_default(&p, &err)) {
        fprintf(stderr, "entities: %s\n", err);
        return 1;
    }
    if (getenv("ENTITIES_VERBOSE"))
        fprintf(stderr, "pack: %zu entities, %zu facts, loaded in %.2f s\n", gaz_entity_count(p),
                gaz_fact_count(p), now() - t0);
    if (strcmp(argv[1], "json") == 0 && argc == 3) return do_json(p, argv[2]);
    if (strcmp(argv[1], "aliases") == 0) return do_aliases(p);
    if (strcmp(argv[1], "bench") == 0 && argc == 3) return do_bench(p, argv[2]);
    fprintf(stderr, "usage: entities json FILE | aliases | bench FILE\n");
    return 2;
}
