/*
** parse_model.c: the model file of the syntactic stage: its writer (for
** tools/train_parse.c), its checked reader (every count and offset is
** bounded before use, so a truncated or corrupt file is an error naming
** it, never a crash), the default model's once-per-process load, and the
** scoring of features against a table (the bucket search in AVX-512 or
** AVX2 when the CPU has them). The format is described in
** docs/internals/parse.md; integers are little-endian.
*/
#include <pthread.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* x86-64 with GCC or clang: the bucket search has AVX-512 and AVX2
** versions, chosen at run time (pm_isa_best), so the binary runs anywhere. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PM_SIMD 1
#include <immintrin.h>
#else
#define PM_SIMD 0
#endif

#include "parse_int.h"
#include "data.h"
#include "err.h"
#include "read.h"
#include "banned.h"

#define MAGIC "FLPARSE2"
#define TRAILER "END1"
#define MODEL_MAX ((size_t)512 << 20)

/* ---- writing ------------------------------------------------------------- */

static void put_u8(buf *b, unsigned v) { buf_putc(b, (char)(v & 0xff)); }

static void put_u16(buf *b, unsigned v) {
    put_u8(b, v);
    put_u8(b, v >> 8);
}

static void put_u32(buf *b, uint32_t v) {
    put_u16(b, v & 0xffff);
    put_u16(b, v >> 16);
}

static void put_str8(buf *b, const char *s) {
    size_t n = strlen(s);
    put_u8(b, (unsigned)n);
    buf_append(b, s, n);
}

static size_t pow2_above(size_t n) {
    size_t s = 16;
    while (s < n) s <<= 1;
    return s;
}

/* A feature's place in the file: by its 32-bit key, then as exported. */
typedef struct feat_order {
    uint32_t key32, index;
} feat_order;

static int by_key32(const void *a, const void *b) {
    const feat_order *x = a, *y = b;
    if (x->key32 != y->key32) return x->key32 < y->key32 ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Writes T's features in the order of their 32-bit keys, which is the
** order of the buckets the loader puts them in (pm_bucket_of): it fills
** its table front to back, a fast load. */
static int write_table(buf *out, const pm_export *t) {
    size_t data_len = 0;
    feat_order *order = malloc((t->n_feats + 1) * sizeof *order);
    if (!order) return FL_ENOMEM;
    for (size_t i = 0; i < t->n_feats; i++) order[i] = (feat_order){pm_key32(t->feats[i].key), (uint32_t)i};
    qsort(order, t->n_feats, sizeof *order, by_key32);
    for (size_t i = 0; i < t->n_feats; i++) data_len += 1 + 3 * (size_t)t->feats[i].count;
    put_u32(out, t->n_classes);
    put_u32(out, (uint32_t)t->n_feats);
    put_u32(out, (uint32_t)data_len);
    for (size_t i = 0; i < t->n_feats; i++) put_u32(out, order[i].key32);
    for (size_t i = 0; i < t->n_feats; i++) {
        const pm_feat *f = &t->feats[order[i].index];
        put_u8(out, f->count);
        for (uint32_t j = f->first; j < f->first + f->count; j++) {
            put_u8(out, t->cls[j]);
            put_u16(out, (uint16_t)t->w[j]);
        }
    }
    free(order);
    return FL_OK;
}

int pm_write(buf *out, const pm_export *tagger, const pm_export *parser,
             const char *const *labels, size_t n_labels, const lem_export *lem, const tag_lexicon *lex) {
    buf_append(out, MAGIC, 8);
    put_u32(out, (uint32_t)n_labels);
    for (size_t i = 0; i < n_labels; i++) put_str8(out, labels[i]);
    if (write_table(out, tagger) != FL_OK || write_table(out, parser) != FL_OK) return FL_ENOMEM;
    put_u32(out, (uint32_t)lem->n_exc);
    for (size_t i = 0; i < lem->n_exc; i++) {
        put_u8(out, lem->exc_upos[i]);
        put_str8(out, lem->exc_form[i]);
        put_str8(out, lem->exc_lemma[i]);
    }
    put_u32(out, (uint32_t)lem->n_rules);
    for (size_t i = 0; i < lem->n_rules; i++) {
        put_u8(out, lem->rule_upos[i]);
        put_str8(out, lem->rule_suffix[i]);
        put_u8(out, lem->rule_cut[i]);
        put_str8(out, lem->rule_add[i]);
    }
    put_u32(out, (uint32_t)lex->n);
    for (size_t i = 0; i < lex->n; i++) {
        put_u32(out, lex->key[i]);
        put_u32(out, lex->mask[i]);
    }
    uint32_t crc = (uint32_t)crc32(0, (const unsigned char *)out->data, (uInt)out->len);
    put_u32(out, crc);
    buf_append(out, TRAILER, 4);
    return out->rc;
}

/* ---- reading --------------------------------------------------------------- */

/* A bounded reader over the file's bytes: a read past the end sets BAD
** and yields zeros, so the loader checks once per section. */
typedef struct reader {
    const unsigned char *p, *end;
    int bad;
} reader;

static const unsigned char *take(reader *r, size_t n) {
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        return NULL;
    }
    const unsigned char *q = r->p;
    r->p += n;
    return q;
}

