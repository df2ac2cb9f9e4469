/* test_names.c: the name finder on sentences written for this test (the
** people and bodies in them are invented): typed entities the pack lacks,
** their shorter forms, what must not become a name, and hostile text. */
#include "unit.h"
#include "names.h"

static const gaz_pack *pack(void) {
    const gaz_pack *p;
    char *err = NULL;
    if (gaz_default(&p, &err)) fail_msg("pack: %s", err);
    return p;
}

/* gaz_annotate then names_find on TEXT, as the pipeline runs them. */
static int find(const char *text, gaz_result *r) {
    tok_words words;
    char *err = NULL;
    size_t n = strlen(text);
    int rc = tok_words_make(text, n, &words);
    if (rc == FL_OK) rc = gaz_annotate(pack(), text, n, &words, r, &err);
    if (rc == FL_OK) rc = names_find(pack(), text, n, &words, r, &err);
    tok_words_release(&words);
    if (rc) fail_msg("names: %s", err ? err : "?");
    return rc;
}

/* How many mentions of ID has TEXT whose text is SPAN (NULL: any)? */
static int count(const char *text, const char *id, const char *span) {
    gaz_result r;
    find(text, &r);
    int k = 0;
    for (size_t i = 0; i < r.n_mentions; i++) {
        const annot_mention *m = &r.mentions[i];
        if (strcmp(m->id, id) != 0) continue;
        if (!span || (strlen(span) == m->end - m->start && memcmp(text + m->start, span, m->end - m->start) == 0))
            k++;
    }
    gaz_result_release(&r);
    return k;
}

