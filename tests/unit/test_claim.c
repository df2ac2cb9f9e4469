/* test_claim.c: claims, table-driven: quotes with speakers (before and
** after the quotation), scare quotes without a speaker, recommendations,
** assessments; bad input: nested and unbalanced quotation marks, a
** 100,000-word sentence, a document that is one long quotation. */
#include "unit.h"
#include "claim.h"
#include "segment.h"

typedef struct ccase {
    const char *text;
    const char *person, *surface;   /* one person mention, or NULL */
    const char *want;               /* "kind speaker|-: text; ..." */
} ccase;

static const ccase cases[] = {
    {"Foreign Minister Ana Ruiz said that the pact \u201cis dead and buried.\u201d", "person:ana-ruiz", "Ana Ruiz",
     "quote person:ana-ruiz: is dead and buried."},
    {"\u201cWe will not leave,\u201d said Ana Ruiz on Monday.", "person:ana-ruiz", "Ana Ruiz",
     "quote person:ana-ruiz: We will not leave,"},
    {"Ana Ruiz criticized the plan, calling the target \"absurd.\"", "person:ana-ruiz", "Ana Ruiz",
     "quote person:ana-ruiz: absurd."},
    {"This reflects the \u201ccooperative security\u201d function.", NULL, NULL, ""},
    {"The report called for \u201ca renewed approach.\u201d", NULL, NULL, ""},
    {"The Union should expand its naval patrols.", NULL, NULL,
     "recommendation -: The Union should expand its naval patrols."},
    {"Closer ties would help reduce migration.", NULL, NULL,
     "recommendation -: Closer ties would help reduce migration."},
    {"Excluding them was a missed opportunity.", NULL, NULL,
     "assessment -: Excluding them was a missed opportunity."},
    {"The ministers met in Rome.", NULL, NULL, ""},
    /* bad input */
    {"Ana Ruiz said \u201cone \u201ctwo \u201cthree\u201d two\u201d one\u201d end.", "person:ana-ruiz", "Ana Ruiz",
     "quote person:ana-ruiz: one \u201ctwo \u201cthree\u201d two\u201d one"},
    /* an unbalanced mark quotes nothing; the sentence stays reported speech */
    {"Ana Ruiz said \u201cnever closed and \u201c again.", "person:ana-ruiz", "Ana Ruiz",
     "quote person:ana-ruiz: \u201cnever closed and \u201c again."},
    {"Ana Ruiz said \u201d\u201d\u201d closed first.", "person:ana-ruiz", "Ana Ruiz", ""},
};

static void table(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ccase *c = &cases[i];
        annot_mention m[4];
        size_t nm = 0;
        if (c->person) {
            const char *p = strstr(c->text, c->surface);
            m[nm++] = (annot_mention){(size_t)(p - c->text), (size_t)(p - c->text) + strlen(c->surface), c->person};
        }
        annot_claim *cl;
        size_t n;
        assert_int_equal(claim_extract(c->text, strlen(c->text), NULL, m, nm, &cl, &n, NULL), FL_OK);
        char got[1024] = "";
        size_t len = 0;
        for (size_t k = 0; k < n; k++)
            len += (size_t)snprintf(got + len, sizeof got - len, "%s%s %s: %.*s", k ? "; " : "",
                                    claim_kind_name(cl[k].kind), cl[k].speaker ? cl[k].speaker : "-",
                                    (int)(cl[k].end - cl[k].start), c->text + cl[k].start);
        if (strcmp(got, c->want) != 0) fail_msg("case %zu: %s\n got: %s\nwant: %s", i, c->text, got, c->want);
        free(cl);
    }
}

/* Documents, segmented: quotations over sentences and paragraphs, split
** quotations, appositions, pronouns and titles, reported speech. Every
** occurrence of each person's surface is a mention of that person. */
typedef struct dcase {
    const char *text;
    const char *people[3][2];       /* {id, surface} */
    const char *want;
} dcase;

#define RUIZ {"person:ana-ruiz", "Ana Ruiz"}
#define RUIZ2 {"person:ana-ruiz", "Ruiz"}
#define BRAND {"person:tom-brand", "Tom Brand"}

