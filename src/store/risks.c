/* The risk log. A metric entering alert or a task going late opens a risk,
 * once: a risk is "cleared" when its subject is seen out of that state, and
 * only a subject whose earlier risks are all cleared gets a new one, so a
 * risk closed while its metric is still red does not come straight back.
 * Each risk must get a cause and a response plan within the response
 * window (48 hours by the planning rule, $WARROOM_RISK_HOURS to change it),
 * and is closed with a resolution note. */
#include "store_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/number.h"
#include "warroom/store_metric.h"
#include "warroom/text.h"

int risk_response_hours(void)
{
	const char *e = getenv("WARROOM_RISK_HOURS");
	if (e && *e) {
		char *end;
		long h = strtol(e, &end, 10);
		if (*end == '\0' && h > 0 && h <= 24 * 366)
			return (int)h;
	}
	return 48;
}

static bool parse_stamp(const char *s, long long *secs)
{
	wr_date d;
	int t;
	if (!s || !datetime_parse(s, &d, &t))
		return false;
	*secs = (long long)d * 86400 + t;
	return true;
}

static char *format_stamp(long long secs, char *buf /* 20 */)
{
	long long day = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	return datetime_format((wr_date)day, (int)(secs - day * 86400), buf);
}

/* ---- reading ------------------------------------------------------------- */

#define RISK_COLS                                                                                  \
	"r.id, r.version, r.campaign_id, c.key, r.kind, r.subject_key, r.subject, m.unit, r.owner," \
	" r.cause, r.plan, r.opened_at, r.respond_by, r.responded_at, r.closed_at, r.resolution,"  \
	" r.cleared_at, r.current_value, r.target_value, r.deviation, c.currency"                  \
	" FROM risk r JOIN campaign c ON c.id = r.campaign_id"                                     \
	" LEFT JOIN metric m ON r.kind = 'metric' AND m.campaign_id = r.campaign_id"               \
	"  AND m.key = r.subject_key"

static void read_risk(sqlite3_stmt *st, risk_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->campaign_id = sqlite3_column_int64(st, 2);
	r->campaign = st_col_text(st, 3);
	r->kind = st_col_text(st, 4);
	r->subject_key = st_col_text(st, 5);
	r->subject = st_col_text(st, 6);
	r->unit = st_col_text(st, 7);
	r->owner = st_col_text(st, 8);
	r->cause = st_col_text(st, 9);
	r->plan = st_col_text(st, 10);
	r->opened_at = st_col_text(st, 11);
	r->respond_by = st_col_text(st, 12);
	r->responded_at = st_col_text(st, 13);
	r->closed_at = st_col_text(st, 14);
	r->resolution = st_col_text(st, 15);
	r->cleared_at = st_col_text(st, 16);
	r->has_current = sqlite3_column_type(st, 17) != SQLITE_NULL;
	r->current_value = sqlite3_column_double(st, 17);
	r->has_target = sqlite3_column_type(st, 18) != SQLITE_NULL;
	r->target_value = sqlite3_column_double(st, 18);
	r->has_deviation = sqlite3_column_type(st, 19) != SQLITE_NULL;
	r->deviation = sqlite3_column_double(st, 19);
	r->currency = st_col_text(st, 20);
}

void risk_row_free(risk_row *r)
{
	if (!r)
		return;
	free(r->campaign);
	free(r->kind);
	free(r->subject_key);
	free(r->subject);
	free(r->unit);
	free(r->owner);
	free(r->cause);
	free(r->plan);
	free(r->opened_at);
	free(r->respond_by);
	free(r->responded_at);
	free(r->closed_at);
	free(r->resolution);
	free(r->cleared_at);
	free(r->currency);
	memset(r, 0, sizeof *r);
}

void risk_rows_free(risk_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		risk_row_free(&v[i]);
	free(v);
}

