#!/bin/sh
# overview-screenshot.sh - docs/overview.png: the index.html of an archive
# made of corpus/*.pdf and one file that is not a PDF, as headless Chromium
# shows it.  Run after `make`; review the image before committing it.
set -eu
BIN=${1:-bin}
OUT_PNG=${2:-docs/overview.png}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/in"
for pdf in corpus/*.pdf; do
	ln -s "$(pwd)/$pdf" "$tmp/in/"
done
echo "not a PDF" > "$tmp/in/skannad-utan-text.pdf"
"$BIN/skrapa-index" scan "$tmp/in" "$tmp/out" >/dev/null
# shellcheck disable=SC2046
"$BIN/skrapa-index" convert -q "$tmp/out" $(cut -f1 "$tmp/out/manifest.tsv")
"$BIN/skrapa-index" build -q "$tmp/out" || true
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "overview-screenshot: chromium is not installed" >&2; exit 1; }
mkdir "$tmp/profile"
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run \
	--user-data-dir="$tmp/profile" --hide-scrollbars --window-size=1100,1150 \
	--screenshot="$(pwd)/$OUT_PNG" "file://$tmp/out/index.html" 2>/dev/null
echo "overview-screenshot: wrote $OUT_PNG"
