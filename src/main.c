/* warroom: argument parsing and dispatch to a command or the terminal UI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/cli.h"
#include "warroom/cli_help.h"
#include "warroom/date.h"
#include "warroom/i18n.h"
#include "warroom/ui.h"
#include "warroom/ui_replay.h"

/* Takes "--opt VALUE" or "--opt=VALUE"; advances *i. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, int *status)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*status = cli_usage(NULL, _("%s needs a value"), name);
		return NULL;
	}
	return argv[++*i];
}

int main(int argc, char **argv)
{
	i18n_init();
	/* The shell completion scripts ask the binary (see complete.c). */
	if (argc > 1 && strcmp(argv[1], "__complete") == 0)
		return cli_complete(argc - 1, argv + 1, stdout);
	cli_ctx ctx = {0};
	ui_options uo = {0};
	const char *replay = NULL;
	int width = 200, height = 60;
	int i = 1, status = 0;
	for (; i < argc; i++) {
		const char *a = argv[i], *v;
		if (a[0] != '-' || strcmp(a, "-") == 0)
			break;
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			cli_print_help(stdout);
			return EXIT_OK;
		}
		if (strcmp(a, "--version") == 0) {
			printf("warroom %s\n", WARROOM_VERSION);
			return EXIT_OK;
		}
		if (strcmp(a, "--read-only") == 0) {
			ctx.read_only = true;
			continue;
		}
		if ((v = opt_value(argc, argv, &i, "--db", &status))) {
			ctx.db_path = v;
			continue;
		}
		if (status)
			return status;
		if ((v = opt_value(argc, argv, &i, "--theme", &status))) {
			ctx.theme = v;
			continue;
		}
		if (status)
			return status;
		if ((v = opt_value(argc, argv, &i, "--campaign", &status))) {
			uo.campaign = v;
			continue;
		}
		if (status)
			return status;
		if ((v = opt_value(argc, argv, &i, "--today", &status))) {
			wr_date d;
			if (!date_parse(v, &d))
				return cli_usage(NULL, _("--today wants a date as YYYY-MM-DD, not '%s'"), v);
			clock_set_today(d);
			continue;
		}
		if (status)
			return status;
		if ((v = opt_value(argc, argv, &i, "--replay", &status))) {
			replay = v;
			continue;
		}
		if (status)
			return status;
		if ((v = opt_value(argc, argv, &i, "--size", &status))) {
			char end;
			if (sscanf(v, "%dx%d%c", &width, &height, &end) != 2)
				return cli_usage(NULL, _("--size wants WIDTHxHEIGHT, not '%s'"), v);
			continue;
		}
		if (status)
			return status;
		return cli_usage(NULL, _("unknown option '%s'"), a);
	}
	if (i >= argc) {
		int st = 0;
		store *s = cli_store(&ctx, &st);
		if (!s)
			return st;
		uo.theme = ctx.theme;
		uo.read_only = store_readonly(s);
		int rc;
		if (replay) {
			char err[1024];
			rc = ui_replay(s, &uo, width, height, replay, stdout, err, sizeof err);
			if (rc)
				cli_error(EXIT_USAGE, "%s", err);
		} else {
			rc = ui_run(s, &uo);
		}
		store_close(s);
		return rc;
	}
	const cli_command *cmd = cli_find(argv[i]);
	if (!cmd)
		return cli_usage(NULL, _("unknown command '%s'"), argv[i]);
	if (cli_wants_help(argc - i, argv + i)) {
		cli_print_command_help(cmd, stdout);
		return EXIT_OK;
	}
	int rc = cmd->run(&ctx, argc - i, argv + i);
	if (ctx.st)
		store_close(ctx.st);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(EXIT_INTERNAL, _("could not write the output"));
	return rc;
}
