/*
** export.c: fl_export (flank.h). It owns the run: the filters checked and
** resolved (entity names, predicates, dates, the query as FTS5), the
** buffered writer, the walk that merges the store's cursors (store.h) into
** one stream of records by document, the records' deterministic ids, and
** the two row formats, JSON lines and CSV. The other formats live in
** export_stix.c, export_graph.c and export_brief.c (export.h).
*/
#include "export.h"

#include <nettle/sha1.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "json_text.h"
#include "err.h"
#include "gazetteer.h"
#include "query.h"
#include "vocab.h"
#include "banned.h"

/* Bytes gathered before they are handed to the writer. */
#define FLUSH_AT 65536

/* ---- writing -------------------------------------------------------------- */

int export_fail(export_run *x, int rc, const char *fmt, ...) {
    if (x->rc != FL_OK) return x->rc;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    x->rc = err_set(x->errmsg, rc, "%s", msg);
    return x->rc;
}

static void flush(export_run *x) {
    if (x->rc == FL_OK && x->out.rc != FL_OK) export_fail(x, x->out.rc, "export: out of memory");
    if (x->rc == FL_OK && x->out.len && x->write(x->ctx, x->out.data, x->out.len) != 0)
        export_fail(x, FL_EIO, "export: cannot write the output");
    buf_reset(&x->out);
}

void export_wrote(export_run *x) {
    if (x->out.len >= FLUSH_AT || x->out.rc != FL_OK) flush(x);
}

void export_put(export_run *x, const char *s, size_t n) {
    if (x->rc != FL_OK) return;
    buf_append(&x->out, s, n);
    export_wrote(x);
}

void export_puts(export_run *x, const char *s) { export_put(x, s, strlen(s)); }

void export_printf(export_run *x, const char *fmt, ...) {
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof small) {
        export_put(x, small, (size_t)n);
        return;
    }
    char *big = n > 0 ? malloc((size_t)n + 1) : NULL;
    if (big) {
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        export_put(x, big, (size_t)n);
    } else {
        export_fail(x, FL_ENOMEM, "export: out of memory");
    }
    free(big);
}

void export_json(export_run *x, const json_t *v) {
    if (x->rc != FL_OK) return;
    json_text(&x->out, v, JSON_COMPACT);
    export_wrote(x);
}

static int dump_piece(const char *s, size_t n, void *ctx) {
    export_put(ctx, s, n);
    return ((export_run *)ctx)->rc == FL_OK ? 0 : -1;
}

void export_json_reals(export_run *x, const json_t *v) {
    size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10);
    if (x->rc == FL_OK && json_dump_callback(v, dump_piece, x, flags) != 0)
        export_fail(x, FL_ENOMEM, "export: cannot write JSON");
}

void export_xml_text(export_run *x, const char *s) {
    if (!s) return;
    const char *run = s;
    for (; *s; s++) {
        const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
                      : *s == '"' ? "&quot;" : *s == '\'' ? "&#39;" : NULL;
        if (!e) continue;
        export_put(x, run, (size_t)(s - run));
        export_puts(x, e);
        run = s + 1;
    }
    export_put(x, run, (size_t)(s - run));
}

const char *export_str(const json_t *row, const char *key) {
    return json_string_value(json_object_get(row, key));
}

json_int_t export_int(const json_t *row, const char *key) {
    return json_integer_value(json_object_get(row, key));
}

/* ---- ids ------------------------------------------------------------------ */

/* flank's namespace: uuid5(NAMESPACE_URL, "https://flank.invalid/export"). */
static const unsigned char flank_namespace[16] = {
    0x0d, 0xac, 0x5f, 0x40, 0x6b, 0xa4, 0x5e, 0x58, 0x96, 0x85, 0xd8, 0x31, 0xf1, 0x79, 0xa3, 0x25,
};

/* A UUIDv5 is hashed piece by piece, as its name is read: namespace,
** then each part straight from where it lies, with no name assembled. */
static void uuid_begin(struct sha1_ctx *ctx) {
    sha1_init(ctx);
    sha1_update(ctx, sizeof flank_namespace, flank_namespace);
}