enum store_rc store_risk_list(store *s, int64_t campaign_id, bool closed, risk_row **out,
			      size_t *n)
{
	*out = NULL;
	*n = 0;
	/* Open risks by when their response is due (overdue first), then
	 * responded ones, then closed ones, newest first. */
#define RISK_ORDER                                                                                 \
	" ORDER BY r.closed_at IS NOT NULL,"                                                       \
	" CASE WHEN r.closed_at IS NULL THEN r.responded_at IS NOT NULL END,"                      \
	" CASE WHEN r.closed_at IS NULL THEN r.respond_by END,"                                    \
	" r.closed_at DESC, r.id"
	/* One campaign's risks come from its index (risk_by_subject), not from
	 * a walk of every campaign's. */
	static const char every[] =
		"SELECT " RISK_COLS " WHERE (?2 OR r.closed_at IS NULL)" RISK_ORDER;
	static const char one[] =
		"SELECT " RISK_COLS " WHERE r.campaign_id = ?1 AND (?2 OR r.closed_at IS NULL)" RISK_ORDER;
#undef RISK_ORDER
	sqlite3_stmt *st = st_prep(s, campaign_id ? one : every);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, campaign_id);
	sqlite3_bind_int(st, 2, closed);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		read_risk(st, &(*out)[(*n)++]);
	}
	if (rc != SQLITE_DONE) {
		risk_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return st_fail(s, "reading risks");
	}
	return STORE_OK;
}

enum store_rc store_risk_get(store *s, int64_t risk_id, risk_row *out)
{
	sqlite3_stmt *st = st_prep(s, "SELECT " RISK_COLS " WHERE r.id = ?1");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, risk_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_risk(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	if (rc == SQLITE_DONE)
		return st_failf(s, STORE_NOTFOUND, _("no risk #%lld"), (long long)risk_id);
	return st_fail(s, "reading a risk");
}

bool risk_seconds_left(const risk_row *r, const char *now, long long *secs)
{
	long long by, t;
	if (r->closed_at || r->responded_at || !parse_stamp(r->respond_by, &by) ||
	    !parse_stamp(now, &t))
		return false;
	*secs = by - t;
	return true;
}

static void hours_text(long long secs, char *buf, size_t size)
{
	if (secs >= 3600)
		/* TRANSLATORS: hours, then minutes, in a risk's response time: "48h". */
		snprintf(buf, size, _("%lldh"), secs / 3600);
	else
		snprintf(buf, size, _("%lldm"), secs / 60 > 0 ? secs / 60 : 1);
}

char *risk_due_text(const risk_row *r, const char *now, char *buf, size_t size)
{
	long long left;
	char h[32];
	if (r->closed_at)
		snprintf(buf, size, "%s", _("closed"));
	else if (r->responded_at)
		snprintf(buf, size, "%s", _("responded"));
	else if (!risk_seconds_left(r, now, &left))
		snprintf(buf, size, "?");
	else if (left >= 0) {
		hours_text(left, h, sizeof h);
		/* TRANSLATORS: the time left for a risk's response: "48h left". */
		snprintf(buf, size, _("%s left"), h);
	} else {
		hours_text(-left, h, sizeof h);
		/* TRANSLATORS: how long a risk's response is overdue: "overdue 3h". */
		snprintf(buf, size, _("overdue %s"), h);
	}
	return buf;
}

void risk_cells_format(const risk_row *r, const char *now, risk_cells *out)
{
	memset(out, 0, sizeof *out);
	bool cjk = metric_prefers_cjk(r->currency, r->unit);
	bool task = str_eq(r->kind, "task");
	const char *unit = task ? NULL : r->unit;
	if (!r->has_current)
		snprintf(out->current, sizeof out->current, "—");
	else if (task)
		snprintf(out->current, sizeof out->current, "%.0f%%", r->current_value);
	else
		number_format(r->current_value, unit, cjk, out->current, sizeof out->current);
	if (!r->has_target)
		snprintf(out->target, sizeof out->target, "—");
	else if (task)
		snprintf(out->target, sizeof out->target, "%.0f%%", r->target_value);
	else
		number_format(r->target_value, unit, cjk, out->target, sizeof out->target);
	if (!r->has_deviation)
		snprintf(out->deviation, sizeof out->deviation, "—");
	else if (task)
		/* TRANSLATORS: a late task's risk: days past its due date, "11d late". */
		snprintf(out->deviation, sizeof out->deviation, _("%.0fd late"), r->deviation);
	else
		metric_format_signed_pct(r->deviation, out->deviation, sizeof out->deviation);
	risk_due_text(r, now, out->due, sizeof out->due);
	long long left;
	out->overdue = risk_seconds_left(r, now, &left) && left < 0;
	out->recovered = r->cleared_at && !r->closed_at;
	out->state = r->closed_at      ? "closed"
		     : r->responded_at ? "responded"
		     : out->overdue    ? "overdue"
		     : out->recovered  ? "recovered"
				       : "open";
}

/* ---- the scan ------------------------------------------------------------- */

typedef struct subject {
	const char *kind;
	char *key, *name, *owner;
	bool bad; /* in alert, or late: wants a risk; else it is clear */
	double current, target, deviation;
	bool has_current, has_target;
} subject;

typedef struct risk_state {
	char *kind, *key;
	bool open, cleared;
} risk_state;

static void subjects_free(subject *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].name);
		free(v[i].owner);
	}
	free(v);
}

