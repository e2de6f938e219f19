#!/bin/sh
# test_trust_stub.sh: the index directory is untrusted: a damaged or hostile stub (XAPIANDB) is refused and repaired, never run or followed; leftovers of a cut removal go; new indexes are private; an unwritable index is named as such.
. tests/e2e/lib.sh

PLANS=examples/plans
ix() { "$IDX" "$@" </dev/null >"$TMP/out" 2>"$TMP/err"; RC=$?; sanitizer_clean "$TMP/err" || bad "sanitizer report: tracuu-index $*: $(cat "$TMP/err")"; }
# has FILE TEXT: FILE holds TEXT (fixed string).
has() { grep -qF -- "$2" "$1"; }
shards() { ls -d "$1"/shard-* 2>/dev/null | wc -l; }

DB=$TMP/idx
ix -q -j 2 -d "$DB" $PLANS
expect_rc 0 "first run"
q "$DB" --count thi
N=$(cat "$TMP/out")
[ "$N" -gt 0 ] && ok || bad "no plan matches thi"
# Another index, that a stub must not lead to.
cp -r "$DB" "$TMP/other"

# ---------------------------------------------------------------- a damaged stub destroys nothing
before=$(ls "$DB" | tr '\n' ' ')
echo "hello world" >"$DB/XAPIANDB"
ix -q -d "$DB" $PLANS
expect_rc 1 "garbage stub"
{ has "$TMP/err" "$DB/XAPIANDB" && has "$TMP/err" "line 1"; } && ok || bad "garbage stub: message [$(cat "$TMP/err")]"
[ "$(ls "$DB" | tr '\n' ' ')" = "$before" ] && ok || bad "garbage stub: index now [$(ls "$DB" | tr '\n' ' ')], was [$before]"
head -c 3000 /dev/urandom >"$DB/XAPIANDB"
ix -q -d "$DB" $PLANS
expect_rc 1 "random bytes stub"
[ "$(ls "$DB" | tr '\n' ' ')" = "$before" ] && ok || bad "random stub: index now [$(ls "$DB" | tr '\n' ' ')]"
head -c 50000000 /dev/zero | tr '\0' a >"$DB/XAPIANDB"
ix -q -d "$DB" $PLANS
expect_rc 1 "50 MB stub"
{ has "$TMP/err" "too large" && ! has "$TMP/err" "another"; } && ok || bad "50 MB stub: [$(cat "$TMP/err")]"
: >"$DB/XAPIANDB"
q "$DB" --count thi
{ [ "$RC" != 0 ] && has "$TMP/err" "$DB/XAPIANDB" && has "$TMP/err" "--repair" && ! grep -qi "remove the index" "$TMP/err"; } && ok \
    || bad "empty stub: query exit $RC [$(cat "$TMP/err")]"

# ---------------------------------------------------------------- --repair
ix -d "$DB" --repair
expect_rc 0 "--repair"
{ has "$TMP/out" "shard-" && has "$TMP/out" "documents"; } && ok || bad "--repair says [$(cat "$TMP/out")]"
q "$DB" --count thi
[ "$(cat "$TMP/out")" = "$N" ] && ok || bad "after --repair: $(cat "$TMP/out") plans match thi, want $N"
ix -q -d "$DB" $PLANS
expect_rc 0 "a run after --repair"

# ---------------------------------------------------------------- the stub runs and follows nothing
printf 'remote :/usr/bin/touch pwned\n' >"$DB/XAPIANDB"
QABS=$(cd "$(dirname "$QRY")" && pwd)/$(basename "$QRY")
(cd "$TMP" && "$QABS" -d idx --count thi >/dev/null 2>"$TMP/err")
[ -e "$TMP/pwned" ] && bad "a remote line in the stub ran a program" || ok
has "$TMP/err" "XAPIANDB" && ok || bad "remote stub: message [$(cat "$TMP/err")]"
printf 'auto ../outside\n' >"$DB/XAPIANDB"
ix -q -d "$DB" $PLANS
expect_rc 1 "stub naming ../outside"
[ -e "$TMP/outside" ] && bad "the indexer wrote outside the index: $(ls "$TMP/outside")" || ok
printf 'auto ../other/%s\n' "$(cd "$TMP/other" && ls -d shard-* | head -1)" >"$DB/XAPIANDB"
q "$DB" --count thi
[ "$RC" != 0 ] && ok || bad "a stub naming another index was served: $(cat "$TMP/out")"
printf 'auto %s\n' "$TMP/other" >"$DB/XAPIANDB"
q "$DB" --count thi
[ "$RC" != 0 ] && ok || bad "a stub naming an absolute path was served: $(cat "$TMP/out")"
rm -f "$DB/XAPIANDB"
mkfifo "$DB/XAPIANDB"
timeout 20 "$QRY" -d "$DB" --count thi >/dev/null 2>"$TMP/err"
RC=$?
{ [ $RC != 124 ] && [ $RC != 0 ] && has "$TMP/err" "not a regular file"; } && ok || bad "FIFO stub: exit $RC [$(cat "$TMP/err")]"
rm -f "$DB/XAPIANDB"
ln -s /dev/zero "$DB/XAPIANDB"
timeout 20 "$IDX" -q -d "$DB" $PLANS >/dev/null 2>"$TMP/err"
RC=$?
{ [ $RC = 1 ] && has "$TMP/err" "symbolic link"; } && ok || bad "stub linked to /dev/zero: exit $RC [$(cat "$TMP/err")]"
rm -f "$DB/XAPIANDB"
ix -d "$DB" --repair
expect_rc 0 "--repair after the hostile stubs"

