#!/bin/sh
# test_serve.sh: tracuu-serve's API against tracuu-query (the same JSON,
# lists, --show and CSV), hostile titles, file names, texts and queries,
# downloads of indexed files only (no traversal, no link or hard link put
# in a file's place), limits, errors, a run of the indexer seen without
# a restart, and --listen.
. tests/e2e/lib.sh
. tests/e2e/serve_lib.sh
PY=/usr/bin/python3
D=$TMP/docs
mkdir -p "$D/sub" "$TMP/outside"
cat > "$D/a.txt" <<'DOC'
KẾ HOẠCH <script>alert(1)</script> thi đua "><img src=x onerror=alert(2)>

Thực hiện phong trào thi đua năm 2024 theo Chỉ thị số 34-CT/TW.
Xem javascript:alert(3) và <a href="javascript:alert(4)">đây</a> cùng ' onmouseover='alert(5).
DOC
printf 'KẾ HOẠCH thi đua khen thưởng năm 2025\n\nPhong trào thi đua yêu nước.\n' > "$D/<img src=x onerror=alert(6)>.txt"
printf 'KẾ HOẠCH tổng kết thi đua\n\nNội dung khen thưởng tập thể.\n' > "$D/sub/swap.txt"
printf 'KẾ HOẠCH thứ hai\n\nNội dung khen thưởng hạng hai.\n' > "$D/sub/hard.txt"
printf 'secret password line\n' > "$TMP/outside/secret.txt"
cp "$TMP/outside/secret.txt" "$TMP/outside/swap.txt"
DB=$TMP/db
"$IDX" -q -d "$DB" "$D" 2>"$TMP/ierr" || bad "index: $(cat "$TMP/ierr")"
start_serve "$DB"

# Exactly tracuu-query --json, with each hit's "id" beside it.
same_json() { # WHAT API-PATH QUERY-ARGS...
    what=$1; api=$2; shift 2
    get "$api"
    q "$DB" --json "$@"
    if $PY - "$TMP/body" "$TMP/out" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
for h in a.get("hits", []):
    assert isinstance(h.pop("id"), int)
sys.exit(0 if a == b else 1)
PY
    then ok; else bad "$what: API and tracuu-query --json differ: $(head -c 300 "$TMP/body")"; fi
}
same_json "search" "api/search?q=thi%20%C4%91ua" 'thi đua'
same_json "search page 2 by date" "api/search?q=thi%20dua&limit=2&offset=1&sort=-date" 'thi dua' --limit 2 --offset 1 --sort -date
same_json "list issuers" "api/list/issuers?q=thi%20%C4%91ua" --list issuers 'thi đua'
same_json "list cites, every plan" "api/list/cites" --list cites
same_json "unaccented: suggestion" "api/search?q=khen%20thuong" 'khen thuong'
P=$(cd "$D" && pwd)/a.txt
same_json "show by path" "api/show?path=$($PY -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$P")" --show "$P"
grep -q '^Content-Type: application/json' "$TMP/head" && ok || bad "JSON type: $(cat "$TMP/head")"
grep -q '^X-Content-Type-Options: nosniff' "$TMP/head" && ok || bad "nosniff missing"
grep -q "^Content-Security-Policy: default-src 'none'; script-src 'self'" "$TMP/head" && ok || bad "no CSP"

# The answers, errors too, are what doc/tracuu-query.schema.json says.
if $PY -c 'import jsonschema' 2>/dev/null; then
    n=0
    for p in "api/search?q=thi%20%C4%91ua&limit=3" "api/search?q=khen%20thuong" "api/list/movements" \
             "api/list/dates?q=thi" "api/show?path=$($PY -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$P")&text=1" \
             "api/search?q=cites:" "api/list/nothing" "api/search?q=thi&limit=999"; do
        n=$((n + 1)); get "$p"; cp "$TMP/body" "$TMP/answer.$n.json"
    done
    if $PY - doc/tracuu-query.schema.json "$TMP"/answer.*.json <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
for f in sys.argv[2:]:
    jsonschema.validate(json.load(open(f)), schema)
PY
    then ok; else bad "an answer of the API is not what the schema says"; fi
else
    bad "python3-jsonschema missing"
fi

# The hostile title comes back as a JSON string, nothing else.
get "api/search?q=alert&limit=5"
$PY - "$TMP/body" <<'PY' && ok || bad "hostile title/name not kept as data: $(head -c 400 "$TMP/body")"
import json, sys
d = json.load(open(sys.argv[1]))
titles = [h["title"] for h in d["hits"]]
assert any("<script>alert(1)</script>" in t for t in titles), titles
PY
get "api/search?q=n%C4%83m%202025"
grep -q '"path": ".*<img src=x onerror=alert(6)>.txt"' "$TMP/body" && ok || bad "file name payload: $(head -c 300 "$TMP/body")"
ID6=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["hits"][0]["id"])' "$TMP/body")
get "file/$ID6"
[ "$CODE" = 200 ] && cmp -s "$TMP/body" "$D/<img src=x onerror=alert(6)>.txt" && ok || bad "download of a hostile name: $CODE"
grep -q "^Content-Disposition: attachment; filename=\"tracuu-file\"; filename\*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%286%29%3E.txt" "$TMP/head" && ok ||
    bad "disposition not percent-encoded: $(grep -i disposition "$TMP/head")"
