# serve.sh: sourced by the t4xxx scripts after lib.sh. Starts `flank serve`
# on a free loopback port and stops it; http GETs and POSTs with curl,
# leaving the status in $STATUS, the body in $BODY, headers in $HEADERS.

# serve_start [ARGS...]: starts the server on port 0 and waits for the
# line that names the port; sets $PORT, $BASE, $SERVER_PID.
serve_start() {
    rm -f "$SCRATCH/serve.log"   # else the loop may read the last server's port
    "$FLANK" serve --port 0 "$@" >"$SCRATCH/serve.log" 2>&1 &
    SERVER_PID=$!
    PORT=
    for _ in $(seq 1 100); do
        PORT=$(sed -n 's|.*serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$SCRATCH/serve.log" 2>/dev/null)
        [ -n "$PORT" ] && break
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    BASE=http://127.0.0.1:$PORT
    [ -n "$PORT" ]
}

# serve_stop: SIGTERM, then waits; sets $SERVE_RC and $ERR (the server's log).
serve_stop() {
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID"
    SERVE_RC=$?
    ERR=$(cat "$SCRATCH/serve.log")
}

# http METHOD PATH [CURL ARGS...]
http() {
    m=$1; p=$2; shift 2
    STATUS=$(curl -s -g -X "$m" -o "$SCRATCH/body" -D "$SCRATCH/headers" -w '%{http_code}' \
        --max-time 20 "$@" "$BASE$p")
    BODY=$(cat "$SCRATCH/body"); HEADERS=$(cat "$SCRATCH/headers")
}

# status DESC WANT: the last request's status.
status() { equals "$1 (status)" "$STATUS" "$2"; }

# json_is DESC PYEXPR: evaluates PYEXPR with d = the last body as JSON.
json_is() {
    got=$(printf '%s' "$BODY" | python3 -c "import json,sys
try:
    d = json.load(sys.stdin)
    print('yes' if ($2) else 'no: ' + json.dumps(d)[:300])
except Exception as e:
    print('no: %s' % e)" 2>&1)
    equals "$1" "$got" yes
}
