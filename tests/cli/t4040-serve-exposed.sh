# t4040-serve-exposed.sh: a server others can reach (issue 20, item 5):
# Host names are checked on every address (DNS rebinding), --host adds
# names, a non-loopback bind is warned about, --read-token guards reads.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.sh"

printf 'Exposed note\nMalta and Tunisia held talks.\n' >"$SCRATCH/a.txt"
"$FLANK" ingest --quiet "$SCRATCH/a.txt"
WEB=$SCRATCH/web; mkdir -p "$WEB"; echo '<p>x' >"$WEB/index.html"

serve_start --web "$WEB" --host flank.example --read-token || not_ok "server starts"
TOKEN=$(cat "$FLANK_DB.token")
AUTH="Authorization: Bearer $TOKEN"
http GET /api/health -H "Host: evil.example" -H "$AUTH"
status "a foreign name refused" 403
http GET /api/health -H "Host: flank.example:8080" -H "$AUTH"
status "a --host name served" 200
http GET /api/health -H "Host: 10.1.2.3:8080" -H "$AUTH"
status "a numeric address served" 200
http GET /api/search?q=Malta
status "--read-token: a read without the token" 401
http GET /api/search?q=Malta -H "$AUTH"
status "--read-token: with it" 200
http GET /
status "the web UI's files need no token" 200
serve_stop

# On all interfaces: a warning, and foreign names still refused.
rm -f "$SCRATCH/serve.log"
"$FLANK" serve --bind 0.0.0.0 --port 0 --web "$WEB" >"$SCRATCH/serve.log" 2>&1 &
SERVER_PID=$!
PORT=
for _ in $(seq 1 100); do
    PORT=$(sed -n 's|.*serving http://0\.0\.0\.0:\([0-9]*\)/.*|\1|p' "$SCRATCH/serve.log")
    [ -n "$PORT" ] && break
    sleep 0.1
done
BASE=http://127.0.0.1:$PORT
http GET /api/health -H "Host: evil.example"
status "all interfaces: a foreign name refused" 403
http GET /api/health
status "all interfaces: a numeric address served" 200
serve_stop
contains "warns about the exposed address" "$ERR" "warning: 0.0.0.0 is not a loopback address"
contains "names --read-token" "$ERR" "--read-token"
