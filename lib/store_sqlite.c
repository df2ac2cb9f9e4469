/*
** store_sqlite.c: the SQLite/FTS5 store (see store.h and flank.h). It owns
** the schema, the connection, the write path (documents added in batched
** transactions, so a killed ingest leaves each document whole or absent;
** WAL lets readers go on while a writer commits), the checks and the named
** queries. Full-text search and its ranking are store_search.c's and
** store_walk.c's.
*/
#include "store_int.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <errno.h>

#include "buf.h"
#include "claim.h"
#include "doc.h"
#include "gazetteer.h"
#include "hash.h"
#include "keytab.h"
#include "relation.h"
#include "stance.h"
#include "store_dedup.h"
#include "tokenize.h"
#include "err.h"
#include "banned.h"

#define SCHEMA_N 5   /* 2: mentions one row per entity and document; 3: entity_fts;
                       ** 4: one full-text index, over sentences (doc_stats);
                       ** 5: documents.spans */
#define STRINGIFY(x) #x
#define DECIMAL(x) STRINGIFY(x)
#define SCHEMA_VERSION DECIMAL(SCHEMA_N)
/* A flank database says so in its header: application id "Flnk" and the
** schema version as its user version (set from schema version 5; an
** earlier flank left both 0 and is recognised by its meta table). */
#define APPLICATION_ID 0x466C6E6B

/* Documents are added in batches: one write transaction holds up to
** FL_BATCH_DOCS documents (fl_db_batch) or BATCH_MS milliseconds of work.
** FTS5 keeps its index changes in memory until the transaction ends (or a
** savepoint opens, hence none here) and writes them as a new segment at
** commit; segments are then merged in the background of later commits.
** Fewer, larger segments mean less merging: per-document commits made
** ingest three times slower, batches of 256 documents instead of 1000
** spent a third of ingest's instructions in commits and merges, and 3000
** instead of 1000 saved another 9% at 8,000 documents. When a statement
** fails, the whole batch rolls back, so every document is still whole or
** absent. */
#define BATCH_MS 5000   /* a batch of FL_BATCH_DOCS takes about 3 s */
/* How the sentence index is tuned, stored in its config table at
** creation. hashsize: FTS5 writes a segment whenever its pending changes
** pass this many bytes (1 MiB by default), whatever the transaction; set
** so that one batch makes one segment. pgsz: leaves fill a 16 KiB database
** page (PAGE_SIZE), not 4 KiB. automerge: segments of one level are merged
** 8 at a time, not 4, so each posting is rewritten about half as often as
** the index grows (log8 instead of log4 of the segment count); a query
** then reads up to 8 segments a level, which the search bench does not
** feel at 20,000 documents (bench/README.md). */
#define FTS_CONFIG(t) \
    "INSERT INTO " t "(" t ", rank) VALUES('hashsize', 33554432);" \
    "INSERT INTO " t "(" t ", rank) VALUES('pgsz', 16000);" \
    "INSERT INTO " t "(" t ", rank) VALUES('automerge', 8);"

/* Database page size of new databases: FTS5 leaves hold 4 times as much
** and an ingest writes fewer pages to the WAL (system time about halved on
** the bench), while a search inside an index page costs a little more
** (bench/README.md); existing databases keep theirs. */
#define PAGE_SIZE "16384"

/* Counts kept at ingest, for the pages that would otherwise read every
** mention or relation of an entity in most documents (the map, the entity
** list, the dossier's co-mentions): entity_months holds, per entity and
** month of publication (the first 7 characters of documents.published, ''
** for none), the documents that mention it and the mentions (counted in
** memory per batch, struct count); relation_counts the relations the map
** shades by; relation_edges the graph's edges (documents, relations, first
** and last date); co_mentions, per entity and other entity mentioned with
** it, the documents and the other's mentions (counted in memory per
** batch too).
** Written with each document's rows and taken back with them (relink,
** delete), in the same transaction, so a rolled-back batch leaves them as
** they were; a database made before them gets them, filled, when a writer
** opens it (FILL_*: 31 s of CPU at 20,000 documents, nearly all of it the
** pairs), `flank check` compares them with the rows and `flank check
** --repair` fills them again (an older flank writing to the database
** leaves them behind: the check says so). A reader of a database without
** them counts from the rows (store_rows). The relations of an entity are found through indexes on
** their ends: 12,909 rows of 234,413 for the dossier of an entity in
** most of 20,000 documents, instead of every relation of every document
** that mentions it; their documents' publisher and date from a narrow
** index (documents_meta, a few pages), not from the documents rows (a
** page each). The map's evidence for a predicate (and an actor) reads
** the relations of that predicate alone, from an index that holds every
** column the choice of the newest needs (relations_by_predicate): 26,000
** entries of one predicate instead of 241,000 table rows at 20,000
** documents. A dossier's sources, the documents that mention the entity
** most, are the first entries of its own in mentions_by_count (most
** mentions first, then by document as the entity index gives them):
** about a hundred entries read instead of a mentions row and a date per
** document of the entity (12,826 for the biggest at 20,000 documents,
** 26 -> 0.3 ms; the index is 17 MB there, 5% of the database). The
** claims about an entity, those whose span holds one of its mentions,
** are its entries in claim_entities (claim, entity; CLAIM_ENTITIES),
** found through claim_entities_by_entity in claim order: the dossier's
** first 100 claims no longer test the mentions of every claim of the
** entity's documents in turn (101,000 rows at 20,000 documents, 3 MB). */
#define SUMMARY_SCHEMA \
    "CREATE TABLE IF NOT EXISTS entity_months(" \
    "  entity TEXT NOT NULL, month TEXT NOT NULL, documents INTEGER NOT NULL, mentions INTEGER NOT NULL," \
    "  PRIMARY KEY (entity, month)) WITHOUT ROWID;" \
    "CREATE INDEX IF NOT EXISTS relations_by_subject_id ON relations(subject);" \
    "CREATE INDEX IF NOT EXISTS relations_by_object_id ON relations(object);" \
    "CREATE INDEX IF NOT EXISTS documents_meta ON documents(id, site_name, published);" \
    "CREATE INDEX IF NOT EXISTS relations_by_predicate" \
    "  ON relations(predicate, subject, date, object, modality, doc_id, start);" \
    "CREATE INDEX IF NOT EXISTS mentions_by_count ON mentions(entity, count DESC, doc_id);" \
    "CREATE TABLE IF NOT EXISTS co_mentions(" \
    "  entity TEXT NOT NULL, other TEXT NOT NULL, documents INTEGER NOT NULL, mentions INTEGER NOT NULL," \
    "  PRIMARY KEY (entity, other)) WITHOUT ROWID;" \
    "CREATE TABLE IF NOT EXISTS relation_counts(" \
    "  object TEXT NOT NULL, predicate TEXT NOT NULL, subject TEXT NOT NULL, month TEXT NOT NULL," \
    "  relations INTEGER NOT NULL, PRIMARY KEY (object, predicate, subject, month)) WITHOUT ROWID;" \
    "CREATE TABLE IF NOT EXISTS relation_edges(" \
    "  subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT NOT NULL, date TEXT NOT NULL," \
    "  documents INTEGER NOT NULL, relations INTEGER NOT NULL," \
    "  PRIMARY KEY (subject, predicate, object, date)) WITHOUT ROWID;" \
    "CREATE INDEX IF NOT EXISTS relation_edges_by_object ON relation_edges(object);" \
    "CREATE TABLE IF NOT EXISTS claim_entities(" \
    "  claim INTEGER NOT NULL, entity TEXT NOT NULL, PRIMARY KEY (claim, entity)) WITHOUT ROWID;" \
    "CREATE INDEX IF NOT EXISTS claim_entities_by_entity ON claim_entities(entity);"
/* claim_entities: per claim, each entity mentioned inside its span (a
** mention starting at or after the claim's start and ending at or before
** its end), the speaker too when the span names it. */
#define CLAIM_ENTITIES(where) \
    "SELECT DISTINCT c.id, m.entity FROM claims c JOIN mentions m ON m.doc_id = c.doc_id, json_each(m.spans) j" \
    " WHERE " where "j.value ->> 0 >= c.start AND j.value ->> 1 <= c.end"
#define FILL_CLAIM_ENTITIES \
    "DELETE FROM claim_entities; INSERT INTO claim_entities(claim, entity) " CLAIM_ENTITIES("") ";"
#define CLAIM_ENTITIES_DELETE "DELETE FROM claim_entities WHERE claim IN (SELECT id FROM claims WHERE doc_id = ?1)"
/* relation_edges: the graph's edges (relations with an object, not
** negated) per subject, predicate and object: the row of date '*' holds
** the documents stating the edge and its relations, one row per date it
** has the relations and documents of that date (first and last date are
** the least and greatest of those rows; a row at 0 is removed, so both
** stay exact when a document is taken back). */
#define COUNT_EDGES(where) \
    "SELECT subject, predicate, object, '*' AS date, count(DISTINCT doc_id) AS documents, count(*) AS relations" \
    " FROM relations WHERE " where "object IS NOT NULL AND modality != 'negated' GROUP BY 1, 2, 3" \
    " UNION ALL SELECT subject, predicate, object, date, count(DISTINCT doc_id), count(*) FROM relations" \
    " WHERE " where "object IS NOT NULL AND modality != 'negated' AND date IS NOT NULL GROUP BY 1, 2, 3, 4"
#define FILL_EDGES \
    "DELETE FROM relation_edges; INSERT INTO relation_edges(subject, predicate, object, date, documents, relations)" \
    " " COUNT_EDGES("") ";"
#define EDGES_DELETE_COUNTS \
    "UPDATE relation_edges SET documents = relation_edges.documents - r.documents," \
    "  relations = relation_edges.relations - r.relations" \
    "  FROM (" COUNT_EDGES("doc_id = ?1 AND ") ") r WHERE relation_edges.subject = r.subject" \
    "  AND relation_edges.predicate = r.predicate AND relation_edges.object = r.object AND relation_edges.date = r.date"
#define EDGES_DELETE_EMPTY \
    "DELETE FROM relation_edges WHERE relations <= 0 AND subject IN (SELECT subject FROM relations WHERE doc_id = ?1)"
/* relation_counts: the relations the map counts (with an object, not
** negated) per object, predicate, subject and month of the relation's
** date ('' for none). */
#define COUNT_RELATIONS(where) \
    "SELECT object, predicate, subject, coalesce(substr(date, 1, 7), '') AS month, count(*) AS n FROM relations" \
    " WHERE " where "object IS NOT NULL AND modality != 'negated' GROUP BY 1, 2, 3, 4"
#define FILL_REL_COUNTS "DELETE FROM relation_counts; INSERT INTO relation_counts " COUNT_RELATIONS("") ";"
#define REL_COUNTS_DELETE_COUNTS \
    "UPDATE relation_counts SET relations = relations - r.n FROM (" COUNT_RELATIONS("doc_id = ?1 AND ") ") r" \
    "  WHERE relation_counts.object = r.object AND relation_counts.predicate = r.predicate" \
    "  AND relation_counts.subject = r.subject AND relation_counts.month = r.month"
#define REL_COUNTS_DELETE_EMPTY \
    "DELETE FROM relation_counts WHERE relations <= 0 AND object IN (SELECT object FROM relations WHERE doc_id = ?1)"
/* The ids of document ?1 as the entity index has them (ENTITY_INDEX). */
#define DOC_IDS(doc) \
    "SELECT entity AS e FROM mentions WHERE doc_id = " doc " UNION SELECT subject FROM relations WHERE doc_id = " doc \
    " UNION SELECT object FROM relations WHERE doc_id = " doc " AND object IS NOT NULL"
/* co_mentions as the mentions give it: per entity (mentioned or at an end
** of a relation) and other entity mentioned in the same document, the
** documents and the other's mentions there. */
#define COUNT_PAIRS \
    "SELECT a.e, m.entity, count(*), sum(m.count) FROM (SELECT doc_id, entity AS e FROM mentions" \
    "  UNION SELECT doc_id, subject FROM relations UNION SELECT doc_id, object FROM relations" \
    "  WHERE object IS NOT NULL) a JOIN mentions m ON m.doc_id = a.doc_id AND m.entity != a.e GROUP BY 1, 2"
#define FILL_PAIRS \
    "DELETE FROM co_mentions; INSERT INTO co_mentions(entity, other, documents, mentions) " COUNT_PAIRS ";"
#define FILL_SUMMARIES FILL_PAIRS FILL_MONTHS FILL_REL_COUNTS FILL_EDGES FILL_CLAIM_ENTITIES
#define FILL_MONTHS \
    "DELETE FROM entity_months;" \
    "INSERT INTO entity_months(entity, month, documents, mentions)" \
    "  SELECT m.entity, coalesce(substr(d.published, 1, 7), ''), count(*), sum(m.count)" \
    "  FROM mentions m JOIN documents d ON d.id = m.doc_id GROUP BY 1, 2;"
/* Document ?1's mentions taken out of entity_months (before its mentions
** rows go), and the rows left at 0 removed. */
#define SUMMARY_DELETE_COUNTS \
    "UPDATE entity_months SET documents = documents - 1, mentions = mentions - m.count" \
    "  FROM mentions m JOIN documents d ON d.id = m.doc_id" \
    "  WHERE m.doc_id = ?1 AND entity_months.entity = m.entity" \
    "  AND entity_months.month = coalesce(substr(d.published, 1, 7), '')"
#define SUMMARY_DELETE_EMPTY \
    "DELETE FROM entity_months WHERE documents <= 0 AND entity IN (SELECT entity FROM mentions WHERE doc_id = ?1)"
#define PAIRS_DELETE_COUNTS \
    "UPDATE co_mentions SET documents = documents - 1, mentions = mentions - m.count" \
    "  FROM (" DOC_IDS("?1") ") a JOIN mentions m ON m.doc_id = ?1 AND m.entity != a.e" \
    "  WHERE co_mentions.entity = a.e AND co_mentions.other = m.entity"
#define PAIRS_DELETE_EMPTY "DELETE FROM co_mentions WHERE documents <= 0 AND entity IN (" DOC_IDS("?1") ")"
#define SUMMARY_DELETE \
    SUMMARY_DELETE_COUNTS ";" SUMMARY_DELETE_EMPTY ";" PAIRS_DELETE_COUNTS ";" PAIRS_DELETE_EMPTY ";" \
    REL_COUNTS_DELETE_COUNTS ";" REL_COUNTS_DELETE_EMPTY ";" EDGES_DELETE_COUNTS ";" EDGES_DELETE_EMPTY ";" \
    CLAIM_ENTITIES_DELETE ";"

