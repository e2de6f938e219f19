#!/bin/sh
# deps.sh: install the Debian packages the build, the tests and the demo
# need, when any is missing. Needs root (or sudo) the first time only.
set -e
PKGS="build-essential pkg-config libxapian-dev xapian-tools libicu-dev \
libcmocka-dev libjansson-dev libxml2-dev libzip-dev python3 \
poppler-utils tesseract-ocr tesseract-ocr-vie antiword catdoc unrtf \
libreoffice-writer-nogui fonts-dejavu-core time clang libclang-rt-14-dev valgrind \
libmimalloc-dev strace procps libxlsxwriter-dev xlsx2csv"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "deps: need root to install:$missing" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
