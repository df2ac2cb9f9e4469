/*
** doc.c: the document pipeline and the annotation document (see doc.h).
** It calls each stage in order and passes each one's output to the next;
** it holds no stage logic of its own.
*/
#include "doc.h"

#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "claim.h"
#include "date.h"
#include "docmeta.h"
#include "err.h"
#include "gazetteer.h"
#include "json_text.h"
#include "lang.h"
#include "lex.h"
#include "names.h"
#include "pdf.h"
#include "normalize.h"
#include "parse.h"
#include "read.h"
#include "reject.h"
#include "relation.h"
#include "stance.h"
#include "banned.h"

/* Nettle's SHA-256, not OpenSSL's: OpenSSL 3 loads and configures its
** provider on first use, several milliseconds a process, which every
** one-shot command paid. */
static void sha256_hex(const char *data, size_t n, char out[65]) {
    uint8_t md[SHA256_DIGEST_SIZE];
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, n, (const uint8_t *)data);
    sha256_digest(&ctx, sizeof md, md);
    for (unsigned i = 0; i < sizeof md; i++) snprintf(out + 2 * i, 3, "%02x", md[i]);
}

void fl_doc_free(fl_doc *doc) {
    if (!doc) return;
    free(doc->source);
    extract_release(&doc->meta);
    free(doc->text);
    seg_release(&doc->seg);
    tok_words_release(&doc->words);
    gaz_result_release(&doc->ents);
    free(doc->dates);
    free(doc->rels);
    free(doc->claims);
    free(doc->stances);
    free(doc);
}

/* The vocabularies of the rule stages in one union, so that each token is
** classified once for all three (lex.h). Built on first use; NULL when a
** stage's patterns cannot load (that stage then reports it itself). */
static lx_union rule_words;
static const lx_union *rule_union;
static pthread_once_t rule_once = PTHREAD_ONCE_INIT;

static void rule_union_build(void) {
    const lx_vocab *vs[] = {date_vocab(), rel_vocab(), claim_vocab()};
    if (vs[0] && vs[1] && vs[2] && lx_union_build(&rule_words, vs, 3) == FL_OK)
        rule_union = &rule_words;
}

/* The rule stages read the text a window at a time: a window is whole
** paragraphs (whole sentences when one paragraph is larger) of at most
** WINDOW_BYTES, so that their tokens and copies take memory in proportion
** to the window, not to a very large document. A document under the size
** is one window; in a larger one, what crosses a window's edge (a pronoun
** for an entity of the window before, a quotation's speaker named there)
** is not read. */
#define WINDOW_BYTES (1u << 20)

/* The end (a sentence index) of the window of SEG of at most BYTES that
** begins at S0. */
static size_t window_end(const seg_result *seg, size_t s0, size_t bytes) {
    size_t limit = seg->sents[s0].start + bytes, para_end = s0, s = s0 + 1;
    for (; s < seg->n_sents && seg->sents[s].end <= limit; s++)
        if (seg->sents[s].para != seg->sents[s - 1].para) para_end = s;
    return s == seg->n_sents || para_end == s0 ? s : para_end;
}

/* Appends N items of SIZE bytes at SRC to the array *DST of *N_DST items. */
static int append(void *dst, size_t *n_dst, const void *src, size_t n, size_t size) {
    if (!n) return FL_OK;
    void **d = dst;
    char *grown = realloc(*d, (*n_dst + n) * size);
    if (!grown) return FL_ENOMEM;
    memcpy(grown + *n_dst * size, src, n * size);
    *d = grown;
    *n_dst += n;
    return FL_OK;
}

