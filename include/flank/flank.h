/*
** flank.h: the public API of libflank.
**
** flank turns open-source reporting into a searchable, sourced knowledge
** base. This header is all a front end (the CLI, the HTTP server, a test)
** may use: opaque handles, result codes and fl_* calls. Internals live in the
** lib folder and are not part of the contract.
**
** Conventions (as in SQLite):
**   - every call returns an FL_* code; results travel through out-parameters;
**   - on failure *errmsg (when not NULL) receives a message the caller frees
**     with fl_free(); outputs are reset to NULL/0;
**   - the library never prints and never exits.
*/
#ifndef FLANK_H
#define FLANK_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#define FL_VERSION "0.1.0"

/* Result codes: one enum for the whole library. */
enum {
    FL_OK = 0,
    FL_ENOMEM,     /* out of memory */
    FL_EIO,        /* a file or stream could not be read or written */
    FL_EINVAL,     /* bad argument or malformed input */
    FL_ETOOBIG,    /* input over a size limit */
    FL_EBINARY,    /* binary data where text was expected */
    FL_EEMPTY,     /* nothing to work on */
    FL_EENCODING,  /* not UTF-8 and no recognisable legacy charset */
    FL_EQUERY,     /* malformed search query */
    FL_EDB,        /* the database refused */
    FL_ENOTFOUND,  /* no such document or entity */
    FL_EPACK,      /* the knowledge pack is broken */
    FL_ETIME       /* the call ran past its time budget (fl_db_time_budget) */
};

/* A short lower-case phrase for a result code ("out of memory"). */
const char *fl_strerror(int rc);

/* Where flank's files are: WHAT is "data" (patterns and the pack),
** "pack" (the generated pack) or "web" (the UI). $FLANK_DATA,
** $FLANK_GENPACK, $FLANK_WEB when set, else PREFIX/share/flank/WHAT of an
** installed flank (`make install`), else the source tree's. NULL for
** another WHAT. */
const char *fl_path(const char *what);

/* Frees memory the library handed out (strings, JSON). Accepts NULL. */
void fl_free(void *p);

/* ---- documents: read, extract, normalise, segment, annotate ---------- */

typedef struct fl_doc fl_doc;

/* What the user says about a document (flank ingest --title ..., a
** FILE.meta.json): it wins over what the document says of itself. Each
** field may be NULL (authors: n_authors 0); PUBLISHED is ISO 8601 or a
** date in words ("24 Jan. 2017"). */
typedef struct fl_meta {
    const char *title, *published, *url, *publisher, *language;
    const char *const *authors;
    size_t n_authors;
} fl_meta;

/* Limits and hints for turning bytes into a document. */
typedef struct fl_read_opts {
    size_t max_bytes;     /* refuse inputs larger than this (0: default 64 MiB) */
    const char *format;   /* "html", "markdown", "text" or NULL to detect */
    const fl_meta *meta;  /* the user's metadata, or NULL */
    int text_only;        /* stop at the main text (fl_doc_text, fl_doc_title):
                          ** no sentences, no annotation, no knowledge pack */
} fl_read_opts;

/* Reads PATH ("-" for stdin; gzip is detected) and runs every stage up to
** annotation (or only up to the main text, see text_only). On success
** *out owns the document: free it with fl_doc_free().
** *note (may be NULL) receives a remark worth showing the user, such as a
** charset transcoding, or NULL; the caller frees it with fl_free(). */
int fl_doc_read(const char *path, const fl_read_opts *opts, fl_doc **out,
                char **note, char **errmsg);

/* The same from bytes already in memory; SOURCE names them in messages
** and in the stored document. */
int fl_doc_from_bytes(const char *source, const char *data, size_t n,
                      const fl_read_opts *opts, fl_doc **out, char **note,
                      char **errmsg);

void fl_doc_free(fl_doc *doc);

/* Loads now what annotating a document needs (the knowledge pack, the
** rule lexicons, the parser's model) instead of at the first document:
** a server calls it at start, off its request threads, so that the first
** upload does not hold a worker, and the connections waiting on it, for
** the load's seconds. Safe to call from any thread, any number of times. */
int fl_annotate_load(char **errmsg);

