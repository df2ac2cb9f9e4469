/*
** import.c: fl_import (flank.h), what `flank export --format jsonl` wrote
** read back into a database in one transaction. Lines are read one at a
** time (each capped), checked (JSON, record kind, field types, unique ids,
** each sentence at its offsets), and gathered per document: a document's
** records follow each other in an export. Each document is then stored
** when the file brings it and the database lacks it, annotated from its
** text (mentions and dates, as relink does) with the file's relations and
** claims in place of those found, and written (store.h). The first bad
** line rolls everything back.
*/
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "claim.h"
#include "doc.h"
#include "err.h"
#include "keytab.h"
#include "relation.h"
#include "stance.h"
#include "store.h"
#include "vocab.h"
#include "banned.h"

/* The longest line read: a document's text is at most 64 MiB, escaped. */
#define MAX_LINE ((size_t)256 << 20)
#define READ_BLOCK 65536

/* ---- lines ---------------------------------------------------------------- */

typedef struct reader {
    FILE *f;
    char block[READ_BLOCK];
    size_t at, n;
    int eof;
} reader;

/* The next line into LINE (without its line break): 1, or 0 at the end of
** the file, or -1 when it passes MAX_LINE or reading fails (*TOO_LONG
** says which). *ENDED is 0 when the file ended without a line break. */
static int read_line(reader *r, buf *line, int *ended, int *too_long) {
    buf_reset(line);
    *ended = 0;
    *too_long = 0;
    for (;;) {
        if (r->at == r->n) {
            if (r->eof) return line->len ? 1 : 0;
            r->n = fread(r->block, 1, sizeof r->block, r->f);
            r->at = 0;
            if (r->n == 0) {
                if (ferror(r->f)) return -1;
                r->eof = 1;
                continue;
            }
        }
        const char *nl = memchr(r->block + r->at, '\n', r->n - r->at);
        size_t k = nl ? (size_t)(nl - (r->block + r->at)) : r->n - r->at;
        if (line->len + k > MAX_LINE) {
            *too_long = 1;
            return -1;
        }
        buf_append(line, r->block + r->at, k);
        r->at += k + (nl ? 1 : 0);
        if (line->rc != FL_OK) return -1;
        if (nl) {
            *ended = 1;
            return 1;
        }
    }
}

/* ---- ids seen --------------------------------------------------------------- */

/* Whether ID is new to S, the ids seen (added if so): 1 new, 0 seen, -1
** out of memory. */
static int first_time(keytab *s, const char *id) {
    int added;
    return keytab_get(s, id, strlen(id), &added) < 0 ? -1 : added;
}

/* ---- the import ------------------------------------------------------------- */

/* One document's records, gathered until the next document's. */
typedef struct group {
    char sha256[65];
    long line;           /* of its first record */
    json_t *doc;         /* its document record, or NULL */
    json_t *rels, *claims;
    json_t *rel_lines, *claim_lines;
} group;

typedef struct import {
    fl_db *db;
    const char *path;
    int with_documents;
    long line;
    group g;
    keytab entities, documents, records;
    fl_import_counts *counts;
    char **errmsg;
} import;

static int bad(import *im, long line, const char *fmt, const char *detail) {
    char what[512];
    snprintf(what, sizeof what, fmt, detail);
    return err_set(im->errmsg, FL_EINVAL, "%s:%ld: %s", im->path, line, what);
}

/* Field KEY of record O must be a string (or null when NULLABLE). */
static int want_str(import *im, const json_t *o, const char *key, int nullable) {
    const json_t *v = json_object_get(o, key);
    if (json_is_string(v) || (nullable && (!v || json_is_null(v)))) return FL_OK;
    return bad(im, im->line, nullable ? "\"%s\" must be a string or null" : "\"%s\" must be a string", key);
}

static int want_int(import *im, const json_t *o, const char *key) {
    const json_t *v = json_object_get(o, key);
    if (json_is_integer(v) && json_integer_value(v) >= 0) return FL_OK;
    return bad(im, im->line, "\"%s\" must be a whole number", key);
}