/* Dates, relations and claims of the sentences of the window W (a view of
** the document's segmentation), appended to D's; dates alone unless
** WITH_FACTS (relations, claims and stances: the parse's costly part). */
static int annotate_window(fl_doc *d, const seg_result *w, int with_facts, char **errmsg) {
    lx_sents ls = {0};
    annot_date *dates = NULL;
    annot_relation *rels = NULL;
    annot_claim *claims = NULL;
    annot_stance *stances = NULL;
    size_t n_dates = 0, n_rels = 0, n_claims = 0, n_stances = 0;
    size_t a = w->sents[0].start, b = w->sents[w->n_sents - 1].end;
    const annot_mention *m = d->ents.mentions;
    size_t m0 = annot_mention_at(m, d->ents.n_mentions, a), m1 = annot_mention_at(m, d->ents.n_mentions, b);
    int rc = lx_sents_lex(&ls, d->text, d->text_len, w, rule_union) ? err_set(errmsg, FL_ENOMEM, "out of memory")
                                                                     : FL_OK;
    if (rc == FL_OK)
        rc = date_find_sents(d->text, d->text_len, w, &ls, d->meta.published, &dates, &n_dates, errmsg);
    if (rc == FL_OK && with_facts)
        rc = rel_extract_sents(d->text, d->text_len, w, &ls, m + m0, m1 - m0, dates, n_dates, &rels, &n_rels,
                               errmsg);
    if (rc == FL_OK && with_facts)
        rc = claim_extract_sents(d->text, d->text_len, w, &ls, m + m0, m1 - m0, &claims, &n_claims, errmsg);
    if (rc == FL_OK && with_facts)
        rc = stance_find(d->text, d->text_len, rels, n_rels, m + m0, m1 - m0, claims, n_claims, &stances, &n_stances,
                         errmsg);
    for (size_t i = 0; i < n_stances; i++) stances[i].rel += d->n_rels;   /* the document's numbering */
    lx_sents_release(&ls);
    if (rc == FL_OK && (append(&d->stances, &d->n_stances, stances, n_stances, sizeof *stances) ||
                        append(&d->dates, &d->n_dates, dates, n_dates, sizeof *dates) ||
                        append(&d->rels, &d->n_rels, rels, n_rels, sizeof *rels) ||
                        append(&d->claims, &d->n_claims, claims, n_claims, sizeof *claims)))
        rc = err_set(errmsg, FL_ENOMEM, "out of memory");
    free(dates);
    free(rels);
    free(claims);
    free(stances);
    return rc;
}

/* The entity stages read a text of more than ENT_WINDOW_BYTES a window at
** a time too: whole paragraphs (whole sentences when one paragraph is
** larger) of about that size, each tokenized, linked and searched for
** names on its own. Their arrays (a word takes 16 bytes in tok_words and
** about 24 more in each of the two stages) then grow with the window, not
** with the document, and the document keeps no words (the store tokenizes
** such a text afresh). A smaller text is one window, its words made once
** and kept. What crosses an edge is not read: an acronym defined in an
** earlier window, a surname whose full name came there. */
#define ENT_WINDOW_BYTES (4u << 20)

static int cmp_local(const void *a, const void *b) {
    return strcmp(((const gaz_local *)a)->id, ((const gaz_local *)b)->id);
}

/* Moves the window's result W (its offsets counted from the window's start
** AT) to the end of D's: mentions and candidates shifted; W's own entities
** added, but one D has already (the same id) is dropped, D keeping the
** longer name, and W's mentions of it point at D's id. W is left empty. */
static int ents_merge(gaz_result *d, gaz_result *w, size_t at) {
    for (size_t i = 0; i < w->n_mentions; i++) {
        annot_mention *m = &w->mentions[i];
        const gaz_local *mine = gaz_result_local(w, m->id);
        const gaz_local *had = mine && mine->id == m->id ? gaz_result_local(d, m->id) : NULL;
        m->start += at;
        m->end += at;
        if (had) m->id = had->id;
    }
    for (size_t i = 0; i < w->n_candidates; i++) {
        w->candidates[i].start += at;
        w->candidates[i].end += at;
    }
    int rc = append(&d->mentions, &d->n_mentions, w->mentions, w->n_mentions, sizeof *w->mentions) ||
                     append(&d->candidates, &d->n_candidates, w->candidates, w->n_candidates, sizeof *w->candidates)
                 ? FL_ENOMEM
                 : FL_OK;
    size_t n_old = d->n_locals, kept = 0;
    for (size_t i = 0; rc == FL_OK && i < w->n_locals; i++) {
        gaz_local *l = &w->locals[i];
        gaz_local *had = (gaz_local *)gaz_result_local(d, l->id);   /* among the first n_old: sorted */
        if (!had) {
            w->locals[kept++] = *l;
            continue;
        }
        if (strlen(l->name) > strlen(had->name)) {
            char *t = had->name;
            had->name = l->name;
            l->name = t;
        }
        free(l->id);
        free(l->name);
    }
    if (rc == FL_OK) w->n_locals = kept;
    if (rc == FL_OK && append(&d->locals, &d->n_locals, w->locals, kept, sizeof *w->locals)) rc = FL_ENOMEM;
    if (rc == FL_OK) {
        w->n_locals = 0;   /* D owns their strings now */
        if (d->n_locals > n_old) qsort(d->locals, d->n_locals, sizeof *d->locals, cmp_local);
    }
    gaz_result_release(w);
    return rc;
}

