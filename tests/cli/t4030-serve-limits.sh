# t4030-serve-limits.sh: what a request may ask of the server (issue 20):
# the sentence scope keeps the document search's limits and every request
# a time budget that ends it with 503 (item 3); a path or parameter that
# is not text, and a date that does not exist, get a 400 JSON error (item 6).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.sh"

write_reports "$SCRATCH/src" 150 30
"$FLANK" ingest --quiet "$SCRATCH/src"
WEB=$SCRATCH/web; mkdir -p "$WEB"; echo '<p>x' >"$WEB/index.html"
many=$(awk 'BEGIN { for (i = 0; i < 70; i++) printf "w%d* ", i }')
wide=$(awk 'BEGIN { s = "a*"; for (i = 0; i < 60; i++) s = s " OR " sprintf("%c*", 97 + i % 26); print s }' | sed 's/ /%20/g')

serve_start --web "$WEB" || not_ok "server starts: $(cat "$SCRATCH/serve.log")"
http GET "/api/search?sentences=1&q=$(printf '%s' "$many" | sed 's/ /%20/g')"
status "sentence scope: too many terms refused" 400
contains "says why" "$BODY" "more than 64 terms"
http GET "/api/search?sentences=1&q=$wide"
status "a wide query within the budget" 200
http GET "/api/search?q=Lib%00ya"
status "a NUL in a parameter" 400
contains "names it" "$BODY" "parameter q holds a NUL byte"
http GET "/api/search?q=Caf%E9"
status "a parameter that is not UTF-8" 400
contains "says so" "$BODY" "parameter q is not UTF-8"
http GET "/api/documents/%FF%FE"
status "a path that is not UTF-8" 400
contains "answered in JSON" "$BODY" '"the path is not UTF-8"'
http GET "/api/nothing%FF"
status "a path that is not UTF-8 and no endpoint" 400
for d in 2024-13-01 2024-02-30 2023-02-29 2024-00; do
    http GET "/api/search?q=talks&since=$d"
    status "impossible date $d" 400
done
contains "says so" "$BODY" "since: 2024-00: no such date"
http GET "/api/search?q=talks&since=2024-02-29"
status "a leap day is a date" 200
serve_stop

# A budget of one millisecond: the wide sentence search ends with 503 and
# the worker answers the next request.
serve_start --web "$WEB" --budget 1 --threads 1 --cache 0 || not_ok "server starts with --budget 1"
http GET "/api/search?sentences=1&q=$wide&facets=1"
status "past the time budget" 503
contains "says why" "$BODY" "took longer than its time budget"
http GET "/api/health"
status "the worker is free again" 200
serve_stop
