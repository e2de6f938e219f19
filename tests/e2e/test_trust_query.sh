#!/bin/sh
# test_trust_query.sh: tracuu-query against untrusted files and outputs: a FIFO or a link put where an indexed file was, hostile file names, a full disk, a closed pipe, an indexer re-indexing thousands of plans during --json queries.
. tests/e2e/lib.sh
need_shared test_trust_query

PLAN='KẾ HOẠCH
Phát động phong trào thi đua năm 2024 trong toàn xã.'

# ---------------------------------------------------------------- a FIFO, /dev/zero
mkdir -p "$TMP/swap"
# Two plans (each its own text: the same text in two files would be one
# plan in two files, shown once).
printf '%s\nfifo\n' "$PLAN" >"$TMP/swap/fifo.txt"
printf '%s\nzero\n' "$PLAN" >"$TMP/swap/zero.txt"
"$IDX" -q -d "$TMP/swapdb" "$TMP/swap" >/dev/null 2>&1 || bad "indexing swap/"
rm "$TMP/swap/fifo.txt" "$TMP/swap/zero.txt"
mkfifo "$TMP/swap/fifo.txt"
ln -s /dev/zero "$TMP/swap/zero.txt"
for fmt in "" --json; do
    timeout 20 "$QRY" -d "$TMP/swapdb" $fmt thi đua >"$TMP/out" 2>"$TMP/err"
    RC=$?
    sanitizer_clean "$TMP/err" || bad "sanitizer report, FIFO query $fmt"
    expect_rc 0 "query [$fmt] with a FIFO and a link to /dev/zero in place of indexed files (124: hung)"
    if [ "$(grep -c 're-index' "$TMP/out")" = 2 ]; then ok; else
        bad "query [$fmt]: both hits say why there is no snippet: $(cat "$TMP/out")"; fi
done

# ---------------------------------------------------------------- hostile names
mkdir -p "$TMP/names"
NL="$TMP/names/two
lines.txt"
OSC="$(printf '%s/names/\033]0;owned\007title\033[2J.txt' "$TMP")"
CR="$(printf '%s/names/cr\rover.txt' "$TMP")"
LATIN1="$(printf '%s/names/caf\351.txt' "$TMP")"
VN="$TMP/names/kế hoạch thi đua.txt"
n=0
for f in "$NL" "$OSC" "$CR" "$LATIN1" "$VN"; do
    n=$((n + 1)); printf '%s\nbản %s\n' "$PLAN" "$n" >"$f"; done
"$IDX" -q -d "$TMP/namedb" "$TMP/names" >/dev/null 2>&1 || bad "indexing names/"

q "$TMP/namedb" --limit 100 thi đua
expect_rc 0 "text query over hostile names"
if ! grep -aq "$(printf '\033\|\r\|\007')" "$TMP/out"; then ok; else
    bad "text output holds a raw ESC, CR or BEL"; fi
if grep -aqF 'names/two\nlines.txt' "$TMP/out" && grep -aqF '\e]0;owned\atitle\e[2J.txt' "$TMP/out" &&
    grep -aqF 'cr\rover.txt' "$TMP/out" && grep -aqF 'caf\xe9.txt' "$TMP/out" &&
    grep -aqF 'kế hoạch thi đua.txt' "$TMP/out"; then ok; else
    bad "names escaped as ls -b does, Vietnamese unchanged"; fi
if [ "$(grep -ac '^[0-9]*\. ' "$TMP/out")" = 5 ] && [ "$(grep -avc '^[0-9]*\. \|^   ' "$TMP/out")" = 0 ]; then ok; else
    bad "each hit's name is one line"; fi

# -0: the exact bytes, NUL-terminated.
q "$TMP/namedb" --paths -0 --limit 100 thi đua
expect_rc 0 "--paths -0"
if python3 - "$TMP/out" "$NL" "$OSC" "$CR" "$LATIN1" "$VN" <<'EOF'; then ok; else bad "--paths -0 gives the exact names"; fi
import os, sys
got = open(sys.argv[1], 'rb').read()
assert got.endswith(b'\0'), got
names = sorted(got[:-1].split(b'\0'))
want = sorted(os.fsencode(n) for n in sys.argv[2:])
assert names == want, (names, want)
EOF
# --paths without -0: raw in a pipe (a name with a line feed splits:
# README says to use -0), escaped on a terminal.
q "$TMP/namedb" --paths --limit 100 thi đua
if grep -aqF "$LATIN1" "$TMP/out" && grep -aqF "$OSC" "$TMP/out"; then ok; else
    bad "--paths in a pipe prints names raw"; fi
if python3 - "$QRY" "$TMP/namedb" <<'EOF'; then ok; else bad "--paths on a terminal escapes names"; fi
import os, pty, subprocess, sys
m, s = pty.openpty()
p = subprocess.run([sys.argv[1], '-d', sys.argv[2], '--paths', '--limit', '100',
                    'thi', 'đua'], stdout=s, stderr=subprocess.PIPE, timeout=60)
os.close(s)
out = b''
while True:
    try:
        d = os.read(m, 65536)
    except OSError:
        break
    if not d:
        break
    out += d
