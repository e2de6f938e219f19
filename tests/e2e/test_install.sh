# test_install.sh: `make install DESTDIR=$TMP/root PREFIX=/usr` puts the
# programs, the manual pages, the completion and the JSON Schema where
# Debian looks for them; the installed programs run from there, outside the
# tree, and index and search (they read no data file from the tree); the
# installed pages render with man; the installed bash completion completes;
# `make uninstall` with the same DESTDIR and PREFIX leaves no file.
. tests/e2e/lib.sh
need_tools test_install make install groff man bash
ROOT="$TMP/root"
TREE=$(pwd)
# The binaries under test when make holds them up to date (make -q builds
# nothing), else the release build (built if need be).
MB=$B
make -q B="$MB" "$MB/tracuu-index" "$MB/tracuu-query" 2>/dev/null || MB=build
make --no-print-directory install B="$MB" DESTDIR="$ROOT" PREFIX=/usr \
    >"$TMP/install.out" 2>&1
RC=$?
expect_rc 0 "make install DESTDIR=$ROOT PREFIX=/usr: $(tail -5 "$TMP/install.out")"

for f in usr/bin/tracuu-index usr/bin/tracuu-query usr/bin/tracuu-serve \
    usr/share/man/man1/tracuu-index.1 usr/share/man/man1/tracuu-query.1 \
    usr/share/man/man1/tracuu-serve.1 \
    usr/share/man/man7/tracuu-search-terms.7 \
    usr/share/bash-completion/completions/tracuu-query \
    usr/share/bash-completion/completions/tracuu-index \
    usr/share/zsh/vendor-completions/_tracuu \
    usr/share/doc/tracuu/tracuu-query.schema.json \
    usr/share/doc/tracuu/README.md usr/share/doc/tracuu/COPYING \
    usr/share/locale/vi/LC_MESSAGES/tracuu.mo; do
    [ -f "$ROOT/$f" ] && ok || bad "not installed: /$f"
done
[ -x "$ROOT/usr/bin/tracuu-query" ] && [ -x "$ROOT/usr/bin/tracuu-index" ] && ok ||
    bad "programs not executable"
# Nothing else, and nothing outside /usr.
n=$(find "$ROOT" ! -type d | wc -l)
[ "$n" = 14 ] && ok || bad "install made $n files: $(find "$ROOT" ! -type d)"
[ "$(ls "$ROOT")" = usr ] && ok || bad "install wrote outside PREFIX: $(ls "$ROOT")"

# The installed programs, run from elsewhere (the tree out of reach).
BIN="$ROOT/usr/bin"
mkdir -p "$TMP/away/plans"
cp "$SHARED"/seeds/000_*.txt "$TMP/away/plans/" 2>/dev/null ||
    printf 'KẾ HOẠCH thi đua năm 2024\nThực hiện Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị, phong trào “Dân vận khéo”.\n' \
        >"$TMP/away/plans/plan.txt"
cd "$TMP/away" || exit 1
for prog in tracuu-index tracuu-query tracuu-serve; do
    v=$("$BIN/$prog" --version 2>&1)
    case $v in "$prog "[0-9]*) ok ;; *) bad "installed $prog --version: $v" ;; esac
    LC_ALL=C.UTF-8 "$BIN/$prog" --help >"$TMP/help" 2>&1 && grep -q "^Usage: $prog" "$TMP/help" && ok ||
        bad "installed $prog --help: $(head -3 "$TMP/help")"
    # The installed catalogue, found from the program's place.
    if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$'; then
        LANGUAGE= LC_ALL=vi_VN.UTF-8 "$BIN/$prog" --help >"$TMP/help" 2>&1
        grep -q "^Cách dùng: $prog" "$TMP/help" && ok ||
            bad "installed $prog --help under vi_VN: $(head -2 "$TMP/help")"
    fi
