#!/bin/sh
# run.sh: runs every unit test program and every CLI script once per build
# folder given (e.g. build build-san) and ends with "N passed, N failed".
# A unit program counts one result per cmocka test; a CLI script one per
# check it makes (tests/cli/lib.sh); with FUZZ_SMOKE_SECONDS set, each fuzz
# target one (tests/fuzz/smoke.sh).
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
tally=$(mktemp)
trap 'rm -f "$tally"' EXIT
for build in "$@"; do
    echo "== $build"
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] || continue
        out=$("$t" 2>&1)
        p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
        f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
        p=${p:-0}; f=${f:-0}
        if [ "$p" = 0 ] && [ "$f" = 0 ]; then f=1; fi   # crashed before reporting
        if [ "$f" != 0 ]; then printf '%s\n' "$out"; fi
        printf '%-40s %s passed, %s failed\n' "${t##*/}" "$p" "$f"
        passed=$((passed + p)); failed=$((failed + f))
    done
    for s in tests/cli/t[0-9]*.sh; do
        [ -f "$s" ] || continue
        : >"$tally"
        FLANK="$PWD/$build/flank" TALLY="$tally" sh "$s" >"$tally.out" 2>&1
        rc=$?
        p=$(grep -c '^ok' "$tally" || true)
        f=$(grep -c '^not ok' "$tally" || true)
        if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; echo "not ok $s exited $rc" >>"$tally"; fi
        if [ "$f" != 0 ]; then grep '^not ok' "$tally"; tail -20 "$tally.out"; fi
        printf '%-40s %s passed, %s failed\n' "${s##*/}" "$p" "$f"
        passed=$((passed + p)); failed=$((failed + f))
        rm -f "$tally.out"
    done
done
# The fuzz targets, each for a short smoke run, when `make test` built them.
if [ -n "${FUZZ_SMOKE_SECONDS:-}" ]; then
    echo "== build-fuzz"
    tests/fuzz/smoke.sh "$FUZZ_SMOKE_SECONDS" >"$tally" 2>&1
    cat "$tally"
    p=$(grep -c '^ok' "$tally" || true); f=$(grep -c '^not ok' "$tally" || true)
    passed=$((passed + p)); failed=$((failed + f))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
