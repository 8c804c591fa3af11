/* Metric figures from plain data: aggregation, formulas, achievement by
 * direction, pacing, thresholds, the weighted score, the change against
 * the baseline campaign, sparklines and the text of a metric row. The
 * rules are written out in include/warroom/metric_calc.h. */
#include "warroom/metric_calc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/formula.h"
#include "warroom/i18n.h"
#include "warroom/number.h"

/* Formulas may read formulas; this bounds the chain (import rejects
 * cycles, this only keeps a bad database from recursing forever). */
#define MAX_DEPTH 16
/* Deviations are compared with a little slack so that 7.2 % against 8 %
 * is exactly -10 %, not -10.000000000000002 %. */
#define EPS 1e-9

const char *metric_level_name(enum metric_level l)
{
	switch (l) {
	case LEVEL_OK: return "ok";
	case LEVEL_WARN: return "warn";
	case LEVEL_ALERT: return "alert";
	default: return "";
	}
}

const char *metric_level_glyph(enum metric_level l)
{
	switch (l) {
	case LEVEL_OK: return "✔";
	case LEVEL_WARN: return "!";
	case LEVEL_ALERT: return "✖";
	default: return " ";
	}
}

/* ---- series and aggregation --------------------------------------------- */

void metric_series_add(metric_series *s, wr_date day, double value)
{
	if (s->n && s->days[s->n - 1].day == day) {
		metric_day *d = &s->days[s->n - 1];
		d->n++;
		d->sum += value;
		d->last = value;
		return;
	}
	s->days = xgrow(s->days, &s->cap, s->n + 1, sizeof *s->days);
	s->days[s->n++] = (metric_day){.day = day, .n = 1, .sum = value, .last = value};
}

void metric_series_free(metric_series *s)
{
	if (!s)
		return;
	free(s->days);
	memset(s, 0, sizeof *s);
}

double metric_day_value(enum metric_aggregate a, const metric_day *d)
{
	switch (a) {
	case AGG_LAST: return d->last;
	case AGG_AVG: return d->n ? d->sum / d->n : 0;
	default: return d->sum;
	}
}

bool metric_aggregate_value(enum metric_aggregate a, const metric_day *days, size_t n,
			    wr_date through, double *out)
{
	size_t k = 0;
	double acc = 0;
	const metric_day *last = NULL;
	for (size_t i = 0; i < n; i++) {
		if (through != WR_DATE_NONE && days[i].day > through)
			break;
		k++;
		last = &days[i];
		acc += metric_day_value(a, &days[i]);
	}
	if (!k)
		return false;
	double v = a == AGG_LAST ? last->last : a == AGG_AVG ? acc / (double)k : acc;
	if (!isfinite(v))
		return false;
	*out = v;
	return true;
}

static const metric_day *find_day(const metric_series *s, wr_date day)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->days[lo].day == day ? &s->days[lo] : NULL;
}

/* ---- achievement and levels --------------------------------------------- */

bool metric_achievement(enum metric_direction d, double target, double actual, double *out)
{
	if (!isfinite(target) || !isfinite(actual) || target <= 0)
		return false;
	double v;
	if (d == DIR_DOWN) {
		if (actual <= 0)
			return false;
		v = target / actual;
	} else {
		v = actual / target;
	}
	if (!isfinite(v))
		return false;
	*out = v;
	return true;
}

enum metric_level metric_level_for(const metric_def *m, double deviation)
{
	double warn = m && m->has_warn ? m->warn : METRIC_DEFAULT_WARN;
	double alert = m && m->has_alert ? m->alert : METRIC_DEFAULT_ALERT;
	if (!isfinite(deviation))
		return LEVEL_NONE;
	if (deviation <= alert + EPS)
		return LEVEL_ALERT;
	if (deviation <= warn + EPS)
		return LEVEL_WARN;
	return LEVEL_OK;
}

/* ---- pacing -------------------------------------------------------------- */

static double share_through(wr_date start, wr_date end, wr_date day)
{
	if (end < start || day < start)
		return 0;
	if (day >= end)
		return 1;
	return (double)(day - start + 1) / (double)(end - start + 1);
}

bool metric_target_through(const metric_def *m, const metric_clock *c, wr_date day,
			   double *amount)
{
	if (!m->has_target || day < c->start)
		return false;
	if (m->n_phase_targets && c->n_phases) {
		double acc = 0;
		bool any = false;
		for (size_t i = 0; i < m->n_phase_targets; i++) {
			for (size_t j = 0; j < c->n_phases; j++) {
				const phase_def *p = &c->phases[j];
				if (!str_eq(p->name, m->phase_targets[i].phase))
					continue;
				acc += m->phase_targets[i].target * share_through(p->start, p->end, day);
				any = true;
			}
		}
		if (any) {
			*amount = acc;
			return true;
		}
	}
	*amount = m->target * share_through(c->start, c->end, day);
	return true;
}

