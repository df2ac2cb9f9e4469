/*
** export_brief.c: `flank export --format md` and `--format html`: what
** the filters select (an entity's dossier with --entity, a query's results
** with --query) as a brief to read and paste into a report: the entity's
** profile and background from the pack, the facts (relations grouped by
** subject, predicate, object and modality, each with up to three quoted
** sentences), the claims, and the numbered sources they cite (title,
** publisher, date, URL). Unlike the other formats a brief is gathered in
** memory before it is written: it is meant for an entity or a query, a
** few hundred facts, not for a whole database.
*/
#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "banned.h"

/* Sentences quoted under one fact; the others are only cited. */
#define QUOTES_PER_FACT 3

typedef struct brief {
    int html;
    json_t *facts, *order;       /* fact key -> {row, quotes, refs}; keys in first-seen order */
    json_t *claims;              /* claim rows with "ref" */
    json_t *sources, *numbers;   /* source rows in citation order; sha256 -> number */
} brief;

/* ---- gathering ---------------------------------------------------------------- */

/* The number of ROW's document among the sources, given on first citation. */
static json_int_t cite(brief *b, const json_t *row) {
    const char *sha = export_str(row, "doc_sha256");
    json_t *n = json_object_get(b->numbers, sha);
    if (n) return json_integer_value(n);
    json_int_t k = (json_int_t)json_array_size(b->sources) + 1;
    json_object_set_new(b->numbers, sha, json_integer(k));
    json_array_append_new(b->sources,
                          json_pack("{s:O?, s:O?, s:O?, s:O?, s:s}", "title", json_object_get(row, "doc_title"),
                                    "publisher", json_object_get(row, "doc_publisher"), "published",
                                    json_object_get(row, "doc_published"), "url", json_object_get(row, "doc_url"),
                                    "sha256", sha));
    return k;
}

static void gather_relation(export_run *x, json_t *row) {
    brief *b = x->state;
    char key[1024];
    snprintf(key, sizeof key, "%s\x1f%s\x1f%s\x1f%s", export_str(row, "subject"), export_str(row, "predicate"),
             export_str(row, "object") ? export_str(row, "object") : "", export_str(row, "modality"));
    json_t *fact = json_object_get(b->facts, key);
    if (!fact) {
        fact = json_pack("{s:O, s:s, s:[], s:[]}", "row", row, "key", key, "quotes", "refs");
        json_object_set_new(b->facts, key, fact);
        json_array_append_new(b->order, json_string(key));
    }
    const char *date = export_str(row, "date"), *first = export_str(fact, "first"), *last = export_str(fact, "last");
    if (date && (!first || strcmp(date, first) < 0)) json_object_set_new(fact, "first", json_string(date));
    if (date && (!last || strcmp(date, last) > 0)) json_object_set_new(fact, "last", json_string(date));
    json_int_t n = cite(b, row);
    json_t *quotes = json_object_get(fact, "quotes"), *refs = json_object_get(fact, "refs");
    if (json_array_size(quotes) < QUOTES_PER_FACT)
        json_array_append_new(quotes, json_pack("{s:O, s:I}", "sentence", json_object_get(row, "sentence"), "ref", n));
    size_t i;
    json_t *r;
    json_array_foreach(refs, i, r) if (json_integer_value(r) == n) return;
    json_array_append_new(refs, json_integer(n));
}

static void gather_claim(export_run *x, json_t *row) {
    brief *b = x->state;
    json_t *c = json_deep_copy(row);
    json_object_set_new(c, "ref", json_integer(cite(b, row)));
    json_array_append_new(b->claims, c);
}

/* Facts by predicate, then most cited first, then by subject and object. */
static int fact_cmp(const void *a, const void *b) {
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int c = strcmp(export_str(json_object_get(x, "row"), "predicate"),
                   export_str(json_object_get(y, "row"), "predicate"));
    if (c) return c;
    size_t nx = json_array_size(json_object_get(x, "refs")), ny = json_array_size(json_object_get(y, "refs"));
    if (nx != ny) return nx < ny ? 1 : -1;
    return strcmp(export_str(x, "key"), export_str(y, "key"));
}

