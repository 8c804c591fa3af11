/* Metric figures: what the Metrics pane, `warroom metrics` and the risk scan
 * show for each metric, computed from plain data with no I/O.
 *
 * Values arrive as a per-day series (metric_day). From it:
 *   actual       sum: every value added; last: the latest value (by time,
 *                then by the order recorded); avg: the mean of daily values,
 *                where a day's value is the mean of that day's values, so a
 *                day recorded hourly weighs as much as a day recorded once.
 *                Formula metrics are computed from their inputs' actuals.
 *   achievement  up: actual / target; down (cost, CAC): target / actual.
 *   pace         the achievement against the target due by now. Only
 *                cumulative metrics (sum, or a formula that only adds and
 *                subtracts cumulative metrics) are paced; for them the target
 *                to date is the target prorated to the days elapsed, or with
 *                per-phase targets the targets of finished phases plus the
 *                prorated share of the current one. The days elapsed are the
 *                days that are over: today's figures are not complete until
 *                the day ends, so a partial day (a morning import) never
 *                turns a metric red; what is recorded today still counts in
 *                the actual. On the first day nothing is due yet. Other
 *                metrics: pace = achievement. Before the start there is no
 *                pace; after the end pace = achievement.
 *   deviation    pace - 1.
 *   level        ok when deviation > warn, warn when alert < deviation <=
 *                warn, alert when deviation <= alert (defaults -10 % and
 *                -20 %, per-metric overrides in the definition). No target,
 *                no value or no pace: no level.
 *   change       against the baseline campaign's metric with the same key,
 *                at the same day of its run while this campaign runs,
 *                (actual - baseline) / |baseline|.
 *   score        sum(weight * min(pace, 120 %)) / sum(weight) over weighted
 *                metrics that have a pace; the cap keeps one metric far
 *                above target from hiding others below it.
 * Nothing here produces inf or NaN: a quotient by zero is "no value". */
#ifndef WARROOM_METRIC_CALC_H
#define WARROOM_METRIC_CALC_H

#include <stdbool.h>
#include <stddef.h>

#include "warroom/campaign.h"
#include "warroom/date.h"

#define METRIC_DEFAULT_WARN (-0.10)
#define METRIC_DEFAULT_ALERT (-0.20)
#define METRIC_SCORE_CAP 1.20
#define METRIC_SPARK_MAX 32

enum metric_level { LEVEL_NONE = 0, LEVEL_OK, LEVEL_WARN, LEVEL_ALERT };

/* "ok" / "warn" / "alert", "" for none. */
const char *metric_level_name(enum metric_level l);
/* A glyph that keeps the meaning without colour: ✔ ! ✖, " " for none. */
const char *metric_level_glyph(enum metric_level l);

/* The values of one metric on one day. */
typedef struct metric_day {
	wr_date day;
	int n;       /* number of values */
	double sum;  /* their sum */
	double last; /* the latest (by time, then by id) */
} metric_day;

/* A metric's values, days ascending with at least one value each. A series
 * may instead carry a value computed elsewhere (feedback statistics). */
typedef struct metric_series {
	metric_day *days;
	size_t n, cap;
	bool has_fixed;
	double fixed;
	char last_at[20]; /* latest "YYYY-MM-DD[ HH:MM:SS]", "" when none */
} metric_series;

/* Adds one value (values must arrive in time order). */
void metric_series_add(metric_series *s, wr_date day, double value);
void metric_series_free(metric_series *s);

/* The value of one day: its sum, last value or mean. */
double metric_day_value(enum metric_aggregate a, const metric_day *d);
/* The aggregate over the days up to and including `through`
 * (WR_DATE_NONE: all days). False when there is no value. */
bool metric_aggregate_value(enum metric_aggregate a, const metric_day *days, size_t n,
			    wr_date through, double *out);

/* Achievement by direction; false when it is undefined (no positive
 * target, or a down metric at zero). */
bool metric_achievement(enum metric_direction d, double target, double actual, double *out);
/* The level for a deviation with the metric's thresholds. */
enum metric_level metric_level_for(const metric_def *m, double deviation);