bool metric_daily_target(const metric_def *m, bool cumulative, const metric_clock *c,
			 wr_date day, double *out)
{
	if (!m->has_target)
		return false;
	if (!cumulative) {
		*out = m->target;
		return true;
	}
	if (day < c->start || day > c->end)
		return false;
	if (m->n_phase_targets && c->n_phases) {
		for (size_t i = 0; i < m->n_phase_targets; i++) {
			for (size_t j = 0; j < c->n_phases; j++) {
				const phase_def *p = &c->phases[j];
				if (str_eq(p->name, m->phase_targets[i].phase) && day >= p->start &&
				    day <= p->end) {
					*out = m->phase_targets[i].target / (double)(p->end - p->start + 1);
					return true;
				}
			}
		}
		/* A day outside every phase with a target carries none of it. */
		*out = 0;
		return true;
	}
	*out = m->target / (double)(c->end - c->start + 1);
	return true;
}

/* ---- formulas ------------------------------------------------------------ */

static long find_key(const metric_set *set, const char *key)
{
	for (size_t i = 0; i < set->n; i++)
		if (str_eq(set->defs[i].key, key))
			return (long)i;
	return -1;
}

static bool is_feedback_source(const metric_def *m)
{
	return m->source && str_starts(m->source, "feedback.");
}

typedef struct eval_ctx {
	const metric_set *set;
	wr_date day;     /* one day, or WR_DATE_NONE for the aggregate */
	wr_date through; /* the aggregate's last day, or WR_DATE_NONE */
	int depth;
} eval_ctx;

static bool value_of(const metric_set *set, size_t i, wr_date day, wr_date through, int depth,
		     double *out);

static bool lookup_input(void *vctx, size_t idx, const char *ident, double *value)
{
	WR_UNUSED(idx);
	eval_ctx *c = vctx;
	long j = find_key(c->set, ident);
	if (j < 0)
		return false;
	return value_of(c->set, (size_t)j, c->day, c->through, c->depth + 1, value);
}

static bool value_of(const metric_set *set, size_t i, wr_date day, wr_date through, int depth,
		     double *out)
{
	if (depth > MAX_DEPTH)
		return false;
	const metric_def *m = &set->defs[i];
	const metric_series *s = &set->series[i];
	if (!str_empty(m->formula)) {
		formula *f = formula_parse(m->formula, NULL, 0, NULL);
		if (!f)
			return false;
		eval_ctx c = {set, day, through, depth};
		bool ok = formula_eval(f, lookup_input, &c, out);
		formula_free(f);
		return ok;
	}
	if (s->has_fixed) {
		if (day != WR_DATE_NONE)
			return false; /* a statistic has no daily series here */
		*out = s->fixed;
		return true;
	}
	if (day != WR_DATE_NONE) {
		const metric_day *d = find_day(s, day);
		if (!d)
			return false;
		*out = metric_day_value(m->aggregate, d);
		return true;
	}
	return metric_aggregate_value(m->aggregate, s->days, s->n, through, out);
}

static bool formula_is_additive(const char *text)
{
	return text && !strchr(text, '*') && !strchr(text, '/');
}

static bool cumulative_at(const metric_set *set, size_t i, int depth)
{
	if (depth > MAX_DEPTH)
		return false;
	const metric_def *m = &set->defs[i];
	if (str_empty(m->formula))
		return m->aggregate == AGG_SUM && !set->series[i].has_fixed && !is_feedback_source(m);
	if (!formula_is_additive(m->formula))
		return false;
	formula *f = formula_parse(m->formula, NULL, 0, NULL);
	if (!f)
		return false;
	bool all = formula_n_idents(f) > 0;
	for (size_t k = 0; all && k < formula_n_idents(f); k++) {
		long j = find_key(set, formula_ident(f, k));
		all = j >= 0 && cumulative_at(set, (size_t)j, depth + 1);
	}
	formula_free(f);
	return all;
}

bool metric_is_cumulative(const metric_set *set, size_t i)
{
	return i < set->n && cumulative_at(set, i, 0);
}

/* ---- the board ----------------------------------------------------------- */

