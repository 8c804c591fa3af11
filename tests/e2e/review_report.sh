#!/bin/bash
# The campaign report: Markdown compared byte for byte with golden files
# (a finished campaign with a full review, and a running one with none);
# HTML parsed by Python's html.parser: tags balanced, no script, no
# network reference, and hostile text from a problem present only as text.
# UPDATE_GOLDEN=1 rewrites the golden files (review them before committing).
. "$SOURCE_ROOT/tests/e2e/lib.sh"
. "$SOURCE_ROOT/tests/fixtures/review-fill.sh"
export WARROOM_TODAY=2024-06-05 WARROOM_NOW=09:00 WARROOM_USER=tester
DB="$T/review.db"
GOLDEN="$SOURCE_ROOT/tests/golden"

run "$WARROOM" --db "$DB" import "$SOURCE_ROOT/tests/fixtures/review-base.yaml" \
	"$SOURCE_ROOT/tests/fixtures/review-launch.yaml" "$SOURCE_ROOT/tests/fixtures/cli-launch.yaml"
is "$rc" 0 "the fixtures import"
review_fill
ok $? "the review is filled through the command line"

# golden NAME CAMPAIGN: the Markdown report against tests/golden/NAME.md.
golden() {
	local want="$GOLDEN/$1.md" got="$T/$1.md"
	"$WARROOM" --db "$DB" report "$2" --format md -o "$got"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$got" "$want"
		echo "# wrote $want"
	fi
	if cmp -s "$got" "$want"; then ok 0 "$1.md matches the golden file byte for byte"; else
		ok 1 "$1.md matches the golden file byte for byte"
		diff -u "$want" "$got" | head -60 | sed 's/^/#   /'
	fi
}
golden report-review-launch review-launch
golden report-cli-launch cli-launch

run "$WARROOM" --db "$DB" report review-launch --format md
md=$out
has "$md" '| P3 | \<script\>alert(1)\</script\> "onmouseover=alert(2) \& a\|b \\e\[31mred\\e\[0m |' \
	"Markdown: a problem's markup, pipe and escape sequence are escaped in the table"
has "$md" "| 订单数 | ▁▁▂▂▂▃▅█▇▆▆▅▅▄ |" "Markdown: a result metric's days as a text sparkline"
has "$md" "### Funnel 转化漏斗" "Markdown: the funnel the campaign defines"
run "$WARROOM" --db "$DB" report review-launch --format md
is "$out" "$md" "the same day gives the same report"
run "$WARROOM" --db "$DB" report review-launch --format pdf
is "$rc" 2 "an unknown format is a usage error"
run "$WARROOM" --db "$DB" report nosuch
is "$rc" 1 "an unknown campaign is an input error"

"$WARROOM" --db "$DB" report review-launch --format html -o "$T/report.html"
ok $? "the HTML report is written with -o"
python3 - "$T/report.html" >"$T/check" 2>&1 <<'PY'
import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "hr", "img", "link", "input", "col", "wbr", "area", "base", "source"}
SVG_LEAF = {"line", "polyline", "circle", "rect", "path"}
class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags, self.text = [], [], set(), []
        self.attrs = []
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += attrs
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))
    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += attrs
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> at {self.getpos()} closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()
    def handle_data(self, data):
        self.text.append(data)
raw = open(sys.argv[1], encoding="utf-8").read()
p = Check()
p.feed(raw)
p.close()
text = "".join(p.text)
def say(cond, what):
    print(("ok " if cond else "not ok ") + what)
say(not p.errors and not p.stack, "every tag opened is closed, in order " + repr(p.errors[:3] + p.stack[:3]))
say("script" not in p.tags, "no script element")
say("<script" not in raw.lower(), "no '<script' anywhere in the file")
say("http" not in raw.lower(), "no http(s) reference: nothing is fetched")
say(not any(k.startswith("on") for k, _ in p.attrs), "no event-handler attribute")
say(all("alert" not in (v or "") for _, v in p.attrs), "no user text inside an attribute")
say("<script>alert(1)</script>" in text, "the hostile problem text is there, as text")
say('"onmouseover=alert(2) & a|b' in text, "quotes and & survive as text")
say("\x1b" not in raw, "no raw escape character")
say("\\e[31mred" in text, "the escape sequence is shown as visible text")
say("@page" in raw and "size: A4" in raw, "an A4 page rule for printing")
say(raw.count("<svg") >= 4, "inline SVG charts: result metrics, achievement, funnel")
say("stroke-dasharray" in raw and 'class="t"' in raw, "a dashed target line")
say("漏斗 funnel" in text, "the funnel chart")
say("<link" not in raw and "src=" not in raw and "url(" not in raw, "no external resource")
PY
while read -r status rest; do
	case "$status" in
	ok) ok 0 "HTML: $rest" ;;
	not) ok 1 "HTML: ${rest#ok }" ;;
	*) echo "# $status $rest" ;;
	esac
done <"$T/check"
grep -q '^ok \|^not ok ' "$T/check"
ok $? "the HTML checks ran"
