/*
** store_relations.c: a dossier's relations (store_relations, store.h):
** the relations with an entity at either end, grouped by predicate,
** subject, object and modality, with their counts, sources and newest
** sentences. The rows are read once, through the indexes on the relations'
** ends, and grouped in C after one sort; the SQL it replaced ranked them
** with a window function, then grouped them again with DISTINCT
** aggregates and a subquery per relation for its original document,
** and cut each kept sentence from its document's whole text again
** (130-280 ms for an entity in most of 20,000 documents; this file about
** 50, bench/README.md). The stances toward those relations come from the
** same rows, the stances themselves found through the relations' ids: the
** SQL they replace read the 13,000 relations and their dates a second time
** (28 -> 5 ms). It does not own the dossier's other parts (query.c) nor the
** grouping by counterpart for the web page (browse.c).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "store_int.h"
#include "banned.h"

/* A relation's row. Text columns are offsets into the arena (NO_TEXT:
** NULL), resolved once all rows are read, as the arena moves while it
** grows. */
#define NO_TEXT SIZE_MAX

typedef struct rel_row {
    int64_t id, doc, original, start, end;   /* original: the document it copies, else doc (store_dedup.h) */
    union {
        size_t at;
        const char *s;
    } pred, subj, obj, mod, date, site, published, when;   /* when: date, else published */
} rel_row;

typedef struct rel_rows {
    rel_row *row;
    size_t n, cap;
    buf arena;
} rel_rows;

/* NULL sorts before any text, as in SQL. */
static int cmp_text(const char *a, const char *b) {
    if (!a || !b) return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int cmp_key(const rel_row *x, const rel_row *y) {
    int c = strcmp(x->pred.s, y->pred.s);
    if (!c) c = strcmp(x->subj.s, y->subj.s);
    if (!c) c = cmp_text(x->obj.s, y->obj.s);
    if (!c) c = strcmp(x->mod.s, y->mod.s);
    return c;
}

/* By group, then newest first (relation date, else publication date;
** then document, place in it and id), the order a group's sentences are
** kept in. */
static int by_group_newest(const void *a, const void *b) {
    const rel_row *x = a, *y = b;
    int c = cmp_key(x, y);
    if (!c) c = -cmp_text(x->when.s, y->when.s);
    if (!c && x->doc != y->doc) c = x->doc < y->doc ? 1 : -1;
    if (!c && x->start != y->start) c = x->start < y->start ? -1 : 1;
    if (!c && x->id != y->id) c = x->id < y->id ? -1 : 1;
    return c;
}

static int by_int(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Column COL of ST appended to ARENA: its offset there, or NO_TEXT. */
static size_t keep_text(buf *arena, sqlite3_stmt *st, int col) {
    if (sqlite3_column_type(st, col) == SQLITE_NULL) return NO_TEXT;
    size_t at = arena->len;
    buf_append(arena, sqlite3_column_text(st, col), (size_t)sqlite3_column_bytes(st, col));
    buf_putc(arena, '\0');
    return at;
}

static const char *text_at(rel_rows *r, size_t at) { return at == NO_TEXT ? NULL : r->arena.data + at; }

/* The relations with ID at either end, with their document's publisher,
** publication date and original, into R. */
static int read_rows(fl_db *db, const char *id, rel_rows *r, char **errmsg) {
#define READ_ROWS(documents) \
    "SELECT r.id, r.doc_id, coalesce(l.original_id, r.doc_id), r.start, r.end, r.predicate, r.subject," \
    " r.object, r.modality, r.date, d.site_name, d.published FROM relations r JOIN " documents \
    " ON d.id = r.doc_id LEFT JOIN dup_links l ON l.doc_id = r.doc_id WHERE r.subject = ?1 OR r.object = ?1"
    /* publisher and date from the narrow index where there is one, not
    ** from a page of the documents table per relation (19 vs 60 ms for
    ** 13,000 relations at 20,000 documents) */
    const char *sql = store_has_index(db, "documents_meta") ? READ_ROWS("documents d INDEXED BY documents_meta")
                                                            : READ_ROWS("documents d");
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) return store_db_error(db, errmsg, "relations");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (r->n == r->cap && array_grow(&r->row, &r->cap, sizeof *r->row, 256) != FL_OK) break;
        rel_row *x = &r->row[r->n++];
        x->id = sqlite3_column_int64(st, 0);
        x->doc = sqlite3_column_int64(st, 1);
        x->original = sqlite3_column_int64(st, 2);
        x->start = sqlite3_column_int64(st, 3);
        x->end = sqlite3_column_int64(st, 4);
        x->pred.at = keep_text(&r->arena, st, 5);
        x->subj.at = keep_text(&r->arena, st, 6);
        x->obj.at = keep_text(&r->arena, st, 7);
        x->mod.at = keep_text(&r->arena, st, 8);
        x->date.at = keep_text(&r->arena, st, 9);
        x->site.at = keep_text(&r->arena, st, 10);
        x->published.at = keep_text(&r->arena, st, 11);
    }
    sqlite3_finalize(st);
    if (s == SQLITE_ROW || r->arena.rc != FL_OK) return err_set(errmsg, FL_ENOMEM, "out of memory");
    if (s != SQLITE_DONE) return store_db_error(db, errmsg, "relations");
    for (size_t i = 0; i < r->n; i++) {
        rel_row *x = &r->row[i];
        x->pred.s = text_at(r, x->pred.at), x->subj.s = text_at(r, x->subj.at), x->obj.s = text_at(r, x->obj.at);
        x->mod.s = text_at(r, x->mod.at), x->date.s = text_at(r, x->date.at), x->site.s = text_at(r, x->site.at);
        x->published.s = text_at(r, x->published.at);
        x->when.s = x->date.s ? x->date.s : x->published.s;
    }
    return FL_OK;
}

