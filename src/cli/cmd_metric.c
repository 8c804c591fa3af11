/* Metrics and risks from the command line: recording and importing values,
 * listing, editing and deleting them, the metric table (the same figures
 * as the Metrics pane), and the risk log. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "warroom/cli.h"
#include "warroom/csv.h"
#include "warroom/i18n.h"
#include "warroom/metric_calc.h"
#include "warroom/number.h"
#include "warroom/store_metric.h"
#include "warroom/text.h"

#define IMPORT_MAX_ERRORS 20

/* After values change: open the risks they call for. A failure here does
 * not undo the values, so it is a warning. */
static void scan_risks(cli_ctx *ctx, int64_t cid)
{
	size_t opened = 0;
	enum store_rc rc = store_risk_scan(ctx->st, cid, date_today(), &opened);
	if (rc != STORE_OK && rc != STORE_READONLY)
		cli_error(0, _("warning: risks were not updated: %s"), store_error(ctx->st));
	else if (opened)
		printf(P_("%zu new risk opened (see 'warroom risks')\n",
			  "%zu new risks opened (see 'warroom risks')\n", opened),
		       opened);
}

/* Finds a recordable metric; prints the error and returns the status. */
static int recordable_metric(cli_ctx *ctx, int64_t cid, const char *key, metric_ref *m)
{
	enum store_rc rc = store_metric_find(ctx->st, cid, key, m);
	if (rc == STORE_NOTFOUND)
		return cli_error(EXIT_INPUT, _("no metric '%s' in this campaign (see 'warroom metrics')"), key);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	const char *why = metric_not_recordable(m);
	if (why) {
		cli_error(EXIT_INPUT, _("metric '%s' %s"), key, why);
		metric_ref_free(m);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

/* ---- metric record ----------------------------------------------------- */

static int metric_record(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"at", required_argument, NULL, 'a'},
		{"source", required_argument, NULL, 's'},
		{0, 0, 0, 0},
	};
	const char *at_text = NULL, *source = NULL;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a': at_text = optarg; break;
		case 's': source = optarg; break;
		default: return cli_usage("metric", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (argc - optind != 3)
		return cli_usage("metric", _("expected: metric record CAMPAIGN METRIC VALUE [--at WHEN] [--source S]"));
	metric_value_new v = {0};
	wr_date day = date_today();
	if (at_text) {
		if (!metric_parse_at(at_text, v.at, &day))
			return cli_error(EXIT_INPUT, _("'%s' is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM)"), at_text);
		if (day > date_today())
			return cli_error(EXIT_INPUT, _("'%s' is after today; values are what happened"), at_text);
	} else {
		clock_now_string(v.at);
	}
	if (source && !utf8_valid(source, strlen(source)))
		return cli_error(EXIT_INPUT, _("the source is not valid UTF-8"));
	campaign_row camp;
	int status = cli_campaign(ctx, argv[optind], &camp);
	if (status)
		return status;
	metric_ref m;
	if ((status = recordable_metric(ctx, camp.id, argv[optind + 1], &m)) != EXIT_OK) {
		campaign_row_free(&camp);
		return status;
	}
	char why[160];
	if (!metric_parse_value(m.unit, argv[optind + 2], &v.value, why, sizeof why)) {
		metric_ref_free(&m);
		campaign_row_free(&camp);
		return cli_error(EXIT_INPUT, "%s", why);
	}
	v.metric_id = m.id;
	v.source = str_empty(source) ? NULL : source;
	int64_t id = 0;
	enum store_rc rc = store_metric_record(ctx->st, &v, &id);
	if (rc == STORE_OK) {
		char num[40];
		number_format(v.value, m.unit, metric_prefers_cjk(camp.currency, m.unit), num, sizeof num);
		char *name = text_sanitize(m.key);
		printf(_("recorded %s = %s at %s (value #%lld)\n"), name, num, v.at, (long long)id);
		free(name);
		scan_risks(ctx, camp.id);
	}
	metric_ref_free(&m);
	campaign_row_free(&camp);
	return cli_store_fail(ctx, rc);
}

/* ---- metric import ------------------------------------------------------- */

enum { COL_CAMPAIGN, COL_METRIC, COL_AT, COL_VALUE, COL_SOURCE, N_COLS };

typedef struct import_ctx {
	cli_ctx *ctx;
	const char *file; /* sanitised, for messages */
	size_t n_errors;
	/* campaigns and metrics seen so far */
	campaign_row *camps;
	size_t n_camps, cap_camps;
	metric_ref *metrics;
	size_t n_metrics, cap_metrics;
	/* the rows, validated */
	metric_value_new *rows;
	char **sources; /* owned copies (rows[].source points into them) */
	size_t n_rows, cap_rows, cap_sources;
	/* rows by metric, time and source: an open-addressing table of row
	 * indices + 1 (0 is empty), so finding a repeated row stays O(1) in
	 * files of millions of rows */
	size_t *seen, cap_seen;
	/* rows come in runs of one campaign and metric: the last found is
	 * tried first */
	size_t last_camp, last_metric;
	wr_date today;
} import_ctx;

static void import_error(import_ctx *ic, long line, const char *fmt, ...) WR_PRINTF(3, 4);
static void import_error(import_ctx *ic, long line, const char *fmt, ...)
{
	ic->n_errors++;
	if (ic->n_errors > IMPORT_MAX_ERRORS)
		return;
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	char *clean = text_sanitize(sb_str(&sb));
	fprintf(stderr, "%s:%ld: %s\n", ic->file, line, clean);
	free(clean);
	sb_free(&sb);
}

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	size_t k = strspn(s, " \t");
	if (k)
		memmove(s, s + k, n - k + 1);
}

