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
} ui_options;

/* Runs the interactive UI on the terminal until the user quits. Returns an
 * exit status. */
int ui_run(store *s, const ui_options *o);

#endif
