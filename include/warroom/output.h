/* Tabular output for listing commands: one row model, three renderings.
 * table: aligned by display width, text sanitised for the terminal;
 * tsv: tab-separated, tabs/newlines in cells escaped as \t \n, formula-like
 *      cells prefixed with ' (CWE-1236);
 * json: an array of objects, strings properly escaped. */
#ifndef WARROOM_OUTPUT_H
#define WARROOM_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "warroom/util.h"

enum out_format { OUT_TABLE = 0, OUT_TSV, OUT_JSON };
/* "table" | "tsv" | "json" -> format; -1 when unknown. */
int out_format_from(const char *s);

enum col_kind { COL_TEXT = 0, COL_NUM, COL_INT, COL_BOOL };

typedef struct out_table {
	size_t ncols;
	char **names;        /* JSON keys and TSV headers; table headers are
	                      * their translations in the "column" context */
	enum col_kind *kinds;
	bool *right;         /* right-align in tables */
	char ***rows;        /* rows[r][c]; NULL cell = null */
	size_t nrows, cap;
} out_table;

void out_init(out_table *t, size_t ncols, const char *const *names, const enum col_kind *kinds);
/* Adds a row; `cells` has ncols strings (copied; NULL allowed). */
void out_row(out_table *t, const char *const *cells);
void out_print(const out_table *t, enum out_format fmt, FILE *f);
void out_free(out_table *t);

/* JSON string literal of s (UTF-8 kept, control characters escaped). */
void json_escape(strbuf *sb, const char *s);
/* CSV/TSV-safe: prefixes ' to a cell that a spreadsheet would execute. */
bool cell_is_formula_like(const char *s);

#endif