static const campaign_row *import_campaign(import_ctx *ic, const char *key, enum store_rc *rc)
{
	*rc = STORE_OK;
	if (ic->last_camp < ic->n_camps && str_eq(ic->camps[ic->last_camp].key, key))
		return &ic->camps[ic->last_camp];
	for (size_t i = 0; i < ic->n_camps; i++)
		if (str_eq(ic->camps[i].key, key))
			return &ic->camps[ic->last_camp = i];
	campaign_row r;
	*rc = store_campaign_get(ic->ctx->st, key, &r);
	if (*rc != STORE_OK)
		return NULL;
	ic->camps = xgrow(ic->camps, &ic->cap_camps, ic->n_camps + 1, sizeof *ic->camps);
	ic->camps[ic->n_camps] = r;
	ic->last_camp = ic->n_camps;
	return &ic->camps[ic->n_camps++];
}

static const metric_ref *import_metric(import_ctx *ic, int64_t cid, const char *key,
				       enum store_rc *rc)
{
	*rc = STORE_OK;
	size_t j = ic->last_metric;
	if (j < ic->n_metrics && ic->metrics[j].campaign_id == cid && str_eq(ic->metrics[j].key, key))
		return &ic->metrics[j];
	for (size_t i = 0; i < ic->n_metrics; i++)
		if (ic->metrics[i].campaign_id == cid && str_eq(ic->metrics[i].key, key))
			return &ic->metrics[ic->last_metric = i];
	metric_ref m;
	*rc = store_metric_find(ic->ctx->st, cid, key, &m);
	if (*rc != STORE_OK)
		return NULL;
	ic->metrics = xgrow(ic->metrics, &ic->cap_metrics, ic->n_metrics + 1, sizeof *ic->metrics);
	ic->metrics[ic->n_metrics] = m;
	ic->last_metric = ic->n_metrics;
	return &ic->metrics[ic->n_metrics++];
}

static int header_columns(import_ctx *ic, char **f, size_t n, long line, int *col)
{
	static const char *const names[N_COLS] = {"campaign", "metric", "at", "value", "source"};
	for (int k = 0; k < N_COLS; k++)
		col[k] = -1;
	for (size_t i = 0; i < n; i++) {
		char *h = xstrdup(f[i]);
		trim(h);
		for (int k = 0; k < N_COLS; k++) {
			if (strcasecmp(h, names[k]) != 0)
				continue;
			if (col[k] >= 0) {
				import_error(ic, line, _("column '%s' appears twice"), names[k]);
				free(h);
				return -1;
			}
			col[k] = (int)i;
		}
		free(h);
	}
	for (int k = 0; k < COL_SOURCE; k++) {
		if (col[k] < 0) {
			import_error(ic, line,
				     _("the header has no '%s' column (expected campaign, metric, at, value and optionally source)"),
				     names[k]);
			return -1;
		}
	}
	return 0;
}

