/* Tasks: the filtered, ordered window the Gantt pane shows, header counts
 * and audited field edits. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/number.h"
#include "warroom/text.h"

/* Shared WHERE clause. ?1 campaign, ?2 owner, ?3 late only, ?4 open only,
 * ?5 today, ?6 lower-cased text. */
#define TASK_WHERE                                                                                 \
	" WHERE t.campaign_id = ?1"                                                                \
	" AND (?2 IS NULL OR t.owner = ?2)"                                                        \
	" AND (?3 = 0 OR (t.status <> 2 AND t.due < ?5))"                                          \
	" AND (?4 = 0 OR t.status <> 2)"                                                           \
	" AND (?6 IS NULL OR instr(lower(t.name), ?6) OR instr(lower(t.key), ?6)"                  \
	"      OR instr(lower(ifnull(t.owner, '')), ?6) OR instr(lower(ifnull(t.strategy, '')), ?6))"

/* The same without the owner and text conditions, which read the task row:
 * counting late or open tasks then reads only the task_by_due index. */
#define TASK_WHERE_STATUS                                                                          \
	" WHERE t.campaign_id = ?1"                                                                \
	" AND (?3 = 0 OR (t.status <> 2 AND t.due < ?5))"                                          \
	" AND (?4 = 0 OR t.status <> 2)"

static bool by_status_only(const task_filter *f)
{
	return !f || (str_empty(f->owner) && str_empty(f->text));
}

/* ?7 group: 0 none, 1 strategy, 2 owner, 3 phase */
#define TASK_GROUP_KEY                                                                             \
	"CASE ?7 WHEN 1 THEN ifnull(t.strategy, '') WHEN 2 THEN ifnull(t.owner, '')"               \
	" WHEN 3 THEN ifnull((SELECT p.ord FROM phase p WHERE p.campaign_id = t.campaign_id"       \
	"  AND p.name = t.phase), 999999) ELSE '' END"
#define TASK_ORDER " ORDER BY " TASK_GROUP_KEY ", t.ord, t.id"
/* Without grouping the order is the task_by_order index itself: a window
 * is a walk of the index that stops after LIMIT rows, with no sort and the
 * columns (and each row's prerequisites) read only for the rows shown. */
#define TASK_ORDER_PLAIN " ORDER BY t.ord, t.id"

#define TASK_COLS                                                                                  \
	"t.id, t.version, t.ord, t.key, t.name, t.strategy, t.owner, t.collaborators,"             \
	" t.deliverable, t.phase, t.problem, t.support, t.updated_by, t.updated_at, t.start,"      \
	" t.due, t.status, t.tracking, t.progress, t.milestone,"                                   \
	" (SELECT group_concat(d.key, ', ') FROM task_dep x JOIN task d ON d.id = x.dep_id"        \
	"  WHERE x.task_id = t.id)"

