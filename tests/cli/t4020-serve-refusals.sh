# t4020-serve-refusals.sh: what the server refuses before it does work
# (issue 20): an upload without the right token is answered on its
# headers, its body never read (item 4); a token file that is not the
# server's user's own, or not hex, is refused (item 18); a client slow to
# send its headers is cut off (item 7).
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

# A client that sends its headers a byte at a time (item 7: the idle
# timeout never trips) is cut off at the header deadline, while one that
# is quick still gets its answer.
if serve_start --web "$WEB" --header-timeout 2 --timeout 30; then
    slow=$(python3 - "$PORT" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n")
start = time.monotonic()
try:
    while time.monotonic() - start < 15:
        s.sendall(b"X")   # one byte of a header line that never ends
        s.settimeout(0.5)
        try:
            if s.recv(1) == b"":
                break
        except socket.timeout:
            pass
except OSError:
    pass
print("closed" if time.monotonic() - start < 15 else "open")
PY
)
    equals "a slow-header client is cut off" "$slow" "closed"
    http GET /api/health
    status "a quick client is answered" 200
    serve_stop
else
    not_ok "server starts with --header-timeout: $(cat "$SCRATCH/serve.log")"
fi

# The token file: 64 hex digits, the server's user's own, mode 0600.
printf '%064d\n' 0 | tr 0 z >"$FLANK_DB.token"; chmod 600 "$FLANK_DB.token"
expect_fail "a token that is not hex is refused" "$FLANK" serve --port 0 --web "$WEB"
contains "says so" "$ERR" "not a token (64 hex digits)"
if [ "$(id -u)" = 0 ]; then
    printf '%064d\n' 0 >"$FLANK_DB.token"; chmod 600 "$FLANK_DB.token"; chown nobody "$FLANK_DB.token"
    expect_fail "another user's token file is refused" "$FLANK" serve --port 0 --web "$WEB"
    contains "says whose" "$ERR" "another user's"
fi
