/* The floor for CSV imports: the rows of a generated CSV file inserted
 * into the same schema (same indexes, same search index and triggers) by
 * plain prepared statements in one transaction, with no validation, no
 * tagging and no duplicate checks. A message goes into the search index
 * and the campaign's count the way warroom puts it there (schema
 * migration 6): one index row per message, the count once. The file is read and split before the
 * clock starts, so the figure is the cost of the inserts alone.
 *
 *   bench_floor_insert feedback|metric DB FILE.csv
 *
 * DB must hold the campaigns (and their metrics) the file names. Prints
 * "rows N ms T rows_per_s R". */
#include "bench_util.h"

#include <stdint.h>

typedef struct row {
	char *f[6];
	int n;
} row;

static row *read_rows(const char *path, size_t *n_rows, char **text_out)
{
	char *text = bench_slurp(path, NULL);
	*text_out = text;
	size_t cap = 1024, n = 0;
	row *rows = malloc(cap * sizeof *rows);
	char *p = text;
	row r;
	bench_csv_line(&p, r.f, 6); /* header */
	while ((r.n = bench_csv_line(&p, r.f, 6)) > 0) {
		if (n == cap)
			rows = realloc(rows, (cap *= 2) * sizeof *rows);
		rows[n++] = r;
	}
	*n_rows = n;
	return rows; /* the fields point into `text` */
}

static int64_t lookup_id(sqlite3_stmt *st, const char *a, const char *b)
{
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (!id)
		bench_die("not in the database", b ? b : a);
	return id;
}

static uint64_t fnv(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h ^ 0xff) * 1099511628211ULL;
}

/* A campaign's message count, once per run of its rows. */
static void add_count(sqlite3 *db, sqlite3_stmt *count, int64_t cid, int64_t *added)
{
	if (!cid || !*added)
		return;
	sqlite3_reset(count);
	sqlite3_bind_int64(count, 1, cid);
	sqlite3_bind_int64(count, 2, *added);
	if (sqlite3_step(count) != SQLITE_DONE)
		bench_die("counting feedback", sqlite3_errmsg(db));
	*added = 0;
}

