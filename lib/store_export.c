/*
** store_export.c: the stored knowledge read row by row for exports
** (store.h's cursors): entities, documents, relations, grouped facts and
** claims, each kind in one SQL statement built from the filters that are
** set and stepped one row at a time, so an export's memory does not grow
** with the database; the spans of relations and claims cut from their
** document's text here, a relation's entity names and types read here
** once per entity, its fact's sources counted before its first row
** (store_sources.c), and each row one object refilled in place (struct
** store_cursor). What the rows become (JSON lines, CSV, STIX, graphs,
** briefs) is export.c's.
*/
#include "store_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "store_sources.h"
#include "banned.h"

/* How a column becomes a row member. */
enum col_kind {
    COL_PLAIN,   /* as SQLite holds it (store_column_json) */
    COL_JSON,    /* JSON text, parsed */
    COL_TEXT,    /* a document's text, checked as UTF-8 when stored */
    COL_SPAN,    /* the bytes [start, end) of the row's document's text */
    COL_SOURCES, /* the row's fact's independent sources (store_sources.h) */
    COL_NAME,    /* the name of the entity the row's subject or object is */
    COL_TYPE     /* its type */
};

/* A cursor's row is one object, refilled for every row: its members are
** reached through iterators kept from the first row, so a row costs no
** object, no hash of a key and no copy of a key. A relation's sentence and
** a claim's text are cut here from their document's text, read once per
** document (TEXT_ST stays on it), instead of SQLite reading the whole
** text again for every span. */
struct store_cursor {
    fl_db *db;
    sqlite3_stmt *st;
    int n_cols;
    unsigned char *kind;     /* enum col_kind of each column */
    void **member;           /* each column's member of ROW (json_object_iter) */
    json_t *row;
    size_t n_members;        /* members of ROW once filled (callers may add more) */
    int doc_col, start_col, end_col;
    sqlite3_stmt *text_st;   /* the text of document TEXT_DOC, as its row */
    sqlite3_int64 text_doc;
    store_sources *sources;  /* a relation's fact's sources, counted when opened */
    int fact_col[4];         /* its subject, predicate, object and modality */
    int *id_col;             /* a COL_NAME or COL_TYPE column's entity id column */
    json_t *entities;        /* the entities read so far: id -> [name, type] */
    sqlite3_stmt *entity_st; /* an entity's name and type */
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

/* The same for a relation's subject or object, filled by the cursor from
** the entities it has read, each once (entity_of): two lookups in SQLite
** for each relation cost more. */
#define ENTITY_OF(prefix) " NULL AS " prefix "_name, NULL AS " prefix "_type"

/* The document columns every relation and claim row carries. */
#define DOC_COLUMNS \
    " d.sha256 AS doc_sha256, d.title AS doc_title, d.site_name AS doc_publisher," \
    " d.published AS doc_published, d.url AS doc_url"

/* A span's text, cut by the cursor from its document's text (the column
** before start and end; see struct store_cursor). */
#define SPAN_CUT "NULL"

/* Relations and claims are read in document order from their doc_id
** indexes (CROSS JOIN keeps that order), sorted only within a document;
** the sources per fact of relations and facts are counted first, once,
** in C (store_sources.h), and each row looks its fact up
** (SOURCES_OF_FACT). Nothing is sorted whole, so an export's memory does
** not grow with the database. */
#define SOURCES_OF_FACT "NULL"
/* The stances toward relation r, as a JSON array (stance.h): an empty one
** from a database made before stances. */
#define STANCES_OF_R \
    " (SELECT json_group_array(json_object('holder', s.holder, 'holder_name', he.name, 'stance', s.stance))" \
    " FROM stances s LEFT JOIN entities he ON he.id = s.holder WHERE s.relation = r.id) AS stances"
#define NO_STANCES " '[]' AS stances"

/* Each entity's mentions and documents in the whole database, for the
** entities in "ids": summed from the counts kept at ingest (entity_months,
** store_sqlite.c), a few rows an entity, when the database has them,
** instead of reading every mention row with its spans (three times the
** time). An older flank writing to the database leaves those counts
** behind, as it does for the entity list and the map ('flank check' says
** so and --repair counts again); a database without them counts here. */
#define ENTITY_COUNTS_KEPT \
    "), counts AS (SELECT m.entity, sum(m.mentions) AS mentions, sum(m.documents) AS documents" \
    " FROM entity_months m WHERE m.entity IN ids GROUP BY m.entity"
#define ENTITY_COUNTS_COUNTED \
    "), counts AS (SELECT m.entity, sum(m.count) AS mentions, count(*) AS documents" \
    " FROM mentions m WHERE m.entity IN ids GROUP BY m.entity"

static void put_sql(buf *sql, enum store_cursor_kind kind, const store_filter *f, int stances, int months) {
    switch (kind) {
    case SC_ENTITIES:
        put_sets(sql, f);
        buf_puts(sql, ", ids(id) AS (SELECT subject FROM rel UNION SELECT object FROM rel WHERE object IS NOT NULL"
                      " UNION SELECT speaker FROM cl WHERE speaker IS NOT NULL");
        if (f->entity) buf_puts(sql, " UNION SELECT :entity");
        buf_puts(sql, months ? ENTITY_COUNTS_KEPT : ENTITY_COUNTS_COUNTED);
        buf_puts(sql, ")"
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
        buf_puts(sql, "SELECT r.doc_id AS _doc, r.subject," ENTITY_OF("subject") ", r.predicate, r.object,"
                      ENTITY_OF("object") ", r.modality, r.date,"
                      " " SPAN_CUT " AS sentence, r.start, r.end," DOC_COLUMNS
                      ", " SOURCES_OF_FACT " AS sources,");
        buf_puts(sql, stances ? STANCES_OF_R : NO_STANCES);
        buf_puts(sql, " FROM relations r CROSS JOIN documents d ON d.id = r.doc_id");
        put_relation_filter(sql, f);
        buf_puts(sql, " ORDER BY r.doc_id, r.start, r.end, r.id");
        break;
    case SC_FACTS:
        buf_puts(sql, "SELECT r.subject," NAMED("se", "subject") ", r.predicate, r.object," NAMED("oe", "object")
                      ", r.modality, min(coalesce(r.date, d.published)) AS first,"
                      " max(coalesce(r.date, d.published)) AS last, count(*) AS count, " SOURCES_OF_FACT
                      " AS sources" RELATIONS_FROM
                      " LEFT JOIN entities se ON se.id = r.subject LEFT JOIN entities oe ON oe.id = r.object");
        put_relation_filter(sql, f);
        buf_puts(sql, " GROUP BY r.subject, r.predicate, r.object, r.modality"
                      " ORDER BY r.subject, r.predicate, r.object, r.modality");
        break;
    case SC_CLAIMS:
        buf_puts(sql, "SELECT c.doc_id AS _doc, c.kind, c.speaker, se.name AS speaker_name,"
                      " " SPAN_CUT " AS text, c.start, c.end," DOC_COLUMNS
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

static void bind_filter(sqlite3_stmt *st, const store_filter *f) {
    bind_named(st, ":entity", f->entity);
    bind_named(st, ":predicate", f->predicate);
    bind_named(st, ":since", f->since);
    bind_named(st, ":until", f->until);
    bind_named(st, ":fts", f->fts);
}

/* The index of NAME in NAMES, or -1. */
static int name_index(const char *name, const char *const *names) {
    for (int i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0) return i;
    return -1;
}

/* Whether rows of KIND carry their fact's sources. */
static int has_sources(enum store_cursor_kind kind) { return kind == SC_RELATIONS || kind == SC_FACTS; }

/* The sources of each fact among the relations F takes, counted for the
** cursor's rows (struct store_cursor); read in the order they were
** written when unfiltered, as SC_RELATIONS reads them. */
static int count_sources(store_cursor *c, const store_filter *f, char **errmsg) {
    buf sql;
    buf_init(&sql, BUF_NO_LIMIT);
    buf_puts(&sql, "SELECT r.doc_id, r.subject, r.predicate, coalesce(r.object, ''), r.modality,"
                   " d.site_name, d.sha256");
    buf_puts(&sql, unfiltered(f) ? " FROM relations r NOT INDEXED CROSS JOIN documents d ON d.id = r.doc_id"
                                 : RELATIONS_FROM);
    put_relation_filter(&sql, f);
    if (sql.rc != FL_OK) {
        buf_release(&sql);
        return err_set(errmsg, FL_ENOMEM, "out of memory");
    }
    sqlite3_stmt *st = NULL;
    int r = sqlite3_prepare_v2(c->db->sql, sql.data, (int)sql.len, &st, NULL);
    buf_release(&sql);
    if (r != SQLITE_OK) return store_db_error(c->db, errmsg, "export");
    bind_filter(st, f);
    int rc = store_sources_count(c->db, st, &c->sources, errmsg);
    sqlite3_finalize(st);
    return rc;
}

/* Which columns are what (struct store_cursor); FL_OK or FL_ENOMEM. */
static int read_columns(store_cursor *c, enum store_cursor_kind kind) {
    static const char *const json_cols[] = {"authors", "stances", NULL};   /* an export's JSON columns */
    static const char *const fact_cols[] = {"subject", "predicate", "object", "modality", NULL};
    static const char *const entity_cols[] = {"subject_name", "subject_type", "object_name", "object_type", NULL};
    const char *span = kind == SC_RELATIONS ? "sentence" : kind == SC_CLAIMS ? "text" : NULL;
    c->n_cols = sqlite3_column_count(c->st);
    c->kind = calloc((size_t)c->n_cols + 1, 1);
    c->member = calloc((size_t)c->n_cols + 1, sizeof *c->member);
    c->id_col = calloc((size_t)c->n_cols + 1, sizeof *c->id_col);
    if (!c->kind || !c->member || !c->id_col) return FL_ENOMEM;
    c->doc_col = c->start_col = c->end_col = -1;
    for (int k = 0; k < 4; k++) c->fact_col[k] = -1;
    for (int i = 0; i < c->n_cols; i++) {
        const char *name = sqlite3_column_name(c->st, i);
        c->kind[i] = span && strcmp(name, span) == 0 ? COL_SPAN
                   : strcmp(name, "text") == 0      ? COL_TEXT
                   : name_index(name, json_cols) >= 0 ? COL_JSON
                   : has_sources(kind) && strcmp(name, "sources") == 0 ? COL_SOURCES
                                                    : COL_PLAIN;
        int fact = name_index(name, fact_cols), entity = name_index(name, entity_cols);
        if (fact >= 0) c->fact_col[fact] = i;
        if (kind == SC_RELATIONS && entity >= 0) {
            c->kind[i] = entity % 2 ? COL_TYPE : COL_NAME;
            c->id_col[i] = entity / 2 * 2;   /* subject's or object's place in fact_cols */
        }
        if (strcmp(name, "_doc") == 0) c->doc_col = i;
        if (strcmp(name, "start") == 0) c->start_col = i;
        if (strcmp(name, "end") == 0) c->end_col = i;
    }
    for (int i = 0; i < c->n_cols; i++) {   /* the id columns, now that all are known */
        if (c->kind[i] != COL_NAME && c->kind[i] != COL_TYPE) continue;
        c->id_col[i] = c->fact_col[c->id_col[i]];
        if (c->id_col[i] < 0) c->kind[i] = COL_PLAIN;
    }
    return FL_OK;
}

int store_cursor_open(fl_db *db, enum store_cursor_kind kind, const store_filter *f, store_cursor **out,
                      char **errmsg) {
    *out = NULL;
    buf sql;
    buf_init(&sql, BUF_NO_LIMIT);
    put_sql(&sql, kind, f, store_has_table(db, "stances"), kind == SC_ENTITIES && store_has_table(db, "entity_months"));
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
    if (r == SQLITE_OK && (kind == SC_RELATIONS || kind == SC_CLAIMS))
        r = sqlite3_prepare_v2(db->sql, "SELECT text FROM documents WHERE id = ?1", -1, &c->text_st, NULL);
    if (r == SQLITE_OK && kind == SC_RELATIONS) {
        r = sqlite3_prepare_v2(db->sql, "SELECT name, type FROM entities WHERE id = ?1", -1, &c->entity_st, NULL);
        c->entities = json_object();
    }
    if (r != SQLITE_OK) {
        int rc = store_db_error(db, errmsg, "export");
        store_cursor_free(c);
        return rc;
    }
    if (read_columns(c, kind) != FL_OK) {
        store_cursor_free(c);
        return err_set(errmsg, FL_ENOMEM, "out of memory");
    }
    bind_filter(c->st, f);
    int rc = has_sources(kind) ? count_sources(c, f, errmsg) : FL_OK;
    if (rc != FL_OK) {
        store_cursor_free(c);
        return rc;
    }
    *out = c;
    return FL_OK;
}

/* The text of the row's document, read when the document changes: what
** SPAN_TEXT would read once for every span. */
static const char *doc_text(store_cursor *c, size_t *n) {
    sqlite3_int64 doc = c->doc_col >= 0 ? sqlite3_column_int64(c->st, c->doc_col) : 0;
    if (doc != c->text_doc || !sqlite3_stmt_busy(c->text_st)) {
        sqlite3_reset(c->text_st);
        sqlite3_bind_int64(c->text_st, 1, doc);
        c->text_doc = doc;
        if (sqlite3_step(c->text_st) != SQLITE_ROW) {
            sqlite3_reset(c->text_st);
            *n = 0;
            return "";
        }
    }
    const char *t = sqlite3_column_blob(c->text_st, 0);
    *n = (size_t)sqlite3_column_bytes(c->text_st, 0);
    return t ? t : "";
}

/* The span [start, end) of the row's document's text, as SPAN_TEXT
** (store_int.h) gives it: bytes, clamped to the text, reversed ends
** swapped as substr() does; a cut inside a character is not UTF-8 and
** becomes an empty array, as store_row_json makes of it. */
static json_t *span_value(store_cursor *c) {
    if (c->start_col < 0 || c->end_col < 0 || sqlite3_column_type(c->st, c->start_col) == SQLITE_NULL ||
        sqlite3_column_type(c->st, c->end_col) == SQLITE_NULL)
        return json_null();
    sqlite3_int64 a = sqlite3_column_int64(c->st, c->start_col), b = sqlite3_column_int64(c->st, c->end_col);
    if (b < a) {
        sqlite3_int64 t = a;
        a = b;
        b = t;
    }
    size_t n;
    const char *text = doc_text(c, &n);
    size_t lo = a < 0 ? 0 : (size_t)a > n ? n : (size_t)a, hi = b < 0 ? 0 : (size_t)b > n ? n : (size_t)b;
    return json_stringn(text + lo, hi - lo);
}

/* The name (FIELD 0) or type (1) of the entity in column ID_COL of the
** row, shared with the cursor's table of entities (struct store_cursor),
** read into it the first time: null when the column is null or names no
** entity, as a LEFT JOIN would give it; NULL out of memory. */
static json_t *entity_of(store_cursor *c, int id_col, int field) {
    const char *id = (const char *)sqlite3_column_text(c->st, id_col);
    if (!id) return json_null();
    json_t *e = json_object_get(c->entities, id);
    if (!e) {
        sqlite3_reset(c->entity_st);
        sqlite3_bind_text(c->entity_st, 1, id, -1, SQLITE_STATIC);
        int found = sqlite3_step(c->entity_st) == SQLITE_ROW;
        e = json_array();
        for (int k = 0; k < 2; k++) {   /* as fill_row makes a value: text not UTF-8 is [] */
            json_t *v = found ? store_column_json(c->entity_st, k) : json_null();
            json_array_append_new(e, v ? v : json_array());
        }
        sqlite3_reset(c->entity_st);
        if (json_array_size(e) != 2 || json_object_set_new_nocheck(c->entities, id, e) != 0) return NULL;
    }
    return json_incref(json_array_get(e, (size_t)field));
}

/* The sources of the row's fact, or -1 (no fact, as a LEFT JOIN would
** give it). */
static long row_sources(store_cursor *c) {
    const char *fact[4];
    for (int k = 0; k < 4; k++) {
        fact[k] = c->fact_col[k] < 0 ? NULL : (const char *)sqlite3_column_text(c->st, c->fact_col[k]);
        if (!fact[k]) fact[k] = "";
    }
    return c->sources ? store_sources_of(c->sources, fact) : -1;
}

static json_t *column_value(store_cursor *c, int i) {
    int is_text = sqlite3_column_type(c->st, i) == SQLITE_TEXT;
    const char *t;
    switch (c->kind[i]) {
    case COL_SPAN: return span_value(c);
    case COL_SOURCES: {
        long n = row_sources(c);
        return n < 0 ? json_null() : json_integer(n);
    }
    case COL_NAME:
    case COL_TYPE: return entity_of(c, c->id_col[i], c->kind[i] == COL_TYPE);
    case COL_JSON:
        if (!is_text) break;
        t = (const char *)sqlite3_column_text(c->st, i);
        /* most relations have no stances: no parse for those */
        return strcmp(t, "[]") == 0 ? json_array() : json_loads(t, 0, NULL);
    case COL_TEXT:   /* a document's text was checked as UTF-8 when stored */
        if (!is_text) break;
        return json_stringn_nocheck((const char *)sqlite3_column_text(c->st, i),
                                    (size_t)sqlite3_column_bytes(c->st, i));
    }
    return store_column_json(c->st, i);
}

/* Column I of the current row into OLD, a plain column's value on the
** last row, in place when no one else holds it: an integer set, a string
** kept when it is the same (a document's columns on each of its
** relations) or set, checked as UTF-8 as store_column_json checks it. 1
** when done, 0 when the column needs a new value. */
static int refill(sqlite3_stmt *st, int i, json_t *old) {
    if (!old || old->refcount != 1) return 0;
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER: return json_is_integer(old) && json_integer_set(old, sqlite3_column_int64(st, i)) == 0;
    case SQLITE_TEXT: {
        const char *t = (const char *)sqlite3_column_text(st, i);
        size_t n = (size_t)sqlite3_column_bytes(st, i);
        if (!json_is_string(old)) return 0;
        if (json_string_length(old) == n && memcmp(json_string_value(old), t, n) == 0) return 1;
        return json_string_setn(old, t, n) == 0;
    }
    default: return 0;
    }
}

/* The current row into C->row: made on the first row, its members
** refilled or replaced on the next ones; members a caller added become
** null. */
static int fill_row(store_cursor *c) {
    if (!c->row) {
        c->row = json_object();
        for (int i = 0; c->row && i < c->n_cols; i++) {
            json_t *v = column_value(c, i);
            if (json_object_set_new(c->row, sqlite3_column_name(c->st, i), v ? v : json_array()) != 0) return -1;
        }
        for (int i = 0; c->row && i < c->n_cols; i++)
            c->member[i] = json_object_iter_at(c->row, sqlite3_column_name(c->st, i));
        c->n_members = json_object_size(c->row);
        return c->row ? 0 : -1;
    }
    if (json_object_size(c->row) > c->n_members) {
        void *it = json_object_iter(c->row);
        for (size_t k = 0; k < c->n_members; k++) it = json_object_iter_next(c->row, it);
        for (; it; it = json_object_iter_next(c->row, it)) json_object_iter_set_new(c->row, it, json_null());
    }
    for (int i = 0; i < c->n_cols; i++) {
        if (c->kind[i] == COL_PLAIN && refill(c->st, i, json_object_iter_value(c->member[i]))) continue;
        json_t *v = column_value(c, i);
        if (json_object_iter_set_new(c->row, c->member[i], v ? v : json_array()) != 0) return -1;
    }
    return 0;
}

int store_cursor_next(store_cursor *c, json_t **row, char **errmsg) {
    *row = NULL;
    if (c->row && c->row->refcount > 1) {   /* a caller kept the last row: leave it be */
        json_decref(c->row);
        c->row = NULL;
    }
    int r = sqlite3_step(c->st);
    if (r == SQLITE_ROW) {
        if (fill_row(c) != 0) {
            err_set(errmsg, FL_ENOMEM, "out of memory");
            return -1;
        }
        *row = c->row;
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
    sqlite3_finalize(c->text_st);
    store_sources_free(c->sources);
    sqlite3_finalize(c->entity_st);
    json_decref(c->entities);
    free(c->id_col);
    json_decref(c->row);
    free(c->kind);
    free(c->member);
    free(c);
}
