/*
** store_export.c: the stored knowledge read row by row for exports
** (store.h's cursors): entities, documents, relations, grouped facts and
** claims, each kind in one SQL statement built from the filters that are
** set and stepped one row at a time, so an export's memory does not grow
** with the database. What the rows become (JSON lines, CSV, STIX, graphs,
** briefs) is export.c's.
*/
#include "store_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "banned.h"

struct store_cursor {
    fl_db *db;
    sqlite3_stmt *st;
};

/* The documents holding a sentence that matches :fts. */
#define MATCHING_DOCS \
    "SELECT s.doc_id FROM sentences_fts f JOIN sentences s ON s.id = f.rowid WHERE sentences_fts MATCH :fts"

/* The filters on relation r of document d, as a WHERE clause. */
static void put_relation_filter(buf *sql, const store_filter *f) {
    buf_puts(sql, " WHERE 1");
    if (f->entity) buf_puts(sql, " AND (r.subject = :entity OR r.object = :entity)");
    if (f->predicate) buf_puts(sql, " AND r.predicate = :predicate");
    if (f->since) buf_puts(sql, " AND coalesce(r.date, d.published) >= :since");
    if (f->until) buf_puts(sql, " AND substr(coalesce(r.date, d.published), 1, length(:until)) <= :until");
    if (f->fts) buf_puts(sql, " AND r.doc_id IN (" MATCHING_DOCS ")");
}

/* The filters on claim c of document d, as a WHERE clause. */
static void put_claim_filter(buf *sql, const store_filter *f) {
    buf_puts(sql, " WHERE 1");
    if (f->predicate) buf_puts(sql, " AND 0");
    if (f->entity)
        buf_puts(sql, " AND (c.speaker = :entity OR c.doc_id IN (" DOCS_MENTIONING(":entity") ")"
                      " AND EXISTS (SELECT 1 FROM mentions m, json_each(m.spans) j"
                      " WHERE m.doc_id = c.doc_id AND m.entity = :entity"
                      " AND j.value ->> 0 >= c.start AND j.value ->> 1 <= c.end))");
    if (f->since) buf_puts(sql, " AND d.published >= :since");
    if (f->until) buf_puts(sql, " AND substr(d.published, 1, length(:until)) <= :until");
    if (f->fts) buf_puts(sql, " AND c.doc_id IN (" MATCHING_DOCS ")");
}

#define RELATIONS_FROM " FROM relations r JOIN documents d ON d.id = r.doc_id"
#define CLAIMS_FROM " FROM claims c JOIN documents d ON d.id = c.doc_id"

/* The filtered relations and claims as the CTEs "rel" (with each
** relation's day: its date, else its document's) and "cl". */
static void put_sets(buf *sql, const store_filter *f) {
    buf_puts(sql, "WITH rel AS (SELECT r.*, d.sha256 AS doc_sha256, d.site_name AS doc_publisher,"
                  " coalesce(r.date, d.published) AS day" RELATIONS_FROM);
    put_relation_filter(sql, f);
    buf_puts(sql, "), cl AS (SELECT c.*" CLAIMS_FROM);
    put_claim_filter(sql, f);
    buf_puts(sql, ")");
}

static int unfiltered(const store_filter *f) {
    return !f->entity && !f->predicate && !f->since && !f->until && !f->fts;
}

/* The name and type columns of the entity joined as ALIAS, for column
** prefix PREFIX ("subject": subject_name, subject_type). */
#define NAMED(alias, prefix) " " alias ".name AS " prefix "_name, " alias ".type AS " prefix "_type"

/* The document columns every relation and claim row carries. */
#define DOC_COLUMNS \
    " d.sha256 AS doc_sha256, d.title AS doc_title, d.site_name AS doc_publisher," \
    " d.published AS doc_published, d.url AS doc_url"

