/* Metric figures: aggregation, formulas, direction, pacing, thresholds,
 * score, baseline change and sparklines. The target/actual pairs are the
 * tables of the planning documents the team works from (seeds). */
#include <locale.h>

#include "tap.h"
#include "warroom/formula.h"
#include "warroom/metric_calc.h"
#include "warroom/number.h"
#include "warroom/util.h"

static wr_date D(const char *s)
{
	wr_date d;
	if (!date_parse(s, &d))
		abort();
	return d;
}

static double N(const char *s)
{
	double v;
	if (!number_parse(s, &v, NULL))
		abort();
	return v;
}

static metric_def mdef(const char *key, const char *target, enum metric_direction dir,
		       enum metric_aggregate agg, const char *unit)
{
	metric_def m = {0};
	m.key = (char *)key;
	m.name = (char *)key;
	m.unit = (char *)unit;
	if (target) {
		m.has_target = true;
		m.target = N(target);
	}
	m.direction = dir;
	m.aggregate = agg;
	return m;
}

/* achievement of one actual against one target */
static double ach(const char *target, const char *actual, enum metric_direction d)
{
	double v = -1;
	metric_achievement(d, N(target), N(actual), &v);
	return v;
}

static const char *pct(double f)
{
	static char buf[8][32];
	static int k;
	k = (k + 1) % 8;
	return number_format_pct(f, buf[k], sizeof buf[k]);
}

static void test_seed_tables(void)
{
	/* 营销活动核心指标追踪表: target, actual, completion */
	is_str(pct(ach("500万", "600万", DIR_UP)), "120%", "GMV 600万 vs 500万 = 120%%");
	is_str(pct(ach("2万", "2.5万", DIR_UP)), "125%", "new members 2.5万 vs 2万 = 125%%");
	is_str(pct(ach("3.5%", "4.2%", DIR_UP)), "120%", "CTR 4.2%% vs 3.5%% = 120%%");
	is_str(pct(ach("8.0%", "7.2%", DIR_UP)), "90%", "CVR 7.2%% vs 8.0%% = 90%%");
	is_str(pct(ach("40", "32", DIR_DOWN)), "125%", "CAC 32 vs 40, lower is better = 125%%");
	is_str(pct(ach("35%", "28%", DIR_UP)), "80%", "next-day retention 28%% vs 35%% = 80%%");
	is_str(pct(ach("90%", "85%", DIR_UP)), "94%", "satisfaction 85%% vs 90%% = 94%%");
	/* 活动基本信息与目标概览表 / 关键数据指标分析表 */
	is_str(pct(ach("100万", "120万", DIR_UP)), "120%", "exposure 120万 vs 100万 = 120%%");
	is_str(pct(ach("5000", "6200", DIR_UP)), "124%", "units 6200 vs 5000 = 124%%");
	is_str(pct(ach("2000", "1800", DIR_UP)), "90%", "members 1800 vs 2000 = 90%%");
	is_str(pct(ach("5%", "6.2%", DIR_UP)), "124%", "conversion 6.2%% vs 5%% = 124%%");
	is_str(pct(ach("3", "3.8", DIR_UP)), "127%", "ROI 1:3.8 vs 1:3 = 127%%");
	/* 效果评估复盘表 and the step-5 example */
	is_str(pct(ach("5.0%", "4.8%", DIR_UP)), "96%", "conversion 4.8%% vs 5.0%% = 96%%");
	is_str(pct(ach("4.0", "4.2", DIR_UP)), "105%", "ROI 4.2 vs 4.0 = 105%%");
	is_str(pct(ach("15%", "12%", DIR_UP)), "80%", "repurchase 12%% vs 15%% = 80%%");
	is_str(pct(ach("200万", "180万", DIR_UP)), "90%", "sales 180万 vs 200万 = 90%%");
	is_num(ach("8%", "9.5%", DIR_UP), 1.1875, 1e-12, "conversion 9.5%% vs 8%% = 118.75%%");
	is_str(pct(ach("500万", "480万", DIR_UP)), "96%", "sales 480万 vs 500万 = 96%%");

	double v;
	ok(!metric_achievement(DIR_UP, 0, 5, &v), "no achievement against a zero target");
	ok(!metric_achievement(DIR_DOWN, 40, 0, &v), "a down metric at zero has no achievement (not inf)");
	ok(metric_achievement(DIR_UP, 100, 0, &v) && v == 0, "up metric at zero is 0%%");
}

