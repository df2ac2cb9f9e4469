/* test_export.c: the pieces of the exports a test can pin down alone:
** name-based UUIDs (version 5, checked against Python's uuid.uuid5 in
** flank's namespace, also when hashed piece by piece) and CSV fields
** quoted as RFC 4180 says, table-driven. */
#include "unit.h"
#include "export.h"

typedef struct ucase {
    const char *name;
    size_t n;
    const char *want;   /* uuid.uuid5(UUID('0dac5f40-6ba4-5e58-9685-d831f179a325'), name) */
} ucase;

static const ucase uuids[] = {
    {"", 0, "489aab70-538c-5933-a968-55cd8189a001"},
    {"hello", 5, "2c016cf4-46ee-5deb-9be7-35332eb7a9ce"},
    {"relation\x1f" "abc\x1f" "1\x1f" "2", 16, "c4dde0b2-1fbe-5734-ae95-f82f841b779c"},
};

static void uuid5(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof uuids / sizeof *uuids; i++) {
        char out[37];
        export_uuid5(uuids[i].name, uuids[i].n, out);
        assert_string_equal(out, uuids[i].want);
        assert_int_equal(out[14], '5');                   /* version */
        assert_non_null(strchr("89ab", out[19]));         /* variant */
    }
}

/* The same parts give the same id; any part changed, another. */
static void record_ids(void **state) {
    (void)state;
    json_t *a = json_pack("{s:s, s:i, s:i, s:s, s:s, s:s, s:s, s:n}", "doc_sha256", "ab", "start", 1, "end", 9,
                          "subject", "country:RU", "predicate", "operates_base", "object", "place:x",
                          "modality", "asserted", "date");
    json_t *b = json_deep_copy(a);
    json_object_set_new(b, "sentence", json_string("ignored: not a part of the id"));
    char ia[37], ib[37], ic[37], claim[37];
    export_record_id("relation", a, ia);
    export_record_id("relation", b, ib);
    assert_string_equal(ia, ib);
    json_object_set_new(b, "modality", json_string("alleged"));
    export_record_id("relation", b, ic);
    assert_string_not_equal(ia, ic);
    export_record_id("claim", a, claim);
    assert_string_not_equal(ia, claim);
    json_decref(a);
    json_decref(b);
}

/* Ids hashed piece by piece are those of the whole name: the unit
** separators, the integers in decimal, null and absent parts empty
** (uuid.uuid5 of the joined names). */
static void ids_hashed_in_pieces(void **state) {
    (void)state;
    json_t *rel = json_pack("{s:s, s:i, s:i, s:s, s:s, s:s, s:s, s:n}", "doc_sha256", "ab", "start", 1, "end", 9,
                            "subject", "country:RU", "predicate", "operates_base", "object", "place:x",
                            "modality", "asserted", "date");
    json_t *claim = json_pack("{s:s, s:I, s:I, s:s, s:n}", "doc_sha256", "ab", "start", (json_int_t)-12, "end",
                              (json_int_t)1234567890123, "kind", "quote", "speaker");
    char out[37];
    export_record_id("relation", rel, out);
    assert_string_equal(out, "f211136f-4da6-5704-8b5f-3f16f4a2e387");
    export_record_id("claim", claim, out);
    assert_string_equal(out, "4b1a4c32-4d8c-5bf6-8882-0c1a4464637a");
    const char *parts[] = {"bundle", NULL, "member_of", NULL, NULL, NULL};
    export_uuid5_join(parts, sizeof parts / sizeof *parts, out);
    assert_string_equal(out, "995b2742-8c5a-529f-a92b-9a0de287761b");
    json_decref(rel);
    json_decref(claim);
}

typedef struct ccase {
    const char *in, *want;
} ccase;

static const ccase fields[] = {
    {"", ""},
    {"plain", "plain"},
    {"a,b", "\"a,b\""},
    {"say \"no\"", "\"say \"\"no\"\"\""},
    {"\"", "\"\"\"\""},
    {"two\nlines", "\"two\nlines\""},
    {"cr\r", "\"cr\r\""},
    {"Türkiye’s ports; 1 000", "Türkiye’s ports; 1 000"},
    {" spaced ", " spaced "},
};

static void csv_quoting(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        buf b;
        buf_init(&b, BUF_NO_LIMIT);
        export_csv_field(&b, fields[i].in, strlen(fields[i].in));
        assert_string_equal(buf_cstr(&b), fields[i].want);
        buf_release(&b);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uuid5),
        cmocka_unit_test(record_ids),
        cmocka_unit_test(ids_hashed_in_pieces),
        cmocka_unit_test(csv_quoting),
    };
    return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