done
# Indexing and a search need the compiled-in data (stopwords, segmenter,
# movements): a movement found by name proves the table is there.
HOME="$TMP/away" XDG_DATA_HOME= "$BIN/tracuu-index" -q plans >"$TMP/idx.out" 2>&1 && ok ||
    bad "installed tracuu-index: $(cat "$TMP/idx.out")"
[ -f "$TMP/away/.local/share/tracuu/index/XAPIANDB" ] && ok || bad "default index not made"
HOME="$TMP/away" XDG_DATA_HOME= "$BIN/tracuu-query" --count 'movement:"dân vận khéo"' cites:34-CT/TW \
    >"$TMP/q.out" 2>&1
[ "$(cat "$TMP/q.out")" = 1 ] && ok || bad "installed tracuu-query: $(cat "$TMP/q.out")"
HOME="$TMP/away" XDG_DATA_HOME= "$BIN/tracuu-query" --list movements >"$TMP/q.out" 2>&1
grep -q 'phong-trao *Dân vận khéo' "$TMP/q.out" && ok || bad "installed --list movements: $(cat "$TMP/q.out")"
cd "$TREE" || exit 1

# The installed pages, found by name through MANPATH, render without warnings.
for page in tracuu-index:1 tracuu-query:1 tracuu-search-terms:7; do
    LC_ALL=C.UTF-8 MANPATH="$ROOT/usr/share/man" man --warnings "${page#*:}" "${page%:*}" \
        >"$TMP/page" 2>"$TMP/man.err"
    if [ -s "$TMP/man.err" ] || ! grep -q "^NAME" "$TMP/page"; then
        bad "man ${page#*:} ${page%:*}: $(head -c 300 "$TMP/man.err")"
    else ok; fi
done

# The installed bash completion loads and completes both programs.
got=$(bash --norc --noprofile -c '
    . "$1/tracuu-index" || exit 3
    complete -p tracuu-query tracuu-index >/dev/null || exit 4
    COMP_LINE="tracuu-query --list "; COMP_POINT=${#COMP_LINE}
    COMP_WORDS=(tracuu-query --list ""); COMP_CWORD=2
    _tracuu tracuu-query "" --list; echo "${COMPREPLY[*]}"
    COMP_LINE="tracuu-index --no"; COMP_POINT=${#COMP_LINE}
    COMP_WORDS=(tracuu-index --no); COMP_CWORD=1
    _tracuu tracuu-index --no tracuu-index; echo "${COMPREPLY[*]}"
' sh "$ROOT/usr/share/bash-completion/completions" 2>&1)
[ "$got" = "cites dates movements issuers years types signers
--no-delete" ] && ok || bad "installed bash completion: $got"

# make uninstall removes every file install made.
make --no-print-directory uninstall B="$MB" DESTDIR="$ROOT" PREFIX=/usr >"$TMP/un.out" 2>&1
RC=$?
expect_rc 0 "make uninstall: $(tail -3 "$TMP/un.out")"
left=$(find "$ROOT" ! -type d)
[ -z "$left" ] && ok || bad "left after uninstall: $left"
[ ! -d "$ROOT/usr/share/doc/tracuu" ] && ok || bad "uninstall left usr/share/doc/tracuu"

# PREFIX=/usr/local: zsh's site-functions, not Debian's vendor-completions.
make --no-print-directory install B="$MB" DESTDIR="$TMP/local" >"$TMP/install.out" 2>&1 &&
    [ -f "$TMP/local/usr/local/share/zsh/site-functions/_tracuu" ] &&
    [ -x "$TMP/local/usr/local/bin/tracuu-query" ] && ok ||
    bad "make install with the default PREFIX: $(tail -3 "$TMP/install.out")"
make --no-print-directory uninstall DESTDIR="$TMP/local" >/dev/null 2>&1
[ -z "$(find "$TMP/local" ! -type d)" ] && ok || bad "default PREFIX: uninstall left files"
finish
