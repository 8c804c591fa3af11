#!/bin/bash
# warroom standup on a fixture seen on Wednesday 2024-06-05 at 09:30: text,
# Markdown and JSON compared byte for byte with golden files; what the
# meeting needs checked one by one (a late task's owner, a metric in alert
# with its deviation, a risk's hours left, negative feedback since the
# previous working day with its top tags, the weighted score); --since,
# Monday's stand-up, --all; hostile text sanitised in text, escaped in
# Markdown and HTML (read back by html.parser), intact in JSON; errors.
# UPDATE_GOLDEN=1 rewrites the golden files (review them before committing).
. "$SOURCE_ROOT/tests/e2e/lib.sh"
command -v python3 >/dev/null || { echo "1..0 # SKIP python3 is not installed"; exit 0; }
export WARROOM_TODAY=2024-06-05 WARROOM_NOW=09:30 WARROOM_USER=tester
DB="$T/standup.db"
GOLDEN="$SOURCE_ROOT/tests/golden"

run "$WARROOM" --db "$DB" import "$SOURCE_ROOT/tests/fixtures/standup-launch.yaml"
is "$rc" 0 "the fixture imports"
# Yesterday's scan opened risks for what was already wrong then; today's
# stand-up opens the rest.
WARROOM_TODAY=2024-06-04 WARROOM_NOW=10:00 "$WARROOM" --db "$DB" risks >/dev/null
"$WARROOM" --db "$DB" risk standup-launch 2 set cause "KOL档期冲突" >/dev/null &&
	"$WARROOM" --db "$DB" risk standup-launch 2 set plan "换备选KOL" >/dev/null
ok $? "risk 2 gets its cause and plan"

# golden FORMAT EXT: the page against tests/golden/standup-launch.EXT
golden() {
	local want="$GOLDEN/standup-launch.$2" got="$T/standup.$2"
	"$WARROOM" --db "$DB" standup standup-launch --format "$1" -o "$got"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$got" "$want"
		echo "# wrote $want"
	fi
	if cmp -s "$got" "$want"; then ok 0 "standup --format $1 matches the golden file byte for byte"; else
		ok 1 "standup --format $1 matches the golden file byte for byte"
		diff -u "$want" "$got" | head -60 | sed 's/^/#   /'
	fi
}
golden text txt
golden md md
golden json json

run "$WARROOM" --db "$DB" standup
is "$rc" 0 "standup with no campaign takes the one running today"
cmp -s "$T/out" "$T/standup.txt"
ok $? "and prints the same page"
has "$out" "Stand-up Wed 2024-06-05 · new since Tue 2024-06-04 (the previous working day)" \
	"the page says the day and since when"
line() { printf '%s\n' "$out" | grep -F -- "$1" | head -1; }
has "$(line kol-video)" "媒介" "a late task shows its owner"
has "$(line kol-video)" "2 days late" "and how late it is"
has "$(line "  ↓  landing")" "50% expected" "a behind task shows the progress expected by now"
has "$(line "06-06 tomorrow")" "◆ 新品首发直播" "a milestone due tomorrow is in the next two days"
hasnt "$out" "recap" "a task due in three days is not"
has "$(line "✖ alert")" "-26%" "a metric in alert shows its deviation"
has "$(line "! warn")" "-10%" "a metric in warn too"
has "$(line "1  metric  retention")" "24h left" "a risk shows the hours left to respond"
has "$(line "2  task    kol-video")" "responded" "a risk with cause and plan is responded"
has "$(line "3  task    teaser")" "48h left" "a risk opened by today's scan has 48 hours"
has "$out" "Negative feedback since Tue 2024-06-04: 3 of 5 new" "negative feedback since the last stand-up"
has "$out" "Top tags: 物流 2 · 客服 1 · 包装 1" "with its top tags"
hasnt "$out" "物流太慢了" "feedback from before the last stand-up is left out"
has "$out" "Weighted score 105% (3 of 3 weighted metrics)" "the weighted score"

python3 - "$T/standup.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
c = d['campaigns'][0]
assert d['since'] == '2024-06-04' and d['since_rule'] == 'previous working day'
assert [t['owner'] for t in c['tasks']['late']] == ['媒介', '设计组']
assert c['metrics'][0]['level'] == 'alert' and abs(c['metrics'][0]['deviation'] + 0.2571428571) < 1e-9
assert c['risks'][0]['hours_left'] == 24.5
assert c['feedback']['negative'] == 3 and c['feedback']['top_tags'][0] == {'tag': '物流', 'count': 2}
assert abs(c['score'] - 1.048979592) < 1e-9
EOF
ok $? "the JSON page parses and carries the same figures"

