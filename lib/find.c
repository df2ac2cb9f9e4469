/*
** find.c: entities looked up by name (fl_entities_find_json, fl_entity_id
** in flank.h): a name is matched against every name and alias of the
** knowledge pack, in any language, and the names of the entities stored
** in the database, folded as the tokenizer folds words (case and accents
** ignored). It does not own linking entities in texts (gazetteer.c).
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "flank/flank.h"
#include "gazetteer.h"
#include "query.h"
#include "store.h"
#include "tokenize.h"
#include "banned.h"

#define MAX_FOUND 50

/* How NAME (folded) matches the folded query Q: 2 equal, 1 Q is a run of
** its words, 0 not. */
static int match(const tok_key *name, const tok_key *q) {
    if (!q->n || !name->n) return 0;
    if (name->n == q->n && memcmp(name->s, q->s, q->n) == 0) return 2;
    for (const char *p = name->s; (p = strstr(p, q->s)) != NULL; p++) {
        size_t at = (size_t)(p - name->s);
        if ((at == 0 || name->s[at - 1] == ' ') && (at + q->n == name->n || name->s[at + q->n] == ' ')) return 1;
    }
    return 0;
}

typedef struct found {
    const char *id, *name, *type;
    char matched[TOK_KEY_MAX];
    int how, prio;   /* match(); 2 hand-made, 1 generated, 0 only stored */
} found;

typedef struct finder {
    tok_key q;
    found f[MAX_FOUND];
    size_t n;
} finder;

static void note(finder *x, const char *id, const char *name, const char *type, const char *text, size_t n,
                 int how, int prio) {
    for (size_t i = 0; i < x->n; i++)
        if (strcmp(x->f[i].id, id) == 0) {
            if (how > x->f[i].how) x->f[i].how = how, snprintf(x->f[i].matched, TOK_KEY_MAX, "%.*s", (int)n, text);
            return;
        }
    if (x->n == MAX_FOUND) return;
    found *f = &x->f[x->n++];
    *f = (found){id, name, type, "", how, prio};
    snprintf(f->matched, TOK_KEY_MAX, "%.*s", (int)n, text);
}

/* Every name and alias of the pack ("A|B@fr|C"; an alias ends at '@'). */
static void find_in_pack(finder *x, const gaz_pack *pack) {
    tok_key k;
    for (size_t i = 0; pack && i < gaz_entity_count(pack); i++) {
        const gaz_entity *e = gaz_entity_at(pack, i);
        tok_key_make(e->name, strlen(e->name), &k);
        int how = match(&k, &x->q);
        if (how) note(x, e->id, e->name, e->type, e->name, strlen(e->name), how, e->prio);
        for (const char *p = e->aliases; p && *p;) {
            size_t n = strcspn(p, "|"), t = strcspn(p, "@{");
            if (t > n) t = n;
            tok_key_make(p, t, &k);
            if ((how = match(&k, &x->q)) != 0) note(x, e->id, e->name, e->type, p, t, how, e->prio);
            p += n;
            if (*p == '|') p++;
        }
    }
}

/* The names of the entities stored in DB (ROWS, kept for their strings). */
static int find_in_db(finder *x, fl_db *db, json_t **rows, char **errmsg) {
    int rc = store_rows(db, Q_ALL_ENTITIES, NULL, 0, rows, errmsg);
    size_t i;
    json_t *r;
    tok_key k;
    json_array_foreach(rc == FL_OK ? *rows : NULL, i, r) {
        const char *name = json_string_value(json_object_get(r, "name"));
        tok_key_make(name, strlen(name), &k);
        int how = match(&k, &x->q);
        if (how) note(x, json_string_value(json_object_get(r, "id")), name,
                      json_string_value(json_object_get(r, "type")), name, strlen(name), how, 0);
    }
    return rc;
}

static int by_rank(const void *a, const void *b) {
    const found *x = a, *y = b;
    if (x->how != y->how) return y->how - x->how;
    if (x->prio != y->prio) return y->prio - x->prio;
    return strcmp(x->id, y->id);
}

