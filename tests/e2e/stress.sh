#!/bin/bash
# Many operators on one database: 8 processes x 2,000 mixed writes (task
# edits, metric records and imports, review saves, feedback when it exists)
# through the CLI while the UI runs in tmux. Every write must land (busy
# refusals are retried and counted), nothing is lost, the UI stays up and
# shows no error but waits.
# WARROOM_STRESS_WRITES sets the writes per process; the sanitizer build
# runs a fifth of them unless told otherwise (it is several times slower).
. "$(dirname "$0")/lib.sh"
GEN=$SOURCE_ROOT/tests/stress/gen-campaign
WRITER=$SOURCE_ROOT/tests/stress/writer
procs=8
writes=${WARROOM_STRESS_WRITES:-}
if [ -z "$writes" ]; then
	writes=2000
	if ldd "$WARROOM" 2>/dev/null | grep -q 'libasan'; then
		writes=400
		echo "# sanitizer build: $writes writes per process (WARROOM_STRESS_WRITES to change)"
	fi
fi
DB=$T/team.db
tm="tmux -L wr-st-$$"
at_exit "$tm kill-server 2>/dev/null"
export WARROOM

"$GEN" yaml stress 16 0 >"$T/stress.yaml"
"$WARROOM" --db "$DB" import "$T/stress.yaml" >/dev/null
ok $? "the stress campaign imports"

# The UI watches the same file.
$tm new-session -d -x 160 -y 40 "$(printf '%q ' env WARROOM_USER=watcher "$WARROOM" --db "$DB" --campaign stress); sleep 30"
$tm set-option -g remain-on-exit on 2>/dev/null
screen() { $tm capture-pane -p -t 0 2>/dev/null; }
for _ in $(seq 80); do case "$(screen)" in *"压力测试"*) break ;; esac; sleep 0.1; done
has "$(screen)" "压力测试 stress" "the UI is up on the team database"
(
	while :; do
		screen | sed -n '1p;$p' >>"$T/screens"
		sleep 0.5
	done
) &
watch_pid=$!
at_exit "kill $watch_pid 2>/dev/null"

t0=$(date +%s)
pids=""
for p in $(seq 0 $((procs - 1))); do
	"$WRITER" "$DB" "$p" "$writes" stress "$T/out.$p" 2>"$T/err.$p" &
	pids="$pids $!"
done
for pid in $pids; do wait "$pid"; done
t1=$(date +%s)
sleep 2.5
kill "$watch_pid" 2>/dev/null

sum() { cat "$T"/out.* | awk -v k="$1" '$1 == k { s += $2 } END { print s + 0 }'; }
total=$((procs * writes))
done_all=$(($(sum progress) + $(sum record) + $(sum highlight) + $(sum import) + $(sum problem) + $(sum feedback)))
echo "# $procs x $writes writes in $((t1 - t0)) s: $done_all done, $(sum retries) busy retries, $(sum fails) failures"
echo "# progress $(sum progress), problem $(sum problem), record $(sum record), import $(sum import), highlight $(sum highlight), feedback $(sum feedback)"
is "$(sum fails)" 0 "no write failed"
cat "$T"/err.* | head -5 | sed 's/^/# /'
is "$done_all" "$total" "all $total writes done"
ok $([ "$(sum retries)" -le $((total / 100)) ]; echo $?) \
	"busy refusals are rare: $(sum retries) retries for $total writes (the busy timeout waits instead)"

# Nothing lost: each process's writes are all in the database.
q() { sqlite3 "$DB" "$1"; }
lost=0
for p in $(seq 0 $((procs - 1))); do
	get() { awk -v k="$1" '$1 == k { print $2 }' "$T/out.$p"; }
	tid=$(q "SELECT id FROM task WHERE key = 't$p'")
	a=$(q "SELECT count(*) FROM audit WHERE entity = 'task' AND entity_id = $tid AND field = 'progress'")
	b=$(q "SELECT count(*) FROM audit WHERE entity = 'task' AND entity_id = $tid AND field = 'problem'")
	r=$(q "SELECT count(*) FROM metric_value WHERE source = 'w$p'")
	i=$(q "SELECT count(*) FROM metric_value WHERE source = 'imp$p'")
	h=$(q "SELECT count(*) FROM highlight WHERE text LIKE 'w$p-%'")
	f=$(q "SELECT count(*) FROM feedback WHERE channel = 'w$p'")
	final=$(q "SELECT progress FROM task WHERE key = 't$p'")
	want="$(get progress) $(get problem) $(get record) $((3 * $(get import))) $(get highlight) $(get feedback) $(get last_progress)"
	got="$a $b $r $i $h $f $final"
	if [ "$got" != "$want" ]; then
		lost=$((lost + 1))
		echo "# writer $p: database has [$got], writer did [$want]"
	fi
done
is "$lost" 0 "0 lost writes: every audit row, value, highlight and final state is there"
is "$(q 'PRAGMA integrity_check')" ok "the database is intact"
v=$(q "SELECT max(version) FROM task WHERE key = 't0'")
is "$v" "$((1 + $(awk '$1 == "progress" || $1 == "problem" { s += $2 } END { print s }' "$T/out.0")))" \
	"a task's version counts its edits"

# The UI: alive, up to date, no error shown but waits.
s=$(screen)
has "$s" "压力测试 stress" "the UI is still running"
row=$(printf '%s\n' "$s" | grep '任务0 ' | head -1)
has "$row" " $(awk '$1 == "last_progress" { print $2 }' "$T/out.0")%" "and shows the last progress written"
errs=$(grep -v 'waiting for the database' "$T/screens" | grep -icE 'error|busy|fail|cannot|conflict|locked|corrupt' || true)
is "$errs" 0 "its header and status line showed no error during the run"
grep -v 'waiting for the database' "$T/screens" | grep -iE 'error|busy|fail|cannot|conflict|locked|corrupt' | sort -u | head -3 | sed 's/^/#   /'
echo "# the UI said 'waiting for the database' on $(grep -c 'waiting for the database' "$T/screens") of $(wc -l <"$T/screens") samples"
