/* annotver.c: the digest of what annotation reads (see annotver.h). */
#include "annotver.h"

#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data.h"
#include "flank/flank.h"
#include "gazetteer.h"
#include "hash.h"
#include "banned.h"

static char version[17];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Digests PATH's name (relative to its root, from REL) and content, and
** the entries of a folder in name order, hidden ones skipped. -1 when a
** file cannot be read. */
static void update(uint64_t *h, const void *p, size_t n) {
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) *h = fnv1a_step(*h, s[i]);
}

static int digest(uint64_t *h, const char *path, const char *rel, int depth) {
    struct stat st;
    if (stat(path, &st) != 0) return 0;   /* absent: nothing to read */
    update(h, rel, strlen(rel) + 1);
    if (S_ISDIR(st.st_mode)) {
        struct dirent **names = NULL;
        int n = depth < 8 ? scandir(path, &names, NULL, alphasort) : 0;
        int rc = n < 0 ? -1 : 0;
        for (int i = 0; i < n; i++) {
            char sub[4096], subrel[1024];
            if (rc == 0 && names[i]->d_name[0] != '.' &&
                snprintf(sub, sizeof sub, "%s/%s", path, names[i]->d_name) < (int)sizeof sub &&
                snprintf(subrel, sizeof subrel, "%s/%s", rel, names[i]->d_name) < (int)sizeof subrel)
                rc = digest(h, sub, subrel, depth + 1);
            free(names[i]);
        }
        free(names);
        return rc;
    }
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char b[65536];
    size_t k;
    while ((k = fread(b, 1, sizeof b, f)) > 0) update(h, b, k);
    fclose(f);
    return 0;
}

/* FNV-1a over the files (hash.h): it tells versions apart; nobody gains
** by making two collide. */
static void compute(void) {
    uint64_t h = FNV1A_START;
    update(&h, FL_VERSION, sizeof FL_VERSION);
    int rc = digest(&h, data_dir(), "data", 0);
    for (const char *const *p = gaz_default_paths(); rc == 0 && *p; p++) rc = digest(&h, *p, "pack", 0);
    if (rc == 0) snprintf(version, sizeof version, "%016llx", (unsigned long long)h);
}

const char *annot_version(void) {
    pthread_once(&once, compute);
    return version;
}