/* Looks NAME up in the pack and DB: *x sorted, exact matches first. */
static int find(fl_db *db, const char *name, finder *x, json_t **rows, char **errmsg) {
    const gaz_pack *pack = NULL;
    memset(x, 0, sizeof *x);
    *rows = NULL;
    tok_key_make(name, strlen(name), &x->q);
    if (!x->q.n) return err_set(errmsg, FL_EINVAL, "'%s': no name to look up", name);
    gaz_default(&pack, NULL);
    find_in_pack(x, pack);
    int rc = find_in_db(x, db, rows, errmsg);
    qsort(x->f, x->n, sizeof *x->f, by_rank);
    return rc;
}

static json_int_t documents(fl_db *db, const char *id) {
    json_t *rows = NULL;
    const char *p[] = {id};
    json_int_t n = 0;
    if (store_rows(db, Q_ENTITY_DOCS, p, 1, &rows, NULL) == FL_OK)
        n = json_integer_value(json_object_get(json_array_get(rows, 0), "documents"));
    json_decref(rows);
    return n;
}

int fl_entities_find_json(fl_db *db, const char *name, char **json, char **errmsg) {
    *json = NULL;
    finder x;
    json_t *rows = NULL;
    int rc = find(db, name, &x, &rows, errmsg);
    if (rc != FL_OK) {
        json_decref(rows);
        return rc;
    }
    json_t *a = json_array();
    size_t exact = 0;
    for (size_t i = 0; i < x.n; i++) {
        exact += x.f[i].how == 2;
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:b, s:I}", "id", x.f[i].id, "name", x.f[i].name,
                                           "type", x.f[i].type, "matched", x.f[i].matched, "exact",
                                           x.f[i].how == 2, "documents", documents(db, x.f[i].id)));
    }
    json_decref(rows);
    return query_json(json_pack("{s:s, s:I, s:o}", "query", name, "exact", (json_int_t)exact, "entities", a), json,
                      errmsg);
}

/* "country:NE (Niger, country), ..." for a message, the first few of F. */
static void list_candidates(buf *b, const found *f, size_t n) {
    for (size_t i = 0; i < n && i < 8; i++)
        buf_printf(b, "%s%s (%s, %s)", i ? ", " : "", f[i].id, f[i].name, f[i].type);
    if (n > 8) buf_printf(b, ", and %zu more", n - 8);
}

int fl_entity_id(fl_db *db, const char *ref, char **id, char **errmsg) {
    *id = NULL;
    if (strchr(ref, ':')) return (*id = strdup(ref)) ? FL_OK : err_set(errmsg, FL_ENOMEM, "out of memory");
    finder x;
    json_t *rows = NULL;
    int rc = find(db, ref, &x, &rows, errmsg);
    size_t exact = 0, best = 0;
    while (exact < x.n && x.f[exact].how == 2) exact++;
    while (best < exact && x.f[best].prio == x.f[0].prio) best++;
    buf b;
    buf_init(&b, 1 << 12);
    if (rc != FL_OK) {
    } else if (best == 1) {
        if (!(*id = strdup(x.f[0].id))) rc = err_set(errmsg, FL_ENOMEM, "out of memory");
    } else if (best > 1) {
        list_candidates(&b, x.f, best);
        rc = err_set(errmsg, FL_EINVAL, "%s: %zu entities have this name: %s; give one of these ids", ref, best,
                     buf_cstr(&b));
    } else if (x.n) {
        list_candidates(&b, x.f, x.n);
        rc = err_set(errmsg, FL_ENOTFOUND, "%s: no entity has this name; names holding it: %s", ref, buf_cstr(&b));
    } else {
        rc = err_set(errmsg, FL_ENOTFOUND, "%s: no entity has this name in the knowledge pack or the database", ref);
    }
    buf_release(&b);
    json_decref(rows);
    return rc;
}