static char *lower_ascii(const char *s)
{
	if (str_empty(s))
		return NULL;
	char *l = xstrdup(s);
	for (char *p = l; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return l;
}

static void bind_filter(sqlite3_stmt *st, int64_t cid, const task_filter *f, char **text)
{
	task_filter none = {0};
	if (!f) {
		none.today = date_today();
		f = &none;
	}
	sqlite3_bind_int64(st, 1, cid);
	st_bind_text(st, 2, str_empty(f->owner) ? NULL : f->owner);
	sqlite3_bind_int(st, 3, f->late_only);
	sqlite3_bind_int(st, 4, f->open_only);
	st_bind_date(st, 5, f->today ? f->today : date_today());
	*text = lower_ascii(f->text);
	st_bind_text(st, 6, *text);
}

static void read_task(sqlite3_stmt *st, task_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->ord = sqlite3_column_int64(st, 2);
	r->key = st_col_text(st, 3);
	r->name = st_col_text(st, 4);
	r->strategy = st_col_text(st, 5);
	r->owner = st_col_text(st, 6);
	r->collaborators = st_col_text(st, 7);
	if (r->collaborators)
		for (char *p = r->collaborators; *p; p++)
			if (*p == '\n')
				*p = ',';
	r->deliverable = st_col_text(st, 8);
	r->phase = st_col_text(st, 9);
	r->problem = st_col_text(st, 10);
	r->support = st_col_text(st, 11);
	r->updated_by = st_col_text(st, 12);
	r->updated_at = st_col_text(st, 13);
	r->start = st_col_date(st, 14);
	r->due = st_col_date(st, 15);
	r->status = (enum task_status)sqlite3_column_int(st, 16);
	r->tracking = (enum task_tracking)sqlite3_column_int(st, 17);
	r->progress = sqlite3_column_int(st, 18);
	r->milestone = sqlite3_column_int(st, 19) != 0;
	r->depends = st_col_text(st, 20);
}

void task_row_free(task_row *r)
{
	if (!r)
		return;
	free(r->key);
	free(r->name);
	free(r->strategy);
	free(r->owner);
	free(r->collaborators);
	free(r->deliverable);
	free(r->phase);
	free(r->problem);
	free(r->support);
	free(r->updated_by);
	free(r->updated_at);
	free(r->depends);
	memset(r, 0, sizeof *r);
}

/* The cache key of a count: campaign and filter; empty when too long to
 * keep (a long search text is simply counted). */
static void count_key(int64_t cid, const task_filter *f, char *key, size_t size)
{
	char d[16];
	int len = snprintf(key, size, "%lld|%s|%d|%d|%s|%s", (long long)cid,
			   f && f->owner ? f->owner : "", f ? f->late_only : 0, f ? f->open_only : 0,
			   date_format(f && f->today ? f->today : date_today(), d),
			   f && f->text ? f->text : "");
	if (len < 0 || (size_t)len >= size)
		key[0] = '\0';
}

/* A count by status alone is one of the campaign's kept header figures
 * (task_figures, below) when they are there: no walk at all. */
static bool count_from_figures(store *s, int64_t cid, const task_filter *f, size_t *n)
{
	if (!by_status_only(f))
		return false;
	char d[16];
	date_format(f && f->today ? f->today : date_today(), d);
	/* the day asked for; for totals, which hold on any day, any day */
	bool any_day = !(f && f->late_only);
	sqlite3_stmt *st = st_prep(s, "SELECT total, done, late FROM task_figures"
				      " WHERE campaign_id = ?1 AND (?3 OR day = ?2) LIMIT 1");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_text(st, 2, d, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, any_day);
	bool found = false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		size_t total = (size_t)sqlite3_column_int64(st, 0);
		size_t done = (size_t)sqlite3_column_int64(st, 1);
		/* a late count comes only from the day asked for (the query) */
		found = true;
		*n = !any_day ? (size_t)sqlite3_column_int64(st, 2)
			      : f && f->open_only ? total - done : total;
	}
	sqlite3_reset(st);
	return found;
}

enum store_rc store_task_count(store *s, int64_t cid, const task_filter *f, size_t *n)
{
	if (count_from_figures(s, cid, f, n))
		return STORE_OK;
	/* Counting is a walk of the campaign's index entries: answer a count
	 * asked again with nothing written meanwhile (by anyone: the data
	 * version moves with other connections' commits, the change counter
	 * with ours) from the last answers. */
	char key[sizeof s->task_counts[0].key];
	count_key(cid, f, key, sizeof key);
	int64_t dv = store_data_version(s), changes = sqlite3_total_changes(s->db);
	for (size_t i = 0; key[0] && i < ARRAY_LEN(s->task_counts); i++) {
		if (strcmp(s->task_counts[i].key, key) == 0 && s->task_counts[i].data_version == dv &&
		    s->task_counts[i].changes == changes) {
			*n = s->task_counts[i].n;
			return STORE_OK;
		}
	}
	static const char all[] = "SELECT count(*) FROM task t" TASK_WHERE;
	static const char status[] = "SELECT count(*) FROM task t INDEXED BY task_by_due" TASK_WHERE_STATUS;
	sqlite3_stmt *st = st_prep(s, by_status_only(f) ? status : all);
	if (!st)
		return STORE_ERROR;
	char *text;
	bind_filter(st, cid, f, &text);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	free(text);
	if (rc != SQLITE_ROW)
		return st_fail(s, "counting tasks");
	if (key[0]) {
		int i = s->next_task_count++ % (int)ARRAY_LEN(s->task_counts);
		str_copy(s->task_counts[i].key, sizeof s->task_counts[i].key, key);
		s->task_counts[i].data_version = dv;
		s->task_counts[i].changes = changes;
		s->task_counts[i].n = *n;
	}
	return STORE_OK;
}

