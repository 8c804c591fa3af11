# bash completion for warroom.
#
# warroom computes the candidates itself (`warroom __complete INDEX WORDS...`
# prints "WORD<TAB>DESCRIPTION" lines, and ":files" when file names fit), so
# commands, options, campaign ids, task and metric keys and theme names
# always match the installed binary and the database named by --db.

_warroom() {
	local cur words cword
	if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
		# Keep --format=json and ids with ':' as one word.
		_get_comp_words_by_ref -n =: cur words cword
	else
		# Without bash-completion: glue "--format" "=" "js" back together.
		local i
		words=()
		cword=0
		for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
			if ((i > 0)) && [[ ${COMP_WORDS[i]} == "=" || ${COMP_WORDS[i - 1]} == "=" ]]; then
				words[${#words[@]} - 1]+=${COMP_WORDS[i]}
			else
				words+=("${COMP_WORDS[i]}")
			fi
			((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
		done
		cur=${words[cword]}
	fi

	local prog=${words[0]}
	[[ $prog == warroom ]] && prog=$(type -P warroom)
	[[ -n $prog ]] || return 0

	# Bash replaces only the part of the word after its last = or :.
	local part=${COMP_WORDS[COMP_CWORD]}
	local lead=${cur%"$part"}

	local line files=0 IFS=$'\n'
	COMPREPLY=()
	for line in $("$prog" __complete "$cword" "${words[@]:0:cword+1}" 2>/dev/null); do
		if [[ $line == :files ]]; then
			files=1
		else
			line=${line%%$'\t'*}
			COMPREPLY+=("${line#"$lead"}")
		fi
	done
	if ((files)); then
		if declare -F _filedir >/dev/null 2>&1; then
			_filedir
		else
			compopt -o filenames 2>/dev/null
			COMPREPLY+=($(compgen -f -- "$cur"))
		fi
	fi
	return 0
}
complete -F _warroom warroom
