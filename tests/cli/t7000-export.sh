# t7000-export.sh: `flank export` and `flank import` (issue 22) over the
# seeds and the samples: JSON lines and CSV read back by Python, the
# filters, the round trip export -> import -> export byte for byte, and
# bad input to import refused with its line, nothing half-imported.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.sh"

"$FLANK" ingest --quiet "$SEEDS" "$REPO/samples"

# ---- JSON lines ------------------------------------------------------------
expect_ok "export jsonl" "$FLANK" export -o "$SCRATCH/all.jsonl"
equals "nothing on stdout with -o" "$OUT" ""
check=$(python3 - "$SCRATCH/all.jsonl" "$FLANK_DB" <<'PY'
import json, sqlite3, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
db = sqlite3.connect(sys.argv[2])
kinds = {}
for r in rows: kinds[r["record"]] = kinds.get(r["record"], 0) + 1
assert kinds["relation"] == db.execute("select count(*) from relations").fetchone()[0], kinds
assert kinds["claim"] == db.execute("select count(*) from claims").fetchone()[0], kinds
ents = {r["id"]: r for r in rows if r["record"] == "entity"}
order = [r["record"] for r in rows]
assert order.index("relation") > max(i for i, k in enumerate(order) if k == "entity")
docs = {s: t for s, t in db.execute("select sha256, text from documents")}
for r in rows:
    if r["record"] == "relation":
        assert r["subject"] in ents and (r["object"] is None or r["object"] in ents), r
        t = docs[r["doc_sha256"]].encode()
        assert t[r["start"]:r["end"]].decode() == r["sentence"], r
        assert r["sources"] >= 1 and len(r["id"]) == 36, r
        assert r["subject_name"] == ents[r["subject"]]["name"]
    if r["record"] == "claim":
        assert docs[r["doc_sha256"]].encode()[r["start"]:r["end"]].decode() == r["text"]
ids = [r["id"] for r in rows]
assert len(ids) == len(set(ids)), "ids are unique"
assert all(e["mentions"] >= e["documents"] >= 0 for e in ents.values())
print("ok", kinds["relation"], kinds["claim"], len(ents))
PY
)
contains "jsonl holds every relation and claim, with sentences at their offsets" "$check" "ok "
expect_ok "export twice" "$FLANK" export
equals "the same bytes, the same ids" "$OUT" "$(cat "$SCRATCH/all.jsonl")"
expect_ok "--json is jsonl" "$FLANK" export --json
equals "the same export" "$OUT" "$(cat "$SCRATCH/all.jsonl")"
expect_fail "--json with another format" "$FLANK" export --json --format csv
contains "says why" "$ERR" "--json is --format jsonl"

# -o on a pipe or device writes into it; renaming a file over it would
# replace the device.
mkfifo "$SCRATCH/pipe"
cat "$SCRATCH/pipe" >"$SCRATCH/from-pipe.jsonl" &
reader=$!
expect_ok "export into a FIFO" "$FLANK" export -o "$SCRATCH/pipe"
wait $reader
if [ -p "$SCRATCH/pipe" ]; then ok "the FIFO is still a FIFO"; else not_ok "the FIFO is still a FIFO"; fi
equals "what the pipe carried is the export" "$(cat "$SCRATCH/from-pipe.jsonl")" "$(cat "$SCRATCH/all.jsonl")"
if [ -e "$SCRATCH/pipe.tmp" ]; then not_ok "no temporary file beside the pipe"; else ok "no temporary file beside the pipe"; fi
mkdir "$SCRATCH/adir"
expect_fail "-o a directory" "$FLANK" export -o "$SCRATCH/adir"
contains "says it is a directory" "$ERR" "is a directory"

# ---- CSV --------------------------------------------------------------------
expect_ok "export csv" "$FLANK" export --format csv -o "$SCRATCH/all.csv"
check=$(python3 - "$SCRATCH/all.csv" "$SCRATCH/all.jsonl" <<'PY'
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
lines = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(rows) == len(lines), (len(rows), len(lines))
for c, j in zip(rows, lines):
    for k, v in j.items():
        if isinstance(v, list):   # a relation's stances: JSON in its cell
            assert json.loads(c[k]) == v, (k, c[k], v)
            continue
        want = "" if v is None else str(v)
        assert c[k] == want, (k, c[k], want)
assert open(sys.argv[1], "rb").read().count(b"\r\n") >= len(rows) + 1
print("ok")
PY
)
equals "csv rows read back equal the jsonl records" "$check" "ok"

