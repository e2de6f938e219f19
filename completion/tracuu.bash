# tracuu.bash: bash completion for tracuu-query and tracuu-index.
# Installed as bash-completion/completions/tracuu-query (tracuu-index a
# link to it); or source it from ~/.bashrc. Needs bash alone (not the
# bash-completion package): options, the values of --list, --format,
# --color, --sort and --limit, directories for -d, files for -o and --show
# (or number:), the query's field names (title:, cites:, ...) and the
# kinds of movement after kind:.
# SPDX-License-Identifier: GPL-2.0-or-later

_tracuu_query_opts='-d --db --remote --partial --connect-timeout
--remote-timeout --json --format-version --paths -0 --null --count
--format -o --output -n --limit --offset --color --colour --marks --width
--sort --list --by --show --text --cited-by --cites-of --depth -h --help -V
--version'
_tracuu_index_opts='-d --db -j --jobs --no-delete --ocr --retry-failed
--repair --follow-symlinks -q --quiet -v --verbose -h --help -V --version'
_tracuu_fields='title: movement: issuer: signer: cites: rel: number: date:
issued: period: kind: type:'
_tracuu_rels='can-cu thuc-hien huong-dan sua-doi thay-the bai-bo mentioned'
_tracuu_kinds='phong-trao cuoc-van-dong chu-de-thi-dua chu-de phuong-cham
de-an chuyen-de chuong-trinh khau-hieu mo-hinh ngay-hoi'

# _tracuu_reply WORD RLWORD CANDIDATES: COMPREPLY gets the CANDIDATES that
# begin with WORD (the whole word typed, "kind:ph"), each less the part of
# WORD before RLWORD (the part readline replaces: "ph", as ':' and '='
# break words for it).
_tracuu_reply()
{
    local word=$1 rlword=$2 c
    local pre=${word%"$rlword"}
    COMPREPLY=()
    for c in $(compgen -W "$3" -- "$word"); do
        COMPREPLY+=("${c#"$pre"}")
    done
}

# _tracuu_value OPTION RLWORD VALUE: COMPREPLY gets the values OPTION
# takes (VALUE: what is typed of it, RLWORD: its part readline replaces);
# returns 1 when OPTION takes no value.
_tracuu_value()
{
    case $1 in
    -d | --db)
        local IFS=$'\n'
        COMPREPLY=($(compgen -d -- "$2"))
        compopt -o filenames 2>/dev/null ;;
    -o | --output)
        local IFS=$'\n'
        COMPREPLY=($(compgen -f -- "$2"))
        compopt -o filenames 2>/dev/null ;;
    --show | --cited-by | --cites-of) _tracuu_show "$3" "$2" ;;
    --by) _tracuu_reply "$2" "$2" 'year issuer type signer' ;;
    --list)
        _tracuu_reply "$2" "$2" \
            'cites dates movements issuers years types signers' ;;
    --format) _tracuu_reply "$2" "$2" 'text json paths csv xlsx dot' ;;
    --color | --colour) _tracuu_reply "$2" "$2" 'auto always never' ;;
    --sort) _tracuu_reply "$2" "$2" 'relevance date -date' ;;
    -n | --limit) _tracuu_reply "$2" "$2" 'all' ;;
    --format-version) _tracuu_reply "$2" "$2" '3 2' ;;
    --remote) _tracuu_remote "$2" ;;
    --offset | --width | --depth | -j | --jobs | --connect-timeout | \
        --remote-timeout) COMPREPLY=() ;;
    *) return 1 ;;
    esac
    return 0
}

# _tracuu_remote VALUE: the shards of the user's remotes file.
_tracuu_remote()
{
    local f=${XDG_CONFIG_HOME:-$HOME/.config}/tracuu/remotes
    [[ ${XDG_CONFIG_HOME:-} == /* ]] || f=$HOME/.config/tracuu/remotes
    COMPREPLY=()
    [[ -f $f ]] || return 0
    COMPREPLY=($(compgen -W "$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' \
        -e '/^[[:space:]]*\(connect-\)\{0,1\}timeout[[:space:]]/d' "$f")" -- "$1"))
}

# _tracuu_show VALUE RLWORD: the value of --show, a file indexed or
# number:SYMBOL (the symbol is the user's to type).
_tracuu_show()
{
    COMPREPLY=()
    [[ $1 == *:* ]] && return
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$2"))
    # File names quoted as such (not number:, whose ':' would be escaped).
    [ ${#COMPREPLY[@]} -gt 0 ] && compopt -o filenames 2>/dev/null
    if [[ number: == "$1"* ]]; then
        COMPREPLY+=(number:)
        compopt -o nospace 2>/dev/null
    fi
}

_tracuu()
{
    local line=${COMP_LINE:0:COMP_POINT}
    local word=${line##*[[:space:]]}
    local rlword=${line##*[$COMP_WORDBREAKS]}
    local before=${line%"$word"}
    before=${before%"${before##*[![:space:]]}"}
    local prev=${before##*[[:space:]]}
    local cmd=${1##*/} opts
    [ "$cmd" = tracuu-index ] && opts=$_tracuu_index_opts || opts=$_tracuu_query_opts
    COMPREPLY=()
    # The query after "--" is no option.
    case " $before " in *" -- "*) prev= ;; esac
    case $word in
    --*=*)
        _tracuu_value "${word%%=*}" "$rlword" "${word#*=}"
        return 0 ;;
    esac
    if [[ $prev == -* && $prev != -- ]] && _tracuu_value "$prev" "$rlword" "$word"; then
        return 0
    fi
    if [[ $word == -* && " $before " != *" -- "* ]]; then
        _tracuu_reply "$word" "$rlword" "$opts"
        return 0
    fi
    [ "$cmd" = tracuu-index ] && return 0  # paths: readline's file names
    case $word in
    kind:*)
        _tracuu_reply "$word" "$rlword" "$(printf 'kind:%s ' $_tracuu_kinds)" ;;
    rel:*)
        _tracuu_reply "$word" "$rlword" "$(printf 'rel:%s ' $_tracuu_rels)" ;;
    *:*) ;;
    *)
        _tracuu_reply "$word" "$rlword" "$_tracuu_fields"
        compopt -o nospace 2>/dev/null ;;
    esac
    return 0
}

complete -F _tracuu tracuu-query
complete -F _tracuu -o default tracuu-index
