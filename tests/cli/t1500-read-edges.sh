# t1500-read-edges.sh: bytes the read stage used to misread (issue 20,
# items 9 and 11): UTF-8 with a charset declaration that disagrees,
# UTF-16 without a byte-order mark, a NUL past the first 64 KiB.
. "$(dirname "$0")/lib.sh"

printf 'Caf\303\251 talks\n\nThe minister met envoys in Alg\303\251rie on Monday.\n' >"$SCRATCH/u8.txt"
iconv -f UTF-8 -t UTF-16LE "$SCRATCH/u8.txt" >"$SCRATCH/le.txt"
iconv -f UTF-8 -t UTF-16BE "$SCRATCH/u8.txt" >"$SCRATCH/be.txt"
for f in le be; do
    expect_ok "UTF-16 without a BOM ($f)" "$FLANK" extract --body "$SCRATCH/$f.txt"
    contains "read as text ($f)" "$OUT" "Algérie on Monday"
    contains "with a note ($f)" "$ERR" "no byte-order mark, read as UTF-16$(echo $f | tr a-z A-Z)"
done

{ head -c 70000 /dev/zero | tr '\0' 'a'; printf ' \000tail\n'; } >"$SCRATCH/late-nul.txt"
expect_fail "a NUL past 64 KiB is not dropped silently" "$FLANK" extract --body "$SCRATCH/late-nul.txt"
contains "says where" "$ERR" "a NUL byte at byte 70002"

for cs in utf-16 shift_jis; do
    printf '<html><head><meta charset="%s"><title>Caf\303\251 news</title></head>' "$cs" >"$SCRATCH/$cs.html"
    printf '<body><p>Caf\303\251 talks were held in Tunis today.</p></body></html>\n' >>"$SCRATCH/$cs.html"
    expect_ok "UTF-8 declared as $cs" "$FLANK" extract --json "$SCRATCH/$cs.html"
    contains "keeps its title ($cs)" "$OUT" '"title": "Café news"'
    contains "and its text ($cs)" "$OUT" "Café talks were held"
    contains "says what it did ($cs)" "$ERR" "declared as $cs but the bytes are UTF-8: read as UTF-8"
done
# A declaration that fits the bytes is still honoured.
printf '<html><head><meta charset="iso-8859-15"><title>Caf\351 \244</title></head><body><p>Caf\351 talks ' \
    >"$SCRATCH/l9.html"
printf 'were held in Tunis today.</p></body></html>\n' >>"$SCRATCH/l9.html"
expect_ok "a true Latin-9 page" "$FLANK" extract --json "$SCRATCH/l9.html"
contains "transcoded" "$OUT" '"title": "Café €"'

# A tag with thousands of attributes (gumbo is quadratic in them: 100,000
# took 35 s) is refused with a reason before parsing (item 12).
awk 'BEGIN { printf "<html><body><p a0=\"x\""; for (i = 1; i < 5000; i++) printf " a%d=\"v>%d\"", i, i
    print ">Malta and Tunisia held talks.</p></body></html>" }' >"$SCRATCH/crowded.html"
expect_fail "a tag with 5,000 attributes" "$FLANK" extract --body "$SCRATCH/crowded.html"
contains "says why" "$ERR" "a tag with more than 1000 attributes at byte 13"
awk 'BEGIN { printf "<html><body><p a0=\"x\""; for (i = 1; i < 900; i++) printf " a%d", i
    print ">Malta and Tunisia held talks.</p></body></html>" }' >"$SCRATCH/busy.html"
expect_ok "900 attributes are fine" "$FLANK" extract --body "$SCRATCH/busy.html"
contains "and read" "$OUT" "Malta and Tunisia held talks."
