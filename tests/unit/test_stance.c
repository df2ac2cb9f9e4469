/* test_stance.c: stances toward a relation, table-driven: denials,
** allegations, disputes, plain statements, attributions ("according to"),
** passives ("denied by"), a quotation's speaker; no stance at all; a
** holder that is null when no actor is named; bad input: a sentence of
** 100,000 words. The relation is given (the sentence's whole span); the
** sentences are written for this test. */
#include "unit.h"
#include "stance.h"

typedef struct scase {
    const char *text;
    const char *ents[4][2];     /* {id, surface}: every occurrence is a mention */
    int modality;
    const char *want;           /* "stance holder|-; ..." */
} scase;

#define KARVIA {"country:KV", "Karvia"}
#define OSTLAND {"country:OL", "Ostland"}
#define LEAGUE {"org:league", "League"}
#define PORT {"place:sel-harbour", "Sel Harbour"}
#define MIRA {"person:mira-tol", "Mira Tol"}

static const scase cases[] = {
    /* denials */
    {"Karvia denied that Ostland supplied drones to the rebels.", {KARVIA, OSTLAND}, MOD_ASSERTED,
     "denied country:KV"},
    {"Ostland rejected reports that it had shipped rifles to the militia.", {OSTLAND}, MOD_ASSERTED,
     "denied country:OL"},
    {"The claim that Ostland trains the militia was denied by the League.", {OSTLAND, LEAGUE}, MOD_ASSERTED,
     "denied org:league"},
    /* allegations */
    {"Ostland, which Karvia accuses of arming the rebels, sent advisers to Sel Harbour.", {OSTLAND, KARVIA, PORT},
     MOD_ASSERTED, "alleged country:KV"},
    {"Ostland is accused of supplying the militia.", {OSTLAND}, MOD_ALLEGED, "alleged -"},
    /* both sides in one sentence */
    {"Karvia accused Ostland of supplying the rebels, which Ostland denied.", {KARVIA, OSTLAND}, MOD_ALLEGED,
     "alleged country:KV; denied country:OL"},
    /* disputes */
    {"The League disputed that Ostland had troops in Karvia.", {LEAGUE, OSTLAND, KARVIA}, MOD_ASSERTED,
     "disputed org:league"},
    /* statements and attributions */
    {"According to the League, Ostland trains Karvia's border guards.", {LEAGUE, OSTLAND, KARVIA}, MOD_ASSERTED,
     "asserted org:league"},
    {"Ostland trains Karvia's border guards, Mira Tol said.", {OSTLAND, KARVIA, MIRA}, MOD_ASSERTED,
     "asserted person:mira-tol"},
    {"Ostland trains Karvia's border guards, said Mira Tol.", {OSTLAND, KARVIA, MIRA}, MOD_ASSERTED,
     "asserted person:mira-tol"},
    /* the speaker, not an actor in the quotation or after "of the" */
    {"\u201cOstland arms the rebels and Karvia knows it,\u201d Mira Tol said.", {OSTLAND, KARVIA, MIRA},
     MOD_ASSERTED, "asserted person:mira-tol"},
    {"Mira Tol, the envoy of the League, said Ostland supplied Karvia.", {MIRA, LEAGUE, OSTLAND, KARVIA},
     MOD_ASSERTED, "asserted person:mira-tol"},
    /* a capitalised word inside a sentence is a name, not a cue */
    {"The Karvia Claims Office opened in Ostland.", {KARVIA, OSTLAND}, MOD_ASSERTED, ""},
    /* a place is no holder; the actor after "in" is none either */
    {"Officials in Karvia denied that Ostland opened a base at Sel Harbour.", {KARVIA, OSTLAND, PORT},
     MOD_ASSERTED, "denied -"},
    /* no stance: a plain report, and "said" with no one named */
    {"Ostland opened a base at Sel Harbour in May.", {OSTLAND, PORT}, MOD_ASSERTED, ""},
    {"The report said Ostland opened a base at Sel Harbour.", {OSTLAND, PORT}, MOD_ASSERTED, ""},
};