static json_t *text_json(const char *s) { return s ? json_string(s) : json_null(); }

/* A column of the current row of ST as JSON text, or null. */
static json_t *column_text(sqlite3_stmt *st, int col) {
    if (sqlite3_column_type(st, col) == SQLITE_NULL) return json_null();
    json_t *v = json_stringn((const char *)sqlite3_column_text(st, col), (size_t)sqlite3_column_bytes(st, col));
    return v ? v : json_null();
}

/* The name of entity ID (null when it has no entities row). */
static json_t *entity_name(sqlite3_stmt *names, const char *id) {
    if (!id) return json_null();
    sqlite3_bind_text(names, 1, id, -1, SQLITE_STATIC);
    json_t *v = sqlite3_step(names) == SQLITE_ROW ? column_text(names, 0) : json_null();
    sqlite3_reset(names);
    return v;
}

/* A sentence of evidence waiting for its title and text (fill_texts). */
typedef struct pending {
    const rel_row *row;
    json_t *json;
} pending;

static int by_doc(const void *a, const void *b) {
    int64_t x = ((const pending *)a)->row->doc, y = ((const pending *)b)->row->doc;
    return (x > y) - (x < y);
}

/* Row X as a sentence of evidence, its title and text null until
** fill_texts; it is added to the N pending at P. */
static json_t *evidence_json(const rel_row *x, pending *p, size_t *n) {
    json_t *e = json_object();
    json_object_set_new(e, "doc_id", json_integer(x->doc));
    json_object_set_new(e, "title", json_null());
    json_object_set_new(e, "publisher", text_json(x->site.s));
    json_object_set_new(e, "published", text_json(x->published.s));
    json_object_set_new(e, "date", text_json(x->date.s));
    json_object_set_new(e, "start", json_integer(x->start));
    json_object_set_new(e, "end", json_integer(x->end));
    json_object_set_new(e, "sentence", json_null());
    p[*n].row = x, p[(*n)++].json = e;
    return e;
}

