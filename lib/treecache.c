/*
** treecache.c: the parse cache (see treecache.h). One table for the
** process, behind a mutex: open addressing of entries by the FNV-1a hash
** of the sentence's bytes, each entry the bytes (compared on a hit) and
** the tokens with spans relative to the sentence and lemmas in the entry's
** own storage. Entries never change nor leave once added, so a hit hands
** out pointers into them without holding the lock.
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
    char *text;             /* the sentence's bytes, then the lemmas */
    parse_tok *tok;         /* spans from 0 */
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
    size_t cap = C.slot ? (C.mask + 1) * 2 : 4096;
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

/* Adds a copy of S's parse of TEXT[START..START+LEN) under the lock;
** nothing when the cache is full or memory is short (the parse stands). */
static void add(uint64_t h, const char *text, size_t start, size_t len, const parse_sent *s) {
    size_t lemmas = 0;
    for (size_t i = 0; i < s->n; i++) lemmas += s->tok[i].lemma ? strlen(s->tok[i].lemma) + 1 : 0;
    size_t size = sizeof(entry) + s->n * sizeof(parse_tok) + len + lemmas;
    if (C.bytes + size > TC_MAX_BYTES || ((C.n + 1) * 2 > (C.slot ? C.mask + 1 : 0) && grow())) return;
    entry *e = malloc(sizeof *e);
    char *t = malloc(len + lemmas + 1);
    parse_tok *tok = malloc((s->n ? s->n : 1) * sizeof *tok);
    if (!e || !t || !tok) {
        free(e);
        free(t);
        free(tok);
        return;
    }
    memcpy(t, text + start, len);
    char *p = t + len;
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
    *e = (entry){h, len, s->n, t, tok};
    size_t k = (size_t)h & C.mask;
    while (C.slot[k]) k = (k + 1) & C.mask;
    C.slot[k] = e;
    C.n++;
    C.bytes += size;
}

int tc_parse(const parse_model *m, const char *text, size_t start, size_t end, tc_view *v,
             const parse_sent **out, char **errmsg) {
    size_t len = end - start;
    uint64_t h = fnv1a(text + start, len);
    pthread_mutex_lock(&C.lock);
    const entry *e = find(h, text + start, len);
    pthread_mutex_unlock(&C.lock);
    if (e) {
        if (e->n > v->cap) {
            parse_tok *nt = realloc(v->tok, e->n * sizeof *nt);
            if (!nt) return err_set(errmsg, FL_ENOMEM, "parse: out of memory");
            v->tok = nt;
            v->cap = e->n;
        }
        for (size_t i = 0; i < e->n; i++) {
            v->tok[i] = e->tok[i];
            v->tok[i].start += start;
            v->tok[i].end += start;
        }
        v->hit = (parse_sent){.tok = v->tok, .n = e->n};
        *out = &v->hit;
        return FL_OK;
    }
    if (!v->ps_ready) parse_sent_init(&v->ps), v->ps_ready = 1;
    int rc = parse_sentence(m, text, start, end, &v->ps, errmsg);
    if (rc != FL_OK) return rc;
    pthread_mutex_lock(&C.lock);
    if (!find(h, text + start, len)) add(h, text, start, len, &v->ps);
    pthread_mutex_unlock(&C.lock);
    *out = &v->ps;
    return FL_OK;
}

void tc_view_release(tc_view *v) {
    if (v->ps_ready) parse_sent_release(&v->ps);
    free(v->tok);
    memset(v, 0, sizeof *v);
}
