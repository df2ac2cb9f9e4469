/*
** mhd_dl.c: the libmicrohttpd functions the server uses, resolved with
** dlopen when `flank serve` starts (see mhd_dl.h for why). Each MHD_*
** definition here has the header's prototype and calls the library's.
*/
#include "mhd_dl.h"

#include <microhttpd.h>
#include <stdarg.h>

#include "dl.h"
#include "banned.h"

/* Debian 12's libmicrohttpd12; the unversioned name is the -dev
** package's link, tried second. */
static const char *const sonames[] = {"libmicrohttpd.so.12", "libmicrohttpd.so", NULL};

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
    struct MHD_Response *(*create_response_from_pipe)(int);
    void (*destroy_response)(struct MHD_Response *);
    const union MHD_ConnectionInfo *(*get_connection_info)(struct MHD_Connection *, enum MHD_ConnectionInfoType,
                                                           ...);
    enum MHD_Result (*add_response_header)(struct MHD_Response *, const char *, const char *);
} mhd;

static const dl_sym syms[] = {
    {"MHD_start_daemon_va", &mhd.start_daemon_va},
    {"MHD_stop_daemon", &mhd.stop_daemon},
    {"MHD_get_daemon_info", &mhd.get_daemon_info},
    {"MHD_get_connection_values", &mhd.get_connection_values},
    {"MHD_get_connection_values_n", &mhd.get_connection_values_n},
    {"MHD_lookup_connection_value", &mhd.lookup_connection_value},
    {"MHD_queue_response", &mhd.queue_response},
    {"MHD_create_response_from_buffer_with_free_callback", &mhd.create_response_from_buffer_with_free_callback},
    {"MHD_create_response_from_fd", &mhd.create_response_from_fd},
    {"MHD_create_response_from_pipe", &mhd.create_response_from_pipe},
    {"MHD_destroy_response", &mhd.destroy_response},
    {"MHD_get_connection_info", &mhd.get_connection_info},
    {"MHD_add_response_header", &mhd.add_response_header},
    {NULL, NULL},
};

/* libmicrohttpd 0.9.71 or newer has them all (Debian 12's is 0.9.75). */
static dl_lib lib = {sonames, "libmicrohttpd12", syms, NULL};

int mhd_dl_open(char **errmsg) { return dl_load(&lib, errmsg); }

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

struct MHD_Response *MHD_create_response_from_pipe(int fd) { return mhd.create_response_from_pipe(fd); }

void MHD_destroy_response(struct MHD_Response *r) { mhd.destroy_response(r); }

enum MHD_Result MHD_add_response_header(struct MHD_Response *r, const char *header, const char *content) {
    return mhd.add_response_header(r, header, content);
}
