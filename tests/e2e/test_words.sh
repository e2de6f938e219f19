# test_words.sh: search as archivists type, on ../shared/corpus: plain words
# rank the plans holding them as words and next to each other first (the
# known-item set, tests/fixtures/known-items.tsv), and abbreviations find
# their long forms in text and fields (data/abbreviations.tsv).
. tests/e2e/lib.sh
need_shared test_words
command -v python3 >/dev/null || { echo "skipped: python3 not found"; exit 0; }
DB="$TMP/db"
ABS=$(cd "$SHARED/corpus" && pwd -P)
"$IDX" -q -d "$DB" "$ABS/tnt305_tailieu_vanban" "$ABS/vlc_laws" \
    >"$TMP/idx.out" 2>"$TMP/err"; RC=$?
expect_rc 0 "indexing the corpus"
sanitizer_clean "$TMP/err" || bad "sanitizer report while indexing"

# Known items typed without quotes (and mostly without accents): the target
# plan's rank, in text output as a person reads it (with the plans of the
# spelling correction when the words as typed find nothing). Before word
# terms, pairs, abbreviations and corrections: MRR 0.462, success@10 0.677.
python3 scripts/known-items --tools tracuu --db "$DB" --tracuu-query "$QRY" \
    "$SHARED/corpus/tnt305_tailieu_vanban" "$SHARED/corpus/vlc_laws" \
    >"$TMP/ki" 2>&1 || bad "known-items: $(tail -3 "$TMP/ki")"
row=$(grep '^| tracuu |' "$TMP/ki" | head -1)
mrr=$(echo "$row" | cut -d'|' -f4 | tr -d ' ')
s10=$(echo "$row" | cut -d'|' -f6 | tr -d ' ')
echo "known items: MRR $mrr, success@10 $s10"
awk "BEGIN { exit !($mrr >= 0.75) }" && ok || bad "known-item MRR $mrr < 0.75: $row"
awk "BEGIN { exit !($s10 >= 0.85) }" && ok || bad "known-item success@10 $s10 < 0.85: $row"

# "an toan giao thong": the first ten hold the phrase (before: 3 of 10).
q "$DB" --paths --limit 10000 '"an toàn giao thông"'
sort "$TMP/out" >"$TMP/phrase"
q "$DB" --paths --limit 10 an toan giao thong
n=$(sort "$TMP/out" | comm -12 - "$TMP/phrase" | wc -l)
[ "$n" -ge 9 ] && ok || bad "an toan giao thong: $n of the first 10 hold the phrase"

# "UBND tỉnh Nghệ An": a Nghệ An plan first (it was fourth, behind a plan
# with "công nghệ" and "công an").
q "$DB" --paths --limit 1 'UBND tỉnh Nghệ An'
head -c 400 "$(cat "$TMP/out")" | grep -q 'NGHỆ AN' && ok ||
    bad "UBND tỉnh Nghệ An: first hit $(cat "$TMP/out")"

# Abbreviations find the long form, in fields and text, and the form as
# written still matches.
count() { q "$DB" --count "$@"; cat "$TMP/out"; }
long=$(count 'issuer:"hội đồng nhân dân thành phố Hà Nội"')
short=$(count 'issuer:"HĐND thành phố Hà Nội"')
[ "$long" -gt 0 ] && [ "$short" = "$long" ] && ok ||
    bad "issuer:\"HĐND thành phố Hà Nội\" $short, long form $long"
long=$(count 'issuer:"ủy ban nhân dân"')
short=$(count issuer:UBND)
[ "$short" -ge "$long" ] && [ "$long" -gt 50 ] && ok ||
    bad "issuer:UBND $short, issuer:\"ủy ban nhân dân\" $long"
[ "$(count 'issuer:"UBND tỉnh"')" -gt 0 ] && ok || bad "issuer:\"UBND tỉnh\" finds nothing"
long=$(count '"kinh tế xã hội"')
short=$(count KT-XH)
[ "$short" -ge "$long" ] && [ "$long" -gt 0 ] && ok || bad "KT-XH $short, long form $long"
# In cites:…@issuer too, both ways ("Chủ tịch UBND Thành phố" cited 1716).
[ "$(count 'cites:2140/QĐ-UBND@"UBND thành phố"')" -gt 0 ] && ok ||
    bad "cites:2140/QĐ-UBND@\"UBND thành phố\" finds nothing"