static int want_strs(import *im, const json_t *o, const char *const *keys, int nullable) {
    int rc = FL_OK;
    for (; rc == FL_OK && *keys; keys++) rc = want_str(im, o, *keys, nullable);
    return rc;
}

static const char *str(const json_t *o, const char *key) { return json_string_value(json_object_get(o, key)); }

static size_t num(const json_t *o, const char *key) {
    return (size_t)json_integer_value(json_object_get(o, key));
}

static int modality_of(const char *name) {
    for (int m = MOD_ASSERTED; m <= MOD_PLANNED; m++)
        if (name && strcmp(rel_modality_name(m), name) == 0) return m;
    return -1;
}

static int kind_of(const char *name) {
    for (int k = CLAIM_RECOMMENDATION; k <= CLAIM_QUOTE; k++)
        if (name && strcmp(claim_kind_name(k), name) == 0) return k;
    return -1;
}

/* The span START..END of TEXT must read EXPECTED. */
static int check_span(import *im, long line, const char *text, size_t n, const json_t *o, const char *key) {
    size_t a = num(o, "start"), b = num(o, "end");
    const char *want = str(o, key);
    if (a > b || b > n || strlen(want) != b - a || memcmp(text + a, want, b - a) != 0)
        return bad(im, line, "\"%s\" is not the document's text at start..end", key);
    return FL_OK;
}

/* Gives D the group's relations and claims in place of its own. */
static int swap_annotations(import *im, fl_doc *d) {
    group *g = &im->g;
    size_t nr = json_array_size(g->rels), nc = json_array_size(g->claims);
    annot_relation *rels = calloc(nr ? nr : 1, sizeof *rels);
    annot_claim *claims = calloc(nc ? nc : 1, sizeof *claims);
    if (!rels || !claims) {
        free(rels);
        free(claims);
        return err_set(im->errmsg, FL_ENOMEM, "out of memory");
    }
    int rc = FL_OK;
    for (size_t i = 0; rc == FL_OK && i < nr; i++) {
        const json_t *o = json_array_get(g->rels, i);
        long line = (long)json_integer_value(json_array_get(g->rel_lines, i));
        rc = check_span(im, line, d->text, d->text_len, o, "sentence");
        const char *date = str(o, "date");
        rels[i] = (annot_relation){str(o, "subject"), vocab_find(str(o, "predicate"))->name, str(o, "object"),
                                   "", modality_of(str(o, "modality")), num(o, "start"), num(o, "end")};
        snprintf(rels[i].date, sizeof rels[i].date, "%s", date ? date : "");
    }
    for (size_t i = 0; rc == FL_OK && i < nc; i++) {
        const json_t *o = json_array_get(g->claims, i);
        long line = (long)json_integer_value(json_array_get(g->claim_lines, i));
        rc = check_span(im, line, d->text, d->text_len, o, "text");
        claims[i] = (annot_claim){.kind = kind_of(str(o, "kind")), .speaker = str(o, "speaker"),
                                  .start = num(o, "start"), .end = num(o, "end")};
    }
    free(d->rels);
    free(d->claims);
    d->rels = rels;
    d->n_rels = nr;
    d->claims = claims;
    d->n_claims = nc;
    /* stances point at relations by index: read again for the new ones */
    free(d->stances);
    d->stances = NULL;
    d->n_stances = 0;
    if (rc == FL_OK)
        rc = stance_find(d->text, d->text_len, rels, nr, d->ents.mentions, d->ents.n_mentions, claims, nc,
                         &d->stances, &d->n_stances, im->errmsg);
    return rc;
}

