/* The store: open and migrate, import as upsert that keeps what operators
 * recorded, audited and versioned task edits, read-only opening. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_rows.h"
#include "tap.h"
#include "warroom/store.h"
#include "warroom/task_state.h"

static char tmpdir[] = "/tmp/wr-test-store-XXXXXX";

static void make_def(campaign_def *c)
{
	memset(c, 0, sizeof *c);
	c->file = xstrdup("fixture.yaml");
	c->key = xstrdup("launch");
	c->name = xstrdup("2024夏季新品推广");
	c->owner = xstrdup("张经理");
	date_parse("2024-06-01", &c->start);
	date_parse("2024-06-15", &c->end);
	c->has_budget = true;
	c->budget = 800000;
	sl_push(&c->channels, "抖音");
	sl_push(&c->channels, "小红书");
	c->n_phases = 1;
	c->phases = xcalloc(1, sizeof *c->phases);
	c->phases[0].name = xstrdup("预热期");
	c->phases[0].start = c->start;
	c->phases[0].end = c->start + 4;
	c->n_metrics = 1;
	c->metrics = xcalloc(1, sizeof *c->metrics);
	c->metrics[0].key = xstrdup("gmv");
	c->metrics[0].name = xstrdup("GMV");
	c->metrics[0].has_target = true;
	c->metrics[0].target = 5000000;
	c->n_tasks = 2;
	c->tasks = xcalloc(2, sizeof *c->tasks);
	c->tasks[0].key = xstrdup("brief");
	c->tasks[0].name = xstrdup("创意简报");
	c->tasks[0].owner = xstrdup("策划");
	c->tasks[0].start = c->start - 10;
	c->tasks[0].due = c->start - 5;
	c->tasks[0].status = TASK_DONE;
	c->tasks[0].progress = 100;
	c->tasks[1].key = xstrdup("kol-list");
	c->tasks[1].name = xstrdup("KOL名单筛选与沟通");
	c->tasks[1].owner = xstrdup("媒介");
	c->tasks[1].start = c->start;
	c->tasks[1].due = c->start + 9;
	sl_push(&c->tasks[1].after, "brief");
	c->n_values = 2;
	c->values = xcalloc(2, sizeof *c->values);
	c->values[0].metric = xstrdup("gmv");
	c->values[0].at = c->start;
	c->values[0].value = 300000;
	c->values[1].metric = xstrdup("gmv");
	c->values[1].at = c->start + 1;
	c->values[1].value = 285000;
	c->n_feedback = 1;
	c->feedback = xcalloc(1, sizeof *c->feedback);
	c->feedback[0].at = c->start + 2;
	c->feedback[0].channel = xstrdup("电商评价");
	c->feedback[0].text = xstrdup("快递延迟2天");
	c->feedback[0].has_rating = true;
	c->feedback[0].rating = 2;
}

static task_row get_task(store *s, int64_t cid, const char *key)
{
	task_row rows[8];
	size_t n = 0;
	task_filter f = {0};
	f.today = date_today();
	store_task_window(s, cid, &f, 0, 8, rows, &n);
	task_row found = {0};
	for (size_t i = 0; i < n; i++) {
		if (str_eq(rows[i].key, key)) {
			found = rows[i];
			memset(&rows[i], 0, sizeof rows[i]);
		}
		task_row_free(&rows[i]);
	}
	return found;
}

/* make_def with `n` tasks under campaign id `key`: a chain of dependencies,
 * and one on a task further down the file. */
static void make_big_def(campaign_def *c, const char *key, size_t n)
{
	make_def(c);
	free(c->key);
	c->key = xstrdup(key);
	for (size_t i = 0; i < c->n_tasks; i++) {
		task_def *t = &c->tasks[i];
		free(t->key);
		free(t->name);
		free(t->owner);
		sl_free(&t->after);
	}
	free(c->tasks);
	c->n_tasks = n;
	c->tasks = xcalloc(n, sizeof *c->tasks);
	for (size_t i = 0; i < n; i++) {
		task_def *t = &c->tasks[i];
		t->key = xasprintf("k%zu", i);
		t->name = xasprintf("任务%zu", i);
		t->owner = xstrdup(i % 2 ? "媒介" : "策划");
		t->start = c->start + (wr_date)(i % 10);
		t->due = t->start + 3;
		t->progress = (int)(i % 100);
		if (i > 0)
			sl_push(&t->after, c->tasks[i - 1].key);
	}
	if (n > 30)
		sl_push(&c->tasks[5].after, "k30");
}

