/*
** store_intake.h: what the intake keeps in the database beside the
** documents (store_intake.c): each URL's last fetch (its validators and
** document) and, later, the feeds. The tables are created by the first
** intake command that writes, so databases that never fetch stay as they
** are and other commands need no migration.
*/
#ifndef FL_STORE_INTAKE_H
#define FL_STORE_INTAKE_H

#include <stdint.h>

#include "flank/flank.h"

/* Creates the intake's tables when missing. */
int store_intake_tables(fl_db *db, char **errmsg);

/* URL's last fetch whose document is still stored: its validators (new
** strings or NULL) and document; DOC_ID 0 when there is none. */
typedef struct fetch_state {
    int64_t doc_id;
    char *etag, *last_modified;
} fetch_state;
int store_fetch_state(fl_db *db, const char *url, fetch_state *s, char **errmsg);
void fetch_state_release(fetch_state *s);

/* Records URL's fetch (FINAL_URL answered, with ETAG and LAST_MODIFIED,
** either may be NULL), stored as DOC_ID, in the open transaction. */
int store_put_fetch(fl_db *db, const char *url, const char *final_url, const char *etag, const char *last_modified,
                    int64_t doc_id, char **errmsg);

/* Opens a write transaction that fl_db_add joins and that nothing commits
** before store_hold_end (store.h): a page and its records are stored
** together or not at all. Unlike store_hold_begin, it keeps the page cache. */
int store_intake_begin(fl_db *db, char **errmsg);

#endif
