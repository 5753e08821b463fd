#!/bin/sh
# fuzz.sh - builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan)
# into build-fuzz/ and runs each for FUZZ_SECONDS (default 600), one at a
# time.  Not part of `make check`; the Makefile is not involved in the build.
#
#   scripts/fuzz.sh [TARGET...]     targets: extract layout rules records
#   FUZZ_SECONDS=60 scripts/fuzz.sh layout
#   FUZZ_BUILD_ONLY=1 scripts/fuzz.sh
#   FUZZ_KEEP_GOING=1 scripts/fuzz.sh extract   (fork mode: go on after a
#                                                crash, keep every artifact)
#
# Crashes, leaks and hangs go to build-fuzz/artifacts/TARGET/; the growing
# corpus to build-fuzz/corpus/TARGET/; the log to build-fuzz/TARGET.log.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=build-fuzz
SECONDS_PER=${FUZZ_SECONDS:-600}
CC=${FUZZ_CC:-clang}
PKGS="poppler-glib glib-2.0 gmodule-no-export-2.0 libpcre2-8 libxml-2.0 json-glib-1.0 libxslt"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
VERSION=$(cat VERSION 2>/dev/null || echo 0)
CFLAGS="-std=gnu11 -D_GNU_SOURCE -DSKRAPA_VERSION=\"$VERSION\" -O1 -g -Wall -Iinclude $SAN $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lm"
TARGETS=${*:-extract layout rules records}

mkdir -p "$OUT/obj" "$OUT/seeds"

# build_module DIR: compiles DIR's library sources; prints nothing and
# returns 1 when one does not compile (someone may be half-way through it).
build_module() {
	for src in "$1"/*.c; do
		# main.c: a program's; ocr.c, ocrwords.c, ocrmodule.c: the
		# OCR module's (Makefile OCR_SRC), loaded at run time.
		case $src in */main.c|extract/ocr.c|extract/ocrwords.c|extract/ocrmodule.c) continue ;; esac
		obj="$OUT/obj/${src%.c}.o"
		mkdir -p "$(dirname "$obj")"
		if [ ! -e "$obj" ] || [ "$src" -nt "$obj" ] ||
		   [ -n "$(find include -newer "$obj" -name '*.h')" ]; then
			$CC $CFLAGS -fsanitize=fuzzer-no-link -c "$src" -o "$obj" \
				2>"$obj.err" || { echo "fuzz.sh: $src does not compile (see $obj.err)" >&2; return 1; }
		fi
	done
	return 0
}

have() {        # have MODULE: its objects are built
	case " $BUILT " in *" $1 "*) return 0 ;; esac
	return 1
}

