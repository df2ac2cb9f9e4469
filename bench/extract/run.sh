#!/bin/sh
# run.sh: the main-content extraction benchmark (make bench-extract).
# Builds the driver against BUILD/libflank.a, runs it over the 91 pages of
# ../shared/bench/article-extraction on one core, scores it (whole and per
# fold, bench/extract/folds.py), then does the
# same for Readability.js (npm @mozilla/readability@0.6 + linkedom,
# installed into the git-ignored bench/scratch/). Peak memory of both comes
# from /usr/bin/time -v.
set -eu
BUILD=${1:-build}
BENCH=../shared/bench/article-extraction
SCRATCH=bench/scratch/extract
mkdir -p "$SCRATCH"
PAGES=$(ls "$BENCH"/html/*.html.gz)
ONE_CORE="taskset -c 0"
command -v taskset >/dev/null 2>&1 || ONE_CORE=""

cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Ilib \
    bench/extract/bench_extract.c "$BUILD/libflank.a" \
    $(pkg-config --libs gumbo jansson zlib) -lm -o "$SCRATCH/bench_extract"

peak() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{printf "%.1f", $1/1024}'; }

echo "== flank extract_html"
$ONE_CORE /usr/bin/time -v -o "$SCRATCH/flank.time" \
    "$SCRATCH/bench_extract" "$SCRATCH/flank.json" $PAGES
echo "peak_rss_mb(time -v)=$(peak "$SCRATCH/flank.time")"
python3 "$BENCH/score.py" "$BENCH/ground-truth.json" "$SCRATCH/flank.json"
# issue 21: F1 per fold (5 fixed folds, fold 4 held out; see folds.py)
python3 bench/extract/folds.py "$BENCH/score.py" "$BENCH/ground-truth.json" "$SCRATCH/flank.json"

echo "== Readability.js 0.6 + linkedom"
if [ ! -d "$SCRATCH/node_modules/@mozilla/readability" ]; then
    (cd "$SCRATCH" && npm init -y >/dev/null &&
     npm install --silent --no-audit --no-fund @mozilla/readability@0.6 linkedom >/dev/null)
fi
cp bench/extract/readability.mjs "$SCRATCH/readability.mjs"
$ONE_CORE /usr/bin/time -v -o "$SCRATCH/readability.time" \
    node "$SCRATCH/readability.mjs" "$SCRATCH/readability.json" $PAGES
echo "peak_rss_mb(time -v)=$(peak "$SCRATCH/readability.time")"
python3 "$BENCH/score.py" "$BENCH/ground-truth.json" "$SCRATCH/readability.json"
python3 bench/extract/folds.py "$BENCH/score.py" "$BENCH/ground-truth.json" "$SCRATCH/readability.json"
