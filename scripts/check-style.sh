#!/bin/sh
# check-style.sh: the few rules worth a machine (as curl's checksrc): every
# C file opens with a comment saying what it owns, includes banned.h (the
# library and CLI), has no tabs and no line over 120 columns.
cd "$(dirname "$0")/.." || exit 2
bad=0
for f in lib/*.c lib/*.h cli/*.c cli/*.h server/*.c server/*.h include/flank/*.h tests/unit/*.c; do
    [ -f "$f" ] || continue
    head -1 "$f" | grep -q '^/\*' || { echo "$f:1: no top comment saying what the file owns"; bad=1; }
    grep -n "$(printf '\t')" "$f" | sed "s|^|$f:|; s|:.*| tab character|" | head -3 | grep . && bad=1
    awk -v f="$f" 'length($0) > 120 { print f ":" NR ": line over 120 columns"; b=1 } END { exit b }' "$f" || bad=1
    case "$f" in
    lib/*.c|cli/*.c|server/*.c)
        grep -q '#include "banned.h"' "$f" || { echo "$f: does not include banned.h"; bad=1; } ;;
    esac
done
[ $bad = 0 ] && echo "check-style: ok"
exit $bad