/* Independent sources: the distinct publishers among the filtered
** relations stating the same fact (a document without publisher counts
** by itself); a near-duplicate counts as its original (store_dedup.h). */
#define SOURCES \
    "count(DISTINCT coalesce((SELECT coalesce(o.site_name, o.sha256) FROM dup_links l" \
    " JOIN documents o ON o.id = l.original_id WHERE l.doc_id = d.id), d.site_name, d.sha256)) AS sources"

/* Relations and claims are read in document order from their doc_id
** indexes (CROSS JOIN keeps that order), sorted only within a document;
** the sources per fact are counted first, once, into a small table that
** each row looks up. Nothing is sorted whole, so an export's memory does
** not grow with the database. */
/* The stances toward relation r, as a JSON array (stance.h): an empty one
** from a database made before stances. */
#define STANCES_OF_R \
    " (SELECT json_group_array(json_object('holder', s.holder, 'holder_name', he.name, 'stance', s.stance))" \
    " FROM stances s LEFT JOIN entities he ON he.id = s.holder WHERE s.relation = r.id) AS stances"
#define NO_STANCES " '[]' AS stances"

static void put_sql(buf *sql, enum store_cursor_kind kind, const store_filter *f, int stances) {
    switch (kind) {
    case SC_ENTITIES:
        put_sets(sql, f);
        buf_puts(sql, ", ids(id) AS (SELECT subject FROM rel UNION SELECT object FROM rel WHERE object IS NOT NULL"
                      " UNION SELECT speaker FROM cl WHERE speaker IS NOT NULL");
        if (f->entity) buf_puts(sql, " UNION SELECT :entity");
        buf_puts(sql, "), counts AS (SELECT m.entity, sum(m.count) AS mentions, count(*) AS documents"
                      " FROM mentions m WHERE m.entity IN ids GROUP BY m.entity)"
                      " SELECT e.id, e.name, e.type, coalesce(n.mentions, 0) AS mentions,"
                      " coalesce(n.documents, 0) AS documents"
                      " FROM ids JOIN entities e ON e.id = ids.id LEFT JOIN counts n ON n.entity = e.id"
                      " ORDER BY e.id");
        break;
    case SC_DOCUMENTS:
        put_sets(sql, f);
        buf_puts(sql, " SELECT d.id AS _doc, d.sha256, d.title, d.authors, d.published, d.site_name AS publisher,"
                      " d.url, d.source, d.language");
        buf_puts(sql, f->texts ? ", d.text FROM documents d" : " FROM documents d");
        if (!unfiltered(f)) buf_puts(sql, " WHERE d.id IN (SELECT doc_id FROM rel UNION SELECT doc_id FROM cl)");
        buf_puts(sql, " ORDER BY d.id");
        break;
    case SC_RELATIONS:
        /* Unfiltered, the relations are read in the order they were
        ** written, so that their documents are read in order too: through
        ** the subject index, each relation's document is a random page
        ** (twice the time, most of it in reads at 20,000 documents). */
        buf_puts(sql, "WITH src AS MATERIALIZED (SELECT r.subject, r.predicate, coalesce(r.object, '') AS object,"
                      " r.modality, " SOURCES);
        buf_puts(sql, unfiltered(f) ? " FROM relations r NOT INDEXED CROSS JOIN documents d ON d.id = r.doc_id"
                                    : RELATIONS_FROM);
        put_relation_filter(sql, f);
        buf_puts(sql, " GROUP BY 1, 2, 3, 4)"
                      " SELECT r.doc_id AS _doc, r.subject," NAMED("se", "subject") ", r.predicate, r.object,"
                      NAMED("oe", "object") ", r.modality, r.date,"
                      " " SPAN_TEXT("d", "r.start", "r.end") " AS sentence, r.start, r.end," DOC_COLUMNS
                      ", src.sources,");
        buf_puts(sql, stances ? STANCES_OF_R : NO_STANCES);
        buf_puts(sql, " FROM relations r CROSS JOIN documents d ON d.id = r.doc_id"
                      " LEFT JOIN entities se ON se.id = r.subject LEFT JOIN entities oe ON oe.id = r.object"
                      " LEFT JOIN src ON src.subject = r.subject AND src.predicate = r.predicate"
                      " AND src.object = coalesce(r.object, '') AND src.modality = r.modality");
        put_relation_filter(sql, f);
        buf_puts(sql, " ORDER BY r.doc_id, r.start, r.end, r.id");
        break;
    case SC_FACTS:
        buf_puts(sql, "SELECT r.subject," NAMED("se", "subject") ", r.predicate, r.object," NAMED("oe", "object")
                      ", r.modality, min(coalesce(r.date, d.published)) AS first,"
                      " max(coalesce(r.date, d.published)) AS last, count(*) AS count, " SOURCES RELATIONS_FROM
                      " LEFT JOIN entities se ON se.id = r.subject LEFT JOIN entities oe ON oe.id = r.object");
        put_relation_filter(sql, f);
        buf_puts(sql, " GROUP BY r.subject, r.predicate, r.object, r.modality"
                      " ORDER BY r.subject, r.predicate, r.object, r.modality");
        break;
    case SC_CLAIMS:
        buf_puts(sql, "SELECT c.doc_id AS _doc, c.kind, c.speaker, se.name AS speaker_name,"
                      " " SPAN_TEXT("d", "c.start", "c.end") " AS text, c.start, c.end," DOC_COLUMNS
                      " FROM claims c CROSS JOIN documents d ON d.id = c.doc_id"
                      " LEFT JOIN entities se ON se.id = c.speaker");
        put_claim_filter(sql, f);
        buf_puts(sql, " ORDER BY c.doc_id, c.start, c.end, c.id");
        break;
    }
}

