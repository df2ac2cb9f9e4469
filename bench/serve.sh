#!/bin/sh
# serve.sh: `make bench-serve`. wrk against `flank serve` on loopback: the
# search endpoint with the 20,000-document bench corpus (bench/gen_corpus.py,
# 1,000 queries of bench/make_queries.py in rotation), then a static file
# served by the same server (the ceiling: no database, no JSON). The server
# runs pinned to 2 cores with 2 worker threads. Prints requests/s and the
# latency percentiles, for search with the answer cache warm, with it off
# (--cache 0: postings in memory, after a first pass that reads them), and
# with postings off too (--postings 0: the index walked, as by the CLI);
# bench/README.md records them with this command. Then the web UI's pages
# (section 4): the answer of each endpoint a page asks, cache off, timed one
# request at a time (BENCH_PAGES_ONLY=1: only that section).
#
#   BENCH_DOCS (20000), BENCH_DURATION (20s), BENCH_CONNECTIONS (50),
#   BENCH_DIR (a folder to keep corpus and database between runs)
set -e
FLANK=$(realpath "${1:-build/flank}")
N=${BENCH_DOCS:-20000}
DUR=${BENCH_DURATION:-20s}
CONNS=${BENCH_CONNECTIONS:-50}
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
    # A benchmark-only tool: installed here, not by make test's deps step.
    [ "$(id -u)" = 0 ] || { echo "flank: bench-serve needs wrk: sudo apt-get install wrk" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
if [ -n "${BENCH_DIR:-}" ]; then SCRATCH=$BENCH_DIR; mkdir -p "$SCRATCH"; else
    SCRATCH=$(mktemp -d); trap 'rm -rf "$SCRATCH"' EXIT; fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), libmicrohttpd $(pkg-config --modversion libmicrohttpd)"
if [ ! -f "$SCRATCH/bench.db" ]; then
    echo "generating and ingesting $N documents..."
    python3 bench/gen_corpus.py "$N" "$SCRATCH/corpus" ../shared/corpus/seeds samples
    "$FLANK" ingest --quiet --db "$SCRATCH/bench.db" "$SCRATCH/corpus"
fi
[ -f "$SCRATCH/queries.txt" ] || python3 bench/make_queries.py 1000 "$SCRATCH/corpus" >"$SCRATCH/queries.txt"

