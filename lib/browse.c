/*
** browse.c: what the web UI's pages ask beyond search and the stored lists
** (see browse.h and flank.h): the dossier's relations grouped by predicate
** and counterpart with each sentence once, its one-line description, the
** pack's facts beside the documents' and its mentions over time; entity
** suggestions as one types; an entity's neighbourhood as a graph; the
** overview of the start page; and the map's per-country document counts
** and the relations behind its shading. It shapes JSON from store_rows();
** it does not own finding entities by whole name (find.c) nor the
** dossier's plain lists (query.c).
*/
#include "browse.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "gazetteer.h"
#include "query.h"
#include "store.h"
#include "tokenize.h"
#include "vocab.h"
#include "banned.h"

static const char *str(json_t *o, const char *key) { return json_string_value(json_object_get(o, key)); }

static json_int_t num(json_t *o, const char *key) { return json_integer_value(json_object_get(o, key)); }

/* A string member that may be null or absent, as "". */
static const char *text(json_t *o, const char *key) {
    const char *s = str(o, key);
    return s ? s : "";
}

/* Sorts the array A in place with CMP over its json_t * items. */
static void sort_array(json_t *a, int (*cmp)(const void *, const void *)) {
    size_t n = json_array_size(a);
    if (n < 2) return;
    json_t **v = malloc(n * sizeof *v);
    if (!v) return;
    for (size_t i = 0; i < n; i++) v[i] = json_incref(json_array_get(a, i));
    qsort(v, n, sizeof *v, cmp);
    json_array_clear(a);
    for (size_t i = 0; i < n; i++) json_array_append_new(a, v[i]);
    free(v);
}

/* ---- the dossier's relations, grouped ---------------------------------- */

/* When a piece of evidence is from: the relation's date, else its
** document's publication date ("" when neither). */
static const char *when(json_t *ev) {
    const char *d = str(ev, "date");
    if (!d || !*d) d = str(ev, "published");
    return d ? d : "";
}

/* The counterpart group of ROW in BY_KEY (made on first use). */
static json_t *counterpart(json_t *by_key, json_t *row, const char *self) {
    int is_subject = strcmp(str(row, "subject"), self) == 0;
    const char *id = is_subject ? str(row, "object") : str(row, "subject");
    const char *name = is_subject ? str(row, "object_name") : str(row, "subject_name");
    char key[512];
    snprintf(key, sizeof key, "%c%s", is_subject ? '>' : '<', id ? id : "");
    json_t *g = json_object_get(by_key, key);
    if (g) return g;
    g = json_pack("{s:s?, s:s?, s:s, s:i, s:i, s:s, s:{}, s:[], s:{}, s:{}}", "id", id, "name",
                  name ? name : id, "role", is_subject ? "object" : "subject", "sources", 0, "documents", 0,
                  "latest", "", "modalities", "evidence", "_sources", "_seen");
    json_object_set_new(by_key, key, g);
    return g;
}

/* Adds the counts of ROW (a relation group of store_relations) to the
** counterpart group G: its publishers, documents (each document without a
** publisher is a source of its own), latest date and how many sentences
** state it with its modality. A document stating it with two modalities
** counts twice: the rows come per modality. */
static void add_counts(json_t *g, json_t *row) {
    size_t i;
    json_t *pub;
    json_array_foreach(json_object_get(row, "publishers"), i, pub)
        json_object_set_new(json_object_get(g, "_sources"), json_string_value(pub), json_true());
    json_object_set_new(g, "documents", json_integer(num(g, "documents") + num(row, "documents")));
    json_object_set_new(g, "_unpublished", json_integer(num(g, "_unpublished") + num(row, "unpublished")));
    const char *latest = str(row, "latest");
    if (latest && strcmp(latest, str(g, "latest")) > 0) json_object_set_new(g, "latest", json_string(latest));
    json_t *mods = json_object_get(g, "modalities");
    const char *modality = str(row, "modality");
    json_object_set_new(mods, modality, json_integer(num(mods, modality) + num(row, "count")));
}

