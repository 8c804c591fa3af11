#!/bin/bash
# The review from the command line: every field through add / edit / show
# --format json; two processes editing the same problem (the second is
# refused with who changed it and when, and nothing is lost); the final
# flag; the lessons library; the improvement plan.
. "$SOURCE_ROOT/tests/e2e/lib.sh"
. "$SOURCE_ROOT/tests/fixtures/review-fill.sh"
export WARROOM_TODAY=2024-06-05 WARROOM_NOW=09:00 WARROOM_USER=tester
DB="$T/review.db"
W() { "$WARROOM" --db "$DB" "$@"; }
# json EXPR: evaluates a Python expression on `review show --format json` as r.
json() {
	W review review-launch show --format json | python3 -c "import json, sys; r = json.load(sys.stdin); print($1)"
}

run W import "$SOURCE_ROOT/tests/fixtures/review-base.yaml" "$SOURCE_ROOT/tests/fixtures/review-launch.yaml"
is "$rc" 0 "the fixtures import"
is "$(json 'r["version"], r["final"], len(r["notes"])')" "0 False 6" \
	"an empty review: version 0, not final, a note slot per metric"
review_fill
ok $? "the review is filled"

# Every field of a problem, through the CLI and back through JSON.
run W review review-launch add problem --description '素材审核延误' --impact 高 --why1 '一' --why2 '二' \
	--why3 '三' --why4 '四' --why5 '五' --root-cause '根因' --action '措施' --owner '负责人' \
	--deadline 2024/06/30 --status 进行中
is "$rc" 0 "a problem with every field is added"
pid=$out
is "$(json "[(p['impact'], p['why5'], p['deadline'], p['status'], p['version']) for p in r['problems'] if p['id'] == $pid][0]")" \
	"('high', '五', '2024-06-30', 'in-progress', 1)" "Chinese choices and a slashed date are stored in canonical form"
run W review review-launch add problem --description x --impact huge
is "$rc" 1 "an unknown impact is refused"
has "$err" "impact 'huge' is not high, medium or low" "and says what is allowed"
run W review review-launch add problem --impact high
is "$rc" 1 "a problem needs a description"
run W review review-launch add problem --description x --nosuch y
is "$rc" 2 "an unknown field is a usage error"
has "$err" "--description" "listing the fields"
run W review review-launch add lesson --category execution --content x --applies-to y
is "$rc" 2 "an option that is not a field of a lesson is a usage error"
has "$err" "unknown option '--applies-to'" "naming the option as it was typed"
run W review review-launch set note nosuch --text x
is "$rc" 1 "a note on an unknown metric is refused"
printf '从文件读取的概述\n第二行\n' >"$T/overview.txt"
W review review-launch set overview --file "$T/overview.txt"
is "$(json 'r["overview"]')" "从文件读取的概述
第二行" "set overview --file reads the file (one final newline dropped)"

# Two processes read version N; the first save wins, the second is refused.
v=$(json "[p['version'] for p in r['problems'] if p['id'] == $pid][0]")
WARROOM_USER=alice W review review-launch edit problem "$pid" --owner 'alice 的人' --if-version "$v" &
wait $!
is "$?" 0 "process 1 (alice) saves with the version it read"
run env WARROOM_USER=bob "$WARROOM" --db "$DB" review review-launch edit problem "$pid" \
	--owner 'bob 的人' --if-version "$v"
is "$rc" 1 "process 2 (bob), with the same version, is refused"
has "$err" "problem #$pid was changed by alice at 2024-06-05 09:00:00" "naming who changed it and when"
is "$(json "[p['owner'] for p in r['problems'] if p['id'] == $pid][0]")" "alice 的人" "alice's save is kept"
run W log review-launch --format tsv
has "$out" "alice" "the audit log has alice's change"
hasnt "$out" "bob 的人" "and nothing of bob's refused one"

# Concurrent writers: 8 processes add a highlight each; none is lost.
for i in 1 2 3 4 5 6 7 8; do
	W review review-launch add highlight --text "并发亮点 $i" >/dev/null &
done
wait
is "$(json 'len([h for h in r["highlights"] if h["text"].startswith("并发亮点")])')" 8 \
	"eight processes adding at once: eight highlights"

# Final.
run W review review-launch final
is "$rc" 0 "the review is marked final"
is "$(json 'r["final"]')" "True" "and reads back final"
run W review review-launch set overview --text '改'
is "$rc" 1 "a final review refuses a new overview"
has "$err" "the review is final" "saying so"
run W review review-launch edit problem "$pid" --status done
is "$rc" 0 "an action's status still changes on a final review"
run W review review-launch delete problem "$pid"
is "$rc" 1 "nothing is deleted from a final review"
run W review review-launch reopen
is "$rc" 0 "reopen"
run W log review-launch --format tsv
has "$out" "$(printf 'final\tno\tyes')" "final is audited"
has "$out" "$(printf 'final\tyes\tno')" "reopen is audited"
run W review review-launch delete problem "$pid" --if-version 1
is "$rc" 1 "a delete with a stale version is refused"
run W review review-launch delete problem "$pid"
is "$rc" 0 "a delete with the current version"
run W review review-launch edit problem "$pid" --owner x
is "$rc" 1 "the deleted problem is gone"

# The plan and the library.
run W review review-launch plan --format tsv
is "$(printf '%s\n' "$out" | cut -f2,3,4 | sed -n 2,3p)" "$(printf '赵运营\t2024-06-20\tfalse\n钱主管\t2024-06-03\ttrue')" \
	"the plan: open actions by owner then deadline, overdue marked"
run W lessons KOL
has "$out" "KOL+素人矩阵式投放" "the lessons library finds a lesson by a word"
has "$out" "review-launch" "naming its campaign"
run W lessons --category 执行 --format json
has "$out" '"category": "execution"' "and filters by category"
hasnt "$out" "KOL" "only that category"
run W review review-launch show
has "$out" "Review of review-launch" "show prints the review as text"
run W review review-launch frobnicate
is "$rc" 2 "an unknown action is a usage error"
