#!/bin/sh
# demo.sh: the main job on the embedded default. Ingests the sample corpus
# (and the seed documents when ../shared is beside the repository) into a
# fresh SQLite database, then runs searches, a dossier and a timeline.
set -e
FLANK=${1:-build/flank}
cd "$(dirname "$0")/.."
DB=build/demo.db
rm -f "$DB" "$DB-wal" "$DB-shm"
set -- samples/*.txt samples/*.md samples/*.html samples/*.gz
[ -d ../shared/corpus/seeds ] && set -- "$@" ../shared/corpus/seeds
echo "\$ flank ingest --db $DB samples/... ../shared/corpus/seeds"
"$FLANK" ingest --db "$DB" "$@"
echo
echo "\$ flank search --db $DB '\"naval base\"'"
"$FLANK" search --db "$DB" '"naval base"'
echo
echo "\$ flank search --db $DB 'Sahel AND (France OR Russia)' --limit 3"
"$FLANK" search --db "$DB" 'Sahel AND (France OR Russia)' --limit 3
echo
echo "\$ flank dossier --db $DB country:RU | head -30"
"$FLANK" dossier --db "$DB" country:RU | head -30
echo
echo "\$ flank timeline --db $DB --since 2020"
"$FLANK" timeline --db "$DB" --since 2020
echo
echo "The database is $DB; try: $FLANK search --db $DB 'YOUR QUERY',"
echo "or $FLANK serve --db $DB and open http://127.0.0.1:8080/"
