/* warroom snapshot: the terminal UI's screen without a terminal. The same
 * app and drawing code as the interactive UI draw on a screen of the given
 * size (ui_render_headless), which is read back cell by cell and written as
 * text, ANSI or HTML; with the same database, size, theme and clock
 * (--today / WARROOM_TODAY, WARROOM_NOW) the text is what the UI shows. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/cli.h"
#include "warroom/i18n.h"
#include "warroom/snapshot.h"
#include "warroom/text.h"
#include "warroom/ui.h"

/* The smallest screen the UI draws on, and the one the tiled layout needs
 * (src/ui/app.h). */
#define SNAP_MIN_COLS 40
#define SNAP_MIN_ROWS 10
#define SNAP_TILE_COLS 80
#define SNAP_TILE_ROWS 24
#define SNAP_MAX 1000

static const struct {
	const char *name;
	const char *key; /* the key that shows it */
} snap_panes[] = {
	{"tasks", "1"},
	{"metrics", "2"},
	{"inbox", "3"},
	{"review", "4"},
};

static bool parse_size(const char *s, int *w, int *h)
{
	char end;
	return sscanf(s, "%d%*[xX]%d%c", w, h, &end) == 2;
}

int cmd_snapshot(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"pane", required_argument, NULL, 'p'},
		{"size", required_argument, NULL, 's'},
		{"theme", required_argument, NULL, 't'},
		{"format", required_argument, NULL, 'f'},
		{"keys", required_argument, NULL, 'k'},
		{"output", required_argument, NULL, 'o'},
		{0, 0, 0, 0},
	};
	const char *pane = NULL, *size = "120x40", *theme = ctx->theme, *keys = NULL, *output = NULL;
	int format = SNAP_TEXT, c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'p': pane = optarg; break;
		case 's': size = optarg; break;
		case 't': theme = optarg; break;
		case 'k': keys = optarg; break;
		case 'o': output = optarg; break;
		case 'f':
			if ((format = snap_format_from(optarg)) < 0)
				return cli_usage("snapshot", _("--format is text, ansi or html, not '%s'"), optarg);
			break;
		default:
			return cli_usage("snapshot", _("unknown option or missing value: '%s'"), argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return cli_usage("snapshot", _("expected at most one campaign id"));
	int w, h;
	if (!parse_size(size, &w, &h) || w < 1 || h < 1 || w > SNAP_MAX || h > SNAP_MAX)
		return cli_usage("snapshot", _("--size wants WIDTHxHEIGHT between 1x1 and %dx%d, not '%s'"),
				 SNAP_MAX, SNAP_MAX, size);
	if (w < SNAP_MIN_COLS || h < SNAP_MIN_ROWS)
		return cli_usage("snapshot", _("a %dx%d screen is too small: the UI needs at least %dx%d"), w,
				 h, SNAP_MIN_COLS, SNAP_MIN_ROWS);
	ui_options uo = {.theme = theme};
	const char *pane_key = NULL;
	if (pane && strcmp(pane, "all") == 0) {
		if (w < SNAP_TILE_COLS || h < SNAP_TILE_ROWS)
			return cli_usage("snapshot", _("--pane all tiles the four panes and needs at least %dx%d"),
					 SNAP_TILE_COLS, SNAP_TILE_ROWS);
		uo.layout = "tiled";
	} else if (pane) {
		for (size_t i = 0; i < ARRAY_LEN(snap_panes); i++)
			if (strcmp(pane, snap_panes[i].name) == 0)
				pane_key = snap_panes[i].key;
		if (!pane_key)
			return cli_usage("snapshot", _("--pane is tasks, metrics, inbox, review or all, not '%s'"),
					 pane);
		uo.layout = "tabs";
	}

	int status = 0;
	store *s = cli_store(ctx, &status);
	if (!s)
		return status;
	char *title_name = NULL;
	if (optind < argc) {
		campaign_row camp;
		if ((status = cli_campaign(ctx, argv[optind], &camp)) != 0)
			return status;
		title_name = xstrdup(camp.name);
		campaign_row_free(&camp);
		uo.campaign = argv[optind];
	} else {
		campaign_row camp;
		if (store_campaign_default(s, &camp) == STORE_OK) {
			title_name = xstrdup(camp.name);
			campaign_row_free(&camp);
		}
	}
	uo.read_only = store_readonly(s);

	char *script = xasprintf("%s%s", pane_key ? pane_key : "", keys ? keys : "");
	snap_grid g;
	snap_grid_init(&g, h, w);
	char err[1024] = "";
	int rc = ui_render_headless(s, &uo, w, h, script[0] ? script : NULL, snap_grid_put, &g, err,
				    sizeof err);
	free(script);
	if (rc != 0) {
		snap_grid_free(&g);
		free(title_name);
		return cli_error(EXIT_INPUT, "%s", err);
	}
	char now[24];
	clock_now_string(now);
	now[16] = '\0'; /* to the minute */
	char *title = xasprintf("warroom · %s · %s · %s", title_name ? title_name : _("no campaign"),
				pane ? pane : _("screen"), now);
	size_t len;
	char *data = snap_render(&g, (enum snap_format)format, title, &len);
	status = cli_write_output(output, data, len);
	free(data);
	free(title);
	free(title_name);
	snap_grid_free(&g);
	return status;
}
