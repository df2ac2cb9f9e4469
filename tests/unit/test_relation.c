/* test_relation.c: relation rules on hand-built mentions, table-driven:
** every class of construction the pattern file handles (lists both sides,
** exceptions, dash lists, anaphors, pairs, modality, dates), then bad
** input (no mentions, a 100,000-word sentence, unbalanced brackets). */
#include "unit.h"
#include "date.h"
#include "relation.h"

/* Mentions: "id=surface" pairs, every occurrence of the surface. */
typedef struct rcase {
    const char *text;
    const char *ents[8];
    const char *want;    /* "S P O [date] modality; ..." in output order */
} rcase;

static const rcase cases[] = {
    {"Chad, Sudan and Niger have dismantled security partnerships with Spain and the Arab League.",
     {"country:TD=Chad", "country:SD=Sudan", "country:NE=Niger", "country:ES=Spain", "org:al=Arab League"},
     "country:TD ended_cooperation country:ES [] asserted; country:TD ended_cooperation org:al [] asserted; "
     "country:SD ended_cooperation country:ES [] asserted; country:SD ended_cooperation org:al [] asserted; "
     "country:NE ended_cooperation country:ES [] asserted; country:NE ended_cooperation org:al [] asserted"},
    {"Egypt's footprint in Chad, Sudan and Libya has grown. These countries (with the exception of Libya) "
     "have cut ties with Spain.",
     {"country:EG=Egypt", "country:TD=Chad", "country:SD=Sudan", "country:LY=Libya", "country:ES=Spain"},
     "country:EG military_presence country:TD [] asserted; country:EG military_presence country:SD [] asserted; "
     "country:EG military_presence country:LY [] asserted; country:TD ended_cooperation country:ES [] asserted; "
     "country:SD ended_cooperation country:ES [] asserted"},
    {"The partners of the Arab League: Chad and Niger attended.",
     {"org:al=Arab League", "country:TD=Chad", "country:NE=Niger"},
     "country:TD member_of org:al [] asserted; country:NE member_of org:al [] asserted"},
    {"Chad and Niger have been accused of maintaining close ties with Iran.",
     {"country:TD=Chad", "country:NE=Niger", "country:IR=Iran"},
     "country:TD cooperates_with country:IR [] alleged; country:NE cooperates_with country:IR [] alleged"},
    {"Tension persists between Chad and Sudan, and Niger and Mali.",
     {"country:TD=Chad", "country:SD=Sudan", "country:NE=Niger", "country:ML=Mali"},
     "country:TD tension_with country:SD [] asserted; country:NE tension_with country:ML [] asserted"},
    {"The Sahel Cell had been created in 2019 to coordinate.", {"org:sahel-cell=Sahel Cell"},
     "org:sahel-cell established - [2019] asserted"},
    {"Iran has gained influence in Sudan. With the Port Sudan base, Iran has established footholds in the country.",
     {"country:IR=Iran", "country:SD=Sudan", "place:port-sudan=Port Sudan"},
     "country:IR influence_in country:SD [] asserted; country:IR operates_base place:port-sudan [] asserted; "
     "country:IR military_presence country:SD [] asserted"},
    {"In March 2023, Ana Ruiz was appointed envoy of the African Union.",
     {"person:ana-ruiz=Ana Ruiz", "org:au=African Union"},
     "person:ana-ruiz appointed org:au [2023-03] asserted"},
    {"Sudan, Chad maintained ties with Iran.",   /* apposition: the nearest one only */
     {"country:SD=Sudan", "country:TD=Chad", "country:IR=Iran"},
     "country:TD cooperates_with country:IR [] asserted"},
    {"Iran has not maintained ties with Chad.", {"country:IR=Iran", "country:TD=Chad"},
     "country:IR cooperates_with country:TD [] negated"},
};

