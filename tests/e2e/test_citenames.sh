# test_citenames.sh: names of cited laws and codes on ../shared: a law cited
# by name alone is found by cites:"name" (diacritics, case and commas
# aside), --list cites shows the name written for a symbol and a row of
# its own for a law cited only by name, with counts equal to cites:;
# --show lists names; the hand-checked sample scores precision >= 0.95.
. tests/e2e/lib.sh
need_shared test_citenames
DB="$TMP/db"
"$IDX" -q -d "$DB" "$SHARED/seeds" "$SHARED/corpus/tnt305_tailieu_vanban/docs" 2>"$TMP/idx.err"
RC=$?
expect_rc 0 "indexing"

# The nine plans of ../shared that write "Luật Thi đua, khen thưởng" (grep),
# none with its symbol: cites:"..." finds them all, however it is typed.
want=$(grep -rlP 'Luật Thi đua,?\s+[Kk]hen\s+thưởng' "$SHARED/seeds" \
       "$SHARED/corpus/tnt305_tailieu_vanban/docs" | sed -e 's|.*/||' -e 's/[_.].*//' |
       sort | tr '\n' ' ' | sed 's/ $//')
[ -n "$want" ] && ok || bad "no plan writes Luật Thi đua, khen thưởng"
expect_hits "$DB" "$want" 'cites:"luật thi đua khen thưởng"'
expect_hits "$DB" "$want" 'cites:"Luat Thi dua, Khen thuong"'
q "$DB" --count 'cites:"luật thi đua khen thưởng"'
expect_rc 0 "cites: a law's name"
# A name that is no law's is still an error, and says what cites: takes.
q "$DB" --count 'cites:"kế hoạch thi đua"'
expect_rc 2 "cites: a phrase that is no name"
grep -q 'the name of a law or code' "$TMP/err" && ok || bad "message: $(cat "$TMP/err")"

# --list cites: the name written for a law's symbol, and rows of laws
# cited by name alone, each count what its query finds.
q "$DB" --json --list cites
expect_rc 0 "--list cites"
cp "$TMP/out" "$TMP/list.json"
python3 - "$TMP/list.json" >"$TMP/rows" <<'PY' || bad "list rows: $(cat "$TMP/rows")"
import json, sys
items = json.load(open(sys.argv[1]))['items']
by = {r['symbol']: r for r in items if r['symbol']}
assert by['72/2025/QH15']['name'] == 'Luật Tổ chức chính quyền địa phương', by['72/2025/QH15']
assert by['64/2025/QH15']['name'] == 'Luật Ban hành văn bản quy phạm pháp luật', by['64/2025/QH15']
named = [r for r in items if not r['symbol']]
assert named and all(r['name'] and r['query'].startswith('cites:"') for r in named), named[:3]
# A name some plan writes with its symbol shows on the symbol's row (its
# plans citing it by name alone are cites:"name"'s), else on a row of its own.
tdkt = [r for r in items if (r['name'] or '').lower() == 'luật thi đua, khen thưởng']
assert len(tdkt) == 1, tdkt
for r in named[:5] + tdkt:
    print(r['plans'], r['query'])
PY
while read -r n query; do
    q "$DB" --count "$query"
    [ "$(cat "$TMP/out")" = "$n" ] && ok || bad "row count $n, $query finds $(cat "$TMP/out")"
done <"$TMP/rows"
q "$DB" --list cites --limit 3
head -n 1 "$TMP/out" | grep -q ' name$' && ok || bad "text header: $(head -n 1 "$TMP/out")"

# --show: a plan's names, with and without symbols.
plan=$(grep -rl 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15' \
       "$SHARED/corpus/tnt305_tailieu_vanban/docs" | head -n 1)
q "$DB" --json --show "$plan"
python3 - "$TMP/out" <<'PY' && ok || bad "--show names of $plan"
import json, sys
c = json.load(open(sys.argv[1]))['documents'][0]['cites']
assert {'symbol': '72/2025/QH15', 'name': 'Luật Tổ chức chính quyền địa phương'}.items() <= \
    [x for x in c if x['symbol'] == '72/2025/QH15'][0].items(), c
PY

# The hand-checked sample (tests/fixtures/citenames-sample.tsv).
python3 scripts/score-citenames --bin "$B" --db "$DB" --shared "$SHARED" \
    --min-precision 0.95 --min-recall 0.85 >"$TMP/score" 2>&1 && ok ||
    bad "sample: $(cat "$TMP/score")"
cat "$TMP/score"
finish
