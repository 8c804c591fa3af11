/* The floor for the first frame: a minimal program that opens the
 * database read-only and formats the first screen of a campaign's task
 * list (key, name, owner, dates, status, progress bar), one line per row
 * padded to the screen width, and writes it to standard output. No
 * curses, no store, no counts: what any program showing that list must
 * at least do, timed as a whole process.
 *
 *   bench_floor_screen DB CAMPAIGN WIDTHxHEIGHT */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends `s` clipped and padded to `cols` columns (CJK counts two). */
static char *put(char *o, const char *s, int cols)
{
	int used = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		int len = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;
		int w = len >= 3 ? 2 : 1;
		if (used + w > cols)
			break;
		memcpy(o, p, (size_t)len);
		o += len;
		p += len;
		used += w;
	}
	while (used++ < cols)
		*o++ = ' ';
	return o;
}

int main(int argc, char **argv)
{
	int width, height;
	if (argc != 4 || sscanf(argv[3], "%dx%d", &width, &height) != 2 || width < 80 || height < 4) {
		fprintf(stderr, "usage: bench_floor_screen DB CAMPAIGN WIDTHxHEIGHT\n");
		return 2;
	}
	sqlite3 *db;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
		"SELECT t.key, t.name, t.owner, t.start, t.due, t.status, t.progress FROM task t"
		" WHERE t.campaign_id = (SELECT id FROM campaign WHERE key = ?1)"
		" ORDER BY t.ord LIMIT ?2", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_bind_text(st, 1, argv[2], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, height - 1);
	static const char *const status[] = {"not-started", "in-progress", "done", "delayed"};
	char *screen = malloc((size_t)(width * 4 + 1) * (size_t)height), *o = screen;
	o = put(o, "TASK      NAME                            OWNER     START       DUE         STATUS       PROGRESS", width);
	*o++ = '\n';
	int rows = 1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int s = sqlite3_column_int(st, 5), pr = sqlite3_column_int(st, 6);
		char bar[24];
		int fill = pr / 10;
		memset(bar, '#', (size_t)fill);
		memset(bar + fill, '.', (size_t)(10 - fill));
		snprintf(bar + 10, sizeof bar - 10, " %3d%%", pr);
		o = put(o, (const char *)sqlite3_column_text(st, 0), 10);
		o = put(o, (const char *)sqlite3_column_text(st, 1), 32);
		o = put(o, (const char *)sqlite3_column_text(st, 2), 10);
		o = put(o, (const char *)sqlite3_column_text(st, 3), 12);
		o = put(o, (const char *)sqlite3_column_text(st, 4), 12);
		o = put(o, s >= 0 && s < 4 ? status[s] : "?", 13);
		o = put(o, bar, width - 89);
		*o++ = '\n';
		rows++;
	}
	fwrite(screen, 1, (size_t)(o - screen), stdout);
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(screen);
	return rows > 1 ? 0 : 1;
}