# ---- STIX 2.1 ---------------------------------------------------------------------
expect_ok "export stix" "$FLANK" export --format stix -o "$SCRATCH/all.stix.json"
expect_ok "valid against the OASIS STIX 2.1 schemas" python3 "$REPO/tests/cli/stix_validate.py" "$SCRATCH/all.stix.json"
contains "every object checked" "$OUT" "ok "
check=$(python3 - "$SCRATCH/all.stix.json" "$SCRATCH/all.jsonl" <<'PY'
import json, sys
objs = json.load(open(sys.argv[1], encoding="utf-8"))["objects"]
rows = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
by_type = {}
for o in objs: by_type.setdefault(o["type"], []).append(o)
rels = [r for r in rows if r["record"] == "relation" and r["object"]]
assert len(by_type["relationship"]) == len(rels), (len(by_type["relationship"]), len(rels))
ids = {"relationship--" + r["id"]: r for r in rels}
for o in by_type["relationship"]:
    r = ids[o["id"]]
    assert o["x_flank_evidence"]["sentence"] == r["sentence"] and o["x_flank_modality"] == r["modality"]
    assert o["external_references"][0]["external_id"] == r["doc_sha256"]
    assert 0 <= o["confidence"] <= 100
named = {o["x_flank_id"]: o for o in objs if "x_flank_id" in o}
assert named["country:RU"]["type"] == "location" and named["country:RU"]["country"] == "RU"
people = [o for o in objs if o.get("x_flank_type") == "person"]
assert people and all(o["type"] == "identity" and o["identity_class"] == "individual" for o in people)
assert named["org:nato"]["identity_class"] == "organization"
assert len(by_type["note"]) == sum(r["record"] == "claim" for r in rows)
supported = {ref for o in by_type["report"] for ref in o["object_refs"]}
assert all(o["id"] in supported for o in by_type["relationship"] + by_type["note"])
print("ok")
PY
)
equals "relations as relationships, entities typed, reports refer to what they support" "$check" "ok"
expect_ok "stix twice" "$FLANK" export --format stix
equals "the same bundle, byte for byte" "$OUT" "$(cat "$SCRATCH/all.stix.json")"
printf 'Boko Haram worked with the Islamic State in 2015. The Wagner Group worked with Mali in 2022.\n' >"$SCRATCH/ta.txt"
"$FLANK" ingest --quiet --db "$SCRATCH/ta.db" "$SCRATCH/ta.txt"
expect_ok "threat actors where the pack says so" "$FLANK" export --db "$SCRATCH/ta.db" --format stix -o "$SCRATCH/ta.stix.json"
expect_ok "that bundle is valid too" python3 "$REPO/tests/cli/stix_validate.py" "$SCRATCH/ta.stix.json"
equals "UN-listed groups are threat actors, others identities" "$(python3 -c 'import json,sys; print(sorted((o["x_flank_id"], o["type"]) for o in json.load(open(sys.argv[1]))["objects"] if o.get("x_flank_id", "").startswith("group:")))' "$SCRATCH/ta.stix.json")" "[('group:boko-haram', 'threat-actor'), ('group:isis', 'threat-actor'), ('group:wagner', 'identity')]"