static void uuid_end(struct sha1_ctx *ctx, char out[37]) {
    unsigned char h[SHA1_DIGEST_SIZE];
    sha1_digest(ctx, sizeof h, h);
    h[6] = (unsigned char)((h[6] & 0x0f) | 0x50);   /* version 5 */
    h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
    static const char hex[] = "0123456789abcdef";
    char *o = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) *o++ = '-';
        *o++ = hex[h[i] >> 4];
        *o++ = hex[h[i] & 15];
    }
    *o = '\0';
}

void export_uuid5(const void *name, size_t n, char out[37]) {
    struct sha1_ctx ctx;
    uuid_begin(&ctx);
    sha1_update(&ctx, n, name);
    uuid_end(&ctx, out);
}

void export_uuid5_join(const char *const *parts, size_t n, char out[37]) {
    struct sha1_ctx ctx;
    uuid_begin(&ctx);
    for (size_t i = 0; i < n; i++) {
        if (i) sha1_update(&ctx, 1, (const uint8_t *)"\x1f");
        if (parts[i]) sha1_update(&ctx, strlen(parts[i]), (const uint8_t *)parts[i]);
    }
    uuid_end(&ctx, out);
}

/* The parts of a record that make it itself, joined by unit separators. */
static const char *const relation_key[] = {"doc_sha256", "start", "end", "subject", "predicate", "object",
                                            "modality", "date", NULL};
static const char *const claim_key[] = {"doc_sha256", "start", "end", "kind", "speaker", NULL};

/* V in decimal, as "%" JSON_INTEGER_FORMAT writes it, ending at END;
** returns where it starts. */
static char *decimal(json_int_t v, char *end) {
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do *--end = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0) *--end = '-';
    return end;
}

void export_record_id(const char *record, const json_t *row, char out[37]) {
    const char *const *key = strcmp(record, "claim") == 0 ? claim_key : relation_key;
    struct sha1_ctx ctx;
    uuid_begin(&ctx);
    sha1_update(&ctx, strlen(record), (const uint8_t *)record);
    for (; *key; key++) {
        const json_t *v = json_object_get(row, *key);
        sha1_update(&ctx, 1, (const uint8_t *)"\x1f");
        if (json_is_integer(v)) {
            char num[24], *at = decimal(json_integer_value(v), num + sizeof num);
            sha1_update(&ctx, (size_t)(num + sizeof num - at), (const uint8_t *)at);
        } else if (json_is_string(v)) {
            sha1_update(&ctx, json_string_length(v), (const uint8_t *)json_string_value(v));
        }
    }
    uuid_end(&ctx, out);
}

/* ---- the walk ------------------------------------------------------------- */

/* Adds the id, and a relation's export classes. */
static void complete_row(const char *record, json_t *row) {
    char id[37];
    export_record_id(record, row, id);
    json_object_set_new(row, "id", json_string(id));
    if (strcmp(record, "relation") == 0) {
        const vocab_pred *p = vocab_find(export_str(row, "predicate"));
        int cameo = p && strcmp(p->cameo, "-") != 0, plover = p && strcmp(p->plover, "-") != 0;
        json_object_set_new(row, "cameo", cameo ? json_string(p->cameo) : json_null());
        json_object_set_new(row, "plover", plover ? json_string(p->plover) : json_null());
    }
}

int export_rows(export_run *x, enum store_cursor_kind kind, void (*fn)(export_run *x, json_t *row)) {
    store_cursor *c = NULL;
    char *msg = NULL;
    if (x->rc == FL_OK && store_cursor_open(x->db, kind, &x->filter, &c, &msg) != FL_OK)
        export_fail(x, FL_EDB, "%s", msg);
    json_t *row;
    int r = 0;
    while (x->rc == FL_OK && (r = store_cursor_next(c, &row, &msg)) == 1) fn(x, row);
    if (r < 0) export_fail(x, FL_EDB, "%s", msg);
    free(msg);
    store_cursor_free(c);
    return x->rc;
}

/* One cursor of the merged walk and its current row (the cursor's). */
typedef struct head {
    store_cursor *c;
    json_t *row;
    const char *record;
} head;