/* ---- writing: Markdown or HTML -------------------------------------------------- */

/* Text: HTML-escaped, or with Markdown's markup characters escaped. */
static void text(export_run *x, const char *s) {
    brief *b = x->state;
    if (!s) return;
    if (b->html) {
        export_xml_text(x, s);
        return;
    }
    const char *run = s;
    for (; *s; s++) {
        if (!strchr("\\`*_[]<>#|", *s)) continue;
        export_put(x, run, (size_t)(s - run));
        export_put(x, "\\", 1);
        export_put(x, s, 1);
        run = s + 1;
    }
    export_put(x, run, (size_t)(s - run));
}

static void heading(export_run *x, int level, const char *s) {
    brief *b = x->state;
    if (b->html) export_printf(x, "<h%d>", level);
    else export_printf(x, "%s%.*s ", level > 1 ? "\n" : "", level, "######");
    text(x, s);
    if (b->html) export_printf(x, "</h%d>\n", level);
    else export_puts(x, "\n\n");
}

/* A predicate in words: "operates_base" -> "operates base". */
static void predicate_words(export_run *x, const char *p) {
    for (const char *s = p; s && *s; s++) export_put(x, *s == '_' ? " " : s, 1);
}

static void strong(export_run *x, const char *s) {
    brief *b = x->state;
    export_puts(x, b->html ? "<strong>" : "**");
    text(x, s);
    export_puts(x, b->html ? "</strong>" : "**");
}

static void ref(export_run *x, json_int_t n) {
    brief *b = x->state;
    if (b->html) export_printf(x, " <a href=\"#s%" JSON_INTEGER_FORMAT "\">[%" JSON_INTEGER_FORMAT "]</a>", n, n);
    else export_printf(x, " [%" JSON_INTEGER_FORMAT "]", n);
}

static void write_fact(export_run *x, const json_t *fact) {
    brief *b = x->state;
    const json_t *row = json_object_get(fact, "row");
    const char *object = export_str(row, "object_name") ? export_str(row, "object_name") : export_str(row, "object");
    export_puts(x, b->html ? "<li>" : "- ");
    strong(x, export_str(row, "subject_name") ? export_str(row, "subject_name") : export_str(row, "subject"));
    export_puts(x, " ");
    predicate_words(x, export_str(row, "predicate"));
    if (object) {
        export_puts(x, " ");
        strong(x, object);
    }
    const char *first = export_str(fact, "first"), *last = export_str(fact, "last");
    if (first) {
        export_puts(x, ", ");
        text(x, first);
        if (strcmp(first, last) != 0) {
            export_puts(x, " to ");
            text(x, last);
        }
    }
    if (strcmp(export_str(row, "modality"), "asserted") != 0) {
        export_puts(x, " (");
        text(x, export_str(row, "modality"));
        export_puts(x, ")");
    }
    export_printf(x, ": %zu source%s", json_array_size(json_object_get(fact, "refs")),
                  json_array_size(json_object_get(fact, "refs")) == 1 ? "" : "s");
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(fact, "refs"), i, r) ref(x, json_integer_value(r));
    json_array_foreach(json_object_get(fact, "quotes"), i, r) {
        export_puts(x, b->html ? "<br><q>" : "\n  > ");
        text(x, export_str(r, "sentence"));
        export_puts(x, b->html ? "</q>" : "");
        ref(x, export_int(r, "ref"));
    }
    export_puts(x, b->html ? "</li>\n" : "\n");
}

