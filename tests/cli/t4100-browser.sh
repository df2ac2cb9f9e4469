# t4100-browser.sh: the web UI in headless Chromium (tests/browser/ui.test.js):
# search, document, entity, map, timeline and an XSS document kept inert.
# Skips (one "ok" with the reason) when chromium, node, playwright-core or
# the vendored map files are absent (scripts/install-deps.sh installs them),
# when node is older than playwright-core wants, or when chromium cannot
# start (ui.test.js exits 77).
# Screenshots go to tests/browser/screenshots/BUILD/.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.sh"

skip() { ok "browser tests skipped: $*"; exit 0; }
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || skip "no $CHROMIUM"
command -v node >/dev/null 2>&1 || skip "no node"
[ -f "$REPO/tests/browser/node_modules/playwright-core/package.json" ] || skip "no playwright-core (scripts/install-web.sh)"
[ -f "$REPO/web/vendor/d3.min.js" ] || skip "no web/vendor (scripts/install-web.sh)"
node -e 'process.exit(0)' >/dev/null 2>&1 || skip "node does not run: $(node -e 0 2>&1 | head -n 1)"
need=$(sed -n 's/.*"node": *">=\([0-9]*\).*/\1/p' "$REPO/tests/browser/node_modules/playwright-core/package.json")
have=$(node -p 'process.versions.node.split(".")[0]')
[ "$have" -ge "${need:-0}" ] || skip "node $have is older than playwright-core wants ($need): run scripts/install-web.sh"

"$FLANK" ingest --quiet "$SEEDS" "$REPO/samples"
"$FLANK" alert add libya Libya >/dev/null   # the XSS document below is its news (the start page's saved searches)
if ! serve_start --web "$REPO/web"; then
    not_ok "server starts: $(cat "$SCRATCH/serve.log")"
    exit 0
fi
TOKEN=$(cat "$FLANK_DB.token")
cat >"$SCRATCH/xss.txt" <<'DOC'
<img src=x onerror="window.__xss=1;alert(1)"> xsspayload title

<script>window.__xss=2;alert(2)</script> The xsspayload document mentions Libya and Russia.

Click <a href="javascript:window.__xss=3">here</a> or javascript:alert(3) for the xsspayload.
<svg onload="window.__xss=4"></svg><iframe src="javascript:alert(5)"></iframe>
DOC
http POST '/api/ingest?name=xss.txt&format=text' -H "Authorization: Bearer $TOKEN" --data-binary "@$SCRATCH/xss.txt"
status "xss document uploaded" 201
XSS_ID=$(printf '%s' "$BODY" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

build=$(basename "$(dirname "$FLANK")")
SHOTS=$REPO/tests/browser/screenshots/$build
CHROMIUM=$CHROMIUM node "$REPO/tests/browser/ui.test.js" "$BASE" "$SHOTS" "$XSS_ID" >"$SCRATCH/ui.out" 2>&1
rc=$?
if [ $rc = 77 ]; then
    serve_stop
    skip "$(sed -n 's/^skip: //p' "$SCRATCH/ui.out")"
fi
grep -E '^(not )?ok ' "$SCRATCH/ui.out" >>"$TALLY"
grep -vE '^(not )?ok ' "$SCRATCH/ui.out" >&2
[ $rc = 0 ] || grep -q '^not ok' "$SCRATCH/ui.out" || not_ok "ui.test.js exited $rc"
n=$(ls "$SHOTS"/*.png 2>/dev/null | wc -l)
[ "$n" -ge 4 ] && ok "screenshots saved ($n in tests/browser/screenshots/$build)" || not_ok "screenshots: $n"
serve_stop
equals "server stops cleanly" "$SERVE_RC" 0
sanitizer_clean "server log" && ok "server log clean"
