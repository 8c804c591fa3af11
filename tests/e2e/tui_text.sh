#!/bin/bash
# Hostile and wide text: Chinese, Japanese and emoji at their true width,
# cut by width and never split at a pane edge; escape sequences in task
# names drawn as visible text, never executed by the terminal.
. "$SOURCE_ROOT/tests/e2e/tui_lib.sh"

evil=$(printf 'x\033]0;pwned\007\033[2J\342\200\256y')
"$WARROOM" --db "$DB" task ui-launch coupon set name "$evil" >/dev/null
ok $? "a task name with OSC, CSI and a bidi override is stored"
tm new-session -d -s t -x 80 -y 24 "sleep 600"
tm kill-session -t t
tui_start t 80x24
expect t "2024夏季新品推广·界面测试" "the UI starts"
s=$(screen_of t)
has "$s" 'x\e]0;pwned^G\e[2' "the escape sequences are drawn as visible text"
has "$s" "2024夏季新品推广·界面测试" "the screen was not cleared by the name"
title=$(tm display -p -t t '#{pane_title}')
hasnt "$title" "pwned" "the pane title was not changed (title: $title)"
keys t j j j j Enter
expect t 'x\e]0;pwned^G\e[2J<U+202E>y' "the detail view shows the whole name, bidi override as a code"
keys t Escape

# width: every row of the screen is exactly as wide as the terminal
bad=$(screen_of t | awk '{ print }' | while IFS= read -r line; do
	w=$(printf '%s' "$line" | python3 -c 'import sys,unicodedata
s=sys.stdin.read()
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s))' 2>/dev/null || echo 0)
	[ "$w" -gt 80 ] && echo "$line"
done)
is "$bad" "" "no row is wider than the terminal"
s=$(screen_of t)
has "$s" "这是一个非常非常 …" "a long name is cut with an ellipsis, padded where a wide character would split"
has "$s" "数据分 …" "a long owner is cut the same way"
has "$s" "夏のキャンペーン …" "Japanese is cut by width"
has "$s" "直播带货🎥专场" "an emoji counts two columns"
keys t /
tm send-keys -t t -l "キャン"
expect t "1 of 14 tasks" "searching in Japanese"
keys t Enter Escape
tm resize-window -t t -x 200 -y 60
expect t "这是一个非常非常长的任务名称" "a wide screen shows more of the long name"
s=$(screen_of t)
sep_col=$(printf '%s\n' "$s" | sed -n 10p | python3 -c 'import sys,unicodedata
s=sys.stdin.read().rstrip("\n")
col=0
for c in s:
    if c == "│" and col > 100:
        print(col); break
    col += 2 if unicodedata.east_asian_width(c) in "WF" else 1')
is "$sep_col" "120" "the pane separator stays in its column next to wide text"
quit t
expect t "[exit 0]" "quits"
