# t6500-parse.sh: flank parse — CoNLL-U and JSON out, and the bad inputs
# of issue 16: a 100,000-token sentence, all caps, another language, an
# empty file, binary data, broken model files.
. "$(dirname "$0")/lib.sh"

expect_ok "help" "$FLANK" parse --help
contains "help names the model" "$OUT" "FLANK_PARSE_MODEL"
printf 'The navy seized two ships. Russia operates the base.\n' >"$SCRATCH/two.txt"
expect_ok "conllu" "$FLANK" parse "$SCRATCH/two.txt"
contains "first sentence text" "$OUT" "# text = The navy seized two ships."
contains "a root" "$OUT" "	root	"
contains "spans" "$OUT" "Span=0-3"
equals "two sentences" "$(printf '%s\n' "$OUT" | grep -c '^# sent_id')" "2"
equals "eleven token lines" "$(printf '%s\n' "$OUT" | grep -c '^[0-9]')" "11"
expect_ok "json" "$FLANK" parse --json "$SCRATCH/two.txt"
printf '%s' "$OUT" >"$SCRATCH/two.json"
equals "json tokens" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["sentences"][0]
print(len(d["sentences"]), s["truncated"], [(t["form"], t["upos"], t["lemma"]) for t in s["tokens"]][2],
      sum(t["head"] == 0 for t in s["tokens"]))' "$SCRATCH/two.json")" \
    "2 False ('seized', 'VERB', 'seize') 1"
expect_ok "stdin" sh -c "printf 'Ships sail.' | '$FLANK' parse -"
contains "stdin parsed" "$OUT" "# text = Ships sail."

# bad input
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "w%d ", i % 50; print "" }' >"$SCRATCH/long.txt"
expect_ok "100,000-token sentence" "$FLANK" parse --json "$SCRATCH/long.txt"
printf '%s' "$OUT" >"$SCRATCH/long.json"
equals "cut in pieces, said so" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["sentences"]
print(len(s), s[0]["truncated"], len(s[0]["tokens"]), sum(t["head"] == 0 for t in s[0]["tokens"]))' "$SCRATCH/long.json")" \
    "1 True 100000 391"
expect_ok "long sentence conllu" "$FLANK" parse "$SCRATCH/long.txt"
contains "conllu says truncated" "$OUT" "# truncated"
printf 'THE NAVY SEIZED TWO SHIPS OFF THE COAST OF LIBYA.\n' >"$SCRATCH/caps.txt"
expect_ok "all caps" "$FLANK" parse "$SCRATCH/caps.txt"
contains "all caps root" "$OUT" "	root	"
printf 'La marine a saisi deux navires au large de la Libye. Флот захватил два судна.\n' >"$SCRATCH/fr.txt"
expect_ok "not English" "$FLANK" parse --json "$SCRATCH/fr.txt"
contains "not English parsed" "$OUT" "\"deprel\""
: >"$SCRATCH/empty.txt"
expect_fail "empty file" "$FLANK" parse "$SCRATCH/empty.txt"
contains "empty: says so" "$ERR" "flank: $SCRATCH/empty.txt: empty"
expect_fail "binary" "$FLANK" parse /bin/sh
contains "binary: clear error" "$ERR" "flank: /bin/sh:"
expect_fail "no file" "$FLANK" parse "$SCRATCH/missing.txt"
expect_fail "two files" "$FLANK" parse "$SCRATCH/two.txt" "$SCRATCH/two.txt"
expect_fail "bad option" "$FLANK" parse --frobnicate "$SCRATCH/two.txt"

# broken models name their file
printf 'not a model' >"$SCRATCH/bad.bin"
expect_fail "garbage model" env FLANK_PARSE_MODEL="$SCRATCH/bad.bin" "$FLANK" parse "$SCRATCH/two.txt"
contains "garbage model named" "$ERR" "flank: $SCRATCH/bad.bin: not a flank parser model"
head -c 100000 "$REPO/data/model/parse-en_ewt.bin.gz" >"$SCRATCH/cut.bin.gz"
expect_fail "truncated model" env FLANK_PARSE_MODEL="$SCRATCH/cut.bin.gz" "$FLANK" parse "$SCRATCH/two.txt"
contains "truncated model named" "$ERR" "flank: $SCRATCH/cut.bin.gz:"
gzip -dc "$REPO/data/model/parse-en_ewt.bin.gz" | head -c 300000 >"$SCRATCH/cut.bin"
expect_fail "truncated plain model" env FLANK_PARSE_MODEL="$SCRATCH/cut.bin" "$FLANK" parse "$SCRATCH/two.txt"
contains "truncated plain model named" "$ERR" "flank: $SCRATCH/cut.bin: truncated"
expect_fail "missing model" env FLANK_PARSE_MODEL="$SCRATCH/none.bin" "$FLANK" parse "$SCRATCH/two.txt"
contains "missing model named" "$ERR" "flank: $SCRATCH/none.bin:"