/* What one campaign holds, without its key, ids and import time. */
static const char *const held_queries[] = {
	"SELECT name, type, owner, start, end, budget, channels, version FROM campaign WHERE key = ?1",
	"SELECT t.ord, t.key, t.name, t.owner, t.start, t.due, t.status, t.progress, t.version,"
	" t.updated_by FROM task t JOIN campaign c ON c.id = t.campaign_id WHERE c.key = ?1"
	" ORDER BY t.ord",
	"SELECT t.key, d.key FROM task_dep x JOIN task t ON t.id = x.task_id"
	" JOIN task d ON d.id = x.dep_id JOIN campaign c ON c.id = t.campaign_id WHERE c.key = ?1"
	" ORDER BY 1, 2",
	"SELECT m.key, v.at, v.value FROM metric_value v JOIN metric m ON m.id = v.metric_id"
	" JOIN campaign c ON c.id = m.campaign_id WHERE c.key = ?1 ORDER BY 1, 2",
	"SELECT count(*) FROM feedback f JOIN campaign c ON c.id = f.campaign_id WHERE c.key = ?1",
	"SELECT a.entity, a.field, a.old_value, a.new_value FROM audit a JOIN campaign c ON c.id = a.campaign_id"
	" WHERE c.key = ?1 ORDER BY a.id",
};

static bool same_holdings(const char *path, const char *a, const char *b)
{
	bool same = true;
	for (size_t i = 0; i < ARRAY_LEN(held_queries); i++) {
		char *x = db_rows(path, held_queries[i], a), *y = db_rows(path, held_queries[i], b);
		if (strcmp(x, y) != 0 || strncmp(x, "error", 5) == 0) {
			printf("#   %s\n#   %s:\n%s#   %s:\n%s", held_queries[i], a, x, b, y);
			same = false;
		}
		free(x);
		free(y);
	}
	return same;
}

/* An import held open, its tasks written in runs before the rest of the
 * definition, leaves what one import of the whole leaves. */
