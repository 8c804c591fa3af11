# Helpers for the terminal UI's end-to-end scripts: the real binary runs in
# a private tmux server (tmux -L), keys go in with send-keys and the screen
# comes back with capture-pane. Source it after nothing else; it sources
# lib.sh (TAP, $T scratch folder) and imports the UI fixture into $DB.
if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
. "$SOURCE_ROOT/tests/e2e/lib.sh"
export WARROOM_TODAY=${WARROOM_TODAY:-2024-06-05}
SOCK="wr-test-$$"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
at_exit 'tmux -L "$SOCK" kill-server >/dev/null 2>&1'

DB="$T/ui.db"
FIXTURE="$SOURCE_ROOT/tests/fixtures/ui-campaign.yaml"
"$WARROOM" --db "$DB" import "$FIXTURE" >/dev/null || {
	echo "Bail out! the UI fixture does not import"
	exit 1
}

# tui_start NAME WxH [VAR=VALUE...] [-- ARGS...]: runs warroom on $DB in a
# new session of that size; after it exits the pane shows "[exit N]".
tui_start() {
	local name=$1 size=$2
	shift 2
	local envs=(LC_ALL=C.UTF-8 "WARROOM_TODAY=$WARROOM_TODAY" WARROOM_USER=tester TERM=xterm-256color)
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs+=("$1")
		shift
	done
	[ "${1:-}" = "--" ] && shift
	local cmd="env -u NO_COLOR"
	for e in "${envs[@]}"; do cmd+=" $(printf '%q' "$e")"; done
	cmd+=" $(printf '%q' "$WARROOM") --db $(printf '%q' "$DB")"
	for a in "$@"; do cmd+=" $(printf '%q' "$a")"; done
	cmd+='; echo "[exit $?]"; sleep 600'
	tm new-session -d -s "$name" -x "${size%x*}" -y "${size#*x}" "$cmd"
}

screen_of() { tm capture-pane -p -t "$1"; }

# wait_for NAME TEXT [SECONDS]: polls the screen until TEXT shows up.
wait_for() {
	local name=$1 text=$2 limit=${3:-5} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		case "$(screen_of "$name")" in *"$text"*) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# wait_gone NAME TEXT [SECONDS]: polls until TEXT is no longer on screen.
wait_gone() {
	local name=$1 text=$2 limit=${3:-5} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		case "$(screen_of "$name")" in *"$text"*) ;; *) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

keys() { local name=$1; shift; tm send-keys -t "$name" "$@"; }

# expect NAME TEXT DESCRIPTION: one TAP line, with the screen when it fails.
expect() {
	if wait_for "$1" "$2" "${4:-5}"; then ok 0 "$3"; else
		ok 1 "$3"
		echo "#   waited for [$2]; the screen:"
		screen_of "$1" | sed 's/^/#   |/'
	fi
}
expect_gone() {
	if wait_gone "$1" "$2" "${4:-5}"; then ok 0 "$3"; else
		ok 1 "$3"
		echo "#   [$2] is still there; the screen:"
		screen_of "$1" | sed 's/^/#   |/'
	fi
}

# quit NAME: q, then waits for the exit status line.
quit() {
	keys "$1" q
	wait_for "$1" "[exit " 5
}

# field KEY COLUMN: a task's field from 'warroom tasks --format tsv'.
field() {
	"$WARROOM" --db "$DB" tasks ui-launch --format tsv |
		awk -F'\t' -v key="$1" -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
			$1 == key { print $h[col] }'
}
