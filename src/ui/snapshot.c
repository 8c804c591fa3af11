/* Screen snapshots: cells read back from the drawn screen turned into
 * text, ANSI or HTML (see warroom/snapshot.h). Nothing here draws or reads
 * the database: the cells come from the UI's own drawing code. */
#include "warroom/snapshot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/text.h"
#include "warroom/theme.h"
#include "warroom/util.h"

#define SNAP_ATTR_MASK (THEME_BOLD | THEME_DIM | THEME_REVERSE | THEME_UNDERLINE | THEME_ITALIC)

/* ---- the grid --------------------------------------------------------------- */

void snap_grid_init(snap_grid *g, int rows, int cols)
{
	g->rows = rows > 0 ? rows : 0;
	g->cols = cols > 0 ? cols : 0;
	g->cells = xcalloc((size_t)g->rows * (size_t)g->cols + 1, sizeof *g->cells);
	for (size_t i = 0; i < (size_t)g->rows * (size_t)g->cols; i++) {
		snap_cell *c = &g->cells[i];
		c->text[0] = ' ';
		c->width = 1;
		c->fg = c->bg = -1;
	}
}

void snap_grid_free(snap_grid *g)
{
	free(g->cells);
	memset(g, 0, sizeof *g);
}

void snap_grid_put(void *grid, const ui_cell *c)
{
	snap_grid *g = grid;
	if (c->y < 0 || c->y >= g->rows || c->x < 0 || c->x >= g->cols)
		return;
	snap_cell *s = &g->cells[(size_t)c->y * (size_t)g->cols + (size_t)c->x];
	str_copy(s->text, sizeof s->text, c->text[0] ? c->text : " ");
	s->width = c->width == 2 && c->x + 1 < g->cols ? 2 : 1;
	s->role = (unsigned char)(c->role >= 0 && c->role < ROLE_COUNT ? c->role : ROLE_NORMAL);
	s->attrs = (unsigned char)(c->attrs & SNAP_ATTR_MASK);
	s->fg = c->fg;
	s->bg = c->bg;
	if (s->width == 2) {
		snap_cell *next = s + 1;
		*next = *s;
		next->text[0] = '\0';
		next->width = 0;
	}
}

static const snap_cell *cell_at(const snap_grid *g, int y, int x)
{
	return &g->cells[(size_t)y * (size_t)g->cols + (size_t)x];
}

static bool same_style(const snap_cell *a, const snap_cell *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->attrs == b->attrs;
}

static bool default_style(const snap_cell *c)
{
	return c->fg < 0 && c->bg < 0 && c->attrs == 0;
}

static bool is_blank(const snap_cell *c)
{
	return c->width == 1 && strcmp(c->text, " ") == 0;
}

/* ---- formats ---------------------------------------------------------------- */

static const char *const format_names[SNAP_N_FORMATS] = {"text", "ansi", "html"};
static const char *const format_exts[SNAP_N_FORMATS] = {"txt", "ansi", "html"};

int snap_format_from(const char *s)
{
	if (str_eq(s, "txt"))
		return SNAP_TEXT;
	for (int i = 0; i < SNAP_N_FORMATS; i++)
		if (str_eq(s, format_names[i]))
			return i;
	return -1;
}

const char *snap_format_name(enum snap_format f)
{
	return (unsigned)f < SNAP_N_FORMATS ? format_names[f] : "?";
}

const char *snap_format_ext(enum snap_format f)
{
	return (unsigned)f < SNAP_N_FORMATS ? format_exts[f] : "txt";
}

/* Columns of row y worth writing: up to the last cell that is not a blank
 * (text), or not a blank in the default style (ANSI, HTML: a coloured
 * blank is part of the picture). */
static int row_end(const snap_grid *g, int y, bool keep_styled)
{
	int end = g->cols;
	while (end > 0) {
		const snap_cell *c = cell_at(g, y, end - 1);
		if (c->width == 0) /* the second column of a wide character */
			break;
		if (!is_blank(c) || (keep_styled && !default_style(c)))
			break;
		end--;
	}
	return end;
}

