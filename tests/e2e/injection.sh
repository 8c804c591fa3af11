#!/bin/bash
# Hostile text from YAML, the command line and the database never reaches a
# terminal raw: in the UI (run in tmux) the window title and the rest of the
# screen stay untouched and the escapes are visible; CLI tables are
# sanitised, TSV and JSON escaped, formula cells defused, HTML escaped.
. "$(dirname "$0")/lib.sh"
F=$SOURCE_ROOT/tests/fixtures
DB=$T/h.db
w() { "$WARROOM" --db "$DB" "$@"; }
tm="tmux -L wr-inj-$$"
at_exit "$tm kill-server 2>/dev/null"

run w import "$F/hostile.yaml"
is "$rc" 0 "a campaign full of control sequences imports"
run w task hostile csi set problem $'\e]0;pwned\a\e[2J\e[H\e[3;3H\xc2\x9b2J \u202eevil\u202c \e]52;c;eA==\a'
is "$rc" 0 "hostile text is accepted as a task's problem"
run w task hostile osc set support $'bad \xff\xfe bytes'
is "$rc" 1 "invalid UTF-8 is refused at the edge"
has "$err" "not valid UTF-8" "saying so"

# Bytes a terminal would act on. ESC, C1 as UTF-8, raw C1 bytes, BEL, the
# bidi overrides and isolates, zero-width characters and tag characters.
raw_hostile() { # raw_hostile FILE: prints what it finds
	LC_ALL=C grep -obaP '\x1b|\x07|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0\xa6-\xa9]|\xef\xbb\xbf|\xf3\xa0[\x80-\x81]' "$1" | head -3
}
# Output of a command is clean: no raw hostile bytes in stdout or stderr.
clean() { # clean DESCRIPTION CMD...
	local d=$1
	shift
	"$@" >"$T/o" 2>"$T/e"
	local r=$?
	local bad
	bad=$(raw_hostile "$T/o")$(raw_hostile "$T/e")
	ok $([ -z "$bad" ] && [ "$r" -le 1 ]; echo $?) "$d"
	[ -z "$bad" ] || echo "#   raw bytes at: $bad" | cat -v
}
clean "list: no raw control sequence" w list
clean "list --format tsv" w list --format tsv
clean "list --format json" w list --format json
clean "tasks: no raw control sequence" w tasks hostile
clean "tasks --format tsv" w tasks hostile --format tsv
clean "tasks --format json" w tasks hostile --format json
clean "log: no raw control sequence" w log hostile
clean "log --format tsv" w log hostile --format tsv
clean "log --format json" w log hostile --format json
clean "report (Markdown)" w report hostile
clean "report --format html" w report hostile --format html
clean "an error naming a hostile task key" w task hostile $'\e]0;x\a\xc2\x9b' set progress 5
clean "an error naming a hostile campaign" w tasks $'\e[2J\u202e'
clean "risks" w risks hostile
clean "export (YAML): bidi and invisible characters as \\u escapes" w export hostile
w export hostile >"$T/e1.yaml"
"$WARROOM" --db "$T/again.db" import "$T/e1.yaml" >/dev/null &&
	"$WARROOM" --db "$T/again.db" export hostile >"$T/e2.yaml"
cmp -s "$T/e1.yaml" "$T/e2.yaml"
ok $? "and the escaped export imports back to the same campaign"
if "$WARROOM" feedback --help >/dev/null 2>&1; then
	clean "feedback list" w feedback list hostile
	clean "feedback list --format tsv" w feedback list hostile --format tsv
	clean "feedback list --format json" w feedback list hostile --format json
fi