/* A campaign's calendar as pacing needs it. */
typedef struct metric_clock {
	wr_date start, end, today;
	const phase_def *phases;
	size_t n_phases;
} metric_clock;

/* The share of a cumulative target due by the end of `day` (0..1 of the
 * target, or with phase targets the amount itself in *amount). False
 * before the start. */
bool metric_target_through(const metric_def *m, const metric_clock *c, wr_date day,
			   double *amount);
/* The target for one day, for charts: cumulative metrics spread their
 * target (or their phase's) evenly over the days; others show the target.
 * False when the metric has no target or the day is outside the campaign
 * (cumulative metrics only). */
bool metric_daily_target(const metric_def *m, bool cumulative, const metric_clock *c,
			 wr_date day, double *out);

/* One campaign's metrics with their values. */
typedef struct metric_set {
	const metric_def *defs;
	const metric_series *series; /* one per def (formula metrics: empty) */
	size_t n;
	metric_clock clock;
} metric_set;

typedef struct metric_figures {
	bool has_actual, has_achievement, has_target_to_date, has_pace, has_change;
	double actual, achievement, target_to_date, pace, deviation, baseline, change;
	bool has_baseline;
	bool cumulative; /* paced by elapsed time */
	enum metric_level level;
} metric_figures;

typedef struct metric_board {
	metric_figures *rows; /* parallel to the set's defs */
	size_t n;
	bool has_score;
	double score;
	size_t n_scored, n_weighted;
	size_t n_ok, n_warn, n_alert;
} metric_board;

/* Computes every metric's figures; `base` (the baseline campaign, may be
 * NULL) gives the change column. */
void metric_board_compute(const metric_set *cur, const metric_set *base, metric_board *out);
void metric_board_free(metric_board *b);

/* True when metric i accumulates over time (sum, or a formula that only
 * adds and subtracts such metrics). */
bool metric_is_cumulative(const metric_set *set, size_t i);
/* Daily values of metric i for days [from, to] (at most `cap` days);
 * has[k] false where the day has no value. Formula metrics
 * are evaluated on their inputs' daily values. Returns the number of days. */
size_t metric_daily_values(const metric_set *set, size_t i, wr_date from, wr_date to,
			   double *vals, bool *has, size_t cap);
/* The days a sparkline of `width` glyphs covers: up to today (or the end
 * when the campaign is over). False before the start. */
bool metric_spark_range(const metric_clock *c, size_t width, wr_date *from, wr_date *to);
/* ▁▂▃▄▅▆▇█ scaled between the smallest and largest value shown (a flat
 * series is drawn mid-height), a space for a day without value. Writes
 * into buf (3 bytes per glyph + 1). */
char *metric_sparkline(const double *vals, const bool *has, size_t n, char *buf, size_t size);

/* The text cells of a metric row, the same for the pane and the CLI. */
typedef struct metric_cells {
	char target[32], actual[32], achievement[16], pace[16], deviation[16], change[16];
	char weight[16], level[8];
	const char *glyph;
} metric_cells;
/* `cjk` compacts large numbers as 万 / 亿 rather than k / M. */
void metric_cells_format(const metric_def *m, const metric_figures *f, bool cjk,
			 metric_cells *out);
/* Whether numbers should use 万 / 亿: as the interface language says, and
 * with no language (the C locale) for CNY campaigns and CJK units. */
bool metric_prefers_cjk(const char *currency, const char *unit);
/* "+12%", "-8%": a signed percentage. */
char *metric_format_signed_pct(double fraction, char *buf, size_t size);

/* ---- input ---------------------------------------------------------------- */

/* A value as operators type it: 35万, 1.2亿, 10k, 7.2%. For a metric whose
 * unit is "%" a bare number above 1 is refused (is "7.2" 7.2 % or 720 %?).
 * On error returns false with a reason in `why`. */
bool metric_parse_value(const char *unit, const char *text, double *out, char *why,
			size_t why_size);
/* A value's time: YYYY-MM-DD, or with HH:MM[:SS] (space or T). Writes the
 * stored form (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS) into out and the day
 * into *day (may be NULL). */
bool metric_parse_at(const char *text, char out[20], wr_date *day);

#endif
