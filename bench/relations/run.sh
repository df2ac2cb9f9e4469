#!/bin/sh
# run.sh: scores dates, relations and claims against the seeds' gold with
# ../shared/gold/score.py, twice:
#   1. the pipeline: `flank extract --json` on ../shared/corpus/seeds/*;
#   2. STAND-IN: the stages alone on the gold bodies with mentions
#      fabricated from the gold entities (bench.c), which measures the
#      rules while the gazetteer is missing.
# Usage: run.sh FLANK BENCH_BINARY OUT_DIR
set -e
cd "$(dirname "$0")/../.."
gold=../shared/gold
mkdir -p "$3/pipeline" "$3/gold-mentions"
for src in ../shared/corpus/seeds/*; do
    "$1" extract --json "$src" >"$3/pipeline/${src##*/}.json" || true
done
echo "== pipeline (flank extract --json)"
python3 "$gold/score.py" "$gold/seeds.jsonl" "$3/pipeline" $VERBOSE
"$2" "$gold/seeds.jsonl" "$gold" "$3/gold-mentions"
echo "== stand-in: gold bodies, mentions fabricated from gold entities"
python3 "$gold/score.py" "$gold/seeds.jsonl" "$3/gold-mentions" $VERBOSE
