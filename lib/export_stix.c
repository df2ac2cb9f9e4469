/*
** export_stix.c: `flank export --format stix`, a STIX 2.1 bundle
** (docs/export.md). Entities become location (countries, regions,
** places), identity (organisations, frameworks, groups: organization;
** persons: individual) or threat-actor / intrusion-set where the pack
** says so (attribute stix=); each relation with an object a relationship
** whose relationship_type and confidence come from data/patterns/stix.tsv,
** its sentence and source in external_references and x_flank_evidence;
** each claim a note; each document a report whose object_refs are what it
** supports. Ids are name-based UUIDs (export.h), timestamps the documents'
** publication dates, so that the same fact gives the same object in every
** export. Objects are written as the walk reads them.
*/
#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "gazetteer.h"
#include "json_text.h"
#include "patfile.h"
#include "banned.h"

/* ---- data/patterns/stix.tsv ------------------------------------------------ */

typedef struct pair {
    char *key, *value;
} pair;

static struct {
    pair *rel, *mod;
    size_t n_rel, n_mod;
} T;

static int add_pair(pair **list, size_t *n, const char *k, size_t kn, const char *v, size_t vn) {
    pair *np = realloc(*list, (*n + 1) * sizeof *np);
    if (!np) return FL_ENOMEM;
    *list = np;
    np[*n] = (pair){strndup(k, kn), strndup(v, vn)};
    return np[(*n)++].key && np[*n - 1].value ? FL_OK : FL_ENOMEM;
}

static int load(const char *datadir, char **errmsg) {
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    int rc = pat_read(datadir, "stix.tsv", &b, errmsg);
    const char *p = b.data, *end = b.data + b.len, *line, *why = NULL;
    size_t len;
    int lineno = 0;
    while (rc == FL_OK && pat_line(&p, end, &line, &len, &lineno)) {
        const char *q = line, *e = line + len, *f[3];
        size_t fn[3];
        for (int k = 0; k < 3 && !why; k++)
            if (!pat_field(&q, e, '\t', &f[k], &fn[k]) || !fn[k]) why = "needs 3 tab-separated fields";
        if (!why && pat_is(f[0], fn[0], "relation")) rc = add_pair(&T.rel, &T.n_rel, f[1], fn[1], f[2], fn[2]);
        else if (!why && pat_is(f[0], fn[0], "modality")) rc = add_pair(&T.mod, &T.n_mod, f[1], fn[1], f[2], fn[2]);
        else if (!why) why = "a line is 'relation' or 'modality'";
        if (why) rc = FL_EPACK;
    }
    if (rc && b.data) err_set(errmsg, rc, "stix.tsv:%d: %s", lineno, rc == FL_ENOMEM ? "out of memory" : why);
    buf_release(&b);
    return rc;
}

static pat_once loader = PAT_ONCE_INIT(load, "stix.tsv: cannot load");

static void load_once(void) { pat_once_run(&loader); }

static const char *lookup(const pair *list, size_t n, const char *key) {
    for (size_t i = 0; key && i < n; i++)
        if (strcmp(list[i].key, key) == 0) return list[i].value;
    return NULL;
}

/* ---- objects ------------------------------------------------------------------ */

/* What the bundle needs while it is written. */
typedef struct stix_state {
    const gaz_pack *pack;
    int first;              /* no object written yet */
    json_t *refs, *seen;    /* the document's object_refs, in order, and as a set */
    json_t *entity_refs;    /* entity id -> its STIX id, made once */
} stix_state;

/* A timestamp from an ISO 8601 date or prefix ("2024-07": its first day);
** flank keeps no time of its own for a fact: none gives the epoch. */
static void timestamp(const char *date, char out[32]) {
    char d[11] = "1970-01-01";
    size_t n = date ? strlen(date) : 0;
    if (n >= 4 && date[0] >= '0' && date[0] <= '9') memcpy(d, date, n >= 10 ? 10 : n == 7 ? 7 : 4);
    if (n == 4) memcpy(d + 4, "-01-01", 6);
    if (n >= 7 && n < 10) memcpy(d + 7, "-01", 3);
    d[10] = '\0';
    snprintf(out, 32, "%sT00:00:00.000Z", d);
}

