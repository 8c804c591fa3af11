/* The global help and the help-block parser shared by --help, the manual
 * page and shell completion (see warroom/cli_help.h for the format). */
#include "warroom/cli_help.h"

#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/util.h"

const char cli_global_synopsis[] = "[OPTIONS] [COMMAND [ARGS]]";

const char *const cli_global_summary =
	N_("A terminal war room for marketing campaigns: tasks, live metrics, customer\n"
	   "feedback and the post-campaign review, in one SQLite file.\n"
	   "With no COMMAND, opens the terminal UI.\n");

const char *const cli_global_help =
	N_("  --db PATH         database file (default: $WARROOM_DB, else database: in the\n"
	   "                    config file, else $XDG_DATA_HOME/warroom/warroom.db)\n"
	   "  --read-only       open the database for reading only (wall display)\n"
	   "  --theme NAME      colour theme for the UI (default, light, high-contrast, mono,\n"
	   "                    or a theme file)\n"
	   "  --campaign ID     campaign the UI opens on\n"
	   "  --today DATE      use DATE (YYYY-MM-DD) as today (reproducible output)\n"
	   "  --replay KEYS     run the UI without a terminal on the key script KEYS\n"
	   "                    (\"jj<PgDn><Tab>\") and print each key's CPU time, wall\n"
	   "                    time and bytes sent (benchmarks, profiling)\n"
	   "  --size WxH        the screen size for --replay (default 200x60)\n"
	   "  -h, --help        show this help\n"
	   "  --version         show the version\n");

/* A line indented this far continues the description above it; less,
 * and it is an item of its own (nested under the one above when indented
 * more than two spaces). */
#define CONTINUED 8

static bool str_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static size_t leading_spaces(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

static char *trimmed(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return xstrndup(s, len);
}

/* Where the description of a "  TERM  description" line starts, or 0. */
static size_t desc_column(const char *line, size_t len)
{
	size_t i = leading_spaces(line, len);
	for (; i + 1 < len; i++)
		if (line[i] == ' ' && line[i + 1] == ' ') {
			while (i < len && line[i] == ' ')
				i++;
			return i < len ? i : 0;
		}
	return 0;
}

/* "A final review refuses changes except ...", "The clock is ...": prose,
 * not an item (a PLACEHOLDER is all capitals). */
static bool is_sentence(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && (s[1] == ' ' || (s[1] >= 'a' && s[1] <= 'z'));
}

void help_parse(const char *block, help_items *out)
{
	memset(out, 0, sizeof *out);
	const char *text = block ? block : "";
	/* The columns descriptions start at: a term too long for its column
	 * is followed by a single space ("-o, --output FILE write to FILE"). */
	size_t cols[8], ncols = 0;
	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		size_t ind = leading_spaces(p, len);
		size_t c = ind < CONTINUED ? desc_column(p, len) : 0;
		bool known = false;
		for (size_t i = 0; i < ncols; i++)
			known = known || cols[i] == c;
		if (c && !known && ncols < ARRAY_LEN(cols))
			cols[ncols++] = c;
		p += len + (eol ? 1 : 0);
	}
	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		size_t ind = leading_spaces(p, len);
		if (ind < len && ind >= CONTINUED && out->n > 0) {
			/* A continuation of the previous item's description. */
			help_item *last = &out->v[out->n - 1];
			char *more = trimmed(p + ind, len - ind);
			char *joined = *last->desc ? xasprintf("%s %s", last->desc, more) : xstrdup(more);
			free(last->desc);
			free(more);
			last->desc = joined;
		} else if (ind < len && out->n > 0 && out->v[out->n - 1].prose &&
			   !str_ends(out->v[out->n - 1].term, ".") && !desc_column(p, len)) {
			/* The next line of a sentence. */
			help_item *last = &out->v[out->n - 1];
			char *more = trimmed(p + ind, len - ind);
			char *joined = xasprintf("%s %s", last->term, more);
			free(last->term);
			free(more);
			last->term = joined;
		} else if (ind < len) {
			size_t c = desc_column(p, len);
			for (size_t i = 0; !c && i < ncols; i++)
				if (cols[i] + 1 < len && p[cols[i] - 1] == ' ' && p[cols[i] - 2] != ' ' &&
				    p[cols[i]] >= 'a' && p[cols[i]] <= 'z')
					c = cols[i];
			out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
			help_item *it = &out->v[out->n++];
			it->nested = ind > 2 && out->n > 1;
			if (c) {
				it->term = trimmed(p + ind, c - ind);
				it->desc = trimmed(p + c, len - c);
				it->prose = false;
			} else {
				it->term = trimmed(p + ind, len - ind);
				it->desc = xstrdup("");
				it->prose = is_sentence(it->term);
			}
		}
		p += len + (eol ? 1 : 0);
	}
}

void help_items_free(help_items *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].term);
		free(h->v[i].desc);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

void cli_print_help(FILE *f)
{
	fprintf(f, _("Usage: warroom %s\n\n%s\nOptions:\n%s\nCommands:\n"), cli_global_synopsis,
		_(cli_global_summary), _(cli_global_help));
	for (size_t i = 0; i < cli_n_commands; i++)
		fprintf(f, "  %-14s %s\n", cli_commands[i].name, _(cli_commands[i].summary));
	fprintf(f, "\n%s", _("Run 'warroom COMMAND --help' for a command's options.\n"
			     "Exit status: 0 ok, 1 bad input, 2 usage, 3 database busy or unavailable,\n"
			     "4 internal error.\n"));
}
