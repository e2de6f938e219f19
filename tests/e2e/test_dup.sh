# test_dup.sh: one plan in several files is one row. The indexer names
# each group once (when a file joins it) and counts them; a search shows
# one hit listing the others (text "also:", JSON "also", the sheet's Ghi
# chú, every file with --paths), totals and lists count the plan once,
# even when its files fall in both tiers of the ranking; the corpus
# indexed beside a copy of itself answers as the corpus alone.
. tests/e2e/lib.sh
need_shared test_dup
FIX=tests/fixtures/dup
DB="$TMP/db"

# The fixtures: 2813/QĐ-UBND as .txt, .docx, .pdf; seed 004 (no number)
# as .txt and .docx.
"$IDX" -d "$DB" "$FIX" >"$TMP/idx.out" 2>"$TMP/idx.err"
RC=$?
expect_rc 0 "indexing the fixtures"
[ "$(grep -c 'one plan in' "$TMP/idx.err")" = 2 ] && ok || bad "two groups named: $(cat "$TMP/idx.err")"
grep -q "one plan in 3 files (same number, issuer and issue date): .*/quyet-dinh-2813.docx, .*/quyet-dinh-2813.pdf, .*/quyet-dinh-2813.txt$" "$TMP/idx.err" &&
    ok || bad "the 2813 group: $(cat "$TMP/idx.err")"
grep -q "one plan in 2 files (same text): .*/ke-hoach-ttdvvl-2024.docx, .*/ke-hoach-ttdvvl-2024.txt$" "$TMP/idx.err" &&
    ok || bad "the seed group: $(cat "$TMP/idx.err")"
grep -q '; 2 plans in several files (5 files, 2 named now)$' "$TMP/idx.out" && ok || bad "summary: $(cat "$TMP/idx.out")"

# Unchanged: nothing named again, the count the same.
"$IDX" -d "$DB" "$FIX" >"$TMP/idx.out" 2>"$TMP/idx.err"
grep -q 'one plan' "$TMP/idx.err" && bad "named again: $(cat "$TMP/idx.err")" || ok
grep -q '; 2 plans in several files (5 files, 0 named now)$' "$TMP/idx.out" && ok || bad "re-run summary: $(cat "$TMP/idx.out")"

