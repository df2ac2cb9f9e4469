# t0000-help.sh: every command answers --help on stdout and exits 0.
. "$(dirname "$0")/lib.sh"

expect_ok "flank --help" "$FLANK" --help
for c in $(printf '%s\n' "$OUT" | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
    expect_ok "$c --help" "$FLANK" "$c" --help
    contains "$c usage" "$OUT" "usage: flank $c"
done
expect_fail "unknown command" "$FLANK" frobnicate
contains "says so" "$ERR" "flank: frobnicate: no such command"

# Start-up (issue 21): a one-shot command loads neither the HTTP server's
# library nor OpenSSL; `flank serve` opens libmicrohttpd itself.
if command -v ldd >/dev/null; then
    libs=$(ldd "$FLANK")
    lacks "no libmicrohttpd at start" "$libs" "libmicrohttpd"
    lacks "no libcrypto at start" "$libs" "libcrypto"
fi
