/*
** gazetteer.c: loads knowledge-pack files (gazetteer.h) and links entity
** mentions in text. It owns: the TSV pack format and its line-numbered
** errors, the alias trie, the matching pass and the context rules that
** resolve what a match means (acronyms defined in the document, weak
** aliases, personal names, capitals used for their governments).
** It does not own: tokenizing (tokenize.c), the document JSON (doc.c).
**
** Trie edges live in one open-addressing table keyed by a 64-bit mix of
** (parent node, FNV-1a hash of the folded word); words are not stored, so
** two different words would have to collide on 64 bits to be confused.
*/
#include "gazetteer.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "buf.h"
#include "data.h"
#include "err.h"
#include "tokenize.h"
#include "banned.h"


#define NONE UINT32_MAX
#define MAX_ALIAS_TOK 16
#define PACK_FILE_MAX ((size_t)256 << 20)
#define ROOT_BITS 20

enum { CASE_ANY, CASE_CAP, CASE_UPPER };
enum { AF_DEF = 1, AF_CTX = 2, AF_GIVEN = 4 };
enum { K_ENTITY, K_EXTENDS, K_FACT, K_CONTEXT, K_COUNT };

typedef struct alias {
    uint32_t entity, next, ctx, capmask;
    uint8_t ntok, mode, flags;
    const char *text;           /* into the entity's alias string */
    size_t n_text;
} alias;

typedef struct edge {
    uint64_t key;
    uint32_t child;
} edge;

typedef struct wordset {
    uint64_t *keys;
    size_t cap, n;
} wordset;

typedef struct pack_file {
    char *path;
    char *data;                 /* whole file, cut into fields in place */
    size_t len;
    int kind;
    char *body;                 /* first row after the header */
    size_t body_line;
} pack_file;

struct gaz_pack {
    pack_file *files;
    size_t n_files;
    char **owned;               /* strings made by "extends" rows */
    size_t n_owned;
    gaz_entity *ents;
    size_t n_ents, cap_ents;
    uint32_t *metonym;          /* per entity: the entity it stands for, or NONE */
    uint32_t *ent_slots;        /* id hash table: entity index + 1 */
    size_t ent_cap;
    gaz_fact *facts;
    size_t n_facts, cap_facts;
    uint32_t *node_alias;       /* per trie node: first alias or NONE */
    size_t n_nodes, cap_nodes;
    edge *edges;
    size_t n_edges, edge_cap;
    alias *aliases;
    size_t n_aliases, cap_aliases;
    uint64_t *rootbits;
    size_t maxdepth;
    wordset stop, loc_before, loc_after, connector, common;
    unsigned long city_min_pop;    /* a generated city this big needs no other evidence */
    size_t city_window;            /* its country within this many words is evidence */
};

/* ---- small helpers -------------------------------------------------- */

/* Hash of a folded word, eight bytes at a time (words are short). */
static inline uint64_t folded_hash(const char *p, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++) w |= (uint64_t)(unsigned char)p[i] << (8 * i);
    h = (h ^ w) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

static uint64_t mix(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* A filter over first words of aliases: most words start none. */
static size_t root_bit(uint64_t h) { return (size_t)(h >> 40) & ((1u << ROOT_BITS) - 1); }

static uint64_t edge_key(uint32_t parent, uint64_t h) {
    uint64_t k = h ^ ((uint64_t)(parent + 1) * 0x9E3779B97F4A7C15ULL);
    return k ? k : 1;
}

static int grow(void **p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return FL_OK;
    size_t c = *cap ? *cap : 16;
    while (c < need) c *= 2;
    void *q = realloc(*p, c * size);
    if (!q) return FL_ENOMEM;
    *p = q;
    *cap = c;
    return FL_OK;
}

static int set_add(wordset *s, uint64_t k) {
    if (!k) k = 1;
    if ((s->n + 1) * 2 > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        uint64_t *nk = calloc(nc, sizeof *nk);
        if (!nk) return FL_ENOMEM;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->keys[i]) continue;
            size_t j = mix(s->keys[i]) & (nc - 1);
            while (nk[j]) j = (j + 1) & (nc - 1);
            nk[j] = s->keys[i];
        }
        free(s->keys);
        s->keys = nk;
        s->cap = nc;
    }
    size_t j = mix(k) & (s->cap - 1);
    while (s->keys[j] && s->keys[j] != k) j = (j + 1) & (s->cap - 1);
    if (!s->keys[j]) {
        s->keys[j] = k;
        s->n++;
    }
    return FL_OK;
}

static int set_has(const wordset *s, uint64_t k) {
    if (!s->cap) return 0;
    if (!k) k = 1;
    size_t j = mix(k) & (s->cap - 1);
    while (s->keys[j]) {
        if (s->keys[j] == k) return 1;
        j = (j + 1) & (s->cap - 1);
    }
    return 0;
}

/* ---- entities by id ------------------------------------------------- */

static uint32_t ent_find(const gaz_pack *p, const char *id, size_t n) {
    if (!p->ent_cap) return NONE;
    size_t j = mix(folded_hash(id, n)) & (p->ent_cap - 1);
    while (p->ent_slots[j]) {
        const gaz_entity *e = &p->ents[p->ent_slots[j] - 1];
        if (strlen(e->id) == n && memcmp(e->id, id, n) == 0) return p->ent_slots[j] - 1;
        j = (j + 1) & (p->ent_cap - 1);
    }
    return NONE;
}

static int ent_index_add(gaz_pack *p, uint32_t idx) {
    if ((p->n_ents + 1) * 2 > p->ent_cap) {
        size_t nc = p->ent_cap ? p->ent_cap * 2 : 1024;
        uint32_t *ns = calloc(nc, sizeof *ns);
        if (!ns) return FL_ENOMEM;
        free(p->ent_slots);
        p->ent_slots = ns;
        p->ent_cap = nc;
        for (uint32_t i = 0; i < idx; i++) {
            size_t j = mix(folded_hash(p->ents[i].id, strlen(p->ents[i].id))) & (nc - 1);
            while (ns[j]) j = (j + 1) & (nc - 1);
            ns[j] = i + 1;
        }
    }
    const char *id = p->ents[idx].id;
    size_t j = mix(folded_hash(id, strlen(id))) & (p->ent_cap - 1);
    while (p->ent_slots[j]) j = (j + 1) & (p->ent_cap - 1);
    p->ent_slots[j] = idx + 1;
    return FL_OK;
}

const gaz_entity *gaz_get(const gaz_pack *p, const char *id) {
    uint32_t i = p && id ? ent_find(p, id, strlen(id)) : NONE;
    return i == NONE ? NULL : &p->ents[i];
}

size_t gaz_entity_count(const gaz_pack *p) { return p ? p->n_ents : 0; }
const gaz_entity *gaz_entity_at(const gaz_pack *p, size_t i) {
    return p && i < p->n_ents ? &p->ents[i] : NULL;
}
size_t gaz_fact_count(const gaz_pack *p) { return p ? p->n_facts : 0; }
const gaz_fact *gaz_fact_at(const gaz_pack *p, size_t i) {
    return p && i < p->n_facts ? &p->facts[i] : NULL;
}

