#!/bin/bash
# The Metrics pane and `warroom metrics` on the fixture campaigns: the
# seeds' figures through the CLI, the pane showing the same figures, and a
# second process recording a value while the TUI is open — the figure, the
# alert glyph and its colour change on screen within seconds, without a
# clear-screen, with the cursor still on the same metric; the risk it opens
# is in the database and in the risk log.
. "$SOURCE_ROOT/tests/e2e/tui_lib.sh"
F=$SOURCE_ROOT/tests/fixtures
DB=$T/metrics.db
w() { "$WARROOM" --db "$DB" "$@"; }
w import "$F/metrics-seed.yaml" "$F/metrics-launch.yaml" >/dev/null || {
	echo "Bail out! the metric fixtures do not import"
	exit 1
}

# col CAMPAIGN KEY COLUMN: one figure from 'warroom metrics --format tsv'.
col() {
	w metrics "$1" --format tsv |
		awk -F'\t' -v key="$2" -v col="$3" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
			$2 == key { print $h[col] }'
}
# line NAME TEXT: the screen line holding TEXT (with -e: with its colours).
line() { screen_of "$1" | grep -F -- "$2" | head -1; }
line_e() { tm capture-pane -p -e -t "$1" | grep -F -- "$2" | head -1; }
# sgr_before LINE GLYPH: the escape sequences just before GLYPH on a line.
sgr_before() { printf '%s' "${1%%"$2"*}" | grep -o $'\e\\[[0-9;]*m' | tr -d '\n'; }

# ---- the command line: the seeds' core-metric table --------------------------
is "$(col metrics-seed gmv achievement)" "1.2" "GMV 600万 against 500万: 120%"
is "$(col metrics-seed new_members achievement)" "1.25" "new members 2.5万 against 2万: 125%"
is "$(col metrics-seed ctr achievement)" "1.2" "CTR 4.2% against 3.5%: 120%"
is "$(col metrics-seed cvr achievement)" "0.9" "CVR 7.2% against 8.0%: 90%"
is "$(col metrics-seed cvr level)" "warn" "... which warns"
is "$(col metrics-seed cac achievement)" "1.25" "CAC 32 against 40, lower is better: 125%"
is "$(col metrics-seed retention level)" "alert" "retention 28% against 35% (80%) alerts"
run w metrics metrics-seed
ok $rc "metrics prints a table"
has "$out" "94%" "satisfaction 85% against 90% shows 94%"
has "$out" "score 117% (5 of 5 weighted metrics)" "the weighted score, capped at 120% each"
run w metrics metrics-seed --format json
has "$out" '"key": "cvr", "name": "转化率", "target": 0.08, "actual": 0.072' "JSON has raw numbers"
run w metrics nosuch
is $rc 1 "an unknown campaign is bad input"
run w metrics
is $rc 2 "no campaign is a usage error"

is "$(col metrics-launch gmv pace)" "1.2525" "day 5 of 15 at a third of the target: ahead of the 4 days due"
is "$(col metrics-launch gmv level)" "ok" "... and not red"
is "$(col metrics-launch gmv change)" "0.67" "GMV +67% against the baseline at its day 5"
is "$(col metrics-launch cvr level)" "ok" "cvr 8.2% starts ok"

# ---- the pane ---------------------------------------------------------------------
tui_start m 120x40 -- --campaign metrics-launch
expect m "2024夏季新品推广" "the TUI starts"
keys m 2
expect m "Result metrics" "2 shows the Metrics pane, grouped by layer"
s=$(screen_of m)
has "$s" "Process metrics" "process layer heading"
has "$s" "Auxiliary metrics" "auxiliary layer heading"
has "$(line m GMV)" "500万   167万   33%  125%    +67%" "GMV: target, actual, achievement, pace, change as the CLI says"
has "$(line m 新增会员)" "! 新增会员" "new members warns with !"
has "$(line m 新客次日留存率)" "✖ 新客次日留存率" "retention alerts with ✖"
has "$(line m 转化率)" "✔ 转化率" "cvr is ok"
has "$(line m 转化率)" "8.2%" "at 8.2%"
ok_sgr=$(sgr_before "$(line_e m 转化率)" "✔")
alert_sgr=$(sgr_before "$(line_e m 新客次日留存率)" "✖")
[ -n "$ok_sgr" ] && [ "$ok_sgr" != "$alert_sgr" ]
ok $? "ok and alert glyphs have different colours"

