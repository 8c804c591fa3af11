/* The report as Markdown (GitHub-flavoured): tables with pipes, text
 * sparklines and bars. User text is sanitised (no control characters) and
 * its Markdown punctuation escaped, so a problem's text can neither break
 * a table nor turn into markup or raw HTML when the file is rendered. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
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

/* User text escaped as md_text does, to be put into a translated sentence. */
static char *md_esc_indent(const char *s, bool cell, const char *indent)
{
	strbuf t = STRBUF_INIT;
	sb_adds(&t, "");
	md_text(&t, s, cell, indent);
	return sb_detach(&t);
}

static char *md_esc(const char *s, bool cell)
{
	return md_esc_indent(s, cell, "");
}

/* A heading, the label translated. */
static void md_heading(strbuf *sb, const char *hashes, const char *label)
{
	sb_printf(sb, "%s %s\n\n", hashes, _(label));
}

/* A remark in italics for an empty section. */
static void md_none(strbuf *sb, const char *msg)
{
	sb_printf(sb, "_%s_\n\n", _(msg));
}

/* A table's header row with the translated labels, then its alignment row. */
static void md_head(strbuf *sb, const char *const *labels, size_t n, const char *align)
{
	sb_adds(sb, "|");
	for (size_t i = 0; i < n; i++)
		sb_printf(sb, " %s |", _(labels[i]));
	sb_printf(sb, "\n%s\n", align);
}

/* The first cell of an overview row. */
static void md_fact(strbuf *sb, const char *label)
{
	sb_printf(sb, "| %s |", _(label));
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
	char *name = md_esc(c->name, false);
	sb_adds(sb, "# ");
	/* TRANSLATORS: the report's title; the English report names each
	 * heading in both languages, a Chinese one needs only the Chinese. */
	sb_printf(sb, _("复盘报告 Campaign review: %s"), name);
	free(name);
	sb_adds(sb, "\n\n| | |\n|---|---|\n");
	/* TRANSLATORS: the report's labels and headings: the English report
	 * gives the Chinese word after the English one, a Chinese catalogue
	 * gives the Chinese alone. */
	md_fact(sb, N_("Campaign 活动"));
	md_cell(sb, c->key);
	char a[16], b[16];
	sb_printf(sb, "\n| %s | ", _("Period 周期"));
	/* TRANSLATORS: a campaign's first and last day and its length. */
	sb_printf(sb, _("%s – %s (%d days)"), date_format(c->start, a), date_format(c->end, b),
		  (int)(c->end - c->start + 1));
	sb_adds(sb, " |\n");
	if (!str_empty(c->owner)) {
		md_fact(sb, N_("Owner 负责人"));
		md_cell(sb, c->owner);
		sb_adds(sb, "\n");
	}
	if (!str_empty(c->type)) {
		md_fact(sb, N_("Type 类型"));
		md_cell(sb, c->type);
		sb_adds(sb, "\n");
	}
	if (c->has_budget) {
		char num[48];
		number_format(c->budget, NULL, metric_prefers_cjk(c->currency, NULL), num, sizeof num);
		md_fact(sb, N_("Budget 预算"));
		sb_printf(sb, " %s", num);
		if (!str_empty(c->currency)) {
			sb_adds(sb, " ");
			md_text(sb, c->currency, true, "");
		}
		sb_adds(sb, " |\n");
	}
	if (!str_empty(c->channels)) {
		md_fact(sb, N_("Channels 渠道"));
		md_cell(sb, c->channels);
		sb_adds(sb, "\n");
	}
	if (!str_empty(c->audience)) {
		md_fact(sb, N_("Audience 人群"));
		md_cell(sb, c->audience);
		sb_adds(sb, "\n");
	}
	if (d->metrics.board.has_score) {
		char pct[16];
		md_fact(sb, N_("Score 综合得分"));
		sb_adds(sb, " ");
		sb_printf(sb, _("%s (weighted, pace capped at 120%%)"),
			  number_format_pct(d->metrics.board.score, pct, sizeof pct));
		sb_adds(sb, " |\n");
	}
	md_fact(sb, N_("Review 复盘"));
	sb_adds(sb, " ");
	/* TRANSLATORS: "final 定稿" or "draft 草稿", then the review's version. */
	sb_printf(sb, _("%s, version %lld"), h->is_final ? _("final 定稿") : _("draft 草稿"),
		  (long long)h->version);
	if (h->updated_by) {
		char *by = md_esc(h->updated_by, true), *at = md_esc(h->updated_at, true);
		/* TRANSLATORS: follows "draft, version 3": who saved the review, when. */
		sb_printf(sb, _(", last changed by %s at %s"), by, at);
		free(by);
		free(at);
	}
	sb_adds(sb, " |\n\n");
	md_heading(sb, "##", N_("Overview 活动概述"));
	if (str_empty(h->overview))
		md_none(sb, N_("No overview written yet."));
	else {
		md_text(sb, h->overview, false, "");
		sb_adds(sb, "\n\n");
	}
}

