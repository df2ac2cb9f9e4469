/* test_store.c: storing documents, dedup, search ranking, show, errors,
** the upgrade of an older database, postings shared in memory, relations
** of the v2 vocabulary in the dossier, the timeline and the map; a text
** too large to keep its words, annotated a window at a time; the spans
** an export cursor cuts and the entity counts it reads. */
#include "unit.h"
#include "buf.h"
#include "dedup.h"
#include "doc.h"
#include "store_dedup.h"
#include "store_int.h"

#include <jansson.h>
#include <unistd.h>

static char db_path[64];

static fl_db *fresh_db(void) {
    snprintf(db_path, sizeof db_path, "/tmp/flank-store-%d.db", (int)getpid());
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

static int64_t add_seed(fl_db *db, const char *name, int *added) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", unit_shared("corpus/seeds"), name);
    fl_doc *doc = NULL;
    char *err = NULL;
    if (fl_doc_read(path, NULL, &doc, NULL, &err) != FL_OK) fail_msg("%s", err);
    int64_t id = 0;
    if (fl_db_add(db, doc, &id, added, &err) != FL_OK) fail_msg("%s", err);
    fl_doc_free(doc);
    return id;
}

/* A new database holding both seeds, committed. */
static fl_db *db_of_seeds(void) {
    fl_db *db = fresh_db();
    int added;
    char *err = NULL;
    add_seed(db, "mediterranean-blind-spot.txt", &added);
    add_seed(db, "training-missions-qa.txt", &added);
    if (fl_db_commit(db, &err) != FL_OK) fail_msg("commit: %s", err);
    return db;
}

static json_t *search(fl_db *db, const char *q) {
    char *json = NULL, *err = NULL;
    if (fl_search_json(db, q, NULL, &json, &err) != FL_OK) fail_msg("%s: %s", q, err);
    json_t *v = json_loads(json, 0, NULL);
    fl_free(json);
    return v;
}

static const char *first_snippet(json_t *res) {
    json_t *doc = json_array_get(json_object_get(res, "results"), 0);
    const char *s = json_string_value(json_object_get(json_array_get(json_object_get(doc, "hits"), 0), "snippet"));
    if (!s) fail_msg("no hit");
    return s;
}

/* The store tokenizes a document once, for the sentence index; the
** check re-tokenizes every sentence and compares, here on the
** connection that wrote them (their texts already freed) and on sentence
** edges without a space: a dotted abbreviation, a possessive, a quote. */
static void words_made_once_agree_with_the_text(void **state) {
    (void)state;
    fl_db *db = fresh_db();
    int added;
    add_seed(db, "mediterranean-blind-spot.txt", &added);
    add_seed(db, "training-missions-qa.txt", &added);
    static const char tricky[] =
        "Edges\n\nTroops left the U.S.The base at Sigonella stayed open. NATO's ships sailed.\"Who "
        "decides?\"asked the minister.Then U.S. forces moved.\nA.B.C. was here. Türkiye’s role grew.";
    fl_doc *doc = NULL;
    char *err = NULL;
    if (fl_doc_from_bytes("tricky.txt", tricky, sizeof tricky - 1, NULL, &doc, NULL, &err) != FL_OK)
        fail_msg("%s", err);
    int64_t id = 0;
    if (fl_db_add(db, doc, &id, &added, &err) != FL_OK) fail_msg("%s", err);
    fl_doc_free(doc);
    if (fl_db_check(db, &err) != FL_OK) fail_msg("check: %s", err);
    json_t *res = search(db, "Sigonella");
    assert_int_equal(json_integer_value(json_object_get(res, "total")), 1);
    json_decref(res);
    drop_db(db);
}

static void stores_searches_and_dedups(void **state) {
    (void)state;
    fl_db *db = fresh_db();
    int added;
    int64_t blind = add_seed(db, "mediterranean-blind-spot.txt", &added);
    assert_int_equal(added, 1);
    add_seed(db, "training-missions-qa.txt", &added);
    assert_int_equal(added, 1);
    assert_int_equal(add_seed(db, "mediterranean-blind-spot.txt", &added), blind);
    assert_int_equal(added, 0);
    int64_t docs, sents;
    assert_int_equal(fl_db_stats(db, &docs, &sents, NULL), FL_OK);
    assert_int_equal(docs, 2);

    json_t *res = search(db, "Derna");
    assert_int_equal(json_integer_value(json_object_get(res, "total")), 1);
    assert_non_null(strstr(first_snippet(res), "naval base"));
    json_decref(res);

    res = search(db, "\"Mediterranean Dialogue\"");
    json_t *top = json_array_get(json_object_get(res, "results"), 0);
    assert_int_equal(json_integer_value(json_object_get(top, "id")), blind);
    assert_int_equal(json_integer_value(json_object_get(res, "total")), 2);
    json_decref(res);

    /* Terms in different sentences of one document still find it. */
    res = search(db, "Derna Colomina");
    assert_int_equal(json_integer_value(json_object_get(res, "total")), 1);
    json_decref(res);

    res = search(db, "derna");   /* case-folded */
    assert_int_equal(json_integer_value(json_object_get(res, "total")), 1);
    json_decref(res);
    res = search(db, "Derna NOT Colomina");   /* NOT excludes documents */
    assert_int_equal(json_integer_value(json_object_get(res, "total")), 0);
    json_decref(res);

    res = search(db, "Sahel -Derna");
    assert_true(json_integer_value(json_object_get(res, "total")) >= 1);
    json_decref(res);
    drop_db(db);
}

/* The searches above ran inside the ingest's open batch; once it is
** committed a search reads in a transaction of its own, which it must end:
** the next document then starts a batch on the same connection. */
static void searches_end_their_read_transaction(void **state) {
    (void)state;
    fl_db *db = fresh_db();
    int added;
    char *err = NULL;
    add_seed(db, "mediterranean-blind-spot.txt", &added);
    assert_int_equal(fl_db_commit(db, &err), FL_OK);
    json_t *res = search(db, "Derna");
    assert_int_equal(json_integer_value(json_object_get(res, "total")), 1);
    json_decref(res);
    res = search(db, "\"Mediterranean Dialogue\"");
    assert_int_equal(json_integer_value(json_object_get(res, "total")), 1);
    json_decref(res);
    add_seed(db, "training-missions-qa.txt", &added);
    assert_int_equal(added, 1);
    assert_int_equal(fl_db_commit(db, &err), FL_OK);
    res = search(db, "\"Mediterranean Dialogue\"");
    assert_int_equal(json_integer_value(json_object_get(res, "total")), 2);
    json_decref(res);
    char *json = NULL;   /* a malformed query fails and still ends it */
    assert_int_equal(fl_search_json(db, "\"unbalanced", NULL, &json, &err), FL_EQUERY);
    fl_free(err);
    err = NULL;
    add_seed(db, "mediterranean-blind-spot.txt", &added);
    assert_int_equal(added, 0);
    assert_int_equal(fl_db_commit(db, &err), FL_OK);
    drop_db(db);
}

/* The "total" of a search for Q with O. */
static int64_t search_total(fl_db *db, const char *q, const fl_search_opts *o) {
    char *json = NULL, *err = NULL;
    if (fl_search_json(db, q, o, &json, &err) != FL_OK) fail_msg("%s: %s", q, err);
    json_t *v = json_loads(json, 0, NULL);
    int64_t n = json_integer_value(json_object_get(v, "total"));
    json_decref(v);
    fl_free(json);
    return n;
}

static int64_t total_mentioning(fl_db *db, const char *entity, const char *type, const char *q) {
    fl_search_opts o = {.entity = entity, .type = type};
    return search_total(db, q, &o);
}

