#!/bin/sh
# run.sh: the entity-linking benchmark of issue 5 (make bench-entities).
# Builds >= 100 MB of text at run time from the seed texts in ../shared
# (their lines shuffled and repeated, with a tenth of the lines written in
# upper or lower case so folding is exercised), then times, in one run on
# the same file and the same alias list:
#   grep -F -o -w -i -f ALIASES      (GNU grep, one core, LC_ALL=C: its
#                                     fast byte path; in a UTF-8 locale it
#                                     runs at ~0.03 MB/s on this list)
#   flank's matcher (gaz_annotate)   (one core, whole process and link-only)
# and finally scores entity F1 on ../shared/gold/seeds.jsonl.
set -e
DRIVER=${1:-build/bench/entities}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
[ -d "$SHARED/gold" ] || SHARED=/work/shared
SIZE_MB=${SIZE_MB:-128}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

python3 - "$SHARED" "$TMP/text.txt" "$SIZE_MB" <<'PY'
import glob, random, sys
shared, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = []
for f in sorted(glob.glob(shared + "/gold/*.body.txt") + glob.glob(shared + "/corpus/seeds/*.txt")):
    lines += [l for l in open(f, encoding="utf-8").read().split("\n") if l.strip()]
rnd = random.Random(5)
size, target = 0, mb << 20
with open(out, "w", encoding="utf-8") as f:
    while size < target:
        l = rnd.choice(lines)
        r = rnd.random()
        if r < 0.05: l = l.upper()
        elif r < 0.10: l = l.lower()
        f.write(l + "\n")
        size += len(l.encode()) + 1
PY
"$DRIVER" aliases | LC_ALL=C sort -u >"$TMP/aliases.txt"
bytes=$(wc -c <"$TMP/text.txt")
n_alias=$(wc -l <"$TMP/aliases.txt")
echo "text: $bytes bytes; aliases: $n_alias (from the pack: data/pack + generated)"
cat "$TMP/text.txt" >/dev/null   # warm the page cache for both

t0=$(date +%s.%N)
LC_ALL=C taskset -c 0 grep -F -o -w -i -f "$TMP/aliases.txt" "$TMP/text.txt" | wc -l >"$TMP/grep.count"
t1=$(date +%s.%N)
taskset -c 0 "$DRIVER" bench "$TMP/text.txt" >"$TMP/flank.out"
t2=$(date +%s.%N)

python3 - "$bytes" "$t0" "$t1" "$t2" "$TMP/grep.count" "$TMP/flank.out" <<'PY'
import sys
b, t0, t1, t2 = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
grep_n = open(sys.argv[5]).read().strip()
f = open(sys.argv[6]).read().split()
link_s, flank_n = float(f[3]), f[7]
g, w = t1 - t0, t2 - t1
print(f"| matcher | seconds | MB/s | matches |")
print(f"|---|---|---|---|")
print(f"| grep -F -o -w -i -f ALIASES | {g:.2f} | {b/1e6/g:.1f} | {grep_n} |")
print(f"| flank (whole process: load pack, read, link) | {w:.2f} | {b/1e6/w:.1f} | {flank_n} |")
print(f"| flank (linking only) | {link_s:.2f} | {b/1e6/link_s:.1f} | {flank_n} |")
print(f"flank/grep time ratio (whole process): {w/g:.2f}")
PY

mkdir -p "$TMP/out"
for f in "$SHARED"/gold/*.body.txt; do
    name=$(basename "$f" .body.txt)
    "$DRIVER" json "$f" >"$TMP/out/$name.txt.json"
done
python3 "$SHARED/gold/score.py" "$SHARED/gold/seeds.jsonl" "$TMP/out" | grep '^entities'
