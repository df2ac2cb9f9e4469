/*
** export_graph.c: `flank export --format gexf` (GEXF 1.3, for Gephi) and
** `--format graphml`: the entities as nodes (type, country, mentions,
** documents) and the facts as directed edges, one per subject, predicate,
** object and modality (store.h's SC_FACTS), with their first and last
** dates, count and sources; in GEXF the dates also make the edge's time
** interval for Gephi's timeline. Both formats share one table of
** attributes; nodes and edges are written as the store reads them.
*/
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "gazetteer.h"
#include "vocab.h"
#include "banned.h"

/* An attribute of nodes or edges: its name and its type in GEXF and
** GraphML. */
typedef struct attr_def {
    const char *name, *gexf_type, *graphml_type;
} attr_def;

static const attr_def node_attrs[] = {
    {"type", "string", "string"},
    {"country", "string", "string"},
    {"mentions", "integer", "int"},
    {"documents", "integer", "int"},
};

static const attr_def edge_attrs[] = {
    {"predicate", "string", "string"},
    {"modality", "string", "string"},
    {"first", "string", "string"},
    {"last", "string", "string"},
    {"count", "integer", "int"},
    {"sources", "integer", "int"},
    {"cameo", "string", "string"},
    {"plover", "string", "string"},
};

#define N_NODE_ATTRS (sizeof node_attrs / sizeof *node_attrs)
#define N_EDGE_ATTRS (sizeof edge_attrs / sizeof *edge_attrs)

