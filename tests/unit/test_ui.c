/* The UI's pure parts: Gantt date <-> column maths at every zoom, bar
 * cells and clipping, the key table (no key bound twice along a dispatch
 * chain, help lists every action), the line editor with wide characters,
 * the virtual list's caching, and width-aware drawing on a curses screen
 * with no terminal behind it. */
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../../src/ui/draw.h"
#include "../../src/ui/gantt.h"
#include "../../src/ui/keys.h"
#include "../../src/ui/lineedit.h"
#include "../../src/ui/list.h"
#include "tap.h"
#include "warroom/text.h"
#include "warroom/theme.h"

static wr_date D(const char *s)
{
	wr_date d = WR_DATE_NONE;
	if (!date_parse(s, &d))
		printf("# bad date %s\n", s);
	return d;
}

static void test_gantt_columns(void)
{
	gantt_axis day = {GANTT_DAY, D("2024-06-01"), 30};
	is_int(gantt_col(&day, D("2024-06-01")), 0, "day zoom: origin is column 0");
	is_int(gantt_col(&day, D("2024-06-02")), 3, "day zoom: 3 columns a day");
	is_int(gantt_col(&day, D("2024-05-31")), -3, "day zoom: the day before is at -3");
	is_int(gantt_date_at(&day, 2), D("2024-06-01"), "day zoom: column 2 is still the first day");
	is_int(gantt_date_at(&day, 3), D("2024-06-02"), "day zoom: column 3 is the second day");
	is_int(gantt_date_at(&day, -1), D("2024-05-31"), "day zoom: column -1 is the day before");
	is_int(gantt_days_visible(&day), 10, "day zoom: 30 columns show 10 days");
	is_int(gantt_today_col(&day, D("2024-06-05")), 13, "day zoom: today line in the middle of its day");

	gantt_axis week = {GANTT_WEEK, D("2024-06-01"), 30};
	is_int(gantt_col(&week, D("2024-06-08")), 7, "week zoom: a column a day");
	is_int(gantt_col(&week, D("2024-05-31")), -1, "week zoom: before the origin is negative");
	is_int(gantt_date_at(&week, 29), D("2024-06-30"), "week zoom: last column");
	is_int(gantt_today_col(&week, D("2024-06-05")), 4, "week zoom: today column");

	gantt_axis month = {GANTT_MONTH, D("2024-06-01"), 30};
	is_int(gantt_col(&month, D("2024-06-03")), 0, "month zoom: three days share column 0");
	is_int(gantt_col(&month, D("2024-06-04")), 1, "month zoom: the fourth day is column 1");
	is_int(gantt_col(&month, D("2024-05-31")), -1, "month zoom: the day before is column -1");
	is_int(gantt_col(&month, D("2024-05-29")), -1, "month zoom: three days before is still -1");
	is_int(gantt_col(&month, D("2024-05-28")), -2, "month zoom: four days before is -2 (floor)");
	is_int(gantt_date_at(&month, 1), D("2024-06-04"), "month zoom: column 1 starts on the 4th");
	is_int(gantt_date_at(&month, -1), D("2024-05-29"), "month zoom: column -1 starts 3 days before");
	is_int(gantt_days_visible(&month), 90, "month zoom: 30 columns show 90 days");

	/* Round trips at every zoom, around and before the origin. */
	int bad = 0;
	for (int z = 0; z < GANTT_N_ZOOM; z++) {
		gantt_axis ax = {(enum gantt_zoom)z, D("2024-06-01"), 80};
		for (int c = -200; c < 200; c++)
			if (gantt_col(&ax, gantt_date_at(&ax, c)) > c)
				bad++;
		int cols, days;
		gantt_scale(ax.zoom, &cols, &days);
		for (wr_date d = ax.origin - 400; d < ax.origin + 400; d++) {
			int c = gantt_col(&ax, d);
			wr_date back = gantt_date_at(&ax, c);
			/* the column shows d: it starts on d or at most days-1 before */
			if (back > d || back <= d - days || gantt_col(&ax, d + 1) != c + (back + days - 1 == d ? cols : 0))
				bad++;
		}
	}
	is_int(bad, 0, "date->column->date brackets every date at every zoom");
}