enum store_rc store_task_window(store *s, int64_t cid, const task_filter *f, size_t offset,
				size_t limit, task_row *out, size_t *n)
{
	*n = 0;
	/* Grouped, every matching row must be sorted: sort only ids and keys,
	 * then read the columns of the window's rows. */
	static const char plain[] = "SELECT " TASK_COLS " FROM task t" TASK_WHERE TASK_ORDER_PLAIN
				    " LIMIT ?8 OFFSET ?9";
	static const char grouped[] =
		"SELECT " TASK_COLS " FROM (SELECT t.id AS wid, " TASK_GROUP_KEY " AS g, t.ord AS o"
		" FROM task t" TASK_WHERE " ORDER BY g, o, wid LIMIT ?8 OFFSET ?9) w"
		" JOIN task t ON t.id = w.wid ORDER BY w.g, w.o, w.wid";
	bool by_group = f && f->group != GROUP_NONE;
	sqlite3_stmt *st = st_prep(s, by_group ? grouped : plain);
	if (!st)
		return STORE_ERROR;
	char *text;
	bind_filter(st, cid, f, &text);
	if (by_group)
		sqlite3_bind_int(st, 7, (int)f->group);
	sqlite3_bind_int64(st, 8, (int64_t)limit);
	sqlite3_bind_int64(st, 9, (int64_t)offset);
	int rc;
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_task(st, &out[(*n)++]);
	if (*n < limit && rc != SQLITE_DONE) {
		for (size_t i = 0; i < *n; i++)
			task_row_free(&out[i]);
		*n = 0;
		free(text);
		return st_fail(s, "reading tasks");
	}
	sqlite3_reset(st);
	free(text);
	return STORE_OK;
}

enum store_rc store_task_index(store *s, int64_t cid, const task_filter *f, int64_t task_id,
			       size_t *index)
{
	if (!f || f->group == GROUP_NONE) {
		/* In index order the position is a count of the matching rows
		 * before the task: an index range, no sort. */
#define TASK_BEFORE(where)                                                                         \
	"SELECT count(*), (SELECT count(*) FROM task t" where " AND t.id = ?7)"                    \
	" FROM task t" where " AND t.ord <= (SELECT ord FROM task WHERE id = ?7)"                  \
	" AND (t.ord < (SELECT ord FROM task WHERE id = ?7) OR t.id < ?7)"
		static const char all[] = TASK_BEFORE(TASK_WHERE);
		static const char status[] = TASK_BEFORE(TASK_WHERE_STATUS);
#undef TASK_BEFORE
		sqlite3_stmt *st = st_prep(s, by_status_only(f) ? status : all);
		if (!st)
			return STORE_ERROR;
		char *text;
		bind_filter(st, cid, f, &text);
		sqlite3_bind_int64(st, 7, task_id);
		int rc = sqlite3_step(st);
		enum store_rc result = STORE_NOTFOUND;
		if (rc == SQLITE_ROW && sqlite3_column_int(st, 1)) {
			*index = (size_t)sqlite3_column_int64(st, 0);
			result = STORE_OK;
		}
		sqlite3_reset(st);
		free(text);
		if (rc != SQLITE_ROW)
			return st_fail(s, "finding a task");
		return result;
	}
	/* Grouped: walks ids in display order; only ids are read, so it is
	 * cheap even for tens of thousands of tasks. */
	sqlite3_stmt *st = st_prep(s, "SELECT t.id FROM task t" TASK_WHERE TASK_ORDER);
	if (!st)
		return STORE_ERROR;
	char *text;
	bind_filter(st, cid, f, &text);
	sqlite3_bind_int(st, 7, (int)f->group);
	size_t i = 0;
	int rc;
	enum store_rc result = STORE_NOTFOUND;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 0) == task_id) {
			*index = i;
			result = STORE_OK;
			break;
		}
		i++;
	}
	sqlite3_reset(st);
	free(text);
	if (result != STORE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		return st_fail(s, "finding a task");
	return result;
}

