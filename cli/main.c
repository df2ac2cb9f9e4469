/*
** main.c: the flank command-line tool. It owns the command table and the
** helpers every command shares; each command lives in cli/cmd_NAME.c.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "banned.h"

static const command *const commands[] = {
    &cmd_extract, &cmd_ingest, &cmd_search, &cmd_show, &cmd_entities, &cmd_dossier,
    &cmd_timeline, &cmd_claims, &cmd_export, &cmd_import, &cmd_kb, &cmd_relink, &cmd_check, &cmd_backup,
    &cmd_delete, &cmd_serve, &cmd_parse, &cmd_feed, &cmd_watch, &cmd_alert, &cmd_alerts,
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* The length of the control character at P (C0 but KEEP, DEL, or C1 as
** UTF-8), or 0: what a terminal would obey instead of showing. */
static size_t control_at(const char *p, const char *keep) {
    unsigned char c = (unsigned char)p[0];
    if ((c < 0x20 && !(c && strchr(keep, c))) || c == 0x7f) return c ? 1 : 0;
    return c == 0xc2 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9f ? 2 : 0;
}

/* S with its control characters but KEEP written as \xHH (\u00HH for
** C1), as a new string; NULL when S has none (or out of memory). */
static char *escape_controls(const char *s, const char *keep) {
    size_t n = 0, extra = 0;
    for (; s[n]; n++)
        if (control_at(s + n, keep)) extra += 6;
    if (!extra) return NULL;
    char *out = malloc(n + extra + 1), *o = out;
    for (size_t i = 0, k; out && i < n; i += k ? k : 1) {
        if ((k = control_at(s + i, keep)) == 1) o += snprintf(o, 7, "\\x%02x", (unsigned char)s[i]);
        else if (k == 2) o += snprintf(o, 7, "\\u00%02x", (unsigned char)s[i + 1]);
        else *o++ = s[i];
    }
    if (out) *o = '\0';
    return out;
}

/* Every string in V with its control characters escaped (line breaks and
** tabs kept): titles, authors and file names reach no terminal raw. */
static void escape_json(json_t *v) {
    const char *key;
    json_t *item;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, key, item) {
            char *e = json_is_string(item) ? escape_controls(json_string_value(item), "\n\t") : NULL;
            if (e) json_object_set_new(v, key, json_string(e));
            else escape_json(item);
            free(e);
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, item) {
            char *e = json_is_string(item) ? escape_controls(json_string_value(item), "\n\t") : NULL;
            if (e) json_array_set_new(v, i, json_string(e));
            else escape_json(item);
            free(e);
        }
    }
}

void cli_error(const char *subject, const char *fmt, ...) {
    char msg[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *s = subject ? escape_controls(subject, "") : NULL, *m = escape_controls(msg, "");
    fprintf(stderr, "flank: ");
    if (subject) fprintf(stderr, "%s: ", s ? s : subject);
    fprintf(stderr, "%s\n", m ? m : msg);
    free(s);
    free(m);
}

int cli_fail(const char *subject, int rc, char *errmsg) {
    cli_error(subject, "%s", errmsg ? errmsg : fl_strerror(rc));
    fl_free(errmsg);
    return EXIT_FAIL;
}

static fl_db *open_db(const char *db_opt, int mode) {
    fl_db *db = NULL;
    char *errmsg = NULL;
    /* The user pack folder is packs/ beside the database (gazetteer.h),
    ** the one --db names too. */
    if (db_opt) setenv("FLANK_DB", db_opt, 1);
    if (fl_db_open_mode(cli_db_path(db_opt), mode, &db, &errmsg) != FL_OK) {
        cli_fail(NULL, FL_EDB, errmsg);
        return NULL;
    }
    return db;
}

fl_db *cli_open_db(const char *db_opt) { return open_db(db_opt, FL_DB_WRITE); }

fl_db *cli_open_db_read(const char *db_opt) { return open_db(db_opt, FL_DB_READ); }

int cli_answer(int rc, char *out, char *errmsg, int json, void (*render)(json_t *result)) {
    if (rc != FL_OK) return cli_fail(NULL, rc, errmsg);
    if (json) {
        printf("%s\n", out);
    } else {
        json_t *result = json_loads(out, 0, NULL);
        escape_json(result);
        if (result) render(result);
        json_decref(result);
    }
    fl_free(out);
    return EXIT_OK;
}

void cli_print_source(const json_t *o) {
    const char *title = json_string_value(json_object_get(o, "title"));
    const char *publisher = json_string_value(json_object_get(o, "publisher"));
    const char *published = json_string_value(json_object_get(o, "published"));
    json_t *id = json_object_get(o, "doc_id");
    printf("%s", title && *title ? title : "(untitled)");
    if (publisher && *publisher) printf(", %s", publisher);
    if (published && *published) printf(", %s", published);
    printf(" [doc %lld]", json_integer_value(id ? id : json_object_get(o, "id")));
}

void cli_print_claim(const json_t *c) {
    const char *speaker = json_string_value(json_object_get(c, "speaker_name"));
    if (!speaker) speaker = json_string_value(json_object_get(c, "speaker"));
    printf("  [%s%s%s] \"%s\"\n", json_string_value(json_object_get(c, "kind")), speaker ? ", said by " : "",
           speaker ? speaker : "", json_string_value(json_object_get(c, "text")));
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(c, "about"), i, a)
        printf("%s%s", i ? ", " : "    about: ", json_string_value(json_object_get(a, "name")));
    if (json_array_size(json_object_get(c, "about"))) putchar('\n');
    printf("    ");
    cli_print_source(c);
    putchar('\n');
}