static enum store_rc read_states(store *s, int64_t cid, risk_state **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = st_prep(s,
		"SELECT kind, subject_key, closed_at IS NULL, cleared_at IS NOT NULL FROM risk"
		" WHERE campaign_id = ?1 AND (closed_at IS NULL OR cleared_at IS NULL)");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		risk_state *r = &(*out)[(*n)++];
		r->kind = st_col_text(st, 0);
		r->key = st_col_text(st, 1);
		r->open = sqlite3_column_int(st, 2) != 0;
		r->cleared = sqlite3_column_int(st, 3) != 0;
	}
	if (rc != SQLITE_DONE)
		return st_fail(s, "reading risks");
	return STORE_OK;
}

static void states_free(risk_state *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].kind);
		free(v[i].key);
	}
	free(v);
}

static int state_cmp(const char *kind, const char *key, const risk_state *r)
{
	int c = strcmp(kind, r->kind ? r->kind : "");
	return c ? c : strcmp(key ? key : "", r->key ? r->key : "");
}

static int by_subject(const void *a, const void *b)
{
	const risk_state *r = b, *l = a;
	return state_cmp(l->kind ? l->kind : "", l->key, r);
}

/* The states sorted by subject, so each of a campaign's thousands of tasks
 * finds its risks by binary search rather than by a walk of them all. */
static void states_sort(risk_state *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, by_subject);
}

/* What the subject needs: 0 nothing, 1 a new risk, 2 its open risk
 * un-cleared (it went bad again), 3 its risks marked cleared. `st` is
 * sorted (states_sort). */