static size_t mentions_of(const char *text, const char *const *ents, annot_mention *m, size_t cap) {
    size_t n = 0;
    for (size_t k = 0; k < 8 && ents[k]; k++) {
        const char *eq = strchr(ents[k], '=');
        static char ids[64][64];
        static size_t next;
        char *id = ids[next++ % 64];
        snprintf(id, 64, "%.*s", (int)(eq - ents[k]), ents[k]);
        size_t sl = strlen(eq + 1);
        for (const char *p = text; (p = strstr(p, eq + 1)) && n < cap; p += sl)
            m[n++] = (annot_mention){(size_t)(p - text), (size_t)(p - text) + sl, id};
    }
    return n;
}

/* Sentences end at ". " (test input only); one paragraph. */
static void split(const char *t, seg_result *seg, seg_span *sp, size_t cap) {
    static seg_span para;
    para = (seg_span){0, strlen(t), 0};
    seg->paras = &para;
    seg->n_paras = 1;
    seg->sents = sp;
    seg->n_sents = 0;
    size_t a = 0, n = strlen(t);
    for (size_t i = 0; i + 1 < n && seg->n_sents + 1 < cap; i++)
        if (t[i] == '.' && t[i + 1] == ' ') {
            sp[seg->n_sents++] = (seg_span){a, i + 1, 0};
            a = i + 2;
        }
    sp[seg->n_sents++] = (seg_span){a, n, 0};
}

static void table(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const rcase *c = &cases[i];
        annot_mention m[64];
        size_t nm = mentions_of(c->text, c->ents, m, 64), nd, nr;
        annot_date *d;
        annot_relation *r;
        seg_result seg;
        seg_span sp[8];
        split(c->text, &seg, sp, 8);
        assert_int_equal(date_find(c->text, strlen(c->text), &seg, NULL, &d, &nd, NULL), FL_OK);
        assert_int_equal(rel_extract(c->text, strlen(c->text), &seg, m, nm, d, nd, &r, &nr, NULL), FL_OK);
        char got[2048] = "";
        size_t len = 0;
        for (size_t k = 0; k < nr; k++)
            len += (size_t)snprintf(got + len, sizeof got - len, "%s%s %s %s [%s] %s", k ? "; " : "",
                                    r[k].subject, r[k].predicate, r[k].object ? r[k].object : "-",
                                    r[k].date, rel_modality_name(r[k].modality));
        if (strcmp(got, c->want) != 0) fail_msg("case %zu: %s\n got: %s\nwant: %s", i, c->text, got, c->want);
        free(d);
        free(r);
    }
}

static void no_mentions_no_relations(void **state) {
    (void)state;
    const char *t = "Chad has dismantled partnerships with Spain.";
    annot_relation *r = (annot_relation *)1;
    size_t n = 9;
    assert_int_equal(rel_extract(t, strlen(t), NULL, NULL, 0, NULL, 0, &r, &n, NULL), FL_OK);
    assert_null(r);
    assert_int_equal(n, 0);
}

/* 100,000 words, a mention every fifth, brackets left open: no crash,
** and the sets stay bounded. */
static void huge_sentence(void **state) {
    (void)state;
    size_t words = 100000, n = words * 5;
    char *t = malloc(n + 1);
    annot_mention *m = malloc(words * sizeof *m);
    size_t nm = 0;
    for (size_t i = 0; i < words; i++) {
        const char *w = i % 5 == 0 ? "Chad" : i % 5 == 1 ? "and " : i % 5 == 2 ? "((( " : i % 5 == 3 ? "ties" : "with";
        memcpy(t + i * 5, w, 4);
        t[i * 5 + 4] = ' ';
        if (i % 5 == 0) m[nm++] = (annot_mention){i * 5, i * 5 + 4, "country:TD"};
    }
    t[n] = '\0';
    annot_relation *r;
    size_t nr;
    assert_int_equal(rel_extract(t, n, NULL, m, nm, NULL, 0, &r, &nr, NULL), FL_OK);
    free(r);
    free(m);
    free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(no_mentions_no_relations),
        cmocka_unit_test(huge_sentence),
    };
    return cmocka_run_group_tests_name("relation", tests, NULL, NULL);
}