static void test_gantt_span_and_zoom(void)
{
	gantt_axis ax = {GANTT_DAY, D("2024-06-01"), 30};
	int c0, c1;
	ok(gantt_span(&ax, D("2024-05-30"), D("2024-06-02"), &c0, &c1) && c0 == 0 && c1 == 6,
	   "a span starting before the view is clipped at column 0 (got %d..%d)", c0, c1);
	ok(gantt_span(&ax, D("2024-06-09"), D("2024-06-30"), &c0, &c1) && c0 == 24 && c1 == 30,
	   "a span running past the view is clipped at the width (got %d..%d)", c0, c1);
	ok(!gantt_span(&ax, D("2024-05-01"), D("2024-05-31"), &c0, &c1), "a span left of the view is not visible");
	ok(!gantt_span(&ax, D("2024-06-11"), D("2024-06-30"), &c0, &c1), "a span right of the view is not visible");
	ok(!gantt_span(&ax, D("2024-06-05"), D("2024-06-01"), &c0, &c1), "an inverted span is not drawn");
	gantt_axis m = {GANTT_MONTH, D("2024-06-01"), 30};
	ok(gantt_span(&m, D("2024-06-02"), D("2024-06-02"), &c0, &c1) && c1 - c0 == 1,
	   "month zoom: a one-day span still takes a column");

	/* Zooming keeps the date under the anchor column in place. */
	gantt_axis z = {GANTT_WEEK, D("2024-06-01"), 60};
	wr_date under = gantt_date_at(&z, 20);
	gantt_set_zoom(&z, GANTT_DAY, 20);
	is_int(gantt_date_at(&z, 20), under, "zoom in keeps the anchored date");
	gantt_set_zoom(&z, GANTT_MONTH, 20);
	ok(gantt_date_at(&z, 20) <= under && gantt_date_at(&z, 21) > under, "zoom out keeps the anchored date");
	gantt_axis t = {GANTT_DAY, 0, 40};
	gantt_center_today(&t, D("2024-06-05"));
	int tc = gantt_today_col(&t, D("2024-06-05"));
	ok(tc >= 0 && tc < 40, "jump to today puts today in view (column %d)", tc);

	gantt_axis f = {GANTT_DAY, 0, 60};
	gantt_fit(&f, D("2024-06-01"), D("2024-06-15"), D("2024-06-05"));
	ok(f.zoom == GANTT_DAY && gantt_col(&f, D("2024-06-01")) >= 0 &&
	       gantt_col(&f, D("2024-06-16")) <= 60,
	   "fit: 15 days in 60 columns at day zoom");
	gantt_fit(&f, D("2024-05-01"), D("2024-06-15"), D("2024-06-05"));
	ok(f.zoom == GANTT_WEEK, "fit: 46 days in 60 columns at week zoom");
	gantt_fit(&f, D("2024-01-01"), D("2024-12-31"), D("2024-06-05"));
	ok(f.zoom == GANTT_MONTH, "fit: a year falls back to month zoom");
	tc = gantt_today_col(&f, D("2024-06-05"));
	ok(tc >= 0 && tc < 60, "fit: when nothing fits, today is in view");
}

static const char *cells_str(const unsigned char *c, int n, char *buf)
{
	static const char map[] = ".DTL*|>xlr";
	for (int i = 0; i < n; i++)
		buf[i] = c[i] < sizeof map - 1 ? map[c[i]] : '?';
	buf[n] = '\0';
	return buf;
}

