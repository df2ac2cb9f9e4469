/*
** names.h: the name finder, a stage of its own between entity linking
** (gazetteer.h) and the rule stages (relations, claims). It makes typed
** entities of the document out of names the knowledge pack does not know:
** people introduced with a title ("Lt. Gen. ...", "Ambassador ...") or
** written as foreign names, organisations, groups, frameworks, places and
** regions whose capitalised name holds an institution word ("... Command",
** "Ministry of ...", "Operation ...", "... Air Base"), and attaches the
** document's shorter forms to them: a surname alone ("Bouchard said"), an
** acronym defined in brackets ("... Azawad (MNLA)"), "the Dialogue" or
** "the mission" when one entity of the document has that head noun.
** Cue words come from data/patterns/names.txt; what counts as a common
** English word, from the pack (gaz_word_class). It reads words, not parse
** trees, allocates per document (not per word) and runs in linear time.
** It does not own: linking pack entities (gazetteer.c), the JSON (doc.c).
*/
#ifndef FL_NAMES_H
#define FL_NAMES_H

#include <stddef.h>

#include "gazetteer.h"
#include "tokenize.h"

/* Loads data/patterns/names.txt from DATADIR (NULL: data_dir()) once per
** process; later calls return the first outcome. */
int names_init(const char *datadir, char **errmsg);

/* Adds to RES (gaz_annotate's result for TEXT[0..N), whose words are
** WORDS) the document's own entities (RES->locals) with their mentions,
** and drops the pack mentions a longer new name took in ("Iraqi" of "Iraqi
** Federal Police"); candidates inside new names are dropped. Mentions stay
** sorted by start. On failure RES is released. */
int names_find(const gaz_pack *pack, const char *text, size_t n, const tok_words *words,
               gaz_result *res, char **errmsg);

#endif