static void advance(export_run *x, head *h) {
    h->row = NULL;
    if (!h->c || x->rc != FL_OK) return;
    char *msg = NULL;
    if (store_cursor_next(h->c, &h->row, &msg) < 0) export_fail(x, FL_EDB, "%s", msg);
    free(msg);
    if (h->row && h->record) complete_row(h->record, h->row);
}

static json_int_t doc_of(const head *h) { return h->row ? export_int(h->row, "_doc") : INT64_MAX; }

int export_walk(export_run *x, const export_sink *sink) {
    if (sink->entity) export_rows(x, SC_ENTITIES, sink->entity);
    head docs = {0}, rels = {0, NULL, "relation"}, claims = {0, NULL, "claim"};
    char *msg = NULL;
    int with_docs = sink->document || sink->document_end;
    if (x->rc == FL_OK && ((with_docs && store_cursor_open(x->db, SC_DOCUMENTS, &x->filter, &docs.c, &msg)) ||
                           store_cursor_open(x->db, SC_RELATIONS, &x->filter, &rels.c, &msg) ||
                           store_cursor_open(x->db, SC_CLAIMS, &x->filter, &claims.c, &msg)))
        export_fail(x, FL_EDB, "%s", msg);
    free(msg);
    advance(x, &docs);
    advance(x, &rels);
    advance(x, &claims);
    while (x->rc == FL_OK && (docs.row || rels.row || claims.row)) {
        json_int_t d = doc_of(&docs) < doc_of(&rels) ? doc_of(&docs) : doc_of(&rels);
        if (doc_of(&claims) < d) d = doc_of(&claims);
        int doc_here = docs.row && doc_of(&docs) == d;
        if (doc_here && sink->document) sink->document(x, docs.row);
        for (; x->rc == FL_OK && rels.row && doc_of(&rels) == d; advance(x, &rels))
            if (sink->relation) sink->relation(x, rels.row);
        for (; x->rc == FL_OK && claims.row && doc_of(&claims) == d; advance(x, &claims))
            if (sink->claim) sink->claim(x, claims.row);
        if (doc_here && sink->document_end) sink->document_end(x, docs.row);
        if (doc_here) advance(x, &docs);
    }
    head *all[] = {&docs, &rels, &claims};
    for (size_t i = 0; i < 3; i++) store_cursor_free(all[i]->c);
    return x->rc;
}

/* ---- JSON lines and CSV ----------------------------------------------------- */

/* The columns of each record, in order (docs/export.md). */
static const char *const entity_cols[] = {"id", "name", "type", "mentions", "documents", NULL};
static const char *const document_cols[] = {"sha256", "title", "authors", "published", "publisher",
                                             "url", "source", "language", "text", NULL};
static const char *const relation_cols[] = {
    "id", "subject", "subject_name", "subject_type", "predicate", "object", "object_name", "object_type",
    "modality", "date", "sentence", "start", "end", "doc_sha256", "doc_title", "doc_publisher",
    "doc_published", "doc_url", "sources", "cameo", "plover", "stances", NULL};
static const char *const claim_cols[] = {"id", "kind", "speaker", "speaker_name", "text", "start", "end",
                                          "doc_sha256", "doc_title", "doc_publisher", "doc_published",
                                          "doc_url", NULL};
/* CSV has one header: every column of the three records, each once. */
static const char *const csv_cols[] = {
    "record", "id", "name", "type", "mentions", "documents", "subject", "subject_name", "subject_type",
    "predicate", "object", "object_name", "object_type", "modality", "date", "kind", "speaker",
    "speaker_name", "sentence", "text", "start", "end", "doc_sha256", "doc_title", "doc_publisher",
    "doc_published", "doc_url", "sources", "cameo", "plover", "stances", NULL};

static void json_line(export_run *x, const char *record, const char *const *cols, const json_t *row) {
    json_writer w;
    jw_init(&w, &x->out, JSON_COMPACT);
    jw_object(&w);
    jw_key(&w, "record", 6);
    jw_string(&w, record, strlen(record));
    for (; *cols; cols++) {
        const json_t *v = json_object_get(row, *cols);
        jw_key(&w, *cols, strlen(*cols));
        if (v) jw_value(&w, v);
        else jw_literal(&w, "null");
    }
    jw_end(&w);
    export_put(x, "\n", 1);
}

