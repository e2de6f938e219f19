#!/bin/sh
# test_graph.sh: the citation graph (issue 21): a chain of four plans across formats (a Politburo directive as text, the province's plan as .docx, the district's as .pdf, the commune's as text) followed down with --cited-by and up with --cites-of, --depth, relations (rel:, cites:KEY rel:R), resolution that does not guess (two plans numbered 12/KH-UBND: the date and issuer a citation gives decide), a cycle that ends, partial symbols, and DOT rendered by Graphviz.
#
# The fixtures are tests/fixtures/graph; LibreOffice makes the .docx and
# the .pdf. Needs soffice and dot: without them "skipped: ... not
# installed", except under CI=true, where it fails.
. tests/e2e/lib.sh

need_tools test_graph soffice dot pdftotext

F=tests/fixtures/graph
D="$TMP/archive"
mkdir -p "$D"
cp "$F/1_chi-thi.txt" "$F/4_ke-hoach-xa.txt" "$F/5_vong-a.txt" \
    "$F/6_vong-b.txt" "$F/7_cung-so.txt" "$D/"
cp "$F/2_ke-hoach-tinh.txt" "$F/3_ke-hoach-huyen.txt" "$TMP/"
soffice -env:UserInstallation="file://$TMP/profile" --headless \
    --infilter="Text (encoded):UTF8,LF,DejaVu Serif,vi-VN" \
    --convert-to docx:"MS Word 2007 XML" --outdir "$D" "$TMP/2_ke-hoach-tinh.txt" \
    >"$TMP/soffice.out" 2>&1 || bad "soffice docx: $(cat "$TMP/soffice.out")"
soffice -env:UserInstallation="file://$TMP/profile" --headless \
    --infilter="Text (encoded):UTF8,LF,DejaVu Serif,vi-VN" \
    --convert-to pdf --outdir "$D" "$TMP/3_ke-hoach-huyen.txt" \
    >"$TMP/soffice.out" 2>&1 || bad "soffice pdf: $(cat "$TMP/soffice.out")"
[ -f "$D/2_ke-hoach-tinh.docx" ] && [ -f "$D/3_ke-hoach-huyen.pdf" ] && ok ||
    bad "LibreOffice made no docx or pdf: $(ls "$D")"

DB="$TMP/idx"
"$IDX" -q -d "$DB" "$D" >"$TMP/idx.out" 2>&1 || bad "index: $(cat "$TMP/idx.out")"

# Relations as fields.
expect_hits "$DB" "2" 'cites:34-CT/TW rel:thuc-hien'
expect_hits "$DB" "3 5" 'rel:can-cu'
expect_hits "$DB" "" 'cites:34-CT/TW rel:can-cu'
expect_hits "$DB" "3" 'cites:12/KH-UBND rel:can-cu'
expect_hits "$DB" "4 6" 'rel:thuc-hien -cites:34-CT/TW'
q "$DB" --count 'rel:canc'
expect_rc 2 "rel: with no relation"
grep -q "is not a relation" "$TMP/err" && ok || bad "rel:canc: $(cat "$TMP/err")"

# Partial symbols.
expect_hits "$DB" "2 3" 'cites:"chỉ thị"'
expect_hits "$DB" "2 3 4 5 6 7" 'cites:/KH-UBND OR cites:/KH-BCĐ OR cites:/CT-TW'
expect_hits "$DB" "4" 'cites:/KH-UBND cites:"kế hoạch" -cites:12/KH-UBND'

# Down the chain from the directive: the province plan (thực hiện), at
# depth 2 the district plan (căn cứ), at depth 3 the commune's; under a
# Vietnamese locale relations by their Vietnamese names.
export LC_ALL=vi_VN.UTF-8
q "$DB" --cited-by 34-CT/TW
expect_rc 0 "--cited-by 34-CT/TW"
grep -q "thực hiện: 12/KH-UBND" "$TMP/out" && ok || bad "depth 1: $(cat "$TMP/out")"
grep -q "45/KH-UBND" "$TMP/out" && bad "depth 1 shows depth 2: $(cat "$TMP/out")" || ok
q "$DB" --cited-by 34-CT/TW --depth 3
grep -q "căn cứ: 45/KH-UBND" "$TMP/out" && ok || bad "depth 2: $(cat "$TMP/out")"
grep -q "thực hiện: 07/KH-UBND" "$TMP/out" && ok || bad "depth 3: $(cat "$TMP/out")"
# The Điện Biên plan numbered 12/KH-UBND too is not the one cited: the
# citations give the Lai Châu plan's date.
grep -q "Điện Biên\|7_cung-so" "$TMP/out" && bad "resolved to the other 12/KH-UBND: $(cat "$TMP/out")" || ok

unset LC_ALL
q "$DB" --cited-by 34-CT/TW
grep -q "thuc-hien: 12/KH-UBND" "$TMP/out" && ok || bad "English: $(cat "$TMP/out")"