static int needed(const subject *sub, const risk_state *st, size_t n)
{
	bool uncleared = false, open_cleared = false;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (state_cmp(sub->kind, sub->key, &st[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < n && state_cmp(sub->kind, sub->key, &st[i]) == 0; i++) {
		if (!st[i].cleared)
			uncleared = true;
		else if (st[i].open)
			open_cleared = true;
	}
	if (sub->bad)
		return open_cleared ? 2 : uncleared ? 0 : 1;
	return uncleared ? 3 : 0;
}

static enum store_rc collect_subjects(store *s, const metric_view *v, subject **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	int64_t cid = v->cur.campaign_id;
	wr_date today = v->today;
	for (size_t i = 0; i < v->cur.n; i++) {
		const metric_figures *f = &v->board.rows[i];
		if (f->level == LEVEL_NONE)
			continue;
		const metric_def *m = &v->cur.defs[i];
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		subject *sub = &(*out)[(*n)++];
		memset(sub, 0, sizeof *sub);
		sub->kind = "metric";
		sub->key = xstrdup(m->key);
		sub->name = xstrdup(m->name ? m->name : m->key);
		sub->owner = v->cur.owner ? xstrdup(v->cur.owner) : NULL;
		sub->bad = f->level == LEVEL_ALERT;
		sub->has_current = f->has_actual;
		sub->current = f->actual;
		sub->has_target = f->has_target_to_date || m->has_target;
		sub->target = f->has_target_to_date ? f->target_to_date : m->target;
		sub->deviation = f->deviation;
	}

	/* Only the tasks that need something, by the rules of needed(): a late
	 * task without a risk still in force (or whose open risk was marked
	 * cleared), and a task no longer late with a risk not yet cleared.
	 * Each is one lookup in risk_by_subject, so a campaign with thousands
	 * of late tasks, all with their risk open, yields nothing to read. */
	sqlite3_stmt *st = st_prep(s,
		"SELECT t.key, t.name, t.owner, t.progress, julianday(?2) - julianday(t.due), 1, t.ord"
		" FROM task t INDEXED BY task_by_due"
		" WHERE t.campaign_id = ?1 AND t.status IN (0, 1, 3) AND t.due < ?2"
		" AND (NOT EXISTS (SELECT 1 FROM risk r WHERE r.campaign_id = ?1 AND r.kind = 'task'"
		"   AND r.subject_key = t.key AND r.cleared_at IS NULL)"
		"  OR EXISTS (SELECT 1 FROM risk r WHERE r.campaign_id = ?1 AND r.kind = 'task'"
		"   AND r.subject_key = t.key AND r.closed_at IS NULL AND r.cleared_at IS NOT NULL))"
		" UNION ALL"
		" SELECT t.key, t.name, t.owner, t.progress, julianday(?2) - julianday(t.due), 0, t.ord"
		" FROM risk r JOIN task t ON t.campaign_id = r.campaign_id AND t.key = r.subject_key"
		" WHERE r.campaign_id = ?1 AND r.kind = 'task' AND r.cleared_at IS NULL"
		" AND NOT (t.status <> 2 AND t.due < ?2)"
		" GROUP BY t.id ORDER BY 7");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	st_bind_date(st, 2, today);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		subject *sub = &(*out)[(*n)++];
		memset(sub, 0, sizeof *sub);
		sub->kind = "task";
		sub->key = st_col_text(st, 0);
		sub->name = st_col_text(st, 1);
		sub->owner = st_col_text(st, 2);
		sub->has_current = sub->has_target = true;
		sub->current = sqlite3_column_double(st, 3);
		sub->target = 100;
		sub->deviation = sqlite3_column_double(st, 4);
		sub->bad = sqlite3_column_int(st, 5) != 0;
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return st_fail(s, "reading tasks");
	return STORE_OK;
}

static enum store_rc open_risk(store *s, int64_t cid, const subject *sub, const char *now,
			       const char *by)
{
	sqlite3_stmt *st = st_prep(s,
		"INSERT INTO risk(campaign_id, kind, subject_key, subject, current_value, target_value,"
		" deviation, opened_at, respond_by, owner) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	st_bind_text(st, 2, sub->kind);
	st_bind_text(st, 3, sub->key);
	st_bind_text(st, 4, sub->name);
	st_bind_double_opt(st, 5, sub->has_current, sub->current);
	st_bind_double_opt(st, 6, sub->has_target, sub->target);
	st_bind_double_opt(st, 7, isfinite(sub->deviation), sub->deviation);
	st_bind_text(st, 8, now);
	st_bind_text(st, 9, by);
	st_bind_text(st, 10, sub->owner);
	if (sqlite3_step(st) != SQLITE_DONE)
		return st_fail(s, "opening a risk");
	int64_t id = sqlite3_last_insert_rowid(s->db);
	return st_audit(s, cid, "risk", id, sub->key, "open", NULL, sub->name);
}

static enum store_rc set_cleared(store *s, int64_t cid, const subject *sub, const char *now)
{
	sqlite3_stmt *st = st_prep(s,
		"UPDATE risk SET cleared_at = ?4 WHERE campaign_id = ?1"
		" AND kind = ?2 AND subject_key = ?3 AND cleared_at IS NULL RETURNING id");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	st_bind_text(st, 2, sub->kind);
	st_bind_text(st, 3, sub->key);
	st_bind_text(st, 4, now);
	int64_t ids[16];
	size_t k = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (k < ARRAY_LEN(ids))
			ids[k++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, "updating risks");
	enum store_rc r = STORE_OK;
	for (size_t i = 0; i < k && r == STORE_OK; i++)
		r = st_audit(s, cid, "risk", ids[i], sub->key, "cleared", NULL, now);
	return r;
}

static enum store_rc set_uncleared(store *s, int64_t cid, const subject *sub)
{
	sqlite3_stmt *st = st_prep(s,
		"UPDATE risk SET cleared_at = NULL WHERE campaign_id = ?1"
		" AND kind = ?2 AND subject_key = ?3 AND closed_at IS NULL AND cleared_at IS NOT NULL"
		" RETURNING id, cleared_at");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	st_bind_text(st, 2, sub->kind);
	st_bind_text(st, 3, sub->key);
	int64_t id = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, "updating risks");
	return id ? st_audit(s, cid, "risk", id, sub->key, "cleared", "yes", NULL) : STORE_OK;
}

/* ---- the last scan that found nothing to do (schema migration 7) ------ */

static bool scan_known_clean(store *s, int64_t cid, wr_date today, int64_t changes)
{
	sqlite3_stmt *st = st_prep(s, "SELECT 1 FROM risk_scan WHERE campaign_id = ?1 AND day = ?2"
				      " AND audit_id = ?3");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, cid);
	st_bind_date(st, 2, today);
	sqlite3_bind_int64(st, 3, changes);
	bool clean = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return clean;
}

/* In a write transaction: nothing is left to do as of `changes`. */
static enum store_rc scan_keep_clean(store *s, int64_t cid, wr_date today, int64_t changes)
{
	sqlite3_stmt *st = st_prep(s, "INSERT OR REPLACE INTO risk_scan(campaign_id, day, audit_id)"
				      " VALUES (?1, ?2, ?3)");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	st_bind_date(st, 2, today);
	sqlite3_bind_int64(st, 3, changes);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, "updating risks");
	/* other days' scans go after a week, as the task figures do */
	st = st_prep(s, "DELETE FROM risk_scan WHERE campaign_id = ?1 AND day < date(?2, '-7 days')");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	st_bind_date(st, 2, today);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : st_fail(s, "updating risks");
}

