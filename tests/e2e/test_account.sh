#!/bin/sh
# test_account.sh: every file under the paths given is indexed, unchanged,
# or named on stderr with its reason; the summary table counts each format,
# the unsupported ones too (.gif, .zip, .xls, .log, Thumbs.db), which do not
# by themselves make the exit status 2; .git is not walked.
. tests/e2e/lib.sh

# idx ARGS...: run the indexer; stdout in $TMP/out, stderr in $TMP/err.
idx() {
    "$IDX" "$@" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    sanitizer_clean "$TMP/err" || bad "sanitizer report for index $*: $(cat "$TMP/err")"
}

# row FORMAT "INDEXED UNCHANGED SKIPPED FAILED UNSUPPORTED": the table row.
row() {
    grep -q "^  $1  *$(echo "$2" | sed 's/ /  */g')\$" "$TMP/out" && ok ||
        bad "row $1 want [$2]: $(cat "$TMP/out")"
}

# named FILE REASON: stderr names FILE with REASON.
named() {
    grep -qF "/a/$1: $2" "$TMP/err" && ok || bad "$1 not named with [$2]: $(cat "$TMP/err")"
}

A="$TMP/a"
mkdir -p "$A/sub" "$A/.git/objects/ab"
printf 'Kế hoạch thi đua tapchiword năm 2025\n' >"$A/plan.txt"
printf 'GIF89a\001\000\001\000\000\000\000;' >"$A/logo.gif"
printf 'PK\005\006\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000' >"$A/hoso.zip"
printf '\320\317\021\340\241\261\032\341\000\000\000\000sodi' >"$A/so-di.xls"   # OLE2: Excel 97-2003
printf '2025-01-01 bắt đầu\n' >"$A/sub/index.log"
printf '\320\317\021\340\241\261\032\341\000\000thumbs' >"$A/Thumbs.db"
: >"$A/empty.txt"
printf 'PK\003\004\024\000\000\000hong' >"$A/hong.docx"   # a reader fails on it
printf 'ref: refs/heads/main\n' >"$A/.git/HEAD"
printf 'x\001gitobject' >"$A/.git/objects/ab/cdef"

DB="$TMP/db"
idx -j 1 -d "$DB" "$A"
expect_rc 2 "an empty file and a damaged docx (skipped, failed)"
grep -q "^tracuu-index: 8 files seen, 1 indexed, 0 unchanged, 0 removed, 2 skipped or failed, 5 unsupported;" \
    "$TMP/out" && ok || bad "summary line: $(cat "$TMP/out")"
grep -q "^  format  *indexed  *unchanged  *skipped  *failed  *unsupported$" "$TMP/out" && ok ||
    bad "no unsupported column: $(cat "$TMP/out")"
row txt "1 0 1 0 0"
row docx "0 0 0 1 0"
for f in gif zip xls log db; do row $f "0 0 0 0 1"; done
row total "1 0 1 1 5"
named logo.gif "not read: unsupported file type (.gif)"
named hoso.zip "not read: unsupported file type (.zip)"
named so-di.xls "not read: unsupported file type (.xls)"
named sub/index.log "not read: unsupported file type (.log)"
named Thumbs.db "not read: unsupported file type (.db)"
named empty.txt "skipped: empty file"
named hong.docx "failed: not a zip archive"
grep -q "\.git" "$TMP/err" "$TMP/out" && bad ".git walked: $(cat "$TMP/err")" || ok
[ "$(wc -l <"$TMP/err")" -eq 7 ] && ok || bad "want 7 lines on stderr: $(cat "$TMP/err")"
q "$DB" --count tapchiword
[ "$(cat "$TMP/out")" = 1 ] && ok || bad "plan.txt not indexed"

# Again: the unsupported are named and counted again, the .txt unchanged.
idx -j 1 -d "$DB" "$A"
grep -q "^tracuu-index: 8 files seen, 0 indexed, 1 unchanged, 0 removed, 2 skipped or failed, 5 unsupported;" \
    "$TMP/out" && ok || bad "summary line of the second run: $(cat "$TMP/out")"
row txt "0 1 1 0 0"
row gif "0 0 0 0 1"
named logo.gif "not read: unsupported file type (.gif)"
named Thumbs.db "not read: unsupported file type (.db)"

# Unsupported files alone: exit 0; -q names none of them.
rm "$A/empty.txt" "$A/hong.docx"
idx -j 1 -d "$DB" "$A"
expect_rc 0 "only unsupported files left out"
grep -q " 0 skipped or failed, 5 unsupported;" "$TMP/out" && ok || bad "summary: $(cat "$TMP/out")"
idx -q -j 1 -d "$DB" "$A"
expect_rc 0 "-q"
[ ! -s "$TMP/err" ] && [ ! -s "$TMP/out" ] && ok || bad "-q not quiet: $(cat "$TMP/out" "$TMP/err")"

# A hidden file with no extension: named by what its bytes are.
printf '\000\000\000\001Bud1\000\000' >"$A/.DS_Store"
idx -j 1 -d "$DB" "$A"
expect_rc 0 ".DS_Store"
named .DS_Store "not read: unsupported file type (no extension: binary data)"
row other "0 0 0 0 1"

finish
