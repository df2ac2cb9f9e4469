# t1400-control-chars.sh: control characters in titles, authors and file
# names reach no terminal raw (issue 20, item 10): the CLI writes them as
# \xHH; --json keeps them, escaped as JSON does.
. "$(dirname "$0")/lib.sh"

esc=$(printf '\033')
name="$SCRATCH/$(printf 'bell\007and\033[31mred').txt"
printf 'Plain title\nMalta hosted talks with Tunisia.\n' >"$name"
# Raw control bytes make a file binary; character references reach the text.
printf '<html><head><title>Page &#x1b;[2J title</title><meta name="author" content="Ann &#27;[5m Lee">' \
    >"$SCRATCH/page.html"
printf '</head><body><p>Libya and Egypt met again in Cairo for talks.</p></body></html>\n' >>"$SCRATCH/page.html"
expect_ok "ingest files with control characters" "$FLANK" ingest "$name" "$SCRATCH/page.html"
expect_ok "ingest again (messages name the file)" "$FLANK" ingest "$name"
lacks "no raw ESC on stderr" "$ERR" "$esc"
contains "the file name escaped" "$ERR" 'bell\x07and\x1b[31mred.txt'
for cmd in "search talks" "show 1" "show 2" "timeline" "entities"; do
    # shellcheck disable=SC2086
    expect_ok "$cmd" "$FLANK" $cmd
    lacks "$cmd: no raw ESC" "$OUT" "$esc"
    lacks "$cmd: no raw BEL" "$OUT" "$(printf '\007')"
done
expect_ok "search shows" "$FLANK" search talks
contains "the escaped name" "$OUT" 'bell\x07and\x1b[31mred.txt'
contains "the escaped title" "$OUT" 'Page \x1b[2J title'
expect_ok "show the page" "$FLANK" show 2
contains "the escaped author" "$OUT" 'Ann \x1b[5m Lee'
expect_ok "search --json" "$FLANK" search --json talks
contains "JSON escapes it its own way" "$OUT" 'bell\u0007and\u001B[31mred.txt'
