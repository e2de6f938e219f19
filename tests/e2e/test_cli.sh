#!/bin/sh
# test_cli.sh: GNU-style arguments (options anywhere before "--", a
# "-word" that is no option stays an exclusion), conflicting modes named,
# colour and marks (NO_COLOR, TERM=dumb, no brackets in a pipe, --marks),
# the JSON format (offsets in characters, --format-version).
. "$(dirname "$0")/lib.sh"
DB="$TMP/db"
"$IDX" -q -d "$DB" examples/plans >/dev/null 2>&1 || bad "indexing examples/plans"
export LANG=C.UTF-8 LC_ALL= LANGUAGE=

# Options after the query words, as GNU tools take them.
q "$DB" 'thi đua' --limit 3 --paths
expect_rc 0 "options after the query"
[ "$(wc -l <"$TMP/out")" = 3 ] && ok || bad "--limit 3 after the query: $(wc -l <"$TMP/out") lines"
q "$DB" thi đua --count
[ "$(cat "$TMP/out")" = 8 ] && ok || bad "thi đua --count: $(cat "$TMP/out")"
# A "-word" that is no option is an exclusion: -khen is not -k -h -e -n.
q "$DB" thi đua -khen --count
all=8; [ "$(cat "$TMP/out")" -lt "$all" ] && [ "$(cat "$TMP/out")" -gt 0 ] &&
    ok || bad "thi đua -khen: $(cat "$TMP/out") (want fewer than $all); $(cat "$TMP/err")"
q "$DB" --count thi đua -dân
n_dan=$(cat "$TMP/out")
q "$DB" --count -- thi đua -dân
[ "$n_dan" = "$(cat "$TMP/out")" ] && [ "$RC" = 0 ] && ok || bad "-dân is no -d: $n_dan vs $(cat "$TMP/out")"
# After "--" an option's name is a query word.
q "$DB" --count -- --limit
expect_rc 1 "after --, --limit is a word (no match)"
q "$DB" thi --limit
expect_rc 2 "--limit with nothing after it"

# Conflicting modes: exit 2, both named.
conflict() {
    q "$DB" "$@" thi
    if [ "$RC" = 2 ] && grep -q -- "${1%%=*}" "$TMP/err" &&
        grep -q -- "${2%%=*}" "$TMP/err" &&
        [ ! -s "$TMP/out" ]; then ok; else
        bad "$1 $2: exit $RC, stderr $(cat "$TMP/err"), stdout $(head -c 80 "$TMP/out")"; fi
}
conflict --json --count
conflict --paths --json
conflict --count --paths
conflict --json --format=csv
conflict --format=xlsx --count
conflict --list=cites --count
conflict --list=cites --paths
conflict --list=years --offset=2
conflict --list=years --sort=date
conflict --show=x --list=years
conflict --marks --json
conflict --null --json
q "$DB" --json --format json thi
expect_rc 0 "--json with --format json is one mode"

# In a pipe no marks inside words by default, so grep finds the symbol.
q "$DB" 'cites:34-CT/TW'
grep -q '34-CT/TW' "$TMP/out" && ! grep -q '\[' "$TMP/out" && ok ||
    bad "cites:34-CT/TW in a pipe: $(grep -m1 34 "$TMP/out")"
q "$DB" --marks 'cites:34-CT/TW'
grep -q '\[34-CT/TW\]' "$TMP/out" && ok || bad "--marks: $(grep -m1 34 "$TMP/out")"
# On a terminal: colour; NO_COLOR (any value) and TERM=dumb give brackets.
tty_run() { script -qec "$*" /dev/null </dev/null; }
if command -v script >/dev/null 2>&1; then
    tty_run "TERM=xterm '$QRY' -d '$DB' 'Dân vận khéo' --limit 1" >"$TMP/tty"
    grep -q "$(printf '\033')\[1;31mDân vận khéo" "$TMP/tty" && ok || bad "colour on a terminal"
    for env in NO_COLOR=1 NO_COLOR=yes TERM=dumb; do
        tty_run "TERM=xterm $env '$QRY' -d '$DB' 'Dân vận khéo' --limit 1" >"$TMP/tty"
        ! grep -q "$(printf '\033')" "$TMP/tty" && grep -q '\[Dân vận khéo\]' "$TMP/tty" &&
            ok || bad "$env: $(grep -m1 khéo "$TMP/tty" | cat -v)"
    done
    tty_run "TERM=xterm NO_COLOR= '$QRY' -d '$DB' 'Dân vận khéo' --limit 1" >"$TMP/tty"
    grep -q "$(printf '\033')\[1;31m" "$TMP/tty" && ok || bad "NO_COLOR empty keeps colour"
    tty_run "TERM=dumb '$QRY' -d '$DB' --color=always 'Dân vận khéo' --limit 1" >"$TMP/tty"
    grep -q "$(printf '\033')\[1;31m" "$TMP/tty" && ok || bad "--color=always under TERM=dumb"
fi

# JSON: offsets in characters, bytes kept as *_bytes; no Xapian string.
q "$DB" --json 'Dân vận khéo' --limit 1
python3 - "$TMP/out" <<'PY' && ok || bad "JSON offsets in characters"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format_version"] == 3 and "parsed" not in d, d.keys()
s = d["hits"][0]["snippets"][0]
m = s["matches"][0]
assert s["text"][m["start"]:m["start"] + m["length"]] == "Dân vận khéo", m
b = s["text"].encode()
assert b[m["start_bytes"]:m["start_bytes"] + m["length_bytes"]].decode() == "Dân vận khéo"
PY
q "$DB" --json --format-version=2 'Dân vận khéo' --limit 1
python3 - "$TMP/out" <<'PY' && ok || bad "--format-version=2: bytes and parsed"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format_version"] == 2 and "parsed" in d
s = d["hits"][0]["snippets"][0]
m = s["matches"][0]
assert "start_bytes" not in m
b = s["text"].encode()
assert b[m["start"]:m["start"] + m["length"]].decode() == "Dân vận khéo"
PY
for v in 1 4 x; do
    q "$DB" --json --format-version=$v thi
    [ "$RC" = 2 ] && grep -q "format-version $v" "$TMP/err" && [ ! -s "$TMP/out" ] &&
        ok || bad "--format-version=$v: exit $RC $(cat "$TMP/err")"
done
finish