static uint64_t row_hash(const metric_value_new *v)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)v->metric_id;
	for (const char *p = v->at; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h = (h ^ 0x1f) * 1099511628211ULL;
	for (const char *p = v->source ? v->source : ""; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return h ^ (h >> 29);
}

static bool same_row(const metric_value_new *a, const metric_value_new *b)
{
	return a->metric_id == b->metric_id && strcmp(a->at, b->at) == 0 &&
	       str_eq(a->source ? a->source : "", b->source ? b->source : "");
}

/* The slot of the row with v's metric, time and source, or of the empty
 * slot where it goes. The table is kept at most half full. */
static size_t *seen_slot(import_ctx *ic, const metric_value_new *v)
{
	size_t mask = ic->cap_seen - 1, i = (size_t)row_hash(v) & mask;
	while (ic->seen[i] && !same_row(&ic->rows[ic->seen[i] - 1], v))
		i = (i + 1) & mask;
	return &ic->seen[i];
}

static void seen_grow(import_ctx *ic)
{
	if (2 * (ic->n_rows + 1) <= ic->cap_seen)
		return;
	size_t *old = ic->seen, old_cap = ic->cap_seen;
	ic->cap_seen = old_cap ? old_cap * 2 : 1024;
	ic->seen = xcalloc(ic->cap_seen, sizeof *ic->seen);
	for (size_t i = 0; i < old_cap; i++)
		if (old[i])
			*seen_slot(ic, &ic->rows[old[i] - 1]) = old[i];
	free(old);
}

/* Validates one record; adds it to ic->rows when good. */
static void import_record(import_ctx *ic, char **f, size_t n, long line, const int *col)
{
	bool blank = true;
	for (size_t i = 0; i < n && blank; i++)
		blank = f[i][strspn(f[i], " \t")] == '\0';
	if (blank)
		return;
	char *cell[N_COLS] = {0};
	for (int k = 0; k < N_COLS; k++) {
		cell[k] = col[k] >= 0 && (size_t)col[k] < n ? f[col[k]] : NULL;
		if (cell[k])
			trim(cell[k]);
	}
	for (int k = 0; k < COL_SOURCE; k++) {
		static const char *const missing[] = {N_("no campaign"), N_("no metric"), N_("no date"),
						      N_("no value")};
		if (str_empty(cell[k])) {
			import_error(ic, line, "%s", _(missing[k]));
			return;
		}
	}
	enum store_rc rc;
	const campaign_row *camp = import_campaign(ic, cell[COL_CAMPAIGN], &rc);
	if (!camp) {
		if (rc == STORE_NOTFOUND)
			import_error(ic, line, _("no campaign '%s'"), cell[COL_CAMPAIGN]);
		else
			import_error(ic, line, "%s", store_error(ic->ctx->st));
		return;
	}
	const metric_ref *m = import_metric(ic, camp->id, cell[COL_METRIC], &rc);
	if (!m) {
		if (rc == STORE_NOTFOUND)
			import_error(ic, line, _("no metric '%s' in campaign '%s'"), cell[COL_METRIC],
				     camp->key);
		else
			import_error(ic, line, "%s", store_error(ic->ctx->st));
		return;
	}
	const char *why_not = metric_not_recordable(m);
	if (why_not) {
		import_error(ic, line, _("metric '%s' %s"), m->key, why_not);
		return;
	}
	metric_value_new v = {0};
	v.metric_id = m->id;
	v.line = line;
	wr_date day;
	if (!metric_parse_at(cell[COL_AT], v.at, &day)) {
		import_error(ic, line, _("'%s' is not a date (YYYY-MM-DD) or a date and time"), cell[COL_AT]);
		return;
	}
	if (day > ic->today) {
		import_error(ic, line, _("'%s' is after today"), cell[COL_AT]);
		return;
	}
	char why[160];
	if (!metric_parse_value(m->unit, cell[COL_VALUE], &v.value, why, sizeof why)) {
		import_error(ic, line, "%s", why);
		return;
	}
	const char *src = str_empty(cell[COL_SOURCE]) ? NULL : cell[COL_SOURCE];
	/* Two rows for the same metric, time and source would replace each
	 * other: the file is ambiguous. */
	v.source = src;
	seen_grow(ic);
	size_t *slot = seen_slot(ic, &v);
	if (*slot) {
		import_error(ic, line, _("same campaign, metric, time and source as line %ld"),
			     ic->rows[*slot - 1].line);
		return;
	}
	ic->rows = xgrow(ic->rows, &ic->cap_rows, ic->n_rows + 1, sizeof *ic->rows);
	ic->sources = xgrow(ic->sources, &ic->cap_sources, ic->n_rows + 1, sizeof *ic->sources);
	ic->sources[ic->n_rows] = src ? xstrdup(src) : NULL;
	v.source = ic->sources[ic->n_rows];
	ic->rows[ic->n_rows++] = v;
	*slot = ic->n_rows;
}

static void import_free(import_ctx *ic)
{
	for (size_t i = 0; i < ic->n_camps; i++)
		campaign_row_free(&ic->camps[i]);
	free(ic->camps);
	for (size_t i = 0; i < ic->n_metrics; i++)
		metric_ref_free(&ic->metrics[i]);
	free(ic->metrics);
	for (size_t i = 0; i < ic->n_rows; i++)
		free(ic->sources[i]);
	free(ic->sources);
	free(ic->rows);
	free(ic->seen);
}

static int metric_import(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"dry-run", no_argument, NULL, 'n'},
		{0, 0, 0, 0},
	};
	bool dry = false;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'n')
			dry = true;
		else
			return cli_usage("metric", _("unknown option '%s'"), argv[optind - 1]);
	}
	if (argc - optind != 1)
		return cli_usage("metric", _("expected: metric import FILE.csv"));
	const char *path = argv[optind];
	int status = 0;
	if (!cli_store(ctx, &status))
		return status;
	char err[300];
	csv_reader *r = csv_open(path, NULL, err, sizeof err);
	if (!r)
		return cli_error(EXIT_INPUT, "%s", err);
	import_ctx ic = {0};
	ic.ctx = ctx;
	ic.today = date_today();
	char *file = text_sanitize(path);
	ic.file = file;
	char **f;
	size_t n;
	long line;
	int col[N_COLS];
	bool have_header = false;
	int got;
	while ((got = csv_next(r, &f, &n, &line)) != 0) {
		if (got < 0) {
			import_error(&ic, line, "%s", csv_error(r));
			continue;
		}
		if (!have_header) {
			if (header_columns(&ic, f, n, line, col) != 0)
				break;
			have_header = true;
			continue;
		}
		import_record(&ic, f, n, line, col);
	}
	csv_close(r);
	if (!have_header && !ic.n_errors)
		import_error(&ic, 1, _("the file is empty (expected a header: campaign,metric,at,value,source)"));
	if (ic.n_errors) {
		if (ic.n_errors > IMPORT_MAX_ERRORS)
			fprintf(stderr, _("%s: ... and %zu more errors\n"), file, ic.n_errors - IMPORT_MAX_ERRORS);
		fprintf(stderr,
			P_("warroom: %s: %zu bad row; nothing was imported\n",
			   "warroom: %s: %zu bad rows; nothing was imported\n", ic.n_errors),
			file, ic.n_errors);
		import_free(&ic);
		free(file);
		return EXIT_INPUT;
	}
	if (dry) {
		printf(_("%s: %zu values are valid (dry run, nothing written)\n"), file, ic.n_rows);
		import_free(&ic);
		free(file);
		return EXIT_OK;
	}
	metric_import_stats st;
	enum store_rc rc = store_metric_import(ctx->st, ic.rows, ic.n_rows, &st);
	if (rc == STORE_OK) {
		printf(_("%s: %zu values: %zu added, %zu updated, %zu unchanged\n"), file, ic.n_rows,
		       st.added, st.updated, st.unchanged);
		if (st.added + st.updated)
			for (size_t i = 0; i < ic.n_camps; i++)
				scan_risks(ctx, ic.camps[i].id);
	} else {
		cli_error(0, _("%s: nothing was imported"), file);
	}
	import_free(&ic);
	free(file);
	return cli_store_fail(ctx, rc);
}

