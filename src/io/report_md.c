/* The report as Markdown (GitHub-flavoured): tables with pipes, text
 * sparklines and bars. User text is sanitised (no control characters) and
 * its Markdown punctuation escaped, so a problem's text can neither break
 * a table nor turn into markup or raw HTML when the file is rendered. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/number.h"
#include "warroom/report.h"
#include "warroom/text.h"

#define MD_SPARK_DAYS 62
#define MD_BAR 20

/* Appends user text. In a table cell line breaks become <br>; elsewhere a
 * hard break followed by `indent` (for list items). */
static void md_text(strbuf *sb, const char *s, bool cell, const char *indent)
{
	if (str_empty(s))
		return;
	char *clean = text_sanitize_n(s, strlen(s), true);
	for (const char *p = clean; *p; p++) {
		switch (*p) {
		case '\\': case '|': case '<': case '>': case '`': case '*': case '_':
		case '[': case ']': case '#': case '&': case '~':
			sb_addc(sb, '\\');
			sb_addc(sb, *p);
			break;
		case '\t':
			sb_addc(sb, ' ');
			break;
		case '\r':
			break;
		case '\n':
			if (!p[1])
				break;
			if (cell)
				sb_adds(sb, "<br>");
			else
				sb_printf(sb, "\\\n%s", indent);
			break;
		default:
			sb_addc(sb, *p);
		}
	}
	free(clean);
}

static void md_cell(strbuf *sb, const char *s)
{
	sb_adds(sb, " ");
	md_text(sb, s, true, "");
	sb_adds(sb, " |");
}

/* Sparkline glyphs for the values then the targets on one scale; a day
 * without a value shows as "·". */
static void sparks(const double *vals, const bool *has, const double *tg, const bool *has_t,
		   size_t n, char **line_v, char **line_t)
{
	double *all = xcalloc(2 * n + 1, sizeof *all);
	bool *ah = xcalloc(2 * n + 1, sizeof *ah);
	for (size_t k = 0; k < n; k++) {
		all[k] = vals[k];
		ah[k] = has[k];
		all[n + k] = tg ? tg[k] : 0;
		ah[n + k] = tg && has_t[k];
	}
	size_t size = 2 * n * 4 + 1;
	char *buf = xmalloc(size);
	metric_sparkline(all, ah, tg ? 2 * n : n, buf, size);
	strbuf v = STRBUF_INIT, t = STRBUF_INIT;
	sb_adds(&v, "");
	sb_adds(&t, "");
	size_t k = 0;
	for (const char *p = buf; *p; k++) {
		int32_t cp;
		int len = utf8_decode(p, strlen(p), &cp);
		strbuf *dst = k < n ? &v : &t;
		if (cp == ' ')
			sb_adds(dst, "·");
		else
			sb_add(dst, p, (size_t)len);
		p += len;
	}
	*line_v = sb_detach(&v);
	*line_t = sb_detach(&t);
	free(buf);
	free(all);
	free(ah);
}

static void bar(strbuf *sb, double fraction)
{
	if (!(fraction > 0))
		fraction = 0;
	/* A full bar only at 100 %: 98 % must not look like target met. */
	int full = fraction >= 1 ? (int)lround(fraction * MD_BAR) : (int)floor(fraction * MD_BAR);
	bool cut = full > 2 * MD_BAR;
	if (cut)
		full = 2 * MD_BAR;
	for (int i = 0; i < full; i++)
		sb_adds(sb, "█");
	for (int i = full; i < MD_BAR; i++)
		sb_adds(sb, "░");
	if (cut)
		sb_adds(sb, "…");
}

