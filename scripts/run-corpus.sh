#!/bin/sh
# run-corpus.sh BIN IN OUT - converts every PDF in IN to OUT/<name>.xml with
# BIN/skrapa and prints what was found per file.  Not the bulk ingestion
# (make ingest): no manifest, no incremental work; a quick look at a corpus.
set -u
BIN=$1 IN=$2 OUT=$3
mkdir -p "$OUT"
x() { xmllint --xpath "$1" "$2" 2>/dev/null || printf -- '-'; }
printf '%-48s %-13s %-18s %-5s %-6s %-5s %-6s %s\n' file family municipality \
	year total areas items checks-failed
status=0
for pdf in "$IN"/*.pdf; do
	name=$(basename "$pdf" .pdf)
	xml="$OUT/$name.xml"
	if ! "$BIN/skrapa" "$pdf" -o "$xml" 2>"$OUT/$name.err"; then
		printf '%-48s FAILED: %s\n' "$name" "$(tail -n 1 "$OUT/$name.err")"
		status=1
		continue
	fi
	year=$(x 'string(/report/evaluation/@year)' "$xml")
	[ -n "$year" ] || year=$(x 'string(/report/year)' "$xml")
	printf '%-48s %-13s %-18s %-5s %-6s %-5s %-6s %s\n' "$name" \
		"$(x 'string(/report/@family)' "$xml")" \
		"$(x 'string(/report/municipality)' "$xml")" "${year:--}" \
		"$(x 'string(/report/total/@stated)' "$xml")" \
		"$(x 'count(/report/area)' "$xml")" \
		"$(x 'count(//item)' "$xml")" \
		"$(x 'count(/report/checks/check[@status!="ok"])' "$xml")"
done
exit $status
