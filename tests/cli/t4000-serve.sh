# t4000-serve.sh: `flank serve` driven over loopback HTTP: every endpoint,
# JSON shapes and statuses, bad requests, limits, token enforcement, static
# files and traversal, keep-alive, graceful stop.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.sh"

"$FLANK" ingest --quiet "$SEEDS" "$REPO/samples/sahel-brief.txt"
WEB=$SCRATCH/web
mkdir -p "$WEB/sub" && echo '<!doctype html><p>hello' >"$WEB/index.html"
echo 'body{}' >"$WEB/sub/app.css"
echo secret >"$SCRATCH/secret.txt"
ln -s "$SCRATCH/secret.txt" "$WEB/link.txt"

expect_fail "bad port" "$FLANK" serve --port 70000
contains "says why" "$ERR" "--port"
expect_fail "bad bind" "$FLANK" serve --bind nowhere --port 0 --web "$WEB"
contains "says why" "$ERR" "not a numeric"

if ! serve_start --web "$WEB" --max-body 64K --threads 2; then
    not_ok "server starts: $(cat "$SCRATCH/serve.log")"
    exit 0
fi
ok "server starts on a free port"
contains "binds loopback" "$(cat "$SCRATCH/serve.log")" "http://127.0.0.1:"
TOKEN_FILE=$FLANK_DB.token
equals "token file mode 0600" "$(stat -c %a "$TOKEN_FILE")" 600
TOKEN=$(cat "$TOKEN_FILE")
equals "token is 64 hex digits" "$(printf '%s' "$TOKEN" | tr -dc 0-9a-f | wc -c)" 64

# health
http GET /api/health
status "health" 200
json_is "health counts documents" 'd["status"] == "ok" and d["documents"] == 3'
contains "json content type" "$HEADERS" "Content-Type: application/json"
contains "nosniff" "$HEADERS" "X-Content-Type-Options: nosniff"

# search
http GET '/api/search?q=Derna'
status "search" 200
json_is "search finds Derna" 'd["total"] >= 1 and "Derna" in d["results"][0]["hits"][0]["snippet"]'
json_is "highlights are ranges" 'all(len(h) == 2 for h in d["results"][0]["hits"][0]["highlights"])'
http GET '/api/search?q=Sahel&limit=1&offset=1'
json_is "paging" 'd["limit"] == 1 and d["offset"] == 1 and len(d["results"]) == 1 and d["total"] == 3'
http GET '/api/search?q=%22Mediterranean%20Dialogue%22'
json_is "phrase, url-encoded" '"mediterranean-blind-spot" in d["results"][0]["source"]'
http GET '/api/search?q=Sahel&since=2020&until=2030-12-31&source=seeds&type=country&entity=country:ML'
status "filters accepted" 200
http GET '/api/search?q=Derna%20Colomina&sentences=1'
json_is "sentence scope" 'd["total"] == 0'
http GET '/api/search?q=Derna&sentences=2'
status "sentences is 0 or 1" 400
http GET '/api/search?q=zyxwvut'
json_is "no match is 200 and empty" 'd["total"] == 0 and d["results"] == []'
http GET '/api/search?q=Sahel&facets=1'
json_is "facets count the matches" 'd["facets"]["documents"] == d["total"] and any(c["id"] == "country:ML" and 1 <= c["count"] <= d["total"] for c in d["facets"]["countries"])'
json_is "facet types most first" '[t["count"] for t in d["facets"]["types"]] == sorted([t["count"] for t in d["facets"]["types"]], reverse=True)'
http GET '/api/search?q=Sahel'
json_is "no facets unless asked" '"facets" not in d'
http GET '/api/search?q=Sahel&facets=yes'
status "facets is 0 or 1" 400

