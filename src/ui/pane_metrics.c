/* The Metrics pane: the campaign's metrics grouped by layer (result,
 * process, auxiliary) with target, actual, achievement, pace, change
 * against the baseline campaign, a sparkline of the last days, weight,
 * source and last update; the level of each metric as a colour and a
 * glyph. Columns drop in a fixed order when the pane is narrow. Enter
 * opens one metric (metrics_detail.c), r the risk log (pane_risks.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics_pane.h"
#include "warroom/i18n.h"
#include "warroom/number.h"
#include "warroom/text.h"

#define HEAD_ROWS 2 /* summary and column titles */

/* Columns, left to right. `prio` is the order in which they are kept as
 * the pane narrows (0 always). */
enum col_id { C_GLYPH, C_NAME, C_TARGET, C_ACTUAL, C_ACH, C_PACE, C_CHANGE, C_TREND, C_WEIGHT,
	      C_SOURCE, C_UPDATED, N_COLS };
/* "ok", "warn", "alert" as the operator reads them. */
static const char *level_label(enum metric_level l)
{
	switch (l) {
	case LEVEL_OK: return _("ok");
	case LEVEL_WARN: return _("warn");
	case LEVEL_ALERT: return _("alert");
	default: return "";
	}
}

static const struct {
	const char *title;
	int width, prio;
	bool right;
} cols[N_COLS] = {
	[C_GLYPH] = {"", 1, 0, false},         [C_NAME] = {N_("metric"), 14, 0, false},
	[C_TARGET] = {N_("target"), 7, 4, true},   [C_ACTUAL] = {N_("actual"), 7, 1, true},
	[C_ACH] = {N_("achv"), 5, 3, true},        [C_PACE] = {N_("pace"), 5, 2, true},
	[C_CHANGE] = {N_("vs base"), 7, 5, true},  [C_TREND] = {N_("trend"), 7, 6, false},
	[C_WEIGHT] = {N_("wt"), 3, 7, true},       [C_SOURCE] = {N_("source"), 10, 9, false},
	[C_UPDATED] = {N_("updated"), 11, 8, false},
};

typedef struct layout {
	int x[N_COLS], w[N_COLS]; /* w 0: hidden */
} layout;

static void compute_layout(int width, layout *l)
{
	memset(l, 0, sizeof *l);
	bool on[N_COLS] = {0};
	int used = cols[C_GLYPH].width + 1 + cols[C_NAME].width;
	on[C_GLYPH] = on[C_NAME] = true;
	for (int prio = 1; prio <= 9; prio++)
		for (int c = 0; c < N_COLS; c++)
			if (cols[c].prio == prio && used + 1 + cols[c].width <= width) {
				on[c] = true;
				used += 1 + cols[c].width;
			}
	int spare = width - used;
	int w[N_COLS];
	for (int c = 0; c < N_COLS; c++)
		w[c] = on[c] ? cols[c].width : 0;
	/* Spare room: names first (up to 24), then a longer trend, a wider source. */
	int grow = spare < 10 ? spare : 10;
	w[C_NAME] += grow;
	spare -= grow;
	if (on[C_TREND] && spare > 0) {
		grow = spare < 7 ? spare : 7;
		w[C_TREND] += grow;
		spare -= grow;
	}
	if (on[C_SOURCE] && spare > 0) {
		grow = spare < 8 ? spare : 8;
		w[C_SOURCE] += grow;
		spare -= grow;
	}
	/* Past that, a wider name column only pushes the figures away from it. */
	if (spare > 0) {
		grow = spare < 6 ? spare : 6;
		w[C_NAME] += grow;
	}
	int x = 0;
	for (int c = 0; c < N_COLS; c++) {
		if (!w[c])
			continue;
		l->x[c] = x;
		l->w[c] = w[c];
		x += w[c] + 1;
	}
}

/* ---- data ---------------------------------------------------------------- */

