#!/bin/sh
# test_layout.sh: the source tree's layering. query/, indexer/ and
# serve/ never include each other's headers, lib/ includes none of them, and only
# lib/xapian_shim.cc includes Xapian's headers (the C/C++ boundary).
# SRC: the tree to check (default: this one). No binaries needed.
. tests/e2e/lib.sh
SRC=${SRC:-.}

# includes DIR: "file<TAB>header" for every #include "..." in DIR's sources.
includes() {
    for f in "$SRC/$1"/*.c "$SRC/$1"/*.h "$SRC/$1"/*.cc; do
        [ -f "$f" ] || continue
        sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
            while IFS= read -r h; do printf '%s\t%s\n' "${f#"$SRC"/}" "$h"; done
    done
}

# crossing FROM TO...: the includes in FROM of a header that lives in one
# of the TO folders (and not in FROM or lib/), one "file: header" a line.
crossing() {
    from=$1; shift
    includes "$from" | while IFS="$(printf '\t')" read -r f h; do
        base=${h##*/}
        case $h in ../*) echo "$f: $h"; continue ;; esac
        [ -f "$SRC/$from/$base" ] && continue
        [ "$from" != lib ] && [ -f "$SRC/lib/$base" ] && continue
        for to in "$@"; do
            [ -f "$SRC/$to/$base" ] && echo "$f: $h (in $to/)"
        done
    done
}

check_none() { # WHAT OUTPUT
    if [ -z "$2" ]; then ok; else bad "$1:
$2"; fi
}

check_none "query/ includes indexer/ headers" "$(crossing query indexer)"
check_none "indexer/ includes query/ headers" "$(crossing indexer query)"
check_none "lib/ includes query/, indexer/ or serve/ headers" "$(crossing lib query indexer serve)"
check_none "serve/ includes query/ or indexer/ headers" "$(crossing serve query indexer)"
check_none "query/ or indexer/ include serve/ headers" "$(crossing query serve; crossing indexer serve)"
# serve/ exists (the check above looks at something).
if [ -f "$SRC/serve/main.c" ]; then ok; else bad "serve/main.c missing"; fi

# <xapian.h> (or <xapian/...>) anywhere but the shim, tests and fuzz
# harnesses included.
xap=$(grep -rlE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]xapian(\.h|/)' \
        "$SRC/lib" "$SRC/query" "$SRC/indexer" "$SRC/serve" "$SRC/tests" 2>/dev/null |
      sed "s|^$SRC/||" | grep -vx 'lib/xapian_shim.cc')
check_none "<xapian.h> outside lib/xapian_shim.cc" "$xap"
# And the shim does include it (the check looks at the right thing).
if grep -qE '^#include <xapian\.h>' "$SRC/lib/xapian_shim.cc"; then ok; else
    bad "lib/xapian_shim.cc does not include <xapian.h>"; fi

# The Makefile gives each folder only its own include path and lib/'s.
for d in query indexer serve; do
    if grep -q "^INC_$d := -Ilib -I$d\( \$(MHD_CFLAGS)\)\?\$" "$SRC/Makefile" 2>/dev/null; then ok; else
        bad "Makefile: $d/ does not compile with -Ilib -I$d alone"; fi
done

finish
