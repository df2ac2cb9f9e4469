/* test_treecache.c: the parse cache: a sentence seen again, anywhere in
** another text, comes back with the parser's very tokens, tree and lemmas,
** its spans moved to where it now stands; and the cache never holds more
** than TC_MAX_BYTES, emptying itself and parsing again when full. */
#include "unit.h"
#include "parse.h"
#include "treecache.h"

static const parse_model *model(void) {
    const parse_model *m = NULL;
    char *err = NULL;
    if (parse_default(&m, &err) != FL_OK) fail_msg("%s", err);
    return m;
}

/* Asserts that GOT (spans from SHIFT on) is WANT's parse. */
static void same_parse(const parse_sent *got, const parse_sent *want, size_t shift) {
    assert_int_equal(got->n, want->n);
    assert_int_equal(got->truncated, want->truncated);
    for (size_t i = 0; i < want->n; i++) {
        assert_int_equal(got->tok[i].start, want->tok[i].start + shift);
        assert_int_equal(got->tok[i].end, want->tok[i].end + shift);
        assert_int_equal(got->tok[i].upos, want->tok[i].upos);
        assert_int_equal(got->tok[i].head, want->tok[i].head);
        assert_string_equal(got->tok[i].deprel, want->tok[i].deprel);
        assert_string_equal(got->tok[i].lemma, want->tok[i].lemma);
    }
}

static void serves_a_sentence_seen_before(void **state) {
    (void)state;
    const parse_model *m = model();
    const char *s = "The ministers were meeting their counterparts in Rome.";
    char other[256];
    snprintf(other, sizeof other, "Hello. %s Bye.", s);
    size_t at = strlen("Hello. "), len = strlen(s);
    parse_sent want;
    parse_sent_init(&want);
    assert_int_equal(parse_sentence(m, s, 0, len, &want, NULL), FL_OK);
    assert_int_equal(want.n, 9);
    assert_string_equal(want.tok[3].lemma, "meet");
    tc_view v = {0};
    const parse_sent *got = NULL;
    assert_int_equal(tc_parse(m, s, 0, len, &v, &got, NULL), FL_OK);   /* parsed, added */
    same_parse(got, &want, 0);
    assert_true(tc_bytes() > 0);
    assert_int_equal(tc_parse(m, other, at, at + len, &v, &got, NULL), FL_OK);   /* a hit */
    same_parse(got, &want, at);
    tc_view_release(&v);
    parse_sent_release(&want);
}

static void stays_within_its_bound(void **state) {
    (void)state;
    const parse_model *m = model();
    const char *first = "Officials said the convoy reached the border on Monday.";
    tc_view v = {0};
    const parse_sent *got = NULL;
    parse_sent want;
    parse_sent_init(&want);
    assert_int_equal(parse_sentence(m, first, 0, strlen(first), &want, NULL), FL_OK);
    assert_int_equal(tc_parse(m, first, 0, strlen(first), &v, &got, NULL), FL_OK);
    /* long sentences, all different, until the cache has emptied itself */
    char text[4096];
    size_t before = tc_bytes(), emptied = 0;
    for (int i = 0; i < 2000 && !emptied; i++) {
        size_t n = (size_t)snprintf(text, sizeof text, "Report %d:", i);
        for (int w = 0; w < 150; w++) n += (size_t)snprintf(text + n, sizeof text - n, " item%d", i * 1000 + w);
        assert_int_equal(tc_parse(m, text, 0, n, &v, &got, NULL), FL_OK);
        assert_int_equal(got->n, 153);
        assert_true(tc_bytes() <= TC_MAX_BYTES);
        emptied = tc_bytes() < before;
        before = tc_bytes();
    }
    assert_true(emptied);
    /* the first sentence is gone from the cache: parsed again, the same */
    assert_int_equal(tc_parse(m, first, 0, strlen(first), &v, &got, NULL), FL_OK);
    same_parse(got, &want, 0);
    tc_view_release(&v);
    parse_sent_release(&want);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(serves_a_sentence_seen_before),
        cmocka_unit_test(stays_within_its_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
