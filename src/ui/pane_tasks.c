/* The Tasks pane: one row per task (status and alert glyphs, name, owner,
 * progress) and a Gantt bar on a time axis with phase bands, the today
 * line, milestones and dependency markers. Only the visible window is
 * queried (vlist); moving the cursor inside it redraws two rows. */
#include "pane_tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/task_state.h"
#include "warroom/text.h"

#define AXIS_ROWS 2

static task_filter make_filter(const tasks_pane *p)
{
	task_filter f = {0};
	f.owner = p->mine ? p->a->user : NULL;
	f.late_only = p->late_only;
	f.open_only = p->open_only;
	f.text = p->text;
	f.today = p->a->today;
	f.group = p->group;
	return f;
}

static long fetch_rows(void *ctx, size_t off, size_t limit, void *out)
{
	tasks_pane *p = ctx;
	app *a = p->a;
	if (!a->has_campaign || limit == 0)
		return 0;
	task_filter f = make_filter(p);
	task_row *tmp = xcalloc(limit, sizeof *tmp);
	size_t n = 0;
	if (store_task_window(a->st, a->camp.id, &f, off, limit, tmp, &n) != STORE_OK) {
		snprintf(p->error, sizeof p->error, _("could not read the tasks: %s"), store_error(a->st));
		free(tmp);
		return -1;
	}
	int64_t *ids = xcalloc(n, sizeof *ids);
	int *total = xcalloc(n, sizeof *total), *open = xcalloc(n, sizeof *open);
	for (size_t i = 0; i < n; i++)
		ids[i] = tmp[i].id;
	if (store_task_deps_state(a->st, ids, n, total, open) != STORE_OK)
		memset(total, 0, n * sizeof *total); /* markers are a nicety */
	trow *rows = out;
	for (size_t i = 0; i < n; i++) {
		rows[i].t = tmp[i];
		rows[i].deps = total[i];
		rows[i].deps_open = open[i];
	}
	free(ids);
	free(total);
	free(open);
	free(tmp);
	return (long)n;
}

static void free_row(void *row)
{
	task_row_free(&((trow *)row)->t);
}

const trow *tasks_current(tasks_pane *p)
{
	return vlist_row(&p->list, p->list.cursor);
}

void tasks_refresh(tasks_pane *p)
{
	app *a = p->a;
	int64_t id = -1;
	size_t screen_row = p->list.cursor - p->list.top;
	if (p->list.count) {
		const trow *r = tasks_current(p);
		if (r)
			id = r->t.id;
	}
	vlist_invalidate(&p->list);
	p->error[0] = '\0';
	size_t n = 0;
	task_filter f = make_filter(p);
	if (a->has_campaign && store_task_count(a->st, a->camp.id, &f, &n) != STORE_OK)
		snprintf(p->error, sizeof p->error, _("could not count the tasks: %s"), store_error(a->st));
	vlist_set_count(&p->list, n);
	size_t idx;
	if (id >= 0 && n && store_task_index(a->st, a->camp.id, &f, id, &idx) == STORE_OK) {
		p->list.top = idx > screen_row ? idx - screen_row : 0;
		vlist_goto(&p->list, idx);
	}
	p->need_full = true;
}

/* ---- pane ops -------------------------------------------------------------- */

static void *tasks_open(app *a)
{
	tasks_pane *p = xcalloc(1, sizeof *p);
	p->a = a;
	vlist_source src = {.ctx = p, .row_size = sizeof(trow), .fetch = fetch_rows, .free_row = free_row};
	vlist_init(&p->list, &src);
	p->need_full = true;
	return p;
}

static void tasks_close(void *self)
{
	tasks_pane *p = self;
	vlist_free(&p->list);
	free(p->text);
	free(p->cells);
	free(p->own);
	free(p);
}