static void text_rows(const snap_grid *g, strbuf *sb)
{
	for (int y = 0; y < g->rows; y++) {
		int end = row_end(g, y, false);
		for (int x = 0; x < end; x++) {
			const snap_cell *c = cell_at(g, y, x);
			if (c->width)
				sb_adds(sb, c->text);
		}
		sb_addc(sb, '\n');
	}
}

/* SGR colour as xterm-256color's setaf/setab write it, so a terminal (and
 * tmux) keeps the same colour number the UI drew with. */
static void sgr_colour(strbuf *sb, short c, bool bg)
{
	if (c < 0)
		return;
	if (c < 8)
		sb_printf(sb, ";%d", (bg ? 40 : 30) + c);
	else if (c < 16)
		sb_printf(sb, ";%d", (bg ? 100 : 90) + c - 8);
	else
		sb_printf(sb, ";%d;5;%d", bg ? 48 : 38, c);
}

static void sgr(strbuf *sb, const snap_cell *c)
{
	sb_adds(sb, "\033[0");
	if (c->attrs & THEME_BOLD)
		sb_adds(sb, ";1");
	if (c->attrs & THEME_DIM)
		sb_adds(sb, ";2");
	if (c->attrs & THEME_ITALIC)
		sb_adds(sb, ";3");
	if (c->attrs & THEME_UNDERLINE)
		sb_adds(sb, ";4");
	if (c->attrs & THEME_REVERSE)
		sb_adds(sb, ";7");
	sgr_colour(sb, c->fg, false);
	sgr_colour(sb, c->bg, true);
	sb_addc(sb, 'm');
}

/* Where a row's trailing blanks can be erased with EL instead of written:
 * blanks of one colour reaching the right edge, with no attribute that
 * shows on a blank (back-colour erase paints only the background). The
 * interactive UI's curses output does the same, so a terminal holds the
 * same cells either way. Returns `end` when there is no such run. */
static int erase_from(const snap_grid *g, int y, int end)
{
	if (end != g->cols || end == 0)
		return end;
	const snap_cell *last = cell_at(g, y, end - 1);
	if (!is_blank(last) || last->bg < 0 || (last->attrs & (THEME_REVERSE | THEME_UNDERLINE)))
		return end;
	int x = end;
	while (x > 0 && is_blank(cell_at(g, y, x - 1)) && same_style(cell_at(g, y, x - 1), last))
		x--;
	return x;
}

static void ansi_rows(const snap_grid *g, strbuf *sb)
{
	static const snap_cell plain = {.fg = -1, .bg = -1};
	for (int y = 0; y < g->rows; y++) {
		int end = row_end(g, y, true), erase = erase_from(g, y, end);
		const snap_cell *cur = &plain;
		for (int x = 0; x < end; x++) {
			if (x == erase) {
				const snap_cell *c = cell_at(g, y, x);
				if (!same_style(c, cur))
					sgr(sb, c);
				cur = c;
				sb_adds(sb, "\033[K");
				break;
			}
			const snap_cell *c = cell_at(g, y, x);
			if (!c->width)
				continue;
			if (!same_style(c, cur)) {
				if (default_style(c))
					sb_adds(sb, "\033[0m");
				else
					sgr(sb, c);
				cur = c;
			}
			sb_adds(sb, c->text);
		}
		if (!default_style(cur))
			sb_adds(sb, "\033[0m");
		sb_addc(sb, '\n');
	}
}

/* ---- HTML ------------------------------------------------------------------- */

