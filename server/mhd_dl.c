/*
** mhd_dl.c: the libmicrohttpd functions the server uses, resolved with
** dlopen when `flank serve` starts (see mhd_dl.h for why). Each MHD_*
** definition here has the header's prototype and calls the library's.
*/
#include "mhd_dl.h"

#include <dlfcn.h>
#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>

#include "banned.h"

/* Debian 12's libmicrohttpd12; the unversioned name is the -dev
** package's link, tried second. */
static const char *const sonames[] = {"libmicrohttpd.so.12", "libmicrohttpd.so"};

static struct {
    struct MHD_Daemon *(*start_daemon_va)(unsigned, uint16_t, MHD_AcceptPolicyCallback, void *,
                                          MHD_AccessHandlerCallback, void *, va_list);
    void (*stop_daemon)(struct MHD_Daemon *);
    const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *, enum MHD_DaemonInfoType, ...);
    int (*get_connection_values)(struct MHD_Connection *, enum MHD_ValueKind, MHD_KeyValueIterator, void *);
    int (*get_connection_values_n)(struct MHD_Connection *, enum MHD_ValueKind, MHD_KeyValueIteratorN, void *);
    const char *(*lookup_connection_value)(struct MHD_Connection *, enum MHD_ValueKind, const char *);
    enum MHD_Result (*queue_response)(struct MHD_Connection *, unsigned, struct MHD_Response *);
    struct MHD_Response *(*create_response_from_buffer_with_free_callback)(size_t, void *,
                                                                          MHD_ContentReaderFreeCallback);
    struct MHD_Response *(*create_response_from_fd)(size_t, int);
    void (*destroy_response)(struct MHD_Response *);
    const union MHD_ConnectionInfo *(*get_connection_info)(struct MHD_Connection *, enum MHD_ConnectionInfoType,
                                                           ...);
    enum MHD_Result (*add_response_header)(struct MHD_Response *, const char *, const char *);
} mhd;

/* The library's symbol NAME into *SLOT; 0, or -1 with ERR set. */
static int resolve(void *lib, const char *name, void *slot, char *err, size_t n) {
    void *f = dlsym(lib, name);
    if (!f) {
        snprintf(err, n, "%s has no %s (libmicrohttpd 0.9.71 or newer is needed)", sonames[0], name);
        return -1;
    }
    *(void **)slot = f;
    return 0;
}

int mhd_dl_open(char *err, size_t n) {
    static void *lib;
    if (lib) return 0;
    void *h = NULL;
    for (size_t i = 0; !h && i < sizeof sonames / sizeof *sonames; i++) h = dlopen(sonames[i], RTLD_NOW);
    if (!h) {
        snprintf(err, n, "cannot load %s (%s): install Debian's libmicrohttpd12", sonames[0], dlerror());
        return -1;
    }
    if (resolve(h, "MHD_start_daemon_va", &mhd.start_daemon_va, err, n) ||
        resolve(h, "MHD_stop_daemon", &mhd.stop_daemon, err, n) ||
        resolve(h, "MHD_get_daemon_info", &mhd.get_daemon_info, err, n) ||
        resolve(h, "MHD_get_connection_values", &mhd.get_connection_values, err, n) ||
        resolve(h, "MHD_get_connection_values_n", &mhd.get_connection_values_n, err, n) ||
        resolve(h, "MHD_lookup_connection_value", &mhd.lookup_connection_value, err, n) ||
        resolve(h, "MHD_queue_response", &mhd.queue_response, err, n) ||
        resolve(h, "MHD_create_response_from_buffer_with_free_callback",
                &mhd.create_response_from_buffer_with_free_callback, err, n) ||
        resolve(h, "MHD_create_response_from_fd", &mhd.create_response_from_fd, err, n) ||
        resolve(h, "MHD_destroy_response", &mhd.destroy_response, err, n) ||
        resolve(h, "MHD_get_connection_info", &mhd.get_connection_info, err, n) ||
        resolve(h, "MHD_add_response_header", &mhd.add_response_header, err, n)) {
        dlclose(h);
        return -1;
    }
    lib = h;
    return 0;
}

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc,
                                    void *apc_cls, MHD_AccessHandlerCallback dh, void *dh_cls, ...) {
    va_list ap;
    va_start(ap, dh_cls);
    struct MHD_Daemon *d = mhd.start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
    va_end(ap);
    return d;
}

void MHD_stop_daemon(struct MHD_Daemon *daemon) { mhd.stop_daemon(daemon); }

/* The server asks only for the bound port, which takes no argument. */
const union MHD_DaemonInfo *MHD_get_daemon_info(struct MHD_Daemon *daemon, enum MHD_DaemonInfoType info_type,
                                                ...) {
    return mhd.get_daemon_info(daemon, info_type);
}

/* The server asks only for what takes no argument (its socket, its
** socket context). */
const union MHD_ConnectionInfo *MHD_get_connection_info(struct MHD_Connection *c,
                                                        enum MHD_ConnectionInfoType info_type, ...) {
    return mhd.get_connection_info(c, info_type);
}

int MHD_get_connection_values(struct MHD_Connection *c, enum MHD_ValueKind kind, MHD_KeyValueIterator it,
                              void *cls) {
    return mhd.get_connection_values(c, kind, it, cls);
}

int MHD_get_connection_values_n(struct MHD_Connection *c, enum MHD_ValueKind kind, MHD_KeyValueIteratorN it,
                                void *cls) {
    return mhd.get_connection_values_n(c, kind, it, cls);
}

const char *MHD_lookup_connection_value(struct MHD_Connection *c, enum MHD_ValueKind kind, const char *key) {
    return mhd.lookup_connection_value(c, kind, key);
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *c, unsigned int status, struct MHD_Response *r) {
    return mhd.queue_response(c, status, r);
}

struct MHD_Response *MHD_create_response_from_buffer_with_free_callback(size_t size, void *buffer,
                                                                        MHD_ContentReaderFreeCallback crfc) {
    return mhd.create_response_from_buffer_with_free_callback(size, buffer, crfc);
}

struct MHD_Response *MHD_create_response_from_fd(size_t size, int fd) {
    return mhd.create_response_from_fd(size, fd);
}

void MHD_destroy_response(struct MHD_Response *r) { mhd.destroy_response(r); }

enum MHD_Result MHD_add_response_header(struct MHD_Response *r, const char *header, const char *content) {
    return mhd.add_response_header(r, header, content);
}