static const struct { const char *text, *id, *span; int want; } cases[] = {
    /* people introduced with a title, and their surname later */
    {"The mission is led by Lt. Gen. Marcel Dufresne of the Canadian Army. Dufresne said it would last.",
     "person:marcel-dufresne", "Marcel Dufresne", 1},
    {"The mission is led by Lt. Gen. Marcel Dufresne of the Canadian Army. Dufresne said it would last.",
     "person:marcel-dufresne", "Dufresne", 1},
    {"The mission is led by Lt. Gen. Marcel Dufresne of the Canadian Army. Dufresne said it would last.",
     "org:canadian-army", "Canadian Army", 1},
    {"The mission is led by Lt. Gen. Marcel Dufresne of the Canadian Army. Dufresne said it would last.",
     "country:CA", NULL, 0},
    {"Ambassador Theodoros Papakyriakou opened the talks.", "person:theodoros-papakyriakou",
     "Theodoros Papakyriakou", 1},
    {"Foreign Minister Ouarda Benhalima met the envoy.", "person:ouarda-benhalima", "Ouarda Benhalima", 1},
    {"the commander, Admiral Rhys Pengelly, hosted", "person:rhys-pengelly", "Rhys Pengelly", 1},
    {"Secretary of State Lorcan Adebayo-Marsh spoke.", "person:lorcan-adebayo-marsh", NULL, 1},
    {"Sheikh Faisal bin Nasser al-Hamdani arrived.", "person:faisal-bin-nasser-al-hamdani", NULL, 1},
    /* foreign personal names without a title; a common-word phrase is none */
    {"Kossivi Adjamagbo told reporters the talks failed.", "person:kossivi-adjamagbo", "Kossivi Adjamagbo", 1},
    {"The Strategic Review was published.", "person:strategic-review", NULL, 0},
    /* a title-case line: headline words make no name; titled persons and
    ** names without common words still do */
    {"Navy Takes Command of Coastal Patrol Operations\n\nThe navy said so.", "org:navy-takes-command", NULL, 0},
    {"Navy Takes Command of Coastal Patrol Operations\n\nThe navy said so.",
     "org:navy-takes-command-of-coastal-patrol-operations", NULL, 0},
    {"Drought Hurts Farmers in Region\n\nRains failed.", "person:drought-hurts", NULL, 0},
    {"Talks with General Ouarda Benhalima in Dakar\n\nShe left.", "person:ouarda-benhalima", "Ouarda Benhalima", 1},
    {"The talks ended.\n\nKossivi J. Adjamagbo, Minister of Water", "person:kossivi-j-adjamagbo", NULL, 1},
    /* two or three unknown words after "in" and before a country after a comma are a place,
    ** and stay that place when named again */
    {"The ceremony was held in Kessel Marbo, Tunisia, on Monday. Later in Kessel Marbo it rained.",
     "place:kessel-marbo", NULL, 2},
    {"The ceremony was held in Kessel Marbo, Tunisia, on Monday. Later in Kessel Marbo it rained.",
     "person:kessel-marbo", NULL, 0},
    {"We met Anna Korvell, Tunisia's envoy, today.", "person:anna-korvell", NULL, 1},
    /* an en dash without spaces joins a name as a hyphen does; with spaces it separates */
    {"The Kouriba\xe2\x80\x93Tembor Joint Commission met.", "org:kouriba-tembor-joint-commission", NULL, 1},
    {"Kouriba \xe2\x80\x93 Tembor Joint Commission members met.", "org:kouriba-tembor-joint-commission", NULL, 0},
    /* a unit's number, "No. N" */
    {"Jets of No. 47 Expeditionary Air Group flew out.", "org:no-47-expeditionary-air-group",
     "No. 47 Expeditionary Air Group", 1},
    {"No. 12 Squadron landed.", "org:no-12-squadron", "No. 12 Squadron", 1},
    {"Was it over? No. 12 Kouriba officers stayed.", "org:no-12-kouriba", NULL, 0},
    /* a military unit called a group is an organisation; an armed group is a group */
    {"Airmen of the 317th Air Expeditionary Group flew out.", "org:317th-air-expeditionary-group", NULL, 1},
    {"Ships of Standing Kouriba Maritime Group 3 sailed.", "org:standing-kouriba-maritime-group-3", NULL, 1},
    {"The Kouriba Carrier Strike Group sailed.", "org:kouriba-carrier-strike-group", NULL, 1},
    {"Fighters of the Kouriba Islamic Fighting Group fled.", "group:kouriba-islamic-fighting-group", NULL, 1},
    /* a designation is a category, not a body; the verb "designated" still precedes names */
    {"Fighters of the U.S.-designated Foreign Smuggling Organization (FSO) Kouriba Front fled.",
     "org:foreign-smuggling-organization", NULL, 0},
    {"The Treasury designated Defense Minister Colonel Ouarda Benhalima on Friday.", "person:ouarda-benhalima",
     "Ouarda Benhalima", 1},
    /* a titled surname of a person named before is that person */
    {"Ambassador Kellen Dorsey visited Tunis. Later Ambassador Dorsey met the minister.", "person:kellen-dorsey",
     "Dorsey", 1},
    {"Ambassador Kellen Dorsey visited Tunis. Later Ambassador Dorsey met the minister.", "person:dorsey", NULL, 0},
    {"Envoy Anneke van der Molen arrived. Mrs. Van der Molen met the press.", "person:anneke-van-der-molen",
     "Van der Molen", 1},
    /* a titled person in a headline ends before the headline's verb */
    {"General Marlo Quint Visits Troops in Niger\n\nHe left.", "person:marlo-quint", "Marlo Quint", 1},
    {"General Marlo Quint Visits Troops in Niger\n\nHe left.", "person:marlo-quint-visits-troops", NULL, 0},
    {"Ambassador Kellen Dorsey Meets Tunisian Officials\n\nThey met.", "person:kellen-dorsey", "Kellen Dorsey", 1},
    {"Minister Mark Tolliver Says Talks Will Resume\n\nHe spoke.", "person:mark-tolliver", "Mark Tolliver", 1},
    {"Admiral Renaud Kessel Takes Command of Coastal Patrol Force\n\nHe left.", "person:renaud-kessel",
     "Renaud Kessel", 1},
    {"General Kessel Says Mission Will Continue\n\nHe left.", "person:kessel", "Kessel", 1},
    {"General Kessel Says Mission Will Continue\n\nHe left.", "framework:general-kessel-says-mission", NULL, 0},
    {"The navy said the Coastal Patrol Command took over operations.", "org:coastal-patrol-command",
     "Coastal Patrol Command", 1},
    {"The Chief of Mission left.", "framework:chief-of-mission", NULL, 0},
    /* organisations, groups, frameworks, places, regions by their words */
    {"Officers of Navy Region Southwest Asia met.", "org:navy-region-southwest-asia", NULL, 1},
    {"the Ministry of Water Resources (MoWR) said; later MoWR added", "org:ministry-of-water-resources",
     "MoWR", 2},
    {"the Chadian Border Police patrols", "org:chadian-border-police", "Chadian Border Police", 1},
    {"the Chadian Border Police patrols", "country:TD", NULL, 0},
    {"fighters of the Azawad Salvation Movement attacked", "group:azawad-salvation-movement", NULL, 1},
    {"during Operation Desert Lantern in 2019", "framework:operation-desert-lantern", "Operation Desert Lantern", 1},
    {"aircraft left Wadi Sarha Air Base at dawn", "place:wadi-sarha-air-base", NULL, 1},
    {"rains hit the Tafilalt Governorate hard", "region:tafilalt-governorate", NULL, 1},
    {"tourists left Kouriba island on Monday", "place:kouriba", "Kouriba", 1},
    {"fighting reached the town of Dinkoro last week", "place:dinkoro", "Dinkoro", 1},
    {"gunmen hit the Sokorobougou neighbourhood", "place:sokorobougou", "Sokorobougou", 1},
    /* one uncommon word, then a country or region after a comma, as addresses are written */
    {"a strike in the vicinity of Kabwaley, Somalia, on Monday", "place:kabwaley", "Kabwaley", 1},
    {"rebels were pushed out of Dinkoro, Sadiya Region, by the army", "place:dinkoro", "Dinkoro", 1},
    {"the report quoted Tembor, Mali's envoy, at length", "place:tembor", NULL, 0},
    {"Tembor, Mali said.", "place:tembor", NULL, 0},
    /* short forms: "the Initiative" is the document's one initiative */
    {"The Sahel Water Initiative began in 2020. The Initiative funds wells.", "framework:sahel-water-initiative",
     "Initiative", 1},
    {"The Sahel Water Initiative and the Koulen Initiative met. The Initiative funds wells.",
     "framework:sahel-water-initiative", "Initiative", 0},
    {"NATO and its Mediterranean Dialogue met. The Dialogue grew.", "framework:mediterranean-dialogue",
     "Dialogue", 1},
    {"The Ruritanian Council of Elders met in May. Later the Council voted.",
     "org:ruritanian-council-of-elders", "Council", 1},
    {"The Kouriba Border Mission trains guards; the mission ends in 2026.", "framework:kouriba-border-mission",
     "mission", 1},
    /* "the group" is the document's one armed group, whatever its head; none of two */
    {"The Kouriba Liberation Front attacked a convoy. The group later claimed the attack.",
     "group:kouriba-liberation-front", "group", 1},
    {"The Kouriba Liberation Front and the Tembor Koro Militia clashed. The group later claimed the attack.",
     "group:kouriba-liberation-front", "group", 0},
    /* a ship's name is no person's; after "a" a capitalised phrase is a kind, no name */
    {"the frigate Marco Velieri sailed", "person:marco-velieri", NULL, 0},
    {"it was listed as a Foreign Smuggling Organization", "org:foreign-smuggling-organization", NULL, 0},
    {"it was listed by the Kouriba Smuggling Commission", "org:kouriba-smuggling-commission", NULL, 1},
    {"it was listed as a Foreign Smuggling Organization by the envoy", "org:foreign-smuggling-organization",
     NULL, 0},
    {"the ship sailed with a Kouriba Navy escort", "org:kouriba-navy", "Kouriba Navy", 1},
    /* a name after a person and "and" is a person, even with a common first word */
    {"Two leaders were named as Ali Tembor and Bay Ag Kouma.", "person:bay-ag-kouma", "Bay Ag Kouma", 1},
    {"Both the Kouriba Water Mission and Bay Ag Kouma left.", "person:bay-ag-kouma", NULL, 0},
    /* the subject of a speech verb beside it is a person, even with a common first word */
    {"\u201cThe port stays shut,\u201d said Mark Tembeley, an adviser to the ministry.", "person:mark-tembeley",
     "Mark Tembeley", 1},
    {"Grace Oyelaran told reporters the talks had failed.", "person:grace-oyelaran", "Grace Oyelaran", 1},
    {"The offer was rejected, Grace Oyelaran said.", "person:grace-oyelaran", "Grace Oyelaran", 1},
    /* but not two common words ("told Sky News"), nor after punctuation */
    {"The minister told Sky News the talks had failed.", "person:sky-news", NULL, 0},
    {"Mark Tembeley\u2019s office said the talks had failed.", "person:mark-tembeley", NULL, 0},
    /* "and" then common words only goes on with the name, after a name */
    {"They signed the Kouriba-Tembor Partnership and Support Programme.",
     "framework:kouriba-tembor-partnership-and-support-programme", NULL, 1},
    {"They signed an Annual Training and Support Programme.",
     "framework:annual-training-and-support-programme", NULL, 0},
    /* an acronym in brackets after a name ending in a country is the name's,
    ** with a hyphen too, and a title of it is a post, no person */
    {"the Ruritanian Advisory Mission-Mali (RAM-M) opened. The Commander of RAM-M left; RAM-M grew.",
     "framework:ruritanian-advisory-mission-mali", "RAM-M", 3},
    {"the Ruritanian Advisory Mission-Mali (RAM-M) opened. The Commander of RAM-M left; RAM-M grew.",
     "country:ML", "RAM-M", 0},
    {"the Ruritanian Advisory Mission-Mali (RAM-M) opened. The Commander of RAM-M left; RAM-M grew.",
     "person:ram", NULL, 0},
    {"The Commander of Kouriba Coastal Command flew in.", "org:kouriba-coastal-command", NULL, 1},
    /* an acronym never defined: the one entity whose words begin with its
    ** capitals; none when two have them or in a run of capitals */
    {"The Kouriba Water Training Mission began in 2020. Later the KWTM trained guards.",
     "framework:kouriba-water-training-mission", "KWTM", 1},
    {"The Kouriba Water Mission and the Koulen Water Mission met. The KWM said no.",
     "framework:kouriba-water-mission", "KWM", 0},
    {"The Kouriba Water Mission began. NEW KWM RULES", "framework:kouriba-water-mission", "KWM", 0},
    /* no person: after "the", after an acronym or a country in one phrase,
    ** or before capitals in brackets; a group named by the word after it */
    {"forces held the Tembor Dakka line", "person:tembor-dakka", NULL, 0},
    {"the frigates ITS Marco Velieri and ITS Luca Dandolo", "person:luca-dandolo", NULL, 0},
    {"the Chadian Kossivi Adjamagbo Brotherhood", "person:kossivi-adjamagbo", NULL, 0},
    {"fighters of Kossivi Adjamagbo wal-Ansar (KAWA) attacked", "person:kossivi-adjamagbo", NULL, 0},
    {"the town was held by the Koro Bani militia", "group:koro-bani", "Koro Bani", 1},
    {"the town was held by the Koro Bani militia", "person:koro-bani", NULL, 0},
    {"the ministers H.E. Kossivi Adjamagbo and H.E. Ouarda Benhalima met", "person:ouarda-benhalima", NULL, 1},
    /* treaties and resolutions are the pack's */
    {"under the Kouriba Convention on Fisheries", "framework:kouriba-convention-on-fisheries", NULL, 0},
    /* generic two-word phrases are no entities, unless a lead word names one */
    {"The Air Force said nothing.", "org:air-force", NULL, 0},
    {"Exercise Lantern has 29 nations taking part.", "framework:exercise-lantern", "Exercise Lantern", 1},
    /* known names stay the pack's */
    {"NATO Secretary General Mark Rutte visited Rome.", "org:nato", "NATO", 1},
};