/* The xterm palette: 16 system colours, the 6x6x6 cube, 24 greys. */
static void colour_rgb(short c, int rgb[3])
{
	static const int sys[16][3] = {
		{0, 0, 0},       {205, 0, 0},     {0, 205, 0},     {205, 205, 0},
		{0, 0, 238},     {205, 0, 205},   {0, 205, 205},   {229, 229, 229},
		{127, 127, 127}, {255, 0, 0},     {0, 255, 0},     {255, 255, 0},
		{92, 92, 255},   {255, 0, 255},   {0, 255, 255},   {255, 255, 255},
	};
	static const int cube[6] = {0, 95, 135, 175, 215, 255};
	if (c < 0)
		c = 0;
	if (c < 16) {
		memcpy(rgb, sys[c], sizeof sys[c]);
	} else if (c < 232) {
		int i = c - 16;
		rgb[0] = cube[i / 36];
		rgb[1] = cube[i / 6 % 6];
		rgb[2] = cube[i % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
	}
}

static double luminance(short c)
{
	int rgb[3];
	colour_rgb(c, rgb);
	return (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255.0;
}

/* Whether the page behind the screen should be dark: the theme expects
 * one when what it draws on the terminal's own background is light, or
 * when it paints most cells dark itself. A screen without colour (mono)
 * gets paper white. */
static bool page_is_dark(const snap_grid *g)
{
	long dark = 0, light = 0;
	for (size_t i = 0; i < (size_t)g->rows * (size_t)g->cols; i++) {
		const snap_cell *c = &g->cells[i];
		if (!c->width || (c->attrs & THEME_REVERSE))
			continue;
		if (c->bg >= 0) {
			if (luminance(c->bg) < 0.5)
				dark++;
			else
				light++;
		} else if (c->fg >= 0 && !is_blank(c)) {
			if (luminance(c->fg) > 0.5)
				dark++;
			else
				light++;
		}
	}
	return dark > light;
}

typedef struct html_styles {
	snap_cell *v; /* only fg, bg and attrs matter */
	size_t n, cap;
} html_styles;

static size_t style_index(html_styles *s, const snap_cell *c)
{
	for (size_t i = 0; i < s->n; i++)
		if (same_style(&s->v[i], c))
			return i;
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n] = *c;
	return s->n++;
}

static void css_colour(strbuf *sb, const char *prop, short c, const char *fallback)
{
	if (c < 0) {
		sb_printf(sb, "%s:%s;", prop, fallback);
		return;
	}
	int rgb[3];
	colour_rgb(c, rgb);
	sb_printf(sb, "%s:#%02x%02x%02x;", prop, rgb[0], rgb[1], rgb[2]);
}

static void html_escape_text(strbuf *sb, const char *s)
{
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case '&': sb_adds(sb, "&amp;"); break;
		case '<': sb_adds(sb, "&lt;"); break;
		case '>': sb_adds(sb, "&gt;"); break;
		case '"': sb_adds(sb, "&quot;"); break;
		case '\'': sb_adds(sb, "&#39;"); break;
		default: sb_addc(sb, *p);
		}
	}
}

static void html_rows(const snap_grid *g, strbuf *body, html_styles *styles)
{
	for (int y = 0; y < g->rows; y++) {
		int end = row_end(g, y, true);
		bool open = false;
		const snap_cell *cur = NULL;
		for (int x = 0; x < end; x++) {
			const snap_cell *c = cell_at(g, y, x);
			if (!c->width)
				continue;
			if (!cur || !same_style(c, cur)) {
				if (open)
					sb_adds(body, "</span>");
				open = !default_style(c);
				if (open) {
					size_t k = style_index(styles, c);
					sb_printf(body, "<span class=\"s%zu%s\">", k,
						  c->attrs & THEME_REVERSE ? " rv" : "");
				}
				cur = c;
			}
			/* A wide character gets exactly two columns whatever the
			 * font's CJK glyphs measure, so columns stay aligned. */
			if (c->width == 2)
				sb_adds(body, "<span class=\"w\">");
			html_escape_text(body, c->text);
			if (c->width == 2)
				sb_adds(body, "</span>");
		}
		if (open)
			sb_adds(body, "</span>");
		sb_addc(body, '\n');
	}
}

