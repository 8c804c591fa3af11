#!/bin/bash
# The interface in Chinese: both catalogues translate every message the
# sources mark, LANG=zh_CN.UTF-8 and LANG=zh_TW.UTF-8 give Chinese help,
# errors and screens (also where those locales are not installed), columns
# stay aligned with double-width text at 80x24, and numbers are compacted
# the way each language reads them.
. "$(dirname "$0")/lib.sh"
: "${BUILD_ROOT:?BUILD_ROOT must point at the build folder}"
PO=$SOURCE_ROOT/po

if command -v xgettext >/dev/null 2>&1 && command -v msgcmp >/dev/null 2>&1; then
	# Every file that marks a message is listed for xgettext (st_fail's
	# second argument, what was being done, is a message too).
	(cd "$SOURCE_ROOT" && grep -rlE '\b(N_|P_|C_|NC_|_)\("|\bst_fail\([^,]+, "' src include | sort) >"$T/marked"
	grep -v '^#' "$PO/POTFILES" | sed '/^$/d' | sort >"$T/listed"
	run comm -23 "$T/marked" "$T/listed"
	is "$out" "" "po/POTFILES lists every file with marked messages"
	(cd "$SOURCE_ROOT" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=st_fail:2 \
		--add-comments=TRANSLATORS -f po/POTFILES -o "$T/now.pot")
	n=$(grep -c '^msgid ' "$T/now.pot")
	[ "$n" -gt 150 ]
	ok $? "xgettext finds the marked messages ($((n - 1)))"
	for lang in zh_CN zh_TW; do
		run msgcmp "$PO/$lang.po" "$T/now.pot"
		ok $rc "$lang.po translates every message marked in the sources"
		[ $rc -eq 0 ] || printf '%s\n' "$err" | sed 's/^/#   /' | head -20
		run msgfmt --check --statistics -o /dev/null "$PO/$lang.po"
		ok $rc "msgfmt --check accepts $lang.po (formats match their msgid)"
		hasnt "$err" "untranslated" "$lang.po has no untranslated message"
		hasnt "$err" "fuzzy" "$lang.po has no fuzzy message"
		# printf takes numbered (%2$s) or plain directives, never both.
		run python3 - "$PO/$lang.po" <<'PY'
import re, sys
txt = open(sys.argv[1], encoding="utf-8").read()
spec = re.compile(r"%(?:(\d+)\$)?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp]")
for m in re.finditer(r'msgstr(?:\[\d+\])? ((?:".*"\n?)+)', txt):
    s = "".join(eval(x) for x in re.findall(r'".*"', m.group(1))).replace("%%", "")
    found = spec.findall(s)
    if any(found) and not all(found):
        print(s)
PY
		is "$out" "" "$lang.po never mixes numbered and plain printf directives"
	done
else
	ok 0 "# SKIP gettext tools are not installed"
fi

for lang in zh_CN zh_TW; do
	[ -f "$BUILD_ROOT/po/$lang/LC_MESSAGES/warroom.mo" ]
	ok $? "the build compiled $lang"
done

# zh(): runs warroom with only LANG set, as a login shell would.
zh() { local l=$1; shift; env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG="$l" "$WARROOM" "$@"; }
run zh zh_CN.UTF-8 --help
has "$out" "用法：warroom" "LANG=zh_CN.UTF-8: --help in Simplified Chinese"
has "$out" "选项：" "with its options heading"
has "$out" "  --db PATH         数据库文件" "option lines keep the option in the first column"
run zh zh_TW.UTF-8 --help
has "$out" "選項：" "LANG=zh_TW.UTF-8: --help in Traditional Chinese"
has "$out" "資料庫" "with Taiwan terms (資料庫)"
run zh zh_CN.UTF-8 tasks --help
has "$out" "只列未完成的任务" "a command's --help in Chinese"
run zh zh_CN.UTF-8 frobnicate
is $rc 2 "a usage error keeps its exit status in Chinese"
has "$err" "未知命令“frobnicate”" "and says so in Chinese"
run zh zh_CN.UTF-8 check "$SOURCE_ROOT/tests/fixtures/cli-bad.yaml"
is $rc 1 "a bad definition keeps its exit status in Chinese"
has "$err" "cli-bad.yaml:3:8: 错误：" "and its errors keep file:line:column"
has "$err" "不是真实存在的日期" "with the reason in Chinese"
run zh zh_CN.GB18030 frobnicate
has "$err" "未知命令" "a Chinese locale that is not installed still gives Chinese messages"
run zh C frobnicate
has "$err" "unknown command 'frobnicate'" "LANG=C stays English"
run env LC_ALL=C.UTF-8 LANGUAGE=zh_TW "$WARROOM" frobnicate
has "$err" "未知命令「frobnicate」" "LANGUAGE=zh_TW with C.UTF-8 gives Traditional Chinese"