/* The latest day a scan of the campaign was kept for, or WR_DATE_NONE. */
static wr_date latest_scan_day(store *s, int64_t cid)
{
	sqlite3_stmt *st = st_prep(s, "SELECT max(day) FROM risk_scan WHERE campaign_id = ?1");
	wr_date d = WR_DATE_NONE;
	if (!st)
		return d;
	sqlite3_bind_int64(st, 1, cid);
	if (sqlite3_step(st) == SQLITE_ROW)
		d = st_col_date(st, 0);
	sqlite3_reset(st);
	return d;
}

/* needed(), for a scan whose today is behind another one's (operators
 * with a TZ of their own, WARROOM_TODAY): it may open a risk, but clears
 * and un-clears only follow the latest day, or two screens a day apart
 * would undo each other's change on every reload, forever. */
static int needed_as_of(const subject *sub, const risk_state *st, size_t n, bool behind)
{
	int what = needed(sub, st, n);
	return behind && what >= 2 ? 0 : what;
}

/* Notes a scan that found nothing, if the write lock is free at once and
 * nothing was written since the view was read; skipped otherwise. */
static void scan_note_clean(store *s, const metric_view *v)
{
	if (!st_try_begin(s))
		return;
	if (st_audit_last(s) == v->changes &&
	    scan_keep_clean(s, v->cur.campaign_id, v->today, v->changes) == STORE_OK &&
	    st_commit(s) == STORE_OK)
		return;
	st_rollback(s);
}

enum store_rc store_risk_scan(store *s, int64_t campaign_id, wr_date today, size_t *opened)
{
	if (opened)
		*opened = 0;
	if (scan_known_clean(s, campaign_id, today, st_audit_last(s)))
		return STORE_OK; /* no need for the figures either */
	metric_view v;
	enum store_rc rc = store_metric_view(s, campaign_id, today, &v);
	if (rc != STORE_OK)
		return rc;
	rc = store_risk_scan_view(s, &v, opened);
	metric_view_free(&v);
	return rc;
}

