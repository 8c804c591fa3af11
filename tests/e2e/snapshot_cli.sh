#!/bin/bash
# warroom snapshot without a terminal: reproducible under a fixed clock,
# HTML read back by a real parser (balanced, no script, no URL, hostile
# text only escaped, its text the same as the text snapshot), ANSI and
# text free of control characters from the data, mono glyphs, the
# options' errors with their exit statuses, and speed on a large campaign.
. "$SOURCE_ROOT/tests/e2e/lib.sh"
command -v python3 >/dev/null || { echo "1..0 # SKIP python3 is not installed"; exit 0; }
export WARROOM_TODAY=2024-06-05 WARROOM_NOW=09:30 WARROOM_USER=tester TERM=xterm-256color
export XDG_CONFIG_HOME="$T/cfg"
unset NO_COLOR WARROOM_THEME
DB="$T/s.db"

# A campaign whose names try to break out of every format.
cat >"$T/hostile.yaml" <<'EOF'
id: hostile
name: "<b>Launch</b> & \"quotes\" \e]52;c;cGF3bmVk\a"
type: conversion
owner: ops
start: 2024-06-01
end: 2024-06-20
metrics:
  - {key: gmv, name: GMV, layer: result, unit: 元, target: 100万, aggregate: sum, weight: 100}
tasks:
  - {id: xss, name: "<script>alert(1)</script>", owner: "<img src=x onerror=alert(2)>",
     start: 2024-05-28, due: 2024-06-03, status: in-progress, progress: 10}
  - {id: esc, name: "red \e[31mALERT\e[0m \u202Egnp.exe", owner: ops, start: 2024-06-01,
     due: 2024-06-10, status: in-progress, progress: 50, milestone: true}
  - {id: done, name: 已完成的任务, owner: 张三, start: 2024-05-25, due: 2024-05-30, status: done,
     progress: 100}
EOF
"$WARROOM" --db "$DB" import "$T/hostile.yaml" >/dev/null || {
	echo "Bail out! the hostile fixture does not import"
	exit 1
}
"$WARROOM" --db "$DB" risks >/dev/null

run "$WARROOM" --db "$DB" snapshot hostile
is "$rc" "0" "snapshot exits 0"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "40" "120x40 by default"
has "$out" "<script>alert(1)</script>" "a hostile name is shown as text"
printf '%s' "$out" | LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]'
ok $((!$?)) "the text snapshot has no control characters"
hasnt "$out" $'\u202e' "nor a bidi override"
"$WARROOM" --db "$DB" snapshot hostile >"$T/again.txt"
printf '%s\n' "$out" | cmp -s - "$T/again.txt"
ok $? "the same database and clock give the same snapshot"
WARROOM_NOW=17:45 "$WARROOM" --db "$DB" snapshot hostile | grep -q "17:45:00"
ok $? "WARROOM_NOW sets the clock shown"

# ANSI: only SGR and EL reach the terminal
"$WARROOM" --db "$DB" snapshot hostile --format ansi -o "$T/h.ansi"
is "$?" "0" "-o writes the ANSI snapshot"
python3 - "$T/h.ansi" <<'EOF'
import re, sys
data = open(sys.argv[1], encoding='utf-8').read()
rest = re.sub(r'\x1b\[[0-9;]*[mK]', '', data)
bad = [c for c in rest if (ord(c) < 32 and c != '\n') or 0x7f <= ord(c) < 0xa0 or c == '\u202e']
sys.exit(1 if bad or '\x1b' in rest else 0)
EOF
ok $? "the ANSI snapshot holds no escape but SGR and EL, no C1, no bidi control"

# HTML read back by a real parser
"$WARROOM" --db "$DB" snapshot hostile --format html -o "$T/h.html"
"$WARROOM" --db "$DB" snapshot hostile >"$T/h.txt"
python3 - "$T/h.html" "$T/h.txt" >"$T/html.out" 2>&1 <<'EOF'
import sys
from html.parser import HTMLParser
VOID = {'meta', 'br', 'img', 'link', 'hr', 'input'}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags, self.pre, self.in_pre = [], [], set(), [], 0
        self.urls = []
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for k, v in attrs:
            if k in ('src', 'href') or k.startswith('on'):
                self.errors.append('attribute %s' % k)
        if tag not in VOID:
            self.stack.append(tag)
        if tag == 'pre':
            self.in_pre += 1
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append('unbalanced </%s>' % tag)
        else:
            self.stack.pop()
        if tag == 'pre':
            self.in_pre -= 1
    def handle_data(self, d):
        if self.in_pre:
            self.pre.append(d)
