#!/bin/sh
# ocr-eval.sh [DPI [PDF...]] - OCR quality and cost on the corpus: each PDF
# is rasterized at DPI (pdftoppm -gray, img2pdf: an image-only PDF, made
# here and deleted), read by skrapa-extract's OCR, parsed, and its records
# compared with the text layer's (scripts/ocr_score.py); prints seconds per
# page (wall and CPU; needs /usr/bin/time).  Asserts nothing; tests/test_ocr.c asserts the truth fields.
set -eu
cd "$(dirname "$0")/.."
DPI=${1:-300}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- corpus/*.pdf
BIN=${BIN:-bin}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for pdf in "$@"; do
	stem=$(basename "$pdf" .pdf)
	pdftoppm -r "$DPI" -gray "$pdf" "$TMP/p"
	img2pdf --pagesize A4 "$TMP"/p-*.pgm -o "$TMP/$stem.pdf"
	rm -f "$TMP"/p-*.pgm
	pages=$(qpdf --show-npages "$pdf")
	/usr/bin/time -f "%e %U %S" -o "$TMP/time" "$BIN/skrapa-extract" \
		"$TMP/$stem.pdf" --timeout 0 -o "$TMP/ocr.layout" 2>"$TMP/err" ||
		{ echo "$stem: extract failed: $(cat "$TMP/err")"; continue; }
	"$BIN/skrapa-extract" "$pdf" -o "$TMP/text.layout"
	"$BIN/skrapa-parse" "$TMP/text.layout" -o "$TMP/text.records" 2>/dev/null
	"$BIN/skrapa-parse" "$TMP/ocr.layout" -o "$TMP/ocr.records" 2>/dev/null
	awk -v s="$stem" -v d="$DPI" -v p="$pages" '{ printf "%s %s dpi: %d pages, %.1f s/page wall, %.1f s/page CPU; ", s, d, p, $1 / p, ($2 + $3) / p }' "$TMP/time"
	python3 scripts/ocr_score.py "$TMP/text.records" "$TMP/ocr.records"
	if [ -n "${KEEP:-}" ]; then
		mkdir -p "$KEEP"
		cp "$TMP/ocr.layout" "$KEEP/$stem-$DPI.layout"
		cp "$TMP/ocr.records" "$KEEP/$stem-$DPI.records"
		cp "$TMP/text.records" "$KEEP/$stem.records"
	fi
done
