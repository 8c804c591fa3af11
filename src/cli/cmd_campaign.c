/* Campaign definitions in and out: import, check, export, list. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/cli.h"
#include "warroom/i18n.h"
#include "warroom/number.h"
#include "warroom/text.h"
#include "warroom/yaml_campaign.h"

static void shift(wr_date *d, int days)
{
	if (*d != WR_DATE_NONE)
		*d += days;
}

/* Moves every date of a definition by `days` (demo data that should be
 * running today). */
static void shift_dates(campaign_def *c, int days)
{
	shift(&c->start, days);
	shift(&c->end, days);
	for (size_t i = 0; i < c->n_phases; i++) {
		shift(&c->phases[i].start, days);
		shift(&c->phases[i].end, days);
	}
	for (size_t i = 0; i < c->n_tasks; i++) {
		shift(&c->tasks[i].start, days);
		shift(&c->tasks[i].due, days);
	}
	for (size_t i = 0; i < c->n_feedback; i++)
		shift(&c->feedback[i].at, days);
	for (size_t i = 0; i < c->n_values; i++)
		shift(&c->values[i].at, days);
}

int cmd_check(cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	if (argc < 2)
		return cli_usage("check", _("no file given"));
	int status = EXIT_OK;
	for (int i = 1; i < argc; i++) {
		campaign_def def = {0};
		diag_list diags = {0};
		bool ok = yaml_campaign_read(argv[i], &def, &diags);
		if (!ok) {
			diag_print(&diags);
			status = EXIT_INPUT;
		} else {
			char *name = text_sanitize(argv[i]);
			printf(_("%s: ok (%zu phases, %zu metrics, %zu tasks, %zu feedback, %zu values)\n"),
			       name, def.n_phases, def.n_metrics, def.n_tasks, def.n_feedback, def.n_values);
			free(name);
		}
		diag_free(&diags);
		campaign_def_free(&def);
	}
	return status;
}

/* The store side of an import, opened when there is something to write:
 * a batch whose first file fails before any of its tasks could be written
 * does not even create the database. */
typedef struct import_writer {
	cli_ctx *ctx;
	store_import *im;
	int status; /* EXIT_OK until the store fails */
} import_writer;

static bool writer_open(import_writer *w)
{
	if (w->im || w->status != EXIT_OK)
		return w->im != NULL;
	store *s = cli_store(w->ctx, &w->status);
	if (!s)
		return false;
	enum store_rc rc;
	w->im = store_import_begin(s, &rc);
	if (!w->im)
		w->status = cli_store_fail(w->ctx, rc);
	return w->im != NULL;
}

/* A failed write says why once, undoes the batch and ends the writing. */
static void writer_check(import_writer *w, enum store_rc rc)
{
	if (rc == STORE_OK)
		return;
	w->status = cli_store_fail(w->ctx, rc);
	store_import_abort(w->im);
	w->im = NULL;
}

static void write_run(void *arg, const char *campaign_key, const task_def *tasks, size_t n)
{
	import_writer *w = arg;
	if (writer_open(w))
		writer_check(w, store_import_tasks(w->im, campaign_key, tasks, n));
}

int cmd_import(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"shift-to", required_argument, NULL, 's'},
		{"dry-run", no_argument, NULL, 'n'},
		{0, 0, 0, 0},
	};
	wr_date shift_to = WR_DATE_NONE;
	bool dry = false;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (!date_parse(optarg, &shift_to))
				return cli_usage("import", _("--shift-to wants a date as YYYY-MM-DD, not '%s'"), optarg);
			break;
		case 'n':
			dry = true;
			break;
		default:
			return cli_usage("import", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("import", _("no file given"));

	/* One transaction for the whole batch, so a bad file leaves the
	 * database untouched. Each file is read and checked in full before
	 * its campaign is written; the tasks of a file without errors so far
	 * are written while the rest of it is still being read. */
	int n = argc - optind;
	campaign_def *defs = xcalloc((size_t)n, sizeof *defs);
	import_stats *stats = xcalloc((size_t)n, sizeof *stats);
	import_writer w = {.ctx = ctx, .status = EXIT_OK};
	int status = EXIT_OK;
	for (int i = 0; i < n; i++) {
		const char *path = argv[optind + i];
		diag_list diags = {0};
		bool write = status == EXIT_OK && w.status == EXIT_OK && !dry;
		bool ok = write && shift_to == WR_DATE_NONE
			? yaml_campaign_read_streaming(path, &defs[i], &diags, write_run, &w)
			: yaml_campaign_read(path, &defs[i], &diags);
		if (!ok) {
			diag_print(&diags);
			status = EXIT_INPUT;
		}
		diag_free(&diags);
		if (!ok || !write || w.status != EXIT_OK)
			continue;
		if (shift_to != WR_DATE_NONE)
			shift_dates(&defs[i], shift_to - defs[i].start);
		if (writer_open(&w))
			writer_check(&w, store_import_finish(w.im, &defs[i], &stats[i]));
	}
	if (status == EXIT_OK && w.im) {
		enum store_rc rc = store_import_commit(w.im);
		w.im = NULL;
		writer_check(&w, rc);
	}
	store_import_abort(w.im);
	if (status == EXIT_OK)
		status = w.status;
	for (int i = 0; status == EXIT_OK && i < n; i++) {
		char *key = text_sanitize(defs[i].key);
		if (dry)
			printf(_("%s: valid, not imported (--dry-run)\n"), key);
		else
			printf(_("%s %s: %zu tasks added, %zu updated; %zu metrics; %zu values; %zu feedback added\n"),
			       stats[i].created ? _("created") : _("updated"), key, stats[i].tasks_added,
			       stats[i].tasks_updated, stats[i].metrics, stats[i].values_added,
			       stats[i].feedback_added);
		free(key);
	}
	for (int i = 0; i < n; i++)
		campaign_def_free(&defs[i]);
	free(defs);
	free(stats);
	return status;
}