enum ui_role metrics_level_role(enum metric_level l)
{
	switch (l) {
	case LEVEL_OK: return ROLE_OK;
	case LEVEL_WARN: return ROLE_WARN;
	case LEVEL_ALERT: return ROLE_ALERT;
	default: return ROLE_MUTED;
	}
}

char *metrics_num(const metrics_pane *p, const metric_def *m, double v, char *buf, size_t size)
{
	return number_format(v, m->unit, metric_prefers_cjk(p->figures->view.cur.currency, m->unit), buf, size);
}

static bool matches(const metrics_pane *p, const metric_def *m)
{
	if (!p->filter)
		return true;
	const char *f = p->filter;
	return (m->key && strcasestr(m->key, f)) || (m->name && strcasestr(m->name, f)) ||
	       (m->source && strcasestr(m->source, f));
}

static void build_lines(metrics_pane *p)
{
	free(p->lines);
	p->lines = NULL;
	p->n_lines = 0;
	const metric_data *d = &p->figures->view.cur;
	p->lines = xcalloc(d->n * 2 + 1, sizeof *p->lines);
	int last_layer = -1;
	for (size_t i = 0; i < d->n; i++) {
		if (!matches(p, &d->defs[i]))
			continue;
		if ((int)d->defs[i].layer != last_layer) {
			last_layer = (int)d->defs[i].layer;
			p->lines[p->n_lines++] = (mline){.heading = true, .layer = d->defs[i].layer};
		}
		p->lines[p->n_lines++] = (mline){.metric = i, .layer = d->defs[i].layer};
	}
}

static bool cursor_ok(const metrics_pane *p, size_t i)
{
	return i < p->n_lines && !p->lines[i].heading;
}

/* Puts the cursor on the metric `key` (or the first metric). */
static void place_cursor(metrics_pane *p, const char *key)
{
	size_t first = p->n_lines;
	for (size_t i = 0; i < p->n_lines; i++) {
		if (p->lines[i].heading)
			continue;
		if (first == p->n_lines)
			first = i;
		if (key && str_eq(p->figures->view.cur.defs[p->lines[i].metric].key, key)) {
			p->cursor = i;
			return;
		}
	}
	p->cursor = first < p->n_lines ? first : 0;
}

long metrics_current(metrics_pane *p)
{
	metrics_ensure(p);
	return cursor_ok(p, p->cursor) ? (long)p->lines[p->cursor].metric : -1;
}

static void remember_cursor(metrics_pane *p)
{
	if (!p->loaded || !cursor_ok(p, p->cursor))
		return;
	free(p->cursor_key);
	p->cursor_key = xstrdup(p->figures->view.cur.defs[p->lines[p->cursor].metric].key);
}

void metrics_ensure(metrics_pane *p)
{
	app *a = p->a;
	if (!p->stale)
		return;
	p->stale = false;
	p->need_full = true;
	remember_cursor(p);
	ui_metrics_release(p->figures);
	p->figures = NULL;
	p->loaded = false;
	p->error[0] = '\0';
	free(p->lines);
	p->lines = NULL;
	p->n_lines = 0;
	if (!a->has_campaign)
		return;
	if (!(p->figures = ui_metrics_acquire(a))) {
		snprintf(p->error, sizeof p->error, _("could not read the metrics: %s"), store_error(a->st));
		return;
	}
	p->loaded = true;
	build_lines(p);
	place_cursor(p, p->cursor_key);
	/* Metrics that entered alert (and tasks gone late) open risks; this
	 * writes only when there is something new. */
	if (!a->read_only) {
		size_t opened = 0;
		if (store_risk_scan_view(a->st, &p->figures->view, &opened) == STORE_OK && opened)
			ui_message(a, ROLE_WARN,
				   P_("%zu new risk opened: r shows the risk log",
				      "%zu new risks opened: r shows the risk log", opened),
				   opened);
	}
	if (p->mode == MM_RISKS)
		risks_load(p, a);
	if (p->mode == MM_METRIC)
		metric_detail_reload(p);
}

/* ---- drawing -------------------------------------------------------------- */

