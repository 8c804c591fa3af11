/* Table / TSV / JSON rendering shared by every listing command. */
#include "warroom/output.h"

#include <stdlib.h>
#include <string.h>

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

void json_escape(strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': sb_adds(sb, "\\\""); break;
		case '\\': sb_adds(sb, "\\\\"); break;
		case '\n': sb_adds(sb, "\\n"); break;
		case '\r': sb_adds(sb, "\\r"); break;
		case '\t': sb_adds(sb, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				sb_printf(sb, "\\u%04x", *p);
			else
				sb_addc(sb, (char)*p);
		}
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
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\t')
			fputs("\\t", f);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\r')
			fputs("\\r", f);
		else if (*p == '\\')
			fputs("\\\\", f);
		else
			fputc(*p, f);
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
			const char *src = r == 0 ? t->names[c] : t->rows[r - 1][c];
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
