#!/bin/sh
# run.sh: scores the date, relation and claim stages against the seeds'
# gold with ../shared/gold/score.py. Usage: run.sh BENCH_BINARY OUT_DIR
# (the bench binary fabricates mentions from the gold: see bench.c).
set -e
cd "$(dirname "$0")/../.."
gold=../shared/gold
mkdir -p "$2"
"$1" "$gold/seeds.jsonl" "$gold" "$2"
python3 "$gold/score.py" "$gold/seeds.jsonl" "$2" $VERBOSE
