/* Writes warroom.1 from data/warroom.1.in at build time. The template holds
 * the prose (description, files, environment, exit status, examples); the
 * lists come from the tables the binary itself uses, so the manual cannot
 * drift from --help or from the `?` screen:
 *
 *   @SYNOPSIS@   one synopsis per command form   (cli_commands[])
 *   @OPTIONS@    the global options              (cli_global_help)
 *   @COMMANDS@   every command, its options      (cli_commands[])
 *   @KEYS@       every key, by scope, the signs  (ui_help_walk)
 *   @NAME@       the value of NAME=VALUE given on the command line,
 *                anywhere in a line (@VERSION@, @DATADIR@)
 *
 * Usage: gen_man TEMPLATE OUTPUT NAME=VALUE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/cli.h"
#include "warroom/cli_help.h"
#include "warroom/ui_help.h"
#include "warroom/util.h"

/* Text in roff: backslashes, dashes (options must stay ASCII hyphens) and
 * quotes escaped; a control character at the start of a line neutralised. */
static void roff_text(strbuf *sb, const char *s)
{
	if (*s == '.' || *s == '\'')
		sb_adds(sb, "\\&");
	for (; *s; s++) {
		switch (*s) {
		case '\\': sb_adds(sb, "\\e"); break;
		case '-': sb_adds(sb, "\\-"); break;
		case '\'': sb_adds(sb, "\\(aq"); break;
		case '`': sb_adds(sb, "\\(ga"); break;
		case '\n': sb_addc(sb, ' '); break;
		default: sb_addc(sb, *s);
		}
	}
}

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
	       c == '_';
}

/* Command syntax: options and literal words in bold, PLACEHOLDERS in
 * italics, brackets and bars in roman. */
static void roff_syntax(strbuf *sb, const char *s)
{
	if (*s == '.' || *s == '\'')
		sb_adds(sb, "\\&");
	while (*s) {
		if (!word_char(*s) || (*s == '-' && !word_char(s[1]) && s[1] != '-')) {
			char one[2] = {*s, 0};
			roff_text(sb, one);
			s++;
			continue;
		}
		size_t n = 0;
		while (word_char(s[n]))
			n++;
		char *w = xstrndup(s, n);
		bool upper = w[0] >= 'A' && w[0] <= 'Z';
		for (size_t i = 1; upper && i < n; i++)
			upper = (w[i] >= 'A' && w[i] <= 'Z') || (w[i] >= '0' && w[i] <= '9') || w[i] == '-' ||
				w[i] == '_';
		bool lower = w[0] == '-' || (w[0] >= 'a' && w[0] <= 'z');
		sb_adds(sb, upper ? "\\fI" : lower ? "\\fB" : "");
		roff_text(sb, w);
		sb_adds(sb, upper || lower ? "\\fR" : "");
		free(w);
		s += n;
	}
}

static void write_items(strbuf *sb, const char *block)
{
	help_items h;
	help_parse(block, &h);
	bool in = false;
	for (size_t i = 0; i < h.n; i++) {
		const help_item *it = &h.v[i];
		/* The options of a sub-command, indented under it. */
		if (it->nested != in)
			sb_adds(sb, it->nested ? ".RS\n" : ".RE\n");
		in = it->nested;
		if (it->prose) {
			sb_adds(sb, ".PP\n");
			roff_text(sb, it->term);
			sb_adds(sb, "\n");
			continue;
		}
		sb_adds(sb, ".TP\n");
		roff_syntax(sb, it->term);
		sb_adds(sb, "\n");
		if (*it->desc)
			roff_text(sb, it->desc);
		else
			sb_adds(sb, "\\&");
		sb_adds(sb, "\n");
	}
	if (in)
		sb_adds(sb, ".RE\n");
	help_items_free(&h);
}

/* "metric record ... | import FILE.csv": one line per form, each starting
 * with the command's name. */
