#!/bin/sh
# update-golden.sh - regenerate corpus/*.layout (and .records, .xml when the
# programs exist) after an intended change; review the diff before commit.
set -eu
BIN=${1:-bin}
for pdf in corpus/*.pdf; do
	stem=${pdf%.pdf}
	"$BIN/skrapa-extract" "$pdf" -o "$stem.layout"
	if [ -x "$BIN/skrapa-parse" ]; then
		"$BIN/skrapa-parse" "$stem.layout" -o "$stem.records"
	fi
	if [ -x "$BIN/skrapa-emit" ] && [ -f "$stem.records" ]; then
		"$BIN/skrapa-emit" "$stem.records" -o "$stem.xml"
	fi
done
# The test-only family (tests/data/family: rules, vocabulary and schema
# fragment of its own, tests/test_family.c).
fam=tests/data/family
if [ -x "$BIN/skrapa-emit" ]; then
	"$BIN/skrapa-parse" -r "$fam" "$fam/motion.layout" |
		"$BIN/skrapa-emit" -r "$fam" -o "$fam/motion.xml"
fi
