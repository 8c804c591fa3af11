/* Search over a campaign's feedback, timed side by side: warroom's count
 * and newest-50 page (store_feedback_count / store_feedback_page, the
 * calls the Inbox pane makes) against the plain scan every SQL program
 * could do (LIKE '%term%': a count, and the newest 50 sorted by date). The
 * counts must be equal: a Chinese term is a substring search.
 *
 *   bench_search DB CAMPAIGN RUNS TERM...
 *
 * One tab-separated line per term, medians of RUNS runs:
 *   term  count  count_ms  page_ms  scan_count  scan_count_ms  scan_page_ms */
#include "bench_util.h"

#include "warroom/store_feedback.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: bench_search DB CAMPAIGN RUNS TERM...\n");
		return 2;
	}
	int runs = atoi(argv[3]);
	if (runs < 1 || runs > 1000)
		runs = 5;
	enum store_rc rc;
	char err[512];
	store *s = store_open(argv[1], STORE_OPEN_READONLY, &rc, err, sizeof err);
	if (!s)
		bench_die("store_open", err);
	campaign_row camp;
	if (store_campaign_get(s, argv[2], &camp) != STORE_OK)
		bench_die("no campaign", argv[2]);
	sqlite3 *db = bench_open(argv[1], 1);
	sqlite3_stmt *scan_count = bench_prep(db,
		"SELECT count(*) FROM feedback WHERE campaign_id = ?1 AND text LIKE ?2");
	sqlite3_stmt *scan_page = bench_prep(db,
		"SELECT id FROM feedback WHERE campaign_id = ?1 AND text LIKE ?2"
		" ORDER BY at DESC LIMIT 50");
	double *t = malloc((size_t)runs * sizeof *t);
	printf("term\tcount\tcount_ms\tpage_ms\tscan_count\tscan_count_ms\tscan_page_ms\n");
	for (int a = 4; a < argc; a++) {
		const char *term = argv[a];
		feedback_filter f;
		feedback_filter_init(&f);
		f.search = term;
		size_t count = 0;
		for (int r = 0; r < runs; r++) {
			double t0 = bench_ms();
			if (store_feedback_count(s, camp.id, &f, &count) != STORE_OK)
				bench_die("store_feedback_count", store_error(s));
			t[r] = bench_ms() - t0;
		}
		double count_ms = median(t, runs);
		feedback_row rows[50];
		for (int r = 0; r < runs; r++) {
			size_t n = 0;
			double t0 = bench_ms();
			if (store_feedback_page(s, camp.id, &f, 0, 50, rows, &n) != STORE_OK)
				bench_die("store_feedback_page", store_error(s));
			t[r] = bench_ms() - t0;
			feedback_rows_free(rows, n);
		}
		double page_ms = median(t, runs);
		char *like = sqlite3_mprintf("%%%s%%", term);
		int64_t scanned = 0;
		for (int r = 0; r < runs; r++) {
			double t0 = bench_ms();
			sqlite3_reset(scan_count);
			sqlite3_bind_int64(scan_count, 1, camp.id);
			sqlite3_bind_text(scan_count, 2, like, -1, SQLITE_STATIC);
			if (sqlite3_step(scan_count) == SQLITE_ROW)
				scanned = sqlite3_column_int64(scan_count, 0);
			t[r] = bench_ms() - t0;
		}
		double scan_count_ms = median(t, runs);
		for (int r = 0; r < runs; r++) {
			double t0 = bench_ms();
			sqlite3_reset(scan_page);
			sqlite3_bind_int64(scan_page, 1, camp.id);
			sqlite3_bind_text(scan_page, 2, like, -1, SQLITE_STATIC);
			while (sqlite3_step(scan_page) == SQLITE_ROW)
				;
			t[r] = bench_ms() - t0;
		}
		double scan_page_ms = median(t, runs);
		sqlite3_free(like);
		printf("%s\t%zu\t%.3f\t%.3f\t%lld\t%.3f\t%.3f\n", term, count, count_ms, page_ms,
		       (long long)scanned, scan_count_ms, scan_page_ms);
	}
	free(t);
	sqlite3_finalize(scan_count);
	sqlite3_finalize(scan_page);
	sqlite3_close(db);
	campaign_row_free(&camp);
	store_close(s);
	return 0;
}
