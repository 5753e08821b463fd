#!/bin/sh
# bench-bulk.sh - throughput of `make ingest` on a bulk archive, against
# `pdftotext -bbox-layout` on the same files at the same -j.
# Usage: scripts/bench-bulk.sh BIN   (env: BENCH_N files, default 300)
# Builds the archive under /tmp from copies of corpus/*.pdf under varied
# names, runs the ingest at -j1 and -j2 from scratch, and reports PDFs/s,
# pages/s, the -j2 speed-up, peak RSS per process, and the time ratio to
# pdftotext.  Goals: -j2 >= 1.8x -j1; pipeline <= 1.0x pdftotext.
# Not a test: it prints figures and exits 0 unless a step breaks.
set -eu
BIN=$(cd "${1:?usage: bench-bulk.sh BIN}" && pwd)
N=${BENCH_N:-300}
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

# Wall time of one from-scratch ingest at -jJ.
run_ingest() {
	rm -rf "$T/out"
	t0=$(now)
	make -s -f ingest.mk ingest -j"$1" BIN="$BIN" IN="$T/in" OUT="$T/out" \
		2>"$T/ingest.err" || [ -s "$T/out/index.xml" ] ||
		{ cat "$T/ingest.err" >&2; exit 3; }
	awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'
}

run_pdftotext() {
	t0=$(now)
	find "$T/in" -type f -print0 |
		xargs -0 -P "$1" -I{} pdftotext -bbox-layout {} /dev/null
	awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'
}

# Peak RSS (KiB) of one process: the largest over the corpus PDFs.
rss_of() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
peak_rss() {   # skrapa | pdftotext
	max=0
	for f in corpus/*.pdf; do
		case $1 in
		skrapa) r=$(rss_of "$BIN/skrapa" -o /dev/null "$f") ;;
		*) r=$(rss_of pdftotext -bbox-layout "$f" /dev/null) ;;
		esac
		[ "$r" -gt "$max" ] && max=$r
	done
	echo "$max"
}

echo "bench-bulk: $N PDFs, $pages pages, $(nproc) CPUs, BIN=$BIN"
printf '%-4s %9s %8s %9s %12s %9s\n' -j seconds PDFs/s pages/s pdftotext_s ratio
for j in 1 2; do
	s=$(run_ingest "$j")
	p=$(run_pdftotext "$j")
	eval "s$j=\$s"
	printf '%-4s %9s %8s %9s %12s %8sx\n' "$j" "$s" "$(rate "$N" "$s")" \
		"$(rate "$pages" "$s")" "$p" "$(awk -v a="$s" -v b="$p" \
		'BEGIN { printf "%.2f", a / b }')"
done
echo "speed-up -j2/-j1: $(awk -v a="$s1" -v b="$s2" 'BEGIN { printf "%.2f", a / b }')x (goal >= 1.8x); ratio goal <= 1.0x pdftotext"
echo "peak RSS per process (KiB): skrapa $(peak_rss skrapa)," \
	"pdftotext $(peak_rss pdftotext)," \
	"skrapa-index build $(rss_of "$BIN/skrapa-index" build -q "$T/out")"
grep -c . "$T/out/failures.tsv" >/dev/null 2>&1 &&
	echo "failed files: $(($(wc -l <"$T/out/failures.tsv") - 1))"
