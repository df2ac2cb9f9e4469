/*
** dl.c: opening a shared library on first use and resolving a table of
** its functions (see dl.h for why).
*/
#include "dl.h"

#include <dlfcn.h>
#include <stddef.h>

#include "err.h"
#include "banned.h"

int dl_load(dl_lib *l, char **errmsg) {
    if (l->handle) return FL_OK;
    void *h = NULL;
    for (const char *const *s = l->sonames; !h && *s; s++) h = dlopen(*s, RTLD_NOW | RTLD_LOCAL);
    if (!h) return err_set(errmsg, FL_EIO, "cannot load %s (%s): install Debian's %s", l->sonames[0], dlerror(),
                           l->package);
    for (const dl_sym *y = l->syms; y->name; y++) {
        void *f = dlsym(h, y->name);
        if (!f) {
            dlclose(h);
            return err_set(errmsg, FL_EIO, "%s has no %s: install Debian's %s", l->sonames[0], y->name,
                           l->package);
        }
        *(void **)y->slot = f;
    }
    l->handle = h;
    return FL_OK;
}