static const dcase docs[] = {
    /* a quotation of three sentences: one claim each */
    {"\u201cWe came here to help the town. We stay to help it rebuild. Nobody else will,\u201d Ana Ruiz said.", {RUIZ},
     "quote person:ana-ruiz: We came here to help the town.; quote person:ana-ruiz: We stay to help it rebuild.; "
     "quote person:ana-ruiz: Nobody else will,"},
    /* split by "he said", title and apposition before the verb */
    {"General Tom Brand, the army's chief of staff, said: \"The border is calm.\" "
     "\"The talks failed,\" he added, \"and the troops remain on alert.\"", {BRAND},
     "quote person:tom-brand: The border is calm.; quote person:tom-brand: The talks failed,; "
     "quote person:tom-brand: and the troops remain on alert."},
    /* a quotation with its verb in the sentence before it, a colon */
    {"Ana Ruiz told reporters:\n\n\u00abThe ceasefire is holding across the whole front.\u00bb", {RUIZ},
     "quote person:ana-ruiz: The ceasefire is holding across the whole front."},
    /* over two paragraphs: the first left open, the second reopened */
    {"Ana Ruiz said: \u201cThe first part of the answer is here.\n\n\u201cThe second part comes later.\u201d",
     {RUIZ}, "quote person:ana-ruiz: The first part of the answer is here.; "
     "quote person:ana-ruiz: The second part comes later."},
    /* the speaker is the one before the verb, not the one met */
    {"Ana Ruiz met Tom Brand on Monday. \u201cWe agreed on the next steps for the port,\u201d Ruiz said.",
     {RUIZ, BRAND, RUIZ2}, "quote person:ana-ruiz: We agreed on the next steps for the port,"},
    /* "the <title>" is the last person named after that title */
    {"Foreign Minister Ana Ruiz met Tom Brand. \u201cThe agreement will hold for a decade,\u201d the minister said.",
     {RUIZ, BRAND}, "quote person:ana-ruiz: The agreement will hold for a decade,"},
    /* "The <title> ... and said that": the title opening the clause */
    {"Secretary General Ana Ruiz met the envoys. The Secretary General praised their work and said that "
     "the visit opens a new chapter for the region.", {RUIZ},
     "quote person:ana-ruiz: the visit opens a new chapter for the region."},
    /* a common noun for the speaker who spoke just before */
    {"\u201cThe talks will resume in May,\u201d Ana Ruiz said. The top diplomat said the sanctions will stay in place.",
     {RUIZ}, "quote person:ana-ruiz: The talks will resume in May,; "
     "quote person:ana-ruiz: the sanctions will stay in place."},
    /* a country is no title, a capitalised "States" no verb */
    {"\u201cThe talks will resume in May,\u201d Ana Ruiz said. "
     "The United States and Chad called for calm in the region.",
     {RUIZ, {"country:US", "United States"}}, "quote person:ana-ruiz: The talks will resume in May,"},
    /* reported speech: leading, with and without "that", trailing, "according to" */
    {"Ana Ruiz said the new patrols will start in spring.", {RUIZ},
     "quote person:ana-ruiz: the new patrols will start in spring."},
    {"Ana Ruiz announced that the embassy will reopen next month.", {RUIZ},
     "quote person:ana-ruiz: the embassy will reopen next month."},
    {"The embassy will reopen next month, Ana Ruiz said.", {RUIZ},
     "quote person:ana-ruiz: The embassy will reopen next month"},
    {"The embassy will reopen next month, Ana Ruiz said on Tuesday.", {RUIZ},
     "quote person:ana-ruiz: The embassy will reopen next month"},
    {"According to Ana Ruiz, the embassy will reopen next month.", {RUIZ},
     "quote person:ana-ruiz: the embassy will reopen next month."},
    /* an object, not a clause, after "announced": an event, no claim */
    {"Ana Ruiz announced new sanctions on Thursday.", {RUIZ}, ""},
    /* a short quotation after an article names a thing; the sentence is reported speech */
    {"Ana Ruiz said the group is now a \u201cbanned armed group\u201d in the region.", {RUIZ},
     "quote person:ana-ruiz: the group is now a \u201cbanned armed group\u201d in the region."},
    /* a statement signed on its last line: its judgements are the signer's */
    {"Today we impose new sanctions.\n\nThe group poses a threat to the region.\n\n"
     "Ana Ruiz, Minister of Foreign Affairs", {RUIZ},
     "assessment person:ana-ruiz: The group poses a threat to the region."},
    /* a short quotation opening with an article names a thing */
    {"That plan, which Ana Ruiz called \u201cthe new deal,\u201d starts in May.", {RUIZ}, ""},
    /* an organisation's words are not a person's quote */
    {"The ministry said that the embassy will reopen next month.", {{NULL, NULL}}, ""},
    /* a quotation with no speaker anywhere: nothing invented */
    {"\u201cThe port is closed to all foreign ships until further notice.\u201d", {{NULL, NULL}}, ""},
    /* the closing mark without its opening one quotes its sentence */
    {"The port is closed to all foreign ships,\u201d Ana Ruiz said.", {RUIZ},
     "quote person:ana-ruiz: The port is closed to all foreign ships,"},
    /* a title after the verb, in an apposition of the name */
    {"Gen. Tom Brand, commander of the northern army, visited the port. "
     "\u201cThe port is safe for all ships now,\u201d said the commander of the northern army.", {BRAND},
     "quote person:tom-brand: The port is safe for all ships now,"},
    /* a lede with a title, the person named in the next sentence */
    {"The talks will resume in May, said the commander of the northern army.\n\n"
     "Gen. Tom Brand spoke to the press in Rome.", {BRAND},
     "quote person:tom-brand: The talks will resume in May"},
    /* a long title between "according to" and the name */
    {"According to the U.N. envoy and mission head Ana Ruiz, \u201cthe arms keep arriving by sea.\u201d", {RUIZ},
     "quote person:ana-ruiz: the arms keep arriving by sea."},
    /* a quoted paragraph signed by the next line */
    {"The council met today.\n\n\u201cThe sanctions will stay in force.\u201d\nAna Ruiz, High Representative\n\n"
     "The list was published.", {RUIZ}, "quote person:ana-ruiz: The sanctions will stay in force."},
    /* a line that quotes someone is no signature of the quotation above */
    {"\u201cThe sanctions will stay in force.\u201d\nAna Ruiz said: \u201cWe will stay.\u201d", {RUIZ},
     "quote person:ana-ruiz: We will stay."},
    /* two quotations of one sentence, the verb before the first */
    {"Ana Ruiz called the vote \u201ca victory for the whole region\u201d and \u201ca moment of real hope.\u201d",
     {RUIZ},
     "quote person:ana-ruiz: a victory for the whole region; quote person:ana-ruiz: a moment of real hope."},
    /* a short quoted sentence leads into the next: one claim */
    {"\u201cLet me be clear. The port will stay open to every ship,\u201d Ana Ruiz said.", {RUIZ},
     "quote person:ana-ruiz: Let me be clear. The port will stay open to every ship,"},
    /* a verb with an object after a comma is no trailing "X said": no
    ** speaker from the next sentence */
    {"Before the vote in May, several deputies criticized the government\u2019s budget.\n\n"
     "Minister Tom Brand spoke to the press.", {BRAND},
     "assessment -: Before the vote in May, several deputies criticized the government\u2019s budget."},
    /* but one before "in" or a stop closes it */
    {"The embassy will reopen next month, Ana Ruiz announced in Rome.", {RUIZ},
     "quote person:ana-ruiz: The embassy will reopen next month"},
    /* a speech's author after "of" or "by" and title words with stops ("H.E.") */
    {"Statement of Minister Ana Ruiz on the Harbour\n\nI thank the council.\n\nThe ceasefire is likely to hold.",
     {RUIZ}, "assessment person:ana-ruiz: The ceasefire is likely to hold."},
    {"Speech by H.E. Ambassador Ana Ruiz at the Forum\n\nI thank the council.\n\nThe ceasefire is likely to hold.",
     {RUIZ}, "assessment person:ana-ruiz: The ceasefire is likely to hold."},
    /* in the author's own speech, praise and challenge are judgements
    ** (voiced cues); the same words in a report are not */
    {"Remarks by Minister Ana Ruiz at the Harbour\n\nI thank the council.\n\n"
     "The coast guard has been a reliable partner for the port.\n\nOur towns face many challenges.\n\n"
     "The ferry left at noon.",
     {RUIZ},
     "assessment person:ana-ruiz: The coast guard has been a reliable partner for the port.; "
     "assessment person:ana-ruiz: Our towns face many challenges."},
    {"The coast guard has been a reliable partner for the port. Our towns face many challenges.", {{NULL, NULL}},
     ""},
    /* a long relative clause between the speaker and the verb */
    {"Ana Ruiz, who has led the delegation since the spring and who met the envoys on Monday, said "
     "\u201cthe talks have reached a decisive stage.\u201d", {RUIZ},
     "quote person:ana-ruiz: the talks have reached a decisive stage."},
    /* a quotation signed after a dash, not by the last speaker */
    {"\u201cThe talks will resume in May,\u201d Ana Ruiz said.\n\n"
     "\u201cOur forces are ready to defend every town.\u201d \u2013 Tom Brand", {RUIZ, BRAND},
     "quote person:ana-ruiz: The talks will resume in May,; "
     "quote person:tom-brand: Our forces are ready to defend every town."},
    /* an interview's "X: “...”" */
    {"Tom Brand: \u201cWe have no plans to withdraw from the region.\u201d", {BRAND},
     "quote person:tom-brand: We have no plans to withdraw from the region."},
    /* a name the entity stage does not know speaks, not the last speaker */
    {"\u201cThe talks will resume in May,\u201d Ana Ruiz said.\n\n"
     "\u201cThe port stays shut to all ships,\u201d said Kofi Mensah-Bello of the port authority.", {RUIZ},
     "quote person:ana-ruiz: The talks will resume in May,; quote -: The port stays shut to all ships,"},
    /* a pronoun names the person who opened the sentence before, named after the last speaker */
    {"\u201cThe talks will resume in May,\u201d Ana Ruiz said.\n\n"
     "Later, General Tom Brand visited the base. \u201cOur soldiers are ready for anything,\u201d he said.",
     {RUIZ, BRAND},
     "quote person:ana-ruiz: The talks will resume in May,; "
     "quote person:tom-brand: Our soldiers are ready for anything,"},
    /* but not one met by the last speaker */
    {"\u201cThe talks will resume in May,\u201d Ana Ruiz said.\n\n"
     "The minister met Tom Brand at the base. \u201cOur soldiers are ready for anything,\u201d she said.",
     {RUIZ, BRAND},
     "quote person:ana-ruiz: The talks will resume in May,; "
     "quote person:ana-ruiz: Our soldiers are ready for anything,"},
    /* a person whose name is possessive after the verb owns its object, and is no speaker */
    {"Regarding the new river dam, the government reiterated President Ana Ruiz\u2019s support for the deal.",
     {RUIZ}, ""},
    /* "mentioned" reports what the person said, an object as well as a clause */
    {"Ana Ruiz mentioned training and border control as possible areas of cooperation.", {RUIZ},
     "quote person:ana-ruiz: training and border control as possible areas of cooperation."},
    /* options weighed for a decision maker, and a ranking of partners, are judgements */
    {"Parliament could consider new limits on arms exports to the region.", {{NULL, NULL}},
     "assessment -: Parliament could consider new limits on arms exports to the region."},
    {"Chad is among the closest allies of the coalition in the Sahel.", {{NULL, NULL}},
     "assessment -: Chad is among the closest allies of the coalition in the Sahel."},
    /* stressing the importance of doing something advises it */
    {"The ministers agreed on the importance of meeting every spring.", {{NULL, NULL}},
     "recommendation -: The ministers agreed on the importance of meeting every spring."},
    /* a demand that someone act is a call to act; a named person's is a quote */
    {"The northern parties insist that the militia withdraw from the port.", {{NULL, NULL}},
     "recommendation -: The northern parties insist that the militia withdraw from the port."},
    {"Ana Ruiz insisted that the militia withdraw from the port.", {RUIZ},
     "quote person:ana-ruiz: the militia withdraw from the port."},
    /* strain and blame recorded as such */
    {"The harbour talks have been marred by delays and walkouts.", {{NULL, NULL}},
     "assessment -: The harbour talks have been marred by delays and walkouts."},
    {"The new toll drew criticism from the fishing towns.", {{NULL, NULL}},
     "assessment -: The new toll drew criticism from the fishing towns."},
    /* gains and turning points are weighed */
    {"The new road brought clear benefits to the farmers of the valley.", {{NULL, NULL}},
     "assessment -: The new road brought clear benefits to the farmers of the valley."},
    {"The treaty of 1921 marked the end of a long border war.", {{NULL, NULL}},
     "assessment -: The treaty of 1921 marked the end of a long border war."},
    /* what endangers something is judged so; a past threat is an event */
    {"The new dam threatens the water supply of the delta.", {{NULL, NULL}},
     "assessment -: The new dam threatens the water supply of the delta."},
    {"Smuggling has threatened the stability of the whole coast.", {{NULL, NULL}},
     "assessment -: Smuggling has threatened the stability of the whole coast."},
    {"Rain threatened the parade, so it moved indoors.", {{NULL, NULL}}, ""},
    /* a breach of a rule is a judgement; so is what unnamed observers note */
    {"The new patrols violate the maritime treaty. The ministers met in Rome.", {{NULL, NULL}},
     "assessment -: The new patrols violate the maritime treaty."},
    {"Many analysts note that the reforms have stalled since the spring.", {{NULL, NULL}},
     "assessment -: Many analysts note that the reforms have stalled since the spring."},
    {"Ana Ruiz noted that the reforms have stalled since the spring.", {RUIZ},
     "quote person:ana-ruiz: the reforms have stalled since the spring."},
    /* assessments and recommendations in the author's voice */
    {"The truce is likely to collapse. The ministers met in Rome.", {{NULL, NULL}},
     "assessment -: The truce is likely to collapse."},
    {"It is essential that the two sides resume talks.", {{NULL, NULL}},
     "recommendation -: It is essential that the two sides resume talks."},
};