/* Entities of D's text A..B (a window of a large text), added to D's. */
static int entities_window(fl_doc *d, const gaz_pack *pack, size_t a, size_t b, char **errmsg) {
    tok_words ws;
    gaz_result w = {0};
    int rc = tok_words_make(d->text + a, b - a, &ws) == FL_OK ? FL_OK : err_set(errmsg, FL_ENOMEM, "out of memory");
    if (rc == FL_OK) rc = gaz_annotate(pack, d->text + a, b - a, &ws, &w, errmsg);
    if (rc == FL_OK) rc = names_find(pack, d->text + a, b - a, &ws, &w, errmsg);
    tok_words_release(&ws);
    if (rc == FL_OK && (rc = ents_merge(&d->ents, &w, a)) != FL_OK) err_set(errmsg, rc, "out of memory");
    gaz_result_release(&w);   /* when a stage failed */
    return rc;
}

/* Entities: the pack's, then the document's own names; a window at a time
** in a large text (above). */
static int entities(fl_doc *d, const gaz_pack *pack, char **errmsg) {
    if (d->text_len <= ENT_WINDOW_BYTES || d->seg.n_sents < 2) {
        int rc = tok_words_make(d->text, d->text_len, &d->words) == FL_OK ? FL_OK
                                                                         : err_set(errmsg, FL_ENOMEM, "out of memory");
        if (rc == FL_OK) rc = gaz_annotate(pack, d->text, d->text_len, &d->words, &d->ents, errmsg);
        return rc == FL_OK ? names_find(pack, d->text, d->text_len, &d->words, &d->ents, errmsg) : rc;
    }
    int rc = FL_OK;
    for (size_t s0 = 0, s1, a = 0, b; rc == FL_OK && s0 < d->seg.n_sents; s0 = s1, a = b) {
        s1 = window_end(&d->seg, s0, ENT_WINDOW_BYTES);
        b = s1 < d->seg.n_sents ? d->seg.sents[s1].start : d->text_len;
        rc = entities_window(d, pack, a, b, errmsg);
    }
    return rc;
}

/* The annotate stages: entities first (the pack's, then the document's own
** names), since relations and quotes are built on their mentions; dates
** need only the text. The rule stages read the same sentences, lexed once
** per window. */
static int annotate(fl_doc *d, int with_facts, char **errmsg) {
    const gaz_pack *pack = NULL;
    int rc = gaz_default(&pack, errmsg);
    if (rc == FL_OK) rc = entities(d, pack, errmsg);
    if (rc == FL_OK) rej_filter(rej_default(), &d->ents, d->sha256);
    if (rc == FL_OK) pthread_once(&rule_once, rule_union_build);
    for (size_t s0 = 0, s1; rc == FL_OK && s0 < d->seg.n_sents; s0 = s1) {
        s1 = window_end(&d->seg, s0, WINDOW_BYTES);
        seg_result w = {d->seg.paras, d->seg.n_paras, d->seg.sents + s0, s1 - s0};
        rc = annotate_window(d, &w, with_facts, errmsg);
    }
    return rc;
}

