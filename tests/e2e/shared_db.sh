#!/bin/bash
# One team database on a shared server: a group-shared setgid folder, other
# operators' modes and umasks, read-only users and folders, waiting for a
# busy writer, and a full disk. Switching users needs root (setpriv); those
# checks are skipped otherwise.
. "$(dirname "$0")/lib.sh"
# LeakSanitizer cannot run under ptrace: no leak check for traced runs.
traced_env="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
F=$SOURCE_ROOT/tests/fixtures
unset WARROOM_DB
tm="tmux -L wr-sh-$$"
at_exit "$tm kill-server 2>/dev/null"

# ---- the same as any user: busy, full disk, WARROOM_DB ---------------------
DB=$T/w.db
w() { "$WARROOM" --db "$DB" "$@"; }
w import "$F/cli-launch.yaml" >/dev/null
K=$(sqlite3 "$DB" "SELECT key FROM task ORDER BY ord LIMIT 1")

# A database that does not exist yet, opened while another process is
# creating it (here the sqlite3 shell, holding its first transaction for
# 1 s): SQLite refuses the switch to WAL at once rather than wait, since
# waiting could deadlock. warroom waits and opens it.
NEW=$T/new.db
(echo 'BEGIN IMMEDIATE; CREATE TABLE x(a);'; sleep 1; echo 'ROLLBACK;') | sqlite3 "$NEW" &
for _ in $(seq 50); do sqlite3 "$NEW" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1 || break; sleep 0.02; done
run "$WARROOM" --db "$NEW" list
wait
is "$rc $err" "0 " "opening a database another process is creating waits for it"
is "$(sqlite3 "$NEW" 'PRAGMA user_version')" "$(sqlite3 "$DB" 'PRAGMA user_version')" \
	"and gives it the newest schema"
# Four operators open a new database at once: one creates it (the whole
# schema in one transaction), the others wait and use it.
bad=0
for round in 1 2 3; do
	NEW=$T/new$round.db
	for i in 1 2 3 4; do "$WARROOM" --db "$NEW" list >"$T/new.$i" 2>&1 & done
	wait
	[ "$(cat "$T"/new.? | sort -u)" = "no campaigns yet: import one with 'warroom import FILE.yaml'" ] ||
		{ bad=$((bad + 1)); grep -hv "no campaigns" "$T"/new.? | sed 's/^/# /' | head -2; }
done
is "$bad" 0 "four processes creating one new database all open it (3 rounds)"

# Another writer holds the lock for 2 s.
hold_lock() { # hold_lock DB SECONDS: a writer that keeps the lock
	(echo 'BEGIN IMMEDIATE; UPDATE campaign SET name = name;'; sleep "$2"; echo 'COMMIT;') |
		sqlite3 "$1" &
	lock_pid=$!
	for _ in $(seq 50); do
		sqlite3 "$1" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1 || return 0
		sleep 0.05
	done
}
hold_lock "$DB" 2
t0=$(date +%s%N)
WARROOM_BUSY_TIMEOUT=400 run w task cli-launch "$K" set progress 30
t1=$(date +%s%N)
is "$rc" 3 "a write still locked after the busy timeout exits 3"
has "$err" "the database is busy" "and says the database is busy"
is "$(printf '%s\n' "$err" | wc -l)" 1 "in one line"
ok $([ $(((t1 - t0) / 1000000)) -ge 380 ]; echo $?) "after waiting for the timeout ($(((t1 - t0) / 1000000)) ms)"
run w task cli-launch "$K" set progress 31
is "$rc" 0 "with the default timeout the write waits for the other writer and succeeds"
wait "$lock_pid"
is "$(sqlite3 "$DB" "SELECT progress FROM task WHERE key = '$K'")" 31 "the waited-for write is there"
is "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE field = 'progress' AND new_value = '30'")" 0 \
	"the timed-out write left nothing, not even an audit row"

# On a terminal, a command that has to wait says so (script gives it one).
if command -v script >/dev/null; then
	hold_lock "$DB" 2
	script -qec "$(printf '%q ' "$WARROOM" --db "$DB" task cli-launch "$K" set progress 32)" /dev/null \
		>"$T/tty" 2>&1
	r=$?
	wait "$lock_pid"
	is "$r" 0 "a command behind another writer waits and succeeds"
	has "$(cat "$T/tty")" "waiting for the database…" "saying on the terminal that it is waiting"
	is "$(grep -c . "$T/tty")" 1 "once"
