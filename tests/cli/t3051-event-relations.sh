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
