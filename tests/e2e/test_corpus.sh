# test_corpus.sh: the ~400 documents of ../shared/corpus (laws of several
# hundred KB among them) index and answer under the sanitizers; bad files
# among them are reported and skipped while the rest is kept.
. tests/e2e/lib.sh
need_shared test_corpus
DB="$TMP/db"
T1=$(date +%s)
"$IDX" -d "$DB" "$SHARED/corpus/tnt305_tailieu_vanban/docs" \
    "$SHARED/corpus/vlc_laws/docs" >"$TMP/idx.out" 2>"$TMP/idx.err"
RC=$?
T2=$(date +%s)
expect_rc 0 "indexing the corpus"
sanitizer_clean "$TMP/idx.err" || bad "sanitizer report: $(head -c 2000 "$TMP/idx.err")"
grep -q "397 files seen, 397 indexed" "$TMP/idx.out" && ok || bad "summary: $(cat "$TMP/idx.out")"
echo "corpus: $(cat "$TMP/idx.out") [sanitizer build, $((T2 - T1)) s wall], index $(du -sk "$DB" | cut -f1) KB"
# The two laws on emulation and commendation are found by their title words.
q "$DB" --paths --limit 50 title:"thi đua khen thưởng"
grep -q 'Luat-Thi-dua-Khen-thuong-2022' "$TMP/out" && ok || bad "title search: $(cat "$TMP/out")"
q "$DB" --count '"luật thi đua, khen thưởng"'
[ "$(cat "$TMP/out")" -gt 5 ] && ok || bad "phrase count $(cat "$TMP/out")"

# Bad input beside good: reported with path and reason, exit 2, nothing lost.
mkdir -p "$TMP/bad"
: >"$TMP/bad/empty.txt"
printf '   \n\t\n' >"$TMP/bad/blank.txt"
printf 'Ph\341t \377\376 \303(' >"$TMP/bad/latin1.txt"
printf 'ok\0binary' >"$TMP/bad/nul.txt"
printf 'Kế hoạch thi đua tốt\n' >"$TMP/bad/good.txt"
printf 'unreadable' >"$TMP/bad/secret.txt"; chmod 000 "$TMP/bad/secret.txt"
ln -s "$TMP/bad/nowhere.txt" "$TMP/bad/dangling.txt"
"$IDX" -d "$DB" "$TMP/bad" >"$TMP/idx.out" 2>"$TMP/idx.err"; RC=$?
expect_rc 2 "some files skipped"
sanitizer_clean "$TMP/idx.err" || bad "sanitizer report on bad input"
grep -q "empty.txt: skipped: empty file" "$TMP/idx.err" && ok || bad "empty: $(cat "$TMP/idx.err")"
grep -q "blank.txt: skipped: no text" "$TMP/idx.err" && ok || bad "blank"
grep -q "latin1.txt: skipped: not valid UTF-8 (first bad byte at offset 2)" "$TMP/idx.err" && ok || bad "latin1: $(cat "$TMP/idx.err")"
grep -q "nul.txt: skipped: binary data" "$TMP/idx.err" && ok || bad "nul"
grep -q "dangling.txt: skipped: dangling symbolic link" "$TMP/idx.err" && ok || bad "dangling"
if [ "$(id -u)" != 0 ]; then
    grep -q "secret.txt: failed: cannot open: Permission denied" "$TMP/idx.err" && ok || bad "unreadable"
fi
expect_hits "$DB" "good" '"kế hoạch thi đua tốt"'
q "$DB" --count '"luật thi đua, khen thưởng"'
[ "$(cat "$TMP/out")" -gt 5 ] && ok || bad "corpus documents lost after a bad run"
finish