fi

# No update is lost silently: an edit based on a row another operator has
# changed since is refused, saying who changed it.
$tm new-session -d -x 120 -y 30 "$(printf '%q ' env WARROOM_USER=ann "$WARROOM" --db "$DB" --campaign cli-launch)"
for _ in $(seq 80); do case "$($tm capture-pane -p 2>/dev/null)" in *"q quit"*) break ;; esac; sleep 0.1; done
$tm send-keys e
sleep 0.3
$tm send-keys r
sleep 0.3
WARROOM_USER=bob "$WARROOM" --db "$DB" task cli-launch "$K" set problem "bob's text" >/dev/null
sleep 1.5
$tm send-keys "ann's text" Enter
for _ in $(seq 50); do case "$($tm capture-pane -p)" in *"changed by bob"*) break ;; esac; sleep 0.1; done
has "$($tm capture-pane -p | tail -1)" "changed by bob" "an edit of a task another operator changed meanwhile is refused, naming them"
is "$(sqlite3 "$DB" "SELECT problem FROM task WHERE key = '$K'")" "bob's text" "and the other operator's text is kept"
$tm kill-server 2>/dev/null
run w review cli-launch set overview --text "first"
v=$(w review cli-launch show --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])' 2>/dev/null)
WARROOM_USER=bob "$WARROOM" --db "$DB" review cli-launch set overview --text "bob's overview" >/dev/null
run w review cli-launch set overview --text "ann's overview" --if-version "$v"
is "$rc" 1 "a review save with a stale --if-version is refused (exit 1)"
has "$err" "bob" "naming who changed it"

WARROOM_DB=$DB run "$WARROOM" list --format tsv
has "$out" "cli-launch" "WARROOM_DB names the team database"
mkdir -p "$T/xdg/warroom"
printf 'database: %s\n' "$DB" >"$T/xdg/warroom/config.yaml"
XDG_CONFIG_HOME=$T/xdg run "$WARROOM" list --format tsv
has "$out" "cli-launch" "so does the config file's database setting"

# A full disk at many points of an import: one line, nothing written, intact.
if command -v strace >/dev/null; then
	cp "$DB" "$T/base.db"
	nw=$(strace -f -qq -e trace=pwrite64 -o "$T/trace" env "$traced_env" "$WARROOM" --db "$T/base.db" \
		import "$SOURCE_ROOT/sample-campaigns/2024-summer-launch.yaml" >/dev/null 2>&1
		grep -c 'pwrite64(' "$T/trace")
	fails=0 partial=0 lines=0 corrupt=0 tries=0
	for n in 1 2 3 5 8 13 21 34 55; do
		[ "$n" -le "$nw" ] || continue
		tries=$((tries + 1))
		rm -f "$T"/full.db*
		cp "$DB" "$T/full.db"
		strace -f -qq -o /dev/null -e inject=pwrite64:error=ENOSPC:when=$n \
			env "$traced_env" "$WARROOM" --db "$T/full.db" import "$SOURCE_ROOT/sample-campaigns/2024-summer-launch.yaml" \
			>/dev/null 2>"$T/err"
		r=$?
		e=$(cat "$T/err")
		c=$(sqlite3 "$T/full.db" "SELECT count(*) FROM campaign WHERE key = '2024-summer-launch'")
		[ "$(sqlite3 "$T/full.db" 'PRAGMA integrity_check')" = ok ] || corrupt=$((corrupt + 1))
		if [ "$r" -ne 0 ]; then
			fails=$((fails + 1))
			[ "$c" = 0 ] || partial=$((partial + 1))
			case "$e" in *"the disk is full"*) ;; *) lines=$((lines + 1)); echo "# n=$n: $e" ;; esac
			[ "$(printf '%s\n' "$e" | wc -l)" -eq 1 ] || lines=$((lines + 1))
		elif [ "$c" != 1 ]; then
			partial=$((partial + 1))
		fi
	done
	echo "# ENOSPC injected at $tries of $nw writes: $fails imports refused"
	ok $([ "$fails" -ge 3 ]; echo $?) "a full disk refuses the import ($fails of $tries points)"
	is "$lines" 0 "with one line saying the disk is full"
	is "$partial" 0 "and no partial import"
	is "$corrupt" 0 "and the database passes integrity_check every time"
else
	ok 0 "# skip strace is not installed"
fi

