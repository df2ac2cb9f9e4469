/*
** api_export.c: GET /api/export, `flank export` over HTTP (fl_export,
** docs/api.md). The parameters are checked first (fl_export_check), so
** that a bad one gets its 4xx; then the export runs in a thread of its own
** on a connection of its own, writing into a pipe that libmicrohttpd sends
** as the chunked body as it fills: the answer is streamed, never held
** whole. At most MAX_EXPORTS run at once.
*/
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server.h"
#include "banned.h"

#define MAX_EXPORTS 4

static pthread_mutex_t running_lock = PTHREAD_MUTEX_INITIALIZER;
static int running;

/* One export in flight: its options (their strings its own) and the
** pipe's end it writes. */
typedef struct job {
    fl_export_opts o;
    char *strings[6];
    char *db_path;
    int fd;
} job;

static void job_free(job *j) {
    for (size_t i = 0; i < sizeof j->strings / sizeof *j->strings; i++) free(j->strings[i]);
    free(j->db_path);
    free(j);
}

static int write_pipe(void *ctx, const char *data, size_t n) {
    int fd = *(int *)ctx;
    while (n) {
        ssize_t k = write(fd, data, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;   /* the client went away: the response closed the other end */
        data += k;
        n -= (size_t)k;
    }
    return 0;
}

static void *run_export(void *arg) {
    job *j = arg;
    fl_db *db = NULL;
    char *err = NULL;
    int rc = fl_db_open_mode(j->db_path, FL_DB_READ, &db, &err);
    if (rc == FL_OK) rc = fl_export(db, &j->o, write_pipe, &j->fd, &err);
    /* Past the headers there is no status to change: a failed export
    ** ends its body early, and the server's log says why. */
    if (rc != FL_OK && rc != FL_EIO) fprintf(stderr, "flank: export: %s\n", err ? err : fl_strerror(rc));
    fl_free(err);
    fl_db_close(db);
    close(j->fd);
    job_free(j);
    pthread_mutex_lock(&running_lock);
    running--;
    pthread_mutex_unlock(&running_lock);
    return NULL;
}

/* Copies the request's parameters into J's options. */
static int take_params(req *r, job *j) {
    const char *names[] = {"format", "entity", "predicate", "since", "until", "q"};
    const char **slots[] = {&j->o.format, &j->o.entity, &j->o.predicate, &j->o.since, &j->o.until, &j->o.query};
    for (size_t i = 0; i < 6; i++) {
        const char *v = param(r, names[i]);
        if (v && !(j->strings[i] = strdup(v))) return -1;
        *slots[i] = j->strings[i];
    }
    if (!j->o.format) j->o.format = "jsonl";
    j->o.with_documents = param(r, "documents") && strcmp(param(r, "documents"), "1") == 0;
    return (j->db_path = strdup(srv_db_path(r->s))) ? 0 : -1;
}

static int params_or_reply(req *r) {
    const char *v;
    if (param_text_or_reply(r, "format", 16, &v) || param_text_or_reply(r, "predicate", 40, &v) ||
        param_date_or_reply(r, "since", &v) || param_date_or_reply(r, "until", &v) ||
        param_text_or_reply(r, "q", 1000, &v))
        return 1;
    v = param(r, "entity");
    if (v && !entity_ref_valid(v))
        return reply_error(r, MHD_HTTP_BAD_REQUEST, "entity: not an entity id such as country:LY, nor a name");
    return 0;
}

/* The headers of an export's answer. */
static void export_headers(struct MHD_Response *resp, const char *format) {
    const char *ext = NULL, *type = fl_export_type(format, &ext);
    char disposition[64];
    snprintf(disposition, sizeof disposition, "attachment; filename=\"flank-export.%s\"", ext);
    MHD_add_response_header(resp, "Content-Type", type);
    MHD_add_response_header(resp, "Content-Disposition", disposition);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
}

/* HEAD: the headers, and no export run for a body nobody reads. */
static void head_only(req *r, job *j) {
    struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(0, NULL, NULL);
    if (resp) export_headers(resp, j->o.format);
    job_free(j);
    if (!resp || MHD_queue_response(r->conn, MHD_HTTP_OK, resp) != MHD_YES) r->failed = 1;
    if (resp) MHD_destroy_response(resp);
    r->answered = 1;
}

/* Starts J's thread on a new pipe and answers with the pipe's other end. */
static void stream(req *r, job *j) {
    int fds[2];
    if (pipe(fds) != 0) {
        job_free(j);
        reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot export: %s", strerror(errno));
        return;
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    struct MHD_Response *resp = MHD_create_response_from_pipe(fds[0]);
    if (!resp) {
        close(fds[0]);
        close(fds[1]);
        job_free(j);
        r->failed = 1;
        return;
    }
    export_headers(resp, j->o.format);
    j->fd = fds[1];
    pthread_t t;
    pthread_mutex_lock(&running_lock);
    int started = running < MAX_EXPORTS && pthread_create(&t, NULL, run_export, j) == 0;
    running += started;
    pthread_mutex_unlock(&running_lock);
    if (!started) {
        close(fds[1]);
        MHD_destroy_response(resp);
        job_free(j);
        reply_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "%d exports are running; try again when one is done",
                    MAX_EXPORTS);
        return;
    }
    pthread_detach(t);
    if (MHD_queue_response(r->conn, MHD_HTTP_OK, resp) != MHD_YES) r->failed = 1;
    MHD_destroy_response(resp);
    r->answered = 1;
}

void api_export(req *r) {
    if (params_or_reply(r)) return;
    job *j = calloc(1, sizeof *j);
    if (!j || take_params(r, j) != 0) {
        if (j) job_free(j);
        reply_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
        return;
    }
    char *err = NULL;
    int rc = fl_export_check(r->db, &j->o, &err);
    if (rc != FL_OK) {
        job_free(j);
        reply_fl_error(r, rc, err);
        return;
    }
    if (strcmp(r->method, "HEAD") == 0) head_only(r, j);
    else stream(r, j);
}