/* Gives the N pending sentences at P their title and text, each document
** read once: a dossier's newest sentences come from few documents (6,540
** sentences from some hundreds for an entity in most of 20,000), and
** cutting each out of its document read the whole text again. */
static int fill_texts(fl_db *db, pending *p, size_t n, char **errmsg) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, "SELECT title, CAST(text AS BLOB) FROM documents WHERE id = ?1", -1, &st, NULL))
        return store_db_error(db, errmsg, "relations");
    qsort(p, n, sizeof *p, by_doc);
    int r = SQLITE_ROW;
    for (size_t i = 0, j; i < n; i = j) {
        sqlite3_bind_int64(st, 1, p[i].row->doc);
        r = sqlite3_step(st);
        if (r != SQLITE_ROW && r != SQLITE_DONE) break;
        const char *text = r == SQLITE_ROW ? sqlite3_column_blob(st, 1) : NULL;
        size_t len = text ? (size_t)sqlite3_column_bytes(st, 1) : 0;
        for (j = i; j < n && p[j].row->doc == p[i].row->doc; j++) {
            if (r != SQLITE_ROW) continue;
            json_object_set_new(p[j].json, "title", column_text(st, 0));
            int64_t a = p[j].row->start, b = p[j].row->end;   /* as SQL's substr() would cut them */
            if (a < 0) a = 0;
            if (b > (int64_t)len) b = (int64_t)len;
            json_t *v = text && a < b ? json_stringn(text + a, (size_t)(b - a)) : json_string("");
            json_object_set_new(p[j].json, "sentence", v ? v : json_null());
        }
        sqlite3_reset(st);
        r = SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return r == SQLITE_ROW ? FL_OK : store_db_error(db, errmsg, "relations");
}

/* How many distinct values of the N values V (sorted in place). */
static json_int_t distinct(int64_t *v, size_t n) {
    qsort(v, n, sizeof *v, by_int);
    json_int_t k = 0;
    for (size_t i = 0; i < n; i++) k += i == 0 || v[i] != v[i - 1];
    return k;
}

/* One group: the N rows at G (sorted by by_group_newest), EVIDENCE of
** them as sentences (added to the pending at P); SCRATCH holds N ids. */
static json_t *group_json(const rel_row *g, size_t n, int evidence, int64_t *scratch, sqlite3_stmt *names,
                          pending *p, size_t *n_pending) {
    const char *date = NULL;
    json_t *publishers = json_array(), *ev = json_array();
    size_t n_unpublished = 0;
    for (size_t i = 0; i < n; i++) {
        if (g[i].date.s && (!date || strcmp(g[i].date.s, date) < 0)) date = g[i].date.s;
        scratch[i] = g[i].original;
        if (!g[i].site.s) continue;
        size_t k = 0;   /* publishers in the order of their newest sentence, once */
        while (k < json_array_size(publishers) && strcmp(json_string_value(json_array_get(publishers, k)),
                                                         g[i].site.s) != 0)
            k++;
        if (k == json_array_size(publishers)) json_array_append_new(publishers, json_string(g[i].site.s));
    }
    json_int_t documents = distinct(scratch, n);
    for (size_t i = 0; i < n; i++)
        if (!g[i].site.s) scratch[n_unpublished++] = g[i].original;
    json_int_t unpublished = distinct(scratch, n_unpublished);
    for (size_t i = 0; i < n && i < (size_t)evidence; i++)
        json_array_append_new(ev, evidence_json(&g[i], p, n_pending));
    json_t *o = json_object();
    json_object_set_new(o, "predicate", json_string(g->pred.s));
    json_object_set_new(o, "subject", json_string(g->subj.s));
    json_object_set_new(o, "subject_name", entity_name(names, g->subj.s));
    json_object_set_new(o, "object", text_json(g->obj.s));
    json_object_set_new(o, "object_name", entity_name(names, g->obj.s));
    json_object_set_new(o, "modality", json_string(g->mod.s));
    json_object_set_new(o, "date", text_json(date));
    json_object_set_new(o, "count", json_integer((json_int_t)n));
    json_object_set_new(o, "documents", json_integer(documents));
    json_object_set_new(o, "publishers", publishers);
    json_object_set_new(o, "unpublished", json_integer(unpublished));
    json_object_set_new(o, "latest", text_json(g->when.s));   /* the newest first: NULL only when all are */
    json_object_set_new(o, "evidence", ev);
    return o;
}

