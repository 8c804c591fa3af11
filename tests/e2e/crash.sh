#!/bin/bash
# kill -9 during imports and edits: whatever the point, the database passes
# PRAGMA integrity_check and holds the operation wholly or not at all.
# Kill points come from strace (SIGKILL at the Nth pwrite64, spread over
# the whole write sequence and at random) and from timers.
# WARROOM_CRASH_POINTS scales the number of strace points (default 40).
. "$(dirname "$0")/lib.sh"
# LeakSanitizer cannot run under ptrace: no leak check for traced runs.
traced_env="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
F=$SOURCE_ROOT/tests/fixtures
GEN=$SOURCE_ROOT/tests/stress/gen-campaign
points=${WARROOM_CRASH_POINTS:-}
if [ -z "$points" ]; then
	points=40
	if ldd "$WARROOM" 2>/dev/null | grep -q 'libasan'; then
		points=20
		echo "# sanitizer build: $points kill points per series (WARROOM_CRASH_POINTS to change)"
	fi
fi
RANDOM=8

if ! command -v strace >/dev/null || ! strace -f -qq -o /dev/null true 2>/dev/null; then
	ok 0 "# skip strace is missing or cannot trace here"
	exit 0
fi

# What a database holds, table by table. Risks are left out: they are
# derived from values and dates by a scan that runs after a write, in its
# own transaction, and catches up at the next scan if it was killed.
shape() {
	sqlite3 "$1" "SELECT (SELECT count(*) FROM campaign) || ' ' || (SELECT count(*) FROM phase)
		|| ' ' || (SELECT count(*) FROM task) || ' ' || (SELECT count(*) FROM task_dep)
		|| ' ' || (SELECT count(*) FROM metric) || ' ' || (SELECT count(*) FROM metric_value)
		|| ' ' || (SELECT count(*) FROM feedback)
		|| ' ' || (SELECT count(*) FROM audit WHERE entity <> 'risk') || ' ' || (SELECT count(*) FROM highlight)
		|| ' ' || (SELECT ifnull(sum(progress), 0) FROM task)
		|| ' ' || (SELECT ifnull(max(version), 0) FROM task)" 2>&1
}
kill_at() { # kill_at N CMD...: runs CMD, killed with SIGKILL at its Nth pwrite64
	k=$1
	shift
	(strace -f -qq -o /dev/null -e trace=pwrite64 -e inject=pwrite64:signal=KILL:when="$k" \
		env "$traced_env" "$@" >/dev/null 2>&1) 2>/dev/null
}
writes() { # writes CMD...: how many pwrite64 calls the command makes
	strace -f -qq -e trace=pwrite64 -o "$T/trace" env "$traced_env" "$@" >/dev/null 2>&1
	grep -c 'pwrite64(' "$T/trace"
}

# crash_series NAME BASE.db WANT_BEFORE WANT_AFTER CMD...: kills CMD (run
# on a copy of BASE.db at $T/c.db) at many points; every result must be
# intact and equal to one of the two shapes.
crash_series() {
	local name=$1 base=$2 before=$3 after=$4 n list half killed bad partial whole none k ic s
	shift 4
	cp "$base" "$T/probe.db"
	n=$(writes env DB="$T/probe.db" "$@")
	list=""
	half=$((points / 2))
	for i in $(seq 1 "$half"); do list="$list $(((n * i + half - 1) / half))"; done
	for _ in $(seq 1 $((points - half))); do list="$list $((1 + (RANDOM * 32768 + RANDOM) % n))"; done
	killed=0 bad=0 partial=0 whole=0 none=0
	for k in $list; do
		rm -f "$T"/c.db*
		cp "$base" "$T/c.db"
		kill_at "$k" env DB="$T/c.db" "$@" >/dev/null 2>&1
		[ $? -ne 0 ] && killed=$((killed + 1))
		ic=$(sqlite3 "$T/c.db" 'PRAGMA integrity_check' 2>&1)
		s=$(shape "$T/c.db")
		if [ "$ic" != ok ]; then
			bad=$((bad + 1))
			echo "# $name killed at write $k: integrity_check says $ic"
		elif [ "$s" = "$after" ]; then
			whole=$((whole + 1))
		elif [ "$s" = "$before" ]; then
			none=$((none + 1))
		else
			partial=$((partial + 1))
			echo "# $name killed at write $k: [$s] is neither [$before] nor [$after]"
		fi
	done
	echo "# $name: $n writes, killed at $points points ($killed died): $none absent, $whole whole"
	ok $([ "$killed" -ge $((points * 3 / 4)) ]; echo $?) "$name: kill -9 at $points points of $n writes"
	is "$bad" 0 "$name: integrity_check is ok every time"
	is "$partial" 0 "$name: wholly applied or wholly absent every time"
	ok $([ "$none" -gt 0 ]; echo $?) "$name: some kills came before the commit ($none)"
}

