#!/bin/sh
# The benchmark at its small scale, to prove it runs: the dataset is
# generated and imported, every figure is measured beside its floor or
# peer, and the table has every row. Not a timed test: whether the targets
# are met at this scale on a busy CI machine is not checked here (run
# ./bootstrap bench for that).
. "$(dirname "$0")/lib.sh"
: "${BUILD_ROOT:?BUILD_ROOT must point at the build}"

BENCH_BUILD=$BUILD_ROOT BENCH_DATA=$T/data BENCH_RUNS=1 \
	"$SOURCE_ROOT/tests/bench/run" "$SOURCE_ROOT" small >"$T/table" 2>"$T/log"
rc=$?
table=$(cat "$T/table")
ok "$([ "$rc" -le 1 ]; echo $?)" "the benchmark ran to its table (exit $rc)"
[ "$rc" -le 1 ] || sed 's/^/#   /' "$T/log" | tail -20
has "$table" "figure" "the table has its heading"
for row in "metric-value CSV import" "feedback CSV import" "the same, whole file" \
	"campaign YAML import" "first frame: snapshot 200x60, every pane" \
	"taskwarrior" "key 'scroll one row', large tasks" "key 'page down', large tasks" \
	"key 'apply a filter', large tasks" "key 'switch pane', large tasks" \
	"key 'scroll one row', large inbox" "key 'page down', large inbox" \
	"key 'apply a filter', large inbox" "bytes for a one-row scroll" \
	"bytes for a pane switch" "bytes while idle" "search '快递': count" "newest 50 by date" \
	"peak resident set, full dataset, every pane"; do
	has "$table" "$row" "the table has a row for $row"
done
hasnt "$table" "not measured" "every figure was measured"
hasnt "$table" "no samples" "every key was replayed"
# Counts of the search must equal a substring scan's, at any scale.
has "$(printf '%s\n' "$table" | grep '^search counts equal')" "| yes" \
	"search counts equal the substring scan's"
