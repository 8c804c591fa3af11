/* The stand-up's own queries: the tasks that want a word at the meeting.
 * Each list is one statement with a LIMIT, its total a window count in the
 * same statement, so a campaign of 20,000 tasks costs no more than one of
 * twenty. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/store_standup.h"

#define STANDUP_COLS                                                                               \
	"id, version, ord, key, name, strategy, owner, phase, updated_at, start, due, status,"     \
	" tracking, progress, milestone, count(*) OVER ()"

/* The share of a task's days elapsed by the end of ?2, as in
 * task_elapsed_share() and store_task_counts(). */
#define STANDUP_DUE_SHARE                                                                          \
	"100.0 * min(1.0, (julianday(?2) - julianday(start) + 1) /"                                \
	" (julianday(due) - julianday(start) + 1))"

static const char *const task_sql[] = {
	[STANDUP_LATE] = "SELECT " STANDUP_COLS " FROM task"
			 " WHERE campaign_id = ?1 AND status <> 2 AND due < ?2"
			 " ORDER BY due, ord, id LIMIT ?4",
	[STANDUP_BEHIND] = "SELECT " STANDUP_COLS " FROM task"
			   " WHERE campaign_id = ?1 AND status <> 2 AND due >= ?2 AND start <= ?2"
			   " AND progress + 1e-9 < " STANDUP_DUE_SHARE
			   " ORDER BY " STANDUP_DUE_SHARE " - progress DESC, due, ord, id LIMIT ?4",
	[STANDUP_DUE] = "SELECT " STANDUP_COLS " FROM task"
			" WHERE campaign_id = ?1 AND status <> 2 AND due >= ?2 AND due <= ?3"
			" ORDER BY due, ord, id LIMIT ?4",
};

void standup_tasks_free(task_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		task_row_free(&v[i]);
	free(v);
}

enum store_rc store_standup_tasks(store *s, int64_t cid, enum standup_task_kind kind, wr_date today,
				  wr_date until, size_t limit, task_row **out, size_t *n,
				  size_t *total)
{
	*out = NULL;
	*n = *total = 0;
	if ((unsigned)kind > STANDUP_DUE)
		return st_failf(s, STORE_INVALID, _("no such list of tasks"));
	/* Each entry is a literal with a fixed address: st_prep's cache key. */
	sqlite3_stmt *st = st_prep(s, task_sql[kind]);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	st_bind_date(st, 2, today);
	if (kind == STANDUP_DUE)
		st_bind_date(st, 3, until);
	sqlite3_bind_int64(st, 4, (int64_t)limit);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		task_row *r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->version = sqlite3_column_int64(st, 1);
		r->ord = sqlite3_column_int64(st, 2);
		r->key = st_col_text(st, 3);
		r->name = st_col_text(st, 4);
		r->strategy = st_col_text(st, 5);
		r->owner = st_col_text(st, 6);
		r->phase = st_col_text(st, 7);
		r->updated_at = st_col_text(st, 8);
		r->start = st_col_date(st, 9);
		r->due = st_col_date(st, 10);
		r->status = (enum task_status)sqlite3_column_int(st, 11);
		r->tracking = (enum task_tracking)sqlite3_column_int(st, 12);
		r->progress = sqlite3_column_int(st, 13);
		r->milestone = sqlite3_column_int(st, 14) != 0;
		*total = (size_t)sqlite3_column_int64(st, 15);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		standup_tasks_free(*out, *n);
		*out = NULL;
		*n = *total = 0;
		return st_fail(s, "reading tasks for the stand-up");
	}
	return STORE_OK;
}
