# t8500-alerts.sh: saved searches (issue 19): `flank alert add` by query,
# entity and predicate, `flank alerts` shows only what is new since the last
# look, and `flank watch --alerts FILE` appends new matches as JSON lines.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/httpd.sh"
start_httpd
printf 'Envoys gather in Algiers\n\nEnvoys met in Algiers on Friday to prepare the talks, officials said.\n' >"$SCRATCH/old.txt"
"$FLANK" ingest -q "$SCRATCH/old.txt"

expect_ok "alert --help" "$FLANK" alert --help
expect_ok "alerts --help" "$FLANK" alerts --help
expect_ok "an alert by query" "$FLANK" alert add algiers 'Algiers'
expect_ok "an alert by entity and predicate" "$FLANK" alert add --json --entity Morocco --predicate cooperates_with ties
contains "says so" "$OUT" '"added":"ties"'
expect_fail "a bad query" "$FLANK" alert add bad '"unclosed'
contains "says what is wrong" "$ERR" "flank: bad: "
expect_fail "nothing to match" "$FLANK" alert add empty
contains "says so" "$ERR" "needs a query, --entity or --predicate"
expect_fail "a name twice" "$FLANK" alert add algiers 'Algiers'
contains "says so" "$ERR" "exists"

expect_ok "nothing new yet" "$FLANK" alerts
contains "counts none" "$OUT" "algiers: 0 new documents, 0 new relations"

printf 'Morocco and Spain deepen ties\n\nMorocco signed a defence cooperation agreement with Spain on Monday, the ministry said.\n' \
    >"$SCRATCH/ms.txt"
"$FLANK" ingest -q "$SCRATCH/ms.txt"
"$FLANK" feed add "$BASE/feed/pages/3.xml" >/dev/null
expect_ok "watch --alerts" "$FLANK" watch --once --delay 0 --alerts "$SCRATCH/alerts.jsonl"
lines=$(cat "$SCRATCH/alerts.jsonl")
contains "the query's new pages" "$lines" '"name":"algiers"'
contains "a new page" "$lines" "$BASE/a/2.html"
lacks "not the old document" "$lines" "old.txt"
contains "the relation" "$lines" '"predicate":"cooperates_with"'
contains "with its sentence" "$lines" "Morocco signed a defence cooperation agreement"
equals "one line per alert with news" "$(wc -l <"$SCRATCH/alerts.jsonl" | tr -d ' ')" 2
expect_ok "seen by the watcher" "$FLANK" alerts --json
lacks "nothing new after" "$OUT" '"doc_id"'

printf 'Talks in Algiers\n\nThe talks in Algiers resumed on Sunday after a pause, a spokesman said.\n' >"$SCRATCH/new.txt"
"$FLANK" ingest -q "$SCRATCH/new.txt"
expect_ok "peek" "$FLANK" alerts --peek
contains "shows it" "$OUT" "algiers: 1 new document, 0 new relations"
expect_ok "look" "$FLANK" alerts
contains "shows it again" "$OUT" "Talks in Algiers"
expect_ok "and then" "$FLANK" alerts
contains "it is seen" "$OUT" "algiers: 0 new documents"
expect_ok "remove one" "$FLANK" alert remove algiers
expect_fail "remove it again" "$FLANK" alert remove algiers
contains "says so" "$ERR" "flank: algiers: no such alert"
