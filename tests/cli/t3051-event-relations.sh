# t3051-event-relations.sh: the event and interaction predicates (attacked,
# sanctioned, supplies, trains, fights, tension_with, met_with,
# cooperates_with, ended_cooperation, invaded, ally_of) read from the tree
# by `flank extract --json`, each from forms other than the plain verb, on
# sentences written for the test.
. "$(dirname "$0")/lib.sh"

cat >"$SCRATCH/events.txt" <<'TXT'
Events

France conducted an airstrike targeting a Wagner Group compound in Mali. The Egypt-Sudan partnership grew. Niger announced that it was breaking off its defence agreement with France.
TXT
expect_ok "extract events" "$FLANK" extract --json "$SCRATCH/events.txt"
printf '%s' "$OUT" >"$SCRATCH/events.json"
rels=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["relations"]:
    print(r["subject"], r["predicate"], r["object"], r["modality"])' "$SCRATCH/events.json")
contains "light verb, noun, participle as preposition, proxy noun" "$rels" "country:FR attacked group:wagner asserted"
contains "a hyphenated pair modifying the noun" "$rels" "country:EG cooperates_with country:SD asserted"
contains "an agreement a verb of ending governs" "$rels" "country:NE ended_cooperation country:FR asserted"
lacks "an agreement broken off is no cooperation" "$rels" "country:NE cooperates_with country:FR"

# more forms: phrasal verbs, nominal events after light verbs, a list the
# parser took for a compound, a title with a nationality
cat >"$SCRATCH/forms.txt" <<'TXT'
Forms

Egypt pulled out of the African Union in 2020. Morocco warned Algeria on Monday. Qatar granted Egypt a loan. Jordan and Egypt held joint drills in the Red Sea.

The Egyptian president arrived in Algeria on Sunday. The rift between Qatar and Egypt deepened. Turkey and Greece began negotiations in Athens. The visit improved Egypt-Sudan relations. Egypt-Sudan relations are the relations between the two countries.

Mali, Burkina Faso and Niger expelled the French ambassador. The Houthis hijacked a ship owned by Israel.
TXT
expect_ok "extract forms" "$FLANK" extract --json "$SCRATCH/forms.txt"
printf '%s' "$OUT" >"$SCRATCH/forms.json"
rels=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["relations"]:
    print(r["subject"], r["predicate"], r["object"], r["modality"])' "$SCRATCH/forms.json")
contains "pulled out of" "$rels" "country:EG ended_cooperation org:au asserted"
contains "warned" "$rels" "country:MA tension_with country:DZ asserted"
contains "granted X a loan" "$rels" "country:QA supplies country:EG asserted"
contains "A and B held drills" "$rels" "country:JO cooperates_with country:EG asserted"
contains "a title with a nationality stands for the country" "$rels" "country:EG met_with country:DZ asserted"
contains "rift between" "$rels" "country:QA tension_with country:EG asserted"
contains "A and B began negotiations" "$rels" "country:TR met_with country:GR asserted"
contains "relations a verb improves" "$rels" "country:EG cooperates_with country:SD asserted"
contains "a list taken for a compound: its first" "$rels" "country:ML ended_cooperation country:FR asserted"
contains "a list taken for a compound: its last" "$rels" "country:NE ended_cooperation country:FR asserted"
contains "a ship owned by X" "$rels" "group:houthis attacked country:IL asserted"

# a predicate word glued to a name by a hyphen passes the gate: "the
# X-aligned group" is the group named before, allied to X
printf 'Horn\n\nAl-Shabaab remains a threat in Somalia. The al-Qaida-aligned group lacks the means.\n' >"$SCRATCH/aligned.txt"
expect_ok "extract aligned" "$FLANK" extract --json "$SCRATCH/aligned.txt"
contains "X-aligned" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
for r in json.load(sys.stdin)["relations"]: print(r["subject"], r["predicate"], r["object"])')" "group:al-shabaab ally_of group:al-qaeda"
