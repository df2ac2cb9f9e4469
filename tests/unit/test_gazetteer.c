/* test_gazetteer.c: entity linking on the default pack (data/pack plus the
** generated part), as a table of sentences and the mentions they must or
** must not yield; then broken packs, which must fail with file and line,
** and hostile text (a megabyte without a space). */
#include "unit.h"
#include "gazetteer.h"

#include <unistd.h>

static const gaz_pack *pack(void) {
    const gaz_pack *p;
    char *err = NULL;
    if (gaz_default(&p, &err)) fail_msg("pack: %s", err);
    return p;
}

/* gaz_annotate on TEXT[0..N), its words made as the segment stage makes them. */
static int annotate(const gaz_pack *p, const char *text, size_t n, gaz_result *r, char **err) {
    tok_words words;
    int rc = tok_words_make(text, n, &words);
    if (rc == FL_OK) rc = gaz_annotate(p, text, n, &words, r, err);
    tok_words_release(&words);
    return rc;
}

/* Does TEXT yield a mention of ID whose text is SPAN (NULL: any span)? */
static int has(const char *text, const char *id, const char *span) {
    gaz_result r;
    char *err = NULL;
    assert_int_equal(annotate(pack(), text, strlen(text), &r, &err), FL_OK);
    int found = 0;
    for (size_t i = 0; i < r.n_mentions; i++) {
        const annot_mention *m = &r.mentions[i];
        if (strcmp(m->id, id) != 0) continue;
        if (!span || (strlen(span) == m->end - m->start && memcmp(text + m->start, span, m->end - m->start) == 0))
            found = 1;
    }
    gaz_result_release(&r);
    return found;
}

