# Shared helpers for the end-to-end scripts: TAP output and a scratch folder.
# Source it; it sets $T (scratch folder, removed at exit) and $WARROOM.
set -u
: "${WARROOM:?WARROOM must point at the warroom binary}"
: "${SOURCE_ROOT:?SOURCE_ROOT must point at the source tree}"
export LC_ALL=C.UTF-8
export WARROOM_USER=${WARROOM_USER:-tester}
T=$(mktemp -d "${TMPDIR:-/tmp}/wr-e2e.XXXXXX")
tap_n=0
tap_failed=0
_cleanup_hooks=""
at_exit() { _cleanup_hooks="$_cleanup_hooks
$1"; }
_finish() {
	eval "$_cleanup_hooks"
	rm -rf "$T"
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
trap '_finish' EXIT

ok() { # ok CONDITION-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}
is() { # is GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"
		printf '#   got  [%s]\n#   want [%s]\n' "$1" "$2"
	fi
}
has() { # has HAYSTACK NEEDLE DESCRIPTION
	case "$1" in
	*"$2"*) ok 0 "$3" ;;
	*) ok 1 "$3"; printf '#   [%s]\n#   does not contain [%s]\n' "$1" "$2" | head -20 ;;
	esac
}
hasnt() {
	case "$1" in
	*"$2"*) ok 1 "$3"; printf '#   unexpected [%s]\n' "$2" ;;
	*) ok 0 "$3" ;;
	esac
}
# run CMD...: sets $out, $err and $rc
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
}