/* The STIX type of entity ID of flank type TYPE. */
static const char *stix_type(const stix_state *s, const char *id, const char *type) {
    size_t n = 0;
    const gaz_entity *e = s->pack ? gaz_get(s->pack, id) : NULL;
    const char *v = e ? gaz_attr(e, "stix", &n) : NULL;
    if (v && n == 12 && memcmp(v, "threat-actor", n) == 0) return "threat-actor";
    if (v && n == 13 && memcmp(v, "intrusion-set", n) == 0) return "intrusion-set";
    if (type && (strcmp(type, "country") == 0 || strcmp(type, "region") == 0 || strcmp(type, "place") == 0))
        return "location";
    return "identity";
}

/* "TYPE--UUID" of entity ID (a new reference). */
static json_t *entity_ref(stix_state *s, const char *id, const char *type) {
    json_t *known = json_object_get(s->entity_refs, id);
    if (known) return json_incref(known);
    char uuid[37], ref[64];
    const char *parts[] = {"entity", id};
    export_uuid5_join(parts, 2, uuid);
    snprintf(ref, sizeof ref, "%s--%s", stix_type(s, id, type), uuid);
    json_t *r = json_string(ref);
    json_object_set(s->entity_refs, id, r);
    return r;
}

static json_t *prefixed(const char *type, const char *uuid) {
    char ref[64];
    snprintf(ref, sizeof ref, "%s--%s", type, uuid);
    return json_string(ref);
}

static void put_object(export_run *x, json_t *o) {
    stix_state *s = x->state;
    export_puts(x, s->first ? "\n" : ",\n");
    s->first = 0;
    if (json_object_get(o, "latitude")) export_json_reals(x, o);
    else export_json(x, o);
    json_decref(o);
}

/* The common properties, with created and modified at DATE. */
static json_t *sdo(json_t *id, const char *date) {
    char ts[32];
    timestamp(date, ts);
    json_t *o = json_object();
    const char *ref = json_string_value(id);
    json_object_set_new(o, "type", json_stringn(ref, (size_t)(strstr(ref, "--") - ref)));
    json_object_set_new(o, "spec_version", json_string("2.1"));
    json_object_set_new(o, "id", id);
    json_object_set_new(o, "created", json_string(ts));
    json_object_set_new(o, "modified", json_string(ts));
    return o;
}

static void set_str(json_t *o, const char *key, const char *v) {
    if (v && *v) json_object_set_new(o, key, json_string(v));
}

/* A pack attribute of E as a string, or NULL. */
static char *attr(const gaz_entity *e, const char *key) {
    size_t n = 0;
    const char *v = e ? gaz_attr(e, key, &n) : NULL;
    return v ? strndup(v, n) : NULL;
}

/* Where a location is: a country's ISO code, a place's coordinates (else
** its country), a region's name. */
static void locate(json_t *o, const char *id, const char *type, const gaz_entity *e) {
    const char *colon = strchr(id, ':');
    char *lat = attr(e, "lat"), *lon = attr(e, "lon"), *country = attr(e, "country");
    if (strcmp(type, "country") == 0) {
        set_str(o, "country", colon + 1);
    } else if (lat && lon && atof(lat) >= -90 && atof(lat) <= 90 && atof(lon) >= -180 && atof(lon) <= 180) {
        json_object_set_new(o, "latitude", json_real(atof(lat)));
        json_object_set_new(o, "longitude", json_real(atof(lon)));
    } else if (country && strncmp(country, "country:", 8) == 0) {
        set_str(o, "country", country + 8);
    } else {
        set_str(o, "region", colon + 1);
    }
    free(lat);
    free(lon);
    free(country);
}

static void stix_entity(export_run *x, json_t *row) {
    stix_state *s = x->state;
    const char *id = export_str(row, "id"), *type = export_str(row, "type");
    json_t *ref = entity_ref(s, id, type);
    const char *kind = json_string_value(ref);
    json_t *o = sdo(ref, NULL);
    set_str(o, "name", export_str(row, "name"));
    const gaz_entity *e = s->pack ? gaz_get(s->pack, id) : NULL;
    if (strncmp(kind, "location", 8) == 0) locate(o, id, type, e);
    else if (strncmp(kind, "identity", 8) == 0)
        set_str(o, "identity_class", strcmp(type, "person") == 0 ? "individual" : "organization");
    set_str(o, "x_flank_id", id);
    set_str(o, "x_flank_type", type);
    json_object_set_new(o, "x_flank_mentions", json_integer(export_int(row, "mentions")));
    put_object(x, o);
}

