#!/bin/bash
# Feedback from the command line: CSV exports as review platforms and
# Chinese Excel write them (BOM, CRLF, quoted newlines, GBK, UTF-16 Unicode
# text, ';'), all-or-nothing imports with FILE:LINE errors, idempotent
# re-imports, search, triage with audit rows, NPS / satisfaction / mention
# rates, and hostile text kept exactly but never printed raw.
. "$(dirname "$0")/lib.sh"
F=$SOURCE_ROOT/tests/fixtures
DB=$T/w.db
export WARROOM_TODAY=2024-06-05
w() { "$WARROOM" --db "$DB" "$@"; }
count() { w feedback list fb-launch --format tsv "$@" | sed 1d | wc -l; }

run w import "$F/feedback-launch.yaml"
ok $rc "the campaign imports"
has "$out" "3 feedback added" "with its three messages"
is "$(count)" 3 "three messages listed"
run w feedback list fb-launch --format tsv --search 品牌
has "$out" "	active	brand	positive	10	10	品牌, 推荐	new	" \
	"a phone callback is active, typed brand from its keywords, positive from 10/10"

# --- CSV as exports write it ---------------------------------------------
sed 's/$/\r/' "$F/feedback-reviews.csv" >"$T/crlf.csv"
printf '\357\273\277' | cat - "$T/crlf.csv" >"$T/bom.csv"
run w feedback import "$T/bom.csv" --campaign fb-launch
ok $rc "a UTF-8 file with a BOM and CRLF imports"
is "$out" "fb-launch: 6 added, 0 already there" "six rows added"
run w feedback list fb-launch --format json --search 面霜质地
has "$out" '"text": "面霜质地轻薄\r\n但是香味有点浓"' "a quoted line break is kept exactly"
run w feedback list fb-launch --format tsv --search 物流延迟
has "$out" '物流延迟两天，客服说"正在处理"' "doubled quotes are one quote"
has "$out" "2024-06-03 10:20:00	客服工单	passive	service	negative	2	5	物流, 客服	" \
	"2024/6/3 10:20 is a date and time; tags and type from the dictionary"
run w feedback list fb-launch --format tsv --search 退款流程
has "$out" "2024-06-04 18:00:00	售后问卷	passive	rules	negative	1	5	流程	" \
	"年月日 dates; an after-sales survey is passive"

run w feedback import "$T/bom.csv" --campaign fb-launch
ok $rc "importing the same file again succeeds"
is "$out" "fb-launch: 0 added, 6 already there" "and adds nothing"

iconv -f UTF-8 -t GBK "$T/crlf.csv" >"$T/gbk.csv"
run w feedback import "$T/gbk.csv" --campaign fb-launch
ok $rc "Excel's GBK CSV imports"
is "$out" "fb-launch: 0 added, 6 already there" "detected as GBK: the very same messages"
run w feedback import "$T/gbk.csv" --campaign fb-launch --encoding gbk --dry-run
is "$out" "fb-launch: would add 0, 6 already there" "--encoding gbk, --dry-run"