html = open(sys.argv[1], encoding='utf-8').read()
p = P()
p.feed(html)
p.close()
checks = {
    'balanced': not p.errors and not p.stack,
    'no script element': 'script' not in p.tags and '<script' not in html.lower(),
    'no URL': 'http:' not in html and 'https:' not in html and 'url(' not in html and '@import' not in html,
    'script text escaped': '&lt;script&gt;alert(1)&lt;/script&gt;' in html,
    'no raw tag from the data': '<img' not in html and '<b>' not in html,
    'title escaped': '&lt;b&gt;Launch&lt;/b&gt; &amp; &quot;quotes&quot;' in html,
    'no raw ESC': '\x1b' not in html,
    'pre text is the text snapshot': [l.rstrip(' ') for l in ''.join(p.pre).split('\n')] ==
        open(sys.argv[2], encoding='utf-8').read().split('\n'),
    'monospace': 'monospace' in html,
    'print styles': '@media print' in html,
}
for k, v in checks.items():
    print(('ok ' if v else 'FAIL ') + k)
sys.exit(0 if all(checks.values()) else 1)
EOF
st=$?
ok $st "the HTML snapshot parses: balanced, no script, no URL, hostile text escaped, same text"
[ $st -eq 0 ] || sed 's/^/#   /' "$T/html.out"

# mono: meaning through glyphs and attributes
run "$WARROOM" --db "$DB" snapshot hostile --theme mono --format ansi
for g in ✔ ▶ '!' ◆; do
	has "$out" "$g" "mono keeps the glyph $g"
done
printf '%s' "$out" | grep -q $'\e\\[[0-9;]*\\(38;5\\|48;5\\|;3[0-7]\\|;4[0-7]\\|;9[0-7]\\)'
ok $((!$?)) "mono has no colour"
printf '%s' "$out" | grep -q $'\e\[0;7m'
ok $? "mono marks with reverse video"
"$WARROOM" --db "$DB" snapshot hostile --theme mono --format html >"$T/m.html"
grep -q 'background: #ffffff' "$T/m.html"
ok $? "a mono HTML page is paper white"

# panes and keys
run "$WARROOM" --db "$DB" snapshot hostile --pane review --size 100x30
has "$out" "Overview" "--pane review shows the Review pane"
"$WARROOM" --db "$DB" metric record hostile gmv 30万 --at 2024-06-04 >/dev/null
run "$WARROOM" --db "$DB" snapshot hostile --pane all --size 80x30
printf '%s\n' "$out" | grep -Eq '│ +GMV +30万 +30%'
ok $? "tiled at 80 columns, the review's goal figures stay apart (actual, achievement)"
run "$WARROOM" --db "$DB" snapshot hostile --keys '?' --size 120x200
has "$out" "snapshot: write the screen to files" "--keys '?' shows the help, which lists p"
has "$out" "print the screen's text" "and P"

# bad input: one line, the right exit status
bad() { # bad STATUS TEXT DESCRIPTION ARGS...
	local want=$1 text=$2 what=$3
	shift 3
	run "$WARROOM" --db "$DB" snapshot "$@"
	is "$rc" "$want" "$what: exit $want"
	has "$err" "$text" "$what: says so"
	is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" "1" "$what: in one line"
}
bad 2 "--pane is tasks, metrics, inbox, review or all" "an unknown pane" --pane gantt
bad 2 "--size wants WIDTHxHEIGHT" "a 0x0 screen" --size 0x0
bad 2 "--size wants WIDTHxHEIGHT" "a size that is not one" --size big
bad 2 "too small" "a 10x5 screen" --size 10x5
bad 2 "needs at least 80x24" "all panes on a small screen" --pane all --size 60x20
bad 2 "--format is text, ansi or html" "an unknown format" --format pdf
bad 1 "no campaign 'nope'" "an unknown campaign" nope
bad 1 "no theme 'neon'" "an unknown theme" --theme neon
bad 1 "unknown key <Nope>" "a bad key script" --keys '<Nope>'
bad 2 "expected at most one campaign id" "two campaigns" a b

# a large campaign: only the visible rows are read
python3 - "$T/big.yaml" <<'EOF'
import sys
with open(sys.argv[1], 'w') as f:
    f.write('id: big\nname: 大促二万任务\ntype: conversion\nowner: ops\nstart: 2024-06-01\nend: 2024-06-30\ntasks:\n')
    for i in range(20000):
        f.write('  - {id: t%d, name: 任务%d, owner: o%d, start: 2024-06-%02d, due: 2024-06-%02d, progress: %d}\n'
                % (i, i, i % 50, 1 + i % 20, 5 + i % 20, i % 100))
EOF
"$WARROOM" --db "$T/big.db" import "$T/big.yaml" >/dev/null
"$WARROOM" --db "$T/big.db" risks >/dev/null
start=$(date +%s%N)
for i in 1 2 3 4 5; do "$WARROOM" --db "$T/big.db" snapshot big >/dev/null; done
ms=$((($(date +%s%N) - start) / 5000000))
echo "# snapshot of a 20,000-task campaign: ${ms} ms per run (process start included)"
[ "$ms" -lt 500 ]
ok $? "a 20,000-task campaign snapshots in well under a second (${ms} ms)"