static void test_gantt_rows(void)
{
	gantt_axis ax = {GANTT_DAY, D("2024-06-01"), 30};
	unsigned char cells[64];
	char buf[80];
	wr_date today = D("2024-06-05");
	gantt_task t = {.start = D("2024-06-01"), .due = D("2024-06-04"), .progress = 50};
	gantt_row(&ax, &t, today, cells);
	is_str(cells_str(cells, 30, buf), "DDDDDDTTTTTT.|................",
	       "bar: half done, half to do, today line after it");
	t.progress = 0;
	t.late = false;
	t.start = D("2024-06-01");
	t.due = D("2024-06-02");
	t.late = true;
	gantt_row(&ax, &t, today, cells);
	is_str(cells_str(cells, 30, buf), "TTTTTTLLLLLLLLL...............",
	       "late bar: marked from the due date through today");
	t = (gantt_task){.start = D("2024-06-03"), .due = D("2024-06-03"), .milestone = true, .deps = 2, .deps_open = 1};
	gantt_row(&ax, &t, today, cells);
	is_str(cells_str(cells, 30, buf), ".....xTT*....|................",
	       "milestone diamond on its due day, blocked prerequisite marker before it");
	t.deps_open = 0;
	gantt_row(&ax, &t, today, cells);
	ok(cells[5] == GC_DEP, "prerequisites all done: a plain arrow");
	t = (gantt_task){.start = D("2024-05-01"), .due = D("2024-05-10"), .done = true, .progress = 100};
	gantt_row(&ax, &t, today, cells);
	ok(cells[0] == GC_OFF_LEFT && cells[13] == GC_TODAY, "a bar left of the view is pointed at");
	t = (gantt_task){.start = D("2024-07-01"), .due = D("2024-07-10")};
	gantt_row(&ax, &t, today, cells);
	ok(cells[29] == GC_OFF_RIGHT, "a bar right of the view is pointed at");
	t = (gantt_task){.start = D("2024-05-30"), .due = D("2024-06-02"), .progress = 100};
	gantt_row(&ax, &t, today, cells);
	is_str(cells_str(cells, 30, buf), "DDDDDD.......|................",
	       "a bar partly left of the view is clipped, progress counted on the whole bar");
	t = (gantt_task){.start = D("2024-06-08"), .due = D("2024-06-20"), .progress = 0};
	gantt_row(&ax, &t, today, cells);
	is_str(cells_str(cells, 30, buf), ".............|.......TTTTTTTTT",
	       "a bar running past the right edge is clipped");
	gantt_axis m = {GANTT_MONTH, D("2024-06-01"), 10};
	t = (gantt_task){.start = D("2024-06-02"), .due = D("2024-06-02"), .late = true};
	gantt_row(&m, &t, D("2024-06-02") + 1, cells);
	ok(cells[0] == GC_TODO && cells[1] == GC_LATE, "month zoom: a late one-day task still shows its late mark");

	gantt_axis w = {GANTT_WEEK, D("2024-06-01"), 40};
	gantt_label labels[32];
	int n = gantt_labels(&w, labels, 32);
	ok(n == 5 && labels[0].col == 2 && strcmp(labels[0].text, "06-03") == 0,
	   "week zoom: a label on each Monday (%d labels, first %s at %d)", n, n ? labels[0].text : "-",
	   n ? labels[0].col : -1);
	int overlap = 0;
	for (int i = 0; i < n; i++)
		if ((i && labels[i].col <= labels[i - 1].col + (int)strlen(labels[i - 1].text)) ||
		    labels[i].col + (int)strlen(labels[i].text) > 40)
			overlap++;
	is_int(overlap, 0, "labels neither overlap nor run past the edge");
	gantt_axis dz = {GANTT_DAY, D("2024-06-01"), 10};
	n = gantt_labels(&dz, labels, 32);
	ok(n == 3 && strcmp(labels[2].text, "03") == 0 && labels[2].col == 6,
	   "day zoom: a label per day, none cut at the edge (%d)", n);
	gantt_axis mz = {GANTT_MONTH, D("2024-05-25"), 40};
	n = gantt_labels(&mz, labels, 32);
	ok(n >= 3 && strcmp(labels[0].text, "2024-06") == 0, "month zoom: a label per month (%s)",
	   n ? labels[0].text : "-");
}

/* ---- keys ------------------------------------------------------------------ */

