#!/bin/bash
# The command-line surface: exit statuses, one-line errors, formats,
# import idempotence and export round trips.
. "$(dirname "$0")/lib.sh"
F=$SOURCE_ROOT/tests/fixtures
DB=$T/w.db
w() { "$WARROOM" --db "$DB" "$@"; }

run "$WARROOM" --version
ok $rc "--version exits 0"
has "$out" "warroom " "--version prints the name"
run "$WARROOM" --help
ok $rc "--help exits 0"
for c in import check export list tasks task log; do
	has "$out" "  $c " "--help lists $c"
done
run "$WARROOM" frobnicate
is $rc 2 "unknown command is a usage error (2)"
has "$err" "unknown command 'frobnicate'" "and says which"
is "$(printf '%s\n' "$err" | wc -l)" 1 "in one line"
run "$WARROOM" --bogus
is $rc 2 "unknown option is a usage error"

run w check "$F/cli-launch.yaml"
ok $rc "check of a valid file exits 0"
has "$out" "ok (3 phases, 4 metrics, 3 tasks, 2 feedback, 6 values)" "check summarises"
run w check "$F/cli-bad.yaml"
is $rc 1 "check of a bad file exits 1"
has "$err" "cli-bad.yaml:3:8:" "error names file:line:column of the impossible date"
has "$err" "cli-bad.yaml:6:" "the task due before start is reported too"
has "$err" "missing" "and the missing dependency"
ok $([ ! -e "$DB" ]; echo $?) "check never creates a database"

run w import "$F/cli-bad.yaml"
is $rc 1 "import of a bad file exits 1"
run w list --format tsv
is "$(printf '%s\n' "$out" | sed 1d)" "" "nothing imported from a bad file"
run w import "$F/cli-launch.yaml" "$F/cli-bad.yaml"
is $rc 1 "a batch with one bad file exits 1"
run w list --format tsv
is "$(printf '%s\n' "$out" | sed 1d)" "" "and imports none of the batch"

run w import "$F/cli-launch.yaml"
ok $rc "import exits 0"
has "$out" "created cli-launch: 3 tasks added" "import reports what it did"
w export cli-launch >"$T/e1.yaml"
ok $? "export exits 0"
run w import "$F/cli-launch.yaml"
ok $rc "second import exits 0"
has "$out" "updated cli-launch: 0 tasks added, 0 updated" "second import changes nothing"
w export cli-launch >"$T/e2.yaml"
cmp -s "$T/e1.yaml" "$T/e2.yaml"
ok $? "export unchanged by a second import"

# export -> import into a fresh database -> export is byte-identical
"$WARROOM" --db "$T/other.db" import "$T/e1.yaml" >/dev/null
ok $? "an export imports"
"$WARROOM" --db "$T/other.db" export cli-launch >"$T/e3.yaml"
cmp -s "$T/e1.yaml" "$T/e3.yaml"
ok $? "export -> import -> export is byte-identical"
run w export nope
is $rc 1 "export of a missing campaign exits 1"
has "$err" "no campaign 'nope'" "and says so"
run w export cli-launch -o "$T/out.yaml"
ok $rc "export -o writes a file"
cmp -s "$T/e1.yaml" "$T/out.yaml"
ok $? "the file has the same YAML"

run w list
ok $rc "list exits 0"
has "$out" "cli-launch" "list shows the campaign"
has "$out" "running day 5/15" "with its state on 2024-06-05"
run w list --format json
python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[0]["id"]=="cli-launch" and d[0]["budget"]==800000 and d[0]["tasks"]==3' <<<"$out"
ok $? "list JSON parses with typed fields"
run w list --format xml
is $rc 2 "unknown format is a usage error"

run w tasks cli-launch --format tsv
ok $rc "tasks exits 0"
has "$out" "kol-list" "tasks lists a task"
late=$(printf '%s\n' "$out" | awk -F'\t' '$1=="kol-list"{print $9}')
is "$late" "true" "kol-list is late on 2024-06-05"
run w tasks cli-launch --late --format tsv
is "$(printf '%s\n' "$out" | sed 1d | cut -f1)" "kol-list" "--late keeps only late tasks"

run w task cli-launch kol-list set progress 60
ok $rc "task set progress exits 0"
run w task cli-launch kol-list set progress 160
is $rc 1 "progress 160 is bad input"
has "$err" "0 to 100" "and says the range"
run w task cli-launch nope set progress 10
is $rc 1 "missing task is bad input"
run w task cli-launch kol-list set colour red
is $rc 2 "unknown field is a usage error"
run w task cli-launch kol-list set status done
ok $rc "task set status exits 0"
run w tasks cli-launch --format tsv
is "$(printf '%s\n' "$out" | awk -F'\t' '$1=="kol-list"{print $7 "/" $8 "/" $9}')" "done/60/false" \
	"edits persisted and a done task is not late"