q "$DB" number:2813/QĐ-UBND
expect_rc 0 "number:2813/QĐ-UBND"
[ "$(grep -c '^[0-9]*\. ' "$TMP/out")" = 1 ] && ok || bad "one hit: $(cat "$TMP/out")"
grep -Eq '^   also: .*/quyet-dinh-2813\.[a-z]+, .*/quyet-dinh-2813\.[a-z]+$' "$TMP/out" && ok || bad "also line: $(cat "$TMP/out")"
q "$DB" --json number:2813/QĐ-UBND
python3 - "$TMP/out" <<'PY' && ok || bad "JSON also: $(cat "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
h = d["hits"]
assert d["total"] == 1 and d["total_exact"] is True and len(h) == 1, d
names = sorted(p.rsplit("/", 1)[1] for p in [h[0]["path"]] + h[0]["also"])
assert names == ["quyet-dinh-2813.docx", "quyet-dinh-2813.pdf", "quyet-dinh-2813.txt"], names
PY
q "$DB" --count '*'
[ "$(cat "$TMP/out")" = 2 ] && ok || bad "--count '*': $(cat "$TMP/out")"
q "$DB" --paths '*'
[ "$(wc -l <"$TMP/out")" = 5 ] && ok || bad "--paths lists every file: $(cat "$TMP/out")"
q "$DB" --list types
grep -Eq '^ *1 +QUYẾT ĐỊNH$' "$TMP/out" && ok || bad "--list types counts the plan once: $(cat "$TMP/out")"
q "$DB" --format csv --sort date '*'
grep -q 'cùng văn bản: .*/ke-hoach-ttdvvl-2024.txt' "$TMP/out" && ok || bad "CSV Ghi chú: $(cat "$TMP/out")"
[ "$(grep -c '^"*[0-9]' "$TMP/out")" = 2 ] && ok || bad "two CSV rows: $(cat "$TMP/out")"

# A plan whose files fall in both tiers (one with the accents typed, one
# written without): one hit, the accented file, the other listed.
mkdir -p "$TMP/tiers"
cp "$FIX/ke-hoach-ttdvvl-2024.txt" "$TMP/tiers/plan.txt"
python3 - "$TMP/tiers/plan.txt" "$TMP/tiers/plan-ocr.txt" <<'PY'
import sys, unicodedata
t = open(sys.argv[1], encoding="utf-8").read()
t = unicodedata.normalize("NFD", t.replace("đ", "d").replace("Đ", "D"))
open(sys.argv[2], "w", encoding="utf-8").write(
    "".join(c for c in t if not unicodedata.combining(c)))
PY
"$IDX" -q -d "$TMP/db2" "$TMP/tiers" 2>"$TMP/idx.err"
q "$TMP/db2" --json 'thi đua'
python3 - "$TMP/out" <<'PY' && ok || bad "tiers: $(cat "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == 1 and len(d["hits"]) == 1, d
assert d["hits"][0]["path"].endswith("/plan.txt"), d["hits"][0]["path"]
assert [p.rsplit("/", 1)[1] for p in d["hits"][0]["also"]] == ["plan-ocr.txt"]
PY

# A group whose files are indexed in different runs: named by the run
# that adds the second file, once.
mkdir -p "$TMP/later"
cp "$FIX/quyet-dinh-2813.txt" "$TMP/later/"
"$IDX" -d "$TMP/db3" "$TMP/later" >"$TMP/idx.out" 2>"$TMP/idx.err"
grep -q 'one plan' "$TMP/idx.err" && bad "one file named: $(cat "$TMP/idx.err")" || ok
cp "$FIX/quyet-dinh-2813.pdf" "$TMP/later/"
"$IDX" -d "$TMP/db3" "$TMP/later" >"$TMP/idx.out" 2>"$TMP/idx.err"
[ "$(grep -c 'one plan in 2 files' "$TMP/idx.err")" = 1 ] && ok || bad "joined later: $(cat "$TMP/idx.err")"
grep -q '; 1 plans in several files (2 files, 1 named now)$' "$TMP/idx.out" && ok || bad "joined later summary: $(cat "$TMP/idx.out")"

# The corpus's decisions beside a copy of them.
DOCS=$(cd "$SHARED/corpus/tnt305_tailieu_vanban/docs" && pwd -P)
n=$(ls "$DOCS" | wc -l)
cp -r "$DOCS" "$TMP/copy"
"$IDX" -q -d "$TMP/dbc" "$DOCS" "$TMP/copy" 2>"$TMP/idx.err"
q "$TMP/dbc" number:2820/QĐ-UBND
[ "$(grep -c '^[0-9]*\. ' "$TMP/out")" = 1 ] && ok || bad "2820 one hit: $(cat "$TMP/out")"
shown=$(sed -n 's/^1\. //p' "$TMP/out")
also=$(sed -n 's/^   also: //p' "$TMP/out")
[ "$(printf '%s\n%s\n' "$shown" "$also" | sort | tr '\n' ' ')" = \
  "$(printf '%s\n%s\n' "$DOCS/001c610b2efdcf0c.txt" "$TMP/copy/001c610b2efdcf0c.txt" | sort | tr '\n' ' ')" ] &&
    ok || bad "2820 and its copy: $(cat "$TMP/out")"
q "$TMP/dbc" --count '*'
[ "$(cat "$TMP/out")" = "$n" ] && ok || bad "--count '*' $(cat "$TMP/out"), want $n"
q "$TMP/dbc" --json --list issuers
python3 - "$TMP/out" "$n" <<'PY' && ok || bad "--list issuers sums to the plans: $(head -c 600 "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert sum(r["plans"] for r in d["items"]) == int(sys.argv[2])
PY
q "$TMP/dbc" --count cites:118/2025/NĐ-CP
want=$(cat "$TMP/out")
q "$TMP/dbc" --list cites
grep -Eq "^ *$want +118/2025/NĐ-CP" "$TMP/out" && [ "$want" -gt 1 ] && ok ||
    bad "--list cites 118/2025/NĐ-CP: want $want: $(grep '118/2025/NĐ-CP' "$TMP/out")"
finish