static void overview(strbuf *sb, const report_data *d)
{
	const campaign_row *c = &d->campaign;
	const review_head *h = &d->review.head;
	sb_adds(sb, "# 复盘报告 Campaign review: ");
	md_text(sb, c->name, false, "");
	sb_adds(sb, "\n\n| | |\n|---|---|\n");
	sb_adds(sb, "| Campaign 活动 |");
	md_cell(sb, c->key);
	char a[16], b[16];
	sb_printf(sb, "\n| Period 周期 | %s – %s (%d days) |\n", date_format(c->start, a),
		  date_format(c->end, b), (int)(c->end - c->start + 1));
	if (!str_empty(c->owner)) {
		sb_adds(sb, "| Owner 负责人 |");
		md_cell(sb, c->owner);
		sb_adds(sb, "\n");
	}
	if (!str_empty(c->type)) {
		sb_adds(sb, "| Type 类型 |");
		md_cell(sb, c->type);
		sb_adds(sb, "\n");
	}
	if (c->has_budget) {
		char num[48];
		number_format(c->budget, NULL, metric_prefers_cjk(c->currency, NULL), num, sizeof num);
		sb_printf(sb, "| Budget 预算 | %s", num);
		if (!str_empty(c->currency)) {
			sb_adds(sb, " ");
			md_text(sb, c->currency, true, "");
		}
		sb_adds(sb, " |\n");
	}
	if (!str_empty(c->channels)) {
		sb_adds(sb, "| Channels 渠道 |");
		md_cell(sb, c->channels);
		sb_adds(sb, "\n");
	}
	if (!str_empty(c->audience)) {
		sb_adds(sb, "| Audience 人群 |");
		md_cell(sb, c->audience);
		sb_adds(sb, "\n");
	}
	if (d->metrics.board.has_score) {
		char pct[16];
		sb_printf(sb, "| Score 综合得分 | %s (weighted, pace capped at 120%%) |\n",
			  number_format_pct(d->metrics.board.score, pct, sizeof pct));
	}
	sb_printf(sb, "| Review 复盘 | %s, version %lld", h->is_final ? "final 定稿" : "draft 草稿",
		  (long long)h->version);
	if (h->updated_by) {
		sb_adds(sb, ", last changed by ");
		md_text(sb, h->updated_by, true, "");
		sb_adds(sb, " at ");
		md_text(sb, h->updated_at, true, "");
	}
	sb_adds(sb, " |\n\n## Overview 活动概述\n\n");
	if (str_empty(h->overview))
		sb_adds(sb, "_No overview written yet._\n\n");
	else {
		md_text(sb, h->overview, false, "");
		sb_adds(sb, "\n\n");
	}
}

static void goals(strbuf *sb, const report_data *d)
{
	const metric_view *v = &d->metrics;
	sb_adds(sb, "## Goal achievement 目标达成\n\n");
	if (v->cur.n == 0) {
		sb_adds(sb, "_The campaign defines no metrics._\n\n");
		return;
	}
	sb_adds(sb, "| Metric 指标 | Layer 层级 | Target 目标 | Actual 实际 | Achievement 达成率 |"
		    " vs baseline 同比 | Last days 走势 | Analysis 分析说明 |\n"
		    "|---|---|--:|--:|--:|--:|---|---|\n");
	metric_set set = metric_view_set(v);
	wr_date from, to;
	bool days = metric_spark_range(&set.clock, 14, &from, &to);
	for (size_t i = 0; i < v->cur.n; i++) {
		const metric_def *m = &v->cur.defs[i];
		metric_cells cells;
		metric_cells_format(m, &v->board.rows[i], report_cjk(d, i), &cells);
		sb_adds(sb, "|");
		char *name = xasprintf("%s (%s)", m->name, m->key);
		md_cell(sb, name);
		free(name);
		sb_printf(sb, " %s | %s | %s | %s | %s |", report_layer(m->layer), cells.target,
			  cells.actual, cells.achievement, cells.change);
		if (days) {
			double vals[METRIC_SPARK_MAX];
			bool has[METRIC_SPARK_MAX];
			size_t n = metric_daily_values(&set, i, from, to, vals, has, METRIC_SPARK_MAX);
			char *sv, *st;
			sparks(vals, has, NULL, NULL, n, &sv, &st);
			sb_printf(sb, " %s |", sv);
			free(sv);
			free(st);
		} else {
			sb_adds(sb, " |");
		}
		md_cell(sb, report_note(d, m->key));
		sb_adds(sb, "\n");
	}
	if (!str_empty(v->cur.baseline)) {
		sb_adds(sb, "\nBaseline 对比基准: ");
		md_text(sb, v->cur.baseline, false, "");
		sb_adds(sb, v->has_base ? ", at the same day of its run.\n" : " (not in the database).\n");
	}
	sb_adds(sb, "\n");
}