static uint32_t get_u8(reader *r) {
    const unsigned char *q = take(r, 1);
    return q ? q[0] : 0;
}

static uint32_t get_u16(reader *r) {
    const unsigned char *q = take(r, 2);
    return q ? (uint32_t)q[0] | (uint32_t)q[1] << 8 : 0;
}

static uint32_t get_u32(reader *r) {
    uint32_t lo = get_u16(r);
    return lo | get_u16(r) << 16;
}

/* A string of at most 255 bytes: its bytes (not NUL-terminated) and length. */
static const char *get_str8(reader *r, size_t *n) {
    *n = get_u8(r);
    return (const char *)take(r, *n);
}

/* Zeroed memory for the big tables, on huge pages when the system gives
** them: a random probe then costs a cache miss, not also a TLB miss and a
** page walk, and loading takes a few hundred page faults, not thousands.
** Freed with huge_free (the mapping's start and length are in *H). */
#define HUGE (2u << 20)

static void *huge_alloc(huge_block *h, size_t n) {
    h->len = n + HUGE;
    h->base = mmap(NULL, h->len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (h->base == MAP_FAILED) {
        h->base = NULL;
        return NULL;
    }
    char *p = (char *)(((uintptr_t)h->base + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
    madvise(p, n, MADV_HUGEPAGE);   /* a hint: without it, ordinary pages */
    return p;
}

static void huge_free(huge_block *h) {
    if (h->base) munmap(h->base, h->len);
    h->base = NULL;
}


/* Buckets for N features: about 0.6 full, so that few spill. */
static size_t buckets_for(size_t n) { return n / (PM_BUCKET * 6 / 10) + 1; }

/* The entry of a row of COUNT pairs at P (a class byte, a little-endian
** int16 each), whose long form, if it needs one, is at LONG_OFF or dense
** row number DENSE_NO; CHECK in its low bits. */
static uint64_t row_entry(uint64_t check, const unsigned char *p, uint32_t count, size_t long_off, size_t dense_no) {
    uint64_t e = check;
    if (count >= PM_DENSE_MIN)
        return e | (uint64_t)PM_DENSE << PM_CHECK_BITS | (uint64_t)dense_no << (PM_CHECK_BITS + 7);
    if (count > 2) return e | (uint64_t)PM_LONG << PM_CHECK_BITS | (uint64_t)long_off << (PM_CHECK_BITS + 7);
    for (uint32_t j = 0; j < count; j++) {
        uint64_t pair = p[3 * j] | (uint64_t)(p[3 * j + 1] | p[3 * j + 2] << 8) << 7;
        e |= pair << (PM_CHECK_BITS + 23 * j);
    }
    return e;
}

/* Puts entry E of the key KEY32 in its bucket, or the next with room
** (there is one: the table is never full). */
static void put_entry(pm_table *t, uint32_t key32, uint64_t e) {
    size_t b = pm_bucket_of(key32, t->n_buckets);
    for (;;) {
        uint64_t *q = t->bucket + b * PM_BUCKET;
        for (int j = 0; j < PM_BUCKET; j++)
            if (!q[j]) {
                q[j] = e;
                return;
            }
        b = b + 1 == t->n_buckets ? 0 : b + 1;
    }
}

/* Checks the features' rows (DATA, DATA_LEN bytes: per feature a count,
** then its pairs) against the table's classes, sizes the long and dense
** rows, then fills the buckets, LNG and DENSE. */
static int layout_table(pm_table *t, const unsigned char *keys, const unsigned char *data, size_t data_len,
                        const char **why) {
    size_t off = 0, lng = 0, dense = 0;
    for (uint32_t i = 0; i < t->n_feats; i++) {
        if (off >= data_len) return *why = "feature data shorter than its table", FL_EINVAL;
        uint32_t count = data[off];
        if (data_len - off - 1 < 3 * (size_t)count) return *why = "feature data shorter than its table", FL_EINVAL;
        for (uint32_t j = 0; j < count; j++)
            if (data[off + 1 + 3 * j] >= t->n_classes) return *why = "class out of range", FL_EINVAL;
        if (count >= PM_DENSE_MIN) dense++;
        else if (count > 2) lng += 1 + 3 * (size_t)count;
        off += 1 + 3 * (size_t)count;
    }
    if (off != data_len) return *why = "feature data longer than its table", FL_EINVAL;
    t->n_buckets = buckets_for(t->n_feats);
    t->stride = PM_STRIDE(t->n_classes);
    t->bucket = huge_alloc(&t->bucket_mem, t->n_buckets * PM_BUCKET * sizeof *t->bucket);
    t->lng = huge_alloc(&t->lng_mem, lng + 1);
    t->dense = huge_alloc(&t->dense_mem, (dense ? dense : 1) * t->stride * sizeof *t->dense);
    if (!t->bucket || !t->lng || !t->dense) return FL_ENOMEM;
    off = lng = dense = 0;
    for (uint32_t i = 0; i < t->n_feats; i++) {
        uint32_t key = (uint32_t)keys[4 * i] | (uint32_t)keys[4 * i + 1] << 8 | (uint32_t)keys[4 * i + 2] << 16 |
                       (uint32_t)keys[4 * i + 3] << 24;
        uint32_t count = data[off];
        const unsigned char *p = data + off + 1;
        if (key == 0) return *why = "bad feature key", FL_EINVAL;
        put_entry(t, key, row_entry(pm_check(key), p, count, lng, dense));
        if (count >= PM_DENSE_MIN) {
            int16_t *row = t->dense + dense++ * t->stride;
            for (uint32_t j = 0; j < count; j++) row[p[3 * j]] = (int16_t)(uint16_t)(p[3 * j + 1] | p[3 * j + 2] << 8);
        } else if (count > 2) {
            memcpy(t->lng + lng, data + off, 1 + 3 * (size_t)count);
            lng += 1 + 3 * (size_t)count;
        }
        off += 1 + 3 * (size_t)count;
    }
    t->lng_len = lng;
    return FL_OK;
}

static int read_table(reader *r, pm_table *t, uint32_t max_classes, const char **why) {
    t->n_classes = get_u32(r);
    t->n_feats = get_u32(r);
    uint32_t data_len = get_u32(r);
    if (r->bad || t->n_classes == 0 || t->n_classes > max_classes || t->n_classes > PM_MAX_CLASSES)
        return *why = "bad table header", FL_EINVAL;
    if ((size_t)(r->end - r->p) / 4 < t->n_feats) return *why = "truncated feature table", FL_EINVAL;
    const unsigned char *keys = take(r, (size_t)t->n_feats * 4);
    const unsigned char *data = take(r, data_len);
    if (!keys || !data) return *why = "truncated feature table", FL_EINVAL;
    return layout_table(t, keys, data, data_len, why);
}

static void table_release(pm_table *t) {
    huge_free(&t->bucket_mem);
    huge_free(&t->lng_mem);
    huge_free(&t->dense_mem);
}

/* Interns S[0..n) into the model's strings; returns its offset. */
static uint32_t add_string(buf *strings, const char *s, size_t n) {
    uint32_t off = (uint32_t)strings->len;
    buf_append(strings, s, n);
    return off;
}

static int read_lemmas(reader *r, parse_model *m, buf *strings, const char **why) {
    uint32_t n_exc = get_u32(r);
    if (r->bad || n_exc > (size_t)(r->end - r->p) / 3) return *why = "bad lemma table", FL_EINVAL;
    m->exc_slots = pow2_above((size_t)n_exc * 2);
    m->exc = calloc(m->exc_slots, sizeof *m->exc);
    if (!m->exc) return FL_ENOMEM;
    for (uint32_t i = 0; i < n_exc && !r->bad; i++) {
        int upos = (int)get_u8(r);
        size_t fn, ln;
        const char *form = get_str8(r, &fn), *lemma = get_str8(r, &ln);
        if (r->bad) break;
        uint64_t key = lem_key(upos, form, fn);
        size_t s = key & (m->exc_slots - 1);
        while (m->exc[s].key && m->exc[s].key != key) s = (s + 1) & (m->exc_slots - 1);
        m->exc[s].key = key;
        m->exc[s].lemma = add_string(strings, lemma, ln);
        m->exc[s].len = (uint16_t)ln;
    }
    uint32_t n_rules = get_u32(r);
    if (r->bad || n_rules > (size_t)(r->end - r->p) / 4) return *why = "bad lemma rules", FL_EINVAL;
    m->rule_slots = pow2_above((size_t)n_rules * 2);
    m->rules = calloc(m->rule_slots, sizeof *m->rules);
    if (!m->rules) return FL_ENOMEM;
    for (uint32_t i = 0; i < n_rules && !r->bad; i++) {
        int upos = (int)get_u8(r);
        size_t sn, an;
        const char *suffix = get_str8(r, &sn);
        uint32_t cut = get_u8(r);
        const char *add = get_str8(r, &an);
        if (r->bad) break;
        uint64_t key = lem_key(upos, suffix, sn);
        size_t s = key & (m->rule_slots - 1);
        while (m->rules[s].key && m->rules[s].key != key) s = (s + 1) & (m->rule_slots - 1);
        m->rules[s].key = key;
        m->rules[s].cut = (uint8_t)cut;
        m->rules[s].add = add_string(strings, add, an);
        m->rules[s].add_len = (uint16_t)an;
    }
    if (r->bad) return *why = "truncated lemma tables", FL_EINVAL;
    return strings->rc;
}

static int read_lexicon(reader *r, parse_model *m, const char **why) {
    uint32_t n = get_u32(r);
    if (r->bad || n > (size_t)(r->end - r->p) / 8) return *why = "bad tag lexicon", FL_EINVAL;
    m->amb_slots = pow2_above((size_t)n * 2);
    m->amb_key = calloc(m->amb_slots, sizeof *m->amb_key);
    m->amb_mask = calloc(m->amb_slots, sizeof *m->amb_mask);
    if (!m->amb_key || !m->amb_mask) return FL_ENOMEM;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t key = get_u32(r), mask = get_u32(r);
        if (key == 0) return *why = "bad tag lexicon", FL_EINVAL;
        size_t s = key & (m->amb_slots - 1);
        while (m->amb_key[s] && m->amb_key[s] != key) s = (s + 1) & (m->amb_slots - 1);
        m->amb_key[s] = key;
        m->amb_mask[s] = mask;
    }
    return FL_OK;
}

uint32_t tag_ambiguity(const parse_model *m, uint64_t word) {
    uint32_t key = pm_key32(word);
    for (size_t s = key & (m->amb_slots - 1); m->amb_key[s]; s = (s + 1) & (m->amb_slots - 1))
        if (m->amb_key[s] == key) return m->amb_mask[s];
    return 0;
}

static int read_labels(reader *r, parse_model *m, const char **why) {
    m->n_labels = get_u32(r);
    if (r->bad || m->n_labels < 3 || m->n_labels > DEP_MAX_LABELS) return *why = "bad label count", FL_EINVAL;
    for (size_t i = 0; i < m->n_labels; i++) {
        size_t n;
        const char *s = get_str8(r, &n);
        if (!s || n == 0 || n >= sizeof m->labels[0]) return *why = "bad label", FL_EINVAL;
        memcpy(m->labels[i], s, n);
        m->labels[i][n] = '\0';
    }
    m->punct_label = m->other_label = -1;
    for (size_t i = 0; i < m->n_labels; i++) {
        if (strcmp(m->labels[i], "punct") == 0) m->punct_label = (int)i;
        if (strcmp(m->labels[i], "parataxis") == 0) m->other_label = (int)i;
    }
    if (strcmp(m->labels[0], "root") != 0 || m->punct_label < 0 || m->other_label < 0)
        return *why = "labels lack root, punct or parataxis", FL_EINVAL;
    return FL_OK;
}

static int read_model(const char *data, size_t n, parse_model *m, const char **why) {
    if (n < 16 || memcmp(data, MAGIC, 8) != 0) return *why = "not a flank parser model", FL_EINVAL;
    if (memcmp(data + n - 4, TRAILER, 4) != 0) return *why = "truncated (no end mark)", FL_EINVAL;
    reader t = {(const unsigned char *)data + n - 8, (const unsigned char *)data + n - 4, 0};
    if (get_u32(&t) != (uint32_t)crc32(0, (const unsigned char *)data, (uInt)(n - 8)))
        return *why = "corrupt (checksum mismatch)", FL_EINVAL;
    reader r = {(const unsigned char *)data + 8, (const unsigned char *)data + n - 8, 0};
    buf strings;
    buf_init(&strings, BUF_NO_LIMIT);
    int rc = read_labels(&r, m, why);
    if (rc == FL_OK) rc = read_table(&r, &m->tagger, UPOS_COUNT, why);
    if (rc == FL_OK) rc = read_table(&r, &m->parser, DEP_FIRST_ARC + 2 * (uint32_t)m->n_labels, why);
    if (rc == FL_OK) rc = read_lemmas(&r, m, &strings, why);
    if (rc == FL_OK) rc = read_lexicon(&r, m, why);
    if (rc == FL_OK && r.p != r.end) rc = (*why = "trailing bytes", FL_EINVAL);
    m->strings_len = strings.len;
    m->strings = buf_detach(&strings, NULL);
    return rc;
}

int parse_model_load(const char *path, parse_model **out, char **errmsg) {
    *out = NULL;
    buf raw;
    int rc = read_source(path, MODEL_MAX, &raw, errmsg);
    if (rc != FL_OK) return rc == FL_EINVAL ? rc : FL_EIO;
    parse_model *m = calloc(1, sizeof *m);
    const char *why = NULL;
    rc = m ? read_model(raw.data, raw.len, m, &why) : FL_ENOMEM;
    buf_release(&raw);
    if (rc != FL_OK) {
        parse_model_free(m);
        return err_set(errmsg, rc, "%s: %s", path, why ? why : fl_strerror(rc));
    }
    *out = m;
    return FL_OK;
}

void parse_model_free(parse_model *m) {
    if (!m) return;
    table_release(&m->tagger);
    table_release(&m->parser);
    free(m->exc);
    free(m->rules);
    free(m->strings);
    free(m->amb_key);
    free(m->amb_mask);
    free(m);
}

/* ---- the default model ------------------------------------------------------ */

static struct {
    pthread_once_t once;
    parse_model *model;
    int rc;
    char *errmsg;
} dflt = {PTHREAD_ONCE_INIT, NULL, FL_OK, NULL};

const char *parse_default_path(char *out, size_t n) {
    const char *env = getenv("FLANK_PARSE_MODEL");
    if (env && *env) snprintf(out, n, "%s", env);
    else snprintf(out, n, "%s/model/%s", data_dir(), PARSE_MODEL_FILE);
    return out;
}

static void load_default(void) {
    char path[4096];
    dflt.rc = parse_model_load(parse_default_path(path, sizeof path), &dflt.model, &dflt.errmsg);
}

int parse_default(const parse_model **out, char **errmsg) {
    pthread_once(&dflt.once, load_default);
    *out = dflt.model;
    if (dflt.rc != FL_OK) return err_set(errmsg, dflt.rc, "%s", dflt.errmsg ? dflt.errmsg : fl_strerror(dflt.rc));
    return FL_OK;
}

/* ---- scoring -------------------------------------------------------------------- */

typedef int16_t v16hi __attribute__((vector_size(32)));
typedef int32_t v16si __attribute__((vector_size(64)));

/* SCORES[0..stride) += the sum of the N dense ROWS, 16 classes at a
** time, each 16 summed in a register before one store. */
static inline void add_dense(int32_t *scores, const int16_t *const *rows, size_t n, size_t stride) {
    for (size_t c = 0; c < stride; c += 16) {
        v16si acc;
        memcpy(&acc, scores + c, sizeof acc);
        for (size_t i = 0; i < n; i++) {
            v16hi w;
            memcpy(&w, rows[i] + c, sizeof w);
            acc += __builtin_convertvector(w, v16si);
        }
        memcpy(scores + c, &acc, sizeof acc);
    }
}

/* Adds the pairs of an entry that holds them (its first class below
** PM_DENSE); returns 0 for one that points to a longer row. */
static int add_entry(int32_t *scores, uint64_t e) {
    uint32_t c0 = (uint32_t)(e >> PM_CHECK_BITS) & 127;
    if (c0 >= PM_DENSE) return 0;
    scores[c0] += (int16_t)(uint16_t)(e >> (PM_CHECK_BITS + 7));
    scores[(e >> (PM_CHECK_BITS + 23)) & 127] += (int16_t)(uint16_t)(e >> (PM_CHECK_BITS + 30));
    return 1;
}

/* The entry whose check is CHECK in the bucket B of T or the buckets it
** spilled into, 0 if none. Entries fill a bucket front to back, so the
** first match comes before any empty entry, and an empty entry ends the
** search. Three versions: the entries compared one at a time, or the
** bucket's eight (one cache line) at once with AVX-512 or AVX2. */
static inline uint64_t find_scalar(const pm_table *t, size_t b, uint64_t check) {
    for (;;) {
        const uint64_t *q = t->bucket + b * PM_BUCKET;
        for (int j = 0; j < PM_BUCKET; j++) {
            if ((q[j] & ((1u << PM_CHECK_BITS) - 1)) == check) return q[j];
            if (!q[j]) return 0;
        }
        b = b + 1 == t->n_buckets ? 0 : b + 1;
    }
}

#if PM_SIMD
__attribute__((target("avx512f"))) static inline uint64_t find_avx512(const pm_table *t, size_t b, uint64_t check) {
    const __m512i mask = _mm512_set1_epi64((1 << PM_CHECK_BITS) - 1), want = _mm512_set1_epi64((long long)check);
    for (;;) {
        const uint64_t *q = t->bucket + b * PM_BUCKET;
        __m512i e = _mm512_loadu_si512((const void *)q);
        __mmask8 hit = _mm512_cmpeq_epi64_mask(_mm512_and_si512(e, mask), want);
        if (hit) return q[__builtin_ctz(hit)];
        if (_mm512_test_epi64_mask(e, e) != 0xff) return 0;
        b = b + 1 == t->n_buckets ? 0 : b + 1;
    }
}

/* A bit for each of the four 64-bit lanes of A and B that are equal. */
__attribute__((target("avx2"))) static inline unsigned lanes_equal(__m256i a, __m256i b) {
    return (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpeq_epi64(a, b)));
}

__attribute__((target("avx2"))) static inline uint64_t find_avx2(const pm_table *t, size_t b, uint64_t check) {
    const __m256i mask = _mm256_set1_epi64x((1 << PM_CHECK_BITS) - 1), want = _mm256_set1_epi64x((long long)check);
    const __m256i zero = _mm256_setzero_si256();
    for (;;) {
        const uint64_t *q = t->bucket + b * PM_BUCKET;
        __m256i lo = _mm256_loadu_si256((const void *)q), hi = _mm256_loadu_si256((const void *)(q + 4));
        unsigned hit = lanes_equal(_mm256_and_si256(lo, mask), want) |
                       lanes_equal(_mm256_and_si256(hi, mask), want) << 4;
        if (hit) return q[__builtin_ctz(hit)];
        if (lanes_equal(lo, zero) | lanes_equal(hi, zero)) return 0;
        b = b + 1 == t->n_buckets ? 0 : b + 1;
    }
}
#endif

typedef uint64_t (*find_fn)(const pm_table *t, size_t b, uint64_t check);

/* Three passes over the features of all the lists, so that their misses
** overlap: find the buckets (prefetched) and add the pairs their entries
** hold, then the longer rows (prefetched), then add those, list by list.
** Inlined into one function per instruction set, each with its own FIND
** and its own code for add_dense. */
__attribute__((always_inline)) static inline void score_with(const pm_table *t, const pm_list *l, size_t nl,
                                                             find_fn find) {
    uint32_t bucket[PM_MAX_FEATS];
    uint64_t check[PM_MAX_FEATS], row[PM_MAX_FEATS];
    size_t row_list[PM_MAX_FEATS];
    size_t nf = 0;
    for (size_t k = 0; k < nl; k++)
        for (size_t i = 0; i < l[k].nf && nf < PM_MAX_FEATS; i++, nf++) {
            uint32_t key = pm_key32(l[k].f[i]);
            bucket[nf] = (uint32_t)pm_bucket_of(key, t->n_buckets);
            check[nf] = pm_check(key);
            __builtin_prefetch(t->bucket + (size_t)bucket[nf] * PM_BUCKET);
        }
    size_t np = 0;
    for (size_t k = 0, j = 0; k < nl; k++)
        for (size_t i = 0; i < l[k].nf && j < nf; i++, j++) {
            uint64_t e = find(t, bucket[j], check[j]);
            if (!e || add_entry(l[k].scores, e)) continue;
            row_list[np] = k;
            row[np++] = e;
            size_t at = (size_t)(e >> (PM_CHECK_BITS + 7));
            __builtin_prefetch((e >> PM_CHECK_BITS & 127) == PM_DENSE ? (const void *)(t->dense + at * t->stride)
                                                                       : (const void *)(t->lng + at));
        }
    const int16_t *dense[PM_MAX_FEATS];
    for (size_t k = 0, r = 0; k < nl; k++) {
        int32_t *scores = l[k].scores;
        size_t nd = 0;
        for (; r < np && row_list[r] == k; r++) {
            size_t at = (size_t)(row[r] >> (PM_CHECK_BITS + 7));
            if ((row[r] >> PM_CHECK_BITS & 127) == PM_DENSE) {
                dense[nd++] = t->dense + at * t->stride;
                continue;
            }
            const unsigned char *p = t->lng + at;
            for (uint32_t j = 0, n = p[0]; j < n; j++) {
                const unsigned char *q = p + 1 + 3 * j;
                scores[q[0]] += (int16_t)(uint16_t)(q[1] | q[2] << 8);
            }
        }
        if (nd) add_dense(scores, dense, nd, t->stride);
    }
}

static void score_scalar(const pm_table *t, const pm_list *l, size_t nl) { score_with(t, l, nl, find_scalar); }

#if PM_SIMD
__attribute__((target("avx512f"))) static void score_avx512(const pm_table *t, const pm_list *l, size_t nl) {
    score_with(t, l, nl, find_avx512);
}

__attribute__((target("avx2"))) static void score_avx2(const pm_table *t, const pm_list *l, size_t nl) {
    score_with(t, l, nl, find_avx2);
}
#endif

int pm_isa_best(void) {
#if PM_SIMD
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return PM_ISA_AVX512;
    if (__builtin_cpu_supports("avx2")) return PM_ISA_AVX2;
#endif
    return PM_ISA_SCALAR;
}

void pm_score_lists_isa(int isa, const pm_table *t, const pm_list *l, size_t nl) {
#if PM_SIMD
    if (isa == PM_ISA_AVX512) score_avx512(t, l, nl);
    else if (isa == PM_ISA_AVX2) score_avx2(t, l, nl);
    else
#endif
        score_scalar(t, l, nl);
    (void)isa;
}

/* The best instruction set, asked of the CPU once (an int read by all
** threads; a race writes the same value). */
static int isa_cached = -1;

void pm_score_lists(const pm_table *t, const pm_list *l, size_t nl) {
    int isa = __atomic_load_n(&isa_cached, __ATOMIC_RELAXED);
    if (isa < 0) __atomic_store_n(&isa_cached, isa = pm_isa_best(), __ATOMIC_RELAXED);
    pm_score_lists_isa(isa, t, l, nl);
}

void pm_score(const pm_table *t, const uint64_t *f, size_t nf, int32_t *scores) {
    pm_list one = {f, nf, scores};
    pm_score_lists(t, &one, 1);
}
