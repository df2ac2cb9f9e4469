/*
** deadline.h: a connection must send its request's headers within a time
** limit. libmicrohttpd 0.9.75 has only an idle timeout, which a client
** sending a byte every few seconds never trips ("slowloris"), holding its
** connection for ever. This module notes when each connection began to
** wait for headers and shuts the socket of one that waited too long; the
** daemon then sees the socket closed and drops the connection.
*/
#ifndef FL_DEADLINE_H
#define FL_DEADLINE_H

#include <microhttpd.h>

typedef struct deadline deadline;

/* Starts the watch with a limit of SECONDS. NULL when out of memory or
** when the watcher thread cannot start. */
deadline *deadline_start(unsigned seconds);
/* Stops the watcher and frees D; call after the daemon has stopped. */
void deadline_stop(deadline *d);

/* The daemon's MHD_OPTION_NOTIFY_CONNECTION callback (CLS is the deadline):
** a connection is watched from its start to its close. */
void deadline_on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                            enum MHD_ConnectionNotificationCode code);
/* The headers of a request on CONN have all arrived: stop the clock. */
void deadline_headers_read(deadline *d, struct MHD_Connection *conn);
/* The request on CONN is answered: the clock runs again for the next one
** (a kept-alive connection waiting for its next request). */
void deadline_request_done(deadline *d, struct MHD_Connection *conn);

#endif