/* Adds EV (a sentence of a relation of modality MODALITY) to group G,
** once per sentence text. */
static void add_evidence(json_t *g, json_t *ev, const char *modality) {
    const char *sentence = str(ev, "sentence");
    json_t *seen = json_object_get(g, "_seen");
    json_t *first = sentence ? json_object_get(seen, sentence) : NULL;
    if (first) {   /* the same sentence again (another relation in it, or a copy of the text) */
        json_object_set_new(first, "repeats", json_integer(num(first, "repeats") + 1));
        return;
    }
    json_t *e = json_copy(ev);   /* its values shared, read only: the sentences are not copied again */
    json_object_set_new(e, "modality", json_string(modality));
    json_object_set_new(e, "repeats", json_integer(0));
    json_array_append_new(json_object_get(g, "evidence"), e);
    if (sentence) json_object_set(seen, sentence, e);
}

static int by_sources(const void *a, const void *b) {
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    if (num(x, "sources") != num(y, "sources")) return num(x, "sources") < num(y, "sources") ? 1 : -1;
    int c = strcmp(text(y, "latest"), text(x, "latest"));
    if (c) return c;
    if (num(x, "documents") != num(y, "documents")) return num(x, "documents") < num(y, "documents") ? 1 : -1;
    return strcmp(text(x, "name"), text(y, "name"));
}

static int by_when(const void *a, const void *b) {
    return strcmp(when(*(json_t *const *)b), when(*(json_t *const *)a));
}

/* Ends group G: its sources from their set, which it then drops; newest
** sentences first. */
static void close_counterpart(json_t *g) {
    json_object_set_new(g, "sources", json_integer((json_int_t)json_object_size(json_object_get(g, "_sources")) +
                                                   num(g, "_unpublished")));
    json_object_del(g, "_sources");
    json_object_del(g, "_unpublished");
    json_object_del(g, "_seen");
    if (!*str(g, "latest")) json_object_set_new(g, "latest", json_null());
    sort_array(json_object_get(g, "evidence"), by_when);
}

static int by_best(const void *a, const void *b) {
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_t *gx = json_array_get(json_object_get(x, "counterparts"), 0);
    json_t *gy = json_array_get(json_object_get(y, "counterparts"), 0);
    if (num(gx, "sources") != num(gy, "sources")) return num(gx, "sources") < num(gy, "sources") ? 1 : -1;
    size_t nx = json_array_size(json_object_get(x, "counterparts")),
           ny = json_array_size(json_object_get(y, "counterparts"));
    if (nx != ny) return nx < ny ? 1 : -1;
    return strcmp(str(x, "predicate"), str(y, "predicate"));
}

json_t *browse_group_relations(json_t *relations, const char *self) {
    json_t *by_pred = json_object();
    size_t i, k;
    json_t *row, *ev;
    json_array_foreach(relations, i, row) {
        const char *pred = str(row, "predicate");
        json_t *p = json_object_get(by_pred, pred);
        if (!p) {
            p = json_pack("{s:s, s:O?, s:O?, s:{}}", "predicate", pred, "cameo", json_object_get(row, "cameo"),
                          "plover", json_object_get(row, "plover"), "_by");
            json_object_set_new(by_pred, pred, p);
        }
        json_t *g = counterpart(json_object_get(p, "_by"), row, self);
        add_counts(g, row);
        json_array_foreach(json_object_get(row, "evidence"), k, ev) add_evidence(g, ev, str(row, "modality"));
        /* who asserts, denies... the fact (query.c): the same list on each modality's row */
        json_t *stances = json_object_get(row, "stances");
        if (json_array_size(stances) && !json_object_get(g, "stances")) json_object_set(g, "stances", stances);
    }
    json_t *groups = json_array();
    const char *key, *ckey;   /* two: the loop's next step starts from its own key */
    json_t *p, *g;
    json_object_foreach(by_pred, key, p) {
        json_t *list = json_array();
        json_object_foreach(json_object_get(p, "_by"), ckey, g) {
            close_counterpart(g);
            json_array_append(list, g);
        }
        sort_array(list, by_sources);
        json_object_del(p, "_by");
        json_object_set_new(p, "counterparts", list);
        json_array_append(groups, p);
    }
    json_decref(by_pred);
    sort_array(groups, by_best);
    return groups;
}

