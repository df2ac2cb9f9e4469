/* test_claim.c: claims, table-driven: quotes with speakers (before and
** after the quotation), scare quotes without a speaker, recommendations,
** assessments; bad input: nested and unbalanced quotation marks, a
** 100,000-word sentence. */
#include "unit.h"
#include "claim.h"

typedef struct ccase {
    const char *text;
    const char *person, *surface;   /* one person mention, or NULL */
    const char *want;               /* "kind speaker|-: text; ..." */
} ccase;

static const ccase cases[] = {
    {"Foreign Minister Ana Ruiz said that the pact \u201cis dead and buried.\u201d", "person:ana-ruiz", "Ana Ruiz",
     "quote person:ana-ruiz: is dead and buried."},
    {"\u201cWe will not leave,\u201d said Ana Ruiz on Monday.", "person:ana-ruiz", "Ana Ruiz",
     "quote person:ana-ruiz: We will not leave,"},
    {"Ana Ruiz criticized the plan, calling the target \"absurd.\"", "person:ana-ruiz", "Ana Ruiz",
     "quote person:ana-ruiz: absurd."},
    {"This reflects the \u201ccooperative security\u201d function.", NULL, NULL, ""},
    {"The report called for \u201ca renewed approach.\u201d", NULL, NULL, ""},
    {"The Union should expand its naval patrols.", NULL, NULL,
     "recommendation -: The Union should expand its naval patrols."},
    {"Closer ties would help reduce migration.", NULL, NULL,
     "recommendation -: Closer ties would help reduce migration."},
    {"Excluding them was a missed opportunity.", NULL, NULL,
     "assessment -: Excluding them was a missed opportunity."},
    {"The ministers met in Rome.", NULL, NULL, ""},
    /* bad input */
    {"Ana Ruiz said \u201cone \u201ctwo \u201cthree\u201d two\u201d one\u201d end.", "person:ana-ruiz", "Ana Ruiz",
     "quote person:ana-ruiz: one \u201ctwo \u201cthree\u201d two\u201d one"},
    {"Ana Ruiz said \u201cnever closed and \u201c again.", "person:ana-ruiz", "Ana Ruiz", ""},
    {"Ana Ruiz said \u201d\u201d\u201d closed first.", "person:ana-ruiz", "Ana Ruiz", ""},
};

static void table(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ccase *c = &cases[i];
        annot_mention m[4];
        size_t nm = 0;
        if (c->person) {
            const char *p = strstr(c->text, c->surface);
            m[nm++] = (annot_mention){(size_t)(p - c->text), (size_t)(p - c->text) + strlen(c->surface), c->person};
        }
        annot_claim *cl;
        size_t n;
        assert_int_equal(claim_extract(c->text, strlen(c->text), NULL, m, nm, &cl, &n, NULL), FL_OK);
        char got[1024] = "";
        size_t len = 0;
        for (size_t k = 0; k < n; k++)
            len += (size_t)snprintf(got + len, sizeof got - len, "%s%s %s: %.*s", k ? "; " : "",
                                    claim_kind_name(cl[k].kind), cl[k].speaker ? cl[k].speaker : "-",
                                    (int)(cl[k].end - cl[k].start), c->text + cl[k].start);
        if (strcmp(got, c->want) != 0) fail_msg("case %zu: %s\n got: %s\nwant: %s", i, c->text, got, c->want);
        free(cl);
    }
}

static void huge_sentence(void **state) {
    (void)state;
    size_t words = 100000, n = words * 4;
    char *t = malloc(n + 1);
    for (size_t i = 0; i < words; i++) memcpy(t + i * 4, i % 3 ? "\xE2\x80\x9C " : "sa ", 4 - (i % 3 == 0));
    for (size_t i = 0; i < n; i++)
        if (!t[i]) t[i] = ' ';
    t[n] = '\0';
    annot_claim *cl;
    size_t nc;
    assert_int_equal(claim_extract(t, n, NULL, NULL, 0, &cl, &nc, NULL), FL_OK);
    assert_int_equal(nc, 0);
    free(cl);
    free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(huge_sentence),
    };
    return cmocka_run_group_tests_name("claim", tests, NULL, NULL);
}