static void test_levels(void)
{
	metric_def m = mdef("x", "1", DIR_UP, AGG_SUM, NULL);
	/* 进度监控与风险预警表: deviations of -33 %, -30 % */
	is_str(metric_level_name(metric_level_for(&m, ach("3.0%", "2.0%", DIR_UP) - 1)), "alert",
	       "feed CTR 2.0%% vs 3.0%% (-33%%) is alert");
	is_str(metric_level_name(metric_level_for(&m, ach("5.0%", "3.5%", DIR_UP) - 1)), "alert",
	       "lead conversion 3.5%% vs 5.0%% (-30%%) is alert");
	is_str(metric_level_name(metric_level_for(&m, ach("30%", "40%", DIR_DOWN) - 1)), "alert",
	       "budget use 40%% vs 30%% (down) is 75%%: alert");
	is_str(metric_level_name(metric_level_for(&m, ach("8.0%", "7.2%", DIR_UP) - 1)), "warn",
	       "CVR 90%% is exactly -10%%: warn (boundary is inclusive)");
	is_str(metric_level_name(metric_level_for(&m, ach("35%", "28%", DIR_UP) - 1)), "alert",
	       "retention 80%% is exactly -20%%: alert");
	is_str(metric_level_name(metric_level_for(&m, ach("90%", "85%", DIR_UP) - 1)), "ok",
	       "satisfaction 94%% is ok");
	is_str(metric_level_name(metric_level_for(&m, -0.0999)), "ok", "-9.99%% is ok");
	is_str(metric_level_name(metric_level_for(&m, -0.1999)), "warn", "-19.99%% is warn");
	is_str(metric_level_name(metric_level_for(&m, 0.5)), "ok", "above target is ok");
	m.has_warn = m.has_alert = true;
	m.warn = -0.05;
	m.alert = -0.15;
	is_str(metric_level_name(metric_level_for(&m, -0.06)), "warn", "override: -6%% warns at -5%%");
	is_str(metric_level_name(metric_level_for(&m, -0.15)), "alert", "override: -15%% alerts");
	is_str(metric_level_glyph(LEVEL_ALERT), "✖", "alert glyph");
	is_str(metric_level_glyph(LEVEL_WARN), "!", "warn glyph");
	is_str(metric_level_glyph(LEVEL_OK), "✔", "ok glyph");
}

static void test_aggregation(void)
{
	metric_series s = {0};
	metric_series_add(&s, D("2024-06-01"), 10);
	metric_series_add(&s, D("2024-06-01"), 20);
	metric_series_add(&s, D("2024-06-02"), 30);
	metric_series_add(&s, D("2024-06-04"), 5);
	is_int(s.n, 3, "three days with values");
	double v = 0;
	ok(metric_aggregate_value(AGG_SUM, s.days, s.n, WR_DATE_NONE, &v) && v == 65, "sum of all values");
	ok(metric_aggregate_value(AGG_LAST, s.days, s.n, WR_DATE_NONE, &v) && v == 5, "last value");
	ok(metric_aggregate_value(AGG_AVG, s.days, s.n, WR_DATE_NONE, &v), "avg exists");
	is_num(v, (15.0 + 30 + 5) / 3, 1e-12, "avg is the mean of daily means (15, 30, 5)");
	ok(metric_aggregate_value(AGG_SUM, s.days, s.n, D("2024-06-02"), &v) && v == 60,
	   "sum through a day leaves later days out");
	ok(metric_aggregate_value(AGG_LAST, s.days, s.n, D("2024-06-01"), &v) && v == 20,
	   "last through the first day is its latest value");
	ok(!metric_aggregate_value(AGG_SUM, s.days, s.n, D("2024-05-01"), &v),
	   "no value before the first day");
	ok(!metric_aggregate_value(AGG_SUM, NULL, 0, WR_DATE_NONE, &v), "no values, no aggregate");
	is_num(metric_day_value(AGG_AVG, &s.days[0]), 15, 1e-12, "a day's mean");
	metric_series_free(&s);
}