# ---- users and groups (root only) ------------------------------------------
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null; then
	ok 0 "# skip switching users needs root and setpriv"
	exit 0
fi
G=40000
# Operators: ann (no passwd entry) and nobody, both in the team group; an
# outsider who is not.
as() { # as UID UMASK CMD...
	u=$1 m=$2
	shift 2
	setpriv --reuid="$u" --regid="$u" --groups="$G" --inh-caps=-all \
		env HOME="$T" sh -c 'umask "$0"; exec "$@"' "$m" "$@"
}
# The same for a command line run by tmux.
as_cmd() { printf '%q ' setpriv --reuid="$1" --regid="$1" --groups="$G" --inh-caps=-all \
	env HOME="$T" sh -c 'umask "$0"; exec "$@"' "$2"; shift 2; printf '%q ' "$@"; }
ann() { as 40001 022 env WARROOM_USER=ann "$@"; }
nob() { as 65534 077 env -u WARROOM_USER -u USER "$@"; }
chmod 0711 "$T"
team=$T/team
mkdir "$team"
chgrp "$G" "$team"
chmod 2770 "$team"
TDB=$team/warroom.db
mode() { stat -c '%a %g' "$1"; }

run ann "$WARROOM" --db "$TDB" import "$F/cli-launch.yaml"
is "$rc" 0 "an operator with umask 022 creates the team database"
is "$(mode "$TDB")" "660 $G" "a new database in a setgid folder is 0660 and the folder's group"

# A second operator with a strict umask opens the UI: the -wal and -shm it
# creates are group-writable too.
$tm new-session -d -x 120 -y 30 "$(as_cmd 65534 077 env -u WARROOM_USER -u USER "$WARROOM" --db "$TDB")"
screen() { $tm capture-pane -p 2>/dev/null; }
wait_screen() { # wait_screen TEXT: up to 8 s
	for _ in $(seq 80); do
		case "$(screen)" in *"$1"*) return 0 ;; esac
		sleep 0.1
	done
	return 1
}
wait_screen "2024夏季新品推广"
ok $? "the UI opens on the team database"
for _ in $(seq 50); do [ -e "$TDB-shm" ] && break; sleep 0.1; done
is "$(mode "$TDB-wal")" "660 $G" "the -wal created by another operator is 0660 and the group's"
is "$(mode "$TDB-shm")" "660 $G" "so is the -shm"
run ann "$WARROOM" --db "$TDB" task cli-launch "$K" set progress 45
is "$rc" 0 "the first operator writes while the second has it open"
wait_screen "45%"
ok $? "the UI follows the other operator's write"
$tm kill-server 2>/dev/null
run nob "$WARROOM" --db "$TDB" task cli-launch "$K" set progress 55
is "$rc" 0 "the second operator writes too"
run "$WARROOM" --db "$TDB" log cli-launch --format tsv
has "$out" "nobody" "the audit log names the OS user"
has "$out" "45" "with the old value"
has "$out" "55" "and the new one"
run "$WARROOM" --db "$TDB" log cli-launch --user nobody --format tsv
is "$(printf '%s\n' "$out" | sed 1d | wc -l)" 1 "log --user shows that user's changes only"
setpriv --reuid=40009 --regid=40009 --clear-groups --inh-caps=-all env HOME="$T" "$WARROOM" --db "$TDB" list \
	>/dev/null 2>"$T/err"
is "$?" 3 "someone outside the group cannot open it (exit 3)"
is "$(wc -l <"$T/err")" 1 "with one line"

# 0640: the owner writes, the group only reads; warroom keeps that mode.
chmod 0640 "$TDB"
run ann "$WARROOM" --db "$TDB" task cli-launch "$K" set progress 56
is "$rc" 0 "the owner of a 0640 database writes to it"
is "$(mode "$TDB")" "640 $G" "and its mode is left as the team set it"
run nob "$WARROOM" --db "$TDB" task cli-launch "$K" set progress 57
is "$rc" 3 "the group can only read it"
run ann "$WARROOM" --db "$TDB" task cli-launch "$K" set progress 55
chmod 0660 "$TDB"

# A database the user may only read.
chmod 0440 "$TDB"
rm -f "$TDB-wal" "$TDB-shm"
run nob "$WARROOM" --db "$TDB" list --format tsv
is "$rc" 0 "a 0440 database opens for reading"
has "$out" "cli-launch" "and lists its campaigns"
ok $([ ! -e "$TDB-wal" ] && [ ! -e "$TDB-shm" ]; echo $?) \
	"a reader leaves no read-only -wal/-shm behind to block writers later"
