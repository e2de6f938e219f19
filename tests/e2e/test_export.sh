# test_export.sh: --format csv and --format xlsx write the archive's sheet
# (NĐ 30/2020 Phụ lục VI columns), read back with Python's csv module and
# xlsx2csv; --limit all.
. tests/e2e/lib.sh
need_shared test_export
need_tools test_export xlsx2csv script
DB="$TMP/db"
"$IDX" -q -d "$DB" "$SHARED/seeds" "$SHARED/corpus/tnt305_tailieu_vanban/docs" 2>"$TMP/idx.err"
RC=$?
expect_rc 0 "indexing the seeds and the 2025 documents"
QUERY='issued:2025 type:"kế hoạch"'
q "$DB" --count "$QUERY"; N=$(cat "$TMP/out")
[ "$N" -gt 10 ] && ok || bad "$QUERY: $N plans"
q "$DB" --json --limit all "$QUERY"; cp "$TMP/out" "$TMP/hits.json"

# CSV: a BOM, CR LF rows, RFC 4180 quoting; every match without --limit;
# the cells are the JSON record's, the date dd/mm/yyyy.
q "$DB" --format csv "$QUERY"
expect_rc 0 "csv export"
cp "$TMP/out" "$TMP/plans.csv"
[ "$(head -c 3 "$TMP/plans.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok || bad "no BOM"
python3 - "$TMP/plans.csv" "$TMP/hits.json" "$N" <<'PY' && ok || bad "csv read back"
import csv, json, re, sys
raw = open(sys.argv[1], "rb").read()
assert raw.count(b"\r\n") >= int(sys.argv[3]) + 1 and b"\n" not in raw.replace(b"\r\n", b""), "CR LF rows"
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert rows[0] == ["Số thứ tự", "Số và ký hiệu", "Ngày tháng", "Tên loại",
                   "Cơ quan ban hành", "Trích yếu nội dung", "Người ký",
                   "Số trang", "Tên tệp", "Ghi chú"], rows[0]
hits = json.load(open(sys.argv[2]))["hits"]
assert len(rows) == int(sys.argv[3]) + 1 == len(hits) + 1, (len(rows), sys.argv[3])
commas = 0
for r, h in zip(rows[1:], hits):
    assert len(r) == 10, r
    d = h["issued"]
    assert r[0] == str(h["rank"]) and r[1] == (h["number"] or ""), (r, h["number"])
    assert r[2] == (f"{d[8:10]}/{d[5:7]}/{d[0:4]}" if d else ""), (r[2], d)
    assert re.fullmatch(r"\d\d/\d\d/2025", r[2]), r[2]
    assert r[3] == h["type"] and r[4] == (h["issuer"] or "") and r[5] == h["title"]
    assert h["signer"] is None or r[6].startswith(h["signer"]), (r[6], h["signer"])
    assert r[7] == "" and r[8] == h["path"], r
    commas += "," in r[5]
assert commas > 0, "no title with a comma: quoting untested"
print("csv:", len(rows) - 1, "rows;", commas, "titles with a comma")
PY
q "$DB" --format csv --limit 5 "$QUERY"
[ "$(python3 -c 'import csv,sys; print(len(list(csv.reader(sys.stdin))))' <"$TMP/out")" = 6 ] && ok ||
    bad "--limit 5: $(wc -l <"$TMP/out") lines"

# --limit all (and 0) for text and paths too.
q "$DB" --paths --limit all "$QUERY"
[ "$(wc -l <"$TMP/out")" = "$N" ] && ok || bad "--paths --limit all: $(wc -l <"$TMP/out") of $N"
q "$DB" --paths --limit 0 "$QUERY"
[ "$(wc -l <"$TMP/out")" = "$N" ] && ok || bad "--paths --limit 0: $(wc -l <"$TMP/out") of $N"
q "$DB" --limit everything "$QUERY"
[ "$RC" = 2 ] && grep -q "or all" "$TMP/err" && ok || bad "--limit everything: rc $RC $(cat "$TMP/err")"

# XLSX: to -o FILE, or to a pipe; the same rows as the CSV.
q "$DB" --format xlsx -o "$TMP/plans.xlsx" "$QUERY"
expect_rc 0 "xlsx export"
xlsx2csv "$TMP/plans.xlsx" >"$TMP/x.csv" 2>"$TMP/x.err" && ok || bad "xlsx2csv: $(cat "$TMP/x.err")"
python3 - "$TMP/x.csv" "$TMP/plans.csv" <<'PY' && ok || bad "xlsx read back differs from the csv"
import csv, sys
x = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
c = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
assert x == c, [(a, b) for a, b in zip(x, c) if a != b][:2]
print("xlsx:", len(x) - 1, "rows, as the csv")
PY
"$QRY" -d "$DB" --format xlsx "$QUERY" >"$TMP/pipe.xlsx" 2>"$TMP/err"
xlsx2csv "$TMP/pipe.xlsx" | cmp -s - "$TMP/x.csv" && ok || bad "xlsx through a pipe"
script -qec "$QRY -d $DB --format xlsx thi" /dev/null >"$TMP/tty.out" 2>&1
RC=$?
[ "$RC" = 2 ] && grep -q 'give -o FILE' "$TMP/tty.out" && ok || bad "xlsx to a terminal: rc $RC $(cat "$TMP/tty.out")"
q "$DB" --format xlsx -o "$TMP/no/such/dir/x.xlsx" thi
[ "$RC" = 2 ] && grep -q "cannot write .*no/such/dir/x.xlsx" "$TMP/err" && ok || bad "unwritable -o: rc $RC $(cat "$TMP/err")"
# A list exports as a sheet too, its columns named.
q "$DB" --format csv --list issuers --limit 4
python3 - "$TMP/out" <<'PY' && ok || bad "--list issuers as csv: $(cat "$TMP/out")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert rows[0] == ["plans", "issuer"] and len(rows) == 5, rows
assert [int(r[0]) for r in rows[1:]] == sorted((int(r[0]) for r in rows[1:]), reverse=True)
PY
q "$DB" --format ods thi
[ "$RC" = 2 ] && grep -q "xlsx or dot" "$TMP/err" && ok || bad "--format ods: rc $RC"
finish
