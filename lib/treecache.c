/*
** treecache.c: the parse cache (see treecache.h). One table for the
** process, behind a mutex: open addressing of entries by the FNV-1a hash
** of the sentence's bytes, each entry one block: the sentence's bytes
** (compared on a hit), its tokens with spans relative to the sentence, and
** their lemmas. A hit copies the tokens and lemmas into the caller's view
** under the lock, so emptying the cache when it is full frees entries no
** caller points into.
*/
#include "treecache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hash.h"

#include "banned.h"

typedef struct entry {
    uint64_t h;
    size_t len, n;
    parse_tok *tok;         /* spans from 0, lemmas at offsets into text */
    char *text;             /* the sentence's bytes, then the lemmas */
} entry;

static struct {
    pthread_mutex_t lock;
    entry **slot;
    size_t mask, n, bytes;
} C = {PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0, 0};

static entry *find(uint64_t h, const char *s, size_t len) {
    if (!C.slot) return NULL;
    for (size_t i = (size_t)h & C.mask; C.slot[i]; i = (i + 1) & C.mask)
        if (C.slot[i]->h == h && C.slot[i]->len == len && memcmp(C.slot[i]->text, s, len) == 0)
            return C.slot[i];
    return NULL;
}

static int grow(void) {
    size_t cap = C.slot ? (C.mask + 1) * 2 : 1024;
    entry **ns = calloc(cap, sizeof *ns);
    if (!ns) return FL_ENOMEM;
    for (size_t i = 0; C.slot && i <= C.mask; i++)
        if (C.slot[i]) {
            size_t k = (size_t)C.slot[i]->h & (cap - 1);
            while (ns[k]) k = (k + 1) & (cap - 1);
            ns[k] = C.slot[i];
        }
    free(C.slot);
    C.slot = ns;
    C.mask = cap - 1;
    return FL_OK;
}

/* Frees every entry; the table keeps its size. */
static void empty(void) {
    for (size_t i = 0; C.slot && i <= C.mask; i++) {
        free(C.slot[i]);
        C.slot[i] = NULL;
    }
    C.n = C.bytes = 0;
}

/* Adds a copy of S's parse of TEXT[START..START+LEN) under the lock,
** emptying the cache first when it would pass TC_MAX_BYTES; nothing when
** the parse alone is that big or memory is short (the parse stands). */
static void add(uint64_t h, const char *text, size_t start, size_t len, const parse_sent *s) {
    size_t lemmas = 0;
    for (size_t i = 0; i < s->n; i++) lemmas += s->tok[i].lemma ? strlen(s->tok[i].lemma) + 1 : 0;
    size_t size = sizeof(entry) + s->n * sizeof(parse_tok) + len + lemmas;
    if (size > TC_MAX_BYTES / 4) return;
    if (C.bytes + size > TC_MAX_BYTES) empty();
    if ((C.n + 1) * 2 > (C.slot ? C.mask + 1 : 0) && grow() != FL_OK) return;
    entry *e = malloc(size);
    if (!e) return;
    parse_tok *tok = (parse_tok *)(void *)(e + 1);
    char *t = (char *)(tok + s->n), *p = t + len;
    memcpy(t, text + start, len);
    for (size_t i = 0; i < s->n; i++) {
        tok[i] = s->tok[i];
        tok[i].start -= start;
        tok[i].end -= start;
        if (s->tok[i].lemma) {
            size_t n = strlen(s->tok[i].lemma) + 1;
            memcpy(p, s->tok[i].lemma, n);
            tok[i].lemma = p;
            p += n;
        }
    }
    *e = (entry){h, len, s->n, tok, t};
    size_t k = (size_t)h & C.mask;
    while (C.slot[k]) k = (k + 1) & C.mask;
    C.slot[k] = e;
    C.n++;
    C.bytes += size;
}

/* Copies entry E into S, its spans moved to START (under the lock). */
static int copy_out(const entry *e, size_t start, parse_sent *s) {
    s->n = 0;
    s->truncated = 0;
    buf_reset(&s->scratch);
    if (parse_sent_reserve(s, e->n) != FL_OK) return FL_ENOMEM;
    const char *first = e->text + e->len, *last = first;
    for (size_t i = 0; i < e->n; i++)
        if (e->tok[i].lemma) last = e->tok[i].lemma + strlen(e->tok[i].lemma) + 1;
    buf_append(&s->scratch, first, (size_t)(last - first));
    if (s->scratch.rc != FL_OK) return FL_ENOMEM;
    for (size_t i = 0; i < e->n; i++) {
        s->tok[i] = e->tok[i];
        s->tok[i].start += start;
        s->tok[i].end += start;
        if (e->tok[i].lemma) s->tok[i].lemma = s->scratch.data + (e->tok[i].lemma - first);
    }
    s->n = e->n;
    s->truncated = e->n > PARSE_MAX_TOKENS;
    return FL_OK;
}

int tc_parse(const parse_model *m, const char *text, size_t start, size_t end, tc_view *v,
             const parse_sent **out, char **errmsg) {
    size_t len = end - start;
    uint64_t h = fnv1a(text + start, len);
    if (!v->ps_ready) parse_sent_init(&v->ps), v->ps_ready = 1;
    pthread_mutex_lock(&C.lock);
    const entry *e = find(h, text + start, len);
    int rc = e ? copy_out(e, start, &v->ps) : FL_OK;
    pthread_mutex_unlock(&C.lock);
    if (rc != FL_OK) return err_set(errmsg, rc, "parse: out of memory");
    if (!e) {
        rc = parse_sentence(m, text, start, end, &v->ps, errmsg);
        if (rc != FL_OK) return rc;
        pthread_mutex_lock(&C.lock);
        if (!find(h, text + start, len)) add(h, text, start, len, &v->ps);
        pthread_mutex_unlock(&C.lock);
    }
    *out = &v->ps;
    return FL_OK;
}

void tc_view_release(tc_view *v) {
    if (v->ps_ready) parse_sent_release(&v->ps);
    memset(v, 0, sizeof *v);
}

size_t tc_bytes(void) {
    pthread_mutex_lock(&C.lock);
    size_t n = C.bytes;
    pthread_mutex_unlock(&C.lock);
    return n;
}
