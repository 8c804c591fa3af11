#!/bin/bash
# The manual page: renders without warnings, and says what --help says:
# every command's synopsis, summary and options, every global option, every
# key of the key table, every environment variable warroom reads.
. "$(dirname "$0")/lib.sh"
: "${BUILD_ROOT:?BUILD_ROOT must point at the build folder}"
MAN=$BUILD_ROOT/data/warroom.1
if ! command -v man >/dev/null 2>&1 || ! command -v groff >/dev/null 2>&1; then
	echo "1..0 # SKIP man-db and groff are not installed"
	exit 0
fi
[ -f "$MAN" ]
ok $? "the build made data/warroom.1"

run env MANWIDTH=80 man --warnings -l "$MAN"
ok $rc "man -l renders it"
is "$err" "" "man --warnings has nothing to say"
run groff -ww -z -k -Tutf8 -man "$MAN"
is "$out$err" "" "groff -ww finds nothing to warn about"
for s in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS KEYS FILES ENVIRONMENT "EXIT STATUS" EXAMPLES; do
	grep -q "^\.SH $s\$" "$MAN"
	ok $? "section $s"
done

# One line of text: hyphenation undone, typographic dashes and quotes made
# ASCII, runs of white space made one space.
flat() {
	sed -e ':a' -e '/‐$/{N;s/‐\n[[:space:]]*//;ba' -e '}' |
		sed "s/[‐−]/-/g; s/[‘’]/'/g" | tr -s ' \t\n' ' ' | sed 's/^ //; s/ $//'
}
page=$(MANWIDTH=120 man -l "$MAN" 2>/dev/null | flat)
inpage() { # inpage TEXT DESCRIPTION: the rendered page says TEXT
	case "$page" in
	*"$1"*) ok 0 "$2" ;;
	*) ok 1 "$2"; printf '#   the man page does not say [%s]\n' "$1" ;;
	esac
}

# warroom --help: its options block and its list of commands.
help=$("$WARROOM" --help)
block=$(printf '%s\n' "$help" | sed -n '/^Options:/,/^$/p' | sed '1d' | flat)
inpage "$block" "the global options read as in warroom --help"
commands=$(printf '%s\n' "$help" | sed -n '/^Commands:/,/^$/p' | sed '1d' | awk '{print $1}')
[ -n "$commands" ]
ok $? "warroom --help lists commands"
for c in $commands; do
	h=$("$WARROOM" "$c" --help)
	syn=$(printf '%s\n' "$h" | sed -n '1s/^Usage: warroom \[--db PATH\] //p' | flat)
	inpage "warroom $syn" "$c: the synopsis of --help"
	summary=$(printf '%s\n' "$h" | sed -n '3,$p' | sed '/^$/,$d; /^  -h, --help /,$d' | flat)
	inpage "$summary" "$c: the summary"
	opts=$(printf '%s\n' "$h" | sed -n '/^Options:/,$p' | sed '1d' | grep -v '^  -h, --help ' | flat)
	if [ -n "$opts" ]; then
		inpage "$opts" "$c: every option, as --help words it"
	fi
done

# Every action of the key table, with its help line.
printf '%s\n' "$page" >"$T/page"
run python3 - "$SOURCE_ROOT/src/ui/keys.h" "$T/page" <<'PY'
import re, sys
helps = re.findall(r'X\(ACT_\w+, "[^"]*", (?:N_\()?"((?:[^"\\]|\\.)*)"', open(sys.argv[1]).read())
page = open(sys.argv[2]).read()
print(len(helps))
for h in helps:
    if " ".join(h.split()) not in page:
        print("missing:", h)
PY
n=$(printf '%s\n' "$out" | head -1)
[ "${n:-0}" -gt 40 ]
ok $? "the key table was read ($n actions)"
hasnt "$out" "missing:" "every action of the key table is in the man page with its help"
[ $rc -eq 0 ] && printf '%s\n' "$out" | grep '^missing' | sed 's/^/#   /'
inpage "Ctrl-d" "keys are named as the ? screen names them"

# Every environment variable the code reads is documented.
envs=$(grep -rhoE 'getenv\("[A-Z_]+"\)' "$SOURCE_ROOT/src" | sed 's/getenv("\(.*\)")/\1/' | sort -u)
envs="$envs VISUAL EDITOR"
section=$(MANWIDTH=120 man -l "$MAN" 2>/dev/null | sed -n '/^ENVIRONMENT/,/^EXIT STATUS/p' | flat)
for e in $envs; do
	has "$section" "$e" "ENVIRONMENT documents $e"
done

section=$(MANWIDTH=120 man -l "$MAN" 2>/dev/null | sed -n '/^EXIT STATUS/,/^EXAMPLES/p' | flat)
for s in 0 1 2 3 4; do
	has "$section" " $s " "EXIT STATUS explains $s"
done
