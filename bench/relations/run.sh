#!/bin/sh
# run.sh: `make bench-relations`. Scores `flank extract --json` on the seeds
# against their gold with ../shared/gold/score.py (entities, dates,
# relations, claims), then measures the annotation throughput of the whole
# pipeline (HTML or text in, JSON out) on the 91 pages of the extraction
# benchmark and the seeds, in one process on one core.
# Usage: run.sh FLANK THROUGHPUT_BINARY OUT_DIR
set -e
cd "$(dirname "$0")/../.."
gold=../shared/gold
mkdir -p "$3"
for src in ../shared/corpus/seeds/*; do
    "$1" extract --json "$src" >"$3/${src##*/}.json"
done
echo "== quality: flank extract --json on the seeds, scored by score.py"
python3 "$gold/score.py" "$gold/seeds.jsonl" "$3" $VERBOSE
echo "== throughput: the whole pipeline to JSON, one core"
taskset -c 0 "$2" ../shared/bench/article-extraction/html/*.html.gz ../shared/corpus/seeds/*
