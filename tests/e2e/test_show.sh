# test_show.sh: --show PATH|number:... prints one document as indexed: its
# record, its citations with dates and issuers, its dates with roles, its
# movements, and with --text the text the index keeps (a converted
# format's; plain text has none, and it says so).
. tests/e2e/lib.sh
need_shared test_show
DB="$TMP/db"
mkdir -p "$TMP/html"
cat >"$TMP/html/plan.html" <<'HTML'
<html><body><p>ỦY BAN NHÂN DÂN XÃ TÂN LẠC</p><p>Số: 12/KH-UBND</p>
<p>Tân Lạc, ngày 05 tháng 3 năm 2025</p><p>KẾ HOẠCH</p>
<p>Thi đua chào mừng theo Chỉ thị số 34-CT/TW ngày 07/4/2014</p>
<p>Hưởng ứng phong trào thi đua "Dân vận khéo"</p></body></html>
HTML
"$IDX" -q -d "$DB" "$SHARED/seeds" "$SHARED/corpus/tnt305_tailieu_vanban/docs" "$TMP/html" 2>"$TMP/idx.err"
RC=$?
expect_rc 0 "indexing"

q "$DB" --show number:2519/QĐ-UBND
expect_rc 0 "--show number:2519/QĐ-UBND"
head -n 1 "$TMP/out" | grep -q '/1813348fc14ac2b7\.txt$' && ok || bad "path: $(head -n 1 "$TMP/out")"
grep -qx '   ngày ban hành: 19/11/2025' "$TMP/out" && ok || bad "record: $(head -8 "$TMP/out")"
# Five symbols and a law cited by name alone ("Luật Tổ chức chính quyền
# địa phương ngày 16 tháng 6 năm 2025").
grep -qx 'Trích dẫn (cites): 6' "$TMP/out" && ok || bad "cites heading: $(grep cites "$TMP/out")"
grep -qx '    Luật  Luật Tổ chức chính quyền địa phương' "$TMP/out" && ok || bad "a law cited by name"
grep -qx '    118/2025/NĐ-CP  Nghị định  09/06/2025  Chính phủ' "$TMP/out" && ok || bad "a citation with its date and issuer"
grep -qx '    19/11/2025  issued' "$TMP/out" && ok || bad "the issue date with its role"
grep -qx '    09/06/2025  cited' "$TMP/out" && ok || bad "a cited date"

# A path, relative or absolute; plain text: the index keeps no text.
seed=$(ls "$SHARED"/seeds/000_*.txt)
q "$DB" --show "$seed" --text
expect_rc 0 "--show a seed"
grep -q '^    34-CT/TW  Chỉ thị  07/04/2014  Bộ Chính trị$' "$TMP/out" && ok || bad "seed citation"
grep -q '^Phong trào (movements): [1-9]' "$TMP/out" && ok || bad "seed movements"
grep -q 'the index keeps no text of this file' "$TMP/out" && ok || bad "no stored text said"

# A converted format: its text read back as indexed, line by line.
q "$DB" --show "$TMP/html/plan.html" --text
expect_rc 0 "--show the HTML plan"
grep -qx 'Số: 12/KH-UBND' "$TMP/out" && ok || bad "stored text lines: $(tail -8 "$TMP/out")"
grep -qx '    phong-trao  Dân vận khéo' "$TMP/out" && ok || bad "movement row"
q "$DB" --json --show "$TMP/html/plan.html" --text
python3 - "$TMP/out" <<'PY' && ok || bad "--show --json: $(head -c 400 "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
doc, = d["documents"]
assert d["format_version"] == 3 and doc["number"] == "12/KH-UBND" and doc["issued"] == "2025-03-05"
assert {"symbol": "34-CT/TW", "type": "Chỉ thị", "date": "2014-04-07", "issuer": None, "name": None} in doc["cites"], doc["cites"]
assert {"date": "2025-03-05", "role": "issued"} in doc["dates"]
assert doc["movements"][0]["name"] == "Dân vận khéo" and "Số: 12/KH-UBND\n" in doc["text"]
PY

q "$DB" --show "$TMP/html/none.html"
[ "$RC" = 1 ] && grep -q 'nothing indexed for .*none.html' "$TMP/err" && ok || bad "unknown path: rc $RC $(cat "$TMP/err")"
q "$DB" --show 'number:"'
[ "$RC" = 2 ] && grep -q 'bad query' "$TMP/err" && ok || bad "bad number: rc $RC $(cat "$TMP/err")"
q "$DB" --text thi
[ "$RC" = 2 ] && ok || bad "--text without --show: rc $RC"
finish