assert p.returncode == 0, p.stderr
assert b'\x1b' not in out and b'\x07' not in out, out
assert b'\\e]0;owned\\atitle' in out and b'caf\\xe9.txt' in out, out
assert b'two\\nlines.txt' in out and 'kế hoạch'.encode() in out, out
EOF
q "$TMP/namedb" -0 --json thi đua
expect_rc 2 "-0 without --paths"

# --json: valid UTF-8 JSON; a name not UTF-8 has path_bytes (base64).
q "$TMP/namedb" --json --limit 100 thi đua
expect_rc 0 "--json over hostile names"
if python3 - "$TMP/out" "$NL" "$OSC" "$CR" "$LATIN1" "$VN" <<'EOF'; then ok; else bad "--json paths read back exact"; fi
import base64, json, os, sys
doc = json.loads(open(sys.argv[1], 'rb').read().decode('utf-8'))
got = []
for h in doc['hits']:
    if 'path_bytes' in h:
        b = base64.b64decode(h['path_bytes'], validate=True)
        assert h['path'] == b.decode('utf-8', 'replace'), h
        got.append(b)
    else:
        got.append(h['path'].encode('utf-8'))
want = [os.fsencode(n) for n in sys.argv[2:]]
assert sorted(got) == sorted(want), (got, want)
assert sum('path_bytes' in h for h in doc['hits']) == 1, doc['hits']
EOF

# ---------------------------------------------------------------- write errors
for fmt in "" --json --paths --count "--list dates"; do
    "$QRY" -d "$TMP/namedb" $fmt thi đua >/dev/full 2>"$TMP/err"
    RC=$?
    expect_rc 2 "query [$fmt] >/dev/full"
    if grep -qx 'tracuu-query: write error: No space left on device' "$TMP/err"; then ok; else
        bad "query [$fmt] >/dev/full says so: [$(cat "$TMP/err")]"; fi
done

# ---------------------------------------------------------------- 3,000 tiny plans
mkdir -p "$TMP/busy"
python3 - "$TMP/busy" <<'EOF'
import sys
for i in range(3000):
    with open(f"{sys.argv[1]}/p{i:04d}.txt", "w") as f:
        f.write(f"KẾ HOẠCH số {i}\nPhát động phong trào thi đua năm 2024, tệp {i}.\n")
EOF
"$IDX" -q -d "$TMP/busydb" "$TMP/busy" >/dev/null 2>&1 || bad "indexing busy/"
# A closed pipe is no error: killed by SIGPIPE as usual, or (SIGPIPE
# ignored) exit 0, and nothing said either way.
for ign in no yes; do
    for fmt in "" --json --paths; do
        rc=$( (if [ $ign = yes ]; then trap '' PIPE; fi
               "$QRY" -d "$TMP/busydb" $fmt --limit 300 thi đua 2>"$TMP/err"; echo $? >"$TMP/rc") | head -c 10 >/dev/null
              cat "$TMP/rc")
        if { [ "$rc" = 0 ] || [ "$rc" = 141 ]; } && [ ! -s "$TMP/err" ]; then ok; else
            bad "query [$fmt] | head (SIGPIPE ignored: $ign): exit $rc, stderr [$(cat "$TMP/err")]"; fi
    done
done

# Queries while the plans are re-indexed in a loop (a commit every 100):
# a --json query of every hit reads for longer than a revision lives. The
# indexer runs until the last query has ended (a query retrying for
# longer than the loop must meet it throughout); then it is killed (it
# survives kills: test_hostile).
END=$(($(date +%s) + 10))
: >"$TMP/busy.on"
(while [ -f "$TMP/busy.on" ]; do
    touch "$TMP/busy"/*.txt
    "$IDX" -q -d "$TMP/busydb" "$TMP/busy" >/dev/null 2>&1 &
    echo $! >"$TMP/busy.pid"
    wait $!
done) 2>/dev/null &
loop=$!
stop_loop() {
    rm -f "$TMP/busy.on"
    [ -s "$TMP/busy.pid" ] && kill "$(cat "$TMP/busy.pid")" 2>/dev/null
    wait $loop 2>/dev/null
}
trap 'stop_loop; rm -rf "$TMP"' EXIT
nq=0; qbad=0
while [ "$(date +%s)" -lt $END ]; do
    nq=$((nq + 1))
    "$QRY" -d "$TMP/busydb" --json --limit 10000 phát động phong trào thi đua năm >"$TMP/qout" 2>"$TMP/qerr"
    RC=$?
    if [ $RC != 0 ] || ! python3 -m json.tool "$TMP/qout" >/dev/null 2>&1; then
        qbad=$((qbad + 1))
        echo "query $nq during re-indexing: exit $RC: $(head -c 200 "$TMP/qerr")"
    fi
done
stop_loop
echo "test_trust_query: $nq --json --limit 10000 queries of 3,000 plans during re-indexing, $qbad failed"
if [ $qbad = 0 ] && [ $nq -ge 1 ]; then ok; else bad "queries during re-indexing: $qbad of $nq failed"; fi

finish
