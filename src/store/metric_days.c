/* Each metric's values kept per day (see metric_days.h). Both the refresh
 * and the rebuild walk values along metric_value_by_metric (metric_id, at,
 * value) and fold them into days with one accumulator, so a day is the
 * same whichever wrote it. */
#include "metric_days.h"

#include <math.h>
#include <string.h>

#include "warroom/date.h"
#include "warroom/text.h"

struct day_acc {
	int64_t metric_id;
	char day[11];      /* "" before the first value */
	char last_at[20];
	int64_t n, last_id;
	double sum, last;
};
typedef struct day_acc day_acc;

static enum store_rc acc_flush(store *s, day_acc *a)
{
	if (!a->n)
		return STORE_OK;
	sqlite3_stmt *st = st_prep(s,
		"INSERT INTO metric_day(metric_id, day, n, sum, last, last_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, a->metric_id);
	st_bind_text_static(st, 2, a->day);
	sqlite3_bind_int64(st, 3, a->n);
	sqlite3_bind_double(st, 4, a->sum);
	sqlite3_bind_double(st, 5, a->last);
	st_bind_text_static(st, 6, a->last_at);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	a->n = 0;
	return rc == SQLITE_DONE ? STORE_OK : st_fail(s, "writing a metric's day");
}

static void day_fold(day_acc *a, const char *at, double v, int64_t id)
{
	a->n++;
	a->sum += v;
	int c = strcmp(at, a->last_at);
	if (c > 0 || (c == 0 && id > a->last_id)) {
		a->last = v;
		a->last_id = id;
		str_copy(a->last_at, sizeof a->last_at, at);
	}
}

/* Values arrive in (metric, time, value) order. Of values with the same
 * time the latest is the one written last: the highest id. A value whose
 * time is not a date counts nowhere, as it never has. */
static enum store_rc acc_add(store *s, day_acc *a, int64_t metric_id, const char *at, double v,
			     int64_t id)
{
	if (!at || strlen(at) < 10 || !isfinite(v))
		return STORE_OK;
	if (metric_id != a->metric_id || memcmp(at, a->day, 10) != 0) {
		char day[11];
		wr_date d;
		memcpy(day, at, 10);
		day[10] = '\0';
		if (!date_parse(day, &d))
			return STORE_OK;
		enum store_rc rc = acc_flush(s, a);
		if (rc != STORE_OK)
			return rc;
		a->metric_id = metric_id;
		memcpy(a->day, day, sizeof a->day);
		a->sum = 0;
		a->last_at[0] = '\0';
	}
	day_fold(a, at, v, id);
	return STORE_OK;
}

/* The first day after the one `at` starts with, or "" when it has none. */
static void day_after(const char *at, char out[11])
{
	char day[11];
	wr_date d;
	out[0] = '\0';
	if (!at || strlen(at) < 10)
		return;
	memcpy(day, at, 10);
	day[10] = '\0';
	if (date_parse(day, &d))
		date_format(d + 1, out);
}

enum store_rc st_metric_days_refresh(store *s, int64_t metric_id, const char *from_at,
				     const char *to_at)
{
	char lo[11] = "", hi[11];
	day_after(to_at, hi);
	if (from_at && strlen(from_at) >= 10 && hi[0]) {
		memcpy(lo, from_at, 10);
		lo[10] = '\0';
	} else {
		str_copy(hi, sizeof hi, "~"); /* above every date */
	}
	sqlite3_stmt *del = st_prep(s,
		"DELETE FROM metric_day WHERE metric_id = ?1 AND day >= ?2 AND day < ?3");
	if (!del)
		return STORE_ERROR;
	sqlite3_bind_int64(del, 1, metric_id);
	st_bind_text_static(del, 2, lo);
	st_bind_text_static(del, 3, hi);
	int step = sqlite3_step(del);
	sqlite3_reset(del);
	if (step != SQLITE_DONE)
		return st_fail(s, "clearing a metric's days");

	sqlite3_stmt *st = st_prep(s,
		"SELECT at, value, id FROM metric_value"
		" WHERE metric_id = ?1 AND at >= ?2 AND at < ?3 ORDER BY at");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, metric_id);
	st_bind_text_static(st, 2, lo);
	st_bind_text_static(st, 3, hi);
	day_acc a = {0};
	enum store_rc rc = STORE_OK;
	while (rc == STORE_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = acc_add(s, &a, metric_id, (const char *)sqlite3_column_text(st, 0),
			     sqlite3_column_double(st, 1), sqlite3_column_int64(st, 2));
	if (rc == STORE_OK && step != SQLITE_DONE)
		rc = st_fail(s, "reading a metric's values");
	sqlite3_reset(st);
	return rc == STORE_OK ? acc_flush(s, &a) : rc;
}

void st_metric_days_run_add(metric_days_run *run, const char *at, double value)
{
	if (run->out_of_order)
		return;
	if (strlen(at) < 10) {
		st_metric_days_run_mixed(run);
		return;
	}
	day_acc *a = run->n ? &run->days[run->n - 1] : NULL;
	if (!a || memcmp(at, a->day, 10) != 0) {
		/* a new day must come after the last one: the days' own order */
		if (a && strcmp(at, a->day) < 0) {
			st_metric_days_run_mixed(run);
			return;
		}
		run->days = xgrow(run->days, &run->cap, run->n + 1, sizeof *run->days);
		a = &run->days[run->n++];
		memset(a, 0, sizeof *a);
		memcpy(a->day, at, 10);
	} else if (strcmp(at, a->last_at) <= 0) {
		/* a tie or an earlier time: the index would order these by
		 * value, not as they came */
		st_metric_days_run_mixed(run);
		return;
	}
	day_fold(a, at, value, 0);
}

void st_metric_days_run_mixed(metric_days_run *run)
{
	run->out_of_order = true;
	run->n = 0;
}

/* Whether the metric keeps no day from `first` through `last`. */
static enum store_rc no_days_between(store *s, int64_t metric_id, const char *first,
				     const char *last, bool *none)
{
	sqlite3_stmt *st = st_prep(s,
		"SELECT 1 FROM metric_day WHERE metric_id = ?1 AND day >= ?2 AND day <= ?3");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, metric_id);
	st_bind_text_static(st, 2, first);
	st_bind_text_static(st, 3, last);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	*none = step == SQLITE_DONE;
	return step == SQLITE_DONE || step == SQLITE_ROW ? STORE_OK
							: st_fail(s, "reading a metric's days");
}

