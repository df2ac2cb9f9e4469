/*
** cmd_kb.c: `flank kb add|show|check`, the knowledge pack from the command
** line. The pack itself (format, loading, checks) is lib/gazetteer.c; this
** file parses options, prints, and copies user pack files into place.
*/
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "gazetteer.h"
#include "banned.h"

static const char usage[] =
    "usage: flank kb show [--json] ID\n"
    "       flank kb check [--json] [FILE|DIR...]\n"
    "       flank kb add [--json] FILE.tsv|DIR...\n\n"
    "The knowledge pack: entities, aliases and facts in tab-separated files\n"
    "(data/pack/SOURCES.md). 'show' prints one entity and the facts about it;\n"
    "'check' loads the pack (plus the files given) and reports bad rows with\n"
    "file and line, duplicate ids and alias clashes; 'add' checks files the\n"
    "same way and, only if the whole pack still loads, copies them into the\n"
    "user pack folder: the first of $FLANK_PACKS, else packs/ beside the\n"
    "database. A pack that fails to load leaves the previous one in use.\n";

/* The default pack paths plus EXTRA[0..n). Caller frees the array. */
static const char **paths_with(char **extra, int n, size_t *count) {
    const char *const *def = gaz_default_paths();
    size_t k = 0;
    while (def[k]) k++;
    const char **all = malloc((k + (size_t)n + 1) * sizeof *all);
    if (!all) return NULL;
    for (size_t i = 0; i < k; i++) all[i] = def[i];
    for (int i = 0; i < n; i++) all[k + (size_t)i] = extra[i];
    *count = k + (size_t)n;
    return all;
}

static int load(char **extra, int n, gaz_pack **out, char **err) {
    size_t count;
    const char **all = paths_with(extra, n, &count);
    if (!all) return FL_ENOMEM;
    int rc = gaz_load(all, count, out, err);
    free(all);
    return rc;
}

typedef struct clash_ctx {
    json_t *list;
    int json;
    size_t n;
} clash_ctx;

static void on_clash(void *ctx, const char *alias, const gaz_entity *a, const gaz_entity *b) {
    clash_ctx *c = ctx;
    c->n++;
    if (c->json)
        json_array_append_new(c->list, json_pack("{s:s,s:s,s:s}", "alias", alias, "a", a->id, "b", b->id));
    else
        printf("%s:%zu: alias \"%s\" of %s is also an alias of %s (%s:%zu)\n", b->file, b->line,
               alias, b->id, a->id, a->file, a->line);
}

static int kb_check(char **argv, int argc, int json) {
    gaz_pack *p = NULL;
    char *err = NULL;
    int rc = load(argv, argc, &p, &err);
    if (rc != FL_OK) {
        if (json) {
            json_t *o = json_pack("{s:b,s:s}", "ok", 0, "error", err ? err : fl_strerror(rc));
            json_dumpf(o, stdout, JSON_INDENT(1));
            putchar('\n');
            json_decref(o);
            fl_free(err);
            return EXIT_FAIL;
        }
        return cli_fail("kb", rc, err);
    }
    clash_ctx c = {json_array(), json, 0};
    gaz_clashes(p, &c, on_clash);
    if (json) {
        json_t *o = json_pack("{s:b,s:I,s:I,s:o}", "ok", c.n == 0, "entities",
                              (json_int_t)gaz_entity_count(p), "facts", (json_int_t)gaz_fact_count(p),
                              "clashes", c.list);
        json_dumpf(o, stdout, JSON_INDENT(1));
        putchar('\n');
        json_decref(o);
    } else {
        json_decref(c.list);
        printf("%zu entities, %zu facts, %zu alias clashes\n", gaz_entity_count(p), gaz_fact_count(p), c.n);
    }
    gaz_free(p);
    return c.n ? EXIT_FAIL : EXIT_OK;
}

