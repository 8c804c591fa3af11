/* One metric in the Metrics pane: its definition, formula and inputs, the
 * figures, a chart of daily values against the target line, and every
 * recorded value, which can be added, corrected and deleted (each change
 * one audited store call, with an undo step). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics_pane.h"
#include "warroom/formula.h"
#include "warroom/i18n.h"
#include "warroom/number.h"
#include "warroom/text.h"

#define TOP_ROWS 4
#define CHART_MAX_ROWS 10

static long fetch_values(void *ctx, size_t off, size_t limit, void *out)
{
	metrics_pane *p = ctx;
	size_t n = 0;
	if (store_metric_value_window(p->a->st, p->m_id, off, limit, out, &n) != STORE_OK) {
		snprintf(p->error, sizeof p->error, _("could not read the values: %s"), store_error(p->a->st));
		return -1;
	}
	return (long)n;
}

static void free_value(void *row)
{
	metric_value_row_free(row);
}

static long detail_index(metrics_pane *p)
{
	return p->loaded && p->m_key ? metric_view_find(&p->figures->view, p->m_key) : -1;
}

static void count_values(metrics_pane *p)
{
	size_t n = 0;
	vlist_invalidate(&p->values);
	if (p->m_id > 0 && store_metric_value_count(p->a->st, p->m_id, &n) != STORE_OK)
		n = 0;
	vlist_set_count(&p->values, n);
}

void metric_detail_open(metrics_pane *p, app *a, size_t index)
{
	WR_UNUSED(a);
	if (!p->values_ready) {
		vlist_source src = {.ctx = p, .row_size = sizeof(metric_value_row),
				    .fetch = fetch_values, .free_row = free_value};
		vlist_init(&p->values, &src);
		p->values_ready = true;
	}
	free(p->m_key);
	p->m_key = xstrdup(p->figures->view.cur.defs[index].key);
	p->m_id = p->figures->view.cur.ids[index];
	p->mode = MM_METRIC;
	count_values(p);
	/* the latest values are the ones wanted most */
	if (p->values.count)
		vlist_goto(&p->values, p->values.count - 1);
	p->need_full = true;
}

void metric_detail_reload(metrics_pane *p)
{
	long i = detail_index(p);
	if (i < 0) {
		p->mode = MM_TABLE; /* the metric went away (re-import) */
		return;
	}
	p->m_id = p->figures->view.cur.ids[i];
	size_t cursor = p->values.cursor;
	count_values(p);
	if (p->values.count)
		vlist_goto(&p->values, cursor < p->values.count ? cursor : p->values.count - 1);
}

void metric_detail_close(metrics_pane *p)
{
	if (p->values_ready)
		vlist_free(&p->values);
	p->values_ready = false;
	free(p->m_key);
	p->m_key = NULL;
	p->m_id = 0;
}

/* ---- drawing ----------------------------------------------------------------- */

static void line_text(app *a, int y, int x, int w, enum ui_role role, const char *s)
{
	draw_fill(&a->cv, y, x, w, role);
	draw_untrusted(&a->cv, y, x, w, role, s);
}

/* A metric's update frequency (free text) in the user's language when it
 * is one of the usual words. */
static const char *frequency_label(const char *f)
{
	/* TRANSLATORS: how often a metric is updated, as written in a campaign's
	 * definition (frequency: daily). */
	static const char *const known[] = {NC_("frequency", "hourly"), NC_("frequency", "daily"),
					    NC_("frequency", "weekly"), NC_("frequency", "monthly")};
	for (size_t k = 0; k < ARRAY_LEN(known); k++)
		if (str_eq(f, known[k]))
			return i18n_context("frequency", known[k]);
	return f;
}