static const char *const stmt_sql[N_STMTS] = {
    [ST_FIND_SHA] = "SELECT id FROM documents WHERE sha256 = ?",
    [ST_ADD_DOC] = "INSERT INTO documents(sha256, source, title, authors, published, language, site_name,"
                   " url, ingested_at, n_sentences, text, spans, first_sentence, last_sentence)"
                   " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_ADD_SENT] = "INSERT INTO sentences(id, doc_id, seq, paragraph, start, end) VALUES(?,?,?,?,?,?)",
    [ST_ADD_SENT_FTS] = "INSERT INTO sentences_fts(rowid, title, text) VALUES(?,?,?)",
    [ST_NEXT_SENT] = "SELECT coalesce(max(id), 0) + 1 FROM sentences",
    [ST_ADD_DOC_STATS] = "INSERT INTO doc_stats(id, first_sentence, tokens) VALUES(?,?,?)",
    [ST_ADD_ENTITY] = "INSERT INTO entities(id, name, type) VALUES(?,?,?)"
                      " ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type"
                      " WHERE name != excluded.name OR type != excluded.type",
    [ST_ADD_MENTION] = "INSERT INTO mentions(doc_id, entity, count, spans) VALUES(?,?,?,?)",
    [ST_ADD_MONTH] = "INSERT INTO entity_months(entity, month, documents, mentions) VALUES(?,?,?,?)"
                     " ON CONFLICT DO UPDATE"
                     " SET documents = documents + excluded.documents, mentions = mentions + excluded.mentions",
    [ST_ADD_ENTITY_IDS] = "INSERT INTO entity_fts(rowid, ids) VALUES(?,?)",
    [ST_ADD_DATE] = "INSERT INTO dates(doc_id, start, end, value) VALUES(?,?,?,?)",
    [ST_ADD_RELATION] = "INSERT INTO relations(doc_id, subject, predicate, object, date, modality, start, end)"
                        " VALUES(?,?,?,?,?,?,?,?)",
    [ST_ADD_CLAIM] = "INSERT INTO claims(doc_id, kind, speaker, start, end) VALUES(?,?,?,?,?)",
    [ST_ADD_STANCE] = "INSERT INTO stances(relation, holder, stance) VALUES(?,?,?)",
    /* one row a statement: an INSERT ... SELECT opens a statement savepoint,
    ** at which FTS5 writes the batch's pending index as a segment */
    [ST_ADD_CLAIM_ENTITIES] = "INSERT OR IGNORE INTO claim_entities(claim, entity) VALUES(?1, ?2)",
    /* Replacing a document's annotations (relink): its row of the entity
    ** index goes with the ids it was made of. */
    [ST_OLD_IDS] = "SELECT group_concat(e, ' ') FROM (SELECT entity AS e FROM mentions WHERE doc_id = ?1"
                   " UNION SELECT subject FROM relations WHERE doc_id = ?1"
                   " UNION SELECT object FROM relations WHERE doc_id = ?1 AND object IS NOT NULL)",
    [ST_DEL_IDS] = "INSERT INTO entity_fts(entity_fts, rowid, ids) VALUES('delete', ?, ?)",
    [ST_DEL_MONTHS] = SUMMARY_DELETE_COUNTS,
    [ST_DEL_EMPTY_MONTHS] = SUMMARY_DELETE_EMPTY,
    [ST_DEL_PAIRS] = PAIRS_DELETE_COUNTS,
    [ST_DEL_EMPTY_PAIRS] = PAIRS_DELETE_EMPTY,
    [ST_ADD_REL_COUNT] = "INSERT INTO relation_counts(object, predicate, subject, month, relations)"
                         " VALUES(?1, ?2, ?3, coalesce(substr(?4, 1, 7), ''), 1) ON CONFLICT DO UPDATE"
                         " SET relations = relations + 1",
    [ST_DEL_REL_COUNTS] = REL_COUNTS_DELETE_COUNTS,
    [ST_DEL_EMPTY_REL_COUNTS] = REL_COUNTS_DELETE_EMPTY,
    [ST_ADD_EDGE] = "INSERT INTO relation_edges(subject, predicate, object, date, documents, relations)"
                    " VALUES(?1, ?2, ?3, ?4, 1, ?5) ON CONFLICT DO UPDATE"
                    " SET documents = documents + 1, relations = relations + excluded.relations",
    [ST_DEL_EDGES] = EDGES_DELETE_COUNTS,
    [ST_DEL_EMPTY_EDGES] = EDGES_DELETE_EMPTY,
    [ST_ADD_PAIR] = "INSERT INTO co_mentions(entity, other, documents, mentions) VALUES(?,?,?,?) ON CONFLICT DO UPDATE"
                    " SET documents = documents + excluded.documents, mentions = mentions + excluded.mentions",
    [ST_DEL_MENTIONS] = "DELETE FROM mentions WHERE doc_id = ?",
    [ST_DEL_DATES] = "DELETE FROM dates WHERE doc_id = ?",
    [ST_DEL_STANCES] = "DELETE FROM stances WHERE relation IN (SELECT id FROM relations WHERE doc_id = ?)",
    [ST_DEL_RELATIONS] = "DELETE FROM relations WHERE doc_id = ?",
    [ST_DEL_CLAIM_ENTITIES] = CLAIM_ENTITIES_DELETE,
    [ST_DEL_CLAIMS] = "DELETE FROM claims WHERE doc_id = ?",
};

/* The documents about an entity: an FTS5 index whose words are the entity
** ids each document mentions or relates (the view entity_ids, from
** mentions and relations' ends), one word each (tokenizer flank_ids), no
** positions. It replaced B-tree indexes on mentions(entity, doc_id) and
** relations(subject) and (object): they took a row per entity and
** document, each at a place of its own, and cost a tenth of ingest time
** or more (bench/README.md); FTS5 keeps a batch's ids in memory and
** writes them as one sorted segment at commit. */
#define ENTITY_INDEX \
    "CREATE VIEW IF NOT EXISTS entity_ids(id, ids) AS" \
    "  SELECT doc_id, group_concat(entity, ' ') FROM (SELECT doc_id, entity FROM mentions" \
    "  UNION SELECT doc_id, subject FROM relations" \
    "  UNION SELECT doc_id, object FROM relations WHERE object IS NOT NULL) GROUP BY doc_id;" \
    "CREATE VIRTUAL TABLE IF NOT EXISTS entity_fts USING fts5(" \
    "  ids, content='entity_ids', content_rowid='id', tokenize='flank_ids', detail=none, columnsize=0);"

/* The one full-text index: a row per sentence, its text a byte range of
** its document's text (the view gives it to FTS5 without storing the text
** twice), and the document's title in the row of its first sentence. A
** search for documents is answered from it too (store_walk.c): a second
** index of whole documents cost a sixth of ingest time (bench/README.md).
** columnsize=0 spares a size row per sentence at ingest; BM25 in sentence
** scope then re-tokenizes the few sentences it ranks. doc_stats holds what
** a document search reads for every match, apart from the large documents
** rows: where each document's sentences start (sentence ids grow with
** document ids) and its length in tokens as the index saw it. A document
** without sentences has no row there, as it has none in the index. */
#define SENTENCE_INDEX \
    "CREATE VIEW IF NOT EXISTS sentence_text(id, title, text) AS" \
    "  SELECT s.id, CASE WHEN s.id = d.first_sentence THEN d.title END," \
    "  CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT)" \
    "  FROM sentences s JOIN documents d ON d.id = s.doc_id;" \
    "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(" \
    "  title, text, content='sentence_text', content_rowid='id', tokenize='flank', columnsize=0);" \
    "CREATE TABLE IF NOT EXISTS doc_stats(" \
    "  id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE," \
    "  first_sentence INTEGER NOT NULL, tokens INTEGER NOT NULL);"

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS documents("
    "  id INTEGER PRIMARY KEY,"
    "  sha256 TEXT NOT NULL UNIQUE,"
    "  source TEXT NOT NULL,"
    "  title TEXT, authors TEXT NOT NULL DEFAULT '[]', published TEXT,"
    "  language TEXT, site_name TEXT, url TEXT,"
    "  ingested_at TEXT NOT NULL,"
    "  n_sentences INTEGER NOT NULL,"
    "  first_sentence INTEGER, last_sentence INTEGER,"
    "  text TEXT NOT NULL, spans BLOB);"
    /* The REFERENCES clauses say what points where; they are not enforced
    ** at insert (a lookup per sentence and mention row, for rows this file
    ** writes right after their document) but checked by fl_db_check. */
    "CREATE TABLE IF NOT EXISTS sentences("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL, paragraph INTEGER NOT NULL,"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL);"
    /* No index on doc_id: a document's sentences are the id range
    ** first_sentence..last_sentence of documents (added in one go). */
    SENTENCE_INDEX
    /* Annotations: entity names and types are copied from the pack at
    ** ingest so queries need no pack and survive its changes. */
    "CREATE TABLE IF NOT EXISTS entities(id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL);"
    /* One row per entity and document: "count" mentions at "spans", a JSON
    ** array of [start, end] byte offsets (a row per mention made ingest
    ** spend a fifth of its time on this table). */
    "CREATE TABLE IF NOT EXISTS mentions("
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  entity TEXT NOT NULL, count INTEGER NOT NULL, spans TEXT NOT NULL,"
    "  PRIMARY KEY (doc_id, entity)) WITHOUT ROWID;"
    ENTITY_INDEX
    "CREATE TABLE IF NOT EXISTS dates("
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL, value TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS dates_by_doc ON dates(doc_id);"
    "CREATE TABLE IF NOT EXISTS relations("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT, date TEXT,"
    "  modality TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS relations_by_doc ON relations(doc_id);"
    "CREATE INDEX IF NOT EXISTS relations_by_date ON relations(date);"
    "CREATE TABLE IF NOT EXISTS claims("
    "  id INTEGER PRIMARY KEY,"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL, speaker TEXT, start INTEGER NOT NULL, end INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS claims_by_doc ON claims(doc_id);"
    "CREATE INDEX IF NOT EXISTS claims_by_speaker ON claims(speaker);"
    /* Who asserts, alleges, denies or disputes a relation (stance.h), read
    ** from the relation's own sentence. A database made before stances
    ** gets the table when a writer opens it (no new schema version: an
    ** empty table says what the old one knew); a reader finds none. */
    "CREATE TABLE IF NOT EXISTS stances("
    "  relation INTEGER NOT NULL REFERENCES relations(id) ON DELETE CASCADE,"
    "  holder TEXT, stance TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS stances_by_relation ON stances(relation);"
    /* What the start page and the map read of every document (browse.c:
    ** publication range, publishers, last ingest), from an index a
    ** twentieth of the table's pages: 110 -> a few ms at 20,000 documents. */
    "CREATE INDEX IF NOT EXISTS documents_by_published ON documents(published, site_name, ingested_at);"
    DEDUP_SCHEMA
    "INSERT OR IGNORE INTO meta VALUES('schema_version', " SCHEMA_VERSION ");";

/* Version 2 to 3, in one transaction: the entity index moves into FTS5. */
static const char migrate_2_to_3[] =
    "DROP INDEX IF EXISTS mentions_by_entity;"
    "DROP INDEX IF EXISTS relations_by_subject;"
    "DROP INDEX IF EXISTS relations_by_object;"
    "CREATE INDEX IF NOT EXISTS relations_by_doc ON relations(doc_id);"
    ENTITY_INDEX
    "INSERT INTO entity_fts(entity_fts) VALUES('rebuild');"
    "UPDATE meta SET value = '3' WHERE key = 'schema_version';";

/* Version 4 to 5, in the same transaction: documents keep their sentences'
** spans (store_int.h), filled from the sentences rows (fill_spans). A
** version 3 database gets the column with the schema of version 4. */
#define MIGRATE_4_TO_5_START "ALTER TABLE documents ADD COLUMN spans BLOB;"
#define MIGRATE_4_TO_5_END "UPDATE meta SET value = '5' WHERE key = 'schema_version';"

/* Version 3 to 4, in the same transaction: the index of whole documents
** goes; the sentence index takes the titles and is rebuilt (tuned first,
** so that it is written in large segments); doc_stats gets each
** document's length from the old index's sizes (fill_doc_stats). */
#define MIGRATE_3_TO_4_START \
    "DROP TABLE sentences_fts; DROP VIEW sentence_text;" SENTENCE_INDEX FTS_CONFIG("sentences_fts") \
    MIGRATE_4_TO_5_START
#define MIGRATE_3_TO_4_END \
    "DROP TABLE documents_fts;" \
    "INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild');" \
    "UPDATE meta SET value = '4' WHERE key = 'schema_version';"

/* ---- the FTS5 tokenizer ------------------------------------------------
** The index, the queries and the entity matcher share one tokenizer
** (tokenize.h): "NATO’s" indexes as "nato", "U.S." as "us", "Türkiye" as
** "turkiye", exactly as the gazetteer sees them.
**
** A new document's text is indexed a sentence at a time: its words were
** made once, by the entity stage (fl_doc's words; a text too large to
** keep them is tokenized afresh), and the store says
** which text the next insert hands FTS5 (expect_words); when FTS5 asks for
** the words of exactly those bytes, they are replayed. Anything else,
** titles and queries included, is tokenized afresh. The words handed to
** FTS5 for a document are counted (fl_db's doc_tokens): its length for
** BM25. */

typedef struct fts_token_ctx {
    void *fts_ctx;
    int (*x_token)(void *, int, const char *, int, int, int);
    int64_t *count;   /* words handed over, or NULL (a query) */
} fts_token_ctx;

static int fts_token(void *ctx, int flags, const char *token, size_t n, size_t start, size_t end) {
    (void)flags;
    fts_token_ctx *c = ctx;
    if (c->count) ++*c->count;
    return c->x_token(c->fts_ctx, 0, token, (int)n, (int)start, (int)end);
}

/* A text ends words where a space or a line break (or nothing) is next to
** it; then its words are the document's words inside it, and nothing at
** its edges (a dotted abbreviation, a possessive) reads differently. */
static int word_edge(const fl_db *db, size_t at) {
    return at == 0 || at >= db->doc_len || db->doc_text[at] == ' ' || db->doc_text[at] == '\n' ||
           db->doc_text[at - 1] == ' ' || db->doc_text[at - 1] == '\n';
}

/* The next insert hands FTS5 the document's bytes START..END. */
static void expect_words(fl_db *db, size_t start, size_t end) {
    db->expected = word_edge(db, start) && word_edge(db, end) ? db->doc_text + start : NULL;
    db->expect_len = end - start;
}

/* Replays the document's words inside the expected text, with offsets from
** its start; -1 when TEXT is not the expected text. */
static int replay_words(fl_db *db, const char *text, int n, fts_token_ctx *c) {
    if (!db->expected || !db->doc_words || (size_t)n != db->expect_len || memcmp(text, db->expected, (size_t)n) != 0)
        return -1;
    const tok_word *w = tok_words_list(db->doc_words);
    size_t n_words = tok_words_count(db->doc_words), lo = 0, hi = n_words;
    size_t at = (size_t)(db->expected - db->doc_text), stop = at + db->expect_len;
    while (lo < hi) {   /* the first word starting at or after the text */
        size_t mid = lo + (hi - lo) / 2;
        if (w[mid].start < at) lo = mid + 1;
        else hi = mid;
    }
    int rc = SQLITE_OK;
    for (; lo < n_words && w[lo].end <= stop && rc == SQLITE_OK; lo++)
        rc = fts_token(c, 0, db->doc_words->folds.data + w[lo].fold_at, w[lo].fold_len, w[lo].start - at,
                       w[lo].end - at);
    return rc;
}

static int fts_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out) {
    (void)argv, (void)argc;
    *out = (Fts5Tokenizer *)ctx;   /* the connection's fl_db */
    return SQLITE_OK;
}

static void fts_delete(Fts5Tokenizer *t) { (void)t; }

static int fts_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                        int (*x_token)(void *, int, const char *, int, int, int)) {
    fts_token_ctx c = {ctx, x_token, flags & FTS5_TOKENIZE_DOCUMENT ? &((fl_db *)t)->doc_tokens : NULL};
    if (flags & FTS5_TOKENIZE_DOCUMENT) {
        int rc = replay_words((fl_db *)t, text, n, &c);
        if (rc != -1) return rc;
    }
    return tok_run(text, (size_t)n, &c, fts_token);
}