static void draw_summary(metrics_pane *p, app *a, rect r)
{
	canvas *c = &a->cv;
	draw_fill(c, r.y, r.x, r.w, ROLE_TITLE);
	if (!p->loaded)
		return;
	const metric_board *b = &p->figures->view.board;
	strbuf sb = STRBUF_INIT;
	char score[16];
	if (b->has_score)
		sb_printf(&sb, r.w >= 100 ? _(" score %s (%zu of %zu weighted)") : _(" score %s (%zu/%zu)"),
			  number_format_pct(b->score, score, sizeof score), b->n_scored, b->n_weighted);
	else
		sb_adds(&sb, _(" score —"));
	const metric_data *d = &p->figures->view.cur;
	wr_date t = a->today;
	if (t >= d->start && t <= d->end)
		sb_printf(&sb, r.w >= 100 ? _(" · day %d of %d") : _(" · day %d/%d"), t - d->start + 1,
			  d->end - d->start + 1);
	else if (t > d->end)
		sb_adds(&sb, _(" · finished"));
	else
		sb_printf(&sb, P_(" · starts in %d day", " · starts in %d days", d->start - t), d->start - t);
	if (p->figures->view.has_base) {
		char *bk = text_sanitize(p->figures->view.base.key);
		sb_printf(&sb, _(" · vs %s"), bk);
		free(bk);
	}
	int x = r.x + draw_text(c, r.y, r.x, r.w, ROLE_TITLE, sb_str(&sb));
	sb_free(&sb);
	/* the counts by level, each in its colour */
	struct {
		size_t n;
		enum metric_level l;
	} parts[] = {{b->n_alert, LEVEL_ALERT}, {b->n_warn, LEVEL_WARN}, {b->n_ok, LEVEL_OK}};
	bool names = r.w - (x - r.x) >= 32;
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		char buf[48];
		snprintf(buf, sizeof buf, "  %s %zu%s%s", metric_level_glyph(parts[i].l), parts[i].n,
			 names ? " " : "", names ? level_label(parts[i].l) : "");
		int left = r.x + r.w - x;
		if (left <= 0)
			break;
		x += draw_text(c, r.y, x, left, parts[i].n ? metrics_level_role(parts[i].l) : ROLE_TITLE, buf);
	}
}

static void draw_titles(app *a, rect r, const layout *l)
{
	canvas *c = &a->cv;
	int y = r.y + 1;
	draw_fill(c, y, r.x, r.w, ROLE_AXIS);
	for (int k = 0; k < N_COLS; k++) {
		if (!l->w[k])
			continue;
		if (cols[k].right)
			draw_text_right(c, y, r.x + l->x[k], l->w[k], ROLE_AXIS, _(cols[k].title));
		else
			draw_text(c, y, r.x + l->x[k], l->w[k], ROLE_AXIS, _(cols[k].title));
	}
}

static void cell(canvas *c, int y, int x, int w, enum ui_role role, bool right, const char *s)
{
	if (w <= 0)
		return;
	if (right)
		draw_text_right(c, y, x, w, role, s);
	else
		draw_text_ellipsis(c, y, x, w, role, s);
}