enum store_rc store_task_get(store *s, int64_t task_id, task_row *out)
{
	sqlite3_stmt *st = st_prep(s, "SELECT " TASK_COLS " FROM task t WHERE t.id = ?1");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, task_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_task(st, out);
		sqlite3_reset(st);
		return STORE_OK;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return st_failf(s, STORE_NOTFOUND, _("no such task"));
	return st_fail(s, "reading a task");
}

enum store_rc st_task_figures_stale(store *s, int64_t cid)
{
	sqlite3_stmt *st = st_prep(s, "DELETE FROM task_figures WHERE campaign_id = ?1");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : st_fail(s, "updating the task figures");
}

/* The seven figures, in task_counts order, from columns 0-6. */
static void read_counts(sqlite3_stmt *st, task_counts *out)
{
	size_t *v[] = {&out->total, &out->done, &out->in_progress, &out->late,
		       &out->behind, &out->stale, &out->milestones};
	for (size_t i = 0; i < ARRAY_LEN(v); i++)
		*v[i] = (size_t)sqlite3_column_int64(st, (int)i);
}

static enum store_rc count_tasks(store *s, int64_t cid, wr_date today, task_counts *out)
{
	/* The same rules as task_state.c, in SQL. Each figure is read from an
	 * index (schema migration 2): the totals by status from task_by_due,
	 * pace and staleness from the started tasks in task_by_start, without
	 * reading the task rows. */
	sqlite3_stmt *st = st_prep(s,
		"SELECT (SELECT count(*) FROM task WHERE campaign_id = ?1),"
		" (SELECT count(*) FROM task WHERE campaign_id = ?1 AND status = 2),"
		" (SELECT count(*) FROM task WHERE campaign_id = ?1 AND status = 1),"
		" (SELECT count(*) FROM task INDEXED BY task_by_due"
		"  WHERE campaign_id = ?1 AND status <> 2 AND due < ?2),"
		" b.behind, b.stale,"
		" (SELECT count(*) FROM task WHERE campaign_id = ?1 AND milestone)"
		" FROM (SELECT"
		"  sum(due >= ?2 AND progress + 1e-9 <"
		"      100.0 * min(1.0, (julianday(?2) - julianday(start) + 1) /"
		"                       (julianday(due) - julianday(start) + 1))) AS behind,"
		"  sum(tracking = 0 AND (updated_at IS NULL OR substr(updated_at, 1, 10) < ?2)) AS stale"
		"  FROM task INDEXED BY task_by_start"
		"  WHERE campaign_id = ?1 AND start <= ?2 AND status <> 2) b");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	st_bind_date(st, 2, today);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_counts(st, out);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : st_fail(s, "counting tasks");
}

/* Keeps the figures for `today` when the write lock is free at once; a
 * busy or read-only database is simply not cached this time. Counting
 * inside the write transaction means no task write can slip in between
 * the count and the row that records it. */
static enum store_rc count_and_keep(store *s, int64_t cid, wr_date today, task_counts *out)
{
	if (!st_try_begin(s))
		return count_tasks(s, cid, today, out);
	enum store_rc rc = count_tasks(s, cid, today, out);
	sqlite3_stmt *st = rc == STORE_OK ? st_prep(s,
		"INSERT OR REPLACE INTO task_figures(campaign_id, day, total, done, in_progress, late,"
		" behind, stale, milestones) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)") : NULL;
	if (st) {
		sqlite3_bind_int64(st, 1, cid);
		st_bind_date(st, 2, today);
		const size_t v[] = {out->total, out->done, out->in_progress, out->late,
				    out->behind, out->stale, out->milestones};
		for (size_t i = 0; i < ARRAY_LEN(v); i++)
			sqlite3_bind_int64(st, (int)i + 3, (sqlite3_int64)v[i]);
		int step = sqlite3_step(st);
		sqlite3_reset(st);
		/* other days' rows go after a week (another operator's today
		 * may be a day apart: never just the other day's) */
		sqlite3_stmt *old = step == SQLITE_DONE ? st_prep(s,
			"DELETE FROM task_figures WHERE campaign_id = ?1 AND day < date(?2, '-7 days')") : NULL;
		if (old) {
			sqlite3_bind_int64(old, 1, cid);
			st_bind_date(old, 2, today);
			step = sqlite3_step(old);
			sqlite3_reset(old);
		}
		if (step == SQLITE_DONE && st_commit(s) == STORE_OK)
			return rc;
	}
	st_rollback(s);
	/* Not keeping them is no error: the figures themselves are right. */
	return rc;
}

