/*
** dl.h: shared libraries opened when a command first needs them rather
** than by the dynamic loader at every start. libcurl, libxml2 and
** poppler-glib pull in dozens of objects (TLS, ICU, glib, cairo, fonts)
** that `flank search` or `flank extract` never use; mapping and relocating
** them cost every command milliseconds (bench/README.md, start-up).
**
** A module that wraps a library (curl_dl.c, xml_dl.c, pdf_dl.c) lists the
** functions it calls as a table of dl_sym and defines each function with
** the library's prototype, forwarding to the resolved pointer, so the code
** that uses it reads as plain library code.
*/
#ifndef FL_DL_H
#define FL_DL_H

/* A function to resolve: its NAME and where its address goes. */
typedef struct dl_sym {
    const char *name;
    void *slot;   /* points at a function pointer */
} dl_sym;

/* One library: the file names tried in order (Debian's versioned soname
** first), the package that installs it, its functions, and the handle
** once open. */
typedef struct dl_lib {
    const char *const *sonames;
    const char *package;
    const dl_sym *syms;
    void *handle;
} dl_lib;

/* Opens L and resolves every function of its table; a second call does
** nothing. FL_OK, or FL_EIO with *errmsg naming the library, what is
** missing and the Debian package to install. Not thread-safe: call it
** before starting threads that use the library. */
int dl_load(dl_lib *l, char **errmsg);

#endif