/* ---- metric values / edit / delete ---------------------------------------- */

static int metric_values(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{0, 0, 0, 0},
	};
	int fmt = OUT_TABLE, c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'f')
			return cli_usage("metric", _("unknown option '%s'"), argv[optind - 1]);
		if ((fmt = cli_parse_format("metric", optarg)) < 0)
			return EXIT_USAGE;
	}
	if (argc - optind != 2)
		return cli_usage("metric", _("expected: metric values CAMPAIGN METRIC"));
	campaign_row camp;
	int status = cli_campaign(ctx, argv[optind], &camp);
	if (status)
		return status;
	metric_ref m;
	enum store_rc rc = store_metric_find(ctx->st, camp.id, argv[optind + 1], &m);
	if (rc != STORE_OK) {
		campaign_row_free(&camp);
		return cli_store_fail(ctx, rc);
	}
	size_t n = 0, got = 0;
	rc = store_metric_value_count(ctx->st, m.id, &n);
	metric_value_row *rows = xcalloc(n ? n : 1, sizeof *rows);
	if (rc == STORE_OK)
		rc = store_metric_value_window(ctx->st, m.id, 0, n, rows, &got);
	if (rc == STORE_OK) {
		/* TRANSLATORS: a table's column headers; --format tsv and json keep the English names. */
		static const char *const names[] = {NC_("column", "id"), NC_("column", "at"),
						    NC_("column", "value"), NC_("column", "source"),
						    NC_("column", "origin"),
						    NC_("column", "recorded_by"),
						    NC_("column", "recorded_at")};
		static const enum col_kind kinds[] = {COL_INT, COL_TEXT, COL_NUM, COL_TEXT,
						      COL_TEXT, COL_TEXT, COL_TEXT};
		out_table t;
		out_init(&t, ARRAY_LEN(names), names, kinds);
		bool cjk = metric_prefers_cjk(camp.currency, m.unit);
		for (size_t i = 0; i < got; i++) {
			char id[24], num[40];
			snprintf(id, sizeof id, "%lld", (long long)rows[i].id);
			if (fmt == OUT_TABLE)
				number_format(rows[i].value, m.unit, cjk, num, sizeof num);
			else
				number_format_plain(rows[i].value, num, sizeof num);
			bool table = fmt == OUT_TABLE;
			/* a value from the definition has "definition" as its source too */
			const char *source = table && str_eq(rows[i].source, rows[i].origin)
						     ? metric_origin_label(rows[i].source)
						     : rows[i].source;
			const char *origin = table ? metric_origin_label(rows[i].origin) : rows[i].origin;
			const char *cells[] = {id, rows[i].at, num, source, origin,
					       rows[i].recorded_by, rows[i].recorded_at};
			out_row(&t, cells);
		}
		out_print(&t, (enum out_format)fmt, stdout);
		out_free(&t);
	}
	for (size_t i = 0; i < got; i++)
		metric_value_row_free(&rows[i]);
	free(rows);
	metric_ref_free(&m);
	campaign_row_free(&camp);
	return cli_store_fail(ctx, rc);
}

