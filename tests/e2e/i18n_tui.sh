#!/bin/bash
# The terminal UI in Chinese at 80x24: LANG=zh_CN.UTF-8 (installed or not)
# and zh_TW show translated headers, tabs, counts, help and status line;
# the Gantt's columns line up by display width with double-width names.
. "$(dirname "$0")/tui_lib.sh"

# pct_columns NAME: the display column of the progress column's % sign on
# each task row (a row with a status sign in its second column).
pct_columns() {
	screen_of "$1" | python3 -c '
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for line in sys.stdin:
    if len(line) > 3 and line[1] in "\u2714\u25b6\u00b7\u2016" and "%" in line:
        print(width(line[:line.index("%")]))'
}

tui_start zh 80x24 LC_ALL= LANG=zh_CN.UTF-8
expect zh "1 任务" "zh_CN: the tab bar is in Chinese"
expect zh "个任务" "the task counts are in Chinese"
expect zh "? 帮助 · q 退出" "the status line hint is in Chinese"
screen=$(screen_of zh)
has "$screen" "第 " "the header says which day of the campaign it is"
has "$screen" "负责人" "the Gantt's column headings are in Chinese"
hasnt "$screen" "tasks ·" "no English label is left on the first screen"
echo "# the screen:"
printf '%s\n' "$screen" | sed 's/^/#   |/'
cols=$(pct_columns zh | sort -u)
n=$(pct_columns zh | wc -l)
[ "$n" -ge 10 ] && [ "$(printf '%s\n' "$cols" | wc -l)" -eq 1 ]
ok $? "with double-width names and owners the % column is at one display column on all $n rows ($cols)"
while IFS= read -r line; do
	w=$(printf '%s' "$line" | python3 -c 'import sys, unicodedata; print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in sys.stdin.read()))')
	[ "$w" -le 80 ] || { ok 1 "a line is wider than 80 columns: $line"; break; }
done <<<"$screen"
keys zh '?'
expect zh "warroom 按键" "? opens the key help in Chinese"
expect zh "放大时间轴" "with the Tasks pane's keys described in Chinese"
keys zh Escape
keys zh Enter
expect zh "历史记录" "Enter opens the task's detail in Chinese"
keys zh Escape
keys zh 2
expect zh "2 指标" "the other panes' tabs are in Chinese"
quit zh

tui_start tw 80x24 LC_ALL= LANG=zh_TW.UTF-8
expect tw "1 任務" "zh_TW: the tab bar is in Traditional Chinese"
expect tw "? 說明 · q 退出" "with Taiwan terms in the status line"
quit tw

# A locale that is not generated on the machine still shows Chinese.
tui_start gb 80x24 LC_ALL= LANG=zh_CN.GB18030
expect gb "1 任务" "LANG=zh_CN.GB18030 (not installed): still Chinese, drawn in UTF-8"
quit gb

tui_start en 80x24 LC_ALL=C.UTF-8
expect en "1 Tasks" "C.UTF-8 stays English"
quit en