/* A 15-day campaign, today day 5: the situation of the e2e fixture. */
static const phase_def phases[] = {
	{.name = "预热期", .start = 0, .end = 0},
	{.name = "爆发期", .start = 0, .end = 0},
	{.name = "返场期", .start = 0, .end = 0},
};

static metric_clock clock15(const char *today, phase_def *ph)
{
	metric_clock c = {D("2024-06-01"), D("2024-06-15"), D(today), NULL, 0};
	if (ph) {
		memcpy(ph, phases, sizeof phases);
		ph[0].start = D("2024-06-01"), ph[0].end = D("2024-06-03");
		ph[1].start = D("2024-06-04"), ph[1].end = D("2024-06-10");
		ph[2].start = D("2024-06-11"), ph[2].end = D("2024-06-15");
		c.phases = ph;
		c.n_phases = 3;
	}
	return c;
}

static void fill_daily(metric_series *s, const char *from, int days, double each)
{
	for (int k = 0; k < days; k++)
		metric_series_add(s, D(from) + k, each);
}

static metric_figures one(const metric_def *m, metric_series *s, metric_clock c)
{
	metric_set set = {m, s, 1, c};
	metric_board b;
	metric_board_compute(&set, NULL, &b);
	metric_figures f = b.rows[0];
	metric_board_free(&b);
	return f;
}

