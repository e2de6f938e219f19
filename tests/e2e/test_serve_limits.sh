#!/bin/sh
# test_serve_limits.sh: tracuu-serve's caps and parameters: /api/show by
# number lists a page of documents at most and says when there are more;
# limit=0 and limits out of range are a 400 naming the parameter and the
# range (in Vietnamese under a Vietnamese locale); the lists of every
# plan (the page's facets) are kept until the indexer commits; lib's
# own lines in the server's log name tracuu-serve.
. tests/e2e/lib.sh
. tests/e2e/serve_lib.sh
PY=/usr/bin/python3
D=$TMP/docs
mkdir -p "$D"
# 102 plans under one number (a district's copies of one plan).
i=0
while [ $i -lt 102 ]; do
    printf 'ỦY BAN NHÂN DÂN XÃ TÂN LẠC\nSố: 77/KH-UBND\n\nKẾ HOẠCH bản sao %d\n\nNội dung bản sao số %d về thi đua.\n' $i $i > "$D/copy$i.txt"
    i=$((i + 1))
done
printf 'ỦY BAN NHÂN DÂN XÃ TÂN LẠC\nSố: 78/KH-UBND\n\nKẾ HOẠCH riêng\n\nMột bản duy nhất.\n' > "$D/single.txt"
DB=$TMP/db
"$IDX" -q -d "$DB" "$D" 2>"$TMP/ierr" || bad "index: $(cat "$TMP/ierr")"
start_serve "$DB"

# /api/show?number= lists at most 100 (the search's page limit), "more"
# beside them; one document alone has no "more".
get "api/show?number=77%2FKH-UBND"
$PY - "$TMP/body" <<'PY' && ok || bad "show by number not capped: $CODE $(head -c 300 "$TMP/body")"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["documents"]) == 100, len(d["documents"])
assert d.get("more") is True, d.keys()
PY
get "api/show?number=78%2FKH-UBND"
$PY - "$TMP/body" <<'PY' && ok || bad "show of one number: $CODE $(head -c 300 "$TMP/body")"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["documents"]) == 1 and "more" not in d, d
PY
if $PY -c 'import jsonschema' 2>/dev/null; then
    get "api/show?number=77%2FKH-UBND"
    $PY - doc/tracuu-query.schema.json "$TMP/body" <<'PY' && ok || bad "capped show not what the schema says"
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
else
    bad "python3-jsonschema missing"
fi

# limit=0 is no "as many as allowed": a 400 naming limit= and its range,
# as one beyond the range is.
limit_bad() { # API-PATH RANGE-WORDS
    get "$1"
    [ "$CODE" = 400 ] && grep -q "\"error\": \"limit= $2" "$TMP/body" && ok ||
        bad "$1: $CODE $(head -c 300 "$TMP/body" | tr -c '[:print:]' .)"
}
limit_bad "api/search?q=thi&limit=0" "wants a whole number from 1 to 100, not '0'"
limit_bad "api/search?q=thi&limit=101" "wants a whole number from 1 to 100, not '101'"
limit_bad "api/export.csv?q=thi&limit=0" "wants a whole number from 1 to 10000"
limit_bad "api/export.xlsx?q=thi&limit=0" "wants a whole number from 1 to 10000"
limit_bad "api/list/issuers?q=*&limit=0" "wants a whole number from 1 to 1000, not '0'"
limit_bad "api/list/years?limit=1001" "wants a whole number from 1 to 1000"
get "api/search?q=thi&limit=1"
[ "$CODE" = 200 ] && grep -q '"limit": 1,' "$TMP/body" && ok || bad "limit=1: $CODE"
get "api/search?q=thi&offset=-1"
[ "$CODE" = 400 ] && grep -q "offset= wants a whole number from 0 to 100000" "$TMP/body" && ok || bad "offset=-1: $CODE $(cat "$TMP/body")"

# The facets: a list of every plan is answered from what was kept until
# a run of the indexer commits; then the new counts, no restart.
issuers() { # EXPECTED-HEADER EXPECTED-PLANS
    get "api/list/issuers?q=*&limit=8"
    h=$(sed -n 's/^X-Tracuu-Cache: \([a-z]*\).*/\1/p' "$TMP/head")
    n=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0]["plans"])' "$TMP/body" 2>/dev/null)
    [ "$CODE $h $n" = "200 $1 $2" ] && ok || bad "facet issuers: want 200 $1 $2, got $CODE '$h' $n"
}
issuers miss 103
cp "$TMP/body" "$TMP/first"
issuers hit 103
cmp -s "$TMP/first" "$TMP/body" && ok || bad "the kept answer differs"
get "api/list/issuers?q=thi&limit=8"
grep -q '^X-Tracuu-Cache: none' "$TMP/head" && ok || bad "a list of a query kept: $(grep -i cache "$TMP/head")"
printf 'ỦY BAN NHÂN DÂN XÃ TÂN LẠC\nSố: 79/KH-UBND\n\nKẾ HOẠCH mới\n\nMột kế hoạch mới thêm.\n' > "$D/added.txt"
"$IDX" -q -d "$DB" "$D" 2>"$TMP/ierr" || bad "index again: $(cat "$TMP/ierr")"
issuers miss 104
issuers hit 104

stop_serve
[ "$SRC" = 0 ] && ok || bad "SIGTERM: exit $SRC"

# The same in Vietnamese under a Vietnamese locale.
LANGUAGE= LC_ALL=vi_VN.UTF-8; export LANGUAGE LC_ALL
start_serve "$DB"
unset LANGUAGE LC_ALL
get "api/search?q=thi&limit=0"
[ "$CODE" = 400 ] && grep -q "limit= cần một số nguyên từ 1 đến 100, không phải '0'" "$TMP/body" && ok ||
    bad "limit=0 in Vietnamese: $CODE $(cat "$TMP/body")"
stop_serve

# A table damaged under the server: the line lib writes to the log when
# a document cannot be read names tracuu-serve, not tracuu-query. One
# block of the documents' table zeroed (not its root, which the opening
# reads: the first block whose loss --show reports, not the opening).
b=0; CDB=""
while [ $b -lt 4 ] && [ -z "$CDB" ]; do
    rm -rf "$TMP/cdb"; cp -r "$DB" "$TMP/cdb"
    dd if=/dev/zero of="$(ls -d "$TMP"/cdb/shard-* | head -1)/docdata.glass" bs=8192 seek=$b count=1 conv=notrunc 2>/dev/null
    q "$TMP/cdb" --json --show number:77/KH-UBND
    if grep -q 'DatabaseCorruptError' "$TMP/err" && ! grep -q 'index is corrupt' "$TMP/err"; then CDB=$TMP/cdb; fi
    b=$((b + 1))
done
if [ -n "$CDB" ]; then
    start_serve "$CDB"
    get "api/show?number=77%2FKH-UBND"
    [ "$CODE" = 500 ] && grep -q '^tracuu-serve: .*DatabaseCorruptError' "$TMP/serve.err" &&
        ! grep -q 'tracuu-query' "$TMP/serve.err" && ok ||
        bad "a damaged table: $CODE, log: $(cat "$TMP/serve.err")"
    stop_serve
else
    bad "no block of docdata.glass gives a read error past the opening"
fi
finish
