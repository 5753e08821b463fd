#!/bin/sh
# ingest-run.sh - the `make ingest` sequence (ingest.mk calls it with MAKE,
# PRUNE and FORCE set): take OUT's lock, scan IN, run the per-file make
# rules and the aggregate in a sub-make in OUT (which shares the caller's
# -j/-k/-s), print the summary.  Stopped by SIGINT/SIGTERM/SIGHUP, it stops
# the sub-make first.
# Usage: MAKE=make ingest-run.sh INGEST_MK BIN IN OUT QUIET [CHUNKS]
# Exits 0, 1 when some file failed (see OUT/failures.tsv), 2 for a refused
# IN, 3 after a tool error (disk full...), or the failing step's code.
# Not a scheduler: make decides what to (re)convert.
set -u
MK=$1 BIN=$2 IN=$3 OUT=$4 QUIET=$5 CHUNKS=${6:-}
: "${MAKE:=make}" "${PRUNE:=}" "${FORCE:=}"

say() { [ "$QUIET" = 1 ] || printf '%s\n' "$*" >&2; }
die() { printf 'ingest: %s\n' "$1" >&2; exit "$2"; }

[ -n "$IN" ] && [ -n "$OUT" ] ||
	die "usage: make ingest IN=DIR OUT=DIR [PRUNE=1] [FORCE=1]" 2
[ -d "$IN" ] || die "cannot read '$IN': not a directory" 3
flags=${MAKEFLAGS:-}
case ${flags%% *} in
-*) ;;
*n*) say "ingest: would scan '$IN' and convert into '$OUT'"; exit 0 ;;
esac
# The programs find the schema relative to where they run (OUT, below).
case ${SKRAPA_SCHEMA:-/} in
/*) ;;
*) SKRAPA_SCHEMA=$(pwd)/$SKRAPA_SCHEMA; export SKRAPA_SCHEMA ;;
esac

start=$(date +%s.%N)
mkdir -p "$OUT/.ingest" || die "cannot create '$OUT'" 3
exec 9>>"$OUT/.ingest/lock"
if ! flock -n 9; then
	printf "ingest: another ingest into '%s' is running; waiting for it to finish\n" "$OUT" >&2
	flock 9 || die "cannot lock '$OUT/.ingest/lock'" 3
fi
"$BIN/skrapa-index" scan ${CHUNKS:+--chunks="$CHUNKS"} \
	${PRUNE:+--prune} ${FORCE:+--force} "$IN" "$OUT" || exit $?

pdeath=
command -v setpriv >/dev/null 2>&1 && pdeath="setpriv --pdeathsig TERM"
$pdeath $MAKE --no-print-directory -C "$OUT" -f "$MK" INGEST_STAGE=run \
	BIN="$BIN" INGEST_QUIET="$QUIET" ingest-run 9>&- &
pid=$!
trap 'kill -TERM $pid 2>/dev/null' INT TERM HUP
while :; do
	wait $pid
	rc=$?
	kill -0 $pid 2>/dev/null || break       # else a trapped signal
done
trap - INT TERM HUP
[ $rc -lt 128 ] || exit $rc                     # stopped by a signal

secs=$(echo "$(date +%s.%N) $start" | awk '{ printf "%.1f", $1 - $2 }')
q=; [ "$QUIET" = 1 ] && q=-q
"$BIN/skrapa-index" summary $q --seconds="$secs" "$OUT"
sum=$?
[ $sum -ne 0 ] && exit $sum
[ $rc -eq 0 ] || die "the conversion step failed (exit $rc; see above)" $rc
exit 0
