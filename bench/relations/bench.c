/*
** bench/relations/bench.c: measures the date, relation and claim stages
** against ../shared/gold/seeds.jsonl BEFORE the pipeline exists.
**
** STAND-IN, CLEARLY LABELLED: entity linking is not there yet, so this
** driver fabricates the mentions from the GOLD entities' mention strings
** (every whole-word occurrence in the body, longest first) and splits
** sentences naively (line = paragraph; '.', '!' or '?' then a space and a
** capital or a quote). That measures the rules, not the entity linker.
** Nothing here is used by lib/. Once `flank extract --json` runs the whole
** pipeline, bench/relations/run.sh scores that instead.
**
** Usage: bench GOLD.jsonl GOLD_DIR OUT_DIR   (writes OUT_DIR/FILE.json)
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annot.h"
#include "claim.h"
#include "date.h"
#include "relation.h"
#include "segment.h"

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    if (p && fread(p, 1, (size_t)n, f) != (size_t)n) n = 0;
    fclose(f);
    if (p) p[n] = '\0';
    *len = (size_t)n;
    return p;
}

/* Naive segmentation: stand-in for segment.c in this bench only. */
static void naive_seg(const char *t, size_t n, seg_result *r) {
    memset(r, 0, sizeof *r);
    r->paras = calloc(n + 1, sizeof *r->paras);
    r->sents = calloc(n + 1, sizeof *r->sents);
    size_t a = 0;
    while (a < n) {
        size_t e = a;
        while (e < n && t[e] != '\n') e++;
        if (e > a) {
            size_t p = r->n_paras++;
            r->paras[p] = (seg_span){a, e, p};
            size_t s = a;
            for (size_t i = a; i < e; i++) {
                int stop = (t[i] == '.' || t[i] == '!' || t[i] == '?') && i + 2 < e && t[i + 1] == ' ' &&
                           ((t[i + 2] >= 'A' && t[i + 2] <= 'Z') || (unsigned char)t[i + 2] == 0xE2 || t[i + 2] == '"');
                if (stop && i >= 2 && t[i - 2] == '.') stop = 0;          /* U.S. */
                if ((t[i] == '.' || t[i] == ',') && i + 5 < e && !memcmp(t + i + 1, "\xE2\x80\x9D ", 4) &&
                    t[i] == '.' && t[i + 5] >= 'A' && t[i + 5] <= 'Z') {   /* .” Next */
                    r->sents[r->n_sents++] = (seg_span){s, i + 4, p};
                    s = i + 5;
                    continue;
                }
                if (stop) {
                    r->sents[r->n_sents++] = (seg_span){s, i + 1, p};
                    s = i + 2;
                }
            }
            r->sents[r->n_sents++] = (seg_span){s, e, p};
        }
        a = e + 1;
    }
}

static int wordc(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c >= 0x80 && c != 0xE2); }

