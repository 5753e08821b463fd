#!/bin/sh
# valgrind.sh - memcheck over the corpus through the programs of BIN:
# skrapa-extract on every corpus PDF and on the hostile inputs of
# tests/hostile.sh (error paths), skrapa-parse on the layouts, skrapa-emit
# (XML and CSV) on the records, each whichever exists.  Prints one line per
# run and a summary; exits 1 when any run had a memory error or a definite
# leak.  Not a functional test: exit codes of the programs are not judged.
#
#   scripts/valgrind.sh [BIN]        (default bin)
set -u

cd "$(dirname "$0")/.."
BIN=${1:-bin}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/skrapa-valgrind.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind not installed" >&2; exit 2; }

SUPP="--suppressions=scripts/valgrind.supp"
[ -f /usr/share/glib-2.0/valgrind/glib.supp ] &&
	SUPP="$SUPP --suppressions=/usr/share/glib-2.0/valgrind/glib.supp"
# SKRAPA_ALLOC_CACHE=0: every malloc and free reaches memcheck (extract/alloc.c)
export G_SLICE=always-malloc G_DEBUG=gc-friendly SKRAPA_ALLOC_CACHE=0
runs=0 bad=0

# vg NAME PROG ARGS...: one memcheck run; NAME labels it in the summary.
vg() {
	name=$1; shift
	log="$TMP/vg.$runs.log"
	runs=$((runs + 1))
	# shellcheck disable=SC2086
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		--num-callers=30 $SUPP --log-file="$log" "$@" >/dev/null 2>"$TMP/stderr"
	rc=$?
	errs=$(grep -c '^==[0-9]*== [A-Z].*\(Invalid\|uninitialised\|definitely lost\|Mismatched\|overlap\)' "$log")
	if [ $rc -eq 99 ] || [ "$errs" -gt 0 ]; then
		bad=$((bad + 1))
		printf 'FAIL  %-15s %s (exit %s)\n' "$(basename "$1")" "$name" "$rc"
		sed 's/^/      /' "$log" | head -40
	else
		printf 'ok    %-15s %s (exit %s)\n' "$(basename "$1")" "$name" "$rc"
	fi
}

EX=$BIN/skrapa-extract PA=$BIN/skrapa-parse EM=$BIN/skrapa-emit
for pdf in corpus/*.pdf; do
	b=$(basename "$pdf" .pdf)
	[ -x "$EX" ] && vg "$b.pdf" "$EX" -o "$TMP/$b.layout" "$pdf"
	[ -x "$PA" ] && [ -s "$TMP/$b.layout" ] &&
		vg "$b.layout" "$PA" -o "$TMP/$b.records" "$TMP/$b.layout"
	if [ -x "$EM" ] && [ -s "$TMP/$b.records" ]; then
		vg "$b.records (xml)" "$EM" -o "$TMP/$b.xml" "$TMP/$b.records"
		vg "$b.records (csv)" "$EM" -f csv -o "$TMP/$b.csv" "$TMP/$b.records"
	fi
done
if [ -x "$EX" ] && tests/hostile.sh "$TMP/hostile" 2>/dev/null; then
	for pdf in "$TMP"/hostile/*.pdf tests/data/hostile/regress/*.pdf; do
		[ -f "$pdf" ] || continue
		vg "hostile/$(basename "$pdf")" "$EX" --timeout 60 --max-memory 0 -o "$TMP/h.layout" "$pdf"
		rm -f "$TMP/h.layout"
	done
fi
echo "valgrind.sh: $runs runs, $bad with memory errors or definite leaks"
[ $bad -eq 0 ]
