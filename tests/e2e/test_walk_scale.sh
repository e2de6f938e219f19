#!/bin/sh
# test_walk_scale.sh: the walk streams. A run's memory does not grow with
# the number of files under the paths: 20,000 empty files with long paths
# (880 bytes: the size a plan keeps of each) are walked, planned and
# remembered as failed, and walked again unchanged, within a bound that a
# run holding every walked file in memory exceeds (measured under ASan,
# quarantine off: 47 MB streaming, 160 MB holding them); a plan larger
# than the part a run keeps in memory (indexer/jobplan.c) is read back
# whole by two writers, each file indexed once and findable.
. tests/e2e/lib.sh

[ -x /usr/bin/time ] || need_tools test_walk_scale /usr/bin/time
# Freed memory is handed back at once, not held in quarantine: the peak is
# what the run holds.
ASAN_OPTIONS="$ASAN_OPTIONS:quarantine_size_mb=0:thread_local_quarantine_size_kb=0"
export ASAN_OPTIONS

# idx ARGS...: the indexer under GNU time; stdout in $TMP/out, stderr in
# $TMP/err, peak RSS in KB in $KB.
idx() {
    /usr/bin/time -f 'peak %M' -o "$TMP/time" "$IDX" "$@" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    KB=$(sed -n 's/^peak //p' "$TMP/time")
    sanitizer_clean "$TMP/err" || bad "sanitizer report for index $*: $(head -20 "$TMP/err")"
}

# tree DIR DIRS FILES_EACH [TEXT]: DIRS directories of FILES_EACH files
# (empty, or holding TEXT and a word of their own, tepsoDxI) under three
# long directories: paths of about 880 bytes.
tree() {
    python3 - "$@" <<'PY' || bad "cannot write the tree $1"
import os, sys
top, dirs, each = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
text = sys.argv[4] if len(sys.argv) > 4 else None
l = "ke-hoach-thi-dua-khen-thuong-giai-doan-2021-2025-" * 4
for d in range(dirs):
    dd = os.path.join(top, l, l, l, "%s%02d" % (l[:150], d))
    os.makedirs(dd)
    for i in range(1, each + 1):
        with open(os.path.join(dd, "%s-%05d.txt" % (l[:120], i)), "w") as f:
            if text:
                f.write("%s tepso%dx%d\n" % (text, d, i))
PY
}

# 20,000 empty files: every one walked and named, none kept.
E="$TMP/empty"
tree "$E" 20 1000
DB="$TMP/db-empty"
idx -d "$DB" --jobs 2 "$E"
expect_rc 2 "empty files are skipped"
grep -q '20000 files seen, 0 indexed' "$TMP/out" && ok || bad "summary: $(cat "$TMP/out")"
[ "$(grep -c 'skipped: empty' "$TMP/err")" -eq 20000 ] && ok ||
    bad "every empty file named: $(grep -c 'skipped: empty' "$TMP/err")"
[ "$KB" -lt 100000 ] && ok || bad "first run over 20,000 files: peak RSS $KB KB, want < 100,000"
idx -d "$DB" --jobs 2 "$E"
expect_rc 2 "unchanged empty files are still counted"
grep -q '20000 files failed before' "$TMP/out" && ok || bad "re-run summary: $(cat "$TMP/out")"
[ "$KB" -lt 100000 ] && ok || bad "re-run over 20,000 files: peak RSS $KB KB, want < 100,000"
rm -rf "$E" "$DB"

# 1,400 small plans with 880-byte paths: a plan of 1.3 MB, past what a
# run keeps in memory; two writers read it back.
P="$TMP/plans"
tree "$P" 2 700 'Kế hoạch thi đua năm 2025, phong trào dân vận khéo,'
DB="$TMP/db-plans"
idx -d "$DB" --jobs 2 "$P"
expect_rc 0 "small plans index"
grep -q '1400 files seen, 1400 indexed' "$TMP/out" && ok || bad "summary: $(cat "$TMP/out")"
q "$DB" --count 'thi đua'
[ "$(cat "$TMP/out")" = 1400 ] && ok || bad "count of every plan: $(cat "$TMP/out") $(cat "$TMP/err")"
for w in tepso0x1 tepso0x700 tepso1x1 tepso1x350 tepso1x700; do
    q "$DB" --paths "$w"
    [ "$(wc -l <"$TMP/out")" -eq 1 ] && ok || bad "$w found once: $(cat "$TMP/out")"
done
idx -d "$DB" --jobs 2 "$P"
grep -q '1400 files seen, 0 indexed, 1400 unchanged, 0 removed' "$TMP/out" && ok ||
    bad "re-run summary: $(cat "$TMP/out")"

finish