static void test_pacing(void)
{
	metric_def gmv = mdef("gmv", "500万", DIR_UP, AGG_SUM, "元");
	metric_series s = {0};
	/* Day 5 of 15, the morning feed has brought the first four days: a
	 * third of the way through the days that are over. */
	fill_daily(&s, "2024-06-01", 4, N("33.4万"));
	metric_figures f = one(&gmv, &s, clock15("2024-06-05", NULL));
	is_num(f.target_to_date, N("500万") * 4 / 15, 1e-6, "target due: the 4 days that are over");
	is_str(pct(f.pace), "100%", "pace 100%%");
	is_str(metric_level_name(f.level), "ok", "on pace is ok, not red");
	metric_series_free(&s);

	/* Day 5 of 15 at 33% of the target, today's figures in too. */
	fill_daily(&s, "2024-06-01", 5, N("33.4万"));
	f = one(&gmv, &s, clock15("2024-06-05", NULL));
	is_str(pct(f.achievement), "33%", "day 5: achievement 33%%");
	is_str(metric_level_name(f.level), "ok", "day 5 of 15 at 33%% is on pace, not red");
	is_str(pct(f.pace), "125%", "today's figures count in the actual, not in what is due");
	metric_series_free(&s);

	/* A partial day never turns a metric red: 1万 so far today. */
	fill_daily(&s, "2024-06-01", 4, N("33.4万"));
	metric_series_add(&s, D("2024-06-05"), N("1万"));
	f = one(&gmv, &s, clock15("2024-06-05", NULL));
	is_str(metric_level_name(f.level), "ok", "a morning import of today's first figures stays ok");
	metric_series_free(&s);

	fill_daily(&s, "2024-06-01", 4, N("25万"));
	f = one(&gmv, &s, clock15("2024-06-05", NULL));
	is_str(pct(f.pace), "75%", "day 5 at 100万 over 4 days: pace 75%%");
	is_str(metric_level_name(f.level), "alert", "... which is an alert");
	is_num(f.deviation, -0.25, 1e-9, "deviation is pace - 1");

	f = one(&gmv, &s, clock15("2024-05-30", NULL));
	ok(!f.has_pace && f.level == LEVEL_NONE, "before the start: no pace, no level");
	f = one(&gmv, &s, clock15("2024-06-20", NULL));
	ok(f.has_pace && f.pace == f.achievement, "after the end pace is the achievement");
	is_str(pct(f.pace), "20%", "100万 of 500万 after the end");
	f = one(&gmv, &s, clock15("2024-06-15", NULL));
	is_num(f.target_to_date, N("500万") * 14 / 15, 1e-6, "on the last day 14/15 is due");
	metric_series_free(&s);

	/* First day with nothing recorded yet: nothing is due. */
	f = one(&gmv, &s, clock15("2024-06-01", NULL));
	ok(!f.has_actual && !f.has_pace, "day 1, no values: no actual, no pace");

	/* Per-phase targets: 100万 / 300万 / 100万. */
	phase_def ph[3];
	metric_def pg = gmv;
	phase_target pts[] = {{(char *)"预热期", N("100万")}, {(char *)"爆发期", N("300万")},
			      {(char *)"返场期", N("100万")}};
	pg.phase_targets = pts;
	pg.n_phase_targets = 3;
	fill_daily(&s, "2024-06-01", 5, N("37万"));
	f = one(&pg, &s, clock15("2024-06-06", ph));
	is_num(f.target_to_date, N("100万") + N("300万") * 2 / 7, 1e-6,
	       "phase targets: finished phase + 2/7 of the current one");
	is_str(pct(f.pace), "100%", "185万 against 185.7万 due is on pace");
	double amt;
	ok(metric_target_through(&pg, &(metric_clock){D("2024-06-01"), D("2024-06-15"), 0, ph, 3},
				 D("2024-06-15"), &amt) && amt == N("500万"),
	   "all phases over: the whole target");
	double dt;
	ok(metric_daily_target(&pg, true, &(metric_clock){D("2024-06-01"), D("2024-06-15"), 0, ph, 3},
			       D("2024-06-02"), &dt),
	   "daily target in a phase");
	is_num(dt, N("100万") / 3, 1e-6, "is the phase target over its 3 days");
	ok(metric_daily_target(&gmv, true, &(metric_clock){D("2024-06-01"), D("2024-06-15"), 0, NULL, 0},
			       D("2024-06-02"), &dt) && fabs(dt - N("500万") / 15) < 1e-6,
	   "without phases the target is spread over 15 days");
	metric_series_free(&s);

	/* Rates are not prorated. */
	metric_def cvr = mdef("cvr", "8.0%", DIR_UP, AGG_LAST, "%");
	metric_series_add(&s, D("2024-06-02"), N("7.5%"));
	metric_series_add(&s, D("2024-06-04"), N("7.2%"));
	f = one(&cvr, &s, clock15("2024-06-05", NULL));
	ok(!f.cumulative, "a last metric is not cumulative");
	is_str(pct(f.pace), "90%", "CVR pace = achievement = 90%% on day 5");
	is_str(metric_level_name(f.level), "warn", "CVR 90%% warns");
	metric_series_free(&s);

	/* Down metrics: CAC below target is good. */
	metric_def cac = mdef("cac", "40", DIR_DOWN, AGG_LAST, "元");
	metric_series_add(&s, D("2024-06-03"), 32);
	f = one(&cac, &s, clock15("2024-06-05", NULL));
	is_str(pct(f.pace), "125%", "CAC 32 vs 40 paces at 125%%");
	is_str(metric_level_name(f.level), "ok", "and is ok");
	metric_series_free(&s);

	/* A cumulative cost (down) is paced too: overspending early alerts. */
	metric_def spend = mdef("spend", "75万", DIR_DOWN, AGG_SUM, "元");
	fill_daily(&s, "2024-06-01", 5, N("8万"));
	f = one(&spend, &s, clock15("2024-06-06", NULL));
	is_num(f.target_to_date, N("25万"), 1e-6, "spend budget due after 5 days is 25万");
	is_str(pct(f.pace), "62%", "40万 spent against 25万 due: 62.5%%");
	is_str(metric_level_name(f.level), "alert", "overspending is an alert");
	is_str(pct(f.achievement), "62%", "until the end its achievement is its pace, not 75万 / 40万");
	metric_series_free(&s);

	/* Spending on budget, with part of today's spend already in: the
	 * partial day does not count against a target that excludes it. */
	fill_daily(&s, "2024-06-01", 5, N("5万"));
	metric_series_add(&s, D("2024-06-06"), N("3万"));
	f = one(&spend, &s, clock15("2024-06-06", NULL));
	is_str(pct(f.pace), "100%", "25万 over the 5 days that are over: on budget");
	is_str(metric_level_name(f.level), "ok", "today's partial spend does not turn it red");
	f = one(&spend, &s, clock15("2024-06-20", NULL));
	is_str(pct(f.achievement), "268%", "after the end: 75万 budget / 28万 spent");
	metric_series_free(&s);

	/* Values dated after today do not count. */
	fill_daily(&s, "2024-06-01", 10, N("10万"));
	f = one(&gmv, &s, clock15("2024-06-05", NULL));
	is_num(f.actual, N("50万"), 1e-6, "values after today are left out");
	metric_series_free(&s);
}

