/*
** fuzz_query.c: libFuzzer target for the search syntax. query_to_fts must
** either refuse the input with FL_EQUERY and a message, or produce an
** FTS5 expression that SQLite's FTS5 accepts (checked on an in-memory
** table), so no user query can reach FTS5 as a syntax error; and the
** search of a small flank database must then answer it (the store reads
** the expression again, by document), refusing only what it says it
** cannot hold (too many terms, too deep) and bytes that are not UTF-8.
*/
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flank/flank.h"
#include "query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;
static sqlite3_stmt *probe;
static fl_db *store;
static char store_path[64];

static void remove_store(void) {
    char p[80];
    fl_db_close(store);
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", store_path, (const char *[]){"", "-wal", "-shm"}[i]);
        unlink(p);
    }
}

static const char *const texts[] = {
    ("<title>Harbour notes</title><p>The port of Derna grew. Russia sought a naval base there. "
     "Fishermen sailed west.</p>"),
    "Mali ended its partnership with France. The junta turned to Russia for training.",
    "NATO's southern flank: the Mediterranean Dialogue met in Rome; U.S. ships sailed on.",
};

static void open_store(void) {
    char *err = NULL;
    snprintf(store_path, sizeof store_path, "/tmp/fuzz-query-%d.db", (int)getpid());
    unlink(store_path);
    if (fl_db_open(store_path, &store, &err) != FL_OK) abort();
    atexit(remove_store);
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        fl_doc *doc = NULL;
        int64_t id;
        int added;
        char name[16];
        snprintf(name, sizeof name, "t%zu.html", i);
        if (fl_doc_from_bytes(name, texts[i], strlen(texts[i]), NULL, &doc, NULL, &err) != FL_OK ||
            fl_db_add(store, doc, &id, &added, &err) != FL_OK)
            abort();
        fl_doc_free(doc);
    }
    if (fl_db_commit(store, &err) != FL_OK) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!db) {
        sqlite3_open(":memory:", &db);
        sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x); INSERT INTO t VALUES('a b c')", NULL, NULL, NULL);
        sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?", -1, &probe, NULL);
    }
    char *q = malloc(size + 1);
    if (!q) return 0;
    memcpy(q, data, size);
    q[size] = '\0';
    buf out, terms;
    buf_init(&out, 1 << 20);
    buf_init(&terms, 1 << 20);
    char *err = NULL;
    int rc = query_to_fts(q, &out, &terms, &err);
    if (rc == FL_OK) {
        sqlite3_reset(probe);
        sqlite3_bind_text(probe, 1, buf_cstr(&out), -1, SQLITE_STATIC);
        if (sqlite3_step(probe) != SQLITE_ROW) abort();   /* FTS5 refused what we passed */
        if (!store) open_store();
        char *json = NULL, *serr = NULL;
        int src = fl_search_json(store, q, NULL, &json, &serr);
        /* Accepted by the syntax, the search may refuse only what it says
        ** it cannot hold (too many terms, too deep) and what the syntax
        ** does not look at (bytes that are not UTF-8). */
        if (src != FL_OK && !(src == FL_EQUERY && serr && (strstr(serr, "more than") || strstr(serr, "nested") ||
                                                          strstr(serr, "not UTF-8"))))
            abort();
        fl_free(json);
        fl_free(serr);
    } else if (rc == FL_EQUERY && !err) {
        abort();   /* a refusal must say why */
    }
    free(err);
    buf_release(&out);
    buf_release(&terms);
    free(q);
    return 0;
}
