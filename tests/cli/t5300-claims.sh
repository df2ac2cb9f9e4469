# t5300-claims.sh: `flank claims` over two documents written here: quotes
# with their speaker (split quotations, a pronoun), reported speech, an
# assessment and a recommendation; the filters --about, --by, --kind,
# --limit and their errors; the dossier's "said by" and "said about".
. "$(dirname "$0")/lib.sh"

mkdir -p "$SCRATCH/docs"
cat >"$SCRATCH/docs/navy.txt" <<'DOC'
Navy chief warns of patrols off Libya

ROME, 3 March 2025 - Admiral Marco Bellini, the chief of staff of the Italian Navy, said on Monday that foreign warships now shadow Italian patrols off Libya.

"Our ships are followed almost every day. We will not change course," Bellini told reporters in Rome. "The Mediterranean must stay open to all," he added.

NATO should strengthen its southern flank.
DOC
cat >"$SCRATCH/docs/envoy.txt" <<'DOC'
Envoy sees a fragile truce in Libya

TUNIS, 4 March 2025 - The truce in Libya is likely to collapse before the summer.

“The militias are rearming faster than we can count,” said Karin Holm, the mediator of the talks, on Tuesday.

The delegations met again in Tunis.
DOC
expect_ok "ingest" "$FLANK" ingest --quiet "$SCRATCH/docs"

expect_ok "claims --help" "$FLANK" claims --help
contains "help names the filters" "$OUT" "--about ID"

expect_ok "claims" "$FLANK" claims
contains "a quote with its speaker" "$OUT" '[quote, said by Marco Bellini] "Our ships are followed almost every day."'
contains "one claim per quoted sentence" "$OUT" '"We will not change course,"'
contains "the pronoun's speaker" "$OUT" '[quote, said by Marco Bellini] "The Mediterranean must stay open to all,"'
contains "reported speech, after its 'that'" "$OUT" '"foreign warships now shadow Italian patrols off Libya."'
contains "the speaker after the quotation" "$OUT" '[quote, said by Karin Holm] "The militias are rearming'
contains "an assessment" "$OUT" 'The truce in Libya is likely to collapse before the summer."'
contains "a recommendation" "$OUT" '[recommendation] "NATO should strengthen its southern flank."'
lacks "a plain report is no claim" "$OUT" "delegations met"
contains "what a claim is about" "$OUT" "about: Libya"
contains "its source" "$OUT" "Navy chief warns of patrols off Libya"

expect_ok "claims --by" "$FLANK" claims --by person:marco-bellini --json
printf '%s' "$OUT" >"$SCRATCH/by.json"
equals "only his words, all of them" "$(python3 -c '
import json,sys; c=json.load(open(sys.argv[1]))["claims"]
print(len(c), sorted({x["speaker"] for x in c}), sorted({x["speaker_name"] for x in c}))' "$SCRATCH/by.json")" \
    "4 ['person:marco-bellini'] ['Marco Bellini']"
expect_ok "claims --by a name" "$FLANK" claims --by "Karin Holm"
contains "a name stands for its entity" "$OUT" "said by Karin Holm"
lacks "no one else's" "$OUT" "Bellini"

expect_ok "claims --about" "$FLANK" claims --about country:LY --json
printf '%s' "$OUT" >"$SCRATCH/about.json"
equals "each mentions Libya" "$(python3 -c '
import json,sys; c=json.load(open(sys.argv[1]))["claims"]
print(len(c) >= 2 and all("country:LY" in [a["id"] for a in x["about"]] for x in c))' "$SCRATCH/about.json")" "True"
equals "json fields" "$(python3 -c '
import json,sys; print(sorted(json.load(open(sys.argv[1]))["claims"][0]))' "$SCRATCH/about.json")" \
    "['about', 'doc_id', 'end', 'kind', 'published', 'publisher', 'role', 'speaker', 'speaker_name', 'start', 'text', 'title']"

expect_ok "claims --kind" "$FLANK" claims --kind recommendation
equals "only recommendations" "$(printf '%s\n' "$OUT" | grep -c '^  \[')" 1
expect_ok "claims --limit" "$FLANK" claims --limit 2 --json
equals "at most the limit" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["claims"]))')" 2

expect_fail "unknown kind" "$FLANK" claims --kind opinion
contains "says which kinds" "$ERR" "quote, assessment or recommendation"
expect_fail "limit out of range" "$FLANK" claims --limit 0
contains "says the range" "$ERR" "between 1 and 1000"
expect_fail "unknown speaker" "$FLANK" claims --by "Nobody Here At All"
expect_fail "unknown argument" "$FLANK" claims --speaker x
expect_ok "no claims is no error" "$FLANK" claims --by person:marco-bellini --kind assessment
equals "says so" "$OUT" "no claims"

expect_ok "dossier of the speaker" "$FLANK" dossier person:marco-bellini
contains "said by" "$OUT" "Said by Marco Bellini:"
expect_ok "dossier of a country" "$FLANK" dossier country:LY --json
equals "roles of Libya's claims" "$(printf '%s' "$OUT" | python3 -c '
import json,sys; print(sorted({c["role"] for c in json.load(sys.stdin)["claims"]}))')" "['about']"
expect_ok "dossier text" "$FLANK" dossier country:LY
contains "said about" "$OUT" "Said about Libya:"
contains "with source and date" "$OUT" "Envoy sees a fragile truce in Libya"

# what a claim is about, the same from extract and from the database
expect_ok "extract --json" "$FLANK" extract --json "$SCRATCH/docs/navy.txt"
printf '%s' "$OUT" >"$SCRATCH/x.json"
expect_ok "show --json" "$FLANK" show --json "$(python3 -c '
import json,sys; print(json.load(open(sys.argv[1]))["document"]["sha256"][:12])' "$SCRATCH/x.json")"
printf '%s' "$OUT" >"$SCRATCH/s.json"
equals "about, from extract and stored" "$(python3 -c '
import json,sys
x, s = (json.load(open(p))["claims"] for p in sys.argv[1:])
print([c["about"] for c in x] == [c["about"] for c in s], x[0]["about"])' "$SCRATCH/x.json" "$SCRATCH/s.json")" \
    "True ['country:IT', 'country:LY']"