/* ---- the pack's facts beside the documents' ---------------------------- */

/* Sets "documents" on each background fact of DOSSIER: what the documents
** say of the same predicate between the same two entities (sources,
** earliest and latest date) and "agrees": false when the earliest year the
** documents give differs from the pack's start year, null when either has
** none. */
static void compare_facts(json_t *dossier, const char *self) {
    json_t *groups = json_object_get(dossier, "groups");
    size_t i, j, k;
    json_t *fact, *p, *g, *ev;
    json_array_foreach(json_object_get(dossier, "background"), i, fact) {
        const char *other = strcmp(str(fact, "subject"), self) == 0 ? str(fact, "object") : str(fact, "subject");
        const char *role = strcmp(str(fact, "subject"), self) == 0 ? "object" : "subject";
        json_t *found = NULL;
        json_array_foreach(groups, j, p) {
            if (strcmp(str(p, "predicate"), str(fact, "predicate")) != 0) continue;
            json_array_foreach(json_object_get(p, "counterparts"), k, g)
                if (str(g, "id") && other && strcmp(str(g, "id"), other) == 0 && strcmp(str(g, "role"), role) == 0)
                    found = g;
        }
        const char *earliest = NULL;
        json_array_foreach(found ? json_object_get(found, "evidence") : NULL, k, ev) {
            const char *d = str(ev, "date");
            if (d && *d && (!earliest || strcmp(d, earliest) < 0)) earliest = d;
        }
        const char *start = str(fact, "start");
        json_t *agrees = json_null();
        if (earliest && start && strlen(start) >= 4) agrees = json_boolean(strncmp(earliest, start, 4) == 0);
        json_object_set_new(fact, "documents",
                            json_pack("{s:I, s:s?, s:O?}", "sources", found ? num(found, "sources") : 0, "earliest",
                                      earliest, "latest", found ? json_object_get(found, "latest") : NULL));
        json_object_set_new(fact, "agrees", agrees);
    }
}

/* ---- the one-line description ------------------------------------------ */

/* How the pack's attributes read in a description, in this order; an
** entity id as value is shown by its name. */
static const struct {
    const char *key, *before;
} attr_words[] = {
    {"kind", ""}, {"role", ""}, {"org", "of "}, {"leader_of", "leader of "}, {"parent", "part of "},
    {"owner", "of "}, {"country", ""}, {"location", "in "}, {"hq", "headquarters "},
    {"operator", "operated by "}, {"controlled_by", "controlled by "}, {"leader", "led by "},
    {"founded", "founded "}, {"established", "established "}, {"adopted", "adopted "}, {"signed", "signed "},
    {"from", "since "}, {"to", "until "}, {"dissolved", "dissolved "},
};

static void put_value(buf *b, const gaz_pack *pack, const char *v, size_t n) {
    char id[256];
    snprintf(id, sizeof id, "%.*s", (int)n, v);
    const gaz_entity *e = memchr(v, ':', n) ? gaz_get(pack, id) : NULL;
    if (e) buf_puts(b, e->name);
    else buf_append(b, v, n);
}

