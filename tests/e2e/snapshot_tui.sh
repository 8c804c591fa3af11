#!/bin/bash
# Snapshots against the real terminal UI in tmux: `warroom snapshot` prints,
# character for character, what `tmux capture-pane -p` shows for the same
# database, size, theme and clock (120x40, 80x24, 160x45 tiled, the
# Metrics pane, mono); an ANSI snapshot cat into a pane gives back the same
# characters and the same colours cell by cell; p in the UI writes the
# files named in the status line; P pipes the text to the print command
# from the config, without a shell.
. "$SOURCE_ROOT/tests/e2e/tui_lib.sh"
command -v python3 >/dev/null || { echo "1..0 # SKIP python3 is not installed"; exit 0; }

export WARROOM_NOW=09:30 WARROOM_USER=tester TERM=xterm-256color
unset NO_COLOR
mkdir -p "$T/cfg/warroom" "$T/snaps"
export XDG_CONFIG_HOME="$T/cfg"
printf 'snapshot_dir: %s\n' "$T/snaps" >"$XDG_CONFIG_HOME/warroom/config.yaml"
# The Metrics pane opens risks when it loads and says so in the status
# line; bring the risk log up to date first so that neither side is the
# one that opens them.
"$WARROOM" --db "$DB" risks >/dev/null

# Cells of a `capture-pane -e` dump: SGR state carries across lines, as
# tmux writes only what changes. Compares what can be seen: a character
# with its colours and attributes; for a blank, its background and the
# attributes that show on a blank (reverse, underline).
cat >"$T/cells.py" <<'EOF'
import re, sys
SGR = re.compile(r'\x1b\[([0-9;]*)m')
def cells(path):
    fg = bg = None
    at = set()
    rows = []
    for line in open(path, encoding='utf-8').read().split('\n'):
        row, i = [], 0
        while i < len(line):
            m = SGR.match(line, i)
            if not m:
                row.append((line[i], fg, bg, frozenset(at)))
                i += 1
                continue
            ps = [int(p or 0) for p in m.group(1).split(';')] if m.group(1) else [0]
            j = 0
            while j < len(ps):
                p = ps[j]
                if p == 0: fg = bg = None; at = set()
                elif p in (1, 2, 3, 4, 7): at.add(p)
                elif p == 22: at -= {1, 2}
                elif p in (23, 24, 27): at.discard(p - 20)
                elif 30 <= p <= 37: fg = p - 30
                elif 90 <= p <= 97: fg = p - 82
                elif 40 <= p <= 47: bg = p - 40
                elif 100 <= p <= 107: bg = p - 92
                elif p == 39: fg = None
                elif p == 49: bg = None
                elif p in (38, 48) and j + 2 < len(ps) and ps[j + 1] == 5:
                    if p == 38: fg = ps[j + 2]
                    else: bg = ps[j + 2]
                    j += 2
                j += 1
            i = m.end()
        rows.append(row)
    return rows
def seen(row):
    row = [c if c[0] != ' ' else (' ', None, c[2], c[3] & {4, 7}) for c in row]
    while row and row[-1] == (' ', None, None, frozenset()):
        row.pop()
    return row
a, b = cells(sys.argv[1]), cells(sys.argv[2])
bad = 0
for y in range(max(len(a), len(b))):
    ra = seen(a[y]) if y < len(a) else []
    rb = seen(b[y]) if y < len(b) else []
    if ra != rb:
        bad += 1
        x = next(x for x in range(max(len(ra), len(rb)))
                 if (ra[x] if x < len(ra) else None) != (rb[x] if x < len(rb) else None))
        print('# row %d col %d: %r != %r' % (y, x, ra[x] if x < len(ra) else None,
                                             rb[x] if x < len(rb) else None))
sys.exit(1 if bad else 0)
EOF

