/*
** intake.c: a web page into the database (fl_ingest_url, intake.h): the
** fetch (fetch.c), the charset its Content-Type declares, the same
** extraction and annotation as a file (fl_doc_from_bytes), and the store,
** with the fetch recorded beside the document for the next conditional
** request (store_intake.c).
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "fetch.h"
#include "read.h"
#include "store.h"
#include "store_intake.h"
#include "banned.h"

void fl_url_result_release(fl_url_result *res) {
    free(res->final_url);
    free(res->note);
    memset(res, 0, sizeof *res);
}

/* The input format of a Content-Type (NULL: sniff it, as for a PDF), or
** FL_EBINARY for types that are no document flank reads. */
static int format_of(const char *content_type, const char **format, char **errmsg) {
    static const struct {
        const char *type, *format;
    } known[] = {
        {"text/html", "html"},          {"application/xhtml+xml", "html"}, {"text/plain", "text"},
        {"text/markdown", "markdown"},  {"text/x-markdown", "markdown"}, {"application/pdf", NULL},
    };
    *format = NULL;
    if (!content_type) return FL_OK;
    size_t n = strcspn(content_type, "; \t");
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strlen(known[i].type) == n && strncasecmp(content_type, known[i].type, n) == 0) {
            *format = known[i].format;
            return FL_OK;
        }
    return err_set(errmsg, FL_EBINARY, "Content-Type %.*s, not a page flank reads", (int)n, content_type);
}

/* The body of R as UTF-8 when its Content-Type declares another charset
** the bytes decode from (into OUT, returning 1), else 0: read.c then
** reads the bytes as it reads a file's, meta tags included. */
static int decode_declared(const fetch_reply *r, buf *out, char **note) {
    char cs[40];
    if (!fetch_charset(r->content_type, cs, sizeof cs)) return 0;
    buf_init(out, BUF_NO_LIMIT);
    if (read_decode_declared(cs, r->body.data ? r->body.data : "", r->body.len, out, note)) return 1;
    buf_release(out);
    return 0;
}

/* Stores DOC fetched from URL, with the fetch record, in one transaction. */
static int keep_page(fl_db *db, const char *url, const fetch_reply *r, const fl_doc *doc, fl_url_result *res,
                      char **errmsg) {
    int added = 0;
    int rc = store_intake_begin(db, errmsg);
    if (rc == FL_OK) rc = fl_db_add(db, doc, &res->doc_id, &added, errmsg);
    if (rc == FL_OK)
        rc = store_put_fetch(db, url, r->final_url, r->etag, r->last_modified, res->doc_id, errmsg);
    rc = store_hold_end(db, rc, errmsg);
    res->what = added ? FL_URL_ADDED : FL_URL_SAME;
    return rc;
}

/* The document of a 200 answer, with the final URL as its source. */
static int read_page(const fetch_reply *r, const fl_read_opts *opts, fl_doc **doc, char **note, char **errmsg) {
    fl_read_opts o = opts ? *opts : (fl_read_opts){0};
    fl_meta meta = o.meta ? *o.meta : (fl_meta){0};
    if (!meta.url) meta.url = r->final_url;
    o.meta = &meta;
    int rc = o.format ? FL_OK : format_of(r->content_type, &o.format, errmsg);
    if (rc != FL_OK) return rc;
    buf utf8;
    int decoded = decode_declared(r, &utf8, note);
    const char *data = decoded ? buf_cstr(&utf8) : r->body.data ? r->body.data : "";
    size_t n = decoded ? utf8.len : r->body.len;
    char *later = NULL;
    rc = fl_doc_from_bytes(r->final_url, data, n, &o, doc, &later, errmsg);
    if (*note) free(later);
    else *note = later;
    if (decoded) buf_release(&utf8);
    if (rc == FL_OK && fl_doc_sentence_count(*doc) == 0) {
        fl_doc_free(*doc);
        *doc = NULL;
        rc = err_set(errmsg, FL_EEMPTY, "no main text found, nothing to ingest");
    }
    return rc;
}

int fl_ingest_url(fl_db *db, fl_fetcher *f, const char *url, const fl_read_opts *opts, fl_url_result *res,
                  char **errmsg) {
    memset(res, 0, sizeof *res);
    fetch_state st = {0};
    fetch_reply r = {0};
    fl_doc *doc = NULL;
    int rc = store_intake_tables(db, errmsg);
    if (rc == FL_OK) rc = store_fetch_state(db, url, &st, errmsg);
    if (rc == FL_OK) rc = fetch_get(f, url, st.etag, st.last_modified, &r, errmsg);
    if (rc == FL_OK && r.status == 304 && st.doc_id) {
        res->what = FL_URL_NOT_MODIFIED;
        res->doc_id = st.doc_id;
    } else if (rc == FL_OK && r.status == 304) {   /* a validator we never sent */
        rc = err_set(errmsg, FL_EIO, "HTTP 304 to a request that was not conditional");
    } else if (rc == FL_OK) {
        rc = read_page(&r, opts, &doc, &res->note, errmsg);
        if (rc == FL_OK) rc = keep_page(db, url, &r, doc, res, errmsg);
    }
    if (rc == FL_OK) {
        res->final_url = r.final_url;
        r.final_url = NULL;
    } else {
        fl_url_result_release(res);
    }
    fl_doc_free(doc);
    fetch_reply_release(&r);
    fetch_state_release(&st);
    return rc;
}