static void tasks_reload(void *self, app *a, enum pane_reload why)
{
	tasks_pane *p = self;
	WR_UNUSED(a);
	if (why == PANE_RELOAD_CAMPAIGN) {
		p->list.cursor = p->list.top = 0;
		p->list.count = 0;
		p->axis_ready = false;
	}
	tasks_refresh(p);
}

static void layout_columns(tasks_pane *p, int w)
{
	p->width = w;
	int gw = p->group != GROUP_NONE ? (w >= 100 ? 14 : 8) : 0;
	/* grouped by owner, the group column already names the owner */
	int ow = p->group == GROUP_OWNER ? 0 : w >= 100 ? 10 : w >= 60 ? 8 : 0;
	int left = w < 60 ? w : w * (gw ? 50 : 45) / 100;
	if (w >= 60 && left < 34)
		left = 34;
	int fixed = 3 + (gw ? gw + 1 : 0) + (ow ? ow + 1 : 0) + 6;
	if (left - fixed > 44)
		left = fixed + 44;
	if (left - fixed < 10 && gw) {
		fixed -= gw + 1;
		gw = 0;
	}
	p->group_x = 3;
	p->group_w = gw;
	p->name_x = 3 + (gw ? gw + 1 : 0);
	p->name_w = left - fixed > 1 ? left - fixed : 1;
	p->owner_x = p->name_x + p->name_w + 1;
	p->owner_w = ow;
	p->pct_x = p->owner_x + (ow ? ow + 1 : 0);
	p->bar_x = left;
	p->bar_w = w - left >= 10 ? w - left : 0;
	p->axis.width = p->bar_w;
	if ((size_t)p->bar_w > p->cells_cap) {
		p->cells = xrealloc(p->cells, (size_t)p->bar_w);
		p->cells_cap = (size_t)p->bar_w;
	}
}

static void fit_axis(tasks_pane *p, app *a)
{
	wr_date first = WR_DATE_NONE, last = WR_DATE_NONE;
	store_task_span(a->st, a->camp.id, &first, &last);
	if (first == WR_DATE_NONE || (a->camp.start != WR_DATE_NONE && a->camp.start < first))
		first = a->camp.start;
	if (last == WR_DATE_NONE || (a->camp.end != WR_DATE_NONE && a->camp.end > last))
		last = a->camp.end;
	gantt_fit(&p->axis, first, last, a->today);
	/* A long campaign fits only at month zoom; keep today in view. */
	int tc = gantt_today_col(&p->axis, a->today);
	if (tc < 0 || tc >= p->axis.width)
		gantt_center_today(&p->axis, a->today);
	p->axis_ready = true;
}

static const char *group_value(const task_row *t, enum task_group g)
{
	const char *v = g == GROUP_STRATEGY ? t->strategy : g == GROUP_OWNER ? t->owner : t->phase;
	return str_empty(v) ? "—" : v;
}

static const struct {
	const char *glyph;
	enum ui_role role;
} cell_look[] = {
	[GC_EMPTY] = {" ", ROLE_NORMAL},         [GC_DONE] = {"█", ROLE_BAR_DONE},
	[GC_TODO] = {"░", ROLE_BAR_TODO},        [GC_LATE] = {"!", ROLE_BAR_LATE},
	[GC_MILESTONE] = {"◆", ROLE_MILESTONE},  [GC_TODAY] = {"│", ROLE_TODAY},
	[GC_DEP] = {"→", ROLE_MUTED},            [GC_DEP_BLOCKED] = {"↛", ROLE_WARN},
	[GC_OFF_LEFT] = {"◂", ROLE_MUTED},       [GC_OFF_RIGHT] = {"▸", ROLE_MUTED},
};

/* Draws the bar cells as runs of one glyph each. On the cursor row
 * (`selected`) every glyph takes the selection's colours, like the rest of
 * the row: the bar is one run of attributes, so moving the cursor sends
 * the glyphs and no colour changes around each of them. */
