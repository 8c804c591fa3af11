/* The UI drawn without a terminal (ui_render_headless) over a real store:
 * what the Tasks pane shows at 80x24, edits and undo persisted, the help
 * and detail views, too-small screens, read-only mode, mono output, and a
 * 40,000-task campaign. Also the theme and config file readers with their
 * file:line errors. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "warroom/config.h"
#include "warroom/store.h"
#include "warroom/text.h"
#include "warroom/theme.h"
#include "warroom/ui.h"
#include "warroom/yaml_campaign.h"

static char tmpdir[256];

static const char *source_root(void)
{
	const char *r = getenv("SOURCE_ROOT");
	return r && *r ? r : ".";
}

static char *tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

/* ---- themes ---------------------------------------------------------------- */

static bool same_theme(const theme *a, const theme *b)
{
	for (int v = 0; v < THEME_N_VARIANTS; v++)
		for (int r = 0; r < ROLE_COUNT; r++) {
			theme_style x = theme_resolve(a, (enum theme_variant)v, (enum ui_role)r);
			theme_style y = theme_resolve(b, (enum theme_variant)v, (enum ui_role)r);
			if (x.fg != y.fg || x.bg != y.bg || x.attrs != y.attrs)
				return false;
		}
	return true;
}

static void theme_error(const char *text, const char *want, const char *what)
{
	char *p = tmp_path("bad.yaml");
	write_file(p, text);
	theme t;
	char err[512] = "";
	bool ok_ = theme_load_file(p, &t, err, sizeof err);
	ok(!ok_, "%s is refused", what);
	has_str(err, want, "%s: the message says where and what", what);
	if (ok_)
		theme_free(&t);
	free(p);
}

