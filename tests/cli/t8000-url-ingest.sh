# t8000-url-ingest.sh: `flank ingest URL` (issue 19) against the loopback
# fixture server: redirects and a redirect loop, 404/500, a timeout, size
# limits (a 200 MB body, a gzip bomb), charsets from the headers (right and
# wrong), robots.txt, the User-Agent, the politeness delay, and an
# ETag/Last-Modified round trip that stores nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/httpd.sh"
start_httpd

expect_ok "a page by URL" "$FLANK" ingest --json --delay 0 "$BASE/page.html"
contains "is added" "$OUT" '"status":"added"'
expect_ok "show it" "$FLANK" show --json 1
contains "its source is the URL" "$OUT" "\"source\": \"$BASE/page.html\""
contains "and its url" "$OUT" "\"url\": \"$BASE/page.html\""
contains "its title" "$OUT" "Talks on border security continue"
contains "its author" "$OUT" "Test Writer"
lacks "no menu" "$OUT" "About"
contains "a clear User-Agent" "$(cat "$HTTPD_LOG")" "/page.html flank/"
contains "robots.txt read first" "$(head -1 "$HTTPD_LOG")" "/robots.txt"

expect_ok "three redirects" "$FLANK" ingest --json --delay 0 "$BASE/redirect/3"
contains "land on the page" "$OUT" "\"url\":\"$BASE/page.html\""
contains "already stored" "$OUT" '"status":"unchanged"'

expect_fail "a redirect loop" "$FLANK" ingest --delay 0 "$BASE/loop"
contains "is bounded" "$ERR" "flank: $BASE/loop: more than 5 redirects"
expect_fail "seven redirects" "$FLANK" ingest --delay 0 "$BASE/redirect/7"
contains "are too many" "$ERR" "more than 5 redirects"
expect_fail "a 404" "$FLANK" ingest --delay 0 "$BASE/missing"
contains "says so" "$ERR" "flank: $BASE/missing: HTTP 404, no such page"
expect_fail "a 500" "$FLANK" ingest --delay 0 "$BASE/error"
contains "says so" "$ERR" "flank: $BASE/error: HTTP 500"
expect_fail "a slow page" "$FLANK" ingest --delay 0 --timeout 1 "$BASE/slow"
contains "times out" "$ERR" "no complete answer within 1.0 s"
expect_fail "robots.txt disallows a path" "$FLANK" ingest --delay 0 "$BASE/private/secret.html"
contains "says which" "$ERR" "disallows /private/secret.html for flank"
lacks "never asked for it" "$(cat "$HTTPD_LOG")" "/private/secret.html"
expect_fail "an image" "$FLANK" ingest --delay 0 "$BASE/image.png"
contains "is not a page" "$ERR" "Content-Type image/png, not a page flank reads"
expect_fail "a body that is not the gzip it claims" "$FLANK" ingest --delay 0 "$BASE/bad-gzip.html"
contains "says so" "$ERR" "does not decode as its Content-Encoding says"
expect_fail "no server" "$FLANK" ingest --delay 0 "http://127.0.0.1:1/x.html"
contains "says so" "$ERR" "flank: http://127.0.0.1:1/x.html: "
expect_fail "not http" "$FLANK" ingest --delay 0 "http://"
contains "says so" "$ERR" "not an http(s) URL"

expect_fail "a 200 MB body" "$FLANK" ingest --delay 0 --max-size 8 "$BASE/big"
contains "is refused" "$ERR" "larger than 8 MB, not fetched"
expect_fail "a 200 MB body of no declared length" "$FLANK" ingest --delay 0 --max-size 8 "$BASE/big-unsized"
contains "is refused" "$ERR" "larger than 8 MB, not fetched"
expect_fail "a gzip bomb" "$FLANK" ingest --delay 0 --max-size 8 "$BASE/bomb.html"
contains "is refused" "$ERR" "larger than 8 MB, not fetched"
n=$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM documents")
equals "failures store nothing" "$n" 1

expect_ok "gzip" "$FLANK" ingest --json --delay 0 "$BASE/gzip.html"
contains "is decoded" "$OUT" '"status":"added"'
expect_ok "Latin-1 by the header" "$FLANK" ingest --json --delay 0 "$BASE/latin1.html"
contains "is read" "$ERR" "transcoded from the declared charset ISO-8859-1"
id=$(printf '%s' "$OUT" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
expect_ok "show it" "$FLANK" show "$id"
contains "with its accents" "$OUT" "Café talks in Zürich"
expect_ok "UTF-8 under a Latin-1 header" "$FLANK" ingest --json --delay 0 "$BASE/wrong-charset.html"
contains "is read as UTF-8: the same text" "$OUT" "\"id\":$id"

expect_ok "a page with validators" "$FLANK" ingest --json --delay 0 "$BASE/etag.html"
contains "is added" "$OUT" '"status":"added"'
before=$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM documents; SELECT count(*) FROM sentences")
expect_ok "asked again" "$FLANK" ingest --json --delay 0 "$BASE/etag.html"
contains "is not modified" "$OUT" '"not_modified":true'
contains "nor stored again" "$OUT" '"status":"unchanged"'
equals "nothing stored" "$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM documents; SELECT count(*) FROM sentences")" \
    "$before"
expect_ok "two pages of one host" "$FLANK" ingest --delay 0.5 "$BASE/second.html" "$BASE/page.html"
gap=$(awk '/ \/second.html / { a = $1 } / \/page.html / { b = $1 } END { printf "%d", (b - a) * 1000 }' "$HTTPD_LOG")
[ "$gap" -ge 450 ] && ok "wait the politeness delay" || not_ok "wait the politeness delay: ${gap} ms"
expect_ok "--help" "$FLANK" ingest --help
contains "tells of URLs" "$OUT" "honouring robots.txt"