/* flank_ids, the entity index's tokenizer: in a document, ids separated
** by spaces, each one word as written ("country:LY"); in a query, the
** whole quoted id is one word, so an id that cannot exist (with a space)
** matches nothing instead of making a phrase, which the index (no
** positions) refuses. */
static int ids_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                        int (*x_token)(void *, int, const char *, int, int, int)) {
    (void)t;
    if (flags & FTS5_TOKENIZE_QUERY) return n > 0 ? x_token(ctx, 0, text, n, 0, n) : SQLITE_OK;
    for (int i = 0, rc; i < n;) {
        while (i < n && text[i] == ' ') i++;
        int start = i;
        while (i < n && text[i] != ' ') i++;
        if (i > start && (rc = x_token(ctx, 0, text + start, i - start, start, i)) != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

/* Registers the "flank" and "flank_ids" tokenizers on this connection, and
** the auxiliary functions flank_hits, flank_exact and flank_postings. */
static int register_tokenizer(fl_db *db) {
    sqlite3 *sql = db->sql;
    static fts5_tokenizer tokenizer = {fts_create, fts_delete, fts_tokenize};
    static fts5_tokenizer ids_tokenizer = {fts_create, fts_delete, ids_tokenize};
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(sql, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return FL_EDB;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2) return FL_EDB;
    if (api->xCreateFunction(api, "flank_hits", NULL, store_hits_fn, NULL) != SQLITE_OK ||
        api->xCreateFunction(api, "flank_exact", NULL, store_exact_fn, NULL) != SQLITE_OK ||
        api->xCreateFunction(api, "flank_postings", NULL, store_postings_fn, NULL) != SQLITE_OK)
        return FL_EDB;
    if (api->xCreateTokenizer(api, "flank_ids", db, &ids_tokenizer, NULL) != SQLITE_OK) return FL_EDB;
    return api->xCreateTokenizer(api, "flank", db, &tokenizer, NULL) == SQLITE_OK ? FL_OK : FL_EDB;
}

int store_db_error(fl_db *db, char **errmsg, const char *what) {
    if (sqlite3_errcode(db->sql) == SQLITE_INTERRUPT && db->deadline.tv_sec)
        return err_set(errmsg, FL_ETIME, "%s: took longer than its time budget; narrow it down", what);
    return err_set(errmsg, FL_EDB, "%s: %s: %s", db->path, what, sqlite3_errmsg(db->sql));
}

/* SQLite's progress handler: non-zero (interrupt) past the deadline. */
static int past_deadline(void *ctx) {
    const fl_db *db = ctx;
    if (!db->deadline.tv_sec) return 0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > db->deadline.tv_sec ||
           (now.tv_sec == db->deadline.tv_sec && now.tv_nsec > db->deadline.tv_nsec);
}

void fl_db_time_budget(fl_db *db, unsigned ms) {
    if (!ms) {
        db->deadline.tv_sec = 0;
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &db->deadline);
    db->deadline.tv_sec += ms / 1000;   /* seconds since boot: never 0 */
    db->deadline.tv_nsec += (long)(ms % 1000) * 1000000;
    if (db->deadline.tv_nsec >= 1000000000) db->deadline.tv_sec++, db->deadline.tv_nsec -= 1000000000;
}

/* Runs SQL that returns one text row; FL_OK when it says WANT. */
static int expect_text(fl_db *db, const char *sql, const char *want, char **errmsg, const char *what) {
    sqlite3_stmt *st = NULL;
    int rc = FL_OK;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) return store_db_error(db, errmsg, what);
    int r = sqlite3_step(st);
    const char *got = r == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    if (r != SQLITE_ROW && r != SQLITE_DONE) rc = store_db_error(db, errmsg, what);
    else if (!got || strcmp(got, want) != 0)
        rc = err_set(errmsg, FL_EDB, "%s: %s: %s", db->path, what, got ? got : "failed");
    sqlite3_finalize(st);
    return rc;
}

/* Tunes the sentence index (FTS_CONFIG) once, when it is new: opening an
** existing database writes nothing. */
static int configure_fts(fl_db *db, char **errmsg) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, "SELECT 1 FROM sentences_fts_config WHERE k = 'hashsize'", -1, &st, NULL))
        return store_db_error(db, errmsg, "not a flank database");
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    if (r == SQLITE_ROW) return FL_OK;
    if (r != SQLITE_DONE ||
        sqlite3_exec(db->sql, FTS_CONFIG("sentences_fts"), NULL, NULL, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "cannot configure the full-text index");
    return FL_OK;
}

/* The schema version the database says it has; 0 for a new database. */
static int schema_version(fl_db *db) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &st, NULL))
        return 0;   /* no meta table */
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return v;
}

/* The tokens of an FTS5 docsize record: one SQLite varint per column. */
static int64_t docsize_tokens(const unsigned char *p, int n) {
    int64_t total = 0;
    for (int i = 0; i < n;) {
        uint64_t v = 0;
        int k = 0;
        while (i < n && k < 8 && (p[i] & 0x80)) v = (v << 7) | (p[i++] & 0x7f), k++;
        if (i < n) v = k == 8 ? (v << 8) | p[i++] : (v << 7) | p[i++];
        total += (int64_t)v;
    }
    return total;
}

/* doc_stats for a version 3 database, from its index of whole documents. */
static int fill_doc_stats(fl_db *db) {
    sqlite3_stmt *rd = NULL, *wr = NULL;
    int r = sqlite3_prepare_v2(db->sql,
                               "SELECT d.id, d.first_sentence, z.sz FROM documents d"
                               " JOIN documents_fts_docsize z ON z.id = d.id WHERE d.first_sentence IS NOT NULL",
                               -1, &rd, NULL);
    if (r == SQLITE_OK) r = sqlite3_prepare_v2(db->sql, "INSERT INTO doc_stats VALUES(?,?,?)", -1, &wr, NULL);
    while (r == SQLITE_OK && (r = sqlite3_step(rd)) == SQLITE_ROW) {
        sqlite3_bind_int64(wr, 1, sqlite3_column_int64(rd, 0));
        sqlite3_bind_int64(wr, 2, sqlite3_column_int64(rd, 1));
        sqlite3_bind_int64(wr, 3, docsize_tokens(sqlite3_column_blob(rd, 2), sqlite3_column_bytes(rd, 2)));
        r = sqlite3_step(wr) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(wr);
    }
    sqlite3_finalize(rd);
    sqlite3_finalize(wr);
    return r == SQLITE_DONE ? FL_OK : FL_EDB;
}

static void put_varint(buf *out, size_t v) {
    unsigned char b[10];
    size_t n = 0;
    for (; v >= 0x80; v >>= 7) b[n++] = (unsigned char)(v | 0x80);
    b[n++] = (unsigned char)v;
    buf_append(out, b, n);
}

static int get_varint(const unsigned char *p, size_t n, size_t *at, size_t *v) {
    *v = 0;
    for (unsigned shift = 0; *at < n && shift < 64; shift += 7) {
        unsigned char c = p[(*at)++];
        *v |= (size_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) return 1;
    }
    return 0;
}

void spans_put(buf *out, size_t *prev_end, size_t start, size_t end) {
    put_varint(out, start - *prev_end);
    put_varint(out, end - start);
    *prev_end = end;
}

int spans_next(const unsigned char *p, size_t n, size_t *at, size_t *prev_end, size_t *start, size_t *end) {
    size_t gap, len;
    if (*at >= n || !get_varint(p, n, at, &gap) || !get_varint(p, n, at, &len)) return 0;
    *start = *prev_end + gap;
    *end = *prev_end = *start + len;
    return 1;
}

/* documents.spans of a version 4 database, from its sentences rows (in
** the order of their ids, which is each document's order). */
static int fill_spans(fl_db *db) {
    sqlite3_stmt *rd = NULL, *wr = NULL;
    buf spans;
    buf_init(&spans, BUF_NO_LIMIT);
    int rc = sqlite3_prepare_v2(db->sql, "SELECT doc_id, start, end FROM sentences ORDER BY id", -1, &rd, NULL) ||
                     sqlite3_prepare_v2(db->sql, "UPDATE documents SET spans = ?1 WHERE id = ?2", -1, &wr, NULL)
                 ? FL_EDB : FL_OK;
    int64_t doc = -1;
    size_t prev_end = 0;
    while (rc == FL_OK) {
        int r = sqlite3_step(rd);
        if (r != SQLITE_ROW && r != SQLITE_DONE) rc = FL_EDB;
        int64_t next = r == SQLITE_ROW ? sqlite3_column_int64(rd, 0) : -1;
        if (rc == FL_OK && doc >= 0 && next != doc) {   /* DOC's sentences are all read */
            sqlite3_bind_blob(wr, 1, spans.data ? spans.data : "", (int)spans.len, SQLITE_STATIC);
            sqlite3_bind_int64(wr, 2, doc);
            rc = spans.rc != FL_OK ? spans.rc : sqlite3_step(wr) == SQLITE_DONE ? FL_OK : FL_EDB;
            sqlite3_reset(wr);
        }
        if (rc != FL_OK || r == SQLITE_DONE) break;
        if (next != doc) doc = next, prev_end = 0, buf_reset(&spans);
        spans_put(&spans, &prev_end, (size_t)sqlite3_column_int64(rd, 1), (size_t)sqlite3_column_int64(rd, 2));
    }
    sqlite3_finalize(rd);
    sqlite3_finalize(wr);
    buf_release(&spans);
    return rc;
}