# same_screen NAME WxH DESCRIPTION [SNAPSHOT ARGS...]: the UI in session
# NAME against `warroom snapshot` of the same size.
same_screen() {
	local name=$1 size=$2 what=$3
	shift 3
	tm capture-pane -p -t "$name:" >"$T/$name.tmux"
	"$WARROOM" --db "$DB" snapshot --size "$size" "$@" >"$T/$name.snap"
	if diff "$T/$name.tmux" "$T/$name.snap" >"$T/$name.diff"; then ok 0 "$what"; else
		ok 1 "$what"
		sed 's/^/#   /' "$T/$name.diff" | head -20
	fi
}

tui_start s120 120x40 WARROOM_NOW=09:30 "XDG_CONFIG_HOME=$XDG_CONFIG_HOME"
expect s120 "09:30:00" "the UI is drawn at 120x40 (the clock fixed by WARROOM_NOW)"
same_screen s120 120x40 "120x40: the snapshot equals tmux capture-pane, character for character"
s=$(cat "$T/s120.snap")
has "$s" "直播带货🎥专场" "wide characters and emoji once each"
has "$s" "│" "with the box drawing"
lines=$(wc -l <"$T/s120.snap" | tr -d ' ')
is "$lines" "40" "one line per row"
grep -q ' $' "$T/s120.snap"
ok $((!$?)) "trailing spaces are cut as capture-pane cuts them"

# ANSI: cat into a pane one row taller (the last newline scrolls nothing away)
"$WARROOM" --db "$DB" snapshot --size 120x40 --format ansi >"$T/s120.ansi"
tm new-session -d -s cat120 -x 120 -y 41 "cat '$T/s120.ansi'; sleep 600"
sleep 0.5
for i in $(seq 1 40); do
	tm capture-pane -p -t cat120: -S 0 -E 39 | cmp -s - "$T/s120.snap" && break
	sleep 0.1
done
tm capture-pane -p -t cat120: -S 0 -E 39 >"$T/cat120.txt"
diff "$T/cat120.txt" "$T/s120.snap" >/dev/null
ok $? "the ANSI snapshot cat into tmux shows the same characters"
tm capture-pane -p -e -t s120: -S 0 -E 39 >"$T/s120.e"
tm capture-pane -p -e -t cat120: -S 0 -E 39 >"$T/cat120.e"
python3 "$T/cells.py" "$T/s120.e" "$T/cat120.e"
ok $? "and the same colours and attributes, cell by cell (capture-pane -e)"
grep -q $'\e\\[[0-9;]*38;5;231;48;5;24m' "$T/s120.ansi"
ok $? "the header's theme colours are 256-colour SGR"
awk '/\x1b\[/ && !/\x1b\[0m$/ && !/\x1b\[K$/' "$T/s120.ansi" | grep -q .
ok $((!$?)) "every coloured line ends reset"

# the Metrics pane, by key in the UI and by --pane
keys s120 2
expect s120 "metric" "2 shows the Metrics pane"
sleep 0.3
same_screen s120 120x40 "--pane metrics equals the UI after 2" --pane metrics

# p: the live screen to files in the config's snapshot folder
keys s120 1
expect s120 "zoom week" "back on the Tasks pane"
sleep 0.3
tm capture-pane -p -t s120: >"$T/before-p.txt"
keys s120 p
expect s120 "snapshot: warroom-ui-launch-tasks-20240605-0930.txt .ansi .html in" \
	"p names the files in the status line"
base="$T/snaps/warroom-ui-launch-tasks-20240605-0930"
[ -f "$base.txt" ] && [ -f "$base.ansi" ] && [ -f "$base.html" ]
ok $? "p wrote .txt, .ansi and .html into snapshot_dir"
diff "$base.txt" "$T/before-p.txt" >/dev/null
ok $? "the .txt is the screen as it was when p was pressed"
"$WARROOM" --db "$DB" snapshot --size 120x40 --format ansi | cmp -s - "$base.ansi"
ok $? "the .ansi equals warroom snapshot --format ansi of the same screen"
keys s120 p
expect s120 "warroom-ui-launch-tasks-20240605-0930-2.txt" "a second p in the same minute never overwrites"
quit s120