static void draw_cells(canvas *c, int y, int x0, const unsigned char *cells, int w, enum ui_role empty,
		       bool selected)
{
	strbuf run = STRBUF_INIT;
	int i = 0;
	while (i < w) {
		int j = i;
		while (j < w && cells[j] == cells[i])
			j++;
		unsigned k = cells[i] < ARRAY_LEN(cell_look) ? cells[i] : GC_EMPTY;
		sb_reset(&run);
		for (int n = i; n < j; n++)
			sb_adds(&run, cell_look[k].glyph);
		draw_text(c, y, x0 + i, j - i, k == GC_EMPTY || selected ? empty : cell_look[k].role,
			  sb_str(&run));
		i = j;
	}
	sb_free(&run);
}

static void status_look(const task_row *t, const char **glyph, enum ui_role *role)
{
	switch (t->status) {
	case TASK_DONE: *glyph = "✔"; *role = ROLE_OK; break;
	case TASK_IN_PROGRESS: *glyph = "▶"; *role = ROLE_NORMAL; break;
	case TASK_DELAYED: *glyph = "‖"; *role = ROLE_WARN; break;
	default: *glyph = "·"; *role = ROLE_MUTED; break;
	}
}

static void draw_row(tasks_pane *p, app *a, rect r, size_t idx, bool focused)
{
	canvas *c = &a->cv;
	int y = r.y + AXIS_ROWS + (int)(idx - p->list.top);
	/* The group label shows where the group changes: compare with the row
	 * above (fetched first, so the pointer below stays valid). */
	char *prev_group = NULL;
	if (p->group_w && idx > p->list.top && idx < p->list.count) {
		const trow *prev = vlist_row(&p->list, idx - 1);
		if (prev)
			prev_group = xstrdup(group_value(&prev->t, p->group));
	}
	const trow *tr = idx < p->list.count ? vlist_row(&p->list, idx) : NULL;
	if (!tr) {
		free(prev_group);
		draw_fill(c, y, r.x, r.w, ROLE_NORMAL);
		return;
	}
	const task_row *t = &tr->t;
	wr_date today = a->today;
	bool sel = focused && idx == p->list.cursor;
	bool done = t->status == TASK_DONE;
	bool late = task_is_late(t, today);
	bool behind = !late && task_is_behind(t, today);
	bool stale = task_is_stale(t, today);
	enum ui_role base = sel ? ROLE_SELECTION : ROLE_NORMAL;
	int left = p->bar_w ? p->bar_x : r.w;
	draw_fill(c, y, r.x, left, base);
	if (late)
		draw_glyph(c, y, r.x, sel ? base : ROLE_ALERT, "!");
	else if (behind)
		draw_glyph(c, y, r.x, sel ? base : ROLE_WARN, "↓");
	else if (stale)
		draw_glyph(c, y, r.x, sel ? base : ROLE_WARN, "?");
	const char *sg;
	enum ui_role srole;
	status_look(t, &sg, &srole);
	draw_glyph(c, y, r.x + 1, sel ? base : srole, sg);
	if (p->group_w) {
		const char *gv = group_value(t, p->group);
		if (!prev_group || !str_eq(prev_group, gv))
			draw_untrusted(c, y, r.x + p->group_x, p->group_w, sel ? base : ROLE_GROUP, gv);
		free(prev_group);
	}
	enum ui_role nrole = sel ? base : late ? ROLE_ALERT : done ? ROLE_MUTED : ROLE_NORMAL;
	draw_untrusted(c, y, r.x + p->name_x, p->name_w, nrole, t->name);
	if (p->owner_w)
		draw_untrusted(c, y, r.x + p->owner_x, p->owner_w, sel ? base : ROLE_MUTED, t->owner);
	char pct[8];
	snprintf(pct, sizeof pct, "%3d%%", t->progress);
	enum ui_role prole = sel ? base : done ? ROLE_OK : behind ? ROLE_WARN : ROLE_NORMAL;
	draw_text(c, y, r.x + p->pct_x, 4, prole, pct);
	if (!p->bar_w)
		return;
	gantt_task g = {
		.start = t->start, .due = t->due, .progress = t->progress, .done = done,
		.milestone = t->milestone, .late = late, .deps = tr->deps, .deps_open = tr->deps_open,
	};
	gantt_row(&p->axis, &g, today, p->cells);
	draw_cells(c, y, r.x + p->bar_x, p->cells, p->bar_w, base, sel);
}

