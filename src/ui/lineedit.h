/* A one-line text editor for prompts (progress, problem, owner, search):
 * the cursor moves and deletes by character, measured in display columns,
 * so Chinese and emoji (two columns) and combining marks behave; the line
 * scrolls horizontally when longer than the space it has. Keys come from
 * the "edit" scope of the key table. Control characters are never
 * inserted. */
#ifndef WARROOM_UI_LINEEDIT_H
#define WARROOM_UI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "draw.h"
#include "keys.h"
#include "warroom/util.h"

typedef struct lineedit {
	strbuf text;
	size_t cur;       /* byte offset of the cursor */
	int scroll;       /* first display column shown */
	size_t max_bytes; /* longest text accepted */
	bool fresh;       /* the initial text is shown selected: typing replaces
			     it, moving the cursor keeps it */
} lineedit;

/* Starts with `initial` selected (typing a character replaces it). */
void le_init(lineedit *e, const char *initial, size_t max_bytes);
void le_free(lineedit *e);
const char *le_text(const lineedit *e);
void le_set(lineedit *e, const char *text);
/* Cursor movement and deletion; true when `a` is an editing action. */
bool le_action(lineedit *e, enum action a);
/* Inserts a printable character; false for anything else. */
bool le_insert(lineedit *e, wr_key k);
/* Display column of the cursor within the text. */
int le_cursor_col(const lineedit *e);
/* Draws the visible part in [x, x + width); returns the screen column
 * where the terminal cursor belongs. */
int le_draw(lineedit *e, canvas *c, int y, int x, int width, enum ui_role role);

#endif
