# test_deps_locale.sh: what scripts/deps.sh sets up for the Vietnamese
# messages: the vi_VN.UTF-8 locale usable (glibc takes LC_ALL=vi_VN.UTF-8
# without falling back to C) and gettext's msgfmt installed. Outside CI a
# machine without them says "skipped"; under CI (after make deps) they
# are required.
. tests/e2e/lib.sh
# A locale glibc cannot load makes locale(1) warn and report ANSI_X3.4-1968.
if [ "$(LC_ALL=vi_VN.UTF-8 locale charmap 2>/dev/null)" != UTF-8 ]; then
    if [ "${CI:-}" = true ]; then
        echo "test_deps_locale: FAILED: the vi_VN.UTF-8 locale is not generated (make deps)"
        exit 1
    fi
    echo "skipped: the vi_VN.UTF-8 locale is not generated (test_deps_locale)"
    exit 0
fi
need_tools test_deps_locale msgfmt
out=$(LC_ALL=vi_VN.UTF-8 locale charmap 2>&1)
[ "$out" = UTF-8 ] && ok || bad "LC_ALL=vi_VN.UTF-8 locale charmap: $out"
# Vietnamese names of days and months: the locale's own data is there.
day=$(LC_ALL=vi_VN.UTF-8 date -d 2025-01-07 +%A 2>&1)
[ "$day" = "Thứ ba" ] && ok || bad "7 January 2025 in vi_VN: $day"
finish
