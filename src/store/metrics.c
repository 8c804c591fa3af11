/* Metrics: the data behind the Metrics pane and `warroom metrics`, read in a
 * fixed number of queries (the campaign, its phases, its metrics, and its
 * metrics' kept days), and recording, importing, editing and deleting
 * values, each change audited and each keeping the days it touches. */
#include "store_internal.h"
#include "metric_days.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/number.h"
#include "warroom/store_feedback.h"
#include "warroom/store_metric.h"
#include "warroom/text.h"

/* ---- loading --------------------------------------------------------------- */

static void metric_fields_free(metric_def *m)
{
	free(m->key);
	free(m->name);
	free(m->definition);
	free(m->unit);
	free(m->formula);
	free(m->source);
	free(m->frequency);
	for (size_t j = 0; j < m->n_phase_targets; j++)
		free(m->phase_targets[j].phase);
	free(m->phase_targets);
}

static void metric_data_free(metric_data *d)
{
	free(d->key);
	free(d->name);
	free(d->owner);
	free(d->currency);
	free(d->baseline);
	phase_defs_free(d->phases, d->n_phases);
	for (size_t i = 0; i < d->n; i++) {
		metric_fields_free(&d->defs[i]);
		metric_series_free(&d->series[i]);
	}
	free(d->defs);
	free(d->ids);
	free(d->versions);
	free(d->series);
	memset(d, 0, sizeof *d);
}

/* "phase=target" lines, as campaigns.c writes them. */
static void parse_phase_targets(const char *text, metric_def *m)
{
	for (const char *p = text; p && *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *line = xstrndup(p, len);
		char *eq = strrchr(line, '=');
		if (eq) {
			*eq = '\0';
			m->phase_targets = xrealloc(m->phase_targets,
						    (m->n_phase_targets + 1) * sizeof *m->phase_targets);
			phase_target *pt = &m->phase_targets[m->n_phase_targets++];
			pt->phase = xstrdup(line);
			pt->target = strtod(eq + 1, NULL);
		}
		free(line);
		p += len;
		if (*p == '\n')
			p++;
	}
}

static enum store_rc load_campaign(store *s, int64_t cid, const char *key, metric_data *d)
{
	sqlite3_stmt *st = st_prep(s,
		"SELECT id, key, name, owner, currency, baseline, start, end FROM campaign"
		" WHERE (?1 > 0 AND id = ?1) OR (?1 <= 0 AND key = ?2)");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	st_bind_text(st, 2, key);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return st_failf(s, STORE_NOTFOUND, _("no campaign '%s'"), key ? key : "?");
		return st_fail(s, "reading a campaign");
	}
	d->campaign_id = sqlite3_column_int64(st, 0);
	d->key = st_col_text(st, 1);
	d->name = st_col_text(st, 2);
	d->owner = st_col_text(st, 3);
	d->currency = st_col_text(st, 4);
	d->baseline = st_col_text(st, 5);
	d->start = st_col_date(st, 6);
	d->end = st_col_date(st, 7);
	sqlite3_reset(st);
	return store_campaign_phases(s, d->campaign_id, &d->phases, &d->n_phases);
}