static size_t mentions_of(const dcase *c, annot_mention *m, size_t cap) {
    size_t nm = 0;
    for (size_t p = 0; p < 3 && c->people[p][0]; p++)
        for (const char *q = c->text; (q = strstr(q, c->people[p][1])) && nm < cap; q++) {
            size_t at = (size_t)(q - c->text);
            int inside = 0;   /* "Ruiz" inside "Ana Ruiz" is the longer mention's */
            for (size_t k = 0; k < nm; k++) inside |= m[k].start <= at && at < m[k].end;
            if (!inside) m[nm++] = (annot_mention){at, at + strlen(c->people[p][1]), c->people[p][0]};
        }
    return nm;
}

static void documents(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        const dcase *c = &docs[i];
        annot_mention m[16];
        size_t nm = mentions_of(c, m, 16);
        seg_result seg;
        assert_int_equal(seg_split(c->text, strlen(c->text), &seg, NULL), FL_OK);
        annot_claim *cl;
        size_t n;
        assert_int_equal(claim_extract(c->text, strlen(c->text), &seg, m, nm, &cl, &n, NULL), FL_OK);
        char got[2048] = "";
        size_t len = 0;
        for (size_t k = 0; k < n; k++)
            len += (size_t)snprintf(got + len, sizeof got - len, "%s%s %s: %.*s", k ? "; " : "",
                                    claim_kind_name(cl[k].kind), cl[k].speaker ? cl[k].speaker : "-",
                                    (int)(cl[k].end - cl[k].start), c->text + cl[k].start);
        if (strcmp(got, c->want) != 0) fail_msg("doc %zu: %s\n got: %s\nwant: %s", i, c->text, got, c->want);
        free(cl);
        seg_release(&seg);
    }
}