/* Adds REF (taken) to the document's object_refs once. */
static void refer(stix_state *s, json_t *ref) {
    const char *r = json_string_value(ref);
    if (!json_object_get(s->seen, r)) {
        json_object_set_new(s->seen, r, json_true());
        json_array_append(s->refs, ref);
    }
    json_decref(ref);
}

/* A string member, when V is a non-empty string. */
static void jw_str(json_writer *w, const char *key, const char *v) {
    if (!v || !*v) return;
    jw_key(w, key, strlen(key));
    jw_string(w, v, strlen(v));
}

static void jw_num(json_writer *w, const char *key, json_int_t v) {
    jw_key(w, key, strlen(key));
    jw_int(w, v);
}

/* Opens object ID (written by the JSON writer, json_text.h, without a
** tree per object) with the common properties sdo() gives, created and
** modified at DATE, after the separator from the previous object. */
static void open_sdo(export_run *x, json_writer *w, const char *id, const char *date) {
    stix_state *s = x->state;
    char ts[32];
    timestamp(date, ts);
    export_puts(x, s->first ? "\n" : ",\n");
    s->first = 0;
    jw_init(w, &x->out, JSON_COMPACT);
    jw_object(w);
    jw_key(w, "type", 4);
    jw_string(w, id, (size_t)(strstr(id, "--") - id));
    jw_str(w, "spec_version", "2.1");
    jw_str(w, "id", id);
    jw_str(w, "created", ts);
    jw_str(w, "modified", ts);
}

/* The document as the one external reference: its publisher, URL and
** hash (its sha256 also as external_id, which flank show takes). */
static void put_doc_reference(json_writer *w, const char *publisher, const char *description, const char *url,
                              const char *sha256) {
    jw_key(w, "external_references", 19);
    jw_array(w);
    jw_object(w);
    jw_str(w, "source_name", publisher ? publisher : "flank");
    jw_str(w, "description", description);
    jw_str(w, "url", url);
    jw_str(w, "external_id", sha256);
    if (sha256) {
        jw_key(w, "hashes", 6);
        jw_object(w);
        jw_key(w, "SHA-256", 7);
        jw_string(w, sha256, strlen(sha256));
        jw_end(w);
    }
    jw_end(w);
    jw_end(w);
}

/* An array member of strings REFS[0..n). */
static void put_refs(json_writer *w, const char *key, const json_t *refs) {
    jw_key(w, key, strlen(key));
    jw_array(w);
    for (size_t i = 0; i < json_array_size(refs); i++) {
        const json_t *r = json_array_get(refs, i);
        jw_string(w, json_string_value(r), json_string_length(r));
    }
    jw_end(w);
}

/* A relationship, the bulk of a bundle. */
static void stix_relation(export_run *x, json_t *row) {
    stix_state *s = x->state;
    const char *predicate = export_str(row, "predicate"), *modality = export_str(row, "modality");
    const char *rtype = lookup(T.rel, T.n_rel, predicate), *conf = lookup(T.mod, T.n_mod, modality);
    if (!export_str(row, "object") || !rtype) return;   /* STIX relates two objects */
    json_t *src = entity_ref(s, export_str(row, "subject"), export_str(row, "subject_type"));
    json_t *dst = entity_ref(s, export_str(row, "object"), export_str(row, "object_type"));
    char id[64], start[32];
    snprintf(id, sizeof id, "relationship--%s", export_str(row, "id"));
    const char *sentence = export_str(row, "sentence"), *sha = export_str(row, "doc_sha256");
    const char *date = export_str(row, "date");
    json_writer w;
    open_sdo(x, &w, id, export_str(row, "doc_published"));
    jw_str(&w, "relationship_type", rtype);
    jw_str(&w, "source_ref", json_string_value(src));
    jw_str(&w, "target_ref", json_string_value(dst));
    jw_str(&w, "description", sentence);
    if (date) {
        timestamp(date, start);
        jw_str(&w, "start_time", start);
    }
    if (conf) jw_num(&w, "confidence", atoi(conf));
    put_doc_reference(&w, export_str(row, "doc_publisher"), sentence, export_str(row, "doc_url"), sha);
    jw_str(&w, "x_flank_predicate", predicate);
    jw_str(&w, "x_flank_modality", modality);
    jw_str(&w, "x_flank_date", date);
    jw_str(&w, "x_flank_cameo", export_str(row, "cameo"));
    jw_str(&w, "x_flank_plover", export_str(row, "plover"));
    jw_num(&w, "x_flank_sources", export_int(row, "sources"));
    jw_key(&w, "x_flank_evidence", 16);
    jw_object(&w);
    jw_str(&w, "sentence", sentence);
    jw_str(&w, "doc_sha256", sha);
    jw_num(&w, "start", export_int(row, "start"));
    jw_num(&w, "end", export_int(row, "end"));
    jw_end(&w);
    jw_end(&w);
    export_wrote(x);
    refer(s, json_string(id));
    refer(s, src);
    refer(s, dst);
}

