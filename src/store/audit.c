/* The audit log: who changed what, when, from what to what. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

void audit_rows_free(audit_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].at);
		free(v[i].user);
		free(v[i].campaign);
		free(v[i].entity);
		free(v[i].entity_key);
		free(v[i].field);
		free(v[i].old_value);
		free(v[i].new_value);
	}
	free(v);
}

enum store_rc store_audit_list(store *s, const audit_filter *f, audit_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	/* One entity's history (the detail views) and one campaign's log walk
	 * their own index backwards and stop at the limit; a log of millions
	 * of imported values is never scanned for them. */
#define AUDIT_SELECT                                                                               \
	"SELECT a.id, a.at, a.user, c.key, a.entity, a.entity_key, a.field, a.old_value,"          \
	" a.new_value FROM audit a LEFT JOIN campaign c ON c.id = a.campaign_id"
#define AUDIT_WHERE                                                                                \
	" (?1 IS NULL OR c.key = ?1)"                                                              \
	" AND (?2 IS NULL OR a.entity = ?2)"                                                       \
	" AND (?3 = 0 OR a.entity_id = ?3)"                                                        \
	" AND (?4 IS NULL OR a.at >= ?4)"                                                          \
	" AND (?5 IS NULL OR a.user = ?5)"
	static const char any[] = AUDIT_SELECT " WHERE" AUDIT_WHERE " ORDER BY a.id DESC LIMIT ?6";
	static const char by_entity[] = AUDIT_SELECT " WHERE a.entity = ?2 AND a.entity_id = ?3 AND"
		AUDIT_WHERE " ORDER BY a.id DESC LIMIT ?6";
	static const char by_campaign[] = AUDIT_SELECT
		" WHERE a.campaign_id = (SELECT id FROM campaign WHERE key = ?1) AND" AUDIT_WHERE
		" ORDER BY a.id DESC LIMIT ?6";
#undef AUDIT_SELECT
#undef AUDIT_WHERE
	const char *sql = f->entity && f->entity_id ? by_entity : f->campaign ? by_campaign : any;
	sqlite3_stmt *st = st_prep(s, sql);
	if (!st)
		return STORE_ERROR;
	st_bind_text(st, 1, f->campaign);
	st_bind_text(st, 2, f->entity);
	sqlite3_bind_int64(st, 3, f->entity_id);
	st_bind_text(st, 4, f->since);
	st_bind_text(st, 5, f->user);
	sqlite3_bind_int64(st, 6, f->limit ? (int64_t)f->limit : -1);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		audit_row *a = &(*out)[(*n)++];
		a->id = sqlite3_column_int64(st, 0);
		a->at = st_col_text(st, 1);
		a->user = st_col_text(st, 2);
		a->campaign = st_col_text(st, 3);
		a->entity = st_col_text(st, 4);
		a->entity_key = st_col_text(st, 5);
		a->field = st_col_text(st, 6);
		a->old_value = st_col_text(st, 7);
		a->new_value = st_col_text(st, 8);
	}
	if (rc != SQLITE_DONE) {
		audit_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return st_fail(s, "reading the audit log");
	}
	return STORE_OK;
}