static void draw_header(metrics_pane *p, app *a, rect r, size_t i)
{
	const metric_def *m = &p->figures->view.cur.defs[i];
	const metric_figures *f = &p->figures->view.board.rows[i];
	char buf[64];
	strbuf sb = STRBUF_INIT;
	bool from_feedback = str_empty(m->formula) && m->source && str_starts(m->source, "feedback.");
	sb_printf(&sb, "%s  (%s · %s · %s · %s)", m->name ? m->name : m->key, m->key,
		  metric_layer_label(m->layer),
		  !str_empty(m->formula) ? _("formula")
		  : from_feedback       ? _("from feedback")
					: metric_aggregate_label(m->aggregate),
		  m->direction == DIR_DOWN ? _("lower is better") : _("higher is better"));
	line_text(a, r.y, r.x, r.w, ROLE_TITLE, sb_str(&sb));
	sb_reset(&sb);

	/* figures, with the level in its colour at the start */
	canvas *c = &a->cv;
	int y = r.y + 1;
	draw_fill(c, y, r.x, r.w, ROLE_NORMAL);
	metric_cells mc;
	metric_cells_format(m, f, metric_prefers_cjk(p->figures->view.cur.currency, m->unit), &mc);
	int x = r.x;
	if (f->level) {
		snprintf(buf, sizeof buf, "%s %s ", mc.glyph, _(mc.level));
		x += draw_text(c, y, x, r.w, metrics_level_role(f->level), buf);
	}
	sb_printf(&sb, _("target %s · actual %s · achievement %s"), mc.target, mc.actual, mc.achievement);
	if (f->has_pace) {
		sb_printf(&sb, _(" · pace %s"), mc.pace);
		if (f->has_target_to_date)
			sb_printf(&sb, _(" (due so far %s)"), metrics_num(p, m, f->target_to_date, buf, sizeof buf));
	}
	if (f->has_change)
		sb_printf(&sb, _(" · %s vs baseline (%s)"), mc.change,
			  metrics_num(p, m, f->baseline, buf, sizeof buf));
	draw_text_ellipsis(c, y, x, r.x + r.w - x, ROLE_NORMAL, sb_str(&sb));
	sb_reset(&sb);

	char w1[16], w2[16];
	metric_format_signed_pct(m->has_warn ? m->warn : METRIC_DEFAULT_WARN, w1, sizeof w1);
	metric_format_signed_pct(m->has_alert ? m->alert : METRIC_DEFAULT_ALERT, w2, sizeof w2);
	sb_printf(&sb, _("warn at %s · alert at %s of the %s"), w1, w2,
		  f->cumulative ? _("target due so far") : _("target"));
	if (m->weight > 0)
		sb_printf(&sb, _(" · weight %s"), mc.weight);
	if (!str_empty(m->source))
		sb_printf(&sb, _(" · source %s"), m->source);
	if (!str_empty(m->frequency))
		sb_printf(&sb, " · %s", frequency_label(m->frequency));
	line_text(a, r.y + 2, r.x, r.w, ROLE_MUTED, sb_str(&sb));
	sb_reset(&sb);

	if (!str_empty(m->formula)) {
		sb_printf(&sb, "= %s", m->formula);
		formula *fo = formula_parse(m->formula, NULL, 0, NULL);
		for (size_t k = 0; fo && k < formula_n_idents(fo); k++) {
			long j = metric_view_find(&p->figures->view, formula_ident(fo, k));
			const metric_figures *in = j >= 0 ? &p->figures->view.board.rows[j] : NULL;
			sb_printf(&sb, "%s %s %s", k ? "," : " ·", formula_ident(fo, k),
				  in && in->has_actual
					  ? metrics_num(p, &p->figures->view.cur.defs[j], in->actual, buf, sizeof buf)
					  : "—");
		}
		formula_free(fo);
		if (!str_empty(m->definition))
			sb_printf(&sb, " · %s", m->definition);
	} else if (!str_empty(m->definition)) {
		sb_adds(&sb, m->definition);
	}
	line_text(a, r.y + 3, r.x, r.w, ROLE_NORMAL, sb_str(&sb));
	sb_free(&sb);
}