static void test_keys(void)
{
	/* The chains the UI looks keys up along. */
	const char *chains[16][3];
	size_t lens[16], nc = 0;
	for (size_t i = 0; i < key_scopes_n; i++) {
		const char *s = key_scopes[i].name;
		if (!strcmp(s, "nav") || !strcmp(s, "global") || !strcmp(s, "view") || !strcmp(s, "edit"))
			continue;
		chains[nc][0] = s;
		chains[nc][1] = "nav";
		chains[nc][2] = "global";
		lens[nc++] = 3;
	}
	chains[nc][0] = "view";
	chains[nc][1] = "nav";
	lens[nc++] = 2;
	chains[nc][0] = "edit";
	lens[nc++] = 1;
	int dups = 0;
	for (size_t c = 0; c < nc; c++)
		for (size_t i = 0; i < keys_n; i++)
			for (size_t j = i + 1; j < keys_n; j++) {
				if (keys_table[i].key != keys_table[j].key)
					continue;
				bool in_i = false, in_j = false;
				for (size_t k = 0; k < lens[c]; k++) {
					in_i = in_i || !strcmp(keys_table[i].scope, chains[c][k]);
					in_j = in_j || !strcmp(keys_table[j].scope, chains[c][k]);
				}
				if (in_i && in_j) {
					char name[32];
					printf("# key %s bound twice along the %s chain\n",
					       key_label(keys_table[i].key, name, sizeof name), chains[c][0]);
					dups++;
				}
			}
	is_int(dups, 0, "no key is bound twice along any dispatch chain");

	int unknown_scope = 0;
	for (size_t i = 0; i < keys_n; i++) {
		bool found = false;
		for (size_t s = 0; s < key_scopes_n; s++)
			found = found || !strcmp(keys_table[i].scope, key_scopes[s].name);
		unknown_scope += !found;
	}
	is_int(unknown_scope, 0, "every binding's scope is listed (and so has a help heading)");

	bool in_help[ACT_COUNT] = {0};
	for (size_t s = 0; s < key_scopes_n; s++) {
		key_help_line lines[64];
		size_t n = keys_help(key_scopes[s].name, lines, 64);
		for (size_t i = 0; i < n; i++)
			in_help[lines[i].action] = true;
	}
	int missing = 0, no_text = 0;
	for (int a = 1; a < ACT_COUNT; a++) {
		if (!in_help[a]) {
			printf("# action %s has no key in the help\n", action_name((enum action)a));
			missing++;
		}
		if (!action_help((enum action)a)[0])
			no_text++;
	}
	is_int(missing, 0, "the help lists every action with its keys");
	is_int(no_text, 0, "every action has a help line");

	const char *tasks_chain[] = {"tasks", "nav", "global"};
	is_int(keys_lookup(tasks_chain, 3, '+'), ACT_ZOOM_IN, "+ zooms in the Tasks pane");
	is_int(keys_lookup(tasks_chain, 3, ']'), ACT_PROGRESS_UP, "] raises progress");
	is_int(keys_lookup(tasks_chain, 3, 'L'), ACT_TIME_FWD, "L scrolls time in the Tasks pane");
	is_int(keys_lookup(tasks_chain, 3, 'q'), ACT_QUIT, "q quits from a pane");
	is_int(keys_lookup(tasks_chain, 3, WK_CTRL('d')), ACT_HALF_DOWN, "Ctrl-d is half a page down");
	is_int(keys_lookup(tasks_chain, 3, 'Z'), ACT_NONE, "an unbound key does nothing");
	const char *view_chain[] = {"view", "nav"};
	is_int(keys_lookup(view_chain, 2, 'q'), ACT_CLOSE, "q closes a view");
	is_int(keys_lookup(view_chain, 2, 'c'), ACT_NONE, "global keys do not reach through a view");

	key_help_line lines[64];
	size_t n = keys_help("nav", lines, 64);
	bool enter_once = false;
	for (size_t i = 0; i < n; i++)
		if (lines[i].action == ACT_ENTER)
			enter_once = strcmp(lines[i].keys, "Enter") == 0;
	ok(enter_once, "Enter bound three ways shows once in the help");

	wr_key ks[16];
	char err[128];
	int nk = keys_parse("jj<Enter><C-d><S-Tab>中<lt>", ks, 16, err, sizeof err);
	ok(nk == 7 && ks[0] == 'j' && ks[2] == '\n' && ks[3] == WK_CTRL('d') &&
	       ks[4] == WK_FN(KEY_BTAB) && ks[5] == 0x4E2D && ks[6] == '<',
	   "key scripts parse (%d keys)", nk);
	ok(keys_parse("<Nope>", ks, 16, err, sizeof err) < 0 && strstr(err, "Nope"),
	   "an unknown key name is an error naming it");
	char name[32];
	is_str(key_label(WK_CTRL('d'), name, sizeof name), "Ctrl-d", "Ctrl keys are named");
	is_str(key_label(WK_FN(KEY_DOWN), name, sizeof name), "↓", "arrows are drawn as arrows");
}

/* ---- line editor ------------------------------------------------------------ */

static void type(lineedit *e, const char *s)
{
	size_t len = strlen(s), i = 0;
	while (i < len) {
		int32_t cp;
		i += (size_t)utf8_decode(s + i, len - i, &cp);
		le_insert(e, cp);
	}
}

