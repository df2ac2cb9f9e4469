/* test_date.c: temporal expressions, table-driven: absolute, relative to
** the publication date, anaphoric, ranges, "since", dates without a year,
** weekdays, other languages, and bad input (impossible days, huge years,
** numbered things, a 100,000-word sentence). */
#include "unit.h"
#include "date.h"

typedef struct dcase {
    const char *text, *published;
    const char *values;   /* expected values, space-separated, in order */
} dcase;

static const dcase cases[] = {
    {"The summit took place in December 2024.", NULL, "2024-12"},
    {"It was signed on 24 June 2025 in Rome.", NULL, "2025-06-24"},
    {"It was signed on June 24, 2025 in Rome.", NULL, "2025-06-24"},
    {"The hub opened in 2017 and grew by mid-2023.", NULL, "2017 2023"},
    {"Leaders met last week; next year's summit is in Ankara.", "2025-07", "2026"},
    {"Leaders met last week.", "2025-07-01", "2025-W26"},
    {"At the 2024 summit, a report prepared in May of that year.", NULL, "2024 2024-05"},
    {"It has kept troops there since 2021.", NULL, "2021"},
    {"The mission ran from 2019 to 2021.", NULL, "2019 2021"},
    {"The mission ran 2019-2021.", NULL, "2019 2021"},
    {"The war of 1980\u20131988 ended in a truce.", NULL, "1980 1988"},
    {"In the 1990s the dialogue began.", NULL, "1990/1999"},
    {"Le sommet du 1er juillet 2025.", NULL, "2025-07-01"},
    {"Il vertice del 24 giugno 2025.", NULL, "2025-06-24"},
    {"La cumbre del 24 de junio de 2025.", NULL, "2025-06-24"},
    {"Der Gipfel am 24. Juni 2025.", NULL, "2025-06-24"},
    {"Between 2019 and 2021 it grew.", NULL, "2019 2021"},
    /* days of a range: the first; abbreviated months; a comma before the year */
    {"Talks were held on 14-15 March 2022 in Rabat.", NULL, "2022-03-14"},
    {"Talks were held on March 14-15, 2022 in Rabat.", NULL, "2022-03-14"},
    {"The accord was signed on Jan. 5, 2020 and ratified on Feb. 9.", NULL, "2020-01-05 2020-02-09"},
    {"In March, 2016 the port reopened.", NULL, "2016-03"},
    {"Cited as: Ports and power (2019, November 18), retrieved later.", NULL, "2019-11-18"},
    /* a date without a year takes it from the dates before it, the nearest */
    {"In January 2012 the revolt began; in April the army left, and by June 2012 it was over.", NULL,
     "2012-01 2012-04 2012-06"},
    {"On 9 December 2020 the town fell; fighting had grown since late November.", NULL,
     "2020-12-09 2020-11"},
    {"The 2020 campaign plan: talks on June 9, a vote on June 30.", "2019-11-20", "2020 2020-06-09 2020-06-30"},
    {"Fighting peaked at the end of August.", "2020-09-10", "2020-08"},
    {"May we meet in May?", "2025-07", "2025-05"},
    {"May we meet in May?", NULL, ""},
    {"The plan was backed by Gen. Amrani and by Mar. Soto.", "2025-07", ""},
    /* numbered things and events named by a date */
    {"Resolutions 1814, 1816 and 1846 were adopted in 2008.", NULL, "2008"},
    {"It has cooperated since the September 11 attacks.", "2016", ""},
    {"Since the October 7, 2023 attacks the strait is closed.", NULL, "2023-10-07"},
    /* weekdays against the publication day; days and years by reference */
    {"The minister spoke on Thursday.", "2023-03-03", "2023-03-02"},
    {"The minister spoke on Friday.", "2023-03-03", "2023-03-03"},
    {"The minister spoke on Thursday.", "2023-03", ""},
    {"Strikes hit the port on 21 July 2020; the previous day a ship was seized.", NULL,
     "2020-07-21 2020-07-20"},
    {"The treaty was signed in 2015; talks had begun the previous year.", NULL, "2015 2014"},
    {"Algeria and 2019 and 2021 stayed apart.", NULL, "2019 2021"},
    /* bad input: nothing wrong stored */
    {"On 32 March 2024 nothing happened.", NULL, "2024-03"},
    {"On 30 February 2024 nothing happened.", NULL, "2024-02"},
    {"In the year 99999 nothing happened.", NULL, ""},
    {"It sent 2000 troops and 1500 soldiers.", NULL, ""},
    {"Resolution 1973 passed; it cost $2024 and 2024% more.", NULL, ""},
    {"May we go next year?", NULL, ""},
    {"We met last week.", "2025", ""},
};