# The team database before the large import.
"$WARROOM" --db "$T/base.db" import "$F/cli-launch.yaml" >/dev/null
before=$(shape "$T/base.db")
"$GEN" yaml big 3000 5000 >"$T/big.yaml"
cp "$T/base.db" "$T/full.db"
run "$WARROOM" --db "$T/full.db" import "$T/big.yaml"
ok "$rc" "a campaign of 3,000 tasks and 5,000 messages imports ($out)"
after=$(shape "$T/full.db")
case "$before$after" in
*[!0-9\ ]*) ok 1 "counting rows works: [$before] [$after]" ;;
*) ok $([ "$before" != "$after" ]; echo $?) "counting rows tells the databases apart: [$before] -> [$after]" ;;
esac
export WARROOM T
crash_series "import" "$T/base.db" "$before" "$after" sh -c '"$WARROOM" --db "$DB" import "$T/big.yaml"'

# A killed import leaves nothing in the way of the next one.
rm -f "$T"/c.db*
cp "$T/base.db" "$T/c.db"
kill_at 40 "$WARROOM" --db "$T/c.db" import "$T/big.yaml" >/dev/null 2>&1
run "$WARROOM" --db "$T/c.db" import "$T/big.yaml"
is "$rc" 0 "importing again after a kill succeeds"
is "$(shape "$T/c.db")" "$after" "and gives the same database as an import never killed"

# Updating a large campaign (re-import with every task changed).
sed 's/执行与复核/执行、复核与复盘/' "$T/big.yaml" >"$T/big2.yaml"
cp "$T/full.db" "$T/upd.db"
"$WARROOM" --db "$T/upd.db" import "$T/big2.yaml" >/dev/null
upd=$(shape "$T/upd.db")
crash_series "re-import" "$T/full.db" "$after" "$upd" sh -c '"$WARROOM" --db "$DB" import "$T/big2.yaml"'

# A metric import of 20,000 rows: all rows or none.
"$GEN" values big 20000 >"$T/values.csv"
cp "$T/full.db" "$T/m.db"
run "$WARROOM" --db "$T/m.db" metric import "$T/values.csv"
ok "$rc" "20,000 metric values import"
mshape() { sqlite3 "$1" "SELECT count(*) FROM metric_value WHERE origin = 'import'"; }
is "$(mshape "$T/m.db")" 20000 "all of them"
mk=0 mbad=0 mpartial=0
n=$(writes "$WARROOM" --db "$T/probe.db" metric import "$T/values.csv")
for i in $(seq 1 $((points / 2))); do
	k=$((1 + (RANDOM * 32768 + RANDOM) % n))
	rm -f "$T"/c.db*
	cp "$T/full.db" "$T/c.db"
	kill_at "$k" "$WARROOM" --db "$T/c.db" metric import "$T/values.csv" >/dev/null 2>&1
	[ $? -ne 0 ] && mk=$((mk + 1))
	[ "$(sqlite3 "$T/c.db" 'PRAGMA integrity_check')" = ok ] || mbad=$((mbad + 1))
	c=$(mshape "$T/c.db")
	[ "$c" = 0 ] || [ "$c" = 20000 ] || { mpartial=$((mpartial + 1)); echo "# metric import killed at $k: $c rows"; }
done
echo "# metric import: $n writes, $mk of $((points / 2)) runs killed"
is "$mbad" 0 "metric import killed at random writes: integrity ok every time"
is "$mpartial" 0 "and 0 or 20,000 values, never a part"

