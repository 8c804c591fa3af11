#!/bin/bash
# A database made by an older warroom opens in this one with all its data:
# every fixture in tests/fixtures/schema/ (vN.sql, a dump at schema version
# N) is loaded with the sqlite3 shell, opened, migrated and compared row by
# row. A database from a newer warroom is refused and left untouched.
. "$(dirname "$0")/lib.sh"
FX=$SOURCE_ROOT/tests/fixtures/schema

"$WARROOM" --db "$T/fresh.db" list >/dev/null
current=$(sqlite3 "$T/fresh.db" 'PRAGMA user_version')
ok $([ "$current" -ge 1 ]; echo $?) "a new database is at schema version $current"
schema() { sqlite3 "$1" "SELECT type || ' ' || name || ': ' || ifnull(sql, '') FROM sqlite_schema ORDER BY type, name"; }
# The search index and the caches (kept figures, clean scans: recomputed
# when missing) are not data a migration must carry over.
tables() { sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'feedback_fts%' AND name NOT IN ('task_figures', 'risk_scan') ORDER BY name"; }
# Every row of every table, by the columns the old table had.
rows() { # rows DB TABLE COLUMNS
	sqlite3 -separator '|' "$1" "SELECT $3 FROM \"$2\" ORDER BY $3"
}

found=0
for f in "$FX"/v*.sql; do
	[ -f "$f" ] || continue
	found=$((found + 1))
	v=$(basename "$f" .sql)
	v=${v#v}
	db=$T/v$v.db
	sqlite3 "$db" <"$f"
	ok $? "v$v: the fixture loads"
	[ -f "$db" ] || : >"$db"
	is "$(sqlite3 "$db" 'PRAGMA user_version')" "$v" "v$v: it is at schema version $v"
	n_rows=0
	for t in $(tables "$db"); do
		cols=$(sqlite3 "$db" "SELECT group_concat('\"' || name || '\"', ', ') FROM pragma_table_info('$t')")
		echo "$t $cols" >>"$T/cols.$v"
		rows "$db" "$t" "$cols" >"$T/before.$v.$t"
		n_rows=$((n_rows + $(wc -l <"$T/before.$v.$t")))
	done
	[ "$v" -eq "$current" ] && same_version_schema=$(schema "$db")
	run "$WARROOM" --db "$db" --read-only list
	if [ "$v" -lt "$current" ]; then
		is "$rc" 3 "v$v: opening it read-only is refused (it needs an upgrade)"
		has "$err" "needs an upgrade" "v$v: saying so in one line"
	fi
	run "$WARROOM" --db "$db" list --format tsv
	is "$rc" 0 "v$v: this warroom opens it"
	is "$(sqlite3 "$db" 'PRAGMA user_version')" "$current" "v$v: it is migrated to version $current"
	is "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok "v$v: integrity_check is ok"
	is "$(sqlite3 "$db" 'PRAGMA foreign_key_check')" "" "v$v: no broken references"
	lost=0
	if [ -f "$T/cols.$v" ]; then
		while read -r t cols; do
			rows "$db" "$t" "$cols" >"$T/after.$v.$t" 2>&1
			cmp -s "$T/before.$v.$t" "$T/after.$v.$t" || {
				lost=$((lost + 1))
				echo "# v$v: table $t changed"
				diff "$T/before.$v.$t" "$T/after.$v.$t" | head -5 | sed 's/^/#   /'
			}
		done <"$T/cols.$v"
	fi
	is "$lost" 0 "v$v: all $n_rows rows are kept, column for column"
	# The kept search-term counts (schema 9) cover every message, and say
	# what a substring scan says.
	is "$(sqlite3 "$db" "SELECT count(*) FROM feedback_count c LEFT JOIN feedback_term t
		ON t.campaign_id = c.campaign_id AND t.term = '' WHERE c.n <> ifnull(t.n, 0)")" 0 \
		"v$v: every campaign's search terms are counted"
	is "$(sqlite3 "$db" "SELECT group_concat(k, ' ') FROM (SELECT t.term || ':' || t.n AS k
		FROM feedback_term t WHERE t.term IN ('快', '物流', '好')
		AND t.n <> (SELECT count(*) FROM feedback f WHERE f.campaign_id = t.campaign_id
		AND f.text LIKE '%' || t.term || '%'))")" "" "v$v: and count what a scan counts"
	# Each metric's kept days (schema 10) are its values grouped by day.
	is "$(sqlite3 "$db" "SELECT count(*) FROM metric_value")" \
		"$(sqlite3 "$db" "SELECT ifnull(sum(n), 0) FROM metric_day")" "v$v: every value is in a kept day"
	is "$(sqlite3 "$db" "SELECT count(*) FROM (SELECT metric_id, substr(at, 1, 10) AS d,
		count(*) AS n, sum(value) AS total, max(at) AS last_at FROM metric_value GROUP BY 1, 2) v
		LEFT JOIN metric_day k ON k.metric_id = v.metric_id AND k.day = v.d
		WHERE k.n IS NOT v.n OR abs(k.sum - v.total) > 1e-6 OR k.last_at IS NOT v.last_at")" 0 \
		"v$v: and each day holds its values' count, sum and latest time"
	for c in $(sqlite3 "$db" 'SELECT key FROM campaign ORDER BY key'); do
		for cmd in "tasks $c" "log $c" "metrics $c" "risks $c" "review $c show"; do
			# shellcheck disable=SC2086
			run "$WARROOM" --db "$db" $cmd
			[ "$rc" -eq 0 ] || { lost=$((lost + 1)); echo "# v$v: '$cmd' exits $rc: $err"; }
		done
	done
	is "$lost" 0 "v$v: every campaign's tasks, log, metrics, risks and review read back"
done
ok $([ "$found" -ge 2 ]; echo $?) "fixtures of $found schema versions were tried"

# The fixture of the current version must have been made by the current
# migrations: a shipped migration is never edited, a new one is added.
if [ -f "$FX/v$current.sql" ]; then
	is "$(printf '%s\n' "$same_version_schema" | md5sum)" "$(schema "$T/fresh.db" | md5sum)" \
		"the v$current fixture has the schema this warroom creates"
	[ "$(printf '%s\n' "$same_version_schema")" = "$(schema "$T/fresh.db")" ] || {
		echo "# Migration $current differs from the one the fixture was made with. Once a"
		echo "# version has shipped, add a migration instead of editing it; before that,"
		echo "# regenerate: tests/fixtures/schema/make-fixture \$BUILD/src/warroom"
	}
else
	ok 1 "there is a fixture for the current version $current (tests/fixtures/schema/make-fixture)"
fi

# A database from a newer warroom is refused, untouched.
cp "$T/fresh.db" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = $((current + 1))"
sum=$(md5sum <"$T/newer.db")
run "$WARROOM" --db "$T/newer.db" list
ok $([ "$rc" -ne 0 ]; echo $?) "a database from a newer warroom is refused (exit $rc)"
has "$err" "newer warroom" "saying it was written by a newer warroom"
is "$(printf '%s\n' "$err" | wc -l)" 1 "in one line"
is "$(md5sum <"$T/newer.db")" "$sum" "and left untouched"