static void draw_metric_line(metrics_pane *p, app *a, rect r, const layout *l, int y, size_t i,
			     bool sel)
{
	canvas *c = &a->cv;
	const metric_data *d = &p->figures->view.cur;
	const metric_def *m = &d->defs[i];
	const metric_figures *f = &p->figures->view.board.rows[i];
	metric_cells mc;
	metric_cells_format(m, f, metric_prefers_cjk(d->currency, m->unit), &mc);
	enum ui_role base = sel ? ROLE_SELECTION : ROLE_NORMAL;
	enum ui_role lvl = metrics_level_role(f->level);
	draw_fill(c, y, r.x, r.w, base);
	/* The glyph keeps its colour on the selected row: the level must show. */
	draw_glyph(c, y, r.x + l->x[C_GLYPH], f->level ? lvl : base, mc.glyph);
	draw_untrusted(c, y, r.x + l->x[C_NAME], l->w[C_NAME], base, m->name ? m->name : m->key);
	enum ui_role fig = sel ? base : f->level ? lvl : ROLE_NORMAL;
	enum ui_role muted = sel ? base : ROLE_MUTED;
	cell(c, y, r.x + l->x[C_TARGET], l->w[C_TARGET], m->has_target ? base : muted, true, mc.target);
	cell(c, y, r.x + l->x[C_ACTUAL], l->w[C_ACTUAL], f->has_actual ? base : muted, true, mc.actual);
	cell(c, y, r.x + l->x[C_ACH], l->w[C_ACH], f->has_achievement ? fig : muted, true, mc.achievement);
	cell(c, y, r.x + l->x[C_PACE], l->w[C_PACE], f->has_pace ? fig : muted, true, mc.pace);
	enum ui_role ch = !f->has_change ? muted : sel ? base : ROLE_NORMAL;
	cell(c, y, r.x + l->x[C_CHANGE], l->w[C_CHANGE], ch, true, mc.change);
	if (l->w[C_TREND]) {
		metric_set set = metric_view_set(&p->figures->view);
		wr_date from, to;
		char spark[METRIC_SPARK_MAX * 3 + 1] = "";
		if (metric_spark_range(&set.clock, (size_t)l->w[C_TREND], &from, &to)) {
			double v[METRIC_SPARK_MAX];
			bool h[METRIC_SPARK_MAX];
			size_t n = metric_daily_values(&set, i, from, to, v, h, METRIC_SPARK_MAX);
			metric_sparkline(v, h, n, spark, sizeof spark);
		}
		cell(c, y, r.x + l->x[C_TREND], l->w[C_TREND], sel ? base : ROLE_BAR_DONE, false, spark);
	}
	cell(c, y, r.x + l->x[C_WEIGHT], l->w[C_WEIGHT], muted, true, mc.weight);
	if (l->w[C_SOURCE])
		draw_untrusted(c, y, r.x + l->x[C_SOURCE], l->w[C_SOURCE], muted,
			       str_empty(m->formula) ? m->source : _("formula"));
	const char *at = d->series[i].last_at;
	if (l->w[C_UPDATED] && strlen(at) >= 10) {
		char upd[16];
		snprintf(upd, sizeof upd, "%.11s", at + 5); /* MM-DD[ HH:MM] */
		cell(c, y, r.x + l->x[C_UPDATED], l->w[C_UPDATED], muted, false, upd);
	}
}

static void draw_table(metrics_pane *p, app *a, rect r, bool focused)
{
	canvas *c = &a->cv;
	layout l;
	compute_layout(r.w, &l);
	draw_summary(p, a, r);
	if (r.h > 1)
		draw_titles(a, r, &l);
	int rows = r.h - HEAD_ROWS;
	if (rows <= 0)
		return;
	if (p->cursor < p->top)
		p->top = p->cursor;
	if (p->cursor >= p->top + (size_t)rows)
		p->top = p->cursor - (size_t)rows + 1;
	/* keep the heading above the first metric in view */
	if (p->top == 1 && p->cursor < (size_t)rows)
		p->top = 0;
	static const char *const layer_titles[] = {N_("Result metrics"), N_("Process metrics"),
						   N_("Auxiliary metrics")};
	for (int k = 0; k < rows; k++) {
		int y = r.y + HEAD_ROWS + k;
		size_t i = p->top + (size_t)k;
		if (i >= p->n_lines) {
			draw_fill(c, y, r.x, r.w, ROLE_NORMAL);
			continue;
		}
		const mline *ln = &p->lines[i];
		if (ln->heading) {
			draw_fill(c, y, r.x, r.w, ROLE_GROUP);
			draw_text(c, y, r.x, r.w, ROLE_GROUP,
				  _(layer_titles[(unsigned)ln->layer < 3 ? ln->layer : 0]));
			continue;
		}
		draw_metric_line(p, a, r, &l, y, ln->metric, focused && i == p->cursor);
	}
	const char *msg = NULL;
	enum ui_role role = ROLE_MUTED;
	if (!a->has_campaign)
		msg = _("No campaign yet. Import one: warroom import FILE");
	else if (p->error[0]) {
		msg = p->error;
		role = ROLE_ALERT;
	} else if (p->loaded && p->figures->view.cur.n == 0)
		msg = _("This campaign defines no metrics.");
	else if (p->n_lines == 0)
		msg = _("No metric matches the search. Esc clears it.");
	if (msg)
		draw_untrusted(c, r.y + HEAD_ROWS + rows / 3, r.x + 2, r.w - 4, role, msg);
}

