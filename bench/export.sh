#!/bin/sh
# export.sh: `make bench-export`. Builds corpora of 5,000 and 20,000
# documents from the seeds and samples (bench/gen_corpus.py, as `make
# bench`), ingests each, then times `flank export` in every format over
# all of it, with its peak memory: the export is streamed, so memory must
# stay flat as the corpus grows four times. Prints one line a format and
# size; bench/README.md records them with this command. BENCH_DIR keeps
# the corpora and databases (and reuses them on the next run).
set -e
FLANK=${1:-build/flank}
cd "$(dirname "$0")/.."
if [ -n "${BENCH_DIR:-}" ]; then
    SCRATCH=$BENCH_DIR
    mkdir -p "$SCRATCH"
else
    SCRATCH=$(mktemp -d)
    trap 'rm -rf "$SCRATCH"' EXIT
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for n in ${EXPORT_SIZES:-5000 20000}; do
    db=$SCRATCH/export-$n.db
    if [ ! -s "$db" ]; then
        python3 bench/gen_corpus.py "$n" "$SCRATCH/corpus-$n" ../shared/corpus/seeds samples
        "$FLANK" ingest --quiet --db "$db" "$SCRATCH/corpus-$n"
        rm -rf "$SCRATCH/corpus-$n"
    fi
    rels=$(sqlite3 "$db" "select count(*) from relations")
    claims=$(sqlite3 "$db" "select count(*) from claims")
    echo "$n documents: $rels relations, $claims claims"
    for f in jsonl csv stix gexf graphml; do
        /usr/bin/time -f "%e %M" -o "$SCRATCH/time" "$FLANK" export --db "$db" --format "$f" -o "$SCRATCH/out"
        size=$(wc -c <"$SCRATCH/out")
        read -r secs kb <"$SCRATCH/time"
        printf 'export %-8s %6d docs: %5.2f s wall, %6.1f MB written, %6d KB peak\n' "$f" "$n" "$secs" \
            "$(echo "$size" | awk '{print $1 / 1e6}')" "$kb"
    done
    /usr/bin/time -f "%e %M" -o "$SCRATCH/time" "$FLANK" export --db "$db" --with-documents -o "$SCRATCH/full.jsonl"
    read -r secs kb <"$SCRATCH/time"
    printf 'export %-8s %6d docs: %5.2f s wall, %6.1f MB written, %6d KB peak\n' "jsonl+doc" "$n" "$secs" \
        "$(wc -c <"$SCRATCH/full.jsonl" | awk '{print $1 / 1e6}')" "$kb"
    rm -f "$SCRATCH/import.db"
    /usr/bin/time -f "%e %M" -o "$SCRATCH/time" "$FLANK" import --db "$SCRATCH/import.db" --with-documents \
        "$SCRATCH/full.jsonl" >/dev/null
    read -r secs kb <"$SCRATCH/time"
    printf 'import %-8s %6d docs: %5.2f s wall, %6d KB peak\n' "jsonl+doc" "$n" "$secs" "$kb"
    rm -f "$SCRATCH/out" "$SCRATCH/full.jsonl" "$SCRATCH/import.db"*
done