/* A group's place in the answer: by predicate, the most stated first,
** then by subject, object and modality. */
typedef struct rel_group {
    const rel_row *first;
    size_t n;
    json_t *json;
} rel_group;

static int by_predicate_count(const void *a, const void *b) {
    const rel_group *x = a, *y = b;
    int c = strcmp(x->first->pred.s, y->first->pred.s);
    if (!c && x->n != y->n) c = x->n < y->n ? 1 : -1;
    return c ? c : cmp_key(x->first, y->first);
}

/* The groups of the rows of R, sorted, as a JSON array into *OUT. */
static int groups_json(fl_db *db, rel_rows *r, int evidence, json_t **out, char **errmsg) {
    if (r->n) qsort(r->row, r->n, sizeof *r->row, by_group_newest);   /* row is NULL when empty */
    sqlite3_stmt *names = NULL;
    rel_group *g = malloc((r->n ? r->n : 1) * sizeof *g);
    int64_t *scratch = malloc((r->n ? r->n : 1) * sizeof *scratch);
    pending *p = malloc((r->n ? r->n : 1) * sizeof *p);
    int rc = g && scratch && p ? FL_OK : err_set(errmsg, FL_ENOMEM, "out of memory");
    if (rc == FL_OK && sqlite3_prepare_v2(db->sql, "SELECT name FROM entities WHERE id = ?1", -1, &names, NULL))
        rc = store_db_error(db, errmsg, "relations");
    size_t n_groups = 0, n_pending = 0;
    for (size_t i = 0, j; rc == FL_OK && i < r->n; i = j) {
        for (j = i + 1; j < r->n && cmp_key(&r->row[i], &r->row[j]) == 0; j++) continue;
        g[n_groups].first = &r->row[i];
        g[n_groups].n = j - i;
        g[n_groups++].json = group_json(&r->row[i], j - i, evidence, scratch, names, p, &n_pending);
    }
    if (rc == FL_OK) rc = fill_texts(db, p, n_pending, errmsg);
    if (rc == FL_OK) qsort(g, n_groups, sizeof *g, by_predicate_count);
    json_t *a = json_array();
    for (size_t i = 0; i < n_groups; i++) json_array_append_new(a, g[i].json);
    sqlite3_finalize(names);
    free(g);
    free(scratch);
    free(p);
    if (rc != FL_OK) {
        json_decref(a);
        return rc;
    }
    *out = a;
    return FL_OK;
}

/* ---- the stances toward them ------------------------------------------ */

/* One stance toward a relation of the rows. "first" orders them as the
** SQL's join gave them (store.h): the relations with the entity as
** subject, by id, then the others, by id; a relation's stances by rowid. */
typedef struct stance_row {
    const rel_row *rel;
    int64_t rowid;
    int first;
    size_t holder, holder_name, stance;   /* offsets into the stances' arena, or NO_TEXT */
} stance_row;

typedef struct stance_rows {
    stance_row *row;
    size_t n, cap;
    buf arena;
} stance_rows;

static int by_id(const void *a, const void *b) {
    int64_t x = (*(const rel_row *const *)a)->id, y = (*(const rel_row *const *)b)->id;
    return (x > y) - (x < y);
}

static const char *published_or_empty(const rel_row *x) { return x->published.s ? x->published.s : ""; }

