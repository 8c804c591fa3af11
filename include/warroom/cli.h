/* The command-line surface: one function per command, sharing the option
 * conventions and exit statuses:
 *   0 ok, 1 bad input, 2 usage, 3 database busy or unavailable, 4 internal. */
#ifndef WARROOM_CLI_H
#define WARROOM_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "warroom/output.h"
#include "warroom/store.h"

enum exit_status { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_DB = 3, EXIT_INTERNAL = 4 };

typedef struct cli_ctx {
	const char *db_path;  /* NULL: default */
	bool read_only;
	const char *theme;    /* --theme */
	store *st;            /* opened on demand by cli_store() */
} cli_ctx;

typedef struct cli_command {
	const char *name;
	int (*run)(cli_ctx *ctx, int argc, char **argv); /* argv[0] is the command */
	const char *synopsis; /* one line, after "warroom " */
	const char *summary;  /* what it does, for --help */
	const char *help;     /* options, one per line, for COMMAND --help */
} cli_command;

extern const cli_command cli_commands[];
extern const size_t cli_n_commands;
const cli_command *cli_find(const char *name);

/* Opens the database (once); prints a one-line error and returns NULL on
 * failure, with *status set to the exit status to use. */
store *cli_store(cli_ctx *ctx, int *status);
/* Maps a store result to an exit status, printing store_error when not ok. */
int cli_store_fail(cli_ctx *ctx, enum store_rc rc);
/* "warroom: MESSAGE" on stderr (sanitised), returns `status`. */
int cli_error(int status, const char *fmt, ...) WR_PRINTF(2, 3);
/* Usage error for a command: message plus "see warroom CMD --help". */
int cli_usage(const char *cmd, const char *fmt, ...) WR_PRINTF(2, 3);
/* Prints the help of one command to stdout. */
void cli_print_command_help(const cli_command *c, FILE *f);
/* True when argv has --help or -h. */
bool cli_wants_help(int argc, char **argv);
/* Parses "--format X" from a value; returns -1 after printing a usage error. */
int cli_parse_format(const char *cmd, const char *value);
/* Looks up a campaign by key; prints "no campaign KEY" and returns the exit
 * status on failure (0 on success). */
int cli_campaign(cli_ctx *ctx, const char *key, campaign_row *out);

/* Writes `data` to `path` (through a temporary file renamed into place, so
 * a reader never sees half a file), or to standard output when path is
 * NULL or "-". Returns an exit status, printing the error. */
int cli_write_output(const char *path, const char *data, size_t len);

/* Commands (one file each under src/cli/). */
int cmd_import(cli_ctx *ctx, int argc, char **argv);
int cmd_check(cli_ctx *ctx, int argc, char **argv);
int cmd_export(cli_ctx *ctx, int argc, char **argv);
int cmd_list(cli_ctx *ctx, int argc, char **argv);
int cmd_log(cli_ctx *ctx, int argc, char **argv);
int cmd_tasks(cli_ctx *ctx, int argc, char **argv);
int cmd_task(cli_ctx *ctx, int argc, char **argv);
int cmd_metric(cli_ctx *ctx, int argc, char **argv);
int cmd_feedback(cli_ctx *ctx, int argc, char **argv);
int cmd_metrics(cli_ctx *ctx, int argc, char **argv);
int cmd_risks(cli_ctx *ctx, int argc, char **argv);
int cmd_risk(cli_ctx *ctx, int argc, char **argv);
int cmd_snapshot(cli_ctx *ctx, int argc, char **argv);
int cmd_standup(cli_ctx *ctx, int argc, char **argv);
int cmd_review(cli_ctx *ctx, int argc, char **argv);
int cmd_lessons(cli_ctx *ctx, int argc, char **argv);
int cmd_report(cli_ctx *ctx, int argc, char **argv);

#endif
