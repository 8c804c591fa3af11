/* Metrics, their recorded values, and the risk log, as the store gives
 * them out. The figures every screen and command shows come from one call,
 * store_metric_view(), which reads a campaign (and its baseline) in a fixed
 * number of queries, whatever the number of metrics or values, and hands
 * them to metric_calc. */
#ifndef WARROOM_STORE_METRIC_H
#define WARROOM_STORE_METRIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "warroom/metric_calc.h"
#include "warroom/store.h"

/* ---- figures ------------------------------------------------------------- */

/* One campaign's metrics and values. defs/ids/versions/series are
 * parallel arrays ordered by layer, then definition order. */
typedef struct metric_data {
	int64_t campaign_id;
	char *key, *name, *owner, *currency, *baseline;
	wr_date start, end;
	phase_def *phases;
	size_t n_phases;
	metric_def *defs;
	int64_t *ids, *versions;
	metric_series *series;
	size_t n;
} metric_data;

typedef struct metric_view {
	wr_date today;
	int64_t changes; /* the last change (audit row) the figures include */
	metric_data cur;
	bool has_base; /* the baseline campaign exists */
	metric_data base;
	metric_board board;
} metric_view;

/* Loads and computes a campaign's metric figures as of `today`. */
enum store_rc store_metric_view(store *s, int64_t campaign_id, wr_date today, metric_view *out);
void metric_view_free(metric_view *v);
/* The view as metric_calc's input (for sparklines and charts). */
metric_set metric_view_set(const metric_view *v);
/* Index of a metric in the view by key, or -1. */
long metric_view_find(const metric_view *v, const char *key);

/* ---- values -------------------------------------------------------------- */

typedef struct metric_ref {
	int64_t id, campaign_id, version;
	char *key, *name, *unit, *formula, *source;
} metric_ref;

/* A metric of a campaign by key; STORE_NOTFOUND names it. */
enum store_rc store_metric_find(store *s, int64_t campaign_id, const char *key, metric_ref *out);
/* A metric by id. */
enum store_rc store_metric_get(store *s, int64_t metric_id, metric_ref *out);
void metric_ref_free(metric_ref *r);
/* Why values cannot be recorded for this metric (computed by a formula or
 * taken from feedback), or NULL when they can. */
const char *metric_not_recordable(const metric_ref *m);

typedef struct metric_value_row {
	int64_t id, version, metric_id;
	char *at, *source, *origin, *recorded_by, *recorded_at;
	double value;
} metric_value_row;

enum store_rc store_metric_value_count(store *s, int64_t metric_id, size_t *n);
/* Values [offset, offset+limit) by time, then by id. */
enum store_rc store_metric_value_window(store *s, int64_t metric_id, size_t offset, size_t limit,
					metric_value_row *out, size_t *n);
enum store_rc store_metric_value_get(store *s, int64_t value_id, metric_value_row *out);
void metric_value_row_free(metric_value_row *r);

typedef struct metric_value_new {
	int64_t metric_id;
	char at[20]; /* YYYY-MM-DD or YYYY-MM-DD HH:MM:SS */
	double value;
	const char *source; /* may be NULL */
	long line;          /* where it came from, for messages (imports) */
} metric_value_new;

/* Records one value (audited). */
enum store_rc store_metric_record(store *s, const metric_value_new *v, int64_t *id);

typedef struct metric_import_stats {
	size_t added, updated, unchanged;
} metric_import_stats;
/* Imports values in one transaction: all or nothing. An imported value is
 * identified by metric, time and source, so importing the same file again
 * (a cron job) changes nothing, and a corrected figure replaces the old
 * one; every change is audited. */
enum store_rc store_metric_import(store *s, const metric_value_new *v, size_t n,
				  metric_import_stats *stats);
/* Changes a value's time (at != NULL) and/or number (value != NULL),
 * audited; STORE_CONFLICT when it changed since `expected_version` was
 * read (-1 skips the check). */
enum store_rc store_metric_value_set(store *s, int64_t value_id, int64_t expected_version,
				     const char *at, const double *value);
enum store_rc store_metric_value_delete(store *s, int64_t value_id, int64_t expected_version);

/* ---- risks --------------------------------------------------------------- */

/* How long a new risk has for its cause and response plan:
 * $WARROOM_RISK_HOURS, else 48 (the planning rule). */
int risk_response_hours(void);

typedef struct risk_row {
	int64_t id, version, campaign_id;
	char *campaign, *kind, *subject_key, *subject, *unit, *owner, *cause, *plan;
	char *opened_at, *respond_by, *responded_at, *closed_at, *resolution, *cleared_at;
	char *currency; /* the campaign's, for number style */
	bool has_current, has_target, has_deviation;
	/* metric risks: actual, target due by then, pace - 1;
	 * task risks: progress (0-100), 100, days late */
	double current_value, target_value, deviation;
} risk_row;

/* Risks of a campaign (0: every campaign), open ones first (overdue, then
 * by respond_by), then closed ones when `closed` is true. */
enum store_rc store_risk_list(store *s, int64_t campaign_id, bool closed, risk_row **out,
			      size_t *n);
enum store_rc store_risk_get(store *s, int64_t risk_id, risk_row *out);
void risk_row_free(risk_row *r);
void risk_rows_free(risk_row *v, size_t n);

/* Opens a risk for each metric in alert and each late task that has none
 * since it last entered that state; marks risks whose subject recovered.
 * Writes only when something changes. A finished campaign opens no new
 * risks (its review takes over). *opened may be NULL. */
enum store_rc store_risk_scan(store *s, int64_t campaign_id, wr_date today, size_t *opened);
/* The same from figures already computed (a pane that has them). */
enum store_rc store_risk_scan_view(store *s, const metric_view *v, size_t *opened);

enum risk_field { RISK_F_CAUSE, RISK_F_PLAN, RISK_F_OWNER };
const char *risk_field_name(enum risk_field f);
/* Sets the cause, plan or owner (audited). Once cause and plan are both
 * given the risk counts as responded. */
enum store_rc store_risk_set(store *s, int64_t risk_id, int64_t expected_version,
			     enum risk_field f, const char *text);
/* Closes with a resolution note (required). */
enum store_rc store_risk_close(store *s, int64_t risk_id, int64_t expected_version,
			       const char *note);

/* Seconds left until the risk's response is due (negative: overdue), or
 * false when nothing is due (responded or closed). `now` is a datetime. */
bool risk_seconds_left(const risk_row *r, const char *now, long long *secs);
/* "31h left", "45m left", "overdue 5h", "responded", "closed". */
char *risk_due_text(const risk_row *r, const char *now, char *buf, size_t size);

/* The text of a risk row, the same for the list pane and `warroom risks`.
 * state: "overdue", "open", "recovered" (its subject is back to normal but
 * the risk still wants its response and a resolution), "responded" or
 * "closed". */
typedef struct risk_cells {
	char current[32], target[32], deviation[24], due[32];
	const char *state;
	bool overdue, recovered;
} risk_cells;
void risk_cells_format(const risk_row *r, const char *now, risk_cells *out);

#endif