# ---------------------------------------------------------------- an index of one database (no stub)
OLD=$TMP/old
mkdir -m 700 "$OLD"
one=$(cd "$TMP/other" && ls -d shard-* | head -1)
cp "$TMP/other/$one"/* "$OLD/"
q "$OLD" --count thi
{ [ "$RC" = 0 ] && [ "$(cat "$TMP/out")" = "$N" ]; } && ok || bad "one-database index: exit $RC, $(cat "$TMP/out") [$(cat "$TMP/err")]"
ix -q -d "$OLD" $PLANS
expect_rc 0 "a run on a one-database index"
[ ! -e "$OLD/XAPIANDB" ] && [ "$(shards "$OLD")" = 0 ] && ok || bad "one-database index got a stub or shards: $(ls "$OLD")"

# ---------------------------------------------------------------- leftovers of a removal cut short
S=$(cd "$DB" && ls -d shard-* | head -1)
cp -r "$DB/$S" "$DB/shard-90" && rm "$DB/shard-90/iamglass"
cp -r "$DB/$S" "$DB/trash-shard-91" && rm "$DB/trash-shard-91/iamglass"
ix -q -d "$DB" $PLANS
expect_rc 0 "a run over leftovers"
{ [ ! -e "$DB/shard-90" ] && [ ! -e "$DB/trash-shard-91" ]; } && ok || bad "leftovers stay: $(ls "$DB" | tr '\n' ' ')"
q "$DB" --count thi
[ "$(cat "$TMP/out")" = "$N" ] && ok || bad "after the leftovers: $(cat "$TMP/out") plans, want $N"

# ---------------------------------------------------------------- a new index is private
NEW=$TMP/new/deep/idx
ix -q -j 2 -d "$NEW" $PLANS
modes=$(stat -c '%a' "$TMP/new" "$TMP/new/deep" "$NEW" "$NEW"/shard-* | sort -u | tr '\n' ' ')
[ "$modes" = "700 " ] && ok || bad "new index directories have modes [$modes], want 700"

# ---------------------------------------------------------------- an index that cannot be written
if [ "$(id -u)" != 0 ]; then
    if [ "${CI:-}" = true ]; then bad "read-only and permission checks need root (CI=true)"; else echo "skipped: needs root (read-only and permission checks)"; fi
else
    RO=$TMP/ro
    mkdir "$RO"
    mount --bind "$DB" "$RO" && mount -o remount,bind,ro "$RO" && trap 'umount "$RO" 2>/dev/null; rm -rf "$TMP"' EXIT
    ix -q -d "$RO" $PLANS
    umount "$RO"
    expect_rc 1 "read-only index"
    { has "$TMP/err" "Read-only file system" && has "$TMP/err" "$RO" && ! has "$TMP/err" "another"; } && ok \
        || bad "read-only index: [$(cat "$TMP/err")]"
    # Another user: an index directory they may enter, shards they may not write.
    U=$(mktemp -d /tmp/tracuu-e2e-user.XXXXXX)
    trap 'rm -rf "$TMP" "$U"' EXIT
    chmod 755 "$U"
    cp -r "$DB" "$U/idx"
    chmod 777 "$U/idx"
    chmod -R go+rX "$U/idx"
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$IDX" -q -d "$U/idx" $PLANS </dev/null >"$TMP/out" 2>"$TMP/err"
    RC=$?
    expect_rc 1 "shards of another user"
    { has "$TMP/err" "Permission denied" && has "$TMP/err" "$U/idx/shard-" && ! has "$TMP/err" "another"; } && ok \
        || bad "shards of another user: [$(cat "$TMP/err")]"
    # A private index of another user: named, not taken for a lock.
    chmod 700 "$U/idx"
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$IDX" -q -d "$U/idx" $PLANS </dev/null >"$TMP/out" 2>"$TMP/err"
    RC=$?
    expect_rc 1 "index of another user"
    { has "$TMP/err" "Permission denied" && has "$TMP/err" "$U/idx" && ! has "$TMP/err" "another"; } && ok \
        || bad "index of another user: [$(cat "$TMP/err")]"
fi
finish