static void write_synopsis(strbuf *sb)
{
	sb_adds(sb, ".SY warroom\n");
	roff_syntax(sb, cli_global_synopsis);
	sb_adds(sb, "\n.YS\n");
	for (size_t i = 0; i < cli_n_commands; i++) {
		const cli_command *c = &cli_commands[i];
		const char *p = c->synopsis;
		while (*p) {
			const char *bar = strstr(p, " | ");
			size_t len = bar ? (size_t)(bar - p) : strlen(p);
			char *form = xstrndup(p, len);
			size_t nl = strlen(c->name);
			bool named = strncmp(form, c->name, nl) == 0 && (form[nl] == ' ' || !form[nl]);
			char *full = named ? xstrdup(form) : xasprintf("%s %s", c->name, form);
			sb_adds(sb, ".SY warroom\n");
			roff_syntax(sb, "[--db PATH] ");
			roff_syntax(sb, full);
			sb_adds(sb, "\n.YS\n");
			free(full);
			free(form);
			p += len + (bar ? 3 : 0);
		}
	}
}

static void write_commands(strbuf *sb)
{
	for (size_t i = 0; i < cli_n_commands; i++) {
		const cli_command *c = &cli_commands[i];
		sb_printf(sb, ".SS %s\n", c->name);
		sb_adds(sb, ".B warroom\n");
		roff_syntax(sb, c->synopsis);
		sb_adds(sb, "\n.PP\n");
		roff_text(sb, c->summary);
		sb_adds(sb, "\n");
		write_items(sb, c->help);
	}
}

static void key_line(void *ctx, enum ui_help_kind kind, const char *keys, const char *text)
{
	strbuf *sb = ctx;
	switch (kind) {
	case UI_HELP_HEADING:
		sb_adds(sb, ".SS ");
		roff_text(sb, text);
		sb_adds(sb, "\n");
		break;
	case UI_HELP_KEY:
		sb_adds(sb, ".TP\n\\fB");
		roff_text(sb, keys);
		sb_adds(sb, "\\fR\n");
		roff_text(sb, text);
		sb_adds(sb, "\n");
		break;
	case UI_HELP_TEXT:
		sb_adds(sb, ".PP\n");
		roff_text(sb, text);
		sb_adds(sb, "\n");
		break;
	case UI_HELP_BLANK:
		break;
	}
}

/* Replaces each @NAME@ of `line` by VALUE from the NAME=VALUE arguments. */
static void substitute(strbuf *sb, const char *line, int n, char **defs)
{
	for (const char *p = line; *p;) {
		bool done = false;
		for (int i = 0; i < n && *p == '@' && !done; i++) {
			const char *eq = strchr(defs[i], '=');
			size_t nl = eq ? (size_t)(eq - defs[i]) : 0;
			if (nl && strncmp(p + 1, defs[i], nl) == 0 && p[nl + 1] == '@') {
				roff_text(sb, eq + 1);
				p += nl + 2;
				done = true;
			}
		}
		if (!done)
			sb_addc(sb, *p++);
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: gen_man TEMPLATE OUTPUT NAME=VALUE...\n");
		return 2;
	}
	size_t len;
	char *tpl = read_file_all(argv[1], 1 << 20, &len);
	if (!tpl) {
		perror(argv[1]);
		return 1;
	}
	strbuf out = STRBUF_INIT;
	for (char *line = tpl, *next; line && *line; line = next) {
		char *eol = strchr(line, '\n');
		next = eol ? eol + 1 : NULL;
		if (eol)
			*eol = '\0';
		if (strcmp(line, "@SYNOPSIS@") == 0) {
			write_synopsis(&out);
		} else if (strcmp(line, "@OPTIONS@") == 0) {
			write_items(&out, cli_global_help);
		} else if (strcmp(line, "@COMMANDS@") == 0) {
			write_commands(&out);
		} else if (strcmp(line, "@KEYS@") == 0) {
			ui_help_walk(NULL, key_line, &out);
		} else {
			substitute(&out, line, argc - 3, argv + 3);
			sb_addc(&out, '\n');
		}
	}
	free(tpl);
	FILE *f = fopen(argv[2], "w");
	if (!f || fwrite(out.buf, 1, out.len, f) != out.len || fclose(f) != 0) {
		perror(argv[2]);
		return 1;
	}
	sb_free(&out);
	return 0;
}
