/* test_query.c: the user's query syntax to FTS5, and its error messages. */
#include "unit.h"
#include "query.h"

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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(translates_good_queries),
        cmocka_unit_test(explains_bad_queries),
        cmocka_unit_test(terms_keep_positive_phrases_folded),
    };
    return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
