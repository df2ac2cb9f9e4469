/* test_query.c: the user's query syntax to FTS5, and its error messages. */
#include "unit.h"
#include "query.h"
#include "browse.h"

#include <jansson.h>

static const struct { const char *q, *fts; } good[] = {
    {"Derna", "\"Derna\""},
    {"naval base", "\"naval\" AND \"base\""},
    {"\"naval base\"", "\"naval base\""},
    {"milit*", "\"milit\"*"},
    {"Libya OR Sudan", "\"Libya\" OR \"Sudan\""},
    {"Libya NOT Russia", "\"Libya\" NOT \"Russia\""},
    {"Libya -Russia", "\"Libya\" NOT \"Russia\""},
    {"(Mali OR Niger) France", "(\"Mali\" OR \"Niger\") AND \"France\""},
    {"Sahel (Mali OR Niger) Russ*", "\"Sahel\" AND (\"Mali\" OR \"Niger\") AND \"Russ\"*"},
    {"al-Jufra", "\"al-Jufra\""},
    {"NATO's & EU", "\"NATO's\" AND \"EU\""},
    {"title:x", "\"title:x\""},
    {"and or not", "\"and\" AND \"or\" AND \"not\""},
};

static const struct { const char *q, *says; } bad[] = {
    {"", "nothing to search for"},
    {"   ", "nothing to search for"},
    {"\"open", "column 1 is never closed"},
    {"NOT Russia", "NOT at column 1 needs a term before it"},
    {"Libya AND", "needs a term after it"},
    {"-Russia", "excludes from nothing"},
    {"(Libya", "never closed"},
    {"Libya)", "closes nothing"},
    {"()", "empty or unfinished group"},
    {"OR", "needs a term before it"},
    {"say\"s", "column 4 is never closed"},
};

static void translates_good_queries(void **state) {
    (void)state;
    for (size_t c = 0; c < sizeof good / sizeof *good; c++) {
        buf out;
        buf_init(&out, 4096);
        char *err = NULL;
        if (query_to_fts(good[c].q, &out, NULL, &err) != FL_OK) fail_msg("'%s': %s", good[c].q, err);
        if (strcmp(buf_cstr(&out), good[c].fts) != 0)
            fail_msg("'%s' gave '%s', want '%s'", good[c].q, out.data, good[c].fts);
        buf_release(&out);
    }
}

static void explains_bad_queries(void **state) {
    (void)state;
    for (size_t c = 0; c < sizeof bad / sizeof *bad; c++) {
        buf out;
        buf_init(&out, 4096);
        char *err = NULL;
        assert_int_equal(query_to_fts(bad[c].q, &out, NULL, &err), FL_EQUERY);
        if (!strstr(err, bad[c].says)) fail_msg("'%s' said '%s'", bad[c].q, err);
        free(err);
        buf_release(&out);
    }
}

static void terms_keep_positive_phrases_folded(void **state) {
    (void)state;
    buf out, terms;
    buf_init(&out, 4096);
    buf_init(&terms, 4096);
    assert_int_equal(query_to_fts("Sahel \"Naval Base\" -Russia NOT (Mali OR Niger) Pört* NATO's", &out, &terms,
                                  NULL), FL_OK);
    assert_string_equal(buf_cstr(&terms), "sahel\nnaval base\nport*\nnato\n");
    buf_release(&out);
    buf_release(&terms);
}

/* Every predicate of the relations has its group, each with every
** counterpart (the groups' loops keep their own keys: a shared one ended
** the outer loop after the first predicate). */
static void groups_hold_every_predicate(void **state) {
    (void)state;
    json_t *rels = json_loads(
        "[{\"predicate\": \"trains\", \"subject\": \"country:RU\", \"object\": \"country:ML\","
        "  \"modality\": \"asserted\", \"count\": 2, \"documents\": 2, \"unpublished\": 2, \"evidence\": []},"
        " {\"predicate\": \"trains\", \"subject\": \"country:RU\", \"object\": \"country:NE\","
        "  \"modality\": \"asserted\", \"count\": 1, \"documents\": 1, \"unpublished\": 1, \"evidence\": []},"
        " {\"predicate\": \"ally_of\", \"subject\": \"country:RU\", \"object\": \"country:SY\","
        "  \"modality\": \"asserted\", \"count\": 1, \"documents\": 1, \"unpublished\": 1, \"evidence\": []},"
        " {\"predicate\": \"military_presence\", \"subject\": \"country:RU\", \"object\": \"country:LY\","
        "  \"modality\": \"alleged\", \"count\": 1, \"documents\": 1, \"unpublished\": 1, \"evidence\": []}]",
        0, NULL);
    assert_non_null(rels);
    json_t *groups = browse_group_relations(rels, "country:RU");
    assert_int_equal(json_array_size(groups), 3);
    size_t i, counterparts = 0;
    json_t *g;
    json_array_foreach(groups, i, g) {
        counterparts += json_array_size(json_object_get(g, "counterparts"));
        assert_null(json_object_get(g, "_by"));
    }
    assert_int_equal(counterparts, 4);
    json_decref(groups);
    json_decref(rels);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(translates_good_queries),
        cmocka_unit_test(explains_bad_queries),
        cmocka_unit_test(terms_keep_positive_phrases_folded),
        cmocka_unit_test(groups_hold_every_predicate),
    };
    return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
