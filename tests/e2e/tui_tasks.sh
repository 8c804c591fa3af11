#!/bin/bash
# The Tasks pane driven through the real binary in tmux: what it shows at
# 80x24 and 200x60, moving, zoom, detail and help, edits and undo persisted
# in the database after quitting, filters and search, the campaign picker,
# following another operator's write, an edit conflict, and an idle screen
# that sends nothing.
. "$SOURCE_ROOT/tests/e2e/tui_lib.sh"

tui_start a 80x24
expect a "2024夏季新品推广·界面测试" "80x24: the header names the campaign"
s=$(screen_of a)
has "$s" "day 5 of 20" "the header says which day of the campaign it is"
has "$s" "预热期" "and the current phase"
has "$s" "14 tasks  ✔ 2 done" "header counts: total and done"
has "$s" "! 1 late" "header counts: late"
has "$s" "1 Tasks" "the tab bar"
has "$s" "!▶ KOL名单筛选与沟通" "a late task carries the ! glyph"
has "$s" "这是一个非常非常 …" "a long Chinese name is cut by width with an ellipsis"
has "$s" "直播带货🎥专场" "an emoji name is drawn whole"
has "$s" "夏のキャンペーン" "a Japanese name"
has "$s" "tester" "the status line names the user"
first=$(printf '%s\n' "$s" | sed -n 6p)
has "$first" "活动创意简报" "rows start under the two axis rows"
has "$first" "◆" "a milestone is a diamond"

keys a j j Enter
expect a "Task: 落地页设计与开发" "j j Enter opens the third task's detail"
expect a "History (newest first)" "with its history"
keys a Escape
expect_gone a "Task: 落地页设计与开发" "Esc goes back at once" 1
keys a '?'
expect a "zoom the time axis in" "? shows help generated from the key table"
expect a "Tasks pane" "with the Tasks pane's keys first"
keys a Escape
expect_gone a "zoom the time axis in" "Esc closes the help" 1

keys a +
expect a "zoom day" "+ zooms in to days"
keys a - -
expect a "zoom month" "- - zooms out to months"
keys a +
expect a "zoom week" "+ back to weeks"
before=$(screen_of a | sed -n 4p)
keys a L
wait_gone a "$before" 2
after=$(screen_of a | sed -n 4p)
[ "$before" != "$after" ]; ok $? "L scrolls the time axis"
keys a t
expect a "▼" "t jumps to today (the today mark is in view)"

# edits, persisted
keys a g j ']'
expect a "saved: progress of kol-list: 40 → 50" "] raises progress by 10 and says so"
keys a S
expect a "[3] done" "S opens the status menu"
keys a 3
expect a "saved: status of kol-list: in-progress → done" "3 marks it done"
expect a "✔ 3 done" "the header counts follow"
keys a j j '%'
expect a "progress (0-100):" "% asks for the progress"
keys a 7 5 Enter
expect a "saved: progress of daily-report: 20 → 75" "a typed progress replaces the old value"
keys a e
expect a "[r] problem" "e opens the field menu"
keys a r
expect a "problem:" "r edits the problem"
keys a C-u
tm send-keys -t a -l "仓库 blocked"
keys a Enter
expect a "saved: problem of daily-report" "a Chinese problem text is saved"
quit a
expect a "[exit 0]" "q quits with status 0"
is "$(field kol-list status)" "done" "after quitting, the status is in the database"
is "$(field kol-list progress)" "50" "and the progress"
is "$(field daily-report progress)" "75" "and the typed progress"
is "$(field daily-report problem)" "仓库 blocked" "and the problem text"
log=$("$WARROOM" --db "$DB" log ui-launch --format tsv)
is "$(printf '%s\n' "$log" | awk -F'\t' '$2 == "tester" && $4 == "task"' | wc -l | tr -d ' ')" "4" \
	"each edit wrote one audit row by the user"
tm kill-session -t a