static void test_formulas(void)
{
	metric_def defs[] = {
		mdef("clicks", NULL, DIR_UP, AGG_SUM, NULL),
		mdef("impressions", NULL, DIR_UP, AGG_SUM, NULL),
		mdef("ctr", "3.5%", DIR_UP, AGG_SUM, "%"),
		mdef("spend", NULL, DIR_DOWN, AGG_SUM, "元"),
		mdef("new_members", "2万", DIR_UP, AGG_SUM, "人"),
		mdef("cac", "40", DIR_DOWN, AGG_SUM, "元"),
		mdef("gmv", "500万", DIR_UP, AGG_SUM, "元"),
		mdef("roi", "3", DIR_UP, AGG_SUM, NULL),
		mdef("total", "600万", DIR_UP, AGG_SUM, "元"),
		mdef("loop_a", "1", DIR_UP, AGG_SUM, NULL),
		mdef("loop_b", "1", DIR_UP, AGG_SUM, NULL),
		mdef("zero", NULL, DIR_UP, AGG_SUM, NULL),
		mdef("by_zero", "1", DIR_UP, AGG_SUM, NULL),
	};
	defs[2].formula = (char *)"clicks / impressions";
	defs[5].formula = (char *)"spend / new_members";
	defs[7].formula = (char *)"(gmv - spend) / spend";
	defs[8].formula = (char *)"gmv + spend";
	defs[9].formula = (char *)"loop_b + 1";
	defs[10].formula = (char *)"loop_a + 1";
	defs[12].formula = (char *)"gmv / zero";
	size_t n = ARRAY_LEN(defs);
	metric_series s[ARRAY_LEN(defs)];
	memset(s, 0, sizeof s);
	metric_series_add(&s[0], D("2024-06-01"), 420);
	metric_series_add(&s[0], D("2024-06-02"), 420);
	metric_series_add(&s[1], D("2024-06-01"), 10000);
	metric_series_add(&s[1], D("2024-06-02"), 10000);
	metric_series_add(&s[3], D("2024-06-01"), N("40万"));
	metric_series_add(&s[3], D("2024-06-02"), N("40万"));
	metric_series_add(&s[4], D("2024-06-01"), N("1.25万"));
	metric_series_add(&s[4], D("2024-06-02"), N("1.25万"));
	metric_series_add(&s[6], D("2024-06-01"), N("300万"));
	metric_series_add(&s[6], D("2024-06-02"), N("300万"));
	metric_series_add(&s[11], D("2024-06-01"), 0);
	metric_set set = {defs, s, n, {D("2024-06-01"), D("2024-06-15"), D("2024-06-20"), NULL, 0}};
	metric_board b;
	metric_board_compute(&set, NULL, &b);
	is_num(b.rows[2].actual, 0.042, 1e-12, "ctr = clicks / impressions = 4.2%%");
	is_str(pct(b.rows[2].achievement), "120%", "ctr achievement 120%%");
	is_num(b.rows[5].actual, 32, 1e-9, "cac = spend / new_members = 32");
	is_str(pct(b.rows[5].achievement), "125%", "cac (down) achievement 125%%");
	is_num(b.rows[7].actual, 6.5, 1e-9, "roi = (gmv - spend) / spend = 6.5");
	is_num(b.rows[8].actual, N("680万"), 1e-6, "gmv + spend");
	ok(!b.rows[9].has_actual && !b.rows[10].has_actual, "a cycle yields no value, not a hang");
	ok(!b.rows[12].has_actual, "division by zero yields no value");
	metric_cells cells;
	metric_cells_format(&defs[12], &b.rows[12], true, &cells);
	is_str(cells.actual, "—", "... shown as —");
	is_str(cells.achievement, "—", "... and so is its achievement");
	ok(metric_is_cumulative(&set, 8), "a sum of sums is cumulative");
	ok(!metric_is_cumulative(&set, 2), "a ratio is not");
	ok(!metric_is_cumulative(&set, 9), "a cycle is not");
	double vals[4];
	bool has[4];
	size_t k = metric_daily_values(&set, 2, D("2024-06-01"), D("2024-06-03"), vals, has, 4);
	is_int(k, 3, "three days of ctr");
	ok(has[0] && fabs(vals[0] - 0.042) < 1e-12 && has[1] && !has[2],
	   "daily ctr from daily inputs; no inputs, no value");
	metric_board_free(&b);

	/* Formulas parse once per use and reject nonsense cleanly. */
	char err[64];
	ok(formula_parse("clicks / (impressions", err, sizeof err, NULL) == NULL,
	   "unbalanced parenthesis is rejected");
	for (size_t i = 0; i < n; i++)
		metric_series_free(&s[i]);
}

