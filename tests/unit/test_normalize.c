/* test_normalize.c: NFC, line ends, spaces, blank lines. */
#include "unit.h"
#include "buf.h"
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

/* A text of several NFC pieces (normalize.c reads 1 MiB at a time) comes
** out as its lines do one by one: marks to compose and to reorder, CRLF
** and spaces, wherever the pieces end. */
static void a_large_text_normalises_as_its_lines(void **state) {
    (void)state;
    static const char *const lines[] = {
        "Cafe\xCC\x81 %zu \xE2\x80\x94 fin", "a\xCC\x81\xCC\xA3 %zu  z", "\xEF\xBC\xA1 %zu\xC2\xA0\xE2\x80\x8Bx",
        "%zu e\xCC\x81\xCC\x81\xCC\x81", "\xE1\x84\x80\xE1\x85\xA1 %zu",
    };
    buf in, want;
    buf_init(&in, BUF_NO_LIMIT);
    buf_init(&want, BUF_NO_LIMIT);
    for (size_t i = 0; in.len < (5u << 19); i++) {
        char line[64], *one = NULL;
        size_t n = 0;
        snprintf(line, sizeof line, lines[i % 5], i);
        assert_int_equal(norm_text(line, strlen(line), &one, &n, NULL), FL_OK);
        if (i) buf_putc(&want, '\n');
        buf_append(&want, one, n);
        free(one);
        buf_puts(&in, line);
        buf_puts(&in, i % 3 ? "\r\n" : " \n");
    }
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(norm_text(in.data, in.len, &out, &n, NULL), FL_OK);
    assert_int_equal(n, want.len);
    assert_memory_equal(out, want.data, n);
    free(out);
    buf_release(&in);
    buf_release(&want);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(normalises_cases),
                                       cmocka_unit_test(a_large_text_normalises_as_its_lines)};
    return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
