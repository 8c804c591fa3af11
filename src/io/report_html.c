/* The report as one self-contained HTML file: inline CSS laid out for A4
 * paper, inline SVG charts, no script and no reference to anything outside
 * the file. Every piece of user text goes through html_escape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svg_chart.h"
#include "warroom/i18n.h"
#include "warroom/number.h"
#include "warroom/report.h"
#include "warroom/text.h"

#define HTML_CHART_DAYS 120

void html_escape(strbuf *sb, const char *s)
{
	if (!s)
		return;
	char *clean = text_sanitize_n(s, strlen(s), true);
	for (const char *p = clean; *p; p++) {
		switch (*p) {
		case '&': sb_adds(sb, "&amp;"); break;
		case '<': sb_adds(sb, "&lt;"); break;
		case '>': sb_adds(sb, "&gt;"); break;
		case '"': sb_adds(sb, "&quot;"); break;
		case '\'': sb_adds(sb, "&#39;"); break;
		case '\r': break;
		default: sb_addc(sb, *p);
		}
	}
	free(clean);
}

static const char css[] =
	"@page { size: A4; margin: 16mm 14mm 18mm 14mm; }\n"
	"* { box-sizing: border-box; }\n"
	"html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
	"body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\","
	" \"Microsoft YaHei\", system-ui, sans-serif; color: #1a1a1a; font-size: 10.5pt;"
	" line-height: 1.5; max-width: 182mm; margin: 0 auto; padding: 10mm 0; }\n"
	"h1 { font-size: 18pt; margin: 0 0 3mm; }\n"
	"h2 { font-size: 13pt; margin: 7mm 0 2mm; padding-bottom: 1mm;"
	" border-bottom: 1.5pt solid #1f5fa8; break-after: avoid; page-break-after: avoid; }\n"
	"h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; page-break-after: avoid; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; font-size: 9.5pt; }\n"
	"thead { display: table-header-group; }\n"
	"th, td { border: 0.5pt solid #b8b8b8; padding: 1.2mm 1.8mm; text-align: left;"
	" vertical-align: top; overflow-wrap: anywhere; }\n"
	"th { background: #eef2f7; font-weight: 600; }\n"
	"td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }\n"
	"table.facts { width: auto; }\n"
	"table.facts th { background: none; border: none; padding: 0.5mm 4mm 0.5mm 0;"
	" color: #555; font-weight: normal; }\n"
	"table.facts td { border: none; padding: 0.5mm 0; }\n"
	"tr, figure, .why, li { break-inside: avoid; page-break-inside: avoid; }\n"
	".text { white-space: pre-wrap; }\n"
	".muted { color: #666; }\n"
	".overdue { color: #b71c1c; font-weight: 600; }\n"
	".final { color: #1b5e20; font-weight: 600; }\n"
	".draft { color: #8a5a00; font-weight: 600; }\n"
	".impact-high { color: #b71c1c; font-weight: 600; }\n"
	"figure { margin: 2mm 0 4mm; }\n"
	"figcaption { font-size: 9pt; color: #555; }\n"
	"svg { display: block; width: 100%; height: auto; }\n"
	"svg text { font-size: 11px; fill: #333; }\n"
	"svg text.title { font-size: 13px; font-weight: 600; fill: #1a1a1a; }\n"
	"svg text.yl { text-anchor: end; }\n"
	"svg text.xl { text-anchor: middle; fill: #666; }\n"
	"svg text.in { text-anchor: middle; }\n"
	"svg text.empty { text-anchor: middle; fill: #999; }\n"
	"svg .v { fill: none; stroke: #1f5fa8; stroke-width: 2; }\n"
	"svg .pt { fill: #1f5fa8; }\n"
	"svg .t { fill: none; stroke: #c62828; stroke-width: 1.5; stroke-dasharray: 6 4; }\n"
	"svg .grid { stroke: #e3e3e3; }\n"
	"svg .axis { stroke: #999; }\n"
	"svg .ref { stroke: #333; stroke-dasharray: 4 3; }\n"
	"svg .good { fill: #2e7d32; }\n"
	"svg .near { fill: #e0a100; }\n"
	"svg .low { fill: #c62828; }\n"
	"svg .stage { fill: #bcd3ee; stroke: #1f5fa8; }\n"
	"footer { margin-top: 8mm; font-size: 9pt; color: #666; }\n"
	"@media print { body { max-width: none; padding: 0; } }\n";

static void esc(strbuf *sb, const char *s)
{
	html_escape(sb, s);
}

static void td(strbuf *sb, const char *cls, const char *s)
{
	if (cls)
		sb_printf(sb, "<td class=\"%s\">", cls);
	else
		sb_adds(sb, "<td>");
	esc(sb, s);
	sb_adds(sb, "</td>");
}

/* User text escaped, to be put into a translated sentence. */
static char *esc_dup(const char *s)
{
	strbuf t = STRBUF_INIT;
	sb_adds(&t, "");
	esc(&t, s ? s : "");
	return sb_detach(&t);
}