/* ---- pane ops --------------------------------------------------------------- */

static void *metrics_open(app *a)
{
	metrics_pane *p = xcalloc(1, sizeof *p);
	p->a = a;
	p->stale = true;
	p->need_full = true;
	return p;
}

static void metrics_close(void *self)
{
	metrics_pane *p = self;
	ui_metrics_release(p->figures);
	metric_detail_close(p);
	risks_free(p);
	free(p->lines);
	free(p->cursor_key);
	free(p->filter);
	free(p);
}

static void metrics_reload(void *self, app *a, enum pane_reload why)
{
	metrics_pane *p = self;
	WR_UNUSED(a);
	if (why == PANE_RELOAD_CAMPAIGN) {
		free(p->cursor_key);
		p->cursor_key = NULL;
		p->cursor = p->top = 0;
		if (p->mode == MM_METRIC)
			metric_detail_close(p);
		p->mode = MM_TABLE;
	}
	p->stale = true;
	p->need_full = true;
}

static void metrics_draw(void *self, app *a, rect r, unsigned flags)
{
	metrics_pane *p = self;
	bool focused = flags & PANE_DRAW_FOCUSED;
	metrics_ensure(p);
	bool full = (flags & PANE_DRAW_FULL) || p->need_full || focused != p->drawn_focus ||
		    memcmp(&r, &p->drawn_r, sizeof r) != 0;
	if (p->mode == MM_RISKS && !full) {
		/* the countdowns move with the clock, once a minute */
		char now[24];
		clock_now_string(now);
		full = strncmp(now, p->drawn_minute, 16) != 0;
	}
	if (!full)
		return; /* an idle war room sends nothing */
	if (p->mode == MM_METRIC)
		metric_detail_draw(p, a, r, focused);
	else if (p->mode == MM_RISKS)
		risks_draw(p, a, r, focused);
	else
		draw_table(p, a, r, focused);
	p->need_full = false;
	p->drawn_focus = focused;
	p->drawn_r = r;
}

static void move_cursor(metrics_pane *p, long delta, int page)
{
	if (!p->n_lines)
		return;
	long i = (long)p->cursor;
	long step = delta * (page > 0 ? page : 1);
	long target = i + step;
	if (target < 0)
		target = 0;
	if (target >= (long)p->n_lines)
		target = (long)p->n_lines - 1;
	/* land on a metric, moving on in the same direction past headings */
	long dir = step < 0 ? -1 : 1;
	while (target >= 0 && target < (long)p->n_lines && p->lines[target].heading)
		target += dir;
	if (target < 0 || target >= (long)p->n_lines) {
		target = i;
		if (dir < 0 && p->top > 0)
			p->top = 0; /* show the heading at the very top */
	}
	p->cursor = (size_t)target;
	p->need_full = true;
}