static void daily_charts(strbuf *sb, const report_data *d)
{
	const metric_view *v = &d->metrics;
	wr_date from, to;
	bool any = false;
	for (size_t i = 0; i < v->cur.n; i++)
		any |= v->cur.defs[i].layer == LAYER_RESULT;
	if (!any)
		return;
	sb_adds(sb, "### Daily results against target 结果指标每日走势\n\n");
	if (!report_chart_days(d, &from, &to)) {
		sb_adds(sb, "_The campaign has not started._\n\n");
		return;
	}
	if (to - from + 1 > MD_SPARK_DAYS)
		from = to - MD_SPARK_DAYS + 1;
	char a[16], b[16];
	sb_printf(sb, "Days %s – %s, one glyph per day on one scale with its daily target"
		      " (· no value).\n\n", date_format(from, a), date_format(to, b));
	sb_adds(sb, "| Metric 指标 | Daily 每日 | Target 目标 | Days on target 达标天数 |\n"
		    "|---|---|---|--:|\n");
	size_t cap = (size_t)(to - from + 1);
	double *vals = xcalloc(cap, sizeof *vals), *tg = xcalloc(cap, sizeof *tg);
	bool *has = xcalloc(cap, sizeof *has), *has_t = xcalloc(cap, sizeof *has_t);
	for (size_t i = 0; i < v->cur.n; i++) {
		if (v->cur.defs[i].layer != LAYER_RESULT)
			continue;
		size_t n = report_daily(d, i, from, to, vals, has, tg, has_t, cap);
		char *sv, *st;
		bool any_t = false;
		for (size_t k = 0; k < n; k++)
			any_t |= has_t[k];
		sparks(vals, has, any_t ? tg : NULL, has_t, n, &sv, &st);
		size_t met, of;
		report_days_on_target(d, i, vals, has, tg, has_t, n, &met, &of);
		sb_adds(sb, "|");
		md_cell(sb, v->cur.defs[i].name);
		sb_printf(sb, " %s | %s", sv, any_t ? st : "—");
		/* A flat target line: say what it is. */
		double t0 = 0;
		bool flat = any_t;
		for (size_t k = 0, seen = 0; k < n && flat; k++) {
			if (!has_t[k])
				continue;
			if (seen++ && fabs(tg[k] - t0) > fabs(t0) * 1e-9)
				flat = false;
			t0 = tg[k];
		}
		if (flat) {
			char num[48];
			number_format(t0, v->cur.defs[i].unit, report_cjk(d, i), num, sizeof num);
			bool cumulative = d->metrics.board.rows[i].cumulative;
			sb_printf(sb, " %s%s", num, cumulative ? "/day" : "");
		}
		sb_adds(sb, " |");
		if (of)
			sb_printf(sb, " %zu / %zu |\n", met, of);
		else
			sb_adds(sb, " — |\n");
		free(sv);
		free(st);
	}
	free(vals);
	free(tg);
	free(has);
	free(has_t);
	sb_adds(sb, "\n");
}

static void achievement_bars(strbuf *sb, const report_data *d)
{
	size_t n;
	size_t *idx = report_by_achievement(d, &n);
	if (n) {
		sb_adds(sb, "### Metrics by achievement 达成率排序\n\n"
			    "| Metric 指标 | Achievement 达成率 | |\n|---|--:|---|\n");
		for (size_t k = 0; k < n; k++) {
			const metric_def *m = &d->metrics.cur.defs[idx[k]];
			const metric_figures *f = &d->metrics.board.rows[idx[k]];
			char pct[16];
			sb_adds(sb, "|");
			md_cell(sb, m->name);
			sb_printf(sb, " %s | ", number_format_pct(f->achievement, pct, sizeof pct));
			bar(sb, f->achievement);
			sb_adds(sb, " |\n");
		}
		sb_adds(sb, "\nA full bar is 100% of target.\n\n");
	}
	free(idx);
}

