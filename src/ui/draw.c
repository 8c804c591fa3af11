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

int draw_text(canvas *c, int y, int x, int width, enum ui_role role, const char *s)
{
	if (!s || !clip(c, y, x, &width))
		return 0;
	/* Build what fits, replacing characters the C library cannot measure
	 * (curses would draw them as a multi-column escape). */
	char stackbuf[512];
	size_t len = strlen(s), cap = sizeof stackbuf, o = 0;
	char *out = stackbuf;
	int used = 0;
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		const char *bytes = s + i;
		int nb = n, w;
		if (cp < 0 || cp_is_hostile(cp) || cp < 0x20) {
			bytes = "?";
			nb = 1;
			w = 1;
		} else if (cp >= 0x80 && wcwidth((wchar_t)cp) < 0) {
			bytes = "?";
			nb = 1;
			w = 1;
		} else {
			w = cp_width(cp);
		}
		if (used + w > width)
			break;
		if (o + (size_t)nb + 1 > cap) {
			size_t ncap = cap * 2 + (size_t)nb;
			char *bigger = xmalloc(ncap);
			memcpy(bigger, out, o);
			if (out != stackbuf)
				free(out);
			out = bigger;
			cap = ncap;
		}
		memcpy(out + o, bytes, (size_t)nb);
		o += (size_t)nb;
		used += w;
		i += (size_t)n;
	}
	out[o] = '\0';
	if (o > 0) {
		set_role(c, role);
		mvwaddnstr(c->win, y, x, out, (int)o);
		mark(c, y, x, used, role);
	}
	if (out != stackbuf)
		free(out);
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
