/*
** kb.c: the knowledge pack as front ends see it (flank.h, "knowledge
** pack"): a check of the pack with extra files (alias clashes, facts whose
** predicate the vocabulary lacks), and one entity with the facts about
** it, as JSON. Loading, linking and the file format are gazetteer.c's; the
** predicates are vocab.h's; copying files into a user pack folder is the
** caller's.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "flank/flank.h"
#include "kb.h"
#include "query.h"
#include "vocab.h"
#include "reject.h"
#include "banned.h"

static void add_clash(void *ctx, const char *alias, const gaz_entity *a, const gaz_entity *b) {
    json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:I}", "alias", alias, "id", b->id,
                                         "file", b->file, "line", (json_int_t)b->line, "also_id", a->id,
                                         "also_file", a->file, "also_line", (json_int_t)a->line));
}

int fl_kb_check_json(const char *const *extra, size_t n_extra, char **json, char **errmsg) {
    *json = NULL;
    const char *const *defaults = gaz_default_paths();
    size_t n_defaults = 0;
    while (defaults[n_defaults]) n_defaults++;
    const char **paths = malloc((n_defaults + n_extra + 1) * sizeof *paths);
    if (!paths) return err_set(errmsg, FL_ENOMEM, "out of memory");
    memcpy(paths, defaults, n_defaults * sizeof *paths);
    if (n_extra) memcpy(paths + n_defaults, extra, n_extra * sizeof *paths);
    gaz_pack *pack = NULL;
    int rc = gaz_load(paths, n_defaults + n_extra, &pack, errmsg);
    free(paths);
    if (rc != FL_OK) return rc;
    rc = vocab_init(NULL, errmsg);
    if (rc != FL_OK) {
        gaz_free(pack);
        return rc;
    }
    json_t *clashes = json_array(), *unknown = json_array();
    gaz_clashes(pack, clashes, add_clash);
    for (size_t i = 0; i < gaz_fact_count(pack); i++) {
        const gaz_fact *f = gaz_fact_at(pack, i);
        if (!vocab_find(f->predicate))
            json_array_append_new(unknown, json_pack("{s:s, s:I, s:s}", "file", f->file, "line", (json_int_t)f->line,
                                                     "predicate", f->predicate));
    }
    int ok = json_array_size(clashes) == 0 && json_array_size(unknown) == 0;
    json_t *out = json_pack("{s:b, s:I, s:I, s:o, s:o}", "ok", ok, "entities", (json_int_t)gaz_entity_count(pack),
                            "facts", (json_int_t)gaz_fact_count(pack), "clashes", clashes,
                            "unknown_predicates", unknown);
    gaz_free(pack);
    return query_json(out, json, errmsg);
}

json_t *kb_facts_json(const gaz_pack *pack, const char *id) {
    json_t *facts = json_array();
    for (size_t i = 0; i < gaz_fact_count(pack); i++) {
        const gaz_fact *f = gaz_fact_at(pack, i);
        if (strcmp(f->subject, id) != 0 && strcmp(f->object, id) != 0) continue;
        const gaz_entity *s = gaz_get(pack, f->subject), *o = gaz_get(pack, f->object);
        json_array_append_new(facts, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "subject", f->subject,
                                               "subject_name", s ? s->name : f->subject, "predicate", f->predicate,
                                               "object", f->object, "object_name", o ? o->name : f->object,
                                               "start", f->start, "end", f->end, "source", f->source));
    }
    return facts;
}

int fl_kb_entity_json(const char *id, char **json, char **errmsg) {
    *json = NULL;
    const gaz_pack *pack = NULL;
    int rc = gaz_default(&pack, errmsg);
    if (rc != FL_OK) return rc;
    const gaz_entity *e = gaz_get(pack, id);
    if (!e)
        return err_set(errmsg, FL_ENOTFOUND, "%s: no such entity in the knowledge pack; "
                       "'flank entities' lists those found in documents", id);
    return query_json(json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:o}", "id", e->id, "name", e->name, "type",
                          e->type, "aliases", e->aliases, "attrs", e->attrs, "file", e->file, "line",
                          (json_int_t)e->line, "facts", kb_facts_json(pack, id)),
                json, errmsg);
}

int fl_kb_reject(const char *folder, const char *id, const char *doc_sha256, const char *reason, char **errmsg) {
    return rej_append(folder, id, doc_sha256, reason, errmsg);
}