int fl_annotate_load(char **errmsg) {
    const gaz_pack *pack = NULL;
    const parse_model *model = NULL;
    int rc = gaz_default(&pack, errmsg);
    if (rc == FL_OK) pthread_once(&rule_once, rule_union_build);
    if (rc == FL_OK && !rule_union)   /* a lexicon did not load: say which */
        if ((rc = date_init(NULL, errmsg)) == FL_OK && (rc = rel_init(NULL, errmsg)) == FL_OK)
            rc = claim_init(NULL, errmsg);
    if (rc == FL_OK) rc = stance_init(NULL, errmsg);
    return rc == FL_OK ? parse_default(&model, errmsg) : rc;
}

/* segment (sentences, words) -> annotate, on the document's normalised
** text: what a new document and a stored one read again both go through. */
static int segment_and_annotate(fl_doc *d, int with_facts, char **errmsg) {
    int rc = seg_split(d->text, d->text_len, &d->seg, errmsg);
    return rc == FL_OK ? annotate(d, with_facts, errmsg) : rc;
}

/* A text's own metadata (docmeta.h): its front matter is no body text and
** wins over the extractor's guesses; its byline and dateline come last. */
static int extract_plain(fl_doc *d, const char *utf8, size_t n, int format, char **errmsg) {
    extract_result fm;
    size_t body = 0;
    int rc = dm_front_matter(utf8, n, &fm, &body);
    if (rc != FL_OK) return err_set(errmsg, rc, "out of memory");
    rc = format == READ_MARKDOWN ? extract_markdown(utf8 + body, n - body, &d->meta, errmsg)
                                 : extract_text(utf8 + body, n - body, &d->meta, errmsg);
    if (rc == FL_OK) rc = dm_override(&d->meta, &fm);
    if (rc == FL_OK) rc = dm_text_lines(utf8 + body, n - body, &d->meta);
    extract_release(&fm);
    return rc == FL_OK || (errmsg && *errmsg) ? rc : err_set(errmsg, rc, "out of memory");
}

/* extract -> normalise, on the UTF-8 text UTF8 (released once extracted,
** so that a large input is held twice at most, not three times): the
** document's text and metadata. */
static int make_text(fl_doc *d, buf *utf8, int format, const fl_meta *given, char **errmsg) {
    const char *u = buf_cstr(utf8);
    int rc = format == READ_HTML ? extract_html(u, utf8->len, &d->meta, errmsg)
                                 : extract_plain(d, u, utf8->len, format, errmsg);
    buf_release(utf8);
    if (rc == FL_OK && (rc = dm_given(&d->meta, given)) != FL_OK) err_set(errmsg, rc, "out of memory");
    if (rc == FL_OK) rc = norm_text(d->meta.body, d->meta.body_len, &d->text, &d->text_len, errmsg);
    free(d->meta.body);
    d->meta.body = NULL;
    d->meta.body_len = 0;
    return rc;
}

/* What the PDF R says of itself, under what the user said (GIVEN). */
static void pdf_meta(const pdf_result *r, fl_meta *given, const char **authors) {
    if (!given->title) given->title = r->title;
    if (!given->published) given->published = r->published;
    if (!given->n_authors && r->author) {
        authors[0] = r->author;
        given->authors = authors;
        given->n_authors = 1;
    }
}

