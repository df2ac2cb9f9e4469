# t8510-alert.sh: saved searches, the rest of issue 19's alerts: `flank
# alert list` (counts, nothing marked seen), the JSON shapes, refusals at
# `alert add` (a malformed query, an unknown predicate or entity), `flank
# watch --alerts FILE --alert-exec CMD` (a command per alert with news; one
# that fails or hangs past --alert-timeout is logged and the others still
# run) and GET /api/alerts.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/httpd.sh"
. "$(dirname "$0")/serve.sh"
start_httpd
FEEDS=$BASE
printf 'Envoys gather in Rabat\n\nEnvoys met in Rabat on Friday to prepare the talks, officials said.\n' >"$SCRATCH/old.txt"
"$FLANK" ingest -q "$SCRATCH/old.txt"

expect_ok "no alerts yet" "$FLANK" alert list
contains "says so" "$OUT" "no alerts"
expect_ok "no alerts yet, as JSON" "$FLANK" alert list --json
equals "an empty array" "$OUT" "[]"
expect_fail "no verb" "$FLANK" alert
expect_fail "an unknown verb" "$FLANK" alert rename x y
expect_fail "list takes no name" "$FLANK" alert list x

expect_ok "an alert by query" "$FLANK" alert add rabat 'Rabat'
expect_ok "an alert by query and entity" "$FLANK" alert add --entity Algeria --json algeria 'talks'
contains "says it is added" "$OUT" '"added":"algeria"'
expect_ok "an alert by predicate and entity" "$FLANK" alert add ties --entity country:MA --predicate cooperates_with
expect_fail "a malformed query" "$FLANK" alert add broken 'Rabat AND ('
contains "with the parser's message" "$ERR" "flank: broken: query: "
expect_fail "after --, a word with a dash is the query" "$FLANK" alert add -- neg '-Tunis'
contains "and the parser judges it" "$ERR" "flank: neg: query: -Tunis at column 1 excludes from nothing"
expect_fail "list takes no filter" "$FLANK" alert list --entity country:MA
expect_fail "an unknown predicate" "$FLANK" alert add odd --predicate befriends
contains "says which" "$ERR" "flank: odd: befriends: not a predicate of the vocabulary"
expect_fail "an unknown entity" "$FLANK" alert add nobody --entity 'Nowhere Land Republic' talks
contains "names it" "$ERR" "flank: nobody: Nowhere Land Republic: "
expect_ok "none of those saved" "$FLANK" alert list --json
lacks "no broken" "$OUT" '"broken"'
lacks "no odd" "$OUT" '"odd"'

expect_ok "list" "$FLANK" alert list
contains "the query alert" "$OUT" "rabat: Rabat  (0 new documents, 0 new relations)"
contains "the entity id, resolved" "$OUT" "algeria: talks --entity country:DZ"
contains "the predicate" "$OUT" "ties: --entity country:MA --predicate cooperates_with"
expect_ok "list --json" "$FLANK" alert list --json
python3 - "$OUT" >"$SCRATCH/shape" 2>&1 <<'PY'
import json, sys
a = json.loads(sys.argv[1])
keys = ["id", "name", "query", "entity", "predicate", "last_doc", "added", "new_documents", "new_relations"]
print("ok" if [list(x) for x in a] == [keys] * 3 else "bad keys %r" % [list(x) for x in a])
print("ok" if a[2]["query"] is None and a[2]["predicate"] == "cooperates_with" and a[0]["last_doc"] == 1 else "bad %r" % a)
PY
equals "list --json: keys in order, nulls, the mark" "$(cat "$SCRATCH/shape")" "ok
ok"

printf 'Algeria hosts talks\n\nAlgeria hosted talks with Tunisia in Algiers on Tuesday, the ministry said.\n' >"$SCRATCH/dz.txt"
printf 'Morocco and Spain deepen ties\n\nMorocco signed a defence cooperation agreement with Spain on Monday.\n' \
    >"$SCRATCH/ma.txt"
printf 'Algeria and Spain deepen ties\n\nAlgeria signed a defence cooperation agreement with Spain on Monday.\n' \
    >"$SCRATCH/dz2.txt"
"$FLANK" ingest -q "$SCRATCH/dz.txt" "$SCRATCH/ma.txt" "$SCRATCH/dz2.txt"
expect_ok "list counts what is new" "$FLANK" alert list
contains "one for algeria, and its relation" "$OUT" "algeria: talks --entity country:DZ  (1 new document, 1 new relation)"
contains "a relation for ties" "$OUT" "(0 new documents, 1 new relation)"
contains "none for rabat" "$OUT" "rabat: Rabat  (0 new documents"
expect_ok "list again" "$FLANK" alert list
contains "list marks nothing" "$OUT" "(1 new document, 1 new relation)"
expect_ok "alerts --peek --json" "$FLANK" alerts --peek --json
python3 - "$OUT" >"$SCRATCH/shape" 2>&1 <<'PY'
import json, sys
a = {x["name"]: x for x in json.loads(sys.argv[1])}
d = a["algeria"]["documents"]
r = a["ties"]["relations"]
print("ok" if [list(x) for x in d] == [["id", "title", "source", "publisher", "published"]] else "bad %r" % d)
print("ok" if d[0]["title"] == "Algeria hosts talks" and d[0]["source"].endswith("dz.txt") else "bad %r" % d)
print("ok" if [list(x) for x in r] == [["doc_id", "subject", "predicate", "object", "date", "modality", "sentence"]]
      else "bad %r" % r)