static void test_themes(void)
{
	char err[512];
	const char *names[] = {"default", "light", "high-contrast", "mono"};
	char *themes = xasprintf("%s/themes", source_root());
	setenv("WARROOM_THEME_DIR", themes, 1);
	free(themes);
	for (size_t i = 0; i < 4; i++) {
		theme t;
		bool good = theme_load(names[i], &t, err, sizeof err);
		ok(good, "theme %s loads%s%s", names[i], good ? "" : ": ", good ? "" : err);
		if (good) {
			ok(t.file && strstr(t.file, names[i]), "theme %s came from its file", names[i]);
			theme_free(&t);
		}
	}
	theme file, builtin;
	theme_load("default", &file, err, sizeof err);
	theme_builtin(&builtin);
	ok(same_theme(&file, &builtin), "themes/default.yaml and the built-in default agree");
	ok(theme_pick_variant(&file, 256, false) == THEME_256, "256 colours: the 256 section");
	ok(theme_pick_variant(&file, 8, false) == THEME_8, "8 colours (linux console): the 8 section");
	ok(theme_pick_variant(&file, 0, false) == THEME_MONO, "no colours (vt100): mono");
	ok(theme_pick_variant(&file, 256, true) == THEME_MONO, "NO_COLOR: mono");
	theme_style sel = theme_resolve(&file, THEME_256, ROLE_SELECTION);
	ok(sel.bg >= 0 && !(sel.attrs & THEME_REVERSE), "colour selection is a background, not reverse");
	sel = theme_resolve(&file, THEME_MONO, ROLE_SELECTION);
	ok(sel.attrs & THEME_REVERSE, "mono selection is reverse");
	ok(theme_resolve(&file, THEME_MONO, ROLE_ALERT).attrs & THEME_BOLD, "mono alert is bold");
	theme_free(&file);
	theme mono;
	theme_load("mono", &mono, err, sizeof err);
	ok(theme_pick_variant(&mono, 256, false) == THEME_MONO, "the mono theme is mono on any terminal");
	theme_free(&mono);
	theme_free(&builtin);

	theme_error("name: x\ncolors256:\n  header: {fg: bleu}\n", "bad.yaml:3: unknown colour 'bleu'",
		    "an unknown colour");
	theme_error("colors256:\n  normal: {fg: 1}\n  headr: {fg: 2}\n", "bad.yaml:3: unknown role 'headr'",
		    "an unknown role");
	theme_error("colors256:\n  header: {attrs: [blink]}\n", "bad.yaml:2: unknown attribute 'blink'",
		    "an unknown attribute");
	theme_error("colors8:\n\n  ok: {fg: 200}\n", "bad.yaml:3: colour '200' is not one of the 8",
		    "a 256-colour number in the 8-colour section");
	theme_error("colors256:\n  header: {fg: 300}\n", "bad.yaml:2: unknown colour '300'", "colour 300");
	theme_error("colors256:\n  header: {fg: 1\n  ok: [\n", "bad.yaml:", "malformed YAML");
	theme_error("", "bad.yaml:1: no colors256, colors8 or mono section", "an empty theme");
	theme_error("mono:\n  alert: {fg: red}\n", "bad.yaml:2: mono styles take attrs only", "colour in mono");
	theme_error("colours256: {}\n", "bad.yaml:1: unknown section 'colours256'", "a misspelt section");
	theme_error("colors256:\n  ok: {fg: 1}\n  ok: {fg: 2}\n", "bad.yaml:3: 'ok' is given twice",
		    "a duplicate role");
	theme_error("a: &x [1]\nb: *x\n", "aliases", "an alias");
	theme_error("colors256: \"\xff\"\n", "bad.yaml:1:", "invalid UTF-8");
	strbuf deep = STRBUF_INIT;
	for (int i = 0; i < 5000; i++)
		sb_adds(&deep, "[");
	clock_t t0 = clock();
	theme_error(sb_str(&deep), "bad.yaml:", "deep nesting");
	ok((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0, "deep nesting is refused quickly");
	sb_free(&deep);
	theme t;
	ok(!theme_load("no-such-theme", &t, err, sizeof err) && strstr(err, "no theme 'no-such-theme'"),
	   "a missing theme is named: %s", err);
	ok(!theme_load("../../etc/passwd", &t, err, sizeof err), "a path outside a theme folder is not a theme name");
	unsetenv("WARROOM_THEME_DIR");
}

/* ---- config ---------------------------------------------------------------- */

static void test_config(void)
{
	char err[512];
	wr_config c;
	setenv("HOME", tmpdir, 1);
	char *xdg = tmp_path("xdg");
	setenv("XDG_CONFIG_HOME", xdg, 1);
	ok(config_load(NULL, &c, err, sizeof err) && c.path == NULL, "no config file: all defaults");
	config_free(&c);
	char *p = tmp_path("config.yaml");
	write_file(p, "# mine\ntheme: light\ndatabase: ~/war.db\nlayout: tiled\ndate_format: \"%m/%d\"\n"
		      "snapshot_dir: /tmp/snaps\n");
	ok(config_load(p, &c, err, sizeof err), "a good config loads%s%s", err[0] ? ": " : "", err);
	is_str(c.theme, "light", "theme");
	char *want_db = xasprintf("%s/war.db", tmpdir);
	is_str(c.database, want_db, "database with ~ expanded");
	free(want_db);
	is_str(c.layout, "tiled", "layout");
	is_str(c.date_format, "%m/%d", "date format");
	is_str(c.snapshot_dir, "/tmp/snaps", "snapshot folder");
	config_free(&c);
	struct {
		const char *text, *want, *what;
	} bad[] = {
		{"theme: light\nthme: dark\n", "config.yaml:2: unknown setting 'thme'", "a misspelt setting"},
		{"layout: grid\n", "config.yaml:1: layout 'grid' is not one of auto, tabs, tiled", "a bad layout"},
		{"date_format: \"%H:%M\"\n", "config.yaml:1: date_format: '%H'", "a time in the date format"},
		{"theme: [a, b]\n", "config.yaml:1: theme wants a single value", "a list for a value"},
		{"- theme\n", "config.yaml:1: the settings must be a mapping", "a list at the top"},
		{"theme: a\ntheme: b\n", "config.yaml:2: 'theme' is given twice", "a duplicate"},
		{"theme: {a: 1\n", "config.yaml:", "malformed YAML"},
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		write_file(p, bad[i].text);
		ok(!config_load(p, &c, err, sizeof err), "%s is refused", bad[i].what);
		has_str(err, bad[i].want, "%s: the message names file:line", bad[i].what);
	}
	char *missing = tmp_path("nope.yaml");
	ok(!config_load(missing, &c, err, sizeof err), "an explicit config file that is missing is an error");
	free(missing);
	free(p);
	free(xdg);
}

/* ---- headless rendering ---------------------------------------------------- */

typedef struct screen {
	int w, h;
	char **rows;   /* UTF-8 text of each row */
	int *roles;    /* h x w */
	unsigned *attrs;
} screen;

static void on_cell(void *ctx, const ui_cell *c)
{
	screen *s = ctx;
	if (c->y >= s->h || c->x >= s->w)
		return;
	char *row = s->rows[c->y];
	size_t n = strlen(row);
	s->rows[c->y] = xrealloc(row, n + strlen(c->text) + 1);
	strcpy(s->rows[c->y] + n, c->text);
	for (int i = 0; i < c->width && c->x + i < s->w; i++) {
		s->roles[c->y * s->w + c->x + i] = c->role;
		s->attrs[c->y * s->w + c->x + i] = c->attrs;
	}
}

static void screen_free(screen *s)
{
	for (int i = 0; i < s->h; i++)
		free(s->rows[i]);
	free(s->rows);
	free(s->roles);
	free(s->attrs);
	memset(s, 0, sizeof *s);
}

static bool render(store *st, const ui_options *o, int w, int h, const char *keys, screen *s)
{
	memset(s, 0, sizeof *s);
	s->w = w;
	s->h = h;
	s->rows = xcalloc((size_t)h, sizeof *s->rows);
	for (int i = 0; i < h; i++)
		s->rows[i] = xstrdup("");
	s->roles = xcalloc((size_t)(w * h), sizeof *s->roles);
	s->attrs = xcalloc((size_t)(w * h), sizeof *s->attrs);
	char err[512];
	int rc = ui_render_headless(st, o, w, h, keys, on_cell, s, err, sizeof err);
	if (rc != 0)
		printf("# render failed: %s\n", err);
	return rc == 0;
}

static const char *row_with(const screen *s, const char *needle)
{
	for (int i = 0; i < s->h; i++)
		if (strstr(s->rows[i], needle))
			return s->rows[i];
	return NULL;
}

static int row_index(const screen *s, const char *needle)
{
	for (int i = 0; i < s->h; i++)
		if (strstr(s->rows[i], needle))
			return i;
	return -1;
}

static int task_progress(store *st, const char *key)
{
	campaign_row c;
	if (store_campaign_get(st, "ui-launch", &c) != STORE_OK)
		return -1;
	task_row rows[64];
	size_t n;
	int p = -1;
	if (store_task_window(st, c.id, NULL, 0, 64, rows, &n) == STORE_OK)
		for (size_t i = 0; i < n; i++) {
			if (strcmp(rows[i].key, key) == 0)
				p = rows[i].progress;
			task_row_free(&rows[i]);
		}
	campaign_row_free(&c);
	return p;
}

static void dump(const screen *s)
{
	for (int i = 0; i < s->h; i++)
		printf("#|%s|\n", s->rows[i]);
}

static void test_headless(store *st, const char *db)
{
	ui_options o = {.campaign = NULL};
	screen s;
	ok(render(st, &o, 80, 24, NULL, &s), "renders 80x24 without a terminal");
	has_str(s.rows[0], "2024夏季新品推广·界面测试", "the header names the campaign");
	has_str(s.rows[0], "day 5 of 20", "the header says which day it is");
	has_str(s.rows[0], "预热期", "and the current phase");
	has_str(s.rows[1], "14 tasks", "header counts: total");
	has_str(s.rows[1], "! 1 late", "header counts: late");
	has_str(s.rows[2], "1 Tasks", "the tab bar");
	const char *kol = row_with(&s, "KOL名单筛选与沟通");
	ok(kol && strncmp(kol, "!▶", strlen("!▶")) == 0, "a late task is flagged ! and shows ▶");
	ok(kol && strstr(kol, "!!"), "its bar marks the days past due");
	int r = row_index(&s, "KOL名单筛选与沟通");
	ok(r > 0 && s.roles[r * 80 + 3] == ROLE_ALERT, "a late task's name is drawn as an alert");
	has_str(row_with(&s, "活动创意简报") ? row_with(&s, "活动创意简报") : "", "◆", "a milestone diamond");
	ok(row_with(&s, "这是一个非常非常 …"), "a long Chinese name is cut by width with an ellipsis");
	ok(row_with(&s, "直播带货🎥专场"), "an emoji name is drawn whole");
	has_str(s.rows[23], "tester", "the status line names the user");
	has_str(s.rows[23], db[0] == '/' ? strrchr(db, '/') + 1 : db, "and the database");
	int sel = row_index(&s, "活动创意简报");
	ok(sel > 0 && s.roles[sel * 80 + 5] == ROLE_SELECTION, "the first task is selected");
	screen_free(&s);

	/* moving, editing, undo */
	ok(render(st, &o, 80, 24, "j]]", &s), "j ] ] renders");
	is_int(task_progress(st, "kol-list"), 60, "two progress steps on the second task are stored");
	has_str(s.rows[23], "saved: progress of kol-list: 50 → 60", "the status line says what was saved");
	screen_free(&s);
	ok(render(st, &o, 80, 24, "j]u", &s), "an edit then u");
	is_int(task_progress(st, "kol-list"), 60, "u undoes the edit of this session");
	has_str(s.rows[23], "undone", "and says so");
	screen_free(&s);
	render(st, &o, 80, 24, "j%75<Enter>", &s);
	is_int(task_progress(st, "kol-list"), 75, "a typed progress is stored");
	screen_free(&s);
	render(st, &o, 80, 24, "jS3", &s);
	campaign_row c;
	store_campaign_get(st, "ui-launch", &c);
	task_counts k;
	store_task_counts(st, c.id, date_today(), &k);
	is_int(k.done, 3, "S 3 marks the task done");
	is_int(k.late, 0, "and it is no longer late");
	has_str(s.rows[1], "✔ 3 done", "the header counts follow at once");
	screen_free(&s);
	audit_filter af = {.entity = "task", .limit = 100};
	audit_row *rows;
	size_t n;
	store_audit_list(st, &af, &rows, &n);
	is_int(n, 6, "every edit and undo left one audit row");
	ok(n && strcmp(rows[0].user, "tester") == 0 && strcmp(rows[0].field, "status") == 0,
	   "the newest row says who changed the status");
	audit_rows_free(rows, n);
	render(st, &o, 80, 24, "jeruser text 一<Enter>", &s);
	task_row t;
	size_t idx;
	task_filter f = {0};
	f.today = date_today();
	task_row w[2];
	store_task_window(st, c.id, &f, 1, 1, w, &idx);
	ok(idx == 1 && w[0].problem && strcmp(w[0].problem, "user text 一") == 0, "e r edits the problem");
	if (idx)
		task_row_free(&w[0]);
	screen_free(&s);
	campaign_row_free(&c);
	WR_UNUSED(t);

	/* detail and help */
	render(st, &o, 80, 24, "j<Enter>", &s);
	ok(row_with(&s, "Task: KOL名单筛选与沟通"), "Enter opens the task's detail");
	ok(row_with(&s, "History"), "with its history");
	ok(row_with(&s, " id           kol-list"), "field names line up in their own column");
	screen_free(&s);
	render(st, &o, 80, 24, "j<Enter>G", &s);
	ok(row_with(&s, "tester") && row_with(&s, "progress: 40 → 50"), "who changed what");
	if (!row_with(&s, "progress: 40 → 50"))
		dump(&s);
	screen_free(&s);
	render(st, &o, 80, 24, "?", &s);
	ok(row_with(&s, "zoom the time axis in"), "? shows the keys from the key table");
	screen_free(&s);
	render(st, &o, 80, 24, "?<Esc>+", &s);
	has_str(s.rows[2], "zoom day", "Esc closes the help; + zooms in");
	screen_free(&s);
	render(st, &o, 80, 24, "-", &s);
	has_str(s.rows[2], "zoom month", "- zooms out");
	screen_free(&s);
	render(st, &o, 80, 24, "/直播<Enter>", &s);
	has_str(s.rows[2], "1 of 14 tasks", "/ filters by text");
	ok(row_with(&s, "直播带货🎥专场") && !row_with(&s, "活动创意简报"), "only the match is listed");
	screen_free(&s);
	render(st, &o, 80, 24, "m", &s);
	has_str(s.rows[2], "3 of 14 tasks · zoom week · mine", "m shows my tasks");
	screen_free(&s);
	render(st, &o, 80, 24, "s", &s);
	ok(row_with(&s, "strategy") && row_with(&s, "信任背书"), "s groups by strategy");
	if (!row_with(&s, "信任背书"))
		dump(&s);
	screen_free(&s);
	render(st, &o, 80, 24, "2", &s);
	ok(row_with(&s, "Metrics"), "2 switches to the Metrics pane");
	screen_free(&s);
	render(st, &o, 80, 24, "c", &s);
	ok(row_with(&s, "Campaigns (running first)") && row_with(&s, "running, day 5/20"),
	   "c lists the campaigns with their state");
	if (!row_with(&s, "running, day 5/20"))
		dump(&s);
	screen_free(&s);

	/* sizes */
	render(st, &o, 30, 8, NULL, &s);
	ok(row_with(&s, "terminal too small") && row_with(&s, "30x8, need 40x10"), "30x8 says it is too small");
	screen_free(&s);
	render(st, &o, 20, 6, NULL, &s);
	ok(row_with(&s, "terminal too small"), "20x6 says it is too small");
	screen_free(&s);
	render(st, &o, 5, 1, NULL, &s);
	ok(1, "5x1 does not crash");
	screen_free(&s);
	render(st, &o, 200, 60, NULL, &s);
	ok(row_with(&s, "1 Tasks") && row_with(&s, "2 Metrics") && row_with(&s, "4 Review"),
	   "200x60 tiles the four panes");
	screen_free(&s);
	ui_options tabs = {.layout = "tabs"};
	render(st, &tabs, 200, 60, NULL, &s);
	ok(!row_with(&s, "Review —"), "layout tabs shows one pane at 200x60");
	screen_free(&s);

	/* mono */
	setenv("NO_COLOR", "1", 1);
	render(st, &o, 80, 24, NULL, &s);
	sel = row_index(&s, "活动创意简报");
	ok(sel > 0 && (s.attrs[sel * 80 + 5] & THEME_REVERSE), "NO_COLOR: the selection is reverse video");
	ok(s.attrs[0] & THEME_REVERSE, "NO_COLOR: the header is reverse video");
	unsetenv("NO_COLOR");
	screen_free(&s);
}

static void test_read_only(const char *db)
{
	enum store_rc rc;
	char err[256];
	store *ro = store_open(db, STORE_OPEN_READONLY, &rc, err, sizeof err);
	ok(ro != NULL, "the database opens read-only");
	if (!ro)
		return;
	int before = task_progress(ro, "landing");
	ui_options o = {.read_only = true};
	screen s;
	render(ro, &o, 80, 24, "jj]", &s);
	has_str(s.rows[0], "READ-ONLY", "the header says read-only");
	has_str(s.rows[23], "read-only", "an edit is refused in the status line");
	is_int(task_progress(ro, "landing"), before, "and nothing is written");
	screen_free(&s);
	store_close(ro);
}

static void test_injection(store *st)
{
	campaign_row c;
	store_campaign_get(st, "ui-launch", &c);
	task_filter f = {0};
	f.today = date_today();
	task_row w[1];
	size_t n;
	store_task_window(st, c.id, &f, 2, 1, w, &n);
	store_task_set(st, w[0].id, -1, TASK_F_NAME, "x\x1b]0;pwned\x07\x1b[2J\xe2\x80\xaey");
	task_row_free(&w[0]);
	campaign_row_free(&c);
	screen s;
	ui_options o = {0};
	render(st, &o, 80, 24, NULL, &s);
	ok(row_with(&s, "x\\e]0;pwned^G\\e[2…"), "a task name with escape sequences is drawn as visible text");
	screen_free(&s);
	render(st, &o, 80, 24, "jj<Enter>", &s);
	ok(row_with(&s, "x\\e]0;pwned^G\\e[2J<U+202E>y"), "whole in the detail view, bidi override shown as a code");
	if (!row_with(&s, "<U+202E>y"))
		dump(&s);
	screen_free(&s);
}

static void test_empty(void)
{
	char *db = tmp_path("empty.db");
	enum store_rc rc;
	char err[256];
	store *st = store_open(db, 0, &rc, err, sizeof err);
	ok(st != NULL, "an empty database");
	if (!st) {
		free(db);
		return;
	}
	screen s;
	ui_options o = {0};
	ok(render(st, &o, 80, 24, "jjG+-<Enter>]%", &s), "keys on an empty database do not crash");
	has_str(s.rows[0], "no campaign yet", "the header says there is no campaign");
	ok(row_with(&s, "No campaign yet. Import one"), "and so does the Tasks pane");
	screen_free(&s);
	render(st, &o, 80, 24, "c", &s);
	has_str(s.rows[23], "no campaigns yet", "the picker says there is nothing to pick");
	screen_free(&s);
	store_close(st);
	free(db);
}

static void test_big(store *st)
{
	campaign_def d = {0};
	d.key = xstrdup("big");
	d.name = xstrdup("四万个任务");
	date_parse("2024-06-01", &d.start);
	date_parse("2024-12-31", &d.end);
	d.n_tasks = 40000;
	d.tasks = xcalloc(d.n_tasks, sizeof *d.tasks);
	for (size_t i = 0; i < d.n_tasks; i++) {
		task_def *t = &d.tasks[i];
		t->key = xasprintf("t%05zu", i);
		t->name = xasprintf("任务 %05zu", i);
		t->owner = xstrdup(i % 7 == 0 ? "tester" : "运营");
		t->strategy = xstrdup(i % 3 ? "增长" : "品牌");
		t->start = d.start + (wr_date)(i % 150);
		t->due = t->start + 5;
		t->progress = (int)(i % 11) * 10;
		t->tracking = TRACK_WEEKLY;
	}
	/* 500 messages, 300 of them about delivery: more than a screen. */
	d.n_feedback = 500;
	d.feedback = xcalloc(d.n_feedback, sizeof *d.feedback);
	for (size_t i = 0; i < d.n_feedback; i++) {
		feedback_def *f = &d.feedback[i];
		f->at = d.start + (wr_date)(i / 5);
		f->at_secs = (int)(i % 5) * 60;
		f->channel = xstrdup("电商评价");
		f->text = xasprintf(i % 5 < 3 ? "快递 消息%03zu" : "包装 消息%03zu", i);
	}
	import_stats is;
	ok(store_import_campaign(st, &d, &is) == STORE_OK, "a campaign of 40,000 tasks imports");
	campaign_def_free(&d);
	ui_options o = {.campaign = "big"};
	screen s;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	render(st, &o, 80, 24, "G<PgUp><PgUp>kkkkjjjj<C-u><C-d>gG", &s);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	ok(row_with(&s, "任务 39999"), "G shows the last of 40,000 tasks");
	/* Timing is the benchmark's job (tests/bench); here it is only reported. */
	printf("# start-up and 16 moves over 40,000 tasks: %.2f s\n", secs);
	screen_free(&s);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	render(st, &o, 80, 24, "m/00<Enter>s", &s);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	ok(row_with(&s, "288 of 40000 tasks") && row_with(&s, "品牌     任务 00000    tester"),
	   "mine, text and grouping over 40,000 tasks");
	printf("# filtering and grouping 40,000 tasks: %.2f s\n", secs);
	screen_free(&s);

	/* A search is counted only a screen deep while it is typed; the
	 * exact count follows once typing stops, or at once when a key needs
	 * it (G must reach the real end). */
	render(st, &o, 80, 24, "3/快递<Enter>", &s);
	ok(row_with(&s, "300 of 500"), "the search's exact count once typing stops");
	ok(row_with(&s, "300 messages match"), "and Enter's message says it");
	screen_free(&s);
	render(st, &o, 80, 24, "3/快递<Enter>G", &s);
	ok(row_with(&s, "快递 消息000") && !row_with(&s, "包装"),
	   "G straight after Enter reaches the oldest match");
	screen_free(&s);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("WARROOM_USER", "tester", 1);
	if (!getenv("WARROOM_TODAY"))
		setenv("WARROOM_TODAY", "2024-06-05", 1);
	unsetenv("WARROOM_THEME");
	unsetenv("NO_COLOR");
	setenv("TERM", "xterm-256color", 1);
	snprintf(tmpdir, sizeof tmpdir, "/tmp/wr-test-ui-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	test_themes();
	test_config();
	test_empty();

	char *db = tmp_path("ui.db");
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
	test_headless(st, db);
	test_injection(st);
	test_read_only(db);
	test_big(st);
	store_close(st);
	free(db);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return tap_done();
}
