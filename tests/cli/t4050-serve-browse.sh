# t4050-serve-browse.sh: the web UI's API (lib/browse.c, docs/api.md): the
# dossier's grouped relations (each sentence once, independent sources,
# recency), its description, pack facts beside the documents', mentions
# by month; entity suggestions; the graph; the overview; the map's
# document counts and the relations behind its shading.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.sh"

D=$SCRATCH/docs
mkdir -p "$D"
doc() { printf -- '---\ntitle: %s\npublisher: %s\ndate: %s\n---\n%s\n' "$2" "$3" "$4" "$5" >"$D/$1.txt"; }
doc a "Report A on Libya" "Alpha Monitor" 2024-05-02 \
    "Russia maintains a military presence in Libya. Russia maintains a military presence in Libya.

In 2023, Russia deployed troops to Libya."
doc b "Report B on Libya" "Beta Review" 2024-06-10 "Russia maintains a military presence in Libya.

Egypt joined the Mediterranean Dialogue in 1995."
doc c "Report C <b>on</b> Libya" "Alpha Monitor" 2023-01-10 "Russia maintains a military presence in Libya, officials said."
"$FLANK" ingest --quiet "$D"

if ! serve_start --web "$REPO/web"; then
    not_ok "server starts: $(cat "$SCRATCH/serve.log")"
    exit 0
fi

# The dossier: relations by predicate, then counterpart, each sentence once.
http GET /api/entities/country:LY
status "dossier" 200
json_is "relations grouped by predicate" 'd["groups"][0]["predicate"] == "military_presence"'
json_is "one counterpart row per entity" '[c["id"] for c in d["groups"][0]["counterparts"]] == ["country:RU"]'
json_is "the counterpart is the subject" 'd["groups"][0]["counterparts"][0]["role"] == "subject"'
json_is "independent sources are publishers" 'd["groups"][0]["counterparts"][0]["sources"] == 2'
json_is "documents counted apart" 'd["groups"][0]["counterparts"][0]["documents"] == 3'
json_is "each sentence once" 'sorted(e["sentence"] for e in d["groups"][0]["counterparts"][0]["evidence"]) == ["In 2023, Russia deployed troops to Libya.", "Russia maintains a military presence in Libya, officials said.", "Russia maintains a military presence in Libya."]'
json_is "repeats counted" 'max(e["repeats"] for e in d["groups"][0]["counterparts"][0]["evidence"]) == 2'
json_is "latest is the newest date" 'd["groups"][0]["counterparts"][0]["latest"] == "2024-06-10"'
json_is "sentences newest first" '[e["date"] or e["published"] for e in d["groups"][0]["counterparts"][0]["evidence"]] == ["2024-06-10", "2023-01-10", "2023"]'
json_is "evidence has title, publisher, date" 'all(e["title"] and e["publisher"] and e["published"] for e in d["groups"][0]["counterparts"][0]["evidence"])'
json_is "flat relations kept" 'len(d["relations"]) >= 1'
# Evidence: 5 sentences per relation unless asked for more (1 to 50).
json_is "relations keep at most 5 sentences" 'max(len(r["evidence"]) for r in d["relations"]) <= 5'
json_is "the group of two predicates each" 'len(d["groups"]) == len({r["predicate"] for r in d["relations"]})'
http GET "/api/entities/country:LY?evidence=1"
status "dossier with 1 sentence per relation" 200
json_is "one sentence per relation" 'all(len(r["evidence"]) == 1 for r in d["relations"])'
json_is "counts over all sentences" 'max(r["count"] for r in d["relations"]) >= 2'
http GET "/api/entities/country:LY?evidence=0"
status "evidence at least 1" 400
http GET "/api/entities/country:LY?evidence=51"
status "evidence at most 50" 400
http GET /api/entities/country:LY
json_is "mentions by month" '[(m["month"], m["documents"]) for m in d["mentions_by_month"]] == [("2023-01", 1), ("2024-05", 1), ("2024-06", 1)]'
json_is "a country's description" 'd["entity"]["description"].startswith("country; member of ")'
http GET /api/entities/country:EG
json_is "pack fact beside the documents" 'any(b["object"] == "framework:mediterranean-dialogue" and b["start"] == "1994" and b["documents"]["earliest"] == "1995" and b["agrees"] is False for b in d["background"])'
json_is "pack fact absent from documents" 'any(b["object"] == "org:au" and b["documents"]["sources"] == 0 and b["agrees"] is None for b in d["background"])'
http GET /api/entities/person:mark-rutte
json_is "a person's description" '"Secretary General of NATO" in d["entity"]["description"] and "since 2024" in d["entity"]["description"]'

# Suggestions: by the start of a word of a name or alias, stored first.
http GET '/api/suggest?q=lib'
status "suggest" 200
json_is "suggests by prefix, mentioned first" 'd["suggestions"][0]["id"] == "country:LY" and d["suggestions"][0]["documents"] == 3'
http GET '/api/suggest?q=libye&limit=2'
json_is "suggests by alias, folded, limited" 'd["suggestions"][0]["id"] == "country:LY" and len(d["suggestions"]) <= 2'
http GET '/api/suggest?q=dialog'
json_is "suggests by a later word" 'any(s["id"] == "framework:mediterranean-dialogue" for s in d["suggestions"])'
http GET '/api/suggest'
status "suggest needs q" 400
http GET '/api/suggest?q=%2C%2C'
status "suggest needs a word" 400
http GET '/api/suggest?q=li&limit=99'
status "suggest limit at most 50" 400