/* The value #ID of a campaign and its metric; prints the error. */
static int campaign_value(cli_ctx *ctx, const char *camp_key, const char *id_text,
			  campaign_row *camp, metric_value_row *v, metric_ref *m)
{
	char *end;
	long long id = strtoll(id_text, &end, 10);
	if (*id_text == '\0' || *end || id <= 0)
		return cli_usage("metric", _("'%s' is not a value id (see 'warroom metric values')"), id_text);
	int status = cli_campaign(ctx, camp_key, camp);
	if (status)
		return status;
	enum store_rc rc = store_metric_value_get(ctx->st, id, v);
	if (rc == STORE_OK) {
		rc = store_metric_get(ctx->st, v->metric_id, m);
		if (rc == STORE_OK && m->campaign_id != camp->id) {
			metric_ref_free(m);
			rc = STORE_NOTFOUND;
		}
		if (rc != STORE_OK)
			metric_value_row_free(v);
	}
	if (rc == STORE_NOTFOUND) {
		campaign_row_free(camp);
		return cli_error(EXIT_INPUT, _("no value #%lld in campaign '%s' (see 'warroom metric values')"),
				 id, camp_key);
	}
	if (rc != STORE_OK)
		campaign_row_free(camp);
	return cli_store_fail(ctx, rc);
}

static int metric_edit(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"value", required_argument, NULL, 'v'},
		{"at", required_argument, NULL, 'a'},
		{0, 0, 0, 0},
	};
	const char *value_text = NULL, *at_text = NULL;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'v': value_text = optarg; break;
		case 'a': at_text = optarg; break;
		default: return cli_usage("metric", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (argc - optind != 2 || (!value_text && !at_text))
		return cli_usage("metric", _("expected: metric edit CAMPAIGN VALUE_ID [--value V] [--at WHEN]"));
	char at[20];
	wr_date day;
	if (at_text && !metric_parse_at(at_text, at, &day))
		return cli_error(EXIT_INPUT, _("'%s' is not a date (YYYY-MM-DD) or a date and time"), at_text);
	if (at_text && day > date_today())
		return cli_error(EXIT_INPUT, _("'%s' is after today"), at_text);
	campaign_row camp;
	metric_value_row v;
	metric_ref m;
	int status = campaign_value(ctx, argv[optind], argv[optind + 1], &camp, &v, &m);
	if (status)
		return status;
	double num = 0;
	char why[160];
	if (value_text && !metric_parse_value(m.unit, value_text, &num, why, sizeof why))
		status = cli_error(EXIT_INPUT, "%s", why);
	else
		status = cli_store_fail(ctx, store_metric_value_set(ctx->st, v.id, v.version,
								    at_text ? at : NULL,
								    value_text ? &num : NULL));
	if (status == EXIT_OK) {
		printf(_("value #%lld changed\n"), (long long)v.id);
		scan_risks(ctx, camp.id);
	}
	metric_value_row_free(&v);
	metric_ref_free(&m);
	campaign_row_free(&camp);
	return status;
}

