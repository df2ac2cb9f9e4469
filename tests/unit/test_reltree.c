/* test_reltree.c: relations from hand-built dependency trees (UD English
** conventions), table-driven: each predicate of the vocabulary from at
** least two syntactic forms (verb, passive, noun, copula, apposition,
** relative clause, possessive, compound), coordination on both sides,
** xcomp chains, anaphors, modality in the predicate's scope; then
** malformed trees. The sentences are written for the test. */
#include "unit.h"
#include "reltree.h"

/* A tree: tokens "form/lemma/UPOS/head/deprel", heads 1-based (0: root),
** each form found in the text after the previous one. Mentions: "id=surface",
** the first occurrence; BEFORE: ids of mentions in earlier sentences
** ("id=surface": found in the text, numbered by the stops and line
** breaks before it). */
typedef struct tcase {
    const char *text;
    const char *tree;
    const char *ents[6];
    const char *before[3];   /* ids, in text order */
    const char *want;    /* "S P O modality; ..." in output order */
} tcase;

static const tcase cases[] = {
    /* member_of: verb; copula; apposition */
    {"Jordan joined the Dialogue.",
     "Jordan/Jordan/PROPN/2/nsubj joined/join/VERB/0/root the/the/DET/4/det Dialogue/Dialogue/PROPN/2/obj",
     {"country:JO=Jordan", "framework:md=Dialogue"}, {0}, "country:JO member_of framework:md asserted"},
    {"Chad is a member of the League.",
     "Chad/Chad/PROPN/4/nsubj is/be/AUX/4/cop a/a/DET/4/det member/member/NOUN/0/root of/of/ADP/7/case "
     "the/the/DET/7/det League/League/PROPN/4/nmod",
     {"country:TD=Chad", "org:league=League"}, {0}, "country:TD member_of org:league asserted"},
    {"Chad, a member of the League, voted.",
     "Chad/Chad/PROPN/9/nsubj ,/,/PUNCT/4/punct a/a/DET/4/det member/member/NOUN/1/appos of/of/ADP/7/case "
     "the/the/DET/7/det League/League/PROPN/4/nmod ,/,/PUNCT/4/punct voted/vote/VERB/0/root",
     {"country:TD=Chad", "org:league=League"}, {0}, "country:TD member_of org:league asserted"},
    /* military_presence: verb with oblique; nominal with a proxy noun;
    ** participle; possessive presence */
    {"Russia deployed troops to Mali.",
     "Russia/Russia/PROPN/2/nsubj deployed/deploy/VERB/0/root troops/troop/NOUN/2/obj to/to/ADP/5/case "
     "Mali/Mali/PROPN/2/obl",
     {"country:RU=Russia", "country:ML=Mali"}, {0}, "country:RU military_presence country:ML asserted"},
    {"The deployment of Russian troops to Mali grew.",
     "The/the/DET/2/det deployment/deployment/NOUN/8/nsubj of/of/ADP/5/case Russian/Russian/ADJ/5/amod "
     "troops/troop/NOUN/2/nmod to/to/ADP/7/case Mali/Mali/PROPN/2/nmod grew/grow/VERB/0/root",
     {"country:RU=Russian", "country:ML=Mali"}, {0}, "country:RU military_presence country:ML asserted"},
    {"Russian troops stationed in Mali left.",
     "Russian/Russian/ADJ/2/amod troops/troop/NOUN/6/nsubj stationed/station/VERB/2/acl in/in/ADP/5/case "
     "Mali/Mali/PROPN/3/obl left/leave/VERB/0/root",
     {"country:RU=Russian", "country:ML=Mali"}, {0}, "country:RU military_presence country:ML asserted"},
    /* operates_base: passive participle on a copular noun; active verb */
    {"Hmeimim is an airbase operated by Russia.",
     "Hmeimim/Hmeimim/PROPN/4/nsubj is/be/AUX/4/cop an/a/DET/4/det airbase/airbase/NOUN/0/root "
     "operated/operate/VERB/4/acl by/by/ADP/7/case Russia/Russia/PROPN/5/obl",
     {"place:hmeimim=Hmeimim", "country:RU=Russia"}, {0}, "country:RU operates_base place:hmeimim asserted"},
    /* "base" is a proxy noun, but the agent is no place: the copular subject */
    {"Tobruk is a base run by Egypt.",
     "Tobruk/Tobruk/PROPN/4/nsubj is/be/AUX/4/cop a/a/DET/4/det base/base/NOUN/0/root "
     "run/run/VERB/4/acl by/by/ADP/7/case Egypt/Egypt/PROPN/5/obl:agent",
     {"place:tobruk=Tobruk", "country:EG=Egypt"}, {0}, "country:EG operates_base place:tobruk asserted"},
    {"Russia operates Hmeimim.",
     "Russia/Russia/PROPN/2/nsubj operates/operate/VERB/0/root Hmeimim/Hmeimim/PROPN/2/obj",
     {"place:hmeimim=Hmeimim", "country:RU=Russia"}, {0}, "country:RU operates_base place:hmeimim asserted"},
    /* seeks_base: a base as the object of "seek"; "negotiate for" */
    {"Russia seeks a base at Derna.",
     "Russia/Russia/PROPN/2/nsubj seeks/seek/VERB/0/root a/a/DET/4/det base/base/NOUN/2/obj at/at/ADP/6/case "
     "Derna/Derna/PROPN/4/nmod",
     {"country:RU=Russia", "place:derna=Derna"}, {0}, "country:RU seeks_base place:derna planned"},
    {"Russia negotiated for Derna.",
     "Russia/Russia/PROPN/2/nsubj negotiated/negotiate/VERB/0/root for/for/ADP/4/case Derna/Derna/PROPN/2/obl",
     {"country:RU=Russia", "place:derna=Derna"}, {0}, "country:RU seeks_base place:derna planned"},
    /* cooperates_with: verb; "its partnership with" (light verb, anaphor);
    ** "between A and B" */
    {"Syria cooperates with Russia.",
     "Syria/Syria/PROPN/2/nsubj cooperates/cooperate/VERB/0/root with/with/ADP/4/case Russia/Russia/PROPN/2/obl",
     {"country:SY=Syria", "country:RU=Russia"}, {0}, "country:SY cooperates_with country:RU asserted"},
    {"Syria deepened its partnership with Russia.",
     "Syria/Syria/PROPN/2/nsubj deepened/deepen/VERB/0/root its/its/PRON/4/nmod:poss "
     "partnership/partnership/NOUN/2/obj with/with/ADP/6/case Russia/Russia/PROPN/4/nmod",
     {"country:SY=Syria", "country:RU=Russia"}, {0}, "country:SY cooperates_with country:RU asserted"},
    {"The partnership between NATO and Jordan grew.",
     "The/the/DET/2/det partnership/partnership/NOUN/7/nsubj between/between/ADP/4/case NATO/NATO/PROPN/2/nmod "
     "and/and/CCONJ/6/cc Jordan/Jordan/PROPN/4/conj grew/grow/VERB/0/root",
     {"org:nato=NATO", "country:JO=Jordan"}, {0}, "org:nato cooperates_with country:JO asserted"},
    /* a noun's own possessive beats the subject it would inherit from
    ** its verb: Qatar cooperates, not Chad */
    {"Chad praised Qatar's cooperation with Mali.",
     "Chad/Chad/PROPN/2/nsubj praised/praise/VERB/0/root Qatar/Qatar/PROPN/5/nmod:poss 's/'s/PART/3/case "
     "cooperation/cooperation/NOUN/2/obj with/with/ADP/7/case Mali/Mali/PROPN/5/nmod",
     {"country:TD=Chad", "country:QA=Qatar", "country:ML=Mali"}, {0},
     "country:QA cooperates_with country:ML asserted"},
    /* a narrower predicate for the same pair ("narrower" lines): supplies,
    ** not also cooperates_with */
    {"Oman supported Chad with weapons.",
     "Oman/Oman/PROPN/2/nsubj supported/support/VERB/0/root Chad/Chad/PROPN/2/obj with/with/ADP/5/case "
     "weapons/weapon/NOUN/2/obl",
     {"country:OM=Oman", "country:TD=Chad"}, {0}, "country:OM supplies country:TD asserted"},
    /* ended_cooperation: coordinated subjects and a proxy object; a verb
    ** of ending governing "cooperation"; "withdrew from" */
    {"Mali and Niger expelled French troops.",
     "Mali/Mali/PROPN/4/nsubj and/and/CCONJ/3/cc Niger/Niger/PROPN/1/conj expelled/expel/VERB/0/root "
     "French/French/ADJ/6/amod troops/troop/NOUN/4/obj",
     {"country:ML=Mali", "country:NE=Niger", "country:FR=French"}, {0},
     "country:ML ended_cooperation country:FR asserted; country:NE ended_cooperation country:FR asserted"},
    {"Niger curtailed cooperation with France.",
     "Niger/Niger/PROPN/2/nsubj curtailed/curtail/VERB/0/root cooperation/cooperation/NOUN/2/obj "
     "with/with/ADP/5/case France/France/PROPN/3/nmod",
     {"country:NE=Niger", "country:FR=France"}, {0}, "country:NE ended_cooperation country:FR asserted"},
    {"Mali withdrew from ECOWAS.",
     "Mali/Mali/PROPN/2/nsubj withdrew/withdraw/VERB/0/root from/from/ADP/4/case ECOWAS/ECOWAS/PROPN/2/obl",
     {"country:ML=Mali", "org:ecowas=ECOWAS"}, {0}, "country:ML ended_cooperation org:ecowas asserted"},
    /* trains: verb with a proxy object; xcomp chain; nominal */
    {"NATO trains Iraqi forces.",
     "NATO/NATO/PROPN/2/nsubj trains/train/VERB/0/root Iraqi/Iraqi/ADJ/4/amod forces/force/NOUN/2/obj",
     {"org:nato=NATO", "country:IQ=Iraqi"}, {0}, "org:nato trains country:IQ asserted"},
    {"NATO agreed to train Iraqi forces.",
     "NATO/NATO/PROPN/2/nsubj agreed/agree/VERB/0/root to/to/PART/4/mark train/train/VERB/2/xcomp "
     "Iraqi/Iraqi/ADJ/6/amod forces/force/NOUN/4/obj",
     {"org:nato=NATO", "country:IQ=Iraqi"}, {0}, "org:nato trains country:IQ asserted"},
    {"The Carabinieri's training of the Police ended.",
     "The/the/DET/2/det Carabinieri/Carabinieri/PROPN/4/nmod:poss 's/'s/PART/2/case training/training/NOUN/8/nsubj "
     "of/of/ADP/7/case the/the/DET/7/det Police/Police/PROPN/4/nmod ended/end/VERB/0/root",
     {"org:carabinieri=Carabinieri", "org:police=Police"}, {0}, "org:carabinieri trains org:police asserted"},
    /* appointed: title compound; apposition; passive verb */
    {"NATO Secretary General Ana Ruiz spoke.",
     "NATO/NATO/PROPN/3/compound Secretary/secretary/PROPN/3/compound General/general/PROPN/4/compound "
     "Ana/Ana/PROPN/6/nsubj Ruiz/Ruiz/PROPN/4/flat spoke/speak/VERB/0/root",
     {"org:nato=NATO", "person:ana-ruiz=Ana Ruiz"}, {0}, "person:ana-ruiz appointed org:nato asserted"},
    {"Haftar, the commander of the Army, spoke.",
     "Haftar/Haftar/PROPN/9/nsubj ,/,/PUNCT/4/punct the/the/DET/4/det commander/commander/NOUN/1/appos "
     "of/of/ADP/7/case the/the/DET/7/det Army/Army/PROPN/4/nmod ,/,/PUNCT/4/punct spoke/speak/VERB/0/root",
     {"person:haftar=Haftar", "group:army=Army"}, {0}, "person:haftar appointed group:army asserted"},
    {"Ana Ruiz was appointed to the Council.",
     "Ana/Ana/PROPN/4/nsubj:pass Ruiz/Ruiz/PROPN/1/flat was/be/AUX/4/aux:pass appointed/appoint/VERB/0/root "
     "to/to/ADP/7/case the/the/DET/7/det Council/Council/PROPN/4/obl",
     {"person:ana-ruiz=Ana Ruiz", "org:council=Council"}, {0}, "person:ana-ruiz appointed org:council asserted"},
    /* established: passive; active with the thing created as object; nominal */
    {"The Hub was established in 2017.",
     "The/the/DET/2/det Hub/Hub/PROPN/4/nsubj:pass was/be/AUX/4/aux:pass established/establish/VERB/0/root "
     "in/in/ADP/6/case 2017/2017/NUM/4/obl",
     {"org:hub=Hub"}, {0}, "org:hub established - asserted"},
    {"NATO launched the Initiative.",
     "NATO/NATO/PROPN/2/nsubj launched/launch/VERB/0/root the/the/DET/4/det Initiative/Initiative/PROPN/2/obj",
     {"org:nato=NATO", "framework:ici=Initiative"}, {0},
     "framework:ici established - asserted; framework:ici controlled_by org:nato asserted"},
    {"The creation of the Hub followed.",
     "The/the/DET/2/det creation/creation/NOUN/6/nsubj of/of/ADP/5/case the/the/DET/5/det Hub/Hub/PROPN/2/nmod "
     "followed/follow/VERB/0/root",
     {"org:hub=Hub"}, {0}, "org:hub established - asserted"},
    /* located_in: passive "located in"; a possessive headquarters */
    {"The Hub is located in Naples.",
     "The/the/DET/2/det Hub/Hub/PROPN/4/nsubj:pass is/be/AUX/4/aux:pass located/locate/VERB/0/root "
     "in/in/ADP/6/case Naples/Naples/PROPN/4/obl",
     {"org:hub=Hub", "place:naples=Naples"}, {0}, "org:hub located_in place:naples asserted"},
    {"The Command's headquarters in Naples opened.",
     "The/the/DET/2/det Command/Command/PROPN/4/nmod:poss 's/'s/PART/2/case headquarters/headquarters/NOUN/7/nsubj "
     "in/in/ADP/6/case Naples/Naples/PROPN/4/nmod opened/open/VERB/0/root",
     {"org:command=Command", "place:naples=Naples"}, {0}, "org:command located_in place:naples asserted"},
    /* ally_of: copula; apposition */
    {"Tunisia is an ally of Spain.",
     "Tunisia/Tunisia/PROPN/4/nsubj is/be/AUX/4/cop an/a/DET/4/det ally/ally/NOUN/0/root of/of/ADP/6/case "
     "Spain/Spain/PROPN/4/nmod",
     {"country:TN=Tunisia", "country:ES=Spain"}, {0}, "country:TN ally_of country:ES asserted"},
    {"Tunisia, a close ally of Spain, voted.",
     "Tunisia/Tunisia/PROPN/9/nsubj ,/,/PUNCT/5/punct a/a/DET/5/det close/close/ADJ/5/amod ally/ally/NOUN/1/appos "
     "of/of/ADP/7/case Spain/Spain/PROPN/5/nmod ,/,/PUNCT/5/punct voted/vote/VERB/0/root",
     {"country:TN=Tunisia", "country:ES=Spain"}, {0}, "country:TN ally_of country:ES asserted"},
    /* controlled_by: relative clause in the passive; "under the command of" */
    {"The Corps, which is led by Russia, grew.",
     "The/the/DET/2/det Corps/Corps/PROPN/10/nsubj ,/,/PUNCT/6/punct which/which/PRON/6/nsubj:pass "
     "is/be/AUX/6/aux:pass led/lead/VERB/2/acl:relcl by/by/ADP/8/case Russia/Russia/PROPN/6/obl ,/,/PUNCT/6/punct "
     "grew/grow/VERB/0/root",
     {"group:corps=Corps", "country:RU=Russia"}, {0}, "group:corps controlled_by country:RU asserted"},
    {"The mission is under the command of Ana Ruiz.",
     "The/the/DET/2/det mission/mission/NOUN/6/nsubj is/be/AUX/6/cop under/under/ADP/6/case the/the/DET/6/det "
     "command/command/NOUN/0/root of/of/ADP/8/case Ana/Ana/PROPN/6/nmod Ruiz/Ruiz/PROPN/8/flat",
     {"person:ana-ruiz=Ana Ruiz"}, {"framework:sophia"}, "framework:sophia controlled_by person:ana-ruiz asserted"},
    /* invaded: verb; possessive nominal */
    {"Russia invaded Ukraine.",
     "Russia/Russia/PROPN/2/nsubj invaded/invade/VERB/0/root Ukraine/Ukraine/PROPN/2/obj",
     {"country:RU=Russia", "country:UA=Ukraine"}, {0}, "country:RU invaded country:UA asserted"},
    {"Russia's invasion of Ukraine failed.",
     "Russia/Russia/PROPN/3/nmod:poss 's/'s/PART/1/case invasion/invasion/NOUN/6/nsubj of/of/ADP/5/case "
     "Ukraine/Ukraine/PROPN/3/nmod failed/fail/VERB/0/root",
     {"country:RU=Russia", "country:UA=Ukraine"}, {0}, "country:RU invaded country:UA asserted"},
    /* influence_in: possessive nominal; verb */
    {"China's influence in the Sahel grew.",
     "China/China/PROPN/3/nmod:poss 's/'s/PART/1/case influence/influence/NOUN/7/nsubj in/in/ADP/6/case "
     "the/the/DET/6/det Sahel/Sahel/PROPN/3/nmod grew/grow/VERB/0/root",
     {"country:CN=China", "region:sahel=Sahel"}, {0}, "country:CN influence_in region:sahel asserted"},
    {"China expanded into the Sahel.",
     "China/China/PROPN/2/nsubj expanded/expand/VERB/0/root into/into/ADP/5/case the/the/DET/5/det "
     "Sahel/Sahel/PROPN/2/obl",
     {"country:CN=China", "region:sahel=Sahel"}, {0}, "country:CN influence_in region:sahel asserted"},
    /* tension_with: "between A and B"; verb */
    {"Tensions between Morocco and Spain rose.",
     "Tensions/tension/NOUN/6/nsubj between/between/ADP/3/case Morocco/Morocco/PROPN/1/nmod and/and/CCONJ/5/cc "
     "Spain/Spain/PROPN/3/conj rose/rise/VERB/0/root",
     {"country:MA=Morocco", "country:ES=Spain"}, {0}, "country:MA tension_with country:ES asserted"},
    {"Morocco condemned Spain.",
     "Morocco/Morocco/PROPN/2/nsubj condemned/condemn/VERB/0/root Spain/Spain/PROPN/2/obj",
     {"country:MA=Morocco", "country:ES=Spain"}, {0}, "country:MA tension_with country:ES asserted"},
    /* fights: an anaphor subject and a proxy object in an adverbial
    ** clause; a nominal "war against" */
    {"Somalia gets rifles as it battles Shabaab insurgents.",
     "Somalia/Somalia/PROPN/2/nsubj gets/get/VERB/0/root rifles/rifle/NOUN/2/obj as/as/SCONJ/6/mark "
     "it/it/PRON/6/nsubj battles/battle/VERB/2/advcl Shabaab/Shabaab/PROPN/8/compound "
     "insurgents/insurgent/NOUN/6/obj",
     {"country:SO=Somalia", "group:shabaab=Shabaab"}, {0}, "country:SO fights group:shabaab asserted"},
    {"Somalia's war against Shabaab continues.",
     "Somalia/Somalia/PROPN/3/nmod:poss 's/'s/PART/1/case war/war/NOUN/6/nsubj against/against/ADP/5/case "
     "Shabaab/Shabaab/PROPN/3/nmod continues/continue/VERB/0/root",
     {"country:SO=Somalia", "group:shabaab=Shabaab"}, {0}, "country:SO fights group:shabaab asserted"},
    /* attacked: verb; compound nominal */
    {"Egypt struck the Brigades.",
     "Egypt/Egypt/PROPN/2/nsubj struck/strike/VERB/0/root the/the/DET/4/det Brigades/Brigades/PROPN/2/obj",
     {"country:EG=Egypt", "group:brigades=Brigades"}, {0}, "country:EG attacked group:brigades asserted"},
    {"Egyptian airstrikes on the Brigades resumed.",
     "Egyptian/Egyptian/ADJ/2/amod airstrikes/airstrike/NOUN/6/nsubj on/on/ADP/5/case the/the/DET/5/det "
     "Brigades/Brigades/PROPN/2/nmod resumed/resume/VERB/0/root",
     {"country:EG=Egyptian", "group:brigades=Brigades"}, {0}, "country:EG attacked group:brigades asserted"},
    /* sanctioned: verb; "imposed an embargo on" */
    {"Canada sanctioned Ana Ruiz.",
     "Canada/Canada/PROPN/2/nsubj sanctioned/sanction/VERB/0/root Ana/Ana/PROPN/2/obj Ruiz/Ruiz/PROPN/3/flat",
     {"country:CA=Canada", "person:ana-ruiz=Ana Ruiz"}, {0}, "country:CA sanctioned person:ana-ruiz asserted"},
    {"Canada imposed an embargo on Chad.",
     "Canada/Canada/PROPN/2/nsubj imposed/impose/VERB/0/root an/a/DET/4/det embargo/embargo/NOUN/2/obj "
     "on/on/ADP/6/case Chad/Chad/PROPN/4/nmod",
     {"country:CA=Canada", "country:TD=Chad"}, {0}, "country:CA sanctioned country:TD asserted"},
    /* supplies: "supplying X's army with"; "sent weapons to" */
    {"Canada is supplying the Chadian army with rifles.",
     "Canada/Canada/PROPN/3/nsubj is/be/AUX/3/aux supplying/supply/VERB/0/root the/the/DET/6/det "
     "Chadian/Chadian/ADJ/6/amod army/army/NOUN/3/obj with/with/ADP/8/case rifles/rifle/NOUN/3/obl",
     {"country:CA=Canada", "country:TD=Chadian"}, {0}, "country:CA supplies country:TD asserted"},
    {"Canada sent weapons to the Council.",
     "Canada/Canada/PROPN/2/nsubj sent/send/VERB/0/root weapons/weapon/NOUN/2/obj to/to/ADP/6/case "
     "the/the/DET/6/det Council/Council/PROPN/2/obl",
     {"country:CA=Canada", "org:council=Council"}, {0}, "country:CA supplies org:council asserted"},
    /* met_with: "met with"; "paid a visit to"; "held talks with" after an anaphor */
    {"Ana Ruiz met with Omar Ali.",
     "Ana/Ana/PROPN/3/nsubj Ruiz/Ruiz/PROPN/1/flat met/meet/VERB/0/root with/with/ADP/5/case "
     "Omar/Omar/PROPN/3/obl Ali/Ali/PROPN/5/flat",
     {"person:ana-ruiz=Ana Ruiz", "person:omar-ali=Omar Ali"}, {0},
     "person:ana-ruiz met_with person:omar-ali asserted"},
    {"Ana Ruiz paid a visit to Tunisia.",
     "Ana/Ana/PROPN/3/nsubj Ruiz/Ruiz/PROPN/1/flat paid/pay/VERB/0/root a/a/DET/5/det visit/visit/NOUN/3/obj "
     "to/to/ADP/7/case Tunisia/Tunisia/PROPN/5/nmod",
     {"person:ana-ruiz=Ana Ruiz", "country:TN=Tunisia"}, {0}, "person:ana-ruiz met_with country:TN asserted"},
    {"He held talks with Omar Ali.",
     "He/he/PRON/2/nsubj held/hold/VERB/0/root talks/talk/NOUN/2/obj with/with/ADP/5/case Omar/Omar/PROPN/2/obl "
     "Ali/Ali/PROPN/5/flat",
     {"person:omar-ali=Omar Ali"}, {"person:ana-ruiz"}, "person:ana-ruiz met_with person:omar-ali asserted"},
    /* modality in scope: negation, plans, hedges, "no longer" */
    {"Russia did not deploy troops to Mali.",
     "Russia/Russia/PROPN/4/nsubj did/do/AUX/4/aux not/not/PART/4/advmod deploy/deploy/VERB/0/root "
     "troops/troop/NOUN/4/obj to/to/ADP/7/case Mali/Mali/PROPN/4/obl",
     {"country:RU=Russia", "country:ML=Mali"}, {0}, "country:RU military_presence country:ML negated"},
    {"Russia plans to deploy troops to Mali.",
     "Russia/Russia/PROPN/2/nsubj plans/plan/VERB/0/root to/to/PART/4/mark deploy/deploy/VERB/2/xcomp "
     "troops/troop/NOUN/4/obj to/to/ADP/7/case Mali/Mali/PROPN/4/obl",
     {"country:RU=Russia", "country:ML=Mali"}, {0}, "country:RU military_presence country:ML planned"},
    {"Russia reportedly deployed troops to Mali.",
     "Russia/Russia/PROPN/3/nsubj reportedly/reportedly/ADV/3/advmod deployed/deploy/VERB/0/root "
     "troops/troop/NOUN/3/obj to/to/ADP/6/case Mali/Mali/PROPN/3/obl",
     {"country:RU=Russia", "country:ML=Mali"}, {0}, "country:RU military_presence country:ML alleged"},
    {"Chad was accused of supplying the Brigades.",
     "Chad/Chad/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass accused/accuse/VERB/0/root of/of/SCONJ/5/mark "
     "supplying/supply/VERB/3/advcl the/the/DET/7/det Brigades/Brigades/PROPN/5/obj",
     {"country:TD=Chad", "group:brigades=Brigades"}, {0}, "country:TD supplies group:brigades alleged"},
    {"Chad will join the League.",
     "Chad/Chad/PROPN/3/nsubj will/will/AUX/3/aux join/join/VERB/0/root the/the/DET/5/det League/League/PROPN/3/obj",
     {"country:TD=Chad", "org:league=League"}, {0}, "country:TD member_of org:league planned"},
    {"Spain withdrew its forces from Mali.",
     "Spain/Spain/PROPN/2/nsubj withdrew/withdraw/VERB/0/root its/its/PRON/4/nmod:poss forces/force/NOUN/2/obj "
     "from/from/ADP/6/case Mali/Mali/PROPN/2/obl",
     {"country:ES=Spain", "country:ML=Mali"}, {0}, "country:ES military_presence country:ML negated"},
    /* a plural anaphor takes the list before it */
    {"These countries expelled France.",
     "These/this/DET/2/det countries/country/NOUN/3/nsubj expelled/expel/VERB/0/root France/France/PROPN/3/obj",
     {"country:FR=France"}, {"country:ML", "country:NE"},
     "country:ML ended_cooperation country:FR asserted; country:NE ended_cooperation country:FR asserted"},
    /* a named base: its "in" place is where it is, not the base operated */
    {"Rota is a Spanish base in Cadiz.",
     "Rota/Rota/PROPN/5/nsubj is/be/AUX/5/cop a/a/DET/5/det Spanish/Spanish/ADJ/5/amod base/base/NOUN/0/root "
     "in/in/ADP/7/case Cadiz/Cadiz/PROPN/5/nmod",
     {"place:rota=Rota", "country:ES=Spanish", "place:cadiz=Cadiz"}, {0},
     "place:rota located_in place:cadiz asserted; country:ES operates_base place:rota asserted"},
    /* a copular noun is its subject before the agent of its participle; a
    ** participle the parser hung on it as a parataxis modifies it */
    {"Camp Alpha is a naval base run by Spain, located in Oman.",
     "Camp/Camp/PROPN/2/compound Alpha/Alpha/PROPN/6/nsubj is/be/AUX/6/cop a/a/DET/6/det naval/naval/ADJ/6/amod "
     "base/base/NOUN/0/root run/run/VERB/6/acl by/by/ADP/9/case Spain/Spain/PROPN/7/obl:agent ,/,/PUNCT/11/punct "
     "located/locate/VERB/6/parataxis in/in/ADP/13/case Oman/Oman/PROPN/11/obl",
     {"place:alpha=Camp Alpha", "country:ES=Spain", "country:OM=Oman"}, {0},
     "country:ES operates_base place:alpha asserted; place:alpha located_in country:OM asserted"},
    /* "X-designated": the common noun it describes stands for the name in
    ** apposition to it, or for the name after it (past a short form) */
    {"The Front, a Peru-designated terrorist group, rejected the plan.",
     "The/the/DET/2/det Front/Front/PROPN/11/nsubj ,/,/PUNCT/9/punct a/a/DET/9/det Peru/Peru/PROPN/7/obl:unmarked "
     "-/-/PUNCT/5/punct designated/designate/VERB/9/amod terrorist/terrorist/ADJ/9/amod group/group/NOUN/2/appos "
     ",/,/PUNCT/2/punct rejected/reject/VERB/0/root the/the/DET/13/det plan/plan/NOUN/11/obj",
     {"group:front=Front", "country:PE=Peru"}, {0}, "country:PE sanctioned group:front asserted"},
    {"The Peru-designated Terrorist Entity (TE) Front rejected the plan.",
     "The/the/DET/6/det Peru/Peru/PROPN/4/obl:unmarked -/-/PUNCT/2/punct designated/designate/VERB/6/amod "
     "Terrorist/terrorist/ADJ/6/amod Entity/Entity/PROPN/11/nsubj (/(/PUNCT/8/punct TE/TE/PROPN/6/appos "
     ")/)/PUNCT/8/punct Front/Front/PROPN/6/flat rejected/reject/VERB/0/root the/the/DET/13/det "
     "plan/plan/NOUN/11/obj",
     {"country:PE=Peru", "group:front=Front"}, {0}, "country:PE sanctioned group:front asserted"},
    /* "X, its allies, and partners have ...": the parser's subject is the
    ** list's last common noun; the list's names are the subject */
    {"In turn, Peru, its allies, and partners have sanctioned the Front.",
     "In/in/ADP/2/case turn/turn/NOUN/12/obl ,/,/PUNCT/4/punct Peru/Peru/PROPN/2/appos ,/,/PUNCT/7/punct "
     "its/its/PRON/7/nmod:poss allies/ally/NOUN/4/conj ,/,/PUNCT/12/punct and/and/CCONJ/10/cc "
     "partners/partner/NOUN/12/nsubj have/have/AUX/12/aux sanctioned/sanction/VERB/0/root the/the/DET/14/det "
     "Front/Front/PROPN/12/obj",
     {"country:PE=Peru", "group:front=Front"}, {0}, "country:PE sanctioned group:front asserted"},
    /* not a place before the list: "In X, the army, and militias" */
    {"In Peru, the army, and militias attacked the Front.",
     "In/in/ADP/2/case Peru/Peru/PROPN/9/obl ,/,/PUNCT/2/punct the/the/DET/5/det army/army/NOUN/2/conj "
     ",/,/PUNCT/8/punct and/and/CCONJ/8/cc militias/militia/NOUN/9/nsubj attacked/attack/VERB/0/root "
     "the/the/DET/11/det Front/Front/PROPN/9/obj",
     {"country:PE=Peru", "group:front=Front"}, {0}, ""},
    /* "the base commander is X": X, the commander of the base named before */
    {"Alpha Base opened in Peru. The base commander is Ana Ruiz.",
     "The/the/DET/3/det base/base/NOUN/3/compound commander/commander/NOUN/5/nsubj is/be/AUX/5/cop "
     "Ana/Ana/PROPN/0/root Ruiz/Ruiz/PROPN/5/flat",
     {"person:ana-ruiz=Ana Ruiz"}, {"place:alpha=Alpha Base", "country:PE=Peru"},
     "person:ana-ruiz appointed place:alpha asserted"},
    /* "a base known as X": X, however the parser hung the name after "as" */
    {"The Peruvian Navy base known as Camp Alpha was closed.",
     "The/the/DET/4/det Peruvian/Peruvian/ADJ/3/amod Navy/Navy/PROPN/4/compound base/base/NOUN/10/nsubj "
     "known/know/VERB/4/acl as/as/ADP/10/mark Camp/Camp/PROPN/10/nsubj:pass Alpha/Alpha/PROPN/7/flat "
     "was/be/AUX/10/aux:pass closed/close/VERB/0/root",
     {"org:pn=Peruvian Navy", "place:alpha=Camp Alpha"}, {0}, "org:pn operates_base place:alpha asserted"},
    /* a list of names goes on past a capitalised one the finder missed
    ** ("the Guard, the Marines and the Police"), however the parser hung it */
    {"Peru trained the Guard, the Marines and the Police.",
     "Peru/Peru/PROPN/2/nsubj trained/train/VERB/0/root the/the/DET/4/det Guard/Guard/PROPN/2/obj ,/,/PUNCT/7/punct "
     "the/the/DET/7/det Marines/Marines/PROPN/4/conj and/and/CCONJ/10/cc the/the/DET/10/det Police/Police/PROPN/2/obl",
     {"country:PE=Peru", "org:guard=Guard", "org:police=Police"}, {0},
     "country:PE trains org:guard asserted; country:PE trains org:police asserted"},
    /* "the activities of X" stand for X */
    {"The activities of the Front were funded by Peru.",
     "The/the/DET/2/det activities/activity/NOUN/7/nsubj:pass of/of/ADP/5/case the/the/DET/5/det "
     "Front/Front/PROPN/2/nmod were/be/AUX/7/aux:pass funded/fund/VERB/0/root by/by/ADP/9/case "
     "Peru/Peru/PROPN/7/obl:agent",
     {"group:front=Front", "country:PE=Peru"}, {0}, "country:PE supplies group:front asserted"},
    /* "the Alpha mission, which ...": the name the noun heads, not the
    ** mission named before */
    {"Operation Beta began. It is backed by the Alpha mission, which is led by Peru.",
     "It/it/PRON/3/nsubj:pass is/be/AUX/3/aux:pass backed/back/VERB/0/root by/by/ADP/7/case the/the/DET/7/det "
     "Alpha/Alpha/PROPN/7/compound mission/mission/NOUN/3/obl:agent ,/,/PUNCT/11/punct which/which/PRON/11/nsubj:pass "
     "is/be/AUX/11/aux:pass led/lead/VERB/7/acl:relcl by/by/ADP/13/case Peru/Peru/PROPN/11/obl:agent",
     {"framework:alpha=Alpha", "country:PE=Peru"}, {"framework:beta=Operation Beta"},
     "framework:alpha cooperates_with framework:beta asserted; framework:alpha controlled_by country:PE asserted"},
    /* an agency named with its owner: "the X Agency of Y" */
    {"The Fisheries Agency of the Union met.",
     "The/the/DET/3/det Fisheries/Fisheries/PROPN/3/compound Agency/Agency/PROPN/7/nsubj of/of/ADP/6/case "
     "the/the/DET/6/det Union/Union/PROPN/3/nmod met/meet/VERB/0/root",
     {"org:fa=Fisheries Agency", "org:union=Union"}, {0}, "org:fa controlled_by org:union asserted"},
    /* "co-" verbs: the agents cooperate; active and passive */
    {"Peru and Chile co-hosted the summit.",
     "Peru/Peru/PROPN/4/nsubj and/and/CCONJ/3/cc Chile/Chile/PROPN/1/conj co-hosted/co-host/VERB/0/root "
     "the/the/DET/6/det summit/summit/NOUN/4/obj",
     {"country:PE=Peru", "country:CL=Chile"}, {0}, "country:PE cooperates_with country:CL asserted"},
    {"The forum was co-organised by the League and the Union.",
     "The/the/DET/2/det forum/forum/NOUN/4/nsubj:pass was/be/AUX/4/aux:pass co-organised/co-organise/VERB/0/root "
     "by/by/ADP/7/case the/the/DET/7/det League/League/PROPN/4/obl:agent and/and/CCONJ/10/cc the/the/DET/10/det "
     "Union/Union/PROPN/7/conj",
     {"org:league=League", "org:union=Union"}, {0}, "org:league cooperates_with org:union asserted"},
    /* a country's base in a country: presence there */
    {"France's base in Chad closed.",
     "France/France/PROPN/3/nmod:poss 's/'s/PART/1/case base/base/NOUN/6/nsubj in/in/ADP/5/case "
     "Chad/Chad/PROPN/3/nmod closed/close/VERB/0/root",
     {"country:FR=France", "country:TD=Chad"}, {0}, "country:FR military_presence country:TD asserted"},
    /* "they" for an organisation named before ("NATO officials ... They met") */
    {"They met with Chad.",
     "They/they/PRON/2/nsubj met/meet/VERB/0/root with/with/ADP/4/case Chad/Chad/PROPN/2/obl",
     {"country:TD=Chad"}, {"org:league"}, "org:league met_with country:TD asserted"},
    /* "accused X of V-ing", "blamed X for V-ing": X is the agent */
    {"Chad accused Libya of supplying arms to the Front.",
     "Chad/Chad/PROPN/2/nsubj accused/accuse/VERB/0/root Libya/Libya/PROPN/2/obj of/of/SCONJ/5/mark "
     "supplying/supply/VERB/2/advcl arms/arm/NOUN/5/obj to/to/ADP/9/case the/the/DET/9/det Front/Front/PROPN/5/obl",
     {"country:TD=Chad", "country:LY=Libya", "group:front=Front"}, {0},
     "country:TD tension_with country:LY asserted; country:LY supplies group:front alleged"},
    {"Chad blamed Libya for attacking Niger.",
     "Chad/Chad/PROPN/2/nsubj blamed/blame/VERB/0/root Libya/Libya/PROPN/2/obj for/for/SCONJ/5/mark "
     "attacking/attack/VERB/2/advcl Niger/Niger/PROPN/5/obj",
     {"country:TD=Chad", "country:LY=Libya", "country:NE=Niger"}, {0},
     "country:TD tension_with country:LY asserted; country:LY attacked country:NE asserted"},
    /* a to-infinitive on a bare proxy object: the subject of the verb
    ** ("sent ships to take part"); an infinitive is no passive participle */
    {"Chad sent ships to participate in the Force.",
     "Chad/Chad/PROPN/2/nsubj sent/send/VERB/0/root ships/ship/NOUN/2/obj to/to/PART/5/mark "
     "participate/participate/VERB/3/acl in/in/ADP/8/case the/the/DET/8/det Force/Force/PROPN/5/obl",
     {"country:TD=Chad", "framework:force=Force"}, {0}, "country:TD member_of framework:force asserted"},
    {"Chad sent ships to join the Force.",
     "Chad/Chad/PROPN/2/nsubj sent/send/VERB/0/root ships/ship/NOUN/2/obj to/to/PART/5/mark "
     "join/join/VERB/2/xcomp the/the/DET/7/det Force/Force/PROPN/5/obj",
     {"country:TD=Chad", "framework:force=Force"}, {0}, "country:TD member_of framework:force asserted"},
    /* "all of these operations" with no list before: every one the
    ** sentences before name */
    {"All of these operations were run by the Agency.",
     "All/all/DET/6/nsubj:pass of/of/ADP/4/case these/this/DET/4/det operations/operation/NOUN/1/nmod "
     "were/be/AUX/6/aux:pass run/run/VERB/0/root by/by/ADP/9/case the/the/DET/9/det Agency/Agency/PROPN/6/obl:agent",
     {"org:agency=Agency"}, {"framework:a", "org:x", "framework:b"},
     "framework:a controlled_by org:agency asserted; framework:b controlled_by org:agency asserted"},
    /* coordination on both sides */
    {"Mali and Niger expelled France and Spain.",
     "Mali/Mali/PROPN/4/nsubj and/and/CCONJ/3/cc Niger/Niger/PROPN/1/conj expelled/expel/VERB/0/root "
     "France/France/PROPN/4/obj and/and/CCONJ/7/cc Spain/Spain/PROPN/5/conj",
     {"country:ML=Mali", "country:NE=Niger", "country:FR=France", "country:ES=Spain"}, {0},
     "country:ML ended_cooperation country:FR asserted; country:ML ended_cooperation country:ES asserted; "
     "country:NE ended_cooperation country:FR asserted; country:NE ended_cooperation country:ES asserted"},
    /* a common noun stands for the entities that exemplify it: "including",
    ** "such as"; "present in" */
    {"The group is present in several countries, including Chad and Niger.",
     "The/the/DET/2/det group/group/NOUN/4/nsubj is/be/AUX/4/cop present/present/ADJ/0/root in/in/ADP/7/case "
     "several/several/ADJ/7/amod countries/country/NOUN/4/obl ,/,/PUNCT/10/punct including/include/VERB/10/case "
     "Chad/Chad/PROPN/7/nmod and/and/CCONJ/12/cc Niger/Niger/PROPN/10/conj",
     {"country:TD=Chad", "country:NE=Niger"}, {"group:brig"},
     "group:brig military_presence country:TD asserted; group:brig military_presence country:NE asserted"},
    {"The mission has contributions from partners such as Chad.",
     "The/the/DET/2/det mission/mission/NOUN/3/nsubj has/have/VERB/0/root contributions/contribution/NOUN/3/obj "
     "from/from/ADP/6/case partners/partner/NOUN/4/nmod such/such/ADJ/9/case as/as/ADP/7/fixed "
     "Chad/Chad/PROPN/6/nmod",
     {"country:TD=Chad"}, {"framework:op"}, "country:TD member_of framework:op asserted"},
    {"Egypt's contribution to the Dialogue grew.",
     "Egypt/Egypt/PROPN/3/nmod:poss 's/'s/PART/1/case contribution/contribution/NOUN/7/nsubj to/to/ADP/6/case "
     "the/the/DET/6/det Dialogue/Dialogue/PROPN/3/nmod grew/grow/VERB/0/root",
     {"country:EG=Egypt", "framework:md=Dialogue"}, {0}, "country:EG member_of framework:md asserted"},
    /* controlled_by: "under the command of", though the name finder took
    ** "command" for a short form; "responsible for" */
    {"The operation is under the command of the Council.",
     "The/the/DET/2/det operation/operation/NOUN/6/nsubj is/be/AUX/6/cop under/under/ADP/6/case "
     "the/the/DET/6/det command/command/NOUN/0/root of/of/ADP/9/case the/the/DET/9/det Council/Council/PROPN/6/nmod",
     {"org:cmd=command", "org:council=Council"}, {"framework:op"}, "framework:op controlled_by org:council asserted"},
    /* "it" subject of a clause hung on another is that clause's subject,
    ** not the nearest name (inside "a League plan") */
    {"The operation began in May as part of a League plan, although it did not formally begin until June.",
     "The/the/DET/2/det operation/operation/NOUN/3/nsubj began/begin/VERB/0/root in/in/ADP/5/case May/May/PROPN/3/obl "
     "as/as/ADP/7/case part/part/NOUN/3/obl of/of/ADP/11/case a/a/DET/11/det League/League/PROPN/11/compound "
     "plan/plan/NOUN/7/nmod ,/,/PUNCT/18/punct although/although/SCONJ/18/mark it/it/PRON/18/nsubj "
     "did/do/AUX/18/aux not/not/PART/18/advmod formally/formally/ADV/18/advmod begin/begin/VERB/3/advcl "
     "until/until/ADP/20/case June/June/PROPN/18/obl",
     {"org:league=League"}, {"framework:op"}, "framework:op established - asserted"},
    {"The Council is responsible for the Base.",
     "The/the/DET/2/det Council/Council/PROPN/4/nsubj is/be/AUX/4/cop responsible/responsible/ADJ/0/root "
     "for/for/ADP/7/case the/the/DET/7/det Base/Base/PROPN/4/obl",
     {"org:council=Council", "place:base=Base"}, {0}, "place:base controlled_by org:council asserted"},
    /* located_in: "host to", "the seat of" */
    {"Doha is host to the Command.",
     "Doha/Doha/PROPN/3/nsubj is/be/AUX/3/cop host/host/NOUN/0/root to/to/ADP/6/case the/the/DET/6/det "
     "Command/Command/PROPN/3/nmod",
     {"place:doha=Doha", "org:cmd=Command"}, {0}, "org:cmd located_in place:doha asserted"},
    {"Belgrade is the seat of the Assembly.",
     "Belgrade/Belgrade/PROPN/4/nsubj is/be/AUX/4/cop the/the/DET/4/det seat/seat/NOUN/0/root of/of/ADP/7/case "
     "the/the/DET/7/det Assembly/Assembly/PROPN/4/nmod",
     {"place:belgrade=Belgrade", "org:assembly=Assembly"}, {0}, "org:assembly located_in place:belgrade asserted"},
    /* titles: a title of the organisation in context; "X of Y, chairman
    ** of Z"; "X, Commander, A and B"; "B and its leader, X"; a title in
    ** the name with a particle the tagger missed; no title, no post */
    {"Secretary General Ana Ruiz spoke.",
     "Secretary/secretary/PROPN/2/compound General/general/PROPN/3/compound Ana/Ana/PROPN/5/nsubj "
     "Ruiz/Ruiz/PROPN/3/flat spoke/speak/VERB/0/root",
     {"person:ana-ruiz=Ana Ruiz"}, {"country:TD", "org:league"}, "person:ana-ruiz appointed org:league asserted"},
    {"Omar Ali of the navy, chairman of the Council, spoke.",
     "Omar/Omar/PROPN/12/nsubj Ali/Ali/PROPN/1/flat of/of/ADP/5/case the/the/DET/5/det navy/navy/NOUN/1/nmod "
     ",/,/PUNCT/7/punct chairman/chairman/NOUN/1/appos of/of/ADP/10/case the/the/DET/10/det "
     "Council/Council/PROPN/7/nmod ,/,/PUNCT/1/punct spoke/speak/VERB/0/root",
     {"person:omar-ali=Omar Ali", "org:council=Council"}, {0}, "person:omar-ali appointed org:council asserted"},
    {"Ana Ruiz, Commander, the Fleet and the Staff.",
     "Ana/Ana/PROPN/0/root Ruiz/Ruiz/PROPN/1/flat ,/,/PUNCT/4/punct Commander/commander/PROPN/1/appos "
     ",/,/PUNCT/7/punct the/the/DET/7/det Fleet/Fleet/PROPN/4/appos and/and/CCONJ/10/cc the/the/DET/10/det "
     "Staff/Staff/PROPN/7/conj",
     {"person:ana-ruiz=Ana Ruiz", "org:fleet=Fleet", "org:staff=Staff"}, {0},
     "person:ana-ruiz appointed org:fleet asserted; person:ana-ruiz appointed org:staff asserted"},
    {"The League sanctioned the Front and its leader, Omar Ali.",
     "The/the/DET/2/det League/League/PROPN/3/nsubj sanctioned/sanction/VERB/0/root the/the/DET/5/det "
     "Front/Front/PROPN/3/obj and/and/CCONJ/8/cc its/its/PRON/8/nmod:poss leader/leader/NOUN/5/conj "
     ",/,/PUNCT/10/punct Omar/Omar/PROPN/8/appos Ali/Ali/PROPN/10/flat",
     {"org:league=League", "group:front=Front", "person:omar-ali=Omar Ali"}, {0},
     "org:league sanctioned group:front asserted; org:league sanctioned person:omar-ali asserted; "
     "person:omar-ali appointed group:front asserted"},
    {"King Omar bin Ali of Jordan spoke.",
     "King/king/PROPN/2/compound Omar/Omar/PROPN/7/nsubj bin/bin/X/2/flat Ali/Ali/PROPN/2/flat of/of/ADP/6/case "
     "Jordan/Jordan/PROPN/2/nmod spoke/speak/VERB/0/root",
     {"person:omar=King Omar", "country:JO=Jordan"}, {0}, "person:omar appointed country:JO asserted"},
    {"Omar Ali fled to Chad and Ana Ruiz fled to Niger.",
     "Omar/Omar/PROPN/3/nsubj Ali/Ali/PROPN/1/flat fled/flee/VERB/0/root to/to/ADP/5/case Chad/Chad/PROPN/3/obl "
     "and/and/CCONJ/9/cc Ana/Ana/PROPN/9/nsubj Ruiz/Ruiz/PROPN/7/flat fled/flee/VERB/3/conj to/to/ADP/11/case "
     "Niger/Niger/PROPN/9/obl",
     {"person:omar-ali=Omar Ali", "country:TD=Chad", "person:ana-ruiz=Ana Ruiz", "country:NE=Niger"}, {0}, ""},
    /* "hosts" takes its object only through a proxy noun */
    {"Jordan hosts 4,000 American troops.",
     "Jordan/Jordan/PROPN/2/nsubj hosts/host/VERB/0/root 4,000/4000/NUM/5/nummod American/American/ADJ/5/amod "
     "troops/troop/NOUN/2/obj",
     {"country:JO=Jordan", "country:US=American"}, {0}, "country:US military_presence country:JO asserted"},
    {"Jordan hosted the United States.",
     "Jordan/Jordan/PROPN/2/nsubj hosted/host/VERB/0/root the/the/DET/5/det United/United/PROPN/5/compound "
     "States/States/PROPN/2/obj",
     {"country:JO=Jordan", "country:US=United States"}, {0}, ""},
    /* "as part of"; "the formation of"; "the branch of"; who establishes
    ** a thing controls it; "moved to" */
    {"Chad fought as part of the Coalition.",
     "Chad/Chad/PROPN/2/nsubj fought/fight/VERB/0/root as/as/ADP/4/case part/part/NOUN/2/obl of/of/ADP/7/case "
     "the/the/DET/7/det Coalition/Coalition/PROPN/4/nmod",
     {"country:TD=Chad", "framework:coal=Coalition"}, {0}, "country:TD member_of framework:coal asserted"},
    {"The formation of the Front was announced.",
     "The/the/DET/2/det formation/formation/NOUN/7/nsubj:pass of/of/ADP/5/case the/the/DET/5/det "
     "Front/Front/PROPN/2/nmod was/be/AUX/7/aux:pass announced/announce/VERB/0/root",
     {"group:front=Front"}, {0}, "group:front established - asserted"},
    {"The Front is the branch of the Movement in Mali.",
     "The/the/DET/2/det Front/Front/PROPN/5/nsubj is/be/AUX/5/cop the/the/DET/5/det branch/branch/NOUN/0/root "
     "of/of/ADP/8/case the/the/DET/8/det Movement/Movement/PROPN/5/nmod in/in/ADP/10/case Mali/Mali/PROPN/5/nmod",
     {"group:front=Front", "group:movement=Movement", "country:ML=Mali"}, {0},
     "group:front military_presence country:ML asserted; group:front controlled_by group:movement asserted"},
    {"The Council established the Mission.",
     "The/the/DET/2/det Council/Council/PROPN/3/nsubj established/establish/VERB/0/root the/the/DET/5/det "
     "Mission/Mission/PROPN/3/obj",
     {"org:council=Council", "framework:mission=Mission"}, {0},
     "framework:mission established - asserted; framework:mission controlled_by org:council asserted"},
    {"The Center moved to Doha.",
     "The/the/DET/2/det Center/Center/PROPN/3/nsubj moved/move/VERB/0/root to/to/ADP/5/case Doha/Doha/PROPN/3/obl",
     {"org:center=Center", "place:doha=Doha"}, {0}, "org:center located_in place:doha asserted"},
    /* a description takes the entity whose name holds its noun, else the
    ** one named most often; a proxy's modifier before any antecedent */
    {"After the Zeta Mission and Operation Blue Star, the operation began.",
     "After/after/ADP/4/case the/the/DET/4/det Zeta/Zeta/PROPN/4/compound Mission/Mission/PROPN/12/obl "
     "and/and/CCONJ/8/cc Operation/Operation/PROPN/8/compound Blue/Blue/PROPN/8/compound Star/Star/PROPN/4/conj "
     ",/,/PUNCT/4/punct the/the/DET/11/det operation/operation/NOUN/12/nsubj began/begin/VERB/0/root",
     {"framework:zeta=Zeta Mission", "framework:blue=Operation Blue Star"}, {0},
     "framework:blue established - asserted"},
    {"The mission began.",
     "The/the/DET/2/det mission/mission/NOUN/3/nsubj began/begin/VERB/0/root",
     {0}, {"framework:b", "framework:a", "framework:a"}, "framework:a established - asserted"},
    {"The headquarters of the Command is located in Doha.",
     "The/the/DET/2/det headquarters/headquarters/NOUN/7/nsubj:pass of/of/ADP/5/case the/the/DET/5/det "
     "Command/Command/PROPN/2/nmod is/be/AUX/7/aux:pass located/locate/VERB/0/root in/in/ADP/9/case "
     "Doha/Doha/PROPN/7/obl",
     {"org:cmd=Command", "place:doha=Doha"}, {"org:other"}, "org:cmd located_in place:doha asserted"},
    /* "the three countries": all three the sentence of the list names;
    ** "individuals associated with X"; "30% of X" */
    {"After Chad quit and Mali and Niger left, the three countries joined the League.",
     "After/after/SCONJ/3/mark Chad/Chad/PROPN/3/nsubj quit/quit/VERB/13/advcl and/and/CCONJ/8/cc "
     "Mali/Mali/PROPN/8/nsubj and/and/CCONJ/7/cc Niger/Niger/PROPN/5/conj left/leave/VERB/3/conj ,/,/PUNCT/3/punct "
     "the/the/DET/12/det three/three/NUM/12/nummod countries/country/NOUN/13/nsubj joined/join/VERB/0/root "
     "the/the/DET/15/det League/League/PROPN/13/obj",
     {"country:TD=Chad", "country:ML=Mali", "country:NE=Niger", "org:league=League"}, {0},
     "country:TD member_of org:league asserted; country:ML member_of org:league asserted; "
     "country:NE member_of org:league asserted"},
    {"The League sanctioned individuals associated with the Front.",
     "The/the/DET/2/det League/League/PROPN/3/nsubj sanctioned/sanction/VERB/0/root "
     "individuals/individual/NOUN/3/obj associated/associate/VERB/4/acl with/with/ADP/8/case the/the/DET/8/det "
     "Front/Front/PROPN/5/obl",
     {"org:league=League", "group:front=Front"}, {0}, "org:league sanctioned group:front asserted"},
    {"The Front controls 30% of Mali.",
     "The/the/DET/2/det Front/Front/PROPN/3/nsubj controls/control/VERB/0/root 30/30/NUM/5/nummod %/%/SYM/3/obj "
     "of/of/ADP/7/case Mali/Mali/PROPN/5/nmod",
     {"group:front=Front", "country:ML=Mali"}, {0}, "group:front military_presence country:ML asserted"},
    /* a unit's owner: possessive, "of"; "southwest of X" as "near X";
    ** "and" before another person's title ends a title */
    {"NATO's Operation Blue Star ended.",
     "NATO/NATO/PROPN/5/nmod:poss 's/'s/PART/1/case Operation/Operation/PROPN/5/compound "
     "Blue/Blue/PROPN/5/compound Star/Star/PROPN/6/nsubj ended/end/VERB/0/root",
     {"org:nato=NATO", "framework:blue=Operation Blue Star"}, {0}, "framework:blue controlled_by org:nato asserted"},
    {"The 5th Wing of the Air Force landed.",
     "The/the/DET/3/det 5th/5th/ADJ/3/amod Wing/Wing/PROPN/8/nsubj of/of/ADP/7/case the/the/DET/7/det "
     "Air/Air/PROPN/7/compound Force/Force/PROPN/3/nmod landed/land/VERB/0/root",
     {"org:wing=5th Wing", "org:af=Air Force"}, {0}, "org:wing controlled_by org:af asserted"},
    {"Rota is a base southwest of Cadiz.",
     "Rota/Rota/PROPN/4/nsubj is/be/AUX/4/cop a/a/DET/4/det base/base/NOUN/0/root southwest/southwest/ADV/4/advmod "
     "of/of/ADP/7/case Cadiz/Cadiz/PROPN/5/obl",
     {"place:rota=Rota", "place:cadiz=Cadiz"}, {0}, "place:rota located_in place:cadiz asserted"},
    {"Prime Minister Omar Ali of Chad and General Ana Ruiz spoke.",
     "Prime/prime/ADJ/2/amod Minister/minister/PROPN/3/compound Omar/Omar/PROPN/11/nsubj Ali/Ali/PROPN/3/flat "
     "of/of/ADP/6/case Chad/Chad/PROPN/3/nmod and/and/CCONJ/9/cc General/general/PROPN/9/compound "
     "Ana/Ana/PROPN/3/conj Ruiz/Ruiz/PROPN/9/flat spoke/speak/VERB/0/root",
     {"person:omar-ali=Omar Ali", "country:TD=Chad", "person:ana-ruiz=Ana Ruiz"}, {0},
     "person:omar-ali appointed country:TD asserted"},
    /* a name right after its verb that the parser hung on it as parataxis
    ** is the verb's object */
    {"In reply, Chad launched Operation Sand Wall, the Chadian share of the effort.",
     "In/in/ADP/2/case reply/reply/NOUN/5/obl ,/,/PUNCT/2/punct Chad/Chad/PROPN/5/nsubj "
     "launched/launch/VERB/0/root Operation/operation/NOUN/7/nmod:desc Sand/Sand/PROPN/5/parataxis "
     "Wall/Wall/PROPN/7/flat ,/,/PUNCT/12/punct the/the/DET/12/det Chadian/Chadian/ADJ/12/amod "
     "share/share/NOUN/7/appos of/of/ADP/15/case the/the/DET/15/det effort/effort/NOUN/12/nmod",
     {"country:TD=Chad", "framework:sw=Operation Sand Wall"}, {0},
     "framework:sw established - asserted; framework:sw controlled_by country:TD asserted"},
    /* a plural title before a list of people is each one's ("X leaders
    ** Minister-designate A and Deputy Minister-designate B") */
    {"Some parties (including Brigade leaders Prime Minister-designate Omar Ali and Deputy Prime "
     "Minister-designate Ana Ruiz) reject the plan.",
     "Some/some/DET/2/det parties/party/NOUN/22/nsubj (/(/PUNCT/6/punct including/include/VERB/6/case "
     "Brigade/Brigade/PROPN/6/compound leaders/leader/NOUN/2/nmod Prime/prime/ADJ/8/amod "
     "Minister/Minister/PROPN/10/compound -/-/PUNCT/8/punct designate/designate/ADJ/12/amod "
     "Omar/Omar/PROPN/12/compound Ali/Ali/PROPN/6/nmod and/and/CCONJ/14/cc Deputy/Deputy/PROPN/12/conj "
     "Prime/prime/ADJ/16/amod Minister/Minister/PROPN/18/compound -/-/PUNCT/16/punct "
     "designate/designate/ADJ/19/amod Ana/Ana/PROPN/20/compound Ruiz/Ruiz/PROPN/6/nmod )/)/PUNCT/6/punct "
     "reject/reject/VERB/0/root the/the/DET/24/det plan/plan/NOUN/22/obj",
     {"group:brigade=Brigade", "person:omar-ali=Omar Ali", "person:ana-ruiz=Ana Ruiz"}, {0},
     "person:omar-ali appointed group:brigade asserted; person:ana-ruiz appointed group:brigade asserted"},
    /* a conjunct with a title of its own holds nothing of the first one's
    ** title ("ORG Secretary General A and Defence Minister B") */
    {"League Secretary General Omar Ali and Defence Minister Ana Ruiz met in Chad.",
     "League/League/PROPN/4/compound Secretary/Secretary/PROPN/4/compound General/General/PROPN/4/nmod:desc "
     "Omar/Omar/PROPN/11/nsubj Ali/Ali/PROPN/4/flat and/and/CCONJ/9/cc Defence/Defence/PROPN/8/compound "
     "Minister/Minister/PROPN/9/nmod:desc Ana/Ana/PROPN/4/conj Ruiz/Ruiz/PROPN/9/flat met/meet/VERB/0/root "
     "in/in/ADP/13/case Chad/Chad/PROPN/11/obl ././PUNCT/11/punct",
     {"org:league=League", "person:omar-ali=Omar Ali", "person:ana-ruiz=Ana Ruiz", "country:TD=Chad"}, {0},
     "person:omar-ali appointed org:league asserted; person:omar-ali met_with person:ana-ruiz asserted"},
    /* a place named with where it is: the last of coordinated names takes
    ** the phrase; "fighting in"; cells expanding into; "its location in" */
    {"Camp Alpha and Camp Beta in Chad closed.",
     "Camp/Camp/PROPN/2/compound Alpha/Alpha/PROPN/8/nsubj and/and/CCONJ/5/cc Camp/Camp/PROPN/5/compound "
     "Beta/Beta/PROPN/2/conj in/in/ADP/7/case Chad/Chad/PROPN/2/nmod closed/close/VERB/0/root",
     {"place:alpha=Camp Alpha", "place:beta=Camp Beta", "country:TD=Chad"}, {0},
     "place:beta located_in country:TD asserted"},
    {"The Front is fighting in Mali.",
     "The/the/DET/2/det Front/Front/PROPN/4/nsubj is/be/AUX/4/aux fighting/fight/VERB/0/root in/in/ADP/6/case "
     "Mali/Mali/PROPN/4/obl",
     {"group:front=Front", "country:ML=Mali"}, {0}, "group:front military_presence country:ML asserted"},
    {"Front cells expanded into Mali.",
     "Front/Front/PROPN/2/compound cells/cell/NOUN/3/nsubj expanded/expand/VERB/0/root into/into/ADP/5/case "
     "Mali/Mali/PROPN/3/obl",
     {"group:front=Front", "country:ML=Mali"}, {0},
     "group:front military_presence country:ML asserted; group:front influence_in country:ML asserted"},
    {"The Command moved to its new location in Doha.",
     "The/the/DET/2/det Command/Command/PROPN/3/nsubj moved/move/VERB/0/root to/to/ADP/7/case its/its/PRON/7/nmod:poss "
     "new/new/ADJ/7/amod location/location/NOUN/3/obl in/in/ADP/9/case Doha/Doha/PROPN/7/nmod",
     {"org:cmd=Command", "place:doha=Doha"}, {0}, "org:cmd located_in place:doha asserted"},
    /* "Chief of Mission"; "X (XX) and its leader"; "X, Y's Emir, Z": Z's;
    ** "all of these operations" */
    {"Ana Ruiz has been Chief of Mission.",
     "Ana/Ana/PROPN/5/nsubj Ruiz/Ruiz/PROPN/1/flat has/have/AUX/5/aux been/be/AUX/5/cop Chief/chief/PROPN/0/root "
     "of/of/ADP/7/case Mission/Mission/PROPN/5/nmod",
     {"person:ana-ruiz=Ana Ruiz"}, {"framework:m"}, "person:ana-ruiz appointed framework:m asserted"},
    {"The League sanctioned the Front (TF) and its leader, Omar Ali.",
     "The/the/DET/2/det League/League/PROPN/3/nsubj sanctioned/sanction/VERB/0/root the/the/DET/5/det "
     "Front/Front/PROPN/3/obj (/(/PUNCT/7/punct TF/TF/PROPN/5/appos )/)/PUNCT/7/punct and/and/CCONJ/11/cc "
     "its/its/PRON/11/nmod:poss leader/leader/NOUN/5/conj ,/,/PUNCT/13/punct Omar/Omar/PROPN/11/appos "
     "Ali/Ali/PROPN/13/flat",
     {"org:league=League", "group:front=Front", "group:front=TF", "person:omar-ali=Omar Ali"}, {0},
     "org:league sanctioned group:front asserted; org:league sanctioned person:omar-ali asserted; "
     "person:omar-ali appointed group:front asserted"},
    {"Ali Omar, the Front's Emir, Ana Ruiz, spoke.",
     "Ali/Ali/PROPN/11/nsubj Omar/Omar/PROPN/1/flat ,/,/PUNCT/6/punct the/the/DET/4/det Front/Front/PROPN/6/nmod:poss "
     "'s/'s/PART/4/case Emir/emir/PROPN/8/appos ,/,/PUNCT/8/punct Ana/Ana/PROPN/1/appos Ruiz/Ruiz/PROPN/8/flat "
     ",/,/PUNCT/1/punct spoke/speak/VERB/0/root",
     {"person:ali-omar=Ali Omar", "group:front=Front", "person:ana-ruiz=Ana Ruiz"}, {0},
     "person:ana-ruiz appointed group:front asserted"},
    {"All of these operations were run by the Agency.",
     "All/all/DET/6/nsubj:pass of/of/ADP/4/case these/this/DET/4/det operations/operation/NOUN/1/nmod "
     "were/be/AUX/6/aux:pass run/run/VERB/0/root by/by/ADP/9/case the/the/DET/9/det Agency/Agency/PROPN/6/obl:agent",
     {"org:agency=Agency"}, {"framework:a", "framework:b"},
     "framework:a controlled_by org:agency asserted; framework:b controlled_by org:agency asserted"},
    /* a plural is no singular anaphor: "the groups" is not "the group" */
    {"The groups expelled France.",
     "The/the/DET/2/det groups/group/NOUN/3/nsubj expelled/expel/VERB/0/root France/France/PROPN/3/obj",
     {"country:FR=France"}, {"group:g"}, ""},
    /* a word of a name is no predicate; a type that does not fit is no relation */
    {"The Training Mission met.",
     "The/the/DET/3/det Training/training/NOUN/3/compound Mission/Mission/PROPN/4/nsubj met/meet/VERB/0/root",
     {"framework:tm=Training Mission"}, {0}, ""},
    /* a fronted phrase the parser hung the subject list on: the names
    ** right before the verb, after a comma, are its subject */
    {"In May, Peru, Chile and Cuba signed a treaty.",
     "In/in/ADP/2/case May/May/PROPN/9/obl ,/,/PUNCT/4/punct Peru/Peru/PROPN/2/conj ,/,/PUNCT/6/punct "
     "Chile/Chile/PROPN/2/conj and/and/CCONJ/8/cc Cuba/Cuba/PROPN/2/conj signed/sign/VERB/0/root a/a/DET/11/det "
     "treaty/treaty/NOUN/9/obj",
     {"country:PE=Peru", "country:CL=Chile", "country:CU=Cuba"}, {0},
     "country:PE cooperates_with country:CL asserted; country:PE cooperates_with country:CU asserted"},
    /* a "through" phrase taken for a conjunct is no subject; a "with"
    ** phrase hung on the object is the verb's: supplies and trains, which
    ** narrow "backed" (no cooperates_with) */
    {"Chad, through the Guard and its army, backed the Front with funding and training.",
     "Chad/Chad/PROPN/10/nsubj ,/,/PUNCT/1/punct through/through/ADP/5/case the/the/DET/5/det "
     "Guard/Guard/PROPN/1/conj and/and/CCONJ/8/cc its/its/PRON/8/nmod:poss army/army/NOUN/1/conj ,/,/PUNCT/1/punct "
     "backed/back/VERB/0/root the/the/DET/12/det Front/Front/PROPN/10/obj with/with/ADP/14/case "
     "funding/funding/NOUN/12/nmod and/and/CCONJ/16/cc training/training/NOUN/14/conj",
     {"country:TD=Chad", "org:guard=Guard", "group:front=Front"}, {0},
     "country:TD supplies group:front asserted; country:TD trains group:front asserted"},
    /* using a base is a presence there */
    {"Peru used the Lima base.",
     "Peru/Peru/PROPN/2/nsubj used/use/VERB/0/root the/the/DET/5/det Lima/Lima/PROPN/5/compound "
     "base/base/NOUN/2/obj",
     {"country:PE=Peru", "place:lima-base=Lima"}, {0}, "country:PE military_presence place:lima-base asserted"},
    /* a common noun an adjective describes stands for the name after it */
    {"Chad cut its ties with former ally Peru-then a partner.",
     "Chad/Chad/PROPN/2/nsubj cut/cut/VERB/0/root its/its/PRON/4/nmod:poss ties/tie/NOUN/2/obj with/with/ADP/7/case "
     "former/former/ADJ/7/amod ally/ally/NOUN/4/nmod Peru/Peru/PROPN/12/nsubj -/-/PUNCT/12/punct "
     "then/then/ADV/12/advmod a/a/DET/12/det partner/partner/NOUN/2/parataxis",
     {"country:TD=Chad", "country:PE=Peru"}, {0}, "country:TD ended_cooperation country:PE asserted"},
    /* "these countries": every country the sentence before names, not
    ** only its longest list */
    {"Chile's army left, as did those of Peru and Cuba. These countries expelled Spain.",
     "These/this/DET/2/det countries/country/NOUN/3/nsubj expelled/expel/VERB/0/root Spain/Spain/PROPN/3/obj",
     {"country:ES=Spain"}, {"country:CL=Chile", "country:PE=Peru", "country:CU=Cuba"},
     "country:CL ended_cooperation country:ES asserted; country:PE ended_cooperation country:ES asserted; "
     "country:CU ended_cooperation country:ES asserted"},
    /* "It" after a sentence opened by a description: what the description
    ** names, not the last name of that sentence */
    {"Alpha Base opened. The base is near Lima. It is operated by Peru.",
     "It/it/PRON/3/nsubj:pass is/be/AUX/3/aux:pass operated/operate/VERB/0/root by/by/ADP/5/case "
     "Peru/Peru/PROPN/3/obl:agent",
     {"country:PE=Peru"}, {"place:alpha=Alpha Base", "place:lima=Lima"},
     "country:PE operates_base place:alpha asserted"},
    /* a measure noun ("a wave of strikes") holds the predicate noun's place */
    {"Peru announced a wave of strikes on the Front.",
     "Peru/Peru/PROPN/2/nsubj announced/announce/VERB/0/root a/a/DET/4/det wave/wave/NOUN/2/obj of/of/ADP/6/case "
     "strikes/strike/NOUN/4/nmod on/on/ADP/9/case the/the/DET/9/det Front/Front/PROPN/4/nmod",
     {"country:PE=Peru", "group:front=Front"}, {0}, "country:PE attacked group:front asserted"},
    /* a title noun stands for the person its title names, however the
    ** parser hung the name; a title with small words joins a list of people */
    {"Smith held talks with the Minister of Defence Mr. Juan Soto, and the Minister of Justice Ana Ruiz.",
     "Smith/Smith/PROPN/2/nsubj held/hold/VERB/0/root talks/talk/NOUN/2/obj with/with/ADP/6/case the/the/DET/6/det "
     "Minister/minister/NOUN/3/nmod of/of/ADP/8/case Defence/Defence/PROPN/6/nmod Mr./Mr./PROPN/10/nmod:desc "
     "Juan/Juan/PROPN/2/parataxis Soto/Soto/PROPN/10/flat ,/,/PUNCT/15/punct and/and/CCONJ/15/cc "
     "the/the/DET/15/det Minister/minister/NOUN/10/conj of/of/ADP/17/case Justice/Justice/PROPN/15/nmod "
     "Ana/Ana/PROPN/15/appos Ruiz/Ruiz/PROPN/18/flat",
     {"person:smith=Smith", "person:soto=Juan Soto", "person:ruiz=Ana Ruiz"}, {0},
     "person:smith met_with person:soto asserted; person:smith met_with person:ruiz asserted"},
    /* a participle of ties hung on the verb still ties its object */
    {"Peru sanctioned officials linked to the Front.",
     "Peru/Peru/PROPN/2/nsubj sanctioned/sanction/VERB/0/root officials/official/NOUN/2/obj "
     "linked/link/VERB/2/xcomp to/to/ADP/7/case the/the/DET/7/det Front/Front/PROPN/4/obl",
     {"country:PE=Peru", "group:front=Front"}, {0}, "country:PE sanctioned group:front asserted"},
    /* "It" after a sentence opened by neither a name nor a description:
    ** the passage's title, when the title is a name */
    {"Alpha Base\n\nSince May, troops used Lima. It is operated by Peru.",
     "It/it/PRON/3/nsubj:pass is/be/AUX/3/aux:pass operated/operate/VERB/0/root by/by/ADP/5/case "
     "Peru/Peru/PROPN/3/obl:agent",
     {"country:PE=Peru"}, {"place:alpha=Alpha Base", "place:lima=Lima"},
     "country:PE operates_base place:alpha asserted"},
    /* ... and the name that opens the sentence before, through sentences
    ** opened by the same pronoun (in any case; lower here so that the
    ** tree's "It" is the last sentence's) */
    {"Alpha Base, near Lima, opened. it is near Cuzco. It is operated by Peru.",
     "It/it/PRON/3/nsubj:pass is/be/AUX/3/aux:pass operated/operate/VERB/0/root by/by/ADP/5/case "
     "Peru/Peru/PROPN/3/obl:agent",
     {"country:PE=Peru"}, {"place:alpha=Alpha Base", "place:lima=Lima", "place:cuzco=Cuzco"},
     "country:PE operates_base place:alpha asserted"},
    /* a name before a hyphened participle is no preposition's object:
    ** the noun it modifies is */
    {"Peru launched strikes on Chile-backed group Front.",
     "Peru/Peru/PROPN/2/nsubj launched/launch/VERB/0/root strikes/strike/NOUN/2/obj on/on/ADP/5/case "
     "Chile/Chile/PROPN/3/nmod -/-/PUNCT/5/punct backed/back/VERB/8/amod group/group/NOUN/9/compound "
     "Front/Front/PROPN/2/parataxis",
     {"country:PE=Peru", "country:CL=Chile", "group:front=Front"}, {0},
     "country:PE attacked group:front asserted; country:CL cooperates_with group:front asserted"},
    /* a participle hung on the verb after its object modifies the object:
    ** no subject of the verb's */
    {"Peru designated officers affiliated with the Front.",
     "Peru/Peru/PROPN/2/nsubj designated/designate/VERB/0/root officers/officer/NOUN/2/obj "
     "affiliated/affiliate/VERB/2/xcomp with/with/ADP/7/case the/the/DET/7/det Front/Front/PROPN/4/obl",
     {"country:PE=Peru", "group:front=Front"}, {0}, "country:PE sanctioned group:front asserted"},
    /* a common noun stands for the name a participle of naming gives it */
    {"The Chilean navy base known as Alpha Base closed.",
     "The/the/DET/4/det Chilean/Chilean/ADJ/4/amod navy/navy/NOUN/4/compound base/base/NOUN/9/nsubj "
     "known/know/VERB/4/acl as/as/ADP/8/mark Alpha/Alpha/PROPN/8/compound Base/Base/PROPN/5/obl "
     "closed/close/VERB/0/root",
     {"country:CL=Chilean", "place:alpha=Alpha Base"}, {0}, "country:CL operates_base place:alpha asserted"},
    /* a phrase after coordinated nouns is the first one's too, unless the
    ** last has an owner of its own */
    {"The Peruvian base and port in Cuba closed.",
     "The/the/DET/3/det Peruvian/Peruvian/ADJ/3/amod base/base/NOUN/8/nsubj and/and/CCONJ/5/cc "
     "port/port/NOUN/3/conj in/in/ADP/7/case Cuba/Cuba/PROPN/5/nmod closed/close/VERB/0/root",
     {"country:PE=Peruvian", "country:CU=Cuba"}, {0}, "country:PE military_presence country:CU asserted"},
    {"The Peruvian base and Chile's port in Cuba closed.",
     "The/the/DET/3/det Peruvian/Peruvian/ADJ/3/amod base/base/NOUN/9/nsubj and/and/CCONJ/6/cc "
     "Chile/Chile/PROPN/6/nmod:poss 's/'s/PART/5/case port/port/NOUN/3/conj in/in/ADP/8/case Cuba/Cuba/PROPN/6/nmod "
     "closed/close/VERB/0/root",
     {"country:PE=Peruvian", "country:CL=Chile", "country:CU=Cuba"}, {0}, ""},
    /* a name inside a person's title does not end a list of people */
    {"Smith met Juan Soto, the Minister of Defence of Chile, and Ana Ruiz.",
     "Smith/Smith/PROPN/2/nsubj met/meet/VERB/0/root Juan/Juan/PROPN/2/obj Soto/Soto/PROPN/3/flat ,/,/PUNCT/7/punct "
     "the/the/DET/7/det Minister/minister/NOUN/3/appos of/of/ADP/9/case Defence/Defence/PROPN/7/nmod of/of/ADP/11/case "
     "Chile/Chile/PROPN/9/nmod ,/,/PUNCT/14/punct and/and/CCONJ/14/cc Ana/Ana/PROPN/11/conj Ruiz/Ruiz/PROPN/14/flat",
     {"person:smith=Smith", "person:soto=Juan Soto", "country:CL=Chile", "person:ruiz=Ana Ruiz"}, {0},
     "person:smith met_with person:soto asserted; person:smith met_with person:ruiz asserted; "
     "person:soto appointed country:CL asserted"},
    /* "helped X address": X, though the parser made it the subject of
    ** "address" */
    {"Chilean aid helped Peru rebuild its army.",
     "Chilean/Chilean/ADJ/2/amod aid/aid/NOUN/3/nsubj helped/help/VERB/0/root Peru/Peru/PROPN/5/nsubj "
     "rebuild/rebuild/VERB/3/xcomp its/its/PRON/7/nmod:poss army/army/NOUN/5/obj",
     {"country:CL=Chilean", "country:PE=Peru"}, {0}, "country:CL supplies country:PE asserted"},
    /* a verb the parser left without object takes the people named right
    ** after it behind their titles */
    {"Chile designated Defense Minister Juan Soto, Army Chief Ana Ruiz, and General Luis Paz, pursuant to law.",
     "Chile/Chile/PROPN/2/nsubj designated/designate/VERB/0/root Defense/Defense/PROPN/4/compound "
     "Minister/Minister/PROPN/5/nmod:desc Juan/Juan/PROPN/18/nsubj Soto/Soto/PROPN/5/flat ,/,/PUNCT/9/punct "
     "Army/Army/PROPN/9/compound Chief/Chief/PROPN/5/appos Ana/Ana/PROPN/5/conj Ruiz/Ruiz/PROPN/10/flat "
     ",/,/PUNCT/15/punct and/and/CCONJ/15/cc General/General/PROPN/15/compound Luis/Luis/PROPN/5/conj "
     "Paz/Paz/PROPN/15/flat ,/,/PUNCT/18/punct pursuant/pursuant/ADJ/2/ccomp to/to/ADP/20/case law/law/NOUN/18/obl",
     {"country:CL=Chile", "person:soto=Juan Soto", "person:ruiz=Ana Ruiz", "person:paz=Luis Paz"}, {0},
     "country:CL sanctioned person:soto asserted; country:CL sanctioned person:ruiz asserted; "
     "country:CL sanctioned person:paz asserted"},
    /* "an X-led force" is X's; "an X-backed force" is not */
    {"The Chile-led force in Peru grew.",
     "The/the/DET/5/det Chile/Chile/PROPN/4/obl:unmarked -/-/PUNCT/2/punct led/lead/VERB/5/amod "
     "force/force/NOUN/8/nsubj in/in/ADP/7/case Peru/Peru/PROPN/5/nmod grew/grow/VERB/0/root",
     {"country:CL=Chile", "country:PE=Peru"}, {0}, "country:CL military_presence country:PE asserted"},
    {"The Chile-backed force in Peru grew.",
     "The/the/DET/5/det Chile/Chile/PROPN/4/obl:unmarked -/-/PUNCT/2/punct backed/back/VERB/5/amod "
     "force/force/NOUN/8/nsubj in/in/ADP/7/case Peru/Peru/PROPN/5/nmod grew/grow/VERB/0/root",
     {"country:CL=Chile", "country:PE=Peru"}, {0}, ""},
    /* a common noun stands for the names after a comma and "notably" */
    {"Peru trained the army, notably the Guard and the Navy.",
     "Peru/Peru/PROPN/2/nsubj trained/train/VERB/0/root the/the/DET/4/det army/army/NOUN/2/obj ,/,/PUNCT/8/punct "
     "notably/notably/ADV/8/advmod the/the/DET/8/det Guard/Guard/PROPN/2/obl and/and/CCONJ/11/cc the/the/DET/11/det "
     "Navy/Navy/PROPN/8/conj",
     {"country:PE=Peru", "org:guard=Guard", "org:navy=Navy"}, {0},
     "country:PE trains org:guard asserted; country:PE trains org:navy asserted"},
    /* the subject of "be engaged in" is its noun's */
    {"Chile and Peru are engaged in cooperation.",
     "Chile/Chile/PROPN/5/nsubj:pass and/and/CCONJ/3/cc Peru/Peru/PROPN/1/conj are/be/AUX/5/aux:pass "
     "engaged/engage/VERB/0/root in/in/ADP/7/case cooperation/cooperation/NOUN/5/obl",
     {"country:CL=Chile", "country:PE=Peru"}, {0}, "country:CL cooperates_with country:PE asserted"},
    /* a phrase with the verb's preposition the parser made its conjunct */
    {"Peru talked with Chile, as well as with the League.",
     "Peru/Peru/PROPN/2/nsubj talked/talk/VERB/0/root with/with/ADP/4/case Chile/Chile/PROPN/2/obl ,/,/PUNCT/11/punct "
     "as/as/CCONJ/11/cc well/well/ADV/6/fixed as/as/ADP/6/fixed with/with/ADP/11/case the/the/DET/11/det "
     "League/League/PROPN/2/conj",
     {"country:PE=Peru", "country:CL=Chile", "org:league=League"}, {0},
     "country:PE met_with country:CL asserted; country:PE met_with org:league asserted"},
    /* a subject description takes what opens the sentences before, as "It"
    ** does, through a sentence opened by "It" */
    {"Alpha Command grew. It backed Lima Group. The headquarters is located in Cuzco.",
     "The/the/DET/2/det headquarters/headquarters/NOUN/4/nsubj:pass is/be/AUX/4/aux:pass "
     "located/locate/VERB/0/root in/in/ADP/6/case Cuzco/Cuzco/PROPN/4/obl",
     {"place:cuzco=Cuzco"}, {"org:alpha=Alpha Command", "org:lima=Lima Group"},
     "org:alpha located_in place:cuzco asserted"},
    /* moving from a place is no longer being located there */
    {"Alpha Command moved from Lima to Cuzco.",
     "Alpha/Alpha/PROPN/2/compound Command/Command/PROPN/3/nsubj moved/move/VERB/0/root from/from/ADP/5/case "
     "Lima/Lima/PROPN/3/obl to/to/ADP/7/case Cuzco/Cuzco/PROPN/3/obl",
     {"org:alpha=Alpha Command", "place:lima=Lima", "place:cuzco=Cuzco"}, {0},
     "org:alpha located_in place:cuzco asserted; org:alpha located_in place:lima negated"},
    /* "under X control", "returned Y to X control": controlled_by X */
    {"Peru returned Alpha Base to Chilean control.",
     "Peru/Peru/PROPN/2/nsubj returned/return/VERB/0/root Alpha/Alpha/PROPN/4/compound Base/Base/PROPN/2/obj "
     "to/to/ADP/7/case Chilean/Chilean/ADJ/7/amod control/control/NOUN/2/obl",
     {"country:PE=Peru", "place:alpha=Alpha Base", "country:CL=Chilean"}, {0},
     "place:alpha controlled_by country:CL asserted"},
    {"Alpha Base is under Chilean command.",
     "Alpha/Alpha/PROPN/2/compound Base/Base/PROPN/6/nsubj is/be/AUX/6/cop under/under/ADP/6/case "
     "Chilean/Chilean/ADJ/6/amod command/command/NOUN/0/root",
     {"place:alpha=Alpha Base", "country:CL=Chilean"}, {0}, "place:alpha controlled_by country:CL asserted"},
    /* attacking sites across a place attacks the place */
    {"The Front attacked sites across Lima.",
     "The/the/DET/2/det Front/Front/PROPN/3/nsubj attacked/attack/VERB/0/root sites/site/NOUN/3/obj "
     "across/across/ADP/6/case Lima/Lima/PROPN/3/obl",
     {"group:front=Front", "place:lima=Lima"}, {0}, "group:front attacked place:lima asserted"},
    /* "Lima, Peru": the country after a city with a comma is where it is */
    {"Alpha Base is a base in Lima, Peru.",
     "Alpha/Alpha/PROPN/2/compound Base/Base/PROPN/5/nsubj is/be/AUX/5/cop a/a/DET/5/det base/base/NOUN/0/root "
     "in/in/ADP/7/case Lima/Lima/PROPN/5/nmod ,/,/PUNCT/9/punct Peru/Peru/PROPN/5/parataxis",
     {"place:alpha=Alpha Base", "place:lima=Lima", "country:PE=Peru"}, {0},
     "place:alpha located_in place:lima asserted; place:alpha located_in country:PE asserted"},
    {"Naples invaded Ukraine.",
     "Naples/Naples/PROPN/2/nsubj invaded/invade/VERB/0/root Ukraine/Ukraine/PROPN/2/obj",
     {"place:naples=Naples", "country:UA=Ukraine"}, {0}, ""},
};