run nob "$WARROOM" --db "$TDB" task cli-launch "$K" set progress 60
is "$rc" 3 "a write to it exits 3"
has "$err" "read-only" "saying it is read-only"
is "$(printf '%s\n' "$err" | wc -l)" 1 "in one line"
chmod 0660 "$TDB"

# A folder the user may not write in (no -wal/-shm can be made there).
chmod 2750 "$team"
run nob "$WARROOM" --db "$TDB" list --format tsv
is "$rc" 0 "a database in a read-only folder opens for reading"
has "$out" "cli-launch" "and lists its campaigns"
run nob "$WARROOM" --db "$TDB" task cli-launch "$K" set progress 60
is "$rc" 3 "a write exits 3 with one line"
has "$err" "read-only" "saying it is read-only"
# The wall display in that folder follows writes made by someone who can.
$tm new-session -d -x 120 -y 30 "$(as_cmd 65534 022 env -u WARROOM_USER "$WARROOM" --db "$TDB")"
wait_screen "READ-ONLY"
ok $? "the UI shows a read-only banner"
wait_screen "55%"
"$WARROOM" --db "$TDB" task cli-launch "$K" set progress 65 >/dev/null
wait_screen "65%"
ok $? "a read-only UI that cannot create the -shm still follows writes"
$tm kill-server 2>/dev/null
chmod 2770 "$team"

# --read-only: wall-display mode for someone who could write.
run ann "$WARROOM" --db "$TDB" --read-only task cli-launch "$K" set progress 70
is "$rc" 3 "--read-only refuses writes (exit 3)"
has "$err" "read-only" "saying why"
is "$(sqlite3 "$TDB" "SELECT progress FROM task WHERE key = '$K'")" 65 "and writes nothing"

# The UI says it is waiting rather than freezing or failing.
$tm new-session -d -x 120 -y 30 "$(as_cmd 40001 022 env WARROOM_USER=ann "$WARROOM" --db "$TDB")"
wait_screen "65%"
hold_lock "$TDB" 3
$tm send-keys ']'
wait_screen "waiting for the database"
ok $? "an edit behind another writer shows 'waiting for the database…'"
wait "$lock_pid"
for _ in $(seq 50); do
	p=$(sqlite3 "$TDB" "SELECT progress FROM task WHERE key = '$K'")
	[ "$p" != 65 ] && break
	sleep 0.1
done
ok $([ "$p" -gt 65 ]; echo $?) "and applies the edit once the writer is done (progress $p)"
hasnt "$(screen)" "busy" "no error is shown for the wait"
$tm kill-server 2>/dev/null
is "$(sqlite3 "$TDB" 'PRAGMA integrity_check')" ok "the team database is intact"

# A real full disk and a read-only file system, on a small tmpfs.
mnt=$T/small
mkdir "$mnt"
if mount -t tmpfs -o size=1m tmpfs "$mnt" 2>/dev/null; then
	at_exit "umount '$mnt' 2>/dev/null"
	"$WARROOM" --db "$mnt/w.db" import "$F/cli-launch.yaml" >/dev/null
	dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
	run "$WARROOM" --db "$mnt/w.db" import "$SOURCE_ROOT/sample-campaigns/2024-summer-launch.yaml"
	ok $([ "$rc" -ne 0 ]; echo $?) "an import onto a full disk fails (exit $rc)"
	has "$err" "the disk is full" "saying the disk is full"
	is "$(printf '%s\n' "$err" | wc -l)" 1 "in one line"
	rm -f "$mnt/filler"
	is "$(sqlite3 "$mnt/w.db" "PRAGMA integrity_check; SELECT count(*) FROM campaign")" "ok
1" "and leaves the database intact with nothing of the import"
	"$WARROOM" --db "$mnt/w.db" list >/dev/null
	mount -o remount,ro "$mnt"
	run "$WARROOM" --db "$mnt/w.db" list --format tsv
	is "$rc" 0 "a database on a read-only file system opens for reading"
	run "$WARROOM" --db "$mnt/w.db" task cli-launch "$K" set progress 80
	is "$rc" 3 "and refuses writes with exit 3"
	has "$err" "read-only" "saying it is read-only"
	umount "$mnt"
else
	ok 0 "# skip cannot mount a tmpfs here"
fi
