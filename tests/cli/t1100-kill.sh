# t1100-kill.sh: SIGKILL in the middle of an ingest leaves every document
# whole or absent, the database intact, and a re-run completes the job.
. "$(dirname "$0")/lib.sh"

# More documents than two batches (of 500 here), so the kill lands after
# a commit and before the end, however fast the machine.
N=1500
mkdir -p "$SCRATCH/corpus"
i=0
while [ $i -lt $N ]; do
    { cat "$REPO/samples/sahel-brief.txt"; echo; echo "Copy $i of the kill test."; } >"$SCRATCH/corpus/d$i.txt"
    i=$((i + 1))
done
"$FLANK" ingest --quiet --batch 500 "$SCRATCH/corpus" 2>/dev/null &
pid=$!
# Wait until some documents are in, then kill without warning.
n=0; tries=0
while [ "$n" -lt 1 ] && [ $tries -lt 600 ]; do
    sleep 0.05; tries=$((tries + 1))
    n=$(sqlite3 "$FLANK_DB" 'select count(*) from documents' 2>/dev/null || echo 0)
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
n=$(sqlite3 "$FLANK_DB" 'select count(*) from documents')
[ "$n" -gt 0 ] && [ "$n" -lt $N ] && ok "killed mid-ingest ($n of $N stored)" || not_ok "kill timing: $n documents"
equals "integrity_check" "$(sqlite3 "$FLANK_DB" 'pragma integrity_check')" "ok"
partial=$(sqlite3 "$FLANK_DB" 'select count(*) from documents d where n_sentences != (select count(*) from sentences s where s.doc_id = d.id)')
equals "no half-written document" "$partial" "0"
expect_ok "flank check: indexes agree with the text" "$FLANK" check
contains "says ok" "$OUT" "ok: $n documents"
expect_ok "re-run completes" "$FLANK" ingest --quiet "$SCRATCH/corpus"
equals "all stored once" "$(sqlite3 "$FLANK_DB" 'select count(*) from documents')" "$N"
expect_ok "flank check after the re-run" "$FLANK" check

# References are not enforced at insert (store_sqlite.c) but checked: a
# mention of a document that is not there makes `flank check` fail.
sqlite3 "$FLANK_DB" "insert into mentions(doc_id, entity, count, spans) values(99999, 'country:LY', 1, '[[0,5]]')"
expect_fail "flank check: a row of a missing document" "$FLANK" check
contains "says which" "$ERR" "rows pointing to missing documents"
sqlite3 "$FLANK_DB" "delete from mentions where doc_id = 99999"

# Both full-text indexes are compared with the text they were made from
# (the store tokenizes a document once for both): a text changed behind
# the indexes' back is found.
expect_ok "flank check: back to sound" "$FLANK" check
sqlite3 "$FLANK_DB" "update documents set text = replace(text, 'Sahel', 'Sahil') where id = 1"
expect_fail "flank check: an index that no longer matches the text" "$FLANK" check
contains "says which" "$ERR" "full-text index check"
sqlite3 "$FLANK_DB" "update documents set text = replace(text, 'Sahil', 'Sahel') where id = 1"
expect_ok "flank check: the text put back" "$FLANK" check
# The entity index (FTS5 over each document's entity ids) is compared
# with the mentions it was made from.
sqlite3 "$FLANK_DB" "update mentions set entity = 'country:ZZ' where (doc_id, entity) = (select doc_id, entity from mentions limit 1)"
expect_fail "flank check: an entity index that no longer matches the mentions" "$FLANK" check
contains "says which" "$ERR" "full-text index check"