static void compute_row(const metric_set *set, size_t i, const metric_set *base,
			metric_figures *r)
{
	const metric_def *m = &set->defs[i];
	const metric_clock *c = &set->clock;
	memset(r, 0, sizeof *r);
	r->cumulative = metric_is_cumulative(set, i);
	/* Values dated after today (a typo, or --today in the past) do not count. */
	r->has_actual = value_of(set, i, WR_DATE_NONE, c->today, 0, &r->actual);
	if (r->has_actual && m->has_target)
		r->has_achievement = metric_achievement(m->direction, m->target, r->actual,
							 &r->achievement);
	if (r->has_achievement && c->today >= c->start) {
		if (c->today > c->end || !r->cumulative) {
			r->has_pace = true;
			r->pace = r->achievement;
		} else {
			/* Due by the end of yesterday: today's figures are not
			 * complete until the day is over. */
			if (metric_target_through(m, c, c->today - 1, &r->target_to_date) &&
			    r->target_to_date > 0) {
				r->has_target_to_date = true;
				/* Lower is better (spend against a budget): today's
				 * partial figures would count against a target that
				 * does not include today yet, so compare the days that
				 * are over on both sides. */
				double actual = r->actual;
				if (m->direction == DIR_DOWN &&
				    !value_of(set, i, WR_DATE_NONE, c->today - 1, 0, &actual))
					actual = 0;
				r->has_pace = metric_achievement(m->direction, r->target_to_date,
								 actual, &r->pace);
				/* target / actual against the whole budget means
				 * nothing half way through a run (80万 / 25万 = 312%):
				 * until the end, a cumulative lower-is-better metric is
				 * achieved as far as it is on pace. */
				if (m->direction == DIR_DOWN) {
					r->has_achievement = r->has_pace;
					r->achievement = r->pace;
				}
			}
		}
	}
	if (r->has_pace) {
		r->deviation = r->pace - 1;
		r->level = metric_level_for(m, r->deviation);
	}
	if (base && r->has_actual && c->today >= c->start) {
		long j = find_key(base, m->key);
		wr_date through = WR_DATE_NONE;
		if (c->today <= c->end)
			through = base->clock.start + (c->today - c->start);
		if (j >= 0 && value_of(base, (size_t)j, WR_DATE_NONE, through, 0, &r->baseline)) {
			r->has_baseline = true;
			if (r->baseline != 0) {
				double ch = (r->actual - r->baseline) / fabs(r->baseline);
				if (isfinite(ch)) {
					r->has_change = true;
					r->change = ch;
				}
			}
		}
	}
}

void metric_board_compute(const metric_set *cur, const metric_set *base, metric_board *out)
{
	memset(out, 0, sizeof *out);
	out->n = cur->n;
	out->rows = xcalloc(cur->n ? cur->n : 1, sizeof *out->rows);
	double wsum = 0, acc = 0;
	for (size_t i = 0; i < cur->n; i++) {
		metric_figures *r = &out->rows[i];
		compute_row(cur, i, base, r);
		switch (r->level) {
		case LEVEL_OK: out->n_ok++; break;
		case LEVEL_WARN: out->n_warn++; break;
		case LEVEL_ALERT: out->n_alert++; break;
		default: break;
		}
		double w = cur->defs[i].weight;
		if (!(w > 0) || !isfinite(w))
			continue;
		out->n_weighted++;
		if (!r->has_pace)
			continue;
		double p = r->pace < 0 ? 0 : r->pace > METRIC_SCORE_CAP ? METRIC_SCORE_CAP : r->pace;
		acc += w * p;
		wsum += w;
		out->n_scored++;
	}
	if (wsum > 0) {
		out->has_score = true;
		out->score = acc / wsum;
	}
}

void metric_board_free(metric_board *b)
{
	if (!b)
		return;
	free(b->rows);
	memset(b, 0, sizeof *b);
}

/* ---- daily values and sparklines ----------------------------------------- */

size_t metric_daily_values(const metric_set *set, size_t i, wr_date from, wr_date to,
			   double *vals, bool *has, size_t cap)
{
	size_t n = 0;
	if (i >= set->n || from == WR_DATE_NONE || to == WR_DATE_NONE)
		return 0;
	for (wr_date d = from; d <= to && n < cap; d++, n++) {
		has[n] = value_of(set, i, d, WR_DATE_NONE, 0, &vals[n]);
		if (!has[n])
			vals[n] = 0;
	}
	return n;
}

bool metric_spark_range(const metric_clock *c, size_t width, wr_date *from, wr_date *to)
{
	if (width == 0 || c->today < c->start)
		return false;
	if (width > METRIC_SPARK_MAX)
		width = METRIC_SPARK_MAX;
	*to = c->today < c->end ? c->today : c->end;
	*from = *to - (wr_date)width + 1;
	if (*from < c->start)
		*from = c->start;
	return true;
}

