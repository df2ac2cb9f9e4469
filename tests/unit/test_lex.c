/* test_lex.c: word sets and phrases matched through a vocabulary's
** classes must answer as a word-by-word comparison would. */
#include "unit.h"
#include "lex.h"

/* One set of pattern words and the tokens it must and must not match. */
typedef struct set_case {
    const char *words;        /* '|'-separated, '*' ends a prefix word */
    const char *yes[6];
    const char *no[6];
} set_case;

static const set_case cases[] = {
    {"and|or", {"and", "AND", "Or"}, {"an", "andes", "o", "ore"}},
    {"negotiat*", {"negotiat", "negotiating", "Negotiations"}, {"negotia", "renegotiate"}},
    {"negotiat*|negotiations", {"negotiations", "negotiated"}, {"negot"}},
    {"partner", {"partner", "PARTNER"}, {"partners", "partnership"}},
    {"partnership*|partner", {"partner", "partnerships"}, {"partners"}},
    {"coop*|cooperat*", {"coop", "cooperation", "cooped"}, {"co"}},
    {"ties", {"ties"}, {"tie", "tiesx"}},
    {"é|à", {"é", "à"}, {"É", "e"}},
};

/* Every set of CASES is added to one vocabulary, as a stage does, so the
** classes overlap between sets. */
static void sets_match_by_class(void **state) {
    (void)state;
    size_t n = sizeof cases / sizeof *cases;
    lx_words ws[sizeof cases / sizeof *cases];
    lx_vocab v;
    memset(ws, 0, sizeof ws);
    memset(&v, 0, sizeof v);
    for (size_t c = 0; c < n; c++) {
        const char *p = cases[c].words, *end = p + strlen(p);
        while (p < end) {
            const char *bar = strchr(p, '|');
            const char *e = bar ? bar : end;
            assert_int_equal(lx_words_add(&ws[c], p, (size_t)(e - p), 1), FL_OK);
            p = bar ? bar + 1 : end;
        }
        assert_int_equal(lx_vocab_add_words(&v, &ws[c]), FL_OK);
    }
    assert_int_equal(lx_vocab_build(&v), FL_OK);
    for (size_t c = 0; c < n; c++) assert_int_equal(lx_words_index(&ws[c], &v), FL_OK);
    for (size_t c = 0; c < n; c++)
        for (int want = 1; want >= 0; want--)
            for (size_t i = 0; i < 6; i++) {
                const char *w = want ? cases[c].yes[i] : cases[c].no[i];
                if (!w) break;
                lx_tok t = {.start = 0, .end = strlen(w), .kind = LX_WORD};
                lx_classify(&v, w, &t);
                if (lx_words_has(&ws[c], &t) != want)
                    fail_msg("set %zu (%s): '%s' should %smatch", c, cases[c].words, w, want ? "" : "not ");
            }
    for (size_t c = 0; c < n; c++) lx_words_release(&ws[c]);
    lx_vocab_release(&v);
}

/* Phrases: the first phrase in file order wins, a prefix word may open
** one, and a token that is no pattern word starts none. */
static void phrases_match_by_class(void **state) {
    (void)state;
    lx_phrases l;
    lx_vocab v;
    memset(&l, 0, sizeof l);
    memset(&v, 0, sizeof v);
    assert_int_equal(lx_phrases_add(&l, "said to be | is said to", 23, 1), FL_OK);
    assert_int_equal(lx_phrases_add(&l, "said | negotiat* on", 19, 2), FL_OK);
    assert_int_equal(lx_vocab_add_phrases(&v, &l), FL_OK);
    assert_int_equal(lx_vocab_build(&v), FL_OK);
    assert_int_equal(lx_phrases_index(&l, &v), FL_OK);
    static const struct {
        const char *text;
        size_t at, used;
        int tag;
    } pc[] = {
        {"it is said to be so", 1, 3, 1},
        {"it is said to be so", 2, 3, 1},
        {"Said nothing", 0, 1, 2},
        {"negotiations on trade", 0, 2, 2},
        {"talks on trade", 0, 0, 0},
        {"is said", 0, 0, 0},
    };
    for (size_t c = 0; c < sizeof pc / sizeof *pc; c++) {
        lx_tok t[16];
        size_t nt = 0, pos = 0, len = strlen(pc[c].text);
        while (nt < 16 && lx_next(pc[c].text, len, &pos, &t[nt])) {
            lx_classify(&v, pc[c].text, &t[nt]);
            nt++;
        }
        int tag = 0;
        size_t used = lx_phrases_at(t, sizeof *t, nt, pc[c].at, &l, -1, &tag);
        if (used != pc[c].used || (used && tag != pc[c].tag))
            fail_msg("case %zu: used %zu tag %d, want %zu tag %d", c, used, tag, pc[c].used, pc[c].tag);
    }
    lx_phrases_release(&l);
    lx_vocab_release(&v);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sets_match_by_class),
        cmocka_unit_test(phrases_match_by_class),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
