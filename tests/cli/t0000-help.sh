# t0000-help.sh: every command answers --help on stdout and exits 0.
. "$(dirname "$0")/lib.sh"

expect_ok "flank --help" "$FLANK" --help
for c in $(printf '%s\n' "$OUT" | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
    expect_ok "$c --help" "$FLANK" "$c" --help
    contains "$c usage" "$OUT" "usage: flank $c"
done
expect_fail "unknown command" "$FLANK" frobnicate
contains "says so" "$ERR" "flank: frobnicate: no such command"