/* Sets the document record's metadata on D. */
static int set_meta(fl_doc *d, const json_t *rec) {
    static const struct { const char *key; size_t at; } fields[] = {
        {"title", offsetof(extract_result, title)},
        {"publisher", offsetof(extract_result, site_name)},
        {"url", offsetof(extract_result, canonical_url)},
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        const char *v = str(rec, fields[i].key);
        char **slot = (char **)((char *)&d->meta + fields[i].at);
        if (v && !(*slot = strdup(v))) return FL_ENOMEM;
    }
    const json_t *authors = json_object_get(rec, "authors");
    size_t n = json_array_size(authors);
    if (n && !(d->meta.authors = calloc(n, sizeof *d->meta.authors))) return FL_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (!(d->meta.authors[i] = strdup(json_string_value(json_array_get(authors, i))))) return FL_ENOMEM;
        d->meta.n_authors++;
    }
    const char *source = str(rec, "source");
    free(d->source);
    return (d->source = strdup(source ? source : "import")) ? FL_OK : FL_ENOMEM;
}

/* Stores the gathered document: added from its record when the database
** lacks it, else found by sha256; then its annotations replaced. */
static int flush_group(import *im) {
    group *g = &im->g;
    if (!g->sha256[0]) return FL_OK;
    stored_doc sd;
    int found = store_doc_by_sha(im->db, g->sha256, &sd, im->errmsg);
    if (found < 0) return FL_EDB;
    if (!found && !g->doc)
        return bad(im, g->line, "document %s is not in the database; export it --with-documents and "
                                "import it --with-documents", g->sha256);
    fl_doc *d = NULL;
    int rc;
    if (found) {
        rc = doc_from_stored(sd.text, sd.text_len, sd.published, sd.language, sd.sha256, 0, &d, im->errmsg);
    } else {
        const char *text = str(g->doc, "text");
        rc = doc_from_stored(text, strlen(text), str(g->doc, "published"), str(g->doc, "language"), g->sha256,
                             0, &d, im->errmsg);
        if (rc == FL_OK && set_meta(d, g->doc) != FL_OK) rc = err_set(im->errmsg, FL_ENOMEM, "out of memory");
    }
    if (rc == FL_OK) rc = swap_annotations(im, d);
    if (rc == FL_OK && found) {
        rc = store_replace_annotations(im->db, sd.id, d, im->errmsg);
    } else if (rc == FL_OK) {
        int64_t id;
        int added;
        rc = fl_db_add(im->db, d, &id, &added, im->errmsg);
        im->counts->documents += rc == FL_OK;
    }
    if (rc == FL_OK) {
        im->counts->relations += (int64_t)json_array_size(g->rels);
        im->counts->claims += (int64_t)json_array_size(g->claims);
    }
    fl_doc_free(d);
    stored_doc_release(&sd);
    json_decref(g->doc);
    json_array_clear(g->rels);
    json_array_clear(g->claims);
    json_array_clear(g->rel_lines);
    json_array_clear(g->claim_lines);
    g->doc = NULL;
    g->sha256[0] = '\0';
    return rc;
}

/* Makes SHA256 the document gathered, flushing the one before. */
static int enter_group(import *im, const char *sha256) {
    if (strcmp(im->g.sha256, sha256) == 0) return FL_OK;
    int rc = flush_group(im);
    if (rc != FL_OK) return rc;
    size_t n = strlen(sha256);
    if (n != 64 || strspn(sha256, "0123456789abcdef") != n) return bad(im, im->line, "%s: not a sha256", sha256);
    int isnew = first_time(&im->documents, sha256);
    if (isnew < 0) return err_set(im->errmsg, FL_ENOMEM, "out of memory");
    if (!isnew)
        return bad(im, im->line, "document %s again: a document's records must follow each other", sha256);
    memcpy(im->g.sha256, sha256, 65);
    im->g.line = im->line;
    return FL_OK;
}

static const char *const entity_strs[] = {"id", "name", "type", NULL};
static const char *const relation_strs[] = {"id", "subject", "predicate", "modality", "sentence", "doc_sha256", NULL};
static const char *const relation_opt_strs[] = {"object", "date", NULL};
static const char *const claim_strs[] = {"id", "kind", "text", "doc_sha256", NULL};
static const char *const document_strs[] = {"sha256", "text", NULL};
static const char *const document_opt_strs[] = {"title", "published", "publisher", "url", "source", "language", NULL};