enum store_rc store_task_counts(store *s, int64_t cid, wr_date today, task_counts *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = st_prep(s,
		"SELECT total, done, in_progress, late, behind, stale, milestones FROM task_figures"
		" WHERE campaign_id = ?1 AND day = ?2");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	st_bind_date(st, 2, today);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_counts(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	if (rc != SQLITE_DONE)
		return st_fail(s, "counting tasks");
	return count_and_keep(s, cid, today, out);
}

enum store_rc store_task_span(store *s, int64_t cid, wr_date *first, wr_date *last)
{
	sqlite3_stmt *st = st_prep(s, "SELECT (SELECT min(start) FROM task WHERE campaign_id = ?1),"
				      " (SELECT max(due) FROM task WHERE campaign_id = ?1)");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	int rc = sqlite3_step(st);
	*first = *last = WR_DATE_NONE;
	if (rc == SQLITE_ROW) {
		*first = st_col_date(st, 0);
		*last = st_col_date(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : st_fail(s, "reading task dates");
}

const char *task_field_name(enum task_field f)
{
	static const char *const names[] = {"status", "progress", "problem", "support",
					    "owner", "start", "due", "name"};
	return (size_t)f < ARRAY_LEN(names) ? names[f] : "?";
}

/* Validates and normalises a new value; returns a new string, or NULL with
 * the error set. For status the stored value is the enum number. */
static char *normalise(store *s, enum task_field field, const char *value, const task_row *cur,
		       enum store_rc *rc)
{
	*rc = STORE_INVALID;
	switch (field) {
	case TASK_F_STATUS: {
		int v = task_status_from(value);
		if (v < 0) {
			st_failf(s, STORE_INVALID,
				 _("status '%s' is not one of not-started, in-progress, done, delayed"), value);
			return NULL;
		}
		*rc = STORE_OK;
		return xasprintf("%d", v);
	}
	case TASK_F_PROGRESS: {
		double v;
		enum number_kind k;
		if (!number_parse(value, &v, &k) || (k == NUMBER_PERCENT && (v *= 100, 0)) || v < 0 ||
		    v > 100 || v != (int)v) {
			st_failf(s, STORE_INVALID, _("progress '%s' is not a whole number from 0 to 100"), value);
			return NULL;
		}
		*rc = STORE_OK;
		return xasprintf("%d", (int)v);
	}
	case TASK_F_START:
	case TASK_F_DUE: {
		wr_date d;
		if (!date_parse(value, &d)) {
			st_failf(s, STORE_INVALID, _("'%s' is not a date (YYYY-MM-DD)"), value);
			return NULL;
		}
		if ((field == TASK_F_START && d > cur->due) || (field == TASK_F_DUE && d < cur->start)) {
			st_failf(s, STORE_INVALID, _("a task cannot be due before it starts"));
			return NULL;
		}
		*rc = STORE_OK;
		char buf[16];
		return xstrdup(date_format(d, buf));
	}
	case TASK_F_NAME:
		if (str_empty(value)) {
			st_failf(s, STORE_INVALID, _("a task needs a name"));
			return NULL;
		}
		/* fallthrough */
	default:
		if (value && !utf8_valid(value, strlen(value))) {
			st_failf(s, STORE_INVALID, _("text is not valid UTF-8"));
			return NULL;
		}
		*rc = STORE_OK;
		return str_empty(value) ? NULL : xstrdup(value);
	}
}

static const char *status_text(const char *num)
{
	return num ? task_status_name((enum task_status)atoi(num)) : NULL;
}

enum store_rc store_task_set(store *s, int64_t task_id, int64_t expected_version,
			     enum task_field field, const char *value)
{
	static const char *const updates[] = {
		"UPDATE task SET status = ?2, version = version + 1, updated_by = ?3, updated_at = ?4 WHERE id = ?1",
		"UPDATE task SET progress = ?2, version = version + 1, updated_by = ?3, updated_at = ?4 WHERE id = ?1",
		"UPDATE task SET problem = ?2, version = version + 1, updated_by = ?3, updated_at = ?4 WHERE id = ?1",
		"UPDATE task SET support = ?2, version = version + 1, updated_by = ?3, updated_at = ?4 WHERE id = ?1",
		"UPDATE task SET owner = ?2, version = version + 1, updated_by = ?3, updated_at = ?4 WHERE id = ?1",
		"UPDATE task SET start = ?2, version = version + 1, updated_by = ?3, updated_at = ?4 WHERE id = ?1",
		"UPDATE task SET due = ?2, version = version + 1, updated_by = ?3, updated_at = ?4 WHERE id = ?1",
		"UPDATE task SET name = ?2, version = version + 1, updated_by = ?3, updated_at = ?4 WHERE id = ?1",
	};
	if ((size_t)field >= ARRAY_LEN(updates))
		return st_failf(s, STORE_INVALID, _("unknown task field"));
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	task_row cur;
	rc = store_task_get(s, task_id, &cur);
	if (rc != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	if (expected_version >= 0 && cur.version != expected_version) {
		rc = st_failf(s, STORE_CONFLICT,
			      _("task '%s' was changed by %s at %s since you read it; reload and try again"),
			      cur.key, cur.updated_by ? cur.updated_by : _("someone"),
			      cur.updated_at ? cur.updated_at : _("an unknown time"));
		task_row_free(&cur);
		st_rollback(s);
		return rc;
	}
	char *nv = normalise(s, field, value, &cur, &rc);
	if (rc != STORE_OK) {
		task_row_free(&cur);
		st_rollback(s);
		return rc;
	}
	char oldbuf[32];
	const char *old = NULL;
	switch (field) {
	case TASK_F_STATUS: old = task_status_name(cur.status); break;
	case TASK_F_PROGRESS: snprintf(oldbuf, sizeof oldbuf, "%d", cur.progress); old = oldbuf; break;
	case TASK_F_PROBLEM: old = cur.problem; break;
	case TASK_F_SUPPORT: old = cur.support; break;
	case TASK_F_OWNER: old = cur.owner; break;
	case TASK_F_START: old = date_format(cur.start, oldbuf); break;
	case TASK_F_DUE: old = date_format(cur.due, oldbuf); break;
	case TASK_F_NAME: old = cur.name; break;
	}
	const char *shown = field == TASK_F_STATUS ? status_text(nv) : nv;
	if (str_eq(old, shown) || (str_empty(old) && str_empty(shown))) {
		/* Nothing changes: no version bump, no audit row. */
		free(nv);
		task_row_free(&cur);
		return st_commit(s);
	}
	sqlite3_stmt *st = st_prep(s, updates[field]);
	if (!st) {
		free(nv);
		task_row_free(&cur);
		st_rollback(s);
		return STORE_ERROR;
	}
	char now[24];
	sqlite3_bind_int64(st, 1, task_id);
	if (field == TASK_F_STATUS || field == TASK_F_PROGRESS)
		sqlite3_bind_int(st, 2, atoi(nv));
	else
		st_bind_text(st, 2, nv);
	st_bind_text(st, 3, current_user());
	st_bind_text(st, 4, clock_now_string(now));
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = st_fail(s, "changing a task");
		free(nv);
		task_row_free(&cur);
		st_rollback(s);
		return rc;
	}
	sqlite3_stmt *cq = st_prep(s, "SELECT campaign_id FROM task WHERE id = ?1");
	int64_t cid = 0;
	if (cq) {
		sqlite3_bind_int64(cq, 1, task_id);
		if (sqlite3_step(cq) == SQLITE_ROW)
			cid = sqlite3_column_int64(cq, 0);
		sqlite3_reset(cq);
	}
	rc = st_audit(s, cid, "task", task_id, cur.key, task_field_name(field), old, shown);
	if (rc == STORE_OK)
		rc = st_task_figures_stale(s, cid);
	free(nv);
	task_row_free(&cur);
	if (rc != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	return st_commit(s);
}
