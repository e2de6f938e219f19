#!/bin/sh
# test_serve_limits.sh: tracuu-serve's caps and parameters: /api/show by
# number lists a page of documents at most and says when there are more.
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

stop_serve
[ "$SRC" = 0 ] && ok || bad "SIGTERM: exit $SRC"
finish
