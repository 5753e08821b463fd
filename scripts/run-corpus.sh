#!/bin/sh
# run-corpus.sh BIN IN OUT - converts every PDF in IN to OUT/<name>.xml with
# BIN/skrapa and prints what was found per file.  Not the bulk ingestion
# (make ingest): no manifest, no incremental work; a quick look at a corpus.
set -u
BIN=$1 IN=$2 OUT=$3
mkdir -p "$OUT"
x() { v=$(xmllint --xpath "$1" "$2" 2>/dev/null); printf '%s' "${v:--}"; }
# Rows are TAB-separated and aligned by column(1), which counts å as one.
table() { if command -v column >/dev/null; then column -t -s "$(printf '\t')"; else cat; fi; }
status=0
rows="$OUT/.table"
{
printf 'file\tfamily\tmunicipality\tyear\ttotal\tareas\titems\tchecks-failed\n'
for pdf in "$IN"/*.pdf; do
	name=$(basename "$pdf" .pdf)
	xml="$OUT/$name.xml"
	if ! "$BIN/skrapa" "$pdf" -o "$xml" 2>"$OUT/$name.err"; then
		printf '%s\tFAILED: %s\n' "$name" "$(tail -n 1 "$OUT/$name.err")"
		status=1
		continue
	fi
	year=$(x 'string(/report/evaluation/@year)' "$xml")
	[ "$year" != - ] || year=$(x 'string(/report/year)' "$xml")
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" \
		"$(x 'string(/report/@family)' "$xml")" \
		"$(x 'string(/report/municipality)' "$xml")" "$year" \
		"$(x 'string(/report/total/@stated)' "$xml")" \
		"$(x 'count(/report/area)' "$xml")" \
		"$(x 'count(//item)' "$xml")" \
		"$(x 'count(/report/checks/check[@status!="ok"])' "$xml")"
done
} >"$rows"
table <"$rows"
rm -f "$rows"
exit $status
