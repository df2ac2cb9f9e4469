#!/bin/sh
# install-web.sh: fetches the web UI's libraries (d3, whose d3-geo draws
# the map, d3-zoom pans and zooms it and d3-force lays out the relations
# graph; topojson-client and Natural Earth country shapes from world-atlas)
# from npm and copies the few files the UI loads into web/vendor/, gzipped
# beside them for the server to send compressed, and Debian iso-codes'
# country table (numeric to alpha-2), and playwright-core and axe-core for
# the browser tests into tests/browser/node_modules.
# Both folders are git-ignored; nothing is fetched at run time. A no-op
# when everything is in place. Needs npm (Debian's npm, or Node's own).
# playwright-core is pinned in tests/browser/package.json to 1.61.1, the
# last release that runs on Debian 12's Node.js 18 (`npm view
# playwright-core@1.61.1 engines`: node >=18; 1.62 and later want 20).
set -e
cd "$(dirname "$0")/.."
V=web/vendor
want="$V/d3.min.js $V/d3.min.js.gz $V/topojson-client.min.js $V/countries-50m.json $V/countries-50m.json.gz $V/iso_3166-1.json"
have=1
for f in $want; do [ -f "$f" ] || have=0; done
# The installed playwright-core must be the pinned one (an older checkout
# installed a release that needs Node.js 20).
pin() { sed -n 's/.*"playwright-core": *"\([^"]*\)".*/\1/p' "$1" 2>/dev/null; }
pw_version() { sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$1" 2>/dev/null | head -n 1; }
pw_have=$(pw_version tests/browser/node_modules/playwright-core/package.json)
[ "$pw_have" = "$(pin tests/browser/package.json)" ] || have=0
[ -f tests/browser/node_modules/axe-core/axe.min.js ] || have=0
[ $have = 1 ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
    else
        echo "flank: npm is missing: run 'sudo apt-get install npm' and try again" >&2
        exit 1
    fi
fi
NPM_DIR=build-web
mkdir -p "$NPM_DIR" "$V"
[ -f "$NPM_DIR/package.json" ] || echo '{"name": "flank-web-vendor", "private": true}' >"$NPM_DIR/package.json"
echo "flank: installing the map libraries from npm" >&2
npm install --silent --no-audit --no-fund --prefix "$NPM_DIR" \
    d3@7.9.2 topojson-client@3.1.0 world-atlas@2.0.2 >/dev/null
M=$NPM_DIR/node_modules
cp "$M/d3/dist/d3.min.js" "$M/topojson-client/dist/topojson-client.min.js" "$M/world-atlas/countries-50m.json" "$V/"
# Numeric (Natural Earth) to alpha-2 (flank's ids) country codes: Debian's iso-codes.
cp /usr/share/iso-codes/json/iso_3166-1.json "$V/"
for p in d3 topojson-client world-atlas; do
    cp "$M/$p/LICENSE" "$V/LICENSE.$p" 2>/dev/null || true
done
rm -f "$V/d3-array.min.js" "$V/d3-geo.min.js" "$V/LICENSE.d3-array" "$V/LICENSE.d3-geo"
# Compressed copies, served when the browser accepts gzip (server/static.c).
for f in "$V"/*.js "$V"/*.json; do gzip -9 -n -c "$f" >"$f.gz"; done
echo "flank: installing playwright-core for the browser tests" >&2
(cd tests/browser && npm install --silent --no-audit --no-fund >/dev/null)
