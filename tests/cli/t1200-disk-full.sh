# t1200-disk-full.sh: a disk that fills during ingest (issue 20, item 1).
# The file size limit (ulimit -f, SIGXFSZ ignored so writes fail with
# EFBIG) stands in for a full disk: SQLite's writes fail the same way.
# Every document the output calls added must be stored, the others are
# reported failed, and the exit status says the ingest failed.
. "$(dirname "$0")/lib.sh"

write_reports "$SCRATCH/src" 300 40

# ingest_limited KB BATCH: ingest the folder with files limited to KB.
ingest_limited() {
    rm -f "$SCRATCH/t.db" "$SCRATCH/t.db-wal" "$SCRATCH/t.db-shm"
    (trap '' XFSZ; ulimit -f $(($1 * 2)); exec "$FLANK" ingest --db "$SCRATCH/t.db" --json --batch "$2" "$SCRATCH/src") \
        >"$SCRATCH/out" 2>"$SCRATCH/err"
    RC=$?
    OUT=$(cat "$SCRATCH/out"); ERR=$(cat "$SCRATCH/err")
    ADDED=$(grep -c '"status":"added"' "$SCRATCH/out")
    FAILED=$(grep -c '"status":"failed"' "$SCRATCH/out")
    STORED=$(sqlite3 "$SCRATCH/t.db" 'select count(*) from documents' 2>/dev/null || echo 0)
}

# The last batch's commit (at the end of the run) fails.
ingest_limited 1000 1000
equals "failed last commit: exit status 1" "$RC" 1
equals "failed last commit: nothing reported added" "$ADDED" 0
equals "failed last commit: nothing stored" "$STORED" 0
equals "failed last commit: every document reported failed" "$FAILED" 300
contains "failed last commit: says the batch was not stored" "$ERR" "the 300 documents of the batch were not stored"
lacks "failed last commit: no success line" "$ERR" "300 added"

# A commit in the middle of the run fails: the earlier batches are stored.
ingest_limited 2000 50
equals "failed commit mid-run: exit status 1" "$RC" 1
equals "failed commit mid-run: added means stored" "$ADDED" "$STORED"
equals "failed commit mid-run: the lost batch reported failed" "$FAILED" 50
contains "failed commit mid-run: says so" "$ERR" "the 50 documents of the batch were not stored"
expect_ok "failed commit mid-run: the database is whole" "$FLANK" check --db "$SCRATCH/t.db"

# With room, the same folder goes in whole.
ingest_limited 100000 50
equals "room enough: exit 0" "$RC" 0
equals "room enough: all added" "$ADDED/$STORED" "300/300"
