#!/bin/bash
# The UI on different terminals and themes: 256 colours (xterm, screen),
# 8 colours (linux console), none (vt100), NO_COLOR, the four shipped
# themes; glyphs carry every meaning when there is no colour. capture-pane
# -e shows the attributes tmux recorded for each cell.
. "$SOURCE_ROOT/tests/e2e/tui_lib.sh"

esc=$(printf '\033')
n=0
for term in xterm-256color screen-256color linux vt100; do
	n=$((n + 1))
	tui_start "t$n" 80x24 "TERM=$term"
	expect "t$n" "2024夏季新品推广·界面测试" "TERM=$term: the UI starts"
	s=$(screen_of "t$n")
	has "$s" "✔ 活动创意简报" "TERM=$term: status glyphs are drawn"
	has "$s" "!▶ KOL名单筛选与沟通" "TERM=$term: the late glyph is drawn"
	e=$(tm capture-pane -p -e -t "t$n")
	case $term in
	*256color)
		has "$e" "${esc}[38;5;" "TERM=$term: 256-colour foregrounds are used"
		has "$e" "${esc}[48;5;" "TERM=$term: the selection is a background colour"
		;;
	linux)
		hasnt "$e" "38;5;" "TERM=linux: no 256-colour codes"
		printf '%s' "$e" | grep -q "${esc}\[[0-9;]*3[0-7]m"
		ok $? "TERM=linux: the 8 basic colours are used"
		;;
	vt100)
		printf '%s' "$e" | grep -q "${esc}\[[0-9;]*[34][0-8]m\|38;5;\|48;5;"
		ok $((!$?)) "TERM=vt100: no colour at all"
		printf '%s' "$e" | grep -q "${esc}\[[0-9;]*7m"
		ok $? "TERM=vt100: the header and selection are reverse video"
		;;
	esac
	keys "t$n" j ']'
	expect "t$n" "saved: progress of kol-list" "TERM=$term: an edit works"
	keys "t$n" u
	expect "t$n" "undone" "TERM=$term: and undo"
	quit "t$n"
	expect "t$n" "[exit 0]" "TERM=$term: quits cleanly"
done

tui_start nc 80x24 NO_COLOR=1
expect nc "2024夏季新品推广·界面测试" "NO_COLOR: the UI starts"
e=$(tm capture-pane -p -e -t nc)
printf '%s' "$e" | grep -q "${esc}\[[0-9;]*[34][0-8]m\|38;5;\|48;5;"
ok $((!$?)) "NO_COLOR: no colour codes at all"
printf '%s' "$e" | grep -q "${esc}\[[0-9;]*7m"
ok $? "NO_COLOR: attributes (reverse) still mark the header and selection"
printf '%s' "$e" | grep -q "${esc}\[[0-9;]*1m"
ok $? "NO_COLOR: bold still marks alerts"
s=$(screen_of nc)
has "$s" "!▶ KOL名单筛选与沟通" "NO_COLOR: late is the ! glyph"
has "$s" "✔ 活动创意简报" "NO_COLOR: done is the ✔ glyph"
has "$s" "███" "NO_COLOR: the done part of a bar is solid"
has "$s" "░░░" "NO_COLOR: the part to do is shaded"
has "$s" "!!" "NO_COLOR: days past due are marked !"
quit nc

for theme in default light high-contrast mono; do
	tui_start "th-$theme" 80x24 -- --theme "$theme"
	expect "th-$theme" "2024夏季新品推广·界面测试" "--theme $theme starts"
	quit "th-$theme"
	expect "th-$theme" "[exit 0]" "--theme $theme quits cleanly"
done
tui_start env-theme 80x24 WARROOM_THEME=mono
expect env-theme "2024夏季新品推广·界面测试" "WARROOM_THEME=mono starts"
e=$(tm capture-pane -p -e -t env-theme)
printf '%s' "$e" | grep -q "38;5;\|48;5;"
ok $((!$?)) "WARROOM_THEME=mono: no colour"
quit env-theme