# Numbers the way each language reads them; the C locale goes by currency.
DB=$T/n.db
"$WARROOM" --db "$DB" import "$SOURCE_ROOT/tests/fixtures/ui-campaign.yaml" >/dev/null
C=$("$WARROOM" --db "$DB" list --format tsv | sed -n '2p' | cut -f1)
"$WARROOM" --db "$DB" metric record "$C" gmv 1200000 >/dev/null 2>&1 ||
	"$WARROOM" --db "$DB" metric record "$C" "$("$WARROOM" --db "$DB" metrics "$C" --format tsv | sed -n '2p' | cut -f2)" 1200000 >/dev/null
run zh zh_CN.UTF-8 --db "$DB" metrics "$C"
has "$out" "120万" "zh_CN compacts 1,200,000 as 120万"
run zh zh_TW.UTF-8 --db "$DB" metrics "$C"
has "$out" "120萬" "zh_TW as 120萬"
run zh en_US.UTF-8 --db "$DB" metrics "$C"
has "$out" "1.2M" "English as 1.2M"


# Tables: a human table's headers follow the language, the machine formats
# keep their English names.
run zh zh_CN.UTF-8 --db "$DB" tasks "$C"
has "$(printf '%s\n' "$out" | head -1)" "负责人" "zh_CN: the tasks table's headers in Chinese"
hasnt "$(printf '%s\n' "$out" | head -1)" "owner" "with no English header left"
run zh zh_CN.UTF-8 --db "$DB" tasks "$C" --format tsv
is "$(printf '%s\n' "$out" | head -1 | cut -f1-4)" "id	name	strategy	owner" "--format tsv keeps English headers in zh_CN"
run zh zh_TW.UTF-8 --db "$DB" list --format json
has "$out" '"owner": ' "--format json keeps English keys in zh_TW"
run zh zh_TW.UTF-8 --db "$DB" list
has "$(printf '%s\n' "$out" | head -1)" "負責人" "zh_TW: the campaign list's headers in Traditional Chinese"

# The report: Chinese headings alone in Chinese, both languages in English.
run zh zh_CN.UTF-8 --db "$DB" report "$C" --format md
has "$out" "# 复盘报告：" "zh_CN: the Markdown report's title in Chinese"
has "$out" "## 目标达成" "its headings in Chinese only"
has "$out" "| 指标 | 层级 | 目标 | 实际 | 达成率 |" "its table headers in Chinese"
hasnt "$out" "Goal achievement" "no English heading left"
run zh zh_TW.UTF-8 --db "$DB" report "$C" --format html
has "$out" "<h2>目標達成</h2>" "zh_TW: the HTML report's headings in Traditional Chinese"
has "$out" '<html lang="zh-TW">' "and the page says it is Traditional Chinese"
run zh C --db "$DB" report "$C" --format md
has "$out" "## Goal achievement 目标达成" "LANG=C keeps the report's bilingual headings"