static void test_import_in_steps(void)
{
	char *path = xasprintf("%s/steps.db", tmpdir);
	char err[600];
	enum store_rc rc;
	store *s = store_open(path, 0, &rc, err, sizeof err);
	ok(s != NULL, "steps: a second database");
	if (!s) {
		free(path);
		return;
	}
	campaign_def whole, steps;
	make_big_def(&whole, "whole", 40);
	make_big_def(&steps, "steps", 40);
	import_stats st1, st2;
	is_int(store_import_campaign(s, &whole, &st1), STORE_OK, "steps: the whole at once");
	store_import *im = store_import_begin(s, &rc);
	ok(im && store_import_tasks(im, "steps", steps.tasks, 10) == STORE_OK &&
		   store_import_tasks(im, "steps", steps.tasks + 10, 15) == STORE_OK &&
		   store_import_finish(im, &steps, &st2) == STORE_OK && store_import_commit(im) == STORE_OK,
	   "steps: 10 tasks, 15 more, then the definition (the last 15 with it)");
	ok(st2.created && st2.tasks_added == 40 && st2.tasks_updated == 0 &&
		   st2.metrics == st1.metrics && st2.values_added == st1.values_added &&
		   st2.feedback_added == st1.feedback_added && st2.phases == st1.phases,
	   "steps: the same counts as the whole (created, 40 tasks added)");
	ok(same_holdings(path, "whole", "steps"),
	   "steps: the same campaign row, tasks, dependencies, values, feedback and audit");

	/* Again, in steps onto what is there: nothing changes. */
	im = store_import_begin(s, &rc);
	ok(im && store_import_tasks(im, "steps", steps.tasks, 30) == STORE_OK &&
		   store_import_finish(im, &steps, &st2) == STORE_OK && store_import_commit(im) == STORE_OK,
	   "steps: imported again in steps");
	ok(!st2.created && st2.tasks_added == 0 && st2.tasks_updated == 0,
	   "steps: again: updated, no task added or changed");
	free(whole.tasks[3].name);
	whole.tasks[3].name = xstrdup("改名");
	free(steps.tasks[3].name);
	steps.tasks[3].name = xstrdup("改名");
	store_import_campaign(s, &whole, &st1);
	im = store_import_begin(s, &rc);
	ok(im && store_import_tasks(im, "steps", steps.tasks, 20) == STORE_OK &&
		   store_import_finish(im, &steps, &st2) == STORE_OK && store_import_commit(im) == STORE_OK &&
		   st2.tasks_updated == 1 && st1.tasks_updated == 1,
	   "steps: a renamed task is one update, in steps as at once");
	ok(same_holdings(path, "whole", "steps"), "steps: still the same after the change");

	/* Aborted: nothing of it stays, a new campaign or a change. */
	campaign_def gone;
	make_big_def(&gone, "gone", 40);
	im = store_import_begin(s, &rc);
	ok(im && store_import_tasks(im, "gone", gone.tasks, 25) == STORE_OK,
	   "abort: tasks of a new campaign written");
	store_import_abort(im);
	campaign_row row;
	is_int(store_campaign_get(s, "gone", &row), STORE_NOTFOUND, "abort: the new campaign is not there");
	free(steps.tasks[3].name);
	steps.tasks[3].name = xstrdup("又改名");
	im = store_import_begin(s, &rc);
	ok(im && store_import_tasks(im, "steps", steps.tasks, 10) == STORE_OK, "abort: a change written");
	store_import_abort(im);
	ok(same_holdings(path, "whole", "steps"), "abort: the change is not there");

	/* Tasks of one campaign are not finished as another's. */
	im = store_import_begin(s, &rc);
	ok(im && store_import_tasks(im, "steps", steps.tasks, 10) == STORE_OK &&
		   store_import_finish(im, &whole, &st2) != STORE_OK,
	   "mismatch: tasks of one campaign, the definition of another: refused");
	store_import_abort(im);
	im = store_import_begin(s, &rc);
	ok(im && store_import_tasks(im, "steps", steps.tasks, 10) == STORE_OK &&
		   store_import_tasks(im, "whole", whole.tasks, 10) != STORE_OK,
	   "mismatch: tasks of a second campaign before the first is finished: refused");
	store_import_abort(im);
	free(steps.tasks[3].name);
	steps.tasks[3].name = xstrdup("改名");
	ok(same_holdings(path, "whole", "steps"), "mismatch: nothing written");

	/* A campaign without tasks, at once and in steps. */
	campaign_def empty;
	make_big_def(&empty, "empty", 0);
	is_int(store_import_campaign(s, &empty, &st1), STORE_OK, "no tasks: imports");
	im = store_import_begin(s, &rc);
	ok(im && store_import_tasks(im, "empty", empty.tasks, 0) == STORE_OK &&
		   store_import_finish(im, &empty, &st2) == STORE_OK && store_import_commit(im) == STORE_OK &&
		   !st2.created && st2.tasks_added == 0,
	   "no tasks: again in steps, an empty run given");
	campaign_def_free(&empty);

	campaign_def_free(&whole);
	campaign_def_free(&steps);
	campaign_def_free(&gone);
	store_close(s);
	free(path);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("WARROOM_USER", "tester", 1);
	if (!mkdtemp(tmpdir))
		return 1;
	char *path = xasprintf("%s/sub/dir/warroom.db", tmpdir);
	char err[600];
	enum store_rc rc;
	store *s = store_open(path, 0, &rc, err, sizeof err);
	ok(s != NULL, "creates the database and its folders");
	if (!s) {
		printf("# %s\n", err);
		return tap_done();
	}
	is_int(store_schema_version(s), 10, "schema is at the newest version");
	ok(!store_readonly(s), "writable");

	campaign_def def;
	make_def(&def);
	import_stats st;
	is_int(store_import_campaign(s, &def, &st), STORE_OK, "first import");
	ok(st.created, "campaign created");
	is_int(st.tasks_added, 2, "two tasks added");
	is_int(st.values_added, 2, "two values added");
	is_int(st.feedback_added, 1, "one feedback added");

	campaign_row camp;
	is_int(store_campaign_get(s, "launch", &camp), STORE_OK, "campaign readable");
	is_str(camp.name, "2024夏季新品推广", "name stored as given");
	is_str(camp.channels, "抖音, 小红书", "channels joined");
	is_int(camp.n_tasks, 2, "task count");
	task_row dep = get_task(s, camp.id, "kol-list");
	is_str(dep.depends, "brief", "dependency stored by the first import");
	task_row_free(&dep);

	/* Operator records progress; a re-import must keep it. */
	task_row t = get_task(s, camp.id, "kol-list");
	ok(t.id > 0, "task found");
	is_int(store_task_set(s, t.id, t.version, TASK_F_PROGRESS, "40"), STORE_OK, "progress edit");
	is_int(store_task_set(s, t.id, t.version, TASK_F_STATUS, "done"), STORE_CONFLICT,
	       "a stale version is refused");
	has_str(store_error(s), "changed by tester", "conflict names who changed it");
	is_int(store_task_set(s, t.id, -1, TASK_F_PROGRESS, "140"), STORE_INVALID, "progress 140 refused");
	is_int(store_task_set(s, t.id, -1, TASK_F_STATUS, "finished"), STORE_INVALID, "unknown status refused");
	is_int(store_task_set(s, t.id, -1, TASK_F_DUE, "2024-02-30"), STORE_INVALID, "impossible date refused");
	is_int(store_task_set(s, t.id, -1, TASK_F_DUE, "2024-05-01"), STORE_INVALID, "due before start refused");
	task_row_free(&t);

	is_int(store_import_campaign(s, &def, &st), STORE_OK, "second import");
	ok(!st.created, "campaign updated, not created");
	is_int(st.tasks_added + st.tasks_updated, 0, "re-import changes no task");
	is_int(st.values_added, 0, "re-import adds no value");
	is_int(st.feedback_added, 0, "re-import adds no feedback");
	t = get_task(s, camp.id, "kol-list");
	is_int(t.progress, 40, "re-import keeps recorded progress");
	is_str(t.updated_by, "tester", "edit records the user");
	is_str(t.depends, "brief", "dependency stored");
	task_row_free(&t);

	/* A changed definition updates in place and still keeps state. */
	free(def.tasks[1].name);
	def.tasks[1].name = xstrdup("KOL名单筛选");
	def.values[1].value = 290000;
	is_int(store_import_campaign(s, &def, &st), STORE_OK, "import of a changed definition");
	is_int(st.tasks_updated, 1, "one task updated");
	is_int(st.values_added, 1, "one history value updated in place");
	t = get_task(s, camp.id, "kol-list");
	is_str(t.name, "KOL名单筛选", "name updated");
	is_int(t.progress, 40, "progress still kept");
	task_row_free(&t);

	/* A dependency on a task the definition no longer lists, but the
	 * campaign still holds, is kept. */
	task_def first = def.tasks[0];
	def.tasks[0] = def.tasks[1];
	def.n_tasks = 1;
	is_int(store_import_campaign(s, &def, &st), STORE_OK, "import without the first task");
	t = get_task(s, camp.id, "kol-list");
	is_str(t.depends, "brief", "its dependency on a task kept in the campaign stays");
	task_row_free(&t);
	def.tasks[1] = def.tasks[0];
	def.tasks[0] = first;
	def.n_tasks = 2;

	/* Audit rows. */
	audit_filter af = {0};
	af.campaign = "launch";
	af.entity = "task";
	audit_row *rows;
	size_t n;
	is_int(store_audit_list(s, &af, &rows, &n), STORE_OK, "audit readable");
	is_int(n, 1, "one task edit audited (refused edits leave none)");
	if (n) {
		is_str(rows[0].field, "progress", "audited field");
		is_str(rows[0].old_value, "0", "old value");
		is_str(rows[0].new_value, "40", "new value");
		is_str(rows[0].user, "tester", "who");
	}
	audit_rows_free(rows, n);

	/* Counts follow the same rules as task_state.c. */
	task_counts tc;
	wr_date today;
	date_parse("2024-06-12", &today);
	store_task_counts(s, camp.id, today, &tc);
	is_int(tc.total, 2, "counts: total");
	is_int(tc.done, 1, "counts: done");
	is_int(tc.late, 1, "counts: kol-list is late on 06-12");
	date_parse("2024-06-06", &today);
	store_task_counts(s, camp.id, today, &tc);
	is_int(tc.late, 0, "counts: not late on 06-06");
	is_int(tc.behind, 1, "counts: 40%% at 60%% elapsed is behind");
	t = get_task(s, camp.id, "kol-list");
	ok(task_is_behind(&t, today), "task_state agrees: behind");
	ok(!task_is_late(&t, today), "task_state agrees: not late");
	task_row_free(&t);

	/* The header figures are kept per campaign and day (task_figures):
	 * every task write, from any connection, must drop them. */
	store *s2 = store_open(path, 0, &rc, err, sizeof err);
	ok(s2 != NULL, "a second connection opens");
	if (s2) {
		store_task_counts(s2, camp.id, today, &tc);
		is_int(tc.behind, 1, "figures: the second connection sees the same day's figures");
		t = get_task(s, camp.id, "kol-list");
		is_int(store_task_set(s, t.id, -1, TASK_F_PROGRESS, "80"), STORE_OK, "figures: an edit");
		task_row_free(&t);
		store_task_counts(s2, camp.id, today, &tc);
		is_int(tc.behind, 0, "figures: an edit on the other connection drops them (80%% is on pace)");
		store_task_counts(s, camp.id, today, &tc);
		is_int(tc.behind, 0, "figures: and on the editing one");
		size_t nt = 9;
		task_filter tf = {0};
		tf.today = today;
		tf.open_only = true;
		is_int(store_task_count(s2, camp.id, &tf, &nt), STORE_OK, "figures: an open-task count");
		is_int(nt, 1, "figures: open tasks = total - done");
		tf.open_only = false;
		tf.late_only = true;
		date_parse("2024-06-12", &tf.today);
		store_task_count(s2, camp.id, &tf, &nt);
		is_int(nt, 1, "figures: late on another day than the kept one is counted afresh");
		store_task_counts(s2, camp.id, tf.today, &tc);
		is_int(tc.late, 1, "figures: kol-list is late on 06-12");
		def.tasks[1].due = def.start + 12;
		is_int(store_import_campaign(s, &def, &st), STORE_OK, "figures: a re-import moves its due date");
		store_task_counts(s2, camp.id, tf.today, &tc);
		is_int(tc.late, 0, "figures: the re-import dropped them: not late on 06-12 any more");
		store_task_count(s2, camp.id, &tf, &nt);
		is_int(nt, 0, "figures: and the late filter agrees");
		store *ro = store_open(path, STORE_OPEN_READONLY, &rc, err, sizeof err);
		ok(ro != NULL, "figures: a read-only connection opens");
		if (ro) {
			wr_date later = tf.today + 30;
			is_int(store_task_counts(ro, camp.id, later, &tc), STORE_OK,
			       "figures: a read-only connection counts without keeping them");
			is_int(tc.late, 1, "figures: and counts right (late a month on)");
			store_close(ro);
		}
		/* Two operators a day apart keep a row each: neither's open
		 * writes over the other's, so neither wakes the other again. */
		store_task_counts(s, camp.id, tf.today, &tc);
		store_task_counts(s2, camp.id, tf.today + 1, &tc);
		int64_t seen = store_data_version(s2);
		store_task_counts(s, camp.id, tf.today, &tc);
		store_task_counts(s2, camp.id, tf.today + 1, &tc);
		store_task_counts(s, camp.id, tf.today, &tc);
		is_int(store_data_version(s2), seen, "figures: two todays a day apart write nothing more");
		def.tasks[1].due = def.start + 9;
		is_int(store_import_campaign(s, &def, &st), STORE_OK, "figures: the due date moves back");
		t = get_task(s, camp.id, "kol-list");
		store_task_set(s, t.id, -1, TASK_F_PROGRESS, "40");
		task_row_free(&t);
		store_close(s2);
	}

	/* Export reads the same definition back. */
	campaign_def back;
	is_int(store_export_campaign(s, "launch", &back), STORE_OK, "export");
	is_int(back.n_tasks, 2, "export: tasks");
	is_int(back.tasks[1].progress, 40, "export: current progress");
	is_int(back.n_values, 2, "export: history values");
	is_int(back.n_feedback, 1, "export: feedback from the definition");
	is_str(back.channels.n == 2 ? back.channels.v[1] : NULL, "小红书", "export: channels");
	campaign_def_free(&back);
	is_int(store_export_campaign(s, "nope", &back), STORE_NOTFOUND, "export of a missing campaign");
	campaign_row_free(&camp);
	store_close(s);

	/* Read-only: the file is there but not writable for us. */
	s = store_open(path, STORE_OPEN_READONLY, &rc, err, sizeof err);
	ok(s && store_readonly(s), "opens read-only on request");
	if (s) {
		is_int(store_import_campaign(s, &def, &st), STORE_READONLY, "writes refused when read-only");
		store_close(s);
	}
	s = store_open("/nonexistent-dir/x/y.db", STORE_OPEN_NOCREATE, &rc, err, sizeof err);
	ok(!s && rc == STORE_BUSY, "missing database with NOCREATE is unavailable");
	has_str(err, "no such database", "message says why");

	/* Not a database at all. */
	char *junk = xasprintf("%s/junk.db", tmpdir);
	FILE *f = fopen(junk, "w");
	fputs("this is not sqlite, just text long enough to fill a header page......", f);
	fclose(f);
	s = store_open(junk, 0, &rc, err, sizeof err);
	ok(!s, "a file that is not a database is refused");
	has_str(err, "junk.db", "message names the file");
	free(junk);

	campaign_def_free(&def);
	test_import_in_steps();
	char *cmd = xasprintf("rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		printf("# cleanup failed\n");
	free(cmd);
	free(path);
	return tap_done();
}