# bad searches: 400 with a JSON error that says what
http GET '/api/search'
status "missing q" 400
json_is "error names q" 'd["error"]["status"] == 400 and "q" in d["error"]["message"]'
http GET '/api/search?q=%22naval'
status "unclosed quote" 400
json_is "query error message" '"never closed" in d["error"]["message"]'
http GET '/api/search?q=Sahel%20%FF'
status "a query that is not UTF-8" 400
json_is "says so" '"not UTF-8" in d["error"]["message"]'
http GET '/api/search?q=Libya&limit=0'
status "limit 0" 400
http GET '/api/search?q=Libya&limit=abc'
status "limit not a number" 400
http GET '/api/search?q=Libya&since=July'
status "bad date" 400
http GET '/api/search?q=Libya&entity=%3Cscript%3E'
status "bad entity id" 400
http GET "/api/search?q=$(head -c 2000 /dev/zero | tr '\0' a)"
status "query over 1000 bytes" 400

# documents
http GET /api/documents/1
status "document by id" 200
json_is "document has text and metadata" 'd["id"] == 1 and len(d["text"]) > 1000 and len(d["sha256"]) == 64'
sha=$(printf '%s' "$BODY" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sha256"][:8])')
http GET "/api/documents/$sha"
json_is "document by sha256 prefix" 'd["id"] == 1'
http GET /api/documents/999
status "unknown document" 404
json_is "404 is JSON" 'd["error"]["status"] == 404'
http GET /api/documents/xyz
status "bad document ref" 400
http GET /api/nothing
status "unknown endpoint" 404
http POST '/api/search?q=x'
status "wrong method" 405
contains "Allow header" "$HEADERS" "Allow: GET"

# entities, dossier, timeline, map (the same calls as the CLI's commands)
http GET '/api/entities?limit=5'
status "entities" 200
json_is "entities by mention count" 'len(d["entities"]) == 5 and d["total"] >= 5 and d["entities"][0]["mentions"] >= d["entities"][1]["mentions"]'
http GET '/api/entities?type=country&limit=100'
json_is "entities by type" 'd["entities"] and all(e["type"] == "country" for e in d["entities"])'
http GET '/api/entities?type=Country%3B'
status "bad type" 400
http GET /api/entities/country:LY
status "dossier" 200
json_is "dossier has its parts" 'd["entity"]["id"] == "country:LY" and all(k in d for k in ("relations", "co_mentions", "claims", "sources"))'
json_is "relations carry evidence sentences" 'any(ev["sentence"] and ev["doc_id"] for r in d["relations"] for ev in r["evidence"])'
http GET /api/entities/country:XX
status "unknown entity" 404
http GET '/api/entities/%3Cimg%3E'
status "malformed entity id" 400
http GET '/api/entities/Libye'
status "dossier by a name" 200
json_is "the name's entity" 'd["entity"]["id"] == "country:LY"'
http GET '/api/entities/Tripoli'
status "ambiguous name" 400
http GET '/api/entities?find=r%C3%A9publique%20du%20niger'
status "find" 200
json_is "find folds accents and reads aliases" 'd["entities"][0]["id"] == "country:NE" and d["entities"][0]["exact"]'
http GET '/api/entities/country:ML'
json_is "evidence names its publisher and date" 'any(ev.get("published") == "2024-03-12" for r in d["relations"] for ev in r["evidence"])'
http GET '/api/timeline?entity=Mali'
json_is "timeline by name, events with their source" 'd["events"] and all("title" in e and "publisher" in e and "published" in e for e in d["events"])'
http GET '/api/timeline?entity=country:RU'
status "timeline" 200
json_is "timeline in date order" 'd["events"] and [e["date"] for e in d["events"]] == sorted(e["date"] for e in d["events"])'
http GET '/api/timeline?since=2020&until=2022'
json_is "timeline by date range" 'all("2020" <= e["date"][:4] <= "2022" for e in d["events"])'
http GET '/api/timeline?since=yesterday'
status "timeline bad date" 400

# claims: the same call as `flank claims`
http GET '/api/claims?by=person:guido-crosetto'
status "claims by a speaker" 200
json_is "only his quotes, with their source" 'd["claims"] and all(c["speaker"] == "person:guido-crosetto" and c["kind"] == "quote" and c["title"] for c in d["claims"])'
http GET '/api/claims?about=country:LY&kind=quote'
json_is "claims about an entity, of a kind" 'd["claims"] and all(c["kind"] == "quote" and "country:LY" in [a["id"] for a in c["about"]] for c in d["claims"])'
http GET '/api/claims?kind=recommendation&limit=1'
json_is "claims of a kind, limited" 'len(d["claims"]) == 1 and d["claims"][0]["kind"] == "recommendation" and d["claims"][0]["speaker"] is None'
http GET '/api/claims?by=Guido%20Crosetto'
json_is "claims by a name" 'd["claims"] and d["claims"][0]["speaker_name"] == "Guido Crosetto"'
http GET '/api/claims?kind=opinion'
status "claims of an unknown kind" 400
http GET '/api/claims?limit=0'
status "claims limit out of range" 400
http GET '/api/claims?about=%3Cimg%3E'
status "claims about a malformed id" 400
http GET /api/entities/person:guido-crosetto
json_is "dossier: said by" 'd["claims"] and all(c["role"] == "by" for c in d["claims"])'
http GET /api/map
status "map" 200
json_is "map counts mentions per country" 'any(c["iso2"] == "LY" and c["mentions"] > 0 for c in d["countries"])'
json_is "map places have coordinates" 'all(isinstance(p["lat"], float) for p in d["places"])'
http GET '/api/map?predicate=military_presence&subject=country:RU'
json_is "map by predicate" 'any(c["iso2"] == "ML" and c["relations"] > 0 for c in d["countries"])'
http GET '/api/map?predicate=Military+Presence'
status "map bad predicate" 400
http GET '/api/map?predicate=met_with'
status "map by a v2 predicate" 200
http GET '/api/map?predicate=delivers'
status "map by a predicate outside the vocabulary" 400
contains "says which" "$BODY" "delivers: not a predicate of the vocabulary"
http GET /api/predicates
status "predicates" 200
json_is "the vocabulary, v1 then v2" '[p["name"] for p in d["predicates"]][14:] == ["tension_with", "fights", "attacked", "sanctioned", "supplies", "met_with"]'
json_is "with export classes" 'any(p["name"] == "sanctioned" and p["cameo"] == "163" and p["plover"] == "SANCTION" for p in d["predicates"])'
http GET /api/documents/1
json_is "document carries its annotations" 'any(e["id"] == "country:LY" for e in d["entities"])'
json_is "mention offsets point into the text" 'all(d["text"].encode()[m["start"]:m["end"]].decode() == m["text"] for e in d["entities"] for m in e["mentions"])'

# ingest: token enforcement, then upload, dedup, limits
printf 'A test upload\n\nThe quuxbarrow port in Libya was visited in March 2024.\n' >"$SCRATCH/up.txt"
http POST '/api/ingest?name=up.txt' --data-binary "@$SCRATCH/up.txt"
status "ingest without token" 401
contains "WWW-Authenticate" "$HEADERS" "WWW-Authenticate: Bearer"
http POST '/api/ingest?name=up.txt' -H "Authorization: Bearer 0000" --data-binary "@$SCRATCH/up.txt"
status "ingest with a wrong token" 403
http GET '/api/search?q=quuxbarrow'
json_is "refused upload not stored" 'd["total"] == 0'
http POST '/api/ingest?name=up.txt' -H "Authorization: Bearer $TOKEN" --data-binary "@$SCRATCH/up.txt"
status "ingest" 201
json_is "ingest answers id and added" 'd["added"] is True and d["id"] == 4 and d["source"] == "api:up.txt"'
http GET '/api/search?q=quuxbarrow'
json_is "upload searchable at once" 'd["total"] == 1'
http POST '/api/ingest?name=up.txt' -H "Authorization: Bearer $TOKEN" --data-binary "@$SCRATCH/up.txt"
status "same content again" 200
json_is "is a no-op" 'd["added"] is False and d["id"] == 4'
http POST '/api/ingest' -H "Authorization: Bearer $TOKEN"
status "empty body" 400
head -c 100000 /dev/zero | tr '\0' a >"$SCRATCH/big.txt"
http POST '/api/ingest' -H "Authorization: Bearer $TOKEN" --data-binary "@$SCRATCH/big.txt"
status "body over --max-body" 413
json_is "413 is JSON" 'd["error"]["status"] == 413'
http POST '/api/ingest' -H "Authorization: Bearer $TOKEN" -H "Transfer-Encoding: chunked" \
    --data-binary "@$SCRATCH/big.txt"
status "chunked body over the limit" 413
head -c 3000 /dev/urandom >"$SCRATCH/bin"
http POST '/api/ingest' -H "Authorization: Bearer $TOKEN" --data-binary "@$SCRATCH/bin"
status "binary upload" 415
http POST '/api/ingest?format=pdf' -H "Authorization: Bearer $TOKEN" --data-binary "@$SCRATCH/up.txt"
status "bad format" 400
http GET /api/health
json_is "health sees the upload" 'd["documents"] == 4'

# the answer cache: a commit by another process (flank ingest) is seen at once
http GET '/api/search?q=zebrafinch'
json_is "cached answer before" 'd["total"] == 0'
http GET '/api/search?q=zebrafinch'
json_is "same answer again" 'd["total"] == 0'
printf 'Zebrafinch report\n\nA zebrafinch was seen near Derna in 2025.\n' >"$SCRATCH/zf.txt"
"$FLANK" ingest --quiet "$SCRATCH/zf.txt"
http GET '/api/search?q=zebrafinch'
json_is "another process's ingest invalidates the cache" 'd["total"] == 1'

# static files and traversal
http GET /
status "index" 200
contains "index content" "$BODY" "hello"
contains "CSP on HTML" "$HEADERS" "Content-Security-Policy: default-src 'self'"
http GET /sub/app.css
contains "css type" "$HEADERS" "Content-Type: text/css"
http GET /missing.js
status "missing file" 404
for p in '/../secret.txt' '/sub/../../secret.txt' '/%2e%2e/secret.txt' '/sub/%2E%2E/%2e%2e/secret.txt' \
         '/..%2fsecret.txt' '/.hidden' '/sub//app.css' '/%5c..%5csecret.txt'; do
    http GET "$p" --path-as-is
    lacks "traversal $p refused" "$BODY" secret
    case $STATUS in 403|404|400) ok "traversal $p: $STATUS" ;; *) not_ok "traversal $p: status $STATUS" ;; esac
