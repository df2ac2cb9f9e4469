/* test_buf.c: the capped growable buffer: growth, cap, sticky error; arrays
** grown; the table of numbered byte keys built on it (keytab.h). */
#include "unit.h"
#include "buf.h"
#include "keytab.h"

static void appends_grow_and_terminate(void **state) {
    (void)state;
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    for (int i = 0; i < 1000; i++) assert_int_equal(buf_puts(&b, "ab"), FL_OK);
    assert_int_equal(b.len, 2000);
    assert_int_equal(b.data[2000], '\0');
    assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), FL_OK);
    assert_string_equal(b.data + 2000, "42-x");
    buf_release(&b);
}

static void cap_is_sticky(void **state) {
    (void)state;
    buf b;
    buf_init(&b, 8);
    assert_int_equal(buf_puts(&b, "12345678"), FL_OK);
    assert_int_equal(buf_putc(&b, '9'), FL_ETOOBIG);
    assert_int_equal(buf_puts(&b, ""), FL_ETOOBIG);
    assert_int_equal(b.len, 8);
    buf_release(&b);
}

static void detach_hands_over(void **state) {
    (void)state;
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    size_t n = 99;
    char *p = buf_detach(&b, &n);
    assert_non_null(p);
    assert_int_equal(n, 0);
    assert_string_equal(p, "");
    free(p);
    buf_puts(&b, "xyz");
    p = buf_detach(&b, &n);
    assert_string_equal(p, "xyz");
    assert_null(b.data);
    free(p);
}

static void arrays_grow_by_doubling(void **state) {
    (void)state;
    int64_t *a = NULL;
    size_t n = 0, cap = 0;
    for (int64_t i = 0; i < 1000; i++) {
        if (n == cap) assert_int_equal(array_grow(&a, &cap, sizeof *a, 16), FL_OK);
        a[n++] = i;
    }
    assert_int_equal(cap, 1024);
    for (size_t i = 0; i < n; i++) assert_int_equal(a[i], (int64_t)i);
    size_t huge = SIZE_MAX / 2;
    assert_int_equal(array_grow(&a, &huge, sizeof *a, 16), FL_ENOMEM);   /* would overflow */
    assert_int_equal(a[999], 999);                                        /* left as it was */
    free(a);
}

/* Keys are numbered 0, 1, 2 ... in the order they first came, through
** the table's growth; a key is its bytes (an embedded NUL, a prefix of
** another, the empty key are keys of their own). */
static void keys_are_numbered_in_order(void **state) {
    (void)state;
    keytab t;
    keytab_init(&t);
    assert_int_equal(keytab_find(&t, "a", 1), -1);
    int added;
    char key[32];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "key %d", i);
        assert_int_equal(keytab_get(&t, key, (size_t)n, &added), i);
        assert_int_equal(added, 1);
    }
    for (int i = 4999; i >= 0; i -= 7) {
        int n = snprintf(key, sizeof key, "key %d", i);
        assert_int_equal(keytab_get(&t, key, (size_t)n, &added), i);
        assert_int_equal(added, 0);
        assert_int_equal(keytab_find(&t, key, (size_t)n), i);
    }
    assert_int_equal(keytab_find(&t, "key 1", 4), -1);       /* a prefix of keys */
    assert_int_equal(keytab_get(&t, "key 1\0x", 7, &added), 5000);
    assert_int_equal(keytab_get(&t, "", 0, &added), 5001);
    assert_int_equal(keytab_find(&t, "", 0), 5001);
    assert_int_equal(keytab_find(&t, "key 1", 5), 1);
    assert_int_equal(t.n, 5002);
    keytab_release(&t);
    assert_int_equal(keytab_find(&t, "key 1", 5), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(appends_grow_and_terminate),
        cmocka_unit_test(cap_is_sticky),
        cmocka_unit_test(detach_hands_over),
        cmocka_unit_test(arrays_grow_by_doubling),
        cmocka_unit_test(keys_are_numbered_in_order),
    };
    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
