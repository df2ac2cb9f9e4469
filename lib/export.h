/*
** export.h: what the export formats share (fl_export in flank.h is the
** entry). export.c owns the run (filters, the buffered writer, the walk
** that merges a store's cursors into one stream of records, ids) and the
** row formats, JSON lines and CSV; export_stix.c, export_graph.c and
** export_brief.c each own their formats. The rows come from the store's
** cursors (store.h); docs/export.md says what each format holds.
*/
#ifndef FL_EXPORT_H
#define FL_EXPORT_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"
#include "store.h"

#include "flank/flank.h"

/* One export as it runs. Writes go to OUT and are handed to WRITE in
** pieces; RC is sticky: after the first failure every write is a no-op
** and the run's result is RC with *ERRMSG. */
typedef struct export_run {
    fl_db *db;
    const fl_export_opts *opts;
    store_filter filter;    /* the entity resolved, the query as FTS5 */
    buf out;
    fl_write_fn write;
    void *ctx;
    int rc;
    char **errmsg;
    void *state;            /* a format's own */
} export_run;

void export_put(export_run *x, const char *s, size_t n);
/* After writing straight into X->out (json_text.h's writer): hands it on
** when it is full, notes its error. */
void export_wrote(export_run *x);
void export_puts(export_run *x, const char *s);
void export_printf(export_run *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* V as compact JSON, keys in their order, as json_dumps writes it
** (json_text.h); export_json_reals with reals to 10 significant digits
** (coordinates), through json_dumps. */
void export_json(export_run *x, const json_t *v);
void export_json_reals(export_run *x, const json_t *v);
/* S with &, <, >, " and ' written as XML entities (also HTML). */
void export_xml_text(export_run *x, const char *s);
/* Sets X's error (the first one wins) and returns it. */
int export_fail(export_run *x, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A row's string column, or NULL when absent or null; an integer column. */
const char *export_str(const json_t *row, const char *key);
json_int_t export_int(const json_t *row, const char *key);

/* What a format does with the stream of records export_walk reads; each
** member may be NULL. ENTITY: every entity first, by id. Then per
** document, by id: DOCUMENT, its relations and claims in text order,
** DOCUMENT_END. Relation and claim rows carry "id" (export_record_id) and
** relation rows "cameo" and "plover" (the vocabulary's classes). */
typedef struct export_sink {
    void (*entity)(export_run *x, json_t *row);
    void (*document)(export_run *x, json_t *row);
    void (*relation)(export_run *x, json_t *row);
    void (*claim)(export_run *x, json_t *row);
    void (*document_end)(export_run *x, json_t *row);
} export_sink;

int export_walk(export_run *x, const export_sink *sink);

/* Walks the rows of one cursor kind, handing each to FN. */
int export_rows(export_run *x, enum store_cursor_kind kind, void (*fn)(export_run *x, json_t *row));

/* A name-based (SHA-1, version 5) UUID of NAME[0..n) in flank's
** namespace, as 36 characters and a NUL: the same name gives the same id
** in every export. */
void export_uuid5(const void *name, size_t n, char out[37]);

/* The UUIDv5 of PARTS[0..n) joined by unit separators (0x1f), a NULL
** part as an empty one: the ids of entities, documents, facts and
** bundles. */
void export_uuid5_join(const char *const *parts, size_t n, char out[37]);

/* The id of a relation or claim row: the UUIDv5 of what makes it itself
** (its document's sha256, its span, and its parts), so that it survives
** export, import and export again. */
void export_record_id(const char *record, const json_t *row, char out[37]);

/* Appends S[0..n) to B as one CSV field (RFC 4180): quoted, with quotes
** doubled, when it holds a comma, a quote, CR or LF. */
void export_csv_field(buf *b, const char *s, size_t n);

/* The formats of export_stix.c, export_graph.c and export_brief.c. */
int export_stix(export_run *x);
int export_gexf(export_run *x);
int export_graphml(export_run *x);
int export_md(export_run *x);
int export_html(export_run *x);

#endif
