/*
** pdf_dl.c: the poppler-glib, glib and gobject functions flank calls
** (pdf.c), resolved with dlopen on first use (dl.h says why). glib and
** gobject are poppler-glib's own dependencies, so dlsym finds them through
** its handle. Each definition has the library's prototype and forwards.
*/
#include "pdf_dl.h"

#include "dl.h"
#include "banned.h"

static struct {
    PopplerDocument *(*from_bytes)(GBytes *, const char *, GError **);
    int (*n_pages)(PopplerDocument *);
    PopplerPage *(*get_page)(PopplerDocument *, int);
    char *(*page_text)(PopplerPage *);
    gchar *(*title)(PopplerDocument *);
    gchar *(*author)(PopplerDocument *);
    time_t (*created)(PopplerDocument *);
    GBytes *(*bytes_new_static)(gconstpointer, gsize);
    void (*bytes_unref)(GBytes *);
    void (*object_unref)(gpointer);
    void (*free)(gpointer);
    void (*error_free)(GError *);
} p;

static const dl_sym syms[] = {
    {"poppler_document_new_from_bytes", &p.from_bytes},
    {"poppler_document_get_n_pages", &p.n_pages},
    {"poppler_document_get_page", &p.get_page},
    {"poppler_page_get_text", &p.page_text},
    {"poppler_document_get_title", &p.title},
    {"poppler_document_get_author", &p.author},
    {"poppler_document_get_creation_date", &p.created},
    {"g_bytes_new_static", &p.bytes_new_static},
    {"g_bytes_unref", &p.bytes_unref},
    {"g_object_unref", &p.object_unref},
    {"g_free", &p.free},
    {"g_error_free", &p.error_free},
    {NULL, NULL},
};

static const char *const sonames[] = {"libpoppler-glib.so.8", "libpoppler-glib.so", NULL};

static dl_lib lib = {sonames, "libpoppler-glib8", syms, NULL};

int pdf_dl_open(char **errmsg) { return dl_load(&lib, errmsg); }

PopplerDocument *poppler_document_new_from_bytes(GBytes *bytes, const char *password, GError **error) {
    return p.from_bytes(bytes, password, error);
}
int poppler_document_get_n_pages(PopplerDocument *d) { return p.n_pages(d); }
PopplerPage *poppler_document_get_page(PopplerDocument *d, int index) { return p.get_page(d, index); }
char *poppler_page_get_text(PopplerPage *page) { return p.page_text(page); }
gchar *poppler_document_get_title(PopplerDocument *d) { return p.title(d); }
gchar *poppler_document_get_author(PopplerDocument *d) { return p.author(d); }
time_t poppler_document_get_creation_date(PopplerDocument *d) { return p.created(d); }
GBytes *g_bytes_new_static(gconstpointer data, gsize size) { return p.bytes_new_static(data, size); }
void g_bytes_unref(GBytes *b) { p.bytes_unref(b); }
void g_object_unref(gpointer o) { p.object_unref(o); }
void g_free(gpointer m) { p.free(m); }
void g_error_free(GError *e) { p.error_free(e); }
