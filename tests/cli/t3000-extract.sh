# t3000-extract.sh: extract --body / --json without a database.
. "$(dirname "$0")/lib.sh"

expect_ok "extract body" "$FLANK" extract --body "$SEEDS/training-missions-qa.txt"
contains "body text" "$OUT" "NATO training missions in Africa"
expect_ok "extract json" "$FLANK" extract --json "$SEEDS/training-missions-qa.txt"
printf '%s' "$OUT" >"$SCRATCH/doc.json"
equals "json parses with DESIGN fields" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sorted(k for k in d if k in ("document","text","entities","dates","relations","claims")))' "$SCRATCH/doc.json")" "['claims', 'dates', 'document', 'entities', 'relations', 'text']"
expect_ok "stdin" sh -c "cat '$SEEDS/training-missions-qa.txt' | '$FLANK' extract -"
expect_ok "html" "$FLANK" extract "$REPO/samples/gulf-cooperation.html"
lacks "no nav" "$OUT" "Topics"
contains "article kept" "$OUT" "Istanbul Cooperation Initiative"
printf '<html><body><script>alert(1)</script><style>p{}</style></body></html>' >"$SCRATCH/empty.html"
expect_ok "page without article" "$FLANK" extract "$SCRATCH/empty.html"
contains "says so" "$ERR" "no main text found"
expect_fail "binary" "$FLANK" extract /bin/sh
contains "clear error" "$ERR" "an executable, not text"
# names the pack lacks become the document's entities, marked not in the pack
cat >"$SCRATCH/names.txt" <<'TXT'
Training resumes in the north

The training mission is under the command of Lt. Gen. Marcel Dufresne of the Canadian Army, who arrived in Mali on Monday with officers of the Fleet Logistics Command. Dufresne said the mission would last two years and that Niger and Chad had been invited to send observers to the camps.
TXT
expect_ok "extract names" "$FLANK" extract --json "$SCRATCH/names.txt"
printf '%s' "$OUT" >"$SCRATCH/names.json"
equals "unknown person typed, not in pack, surname attached" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
e = {x["id"]: x for x in d["entities"]}
p = e.get("person:marcel-dufresne", {})
print(p.get("type"), p.get("in_pack"), [m["text"] for m in p.get("mentions", [])],
      e.get("org:fleet-logistics-command", {}).get("in_pack"), e["country:ML"]["in_pack"])' "$SCRATCH/names.json")" \
    "person False ['Marcel Dufresne', 'Dufresne'] False True"
# --body needs neither the knowledge pack nor the patterns: it reads none
mkdir -p "$SCRATCH/no-data"
expect_ok "body without data" env FLANK_DATA="$SCRATCH/no-data" FLANK_GENPACK="$SCRATCH/no-data" \
    "$FLANK" extract --body "$REPO/samples/gulf-cooperation.html"
contains "body without data: article" "$OUT" "Istanbul Cooperation Initiative"
expect_fail "json needs the data" env FLANK_DATA="$SCRATCH/no-data" FLANK_GENPACK="$SCRATCH/no-data" \
    "$FLANK" extract --json "$REPO/samples/gulf-cooperation.html"