static const struct { const char *text, *id, *span; int want; } cases[] = {
    /* token boundaries: Niger is never inside Nigeria */
    {"Nigeria and Niger share a border.", "country:NE", "Niger", 1},
    {"Nigeria is large.", "country:NE", NULL, 0},
    {"Nigeria is large.", "country:NG", "Nigeria", 1},
    /* possessives, straight and curly */
    {"NATO's southern flank", "org:nato", "NATO", 1},
    {"NATO\xe2\x80\x99s southern flank", "org:nato", "NATO", 1},
    {"Russia\xe2\x80\x99s footprint", "country:RU", "Russia", 1},
    /* longest match wins */
    {"NATO Mission Iraq trains officers.", "framework:nato-mission-iraq", "NATO Mission Iraq", 1},
    {"NATO Mission Iraq trains officers.", "org:nato", NULL, 0},
    {"the Central African Republic is", "country:CF", "Central African Republic", 1},
    {"the Central African Republic is", "region:africa", NULL, 0},
    /* acronyms: defined in the document, or not counted */
    {"the Central African Republic (CAR). Later the CAR said", "country:CF", "CAR", 1},
    {"A CAR bomb exploded.", "country:CF", NULL, 0},
    {"the Istanbul Cooperation Initiative (ICI) and the ICI", "framework:istanbul-cooperation-initiative", "ICI", 1},
    {"The ICI met.", "framework:istanbul-cooperation-initiative", NULL, 0},
    {"the Foobar Pact (FBP) ... Mali and FBP", "country:ML", "Mali", 1},
    /* acronyms keep their case; "us" is a pronoun */
    {"Let us go to the U.S. now", "country:US", "U.S.", 1},
    {"Let us go.", "country:US", NULL, 0},
    /* person or country */
    {"Jordan and Tunisia are partners.", "country:JO", "Jordan", 1},
    {"Michael Jordan scored.", "country:JO", NULL, 0},
    {"Chad Smith plays drums.", "country:TD", NULL, 0},
    {"In Chad, troops left.", "country:TD", "Chad", 1},
    /* common words need their capital */
    {"a turkey dinner", "country:TR", NULL, 0},
    {"Turkey hosts the summit.", "country:TR", "Turkey", 1},
    /* "the Alliance" means NATO in a NATO text only */
    {"NATO met. The Alliance agreed.", "org:nato", "Alliance", 1},
    {"The Alliance agreed.", "org:nato", NULL, 0},
    /* capitals: the government as actor, the city as place */
    {"Moscow has sought a base.", "country:RU", "Moscow", 1},
    {"The summit in Moscow ended.", "place:moscow", "Moscow", 1},
    {"the 1997 Madrid summit", "place:madrid", "Madrid", 1},
    {"a depot 30 km north of Moscow was hit", "place:moscow", "Moscow", 1},
    {"The plant outside Moscow, Russia, closed.", "place:moscow", "Moscow", 1},
    {"Moscow, Paris and Rome disagreed.", "country:RU", "Moscow", 1},
    /* a capital in a list of towns is the town */
    {"Rebels held Tripoli and several other coastal cities.", "place:tripoli", "Tripoli", 1},
    {"Power cuts hit cities such as Cairo last summer.", "place:cairo", "Cairo", 1},
    {"Cairo and Rome signed a deal on cities.", "country:EG", "Cairo", 1},
    /* accents and languages */
    {"Pedro Sanchez spoke.", "person:pedro-sanchez", NULL, 1},
    {"La Libye et la Tunisie", "country:LY", "Libye", 1},
    {"\xd9\x84\xd9\x8a\xd8\xa8\xd9\x8a\xd8\xa7", "country:LY", NULL, 1},
    {"al-Jufra and Maaten al-Sarra", "place:maaten-al-sarra", "Maaten al-Sarra", 1},
    /* spelling variants */
    {"the southern neighborhood", "region:southern-neighbourhood", NULL, 1},
    /* a multi-word name never spans a full stop */
    {"He left North. Africa waits.", "region:north-africa", NULL, 0},
    /* GeoNames cities that are surnames or words need evidence of a place */
    {"Obama signed the order.", "place:obama", NULL, 0},
    {"Secretary Clinton and Senator Taylor agreed.", "place:clinton", NULL, 0},
    {"Secretary Clinton and Senator Taylor agreed.", "place:taylor", NULL, 0},
    {"Toyota sold more trucks.", "place:toyota", NULL, 0},
    {"Jupiter is the largest planet.", "place:jupiter", NULL, 0},
    {"Auch and Ende are German words, and French is spoken.", "place:auch", NULL, 0},
    {"Auch and Ende are German words, and French is spoken.", "place:ende", NULL, 0},
    {"Floods hit Ende, Indonesia, on Monday.", "place:ende", "Ende", 1},
    {"The market in Auch reopened.", "place:auch", "Auch", 1},
    {"a base 20 km north of Auch", "place:auch", "Auch", 1},
    {"the old port of Bagnoli, Naples, closed", "place:bagnoli", "Bagnoli", 1},
    {"Shanghai grew fast.", "place:shanghai", "Shanghai", 1},
    {"the Istanbul Summit ended", "place:istanbul", "Istanbul", 1},
    /* a description shared by two governments names neither: the city stays a place */
    {"arms sent to the Tripoli-based Government of National Accord", "place:tripoli", "Tripoli", 1},
    {"arms sent to the Tripoli-based Government of National Accord", "org:libya-gnu", NULL, 0},
    /* an operation's bare name counts only where its agency is named */
    {"Frontex runs Indalo and Minerva off Spain.", "framework:operation-indalo", "Indalo", 1},
    {"The Indalo hotel reopened.", "framework:operation-indalo", NULL, 0},
    /* services and offices a regional pack holds */
    {"Arma dei Carabinieri instructors trained the police.", "org:carabinieri", "Arma dei Carabinieri", 1},
    {"The DoD Inspector General faulted the contract.", "org:dod-inspector-general", "DoD Inspector General", 1},
    {"Pirates struck in the Western Indian Ocean again.", "region:western-indian-ocean", "Western Indian Ocean", 1},
    {"Pirates struck in the Western Indian Ocean again.", "region:indian-ocean", NULL, 0},
    /* a lower-case alias beside the capitalised name of the same entity */
    {"Pirates struck in the western Indian Ocean again.", "region:western-indian-ocean", "western Indian Ocean", 1},
    /* aliases with a possessive inside; other names still stop at one */
    {"Envoys of the People's Republic of China arrived.", "country:CN", "People's Republic of China", 1},
    {"Russia's Defense Ministry denied it.", "org:russian-ministry-of-defence", "Russia's Defense Ministry", 1},
    {"Russia's Defense Ministry denied it.", "country:RU", NULL, 0},
    {"Russia's navy sailed.", "country:RU", "Russia", 1},
    /* transliterations and the English name of a group */
    {"fighters of Jamaat Nasr al-Islam wal-Muslimin attacked", "group:jnim", "Jamaat Nasr al-Islam wal-Muslimin", 1},
    {"the Support Group for Islam and Muslims claimed it", "group:jnim", "Support Group for Islam and Muslims", 1},
    /* names with a possessive or a dash, bases of the region */
    {"A frigate of the People's Liberation Army Navy docked.", "org:pla-navy", "People's Liberation Army Navy", 1},
    {"Marines trained at the People's Liberation Army Support Base in Djibouti.", "place:pla-base-djibouti",
     "People's Liberation Army Support Base in Djibouti", 1},
    {"Royal Navy minehunters are based at HMS Jufair.", "place:hms-jufair", "HMS Jufair", 1},
    {"Royal Navy minehunters are based at HMS Jufair.", "place:nsa-bahrain", NULL, 0},
    {"Mirage jets flew from Base a\xc3\xa9rienne 188 at dawn.", "place:base-aerienne-188", NULL, 1},
    {"Officers of the NATO Training Mission \xe2\x80\x93 Iraq met.", "framework:nato-training-mission-iraq",
     "NATO Training Mission \xe2\x80\x93 Iraq", 1},
    {"Sailors of Operation Enduring Freedom \xe2\x80\x93 Horn of Africa (OEF-HOA) left Djibouti.", "framework:oef-hoa",
     "Operation Enduring Freedom \xe2\x80\x93 Horn of Africa", 1},
    {"Sailors of Operation Enduring Freedom \xe2\x80\x93 Horn of Africa (OEF-HOA) left Djibouti.",
     "region:horn-of-africa", NULL, 0},
    {"The speech quoted Bashar al-Asad twice; Asad left.", "person:bashar-al-assad", "Asad", 1},
    {"Asad left.", "person:bashar-al-assad", NULL, 0},
    /* "Defense Department" where the United States is named */
    {"The Defense Department said U.S. troops would stay.", "org:us-department-of-defense", "Defense Department", 1},
    {"The Defense Department of Kouriba said troops would stay.", "org:us-department-of-defense", NULL, 0},
    /* NATO's headquarters building is a place */
    {"The king came to NATO Headquarters for talks.", "place:nato-headquarters", "NATO Headquarters", 1},
    {"The king came to NATO Headquarters for talks.", "org:nato", NULL, 0},
    /* a treaty named after the UN is the treaty */
    {"Ankara has not signed the United Nations Convention on the Law of the Sea.", "document:unclos", NULL, 1},
    {"Ankara has not signed the United Nations Convention on the Law of the Sea.", "org:un", NULL, 0},
    /* a region's adjective alone does not name the region; with the region named it does */
    {"Forty European experts advise the police.", "region:europe", NULL, 0},
    {"Troops left Europe; European experts stayed.", "region:europe", "European", 1},
    {"The serval is an African wild cat.", "region:africa", NULL, 0},
    {"Sahelian juntas and North American donors met.", "region:sahel", NULL, 0},
    {"Sahelian juntas and North American donors met.", "region:north-america", NULL, 0},
    {"In the Sahel, Sahelian juntas met.", "region:sahel", "Sahelian", 1},
    /* a context alias whose context is itself a context alias */
    {"In the new Congress, the House and the Senate of the U.S. disagreed.", "org:us-house-of-representatives",
     "House", 1},
    {"The House and the Senate of the U.S. disagreed.", "org:us-house-of-representatives", NULL, 0},
    {"In the new Congress, a Zorvath House study and the U.S. disagreed.", "org:us-house-of-representatives", NULL,
     0},
    /* a mission's bare acronym */
    {"The junta ended the EUMPM last year.", "framework:eumpm-niger", "EUMPM", 1},
};

