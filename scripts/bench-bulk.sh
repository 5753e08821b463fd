#!/bin/sh
# bench-bulk.sh - throughput of `make ingest` on a bulk archive, against
# `pdftotext -bbox-layout` on the same files at the same -j.
# Usage: scripts/bench-bulk.sh BIN   (env: BENCH_N files, default 300;
# BENCH_REPS runs of each, default 2; BENCH_CHUNKS passed as CHUNKS=)
# Builds the archive under /tmp from copies of corpus/*.pdf under varied
# names, runs the ingest at -j1 and -j2 from scratch, alternating with
# pdftotext so that a varying machine load hits both, and reports the best
# run of each: PDFs/s, pages/s, the -j2 speed-up, the time ratio to
# pdftotext, and the peak RSS of any one process of an ingest.  Prints the
# load average before and after.  Goals: -j2 >= 1.8x -j1; pipeline <= 1.0x
# pdftotext; peak RSS < 64 MiB.
# Not a test: it prints figures and exits 0 unless a step breaks.
set -eu
BIN=$(cd "${1:?usage: bench-bulk.sh BIN}" && pwd)
N=${BENCH_N:-300}
REPS=${BENCH_REPS:-2}
cd "$(dirname "$0")/.."
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null ||
	{ echo "bench-bulk: needs pdftotext and pdfinfo (poppler-utils)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-bulk: needs /usr/bin/time" >&2; exit 2; }

T=$(mktemp -d /tmp/skrapa-bench-bulk.XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM
set -- corpus/*.pdf
ncorpus=$#

# The archive: N copies round-robin over the corpus, under awkward names.
pages=0 i=0
while [ "$i" -lt "$N" ]; do
	k=$((i % ncorpus + 1))
	eval "src=\${$k}"
	case $((i % 4)) in
	0) name="Kommunkompassen Åmål $i (slutversion).pdf" ;;
	1) name="år $((i % 9))/granskning O'Brien $i.PDF" ;;
	2) name="protokoll §$i \$x.pdf" ;;
	*) name="sub/dir $((i % 5))/rapport_$i.pdf" ;;
	esac
	mkdir -p "$T/in/$(dirname "$name")"
	cp "$src" "$T/in/$name"
	p=$(pdfinfo "$src" | awk '/^Pages:/ { print $2 }')
	pages=$((pages + p))
	i=$((i + 1))
done

now() { date +%s.%N; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.1f", n / t }'; }

# "WALL CPU" seconds of one from-scratch ingest at -jJ (CPU: user + system
# of all its processes, which a loaded machine disturbs less than WALL).
run_ingest() {
	rm -rf "$T/out"
	t0=$(now)
	/usr/bin/time -o "$T/cpu" -f '%U %S' make -s -f ingest.mk ingest \
		-j"$1" BIN="$BIN" IN="$T/in" OUT="$T/out" \
		${BENCH_CHUNKS:+CHUNKS="$BENCH_CHUNKS"} 2>"$T/ingest.err" ||
		[ -s "$T/out/index.xml" ] || { cat "$T/ingest.err" >&2; exit 3; }
	[ ! -s "$T/ingest.err" ] || { echo "bench-bulk: make -s printed:" >&2
		cat "$T/ingest.err" >&2; }
	awk -v a="$t0" -v b="$(now)" '{ printf "%.2f %.2f", b - a, $1 + $2 }' \
		"$T/cpu"
}

run_pdftotext() {
	t0=$(now)
	/usr/bin/time -o "$T/cpu" -f '%U %S' sh -c 'find "$1" -type f -print0 |
		xargs -0 -P "$2" -I{} pdftotext -bbox-layout {} /dev/null' \
		sh "$T/in" "$1"
	awk -v a="$t0" -v b="$(now)" '{ printf "%.2f %.2f", b - a, $1 + $2 }' \
		"$T/cpu"
}

# Peak RSS (KiB) of one process: for pdftotext the largest over the corpus
# PDFs; for an ingest of the corpus, the largest of its processes (make,
# scan, each convert and its per-PDF children, build).
rss_of() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
peak_pdftotext() {
	max=0
	for f in corpus/*.pdf; do
		r=$(rss_of pdftotext -bbox-layout "$f" /dev/null)
		[ "$r" -gt "$max" ] && max=$r
	done
	echo "$max"
}
peak_ingest() {
	rm -rf "$T/rss"
	rss_of make -s -f ingest.mk ingest BIN="$BIN" IN=corpus OUT="$T/rss"
}
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "bench-bulk: $N PDFs, $pages pages, $(nproc) CPUs, BIN=$BIN, best of $REPS"
echo "load before: $(uptime | sed 's/.*load/load/')"
printf '%-3s %8s %7s %8s %7s | %-22s | %-12s\n' -j wall_s PDFs/s pages/s cpu_s \
	"pdftotext wall_s cpu_s" "ratio wall cpu"
for j in 1 2; do
	s='' c='' p='' q='' r=0
	while [ "$r" -lt "$REPS" ]; do
		set -- $(run_ingest "$j")
		s=$(min "$s" "$1") c=$(min "$c" "$2")
		set -- $(run_pdftotext "$j")
		p=$(min "$p" "$1") q=$(min "$q" "$2")
		r=$((r + 1))
	done
	eval "s$j=\$s"
	printf '%-3s %8s %7s %8s %7s | %10s %11s | %5sx %5sx\n' "$j" "$s" \
		"$(rate "$N" "$s")" "$(rate "$pages" "$s")" "$c" "$p" "$q" \
		"$(ratio "$s" "$p")" "$(ratio "$c" "$q")"
done
echo "load after: $(uptime | sed 's/.*load/load/')"
echo "speed-up -j2/-j1: $(ratio "$s1" "$s2")x (goal >= 1.8x); ratio goal <= 1.0x pdftotext"
echo "peak RSS per process (KiB): ingest $(peak_ingest)," \
	"pdftotext $(peak_pdftotext) (goal < 65536)"
grep -c . "$T/out/failures.tsv" >/dev/null 2>&1 &&
	echo "failed files: $(($(wc -l <"$T/out/failures.tsv") - 1))"