run w tasks hostile
has "$out" 'OSC \e]2;x\e\ title' "the table shows the escapes visibly"
has "$out" 'a<U+202E>b' "and bidi overrides as code points"
has "$out" '\u009b2J' "and C1 controls"
run w tasks hostile --format tsv
has "$out" $'\n'"formula	'=cmd|' /C calc'!A0" "TSV defuses a formula cell with a quote"
has "$out" "'@SUM(1)" "an @ cell too"
has "$out" "'+1" "and a + cell"
has "$out" 'OSC \e]2;x\e\\ title' "TSV writes ESC as \\e"
run w tasks hostile --format json
printf '%s' "$out" >"$T/tasks.json"
got=$(python3 -c '
import json, sys
rows = {r["id"]: r for r in json.load(open(sys.argv[1]))}
print(rows["osc"]["name"] == "OSC \x1b]2;x\x1b\\ title" and rows["osc"]["owner"] == "a\u202eb"
      and rows["csi"]["problem"].startswith("\x1b]0;pwned\x07"))' "$T/tasks.json" 2>&1)
is "$got" True "JSON is valid and carries the exact text in escapes"
run w report hostile --format html
hasnt "$out" "<script>alert" "HTML escapes markup from task names"

# ---- the UI in tmux ----------------------------------------------------------
$tm -f /dev/null new-session -d -x 150 -y 36 -n wr-window \
	"$(printf '%q ' "$WARROOM" --db "$DB" --campaign hostile); sleep 30"
$tm set-option -g allow-rename on
$tm set-option -g automatic-rename off
$tm set-option -g remain-on-exit on
$tm select-pane -T wr-title
screen() { $tm capture-pane -p 2>/dev/null; }
wait_screen() {
	for _ in $(seq 80); do
		case "$(screen)" in *"$1"*) return 0 ;; esac
		sleep 0.1
	done
	return 1
}
title() { $tm display -p '#{pane_title}|#{window_name}'; }
wait_screen "q quit"
s=$(screen)
first=$(printf '%s\n' "$s" | sed -n 1p)
has "$first" 'Evil \e]0;pwned^G campaign' "the header shows the campaign name's escapes"
has "$first" "2024-06-01" "and the rest of the header is intact"
has "$(printf '%s\n' "$s" | tail -1)" "q quit" "the status line is intact"
has "$s" 'OSC \e]2;x\e\ title' "OSC in a task name is shown, not run"
has "$s" 'clear \e[2J\e[H home \e[5;5H move' "CSI clear and cursor moves are shown, not run"
has "$s" 'c1 \u009b31m red' "C1 controls are shown"
is "$(title)" "wr-title|wr-window" "the pane title and window name are unchanged"

# The detail view of the task whose problem is hostile.
$tm send-keys j
sleep 0.3
$tm send-keys Enter
wait_screen '\e]0;pwned^G\e[2J'
ok $? "the task detail shows the hostile problem text escaped"
s=$(screen)
has "$s" '<U+202E>evil' "with the bidi override visible"
has "$(printf '%s\n' "$s" | tail -1)" "" "the screen is still drawn to its last line"
is "$(title)" "wr-title|wr-window" "the title is still unchanged"
$tm send-keys Escape
sleep 0.3

# Every pane, including the ones that show feedback.
for k in 2 3 4 1; do
	$tm send-keys "$k"
	sleep 0.4
	s=$(screen)
	first=$(printf '%s\n' "$s" | sed -n 1p)
	ok $(case "$first" in *'Evil \e]0;pwned^G campaign'*) echo 0 ;; *) echo 1 ;; esac) \
		"pane $k: the header is intact"
	is "$(title)" "wr-title|wr-window" "pane $k: the title is unchanged"
done
# The Inbox shows the hostile feedback escaped (once the pane has landed).
$tm send-keys 3
sleep 0.4
case "$(screen)" in
*"no view yet"*) ok 0 "# skip the Inbox pane has no view yet" ;;
*)
	wait_screen '\e]8;;http://x'
	ok $? "the Inbox shows an OSC 8 link in feedback as text"
	has "$(screen)" 'pwned^G\e[2J\e[H' "and OSC title and clear-screen in feedback as text"
	is "$(title)" "wr-title|wr-window" "the title is unchanged in the Inbox"
	;;
esac
ok $([ -z "$($tm display -p '#{pane_dead}' | grep 1)" ]; echo $?) "the UI is still running"
