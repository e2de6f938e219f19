#!/bin/sh
# deps.sh: install the Debian packages the build, the tests and the demo
# need, when any is missing, and generate the vi_VN.UTF-8 locale (the
# Vietnamese messages and their tests). Needs root (or sudo) the first time
# only.
set -e
PKGS="build-essential pkg-config libxapian-dev xapian-tools libicu-dev \
libcmocka-dev libjansson-dev libxml2-dev libzip-dev python3 \
poppler-utils tesseract-ocr tesseract-ocr-vie antiword catdoc unrtf \
libreoffice-writer-nogui fonts-dejavu-core time clang libclang-rt-14-dev valgrind \
libmimalloc-dev strace procps libxlsxwriter-dev xlsx2csv \
gettext locales groff-base man-db python3-jsonschema graphviz \
libmicrohttpd-dev curl chromium chromium-driver python3-selenium wrk"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
# locale -a spells it vi_VN.utf8.
has_vi() { locale -a 2>/dev/null | grep -qix 'vi_VN\.utf-\?8'; }
[ -z "$missing" ] && has_vi && exit 0
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        need=$missing
        has_vi || need="$need vi_VN.UTF-8 (locale)"
        echo "deps: need root to install:$need" >&2
        exit 1; fi
fi
if [ -n "$missing" ]; then
    echo "deps: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
if ! has_vi; then
    echo "deps: generating the vi_VN.UTF-8 locale"
    # Debian's locale-gen builds each uncommented "NAME CHARSET" line of
    # /etc/locale.gen (its own commented line, "vi_VN UTF-8", would be
    # named vi_VN, not vi_VN.UTF-8).
    grep -q '^vi_VN.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null ||
        echo 'vi_VN.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
    $SUDO locale-gen
    has_vi || { echo "deps: the vi_VN.UTF-8 locale was not generated" >&2; exit 1; }
fi