/* The mentions of every surface of C in its text, sorted by start. */
static size_t mentions_of(const scase *c, annot_mention *m, size_t cap) {
    size_t n = 0;
    for (const char *p = c->text; *p && n < cap; p++)
        for (int e = 0; e < 4 && c->ents[e][0]; e++) {
            size_t len = strlen(c->ents[e][1]);
            if (strncmp(p, c->ents[e][1], len) == 0) {
                m[n++] = (annot_mention){(size_t)(p - c->text), (size_t)(p - c->text) + len, c->ents[e][0]};
                break;
            }
        }
    return n;
}

static void describe(const annot_stance *st, size_t n, char *got, size_t cap) {
    size_t len = 0;
    got[0] = '\0';
    for (size_t k = 0; k < n && len < cap; k++)
        len += (size_t)snprintf(got + len, cap - len, "%s%s %s", k ? "; " : "", stance_name(st[k].stance),
                                st[k].holder ? st[k].holder : "-");
}

static void table(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const scase *c = &cases[i];
        annot_mention m[16];
        size_t nm = mentions_of(c, m, 16);
        annot_relation rel = {c->ents[0][0], "supplies", c->ents[1][0], "", c->modality, 0, strlen(c->text)};
        annot_stance *st;
        size_t n;
        assert_int_equal(stance_find(c->text, strlen(c->text), &rel, 1, m, nm, NULL, 0, &st, &n, NULL), FL_OK);
        char got[512];
        describe(st, n, got, sizeof got);
        if (strcmp(got, c->want) != 0) fail_msg("case %zu: %s\n got: %s\nwant: %s", i, c->text, got, c->want);
        for (size_t k = 0; k < n; k++) assert_int_equal(st[k].rel, 0);
        free(st);
    }
}

/* A quotation's speaker asserts the relation of its sentence; two
** relations of one sentence get the same stances. */
static void quoted(void **state) {
    (void)state;
    const char *t = "\u201cOstland trains Karvia's guards,\u201d Mira Tol said.";
    const scase c = {t, {OSTLAND, KARVIA, MIRA}, MOD_ASSERTED, NULL};
    annot_mention m[8];
    size_t nm = mentions_of(&c, m, 8);
    annot_relation rels[2] = {{"country:OL", "trains", "country:KV", "", MOD_ASSERTED, 0, strlen(t)},
                              {"country:OL", "cooperates_with", "country:KV", "", MOD_ASSERTED, 0, strlen(t)}};
    annot_claim cl = {CLAIM_QUOTE, "person:mira-tol", 3, 35, {0}, 0};
    annot_stance *st;
    size_t n;
    assert_int_equal(stance_find(t, strlen(t), rels, 2, m, nm, &cl, 1, &st, &n, NULL), FL_OK);
    assert_int_equal(n, 2);
    assert_int_equal(st[0].rel, 0);
    assert_int_equal(st[1].rel, 1);
    assert_string_equal(st[1].holder, "person:mira-tol");
    assert_string_equal(stance_name(st[1].stance), "asserted");
    free(st);
}

/* 100,000 words of denials in one sentence: bounded work, at most a
** handful of stances. */
static void huge_sentence(void **state) {
    (void)state;
    size_t n = 100000 * 7;
    char *t = malloc(n + 1);
    assert_non_null(t);
    for (size_t i = 0; i < n; i += 7) memcpy(t + i, "denied ", 7);
    t[n] = '\0';
    annot_relation rel = {"country:OL", "supplies", "country:KV", "", MOD_ASSERTED, 0, n};
    annot_stance *st;
    size_t ns;
    assert_int_equal(stance_find(t, n, &rel, 1, NULL, 0, NULL, 0, &st, &ns, NULL), FL_OK);
    assert_int_equal(ns, 1);
    assert_null(st[0].holder);
    free(st);
    free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(quoted),
        cmocka_unit_test(huge_sentence),
    };
    return cmocka_run_group_tests_name("stance", tests, NULL, NULL);
}