static int kb_show(const char *id, int json) {
    const gaz_pack *p;
    char *err = NULL;
    int rc = gaz_default(&p, &err);
    if (rc != FL_OK) return cli_fail("kb", rc, err);
    const gaz_entity *e = gaz_get(p, id);
    if (!e) {
        cli_error(id, "no such entity in the knowledge pack");
        return EXIT_FAIL;
    }
    json_t *facts = json_array();
    for (size_t i = 0; i < gaz_fact_count(p); i++) {
        const gaz_fact *f = gaz_fact_at(p, i);
        if (strcmp(f->subject, id) != 0 && strcmp(f->object, id) != 0) continue;
        json_array_append_new(facts, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "subject", f->subject,
                                               "predicate", f->predicate, "object", f->object,
                                               "start", f->start, "end", f->end, "source", f->source));
    }
    if (json) {
        json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "id", e->id, "name", e->name, "type",
                              e->type, "aliases", e->aliases, "attrs", e->attrs, "file", e->file,
                              "facts", facts);
        json_dumpf(o, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        putchar('\n');
        json_decref(o);
        return EXIT_OK;
    }
    printf("%s  %s (%s)\n", e->id, e->name, e->type);
    if (*e->aliases) printf("aliases: %s\n", e->aliases);
    if (*e->attrs) printf("attrs:   %s\n", e->attrs);
    printf("defined: %s:%zu\n", e->file, e->line);
    size_t i;
    json_t *f;
    json_array_foreach(facts, i, f) {
        printf("fact:    %s %s %s %s%s%s  [%s]\n", json_string_value(json_object_get(f, "subject")),
               json_string_value(json_object_get(f, "predicate")),
               json_string_value(json_object_get(f, "object")),
               json_string_value(json_object_get(f, "start")),
               *json_string_value(json_object_get(f, "end")) ? "-" : "",
               json_string_value(json_object_get(f, "end")),
               json_string_value(json_object_get(f, "source")));
    }
    json_decref(facts);
    return EXIT_OK;
}

/* The folder `kb add` writes to; created when missing. */
static int user_dir(char *out, size_t n) {
    const char *env = getenv("FLANK_PACKS");
    if (env && *env) {
        const char *colon = strchr(env, ':');
        snprintf(out, n, "%.*s", (int)(colon ? (size_t)(colon - env) : strlen(env)), env);
    } else {
        const char *db = cli_db_path(NULL), *slash = strrchr(db, '/');
        if (slash) snprintf(out, n, "%.*s/packs", (int)(slash - db), db);
        else snprintf(out, n, "packs");
    }
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        cli_error(out, "%s", strerror(errno));
        return -1;
    }
    return 0;
}

static int copy_file(const char *from, const char *dir) {
    const char *base = strrchr(from, '/');
    base = base ? base + 1 : from;
    char to[4096];
    snprintf(to, sizeof to, "%s/%s", dir, base);
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    if (!in || !out) {
        cli_error(in ? to : from, "%s", strerror(errno));
        if (in) fclose(in);
        return -1;
    }
    char b[65536];
    size_t k;
    while ((k = fread(b, 1, sizeof b, in)) > 0) fwrite(b, 1, k, out);
    fclose(in);
    return fclose(out) == 0 ? 0 : -1;
}

static int kb_add(char **files, int n, int json) {
    gaz_pack *p = NULL;
    char *err = NULL, dir[4096];
    if (user_dir(dir, sizeof dir)) return EXIT_FAIL;
    int rc = load(files, n, &p, &err);
    if (rc != FL_OK) return cli_fail("kb add", rc, err);   /* nothing copied */
    gaz_free(p);
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(files[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            cli_error(files[i], "add the folder's .tsv files one by one, or list it in $FLANK_PACKS");
            return EXIT_USAGE;
        }
        if (copy_file(files[i], dir)) return EXIT_FAIL;
    }
    if (json) printf("{\"ok\": true, \"added\": %d, \"folder\": \"%s\"}\n", n, dir);
    else printf("added %d file%s to %s\n", n, n == 1 ? "" : "s", dir);
    return EXIT_OK;
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    int json = 0, k = 0;
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) return EXIT_FAIL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else args[k++] = argv[i];
    }
    int rc = EXIT_USAGE;
    if (k >= 1 && strcmp(args[0], "check") == 0) rc = kb_check(args + 1, k - 1, json);
    else if (k == 2 && strcmp(args[0], "show") == 0) rc = kb_show(args[1], json);
    else if (k >= 2 && strcmp(args[0], "add") == 0) rc = kb_add(args + 1, k - 1, json);
    else fputs(usage, stderr);
    free(args);
    return rc;
}

const command cmd_kb = {"kb", "show, check and extend the knowledge pack", usage, run};