# The entities of search results; a filter without a query lists.
http GET '/api/document-entities?ids=1,3,999&limit=2'
status "document entities" 200
json_is "top entities per document" '[e["id"] for e in d["documents"]["1"]] == ["country:LY", "country:RU"] and d["documents"]["999"] == [] and len(d["documents"]["3"]) == 2'
http GET '/api/document-entities?ids=1,x'
status "document ids are numbers" 400
http GET '/api/document-entities'
status "document ids needed" 400
http GET '/api/search?entity=country:EG&facets=1'
json_is "an entity filter without a query lists its documents" 'd["total"] == 1 and d["results"][0]["title"] == "Report B on Libya"'
http GET '/api/search?limit=3'
status "no query and no filter" 400

# The graph: one or two hops.
http GET '/api/graph?entity=country:LY'
status "graph" 200
json_is "graph edges" 'd["edges"] and all(e["source"] == "country:RU" and e["target"] == "country:LY" for e in d["edges"])'
json_is "graph nodes" 'sorted(n["id"] for n in d["nodes"]) == ["country:LY", "country:RU"] and [n["hop"] for n in d["nodes"] if n["id"] == "country:LY"] == [0]'
json_is "graph edge weights" 'd["edges"][0]["documents"] == 3 and d["edges"][0]["predicate"] == "military_presence"'
http GET '/api/graph?entity=Libya&hops=2&predicate=military_presence&since=2023'
json_is "graph by name, filtered" 'd["entity"] == "country:LY" and d["hops"] == 2 and d["edges"][0]["first"] == "2023"'
http GET '/api/graph?entity=country:LY&predicate=met_with'
json_is "graph filter by predicate" 'd["edges"] == [] and len(d["nodes"]) == 1'
http GET '/api/graph?entity=country:LY&hops=3'
status "graph hops 1 or 2" 400
http GET '/api/graph?entity=country:LY&predicate=nonsense'
status "graph predicate of the vocabulary" 400
http GET '/api/graph'
status "graph needs an entity" 400
http GET '/api/graph?entity=country:XX'
status "graph of an unknown entity" 404

# The overview of the start page.
http GET /api/overview
status "overview" 200
json_is "overview counts" 'd["documents"] == 3 and d["sources"] == 2 and d["first_published"] == "2023-01-10" and d["last_published"] == "2024-06-10"'
json_is "overview last ingest, relation dates" 'd["last_ingest"][:2] == "20" and d["first_dated"] == "1995" and d["last_dated"] == "2023"'
json_is "overview top entities of the newest year and month" 'd["top_year"]["period"] == "2024" and d["top_month"]["period"] == "2024-06" and d["top_year"]["entities"][0]["documents"] == 2'
json_is "overview latest dated relations" 'd["latest_relations"][0]["date"] == "2023" and d["latest_relations"][0]["title"] == "Report A on Libya"'

# The map: documents per country, the relations behind the shading.
http GET '/api/map?predicate=military_presence&subject=Russia'
status "map" 200
json_is "map documents per country" 'd["total_documents"] == 3 and [c["documents"] for c in d["countries"] if c["id"] == "country:LY"] == [3]'
json_is "map relations list" 'len(d["relations_list"]) == 5 and d["relations_list"][0]["published"] == "2024-06-10" and all(r["subject"] == "country:RU" and r["sentence"] and r["title"] for r in d["relations_list"])'
http GET '/api/map?since=2024-06'
json_is "map documents by date" 'd["total_documents"] == 1 and "relations_list" not in d'

serve_stop
equals "server stops cleanly" "$SERVE_RC" 0
sanitizer_clean "server log" && ok "server log clean"

# Static files: compressed when a .gz is beside them, revalidated by ETag,
# the vendored libraries kept for a week.
W=$SCRATCH/web
mkdir -p "$W/vendor"
echo '<!doctype html><p>hello' >"$W/index.html"
awk 'BEGIN { for (i = 0; i < 2000; i++) print "var x" i " = " i ";" }' >"$W/vendor/lib.js"
gzip -9 -n -c "$W/vendor/lib.js" >"$W/vendor/lib.js.gz"
serve_start --web "$W" || { not_ok "server starts: $(cat "$SCRATCH/serve.log")"; exit 0; }
http GET /vendor/lib.js -H 'Accept-Encoding: gzip, deflate'
status "vendored file" 200
contains "sent gzipped" "$HEADERS" "Content-Encoding: gzip"
equals "the .gz is what is sent" "$(wc -c <"$SCRATCH/body")" "$(wc -c <"$W/vendor/lib.js.gz")"
contains "kept a week" "$HEADERS" "Cache-Control: public, max-age=604800"
contains "varies by encoding" "$HEADERS" "Vary: Accept-Encoding"
http GET /vendor/lib.js
lacks "plain without Accept-Encoding" "$HEADERS" "Content-Encoding"
equals "plain bytes" "$(wc -c <"$SCRATCH/body")" "$(wc -c <"$W/vendor/lib.js")"
http GET /
ETAG=$(printf '%s' "$HEADERS" | sed -n 's/^ETag: //p' | tr -d '\r')
contains "pages revalidate" "$HEADERS" "Cache-Control: no-cache"
case "$ETAG" in '"'*'"') ok "an ETag" ;; *) not_ok "an ETag: '$ETAG'" ;; esac
rm -f "$SCRATCH/body"
http GET / -H "If-None-Match: $ETAG"
status "revalidated: not modified" 304
equals "no body" "$BODY" ""
http GET / -H 'If-None-Match: "other"'
status "another ETag: the file" 200
serve_stop
equals "server stops cleanly (static)" "$SERVE_RC" 0
sanitizer_clean "server log (static)" && ok "server log clean (static)"