static enum store_rc load_metrics(store *s, metric_data *d)
{
	sqlite3_stmt *st = st_prep(s,
		"SELECT id, version, key, name, layer, definition, unit, target, direction, aggregate,"
		" formula, weight, source, frequency, warn, alert, funnel, phase_targets"
		" FROM metric WHERE campaign_id = ?1 ORDER BY layer, ord, id");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, d->campaign_id);
	size_t cap = 0, capi = 0, capv = 0, caps = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d->defs = xgrow(d->defs, &cap, d->n + 1, sizeof *d->defs);
		d->ids = xgrow(d->ids, &capi, d->n + 1, sizeof *d->ids);
		d->versions = xgrow(d->versions, &capv, d->n + 1, sizeof *d->versions);
		d->series = xgrow(d->series, &caps, d->n + 1, sizeof *d->series);
		size_t i = d->n++;
		metric_def *m = &d->defs[i];
		memset(m, 0, sizeof *m);
		memset(&d->series[i], 0, sizeof d->series[i]);
		d->ids[i] = sqlite3_column_int64(st, 0);
		d->versions[i] = sqlite3_column_int64(st, 1);
		m->key = st_col_text(st, 2);
		m->name = st_col_text(st, 3);
		m->layer = (enum metric_layer)sqlite3_column_int(st, 4);
		m->definition = st_col_text(st, 5);
		m->unit = st_col_text(st, 6);
		m->has_target = sqlite3_column_type(st, 7) != SQLITE_NULL;
		m->target = sqlite3_column_double(st, 7);
		m->direction = (enum metric_direction)sqlite3_column_int(st, 8);
		m->aggregate = (enum metric_aggregate)sqlite3_column_int(st, 9);
		m->formula = st_col_text(st, 10);
		m->weight = sqlite3_column_double(st, 11);
		m->source = st_col_text(st, 12);
		m->frequency = st_col_text(st, 13);
		m->has_warn = sqlite3_column_type(st, 14) != SQLITE_NULL;
		m->warn = sqlite3_column_double(st, 14);
		m->has_alert = sqlite3_column_type(st, 15) != SQLITE_NULL;
		m->alert = sqlite3_column_double(st, 15);
		m->funnel = sqlite3_column_int(st, 16) != 0;
		parse_phase_targets((const char *)sqlite3_column_text(st, 17), m);
	}
	if (rc != SQLITE_DONE)
		return st_fail(s, "reading metrics");
	return STORE_OK;
}

static long index_of_id(const metric_data *d, int64_t id, long hint)
{
	if (hint >= 0 && (size_t)hint < d->n && d->ids[hint] == id)
		return hint;
	for (size_t i = 0; i < d->n; i++)
		if (d->ids[i] == id)
			return (long)i;
	return -1;
}

/* The campaign's series from its kept days (metric_days.h): one row per
 * metric and day, in the primary key's order, whatever the number of
 * values behind them. */
static enum store_rc load_values(store *s, metric_data *d)
{
	sqlite3_stmt *st = st_prep(s,
		"SELECT metric_id, day, n, sum, last, last_at FROM metric_day"
		" WHERE metric_id IN (SELECT id FROM metric WHERE campaign_id = ?1)"
		" ORDER BY metric_id, day");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, d->campaign_id);
	long cur = -1;
	int64_t cur_id = -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t mid = sqlite3_column_int64(st, 0);
		if (mid != cur_id) {
			cur = index_of_id(d, mid, cur + 1);
			cur_id = mid;
		}
		wr_date day;
		const char *text = (const char *)sqlite3_column_text(st, 1);
		if (cur < 0 || !text || !date_parse(text, &day))
			continue;
		metric_series *ser = &d->series[cur];
		ser->days = xgrow(ser->days, &ser->cap, ser->n + 1, sizeof *ser->days);
		ser->days[ser->n++] = (metric_day){
			.day = day,
			.n = sqlite3_column_int(st, 2),
			.sum = sqlite3_column_double(st, 3),
			.last = sqlite3_column_double(st, 4),
		};
		const char *last_at = (const char *)sqlite3_column_text(st, 5);
		str_copy(ser->last_at, sizeof ser->last_at, last_at ? last_at : "");
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, "reading metric values");
	return STORE_OK;
}

/* Metrics whose source is customer feedback (feedback.nps,
 * feedback.satisfaction, feedback.tag:WORD...) take their value from the
 * same statistics the Inbox shows, as of `today`: one call per such
 * metric, a handful per campaign at most. */
static enum store_rc load_feedback(store *s, metric_data *d, wr_date today)
{
	for (size_t i = 0; i < d->n; i++) {
		const metric_def *m = &d->defs[i];
		if (!str_empty(m->formula) || !m->source || !str_starts(m->source, "feedback."))
			continue;
		bool has = false;
		double v = 0;
		enum store_rc rc = store_feedback_metric(s, d->campaign_id, m->source, today, &has, &v);
		if (rc == STORE_INVALID || rc == STORE_NOTFOUND)
			has = false; /* a source it does not know: no value, not a broken pane */
		else if (rc != STORE_OK)
			return rc;
		d->series[i].has_fixed = has && isfinite(v);
		d->series[i].fixed = v;
	}
	return STORE_OK;
}

