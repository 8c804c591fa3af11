/* Help text as data. The global options and every command's options are
 * written in one format, a "help block" of lines
 *
 *   "  TERM              description\n"
 *   "                    continued description\n"
 *   "    --option X      an option of TERM\n"
 *
 * where TERM ends at the first run of two spaces. --help prints the blocks
 * as they are; the manual page (data/gen_man.c) and shell completion
 * (complete.c) parse them, so the three cannot say different things. */
#ifndef WARROOM_CLI_HELP_H
#define WARROOM_CLI_HELP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "warroom/cli.h"

/* "[OPTIONS] [COMMAND [ARGS]]", what warroom is, and the global options. */
extern const char cli_global_synopsis[];
extern const char *const cli_global_summary; /* untranslated (N_) */
extern const char *const cli_global_help;    /* untranslated (N_) */

typedef struct help_item {
	char *term;  /* "--format F", "set note METRIC (--text T | --file F)" */
	char *desc;  /* continuation lines joined with one space; "" when none */
	bool prose;  /* a sentence standing on its own line, not an item */
	bool nested; /* an option of the item above ("    --channel C ...") */
} help_item;

typedef struct help_items {
	help_item *v;
	size_t n, cap;
} help_items;

/* Splits a help block into items (untranslated text: the parse does not
 * depend on the language of the output). */
void help_parse(const char *block, help_items *out);
void help_items_free(help_items *h);

/* `warroom --help`. */
void cli_print_help(FILE *f);

/* Shell completion: argv is "__complete INDEX WORD0 WORD1 ...", the words
 * of the command line being typed and the index of the one under the
 * cursor. Prints one candidate a line as "WORD\tDESCRIPTION", preceded by
 * a line ":files" when file names fit there too. Candidates are filtered
 * by the word's prefix. Never writes to the database and never creates
 * it. Returns an exit status. */
int cli_complete(int argc, char **argv, FILE *out);

#endif