static void huge_sentence(void **state) {
    (void)state;
    size_t words = 100000, n = words * 4;
    char *t = malloc(n + 1);
    for (size_t i = 0; i < words; i++) memcpy(t + i * 4, i % 3 ? "\xE2\x80\x9C " : "sa ", 4 - (i % 3 == 0));
    for (size_t i = 0; i < n; i++)
        if (!t[i]) t[i] = ' ';
    t[n] = '\0';
    annot_claim *cl;
    size_t nc;
    assert_int_equal(claim_extract(t, n, NULL, NULL, 0, &cl, &nc, NULL), FL_OK);
    assert_int_equal(nc, 0);
    free(cl);
    free(t);
}

/* 100,000 words of speech verbs, titles, commas and names that never make
** a speaker, then one that does: linear time (each verb looks at a few
** words around it, not at the whole sentence). */
static void many_verbs(void **state) {
    (void)state;
    static const char unit[] = "The Big Chief said, the plan said so, ";
    size_t reps = 12500, un = sizeof unit - 1, n = reps * un;
    char *t = malloc(n + 64);
    for (size_t i = 0; i < reps; i++) memcpy(t + i * un, unit, un);
    memcpy(t + n, "Ana Ruiz said the talks will resume soon.", 42);
    n += 41;
    annot_mention m = {n - 41, n - 33, "person:ana-ruiz"};
    annot_claim *cl;
    size_t nc;
    assert_int_equal(claim_extract(t, n, NULL, &m, 1, &cl, &nc, NULL), FL_OK);
    assert_int_equal(nc, 1);
    assert_string_equal(cl[0].speaker, "person:ana-ruiz");
    free(cl);
    free(t);
}

