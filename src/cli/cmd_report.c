/* warroom report CAMPAIGN --format md|html [-o FILE]: the review as a
 * document. The day it is "as of" is --today / WARROOM_TODAY or today, so
 * a report can be reprinted exactly. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/cli.h"
#include "warroom/i18n.h"
#include "warroom/report.h"

int cmd_report(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{0, 0, 0, 0},
	};
	const char *format = "md", *output = NULL;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		default:
			return cli_usage("report", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	bool html = str_eq(format, "html");
	if (!html && !str_eq(format, "md") && !str_eq(format, "markdown"))
		return cli_usage("report", _("--format is md or html, not '%s'"), format);
	if (optind + 1 != argc)
		return cli_usage("report", _("expected one campaign id"));
	campaign_row camp;
	int status = cli_campaign(ctx, argv[optind], &camp);
	if (status)
		return status;
	campaign_row_free(&camp);
	report_data d;
	enum store_rc rc = report_load(ctx->st, argv[optind], date_today(), &d);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	char *doc = html ? report_html(&d) : report_markdown(&d);
	status = cli_write_output(output, doc, strlen(doc));
	free(doc);
	report_data_free(&d);
	return status;
}