/* A new document from the input bytes DATA[0..N): decode -> extract ->
** normalise, then segment -> annotate unless OPTS ask for the text only.
** OWNED, when not NULL, is the buffer holding DATA: it is released once
** the text is made, so that a large input's bytes and its decoded copy
** are not held while it is annotated (the annotation's arrays are the
** larger part of the memory an ingest takes). */
static int doc_make(const char *source, const char *data, size_t n, buf *owned, const fl_read_opts *opts,
                    fl_doc **out, char **note, char **errmsg) {
    int format = !opts || !opts->format               ? read_detect_format(source, data, n)
                 : strcmp(opts->format, "html") == 0     ? READ_HTML
                 : strcmp(opts->format, "markdown") == 0 ? READ_MARKDOWN
                                                         : READ_TEXT;
    pdf_result pdf = {0};
    fl_meta given = opts && opts->meta ? *opts->meta : (fl_meta){0};
    const char *pdf_authors[1];
    int is_pdf = !(opts && opts->format) && pdf_is(data, n), rc = FL_OK;
    if (is_pdf && (rc = pdf_read(data, n, &pdf, errmsg)) != FL_OK) {
        pdf_result_release(&pdf);
        return rc;
    }
    if (is_pdf) pdf_meta(&pdf, &given, pdf_authors);
    buf utf8;
    rc = is_pdf ? read_decode(buf_cstr(&pdf.text), pdf.text.len, READ_TEXT, &utf8, note, errmsg)
                : read_decode(data, n, format, &utf8, note, errmsg);
    if (is_pdf) format = READ_TEXT;
    if (rc != FL_OK) {
        pdf_result_release(&pdf);
        return rc;
    }
    fl_doc *d = calloc(1, sizeof *d);
    if (!d || !(d->source = read_utf8_name(source))) {
        free(d);
        buf_release(&utf8);
        pdf_result_release(&pdf);
        return err_set(errmsg, FL_ENOMEM, "out of memory");
    }
    sha256_hex(data, n, d->sha256);
    if (owned) buf_release(owned);   /* DATA is gone from here on */
    rc = make_text(d, &utf8, format, &given, errmsg);
    pdf_result_release(&pdf);
    if (rc == FL_OK && !(opts && opts->text_only)) {
        if (d->text_len >= UINT32_MAX)   /* words and tokens hold 32-bit offsets */
            rc = err_set(errmsg, FL_ETOOBIG, "text of %zu bytes: at most 4 GiB can be annotated", d->text_len);
        if (rc == FL_OK) {
            d->language = d->meta.language ? d->meta.language : lang_detect(d->text, d->text_len);
            rc = segment_and_annotate(d, 1, errmsg);
        }
    }
    if (rc != FL_OK) {
        fl_doc_free(d);
        if (note) {
            free(*note);
            *note = NULL;
        }
        return rc;
    }
    *out = d;
    return FL_OK;
}

int fl_doc_from_bytes(const char *source, const char *data, size_t n,
                      const fl_read_opts *opts, fl_doc **out, char **note,
                      char **errmsg) {
    *out = NULL;
    if (note) *note = NULL;
    return doc_make(source, data, n, NULL, opts, out, note, errmsg);
}

int doc_from_stored(const char *text, size_t n, const char *published, const char *language,
                    const char *sha256, int with_facts, fl_doc **out, char **errmsg) {
    *out = NULL;
    fl_doc *d = calloc(1, sizeof *d);
    int rc = d && (d->text = malloc(n + 1)) && (d->source = strdup("stored")) ? FL_OK : FL_ENOMEM;
    if (rc == FL_OK) {
        memcpy(d->text, text, n);
        d->text[n] = '\0';
        d->text_len = n;
        snprintf(d->sha256, sizeof d->sha256, "%s", sha256);
        if (published && !(d->meta.published = strdup(published))) rc = FL_ENOMEM;
        if (language && !(d->meta.language = strdup(language))) rc = FL_ENOMEM;
        d->language = d->meta.language ? d->meta.language : "und";
    }
    if (rc != FL_OK) err_set(errmsg, rc, "out of memory");
    if (rc == FL_OK) rc = segment_and_annotate(d, with_facts, errmsg);
    if (rc != FL_OK) {
        fl_doc_free(d);
        return rc;
    }
    *out = d;
    return FL_OK;
}

int fl_doc_read(const char *path, const fl_read_opts *opts, fl_doc **out,
                char **note, char **errmsg) {
    *out = NULL;
    if (note) *note = NULL;
    size_t max = opts && opts->max_bytes ? opts->max_bytes : READ_DEFAULT_MAX;
    buf raw;
    int rc = read_source(path, max, &raw, errmsg);
    if (rc != FL_OK) return rc;
    rc = doc_make(strcmp(path, "-") == 0 ? "stdin" : path, buf_cstr(&raw), raw.len, &raw, opts, out, note,
                  errmsg);
    buf_release(&raw);   /* when decoding failed */
    return rc;
}

