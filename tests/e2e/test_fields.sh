# test_fields.sh: cited documents, dates and movements on ../shared/seeds
# (the acceptance of the cites, dates and movements issues), through the
# real binaries.
. tests/e2e/lib.sh
need_shared test_fields
DB="$TMP/db"
"$IDX" -d "$DB" "$SHARED/seeds" >"$TMP/idx.out" 2>"$TMP/idx.err"; RC=$?
expect_rc 0 "indexing the seeds"
sanitizer_clean "$TMP/idx.err" || bad "sanitizer report while indexing"

# Cited documents, in any spelling on either side.
for s in 34-CT/TW 34/CT-TW 34-ct/tw '"34 CT TW"' '"34 - CT/ TW"' 34–CT/TW; do
    expect_hits "$DB" "000 002 004" "cites:$s"
done
expect_hits "$DB" "000 002 004" 34-CT/TW          # a free word that is a symbol
expect_hits "$DB" "001 004" cites:19/CT-TTg
expect_hits "$DB" "000 001" cites:05-CT/TW         # 001 breaks it across a line
expect_hits "$DB" "000" cites:1022/QĐ-UBND         # written QD there
expect_hits "$DB" "000" cites:1022/QD-UBND
expect_hits "$DB" "003" cites:98/2023/ND-CP
expect_hits "$DB" "003" cites:98/2023/NĐ-CP
expect_hits "$DB" "002" cites:21/NQ-HĐND           # OCR "21/NQ- -HDND"
expect_hits "$DB" "000 002 004" 'cites:"chỉ thị 34"'
expect_hits "$DB" "000 002 004" 'cites:"chi thi 34"'
expect_hits "$DB" "000 004" cites:11/CT-UBND       # two different directives
expect_hits "$DB" "004" cites:11/CT-UBND date:2020
expect_hits "$DB" "000" cites:11/CT-UBND date:2021
expect_hits "$DB" "004" cites:11/CT-UBND@13/10/2020
expect_hits "$DB" "000" 'cites:11/CT-UBND@"Chủ tịch UBND tỉnh"'
expect_hits "$DB" "" cites:34-CT/TU                # TW and TU stay apart
expect_hits "$DB" "" cites:01/2011/TT-BNV          # years stay apart
expect_hits "$DB" "003" number:01/KH-UBND-CD
expect_hits "$DB" "" cites:01/KH-UBND-CD           # an own number is no citation
q "$DB" --marks cites:05-CT/TW
grep -q 'số \[05\]- \[CT/TW\]' "$TMP/out" && ok || bad "citation as written in 001's snippet: $(cat "$TMP/out")"
# Dates too, as each plan wrote them (002 is OCR: "ngay 07/4/2014").
q "$DB" --marks --color never date:07/04/2014
[ "$(grep -c '07/4/2014\]' "$TMP/out")" = 3 ] && ok || bad "date in each snippet: $(cat "$TMP/out")"
q "$DB" --marks --color never date:2024-02-28
grep -q '28/02/2024\]' "$TMP/out" && ok || bad "day in 000's snippet: $(cat "$TMP/out")"
q "$DB" cites:hello; expect_rc 2 "cites: of a non-symbol"
q "$DB" --list cites
# 000 and 004 name the issuer Bộ Chính trị; 002's OCR made it "B6 Chinh tr":
# one row per cited document, as cites: finds it (three plans), the
# spelling most plans wrote shown.
grep -q '^ *3  34-CT/TW  *Chỉ thị  *07/04/2014 Bộ Chính trị  *-$' "$TMP/out" && ok || bad "list cites: 34-CT/TW row: $(head -5 "$TMP/out")"
# 05-CT/TW of Bộ Chính trị and of Ban Bí thư 2021: one row of 2 plans, as
# cites:05-CT/TW finds 2 (cites:05-CT/TW@2021 tells them apart).
grep -q '^ *2  05-CT/TW ' "$TMP/out" && [ "$(grep -c ' 05-CT/TW ' "$TMP/out")" = 1 ] && ok || bad "05-CT/TW: $(grep ' 05-CT/TW ' "$TMP/out")"
q "$DB" --json --list cites '"dân vận khéo"'
python3 - "$TMP/out" <<'PY' && ok || bad "list cites JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format_version"] == 3 and d["list"] == "cites"
rows = {(r["symbol"], r["date"]): r for r in d["items"]}
assert rows[("34-CT/TW", "2014-04-07")]["plans"] == 1, rows.keys()
assert rows[("34-CT/TW", "2014-04-07")]["issuer"] == "Bộ Chính trị"
PY

