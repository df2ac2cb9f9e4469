/* test_alert.c: saved searches (lib/alert.c): what each kind of alert
** (query, entity, predicate, a query with an entity) counts as new, that
** looking marks it seen only when asked, and the refusals of
** fl_alert_add and fl_alert_remove. The documents are the test's own. */
#include "unit.h"
#include "flank/intake.h"

#include <jansson.h>
#include <unistd.h>

static char db_path[64];

static fl_db *fresh_db(void) {
    snprintf(db_path, sizeof db_path, "/tmp/flank-alert-%d.db", (int)getpid());
    unlink(db_path);
    fl_db *db = NULL;
    char *err = NULL;
    if (fl_db_open(db_path, &db, &err) != FL_OK) fail_msg("open: %s", err);
    return db;
}

static void drop_db(fl_db *db) {
    fl_db_close(db);
    char p[80];
    unlink(db_path);
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
}

static void add_text(fl_db *db, const char *name, const char *text) {
    fl_read_opts ro = {0, "text", NULL, 0};
    fl_doc *doc = NULL;
    char *note = NULL, *err = NULL;
    if (fl_doc_from_bytes(name, text, strlen(text), &ro, &doc, &note, &err) != FL_OK) fail_msg("%s: %s", name, err);
    int64_t id = 0;
    int added = 0;
    if (fl_db_add(db, doc, &id, &added, &err) != FL_OK || fl_db_commit(db, &err) != FL_OK)
        fail_msg("%s: %s", name, err);
    fl_doc_free(doc);
    fl_free(note);
}

/* NAME's object in the answer of fl_alerts_json (MARK) or, LIST, of
** fl_alert_list_json; the caller frees ALL. */
static json_t *alerts(fl_db *db, int list, int mark, json_t **all) {
    char *json = NULL, *err = NULL;
    int rc = list ? fl_alert_list_json(db, &json, &err) : fl_alerts_json(db, mark, &json, &err);
    if (rc != FL_OK) fail_msg("alerts: %s", err);
    *all = json_loads(json, 0, NULL);
    fl_free(json);
    assert_non_null(*all);
    return *all;
}

static json_t *named(json_t *all, const char *name) {
    size_t i;
    json_t *a;
    json_array_foreach(all, i, a)
        if (strcmp(json_string_value(json_object_get(a, "name")), name) == 0) return a;
    fail_msg("no alert %s", name);
    return NULL;
}

static void counts_what_is_new_and_marks_it_seen(void **state) {
    (void)state;
    static const struct {
        const char *name, *query, *entity, *predicate;
        int docs, rels;   /* new after the second batch */
    } cases[] = {
        {"old-only", "Rabat", NULL, NULL, 0, 0},            /* matches the document stored before it */
        {"talks", "talks", NULL, NULL, 1, 0},               /* a query alone: documents, no relations */
        {"dz-talks", "talks", "country:DZ", NULL, 1, 1},    /* relations only of the documents it matches */
        {"coop", NULL, NULL, "cooperates_with", 0, 2},      /* a predicate alone: relations, no documents */
        {"ma", NULL, "country:MA", NULL, 1, 1},             /* an entity: its documents and relations */
        {"ma-coop", NULL, "country:MA", "cooperates_with", 0, 1},
    };
    size_t n = sizeof cases / sizeof *cases;
    fl_db *db = fresh_db();
    json_t *all;
    assert_int_equal(json_array_size(alerts(db, 0, 1, &all)), 0);   /* no table yet: no alerts */
    json_decref(all);
    add_text(db, "old.txt", "Envoys gather\n\nEnvoys met in Rabat on Friday to prepare the talks.\n");
    char *err = NULL;
    for (size_t i = 0; i < n; i++)
        if (fl_alert_add(db, cases[i].name, cases[i].query, cases[i].entity, cases[i].predicate, &err) != FL_OK)
            fail_msg("%s: %s", cases[i].name, err);
    add_text(db, "dz.txt", "Algeria hosts talks\n\nAlgeria hosted talks with Tunisia in Algiers on Tuesday.\n");
    add_text(db, "ma.txt", "Ties\n\nMorocco signed a defence cooperation agreement with Spain on Monday.\n");
    add_text(db, "dz2.txt", "Ties\n\nAlgeria signed a defence cooperation agreement with Spain on Monday.\n");
    for (int pass = 0; pass < 3; pass++) {   /* list, peek, look: the same; then nothing new */
        alerts(db, pass == 0, pass == 2, &all);
        for (size_t i = 0; i < n; i++) {
            json_t *a = named(all, cases[i].name);
            size_t docs = pass == 0 ? (size_t)json_integer_value(json_object_get(a, "new_documents"))
                                    : json_array_size(json_object_get(a, "documents"));
            size_t rels = pass == 0 ? (size_t)json_integer_value(json_object_get(a, "new_relations"))
                                    : json_array_size(json_object_get(a, "relations"));
            if (docs != (size_t)cases[i].docs || rels != (size_t)cases[i].rels)
                fail_msg("%s, pass %d: %zu documents, %zu relations", cases[i].name, pass, docs, rels);
        }
        json_decref(all);
    }
    alerts(db, 1, 0, &all);
    for (size_t i = 0; i < n; i++) {
        json_t *a = named(all, cases[i].name);
        assert_int_equal(json_integer_value(json_object_get(a, "new_documents")), 0);
        assert_int_equal(json_integer_value(json_object_get(a, "new_relations")), 0);
        assert_int_equal(json_integer_value(json_object_get(a, "last_doc")), 4);
    }
    json_decref(all);
    drop_db(db);
}

static void refuses_what_it_cannot_keep(void **state) {
    (void)state;
    static const struct {
        const char *name, *query, *entity, *predicate;
        int rc;
        const char *why;
    } cases[] = {
        {"none", NULL, NULL, NULL, FL_EINVAL, "needs a query"},
        {"empty", "", NULL, NULL, FL_EINVAL, "needs a query"},
        {"quote", "\"unclosed", NULL, NULL, FL_EQUERY, "never closed"},
        {"paren", "Rabat AND (", NULL, NULL, FL_EQUERY, ""},
        {"pred", NULL, NULL, "befriends", FL_EINVAL, "befriends: not a predicate"},
        {"twice", "Rabat", NULL, NULL, FL_EINVAL, "exists"},   /* after a first "twice" */
    };
    fl_db *db = fresh_db();
    char *err = NULL;
    assert_int_equal(fl_alert_add(db, "twice", "Rabat", NULL, NULL, &err), FL_OK);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        err = NULL;
        int rc = fl_alert_add(db, cases[i].name, cases[i].query, cases[i].entity, cases[i].predicate, &err);
        if (rc != cases[i].rc || !err || !strstr(err, cases[i].why))
            fail_msg("%s: %d (%s)", cases[i].name, rc, err ? err : "no message");
        fl_free(err);
    }
    json_t *all;
    assert_int_equal(json_array_size(alerts(db, 1, 0, &all)), 1);
    json_decref(all);
    err = NULL;
    assert_int_equal(fl_alert_remove(db, "twice", &err), FL_OK);
    assert_int_equal(fl_alert_remove(db, "twice", &err), FL_ENOTFOUND);
    assert_non_null(strstr(err, "no such alert"));
    fl_free(err);
    drop_db(db);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_what_is_new_and_marks_it_seen),
        cmocka_unit_test(refuses_what_it_cannot_keep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
