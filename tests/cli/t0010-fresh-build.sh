# t0010-fresh-build.sh: `make` on a machine where the Debian packages (and
# so their pkg-config files) only appear while scripts/install-deps.sh runs,
# as on a fresh Debian 12. A pkg-config on PATH answers nothing until
# install-deps.sh has asked dpkg-query what is installed; the build must
# still link (issue 17: the Makefile used to read pkg-config when parsed).
# The build's objects are copied from the plain build so that only the
# link runs; the sanitized pass skips (the same check twice).
. "$(dirname "$0")/lib.sh"

case "$FLANK" in
*/build/flank) ;;
*) ok "fresh build checked with the plain build only"; exit 0 ;;
esac
[ -f "$REPO/build/libflank.a" ] || { ok "fresh build skipped: no plain build in $REPO/build"; exit 0; }

FAKE=$SCRATCH/bin
MARK=$SCRATCH/packages-installed
mkdir -p "$FAKE"
real_pc=$(command -v pkg-config)
real_dq=$(command -v dpkg-query)
cat >"$FAKE/pkg-config" <<EOF
#!/bin/sh
[ -f "$MARK" ] || exit 1
exec "$real_pc" "\$@"
EOF
cat >"$FAKE/dpkg-query" <<EOF
#!/bin/sh
touch "$MARK"
exec "$real_dq" "\$@"
EOF
chmod +x "$FAKE/pkg-config" "$FAKE/dpkg-query"

# The plain build's objects and generated pack, newer than their sources.
B=$SCRATCH/build
mkdir -p "$B"
(cd "$REPO/build" && cp -pR lib cli server pack "$B"/) 2>/dev/null

PATH=$FAKE:$PATH expect_ok "make on a fresh machine links the first time" \
    env -u MAKEFLAGS -u MAKELEVEL make -C "$REPO" --no-print-directory BUILD="$B" all
[ -f "$MARK" ] && ok "pkg-config files appeared only with install-deps.sh" || not_ok "install-deps.sh did not run"
contains "link line has the packages' libraries" "$OUT" "-lsqlite3"
expect_ok "the binary runs" "$B/flank" --version
contains "it is flank" "$OUT" "flank "