const char *fl_doc_text(const fl_doc *doc, size_t *len) {
    if (len) *len = doc->text_len;
    return doc->text;
}

const char *fl_doc_title(const fl_doc *doc) { return doc->meta.title; }

const char *fl_doc_sha256(const fl_doc *doc) { return doc->sha256; }

size_t fl_doc_sentence_count(const fl_doc *doc) { return doc->seg.n_sents; }

/* ---- the annotation document ----------------------------------------- */

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *doc_header(const fl_doc *d) {
    json_t *authors = json_array();
    for (size_t i = 0; i < d->meta.n_authors; i++)
        json_array_append_new(authors, json_string(d->meta.authors[i]));
    return json_pack("{s:o, s:o, s:o, s:s, s:s, s:s, s:o, s:o}",
                     "title", str_or_null(d->meta.title), "authors", authors,
                     "published", str_or_null(d->meta.published), "language", d->language,
                     "source", d->source, "sha256", d->sha256,
                     "site_name", str_or_null(d->meta.site_name),
                     "url", str_or_null(d->meta.canonical_url));
}

/* The annotation document is written with a json_writer (json_text.h,
** the bytes json_dumps would write with JSON_INDENT(2)) into a buffer that
** is handed to the output after each item, so that a large document's
** annotation needs no tree, nor text, of all of it in memory. */
static void put_span(json_writer *w, const fl_doc *d, size_t start, size_t end, const char *text_key) {
    jw_key(w, "start", 5);
    jw_int(w, (int64_t)start);
    jw_key(w, "end", 3);
    jw_int(w, (int64_t)end);
    if (text_key) {
        jw_key(w, text_key, strlen(text_key));
        jw_string(w, d->text + start, end - start);
    }
}

static void put_str(json_writer *w, const char *key, const char *value) {
    jw_key(w, key, strlen(key));
    if (value) jw_string(w, value, strlen(value));
    else jw_literal(w, "null");
}

/* Hands what W's buffer holds to OUT once it holds enough. */
static int flush(json_writer *w, FILE *out, size_t enough) {
    if (w->out->rc || w->out->len < enough) return w->out->rc;
    if (fwrite(w->out->data, 1, w->out->len, out) != w->out->len) return FL_EIO;
    buf_reset(w->out);
    return FL_OK;
}

#define FLUSH_BYTES (64u << 10)

/* The entities in order of first mention: FIRST holds the index of each
** entity's first mention, in that order; NEXT the index of each mention's
** next one of the same entity (n: none). */
typedef struct entity_order {
    size_t *first, *next;
    size_t n;
} entity_order;

static int entity_order_make(const fl_doc *d, entity_order *o) {
    size_t n = d->ents.n_mentions;
    size_t *last = malloc((n ? n : 1) * sizeof *last);
    o->first = malloc((n ? n : 1) * sizeof *o->first);
    o->next = malloc((n ? n : 1) * sizeof *o->next);
    o->n = 0;
    json_t *by_id = json_object();   /* id -> entity number */
    int rc = last && o->first && o->next && by_id ? FL_OK : FL_ENOMEM;
    for (size_t i = 0; rc == FL_OK && i < n; i++) {
        const char *id = d->ents.mentions[i].id;
        json_t *k = json_object_get(by_id, id);
        o->next[i] = n;
        if (k) {
            size_t e = (size_t)json_integer_value(k);
            o->next[last[e]] = i;
            last[e] = i;
        } else if (json_object_set_new(by_id, id, json_integer((json_int_t)o->n))) {
            rc = FL_ENOMEM;
        } else {
            o->first[o->n] = last[o->n] = i;
            o->n++;
        }
    }
    free(last);
    json_decref(by_id);
    return rc;
}