[ "$(count 'cites:1716/QĐ-UBND@"ủy ban nhân dân thành phố"')" -gt 0 ] && ok ||
    bad "cites:1716/QĐ-UBND@\"ủy ban nhân dân thành phố\" finds nothing"
# TU is the syllable tu in free text ("TU BỔ"), Tỉnh ủy only as an issuer.
[ "$(count TU)" = "$(count tu)" ] && ok || bad "TU expanded in free text"
# The abbreviation as written ranks first: the plans writing PCCC.
grep -rlw PCCC "$ABS/tnt305_tailieu_vanban/docs" "$ABS/vlc_laws/docs" |
    sort >"$TMP/pccc"
np=$(wc -l <"$TMP/pccc")
q "$DB" --paths --limit "$np" PCCC
n=$(sort "$TMP/out" | comm -12 - "$TMP/pccc" | wc -l)
[ "$np" -gt 0 ] && [ "$n" -ge $((np * 8 / 10)) ] && ok ||
    bad "PCCC: $n of the first $np write PCCC"

# A date typed bare matches what date: matches (any spelling in the text),
# beside the literal text; a bare year stays a word.
"$IDX" -q -d "$TMP/seeds" "$SHARED/seeds" 2>"$TMP/err" || bad "indexing the seeds"
expect_hits "$TMP/seeds" "000 002 004" 07/04/2014
expect_hits "$TMP/seeds" "000 002 004" 7-4-2014
expect_hits "$TMP/seeds" "000 002 004" 2014-04-07
expect_hits "$TMP/seeds" "003" 07/01/2025
[ "$(hits "$TMP/seeds" 2024)" = "$(hits "$TMP/seeds" '"2024"')" ] && ok ||
    bad "a bare 2024 is not the word 2024"

# OCR damage: the scan of 002 writes "Chi thi s6 34-CT/TW", "dao dirc",
# "1am theo"; its words are indexed under their likely readings too.
expect_hits "$TMP/seeds" "000 002 004" '"Chỉ thị số 34-CT/TW"'
hits "$TMP/seeds" '"đạo đức"' | grep -q 002 && ok || bad '"đạo đức" misses 002 (dao dirc)'
hits "$TMP/seeds" '"làm theo"' | grep -q 002 && ok || bad '"làm theo" misses 002 (1am theo)'

# Did you mean: a misspelt word the index does not hold is corrected from
# the index's spelling data. Text output shows the correction's plans and
# says so; --paths and --count only suggest it (exit 1).
q "$DB" --limit 3 thuuoc tru chuot
expect_rc 0 "a misspelt query in text mode"
grep -q "showing the plans for 'thuoc tru chuot'" "$TMP/err" && ok ||
    bad "no correction said: $(cat "$TMP/err")"
grep -q 'Luat-bao-ve-kiem-dich-thuc-vat' "$TMP/out" && ok ||
    bad "the correction's plans not shown: $(head -3 "$TMP/out")"
q "$DB" --paths thuuoc tru chuot
expect_rc 1 "a misspelt query with --paths"
[ ! -s "$TMP/out" ] && grep -q 'did you mean: thuoc tru chuot' "$TMP/err" && ok ||
    bad "--paths: out [$(cat "$TMP/out")] err [$(cat "$TMP/err")]"
q "$DB" --json thuuoc tru chuot
expect_rc 1 "a misspelt query with --json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d.get("suggestion") != "thuoc tru chuot" or d["total"] != 0)' \
    "$TMP/out" && ok || bad "--json: no suggestion member: $(head -c 300 "$TMP/out")"
# A word found as typed is never corrected, nor an abbreviation.
q "$DB" --count thi đua
grep -q 'did you mean' "$TMP/err" && bad "thi đua corrected: $(cat "$TMP/err")" || ok
q "$DB" --paths thuuoc NSNN
grep -q 'did you mean: thuoc NSNN$' "$TMP/err" && ok ||
    bad "the abbreviation changed in the correction: $(cat "$TMP/err")"
# A mistyped field name: the closest field.
q "$DB" citse:34-CT/TW
expect_rc 2 "an unknown field"
grep -q "unknown field 'citse:' (did you mean cites:?)" "$TMP/err" && ok ||
    bad "field suggestion: $(cat "$TMP/err")"
finish
