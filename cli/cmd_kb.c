/*
** cmd_kb.c: `flank kb add|show|check|predicates`, the knowledge pack and
** the relation vocabulary from the command line. The pack itself (format,
** loading, checks) and the vocabulary are the library's (fl_kb_* and
** fl_predicates_json in flank.h); this file parses options, prints, and
** copies user pack files into place.
*/
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "banned.h"

static const char usage[] =
    "usage: flank kb show [--json] ID\n"
    "       flank kb check [--json] [FILE|DIR...]\n"
    "       flank kb add [--json] FILE.tsv|DIR...\n"
    "       flank kb predicates [--json]\n"
    "       flank kb reject [--db PATH] [--doc DOC] [--reason TEXT] ENTITY\n\n"
    "The knowledge pack: entities, aliases and facts in tab-separated files\n"
    "(data/pack/SOURCES.md). 'show' prints one entity and the facts about it;\n"
    "'check' loads the pack (plus the files given) and reports bad rows with\n"
    "file and line, duplicate ids and alias clashes; 'add' checks files the\n"
    "same way and, only if the whole pack still loads, copies them into the\n"
    "user pack folder: the first of $FLANK_PACKS, else packs/ beside the\n"
    "database. A pack that fails to load leaves the previous one in use.\n"
    "'predicates' lists the relation vocabulary (data/patterns/cameo.tsv):\n"
    "each predicate with its CAMEO code, PLOVER event type and meaning; a\n"
    "fact whose predicate is not there fails 'check'.\n"
    "'reject' records there (rejections.txt) that ENTITY (an id, or a name\n"
    "one entity has) must not be linked: anywhere, or with --doc only in that\n"
    "document (id or sha256 prefix). After 'add' or 'reject', 'flank relink'\n"
    "applies the change to the documents already stored.\n";

static void print_check(json_t *r) {
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(r, "clashes"), i, c)
        printf("%s:%lld: alias \"%s\" of %s is also an alias of %s (%s:%lld)\n",
               json_string_value(json_object_get(c, "file")), json_integer_value(json_object_get(c, "line")),
               json_string_value(json_object_get(c, "alias")), json_string_value(json_object_get(c, "id")),
               json_string_value(json_object_get(c, "also_id")),
               json_string_value(json_object_get(c, "also_file")),
               json_integer_value(json_object_get(c, "also_line")));
    json_array_foreach(json_object_get(r, "unknown_predicates"), i, c)
        printf("%s:%lld: predicate %s is not in the vocabulary ('flank kb predicates')\n",
               json_string_value(json_object_get(c, "file")), json_integer_value(json_object_get(c, "line")),
               json_string_value(json_object_get(c, "predicate")));
    printf("%lld entities, %lld facts, %zu alias clashes, %zu unknown predicates\n",
           json_integer_value(json_object_get(r, "entities")), json_integer_value(json_object_get(r, "facts")),
           json_array_size(json_object_get(r, "clashes")), json_array_size(json_object_get(r, "unknown_predicates")));
}

/* Exit status: clashes fail the check, so scripts can gate on it. */
static int kb_check(char **files, int n, int json) {
    char *out = NULL, *err = NULL;
    int rc = fl_kb_check_json((const char *const *)files, (size_t)n, &out, &err);
    json_t *answer = rc == FL_OK ? json_loads(out, 0, NULL) : NULL;
    int clean = json_is_true(json_object_get(answer, "ok"));
    json_decref(answer);
    int status = cli_answer(rc, out, err, json, print_check);
    return status == EXIT_OK && !clean ? EXIT_FAIL : status;
}

static const char *field(json_t *o, const char *key) {
    const char *v = json_string_value(json_object_get(o, key));
    return v ? v : "";
}

static void print_entity(json_t *e) {
    printf("%s  %s (%s)\n", field(e, "id"), field(e, "name"), field(e, "type"));
    if (*field(e, "aliases")) printf("aliases: %s\n", field(e, "aliases"));
    if (*field(e, "attrs")) printf("attrs:   %s\n", field(e, "attrs"));
    printf("defined: %s:%lld\n", field(e, "file"), json_integer_value(json_object_get(e, "line")));
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(e, "facts"), i, f)
        printf("fact:    %s %s %s %s%s%s  [%s]\n", field(f, "subject"), field(f, "predicate"), field(f, "object"),
               field(f, "start"), *field(f, "end") ? "-" : "", field(f, "end"), field(f, "source"));
}

/* A class, or "-" where the vocabulary has none (JSON null). */
static const char *class_of(json_t *p, const char *key) {
    const char *v = json_string_value(json_object_get(p, key));
    return v ? v : "-";
}

static void print_predicates(json_t *r) {
    size_t i;
    json_t *p;
    printf("%-18s %-5s %-10s %s\n", "predicate", "cameo", "plover", "meaning");
    json_array_foreach(json_object_get(r, "predicates"), i, p)
        printf("%-18s %-5s %-10s %s\n", field(p, "name"), class_of(p, "cameo"), class_of(p, "plover"),
               field(p, "meaning"));
}

static int kb_predicates(int json) {
    char *out = NULL, *err = NULL;
    int rc = fl_predicates_json(&out, &err);
    return cli_answer(rc, out, err, json, print_predicates);
}