static json_t *report_ref(const char *sha256) {
    char uuid[37];
    const char *parts[] = {"document", sha256};
    export_uuid5_join(parts, 2, uuid);
    return prefixed("report", uuid);
}

static void stix_claim(export_run *x, json_t *row) {
    stix_state *s = x->state;
    json_t *id = prefixed("note", export_str(row, "id"));
    const char *speaker = export_str(row, "speaker");
    json_t *about = speaker ? entity_ref(s, speaker, "person") : report_ref(export_str(row, "doc_sha256"));
    json_writer w;
    open_sdo(x, &w, json_string_value(id), export_str(row, "doc_published"));
    jw_str(&w, "abstract", export_str(row, "kind"));
    jw_str(&w, "content", export_str(row, "text"));
    jw_key(&w, "object_refs", 11);
    jw_array(&w);
    jw_string(&w, json_string_value(about), json_string_length(about));
    jw_end(&w);
    put_doc_reference(&w, export_str(row, "doc_publisher"), NULL, export_str(row, "doc_url"),
                      export_str(row, "doc_sha256"));
    jw_str(&w, "x_flank_kind", export_str(row, "kind"));
    jw_end(&w);
    export_wrote(x);
    refer(s, id);
    if (speaker) refer(s, about);
    else json_decref(about);
}

/* The document's report, once its relationships and notes are written;
** none when it supports nothing. */
static void stix_document_end(export_run *x, json_t *row) {
    stix_state *s = x->state;
    if (json_array_size(s->refs)) {
        const char *title = export_str(row, "title"), *published = export_str(row, "published");
        const char *sha = export_str(row, "sha256");
        json_t *id = report_ref(sha);
        char ts[32];
        timestamp(published, ts);
        json_writer w;
        open_sdo(x, &w, json_string_value(id), published);
        jw_str(&w, "name", title ? title : export_str(row, "source"));
        jw_str(&w, "published", ts);
        jw_key(&w, "report_types", 12);
        jw_array(&w);
        jw_string(&w, "threat-report", 13);
        jw_end(&w);
        put_refs(&w, "object_refs", s->refs);
        put_doc_reference(&w, export_str(row, "publisher"), NULL, export_str(row, "url"), sha);
        const json_t *authors = json_object_get(row, "authors");
        if (json_array_size(authors)) {
            jw_key(&w, "x_flank_authors", 15);
            jw_value(&w, authors);
        }
        jw_str(&w, "x_flank_sha256", sha);
        jw_end(&w);
        export_wrote(x);
        json_decref(id);
    }
    json_array_clear(s->refs);
    json_object_clear(s->seen);
}

/* The bundle's id names what it holds: the format and the filters. */
static void bundle_id(const export_run *x, char out[37]) {
    const store_filter *f = &x->filter;
    const char *parts[] = {"bundle", f->entity, f->predicate, f->since, f->until, f->fts};
    export_uuid5_join(parts, sizeof parts / sizeof *parts, out);
}

int export_stix(export_run *x) {
    char *msg = NULL;
    stix_state s = {.first = 1, .refs = json_array(), .seen = json_object(), .entity_refs = json_object()};
    if (pat_init(&loader, load_once, NULL, &msg) != FL_OK || gaz_default(&s.pack, &msg) != FL_OK)
        export_fail(x, FL_EPACK, "%s", msg ? msg : "stix.tsv: cannot load");
    free(msg);
    x->state = &s;
    char id[37];
    bundle_id(x, id);
    export_printf(x, "{\"type\":\"bundle\",\"id\":\"bundle--%s\",\"objects\":[", id);
    export_sink sink = {stix_entity, NULL, stix_relation, stix_claim, stix_document_end};
    export_walk(x, &sink);
    export_puts(x, "\n]}\n");
    json_decref(s.refs);
    json_decref(s.seen);
    json_decref(s.entity_refs);
    x->state = NULL;
    return x->rc;
}
