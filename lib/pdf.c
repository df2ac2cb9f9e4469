/*
** pdf.c: a PDF into text and metadata through poppler-glib (see pdf.h).
** Poppler gives each page's text in reading order (columns one after the
** other), one line per line; pdftext.c makes paragraphs of it.
*/
#include "pdf.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf_dl.h"
#include "pdftext.h"
#include "banned.h"

/* Fewer letters and digits than this per page, on average, is no text
** layer: a scan, or pages of figures. */
#define MIN_CHARS_PER_PAGE 16

int pdf_is(const char *data, size_t n) { return n >= 5 && memcmp(data, "%PDF-", 5) == 0; }

void pdf_result_release(pdf_result *r) {
    buf_release(&r->text);
    free(r->title), free(r->author), free(r->published);
    memset(r, 0, sizeof *r);
}

/* A poppler string as a malloc'd one, NULL when empty; frees S. */
static char *take(gchar *s) {
    char *r = s && *s ? strdup(s) : NULL;
    g_free(s);
    return r;
}

static size_t text_chars(const char *s) {
    size_t k = 0;
    for (; *s; s++) k += (unsigned char)*s > ' ';
    return k;
}

/* The first paragraph of the text as a title when it looks like one:
** short, one line's worth, not a sentence. */
static char *first_page_title(const buf *text) {
    if (!text->len) return NULL;
    const char *t = text->data, *end = strstr(t, "\n\n");
    size_t n = end ? (size_t)(end - t) : text->len;
    if (n == 0 || n > 200 || t[n - 1] == '.') return NULL;
    char *r = malloc(n + 1);
    if (r) {
        memcpy(r, t, n);
        r[n] = '\0';
    }
    return r;
}

/* The pages' texts of DOC, each from poppler (the caller frees them with
** g_free), into PAGES; their letters and digits counted in *CHARS. */
static int page_texts(PopplerDocument *doc, pdf_page *pages, char **texts, int n, size_t *chars) {
    *chars = 0;
    for (int i = 0; i < n; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        texts[i] = page ? poppler_page_get_text(page) : NULL;
        if (page) g_object_unref(page);
        pages[i] = (pdf_page){texts[i] ? texts[i] : "", texts[i] ? strlen(texts[i]) : 0};
        if (texts[i]) *chars += text_chars(texts[i]);
    }
    return FL_OK;
}

static int read_doc(PopplerDocument *doc, pdf_result *r, char **errmsg) {
    int n = poppler_document_get_n_pages(doc);
    r->pages = n > 0 ? (size_t)n : 0;
    if (n <= 0) return err_set(errmsg, FL_EEMPTY, "a PDF without pages");
    pdf_page *pages = calloc((size_t)n, sizeof *pages);
    char **texts = calloc((size_t)n, sizeof *texts);
    size_t chars = 0;
    int rc = pages && texts ? page_texts(doc, pages, texts, n, &chars) : FL_ENOMEM;
    if (rc == FL_OK && chars < (size_t)n * MIN_CHARS_PER_PAGE)
        rc = err_set(errmsg, FL_EEMPTY, "a scanned PDF: its %d page%s have no text layer (%zu characters); "
                     "run OCR first (e.g. ocrmypdf) and ingest the result", n, n == 1 ? "" : "s", chars);
    else if (rc == FL_OK && pdftext_join(pages, (size_t)n, &r->text) != FL_OK)
        rc = err_set(errmsg, r->text.rc, "%s", fl_strerror(r->text.rc));
    else if (rc != FL_OK)
        err_set(errmsg, rc, "out of memory");
    for (int i = 0; texts && i < n; i++) g_free(texts[i]);
    free(texts);
    free(pages);
    return rc;
}

static void read_info(PopplerDocument *doc, pdf_result *r) {
    r->title = take(poppler_document_get_title(doc));
    r->author = take(poppler_document_get_author(doc));
    time_t t = poppler_document_get_creation_date(doc);
    struct tm tm;
    char day[16];
    if (t > 0 && gmtime_r(&t, &tm) && strftime(day, sizeof day, "%Y-%m-%d", &tm)) r->published = strdup(day);
    if (!r->title) r->title = first_page_title(&r->text);
}

int pdf_read(const char *data, size_t n, pdf_result *r, char **errmsg) {
    memset(r, 0, sizeof *r);
    buf_init(&r->text, BUF_NO_LIMIT);
    int rc = pdf_dl_open(errmsg);
    if (rc != FL_OK) return rc;
    GError *e = NULL;
    GBytes *bytes = g_bytes_new_static(data, n);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &e);
    if (!doc) {
        rc = err_set(errmsg, FL_EINVAL, "a PDF poppler cannot open: %s", e && e->message ? e->message : "damaged");
    } else {
        rc = read_doc(doc, r, errmsg);
        if (rc == FL_OK) read_info(doc, r);
        g_object_unref(doc);
    }
    if (e) g_error_free(e);
    g_bytes_unref(bytes);
    return rc;
}
