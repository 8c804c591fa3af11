/* warroom: argument parsing and dispatch to a command or the terminal UI. */
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/cli.h"
#include "warroom/date.h"
#include "warroom/ui.h"

static void print_help(FILE *f)
{
	fprintf(f,
		"Usage: warroom [OPTIONS] [COMMAND [ARGS]]\n"
		"\n"
		"A terminal war room for marketing campaigns: tasks, live metrics, customer\n"
		"feedback and the post-campaign review, in one SQLite file.\n"
		"With no COMMAND, opens the terminal UI.\n"
		"\n"
		"Options:\n"
		"  --db PATH        database file (default $WARROOM_DB, else\n"
		"                   $XDG_DATA_HOME/warroom/warroom.db)\n"
		"  --read-only      open the database for reading only (wall display)\n"
		"  --theme NAME     colour theme for the UI (default, light, high-contrast, mono)\n"
		"  --campaign ID    campaign the UI opens on\n"
		"  --today DATE     use DATE as today (reproducible output)\n"
		"  -h, --help       show this help\n"
		"  --version        show the version\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < cli_n_commands; i++)
		fprintf(f, "  %-14s %s\n", cli_commands[i].name, cli_commands[i].summary);
	fprintf(f,
		"\n"
		"Run 'warroom COMMAND --help' for a command's options.\n"
		"Exit status: 0 ok, 1 bad input, 2 usage, 3 database busy or unavailable.\n");
}

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
		*status = cli_usage(NULL, "%s needs a value", name);
		return NULL;
	}
	return argv[++*i];
}

static void ensure_utf8_locale(void)
{
	setlocale(LC_ALL, "");
	const char *cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0) {
		/* Campaign text is UTF-8 whatever the login locale says. */
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "en_US.UTF-8");
	}
}

int main(int argc, char **argv)
{
	ensure_utf8_locale();
	cli_ctx ctx = {0};
	ui_options uo = {0};
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
			print_help(stdout);
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
				return cli_usage(NULL, "--today wants a date as YYYY-MM-DD, not '%s'", v);
			clock_set_today(d);
			continue;
		}
		if (status)
			return status;
		return cli_usage(NULL, "unknown option '%s'", a);
	}
	if (i >= argc) {
		int st = 0;
		store *s = cli_store(&ctx, &st);
		if (!s)
			return st;
		uo.theme = ctx.theme;
		uo.read_only = store_readonly(s);
		int rc = ui_run(s, &uo);
		store_close(s);
		return rc;
	}
	const cli_command *cmd = cli_find(argv[i]);
	if (!cmd)
		return cli_usage(NULL, "unknown command '%s'", argv[i]);
	if (cli_wants_help(argc - i, argv + i)) {
		cli_print_command_help(cmd, stdout);
		return EXIT_OK;
	}
	int rc = cmd->run(&ctx, argc - i, argv + i);
	if (ctx.st)
		store_close(ctx.st);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(EXIT_INTERNAL, "could not write the output");
	return rc;
}