/* A muted remark, translated. */
static void muted(strbuf *sb, const char *msg)
{
	sb_printf(sb, "<p class=\"muted\">%s</p>\n", _(msg));
}

/* A table's header row, the labels translated. */
static void thead(strbuf *sb, const char *first, const char *const *labels, size_t n)
{
	sb_adds(sb, "<table>\n<thead><tr>");
	if (first)
		sb_printf(sb, "<th>%s</th>", first);
	for (size_t i = 0; i < n; i++)
		sb_printf(sb, "<th>%s</th>", _(labels[i]));
	sb_adds(sb, "</tr></thead>\n<tbody>\n");
}

static void fact(strbuf *sb, const char *label, const char *value)
{
	if (str_empty(value))
		return;
	sb_printf(sb, "<tr><th>%s</th>", _(label));
	td(sb, NULL, value);
	sb_adds(sb, "</tr>\n");
}

static void header(strbuf *sb, const report_data *d)
{
	const campaign_row *c = &d->campaign;
	const review_head *h = &d->review.head;
	char *name = esc_dup(c->name);
	sb_printf(sb, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		  i18n_lang() == I18N_ZH_HANT ? "zh-TW" : "zh-CN");
	/* TRANSLATORS: the report page's title in the browser: the campaign's name. */
	sb_printf(sb, _("复盘报告 %s"), name);
	sb_adds(sb, "</title>\n<style>\n");
	sb_adds(sb, css);
	sb_adds(sb, "</style>\n</head>\n<body>\n<header>\n<h1>");
	sb_printf(sb, _("复盘报告 Campaign review: %s"), name);
	free(name);
	sb_adds(sb, "</h1>\n<table class=\"facts\">\n");
	fact(sb, N_("Campaign 活动"), c->key);
	char a[16], b[16];
	char *period = xasprintf(_("%s – %s (%d days)"), date_format(c->start, a),
				 date_format(c->end, b), (int)(c->end - c->start + 1));
	fact(sb, N_("Period 周期"), period);
	free(period);
	fact(sb, N_("Owner 负责人"), c->owner);
	fact(sb, N_("Type 类型"), c->type);
	if (c->has_budget) {
		char num[48];
		number_format(c->budget, NULL, metric_prefers_cjk(c->currency, NULL), num, sizeof num);
		char *budget = xasprintf("%s%s%s", num, c->currency ? " " : "", c->currency ? c->currency : "");
		fact(sb, N_("Budget 预算"), budget);
		free(budget);
	}
	fact(sb, N_("Channels 渠道"), c->channels);
	fact(sb, N_("Audience 人群"), c->audience);
	if (d->metrics.board.has_score) {
		char pct[16];
		char *score = xasprintf(_("%s (weighted, pace capped at 120%%)"),
					number_format_pct(d->metrics.board.score, pct, sizeof pct));
		fact(sb, N_("Score 综合得分"), score);
		free(score);
	}
	char *state = xasprintf("<span class=\"%s\">%s</span>", h->is_final ? "final" : "draft",
				h->is_final ? _("final 定稿") : _("draft 草稿"));
	sb_printf(sb, "<tr><th>%s</th><td>", _("Review 复盘"));
	sb_printf(sb, _("%s, version %lld"), state, (long long)h->version);
	free(state);
	if (h->updated_by) {
		char *by = esc_dup(h->updated_by), *at = esc_dup(h->updated_at);
		sb_printf(sb, _(", last changed by %s at %s"), by, at);
		free(by);
		free(at);
	}
	sb_adds(sb, "</td></tr>\n</table>\n</header>\n");
	sb_printf(sb, "<section id=\"overview\">\n<h2>%s</h2>\n", _("Overview 活动概述"));
	if (str_empty(h->overview))
		muted(sb, N_("No overview written yet."));
	else {
		sb_adds(sb, "<p class=\"text\">");
		esc(sb, h->overview);
		sb_adds(sb, "</p>\n");
	}
	sb_adds(sb, "</section>\n");
}

