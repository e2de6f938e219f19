#!/bin/sh
# test_i18n.sh: messages in Vietnamese under a Vietnamese locale (gettext,
# po/vi.po built into $B/locale), English otherwise; --list headings,
# roles and kinds in text; dates dd/mm/yyyy in text, ISO in JSON.
. "$(dirname "$0")/lib.sh"
need_vi_locale test_i18n
DB="$TMP/db"
"$IDX" -q -d "$DB" examples/plans >/dev/null 2>&1 || bad "indexing examples/plans"
unset LANGUAGE LC_ALL LC_MESSAGES
VI=vi_VN.UTF-8

# --help: Vietnamese under vi, English under C; 80 columns at most.
LANG=$VI "$QRY" --help >"$TMP/help.vi"
grep -q '^Cách dùng: tracuu-query' "$TMP/help.vi" && grep -q 'Mã thoát: 0 có văn bản tìm thấy' "$TMP/help.vi" &&
    ok || bad "Vietnamese --help: $(head -2 "$TMP/help.vi")"
python3 -c 'import sys
bad = [l for l in open(sys.argv[1], encoding="utf-8") if len(l.rstrip("\n")) > 80]
sys.exit(1 if bad else 0)' "$TMP/help.vi" && ok || bad "Vietnamese --help over 80 columns"
LANG=C.UTF-8 "$QRY" --help | grep -q '^Usage: tracuu-query' && ok || bad "English --help under C"
LANG=$VI "$IDX" --help | grep -q '^Cách dùng: tracuu-index' && ok || bad "tracuu-index --help in Vietnamese"

# Errors in Vietnamese.
LANG=$VI q "$DB" --json --count thi
[ "$RC" = 2 ] && grep -q 'không thể dùng --count cùng với --json' "$TMP/err" && ok || bad "conflict in vi: $(cat "$TMP/err")"
LANG=$VI q README.md thi
grep -q 'không phải chỉ mục' "$TMP/err" && ok || bad "not an index in vi: $(cat "$TMP/err")"
mkdir -p "$TMP/none"; "$IDX" -q -d "$TMP/empty" "$TMP/none" >/dev/null 2>&1
LANG=$VI q "$TMP/empty" thi
grep -q 'chỉ mục chưa có văn bản nào: hãy chạy tracuu-index' "$TMP/err" && ok || bad "empty index in vi: $(cat "$TMP/err")"
LANG=$VI "$IDX" -q -d "$TMP/x" "$TMP/no/such" 2>"$TMP/err" >/dev/null
grep -q 'không lập chỉ mục và không xóa văn bản nào' "$TMP/err" && ok || bad "indexer error in vi: $(cat "$TMP/err")"
LANG=C.UTF-8 q "$DB" --json --count thi
grep -q 'cannot go together' "$TMP/err" && ok || bad "English under C: $(cat "$TMP/err")"
LANGUAGE= LC_ALL=$VI q "$DB" --json --count thi
grep -q 'không thể dùng' "$TMP/err" && ok || bad "LC_ALL=vi: $(cat "$TMP/err")"

# Results and lists: Vietnamese headings, roles and kinds, dd/mm/yyyy.
LANG=$VI q "$DB" thi --limit 1
head -1 "$TMP/out" | grep -q '^Hiển thị 1–1 trong tổng số 8 văn bản$' && ok || bad "Showing in vi: $(head -1 "$TMP/out")"
LANG=$VI q "$DB" --list cites
head -1 "$TMP/out" | grep -q 'số và ký hiệu.*tên loại.*ngày.*cơ quan ban hành' && ok || bad "cites headings: $(head -1 "$TMP/out")"
grep -q '34-CT/TW  *Chỉ thị  *07/04/2014 Bộ Chính trị' "$TMP/out" && ok || bad "a cited date dd/mm/yyyy: $(grep 34-CT "$TMP/out")"
LANG=$VI q "$DB" --list dates
grep -q '07/04/2014  viện dẫn$' "$TMP/out" && ok || bad "roles in vi: $(head -3 "$TMP/out")"
LANG=$VI q "$DB" --list movements
grep -q '^ *[0-9]*  phong trào  *Dân vận khéo' "$TMP/out" && ok || bad "kinds in vi: $(head -3 "$TMP/out")"
LANG=$VI q "$DB" --count kind:phong-trao
[ "$RC" = 0 ] && [ "$(cat "$TMP/out")" -gt 0 ] && ok || bad "kind:phong-trao under vi"
LANG=C.UTF-8 q "$DB" --list dates
grep -q '07/04/2014  cited$' "$TMP/out" && ok || bad "list dates in C: $(head -3 "$TMP/out")"
LANG=$VI q "$DB" --json --list dates
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert {"date": "2014-04-07", "role": "cited"}.items() <= d["items"][1].items() or \
    any(i["date"] == "2014-04-07" and i["role"] == "cited" for i in d["items"]), d["items"][:3]' "$TMP/out" &&
    ok || bad "JSON keeps ISO dates and English roles under vi"
finish
