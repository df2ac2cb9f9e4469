# t8200-pdf.sh: PDF reports (issue 19), made by tests/intake/mkpdf.py: the
# text in reading order with running headers, footers and page numbers
# gone and hyphenated words joined (word F1 >= 0.98 against the text put
# in), title, author and date from the document information or the first
# page, a scan refused with its reason, a damaged file refused, a PDF by
# URL, and failures that leave the database as it was.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/httpd.sh"
MK=$REPO/tests/intake/mkpdf.py
mkdir -p "$SCRATCH/files"
python3 "$MK" "$SCRATCH/files/r100.pdf" "$SCRATCH/r100.words" --pages 100
python3 "$MK" "$SCRATCH/r3.pdf" "$SCRATCH/r3.words" --pages 3 --no-info
python3 "$MK" "$SCRATCH/scan.pdf" "$SCRATCH/scan.words" --pages 2 --scanned
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%%%EOF\n' >"$SCRATCH/damaged.pdf"
start_httpd "$SCRATCH/files"

expect_ok "a 100-page report" "$FLANK" extract --body "$SCRATCH/files/r100.pdf"
printf '%s\n' "$OUT" >"$SCRATCH/r100.out"
f1=$(python3 "$REPO/tests/intake/wordf1.py" "$SCRATCH/r100.words" "$SCRATCH/r100.out" | cut -d' ' -f1)
awk -v f="$f1" 'BEGIN { exit !(f >= 0.98) }' && ok "word F1 $f1 >= 0.98" || not_ok "word F1 $f1 < 0.98"
lacks "no running header" "$OUT" "Security Review - Draft"
lacks "no page numbers" "$OUT" "of 100"
lacks "no hyphen left at a cut" "$OUT" "- "
expect_ok "its metadata" "$FLANK" extract --json "$SCRATCH/files/r100.pdf"
contains "title from the document information" "$OUT" '"title": "Maritime Cooperation in the Central Mediterranean"'
contains "author" "$OUT" '"Jane Analyst"'
contains "date" "$OUT" '"published": "2024-03-15"'
expect_ok "a report without document information" "$FLANK" extract --json "$SCRATCH/r3.pdf"
contains "title from the first page" "$OUT" '"title": "Maritime Cooperation in the Central Mediterranean"'
printf '%s\n' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["text"])' >"$SCRATCH/r3.out"
f1=$(python3 "$REPO/tests/intake/wordf1.py" "$SCRATCH/r3.words" "$SCRATCH/r3.out" | cut -d' ' -f1)
awk -v f="$f1" 'BEGIN { exit !(f >= 0.98) }' && ok "3 pages: word F1 $f1 >= 0.98" || not_ok "3 pages: F1 $f1"

expect_ok "ingest a PDF" "$FLANK" ingest --json "$SCRATCH/files/r100.pdf"
contains "added" "$OUT" '"status":"added"'
expect_ok "search it" "$FLANK" search --json "counterterrorism training"
contains "finds it" "$OUT" "Maritime Cooperation in the Central Mediterranean"
before=$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM documents; SELECT count(*) FROM sentences")
expect_fail "a scanned PDF" "$FLANK" ingest "$SCRATCH/scan.pdf"
contains "is refused with the reason" "$ERR" "flank: $SCRATCH/scan.pdf: a scanned PDF: its 2 pages have no text layer"
expect_fail "a damaged PDF" "$FLANK" ingest "$SCRATCH/damaged.pdf"
contains "is refused" "$ERR" "flank: $SCRATCH/damaged.pdf: a PDF poppler cannot open"
equals "failures store nothing" "$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM documents; SELECT count(*) FROM sentences")" \
    "$before"
expect_ok "the same report by URL" "$FLANK" ingest --json --delay 0 "$BASE/files/r100.pdf"
contains "is the same content" "$OUT" '"status":"unchanged"'
export FLANK_DB=$SCRATCH/url.db
expect_ok "a PDF by URL" "$FLANK" ingest --json --delay 0 "$BASE/files/r100.pdf"
contains "is added" "$OUT" '"status":"added"'
expect_ok "show it" "$FLANK" show --json 1
contains "under its URL" "$OUT" "\"source\": \"$BASE/files/r100.pdf\""
contains "with its title" "$OUT" "Maritime Cooperation in the Central Mediterranean"
