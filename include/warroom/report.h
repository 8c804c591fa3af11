/* The campaign report: the review (复盘) as a document to share. Sections:
 * overview, goal achievement (metric table with the team's analysis),
 * highlights, problems and root causes, improvement plan, lessons; charts:
 * each result metric's daily values against its target line, metrics by
 * achievement, and the funnel when the campaign defines one.
 *
 * Markdown: GFM tables and text sparklines (▁▂▃▄▅▆▇█).
 * HTML: one self-contained file (inline CSS and SVG, no script, no
 * network), laid out for A4 printing; all user text escaped.
 * Both are byte-for-byte deterministic for a given database and day. */
#ifndef WARROOM_REPORT_H
#define WARROOM_REPORT_H

#include "warroom/store.h"
#include "warroom/store_metric.h"
#include "warroom/store_review.h"
#include "warroom/util.h"

typedef struct report_data {
	campaign_row campaign;
	review_data review;
	metric_view metrics;
	wr_date today;
} report_data;

/* Reads what the report shows, as of `today`. */
enum store_rc report_load(store *s, const char *campaign_key, wr_date today, report_data *out);
void report_data_free(report_data *d);

/* New strings. */
char *report_markdown(const report_data *d);
char *report_html(const report_data *d);

/* ---- shared by the two renderings (report.c) ----------------------------- */

/* Metric indexes (into d->metrics) of the funnel stages, in definition
 * order; a new array, *n = 0 when the campaign has no funnel (fewer than
 * two stages). */
size_t *report_funnel(const report_data *d, size_t *n);
/* Metric indexes with an achievement, highest first. */
size_t *report_by_achievement(const report_data *d, size_t *n);
/* The days a daily chart covers: the campaign's start to today (or its
 * end when over). False before the start. */
bool report_chart_days(const report_data *d, wr_date *from, wr_date *to);
/* The analysis note the team wrote for a metric key, or NULL. */
const char *report_note(const report_data *d, const char *metric_key);
/* Whether a metric's numbers read as 万 / 亿. */
bool report_cjk(const report_data *d, size_t metric);
/* A conversion rate: like number_format_pct, with two significant digits
 * below 0.1 % (0.025%), so a deep funnel does not show 0%. */
char *report_rate(double fraction, char *buf, size_t size);
/* "high 高", "strategy 策略"...: a stored choice as the report shows it. */
const char *report_choice(const char *canonical);
const char *report_layer(enum metric_layer l); /* "result 结果" ... */
/* Daily values and targets of metric i over [from, to] (at most `cap`
 * days); has[k] / has_t[k] false where there is none. Returns the days. */
size_t report_daily(const report_data *d, size_t i, wr_date from, wr_date to, double *vals,
		    bool *has, double *targets, bool *has_t, size_t cap);
/* Days with a value that met the day's target (by direction), of days
 * with both. */
void report_days_on_target(const report_data *d, size_t i, const double *vals, const bool *has,
			   const double *targets, const bool *has_t, size_t n, size_t *met,
			   size_t *of);

/* Text made safe for HTML: control characters shown as visible escapes
 * (text_sanitize), then & < > " ' as entities. Appends to sb
 * (report_html.c). */
void html_escape(strbuf *sb, const char *s);

#endif
