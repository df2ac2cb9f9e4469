/* test_docmeta.c: a text's own metadata. Front matter read into the
** fields and cut from the body (quoted values, lists, dates in words),
** texts whose first rule is no front matter, bylines and datelines in the
** first lines only, and the order of trust (the user's word over front
** matter over the extractor). Tables of cases written for the test. */
#include "unit.h"
#include "docmeta.h"

typedef struct fm_case {
    const char *text;
    const char *title, *published, *site, *url, *language, *author0;
    size_t n_authors;
    const char *body_starts;   /* what follows the block; NULL: no front matter */
} fm_case;

static const fm_case fm_cases[] = {
    {"---\ntitle: Harbour works resume\ndate: 2023-04-26\npublisher: Coast Wire\n"
     "url: https://example.org/a\nauthors: [Ann Lee, Bo Ray]\nlanguage: en\n---\nBody text here.\n",
     "Harbour works resume", "2023-04-26", "Coast Wire", "https://example.org/a", "en", "Ann Lee", 2, "Body text"},
    {"---\ntitle: \"A title: with a colon\"\npublished: April 26, 2023\nauthor: Cy Dee\n---\n\nBody.\n",
     "A title: with a colon", "2023-04-26", NULL, NULL, NULL, "Cy Dee", 1, "\nBody."},
    {"---\nauthors:\n  - Ann Lee\n  - Bo Ray\n  - Cy Dee\ndate: 2021-07-01T10:00:00Z\n...\nBody.\n",
     NULL, "2021-07-01", NULL, NULL, NULL, "Ann Lee", 3, "Body."},
    {"---\n# a comment\nsite_name: 'Quoted Site'\nunknown_key: kept out\n---\nBody.\n",
     NULL, NULL, "Quoted Site", NULL, NULL, NULL, 0, "Body."},
    /* a rule, then prose: no front matter */
    {"---\nThe port reopened on Monday, officials said.\n---\nMore.\n", NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL},
    /* never closed */
    {"---\ntitle: Open\n\nThe port reopened.\n", NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL},
    {"Plain text without a block.\n", NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL},
    {"", NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL},
};

static void expect_str(const char *want, const char *got, const char *what, size_t i) {
    if (!want) {
        if (got) fail_msg("case %zu: %s: got '%s', want none", i, what, got);
        return;
    }
    if (!got || strcmp(want, got) != 0)
        fail_msg("case %zu: %s: got '%s', want '%s'", i, what, got ? got : "(none)", want);
}

static void front_matter_cases(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof fm_cases / sizeof *fm_cases; i++) {
        const fm_case *c = &fm_cases[i];
        extract_result fm;
        size_t body = 99;
        assert_int_equal(dm_front_matter(c->text, strlen(c->text), &fm, &body), FL_OK);
        expect_str(c->title, fm.title, "title", i);
        expect_str(c->published, fm.published, "published", i);
        expect_str(c->site, fm.site_name, "publisher", i);
        expect_str(c->url, fm.canonical_url, "url", i);
        expect_str(c->language, fm.language, "language", i);
        assert_int_equal(fm.n_authors, c->n_authors);
        if (c->author0) expect_str(c->author0, fm.authors[0], "first author", i);
        if (c->body_starts) assert_memory_equal(c->text + body, c->body_starts, strlen(c->body_starts));
        else assert_int_equal(body, 0);
        extract_release(&fm);
    }
}

typedef struct lines_case {
    const char *text;
    const char *published, *author0;
    size_t n_authors;
} lines_case;

static const lines_case lines_cases[] = {
    {"Harbour works resume\n\nBy Ann Lee and Bo Ray\n\n24 Jan. 2017\n\nThe port reopened.\n",
     "2017-01-24", "Ann Lee", 2},
    {"Harbour works resume\nUpdated: 2019-03-02 10:31\nThe port reopened.\n", "2019-03-02", NULL, 0},
    {"TUNIS, 5 February 2020 \xe2\x80\x94 The port reopened after talks.\n", "2020-02-05", NULL, 0},
    /* a year in running text is no dateline; "By" starting a sentence is no byline */
    {"In 2017 the port reopened.\nBy then, traffic had doubled in the harbour.\n", NULL, NULL, 0},
    /* too far down */
    {"a\nb\nc\nd\ne\nf\ng\n24 January 2017\n", NULL, NULL, 0},
};

static void byline_dateline_cases(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof lines_cases / sizeof *lines_cases; i++) {
        const lines_case *c = &lines_cases[i];
        extract_result m = {0};
        assert_int_equal(dm_text_lines(c->text, strlen(c->text), &m), FL_OK);
        expect_str(c->published, m.published, "published", i);
        assert_int_equal(m.n_authors, c->n_authors);
        if (c->author0) expect_str(c->author0, m.authors[0], "first author", i);
        extract_release(&m);
    }
}

/* The extractor's guess, then front matter over it, then the user's word. */
static void order_of_trust(void **state) {
    (void)state;
    extract_result meta = {0}, fm;
    size_t body;
    meta.title = strdup("Guessed from the first line");
    meta.published = strdup("2001-01-01");
    const char *text = "---\ntitle: From the front matter\npublisher: Coast Wire\n---\nBody.\n";
    assert_int_equal(dm_front_matter(text, strlen(text), &fm, &body), FL_OK);
    assert_int_equal(dm_override(&meta, &fm), FL_OK);
    assert_string_equal(meta.title, "From the front matter");
    assert_string_equal(meta.published, "2001-01-01");   /* not in the block: kept */
    assert_string_equal(meta.site_name, "Coast Wire");
    const char *authors[] = {"Dee Fay"};
    fl_meta given = {.title = "The user's title", .published = "3 March 2022", .authors = authors, .n_authors = 1};
    assert_int_equal(dm_given(&meta, &given), FL_OK);
    assert_string_equal(meta.title, "The user's title");
    assert_string_equal(meta.published, "2022-03-03");
    assert_string_equal(meta.site_name, "Coast Wire");
    assert_int_equal(meta.n_authors, 1);
    assert_string_equal(meta.authors[0], "Dee Fay");
    assert_int_equal(dm_given(&meta, NULL), FL_OK);
    extract_release(&fm);
    extract_release(&meta);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(front_matter_cases),
        cmocka_unit_test(byline_dateline_cases),
        cmocka_unit_test(order_of_trust),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