/* An entity a record names must have come before it. */
static int known(import *im, const char *id) {
    if (!id || keytab_find(&im->entities, id, strlen(id)) >= 0) return FL_OK;
    return bad(im, im->line, "%s: not an entity of the records before", id);
}

/* An id must be new in the file. */
static int unique(import *im, keytab *s, const char *what, const char *id) {
    int isnew = first_time(s, id);
    if (isnew < 0) return err_set(im->errmsg, FL_ENOMEM, "out of memory");
    return isnew ? FL_OK : bad(im, im->line, what, id);
}

static int take_entity(import *im, json_t *o) {
    int rc = want_strs(im, o, entity_strs, 0);
    if (rc == FL_OK) rc = unique(im, &im->entities, "entity %s again", str(o, "id"));
    if (rc == FL_OK) rc = store_put_entity(im->db, str(o, "id"), str(o, "name"), str(o, "type"), im->errmsg);
    im->counts->entities += rc == FL_OK;
    return rc;
}

static int take_document(import *im, json_t *o) {
    int rc = want_strs(im, o, document_strs, 0);
    if (rc == FL_OK) rc = want_strs(im, o, document_opt_strs, 1);
    const json_t *authors = json_object_get(o, "authors");
    for (size_t i = 0; rc == FL_OK && i < json_array_size(authors); i++)
        if (!json_is_string(json_array_get(authors, i))) rc = bad(im, im->line, "\"%s\" must hold strings", "authors");
    if (rc == FL_OK && authors && !json_is_array(authors)) rc = bad(im, im->line, "\"%s\" must be a list", "authors");
    if (rc == FL_OK) rc = enter_group(im, str(o, "sha256"));
    if (rc == FL_OK && (im->g.doc || im->g.line != im->line))
        rc = bad(im, im->line, "document %s again, or after its records", str(o, "sha256"));
    if (rc == FL_OK && im->with_documents) im->g.doc = json_incref(o);
    return rc;
}

static int take_relation(import *im, json_t *o) {
    int rc = want_strs(im, o, relation_strs, 0);
    if (rc == FL_OK) rc = want_strs(im, o, relation_opt_strs, 1);
    if (rc == FL_OK) rc = want_int(im, o, "start");
    if (rc == FL_OK) rc = want_int(im, o, "end");
    if (rc == FL_OK && !vocab_find(str(o, "predicate")))
        rc = bad(im, im->line, "%s: not a predicate; 'flank kb predicates' lists them", str(o, "predicate"));
    if (rc == FL_OK && modality_of(str(o, "modality")) < 0)
        rc = bad(im, im->line, "%s: not a modality (asserted, alleged, negated or planned)", str(o, "modality"));
    if (rc == FL_OK && str(o, "date") && strlen(str(o, "date")) >= 32)
        rc = bad(im, im->line, "%s: not a date", str(o, "date"));
    if (rc == FL_OK) rc = known(im, str(o, "subject"));
    if (rc == FL_OK) rc = known(im, str(o, "object"));
    if (rc == FL_OK) rc = unique(im, &im->records, "relation %s again", str(o, "id"));
    if (rc == FL_OK) rc = enter_group(im, str(o, "doc_sha256"));
    if (rc == FL_OK) {
        json_array_append(im->g.rels, o);
        json_array_append_new(im->g.rel_lines, json_integer(im->line));
    }
    return rc;
}

static int take_claim(import *im, json_t *o) {
    int rc = want_strs(im, o, claim_strs, 0);
    if (rc == FL_OK) rc = want_str(im, o, "speaker", 1);
    if (rc == FL_OK) rc = want_int(im, o, "start");
    if (rc == FL_OK) rc = want_int(im, o, "end");
    if (rc == FL_OK && kind_of(str(o, "kind")) < 0)
        rc = bad(im, im->line, "%s: not a claim kind (recommendation, assessment or quote)", str(o, "kind"));
    if (rc == FL_OK) rc = known(im, str(o, "speaker"));
    if (rc == FL_OK) rc = unique(im, &im->records, "claim %s again", str(o, "id"));
    if (rc == FL_OK) rc = enter_group(im, str(o, "doc_sha256"));
    if (rc == FL_OK) {
        json_array_append(im->g.claims, o);
        json_array_append_new(im->g.claim_lines, json_integer(im->line));
    }
    return rc;
}

