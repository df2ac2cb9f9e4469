# httpd.sh: sourced by the intake tests after lib.sh: start_httpd runs the
# loopback fixture server (tests/intake/httpd.py) on 127.0.0.1, sets $BASE
# (http://127.0.0.1:PORT) and $HTTPD_LOG (one line per request: time, path,
# User-Agent), and stops it when the script exits.
start_httpd() {
    python3 "$REPO/tests/intake/httpd.py" "$SCRATCH/httpd.port" "$SCRATCH/httpd.log" "$@" &
    HTTPD_PID=$!
    trap 'kill $HTTPD_PID 2>/dev/null; rm -rf "$SCRATCH"' EXIT
    HTTPD_LOG=$SCRATCH/httpd.log
    i=0
    while [ ! -s "$SCRATCH/httpd.port" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    BASE=http://127.0.0.1:$(cat "$SCRATCH/httpd.port")
}
