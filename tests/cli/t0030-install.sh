# t0030-install.sh: `make install` with PREFIX and DESTDIR puts flank in
# PREFIX/bin and its data, pack and web UI in PREFIX/share/flank, and the
# installed binary reads them from there (an entity added to the installed
# pack only is linked; the installed web UI is served), and says how to
# reach it on PATH. Plain build only (the sanitized pass would install
# the same files).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.sh"

case "$FLANK" in
*/build/flank) ;;
*) ok "make install checked with the plain build only"; exit 0 ;;
esac

ROOT=$SCRATCH/root
PREFIX=/opt/flank-test
expect_ok "make install" env -u MAKEFLAGS -u MAKELEVEL make -C "$REPO" --no-print-directory \
    DESTDIR="$ROOT" PREFIX="$PREFIX" install
contains "PATH hint" "$OUT" "export PATH=$PREFIX/bin:"
BIN=$ROOT$PREFIX/bin/flank
SHARE=$ROOT$PREFIX/share/flank
[ -x "$BIN" ] && ok "binary installed" || not_ok "no $BIN"
for d in data/patterns data/pack pack web; do
    [ -d "$SHARE/$d" ] && ok "installed $d" || not_ok "no $SHARE/$d"
done

# The installed binary reads the installed pack, not the source tree's.
printf 'id\ttype\tname\taliases\tattrs\ngroup:installcheck\tgroup\tQuillfeather Column\tQuillfeather Column\t\n' \
    >"$SHARE/data/pack/entities/installcheck.tsv"
printf 'Report\n\nThe Quillfeather Column crossed into Niger at dawn.\n' >"$SCRATCH/report.txt"
expect_ok "installed binary extracts" env -u FLANK_DATA -u FLANK_GENPACK "$BIN" extract --json "$SCRATCH/report.txt"
contains "installed pack used" "$OUT" "group:installcheck"
contains "installed generated pack used" "$OUT" "country:NE"
expect_ok "source tree binary" "$FLANK" extract --json "$SCRATCH/report.txt"
lacks "source tree pack unchanged" "$OUT" "group:installcheck"

# The installed binary reads the installed parser model.
expect_ok "installed binary parses" env -u FLANK_DATA -u FLANK_PARSE_MODEL "$BIN" parse --json "$SCRATCH/report.txt"
contains "installed model used" "$OUT" "$ROOT$PREFIX/bin/../share/flank/data/model/parse-en_ewt.bin.gz"

# The installed web UI is served.
echo '<!-- installed copy -->' >>"$SHARE/web/index.html"
FLANK=$BIN
"$FLANK" ingest -q "$REPO/samples/sahel-brief.txt"
if serve_start; then
    http GET /
    contains "installed web UI served" "$BODY" "installed copy"
    serve_stop
else
    not_ok "installed server starts: $(cat "$SCRATCH/serve.log")"
fi
