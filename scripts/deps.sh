#!/bin/sh
# deps.sh - install the Debian packages skrapa needs, when they are missing.
# Not a package manager of its own: asks pkg-config and `command -v`, then
# runs apt-get (with sudo when not root) for what is absent.
set -eu

need=""
check_pkg() {   # pkg-config module, Debian package
	pkg-config --exists "$1" 2>/dev/null || need="$need $2"
}
check_cmd() {   # command, Debian package
	command -v "$1" >/dev/null 2>&1 || need="$need $2"
}

check_cmd pkg-config pkg-config
check_cmd cc gcc
check_cmd make make
if command -v pkg-config >/dev/null 2>&1; then
	check_pkg poppler-glib libpoppler-glib-dev
	check_pkg glib-2.0 libglib2.0-dev
	check_pkg libpcre2-8 libpcre2-dev
	check_pkg libxml-2.0 libxml2-dev
	check_pkg criterion libcriterion-dev
	check_pkg cairo libcairo2-dev
	check_pkg json-glib-1.0 libjson-glib-dev
	check_pkg libxslt libxslt1-dev
	check_pkg tesseract libtesseract-dev
	check_pkg lept libleptonica-dev
else
	need="$need libpoppler-glib-dev libglib2.0-dev libpcre2-dev libxml2-dev libcriterion-dev libcairo2-dev libjson-glib-dev libxslt1-dev libtesseract-dev libleptonica-dev"
fi
# mimalloc has no pkg-config file: its header tells.
[ -e /usr/include/mimalloc.h ] || need="$need libmimalloc-dev"
# libcrypto's static archive (common/sha256.c): its header tells.
[ -e /usr/include/openssl/sha.h ] || need="$need libssl-dev"
# OCR language data (Swedish, English, orientation), test tools for OCR.
for lang in swe eng osd; do
	[ -e "/usr/share/tesseract-ocr/5/tessdata/$lang.traineddata" ] ||
		[ -e "/usr/share/tesseract-ocr/4.00/tessdata/$lang.traineddata" ] ||
		need="$need tesseract-ocr-$lang"
done
check_cmd img2pdf img2pdf
check_cmd xmllint libxml2-utils
check_cmd pdftotext poppler-utils
check_cmd qpdf qpdf
check_cmd python3 python3
check_cmd parallel parallel          # tests: the GNU parallel recipe of docs/ingest.md
check_cmd flock util-linux           # make ingest: the lock on OUT
# the CSV test reads tables back with pandas (tests/test_tabular.c)
{ python3 -c 'import pandas' || /usr/bin/python3 -c 'import pandas'; } \
	>/dev/null 2>&1 || need="$need python3-pandas"
# optional, not installed here: the overview test renders index.html in
# headless Chromium and skips with a message without it
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
	echo "deps: optional: 'apt-get install chromium' lets the overview test render index.html" >&2

[ -z "$need" ] && exit 0

echo "deps: installing missing Debian packages:$need" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $need >&2
echo "deps: done" >&2
