/* Entry points of the terminal UI. */
#ifndef WARROOM_UI_H
#define WARROOM_UI_H

#include <stdbool.h>

#include "warroom/store.h"

typedef struct ui_options {
	const char *theme;      /* NULL: config, WARROOM_THEME, default */
	const char *campaign;   /* key to open, or NULL for the running one */
	const char *layout;     /* "tabs" | "tiled" | NULL (by size) */
	bool read_only;
	const char *config_path; /* NULL: $XDG_CONFIG_HOME/warroom/config.yaml */
} ui_options;

/* Runs the interactive UI on the terminal until the user quits. Returns an
 * exit status. */
int ui_run(store *s, const ui_options *o);

/* One cell of a screen drawn without a terminal. */
typedef struct ui_cell {
	int y, x;
	char text[32];  /* UTF-8 of the character with any combining marks */
	int width;      /* columns it covers: 1 or 2 */
	int role;       /* enum ui_role (warroom/theme.h) it was drawn with */
	unsigned attrs; /* THEME_BOLD, THEME_REVERSE... as drawn */
	short fg, bg;   /* colours as drawn: 0-255, or -1 for the terminal's own */
} ui_cell;
typedef void (*ui_cell_fn)(void *ctx, const ui_cell *c);

/* Draws the UI on a screen of width x height without a terminal (for
 * snapshots and replay benchmarks): the same app and drawing code as
 * ui_run, on a curses screen whose output goes to /dev/null. `keys` is a
 * key script fed in before the screen is read back ("jj<Enter>", see
 * keys_parse in src/ui/keys.h; NULL for none). Every cell is passed to
 * `cb`, row by row. Returns 0, or 1 with a message in err. */
int ui_render_headless(store *s, const ui_options *o, int width, int height, const char *keys,
		       ui_cell_fn cb, void *ctx, char *err, size_t errlen);

#endif
