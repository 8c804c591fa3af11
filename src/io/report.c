/* What both report renderings share: loading the campaign, its review and
 * its metric figures in one place, and the choices of what a chart shows
 * (funnel stages, metrics by achievement, the days of a daily chart). */
#include "warroom/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/number.h"

enum store_rc report_load(store *s, const char *key, wr_date today, report_data *out)
{
	memset(out, 0, sizeof *out);
	out->today = today;
	enum store_rc rc = store_campaign_get(s, key, &out->campaign);
	if (rc != STORE_OK)
		return rc;
	rc = store_review_load(s, out->campaign.id, &out->review);
	if (rc == STORE_OK)
		rc = store_metric_view(s, out->campaign.id, today, &out->metrics);
	if (rc != STORE_OK)
		report_data_free(out);
	return rc;
}

void report_data_free(report_data *d)
{
	if (!d)
		return;
	campaign_row_free(&d->campaign);
	review_data_free(&d->review);
	metric_view_free(&d->metrics);
	memset(d, 0, sizeof *d);
}

size_t *report_funnel(const report_data *d, size_t *n)
{
	/* The review's notes list the metrics in definition order. */
	const metric_view *v = &d->metrics;
	size_t *idx = xcalloc(v->cur.n ? v->cur.n : 1, sizeof *idx);
	*n = 0;
	for (size_t k = 0; k < d->review.n_notes; k++) {
		long i = metric_view_find(v, d->review.notes[k].metric_key);
		if (i >= 0 && v->cur.defs[i].funnel)
			idx[(*n)++] = (size_t)i;
	}
	if (*n < 2)
		*n = 0;
	return idx;
}

static const report_data *sort_ctx;

static int cmp_achievement(const void *a, const void *b)
{
	const metric_figures *x = &sort_ctx->metrics.board.rows[*(const size_t *)a];
	const metric_figures *y = &sort_ctx->metrics.board.rows[*(const size_t *)b];
	if (x->achievement != y->achievement)
		return x->achievement < y->achievement ? 1 : -1;
	/* Ties keep the metric order. */
	return (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

size_t *report_by_achievement(const report_data *d, size_t *n)
{
	const metric_view *v = &d->metrics;
	size_t *idx = xcalloc(v->cur.n ? v->cur.n : 1, sizeof *idx);
	*n = 0;
	for (size_t i = 0; i < v->cur.n && i < v->board.n; i++)
		if (v->board.rows[i].has_achievement)
			idx[(*n)++] = i;
	sort_ctx = d;
	qsort(idx, *n, sizeof *idx, cmp_achievement);
	sort_ctx = NULL;
	return idx;
}

bool report_chart_days(const report_data *d, wr_date *from, wr_date *to)
{
	const metric_data *c = &d->metrics.cur;
	if (c->start == WR_DATE_NONE || d->today < c->start)
		return false;
	*from = c->start;
	*to = d->today < c->end ? d->today : c->end;
	return true;
}

const char *report_note(const report_data *d, const char *key)
{
	for (size_t k = 0; k < d->review.n_notes; k++)
		if (str_eq(d->review.notes[k].metric_key, key))
			return d->review.notes[k].note;
	return NULL;
}

bool report_cjk(const report_data *d, size_t i)
{
	return metric_prefers_cjk(d->campaign.currency, d->metrics.cur.defs[i].unit);
}

const char *report_choice(const char *c)
{
	static const char *const map[][2] = {
		/* TRANSLATORS: a problem's impact and status and a lesson's
		 * category in the report; the English report adds the Chinese
		 * word, a Chinese catalogue gives it alone. */
		{"high", N_("high 高")}, {"medium", N_("medium 中")}, {"low", N_("low 低")},
		{"open", N_("open 待办")}, {"in-progress", N_("in progress 进行中")},
		{"done", N_("done 已完成")}, {"strategy", N_("strategy 策略")},
		{"execution", N_("execution 执行")}, {"resources", N_("resources 资源")},
		{"tools", N_("tools 工具")},
	};
	for (size_t i = 0; i < ARRAY_LEN(map); i++)
		if (str_eq(c, map[i][0]))
			return _(map[i][1]);
	return c ? c : "";
}

const char *report_layer(enum metric_layer l)
{
	switch (l) {
	case LAYER_RESULT: return _("result 结果");
	case LAYER_PROCESS: return _("process 过程");
	case LAYER_AUXILIARY: return _("auxiliary 辅助");
	}
	return "";
}

size_t report_daily(const report_data *d, size_t i, wr_date from, wr_date to, double *vals,
		    bool *has, double *targets, bool *has_t, size_t cap)
{
	metric_set set = metric_view_set(&d->metrics);
	size_t n = metric_daily_values(&set, i, from, to, vals, has, cap);
	bool cumulative = i < d->metrics.board.n && d->metrics.board.rows[i].cumulative;
	for (size_t k = 0; k < n; k++)
		has_t[k] = metric_daily_target(&set.defs[i], cumulative, &set.clock, from + (wr_date)k,
					       &targets[k]);
	return n;
}

void report_days_on_target(const report_data *d, size_t i, const double *vals, const bool *has,
			   const double *targets, const bool *has_t, size_t n, size_t *met,
			   size_t *of)
{
	bool down = d->metrics.cur.defs[i].direction == DIR_DOWN;
	*met = *of = 0;
	for (size_t k = 0; k < n; k++) {
		if (!has[k] || !has_t[k])
			continue;
		(*of)++;
		if (down ? vals[k] <= targets[k] : vals[k] >= targets[k])
			(*met)++;
	}
}

char *report_rate(double f, char *buf, size_t size)
{
	double p = f * 100;
	if (!isfinite(p) || p == 0 || fabs(p) >= 0.1)
		return number_format_pct(f, buf, size);
	int decimals = (int)ceil(-log10(fabs(p))) + 1;
	if (decimals > 8)
		decimals = 8;
	snprintf(buf, size, "%.*f", decimals, p);
	/* No trailing zeros: 0.030 -> 0.03. */
	size_t l = strlen(buf);
	while (l > 1 && buf[l - 1] == '0')
		buf[--l] = '\0';
	if (l + 1 < size) {
		buf[l] = '%';
		buf[l + 1] = '\0';
	}
	return buf;
}
