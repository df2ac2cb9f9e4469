#!/bin/sh
# run.sh: `make bench`. Builds a corpus of 20,000 documents from the seeds
# and samples (varied at run time, never stored), times `flank ingest` on
# it, then times 1,000 searches on the result. Prints the figures and the
# machine; bench/README.md records them with this command.
set -e
FLANK=${1:-build/flank}
N=${BENCH_DOCS:-20000}
cd "$(dirname "$0")/.."
if [ -n "${BENCH_DIR:-}" ]; then   # kept for a look afterwards
    SCRATCH=$BENCH_DIR
    rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
else
    SCRATCH=$(mktemp -d)
    trap 'rm -rf "$SCRATCH"' EXIT
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "generating $N documents..."
python3 bench/gen_corpus.py "$N" "$SCRATCH/corpus" ../shared/corpus/seeds samples
bytes=$(find "$SCRATCH/corpus" -type f -exec cat {} + | wc -c)
echo "corpus: $N documents, $(echo "$bytes" | awk '{printf "%.1f", $1/1e6}') MB"
start=$(date +%s.%N)
/usr/bin/time -f "ingest: %U s user, %S s system, %M KB peak" taskset -c 0 "$FLANK" ingest --quiet --db "$SCRATCH/bench.db" "$SCRATCH/corpus"
end=$(date +%s.%N)
awk -v b="$bytes" -v n="$N" -v s="$start" -v e="$end" \
    'BEGIN { t = e - s; printf "ingest: %.1f s wall, %.0f docs/s, %.2f MB/s (one core, FTS5 indexing included)\n", t, n / t, b / 1e6 / t }'
python3 bench/make_queries.py 1000 "$SCRATCH/corpus" >"$SCRATCH/queries.txt"
${CC:-cc} -O2 -Iinclude -o "$SCRATCH/bench_search" bench/bench_search.c build/libflank.a \
    $(pkg-config --libs sqlite3 gumbo libutf8proc jansson zlib nettle) -lm -lpthread
taskset -c 0 "$SCRATCH/bench_search" "$SCRATCH/bench.db" "$SCRATCH/queries.txt" | sed 's/^/search: /'