static void test_lineedit(void)
{
	lineedit e;
	le_init(&e, "", 100);
	type(&e, "中a文");
	is_str(le_text(&e), "中a文", "typing Chinese and ASCII");
	is_int(le_cursor_col(&e), 5, "cursor after two wide and one narrow character");
	le_action(&e, ACT_ED_LEFT);
	is_int(le_cursor_col(&e), 3, "left moves over a whole wide character");
	le_action(&e, ACT_ED_BACKSPACE);
	is_str(le_text(&e), "中文", "backspace deletes one character");
	is_int(le_cursor_col(&e), 2, "cursor after backspace");
	le_action(&e, ACT_ED_DELETE);
	is_str(le_text(&e), "中", "delete removes the character under the cursor");
	le_action(&e, ACT_ED_HOME);
	type(&e, "e\xcc\x81");
	is_str(le_text(&e), "e\xcc\x81中", "a combining accent joins its letter");
	le_action(&e, ACT_ED_HOME);
	le_action(&e, ACT_ED_RIGHT);
	is_int(le_cursor_col(&e), 1, "right moves over a letter and its accent together");
	le_action(&e, ACT_ED_BACKSPACE);
	is_str(le_text(&e), "中", "backspace removes the letter with its accent");
	ok(!le_insert(&e, 0x1B) && !le_insert(&e, 0x202E) && !le_insert(&e, '\n'),
	   "escape, bidi override and newline are never inserted");
	le_action(&e, ACT_ED_END);
	type(&e, " hello world");
	le_action(&e, ACT_ED_KILL_WORD);
	is_str(le_text(&e), "中 hello ", "Ctrl-w deletes the word before the cursor");
	le_action(&e, ACT_ED_KILL_START);
	is_str(le_text(&e), "", "Ctrl-u deletes to the start");
	le_set(&e, "abc\x1b[2Jdef");
	is_str(le_text(&e), "abc\\e[2Jdef", "initial text is sanitised");
	le_free(&e);
}

/* ---- virtual list ------------------------------------------------------------ */

static long fake_fetch(void *ctx, size_t off, size_t limit, void *out)
{
	size_t total = *(size_t *)ctx;
	int *rows = out;
	size_t n = 0;
	for (size_t i = off; i < off + limit && i < total; i++)
		rows[n++] = (int)i;
	return (long)n;
}

static void test_vlist(void)
{
	size_t total = 40000;
	vlist_source src = {.ctx = &total, .row_size = sizeof(int), .fetch = fake_fetch};
	vlist l;
	vlist_init(&l, &src);
	vlist_set_height(&l, 20);
	vlist_set_count(&l, total);
	for (size_t i = 0; i < 20; i++)
		vlist_row(&l, i);
	is_int(l.fetches, 1, "the visible window is one fetch");
	for (int i = 0; i < 19; i++)
		vlist_action(&l, ACT_DOWN);
	for (size_t i = l.top; i < l.top + 20; i++)
		vlist_row(&l, i);
	is_int(l.fetches, 1, "moving the cursor inside the window fetches nothing");
	is_int(l.cache_n <= 22, 1, "only about a window of rows is held");
	vlist_action(&l, ACT_DOWN);
	is_int(l.top, 1, "moving past the bottom scrolls one row");
	vlist_action(&l, ACT_BOTTOM);
	is_int(l.cursor, 39999, "G goes to the last of 40,000 rows");
	is_int(l.top, 39980, "and shows the last page");
	const int *r = vlist_row(&l, 39999);
	ok(r && *r == 39999, "the last row is fetched by its offset");
	vlist_action(&l, ACT_PAGE_UP);
	is_int(l.cursor, 39999 - 19, "page up moves a page");
	vlist_action(&l, ACT_HALF_UP);
	is_int(l.cursor, 39999 - 29, "half page up moves half a page");
	vlist_action(&l, ACT_TOP);
	ok(l.cursor == 0 && l.top == 0, "g goes to the top");
	vlist_set_count(&l, 5);
	vlist_goto(&l, 10);
	is_int(l.cursor, 4, "the cursor is clamped to the rows there are");
	vlist_free(&l);
}

/* ---- drawing on a screen with no terminal ------------------------------------ */

static char *row_text(int y, int x0, int n)
{
	strbuf sb = STRBUF_INIT;
	int x = x0;
	while (x < x0 + n) {
		cchar_t cc;
		wchar_t w[CCHARW_MAX + 1] = {0};
		attr_t at;
		short pair;
		mvwin_wch(stdscr, y, x, &cc);
		getcchar(&cc, w, &at, &pair, NULL);
		char u[4];
		int len = utf8_encode((int32_t)(w[0] ? w[0] : ' '), u);
		sb_add(&sb, u, (size_t)len);
		x += w[0] && wcwidth(w[0]) == 2 ? 2 : 1;
	}
	return sb_detach(&sb);
}