enum store_rc store_risk_scan_view(store *s, const metric_view *v, size_t *opened)
{
	if (opened)
		*opened = 0;
	/* Once the campaign is over its review takes over: no new risks. */
	if (v->today > v->cur.end)
		return STORE_OK;
	int64_t campaign_id = v->cur.campaign_id;
	/* Nothing changed since a scan that found nothing: the late tasks
	 * need not be walked again. */
	if (scan_known_clean(s, campaign_id, v->today, v->changes))
		return STORE_OK;
	subject *subs;
	size_t n_subs;
	enum store_rc rc = collect_subjects(s, v, &subs, &n_subs);
	if (rc != STORE_OK) {
		subjects_free(subs, n_subs);
		return rc;
	}
	risk_state *states;
	size_t n_states;
	if ((rc = read_states(s, campaign_id, &states, &n_states)) != STORE_OK) {
		subjects_free(subs, n_subs);
		return rc;
	}
	states_sort(states, n_states);
	wr_date latest = latest_scan_day(s, campaign_id);
	bool behind = latest != WR_DATE_NONE && v->today < latest;
	bool work = false;
	for (size_t i = 0; i < n_subs && !work; i++)
		work = needed_as_of(&subs[i], states, n_states, behind) != 0;
	states_free(states, n_states);
	if (!work || s->readonly) {
		subjects_free(subs, n_subs);
		if (!work)
			scan_note_clean(s, v);
		return STORE_OK;
	}
	/* Decide again under the write lock: another operator's scan may have
	 * opened the same risks while this one computed. */
	if ((rc = st_begin(s)) != STORE_OK) {
		subjects_free(subs, n_subs);
		return rc;
	}
	int64_t changes_at_lock = st_audit_last(s);
	rc = read_states(s, campaign_id, &states, &n_states);
	states_sort(states, n_states);
	char now[24], by[24];
	clock_now_string(now);
	long long t = 0;
	parse_stamp(now, &t);
	format_stamp(t + (long long)risk_response_hours() * 3600, by);
	size_t n_opened = 0;
	for (size_t i = 0; i < n_subs && rc == STORE_OK; i++) {
		switch (needed_as_of(&subs[i], states, n_states, behind)) {
		case 1:
			rc = open_risk(s, campaign_id, &subs[i], now, by);
			n_opened++;
			break;
		case 2:
			rc = set_uncleared(s, campaign_id, &subs[i]);
			break;
		case 3:
			rc = set_cleared(s, campaign_id, &subs[i], now);
			break;
		default:
			break;
		}
	}
	states_free(states, n_states);
	subjects_free(subs, n_subs);
	/* What was done leaves nothing to do, unless another operator wrote
	 * after the figures were read: then the next scan looks again. */
	if (rc == STORE_OK && changes_at_lock == v->changes)
		rc = scan_keep_clean(s, campaign_id, v->today, st_audit_last(s));
	if (rc != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	if ((rc = st_commit(s)) == STORE_OK && opened)
		*opened = n_opened;
	return rc;
}

/* ---- edits ------------------------------------------------------------------ */

const char *risk_field_name(enum risk_field f)
{
	static const char *const names[] = {"cause", "plan", "owner"};
	return (size_t)f < ARRAY_LEN(names) ? names[f] : "?";
}

static enum store_rc locked_risk(store *s, int64_t id, int64_t expected_version, risk_row *r)
{
	enum store_rc rc = store_risk_get(s, id, r);
	if (rc != STORE_OK)
		return rc;
	if (expected_version >= 0 && r->version != expected_version) {
		risk_row_free(r);
		return st_failf(s, STORE_CONFLICT,
				_("risk #%lld was changed since you read it; reload and try again"),
				(long long)id);
	}
	return STORE_OK;
}

static char *clean_text(const char *text)
{
	if (!text)
		return NULL;
	const char *b = text;
	while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
		b++;
	size_t n = strlen(b);
	while (n && (b[n - 1] == ' ' || b[n - 1] == '\t' || b[n - 1] == '\n' || b[n - 1] == '\r'))
		n--;
	return n ? xstrndup(b, n) : NULL;
}

enum store_rc store_risk_set(store *s, int64_t risk_id, int64_t expected_version,
			     enum risk_field f, const char *text)
{
	static const char *const updates[] = {
		"UPDATE risk SET cause = ?2, version = version + 1 WHERE id = ?1",
		"UPDATE risk SET plan = ?2, version = version + 1 WHERE id = ?1",
		"UPDATE risk SET owner = ?2, version = version + 1 WHERE id = ?1",
	};
	if ((size_t)f >= ARRAY_LEN(updates))
		return st_failf(s, STORE_INVALID, _("unknown risk field"));
	if (text && !utf8_valid(text, strlen(text)))
		return st_failf(s, STORE_INVALID, _("text is not valid UTF-8"));
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	risk_row r;
	if ((rc = locked_risk(s, risk_id, expected_version, &r)) != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	char *nv = clean_text(text);
	const char *old = f == RISK_F_CAUSE ? r.cause : f == RISK_F_PLAN ? r.plan : r.owner;
	if (r.closed_at) {
		rc = st_failf(s, STORE_INVALID, _("risk #%lld is closed"), (long long)risk_id);
	} else if (!str_eq(old, nv)) {
		sqlite3_stmt *st = st_prep(s, updates[f]);
		if (!st) {
			rc = STORE_ERROR;
		} else {
			sqlite3_bind_int64(st, 1, risk_id);
			st_bind_text(st, 2, nv);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = st_fail(s, "changing a risk");
		}
		if (rc == STORE_OK)
			rc = st_audit(s, r.campaign_id, "risk", risk_id, r.subject_key,
				      risk_field_name(f), old, nv);
		/* Responded once both the cause and the plan are written down. */
		const char *cause = f == RISK_F_CAUSE ? nv : r.cause;
		const char *plan = f == RISK_F_PLAN ? nv : r.plan;
		if (rc == STORE_OK && !r.responded_at && !str_empty(cause) && !str_empty(plan)) {
			char now[24];
			sqlite3_stmt *st2 = st_prep(s, "UPDATE risk SET responded_at = ?2 WHERE id = ?1");
			if (!st2) {
				rc = STORE_ERROR;
			} else {
				sqlite3_bind_int64(st2, 1, risk_id);
				st_bind_text(st2, 2, clock_now_string(now));
				if (sqlite3_step(st2) != SQLITE_DONE)
					rc = st_fail(s, "changing a risk");
			}
			if (rc == STORE_OK)
				rc = st_audit(s, r.campaign_id, "risk", risk_id, r.subject_key,
					      "responded", NULL, now);
		}
	}
	free(nv);
	risk_row_free(&r);
	if (rc != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	return st_commit(s);
}

enum store_rc store_risk_close(store *s, int64_t risk_id, int64_t expected_version,
			       const char *note)
{
	char *nv = clean_text(note);
	if (!nv)
		return st_failf(s, STORE_INVALID, _("closing a risk needs a resolution note"));
	if (!utf8_valid(nv, strlen(nv))) {
		free(nv);
		return st_failf(s, STORE_INVALID, _("text is not valid UTF-8"));
	}
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK) {
		free(nv);
		return rc;
	}
	risk_row r;
	if ((rc = locked_risk(s, risk_id, expected_version, &r)) != STORE_OK) {
		free(nv);
		st_rollback(s);
		return rc;
	}
	if (r.closed_at) {
		rc = st_failf(s, STORE_INVALID, _("risk #%lld is already closed"), (long long)risk_id);
	} else {
		char now[24];
		sqlite3_stmt *st = st_prep(s,
			"UPDATE risk SET closed_at = ?2, resolution = ?3, version = version + 1"
			" WHERE id = ?1");
		if (!st) {
			rc = STORE_ERROR;
		} else {
			sqlite3_bind_int64(st, 1, risk_id);
			st_bind_text(st, 2, clock_now_string(now));
			st_bind_text(st, 3, nv);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = st_fail(s, "closing a risk");
		}
		if (rc == STORE_OK)
			rc = st_audit(s, r.campaign_id, "risk", risk_id, r.subject_key, "close", NULL, nv);
	}
	free(nv);
	risk_row_free(&r);
	if (rc != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	return st_commit(s);
}