# undo
tui_start b 80x24
expect b "KOL名单筛选与沟通" "restarted"
keys b j '[' '['
expect b "saved: progress of kol-list: 40 → 30" "[ lowers progress"
keys b u
expect b "undone: progress of kol-list back to 40" "u undoes the last edit"
keys b u
expect b "undone: progress of kol-list back to 50" "u again undoes the one before"
keys b u
expect b "nothing to undo" "undo stops at the start of the session"
quit b
is "$(field kol-list progress)" "50" "after undo the database holds the first value"
tm kill-session -t b

# filters, search, picker, panes
tui_start c 80x24
expect c "KOL名单筛选与沟通" "started again"
keys c m
expect c "3 of 14 tasks · zoom week · mine" "m shows only my tasks"
s=$(screen_of c)
hasnt "$s" "KOL名单筛选与沟通" "other owners' tasks are hidden"
keys c m '!'
expect c "late" "! shows late tasks"
keys c x
expect c "filters cleared" "x clears the filters"
keys c /
sleep 0.3
is "$(screen_of c | tail -1)" " /" "/ opens the search prompt in the status line"
tm send-keys -t c -l "直播"
expect c "1 of 14 tasks" "the list narrows as you type"
keys c Enter
expect c "1 task match" "Enter keeps the search"
keys c Escape
expect c "14 tasks · zoom week" "Esc clears it"
keys c s
expect c "by strategy" "s groups by strategy"
keys c s s s
expect c "no grouping" "s cycles back to no grouping"
keys c c
expect c "Campaigns (running first)" "c opens the campaign picker"
expect c "running, day 5/20" "with each campaign's state"
keys c Enter
expect c "opened 2024夏季新品推广·界面测试" "Enter opens the campaign"
keys c 2
expect c "2 Metrics" "2 switches to the Metrics pane"
keys c Tab Tab Tab
expect c "KOL名单筛选与沟通" "Tab cycles back to Tasks"
keys c BTab
expect_gone c "KOL名单筛选与沟通" "Shift-Tab goes to the previous pane"
keys c 1

# another operator's write shows up without a key press
"$WARROOM" --db "$DB" task ui-launch landing set progress 90 >/dev/null
expect c " 90% " "another operator's edit is followed within a couple of seconds" 4

# a conflict: the row changes between opening the prompt and saving
keys c g j j '%'
expect c "progress (0-100):" "prompt open on the landing task"
"$WARROOM" --db "$DB" task ui-launch landing set progress 95 >/dev/null
keys c 7 0 Enter
expect c "was changed by" "an edit on a changed row is refused, naming who changed it"
is "$(field landing progress)" "95" "and the other operator's value stays"
expect c " 95% " "the row is reloaded with their value"

# idle: no bytes to the terminal
sleep 1.5
tm pipe-pane -t c -o "cat > '$T/idle.out'"
sleep 3
tm pipe-pane -t c
is "$(wc -c < "$T/idle.out" | tr -d ' ')" "0" "an idle screen sends no bytes in 3 seconds"
quit c
tm kill-session -t c

# 200x60: the four panes tile
tui_start d 200x60
expect d "1 Tasks" "200x60 starts"
s=$(screen_of d)
has "$s" "2 Metrics" "the Metrics pane is tiled"
is "$(printf '%s\n' "$s" | grep -c '^ 3 Inbox')" "1" "the Inbox pane is tiled"
has "$s" "4 Review" "the Review pane is tiled"
has "$s" "这是一个非常非常长的任务名称" "long names get more room on a wide screen"
keys d w
expect d "layout: tabs" "w switches to tabs"
sleep 0.3
is "$(screen_of d | grep -c '^ 3 Inbox')" "0" "tabs show one pane"
keys d w
expect d "layout: tiled" "w again: tiled"
keys d j j Enter
expect d "Task: 落地页设计与开发" "detail view on the wide screen"
keys d Escape q
expect d "[exit 0]" "quits"
