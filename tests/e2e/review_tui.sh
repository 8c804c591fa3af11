#!/bin/bash
# The Review pane in the real binary under tmux (80x24 and 160x45): the
# review on screen, adding a problem with Chinese text through the line
# editor, a field from a menu, the overview through $VISUAL (a fake editor
# script that checks the temporary file is 0600 and leaves it behind for
# nothing), an edit conflict with another process, final / reopen, the
# lessons library; then the command line sees what the pane saved.
if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
. "$SOURCE_ROOT/tests/e2e/lib.sh"
. "$SOURCE_ROOT/tests/fixtures/review-fill.sh"
export WARROOM_TODAY=2024-06-05 WARROOM_NOW=09:00 WARROOM_USER=tester
DB="$T/review.db"
SOCK="wr-rv-$$"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
at_exit 'tmux -L "$SOCK" kill-server >/dev/null 2>&1'

"$WARROOM" --db "$DB" import "$SOURCE_ROOT/tests/fixtures/review-base.yaml" \
	"$SOURCE_ROOT/tests/fixtures/review-launch.yaml" >/dev/null && review_fill
ok $? "the fixtures import and the review is filled"

# The fake editor: records the file's mode and name, checks it got the old
# text, writes new text.
cat >"$T/editor" <<EOF
#!/bin/sh
for f; do :; done
stat -c '%a' "\$f" >"$T/editor.mode"
printf '%s\n' "\$f" >"$T/editor.file"
grep -q '预热期偏慢' "\$f" && echo yes >"$T/editor.saw-old"
printf '由编辑器写入的概述\n第二段：复盘结论\n' >"\$f"
EOF
chmod 700 "$T/editor"
mkdir -p "$T/tmp"

start() { # start NAME WxH
	tm new-session -d -s "$1" -x "${2%x*}" -y "${2#*x}" \
		"env LC_ALL=C.UTF-8 WARROOM_TODAY=$WARROOM_TODAY WARROOM_NOW=$WARROOM_NOW WARROOM_USER=tester \
		 VISUAL='$T/editor --wait' TMPDIR='$T/tmp' '$WARROOM' --db '$DB' --campaign review-launch; \
		 echo '[exit '\$?']'; sleep 600"
}
screen_of() { tm capture-pane -p -t "$1"; }
keys() { local n=$1; shift; tm send-keys -t "$n" "$@"; }
wait_for() {
	local i=0
	while [ "$i" -lt 100 ]; do
		case "$(screen_of "$1")" in *"$2"*) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
expect() {
	if wait_for "$1" "$2"; then ok 0 "$3"; else
		ok 1 "$3"
		echo "#   waited for [$2]; the screen:"
		screen_of "$1" | sed 's/^/#   |/'
	fi
}
json() {
	"$WARROOM" --db "$DB" review review-launch show --format json |
		python3 -c "import json, sys; r = json.load(sys.stdin); print($1)"
}

# ---- 80x24 -------------------------------------------------------------------
start a 80x24
expect a "1 Tasks" "80x24: the UI starts"
keys a 4
expect a "Overview 活动概述" "4 opens the Review pane"
expect a "draft 草稿 · version" "its status line: draft and version"
expect a "订单数" "the goal table lists the metrics"
expect a "限时秒杀带动下单" "with the team's analysis"
keys a G
expect a "Improvement plan 改进计划 (2 open, 1 overdue)" "the plan counts open and overdue actions"
expect a "<script>alert(1)</script>" "hostile text shows as text"
keys a a
expect a "problem (with its 5 whys and action)" "a opens the add menu, in one language"
keys a p
expect a "new problem:" "p asks for the problem"
keys a "直播间卡顿导致流失"
keys a BSpace "顿" Left Left BSpace
expect a "new problem: 直播间卡顿导流顿" "the line editor deletes and moves by character in Chinese"
keys a Enter
expect a "added problem P4" "Enter adds it"
keys a e
expect a "edit problem P4" "e on it opens the field menu"
keys a o
expect a "Owner:" "o asks for the owner"
keys a "孙客服" Enter
expect a "saved Owner of problem P4: 孙客服" "the owner is saved"

# The overview in $VISUAL.
keys a g e
expect a "由编辑器写入的概述" "e on the overview runs \$VISUAL and shows what it wrote"
is "$(cat "$T/editor.mode" 2>/dev/null)" "600" "the temporary file was mode 0600 while the editor ran"
is "$(cat "$T/editor.saw-old" 2>/dev/null)" "yes" "the editor got the current text"
f=$(cat "$T/editor.file" 2>/dev/null)
case "$f" in "$T/tmp/"*) ok 0 "the file was in \$TMPDIR" ;; *) ok 1 "the file was in \$TMPDIR ($f)" ;; esac
[ -n "$f" ] && [ ! -e "$f" ]
ok $? "and is gone afterwards"

# A conflict: the prompt opens on version N, another process saves, then Enter.
keys a / "直播间" Enter
keys a e
expect a "edit problem P4" "/ finds the problem; e opens its field menu"
keys a o
expect a "Owner:" "the owner prompt is open"
id=$(json "[p['id'] for p in r['problems'] if p['description'] == '直播间卡顿导流顿'][0]")
WARROOM_USER=alice "$WARROOM" --db "$DB" review review-launch edit problem "$id" --owner 李娜 >/dev/null
sleep 1.2
keys a C-u "王强" Enter
expect a "changed by alice at 2024-06-05 09:00:00" "the stale save is refused, naming who changed it and when"
expect a "not saved (R reloads" "and offers to reload"
expect a "changed elsewhere: R reloads" "the pane's status line says so too"
is "$(json "[p['owner'] for p in r['problems'] if p['id'] == $id][0]")" "李娜" "alice's owner is kept"
keys a R
expect a "e offers your unsaved text again" "R reloads"
keys a e o
expect a "Owner: 王强" "the next edit starts from the text that was refused"
keys a Enter
expect a "saved Owner of problem P4: 王强" "and saves it on the current version"

# Final and reopen.
keys a F
expect a "mark the review final?" "F asks before marking final"
keys a y
expect a "FINAL 定稿" "the review is final"
keys a g e
expect a "The review is final. Reopen it?" "editing a final review asks to reopen it"
keys a n
keys a L
expect a "Lessons library 经验库 · 2 lessons" "L opens the lessons library"
keys a / K O L Enter
expect a "1 lesson matching \"KOL\"" "/ searches it"
keys a L
expect a "Overview 活动概述" "L goes back to the review"
keys a q
expect a "[exit 0]" "q quits"
is "$(json 'r["final"]')" "True" "the CLI sees the review final"
is "$(json "[p['owner'] for p in r['problems'] if p['description'] == '直播间卡顿导流顿'][0]")" "王强" \
	"the CLI sees the problem added in the pane with its owner"
is "$(json 'r["overview"]')" "由编辑器写入的概述
第二段：复盘结论" "the CLI sees the overview written in \$VISUAL"

# ---- 160x45 ------------------------------------------------------------------
"$WARROOM" --db "$DB" review review-launch reopen >/dev/null
start b 160x45
expect b "4 Review" "160x45: the tiled layout shows the Review pane"
expect b "Overview 活动概述" "with the review in its tile"
keys b 4
keys b a p
expect b "new problem:" "a p asks for a problem in the tile"
keys b "大屏上添加的问题" Enter
expect b "added problem P5" "and adds it"
keys b q
expect b "[exit 0]" "q quits"
is "$(json "len([p for p in r['problems'] if p['description'] == '大屏上添加的问题'])")" 1 \
	"the CLI sees the problem added at 160x45"