/* Calls FN for every regular file under PATH (PATH itself when it is a
** file or "-"), in name order, skipping hidden entries. A path that cannot
** be opened or listed is passed with ERROR set (else ERROR is NULL). Stops
** at FN's first non-zero return and returns it. Each folder is walked
** once, however many links lead to it (a link loop ends). A link to a
** folder is not followed: one inside the tree leads to a folder walked
** anyway, one leading out of it is passed with ERROR set, unless
** fl_walk_links is called with FOLLOW_LINKS 1. */
typedef int (*fl_walk_fn)(void *ctx, const char *path, const char *error);
int fl_walk(const char *path, fl_walk_fn fn, void *ctx);
int fl_walk_links(const char *path, int follow_links, fl_walk_fn fn, void *ctx);

/* The main content, as `flank extract --body` prints it (owned by DOC). */
const char *fl_doc_text(const fl_doc *doc, size_t *len);
const char *fl_doc_title(const fl_doc *doc);
const char *fl_doc_sha256(const fl_doc *doc);
size_t fl_doc_sentence_count(const fl_doc *doc);

/* The annotation document of DESIGN.md as JSON, written to OUT an item at
** a time (no tree of the whole in memory), or as a string the caller frees
** with fl_free. */
int fl_doc_json_write(const fl_doc *doc, FILE *out, char **errmsg);
int fl_doc_json(const fl_doc *doc, char **json, char **errmsg);

/* The syntactic stage on DOC's text (fl_doc_read's text_only is enough):
** each sentence tokenized, tagged, lemmatized and parsed with the default
** model (data/model/, or $FLANK_PARSE_MODEL). *OUT is CoNLL-U, or with
** JSON set {"model": PATH, "sentences": [{"start", "end", "text",
** "truncated", "tokens": [...]}]}; caller frees with fl_free. A missing or
** broken model is FL_EINVAL/FL_EIO with a message naming its file. */
int fl_parse_doc(const fl_doc *doc, int json, char **out, char **errmsg);

/* ---- the store ---------------------------------------------------------- */

typedef struct fl_db fl_db;

/* Opens the database at PATH. A handle may be used by one thread at a
** time; threads that work at once open one handle each.
** FL_DB_READ: for commands that only read. Nothing is created or written:
** PATH must exist (else FL_ENOTFOUND, naming it) and be a flank database of
** this schema version (else FL_EDB: not flank's, empty, older or newer).
** FL_DB_WRITE: a missing or empty file becomes a new database; an earlier
** version is upgraded in place; a file that is not flank's, or made by a
** newer flank, is refused before anything is written. fl_db_open is
** fl_db_open_mode(..., FL_DB_WRITE, ...).
** FL_DB_VERIFY: as FL_DB_READ, but the connection may write when the file
** allows it, as fl_db_check's index comparison needs (opening writes
** nothing). */
enum { FL_DB_READ, FL_DB_WRITE, FL_DB_VERIFY };
int fl_db_open_mode(const char *path, int mode, fl_db **out, char **errmsg);
int fl_db_open(const char *path, fl_db **out, char **errmsg);
/* Commits the open batch (see fl_db_add) and closes. A caller that must
** know whether the last documents were stored calls fl_db_commit first. */
void fl_db_close(fl_db *db);

/* Stores DOC. *doc_id receives its id; *added is 1 when it was new, 0
** when identical content was already stored (a no-op). Consecutive adds
** share a write transaction for speed; it commits every FL_BATCH_DOCS
** documents (see fl_db_batch) or 5 seconds, on fl_db_commit() and on
** fl_db_close(), and until then other connections do not see the new
** documents. When storing fails, the documents added since the last
** commit are rolled back with it (the message says how many), so each
** document is whole or absent. */
int fl_db_add(fl_db *db, const fl_doc *doc, int64_t *doc_id, int *added,
              char **errmsg);
int fl_db_commit(fl_db *db, char **errmsg);