static const struct {
    const char *name;
    int (*take)(import *im, json_t *o);
} records[] = {
    {"entity", take_entity},
    {"document", take_document},
    {"relation", take_relation},
    {"claim", take_claim},
};

static int take_line(import *im, const buf *line, int ended) {
    json_error_t jerr;
    json_t *o = json_loadb(line->data ? line->data : "", line->len, 0, &jerr);
    if (!o)
        return bad(im, im->line, ended ? "not JSON: %s" : "truncated: the file ends inside a record (%s)",
                   jerr.text);
    int rc = FL_OK;
    const char *kind = str(o, "record");
    size_t i = 0;
    if (!json_is_object(o)) rc = bad(im, im->line, "%s", "not a JSON object");
    while (rc == FL_OK && i < sizeof records / sizeof *records && !(kind && strcmp(kind, records[i].name) == 0))
        i++;
    if (rc == FL_OK && i == sizeof records / sizeof *records)
        rc = bad(im, im->line, "%s", "\"record\" must be entity, document, relation or claim");
    if (rc == FL_OK) rc = records[i].take(im, o);
    json_decref(o);
    return rc;
}

static int import_lines(import *im, FILE *f) {
    reader *r = calloc(1, sizeof *r);
    if (!r) return err_set(im->errmsg, FL_ENOMEM, "out of memory");
    r->f = f;
    buf line;
    buf_init(&line, BUF_NO_LIMIT);
    int rc = FL_OK, got, ended, too_long;
    while (rc == FL_OK && (got = read_line(r, &line, &ended, &too_long)) != 0) {
        im->line++;
        if (got < 0 && too_long) rc = bad(im, im->line, "line longer than %s: not an export", "256 MiB");
        else if (got < 0 && line.rc != FL_OK) rc = err_set(im->errmsg, FL_ENOMEM, "out of memory");
        else if (got < 0) rc = err_set(im->errmsg, FL_EIO, "%s: cannot read: %s", im->path, strerror(errno));
        else if (line.len) rc = take_line(im, &line, ended);
    }
    if (rc == FL_OK) rc = flush_group(im);
    buf_release(&line);
    free(r);
    return rc;
}

int fl_import(fl_db *db, const char *path, int with_documents, fl_import_counts *counts, char **errmsg) {
    memset(counts, 0, sizeof *counts);
    int rc = vocab_init(NULL, errmsg);
    if (rc != FL_OK) return rc;
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) return err_set(errmsg, FL_EIO, "%s: cannot open: %s", path, strerror(errno));
    import im = {.db = db, .path = is_stdin ? "stdin" : path, .with_documents = with_documents,
                 .counts = counts, .errmsg = errmsg};
    keytab_init(&im.entities);
    keytab_init(&im.documents);
    keytab_init(&im.records);
    im.g.rels = json_array();
    im.g.claims = json_array();
    im.g.rel_lines = json_array();
    im.g.claim_lines = json_array();
    rc = store_hold_begin(db, errmsg);
    if (rc == FL_OK) {
        rc = import_lines(&im, f);
        rc = store_hold_end(db, rc, errmsg);
    }
    if (rc != FL_OK) memset(counts, 0, sizeof *counts);
    json_decref(im.g.doc);
    json_decref(im.g.rels);
    json_decref(im.g.claims);
    json_decref(im.g.rel_lines);
    json_decref(im.g.claim_lines);
    keytab_release(&im.entities);
    keytab_release(&im.documents);
    keytab_release(&im.records);
    if (!is_stdin) fclose(f);
    return rc;
}
