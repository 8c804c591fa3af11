#!/bin/bash
# Shell completion: the bash and zsh scripts load, and in a real
# interactive shell (in tmux) Tab completes commands, options, option
# values, campaign ids from the database named on the line, task and metric
# keys, and theme names.
. "$(dirname "$0")/lib.sh"
BASH_SCRIPT=$SOURCE_ROOT/data/completion/warroom.bash
ZSH_DIR=$SOURCE_ROOT/data/completion
DB=$T/c.db
"$WARROOM" --db "$DB" import "$SOURCE_ROOT/tests/fixtures/ui-campaign.yaml" >/dev/null || {
	echo "Bail out! the fixture does not import"
	exit 1
}
CAMPAIGN=$("$WARROOM" --db "$DB" list --format tsv | sed -n '2p' | cut -f1)
mkdir -p "$T/bin" "$T/home"
ln -s "$WARROOM" "$T/bin/warroom"

# What the binary offers (the scripts only relay it).
c() { "$WARROOM" __complete "$@"; }
has "$(c 1 warroom '')" "import" "commands are offered"
has "$(c 1 warroom --t)" "--theme" "global options are offered"
has "$(c 2 warroom --theme '')" "high-contrast" "theme names are offered"
has "$(c 4 warroom --db "$DB" export '')" "$CAMPAIGN" "campaign ids come from the database named by --db"
has "$(c 3 warroom --db="$DB" tasks '')" "$CAMPAIGN" "and by --db=PATH"
has "$(c 2 warroom list --format=j)" "--format=json" "an option's value glued with ="
has "$(c 3 warroom report x --format '')" "html" "an option's values, per command"
is "$(c 2 warroom import '' | head -1)" ":files" "files where a FILE goes"
run c 4 warroom --db "$T/none.db" export ''
ok $rc "a missing database gives no ids and no error status"
[ ! -e "$T/none.db" ]
ok $? "and is not created"

if ! command -v bash >/dev/null 2>&1; then :; else
	run bash --norc -c ". '$BASH_SCRIPT' && complete -p warroom"
	is "$out" "complete -F _warroom warroom" "the bash script loads and registers _warroom"
	# Without bash-completion the function still works.
	run env PATH="$T/bin:$PATH" bash --norc -c ". '$BASH_SCRIPT'
		COMP_WORDS=(warroom --db '$DB' export ''); COMP_CWORD=4
		_warroom; printf '%s\n' \"\${COMPREPLY[@]}\""
	is "$out" "$CAMPAIGN" "bash without bash-completion: a campaign id"
	run env PATH="$T/bin:$PATH" bash --norc -c ". '$BASH_SCRIPT'
		COMP_WORDS=(warroom list --format = j); COMP_CWORD=4
		_warroom; printf '%s\n' \"\${COMPREPLY[@]}\""
	is "$out" "json" "bash without bash-completion: a value after ="
fi

if ! command -v tmux >/dev/null 2>&1; then
	ok 0 "# SKIP tmux is not installed"
	exit 0
fi
SOCK="wr-compl-$$"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
at_exit 'tmux -L "$SOCK" kill-server >/dev/null 2>&1'

# shell_start NAME COMMAND: an interactive shell in a 120x30 window, in a
# scratch folder, with only the test's binary on PATH.
shell_start() {
	tm new-session -d -s "$1" -x 120 -y 30 -c "$T/home" \
		"env -i PATH=$T/bin:/usr/bin:/bin HOME=$T/home TERM=xterm LC_ALL=C.UTF-8 WARROOM_TODAY=2024-06-05 $2"
	local i=0
	while [ $i -lt 100 ]; do
		tm capture-pane -p -t "$1" 2>/dev/null | grep -q '^\$' && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# tab NAME TEXT [WAIT]: types TEXT on a fresh line, presses Tab, prints the
# screen.
tab() {
	tm send-keys -t "$1" C-u C-l
	sleep 0.2
	tm send-keys -t "$1" -l "$2"
	tm send-keys -t "$1" Tab
	sleep "${3:-0.6}"
	tm capture-pane -p -t "$1" | grep -v '^$'
}

check_shell() {
	local s=$1 name=$2
	local got
	got=$(tab "$s" "warroom --db $DB exp")
	has "$got" "warroom --db $DB export" "$name: Tab completes a command"
	got=$(tab "$s" "warroom --db $DB export ${CAMPAIGN:0:4}")
	has "$got" "export $CAMPAIGN" "$name: Tab completes a campaign id from the database on the line"
	got=$(tab "$s" "warroom --db $DB tasks $CAMPAIGN --for")
	has "$got" "$CAMPAIGN --format" "$name: Tab completes a command's option"
	got=$(tab "$s" "warroom --db $DB tasks $CAMPAIGN --format=j")
	has "$got" "--format=json" "$name: Tab completes an option's value after ="
	got=$(tab "$s" "warroom --theme high-c")
	has "$got" "--theme high-contrast" "$name: Tab completes a theme name"
	got=$(tab "$s" "warroom --db $DB metric record $CAMPAIGN ")
	tm send-keys -t "$s" Tab
	sleep 0.6
	got=$(tm capture-pane -p -t "$s")
	metric=$(c 5 warroom --db "$DB" metric record "$CAMPAIGN" '' | sed -n '1s/\t.*//p')
	[ -n "$metric" ] && case "$got" in *"$metric"*) true ;; *) false ;; esac
	ok $? "$name: Tab lists the campaign's metric keys ($metric)"
	touch "$T/home/plan-2024.yaml"
	got=$(tab "$s" "warroom check plan-")
	has "$got" "check plan-2024.yaml" "$name: Tab completes a file name where a FILE goes"
}

if [ -f /usr/share/bash-completion/bash_completion ]; then
	printf "PS1='\$ '\n. /usr/share/bash-completion/bash_completion\n. '%s'\n" "$BASH_SCRIPT" >"$T/bashrc"
	if shell_start bash "bash --noprofile --rcfile $T/bashrc -i"; then
		check_shell bash bash
	else
		ok 1 "bash starts in tmux"
	fi
else
	ok 0 "# SKIP bash-completion is not installed"
fi

if command -v zsh >/dev/null 2>&1; then
	run zsh -f -c "fpath=('$ZSH_DIR' \$fpath); autoload -Uz compinit; compinit -u -d '$T/zdump'; print -r -- \${_comps[warroom]}"
	is "$out" "_warroom" "the zsh function is found on fpath and bound to warroom"
	mkdir -p "$T/zdot"
	cat >"$T/zdot/.zshrc" <<ZRC
PS1='\$ '
fpath=('$ZSH_DIR' \$fpath)
autoload -Uz compinit
compinit -u -d '$T/zdump'
ZRC
	if shell_start zsh "ZDOTDIR=$T/zdot zsh -i"; then
		check_shell zsh zsh
	else
		ok 1 "zsh starts in tmux"
	fi
else
	ok 0 "# SKIP zsh is not installed"
fi
