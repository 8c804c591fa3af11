#!/bin/bash
# `warroom check` on every file of the YAML test suite: whatever the input
# (valid YAML that is no campaign, invalid YAML, odd encodings), the
# command must answer with exit 0 or 1 within seconds, explain a 1 on
# stderr, and never crash, hang or trip a sanitizer. Speaks TAP.
set -u
: "${WARROOM:?WARROOM must point at the warroom binary}"
: "${SOURCE_ROOT:?SOURCE_ROOT must point at the source tree}"
export LC_ALL=C.UTF-8
CASES=${YAML_CORPUS:-$SOURCE_ROOT/../shared/corpus/yaml-test-suite/cases}

T=$(mktemp -d "${TMPDIR:-/tmp}/wr-yaml-corpus.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0
failed=0
ok() { # ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

if [ ! -d "$CASES" ]; then
	ok 1 "yaml-test-suite corpus missing at $CASES"
	echo "1..$n"
	exit 1
fi

for f in "$CASES"/*; do
	[ -f "$f" ] || continue
	name=${f##*/}
	timeout 10 "$WARROOM" --db "$T/w.db" check "$f" >"$T/out" 2>"$T/err"
	rc=$?
	why=""
	case $rc in
	0) ;;
	1) [ -s "$T/err" ] || why="exit 1 with nothing on stderr" ;;
	124) why="timed out after 10 s" ;;
	*) why="exit status $rc" ;;
	esac
	if grep -qE 'runtime error|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer' "$T/err"; then
		why="${why:+$why; }sanitizer report on stderr"
	fi
	if [ -z "$why" ]; then
		ok 0 "$name (exit $rc)"
	else
		ok 1 "$name: $why"
		head -c 2000 "$T/err" | sed 's/^/#   /'
	fi
done
[ "$n" -gt 0 ] || ok 1 "no files in $CASES"
echo "1..$n"
[ "$failed" -eq 0 ]
