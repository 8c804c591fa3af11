/* Private to the metric store files: each metric's values summed per day
 * (metric_day, schema migration 10): how many, their sum, and the latest
 * value and its time.
 *
 * The Metrics pane, the review and the stand-up all draw a campaign's
 * metrics as daily series. Read from the values, a campaign with ten
 * thousand of them costs ten thousand index rows on every open; read from
 * the kept days it costs one row per metric and day.
 *
 * Every path that writes a value recomputes the days it touched from the
 * values themselves, in the same transaction, with the same rules the
 * series always had (values in index order, the latest of one time by id),
 * so the kept days are what a walk over the values would give. */
#ifndef WARROOM_METRIC_DAYS_H
#define WARROOM_METRIC_DAYS_H

#include "store_internal.h"

/* Recomputes the metric's kept days from the day of `from_at` through the
 * day of `to_at` (times as stored, "YYYY-MM-DD[ HH:MM:SS]"); a time that
 * is not a date widens the range to every day of the metric. */
enum store_rc st_metric_days_refresh(store *s, int64_t metric_id, const char *from_at,
				     const char *to_at);

/* An import's run of new values of one metric. While they come in
 * strictly increasing time, they are folded into days as they are
 * written: if the metric had no value on those days before, those days
 * are then written as they are, without reading the values back. */
struct day_acc;
typedef struct metric_days_run {
	struct day_acc *days;
	size_t n, cap;
	bool out_of_order; /* or a value replaced: the days are recomputed */
} metric_days_run;

void st_metric_days_run_add(metric_days_run *run, const char *at, double value);
/* The values replaced, or not in time order: the run ends in a refresh. */
void st_metric_days_run_mixed(metric_days_run *run);
/* Writes the run's days (between from_at and to_at, the run's first and
 * last times) and clears it. */
enum store_rc st_metric_days_run_end(store *s, int64_t metric_id, metric_days_run *run,
				     const char *from_at, const char *to_at);

/* Recomputes every metric's days (schema migration 10). */
enum store_rc st_metric_days_rebuild(store *s);

#endif
