/* Table / TSV / JSON rendering shared by every listing command. */
#include "warroom/output.h"

#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/text.h"

int out_format_from(const char *s)
{
	if (str_eq(s, "table"))
		return OUT_TABLE;
	if (str_eq(s, "tsv"))
		return OUT_TSV;
	if (str_eq(s, "json"))
		return OUT_JSON;
	return -1;
}

void out_init(out_table *t, size_t ncols, const char *const *names, const enum col_kind *kinds)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->names = xcalloc(ncols, sizeof(char *));
	t->kinds = xcalloc(ncols, sizeof(enum col_kind));
	t->right = xcalloc(ncols, sizeof(bool));
	for (size_t i = 0; i < ncols; i++) {
		t->names[i] = xstrdup(names[i]);
		t->kinds[i] = kinds ? kinds[i] : COL_TEXT;
		t->right[i] = t->kinds[i] == COL_NUM || t->kinds[i] == COL_INT;
	}
}

void out_row(out_table *t, const char *const *cells)
{
	t->rows = xgrow(t->rows, &t->cap, t->nrows + 1, sizeof(char **));
	char **r = xcalloc(t->ncols, sizeof(char *));
	for (size_t i = 0; i < t->ncols; i++)
		r[i] = cells[i] ? xstrdup(cells[i]) : NULL;
	t->rows[t->nrows++] = r;
}

void out_free(out_table *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			free(t->rows[r][c]);
		free(t->rows[r]);
	}
	free(t->rows);
	for (size_t c = 0; c < t->ncols; c++)
		free(t->names[c]);
	free(t->names);
	free(t->kinds);
	free(t->right);
	memset(t, 0, sizeof *t);
}

/* A code point as a JSON escape (a surrogate pair above the BMP). */
static void json_escape_cp(strbuf *sb, int32_t cp)
{
	if (cp > 0xFFFF) {
		cp -= 0x10000;
		sb_printf(sb, "\\u%04x\\u%04x", (unsigned)(0xD800 + (cp >> 10)),
			  (unsigned)(0xDC00 + (cp & 0x3FF)));
	} else {
		sb_printf(sb, "\\u%04x", (unsigned)cp);
	}
}

void json_escape(strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		switch (cp) {
		case '"': sb_adds(sb, "\\\""); break;
		case '\\': sb_adds(sb, "\\\\"); break;
		case '\n': sb_adds(sb, "\\n"); break;
		case '\r': sb_adds(sb, "\\r"); break;
		case '\t': sb_adds(sb, "\\t"); break;
		default:
			/* Invalid UTF-8 cannot be carried by JSON; C1, bidi and
			 * invisible characters are escaped so that the output is
			 * safe to show on a terminal too. */
			if (cp < 0)
				sb_adds(sb, "\\ufffd");
			else if (cp_is_hostile(cp))
				json_escape_cp(sb, cp);
			else
				sb_add(sb, s + i, (size_t)n);
		}
		i += (size_t)n;
	}
	sb_addc(sb, '"');
}

bool cell_is_formula_like(const char *s)
{
	return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r');
}

static void print_tsv_cell(const char *s, enum col_kind kind, FILE *f)
{
	if (!s)
		return;
	/* Numbers may legitimately start with '-'; only text is defused. */
	if (kind == COL_TEXT && cell_is_formula_like(s))
		fputc('\'', f);
	/* Escapes keep one record per line and nothing a terminal would act on
	 * (ESC, C1, bidi controls, invalid bytes). */
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (cp < 0)
			fprintf(f, "\\x%02x", (unsigned char)s[i]);
		else if (cp == '\t')
			fputs("\\t", f);
		else if (cp == '\n')
			fputs("\\n", f);
		else if (cp == '\r')
			fputs("\\r", f);
		else if (cp == '\\')
			fputs("\\\\", f);
		else if (cp == 0x1B)
			fputs("\\e", f);
		else if (cp < 0x20 || cp == 0x7F)
			fprintf(f, "\\x%02x", (unsigned)cp);
		else if (cp_is_hostile(cp))
			fprintf(f, cp > 0xFFFF ? "\\U%08x" : "\\u%04x", (unsigned)cp);
		else
			fwrite(s + i, 1, (size_t)n, f);
		i += (size_t)n;
	}
}