/* "Secretary General of NATO, Netherlands, since 2024"; a country's is the
** organisations and frameworks the pack says it is a member of. */
static json_t *description(const gaz_pack *pack, const char *id, json_t *background) {
    const gaz_entity *e = pack ? gaz_get(pack, id) : NULL;
    if (!e) return json_null();
    buf b;
    buf_init(&b, 4096);
    buf_puts(&b, e->type);
    for (size_t i = 0; i < sizeof attr_words / sizeof attr_words[0]; i++) {
        size_t n = 0;
        const char *v = gaz_attr(e, attr_words[i].key, &n);
        if (!v || !n) continue;
        int joined = strcmp(attr_words[i].key, "org") == 0 && gaz_attr(e, "role", &(size_t){0});
        buf_puts(&b, joined ? " " : ", ");
        buf_puts(&b, attr_words[i].before);
        put_value(&b, pack, v, n);
    }
    size_t i, listed = 0;
    json_t *f;
    json_array_foreach(background, i, f) {
        if (strcmp(str(f, "predicate"), "member_of") != 0 || strcmp(str(f, "subject"), id) != 0 ||
            (str(f, "end") && *str(f, "end")) || listed == 8)
            continue;
        buf_puts(&b, listed++ ? ", " : "; member of ");
        buf_puts(&b, str(f, "object_name"));
        if (str(f, "start") && *str(f, "start")) buf_printf(&b, " (%s)", str(f, "start"));
    }
    json_t *s = b.rc == FL_OK ? json_stringn(b.data, b.len) : json_null();
    buf_release(&b);
    return s;
}

int browse_dossier(fl_db *db, const char *id, json_t *dossier, char **errmsg) {
    const gaz_pack *pack = NULL;
    gaz_default(&pack, NULL);
    json_t *ent = json_object_get(dossier, "entity");
    if (json_is_object(ent))
        json_object_set_new(ent, "description", description(pack, id, json_object_get(dossier, "background")));
    json_object_set_new(dossier, "groups", browse_group_relations(json_object_get(dossier, "relations"), id));
    compare_facts(dossier, id);
    const char *p[] = {id};
    json_t *months = NULL;
    int rc = store_rows(db, Q_ENTITY_MONTHS, p, 1, &months, errmsg);
    if (rc == FL_OK) json_object_set_new(dossier, "mentions_by_month", months);
    return rc;
}

/* ---- suggestions --------------------------------------------------------- */

#define SUGGEST_POOL 64

/* How the folded NAME starts with or holds the folded prefix Q at a word:
** 3 equal, 2 at its start, 1 at a later word, 0 not. */
static int prefix_match(const tok_key *name, const tok_key *q) {
    if (!q->n || name->n < q->n) return 0;
    if (memcmp(name->s, q->s, q->n) == 0) return name->n == q->n ? 3 : 2;
    for (const char *p = name->s; (p = strstr(p + 1, q->s)) != NULL;)
        if (p[-1] == ' ') return 1;
    return 0;
}

typedef struct suggestion {
    const char *id, *name, *type;
    char matched[TOK_KEY_MAX];
    int how, prio;
    json_int_t documents;
} suggestion;

typedef struct suggester {
    tok_key q;
    suggestion s[SUGGEST_POOL];
    size_t n;
} suggester;

/* Keeps the entity when it matches better than the worst of the pool. */
static void offer(suggester *x, const char *id, const char *name, const char *type, const char *text, size_t n,
                  int how, int prio) {
    for (size_t i = 0; i < x->n; i++)
        if (strcmp(x->s[i].id, id) == 0) {
            if (how > x->s[i].how) {
                x->s[i].how = how;
                snprintf(x->s[i].matched, sizeof x->s[i].matched, "%.*s", (int)n, text);
            }
            if (prio > x->s[i].prio) x->s[i].prio = prio;
            return;
        }
    size_t at = x->n;
    if (x->n == SUGGEST_POOL) {   /* replace the worst, if worse */
        at = 0;
        for (size_t i = 1; i < x->n; i++)
            if (x->s[i].how < x->s[at].how || (x->s[i].how == x->s[at].how && x->s[i].prio < x->s[at].prio)) at = i;
        if (x->s[at].how > how || (x->s[at].how == how && x->s[at].prio >= prio)) return;
    } else {
        x->n++;
    }
    x->s[at] = (suggestion){id, name, type, "", how, prio, 0};
    snprintf(x->s[at].matched, sizeof x->s[at].matched, "%.*s", (int)n, text);
}

