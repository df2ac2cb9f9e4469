#!/bin/sh
# run.sh: `make bench-claims` (issue 23). Scores the claims of `flank
# extract --json` with ../shared/gold/score-dev.sh on each half of the
# development passages (odd and even files) and on the seeds, and prints
# one line per part: claim precision, recall, F1, and the quotes whose
# speaker is right (of those with a speaker in the gold; how many of them
# were found at all).
# Usage: run.sh FLANK
set -e
cd "$(dirname "$0")/../.."
score=../shared/gold/score-dev.sh
[ -x "$score" ] || { echo "bench-claims: $score: not found (../shared beside the repository)" >&2; exit 1; }
printf '%-6s %-10s %-10s %-8s %-16s %s\n' part precision recall F1 gold/predicted 'quote speakers ok'
for part in odd even seeds; do
    "$score" "$1" "$part" | python3 -c '
import re, sys
part, out = sys.argv[1], sys.stdin.read()
c = re.search(r"^claims\s+precision=(\S+) recall=(\S+) F1=(\S+) \(gold (\d+), predicted (\d+)\)", out, re.M)
s = re.search(r"quote speakers ok (\d+)/(\d+) \((\d+) of them found\)", out)
if not c or not s:
    sys.exit("bench-claims: no claim figures in the report of score.py for " + part)
counts = c[4] + "/" + c[5]
print(f"{part:<6} {c[1]:<10} {c[2]:<10} {c[3]:<8} {counts:<16} {s[1]}/{s[2]} ({s[3]} found)")
' "$part"
done
