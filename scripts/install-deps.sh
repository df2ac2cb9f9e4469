#!/bin/sh
# install-deps.sh: installs the Debian packages flank builds and tests with,
# when any is missing. Run as root on a fresh Debian 12; a no-op otherwise.
set -e
PKGS="build-essential pkg-config libsqlite3-dev libgumbo-dev libutf8proc-dev
libjansson-dev zlib1g-dev nettle-dev libcmocka-dev libmicrohttpd-dev
libcurl4-openssl-dev libxml2-dev libpoppler-glib-dev
iso-codes python3 gzip sqlite3 libgeonames0 wamerican wbritish
curl chromium clang libclang-rt-14-dev python3-jsonschema python3-networkx"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing="$missing $p"
done
if [ -z "$missing" ]; then
    :
elif [ "$(id -u)" != 0 ]; then
    echo "flank: missing Debian packages:$missing" >&2
    echo "flank: run 'sudo scripts/install-deps.sh' and try again" >&2
    exit 1
else
    echo "flank: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# The web UI's map libraries and the browser tests' driver, from npm. The
# UI without a map and the browser tests (skipped) still work without them.
"$(dirname "$0")/install-web.sh" || echo "flank: web/vendor not installed: the map stays empty, browser tests skip" >&2