static void table(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (has(cases[i].text, cases[i].id, cases[i].span) != cases[i].want)
            fail_msg("case %zu: \"%s\": %s %s expected %s", i, cases[i].text, cases[i].id,
                     cases[i].span ? cases[i].span : "", cases[i].want ? "present" : "absent");
}

static void candidates(void **state) {
    (void)state;
    const char *t = "Admiral Zorbo Quaxley visited Mali.";
    gaz_result r;
    assert_int_equal(annotate(pack(), t, strlen(t), &r, NULL), FL_OK);
    assert_int_equal(r.n_candidates, 1);
    assert_int_equal(r.candidates[0].end - r.candidates[0].start, strlen("Zorbo Quaxley"));
    assert_null(r.candidates[0].id);
    gaz_result_release(&r);
}

static void lookup(void **state) {
    (void)state;
    const gaz_entity *e = gaz_get(pack(), "place:al-jufra");
    assert_non_null(e);
    assert_string_equal(e->type, "place");
    size_t n;
    const char *lat = gaz_attr(e, "lat", &n);
    assert_non_null(lat);
    assert_true(n > 3);
    assert_null(gaz_get(pack(), "place:nowhere-at-all"));
    assert_true(gaz_entity_count(pack()) > 20000);
    assert_true(gaz_fact_count(pack()) > 100);
}

