/* Width-aware drawing on a curses window. Every function takes a role
 * (never a colour), clips to the width it is given, and never splits a
 * double-width character at the edge: a character that does not fit is
 * replaced by padding. Text from the database or a user must be sanitised
 * (text_sanitize) first, or drawn with draw_untrusted which does it.
 * Nothing here passes text as a printf format.
 *
 * The canvas also keeps the role of every cell it drew, so that a screen
 * rendered without a terminal (ui_render_headless) can be read back with
 * its meaning, not only its characters. */
#ifndef WARROOM_UI_DRAW_H
#define WARROOM_UI_DRAW_H

#include <curses.h>
#include <stdbool.h>

#include "warroom/theme.h"

typedef struct rect {
	int y, x, h, w;
} rect;

typedef struct canvas {
	WINDOW *win;
	bool mono;                  /* no colours: attributes only */
	attr_t attr[ROLE_COUNT];    /* attributes of each role */
	short pair[ROLE_COUNT];     /* colour pair of each role (0 in mono) */
	unsigned char *roles;       /* role drawn in each cell, rows x cols */
	int rows, cols;
} canvas;

/* Sets up colour pairs for the theme (after start_color) or mono
 * attributes, and the role grid for a screen of rows x cols. */
void canvas_init(canvas *c, WINDOW *win, const theme *t, enum theme_variant v);
void canvas_resize(canvas *c, int rows, int cols);
void canvas_free(canvas *c);
/* Role last drawn at a cell (ROLE_NORMAL outside). */
enum ui_role canvas_role_at(const canvas *c, int y, int x);

/* Fills `width` cells with spaces. */
void draw_fill(canvas *c, int y, int x, int width, enum ui_role role);
/* Draws sanitised text clipped to `width` columns; returns columns used. */
int draw_text(canvas *c, int y, int x, int width, enum ui_role role, const char *s);
/* The same, then pads with spaces to exactly `width` columns. */
void draw_text_pad(canvas *c, int y, int x, int width, enum ui_role role, const char *s);
/* Truncates with "…" when longer than `width`, then pads. */
void draw_text_ellipsis(canvas *c, int y, int x, int width, enum ui_role role, const char *s);
/* Right-aligns within `width` (truncating with "…" when too long). */
void draw_text_right(canvas *c, int y, int x, int width, enum ui_role role, const char *s);
/* Sanitises untrusted text, then draw_text_ellipsis. */
void draw_untrusted(canvas *c, int y, int x, int width, enum ui_role role, const char *s);
/* One glyph in one cell (the glyph must be one column wide). */
void draw_glyph(canvas *c, int y, int x, enum ui_role role, const char *glyph);

#endif
