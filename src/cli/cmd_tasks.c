/* Tasks from the command line: list with derived state, and edit a field. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/cli.h"
#include "warroom/i18n.h"
#include "warroom/task_state.h"

int cmd_tasks(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"late", no_argument, NULL, 'l'},
		{"open", no_argument, NULL, 'o'},
		{"owner", required_argument, NULL, 'w'},
		{0, 0, 0, 0},
	};
	int fmt = OUT_TABLE, c;
	task_filter f = {0};
	f.today = date_today();
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((fmt = cli_parse_format("tasks", optarg)) < 0)
				return EXIT_USAGE;
			break;
		case 'l':
			f.late_only = true;
			break;
		case 'o':
			f.open_only = true;
			break;
		case 'w':
			f.owner = optarg;
			break;
		default:
			return cli_usage("tasks", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage("tasks", _("expected one campaign id"));
	campaign_row camp;
	int status = cli_campaign(ctx, argv[optind], &camp);
	if (status)
		return status;
	size_t n = 0;
	enum store_rc rc = store_task_count(ctx->st, camp.id, &f, &n);
	task_row *rows = xcalloc(n ? n : 1, sizeof *rows);
	size_t got = 0;
	if (rc == STORE_OK)
		rc = store_task_window(ctx->st, camp.id, &f, 0, n, rows, &got);
	if (rc != STORE_OK) {
		free(rows);
		campaign_row_free(&camp);
		return cli_store_fail(ctx, rc);
	}
	/* TRANSLATORS: a table's column headers; --format tsv and json keep the English names. */
	static const char *const names[] = {NC_("column", "id"), NC_("column", "name"),
					    NC_("column", "strategy"), NC_("column", "owner"),
					    NC_("column", "start"), NC_("column", "due"),
					    NC_("column", "status"), NC_("column", "progress"),
					    NC_("column", "late"), NC_("column", "behind"),
					    NC_("column", "stale"), NC_("column", "milestone"),
					    NC_("column", "after"), NC_("column", "phase"),
					    NC_("column", "problem"), NC_("column", "support"),
					    NC_("column", "updated_by"),
					    NC_("column", "updated_at")};
	static const enum col_kind kinds[] = {COL_TEXT, COL_TEXT, COL_TEXT, COL_TEXT, COL_TEXT,
					      COL_TEXT, COL_TEXT, COL_INT, COL_BOOL, COL_BOOL,
					      COL_BOOL, COL_BOOL, COL_TEXT, COL_TEXT, COL_TEXT,
					      COL_TEXT, COL_TEXT, COL_TEXT};
	out_table t;
	out_init(&t, ARRAY_LEN(names), names, kinds);
	for (size_t i = 0; i < got; i++) {
		task_row *r = &rows[i];
		char start[16], due[16], prog[8];
		snprintf(prog, sizeof prog, "%d", r->progress);
		bool table = fmt == OUT_TABLE;
		const char *yes = table ? _("yes") : "true", *no = table ? "" : "false";
		/* the table in the user's language; TSV and JSON keep the English status */
		const char *st = task_status_name(r->status);
		const char *cells[] = {r->key, r->name, r->strategy, r->owner, date_format(r->start, start),
				       date_format(r->due, due), table ? _(st) : st, prog,
				       task_is_late(r, f.today) ? yes : no,
				       task_is_behind(r, f.today) ? yes : no,
				       task_is_stale(r, f.today) ? yes : no, r->milestone ? yes : no,
				       r->depends, r->phase, r->problem, r->support, r->updated_by,
				       r->updated_at};
		out_row(&t, cells);
		task_row_free(r);
	}
	out_print(&t, (enum out_format)fmt, stdout);
	out_free(&t);
	free(rows);
	campaign_row_free(&camp);
	return EXIT_OK;
}

static int find_task(cli_ctx *ctx, int64_t cid, const char *key, task_row *out)
{
	/* Keys are unique per campaign; the text filter narrows, then exact match. */
	task_filter f = {0};
	f.today = date_today();
	f.text = key;
	size_t n = 0;
	enum store_rc rc = store_task_count(ctx->st, cid, &f, &n);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	task_row *rows = xcalloc(n ? n : 1, sizeof *rows);
	size_t got = 0;
	rc = store_task_window(ctx->st, cid, &f, 0, n, rows, &got);
	if (rc != STORE_OK) {
		free(rows);
		return cli_store_fail(ctx, rc);
	}
	int status = EXIT_INPUT;
	for (size_t i = 0; i < got; i++) {
		if (status != EXIT_OK && str_eq(rows[i].key, key)) {
			*out = rows[i];
			memset(&rows[i], 0, sizeof rows[i]);
			status = EXIT_OK;
		}
		task_row_free(&rows[i]);
	}
	free(rows);
	if (status != EXIT_OK)
		cli_error(EXIT_INPUT, _("no task '%s' in this campaign (see 'warroom tasks')"), key);
	return status;
}

int cmd_task(cli_ctx *ctx, int argc, char **argv)
{
	/* warroom task CAMPAIGN TASK set FIELD VALUE */
	if (argc != 6 || strcmp(argv[3], "set") != 0)
		return cli_usage("task", _("expected: task CAMPAIGN TASK set FIELD VALUE"));
	static const char *const fields[] = {"status", "progress", "problem", "support",
					     "owner", "start", "due", "name"};
	int field = -1;
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		if (strcmp(argv[4], fields[i]) == 0)
			field = (int)i;
	if (field < 0)
		return cli_usage("task",
				 _("unknown field '%s': expected status, progress, problem, support, owner, "
				   "start, due or name"),
				 argv[4]);
	campaign_row camp;
	int status = cli_campaign(ctx, argv[1], &camp);
	if (status)
		return status;
	task_row t;
	status = find_task(ctx, camp.id, argv[2], &t);
	campaign_row_free(&camp);
	if (status)
		return status;
	enum store_rc rc = store_task_set(ctx->st, t.id, t.version, (enum task_field)field, argv[5]);
	task_row_free(&t);
	return cli_store_fail(ctx, rc);
}
