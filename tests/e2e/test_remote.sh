#!/bin/sh
# test_remote.sh: three indexes over parts of ../shared/corpus searched as
# one, locally (-d A -d B -d C) and through xapian-tcpsrv on 127.0.0.1
# (--remote x3): the same ids in the same order for every kind of query;
# a shard that is down or does not answer is named, --partial answers
# from the others with a warning, nothing hangs.
. "$(dirname "$0")/lib.sh"
need_shared test_remote
need_tools test_remote xapian-tcpsrv

# Every server started, by process group: xapian-tcpsrv signals its whole
# group on SIGTERM, so each runs in its own session (setsid).
GROUPS_STARTED=""
stop_servers() {
    for g in $GROUPS_STARTED; do
        kill -CONT "-$g" 2>/dev/null
        kill -TERM "-$g" 2>/dev/null
    done
    GROUPS_STARTED=""
}
trap 'stop_servers; rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM

# A port nobody listens on now.
free_port() {
    /usr/bin/python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The glass database of index $1 (the shard its stub lists, merged).
glass_of() {
    if [ -f "$1/XAPIANDB" ]; then
        echo "$1/$(sed -n 's/^auto //p' "$1/XAPIANDB" | head -1)"
    else
        echo "$1"
    fi
}

# serve K: xapian-tcpsrv on index K, read-only, on a free port (PORT_K).
serve() {
    port=$(free_port)
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" \
        "$(glass_of "$TMP/i$1")" >"$TMP/srv$1.log" 2>&1 &
    pid=$!
    GROUPS_STARTED="$GROUPS_STARTED $pid"
    eval "PORT_$1=$port GROUP_$1=$pid"
    n=0
    until grep -q Listening "$TMP/srv$1.log" 2>/dev/null || [ $n -ge 100 ]; do
        sleep 0.1
        n=$((n + 1))
    done
}

# Three parts of the corpus: plans and laws dealt out in turn.
i=0
for f in $(ls "$SHARED"/corpus/tnt305_tailieu_vanban/docs/*.txt | head -60) \
         $(ls "$SHARED"/corpus/vlc_laws/docs/*.txt | head -30); do
    mkdir -p "$TMP/p$((i % 3))"
    cp "$f" "$TMP/p$((i % 3))/"
    i=$((i + 1))
done
for k in 0 1 2; do
    "$IDX" -d "$TMP/i$k" --jobs 1 --quiet "$TMP/p$k" 2>"$TMP/idx.err" ||
        bad "indexing part $k: $(cat "$TMP/idx.err")"
    serve "$k"
done
REMOTES="--remote 127.0.0.1:$PORT_0 --remote 127.0.0.1:$PORT_1 --remote 127.0.0.1:$PORT_2"
LOCALS="-d $TMP/i0 -d $TMP/i1 -d $TMP/i2"

# run NAME ARGS...: tracuu-query (bounded: never a hang) into $TMP/NAME.out,
# .err, $RC.
run() {
    name=$1
    shift
    timeout 60 "$QRY" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
    RC=$?
    sanitizer_clean "$TMP/$name.err" || bad "sanitizer report: $*: $(cat "$TMP/$name.err")"
}

# same ARGS...: local union and remote union print the same (JSON without
# the shard names, which differ by design: a directory, a HOST:PORT).
same() {
    # shellcheck disable=SC2086
    run union $LOCALS "$@"
    lrc=$RC
    # shellcheck disable=SC2086
    run remote $REMOTES "$@"
    for w in union remote; do
        grep -v '"shard": ' "$TMP/$w.out" >"$TMP/$w.cmp"
    done
    if [ "$lrc" = "$RC" ] && [ -s "$TMP/union.cmp" ] && cmp -s "$TMP/union.cmp" "$TMP/remote.cmp"; then
        ok
    else
        bad "local and remote unions differ for $* (exit $lrc/$RC): $(diff "$TMP/union.cmp" "$TMP/remote.cmp" | head -5) $(cat "$TMP/remote.err")"
    fi
}

same --paths 'thủy lợi'
same --paths --limit 0 'kế hoạch'
same --paths '"tổ chức chính quyền"'
same --paths 'cites:72/2025/QH15'
same --paths 'date:2023'
same --paths --sort date --limit 0 'luật'
same --paths --sort -date '*'
same --count 'ủy ban nhân dân'
same --json 'thủy lợi'
same --json --offset 3 --limit 4 'quy định'
same --list cites '*'
same --list years 'luật'
same --list issuers --json '*'
same --paths --limit 0 'thi đua'
# The citation graph and --show read every part.
same --cited-by 'number:08/2017/QH14'
same --json --show "$(ls "$TMP"/p1/*.txt | head -1)"

# A word repeated (Xapian's remote backend gave such a query's best
# match twice): each plan once, as locally.
for q in 'kế hoạch thực hiện kế hoạch' 'luật sửa đổi luật' 'bi trang bi'; do
    same --paths --limit 10 "$q"
    if [ -z "$(sort "$TMP/remote.out" | uniq -d)" ]; then ok; else bad "a hit twice for '$q': $(sort "$TMP/remote.out" | uniq -d)"; fi
done

# The order is the ranking over all three, not one part after another:
# the first hits come from more than one part.
run remote $REMOTES --paths --limit 6 'kế hoạch'
parts=$(sed 's|.*/\(p[0-2]\)/.*|\1|' "$TMP/remote.out" | sort -u | wc -l)
if [ "$parts" -ge 2 ]; then ok; else bad "first 6 hits from $parts part(s): $(cat "$TMP/remote.out")"; fi
# The union's total is the three parts' totals.
sum=0
for k in 0 1 2; do
    run one -d "$TMP/i$k" --count 'kế hoạch'
    sum=$((sum + $(cat "$TMP/one.out")))
done
run remote $REMOTES --count 'kế hoạch'
if [ "$(cat "$TMP/remote.out")" = "$sum" ]; then ok; else bad "union counts $(cat "$TMP/remote.out"), parts $sum"; fi
# JSON names each hit's shard.
run remote $REMOTES --json 'thủy lợi'
if grep -Eq "\"shard\": \"127\.0\.0\.1:($PORT_0|$PORT_1|$PORT_2)\"" "$TMP/remote.out"; then ok; else bad "no shard member: $(head -c 400 "$TMP/remote.out")"; fi

# The remotes file: the same shards, named by the user; refused when
# others may write it.
mkdir -p "$TMP/cfg/tracuu"
printf '# test shards\n127.0.0.1:%s\n127.0.0.1:%s  # second\n127.0.0.1:%s\ntimeout 5\n' \
    "$PORT_0" "$PORT_1" "$PORT_2" >"$TMP/cfg/tracuu/remotes"
chmod 600 "$TMP/cfg/tracuu/remotes"
run remote $REMOTES --paths --limit 0 'thủy lợi'
env XDG_CONFIG_HOME="$TMP/cfg" TRACUU_DB= timeout 60 "$QRY" --paths --limit 0 'thủy lợi' >"$TMP/file.out" 2>"$TMP/file.err"
RC=$?
if [ "$RC" = 0 ] && cmp -s "$TMP/remote.out" "$TMP/file.out"; then ok; else bad "remotes file: exit $RC: $(cat "$TMP/file.err")"; fi
chmod 666 "$TMP/cfg/tracuu/remotes"
env XDG_CONFIG_HOME="$TMP/cfg" TRACUU_DB= timeout 60 "$QRY" --paths 'thủy lợi' >"$TMP/file.out" 2>"$TMP/file.err"
RC=$?
if [ "$RC" = 2 ] && grep -q "cfg/tracuu/remotes: not read: writable by others" "$TMP/file.err"; then ok; else bad "writable remotes file: exit $RC: $(cat "$TMP/file.err")"; fi
run bad --remote '127.0.0.1:99999' 'x'
if [ "$RC" = 2 ] && grep -q "HOST:PORT" "$TMP/bad.err"; then ok; else bad "bad --remote: exit $RC: $(cat "$TMP/bad.err")"; fi

# Each index's schema version is checked: the bad one is named.
cp -r "$TMP/i1" "$TMP/old"
xapian-metadata set "$(glass_of "$TMP/old")" tracuu.schema 1 2>/dev/null ||
    bad "xapian-metadata set failed"
run old -d "$TMP/i0" -d "$TMP/old" 'luật'
if [ "$RC" = 2 ] && grep -q "$TMP/old: .*schema version 1" "$TMP/old.err"; then ok; else bad "old index in a union: exit $RC: $(cat "$TMP/old.err")"; fi

# A remote hit whose file is not on this machine: its snippet is marked
# unavailable (text and JSON); hits whose file is here keep theirs.
mv "$TMP/p1" "$TMP/p1.away"
run remote $REMOTES --json --limit 0 'luật'
cp "$TMP/remote.out" "$TMP/unavailable.json"
if grep -q '"snippet_unavailable": true' "$TMP/remote.out" &&
   grep -q "snippet unavailable: the file is on the remote shard's machine" "$TMP/remote.out" &&
   grep -q '"start_bytes"' "$TMP/remote.out"; then ok; else bad "snippets of a shard without its files: $(head -c 600 "$TMP/remote.out")"; fi
run remote $REMOTES --limit 0 'luật'
if grep -q "snippet unavailable" "$TMP/remote.out"; then ok; else bad "text: no unavailable note"; fi
mv "$TMP/p1.away" "$TMP/p1"

# A shard down: named, exit 2, fast; --partial: the others' results, a
# warning naming it, JSON shards_missing.
kill -TERM "-$GROUP_1"
sleep 0.3
run down $REMOTES --paths 'thủy lợi'
if [ "$RC" = 2 ] && grep -q "shard 127.0.0.1:$PORT_1: cannot search it" "$TMP/down.err"; then ok; else bad "shard down: exit $RC: $(cat "$TMP/down.err")"; fi
run partial $REMOTES --partial --paths --limit 0 'thủy lợi'
run others -d "$TMP/i0" -d "$TMP/i2" --paths --limit 0 'thủy lợi'
if [ "$RC" = 0 ] && [ -s "$TMP/others.out" ] && cmp -s "$TMP/partial.out" "$TMP/others.out" &&
   grep -q "warning: shard 127.0.0.1:$PORT_1: .*left out (--partial)" "$TMP/partial.err"; then ok; else bad "--partial: $(cat "$TMP/partial.err")"; fi
run partial $REMOTES --partial --json 'thủy lợi'
cp "$TMP/partial.out" "$TMP/partial.json"
if /usr/bin/python3 -c 'import json, sys
m = json.load(open(sys.argv[1])).get("shards_missing", [])
sys.exit(not (len(m) == 1 and "127.0.0.1:" + sys.argv[2] in m[0]))' "$TMP/partial.out" "$PORT_1"; then ok; else bad "JSON shards_missing: $(head -c 400 "$TMP/partial.out")"; fi

# The new members follow doc/tracuu-query.schema.json.
for p in /usr/bin/python3 python3; do
    "$p" -c 'import jsonschema' 2>/dev/null || continue
    for j in unavailable partial; do
        if "$p" -c 'import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' \
            doc/tracuu-query.schema.json "$TMP/$j.json" 2>"$TMP/schema.err"; then ok
        else bad "$j JSON against the schema: $(tail -3 "$TMP/schema.err")"; fi
    done
    break
done

# A shard that does not answer (stopped): named within the timeouts.
kill -STOP "-$GROUP_2"
t0=$(date +%s)
run hung $REMOTES --partial --connect-timeout 1 --remote-timeout 1 --paths 'thủy lợi'
t1=$(date +%s)
kill -CONT "-$GROUP_2"
if [ "$RC" = 0 ] && [ $((t1 - t0)) -lt 20 ] && grep -q "shard 127.0.0.1:$PORT_2: .*Timeout" "$TMP/hung.err"; then ok; else bad "stopped shard: exit $RC after $((t1 - t0)) s: $(cat "$TMP/hung.err")"; fi
# Every shard down, even with --partial: a failure.
stop_servers
sleep 0.3
run none $REMOTES --partial 'thủy lợi'
if [ "$RC" = 2 ] && grep -q "no index or shard could be searched" "$TMP/none.err"; then ok; else bad "all down: exit $RC: $(cat "$TMP/none.err")"; fi

finish
