/* test_normalize.c: NFC, line ends, spaces, blank lines. */
#include "unit.h"
#include "normalize.h"

static const struct { const char *in, *out; } cases[] = {
    {"e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9"},                   /* NFC */
    {"a  b\t c", "a b c"},
    {"line one\r\nline two\r\n", "line one\nline two"},
    {"old\rmac", "old\nmac"},
    {"para one\n\n\n\n  para two  ", "para one\n\npara two"},
    {"  \n\nlead", "lead"},
    {"nb\xC2\xA0space", "nb space"},
    {"soft\xC2\xADhyphen zero\xE2\x80\x8Bwidth", "softhyphen zerowidth"},
    {"ctl\x01\x02 chars", "ctl chars"},
    {"line  \n  next", "line\nnext"},
    {"", ""},
};

static void normalises_cases(void **state) {
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        char *out = NULL;
        size_t n = 0;
        assert_int_equal(norm_text(cases[c].in, strlen(cases[c].in), &out, &n, NULL), FL_OK);
        if (strcmp(out, cases[c].out) != 0) fail_msg("case %zu: got '%s'", c, out);
        assert_int_equal(n, strlen(cases[c].out));
        free(out);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(normalises_cases)};
    return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
