/*
** vocab.h: the relation vocabulary. The predicates flank knows (DESIGN.md's
** v1 fifteen and the v2 additions), each with what it means and its export
** classes (CAMEO code and name, PLOVER event type), come from one table,
** data/patterns/cameo.tsv; every part that names or lists predicates (the
** map's menu and GET /api/predicates, the map's filter, dossiers and
** timelines with their classes, the pack check, `flank kb predicates`)
** asks here. It does not find relations in text (relation.h does).
*/
#ifndef FL_VOCAB_H
#define FL_VOCAB_H

#include <stddef.h>

#include <jansson.h>

/* One predicate: its name ("met_with"), CAMEO code ("04") and name
** ("Consult"), PLOVER event type ("CONSULT") and meaning, "-" where the
** table has no class. The strings live as long as the process. */
typedef struct vocab_pred {
    const char *name, *cameo, *cameo_name, *plover, *meaning;
} vocab_pred;

/* Loads cameo.tsv from DATADIR (NULL: data_dir()) once per process;
** thread-safe. A malformed table is FL_EPACK with "cameo.tsv:LINE: ...".
** The calls below make it with NULL when needed. */
int vocab_init(const char *datadir, char **errmsg);

/* The number of predicates, in table order; 0 when the table cannot load. */
size_t vocab_count(void);
const vocab_pred *vocab_at(size_t i);

/* The predicate named NAME, or NULL when the table has none. */
const vocab_pred *vocab_find(const char *name);

/* Adds "cameo" and "plover" (null when the table has no class) to each
** object of ROWS (a JSON array) that has a "predicate", for exports. */
void vocab_add_classes(json_t *rows);

#endif