static void write_claim(export_run *x, const json_t *c) {
    brief *b = x->state;
    export_puts(x, b->html ? "<li>" : "- ");
    const char *kind = export_str(c, "kind"), *speaker = export_str(c, "speaker_name");
    char k[32];
    snprintf(k, sizeof k, "%s", kind);
    k[0] = (char)(k[0] >= 'a' && k[0] <= 'z' ? k[0] - 'a' + 'A' : k[0]);
    strong(x, k);
    if (speaker) {
        export_puts(x, " by ");
        text(x, speaker);
    }
    export_puts(x, b->html ? ": <q>" : ": “");
    text(x, export_str(c, "text"));
    export_puts(x, b->html ? "</q>" : "”");
    ref(x, export_int(c, "ref"));
    export_puts(x, b->html ? "</li>\n" : "\n");
}

static void write_source(export_run *x, size_t i, const json_t *s) {
    brief *b = x->state;
    if (b->html) export_printf(x, "<li id=\"s%zu\">", i + 1);
    else export_printf(x, "%zu. ", i + 1);
    const char *title = export_str(s, "title");
    text(x, title ? title : "(untitled)");
    const char *parts[] = {export_str(s, "publisher"), export_str(s, "published")};
    for (size_t k = 0; k < 2; k++)
        if (parts[k]) {
            export_puts(x, ", ");
            text(x, parts[k]);
        }
    const char *url = export_str(s, "url");
    if (url && b->html) {
        export_puts(x, ", <a href=\"");
        export_xml_text(x, url);
        export_puts(x, "\">");
        export_xml_text(x, url);
        export_puts(x, "</a>");
    } else if (url) {
        export_puts(x, ", <");
        export_puts(x, url);
        export_puts(x, ">");
    }
    export_printf(x, b->html ? " <small>sha256 %.12s</small></li>\n" : " (sha256 %.12s)\n", export_str(s, "sha256"));
}

/* What the brief covers, in words. */
static void scope(export_run *x) {
    const fl_export_opts *o = x->opts;
    brief *b = x->state;
    export_puts(x, b->html ? "<p class=\"scope\">" : "");
    export_puts(x, "Relations and claims from the stored documents");
    const char *labels[] = {" naming ", " of predicate ", " from ", " until ", " in documents matching "};
    const char *values[] = {x->filter.entity, o->predicate, o->since, o->until, o->query};
    for (size_t i = 0; i < 5; i++)
        if (values[i]) {
            export_puts(x, labels[i]);
            text(x, values[i]);
        }
    export_puts(x, ", exported by flank " FL_VERSION ".");
    export_puts(x, b->html ? "</p>\n" : "\n\n");
}

/* The entity's profile and background facts (with --entity), from its
** dossier. */
static void profile(export_run *x, json_t *d) {
    brief *b = x->state;
    const json_t *e = json_object_get(d, "entity");
    const char *key;
    json_t *v;
    export_puts(x, b->html ? "<p>" : "");
    text(x, export_str(e, "type"));
    json_object_foreach(json_object_get(e, "attributes"), key, v) {
        if (!json_is_string(v) || strcmp(key, "origin") == 0 || strcmp(key, "src") == 0) continue;
        export_puts(x, "; ");
        text(x, key);
        export_puts(x, " ");
        text(x, json_string_value(v));
    }
    export_puts(x, b->html ? "</p>\n" : "\n");
    size_t i;
    json_t *f;
    if (json_array_size(json_object_get(d, "background"))) heading(x, 2, "Background (knowledge pack)");
    if (b->html && json_array_size(json_object_get(d, "background"))) export_puts(x, "<ul>\n");
    json_array_foreach(json_object_get(d, "background"), i, f) {
        export_puts(x, b->html ? "<li>" : "- ");
        text(x, export_str(f, "subject"));
        export_puts(x, " ");
        predicate_words(x, export_str(f, "predicate"));
        export_puts(x, " ");
        text(x, export_str(f, "object"));
        if (export_str(f, "start") && *export_str(f, "start")) {
            export_puts(x, " (from ");
            text(x, export_str(f, "start"));
            export_puts(x, ")");
        }
        if (export_str(f, "source") && *export_str(f, "source")) {
            export_puts(x, ", source: ");
            text(x, export_str(f, "source"));
        }
        export_puts(x, b->html ? "</li>\n" : "\n");
    }
    if (b->html && json_array_size(json_object_get(d, "background"))) export_puts(x, "</ul>\n");
}

