#!/bin/sh
# demo.sh: the main job on the embedded default. Ingests the project's own
# sample corpus (samples/: short documents written for flank) into a fresh
# SQLite database, then runs searches, a dossier and a timeline. The two
# seed documents of ../shared/corpus/seeds (real reporting, kept beside the
# repository by the project, not part of it) are added when that folder is
# there; the demo says which it used and needs neither.
set -e
FLANK=${1:-build/flank}
cd "$(dirname "$0")/.."
DB=${FLANK_DEMO_DB:-build/demo.db}
SEEDS=${FLANK_DEMO_SEEDS:-../shared/corpus/seeds}
rm -f "$DB" "$DB-wal" "$DB-shm"
set -- samples/*.txt samples/*.md samples/*.html samples/*.gz
echo "The demo ingests the $# sample documents of samples/ (written for flank; see samples/README.md)."
if [ -d "$SEEDS" ]; then
    set -- "$@" "$SEEDS"
    echo "It adds the seed documents of $SEEDS (real reporting, beside the repository)."
    shown="samples/... $SEEDS"
else
    echo "($SEEDS is not here: that optional folder holds real seed documents; the samples suffice.)"
    shown="samples/..."
fi
echo
echo "\$ flank ingest --db $DB $shown"
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
echo "To type 'flank' alone: export PATH=$(cd "$(dirname "$FLANK")" && pwd):\$PATH, or 'make install'."