static enum store_rc load_data(store *s, int64_t cid, const char *key, wr_date today,
			       metric_data *d)
{
	memset(d, 0, sizeof *d);
	enum store_rc rc = load_campaign(s, cid, key, d);
	if (rc == STORE_OK)
		rc = load_metrics(s, d);
	if (rc == STORE_OK)
		rc = load_values(s, d);
	if (rc == STORE_OK)
		rc = load_feedback(s, d, today);
	if (rc != STORE_OK)
		metric_data_free(d);
	return rc;
}

static metric_set set_of(const metric_data *d, wr_date today)
{
	metric_set set = {d->defs, d->series, d->n,
			  {d->start, d->end, today, d->phases, d->n_phases}};
	return set;
}

metric_set metric_view_set(const metric_view *v)
{
	return set_of(&v->cur, v->today);
}

long metric_view_find(const metric_view *v, const char *key)
{
	for (size_t i = 0; i < v->cur.n; i++)
		if (str_eq(v->cur.defs[i].key, key))
			return (long)i;
	return -1;
}

enum store_rc store_metric_view(store *s, int64_t campaign_id, wr_date today, metric_view *out)
{
	memset(out, 0, sizeof *out);
	out->today = today;
	/* One read transaction: the figures come from one consistent state
	 * even while another operator writes. */
	bool own_tx = sqlite3_get_autocommit(s->db);
	if (own_tx && st_exec(s, "BEGIN") != STORE_OK)
		return st_fail(s, "reading metrics");
	out->changes = st_audit_last(s);
	enum store_rc rc = load_data(s, campaign_id, NULL, today, &out->cur);
	if (rc == STORE_OK && !str_empty(out->cur.baseline) &&
	    !str_eq(out->cur.baseline, out->cur.key)) {
		/* the baseline's feedback as of the same day of its run */
		wr_date bday = today;
		campaign_row brow;
		if (store_campaign_get(s, out->cur.baseline, &brow) == STORE_OK) {
			if (today >= out->cur.start && today <= out->cur.end)
				bday = brow.start + (today - out->cur.start);
			campaign_row_free(&brow);
		}
		rc = load_data(s, 0, out->cur.baseline, bday, &out->base);
		out->has_base = rc == STORE_OK;
		if (rc == STORE_NOTFOUND)
			rc = STORE_OK; /* a baseline that is not imported (yet) */
	}
	if (own_tx)
		st_exec(s, "COMMIT");
	if (rc != STORE_OK) {
		metric_view_free(out);
		return rc;
	}
	metric_set cur = set_of(&out->cur, today);
	metric_set base = set_of(&out->base, today);
	metric_board_compute(&cur, out->has_base ? &base : NULL, &out->board);
	return STORE_OK;
}

void metric_view_free(metric_view *v)
{
	if (!v)
		return;
	metric_data_free(&v->cur);
	metric_data_free(&v->base);
	metric_board_free(&v->board);
	memset(v, 0, sizeof *v);
}

/* ---- one metric ------------------------------------------------------------ */

void metric_ref_free(metric_ref *r)
{
	if (!r)
		return;
	free(r->key);
	free(r->name);
	free(r->unit);
	free(r->formula);
	free(r->source);
	memset(r, 0, sizeof *r);
}

const char *metric_not_recordable(const metric_ref *m)
{
	if (!str_empty(m->formula))
		/* TRANSLATORS: this and the next follow "metric 'gmv'" in an error. */
		return _("is computed from a formula; record its inputs instead");
	if (m->source && str_starts(m->source, "feedback."))
		return _("is computed from customer feedback");
	return NULL;
}

static void read_ref(sqlite3_stmt *st, metric_ref *out)
{
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(st, 0);
	out->campaign_id = sqlite3_column_int64(st, 1);
	out->version = sqlite3_column_int64(st, 2);
	out->key = st_col_text(st, 3);
	out->name = st_col_text(st, 4);
	out->unit = st_col_text(st, 5);
	out->formula = st_col_text(st, 6);
	out->source = st_col_text(st, 7);
}

