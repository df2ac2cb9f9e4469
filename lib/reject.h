/*
** reject.h: the analyst's rejections of entity links: an entity that must
** not be linked anywhere ("ID"), or not in one document ("ID SHA256"). They
** live in a file rejections.txt of the user pack folders (the folders
** gaz_default_paths lists), one per line, '#' comments, so that they are
** data beside the entities they correct. doc.c drops the rejected
** mentions right after linking, before relations and claims are built on
** them; `flank relink` applies new ones to stored documents. It does not
** own the linking rules (gazetteer.c).
*/
#ifndef FL_REJECT_H
#define FL_REJECT_H

#include <stddef.h>

#include "gazetteer.h"

#define REJ_FILE "rejections.txt"

typedef struct rej_set rej_set;

/* The rejections of the default pack folders, loaded once per process
** (thread-safe); an empty set when there are none. NULL only when out of
** memory. */
const rej_set *rej_default(void);

/* Drops from ENTS the mentions REJ rejects in the document SHA256. */
void rej_filter(const rej_set *rej, gaz_result *ents, const char *sha256);

/* Appends the rejection of ID (in the document SHA256 only, when not
** NULL) to FOLDER/rejections.txt, with REASON as a comment when given. */
int rej_append(const char *folder, const char *id, const char *sha256, const char *reason, char **errmsg);

#endif