static bool json_number_ok(const char *s)
{
	if (!s || !*s)
		return false;
	char *end;
	strtod(s, &end);
	return *end == '\0' && strcmp(s, "nan") != 0 && strcmp(s, "inf") != 0;
}

void out_print(const out_table *t, enum out_format fmt, FILE *f)
{
	if (fmt == OUT_JSON) {
		strbuf sb = STRBUF_INIT;
		sb_adds(&sb, "[");
		for (size_t r = 0; r < t->nrows; r++) {
			sb_adds(&sb, r ? ",\n  {" : "\n  {");
			for (size_t c = 0; c < t->ncols; c++) {
				if (c)
					sb_adds(&sb, ", ");
				json_escape(&sb, t->names[c]);
				sb_adds(&sb, ": ");
				const char *v = t->rows[r][c];
				if (!v)
					sb_adds(&sb, "null");
				else if (t->kinds[c] == COL_BOOL)
					sb_adds(&sb, (str_eq(v, "1") || str_eq(v, "true")) ? "true" : "false");
				else if ((t->kinds[c] == COL_NUM || t->kinds[c] == COL_INT) && json_number_ok(v))
					sb_adds(&sb, v);
				else if (t->kinds[c] == COL_NUM || t->kinds[c] == COL_INT)
					sb_adds(&sb, "null");
				else
					json_escape(&sb, v);
			}
			sb_adds(&sb, "}");
		}
		sb_adds(&sb, t->nrows ? "\n]\n" : "]\n");
		fputs(sb_str(&sb), f);
		sb_free(&sb);
		return;
	}
	if (fmt == OUT_TSV) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				fputc('\t', f);
			print_tsv_cell(t->names[c], COL_TEXT, f);
		}
		fputc('\n', f);
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				if (c)
					fputc('\t', f);
				print_tsv_cell(t->rows[r][c], t->kinds[c], f);
			}
			fputc('\n', f);
		}
		return;
	}
	/* table: sanitise, measure by display width, cap very wide columns */
	size_t nc = t->ncols;
	int *w = xcalloc(nc, sizeof(int));
	char ***clean = xcalloc(t->nrows + 1, sizeof(char **));
	for (size_t r = 0; r <= t->nrows; r++) {
		clean[r] = xcalloc(nc, sizeof(char *));
		for (size_t c = 0; c < nc; c++) {
			/* Only the table's headers are translated: TSV and JSON
			 * are read by scripts and keep their English names. */
			const char *src = r == 0 ? i18n_context("column", t->names[c]) : t->rows[r - 1][c];
			char *s = text_sanitize(src ? src : "");
			int sw = text_width(s);
			if (sw > 48) {
				char *cut = text_truncate(s, 48, &sw);
				free(s);
				s = cut;
			}
			clean[r][c] = s;
			if (sw > w[c])
				w[c] = sw;
		}
	}
	for (size_t r = 0; r <= t->nrows; r++) {
		strbuf line = STRBUF_INIT;
		for (size_t c = 0; c < nc; c++) {
			const char *s = clean[r][c];
			int pad = w[c] - text_width(s);
			bool last = c + 1 == nc;
			if (t->right[c] && r > 0)
				for (int i = 0; i < pad; i++)
					sb_addc(&line, ' ');
			sb_adds(&line, s);
			if (!(t->right[c] && r > 0) && !last)
				for (int i = 0; i < pad; i++)
					sb_addc(&line, ' ');
			if (!last)
				sb_adds(&line, "  ");
		}
		/* trailing spaces help no one */
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		fprintf(f, "%s\n", sb_str(&line));
		sb_free(&line);
	}
	for (size_t r = 0; r <= t->nrows; r++) {
		for (size_t c = 0; c < nc; c++)
			free(clean[r][c]);
		free(clean[r]);
	}
	free(clean);
	free(w);
}
