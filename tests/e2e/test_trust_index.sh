# test_trust_index.sh: what a run may be trusted with: links that leave
# the paths given, edits within one second, a missing root, a full disk
# (during commits, the merge and on stdout), a chmod after a failure, and
# SIGTERM while a converter runs.
. tests/e2e/lib.sh
# Under CI the fault injection and the converter checks must run.
[ "${CI:-}" = true ] && need_tools test_trust_index strace pgrep xapian-delve

# count DB QUERY...: the number of matching documents (0 when none).
count() {
    db=$1; shift
    q "$db" --count "$@"
    if [ "$RC" = 0 ]; then cat "$TMP/out"; else echo 0; fi
}

# idx ARGS...: run the indexer; stdout in $TMP/idx.out, stderr in
# $TMP/idx.err, exit status in $RC.
idx() {
    "$IDX" "$@" >"$TMP/idx.out" 2>"$TMP/idx.err"
    RC=$?
    cp "$TMP/idx.err" "$TMP/err"
    sanitizer_clean "$TMP/idx.err" || bad "sanitizer report for index $*: $(cat "$TMP/idx.err")"
}

# ---- 3. Links that leave the roots are not followed (as find, rg). ----
mkdir -p "$TMP/secret" "$TMP/tree/sub"
chmod 700 "$TMP/secret"
printf 'Kế hoạch thi đua bimatword của cơ quan\n' >"$TMP/secret/private.txt"
chmod 600 "$TMP/secret/private.txt"
printf 'Kế hoạch thi đua congkhaiword năm 2024\n' >"$TMP/tree/plan.txt"
printf 'Kế hoạch thi đua noiboword trong thư mục con\n' >"$TMP/tree/sub/real.txt"
ln -s ../secret/private.txt "$TMP/tree/leak.txt"
ln -s ../secret "$TMP/tree/leakdir"
ln -s sub/real.txt "$TMP/tree/inner.txt"     # inside: followed
ln -s .. "$TMP/tree/sub/loop"               # a loop inside: visited once
ln -s tree "$TMP/treelink"                  # a root that is a link
DB="$TMP/db3"
idx -d "$DB" "$TMP/treelink"
expect_rc 2 "links outside the root are skipped and counted"
[ "$(count "$DB" bimatword)" = 0 ] && ok || bad "a link made a private file searchable"
grep -q "leak.txt: skipped: symbolic link to .*secret/private.txt, outside the paths given" "$TMP/idx.err" \
    && ok || bad "leak.txt not named with its reason: $(cat "$TMP/idx.err")"
grep -q "leakdir: skipped: symbolic link to .*secret, outside" "$TMP/idx.err" \
    && ok || bad "leakdir not named: $(cat "$TMP/idx.err")"
grep -q " 2 skipped or failed" "$TMP/idx.out" && ok || bad "skipped links not counted: $(cat "$TMP/idx.out")"
[ "$(count "$DB" congkhaiword)" = 1 ] && [ "$(count "$DB" noiboword)" = 1 ] \
    && ok || bad "files and links inside the root not indexed once each"
idx -d "$DB" --follow-symlinks "$TMP/tree"
expect_rc 0 "--follow-symlinks"
[ "$(count "$DB" bimatword)" = 1 ] && ok || bad "--follow-symlinks does not follow"
"$IDX" --help | grep -q -- "--follow-symlinks" && ok || bad "--help lacks --follow-symlinks"

# ---- 4. An edit of the same size in the same second is picked up. ----
mkdir -p "$TMP/edit"
F="$TMP/edit/a.txt"
printf 'thi đua alphaword\n' >"$F"
touch -d '2020-03-04 05:06:07.5' "$F"
DB="$TMP/db4"
idx -d "$DB" "$TMP/edit"
expect_rc 0 "first run"
printf 'thi đua betaxword\n' >"$F"           # same size, same inode
touch -d '2020-03-04 05:06:07.5' "$F"        # same mtime to the ns
idx -d "$DB" "$TMP/edit"
grep -q " 1 indexed, 0 unchanged" "$TMP/idx.out" && ok || bad "same-stamp edit unchanged: $(cat "$TMP/idx.out")"
[ "$(count "$DB" betaxword)" = 1 ] && [ "$(count "$DB" alphaword)" = 0 ] \
    && ok || bad "the edit is not what is indexed"