static void hostile_text(void **state) {
    (void)state;
    size_t n = (size_t)1 << 20;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++) s[i] = "NATOLibya,.()'"[i % 14];
    s[n] = '\0';
    gaz_result r;
    assert_int_equal(annotate(pack(), s, n, &r, NULL), FL_OK);
    gaz_result_release(&r);
    memset(s, 'A', n);
    assert_int_equal(annotate(pack(), s, n, &r, NULL), FL_OK);
    assert_int_equal(r.n_mentions, 0);
    gaz_result_release(&r);
    free(s);
}

/* ---- how aliases are written ------------------------------------------ */

/* Does pack P link TEXT's words SPAN to ID? */
static int links(const gaz_pack *p, const char *text, const char *id, const char *span) {
    gaz_result r;
    assert_int_equal(annotate(p, text, strlen(text), &r, NULL), FL_OK);
    int found = 0;
    for (size_t i = 0; i < r.n_mentions; i++)
        found |= strcmp(r.mentions[i].id, id) == 0 && strlen(span) == r.mentions[i].end - r.mentions[i].start &&
                 memcmp(text + r.mentions[i].start, span, strlen(span)) == 0;
    gaz_result_release(&r);
    return found;
}

static void alias_forms(void **state) {
    (void)state;
    char dir[] = "/tmp/flank-gaz-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[300];
    snprintf(path, sizeof path, "%s/t.tsv", dir);
    FILE *f = fopen(path, "wb");
    fputs("id\ttype\tname\taliases\tattrs\n"
          "framework:qx\tframework\tQuorra Training Mission \xe2\x80\x93 Velt\t\t\n"
          "org:qa\torganization\tQuorra's Coastal Guard\tQuorra\xe2\x80\x99s Coastal Guard\t\n"
          "region:qs\tregion\tSouthern Quorra Sea\tsouthern Quorra Sea\t\n"
          "country:QQ\tcountry\tQuorra\t\t\n",
          f);
    fclose(f);
    const char *paths[] = {path};
    gaz_pack *p = NULL;
    char *err = NULL;
    assert_int_equal(gaz_load(paths, 1, &p, &err), FL_OK);
    /* a name written with an en dash matches with a dash or a hyphen */
    assert_true(links(p, "The Quorra Training Mission \xe2\x80\x93 Velt opened.", "framework:qx",
                      "Quorra Training Mission \xe2\x80\x93 Velt"));
    assert_true(links(p, "The Quorra Training Mission-Velt opened.", "framework:qx", "Quorra Training Mission-Velt"));
    assert_false(links(p, "The Quorra Training Mission. Velt opened.", "framework:qx",
                       "Quorra Training Mission. Velt"));
    /* a possessive inside the alias, either apostrophe; a bare possessive ends a name */
    assert_true(links(p, "Boats of Quorra's Coastal Guard left.", "org:qa", "Quorra's Coastal Guard"));
    assert_true(links(p, "Boats of Quorra\xe2\x80\x99s Coastal Guard left.", "org:qa",
                      "Quorra\xe2\x80\x99s Coastal Guard"));
    assert_true(links(p, "Quorra's navy left.", "country:QQ", "Quorra"));
    /* the lower-case alias of a capitalised name matches in lower case */
    assert_true(links(p, "Storms hit the southern Quorra Sea.", "region:qs", "southern Quorra Sea"));
    assert_true(links(p, "Storms hit the Southern Quorra Sea.", "region:qs", "Southern Quorra Sea"));
    gaz_free(p);
    unlink(path);
    rmdir(dir);
}

