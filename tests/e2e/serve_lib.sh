# serve_lib.sh: starting tracuu-serve for a test (sourced after lib.sh).
SRV="$B/tracuu-serve"
SPID=""
trap 'if [ -n "$SPID" ]; then kill "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null; fi; rm -rf "$TMP"' EXIT

# start_serve DB [OPTION...]: tracuu-serve on a free port of 127.0.0.1 (the
# kernel's choice, --listen 127.0.0.1:0), its address in $URL (ending in
# /), its stderr in $TMP/serve.err. Fails the script when it does not
# start within 20 s.
start_serve() {
    db=$1; shift
    : > "$TMP/serve.url"
    "$SRV" -d "$db" --listen 127.0.0.1:0 "$@" >"$TMP/serve.url" 2>"$TMP/serve.err" &
    SPID=$!
    n=0
    while [ ! -s "$TMP/serve.url" ] && [ $n -lt 200 ]; do
        kill -0 "$SPID" 2>/dev/null || break
        sleep 0.1; n=$((n + 1))
    done
    URL=$(head -1 "$TMP/serve.url")
    case $URL in
    http://*) ;;
    *) bad "tracuu-serve did not start: $(cat "$TMP/serve.err")"; finish; exit 1 ;;
    esac
}

# stop_serve: SIGTERM; the exit status in $SRC; no sanitizer report.
stop_serve() {
    kill "$SPID"; wait "$SPID"; SRC=$?; SPID=""
    sanitizer_clean "$TMP/serve.err" || bad "sanitizer report from tracuu-serve: $(cat "$TMP/serve.err")"
}

# get PATH [CURL-OPTION...]: the body in $TMP/body, headers in $TMP/head,
# the status in $CODE.
get() {
    p=$1; shift
    CODE=$(curl -s --path-as-is -o "$TMP/body" -D "$TMP/head" -w '%{http_code}' "$@" "$URL${p#/}")
}
