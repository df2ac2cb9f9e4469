# t5150-document-entities.sh: entities the pack does not know (names.h),
# stored with the document: listed, searchable, with a dossier that says
# they are not in the pack.
. "$(dirname "$0")/lib.sh"

cat >"$SCRATCH/talks.txt" <<'TXT'
Border talks in Tunis

The Assistant Secretary General for Political Affairs, Ambassador Kellan Droway, met Lt. Gen. Marius Okonte of the Navy Region Kouriba Coast in Tunis on 3 May 2024. Droway said the talks went well.
TXT
expect_ok "ingest" "$FLANK" ingest --quiet "$SCRATCH/talks.txt"
expect_ok "entities" "$FLANK" entities --json
equals "the document's own entities are stored with their type" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
e = {x["id"]: (x["type"], x["in_pack"]) for x in json.load(sys.stdin)["entities"]}
print(e.get("person:kellan-droway"), e.get("org:navy-region-kouriba-coast"), e.get("place:tunis"))')" \
    "('person', False) ('organization', False) ('place', True)"
expect_ok "entities table" "$FLANK" entities
contains "marks those not in the pack" "$OUT" "Marius Okonte  (not in the pack)"
expect_ok "dossier of a person the pack lacks" "$FLANK" dossier person:kellan-droway
contains "profile from the documents" "$OUT" "Kellan Droway (person:kellan-droway, person)"
contains "says it is not in the pack" "$OUT" "not in the knowledge pack"
contains "a relation attaches to it" "$OUT" "Kellan Droway -> Marius Okonte"
expect_ok "dossier json" "$FLANK" dossier --json person:kellan-droway
equals "in_pack false" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entity"]["in_pack"])')" "False"
expect_ok "dossier json of a pack entity" "$FLANK" dossier --json place:tunis
equals "in_pack true" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entity"]["in_pack"])')" "True"
expect_ok "search by the document's entity" "$FLANK" search --entity person:kellan-droway
contains "the surname is a mention" "$OUT" "«Droway» said"

# The dossier gives the pack rows that add it; once added, it is the pack's.
expect_ok "dossier again" "$FLANK" dossier person:kellan-droway
printf '%s\n' "$OUT" | grep -A1 '^    id' | sed 's/^    //' >"$SCRATCH/droway.tsv"
equals "two pack rows" "$(wc -l <"$SCRATCH/droway.tsv" | tr -d ' ')" "2"
mkdir -p "$SCRATCH/packs"
expect_ok "kb add the rows" env FLANK_PACKS="$SCRATCH/packs" "$FLANK" kb add "$SCRATCH/droway.tsv"
expect_ok "dossier after kb add" env FLANK_PACKS="$SCRATCH/packs" "$FLANK" dossier --json person:kellan-droway
equals "now in the pack" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entity"]["in_pack"])')" "True"