print("ok" if r[0]["object"] == "country:ES" and r[0]["sentence"].startswith("Morocco signed") else "bad %r" % r)
print("ok" if a["rabat"]["documents"] == [] and a["rabat"]["relations"] == [] else "bad %r" % a["rabat"])
print("ok" if [x["doc_id"] for x in a["algeria"]["relations"]] == [d[0]["id"]] else "bad %r" % a["algeria"])
PY
equals "alerts --json: documents and relations (an entity's only where the query matches)" \
    "$(cat "$SCRATCH/shape")" "ok
ok
ok
ok
ok
ok"

# The feed brings /a/1.html and /a/3.html (both name Rabat) and /a/2.html.
"$FLANK" feed add "$FEEDS/feed/pages/3.xml" >/dev/null
cat >"$SCRATCH/hook.sh" <<'SH'
cat >"$HOOKDIR/$FLANK_ALERT.json"
echo "$FLANK_ALERT $FLANK_ALERT_DOCUMENTS $FLANK_ALERT_RELATIONS" >>"$HOOKDIR/calls"
[ "$FLANK_ALERT" != algeria ]
SH
export HOOKDIR=$SCRATCH
"$FLANK" watch --once --delay 0 --alerts "$SCRATCH/alerts.jsonl" --alert-exec "sh $SCRATCH/hook.sh" \
    >"$SCRATCH/out" 2>"$SCRATCH/err"
equals "a failing command: the watcher says so in its status" "$?" 3
ERR=$(cat "$SCRATCH/err")
sanitizer_clean "watch with a failing command" && ok "watch with a failing command: no sanitizer report"
contains "the failure logged with the alert" "$ERR" "failed alert algeria: sh $SCRATCH/hook.sh: exit status 1"
equals "the command ran once per alert with news" "$(sort "$SCRATCH/calls" | tr '\n' '|')" \
    "algeria 1 1|rabat 2 0|ties 0 1|"
contains "its stdin the alert's object" "$(cat "$SCRATCH/rabat.json")" "$FEEDS/a/3.html"
equals "the JSON lines file too, one per alert" "$(wc -l <"$SCRATCH/alerts.jsonl" | tr -d ' ')" 3
contains "the same objects" "$(sed -n 1p "$SCRATCH/alerts.jsonl")" '{"id":1,"name":"rabat",'
lacks "no old document" "$(cat "$SCRATCH/alerts.jsonl")" "old.txt"
printf 'Rabat talks\n\nEnvoys met in Rabat again on Saturday.\n' >"$SCRATCH/r2.txt"
"$FLANK" ingest -q "$SCRATCH/r2.txt"
expect_fail "watch --json: a failing command" "$FLANK" watch --once --json --alert-exec 'exit 4'
contains "logged as JSON" "$OUT" '"status":"failed","alert":"rabat","command":"exit 4","detail":"exit status 4"}'
expect_ok "all seen after the watcher" "$FLANK" alert list
lacks "nothing new" "$OUT" "(1 new"
lacks "nothing new either" "$OUT" "(2 new"
: >"$SCRATCH/calls"
expect_ok "a pass with no news" "$FLANK" watch --once --delay 0 --alert-exec "sh $SCRATCH/hook.sh"
equals "runs no command" "$(cat "$SCRATCH/calls")" ""
printf 'Rabat hours\n\nThe talks in Rabat went on for hours.\n' >"$SCRATCH/r3.txt"
"$FLANK" ingest -q "$SCRATCH/r3.txt"
expect_fail "a command that hangs is stopped" "$FLANK" watch --once --alert-timeout 1 --alert-exec 'sleep 30'
contains "and logged as timed out" "$ERR" "failed alert rabat: sleep 30: timed out after 1 s"
expect_fail "a bad --alert-timeout" "$FLANK" watch --once --alert-timeout soon

printf 'Rabat again\n\nTalks resumed in Rabat on Sunday, a spokesman said.\n' >"$SCRATCH/new.txt"
"$FLANK" ingest -q "$SCRATCH/new.txt"
serve_start
http GET /api/alerts
status "GET /api/alerts" 200
python3 - "$BODY" >"$SCRATCH/shape" 2>&1 <<'PY'
import json, sys
a = {x["name"]: x for x in json.loads(sys.argv[1])}
print("ok" if a["rabat"]["new_documents"] == 1 and a["ties"]["new_relations"] == 0 and len(a) == 3 else "bad %r" % a)
PY
equals "the counts, as alert list gives them" "$(cat "$SCRATCH/shape")" "ok"
http GET /api/alerts
contains "reading marks nothing" "$BODY" '"new_documents": 1'
serve_stop

expect_ok "remove one" "$FLANK" alert remove --json algeria
contains "says so" "$OUT" '"removed":"algeria"'
expect_ok "gone from the list" "$FLANK" alert list --json
lacks "no algeria" "$OUT" '"algeria"'
expect_fail "remove it again" "$FLANK" alert remove algeria
contains "says what is wrong" "$ERR" "flank: algeria: no such alert"