/* Entities with all their mentions; "in_pack" is false for the
** document's own (names.h), which the analyst may add to the pack. */
static int put_entities(json_writer *w, FILE *out, const fl_doc *d) {
    entity_order o;
    const gaz_pack *pack = NULL;
    int rc = entity_order_make(d, &o);
    if (rc == FL_OK && gaz_default(&pack, NULL) != FL_OK) pack = NULL;
    jw_key(w, "entities", 8);
    jw_array(w);
    for (size_t i = 0; rc == FL_OK && i < o.n; i++) {
        const annot_mention *m = &d->ents.mentions[o.first[i]];
        const gaz_entity *g = pack ? gaz_get(pack, m->id) : NULL;
        const gaz_local *l = g ? NULL : gaz_result_local(&d->ents, m->id);
        jw_object(w);
        put_str(w, "id", m->id);
        put_str(w, "name", g ? g->name : l ? l->name : m->id);
        put_str(w, "type", g ? g->type : l ? l->type : "");
        jw_key(w, "in_pack", 7);
        jw_literal(w, g ? "true" : "false");
        jw_key(w, "mentions", 8);
        jw_array(w);
        for (size_t k = o.first[i]; rc == FL_OK && k < d->ents.n_mentions; k = o.next[k]) {
            jw_object(w);
            put_span(w, d, d->ents.mentions[k].start, d->ents.mentions[k].end, "text");
            jw_end(w);
            rc = flush(w, out, FLUSH_BYTES);
        }
        jw_end(w);
        jw_end(w);
    }
    jw_end(w);
    free(o.first);
    free(o.next);
    return rc;
}

static int put_sentences(json_writer *w, FILE *out, const fl_doc *d) {
    int rc = FL_OK;
    jw_key(w, "sentences", 9);
    jw_array(w);
    for (size_t i = 0; rc == FL_OK && i < d->seg.n_sents; i++) {
        jw_object(w);
        put_span(w, d, d->seg.sents[i].start, d->seg.sents[i].end, NULL);
        jw_key(w, "paragraph", 9);
        jw_int(w, (int64_t)d->seg.sents[i].para);
        jw_end(w);
        rc = flush(w, out, FLUSH_BYTES);
    }
    jw_end(w);
    return rc;
}

/* Capitalised phrases the pack does not know, for the analyst to add. */
static int put_candidates(json_writer *w, FILE *out, const fl_doc *d) {
    int rc = FL_OK;
    jw_key(w, "candidates", 10);
    jw_array(w);
    for (size_t i = 0; rc == FL_OK && i < d->ents.n_candidates; i++) {
        jw_object(w);
        put_span(w, d, d->ents.candidates[i].start, d->ents.candidates[i].end, "text");
        jw_end(w);
        rc = flush(w, out, FLUSH_BYTES);
    }
    jw_end(w);
    return rc;
}

static int put_dates(json_writer *w, FILE *out, const fl_doc *d) {
    int rc = FL_OK;
    jw_key(w, "dates", 5);
    jw_array(w);
    for (size_t i = 0; rc == FL_OK && i < d->n_dates; i++) {
        jw_object(w);
        put_span(w, d, d->dates[i].start, d->dates[i].end, "text");
        put_str(w, "value", d->dates[i].value);
        jw_end(w);
        rc = flush(w, out, FLUSH_BYTES);
    }
    jw_end(w);
    return rc;
}

/* The index of the sentence of D that starts at START (0 when none does). */
static size_t sentence_index(const fl_doc *d, size_t start) {
    size_t lo = 0, hi = d->seg.n_sents;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->seg.sents[mid].start < start) lo = mid + 1;
        else hi = mid;
    }
    return lo < d->seg.n_sents && d->seg.sents[lo].start == start ? lo : 0;
}

/* The "stance" list of relation REL: the stances from *K on that are its
** (stances come in relation order); *K moves past them. */
static void put_stances(json_writer *w, const fl_doc *d, size_t rel, size_t *k) {
    jw_key(w, "stance", 6);
    jw_array(w);
    while (*k < d->n_stances && d->stances[*k].rel < rel) (*k)++;
    for (; *k < d->n_stances && d->stances[*k].rel == rel; (*k)++) {
        const annot_stance *st = &d->stances[*k];
        jw_object(w);
        put_str(w, "holder", st->holder);
        put_str(w, "stance", stance_name(st->stance));
        jw_key(w, "sentence", 8);
        jw_int(w, (int64_t)sentence_index(d, st->start));
        jw_end(w);
    }
    jw_end(w);
}

