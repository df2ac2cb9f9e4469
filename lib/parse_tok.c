/*
** parse_tok.c: the UD tokenizer of the syntactic stage. Splits one
** sentence of normalised text into the tokens of the English Web
** Treebank's conventions: punctuation apart ("(Mali)" is "(" "Mali" ")"),
** clitics apart ("NATO's" is "NATO" "'s", "don't" "do" "n't", "can't"
** "ca" "n't", "cannot" "can" "not"), hyphens and slashes between words
** apart ("fault-finding" is "fault" "-" "finding"), while abbreviations
** ("U.S.", "Gen." from data/patterns/abbreviations.txt), numbers ("1,000",
** "2.5"), URLs and e-mail addresses stay whole. Spans only: no copies.
*/
#include <string.h>

#include "parse_int.h"
#include "segment.h"
#include "banned.h"

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c) || c >= 0x80; }

static int emit(parse_sent *s, size_t a, size_t b) {
    if (a >= b) return FL_OK;
    if (s->n == s->cap && parse_sent_reserve(s, s->n + 1) != FL_OK) return FL_ENOMEM;
    parse_tok *t = &s->tok[s->n++];
    memset(t, 0, sizeof *t);
    t->start = a;
    t->end = b;
    t->head = -1;
    return FL_OK;
}

/* Punctuation that stands alone at either end of a word, with its byte
** length at P (0 when P does not start with one). */
static size_t punct_at(const char *p, const char *end) {
    static const char *const multi[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99",
                                        "\xC2\xAB", "\xC2\xBB", "\xE2\x80\xA6", "\xE2\x80\x94",
                                        "\xE2\x80\x93", "\xC2\xA3", "\xE2\x82\xAC", "\xC2\xBF", "\xC2\xA1"};
    if (p >= end) return 0;
    if (strchr("()[]{}\"',;:!?*$#%&+=<>|~^`", *p) && *p) return 1;
    for (size_t i = 0; i < sizeof multi / sizeof *multi; i++) {
        size_t k = strlen(multi[i]);
        if ((size_t)(end - p) >= k && memcmp(p, multi[i], k) == 0) return k;
    }
    return 0;
}

/* The byte length of the punctuation mark ending at END (after A), or 0. */
static size_t punct_before(const char *a, const char *end) {
    for (size_t k = 1; k <= 3 && k <= (size_t)(end - a); k++)
        if (punct_at(end - k, end) == k) return k;
    return 0;
}

static int ieq(const char *p, size_t n, const char *w) {
    if (strlen(w) != n) return 0;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != w[i]) return 0;
    return 1;
}

/* The clitic ending P[0..n), as its byte length, or 0: n't, 's, 're, 've,
** 'll, 'm, 'd with a straight or curly apostrophe. */
static size_t clitic_len(const char *p, size_t n) {
    static const char *const tails[] = {"s", "re", "ve", "ll", "m", "d"};
    for (int curly = 0; curly < 2; curly++) {
        const char *ap = curly ? "\xE2\x80\x99" : "'";
        size_t al = strlen(ap);
        if (n > al + 2 && (p[n - al - 2] | 0x20) == 'n' && memcmp(p + n - al - 1, ap, al) == 0 &&
            (p[n - 1] | 0x20) == 't')
            return al + 2;
        for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
            size_t k = strlen(tails[i]);
            if (n > al + k && memcmp(p + n - al - k, ap, al) == 0 && ieq(p + n - k, k, tails[i]))
                return al + k;
        }
    }
    return 0;
}

/* Words the treebank writes as two: "cannot", "gonna", "wanna", "gotta". */
static size_t fused_split(const char *p, size_t n) {
    if (ieq(p, n, "cannot")) return 3;
    if (ieq(p, n, "gonna") || ieq(p, n, "wanna") || ieq(p, n, "gotta")) return 3;
    return 0;
}

/* Does the word P[0..n) ending in a period keep it ("U.S.", "Gen.", "J.")? */
static int keeps_period(const char *p, size_t n) {
    if (n < 2) return 0;
    if (memchr(p, '.', n - 1)) return is_alpha((unsigned char)p[n - 2]);   /* U.S., e.g. */
    if (n == 2 && is_alpha((unsigned char)p[0])) return (p[0] & 0x20) == 0;   /* an initial */
    return seg_is_abbrev(p, n);
}