/* Texts of several sentences, split first as the pipeline does: the year
** a date lacks comes from earlier sentences. */
static const dcase split_cases[] = {
    {"The rebels took the city on November 30, 2019. On January 4 the government fell.", NULL,
     "2019-11-30 2020-01-04"},
    {"The town fell on 2 May 2018. It ended the post-2011 conflict. Talks resumed in June.", NULL,
     "2018-05-02 2011 2018-06"},
};

static void run_case(const dcase *c, int split) {
    annot_date *d = NULL;
    size_t n = 0;
    char *err = NULL;
    seg_result seg;
    if (split) assert_int_equal(seg_split(c->text, strlen(c->text), &seg, &err), FL_OK);
    assert_int_equal(date_find(c->text, strlen(c->text), split ? &seg : NULL, c->published, &d, &n, &err),
                     FL_OK);
    if (split) seg_release(&seg);
    char got[256] = "";
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        len += (size_t)snprintf(got + len, sizeof got - len, "%s%s", i ? " " : "", d[i].value);
        assert_true(d[i].start < d[i].end && d[i].end <= strlen(c->text));
    }
    if (strcmp(got, c->values) != 0) fail_msg("%s: got '%s', want '%s'", c->text, got, c->values);
    free(d);
}

static void table(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) run_case(&cases[i], 0);
    for (size_t i = 0; i < sizeof split_cases / sizeof split_cases[0]; i++) run_case(&split_cases[i], 1);
}

/* The text each date spans, "|"-separated, in order: the whole
** expression, and each end of a range of years. */
static const char *const spans[][2] = {
    {"It has a presence since 2021 and met in May of that year.", "since 2021|May of that year"},
    {"The mission ran from 2019 to 2021.", "from 2019|2021"},
    {"Talks were held on March 14-15, 2022 in Rabat.", "March 14-15, 2022"},
    {"Strikes rose at the end of August.", "end of August"},
};

static void spans_cover_the_expression(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
        const char *t = spans[i][0];
        annot_date *d;
        size_t n;
        assert_int_equal(date_find(t, strlen(t), NULL, "2020-09", &d, &n, NULL), FL_OK);
        char got[256] = "";
        size_t len = 0;
        for (size_t k = 0; k < n; k++)
            len += (size_t)snprintf(got + len, sizeof got - len, "%s%.*s", k ? "|" : "",
                                    (int)(d[k].end - d[k].start), t + d[k].start);
        if (strcmp(got, spans[i][1]) != 0) fail_msg("%s: spans '%s', want '%s'", t, got, spans[i][1]);
        free(d);
    }
}

static void huge_sentence(void **state) {
    (void)state;
    size_t words = 100000, n = words * 6;
    char *t = malloc(n + 1);
    for (size_t i = 0; i < words; i++) memcpy(t + i * 6, i % 7 ? "word, " : "2024 ", 6);
    t[n] = '\0';
    annot_date *d;
    size_t nd;
    assert_int_equal(date_find(t, n, NULL, "2025-07", &d, &nd, NULL), FL_OK);
    assert_true(nd > 0);
    free(d);
    free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(spans_cover_the_expression),
        cmocka_unit_test(huge_sentence),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