static int put_relations(json_writer *w, FILE *out, const fl_doc *d) {
    int rc = FL_OK;
    size_t k = 0;
    jw_key(w, "relations", 9);
    jw_array(w);
    for (size_t i = 0; rc == FL_OK && i < d->n_rels; i++) {
        const annot_relation *r = &d->rels[i];
        jw_object(w);
        put_str(w, "subject", r->subject);
        put_str(w, "predicate", r->predicate);
        put_str(w, "object", r->object);
        put_str(w, "date", r->date[0] ? r->date : NULL);
        put_str(w, "modality", rel_modality_name(r->modality));
        jw_key(w, "sentence", 8);
        jw_string(w, d->text + r->start, r->end - r->start);
        put_span(w, d, r->start, r->end, NULL);
        put_stances(w, d, i, &k);
        jw_end(w);
        rc = flush(w, out, FLUSH_BYTES);
    }
    jw_end(w);
    return rc;
}

static int put_claims(json_writer *w, FILE *out, const fl_doc *d) {
    int rc = FL_OK;
    jw_key(w, "claims", 6);
    jw_array(w);
    for (size_t i = 0; rc == FL_OK && i < d->n_claims; i++) {
        const annot_claim *c = &d->claims[i];
        jw_object(w);
        put_str(w, "kind", claim_kind_name(c->kind));
        put_str(w, "speaker", c->speaker);
        jw_key(w, "text", 4);
        jw_string(w, d->text + c->start, c->end - c->start);
        put_span(w, d, c->start, c->end, NULL);
        jw_key(w, "about", 5);
        jw_array(w);
        for (size_t k = 0; k < c->n_about; k++) jw_string(w, c->about[k], strlen(c->about[k]));
        jw_end(w);
        jw_end(w);
        rc = flush(w, out, FLUSH_BYTES);
    }
    jw_end(w);
    return rc;
}

int fl_doc_json_write(const fl_doc *doc, FILE *out, char **errmsg) {
    buf b;
    json_writer w;
    buf_init(&b, BUF_NO_LIMIT);
    jw_init(&w, &b, JSON_INDENT(2));
    jw_object(&w);
    jw_key(&w, "document", 8);
    json_t *header = doc_header(doc);
    jw_value(&w, header);
    json_decref(header);
    jw_key(&w, "text", 4);
    jw_string(&w, doc->text, doc->text_len);
    int rc = flush(&w, out, 0);
    if (rc == FL_OK) rc = put_sentences(&w, out, doc);
    if (rc == FL_OK) rc = put_entities(&w, out, doc);
    if (rc == FL_OK) rc = put_candidates(&w, out, doc);
    if (rc == FL_OK) rc = put_dates(&w, out, doc);
    if (rc == FL_OK) rc = put_relations(&w, out, doc);
    if (rc == FL_OK) rc = put_claims(&w, out, doc);
    jw_end(&w);
    if (rc == FL_OK) rc = flush(&w, out, 0);
    buf_release(&b);
    if (rc == FL_EIO) return err_set(errmsg, rc, "json: cannot write: %s", strerror(errno));
    return rc == FL_OK ? FL_OK : err_set(errmsg, rc, "json: out of memory");
}

int fl_doc_json(const fl_doc *doc, char **json, char **errmsg) {
    size_t len;
    *json = NULL;
    FILE *f = open_memstream(json, &len);
    if (!f) return err_set(errmsg, FL_ENOMEM, "json: out of memory");
    int rc = fl_doc_json_write(doc, f, errmsg);
    if (fclose(f) && rc == FL_OK) rc = err_set(errmsg, FL_ENOMEM, "json: out of memory");
    if (rc != FL_OK) {
        free(*json);
        *json = NULL;
    }
    return rc;
}
