#!/bin/sh
# bench.sh BIN - speed and memory of the stages against pdftotext.
# Prints figures; asserts nothing (goals are in README.md "Performance").
# skrapa-extract and `pdftotext -bbox-layout` run alternately (A B A B ...),
# ROUNDS times each; the median wall time of each and their ratio are
# printed with the peak RSS of both.  Then parse time per document.
set -eu
BIN=${1:-bin}
ROUNDS=${ROUNDS:-5}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# time_cmd OUTFILE CMD...: appends "nanoseconds peak_kib" of one run.
time_cmd() {
	out=$1; shift
	t0=$(now)
	/usr/bin/time -f %M -o "$TMP/rss" "$@" >/dev/null 2>&1
	t1=$(now)
	echo "$((t1 - t0)) $(cat "$TMP/rss")" >>"$out"
}

# bench_pair LABEL PDF...: each round runs skrapa-extract then pdftotext on
# every PDF (one process per file).
bench_pair() {
	label=$1; shift
	: >"$TMP/a"; : >"$TMP/b"
	r=0
	while [ $r -lt "$ROUNDS" ]; do
		: >"$TMP/ra"; : >"$TMP/rb"
		for pdf in "$@"; do
			time_cmd "$TMP/ra" "$BIN/skrapa-extract" "$pdf" -o "$TMP/x.layout"
			time_cmd "$TMP/rb" pdftotext -bbox-layout "$pdf" "$TMP/x.html"
		done
		awk '{s+=$1; m=($2>m?$2:m)} END {print s, m}' "$TMP/ra" >>"$TMP/a"
		awk '{s+=$1; m=($2>m?$2:m)} END {print s, m}' "$TMP/rb" >>"$TMP/b"
		r=$((r + 1))
	done
	ta=$(cut -d' ' -f1 "$TMP/a" | median); tb=$(cut -d' ' -f1 "$TMP/b" | median)
	ma=$(cut -d' ' -f2 "$TMP/a" | sort -n | tail -1)
	mb=$(cut -d' ' -f2 "$TMP/b" | sort -n | tail -1)
	awk -v l="$label" -v ta="$ta" -v tb="$tb" -v ma="$ma" -v mb="$mb" \
	    -v r="$ROUNDS" 'BEGIN {
		printf "%-34s extract %8.1f ms  pdftotext %8.1f ms  ratio %.2fx  peak RSS %d / %d KiB  (median of %d)\n",
		       l, ta/1e6, tb/1e6, ta/tb, ma, mb, r }'
}

echo "== extract vs pdftotext -bbox-layout (lower ratio is better; goal <= 1.0 small files, <= 0.8 500 pages)"
bench_pair "corpus, one process per file" corpus/*.pdf

set -- corpus/*.pdf
pages=0; list=""
while [ $pages -lt 500 ]; do
	for pdf in "$@"; do
		n=$(qpdf --show-npages "$pdf")
		pages=$((pages + n)); list="$list $pdf"
		[ $pages -ge 500 ] && break
	done
done
# shellcheck disable=SC2086
qpdf --empty --pages $list -- "$TMP/big.pdf"
bench_pair "$(qpdf --show-npages "$TMP/big.pdf")-page concatenation" "$TMP/big.pdf"

# Instruction counts do not depend on the machine's load, unlike the wall
# times above (seen here: +-15 % between runs with other sessions busy).
if command -v valgrind >/dev/null; then
	echo "== instructions (callgrind), three copies of each corpus PDF"
	set -- corpus/*.pdf
	# shellcheck disable=SC2046
	qpdf --empty --pages $(for pdf in "$@"; do echo "$pdf $pdf $pdf"; done) -- "$TMP/mid.pdf"
	count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		awk '/refs:/ {gsub(",", "", $NF); print $NF}'; }
	ia=$(count "$BIN/skrapa-extract" "$TMP/mid.pdf" -o "$TMP/mid.layout")
	ib=$(count pdftotext -bbox-layout "$TMP/mid.pdf" "$TMP/mid.html")
	awk -v a="$ia" -v b="$ib" -v p="$(qpdf --show-npages "$TMP/mid.pdf")" 'BEGIN {
		printf "%-34s extract %.3f G  pdftotext %.3f G  ratio %.2fx\n", p "-page file", a/1e9, b/1e9, a/b }'
fi

if [ -x "$BIN/skrapa-parse" ]; then
	echo "== parse time per document (goal: under 10 % of extract)"
	for pdf in corpus/*.pdf "$TMP/big.pdf"; do
		"$BIN/skrapa-extract" "$pdf" -o "$TMP/p.layout"
		: >"$TMP/e"; : >"$TMP/p"
		r=0
		while [ $r -lt "$ROUNDS" ]; do
			time_cmd "$TMP/e" "$BIN/skrapa-extract" "$pdf" -o "$TMP/p.layout"
			time_cmd "$TMP/p" "$BIN/skrapa-parse" "$TMP/p.layout" -o "$TMP/p.records"
			r=$((r + 1))
		done
		"$BIN/skrapa-parse" --stats "$TMP/p.layout" -o "$TMP/p.records" 2>&1 | sed 's/^/    in process: /'
		te=$(cut -d' ' -f1 "$TMP/e" | median); tp=$(cut -d' ' -f1 "$TMP/p" | median)
		awk -v n="$(basename "$pdf")" -v te="$te" -v tp="$tp" 'BEGIN {
			printf "%-50s parse %7.1f ms  extract %7.1f ms  share %.0f %%\n", n, tp/1e6, te/1e6, 100*tp/te }'
	done
fi

# Emit over many records: linear or n log n (goal), not quadratic.  Kommun-
# kompassen rows (area[N]/table/row[N.K]) and unknown-family fields, 10 k,
# 100 k and 1 M records (--max-records default), XML validated.
if [ -x "$BIN/skrapa-emit" ]; then
	echo "== emit time by record count (goal: 10x records, about 10x time)"
	for n in 10000 100000 1000000; do
		awk -v n="$n" 'BEGIN {
			print "skrapa-records 1"; print "meta\tfamily\tkommunkompass"
			print "meta\tsource\tbench.pdf"
			for (i = 0; i < n; i++) {
				a = i % 8 + 1; k = int(i / 8)
				if (i % 2)
					printf "rec\tarea[%d]/table/row[%d.%d]/achieved\tint\t1\t72.00 100.00 300.00 112.00\t%d\n", a, a, k, i % 20
				else
					printf "rec\tsection[%d]/title\ttext\t1\t72.00 100.00 300.00 112.00\tRubrik %d\n", i, i
			}
			printf "end\t%d\n", n }' >"$TMP/many.records"
		time_cmd "$TMP/em" "$BIN/skrapa-emit" --timeout 0 --max-memory 0 "$TMP/many.records" -o "$TMP/many.xml"
		tail -1 "$TMP/em" | awk -v n="$n" '{ printf "%8d records  emit %8.1f ms  peak RSS %d KiB\n", n, $1/1e6, $2 }'
	done
fi
