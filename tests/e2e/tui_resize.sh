#!/bin/bash
# Sizes: fully usable at 80x24, "too small" down to 20x6 and below without
# crashing, and a storm of resizes leaves a sane screen and a live process.
. "$SOURCE_ROOT/tests/e2e/tui_lib.sh"

tui_start r 80x24
expect r "2024夏季新品推广·界面测试" "starts at 80x24"
tm resize-window -t r -x 20 -y 6
expect r "terminal too small" "20x6 says the terminal is too small"
expect r "(20x6, need 40x10)" "with its size and the minimum"
tm resize-window -t r -x 39 -y 24
expect r "terminal too small" "39 columns is too small"
tm resize-window -t r -x 80 -y 9
expect r "terminal too small" "9 rows is too small"
tm resize-window -t r -x 10 -y 2
sleep 0.3
tm resize-window -t r -x 3 -y 1
sleep 0.3
tm resize-window -t r -x 40 -y 10
expect r "2024夏季" "40x10 works again after tiny sizes"
for i in $(seq 1 20); do
	w=$((20 + (i * 37) % 190))
	h=$((6 + (i * 13) % 60))
	tm resize-window -t r -x "$w" -y "$h"
done
tm resize-window -t r -x 80 -y 24
expect r "2024夏季新品推广·界面测试" "after 20 rapid resizes the header is drawn"
expect r "14 tasks" "and the counts"
expect r "KOL名单筛选与沟通" "and the tasks"
s=$(screen_of r)
hasnt "$s" "[exit" "the process is alive"
# The last resize may still be settling on a loaded machine: poll for it.
last_row=0
for _ in $(seq 1 100); do
	last_row=$(screen_of r | sed -n 24p | grep -c tester)
	[ "$last_row" = 1 ] && break
	sleep 0.1
done
is "$last_row" "1" "the status line is on the last row"
keys r j Enter
expect r "Task: KOL名单筛选与沟通" "keys still work after the storm"
tm resize-window -t r -x 200 -y 60
sleep 0.3
expect r "History (newest first)" "a detail view survives growing to 200x60"
keys r Escape
expect r "4 Review" "and the panes tile behind it"
tm resize-window -t r -x 60 -y 15
expect r "KOL名单" "60x15 is usable"
for i in $(seq 1 20); do
	tm resize-window -t r -x $((30 + i % 3 * 50)) -y $((8 + i % 2 * 30))
done
tm resize-window -t r -x 80 -y 24
expect r "14 tasks" "a second storm, including too-small sizes"
quit r
expect r "[exit 0]" "quits with status 0"

tui_start small 20x6
expect small "terminal too small" "starting at 20x6 says too small"
tm resize-window -t small -x 100 -y 30
expect small "2024夏季新品推广·界面测试" "and grows into the full UI"
quit small
expect small "[exit 0]" "quits"