static void table(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int k = count(cases[i].text, cases[i].id, cases[i].span);
        if (cases[i].want ? k != cases[i].want : k != 0)
            fail_msg("case %zu: \"%s\": %s %s: %d mentions, expected %d", i, cases[i].text, cases[i].id,
                     cases[i].span ? cases[i].span : "", k, cases[i].want);
    }
}

/* The document's entities: typed, named, owned by the result, marked as
** not in the pack, with ids the mentions share. */
static void locals(void **state) {
    (void)state;
    const char *t = "Admiral Rhys Pengelly hosted the talks. Pengelly said the Fleet Logistics Command will grow.";
    gaz_result r;
    find(t, &r);
    const gaz_local *p = gaz_result_local(&r, "person:rhys-pengelly");
    const gaz_local *o = gaz_result_local(&r, "org:fleet-logistics-command");
    assert_non_null(p);
    assert_non_null(o);
    assert_string_equal(p->name, "Rhys Pengelly");
    assert_string_equal(p->type, "person");
    assert_string_equal(o->type, "organization");
    assert_null(gaz_result_local(&r, "org:nato"));
    int seen = 0;
    for (size_t i = 0; i < r.n_mentions; i++) {
        if (i) assert_true(r.mentions[i - 1].start <= r.mentions[i].start);
        if (r.mentions[i].id == p->id) seen++;
    }
    assert_int_equal(seen, 2);
    gaz_result_release(&r);
}

