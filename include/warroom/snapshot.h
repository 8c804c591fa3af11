/* Screen snapshots: a screen read back cell by cell from the UI's own
 * drawing (ui_render_headless, or the live screen when the operator
 * presses p) turned into a file for the stand-up.
 *
 *   text  the characters as a terminal shows them, UTF-8 with the box
 *         drawing, a wide character once, trailing spaces cut from each
 *         line: what `tmux capture-pane -p` prints for the same screen.
 *   ansi  the same with SGR colours and attributes as drawn, reset at
 *         every line end (a coloured blank run reaching the right edge is
 *         erased with EL, as curses does on a back-colour-erase terminal):
 *         `cat` it in a terminal to see the screen again.
 *   html  one self-contained page: a <pre> with a span per colour run,
 *         the theme's colours as CSS, no script, nothing fetched; printed,
 *         it turns black on white and keeps bold, underline and reverse,
 *         so the glyphs and attributes carry the meaning.
 *
 * There is no second renderer: every format is made from the same cells. */
#ifndef WARROOM_SNAPSHOT_H
#define WARROOM_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "warroom/ui.h"

typedef struct snap_cell {
	char text[32];        /* UTF-8; "" in the second column of a wide character */
	unsigned char width;  /* 1 or 2; 0 for that second column */
	unsigned char role;   /* enum ui_role */
	unsigned char attrs;  /* THEME_BOLD... */
	short fg, bg;         /* 0-255, or -1 for the terminal's own colour */
} snap_cell;

typedef struct snap_grid {
	int rows, cols;
	snap_cell *cells; /* rows x cols */
} snap_grid;

/* A blank screen of rows x cols (default colours, spaces). */
void snap_grid_init(snap_grid *g, int rows, int cols);
void snap_grid_free(snap_grid *g);
/* A ui_cell_fn: stores one cell read back from a screen into the grid
 * passed as ctx. */
void snap_grid_put(void *grid, const ui_cell *c);

enum snap_format { SNAP_TEXT = 0, SNAP_ANSI, SNAP_HTML, SNAP_N_FORMATS };
/* "text" (or "txt"), "ansi", "html" -> format; -1 when unknown. */
int snap_format_from(const char *s);
const char *snap_format_name(enum snap_format f);
/* File name extension: "txt", "ansi", "html". */
const char *snap_format_ext(enum snap_format f);

/* The screen in one format, as a new string (length in *len). `title`
 * (program text, sanitised and escaped here) heads the HTML page and is
 * ignored by the other formats. */
char *snap_render(const snap_grid *g, enum snap_format f, const char *title, size_t *len);

/* Part of a file name made of `s`: letters, digits and . _ - kept (also
 * non-ASCII letters), anything else becomes '_'; never empty, never
 * starting with '.' (a new string). */
char *snap_name_part(const char *s);

#endif