/* A document that is one quotation of 100,000 words, a person named in it
** and no speaker anywhere: no claim is given a speaker (a person inside
** the quotation is not its speaker). */
static void one_long_quotation(void **state) {
    (void)state;
    static const char unit[] = "The talks with Ana Ruiz went on for hours. ";
    size_t reps = 12500, un = sizeof unit - 1, open = 3, n = open + reps * un + 3;
    char *t = malloc(n + 1);
    annot_mention *m = malloc(reps * sizeof *m);
    memcpy(t, "\xE2\x80\x9C", open);
    for (size_t i = 0; i < reps; i++) {
        size_t at = open + i * un;
        memcpy(t + at, unit, un);
        m[i] = (annot_mention){at + 15, at + 23, "person:ana-ruiz"};
    }
    memcpy(t + n - 4, ".\xE2\x80\x9D", 4);   /* the last space becomes the closing mark */
    t[n] = '\0';
    seg_result seg;
    assert_int_equal(seg_split(t, n, &seg, NULL), FL_OK);
    annot_claim *cl;
    size_t nc;
    assert_int_equal(claim_extract(t, n, &seg, m, reps, &cl, &nc, NULL), FL_OK);
    for (size_t k = 0; k < nc; k++) assert_null(cl[k].speaker);
    free(cl);
    seg_release(&seg);
    free(m);
    free(t);
}