static int metric_delete(cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage("metric", _("expected: metric delete CAMPAIGN VALUE_ID"));
	campaign_row camp;
	metric_value_row v;
	metric_ref m;
	int status = campaign_value(ctx, argv[1], argv[2], &camp, &v, &m);
	if (status)
		return status;
	status = cli_store_fail(ctx, store_metric_value_delete(ctx->st, v.id, v.version));
	if (status == EXIT_OK) {
		printf(_("value #%lld deleted\n"), (long long)v.id);
		scan_risks(ctx, camp.id);
	}
	metric_value_row_free(&v);
	metric_ref_free(&m);
	campaign_row_free(&camp);
	return status;
}

int cmd_metric(cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("metric", _("expected a subcommand: record, import, values, edit or delete"));
	const char *sub = argv[1];
	if (strcmp(sub, "record") == 0)
		return metric_record(ctx, argc - 1, argv + 1);
	if (strcmp(sub, "import") == 0)
		return metric_import(ctx, argc - 1, argv + 1);
	if (strcmp(sub, "values") == 0)
		return metric_values(ctx, argc - 1, argv + 1);
	if (strcmp(sub, "edit") == 0)
		return metric_edit(ctx, argc - 1, argv + 1);
	if (strcmp(sub, "delete") == 0)
		return metric_delete(ctx, argc - 1, argv + 1);
	return cli_usage("metric", _("unknown subcommand '%s': expected record, import, values, edit or delete"), sub);
}

/* ---- metrics ---------------------------------------------------------------- */

/* A figure for scripts: ten significant digits, so that 7.2% / 8% is 0.9
 * and not 0.8999999999999999. */
static const char *raw_number(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%.10g", v);
	return strcmp(buf, "-0") == 0 ? "0" : buf;
}

