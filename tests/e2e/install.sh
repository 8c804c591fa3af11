#!/bin/bash
# `meson install` into a scratch folder: exactly the binary, the manual
# page, the message catalogues, the themes, the sample campaigns and the
# bash and zsh completion,
# each where the system looks for it; and the installed files work.
. "$(dirname "$0")/lib.sh"
: "${BUILD_ROOT:?BUILD_ROOT must point at the build folder}"
DEST=$T/root

opts=$(python3 - "$BUILD_ROOT" <<'PY'
import json, os, sys
o = {x["name"]: x["value"] for x in json.load(open(os.path.join(sys.argv[1], "meson-info", "intro-buildoptions.json")))}
for k in ("prefix", "bindir", "datadir", "mandir", "localedir", "bashcompletiondir", "zshcompletiondir"):
    print(f"{k}={o.get(k, '')}")
PY
)
eval "$opts"
abs() { case "$1" in /*) echo "$1" ;; *) echo "$prefix/$1" ;; esac; }
bindir=$(abs "$bindir")
datadir=$(abs "$datadir")
mandir=$(abs "$mandir")
localedir=$(abs "$localedir")
[ -n "$bashcompletiondir" ] || bashcompletiondir=$datadir/bash-completion/completions
if [ -z "$zshcompletiondir" ]; then
	if [ "$prefix" = /usr ]; then zshcompletiondir=$datadir/zsh/vendor-completions
	else zshcompletiondir=$datadir/zsh/site-functions; fi
fi
bashcompletiondir=$(abs "$bashcompletiondir")
zshcompletiondir=$(abs "$zshcompletiondir")

run meson install -C "$BUILD_ROOT" --destdir "$DEST" --no-rebuild --quiet
ok $rc "meson install --destdir succeeds"
[ $rc -eq 0 ] || printf '# %s\n' "$err" | head -20

want=$T/want
{
	echo "$bindir/warroom"
	echo "$mandir/man1/warroom.1"
	echo "$bashcompletiondir/warroom"
	echo "$zshcompletiondir/_warroom"
	for f in "$SOURCE_ROOT"/themes/*.yaml; do echo "$datadir/warroom/themes/${f##*/}"; done
	for f in "$SOURCE_ROOT"/sample-campaigns/*; do echo "$datadir/warroom/sample-campaigns/${f##*/}"; done
	if command -v msgfmt >/dev/null 2>&1; then
		for l in $(grep -v '^#' "$SOURCE_ROOT/po/LINGUAS"); do echo "$localedir/$l/LC_MESSAGES/warroom.mo"; done
	fi
} | sort >"$want"
(cd "$DEST" && find . \( -type f -o -type l \) | sed 's|^\.||' | sort) >"$T/got"
echo "# installed:"
sed 's/^/#   /' "$T/got"
run diff -u "$want" "$T/got"
ok $rc "the install tree holds exactly the binary, man page, catalogues, themes, samples and completion"
[ $rc -eq 0 ] && true || printf '# %s\n' "$out"

run "$DEST$bindir/warroom" --version
ok $rc "the installed binary runs"
[ -x "$DEST$bindir/warroom" ]
ok $? "and is executable"
for f in "$DEST$datadir"/warroom/sample-campaigns/*.yaml; do
	run "$DEST$bindir/warroom" --db "$T/s.db" check "$f"
	ok $rc "installed sample ${f##*/} checks clean"
done
run env WARROOM_THEME_DIR="$DEST$datadir/warroom/themes" "$WARROOM" __complete 2 warroom --theme ""
for t in "$SOURCE_ROOT"/themes/*.yaml; do
	n=${t##*/}
	has "$out" "${n%.yaml}" "the installed theme ${n%.yaml} is offered by completion"
done
if command -v man >/dev/null 2>&1; then
	run env MANWIDTH=80 man --warnings -l "$DEST$mandir/man1/warroom.1"
	ok $rc "the installed man page renders"
	is "$err" "" "without warnings"
	has "$out" "$datadir/warroom/sample-campaigns" "and names the installed sample folder"
fi
