/* test_tokenize.c: the tokenizer: folding, spans, possessives, abbreviations,
** break flags, long and invalid input. Table-driven: each case lists the
** folded words with their span text. */
#include "unit.h"
#include "tokenize.h"

typedef struct collect {
    char out[1024];
    size_t len;
    const char *text;
} collect;

/* Appends "fold=span" (plus "!" when TOK_BREAK, "^" for TOK_CAP, "'" for
** TOK_POSS) for each word, separated by spaces. */
static int add(void *ctx, int flags, const char *t, size_t nt, size_t s, size_t e) {
    collect *c = ctx;
    c->len += (size_t)snprintf(c->out + c->len, sizeof c->out - c->len, "%s%s%.*s=%.*s%s%s",
                               c->len ? " " : "", (flags & TOK_BREAK) && s ? "!" : "",
                               (int)nt, t, (int)(e - s), c->text + s,
                               (flags & TOK_CAP) ? "^" : "", (flags & TOK_POSS) ? "'" : "");
    return 0;
}

static const struct { const char *in, *want; } cases[] = {
    {"Libya", "libya=Libya^"},
    {"NATO's plan", "nato=NATO^' plan=plan"},
    {"NATO\xe2\x80\x99s plan", "nato=NATO^' plan=plan"},
    {"Türkiye and Côte d'Ivoire", "turkiye=Türkiye^ and=and cote=Côte^ d=d ivoire=Ivoire^"},
    {"the U.S. Army", "the=the us=U.S.^ army=Army^"},
    {"Niger, Nigeria", "niger=Niger^ !nigeria=Nigeria^"},
    {"al-Qaeda", "al=al qaeda=Qaeda^"},
    {"Libya. Niger", "libya=Libya^ !niger=Niger^"},
    {"North\nAfrica", "north=North^ africa=Africa^"},
    {"North\n\nAfrica", "north=North^ !africa=Africa^"},
    {"countries\xe2\x80\x99 ties", "countries=countries ties=ties"},
    {"STRASSE stra\xc3\x9f" "e", "strasse=STRASSE^ strasse=straße"},
    {"2022 Strategic", "2022=2022 strategic=Strategic^"},
    {"bad\xff" "byte", "bad=bad !byte=byte"},
    {"\xd9\x84\xd9\x8a\xd8\xa8\xd9\x8a\xd8\xa7",
     "\xd9\x84\xd9\x8a\xd8\xa8\xd9\x8a\xd8\xa7=\xd9\x84\xd9\x8a\xd8\xa8\xd9\x8a\xd8\xa7"},
};

static void table(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        collect c = {.text = cases[i].in};
        assert_int_equal(tok_run(cases[i].in, strlen(cases[i].in), &c, add), 0);
        if (strcmp(c.out, cases[i].want) != 0)
            fail_msg("case %zu: %s\n  got  %s\n  want %s", i, cases[i].in, c.out, cases[i].want);
    }
}

static int count(void *ctx, int flags, const char *t, size_t nt, size_t s, size_t e) {
    size_t *n = ctx;
    (void)flags, (void)t, (void)s;
    assert_true(nt <= TOK_MAX_FOLD);
    n[0]++;
    n[1] = e;
    return 0;
}

static void megabyte_without_spaces(void **state) {
    (void)state;
    size_t n = (size_t)1 << 20;
    char *s = malloc(n);
    for (size_t i = 0; i < n; i++) s[i] = (char)('a' + i % 26);
    size_t got[2] = {0, 0};
    assert_int_equal(tok_run(s, n, got, count), 0);
    assert_int_equal(got[0], 1);
    assert_int_equal(got[1], n);
    free(s);
}

static int stop_at_two(void *ctx, int flags, const char *t, size_t nt, size_t s, size_t e) {
    int *n = ctx;
    (void)flags, (void)t, (void)nt, (void)s, (void)e;
    return ++*n == 2 ? 7 : 0;
}

static void callback_stops(void **state) {
    (void)state;
    int n = 0;
    assert_int_equal(tok_run("a b c d", 7, &n, stop_at_two), 7);
    assert_int_equal(n, 2);
}

static void fold_phrase(void **state) {
    (void)state;
    char out[64];
    assert_int_equal(tok_fold("  Côte  d'Ivoire ", 18, out, sizeof out), strlen("cote d ivoire"));
    assert_string_equal(out, "cote d ivoire");
    assert_int_equal(tok_fold("Maaten al-Sarra", 15, out, 8), 7);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(megabyte_without_spaces),
        cmocka_unit_test(callback_stops),
        cmocka_unit_test(fold_phrase),
    };
    return cmocka_run_group_tests_name("tokenize", tests, NULL, NULL);
}