int cmd_metrics(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{0, 0, 0, 0},
	};
	int fmt = OUT_TABLE, c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'f')
			return cli_usage("metrics", _("unknown option '%s'"), argv[optind - 1]);
		if ((fmt = cli_parse_format("metrics", optarg)) < 0)
			return EXIT_USAGE;
	}
	if (argc - optind != 1)
		return cli_usage("metrics", _("expected one campaign id"));
	campaign_row camp;
	int status = cli_campaign(ctx, argv[optind], &camp);
	if (status)
		return status;
	metric_view v;
	enum store_rc rc = store_metric_view(ctx->st, camp.id, date_today(), &v);
	if (rc != STORE_OK) {
		campaign_row_free(&camp);
		return cli_store_fail(ctx, rc);
	}
	/* TRANSLATORS: a table's column headers; --format tsv and json keep the English names. */
	static const char *const names[] = {NC_("column", "layer"), NC_("column", "key"),
					    NC_("column", "name"), NC_("column", "target"),
					    NC_("column", "actual"), NC_("column", "achievement"),
					    NC_("column", "pace"), NC_("column", "deviation"),
					    NC_("column", "level"), NC_("column", "change"),
					    NC_("column", "trend"), NC_("column", "weight"),
					    NC_("column", "source"), NC_("column", "updated")};
	static const enum col_kind kinds[] = {COL_TEXT, COL_TEXT, COL_TEXT, COL_NUM, COL_NUM,
					      COL_NUM, COL_NUM, COL_NUM, COL_TEXT, COL_NUM,
					      COL_TEXT, COL_NUM, COL_TEXT, COL_TEXT};
	out_table t;
	out_init(&t, ARRAY_LEN(names), names, kinds);
	metric_set set = metric_view_set(&v);
	wr_date from = 0, to = 0;
	bool spark = metric_spark_range(&set.clock, 7, &from, &to);
	bool table = fmt == OUT_TABLE;
	for (size_t i = 0; i < v.cur.n; i++) {
		const metric_def *m = &v.cur.defs[i];
		const metric_figures *f = &v.board.rows[i];
		metric_cells mc;
		metric_cells_format(m, f, metric_prefers_cjk(v.cur.currency, m->unit), &mc);
		char raw[7][40];
		const char *num[7] = {NULL};
		const double vals[7] = {m->target, f->actual, f->achievement, f->pace, f->deviation,
					f->change, m->weight};
		const bool has[7] = {m->has_target, f->has_actual, f->has_achievement, f->has_pace,
				     f->has_pace, f->has_change, m->weight > 0};
		const char *shown[7] = {mc.target, mc.actual, mc.achievement, mc.pace, mc.deviation,
					mc.change, mc.weight};
		for (int k = 0; k < 7; k++)
			num[k] = table ? shown[k]
				       : has[k] ? raw_number(vals[k], raw[k], sizeof raw[k]) : NULL;
		char trend[METRIC_SPARK_MAX * 3 + 1] = "";
		if (spark) {
			double dv[METRIC_SPARK_MAX];
			bool dh[METRIC_SPARK_MAX];
			size_t nd = metric_daily_values(&set, i, from, to, dv, dh, METRIC_SPARK_MAX);
			metric_sparkline(dv, dh, nd, trend, sizeof trend);
		}
		char level[16];
		snprintf(level, sizeof level, table && f->level ? "%s %s" : "%s%s",
			 table && f->level ? mc.glyph : "", table ? _(mc.level) : mc.level);
		const char *layer = table ? metric_layer_label(m->layer) : metric_layer_name(m->layer);
		const char *cells[] = {layer, m->key, m->name, num[0], num[1],
				       num[2], num[3], num[4], level, num[5], trend, num[6], m->source,
				       v.cur.series[i].last_at[0] ? v.cur.series[i].last_at : NULL};
		out_row(&t, cells);
	}
	out_print(&t, (enum out_format)fmt, stdout);
	out_free(&t);
	if (table) {
		char score[16];
		if (v.board.has_score)
			number_format_pct(v.board.score, score, sizeof score);
		else
			snprintf(score, sizeof score, "—");
		printf(_("\nscore %s (%zu of %zu weighted metrics) · %zu ok, %zu warn, %zu alert\n"), score,
		       v.board.n_scored, v.board.n_weighted, v.board.n_ok, v.board.n_warn,
		       v.board.n_alert);
	}
	metric_view_free(&v);
	campaign_row_free(&camp);
	return EXIT_OK;
}

/* ---- risks --------------------------------------------------------------------- */

int cmd_risks(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"all", no_argument, NULL, 'a'},
		{0, 0, 0, 0},
	};
	int fmt = OUT_TABLE, c;
	bool all = false;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((fmt = cli_parse_format("risks", optarg)) < 0)
				return EXIT_USAGE;
			break;
		case 'a':
			all = true;
			break;
		default:
			return cli_usage("risks", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return cli_usage("risks", _("expected at most one campaign id"));
	int status = 0;
	store *st = cli_store(ctx, &status);
	if (!st)
		return status;
	int64_t cid = 0;
	if (argc - optind == 1) {
		campaign_row camp;
		if ((status = cli_campaign(ctx, argv[optind], &camp)) != 0)
			return status;
		cid = camp.id;
		campaign_row_free(&camp);
	}
	/* Bring the log up to date first (unless the database is read-only). */
	if (!store_readonly(st)) {
		campaign_list l;
		if (store_campaign_list(st, &l) == STORE_OK) {
			for (size_t i = 0; i < l.n; i++)
				if (!cid || l.v[i].id == cid)
					scan_risks(ctx, l.v[i].id);
			campaign_list_free(&l);
		}
	}
	risk_row *rows;
	size_t n;
	enum store_rc rc = store_risk_list(st, cid, all, &rows, &n);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	/* TRANSLATORS: a table's column headers; --format tsv and json keep the English names. */
	static const char *const names[] = {NC_("column", "id"), NC_("column", "campaign"),
					    NC_("column", "kind"), NC_("column", "subject"),
					    NC_("column", "current"), NC_("column", "target"),
					    NC_("column", "deviation"), NC_("column", "opened"),
					    NC_("column", "respond_by"), NC_("column", "due"),
					    NC_("column", "state"), NC_("column", "owner"),
					    NC_("column", "cause"), NC_("column", "plan"),
					    NC_("column", "closed"), NC_("column", "resolution")};
	static const enum col_kind kinds[] = {COL_INT, COL_TEXT, COL_TEXT, COL_TEXT, COL_NUM,
					      COL_NUM, COL_NUM, COL_TEXT, COL_TEXT, COL_TEXT,
					      COL_TEXT, COL_TEXT, COL_TEXT, COL_TEXT, COL_TEXT,
					      COL_TEXT};
	out_table t;
	out_init(&t, ARRAY_LEN(names), names, kinds);
	char now[24];
	clock_now_string(now);
	bool table = fmt == OUT_TABLE;
	for (size_t i = 0; i < n; i++) {
		const risk_row *r = &rows[i];
		risk_cells rc2;
		/* TSV and JSON are for scripts: the response time stays English */
		char *lc = table ? NULL : i18n_english_begin();
		risk_cells_format(r, now, &rc2);
		if (lc)
			i18n_english_end(lc);
		char id[24], cur[40], tgt[40], dev[40];
		snprintf(id, sizeof id, "%lld", (long long)r->id);
		const char *cv = table ? rc2.current : r->has_current ? raw_number(r->current_value, cur, sizeof cur) : NULL;
		const char *tv = table ? rc2.target : r->has_target ? raw_number(r->target_value, tgt, sizeof tgt) : NULL;
		const char *dv = table ? rc2.deviation : r->has_deviation ? raw_number(r->deviation, dev, sizeof dev) : NULL;
		const char *kind = table ? risk_kind_label(r->kind) : r->kind;
		const char *state = table ? risk_state_label(rc2.state) : rc2.state;
		const char *cells[] = {id, r->campaign, kind, r->subject, cv, tv, dv, r->opened_at,
				       r->respond_by, rc2.due, state, r->owner, r->cause, r->plan,
				       r->closed_at, r->resolution};
		out_row(&t, cells);
	}
	out_print(&t, (enum out_format)fmt, stdout);
	out_free(&t);
	risk_rows_free(rows, n);
	return EXIT_OK;
}