static void draw_axis(tasks_pane *p, app *a, rect r)
{
	canvas *c = &a->cv;
	int y0 = r.y, y1 = r.y + 1;
	int left = p->bar_w ? p->bar_x : r.w;
	/* left: the zoom and the dates in view; column headings */
	draw_fill(c, y0, r.x, left, ROLE_AXIS);
	draw_fill(c, y1, r.x, left, ROLE_AXIS);
	if (p->bar_w) {
		char d1[40], d2[40], buf[128];
		snprintf(buf, sizeof buf, " %s · %s → %s", gantt_zoom_name(p->axis.zoom),
			 ui_date(a, gantt_date_at(&p->axis, 0), d1, sizeof d1),
			 ui_date(a, gantt_date_at(&p->axis, p->bar_w - 1), d2, sizeof d2));
		draw_text_ellipsis(c, y0, r.x, left - 1, ROLE_AXIS, buf);
	} else {
		draw_text_ellipsis(c, y0, r.x, left, ROLE_MUTED, _(" (wider window: time axis)"));
	}
	if (p->group_w)
		draw_text(c, y1, r.x + p->group_x, p->group_w, ROLE_AXIS,
			  p->group == GROUP_STRATEGY ? _("strategy")
			  : p->group == GROUP_OWNER  ? _("owner")
						     : _("phase"));
	draw_text(c, y1, r.x + p->name_x, p->name_w, ROLE_AXIS, _("task"));
	if (p->owner_w)
		draw_text(c, y1, r.x + p->owner_x, p->owner_w, ROLE_AXIS, _("owner"));
	draw_text(c, y1, r.x + p->pct_x, 4, ROLE_AXIS, "   %");
	if (!p->bar_w)
		return;
	int bx = r.x + p->bar_x, bw = p->bar_w;
	/* phase bands */
	draw_fill(c, y0, bx, bw, ROLE_NORMAL);
	static const enum ui_role bands[] = {ROLE_PHASE_A, ROLE_PHASE_B, ROLE_PHASE_C};
	for (size_t i = 0; i < a->n_phases; i++) {
		int c0, c1;
		if (!gantt_span(&p->axis, a->phases[i].start, a->phases[i].end, &c0, &c1))
			continue;
		enum ui_role role = bands[i % ARRAY_LEN(bands)];
		draw_fill(c, y0, bx + c0, c1 - c0, role);
		draw_untrusted(c, y0, bx + c0, c1 - c0, role, a->phases[i].name);
	}
	/* date labels, then the today line where no label is */
	draw_fill(c, y1, bx, bw, ROLE_AXIS);
	gantt_label labels[128];
	int n = gantt_labels(&p->axis, labels, (int)ARRAY_LEN(labels));
	int tc = gantt_today_col(&p->axis, a->today);
	bool today_free = tc >= 0 && tc < bw;
	for (int i = 0; i < n; i++) {
		draw_text(c, y1, bx + labels[i].col, bw - labels[i].col, ROLE_AXIS, labels[i].text);
		int len = (int)strlen(labels[i].text);
		if (tc >= labels[i].col && tc < labels[i].col + len)
			today_free = false;
	}
	/* The today mark sits just above the today line, in the date row when
	 * no label is there, else in the phase row. */
	if (tc >= 0 && tc < bw)
		draw_glyph(c, today_free ? y1 : y0, bx + tc, ROLE_TODAY, "▼");
}