enum store_rc st_metric_days_run_end(store *s, int64_t metric_id, metric_days_run *run,
				     const char *from_at, const char *to_at)
{
	enum store_rc rc = STORE_OK;
	bool as_folded = false; /* the run's days are new: write them as they are */
	if (!run->out_of_order && run->n)
		rc = no_days_between(s, metric_id, run->days[0].day, run->days[run->n - 1].day,
				     &as_folded);
	for (size_t i = 0; as_folded && rc == STORE_OK && i < run->n; i++) {
		run->days[i].metric_id = metric_id;
		rc = acc_flush(s, &run->days[i]);
	}
	if (rc == STORE_OK && !as_folded)
		rc = st_metric_days_refresh(s, metric_id, from_at, to_at);
	free(run->days);
	memset(run, 0, sizeof *run);
	return rc;
}

enum store_rc st_metric_days_rebuild(store *s)
{
	enum store_rc rc = st_exec(s, "DELETE FROM metric_day");
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *st = st_prep(s,
		"SELECT metric_id, at, value, id FROM metric_value ORDER BY metric_id, at");
	if (!st)
		return STORE_ERROR;
	day_acc a = {0};
	int step = SQLITE_DONE;
	while (rc == STORE_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = acc_add(s, &a, sqlite3_column_int64(st, 0),
			     (const char *)sqlite3_column_text(st, 1), sqlite3_column_double(st, 2),
			     sqlite3_column_int64(st, 3));
	if (rc == STORE_OK && step != SQLITE_DONE)
		rc = st_fail(s, "reading metric values");
	sqlite3_reset(st);
	return rc == STORE_OK ? acc_flush(s, &a) : rc;
}
