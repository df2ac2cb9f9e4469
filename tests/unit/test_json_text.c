/* test_json_text.c: json_text writes what json_dumps writes, byte for
** byte, for every kind of value, in the layouts libflank uses. */
#include "unit.h"
#include "buf.h"
#include "json_text.h"

static const size_t layouts[] = {JSON_INDENT(2), JSON_INDENT(4), 0, JSON_COMPACT};

/* What writes V's JSON text into OUT in LAYOUT: json_text, or a test's
** calls of the writer. */
typedef int (*text_writer)(buf *out, const json_t *v, size_t layout);

/* WRITE writes what json_dumps writes of V, in every layout. */
static void writes_as_jansson(const json_t *v, text_writer write) {
    for (size_t i = 0; i < sizeof layouts / sizeof *layouts; i++) {
        char *want = json_dumps(v, layouts[i] | JSON_ENCODE_ANY);
        buf got;
        buf_init(&got, BUF_NO_LIMIT);
        assert_int_equal(write(&got, v, layouts[i]), FL_OK);
        assert_non_null(want);
        assert_string_equal(buf_cstr(&got), want);
        buf_release(&got);
        free(want);
    }
}

static void same_as_jansson(json_t *v) {
    writes_as_jansson(v, json_text);
    json_decref(v);
}

static void scalars(void **state) {
    (void)state;
    const double reals[] = {0.0, -0.0, 1.0, -2.5, 0.1, 1e-7, 1.6577579737433952e-06, 123456789012.0, 1.5e300,
                            -4.9e-324, 1e21, 1e100, 3.0e-5};
    for (size_t i = 0; i < sizeof reals / sizeof *reals; i++) same_as_jansson(json_real(reals[i]));
    const json_int_t ints[] = {0, 1, -1, 42, 1000000007, INT64_MAX, INT64_MIN};
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) same_as_jansson(json_integer(ints[i]));
    same_as_jansson(json_true());
    same_as_jansson(json_false());
    same_as_jansson(json_null());
}

static void strings(void **state) {
    (void)state;
    const char *texts[] = {"", "plain", "quote \" and backslash \\ and slash /", "\b\f\n\r\t", "\x01\x1f\x7f",
                           "caf\xc3\xa9 \xe2\x80\xa6 \xf0\x9f\x8c\x8d", "<script>alert(1)</script>",
                           /* longer than a word of 8 bytes (scanned a word at a time), escapes inside */
                           "0123456789abcdef\"ghij\\klmnopqrstu\x01vwxyz0123456789\x1f~\x7f\xc3\xa9\xe2\x80\xa6 end",
                           "\"1234567\n12345678\\"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) same_as_jansson(json_string(texts[i]));
    same_as_jansson(json_stringn("nul \0 inside", 12));
}

static void nesting(void **state) {
    (void)state;
    same_as_jansson(json_array());
    same_as_jansson(json_object());
    same_as_jansson(json_pack("{s:[], s:{}, s:[i, f, s, n, b], s:{s:[i, [], {}]}, s:[[[i]]]}", "empty", "none",
                              "mixed", 1, 2.5, "x\ny", 1, "deep", "a", 7, "nested", 1));
    json_t *deep = json_integer(1);   /* indents past the writer's run of spaces */
    for (int i = 0; i < 40; i++) {
        json_t *outer = i % 2 ? json_array() : json_object();
        if (i % 2) json_array_append_new(outer, deep);
        else json_object_set_new(outer, "k", deep);
        deep = outer;
    }
    same_as_jansson(deep);
    /* Keys keep the order they were set in. */
    json_t *o = json_object();
    const char *keys[] = {"z", "a", "m", "\"odd key\"", "b"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) json_object_set_new(o, keys[i], json_integer((int)i));
    same_as_jansson(o);
}

/* The tree of the writer test below, element by element. */
static int write_by_hand(buf *out, const json_t *v, size_t layout) {
    (void)v;
    json_writer w;
    jw_init(&w, out, layout);
    jw_object(&w);
    jw_key(&w, "total", 5), jw_int(&w, -7);
    jw_key(&w, "results", 7), jw_array(&w);
    jw_object(&w);
    jw_key(&w, "title", 5), jw_string(&w, "a \"b\"\n", 6);
    jw_key(&w, "published", 9), jw_literal(&w, "null");
    jw_key(&w, "score", 5), jw_real(&w, 0.25);
    jw_key(&w, "highlights", 10), jw_array(&w), jw_array(&w), jw_int(&w, 1), jw_int(&w, 2), jw_end(&w), jw_end(&w);
    jw_key(&w, "empty", 5), jw_object(&w), jw_end(&w);
    jw_end(&w);
    jw_array(&w), jw_end(&w);
    jw_end(&w);
    jw_key(&w, "ok", 2), jw_literal(&w, "true");
    jw_end(&w);
    return out->rc;
}

/* The writer, element by element, writes what json_dumps writes of the
** same value built as a tree: empty and nested containers, every scalar. */
static void writer(void **state) {
    (void)state;
    json_t *tree = json_pack("{s:I, s:[{s:s, s:n, s:f, s:[[i, i]], s:{}}, []], s:b}", "total", (json_int_t)-7,
                             "results", "title", "a \"b\"\n", "published", "score", 0.25, "highlights", 1, 2,
                             "empty", "ok", 1);
    writes_as_jansson(tree, write_by_hand);
    json_decref(tree);
}

/* Nesting past the writer's depth is an error, not an overflow. */
static void writer_depth(void **state) {
    (void)state;
    buf got;
    buf_init(&got, BUF_NO_LIMIT);
    json_writer w;
    jw_init(&w, &got, JSON_COMPACT);
    for (int i = 0; i < JW_MAX_DEPTH; i++) jw_array(&w);
    assert_int_equal(got.rc, FL_OK);
    jw_array(&w);
    assert_int_equal(got.rc, FL_ETOOBIG);
    buf_release(&got);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scalars),
        cmocka_unit_test(strings),
        cmocka_unit_test(nesting),
        cmocka_unit_test(writer),
        cmocka_unit_test(writer_depth),
    };
    return cmocka_run_group_tests_name("json_text", tests, NULL, NULL);
}