static int kb_show(const char *id, int json) {
    char *out = NULL, *err = NULL;
    int rc = fl_kb_entity_json(id, &out, &err);
    return cli_answer(rc, out, err, json, print_entity);
}

/* Creates PATH and its missing parents (mkdir -p); says why not. */
static int make_dirs(char *path) {
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return 0;
        cli_error(path, "not a folder: the user pack folder must be one");
        return -1;
    }
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0') continue;
        char c = *p;
        *p = '\0';
        int failed = mkdir(path, 0777) != 0 && errno != EEXIST;
        *p = c;
        if (failed) {
            cli_error(path, "cannot create the user pack folder: %s", strerror(errno));
            return -1;
        }
        if (!c) break;
    }
    fprintf(stderr, "flank: %s: created the user pack folder\n", path);
    return 0;
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
    return make_dirs(out);
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

/* Copies FILES into the user pack folder only when the whole pack still
** loads with them; a refused file leaves the folder as it was. */
static int kb_add(char **files, int n, int json) {
    char *out = NULL, *err = NULL, dir[4096];
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(files[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            cli_error(files[i], "add the folder's .tsv files one by one, or list it in $FLANK_PACKS");
            return EXIT_USAGE;
        }
    }
    int rc = fl_kb_check_json((const char *const *)files, (size_t)n, &out, &err);
    fl_free(out);
    if (rc != FL_OK) return cli_fail("kb add", rc, err);   /* nothing copied */
    if (user_dir(dir, sizeof dir)) return EXIT_FAIL;
    for (int i = 0; i < n; i++)
        if (copy_file(files[i], dir)) return EXIT_FAIL;
    if (json) {
        json_t *o = json_pack("{s:b, s:i, s:s}", "ok", 1, "added", n, "folder", dir);
        json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        putchar('\n');
        json_decref(o);
    } else {
        printf("added %d file%s to %s\n", n, n == 1 ? "" : "s", dir);
        printf("new documents are linked with it; 'flank relink' links the documents already stored\n");
    }
    return EXIT_OK;
}

/* The sha256 of stored document REF (id or prefix), into SHA. */
static int doc_sha(fl_db *db, const char *ref, char sha[65]) {
    char *out = NULL, *err = NULL;
    int rc = fl_show_json(db, ref, &out, &err);
    if (rc != FL_OK) return cli_fail(ref, rc, err);
    json_t *doc = json_loads(out, 0, NULL);
    snprintf(sha, 65, "%s", field(doc, "sha256"));
    json_decref(doc);
    fl_free(out);
    return EXIT_OK;
}

/* The rejection of ENTITY (everywhere, or in document DOC) in the user
** pack folder. */
static int kb_reject(const char *db_opt, const char *entity, const char *doc, const char *reason) {
    fl_db *db = cli_open_db(db_opt);
    if (!db) return EXIT_FAIL;
    char *id = NULL, *err = NULL, sha[65] = "", dir[4096];
    int rc = fl_entity_id(db, entity, &id, &err), status = EXIT_OK;
    if (rc != FL_OK) status = cli_fail(NULL, rc, err);
    if (status == EXIT_OK && doc) status = doc_sha(db, doc, sha);
    fl_db_close(db);
    if (status == EXIT_OK && user_dir(dir, sizeof dir)) status = EXIT_FAIL;
    if (status == EXIT_OK && (rc = fl_kb_reject(dir, id, doc ? sha : NULL, reason, &err)) != FL_OK)
        status = cli_fail(NULL, rc, err);
    if (status == EXIT_OK) {
        printf("rejected %s%s%s in %s/rejections.txt\n", id, doc ? " in document " : "", doc ? doc : "", dir);
        printf("new documents are read without it; 'flank relink' removes it from the documents already stored\n");
    }
    fl_free(id);
    return status;
}

static int run(int argc, char **argv) {
    if (cli_wants_help(argc, argv, usage)) return EXIT_OK;
    int json = 0, k = 0;
    const char *db_opt = NULL, *doc = NULL, *reason = NULL;
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) return EXIT_FAIL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db_opt = argv[++i];
        else if (strcmp(argv[i], "--doc") == 0 && i + 1 < argc) doc = argv[++i];
        else if (strcmp(argv[i], "--reason") == 0 && i + 1 < argc) reason = argv[++i];
        else args[k++] = argv[i];
    }
    int rc = EXIT_USAGE;
    if (k >= 1 && strcmp(args[0], "check") == 0) rc = kb_check(args + 1, k - 1, json);
    else if (k == 2 && strcmp(args[0], "show") == 0) rc = kb_show(args[1], json);
    else if (k >= 2 && strcmp(args[0], "add") == 0) rc = kb_add(args + 1, k - 1, json);
    else if (k == 1 && strcmp(args[0], "predicates") == 0) rc = kb_predicates(json);
    else if (k == 2 && strcmp(args[0], "reject") == 0) rc = kb_reject(db_opt, args[1], doc, reason);
    else fputs(usage, stderr);
    free(args);
    return rc;
}

const command cmd_kb = {"kb", "show, check and extend the knowledge pack; list the predicates", usage, run};
