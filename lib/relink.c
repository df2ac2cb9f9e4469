/*
** relink.c: `flank relink` (fl_relink in flank.h): stored documents
** annotated under another version of the pack, the patterns or the
** analyst's rejections (annotver.h) are annotated again from their stored
** text, in batches of one transaction each that also record the batch as
** done (store_relink.c): a killed relink leaves each document with its old
** annotations or its new ones, and the next run does the rest.
*/
#include <stdlib.h>

#include "annotver.h"
#include "doc.h"
#include "err.h"
#include "store.h"
#include "banned.h"

int fl_relink_pending(fl_db *db, int64_t *n, char **errmsg) {
    return store_stale_count(db, annot_version(), n, errmsg);
}

/* One batch: up to MAX stale documents after *AFTER annotated again and
** marked done. *n_done counts them; 0 when none was left. */
static int relink_batch(fl_db *db, const char *version, int max, int64_t *after, int64_t *n_done, char **errmsg) {
    int rc = store_begin(db, errmsg);
    int64_t first = 0, last = 0;
    *n_done = 0;
    for (int i = 0; rc == FL_OK && i < max; i++) {
        stored_doc s;
        int got = store_stale_next(db, version, *after, &s, errmsg);
        if (got <= 0) {
            rc = got < 0 ? FL_EDB : FL_OK;
            break;
        }
        fl_doc *d = NULL;
        rc = doc_from_stored(s.text, s.text_len, s.published, s.language, s.sha256, 1, &d, errmsg);
        if (rc == FL_OK) rc = store_replace_annotations(db, s.id, d, errmsg);
        fl_doc_free(d);
        if (!first) first = s.id;
        last = *after = s.id;
        stored_doc_release(&s);
        ++*n_done;
    }
    if (rc == FL_OK && first) rc = store_mark_version(db, first, last, version, errmsg);
    return store_end(db, rc, errmsg);
}

int fl_relink(fl_db *db, int batch, fl_progress_fn progress, void *ctx, int64_t *n_relinked, char **errmsg) {
    const char *version = annot_version();
    int64_t total = 0, done = 0, after = 0, n = 0;
    *n_relinked = 0;
    if (batch < 1) batch = 1;
    int rc = store_stale_count(db, version, &total, errmsg);
    if (rc == FL_OK && progress) progress(ctx, 0, total);
    do {
        rc = relink_batch(db, version, batch, &after, &n, errmsg);
        done += n;
        if (rc == FL_OK && n && progress) progress(ctx, done, total);
    } while (rc == FL_OK && n);
    *n_relinked = done;
    return rc;
}