enum store_rc store_metric_find(store *s, int64_t campaign_id, const char *key, metric_ref *out)
{
	sqlite3_stmt *st = st_prep(s,
		"SELECT id, campaign_id, version, key, name, unit, formula, source FROM metric"
		" WHERE campaign_id = ?1 AND key = ?2");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, campaign_id);
	st_bind_text(st, 2, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_ref(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	if (rc == SQLITE_DONE)
		return st_failf(s, STORE_NOTFOUND, _("no metric '%s' in this campaign"), key);
	return st_fail(s, "reading a metric");
}

enum store_rc store_metric_get(store *s, int64_t id, metric_ref *out)
{
	sqlite3_stmt *st = st_prep(s,
		"SELECT id, campaign_id, version, key, name, unit, formula, source FROM metric"
		" WHERE id = ?1");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_ref(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	if (rc == SQLITE_DONE)
		return st_failf(s, STORE_NOTFOUND, _("no such metric"));
	return st_fail(s, "reading a metric");
}

/* ---- values ---------------------------------------------------------------- */

#define VALUE_COLS "id, version, metric_id, at, value, source, origin, recorded_by, recorded_at"

static void read_value(sqlite3_stmt *st, metric_value_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->metric_id = sqlite3_column_int64(st, 2);
	r->at = st_col_text(st, 3);
	r->value = sqlite3_column_double(st, 4);
	r->source = st_col_text(st, 5);
	r->origin = st_col_text(st, 6);
	r->recorded_by = st_col_text(st, 7);
	r->recorded_at = st_col_text(st, 8);
}

void metric_value_row_free(metric_value_row *r)
{
	if (!r)
		return;
	free(r->at);
	free(r->source);
	free(r->origin);
	free(r->recorded_by);
	free(r->recorded_at);
	memset(r, 0, sizeof *r);
}

enum store_rc store_metric_value_count(store *s, int64_t metric_id, size_t *n)
{
	sqlite3_stmt *st = st_prep(s, "SELECT count(*) FROM metric_value WHERE metric_id = ?1");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, metric_id);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : st_fail(s, "counting values");
}

enum store_rc store_metric_value_window(store *s, int64_t metric_id, size_t offset, size_t limit,
					metric_value_row *out, size_t *n)
{
	*n = 0;
	sqlite3_stmt *st = st_prep(s, "SELECT " VALUE_COLS " FROM metric_value WHERE metric_id = ?1"
				      " ORDER BY at, id LIMIT ?2 OFFSET ?3");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, metric_id);
	sqlite3_bind_int64(st, 2, (int64_t)limit);
	sqlite3_bind_int64(st, 3, (int64_t)offset);
	int rc = SQLITE_DONE;
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_value(st, &out[(*n)++]);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		for (size_t i = 0; i < *n; i++)
			metric_value_row_free(&out[i]);
		*n = 0;
		return st_fail(s, "reading values");
	}
	return STORE_OK;
}

