#!/bin/sh
# test-install.sh STAGE - checks a `make install DESTDIR=STAGE` tree as a
# user would use it: programs, rules, vocabularies, schemas, the OCR module
# and man pages in place, and the installed skrapa converting a corpus PDF
# from another directory (finding its rules and schema relative to itself),
# with validation on, and a scanned page (opening its OCR module).
# Run by `make check`; prints "install: ok" or the first failure.
set -eu
STAGE=$1
REPO=$(pwd)
fail() { echo "install: $*" >&2; exit 1; }

bindir=$(dirname "$(find "$STAGE" -path '*/bin/skrapa' -type f | head -1)")
[ -x "$bindir/skrapa" ] || fail "no bin/skrapa under '$STAGE'"
prefix=$(dirname "$bindir")
for p in skrapa skrapa-extract skrapa-parse skrapa-emit skrapa-index; do
	[ -x "$bindir/$p" ] || fail "'$p' not installed"
	[ -f "$prefix/share/man/man1/$p.1" ] || fail "no man page for '$p'"
	"$bindir/$p" --version | grep -q "^$p " || fail "'$p --version'"
done
grep -q '@DATADIR@' "$prefix"/share/man/man1/*.1 && fail "man pages keep @DATADIR@"
for f in parse/rules/*.rules parse/rules/*.vocab parse/rules/*.rng; do
	[ -f "$prefix/share/skrapa/rules/${f##*/}" ] || fail "family file '${f##*/}' not installed"
done
[ -f "$prefix/share/skrapa/skrapa.rng" ] || fail "schema not installed"
# OCR is a module the programs open only for a page that needs it.
[ -f "$prefix/lib/skrapa/skrapa-ocr.so" ] || fail "OCR module not installed"
"$bindir/skrapa" --version | grep -qx "ocr module: $prefix/bin/../lib/skrapa/skrapa-ocr.so" ||
	fail "the installed skrapa does not find its OCR module"
ldd "$bindir/skrapa" | grep -q libtesseract && fail "skrapa links Tesseract (the OCR module's)"

pdf=$(ls "$REPO"/corpus/*kommunkompass*.pdf | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
SKRAPA_VALIDATE=1 "$bindir/skrapa" "$pdf" -o out.xml || fail "installed skrapa failed"
grep -q '<report .*family="kommunkompass"' out.xml || fail "out.xml is not a kommunkompass report"
"$bindir/skrapa" --list-families | grep -q "kommunkompass-20[0-9][0-9].rules	kommunkompass.vocab" ||
	fail "--list-families does not list the installed rules"
if command -v pdftoppm >/dev/null && command -v img2pdf >/dev/null; then
	pdftoppm -r 150 -gray -f 1 -l 1 "$REPO/corpus/alingsas-2025-kf-103-protokollsutdrag.pdf" scan
	img2pdf --pagesize A4 scan*.pgm -o scan.pdf
	"$bindir/skrapa-extract" scan.pdf -o scan.layout || fail "the installed OCR module failed"
	grep -q '^page	1	.*O' scan.layout || fail "the scanned page was not read by OCR"
fi
echo "install: ok"
