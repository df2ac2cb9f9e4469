/*
** api_documents.c: GET /api/documents/{id or sha256 prefix} (the stored
** document with its text, fl_show_json as `flank show --json`, and its
** annotations) and
** POST /api/ingest (one uploaded document, fl_doc_from_bytes + fl_db_add
** as `flank ingest` does, committed before answering so readers see it).
*/
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

#include "server.h"
#include "banned.h"

void api_document(req *r) {
    char *json = NULL, *err = NULL;
    int rc = fl_show_json(r->db, r->tail, &json, &err);
    if (rc != FL_OK) {
        reply_fl_error(r, rc, err);
        return;
    }
    reply_json(r, MHD_HTTP_OK, json);
}

static int format_or_reply(req *r, const char **out) {
    const char *f = *out = param(r, "format");
    if (f && strcmp(f, "html") != 0 && strcmp(f, "text") != 0)
        return reply_error(r, MHD_HTTP_BAD_REQUEST, "format: wants html or text");
    return 0;
}

void api_ingest(req *r) {
    const char *name, *format;
    if (param_text_or_reply(r, "name", 200, &name)) return;
    if (format_or_reply(r, &format)) return;
    if (r->body.len == 0) {
        reply_error(r, MHD_HTTP_BAD_REQUEST, "empty body: send the document's bytes");
        return;
    }
    char source[256];
    snprintf(source, sizeof source, "api:%s", name ? name : "upload");
    fl_read_opts ro = {srv_max_body(r->s), format, NULL, 0};
    fl_doc *doc = NULL;
    char *note = NULL, *err = NULL;
    /* Reading and annotating need no lock: only the store is shared. */
    int rc = fl_doc_from_bytes(source, r->body.data, r->body.len, &ro, &doc, &note, &err);
    int64_t id = 0;
    int added = 0;
    if (rc == FL_OK) {
        fl_db *w = srv_writer_acquire(r->s);
        rc = fl_db_add(w, doc, &id, &added, &err);
        if (rc == FL_OK) rc = fl_db_commit(w, &err);
        srv_writer_release(r->s);
    }
    if (rc != FL_OK) {
        fl_doc_free(doc);
        fl_free(note);
        reply_fl_error(r, rc, err);
        return;
    }
    const char *title = fl_doc_title(doc);
    json_t *v = json_pack("{s:I,s:b,s:s,s:s?,s:s,s:I,s:s?}", "id", (json_int_t)id, "added", added, "sha256",
                          fl_doc_sha256(doc), "title", title, "source", source, "sentences",
                          (json_int_t)fl_doc_sentence_count(doc), "note", note);
    fl_doc_free(doc);
    fl_free(note);
    char *s = v ? json_dumps(v, JSON_PRESERVE_ORDER) : NULL;
    json_decref(v);
    if (!s) {
        reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
        return;
    }
    reply_json(r, added ? MHD_HTTP_CREATED : MHD_HTTP_OK, s);
}
