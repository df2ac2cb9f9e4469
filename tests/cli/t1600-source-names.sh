# t1600-source-names.sh: a source name that is not UTF-8 (issue 20, item
# 8) is stored as UTF-8, its odd bytes written \xHH, and every JSON output
# stays valid for a strict parser.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.sh"

strict() { python3 -c 'import json, sys; json.loads(sys.stdin.buffer.read().decode("utf-8", "strict"))'; }
name="$SCRATCH/$(printf 'caf\351-notes.txt')"
printf 'Latin name\nMalta hosted the envoys again.\n' >"$name"
expect_ok "ingest a Latin-1 file name" "$FLANK" ingest "$name"
for cmd in "search --json envoys" "search --json --sentences envoys" "show --json 1" "extract --json $name" \
    "timeline --json" "entities --json"; do
    # shellcheck disable=SC2086
    if "$FLANK" $cmd | strict; then ok "$cmd is strict JSON"; else not_ok "$cmd is strict JSON"; fi
done
expect_ok "show --json" "$FLANK" show --json 1
contains "the name escaped" "$OUT" '"source": "'"$SCRATCH"'/caf\\xe9-notes.txt"'
WEB=$SCRATCH/web; mkdir -p "$WEB"; echo '<p>x' >"$WEB/index.html"
serve_start --web "$WEB" || not_ok "server starts"
http GET "/api/search?q=envoys"
status "API search" 200
if printf '%s' "$BODY" | strict; then ok "API search is strict JSON"; else not_ok "API search is strict JSON"; fi
http POST "/api/ingest?name=%FF.txt" -H "Authorization: Bearer $(cat "$FLANK_DB.token")" --data-binary @"$name"
status "an upload name that is not UTF-8" 400
serve_stop
