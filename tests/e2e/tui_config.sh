#!/bin/bash
# Starting the UI: a bad theme or config file is a clear error naming
# file:line before the terminal is touched; the config file chooses the
# theme and layout; the UI refuses to run without a terminal.
. "$SOURCE_ROOT/tests/e2e/tui_lib.sh"

run "$WARROOM" --db "$DB" --theme no-such-theme
is "$rc" "1" "an unknown theme exits 1"
has "$err" "no theme 'no-such-theme'" "and names it"

printf 'name: bad\ncolors256:\n  header: {fg: bleu}\n' > "$T/bad.yaml"
run "$WARROOM" --db "$DB" --theme "$T/bad.yaml"
is "$rc" "1" "a bad theme file exits 1"
has "$err" "bad.yaml:3: unknown colour 'bleu'" "and says file:line and what"

mkdir -p "$T/themes"
printf 'colors256:\n  alert: {fg: 1}\n  alrt: {fg: 2}\n' > "$T/themes/mine.yaml"
run env WARROOM_THEME_DIR="$T/themes" "$WARROOM" --db "$DB" --theme mine
has "$err" "mine.yaml:3: unknown role 'alrt'" "themes are found in WARROOM_THEME_DIR"

mkdir -p "$T/cfg/warroom"
printf 'theme: default\nlayot: tiled\n' > "$T/cfg/warroom/config.yaml"
run env XDG_CONFIG_HOME="$T/cfg" "$WARROOM" --db "$DB"
is "$rc" "1" "a bad config file exits 1"
has "$err" "config.yaml:2: unknown setting 'layot'" "and names file:line"

run "$WARROOM" --db "$DB"
is "$rc" "1" "without a terminal the UI refuses to start"
has "$err" "needs a terminal" "and says why"

# the same errors inside a terminal leave it usable (no curses mode)
tui_start bt 80x24 -- --theme "$T/bad.yaml"
expect bt "[exit 1]" "in a terminal a bad theme exits 1 at once"
expect bt "bad.yaml:3: unknown colour 'bleu'" "with the message on the plain screen"

printf 'theme: mono\nlayout: tiled\ndate_format: "%%m/%%d"\n' > "$T/cfg/warroom/config.yaml"
tui_start cf 100x30 "XDG_CONFIG_HOME=$T/cfg"
expect cf "2 Metrics" "config layout: tiled at 100x30"
expect cf "06/01–06/20" "config date format in the header"
e=$(tm capture-pane -p -e -t cf)
printf '%s' "$e" | grep -q "38;5;\|48;5;"
ok $((!$?)) "config theme: mono"
quit cf
tui_start cf2 100x30 "XDG_CONFIG_HOME=$T/cfg" -- --theme default
expect cf2 "2024夏季" "--theme wins over the config file"
e=$(tm capture-pane -p -e -t cf2)
printf '%s' "$e" | grep -q "38;5;"
ok $? "--theme default gives colour"
quit cf2

# read-only database (wall display): a banner, edits refused
tui_start ro 80x24 -- --read-only
expect ro "READ-ONLY" "--read-only shows a banner"
keys ro j ']'
expect ro "read-only" "an edit is refused in the status line"
quit ro
is "$(field kol-list progress)" "40" "nothing was written"
