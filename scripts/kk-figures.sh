#!/bin/sh
# kk-figures.sh - per-revision figures of the Kommunkompassen documents:
# every tests/data/docs/kk*.spec (drawn with the spec drawer) and every
# corpus/*kommunkompass.pdf with a format_revision in its truth through
# extract, parse and truth_check.py
# --figures.  Prints per revision: documents, numbers right (%), strength
# and improvement items precision, recall and F1, documents fully right.
#   scripts/kk-figures.sh BIN PDFDRAW        (make kk-figures)
set -eu
BIN=${1:-bin}
DRAW=${2:-build/tests/pdfdraw}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
for spec in tests/data/docs/kk*.spec corpus/*kommunkompass.pdf; do
	case $spec in
	*.spec) stem=$(basename "$spec" .spec); pdf=$tmp/$stem.pdf
		"$DRAW" "$spec" "$pdf"
		truth=${spec%.spec}.truth.json ;;
	*) stem=$(basename "$spec" .pdf); pdf=$spec
		truth=${spec%.pdf}.truth.json ;;
	esac
	"$BIN/skrapa-extract" "$pdf" -o "$tmp/$stem.layout"
	"$BIN/skrapa-parse" "$tmp/$stem.layout" -o "$tmp/$stem.records" \
		2>/dev/null
	rev=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("format_revision") or "-")' "$truth")
	[ "$rev" != - ] || continue     # not a Kommunkompassen truth
	python3 tests/truth_check.py --figures "$tmp/$stem.records" "$truth" |
		sed -n "s/^figures: /$rev $stem /p"
done | awk '
{ r = $1; n[r]++; ok[r] += $4; all[r] += $5; tp[r] += $7; fp[r] += $8
  fn[r] += $9; full[r] += ($4 == $5 && $8 == 0 && $9 == 0) }
END {
  for (r in n) {
	p = tp[r] + fp[r] ? tp[r] / (tp[r] + fp[r]) : 1
	q = tp[r] + fn[r] ? tp[r] / (tp[r] + fn[r]) : 1
	f = p + q ? 2 * p * q / (p + q) : 0
	printf "%-8s %5d %6d/%-5d %5.1f%% %6.3f %6.3f %6.3f %d/%d\n", r, n[r],
	       ok[r], all[r], 100 * ok[r] / all[r], p, q, f, full[r], n[r]
  }
}' | sort >"$tmp/table"
printf "%-8s %5s %14s %9s %7s %6s %s\n" revision docs numbers precision \
	recall F1 all-right
cat "$tmp/table"
