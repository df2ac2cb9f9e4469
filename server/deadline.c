/*
** deadline.c: shuts connections that take too long to send their request
** headers (see deadline.h). One list of watched connections under one
** mutex; a thread looks at it once a second.
*/
#include "deadline.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "banned.h"

typedef struct watched {
    struct watched *prev, *next;
    int fd;
    int waiting;            /* 1: no complete request headers yet */
    int shut;               /* 1: its socket has been shut */
    struct timespec since;  /* when it began to wait */
} watched;

struct deadline {
    unsigned seconds;
    pthread_mutex_t lock;
    pthread_cond_t wake;    /* signalled to stop the watcher */
    int stopping;
    watched head;           /* circular list; head is no connection */
    pthread_t watcher;
};

static struct timespec now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t;
}

/* Shuts the sockets that have waited longer than the limit. */
static void sweep(deadline *d) {
    struct timespec t = now();
    pthread_mutex_lock(&d->lock);
    for (watched *w = d->head.next; w != &d->head; w = w->next) {
        if (!w->waiting || w->shut || t.tv_sec - w->since.tv_sec < (time_t)d->seconds) continue;
        shutdown(w->fd, SHUT_RDWR);
        w->shut = 1;
    }
    pthread_mutex_unlock(&d->lock);
}

static void *watch(void *arg) {
    deadline *d = arg;
    pthread_mutex_lock(&d->lock);
    while (!d->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&d->wake, &d->lock, &until);
        if (d->stopping) break;
        pthread_mutex_unlock(&d->lock);
        sweep(d);
        pthread_mutex_lock(&d->lock);
    }
    pthread_mutex_unlock(&d->lock);
    return NULL;
}

deadline *deadline_start(unsigned seconds) {
    deadline *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->seconds = seconds;
    d->head.prev = d->head.next = &d->head;
    pthread_mutex_init(&d->lock, NULL);
    pthread_cond_init(&d->wake, NULL);
    if (pthread_create(&d->watcher, NULL, watch, d) != 0) {
        pthread_mutex_destroy(&d->lock);
        pthread_cond_destroy(&d->wake);
        free(d);
        return NULL;
    }
    return d;
}

void deadline_stop(deadline *d) {
    if (!d) return;
    pthread_mutex_lock(&d->lock);
    d->stopping = 1;
    pthread_cond_signal(&d->wake);
    pthread_mutex_unlock(&d->lock);
    pthread_join(d->watcher, NULL);
    /* The daemon has closed every connection, so the list is empty. */
    pthread_mutex_destroy(&d->lock);
    pthread_cond_destroy(&d->wake);
    free(d);
}

void deadline_on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                            enum MHD_ConnectionNotificationCode code) {
    deadline *d = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        watched *w = info ? calloc(1, sizeof *w) : NULL;
        *socket_context = w;
        if (!w) return;   /* unwatched: only the idle timeout holds it */
        w->fd = info->connect_fd;
        w->waiting = 1;
        w->since = now();
        pthread_mutex_lock(&d->lock);
        w->next = d->head.next;
        w->prev = &d->head;
        d->head.next->prev = w;
        d->head.next = w;
        pthread_mutex_unlock(&d->lock);
    } else if (*socket_context) {
        watched *w = *socket_context;
        pthread_mutex_lock(&d->lock);
        w->prev->next = w->next;
        w->next->prev = w->prev;
        pthread_mutex_unlock(&d->lock);
        free(w);
        *socket_context = NULL;
    }
}

/* Sets whether CONN waits for headers, from now. */
static void set_waiting(deadline *d, struct MHD_Connection *conn, int waiting) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    watched *w = info ? info->socket_context : NULL;
    if (!w) return;
    pthread_mutex_lock(&d->lock);
    w->waiting = waiting;
    w->since = now();
    pthread_mutex_unlock(&d->lock);
}

void deadline_headers_read(deadline *d, struct MHD_Connection *conn) { set_waiting(d, conn, 0); }
void deadline_request_done(deadline *d, struct MHD_Connection *conn) { set_waiting(d, conn, 1); }