# Errors keep where they are: a bad CSV row in Chinese still names its line.
printf 'date,channel,text,rating\n2024-06-03,电商评价,很好,5\n2024-06-03,电商评价,一般,七星\n' >"$T/bad.csv"
run zh zh_CN.UTF-8 --db "$DB" feedback import "$T/bad.csv" --campaign "$C"
is $rc 1 "zh_CN: a bad CSV row keeps its exit status"
has "$err" "bad.csv:3: “七星”不是评分" "and is reported in Chinese with its line number"
has "$err" "1 行有误；什么也没有导入" "with the count of bad rows in Chinese"
run zh zh_TW.UTF-8 --db "$DB" --theme no-such-theme snapshot "$C" --pane tasks --size 80x24
has "$err" "沒有主題「no-such-theme」" "zh_TW: a missing theme is reported in Traditional Chinese"

# The review in Chinese: labels and choices in one language.
"$WARROOM" --db "$DB" review "$C" add problem --description 直播流量不足 --impact high \
	--why1 预热晚了 --owner 李娜 >/dev/null
run zh zh_CN.UTF-8 --db "$DB" review "$C" show
has "$out" "的复盘：草稿" "zh_CN: review show in Chinese"
has "$out" "    影响：高" "with its field labels and choices in Chinese"
hasnt "$out" "Impact" "and no English label left"
run zh zh_TW.UTF-8 --db "$DB" review "$C" plan
has "$(printf '%s\n' "$out" | sed -n 2p)" "待辦" "zh_TW: the plan's status in Traditional Chinese"
run zh zh_CN.UTF-8 --db "$DB" review "$C" plan --format tsv
has "$out" "	open	high	" "--format tsv keeps the English values"
run zh C --db "$DB" review "$C" show
has "$out" "    Impact: high" "LANG=C: review show stays English"

# Risks in Chinese: the late task opens one on a day inside the campaign.
run zh zh_CN.UTF-8 --db "$DB" --today 2024-06-05 standup
has "$out" "  #  类型  标识" "zh_CN: the stand-up's risk table has Chinese headers"
printf '%s\n' "$out" | grep -qE '剩[0-9]+(小时|分钟)$'
ok $? "and the time left to respond in Chinese"
run zh zh_TW.UTF-8 --db "$DB" --today 2024-06-05 risks "$C"
has "$out" "待回應" "zh_TW: the risk log's states in Traditional Chinese"
run zh zh_TW.UTF-8 --db "$DB" --today 2024-06-05 risks "$C" --format json
has "$out" '"state": "open"' "--format json keeps the English state"
has "$out" 'h left"' "and the English response time"
run zh zh_CN.UTF-8 --db "$DB" --today 2024-06-05 standup --format json
has "$out" 'h left"' "the stand-up's JSON keeps the English response time in zh_CN"
run zh zh_CN.UTF-8 --db "$DB" metric record "$C" gmv 很多
has "$err" "“很多”不是数字" "zh_CN: a value that is not a number is refused in Chinese"
run zh zh_CN.UTF-8 --db "$DB" tasks "$C"
has "$out" "已完成" "zh_CN: the tasks table's status in Chinese"
run zh zh_CN.UTF-8 --db "$DB" tasks "$C" --format tsv
has "$out" "	done	" "while --format tsv keeps the English status"
run zh zh_CN.UTF-8 --db "$DB" feedback stats "$C"
has "$out" "满意度" "zh_CN: feedback stats names its figures in Chinese"
run zh zh_CN.UTF-8 --db "$DB" feedback stats "$C" --format tsv
has "$out" "satisfaction	" "while --format tsv keeps the figures' keys"

# The Metrics pane's first header is blank (the level glyph's column): an
# empty message must not turn into the catalogue's header ("Project-Id...").
run zh zh_CN.UTF-8 --db "$DB" --today 2024-06-05 snapshot "$C" --pane metrics --size 80x24
line=$(printf '%s\n' "$out" | grep -m1 '目标')
is "${line:0:1}" " " "zh_CN: the Metrics pane's header starts blank, not with a stray P"
has "$line" "指标" "and names its columns in Chinese"
run zh zh_CN.UTF-8 --db "$DB" --today 2024-06-05 snapshot "$C" --pane review --size 80x24 --keys 'G'
has "$out" "P1 高" "zh_CN: the Review pane shows a problem's impact in Chinese"
has "$out" "（尚无改进措施）" "and an action not yet written"
