# test_records.sh: every hit carries its plan's record (số và ký hiệu,
# date dd/mm/yyyy, type, issuer, title, signer, path), checked against the
# corpus's metadata.jsonl; totals are exact ("Showing 1–10 of 19", JSON
# "total" equal to --count).
. tests/e2e/lib.sh
need_shared test_records
DB="$TMP/db"
DOCS="$SHARED/corpus/tnt305_tailieu_vanban/docs"
"$IDX" -q -d "$DB" "$SHARED/seeds" "$DOCS" 2>"$TMP/idx.err"
RC=$?
expect_rc 0 "indexing the seeds and the 2025 documents"

# Text: the page's place among all matches, then each record field on a
# labelled line, the date the Vietnamese way.
q "$DB" --color never 'cites:118/2025/NĐ-CP'
[ "$RC" = 0 ] && ok || bad "cites:118/2025/NĐ-CP: rc $RC"
[ "$(head -n 1 "$TMP/out")" = "Showing 1–10 of 19" ] && ok ||
    bad "first line: $(head -n 1 "$TMP/out")"
[ "$(grep -c '^[0-9]*\. /' "$TMP/out")" = 10 ] && ok || bad "10 hits shown"
for label in 'số, ký hiệu' 'ngày ban hành' 'tên loại' 'cơ quan ban hành' 'người ký'; do
    n=$(grep -c "^   $label: " "$TMP/out")
    [ "$n" -ge 9 ] && ok || bad "$label: on $n of 10 hits"
done
grep -q '^   ngày ban hành: [0-3][0-9]/[01][0-9]/20[0-9][0-9]$' "$TMP/out" && ok ||
    bad "no dd/mm/yyyy date: $(grep 'ngày ban hành' "$TMP/out" | head -2)"
grep -q '^   ngày ban hành: 20[0-9][0-9]-' "$TMP/out" && bad "an ISO date in text" || ok
q "$DB" --color never --offset 10 'cites:118/2025/NĐ-CP'
[ "$(head -n 1 "$TMP/out")" = "Showing 11–19 of 19" ] && ok ||
    bad "offset 10: $(head -n 1 "$TMP/out")"
q "$DB" --color never --limit 30 'cites:118/2025/NĐ-CP'
grep -q '^Showing' "$TMP/out" && bad "a Showing line when every hit is shown" || ok

# One known plan, field by field.
q "$DB" --color never number:2519/QĐ-UBND
grep -qx '   số, ký hiệu: 2519/QĐ-UBND' "$TMP/out" && ok || bad "number: $(cat "$TMP/out")"
grep -qx '   ngày ban hành: 19/11/2025' "$TMP/out" && ok || bad "date: $(cat "$TMP/out")"
grep -qx '   cơ quan ban hành: ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ' "$TMP/out" && ok || bad "issuer"
grep -qx '   người ký: Trương Cảnh Tuyên (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH)' "$TMP/out" && ok ||
    bad "signer: $(grep 'người ký' "$TMP/out")"

# JSON: each field its own member; totals exact (check_at_least), equal to
# --count, where an estimate said 10 for 163 before.
for query in 'issued:2025-11' 'thi đua' 'thi dua' '"phong trào thi đua"' 'cites:118/2025/NĐ-CP'; do
    q "$DB" --count "$query"; want=$(cat "$TMP/out")
    q "$DB" --json -n 10 "$query"
    got=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])' <"$TMP/out")
    [ "$got" = "$want" ] && ok || bad "$query: JSON total $got, --count $want"
done
q "$DB" --json --limit all 'cites:118/2025/NĐ-CP'
python3 - "$TMP/out" "$SHARED/corpus/tnt305_tailieu_vanban/metadata.jsonl" <<'PY' && ok || bad "JSON records against metadata.jsonl"
import json, os, sys
d = json.load(open(sys.argv[1]))
meta = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[2])}
assert d["format_version"] == 3 and d["total"] == 19 and len(d["hits"]) == 19, d["total"]
keys = {"rank", "path", "title", "score", "issued", "number", "type", "issuer",
        "signer", "signer_role", "place", "format", "snippets"}
agree = {"number": 0, "issued": 0, "issuer": 0, "type": 0}
for h in d["hits"]:
    assert keys <= set(h), sorted(keys - set(h))
    assert h["issued"] is None or len(h["issued"]) == 10 and h["issued"][4] == "-"
    m = meta[os.path.basename(h["path"]).split(".")[0]]
    agree["number"] += h["number"] == m["so_ky_hieu"]
    agree["issued"] += h["issued"] == m["ngay_ban_hanh"]
    agree["issuer"] += h["issuer"] == m["co_quan"]
    agree["type"] += h["type"] == m["loai_van_ban"]
print("records of cites:118/2025/NĐ-CP against metadata.jsonl:", agree, "of 19")
assert min(agree.values()) >= 17, agree
PY
finish
