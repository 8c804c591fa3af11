/* Rendering without a terminal: the same app and drawing code as the
 * interactive UI, on a curses screen whose output goes to /dev/null, with
 * keys from a script instead of the keyboard. The screen is read back cell
 * by cell together with the role each cell was drawn with. Snapshots and
 * the replay benchmark are built on this. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app.h"
#include "warroom/i18n.h"
#include "warroom/text.h"

#define HEADLESS_MAX_KEYS 100000

static unsigned theme_attrs(attr_t a)
{
	unsigned r = 0;
	if (a & A_BOLD)
		r |= THEME_BOLD;
	if (a & A_DIM)
		r |= THEME_DIM;
	if (a & A_REVERSE)
		r |= THEME_REVERSE;
	if (a & A_UNDERLINE)
		r |= THEME_UNDERLINE;
#ifdef A_ITALIC
	if (a & A_ITALIC)
		r |= THEME_ITALIC;
#endif
	return r;
}

void ui_read_back(app *a, ui_cell_fn cb, void *ctx)
{
	/* Neighbouring cells mostly share a colour pair: look each up once. */
	short last_pair = 0, last_f = -1, last_b = -1;
	/* A row at a time, one call instead of a move and a read per cell.
	 * The row comes back without the second column of a wide character:
	 * `k` counts cells read, `x` columns. */
	cchar_t *row = xcalloc((size_t)a->cols + 1, sizeof *row);
	for (int y = 0; y < a->rows; y++) {
		int got = mvwin_wchnstr(stdscr, y, 0, row, a->cols) == ERR ? 0 : a->cols;
		int x = 0;
		for (int k = 0; x < a->cols; k++) {
			ui_cell cell = {.y = y, .x = x, .width = 1, .fg = -1, .bg = -1};
			wchar_t wch[CCHARW_MAX + 1];
			attr_t attrs = 0;
			short pair = 0;
			if (k < got && getcchar(&row[k], wch, &attrs, &pair, NULL) == OK) {
				size_t o = 0;
				for (int i = 0; i < CCHARW_MAX && wch[i]; i++) {
					char u[4];
					int n = utf8_encode((int32_t)wch[i], u);
					if (o + (size_t)n < sizeof cell.text) {
						memcpy(cell.text + o, u, (size_t)n);
						o += (size_t)n;
					}
				}
				cell.text[o] = '\0';
				int w = wch[0] >= 0x80 ? wcwidth(wch[0]) : 1;
				cell.width = w == 2 ? 2 : 1;
				if (pair > 0 && pair != last_pair) {
					short f = -1, b = -1;
					if (pair_content(pair, &f, &b) != OK)
						f = b = -1;
					last_pair = pair;
					last_f = f;
					last_b = b;
				}
				if (pair > 0) {
					cell.fg = last_f;
					cell.bg = last_b;
				}
			}
			if (!cell.text[0])
				strcpy(cell.text, " ");
			cell.role = canvas_role_at(&a->cv, y, x);
			cell.attrs = theme_attrs(attrs);
			cb(ctx, &cell);
			x += cell.width;
		}
	}
	free(row);
}

int ui_render_headless(store *s, const ui_options *o, int width, int height, const char *keys,
		       ui_cell_fn cb, void *ctx, char *err, size_t errlen)
{
	if (width < 1 || height < 1 || width > 1000 || height > 1000) {
		snprintf(err, errlen, _("a screen of %dx%d is not possible"), width, height);
		return 1;
	}
	wr_key *script = NULL;
	int nkeys = 0;
	if (keys) {
		script = xcalloc(HEADLESS_MAX_KEYS, sizeof *script);
		nkeys = keys_parse(keys, script, HEADLESS_MAX_KEYS, err, errlen);
		if (nkeys < 0) {
			free(script);
			return 1;
		}
	}
	app *a = xcalloc(1, sizeof *a);
	if (!ui_app_prepare(a, s, o, err, errlen)) {
		free(a);
		free(script);
		return 1;
	}
	a->headless = true;
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	const char *term = getenv("TERM");
	SCREEN *scr = out && in ? newterm(str_empty(term) ? "xterm-256color" : term, out, in) : NULL;
	if (!scr && out && in)
		scr = newterm("xterm-256color", out, in);
	if (!scr) {
		snprintf(err, errlen, "%s", _("cannot set up a screen without a terminal"));
		if (out)
			fclose(out);
		if (in)
			fclose(in);
		ui_app_free(a);
		free(a);
		free(script);
		return 1;
	}
	SCREEN *old = set_term(scr);
	resize_term(height, width);
	ui_app_start(a);
	ui_draw_all(a);
	for (int i = 0; i < nkeys && !a->quit; i++) {
		ui_handle_key(a, script[i]);
		ui_draw_all(a);
	}
	/* the screen as it stands once the operator stopped typing */
	ui_quiet(a);
	ui_draw_all(a);
	if (cb)
		ui_read_back(a, cb, ctx);
	endwin();
	ui_app_free(a);
	set_term(old);
	delscreen(scr);
	fclose(out);
	fclose(in);
	free(a);
	free(script);
	return 0;
}