static void funnel(strbuf *sb, const report_data *d)
{
	size_t n;
	size_t *idx = report_funnel(d, &n);
	if (n) {
		const metric_view *v = &d->metrics;
		sb_adds(sb, "### Funnel 转化漏斗\n\n| Stage 环节 | Value 数值 | From previous 环节转化 |"
			    " Of first 整体转化 | |\n|---|--:|--:|--:|---|\n");
		const metric_figures *first = &v->board.rows[idx[0]];
		for (size_t k = 0; k < n; k++) {
			const metric_def *m = &v->cur.defs[idx[k]];
			const metric_figures *f = &v->board.rows[idx[k]];
			const metric_figures *prev = k ? &v->board.rows[idx[k - 1]] : NULL;
			char num[48] = "—", p1[16] = "—", p2[16] = "—";
			if (f->has_actual)
				number_format(f->actual, m->unit, report_cjk(d, idx[k]), num, sizeof num);
			if (prev && f->has_actual && prev->has_actual && prev->actual > 0)
				report_rate(f->actual / prev->actual, p1, sizeof p1);
			bool of_first = f->has_actual && first->has_actual && first->actual > 0;
			if (of_first)
				report_rate(f->actual / first->actual, p2, sizeof p2);
			sb_adds(sb, "|");
			md_cell(sb, m->name);
			sb_printf(sb, " %s | %s | %s | ", num, p1, p2);
			bar(sb, of_first ? f->actual / first->actual : 0);
			sb_adds(sb, " |\n");
		}
		sb_adds(sb, "\n");
	}
	free(idx);
}

static void highlights(strbuf *sb, const report_data *d)
{
	sb_adds(sb, "## Highlights 成果亮点\n\n");
	if (!d->review.n_highlights)
		sb_adds(sb, "_No highlights recorded._\n\n");
	for (size_t i = 0; i < d->review.n_highlights; i++) {
		const highlight_row *h = &d->review.highlights[i];
		sb_printf(sb, "%zu. **", i + 1);
		md_text(sb, h->text, false, "   ");
		sb_adds(sb, "**");
		long m = h->metric_key ? metric_view_find(&d->metrics, h->metric_key) : -1;
		if (m >= 0) {
			metric_cells cells;
			metric_cells_format(&d->metrics.cur.defs[m], &d->metrics.board.rows[m],
					    report_cjk(d, (size_t)m), &cells);
			sb_adds(sb, " (");
			md_text(sb, d->metrics.cur.defs[m].name, false, "");
			sb_printf(sb, " %s)", cells.achievement);
		}
		if (!str_empty(h->why)) {
			sb_adds(sb, "\\\n   Why 原因: ");
			md_text(sb, h->why, false, "   ");
		}
		sb_adds(sb, "\n");
	}
	if (d->review.n_highlights)
		sb_adds(sb, "\n");
}