static void bind_named(sqlite3_stmt *st, const char *name, const char *value) {
    int i = sqlite3_bind_parameter_index(st, name);
    if (i) sqlite3_bind_text(st, i, value, -1, SQLITE_STATIC);
}

int store_cursor_open(fl_db *db, enum store_cursor_kind kind, const store_filter *f, store_cursor **out,
                      char **errmsg) {
    *out = NULL;
    buf sql;
    buf_init(&sql, BUF_NO_LIMIT);
    put_sql(&sql, kind, f, store_has_table(db, "stances"));
    if (sql.rc != FL_OK) {
        buf_release(&sql);
        return err_set(errmsg, sql.rc, "out of memory");
    }
    store_cursor *c = calloc(1, sizeof *c);
    if (!c) {
        buf_release(&sql);
        return err_set(errmsg, FL_ENOMEM, "out of memory");
    }
    c->db = db;
    int r = sqlite3_prepare_v2(db->sql, sql.data, (int)sql.len, &c->st, NULL);
    buf_release(&sql);
    if (r != SQLITE_OK) {
        int rc = store_db_error(db, errmsg, "export");
        store_cursor_free(c);
        return rc;
    }
    bind_named(c->st, ":entity", f->entity);
    bind_named(c->st, ":predicate", f->predicate);
    bind_named(c->st, ":since", f->since);
    bind_named(c->st, ":until", f->until);
    bind_named(c->st, ":fts", f->fts);
    *out = c;
    return FL_OK;
}

int store_cursor_next(store_cursor *c, json_t **row, char **errmsg) {
    *row = NULL;
    int r = sqlite3_step(c->st);
    if (r == SQLITE_ROW) {
        *row = store_row_json(c->st);
        return 1;
    }
    if (r == SQLITE_DONE) return 0;
    store_db_error(c->db, errmsg, "export");
    return -1;
}

int store_export_begin(fl_db *db, char **errmsg) {
    if (sqlite3_exec(db->sql, STREAM_CACHE "; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "export");
    return FL_OK;
}

void store_export_end(fl_db *db) {
    sqlite3_exec(db->sql, "COMMIT; " CACHE_PAGES, NULL, NULL, NULL);
}

void store_cursor_free(store_cursor *c) {
    if (!c) return;
    sqlite3_finalize(c->st);
    free(c);
}