/* campaign,at,channel,customer,rating,text */
static void insert_feedback(sqlite3 *db, row *rows, size_t n)
{
	sqlite3_stmt *camp = bench_prep(db, "SELECT id FROM campaign WHERE key = ?1");
	sqlite3_stmt *ins = bench_prep(db,
		"INSERT INTO feedback(campaign_id, at, channel, mode, type, tags, sentiment, rating,"
		" rating_scale, customer, text, fingerprint, origin, created_by, created_at)"
		" VALUES (?1, ?2, ?3, 0, 0, NULL, 0, ?4, ?5, ?6, ?7, ?8, 'csv', 'bench', ?9)");
	sqlite3_stmt *fts = bench_prep(db, "INSERT INTO feedback_fts(rowid, text) VALUES (?1, ?2)");
	sqlite3_stmt *count = bench_prep(db,
		"INSERT INTO feedback_count(campaign_id, n) VALUES (?1, ?2)"
		" ON CONFLICT(campaign_id) DO UPDATE SET n = n + excluded.n");
	int64_t added = 0;
	const char *last_key = "";
	int64_t cid = 0;
	for (size_t i = 0; i < n; i++) {
		char **f = rows[i].f;
		if (rows[i].n < 6)
			bench_die("short feedback row", f[0]);
		if (strcmp(f[0], last_key) != 0) {
			add_count(db, count, cid, &added);
			cid = lookup_id(camp, f[0], NULL);
			last_key = f[0];
		}
		sqlite3_bind_int64(ins, 1, cid);
		sqlite3_bind_text(ins, 2, f[1], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, f[2], -1, SQLITE_STATIC);
		if (*f[4]) {
			char *end;
			double r = strtod(f[4], &end);
			sqlite3_bind_double(ins, 4, r);
			sqlite3_bind_int(ins, 5, strcmp(end, "/10") == 0 || r > 5 ? 10 : 5);
		} else {
			sqlite3_bind_null(ins, 4);
			sqlite3_bind_null(ins, 5);
		}
		sqlite3_bind_text(ins, 6, f[3], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 7, f[5], -1, SQLITE_STATIC);
		uint64_t h = fnv(fnv(fnv(fnv(14695981039346656037ULL, f[1]), f[2]), f[3]), f[5]);
		sqlite3_bind_int64(ins, 8, (int64_t)(h >> 1));
		sqlite3_bind_text(ins, 9, "2025-06-30 12:00:00", -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			bench_die("inserting feedback", sqlite3_errmsg(db));
		sqlite3_reset(ins);
		sqlite3_bind_int64(fts, 1, sqlite3_last_insert_rowid(db));
		sqlite3_bind_text(fts, 2, f[5], -1, SQLITE_STATIC);
		if (sqlite3_step(fts) != SQLITE_DONE)
			bench_die("indexing feedback", sqlite3_errmsg(db));
		sqlite3_reset(fts);
		added++;
	}
	add_count(db, count, cid, &added);
	sqlite3_finalize(count);
	sqlite3_finalize(fts);
	sqlite3_finalize(camp);
	sqlite3_finalize(ins);
}

/* campaign,metric,at,value,source */
static void insert_metric(sqlite3 *db, row *rows, size_t n)
{
	sqlite3_stmt *met = bench_prep(db,
		"SELECT m.id FROM metric m JOIN campaign c ON c.id = m.campaign_id"
		" WHERE c.key = ?1 AND m.key = ?2");
	sqlite3_stmt *ins = bench_prep(db,
		"INSERT INTO metric_value(metric_id, at, value, source, origin, recorded_by, recorded_at)"
		" VALUES (?1, ?2, ?3, ?4, 'import', 'bench', ?5)");
	const char *last_c = "", *last_m = "";
	int64_t mid = 0;
	for (size_t i = 0; i < n; i++) {
		char **f = rows[i].f;
		if (rows[i].n < 4)
			bench_die("short metric row", f[0]);
		if (strcmp(f[0], last_c) != 0 || strcmp(f[1], last_m) != 0) {
			mid = lookup_id(met, f[0], f[1]);
			last_c = f[0];
			last_m = f[1];
		}
		char *end;
		double v = strtod(f[3], &end);
		if (*end == '%')
			v /= 100;
		sqlite3_bind_int64(ins, 1, mid);
		sqlite3_bind_text(ins, 2, f[2], -1, SQLITE_STATIC);
		sqlite3_bind_double(ins, 3, v);
		if (rows[i].n > 4 && *f[4])
			sqlite3_bind_text(ins, 4, f[4], -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(ins, 4);
		sqlite3_bind_text(ins, 5, "2025-06-30 12:00:00", -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			bench_die("inserting a metric value", sqlite3_errmsg(db));
		sqlite3_reset(ins);
	}
	sqlite3_finalize(met);
	sqlite3_finalize(ins);
}

int main(int argc, char **argv)
{
	if (argc != 4 || (strcmp(argv[1], "feedback") != 0 && strcmp(argv[1], "metric") != 0)) {
		fprintf(stderr, "usage: bench_floor_insert feedback|metric DB FILE.csv\n");
		return 2;
	}
	bool feedback = strcmp(argv[1], "feedback") == 0;
	size_t n;
	char *text;
	row *rows = read_rows(argv[3], &n, &text);
	sqlite3 *db = bench_open(argv[2], 0);
	double t0 = bench_ms();
	bench_exec(db, "BEGIN IMMEDIATE");
	if (feedback)
		insert_feedback(db, rows, n);
	else
		insert_metric(db, rows, n);
	bench_exec(db, "COMMIT");
	double ms = bench_ms() - t0;
	sqlite3_close(db);
	printf("rows %zu ms %.1f rows_per_s %.0f\n", n, ms, (double)n / (ms / 1e3));
	free(rows);
	free(text);
	return 0;
}
