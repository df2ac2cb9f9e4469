#!/bin/sh
# run.sh: `make bench-relations`. Scores `flank extract --json` with
# ../shared/gold/score.py: relations (F1 and modality agreement) on each
# half of the development passages (odd and even files, develop on one,
# check on the other) and on the seeds, then the whole report on the seeds
# (entities, dates, relations, claims); then measures the annotation
# throughput of the whole pipeline (text or HTML in, JSON out, the parser
# and the tree relations included) in one process on one core: on the
# development passages once and replicated 20 times, and on the 91 pages
# of the extraction benchmark and the seeds.
# Usage: run.sh FLANK THROUGHPUT_BINARY OUT_DIR
set -e
cd "$(dirname "$0")/../.."
flank=$1 throughput=$2 out=$3
gold=../shared/gold
mkdir -p "$out"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== relations: $gold/score-dev.sh $flank odd|even|seeds"
for part in odd even seeds; do
    "$gold/score-dev.sh" "$flank" "$part" | awk -v part="$part" '
        /^relations / { rel = $0 }
        /^relation dates ok/ { split($0, a, ";"); mod = a[2] }
        END { sub(/^relations +/, "", rel); sub(/^ +/, "", mod); printf "%-6s %s; %s\n", part, rel, mod }'
done
for src in ../shared/corpus/seeds/*; do
    "$flank" extract --json "$src" >"$out/${src##*/}.json"
done
echo "== quality: flank extract --json on the seeds, scored by score.py"
python3 "$gold/score.py" "$gold/seeds.jsonl" "$out" $VERBOSE
echo "== throughput: the whole pipeline to JSON, one core: the development passages once (every sentence new)"
taskset -c 0 "$throughput" "$gold"/dev/docs/*.txt
echo "== the same 20 times (copies after the first are served by the parse cache, treecache.h)"
set --
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do set -- "$@" "$gold"/dev/docs/*.txt; done
taskset -c 0 "$throughput" "$@"
echo "== throughput: the 91 pages of the extraction benchmark and the seeds"
taskset -c 0 "$throughput" ../shared/bench/article-extraction/html/*.html.gz ../shared/corpus/seeds/*
