#!/bin/sh
# smoke.sh SECONDS [NAME...]: runs the libFuzzer targets build-fuzz/fuzz_NAME
# (every tests/fuzz/fuzz_*.c when no NAME is given) for SECONDS each, on
# the corpus kept in build-fuzz/corpus-NAME and its seeds, and prints
# "ok fuzz_NAME" or "not ok fuzz_NAME: why" per target (tests/run.sh
# counts them; `make fuzz-NAME` runs one for long).
cd "$(dirname "$0")/../.." || exit 2
seconds=$1; shift
[ $# -gt 0 ] || set -- $(for f in tests/fuzz/fuzz_*.c; do n=${f##*/fuzz_}; echo "${n%.c}"; done)
failed=0
for name in "$@"; do
    bin=build-fuzz/fuzz_$name
    case $name in
    pack) seeds="data/pack/entities data/pack/facts" ;;
    conllu) seeds="tests/fuzz/seeds-conllu" ;;
    import) seeds=tests/fuzz/seeds/import ;;
    feed) seeds=tests/fuzz/seeds/feed ;;
    pdftext) seeds=tests/fuzz/seeds/pdftext ;;
    parse) seeds="tests/fuzz/seeds/parse $(ls -d ../shared/corpus/seeds samples 2>/dev/null)" ;;
    *) seeds=$(ls -d ../shared/corpus/seeds samples 2>/dev/null) ;;
    esac
    if [ ! -x "$bin" ]; then echo "not ok fuzz_$name: not built (make fuzz-build)"; failed=1; continue; fi
    mkdir -p "build-fuzz/corpus-$name"
    # shellcheck disable=SC2086
    if "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
        "build-fuzz/corpus-$name" $seeds >"build-fuzz/$name.log" 2>&1; then
        echo "ok fuzz_$name ($seconds s)"
    else
        echo "not ok fuzz_$name: see build-fuzz/$name.log"; tail -30 "build-fuzz/$name.log"; failed=1
    fi
done
exit $failed