/* Takes a new database back to schema version 3: an index of whole
** documents beside the sentence index, no titles in the latter, no
** doc_stats and no spans in documents. */
static void take_back_to_version_3(fl_db *db) {
    assert_int_equal(sqlite3_exec(db->sql,
                                  "DROP TABLE doc_stats; DROP TABLE sentences_fts; DROP VIEW sentence_text;"
                                  "ALTER TABLE documents DROP COLUMN spans;"
                                  "CREATE VIEW sentence_text(id, text) AS SELECT s.id,"
                                  " CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT)"
                                  " FROM sentences s JOIN documents d ON d.id = s.doc_id;"
                                  "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentence_text',"
                                  " content_rowid='id', tokenize='flank', columnsize=0);"
                                  "INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild');"
                                  "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents',"
                                  " content_rowid='id', tokenize='flank');"
                                  "INSERT INTO documents_fts(documents_fts) VALUES('rebuild');"
                                  "UPDATE meta SET value = '3' WHERE key = 'schema_version'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
}

static void assert_schema_version(fl_db *db, const char *want) {
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db->sql, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
    sqlite3_finalize(st);
}

/* Searches of the documents scope whose answers must not change when a
** database is upgraded (or when words sit in different sentences). */
static const char *const upgrade_queries[] = {
    "Russia", "NATO Libya", "\"naval base\"", "Mediter*", "Russia NOT Libya", "(Mali OR Niger) AND France",
};

/* Takes a new database back to schema version 4: no spans in documents. */
static void take_back_to_version_4(fl_db *db) {
    assert_int_equal(sqlite3_exec(db->sql,
                                  "ALTER TABLE documents DROP COLUMN spans;"
                                  "UPDATE meta SET value = '4' WHERE key = 'schema_version'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
}

/* Asks DB the upgrade queries (each in the next of N_SCOPES option sets),
** takes it back with TAKE_BACK, reopens it (so upgrades it) and asks
** again: the version is this one's and every answer is the same, byte for
** byte. Returns the reopened database. */
static fl_db *upgrade_answers_the_same(fl_db *db, void (*take_back)(fl_db *), const fl_search_opts *scopes,
                                       size_t n_scopes) {
    char *err = NULL, *before[sizeof upgrade_queries / sizeof *upgrade_queries];
    size_t n_queries = sizeof upgrade_queries / sizeof *upgrade_queries;
    for (size_t i = 0; i < n_queries; i++)
        assert_int_equal(fl_search_json(db, upgrade_queries[i], &scopes[i % n_scopes], &before[i], &err), FL_OK);
    take_back(db);
    fl_db_close(db);
    if (fl_db_open(db_path, &db, &err) != FL_OK) fail_msg("reopen: %s", err);
    assert_schema_version(db, "5");
    for (size_t i = 0; i < n_queries; i++) {
        char *after = NULL;
        assert_int_equal(fl_search_json(db, upgrade_queries[i], &scopes[i % n_scopes], &after, &err), FL_OK);
        assert_string_equal(after, before[i]);
        fl_free(after);
        fl_free(before[i]);
    }
    return db;
}

/* Schema version 4 has one full-text index, of sentences (with the
** titles), where version 3 had a second one of whole documents. A
** version 3 database, made here by taking a new one back, is upgraded when
** opened: the documents scope answers exactly as before (the lengths of
** documents come from the old index's sizes), and the check passes. */
static void upgrades_a_version_3_database(void **state) {
    (void)state;
    const fl_search_opts documents = {0};
    fl_db *db = upgrade_answers_the_same(db_of_seeds(), take_back_to_version_3, &documents, 1);
    char *err = NULL;
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    drop_db(db);
}

/* Schema version 5 keeps each document's sentence spans in its row. A
** version 4 database, made here by taking a new one back, is upgraded when
** opened: searches answer exactly as before, in every scope, and the check
** passes; spans that differ from the sentences rows fail it. */
static void upgrades_a_version_4_database(void **state) {
    (void)state;
    const fl_search_opts scopes[] = {{0}, {.sentences = 1}, {.entity = "country:LY"}};
    fl_db *db = upgrade_answers_the_same(db_of_seeds(), take_back_to_version_4, scopes, 3);
    char *err = NULL;
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    assert_int_equal(sqlite3_exec(db->sql, "UPDATE documents SET spans = x'0102' WHERE id = 1", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(fl_db_check(db, &err), FL_EDB);
    assert_non_null(strstr(err, "sentence spans of document 1 differ"));
    fl_free(err);
    drop_db(db);
}

/* Schema version 2 found the documents about an entity with B-tree
** indexes; version 3 with FTS5 (entity_fts). A version 2 database, made
** here by taking a new one back, is brought up to date when opened: the
** same documents are found by entity and type, the same relations, and
** the check passes. */
static void upgrades_a_version_2_database(void **state) {
    (void)state;
    fl_db *db = db_of_seeds();
    char *err = NULL;
    int64_t by_entity = total_mentioning(db, "country:LY", NULL, "Russia");
    int64_t by_type = total_mentioning(db, NULL, "person", "NATO");
    assert_true(by_entity >= 1);
    assert_true(by_type >= 1);
    assert_int_equal(total_mentioning(db, "country:ZZ", NULL, "Russia"), 0);
    assert_int_equal(total_mentioning(db, NULL, "no-such-type", "NATO"), 0);
    char *dossier = NULL;
    assert_int_equal(fl_dossier_json(db, "country:RU", &dossier, &err), FL_OK);
    take_back_to_version_3(db);
    assert_int_equal(sqlite3_exec(db->sql,
                                  "DROP TABLE entity_fts; DROP VIEW entity_ids;"
                                  "CREATE INDEX mentions_by_entity ON mentions(entity, doc_id);"
                                  "DROP INDEX relations_by_doc;"
                                  "CREATE INDEX relations_by_subject ON relations(subject);"
                                  "CREATE INDEX relations_by_object ON relations(object);"
                                  "UPDATE meta SET value = '2' WHERE key = 'schema_version'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    fl_db_close(db);
    if (fl_db_open(db_path, &db, &err) != FL_OK) fail_msg("reopen: %s", err);
    char *again = NULL;
    assert_int_equal(fl_dossier_json(db, "country:RU", &again, &err), FL_OK);
    assert_string_equal(again, dossier);
    assert_non_null(strstr(again, "\"relations\""));
    fl_free(again);
    fl_free(dossier);
    assert_int_equal(total_mentioning(db, "country:LY", NULL, "Russia"), by_entity);
    assert_int_equal(total_mentioning(db, NULL, "person", "NATO"), by_type);
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    assert_schema_version(db, "5");
    drop_db(db);
}

static fl_db *db_of_texts(const char *const *texts, size_t n) {
    fl_db *db = fresh_db();
    for (size_t i = 0; i < n; i++) {
        fl_doc *doc = NULL;
        char *err = NULL, name[32];
        int64_t id;
        int added;
        snprintf(name, sizeof name, "doc%zu.html", i);
        if (fl_doc_from_bytes(name, texts[i], strlen(texts[i]), NULL, &doc, NULL, &err) != FL_OK)
            fail_msg("%s", err);
        if (fl_db_add(db, doc, &id, &added, &err) != FL_OK) fail_msg("%s", err);
        fl_doc_free(doc);
    }
    return db;
}

static int64_t total_of(fl_db *db, const char *q, int sentences) {
    fl_search_opts o = {.sentences = sentences};
    return search_total(db, q, &o);
}

/* A second connection to the test database sharing postings of BUDGET
** bytes (*SHARED, freed by the caller after closing the connection). */
static fl_db *sharing(size_t budget, fl_postings **shared) {
    fl_db *db = NULL;
    char *err = NULL;
    if (fl_postings_new(budget, shared, &err) != FL_OK || fl_db_open(db_path, &db, &err) != FL_OK ||
        fl_db_share_postings(db, *shared, &err) != FL_OK)
        fail_msg("%s", err);
    return db;
}

/* With postings in memory a search finds, ranks and shows what the walk
** of the index does, whatever their budget (one byte: every postings
** dropped after its search); asked twice, from memory the second time. */
static void postings_answer_as_the_index_does(void **state) {
    (void)state;
    static const char *const queries[] = {"NATO", "security OR migration", "\"armed groups\"", "milit*",
                                          "Libya NOT Russia", "(Mali OR Niger) France", "Europe NATO southern"};
    const fl_search_opts opts[] = {{0}, {.facets = 1, .limit = 2, .offset = 1}, {.entity = "country:LY"},
                                   {.type = "country", .since = "2015"}, {.per_doc = 1, .source = "blind"}};
    fl_db *db = db_of_seeds();
    size_t budgets[] = {1, 64 << 20};
    for (size_t b = 0; b < 2; b++) {
        fl_postings *shared = NULL;
        fl_db *reader = sharing(budgets[b], &shared);
        for (int round = 0; round < 2; round++)
            for (size_t q = 0; q < sizeof queries / sizeof *queries; q++)
                for (size_t o = 0; o < sizeof opts / sizeof *opts; o++) {
                    char *want = NULL, *got = NULL, *err = NULL;
                    assert_int_equal(fl_search_json(db, queries[q], &opts[o], &want, &err), FL_OK);
                    assert_int_equal(fl_search_json(reader, queries[q], &opts[o], &got, &err), FL_OK);
                    assert_string_equal(got, want);
                    fl_free(want);
                    fl_free(got);
                }
        fl_db_close(reader);
        fl_postings_free(shared);
    }
    /* Postings serve one database. */
    fl_postings *shared = NULL;
    char *err = NULL;
    fl_db *reader = sharing(1 << 20, &shared), *other = NULL;
    assert_int_equal(fl_db_open("/tmp/flank-store-other.db", &other, &err), FL_OK);
    assert_int_equal(fl_db_share_postings(other, shared, &err), FL_EINVAL);
    assert_non_null(strstr(err, "another database"));
    fl_free(err);
    fl_db_close(other);
    unlink("/tmp/flank-store-other.db");
    fl_db_close(reader);
    fl_postings_free(shared);
    drop_db(db);
}

/* Postings read at one state of the database are not used at the next:
** a document another connection commits is found at once. */
static void postings_follow_new_documents(void **state) {
    (void)state;
    static const char *const texts[] = {
        "<html><head><title>Kestrel notes</title></head><body><p>The kestrel port grew quickly. Fishermen"
        " sailed west every morning. The old harbour closed.</p></body></html>",
        "<html><head><title>Later notes</title></head><body><p>A kestrel flew over the port, then a kestrel"
        " again. Fishermen mended nets by the harbour wall.</p></body></html>",
    };
    fl_db *db = db_of_texts(texts, 1);
    char *err = NULL;
    assert_int_equal(fl_db_commit(db, &err), FL_OK);
    fl_postings *shared = NULL;
    fl_db *reader = sharing(1 << 20, &shared);
    assert_int_equal(search_total(reader, "kestrel", NULL), 1);
    assert_int_equal(search_total(reader, "kestrel port", NULL), 1);
    fl_doc *doc = NULL;
    int64_t id;
    int added;
    if (fl_doc_from_bytes("later.html", texts[1], strlen(texts[1]), NULL, &doc, NULL, &err) != FL_OK)
        fail_msg("%s", err);
    assert_int_equal(fl_db_add(db, doc, &id, &added, &err), FL_OK);
    fl_doc_free(doc);
    assert_int_equal(search_total(reader, "kestrel", NULL), 1);   /* not committed yet */
    assert_int_equal(fl_db_commit(db, &err), FL_OK);
    assert_int_equal(search_total(reader, "kestrel", NULL), 2);
    assert_int_equal(search_total(reader, "kestrel port", NULL), 2);
    assert_int_equal(search_total(reader, "kestrel wall", NULL), 1);
    assert_int_equal(search_total(reader, "\"later notes\"", NULL), 1);
    fl_db_close(reader);
    fl_postings_free(shared);
    drop_db(db);
}

/* The documents scope is answered from the sentence index: the query
** holds for the words found anywhere in a document, its title included;
** a phrase stays within a sentence (or the title); NOT excludes a
** document holding the word anywhere. The sentence scope ignores titles. */
static void documents_match_across_sentences_and_titles(void **state) {
    (void)state;
    static const char *const texts[] = {
        "<html><head><title>Kestrel notes</title></head><body><p>The port grew quickly. Fishermen sailed west "
        "every morning. The old harbour closed.</p></body></html>",
        "<html><head><title>Other notes</title></head><body><p>Fishermen mended nets by the harbour wall."
        "</p></body></html>",
    };
    fl_db *db = db_of_texts(texts, 2);
    assert_int_equal(total_of(db, "port harbour", 0), 1);
    assert_int_equal(total_of(db, "port harbour", 1), 0);
    assert_int_equal(total_of(db, "fishermen harbour", 1), 1);
    assert_int_equal(total_of(db, "\"quickly fishermen\"", 0), 0);
    assert_int_equal(total_of(db, "\"kestrel notes\"", 0), 1);
    assert_int_equal(total_of(db, "kestrel", 1), 0);
    assert_int_equal(total_of(db, "kestrel fishermen", 0), 1);
    assert_int_equal(total_of(db, "fishermen NOT kestrel", 0), 1);
    assert_int_equal(total_of(db, "notes NOT (kestrel OR wall)", 0), 0);
    assert_int_equal(total_of(db, "notes AND (kestrel OR wall) NOT port", 0), 1);
    json_t *res = search(db, "harbour OR kestrel");
    json_t *top = json_array_get(json_object_get(res, "results"), 0);
    assert_string_equal(json_string_value(json_object_get(top, "title")), "Kestrel notes");
    assert_null(json_object_get(res, "total_estimated"));
    json_decref(res);
    drop_db(db);
}

/* A common word: the walk reads the newest documents until 2,000 match,
** stops, and extrapolates the total from the share of documents it read.
** Sparse matches of common words: the exact pass reads every phrase (and
** counts exactly). Rare words: the walk reads all, exactly. */
static void totals_are_estimated_past_the_window_else_exact(void **state) {
    (void)state;
    enum { N = 10000 };
    static char texts[N][96];
    static const char *ptrs[N];
    for (int i = 0; i < N; i++) {
        snprintf(texts[i], sizeof texts[i], "Report %d says the convoy moved%s.", i,
                 i % 2 ? " at night" : i % 100 == 0 ? " past Zuwara" : "");
        ptrs[i] = texts[i];
    }
    fl_db *db = db_of_texts(ptrs, N);
    json_t *res = search(db, "convoy");
    assert_int_equal(json_integer_value(json_object_get(res, "total")), N);
    assert_true(json_is_true(json_object_get(res, "total_estimated")));
    assert_int_equal(json_integer_value(json_object_get(res, "ranked_window")), 2000);
    json_decref(res);
    res = search(db, "convoy NOT night");
    assert_int_equal(json_integer_value(json_object_get(res, "total")), N / 2);
    assert_null(json_object_get(res, "total_estimated"));
    json_decref(res);
    assert_int_equal(total_of(db, "report NOT convoy", 0), 0);
    assert_int_equal(total_of(db, "night NOT (moved OR says)", 0), 0);
    assert_int_equal(total_of(db, "convoy NOT (night OR past)", 0), N / 2 - N / 100);
    assert_int_equal(total_of(db, "(zuwara NOT night) OR (report NOT says)", 0), N / 100);
    assert_int_equal(total_of(db, "zuwara", 0), N / 100);
    assert_int_equal(total_of(db, "convoy zuwara", 0), N / 100);
    /* Under a filter a full window does not extrapolate: the documents
    ** named doc1* (1, 10-19, 100-199, 1000-1999) are not spread evenly. */
    fl_search_opts by_source = {.source = "doc1"};
    assert_int_equal(search_total(db, "convoy", &by_source), 1111);
    by_source.source = "doc";
    char *json = NULL, *err = NULL;
    assert_int_equal(fl_search_json(db, "convoy", &by_source, &json, &err), FL_OK);
    res = json_loads(json, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(res, "total")), N);
    assert_null(json_object_get(res, "total_estimated"));
    assert_int_equal(json_integer_value(json_object_get(res, "ranked_window")), 2000);
    json_decref(res);
    fl_free(json);
    /* From postings in memory every total is exact, the ranked window the same. */
    assert_int_equal(fl_db_commit(db, &err), FL_OK);
    fl_postings *shared = NULL;
    fl_db *reader = sharing(16 << 20, &shared);
    res = search(reader, "convoy");
    assert_int_equal(json_integer_value(json_object_get(res, "total")), N);
    assert_null(json_object_get(res, "total_estimated"));
    assert_int_equal(json_integer_value(json_object_get(res, "ranked_window")), 2000);
    json_decref(res);
    assert_int_equal(search_total(reader, "convoy NOT night", NULL), N / 2);
    assert_int_equal(search_total(reader, "report night", NULL), N / 2);
    assert_int_equal(search_total(reader, "report OR zuwara", NULL), N);
    assert_int_equal(total_of(reader, "convoy NOT (night OR past)", 0), N / 2 - N / 100);
    assert_int_equal(total_of(reader, "(zuwara NOT night) OR (report NOT says)", 0), N / 100);
    assert_int_equal(search_total(reader, "convoy", &by_source), N);
    by_source.source = "doc1";
    assert_int_equal(search_total(reader, "convoy", &by_source), 1111);
    fl_db_close(reader);
    fl_postings_free(shared);
    drop_db(db);
}

static void highlights_are_offsets(void **state) {
    (void)state;
    fl_db *db = fresh_db();
    int added;
    add_seed(db, "mediterranean-blind-spot.txt", &added);
    json_t *res = search(db, "Derna");
    json_t *hit = json_array_get(json_object_get(json_array_get(json_object_get(res, "results"), 0), "hits"), 0);
    const char *s = json_string_value(json_object_get(hit, "snippet"));
    json_t *r = json_array_get(json_object_get(hit, "highlights"), 0);
    assert_memory_equal(s + json_integer_value(json_array_get(r, 0)), "Derna", 5);
    assert_null(strchr(s, '\x02'));
    json_decref(res);
    drop_db(db);
}

static void shows_by_id_and_prefix(void **state) {
    (void)state;
    fl_db *db = fresh_db();
    int added;
    add_seed(db, "training-missions-qa.txt", &added);
    char *json = NULL, *err = NULL;
    assert_int_equal(fl_show_json(db, "1", &json, &err), FL_OK);
    json_t *doc = json_loads(json, 0, NULL);
    const char *sha = json_string_value(json_object_get(doc, "sha256"));
    char prefix[9];
    memcpy(prefix, sha, 8);
    prefix[8] = '\0';
    fl_free(json);
    assert_int_equal(fl_show_json(db, prefix, &json, &err), FL_OK);
    fl_free(json);
    json_decref(doc);
    assert_int_equal(fl_show_json(db, "99", &json, &err), FL_ENOTFOUND);
    fl_free(err);
    err = NULL;
    assert_int_equal(fl_show_json(db, "xyz", &json, &err), FL_EINVAL);
    fl_free(err);
    err = NULL;
    assert_int_equal(fl_search_json(db, "\"unclosed", NULL, &json, &err), FL_EQUERY);
    assert_null(json);
    fl_free(err);
    drop_db(db);
}

/* A relation of the v2 vocabulary (found by the relation stage in the
** document's tree: "delivered ... to Somalia") shows in the dossier and the timeline with its export classes
** and shades the map by its predicate; a predicate outside the vocabulary
** is refused. */
static void v2_predicates_reach_dossier_timeline_and_map(void **state) {
    (void)state;
    static const char text[] = "Aid to Somalia\n\nThe United States delivered rifles and trucks to Somalia "
                               "in March 2024, officials said.";
    const char *texts[] = {text};
    fl_db *db = db_of_texts(texts, 1);
    char *err = NULL, *json = NULL;
    assert_int_equal(fl_dossier_json(db, "country:SO", &json, &err), FL_OK);
    json_t *v = json_loads(json, 0, NULL), *rel = json_array_get(json_object_get(v, "relations"), 0);
    assert_string_equal(json_string_value(json_object_get(rel, "predicate")), "supplies");
    assert_string_equal(json_string_value(json_object_get(rel, "cameo")), "07");
    assert_string_equal(json_string_value(json_object_get(rel, "plover")), "AID");
    json_decref(v);
    fl_free(json);

    assert_int_equal(fl_timeline_json(db, "country:US", NULL, NULL, &json, &err), FL_OK);
    v = json_loads(json, 0, NULL);
    json_t *ev = json_array_get(json_object_get(v, "events"), 0);
    assert_string_equal(json_string_value(json_object_get(ev, "predicate")), "supplies");
    assert_string_equal(json_string_value(json_object_get(ev, "date")), "2024-03");
    assert_string_equal(json_string_value(json_object_get(ev, "plover")), "AID");
    json_decref(v);
    fl_free(json);

    const char *preds[] = {"supplies", "met_with"};
    for (int k = 0; k < 2; k++) {
        assert_int_equal(fl_map_json(db, preds[k], NULL, NULL, NULL, &json, &err), FL_OK);
        v = json_loads(json, 0, NULL);
        json_int_t somalia = -1;
        size_t i;
        json_t *c;
        json_array_foreach(json_object_get(v, "countries"), i, c)
            if (strcmp(json_string_value(json_object_get(c, "id")), "country:SO") == 0)
                somalia = json_integer_value(json_object_get(c, "relations"));
        assert_int_equal(somalia, k == 0 ? 1 : 0);
        json_decref(v);
        fl_free(json);
    }
    assert_int_equal(fl_map_json(db, "delivers", NULL, NULL, NULL, &json, &err), FL_EINVAL);
    assert_null(json);
    assert_non_null(strstr(err, "delivers: not a predicate"));
    fl_free(err);
    drop_db(db);
}

/* The entity_months rows as one text, in key order. */
static char *entity_months_text(fl_db *db) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, "SELECT coalesce(group_concat(r, ';'), '') FROM (SELECT entity || '|' || month"
                                    " || '|' || documents || '|' || mentions AS r FROM entity_months"
                                    " ORDER BY entity, month)", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        fail_msg("entity_months: %s", sqlite3_errmsg(db->sql));
    char *t = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return t;
}

/* The same counted from the mentions, as entity_months_text. */
static char *counted_text(fl_db *db) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, "SELECT coalesce(group_concat(r, ';'), '') FROM (SELECT m.entity || '|' ||"
                                    " coalesce(substr(d.published, 1, 7), '') || '|' || count(*) || '|' ||"
                                    " sum(m.count) AS r FROM mentions m JOIN documents d ON d.id = m.doc_id"
                                    " GROUP BY m.entity, coalesce(substr(d.published, 1, 7), '')"
                                    " ORDER BY m.entity, coalesce(substr(d.published, 1, 7), ''))", -1, &st,
                           NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        fail_msg("counted: %s", sqlite3_errmsg(db->sql));
    char *t = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return t;
}

static void add_dated(fl_db *db, const char *name, const char *text, const char *published) {
    fl_meta meta = {.published = published};
    fl_read_opts o = {.meta = &meta};
    fl_doc *doc = NULL;
    char *err = NULL;
    int64_t id;
    int added;
    if (fl_doc_from_bytes(name, text, strlen(text), &o, &doc, NULL, &err) != FL_OK) fail_msg("%s", err);
    if (fl_db_add(db, doc, &id, &added, &err) != FL_OK) fail_msg("%s", err);
    fl_doc_free(doc);
}

/* The graph's edges of ENTITY (2 hops) as JSON, or NULL on error. */
static char *graph_of(fl_db *db, const char *entity, const char *predicate) {
    char *json = NULL, *err = NULL;
    if (fl_graph_json(db, entity, 2, predicate, NULL, NULL, &json, &err) != FL_OK) fail_msg("graph: %s", err);
    return json;
}

/* The number the query SQL answers. */
static int64_t sql_count(fl_db *db, const char *sql) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db->sql));
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* How many rows relation_edges has (SQL count). */
static int64_t edge_rows(fl_db *db, const char *where) {
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM relation_edges WHERE %s", where);
    return sql_count(db, sql);
}

/* The graph's edges kept at ingest (relation_edges: documents, relations,
** first and last date per subject, predicate and object) are the
** relations' after each add, relink, delete and repair (fl_db_check
** compares them row for row); a batch rolled back leaves them as they
** were; the graph answers from them as from the relations, and a writer
** opening a database made before them fills them. */
static void graph_edges_follow_adds_relinks_and_deletes(void **state) {
    (void)state;
    fl_db *db = db_of_seeds();
    char *err = NULL;
    add_dated(db, "a.txt", "Aid\n\nThe United States delivered rifles to Somalia in March 2024.", "2024-03-02");
    add_dated(db, "b.txt", "Aid again\n\nThe United States delivered trucks to Somalia in May 2023.", "2023-05-02");
    assert_int_equal(fl_db_commit(db, &err), FL_OK);
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    assert_true(edge_rows(db, "date = '*'") > 0);
    assert_true(edge_rows(db, "date != '*'") > 0);
    char *kept = graph_of(db, "country:SO", NULL), *kept_pred = graph_of(db, "country:RU", "military_presence");
    assert_non_null(strstr(kept, "\"first\": \"2023-05\""));
    assert_non_null(strstr(kept, "\"last\": \"2024-03\""));

    /* A batch rolled back: as they were. */
    assert_int_equal(store_hold_begin(db, &err), FL_OK);
    add_dated(db, "c.txt", "More aid\n\nThe United States delivered boats to Somalia in 2022.", "2022-01-09");
    assert_int_equal(store_hold_end(db, FL_EDB, &err), FL_EDB);
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    char *json = graph_of(db, "country:SO", NULL);
    assert_string_equal(json, kept);
    fl_free(json);

    /* The graph without the table (counted from the relations) is the same. */
    assert_int_equal(sqlite3_exec(db->sql, "ALTER TABLE relation_edges RENAME TO kept_edges", NULL, NULL, NULL),
                     SQLITE_OK);
    json = graph_of(db, "country:SO", NULL);
    assert_string_equal(json, kept);
    fl_free(json);
    json = graph_of(db, "country:RU", "military_presence");
    assert_string_equal(json, kept_pred);
    fl_free(json);
    assert_int_equal(sqlite3_exec(db->sql, "ALTER TABLE kept_edges RENAME TO relation_edges", NULL, NULL, NULL),
                     SQLITE_OK);

    /* Relink: document 3 annotated as another text would be. */
    fl_doc *doc = NULL;
    static const char other[] = "Aid\n\nThe United States delivered rifles to Somalia in June 2021.";
    fl_meta meta = {.published = "2024-03-02"};   /* as stored: relink reads it back */
    fl_read_opts o = {.meta = &meta};
    assert_int_equal(fl_doc_from_bytes("a.txt", other, strlen(other), &o, &doc, NULL, &err), FL_OK);
    assert_int_equal(store_begin(db, &err), FL_OK);
    assert_int_equal(store_replace_annotations(db, 3, doc, &err), FL_OK);
    assert_int_equal(store_end(db, FL_OK, &err), FL_OK);
    fl_doc_free(doc);
    if (fl_db_check(db, &err) != FL_OK) fail_msg("check: %s", err);
    json = graph_of(db, "country:SO", NULL);
    assert_non_null(strstr(json, "\"first\": \"2021-06\""));
    assert_non_null(strstr(json, "\"last\": \"2023-05\""));
    fl_free(json);

    /* Deletes take the counts back, and the rows at 0 (first and last too). */
    int64_t id = 0;
    assert_int_equal(fl_db_delete(db, "3", &id, &err), FL_OK);
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    assert_int_equal(edge_rows(db, "date = '2021-06'"), 0);
    assert_int_equal(fl_db_delete(db, "4", &id, &err), FL_OK);
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    assert_int_equal(edge_rows(db, "object = 'country:SO'"), 0);

    /* Gone wrong: the check says so, repair counts again. */
    assert_int_equal(sqlite3_exec(db->sql, "DELETE FROM relation_edges WHERE date != '*'", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(fl_db_check(db, &err), FL_EDB);
    assert_non_null(strstr(err, "relation edges"));
    fl_free(err);
    err = NULL;
    assert_int_equal(fl_db_repair(db, &err), FL_OK);
    assert_int_equal(fl_db_check(db, &err), FL_OK);

    /* A database made before them gets them when a writer opens it. */
    char *seeds_only = graph_of(db, "country:RU", "military_presence");
    assert_string_equal(seeds_only, kept_pred);
    assert_int_equal(sqlite3_exec(db->sql, "DROP TABLE relation_edges", NULL, NULL, NULL), SQLITE_OK);
    fl_db_close(db);
    if (fl_db_open(db_path, &db, &err) != FL_OK) fail_msg("reopen: %s", err);
    assert_true(edge_rows(db, "date = '*'") > 0);
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    json = graph_of(db, "country:RU", "military_presence");
    assert_string_equal(json, seeds_only);
    fl_free(json);
    fl_free(seeds_only);
    fl_free(kept);
    fl_free(kept_pred);
    drop_db(db);
}

/* The counts per entity and month (entity_months) and per pair of
** entities (co_mentions, which the check compares) are the mentions'
** counts after each add, delete and repair; a batch rolled back leaves
** them as they were; the map and the entity list read them and answer as
** the mentions do, a window of days from the mentions themselves. */
static void entity_counts_follow_adds_deletes_and_rollbacks(void **state) {
    (void)state;
    fl_db *db = db_of_seeds();
    char *err = NULL, *a = NULL, *b = NULL;
    add_dated(db, "a.txt", "Russia and Libya\n\nRussia sent advisers to Libya in 2023.", "2023-05-02");
    add_dated(db, "b.txt", "Niger\n\nNiger and Russia signed an accord; Russia praised Niger.", "2024-01-20");
    add_dated(db, "c.txt", "Mali\n\nMali hosted Russian instructors.", NULL);
    assert_int_equal(fl_db_commit(db, &err), FL_OK);
    a = entity_months_text(db), b = counted_text(db);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "country:RU|2023-05|1|"));
    assert_non_null(strstr(a, "country:NE|2024-01|1|"));
    free(a), free(b);
    assert_int_equal(fl_db_check(db, &err), FL_OK);

    /* A batch rolled back: the counts are as they were. */
    char *before = entity_months_text(db);
    assert_int_equal(store_hold_begin(db, &err), FL_OK);
    add_dated(db, "d.txt", "Chad\n\nChad and Russia met; Libya too.", "2023-05-09");
    assert_int_equal(store_hold_end(db, FL_EDB, &err), FL_EDB);
    a = entity_months_text(db);
    assert_string_equal(a, before);
    free(a), free(before);
    assert_int_equal(fl_db_check(db, &err), FL_OK);   /* co_mentions too */

    /* The map's windows: by month from the counts, by day from the mentions. */
    char *json = NULL;
    const char *windows[][2] = {{"2023", "2023"}, {"2023-05", NULL}, {NULL, "2024-01"}, {"2023-05-03", NULL}};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(fl_map_json(db, NULL, NULL, windows[i][0], windows[i][1], &json, &err), FL_OK);
        json_t *v = json_loads(json, 0, NULL), *c;
        size_t k;
        json_int_t ru = -1;
        json_array_foreach(json_object_get(v, "countries"), k, c)
            if (strcmp(json_string_value(json_object_get(c, "id")), "country:RU") == 0)
                ru = json_integer_value(json_object_get(c, "documents"));
        sqlite3_stmt *st = NULL;
        static const char sql[] = "SELECT count(*) FROM mentions m JOIN documents d ON d.id = m.doc_id"
                                  " WHERE m.entity = 'country:RU' AND (?1 IS NULL OR d.published >= ?1)"
                                  " AND (?2 IS NULL OR substr(d.published, 1, length(?2)) <= ?2)";
        assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
        sqlite3_bind_text(st, 1, windows[i][0], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, windows[i][1], -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_int_equal(ru, sqlite3_column_int64(st, 0));
        assert_true(ru >= (i == 2 ? 2 : 1));   /* a.txt, b.txt or both are in each window */
        sqlite3_finalize(st);
        json_decref(v);
        fl_free(json);
    }

    /* Deletes take their counts back, and the rows they leave at 0. */
    int64_t id = 0;
    const char *refs[] = {"3", "4"};
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(fl_db_delete(db, refs[i], &id, &err), FL_OK);
        a = entity_months_text(db), b = counted_text(db);
        assert_string_equal(a, b);
        free(a), free(b);
    }
    a = entity_months_text(db);
    assert_null(strstr(a, "|2023-05|"));
    assert_null(strstr(a, "|2024-01|"));
    free(a);
    assert_int_equal(fl_db_check(db, &err), FL_OK);

    /* Counts gone wrong: check says so, repair counts again. */
    assert_int_equal(sqlite3_exec(db->sql, "UPDATE entity_months SET documents = documents + 1", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(fl_db_check(db, &err), FL_EDB);
    assert_non_null(strstr(err, "entity counts"));
    fl_free(err);
    err = NULL;
    assert_int_equal(fl_db_repair(db, &err), FL_OK);
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    assert_int_equal(sqlite3_exec(db->sql, "UPDATE co_mentions SET mentions = mentions + 1 WHERE (entity, other) IN"
                                           " (SELECT entity, other FROM co_mentions LIMIT 1)", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(fl_db_check(db, &err), FL_EDB);
    assert_non_null(strstr(err, "co-mention counts"));
    fl_free(err);
    err = NULL;
    assert_int_equal(fl_db_repair(db, &err), FL_OK);
    assert_int_equal(fl_db_check(db, &err), FL_OK);

    assert_int_equal(sqlite3_exec(db->sql, "UPDATE relation_counts SET relations = relations + 1", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(fl_db_check(db, &err), FL_EDB);
    assert_non_null(strstr(err, "relation counts"));
    fl_free(err);
    err = NULL;
    assert_int_equal(fl_db_repair(db, &err), FL_OK);
    assert_int_equal(fl_db_check(db, &err), FL_OK);

    /* The dossier's co-mentions and the map from the counts, as from the
    ** mentions and relations. */
    char *json_kept = NULL, *map_kept = NULL;
    assert_int_equal(fl_dossier_json(db, "country:RU", &json_kept, &err), FL_OK);
    assert_int_equal(fl_map_json(db, NULL, NULL, NULL, "2024", &map_kept, &err), FL_OK);

    /* A database made before the counts gets them when a writer opens it. */
    assert_int_equal(sqlite3_exec(db->sql, "DROP TABLE entity_months; DROP TABLE co_mentions;"
                                           " DROP TABLE relation_counts", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(fl_dossier_json(db, "country:RU", &json, &err), FL_OK);   /* counted from the mentions */
    assert_string_equal(json, json_kept);
    fl_free(json);
    assert_int_equal(fl_map_json(db, NULL, NULL, NULL, "2024", &json, &err), FL_OK);
    assert_string_equal(json, map_kept);
    fl_free(json);
    fl_db_close(db);
    if (fl_db_open(db_path, &db, &err) != FL_OK) fail_msg("reopen: %s", err);
    a = entity_months_text(db), b = counted_text(db);
    assert_string_equal(a, b);
    assert_true(strlen(a) > 0);
    free(a), free(b);
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    assert_int_equal(fl_dossier_json(db, "country:RU", &json, &err), FL_OK);
    assert_string_equal(json, json_kept);
    fl_free(json);
    fl_free(json_kept);
    assert_int_equal(fl_map_json(db, NULL, NULL, NULL, "2024", &json, &err), FL_OK);
    assert_string_equal(json, map_kept);
    fl_free(json);
    fl_free(map_kept);
    drop_db(db);
}

/* A dossier's relation groups as plain SQL computes them: ranked by a
** window function, grouped with DISTINCT aggregates (the query
** store_relations replaced). */
static const char relations_by_sql[] =
    "WITH rel AS (SELECT r.*, d.title, d.site_name, d.published,"
    "  row_number() OVER (PARTITION BY r.predicate, r.subject, r.object, r.modality"
    "   ORDER BY coalesce(r.date, d.published) DESC, r.doc_id DESC, r.start, r.id) AS rn"
    "  FROM relations r JOIN documents d ON d.id = r.doc_id WHERE r.subject = ?1 OR r.object = ?1)"
    " SELECT r.predicate, r.subject, se.name AS subject_name, r.object, oe.name AS object_name,"
    " r.modality, min(r.date) AS date, count(*) AS count, count(DISTINCT " INDEPENDENT_DOC("r.doc_id") ")"
    " AS documents,"
    " json_group_array(DISTINCT r.site_name) FILTER (WHERE r.site_name IS NOT NULL) AS publishers,"
    " count(DISTINCT CASE WHEN r.site_name IS NULL THEN " INDEPENDENT_DOC("r.doc_id") " END) AS unpublished,"
    " max(coalesce(r.date, r.published)) AS latest,"
    " json_group_array(json_object('doc_id', r.doc_id, 'title', r.title, 'publisher', r.site_name,"
    "   'published', r.published, 'date', r.date,"
    "   'start', r.start, 'end', r.end, 'sentence', " SPAN_TEXT("d", "r.start", "r.end") "))"
    "  FILTER (WHERE r.rn <= CAST(?2 AS INTEGER)) AS evidence"
    " FROM (SELECT * FROM rel ORDER BY predicate, subject, object, modality, rn) r"
    " JOIN documents d ON d.id = r.doc_id"
    " LEFT JOIN entities se ON se.id = r.subject LEFT JOIN entities oe ON oe.id = r.object"
    " GROUP BY r.predicate, r.subject, r.object, r.modality"
    " ORDER BY r.predicate, count DESC, r.subject, r.object, r.modality";

/* The entities at an end of a relation, a row each. */
static sqlite3_stmt *relation_ends(fl_db *db) {
    sqlite3_stmt *ids = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql,
                                        "SELECT subject FROM relations UNION SELECT object FROM relations"
                                        " WHERE object IS NOT NULL", -1, &ids, NULL), SQLITE_OK);
    return ids;
}

/* The stances the dossier read in SQL before store_relations gave them:
** one row per stance and document, oldest source first, at most 2000 (the
** relations as the indexes on their ends give them, a relation's stances
** by rowid, a row as it first came). */
static const char stances_by_sql[] =
    "SELECT DISTINCT r.predicate, r.subject, r.object, r.modality, s.holder, he.name AS holder_name,"
    " s.stance, r.doc_id, d.title, d.site_name AS publisher, d.published"
    " FROM relations r"
    " JOIN stances s ON s.relation = r.id JOIN documents d ON d.id = r.doc_id"
    " LEFT JOIN entities he ON he.id = s.holder WHERE r.subject = ?1 OR r.object = ?1"
    " ORDER BY coalesce(d.published, ''), r.doc_id LIMIT 2000";

/* The rows of SQL (?1 ID, ?2 EVIDENCE when it has one) as JSON text. */
static char *sql_rows_text(fl_db *db, const char *sql, const char *id, int evidence) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) fail_msg("%s", sqlite3_errmsg(db->sql));
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, evidence);
    json_t *a = json_array();
    while (sqlite3_step(st) == SQLITE_ROW) json_array_append_new(a, store_row_json(st));
    sqlite3_finalize(st);
    char *s = json_dumps(a, JSON_PRESERVE_ORDER);
    json_decref(a);
    return s;
}

/* The dossier's relation groups made in C (store_relations: one sort of
** the entity's relations) are those plain SQL makes, for every entity
** with relations, several sentences kept, with publishers (named and
** not) and near-duplicates counted as their original. */
static void relation_groups_equal_plain_sql(void **state) {
    (void)state;
    fl_db *db = db_of_seeds();
    char *err = NULL;
    assert_int_equal(sqlite3_exec(db->sql,
                                  "UPDATE documents SET site_name = 'Alpha Review' WHERE id = 1;"
                                  "INSERT INTO dup_links(doc_id, original_id, similarity)"
                                  " SELECT 2, 1, 0.9 WHERE NOT EXISTS (SELECT 1 FROM dup_links WHERE doc_id = 2);"
                                  "UPDATE relations SET date = NULL WHERE id % 3 = 0",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *ids = relation_ends(db);
    int entities = 0, published = 0;
    while (sqlite3_step(ids) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(ids, 0);
        entities++;
        for (int evidence = 1; evidence <= 50; evidence += 24) {
            json_t *rows = NULL;
            if (store_relations(db, id, evidence, &rows, NULL, &err) != FL_OK) fail_msg("%s: %s", id, err);
            char *c = json_dumps(rows, JSON_PRESERVE_ORDER), *sql = sql_rows_text(db, relations_by_sql, id, evidence);
            if (strcmp(c, sql) != 0) fail_msg("%s, %d sentences:\nC:   %.600s\nSQL: %.600s", id, evidence, c, sql);
            published += strstr(c, "\"Alpha Review\"") != NULL;
            free(c);
            free(sql);
            json_decref(rows);
        }
    }
    sqlite3_finalize(ids);
    assert_true(entities > 10);
    assert_true(published > 0);
    drop_db(db);
}

/* The stances toward an entity's relations, made in C from the rows of
** its relations (store_relations), are those the SQL gave: for every
** entity with relations, with stances said twice in one document (kept
** once), holders with and without a name, documents with and without a
** date, and more than the 2000 kept. */
static void stances_equal_plain_sql(void **state) {
    (void)state;
    fl_db *db = db_of_seeds();
    char *err = NULL;
    assert_int_equal(sqlite3_exec(db->sql,
                                  "UPDATE documents SET published = NULL WHERE id = 2;"
                                  "WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 299)"
                                  " INSERT INTO stances(relation, holder, stance)"
                                  " SELECT r.id, CASE WHEN n.k % 4 = 0 THEN r.subject WHEN n.k % 4 = 1 THEN NULL"
                                  "  ELSE 'person:holder-' || n.k END,"
                                  "  CASE n.k % 3 WHEN 0 THEN 'asserts' WHEN 1 THEN 'denies' ELSE 'alleges' END"
                                  " FROM relations r, n WHERE (r.id + n.k) % 3 != 0 ORDER BY random()",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *ids = relation_ends(db);
    int entities = 0, full = 0;
    while (sqlite3_step(ids) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(ids, 0);
        json_t *rows = NULL, *stances = NULL;
        if (store_relations(db, id, 1, &rows, &stances, &err) != FL_OK) fail_msg("%s: %s", id, err);
        char *c = json_dumps(stances, JSON_PRESERVE_ORDER), *sql = sql_rows_text(db, stances_by_sql, id, 0);
        if (strcmp(c, sql) != 0) fail_msg("%s:\nC:   %.600s\nSQL: %.600s", id, c, sql);
        entities++;
        full += json_array_size(stances) == 2000;
        free(c);
        free(sql);
        json_decref(rows);
        json_decref(stances);
    }
    sqlite3_finalize(ids);
    assert_true(entities > 10);
    assert_true(full > 0);
    drop_db(db);
}

/* Does the database have the index NAME? */
static int has_index_named(fl_db *db, const char *name) {
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                                        -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

/* The map's evidence of a predicate (with or without an actor) from
** relations_by_predicate is the answer of a scan of the relations, ties in
** the same order; a database made before the index gets it when a writer
** opens it, and the check accepts it. */
static void map_evidence_of_a_predicate_reads_its_index(void **state) {
    (void)state;
    fl_db *db = db_of_seeds();
    char *err = NULL, *json = NULL;
    static const char *const asks[][2] = {
        {"military_presence", NULL}, {"military_presence", "country:RU"}, {"member_of", NULL}, {"trains", "org:nato"},
    };
    enum { N_ASKS = sizeof asks / sizeof asks[0] };
    char *indexed[N_ASKS];
    assert_true(has_index_named(db, "relations_by_predicate"));
    for (int i = 0; i < N_ASKS; i++) {
        assert_int_equal(fl_map_json(db, asks[i][0], asks[i][1], NULL, NULL, &indexed[i], &err), FL_OK);
        assert_non_null(strstr(indexed[i], "\"relations_list\""));
    }
    assert_non_null(strstr(indexed[0], "\"sentence\""));
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    assert_int_equal(sqlite3_exec(db->sql, "DROP INDEX relations_by_predicate", NULL, NULL, NULL), SQLITE_OK);
    for (int i = 0; i < N_ASKS; i++) {   /* a scan of the table */
        assert_int_equal(fl_map_json(db, asks[i][0], asks[i][1], NULL, NULL, &json, &err), FL_OK);
        assert_string_equal(json, indexed[i]);
        fl_free(json);
    }
    fl_db_close(db);
    if (fl_db_open(db_path, &db, &err) != FL_OK) fail_msg("reopen: %s", err);
    assert_true(has_index_named(db, "relations_by_predicate"));
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    for (int i = 0; i < N_ASKS; i++) fl_free(indexed[i]);
    drop_db(db);
}

/* A dossier's sources read from mentions_by_count are those of the
** entity index and the mentions rows, ties in the same order; a database
** made before the index gets it when a writer opens it, and the check
** accepts it. */
static void sources_read_the_index_of_counts(void **state) {
    (void)state;
    fl_db *db = db_of_seeds();
    char *err = NULL;
    assert_true(has_index_named(db, "mentions_by_count"));
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    static const char *const ids[] = {"country:LY", "org:nato", "country:RU", "country:IT", "region:sahel"};
    enum { N_IDS = sizeof ids / sizeof ids[0] };
    json_t *indexed[N_IDS];
    for (int i = 0; i < N_IDS; i++) {
        const char *p[] = {ids[i]};
        assert_int_equal(store_rows(db, Q_SOURCES, p, 1, &indexed[i], &err), FL_OK);
        assert_true(json_array_size(indexed[i]) > 0);
    }
    assert_int_equal(sqlite3_exec(db->sql, "DROP INDEX mentions_by_count", NULL, NULL, NULL), SQLITE_OK);
    for (int i = 0; i < N_IDS; i++) {   /* the entity index, a mentions row each */
        const char *p[] = {ids[i]};
        json_t *rows = NULL;
        assert_int_equal(store_rows(db, Q_SOURCES, p, 1, &rows, &err), FL_OK);
        char *a = json_dumps(indexed[i], JSON_PRESERVE_ORDER), *b = json_dumps(rows, JSON_PRESERVE_ORDER);
        assert_string_equal(a, b);
        free(a);
        free(b);
        json_decref(rows);
        json_decref(indexed[i]);
    }
    fl_db_close(db);
    if (fl_db_open(db_path, &db, &err) != FL_OK) fail_msg("reopen: %s", err);
    assert_true(has_index_named(db, "mentions_by_count"));
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    drop_db(db);
}

/* The claims by or about EITHER (the dossier's), or about ABOUT, of KIND,
** as JSON text (each argument may be NULL). */
static char *claims_text(fl_db *db, const char *either, const char *about, const char *kind) {
    const char *p[] = {either, about, NULL, kind, "100"};
    json_t *rows = NULL;
    char *err = NULL;
    if (store_rows(db, Q_CLAIMS, p, 5, &rows, &err) != FL_OK) fail_msg("claims: %s", err);
    char *text = json_dumps(rows, JSON_PRESERVE_ORDER);
    json_decref(rows);
    return text;
}

/* Every kind of claims question about the entities IDS answers from
** claim_entities as from the mentions inside each claim's span (the table
** renamed away, store_rows tests the mentions). */
static void claims_answer_as_the_mentions_do(fl_db *db, const char *const *ids, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char *kept[3] = {claims_text(db, ids[i], NULL, NULL), claims_text(db, NULL, ids[i], NULL),
                         claims_text(db, ids[i], NULL, "quote")};
        assert_int_equal(sqlite3_exec(db->sql, "ALTER TABLE claim_entities RENAME TO kept_claims", NULL, NULL, NULL),
                         SQLITE_OK);
        char *scanned[3] = {claims_text(db, ids[i], NULL, NULL), claims_text(db, NULL, ids[i], NULL),
                            claims_text(db, ids[i], NULL, "quote")};
        assert_int_equal(sqlite3_exec(db->sql, "ALTER TABLE kept_claims RENAME TO claim_entities", NULL, NULL, NULL),
                         SQLITE_OK);
        for (int k = 0; k < 3; k++) {
            assert_string_equal(kept[k], scanned[k]);
            free(kept[k]);
            free(scanned[k]);
        }
    }
}

/* The entities inside each claim's span (claim_entities) follow adds,
** deletes, relinks and repairs (fl_db_check compares them with the
** mentions); the claims of the dossier and of `flank claims --about` read
** them and answer as the mentions do, also when a deleted document's claim
** ids are given to the claims of the next one; a writer opening a database
** made before them fills them. */
static void claim_entities_follow_adds_deletes_and_relinks(void **state) {
    (void)state;
    fl_db *db = db_of_seeds();
    char *err = NULL;
    static const char *const ids[] = {"country:RU", "country:LY", "org:nato", "person:guido-crosetto",
                                      "region:sahel", "country:IT"};
    enum { N_IDS = sizeof ids / sizeof *ids };
    add_dated(db, "a.txt", "Libya\n\n\u201cRussia will stay in Libya,\u201d said Guido Crosetto on Monday.",
              "2024-01-02");
    add_dated(db, "b.txt", "Sahel\n\nNATO officials said that Russia must leave Libya and the Sahel.", "2024-02-03");
    assert_int_equal(fl_db_commit(db, &err), FL_OK);
    if (fl_db_check(db, &err) != FL_OK) fail_msg("check: %s", err);
    char *ru = claims_text(db, "country:RU", NULL, NULL);
    assert_non_null(strstr(ru, "Russia will stay in Libya"));
    assert_non_null(strstr(ru, "must leave Libya"));
    free(ru);
    claims_answer_as_the_mentions_do(db, ids, N_IDS);

    /* The last document goes; the next one's claims take its claim ids. */
    int64_t id = 0;
    assert_int_equal(fl_db_delete(db, "4", &id, &err), FL_OK);
    if (fl_db_check(db, &err) != FL_OK) fail_msg("check: %s", err);
    add_dated(db, "c.txt", "Rome\n\nItaly's officials said that Rome must host the talks.", "2024-03-04");
    assert_int_equal(fl_db_commit(db, &err), FL_OK);
    if (fl_db_check(db, &err) != FL_OK) fail_msg("check: %s", err);
    ru = claims_text(db, "country:RU", NULL, NULL);
    assert_null(strstr(ru, "must leave Libya"));
    free(ru);
    claims_answer_as_the_mentions_do(db, ids, N_IDS);

    /* Relink: document 3 annotated as another text would be. */
    fl_doc *doc = NULL;
    static const char other[] = "Libya\n\nNATO officials said that Italy must train the coast guard of Libya.";
    fl_meta meta = {.published = "2024-01-02"};   /* as stored: relink reads it back */
    fl_read_opts o = {.meta = &meta};
    assert_int_equal(fl_doc_from_bytes("a.txt", other, strlen(other), &o, &doc, NULL, &err), FL_OK);
    assert_int_equal(store_begin(db, &err), FL_OK);
    assert_int_equal(store_replace_annotations(db, 3, doc, &err), FL_OK);
    assert_int_equal(store_end(db, FL_OK, &err), FL_OK);
    fl_doc_free(doc);
    if (fl_db_check(db, &err) != FL_OK) fail_msg("check: %s", err);
    claims_answer_as_the_mentions_do(db, ids, N_IDS);

    /* Gone wrong: the claims read the table, the check says so, repair finds them again. */
    char *kept = claims_text(db, "country:LY", NULL, NULL);
    assert_int_equal(sqlite3_exec(db->sql, "DELETE FROM claim_entities WHERE entity = 'country:LY'", NULL, NULL, NULL),
                     SQLITE_OK);
    char *stale = claims_text(db, "country:LY", NULL, NULL);
    assert_string_not_equal(stale, kept);
    free(stale);
    assert_int_equal(fl_db_check(db, &err), FL_EDB);
    assert_non_null(strstr(err, "entities of the claims"));
    fl_free(err);
    err = NULL;
    assert_int_equal(fl_db_repair(db, &err), FL_OK);
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    claims_answer_as_the_mentions_do(db, ids, N_IDS);

    /* A database made before the table gets it when a writer opens it. */
    assert_int_equal(sqlite3_exec(db->sql, "DROP TABLE claim_entities", NULL, NULL, NULL), SQLITE_OK);
    fl_db_close(db);
    if (fl_db_open(db_path, &db, &err) != FL_OK) fail_msg("reopen: %s", err);
    assert_true(has_index_named(db, "claim_entities_by_entity"));
    assert_int_equal(fl_db_check(db, &err), FL_OK);
    char *filled = claims_text(db, "country:LY", NULL, NULL);
    assert_string_equal(filled, kept);
    free(filled);
    free(kept);
    drop_db(db);
}

/* An export cursor's spans (store_export.c cuts them in C from its
** document's text) are SQLite's SPAN_TEXT of the same span, also for
** spans past the text's end, reversed or cut inside a character; the row
** is one object refilled, a member the caller added is null on the next
** row and a value the caller holds stays as it was. */
static void export_cursors_cut_spans_as_sql_does(void **state) {
    (void)state;
    fl_db *db = db_of_seeds();
    char *err = NULL;
    assert_int_equal(sqlite3_exec(db->sql,
                                  "INSERT INTO relations(doc_id, subject, predicate, object, modality, start, end)"
                                  " SELECT id, 'country:IT', 'member_of', 'org:nato', 'asserted', s, e FROM documents,"
                                  " (SELECT length(CAST(text AS BLOB)) - 4 AS s, length(CAST(text AS BLOB)) + 40 AS e"
                                  " FROM documents WHERE id = 1 UNION ALL SELECT 30, 20 UNION ALL SELECT 0, 0)"
                                  " WHERE id = 1;"
                                  " INSERT INTO claims(doc_id, kind, speaker, start, end)"
                                  " SELECT 2, 'quote', NULL, instr(CAST(text AS BLOB), x'e2') - 1,"
                                  " instr(CAST(text AS BLOB), x'e2') + 1 FROM documents WHERE id = 2"
                                  " AND instr(CAST(text AS BLOB), x'e2') > 0",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_stmt *slow = NULL;
    static const char slow_sql[] = "SELECT " SPAN_TEXT("d", "?2", "?3") " FROM documents d WHERE d.id = ?1";
    assert_int_equal(sqlite3_prepare_v2(db->sql, slow_sql, -1, &slow, NULL), SQLITE_OK);
    static const struct {
        enum store_cursor_kind kind;
        const char *span;
    } kinds[] = {{SC_RELATIONS, "sentence"}, {SC_CLAIMS, "text"}};
    store_filter all = {0};
    assert_int_equal(store_export_begin(db, &err), FL_OK);
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        store_cursor *c = NULL;
        assert_int_equal(store_cursor_open(db, kinds[k].kind, &all, &c, &err), FL_OK);
        json_t *row, *first = NULL, *held = NULL;
        json_int_t held_was = 0;
        int n = 0;
        while (store_cursor_next(c, &row, &err) == 1) {
            if (!first) {   /* a value the caller keeps is not refilled */
                first = row;
                held = json_incref(json_object_get(row, "start"));
                held_was = json_integer_value(held);
            }
            assert_ptr_equal(row, first);
            if (n) assert_true(json_is_null(json_object_get(row, "added")));
            json_object_set_new(row, "added", json_true());
            sqlite3_reset(slow);
            sqlite3_bind_int64(slow, 1, json_integer_value(json_object_get(row, "_doc")));
            sqlite3_bind_int64(slow, 2, json_integer_value(json_object_get(row, "start")));
            sqlite3_bind_int64(slow, 3, json_integer_value(json_object_get(row, "end")));
            assert_int_equal(sqlite3_step(slow), SQLITE_ROW);
            json_t *want = store_column_json(slow, 0);
            if (!want) want = json_array();
            assert_true(json_equal(json_object_get(row, kinds[k].span), want));
            json_decref(want);
            n++;
        }
        assert_true(n > 3);
        assert_int_equal(json_integer_value(held), held_was);
        json_decref(held);
        store_cursor_free(c);
    }
    store_export_end(db);
    sqlite3_finalize(slow);
    drop_db(db);
}

/* The entities of an export, each with its counts: all its rows. */
static json_t *export_entities(fl_db *db) {
    store_filter all = {0};
    store_cursor *c = NULL;
    char *err = NULL;
    json_t *rows = json_array(), *row;
    assert_int_equal(store_cursor_open(db, SC_ENTITIES, &all, &c, &err), FL_OK);
    while (store_cursor_next(c, &row, &err) == 1) json_array_append_new(rows, json_deep_copy(row));
    store_cursor_free(c);
    return rows;
}

/* An export's entity counts, read from the counts kept at ingest, are
** those counted from the mentions (a database without the kept counts). */
static void export_entity_counts_kept_agree_with_the_mentions(void **state) {
    (void)state;
    fl_db *db = db_of_seeds();
    json_t *kept = export_entities(db);
    assert_int_equal(sqlite3_exec(db->sql, "DROP TABLE entity_months", NULL, NULL, NULL), SQLITE_OK);
    json_t *counted = export_entities(db);
    assert_true(json_array_size(kept) > 3);
    assert_true(json_integer_value(json_object_get(json_array_get(kept, 0), "mentions")) > 0);
    assert_true(json_equal(kept, counted));
    json_decref(kept);
    json_decref(counted);
    drop_db(db);
}

/* The fact of an export's relation or fact ROW, as one key. */
static void fact_of_row(json_t *row, char *key, size_t n) {
    const char *object = json_string_value(json_object_get(row, "object"));
    snprintf(key, n, "%s|%s|%s|%s", json_string_value(json_object_get(row, "subject")),
             json_string_value(json_object_get(row, "predicate")), object ? object : "",
             json_string_value(json_object_get(row, "modality")));
}

/* The independent sources of each fact, as SQLite's grouped count of the
** relations WHERE takes gives them (the test's own SQL, not the store's),
** keyed as fact_of_row keys a row. */
static json_t *sources_by_sql(fl_db *db, const char *where) {
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT r.subject || '|' || r.predicate || '|' || coalesce(r.object, '') || '|' || r.modality,"
             " count(DISTINCT coalesce((SELECT coalesce(o.site_name, o.sha256) FROM dup_links l"
             " JOIN documents o ON o.id = l.original_id WHERE l.doc_id = d.id), d.site_name, d.sha256))"
             " FROM relations r JOIN documents d ON d.id = r.doc_id WHERE %s"
             " GROUP BY r.subject, r.predicate, r.object, r.modality", where);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
    json_t *counts = json_object();
    while (sqlite3_step(st) == SQLITE_ROW)
        json_object_set_new(counts, (const char *)sqlite3_column_text(st, 0),
                            json_integer(sqlite3_column_int64(st, 1)));
    sqlite3_finalize(st);
    return counts;
}

/* A fact's sources, counted in C (store_sources.c) for the relations and
** the facts cursors, are what SQLite's grouped count of the same filtered
** relations gives: near-duplicates counted as their original's publisher,
** documents without publisher each by itself, relations without object,
** facts from several documents; a relation's entities' names and types,
** read by the cursor, are those SQLite's join gives in the facts cursor,
** null for an id that names no entity. */
static void export_relation_sources_are_the_grouped_counts(void **state) {
    (void)state;
    fl_db *db = db_of_seeds();
    char *err = NULL;
    assert_int_equal(sqlite3_exec(db->sql,
                                  "INSERT INTO documents(sha256, source, title, authors, published, language, url,"
                                  " ingested_at, n_sentences, text)"
                                  " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)"
                                  " SELECT sha256 || i, source, title, authors, published, language, url,"
                                  " ingested_at, n_sentences, text FROM documents, n WHERE id = 1;"
                                  "UPDATE documents SET site_name = CASE WHEN id % 4 = 0 THEN 'Copy ' || id"
                                  " WHEN id % 3 = 0 THEN NULL ELSE 'Review ' || (id % 2) END;"
                                  "INSERT OR IGNORE INTO dup_links(doc_id, original_id, similarity)"
                                  " SELECT id, 1, 0.9 FROM documents WHERE id % 4 = 0;"
                                  "INSERT INTO relations(doc_id, subject, predicate, object, date, modality,"
                                  " start, end) SELECT d.id, r.subject, r.predicate, r.object, r.date, r.modality,"
                                  " r.start, r.end"
                                  " FROM relations r, documents d WHERE r.doc_id = 1 AND d.id > 1;"
                                  "INSERT INTO relations(doc_id, subject, predicate, object, modality, start, end)"
                                  " SELECT id, 'country:IT', 'member_of', NULL, 'asserted', 0, 4 FROM documents"
                                  " UNION ALL SELECT 1, 'country:IT', 'member_of', 'org:none', 'asserted', 0, 4",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    static const store_filter filters[] = {
        {0}, {.entity = "country:IT"}, {.predicate = "member_of"}, {.since = "2015", .until = "2023-06"},
    };
    static const char *const where[] = {
        "1", "(r.subject = 'country:IT' OR r.object = 'country:IT')", "r.predicate = 'member_of'",
        "coalesce(r.date, d.published) >= '2015' AND substr(coalesce(r.date, d.published), 1, 7) <= '2023-06'",
    };
    int several = 0, rows = 0, named = 0, unnamed = 0, n_facts = 0;
    assert_int_equal(store_export_begin(db, &err), FL_OK);
    for (size_t k = 0; k < sizeof filters / sizeof *filters; k++) {
        store_cursor *c = NULL;
        json_t *facts = json_object(), *row, *want_sources = sources_by_sql(db, where[k]);
        assert_int_equal(store_cursor_open(db, SC_FACTS, &filters[k], &c, &err), FL_OK);
        while (store_cursor_next(c, &row, &err) == 1) {
            char key[512];
            fact_of_row(row, key, sizeof key);
            if (!json_equal(json_object_get(want_sources, key), json_object_get(row, "sources")))
                fail_msg("%s: the facts cursor's sources differ from SQL's", key);
            json_object_set_new(facts, key, json_deep_copy(row));
            n_facts++;
        }
        store_cursor_free(c);
        assert_int_equal(json_object_size(facts), json_object_size(want_sources));
        assert_int_equal(store_cursor_open(db, SC_RELATIONS, &filters[k], &c, &err), FL_OK);
        while (store_cursor_next(c, &row, &err) == 1) {
            char key[512];
            fact_of_row(row, key, sizeof key);
            static const char *const same[] = {"sources", "subject_name", "subject_type", "object_name", "object_type"};
            for (size_t m = 0; m < sizeof same / sizeof *same; m++) {
                json_t *want = json_object_get(json_object_get(facts, key), same[m]);
                json_t *got = json_object_get(row, same[m]);
                if (!json_equal(want, got)) fail_msg("%s: %s differs from SQL's", key, same[m]);
            }
            several += json_integer_value(json_object_get(row, "sources")) > 1;
            named += json_is_string(json_object_get(row, "object_name"));
            unnamed += json_is_null(json_object_get(row, "object_name"));
            rows++;
        }
        store_cursor_free(c);
        json_decref(facts);
        json_decref(want_sources);
    }
    store_export_end(db);
    assert_true(rows > 20 && n_facts > 10);
    assert_true(several > 0);
    assert_true(named > 0 && unnamed > 0);
    drop_db(db);
}

/* A text over the entity stage's window (doc.c, 4 MiB) is linked a window
** at a time and keeps no words: its mentions still come in text order, a
** name of its own found in every window is one entity, the store tokenizes
** it afresh (the check re-tokenizes and agrees) and finds its last word,
** and its near-duplicate signature is the one its words would give. */
static void a_large_text_is_read_a_window_at_a_time(void **state) {
    (void)state;
    buf text;
    buf_init(&text, BUF_NO_LIMIT);
    buf_puts(&text, "Large report\n\n");
    size_t n = 0;
    for (; text.len < (9u << 19); n++) {
        char p[160];
        snprintf(p, sizeof p, "Note %zu. General Jane Kowalczyk visited NATO staff in Rome.\n\n", n);
        buf_puts(&text, p);
    }
    buf_puts(&text, "Last note: zanzibarite.\n");
    assert_int_equal(text.rc, FL_OK);
    fl_doc *doc = NULL;
    char *err = NULL, *json = NULL;
    if (fl_doc_from_bytes("large.txt", text.data, text.len, NULL, &doc, NULL, &err) != FL_OK) fail_msg("%s", err);
    assert_null(doc->words.words.data);
    assert_int_equal(doc->ents.n_locals, 1);   /* one entity, its mentions all pointing at its id */
    for (size_t i = 0; i < doc->ents.n_mentions; i++) {
        if (i) assert_true(doc->ents.mentions[i - 1].start <= doc->ents.mentions[i].start);
        const char *id = doc->ents.mentions[i].id;
        if (strstr(id, "kowalczyk")) assert_ptr_equal(id, doc->ents.locals[0].id);
    }
    assert_int_equal(fl_doc_json(doc, &json, &err), FL_OK);
    json_t *v = json_loads(json, 0, NULL), *e;
    size_t i, kowalczyk = 0, nato = 0;
    json_array_foreach(json_object_get(v, "entities"), i, e) {
        const char *id = json_string_value(json_object_get(e, "id"));
        size_t m = json_array_size(json_object_get(e, "mentions"));
        if (strstr(id, "kowalczyk")) kowalczyk++, assert_int_equal(m, n);
        if (strcmp(id, "org:nato") == 0) nato = m;
    }
    assert_int_equal(kowalczyk, 1);
    assert_int_equal(nato, n);
    json_decref(v);
    fl_free(json);

    dedup_sig a, b;
    tok_words ws;
    assert_int_equal(tok_words_make(doc->text, doc->text_len, &ws), FL_OK);
    dedup_signature(&ws, &a);
    dedup_signature_text(doc->text, doc->text_len, &b);
    tok_words_release(&ws);
    assert_true(a.shingles > 1000);
    assert_int_equal(a.shingles, b.shingles);
    assert_memory_equal(a.min, b.min, sizeof a.min);

    fl_db *db = fresh_db();
    int added;
    int64_t id = 0;
    if (fl_db_add(db, doc, &id, &added, &err) != FL_OK) fail_msg("%s", err);
    fl_doc_free(doc);
    buf_release(&text);
    if (fl_db_check(db, &err) != FL_OK) fail_msg("check: %s", err);
    json_t *res = search(db, "zanzibarite");
    assert_int_equal(json_integer_value(json_object_get(res, "total")), 1);
    json_decref(res);
    drop_db(db);
}

/* The segments of the full-text index TABLE: FTS5 files a segment's pages
** under rowids of its id shifted left by 37 (its structure and averages
** rows are below). */
static int64_t fts_segments(fl_db *db, const char *table) {
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(DISTINCT id >> 37) FROM %s_data WHERE id >> 37 > 0", table);
    return sql_count(db, sql);
}

/* A batch reaches each full-text index as one segment, written at its
** commit, whatever its documents hold: a statement that opens a savepoint
** (an INSERT ... SELECT, an INSERT OR REPLACE into a table with an index)
** made FTS5 write its pending index there, a segment per document with a
** relation or a near-duplicate (bench/README.md). */
static void a_batch_is_one_index_segment(void **state) {
    (void)state;
    fl_db *db = fresh_db();
    int added;
    char *err = NULL, path[256];
    add_seed(db, "mediterranean-blind-spot.txt", &added);
    add_seed(db, "training-missions-qa.txt", &added);
    snprintf(path, sizeof path, "%s/%s", unit_shared("corpus/seeds"), "training-missions-qa.txt");
    size_t len;
    char *text = unit_slurp(path, &len);
    buf copy;
    buf_init(&copy, BUF_NO_LIMIT);
    buf_append(&copy, text, len);
    buf_puts(&copy, "\n\nThis copy adds a closing sentence of its own.\n");
    fl_doc *doc = NULL;
    int64_t id;
    if (fl_doc_from_bytes("copy.txt", copy.data, copy.len, NULL, &doc, NULL, &err) != FL_OK) fail_msg("%s", err);
    if (fl_db_add(db, doc, &id, &added, &err) != FL_OK) fail_msg("%s", err);
    fl_doc_free(doc);
    buf_release(&copy);
    free(text);
    if (fl_db_commit(db, &err) != FL_OK) fail_msg("commit: %s", err);
    assert_true(edge_rows(db, "true") > 0);
    assert_int_equal(sql_count(db, "SELECT count(*) FROM dup_links"), 1);
    assert_int_equal(fts_segments(db, "sentences_fts"), 1);
    assert_int_equal(fts_segments(db, "entity_fts"), 1);
    drop_db(db);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stores_searches_and_dedups),
        cmocka_unit_test(searches_end_their_read_transaction),
        cmocka_unit_test(upgrades_a_version_2_database),
        cmocka_unit_test(upgrades_a_version_4_database),
        cmocka_unit_test(upgrades_a_version_3_database),
        cmocka_unit_test(words_made_once_agree_with_the_text),
        cmocka_unit_test(documents_match_across_sentences_and_titles),
        cmocka_unit_test(totals_are_estimated_past_the_window_else_exact),
        cmocka_unit_test(postings_answer_as_the_index_does),
        cmocka_unit_test(postings_follow_new_documents),
        cmocka_unit_test(highlights_are_offsets),
        cmocka_unit_test(shows_by_id_and_prefix),
        cmocka_unit_test(v2_predicates_reach_dossier_timeline_and_map),
        cmocka_unit_test(entity_counts_follow_adds_deletes_and_rollbacks),
        cmocka_unit_test(graph_edges_follow_adds_relinks_and_deletes),
        cmocka_unit_test(map_evidence_of_a_predicate_reads_its_index),
        cmocka_unit_test(stances_equal_plain_sql),
        cmocka_unit_test(sources_read_the_index_of_counts),
        cmocka_unit_test(claim_entities_follow_adds_deletes_and_relinks),
        cmocka_unit_test(relation_groups_equal_plain_sql),
        cmocka_unit_test(a_large_text_is_read_a_window_at_a_time),
        cmocka_unit_test(export_cursors_cut_spans_as_sql_does),
        cmocka_unit_test(export_entity_counts_kept_agree_with_the_mentions),
        cmocka_unit_test(export_relation_sources_are_the_grouped_counts),
        cmocka_unit_test(a_batch_is_one_index_segment),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