# Unchanged since, with an mtime long before the run: skipped, and its
# document holds a plain stat signature (not racy).
idx -d "$DB" "$TMP/edit"
grep -q " 0 indexed, 1 unchanged" "$TMP/idx.out" && ok || bad "unchanged file re-read: $(cat "$TMP/idx.out")"
if command -v xapian-delve >/dev/null 2>&1; then
    v=$(xapian-delve -V5 "$DB" 2>/dev/null | sed -n 's/^Value 5 for each document: //p')
    case "$v" in
        *racy*|'') bad "old file: slot 5 [$v]" ;;
        *) ok ;;
    esac
fi
# Written just now, twice within a moment at the same size: each run sees
# the text as it is; a file modified at the run's start is racily clean,
# checked by its bytes next time (and unchanged when they are the same).
G="$TMP/edit/b.txt"
printf 'thi đua gammaword\n' >"$G"
idx -d "$DB" "$TMP/edit"
printf 'thi đua deltaword\n' >"$G"
idx -d "$DB" "$TMP/edit"
[ "$(count "$DB" deltaword)" = 1 ] && [ "$(count "$DB" gammaword)" = 0 ] \
    && ok || bad "a quick second edit was missed"
idx -d "$DB" "$TMP/edit"
grep -q " 0 indexed, 2 unchanged" "$TMP/idx.out" && ok || bad "racy file with the same bytes: $(cat "$TMP/idx.out")"
if command -v xapian-delve >/dev/null 2>&1; then
    xapian-delve -V5 "$DB" 2>/dev/null | grep -q ' racy ' && ok || bad "fresh file not marked racy"
fi

# ---- 13. A failure is retried after a chmod (its ctime). ----
mkdir -p "$TMP/fail"
printf 'ok\0binary' >"$TMP/fail/nul.txt"
touch -d '2020-01-01' "$TMP/fail/nul.txt"
printf 'ok\0binary, written now' >"$TMP/fail/fresh.txt"   # racy: bytes compared
DB="$TMP/db13"
idx -d "$DB" "$TMP/fail"
grep -q "nul.txt: skipped: binary data" "$TMP/idx.err" && ok || bad "first failure: $(cat "$TMP/idx.err")"
idx -d "$DB" "$TMP/fail"
grep -q "2 files failed before and are unchanged" "$TMP/idx.out" && ok || bad "failures not remembered: $(cat "$TMP/idx.out")"
chmod 640 "$TMP/fail/nul.txt"
idx -d "$DB" "$TMP/fail"
grep -q "nul.txt: skipped: binary data" "$TMP/idx.err" && ok || bad "not retried after a chmod: $(cat "$TMP/idx.out")"
grep -q "fresh.txt" "$TMP/idx.err" && bad "fresh.txt read again, unchanged" || ok
if [ "$(id -u)" != 0 ]; then
    printf 'Kế hoạch thi đua khoaword\n' >"$TMP/fail/locked.txt"
    touch -d '2020-01-01' "$TMP/fail/locked.txt"
    chmod 000 "$TMP/fail/locked.txt"
    idx -d "$DB" "$TMP/fail"
    chmod 644 "$TMP/fail/locked.txt"
    idx -d "$DB" "$TMP/fail"
    [ "$(count "$DB" khoaword)" = 1 ] && ok || bad "unreadable file not indexed after its mode is fixed"
fi

# ---- 11. A root that does not exist removes nothing, creates nothing. ----
mkdir -p "$TMP/share"
for i in 1 2 3; do printf 'Kế hoạch thi đua chiaseword số %s\n' "$i" >"$TMP/share/p$i.txt"; done
DB="$TMP/db11"
idx -d "$DB" "$TMP/share"
[ "$(count "$DB" chiaseword)" = 3 ] && ok || bad "share not indexed"
mv "$TMP/share" "$TMP/share.unmounted"
idx -d "$DB" "$TMP/share"
expect_rc 1 "a missing root"
grep -q "share: No such file or directory; nothing indexed or removed" "$TMP/idx.err" \
    && ok || bad "missing root message: $(cat "$TMP/idx.err")"
