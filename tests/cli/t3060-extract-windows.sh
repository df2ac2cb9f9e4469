# t3060-extract-windows.sh: a document larger than the rule stages' window
# (1 MiB, doc.c) is read a window at a time, cut between paragraphs, and
# loses nothing: every paragraph's date, relations and quote are found once,
# with spans into the whole text.
. "$(dirname "$0")/lib.sh"

python3 - "$SCRATCH/large.txt" <<'PY'
import sys
para = ('Russia has operated an air base in Libya since 3 March 2021.\n\n'
        '"We will stay," said NATO Secretary General Jens Stoltenberg.\n\n')
with open(sys.argv[1], "w") as fh:
    fh.write(para * 10000)    # 1.3 MB: two windows
PY
expect_ok "extract --json of a 1.3 MB text" "$FLANK" extract --json "$SCRATCH/large.txt"
printf '%s' "$OUT" >"$SCRATCH/large.json"
check() {
    python3 - "$SCRATCH/large.json" "$SCRATCH/large.txt" "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
text = open(sys.argv[2], encoding="utf-8").read().encode()
sys.exit(0 if eval(sys.argv[3]) else 1)
PY
}
check 'len(d["sentences"]) == 20000' && ok "all sentences" || not_ok "sentences: $(head -c 300 "$SCRATCH/large.json")"
check 'len(d["dates"]) == 10000 and all(x["value"] == "2021-03-03" for x in d["dates"])' &&
    ok "one date per paragraph, in every window" || not_ok "dates across windows"
check 'len(d["relations"]) == 20000' && ok "two relations per paragraph pair" || not_ok "relations across windows"
check 'all(text[r["start"]:r["end"]].decode() == r["sentence"] for r in d["relations"])' &&
    ok "relation spans point into the whole text" || not_ok "relation spans"
check 'len([c for c in d["claims"] if c["kind"] == "quote" and c["speaker"] == "person:jens-stoltenberg"]) == 10000' &&
    ok "every quote with its speaker" || not_ok "quotes across windows"
check 'sorted(c["start"] for c in d["claims"]) == [c["start"] for c in d["claims"]]' &&
    ok "claims in text order across windows" || not_ok "claims order"