static void goals(strbuf *sb, const report_data *d)
{
	const metric_view *v = &d->metrics;
	md_heading(sb, "##", N_("Goal achievement 目标达成"));
	if (v->cur.n == 0) {
		md_none(sb, N_("The campaign defines no metrics."));
		return;
	}
	static const char *const head[] = {N_("Metric 指标"), N_("Layer 层级"), N_("Target 目标"),
					   N_("Actual 实际"), N_("Achievement 达成率"),
					   N_("vs baseline 同比"), N_("Last days 走势"),
					   N_("Analysis 分析说明")};
	md_head(sb, head, ARRAY_LEN(head), "|---|---|--:|--:|--:|--:|---|---|");
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
		char *base = md_esc(v->cur.baseline, false);
		sb_adds(sb, "\n");
		/* TRANSLATORS: the campaign the metrics are compared with. */
		sb_printf(sb, _("Baseline 对比基准: %s"), base);
		free(base);
		sb_printf(sb, "%s\n", v->has_base ? _(", at the same day of its run.")
					       : _(" (not in the database)."));
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
	md_heading(sb, "###", N_("Daily results against target 结果指标每日走势"));
	if (!report_chart_days(d, &from, &to)) {
		md_none(sb, N_("The campaign has not started."));
		return;
	}
	if (to - from + 1 > MD_SPARK_DAYS)
		from = to - MD_SPARK_DAYS + 1;
	char a[16], b[16];
	sb_printf(sb, _("Days %s – %s, one glyph per day on one scale with its daily target"
			" (· no value)."), date_format(from, a), date_format(to, b));
	sb_adds(sb, "\n\n");
	static const char *const head[] = {N_("Metric 指标"), N_("Daily 每日"), N_("Target 目标"),
					   N_("Days on target 达标天数")};
	md_head(sb, head, ARRAY_LEN(head), "|---|---|---|--:|");
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
			/* TRANSLATORS: after a daily target, as in "5万/day". */
			sb_printf(sb, " %s%s", num, cumulative ? _("/day") : "");
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
		md_heading(sb, "###", N_("Metrics by achievement 达成率排序"));
		static const char *const head[] = {N_("Metric 指标"), N_("Achievement 达成率")};
		sb_adds(sb, "|");
		for (size_t i = 0; i < ARRAY_LEN(head); i++)
			sb_printf(sb, " %s |", _(head[i]));
		sb_adds(sb, " |\n|---|--:|---|\n");
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
		/* xgettext:no-c-format */
		sb_printf(sb, "\n%s\n\n", _("A full bar is 100% of target."));
	}
	free(idx);
}