/* The value of attribute NAME of ROW as text into OUT, or NULL when none. */
static const char *attr_text(const json_t *row, const char *name, char out[32]) {
    const json_t *v = json_object_get(row, name);
    if (json_is_integer(v)) {
        snprintf(out, 32, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return out;
    }
    return json_string_value(v);
}

/* A node's country: a country is its own, else the pack's attribute. */
static void add_country(const gaz_pack *pack, json_t *row) {
    const char *id = export_str(row, "id"), *type = export_str(row, "type");
    size_t n = 0;
    const gaz_entity *e = pack ? gaz_get(pack, id) : NULL;
    const char *c = type && strcmp(type, "country") == 0 ? id : e ? gaz_attr(e, "country", &n) : NULL;
    if (c) json_object_set_new(row, "country", json_stringn(c, n ? n : strlen(c)));
}

/* The edge's id: the UUIDv5 of its fact. */
static void edge_id(const json_t *row, char id[37]) {
    const char *parts[] = {"fact", export_str(row, "subject"), export_str(row, "predicate"),
                           export_str(row, "object"), export_str(row, "modality")};
    export_uuid5_join(parts, sizeof parts / sizeof *parts, id);
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* An ISO 8601 date or prefix as a whole day: its first (LAST 0) or last
** day ("2024-07" -> 2024-07-01 or 2024-07-31); weeks and decades by their
** year. 0 when DATE starts with no year. */
static int whole_day(const char *date, int last, char out[16]) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 0, m = 0, d = 0;
    if (!date || sscanf(date, "%4d", &y) != 1 || strspn(date, "0123456789") < 4) return 0;
    if (strlen(date) >= 7 && date[4] == '-' && date[5] >= '0' && date[5] <= '1') sscanf(date + 5, "%2d", &m);
    if (m && strlen(date) >= 10 && date[7] == '-') sscanf(date + 8, "%2d", &d);
    if (m < 1 || m > 12) m = 0;
    if (!m) m = last ? 12 : 1;
    if (!d) d = last ? days[m - 1] + (m == 2 && leap(y)) : 1;
    snprintf(out, 16, "%04d-%02d-%02d", y % 10000, m, d);
    return 1;
}

/* ---- GEXF 1.3 ------------------------------------------------------------------ */

static void gexf_attvalues(export_run *x, const attr_def *defs, size_t n, const json_t *row) {
    char num[32];
    export_puts(x, "<attvalues>");
    for (size_t i = 0; i < n; i++) {
        const char *v = attr_text(row, defs[i].name, num);
        if (!v) continue;
        export_printf(x, "<attvalue for=\"%s\" value=\"", defs[i].name);
        export_xml_text(x, v);
        export_puts(x, "\"/>");
    }
    export_puts(x, "</attvalues>");
}

static void gexf_node(export_run *x, json_t *row) {
    add_country(x->state, row);
    export_puts(x, "      <node id=\"");
    export_xml_text(x, export_str(row, "id"));
    export_puts(x, "\" label=\"");
    export_xml_text(x, export_str(row, "name"));
    export_puts(x, "\">");
    gexf_attvalues(x, node_attrs, N_NODE_ATTRS, row);
    export_puts(x, "</node>\n");
}

/* The predicate's CAMEO code and PLOVER type, where it has them. */
static void add_classes(json_t *row) {
    const vocab_pred *p = vocab_find(export_str(row, "predicate"));
    if (p && strcmp(p->cameo, "-") != 0) json_object_set_new(row, "cameo", json_string(p->cameo));
    if (p && strcmp(p->plover, "-") != 0) json_object_set_new(row, "plover", json_string(p->plover));
}

/* Writes INDENT<edge id=".." source=".." target=".." for fact ROW (with
** its classes added) and returns 1; 0 for a fact without object, which
** joins no two nodes. */
static int open_edge(export_run *x, const char *indent, json_t *row) {
    if (!export_str(row, "object")) return 0;
    char id[37];
    edge_id(row, id);
    add_classes(row);
    export_printf(x, "%s<edge id=\"%s\" source=\"", indent, id);
    export_xml_text(x, export_str(row, "subject"));
    export_puts(x, "\" target=\"");
    export_xml_text(x, export_str(row, "object"));
    export_puts(x, "\"");
    return 1;
}

static void gexf_edge(export_run *x, json_t *row) {
    char start[16], end[16];
    if (!open_edge(x, "      ", row)) return;
    export_puts(x, " label=\"");
    export_xml_text(x, export_str(row, "predicate"));
    export_printf(x, "\" weight=\"%" JSON_INTEGER_FORMAT "\"", export_int(row, "count"));
    if (whole_day(export_str(row, "first"), 0, start) && whole_day(export_str(row, "last"), 1, end))
        export_printf(x, " start=\"%s\" end=\"%s\"", start, end);
    export_puts(x, ">");
    gexf_attvalues(x, edge_attrs, N_EDGE_ATTRS, row);
    export_puts(x, "</edge>\n");
}

static void gexf_attributes(export_run *x, const char *cls, const attr_def *defs, size_t n) {
    export_printf(x, "    <attributes class=\"%s\">\n", cls);
    for (size_t i = 0; i < n; i++)
        export_printf(x, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", defs[i].name, defs[i].name,
                      defs[i].gexf_type);
    export_puts(x, "    </attributes>\n");
}

/* Loads the pack (for the nodes' countries) into X's state. */
static int with_pack(export_run *x, const gaz_pack **pack) {
    char *msg = NULL;
    if (gaz_default(pack, &msg) != FL_OK) export_fail(x, FL_EPACK, "%s", msg ? msg : "the pack does not load");
    free(msg);
    x->state = (void *)*pack;
    return x->rc;
}

int export_gexf(export_run *x) {
    const gaz_pack *pack = NULL;
    if (with_pack(x, &pack) != FL_OK) return x->rc;
    export_puts(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                   " xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
                   "  <meta><creator>flank " FL_VERSION "</creator>"
                   "<description>entities and the relations between them</description></meta>\n"
                   "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n");
    gexf_attributes(x, "node", node_attrs, N_NODE_ATTRS);
    gexf_attributes(x, "edge", edge_attrs, N_EDGE_ATTRS);
    export_puts(x, "    <nodes>\n");
    export_rows(x, SC_ENTITIES, gexf_node);
    export_puts(x, "    </nodes>\n    <edges>\n");
    export_rows(x, SC_FACTS, gexf_edge);
    export_puts(x, "    </edges>\n  </graph>\n</gexf>\n");
    x->state = NULL;
    return x->rc;
}

/* ---- GraphML ---------------------------------------------------------------------- */

static void graphml_data(export_run *x, const attr_def *defs, size_t n, const json_t *row) {
    char num[32];
    for (size_t i = 0; i < n; i++) {
        const char *v = attr_text(row, defs[i].name, num);
        if (!v) continue;
        export_printf(x, "<data key=\"%s\">", defs[i].name);
        export_xml_text(x, v);
        export_puts(x, "</data>");
    }
}

static void graphml_node(export_run *x, json_t *row) {
    add_country(x->state, row);
    export_puts(x, "    <node id=\"");
    export_xml_text(x, export_str(row, "id"));
    export_puts(x, "\"><data key=\"label\">");
    export_xml_text(x, export_str(row, "name"));
    export_puts(x, "</data>");
    graphml_data(x, node_attrs, N_NODE_ATTRS, row);
    export_puts(x, "</node>\n");
}

static void graphml_edge(export_run *x, json_t *row) {
    if (!open_edge(x, "    ", row)) return;
    export_puts(x, ">");
    graphml_data(x, edge_attrs, N_EDGE_ATTRS, row);
    export_puts(x, "</edge>\n");
}

static void graphml_keys(export_run *x, const char *cls, const attr_def *defs, size_t n) {
    for (size_t i = 0; i < n; i++)
        export_printf(x, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n", defs[i].name, cls,
                      defs[i].name, defs[i].graphml_type);
}

int export_graphml(export_run *x) {
    const gaz_pack *pack = NULL;
    if (with_pack(x, &pack) != FL_OK) return x->rc;
    export_puts(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
                   " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                   " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
                   " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
                   "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n");
    graphml_keys(x, "node", node_attrs, N_NODE_ATTRS);
    graphml_keys(x, "edge", edge_attrs, N_EDGE_ATTRS);
    export_puts(x, "  <graph id=\"flank\" edgedefault=\"directed\">\n");
    export_rows(x, SC_ENTITIES, graphml_node);
    export_rows(x, SC_FACTS, graphml_edge);
    export_puts(x, "  </graph>\n</graphml>\n");
    x->state = NULL;
    return x->rc;
}
