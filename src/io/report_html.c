/* The report as one self-contained HTML file: inline CSS laid out for A4
 * paper, inline SVG charts, no script and no reference to anything outside
 * the file. Every piece of user text goes through html_escape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svg_chart.h"
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

static void fact(strbuf *sb, const char *label, const char *value)
{
	if (str_empty(value))
		return;
	sb_printf(sb, "<tr><th>%s</th>", label);
	td(sb, NULL, value);
	sb_adds(sb, "</tr>\n");
}

static void header(strbuf *sb, const report_data *d)
{
	const campaign_row *c = &d->campaign;
	const review_head *h = &d->review.head;
	sb_adds(sb, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	sb_adds(sb, "复盘报告 ");
	esc(sb, c->name);
	sb_adds(sb, "</title>\n<style>\n");
	sb_adds(sb, css);
	sb_adds(sb, "</style>\n</head>\n<body>\n<header>\n<h1>复盘报告 Campaign review: ");
	esc(sb, c->name);
	sb_adds(sb, "</h1>\n<table class=\"facts\">\n");
	fact(sb, "Campaign 活动", c->key);
	char a[16], b[16];
	char *period = xasprintf("%s – %s (%d days)", date_format(c->start, a), date_format(c->end, b),
				 (int)(c->end - c->start + 1));
	fact(sb, "Period 周期", period);
	free(period);
	fact(sb, "Owner 负责人", c->owner);
	fact(sb, "Type 类型", c->type);
	if (c->has_budget) {
		char num[48];
		number_format(c->budget, NULL, metric_prefers_cjk(c->currency, NULL), num, sizeof num);
		char *budget = xasprintf("%s%s%s", num, c->currency ? " " : "", c->currency ? c->currency : "");
		fact(sb, "Budget 预算", budget);
		free(budget);
	}
	fact(sb, "Channels 渠道", c->channels);
	fact(sb, "Audience 人群", c->audience);
	if (d->metrics.board.has_score) {
		char pct[16];
		char *score = xasprintf("%s (weighted, pace capped at 120%%)",
					number_format_pct(d->metrics.board.score, pct, sizeof pct));
		fact(sb, "Score 综合得分", score);
		free(score);
	}
	sb_printf(sb, "<tr><th>Review 复盘</th><td><span class=\"%s\">%s</span>, version %lld",
		  h->is_final ? "final" : "draft", h->is_final ? "final 定稿" : "draft 草稿",
		  (long long)h->version);
	if (h->updated_by) {
		sb_adds(sb, ", last changed by ");
		esc(sb, h->updated_by);
		sb_adds(sb, " at ");
		esc(sb, h->updated_at);
	}
	sb_adds(sb, "</td></tr>\n</table>\n</header>\n");
	sb_adds(sb, "<section id=\"overview\">\n<h2>Overview 活动概述</h2>\n");
	if (str_empty(h->overview))
		sb_adds(sb, "<p class=\"muted\">No overview written yet.</p>\n");
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
	sb_adds(sb, "<section id=\"goals\">\n<h2>Goal achievement 目标达成</h2>\n");
	if (!v->cur.n) {
		sb_adds(sb, "<p class=\"muted\">The campaign defines no metrics.</p>\n</section>\n");
		return;
	}
	sb_adds(sb, "<table>\n<thead><tr><th>Metric 指标</th><th>Layer 层级</th><th>Target 目标</th>"
		    "<th>Actual 实际</th><th>Achievement 达成率</th><th>vs baseline 同比</th>"
		    "<th>Analysis 分析说明</th></tr></thead>\n<tbody>\n");
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
		sb_adds(sb, "<p class=\"muted\">Baseline 对比基准: ");
		esc(sb, v->cur.baseline);
		sb_adds(sb, v->has_base ? ", at the same day of its run.</p>\n"
					: " (not in the database).</p>\n");
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
			sb_adds(sb, "<h3>Daily results against target 结果指标每日走势</h3>\n");
		heading = true;
		if (!started) {
			sb_adds(sb, "<p class=\"muted\">The campaign has not started.</p>\n");
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
		sb_adds(sb, "<figcaption>");
		esc(sb, m->name);
		sb_printf(sb, ": daily values %s – %s", date_format(from, a), date_format(to, b));
		if (of)
			sb_printf(sb, ", on target %zu of %zu days", met, of);
		sb_adds(sb, ".</figcaption>\n</figure>\n");
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
		sb_adds(sb, "<h3>Metrics by achievement 达成率排序</h3>\n<figure>\n");
		svg_achievement_bars(sb, bars, n);
		sb_adds(sb, "<figcaption>The dashed line is 100% of target.</figcaption>\n</figure>\n");
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
		sb_adds(sb, "<h3>Funnel 转化漏斗</h3>\n<figure>\n");
		bool logscale = svg_funnel(sb, st, n);
		sb_printf(sb, "<figcaption>Stage to stage conversion on the right%s.</figcaption>\n"
			      "</figure>\n", logscale ? "; widths on a logarithmic scale" : "");
		free(st);
		free(texts);
		free(notes);
	}
	free(idx);
	sb_adds(sb, "</section>\n");
}

static void highlights(strbuf *sb, const report_data *d)
{
	sb_adds(sb, "<section id=\"highlights\">\n<h2>Highlights 成果亮点</h2>\n");
	if (!d->review.n_highlights) {
		sb_adds(sb, "<p class=\"muted\">No highlights recorded.</p>\n</section>\n");
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
			sb_adds(sb, "<br><span class=\"text\">Why 原因: ");
			esc(sb, h->why);
			sb_adds(sb, "</span>");
		}
		sb_adds(sb, "</li>\n");
	}
	sb_adds(sb, "</ol>\n</section>\n");
}

static void problems(strbuf *sb, const report_data *d)
{
	const review_data *r = &d->review;
	sb_adds(sb, "<section id=\"problems\">\n<h2>Problems and root causes 问题与根因</h2>\n");
	if (!r->n_problems) {
		sb_adds(sb, "<p class=\"muted\">No problems recorded.</p>\n</section>\n");
		return;
	}
	sb_adds(sb, "<table>\n<thead><tr><th>#</th><th>Problem 问题</th><th>Impact 影响</th>"
		    "<th>Root cause 根因</th><th>Action 改进措施</th><th>Owner 责任人</th>"
		    "<th>Deadline 完成时限</th><th>Status 状态</th></tr></thead>\n<tbody>\n");
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
			sb_adds(sb, "<h3>Five whys 5Why 分析</h3>\n");
		heading = true;
		sb_printf(sb, "<div class=\"why\">\n<p><strong>P%zu ", i + 1);
		esc(sb, p->description);
		sb_adds(sb, "</strong></p>\n");
		if (any_why) {
			sb_adds(sb, "<ol>\n");
			for (size_t k = 0; k < 5; k++) {
				if (str_empty(why[k]))
					continue;
				sb_adds(sb, "<li class=\"text\">Why? ");
				esc(sb, why[k]);
				sb_adds(sb, "</li>\n");
			}
			sb_adds(sb, "</ol>\n");
		}
		if (any) {
			sb_adds(sb, "<p class=\"text\"><strong>Root cause 根因:</strong> ");
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
	sb_adds(sb, "<section id=\"plan\">\n<h2>Improvement plan 改进计划</h2>\n");
	size_t n;
	size_t *idx = review_open_actions(r, &n);
	if (!n) {
		sb_adds(sb, "<p class=\"muted\">No open actions.</p>\n</section>\n");
		free(idx);
		return;
	}
	sb_adds(sb, "<table>\n<thead><tr><th>Owner 责任人</th><th>Deadline 完成时限</th>"
		    "<th>Action 改进措施</th><th>Problem 问题</th><th>Status 状态</th></tr></thead>\n"
		    "<tbody>\n");
	for (size_t k = 0; k < n; k++) {
		const problem_row *p = &r->problems[idx[k]];
		sb_adds(sb, "<tr>");
		td(sb, NULL, str_empty(p->owner) ? "—" : p->owner);
		if (problem_overdue(p, d->today)) {
			sb_adds(sb, "<td class=\"num overdue\">");
			esc(sb, p->deadline);
			sb_adds(sb, " overdue 逾期</td>");
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
	sb_adds(sb, "<section id=\"lessons\">\n<h2>Lessons 经验沉淀</h2>\n");
	if (!r->n_lessons) {
		sb_adds(sb, "<p class=\"muted\">No lessons recorded.</p>\n</section>\n");
		return;
	}
	sb_adds(sb, "<table>\n<thead><tr><th>Category 类别</th><th>Lesson 经验内容</th>"
		    "<th>Applies to 可复用场景</th><th>Standardise as 标准化建议</th></tr></thead>\n"
		    "<tbody>\n");
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
	sb_printf(&sb, "<footer>Generated by warroom on %s.</footer>\n</body>\n</html>\n",
		  date_format(d->today, day));
	return sb_detach(&sb);
}
