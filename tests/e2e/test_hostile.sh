#!/bin/sh
# test_hostile.sh: crashes, concurrent use and hostile input: kill -9 survival, malformed files and queries, a second indexer, queries during commits, fuzz regressions.
. tests/e2e/lib.sh
need_shared test_hostile

# figure PATTERN LOG: repeat a script's summary line, so make check shows the figures.
figure() { grep -h "$1" "$2" | tail -1; }

# ---------------------------------------------------------------- kill -9 and hostile files
if bash scripts/crash-test "$B" >"$TMP/crash.log" 2>&1; then ok; else
    bad "scripts/crash-test $B: $(grep 'FAIL' "$TMP/crash.log" | head -5)"; fi
figure '^crash-test: .* kills' "$TMP/crash.log"
if bash scripts/hostile-inputs "$B" >"$TMP/hostile.log" 2>&1; then ok; else
    bad "scripts/hostile-inputs $B: $(grep 'FAIL' "$TMP/hostile.log" | head -8)"; fi
figure '^hostile-inputs: .* inputs:' "$TMP/hostile.log"

# ---------------------------------------------------------------- an index for the rest
mkdir -p "$TMP/plans"
cp "$SHARED"/corpus/tnt305_tailieu_vanban/docs/*.txt "$TMP/plans/"
DB=$TMP/db

# ---------------------------------------------------------------- a second indexer
# The first holds the index (one thread: it runs for seconds); the second
# must stop at once, name the index and say another indexer holds it.
"$IDX" -q -j 1 -d "$DB" "$TMP/plans" </dev/null >"$TMP/first.out" 2>"$TMP/first.err" &
first=$!
n=0
while [ ! -f "$DB/iamglass" ] && [ ! -f "$DB/XAPIANDB" ] && [ $n -lt 200 ]; do sleep 0.1; n=$((n + 1)); done
sleep 0.3
if kill -0 $first 2>/dev/null; then
    t0=$(date +%s)
    timeout 60 "$IDX" -d "$DB" "$SHARED/seeds" </dev/null >"$TMP/second.out" 2>"$TMP/second.err"
    RC=$?
    secs=$(( $(date +%s) - t0 ))
    if [ $RC = 1 ]; then ok; else bad "second indexer: exit $RC, want 1: $(cat "$TMP/second.err")"; fi
    if [ $secs -le 3 ]; then ok; else bad "second indexer took $secs s to give up"; fi
    if grep -qF "$DB" "$TMP/second.err" && grep -qi 'another' "$TMP/second.err" &&
        grep -qi 'index' "$TMP/second.err"; then ok; else
        bad "second indexer's message names the index and another indexer: [$(cat "$TMP/second.err")]"; fi
    sanitizer_clean "$TMP/second.err" || bad "second indexer: sanitizer report"
else
    bad "the first indexer ended before the second could start (no lock to test)"
fi
wait $first
RC=$?
if [ $RC = 0 ]; then ok; else bad "first indexer (while a second tried): exit $RC: $(head -3 "$TMP/first.err")"; fi
if [ -f "$DB/XAPIANDB" ]; then check_db=$DB/XAPIANDB; else check_db=$DB; fi
if xapian-check "$check_db" >"$TMP/check" 2>&1; then ok; else bad "xapian-check after two indexers: $(tail -2 "$TMP/check")"; fi

# queries_until END DB MIN WHAT: query DB for "thi đua" until END (seconds
# since the epoch) while something writes it; sets nq and qbad. A query
# fails when it exits non-zero, writes to stderr, lists other than as many
# hits as it says it found (up to 150), or finds fewer than MIN plans.
queries_until() {
    nq=0; qbad=0
    while [ "$(date +%s)" -lt "$1" ]; do
        nq=$((nq + 1))
        "$QRY" -d "$2" --json --limit 150 thi đua >"$TMP/qout" 2>"$TMP/qerr"
        RC=$?
        total=$(sed -n 's/^ *"total": *\([0-9]*\).*/\1/p' "$TMP/qout" | head -1)
        shown=$(grep -c '"rank":' "$TMP/qout")
        want=$total; [ "${total:-0}" -gt 150 ] && want=150
        if [ $RC != 0 ] || [ -s "$TMP/qerr" ] || [ "$shown" != "$want" ] || [ "${total:-0}" -lt "$3" ]; then
            qbad=$((qbad + 1))
            [ $qbad -le 3 ] && echo "query $nq during $4: exit $RC, $shown hits shown of $total (at least $3): $(head -3 "$TMP/qerr")"
        fi
    done
}

