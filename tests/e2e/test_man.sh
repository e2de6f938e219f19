# test_man.sh: the manual pages (doc/*.1, doc/*.7): each renders with groff
# -ww and man -l without a warning, has a NAME line lexgrog reads, documents
# every option of its program's --help; every "$ tracuu-query" example of
# tracuu-query(1) and tracuu-search-terms(7) runs on ../shared/seeds and
# finds something (prints it, or writes the file -o names) without a word
# on stderr, and every field of --help has an example.
. tests/e2e/lib.sh
need_tools test_man groff man lexgrog
export LC_ALL=C.UTF-8 MANWIDTH=200
PAGES="doc/tracuu-index.1 doc/tracuu-query.1 doc/tracuu-serve.1 doc/tracuu-search-terms.7"

for page in $PAGES; do
    if [ ! -f "$page" ]; then bad "$page missing"; continue; fi
    groff -k -man -Tutf8 -ww -z "$page" >"$TMP/groff.err" 2>&1
    [ -s "$TMP/groff.err" ] && bad "$page: groff: $(cat "$TMP/groff.err")" || ok
    man --warnings -l "$page" >"$TMP/page.txt" 2>"$TMP/man.err"
    [ -s "$TMP/man.err" ] && bad "$page: man -l: $(cat "$TMP/man.err")" || ok
    [ "$(wc -l <"$TMP/page.txt")" -gt 40 ] && ok || bad "$page: renders to $(wc -l <"$TMP/page.txt") lines"
    name=$(basename "$page" | sed 's/\.[0-9]$//')
    lexgrog "$page" 2>&1 | grep -q "\"$name - " && ok || bad "$page: lexgrog: $(lexgrog "$page" 2>&1)"
done

# Every option of --help is in its page, and each page says what the
# programs print for --help (no option the page does not name).
for prog in tracuu-index tracuu-query tracuu-serve; do
    [ -f "doc/$prog.1" ] || continue
    man -l "doc/$prog.1" >"$TMP/page.txt" 2>/dev/null
    "$B/$prog" --help >"$TMP/help" || bad "$prog --help"
    for opt in $(grep -o -- '^ *\(-[a-zA-Z0-9], \)\?--[-a-z]*' "$TMP/help" | tr -d ' ' | tr ',' ' '); do
        grep -q -- "^ *$opt\\b\\|, $opt\\b" "$TMP/page.txt" && ok ||
            bad "$prog: option $opt of --help not described in doc/$prog.1"
    done
done
# Every field of the query language has an entry and an example in (7).
man -l doc/tracuu-search-terms.7 >"$TMP/terms.txt" 2>/dev/null
for f in $("$B/tracuu-query" --help | sed -n 's/^  \([a-z]*\):  .*/\1/p'); do
    grep -q "^       $f:" "$TMP/terms.txt" && ok || bad "field $f: no entry in tracuu-search-terms(7)"
    grep -q "^ *\\$ tracuu-query.*$f:" "$TMP/terms.txt" && ok || bad "field $f: no example in tracuu-search-terms(7)"
done

need_shared test_man
DB="$TMP/db"
"$IDX" -q -d "$DB" "$SHARED/seeds" >"$TMP/idx.out" 2>"$TMP/idx.err" || bad "indexing the seeds"
n=0
# The binary under test as "tracuu-query" on PATH (an example may run it
# twice), the index as $TRACUU_DB; each example runs in an empty directory
# and prints something, or writes a file there (-o FILE).
mkdir -p "$TMP/bin"
BIN=$(cd "$B" && pwd)/tracuu-query
case $DB in /*) ;; *) DB=$(pwd)/$DB ;; esac
printf '#!/bin/sh\nexec "%s" "$@"\n' "$BIN" >"$TMP/bin/tracuu-query"
chmod +x "$TMP/bin/tracuu-query"
for page in doc/tracuu-query.1 doc/tracuu-search-terms.7; do
    man -l "$page" 2>/dev/null | sed -n 's/^ *\$ tracuu-query //p' >"$TMP/examples"
    while IFS= read -r ex; do
        n=$((n + 1))
        rm -rf "$TMP/run" && mkdir "$TMP/run"
        # The example as a user types it, the index and binary under test.
        (cd "$TMP/run" && PATH="$TMP/bin:$PATH" TRACUU_DB="$DB" \
            sh -c "eval \"tracuu-query \$1\"" ex "$ex") </dev/null >"$TMP/out" 2>"$TMP/err"
        rc=$?
        sanitizer_clean "$TMP/err" || bad "sanitizer report: $ex"
        wrote=$(find "$TMP/run" -type f -size +0 | wc -l)
        if [ "$rc" = 0 ] && { [ -s "$TMP/out" ] || [ "$wrote" -gt 0 ]; } && [ ! -s "$TMP/err" ]; then ok; else
            bad "$page: example [tracuu-query $ex]: exit $rc, $(wc -l <"$TMP/out") lines, stderr: $(head -c 300 "$TMP/err")"
        fi
    done <"$TMP/examples"
done
[ "$n" -ge 50 ] && ok || bad "only $n examples found in the pages"
finish