static int cmpm(const void *a, const void *b) {
    const annot_mention *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: bench GOLD.jsonl GOLD_DIR OUT_DIR\n");
        return 2;
    }
    FILE *g = fopen(argv[1], "r");
    if (!g) {
        perror(argv[1]);
        return 1;
    }
    char line[1 << 17];
    while (fgets(line, sizeof line, g)) {
        json_error_t jerr;
        json_t *gold = json_loads(line, 0, &jerr);
        if (!gold) continue;
        const char *file = json_string_value(json_object_get(gold, "file"));
        const char *body = json_string_value(json_object_get(gold, "body"));
        const char *published = json_string_value(json_object_get(gold, "published"));
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[2], body);
        size_t n;
        char *text = slurp(path, &n);
        if (!text) {
            perror(path);
            return 1;
        }
        seg_result seg;
        naive_seg(text, n, &seg);
        /* mentions fabricated from the gold entities (bench only) */
        size_t nm = 0, cap = 1024;
        annot_mention *m = malloc(cap * sizeof *m);
        json_t *ents = json_object_get(gold, "entities"), *e;
        size_t ei;
        json_array_foreach(ents, ei, e) {
            const char *id = json_string_value(json_object_get(e, "id"));
            json_t *ms = json_object_get(e, "mentions"), *mv;
            size_t mj;
            json_array_foreach(ms, mj, mv) {
                const char *s = json_string_value(mv);
                size_t sl = strlen(s);
                if (sl > 3 && (strcmp(s + sl - 2, "'s") == 0 || strcmp(s + sl - 4, "\xE2\x80\x99s") == 0)) continue;
                for (const char *p = text; (p = strstr(p, s)); p++) {
                    size_t st = (size_t)(p - text), en = st + sl;
                    size_t lead = st;
                    while (lead > 0 && ((unsigned char)text[lead - 1] & 0xC0) == 0x80) lead--;
                    if (lead < st && lead > 0) lead--;        /* the lead byte of a UTF-8 character */
                    int left = st > 0 && (lead < st - 1 ? (unsigned char)text[lead] != 0xE2 : wordc((unsigned char)text[st - 1]));
                    if (left || (en < n && wordc((unsigned char)text[en]))) continue;
                    if (nm == cap) m = realloc(m, (cap *= 2) * sizeof *m);
                    m[nm++] = (annot_mention){st, en, id};
                }
            }
        }
        qsort(m, nm, sizeof *m, cmpm);
        size_t w = 0;
        for (size_t i = 0; i < nm; i++)
            if (!w || m[i].start >= m[w - 1].end) m[w++] = m[i];
        nm = w;

        if (getenv("BENCH_SENTS"))
            for (size_t i = 0; i < seg.n_sents; i++)
                fprintf(stderr, "[%zu] %.*s\n", seg.sents[i].para, (int)(seg.sents[i].end - seg.sents[i].start), text + seg.sents[i].start);
        char *err = NULL;
        annot_date *dates = NULL;
        size_t nd = 0, nr = 0, nc = 0;
        annot_relation *rels = NULL;
        annot_claim *claims = NULL;
        int rc = date_find(text, n, &seg, published, &dates, &nd, &err);
        if (!rc) rc = rel_extract(text, n, &seg, m, nm, dates, nd, &rels, &nr, &err);
        if (!rc) rc = claim_extract(text, n, &seg, m, nm, &claims, &nc, &err);
        if (rc) {
            fprintf(stderr, "bench: %s: %s\n", file, err ? err : "error");
            return 1;
        }
        json_t *out = json_object();
        json_t *je = json_array();
        json_array_foreach(ents, ei, e) {
            json_t *x = json_object();
            const char *id = json_string_value(json_object_get(e, "id"));
            json_object_set(x, "id", json_object_get(e, "id"));
            json_object_set(x, "name", json_object_get(e, "name"));
            json_object_set(x, "type", json_object_get(e, "type"));
            json_t *ms = json_array();
            for (size_t i = 0; i < nm; i++)
                if (strcmp(m[i].id, id) == 0) {
                    json_t *mm = json_object();
                    json_object_set_new(mm, "start", json_integer((json_int_t)m[i].start));
                    json_object_set_new(mm, "end", json_integer((json_int_t)m[i].end));
                    json_object_set_new(mm, "text", json_stringn(text + m[i].start, m[i].end - m[i].start));
                    json_array_append_new(ms, mm);
                }
            json_object_set_new(x, "mentions", ms);
            json_array_append_new(je, x);
        }
        json_object_set_new(out, "entities", je);
        json_t *jd = json_array();
        for (size_t i = 0; i < nd; i++)
            json_array_append_new(jd, json_pack("{s:I,s:I,s:s%,s:s}", "start", (json_int_t)dates[i].start,
                                                "end", (json_int_t)dates[i].end, "text",
                                                text + dates[i].start, dates[i].end - dates[i].start,
                                                "value", dates[i].value));
        json_object_set_new(out, "dates", jd);
        json_t *jr = json_array();
        for (size_t i = 0; i < nr; i++)
            json_array_append_new(jr, json_pack("{s:s,s:s,s:o,s:o,s:s,s:s%,s:I,s:I}",
                "subject", rels[i].subject, "predicate", rels[i].predicate,
                "object", rels[i].object ? json_string(rels[i].object) : json_null(),
                "date", rels[i].date[0] ? json_string(rels[i].date) : json_null(),
                "modality", rel_modality_name(rels[i].modality),
                "sentence", text + rels[i].start, rels[i].end - rels[i].start,
                "start", (json_int_t)rels[i].start, "end", (json_int_t)rels[i].end));
        json_object_set_new(out, "relations", jr);
        json_t *jc = json_array();
        for (size_t i = 0; i < nc; i++)
            json_array_append_new(jc, json_pack("{s:s,s:o,s:s%,s:I,s:I}",
                "kind", claim_kind_name(claims[i].kind),
                "speaker", claims[i].speaker ? json_string(claims[i].speaker) : json_null(),
                "text", text + claims[i].start, claims[i].end - claims[i].start,
                "start", (json_int_t)claims[i].start, "end", (json_int_t)claims[i].end));
        json_object_set_new(out, "claims", jc);
        snprintf(path, sizeof path, "%s/%s.json", argv[3], file);
        if (json_dump_file(out, path, JSON_INDENT(1))) {
            fprintf(stderr, "bench: cannot write %s\n", path);
            return 1;
        }
        json_decref(out);
        free(dates);
        free(rels);
        free(claims);
        free(m);
        free(seg.paras);
        free(seg.sents);
        free(text);
        json_decref(gold);
    }
    fclose(g);
    return 0;
}