grep -q '^Content-Type: application/octet-stream' "$TMP/head" && ok || bad "a download is not octet-stream"

# A hostile query is said back as JSON data; an error page escapes it.
get "api/search?q=%3Cscript%3Ealert(7)%3C/script%3E%20cites:"
[ "$CODE" = 400 ] && grep -q '"error": "bad query' "$TMP/body" && ok || bad "bad query: $CODE $(cat "$TMP/body")"
get "file/%3Cscript%3Ealert(8)%3C%2Fscript%3E"
[ "$CODE" = 404 ] && ! grep -q '<script>' "$TMP/body" && ok || bad "error page: $CODE $(cat "$TMP/body")"
get "%3Cscript%3Ealert(9)%3C%2Fscript%3E"
[ "$CODE" = 404 ] && ! grep -q '<script>' "$TMP/body" && grep -q '^Content-Type: text/html' "$TMP/head" && ok || bad "unknown page: $CODE"

# The page builds the DOM with textContent only.
get ""
[ "$CODE" = 200 ] && grep -q '<html lang="vi">' "$TMP/body" && ok || bad "page: $CODE"
get "app.js"
[ "$CODE" = 200 ] && ! grep -nE 'innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(' "$TMP/body" && ok ||
    bad "app.js writes HTML"

# Only indexed files: no traversal, nothing but /file/ID.
for p in "file/../../../../etc/passwd" "file/..%2f..%2f..%2fetc%2fpasswd" "file/0" "file/99999" \
         "file/1abc" "file/-1" "file/01" "file/4294967297" "../../etc/passwd" "file//etc/passwd" \
         "file/%2Fetc%2Fpasswd"; do
    get "$p"
    case $CODE in 200) bad "$p served: $(head -c 100 "$TMP/body")" ;; 4*) ok ;; *) bad "$p: $CODE" ;; esac
