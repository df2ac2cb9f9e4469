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

/* Adds the annotations (entities with their mentions, dates, relations,
** claims) to the stored document DOC. fl_show_json does not return them
** yet, so the stored text goes through fl_doc_from_bytes + fl_doc_json
** again, as `flank extract --json` would; they are kept only when that
** gives back the very same text, so every offset points into DOC's text.
** When the library returns them itself this step falls away. */
static void annotate(json_t *doc) {
    static const char *const keys[] = {"entities", "dates", "relations", "claims"};
    if (json_object_get(doc, "entities")) return;
    json_t *text = json_object_get(doc, "text");
    const char *source = json_string_value(json_object_get(doc, "source"));
    if (!json_is_string(text)) return;
    fl_read_opts ro = {0, "text"};
    fl_doc *d = NULL;
    char *ann = NULL;
    if (fl_doc_from_bytes(source ? source : "stored", json_string_value(text), json_string_length(text), &ro, &d,
                          NULL, NULL) == FL_OK &&
        fl_doc_json(d, &ann, NULL) == FL_OK) {
        json_t *a = json_loads(ann, 0, NULL);
        if (a && json_equal(json_object_get(a, "text"), text))
            for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
                if (json_object_get(a, keys[i])) json_object_set(doc, keys[i], json_object_get(a, keys[i]));
        json_decref(a);
    }
    fl_free(ann);
    fl_doc_free(d);
}

void api_document(req *r) {
    char *json = NULL, *err = NULL;
    int rc = fl_show_json(r->db, r->tail, &json, &err);
    if (rc != FL_OK) {
        reply_fl_error(r, rc, err);
        return;
    }
    json_t *doc = json_loads(json, 0, NULL);
    fl_free(json);
    if (doc) annotate(doc);
    char *out = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
    if (!out) {
        reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
        return;
    }
    reply_json(r, MHD_HTTP_OK, out);
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
    fl_read_opts ro = {srv_max_body(r->s), format};
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
