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
echo "corpus: $(cat "$TMP/idx.out") [$B, $((T2 - T1)) s wall], index $(du -sk "$DB" | cut -f1) KB"
# The two laws on emulation and commendation are found by their title words.
q "$DB" --paths --limit 50 title:"thi đua khen thưởng"
grep -q 'Luat-Thi-dua-Khen-thuong-2022' "$TMP/out" && ok || bad "title search: $(cat "$TMP/out")"
q "$DB" --count '"luật thi đua, khen thưởng"'
[ "$(cat "$TMP/out")" -gt 5 ] && ok || bad "phrase count $(cat "$TMP/out")"

# Two threads write two shards, merged into one at the end: the index is
# one database, and plans of one weight (a date filter) are listed in the
# order one thread gives.
"$IDX" -q -j 1 -d "$TMP/j1" "$SHARED/corpus/tnt305_tailieu_vanban/docs" 2>"$TMP/j1.err" || bad "-j 1: $(head -3 "$TMP/j1.err")"
"$IDX" -q -j 2 -d "$TMP/j2" "$SHARED/corpus/tnt305_tailieu_vanban/docs" 2>"$TMP/j2.err" || bad "-j 2: $(head -3 "$TMP/j2.err")"
[ "$(grep -c . "$TMP/j2/XAPIANDB")" = 1 ] && [ "$(ls -d "$TMP/j2"/shard-* | wc -l)" = 1 ] && ok \
    || bad "-j 2 left [$(ls "$TMP/j2" | tr '\n' ' ')], stub [$(cat "$TMP/j2/XAPIANDB")]"
q "$TMP/j1" --paths --limit 1000 date:2020..2025
cp "$TMP/out" "$TMP/order1"
q "$TMP/j2" --paths --limit 1000 date:2020..2025
n=$(grep -c . "$TMP/order1")
[ "$n" -ge 100 ] && cmp -s "$TMP/order1" "$TMP/out" && ok \
    || bad "date:2020..2025 from -j 1 ($n plans) and -j 2 ($(grep -c . "$TMP/out")) differ: $(diff "$TMP/order1" "$TMP/out" | head -4)"

# A run that adds at least an eighth as many plans as the index holds
# writes two shards again and merges them; a smaller one writes into the
# one there is.
DOCS="$SHARED/corpus/tnt305_tailieu_vanban/docs"
n=$(ls "$DOCS" | grep -c '\.txt$')
k=$(( (n + 7) / 8 ))
mkdir -p "$TMP/more"
ls "$DOCS" | grep '\.txt$' | head -$k | while read -r f; do cp "$DOCS/$f" "$TMP/more/a-$f"; done
"$IDX" -j 2 -d "$TMP/j2" "$DOCS" "$TMP/more" >"$TMP/grow.out" 2>&1
grep -q "merging 2 shards" "$TMP/grow.out" && grep -q " $k indexed, $n unchanged" "$TMP/grow.out" && ok \
    || bad "adding $k plans to $n: $(cat "$TMP/grow.out")"
ls "$DOCS" | grep '\.txt$' | head -1 | while read -r f; do cp "$DOCS/$f" "$TMP/more/b-$f"; done
"$IDX" -j 2 -d "$TMP/j2" "$DOCS" "$TMP/more" >"$TMP/grow.out" 2>&1
! grep -q "merging" "$TMP/grow.out" && grep -q " 1 indexed, $((n + k)) unchanged" "$TMP/grow.out" && ok \
    || bad "adding 1 plan to $((n + k)): $(cat "$TMP/grow.out")"
[ "$(ls -d "$TMP/j2"/shard-* | wc -l)" = 1 ] && ok || bad "after the runs: $(ls "$TMP/j2" | tr '\n' ' ')"

# Bad input beside good: reported with path and reason, exit 2, nothing lost.
mkdir -p "$TMP/bad"
: >"$TMP/bad/empty.txt"
printf '   \n\t\n' >"$TMP/bad/blank.txt"
# Legacy encodings are decoded, not refused: TCVN3 and Windows-1258.
printf 'Kế hoạch phát động phong trào thi đua "Dân vận khéo" của xã Phú Mỹ Thượng\n' \
    | iconv -f UTF-8 -t TCVN5712-1 >"$TMP/bad/tcvn3.txt"
printf 'Ủy ban nhân dân xã Hòa Lạc Đông ban hành kế hoạch thi đua\n' \
    | iconv -f UTF-8 -t CP1258 >"$TMP/bad/cp1258.txt"
head -c 4096 /dev/urandom >"$TMP/bad/random.txt"
printf 'ok\0binary' >"$TMP/bad/nul.txt"
printf 'Kế hoạch thi đua tốt\n' >"$TMP/bad/good.txt"
printf 'unreadable' >"$TMP/bad/secret.txt"; chmod 000 "$TMP/bad/secret.txt"
ln -s "$TMP/bad/nowhere.txt" "$TMP/bad/dangling.txt"
"$IDX" -d "$DB" "$TMP/bad" >"$TMP/idx.out" 2>"$TMP/idx.err"; RC=$?
expect_rc 2 "some files skipped"
sanitizer_clean "$TMP/idx.err" || bad "sanitizer report on bad input"
grep -q "empty.txt: skipped: empty file" "$TMP/idx.err" && ok || bad "empty: $(cat "$TMP/idx.err")"
grep -q "blank.txt: skipped: no text" "$TMP/idx.err" && ok || bad "blank"
grep -q "nul.txt: skipped: binary data" "$TMP/idx.err" && ok || bad "nul"
grep -q "random.txt: skipped: binary data" "$TMP/idx.err" && ok || bad "random: $(cat "$TMP/idx.err")"
expect_hits "$DB" "tcvn3" '"dân vận khéo" "xã phú mỹ thượng"'
expect_hits "$DB" "tcvn3" 'dan van kheo "phu my thuong"'
expect_hits "$DB" "cp1258" '"ủy ban nhân dân xã hòa lạc đông"'
expect_hits "$DB" "cp1258" '"uy ban nhan dan xa hoa lac dong"'
# Failures are remembered: unchanged, they are not read again.
"$IDX" -d "$DB" "$TMP/bad" >"$TMP/idx2.out" 2>"$TMP/idx2.err"; RC=$?
expect_rc 2 "failures remembered"
grep -q "files failed before and are unchanged" "$TMP/idx2.out" && ok || bad "failed-before line: $(cat "$TMP/idx2.out")"
grep -q "random.txt" "$TMP/idx2.err" && bad "random.txt read again" || ok
"$IDX" -d "$DB" --retry-failed "$TMP/bad" >"$TMP/idx2.out" 2>"$TMP/idx2.err"
grep -q "random.txt: skipped: binary data" "$TMP/idx2.err" && ok || bad "--retry-failed reads it again"
grep -q "dangling.txt: skipped: dangling symbolic link" "$TMP/idx.err" && ok || bad "dangling"
if [ "$(id -u)" != 0 ]; then
    grep -q "secret.txt: failed: cannot open: Permission denied" "$TMP/idx.err" && ok || bad "unreadable"
fi
expect_hits "$DB" "good" '"kế hoạch thi đua tốt"'
q "$DB" --count '"luật thi đua, khen thưởng"'
[ "$(cat "$TMP/out")" -gt 5 ] && ok || bad "corpus documents lost after a bad run"
finish