static void offer_name(suggester *x, const char *id, const char *name, const char *type, const char *text,
                       size_t n, int prio) {
    tok_key k;
    tok_key_make(text, n, &k);
    int how = prefix_match(&k, &x->q);
    if (how) offer(x, id, name, type, text, n, how, prio);
}

static int by_suggestion(const void *a, const void *b) {
    const suggestion *x = a, *y = b;
    if ((x->documents > 0) != (y->documents > 0)) return y->documents > 0 ? 1 : -1;
    if (x->how != y->how) return y->how - x->how;
    if (x->documents != y->documents) return x->documents < y->documents ? 1 : -1;
    if (x->prio != y->prio) return y->prio - x->prio;
    return strcmp(x->id, y->id);
}

int fl_suggest_json(fl_db *db, const char *prefix, int limit, char **json, char **errmsg) {
    *json = NULL;
    suggester x;
    memset(&x, 0, sizeof x);
    tok_key_make(prefix, strlen(prefix), &x.q);
    if (!x.q.n) return err_set(errmsg, FL_EINVAL, "'%s': no name to suggest from", prefix);
    const gaz_pack *pack = NULL;
    gaz_default(&pack, NULL);
    for (size_t i = 0; pack && i < gaz_entity_count(pack); i++) {
        const gaz_entity *e = gaz_entity_at(pack, i);
        offer_name(&x, e->id, e->name, e->type, e->name, strlen(e->name), e->prio);
        for (const char *p = e->aliases; p && *p;) {
            size_t n = strcspn(p, "|"), t = strcspn(p, "@{");
            offer_name(&x, e->id, e->name, e->type, p, t < n ? t : n, e->prio);
            p += n + (p[n] == '|');
        }
    }
    json_t *stored = NULL;
    int rc = store_rows(db, Q_ALL_ENTITIES, NULL, 0, &stored, errmsg);
    size_t i;
    json_t *r;
    json_array_foreach(rc == FL_OK ? stored : NULL, i, r) {
        const char *name = str(r, "name");
        offer_name(&x, str(r, "id"), name, str(r, "type"), name, strlen(name), 0);
    }
    for (size_t k = 0; rc == FL_OK && k < x.n; k++) {
        json_t *rows = NULL;
        const char *p[] = {x.s[k].id};
        rc = store_rows(db, Q_ENTITY_DOCS, p, 1, &rows, errmsg);
        x.s[k].documents = num(json_array_get(rows, 0), "documents");
        json_decref(rows);
    }
    qsort(x.s, x.n, sizeof *x.s, by_suggestion);
    json_t *a = json_array();
    for (size_t k = 0; rc == FL_OK && k < x.n && (int)k < limit; k++)
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:I}", "id", x.s[k].id, "name", x.s[k].name, "type",
                                           x.s[k].type, "matched", x.s[k].matched, "documents", x.s[k].documents));
    json_decref(stored);
    if (rc != FL_OK) {
        json_decref(a);
        return rc;
    }
    return query_json(json_pack("{s:s, s:o}", "query", prefix, "suggestions", a), json, errmsg);
}

/* ---- the entities of search results ---------------------------------------- */

int fl_doc_entities_json(fl_db *db, const int64_t *ids, size_t n, int limit, char **json, char **errmsg) {
    *json = NULL;
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    json_t *res = json_object();
    int rc = FL_OK;
    for (size_t i = 0; i < n && rc == FL_OK; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)ids[i]);
        const char *p[] = {id, lim};
        json_t *rows = NULL;
        rc = store_rows(db, Q_DOC_TOP_ENTITIES, p, 2, &rows, errmsg);
        if (rc == FL_OK) json_object_set_new(res, id, rows);
    }
    if (rc != FL_OK) {
        json_decref(res);
        return rc;
    }
    return query_json(json_pack("{s:o}", "documents", res), json, errmsg);
}

/* ---- the graph ------------------------------------------------------------ */

