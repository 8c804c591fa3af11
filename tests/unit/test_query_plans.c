/* Every query a screen runs stays on an index. Each pane is drawn headless
 * and driven with the keys an operator uses (scroll, page, filters,
 * search, detail) while the store records the statements it runs; then
 * every statement's EXPLAIN QUERY PLAN is checked: no step may scan a
 * whole table that grows with the campaign (tasks, feedback, metric
 * values, audit, risks), and the queries that fill a list window may not
 * sort every matching row. A slow screen query is a failing test here
 * long before it is a frozen terminal over SSH. */
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include "warroom/store.h"
#include "warroom/store_feedback.h"
#include "warroom/store_plans.h"
#include "warroom/ui.h"
#include "warroom/util.h"
#include "warroom/yaml_campaign.h"

static char tmpdir[64];

static const char *source_root(void)
{
	const char *r = getenv("SOURCE_ROOT");
	return r && *r ? r : ".";
}

/* Tables that hold a few rows per campaign (or per database) may be
 * scanned: campaigns, their phases, objectives, metrics, tag words and
 * review records. Aliases used in the store's SQL are listed too. */
static const char *const small_tables[] = {
	"campaign", "c", "phase", "p", "objective", "metric", "m", "tag_word", "review",
	"review_metric_note", "highlight", "problem", "lesson", "l", "json_each", NULL,
};

/* Statements that may sort: those reading a table that holds a few rows
 * per campaign (its metrics, phases, risks, review items), or one task's
 * prerequisites; the task list grouped by strategy, owner or phase, which
 * sorts the matching tasks' ids and keys (never their rows) before reading
 * the window; and the risk scan, which visits the late tasks in their
 * order. A list window over tasks or feedback never sorts. */
static const char *const sorted_tables[] = {
	"metric", "phase", "risk", "task_dep", "highlight", "problem", "lesson", "objective",
	"tag_word", "campaign", NULL,
};
static const char *const sorted_shapes[] = {
	"ORDER BY g, o, wid",  /* the grouped window */
	"ORDER BY CASE ?7",    /* a task's place in the grouped order */
	"FROM risk r JOIN task t", /* the risk scan: late tasks and tasks with risks */
	NULL,
};

/* The table of the statement's outermost FROM. */
static void main_table(const char *sql, char *buf, size_t size)
{
	int depth = 0;
	buf[0] = '\0';
	for (const char *p = sql; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '\'')
			while (p[1] && *++p != '\'')
				;
		else if (depth == 0 && strncmp(p, " FROM ", 6) == 0) {
			p += 6;
			size_t n = strcspn(p, " ");
			if (n >= size)
				n = size - 1;
			memcpy(buf, p, n);
			buf[n] = '\0';
			return;
		}
	}
}

static bool sorting_allowed(const char *sql)
{
	char table[64];
	main_table(sql, table, sizeof table);
	for (size_t i = 0; sorted_tables[i]; i++)
		if (strcmp(table, sorted_tables[i]) == 0)
			return true;
	for (size_t i = 0; sorted_shapes[i]; i++)
		if (strstr(sql, sorted_shapes[i]))
			return true;
	return false;
}

/* The first line of the SQL, shortened, for test names. */
static void sql_head(const char *sql, char *buf, size_t size)
{
	size_t n = strcspn(sql, "\n");
	if (n > 90)
		n = 90;
	if (n >= size)
		n = size - 1;
	memcpy(buf, sql, n);
	buf[n] = '\0';
}

/* Prints text as TAP comments, line by line. */
static void diag_lines(const char *text)
{
	while (text && *text) {
		size_t n = strcspn(text, "\n");
		printf("#     %.*s\n", (int)n, text);
		text += n + (text[n] == '\n');
	}
}

static void check_screen(store *st, const char *screen, const char *keys)
{
	ui_options o = {.campaign = "ui-launch", .theme = "default"};
	char err[512];
	store_plans_start(st);
	int rc = ui_render_headless(st, &o, 200, 60, keys, NULL, NULL, err, sizeof err);
	store_plan_list plans;
	enum store_rc prc = store_plans_stop(st, &plans);
	ok(rc == 0 && prc == STORE_OK, "%s: drawn with keys %s", screen, keys);
	if (rc)
		printf("#   %s\n", err);
	ok(plans.n > 0, "%s: its statements were recorded", screen);
	for (size_t i = 0; i < plans.n; i++) {
		char why[512], head[100];
		const char *problem = store_plan_problem(&plans.v[i], small_tables,
							 sorting_allowed(plans.v[i].sql), why, sizeof why);
		sql_head(plans.v[i].sql, head, sizeof head);
		ok(problem == NULL, "%s: %s", screen, head);
		if (problem || getenv("PLANS_VERBOSE")) {
			if (problem)
				printf("#   %s\n", problem);
			printf("#   SQL: %s\n", plans.v[i].sql);
			diag_lines(plans.v[i].plan);
		}
	}
	store_plan_list_free(&plans);
}