enum store_rc store_metric_value_get(store *s, int64_t value_id, metric_value_row *out)
{
	sqlite3_stmt *st = st_prep(s, "SELECT " VALUE_COLS " FROM metric_value WHERE id = ?1");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, value_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_value(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	if (rc == SQLITE_DONE)
		return st_failf(s, STORE_NOTFOUND, _("no value #%lld"), (long long)value_id);
	return st_fail(s, "reading a value");
}

/* The audit text of a value: "2024-06-05 350000 (电商后台)". */
static char *value_text(const char *at, double v, const char *source)
{
	char num[40];
	number_format_plain(v, num, sizeof num);
	if (!str_empty(source))
		return xasprintf("%s %s (%s)", at, num, source);
	return xasprintf("%s %s", at, num);
}

static bool valid_at(const char *at)
{
	wr_date d;
	int secs;
	return at && datetime_parse(at, &d, &secs);
}

/* Checks a new value and the metric it goes to. */
static enum store_rc check_value(store *s, const metric_value_new *v);

static enum store_rc check_new(store *s, const metric_value_new *v, metric_ref *m)
{
	enum store_rc rc = check_value(s, v);
	if (rc != STORE_OK)
		return rc;
	rc = store_metric_get(s, v->metric_id, m);
	if (rc != STORE_OK)
		return rc;
	const char *why = metric_not_recordable(m);
	if (why) {
		rc = st_failf(s, STORE_INVALID, _("metric '%s' %s"), m->key, why);
		metric_ref_free(m);
	}
	return rc;
}

static enum store_rc insert_value(store *s, const metric_value_new *v, const char *origin,
				  const char *now, int64_t *id)
{
	sqlite3_stmt *st = st_prep(s,
		"INSERT INTO metric_value(metric_id, at, value, source, origin, recorded_by, recorded_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, v->metric_id);
	st_bind_text(st, 2, v->at);
	sqlite3_bind_double(st, 3, v->value);
	st_bind_text(st, 4, str_empty(v->source) ? NULL : v->source);
	st_bind_text(st, 5, origin);
	st_bind_text(st, 6, current_user());
	st_bind_text(st, 7, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		return st_fail(s, "writing a value");
	*id = sqlite3_last_insert_rowid(s->db);
	return STORE_OK;
}

enum store_rc store_metric_record(store *s, const metric_value_new *v, int64_t *id)
{
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	metric_ref m;
	if ((rc = check_new(s, v, &m)) != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	char now[24];
	clock_now_string(now);
	int64_t vid = 0;
	rc = insert_value(s, v, "record", now, &vid);
	if (rc == STORE_OK)
		rc = st_metric_days_refresh(s, v->metric_id, v->at, v->at);
	if (rc == STORE_OK) {
		char *text = value_text(v->at, v->value, v->source);
		rc = st_audit(s, m.campaign_id, "metric_value", vid, m.key, "record", NULL, text);
		free(text);
	}
	metric_ref_free(&m);
	if (rc != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	if (id)
		*id = vid;
	return st_commit(s);
}

/* Checks a value on its own (time, number, source), without its metric. */
static enum store_rc check_value(store *s, const metric_value_new *v)
{
	if (!valid_at(v->at))
		return st_failf(s, STORE_INVALID, _("'%s' is not a date or a date and time"), v->at);
	if (!isfinite(v->value))
		return st_failf(s, STORE_INVALID, _("the value is not a finite number"));
	if (v->source && !utf8_valid(v->source, strlen(v->source)))
		return st_failf(s, STORE_INVALID, _("the source is not valid UTF-8"));
	return STORE_OK;
}

/* What an import added to one metric, for its audit row, and the times
 * of every value it added or changed, for the metric's kept days. */
typedef struct import_run {
	size_t added, touched;
	char first[20], last[20];
	char touched_first[20], touched_last[20];
	metric_days_run days;
} import_run;

static void run_touch(import_run *run, const char *at)
{
	if (run->touched++ == 0 || strcmp(at, run->touched_first) < 0)
		str_copy(run->touched_first, sizeof run->touched_first, at);
	if (strcmp(at, run->touched_last) > 0)
		str_copy(run->touched_last, sizeof run->touched_last, at);
}

/* A new value is inserted straight away (the import index refuses it when
 * the metric already has one at that time from that source); only then is
 * the old one read, compared and replaced. */
static enum store_rc import_one(store *s, const metric_value_new *v, const metric_ref *m,
				const char *now, metric_import_stats *stats, import_run *run)
{
	sqlite3_stmt *ins = st_prep(s,
		"INSERT INTO metric_value(metric_id, at, value, source, origin, recorded_by, recorded_at)"
		" VALUES (?1, ?2, ?3, ?4, 'import', ?5, ?6)"
		" ON CONFLICT(metric_id, at, ifnull(source, '')) WHERE origin = 'import' DO NOTHING");
	if (!ins)
		return STORE_ERROR;
	/* Bound without a copy: every text outlives the step below, and the
	 * next use of the statement binds afresh. */
	sqlite3_bind_int64(ins, 1, v->metric_id);
	st_bind_text_static(ins, 2, v->at);
	sqlite3_bind_double(ins, 3, v->value);
	st_bind_text_static(ins, 4, str_empty(v->source) ? NULL : v->source);
	st_bind_text_static(ins, 5, current_user());
	st_bind_text_static(ins, 6, now);
	if (sqlite3_step(ins) != SQLITE_DONE)
		return st_fail(s, "writing a value");
	if (sqlite3_changes(s->db) > 0) {
		stats->added++;
		if (run->added++ == 0 || strcmp(v->at, run->first) < 0)
			str_copy(run->first, sizeof run->first, v->at);
		if (strcmp(v->at, run->last) > 0)
			str_copy(run->last, sizeof run->last, v->at);
		run_touch(run, v->at);
		st_metric_days_run_add(&run->days, v->at, v->value);
		return STORE_OK;
	}
	sqlite3_stmt *st = st_prep(s,
		"SELECT id, value FROM metric_value WHERE metric_id = ?1 AND at = ?2"
		" AND origin = 'import' AND ifnull(source, '') = ifnull(?3, '')");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, v->metric_id);
	st_bind_text(st, 2, v->at);
	st_bind_text(st, 3, str_empty(v->source) ? NULL : v->source);
	int step = sqlite3_step(st);
	int64_t vid = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	double old = step == SQLITE_ROW ? sqlite3_column_double(st, 1) : 0;
	sqlite3_reset(st);
	if (step != SQLITE_ROW)
		return st_fail(s, "reading values");
	if (old == v->value) {
		stats->unchanged++;
		return STORE_OK;
	}
	sqlite3_stmt *up = st_prep(s,
		"UPDATE metric_value SET value = ?2, version = version + 1, recorded_by = ?3,"
		" recorded_at = ?4 WHERE id = ?1");
	if (!up)
		return STORE_ERROR;
	sqlite3_bind_int64(up, 1, vid);
	sqlite3_bind_double(up, 2, v->value);
	st_bind_text(up, 3, current_user());
	st_bind_text(up, 4, now);
	if (sqlite3_step(up) != SQLITE_DONE)
		return st_fail(s, "updating a value");
	stats->updated++;
	run_touch(run, v->at);
	st_metric_days_run_mixed(&run->days);
	char a[40], b[40];
	return st_audit(s, m->campaign_id, "metric_value", vid, m->key, "value",
			number_format_plain(old, a, sizeof a), number_format_plain(v->value, b, sizeof b));
}

/* The end of an import's run of one metric's values: its kept days are
 * recomputed once over the run's times, and one audit row tells what was
 * added (each added value carries who recorded it and when, and a file of
 * a million values does not write a million audit rows; a replaced value
 * has its own). */
static enum store_rc end_run(store *s, const metric_ref *m, import_run *run)
{
	if (run->touched) {
		enum store_rc rc = st_metric_days_run_end(s, m->id, &run->days, run->touched_first,
							  run->touched_last);
		if (rc != STORE_OK)
			return rc;
	}
	if (!run->added)
		return STORE_OK;
	char *text = run->added == 1 ? xasprintf("1 value at %s", run->first)
				     : xasprintf("%zu values from %s to %s", run->added, run->first,
						 run->last);
	enum store_rc rc = st_audit(s, m->campaign_id, "metric", m->id, m->key, "import", NULL, text);
	free(text);
	return rc;
}

enum store_rc store_metric_import(store *s, const metric_value_new *v, size_t n,
				  metric_import_stats *stats)
{
	memset(stats, 0, sizeof *stats);
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	char now[24];
	clock_now_string(now);
	/* Rows come grouped by metric: its definition is read once per run. */
	metric_ref m = {0};
	bool have = false;
	import_run run = {0};
	for (size_t i = 0; i < n && rc == STORE_OK; i++) {
		if (!have || m.id != v[i].metric_id) {
			if (have) {
				rc = end_run(s, &m, &run);
				metric_ref_free(&m);
				have = false;
			}
			memset(&run, 0, sizeof run);
			if (rc == STORE_OK && (rc = check_new(s, &v[i], &m)) == STORE_OK)
				have = true;
		} else {
			rc = check_value(s, &v[i]);
		}
		if (rc == STORE_OK)
			rc = import_one(s, &v[i], &m, now, stats, &run);
		if (rc != STORE_OK && v[i].line > 0) {
			char msg[sizeof s->err + 32];
			snprintf(msg, sizeof msg, _("line %ld: %s"), v[i].line, s->err);
			st_failf(s, rc, "%.480s", msg);
		}
	}
	if (have) {
		if (rc == STORE_OK)
			rc = end_run(s, &m, &run);
		metric_ref_free(&m);
	}
	free(run.days.days); /* a run that an error ended */
	if (rc != STORE_OK) {
		st_rollback(s);
		memset(stats, 0, sizeof *stats);
		return rc;
	}
	return st_commit(s);
}

/* Reads a value and its metric inside a write, checking the version. */
static enum store_rc locked_value(store *s, int64_t value_id, int64_t expected_version,
				  metric_value_row *cur, metric_ref *m)
{
	enum store_rc rc = store_metric_value_get(s, value_id, cur);
	if (rc != STORE_OK)
		return rc;
	if (expected_version >= 0 && cur->version != expected_version) {
		rc = st_failf(s, STORE_CONFLICT,
			      _("value #%lld was changed by %s at %s since you read it; reload and try again"),
			      (long long)value_id, cur->recorded_by ? cur->recorded_by : _("someone"),
			      cur->recorded_at ? cur->recorded_at : _("an unknown time"));
		metric_value_row_free(cur);
		return rc;
	}
	rc = store_metric_get(s, cur->metric_id, m);
	if (rc != STORE_OK)
		metric_value_row_free(cur);
	return rc;
}

enum store_rc store_metric_value_set(store *s, int64_t value_id, int64_t expected_version,
				     const char *at, const double *value)
{
	if (at && !valid_at(at))
		return st_failf(s, STORE_INVALID, _("'%s' is not a date or a date and time"), at);
	if (value && !isfinite(*value))
		return st_failf(s, STORE_INVALID, _("the value is not a finite number"));
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	metric_value_row cur;
	metric_ref m;
	if ((rc = locked_value(s, value_id, expected_version, &cur, &m)) != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	bool at_changes = at && !str_eq(at, cur.at);
	bool value_changes = value && *value != cur.value;
	if (at_changes || value_changes) {
		sqlite3_stmt *st = st_prep(s,
			"UPDATE metric_value SET at = ?2, value = ?3, version = version + 1,"
			" recorded_by = ?4, recorded_at = ?5 WHERE id = ?1");
		char now[24];
		if (!st) {
			rc = STORE_ERROR;
		} else {
			sqlite3_bind_int64(st, 1, value_id);
			st_bind_text(st, 2, at_changes ? at : cur.at);
			sqlite3_bind_double(st, 3, value_changes ? *value : cur.value);
			st_bind_text(st, 4, current_user());
			st_bind_text(st, 5, clock_now_string(now));
			int step = sqlite3_step(st);
			if (step != SQLITE_DONE)
				rc = (step & 0xff) == SQLITE_CONSTRAINT
					     ? st_failf(s, STORE_INVALID,
							_("another imported value of '%s' has that time and source"),
							m.key)
					     : st_fail(s, "changing a value");
			else /* the day it leaves and the day it joins */
				rc = st_metric_days_refresh(s, cur.metric_id, cur.at, cur.at);
			if (rc == STORE_OK && at_changes)
				rc = st_metric_days_refresh(s, cur.metric_id, at, at);
		}
		if (rc == STORE_OK && at_changes)
			rc = st_audit(s, m.campaign_id, "metric_value", value_id, m.key, "at", cur.at, at);
		if (rc == STORE_OK && value_changes) {
			char a[40], b[40];
			rc = st_audit(s, m.campaign_id, "metric_value", value_id, m.key, "value",
				      number_format_plain(cur.value, a, sizeof a),
				      number_format_plain(*value, b, sizeof b));
		}
	}
	metric_value_row_free(&cur);
	metric_ref_free(&m);
	if (rc != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	return st_commit(s);
}

enum store_rc store_metric_value_delete(store *s, int64_t value_id, int64_t expected_version)
{
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	metric_value_row cur;
	metric_ref m;
	if ((rc = locked_value(s, value_id, expected_version, &cur, &m)) != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	sqlite3_stmt *st = st_prep(s, "DELETE FROM metric_value WHERE id = ?1");
	if (!st) {
		rc = STORE_ERROR;
	} else {
		sqlite3_bind_int64(st, 1, value_id);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = st_fail(s, "deleting a value");
		else
			rc = st_metric_days_refresh(s, cur.metric_id, cur.at, cur.at);
	}
	if (rc == STORE_OK) {
		char *text = value_text(cur.at, cur.value, cur.source);
		rc = st_audit(s, m.campaign_id, "metric_value", value_id, m.key, "delete", text, NULL);
		free(text);
	}
	metric_value_row_free(&cur);
	metric_ref_free(&m);
	if (rc != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	return st_commit(s);
}
