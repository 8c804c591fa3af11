/* The audit log on the command line. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/cli.h"
#include "warroom/i18n.h"

int cmd_log(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"since", required_argument, NULL, 's'},
		{"user", required_argument, NULL, 'u'},
		{"limit", required_argument, NULL, 'n'},
		{0, 0, 0, 0},
	};
	int fmt = OUT_TABLE, c;
	audit_filter f = {0};
	char since[16];
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((fmt = cli_parse_format("log", optarg)) < 0)
				return EXIT_USAGE;
			break;
		case 's': {
			wr_date d;
			if (!date_parse(optarg, &d))
				return cli_usage("log", _("--since wants a date as YYYY-MM-DD, not '%s'"), optarg);
			f.since = date_format(d, since);
			break;
		}
		case 'u':
			f.user = optarg;
			break;
		case 'n': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v <= 0)
				return cli_usage("log", _("--limit wants a positive number, not '%s'"), optarg);
			f.limit = (size_t)v;
			break;
		}
		default:
			return cli_usage("log", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return cli_usage("log", _("expected at most one campaign id"));
	int status = 0;
	if (optind < argc) {
		campaign_row camp;
		status = cli_campaign(ctx, argv[optind], &camp);
		if (status)
			return status;
		campaign_row_free(&camp);
		f.campaign = argv[optind];
	} else if (!cli_store(ctx, &status)) {
		return status;
	}
	audit_row *rows;
	size_t n;
	enum store_rc rc = store_audit_list(ctx->st, &f, &rows, &n);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	/* TRANSLATORS: a table's column headers; --format tsv and json keep the English names. */
	static const char *const names[] = {NC_("column", "at"), NC_("column", "user"),
					    NC_("column", "campaign"), NC_("column", "entity"),
					    NC_("column", "key"), NC_("column", "field"),
					    NC_("column", "old"), NC_("column", "new")};
	out_table t;
	out_init(&t, ARRAY_LEN(names), names, NULL);
	for (size_t i = 0; i < n; i++) {
		const audit_row *a = &rows[i];
		const char *cells[] = {a->at, a->user, a->campaign, a->entity, a->entity_key,
				       a->field, a->old_value, a->new_value};
		out_row(&t, cells);
	}
	out_print(&t, (enum out_format)fmt, stdout);
	out_free(&t);
	audit_rows_free(rows, n);
	return EXIT_OK;
}
