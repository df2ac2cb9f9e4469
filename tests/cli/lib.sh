# lib.sh: sourced by every tests/cli/t*.sh. Gives each script a scratch
# folder, the flank binary under test ($FLANK) and check helpers that
# record "ok"/"not ok" lines in $TALLY for tests/run.sh to count.
set -u
SHARED=${SHARED:-$(cd "$(dirname "$0")/../../../shared" && pwd)}
SEEDS=$SHARED/corpus/seeds
REPO=$(cd "$(dirname "$0")/../.." && pwd)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
export FLANK_DB=$SCRATCH/flank.db
TALLY=${TALLY:-/dev/stdout}

ok()     { echo "ok $*" >>"$TALLY"; }
not_ok() { echo "not ok $*" >>"$TALLY"; echo "FAILED: $*" >&2; }

# A sanitizer report fails the check whatever the exit status was.
sanitizer_clean() {
    case "$ERR" in
    *"ERROR: AddressSanitizer"*|*"ERROR: LeakSanitizer"*|*"runtime error:"*)
        not_ok "$1: sanitizer report: $(printf '%s' "$ERR" | head -c 600)"; return 1 ;;
    esac
    return 0
}

# expect_ok DESC CMD...: CMD exits 0; its stdout is kept in $OUT, stderr in $ERR.
expect_ok() {
    d=$1; shift
    "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"; rc=$?
    OUT=$(cat "$SCRATCH/out"); ERR=$(cat "$SCRATCH/err")
    sanitizer_clean "$d" || return 0
    if [ $rc = 0 ]; then ok "$d"; else not_ok "$d (exit $rc: $ERR)"; fi
}

# expect_fail DESC CMD...: CMD exits non-zero.
expect_fail() {
    d=$1; shift
    "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"; rc=$?
    OUT=$(cat "$SCRATCH/out"); ERR=$(cat "$SCRATCH/err")
    sanitizer_clean "$d" || return 0
    if [ $rc != 0 ]; then ok "$d"; else not_ok "$d (exit 0)"; fi
}

# contains DESC HAYSTACK NEEDLE
contains() {
    case "$2" in *"$3"*) ok "$1" ;; *) not_ok "$1: no '$3' in: $(printf '%s' "$2" | head -c 400)" ;; esac
}
lacks() {
    case "$2" in *"$3"*) not_ok "$1: unexpected '$3'" ;; *) ok "$1" ;; esac
}
# equals DESC GOT WANT
equals() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1: got '$2', want '$3'"; fi
}

# write_reports DIR N S: N different text documents of S sentences each
# (DIR/d001.txt ...), for tests that need a corpus of some size.
write_reports() {
    mkdir -p "$1"
    awk -v dir="$1" -v n="$2" -v m="$3" 'BEGIN { for (d = 1; d <= n; d++) {
        f = sprintf("%s/d%03d.txt", dir, d); printf "Report %d\n", d > f
        for (s = 1; s <= m; s++) printf "Delegation %d met envoy w%dx%d about talks %d and %d. ", d, d, s, d * s, s * 7 > f
        print "" > f; close(f) } }'
}