/* Brings a database of schema version 2, 3 or 4 to this one, in one
** transaction; the version is read again inside it, since another
** connection may have just done it. Any other version is refused by the
** check after the schema. */
static int upgrade(fl_db *db, char **errmsg) {
    int v = schema_version(db);
    if (v < 2 || v > 4) return FL_OK;
    if (sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "cannot upgrade the database");
    v = schema_version(db);
    int ok = v != 2 || sqlite3_exec(db->sql, migrate_2_to_3, NULL, NULL, NULL) == SQLITE_OK;
    if (ok && (v == 2 || v == 3))
        ok = sqlite3_exec(db->sql, MIGRATE_3_TO_4_START, NULL, NULL, NULL) == SQLITE_OK &&
             fill_doc_stats(db) == FL_OK && sqlite3_exec(db->sql, MIGRATE_3_TO_4_END, NULL, NULL, NULL) == SQLITE_OK;
    else if (ok && v == 4)
        ok = sqlite3_exec(db->sql, MIGRATE_4_TO_5_START, NULL, NULL, NULL) == SQLITE_OK;
    if (ok && v >= 2 && v <= 4)
        ok = fill_spans(db) == FL_OK && sqlite3_exec(db->sql, MIGRATE_4_TO_5_END, NULL, NULL, NULL) == SQLITE_OK;
    if (ok && sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) return FL_OK;
    int rc = store_db_error(db, errmsg, "cannot upgrade the database");
    sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Memory statistics take a process-wide mutex on every allocation; with
** one connection per server thread that mutex was the bottleneck. It must
** be set before SQLite initialises, once. */
static pthread_once_t sqlite_configured = PTHREAD_ONCE_INIT;

static void configure_sqlite(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/* The integer a one-row statement answers; -1 when it fails. */
static int64_t sql_int(fl_db *db, const char *sql) {
    sqlite3_stmt *st = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Reads, before anything is written, what the file holds: *version is 0
** for an empty database, else its flank schema version. A file that is
** not SQLite, or an SQLite database of another application, is refused
** by name. */
static int identify(fl_db *db, int *version, char **errmsg) {
    *version = 0;
    int64_t app = sql_int(db, "PRAGMA application_id");
    int64_t tables = sql_int(db, "SELECT count(*) FROM sqlite_schema");
    int code = sqlite3_extended_errcode(db->sql) & 0xff;
    if ((app < 0 || tables < 0) && code == SQLITE_READONLY)
        return err_set(errmsg, FL_EDB, "%s: cannot write the database (read-only file or folder)", db->path);
    if (app < 0 || tables < 0)
        return err_set(errmsg, FL_EDB, "%s: %s: %s", db->path,
                       code == SQLITE_NOTADB ? "not a flank database" : "cannot read the database",
                       sqlite3_errmsg(db->sql));
    if (app == APPLICATION_ID) *version = (int)sql_int(db, "PRAGMA user_version");
    else if (app == 0 && tables > 0 && sql_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'documents'") == 1)
        *version = schema_version(db);
    if ((app != 0 && app != APPLICATION_ID) || (tables > 0 && *version <= 1))
        return err_set(errmsg, FL_EDB, "%s: not a flank database (an SQLite database of something else); "
                       "name a flank database or a new file", db->path);
    if (*version > SCHEMA_N)
        return err_set(errmsg, FL_EDB, "%s: made by a newer flank (schema version %d; this one knows %d): "
                       "use that flank", db->path, *version, SCHEMA_N);
    return FL_OK;
}

/* A reader's checks: the file exists, is flank's, and needs no upgrade. */
static int check_readable(fl_db *db, int version, char **errmsg) {
    if (version == 0)
        return err_set(errmsg, FL_EDB, "%s: an empty database; 'flank ingest --db %s SOURCE' fills it", db->path,
                       db->path);
    if (version < SCHEMA_N)
        return err_set(errmsg, FL_EDB, "%s: made by an earlier flank (schema version %d); "
                       "'flank check --repair --db %s' upgrades it", db->path, version, db->path);
    return FL_OK;
}

/* A writer's setup: WAL, the upgrade of an earlier version, the schema of
** a new database, and the header that marks it as flank's. */
static int prepare_writable(fl_db *db, char **errmsg) {
    if (sqlite3_db_readonly(db->sql, "main") == 1)
        return err_set(errmsg, FL_EDB, "%s: cannot write the database (read-only file or folder)", db->path);
    int rc = FL_OK;
    if (sqlite3_exec(db->sql, "PRAGMA page_size=" PAGE_SIZE "; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                     NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "cannot switch to WAL");
    if (rc == FL_OK) rc = upgrade(db, errmsg);
    /* One transaction (deferred: an existing database is not locked when
    ** there is nothing to create): a new database's tables, indexes and
    ** settings are written once, not a WAL frame set per statement (with
    ** 16 KiB pages that passed a megabyte), and all or none of them. */
    if (rc == FL_OK && sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "cannot create the schema");
    int began = rc == FL_OK;
    int had_months = began && store_has_table(db, "entity_months");
    int had_pairs = began && store_has_table(db, "co_mentions");
    int had_rel_counts = began && store_has_table(db, "relation_counts");
    int had_edges = began && store_has_table(db, "relation_edges");
    int had_claim_entities = began && store_has_table(db, "claim_entities");
    if (rc == FL_OK && (sqlite3_exec(db->sql, schema, NULL, NULL, NULL) != SQLITE_OK ||
                        sqlite3_exec(db->sql, SUMMARY_SCHEMA, NULL, NULL, NULL) != SQLITE_OK))
        rc = store_db_error(db, errmsg, "cannot create the schema");
    if (rc == FL_OK && !had_months && sqlite3_exec(db->sql, FILL_MONTHS, NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "cannot fill the entity counts");
    if (rc == FL_OK && !had_pairs && sqlite3_exec(db->sql, FILL_PAIRS, NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "cannot fill the co-mention counts");
    if (rc == FL_OK && !had_rel_counts && sqlite3_exec(db->sql, FILL_REL_COUNTS, NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "cannot fill the relation counts");
    if (rc == FL_OK && !had_edges && sqlite3_exec(db->sql, FILL_EDGES, NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "cannot fill the relation edges");
    if (rc == FL_OK && !had_claim_entities && sqlite3_exec(db->sql, FILL_CLAIM_ENTITIES, NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "cannot fill the entities of the claims");
    if (rc == FL_OK)
        rc = expect_text(db, "SELECT value FROM meta WHERE key = 'schema_version'", SCHEMA_VERSION, errmsg,
                         "made by another version of flank (schema version differs); "
                         "ingest the sources into a new database");
    if (rc == FL_OK && (sql_int(db, "PRAGMA application_id") != APPLICATION_ID ||
                        sql_int(db, "PRAGMA user_version") != SCHEMA_N) &&
        sqlite3_exec(db->sql, "PRAGMA application_id = " DECIMAL(APPLICATION_ID) "; PRAGMA user_version = "
                              SCHEMA_VERSION ";", NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "cannot mark the database as flank's");
    if (rc == FL_OK) rc = configure_fts(db, errmsg);
    if (rc == FL_OK && began && sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "cannot create the schema");
    if (rc != FL_OK && began) sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Opens DB's connection to PATH with FLAGS and registers flank's functions. */
static int connect(fl_db *db, const char *path, int flags, char **errmsg) {
    if (sqlite3_open_v2(path, &db->sql, flags, NULL) != SQLITE_OK) return store_db_error(db, errmsg, "cannot open");
    sqlite3_busy_timeout(db->sql, 10000);
    sqlite3_progress_handler(db->sql, 4000, past_deadline, db);
    return register_tokenizer(db) == FL_OK ? FL_OK : store_db_error(db, errmsg, "no FTS5 in this SQLite");
}

/* A WAL database in a folder this user cannot write, with no -wal file
** (the last writer checkpointed and removed it): SQLite cannot make the
** shared-memory file readers need, but the database file alone is the
** whole database, and no writer can be at work without that folder. */
static int unshared_wal(fl_db *db) {
    int code = sqlite3_extended_errcode(db->sql) & 0xff;
    if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN) return 0;
    buf wal;
    buf_init(&wal, BUF_NO_LIMIT);
    buf_printf(&wal, "%s-wal", db->path);
    struct stat st;
    int none = wal.rc == FL_OK && stat(buf_cstr(&wal), &st) != 0 && errno == ENOENT;
    buf_release(&wal);
    return none;
}

/* Opens DB->path as an immutable file (a URI: '%', '?' and '#' escaped). */
static int connect_immutable(fl_db *db, char **errmsg) {
    buf uri;
    buf_init(&uri, BUF_NO_LIMIT);
    buf_puts(&uri, "file:");
    const char *p = db->path;
    if (p[0] == '/' && p[1] == '/') p++;   /* "file://" would start a host name */
    for (; *p; p++)
        if (*p == '%' || *p == '?' || *p == '#') buf_printf(&uri, "%%%02X", (unsigned char)*p);
        else buf_putc(&uri, *p);
    buf_puts(&uri, "?immutable=1");
    int rc = uri.rc != FL_OK ? err_set(errmsg, uri.rc, "%s", fl_strerror(uri.rc))
                             : connect(db, buf_cstr(&uri), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                                       errmsg);
    buf_release(&uri);
    return rc;
}

int fl_db_open_mode(const char *path, int mode, fl_db **out, char **errmsg) {
    *out = NULL;
    pthread_once(&sqlite_configured, configure_sqlite);
    if (mode != FL_DB_WRITE && access(path, F_OK) != 0)
        return err_set(errmsg, FL_ENOTFOUND, "%s: no such database; 'flank ingest --db %s SOURCE' makes one", path,
                       path);
    fl_db *db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(path))) {
        free(db);
        return err_set(errmsg, FL_ENOMEM, "out of memory");
    }
    db->max_batch_docs = FL_BATCH_DOCS;
    keytab_init(&db->count_ids);
    int rc = FL_OK, version = 0;
    /* NOMUTEX: a handle is used by one thread at a time (flank.h). */
    int flags = mode == FL_DB_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                : mode == FL_DB_VERIFY && access(path, W_OK) == 0 ? SQLITE_OPEN_READWRITE
                : SQLITE_OPEN_READONLY;
    flags |= SQLITE_OPEN_NOMUTEX;
    rc = connect(db, path, flags, errmsg);
    if (rc == FL_OK) rc = identify(db, &version, errmsg);
    if (rc != FL_OK && mode != FL_DB_WRITE && unshared_wal(db)) {
        if (errmsg) fl_free(*errmsg), *errmsg = NULL;   /* read it as a file nobody writes */
        sqlite3_close(db->sql);
        db->sql = NULL;
        rc = connect_immutable(db, errmsg);
        if (rc == FL_OK) rc = identify(db, &version, errmsg);
    }
    if (rc == FL_OK && sqlite3_exec(db->sql, CACHE_PAGES, NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "cannot set the cache size");
    if (rc == FL_OK) rc = mode == FL_DB_WRITE ? prepare_writable(db, errmsg) : check_readable(db, version, errmsg);
    if (rc != FL_OK) {
        fl_db_close(db);
        return rc;
    }
    *out = db;
    return FL_OK;
}

int fl_db_open(const char *path, fl_db **out, char **errmsg) {
    return fl_db_open_mode(path, FL_DB_WRITE, out, errmsg);
}

/* ---- the entity ids a connection has written ------------------------- */

/* The slot of ID in db->entity_ids: where it is, or the empty one where
** it would go. The table is never full (kept at most half used). */
static char **entity_slot(fl_db *db, const char *id) {
    size_t mask = db->cap_entity_ids - 1;
    char **slot = &db->entity_ids[(size_t)fnv1a(id, strlen(id)) & mask];
    while (*slot && strcmp(*slot, id) != 0) slot = &db->entity_ids[(size_t)(slot - db->entity_ids + 1) & mask];
    return slot;
}

static int entity_written(fl_db *db, const char *id) {
    return db->cap_entity_ids && *entity_slot(db, id);
}

/* Remembers ID as written; a failure to remember only costs a later upsert. */
static void remember_entity(fl_db *db, const char *id) {
    if (2 * (db->n_entity_ids + 1) > db->cap_entity_ids) {
        size_t old_cap = db->cap_entity_ids, cap = old_cap ? 2 * old_cap : 256;
        char **old = db->entity_ids, **fresh = calloc(cap, sizeof *fresh);
        if (!fresh) return;
        db->entity_ids = fresh;
        db->cap_entity_ids = cap;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i]) *entity_slot(db, old[i]) = old[i];
        free(old);
    }
    char **slot = entity_slot(db, id);
    if (!*slot && (*slot = strdup(id))) db->n_entity_ids++;
}

static void forget_entities(fl_db *db) {
    for (size_t i = 0; i < db->cap_entity_ids; i++) free(db->entity_ids[i]);
    free(db->entity_ids);
    db->entity_ids = NULL;
    db->n_entity_ids = db->cap_entity_ids = 0;
}

/* Ends the open batch without keeping it. */
static void roll_back(fl_db *db) {
    sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    db->in_batch = 0;
    db->batch_docs = 0;
    forget_entities(db);
    store_drop_counts(db);
    store_reader_forget(db->reader);
}

/* The prepared statement ID, reset and unbound, or NULL on error. */
static sqlite3_stmt *stmt(fl_db *db, enum stmt_id id) {
    if (!db->stmts[id]) {
        if (sqlite3_prepare_v3(db->sql, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &db->stmts[id],
                               NULL) != SQLITE_OK)
            return NULL;
    } else {
        sqlite3_reset(db->stmts[id]);
        sqlite3_clear_bindings(db->stmts[id]);
    }
    return db->stmts[id];
}

void fl_db_close(fl_db *db) {
    if (!db) return;
    fl_db_commit(db, NULL);
    store_reader_free(db->reader);
    for (int i = 0; i < N_STMTS; i++) sqlite3_finalize(db->stmts[i]);
    sqlite3_close(db->sql);
    forget_entities(db);
    store_drop_counts(db);
    free(db->path);
    free(db);
}

/* ---- adding a document ------------------------------------------------- */

static int step_done(sqlite3_stmt *st) {
    int r = sqlite3_step(st);
    return r == SQLITE_DONE || r == SQLITE_ROW ? FL_OK : FL_EDB;
}

static void iso_now(char out[32]) {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int find_sha(fl_db *db, const char *sha, int64_t *id) {
    sqlite3_stmt *st = stmt(db, ST_FIND_SHA);
    *id = 0;
    if (!st) return FL_EDB;
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? FL_OK : FL_EDB;
}

/* Runs ST with its bindings made by the caller, then resets it. */
static int run_stmt(sqlite3_stmt *st) {
    int rc = step_done(st);
    sqlite3_reset(st);
    return rc;
}

/* Runs ST, an insert into the full-text index of the document's bytes
** START..END (bound by the caller), with their words replayed; then
** forgets them: the text is the caller's and goes after fl_db_add. */
static int step_fts(fl_db *db, sqlite3_stmt *st, size_t start, size_t end) {
    expect_words(db, start, end);
    int rc = step_done(st);
    sqlite3_reset(st);
    db->expected = NULL;
    return rc;
}

/* The id the next sentence row gets: sentence ids are given at insert, so
** that a document's row is written once with its range of sentence ids
** (an UPDATE afterwards rewrote the whole row, text included: a 60 MB
** document was read back and written again). */
static int next_sentence_id(fl_db *db, int64_t *id) {
    sqlite3_stmt *st = stmt(db, ST_NEXT_SENT);
    if (!st) return FL_EDB;
    int r = sqlite3_step(st);
    *id = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r == SQLITE_ROW ? FL_OK : FL_EDB;
}

/* The document's row; its sentences will have the ids FIRST, FIRST + 1... */
static int insert_document(fl_db *db, const fl_doc *d, int64_t first, int64_t *id) {
    sqlite3_stmt *st = stmt(db, ST_ADD_DOC);
    if (!st) return FL_EDB;
    json_t *authors = json_array();
    for (size_t i = 0; i < d->meta.n_authors; i++)
        json_array_append_new(authors, json_string(d->meta.authors[i]));
    char *authors_json = json_dumps(authors, JSON_COMPACT);
    json_decref(authors);
    char now[32];
    iso_now(now);
    sqlite3_bind_text(st, 1, d->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, d->meta.title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, authors_json ? authors_json : "[]", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, d->meta.published, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, d->language, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, d->meta.site_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, d->meta.canonical_url, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 10, (sqlite3_int64)d->seg.n_sents);
    sqlite3_bind_text(st, 11, d->text, (int)d->text_len, SQLITE_STATIC);
    buf spans;
    buf_init(&spans, BUF_NO_LIMIT);
    size_t prev_end = 0;
    for (size_t i = 0; i < d->seg.n_sents; i++)
        spans_put(&spans, &prev_end, d->seg.sents[i].start, d->seg.sents[i].end);
    sqlite3_bind_blob(st, 12, spans.data ? spans.data : "", (int)spans.len, SQLITE_STATIC);
    if (d->seg.n_sents) {
        sqlite3_bind_int64(st, 13, first);
        sqlite3_bind_int64(st, 14, first + (int64_t)d->seg.n_sents - 1);
    } else {
        sqlite3_bind_null(st, 13);
        sqlite3_bind_null(st, 14);
    }
    int rc = spans.rc == FL_OK ? step_done(st) : spans.rc;
    buf_release(&spans);
    sqlite3_reset(st);
    free(authors_json);
    *id = sqlite3_last_insert_rowid(db->sql);
    return rc;
}

/* A document of more than LARGE_TEXT bytes of text is stored with the
** small cache of a stream, its changed pages written to the WAL (and the
** cache emptied) after each step and every TRIM_SENTENCES sentences: its
** text's overflow pages and its index's pages otherwise stayed in the
** cache, 170 MB of it for a 60 MB text, however small the cache was set
** (bench/README.md, "Memory of a large input"). Smaller documents, the
** common case, keep the cache as it is. */
#define LARGE_TEXT (4u << 20)
#define TRIM_SENTENCES 1024

static void cache_trim(fl_db *db) {
    sqlite3_db_cacheflush(db->sql);   /* best effort: a failing write fails the commit too */
    sqlite3_db_release_memory(db->sql);
}

/* The sentences rows (ids FIRST...), their index rows (the title with the
** first) and the document's doc_stats row. */
static int insert_sentences(fl_db *db, const fl_doc *d, int64_t doc_id, int64_t first) {
    sqlite3_stmt *st = stmt(db, ST_ADD_SENT), *fts = stmt(db, ST_ADD_SENT_FTS);
    int rc = st && fts ? FL_OK : FL_EDB;
    db->doc_words = d->words.words.data ? &d->words : NULL;   /* a large text keeps none (doc.c) */
    db->doc_text = d->text;
    db->doc_len = d->text_len;
    db->doc_tokens = 0;
    for (size_t i = 0; i < d->seg.n_sents && rc == FL_OK; i++) {
        const seg_span *s = &d->seg.sents[i];
        int64_t id = first + (int64_t)i;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, doc_id);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)s->para);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)s->start);
        sqlite3_bind_int64(st, 6, (sqlite3_int64)s->end);
        rc = step_done(st);
        sqlite3_reset(st);
        sqlite3_bind_int64(fts, 1, id);
        sqlite3_bind_text(fts, 2, i == 0 ? d->meta.title : NULL, -1, SQLITE_STATIC);
        sqlite3_bind_text(fts, 3, d->text + s->start, (int)(s->end - s->start), SQLITE_STATIC);
        if (rc == FL_OK) rc = step_fts(db, fts, s->start, s->end);
        if (d->text_len > LARGE_TEXT && i % TRIM_SENTENCES == TRIM_SENTENCES - 1) cache_trim(db);
    }
    if (rc != FL_OK || d->seg.n_sents == 0) return rc;
    if (!(st = stmt(db, ST_ADD_DOC_STATS))) return FL_EDB;
    sqlite3_bind_int64(st, 1, doc_id);
    sqlite3_bind_int64(st, 2, first);
    sqlite3_bind_int64(st, 3, db->doc_tokens);
    return run_stmt(st);
}

/* The entity row of ID: the pack's name and type, else the document's own
** entity's (names.h), else the id and its prefix. */
static int insert_entity(fl_db *db, const gaz_pack *pack, const gaz_result *ents, const char *id) {
    if (entity_written(db, id)) return FL_OK;
    sqlite3_stmt *st = stmt(db, ST_ADD_ENTITY);
    const gaz_entity *e = pack ? gaz_get(pack, id) : NULL;
    const gaz_local *l = e ? NULL : gaz_result_local(ents, id);
    if (!st) return FL_EDB;
    const char *colon = strchr(id, ':');
    char type[32];
    snprintf(type, sizeof type, "%.*s", colon ? (int)(colon - id) : 0, id);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, e ? e->name : l ? l->name : id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, e ? e->type : l ? l->type : type, -1, SQLITE_TRANSIENT);
    int rc = run_stmt(st);
    if (rc == FL_OK) remember_entity(db, id);
    return rc;
}

static int mention_cmp(const void *a, const void *b) {
    const annot_mention *x = *(const annot_mention *const *)a, *y = *(const annot_mention *const *)b;
    int c = strcmp(x->id, y->id);
    return c ? c : x->start < y->start ? -1 : x->start > y->start;
}

/* ---- counts kept per batch -------------------------------------------- */

struct count {
    uint64_t key;    /* (first's number + 1) << 32 | (second's number + 1); 0: an empty slot */
    int64_t documents, mentions;
};

#define PAIRS_FLUSH_AT 1000000   /* pairs held before they are written, mid-batch */

static void drop(counts *c) {
    free(c->slot);
    c->slot = NULL;
    c->n = c->cap = 0;
}

void store_drop_counts(fl_db *db) {
    keytab_release(&db->count_ids);
    free(db->count_id_at);
    db->count_id_at = NULL;
    db->cap_count_id_at = 0;
    drop(&db->pairs);
    drop(&db->months);
}

/* The number of S in the batch's counts, given it when new; -1 when out of
** memory. The counts are keyed by two numbers: a document's pairs then
** cost a hash of each of its ids, not of each pair. A string is kept with
** its NUL, so that its number's text is a C string (count_id_text). */
static long count_id(fl_db *db, const char *s) {
    int added;
    size_t n = strlen(s) + 1;
    long k = keytab_get(&db->count_ids, s, n, &added);
    if (k < 0 || !added) return k;
    if ((size_t)k == db->cap_count_id_at &&
        array_grow(&db->count_id_at, &db->cap_count_id_at, sizeof *db->count_id_at, 256) != FL_OK)
        return -1;
    db->count_id_at[k] = db->count_ids.keys.len - n;
    return k;
}

static const char *count_id_text(const fl_db *db, uint64_t k) {
    return db->count_ids.keys.data + db->count_id_at[k];
}

/* A count to write: its two strings. */
typedef struct count_row {
    const char *first, *second;
    const struct count *count;
} count_row;

static int count_row_cmp(const void *a, const void *b) {
    const count_row *x = a, *y = b;
    int c = strcmp(x->first, y->first);
    return c ? c : strcmp(x->second, y->second);
}

/* Adds C's counts to their table with statement ID, in the order of the
** table's key, so that the upserts walk its B-tree from one end to the
** other. */
static int flush(fl_db *db, const counts *c, enum stmt_id id) {
    count_row *rows = malloc((c->n ? c->n : 1) * sizeof *rows);
    if (!rows) return FL_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < c->cap; i++) {
        const struct count *p = &c->slot[i];
        if (p->key)
            rows[n++] = (count_row){count_id_text(db, (p->key >> 32) - 1),
                                    count_id_text(db, (p->key & 0xffffffff) - 1), p};
    }
    qsort(rows, n, sizeof *rows, count_row_cmp);
    int rc = FL_OK;
    for (size_t i = 0; i < n && rc == FL_OK; i++) {
        sqlite3_stmt *st = stmt(db, id);
        if (!st) {
            rc = FL_EDB;
            break;
        }
        sqlite3_bind_text(st, 1, rows[i].first, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, rows[i].second, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, rows[i].count->documents);
        sqlite3_bind_int64(st, 4, rows[i].count->mentions);
        rc = run_stmt(st);
    }
    free(rows);
    return rc;
}

int store_flush_counts(fl_db *db) {
    int rc = flush(db, &db->pairs, ST_ADD_PAIR);
    if (rc == FL_OK) rc = flush(db, &db->months, ST_ADD_MONTH);
    if (rc == FL_OK) store_drop_counts(db);
    return rc;
}

/* The slot of KEY in C: where it is, or the empty one where it would go
** (the table is kept at most half full). */
static struct count *count_slot(const counts *c, uint64_t key) {
    size_t mask = c->cap - 1, i = (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & mask;
    while (c->slot[i].key && c->slot[i].key != key) i = (i + 1) & mask;
    return &c->slot[i];
}

static int grow(counts *c) {
    size_t old_cap = c->cap, cap = old_cap ? 2 * old_cap : 4096;
    struct count *old = c->slot, *fresh = calloc(cap, sizeof *fresh);
    if (!fresh) return FL_ENOMEM;
    c->slot = fresh;
    c->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key) *count_slot(c, old[i].key) = old[i];
    free(old);
    return FL_OK;
}

/* Counts one document in which string number A meets string number B, N
** times (a pair: entity A, mentioned or related, and entity B mentioned;
** a month: entity A mentioned in a document of month B). */
static int count(counts *c, long a, long b, size_t n) {
    if (2 * (c->n + 1) > c->cap && grow(c) != FL_OK) return FL_ENOMEM;
    uint64_t key = (uint64_t)(a + 1) << 32 | (uint64_t)(b + 1);
    struct count *p = count_slot(c, key);
    if (!p->key) {
        p->key = key;
        c->n++;
    }
    p->documents++;
    p->mentions += (int64_t)n;
    return FL_OK;
}

/* The month of publication entity_months files a document under: the
** first 7 characters of PUBLISHED (SQL's substr counts characters), ""
** for none, in OUT. */
static void month_of(const char *published, char out[32]) {
    size_t i = 0, chars = 0;
    while (published && published[i] && i < 28) {
        if (((unsigned char)published[i] & 0xC0) != 0x80 && chars++ == 7) break;
        i++;
    }
    memcpy(out, published ? published : "", i);
    out[i] = '\0';
}

/* Writes one mentions row for the entity of RUN[0..n). */
static int insert_mention_row(fl_db *db, const gaz_pack *pack, const gaz_result *ents, int64_t doc_id,
                              const char *published, const annot_mention *const *run, size_t n, buf *spans) {
    buf_reset(spans);
    buf_putc(spans, '[');
    for (size_t k = 0; k < n; k++) {
        buf_puts(spans, k ? ",[" : "[");
        buf_put_size(spans, run[k]->start);
        buf_putc(spans, ',');
        buf_put_size(spans, run[k]->end);
        buf_putc(spans, ']');
    }
    buf_putc(spans, ']');
    sqlite3_stmt *st;
    if (insert_entity(db, pack, ents, run[0]->id) != FL_OK || spans->rc != FL_OK || !(st = stmt(db, ST_ADD_MENTION)))
        return FL_EDB;
    sqlite3_bind_int64(st, 1, doc_id);
    sqlite3_bind_text(st, 2, run[0]->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)n);
    sqlite3_bind_text(st, 4, spans->data, (int)spans->len, SQLITE_STATIC);
    int rc = run_stmt(st);
    if (rc != FL_OK) return rc;
    char month[32];
    month_of(published, month);
    long a = count_id(db, run[0]->id), b = count_id(db, month);
    return a < 0 || b < 0 ? FL_ENOMEM : count(&db->months, a, b, n);
}

/* The mentions of a new document, one row per entity: sorted by id, each
** run of one id is a row. */
static int insert_mentions(fl_db *db, const gaz_pack *pack, const fl_doc *d, int64_t doc_id) {
    size_t n = d->ents.n_mentions;
    const annot_mention **by_id = malloc((n ? n : 1) * sizeof *by_id);
    if (!by_id) return FL_ENOMEM;
    for (size_t i = 0; i < n; i++) by_id[i] = &d->ents.mentions[i];
    qsort(by_id, n, sizeof *by_id, mention_cmp);
    buf spans;
    buf_init(&spans, BUF_NO_LIMIT);
    int rc = FL_OK;
    for (size_t i = 0, k; i < n && rc == FL_OK; i = k) {
        for (k = i + 1; k < n && strcmp(by_id[k]->id, by_id[i]->id) == 0; k++) continue;
        rc = insert_mention_row(db, pack, &d->ents, doc_id, d->meta.published, by_id + i, k - i, &spans);
    }
    buf_release(&spans);
    free(by_id);
    return rc;
}

static int str_cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Counts the co-mentions of a new document: each of its IDS (sorted,
** repeated) with each other entity it mentions, and how often. */
static int count_pairs(fl_db *db, const fl_doc *d, const char *const *ids, size_t n_ids) {
    size_t n = d->ents.n_mentions;
    const char **m = malloc((n ? n : 1) * sizeof *m);
    long *other = malloc((n ? n : 1) * sizeof *other);   /* the number of each entity mentioned */
    size_t *times = malloc((n ? n : 1) * sizeof *times), n_other = 0;
    int rc = m && other && times ? FL_OK : FL_ENOMEM;
    for (size_t i = 0; i < n && rc == FL_OK; i++) m[i] = d->ents.mentions[i].id;
    if (rc == FL_OK) qsort(m, n, sizeof *m, str_cmp);
    for (size_t j = 0, k; j < n && rc == FL_OK; j = k, n_other++) {
        for (k = j + 1; k < n && strcmp(m[k], m[j]) == 0; k++) continue;
        if ((other[n_other] = count_id(db, m[j])) < 0) rc = FL_ENOMEM;
        times[n_other] = k - j;
    }
    for (size_t i = 0; i < n_ids && rc == FL_OK; i++) {
        if (i && strcmp(ids[i], ids[i - 1]) == 0) continue;
        long a = count_id(db, ids[i]);
        if (a < 0) rc = FL_ENOMEM;
        for (size_t j = 0; j < n_other && rc == FL_OK; j++)
            if (other[j] != a) rc = count(&db->pairs, a, other[j], times[j]);
    }
    free(times);
    free(other);
    free(m);
    if (rc == FL_OK && db->pairs.n > PAIRS_FLUSH_AT) rc = store_flush_counts(db);
    return rc;
}

/* The entity index's row of a new document: the ids it mentions or
** relates, each once, as the view entity_ids lists them; and its
** co-mentions, counted. */
static int insert_entity_ids(fl_db *db, const fl_doc *d, int64_t doc_id) {
    size_t n = 0, cap = d->ents.n_mentions + 2 * d->n_rels;
    const char **ids = malloc((cap ? cap : 1) * sizeof *ids);
    if (!ids) return FL_ENOMEM;
    for (size_t i = 0; i < d->ents.n_mentions; i++) ids[n++] = d->ents.mentions[i].id;
    for (size_t i = 0; i < d->n_rels; i++) {
        ids[n++] = d->rels[i].subject;
        if (d->rels[i].object) ids[n++] = d->rels[i].object;
    }
    qsort(ids, n, sizeof *ids, str_cmp);
    buf text;
    buf_init(&text, BUF_NO_LIMIT);
    for (size_t i = 0; i < n; i++) {
        if (i && strcmp(ids[i], ids[i - 1]) == 0) continue;
        if (text.len) buf_putc(&text, ' ');
        buf_puts(&text, ids[i]);
    }
    int rc = count_pairs(db, d, ids, n);
    free(ids);
    sqlite3_stmt *st = NULL;
    if (rc == FL_OK) rc = text.rc;
    if (rc == FL_OK && text.len && !(st = stmt(db, ST_ADD_ENTITY_IDS))) rc = FL_EDB;
    if (st) {
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_text(st, 2, text.data, (int)text.len, SQLITE_STATIC);
        rc = run_stmt(st);
    }
    buf_release(&text);
    return rc;
}

/* The stances of D's relation REL, stored as relation ROW_ID: those from
** *K on (stances come in relation order); *K moves past them. */
static int insert_stances(fl_db *db, const fl_doc *d, size_t rel, int64_t row_id, size_t *k) {
    int rc = FL_OK;
    while (*k < d->n_stances && d->stances[*k].rel < rel) (*k)++;
    for (; rc == FL_OK && *k < d->n_stances && d->stances[*k].rel == rel; (*k)++) {
        sqlite3_stmt *st = stmt(db, ST_ADD_STANCE);
        if (!st) return FL_EDB;
        sqlite3_bind_int64(st, 1, row_id);
        sqlite3_bind_text(st, 2, d->stances[*k].holder, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, stance_name(d->stances[*k].stance), -1, SQLITE_STATIC);
        rc = run_stmt(st);
    }
    return rc;
}

/* Does the map (relation_counts) and the graph (relation_edges) count R:
** a relation with an object, not negated? */
static int on_map(const annot_relation *r) {
    return r->object && strcmp(rel_modality_name(r->modality), "negated") != 0;
}

static int edge_cmp(const void *a, const void *b) {
    const annot_relation *x = *(const annot_relation *const *)a, *y = *(const annot_relation *const *)b;
    int c = strcmp(x->subject, y->subject);
    if (!c) c = strcmp(x->predicate, y->predicate);
    if (!c) c = strcmp(x->object, y->object);
    return c ? c : strcmp(x->date, y->date);
}

/* Adds N relations of R's subject, predicate and object at DATE, and the
** document, to relation_edges. */
static int add_edge(fl_db *db, const annot_relation *r, const char *date, size_t n) {
    sqlite3_stmt *st = stmt(db, ST_ADD_EDGE);
    if (!st) return FL_EDB;
    sqlite3_bind_text(st, 1, r->subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->predicate, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, r->object, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, date, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)n);
    return run_stmt(st);
}

/* The graph's edges of a new document's relations, as COUNT_EDGES counts
** them, added row by row: an INSERT ... SELECT of those counts writes
** several rows, so SQLite opened a statement savepoint for it, and FTS5
** writes its pending index to disk at every savepoint: the batch's
** sentence and entity indexes became a segment per document, merged
** again and again (bench/README.md, "Ingest without the parser's
** share"). */
static int insert_edges(fl_db *db, const fl_doc *d) {
    const annot_relation **e = malloc((d->n_rels ? d->n_rels : 1) * sizeof *e);
    if (!e) return FL_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < d->n_rels; i++)
        if (on_map(&d->rels[i])) e[n++] = &d->rels[i];
    qsort(e, n, sizeof *e, edge_cmp);
    int rc = FL_OK;
    for (size_t i = 0, j; i < n && rc == FL_OK; i = j) {
        for (j = i + 1; j < n && strcmp(e[j]->subject, e[i]->subject) == 0 &&
                        strcmp(e[j]->predicate, e[i]->predicate) == 0 && strcmp(e[j]->object, e[i]->object) == 0;
             j++)
            continue;
        rc = add_edge(db, e[i], "*", j - i);
        for (size_t k = i, m; k < j && rc == FL_OK; k = m) {   /* one row per date, sorted within the edge */
            for (m = k + 1; m < j && strcmp(e[m]->date, e[k]->date) == 0; m++) continue;
            if (e[k]->date[0]) rc = add_edge(db, e[k], e[k]->date, m - k);
        }
    }
    free(e);
    return rc;
}