int cmd_export(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{0, 0, 0, 0},
	};
	const char *out_path = NULL;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 'o')
			out_path = optarg;
		else
			return cli_usage("export", _("unknown option '%s'"), argv[optind - 1]);
	}
	if (optind + 1 != argc)
		return cli_usage("export", _("expected one campaign id"));
	int status = 0;
	store *s = cli_store(ctx, &status);
	if (!s)
		return status;
	campaign_def def;
	enum store_rc rc = store_export_campaign(s, argv[optind], &def);
	if (rc == STORE_NOTFOUND)
		return cli_error(EXIT_INPUT, _("no campaign '%s' (see 'warroom list')"), argv[optind]);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	strbuf sb = STRBUF_INIT;
	yaml_campaign_write(&def, &sb);
	campaign_def_free(&def);
	status = cli_write_output(out_path, sb_str(&sb), sb.len);
	sb_free(&sb);
	return status;
}

/* In the user's language for the table; tsv and json keep the English
 * words scripts match on. */
static const char *campaign_state(const campaign_row *r, wr_date today, bool shown, char *buf,
				  size_t size)
{
	if (today < r->start)
		snprintf(buf, size, "%s", shown ? _("upcoming") : "upcoming");
	else if (today > r->end)
		snprintf(buf, size, "%s", shown ? _("finished") : "finished");
	else
		snprintf(buf, size, shown ? _("running day %d/%d") : "running day %d/%d", today - r->start + 1,
			 r->end - r->start + 1);
	return buf;
}

int cmd_list(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{0, 0, 0, 0},
	};
	int fmt = OUT_TABLE, c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f') {
			if ((fmt = cli_parse_format("list", optarg)) < 0)
				return EXIT_USAGE;
		} else {
			return cli_usage("list", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage("list", _("unexpected argument '%s'"), argv[optind]);
	int status = 0;
	store *s = cli_store(ctx, &status);
	if (!s)
		return status;
	campaign_list l;
	enum store_rc rc = store_campaign_list(s, &l);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	/* TRANSLATORS: a table's column headers; --format tsv and json keep the English names. */
	static const char *const names[] = {NC_("column", "id"), NC_("column", "name"),
					    NC_("column", "start"), NC_("column", "end"),
					    NC_("column", "status"), NC_("column", "phase"),
					    NC_("column", "owner"), NC_("column", "budget"),
					    NC_("column", "tasks"), NC_("column", "metrics"),
					    NC_("column", "feedback")};
	static const enum col_kind kinds[] = {COL_TEXT, COL_TEXT, COL_TEXT, COL_TEXT, COL_TEXT, COL_TEXT,
					      COL_TEXT, COL_NUM, COL_INT, COL_INT, COL_INT};
	out_table t;
	out_init(&t, ARRAY_LEN(names), names, kinds);
	wr_date today = date_today();
	for (size_t i = 0; i < l.n; i++) {
		const campaign_row *r = &l.v[i];
		char start[16], end[16], state[48], budget[40], nt[24], nm[24], nf[24];
		if (r->has_budget) {
			if (fmt == OUT_TABLE)
				money_format(r->budget, r->currency, budget, sizeof budget);
			else
				number_format_plain(r->budget, budget, sizeof budget);
		}
		snprintf(nt, sizeof nt, "%d", r->n_tasks);
		snprintf(nm, sizeof nm, "%d", r->n_metrics);
		snprintf(nf, sizeof nf, "%d", r->n_feedback);
		const char *cells[] = {r->key, r->name, date_format(r->start, start),
				       date_format(r->end, end), campaign_state(r, today, fmt == OUT_TABLE, state, sizeof state),
				       r->current_phase, r->owner, r->has_budget ? budget : NULL, nt, nm, nf};
		out_row(&t, cells);
	}
	if (l.n == 0 && fmt == OUT_TABLE)
		fputs(_("no campaigns yet: import one with 'warroom import FILE.yaml'\n"), stdout);
	else
		out_print(&t, (enum out_format)fmt, stdout);
	out_free(&t);
	campaign_list_free(&l);
	return EXIT_OK;
}
