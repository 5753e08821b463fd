#!/bin/sh
# ingest-run.sh - the `make ingest` sequence (ingest.mk calls it with
# MAKE set): scan IN, run the per-file make rules and the aggregate in a
# sub-make (which shares the caller's -j/-k/-s), print the summary.
# Usage: MAKE=make ingest-run.sh INGEST_MK BIN IN OUT QUIET [CHUNKS]
# Exits 0, 1 when some file failed (see OUT/failures.tsv), or the failing
# step's code.  Not a scheduler: make decides what to (re)convert.
set -u
MK=$1 BIN=$2 IN=$3 OUT=$4 QUIET=$5 CHUNKS=${6:-}
: "${MAKE:=make}"

say() { [ "$QUIET" = 1 ] || printf '%s\n' "$*" >&2; }
die() { printf 'ingest: %s\n' "$1" >&2; exit "$2"; }

[ -n "$IN" ] && [ -n "$OUT" ] || die "usage: make ingest IN=DIR OUT=DIR" 2
[ -d "$IN" ] || die "cannot read '$IN': not a directory" 3
case $OUT in
*[[:space:]:%#\$\'\"\\\;\*\?\[]*)
	die "cannot use '$OUT' as OUT: make cannot handle that name (the PDFs' names may hold anything)" 2 ;;
esac
flags=${MAKEFLAGS:-}
case ${flags%% *} in
-*) ;;
*n*) say "ingest: would scan '$IN' and convert into '$OUT'"; exit 0 ;;
esac

start=$(date +%s.%N)
"$BIN/skrapa-index" scan ${CHUNKS:+--chunks="$CHUNKS"} "$IN" "$OUT" || exit $?
: >"$OUT/.ingest/run.log"
: >"$OUT/.ingest/run.skip"
sub() {
	$MAKE --no-print-directory -f "$MK" INGEST_STAGE=run BIN="$BIN" \
		OUT="$OUT" INGEST_QUIET="$QUIET" "$@" ingest-run
}
# The stems after "--" of every convert command make would run.
todo=$(sub -n INGEST_TODO=0 2>/dev/null | awk '/skrapa-index convert/ {
	for (i = NF; i > 0 && $i != "--"; i--) n++ } END { print n + 0 }')
sub INGEST_TODO="$todo" || die "the conversion step failed" $?

total=$(wc -l <"$OUT/manifest.tsv")
done_ok=$(grep -c '^ok ' "$OUT/.ingest/run.log")
done_bad=$(grep -c '^failed ' "$OUT/.ingest/run.log")
failed=$(($(wc -l <"$OUT/failures.tsv") - 1))
secs=$(echo "$(date +%s.%N) $start" | awk '{ printf "%.1f", $1 - $2 }')
say "ingest: $total PDFs: $done_ok converted, $((total - done_ok - done_bad)) skipped (up to date), $done_bad failed in this run; ${secs} s"
if [ "$failed" -gt 0 ]; then
	say "ingest: $failed of $total PDFs have failed: see $OUT/failures.tsv (exit 1 = SOME_FAILED)"
	exit 1
fi
exit 0