const char *gaz_attr(const gaz_entity *e, const char *key, size_t *len) {
    size_t kn = strlen(key);
    const char *s = e && e->attrs ? e->attrs : "";
    while (*s) {
        while (*s == ' ' || *s == ';') s++;
        const char *end = strchr(s, ';');
        if (!end) end = s + strlen(s);
        if ((size_t)(end - s) > kn && memcmp(s, key, kn) == 0 && s[kn] == '=') {
            if (len) *len = (size_t)(end - s) - kn - 1;
            return s + kn + 1;
        }
        s = end;
    }
    return NULL;
}

/* ---- reading pack files --------------------------------------------- */

static const char *const headers[K_COUNT] = {
    "id\ttype\tname\taliases\tattrs",
    "extends\tname\taliases\tattrs",
    "subject\tpredicate\tobject\tstart\tend\tsource",
    "kind\tword",
};

static size_t line_of(const char *data, size_t off) {
    size_t line = 1;
    for (size_t i = 0; i < off; i++) line += data[i] == '\n';
    return line;
}

static int read_pack_file(pack_file *f, char **errmsg) {
    FILE *fp = fopen(f->path, "rb");
    if (!fp) return err_set(errmsg, FL_EIO, "%s: %s", f->path, strerror(errno));
    buf b;
    buf_init(&b, PACK_FILE_MAX);
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0) buf_append(&b, chunk, k);
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        buf_release(&b);
        return err_set(errmsg, FL_EIO, "%s: read error", f->path);
    }
    if (b.rc) {
        int rc = b.rc;
        buf_release(&b);
        return err_set(errmsg, rc, "%s: %s", f->path, fl_strerror(rc));
    }
    buf_cstr(&b);
    f->data = buf_detach(&b, &f->len);
    for (size_t i = 0; i < f->len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)f->data + i,
                                              (utf8proc_ssize_t)(f->len - i), &cp);
        if (l <= 0 || cp == 0)
            return err_set(errmsg, FL_EPACK, "%s:%zu: invalid UTF-8", f->path,
                           line_of(f->data, i));
        i += (size_t)l;
    }
    /* The header is the first line that is neither blank nor a comment. */
    char *s = f->data;
    size_t line = 1;
    while (*s == '#' || *s == '\n' || *s == '\r') {
        char *nl = strchr(s, '\n');
        if (!nl) break;
        s = nl + 1;
        line++;
    }
    char *nl = strchr(s, '\n');
    size_t hl = nl ? (size_t)(nl - s) : strlen(s);
    if (hl && s[hl - 1] == '\r') hl--;
    for (int kind = 0; kind < K_COUNT; kind++) {
        if (strlen(headers[kind]) == hl && memcmp(s, headers[kind], hl) == 0) {
            f->kind = kind;
            f->body = nl ? nl + 1 : s + strlen(s);
            f->body_line = line + 1;
            return FL_OK;
        }
    }
    return err_set(errmsg, FL_EPACK,
                   "%s:%zu: unknown header; expected one of \"id type name aliases "
                   "attrs\", \"extends name aliases attrs\", \"subject predicate "
                   "object start end source\", \"kind word\" (tab-separated)",
                   f->path, line);
}

