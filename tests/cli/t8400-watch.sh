# t8400-watch.sh: `flank watch` as a service (issue 19): against a mix of
# good and broken feeds for a bounded time it stores every good item, logs
# every failure with its URL and keeps going; SIGTERM stops it cleanly,
# even in the middle of a slow transfer, and what it was doing stays due.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/httpd.sh"
start_httpd
for k in x y z; do "$FLANK" feed add "$BASE/feed/mixed/$k.xml" >/dev/null; done
"$FLANK" feed add "$BASE/feed/broken.xml" >/dev/null
"$FLANK" feed add "$BASE/feed/not-xml" >/dev/null
"$FLANK" feed add "$BASE/feed/gone.xml" >/dev/null
"$FLANK" feed add "http://127.0.0.1:1/feed.xml" >/dev/null

"$FLANK" watch --poll 0.2 --delay 0 --timeout 2 >"$SCRATCH/watch.out" 2>"$SCRATCH/watch.err" &
pid=$!
i=0   # until every good item is in, 60 s at most
while [ "$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM documents" 2>/dev/null)" != 6 ] && [ $i -lt 600 ]; do
    sleep 0.1; i=$((i + 1))
done
sleep 1
kill -TERM $pid
wait $pid; rc=$?
log=$(cat "$SCRATCH/watch.err")
equals "SIGTERM: exit 0" "$rc" 0
contains "says it stopped" "$log" "watch: stopped"
equals "every good item stored" "$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM documents")" 6
for k in x y z; do
    contains "a good page ($k)" "$log" "added $BASE/a/${k}1.html"
    contains "a broken link logged with its URL ($k)" "$log" "failed $BASE/missing-$k: HTTP 404"
done
contains "a feed that is no XML, with its URL" "$log" "failed $BASE/feed/not-xml: not XML"
contains "a feed that is gone, with its URL" "$log" "failed $BASE/feed/gone.xml: HTTP 404"
contains "a host that is down, with its URL" "$log" "failed http://127.0.0.1:1/feed.xml: "
equals "each feed run once (the failing ones back off)" "$(grep -c "feed $BASE/feed/mixed/x.xml" "$SCRATCH/watch.err")" 1

export FLANK_DB=$SCRATCH/slow.db
"$FLANK" feed add "$BASE/feed/slow.xml" >/dev/null
"$FLANK" watch --poll 0.2 --delay 0 --timeout 30 2>"$SCRATCH/slow.err" &
pid=$!
i=0
while ! grep -q "/slow" "$HTTPD_LOG" && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
t0=$(date +%s)
kill -TERM $pid
wait $pid; rc=$?
t1=$(date +%s)
equals "SIGTERM during a transfer: exit 0" "$rc" 0
[ $((t1 - t0)) -le 3 ] && ok "stops without waiting for the transfer" || not_ok "took $((t1 - t0)) s to stop"
lacks "the item is not failed" "$(cat "$SCRATCH/slow.err")" "failed"
equals "nothing recorded for it" "$(sqlite3 "$FLANK_DB" "SELECT count(*) FROM feed_items")" 0
equals "the feed stays due" "$(sqlite3 "$FLANK_DB" "SELECT next_at FROM feeds")" 0
expect_ok "the unit file names flank watch" grep -q "ExecStart=/usr/local/bin/flank watch" \
    "$REPO/contrib/flank-watch.service"
