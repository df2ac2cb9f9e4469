#!/bin/sh
# intake.sh: `make bench-intake` (issue 19). Feed and page throughput on
# loopback: the fixture server (tests/intake/httpd.py) serves a feed of N
# items, each its own article, and `flank watch --once` fetches the feed and
# every page, extracts, annotates and stores them (one transaction per
# page); then a 100-page PDF report's text (tests/intake/mkpdf.py) read by
# `flank extract --body`, with its word F1 against the text put in.
set -e
FLANK=${1:-build/flank}
N=${BENCH_PAGES:-500}
cd "$(dirname "$0")/.."
SCRATCH=$(mktemp -d)
python3 tests/intake/httpd.py "$SCRATCH/port" "$SCRATCH/log" &
pid=$!
trap 'kill $pid; rm -rf "$SCRATCH"' EXIT
while [ ! -s "$SCRATCH/port" ]; do sleep 0.1; done
base=http://127.0.0.1:$(cat "$SCRATCH/port")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1 /proc/loadavg)"
"$FLANK" feed add --db "$SCRATCH/bench.db" "$base/feed/pages/$N.xml" >/dev/null
start=$(date +%s.%N)
/usr/bin/time -f "feed: %U s user, %S s system, %M KB peak (flank)" \
    "$FLANK" watch --once --delay 0 --db "$SCRATCH/bench.db" 2>"$SCRATCH/watch.log"
end=$(date +%s.%N)
stored=$(sqlite3 "$SCRATCH/bench.db" "SELECT count(*) FROM documents")
tail -1 "$SCRATCH/watch.log"
awk -v n="$stored" -v s="$start" -v e="$end" \
    'BEGIN { printf "feed: %d pages in %.1f s wall, %.0f pages/s end to end (fetch, extract, annotate, store)\n", n, e - s, n / (e - s) }'
python3 tests/intake/mkpdf.py "$SCRATCH/r100.pdf" "$SCRATCH/r100.words" --pages 100
for i in 1 2 3; do
    /usr/bin/time -f "pdf: 100 pages in %e s wall (%U s user), %M KB peak" \
        "$FLANK" extract --body "$SCRATCH/r100.pdf" >"$SCRATCH/r100.out"
done
echo "pdf: word F1 precision recall $(python3 tests/intake/wordf1.py "$SCRATCH/r100.words" "$SCRATCH/r100.out")"