/* Cuts the next row of F at *S into fields; returns the field count, 0 at
** the end, and skips blank and comment lines (updating *LINE). */
static int next_row(char **s, size_t *line, char **field, int max) {
    for (;;) {
        char *p = *s;
        if (!*p) return 0;
        char *nl = strchr(p, '\n');
        char *end = nl ? nl : p + strlen(p);
        *s = nl ? nl + 1 : end;
        size_t this_line = (*line)++;
        if (end > p && end[-1] == '\r') end--;
        *end = '\0';
        if (!*p || *p == '#') continue;
        int n = 0;
        for (;;) {
            char *tab = strchr(p, '\t');
            if (n < max) field[n] = p;
            n++;
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        *line = this_line + 1;
        return n;
    }
}

static const struct { const char *prefix, *type; } id_types[] = {
    {"country", "country"}, {"region", "region"}, {"org", "organization"},
    {"group", "group"},     {"framework", "framework"}, {"place", "place"},
    {"person", "person"},   {"document", "document"},
};

static const char *check_id(const char *id, const char *type) {
    const char *colon = strchr(id, ':');
    if (!colon) return "id must be TYPE:SLUG";
    size_t pn = (size_t)(colon - id);
    const char *want = NULL;
    for (size_t i = 0; i < sizeof id_types / sizeof id_types[0]; i++)
        if (strlen(id_types[i].prefix) == pn && memcmp(id, id_types[i].prefix, pn) == 0)
            want = id_types[i].type;
    if (!want) return "unknown id prefix (country, region, org, group, framework, place, person, document)";
    if (strcmp(want, type) != 0) return "type does not match the id's prefix";
    const char *slug = colon + 1;
    if (!*slug) return "empty slug";
    if (strcmp(want, "country") == 0) {
        if (strlen(slug) != 2 || slug[0] < 'A' || slug[0] > 'Z' || slug[1] < 'A' || slug[1] > 'Z')
            return "country ids use the ISO 3166-1 alpha-2 code (country:LY)";
        return NULL;
    }
    for (const char *c = slug; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
            return "slug must be lower-case ASCII letters, digits and '-'";
    return NULL;
}

static int load_entities(gaz_pack *p, pack_file *f, char **errmsg) {
    char *s = f->body, *fld[5];
    size_t line = f->body_line;
    int n;
    while ((n = next_row(&s, &line, fld, 5)) > 0) {
        size_t at = line - 1;
        if (n != 5)
            return err_set(errmsg, FL_EPACK,
                           "%s:%zu: expected 5 columns (id, type, name, aliases, attrs), found %d",
                           f->path, at, n);
        const char *why = check_id(fld[0], fld[1]);
        if (why) return err_set(errmsg, FL_EPACK, "%s:%zu: %s: %s", f->path, at, fld[0], why);
        if (!*fld[2]) return err_set(errmsg, FL_EPACK, "%s:%zu: %s: empty name", f->path, at, fld[0]);
        uint32_t dup = ent_find(p, fld[0], strlen(fld[0]));
        if (dup != NONE)
            return err_set(errmsg, FL_EPACK, "%s:%zu: duplicate id %s (first at %s:%zu)",
                           f->path, at, fld[0], p->ents[dup].file, p->ents[dup].line);
        if (grow((void **)&p->ents, &p->cap_ents, p->n_ents + 1, sizeof *p->ents))
            return err_set(errmsg, FL_ENOMEM, "out of memory");
        gaz_entity *e = &p->ents[p->n_ents];
        e->id = fld[0];
        e->type = fld[1];
        e->name = fld[2];
        e->aliases = fld[3];
        e->attrs = fld[4];
        e->file = f->path;
        e->line = at;
        e->prio = strstr(fld[4], "src=") ? 1 : 2;
        if (ent_index_add(p, (uint32_t)p->n_ents)) return err_set(errmsg, FL_ENOMEM, "out of memory");
        p->n_ents++;
    }
    return FL_OK;
}

static char *join(gaz_pack *p, const char *a, const char *sep, const char *b) {
    if (!*b) return (char *)a;
    if (!*a) return (char *)b;
    size_t na = strlen(a), ns = strlen(sep), nb = strlen(b);
    char *s = malloc(na + ns + nb + 1);
    char **o = realloc(p->owned, (p->n_owned + 1) * sizeof *o);
    if (!s || !o) {
        free(s);
        if (o) p->owned = o;
        return NULL;
    }
    p->owned = o;
    memcpy(s, a, na);
    memcpy(s + na, sep, ns);
    memcpy(s + na + ns, b, nb + 1);
    p->owned[p->n_owned++] = s;
    return s;
}

static int load_extends(gaz_pack *p, pack_file *f, char **errmsg) {
    char *s = f->body, *fld[4];
    size_t line = f->body_line;
    int n;
    while ((n = next_row(&s, &line, fld, 4)) > 0) {
        size_t at = line - 1;
        if (n != 4)
            return err_set(errmsg, FL_EPACK,
                           "%s:%zu: expected 4 columns (extends, name, aliases, attrs), found %d",
                           f->path, at, n);
        uint32_t i = ent_find(p, fld[0], strlen(fld[0]));
        if (i == NONE) return err_set(errmsg, FL_EPACK, "%s:%zu: unknown id %s", f->path, at, fld[0]);
        gaz_entity *e = &p->ents[i];
        if (*fld[1]) e->name = fld[1];
        const char *a = join(p, e->aliases, "|", fld[2]);
        const char *t = join(p, e->attrs, ";", fld[3]);
        if (!a || !t) return err_set(errmsg, FL_ENOMEM, "out of memory");
        e->aliases = a;
        e->attrs = t;
    }
    return FL_OK;
}

static int is_year(const char *s) {
    if (!*s) return 1;
    size_t n = strlen(s);
    if (n < 3 || n > 4) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

static int load_facts(gaz_pack *p, pack_file *f, char **errmsg) {
    char *s = f->body, *fld[6];
    size_t line = f->body_line;
    int n;
    while ((n = next_row(&s, &line, fld, 6)) > 0) {
        size_t at = line - 1;
        if (n != 6)
            return err_set(errmsg, FL_EPACK,
                           "%s:%zu: expected 6 columns (subject, predicate, object, start, end, source), found %d",
                           f->path, at, n);
        if (ent_find(p, fld[0], strlen(fld[0])) == NONE)
            return err_set(errmsg, FL_EPACK, "%s:%zu: unknown subject %s", f->path, at, fld[0]);
        if (*fld[2] && ent_find(p, fld[2], strlen(fld[2])) == NONE)
            return err_set(errmsg, FL_EPACK, "%s:%zu: unknown object %s", f->path, at, fld[2]);
        if (!*fld[1]) return err_set(errmsg, FL_EPACK, "%s:%zu: empty predicate", f->path, at);
        if (!is_year(fld[3]) || !is_year(fld[4]))
            return err_set(errmsg, FL_EPACK, "%s:%zu: start and end are years or empty", f->path, at);
        if (!*fld[5]) return err_set(errmsg, FL_EPACK, "%s:%zu: a fact needs a source", f->path, at);
        if (grow((void **)&p->facts, &p->cap_facts, p->n_facts + 1, sizeof *p->facts))
            return err_set(errmsg, FL_ENOMEM, "out of memory");
        p->facts[p->n_facts++] = (gaz_fact){fld[0], fld[1], fld[2], fld[3], fld[4], fld[5], f->path, at};
    }
    return FL_OK;
}

static uint64_t word_hash(const char *w) {
    char fold[TOK_MAX_FOLD + 1];
    size_t n = tok_fold(w, strlen(w), fold, sizeof fold);
    return folded_hash(fold, n);
}

/* A number setting of context.tsv ("city-min-population 1000000"). */
static int context_number(const char *path, size_t at, const char *kind, const char *v,
                          unsigned long *out, char **errmsg) {
    char *end = NULL;
    errno = 0;
    unsigned long x = strtoul(v, &end, 10);
    if (!*v || *end || errno || *v == '-')
        return err_set(errmsg, FL_EPACK, "%s:%zu: %s wants a number, not %s", path, at, kind, v);
    *out = x;
    return FL_OK;
}

static int load_context(gaz_pack *p, pack_file *f, char **errmsg) {
    char *s = f->body, *fld[2];
    size_t line = f->body_line;
    int n;
    while ((n = next_row(&s, &line, fld, 2)) > 0) {
        size_t at = line - 1;
        if (n != 2)
            return err_set(errmsg, FL_EPACK, "%s:%zu: expected 2 columns (kind, word), found %d",
                           f->path, at, n);
        if (strcmp(fld[0], "city-min-population") == 0) {
            if (context_number(f->path, at, fld[0], fld[1], &p->city_min_pop, errmsg)) return FL_EPACK;
            continue;
        }
        if (strcmp(fld[0], "city-window") == 0) {
            unsigned long w;
            if (context_number(f->path, at, fld[0], fld[1], &w, errmsg)) return FL_EPACK;
            p->city_window = (size_t)w;
            continue;
        }
        wordset *set = strcmp(fld[0], "stop") == 0              ? &p->stop
                       : strcmp(fld[0], "locative-before") == 0 ? &p->loc_before
                       : strcmp(fld[0], "locative-after") == 0  ? &p->loc_after
                       : strcmp(fld[0], "connector") == 0       ? &p->connector
                       : strcmp(fld[0], "common") == 0          ? &p->common
                                                                : NULL;
        if (!set)
            return err_set(errmsg, FL_EPACK,
                           "%s:%zu: unknown kind %s (stop, locative-before, locative-after, "
                           "connector, common, city-min-population, city-window)",
                           f->path, at, fld[0]);
        if (set_add(set, word_hash(fld[1]))) return err_set(errmsg, FL_ENOMEM, "out of memory");
    }
    return FL_OK;
}

/* ---- the alias trie ------------------------------------------------- */

static uint32_t edge_get(const gaz_pack *p, uint32_t parent, uint64_t h) {
    uint64_t k = edge_key(parent, h);
    size_t j = mix(k) & (p->edge_cap - 1);
    for (;;) {
        const edge *e = &p->edges[j];
        if (e->key == k) return e->child;
        if (!e->key) return NONE;
        j = (j + 1) & (p->edge_cap - 1);
    }
}

static int edges_grow(gaz_pack *p) {
    size_t nc = p->edge_cap ? p->edge_cap * 2 : 4096;
    edge *ne = calloc(nc, sizeof *ne);
    if (!ne) return FL_ENOMEM;
    for (size_t i = 0; i < p->edge_cap; i++) {
        if (!p->edges[i].key) continue;
        size_t j = mix(p->edges[i].key) & (nc - 1);
        while (ne[j].key) j = (j + 1) & (nc - 1);
        ne[j] = p->edges[i];
    }
    free(p->edges);
    p->edges = ne;
    p->edge_cap = nc;
    return FL_OK;
}

static uint32_t edge_put(gaz_pack *p, uint32_t parent, uint64_t h) {
    uint32_t c = edge_get(p, parent, h);
    if (c != NONE) return c;
    if ((p->n_edges + 1) * 2 > p->edge_cap && edges_grow(p)) return NONE;
    if (grow((void **)&p->node_alias, &p->cap_nodes, p->n_nodes + 1, sizeof *p->node_alias))
        return NONE;
    c = (uint32_t)p->n_nodes++;
    p->node_alias[c] = NONE;
    uint64_t k = edge_key(parent, h);
    size_t j = mix(k) & (p->edge_cap - 1);
    while (p->edges[j].key) j = (j + 1) & (p->edge_cap - 1);
    p->edges[j] = (edge){k, c};
    p->n_edges++;
    return c;
}

typedef struct alias_toks {
    uint64_t h[MAX_ALIAS_TOK];
    int flags[MAX_ALIAS_TOK];
    size_t n, letters, prev_end;
    const char *text;
    int broken;
} alias_toks;

/* Is TEXT[S..E) spaces and one dash (hyphen, en or em dash, minus), the
** way names are joined ("NATO Training Mission – Iraq")? */
static int dash_between(const char *text, size_t s, size_t e) {
    int dashes = 0;
    while (s < e) {
        const unsigned char *u = (const unsigned char *)text + s;
        if (*u == ' ') {
            s++;
        } else if (*u == '-') {
            dashes++, s++;
        } else if (e - s >= 3 && ((u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95) ||
                                  (u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92))) {
            dashes++, s += 3;
        } else {
            return 0;
        }
    }
    return dashes == 1;
}

/* A word followed by a possessive inside an alias ("People's" of
** "People's Liberation Army") is keyed apart from the bare word, so the
** alias goes on past the possessive while other names stop there. */
static uint64_t poss_hash(uint64_t h) { return mix(h ^ 0x5bd1e9955bd1e995ULL); }

static int alias_tok(void *ctx, int flags, const char *t, size_t nt, size_t s, size_t e) {
    alias_toks *a = ctx;
    if (a->n && (flags & TOK_BREAK) && !dash_between(a->text, a->prev_end, s)) a->broken = 1;
    if (a->n == MAX_ALIAS_TOK) return 1;
    a->prev_end = e;
    if (flags & TOK_POSS) a->prev_end += a->text[e] == '\'' ? 2 : 4;   /* 's or ’s */
    a->h[a->n] = folded_hash(t, nt);
    a->flags[a->n++] = flags;
    a->letters += nt;
    return 0;
}

static int add_alias(gaz_pack *p, uint32_t ent, const char *text, size_t n, char **errmsg) {
    const char *flags = NULL;
    size_t nflags = 0;
    while (n && text[n - 1] == ' ') n--;
    while (n && *text == ' ') text++, n--;
    if (n && text[n - 1] == '}') {
        const char *open = memchr(text, '{', n);
        if (open) {
            flags = open + 1;
            nflags = (size_t)(text + n - 1 - flags);
            n = (size_t)(open - text);
        }
    }
    for (size_t k = n; k > 0 && k + 4 >= n; k--)
        if (text[k - 1] == '@') {
            n = k - 1;
            break;
        }
    if (!n) return FL_OK;
    alias a = {ent, NONE, NONE, 0, 0, CASE_ANY, 0, text, n};
    char buf_flags[128];
    if (flags) {
        if (nflags >= sizeof buf_flags) nflags = sizeof buf_flags - 1;
        memcpy(buf_flags, flags, nflags);
        buf_flags[nflags] = '\0';
    }
    alias_toks t = {0};
    t.text = text;
    int stopped = tok_run(text, n, &t, alias_tok);
    if (stopped || t.broken || !t.n) return FL_OK;   /* cannot match running text */
    for (size_t i = 0; i + 1 < t.n; i++)
        if (t.flags[i] & TOK_POSS) t.h[i] = poss_hash(t.h[i]);
    int upper = 1, any_cap = 0;
    for (size_t i = 0; i < t.n; i++) {
        if (!(t.flags[i] & (TOK_UPPER | TOK_DIGIT))) upper = 0;
        if (t.flags[i] & TOK_CAP) {
            a.capmask |= 1u << i;
            any_cap = 1;
        }
    }
    a.mode = upper && t.letters <= 6 && any_cap ? CASE_UPPER : any_cap ? CASE_CAP : CASE_ANY;
    a.ntok = (uint8_t)t.n;
    const gaz_entity *e = &p->ents[ent];
    for (char *f = flags ? buf_flags : NULL; f && *f;) {
        char *comma = strchr(f, ',');
        if (comma) *comma = '\0';
        if (strcmp(f, "def") == 0) a.flags |= AF_DEF;
        else if (strcmp(f, "given") == 0) a.flags |= AF_GIVEN;
        else if (strcmp(f, "nocase") == 0) a.mode = CASE_ANY;
        else if (strncmp(f, "ctx=", 4) == 0) {
            a.flags |= AF_CTX;
            a.ctx = ent_find(p, f + 4, strlen(f + 4));
            if (a.ctx == NONE)
                return err_set(errmsg, FL_EPACK, "%s:%zu: %s: alias context %s is no known id",
                               e->file, e->line, e->id, f + 4);
        } else
            return err_set(errmsg, FL_EPACK, "%s:%zu: %s: unknown alias flag {%s}", e->file,
                           e->line, e->id, f);
        f = comma ? comma + 1 : f + strlen(f);
    }
    uint32_t node = 0;
    for (size_t i = 0; i < t.n; i++) {
        node = edge_put(p, node, t.h[i]);
        if (node == NONE) return err_set(errmsg, FL_ENOMEM, "out of memory");
    }
    /* The same entity with the same case rule once is enough; flags only
    ** restrict, so a flagged repeat ("Chad{given}") flags the first. */
    for (uint32_t x = p->node_alias[node]; x != NONE; x = p->aliases[x].next)
        if (p->aliases[x].entity == ent && p->aliases[x].mode == a.mode &&
            (a.mode != CASE_CAP || p->aliases[x].capmask == a.capmask)) {
            p->aliases[x].flags |= a.flags;
            if (a.flags & AF_CTX) p->aliases[x].ctx = a.ctx;
            return FL_OK;
        }
    if (grow((void **)&p->aliases, &p->cap_aliases, p->n_aliases + 1, sizeof *p->aliases))
        return err_set(errmsg, FL_ENOMEM, "out of memory");
    /* Keep each node's list ordered: hand-made before generated. */
    uint32_t id = (uint32_t)p->n_aliases++;
    p->aliases[id] = a;
    uint32_t *link = &p->node_alias[node];
    while (*link != NONE && p->ents[p->aliases[*link].entity].prio >= e->prio)
        link = &p->aliases[*link].next;
    p->aliases[id].next = *link;
    *link = id;
    size_t rb = root_bit(t.h[0]);
    p->rootbits[rb >> 6] |= 1ULL << (rb & 63);
    if (t.n > p->maxdepth) p->maxdepth = t.n;
    return FL_OK;
}

static int build_trie(gaz_pack *p, char **errmsg) {
    p->rootbits = calloc((1u << ROOT_BITS) / 64, sizeof *p->rootbits);
    p->metonym = malloc((p->n_ents + 1) * sizeof *p->metonym);
    if (!p->rootbits || !p->metonym || edges_grow(p) ||
        grow((void **)&p->node_alias, &p->cap_nodes, 1, sizeof *p->node_alias))
        return err_set(errmsg, FL_ENOMEM, "out of memory");
    p->n_nodes = 1;
    p->node_alias[0] = NONE;
    for (uint32_t i = 0; i < p->n_ents; i++) {
        const gaz_entity *e = &p->ents[i];
        int rc = add_alias(p, i, e->name, strlen(e->name), errmsg);
        for (const char *s = e->aliases; rc == FL_OK && *s;) {
            const char *bar = strchr(s, '|');
            size_t n = bar ? (size_t)(bar - s) : strlen(s);
            rc = add_alias(p, i, s, n, errmsg);
            s += n + (bar != NULL);
        }
        if (rc) return rc;
        size_t n;
        const char *m = gaz_attr(e, "metonym", &n);
        p->metonym[i] = m ? ent_find(p, m, n) : NONE;
        if (m && p->metonym[i] == NONE)
            return err_set(errmsg, FL_EPACK, "%s:%zu: %s: metonym %.*s is no known id", e->file,
                           e->line, e->id, (int)n, m);
    }
    return FL_OK;
}

/* ---- loading -------------------------------------------------------- */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_file(gaz_pack *p, const char *path) {
    pack_file *nf = realloc(p->files, (p->n_files + 1) * sizeof *nf);
    if (!nf) return FL_ENOMEM;
    p->files = nf;
    memset(&nf[p->n_files], 0, sizeof *nf);
    nf[p->n_files].path = strdup(path);
    if (!nf[p->n_files].path) return FL_ENOMEM;
    p->n_files++;
    return FL_OK;
}

/* Adds PATH, or every *.tsv under it when it is a folder (sorted). */
static int collect(gaz_pack *p, const char *path, int depth, char **errmsg) {
    struct stat st;
    if (stat(path, &st) != 0) return err_set(errmsg, FL_EIO, "%s: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode)) return add_file(p, path) ? err_set(errmsg, FL_ENOMEM, "out of memory") : FL_OK;
    if (depth > 8) return FL_OK;
    DIR *d = opendir(path);
    if (!d) return err_set(errmsg, FL_EIO, "%s: %s", path, strerror(errno));
    char **names = NULL;
    size_t n = 0;
    int rc = FL_OK;
    struct dirent *de;
    while (rc == FL_OK && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.') continue;
        size_t l = strlen(path) + strlen(de->d_name) + 2;
        char *full = malloc(l);
        char **nn = realloc(names, (n + 1) * sizeof *nn);
        if (!full || !nn) {
            free(full);
            if (nn) names = nn;
            rc = err_set(errmsg, FL_ENOMEM, "out of memory");
            break;
        }
        names = nn;
        snprintf(full, l, "%s/%s", path, de->d_name);
        names[n++] = full;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);   /* an empty folder: names is NULL */
    for (size_t i = 0; i < n; i++) {
        if (rc == FL_OK) {
            size_t l = strlen(names[i]);
            if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
                rc = collect(p, names[i], depth + 1, errmsg);
            else if (l > 4 && strcmp(names[i] + l - 4, ".tsv") == 0)
                rc = add_file(p, names[i]) ? err_set(errmsg, FL_ENOMEM, "out of memory") : FL_OK;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

void gaz_free(gaz_pack *p) {
    if (!p) return;
    for (size_t i = 0; i < p->n_files; i++) {
        free(p->files[i].path);
        free(p->files[i].data);
    }
    for (size_t i = 0; i < p->n_owned; i++) free(p->owned[i]);
    free(p->files);
    free(p->owned);
    free(p->ents);
    free(p->metonym);
    free(p->ent_slots);
    free(p->facts);
    free(p->node_alias);
    free(p->edges);
    free(p->aliases);
    free(p->rootbits);
    free(p->stop.keys);
    free(p->loc_before.keys);
    free(p->loc_after.keys);
    free(p->connector.keys);
    free(p->common.keys);
    free(p);
}

int gaz_load(const char *const *paths, size_t n_paths, gaz_pack **out, char **errmsg) {
    *out = NULL;
    gaz_pack *p = calloc(1, sizeof *p);
    if (!p) return err_set(errmsg, FL_ENOMEM, "out of memory");
    int rc = FL_OK;
    for (size_t i = 0; rc == FL_OK && i < n_paths; i++) rc = collect(p, paths[i], 0, errmsg);
    for (size_t i = 0; rc == FL_OK && i < p->n_files; i++) rc = read_pack_file(&p->files[i], errmsg);
    /* Entities first, then what refers to them, whatever the file order. */
    for (int kind = 0; rc == FL_OK && kind < K_COUNT; kind++) {
        for (size_t i = 0; rc == FL_OK && i < p->n_files; i++) {
            pack_file *f = &p->files[i];
            if (f->kind != kind) continue;
            rc = kind == K_ENTITY    ? load_entities(p, f, errmsg)
                 : kind == K_EXTENDS ? load_extends(p, f, errmsg)
                 : kind == K_FACT    ? load_facts(p, f, errmsg)
                                     : load_context(p, f, errmsg);
        }
        if (rc == FL_OK && kind == K_EXTENDS) rc = build_trie(p, errmsg);
    }
    /* named by what was given, as every other refusal of a pack is */
    if (rc == FL_OK && p->n_ents == 0)
        rc = err_set(errmsg, FL_EPACK, "%s%s: no entities (an entity file's header is 'id type name aliases attrs')",
                     n_paths ? paths[0] : "knowledge pack", n_paths > 1 ? " and the rest" : "");
    if (rc) {
        gaz_free(p);
        return rc;
    }
    *out = p;
    return FL_OK;
}

/* ---- the process-wide pack ------------------------------------------ */

static const char *default_paths[16];
static char path_store[8][4096];
static const gaz_pack *default_pack;
static char *default_err;
static int default_rc;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void default_paths_init(void) {
    size_t n = 0;
    snprintf(path_store[0], sizeof path_store[0], "%s/pack", data_dir());
    default_paths[n++] = path_store[0];
    const char *gen = data_pack_dir();
    if (*gen) {
        snprintf(path_store[1], sizeof path_store[1], "%s", gen);
        default_paths[n++] = path_store[1];
    }
    const char *user = getenv("FLANK_PACKS");
    if (!user || !*user) {
        /* Default: a packs/ folder beside the database, when it exists. */
        const char *db = getenv("FLANK_DB");
        const char *slash = db && *db ? strrchr(db, '/') : NULL;
        struct stat st;
        if (slash)
            snprintf(path_store[7], sizeof path_store[7], "%.*s/packs", (int)(slash - db), db);
        else
            snprintf(path_store[7], sizeof path_store[7], "packs");
        if (stat(path_store[7], &st) == 0 && S_ISDIR(st.st_mode)) user = path_store[7];
    }
    /* A user pack folder that does not exist (yet: `flank kb add` makes
    ** it) holds nothing; it must not fail every document. */
    for (size_t k = 2; user && *user && k < 7; k++) {
        const char *colon = strchr(user, ':');
        size_t l = colon ? (size_t)(colon - user) : strlen(user);
        struct stat st;
        if (l && l < sizeof path_store[k]) {
            memcpy(path_store[k], user, l);
            path_store[k][l] = '\0';
            if (stat(path_store[k], &st) == 0) default_paths[n++] = path_store[k];
        }
        user = colon ? colon + 1 : NULL;
    }
    default_paths[n] = NULL;
}

static pthread_once_t paths_once = PTHREAD_ONCE_INIT;

const char *const *gaz_default_paths(void) {
    pthread_once(&paths_once, default_paths_init);
    return default_paths;
}

static void default_load(void) {
    const char *const *paths = gaz_default_paths();
    size_t n = 0;
    while (paths[n]) n++;
    gaz_pack *p = NULL;
    default_rc = gaz_load(paths, n, &p, &default_err);
    default_pack = p;
}

int gaz_default(const gaz_pack **out, char **errmsg) {
    pthread_once(&default_once, default_load);
    *out = default_pack;
    if (default_rc) return err_set(errmsg, default_rc, "%s", default_err ? default_err : "");
    return FL_OK;
}

void gaz_clashes(const gaz_pack *p, void *ctx,
                 void (*fn)(void *, const char *, const gaz_entity *, const gaz_entity *)) {
    for (size_t node = 0; node < p->n_nodes; node++) {
        for (uint32_t a = p->node_alias[node]; a != NONE; a = p->aliases[a].next) {
            const alias *x = &p->aliases[a];
            if (p->ents[x->entity].prio < 2) continue;
            for (uint32_t b = x->next; b != NONE; b = p->aliases[b].next) {
                const alias *y = &p->aliases[b];
                if (y->entity == x->entity || p->ents[y->entity].prio < 2) continue;
                if (x->mode != y->mode || x->flags != y->flags) continue;
                char text[256];
                snprintf(text, sizeof text, "%.*s", (int)x->n_text, x->text);
                fn(ctx, text, &p->ents[x->entity], &p->ents[y->entity]);
            }
        }
    }
}

/* ---- linking -------------------------------------------------------- */

/* 24 bytes: one per word of the document (32-bit offsets, as in
** tokenize.h). */
typedef struct token {
    uint64_t h;
    uint32_t start, end;
    uint32_t flags;
} token;

typedef struct match {
    size_t t0, t1;              /* first and last token */
    uint32_t alias, entity;
    int weak, drop;
} match;

typedef struct run {
    token *tok;
    size_t n, cap;
    match *m;
    size_t nm, capm;
} run;

/* A token's own flag beside TOK_*: a break before it that is one dash
** between spaces ("Mission – Iraq"), which an alias may span. */
#define TK_DASH (1u << 16)

/* The words of TEXT as R's tokens, each with the hash of its folded form. */
static int hash_words(run *r, const char *text, const tok_words *words) {
    size_t n = tok_words_count(words);
    const tok_word *w = tok_words_list(words);
    if (grow((void **)&r->tok, &r->cap, n, sizeof *r->tok)) return FL_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = folded_hash(words->folds.data + w[i].fold_at, w[i].fold_len);
        uint32_t f = w[i].flags;
        if (i > 0 && (f & TOK_BREAK) && !(w[i - 1].flags & TOK_POSS) &&
            dash_between(text, w[i - 1].end, w[i].start))
            f |= TK_DASH;
        r->tok[i] = (token){h, w[i].start, w[i].end, f};
    }
    r->n = n;
    return FL_OK;
}

static int push_match(run *r, match m) {
    if (grow((void **)&r->m, &r->capm, r->nm + 1, sizeof *r->m)) return FL_ENOMEM;
    r->m[r->nm++] = m;
    return FL_OK;
}

static int case_ok(const alias *a, const token *t) {
    if (a->mode == CASE_ANY) return 1;
    for (size_t k = 0; k < a->ntok; k++) {
        int f = t[k].flags;
        if (a->mode == CASE_UPPER) {
            if (!(f & (TOK_UPPER | TOK_DIGIT))) return 0;
        } else if ((a->capmask >> k & 1) && !(f & (TOK_CAP | TOK_UPPER))) {
            return 0;
        }
    }
    return 1;
}

static int root_may(const gaz_pack *p, uint64_t h) {
    size_t rb = root_bit(h);
    return p->rootbits[rb >> 6] >> (rb & 63) & 1;
}

/* Leftmost-longest matching over the token array. */
static int match_all(const gaz_pack *p, run *r) {
    size_t i = 0;
    while (i < r->n) {
        int poss0 = (r->tok[i].flags & TOK_POSS) != 0;
        if (!root_may(p, r->tok[i].h) && !(poss0 && root_may(p, poss_hash(r->tok[i].h)))) {
            i++;
            continue;
        }
        uint32_t node = 0, best = NONE;
        size_t best_end = 0;
        for (size_t j = i; j < r->n && j - i < p->maxdepth; j++) {
            if (j > i && (r->tok[j].flags & TOK_BREAK) && !(r->tok[j].flags & TK_DASH)) break;
            uint32_t from = node;
            node = edge_get(p, from, r->tok[j].h);
            for (uint32_t a = node == NONE ? NONE : p->node_alias[node]; a != NONE; a = p->aliases[a].next)
                if (case_ok(&p->aliases[a], &r->tok[i])) {
                    best = a;
                    best_end = j;
                    break;
                }
            /* past a possessive only along an alias that has one there */
            if (r->tok[j].flags & TOK_POSS) node = edge_get(p, from, poss_hash(r->tok[j].h));
            if (node == NONE) break;
        }
        if (best == NONE) {
            i++;
            continue;
        }
        const alias *a = &p->aliases[best];
        if (push_match(r, (match){i, best_end, best, a->entity, (a->flags & (AF_DEF | AF_CTX)) != 0, 0}))
            return FL_ENOMEM;
        i = best_end + 1;
    }
    return FL_OK;
}

/* "Full Name (ACR)": the bracketed capitals name the entity just matched,
** here and in the rest of the document, when they begin with the letter
** the match begins with: in "... Advisory Mission-Mali (RAM-M)" the
** capitals name the longer name the name finder makes (names.h), not
** "Mali". */
typedef struct acronym {
    uint64_t h[4];
    size_t n;
    uint32_t entity;
} acronym;

static size_t skip_spaces(const char *text, size_t n, size_t i) {
    while (i < n && (text[i] == ' ' || text[i] == '\t')) i++;
    return i;
}

/* Do the ASCII letters A and B agree, case aside ("al-Qaeda ... (AQIM)")? */
static int same_initial(char a, char b) {
    if (a >= 'a' && a <= 'z') a = (char)(a - 'a' + 'A');
    if (b >= 'a' && b <= 'z') b = (char)(b - 'a' + 'A');
    return a == b;
}

static int find_acronyms(const gaz_pack *p, run *r, char *covered, const char *text, size_t n) {
    acronym defs[64];
    size_t nd = 0, nm = r->nm;
    (void)p;
    for (size_t k = 0; k < nm && nd < 64; k++) {
        match *m = &r->m[k];
        size_t t = m->t1 + 1;
        size_t at = skip_spaces(text, n, r->tok[m->t1].end);
        if (t >= r->n || at >= n || text[at] != '(' || skip_spaces(text, n, at + 1) != r->tok[t].start)
            continue;
        size_t u = t;
        while (u < r->n && u - t < 4 && (r->tok[u].flags & (TOK_UPPER | TOK_DIGIT)) &&
               (u == t || !(r->tok[u].flags & TOK_BREAK))) {
            size_t close = skip_spaces(text, n, r->tok[u].end);
            if (close < n && text[close] == ')') break;
            u++;
        }
        if (u >= r->n || u - t >= 4 || !(r->tok[t].flags & TOK_UPPER)) continue;
        size_t close = skip_spaces(text, n, r->tok[u].end);
        if (close >= n || text[close] != ')' || !same_initial(text[r->tok[m->t0].start], text[r->tok[t].start]))
            continue;
        acronym *d = &defs[nd++];
        d->n = u - t + 1;
        d->entity = m->entity;
        for (size_t x = 0; x < d->n; x++) d->h[x] = r->tok[t + x].h;
    }
    if (!nd) return FL_OK;
    /* Re-point pack matches of the same capitals, then add the others. */
    for (size_t k = 0; k < nm; k++) {
        match *m = &r->m[k];
        for (size_t d = 0; d < nd; d++) {
            if (defs[d].n != m->t1 - m->t0 + 1) continue;
            size_t x = 0;
            while (x < defs[d].n && defs[d].h[x] == r->tok[m->t0 + x].h) x++;
            if (x == defs[d].n && (r->tok[m->t0].flags & TOK_UPPER)) {
                m->entity = defs[d].entity;
                m->weak = 0;
            }
        }
    }
    int rc = FL_OK;
    for (size_t i = 0; rc == FL_OK && i < r->n; i++) {
        if (covered[i] || !(r->tok[i].flags & TOK_UPPER)) continue;
        for (size_t d = 0; d < nd; d++) {
            size_t x = 0;
            while (x < defs[d].n && i + x < r->n && !covered[i + x] &&
                   defs[d].h[x] == r->tok[i + x].h && (r->tok[i + x].flags & (TOK_UPPER | TOK_DIGIT)) &&
                   (x == 0 || !(r->tok[i + x].flags & TOK_BREAK)))
                x++;
            if (x == defs[d].n) {
                rc = push_match(r, (match){i, i + x - 1, NONE, defs[d].entity, 0, 0});
                for (size_t y = i; y < i + x; y++) covered[y] = 1;
                break;
            }
        }
    }
    return rc;
}

static int cmp_match(const void *a, const void *b) {
    const match *x = a, *y = b;
    return x->t0 < y->t0 ? -1 : x->t0 > y->t0;
}

/* Is token I a capitalised word that no match covers and no stop list
** names (the "Michael" of "Michael Jordan")? */
static int loose_name(const gaz_pack *p, const run *r, const char *covered, size_t i) {
    const token *t = &r->tok[i];
    return (t->flags & TOK_CAP) && !(t->flags & TOK_DIGIT) && !covered[i] && !set_has(&p->stop, t->h);
}

/* The entities a document names firmly, as a small hash set of entity
** numbers: a flag per pack entity would mean clearing tens of kilobytes
** for every document. */
typedef struct idset {
    uint32_t *slot;        /* entity + 1, 0 empty */
    size_t mask;
} idset;

static int idset_init(idset *s, size_t n) {
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    s->mask = cap - 1;
    s->slot = calloc(cap, sizeof *s->slot);
    return s->slot ? FL_OK : FL_ENOMEM;
}

/* The slot of entity E: where it is, or the empty one where it goes. */
static size_t idset_find(const idset *s, uint32_t e) {
    size_t j = (size_t)(e * 2654435761u) & s->mask;
    while (s->slot[j] && s->slot[j] != e + 1) j = (j + 1) & s->mask;
    return j;
}

static void idset_add(idset *s, uint32_t e) { s->slot[idset_find(s, e)] = e + 1; }

static int idset_has(const idset *s, uint32_t e) { return s->slot[idset_find(s, e)] != 0; }

/* The word before match M's first word, in the same phrase, or NULL. */
static const token *word_before(const run *r, const match *m) {
    return m->t0 > 0 && !(r->tok[m->t0].flags & TOK_BREAK) ? &r->tok[m->t0 - 1] : NULL;
}

/* The word after match M's last word, in the same phrase, or NULL. */
static const token *word_after(const run *r, const match *m) {
    return m->t1 + 1 < r->n && !(r->tok[m->t1 + 1].flags & TOK_BREAK) &&
                   !(r->tok[m->t1].flags & TOK_POSS)
               ? &r->tok[m->t1 + 1]
               : NULL;
}

static unsigned long span_number(const char *s, size_t n) {
    unsigned long x = 0;
    for (size_t i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++) x = x * 10 + (unsigned long)(s[i] - '0');
    return x;
}

/* Is match M firmly a place of COUNTRY (whose id is ID[0..N)): the
** country itself, or a place of it that needs no evidence of its own? */
static int place_of(const gaz_pack *p, const match *m, uint32_t country, const char *id, size_t n) {
    if (m->drop) return 0;
    if (m->entity == country) return 1;
    const gaz_entity *e = &p->ents[m->entity];
    size_t vn;
    const char *v = strcmp(e->type, "place") == 0 ? gaz_attr(e, "country", &vn) : NULL;
    if (!v || vn != n || memcmp(v, id, n) != 0) return 0;
    const char *pop = gaz_attr(e, "population", &vn);
    return e->prio == 2 || p->metonym[m->entity] != NONE || (pop && span_number(pop, vn) >= p->city_min_pop);
}

/* A generated city counts only with evidence that the word is a place
** here (surnames and words such as "Obama", "Taylor", "Auch" are far more
** often what they are than towns): it is big (city-min-population), a
** locative word comes before it ("in Taylor", "north of Taylor"), or the way addresses are
** written says so: its country or a firm place of it follows after a
** comma within city-window words ("Ende, Indonesia", "Bagnoli, Naples"),
** or comes just before it with a possessive ("Mali's Douentza"). Matches
** are in text order. */
/* BEFORE, or the word before it when BEFORE is "of" in the same phrase
** ("southeast of Agadez", "the town of Ende"). */
static const token *of_skipped(const run *r, const token *before) {
    if (before && before->h == folded_hash("of", 2) && before > r->tok && !(before->flags & TOK_BREAK))
        return before - 1;
    return before;
}

/* Does COUNTRY, or a firm place of it, follow match K after a comma within
** city-window words, the way addresses are written ("Ende, Indonesia",
** "Doha, Qatar")? */
static int address_follows(const gaz_pack *p, const run *r, size_t k, uint32_t country) {
    const match *m = &r->m[k];
    if (country == NONE || k + 1 >= r->nm || m->t1 + 1 >= r->n || !(r->tok[m->t1 + 1].flags & TOK_BREAK) ||
        r->m[k + 1].t0 > m->t1 + p->city_window)
        return 0;
    const gaz_entity *c = &p->ents[country];
    return place_of(p, &r->m[k + 1], country, c->id, strlen(c->id));
}

static int city_evidence(const gaz_pack *p, const run *r, size_t k) {
    const match *m = &r->m[k];
    const gaz_entity *e = &p->ents[m->entity];
    size_t n;
    const char *v = gaz_attr(e, "population", &n);
    if (!p->city_min_pop || (v && span_number(v, n) >= p->city_min_pop)) return 1;
    const token *before = of_skipped(r, word_before(r, m));
    if (before && set_has(&p->loc_before, before->h)) return 1;
    const char *c = gaz_attr(e, "country", &n);
    uint32_t country = c ? ent_find(p, c, n) : NONE;
    if (country == NONE) return 0;
    if (k > 0 && r->m[k - 1].t1 + 1 == m->t0 && (r->tok[r->m[k - 1].t1].flags & TOK_POSS) &&
        place_of(p, &r->m[k - 1], country, c, n))
        return 1;
    if (k + 1 < r->nm && m->t1 + 1 < r->n && (r->tok[m->t1 + 1].flags & TOK_BREAK) &&
        r->m[k + 1].t0 <= m->t1 + p->city_window && place_of(p, &r->m[k + 1], country, c, n))
        return 1;
    return 0;
}

/* Is match M one of a list of towns: "and" then "cities" or "towns"
** within four words after it ("Damascus and most other major cities"), or
** one of those words up to three words before it ("cities such as
** Tripoli")? Such a capital is the city, not its government. */
static int among_cities(const run *r, const match *m) {
    uint64_t cities = folded_hash("cities", 6), towns = folded_hash("towns", 5);
    size_t j = m->t1 + 1;
    if (j < r->n && !(r->tok[j].flags & TOK_BREAK) && r->tok[j].h == folded_hash("and", 3))
        for (size_t k = j + 1; k < r->n && k <= j + 4 && !(r->tok[k].flags & TOK_BREAK); k++)
            if (r->tok[k].h == cities || r->tok[k].h == towns) return 1;
    for (size_t k = m->t0, n = 0; k > 0 && n < 3 && !(r->tok[k].flags & TOK_BREAK); k--, n++)
        if (r->tok[k - 1].h == cities || r->tok[k - 1].h == towns) return 1;
    return 0;
}

static int resolve(const gaz_pack *p, run *r, char *covered) {
    for (size_t k = 0; k < r->nm; k++) {
        match *m = &r->m[k];
        if (m->alias == NONE) continue;
        const alias *a = &p->aliases[m->alias];
        const token *before = word_before(r, m), *after = word_after(r, m);
        /* Personal-name test for "{given}" aliases and for every bulk
        ** generated place: "Alissa Pavia", "Frederick Kempe" (but "the
        ** Istanbul Summit" is a place). */
        if ((a->flags & AF_GIVEN) || p->ents[m->entity].prio < 2) {
            int prev = before && loose_name(p, r, covered, m->t0 - 1);
            int next = after && loose_name(p, r, covered, m->t1 + 1) && !set_has(&p->loc_after, after->h);
            if (prev || next) m->drop = 1;
        }
        uint32_t to = p->metonym[m->entity];
        if (to == NONE && p->ents[m->entity].prio < 2 && !m->drop && !city_evidence(p, r, k)) m->drop = 1;
        if (to != NONE && !m->drop) {
            const token *loc = of_skipped(r, before);
            int place = (loc && set_has(&p->loc_before, loc->h)) || (after && set_has(&p->loc_after, after->h)) ||
                        address_follows(p, r, k, to) || among_cities(r, m);
            if (!place) m->entity = to;
        }
    }
    idset present;
    if (idset_init(&present, r->nm)) return FL_ENOMEM;
    for (size_t k = 0; k < r->nm; k++)
        if (!r->m[k].drop && !r->m[k].weak) idset_add(&present, r->m[k].entity);
    /* A weak match whose condition holds makes its entity present, which
    ** may hold another's ("House" needs "Congress", which needs the US):
    ** a few rounds, then what still fails is dropped. */
    for (int round = 0, more = 1; more && round < 4; round++) {
        more = 0;
        for (size_t k = 0; k < r->nm; k++) {
            match *m = &r->m[k];
            if (!m->weak || m->drop || idset_has(&present, m->entity)) continue;
            const alias *a = &p->aliases[m->alias];
            if (!(a->flags & AF_DEF) && (!(a->flags & AF_CTX) || idset_has(&present, a->ctx))) {
                idset_add(&present, m->entity);
                more = 1;
            }
        }
    }
    for (size_t k = 0; k < r->nm; k++) {
        match *m = &r->m[k];
        if (!m->weak || m->drop) continue;
        const alias *a = &p->aliases[m->alias];
        if ((a->flags & AF_DEF) && !idset_has(&present, m->entity)) m->drop = 1;
        if ((a->flags & AF_CTX) && !idset_has(&present, a->ctx)) m->drop = 1;
    }
    free(present.slot);
    return FL_OK;
}

/* Capitalised phrases of two or more words that nothing matched. */
static int find_candidates(const gaz_pack *p, const run *r, const char *covered, gaz_result *out) {
    size_t cap = 0;
    for (size_t i = 0; i < r->n;) {
        if (!loose_name(p, r, covered, i) || (r->tok[i].flags & TOK_UPPER && r->tok[i].end - r->tok[i].start < 2)) {
            i++;
            continue;
        }
        size_t j = i, last = i, caps = 1;
        while (j + 1 < r->n && !(r->tok[j + 1].flags & TOK_BREAK) && !(r->tok[j].flags & TOK_POSS)) {
            if (loose_name(p, r, covered, j + 1)) {
                j++;
                last = j;
                caps++;
            } else if (set_has(&p->connector, r->tok[j + 1].h) && !covered[j + 1]) {
                j++;
            } else {
                break;
            }
        }
        if (caps >= 2) {
            if (grow((void **)&out->candidates, &cap, out->n_candidates + 1, sizeof *out->candidates))
                return FL_ENOMEM;
            out->candidates[out->n_candidates++] =
                (annot_mention){r->tok[i].start, r->tok[last].end, NULL};
        }
        i = last + 1;
    }
    return FL_OK;
}

int gaz_annotate(const gaz_pack *p, const char *text, size_t n, const tok_words *words, gaz_result *out,
                 char **errmsg) {
    memset(out, 0, sizeof *out);
    run r = {0};
    char *covered = NULL;
    int rc = hash_words(&r, text, words);
    if (rc == FL_OK) rc = match_all(p, &r);
    size_t n_pack = r.nm;
    if (rc == FL_OK) {
        covered = calloc(r.n + 1, 1);
        if (!covered) rc = FL_ENOMEM;
    }
    if (rc == FL_OK) {
        for (size_t k = 0; k < r.nm; k++)
            for (size_t x = r.m[k].t0; x <= r.m[k].t1; x++) covered[x] = 1;
        rc = find_acronyms(p, &r, covered, text, n);
    }
    if (rc == FL_OK) {
        if (r.nm != n_pack) qsort(r.m, r.nm, sizeof *r.m, cmp_match);
        rc = resolve(p, &r, covered);
    }
    if (rc == FL_OK) {
        size_t kept = 0;
        for (size_t k = 0; k < r.nm; k++) kept += !r.m[k].drop;
        out->mentions = malloc((kept + 1) * sizeof *out->mentions);
        if (!out->mentions) rc = FL_ENOMEM;
        for (size_t k = 0; rc == FL_OK && k < r.nm; k++) {
            const match *m = &r.m[k];
            if (m->drop) {
                for (size_t x = m->t0; x <= m->t1; x++) covered[x] = 0;
                continue;
            }
            out->mentions[out->n_mentions++] =
                (annot_mention){r.tok[m->t0].start, r.tok[m->t1].end, p->ents[m->entity].id};
        }
    }
    if (rc == FL_OK) rc = find_candidates(p, &r, covered, out);
    free(covered);
    free(r.tok);
    free(r.m);
    if (rc) {
        gaz_result_release(out);
        return err_set(errmsg, rc, "entity linking: %s", fl_strerror(rc));
    }
    return FL_OK;
}

const gaz_local *gaz_result_local(const gaz_result *r, const char *id) {
    size_t lo = 0, hi = r && id ? r->n_locals : 0;
    while (lo < hi) {   /* names_find leaves them sorted by id */
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(r->locals[mid].id, id);
        if (!c) return &r->locals[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

int gaz_word_class(const gaz_pack *p, const char *fold, size_t n) {
    uint64_t h = folded_hash(fold, n);
    return (set_has(&p->stop, h) ? GAZ_WORD_STOP : 0) | (set_has(&p->connector, h) ? GAZ_WORD_CONNECTOR : 0) |
           (set_has(&p->common, h) ? GAZ_WORD_COMMON : 0);
}

void gaz_result_release(gaz_result *r) {
    if (!r) return;
    free(r->mentions);
    free(r->candidates);
    for (size_t i = 0; i < r->n_locals; i++) {
        free(r->locals[i].id);
        free(r->locals[i].name);
    }
    free(r->locals);
    memset(r, 0, sizeof *r);
}