#define GRAPH_NEIGHBOURS 12   /* the first hop's entities whose own edges a second hop adds */

static void add_node(json_t *nodes, const char *id, const char *name, const char *type, int hop) {
    if (!id || json_object_get(nodes, id)) return;
    const char *colon = strchr(id, ':');
    char t[32];
    snprintf(t, sizeof t, "%.*s", colon ? (int)(colon - id) : 0, id);
    json_object_set_new(nodes, id, json_pack("{s:s, s:s, s:s, s:i}", "id", id, "name", name ? name : id, "type",
                                             type ? type : t, "hop", hop));
}

/* Adds the edges of ID (rows of Q_GRAPH_EDGES) and their other ends. */
static int add_edges(fl_db *db, const char *id, const char *const *filters, int hop, json_t *nodes, json_t *edges,
                     json_t *seen, char **errmsg) {
    const char *p[] = {id, filters[0], filters[1], filters[2]};
    json_t *rows = NULL;
    int rc = store_rows(db, Q_GRAPH_EDGES, p, 4, &rows, errmsg);
    size_t i;
    json_t *r;
    json_array_foreach(rc == FL_OK ? rows : NULL, i, r) {
        char key[768];
        snprintf(key, sizeof key, "%s|%s|%s", str(r, "subject"), str(r, "predicate"), str(r, "object"));
        if (json_object_get(seen, key)) continue;
        json_object_set_new(seen, key, json_true());
        add_node(nodes, str(r, "subject"), str(r, "subject_name"), str(r, "subject_type"), hop);
        add_node(nodes, str(r, "object"), str(r, "object_name"), str(r, "object_type"), hop);
        json_array_append_new(edges, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "source",
                                               json_object_get(r, "subject"), "target", json_object_get(r, "object"),
                                               "predicate", json_object_get(r, "predicate"), "count",
                                               json_object_get(r, "count"), "documents",
                                               json_object_get(r, "documents"), "first", json_object_get(r, "first"),
                                               "last", json_object_get(r, "last")));
    }
    json_decref(rows);
    return rc;
}

int fl_graph_json(fl_db *db, const char *entity, int hops, const char *predicate, const char *since,
                  const char *until, char **json, char **errmsg) {
    *json = NULL;
    if (hops < 1 || hops > 2) return err_set(errmsg, FL_EINVAL, "%d: hops must be 1 or 2", hops);
    if (predicate && !vocab_find(predicate)) {
        int rc = vocab_init(NULL, errmsg);
        return rc != FL_OK ? rc : err_set(errmsg, FL_EINVAL, "%s: not a predicate of the vocabulary; "
                                          "'flank kb predicates' lists them", predicate);
    }
    char *id = NULL;
    int rc = fl_entity_id(db, entity, &id, errmsg);
    if (rc != FL_OK) return rc;
    const char *filters[] = {predicate, since, until};
    json_t *nodes = json_object(), *edges = json_array(), *seen = json_object(), *rows = NULL;
    const char *p[] = {id};
    rc = store_rows(db, Q_ENTITY, p, 1, &rows, errmsg);
    json_t *self = json_array_get(rows, 0);
    const gaz_pack *pack = NULL;
    gaz_default(&pack, NULL);
    if (rc == FL_OK && !self && !(pack && gaz_get(pack, id)))
        rc = err_set(errmsg, FL_ENOTFOUND, "%s: no such entity in the knowledge pack or the database", id);
    add_node(nodes, id, self ? str(self, "name") : NULL, self ? str(self, "type") : NULL, 0);
    json_decref(rows);
    if (rc == FL_OK) rc = add_edges(db, id, filters, 1, nodes, edges, seen, errmsg);
    if (rc == FL_OK && hops == 2) {
        /* The first hop's edges are by weight: their other ends in that order. */
        json_t *first = json_deep_copy(edges), *done = json_object();
        int n = 0;
        size_t i;
        json_t *e;
        json_array_foreach(first, i, e) {
            const char *other = strcmp(str(e, "source"), id) == 0 ? str(e, "target") : str(e, "source");
            if (json_object_get(done, other) || n == GRAPH_NEIGHBOURS || rc != FL_OK) continue;
            json_object_set_new(done, other, json_true());
            n++;
            rc = add_edges(db, other, filters, 2, nodes, edges, seen, errmsg);
        }
        json_decref(first);
        json_decref(done);
    }
    json_decref(seen);
    json_t *list = json_array();
    const char *key;
    json_t *v;
    json_object_foreach(nodes, key, v) json_array_append(list, v);
    json_decref(nodes);
    json_t *res = json_pack("{s:s, s:i, s:o, s:o}", "entity", id, "hops", hops, "nodes", list, "edges", edges);
    free(id);
    if (rc != FL_OK) {
        json_decref(res);
        return rc;
    }
    return query_json(res, json, errmsg);
}

