# t8100-feeds.sh: `flank feed` and `flank watch --once` (issue 19) against
# the loopback fixture server: RSS 2.0, RSS 1.0 (RDF) and Atom, relative
# links, an item whose page is gone (its summary kept, marked), broken
# feeds that stop nothing, a feed of 10,000 items, and a second run that
# stores nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/httpd.sh"
start_httpd

expect_ok "feed --help" "$FLANK" feed --help
contains "names the formats" "$OUT" "RSS 2.0, RSS 1.0 (RDF) and Atom"
expect_ok "watch --help" "$FLANK" watch --help
contains "tells of --once" "$OUT" "--once"
expect_fail "no database yet" "$FLANK" feed list
contains "says so" "$ERR" "no such database"
expect_ok "add RSS 2.0" "$FLANK" feed add --json "$BASE/feed/rss.xml"
contains "with its id" "$OUT" '"id":1'
expect_ok "add RSS 1.0" "$FLANK" feed add --name "The RDF desk" --every 2h "$BASE/feed/rdf.xml"
expect_ok "add Atom" "$FLANK" feed add --every 90s "$BASE/feed/atom.xml"
expect_ok "add a cut feed" "$FLANK" feed add "$BASE/feed/broken.xml"
expect_ok "add a feed that is no XML" "$FLANK" feed add "$BASE/feed/not-xml"
expect_ok "add a feed that is gone" "$FLANK" feed add "$BASE/feed/gone.xml"
expect_fail "add one twice" "$FLANK" feed add "$BASE/feed/rss.xml"
contains "says so" "$ERR" "flank: $BASE/feed/rss.xml: already a feed (1)"
expect_fail "add a path" "$FLANK" feed add feed.xml
contains "says so" "$ERR" "flank: feed.xml: not an http(s) URL"
expect_fail "a bad --every" "$FLANK" feed add --every 5x "$BASE/x.xml"
contains "says so" "$ERR" "--every wants a duration"
expect_fail "too often" "$FLANK" feed add --every 10s "$BASE/x.xml"
contains "says so" "$ERR" "at most once a minute"

expect_fail "watch --once, some feeds broken" "$FLANK" watch --once --delay 0
equals "exit status 3" "$rc" 3
contains "logs the RSS feed" "$ERR" "feed $BASE/feed/rss.xml: rss feed of 4 items"
contains "logs the RDF feed" "$ERR" "feed $BASE/feed/rdf.xml: rdf feed of 2 items"
contains "logs the Atom feed" "$ERR" "feed $BASE/feed/atom.xml: atom feed of 2 items"
contains "logs each page" "$ERR" "added $BASE/a/1.html"
contains "resolves relative links" "$ERR" "added $BASE/a/21.html"
contains "keeps a gone page's summary" "$ERR" "summary $BASE/missing: the feed's summary kept: HTTP 404"
contains "logs a feed that is no XML with its URL" "$ERR" "failed $BASE/feed/not-xml: not XML, so no feed"
contains "logs a feed that is gone with its URL" "$ERR" "failed $BASE/feed/gone.xml: HTTP 404"
n=$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM documents")
equals "every good item stored" "$n" 8

expect_ok "search the items" "$FLANK" search --json "round 21"
contains "the item's title" "$OUT" '"title": "RDF item one"'
contains "the feed's name as publisher" "$OUT" '"publisher": "The RDF desk"'
contains "the item's date" "$OUT" '"published": "2024-05-02"'
expect_ok "an RSS item" "$FLANK" search --json "round 2 Algiers"
contains "its feed's title as publisher" "$OUT" '"publisher": "Test wire"'
contains "its RFC 822 date" "$OUT" '"published": "2024-04-02"'
id=$(sqlite3 "$FLANK_DB" "SELECT id FROM documents WHERE title = 'Atom entry one'")
expect_ok "an Atom entry" "$FLANK" show --json "$id"
contains "its author" "$OUT" "Atom Author"
contains "its date" "$OUT" '"published": "2024-06-01"'
equals "the summary is marked" "$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM feed_items WHERE summary = 1 AND error LIKE '%404%'")" 1
expect_ok "feed list" "$FLANK" feed list
contains "shows each run" "$OUT" "4 items, 4 new: 3 added, 0 already stored, 1 from the summary, 0 failed"
contains "and failures" "$OUT" "(1 failure in a row)"
expect_ok "feed list --json" "$FLANK" feed list --json
contains "counts items" "$OUT" '"items": 4'

before=$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM documents; SELECT count(*) FROM sentences")
sqlite3 "$FLANK_DB" "UPDATE feeds SET next_at = 0"
expect_fail "a second run (the broken feeds still fail)" "$FLANK" watch --once --delay 0 --json
contains "JSON lines" "$OUT" '"status":"feed"'
lacks "adds nothing" "$OUT" '"status":"added"'
equals "stores nothing" "$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM documents; SELECT count(*) FROM sentences")" \
    "$before"
expect_ok "nothing due" "$FLANK" watch --once --delay 0
equals "the failing feed backs off" \
    "$(sqlite3 "$FLANK_DB" "SELECT failures, next_at - strftime('%s','now') > 3000 FROM feeds WHERE url LIKE '%gone%'")" \
    "2|1"

expect_ok "remove a feed" "$FLANK" feed remove "$BASE/feed/rdf.xml"
expect_ok "remove by id" "$FLANK" feed remove --json 3
contains "says so" "$OUT" '"removed":"3"'
expect_fail "remove one that is not" "$FLANK" feed remove 99
contains "says so" "$ERR" "flank: 99: no such feed"
equals "their documents stay" "$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM documents")" 8

export FLANK_DB=$SCRATCH/big.db
expect_ok "a feed of 10,000 items" "$FLANK" feed add "$BASE/feed/big.xml"
expect_ok "runs" "$FLANK" watch --once --delay 0 --json
equals "every item stored" "$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM documents")" 10000