static void test_problem_rules(void)
{
	store_plan scan = {.sql = "SELECT * FROM task", .plan = "SCAN task\n"};
	store_plan idx = {.sql = "", .plan = "SEARCH t USING INDEX task_by_order (campaign_id=?)\n"};
	store_plan sort = {.sql = "", .plan = "SEARCH t USING INDEX task_by_due (campaign_id=?)\n"
					    "USE TEMP B-TREE FOR ORDER BY\n"};
	store_plan small = {.sql = "", .plan = "SCAN p\n  SCAN feedback_fts VIRTUAL TABLE INDEX 0:M\n"};
	char why[256];
	ok(store_plan_problem(&scan, small_tables, true, why, sizeof why) != NULL,
	   "a whole-table scan is a problem");
	ok(store_plan_problem(&idx, small_tables, false, why, sizeof why) == NULL,
	   "an index range is not");
	ok(store_plan_problem(&sort, small_tables, false, why, sizeof why) != NULL,
	   "sorting every matching row is, in a window query");
	ok(store_plan_problem(&sort, small_tables, true, why, sizeof why) == NULL,
	   "but not where sorting is allowed");
	ok(store_plan_problem(&small, small_tables, false, why, sizeof why) == NULL,
	   "small tables and virtual tables may be scanned");
}

static void add_feedback(store *st)
{
	campaign_row c;
	if (store_campaign_get(st, "ui-launch", &c) != STORE_OK)
		return;
	feedback_batch *b;
	if (store_feedback_batch_begin(st, c.id, "cli", &b) == STORE_OK) {
		static const char *const texts[] = {"快递太慢了", "包装破损，客服很耐心", "性价比很高",
						    "Refund was quick", "物流太慢，差评"};
		for (int i = 0; i < 40; i++) {
			feedback_new m = {0};
			m.at = c.start + i % 5;
			m.at_secs = 3600 * (i % 24);
			m.text = texts[i % 5];
			m.channel = i % 2 ? "电商评价" : "客服工单";
			m.type = m.sentiment = m.mode = FB_ANY;
			bool added;
			int64_t id;
			store_feedback_batch_add(b, &m, &added, &id);
		}
		store_feedback_batch_commit(b, NULL);
	}
	campaign_row_free(&c);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/wr-test-plans-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	test_problem_rules();

	char *db = xasprintf("%s/plans.db", tmpdir);
	enum store_rc rc;
	char err[512];
	store *st = store_open(db, 0, &rc, err, sizeof err);
	ok(st != NULL, "a fresh database");
	campaign_def d = {0};
	diag_list dl = {0};
	char *fixture = xasprintf("%s/tests/fixtures/ui-campaign.yaml", source_root());
	bool good = yaml_campaign_read(fixture, &d, &dl);
	free(fixture);
	if (!good)
		diag_print(&dl);
	ok(good && store_import_campaign(st, &d, NULL) == STORE_OK, "the UI fixture imports");
	campaign_def_free(&d);
	diag_free(&dl);
	add_feedback(st);

	/* At 200x60 the four panes are tiled: every screen draws them all,
	 * then works in the focused one. */
	check_screen(st, "first frame", "");
	check_screen(st, "tasks: scroll and page", "1jjj<PgDn><PgDn><PgUp>G g");
	check_screen(st, "tasks: filters", "1!!oomm");
	check_screen(st, "tasks: grouped", "1sjj<PgDn>sjjss");
	check_screen(st, "tasks: search", "1/brief<Enter>jj<Esc>");
	check_screen(st, "tasks: detail", "1jj<Enter>");
	check_screen(st, "metrics", "2jj<Enter><Esc>r");
	check_screen(st, "inbox", "3jj<PgDn><PgUp>");
	check_screen(st, "inbox: search", "3/快递<Enter>jj<Esc>");
	check_screen(st, "review", "4jj");

	store_close(st);
	free(db);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return tap_done();
}