[ "$(count "$DB" chiaseword)" = 3 ] && ok || bad "a missing root removed its documents"
idx -d "$TMP/typo-db" "$TMP/no-such-plans"
expect_rc 1 "a mistyped root on a first run"
[ ! -e "$TMP/typo-db" ] && ok || bad "a mistyped root created an index"
mv "$TMP/share.unmounted" "$TMP/share"

# ---- 12. Errors writing the summary or merging are not silent. ----
if [ -w /dev/full ]; then
    "$IDX" -d "$TMP/db12" "$TMP/share" >/dev/full 2>"$TMP/idx.err"; RC=$?
    [ "$RC" != 0 ] && ok || bad "a summary lost to /dev/full exits 0"
    grep -q "tracuu-index: write error: No space left on device" "$TMP/idx.err" \
        && ok || bad "no write error message: $(cat "$TMP/idx.err")"
fi

# Fault injection below: strace stops LeakSanitizer (ptrace), and Xapian
# keeps some allocations of a failed commit; leaks are not what is tested.
NOLEAK="detect_leaks=0:halt_on_error=1"
# 40 plans of the corpus (1.2 MB of text, an index of about 1.6 MB).
DOCS="$TMP/docs"
CORPUS="$SHARED/corpus/tnt305_tailieu_vanban/docs"
if [ -d "$CORPUS" ]; then
    mkdir -p "$DOCS"
    ls "$CORPUS" | head -40 | while read -r f; do cp "$CORPUS/$f" "$DOCS/"; done
else
    echo "skipped: ../shared not found (full-disk checks)"
fi
if command -v strace >/dev/null 2>&1 && [ -d "$CORPUS" ]; then
    # A merge that fails (its rename refused: ENOSPC) exits 1, says so.
    DB="$TMP/db12m"
    ASAN_OPTIONS=$NOLEAK strace -f -qq -o /dev/null -P "$DB/merge.tmp" \
        -e trace=rename,renameat,renameat2 \
        -e inject=rename,renameat,renameat2:error=ENOSPC \
        "$IDX" -j 2 -d "$DB" "$DOCS" "$TMP/share" >"$TMP/idx.out" 2>"$TMP/idx.err"; RC=$?
    grep -q "merging 2 shards" "$TMP/idx.out" || bad "no merge attempted: $(cat "$TMP/idx.out")"
    [ "$RC" = 1 ] && ok || bad "a failed merge: exit $RC, want 1"
    grep -q "No space left on device.*; the index stays in 2 shards" "$TMP/idx.err" \
        && ok || bad "failed merge message: $(grep -v skipped "$TMP/idx.err")"
    n=$(count "$DB" chiaseword)
    [ "$n" = 3 ] && ok || bad "after a failed merge, chiaseword finds $n"
fi

# ---- 5. A full disk during commits: exit 1, the index as committed. ----
# check_full WHAT DB BEFORE: the last run failed cleanly on a full disk.
check_full() {
    [ "$RC" != 134 ] && ok || bad "$1: aborted (exit 134)"
    [ "$RC" = 1 ] && ok || bad "$1: exit $RC, want 1: $(grep -v 'skipped\|failed:' "$TMP/idx.err" | head -3)"
    grep -q "tracuu-index: .*$2.*No space left on device" "$TMP/idx.err" \
        && ok || bad "$1: no ENOSPC message naming the index: $(grep -v 'skipped\|failed:' "$TMP/idx.err" | head -3)"
    if [ "$3" -gt 0 ]; then
        n=$(count "$2" chiaseword)
        [ "$n" = "$3" ] && ok || bad "$1: committed index lost: chiaseword finds $n, want $3"
    fi
}
if [ -d "$CORPUS" ] && command -v strace >/dev/null 2>&1; then
    # The Nth write of a thread fails. (With every write failing from the
    # Nth on, "when=N+", Xapian itself can abort inside a first commit:
    # its recovery writes too and throws through its own noexcept code.)
    for when in 30 60 90; do
        DB="$TMP/db5-$when"
        idx -d "$DB" "$TMP/share"
        ASAN_OPTIONS=$NOLEAK strace -f -qq -o /dev/null \
            -e trace=pwrite64 -e inject=pwrite64:error=ENOSPC:when=$when \
            "$IDX" -j 2 -d "$DB" "$DOCS" "$TMP/share" >"$TMP/idx.out" 2>"$TMP/idx.err"; RC=$?
        check_full "strace, write $when failing" "$DB" 3
    done
