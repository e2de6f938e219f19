# test_completion.sh: completion/tracuu.bash loaded in a real bash and asked
# to complete lines as bash would (COMP_LINE, COMP_POINT, COMP_WORDS,
# COMP_CWORD set as bash sets them), COMPREPLY compared; the options it
# offers are those of --help; completion/_tracuu parsed by zsh when zsh is
# installed.
. tests/e2e/lib.sh
need_tools test_completion bash
mkdir -p "$TMP/idx one" "$TMP/idx two" "$TMP/other"

# complete CMDLINE: what bash's completion of CMDLINE (cursor at its end)
# puts in COMPREPLY, sorted, one line.
complete_line() {
    TMPDIR_="$TMP" bash --norc --noprofile -c '
        . completion/tracuu.bash || exit 3
        line=$1
        COMP_LINE=$line; COMP_POINT=${#line}
        # Words as bash splits them: blanks, and ":" "=" as words of their own.
        read -r -a COMP_WORDS <<<"$(printf "%s" "$line" | sed "s/\([:=]\)/ \1 /g")"
        case $line in *[[:space:]]) COMP_WORDS+=(""); esac
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        spec=$(complete -p "${COMP_WORDS[0]}") || exit 4
        fn=${spec#*-F }; fn=${fn%% *}
        "$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"
    ' complete_line "$1"
}

# expect_completion CMDLINE WANT
expect_completion() {
    got=$(complete_line "$1")
    if [ "$got" = "$2" ]; then ok; else bad "completing [$1]: want [$2] got [$got]"; fi
}

expect_completion 'tracuu-query --li' '--limit --list'
expect_completion 'tracuu-query --list ' 'cites dates issuers movements signers types years'
expect_completion 'tracuu-query --list s' 'signers'
expect_completion 'tracuu-query --format ' 'csv dot json paths text xlsx'
expect_completion 'tracuu-query --format=x' 'xlsx'
expect_completion 'tracuu-query --limit a' 'all'
expect_completion "tracuu-query -o $TMP/o" "$TMP/other"
expect_completion "tracuu-query --output=$TMP/idx" "$TMP/idx one $TMP/idx two"
expect_completion "tracuu-query --show $TMP/o" "$TMP/other"
expect_completion 'tracuu-query --show num' 'number:'
expect_completion 'tracuu-query --show number:01' ''
expect_completion 'tracuu-query --sh' '--show'
expect_completion 'tracuu-query --te' '--text'
expect_completion 'tracuu-query --list m' 'movements'
expect_completion 'tracuu-query --list=d' 'dates'
expect_completion 'tracuu-query --color ' 'always auto never'
expect_completion 'tracuu-query --sort -' '-date'
expect_completion 'tracuu-query kind:' 'chu-de chu-de-thi-dua chuong-trinh chuyen-de cuoc-van-dong de-an khau-hieu mo-hinh ngay-hoi phong-trao phuong-cham'
expect_completion 'tracuu-query thi đua kind:cu' 'cuoc-van-dong'
expect_completion 'tracuu-query --json ci' 'cites:'
expect_completion 'tracuu-query i' 'issued: issuer:'
expect_completion 'tracuu-query rel:th' 'thay-the thuc-hien'
expect_completion 'tracuu-query --by ' 'issuer signer type year'
expect_completion 'tracuu-query ' 'cites: date: issued: issuer: kind: movement: number: period: rel: signer: title: type:'
expect_completion 'tracuu-query date:20' ''
expect_completion 'tracuu-query -- -' ''
expect_completion "tracuu-query -d $TMP/idx" "$TMP/idx one $TMP/idx two"
expect_completion "tracuu-query --db=$TMP/o" "$TMP/other"
expect_completion 'tracuu-index --re' '--repair --retry-failed'
expect_completion 'tracuu-index -j ' ''

# Every option of --help is offered, and nothing else.
for prog in tracuu-query tracuu-index; do
    "$B/$prog" --help >"$TMP/help" 2>&1 || bad "$prog --help failed"
    want=$(grep -o -- '^ *\(-[a-zA-Z0-9], \)\?--[-a-z]*' "$TMP/help" |
        tr -d ' ' | tr ',' '\n' | sort -u | tr '\n' ' ' | sed 's/ $//')
    got=$(complete_line "$prog -" | tr ' ' '\n' | grep -v -- '^--colour$' |
        sort -u | tr '\n' ' ' | sed 's/ $//')
    if [ -n "$want" ] && [ "$got" = "$want" ]; then ok; else
        bad "$prog: options of --help [$want], completed [$got]"; fi
done

# The kinds offered are the kinds the query accepts.
if [ -d "$SHARED/seeds" ]; then
    "$IDX" -q -d "$TMP/db" "$SHARED/seeds/000_ffb5641f03d939c8.txt" >/dev/null 2>&1
    for k in $(complete_line 'tracuu-query kind:'); do
        q "$TMP/db" --count "kind:$k"
        [ "$RC" = 0 ] || [ "$RC" = 1 ] && ok || bad "kind:$k refused: $(cat "$TMP/err")"
    done
fi

# The same through bash's own readline, on a terminal (a pty): what a
# tab inserts in the line.
python3 - "$TMP" >"$TMP/rl.out" 2>&1 <<'PY' && ok || bad "readline completion: $(cat "$TMP/rl.out")"
import os, pty, select, sys, time
def typed(keys, want):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(PS1="$ ", INPUTRC="/dev/null")
        os.execvp("bash", ["bash", "--norc", "--noprofile", "-i"])
    def read(until, prompt=False, secs=5.0):
        out, end = b"", time.time() + secs
        while (until not in out or prompt and not out.endswith(b"$ ")) and time.time() < end:
            if select.select([fd], [], [], 0.05)[0]:
                try: out += os.read(fd, 4096)
                except OSError: break
        return out
    read(b"$ ")
    os.write(fd, b". completion/tracuu.bash; echo lo''aded\n"); read(b"loaded\r\n", True)
    os.write(fd, keys.encode() + b"\t"); out = read(want.encode())
    os.kill(pid, 9); os.waitpid(pid, 0); os.close(fd)
    return out.decode("utf-8", "replace").rsplit("\r", 1)[-1].rstrip("\x07")
tmp = sys.argv[1]
for keys, want in [("tracuu-query kind:cu", "tracuu-query kind:cuoc-van-dong "),
                   ("tracuu-query --sort=-", "tracuu-query --sort=-date "),
                   ("tracuu-query --format cs", "tracuu-query --format csv "),
                   ("tracuu-query --list=yea", "tracuu-query --list=years "),
                   ("tracuu-query --show numb", "tracuu-query --show number:"),
                   ("tracuu-query thi đua ti", "tracuu-query thi đua title:"),
                   ("tracuu-query -d " + tmp + "/ot", "tracuu-query -d " + tmp + "/other/")]:
    got = typed(keys, want)
    assert got.endswith(want), "%r: got %r" % (keys, got)
PY

if command -v zsh >/dev/null 2>&1; then
    zsh -n completion/_tracuu && ok || bad "completion/_tracuu: zsh -n"
    grep -q '^#compdef tracuu-query tracuu-index' completion/_tracuu && ok ||
        bad "_tracuu: #compdef line"
else
    echo "note: zsh not installed, completion/_tracuu not parsed"
fi
finish