/* Oldest publication first (none as ''), then by document, then in the
** order the join gave them. */
static int by_published(const void *a, const void *b) {
    const stance_row *x = a, *y = b;
    int c = strcmp(published_or_empty(x->rel), published_or_empty(y->rel));
    if (!c && x->rel->doc != y->rel->doc) c = x->rel->doc < y->rel->doc ? -1 : 1;
    if (!c && x->first != y->first) c = x->first ? -1 : 1;
    if (!c && x->rel->id != y->rel->id) c = x->rel->id < y->rel->id ? -1 : 1;
    if (!c && x->rowid != y->rowid) c = x->rowid < y->rowid ? -1 : 1;
    return c;
}

static const char *stance_text(const stance_rows *s, size_t at) { return at == NO_TEXT ? NULL : s->arena.data + at; }

/* Do X and Y, of one document, say the same (the SQL's DISTINCT)? */
static int same_stance(const stance_rows *s, const stance_row *x, const stance_row *y) {
    return cmp_key(x->rel, y->rel) == 0 && cmp_text(stance_text(s, x->holder), stance_text(s, y->holder)) == 0 &&
           cmp_text(stance_text(s, x->holder_name), stance_text(s, y->holder_name)) == 0 &&
           strcmp(stance_text(s, x->stance), stance_text(s, y->stance)) == 0;
}

/* The stances toward the relations of R (of entity ID) into S, each with
** its relation's row. */
static int read_stances(fl_db *db, const char *id, const rel_rows *r, stance_rows *s, char **errmsg) {
    const rel_row **by = malloc((r->n ? r->n : 1) * sizeof *by);
    if (!by) return err_set(errmsg, FL_ENOMEM, "out of memory");
    for (size_t i = 0; i < r->n; i++) by[i] = &r->row[i];
    qsort(by, r->n, sizeof *by, by_id);
    sqlite3_stmt *st = NULL;
    /* Each relation's stances looked up from its id in the index on its
    ** end, not from a set of the 13,000 ids built first (callgrind: 58 ->
    ** 38 million instructions for an entity in most of 20,000 documents);
    ** a relation with the entity at both ends once. */
#define STANCES_OF(end, other) \
    "SELECT s.relation, s.rowid, s.holder, he.name, s.stance FROM relations r CROSS JOIN stances s" \
    " ON s.relation = r.id LEFT JOIN entities he ON he.id = s.holder WHERE r." end " = ?1" other
    static const char sql[] = STANCES_OF("subject", "") " UNION ALL " STANCES_OF("object", " AND r.subject != ?1");
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
        free(by);
        return store_db_error(db, errmsg, "stances");
    }
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int q;
    while ((q = sqlite3_step(st)) == SQLITE_ROW) {
        rel_row key = {.id = sqlite3_column_int64(st, 0)};
        const rel_row *k = &key, **hit = bsearch(&k, by, r->n, sizeof *by, by_id);
        if (!hit) continue;   /* a relation without its document: not in the rows, as in the SQL's join */
        if (s->n == s->cap && array_grow(&s->row, &s->cap, sizeof *s->row, 64) != FL_OK) break;
        stance_row *x = &s->row[s->n++];
        x->rel = *hit;
        x->rowid = sqlite3_column_int64(st, 1);
        x->first = strcmp((*hit)->subj.s, id) == 0;
        x->holder = keep_text(&s->arena, st, 2);
        x->holder_name = keep_text(&s->arena, st, 3);
        x->stance = keep_text(&s->arena, st, 4);
    }
    sqlite3_finalize(st);
    free(by);
    if (q == SQLITE_ROW || s->arena.rc != FL_OK) return err_set(errmsg, FL_ENOMEM, "out of memory");
    return q == SQLITE_DONE ? FL_OK : store_db_error(db, errmsg, "stances");
}