/* The entities mentioned inside claim C of document D, stored as claim
** CLAIM: what CLAIM_ENTITIES finds in the stored mentions, from D's. */
static int insert_claim_entities(fl_db *db, const fl_doc *d, const annot_claim *c, int64_t claim) {
    int rc = FL_OK;
    for (size_t k = 0; k < d->ents.n_mentions && rc == FL_OK; k++) {
        const annot_mention *m = &d->ents.mentions[k];
        if (m->start < c->start || m->end > c->end) continue;
        sqlite3_stmt *st = stmt(db, ST_ADD_CLAIM_ENTITIES);
        if (!st) return FL_EDB;
        sqlite3_bind_int64(st, 1, claim);
        sqlite3_bind_text(st, 2, m->id, -1, SQLITE_STATIC);
        rc = run_stmt(st);
    }
    return rc;
}
/* Mentions, dates, relations (with their stances) and claims of a new
** document, and its row of the entity index. */
static int insert_annotations(fl_db *db, const fl_doc *d, int64_t doc_id) {
    const gaz_pack *pack = NULL;
    gaz_default(&pack, NULL);
    int rc = insert_mentions(db, pack, d, doc_id);
    sqlite3_stmt *st;
    size_t k = 0;
    for (size_t i = 0; i < d->n_dates && rc == FL_OK; i++) {
        if (!(st = stmt(db, ST_ADD_DATE))) return FL_EDB;
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)d->dates[i].start);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)d->dates[i].end);
        sqlite3_bind_text(st, 4, d->dates[i].value, -1, SQLITE_STATIC);
        rc = run_stmt(st);
    }
    for (size_t i = 0; i < d->n_rels && rc == FL_OK; i++) {
        const annot_relation *r = &d->rels[i];
        if (!(st = stmt(db, ST_ADD_RELATION))) return FL_EDB;
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_text(st, 2, r->subject, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, r->predicate, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, r->object, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, r->date[0] ? r->date : NULL, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, rel_modality_name(r->modality), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 7, (sqlite3_int64)r->start);
        sqlite3_bind_int64(st, 8, (sqlite3_int64)r->end);
        rc = run_stmt(st);
        int64_t row_id = sqlite3_last_insert_rowid(db->sql);
        if (rc == FL_OK && on_map(r)) {
            if (!(st = stmt(db, ST_ADD_REL_COUNT))) return FL_EDB;
            sqlite3_bind_text(st, 1, r->object, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, r->predicate, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, r->subject, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, r->date[0] ? r->date : NULL, -1, SQLITE_STATIC);
            rc = run_stmt(st);
        }
        if (rc == FL_OK) rc = insert_stances(db, d, i, row_id, &k);
    }
    if (rc == FL_OK) rc = insert_edges(db, d);
    for (size_t i = 0; i < d->n_claims && rc == FL_OK; i++) {
        const annot_claim *c = &d->claims[i];
        if (!(st = stmt(db, ST_ADD_CLAIM))) return FL_EDB;
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_text(st, 2, claim_kind_name(c->kind), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, c->speaker, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)c->start);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)c->end);
        rc = run_stmt(st);
        if (rc == FL_OK) rc = insert_claim_entities(db, d, c, sqlite3_last_insert_rowid(db->sql));
    }
    return rc == FL_OK ? insert_entity_ids(db, d, doc_id) : rc;
}

/* Drops the entity index row and the annotations of stored document DOC_ID. */
static int delete_annotations(fl_db *db, int64_t doc_id) {
    sqlite3_stmt *st = stmt(db, ST_OLD_IDS), *del = NULL;
    if (!st) return FL_EDB;
    sqlite3_bind_int64(st, 1, doc_id);
    int rc = sqlite3_step(st) == SQLITE_ROW ? FL_OK : FL_EDB;
    if (rc == FL_OK && sqlite3_column_type(st, 0) == SQLITE_TEXT) {
        if (!(del = stmt(db, ST_DEL_IDS))) rc = FL_EDB;
        if (del) {
            sqlite3_bind_int64(del, 1, doc_id);
            sqlite3_bind_text(del, 2, (const char *)sqlite3_column_text(st, 0), -1, SQLITE_TRANSIENT);
            rc = run_stmt(del);
        }
    }
    sqlite3_reset(st);
    static const enum stmt_id tables[] = {ST_DEL_MONTHS,      ST_DEL_EMPTY_MONTHS,     ST_DEL_PAIRS,
                                          ST_DEL_EMPTY_PAIRS, ST_DEL_REL_COUNTS,       ST_DEL_EMPTY_REL_COUNTS,
                                          ST_DEL_EDGES,       ST_DEL_EMPTY_EDGES,
                                          ST_DEL_MENTIONS,    ST_DEL_DATES,            ST_DEL_STANCES,
                                          ST_DEL_RELATIONS,   ST_DEL_CLAIM_ENTITIES,   ST_DEL_CLAIMS};
    if (rc == FL_OK && store_flush_counts(db) != FL_OK) rc = FL_EDB;   /* counted before they are taken back */
    for (size_t i = 0; rc == FL_OK && i < sizeof tables / sizeof *tables; i++) {
        if (!(del = stmt(db, tables[i]))) return FL_EDB;
        sqlite3_bind_int64(del, 1, doc_id);
        rc = run_stmt(del);
    }
    return rc;
}

int store_replace_annotations(fl_db *db, int64_t doc_id, const fl_doc *d, char **errmsg) {
    int rc = delete_annotations(db, doc_id);
    if (rc == FL_OK) rc = insert_annotations(db, d, doc_id);
    return rc == FL_OK ? FL_OK : store_db_error(db, errmsg, "cannot replace the annotations");
}

static long ms_since(const struct timespec *t) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

