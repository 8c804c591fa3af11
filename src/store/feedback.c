/* Feedback rows: ids in date order, ingestion, lists and search. */
#include "store_internal.h"

#include <string.h>

/* id = (seconds since 1970 in local calendar time) << 20 | sequence, so that
 * id order is date order and a million messages in one second still fit. */
#define FEEDBACK_SEQ_BITS 20

enum store_rc st_feedback_next_id(store *s, wr_date at, int at_secs, int64_t *id)
{
	sqlite3_stmt *st = st_prep(s, "SELECT max(id) FROM feedback WHERE id >= ?1 AND id < ?2");
	if (!st)
		return STORE_ERROR;
	int64_t secs = (int64_t)at * 86400 + at_secs;
	for (int tries = 0; tries < 86400; tries++, secs++) {
		int64_t base = secs << FEEDBACK_SEQ_BITS;
		int64_t limit = base + ((int64_t)1 << FEEDBACK_SEQ_BITS);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, base);
		sqlite3_bind_int64(st, 2, limit);
		if (sqlite3_step(st) != SQLITE_ROW)
			return st_fail(s, "numbering feedback");
		if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
			*id = base;
			sqlite3_reset(st);
			return STORE_OK;
		}
		int64_t next = sqlite3_column_int64(st, 0) + 1;
		sqlite3_reset(st);
		if (next < limit) {
			*id = next;
			return STORE_OK;
		}
	}
	return st_failf(s, STORE_ERROR, "too many feedback messages at one time");
}
