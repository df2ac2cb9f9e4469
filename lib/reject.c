/* reject.c: the analyst's rejections of entity links (see reject.h). */
#include "reject.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "err.h"
#include "banned.h"

/* One rejection: an entity id, and the document it holds for ("" for all). */
typedef struct rejection {
    char *id;
    char sha256[65];
} rejection;

struct rej_set {
    rejection *r;
    size_t n, cap;
};

static rej_set default_set;
static const rej_set *default_ptr;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static int add(rej_set *s, const char *id, size_t n_id, const char *sha, size_t n_sha) {
    if (s->n == s->cap && array_grow(&s->r, &s->cap, sizeof *s->r, 8) != FL_OK) return FL_ENOMEM;
    rejection *r = &s->r[s->n];
    if (!(r->id = malloc(n_id + 1))) return FL_ENOMEM;
    memcpy(r->id, id, n_id);
    r->id[n_id] = '\0';
    snprintf(r->sha256, sizeof r->sha256, "%.*s", (int)(n_sha < 64 ? n_sha : 64), sha);
    s->n++;
    return FL_OK;
}

/* Reads FOLDER/rejections.txt into S when it exists. */
static int load_folder(rej_set *s, const char *folder) {
    char path[4096];
    struct stat st;
    if (stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)) return FL_OK;
    if (snprintf(path, sizeof path, "%s/" REJ_FILE, folder) >= (int)sizeof path) return FL_OK;
    FILE *f = fopen(path, "r");
    if (!f) return FL_OK;
    char line[1024];
    int rc = FL_OK;
    while (rc == FL_OK && fgets(line, sizeof line, f)) {
        char *p = line;
        while (isspace((unsigned char)*p)) p++;
        if (*p == '#' || !*p) continue;
        size_t n_id = strcspn(p, " \t\r\n#");
        char *q = p + n_id;
        while (*q == ' ' || *q == '\t') q++;
        size_t n_sha = *q == '#' ? 0 : strcspn(q, " \t\r\n#");
        rc = add(s, p, n_id, q, n_sha);
    }
    fclose(f);
    return rc;
}

static void load_default(void) {
    int rc = FL_OK;
    for (const char *const *p = gaz_default_paths(); rc == FL_OK && *p; p++) rc = load_folder(&default_set, *p);
    default_ptr = rc == FL_OK ? &default_set : NULL;
}

const rej_set *rej_default(void) {
    pthread_once(&default_once, load_default);
    return default_ptr;
}

static int rejected(const rej_set *rej, const char *id, const char *sha256) {
    for (size_t i = 0; i < rej->n; i++)
        if (strcmp(rej->r[i].id, id) == 0 && (!rej->r[i].sha256[0] || strcmp(rej->r[i].sha256, sha256) == 0))
            return 1;
    return 0;
}

void rej_filter(const rej_set *rej, gaz_result *ents, const char *sha256) {
    if (!rej || !rej->n) return;
    size_t k = 0;
    for (size_t i = 0; i < ents->n_mentions; i++)
        if (!rejected(rej, ents->mentions[i].id, sha256)) ents->mentions[k++] = ents->mentions[i];
    ents->n_mentions = k;
}

int rej_append(const char *folder, const char *id, const char *sha256, const char *reason, char **errmsg) {
    char path[4096];
    if (strcspn(id, " \t\r\n#") != strlen(id) || !*id)
        return err_set(errmsg, FL_EINVAL, "%s: not an entity id", id);
    if (snprintf(path, sizeof path, "%s/" REJ_FILE, folder) >= (int)sizeof path)
        return err_set(errmsg, FL_EINVAL, "%s: path too long", folder);
    FILE *f = fopen(path, "a");
    if (!f) return err_set(errmsg, FL_EIO, "%s: %s", path, strerror(errno));
    fprintf(f, "%s%s%s", id, sha256 ? " " : "", sha256 ? sha256 : "");
    if (reason && *reason) {
        fputs("  # ", f);
        for (const char *r = reason; *r; r++) fputc(*r == '\n' || *r == '\r' ? ' ' : *r, f);
    }
    fputc('\n', f);
    if (fclose(f) != 0) return err_set(errmsg, FL_EIO, "%s: %s", path, strerror(errno));
    return FL_OK;
}
