/* test_vocab.c: the relation vocabulary read from data/patterns/cameo.tsv:
** the v1 and v2 predicates with their classes, table-driven; the list the
** front ends get; broken tables (each in a child process, since the table
** loads once per process). */
#include "unit.h"
#include "vocab.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct vcase {
    const char *name, *cameo, *plover;   /* NULL: not in the vocabulary */
} vcase;

static const vcase cases[] = {
    {"member_of", "-", "AGREE"},
    {"military_presence", "154", "MOBILIZE"},
    {"ended_cooperation", "16", "SANCTION"},
    {"invaded", "19", "ASSAULT"},
    {"tension_with", "11", "ACCUSE"},
    {"appointed", "-", "-"},
    {"fights", "19", "ASSAULT"},
    {"attacked", "190", "ASSAULT"},
    {"sanctioned", "163", "SANCTION"},
    {"supplies", "07", "AID"},
    {"met_with", "04", "CONSULT"},
    {"no_such", NULL, NULL},
    {"", NULL, NULL},
    {"Met_With", NULL, NULL},
};

static void classes(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const vcase *c = &cases[i];
        const vocab_pred *p = vocab_find(c->name);
        if (!c->cameo) {
            if (p) fail_msg("%s: found, want unknown", c->name);
            continue;
        }
        if (!p) fail_msg("%s: unknown", c->name);
        assert_string_equal(p->cameo, c->cameo);
        assert_string_equal(p->plover, c->plover);
        assert_true(strlen(p->meaning) > 0);
    }
    assert_null(vocab_find(NULL));
}

/* DESIGN.md's twenty, v1 first, each once. */
static void the_list_for_front_ends(void **state) {
    (void)state;
    assert_int_equal(vocab_count(), 20);
    assert_string_equal(vocab_at(0)->name, "member_of");
    assert_string_equal(vocab_at(19)->name, "met_with");
    assert_null(vocab_at(20));
    char *json = NULL, *err = NULL;
    assert_int_equal(fl_predicates_json(&json, &err), FL_OK);
    json_t *v = json_loads(json, 0, NULL);
    json_t *list = json_object_get(v, "predicates");
    assert_int_equal(json_array_size(list), 20);
    json_t *supplies = json_array_get(list, 18);
    assert_string_equal(json_string_value(json_object_get(supplies, "name")), "supplies");
    assert_string_equal(json_string_value(json_object_get(supplies, "cameo_name")), "Provide aid");
    assert_true(json_is_null(json_object_get(json_array_get(list, 7), "plover")));   /* appointed */
    json_t *rows = json_pack("[{s:s}, {s:s}, {}]", "predicate", "sanctioned", "predicate", "no_such");
    vocab_add_classes(rows);
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 0), "plover")), "SANCTION");
    assert_true(json_is_null(json_object_get(json_array_get(rows, 1), "cameo")));
    json_decref(rows);
    json_decref(v);
    fl_free(json);
}

/* Loads TABLE as a data folder's cameo.tsv in a child process (which
** must not have inherited a loaded table): the exit status is 0 when
** vocab_init fails with FL_EPACK naming WANT. */
static int broken(const char *table, const char *want) {
    char dir[] = "/tmp/flank-vocab-XXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/patterns", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/patterns/cameo.tsv", dir);
    FILE *f = fopen(path, "w");
    fputs(table, f);
    fclose(f);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        char *err = NULL;
        int rc = vocab_init(dir, &err);
        _exit(rc == FL_EPACK && err && strstr(err, want) ? 0 : 1);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    unlink(path);
    snprintf(path, sizeof path, "%s/patterns", dir);
    rmdir(path);
    rmdir(dir);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}

static void broken_tables(void **state) {
    (void)state;
    const char *head = "# comment\npredicate\tcameo\tcameo_name\tplover\tmeaning\n";
    char t[512];
    snprintf(t, sizeof t, "%sfights\t19\tFight\tASSAULT\n", head);
    assert_int_equal(broken(t, "cameo.tsv:3: needs 5"), 0);
    snprintf(t, sizeof t, "%sfights\t19\tFight\tASSAULT\tconflict\nfights\t19\tFight\tASSAULT\tx\n", head);
    assert_int_equal(broken(t, "cameo.tsv:4: predicate listed twice"), 0);
    snprintf(t, sizeof t, "%sMet With\t04\tConsult\tCONSULT\tmeetings\n", head);
    assert_int_equal(broken(t, "cameo.tsv:3: a predicate is a lower-case word"), 0);
    assert_int_equal(broken(head, "no predicates"), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(broken_tables),   /* first: the children must load the table themselves */
        cmocka_unit_test(classes),
        cmocka_unit_test(the_list_for_front_ends),
    };
    return cmocka_run_group_tests_name("vocab", tests, NULL, NULL);
}
