/*
** patfile.c: locating and walking data/patterns/ files (see patfile.h).
*/
#include "patfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "err.h"

#include "banned.h"

/* Rule files are small; a file past this is a mistake, not a vocabulary. */
#define PAT_MAX_BYTES (8u << 20)

int pat_read(const char *datadir, const char *name, buf *out, char **errmsg) {
    if (!datadir) datadir = data_dir();
    buf path;
    buf_init(&path, 4096);
    buf_printf(&path, "%s/patterns/%s", datadir, name);
    if (path.rc) {
        buf_release(&path);
        return err_set(errmsg, FL_EINVAL, "%s: data path too long", name);
    }
    FILE *f = fopen(path.data, "rb");
    if (!f) {
        int rc = err_set(errmsg, FL_EPACK, "%s: %s", path.data, strerror(errno));
        buf_release(&path);
        return rc;
    }
    out->max = PAT_MAX_BYTES;
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_append(out, chunk, got)) break;
    int bad = ferror(f);
    fclose(f);
    buf_cstr(out);
    int rc = out->rc ? out->rc : bad ? FL_EIO : FL_OK;
    if (rc) err_set(errmsg, rc, "%s: cannot read", path.data);
    buf_release(&path);
    return rc;
}

static int blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

int pat_line(const char **p, const char *end, const char **line, size_t *len,
             int *lineno) {
    while (*p < end) {
        const char *s = *p;
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        *p = nl ? nl + 1 : end;
        if (lineno) (*lineno)++;
        while (s < e && blank(*s)) s++;
        while (e > s && blank(e[-1])) e--;
        if (s == e || *s == '#') continue;
        *line = s;
        *len = (size_t)(e - s);
        return 1;
    }
    return 0;
}

int pat_field(const char **p, const char *end, char fs, const char **f,
              size_t *n) {
    const char *s = *p;
    while (s < end && blank(*s)) s++;
    if (s >= end) {
        *p = end;
        return 0;
    }
    const char *e = s;
    if (fs) {
        while (e < end && *e != fs) e++;
        *p = e < end ? e + 1 : end;
    } else {
        while (e < end && !blank(*e)) e++;
        *p = e;
    }
    while (e > s && blank(e[-1])) e--;
    *f = s;
    *n = (size_t)(e - s);
    return 1;
}

int pat_is(const char *f, size_t n, const char *kw) { return strlen(kw) == n && memcmp(f, kw, n) == 0; }

void pat_once_run(pat_once *o) { o->rc = o->load(o->datadir, &o->msg); }

int pat_init(pat_once *o, void (*run)(void), const char *datadir, char **errmsg) {
    pthread_mutex_lock(&o->lock);
    o->datadir = datadir;
    pthread_once(&o->once, run);
    pthread_mutex_unlock(&o->lock);
    if (o->rc) return err_set(errmsg, o->rc, "%s", o->msg ? o->msg : o->what);
    return FL_OK;
}