fi
if [ "$(id -u)" = 0 ] && [ -d "$CORPUS" ]; then
    MNT="$TMP/mnt"
    mkdir -p "$MNT"
    trap 'umount "$MNT" 2>/dev/null; rm -rf "$TMP"' EXIT
    # Full while indexing (400k, 1400k), while merging (2000k).
    for size in 400 1400 2000; do
        mount -t tmpfs -o size=${size}k tracuu-test "$MNT" || { bad "mount tmpfs"; break; }
        ASAN_OPTIONS=$NOLEAK "$IDX" -d "$MNT/db" "$TMP/share" >"$TMP/idx.out" 2>"$TMP/idx.err"
        before=$(count "$MNT/db" chiaseword)
        ASAN_OPTIONS=$NOLEAK "$IDX" -j 2 -d "$MNT/db" "$DOCS" "$TMP/share" >"$TMP/idx.out" 2>"$TMP/idx.err"; RC=$?
        check_full "tmpfs of ${size}k" "$MNT/db" "$before"
        umount "$MNT"
    done
elif [ "${CI:-}" != true ]; then
    echo "skipped: needs root (tmpfs of a few sizes)"
fi

# ---- 9. SIGTERM stops the converters and the run, keeps what is done. ----
mkdir -p "$TMP/slow" "$TMP/fakebin"
MARK="9$$.25"
for p in pdfinfo pdftotext; do
    printf '#!/bin/sh\nsleep %s\n' "$MARK" >"$TMP/fakebin/$p"
    chmod 755 "$TMP/fakebin/$p"
done
printf 'Kế hoạch thi đua truocword\n' >"$TMP/slow/a.txt"
printf '%%PDF-1.4\n%% a plan\n' >"$TMP/slow/b.pdf"
DB="$TMP/db9"
PATH="$TMP/fakebin:$PATH" "$IDX" -j 1 -d "$DB" "$TMP/slow" >"$TMP/idx.out" 2>"$TMP/idx.err" &
pid=$!
i=0
while [ $i -lt 100 ] && ! pgrep -f "sleep $MARK" >/dev/null; do sleep 0.1; i=$((i + 1)); done
pgrep -f "sleep $MARK" >/dev/null && ok || bad "the slow converter never started"
kill -TERM $pid
wait $pid; RC=$?
expect_rc 143 "SIGTERM"
sleep 0.3
left=$(pgrep -f "sleep $MARK")
[ -z "$left" ] && ok || { bad "converters left running: $left"; kill -KILL $left 2>/dev/null; }
[ "$(count "$DB" truocword)" = 1 ] && ok || bad "what was indexed before SIGTERM is lost"
sanitizer_clean "$TMP/idx.err" || bad "sanitizer report on SIGTERM: $(cat "$TMP/idx.err")"

# ---- 15. The indexer's messages never pass a name's controls raw. ----
mkdir -p "$TMP/esc"
bad_name=$(printf 'x\033]0;pwn\007\ny.txt')
printf 'Kế hoạch thi đua escword\n' >"$TMP/esc/$bad_name"
printf '%%PDF-1.4\n%% broken\n' >"$TMP/esc/$(printf 'z\033[31m.pdf')"
idx -j 1 -v -d "$TMP/db15" "$TMP/esc"
if grep -q "$(printf '\033')" "$TMP/idx.out" "$TMP/idx.err"; then
    bad "an ESC byte from a file name reached the indexer's output"
else ok; fi
grep -q 'x\\e\]0;pwn\\a\\ny.txt' "$TMP/idx.out" && ok ||
    bad "the indexed name is not shown escaped: $(cat "$TMP/idx.out")"
grep -q 'z\\e\[31m.pdf' "$TMP/idx.err" && ok ||
    bad "the failed name is not shown escaped: $(cat "$TMP/idx.err")"

finish