int cmd_risk(cli_ctx *ctx, int argc, char **argv)
{
	/* risk CAMPAIGN ID set cause|plan|owner TEXT
	 * risk CAMPAIGN ID close --note TEXT */
	if (argc < 4)
		return cli_usage("risk", _("expected: risk CAMPAIGN ID set FIELD TEXT, or risk CAMPAIGN ID close --note TEXT"));
	char *end;
	long long id = strtoll(argv[2], &end, 10);
	if (*argv[2] == '\0' || *end || id <= 0)
		return cli_usage("risk", _("'%s' is not a risk id (see 'warroom risks')"), argv[2]);
	const char *verb = argv[3];
	int field = -1;
	const char *text = NULL;
	if (strcmp(verb, "set") == 0) {
		if (argc != 6)
			return cli_usage("risk", _("expected: risk CAMPAIGN ID set cause|plan|owner TEXT"));
		static const char *const fields[] = {"cause", "plan", "owner"};
		for (size_t i = 0; i < ARRAY_LEN(fields); i++)
			if (strcmp(argv[4], fields[i]) == 0)
				field = (int)i;
		if (field < 0)
			return cli_usage("risk", _("unknown field '%s': expected cause, plan or owner"), argv[4]);
		text = argv[5];
	} else if (strcmp(verb, "close") == 0) {
		if (argc == 6 && strcmp(argv[4], "--note") == 0)
			text = argv[5];
		else if (argc == 5 && str_starts(argv[4], "--note="))
			text = argv[4] + 7;
		else
			return cli_usage("risk", _("closing a risk needs a resolution: risk CAMPAIGN ID close --note TEXT"));
	} else {
		return cli_usage("risk", _("unknown action '%s': expected set or close"), verb);
	}
	campaign_row camp;
	int status = cli_campaign(ctx, argv[1], &camp);
	if (status)
		return status;
	risk_row r;
	enum store_rc rc = store_risk_get(ctx->st, id, &r);
	if (rc == STORE_OK && r.campaign_id != camp.id) {
		risk_row_free(&r);
		rc = STORE_NOTFOUND;
	}
	if (rc == STORE_NOTFOUND) {
		campaign_row_free(&camp);
		return cli_error(EXIT_INPUT, _("no risk #%lld in campaign '%s' (see 'warroom risks')"), id, argv[1]);
	}
	if (rc == STORE_OK) {
		if (field >= 0)
			rc = store_risk_set(ctx->st, id, r.version, (enum risk_field)field, text);
		else
			rc = store_risk_close(ctx->st, id, r.version, text);
		risk_row_free(&r);
	}
	campaign_row_free(&camp);
	return cli_store_fail(ctx, rc);
}