run w log cli-launch --format tsv
ok $rc "log exits 0"
has "$out" "tester	cli-launch	task	kol-list	progress	0	60" "log shows the progress change"
has "$out" "status	not-started	done" "and the status change"
run w log --user nobody --format tsv
is "$(printf '%s\n' "$out" | sed 1d)" "" "log --user filters"
run w log --since 2024-13-01
is $rc 2 "a bad --since is a usage error"

# The database is unavailable: exit 3 with one line.
run "$WARROOM" --db /proc/nonexistent/w.db list
is $rc 3 "an unusable database path exits 3"
is "$(printf '%s\n' "$err" | wc -l)" 1 "with a one-line message"
echo "not a database" >"$T/junk.db"
run "$WARROOM" --db "$T/junk.db" list
is $rc 3 "a file that is not a database exits 3"

# Read-only mode refuses writes with exit 3 and changes nothing.
run "$WARROOM" --db "$DB" --read-only task cli-launch kol-list set progress 10
is $rc 3 "writes in --read-only mode exit 3"
has "$err" "read-only" "and say why"

# A large definition has its tasks written while the rest of it is still
# being read. Whatever goes wrong, an import is one transaction.
big() { # big FILE ID N [BAD]: a campaign of N tasks; task BAD has progress 140
	python3 - "$@" <<'PY'
import sys
path, cid, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
bad = int(sys.argv[4]) if len(sys.argv) > 4 else -1
with open(path, "w", encoding="utf-8") as f:
    f.write(f"id: {cid}\nname: 大促{cid}\nstart: 2024-06-01\nend: 2024-06-30\ntasks:\n")
    for i in range(n):
        extra = f", after: [t{i - 1}]" if i else ""
        if i == bad:
            extra += ", progress: 140"
        f.write(f"  - {{id: t{i}, name: 任务{i}, owner: 张三, due: 2024-06-20{extra}}}\n")
PY
}
B=$T/big.db
big "$T/big-bad.yaml" big-bad 3000 2900
run "$WARROOM" --db "$B" import "$T/big-bad.yaml"
is $rc 1 "a large file with an error near its end exits 1"
has "$err" "big-bad.yaml:2906:" "and the error names its line"
run "$WARROOM" --db "$B" tasks big-bad
is $rc 1 "none of its tasks is kept"
big "$T/big.yaml" big 3000
run "$WARROOM" --db "$B" import "$T/big.yaml"
ok $rc "a large file imports"
has "$out" "created big: 3000 tasks added, 0 updated" "with all its tasks"
run "$WARROOM" --db "$B" tasks big --format tsv
is "$(printf '%s\n' "$out" | sed 1d | wc -l)" 3000 "3000 tasks listed"
is "$(printf '%s\n' "$out" | sed -n '2p;$p' | cut -f1 | tr '\n' ' ')" "t0 t2999 " "in file order"
run "$WARROOM" --db "$B" import "$T/big.yaml"
has "$out" "updated big: 0 tasks added, 0 updated" "imported again, nothing changes"
"$WARROOM" --db "$B" export big >"$T/big-e1.yaml" &&
	"$WARROOM" --db "$T/big-other.db" import "$T/big-e1.yaml" >/dev/null &&
	"$WARROOM" --db "$T/big-other.db" export big >"$T/big-e2.yaml" &&
	cmp -s "$T/big-e1.yaml" "$T/big-e2.yaml"
ok $? "its export imports back to the same export (dependencies included)"
grep -c "after: \[t" "$T/big-e1.yaml" | grep -qx 2999
ok $? "every dependency kept"
big "$T/big2.yaml" big2 3000
run "$WARROOM" --db "$B" import "$T/big2.yaml" "$F/cli-bad.yaml"
is $rc 1 "a large file in a batch with a bad one: exit 1"
run "$WARROOM" --db "$B" tasks big2
is $rc 1 "and the large one is not imported"
run "$WARROOM" --db "$B" --read-only import "$T/big2.yaml"
is $rc 3 "a large file into a read-only database exits 3"
is "$(printf '%s\n' "$err" | wc -l)" 1 "with one line"
has "$err" "read-only" "that says why"

# A task the definition gives no dates spans the campaign (it used to pass
# check and then fail to import).
cat >"$T/nodates.yaml" <<'YAML'
id: nodates
name: 无日期任务
start: 2024-06-01
end: 2024-06-15
tasks:
  - {id: plan, name: 方案}
  - {id: prep, name: 备货, due: 2024-05-25}
YAML
run w import "$T/nodates.yaml"
ok $rc "tasks without dates import"
run w tasks nodates --format tsv
is "$(printf '%s\n' "$out" | awk -F'\t' 'NR > 1 {print $1, $5, $6}' | tr '\n' ';')" \
	"plan 2024-06-01 2024-06-15;prep 2024-05-25 2024-05-25;" "with the campaign's dates, or their own due"

# Help of every command.
for c in import check export list tasks task log; do
	run "$WARROOM" $c --help
	ok $rc "$c --help exits 0"
	has "$out" "Usage: warroom [--db PATH] $c" "$c --help shows its usage"
done