static void draw_empty(tasks_pane *p, app *a, rect r)
{
	canvas *c = &a->cv;
	const char *msg;
	enum ui_role role = ROLE_MUTED;
	if (!a->has_campaign)
		msg = _("No campaign yet. Import one: warroom import FILE");
	else if (p->error[0]) {
		msg = p->error;
		role = ROLE_ALERT;
	} else if (p->mine || p->late_only || p->open_only || p->text)
		msg = _("No task matches the filters. Esc (or x) clears them.");
	else
		msg = _("This campaign has no tasks.");
	int y = r.y + AXIS_ROWS + (r.h - AXIS_ROWS) / 3;
	if (y >= r.y + r.h)
		y = r.y + r.h - 1;
	draw_untrusted(c, y, r.x + 2, r.w - 4, role, msg);
}

static void tasks_draw(void *self, app *a, rect r, unsigned flags)
{
	tasks_pane *p = self;
	bool focused = flags & PANE_DRAW_FOCUSED;
	bool full = (flags & PANE_DRAW_FULL) || p->need_full || focused != p->drawn_focus ||
		    memcmp(&r, &p->drawn_r, sizeof r) != 0;
	if (r.w != p->width || full)
		layout_columns(p, r.w);
	vlist_set_height(&p->list, r.h - AXIS_ROWS);
	if (!p->axis_ready && a->has_campaign && p->bar_w > 0) {
		fit_axis(p, a);
		full = true;
	}
	if (!full && p->list.top == p->drawn_top && p->list.cursor == p->drawn_cursor)
		return; /* nothing changed */
	if (!full && p->list.top == p->drawn_top) {
		draw_row(p, a, r, p->drawn_cursor, focused);
		draw_row(p, a, r, p->list.cursor, focused);
	} else {
		if (r.h <= AXIS_ROWS) {
			for (int y = r.y; y < r.y + r.h; y++)
				draw_fill(&a->cv, y, r.x, r.w, ROLE_NORMAL);
		} else {
			draw_axis(p, a, r);
			for (int i = 0; i < r.h - AXIS_ROWS; i++)
				draw_row(p, a, r, p->list.top + (size_t)i, focused);
			if (p->list.count == 0)
				draw_empty(p, a, r);
		}
	}
	p->drawn_top = p->list.top;
	p->drawn_cursor = p->list.cursor;
	p->drawn_focus = focused;
	p->drawn_r = r;
	p->need_full = false;
}

static void anchor_zoom(tasks_pane *p, app *a, int dir)
{
	int z = (int)p->axis.zoom + dir;
	if (z < 0 || z >= GANTT_N_ZOOM) {
		ui_message(a, ROLE_STATUS, _("already at %s zoom"), gantt_zoom_name(p->axis.zoom));
		return;
	}
	int tc = gantt_today_col(&p->axis, a->today);
	int anchor = tc >= 0 && tc < p->axis.width ? tc : p->axis.width / 2;
	gantt_set_zoom(&p->axis, (enum gantt_zoom)z, anchor);
	ui_message(a, ROLE_STATUS, _("zoom: %s"), gantt_zoom_name(p->axis.zoom));
	p->need_full = true;
}

static void set_filter(tasks_pane *p, app *a, bool *flag, const char *on, const char *off)
{
	if (flag)
		*flag = !*flag;
	tasks_refresh(p);
	ui_message(a, ROLE_STATUS, P_("%s: %zu task", "%s: %zu tasks", p->list.count),
		   flag && *flag ? on : off, p->list.count);
}