static bool metrics_action(void *self, app *a, enum action act)
{
	metrics_pane *p = self;
	metrics_ensure(p);
	if (p->mode == MM_METRIC && metric_detail_action(p, a, act))
		return true;
	if (p->mode == MM_RISKS && risks_action(p, a, act))
		return true;
	if (p->mode != MM_TABLE)
		return false;
	int page = p->drawn_r.h - HEAD_ROWS > 1 ? p->drawn_r.h - HEAD_ROWS - 1 : 1;
	switch (act) {
	case ACT_UP: move_cursor(p, -1, 1); return true;
	case ACT_DOWN: move_cursor(p, 1, 1); return true;
	case ACT_PAGE_UP: move_cursor(p, -1, page); return true;
	case ACT_PAGE_DOWN: move_cursor(p, 1, page); return true;
	case ACT_HALF_UP: move_cursor(p, -1, page / 2); return true;
	case ACT_HALF_DOWN: move_cursor(p, 1, page / 2); return true;
	case ACT_TOP: p->top = 0; move_cursor(p, -(long)p->n_lines, 1); return true;
	case ACT_BOTTOM: move_cursor(p, (long)p->n_lines, 1); return true;
	case ACT_ENTER: {
		long i = metrics_current(p);
		if (i < 0)
			return false;
		remember_cursor(p);
		metric_detail_open(p, a, (size_t)i);
		return true;
	}
	case ACT_VALUE_ADD: {
		/* Recording from the table: open the metric, then its prompt. */
		long i = metrics_current(p);
		if (i < 0)
			return true;
		remember_cursor(p);
		metric_detail_open(p, a, (size_t)i);
		return metric_detail_action(p, a, act);
	}
	case ACT_RISKS:
		p->risks_from = p->mode;
		p->mode = MM_RISKS;
		risks_load(p, a);
		p->need_full = true;
		return true;
	case ACT_BACK:
		if (!p->filter)
			return false;
		free(p->filter);
		p->filter = NULL;
		remember_cursor(p);
		build_lines(p);
		place_cursor(p, p->cursor_key);
		p->need_full = true;
		ui_message(a, ROLE_STATUS, _("search cleared"));
		return true;
	case ACT_VALUE_EDIT:
	case ACT_VALUE_DELETE:
		ui_message(a, ROLE_STATUS, _("Enter opens the metric; its values can be edited there"));
		return true;
	default: return false;
	}
}

static void metrics_info(void *self, app *a, strbuf *out)
{
	metrics_pane *p = self;
	if (!a->has_campaign || !p->loaded)
		return;
	if (p->mode == MM_RISKS) {
		sb_printf(out, _("risk log · %zu open"), p->n_open);
		if (p->n_overdue)
			sb_printf(out, _(" · %zu overdue"), p->n_overdue);
		return;
	}
	const metric_board *b = &p->figures->view.board;
	sb_printf(out, "%zu", p->figures->view.cur.n);
	if (b->n_alert)
		sb_printf(out, " · ✖%zu", b->n_alert);
	if (b->n_warn)
		sb_printf(out, " · !%zu", b->n_warn);
	if (p->mode == MM_METRIC && p->m_key) {
		char *k = text_sanitize(p->m_key);
		sb_printf(out, " · %s", k);
		free(k);
	}
	if (p->filter) {
		char *t = text_sanitize(p->filter);
		sb_printf(out, " · /%s", t);
		free(t);
	}
}

static void metrics_search(void *self, app *a, const char *text, bool final)
{
	metrics_pane *p = self;
	metrics_ensure(p);
	if (p->mode != MM_TABLE)
		return;
	remember_cursor(p);
	free(p->filter);
	p->filter = str_empty(text) ? NULL : xstrdup(text);
	build_lines(p);
	place_cursor(p, p->cursor_key);
	p->top = 0;
	p->need_full = true;
	if (final) {
		size_t n = 0;
		for (size_t i = 0; i < p->n_lines; i++)
			n += !p->lines[i].heading;
		ui_message(a, ROLE_STATUS, P_("%zu metric matches", "%zu metrics match", n), n);
	}
}

static const char *metrics_search_text(void *self)
{
	metrics_pane *p = self;
	return p->filter;
}

const pane_ops pane_metrics_ops = {
	.name = "metrics",
	.title = N_("Metrics"),
	.open = metrics_open,
	.close = metrics_close,
	.reload = metrics_reload,
	.draw = metrics_draw,
	.action = metrics_action,
	.info = metrics_info,
	.search = metrics_search,
	.search_text = metrics_search_text,
};