static void test_draw(void)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm-256color", out, in);
	ok(scr != NULL, "a curses screen without a terminal");
	if (!scr)
		return;
	set_term(scr);
	resize_term(6, 20);
	theme th;
	theme_builtin(&th);
	canvas c = {0};
	canvas_init(&c, stdscr, &th, THEME_MONO);
	werase(stdscr);
	is_int(draw_text(&c, 0, 0, 5, ROLE_NORMAL, "中文字"), 4, "a wide character that would cross the edge is left out");
	char *t = row_text(0, 0, 6);
	is_str(t, "中文  ", "two wide characters in five columns, the fifth untouched");
	free(t);
	draw_text_ellipsis(&c, 1, 0, 6, ROLE_ALERT, "中文字符串");
	t = row_text(1, 0, 7);
	is_str(t, "中文 … ", "truncated by display width with an ellipsis and padding");
	free(t);
	is_int(canvas_role_at(&c, 1, 0), ROLE_ALERT, "the role of each cell is kept for read-back");
	draw_fill(&c, 2, 0, 20, ROLE_NORMAL);
	is_int(draw_text(&c, 2, 17, 10, ROLE_NORMAL, "ab中"), 2, "text is clipped at the screen edge");
	draw_untrusted(&c, 3, 0, 20, ROLE_NORMAL, "a\x1b]0;x\x07\x1b[2J");
	t = row_text(3, 0, 17);
	is_str(t, "a\\e]0;x^G\\e[2J   ", "escape sequences are drawn as visible text");
	free(t);
	draw_text(&c, 4, 0, 10, ROLE_NORMAL, "\x01\x7f");
	t = row_text(4, 0, 2);
	is_str(t, "??", "control characters that slip through are drawn as ?");
	free(t);
	/* combining characters join the cell before them, within the call */
	is_int(draw_text(&c, 4, 4, 10, ROLE_ALERT, "e\xcc\x81x"), 2, "a combining accent takes no column");
	cchar_t cc;
	wchar_t w[CCHARW_MAX + 1] = {0};
	attr_t at = 0;
	short pair = 0;
	mvwin_wch(stdscr, 4, 4, &cc);
	getcchar(&cc, w, &at, &pair, NULL);
	ok(w[0] == L'e' && w[1] == 0x301 && w[2] == 0, "the accent is in the cell of its letter");
	ok((at & A_ATTRIBUTES & ~A_COLOR) == (c.attr[ROLE_ALERT] & ~A_COLOR),
	   "the cell carries its role's attributes");
	mvwin_wch(stdscr, 4, 5, &cc);
	getcchar(&cc, w, &at, &pair, NULL);
	ok(w[0] == L'x' && w[1] == 0, "the next letter has its own cell");
	is_int(draw_text(&c, 4, 8, 5, ROLE_NORMAL, "\xcc\x81" "ab"), 2, "a leading combining accent is dropped");
	mvwin_wch(stdscr, 4, 7, &cc);
	getcchar(&cc, w, &at, &pair, NULL);
	ok(w[1] == 0, "and not joined to what is on the screen before the text");
	t = row_text(4, 8, 2);
	is_str(t, "ab", "the text after it is drawn");
	free(t);
	draw_text(&c, 9, 0, 10, ROLE_NORMAL, "off screen");
	draw_text(&c, 0, -1, 10, ROLE_NORMAL, "off screen");
	draw_fill(&c, 5, 15, 100, ROLE_NORMAL);
	ok(1, "drawing outside the screen is ignored");
	canvas_free(&c);
	theme_free(&th);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

static void test_text_truncate(void)
{
	int w;
	char *t = text_truncate("KOL名单筛选与沟通", 10, &w);
	is_str(t, "KOL名单筛…", "mixed ASCII and Chinese truncate by width");
	is_int(w, 10, "to exactly the width");
	free(t);
	t = text_truncate("直播带货🎥专场", 9, &w);
	is_str(t, "直播带货…", "an emoji is two columns");
	free(t);
	t = text_truncate("夏のキャンペーン", 8, &w);
	is_str(t, "夏のキ …", "Japanese kana are two columns; a half-fitting one becomes padding");
	free(t);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_gantt_columns();
	test_gantt_span_and_zoom();
	test_gantt_rows();
	test_keys();
	test_lineedit();
	test_vlist();
	test_text_truncate();
	test_draw();
	return tap_done();
}
