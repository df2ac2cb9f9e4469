/* test_segment.c: paragraphs and sentences, abbreviations, offsets. */
#include "unit.h"
#include "segment.h"

typedef struct seg_case {
    const char *text;
    size_t n_paras;
    const char *sents[8];   /* expected sentences, in order */
} seg_case;

static const seg_case cases[] = {
    {"One. Two! Three? Four", 1, {"One.", "Two!", "Three?", "Four"}},
    {"Gen. Smith met the U.S. Army in Rome. Then he left.", 1,
     {"Gen. Smith met the U.S. Army in Rome.", "Then he left."}},
    {"It grew in the U.S. The report said so.", 1, {"It grew in the U.S.", "The report said so."}},
    {"Some states (e.g. Mali) left. Others stayed.", 1, {"Some states (e.g. Mali) left.", "Others stayed."}},
    {"He said \"No.\" Then silence.", 1, {"He said \"No.\"", "Then silence."}},
    {"J. R. Smith wrote it. It is long.", 1, {"J. R. Smith wrote it.", "It is long."}},
    {"She met the envoy H.E. Omar Kane in Dakar. They spoke.", 1,
     {"She met the envoy H.E. Omar Kane in Dakar.", "They spoke."}},
    {"Version 2.5 is out. ok", 1, {"Version 2.5 is out. ok"}},
    {"Title line\n\nFirst para. Second.\n\nLast", 3, {"Title line", "First para.", "Second.", "Last"}},
    {"- item one\n- item two", 1, {"- item one", "- item two"}},
    {"Wait… What now?", 1, {"Wait…", "What now?"}},
    {"Le 3 mars. « Bon » dit-il.", 1, {"Le 3 mars.", "« Bon » dit-il."}},
    {"", 0, {NULL}},
};

static void splits_cases(void **state) {
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        const seg_case *k = &cases[c];
        seg_result r;
        assert_int_equal(seg_split(k->text, strlen(k->text), &r, NULL), FL_OK);
        size_t want = 0;
        while (want < 8 && k->sents[want]) want++;
        if (r.n_sents != want) fail_msg("case %zu: %zu sentences, want %zu", c, r.n_sents, want);
        assert_int_equal(r.n_paras, k->n_paras);
        for (size_t i = 0; i < want; i++) {
            size_t len = r.sents[i].end - r.sents[i].start;
            if (len != strlen(k->sents[i]) || memcmp(k->text + r.sents[i].start, k->sents[i], len))
                fail_msg("case %zu sentence %zu: got '%.*s'", c, i, (int)len, k->text + r.sents[i].start);
        }
        seg_release(&r);
    }
}

/* Hand count on the seed: the paragraph that mentions "the U.S." twice
** has two sentences; the one with "(e.g., ...)" has two. */
static void seed_paragraphs_hand_count(void **state) {
    (void)state;
    size_t n, raw_n;
    char *raw = unit_slurp(unit_shared("corpus/seeds/training-missions-qa.txt"), &raw_n);
    fl_doc *doc = NULL;
    assert_int_equal(fl_doc_from_bytes("seed.txt", raw, raw_n, NULL, &doc, NULL, NULL), FL_OK);
    const char *text = fl_doc_text(doc, &n);
    seg_result r;
    assert_int_equal(seg_split(text, n, &r, NULL), FL_OK);
    const char *marks[] = {"ensuring that the U.S. continues", "(e.g., Afghanistan"};
    for (size_t m = 0; m < 2; m++) {
        size_t at = (size_t)(strstr(text, marks[m]) - text), para = (size_t)-1, count = 0;
        for (size_t i = 0; i < r.n_sents; i++)
            if (r.sents[i].start <= at && at < r.sents[i].end) para = r.sents[i].para;
        for (size_t i = 0; i < r.n_sents; i++) count += r.sents[i].para == para;
        assert_int_equal(count, 2);
    }
    seg_release(&r);
    fl_doc_free(doc);
    free(raw);
}

static void long_line_is_linear(void **state) {
    (void)state;
    size_t n = 1 << 22;
    char *text = malloc(n);
    for (size_t i = 0; i < n; i++) text[i] = i % 7 == 6 ? ' ' : i % 50 == 0 ? '.' : 'a';
    seg_result r;
    assert_int_equal(seg_split(text, n, &r, NULL), FL_OK);
    assert_true(r.n_sents >= 1);
    seg_release(&r);
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(splits_cases),
        cmocka_unit_test(seed_paragraphs_hand_count),
        cmocka_unit_test(long_line_is_linear),
    };
    return cmocka_run_group_tests_name("segment", tests, NULL, NULL);
}
