/*
** lang.c: language identification by function words (see lang.h). The
** word lists load once per process; a missing list makes every text "und"
** rather than failing an ingest.
*/
#include "lang.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "flank/flank.h"
#include "hash.h"
#include "patfile.h"
#include "banned.h"

#define MAX_LANGS 16
#define MAX_WORDS 1024
#define SAMPLE_BYTES 4000
#define SLOTS 2048            /* hash slots: a power of two, over twice MAX_WORDS */

typedef struct word {
    char text[16];
    unsigned langs;           /* bit l: the word is a function word of language l */
} word;

static struct {
    char code[MAX_LANGS][4];
    size_t n;
    word words[MAX_WORDS];    /* sorted by text, one entry per word */
    size_t n_words;
    unsigned short slot[SLOTS];   /* open addressing: word index + 1, 0 empty */
} langs;

static int word_cmp(const void *a, const void *b) {
    return strcmp(((const word *)a)->text, ((const word *)b)->text);
}

/* Bytes of a word, folded: ASCII letters lower-cased, bytes of UTF-8
** sequences as they are; 0 for the bytes that separate words. */
static unsigned char word_byte[256];

/* The entry of KEY (NUL-padded to the size of word.text, as the entries
** are) of hash H, or NULL. H is FNV-1a (hash.h) taken a byte at a time, so
** lang_detect hashes a word as it reads it: every sampled word is looked
** up, and a probe is cheaper than the eight string comparisons of a
** binary search. */
static const word *word_find(const char key[16], size_t h) {
    for (size_t j = h & (SLOTS - 1);; j = (j + 1) & (SLOTS - 1)) {
        unsigned x = langs.slot[j];
        if (!x) return NULL;
        const word *w = &langs.words[x - 1];
        if (memcmp(w->text, key, sizeof w->text) == 0) return w;
    }
}

static void index_words(void) {
    for (size_t i = 0; i < langs.n_words; i++) {
        const char *t = langs.words[i].text;
        size_t j = FNV1A_START;
        for (size_t k = 0; t[k]; k++) j = fnv1a_step(j, (unsigned char)t[k]);
        j &= SLOTS - 1;
        while (langs.slot[j]) j = (j + 1) & (SLOTS - 1);
        langs.slot[j] = (unsigned short)(i + 1);
    }
}

/* The blank-separated words of P..END, function words of language LANG. */
static void add_words(const char *p, const char *end, unsigned lang) {
    const char *w;
    size_t k;
    while (pat_field(&p, end, 0, &w, &k))
        if (k < sizeof langs.words[0].text && langs.n_words < MAX_WORDS) {
            word *x = &langs.words[langs.n_words++];
            memcpy(x->text, w, k);
            x->text[k] = '\0';
            x->langs = 1u << lang;
        }
}

/* patterns/stopwords.tsv: a language code, a tab, its function words. */
static int load_langs(const char *datadir, char **errmsg) {
    for (int c = 0; c < 256; c++)
        word_byte[c] = c >= 0x80 ? (unsigned char)c
                     : ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? (unsigned char)(c | 0x20) : 0;
    buf text;
    buf_init(&text, BUF_NO_LIMIT);
    int rc = pat_read(datadir, "stopwords.tsv", &text, errmsg);
    const char *p = text.data, *end = text.data + text.len, *line, *code;
    size_t len, k;
    while (rc == FL_OK && langs.n < MAX_LANGS && pat_line(&p, end, &line, &len, NULL)) {
        const char *q = line, *stop = line + len;
        if (!pat_field(&q, stop, '\t', &code, &k) || k == 0 || k > 3 || q == stop) continue;
        memcpy(langs.code[langs.n], code, k);
        langs.code[langs.n][k] = '\0';
        add_words(q, stop, (unsigned)langs.n++);
    }
    buf_release(&text);
    /* Sort, then merge a word listed by several languages ("la"). */
    qsort(langs.words, langs.n_words, sizeof *langs.words, word_cmp);
    size_t out = 0;
    for (size_t i = 0; i < langs.n_words; i++) {
        if (out > 0 && strcmp(langs.words[out - 1].text, langs.words[i].text) == 0)
            langs.words[out - 1].langs |= langs.words[i].langs;
        else
            langs.words[out++] = langs.words[i];
    }
    langs.n_words = out;
    index_words();
    return rc;
}

static pat_once loader = PAT_ONCE_INIT(load_langs, "stopwords.tsv: cannot load");

static void load_once(void) { pat_once_run(&loader); }

const char *lang_detect(const char *text, size_t n) {
    pat_init(&loader, load_once, NULL, NULL);   /* without the lists every text is "und" */
    if (n > SAMPLE_BYTES) n = SAMPLE_BYTES;
    size_t score[MAX_LANGS] = {0}, arabic = 0, letters = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)text[i];
        if (c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB) arabic++;   /* U+0600-06FF lead bytes */
        if (!word_byte[c]) {
            i++;
            continue;
        }
        char key[sizeof langs.words[0].text] = {0};   /* the first 15 bytes, NUL-padded */
        size_t k = 0, h = FNV1A_START;
        unsigned char f;
        while (i < n && (f = word_byte[(unsigned char)text[i]]) != 0) {
            if (k < sizeof key - 1) {
                key[k++] = (char)f;
                h = fnv1a_step(h, f);
            }
            i++;
        }
        letters++;
        const word *w = word_find(key, h);
        for (size_t l = 0; w && l < langs.n; l++)
            if (w->langs & (1u << l)) score[l]++;
    }
    if (arabic > letters) return "ar";
    size_t best = 0;
    for (size_t l = 1; l < langs.n; l++)
        if (score[l] > score[best]) best = l;
    if (langs.n == 0 || score[best] < 3) return "und";
    return langs.code[best];
}