static int is_url(const char *p, size_t n) {
    if ((n > 7 && memcmp(p, "http://", 7) == 0) || (n > 8 && memcmp(p, "https://", 8) == 0) ||
        (n > 4 && memcmp(p, "www.", 4) == 0))
        return 1;
    const char *at = memchr(p, '@', n);
    return at && at > p && memchr(at, '.', n - (size_t)(at - p)) != NULL;
}

/* Prefixes the treebank keeps joined by their hyphen ("non-stop"). */
static int joined_prefix(const char *p, size_t n) {
    static const char *const prefixes[] = {"non", "post", "pre", "anti", "pro", "co", "re", "ex", "self",
                                           "multi", "semi", "counter", "e"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
        if (ieq(p, n, prefixes[i])) return 1;
    return 0;
}

/* The middle of a word, its ends peeled: splits at hyphens and slashes
** between words, and at commas between letters. */
static int split_middle(const char *text, size_t a, size_t b, parse_sent *s) {
    size_t piece = a;
    int rc = FL_OK;
    for (size_t i = a; i < b && rc == FL_OK; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c != '-' && c != '/' && c != ',') continue;
        if (i == a || i + 1 >= b) continue;
        unsigned char l = (unsigned char)text[i - 1], r = (unsigned char)text[i + 1];
        int split;
        if (c == ',') split = is_alpha(l) || is_alpha(r);
        else if (c == '/') split = is_alpha(l) && is_alpha(r);
        else if (r == '-') {   /* "--" */
            rc = emit(s, piece, i);
            if (rc == FL_OK) rc = emit(s, i, i + 2);
            piece = i + 2;
            i++;
            continue;
        } else split = (is_alpha(l) || l >= 0x80 || l == '.') && (is_alpha(r) || r >= 0x80) &&
                       !joined_prefix(text + piece, i - piece);   /* "U.S.-led" too */
        if (!split) continue;
        rc = emit(s, piece, i);
        if (rc == FL_OK) rc = emit(s, i, i + 1);
        piece = i + 1;
    }
    if (rc == FL_OK) rc = emit(s, piece, b);
    return rc;
}

#define MAX_TAIL 16

/* One whitespace-separated chunk TEXT[a..b). */
static int split_chunk(const char *text, size_t a, size_t b, parse_sent *s) {
    size_t tail[MAX_TAIL][2], nt = 0;
    int rc = FL_OK;
    /* openers */
    for (size_t k; a < b && rc == FL_OK && (k = punct_at(text + a, text + b)) > 0; a += k) {
        if (text[a] == '\'' && b - a >= 2 && b - a <= 4 && is_alnum((unsigned char)text[a + 1]))
            break;   /* 's, 'll (a lone quote at the end: nothing after it to read) */
        rc = emit(s, a, a + k);
    }
    if (rc != FL_OK) return rc;
    if (is_url(text + a, b - a)) {
        while (b > a && nt < MAX_TAIL && strchr(".,;:!?)]\"'", text[b - 1])) {
            tail[nt][0] = b - 1, tail[nt][1] = b, nt++;
            b--;
        }
        rc = emit(s, a, b);
    } else {
        int changed = 1;
        while (changed && b > a && nt < MAX_TAIL) {
            size_t k;
            changed = 0;
            if (b - a >= 3 && memcmp(text + b - 3, "...", 3) == 0) k = 3;
            else if ((k = punct_before(text + a, text + b)) > 0) {
            } else if (text[b - 1] == '.' && !keeps_period(text + a, b - a)) k = 1;
            else if ((k = clitic_len(text + a, b - a)) > 0) {
            } else if ((k = fused_split(text + a, b - a)) > 0) k = b - a - k;
            if (k > 0 && k < b - a) {
                tail[nt][0] = b - k, tail[nt][1] = b, nt++;
                b -= k;
                changed = 1;
            }
        }
        rc = split_middle(text, a, b, s);
    }
    while (nt > 0 && rc == FL_OK) {
        nt--;
        rc = emit(s, tail[nt][0], tail[nt][1]);
    }
    return rc;
}

int parse_tokenize(const char *text, size_t start, size_t end, parse_sent *s) {
    seg_init(NULL, NULL);   /* the abbreviations; without them, only the shapes of U.S. and J. */
    size_t i = start;
    int rc = FL_OK;
    while (i < end && rc == FL_OK) {
        while (i < end && is_space((unsigned char)text[i])) i++;
        size_t j = i;
        while (j < end && !is_space((unsigned char)text[j])) j++;
        if (j > i) rc = split_chunk(text, i, j, s);
        i = j;
    }
    return rc;
}