# wrk script: each request takes the next query, URL-encoded.
cat >"$SCRATCH/search.lua" <<LUA
local queries, i = {}, 0
for line in io.lines("$SCRATCH/queries.txt") do
  queries[#queries + 1] = line:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end)
end
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/search?limit=10&q=" .. queries[i])
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
LUA

start() {
    rm -f "$SCRATCH/serve.log"   # else the loop below may read the last run's port
    taskset -c 0,1 "$FLANK" serve --db "$SCRATCH/bench.db" --port 0 --threads 2 "$@" >"$SCRATCH/serve.log" 2>&1 &
    pid=$!
    port=
    for _ in $(seq 1 100); do
        port=$(sed -n 's|.*serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$SCRATCH/serve.log" 2>/dev/null)
        [ -n "$port" ] && break
        sleep 0.1
    done
    base=http://127.0.0.1:$port
}
stop() { kill -TERM $pid; wait $pid || true; pid=; }
pid=
trap '[ -z "$pid" ] || kill -TERM $pid 2>/dev/null; wait 2>/dev/null; [ -n "${BENCH_DIR:-}" ] || rm -rf "$SCRATCH"' EXIT
run() {
    name=$1; shift
    out=$(wrk -t2 -c"${CONNS}" -d"$DUR" --timeout 10s --latency "$@")
    printf '%s\n' "$out" | sed "s/^/$name: /"
    rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec/ {print $2}')
    p50=$(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')
    p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
    echo "RESULT $name: $rps req/s, p50 $p50, p99 $p99"
}

# 4. The web UI's pages: what each asks of the API, with the answer cache
#    off, for the entities most mentioned (where the answers are biggest).
pages() {
    start --cache 0
    python3 - "$base" <<'PY'
import json, sys, time, urllib.parse, urllib.request
base = sys.argv[1]
def get(path):
    t = time.time()
    with urllib.request.urlopen(base + path, timeout=60) as r:
        body = r.read()
    return time.time() - t, body
top = json.loads(get("/api/entities?limit=3&type=country")[1])["entities"]
ent = top[0]["id"]
docs = json.loads(get("/api/search?limit=10&q=" + urllib.parse.quote(top[0]["name"]))[1])["results"]
ids = ",".join(str(d["id"]) for d in docs)
pages = [
    ("start: overview", "/api/overview"),
    ("search: suggest 'ni'", "/api/suggest?q=ni"),
    ("search: suggest 'sah'", "/api/suggest?q=sah"),
    ("search: rows' entities", "/api/document-entities?ids=" + ids),
    ("search: entity listing", "/api/search?limit=10&facets=1&entity=" + ent),
    ("dossier " + ent, "/api/entities/" + ent),
    ("dossier timeline", "/api/timeline?entity=" + ent),
    ("document", "/api/documents/" + str(docs[0]["id"])),
    ("map: mentions", "/api/map"),
    ("map: actor + predicate", "/api/map?predicate=military_presence&subject=country:RU"),
    ("map: predicate", "/api/map?predicate=military_presence"),
    ("graph 1 hop", "/api/graph?entity=" + ent),
    ("graph 2 hops", "/api/graph?hops=2&entity=" + ent),
]
for name, path in pages:
    get(path)
    lat = sorted(get(path)[0] for _ in range(5))
    print("RESULT page %-26s p50 %6.1f ms, max %6.1f ms  %s" % (name + ":", lat[2] * 1e3, lat[-1] * 1e3, path[:60]))
PY
    stop
}
if [ -n "${BENCH_PAGES_ONLY:-}" ]; then pages; exit 0; fi

# 1. The answer cache on (the default), each of the 1,000 queries asked
#    once before: what repeated questions cost; and the static ceiling.
start
curl -sf "$base/api/health" && echo
python3 - "$base" "$SCRATCH/queries.txt" <<'PY'
import concurrent.futures, sys, urllib.parse, urllib.request
base, qs = sys.argv[1], [l.rstrip("\n") for l in open(sys.argv[2])]
def get(q):
    with urllib.request.urlopen(base + "/api/search?limit=10&q=" + urllib.parse.quote(q, safe=""), timeout=60) as r:
        r.read()
with concurrent.futures.ThreadPoolExecutor(2) as ex:
    list(ex.map(get, qs))
PY
run static "$base/app.css"
run search-cached -s "$SCRATCH/search.lua" "$base"
run health "$base/api/health"
stop
# 2. No answer cache: every request runs fl_search_json. The server keeps
#    the postings of the phrases asked (--postings, 256 MiB): the first
#    pass over the 1,000 queries reads them from the index (timed here,
#    each query asked once), wrk then runs on postings in memory.
start --cache 0
python3 - "$base" "$SCRATCH/queries.txt" <<'PY'
import concurrent.futures, sys, time, urllib.parse, urllib.request
base, qs = sys.argv[1], [l.rstrip("\n") for l in open(sys.argv[2])]
def get(q):
    t = time.time()
    with urllib.request.urlopen(base + "/api/search?limit=10&q=" + urllib.parse.quote(q, safe=""), timeout=60) as r:
        r.read()
    return time.time() - t
t0 = time.time()
with concurrent.futures.ThreadPoolExecutor(2) as ex:
    lat = sorted(ex.map(get, qs))
print("RESULT search-first-pass: %.0f req/s, p50 %.2fms, p99 %.2fms (each query once, postings read)" %
      (len(qs) / (time.time() - t0), lat[len(lat) // 2] * 1e3, lat[len(lat) * 99 // 100] * 1e3))
PY
run search-uncached -s "$SCRATCH/search.lua" "$base"
# The same with as many connections as workers: each query's own time.
CONNS=2 run search-uncached-c2 -s "$SCRATCH/search.lua" "$base"
echo "postings memory: $(ps -o rss= -p $pid) KiB resident"
stop
# 3. No postings either (--postings 0): every search walks the index, as a
#    one-shot `flank search` does.
start --cache 0 --postings 0
run search-index-walk -s "$SCRATCH/search.lua" "$base"
stop
pages
exit 0
