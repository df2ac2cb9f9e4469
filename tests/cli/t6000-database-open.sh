# t6000-database-open.sh: which files flank opens, and how (issue 20,
# items 14-16; issue 17: a read command names a missing database instead
# of creating it). Read commands open read-only and write nothing; every
# command recognises flank's own databases and refuses others by name,
# before writing anything.
. "$(dirname "$0")/lib.sh"

printf 'Opening note\nMalta and Tunisia held talks on fisheries.\n' >"$SCRATCH/a.txt"
sum() { cat "$1" | sha256sum; }

# A database that does not exist: read commands say so and create nothing.
for cmd in "search Malta" "show 1" "entities" "dossier country:MT" "timeline" "check"; do
    # shellcheck disable=SC2086
    expect_fail "$cmd on a missing database fails" "$FLANK" $cmd --db "$SCRATCH/missing.db"
    contains "$cmd names the missing path" "$ERR" "$SCRATCH/missing.db: no such database"
    if [ -e "$SCRATCH/missing.db" ]; then not_ok "$cmd created the database"; else ok "$cmd created nothing"; fi
done
expect_ok "ingest creates it" "$FLANK" ingest --db "$SCRATCH/made.db" "$SCRATCH/a.txt"
equals "marked as flank's" "$(sqlite3 "$SCRATCH/made.db" 'pragma application_id; pragma user_version' | tr '\n' ' ')" \
    "1181511275 5 "

# Another application's SQLite file and a text file: refused by name, untouched.
sqlite3 "$SCRATCH/other.sqlite" 'create table notes(body); insert into notes values (1);'
before=$(sum "$SCRATCH/other.sqlite")
for cmd in "search Malta" "check" "ingest $SCRATCH/a.txt"; do
    # shellcheck disable=SC2086
    expect_fail "$cmd refuses another application's database" "$FLANK" $cmd --db "$SCRATCH/other.sqlite"
    contains "$cmd says it is not flank's" "$ERR" "$SCRATCH/other.sqlite: not a flank database"
done
equals "the other database is unchanged" "$(sum "$SCRATCH/other.sqlite")" "$before"
equals "and not switched to WAL" "$(sqlite3 "$SCRATCH/other.sqlite" 'pragma journal_mode')" "delete"
equals "no flank tables added" "$(sqlite3 "$SCRATCH/other.sqlite" '.tables')" "notes"
printf 'just some words\n' >"$SCRATCH/words.db"
expect_fail "a text file is no database" "$FLANK" ingest --db "$SCRATCH/words.db" "$SCRATCH/a.txt"
contains "says so" "$ERR" "words.db: not a flank database"
equals "the text file is unchanged" "$(cat "$SCRATCH/words.db")" "just some words"

# A database of a newer flank (here: version 6 without the claims table):
# refused before anything is written.
cp "$SCRATCH/made.db" "$SCRATCH/newer.db"
sqlite3 "$SCRATCH/newer.db" "drop table claims; update meta set value = '6' where key = 'schema_version';
    pragma user_version = 6;"
before=$(sum "$SCRATCH/newer.db")
expect_fail "ingest refuses a newer database" "$FLANK" ingest --db "$SCRATCH/newer.db" "$SCRATCH/a.txt"
contains "says it is newer" "$ERR" "made by a newer flank (schema version 6"
expect_fail "search refuses it too" "$FLANK" search --db "$SCRATCH/newer.db" Malta
equals "the newer database is unchanged" "$(sum "$SCRATCH/newer.db")" "$before"
equals "no table recreated" "$(sqlite3 "$SCRATCH/newer.db" "select count(*) from sqlite_schema where name = 'claims'")" 0

# An earlier flank's database: read commands do not upgrade it.
cp "$SCRATCH/made.db" "$SCRATCH/older.db"
sqlite3 "$SCRATCH/older.db" "update meta set value = '4' where key = 'schema_version'; pragma user_version = 4;"
before=$(sum "$SCRATCH/older.db")
expect_fail "search does not upgrade" "$FLANK" search --db "$SCRATCH/older.db" Malta
contains "says how to" "$ERR" "earlier flank (schema version 4); 'flank check --repair"
equals "the older database is unchanged" "$(sum "$SCRATCH/older.db")" "$before"
# One made before databases were marked (application id 0) is flank's.
cp "$SCRATCH/made.db" "$SCRATCH/unmarked.db"
sqlite3 "$SCRATCH/unmarked.db" "pragma application_id = 0; pragma user_version = 0;"
expect_ok "an unmarked flank database is read" "$FLANK" search --db "$SCRATCH/unmarked.db" Malta
contains "and answers" "$OUT" "Opening note"

# A database the user cannot write (another user's, in a folder it cannot
# write): every read command works, nothing is written.
mkdir -p "$SCRATCH/ro"
cp "$SCRATCH/made.db" "$SCRATCH/ro/flank.db"
if [ "$(id -u)" = 0 ]; then
    chmod 755 "$SCRATCH" "$SCRATCH/ro"; chmod 644 "$SCRATCH/ro/flank.db"
    printf '#!/bin/sh\nexec setpriv --reuid=nobody --regid=nogroup --clear-groups "%s" "$@"\n' "$FLANK" >"$SCRATCH/as-user"
else
    chmod 555 "$SCRATCH/ro"; chmod 444 "$SCRATCH/ro/flank.db"
    printf '#!/bin/sh\nexec "%s" "$@"\n' "$FLANK" >"$SCRATCH/as-user"
fi
chmod 755 "$SCRATCH/as-user"
before=$(sum "$SCRATCH/ro/flank.db")
export FLANK_DB="$SCRATCH/ro/flank.db"
expect_ok "search a read-only database" "$SCRATCH/as-user" search Malta
contains "finds the document" "$OUT" "Opening note"
expect_ok "show from it" "$SCRATCH/as-user" show 1
expect_ok "entities from it" "$SCRATCH/as-user" entities
expect_ok "check it" "$SCRATCH/as-user" check
contains "says what it skipped" "$OUT" "read-only: full-text indexes not compared"
expect_fail "ingest into it fails" "$SCRATCH/as-user" ingest "$SCRATCH/a.txt"
contains "says it cannot write" "$ERR" "cannot write the database"
equals "the read-only database is unchanged" "$(sum "$SCRATCH/ro/flank.db")" "$before"
equals "no file left beside it" "$(ls "$SCRATCH/ro")" "flank.db"
. "$(dirname "$0")/serve.sh"
FLANK=$SCRATCH/as-user
# The web UI's files from a folder that user can read (a project cloned
# under /root, as on a fresh machine, is not readable by nobody).
mkdir -p "$SCRATCH/web" && echo '<!doctype html><p>flank' >"$SCRATCH/web/index.html" && chmod -R a+rX "$SCRATCH/web"
if serve_start --web "$SCRATCH/web"; then ok "serve a read-only database"; else not_ok "serve a read-only database: $(cat "$SCRATCH/serve.log")"; fi
http GET "/api/search?q=Malta"
status "search it over HTTP" 200
contains "the document found" "$BODY" "Opening note"
http POST "/api/ingest?name=x" --data-binary @"$SCRATCH/a.txt"
status "uploads refused" 403
serve_stop
contains "the server said it is read-only" "$ERR" "read-only database: serving reads, uploads refused"