/* Daily values as bars (eighth blocks) against the target line. */
static void draw_chart(metrics_pane *p, app *a, rect r, int y0, int rows, size_t i)
{
	canvas *c = &a->cv;
	for (int k = 0; k <= rows; k++)
		draw_fill(c, y0 + k, r.x, r.w, ROLE_NORMAL);
	metric_set set = metric_view_set(&p->figures->view);
	const metric_def *m = &p->figures->view.cur.defs[i];
	const metric_clock *ck = &set.clock;
	if (ck->today < ck->start) {
		draw_text(c, y0 + rows / 2, r.x + 2, r.w - 2, ROLE_MUTED, _("the campaign has not started"));
		return;
	}
	bool cumulative = p->figures->view.board.rows[i].cumulative;
	/* The whole campaign: days to come show the target line alone. */
	wr_date to = ck->end, from = ck->start;
	int lw = 9; /* left labels */
	int avail = r.w - lw;
	if (avail < 4)
		return;
	int ndays = to - from + 1;
	if (ndays > avail) {
		/* too long to show whole: the days up to today */
		to = ck->today < ck->end ? ck->today : ck->end;
		from = to - avail + 1;
		ndays = avail;
	}
	int cw = avail / ndays > 3 ? 3 : avail / ndays;
	double *vals = xcalloc((size_t)ndays, sizeof *vals), *tg = xcalloc((size_t)ndays, sizeof *tg);
	bool *has = xcalloc((size_t)ndays, sizeof *has), *has_t = xcalloc((size_t)ndays, sizeof *has_t);
	metric_daily_values(&set, i, from, to, vals, has, (size_t)ndays);
	double ymax = 0;
	for (int d = 0; d < ndays; d++) {
		has_t[d] = metric_daily_target(m, cumulative, ck, from + d, &tg[d]);
		if (has[d] && vals[d] > ymax)
			ymax = vals[d];
		if (has_t[d] && tg[d] > ymax)
			ymax = tg[d];
	}
	if (!(ymax > 0))
		ymax = 1;
	ymax *= 1.1; /* headroom, so a bar at the target does not hide its line */
	char buf[32];
	draw_text_right(c, y0, r.x, lw - 1, ROLE_AXIS, metrics_num(p, m, ymax, buf, sizeof buf));
	draw_text_right(c, y0 + rows - 1, r.x, lw - 1, ROLE_AXIS, "0");
	static const char *const eighths[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	int total = rows * 8;
	int target_row = -1;
	for (int d = 0; d < ndays; d++) {
		int x = r.x + lw + d * cw;
		if (from + d > ck->today)
			has[d] = false;
		int be = has[d] && vals[d] > 0 ? (int)lround(vals[d] / ymax * total) : 0;
		int te = has_t[d] ? (int)lround(tg[d] / ymax * total) : -1;
		int trow = te >= 0 ? (te >= total ? rows - 1 : te / 8) : -1; /* from the bottom */
		bool met = !has_t[d] || (m->direction == DIR_DOWN ? vals[d] <= tg[d] : vals[d] >= tg[d]);
		enum ui_role bar = met ? ROLE_BAR_DONE : ROLE_BAR_LATE;
		for (int kb = 0; kb < rows; kb++) {
			int fill = be - kb * 8;
			fill = fill < 0 ? 0 : fill > 8 ? 8 : fill;
			int y = y0 + rows - 1 - kb;
			for (int k = 0; k < cw - (cw > 1); k++) {
				if (fill)
					draw_glyph(c, y, x + k, bar, eighths[fill]);
				else if (kb == trow)
					draw_glyph(c, y, x + k, ROLE_WARN, "─");
			}
			if (cw > 1 && kb == trow)
				draw_glyph(c, y, x + cw - 1, ROLE_WARN, "─");
		}
		if (has_t[d] && (target_row < 0 || from + d <= ck->today))
			target_row = trow;
	}
	if (target_row >= 0 && target_row < rows) {
		int last = 0;
		for (int d = 0; d < ndays; d++)
			if (has_t[d] && from + d <= ck->today)
				last = d;
		draw_text_right(c, y0 + rows - 1 - target_row, r.x, lw - 1, ROLE_WARN,
				metrics_num(p, m, tg[last], buf, sizeof buf));
	}
	/* dates under the bars */
	int y = y0 + rows;
	draw_fill(c, y, r.x, r.w, ROLE_AXIS);
	draw_text(c, y, r.x, lw, ROLE_AXIS, cumulative ? _(" per day") : _(" daily"));
	int next_free = 0;
	for (int d = 0; d < ndays; d++) {
		int x = lw + d * cw;
		if (x < next_free)
			continue;
		char day[16];
		date_format(from + d, day);
		if (x + 5 > r.w)
			break;
		draw_text(c, y, r.x + x, 5, ROLE_AXIS, day + 5);
		next_free = x + 7;
	}
	free(vals);
	free(tg);
	free(has);
	free(has_t);
}

static void draw_inputs(metrics_pane *p, app *a, rect r, int y0, int rows, size_t i)
{
	const metric_def *m = &p->figures->view.cur.defs[i];
	canvas *c = &a->cv;
	for (int k = 0; k < rows; k++)
		draw_fill(c, y0 + k, r.x, r.w, ROLE_NORMAL);
	if (rows <= 0)
		return;
	if (str_empty(m->formula)) {
		char *s = xasprintf(_("computed from customer feedback (%s); nothing to record here"),
				    m->source ? m->source : "?");
		draw_untrusted(c, y0, r.x + 1, r.w - 1, ROLE_MUTED, s);
		free(s);
		return;
	}
	draw_text(c, y0, r.x, r.w, ROLE_GROUP, _("Computed by its formula from (record values on these):"));
	formula *fo = formula_parse(m->formula, NULL, 0, NULL);
	for (size_t k = 0; fo && k < formula_n_idents(fo) && (int)k + 1 < rows; k++) {
		long j = metric_view_find(&p->figures->view, formula_ident(fo, k));
		char buf[40] = "—";
		const char *name = _("(no such metric)");
		if (j >= 0) {
			name = p->figures->view.cur.defs[j].name;
			if (p->figures->view.board.rows[j].has_actual)
				metrics_num(p, &p->figures->view.cur.defs[j], p->figures->view.board.rows[j].actual, buf, sizeof buf);
		}
		/* padded by display width: a Chinese name is two columns a character */
		const char *id = formula_ident(fo, k);
		if (!name)
			name = "";
		int pad_id = 14 - text_width(id), pad_name = 16 - text_width(name);
		char *s = xasprintf("  %s%*s %s%*s %s", id, pad_id > 0 ? pad_id : 0, "", name,
				    pad_name > 0 ? pad_name : 0, "", buf);
		draw_untrusted(c, y0 + 1 + (int)k, r.x, r.w, ROLE_NORMAL, s);
		free(s);
	}
	formula_free(fo);
}

static void draw_values(metrics_pane *p, app *a, rect r, int y0, int rows, size_t i, bool focused)
{
	canvas *c = &a->cv;
	const metric_def *m = &p->figures->view.cur.defs[i];
	char head[160];
	snprintf(head, sizeof head, _("Values · %zu · a add · e edit · D delete · Enter history · Esc back"),
		 p->values.count);
	draw_fill(c, y0, r.x, r.w, ROLE_AXIS);
	draw_text_ellipsis(c, y0, r.x, r.w, ROLE_AXIS, head);
	int h = rows - 1;
	if (h <= 0)
		return;
	vlist_set_height(&p->values, h);
	bool wide = r.w >= 90;
	for (int k = 0; k < h; k++) {
		int y = y0 + 1 + k;
		size_t idx = p->values.top + (size_t)k;
		const metric_value_row *v = idx < p->values.count ? vlist_row(&p->values, idx) : NULL;
		bool sel = focused && idx == p->values.cursor;
		enum ui_role base = sel ? ROLE_SELECTION : ROLE_NORMAL;
		draw_fill(c, y, r.x, r.w, v ? base : ROLE_NORMAL);
		if (!v)
			continue;
		char id[24], num[40];
		snprintf(id, sizeof id, "#%lld", (long long)v->id);
		metrics_num(p, m, v->value, num, sizeof num);
		int x = r.x;
		draw_text(c, y, x, 7, sel ? base : ROLE_MUTED, id);
		x += 8;
		draw_untrusted(c, y, x, 19, base, v->at);
		x += 20;
		draw_text_right(c, y, x, 9, base, num);
		x += 11;
		int rest = r.x + r.w - x;
		if (rest <= 0)
			continue;
		bool same = str_eq(v->source, v->origin);
		char *who = xasprintf("%s%s%s · %s%s%s", v->source && !same ? v->source : "",
				      v->source && !same ? " · " : "", v->origin ? metric_origin_label(v->origin) : "",
				      v->recorded_by ? v->recorded_by : "",
				      wide && v->recorded_at ? " " : "", wide && v->recorded_at ? v->recorded_at : "");
		draw_untrusted(c, y, x, rest, sel ? base : ROLE_MUTED, who);
		free(who);
	}
	if (p->values.count == 0)
		draw_text(c, y0 + 1, r.x + 2, r.w - 2, ROLE_MUTED, _("no values yet: a records one"));
}

void metric_detail_draw(metrics_pane *p, app *a, rect r, bool focused)
{
	long i = detail_index(p);
	if (i < 0) {
		for (int y = r.y; y < r.y + r.h; y++)
			draw_fill(&a->cv, y, r.x, r.w, ROLE_NORMAL);
		return;
	}
	if (r.h < TOP_ROWS + 2) {
		for (int y = r.y; y < r.y + r.h; y++)
			draw_fill(&a->cv, y, r.x, r.w, ROLE_NORMAL);
		draw_header(p, a, (rect){r.y, r.x, r.h, r.w}, (size_t)i);
		return;
	}
	draw_header(p, a, r, (size_t)i);
	int left = r.h - TOP_ROWS;
	int chart = left >= 12 ? (left - 4) / 2 : 0;
	if (chart > CHART_MAX_ROWS)
		chart = CHART_MAX_ROWS;
	int y = r.y + TOP_ROWS;
	const metric_def *md = &p->figures->view.cur.defs[i];
	if (str_empty(md->formula) && md->source && str_starts(md->source, "feedback."))
		chart = 0; /* a statistic over all feedback so far: no daily series */
	if (chart >= 3) {
		draw_chart(p, a, r, y, chart, (size_t)i);
		y += chart + 1;
	}
	const metric_def *m = &p->figures->view.cur.defs[i];
	bool recordable = str_empty(m->formula) && !(m->source && str_starts(m->source, "feedback."));
	if (recordable)
		draw_values(p, a, r, y, r.y + r.h - y, (size_t)i, focused);
	else
		draw_inputs(p, a, r, y, r.y + r.h - y, (size_t)i);
}

/* ---- editing ------------------------------------------------------------------- */

enum undo_kind { U_RECORD, U_EDIT, U_DELETE };

typedef struct value_undo {
	enum undo_kind kind;
	int64_t id, version, metric_id;
	char at[20];
	double value;
	char *source, *key;
} value_undo;

static void undo_free_data(void *data)
{
	value_undo *u = data;
	free(u->source);
	free(u->key);
	free(u);
}

static bool undo_revert(app *a, void *data)
{
	value_undo *u = data;
	enum store_rc rc;
	if (u->kind == U_RECORD) {
		rc = store_metric_value_delete(a->st, u->id, u->version);
	} else if (u->kind == U_EDIT) {
		rc = store_metric_value_set(a->st, u->id, u->version, u->at, &u->value);
	} else {
		metric_value_new v = {.metric_id = u->metric_id, .value = u->value, .source = u->source};
		str_copy(v.at, sizeof v.at, u->at);
		int64_t id;
		rc = store_metric_record(a->st, &v, &id);
	}
	if (rc == STORE_OK) {
		static const char *const what[] = {N_("recording"), N_("edit"), N_("deletion")};
		ui_message(a, ROLE_STATUS, _("undone: %s of a %s value"), _(what[u->kind]), u->key);
		ui_data_changed(a);
		return true;
	}
	ui_message(a, ROLE_STATUS_ERROR, _("cannot undo: %s"), store_error(a->st));
	if (rc == STORE_CONFLICT)
		ui_data_changed(a);
	return false;
}

static void push_undo(app *a, enum undo_kind kind, const metric_value_row *v, int64_t new_version,
		      const char *key)
{
	value_undo *u = xcalloc(1, sizeof *u);
	u->kind = kind;
	u->id = v->id;
	u->version = new_version;
	u->metric_id = v->metric_id;
	str_copy(u->at, sizeof u->at, v->at);
	u->value = v->value;
	u->source = v->source ? xstrdup(v->source) : NULL;
	u->key = xstrdup(key);
	char label[96];
	snprintf(label, sizeof label, _("value of %s"), key);
	ui_undo_push(a, label, undo_revert, undo_free_data, u);
}

static const metric_def *detail_def(metrics_pane *p)
{
	long i = detail_index(p);
	return i >= 0 ? &p->figures->view.cur.defs[i] : NULL;
}

static void fail_message(app *a, enum store_rc rc)
{
	ui_message(a, ROLE_STATUS_ERROR, "%s%s", rc == STORE_READONLY ? _("read-only: ") : "",
		   store_error(a->st));
	if (rc == STORE_CONFLICT)
		ui_data_changed(a); /* show what the other operator wrote */
}

/* "35万" or "35万 2024-06-05 18:00" */
static void add_accept(app *a, void *ctx, const char *text)
{
	metrics_pane *p = ctx;
	const metric_def *m = detail_def(p);
	if (!m)
		return;
	char *t = xstrdup(text ? text : "");
	char *sp = strchr(t, ' ');
	metric_value_new v = {.metric_id = p->m_id};
	wr_date day = a->today;
	if (sp) {
		*sp = '\0';
		const char *when = sp + 1;
		while (*when == ' ')
			when++;
		if (!metric_parse_at(when, v.at, &day)) {
			ui_message(a, ROLE_STATUS_ERROR, _("'%s' is not a date (YYYY-MM-DD) or a date and time"), when);
			free(t);
			return;
		}
	} else {
		clock_now_string(v.at);
	}
	char why[160];
	if (!metric_parse_value(m->unit, t, &v.value, why, sizeof why)) {
		ui_message(a, ROLE_STATUS_ERROR, "%s", why);
	} else if (day > a->today) {
		ui_message(a, ROLE_STATUS_ERROR, _("%s is after today; values are what happened"), v.at);
	} else {
		int64_t id = 0;
		enum store_rc rc = store_metric_record(a->st, &v, &id);
		if (rc == STORE_OK) {
			metric_value_row row = {.id = id, .metric_id = v.metric_id, .at = v.at, .value = v.value};
			push_undo(a, U_RECORD, &row, 1, m->key);
			char num[40];
			ui_message(a, ROLE_STATUS, _("recorded %s = %s at %s (u undoes)"), m->key,
				   metrics_num(p, m, v.value, num, sizeof num), v.at);
			ui_data_changed(a);
			p->values.cursor = (size_t)-1; /* go to the end */
		} else {
			fail_message(a, rc);
		}
	}
	free(t);
}

static const metric_value_row *current_value(metrics_pane *p)
{
	return p->values.count ? vlist_row(&p->values, p->values.cursor) : NULL;
}

static void edit_accept(app *a, void *ctx, const char *text)
{
	metrics_pane *p = ctx;
	const metric_def *m = detail_def(p);
	if (!m)
		return;
	metric_value_row before;
	if (store_metric_value_get(a->st, p->edit_id, &before) != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		ui_data_changed(a);
		return;
	}
	enum store_rc rc;
	char at[20];
	double num = 0;
	char why[160];
	if (p->edit_field == 0) {
		if (!metric_parse_value(m->unit, text, &num, why, sizeof why)) {
			ui_message(a, ROLE_STATUS_ERROR, "%s", why);
			metric_value_row_free(&before);
			return;
		}
		rc = store_metric_value_set(a->st, p->edit_id, p->edit_version, NULL, &num);
	} else {
		wr_date day;
		if (!metric_parse_at(text, at, &day) || day > a->today) {
			ui_message(a, ROLE_STATUS_ERROR, _("'%s' is not a date (and time) up to today"), text ? text : "");
			metric_value_row_free(&before);
			return;
		}
		rc = store_metric_value_set(a->st, p->edit_id, p->edit_version, at, NULL);
	}
	if (rc == STORE_OK) {
		metric_value_row after;
		if (store_metric_value_get(a->st, p->edit_id, &after) == STORE_OK) {
			if (after.version != before.version) {
				push_undo(a, U_EDIT, &before, after.version, m->key);
				ui_message(a, ROLE_STATUS, _("saved value #%lld of %s (u undoes)"),
					   (long long)p->edit_id, m->key);
			} else {
				ui_message(a, ROLE_STATUS, _("value #%lld is unchanged"), (long long)p->edit_id);
			}
			metric_value_row_free(&after);
		}
		ui_data_changed(a);
	} else {
		fail_message(a, rc);
	}
	metric_value_row_free(&before);
}

static void edit_chosen(app *a, void *ctx, int id)
{
	metrics_pane *p = ctx;
	const metric_value_row *v = current_value(p);
	const metric_def *m = detail_def(p);
	if (!v || !m || v->id != p->edit_id)
		return;
	p->edit_field = id;
	char init[40];
	if (id == 0)
		number_format_plain(v->value, init, sizeof init);
	else
		str_copy(init, sizeof init, v->at);
	ui_prompt(a, id == 0 ? _("value:") : _("time (YYYY-MM-DD[ HH:MM]):"), init, edit_accept, NULL, NULL, p);
}

static void delete_chosen(app *a, void *ctx, int id)
{
	metrics_pane *p = ctx;
	const metric_def *m = detail_def(p);
	if (id != 1 || !m)
		return;
	metric_value_row before;
	if (store_metric_value_get(a->st, p->edit_id, &before) != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		ui_data_changed(a);
		return;
	}
	enum store_rc rc = store_metric_value_delete(a->st, p->edit_id, p->edit_version);
	if (rc == STORE_OK) {
		push_undo(a, U_DELETE, &before, 0, m->key);
		ui_message(a, ROLE_STATUS, _("deleted value #%lld of %s (u undoes)"), (long long)before.id, m->key);
		ui_data_changed(a);
	} else {
		fail_message(a, rc);
	}
	metric_value_row_free(&before);
}

static void show_history(metrics_pane *p, app *a)
{
	const metric_value_row *v = current_value(p);
	const metric_def *m = detail_def(p);
	if (!v || !m)
		return;
	char title[96], num[40];
	snprintf(title, sizeof title, _("Value #%lld of %s"), (long long)v->id, m->key);
	doc d;
	doc_init(&d, title);
	doc_add_kv(&d, _("metric"), ROLE_NORMAL, m->name ? m->name : m->key);
	doc_add_kv(&d, _("at"), ROLE_NORMAL, v->at);
	doc_add_kv(&d, _("value"), ROLE_NORMAL, metrics_num(p, m, v->value, num, sizeof num));
	doc_add_kv(&d, _("source"), v->source ? ROLE_NORMAL : ROLE_MUTED, v->source ? v->source : _("(none)"));
	doc_add_kv(&d, _("origin"), ROLE_MUTED, metric_origin_label(v->origin));
	char *by = xasprintf(_("%s at %s (version %lld)"), v->recorded_by ? v->recorded_by : "?",
			     v->recorded_at ? v->recorded_at : "?", (long long)v->version);
	doc_add_kv(&d, _("recorded"), ROLE_MUTED, by);
	free(by);
	doc_add_blank(&d);
	doc_add_heading(&d, _("History (newest first)"));
	audit_filter f = {.entity = "metric_value", .entity_id = v->id, .limit = 200};
	audit_row *rows;
	size_t n;
	if (store_audit_list(a->st, &f, &rows, &n) == STORE_OK) {
		if (n == 0)
			doc_add(&d, ROLE_MUTED, _("no change recorded (imported with the definition)"));
		for (size_t k = 0; k < n; k++) {
			char *key = xasprintf("%.16s %s", rows[k].at ? rows[k].at : "", rows[k].user ? rows[k].user : "");
			char *text = xasprintf("%s: %s → %s", rows[k].field ? rows[k].field : "?",
					       rows[k].old_value ? rows[k].old_value : _("(none)"),
					       rows[k].new_value ? rows[k].new_value : _("(none)"));
			doc_add_kv(&d, key, ROLE_NORMAL, text);
			free(key);
			free(text);
		}
		audit_rows_free(rows, n);
	} else {
		doc_add(&d, ROLE_ALERT, store_error(a->st));
	}
	ui_show_doc(a, &d);
}

bool metric_detail_action(metrics_pane *p, app *a, enum action act)
{
	const metric_def *m = detail_def(p);
	bool recordable = m && str_empty(m->formula) && !(m->source && str_starts(m->source, "feedback."));
	switch (act) {
	case ACT_BACK:
	case ACT_CLOSE:
		p->mode = MM_TABLE;
		p->need_full = true;
		return true;
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HALF_UP:
	case ACT_HALF_DOWN:
	case ACT_TOP:
	case ACT_BOTTOM:
		if (vlist_action(&p->values, act))
			p->need_full = true;
		return true;
	case ACT_ENTER:
		show_history(p, a);
		return true;
	case ACT_VALUE_ADD: {
		if (!m || !ui_can_edit(a))
			return true;
		if (!recordable) {
			ui_message(a, ROLE_STATUS, _("%s is computed; record its inputs instead"), m->key);
			return true;
		}
		char *label = xasprintf(_("%s: value [YYYY-MM-DD[ HH:MM]]:"), m->key);
		ui_prompt(a, label, "", add_accept, NULL, NULL, p);
		free(label);
		return true;
	}
	case ACT_VALUE_EDIT:
	case ACT_VALUE_DELETE: {
		if (!m || !ui_can_edit(a))
			return true;
		const metric_value_row *v = current_value(p);
		if (!v) {
			ui_message(a, ROLE_STATUS, _("no value here"));
			return true;
		}
		p->edit_id = v->id;
		p->edit_version = v->version;
		if (act == ACT_VALUE_EDIT) {
			const menu_item items[] = {{'v', _("value"), 0}, {'t', _("time"), 1}};
			ui_menu(a, _("edit value"), items, ARRAY_LEN(items), 0, edit_chosen, p);
		} else {
			const menu_item items[] = {{'n', _("keep it"), 0}, {'y', _("delete this value"), 1}};
			ui_menu(a, _("delete?"), items, ARRAY_LEN(items), 0, delete_chosen, p);
		}
		return true;
	}
	case ACT_RISKS:
		p->risks_from = p->mode;
		p->mode = MM_RISKS;
		risks_load(p, a);
		p->need_full = true;
		return true;
	default:
		return false;
	}
}
