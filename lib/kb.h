/*
** kb.h: what kb.c (the knowledge pack as front ends see it, flank.h)
** shares inside the library: the facts of the pack about one entity, as
** `flank kb show` and the dossier's background both list them.
*/
#ifndef FL_KB_H
#define FL_KB_H

#include <jansson.h>

#include "gazetteer.h"

/* The facts of PACK with ID as subject or object, in pack order: subject,
** predicate, object (each end with its name), start, end, source. */
json_t *kb_facts_json(const gaz_pack *pack, const char *id);

#endif
