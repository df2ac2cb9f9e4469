# t1000-ingest.sh: ingest of good and bad sources, exit codes, dedup.
. "$(dirname "$0")/lib.sh"

expect_ok "ingest both seeds" "$FLANK" ingest "$SEEDS"
contains "progress line counts them" "$ERR" "2 added"
expect_ok "re-ingest is a no-op" "$FLANK" ingest "$SEEDS"
contains "says unchanged" "$ERR" "already stored as document"
contains "counts unchanged" "$ERR" "0 added, 2 unchanged"
# The store tokenizes each text once, for the sentence index; the check
# re-tokenizes every sentence and title and compares.
expect_ok "indexes agree with the text of the seeds" "$FLANK" check

# A folder with one bad file among good ones.
mkdir -p "$SCRATCH/mixed/sub"
printf 'Good one\nTunisia and Libya signed a maritime accord.\n' >"$SCRATCH/mixed/a.txt"
printf 'bin\000ary' >"$SCRATCH/mixed/b.txt"
printf 'Good two\nEgypt hosted the talks.\n' >"$SCRATCH/mixed/sub/c.txt"
: >"$SCRATCH/mixed/empty.txt"
"$FLANK" ingest "$SCRATCH/mixed" >"$SCRATCH/out" 2>"$SCRATCH/err"
equals "mixed folder exits 3 (partial)" "$?" 3
ERR=$(cat "$SCRATCH/err")
contains "names the binary file" "$ERR" "flank: $SCRATCH/mixed/b.txt: binary data, not text"
contains "names the empty file" "$ERR" "flank: $SCRATCH/mixed/empty.txt: empty"
contains "good files stored" "$ERR" "2 added"
expect_ok "good file searchable" "$FLANK" search Egypt
contains "finds the nested file" "$OUT" "sub/c.txt"

# Encodings.
printf 'Caf\351 talks\nThe minister\222s visit to Alg\351rie.\n' >"$SCRATCH/cp1252.txt"
expect_ok "Windows-1252 is transcoded" "$FLANK" ingest "$SCRATCH/cp1252.txt"
contains "with a note" "$ERR" "read as Windows-1252"
expect_ok "stored as UTF-8" "$FLANK" search "Algérie"
contains "accent kept" "$OUT" "minister’s visit"
printf 'bad \201\215\217 bytes and more text\n' >"$SCRATCH/bad.txt"
expect_fail "invalid UTF-8 fails" "$FLANK" ingest "$SCRATCH/bad.txt"
contains "says why" "$ERR" "invalid UTF-8 at byte 4"

# Sizes and paths.
truncate -s 200M "$SCRATCH/huge.txt"
expect_fail "200 MB file refused" "$FLANK" ingest "$SCRATCH/huge.txt"
contains "over the limit" "$ERR" "over the 64 MB limit"
head -c 70000000 /dev/zero | tr '\0' 'a' | gzip -1 >"$SCRATCH/bomb.txt.gz"
expect_fail "gzip past the limit refused" "$FLANK" ingest "$SCRATCH/bomb.txt.gz"
contains "once uncompressed" "$ERR" "once uncompressed"
expect_fail "missing path" "$FLANK" ingest "$SCRATCH/nope.txt"
contains "no such file" "$ERR" "nope.txt: No such file or directory"
printf 'Secret\nText.\n' >"$SCRATCH/locked.txt"; chmod 000 "$SCRATCH/locked.txt"
if [ "$(id -u)" != 0 ]; then
    expect_fail "unreadable file" "$FLANK" ingest "$SCRATCH/locked.txt"
    contains "permission denied" "$ERR" "Permission denied"
fi

# stdin, gzip, JSON.
printf 'Piped\nMorocco and Spain resumed talks.\n' | gzip | "$FLANK" ingest --json - >"$SCRATCH/out" 2>&1
contains "stdin gzip ingested" "$(cat "$SCRATCH/out")" '"status":"added"'
expect_ok "stdin searchable" "$FLANK" search Morocco
contains "source is stdin" "$OUT" "stdin"

# A failed ingest leaves the database as it was.
before=$(sqlite3 "$FLANK_DB" 'select count(*) from documents; select count(*) from sentences;')
"$FLANK" ingest "$SCRATCH/bad.txt" "$SCRATCH/mixed/b.txt" 2>/dev/null
after=$(sqlite3 "$FLANK_DB" 'select count(*) from documents; select count(*) from sentences;')
equals "failed ingest changes nothing" "$after" "$before"

expect_fail "no sources is a usage error" "$FLANK" ingest
expect_fail "unknown option" "$FLANK" ingest --bogus x
contains "names the option" "$ERR" "flank: --bogus: unknown option"
expect_fail "bad batch size" "$FLANK" ingest --batch 0 "$REPO/samples"
contains "says the range" "$ERR" "--batch wants a number of documents between 1 and 100000"