# ---- GEXF and GraphML -------------------------------------------------------------
expect_ok "export gexf" "$FLANK" export --format gexf -o "$SCRATCH/all.gexf"
expect_ok "export graphml" "$FLANK" export --format graphml -o "$SCRATCH/all.graphml"
check=$(python3 - "$SCRATCH/all.gexf" "$SCRATCH/all.graphml" "$SCRATCH/all.jsonl" "$FLANK_DB" <<'PY'
import json, sqlite3, sys
import networkx as nx
rows = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8")]
ents = {r["id"]: r for r in rows if r["record"] == "entity"}
db = sqlite3.connect(sys.argv[4])
facts = {(s, p, o, m): (n, lo, hi) for s, p, o, m, n, lo, hi in db.execute(
    "select subject, predicate, object, modality, count(*), min(coalesce(r.date, d.published)),"
    " max(coalesce(r.date, d.published)) from relations r join documents d on d.id = r.doc_id"
    " where object is not null group by 1, 2, 3, 4")}
def read_gexf(path):
    # Debian 12's networkx (2.8) reads GEXF up to 1.2draft, which 1.3
    # differs from, in what this file uses, by its namespace only.
    from networkx.readwrite.gexf import GEXF
    if "1.3" in GEXF.versions:
        return nx.read_gexf(path)
    import io
    text = open(path, encoding="utf-8").read().replace("http://gexf.net/1.3", "http://www.gexf.net/1.2draft")
    return nx.read_gexf(io.BytesIO(text.replace('version="1.3"', 'version="1.2"').encode()))
for g in (read_gexf(sys.argv[1]), nx.read_graphml(sys.argv[2])):
    assert g.is_directed()
    assert g.number_of_nodes() == len(ents), (g.number_of_nodes(), len(ents))
    assert g.number_of_edges() == len(facts), (g.number_of_edges(), len(facts))
    for n, a in g.nodes(data=True):
        e = ents[n]
        assert a["label"] == e["name"] and a["type"] == e["type"] and a["mentions"] == e["mentions"], (n, a)
    assert g.nodes["country:RU"]["country"] == "country:RU"
    for u, v, a in g.edges(data=True):
        n, lo, hi = facts[(u, a["predicate"], v, a["modality"])]
        assert a["count"] == n and a.get("first") == lo and a.get("last") == hi, (u, v, a)
        assert a["sources"] >= 1
gx = read_gexf(sys.argv[1])
dated = [a for u, v, a in gx.edges(data=True) if "first" in a]
assert dated and all(a["start"] <= a["end"] and len(a["start"]) == 10 for a in dated)
print("ok")
PY
)
equals "graphs read back by networkx: nodes, edges, attributes, time intervals" "$check" "ok"

