/*
** fuzz_query.c: libFuzzer target for the search syntax. query_to_fts must
** either refuse the input with FL_EQUERY and a message, or produce an
** FTS5 expression that SQLite's FTS5 accepts (checked on an in-memory
** table), so no user query can reach FTS5 as a syntax error.
*/
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flank/flank.h"
#include "query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;
static sqlite3_stmt *probe;

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
    } else if (rc == FL_EQUERY && !err) {
        abort();   /* a refusal must say why */
    }
    free(err);
    buf_release(&out);
    buf_release(&terms);
    free(q);
    return 0;
}
