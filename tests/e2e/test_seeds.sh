# test_seeds.sh: the core acceptance on ../shared/seeds: diacritic-optional
# search, phrases, tone placement, NFD queries, incremental re-indexing.
. tests/e2e/lib.sh
need_shared test_seeds
DB="$TMP/db"
mkdir -p "$TMP/seeds"
cp "$SHARED"/seeds/*.txt "$TMP/seeds/"

"$IDX" -d "$DB" "$TMP/seeds" >"$TMP/idx.out" 2>"$TMP/idx.err"
RC=$?
expect_rc 0 "indexing the seeds"
sanitizer_clean "$TMP/idx.err" || bad "sanitizer report while indexing"
grep -q "5 files seen, 5 indexed, 0 unchanged, 0 removed" "$TMP/idx.out" \
    && ok || bad "summary: $(cat "$TMP/idx.out")"

ALL="000 001 002 003 004"
expect_hits "$DB" "$ALL" thi dua
expect_hits "$DB" "$ALL" thi đua
expect_hits "$DB" "$ALL" '"thi đua"'
expect_hits "$DB" "$ALL" THI ĐUA
expect_hits "$DB" "000 003" '"dân vận khéo"'
expect_hits "$DB" "000 003" dan van kheo
expect_hits "$DB" "000 003" "Dân Vận Khéo"
# Tone placement: both spellings give one set (and it is not empty).
a=$(hits "$DB" '"văn hoá"'); b=$(hits "$DB" '"văn hóa"')
[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "văn hoá [$a] vs văn hóa [$b]"
a=$(hits "$DB" 'Đảng uỷ'); b=$(hits "$DB" 'Đảng ủy')
[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "Đảng uỷ [$a] vs Đảng ủy [$b]"
# A query typed in NFD returns what its NFC form returns.
nfd=$(printf 'da\314\202n va\314\202\314\243n khe\314\201o')  # dân vận khéo, decomposed
a=$(hits "$DB" "\"$nfd\""); b=$(hits "$DB" '"dân vận khéo"')
[ "$a" = "$b" ] && ok || bad "NFD query [$a] vs NFC [$b]"
# Every seed has the three syllables adjacent (checked by reading: 000 13
# times, 001 "Tổ chức phát động phong trào thi đua", 002 OCR "phat dong
# phong trao", 003 title, 004 "Phát động phong trào thi đua năm 2024").
expect_hits "$DB" "$ALL" '"phát động phong trào"'
# Not adjacent anywhere: "phát động" and "thi đua" both occur in 000.
expect_hits "$DB" "" '"phát động thi đua yêu nước xuất sắc"'
# The typo "khen thuởng" (u+ơ) in seed 000 is found as "khen thưởng".
q "$DB" --json '"chất lượng công tác khen thưởng"'
grep -q '000_ffb5641f03d939c8' "$TMP/out" && ok || bad "typo-normalised phrase"

# Ranking: accented query puts the OCR plan 002 below the accented ones.
q "$DB" --paths --limit 10 thi đua
last=$(tail -n 1 "$TMP/out" | sed -e 's|.*/||' -e 's/_.*//')
[ "$last" = 002 ] && ok || bad "OCR plan not last for 'thi đua': $(cat "$TMP/out")"
q "$DB" --paths --limit 10 '"phát động phong trào"'
last=$(tail -n 1 "$TMP/out" | sed -e 's|.*/||' -e 's/_.*//')
[ "$last" = 002 ] && ok || bad "OCR plan not last for the phrase"

# Output formats.
q "$DB" --json '"dân vận khéo"'
python3 - "$TMP/out" <<'PY' && ok || bad "JSON output"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format_version"] == 3 and d["total"] == 2, d
h = d["hits"][0]
assert h["path"].endswith(".txt") and h["title"] and h["score"] > 0
s = h["snippets"][0]
marked = [s["text"][m["start"]:m["start"] + m["length"]] for m in s["matches"]]
assert [m.lower() for m in marked] == ["dân vận khéo"], marked
by_bytes = [s["text"].encode()[m["start_bytes"]:m["start_bytes"] + m["length_bytes"]].decode()
            for m in s["matches"]]
