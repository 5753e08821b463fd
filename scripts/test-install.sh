#!/bin/sh
# test-install.sh STAGE - checks a `make install DESTDIR=STAGE` tree as a
# user would use it: programs, rules, vocabularies, schemas and man pages in place, and
# the installed skrapa converting a corpus PDF from another directory
# (finding its rules and schema relative to itself), with validation on.
# Run by `make check`; prints "install: ok" or the first failure.
set -eu
STAGE=$1
REPO=$(pwd)
fail() { echo "install: $*" >&2; exit 1; }

bindir=$(dirname "$(find "$STAGE" -path '*/bin/skrapa' -type f | head -1)")
[ -x "$bindir/skrapa" ] || fail "no bin/skrapa under '$STAGE'"
prefix=$(dirname "$bindir")
for p in skrapa skrapa-extract skrapa-parse skrapa-emit skrapa-index; do
	[ -x "$bindir/$p" ] || fail "'$p' not installed"
	[ -f "$prefix/share/man/man1/$p.1" ] || fail "no man page for '$p'"
	"$bindir/$p" --version | grep -q "^$p " || fail "'$p --version'"
done
grep -q '@DATADIR@' "$prefix"/share/man/man1/*.1 && fail "man pages keep @DATADIR@"
for f in parse/rules/*.rules parse/rules/*.vocab parse/rules/*.rng; do
	[ -f "$prefix/share/skrapa/rules/${f##*/}" ] || fail "family file '${f##*/}' not installed"
done
[ -f "$prefix/share/skrapa/skrapa.rng" ] || fail "schema not installed"

pdf=$(ls "$REPO"/corpus/*kommunkompass*.pdf | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
SKRAPA_VALIDATE=1 "$bindir/skrapa" "$pdf" -o out.xml || fail "installed skrapa failed"
grep -q '<report .*family="kommunkompass"' out.xml || fail "out.xml is not a kommunkompass report"
"$bindir/skrapa" --list-families | grep -q "kommunkompass-20[0-9][0-9].rules	kommunkompass.vocab" ||
	fail "--list-families does not list the installed rules"
echo "install: ok"