static void problems(strbuf *sb, const report_data *d)
{
	const review_data *r = &d->review;
	sb_adds(sb, "## Problems and root causes 问题与根因\n\n");
	if (!r->n_problems) {
		sb_adds(sb, "_No problems recorded._\n\n");
		return;
	}
	sb_adds(sb, "| # | Problem 问题 | Impact 影响 | Root cause 根因 | Action 改进措施 |"
		    " Owner 责任人 | Deadline 完成时限 | Status 状态 |\n"
		    "|---|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < r->n_problems; i++) {
		const problem_row *p = &r->problems[i];
		sb_printf(sb, "| P%zu |", i + 1);
		md_cell(sb, p->description);
		sb_printf(sb, " %s |", report_choice(p->impact));
		md_cell(sb, p->root_cause);
		md_cell(sb, p->action);
		md_cell(sb, p->owner);
		sb_printf(sb, " %s | %s |\n", p->deadline ? p->deadline : "",
			  report_choice(p->status));
	}
	sb_adds(sb, "\n");
	bool heading = false;
	for (size_t i = 0; i < r->n_problems; i++) {
		const problem_row *p = &r->problems[i];
		const char *why[] = {p->why1, p->why2, p->why3, p->why4, p->why5};
		bool any = !str_empty(p->root_cause);
		for (size_t k = 0; k < 5; k++)
			any |= !str_empty(why[k]);
		if (!any)
			continue;
		if (!heading)
			sb_adds(sb, "### Five whys 5Why 分析\n\n");
		heading = true;
		sb_printf(sb, "**P%zu ", i + 1);
		md_text(sb, p->description, false, "");
		sb_adds(sb, "**\n\n");
		int k2 = 0;
		for (size_t k = 0; k < 5; k++) {
			if (str_empty(why[k]))
				continue;
			sb_printf(sb, "%d. Why? ", ++k2);
			md_text(sb, why[k], false, "   ");
			sb_adds(sb, "\n");
		}
		if (!str_empty(p->root_cause)) {
			sb_adds(sb, k2 ? "\n" : "");
			sb_adds(sb, "Root cause 根因: ");
			md_text(sb, p->root_cause, false, "");
			sb_adds(sb, "\n");
		}
		sb_adds(sb, "\n");
	}
}

static void plan(strbuf *sb, const report_data *d)
{
	const review_data *r = &d->review;
	sb_adds(sb, "## Improvement plan 改进计划\n\n");
	size_t n;
	size_t *idx = review_open_actions(r, &n);
	if (!n)
		sb_adds(sb, "_No open actions._\n\n");
	else
		sb_adds(sb, "| Owner 责任人 | Deadline 完成时限 | Action 改进措施 | Problem 问题 |"
			    " Status 状态 |\n|---|---|---|---|---|\n");
	for (size_t k = 0; k < n; k++) {
		const problem_row *p = &r->problems[idx[k]];
		sb_adds(sb, "|");
		md_cell(sb, str_empty(p->owner) ? "—" : p->owner);
		sb_printf(sb, " %s%s |", p->deadline ? p->deadline : "—",
			  problem_overdue(p, d->today) ? " **overdue 逾期**" : "");
		md_cell(sb, str_empty(p->action) ? "—" : p->action);
		sb_printf(sb, " P%zu |", idx[k] + 1);
		sb_printf(sb, " %s |\n", report_choice(p->status));
	}
	if (n)
		sb_adds(sb, "\n");
	free(idx);
}

static void lessons(strbuf *sb, const report_data *d)
{
	const review_data *r = &d->review;
	sb_adds(sb, "## Lessons 经验沉淀\n\n");
	if (!r->n_lessons) {
		sb_adds(sb, "_No lessons recorded._\n\n");
		return;
	}
	sb_adds(sb, "| Category 类别 | Lesson 经验内容 | Applies to 可复用场景 |"
		    " Standardise as 标准化建议 |\n|---|---|---|---|\n");
	for (size_t i = 0; i < r->n_lessons; i++) {
		const lesson_row *l = &r->lessons[i];
		sb_printf(sb, "| %s |", report_choice(l->category));
		md_cell(sb, l->content);
		md_cell(sb, l->scenarios);
		md_cell(sb, l->standardisation);
		sb_adds(sb, "\n");
	}
	sb_adds(sb, "\n");
}

char *report_markdown(const report_data *d)
{
	strbuf sb = STRBUF_INIT;
	overview(&sb, d);
	goals(&sb, d);
	daily_charts(&sb, d);
	achievement_bars(&sb, d);
	funnel(&sb, d);
	highlights(&sb, d);
	problems(&sb, d);
	plan(&sb, d);
	lessons(&sb, d);
	char day[16];
	sb_printf(&sb, "---\n\n_Generated by warroom on %s._\n", date_format(d->today, day));
	return sb_detach(&sb);
}