static void goals(strbuf *sb, const report_data *d)
{
	const metric_view *v = &d->metrics;
	sb_printf(sb, "<section id=\"goals\">\n<h2>%s</h2>\n", _("Goal achievement 目标达成"));
	if (!v->cur.n) {
		muted(sb, N_("The campaign defines no metrics."));
		sb_adds(sb, "</section>\n");
		return;
	}
	static const char *const head[] = {N_("Metric 指标"), N_("Layer 层级"), N_("Target 目标"),
					   N_("Actual 实际"), N_("Achievement 达成率"),
					   N_("vs baseline 同比"), N_("Analysis 分析说明")};
	thead(sb, NULL, head, ARRAY_LEN(head));
	for (size_t i = 0; i < v->cur.n; i++) {
		const metric_def *m = &v->cur.defs[i];
		metric_cells c;
		metric_cells_format(m, &v->board.rows[i], report_cjk(d, i), &c);
		sb_adds(sb, "<tr><td>");
		esc(sb, m->name);
		sb_adds(sb, " <span class=\"muted\">");
		esc(sb, m->key);
		sb_adds(sb, "</span></td>");
		td(sb, NULL, report_layer(m->layer));
		td(sb, "num", c.target);
		td(sb, "num", c.actual);
		td(sb, "num", c.achievement);
		td(sb, "num", c.change);
		sb_adds(sb, "<td class=\"text\">");
		esc(sb, report_note(d, m->key));
		sb_adds(sb, "</td></tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n");
	if (!str_empty(v->cur.baseline)) {
		char *base = esc_dup(v->cur.baseline);
		sb_adds(sb, "<p class=\"muted\">");
		sb_printf(sb, _("Baseline 对比基准: %s"), base);
		free(base);
		sb_printf(sb, "%s</p>\n", v->has_base ? _(", at the same day of its run.")
						: _(" (not in the database)."));
	}

	/* Each result metric's days against its target. */
	wr_date from, to;
	bool started = report_chart_days(d, &from, &to);
	bool heading = false;
	if (started && to - from + 1 > HTML_CHART_DAYS)
		from = to - HTML_CHART_DAYS + 1;
	size_t cap = started ? (size_t)(to - from + 1) : 1;
	double *vals = xcalloc(cap, sizeof *vals), *tg = xcalloc(cap, sizeof *tg);
	bool *has = xcalloc(cap, sizeof *has), *has_t = xcalloc(cap, sizeof *has_t);
	for (size_t i = 0; i < v->cur.n; i++) {
		const metric_def *m = &v->cur.defs[i];
		if (m->layer != LAYER_RESULT)
			continue;
		if (!heading)
			sb_printf(sb, "<h3>%s</h3>\n", _("Daily results against target 结果指标每日走势"));
		heading = true;
		if (!started) {
			muted(sb, N_("The campaign has not started."));
			break;
		}
		size_t n = report_daily(d, i, from, to, vals, has, tg, has_t, cap);
		bool any_t = false;
		for (size_t k = 0; k < n; k++)
			any_t |= has_t[k];
		svg_series s = {m->name, vals, has, any_t ? tg : NULL, has_t, n, from, m->unit,
				report_cjk(d, i)};
		sb_adds(sb, "<figure>\n");
		svg_line_chart(sb, &s);
		size_t met, of;
		report_days_on_target(d, i, vals, has, tg, has_t, n, &met, &of);
		char a[16], b[16];
		char *mname = esc_dup(m->name);
		sb_adds(sb, "<figcaption>");
		date_format(from, a);
		date_format(to, b);
		if (of)
			/* TRANSLATORS: under a metric's daily chart: its name, the
			 * first and last day, the days it met its target. */
			sb_printf(sb, _("%s: daily values %s – %s, on target %zu of %zu days."), mname,
				  a, b, met, of);
		else
			sb_printf(sb, _("%s: daily values %s – %s."), mname, a, b);
		free(mname);
		sb_adds(sb, "</figcaption>\n</figure>\n");
	}
	free(vals);
	free(tg);
	free(has);
	free(has_t);

	size_t n;
	size_t *idx = report_by_achievement(d, &n);
	if (n) {
		svg_bar *bars = xcalloc(n, sizeof *bars);
		char (*texts)[16] = xcalloc(n, sizeof *texts);
		for (size_t k = 0; k < n; k++) {
			const metric_figures *f = &v->board.rows[idx[k]];
			number_format_pct(f->achievement, texts[k], sizeof texts[k]);
			bars[k] = (svg_bar){v->cur.defs[idx[k]].name, f->achievement, texts[k], NULL};
		}
		sb_printf(sb, "<h3>%s</h3>\n<figure>\n", _("Metrics by achievement 达成率排序"));
		svg_achievement_bars(sb, bars, n);
		sb_printf(sb, "<figcaption>%s</figcaption>\n</figure>\n",
			  /* xgettext:no-c-format */
			  _("The dashed line is 100% of target."));
		free(bars);
		free(texts);
	}
	free(idx);

	idx = report_funnel(d, &n);
	if (n) {
		svg_bar *st = xcalloc(n, sizeof *st);
		char (*texts)[48] = xcalloc(n, sizeof *texts);
		char (*notes)[24] = xcalloc(n, sizeof *notes);
		for (size_t k = 0; k < n; k++) {
			const metric_def *m = &v->cur.defs[idx[k]];
			const metric_figures *f = &v->board.rows[idx[k]];
			const metric_figures *prev = k ? &v->board.rows[idx[k - 1]] : NULL;
			if (f->has_actual)
				number_format(f->actual, m->unit, report_cjk(d, idx[k]), texts[k],
					      sizeof texts[k]);
			else
				snprintf(texts[k], sizeof texts[k], "—");
			const char *note = NULL;
			if (prev && f->has_actual && prev->has_actual && prev->actual > 0) {
				char pct[16];
				snprintf(notes[k], sizeof notes[k], "↓ %s",
					 report_rate(f->actual / prev->actual, pct, sizeof pct));
				note = notes[k];
			}
			st[k] = (svg_bar){m->name, f->has_actual ? f->actual : 0, texts[k], note};
		}
		sb_printf(sb, "<h3>%s</h3>\n<figure>\n", _("Funnel 转化漏斗"));
		bool logscale = svg_funnel(sb, st, n);
		sb_printf(sb, "<figcaption>%s</figcaption>\n</figure>\n",
			  logscale ? _("Stage to stage conversion on the right; widths on a logarithmic scale.")
				   : _("Stage to stage conversion on the right."));
		free(st);
		free(texts);
		free(notes);
	}
	free(idx);
	sb_adds(sb, "</section>\n");
}

static void highlights(strbuf *sb, const report_data *d)
{
	sb_printf(sb, "<section id=\"highlights\">\n<h2>%s</h2>\n", _("Highlights 成果亮点"));
	if (!d->review.n_highlights) {
		muted(sb, N_("No highlights recorded."));
		sb_adds(sb, "</section>\n");
		return;
	}
	sb_adds(sb, "<ol>\n");
	for (size_t i = 0; i < d->review.n_highlights; i++) {
		const highlight_row *h = &d->review.highlights[i];
		sb_adds(sb, "<li><strong class=\"text\">");
		esc(sb, h->text);
		sb_adds(sb, "</strong>");
		long m = h->metric_key ? metric_view_find(&d->metrics, h->metric_key) : -1;
		if (m >= 0) {
			metric_cells c;
			metric_cells_format(&d->metrics.cur.defs[m], &d->metrics.board.rows[m],
					    report_cjk(d, (size_t)m), &c);
			sb_adds(sb, " <span class=\"muted\">(");
			esc(sb, d->metrics.cur.defs[m].name);
			sb_adds(sb, " ");
			esc(sb, c.achievement);
			sb_adds(sb, ")</span>");
		}
		if (!str_empty(h->why)) {
			char *why = esc_dup(h->why);
			sb_adds(sb, "<br><span class=\"text\">");
			sb_printf(sb, _("Why 原因: %s"), why);
			sb_adds(sb, "</span>");
			free(why);
		}
		sb_adds(sb, "</li>\n");
	}
	sb_adds(sb, "</ol>\n</section>\n");
}

static void problems(strbuf *sb, const report_data *d)
{
	const review_data *r = &d->review;
	sb_printf(sb, "<section id=\"problems\">\n<h2>%s</h2>\n",
		  _("Problems and root causes 问题与根因"));
	if (!r->n_problems) {
		muted(sb, N_("No problems recorded."));
		sb_adds(sb, "</section>\n");
		return;
	}
	static const char *const head[] = {N_("Problem 问题"), N_("Impact 影响"),
					   N_("Root cause 根因"), N_("Action 改进措施"),
					   N_("Owner 责任人"), N_("Deadline 完成时限"), N_("Status 状态")};
	thead(sb, "#", head, ARRAY_LEN(head));
	for (size_t i = 0; i < r->n_problems; i++) {
		const problem_row *p = &r->problems[i];
		sb_printf(sb, "<tr><td>P%zu</td>", i + 1);
		td(sb, "text", p->description);
		td(sb, str_eq(p->impact, "high") ? "impact-high" : NULL, report_choice(p->impact));
		td(sb, "text", p->root_cause);
		td(sb, "text", p->action);
		td(sb, NULL, p->owner);
		td(sb, "num", p->deadline);
		td(sb, NULL, report_choice(p->status));
		sb_adds(sb, "</tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n");
	bool heading = false;
	for (size_t i = 0; i < r->n_problems; i++) {
		const problem_row *p = &r->problems[i];
		const char *why[] = {p->why1, p->why2, p->why3, p->why4, p->why5};
		bool any = !str_empty(p->root_cause), any_why = false;
		for (size_t k = 0; k < 5; k++)
			any_why |= !str_empty(why[k]);
		if (!any && !any_why)
			continue;
		if (!heading)
			sb_printf(sb, "<h3>%s</h3>\n", _("Five whys 5Why 分析"));
		heading = true;
		sb_printf(sb, "<div class=\"why\">\n<p><strong>P%zu ", i + 1);
		esc(sb, p->description);
		sb_adds(sb, "</strong></p>\n");
		if (any_why) {
			sb_adds(sb, "<ol>\n");
			for (size_t k = 0; k < 5; k++) {
				if (str_empty(why[k]))
					continue;
				char *w = esc_dup(why[k]);
				sb_adds(sb, "<li class=\"text\">");
				sb_printf(sb, _("Why? %s"), w);
				sb_adds(sb, "</li>\n");
				free(w);
			}
			sb_adds(sb, "</ol>\n");
		}
		if (any) {
			sb_printf(sb, "<p class=\"text\"><strong>%s</strong> ", _("Root cause 根因:"));
			esc(sb, p->root_cause);
			sb_adds(sb, "</p>\n");
		}
		sb_adds(sb, "</div>\n");
	}
	sb_adds(sb, "</section>\n");
}

static void plan(strbuf *sb, const report_data *d)
{
	const review_data *r = &d->review;
	sb_printf(sb, "<section id=\"plan\">\n<h2>%s</h2>\n", _("Improvement plan 改进计划"));
	size_t n;
	size_t *idx = review_open_actions(r, &n);
	if (!n) {
		muted(sb, N_("No open actions."));
		sb_adds(sb, "</section>\n");
		free(idx);
		return;
	}
	static const char *const head[] = {N_("Owner 责任人"), N_("Deadline 完成时限"),
					   N_("Action 改进措施"), N_("Problem 问题"), N_("Status 状态")};
	thead(sb, NULL, head, ARRAY_LEN(head));
	for (size_t k = 0; k < n; k++) {
		const problem_row *p = &r->problems[idx[k]];
		sb_adds(sb, "<tr>");
		td(sb, NULL, str_empty(p->owner) ? "—" : p->owner);
		if (problem_overdue(p, d->today)) {
			sb_adds(sb, "<td class=\"num overdue\">");
			esc(sb, p->deadline);
			sb_printf(sb, " %s</td>", _("overdue 逾期"));
		} else {
			td(sb, "num", p->deadline ? p->deadline : "—");
		}
		td(sb, "text", str_empty(p->action) ? "—" : p->action);
		sb_printf(sb, "<td>P%zu</td>", idx[k] + 1);
		td(sb, NULL, report_choice(p->status));
		sb_adds(sb, "</tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n</section>\n");
	free(idx);
}

static void lessons(strbuf *sb, const report_data *d)
{
	const review_data *r = &d->review;
	sb_printf(sb, "<section id=\"lessons\">\n<h2>%s</h2>\n", _("Lessons 经验沉淀"));
	if (!r->n_lessons) {
		muted(sb, N_("No lessons recorded."));
		sb_adds(sb, "</section>\n");
		return;
	}
	static const char *const head[] = {N_("Category 类别"), N_("Lesson 经验内容"),
					   N_("Applies to 可复用场景"), N_("Standardise as 标准化建议")};
	thead(sb, NULL, head, ARRAY_LEN(head));
	for (size_t i = 0; i < r->n_lessons; i++) {
		const lesson_row *l = &r->lessons[i];
		sb_adds(sb, "<tr>");
		td(sb, NULL, report_choice(l->category));
		td(sb, "text", l->content);
		td(sb, "text", l->scenarios);
		td(sb, "text", l->standardisation);
		sb_adds(sb, "</tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n</section>\n");
}

char *report_html(const report_data *d)
{
	strbuf sb = STRBUF_INIT;
	header(&sb, d);
	goals(&sb, d);
	highlights(&sb, d);
	problems(&sb, d);
	plan(&sb, d);
	lessons(&sb, d);
	char day[16];
	sb_adds(&sb, "<footer>");
	sb_printf(&sb, _("Generated by warroom on %s."), date_format(d->today, day));
	sb_adds(&sb, "</footer>\n</body>\n</html>\n");
	return sb_detach(&sb);
}
