/*
** store.h: the store interface. fl_db (flank.h) is a store; the embedded
** implementation is SQLite with FTS5 (store_sqlite.c, store_search.c, store_walk.c). A
** server database would implement these same calls. Results come back as
** jansson values, or a search's page as C structs, so query.c can shape
** them without knowing SQL.
*/
#ifndef FL_STORE_H
#define FL_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "buf.h"

#include "flank/flank.h"

/* A page of search results as the store reads it: the page's documents
** with what the query stage needs to pick and highlight their sentences.
** Its texts are [at, at + len) of the page's ARENA (they are not pointers:
** the arena grows while the page is read); a NULL column has len
** PAGE_NULL. One page serves one search; store_page_release frees it. */
#define PAGE_NULL SIZE_MAX

typedef struct page_text {
    size_t at, len;
} page_text;

typedef struct page_sentence {
    int64_t id;
    size_t start, end;          /* bytes of the document's text */
} page_sentence;

typedef struct page_mention {
    size_t start, end;
} page_mention;

typedef struct page_doc {
    int64_t id;
    page_text sha256, title, source, published, publisher, text;
    int has_score;              /* listings (no query) have no score */
    double score;
    int64_t first_sentence, last_sentence;
    size_t sentences, n_sentences;   /* its sentences worth showing: SENTENCES[sentences ...] */
    int has_mentions;                /* with an entity filter: where it is mentioned */
    size_t mentions, n_mentions;     /* MENTIONS[mentions ...] */
} page_doc;

typedef struct store_page {
    int64_t total;
    int total_estimated;        /* the total is extrapolated from the documents walked */
    int ranked_window;          /* only the newest this many matches were ranked, or 0 */
    json_t *facets;             /* with fl_search_opts.facets, else NULL */
    page_doc *docs;
    size_t n_docs, cap_docs;
    page_sentence *sentences;
    size_t n_sentences, cap_sentences;
    page_mention *mentions;
    size_t n_mentions, cap_mentions;
    buf arena;
} store_page;

void store_page_release(store_page *p);

/* Documents matching the FTS5 expression EXPR (NULL: all documents
** passing the filters of OPTS, newest first), best first, into PAGE (zeroed
** by the caller): the page [offset, offset + limit) with each document's
** sentences (those holding a phrase, when the store knows them; else all)
** and, with an entity filter, where it mentions the entity. */
int store_search(fl_db *db, const char *expr, const fl_search_opts *opts, store_page *page, char **errmsg);

/* One document by id ("12") or sha256 prefix (at least 4 hex digits), with
** its text and sentence spans. FL_ENOTFOUND, or FL_EINVAL when a prefix is
** ambiguous. */
int store_document(fl_db *db, const char *ref, json_t **out, char **errmsg);

/* Named read-only queries (SQL in store_sqlite.c); each row is an object
** keyed by column name. Parameters are bound in order as text (NULL: no
** filter); see each query for what they mean. */
enum store_query {
    Q_ENTITIES,        /* ?1 type, ?2 limit, ?3 offset: id, name, type, mentions, documents */
    Q_ENTITIES_TOTAL,  /* ?1 type: total */
    Q_ENTITY,          /* ?1 id: id, name, type */
    Q_CO_MENTIONS,     /* ?1 id: entities in the same documents */
    Q_CLAIMS,          /* ?1 id: by or about it (then "role" is "by" or "about"), ?2 about,
                          ?3 by, ?4 kind, ?5 limit: claims with their source and "about" */
    Q_SOURCES,         /* ?1 id: documents mentioning it */
    Q_TIMELINE,        /* ?1 entity, ?2 since, ?3 until: dated relations */
    Q_MAP_MENTIONS,    /* ?1 since, ?2 until: mentions of countries and places */
    Q_MAP_RELATIONS,   /* ?1 predicate, ?2 subject, ?3 since, ?4 until: relations by object */
    Q_DOC_ENTITIES,    /* ?1 doc id: id, name, type, "evidence" (the mention spans) */
    Q_DOC_DATES,       /* ?1 doc id: start, end, value */
    Q_DOC_RELATIONS,   /* ?1 doc id: as in `flank extract --json` */
    Q_DOC_CLAIMS,      /* ?1 doc id: kind, speaker, text, start, end, about (entity ids) */
    Q_ALL_ENTITIES,    /* id, name, type of every stored entity */
    Q_ENTITY_DOCS,     /* ?1 id: documents (how many mention or relate it) */
    /* The web UI's pages (browse.c): */
    Q_ENTITY_MONTHS,   /* ?1 id: month (YYYY-MM of publication), documents mentioning it */
    Q_OVERVIEW,        /* documents, sources (publishers), first and last published, last_ingest,
                          first and last relation date */
    Q_TOP_ENTITIES,    /* ?1 published prefix (YYYY or YYYY-MM), ?2 limit: id, name, type, documents */
    Q_LATEST_RELATIONS,/* ?1 limit: the newest dated relations, as Q_TIMELINE's rows */
    Q_GRAPH_EDGES,     /* ?1 id, ?2 predicate, ?3 since, ?4 until: subject, predicate, object (names,
                          types), count, documents, first and last date; not negated */
    Q_MAP_DOCS,        /* ?1 since, ?2 until: id, documents mentioning each country; total */
    Q_DOC_TOP_ENTITIES,/* ?1 doc id, ?2 limit: id, name, type, mentions; most mentioned first */
    Q_MAP_EVIDENCE,    /* ?1 predicate, ?2 subject, ?3 since, ?4 until: relations with an object and
                          their sentence and source, newest first, at most 300 */
    N_STORE_QUERIES
};