# Dates.
expect_hits "$DB" "000 002 004" date:07/04/2014
expect_hits "$DB" "000 002 004" date:07/4/2014
expect_hits "$DB" "000 002 004" date:2014-04-07
expect_hits "$DB" "000" date:2024-02-28
expect_hits "$DB" "003" issued:2025
expect_hits "$DB" "003" date:07/01/2025
expect_hits "$DB" "003" 'date:2025-01-01..2025-01-31'
expect_hits "$DB" "002" 'date:14/3/2024'              # OCR "ngay 14 thang 3 nidm 2024"
q "$DB" --paths period:2024
grep -q 000_ "$TMP/out" && ok || bad "period:2024 includes 000"
expect_hits "$DB" "000 002 004" 'date:..2014-04-07' date:2014
for bad in date:31/02/2024 date:2024-13 'date:2024..2023' date:abc 'issued:..' period:x; do
    q "$DB" "$bad"; expect_rc 2 "$bad"
done
q "$DB" --json issued:2025
grep -q '"issued": "2025-01-07"' "$TMP/out" && ok || bad "issue date in JSON"
q "$DB" --sort date --paths thi đua
[ "$(head -n 1 "$TMP/out" | sed 's|.*/||' | cut -c1-3)" = 003 ] && ok || bad "--sort date puts the only dated plan first"
q "$DB" --sort -date --paths thi đua
[ "$(head -n 1 "$TMP/out" | sed 's|.*/||' | cut -c1-3)" = 003 ] && ok || bad "--sort -date: unknown dates last"
q "$DB" --list dates cites:98/2023/NĐ-CP
grep -q '07/01/2025  issued' "$TMP/out" && ok || bad "list dates issued"
grep -q '31/12/2023  cited' "$TMP/out" && ok || bad "list dates cited"

# Movements.
expect_hits "$DB" "000 003" 'movement:"dân vận khéo"'
expect_hits "$DB" "000 003" 'movement:"dan van kheo"'
expect_hits "$DB" "000 001 003" 'movement:"chung sức xây dựng nông thôn mới"'
# Only inside one name: "Cả nước chung sức xây dựng nông thôn mới" (001)
# is a name, but a plan naming nông thôn mới only outside a name is not.
q "$DB" --paths 'movement:"người tốt, việc tốt"'; expect_rc 1 "a scare quote is no movement"
q "$DB" --list movements
n=$(wc -l <"$TMP/out")
[ "$n" -ge 35 ] && ok || bad "at least 35 movement names over the seeds: $n"
grep -q 'người tốt, việc tốt\|Ngày hội Đại đoàn kết\|   nóng$' "$TMP/out" && bad "scare quote listed" || ok
# 001 and 003 carry out the campaign "Học tập và làm theo tư tưởng, đạo
# đức, phong cách Hồ Chí Minh" (a cuộc vận động of data/movements.tsv)
# without its introducer.
expect_hits "$DB" "000 001 003" 'kind:cuoc-van-dong'
expect_hits "$DB" "000 003 004" 'type:"kế hoạch"'
# Header fields: both signers of the joint plan 003; the issuer from the
# opening sentence where there is no header block (000, 004).
expect_hits "$DB" "003" 'signer:"Phạm Hồng Oanh"'
expect_hits "$DB" "003" 'signer:"hoang trung hieu"'
expect_hits "$DB" "000" 'issuer:"liên đoàn lao động"'
expect_hits "$DB" "004" 'issuer:"trung tâm dịch vụ việc làm"'
expect_hits "$DB" "003" 'title:"kinh tế văn hóa xã hội"'
# OR and groups.
expect_hits "$DB" "000 001 002 004" '(cites:34-CT/TW OR cites:19/CT-TTg)'
expect_hits "$DB" "001 002 004" '(cites:34-CT/TW OR cites:19/CT-TTg) -"dân vận khéo"'
# No hit shows a passage whose words another of its passages shows (two
# numbers of a citation, or a number and the words near it, can lead to
# one passage, cut once shorter). The lines after a hit's title, but its
# date, are its passages.
for query in cites:34-CT/TW cites:05-CT/TW date:2024 date:07/04/2014 'thi đua' \
    '"phong trào thi đua"' 'chỉ thị 34'; do
    q "$DB" --color never --limit 20 "$query"
    [ "$RC" = 0 ] && ok || bad "$query: no hit (rc $RC)"
    dup=$(awk '
        function check(   i, j) {
            for (i = 1; i <= n; i++)
                for (j = 1; j <= n; j++)
                    if (i != j && length(p[i]) <= length(p[j]) && index(p[j], p[i]) > 0)
                        print p[i]
        }
        /^ *[0-9]+\. / { check(); n = 0; title = 1; next }
        /^   / {
            if (title) { title = 0; next }
            if ($0 ~ /^   (số, ký hiệu|ngày ban hành|tên loại|cơ quan ban hành|người ký): /) next
            t = substr($0, 4)
            sub(/^… /, "", t); sub(/ …$/, "", t)
            p[++n] = t
        }
        END { check() }' "$TMP/out")
    [ -z "$dup" ] && ok || bad "$query shows a passage twice: $dup"
done
finish
