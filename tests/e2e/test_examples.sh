# test_examples.sh: the built-in example plans (no ../shared needed); the
# expected sets were worked out by reading them (examples/EXPECTED.md).
. tests/e2e/lib.sh
DB="$TMP/db"
"$IDX" -d "$DB" examples/plans >"$TMP/idx.out" 2>"$TMP/idx.err"; RC=$?
expect_rc 0 "indexing examples/plans"
sanitizer_clean "$TMP/idx.err" || bad "sanitizer report while indexing"
A=$PA B=$PB C=$PC D=$PD E=$PE F=$PF G=$PG H=$PH
set_of() { for x in "$@"; do echo "$x"; done | sort | tr '\n' ' ' | sed 's/ $//'; }

expect_hits "$DB" "$(set_of $A $B $C $D $F $G $H)" '"thi dua"'
expect_hits "$DB" "$(set_of $A $B $C $D $F $G $H)" '"thi đua"'
# E has "Chỉ thị" and "Đưa" but never "thi đua": found by the AND of
# syllables, yet ranked below every plan with the phrase.
q "$DB" --paths --limit 20 thi đua
last=$(tail -n 1 "$TMP/out" | sed -e 's|.*/||' -e 's/\..*//')
[ "$last" = "$E" ] && ok || bad "E should rank last for thi đua: $(cat "$TMP/out")"
expect_hits "$DB" "$(set_of $E $G $H)" '"dân vận khéo"'
expect_hits "$DB" "$(set_of $E $G $H)" dan van kheo
expect_hits "$DB" "$(set_of $A $B $C $D $G $H)" '"văn hóa"'
expect_hits "$DB" "$(set_of $A $B $C $D $G $H)" '"văn hoá"'
# B has "phát động các phong trào": not the phrase.
expect_hits "$DB" "$(set_of $A $C $D $G $H)" '"phát động phong trào"'
# The OCR plan H matches an accented phrase only when folded: ranked last.
q "$DB" --paths --limit 20 '"phát động phong trào"'
last=$(tail -n 1 "$TMP/out" | sed -e 's|.*/||' -e 's/\..*//')
[ "$last" = "$H" ] && ok || bad "H should rank last: $(cat "$TMP/out")"
# Exclusion.
expect_hits "$DB" "$E" '"dân vận khéo"' '-"phát động phong trào"'
expect_hits "$DB" "$E" '"dân vận khéo"' NOT '"phat dong phong trao"'
finish