# A feedback CSV of 10,000 messages: all or none. (Its import makes some
# 70,000 writes, most to a temporary file, so fewer points are tried.)
"$GEN" feedback 10000 >"$T/feedback.csv"
cp "$T/full.db" "$T/fb.db"
run "$WARROOM" --db "$T/fb.db" feedback import "$T/feedback.csv" --campaign big
ok "$rc" "10,000 feedback messages import ($out)"
fb_after=$(shape "$T/fb.db")
all_points=$points
points=$((points / 4))
crash_series "feedback import" "$T/full.db" "$after" "$fb_after" \
	sh -c '"$WARROOM" --db "$DB" feedback import "$T/feedback.csv" --campaign big'
points=$all_points

# Single edits, each killed at every one of its writes.
edit_series() { # edit_series NAME CMD... (CMD uses $DB)
	local name=$1 e_before e_after ne k s eb=0 ep=0 ek=0
	shift
	cp "$T/base.db" "$T/e.db"
	DB=$T/e.db "$@" >/dev/null 2>&1
	e_before=$(shape "$T/base.db")
	e_after=$(shape "$T/e.db")
	rm -f "$T"/probe.db*
	cp "$T/base.db" "$T/probe.db"
	ne=$(writes env DB="$T/probe.db" "$@")
	for k in $(seq 1 "$ne"); do
		rm -f "$T"/c.db*
		cp "$T/base.db" "$T/c.db"
		kill_at "$k" env DB="$T/c.db" "$@"
		[ $? -ne 0 ] && ek=$((ek + 1))
		[ "$(sqlite3 "$T/c.db" 'PRAGMA integrity_check')" = ok ] || eb=$((eb + 1))
		s=$(shape "$T/c.db")
		[ "$s" = "$e_before" ] || [ "$s" = "$e_after" ] || { ep=$((ep + 1)); echo "# $name killed at $k: [$s]"; }
	done
	echo "# $name: killed at each of its $ne writes ($ek died)"
	ok $([ "$e_before" != "$e_after" ] && [ "$ek" -gt 0 ]; echo $?) "$name: it changes the database and was killed"
	is "$eb" 0 "$name killed at each of its writes: integrity ok"
	is "$ep" 0 "$name: there with its audit row wholly or not at all"
}
K=$(sqlite3 "$T/base.db" "SELECT key FROM task ORDER BY ord LIMIT 1")
export K
edit_series "a task edit" sh -c '"$WARROOM" --db "$DB" task cli-launch "$K" set progress 70'
edit_series "a metric record" sh -c '"$WARROOM" --db "$DB" metric record cli-launch gmv 12万 --at "2024-06-04 09:30"'
edit_series "a review save" sh -c '"$WARROOM" --db "$DB" review cli-launch add highlight --text 直播转化高'
if "$WARROOM" feedback --help >/dev/null 2>&1; then
	edit_series "a feedback message" sh -c '"$WARROOM" --db "$DB" feedback add cli-launch --text 快递太慢了 --at 2024-06-04'
fi

# Timed kills, not tied to a system call, spread over an import's run time.
rm -f "$T"/c.db*
cp "$T/base.db" "$T/c.db"
t0=$(date +%s%N)
"$WARROOM" --db "$T/c.db" import "$T/big.yaml" >/dev/null 2>&1
ms=$((($(date +%s%N) - t0) / 1000000))
tk=0 tb=0 tp=0
for i in 1 2 3 4 5 6 7 8; do
	rm -f "$T"/c.db*
	cp "$T/base.db" "$T/c.db"
	"$WARROOM" --db "$T/c.db" import "$T/big.yaml" >/dev/null 2>&1 &
	pid=$!
	d=$((RANDOM % (ms + 1)))
	sleep "$((d / 1000)).$(printf %03d $((d % 1000)))"
	kill -9 "$pid" 2>/dev/null && tk=$((tk + 1))
	wait "$pid" 2>/dev/null
	[ "$(sqlite3 "$T/c.db" 'PRAGMA integrity_check')" = ok ] || tb=$((tb + 1))
	s=$(shape "$T/c.db")
	[ "$s" = "$before" ] || [ "$s" = "$after" ] || { tp=$((tp + 1)); echo "# timed kill $i: [$s]"; }
done
echo "# timed kills: $tk of 8 landed while the import ran (it takes $ms ms)"
is "$tb" 0 "imports killed by timers: integrity ok"
is "$tp" 0 "and all or nothing"
