#!/bin/sh
# audit-figures.sh - figures of the audit and minutes variants: every
# tests/data/docs/audit-*.spec and minutes-*.spec drawn with the spec
# drawer, converted by bin/skrapa, scored at the public XPaths by
# tests/variant_score.py (fields right, item texts P/R/F1), per document,
# per style and in all.  Held-out documents are named "*-heldout*".
#   scripts/audit-figures.sh BIN PDFDRAW      (make audit-figures)
set -eu
BIN=${1:-bin}
DRAW=${2:-build/tests/pdfdraw}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
set --
for spec in tests/data/docs/audit-*.spec tests/data/docs/minutes-*.spec; do
	stem=$(basename "$spec" .spec)
	"$DRAW" "$spec" "$tmp/$stem.pdf"
	"$BIN/skrapa" "$tmp/$stem.pdf" -o "$tmp/$stem.xml" 2>/dev/null
	set -- "$@" "$tmp/$stem.xml" "${spec%.spec}.truth.json"
done
python3 tests/variant_score.py "$@"
