/* Private to the feedback command (cmd_feedback.c, cmd_feedback_import.c). */
#ifndef WARROOM_CLI_FEEDBACK_H
#define WARROOM_CLI_FEEDBACK_H

#include <stdbool.h>

#include "warroom/cli.h"
#include "warroom/date.h"

/* Dates as exports write them: 2024-06-01, 2024/6/1, 2024.06.01,
 * 2024年6月1日, each optionally followed by H:MM or H:MM:SS. */
bool feedback_parse_when(const char *s, wr_date *day, int *secs);
/* "5" or "1-5", "10" or "0-10". */
bool feedback_parse_scale(const char *s, int *scale);
/* warroom feedback import FILE.csv [options] (argv[0] is "import"). */
int feedback_import(cli_ctx *ctx, int argc, char **argv);

#endif