const char *cli_db_path(const char *opt) {
    if (opt) return opt;
    const char *env = getenv("FLANK_DB");
    return env && *env ? env : "flank.db";
}

int cli_format_option(const char *arg, const char **format) {
    static const char *const names[] = {"html", "markdown", "text"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strncmp(arg, "--", 2) == 0 && strcmp(arg + 2, names[i]) == 0) {
            *format = names[i];
            return 1;
        }
    return 0;
}

int cli_wants_help(int argc, char **argv, const char *usage) {
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) break;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage, stdout);
            return 1;
        }
    }
    return 0;
}

int cli_count(const char *opt, const char *value, int *out) {
    char *end;
    long v = strtol(value, &end, 10);
    if (*value == '\0' || *end || v < 0 || v > 100000) {
        cli_error(opt, "wants a number from 0 to 100000, not '%s'", value);
        return -1;
    }
    *out = (int)v;
    return 0;
}

void cli_classes(json_t *row, char *out, size_t n) {
    const char *cameo = json_string_value(json_object_get(row, "cameo"));
    const char *plover = json_string_value(json_object_get(row, "plover"));
    if (!cameo && !plover) snprintf(out, n, "%s", "");
    else if (!cameo) snprintf(out, n, "  [PLOVER %s]", plover);
    else if (!plover) snprintf(out, n, "  [CAMEO %s]", cameo);
    else snprintf(out, n, "  [CAMEO %s, PLOVER %s]", cameo, plover);
}

int cli_check_date(const char *date) {
    static const char shape[] = "dddd-dd-dd";
    size_t n = strlen(date);
    int ok = n == 4 || n == 7 || n == 10;
    for (size_t i = 0; ok && i < n; i++)
        ok = shape[i] == 'd' ? date[i] >= '0' && date[i] <= '9' : date[i] == '-';
    if (!ok) cli_error(date, "not a date; write 2024, 2024-07 or 2024-07-01");
    return ok ? 0 : -1;
}

static void usage(FILE *out) {
    fprintf(out,
            "usage: flank COMMAND [OPTIONS] [ARGS]\n\n"
            "flank turns reporting on NATO's southern neighbourhood into a\n"
            "searchable, sourced knowledge base.\n\ncommands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(out, "\n'flank COMMAND --help' tells more. The database is ./flank.db\n"
                 "unless --db PATH or $FLANK_DB says otherwise.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("flank %s\n", FL_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i]->name) == 0)
            return commands[i]->run(argc - 1, argv + 1);
    cli_error(argv[1], "no such command; 'flank --help' lists them");
    return EXIT_USAGE;
}