assert by_bytes == marked, by_bytes
PY
q "$DB" --count thi đua
[ "$(cat "$TMP/out")" = 5 ] && ok || bad "--count: $(cat "$TMP/out")"
q "$DB" --marks '"dân vận khéo"'
grep -q '\[Dân vận khéo\]' "$TMP/out" && ok || bad "text snippet marks: $(cat "$TMP/out")"
grep -q '^1\. .*003_d36215ba802502f1.txt$' "$TMP/out" && ok || bad "text hit line"
grep -q 'KẾ HOẠCH Phát động phong trào thi đua' "$TMP/out" && ok || bad "title line"
q "$DB" --limit 2 --offset 1 --paths thi đua
[ "$(wc -l <"$TMP/out")" -eq 2 ] && ok || bad "--limit/--offset"

# Exit statuses and errors.
q "$DB" xyzzyplugh; expect_rc 1 "no match"
q "$DB" 'unknownfield:x'; expect_rc 2 "unknown field"
grep -q "unknown field 'unknownfield:'" "$TMP/err" && ok || bad "unknown field message"
q "$DB" '"unbalanced'; expect_rc 2 "unbalanced quote"
q "$DB" '!!!'; expect_rc 2 "no words"
q "$TMP/nodb" thi; expect_rc 2 "missing index"
grep -q "no index here" "$TMP/err" && ok || bad "missing index message"
"$QRY" --help >"$TMP/out" 2>&1; RC=$?; expect_rc 0 "--help"
"$IDX" --version >"$TMP/out" 2>&1; RC=$?; expect_rc 0 "--version"

# Incremental: nothing changed, then one file touched, then one deleted.
"$IDX" -d "$DB" "$TMP/seeds" >"$TMP/idx.out" 2>"$TMP/idx.err"
grep -q "5 files seen, 0 indexed, 5 unchanged, 0 removed" "$TMP/idx.out" \
    && ok || bad "re-run: $(cat "$TMP/idx.out")"
touch -d '2001-02-03 04:05:06' "$TMP/seeds/002_0293d23315c98476.txt"
"$IDX" -d "$DB" -v "$TMP/seeds" >"$TMP/idx.out" 2>"$TMP/idx.err"
grep -q "5 files seen, 1 indexed, 4 unchanged, 0 removed" "$TMP/idx.out" \
    && ok || bad "touch: $(cat "$TMP/idx.out")"
grep -q "indexed .*002_0293d23315c98476.txt" "$TMP/idx.out" && ok || bad "touched file named"
q "$DB" --count thi dua
[ "$(cat "$TMP/out")" = 5 ] && ok || bad "still 5 documents after re-index"
rm "$TMP/seeds/001_1c875772783dc719.txt"
"$IDX" -d "$DB" "$TMP/seeds" >"$TMP/idx.out" 2>"$TMP/idx.err"
grep -q "4 files seen, 0 indexed, 4 unchanged, 1 removed" "$TMP/idx.out" \
    && ok || bad "delete: $(cat "$TMP/idx.out")"
expect_hits "$DB" "000 002 003 004" thi đua
if command -v xapian-delve >/dev/null 2>&1; then
    n=$(xapian-delve "$DB" 2>/dev/null | sed -n 's/^number of documents = //p')
    [ "$n" = 4 ] && ok || bad "delve doccount $n"
    # Every plan has its checkpoints in value slot 4 (schema.h; "DOCID:OFFSET
    # ..." in delve's listing), and no data holds them (while every data
    # says whether its text is stored).
    ck=$(for s in "$DB"/shard-*; do xapian-delve -V4 "$s" 2>/dev/null; done \
        | tr ' ' '\n' | grep -c '^[0-9][0-9]*:[0-9][0-9]*$')
    for s in "$DB"/shard-*; do xapian-delve -V4 "$s" 2>/dev/null \
        | tr ' ' '\n' | sed -n 's/^\([0-9][0-9]*\):[0-9]*$/\1/p' \
        | while read -r r; do xapian-delve -r "$r" -d "$s"; done; done \
        >"$TMP/data" 2>/dev/null
    inData=$(grep -c '"ck"' "$TMP/data")
    stored=$(grep -c '"text_stored":' "$TMP/data")
    [ "$ck" = 4 ] && [ "$inData" = 0 ] && [ "$stored" = 4 ] && ok \
        || bad "checkpoints: $ck in slot 4, $inData in data ($stored data read)"