# Up the chain from the commune's plan, as JSON: four documents, three
# edges, each with its relation.
q "$DB" --cites-of "$D/4_ke-hoach-xa.txt" --depth 5 --json
python3 - "$TMP/out" <<'PY' && ok || bad "cites-of JSON: $(cat "$TMP/out")"
import json, sys
g = json.load(open(sys.argv[1]))
nums = [n.get("number") for n in g["nodes"]]
assert nums[:4] == ["07/KH-UBND", "45/KH-UBND", "12/KH-UBND", "34-CT/TW"], nums
rels = sorted((nums[e["citing"]], nums[e["cited"]], e["relation"]) for e in g["edges"])
assert rels == [("07/KH-UBND", "45/KH-UBND", "thuc-hien"),
                ("12/KH-UBND", "34-CT/TW", "thuc-hien"),
                ("45/KH-UBND", "12/KH-UBND", "can-cu"),
                ("45/KH-UBND", "34-CT/TW", "mentioned")], rels
assert g["direction"] == "cites-of"
PY

# A cycle: 03/KH-BCĐ rests on 04/KH-BCĐ, which carries out 03/KH-BCĐ.
q "$DB" --cites-of number:03/KH-BCĐ --depth 10
expect_rc 0 "--cites-of in a cycle"
[ "$(grep -c "KH-BCĐ" "$TMP/out")" = 3 ] && ok || bad "cycle: $(cat "$TMP/out")"
grep -q "(shown above)" "$TMP/out" && ok || bad "cycle not marked: $(cat "$TMP/out")"

# A citation no document of the archive answers for certain: the Điện
# Biên plan cites "Kế hoạch số 12/KH-UBND của tỉnh" with no date.
q "$DB" --cites-of "$D/7_cung-so.txt"
grep -q "several indexed plans have this number\|not in the index" "$TMP/out" && ok ||
    bad "ambiguous citation resolved: $(cat "$TMP/out")"

# DOT, rendered by Graphviz.
q "$DB" --cited-by 34-CT/TW --depth 3 --format dot
expect_rc 0 "--format dot"
dot -Tsvg "$TMP/out" >"$TMP/graph.svg" 2>"$TMP/dot.err" && ok || bad "dot: $(cat "$TMP/dot.err")"
grep -q "<svg" "$TMP/graph.svg" && grep -q "07/KH&#45;UBND" "$TMP/graph.svg" && ok ||
    bad "svg: $(head -c 300 "$TMP/graph.svg")"
[ "$(grep -c -- "->" "$TMP/out")" = 3 ] && ok || bad "dot edges: $(cat "$TMP/out")"
# The rendered chain kept in the build's test output (not committed).
mkdir -p "$B/test-output" && cp "$TMP/graph.svg" "$B/test-output/graph-34-CT-TW.svg"

# Counts over time: the documents cited by the plans of each year, newest
# year first, each group's rows counted within it.
q "$DB" --list cites --by year
expect_rc 0 "--list cites --by year"
[ "$(grep -n '^20[0-9][0-9]: ' "$TMP/out" | cut -d: -f2 | tr '\n' ' ')" = "2020 2015 2014 " ] && ok ||
    bad "year groups: $(cat "$TMP/out")"
sed -n '/^2014: /,/^$/p' "$TMP/out" | grep -q '^ *2  34-CT/TW ' && ok ||
    bad "2014: 34-CT/TW cited by 2 plans: $(cat "$TMP/out")"
q "$DB" --list cites --by year --json
python3 - "$TMP/out" <<'PY' && ok || bad "--by year JSON: $(cat "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["list"] == "cites" and d["by"] == "years", d
g = {x["year"]: x for x in d["groups"]}
assert g["2020"]["plans"] == 2 and g["2020"]["query"] == "issued:2020", g["2020"]
syms = sorted(i["symbol"] for i in g["2020"]["items"])
assert syms == ["03/KH-BCĐ", "04/KH-BCĐ"], syms
PY
q "$DB" --list movements --by issuer
expect_rc 0 "--list movements --by issuer"
grep -q "^ỦY BAN NHÂN DÂN XÃ BẢN GIANG: 1 plan" "$TMP/out" && ok || bad "--by issuer: $(cat "$TMP/out")"
q "$DB" --list cites --by issuer,year
expect_rc 0 "--list cites --by issuer,year"
grep -q "^ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN / 2015: 1 plan" "$TMP/out" && ok ||
    bad "--by issuer,year: $(cat "$TMP/out")"
q "$DB" --list cites --by cites
expect_rc 2 "--by the list's own kind"
q "$DB" --by year thi
expect_rc 2 "--by without --list"

# Errors a person can act on.
q "$DB" --cited-by 999/KH-XYZ
expect_rc 1 "--cited-by a number the index lacks"
grep -q "999/KH-XYZ" "$TMP/err" && ok || bad "no document: $(cat "$TMP/err")"
q "$DB" --cited-by 34-CT/TW --depth 0
expect_rc 2 "--depth 0"

finish
