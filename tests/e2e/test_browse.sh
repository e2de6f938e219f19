# test_browse.sh: browsing without a query ("*", --sort -date alone) and
# the record lists (--list issuers|years|types|signers), with counts,
# sorted by count then name, honouring --limit, each row's query finding
# exactly its plans.
. tests/e2e/lib.sh
need_shared test_browse
DB="$TMP/db"
"$IDX" -q -d "$DB" "$SHARED/seeds" "$SHARED/corpus/tnt305_tailieu_vanban/docs" 2>"$TMP/idx.err"
RC=$?
expect_rc 0 "indexing the seeds and the 2025 documents"
ALL=$(ls "$SHARED/seeds" "$SHARED/corpus/tnt305_tailieu_vanban/docs" | grep -c '\.txt$')

# "*" is every plan, alone or beside a field; --sort -date needs no query.
q "$DB" --count '*'
[ "$(cat "$TMP/out")" = "$ALL" ] && ok || bad "'*': $(cat "$TMP/out") $(cat "$TMP/err") of $ALL"
q "$DB" --count '* issued:2025-11'; a=$(cat "$TMP/out")
q "$DB" --count 'issued:2025-11'; b=$(cat "$TMP/out")
[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "'* issued:2025-11' $a vs $b"
"$QRY" -d "$DB" --json --sort -date --limit 20 >"$TMP/out" 2>"$TMP/err"
RC=$?
expect_rc 0 "--sort -date without a query"
python3 - "$TMP/out" "$ALL" <<'PY' && ok || bad "--sort -date: $(head -c 300 "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
dates = [h["issued"] for h in d["hits"]]
assert d["total"] == int(sys.argv[2]) and len(dates) == 20, (d["total"], len(dates))
assert all(dates) and dates == sorted(dates, reverse=True), dates
PY
q "$DB" ''
[ "$RC" = 2 ] && grep -q 'empty query' "$TMP/err" && ok || bad "an empty query alone: rc $RC"

# The lists: counts, order, --limit, and a query per row that finds its
# plans exactly (the issuers whose words a longer issuer holds too are
# told apart).
for kind in issuers years types signers; do
    q "$DB" --json --list $kind --limit 8
    [ "$RC" = 0 ] && ok || bad "--list $kind: rc $RC $(cat "$TMP/err")"
    python3 - "$TMP/out" "$QRY" "$DB" $kind <<'PY' && ok || bad "--list $kind rows"
import json, subprocess, sys
d = json.load(open(sys.argv[1]))
items = d["items"]
every = json.loads(subprocess.run([sys.argv[2], "-d", sys.argv[3], "--json", "--list",
                                  sys.argv[4]], capture_output=True, text=True).stdout)["items"]
assert d["list"] == sys.argv[4] and len(items) == min(8, len(every)) and len(every) > 1, (d["list"], len(items))
assert items == every[:len(items)]
known = [i for i in items if i["query"]]
assert [i["plans"] for i in known] == sorted((i["plans"] for i in known), reverse=True)
for i in items:
    if i["query"] is None:
        continue
    n = subprocess.run([sys.argv[2], "-d", sys.argv[3], "--count", i["query"]],
                       capture_output=True, text=True).stdout.strip()
    assert n == str(i["plans"]), (i, n)
PY
done
q "$DB" --list years
grep -q '^ *[0-9]*  2025$' "$TMP/out" && ok || bad "years: $(head -3 "$TMP/out")"
q "$DB" --list types --limit 3
[ "$(wc -l <"$TMP/out")" = 3 ] && ok || bad "--list types --limit 3: $(cat "$TMP/out")"
# --limit now applies to the older lists too.
q "$DB" --list cites --limit 5
[ "$(grep -c . "$TMP/out")" = 6 ] && ok || bad "--list cites --limit 5: $(wc -l <"$TMP/out") lines"
# A list over a query: its rows' queries carry the query.
q "$DB" --json --list issuers --limit 3 'thi đua'
python3 - "$TMP/out" "$QRY" "$DB" <<'PY' && ok || bad "issuers of 'thi đua'"
import json, subprocess, sys
d = json.load(open(sys.argv[1]))
for i in d["items"]:
    if i["query"]:
        assert i["query"].startswith("(thi đua) issuer:"), i
        n = subprocess.run([sys.argv[2], "-d", sys.argv[3], "--count", i["query"]],
                           capture_output=True, text=True).stdout.strip()
        assert n == str(i["plans"]), (i, n)
PY
# --list cites: one row per cited document, its count what cites: finds
# (118/2025/NĐ-CP was four rows of 17, 3, 2 and 1 plans for 19).
q "$DB" --list cites
[ "$(grep -c ' 118/2025/NĐ-CP ' "$TMP/out")" = 1 ] && grep -q '^ *19  118/2025/NĐ-CP  *Nghị định  *09/06/2025 Chính phủ  *-$' "$TMP/out" && ok ||
    bad "118/2025/NĐ-CP rows: $(grep ' 118/2025/NĐ-CP ' "$TMP/out")"
for query in '' 'thi đua'; do
    q "$DB" --json --list cites --limit 25 $query
    python3 - "$TMP/out" "$QRY" "$DB" <<'PY' && ok || bad "--list cites $query: counts differ from cites:"
import json, subprocess, sys
d = json.load(open(sys.argv[1]))
assert d["format_version"] == 3 and len(d["items"]) == 25
keys = [i["symbol"] for i in d["items"]]
assert len(set(keys)) == len(keys), keys
for i in d["items"]:
    n = subprocess.run([sys.argv[2], "-d", sys.argv[3], "--count", i["query"]],
                       capture_output=True, text=True).stdout.strip()
    assert n == str(i["plans"]), (i, n)
PY
done
q "$DB" --list publishers
[ "$RC" = 2 ] && grep -q 'issuers, years, types or signers' "$TMP/err" && ok || bad "--list publishers: $(cat "$TMP/err")"
finish
