# t8300-dedup.sh: near-duplicates (issue 19) on the set tests/intake/mkdups.py
# writes: six articles, each with two syndicated copies (another site's
# header, menu and footer, one paragraph rewritten) and a summary quoting
# it, and eight unrelated articles sharing a boilerplate paragraph. Every
# copy must be linked to its original and no other pair; show lists them;
# a deleted original leaves its copies independent.
. "$(dirname "$0")/lib.sh"
python3 "$REPO/tests/intake/mkdups.py" "$SCRATCH/set"
mv "$SCRATCH/set/expected.tsv" "$SCRATCH/expected.tsv"

expect_ok "ingest the set" "$FLANK" ingest -q "$SCRATCH/set"
got=$(sqlite3 -separator '	' "$FLANK_DB" "SELECT replace(d.source, '$SCRATCH/set/', ''),
    coalesce((SELECT replace(o.source, '$SCRATCH/set/', '') FROM dup_links l JOIN documents o ON o.id = l.original_id
              WHERE l.doc_id = d.id), '-') FROM documents d ORDER BY d.source")
want=$(sort "$SCRATCH/expected.tsv")
missed=0; wrong=0
while IFS='	' read -r file orig; do
    g=$(printf '%s\n' "$got" | awk -F'\t' -v f="$file" '$1 == f { print $2 }')
    if [ "$orig" != "-" ] && [ "$g" != "$orig" ]; then missed=$((missed + 1)); echo "missed: $file -> $g" >&2; fi
    if [ "$orig" = "-" ] && [ "$g" != "-" ]; then wrong=$((wrong + 1)); echo "wrong: $file -> $g" >&2; fi
done <<EOF2
$want
EOF2
equals "every copy found" "$missed" 0
equals "no unrelated pair linked" "$wrong" 0
equals "18 links" "$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM dup_links")" 18
equals "independent documents" "$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM independent_documents")" 14

orig=$(sqlite3 "$FLANK_DB" "SELECT id FROM documents WHERE source LIKE '%a-01-original.html'")
copy=$(sqlite3 "$FLANK_DB" "SELECT id FROM documents WHERE source LIKE '%b-01-copy1.html'")
expect_ok "show the original" "$FLANK" show "$orig"
contains "lists its copies" "$OUT" "copies     doc $copy ("
contains "the summary too" "$OUT" "d-01-summary.txt"
expect_ok "show a copy" "$FLANK" show --json "$copy"
contains "names its original" "$OUT" "\"copy_of\": {"
contains "with its id" "$OUT" "\"id\": $orig"
expect_ok "delete the original" "$FLANK" delete "$orig"
equals "its copies are independent" \
    "$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM dup_links WHERE original_id = $orig OR doc_id = $orig")" 0
expect_ok "check" "$FLANK" check
