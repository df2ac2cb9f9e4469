# t5000-knowledge.sh: entities, dossier and timeline over the seeds, and
# one fact from several documents.
. "$(dirname "$0")/lib.sh"

"$FLANK" ingest --quiet "$SEEDS"
expect_ok "entities" "$FLANK" entities --limit 5
first=$(printf '%s\n' "$OUT" | sed -n 2p)
contains "NATO is the most mentioned" "$first" "org:nato"
expect_ok "entities by type" "$FLANK" entities --type person --json
equals "only people" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(sorted({e["type"] for e in json.load(sys.stdin)["entities"]}))')" "['person']"

expect_ok "dossier of Russia" "$FLANK" dossier country:RU
contains "profile from the pack" "$OUT" "Russia (country:RU, country)"
contains "base relation" "$OUT" "Russia -> al-Jufra"
contains "evidence sentence" "$OUT" "Maaten al-Sarra airbases"
contains "sources listed" "$OUT" "mediterranean-blind-spot.txt"
expect_ok "dossier json" "$FLANK" dossier --json country:RU
printf '%s' "$OUT" >"$SCRATCH/ru.json"
equals "json sections" "$(python3 -c 'import json,sys; print(sorted(json.load(open(sys.argv[1]))))' "$SCRATCH/ru.json")" \
    "['background', 'claims', 'co_mentions', 'entity', 'groups', 'mentions_by_month', 'relations', 'sources']"
expect_fail "unknown entity" "$FLANK" dossier country:XX
contains "says what to do" "$ERR" "'flank entities' lists them"

expect_ok "show --json carries the stored annotations" "$FLANK" show --json 1
printf '%s' "$OUT" >"$SCRATCH/doc1.json"
ok_ann=$(python3 -c '
import json,sys
d=json.load(open(sys.argv[1])); t=d["text"].encode()
assert d["entities"] and d["relations"] and d["dates"]
for e in d["entities"]:
    for m in e["mentions"]: assert t[m["start"]:m["end"]].decode()==m["text"]
for r in d["relations"]: assert t[r["start"]:r["end"]].decode()==r["sentence"]
print("ok")' "$SCRATCH/doc1.json")
equals "mention and sentence offsets point into the text" "$ok_ann" "ok"

expect_ok "timeline" "$FLANK" timeline
contains "dated appointment" "$OUT" "2024-07     Javier Colomina appointed"
dates=$(printf '%s\n' "$OUT" | grep '^[0-9]' | cut -c1-10 | tr -d ' ')
equals "in date order" "$dates" "$(printf '%s\n' "$dates" | sort)"
expect_ok "timeline of an entity" "$FLANK" timeline --entity country:UA --json
contains "invasion" "$OUT" '"predicate": "invaded"'
expect_fail "bad date" "$FLANK" timeline --since 2024-7
contains "says so" "$ERR" "not a date"

expect_ok "search by entity" "$FLANK" search --entity place:al-jufra --json
equals "one document" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" "1"
expect_ok "search by entity shows where it is mentioned" "$FLANK" search --entity place:al-jufra
contains "mention highlighted" "$OUT" "«al-Jufra»"
# Documents about an entity come from the entity index (FTS5 over ids): an
# id that cannot exist, or an unknown type, finds nothing and is no error;
# a name no entity has (no "type:" in it) is one, and says so.
expect_ok "search by an impossible entity id" "$FLANK" search --entity "no:such id" NATO
contains "nothing found" "$OUT" "no matches"
expect_fail "search by a name no entity has" "$FLANK" search --entity "no such name" NATO
contains "says so" "$ERR" "no entity has this name"
expect_ok "search by an unknown type" "$FLANK" search --type "no-such-type" NATO
contains "nothing found" "$OUT" "no matches"
expect_ok "search by type" "$FLANK" search --type place --json Russia
equals "the al-Jufra documents" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"] >= 1)')" "True"

# The same fact from a second source is one fact with two sources.
printf 'Base note\nRussia operates an air base at al-Jufra in Libya, officials said.\n' >"$SCRATCH/note.txt"
"$FLANK" ingest --quiet "$SCRATCH/note.txt"
expect_ok "dossier after a second source" "$FLANK" dossier --json place:al-jufra
n=$(printf '%s' "$OUT" | python3 -c '
import json,sys
d=json.load(sys.stdin)
print([r["documents"] for r in d["relations"] if r["predicate"]=="operates_base" and r["subject"]=="country:RU"])')
equals "two sources" "$n" "[2]"

# --evidence N bounds the sentences each relation keeps; the counts stay
# over all of them; a bad N is refused, saying why.
expect_ok "dossier keeps 1 sentence" "$FLANK" dossier --json --evidence 1 place:al-jufra
kept=$(printf '%s' "$OUT" | python3 -c '
import json,sys
d=json.load(sys.stdin)
print([(len(r["evidence"]), r["count"]) for r in d["relations"] if r["predicate"]=="operates_base" and r["subject"]=="country:RU"])')
equals "one sentence of two, counted" "$kept" "[(1, 2)]"
expect_ok "dossier keeps 5 sentences" "$FLANK" dossier --json --evidence 5 place:al-jufra
most=$(printf '%s' "$OUT" | python3 -c '
import json,sys
d=json.load(sys.stdin)
print(max(len(r["evidence"]) for r in d["relations"]), all(len(r["evidence"]) == min(r["count"], 5) for r in d["relations"]))')
equals "each relation's sentences up to 5" "$most" "2 True"
"$FLANK" dossier --json place:al-jufra >"$SCRATCH/default.json"
"$FLANK" dossier --json --evidence 5 place:al-jufra >"$SCRATCH/five.json"
equals "5 by default" "$(cmp "$SCRATCH/five.json" "$SCRATCH/default.json" && echo same)" "same"
expect_ok "text shows the sentences kept" "$FLANK" dossier --evidence 2 place:al-jufra
equals "both sentences shown" "$(printf '%s\n' "$OUT" | grep -c 'al-Jufra')" \
    "$("$FLANK" dossier place:al-jufra | grep -c 'al-Jufra' | awk '{print $1 + 1}')"
for bad in 0 51 x -3; do
    expect_fail "--evidence $bad is refused" "$FLANK" dossier --evidence "$bad" place:al-jufra
    contains "--evidence $bad: says why" "$ERR" "flank: --evidence: "
done