int fl_db_commit(fl_db *db, char **errmsg) {
    if (!db->in_batch) return FL_OK;
    int pending = db->batch_docs;
    db->in_batch = 0;
    db->batch_docs = 0;
    if (store_flush_counts(db) != FL_OK || sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = err_set(errmsg, FL_EDB, "%s: cannot commit: %s; the %d document%s of the batch were not stored",
                         db->path, sqlite3_errmsg(db->sql), pending, pending == 1 ? "" : "s");
        roll_back(db);
        return rc;
    }
    return FL_OK;
}

int fl_db_pending(const fl_db *db) { return db->batch_docs; }

int fl_db_readonly(fl_db *db) { return sqlite3_db_readonly(db->sql, "main") == 1; }

void fl_db_batch(fl_db *db, int max_docs) {
    db->max_batch_docs = max_docs < 1 ? 1 : max_docs > 100000 ? 100000 : max_docs;
}

int fl_db_add(fl_db *db, const fl_doc *doc, int64_t *doc_id, int *added, char **errmsg) {
    *doc_id = 0;
    *added = 0;
    if (!db->in_batch) {
        if (sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            return store_db_error(db, errmsg, "cannot start a transaction");
        db->in_batch = 1;
        clock_gettime(CLOCK_MONOTONIC, &db->batch_start);
    }
    if (!db->stamped && store_stamp_version(db) != FL_OK) {
        int rc = store_db_error(db, errmsg, "cannot record the annotation version");
        roll_back(db);
        return rc;
    }
    int rc = find_sha(db, doc->sha256, doc_id);
    if (rc == FL_OK && *doc_id) return FL_OK;   /* identical content is already stored */
    int64_t first = 0;
    if (rc == FL_OK) rc = next_sentence_id(db, &first);
    int large = doc->text_len > LARGE_TEXT;
    if (large) sqlite3_exec(db->sql, STREAM_CACHE, NULL, NULL, NULL);
    if (rc == FL_OK) rc = insert_document(db, doc, first, doc_id);
    if (large) cache_trim(db);
    if (rc == FL_OK) rc = insert_sentences(db, doc, *doc_id, first);
    if (large) cache_trim(db);
    if (rc == FL_OK) rc = insert_annotations(db, doc, *doc_id);
    if (large) cache_trim(db);
    if (rc == FL_OK) rc = store_dedup_add(db, doc, *doc_id, NULL);
    if (large) sqlite3_exec(db->sql, db->held ? STREAM_CACHE : CACHE_PAGES, NULL, NULL, NULL);
    if (rc != FL_OK) {
        int pending = db->batch_docs;
        rc = err_set(errmsg, FL_EDB, "%s: cannot store the document: %s; the %d document%s stored "
                     "since the last commit were rolled back too, run the ingest again",
                     db->path, sqlite3_errmsg(db->sql), pending, pending == 1 ? "" : "s");
        roll_back(db);
        *doc_id = 0;
        return rc;
    }
    *added = 1;
    if (++db->batch_docs >= db->max_batch_docs || ms_since(&db->batch_start) >= BATCH_MS)
        rc = db->held ? FL_OK : fl_db_commit(db, errmsg);
    return rc;
}

int store_hold_begin(fl_db *db, char **errmsg) {
    int rc = fl_db_commit(db, errmsg);
    if (rc != FL_OK) return rc;
    if (sqlite3_exec(db->sql, STREAM_CACHE "; BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "cannot start a transaction");
    db->in_batch = 1;
    db->held = 1;
    clock_gettime(CLOCK_MONOTONIC, &db->batch_start);
    return FL_OK;
}

int store_hold_end(fl_db *db, int rc, char **errmsg) {
    db->held = 0;
    if (rc == FL_OK) rc = fl_db_commit(db, errmsg);
    else if (db->in_batch) roll_back(db);
    sqlite3_exec(db->sql, CACHE_PAGES, NULL, NULL, NULL);
    return rc;
}

int store_put_entity(fl_db *db, const char *id, const char *name, const char *type, char **errmsg) {
    sqlite3_stmt *st = stmt(db, ST_ADD_ENTITY);
    if (!st) return store_db_error(db, errmsg, "cannot store an entity");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, type, -1, SQLITE_STATIC);
    if (run_stmt(st) != FL_OK) return store_db_error(db, errmsg, "cannot store an entity");
    remember_entity(db, id);
    return FL_OK;
}

/* ---- repairing -------------------------------------------------------- */

/* A document's length in words, as the sentence index counts it. */
typedef struct doc_count {
    int64_t tokens;
} doc_count;

static int count_word(void *ctx, int flags, const char *token, size_t n, size_t start, size_t end) {
    (void)flags, (void)token, (void)n, (void)start, (void)end;
    ((doc_count *)ctx)->tokens++;
    return 0;
}

/* Writes the doc_stats row of DOC (FIRST its first sentence) from C. */
static int put_doc_stats(sqlite3_stmt *wr, int64_t doc, int64_t first, const doc_count *c) {
    sqlite3_bind_int64(wr, 1, doc);
    sqlite3_bind_int64(wr, 2, first);
    sqlite3_bind_int64(wr, 3, c->tokens);
    int ok = sqlite3_step(wr) == SQLITE_DONE;
    sqlite3_reset(wr);
    return ok ? FL_OK : FL_EDB;
}

/* doc_stats again, from the text the sentence index is made of (the view
** sentence_text, in sentence order, which is document order). */
static int refill_doc_stats(fl_db *db) {
    sqlite3_stmt *rd = NULL, *wr = NULL;
    int rc = sqlite3_exec(db->sql, "DELETE FROM doc_stats", NULL, NULL, NULL) ||
                     sqlite3_prepare_v2(db->sql, "SELECT s.doc_id, s.id, t.title, t.text FROM sentence_text t"
                                        " JOIN sentences s ON s.id = t.id ORDER BY s.id", -1, &rd, NULL) ||
                     sqlite3_prepare_v2(db->sql, "INSERT INTO doc_stats VALUES(?,?,?)", -1, &wr, NULL)
                 ? FL_EDB : FL_OK;
    int64_t doc = -1, first = 0;
    doc_count c = {0};
    int r = SQLITE_ROW;
    while (rc == FL_OK && (r = sqlite3_step(rd)) == SQLITE_ROW) {
        int64_t next = sqlite3_column_int64(rd, 0);
        if (next != doc) {
            if (doc >= 0) rc = put_doc_stats(wr, doc, first, &c);
            doc = next, first = sqlite3_column_int64(rd, 1), c.tokens = 0;
        }
        for (int col = 2; col <= 3; col++)
            tok_run((const char *)sqlite3_column_text(rd, col), (size_t)sqlite3_column_bytes(rd, col), &c, count_word);
    }
    if (rc == FL_OK && r != SQLITE_DONE) rc = FL_EDB;
    if (rc == FL_OK && doc >= 0) rc = put_doc_stats(wr, doc, first, &c);
    sqlite3_finalize(rd);
    sqlite3_finalize(wr);
    return rc;
}

int fl_db_repair(fl_db *db, char **errmsg) {
    int rc = fl_db_commit(db, errmsg);
    if (rc != FL_OK) return rc;
    if (sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "cannot start the repair");
    int ok = fill_spans(db) == FL_OK && refill_doc_stats(db) == FL_OK &&
             sqlite3_exec(db->sql, "INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild');"
                                   "INSERT INTO entity_fts(entity_fts) VALUES('rebuild');" FILL_SUMMARIES,
                          NULL, NULL, NULL) == SQLITE_OK;
    if (ok && sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) rc = FL_OK;
    else {
        rc = store_db_error(db, errmsg, "cannot repair");
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    }
    store_reader_forget(db->reader);
    return rc;
}

/* ---- backup and delete ------------------------------------------------ */

int fl_db_backup(fl_db *db, const char *path, char **errmsg) {
    int rc = fl_db_commit(db, errmsg);
    if (rc != FL_OK) return rc;
    if (access(path, F_OK) == 0) return err_set(errmsg, FL_EINVAL, "%s: already exists; name a new file", path);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, "VACUUM INTO ?1", -1, &st, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "cannot back up");
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = err_set(errmsg, FL_EDB, "%s: cannot back up to %s: %s", db->path, path, sqlite3_errmsg(db->sql));
    sqlite3_finalize(st);
    return rc;
}

/* Everything of document ID: its index entries first (FTS5 removes an
** external-content row given the values it indexed, which the views
** still give), then its rows. */
static const char delete_sql[] =
    "INSERT INTO sentences_fts(sentences_fts, rowid, title, text) SELECT 'delete', t.id, t.title, t.text"
    "  FROM sentence_text t JOIN sentences s ON s.id = t.id WHERE s.doc_id = ?1;"
    "INSERT INTO entity_fts(entity_fts, rowid, ids) SELECT 'delete', id, ids FROM entity_ids WHERE id = ?1;"
    SUMMARY_DELETE
    "DELETE FROM mentions WHERE doc_id = ?1;"
    "DELETE FROM dates WHERE doc_id = ?1;"
    "DELETE FROM stances WHERE relation IN (SELECT id FROM relations WHERE doc_id = ?1);"
    "DELETE FROM relations WHERE doc_id = ?1;"
    "DELETE FROM claims WHERE doc_id = ?1;"
    DEDUP_DELETE
    "DELETE FROM doc_stats WHERE id = ?1;"
    "DELETE FROM sentences WHERE doc_id = ?1;"
    "DELETE FROM documents WHERE id = ?1;";

/* Runs each statement of SQL with ?1 bound to ID. */
static int exec_with_id(fl_db *db, const char *sql, int64_t id) {
    int r = SQLITE_OK;
    while (r == SQLITE_OK && *sql) {
        sqlite3_stmt *st = NULL;
        r = sqlite3_prepare_v2(db->sql, sql, -1, &st, &sql);
        if (r != SQLITE_OK || !st) break;
        sqlite3_bind_int64(st, 1, id);
        while ((r = sqlite3_step(st)) == SQLITE_ROW) continue;
        r = r == SQLITE_DONE ? SQLITE_OK : r;
        sqlite3_finalize(st);
    }
    return r == SQLITE_OK ? FL_OK : FL_EDB;
}

int fl_db_delete(fl_db *db, const char *ref, int64_t *doc_id, char **errmsg) {
    *doc_id = 0;
    json_t *doc = NULL;
    int rc = fl_db_commit(db, errmsg);
    if (rc == FL_OK) rc = store_document(db, ref, &doc, errmsg);
    if (rc != FL_OK) return rc;
    int64_t id = json_integer_value(json_object_get(doc, "id"));
    json_decref(doc);
    if (sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store_db_error(db, errmsg, "cannot start a transaction");
    if (exec_with_id(db, delete_sql, id) != FL_OK || sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        rc = store_db_error(db, errmsg, "cannot delete the document");
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    store_reader_forget(db->reader);
    *doc_id = id;
    return FL_OK;
}

/* Do the spans of every document (documents.spans) say what its
** sentences rows say? */
static int check_spans(fl_db *db, char **errmsg) {
    sqlite3_stmt *docs = NULL, *sents = NULL;
    int64_t bad = -1;
    if (sqlite3_prepare_v2(db->sql, "SELECT id, first_sentence, last_sentence, spans FROM documents ORDER BY id", -1,
                           &docs, NULL) ||
        sqlite3_prepare_v2(db->sql, "SELECT start, end FROM sentences WHERE id BETWEEN ?1 AND ?2 ORDER BY id", -1,
                           &sents, NULL)) {
        sqlite3_finalize(docs);
        return store_db_error(db, errmsg, "sentence spans check");
    }
    int r;
    while (bad < 0 && (r = sqlite3_step(docs)) == SQLITE_ROW) {
        const unsigned char *p = sqlite3_column_blob(docs, 3);
        size_t n = (size_t)sqlite3_column_bytes(docs, 3), at = 0, prev_end = 0, start, end;
        sqlite3_bind_value(sents, 1, sqlite3_column_value(docs, 1));
        sqlite3_bind_value(sents, 2, sqlite3_column_value(docs, 2));
        while ((r = sqlite3_step(sents)) == SQLITE_ROW)
            if (!spans_next(p, n, &at, &prev_end, &start, &end) || (int64_t)start != sqlite3_column_int64(sents, 0) ||
                (int64_t)end != sqlite3_column_int64(sents, 1))
                bad = sqlite3_column_int64(docs, 0);
        sqlite3_reset(sents);
        if (r != SQLITE_DONE) break;
        if (at != n) bad = sqlite3_column_int64(docs, 0);
    }
    int rc = r == SQLITE_DONE || r == SQLITE_ROW ? FL_OK : store_db_error(db, errmsg, "sentence spans check");
    sqlite3_finalize(docs);
    sqlite3_finalize(sents);
    if (rc == FL_OK && bad >= 0)
        rc = err_set(errmsg, FL_EDB, "%s: sentence spans of document %lld differ from its sentences", db->path,
                     (long long)bad);
    return rc;
}

/* The rows kept at ingest that differ from those the mentions and
** relations give now (COUNTED), either way, as text. */
#define SAME_ROWS(table, counted) \
    "WITH counted AS (" counted ") SELECT CAST((SELECT count(*) FROM (SELECT * FROM " table \
    "  EXCEPT SELECT * FROM counted)) + (SELECT count(*) FROM (SELECT * FROM counted" \
    "  EXCEPT SELECT * FROM " table ")) AS TEXT)"

/* What fl_db_check compares, where the database has the table. */
static const struct {
    const char *table, *sql, *differs;
} kept_rows[] = {
    {"entity_months",
     SAME_ROWS("entity_months", "SELECT m.entity, coalesce(substr(d.published, 1, 7), ''), count(*), sum(m.count)"
                                " FROM mentions m JOIN documents d ON d.id = m.doc_id GROUP BY 1, 2"),
     "entity counts differ from the mentions; 'flank check --repair' counts again"},
    {"relation_counts", SAME_ROWS("relation_counts", COUNT_RELATIONS("")),
     "relation counts differ from the relations; 'flank check --repair' counts again"},
    {"relation_edges", SAME_ROWS("relation_edges", COUNT_EDGES("")),
     "relation edges differ from the relations; 'flank check --repair' counts again"},
    {"co_mentions", SAME_ROWS("co_mentions", COUNT_PAIRS),
     "co-mention counts differ from the mentions; 'flank check --repair' counts again"},
    {"claim_entities", SAME_ROWS("claim_entities", CLAIM_ENTITIES("")),
     "the entities of the claims differ from the mentions; 'flank check --repair' finds them again"},
};

int fl_db_check(fl_db *db, char **errmsg) {
    int rc = fl_db_commit(db, errmsg);
    if (rc == FL_OK) rc = expect_text(db, "PRAGMA integrity_check", "ok", errmsg, "integrity check");
    if (rc == FL_OK)
        rc = expect_text(db, "SELECT CAST(count(*) AS TEXT) FROM pragma_foreign_key_check", "0", errmsg,
                         "rows pointing to missing documents");
    /* rank 1: compare each index with the text it was made from, not only
    ** with itself (which passes an index that lost words); the entity
    ** index with the mentions. FTS5 runs it as a write: not on a
    ** read-only connection (fl_db_readonly). */
    if (rc == FL_OK && !fl_db_readonly(db) && sqlite3_exec(db->sql,
                                    "INSERT INTO sentences_fts(sentences_fts, rank) VALUES('integrity-check', 1);"
                                    "INSERT INTO entity_fts(entity_fts, rank) VALUES('integrity-check', 1)",
                                    NULL, NULL, NULL) != SQLITE_OK)
        rc = store_db_error(db, errmsg, "full-text index check");
    if (rc == FL_OK)
        rc = expect_text(db,
                         "SELECT CAST(count(*) AS TEXT) FROM documents d WHERE n_sentences !="
                         " (SELECT count(*) FROM sentences s WHERE s.id BETWEEN d.first_sentence AND d.last_sentence"
                         "  AND s.doc_id = d.id)",
                         "0", errmsg, "documents missing sentences");
    if (rc == FL_OK)
        rc = expect_text(db,
                         "SELECT CAST(count(*) AS TEXT) FROM documents d LEFT JOIN doc_stats s ON s.id = d.id"
                         " WHERE s.first_sentence IS NOT d.first_sentence",
                         "0", errmsg, "documents missing from doc_stats");
    if (rc == FL_OK) rc = check_spans(db, errmsg);
    for (size_t i = 0; rc == FL_OK && i < sizeof kept_rows / sizeof *kept_rows; i++)
        if (store_has_table(db, kept_rows[i].table))
            rc = expect_text(db, kept_rows[i].sql, "0", errmsg, kept_rows[i].differs);
    return rc;
}

int fl_db_stats(fl_db *db, int64_t *n_docs, int64_t *n_sentences, char **errmsg) {
    sqlite3_stmt *st = NULL;
    *n_docs = *n_sentences = 0;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT count(*), coalesce(sum(n_sentences), 0) FROM documents", -1,
                           &st, NULL))
        return store_db_error(db, errmsg, "stats");
    if (sqlite3_step(st) == SQLITE_ROW) {
        *n_docs = sqlite3_column_int64(st, 0);
        *n_sentences = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return FL_OK;
}

/* ---- rows as JSON ------------------------------------------------------ */

json_t *store_column_json(sqlite3_stmt *st, int i) {
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER: return json_integer(sqlite3_column_int64(st, i));
    case SQLITE_FLOAT: return json_real(sqlite3_column_double(st, i));
    case SQLITE_NULL: return json_null();
    default:
        return json_stringn((const char *)sqlite3_column_text(st, i),
                            (size_t)sqlite3_column_bytes(st, i));
    }
}

/* The columns of the current row as an object keyed by column name;
** columns named "authors", "evidence", "about", "publishers" and "stances" hold JSON
** and are parsed. */
json_t *store_row_json(sqlite3_stmt *st) {
    json_t *o = json_object();
    for (int i = 0; i < sqlite3_column_count(st); i++) {
        const char *name = sqlite3_column_name(st, i);
        int is_json = strcmp(name, "authors") == 0 || strcmp(name, "evidence") == 0 || strcmp(name, "about") == 0 ||
                      strcmp(name, "publishers") == 0 || strcmp(name, "stances") == 0;
        int is_text = sqlite3_column_type(st, i) == SQLITE_TEXT;
        json_t *v = is_json && is_text ? json_loads((const char *)sqlite3_column_text(st, i), 0, NULL)
                    /* a document's text was checked as UTF-8 when stored */
                    : strcmp(name, "text") == 0 && is_text
                        ? json_stringn_nocheck((const char *)sqlite3_column_text(st, i),
                                               (size_t)sqlite3_column_bytes(st, i))
                        : store_column_json(st, i);
        json_object_set_new(o, name, v ? v : json_array());
    }
    return o;
}

/* ---- entity queries ---------------------------------------------------- */

/* Does claim c's span hold a mention of entity ID? */
#define CLAIM_MENTIONS(id) \
    "EXISTS (SELECT 1 FROM mentions m, json_each(m.spans) j WHERE m.doc_id = c.doc_id AND m.entity = " id \
    " AND j.value ->> 0 >= c.start AND j.value ->> 1 <= c.end)"

static const char *const named_sql[N_STORE_QUERIES] = {
    [Q_ENTITIES] =
        "SELECT e.id, e.name, e.type, sum(m.count) AS mentions, count(*) AS documents"
        " FROM mentions m JOIN entities e ON e.id = m.entity WHERE (?1 IS NULL OR e.type = ?1)"
        " GROUP BY e.id ORDER BY mentions DESC, e.id"
        " LIMIT CAST(?2 AS INTEGER) OFFSET CAST(?3 AS INTEGER)",
    [Q_ENTITIES_TOTAL] =
        "SELECT count(DISTINCT m.entity) AS total FROM mentions m JOIN entities e ON e.id = m.entity"
        " WHERE (?1 IS NULL OR e.type = ?1)",
    [Q_ENTITY] = "SELECT id, name, type FROM entities WHERE id = ?1",
    /* Counted by id first, named after: the names of the 25 kept, not of
    ** every mention row (half the time for an entity in 20,000 documents). */
    [Q_CO_MENTIONS] =
        "WITH docs(doc_id) AS (" DOCS_MENTIONING("?1") "),"
        " co AS (SELECT m.entity, count(*) AS documents, sum(m.count) AS mentions"
        "  FROM mentions m JOIN docs USING (doc_id) WHERE m.entity != ?1"
        "  GROUP BY m.entity ORDER BY documents DESC, mentions DESC, m.entity LIMIT 25)"
        " SELECT e.id, e.name, e.type, co.documents, co.mentions FROM co JOIN entities e ON e.id = co.entity"
        " ORDER BY co.documents DESC, co.mentions DESC, co.entity",
    /* Claims are stored in document order, then text order, so the first
    ** N in id order are the first N by document and place: scanning by
    ** id stops there instead of testing every claim of every document that
    ** mentions the entity (the unary + keeps the planner off the indexes
    ** that would make it sort them all: 545 -> 9 ms for an entity in
    ** 20,000 documents; at worst one pass over the claims). A claim is
    ** about the entities mentioned inside its span, its speaker aside. */
    [Q_CLAIMS] =
        "SELECT c.kind, c.speaker, se.name AS speaker_name,"
        " CASE WHEN ?1 IS NULL THEN NULL WHEN c.speaker = ?1 THEN 'by' ELSE 'about' END AS role,"
        " c.doc_id, d.title, d.site_name AS publisher, d.published, c.start, c.end,"
        " " SPAN_TEXT("d", "c.start", "c.end") " AS text,"
        " (SELECT json_group_array(json_object('id', a.entity, 'name', ae.name, 'type', ae.type))"
        "  FROM (SELECT DISTINCT m.entity FROM mentions m, json_each(m.spans) j"
        "        WHERE m.doc_id = c.doc_id AND m.entity IS NOT c.speaker"
        "        AND j.value ->> 0 >= c.start AND j.value ->> 1 <= c.end) a"
        "  JOIN entities ae ON ae.id = a.entity) AS about"
        " FROM claims c JOIN documents d ON d.id = c.doc_id LEFT JOIN entities se ON se.id = c.speaker"
        " WHERE (?1 IS NULL OR +c.speaker = ?1 OR +c.doc_id IN (" DOCS_MENTIONING("coalesce(?1, '')") ")"
        "   AND " CLAIM_MENTIONS("?1") ")"
        " AND (?2 IS NULL OR +c.doc_id IN (" DOCS_MENTIONING("coalesce(?2, '')") ") AND " CLAIM_MENTIONS("?2") ")"
        " AND (?3 IS NULL OR +c.speaker = ?3) AND (?4 IS NULL OR c.kind = ?4)"
        " ORDER BY c.id LIMIT CAST(?5 AS INTEGER)",
    [Q_SOURCES] =
        "SELECT d.id AS doc_id, d.title, d.source, d.site_name AS publisher, d.published, m.count AS mentions"
        " FROM (" DOCS_MENTIONING("?1") ") x JOIN mentions m ON m.doc_id = x.rowid AND m.entity = ?1"
        " JOIN documents d ON d.id = m.doc_id"
        " ORDER BY mentions DESC, d.published DESC LIMIT 50",
    [Q_TIMELINE] =
        "SELECT r.date, r.subject, se.name AS subject_name, r.predicate, r.object,"
        " oe.name AS object_name, r.modality, r.doc_id, d.title, d.site_name AS publisher, d.published,"
        " r.start, r.end,"
        " " SPAN_TEXT("d", "r.start", "r.end") " AS sentence"
        " FROM relations r JOIN documents d ON d.id = r.doc_id"
        " LEFT JOIN entities se ON se.id = r.subject LEFT JOIN entities oe ON oe.id = r.object"
        " WHERE r.date IS NOT NULL AND (?1 IS NULL OR ((r.subject = ?1 OR r.object = ?1)"
        "  AND r.doc_id IN (" DOCS_MENTIONING("?1") ")))"
        " AND (?2 IS NULL OR r.date >= ?2) AND (?3 IS NULL OR substr(r.date, 1, length(?3)) <= ?3)"
        " ORDER BY r.date, r.doc_id, r.start, r.id LIMIT 2000",
    [Q_MAP_MENTIONS] =
        "SELECT e.id, e.name, e.type, sum(m.count) AS mentions"
        " FROM mentions m JOIN entities e ON e.id = m.entity JOIN documents d ON d.id = m.doc_id"
        " WHERE e.type IN ('country', 'place')"
        " AND (?1 IS NULL OR d.published >= ?1) AND (?2 IS NULL OR substr(d.published, 1, length(?2)) <= ?2)"
        " GROUP BY e.id",
    [Q_DOC_ENTITIES] =
        "SELECT m.entity AS id, e.name, e.type, m.spans AS evidence FROM mentions m"
        " JOIN entities e ON e.id = m.entity WHERE m.doc_id = ?1"
        " ORDER BY (SELECT min(j.value ->> 0) FROM json_each(m.spans) j)",
    [Q_DOC_DATES] = "SELECT start, end, value FROM dates WHERE doc_id = ?1 ORDER BY start",
    [Q_DOC_RELATIONS] =
        "SELECT r.subject, r.predicate, r.object, r.date, r.modality,"
        " " SPAN_TEXT("d", "r.start", "r.end") " AS sentence, r.start, r.end"
        " FROM relations r JOIN documents d ON d.id = r.doc_id WHERE r.doc_id = ?1 ORDER BY r.start, r.id",
    [Q_DOC_CLAIMS] =
        "SELECT c.kind, c.speaker, " SPAN_TEXT("d", "c.start", "c.end") " AS text, c.start, c.end,"
        " (SELECT json_group_array(a.entity) FROM (SELECT m.entity, min(j.value ->> 0) AS at"
        "   FROM mentions m, json_each(m.spans) j WHERE m.doc_id = c.doc_id AND m.entity IS NOT c.speaker"
        "   AND j.value ->> 0 >= c.start AND j.value ->> 1 <= c.end"
        "   GROUP BY m.entity ORDER BY at LIMIT 16) a) AS about"
        " FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.doc_id = ?1 ORDER BY c.start",
    [Q_ALL_ENTITIES] = "SELECT id, name, type FROM entities",
    [Q_ENTITY_DOCS] = "SELECT count(*) AS documents FROM (" DOCS_MENTIONING("?1") ")",
    [Q_MAP_RELATIONS] =
        "SELECT r.object AS id, count(*) AS relations FROM relations r"
        " WHERE r.object IS NOT NULL AND r.modality != 'negated'"
        " AND (?1 IS NULL OR r.predicate = ?1) AND (?2 IS NULL OR r.subject = ?2)"
        " AND (?3 IS NULL OR r.date >= ?3) AND (?4 IS NULL OR substr(r.date, 1, length(?4)) <= ?4)"
        " GROUP BY r.object",
    /* The dates from the index on published, the entity's documents
    ** probed in a set (the unary + keeps the planner from looking each one
    ** up in the large documents rows: 220 -> 6 ms at 20,000). */
    [Q_ENTITY_MONTHS] =
        "SELECT substr(d.published, 1, 7) AS month, count(*) AS documents"
        " FROM documents d"
        " WHERE d.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' AND +d.id IN (" DOCS_MENTIONING("?1") ")"
        " GROUP BY month ORDER BY month",
    [Q_OVERVIEW] =
        "SELECT count(*) AS documents, count(DISTINCT coalesce(site_name, '')) AS sources,"
        " min(published) AS first_published, max(published) AS last_published,"
        " max(ingested_at) AS last_ingest, (SELECT min(date) FROM relations) AS first_dated,"
        " (SELECT max(date) FROM relations) AS last_dated FROM documents",
    /* Counted by id first, named after (as Q_CO_MENTIONS). */
    [Q_TOP_ENTITIES] =
        "WITH top AS (SELECT m.entity, count(*) AS documents FROM documents d JOIN mentions m ON m.doc_id = d.id"
        "  WHERE d.published >= ?1 AND substr(d.published, 1, length(?1)) = ?1"
        "  GROUP BY m.entity ORDER BY documents DESC, m.entity LIMIT CAST(?2 AS INTEGER))"
        " SELECT e.id, e.name, e.type, top.documents FROM top JOIN entities e ON e.id = top.entity"
        " ORDER BY top.documents DESC, e.id",
    /* The newest by the date index alone (date, then id: no sort), the
    ** sentences cut from the few documents kept. */
    [Q_LATEST_RELATIONS] =
        "SELECT r.date, r.subject, se.name AS subject_name, r.predicate, r.object,"
        " oe.name AS object_name, r.modality, r.doc_id, d.title, d.site_name AS publisher, d.published,"
        " r.start, r.end, " SPAN_TEXT("d", "r.start", "r.end") " AS sentence"
        " FROM (SELECT * FROM relations WHERE date IS NOT NULL AND modality != 'negated'"
        "  ORDER BY date DESC, id DESC LIMIT CAST(?1 AS INTEGER)) r JOIN documents d ON d.id = r.doc_id"
        " LEFT JOIN entities se ON se.id = r.subject LEFT JOIN entities oe ON oe.id = r.object"
        " ORDER BY r.date DESC, r.id DESC",
    [Q_GRAPH_EDGES] =
        "SELECT r.subject, se.name AS subject_name, se.type AS subject_type, r.predicate,"
        " r.object, oe.name AS object_name, oe.type AS object_type,"
        " count(*) AS count, count(DISTINCT r.doc_id) AS documents, min(r.date) AS first, max(r.date) AS last"
        " FROM relations r"
        " LEFT JOIN entities se ON se.id = r.subject LEFT JOIN entities oe ON oe.id = r.object"
        " WHERE (r.subject = ?1 OR r.object = ?1) AND r.object IS NOT NULL AND r.modality != 'negated'"
        " AND (?2 IS NULL OR r.predicate = ?2)"
        " AND (?3 IS NULL OR coalesce(r.date, '') >= ?3) AND (?4 IS NULL OR substr(r.date, 1, length(?4)) <= ?4)"
        " GROUP BY r.subject, r.predicate, r.object ORDER BY documents DESC, count DESC LIMIT 200",
    /* The window's documents as a set from the index on published, and
    ** only when there is a window (550 -> 380 ms at 20,000 documents). */
    [Q_MAP_DOCS] =
        "SELECT m.entity AS id, count(*) AS documents,"
        " (SELECT count(*) FROM documents d2 WHERE (?1 IS NULL OR d2.published >= ?1)"
        "  AND (?2 IS NULL OR substr(d2.published, 1, length(?2)) <= ?2)) AS total"
        " FROM mentions m WHERE m.entity GLOB 'country:*'"
        " AND (?1 IS NULL AND ?2 IS NULL OR +m.doc_id IN (SELECT d.id FROM documents d"
        "  WHERE (?1 IS NULL OR d.published >= ?1) AND (?2 IS NULL OR substr(d.published, 1, length(?2)) <= ?2)))"
        " GROUP BY m.entity",
    [Q_DOC_TOP_ENTITIES] =
        "SELECT m.entity AS id, e.name, e.type, m.count AS mentions FROM mentions m JOIN entities e ON e.id = m.entity"
        " WHERE m.doc_id = CAST(?1 AS INTEGER) ORDER BY m.count DESC, m.entity LIMIT CAST(?2 AS INTEGER)",
    [Q_MAP_EVIDENCE] =
        "SELECT r.subject, se.name AS subject_name, r.predicate, r.object, oe.name AS object_name,"
        " oe.type AS object_type, r.date, r.modality, r.doc_id, d.title, d.site_name AS publisher, d.published,"
        " r.start, r.end, " SPAN_TEXT("d", "r.start", "r.end") " AS sentence"
        " FROM relations r JOIN documents d ON d.id = r.doc_id"
        " LEFT JOIN entities se ON se.id = r.subject LEFT JOIN entities oe ON oe.id = r.object"
        " WHERE r.object IS NOT NULL AND r.modality != 'negated'"
        " AND (?1 IS NULL OR r.predicate = ?1) AND (?2 IS NULL OR r.subject = ?2)"
        " AND (?3 IS NULL OR r.date >= ?3) AND (?4 IS NULL OR substr(r.date, 1, length(?4)) <= ?4)"
        " ORDER BY coalesce(r.date, d.published) DESC, r.doc_id DESC, r.start LIMIT 300",
};

/* The same answers from the counts kept at ingest (SUMMARY_SCHEMA), where
** a query has them: a month is the first 7 characters of a publication
** date, so a window of years or months (7 characters or fewer) selects the
** same documents by month as by date; a longer one is counted from the
** mentions. */
static const char *const summary_sql[N_STORE_QUERIES] = {
    [Q_ENTITIES] =
        "SELECT e.id, e.name, e.type, sum(c.mentions) AS mentions, sum(c.documents) AS documents"
        " FROM entity_months c JOIN entities e ON e.id = c.entity WHERE (?1 IS NULL OR e.type = ?1)"
        " GROUP BY e.id ORDER BY mentions DESC, e.id"
        " LIMIT CAST(?2 AS INTEGER) OFFSET CAST(?3 AS INTEGER)",
    [Q_ENTITIES_TOTAL] =
        "SELECT count(DISTINCT c.entity) AS total FROM entity_months c JOIN entities e ON e.id = c.entity"
        " WHERE (?1 IS NULL OR e.type = ?1)",
    [Q_CO_MENTIONS] =
        "SELECT e.id, e.name, e.type, c.documents, c.mentions FROM co_mentions c JOIN entities e ON e.id = c.other"
        " WHERE c.entity = ?1 ORDER BY c.documents DESC, c.mentions DESC, c.other LIMIT 25",
    [Q_MAP_RELATIONS] =
        "SELECT c.object AS id, sum(c.relations) AS relations FROM relation_counts c"
        " WHERE (?1 IS NULL OR c.predicate = ?1) AND (?2 IS NULL OR c.subject = ?2)"
        " AND (?3 IS NULL OR c.month != '' AND c.month >= ?3)"
        " AND (?4 IS NULL OR c.month != '' AND substr(c.month, 1, length(?4)) <= ?4)"
        " GROUP BY c.object",
    [Q_MAP_MENTIONS] =
        "SELECT e.id, e.name, e.type, sum(c.mentions) AS mentions"
        " FROM entity_months c JOIN entities e ON e.id = c.entity"
        " WHERE e.type IN ('country', 'place') AND (?1 IS NULL OR c.month != '' AND c.month >= ?1)"
        " AND (?2 IS NULL OR c.month != '' AND substr(c.month, 1, length(?2)) <= ?2)"
        " GROUP BY e.id",
    [Q_MAP_DOCS] =
        "SELECT c.entity AS id, sum(c.documents) AS documents,"
        " (SELECT count(*) FROM documents d2 WHERE (?1 IS NULL OR d2.published >= ?1)"
        "  AND (?2 IS NULL OR substr(d2.published, 1, length(?2)) <= ?2)) AS total"
        " FROM entity_months c WHERE c.entity GLOB 'country:*'"
        " AND (?1 IS NULL OR c.month != '' AND c.month >= ?1)"
        " AND (?2 IS NULL OR c.month != '' AND substr(c.month, 1, length(?2)) <= ?2)"
        " GROUP BY c.entity",
    /* Without a window: the edges as kept (relation_edges), first and last
    ** date from their dated rows. */
    [Q_GRAPH_EDGES] =
        "SELECT a.subject, se.name AS subject_name, se.type AS subject_type, a.predicate,"
        " a.object, oe.name AS object_name, oe.type AS object_type, a.relations AS count, a.documents,"
        " (SELECT min(f.date) FROM relation_edges f WHERE f.subject = a.subject AND f.predicate = a.predicate"
        "  AND f.object = a.object AND f.date != '*') AS first,"
        " (SELECT max(f.date) FROM relation_edges f WHERE f.subject = a.subject AND f.predicate = a.predicate"
        "  AND f.object = a.object AND f.date != '*') AS last"
        " FROM relation_edges a"
        " LEFT JOIN entities se ON se.id = a.subject LEFT JOIN entities oe ON oe.id = a.object"
        " WHERE (a.subject = ?1 OR a.object = ?1) AND a.date = '*' AND (?2 IS NULL OR a.predicate = ?2)"
        " ORDER BY a.documents DESC, a.relations DESC, a.subject, a.predicate, a.object LIMIT 200",
};

/* Q_MAP_EVIDENCE where documents_meta is: the 300 newest chosen with the
** publication dates of that index, titles and sentences read for them
** only. WHERE is the filter on the predicate; the relations of the choice
** are read by id. Ties (one sentence, several relations) go in id order,
** the order of a scan of the table, whichever index chose them. */
#define MAP_EVIDENCE_META(relations, where) \
    "SELECT r.subject, se.name AS subject_name, r.predicate, r.object, oe.name AS object_name," \
    " oe.type AS object_type, r.date, r.modality, r.doc_id, d.title, d.site_name AS publisher, d.published," \
    " r.start, r.end, " SPAN_TEXT("d", "r.start", "r.end") " AS sentence" \
    " FROM (SELECT r.id, dm.published AS pub FROM " relations \
    "  JOIN documents dm INDEXED BY documents_meta ON dm.id = r.doc_id" \
    "  WHERE r.object IS NOT NULL AND r.modality != 'negated' AND " where \
    "  AND (?2 IS NULL OR r.subject = ?2)" \
    "  AND (?3 IS NULL OR r.date >= ?3) AND (?4 IS NULL OR substr(r.date, 1, length(?4)) <= ?4)" \
    "  ORDER BY coalesce(r.date, dm.published) DESC, r.doc_id DESC, r.start, r.id LIMIT 300) k" \
    " JOIN relations r ON r.id = k.id JOIN documents d ON d.id = r.doc_id" \
    " LEFT JOIN entities se ON se.id = r.subject LEFT JOIN entities oe ON oe.id = r.object" \
    " ORDER BY coalesce(r.date, k.pub) DESC, r.doc_id DESC, r.start, r.id"

/* Without a predicate, a scan of the table: the planner would otherwise
** walk relations_by_object_id for "object IS NOT NULL" (nearly every
** relation, each then read from the table out of order; EXPLAIN QUERY
** PLAN). */
static const char map_evidence_meta[] =
    MAP_EVIDENCE_META("relations r NOT INDEXED", "(?1 IS NULL OR r.predicate = ?1)");
/* With an actor and no predicate, the actor's relations as subject from
** the index on the subjects: 9,720 of 241,000 relations for country:RU at
** 20,000 documents, each read from the table, instead of a scan of them
** all. */
static const char map_evidence_of_subject[] =
    MAP_EVIDENCE_META("relations r INDEXED BY relations_by_subject_id", "r.subject = ?2");
/* With one, the entries of that predicate (and actor) in
** relations_by_predicate: 26,000 of 241,000 relations at 20,000
** documents, every column the choice reads in the index. */
static const char map_evidence_of_predicate[] =
    MAP_EVIDENCE_META("relations r INDEXED BY relations_by_predicate", "r.predicate = ?1");

/* Q_SOURCES where documents_meta is: the 50 chosen with the publication
** dates of that index, in the same order, the rest read for them only. */
static const char sources_meta[] =
    "SELECT d.id AS doc_id, d.title, d.source, d.site_name AS publisher, d.published, k.mentions"
    " FROM (SELECT m.doc_id, m.count AS mentions FROM (" DOCS_MENTIONING("?1") ") x"
    "  JOIN mentions m ON m.doc_id = x.rowid AND m.entity = ?1"
    "  JOIN documents dm INDEXED BY documents_meta ON dm.id = m.doc_id"
    "  ORDER BY mentions DESC, dm.published DESC LIMIT 50) k CROSS JOIN documents d ON d.id = k.doc_id";

/* Q_SOURCES where mentions_by_count is too: the entity's entries in that
** index come most mentions first, then by document, the order the entity
** index gave them in above; the date is read for them until 50 are kept
** and the count drops (the ORDER BY's first term is the index's). */
static const char sources_by_count[] =
    "SELECT d.id AS doc_id, d.title, d.source, d.site_name AS publisher, d.published, k.mentions"
    " FROM (SELECT m.doc_id, m.count AS mentions FROM mentions m INDEXED BY mentions_by_count"
    "  JOIN documents dm INDEXED BY documents_meta ON dm.id = m.doc_id WHERE m.entity = ?1"
    "  ORDER BY m.count DESC, dm.published DESC LIMIT 50) k CROSS JOIN documents d ON d.id = k.doc_id";

/* Q_CLAIMS where claim_entities is: the claims about an entity are its
** entries there, and a claim's "about" its own entries (in entity order,
** as the mentions rows gave them), its speaker aside. By or about ?1 (the
** dossier's): the first ?5 of its entries (through
** claim_entities_by_entity, in claim order) and the first ?5 of its
** claims as speaker (claims_by_speaker, in claim order), each passing the
** other filters, then the first ?5 of both: a few hundred rows read, not
** every claim of every document that mentions it (8 -> 0.1 ms for an
** entity in 19,826 claims at 20,000 documents). Without ?1, a scan in
** claim order as before, a claim about ?2 found in its entries instead of
** its mentions. */
#define CLAIMS_OF(id) "SELECT claim FROM claim_entities WHERE entity = " id
#define CLAIM_FILTERS \
    "(?2 IS NULL OR c.id IN (" CLAIMS_OF("?2") ")) AND (?3 IS NULL OR +c.speaker = ?3) AND (?4 IS NULL OR c.kind = ?4)"
#define CLAIMS_KEPT(where) \
    "SELECT c.kind, c.speaker, se.name AS speaker_name," \
    " CASE WHEN ?1 IS NULL THEN NULL WHEN c.speaker = ?1 THEN 'by' ELSE 'about' END AS role," \
    " c.doc_id, d.title, d.site_name AS publisher, d.published, c.start, c.end," \
    " " SPAN_TEXT("d", "c.start", "c.end") " AS text," \
    " (SELECT json_group_array(json_object('id', a.entity, 'name', ae.name, 'type', ae.type))" \
    "  FROM (SELECT entity FROM claim_entities WHERE claim = c.id AND entity IS NOT c.speaker ORDER BY entity) a" \
    "  JOIN entities ae ON ae.id = a.entity) AS about" \
    " FROM claims c JOIN documents d ON d.id = c.doc_id LEFT JOIN entities se ON se.id = c.speaker" \
    " WHERE " where " ORDER BY c.id LIMIT CAST(?5 AS INTEGER)"
static const char claims_of_entity[] = CLAIMS_KEPT(
    "c.id IN (SELECT id FROM (SELECT ce.claim AS id FROM claim_entities ce CROSS JOIN claims c ON c.id = ce.claim"
    "  WHERE ce.entity = ?1 AND " CLAIM_FILTERS " ORDER BY ce.claim LIMIT CAST(?5 AS INTEGER))"
    " UNION SELECT id FROM (SELECT c.id FROM claims c WHERE c.speaker = ?1 AND " CLAIM_FILTERS
    "  ORDER BY c.id LIMIT CAST(?5 AS INTEGER)))");
static const char claims_kept[] = CLAIMS_KEPT("?1 IS NULL AND " CLAIM_FILTERS);

int store_has_index(fl_db *db, const char *name) {
    sqlite3_stmt *st = NULL;
    int found = sqlite3_prepare_v2(db->sql, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1", -1,
                                   &st, NULL) == SQLITE_OK &&
                sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

/* Q_TIMELINE of one entity: its relations through the indexes on their
** ends, not every dated relation in date order. */
static const char timeline_of_entity[] =
    "SELECT r.date, r.subject, se.name AS subject_name, r.predicate, r.object,"
    " oe.name AS object_name, r.modality, r.doc_id, d.title, d.site_name AS publisher, d.published,"
    " r.start, r.end,"
    " " SPAN_TEXT("d", "r.start", "r.end") " AS sentence"
    " FROM relations r JOIN documents d ON d.id = r.doc_id"
    " LEFT JOIN entities se ON se.id = r.subject LEFT JOIN entities oe ON oe.id = r.object"
    " WHERE (r.subject = ?1 OR r.object = ?1) AND r.date IS NOT NULL"
    " AND (?2 IS NULL OR r.date >= ?2) AND (?3 IS NULL OR substr(r.date, 1, length(?3)) <= ?3)"
    " ORDER BY r.date, r.doc_id, r.start, r.id LIMIT 2000";

/* Characters of the UTF-8 text S, as SQL's length() counts them. */
static size_t chars(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Can Q be answered from the counts kept at ingest, with PARAMS? */
static int use_summary(fl_db *db, enum store_query q, const char *const *params, int n_params) {
    if (!summary_sql[q]) return 0;
    if (q == Q_GRAPH_EDGES)   /* a window counts from the relations */
        return n_params >= 4 && !params[2] && !params[3] && store_has_table(db, "relation_edges");
    int window = q == Q_MAP_RELATIONS ? 2 : 0;   /* the window's first parameter */
    if (q == Q_MAP_MENTIONS || q == Q_MAP_DOCS || q == Q_MAP_RELATIONS)
        for (int i = window; i < n_params && i < window + 2; i++)
            if (params[i] && chars(params[i]) > 7) return 0;
    return store_has_table(db, q == Q_CO_MENTIONS ? "co_mentions" : q == Q_MAP_RELATIONS ? "relation_counts"
                                                                                          : "entity_months");
}

int store_has_table(fl_db *db, const char *name) {
    sqlite3_stmt *st = NULL;
    int found = sqlite3_prepare_v2(db->sql, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", -1,
                                   &st, NULL) == SQLITE_OK &&
                sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

int store_rows(fl_db *db, enum store_query q, const char *const *params, int n_params, json_t **rows,
               char **errmsg) {
    *rows = NULL;
    sqlite3_stmt *st = NULL;
    const char *sql = q == Q_TIMELINE && n_params > 0 && params[0] ? timeline_of_entity
                      : q == Q_MAP_EVIDENCE && n_params > 0 && params[0] &&
                                store_has_index(db, "relations_by_predicate")
                          ? map_evidence_of_predicate
                      : q == Q_MAP_EVIDENCE && n_params > 1 && params[1] && store_has_index(db, "documents_meta") &&
                                store_has_index(db, "relations_by_subject_id")
                          ? map_evidence_of_subject
                      : q == Q_MAP_EVIDENCE && store_has_index(db, "documents_meta") ? map_evidence_meta
                      : q == Q_CLAIMS && store_has_table(db, "claim_entities")
                          ? n_params > 0 && params[0] ? claims_of_entity : claims_kept
                      : q == Q_SOURCES && store_has_index(db, "documents_meta")
                          ? store_has_index(db, "mentions_by_count") ? sources_by_count : sources_meta
                      : use_summary(db, q, params, n_params) ? summary_sql[q] : named_sql[q];
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) return store_db_error(db, errmsg, "query");
    for (int i = 0; i < n_params; i++) sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_STATIC);
    json_t *a = json_array();
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) json_array_append_new(a, store_row_json(st));
    sqlite3_finalize(st);
    if (r != SQLITE_DONE) {
        json_decref(a);
        return store_db_error(db, errmsg, "query");
    }
    *rows = a;
    return FL_OK;
}

static int is_hex(const char *s) {
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f'))) return 0;
    return 1;
}

int store_document(fl_db *db, const char *ref, json_t **out, char **errmsg) {
    static const char by_id[] =
        "SELECT id, sha256, source, title, authors, published, language, site_name, url,"
        " ingested_at, n_sentences, text FROM documents WHERE id = ?1";
    static const char by_sha[] =
        "SELECT id, sha256, source, title, authors, published, language, site_name, url,"
        " ingested_at, n_sentences, text FROM documents WHERE sha256 >= ?1 AND sha256 < ?1 || 'g'"
        " LIMIT 2";
    *out = NULL;
    size_t n = strlen(ref);
    int numeric = n > 0 && n < 19 && strspn(ref, "0123456789") == n;
    if (!numeric && (n < 4 || !is_hex(ref)))
        return err_set(errmsg, FL_EINVAL,
                       "%s: not a document id or sha256 prefix (4 or more hex digits)", ref);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, numeric ? by_id : by_sha, -1, &st, NULL))
        return store_db_error(db, errmsg, "show");
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    json_t *doc = NULL;
    int rc = FL_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        doc = store_row_json(st);
        if (!numeric && sqlite3_step(st) == SQLITE_ROW)
            rc = err_set(errmsg, FL_EINVAL, "%s: more than one document has this prefix; give more digits", ref);
    } else {
        rc = err_set(errmsg, FL_ENOTFOUND, "%s: no such document", ref);
    }
    sqlite3_finalize(st);
    if (rc != FL_OK) {
        json_decref(doc);
        return rc;
    }
    *out = doc;
    return FL_OK;
}
