# t2000-search.sh: search output, ranking, JSON, paging, query errors.
. "$(dirname "$0")/lib.sh"

"$FLANK" ingest --quiet "$SEEDS" "$REPO/samples/sahel-brief.txt"
expect_ok "search Derna" "$FLANK" search Derna
contains "the naval base sentence" "$OUT" "negotiations for a new naval base in the port city of «Derna»"
expect_ok "phrase" "$FLANK" search '"Mediterranean Dialogue"'
first=$(printf '%s\n' "$OUT" | head -1)
contains "blind-spot article ranks first" "$first" "mediterranean-blind-spot.txt"
expect_ok "json" "$FLANK" search --json --limit 1 'Sahel'
contains "json has results" "$OUT" '"results"'
contains "json has highlights" "$OUT" '"highlights"'
total=$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], len(d["results"]))')
equals "limit 1 of 3" "$total" "3 1"
expect_ok "paging" "$FLANK" search --offset 1 --limit 1 Sahel
contains "says what is shown" "$OUT" "2 of 3 documents; more with --offset 2"
expect_ok "paging past the end" "$FLANK" search --offset 9 Sahel
contains "says there is nothing there" "$OUT" "nothing at --offset 9: 3 documents match"
expect_ok "prefix" "$FLANK" search 'Colom*'
contains "prefix match" "$OUT" "«Colomina»"
expect_ok "facets" "$FLANK" search --facets Sahel
contains "facets over the matches" "$OUT" "facets over 3 documents"
contains "countries counted, most first" "$OUT" "countries: France 3, Russia 3"
expect_ok "facets of a filtered listing" "$FLANK" search --facets --json --entity country:ML
equals "counted as listed" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); f=d["facets"]; print(f["documents"] == d["total"], [c["count"] for c in f["countries"] if c["id"] == "country:ML"] == [d["total"]])')" "True True"
expect_ok "facets in sentence scope" "$FLANK" search --facets --sentences --json 'Derna negotiations'
equals "one document" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["facets"]["documents"])')" "1"
expect_ok "no match is not an error" "$FLANK" search zyxwvut
contains "says so" "$OUT" "no matches"
expect_fail "unclosed quote" "$FLANK" search '"naval base'
equals "clear message" "$ERR" "flank: query: the quote at column 1 is never closed"
expect_fail "dangling operator" "$FLANK" search 'Libya OR'
contains "says what" "$ERR" "OR at column 7 needs a term after it"
lacks "no sqlite text" "$ERR" "fts5"
expect_fail "a query that is not UTF-8" "$FLANK" search "$(printf 'Sahel \377')"
equals "says which byte" "$ERR" "flank: query: byte 7 is not UTF-8"
expect_ok "terms in different sentences find the document" "$FLANK" search 'Derna Colomina'
contains "found" "$OUT" "1 of 1 documents"
expect_ok "sentence scope needs them in one sentence" "$FLANK" search --sentences 'Derna Colomina'
contains "not found" "$OUT" "no matches"
expect_ok "sentence scope" "$FLANK" search --sentences --json 'Derna negotiations'
contains "the sentence" "$OUT" "negotiations for a new naval base"
expect_ok "phrase highlighted whole" "$FLANK" search --json '"naval base"'
hl=$(printf '%s' "$OUT" | python3 -c '
import json,sys
h=json.load(sys.stdin)["results"][0]["hits"][0]
s=h["snippet"].encode()
print(",".join(s[a:b].decode() for a,b in h["highlights"]))')
equals "highlight is the phrase" "$hl" "naval base"
expect_ok "overlapping terms" "$FLANK" search --json 'Sahel AND (France OR Russia) Russ* "the Sahel"'
ok_ranges=$(printf '%s' "$OUT" | python3 -c '
import json,sys
for d in json.load(sys.stdin)["results"]:
    for h in d["hits"]:
        r=h["highlights"]; n=len(h["snippet"].encode())
        assert all(a<b<=n for a,b in r), r
        assert all(r[i][1] < r[i+1][0] for i in range(len(r)-1)), r
print("ok")')
equals "highlights sorted, disjoint, inside the snippet" "$ok_ranges" "ok"
expect_ok "show by id" "$FLANK" show 1
contains "metadata" "$OUT" "sha256"
sha=$(printf '%s\n' "$OUT" | sed -n 's/^sha256 *//p' | cut -c1-8)
expect_ok "show by sha prefix" "$FLANK" show "$sha"
expect_fail "show unknown" "$FLANK" show 999
contains "not found" "$ERR" "999: no such document"