run "$WARROOM" --db "$DB" standup standup-launch --since 2024-06-01
has "$out" "Negative feedback since Sat 2024-06-01: 4 of 6 new" "--since moves the start"
hasnt "$out" "previous working day" "and the page does not claim the default"
run env WARROOM_TODAY=2024-06-10 "$WARROOM" --db "$DB" --read-only standup standup-launch
has "$out" "new since Fri 2024-06-07 (the previous working day)" "Monday's stand-up covers Friday and the weekend"
is "$rc" 0 "a read-only database gives the page without updating the risk log"

# hostile text, and --all over the running campaigns
cat >"$T/hostile.yaml" <<'EOF'
id: hostile
name: "Evil <b>co</b> \e]52;c;cGF3bmVk\a"
type: conversion
owner: ops
start: 2024-06-01
end: 2024-06-20
tasks:
  - {id: xss, name: "<script>alert(1)</script> | *bold* [x](javascript:alert(2))",
     owner: "\e[31mred\e[0m \u202Eevil", start: 2024-05-28, due: 2024-06-03, status: in-progress,
     progress: 10}
feedback_tags:
  service: [物流]
feedback:
  - {at: "2024-06-04 11:00", channel: "<i>app</i>", text: "物流 <img src=x onerror=alert(3)> \e[2J", rating: 1}
EOF
cat >"$T/over.yaml" <<'EOF'
id: over
name: 已结束的活动
type: conversion
owner: ops
start: 2024-05-01
end: 2024-05-20
tasks:
  - {id: t, name: 早已结束, owner: ops, start: 2024-05-01, due: 2024-05-10, progress: 0}
EOF
"$WARROOM" --db "$DB" import "$T/hostile.yaml" "$T/over.yaml" >/dev/null
run "$WARROOM" --db "$DB" standup --all
is "$rc" 0 "--all exits 0"
has "$out" "2024夏季新品推广 (standup-launch)" "--all has the running fixture"
has "$out" "(hostile)" "and the other running campaign"
hasnt "$out" "已结束的活动" "but not a finished one"
printf '%s' "$out" | LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]'
ok $((!$?)) "the text page has no control characters"
hasnt "$out" $'\u202e' "nor a bidi override"
has "$out" '\e[31mred' "an escape in an owner is shown as text"

"$WARROOM" --db "$DB" standup hostile --format md -o "$T/h.md"
md=$(cat "$T/h.md")
has "$md" '\<script\>alert(1)\</script\> \| \*bold\* \[x\](javascript:alert(2))' \
	"Markdown escapes markup, table pipes and links"
hasnt "$md" $'\e' "Markdown has no raw escape"

"$WARROOM" --db "$DB" standup --all --format html -o "$T/all.html"
python3 - "$T/all.html" <<'EOF'
import sys
from html.parser import HTMLParser
VOID = {'meta', 'br', 'img', 'hr', 'link'}
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.bad, self.tags, self.text = [], [], set(), []
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if any(k in ('src', 'href') or k.startswith('on') for k, _ in attrs):
            self.bad.append(tag)
        if tag not in VOID:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.bad.append('/' + tag)
    def handle_data(self, d):
        self.text.append(d)
html = open(sys.argv[1], encoding='utf-8').read()
p = P()
p.feed(html)
p.close()
text = ''.join(p.text)
assert not p.bad and not p.stack, (p.bad, p.stack)
assert not ({'script', 'img', 'i', 'b', 'a'} & p.tags), p.tags
assert 'http' not in html and 'url(' not in html and '\x1b' not in html
assert '<script>alert(1)</script>' in text and '<img src=x onerror=alert(3)>' in text
assert '@media print' in html
EOF
ok $? "HTML: balanced, self-contained, hostile text only as text"

"$WARROOM" --db "$DB" standup hostile --format json -o "$T/h.json"
python3 - "$T/h.json" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1], encoding='utf-8'))['campaigns'][0]
assert c['tasks']['late'][0]['name'] == '<script>alert(1)</script> | *bold* [x](javascript:alert(2))'
assert c['tasks']['late'][0]['owner'] == '\x1b[31mred\x1b[0m \u202eevil'
assert c['feedback']['latest'][0]['text'].endswith('\x1b[2J')
EOF
ok $? "JSON keeps hostile text exactly, escaped"

# errors
run "$WARROOM" --db "$DB" standup --format pdf
is "$rc" 2 "an unknown format exits 2"
has "$err" "--format is text, md, html or json" "and says which formats there are"
run "$WARROOM" --db "$DB" standup --since 2024-13-01
is "$rc" 2 "an impossible --since date exits 2"
run "$WARROOM" --db "$DB" standup nope
is "$rc" 1 "an unknown campaign exits 1"
has "$err" "no campaign 'nope'" "and names it"
run "$WARROOM" --db "$DB" standup hostile --all
is "$rc" 2 "a campaign and --all together exit 2"
run "$WARROOM" --db "$T/empty.db" standup
is "$rc" 1 "a database without campaigns exits 1"
has "$err" "no campaign yet" "and says how to get one"