static void list_open(export_run *x, const char *tag) {
    if (((brief *)x->state)->html) export_printf(x, "<%s>\n", tag);
}

static void list_close(export_run *x, const char *tag) {
    if (((brief *)x->state)->html) export_printf(x, "</%s>\n", tag);
}

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
static const char html_style[] =
    "</title>\n<style>\nbody{font:16px/1.5 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}\n"
    "h1,h2{font-family:system-ui,sans-serif}q{font-style:italic}.scope{color:#555}\n"
    "li{margin:.4em 0}small{color:#777}\n</style>\n</head>\n<body>\n";

static void write_brief(export_run *x, json_t *dossier) {
    brief *b = x->state;
    const json_t *e = json_object_get(dossier, "entity");
    buf title;
    buf_init(&title, BUF_NO_LIMIT);
    buf_puts(&title, "Brief: ");
    if (e) buf_printf(&title, "%s (%s)", export_str(e, "name"), export_str(e, "id"));
    else buf_puts(&title, x->opts->query ? x->opts->query : "relations and claims");
    if (b->html) {
        export_puts(x, html_head);
        export_xml_text(x, buf_cstr(&title));
        export_puts(x, html_style);
    }
    heading(x, 1, buf_cstr(&title));
    buf_release(&title);
    scope(x);
    if (e) profile(x, dossier);
    size_t n = json_array_size(b->order);
    json_t **facts = malloc((n ? n : 1) * sizeof *facts);
    if (!facts) {
        export_fail(x, FL_ENOMEM, "export: out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++)
        facts[i] = json_object_get(b->facts, json_string_value(json_array_get(b->order, i)));
    qsort(facts, n, sizeof *facts, fact_cmp);
    heading(x, 2, "Facts");
    if (!n) export_puts(x, b->html ? "<p>None found.</p>\n" : "None found.\n");
    list_open(x, "ul");
    for (size_t i = 0; i < n; i++) write_fact(x, facts[i]);
    list_close(x, "ul");
    free(facts);
    size_t i;
    json_t *v;
    if (json_array_size(b->claims)) {
        heading(x, 2, "Claims");
        list_open(x, "ul");
        json_array_foreach(b->claims, i, v) write_claim(x, v);
        list_close(x, "ul");
    }
    if (json_array_size(b->sources)) {
        heading(x, 2, "Sources");
        list_open(x, "ol");
        json_array_foreach(b->sources, i, v) write_source(x, i, v);
        list_close(x, "ol");
    }
    if (b->html) export_puts(x, "</body>\n</html>\n");
}

static int export_brief(export_run *x, int html) {
    brief b = {html, json_object(), json_array(), json_array(), json_array(), json_object()};
    x->state = &b;
    json_t *dossier = NULL;
    if (x->filter.entity) {
        char *json = NULL, *msg = NULL;
        if (fl_dossier_json(x->db, x->filter.entity, &json, &msg) != FL_OK)
            export_fail(x, FL_EDB, "%s", msg ? msg : "export: no dossier");
        dossier = json ? json_loads(json, 0, NULL) : NULL;
        fl_free(json);
        fl_free(msg);
    }
    export_rows(x, SC_RELATIONS, gather_relation);
    export_rows(x, SC_CLAIMS, gather_claim);
    if (x->rc == FL_OK) write_brief(x, dossier);
    json_decref(dossier);
    json_decref(b.facts);
    json_decref(b.order);
    json_decref(b.claims);
    json_decref(b.sources);
    json_decref(b.numbers);
    x->state = NULL;
    return x->rc;
}

int export_md(export_run *x) { return export_brief(x, 0); }

int export_html(export_run *x) { return export_brief(x, 1); }