# 80x24 and 160x45 (tiled)
tui_start s80 80x24 WARROOM_NOW=09:30 "XDG_CONFIG_HOME=$XDG_CONFIG_HOME"
expect s80 "09:30:00" "the UI is drawn at 80x24"
same_screen s80 80x24 "80x24: the snapshot equals the capture"
quit s80
tui_start s160 160x45 WARROOM_NOW=09:30 "XDG_CONFIG_HOME=$XDG_CONFIG_HOME"
expect s160 "4 Review" "the UI is tiled at 160x45"
wait_for s160 "09:30:00" 5
same_screen s160 160x45 "160x45: the tiled snapshot equals the capture"
same_screen s160 160x45 "--pane all gives the same tiled screen" --pane all
quit s160

# mono, in the UI and in the snapshot
tui_start sm 120x40 WARROOM_NOW=09:30 "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" -- --theme mono
expect sm "09:30:00" "the UI in the mono theme"
same_screen sm 120x40 "mono: the snapshot equals the capture" --theme mono
"$WARROOM" --db "$DB" snapshot --size 120x40 --theme mono --format ansi >"$T/sm.ansi"
tm new-session -d -s catm -x 120 -y 41 "cat '$T/sm.ansi'; sleep 600"
sleep 0.5
tm capture-pane -p -e -t sm: -S 0 -E 39 >"$T/sm.e"
tm capture-pane -p -e -t catm: -S 0 -E 39 >"$T/catm.e"
python3 "$T/cells.py" "$T/sm.e" "$T/catm.e"
ok $? "mono ANSI: the same attributes cell by cell"
grep -q '38;5;\|48;5;' "$T/sm.ansi"
ok $((!$?)) "mono ANSI has no colour, only attributes"
quit sm

# P: the text to the print command, run without a shell
cat >"$T/fake-lp" <<EOF
#!/bin/sh
printf '%s\n' "\$@" >"$T/lp-args"
cat >"$T/lp-input"
echo "request id is office-7 (1 file(s))"
EOF
chmod +x "$T/fake-lp"
printf 'snapshot_dir: %s\nprint_command: %s -d office ;touch %s $(id)\n' "$T/snaps" "$T/fake-lp" \
	"$T/pwned" >"$XDG_CONFIG_HOME/warroom/config.yaml"
tui_start sp 100x30 WARROOM_NOW=09:30 "XDG_CONFIG_HOME=$XDG_CONFIG_HOME"
expect sp "09:30:00" "the UI with a print command"
tm capture-pane -p -t sp: >"$T/before-P.txt"
keys sp P
expect sp "printed with" "P says it printed"
expect sp "request id is office-7" "with the print command's answer"
diff "$T/lp-input" "$T/before-P.txt" >/dev/null
ok $? "the print command got the screen's text on its standard input"
is "$(tr '\n' ' ' <"$T/lp-args")" "-d office ;touch $T/pwned \$(id) " \
	"its arguments are the config's words as they are"
[ ! -e "$T/pwned" ]
ok $? "no shell ran: ; and \$( ) stayed plain text"
quit sp
printf 'print_command: %s/no-such-lp\n' "$T" >"$XDG_CONFIG_HOME/warroom/config.yaml"
tui_start sp2 100x30 WARROOM_NOW=09:30 "XDG_CONFIG_HOME=$XDG_CONFIG_HOME"
expect sp2 "09:30:00" "the UI with a missing print command"
keys sp2 P
expect sp2 "print: cannot run" "a print command that does not exist is reported in the status line"
quit sp2
printf 'snapshot_dir: %s/nowhere\n' "$T" >"$XDG_CONFIG_HOME/warroom/config.yaml"
tui_start sp3 100x30 WARROOM_NOW=09:30 "XDG_CONFIG_HOME=$XDG_CONFIG_HOME"
expect sp3 "09:30:00" "the UI with a snapshot folder that does not exist"
keys sp3 p
expect sp3 "snapshot: cannot write into" "p says the folder cannot be written"
keys sp3 P
expect sp3 "print_command" "P without a print command says how to set one"
quit sp3