static void jsonl_entity(export_run *x, json_t *row) { json_line(x, "entity", entity_cols, row); }
static void jsonl_document(export_run *x, json_t *row) { json_line(x, "document", document_cols, row); }
static void jsonl_relation(export_run *x, json_t *row) { json_line(x, "relation", relation_cols, row); }
static void jsonl_claim(export_run *x, json_t *row) { json_line(x, "claim", claim_cols, row); }

static int export_jsonl(export_run *x) {
    export_sink sink = {jsonl_entity, x->opts->with_documents ? jsonl_document : NULL, jsonl_relation,
                        jsonl_claim, NULL};
    return export_walk(x, &sink);
}

void export_csv_field(buf *b, const char *s, size_t n) {
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        buf_append(b, s, n);
        return;
    }
    buf_putc(b, '"');
    for (const char *run = s, *end = s + n; run < end;) {
        const char *q = memchr(run, '"', (size_t)(end - run));
        size_t k = q ? (size_t)(q - run) + 1 : (size_t)(end - run);
        buf_append(b, run, k);
        if (q) buf_putc(b, '"');
        run += k;
    }
    buf_putc(b, '"');
}

/* One CSV line: RECORD's columns where it has them, empty elsewhere. */
static void csv_line(export_run *x, const char *record, json_t *row) {
    buf line;
    buf_init(&line, BUF_NO_LIMIT);
    for (const char *const *col = csv_cols; *col; col++) {
        if (col != csv_cols) buf_putc(&line, ',');
        json_t *v = strcmp(*col, "record") == 0 ? NULL : json_object_get(row, *col);
        if (!v) {
            if (col == csv_cols) buf_puts(&line, record);
        } else if (json_is_string(v)) {
            export_csv_field(&line, json_string_value(v), json_string_length(v));
        } else if (json_is_integer(v)) {
            buf_printf(&line, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        } else if (json_is_array(v)) {   /* a relation's stances: their JSON */
            char *text = json_dumps(v, JSON_COMPACT);
            if (text) export_csv_field(&line, text, strlen(text));
            else line.rc = FL_ENOMEM;
            free(text);
        }
    }
    buf_puts(&line, "\r\n");
    if (line.rc != FL_OK) export_fail(x, line.rc, "export: out of memory");
    export_put(x, line.data, line.len);
    buf_release(&line);
}

static void csv_entity(export_run *x, json_t *row) { csv_line(x, "entity", row); }
static void csv_relation(export_run *x, json_t *row) { csv_line(x, "relation", row); }
static void csv_claim(export_run *x, json_t *row) { csv_line(x, "claim", row); }

static int export_csv(export_run *x) {
    for (const char *const *col = csv_cols; *col; col++) {
        if (col != csv_cols) export_put(x, ",", 1);
        export_puts(x, *col);
    }
    export_put(x, "\r\n", 2);
    export_sink sink = {csv_entity, NULL, csv_relation, csv_claim, NULL};
    return export_walk(x, &sink);
}

/* ---- the formats and the run --------------------------------------------- */

typedef struct format {
    const char *name, *type, *extension;
    int (*run)(export_run *x);
    int documents;   /* takes with_documents */
} format;

static const format formats[] = {
    {"jsonl", "application/jsonl; charset=utf-8", "jsonl", export_jsonl, 1},
    {"csv", "text/csv; charset=utf-8", "csv", export_csv, 0},
    {"stix", "application/stix+json;version=2.1", "json", export_stix, 0},
    {"gexf", "application/gexf+xml; charset=utf-8", "gexf", export_gexf, 0},
    {"graphml", "application/graphml+xml; charset=utf-8", "graphml", export_graphml, 0},
    {"md", "text/markdown; charset=utf-8", "md", export_md, 0},
    {"html", "text/html; charset=utf-8", "html", export_html, 0},
};

static const format *find_format(const char *name) {
    for (size_t i = 0; name && i < sizeof formats / sizeof *formats; i++)
        if (strcmp(formats[i].name, name) == 0) return &formats[i];
    return NULL;
}

const char *fl_export_type(const char *name, const char **extension) {
    const format *f = find_format(name);
    if (extension) *extension = f ? f->extension : NULL;
    return f ? f->type : NULL;
}

static int check_date(const char *what, const char *d, char **errmsg) {
    int y, m, day;
    size_t n = d ? strlen(d) : 0;
    if (!d || ((n == 4 || n == 7 || n == 10) && date_parse_iso(d, &y, &m, &day))) return FL_OK;
    return err_set(errmsg, FL_EINVAL, "%s: not a date for %s; write 2024, 2024-07 or 2024-07-01", d, what);
}

/* ID (written as an id) must be an entity of the pack or the database. */
static int known_entity(fl_db *db, const char *id, char **errmsg) {
    const gaz_pack *pack = NULL;
    if (gaz_default(&pack, NULL) == FL_OK && gaz_get(pack, id)) return FL_OK;
    json_t *rows = NULL;
    const char *params[] = {id};
    int rc = store_rows(db, Q_ENTITY, params, 1, &rows, errmsg);
    if (rc == FL_OK && !json_array_size(rows))
        rc = err_set(errmsg, FL_ENOTFOUND, "%s: no such entity in the knowledge pack or the database", id);
    json_decref(rows);
    return rc;
}

/* Checks OPTS and fills the run's filter; *ENTITY and FTS own what it
** points at. */
static int resolve(fl_db *db, const fl_export_opts *o, const format **f, char **entity, buf *fts,
                   store_filter *filter, char **errmsg) {
    *f = find_format(o->format);
    if (!*f)
        return err_set(errmsg, FL_EINVAL, "%s: not an export format; use jsonl, csv, stix, gexf, graphml, md or html",
                       o->format ? o->format : "(none)");
    if (o->with_documents && !(*f)->documents)
        return err_set(errmsg, FL_EINVAL, "%s: documents are exported in jsonl only", o->format);
    if (o->predicate && !vocab_find(o->predicate))
        return err_set(errmsg, FL_EINVAL, "%s: not a predicate; 'flank kb predicates' lists them", o->predicate);
    int rc = check_date("--since", o->since, errmsg);
    if (rc == FL_OK) rc = check_date("--until", o->until, errmsg);
    if (rc == FL_OK && o->entity) rc = fl_entity_id(db, o->entity, entity, errmsg);
    if (rc == FL_OK && *entity) rc = known_entity(db, *entity, errmsg);
    if (rc == FL_OK && o->query && *o->query) rc = query_to_fts(o->query, fts, NULL, errmsg);
    if (rc != FL_OK) return rc;
    *filter = (store_filter){*entity, o->predicate, o->since, o->until, fts->len ? buf_cstr(fts) : NULL,
                             o->with_documents};
    return FL_OK;
}

int fl_export_check(fl_db *db, const fl_export_opts *opts, char **errmsg) {
    const format *f = NULL;
    char *entity = NULL;
    store_filter filter;
    buf fts;
    buf_init(&fts, BUF_NO_LIMIT);
    int rc = resolve(db, opts, &f, &entity, &fts, &filter, errmsg);
    buf_release(&fts);
    fl_free(entity);
    return rc;
}

int fl_export(fl_db *db, const fl_export_opts *opts, fl_write_fn write, void *ctx, char **errmsg) {
    const format *f = NULL;
    char *entity = NULL;
    buf fts;
    buf_init(&fts, BUF_NO_LIMIT);
    export_run x = {.db = db, .opts = opts, .write = write, .ctx = ctx, .errmsg = errmsg};
    buf_init(&x.out, BUF_NO_LIMIT);
    x.rc = resolve(db, opts, &f, &entity, &fts, &x.filter, errmsg);
    if (x.rc == FL_OK) x.rc = store_export_begin(db, errmsg);
    if (x.rc == FL_OK) {
        f->run(&x);
        store_export_end(db);
    }
    flush(&x);
    buf_release(&x.out);
    buf_release(&fts);
    fl_free(entity);
    return x.rc;
}