# ---------------------------------------------------------------- queries while an index run commits
# A writer re-indexes a few touched files again and again (a commit each
# time) while queries that read many documents run; none may fail or show
# an error, and each lists as many hits as it says it found (up to the limit).
q "$DB" --count thi đua
want_total=$(cat "$TMP/out")
end=$(( $(date +%s) + 20 ))
(
    i=0
    while [ "$(date +%s)" -lt $end ]; do
        i=$((i + 1))
        ls "$TMP/plans"/*.txt | sed -n "$(( i % 180 + 1 )),$(( i % 180 + 3 ))p" | xargs touch
        "$IDX" -q -d "$DB" "$TMP/plans" </dev/null >/dev/null 2>>"$TMP/writer.err" || echo "writer exit $?" >>"$TMP/writer.err"
    done
    echo $i >"$TMP/writer.runs"
) &
writer=$!
queries_until $end "$DB" 0 commits
wait $writer
if [ $qbad = 0 ] && [ $nq -gt 0 ]; then ok; else bad "$qbad of $nq queries failed while the index was being written"; fi
if [ -s "$TMP/writer.err" ]; then bad "writer during queries: $(head -3 "$TMP/writer.err")"; else ok; fi
echo "test_hostile: $nq queries during $(cat "$TMP/writer.runs" 2>/dev/null) index runs (commits), $qbad failed; $want_total plans match"

# ---------------------------------------------------------------- queries while runs merge shards
# Each run finds every plan new (their folder was renamed), so it writes
# two shards in parallel and merges them at the end, removing the old
# shards; queries run all the while and none may fail or show an error.
# After it all the index is one shard, complete, with nothing left over.
DB2=$TMP/db-merge
mkdir -p "$TMP/m"
cp -r "$TMP/plans" "$TMP/m/p0"
"$IDX" -q -j 2 -d "$DB2" "$TMP/m" </dev/null >/dev/null 2>"$TMP/merge.err" || bad "first merging run: $(head -3 "$TMP/merge.err")"
q "$DB2" --count thi đua
want2=$(cat "$TMP/out")
end=$(( $(date +%s) + 20 ))
(
    # 20 s of runs, and two at least however busy the machine (one run
    # under ASan beside other work took longer than 20 s), but no more
    # than two minutes.
    i=0
    while { [ "$(date +%s)" -lt $end ] || [ $i -lt 2 ]; } &&
        [ "$(date +%s)" -lt $((end + 100)) ]; do
        mv "$TMP/m/p$i" "$TMP/m/p$((i + 1))"
        i=$((i + 1))
        "$IDX" -j 2 -d "$DB2" "$TMP/m" </dev/null >"$TMP/merge.out" 2>>"$TMP/merge.err" || echo "writer exit $?" >>"$TMP/merge.err"
        grep -q "merging 2 shards" "$TMP/merge.out" || echo "run $i did not merge: $(tail -3 "$TMP/merge.out")" >>"$TMP/merge.err"
    done
    echo $i >"$TMP/merge.runs"
) &
writer=$!
queries_until $end "$DB2" "$want2" merges
wait $writer
if [ $qbad = 0 ] && [ $nq -gt 0 ]; then ok; else bad "$qbad of $nq queries failed while shards were merged"; fi
if [ -s "$TMP/merge.err" ]; then bad "merging writer: $(head -3 "$TMP/merge.err")"; else ok; fi
runs=$(cat "$TMP/merge.runs" 2>/dev/null)
[ "${runs:-0}" -ge 2 ] && ok || bad "only ${runs:-0} merging runs in 20 s"
left=$(cd "$DB2" && ls -d shard-* merge.tmp 2>/dev/null | tr '\n' ' ')
listed=$(awk '{print $2}' "$DB2/XAPIANDB")
[ "$left" = "$listed " ] && ok || bad "after the merges the index holds [$left], its stub lists [$listed]"
q "$DB2" --count thi đua
[ "$(cat "$TMP/out")" = "$want2" ] && ok || bad "after the merges $(cat "$TMP/out") plans match, want $want2"
xapian-check "$DB2/XAPIANDB" >"$TMP/check" 2>&1 && ok || bad "xapian-check after the merges: $(tail -2 "$TMP/check")"
echo "test_hostile: $nq queries during ${runs:-0} merging index runs, $qbad failed; $want2 plans match"

# ---------------------------------------------------------------- malformed queries
# Each must end with exit 2 and one short, clean message on stderr.
# bad_query DESCRIPTION ARGS...
bad_query() {
    desc=$1; shift
    timeout 10 "$QRY" -d "$DB" "$@" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    sanitizer_clean "$TMP/err" || { bad "query ($desc): sanitizer report: $(head -3 "$TMP/err")"; return; }
    if [ $RC = 124 ]; then bad "query ($desc): still running after 10 s"; return; fi
    if [ $RC != 2 ]; then bad "query ($desc): exit $RC, want 2; stdout $(wc -c <"$TMP/out") bytes; stderr: $(head -c 200 "$TMP/err")"; return; fi
    size=$(wc -c <"$TMP/err")
    if ! head -1 "$TMP/err" | grep -q '^tracuu-query: '; then bad "query ($desc): no message: [$(head -c 200 "$TMP/err")]"; return; fi
    if [ "$size" -gt 1000 ]; then bad "query ($desc): a $size-byte message (echoes the query whole?)"; return; fi
    if LC_ALL=C tr -d '\n\t -~\200-\377' <"$TMP/err" | grep -q .; then
        bad "query ($desc): control characters written to the terminal: $(od -c "$TMP/err" | head -2 | tr -s ' ')"; return; fi
    ok
}
bad_query 'unbalanced quote' '"thi đua'
bad_query 'unbalanced quote inside' 'thi "đua'
bad_query 'unbalanced curly quote' '“thi đua'
bad_query 'unbalanced quote in a field' 'title:"kế hoạch'
bad_query 'a lone quote' '"'
bad_query 'unbalanced parenthesis' '(thi đua'
bad_query 'unbalanced closing parenthesis' 'thi đua)'
bad_query 'parentheses only' '(('
bad_query 'unknown field' 'foo:bar'
bad_query 'unknown field, Vietnamese' 'tiêuđề:kế hoạch'
bad_query 'empty field' 'title:'
bad_query 'empty quoted field' 'title:""'
bad_query 'field then space' 'title:' 'thi'
bad_query 'empty query' ''
bad_query 'blank query' '   '
bad_query 'no word at all' '... ,,, !!!'
bad_query 'only a dash' '-'
bad_query 'NOT alone' 'NOT'
bad_query 'control character' "$(printf 'thi\001đua')"
bad_query 'escape sequence' "$(printf '\033[31mthi đua\033[0m')"
bad_query 'bell and delete' "$(printf 'thi\007\177')"
bad_query 'invalid UTF-8' "$(printf 'thi \377')"
bad_query 'overlong UTF-8' "$(printf '\300\257')"
bad_query 'UTF-16 surrogate in UTF-8' "$(printf '\355\240\200')"
bad_query 'truncated UTF-8' "$(printf 'k\341\273')"
bad_query 'five-byte UTF-8' "$(printf '\370\210\200\200\200')"
bad_query 'invalid UTF-8 in a second argument' thi "$(printf '\377')"
words=$(yes 'thi đua' | head -n 12500 | tr '\n' ' ')
bad_query '100 KB of words' "$words"
bad_query '100 KB word' "$(head -c 100000 /dev/zero | tr '\0' 'a')"
bad_query '100 KB of quotes' "$(head -c 100001 /dev/zero | tr '\0' '"')"
bad_query '100 KB of parentheses' "$(head -c 100000 /dev/zero | tr '\0' '(')"
bad_query '12,000 fields' "$(yes 'title:x' | head -n 12000 | tr '\n' ' ')"
bad_query 'negative limit' --limit -1 thi
bad_query 'limit not a number' --limit abc thi
bad_query 'huge offset' --offset 99999999999999999999 thi
bad_query 'bad colour' --color sometimes thi
bad_query 'no query' --json
# A missing index is named.
"$QRY" -d "$TMP/nowhere" thi >"$TMP/out" 2>"$TMP/err"
RC=$?
if [ $RC = 2 ] && grep -qF "$TMP/nowhere" "$TMP/err"; then ok; else bad "missing index: exit $RC: $(cat "$TMP/err")"; fi

# ---------------------------------------------------------------- fuzz regressions
# Every input a fuzzer ever crashed on, and the seeds, through each harness
# built with this compiler against this build's libraries.
libs=$(pkg-config --libs icu-uc icu-i18n xapian-core jansson libxml-2.0 libzip 2>/dev/null)
cflags=$(pkg-config --cflags icu-uc icu-i18n xapian-core jansson libxml-2.0 libzip 2>/dev/null)
SANF="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
nh=0; ni=0
for h in tests/fuzz/fuzz_*.c; do
    name=$(basename "$h" .c)
    bin=$TMP/$name
    # shellcheck disable=SC2086
    if ! ${CC:-gcc} -std=c11 -D_GNU_SOURCE -g -O1 $SANF -Ilib -Iindexer -Iquery -Itests/fuzz $cflags \
        -o "$bin" "$h" tests/fuzz/driver.c "$B/libprog.a" "$B/libtracuu.a" $libs -lstdc++ -lpthread -lm \
        2>"$TMP/$name.build"; then
        echo "test_hostile: note: $name does not build against $B (skipped): $(grep -m1 'error' "$TMP/$name.build")"
        continue
    fi
    nh=$((nh + 1))
    for f in tests/fuzz/regressions/"$name"/* tests/fuzz/corpus/"$name"/*; do
        [ -f "$f" ] || continue
        ni=$((ni + 1))
        if ! TMPDIR=$TMP "$bin" "$f" >"$TMP/fz.out" 2>&1 || ! sanitizer_clean "$TMP/fz.out"; then
            bad "$name on $f: $(grep -m1 'ERROR\|runtime error\|check failed' "$TMP/fz.out")"
        else ok; fi
    done
done
echo "test_hostile: fuzz regressions and seeds: $ni inputs through $nh harnesses"

finish
