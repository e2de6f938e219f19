# lib.sh: helpers for the end-to-end tests (sourced). Each test script
# counts its checks and ends with one "N passed, N failed" line.
: "${B:=build-san}"
IDX="$B/tracuu-index"
QRY="$B/tracuu-query"
SHARED="${TRACUU_SHARED:-../shared}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tracuu-e2e.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }

# need_shared NAME: skip the script (or fail under CI) without ../shared.
# need_vi_locale NAME: skip the script (one line) when the vi_VN.UTF-8
# locale is missing; under CI=true its absence is a failure.
need_vi_locale() {
    if ! locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$'; then
        if [ "${CI:-}" = true ]; then echo "$1: FAILED: no vi_VN.UTF-8 locale"; exit 1; fi
        echo "skipped: no vi_VN.UTF-8 locale (make deps generates it)"; exit 0
    fi
}

need_shared() {
    if [ ! -d "$SHARED/seeds" ]; then
        if [ "${CI:-}" = true ]; then
            echo "$1: FAILED: ../shared not found (required under CI)"
            exit 1
        fi
        echo "skipped: ../shared not found ($1)"
        exit 0
    fi
}

# need_tools NAME TOOL...: skip the script (or fail under CI) when a
# program it runs is missing; "tesseract-vie" asks for tesseract's
# Vietnamese data.
need_tools() {
    name=$1; shift
    missing=""
    for tool in "$@"; do
        if [ "$tool" = tesseract-vie ]; then
            command -v tesseract >/dev/null 2>&1 &&
                ! tesseract --list-langs 2>/dev/null | grep -qx vie &&
                missing="$missing tesseract-ocr-vie"
        elif ! command -v "$tool" >/dev/null 2>&1; then
            missing="$missing $tool"
        fi
    done
    [ -z "$missing" ] && return 0
    if [ "${CI:-}" = true ]; then
        echo "$name: FAILED: not installed:$missing (required under CI)"
        exit 1
    fi
    echo "skipped:$missing not installed ($name)"
    exit 0
}

# sanitizer_clean FILE: no ASan/UBSan report in FILE.
sanitizer_clean() {
    ! grep -q 'ERROR: AddressSanitizer\|runtime error:\|LeakSanitizer' "$1"
}

# q DB ARGS...: run tracuu-query; stdout in $TMP/out, stderr in $TMP/err,
# exit status in $RC. Sanitizer reports fail the check.
q() {
    db=$1; shift
    "$QRY" -d "$db" "$@" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    sanitizer_clean "$TMP/err" || bad "sanitizer report for query: $*: $(cat "$TMP/err")"
}

# hits DB QUERY...: the sorted short names (basename up to the first _ or .)
# of every matching document.
hits() {
    db=$1; shift
    q "$db" --paths --limit 10000 "$@"
    sed -e 's|.*/||' -e 's/[_.].*//' "$TMP/out" | sort | tr '\n' ' ' | sed 's/ $//'
}

# expect_hits DB "EXPECTED" QUERY...: the matching set is exactly EXPECTED.
expect_hits() {
    db=$1; want=$2; shift 2
    got=$(hits "$db" "$@")
    if [ "$got" = "$want" ]; then ok; else bad "query [$*]: want [$want] got [$got]"; fi
}

# expect_rc WANT DESCRIPTION: check the last exit status.
expect_rc() {
    if [ "$RC" = "$1" ]; then ok; else bad "$2: exit $RC, want $1; stderr: $(cat "$TMP/err")"; fi
}

finish() {
    echo "$(basename "$0" .sh): $PASS passed, $FAIL failed"
    [ "$FAIL" -eq 0 ]
}

# The example plans (examples/plans), lettered as in examples/EXPECTED.md.
PA=xa-tan-lac-hoa-ke-hoach-thi-dua-2025
PB=ldld-huyen-dong-thuy-ke-hoach-thi-dua-2024
PC=so-vhttdl-ha-lam-ke-hoach-thi-dua-2024
PD=truong-thcs-tan-lac-hoa-ke-hoach-thi-dua-nam-hoc-2024-2025
PE=dang-uy-xa-hoa-my-thuong-chuong-trinh-dan-van-kheo-2024
PF=huyen-dong-thuy-quyet-dinh-1022-khen-thuong-nong-thon-moi
PG=huyen-dong-thuy-ke-hoach-vi-nguoi-ngheo-2024-nfd
PH=xa-hoa-my-thuong-ke-hoach-dan-van-kheo-2025-ocr