keys m j j j j j
sleep 0.3
# an idle pane sends nothing
sleep 1.2
tm pipe-pane -t m -o "cat > '$T/idle.out'"
sleep 2.5
tm pipe-pane -t m
is "$(wc -c < "$T/idle.out" | tr -d ' ')" "0" "an idle Metrics pane sends no bytes"

# ---- another process records a value ----------------------------------------------
tm pipe-pane -t m -o "cat > '$T/update.out'"
t0=$(date +%s%N)
run w metric record metrics-launch cvr 6.0% --at "2024-06-05 10:00" --source 小程序后台
ok $rc "a second process records cvr 6.0%"
has "$out" "recorded cvr = 6%" "and says so"
has "$out" "new risk" "the record opens a risk"
expect m "✖ 转化率" "the pane shows cvr in alert" 5
t1=$(date +%s%N)
echo "# the pane followed the write in $(((t1 - t0) / 1000000)) ms"
[ $(((t1 - t0) / 1000000)) -le 3000 ]
ok $? "within 3 seconds"
has "$(line m 转化率)" "6%   75%   75%" "actual 6%, achievement and pace 75%"
sleep 0.5
tm pipe-pane -t m
new_sgr=$(sgr_before "$(line_e m 转化率)" "✖")
is "$new_sgr" "$alert_sgr" "the cvr glyph now has the alert colour"
[ "$new_sgr" != "$ok_sgr" ]
ok $? "which is not the ok colour"
grep -q $'\e\\[2J' "$T/update.out"
is $? 1 "the update does not clear the screen (no flicker)"
expect m "alert" "the summary counts the new alert"
keys m Enter
expect m "转化率  (cvr" "the cursor stayed on cvr: Enter opens it"
expect m "Values · 3" "its three values are listed, the new one with them"
has "$(screen_of m)" "小程序后台" "with the recorded value's source"
keys m Escape

# ---- the database, through the command line ---------------------------------------------
is "$(col metrics-launch cvr actual)" "0.06" "metrics: cvr actual is 6%"
is "$(col metrics-launch cvr level)" "alert" "metrics: cvr level is alert"
run w risks metrics-launch --format tsv
has "$out" "转化率" "risks lists the cvr risk"
has "$out" "2024-06-07" "due 48 hours after opening"
keys m r
expect m "Risk log" "r opens the risk log"
expect m "转化率" "with the cvr risk"
keys m Escape

# a bad record writes nothing
before=$(w metric values metrics-launch cvr --format tsv | wc -l)
run w metric record metrics-launch ctr 3%
is $rc 1 "recording a formula metric is refused"
run w metric record metrics-launch cvr 7.2
is $rc 1 "a percentage without % is refused"
run w metric record metrics-launch cvr 7% --at 2024-06-31
is $rc 1 "an impossible date is refused"
is "$(w metric values metrics-launch cvr --format tsv | wc -l)" "$before" "nothing was written"

# a CSV import while the pane is open: one transaction, followed on screen
printf '\xef\xbb\xbfcampaign,metric,at,value,source\r\nmetrics-launch,retention,2024-06-05 11:00,36%%,CRM\r\n' >"$T/v.csv"
run w metric import "$T/v.csv"
ok $rc "metric import (BOM, CRLF) exits 0"
expect m "✔ 新客次日留存率" "the imported value turns retention ok on screen" 5
printf 'campaign,metric,at,value\nmetrics-launch,gmv,2024-06-05,1万\nmetrics-launch,gmv,2024-06-05,abc\n' >"$T/bad.csv"
run w metric import "$T/bad.csv"
is $rc 1 "a file with a bad row exits 1"
has "$err" "bad.csv:3:" "naming the file and line"
is "$(col metrics-launch gmv actual)" "1670000" "and nothing of the file is written"

quit m
expect m "[exit 0]" "q quits cleanly"
