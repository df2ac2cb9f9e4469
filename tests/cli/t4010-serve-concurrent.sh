# t4010-serve-concurrent.sh: readers are not blocked by a concurrent ingest
# (WAL): searches keep answering while a `flank ingest` of a few hundred
# documents and API uploads write to the same database.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.sh"

"$FLANK" ingest --quiet "$SEEDS"
python3 "$REPO/bench/gen_corpus.py" 300 "$SCRATCH/corpus" "$SEEDS" "$REPO/samples" >/dev/null
if ! serve_start --web "$REPO/web" --threads 4; then
    not_ok "server starts: $(cat "$SCRATCH/serve.log")"
    exit 0
fi
TOKEN=$(cat "$FLANK_DB.token")
out=$(python3 - "$BASE" "$FLANK" "$SCRATCH/corpus" "$FLANK_DB" "$TOKEN" <<'PY'
import subprocess, sys, threading, time, urllib.request
base, flank, corpus, db, token = sys.argv[1:]
ing = subprocess.Popen([flank, "ingest", "--quiet", "--db", db, corpus])
stats = {"ok": 0, "bad": 0, "during": 0, "max": 0.0}
lock = threading.Lock()
def reader():
    while ing.poll() is None:
        t = time.time()
        try:
            with urllib.request.urlopen(base + "/api/search?q=Libya+OR+Mali&limit=5", timeout=20) as r:
                r.read(); good = r.status == 200
        except Exception:
            good = False
        dt = time.time() - t
        with lock:
            stats["ok" if good else "bad"] += 1
            stats["max"] = max(stats["max"], dt)
            if ing.poll() is None: stats["during"] += 1
def uploader():
    for i in range(20):
        body = ("Upload %d\n\nThe port of Tobruk in Libya saw drills %d.\n" % (i, i)).encode()
        rq = urllib.request.Request(base + "/api/ingest?name=u%d" % i, data=body, method="POST",
                                    headers={"Authorization": "Bearer " + token})
        try:
            with urllib.request.urlopen(rq, timeout=30) as r:
                ok = r.status == 201
        except Exception:
            ok = False
        with lock:
            stats["ok" if ok else "bad"] += 1
ts = [threading.Thread(target=reader) for _ in range(4)] + [threading.Thread(target=uploader)]
for t in ts: t.start()
for t in ts: t.join()
print(ing.wait(), stats["ok"], stats["bad"], stats["during"], "%.2f" % stats["max"])
PY
)
set -- $out
equals "ingest finished" "$1" 0
equals "no failed request" "$3" 0
[ "${4:-0}" -ge 20 ] && ok "searches answered during the ingest ($4)" || not_ok "searches during ingest: ${4:-0}"
# A reader blocked by the writer would wait for SQLite's 10 s busy timeout.
awk -v m="${5:-99}" 'BEGIN { exit !(m < 5) }' && ok "no search waited on the writer (max ${5}s)" ||
    not_ok "a search took ${5}s during the ingest"
http GET /api/health
json_is "all documents visible after" 'd["documents"] == 2 + 300 + 20'
# The server's postings (read while the database grew) count what the
# index holds now, as a one-shot `flank search` does.
for q in Tobruk "Libya OR Mali" "port NOT drills"; do
    want=$("$FLANK" search --json "$q" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
    http GET "/api/search?limit=1&q=$(printf '%s' "$q" | python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.stdin.read()))')"
    json_is "served total of '$q' is the index's ($want)" "d['total'] == $want"
done
serve_stop
equals "stops cleanly" "$SERVE_RC" 0
sanitizer_clean "server log" && ok "server log clean"