/* ---- broken packs ---------------------------------------------------- */

static const char *HEAD = "id\ttype\tname\taliases\tattrs\n";

static const struct { const char *body, *want; } bad[] = {
    {"# comment\nid\ttype\tname\taliases\tattrs\nplace:x\tplace\tX\t\t\nplace:y\tplace\tY\n",
     "t.tsv:4: expected 5 columns"},
    {"id\ttype\tname\taliases\tattrs\nplace:x\tplace\tX\t\t\nplace:x\tplace\tX2\t\t\n",
     "t.tsv:3: duplicate id place:x (first at"},
    {"id\ttype\tname\taliases\tattrs\nplace:x\tplace\tX\t\t\nplace:\xff\tplace\tY\t\t\n", "t.tsv:3: invalid UTF-8"},
    {"id\ttype\tname\taliases\tattrs\nPlace:X\tplace\tX\t\t\n", "t.tsv:2: Place:X: unknown id prefix"},
    {"id\ttype\tname\taliases\tattrs\ncountry:Libya\tcountry\tX\t\t\n", "t.tsv:2: country:Libya: country ids use"},
    {"id\ttype\tname\taliases\tattrs\nplace:x\tperson\tX\t\t\n", "t.tsv:2: place:x: type does not match"},
    {"id\tname\n", "t.tsv:1: unknown header"},
    {"id\ttype\tname\taliases\tattrs\nplace:x\tplace\tX\tXx{weird}\t\n", "place:x: unknown alias flag {weird}"},
    {"subject\tpredicate\tobject\tstart\tend\tsource\ncountry:ZZ\tmember_of\t\t\t\tsrc\n",
     "t.tsv:2: unknown subject country:ZZ"},
    /* only comments and a header: the refusal names the file (found by fuzz_pack) */
    {"# a comment\nid\ttype\tname\taliases\tattrs\n# another\n", "t.tsv: no entities"},
};

static void broken_packs(void **state) {
    (void)state;
    char dir[] = "/tmp/flank-gaz-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[300];
    snprintf(path, sizeof path, "%s/t.tsv", dir);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        FILE *f = fopen(path, "wb");
        fputs(bad[i].body, f);
        fclose(f);
        const char *paths[] = {path};
        gaz_pack *p = (gaz_pack *)1;
        char *err = NULL;
        assert_int_not_equal(gaz_load(paths, 1, &p, &err), FL_OK);
        assert_null(p);
        assert_non_null(err);
        if (!strstr(err, bad[i].want)) fail_msg("case %zu: got \"%s\", want \"%s\"", i, err, bad[i].want);
        fl_free(err);
    }
    /* a good one loads and links */
    FILE *f = fopen(path, "wb");
    fputs(HEAD, f);
    fputs("place:zorbo\tplace\tZorbo Base\tZorbo|ZB{def}\tlat=1;lon=2\n", f);
    fclose(f);
    const char *paths[] = {path};
    gaz_pack *p = NULL;
    char *err = NULL;
    assert_int_equal(gaz_load(paths, 1, &p, &err), FL_OK);
    gaz_result r;
    const char *t = "At Zorbo the ZB runs.";
    assert_int_equal(annotate(p, t, strlen(t), &r, NULL), FL_OK);
    assert_int_equal(r.n_mentions, 2);
    gaz_result_release(&r);
    gaz_free(p);
    unlink(path);
    /* a missing file */
    const char *missing[] = {"/nonexistent/pack.tsv"};
    assert_int_equal(gaz_load(missing, 1, &p, &err), FL_EIO);
    assert_non_null(strstr(err, "/nonexistent/pack.tsv"));
    fl_free(err);
    rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(candidates),
        cmocka_unit_test(lookup),
        cmocka_unit_test(hostile_text),
        cmocka_unit_test(alias_forms),
        cmocka_unit_test(broken_packs),
    };
    return cmocka_run_group_tests_name("gazetteer", tests, NULL, NULL);
}
