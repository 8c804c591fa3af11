/* Queries the terminal UI needs beyond the task API: the state of the
 * visible rows' prerequisites (for the Gantt chart's dependency markers),
 * in one query per window. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

enum store_rc store_task_deps_state(store *s, const int64_t *ids, size_t n, int *total, int *open)
{
	for (size_t i = 0; i < n; i++)
		total[i] = open[i] = 0;
	if (n == 0)
		return STORE_OK;
	sqlite3_stmt *st = st_prep(s,
		"SELECT x.task_id, count(*), sum(d.status <> 2) FROM task_dep x"
		" JOIN task d ON d.id = x.dep_id"
		" WHERE x.task_id IN (SELECT value FROM json_each(?1))"
		" GROUP BY x.task_id");
	if (!st)
		return STORE_ERROR;
	strbuf js = STRBUF_INIT;
	sb_addc(&js, '[');
	for (size_t i = 0; i < n; i++)
		sb_printf(&js, "%s%lld", i ? "," : "", (long long)ids[i]);
	sb_addc(&js, ']');
	st_bind_text(st, 1, sb_str(&js));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		for (size_t i = 0; i < n; i++) {
			if (ids[i] == id) {
				total[i] = sqlite3_column_int(st, 1);
				open[i] = sqlite3_column_int(st, 2);
			}
		}
	}
	sb_free(&js);
	if (rc != SQLITE_DONE)
		return st_fail(s, "reading prerequisites");
	return STORE_OK;
}

enum store_rc store_task_prereq_ids(store *s, int64_t task_id, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = st_prep(s,
		"SELECT x.dep_id FROM task_dep x JOIN task d ON d.id = x.dep_id"
		" WHERE x.task_id = ?1 ORDER BY d.ord, d.key");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, task_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = xgrow(*ids, &cap, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return st_fail(s, "reading prerequisites");
	}
	return STORE_OK;
}
