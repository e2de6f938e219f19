#!/bin/sh
# test_cli.sh: GNU-style arguments (options anywhere before "--", a
# "-word" that is no option stays an exclusion), conflicting modes named,
# colour and marks (NO_COLOR, TERM=dumb, no brackets in a pipe, --marks),
# the JSON format (offsets in characters, --format-version).
. "$(dirname "$0")/lib.sh"
DB="$TMP/db"
"$IDX" -q -d "$DB" examples/plans >/dev/null 2>&1 || bad "indexing examples/plans"
export LANG=C.UTF-8 LC_ALL= LANGUAGE=
# over N FILE: the lines of FILE wider than N characters (not bytes), but
# a hit's "rank. path" line (a path is never broken).
over() {
    python3 -c 'import sys, re
for l in open(sys.argv[2], encoding="utf-8"):
    l = l.rstrip("\n")
    if len(l) > int(sys.argv[1]) and not re.match(r"[0-9]+\. ", l): print(l)' "$1" "$2"
}

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
# Errors a person can act on.
q "$TMP" thi
expect_rc 2 "-d a directory that holds no index"
q README.md thi
[ "$RC" = 2 ] && grep -q 'README.md: not an index' "$TMP/err" &&
    ! grep -qi 'Error\|XAPIANDB\|Bad line' "$TMP/err" && ok || bad "-d README.md: $(cat "$TMP/err")"
mkdir -p "$TMP/none"
"$IDX" -q -d "$TMP/empty" "$TMP/none" >/dev/null 2>&1
q "$TMP/empty" thi
[ "$RC" = 1 ] && grep -q '0 documents: run tracuu-index -d .*empty PATH' "$TMP/err" &&
    ok || bad "an empty index: exit $RC, stderr [$(cat "$TMP/err")]"
"$IDX" -q -d "$TMP/typo" "$TMP/no/such/dir" >"$TMP/out" 2>"$TMP/err"
[ "$?" = 1 ] && [ ! -e "$TMP/typo" ] && grep -q 'no/such/dir' "$TMP/err" && ok ||
    bad "a root that does not exist: $(cat "$TMP/err"); $(ls "$TMP")"
q "$DB" citse:34
[ "$RC" = 2 ] && grep -q "did you mean cites:" "$TMP/err" && ok || bad "unknown field: $(cat "$TMP/err")"
"$QRY" --help >"$TMP/help"
[ -z "$(over 80 "$TMP/help")" ] && ok || bad "--help lines over 80 columns: $(over 80 "$TMP/help")"
grep -q ' OR ' "$TMP/help" && grep -q '( \.\.\. )' "$TMP/help" && ok || bad "OR and parentheses not in --help"
"$IDX" --help >"$TMP/help"
[ -z "$(over 80 "$TMP/help")" ] && ok || bad "tracuu-index --help over 80 columns"

# Output that fits the terminal: wrapped at spaces with a hanging indent
# (--width, or a terminal's width); none in a pipe.
q "$DB" --width 40 'Dân vận khéo' --limit 1
[ -z "$(over 40 "$TMP/out")" ] && ok || bad "a line over 40: $(over 40 "$TMP/out")"
grep -q '^     [^ ]' "$TMP/out" && ok || bad "no hanging indent: $(cat "$TMP/out")"
q "$DB" 'Dân vận khéo' --limit 1
[ -n "$(over 100 "$TMP/out")" ] && ok || bad "a pipe is not wrapped"
if command -v script >/dev/null 2>&1; then
    script -qec "stty cols 50; TERM=xterm '$QRY' -d '$DB' 'Dân vận khéo' --limit 1" /dev/null </dev/null |
        tr -d '\r' | sed 's/\x1b\[[0-9;]*m//g' >"$TMP/tty"
    [ -z "$(over 50 "$TMP/tty")" ] && ok || bad "terminal of 50: $(over 50 "$TMP/tty")"
    # The progress line at 30 columns: whole words only, the ETA gone.
    script -qec "stty cols 30; '$IDX' -d '$TMP/pdb' examples/plans" /dev/null </dev/null |
        tr '\r' '\n' | grep '^\[' >"$TMP/progress"
    [ -s "$TMP/progress" ] && ! grep -q 'E.\[K\|ET.\[K\|ETA' "$TMP/progress" &&
        grep -q 'MB/s' "$TMP/progress" && ok || bad "progress at 30 columns: $(cat -v "$TMP/progress" | head -2)"
fi
finish