/* Stance X as a row of store_relations' stances (store.h), with its
** document's TITLE (a reference it takes). */
static json_t *stance_json(const stance_rows *s, const stance_row *x, json_t *title) {
    json_t *o = json_object();
    json_object_set_new(o, "predicate", json_string(x->rel->pred.s));
    json_object_set_new(o, "subject", json_string(x->rel->subj.s));
    json_object_set_new(o, "object", text_json(x->rel->obj.s));
    json_object_set_new(o, "modality", json_string(x->rel->mod.s));
    json_object_set_new(o, "holder", text_json(stance_text(s, x->holder)));
    json_object_set_new(o, "holder_name", text_json(stance_text(s, x->holder_name)));
    json_object_set_new(o, "stance", json_string(stance_text(s, x->stance)));
    json_object_set_new(o, "doc_id", json_integer(x->rel->doc));
    json_object_set_new(o, "title", title);
    json_object_set_new(o, "publisher", text_json(x->rel->site.s));
    json_object_set_new(o, "published", text_json(x->rel->published.s));
    return o;
}

/* The stances of S, sorted, each once per document, the first
** STANCES_MAX, as a JSON array into OUT; a document's title is read once. */
#define STANCES_MAX 2000
static int stances_json(fl_db *db, stance_rows *s, json_t *out, char **errmsg) {
    if (s->n) qsort(s->row, s->n, sizeof *s->row, by_published);   /* row is NULL when there are none */
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, "SELECT title FROM documents WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "stances");
    int q = SQLITE_ROW;
    size_t kept = 0;
    for (size_t i = 0, j; i < s->n && kept < STANCES_MAX; i = j) {   /* one document's stances */
        sqlite3_bind_int64(st, 1, s->row[i].rel->doc);
        q = sqlite3_step(st);
        if (q != SQLITE_ROW && q != SQLITE_DONE) break;
        json_t *title = q == SQLITE_ROW ? column_text(st, 0) : json_null();
        for (j = i; j < s->n && s->row[j].rel->doc == s->row[i].rel->doc; j++) {
            size_t k = i;
            while (k < j && !same_stance(s, &s->row[k], &s->row[j])) k++;
            if (k < j || kept == STANCES_MAX) continue;   /* said before in this document */
            kept++;
            if (q == SQLITE_ROW) json_array_append_new(out, stance_json(s, &s->row[j], json_incref(title)));
        }
        json_decref(title);
        sqlite3_reset(st);
        q = SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return q == SQLITE_ROW ? FL_OK : store_db_error(db, errmsg, "stances");
}

/* The stances toward the relations of R, of entity ID, into *OUT (none
** from a database made before stances). */
static int stances_of(fl_db *db, const char *id, const rel_rows *r, json_t **out, char **errmsg) {
    stance_rows s = {0};
    buf_init(&s.arena, BUF_NO_LIMIT);
    json_t *a = json_array();
    int rc = a ? FL_OK : err_set(errmsg, FL_ENOMEM, "out of memory");
    if (rc == FL_OK && store_has_table(db, "stances")) {
        rc = read_stances(db, id, r, &s, errmsg);
        if (rc == FL_OK) rc = stances_json(db, &s, a, errmsg);
    }
    free(s.row);
    buf_release(&s.arena);
    if (rc != FL_OK) {
        json_decref(a);
        return rc;
    }
    *out = a;
    return FL_OK;
}

int store_relations(fl_db *db, const char *id, int evidence, json_t **rows, json_t **stances, char **errmsg) {
    *rows = NULL;
    if (stances) *stances = NULL;
    rel_rows r = {0};
    buf_init(&r.arena, BUF_NO_LIMIT);
    int rc = read_rows(db, id, &r, errmsg);
    if (rc == FL_OK && stances) rc = stances_of(db, id, &r, stances, errmsg);
    if (rc == FL_OK) rc = groups_json(db, &r, evidence, rows, errmsg);
    if (rc != FL_OK && stances) {
        json_decref(*stances);
        *stances = NULL;
    }
    free(r.row);
    buf_release(&r.arena);
    return rc;
}