static int upos_of(const char *s, size_t n) {
    static const char *const names[] = {"_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
                                        "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};
    for (int i = 0; i < UPOS_COUNT; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0) return i;
    fail_msg("bad upos %.*s", (int)n, s);
    return 0;
}

/* Builds S from a case's tree; strings live in POOL. */
static void build(const tcase *c, parse_tok *tok, size_t *nt, char pool[][64]) {
    const char *p = c->tree, *at = c->text;
    size_t n = 0;
    while (*p) {
        char item[200];
        size_t len = strcspn(p, " ");
        snprintf(item, sizeof item, "%.*s", (int)len, p);
        p += len + (p[len] == ' ');
        char *f[5], *save = NULL;
        f[0] = strtok_r(item, "/", &save);
        for (int k = 1; k < 5; k++) f[k] = strtok_r(NULL, "/", &save);
        if (!f[4]) fail_msg("bad token %s", item);
        const char *w = strstr(at, f[0]);
        if (!w) fail_msg("token %s not in %s", f[0], c->text);
        snprintf(pool[2 * n], 64, "%s", f[1]);
        snprintf(pool[2 * n + 1], 64, "%s", f[4]);
        tok[n] = (parse_tok){(size_t)(w - c->text), (size_t)(w - c->text) + strlen(f[0]), upos_of(f[2], strlen(f[2])),
                             atoi(f[3]) - 1, pool[2 * n + 1], pool[2 * n]};
        at = w + strlen(f[0]);
        n++;
    }
    *nt = n;
}

static size_t mentions_of(const char *text, const char *const *ents, annot_mention *m, char ids[][64]) {
    size_t n = 0;
    for (size_t k = 0; k < 6 && ents[k]; k++) {
        const char *eq = strchr(ents[k], '=');
        snprintf(ids[k], 64, "%.*s", (int)(eq - ents[k]), ents[k]);
        const char *p = strstr(text, eq + 1);
        if (!p) fail_msg("mention %s not in %s", eq + 1, text);
        m[n++] = (annot_mention){(size_t)(p - text), (size_t)(p - text) + strlen(eq + 1), ids[k]};
    }
    return n;
}

static const char *mod_name(int m) {
    static const char *const names[] = {"asserted", "alleged", "negated", "planned"};
    return names[m];
}

static void run(const tcase *c, char *got, size_t cap) {
    parse_tok tok[40];
    char pool[80][64], ids[6][64];
    size_t nt;
    build(c, tok, &nt, pool);
    parse_sent s = {.tok = tok, .n = nt};
    annot_mention m[6], before[3];
    size_t nm = mentions_of(c->text, c->ents, m, ids), nb = 0;
    char bids[3][64];
    size_t bsent[3];
    int placed = 0;
    for (; nb < 3 && c->before[nb]; nb++) {
        const char *eq = strchr(c->before[nb], '=');
        before[nb] = (annot_mention){0, 0, c->before[nb]};
        bsent[nb] = nb;
        if (!eq) continue;
        const char *p = strstr(c->text, eq + 1);
        if (!p) fail_msg("mention %s not in %s", eq + 1, c->text);
        snprintf(bids[nb], 64, "%.*s", (int)(eq - c->before[nb]), c->before[nb]);
        bsent[nb] = 0;
        for (const char *q = c->text; q < p; q++) bsent[nb] += (q[0] == '.' && q[1] == ' ') || q[0] == '\n';
        before[nb] = (annot_mention){(size_t)(p - c->text), (size_t)(p - c->text) + strlen(eq + 1), bids[nb]};
        placed = 1;
    }
    rt_out out = {0};
    assert_int_equal(rt_extract(c->text, &s, m, nm, before, placed ? bsent : NULL, nb, &out), FL_OK);
    size_t len = 0;
    got[0] = '\0';
    for (size_t k = 0; k < out.n; k++)
        len += (size_t)snprintf(got + len, cap - len, "%s%s %s %s %s", k ? "; " : "", out.r[k].subject,
                                out.r[k].predicate, out.r[k].object ? out.r[k].object : "-",
                                mod_name(out.r[k].modality));
    free(out.r);
}

static void table(void **state) {
    (void)state;
    assert_int_equal(rt_init(NULL, NULL), FL_OK);
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char got[2048];
        run(&cases[i], got, sizeof got);
        if (strcmp(got, cases[i].want) != 0) {
            print_message("case %zu: %s\n got: %s\nwant: %s\n", i, cases[i].text, got, cases[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* The event and interaction predicates through the mechanisms they lean
** on: names joined by a dash, a participle used as a preposition, the
** object of the verb governing a noun, a verb of ending or souring found
** through an apposition, proxies read through "from" and a participle's
** agent, "including" lists, a list the parser broke up (titles in it),
** a title standing for the person named before ("the Minister"), an
** office holder's act as the office's, "the X-aligned group" (not X
** itself), "the groups X and the Y" naming the groups, no modality from
** the verb an
** adjunct of time hangs on; and a noun
** conjoined to a clause inheriting no subject. */
static const tcase event_cases[] = {
    {"The Chad-Niger partnership grew.",
     "The/the/DET/5/det Chad/Chad/PROPN/4/compound -/-/PUNCT/2/punct Niger/Niger/PROPN/5/compound "
     "partnership/partnership/NOUN/6/nsubj grew/grow/VERB/0/root",
     {"country:TD=Chad", "country:NE=Niger"}, {0}, "country:TD cooperates_with country:NE asserted"},
    {"The Chad\xe2\x80\x93Niger war ended.",
     "The/the/DET/3/det Chad\xe2\x80\x93Niger/Chad\xe2\x80\x93Niger/PROPN/3/compound war/war/NOUN/4/nsubj "
     "ended/end/VERB/0/root",
     {"country:TD=Chad", "country:NE=Niger"}, {0}, "country:TD fights country:NE asserted"},
    {"Canada launched strikes targeting the Brigades.",
     "Canada/Canada/PROPN/2/nsubj launched/launch/VERB/0/root strikes/strike/NOUN/2/obj "
     "targeting/target/VERB/3/acl the/the/DET/6/det Brigades/Brigades/PROPN/4/obj",
     {"country:CA=Canada", "group:brigades=Brigades"}, {0}, "country:CA attacked group:brigades asserted"},
    {"Canada armed the Brigades with rifles and trained them.",
     "Canada/Canada/PROPN/2/nsubj armed/arm/VERB/0/root the/the/DET/4/det Brigades/Brigades/PROPN/2/obj "
     "with/with/ADP/6/case rifles/rifle/NOUN/2/obl and/and/CCONJ/8/cc trained/train/VERB/2/conj "
     "them/they/PRON/8/obj",
     {"country:CA=Canada", "group:brigades=Brigades"}, {0}, "country:CA supplies group:brigades asserted"},
    {"Canada backed the Brigades with training.",
     "Canada/Canada/PROPN/2/nsubj backed/back/VERB/0/root the/the/DET/4/det Brigades/Brigades/PROPN/2/obj "
     "with/with/ADP/6/case training/training/NOUN/2/obl",
     {"country:CA=Canada", "group:brigades=Brigades"}, {0}, "country:CA trains group:brigades asserted"},
    {"Chad broke off, in effect, its accord with Niger.",
     "Chad/Chad/PROPN/2/nsubj broke/break/VERB/0/root off/off/ADP/2/compound:prt ,/,/PUNCT/6/punct "
     "in/in/ADP/6/case effect/effect/NOUN/2/obl ,/,/PUNCT/6/punct its/its/PRON/9/nmod:poss "
     "accord/accord/NOUN/6/appos with/with/ADP/11/case Niger/Niger/PROPN/9/nmod",
     {"country:TD=Chad", "country:NE=Niger"}, {0}, "country:TD ended_cooperation country:NE asserted"},
    {"Relations between Chad and Niger were strained.",
     "Relations/relation/NOUN/7/nsubj:pass between/between/ADP/3/case Chad/Chad/PROPN/1/nmod and/and/CCONJ/5/cc "
     "Niger/Niger/PROPN/3/conj were/be/AUX/7/aux:pass strained/strain/VERB/0/root",
     {"country:TD=Chad", "country:NE=Niger"}, {0}, "country:TD tension_with country:NE asserted"},
    {"Gunmen from the Brigades shelled camps used by Chad.",
     "Gunmen/gunman/NOUN/5/nsubj from/from/ADP/4/case the/the/DET/4/det Brigades/Brigades/PROPN/1/nmod "
     "shelled/shell/VERB/0/root camps/camp/NOUN/5/obj used/use/VERB/6/acl by/by/ADP/9/case "
     "Chad/Chad/PROPN/7/obl:agent",
     {"group:brigades=Brigades", "country:TD=Chad"}, {0}, "group:brigades attacked country:TD asserted"},
    {"The Brigades seized two towns, including Gao and Kidal.",
     "The/the/DET/2/det Brigades/Brigades/PROPN/3/nsubj seized/seize/VERB/0/root two/two/NUM/5/nummod "
     "towns/town/NOUN/3/obj ,/,/PUNCT/8/punct including/include/VERB/8/case Gao/Gao/PROPN/5/nmod "
     "and/and/CCONJ/10/cc Kidal/Kidal/PROPN/8/conj",
     {"group:brigades=Brigades", "place:gao=Gao", "place:kidal=Kidal"}, {0},
     "group:brigades attacked place:gao asserted; group:brigades attacked place:kidal asserted"},
    {"Chad left, and a Nigerien attack on the Brigades.",
     "Chad/Chad/PROPN/2/nsubj left/leave/VERB/0/root ,/,/PUNCT/7/punct and/and/CCONJ/7/cc a/a/DET/7/det "
     "Nigerien/Nigerien/ADJ/7/amod attack/attack/NOUN/2/conj on/on/ADP/10/case the/the/DET/10/det "
     "Brigades/Brigades/PROPN/7/nmod",
     {"country:TD=Chad", "country:NE=Nigerien", "group:brigades=Brigades"}, {0},
     "country:NE attacked group:brigades asserted"},
    {"Canada sanctioned Chad, Niger and Mali, Russia said.",
     "Canada/Canada/PROPN/2/nsubj sanctioned/sanction/VERB/10/ccomp Chad/Chad/PROPN/2/obj ,/,/PUNCT/5/punct "
     "Niger/Niger/PROPN/2/advcl and/and/CCONJ/7/cc Mali/Mali/PROPN/5/conj ,/,/PUNCT/10/punct "
     "Russia/Russia/PROPN/10/nsubj said/say/VERB/0/root",
     {"country:CA=Canada", "country:TD=Chad", "country:NE=Niger", "country:ML=Mali", "country:RU=Russia"}, {0},
     "country:CA sanctioned country:TD asserted; country:CA sanctioned country:NE asserted; "
     "country:CA sanctioned country:ML asserted"},
    {"The Minister met with Ana Ruiz and Foreign Minister Omar Ali.",
     "The/the/DET/2/det Minister/Minister/PROPN/3/nsubj met/meet/VERB/0/root with/with/ADP/5/case "
     "Ana/Ana/PROPN/3/obl Ruiz/Ruiz/PROPN/5/flat and/and/CCONJ/10/cc Foreign/foreign/ADJ/9/amod "
     "Minister/Minister/PROPN/10/compound Omar/Omar/PROPN/3/advcl Ali/Ali/PROPN/10/flat",
     {"person:ana-ruiz=Ana Ruiz", "person:omar-ali=Omar Ali"}, {"person:leila-said"},
     "person:leila-said met_with person:ana-ruiz asserted; person:leila-said met_with person:omar-ali asserted"},
    {"Canadian Foreign Minister Ana Ruiz sanctioned the Brigades.",
     "Canadian/Canadian/ADJ/3/amod Foreign/foreign/ADJ/3/amod Minister/Minister/PROPN/4/compound "
     "Ana/Ana/PROPN/6/nsubj Ruiz/Ruiz/PROPN/4/flat sanctioned/sanction/VERB/0/root the/the/DET/8/det "
     "Brigades/Brigades/PROPN/6/obj",
     {"country:CA=Canadian", "person:ana-ruiz=Ana Ruiz", "group:brigades=Brigades"}, {0},
     "person:ana-ruiz appointed country:CA asserted; country:CA sanctioned group:brigades asserted"},
    {"Canada sanctioned firms linked to the Brigades.",
     "Canada/Canada/PROPN/2/nsubj sanctioned/sanction/VERB/0/root firms/firm/NOUN/2/obj "
     "linked/link/VERB/3/acl to/to/ADP/7/case the/the/DET/7/det Brigades/Brigades/PROPN/4/obl",
     {"country:CA=Canada", "group:brigades=Brigades"}, {0}, "country:CA sanctioned group:brigades asserted"},
    {"Chad ceased trade following the Nigerien bombardment of Gao.",
     "Chad/Chad/PROPN/2/nsubj ceased/cease/VERB/0/root trade/trade/NOUN/2/obj following/following/ADP/7/case "
     "the/the/DET/7/det Nigerien/Nigerien/ADJ/7/amod bombardment/bombardment/NOUN/2/obl of/of/ADP/9/case "
     "Gao/Gao/PROPN/7/nmod",
     {"country:TD=Chad", "country:NE=Nigerien", "place:gao=Gao"}, {0}, "country:NE attacked place:gao asserted"},
    {"Chad played a role in the war against the Brigades.",
     "Chad/Chad/PROPN/2/nsubj played/play/VERB/0/root a/a/DET/4/det role/role/NOUN/2/obj in/in/ADP/7/case "
     "the/the/DET/7/det war/war/NOUN/4/nmod against/against/ADP/10/case the/the/DET/10/det "
     "Brigades/Brigades/PROPN/7/nmod",
     {"country:TD=Chad", "group:brigades=Brigades"}, {0}, "country:TD fights group:brigades asserted"},
    {"The Front-aligned group grew.",
     "The/the/DET/5/det Front/Front/PROPN/5/compound -/-/PUNCT/4/punct aligned/align/VERB/5/amod "
     "group/group/NOUN/6/nsubj grew/grow/VERB/0/root",
     {"group:front=Front"}, {"group:brigades"}, "group:brigades ally_of group:front asserted"},
    {"Chad and Niger signed a treaty.",
     "Chad/Chad/PROPN/4/nsubj and/and/CCONJ/3/cc Niger/Niger/PROPN/1/conj signed/sign/VERB/0/root "
     "a/a/DET/6/det treaty/treaty/NOUN/4/obj",
     {"country:TD=Chad", "country:NE=Niger"}, {0}, "country:TD cooperates_with country:NE asserted"},
    {"Mali expelled France, and Niger left.",
     "Mali/Mali/PROPN/2/nsubj expelled/expel/VERB/0/root France/France/PROPN/2/obj ,/,/PUNCT/7/punct "
     "and/and/CCONJ/7/cc Niger/Niger/PROPN/7/nsubj left/leave/VERB/2/conj",
     {"country:ML=Mali", "country:FR=France", "country:NE=Niger"}, {0},
     "country:ML ended_cooperation country:FR asserted"},
    {"Chad fought the rebel groups Brigades and the Front.",
     "Chad/Chad/PROPN/2/nsubj fought/fight/VERB/0/root the/the/DET/5/det rebel/rebel/NOUN/5/compound "
     "groups/group/NOUN/2/obj Brigades/Brigades/PROPN/5/acl:relcl and/and/CCONJ/9/cc the/the/DET/9/det "
     "Front/Front/PROPN/6/conj",
     {"country:TD=Chad", "group:brigades=Brigades", "group:front=Front"}, {0},
     "country:TD fights group:brigades asserted; country:TD fights group:front asserted"},
    {"Niger ended the Sahel Mission.",
     "Niger/Niger/PROPN/2/nsubj ended/end/VERB/0/root the/the/DET/5/det Sahel/Sahel/PROPN/5/compound "
     "Mission/Mission/PROPN/2/obj",
     {"country:NE=Niger", "framework:sahel-mission=Sahel Mission"}, {0},
     "country:NE ended_cooperation framework:sahel-mission asserted"},
    {"The Brigades are aligned with the Front.",
     "The/the/DET/2/det Brigades/Brigades/PROPN/4/nsubj:pass are/be/AUX/4/aux:pass aligned/align/VERB/0/root "
     "with/with/ADP/7/case the/the/DET/7/det Front/Front/PROPN/4/obl",
     {"group:brigades=Brigades", "group:front=Front"}, {0}, "group:brigades ally_of group:front asserted"},
    {"The French conquest of Chad began.",
     "The/the/DET/3/det French/French/ADJ/3/amod conquest/conquest/NOUN/6/nsubj of/of/ADP/5/case "
     "Chad/Chad/PROPN/3/nmod began/begin/VERB/0/root",
     {"country:FR=French", "country:TD=Chad"}, {0}, "country:FR invaded country:TD asserted"},
    {"Canada's sale of rifles to Chad grew.",
     "Canada/Canada/PROPN/3/nmod:poss 's/'s/PART/1/case sale/sale/NOUN/8/nsubj of/of/ADP/5/case "
     "rifles/rifle/NOUN/3/nmod to/to/ADP/7/case Chad/Chad/PROPN/3/nmod grew/grow/VERB/0/root",
     {"country:CA=Canada", "country:TD=Chad"}, {0}, "country:CA supplies country:TD asserted"},
};

static void event_table(void **state) {
    (void)state;
    assert_int_equal(rt_init(NULL, NULL), FL_OK);
    int bad = 0;
    for (size_t i = 0; i < sizeof event_cases / sizeof event_cases[0]; i++) {
        char got[2048];
        run(&event_cases[i], got, sizeof got);
        if (strcmp(got, event_cases[i].want) != 0) {
            print_message("event case %zu: %s\n got: %s\nwant: %s\n", i, event_cases[i].text, got,
                          event_cases[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* Every predicate of the vocabulary is wanted by at least two cases. */
static void two_forms_each(void **state) {
    (void)state;
    static const char *const preds[] = {
        "member_of", "military_presence", "operates_base", "seeks_base", "cooperates_with", "ended_cooperation",
        "trains", "appointed", "established", "located_in", "ally_of", "controlled_by", "invaded",
        "influence_in", "tension_with", "fights", "attacked", "sanctioned", "supplies", "met_with"};
    for (size_t p = 0; p < sizeof preds / sizeof preds[0]; p++) {
        char key[64];
        snprintf(key, sizeof key, " %s ", preds[p]);
        int n = 0;
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) n += strstr(cases[i].want, key) != NULL;
        if (n < 2) fail_msg("%s: %d case(s)", preds[p], n);
    }
}

static void triggers(void **state) {
    (void)state;
    assert_int_equal(rt_init(NULL, NULL), FL_OK);
    assert_true(rt_is_trigger("deployed", 8));
    assert_true(rt_is_trigger("Withdrew", 8));
    assert_true(rt_is_trigger("supplies", 8));
    assert_true(rt_is_trigger("talks", 5));
    assert_false(rt_is_trigger("the", 3));
    assert_false(rt_is_trigger("", 0));
    assert_true(rt_anaphor_types("its", 3) & rt_id_types("country:XX"));
    assert_false(rt_anaphor_types("Mali", 4));
    unsigned people = rt_id_types("person:a-b"), countries = rt_id_types("country:XX");
    assert_true(rt_trigger_fits("commander", 9, people | rt_id_types("org:x"), 0));
    assert_false(rt_trigger_fits("commander", 9, countries, 0));   /* no person: no title */
    assert_true(rt_trigger_fits("invaded", 7, countries, 0));
    assert_false(rt_trigger_fits("invaded", 7, countries, 1));   /* one entity: no object */
    assert_true(rt_trigger_fits("founded", 7, rt_id_types("org:x"), 1));
    assert_false(rt_trigger_fits("invaded", 7, rt_id_types("place:x"), 0));
    /* "co-organised", lexed "co" "organised": the part after the hyphen */
    assert_true(rt_trigger_fits("organised", 9, rt_id_types("org:x"), 0));
    assert_true(rt_trigger_fits("hosted", 6, countries, 0));   /* still "host"'s */
}

/* Heads out of the sentence, no lemma: nothing, no crash. */
static void malformed(void **state) {
    (void)state;
    const char *text = "Russia invaded Ukraine";
    parse_tok tok[3] = {{0, 6, UPOS_PROPN, 1, "nsubj", "Russia"},
                        {7, 14, UPOS_VERB, 9, "root", "invade"},
                        {15, 22, UPOS_PROPN, 1, "obj", "Ukraine"}};
    parse_sent s = {.tok = tok, .n = 3};
    annot_mention m[2] = {{0, 6, "country:RU"}, {15, 22, "country:UA"}};
    rt_out out = {0};
    assert_int_equal(rt_extract(text, &s, m, 2, NULL, NULL, 0, &out), FL_OK);
    assert_int_equal(out.n, 0);
    tok[1].head = -1;
    tok[2].lemma = NULL;
    assert_int_equal(rt_extract(text, &s, m, 2, NULL, NULL, 0, &out), FL_OK);
    assert_int_equal(out.n, 0);
    tok[2].lemma = "Ukraine";
    assert_int_equal(rt_extract(text, &s, m, 2, NULL, NULL, 0, &out), FL_OK);
    assert_int_equal(out.n, 1);
    free(out.r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(event_table),
        cmocka_unit_test(two_forms_each),
        cmocka_unit_test(triggers),
        cmocka_unit_test(malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