static void funnel(strbuf *sb, const report_data *d)
{
	size_t n;
	size_t *idx = report_funnel(d, &n);
	if (n) {
		const metric_view *v = &d->metrics;
		md_heading(sb, "###", N_("Funnel 转化漏斗"));
		static const char *const head[] = {N_("Stage 环节"), N_("Value 数值"),
						   N_("From previous 环节转化"), N_("Of first 整体转化")};
		sb_adds(sb, "|");
		for (size_t i = 0; i < ARRAY_LEN(head); i++)
			sb_printf(sb, " %s |", _(head[i]));
		sb_adds(sb, " |\n|---|--:|--:|--:|---|\n");
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
	md_heading(sb, "##", N_("Highlights 成果亮点"));
	if (!d->review.n_highlights)
		md_none(sb, N_("No highlights recorded."));
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
			char *why = md_esc_indent(h->why, false, "   ");
			sb_adds(sb, "\\\n   ");
			/* TRANSLATORS: why a highlight worked, under it. */
			sb_printf(sb, _("Why 原因: %s"), why);
			free(why);
		}
		sb_adds(sb, "\n");
	}
	if (d->review.n_highlights)
		sb_adds(sb, "\n");
}

static void problems(strbuf *sb, const report_data *d)
{
	const review_data *r = &d->review;
	md_heading(sb, "##", N_("Problems and root causes 问题与根因"));
	if (!r->n_problems) {
		md_none(sb, N_("No problems recorded."));
		return;
	}
	static const char *const head[] = {N_("Problem 问题"), N_("Impact 影响"),
					   N_("Root cause 根因"), N_("Action 改进措施"),
					   N_("Owner 责任人"), N_("Deadline 完成时限"), N_("Status 状态")};
	sb_adds(sb, "| # |");
	for (size_t i = 0; i < ARRAY_LEN(head); i++)
		sb_printf(sb, " %s |", _(head[i]));
	sb_adds(sb, "\n|---|---|---|---|---|---|---|---|\n");
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
			md_heading(sb, "###", N_("Five whys 5Why 分析"));
		heading = true;
		sb_printf(sb, "**P%zu ", i + 1);
		md_text(sb, p->description, false, "");
		sb_adds(sb, "**\n\n");
		int k2 = 0;
		for (size_t k = 0; k < 5; k++) {
			if (str_empty(why[k]))
				continue;
			char *w = md_esc_indent(why[k], false, "   ");
			sb_printf(sb, "%d. ", ++k2);
			/* TRANSLATORS: each of the five whys of a problem. */
			sb_printf(sb, _("Why? %s"), w);
			free(w);
			sb_adds(sb, "\n");
		}
		if (!str_empty(p->root_cause)) {
			sb_adds(sb, k2 ? "\n" : "");
			char *rc = md_esc(p->root_cause, false);
			sb_printf(sb, _("Root cause 根因: %s"), rc);
			free(rc);
			sb_adds(sb, "\n");
		}
		sb_adds(sb, "\n");
	}
}

static void plan(strbuf *sb, const report_data *d)
{
	const review_data *r = &d->review;
	md_heading(sb, "##", N_("Improvement plan 改进计划"));
	size_t n;
	size_t *idx = review_open_actions(r, &n);
	static const char *const head[] = {N_("Owner 责任人"), N_("Deadline 完成时限"),
					   N_("Action 改进措施"), N_("Problem 问题"), N_("Status 状态")};
	if (!n)
		md_none(sb, N_("No open actions."));
	else
		md_head(sb, head, ARRAY_LEN(head), "|---|---|---|---|---|");
	for (size_t k = 0; k < n; k++) {
		const problem_row *p = &r->problems[idx[k]];
		sb_adds(sb, "|");
		md_cell(sb, str_empty(p->owner) ? "—" : p->owner);
		sb_printf(sb, " %s", p->deadline ? p->deadline : "—");
		if (problem_overdue(p, d->today))
			sb_printf(sb, " **%s**", _("overdue 逾期"));
		sb_adds(sb, " |");
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
	md_heading(sb, "##", N_("Lessons 经验沉淀"));
	if (!r->n_lessons) {
		md_none(sb, N_("No lessons recorded."));
		return;
	}
	static const char *const head[] = {N_("Category 类别"), N_("Lesson 经验内容"),
					   N_("Applies to 可复用场景"), N_("Standardise as 标准化建议")};
	md_head(sb, head, ARRAY_LEN(head), "|---|---|---|---|");
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
	sb_adds(&sb, "---\n\n_");
	sb_printf(&sb, _("Generated by warroom on %s."), date_format(d->today, day));
	sb_adds(&sb, "_\n");
	return sb_detach(&sb);
}
