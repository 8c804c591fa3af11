#!/bin/bash
# The Inbox pane end to end: a few hundred messages (Chinese names, and one
# carrying an OSC title sequence, a clear-screen and a bidi override), the
# real binary in a private tmux server, a search for 快递 whose count and
# rows are read off the screen, triage of one message, and afterwards the
# database and the audit log as the command line sees them. The terminal's
# title never changes and the escapes are shown as text.
if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
. "$(dirname "$0")/lib.sh"
F=$SOURCE_ROOT/tests/fixtures
DB=$T/inbox.db
export WARROOM_TODAY=2024-06-05
SOCK=wr-fb-$$
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
at_exit 'tmux -L "$SOCK" kill-server >/dev/null 2>&1'
w() { "$WARROOM" --db "$DB" "$@"; }

run w import "$F/feedback-launch.yaml"
ok $rc "the campaign imports"

# 300 messages over five days; every seventh mentions 快递.
names=(张伟 王芳 李娜 刘洋 陈静 杨磊 赵敏 黄勇 周杰 吴霞)
channels=(电商评价 社交媒体 客服工单 问卷 电话回访)
{
	echo "日期,渠道,用户,评分,评价内容"
	for i in $(seq 1 300); do
		d=$((1 + i % 5))
		h=$((8 + i % 12))
		m=$((i % 60))
		if [ $((i % 7)) -eq 0 ]; then text="第${i}单快递有点慢，包装还行"; else text="第${i}单面霜质地不错"; fi
		printf '2024-06-0%d %02d:%02d,%s,%s,%d,%s\n' "$d" "$h" "$m" "${channels[$((i % 5))]}" \
			"${names[$((i % 10))]}" $((1 + i % 5)) "$text"
	done
} >"$T/inbox.csv"
run w feedback import "$T/inbox.csv" --campaign fb-launch
is "$out" "fb-launch: 300 added, 0 already there" "300 messages imported"
hostile=$(printf 'hostile-marker 快递被拆了 \033]0;pwned\007 \033[2J \342\200\256evil')
run w feedback add fb-launch --text "$hostile" --channel 社交媒体 --customer 钱七 --at "2024-06-05 23:30"
ok $rc "a hostile message is stored"
want=$(w feedback list fb-launch --search 快递 --format tsv | sed 1d | wc -l)
total=$(w feedback list fb-launch --format tsv | sed 1d | wc -l)
is "$want" 44 "快递 is in 44 messages (42 of the file, one of the definition, the hostile one)"

tm new-session -d -x 120 -y 40 \
	"env LC_ALL=C.UTF-8 WARROOM_TODAY=2024-06-05 WARROOM_USER=tester $WARROOM --db $DB; echo '[exit '\$?']'; sleep 600"
screen() { tm capture-pane -p; }
wait_screen() { # wait_screen TEXT: polls for up to 5 s
	local i=0
	while [ $i -lt 100 ]; do
		case "$(screen)" in *"$1"*) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	echo "#   waited for [$1]; the screen:"
	screen | sed 's/^/#   |/'
	return 1
}
wait_screen "Tasks"
ok $? "the UI starts"
title0=$(tm display -p '#{pane_title}')

tm send-keys 3
wait_screen "$total messages"
ok $? "the Inbox shows every message ($total)"
has "$(screen)" "钱七" "with the customer's name in the preview"
tm send-keys / 快递 Enter
wait_screen "$want of $total · /快递"
ok $? "the search for 快递 counts $want of $total in the title"
s=$(screen)
has "$s" "hostile-marker 快递被拆了 \e]0;pwned^G" "an OSC title sequence is shown as text"
has "$s" '\e[2J' "so is clear-screen"
has "$s" '<U+202E>evil' "and the bidi override"
has "$s" "第294单快递有点慢" "the newest matching rows are listed"
hasnt "$s" "第293单" "rows without 快递 are not"
has "$s" "$want messages" "the stats strip counts the matches"
# the figures of a filter come once typing stops (a walk of its messages)
wait_screen "快递 100%"
ok $? "and every match names 快递"

# Triage the newest match (the hostile one): triaged, read, owner.
tm send-keys g S
wait_screen "saved: status new → triaged"
ok $? "S moves it to triaged"
tm send-keys r
wait_screen "saved: read unread → read"
ok $? "r marks it read"
tm send-keys o
wait_screen "owner"
tm send-keys C-u 王芳 Enter
wait_screen "saved: owner (none) → 王芳"
ok $? "o assigns an owner"
tm send-keys t
wait_screen "[s] service"
tm send-keys s
wait_screen "saved: type"
ok $? "t sets the type"
is "$(tm display -p '#{pane_title}')" "$title0" "the terminal title is unchanged"
tm send-keys q
wait_screen "[exit 0]"
ok $? "q quits with status 0"

run w feedback list fb-launch --search hostile-marker --format tsv
has "$out" "	service	neutral			快递	triaged	true	王芳	钱七	" "triage is in the database"
has "$out" 'hostile-marker 快递被拆了 \e]0;pwned\x07 \e[2J \u202eevil' "and the text as it came, escaped in TSV"
run w log fb-launch --format tsv
has "$out" "tester	fb-launch	feedback	" "the audit log names the operator"
has "$out" "	status	new	triaged" "the status change is audited"
has "$out" "	owner		王芳" "the owner too"
has "$out" "	read	unread	read" "and the read mark"
