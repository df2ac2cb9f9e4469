/*
** xml_dl.c: the libxml2 functions flank calls (feed.c), resolved with
** dlopen on first use (dl.h says why: libxml2 brings ICU and libstdc++).
** Each definition has libxml2's prototype and forwards to the library's.
*/
#include "xml_dl.h"

#include "dl.h"
#include "banned.h"

static struct {
    xmlDocPtr (*read_memory)(const char *, int, const char *, const char *, int);
    void (*free_doc)(xmlDocPtr);
} x;

static const dl_sym syms[] = {
    {"xmlReadMemory", &x.read_memory},
    {"xmlFreeDoc", &x.free_doc},
    {NULL, NULL},
};

static const char *const sonames[] = {"libxml2.so.2", "libxml2.so", NULL};

static dl_lib lib = {sonames, "libxml2", syms, NULL};

int xml_dl_open(char **errmsg) { return dl_load(&lib, errmsg); }

xmlDocPtr xmlReadMemory(const char *buffer, int size, const char *url, const char *encoding, int options) {
    return x.read_memory(buffer, size, url, encoding, options);
}

void xmlFreeDoc(xmlDocPtr doc) { x.free_doc(doc); }