/* ---- the overview ---------------------------------------------------------- */

int fl_overview_json(fl_db *db, char **json, char **errmsg) {
    *json = NULL;
    json_t *rows = NULL, *res = NULL;
    int rc = store_rows(db, Q_OVERVIEW, NULL, 0, &rows, errmsg);
    if (rc == FL_OK) res = json_deep_copy(json_array_get(rows, 0));
    json_decref(rows);
    const char *last = res ? str(res, "last_published") : NULL;
    char year[8] = "", month[8] = "";
    if (last && strlen(last) >= 4) snprintf(year, sizeof year, "%.4s", last);
    if (last && strlen(last) >= 7 && last[4] == '-') snprintf(month, sizeof month, "%.7s", last);
    const char *periods[][2] = {{"top_year", year}, {"top_month", month}};
    for (size_t i = 0; rc == FL_OK && i < 2; i++) {
        const char *p[] = {periods[i][1], "10"};
        json_t *top = NULL;
        if (*periods[i][1]) rc = store_rows(db, Q_TOP_ENTITIES, p, 2, &top, errmsg);
        if (rc == FL_OK)
            json_object_set_new(res, periods[i][0], json_pack("{s:s?, s:o}", "period", *periods[i][1] ? periods[i][1]
                                                              : NULL, "entities", top ? top : json_array()));
    }
    const char *lim[] = {"12"};
    if (rc == FL_OK) rc = store_rows(db, Q_LATEST_RELATIONS, lim, 1, &rows, errmsg);
    if (rc == FL_OK) {
        vocab_add_classes(rows);
        json_object_set_new(res, "latest_relations", rows);
    }
    if (rc != FL_OK) {
        json_decref(res);
        return rc;
    }
    return query_json(res, json, errmsg);
}

/* ---- the map ----------------------------------------------------------------- */

int browse_map(fl_db *db, const char *predicate, const char *subject, const char *since, const char *until,
               json_t *map, char **errmsg) {
    const char *pm[] = {since, until};
    json_t *docs = NULL;
    int rc = store_rows(db, Q_MAP_DOCS, pm, 2, &docs, errmsg);
    json_t *by_id = json_object();
    size_t i;
    json_t *r, *c;
    json_int_t total = 0;
    json_array_foreach(rc == FL_OK ? docs : NULL, i, r) {
        json_object_set(by_id, str(r, "id"), json_object_get(r, "documents"));
        total = num(r, "total");
    }
    json_array_foreach(json_object_get(map, "countries"), i, c) {
        json_t *n = json_object_get(by_id, str(c, "id"));
        json_object_set_new(c, "documents", json_integer(json_integer_value(n)));
    }
    json_decref(by_id);
    json_decref(docs);
    json_object_set_new(map, "total_documents", json_integer(total));
    if (rc != FL_OK || (!predicate && !subject)) return rc;
    const char *pr[] = {predicate, subject, since, until};
    json_t *list = NULL;
    rc = store_rows(db, Q_MAP_EVIDENCE, pr, 4, &list, errmsg);
    if (rc == FL_OK) json_object_set_new(map, "relations_list", list);
    return rc;
}