done
http GET /link.txt
status "symlink out of the web folder" 404
http POST /index.html
status "POST on a static file" 405

# HEAD is served wherever GET is, without a body
out=$(curl -sI "$BASE/api/health")
contains "HEAD on the API" "$out" "HTTP/1.1 200"
out=$(curl -sI "$BASE/")
contains "HEAD on a file" "$out" "Content-Type: text/html"

# DNS rebinding: on loopback, other host names are refused
http GET /api/health -H "Host: evil.example"
status "foreign Host header refused" 403
http GET /api/health -H "Host: localhost:$PORT"
status "localhost accepted" 200

# keep-alive: two requests on one connection, no Connection: close
out=$(curl -sv "$BASE/api/health" "$BASE/api/search?q=Derna" 2>&1 >/dev/null)
contains "keep-alive reuses the connection" "$out" "Re-using existing connection"
lacks "no Connection: close" "$out" "Connection: close"

serve_stop
equals "SIGTERM stops cleanly" "$SERVE_RC" 0
sanitizer_clean "server log" && ok "server log has no sanitizer report"
contains "says it stops" "$ERR" "stopping"

# second start reuses the token; a token readable by others is refused
serve_start --web "$WEB" && ok "restarts"
equals "token kept" "$(cat "$TOKEN_FILE")" "$TOKEN"
kill -INT "$SERVER_PID"; wait "$SERVER_PID"; equals "SIGINT stops cleanly" "$?" 0
chmod 644 "$TOKEN_FILE"
expect_fail "token readable by others" "$FLANK" serve --port 0 --web "$WEB"
contains "says chmod" "$ERR" "chmod 600"