int store_rows(fl_db *db, enum store_query q, const char *const *params, int n_params, json_t **rows,
               char **errmsg);

/* ---- a dossier's relations (store_relations.c) -------------------------- */

/* The relations with entity ID at either end, grouped by predicate,
** subject, object and modality, by predicate then the most stated first,
** into *ROWS (a new reference): predicate, subject, subject_name, object,
** object_name, modality, date (the earliest), count, documents (a
** near-duplicate counts as its original, store_dedup.h), publishers (named,
** each once), unpublished (documents without a publisher), latest
** (relation date, else publication date) and "evidence": the EVIDENCE
** newest sentences, [{doc_id, title, publisher, published, date, start,
** end, sentence}]. When STANCES is not NULL, *STANCES (a new reference)
** gets the stances toward those relations, read with them: predicate,
** subject, object, modality, holder, holder_name, stance, doc_id, title,
** publisher, published; one row per stance and document (the same stance
** of one document once), oldest publication first (none first), then by
** document, at most 2000 (none from a database made before stances). */
int store_relations(fl_db *db, const char *id, int evidence, json_t **rows, json_t **stances, char **errmsg);

/* ---- export: the stored knowledge row by row (store_export.c) ---------- */

/* Which relations and claims an export takes; each NULL when unused.
** ENTITY: relations with it at either end, claims it speaks or is
** mentioned in; PREDICATE: relations of it, and no claims; SINCE, UNTIL
** (ISO 8601 prefixes): a relation's date, else its document's publication
** date, a claim's document's; FTS: documents with a sentence matching
** this FTS5 expression (query_to_fts). */
typedef struct store_filter {
    const char *entity, *predicate, *since, *until, *fts;
    int texts;   /* documents come with their text (else its column is absent) */
} store_filter;

/* What a cursor walks, each kind in its order: entities by id (those the
** filtered relations and claims name, and the filter's entity), the
** documents of the filtered relations and claims (every document when no
** filter is set), relations and claims by document id then position, and
** facts: the relations grouped by subject, predicate, object and modality
** with their first and last dates, count and sources. Rows are objects
** keyed by column name (docs/export.md); "_doc" is the document's id. */
enum store_cursor_kind { SC_ENTITIES, SC_DOCUMENTS, SC_RELATIONS, SC_FACTS, SC_CLAIMS };

typedef struct store_cursor store_cursor;

int store_cursor_open(fl_db *db, enum store_cursor_kind kind, const store_filter *f, store_cursor **out,
                      char **errmsg);
/* The next row into *ROW: 1, or 0 at the end, or -1 on error (*errmsg
** set). The row is the cursor's and valid until the next call: the same
** object refilled (a member a caller added is null on the next row), or a
** new one when the caller kept a reference to the last (json_incref). A
** relation's sentence and a claim's text are cut from their document's
** text, read once per document. */
int store_cursor_next(store_cursor *c, json_t **row, char **errmsg);
/* Accepts NULL. */
void store_cursor_free(store_cursor *c);

/* Around an export's cursors: one read transaction, so that they all see
** the database at one moment, and a small page cache (an export reads each
** page about once; the connection's usual cache would only grow its
** memory); store_export_end restores both. */
int store_export_begin(fl_db *db, char **errmsg);
void store_export_end(fl_db *db);

/* ---- relink: annotating stored documents again ------------------------ */

/* A stored document as relink reads it; stored_doc_release frees its
** strings. */
typedef struct stored_doc {
    int64_t id;
    char *text, *published, *language, *sha256;
    size_t text_len;
} stored_doc;

void stored_doc_release(stored_doc *d);

/* The number of stored documents annotated under another version than
** VERSION (or under one not recorded). */
int store_stale_count(fl_db *db, const char *version, int64_t *n, char **errmsg);

/* The next stale document after id AFTER into *d: 1, or 0 when none is
** left, or -1 on error (*errmsg set). */
int store_stale_next(fl_db *db, const char *version, int64_t after, stored_doc *d, char **errmsg);

/* Replaces the annotations of stored document DOC_ID with those of D
** (made from its stored text), inside the caller's transaction. */
int store_replace_annotations(fl_db *db, int64_t doc_id, const fl_doc *d, char **errmsg);

/* Records that the documents with ids FIRST..LAST are annotated under
** VERSION, inside the caller's transaction. */
int store_mark_version(fl_db *db, int64_t first, int64_t last, const char *version, char **errmsg);

/* Opens and commits (or rolls back, RC != FL_OK) a write transaction of
** their own for relink's batches. */
int store_begin(fl_db *db, char **errmsg);
int store_end(fl_db *db, int rc, char **errmsg);

/* ---- import: restoring an export (import.c) ------------------------------ */

/* Opens a write transaction that fl_db_add and store_replace_annotations
** join and that nothing commits before store_hold_end: it commits (RC
** FL_OK) or rolls back everything since store_hold_begin. The page cache
** is small meanwhile (store_int.h's STREAM_CACHE). */
int store_hold_begin(fl_db *db, char **errmsg);
int store_hold_end(fl_db *db, int rc, char **errmsg);

/* The stored document whose sha256 is SHA256 into *D: 1, or 0 when there
** is none, or -1 on error (*errmsg set). */
int store_doc_by_sha(fl_db *db, const char *sha256, stored_doc *d, char **errmsg);

/* Writes entity ID's NAME and TYPE, inside the caller's transaction; the
** documents added after it keep them. */
int store_put_entity(fl_db *db, const char *id, const char *name, const char *type, char **errmsg);

#endif