/* Documents fl_db_add added since the last commit: stored only once a
** commit succeeds (0 right after one; a failed commit or add rolls them
** back and also leaves 0). */
int fl_db_pending(const fl_db *db);

/* Documents per write transaction of fl_db_add, 1..100000: fewer make new
** documents visible sooner and lose less to a crash; more make ingest
** faster (fewer, larger full-text segments to merge). */
#define FL_BATCH_DOCS 3000
void fl_db_batch(fl_db *db, int max_docs);

/* Checks the database: SQLite's integrity check, both full-text indexes
** against their content (not on a read-only connection: FTS5 runs that
** check as a write), and that every document has all its sentences.
** FL_OK when all hold; otherwise FL_EDB and *errmsg says what failed. */
int fl_db_check(fl_db *db, char **errmsg);

/* Annotates again the stored documents whose entities, dates, relations
** and claims were made under another knowledge pack, other patterns or
** other rejections than the current ones (from their stored text), BATCH
** documents per transaction; PROGRESS (may be NULL) hears after each batch
** how many are done of how many. A killed relink leaves every document
** whole, with its old annotations or its new ones, and the next run does
** the rest. *n_relinked receives the count. fl_relink_pending counts the
** documents it would annotate. */
typedef void (*fl_progress_fn)(void *ctx, int64_t done, int64_t total);
int fl_relink(fl_db *db, int batch, fl_progress_fn progress, void *ctx, int64_t *n_relinked, char **errmsg);
int fl_relink_pending(fl_db *db, int64_t *n, char **errmsg);
/* Rebuilds what is derived from the stored documents and their sentences
** rows: both full-text indexes, doc_stats and documents.spans, in one
** transaction. For a database fl_db_check finds broken. */
int fl_db_repair(fl_db *db, char **errmsg);

/* Copies the database, as it is at one moment while others may write, to
** a new file PATH (SQLite's VACUUM INTO: compact, without a WAL). */
int fl_db_backup(fl_db *db, const char *path, char **errmsg);

/* Removes the document REF (an id or sha256 prefix, as fl_show_json) and
** everything derived from it (sentences, index entries, mentions, dates,
** relations, claims), in one transaction; *doc_id receives its id.
** FL_ENOTFOUND when there is no such document. */
int fl_db_delete(fl_db *db, const char *ref, int64_t *doc_id, char **errmsg);

/* The calls on DB from now on stop with FL_ETIME once they have run MS
** milliseconds past this moment (a server's budget per request); 0: no
** budget. Counted while SQLite works, checked every few thousand of its
** steps. */
void fl_db_time_budget(fl_db *db, unsigned ms);

/* 1 when DB's connection cannot write (a read-only file or folder). */
int fl_db_readonly(fl_db *db);

/* Document counts for progress and health. */
int fl_db_stats(fl_db *db, int64_t *n_docs, int64_t *n_sentences,
                char **errmsg);

/* Phrase postings held in memory for the connections of one process that
** search one database (a server): the documents and sentences holding
** each phrase searched, read from the full-text index once per state of
** the database and shared, so that later searches for the phrase read
** memory instead of the index. With them a search counts its matches
** exactly (see fl_search_json). Kept up to MAX_BYTES, the least recently
** used dropped first. Free them after closing the connections sharing
** them. */
typedef struct fl_postings fl_postings;
int fl_postings_new(size_t max_bytes, fl_postings **out, char **errmsg);
void fl_postings_free(fl_postings *p);

/* DB's searches read and add to P from now on. FL_EINVAL when P serves
** another database, FL_ENOMEM. */
int fl_db_share_postings(fl_db *db, fl_postings *p, char **errmsg);

/* ---- queries ------------------------------------------------------------ */

