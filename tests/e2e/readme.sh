#!/bin/bash
# Every command the README shows runs as shown: each line of a console
# block that starts with "$ warroom" is run against a database seeded the
# way ./bootstrap demo seeds it, and must exit 0.
. "$(dirname "$0")/lib.sh"
README=$SOURCE_ROOT/README.md
export WARROOM_DB=$T/warroom.db
export WARROOM_TODAY=2024-06-05
export XDG_CONFIG_HOME=$T/config
cd "$T" || exit 1
ln -s "$SOURCE_ROOT/sample-campaigns" sample-campaigns
mkdir -p tests && ln -s "$SOURCE_ROOT/tests/fixtures" tests/fixtures
"$WARROOM" import sample-campaigns/2024-spring-launch.yaml sample-campaigns/2024-double11.yaml \
	sample-campaigns/2024-referral-drive.yaml sample-campaigns/2024-summer-launch.yaml >/dev/null
ok $? "the demo campaigns import"

warroom() { "$WARROOM" "$@"; }
n=0
while IFS= read -r line; do
	cmd=${line#\$ }
	n=$((n + 1))
	bash -c "warroom() { \"\$WARROOM\" \"\$@\"; }; $cmd" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	ok $rc "README: $cmd"
	[ $rc -eq 0 ] || sed 's/^/#   /' "$T/err" | head -5
done < <(awk '/^```console/{on=1; next} /^```/{on=0} on && /^\$ warroom /' "$README")
ok $([ "$n" -ge 10 ]; echo $?) "the README shows at least ten commands ($n)"

# Every command in the binary's table is documented in the README.
for c in $("$WARROOM" --help | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1}'); do
	grep -q "warroom $c" "$README"
	ok $? "README documents '$c'"
done

# The key reference is the `?` screen itself: the same table that
# dispatches keys generates it, and the README must list every line of it.
"$WARROOM" snapshot 2024-summer-launch --pane tasks --size 120x300 --keys '?' --theme mono \
	>"$T/help.txt" 2>"$T/err"
ok $? "the help screen renders"
awk 'NR > 3 && !/^ *$/ && !/Esc back ·/' "$T/help.txt" | sed 's/^ //; s/ *$//' >"$T/keys.txt"
awk '/^<!-- keys -->/{on=1; next} /^<!-- \/keys -->/{on=0} on' "$README" | grep -v '^```' \
	| sed 's/^ //; s/ *$//' | grep -v '^$' >"$T/readme-keys.txt"
missing=$(grep -vxF -f "$T/readme-keys.txt" "$T/keys.txt")
is "$missing" "" "the README lists every line of the key help"