static bool tasks_action(void *self, app *a, enum action act)
{
	tasks_pane *p = self;
	int visible = gantt_days_visible(&p->axis);
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HALF_UP:
	case ACT_HALF_DOWN:
	case ACT_TOP:
	case ACT_BOTTOM: return vlist_action(&p->list, act);
	case ACT_LEFT:
	case ACT_RIGHT:
		gantt_scroll_days(&p->axis, (act == ACT_LEFT ? -1 : 1) * gantt_step_days(p->axis.zoom));
		p->need_full = true;
		return true;
	case ACT_TIME_BACK:
	case ACT_TIME_FWD:
		gantt_scroll_days(&p->axis, (act == ACT_TIME_BACK ? -1 : 1) * (visible / 2 > 0 ? visible / 2 : 1));
		p->need_full = true;
		return true;
	case ACT_TODAY:
		gantt_center_today(&p->axis, a->today);
		p->need_full = true;
		return true;
	case ACT_ZOOM_IN: anchor_zoom(p, a, -1); return true;
	case ACT_ZOOM_OUT: anchor_zoom(p, a, 1); return true;
	case ACT_GROUP: {
		static const char *const names[] = {N_("no grouping"), N_("grouped by strategy"),
						    N_("grouped by owner"), N_("grouped by phase")};
		p->group = (enum task_group)((p->group + 1) % 4);
		tasks_refresh(p);
		ui_message(a, ROLE_STATUS, "%s", _(names[p->group]));
		return true;
	}
	case ACT_FILTER_MINE: {
		char on[96];
		char *u = text_sanitize(a->user);
		snprintf(on, sizeof on, _("only tasks owned by %s"), u);
		free(u);
		set_filter(p, a, &p->mine, on, _("all owners"));
		return true;
	}
	case ACT_FILTER_LATE: set_filter(p, a, &p->late_only, _("only late tasks"), _("late and on time")); return true;
	case ACT_FILTER_OPEN: set_filter(p, a, &p->open_only, _("only open tasks"), _("open and done")); return true;
	case ACT_BACK:
	case ACT_FILTER_CLEAR:
		if (!p->mine && !p->late_only && !p->open_only && !p->text) {
			if (act == ACT_FILTER_CLEAR)
				ui_message(a, ROLE_STATUS, _("no filters to clear"));
			return act == ACT_FILTER_CLEAR;
		}
		p->mine = p->late_only = p->open_only = false;
		free(p->text);
		p->text = NULL;
		set_filter(p, a, NULL, "", _("filters cleared"));
		return true;
	default: return tasks_edit_action(p, a, act);
	}
}

static void tasks_info(void *self, app *a, strbuf *out)
{
	tasks_pane *p = self;
	if (!a->has_campaign)
		return;
	if (p->mine || p->late_only || p->open_only || p->text)
		sb_printf(out, P_("%zu of %zu task", "%zu of %zu tasks", a->counts.total), p->list.count,
			  a->counts.total);
	else
		sb_printf(out, P_("%zu task", "%zu tasks", p->list.count), p->list.count);
	sb_printf(out, _(" · zoom %s"), gantt_zoom_name(p->axis.zoom));
	static const char *const g[] = {"", N_("strategy"), N_("owner"), N_("phase")};
	if (p->group)
		sb_printf(out, _(" · by %s"), _(g[p->group]));
	if (p->mine)
		sb_adds(out, _(" · mine"));
	if (p->late_only)
		sb_adds(out, _(" · late"));
	if (p->open_only)
		sb_adds(out, _(" · open"));
	if (p->text) {
		char *t = text_sanitize(p->text);
		sb_printf(out, " · /%s", t);
		free(t);
	}
}

static void tasks_search(void *self, app *a, const char *text, bool final)
{
	tasks_pane *p = self;
	free(p->text);
	p->text = str_empty(text) ? NULL : xstrdup(text);
	tasks_refresh(p);
	if (final)
		ui_message(a, ROLE_STATUS, P_("%zu task matches", "%zu tasks match", p->list.count), p->list.count);
}

static const char *tasks_search_text(void *self)
{
	tasks_pane *p = self;
	return p->text;
}

const pane_ops pane_tasks_ops = {
	.name = "tasks",
	.title = N_("Tasks"),
	.open = tasks_open,
	.close = tasks_close,
	.reload = tasks_reload,
	.draw = tasks_draw,
	.action = tasks_action,
	.info = tasks_info,
	.detail = tasks_detail,
	.search = tasks_search,
	.search_text = tasks_search_text,
};
