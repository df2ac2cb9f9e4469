# t4020-serve-refusals.sh: what the server refuses before it does work
# (issue 20): an upload without the right token is answered on its
# headers, its body never read (item 4); a token file that is not the
# server's user's own, or not hex, is refused (item 18).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.sh"

printf 'Serve note\nMalta and Tunisia held talks.\n' >"$SCRATCH/a.txt"
"$FLANK" ingest --quiet "$SCRATCH/a.txt"
WEB=$SCRATCH/web
mkdir -p "$WEB" && echo '<!doctype html><p>hello' >"$WEB/index.html"
if ! serve_start --web "$WEB"; then
    not_ok "server starts: $(cat "$SCRATCH/serve.log")"
    exit 0
fi
TOKEN=$(cat "$FLANK_DB.token")

# An upload whose body never ends: refused at once when the token is
# missing or wrong (before, the server waited for the body).
for auth in "" "Authorization: Bearer 0123"; do
    code=$( (sleep 8; echo late) | curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "$auth" \
        -H 'Expect: 100-continue' -X POST -T - "$BASE/api/ingest?name=slow")
    case $auth in "") want=401 ;; *) want=403 ;; esac
    equals "upload refused on its headers (${auth:-no token})" "$code" "$want"
done
http POST "/api/ingest?name=ok.txt" -H "Authorization: Bearer $TOKEN" --data-binary @"$SCRATCH/a.txt"
status "the right token still uploads" 200
http POST "/api/ingest?name=ok2.txt" -H "Authorization: Bearer $TOKEN" -H 'Expect: 100-continue' \
    --data-binary @"$SCRATCH/a.txt"
status "with Expect: 100-continue too" 200
serve_stop

# The token file: 64 hex digits, the server's user's own, mode 0600.
printf '%064d\n' 0 | tr 0 z >"$FLANK_DB.token"; chmod 600 "$FLANK_DB.token"
expect_fail "a token that is not hex is refused" "$FLANK" serve --port 0 --web "$WEB"
contains "says so" "$ERR" "not a token (64 hex digits)"
if [ "$(id -u)" = 0 ]; then
    printf '%064d\n' 0 >"$FLANK_DB.token"; chmod 600 "$FLANK_DB.token"; chown nobody "$FLANK_DB.token"
    expect_fail "another user's token file is refused" "$FLANK" serve --port 0 --web "$WEB"
    contains "says whose" "$ERR" "another user's"
fi
