/* data.c: resolves flank's folders (see data.h). */
#include "data.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flank/flank.h"
#include "banned.h"

#ifndef FL_DATADIR
#define FL_DATADIR "data"
#endif
#ifndef FL_PACKDIR
#define FL_PACKDIR ""
#endif
#ifndef FL_WEBDIR
#define FL_WEBDIR "web"
#endif

enum { P_DATA, P_PACK, P_WEB, N_PATHS };
static const char *const names[N_PATHS] = {"data", "pack", "web"};
static const char *const envs[N_PATHS] = {"FLANK_DATA", "FLANK_GENPACK", "FLANK_WEB"};
static const char *const built[N_PATHS] = {FL_DATADIR, FL_PACKDIR, FL_WEBDIR};
static char installed[N_PATHS][PATH_MAX];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* PREFIX/share/flank/NAME when this program is PREFIX/bin/flank and the
** folder exists; else "". */
static void find_installed(void) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return;
    *slash = '\0';
    for (int i = 0; i < N_PATHS; i++) {
        struct stat st;
        if (snprintf(installed[i], sizeof installed[i], "%s/../share/flank/%s", exe, names[i])
                >= (int)sizeof installed[i] ||
            stat(installed[i], &st) != 0 || !S_ISDIR(st.st_mode))
            installed[i][0] = '\0';
    }
}

static const char *path_of(int i) {
    const char *env = getenv(envs[i]);
    if (env && *env) return env;
    pthread_once(&once, find_installed);
    return installed[i][0] ? installed[i] : built[i];
}

const char *data_dir(void) { return path_of(P_DATA); }

const char *data_pack_dir(void) { return path_of(P_PACK); }

const char *fl_path(const char *what) {
    for (int i = 0; i < N_PATHS; i++)
        if (strcmp(what, names[i]) == 0) return path_of(i);
    return NULL;
}
