# t6100-backup-delete.sh: `flank backup`, `flank delete` and
# `flank check --repair` (issue 20, item 17).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.sh"

"$FLANK" ingest --quiet "$SEEDS"
for i in 1 2 3; do printf 'Note %s\nMalta and Tunisia held talks, round %s.\n' "$i" "$i" >"$SCRATCH/n$i.txt"; done
"$FLANK" ingest --quiet "$SCRATCH/n1.txt"

# A backup while a server holds the database open and has just stored
# documents (still in the WAL, where a copy of the file misses them).
WEB=$SCRATCH/web; mkdir -p "$WEB"; echo '<p>x' >"$WEB/index.html"
serve_start --web "$WEB" || not_ok "server starts"
TOKEN=$(cat "$FLANK_DB.token")
for i in 2 3; do
    http POST "/api/ingest?name=n$i.txt" -H "Authorization: Bearer $TOKEN" --data-binary @"$SCRATCH/n$i.txt"
done
status "uploads stored" 201
expect_ok "backup while the server runs" "$FLANK" backup "$SCRATCH/copy.db"
contains "says how many" "$OUT" "backed up 5 documents to $SCRATCH/copy.db"
serve_stop
expect_ok "the backup is whole" "$FLANK" check --db "$SCRATCH/copy.db"
contains "with every document" "$OUT" "ok: 5 documents"
expect_ok "and searchable" "$FLANK" search --db "$SCRATCH/copy.db" "round 3"
contains "finds the last upload" "$OUT" "api:n3.txt"
expect_fail "a backup never overwrites" "$FLANK" backup "$SCRATCH/copy.db"
contains "says so" "$ERR" "already exists"
expect_fail "backup of a missing database" "$FLANK" backup --db "$SCRATCH/none.db" "$SCRATCH/c2.db"

# delete: the document and everything derived from it, index included.
expect_ok "delete a seed document" "$FLANK" delete 1
contains "says which" "$OUT" "deleted document 1"
expect_ok "the database is whole after it" "$FLANK" check
equals "no rows of it left" "$(sqlite3 "$FLANK_DB" "select (select count(*) from sentences where doc_id = 1)
    + (select count(*) from mentions where doc_id = 1) + (select count(*) from relations where doc_id = 1)
    + (select count(*) from claims where doc_id = 1) + (select count(*) from dates where doc_id = 1)")" 0
expect_ok "search after delete" "$FLANK" search --json "round"
lacks "deleted document not found" "$OUT" '"id": 1,'
"$FLANK" delete 3 999 >"$SCRATCH/out" 2>"$SCRATCH/err"
equals "one missing of two: exit 3" "$?" 3
contains "names the missing one" "$(cat "$SCRATCH/err")" "999: no such document"
expect_fail "the deleted document is gone" "$FLANK" show 3
expect_ok "re-ingesting a deleted document adds it again" "$FLANK" ingest "$SCRATCH/n1.txt"
contains "added" "$ERR" "1 added"

# check --repair rebuilds what derives from the stored documents.
sqlite3 "$FLANK_DB" "delete from doc_stats; update documents set spans = x'0102';
    delete from sentences_fts_data where id > 10;"
expect_fail "check finds the damage" "$FLANK" check
expect_ok "check --repair mends it" "$FLANK" check --repair
contains "says so" "$OUT" "repaired"
expect_ok "and check agrees" "$FLANK" check
expect_ok "search works again" "$FLANK" search "round"
contains "finds" "$OUT" "Note"