char *metric_sparkline(const double *vals, const bool *has, size_t n, char *buf, size_t size)
{
	static const char *const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	double lo = 0, hi = 0;
	bool any = false;
	for (size_t k = 0; k < n; k++) {
		if (!has[k])
			continue;
		if (!any || vals[k] < lo)
			lo = vals[k];
		if (!any || vals[k] > hi)
			hi = vals[k];
		any = true;
	}
	size_t len = 0;
	if (size)
		buf[0] = '\0';
	for (size_t k = 0; k < n; k++) {
		const char *g = " ";
		if (has[k]) {
			int level;
			if (hi - lo <= fabs(hi) * 1e-12)
				level = hi == 0 ? 0 : 3;
			else
				level = (int)lround((vals[k] - lo) / (hi - lo) * 7.0);
			g = bars[level < 0 ? 0 : level > 7 ? 7 : level];
		}
		size_t gl = strlen(g);
		if (len + gl + 1 > size)
			break;
		memcpy(buf + len, g, gl);
		len += gl;
		buf[len] = '\0';
	}
	return buf;
}

/* ---- text ---------------------------------------------------------------- */

char *metric_format_signed_pct(double fraction, char *buf, size_t size)
{
	if (!isfinite(fraction)) {
		snprintf(buf, size, "—");
		return buf;
	}
	char tmp[32];
	number_format_pct(fraction, tmp, sizeof tmp);
	if (strcmp(tmp, "0%") == 0 || tmp[0] == '-')
		snprintf(buf, size, "%s", tmp);
	else
		snprintf(buf, size, "+%s", tmp);
	return buf;
}

bool metric_prefers_cjk(const char *currency, const char *unit)
{
	bool by_campaign = false;
	if (currency && (strcmp(currency, "CNY") == 0 || strcmp(currency, "RMB") == 0 ||
			 strcmp(currency, "元") == 0 || strcmp(currency, "人民币") == 0))
		by_campaign = true;
	if (unit)
		for (const unsigned char *p = (const unsigned char *)unit; *p; p++)
			if (*p >= 0x80)
				by_campaign = true;
	return number_prefers_cjk(by_campaign);
}

void metric_cells_format(const metric_def *m, const metric_figures *f, bool cjk,
			 metric_cells *out)
{
	static const char none[] = "—";
	memset(out, 0, sizeof *out);
	if (m->has_target)
		number_format(m->target, m->unit, cjk, out->target, sizeof out->target);
	else
		snprintf(out->target, sizeof out->target, "%s", none);
	if (f->has_actual)
		number_format(f->actual, m->unit, cjk, out->actual, sizeof out->actual);
	else
		snprintf(out->actual, sizeof out->actual, "%s", none);
	if (f->has_achievement)
		number_format_pct(f->achievement, out->achievement, sizeof out->achievement);
	else
		snprintf(out->achievement, sizeof out->achievement, "%s", none);
	if (f->has_pace) {
		number_format_pct(f->pace, out->pace, sizeof out->pace);
		metric_format_signed_pct(f->deviation, out->deviation, sizeof out->deviation);
	} else {
		snprintf(out->pace, sizeof out->pace, "%s", none);
		snprintf(out->deviation, sizeof out->deviation, "%s", none);
	}
	if (f->has_change)
		metric_format_signed_pct(f->change, out->change, sizeof out->change);
	else
		snprintf(out->change, sizeof out->change, "%s", none);
	if (m->weight > 0 && m->weight <= 1)
		number_format_pct(m->weight, out->weight, sizeof out->weight);
	else if (m->weight > 0)
		number_format(m->weight, NULL, false, out->weight, sizeof out->weight);
	else
		out->weight[0] = '\0';
	snprintf(out->level, sizeof out->level, "%s", metric_level_name(f->level));
	out->glyph = metric_level_glyph(f->level);
}

/* ---- input ---------------------------------------------------------------- */

bool metric_parse_value(const char *unit, const char *text, double *out, char *why,
			size_t why_size)
{
	double v;
	enum number_kind kind;
	if (!number_parse(text, &v, &kind)) {
		snprintf(why, why_size, _("'%s' is not a number (examples: 35万, 1.2亿, 10k, 7.2%%)"),
			 text ? text : "");
		return false;
	}
	if (str_eq(unit, "%") && kind == NUMBER_PLAIN && fabs(v) > 1) {
		snprintf(why, why_size, _("'%s' for a percentage: write it with %% (e.g. %s%%)"), text,
			 text);
		return false;
	}
	*out = v;
	return true;
}

bool metric_parse_at(const char *text, char out[20], wr_date *day)
{
	wr_date d;
	int secs;
	if (!text || !datetime_parse(text, &d, &secs))
		return false;
	while (*text == ' ')
		text++;
	if (strlen(text) > 10)
		datetime_format(d, secs, out);
	else
		date_format(d, out);
	if (day)
		*day = d;
	return true;
}