static void html_page(const snap_grid *g, const char *title, strbuf *sb)
{
	bool dark = page_is_dark(g);
	const char *page_fg = dark ? "#d0d0d0" : "#1a1a1a", *page_bg = dark ? "#1c1c1c" : "#ffffff";
	html_styles styles = {0};
	strbuf body = STRBUF_INIT;
	html_rows(g, &body, &styles);
	/* Printed on A4 landscape (277 mm wide): a size that fits every column,
	 * at most 9 pt. A monospace column is about 0.6 em. */
	double pt = g->cols > 0 ? 277.0 * 72.0 / 25.4 / (g->cols * 0.6) : 9.0;
	if (pt > 9.0)
		pt = 9.0;
	char *safe_title = text_sanitize(title ? title : "warroom");
	sb_adds(sb, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
	html_escape_text(sb, safe_title);
	sb_adds(sb, "</title>\n<style>\n");
	sb_printf(sb,
		  "body { margin: 1em; background: %s; color: %s; }\n"
		  "p.caption { font: 0.9em sans-serif; margin: 0 0 0.5em; opacity: 0.8; }\n"
		  "pre.screen { font-family: \"DejaVu Sans Mono\", \"Noto Sans Mono CJK SC\","
		  " \"Sarasa Mono SC\", Menlo, Consolas, monospace; font-size: 13px;"
		  " line-height: 1.15; margin: 0; padding: 0.5em; background: %s; color: %s;"
		  " width: max-content; }\n"
		  "pre.screen .w { display: inline-block; width: 2ch; overflow: hidden;"
		  " vertical-align: bottom; }\n",
		  page_bg, page_fg, page_bg, page_fg);
	for (size_t i = 0; i < styles.n; i++) {
		const snap_cell *s = &styles.v[i];
		short fg = s->fg, bg = s->bg;
		const char *dfg = page_fg, *dbg = "transparent";
		if (s->attrs & THEME_REVERSE) {
			short t = fg;
			fg = bg;
			bg = t;
			dfg = page_bg;
			dbg = page_fg;
		}
		sb_printf(sb, ".s%zu { ", i);
		if (fg >= 0 || (s->attrs & THEME_REVERSE))
			css_colour(sb, "color", fg, dfg);
		if (bg >= 0 || (s->attrs & THEME_REVERSE))
			css_colour(sb, "background", bg, dbg);
		if (s->attrs & THEME_BOLD)
			sb_adds(sb, "font-weight:bold;");
		if (s->attrs & THEME_DIM)
			sb_adds(sb, "opacity:0.65;");
		if (s->attrs & THEME_ITALIC)
			sb_adds(sb, "font-style:italic;");
		if (s->attrs & THEME_UNDERLINE)
			sb_adds(sb, "text-decoration:underline;");
		sb_adds(sb, " }\n");
	}
	sb_printf(sb,
		  "@page { size: A4 landscape; margin: 10mm; }\n"
		  "@media print {\n"
		  "  body { margin: 0; background: #fff; color: #000; }\n"
		  "  pre.screen { font-size: %.1fpt; background: #fff; color: #000; padding: 0; }\n"
		  "  pre.screen span { color: #000 !important; background: transparent !important; }\n"
		  "  pre.screen span.rv { color: #fff !important; background: #000 !important;"
		  " -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
		  "}\n",
		  pt);
	sb_adds(sb, "</style>\n</head>\n<body>\n<p class=\"caption\">");
	html_escape_text(sb, safe_title);
	sb_adds(sb, "</p>\n<pre class=\"screen\">");
	sb_add(sb, body.buf ? body.buf : "", body.len);
	sb_adds(sb, "</pre>\n</body>\n</html>\n");
	free(safe_title);
	sb_free(&body);
	free(styles.v);
}

char *snap_render(const snap_grid *g, enum snap_format f, const char *title, size_t *len)
{
	strbuf sb = STRBUF_INIT;
	switch (f) {
	case SNAP_ANSI: ansi_rows(g, &sb); break;
	case SNAP_HTML: html_page(g, title, &sb); break;
	default: text_rows(g, &sb); break;
	}
	*len = sb.len;
	return sb_detach(&sb);
}

char *snap_name_part(const char *s)
{
	strbuf sb = STRBUF_INIT;
	size_t n = s ? strlen(s) : 0, i = 0;
	while (i < n && sb.len < 80) {
		int32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		bool keep = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
			    (cp >= '0' && cp <= '9') || cp == '-' || cp == '_' || (cp == '.' && sb.len) ||
			    (cp > 0x7f && cp_width(cp) > 0 && !cp_is_hostile(cp));
		if (keep)
			sb_add(&sb, s + i, (size_t)k);
		else
			sb_addc(&sb, '_');
		i += (size_t)k;
	}
	if (!sb.len)
		sb_adds(&sb, "screen");
	return sb_detach(&sb);
}