fi
# Pages: the plans with the accents as typed come first, the OCR plan
# after them; one hit per page walks the same order as one page of all.
q "$DB" --paths --limit 10 thi đua
cp "$TMP/out" "$TMP/all"
: >"$TMP/paged"
for i in 0 1 2 3 4; do
    q "$DB" --paths --limit 1 --offset $i thi đua
    cat "$TMP/out" >>"$TMP/paged"
done
cmp -s "$TMP/all" "$TMP/paged" && ok || bad "paging: $(cat "$TMP/all") vs $(cat "$TMP/paged")"

# The two tiers together are every match, once: plain words (first tier
# from their exact terms alone), a phrase, an exclusion.
for query in 'phong trào thi đua' '"thi đua" khen thưởng' 'thi đua -"dân vận khéo"'; do
    q "$DB" --count $query; n=$(cat "$TMP/out")
    q "$DB" --paths --limit 100 $query
    [ "$(sort -u "$TMP/out" | wc -l)" = "$n" ] && [ "$(wc -l <"$TMP/out")" = "$n" ] \
        && ok || bad "tiers of [$query]: $n matches, listed: $(cat "$TMP/out")"
done

# Snippets are cut where the index's positions say the words are: the
# same in copies whose bytes are not the text (a BOM, CRLF line ends,
# UTF-16), which are decoded whole, and deep in a long file.
mkdir -p "$TMP/enc"
f3="$SHARED/seeds/003_d36215ba802502f1.txt"
# Each copy with its own number: four plans, not one plan in four files
# (the duplicate key) shown once.
{ printf '\357\273\277'; sed 's|01/KH-UBND-CD|11/KH-UBND-CD|' "$f3"; } >"$TMP/enc/bom.txt"
sed 's|01/KH-UBND-CD|12/KH-UBND-CD|; s/$/\r/' "$f3" >"$TMP/enc/crlf.txt"
sed 's|01/KH-UBND-CD|13/KH-UBND-CD|' "$f3" | iconv -f UTF-8 -t UTF-16 >"$TMP/enc/utf16.txt"
{ for i in $(seq 300); do cat "$SHARED/seeds/004_8c345a5aecb11603.txt"; done
  cat "$f3"; } >"$TMP/enc/long.txt"
"$IDX" -d "$TMP/encdb" "$TMP/enc" >/dev/null 2>"$TMP/idx.err"
sanitizer_clean "$TMP/idx.err" || bad "sanitizer report indexing copies"
q "$TMP/encdb" --marks --color never '"dân vận khéo"'
for f in bom crlf utf16 long; do
    # The hit line, then its snippet with the phrase marked.
    sed -n "\|/$f.txt\$|,/^[0-9]*\. /p" "$TMP/out" | grep -q '\[Dân vận khéo\]' \
        && ok || bad "snippet of $f.txt: $(cat "$TMP/out")"
done
q "$TMP/encdb" --marks --color never 'cites:98/2023/NĐ-CP'
sed -n '\|/long.txt$|,/^[0-9]*\. /p' "$TMP/out" | grep -q '\[98/2023/NĐ-CP\]' \
    && ok || bad "citation snippet deep in long.txt: $(cat "$TMP/out")"

# Plain text is read again for snippets; a file changed since indexing
# says so instead of showing text the index never saw.
printf '\nthêm một dòng\n' >>"$TMP/seeds/003_d36215ba802502f1.txt"
q "$DB" --marks '"dân vận khéo"'
grep -q '(file changed since indexing; re-index)' "$TMP/out" && ok || bad "changed-file note: $(cat "$TMP/out")"
grep -q '\[Dân vận khéo\]' "$TMP/out" && ok || bad "other hit keeps its snippet"
# --no-delete keeps documents of files that are gone.
rm "$TMP/seeds/004_8c345a5aecb11603.txt"
"$IDX" -d "$DB" --no-delete "$TMP/seeds" >"$TMP/idx.out" 2>&1
expect_hits "$DB" "000 002 003 004" thi đua
finish
