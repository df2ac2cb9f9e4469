/*
** bench_parse.c: the syntactic stage's figures (`make bench-parse`):
** UPOS, UAS, LAS and lemma accuracy on the treebank's test file with gold
** tokens, sentences per second on one core (gold tokens: tagging and
** parsing; raw text: with the UD tokenizer too), the model's load time and
** the process's resident memory.
**
**   bench_parse MODEL TEST.conllu[.gz]
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "flank/flank.h"
#include "parse.h"
#include "read.h"

/* CPU time of this process: on a shared machine, what one core gives. */
static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The process's resident memory now and at its peak, in MB. */
static void rss(double *cur, double *peak) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    *cur = *peak = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, "VmRSS:", 6) == 0) *cur = atof(line + 6) / 1024;
        if (strncmp(line, "VmHWM:", 6) == 0) *peak = atof(line + 6) / 1024;
    }
    if (f) fclose(f);
}

typedef struct gold {
    char *text;
    parse_tok *tok;
    size_t n;
} gold;

static void die(const char *what, const char *msg) {
    fprintf(stderr, "bench_parse: %s: %s\n", what, msg ? msg : "failed");
    exit(1);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: bench_parse MODEL TEST.conllu\n");
        return 2;
    }
    char *err = NULL;
    double rss0, peak0;
    rss(&rss0, &peak0);
    double t0 = now();
    parse_model *m;
    if (parse_model_load(argv[1], &m, &err) != FL_OK) die(argv[1], err);
    double load_ms = (now() - t0) * 1000;
    double rss1, peak1;
    rss(&rss1, &peak1);

    buf raw, text;
    if (read_source(argv[2], (size_t)1 << 30, &raw, &err) != FL_OK) die(argv[2], err);
    buf_init(&text, BUF_NO_LIMIT);
    parse_sent s, p;
    parse_sent_init(&s);
    parse_sent_init(&p);
    /* $BENCH_PARSE_OUT: where to write what was parsed, as CoNLL-U */
    FILE *out = getenv("BENCH_PARSE_OUT") ? fopen(getenv("BENCH_PARSE_OUT"), "w") : NULL;
    gold *g = NULL;
    size_t ng = 0, cap = 0, pos = 0, tokens = 0, upos = 0, uas = 0, las = 0, lemma = 0;
    for (;;) {
        if (parse_conllu_read(raw.data, raw.len, &pos, &text, &s, &err) != FL_OK) die(argv[2], err);
        if (s.n == 0) break;
        if (ng == cap && array_grow(&g, &cap, sizeof *g, 1024) != FL_OK) die("memory", NULL);
        g[ng].text = strdup(buf_cstr(&text));
        g[ng].n = s.n;
        g[ng].tok = malloc(s.n * sizeof *g[ng].tok);
        memcpy(g[ng].tok, s.tok, s.n * sizeof *s.tok);
        p.n = 0;
        if (parse_sent_reserve(&p, s.n) != FL_OK) die("memory", NULL);
        for (size_t i = 0; i < s.n; i++) p.tok[i] = (parse_tok){s.tok[i].start, s.tok[i].end, 0, -1, NULL, NULL};
        p.n = s.n;
        if (parse_tokens(m, g[ng].text, &p, &err) != FL_OK) die("parse", err);
        if (out) {
            buf o;
            buf_init(&o, BUF_NO_LIMIT);
            parse_conllu_write(g[ng].text, &p, &o);
            fwrite(o.data, 1, o.len, out);
            buf_release(&o);
        }
        for (size_t i = 0; i < s.n; i++) {
            tokens++;
            upos += p.tok[i].upos == s.tok[i].upos;
            lemma += strcasecmp(p.tok[i].lemma, s.tok[i].lemma) == 0;
            if (p.tok[i].head == s.tok[i].head) {
                uas++;
                las += strcmp(p.tok[i].deprel, s.tok[i].deprel) == 0;
            }
        }
        ng++;
    }
    if (out) fclose(out);
    /* speed: every test sentence, again and again for about two seconds */
    size_t sents = 0, words = 0;
    t0 = now();
    double gold_s, raw_s;
    do {
        for (size_t k = 0; k < ng; k++) {
            p.n = 0;
            parse_sent_reserve(&p, g[k].n);
            for (size_t i = 0; i < g[k].n; i++) p.tok[i] = (parse_tok){g[k].tok[i].start, g[k].tok[i].end, 0, -1, NULL, NULL};
            p.n = g[k].n;
            parse_tokens(m, g[k].text, &p, NULL);
            words += g[k].n;
        }
        sents += ng;
    } while ((gold_s = now() - t0) < 2);
    double gold_rate = sents / gold_s, words_per_sent = (double)words / sents;
    sents = 0;
    t0 = now();
    do {
        for (size_t k = 0; k < ng; k++) parse_sentence(m, g[k].text, 0, strlen(g[k].text), &p, NULL);
        sents += ng;
    } while ((raw_s = now() - t0) < 2);
    double raw_rate = sents / raw_s, rss2, peak2;
    /* the sentences of 15 to 25 tokens alone (issue 16's bar speaks of ~20) */
    size_t mid_sents = 0, mid_words = 0;
    double mid_s;
    t0 = now();
    do {
        for (size_t k = 0; k < ng; k++) {
            if (g[k].n < 15 || g[k].n > 25) continue;
            parse_sentence(m, g[k].text, 0, strlen(g[k].text), &p, NULL);
            mid_sents++;
            mid_words += p.n;
        }
    } while ((mid_s = now() - t0) < 2);
    rss(&rss2, &peak2);
    double n = tokens ? (double)tokens : 1;
    printf("| figure | value |\n|---|---|\n");
    printf("| test sentences / tokens (gold tokens) | %zu / %zu |\n", ng, tokens);
    printf("| UPOS | %.2f%% |\n| UAS | %.2f%% |\n| LAS | %.2f%% |\n| lemma (case-blind) | %.2f%% |\n",
           100 * upos / n, 100 * uas / n, 100 * las / n, 100 * lemma / n);
    printf("| tag + lemmatize + parse, gold tokens | %.0f sentences/s (%.1f tokens each), one core |\n", gold_rate,
           words_per_sent);
    printf("| tokenize + tag + lemmatize + parse, raw text | %.0f sentences/s, one core |\n", raw_rate);
    printf("| the same, sentences of 15-25 tokens | %.0f sentences/s (%.1f tokens each), one core |\n",
           mid_sents / mid_s, (double)mid_words / (mid_sents ? mid_sents : 1));
    printf("| model load | %.1f ms |\n", load_ms);
    printf("| resident memory: model / whole run | %.1f MB / %.1f MB |\n", rss1 - rss0, rss2);
    parse_model_free(m);
    return 0;
}
