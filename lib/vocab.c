/*
** vocab.c: the relation vocabulary (see vocab.h): reads and checks
** data/patterns/cameo.tsv, answers lookups by name, and lists it for the
** front ends (fl_predicates_json). Which predicates exist, what they mean
** and how they export is the table's; this file names none.
*/
#include "vocab.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "flank/flank.h"
#include "patfile.h"
#include "query.h"

#include "banned.h"

#define N_FIELDS 5

static struct {
    vocab_pred *p;
    size_t n;
} T;

/* A predicate name is a lower-case word with underscores ("met_with"). */
static int name_ok(const char *s, size_t n) {
    if (n == 0 || n > 40) return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_')) return 0;
    return 1;
}

static int add_row(const char *const *f, const size_t *fn) {
    vocab_pred *np = realloc(T.p, (T.n + 1) * sizeof *np);
    if (!np) return FL_ENOMEM;
    T.p = np;
    char *s[N_FIELDS];
    for (int k = 0; k < N_FIELDS; k++) s[k] = strndup(f[k], fn[k]);
    T.p[T.n++] = (vocab_pred){s[0], s[1], s[2], s[3], s[4]};
    for (int k = 0; k < N_FIELDS; k++)
        if (!s[k]) return FL_ENOMEM;
    return FL_OK;
}

static int load(const char *datadir, char **errmsg) {
    buf b;
    buf_init(&b, BUF_NO_LIMIT);
    int rc = pat_read(datadir, "cameo.tsv", &b, errmsg);
    const char *p = b.data, *end = b.data + b.len, *line, *why = NULL;
    size_t len;
    int lineno = 0, header = 1;
    while (rc == FL_OK && pat_line(&p, end, &line, &len, &lineno)) {
        if (header) {                  /* the column names */
            header = 0;
            continue;
        }
        const char *q = line, *e = line + len, *f[N_FIELDS];
        size_t fn[N_FIELDS];
        for (int k = 0; k < N_FIELDS && !why; k++)
            if (!pat_field(&q, e, '\t', &f[k], &fn[k]) || !fn[k])
                why = "needs 5 tab-separated fields: predicate, cameo, cameo_name, plover, meaning";
        if (!why && !name_ok(f[0], fn[0])) why = "a predicate is a lower-case word such as met_with";
        for (size_t i = 0; !why && i < T.n; i++)
            if (strlen(T.p[i].name) == fn[0] && memcmp(T.p[i].name, f[0], fn[0]) == 0)
                why = "predicate listed twice";
        if (why) rc = FL_EPACK;
        else rc = add_row(f, fn);
    }
    if (rc == FL_OK && T.n == 0) rc = FL_EPACK, why = "no predicates";
    if (rc && b.data) err_set(errmsg, rc, "cameo.tsv:%d: %s", lineno, rc == FL_ENOMEM ? "out of memory" : why);
    buf_release(&b);
    return rc;
}

static pat_once loader = PAT_ONCE_INIT(load, "cameo.tsv: cannot load");

static void load_once(void) { pat_once_run(&loader); }

int vocab_init(const char *datadir, char **errmsg) { return pat_init(&loader, load_once, datadir, errmsg); }

size_t vocab_count(void) { return vocab_init(NULL, NULL) == FL_OK ? T.n : 0; }

const vocab_pred *vocab_at(size_t i) { return i < vocab_count() ? &T.p[i] : NULL; }

const vocab_pred *vocab_find(const char *name) {
    for (size_t i = 0; name && i < vocab_count(); i++)
        if (strcmp(T.p[i].name, name) == 0) return &T.p[i];
    return NULL;
}

/* "-" in the table is JSON null. */
static json_t *class_json(const char *s) { return strcmp(s, "-") == 0 ? json_null() : json_string(s); }

void vocab_add_classes(json_t *rows) {
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        const vocab_pred *p = vocab_find(json_string_value(json_object_get(row, "predicate")));
        json_object_set_new(row, "cameo", p ? class_json(p->cameo) : json_null());
        json_object_set_new(row, "plover", p ? class_json(p->plover) : json_null());
    }
}

int fl_predicates_json(char **json, char **errmsg) {
    *json = NULL;
    int rc = vocab_init(NULL, errmsg);
    if (rc != FL_OK) return rc;
    json_t *list = json_array();
    for (size_t i = 0; i < T.n; i++) {
        const vocab_pred *p = &T.p[i];
        json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:o, s:o}", "name", p->name, "meaning", p->meaning,
                                              "cameo", class_json(p->cameo), "cameo_name", class_json(p->cameo_name),
                                              "plover", class_json(p->plover)));
    }
    return query_json(json_pack("{s:o}", "predicates", list), json, errmsg);
}
