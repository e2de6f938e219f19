# test_suggest.sh: "did you mean" for a query typed without diacritics:
# how the first plans found write it most often (issue 18 point 6), in
# --json's "suggestion" and on a terminal's stderr; nothing for a query
# typed with accents, and no chatter for scripts (--paths, a redirected
# stderr).
. tests/e2e/lib.sh
need_shared test_suggest
"$IDX" -q -d "$TMP/db" "$SHARED/seeds" >/dev/null 2>&1 || bad "indexing the seeds"

# suggestion QUERY: the JSON suggestion member ("-" when absent).
suggestion() {
    q "$TMP/db" --json "$1"
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("suggestion") or "-", d["total"])' "$TMP/out"
}
while IFS='|' read -r query want; do
    got=$(suggestion "$query")
    case $got in
    "$want "[1-9]*) ok ;;
    *) bad "[$query]: suggestion [$got], want [$want] and plans found" ;;
    esac
done <<'EOF2'
dan van kheo|dân vận khéo
thi dua khen thuong|thi đua khen thưởng
Phong trao thi dua|Phong trào thi đua
UBND tinh|UBND tỉnh
issuer:ubnd thi dua|issuer:ubnd thi đua
EOF2
# Typed with its accents, or as the plans write it: nothing to say.
for query in "thi đua" "dân vận khéo" "34-CT/TW"; do
    got=$(suggestion "$query")
    case $got in "- "[1-9]*) ok ;; *) bad "[$query]: suggestion [$got]" ;; esac
done
# A script's stderr stays quiet.
q "$TMP/db" --paths "dan van kheo"
[ "$RC" = 0 ] && [ -s "$TMP/out" ] && [ ! -s "$TMP/err" ] && ok ||
    bad "--paths: exit $RC, stderr [$(cat "$TMP/err")]"
q "$TMP/db" "dan van kheo"
[ "$RC" = 0 ] && [ ! -s "$TMP/err" ] && ok || bad "text to a file: stderr [$(cat "$TMP/err")]"
# A person at a terminal is told.
if command -v script >/dev/null 2>&1; then
    script -qec "\"$QRY\" -d \"$TMP/db\" 'dan van kheo' >/dev/null" /dev/null >"$TMP/tty" 2>&1
    grep -q 'tracuu-query: most often written: dân vận khéo' "$TMP/tty" && ok ||
        bad "terminal: $(head -c 300 "$TMP/tty")"
    sanitizer_clean "$TMP/tty" || bad "sanitizer report: $(cat "$TMP/tty")"
fi
finish
