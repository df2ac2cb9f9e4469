# t5310-stance.sh: who asserts, denies or disputes a relation, over two
# documents written here: `extract --json` gives each relation its
# "stance" list; the dossier (text and JSON) shows "asserted by A (source,
# date), denied by B (source, date)"; the export carries them; deleting a
# document takes its stances along.
. "$(dirname "$0")/lib.sh"

mkdir -p "$SCRATCH/docs"
cat >"$SCRATCH/docs/claim.txt" <<'DOC'
---
title: Drones for the east
publisher: Harbour Post
date: 2025-03-03
---
France said that Russia supplied drones to Libya.

The ministers met in Rome.
DOC
cat >"$SCRATCH/docs/answer.txt" <<'DOC'
---
title: Moscow answers
publisher: Steppe Wire
date: 2025-03-05
---
Russia denied that it supplied drones to Libya.

Italy disputed that Russia supplied drones to Libya.
DOC

expect_ok "extract --json" "$FLANK" extract --json "$SCRATCH/docs/answer.txt"
check=$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
got = sorted((s["stance"], s["holder"], s["sentence"]) for r in d["relations"] for s in r["stance"])
assert ("denied", "country:RU", 0) in got, got
assert ("disputed", "country:IT", 1) in got, got
assert all(isinstance(r["stance"], list) for r in d["relations"])
print("ok")')
equals "each relation lists its stances with holder and sentence" "$check" "ok"

printf 'The port of Sel was closed in May.\n' >"$SCRATCH/plain.txt"
expect_ok "extract --json, no stance" "$FLANK" extract --json "$SCRATCH/plain.txt"
lacks "no relation, no stance" "$OUT" '"stance": "'

expect_ok "ingest" "$FLANK" ingest --quiet "$SCRATCH/docs"
expect_ok "dossier" "$FLANK" dossier country:RU
contains "asserted by, with source and date" "$OUT" "asserted by France (Harbour Post, 2025-03-03)"
contains "denied by, with source and date" "$OUT" "denied by Russia (Steppe Wire, 2025-03-05)"
contains "disputed by" "$OUT" "disputed by Italy (Steppe Wire, 2025-03-05)"

expect_ok "dossier --json" "$FLANK" dossier --json country:RU
check=$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
rel = [r for r in d["relations"] if r["predicate"] == "supplies" and r["object"] == "country:LY"]
assert rel, d["relations"]
st = {(s["stance"], s["holder"], s["publisher"], s["published"]) for s in rel[0]["stances"]}
assert ("asserted", "country:FR", "Harbour Post", "2025-03-03") in st, st
assert ("denied", "country:RU", "Steppe Wire", "2025-03-05") in st, st
g = [c for p in d["groups"] if p["predicate"] == "supplies" for c in p["counterparts"] if c["id"] == "country:LY"]
assert g and len(g[0]["stances"]) == len(rel[0]["stances"]), g
print("ok")')
equals "dossier JSON: stances per relation and per counterpart" "$check" "ok"

expect_ok "export" "$FLANK" export
contains "the export carries the stances" "$OUT" '"stances":[{"holder":"country:RU"'

expect_ok "delete the answer" "$FLANK" delete "$(sha256sum "$SCRATCH/docs/answer.txt" | cut -c1-16)"
expect_ok "dossier after delete" "$FLANK" dossier country:RU
contains "the remaining stance" "$OUT" "asserted by France"
lacks "the deleted document's stances went with it" "$OUT" "denied by Russia"