# ---- briefs ---------------------------------------------------------------------------
expect_ok "markdown brief of an entity" "$FLANK" export --format md --entity Russia
printf '%s\n' "$OUT" >"$SCRATCH/ru.md"
contains "titled with the entity" "$OUT" "# Brief: Russia (country:RU)"
contains "its facts" "$OUT" "**Russia** operates base **"
contains "quoted sentences" "$OUT" "  > "
contains "numbered sources" "$OUT" "## Sources"
check=$(python3 - "$SCRATCH/ru.md" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
body, sources = t.split("## Sources")
cited = {int(n) for n in re.findall(r" \[(\d+)\]", body)}
listed = [int(n) for n in re.findall(r"^(\d+)\. ", sources, re.M)]
assert cited and listed == list(range(1, len(listed) + 1)) and cited == set(listed), (cited, listed)
print("ok")
PY
)
equals "every citation has its source, numbered from 1" "$check" "ok"
expect_ok "html brief of a query" "$FLANK" export --format html --query Wagner -o "$SCRATCH/w.html"
check=$(python3 - "$SCRATCH/w.html" <<'PY'
import html.parser, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []; self.ids = []; self.hrefs = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a: self.ids.append(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"): self.hrefs.append(a["href"][1:])
        if tag not in ("meta", "br"): self.stack.append(tag)
    def handle_endtag(self, tag):
        assert self.stack.pop() == tag, tag
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
assert not p.stack and p.hrefs and set(p.hrefs) <= set(p.ids), (p.stack, p.hrefs, p.ids)
print("ok")
PY
)
equals "a well-formed page whose citations link to its sources" "$check" "ok"
contains "a standalone page" "$(cat "$SCRATCH/w.html")" "<title>Brief: Wagner</title>"

# ---- GET /api/export ----------------------------------------------------------------
serve_start || not_ok "server starts"
http GET "/api/export"
status "export over HTTP" 200
equals "the same bytes as the command" "$BODY" "$(cat "$SCRATCH/all.jsonl")"
contains "streamed" "$HEADERS" "Transfer-Encoding: chunked"
contains "as a download" "$HEADERS" 'Content-Disposition: attachment; filename="flank-export.jsonl"'
http GET "/api/export?format=stix&entity=Russia"
status "stix of an entity" 200
contains "its media type" "$HEADERS" "Content-Type: application/stix+json;version=2.1"
equals "the command's bundle" "$BODY" "$("$FLANK" export --format stix --entity country:RU)"
http GET "/api/export?format=csv&predicate=operates_base"
status "filtered csv" 200
"$FLANK" export --format csv --predicate operates_base >"$SCRATCH/ob.csv"
if cmp -s "$SCRATCH/body" "$SCRATCH/ob.csv"; then ok "the command's rows"; else not_ok "the command's rows"; fi
for i in 1 2 3 4 5 6; do http HEAD "/api/export?format=stix" -I; done
status "HEAD answers the headers" 200
contains "with the download's name" "$HEADERS" 'filename="flank-export.json"'
http GET "/api/export?format=gexf"
status "HEADs leave no export running (at most 4 run at once)" 200
http GET "/api/export?format=xml"
status "unknown format" 400
json_is "says so" '"not an export format" in d["error"]["message"]'
http GET "/api/export?predicate=likes"
status "unknown predicate" 400
http GET "/api/export?entity=country:XX"
status "unknown entity" 404
http GET "/api/export?since=2024-13"
status "bad date" 400
http GET "/api/export?q=%22open"
status "malformed query" 400
serve_stop

# ---- filters ------------------------------------------------------------------
records() { printf '%s\n' "$OUT" | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
print(sys.argv[1] and eval(sys.argv[1]))' "$1"; }
expect_ok "by entity" "$FLANK" export --entity country:RU
equals "relations with Russia at an end" "$(records 'all(r["subject"] == "country:RU" or r["object"] == "country:RU" for r in rows if r["record"] == "relation") and any(r["record"] == "relation" for r in rows)')" "True"
expect_ok "by entity name" "$FLANK" export --entity Russia
equals "the same" "$(records 'len(rows)')" "$("$FLANK" export --entity country:RU | wc -l | tr -d ' ')"
expect_ok "by predicate" "$FLANK" export --predicate operates_base
equals "only that predicate, no claims" "$(records 'sorted({r["predicate"] for r in rows if r["record"] != "entity"} | {r["record"] for r in rows})')" "['entity', 'operates_base', 'relation']"
expect_ok "by date" "$FLANK" export --since 2024 --until 2024-12
equals "dated (else published) in 2024" "$(records 'all((r.get("date") or r["doc_published"])[:4] == "2024" for r in rows if r["record"] != "entity")')" "True"
expect_ok "by query" "$FLANK" export --query Wagner
equals "only documents with a matching sentence" "$(records 'len({r["doc_sha256"] for r in rows if r["record"] != "entity"})')" "1"
expect_fail "unknown predicate" "$FLANK" export --predicate no_such
contains "says so" "$ERR" "no_such: not a predicate"
expect_fail "unknown format" "$FLANK" export --format xml
contains "names it" "$ERR" "xml: not an export format"
expect_fail "bad date" "$FLANK" export --since 2024-13
expect_fail "malformed query" "$FLANK" export --query '"open'
expect_fail "unknown entity id" "$FLANK" export --entity country:XX
contains "says so" "$ERR" "country:XX: no such entity"
expect_fail "documents in csv" "$FLANK" export --format csv --with-documents
contains "jsonl only" "$ERR" "jsonl only"

# ---- round trip -----------------------------------------------------------------
expect_ok "export with documents" "$FLANK" export --with-documents -o "$SCRATCH/full.jsonl"
expect_ok "import into a new database" "$FLANK" import --db "$SCRATCH/copy.db" --with-documents --json "$SCRATCH/full.jsonl"
ndocs=$(grep -c '^{"record":"document"' "$SCRATCH/full.jsonl")
contains "counts" "$OUT" "{\"documents\": $ndocs, "
expect_ok "the copy is whole" "$FLANK" check --db "$SCRATCH/copy.db"
expect_ok "export the copy" "$FLANK" export --db "$SCRATCH/copy.db" --with-documents -o "$SCRATCH/full2.jsonl"
if cmp -s "$SCRATCH/full.jsonl" "$SCRATCH/full2.jsonl"; then ok "round trip byte-identical"; else not_ok "round trip byte-identical: $(diff "$SCRATCH/full.jsonl" "$SCRATCH/full2.jsonl" | head -c 600)"; fi
expect_ok "the copy is searchable" "$FLANK" search --db "$SCRATCH/copy.db" Wagner
contains "finds it" "$OUT" "Wagner"
expect_ok "import again, without documents" "$FLANK" import --db "$SCRATCH/copy.db" "$SCRATCH/full.jsonl"
contains "no document added" "$OUT" "0 documents added"
expect_ok "still the same" "$FLANK" export --db "$SCRATCH/copy.db" --with-documents
equals "byte for byte" "$OUT" "$(cat "$SCRATCH/full.jsonl")"
expect_fail "documents missing without --with-documents" "$FLANK" import --db "$SCRATCH/empty.db" "$SCRATCH/all.jsonl"
contains "says what to do" "$ERR" "is not in the database; export it --with-documents"

# ---- bad input: an error with the line, nothing imported -------------------------
nothing_imported() {
    n=$("$FLANK" export --db "$SCRATCH/bad.db" 2>/dev/null | wc -l | tr -d ' ')
    equals "$1: nothing imported" "$n" "0"
}
bad_import() {   # DESC FILE WANT
    expect_fail "$1" "$FLANK" import --db "$SCRATCH/bad.db" --with-documents "$2"
    contains "$1: says where and what" "$ERR" "$3"
    nothing_imported "$1"
}
lines=$(wc -l <"$SCRATCH/full.jsonl")
head -c $(($(head -n $((lines - 3)) "$SCRATCH/full.jsonl" | wc -c) + 40)) "$SCRATCH/full.jsonl" >"$SCRATCH/trunc.jsonl"
bad_import "truncated file" "$SCRATCH/trunc.jsonl" "trunc.jsonl:$((lines - 2)): truncated"
rel=$(grep -n '"record":"relation"' "$SCRATCH/full.jsonl" | head -1 | cut -d: -f1)
sed "${rel}s/\"start\":\([0-9]*\)/\"start\":\"\1\"/" "$SCRATCH/full.jsonl" >"$SCRATCH/types.jsonl"
bad_import "wrong type" "$SCRATCH/types.jsonl" "types.jsonl:$rel: \"start\" must be a whole number"
sed "${rel}s/\"predicate\":\"[a-z_]*\"/\"predicate\":\"likes\"/" "$SCRATCH/full.jsonl" >"$SCRATCH/pred.jsonl"
bad_import "unknown predicate" "$SCRATCH/pred.jsonl" "pred.jsonl:$rel: likes: not a predicate"
sed "${rel}s/\"start\":\([0-9]*\)/\"start\":1/" "$SCRATCH/full.jsonl" >"$SCRATCH/span.jsonl"
bad_import "sentence not at its offsets" "$SCRATCH/span.jsonl" "span.jsonl:$rel: \"sentence\" is not the document's text"
{ cat "$SCRATCH/full.jsonl"; sed -n "${rel}p" "$SCRATCH/full.jsonl"; } >"$SCRATCH/dup.jsonl"
bad_import "duplicate id" "$SCRATCH/dup.jsonl" "dup.jsonl:$((lines + 1)): relation"
{ head -n 1 "$SCRATCH/full.jsonl"; cat "$SCRATCH/full.jsonl"; } >"$SCRATCH/dupent.jsonl"
bad_import "duplicate entity" "$SCRATCH/dupent.jsonl" "dupent.jsonl:2: entity"
doc=$(grep -n '"record":"document"' "$SCRATCH/full.jsonl" | head -1 | cut -d: -f1)
sed "${doc}p" "$SCRATCH/full.jsonl" >"$SCRATCH/dupdoc.jsonl"
bad_import "duplicate document" "$SCRATCH/dupdoc.jsonl" "dupdoc.jsonl:$((doc + 1)): document"
printf '{"record":"entity","id":"country:LY","name":"Libya","type":"country"}\n[1,2]\n' >"$SCRATCH/notobj.jsonl"
bad_import "not an object" "$SCRATCH/notobj.jsonl" "notobj.jsonl:2: not a JSON object"
printf '{"record":"planet"}\n' >"$SCRATCH/kind.jsonl"
bad_import "unknown record" "$SCRATCH/kind.jsonl" "kind.jsonl:1: \"record\" must be"
# A 1 GiB line is refused after 256 MiB, without reading the rest into memory.
(printf '{"record":"entity","id":"'; head -c 1073741824 /dev/zero | tr '\0' x) >"$SCRATCH/huge.jsonl" 2>/dev/null
expect_fail "a 1 GiB line" "$FLANK" import --db "$SCRATCH/bad.db" "$SCRATCH/huge.jsonl"
contains "refused with its line" "$ERR" "huge.jsonl:1: line longer than 256 MiB"
rm -f "$SCRATCH/huge.jsonl"
nothing_imported "a 1 GiB line"
