/* data.c: resolves flank's data folder (see data.h). */
#include "data.h"

#include <stdlib.h>

#include "banned.h"

const char *data_dir(void) {
    const char *env = getenv("FLANK_DATA");
    return env && *env ? env : FL_DATADIR;
}