static void test_score_and_baseline(void)
{
	metric_def defs[] = {
		mdef("gmv", "500万", DIR_UP, AGG_SUM, "元"),
		mdef("cvr", "8.0%", DIR_UP, AGG_LAST, "%"),
		mdef("cac", "40", DIR_DOWN, AGG_LAST, "元"),
		mdef("note", NULL, DIR_UP, AGG_LAST, NULL),
	};
	defs[0].weight = 0.4;
	defs[1].weight = 0.1;
	defs[2].weight = 0.2;
	defs[3].weight = 0.3; /* no target: not scored */
	metric_series s[4];
	memset(s, 0, sizeof s);
	metric_series_add(&s[0], D("2024-06-15"), N("650万"));
	metric_series_add(&s[1], D("2024-06-15"), N("7.2%"));
	metric_series_add(&s[2], D("2024-06-15"), 32);
	metric_set cur = {defs, s, 4, {D("2024-06-01"), D("2024-06-15"), D("2024-06-20"), NULL, 0}};

	metric_def bdefs[] = {mdef("gmv", "400万", DIR_UP, AGG_SUM, "元"),
			      mdef("cvr", "6%", DIR_UP, AGG_LAST, "%")};
	metric_series bs[2];
	memset(bs, 0, sizeof bs);
	fill_daily(&bs[0], "2023-06-01", 15, N("20万")); /* 300万 in all */
	metric_series_add(&bs[1], D("2023-06-03"), N("6%"));
	metric_series_add(&bs[1], D("2023-06-14"), N("4.8%"));
	metric_set base = {bdefs, bs, 2, {D("2023-06-01"), D("2023-06-15"), D("2024-06-20"), NULL, 0}};

	metric_board b;
	metric_board_compute(&cur, &base, &b);
	ok(b.has_score, "the campaign has a score");
	is_int(b.n_weighted, 4, "four weighted metrics");
	is_int(b.n_scored, 3, "three of them scored");
	/* (0.4 * min(1.3, 1.2) + 0.1 * 0.9 + 0.2 * min(1.25, 1.2)) / 0.7 */
	is_num(b.score, (0.4 * 1.2 + 0.1 * 0.9 + 0.2 * 1.2) / 0.7, 1e-12,
	       "score caps each achievement at 120%% and normalises the weights");
	is_int(b.n_warn, 1, "one warning (cvr)");
	ok(b.rows[0].has_change, "gmv has a change against the baseline");
	is_num(b.rows[0].change, (650.0 - 300) / 300, 1e-12, "finished: against the baseline's total");
	is_num(b.rows[1].change, (0.072 - 0.048) / 0.048, 1e-12, "cvr against the baseline's last");
	ok(!b.rows[2].has_change, "no baseline metric cac: no change");
	metric_board_free(&b);

	/* While running, compare with the baseline at the same day of its run. */
	metric_series_free(&s[0]);
	fill_daily(&s[0], "2024-06-01", 5, N("30万"));
	metric_series_free(&s[1]);
	metric_series_add(&s[1], D("2024-06-04"), N("7.2%"));
	cur.clock.today = D("2024-06-05");
	metric_board_compute(&cur, &base, &b);
	is_num(b.rows[0].baseline, N("100万"), 1e-6, "baseline through its day 5 is 100万");
	char buf[32];
	is_str(metric_format_signed_pct(b.rows[0].change, buf, sizeof buf), "+50%",
	       "150万 against 100万 is +50%%");
	is_num(b.rows[1].baseline, 0.06, 1e-12, "baseline cvr as it stood on its day 5");
	metric_board_free(&b);
	for (size_t i = 0; i < 4; i++)
		metric_series_free(&s[i]);
	for (size_t i = 0; i < 2; i++)
		metric_series_free(&bs[i]);
}