typedef struct fl_search_opts {
    int limit;            /* documents per page (0: default 10) */
    int offset;           /* documents to skip */
    int per_doc;          /* sentences shown per document (0: default 3) */
    const char *entity;   /* only documents mentioning this entity id, or NULL */
    const char *type;     /* only documents mentioning an entity of this type, or NULL */
    const char *since;    /* only documents published on or after (ISO 8601 prefix), or NULL */
    const char *until;    /* ... on or before, or NULL */
    const char *source;   /* only documents whose source contains this text, or NULL */
    int sentences;        /* 1: the whole query must match within one sentence; documents
                          ** rank by their best sentence's BM25 (the sentence index) */
    int facets;           /* 1: add "facets", counts over the matching documents (the
                          ** newest 2,000 when more match) by entity type, country and year */
    int compact;          /* 1: JSON without line breaks and indents (a server's answers) */
} fl_search_opts;

/* Searches documents (BM25 over title and text) and shows each one's best
** matching sentences. QUERY may be NULL or empty when a filter of OPTS is
** set: the filtered documents are then listed, newest first. The result is
** JSON (see docs/api.md): {"query":..., "total":N, "results":[{doc...,
** "hits":[{"sentence_id","start","end","snippet","score","highlights"}]}]}.
** Snippets are plain text; "highlights" lists the matched byte ranges in
** them, so each front end can render them safely.
** A malformed query returns FL_EQUERY with a message that says where. */
int fl_search_json(fl_db *db, const char *query, const fl_search_opts *opts,
                   char **json, char **errmsg);

/* A stored document by id or sha256 prefix, as JSON with its text. */
int fl_show_json(fl_db *db, const char *ref, char **json, char **errmsg);

/* Entities by mention count: {"total": N, "entities": [{"id", "name",
** "type", "mentions", "documents"}]}. TYPE ("country", ...) may be NULL. */
int fl_entities_json(fl_db *db, const char *type, int limit, int offset,
                     char **json, char **errmsg);

/* The relation vocabulary (data/patterns/cameo.tsv), in its order:
** {"predicates": [{"name", "meaning", "cameo", "cameo_name", "plover"}]},
** the classes null where the table has none. FL_EPACK when the table does
** not load, with a message naming its line. */
int fl_predicates_json(char **json, char **errmsg);

/* Entities by name: NAME is matched against every name and alias of the
** knowledge pack, in any language, and the names of the stored entities,
** ignoring case and accents; exact matches first (the pack's hand-made
** entries before the generated ones), then names holding NAME's words:
** {"query", "exact": N, "entities": [{"id", "name", "type", "matched",
** "exact", "documents"}]}. */
int fl_entities_find_json(fl_db *db, const char *name, char **json, char **errmsg);

/* The entity id REF stands for, into *id (caller frees with fl_free):
** REF itself when it is written as an id ("type:slug"); else the one
** entity whose name or alias it is (as fl_entities_find_json matches),
** the pack's hand-made entries before its generated ones. FL_ENOTFOUND
** when none is, FL_EINVAL when several are; the message lists them. */
int fl_entity_id(fl_db *db, const char *ref, char **id, char **errmsg);

/* Everything known of one entity:
** {"entity": {"id", "name", "type", "attributes": {...}},
**  "background": [{"subject", "predicate", "object", "start", "source", "cameo", "plover"}]
**                 (from the pack),
**  "relations": [{"predicate", "subject", "object", "date", "modality",
**                 "count", "evidence": [{"doc_id", "title", "publisher", "published", "sentence",
**                                        "start", "end"}], "cameo", "plover"}],
**  "co_mentions": [{"id", "name", "type", "count"}],
**  "claims": [{"kind", "speaker", "speaker_name", "role", "doc_id", "title", "publisher", "published",
**              "start", "end", "text", "about"}] (as fl_claims_json's; "role" is "by" for
**              the entity's own words, "about" for words that mention it),
**  "sources": [{"doc_id", "title", "source", "publisher", "published", "mentions"}]}
** ENTITY_ID may be a name instead (see fl_entities_find_json) when one
** entity has it; FL_EINVAL when several have it (the message lists them).
** FL_ENOTFOUND when the id is neither in the pack nor in the database. */
int fl_dossier_json(fl_db *db, const char *entity_id, char **json, char **errmsg);