/* A claim is about the entities mentioned in its span, each once, its
** speaker aside. */
static void about(void **state) {
    (void)state;
    const char *t = "\u201cLibya and Chad must talk, and Libya must listen,\u201d Ana Ruiz said.";
    const char *at[] = {"Libya", "Chad", "Ana Ruiz"}, *ids[] = {"country:LY", "country:TD", "person:ana-ruiz"};
    annot_mention m[4];
    size_t nm = 0;
    for (size_t k = 0; k < 3; k++) {
        const char *p = strstr(t, at[k]);
        m[nm++] = (annot_mention){(size_t)(p - t), (size_t)(p - t) + strlen(at[k]), ids[k]};
    }
    const char *again = strstr(strstr(t, "Libya") + 1, "Libya");
    m[nm++] = (annot_mention){(size_t)(again - t), (size_t)(again - t) + 5, "country:LY"};
    annot_claim *cl;
    size_t n;
    assert_int_equal(claim_extract(t, strlen(t), NULL, m, nm, &cl, &n, NULL), FL_OK);
    assert_int_equal(n, 1);
    assert_string_equal(cl[0].speaker, "person:ana-ruiz");
    assert_int_equal(cl[0].n_about, 2);
    assert_string_equal(cl[0].about[0], "country:LY");
    assert_string_equal(cl[0].about[1], "country:TD");
    free(cl);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(documents),
        cmocka_unit_test(huge_sentence),
        cmocka_unit_test(many_verbs),
        cmocka_unit_test(one_long_quotation),
        cmocka_unit_test(about),
    };
    return cmocka_run_group_tests_name("claim", tests, NULL, NULL);
}
