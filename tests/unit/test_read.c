/* test_read.c: the read stage: charsets, binary data, gzip, limits, walk. */
#include "unit.h"
#include "read.h"

#include <zlib.h>

typedef struct decode_case {
    const char *in;
    size_t n;                /* 0: strlen(in) */
    int format;
    int rc;
    const char *out;         /* expected UTF-8, when rc == FL_OK */
    int noted;               /* a note is expected */
} decode_case;

static const decode_case cases[] = {
    {"plain ascii", 0, READ_TEXT, FL_OK, "plain ascii", 0},
    {"caf\xC3\xA9", 0, READ_TEXT, FL_OK, "caf\xC3\xA9", 0},
    {"\xEF\xBB\xBFwith bom", 0, READ_TEXT, FL_OK, "with bom", 0},
    {"caf\xE9 \x93quoted\x94", 0, READ_TEXT, FL_OK, "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D", 1},
    {"\xFF\xFEh\0i\0", 6, READ_TEXT, FL_OK, "hi", 1},
    {"text\0with nul", 13, READ_TEXT, FL_EBINARY, NULL, 0},
    {"%PDF-1.7 stuff", 0, READ_TEXT, FL_EBINARY, NULL, 0},
    {"  \n\t ", 0, READ_TEXT, FL_EEMPTY, NULL, 0},
    {"bad \x81\x8D\x8F bytes", 0, READ_TEXT, FL_EENCODING, NULL, 0},
    {"\xC0\xC1\xF5\xF6\xF7\xF8\xF9\xFA", 0, READ_TEXT, FL_EENCODING, NULL, 0},
    {"<meta charset=\"iso-8859-7\"><p>\xE1\xE2", 0, READ_HTML, FL_OK,
     "<meta charset=\"iso-8859-7\"><p>\xCE\xB1\xCE\xB2", 1},
    {"<meta charset=\"utf-8\"><p>ok \xC3\xA9", 0, READ_HTML, FL_OK, "<meta charset=\"utf-8\"><p>ok \xC3\xA9", 0},
};

static void decodes_cases(void **state) {
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        const decode_case *k = &cases[c];
        buf out;
        char *note = NULL, *err = NULL;
        size_t n = k->n ? k->n : strlen(k->in);
        int rc = read_decode(k->in, n, k->format, &out, &note, &err);
        if (rc != k->rc) fail_msg("case %zu: rc %d, want %d (%s)", c, rc, k->rc, err ? err : "");
        if (rc == FL_OK) {
            assert_string_equal(buf_cstr(&out), k->out);
            if (k->noted != (note != NULL)) fail_msg("case %zu: note '%s'", c, note ? note : "(none)");
            buf_release(&out);
        } else {
            assert_non_null(err);
        }
        free(note);
        free(err);
    }
}

static void gunzips_and_limits(void **state) {
    (void)state;
    char path[] = "/tmp/flank-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    gzFile gz = gzdopen(fd, "wb");
    for (int i = 0; i < 1000; i++) gzputs(gz, "Tripoli and Benghazi. ");
    gzclose(gz);
    buf out;
    char *err = NULL;
    assert_int_equal(read_source(path, 1 << 20, &out, &err), FL_OK);
    assert_int_equal(out.len, 22000);
    buf_release(&out);
    assert_int_equal(read_source(path, 10000, &out, &err), FL_ETOOBIG);
    assert_non_null(strstr(err, "limit"));
    free(err);
    err = NULL;
    unlink(path);
    assert_int_equal(read_source(path, 1 << 20, &out, &err), FL_EIO);
    assert_non_null(strstr(err, path));
    free(err);
}

static int count_files(void *ctx, const char *path, const char *error) {
    (void)path;
    if (!error) ++*(int *)ctx;
    return 0;
}

static void detects_format_and_walks(void **state) {
    (void)state;
    assert_int_equal(read_detect_format("a.html", "x", 1), READ_HTML);
    assert_int_equal(read_detect_format("a.txt", "  <!DOCTYPE html>", 17), READ_HTML);
    assert_int_equal(read_detect_format("a.txt", "Just text", 9), READ_TEXT);
    int n = 0;
    assert_int_equal(fl_walk(unit_shared("corpus/seeds"), count_files, &n), 0);
    assert_int_equal(n, 2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decodes_cases),
        cmocka_unit_test(gunzips_and_limits),
        cmocka_unit_test(detects_format_and_walks),
    };
    return cmocka_run_group_tests_name("read", tests, NULL, NULL);
}