/* The same with EVIDENCE sentences kept per relation (1 to
** FL_DOSSIER_EVIDENCE_MAX); fl_dossier_json keeps FL_DOSSIER_EVIDENCE.
** FL_EINVAL for a number out of range. */
#define FL_DOSSIER_EVIDENCE 5
#define FL_DOSSIER_EVIDENCE_MAX 50
int fl_dossier_evidence_json(fl_db *db, const char *entity_id, int evidence, char **json, char **errmsg);

/* Claims (quotes, assessments, recommendations) in document order:
** {"claims": [{"kind", "speaker", "speaker_name", "role", "doc_id", "title",
** "publisher", "published", "start", "end", "text", "about": [{"id", "name",
** "type"}]}]}: the first LIMIT (1 to FL_CLAIMS_MAX) about entity ABOUT
** (mentioned inside the claim), by speaker BY, of KIND ("quote",
** "assessment", "recommendation"); each filter may be NULL. ABOUT and BY
** may be names, as for the dossier. "role" is null here. FL_EINVAL for an
** unknown kind or a limit out of range. */
#define FL_CLAIMS_MAX 1000
int fl_claims_json(fl_db *db, const char *about, const char *by, const char *kind, int limit, char **json,
                   char **errmsg);

/* Dated relations in date order: {"events": [{"date", "subject",
** "subject_name", "predicate", "object", "object_name", "modality", "doc_id",
** "title", "publisher", "published", "sentence", "start", "end", "cameo",
** "plover"}]}. ENTITY (an id or a name, as for the dossier), SINCE, UNTIL
** may be NULL. "cameo" and "plover" are the predicate's export classes
** (fl_predicates_json), null where it has none. */
int fl_timeline_json(fl_db *db, const char *entity, const char *since,
                     const char *until, char **json, char **errmsg);

/* Map data: {"countries": [{"id", "iso2", "name", "mentions", "relations"}],
**            "places": [{"id", "name", "lat", "lon", "country", "mentions", "relations"}]}.
** "relations" counts the relations (not negated) whose object is the
** country or a place in it, only of PREDICATE and SUBJECT when given
** (e.g. "military_presence", "country:RU"); SINCE/UNTIL filter mentions by
** publication date and relations by their date. Each may be NULL. A
** PREDICATE outside the vocabulary (fl_predicates_json) is FL_EINVAL. */
int fl_map_json(fl_db *db, const char *predicate, const char *subject,
                const char *since, const char *until, char **json, char **errmsg);

/* Entities whose name or alias starts with PREFIX at a word (folded as
** search folds words), for a search box's suggestions: {"query",
** "suggestions": [{"id", "name", "type", "matched", "documents"}]}, at most
** LIMIT, those in documents first, then whole names before later words,
** then by documents. */
int fl_suggest_json(fl_db *db, const char *prefix, int limit, char **json, char **errmsg);

/* The LIMIT entities most mentioned in each document of IDS[0..N), for
** rows of search results: {"documents": {"ID": [{"id", "name", "type",
** "mentions"}]}} (an unknown id has an empty list). */
int fl_doc_entities_json(fl_db *db, const int64_t *ids, size_t n, int limit, char **json, char **errmsg);

/* ENTITY's neighbourhood (an id or a name): {"entity", "hops", "nodes":
** [{"id", "name", "type", "hop"}], "edges": [{"source", "target",
** "predicate", "count", "documents", "first", "last"}]}: the relations (not
** negated, with an object) at HOPS 1 or 2 from it, the second hop from its
** twelve strongest neighbours; PREDICATE, SINCE and UNTIL (relation dates)
** may be NULL. */
int fl_graph_json(fl_db *db, const char *entity, int hops, const char *predicate, const char *since,
                  const char *until, char **json, char **errmsg);

/* What the database holds: {"documents", "sources" (publishers),
** "first_published", "last_published", "last_ingest", "first_dated" and
** "last_dated" (the relations' date range), "top_year" and
** "top_month" ({"period", "entities": [{"id", "name", "type",
** "documents"}]}, the newest year and month of publication),
** "latest_relations" (the newest dated, as timeline events)}. */
int fl_overview_json(fl_db *db, char **json, char **errmsg);