static void test_sparkline(void)
{
	char buf[128];
	double v[] = {1, 2, 3, 4, 5, 6, 7, 8};
	bool h[] = {1, 1, 1, 1, 1, 1, 1, 1};
	is_str(metric_sparkline(v, h, 8, buf, sizeof buf), "▁▂▃▄▅▆▇█", "rising series");
	double flat[] = {5, 5, 5};
	is_str(metric_sparkline(flat, h, 3, buf, sizeof buf), "▄▄▄", "flat series mid-height");
	double zero[] = {0, 0};
	is_str(metric_sparkline(zero, h, 2, buf, sizeof buf), "▁▁", "all zero at the bottom");
	bool gap[] = {1, 0, 1};
	double g[] = {1, 0, 3};
	is_str(metric_sparkline(g, gap, 3, buf, sizeof buf), "▁ █", "a day without value is blank");
	is_str(metric_sparkline(v, h, 8, buf, 10), "▁▂▃", "never overflows the buffer");
	wr_date from, to;
	metric_clock c = {D("2024-06-01"), D("2024-06-15"), D("2024-06-05"), NULL, 0};
	ok(metric_spark_range(&c, 7, &from, &to) && from == D("2024-06-01") && to == D("2024-06-05"),
	   "sparkline starts at the campaign start");
	c.today = D("2024-07-01");
	ok(metric_spark_range(&c, 7, &from, &to) && from == D("2024-06-09") && to == D("2024-06-15"),
	   "after the end: the last 7 days of the campaign");
	c.today = D("2024-05-01");
	ok(!metric_spark_range(&c, 7, &from, &to), "none before the start");
}

static void test_cells(void)
{
	metric_def gmv = mdef("gmv", "500万", DIR_UP, AGG_SUM, "元");
	gmv.weight = 0.4;
	metric_figures f = {0};
	f.has_actual = f.has_achievement = f.has_pace = f.has_change = true;
	f.actual = N("600万");
	f.achievement = f.pace = 1.2;
	f.deviation = 0.2;
	f.change = -0.05;
	f.level = LEVEL_OK;
	metric_cells c;
	metric_cells_format(&gmv, &f, true, &c);
	is_str(c.target, "500万", "target in 万");
	is_str(c.actual, "600万", "actual in 万");
	is_str(c.achievement, "120%", "achievement");
	is_str(c.deviation, "+20%", "deviation signed");
	is_str(c.change, "-5%", "change signed");
	is_str(c.weight, "40%", "weight as a share");
	is_str(c.level, "ok", "level name");
	metric_def cvr = mdef("cvr", "8.0%", DIR_UP, AGG_LAST, "%");
	f.actual = N("7.2%");
	metric_cells_format(&cvr, &f, false, &c);
	is_str(c.target, "8%", "percent target");
	is_str(c.actual, "7.2%", "percent actual");
	ok(metric_prefers_cjk("CNY", NULL) && metric_prefers_cjk(NULL, "元") &&
	   !metric_prefers_cjk("USD", "%"),
	   "CJK number style for CNY and CJK units");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_seed_tables();
	test_levels();
	test_aggregation();
	test_pacing();
	test_formulas();
	test_score_and_baseline();
	test_sparkline();
	test_cells();
	return tap_done();
}
