/* Drawing primitives: roles to curses attributes, clipped width-aware text,
 * and the role grid kept for headless read-back. */
#include "draw.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "warroom/text.h"
#include "warroom/util.h"

static attr_t attrs_of(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_DIM)
		r |= A_DIM;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
#ifdef A_ITALIC
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

void canvas_init(canvas *c, WINDOW *win, const theme *t, enum theme_variant v)
{
	c->win = win;
	c->mono = v == THEME_MONO;
	bool defaults = false;
	if (!c->mono) {
		start_color();
		defaults = use_default_colors() == OK;
	}
	for (int r = 0; r < ROLE_COUNT; r++) {
		theme_style st = theme_resolve(t, v, (enum ui_role)r);
		c->attr[r] = attrs_of(st.attrs);
		c->pair[r] = 0;
		if (c->mono)
			continue;
		short fg = st.fg, bg = st.bg;
		if (!defaults) {
			if (fg < 0)
				fg = COLOR_WHITE;
			if (bg < 0)
				bg = COLOR_BLACK;
		}
		if (fg >= COLORS)
			fg = (short)(fg % 8);
		if (bg >= COLORS)
			bg = (short)(bg % 8);
		if (r + 1 < COLOR_PAIRS && init_pair((short)(r + 1), fg, bg) == OK)
			c->pair[r] = (short)(r + 1);
	}
	canvas_resize(c, getmaxy(win), getmaxx(win));
}

void canvas_resize(canvas *c, int rows, int cols)
{
	if (rows < 0)
		rows = 0;
	if (cols < 0)
		cols = 0;
	free(c->roles);
	c->rows = rows;
	c->cols = cols;
	c->roles = xcalloc((size_t)rows * (size_t)cols + 1, 1);
}

void canvas_free(canvas *c)
{
	free(c->roles);
	c->roles = NULL;
	c->rows = c->cols = 0;
}

enum ui_role canvas_role_at(const canvas *c, int y, int x)
{
	if (!c->roles || y < 0 || x < 0 || y >= c->rows || x >= c->cols)
		return ROLE_NORMAL;
	return (enum ui_role)c->roles[(size_t)y * (size_t)c->cols + (size_t)x];
}

static void mark(canvas *c, int y, int x, int width, enum ui_role role)
{
	if (!c->roles)
		return;
	for (int i = 0; i < width && x + i < c->cols; i++)
		c->roles[(size_t)y * (size_t)c->cols + (size_t)(x + i)] = (unsigned char)role;
}

/* Clips a request to the screen; false when nothing is left. */
static bool clip(const canvas *c, int y, int x, int *width)
{
	if (!c->win || y < 0 || x < 0 || y >= c->rows || x >= c->cols || *width <= 0)
		return false;
	if (x + *width > c->cols)
		*width = c->cols - x;
	return true;
}

static void set_role(canvas *c, enum ui_role role)
{
	if ((unsigned)role >= ROLE_COUNT)
		role = ROLE_NORMAL;
	wattr_set(c->win, c->attr[role], c->pair[role], NULL);
}

void draw_fill(canvas *c, int y, int x, int width, enum ui_role role)
{
	if (!clip(c, y, x, &width))
		return;
	set_role(c, role);
	mvwhline(c->win, y, x, ' ' | c->attr[role] | (attr_t)COLOR_PAIR(c->pair[role]), width);
	mark(c, y, x, width, role);
}

/* Closes the cell being built: its spacing character and any combining
 * ones after it. */
static void end_cell(cchar_t *cells, size_t *n, wchar_t *wc, int *nwc, attr_t attr, short pair)
{
	if (*nwc == 0)
		return;
	wc[*nwc] = L'\0';
	setcchar(&cells[(*n)++], wc, attr, pair, NULL);
	*nwc = 0;
}

int draw_text(canvas *c, int y, int x, int width, enum ui_role role, const char *s)
{
	if (!s || !clip(c, y, x, &width))
		return 0;
	if ((unsigned)role >= ROLE_COUNT)
		role = ROLE_NORMAL;
	/* The cells are built here and put in with one call: curses's text
	 * path takes every byte through its multibyte converter, at several
	 * hundred instructions a character. A character the C library cannot
	 * measure is drawn as '?' (curses would draw a multi-column escape). */
	cchar_t stackcells[256];
	cchar_t *cells = (size_t)width <= ARRAY_LEN(stackcells)
		? stackcells : xmalloc((size_t)width * sizeof *cells);
	attr_t attr = c->attr[role];
	short pair = c->pair[role];
	wchar_t wc[CCHARW_MAX + 1];
	int nwc = 0, used = 0;
	size_t n = 0, len = strlen(s), i = 0;
	while (i < len) {
		int32_t cp;
		i += (size_t)utf8_decode(s + i, len - i, &cp);
		int w;
		if (cp < 0x20 || cp_is_hostile(cp) || (cp >= 0x80 && wcwidth((wchar_t)cp) < 0)) {
			cp = '?';
			w = 1;
		} else {
			w = cp_width(cp);
		}
		if (w == 0) {
			/* a combining character joins the cell before it */
			if (nwc > 0 && nwc < CCHARW_MAX)
				wc[nwc++] = (wchar_t)cp;
			continue;
		}
		if (used + w > width)
			break;
		end_cell(cells, &n, wc, &nwc, attr, pair);
		wc[nwc++] = (wchar_t)cp;
		used += w;
	}
	end_cell(cells, &n, wc, &nwc, attr, pair);
	if (n > 0) {
		set_role(c, role);
		mvwadd_wchnstr(c->win, y, x, cells, (int)n);
		mark(c, y, x, used, role);
	}
	if (cells != stackcells)
		free(cells);
	return used;
}

void draw_text_pad(canvas *c, int y, int x, int width, enum ui_role role, const char *s)
{
	int used = draw_text(c, y, x, width, role, s);
	if (used < width)
		draw_fill(c, y, x + used, width - used, role);
}

void draw_text_ellipsis(canvas *c, int y, int x, int width, enum ui_role role, const char *s)
{
	if (width <= 0)
		return;
	if (text_width(s) <= width) {
		draw_text_pad(c, y, x, width, role, s);
		return;
	}
	char *t = text_truncate(s, width, NULL);
	draw_text_pad(c, y, x, width, role, t);
	free(t);
}

void draw_text_right(canvas *c, int y, int x, int width, enum ui_role role, const char *s)
{
	if (width <= 0)
		return;
	int w = text_width(s);
	if (w > width) {
		draw_text_ellipsis(c, y, x, width, role, s);
		return;
	}
	draw_text(c, y, x + width - w, w, role, s);
}

void draw_untrusted(canvas *c, int y, int x, int width, enum ui_role role, const char *s)
{
	char *safe = text_sanitize(s ? s : "");
	draw_text_ellipsis(c, y, x, width, role, safe);
	free(safe);
}

void draw_glyph(canvas *c, int y, int x, enum ui_role role, const char *glyph)
{
	draw_text(c, y, x, 1, role, glyph);
}
