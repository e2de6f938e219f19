# test_signers.sh: the signer (role and name) extracted from every document
# of ../shared/corpus agrees with the hand-checked sample
# (tests/fixtures/signers-sample.tsv, scripts/score-signers) for at least
# 95% of each corpus, role and name both right (issue 19 point 6: laws
# signed "CHỦ TỊCH QUỐC HỘI" with no "Nơi nhận:", blocks glued after the
# recipients, old laws signed "(Đã ký)" with no role, ranks before names).
. tests/e2e/lib.sh
need_shared test_signers
need_tools test_signers xapian-delve python3
CORPUS="$SHARED/corpus"
[ -d "$CORPUS/tnt305_tailieu_vanban/docs" ] && [ -d "$CORPUS/vlc_laws/docs" ] || {
    echo "skipped: $CORPUS has no tnt305_tailieu_vanban/docs or vlc_laws/docs (test_signers)"
    exit 0
}
DB="$TMP/db"
"$IDX" -q -d "$DB" "$CORPUS/tnt305_tailieu_vanban/docs" "$CORPUS/vlc_laws/docs" \
    >"$TMP/idx.out" 2>"$TMP/idx.err"; RC=$?
[ "$RC" -eq 0 ] && ok || bad "indexing the two corpora: exit $RC: $(tail -3 "$TMP/idx.err")"
sanitizer_clean "$TMP/idx.err" || bad "sanitizer report while indexing"

python3 scripts/score-signers -d "$DB" >"$TMP/score" 2>"$TMP/score.err"
[ $? -eq 0 ] && ok || bad "score-signers failed: $(cat "$TMP/score.err")"
for corpus in tnt305_tailieu_vanban vlc_laws; do
    line=$(grep "^$corpus: " "$TMP/score")
    # "both N/M (P%)": N right of M rows.
    both=$(printf '%s\n' "$line" | sed -n 's|.*both \([0-9]*\)/\([0-9]*\) .*|\1 \2|p')
    set -- $both
    if [ $# -eq 2 ] && [ "$2" -gt 0 ] && [ $(($1 * 100)) -ge $(($2 * 95)) ]; then
        ok
    else
        bad "$corpus: role and name right in under 95%: ${line:-no figures}"
        grep -A400 "^$corpus: " "$TMP/score" | sed -n '2,400{/^[^ ]/q;p}' | head -15
    fi
done

# A few named blocks, one of each shape, as the index holds them.
row() { grep "^  $1	" "$TMP/score" >/dev/null && bad "$1 disagrees: $(grep "^  $1	" "$TMP/score")" || ok; }
row Luat-Bao-chi-2016-280645                  # CHỦ TỊCH QUỐC HỘI after "thông qua"
row Luat-quy-hoach-322935                     # ... before a long appendix
row Luat-khoang-san-2010-115263               # the sentence wrapped over three lines
row Luat-Dau-khi-1993-18-L-CTN-38474          # name then "(Đã ký)", no role
row e4ddc120fc14463c                          # TM. CHÍNH PHỦKT. THỦ TƯỚNG... glued
row a032a58e6ab2f19d                          # "| TM. ỦY BAN THƯỜNG VỤ QUỐC HỘICHỦ TỊCH"
row 1e6fb98e16a75e3d                          # "Đại" / "tướng Nguyễn Tân Cương"
row 4ea650b6faa46d71                          # "( Đã ký) Lê Thành Long"

finish