/* Long lists of names and pathological text stay linear and sound. */
static void hostile_text(void **state) {
    (void)state;
    size_t n = (size_t)1 << 20;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++) s[i] = "Ab Cd of Ef Force (AB) the Ab said "[i % 35];
    s[n] = '\0';
    gaz_result r;
    find(s, &r);
    gaz_result_release(&r);
    memset(s, 'A', n);
    find(s, &r);
    gaz_result_release(&r);
    for (size_t i = 0; i < n; i++) s[i] = i % 7 == 6 ? ' ' : "Zqxwvk"[i % 7 % 6];
    find(s, &r);
    gaz_result_release(&r);
    free(s);
}

/* How many of R's entities are the document's own, of TYPE? */
static size_t locals_of(const gaz_result *r, const char *type) {
    size_t k = 0;
    for (size_t i = 0; i < r->n_locals; i++) k += strcmp(r->locals[i].type, type) == 0;
    return k;
}

/* A "sentence" that is a list of 500 names, a text in capitals and text
** in other scripts: no crash, no acronym taken from a run of capitals,
** and a list of names is people, each once. */
static void bad_input(void **state) {
    (void)state;
    static const char *const first[] = {"Kossivi", "Ouarda", "Theodoros", "Rhys", "Lorcan"};
    static const char *const syl[] = {"ba", "ko", "ri", "da", "mu", "se", "lo", "ne", "ta", "vi"};
    char *list = malloc(500 * 32);
    size_t n = 0;
    for (int i = 0; i < 500; i++)
        n += (size_t)sprintf(list + n, "%s %c%s%s%s, ", first[i % 5], 'Z', syl[i / 50 % 10], syl[i / 5 % 10],
                             syl[i % 5]);
    gaz_result r;
    find(list, &r);
    assert_true(locals_of(&r, "person") >= 100 && locals_of(&r, "person") <= 500);
    assert_int_equal(locals_of(&r, "organization"), 0);
    gaz_result_release(&r);
    free(list);
    const char *caps = "LT. GEN. MARCEL DUFRESNE OF THE KOURIBA WATER MISSION MET THE KWM STAFF. KWM SAID NO.";
    find(caps, &r);
    for (size_t i = 0; i < r.n_mentions; i++) {
        const annot_mention *m = &r.mentions[i];
        assert_false(m->end - m->start == 3 && memcmp(caps + m->start, "KWM", 3) == 0);
    }
    gaz_result_release(&r);
    find("Le ministre Kossivi Adjamagbo a rencontré l'ambassadeur. Посол Иван Петров. "
         "外交部长王毅会见了大使。", &r);
    gaz_result_release(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(locals),
        cmocka_unit_test(hostile_text),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