objs() {        # objs MODULE...: the object files of the modules
	for m in "$@"; do ls "$OUT/obj/$m"/*.o; done | grep -v '/main\.o$'
}

BUILT=""
for m in common extract parse emit; do
	[ -d "$m" ] && build_module "$m" && BUILT="$BUILT $m"
done
have common || { echo "fuzz.sh: common/ does not build" >&2; exit 1; }

# link TARGET MODULES EXTRA-FLAGS
link() {
	$CC $CFLAGS -fsanitize=fuzzer $3 "fuzz/fuzz_$1.c" fuzz/harness.c $(objs $2) $LIBS \
		-o "$OUT/fuzz_$1"
	echo "fuzz.sh: built $OUT/fuzz_$1 ($2)"
}

SAMPLE_LAYOUT=$ROOT/tests/data/parse/minutes.layout
for t in $TARGETS; do
	case $t in
	extract) have extract && link extract "common extract" "" ;;
	layout)
		if have parse && ls parse/rules/*.rules >/dev/null 2>&1; then
			link layout "common parse" "-DFUZZ_WITH_PARSE -DFUZZ_RULES_DIR=\"$ROOT/parse/rules\""
		else
			link layout "common" ""
		fi ;;
	rules) have parse && link rules "common parse" "-DFUZZ_LAYOUT=\"$SAMPLE_LAYOUT\"" ;;
	records)
		if have emit; then
			link records "common emit" "-DFUZZ_WITH_EMIT -DFUZZ_SCHEMA=\"$ROOT/emit/skrapa.rng\" -DFUZZ_RULES_DIR=\"$ROOT/parse/rules\""
		else
			link records "common" ""
		fi ;;
	*) echo "fuzz.sh: unknown target '$t'" >&2; exit 2 ;;
	esac || echo "fuzz.sh: target '$t' not built" >&2
done
[ -n "${FUZZ_BUILD_ONLY:-}" ] && exit 0

# Seeds from corpus/: the PDFs, their layout text, their record streams
# (through the programs of bin/ when they build), rules and test data.
seed() {
	d=$OUT/seeds/$1
	rm -rf "$d"; mkdir -p "$d"
	case $1 in
	extract)        # plus the small hostile PDFs, kept crashers and an
			# uncompressed corpus PDF whose content streams mutate
		cp corpus/*.pdf tests/data/hostile/regress/*.pdf "$d"/ 2>/dev/null || true
		tests/hostile.sh "$d/h" >/dev/null 2>&1 &&
			find "$d/h" -type f -name '*.pdf' ! -name 'fanout.pdf' -size -200k -exec mv {} "$d"/ \; ;
		rm -rf "$d/h"
		qpdf --qdf --object-streams=disable --decode-level=generalized \
			corpus/alingsas-2025-kf-103-protokollsutdrag.pdf "$d/qdf.pdf" 2>/dev/null || true ;;
	layout)
		cp tests/data/parse/*.layout tests/data/hostile/regress/*.layout "$d"/ 2>/dev/null || true
		make -s bin/skrapa-extract >/dev/null 2>&1 || true
		for p in corpus/*.pdf; do
			bin/skrapa-extract -o "$d/$(basename "$p" .pdf).layout" "$p" 2>/dev/null || true
		done ;;
	rules) cp parse/rules/*.rules parse/rules/*.inc "$d"/ 2>/dev/null || true ;;
	records)
		cp tests/data/emit/*.records tests/data/hostile/regress/*.records "$d"/ 2>/dev/null || true
		make -s bin/skrapa-extract bin/skrapa-parse >/dev/null 2>&1 || true
		for p in corpus/*.pdf; do
			bin/skrapa-extract "$p" 2>/dev/null | bin/skrapa-parse -o \
				"$d/$(basename "$p" .pdf).records" 2>/dev/null || true
		done ;;
	esac
	find "$d" -size 0 -delete
}

# Per-target libFuzzer options: extract runs Poppler, so slower and bigger.
opts() {
	case $1 in
	extract) echo "-timeout=30 -rss_limit_mb=2048 -max_len=200000" ;;
	rules) echo "-timeout=10 -rss_limit_mb=1024 -max_len=8192 -dict=fuzz/rules.dict" ;;
	*) echo "-timeout=10 -rss_limit_mb=1024 -max_len=65536 -dict=fuzz/$1.dict" ;;
	esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/fuzz/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export G_SLICE=always-malloc G_DEBUG=gc-friendly
status=0
for t in $TARGETS; do
	[ -x "$OUT/fuzz_$t" ] || continue
	seed "$t"
	mkdir -p "$OUT/corpus/$t" "$OUT/artifacts/$t"
	echo "fuzz.sh: running $t for ${SECONDS_PER}s (log $OUT/$t.log)"
	before=$(ls "$OUT/artifacts/$t" | wc -l)
	keep=""
	[ -n "${FUZZ_KEEP_GOING:-}" ] &&
		keep="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
	# shellcheck disable=SC2046,SC2086
	if "$OUT/fuzz_$t" $(opts "$t") $keep -max_total_time="$SECONDS_PER" \
		-print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t/" \
		"$OUT/corpus/$t" "$OUT/seeds/$t" >"$OUT/$t.log" 2>&1; then
		res=ok
	else
		res="FAILED (see $OUT/artifacts/$t/)"; status=1
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/$t.log" | tail -1)
	[ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9][0-9]*\)[: ].*/\1/p' "$OUT/$t.log" | tail -1)
	found=$(( $(ls "$OUT/artifacts/$t" | wc -l) - before ))
	if [ "$found" -gt 0 ]; then
		res="$found new artifact(s) in $OUT/artifacts/$t/"; status=1
	fi
	echo "fuzz.sh: $t: ${execs:-?} executions in ${SECONDS_PER}s: $res"
done
exit $status
