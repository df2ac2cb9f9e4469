/* test_pdftext.c: page texts into paragraphs: running headers and footers
** dropped (digits aside), page numbers of several shapes dropped, a line
** only on one page kept, hyphenated words joined, headings and short
** sentence-ending lines closing paragraphs. */
#include "unit.h"
#include "pdftext.h"

typedef struct join_case {
    const char *pages[4];   /* NULL ends */
    const char *want;
} join_case;

#define BODY1 "The delegations met in the capital on Monday and agreed on a joint inter-\n" \
              "national commission on border security after long talks.\n"
#define BODY2 "Observers said the commission would meet every month from now on and\n" \
              "report to both ministries.\n"

static const join_case cases[] = {
    {{"Review - Draft\n" BODY1 "Page 1 of 2\n", "Review - Draft\n" BODY2 "Page 2 of 2\n", NULL},
     "The delegations met in the capital on Monday and agreed on a joint international commission on border "
     "security after long talks.\n\nObservers said the commission would meet every month from now on and report "
     "to both ministries."},
    {{"Annual Report 2023\n" BODY1 "- 1 -\n", "Annual Report 2023\n" BODY2 "- 2 -\n",
      "Annual Report 2023\nA final line that ends the report here.\n- iii -\n", NULL},
     "The delegations met in the capital on Monday and agreed on a joint international commission on border "
     "security after long talks.\n\nObservers said the commission would meet every month from now on and report "
     "to both ministries.\n\nA final line that ends the report here."},
    {{"Only Once Title\n" BODY1, NULL},
     "Only Once Title\n\nThe delegations met in the capital on Monday and agreed on a joint international "
     "commission on border security after long talks."},
    {{"A line with a dash at the end of this long line of the page and more -\nSo it stays.\n", NULL},
     "A line with a dash at the end of this long line of the page and more - So it stays."},
    {{"", "\n\n", NULL}, ""},
};

static void joins(void **state) {
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        pdf_page pages[4];
        size_t n = 0;
        for (; cases[c].pages[n]; n++) pages[n] = (pdf_page){cases[c].pages[n], strlen(cases[c].pages[n])};
        buf out;
        buf_init(&out, BUF_NO_LIMIT);
        assert_int_equal(pdftext_join(pages, n, &out), FL_OK);
        if (strcmp(buf_cstr(&out), cases[c].want) != 0) fail_msg("case %zu:\ngot  [%s]\nwant [%s]", c, out.data,
                                                               cases[c].want);
        buf_release(&out);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(joins)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
