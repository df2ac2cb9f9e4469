/*
** lang.c: language identification by function words (see lang.h). The
** word lists load once per process; a missing list makes every text "und"
** rather than failing an ingest.
*/
#include "lang.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "data.h"
#include "banned.h"

#define MAX_LANGS 16
#define SAMPLE_BYTES 20000

static struct {
    char code[MAX_LANGS][4];
    char *words[MAX_LANGS];   /* " w1 w2 ... " so " w " can be searched */
    size_t n;
} langs;

static pthread_once_t langs_once = PTHREAD_ONCE_INIT;

static void load_langs(void) {
    buf path;
    buf_init(&path, 4096);
    buf_printf(&path, "%s/patterns/stopwords.tsv", data_dir());
    FILE *f = fopen(buf_cstr(&path), "r");
    buf_release(&path);
    if (!f) return;
    char line[2048];
    while (fgets(line, sizeof line, f) && langs.n < MAX_LANGS) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab || tab - line > 3) continue;
        buf w;
        buf_init(&w, BUF_NO_LIMIT);
        buf_printf(&w, " %s ", tab + 1);
        memcpy(langs.code[langs.n], line, (size_t)(tab - line));
        langs.code[langs.n][tab - line] = '\0';
        langs.words[langs.n++] = buf_detach(&w, NULL);
    }
    fclose(f);
}

/* Is the lower-cased word W (n bytes, n < 30) in the list " a b c "? */
static int in_list(const char *list, const char *w, size_t n) {
    char key[32];
    key[0] = ' ';
    memcpy(key + 1, w, n);
    key[n + 1] = ' ';
    key[n + 2] = '\0';
    return strstr(list, key) != NULL;
}

const char *lang_detect(const char *text, size_t n) {
    pthread_once(&langs_once, load_langs);
    if (n > SAMPLE_BYTES) n = SAMPLE_BYTES;
    size_t score[MAX_LANGS] = {0}, arabic = 0, letters = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)text[i];
        if (c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB) arabic++;   /* U+0600-06FF lead bytes */
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c < 0x80) {
            i++;
            continue;
        }
        char w[30];
        size_t k = 0;
        while (i < n && k < sizeof w - 1) {
            unsigned char d = (unsigned char)text[i];
            if (d < 0x80 && !((d | 0x20) >= 'a' && (d | 0x20) <= 'z')) break;
            w[k++] = (char)(d < 0x80 ? (d | 0x20) : d);
            i++;
        }
        while (i < n && (unsigned char)text[i] >= 0x80) i++;   /* rest of an over-long word */
        letters++;
        for (size_t l = 0; l < langs.n; l++)
            if (in_list(langs.words[l], w, k)) score[l]++;
    }
    if (arabic > letters) return "ar";
    size_t best = 0;
    for (size_t l = 1; l < langs.n; l++)
        if (score[l] > score[best]) best = l;
    if (langs.n == 0 || score[best] < 3) return "und";
    return langs.code[best];
}
