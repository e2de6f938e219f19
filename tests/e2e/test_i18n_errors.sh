#!/bin/sh
# test_i18n_errors.sh: query errors, workbook, --repair and walk messages
# are wholly Vietnamese under a Vietnamese locale (no English phrase left
# after "từ khóa không hợp lệ"), with field names, examples and options as
# typed; under C.UTF-8 the same errors stay English. Each check runs the
# same error in both locales.
. "$(dirname "$0")/lib.sh"
need_vi_locale test_i18n_errors
DB="$TMP/db"
"$IDX" -q -d "$DB" examples/plans >/dev/null 2>&1 || bad "indexing examples/plans"
unset LANGUAGE LC_ALL LC_MESSAGES
VI=vi_VN.UTF-8

# qerr QUERY VI_TEXT EN_TEXT: QUERY fails (exit 2) with VI_TEXT and not
# EN_TEXT under vi, and with EN_TEXT under C.
qerr() {
    LANG=$VI q "$DB" "$1"
    vi_rc=$RC; cp "$TMP/err" "$TMP/err.vi"
    LANG=C.UTF-8 q "$DB" "$1"
    if [ "$vi_rc" = 2 ] && [ "$RC" = 2 ] &&
        grep -qF "$2" "$TMP/err.vi" && ! grep -qF "$3" "$TMP/err.vi" &&
        grep -qF "$3" "$TMP/err"; then
        ok
    else
        bad "query [$1]: vi: $(cat "$TMP/err.vi") / C: $(cat "$TMP/err")"
    fi
}

# An unknown field and its suggestion; without one, the --help hint.
qerr 'citse:x' \
    "từ khóa không hợp lệ \"citse:x\": không có trường 'citse:' (có phải ý bạn là cites:?)" \
    "unknown field 'citse:' (did you mean cites:?)"
qerr 'zzzzqq:x' "không có trường 'zzzzqq:' (xem các trường trong tracuu-query --help)" \
    "unknown field 'zzzzqq:' (see tracuu-query --help for the fields)"
qerr '"thi đua' 'thiếu dấu ngoặc kép đóng sau "thi đua' \
    'unbalanced quote: no closing quote after "thi đua'
qerr '(thi đua' "thiếu dấu ngoặc: có '(' mà không có ')'" "unbalanced parenthesis"
qerr 'thi OR' 'sau OR không có gì' 'OR with nothing after it'
qerr 'cites:xyz' 'cites:xyz không phải số và ký hiệu văn bản (34-CT/TW, 19/CT-TTg' \
    'cites:xyz is not a document symbol (34-CT/TW'
qerr 'cites:' "trường 'cites:' chưa có giá trị" "field 'cites:' has no value"
qerr 'date:2024-13' 'date:2024-13 không phải ngày hoặc khoảng thời gian (dùng dd/mm/yyyy' \
    'date:2024-13 is not a date or range'
qerr 'kind:abc' 'kind:abc không phải loại phong trào (phong-trao, cuoc-van-dong' \
    'kind:abc is not a kind of movement'
qerr 'cites:34-CT/TW@' "cites: sau '@' không có gì (hãy ghi ngày hoặc cơ quan ban hành: cites:11/CT-UBND@2020)" \
    "cites: nothing after '@'"

# The workbook cannot be copied out to a full device (or libxlsxwriter
# is missing: that message instead).
LANG=$VI "$QRY" -d "$DB" --format xlsx thi >/dev/full 2>"$TMP/err.vi"
LANG=C.UTF-8 "$QRY" -d "$DB" --format xlsx thi >/dev/full 2>"$TMP/err"
if grep -q 'libxlsxwriter' "$TMP/err"; then
    grep -q '^tracuu-query: không nạp được .* để dùng --format xlsx (Debian: apt-get install libxlsxwriter4)' "$TMP/err.vi" &&
        grep -q 'cannot load .* for --format xlsx' "$TMP/err" && ok ||
        bad "xlsx unavailable: vi: $(cat "$TMP/err.vi") / C: $(cat "$TMP/err")"
else
    grep -q '^tracuu-query: không sao chép được tệp bảng tính ra đầu ra: ' "$TMP/err.vi" &&
        grep -q '^tracuu-query: cannot copy the workbook out: No space left on device' "$TMP/err" && ok ||
        bad "xlsx to /dev/full: vi: $(cat "$TMP/err.vi") / C: $(cat "$TMP/err")"
fi

# tracuu-index --repair on a directory that holds no shard.
mkdir -p "$TMP/notindex"
LANG=$VI "$IDX" --repair -d "$TMP/notindex" >/dev/null 2>"$TMP/err.vi"; vi_rc=$?
LANG=C.UTF-8 "$IDX" --repair -d "$TMP/notindex" >/dev/null 2>"$TMP/err"
[ "$vi_rc" = 1 ] &&
    grep -qF "tracuu-index: $TMP/notindex: không tìm thấy cơ sở dữ liệu shard-N nào của chỉ mục này; không ghi gì" "$TMP/err.vi" &&
    grep -qF "no shard-N database of this index found; nothing written" "$TMP/err" && ok ||
    bad "--repair on no index: vi: $(cat "$TMP/err.vi") / C: $(cat "$TMP/err")"

# A symbolic link out of the paths given is named, not followed.
mkdir -p "$TMP/walk_in" "$TMP/walk_out"
printf 'Kế hoạch thi đua năm 2024\n' >"$TMP/walk_out/a.txt"
ln -s ../walk_out/a.txt "$TMP/walk_in/link.txt"
LANG=$VI "$IDX" -q -d "$TMP/db2" "$TMP/walk_in" >/dev/null 2>"$TMP/err.vi"
LANG=C.UTF-8 "$IDX" -q -d "$TMP/db3" "$TMP/walk_in" >/dev/null 2>"$TMP/err"
REAL=$(cd "$TMP/walk_out" && pwd -P)
grep -qF "link.txt: skipped: liên kết tượng trưng tới $REAL/a.txt, nằm ngoài các đường dẫn đã nêu (--follow-symlinks để đi theo liên kết)" "$TMP/err.vi" &&
    grep -qF "outside the paths given (--follow-symlinks follows it)" "$TMP/err" && ok ||
    bad "link outside: vi: $(cat "$TMP/err.vi") / C: $(cat "$TMP/err")"
finish
