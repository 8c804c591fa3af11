/* Tests that check the store's work against SQL of their own read the
 * database file directly: a query's rows as text, one row per line,
 * columns joined by '|', NULL as "NULL", an error as "error: ...". When
 * `param` is not NULL it is bound to ?1. */
#ifndef WARROOM_TEST_DB_ROWS_H
#define WARROOM_TEST_DB_ROWS_H

#include <sqlite3.h>

#include "warroom/util.h"

static inline char *db_rows(const char *path, const char *sql, const char *param)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	strbuf sb = STRBUF_INIT;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (param)
			sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(st); i++) {
				const char *v = (const char *)sqlite3_column_text(st, i);
				sb_printf(&sb, "%s%s", i ? "|" : "", v ? v : "NULL");
			}
			sb_addc(&sb, '\n');
		}
		if (rc != SQLITE_DONE)
			sb_printf(&sb, "error: %s\n", sqlite3_errmsg(db));
	} else {
		sb_printf(&sb, "error: %s\n", db ? sqlite3_errmsg(db) : "cannot open");
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return sb.buf ? sb.buf : xstrdup("");
}

#endif
