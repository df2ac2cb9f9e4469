/*
** browse.h: the web UI's views of the stored knowledge beyond search and
** the dossier's lists (browse.c). The public calls (fl_suggest_json,
** fl_graph_json, fl_overview_json) are in flank.h; these two add to
** answers that query.c makes.
*/
#ifndef FL_BROWSE_H
#define FL_BROWSE_H

#include <jansson.h>

#include "flank/flank.h"

/* The relations of a dossier (store_relations rows, with their evidence)
** grouped for entity SELF: [{"predicate", "cameo", "plover",
** "counterparts": [{"id", "name", "role", "sources", "documents",
** "latest", "modalities", "evidence"}]}]; a new reference. */
json_t *browse_group_relations(json_t *relations, const char *self);

/* Adds to the dossier DOSSIER of entity ID (as query.c makes it): the
** entity's "description", "groups" (browse_group_relations), each
** background fact's "documents" and "agrees", and "mentions_by_month". */
int browse_dossier(fl_db *db, const char *id, json_t *dossier, char **errmsg);

/* Adds to the map answer MAP (fl_map_json's) each country's "documents"
** (documents mentioning it), "total_documents", and with PREDICATE or
** SUBJECT (an entity id) "relations_list": the relations behind the
** shading, with their sentences. */
int browse_map(fl_db *db, const char *predicate, const char *subject, const char *since, const char *until,
               json_t *map, char **errmsg);

#endif