{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$T/crlf.csv"; } >"$T/u16.csv"
run w feedback import "$T/u16.csv" --campaign fb-launch --delimiter ,
ok $rc "UTF-16LE with a BOM imports"
is "$out" "fb-launch: 0 added, 6 already there" "the same messages again"

# Excel "Unicode text": UTF-16LE, tab-separated, with a campaign column.
printf '活动\t日期\t渠道\t评价内容\t评分\r\nfb-launch\t2024-06-05\t电商评价\t包装破损，客服退款很快\t3\r\n' |
	{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE; } >"$T/unicode.txt"
run w feedback import "$T/unicode.txt"
ok $rc "Unicode text (tab-separated UTF-16) with a campaign column"
is "$out" "fb-launch: 1 added, 0 already there" "one message"

# European ';' files with English headers, NPS on 0-10.
run w feedback import "$F/feedback-nps.csv" --campaign fb-launch --delimiter ';'
ok $rc "';'-separated file"
is "$out" "fb-launch: 8 added, 0 already there" "eight survey answers"
run w feedback list fb-launch --format tsv --search kg
has "$out" "Nice packaging, 1,5 kg as promised	" "a comma inside a ';' field is text"
has "$out" "	survey	active	" "a survey is active"

# --- bad files: every bad row named, nothing written ------------------------
before=$(count)
run w feedback import "$F/feedback-bad.csv" --campaign fb-launch
is $rc 1 "a file with bad rows exits 1"
has "$err" "feedback-bad.csv:3: '2024-13-01' is not a date" "bad date at its line"
has "$err" "feedback-bad.csv:4: no text" "empty text at its line"
has "$err" "feedback-bad.csv:7: '6/5' is not a rating" "rating out of scale at its line"
has "$err" "feedback-bad.csv:8: a quoted field opened on line 8 is never closed" \
	"unclosed quote at the line it starts"
hasnt "$err" "feedback-bad.csv:5:" "the quoted two-line row is fine"
has "$err" "4 bad rows; nothing was imported" "summed up"
is "$(count)" "$before" "nothing was written"

printf 'date,text\n2024-06-05,ok\n2024-06-05,bad \377 byte\n' >"$T/utf8.csv"
run w feedback import "$T/utf8.csv" --campaign fb-launch --encoding utf-8
is $rc 1 "invalid UTF-8 is a bad row"
has "$err" "utf8.csv:3: field 2 is not valid UTF-8" "named with its line"
printf 'date,text\n2024-06-05,ok\n2024-06-05,nul\000byte\n' >"$T/nul.csv"
run w feedback import "$T/nul.csv" --campaign fb-launch
is $rc 1 "a NUL byte is a bad row"
has "$err" "nul.csv:3: field 2 contains a NUL byte" "named with its line"
printf 'when,words\n2024-06-05,hi\n' >"$T/nomap.csv"
run w feedback import "$T/nomap.csv" --campaign fb-launch
is $rc 1 "unknown headers"
has "$err" "no text column" "ask for a text column"
run w feedback import "$T/nomap.csv" --campaign fb-launch --map when=at,words=text
ok $rc "--map names the columns"
is "$out" "fb-launch: 1 added, 0 already there" "and the row imports"
run w feedback import "$T/nomap.csv"
is $rc 1 "no campaign"
has "$err" "give --campaign" "says how"
is "$(count)" $((before + 1)) "only the mapped row was added"

# --- search ---------------------------------------------------------------
is "$(count --search 快)" 3 "one character: 快 (快递很快, 快递延迟, 退款很快)"
is "$(count --search 快递)" 2 "two characters"
is "$(count --search 客服退款很快)" 1 "six characters"
is "$(count --search REFUND)" 1 "English, any case"
is "$(count --search ref)" 1 "a prefix of a word"
is "$(count --search fund)" 0 "not the middle of a word"
is "$(count --search '快递 客服')" 1 "all terms must match"
is "$(count --search '快 --type service' 2>/dev/null)" 0 "an option inside the search is text"
is "$(count --search 快 --type service)" 1 "search with a type (快递延迟 is service; the others tie with product)"
is "$(count --filter 'type:rules since:2024-06-03 流程')" 1 "the Inbox filter line"
is "$(count --filter 'type:service since:2024-06-03 快')" 0 "dates and type combine"
run w feedback list fb-launch --filter 'type:gadget'
is $rc 2 "a bad filter is a usage error"
has "$err" "type:gadget?" "naming it"
is "$(w feedback list fb-launch --format tsv --limit 2 | sed 1d | wc -l)" 2 "--limit"
first=$(w feedback list fb-launch --format tsv | sed -n 2p | cut -f2)
is "$first" "2024-06-05 12:00:30" "newest first"

# --- statistics --------------------------------------------------------------
run w feedback stats fb-launch --format tsv --channel survey
has "$out" "nps	8	25" "NPS of 8 answers: 4 promoters, 2 detractors = 25"
has "$out" "nps:promoters	4	" "promoters"
has "$out" "nps:detractors	2	" "detractors"
run w feedback stats fb-launch --format tsv
has "$out" "satisfaction	9	0.4444" "satisfaction: 4 of 9 ratings on 1-5 are 4-5"
has "$out" "total	19	" "19 messages"
has "$out" "tag:快递	2	0.1053" "mention rate of 快递: 2 of 19"
has "$out" "tag:功效	0	0" "a keyword nobody mentions shows at 0"

# --- triage -------------------------------------------------------------------
id=$(w feedback list fb-launch --format tsv --search 快递延迟 | sed -n 2p | cut -f1)
run w feedback set fb-launch "$id" status triaged
ok $rc "status set"
run w feedback set fb-launch "$id" owner 王强
ok $rc "owner set"
run w feedback set fb-launch "$id" tags "快递, 物流，售后"
ok $rc "tags set"
run w feedback set fb-launch "$id" task logistics
ok $rc "linked to a task"
run w feedback set fb-launch "$id" read read
ok $rc "marked read"
run w feedback set fb-launch "$id" status shipped
is $rc 1 "a bad status is refused"
run w feedback set fb-launch 12345 status closed
is $rc 1 "a message of no campaign is refused"
run w feedback list fb-launch --format tsv --search 快递延迟
has "$out" "	快递, 物流, 售后	triaged	true	王强	" "triage is kept"
has "$out" "	logistics	" "with its task"
run w feedback problem fb-launch "$id"
ok $rc "turned into a review problem"
pid=$(printf '%s' "$out" | sed 's/problem #//')
run w feedback list fb-launch --format tsv --search 快递延迟
has "$out" "	actioned	" "and actioned"
has "$out" "	$pid" "pointing at the problem"
run w feedback problem fb-launch "$id"
is "$out" "problem #$pid" "the same problem again"
both=$(w feedback list fb-launch --format tsv --channel survey --limit 2 | sed 1d | cut -f1 | paste -sd,)
run w feedback set fb-launch "$both" status closed
ok $rc "bulk: two messages at once"
is "$(count --status closed)" 2 "both closed"
run w log fb-launch --format tsv
has "$out" "feedback	#$id	status	new	triaged" "audit: status"
has "$out" "feedback	#$id	owner		王强" "audit: owner"
has "$out" "feedback	#$id	tags	快递, 客服	快递, 物流, 售后" "audit: tags"
has "$out" "feedback	#$id	status	triaged	actioned" "audit: actioned with the problem"
has "$out" "import" "audit: the import"
is "$(printf '%s\n' "$out" | grep -c '	status	new	closed')" 2 "audit: one row per message of a bulk change"

# --- hostile text: stored exactly, shown safely --------------------------------
run w feedback add fb-launch --text "$(printf 'bad \033]0;pwned\007 \033[2J x\342\200\256y')" \
	--channel 'social media' --at 2024-06-05
ok $rc "hostile text is accepted"
run w feedback list fb-launch --search pwned
hasnt "$out" "$(printf '\033')" "no raw ESC in a table"
has "$out" '\e]0;pwned' "escapes shown visibly"
run w feedback list fb-launch --search pwned --format json
has "$out" '\u001b]0;pwned\u0007 \u001b[2J x\u202ey' "JSON has it exactly, escaped"
run w feedback add fb-launch --text "$(printf 'a\377b')"
is $rc 1 "invalid UTF-8 text is refused"
run w feedback add fb-launch --text hi --rating 11
is $rc 1 "a rating outside 0-10 is refused"
run w feedback add fb-launch
is $rc 2 "--text is required"