/* ---- exports and import -------------------------------------------------- */

/* Where an export's bytes go: FN(CTX, DATA, N) writes them and returns 0,
** or non-zero to stop the export (FL_EIO). */
typedef int (*fl_write_fn)(void *ctx, const char *data, size_t n);

typedef struct fl_export_opts {
    const char *format;     /* jsonl, csv, stix, gexf, graphml, md or html */
    const char *entity;     /* an entity id or name (as fl_entity_id), or NULL */
    const char *predicate;  /* a predicate of the vocabulary, or NULL */
    const char *since, *until;   /* ISO 8601 prefixes, or NULL */
    const char *query;      /* search syntax: documents with a sentence matching it, or NULL */
    int with_documents;     /* jsonl: each document's record with its text, for fl_import */
} fl_export_opts;

/* Writes the stored relations, entities and claims that pass the filters
** of OPTS in OPTS->format (docs/export.md) to WRITE, a piece at a time as
** they are read: memory does not grow with the database. FL_EINVAL for an
** unknown format, predicate or date, FL_EQUERY for a malformed query,
** FL_ENOTFOUND for an unknown entity, FL_EIO when WRITE stops it. */
int fl_export(fl_db *db, const fl_export_opts *opts, fl_write_fn write, void *ctx, char **errmsg);

/* Checks OPTS as fl_export would (format, predicate, dates, entity,
** query) without exporting: its codes and messages, or FL_OK. A server
** answers with them before it starts a stream. */
int fl_export_check(fl_db *db, const fl_export_opts *opts, char **errmsg);

/* The media type of FORMAT ("text/csv; charset=utf-8"...) and the file
** name extension its exports take ("csv"), or NULL when flank has no such
** format. */
const char *fl_export_type(const char *format, const char **extension);

/* What fl_import did. */
typedef struct fl_import_counts {
    int64_t documents, entities, relations, claims;
} fl_import_counts;

/* Restores PATH ("-": stdin), as `fl_export` wrote it in jsonl, into DB
** in one transaction: entities, and each document's relations and claims
** in place of those it has. A document's records attach to the stored
** document of the same sha256; with WITH_DOCUMENTS, the file's document
** records (written with fl_export_opts.with_documents) are stored first
** when missing. Bad input (a truncated or malformed line, a wrong type, a
** duplicate id, a line over 256 MiB, a sentence that is not at its
** offsets) is FL_EINVAL with "PATH:LINE: what is wrong", and nothing is
** imported. */
int fl_import(fl_db *db, const char *path, int with_documents, fl_import_counts *counts, char **errmsg);

/* ---- the knowledge pack ----------------------------------------------- */

/* Loads the pack (as every stage sees it) plus the files or folders
** EXTRA[0..n) and reports: {"ok": no alias clashes and no unknown
** predicates, "entities": N, "facts": N, "clashes": [{"alias", "id",
** "file", "line", "also_id", "also_file", "also_line"}],
** "unknown_predicates": [{"file", "line", "predicate"}]} (facts whose
** predicate is not in the vocabulary, fl_predicates_json). A pack that
** does not load is FL_EPACK with a message naming the file and line. */
int fl_kb_check_json(const char *const *extra, size_t n, char **json, char **errmsg);

/* One entity of the pack with the facts about it: {"id", "name", "type",
** "aliases", "attrs", "file", "line", "facts": [{"subject", "predicate",
** "object", "start", "end", "source"}]}. FL_ENOTFOUND when unknown. */
int fl_kb_entity_json(const char *id, char **json, char **errmsg);

/* Records in FOLDER (a user pack folder) that entity ID must not be
** linked: anywhere, or only in the document whose sha256 is DOC_SHA256
** (not NULL), with REASON (may be NULL) beside it. It applies to the
** documents read from then on, and to stored ones after fl_relink. */
int fl_kb_reject(const char *folder, const char *id, const char *doc_sha256, const char *reason, char **errmsg);

#endif /* FLANK_H */