done
get "api/show?path=%2Fetc%2Fpasswd"
[ "$CODE" = 404 ] && ok || bad "show of an unindexed path: $CODE"
# show?path= looks up the path as indexed, never resolved on the server's
# disk: a path through an existing folder outside the index, through a
# missing one, or a link to an indexed file, all get the same 404.
PD=$(cd "$D" && pwd); OUT=$(cd "$TMP/outside" && pwd)
ln -s "$P" "$OUT/link.txt"
enc() { $PY -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$1"; }
get "api/show?path=$(enc "$OUT/..${PD#"$(dirname "$OUT")"}/a.txt")"; c1=$CODE; cp "$TMP/body" "$TMP/probe1"
get "api/show?path=$(enc "$OUT/missing/../..${PD#"$(dirname "$OUT")"}/a.txt")"; c2=$CODE; cp "$TMP/body" "$TMP/probe2"
get "api/show?path=$(enc "$OUT/link.txt")"; c3=$CODE; cp "$TMP/body" "$TMP/probe3"
[ "$c1$c2$c3" = 404404404 ] && cmp -s "$TMP/probe1" "$TMP/probe2" && cmp -s "$TMP/probe1" "$TMP/probe3" && ok ||
    bad "show?path= resolves the client's path on disk: $c1 $c2 $c3 $(cat "$TMP/probe1")"
rm "$OUT/link.txt"
# A file swapped for a link out of the tree, or for a hard link to
# another file, after indexing: refused.
get "api/search?q=t%E1%BB%95ng%20k%E1%BA%BFt"
IDS=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["hits"][0]["id"])' "$TMP/body")
get "file/$IDS"; [ "$CODE" = 200 ] && ok || bad "swap.txt before: $CODE"
rm "$D/sub/swap.txt" && ln -s "$TMP/outside/secret.txt" "$D/sub/swap.txt"
get "file/$IDS"
[ "$CODE" = 410 ] && ! grep -q secret "$TMP/body" && ok || bad "symlink in a file's place served: $CODE"
get "api/search?q=h%E1%BA%A1ng%20hai"
IDH=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["hits"][0]["id"])' "$TMP/body")
rm "$D/sub/hard.txt" && ln "$TMP/outside/secret.txt" "$D/sub/hard.txt"
get "file/$IDH"
[ "$CODE" = 410 ] && ! grep -q secret "$TMP/body" && ok || bad "hard link in a file's place served: $CODE"
mv "$D/sub" "$TMP/sub-moved" && ln -s "$TMP/outside" "$D/sub"
get "file/$IDS"
[ "$CODE" = 410 ] && ! grep -q secret "$TMP/body" && ok || bad "folder swapped for a link served: $CODE"
rm "$D/sub" && mv "$TMP/sub-moved" "$D/sub"

# Limits and errors.
LONG=$($PY -c 'print("a" * 1001)')
get "api/search?q=$LONG"; [ "$CODE" = 414 ] && grep -q 'at most 1000' "$TMP/body" && ok || bad "long query: $CODE"
get "api/search?q=thi&limit=101"; [ "$CODE" = 400 ] && ok || bad "limit 101: $CODE"
get "api/search?q=thi&limit=x"; [ "$CODE" = 400 ] && ok || bad "limit x: $CODE"
get "api/search?q=thi&offset=100001"; [ "$CODE" = 400 ] && ok || bad "offset: $CODE"
get "api/search?q=thi&sort=size"; [ "$CODE" = 400 ] && grep -q 'sort=' "$TMP/body" && ok || bad "sort: $CODE"
get "api/search?q="; [ "$CODE" = 400 ] && grep -q 'empty query' "$TMP/body" && ok || bad "empty query: $CODE"
get "api/search?q=a%00b"; [ "$CODE" = 400 ] && ok || bad "NUL in a query: $CODE"
get "api/search?q=%FF"; [ "$CODE" = 400 ] && grep -q 'UTF-8' "$TMP/body" && ok || bad "bad UTF-8: $CODE"
get "api/list/colours"; [ "$CODE" = 404 ] && ok || bad "unknown list: $CODE"
get "api/nothing"; [ "$CODE" = 404 ] && ok || bad "unknown API: $CODE"
get "api/search?q=thi" -X POST; [ "$CODE" = 405 ] && ok || bad "POST: $CODE"
get "api/search?q=thi&limit=100"; [ "$CODE" = 200 ] && ok || bad "limit 100: $CODE"
get "api/export.csv?q=thi%20%C4%91ua"
q "$DB" --format csv 'thi đua'
[ "$CODE" = 200 ] && cmp -s "$TMP/body" "$TMP/out" && ok || bad "CSV export differs from tracuu-query's"
grep -q '^Content-Disposition: attachment; filename="tracuu.csv"' "$TMP/head" && ok || bad "CSV not a download"
get "api/export.xlsx?q=*"
[ "$CODE" = 200 ] && [ "$(head -c 2 "$TMP/body")" = PK ] && ok || bad "XLSX export: $CODE"

# A run of the indexer is seen by the next request, no restart.
get "api/search?q=nghi%E1%BB%87m%20thu"
grep -q '"total": 0' "$TMP/body" && ok || bad "before: $(head -c 200 "$TMP/body")"
printf 'KẾ HOẠCH nghiệm thu công trình\n\nNội dung.\n' > "$D/new.txt"
"$IDX" -q -d "$DB" "$D" 2>"$TMP/ierr"
get "api/search?q=nghi%E1%BB%87m%20thu"
grep -q '"total": 1' "$TMP/body" && ok || bad "after the indexer: $(head -c 200 "$TMP/body")"

stop_serve
[ "$SRC" = 0 ] && ok || bad "SIGTERM: exit $SRC"

# At most --max-connections at once: one more is closed unanswered.
start_serve "$DB" --max-connections 2 --threads 1
$PY - "$URL" <<'PY' && ok || bad "connection limit not kept"
import socket, sys, urllib.parse, urllib.request
u = urllib.parse.urlparse(sys.argv[1])
held = [socket.create_connection((u.hostname, u.port)) for _ in range(2)]
extra = socket.create_connection((u.hostname, u.port))
extra.settimeout(5)
extra.sendall(b"GET /api/search?q=thi HTTP/1.1\r\nHost: x\r\n\r\n")
try:
    got = extra.recv(100)
except (ConnectionResetError, socket.timeout):
    got = b""
assert got == b"", got
for s in held:
    s.close()
import time; time.sleep(0.5)
assert urllib.request.urlopen(sys.argv[1] + "api/search?q=thi", timeout=10).status == 200
PY
stop_serve

# --listen: beyond loopback warned; nonsense refused.
"$SRV" -d "$DB" --listen nowhere:x >"$TMP/o" 2>"$TMP/e"; rc=$?
[ $rc = 2 ] && grep -q "listen wants ADDR:PORT" "$TMP/e" && ok || bad "bad --listen: $rc $(cat "$TMP/e")"
"$SRV" -d "$TMP/none" --listen 127.0.0.1:0 >"$TMP/o" 2>"$TMP/e"; rc=$?
[ $rc = 1 ] && grep -q "$TMP/none" "$TMP/e" && ok || bad "no index: $rc $(cat "$TMP/e")"
"$SRV" -d "$DB" --listen 0.0.0.0:0 >"$TMP/o" 2>"$TMP/e" & P2=$!
sleep 1.5; kill $P2; wait $P2
grep -q 'warning: listening on 0.0.0.0:0, beyond this machine' "$TMP/e" && ok || bad "no warning beyond loopback: $(cat "$TMP/e")"
"$SRV" --help >"$TMP/o" && grep -q -- '--listen ADDR:PORT' "$TMP/o" && ok || bad "--help"

finish
