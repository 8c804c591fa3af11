/* The `?` screen, generated from the key table (keys.c): the focused
 * pane's keys first, then moving, everywhere, views, typing, and the other
 * panes; then the signs the panes draw. */
#include <string.h>

#include "app.h"

static void add_scope(doc *d, const char *scope)
{
	key_help_line lines[64];
	size_t n = keys_help(scope, lines, ARRAY_LEN(lines));
	if (n == 0)
		return;
	doc_add_heading(d, key_scope_title(scope));
	for (size_t i = 0; i < n; i++)
		doc_add_key(d, lines[i].keys, lines[i].help);
	doc_add_blank(d);
}

void help_build(app *a, doc *d)
{
	doc_init(d, "warroom keys (Esc or q closes; j/k scroll)");
	const char *first = a->panes[a->focus].ops->name;
	add_scope(d, first);
	static const char *const frame_scopes[] = {"nav", "global", "view", "edit"};
	for (size_t i = 0; i < ARRAY_LEN(frame_scopes); i++)
		add_scope(d, frame_scopes[i]);
	for (size_t i = 0; i < key_scopes_n; i++) {
		const char *s = key_scopes[i].name;
		bool done = strcmp(s, first) == 0;
		for (size_t j = 0; j < ARRAY_LEN(frame_scopes); j++)
			done = done || strcmp(s, frame_scopes[j]) == 0;
		if (!done)
			add_scope(d, s);
	}
	doc_add(d, ROLE_NORMAL, "In a menu, the key in [brackets] picks an item.");
	doc_add_blank(d);
	doc_add_heading(d, "Signs (the same in every theme, and in black and white)");
	doc_add_key(d, "✔ ▶ · ‖", "status: done, in progress, not started, delayed");
	doc_add_key(d, "! ↓ ?", "late (past due), behind (progress below time elapsed), stale (daily task not updated today)");
	doc_add_key(d, "█ ░ !", "bar: done part, still to do, days past due");
	doc_add_key(d, "◆", "milestone, on its due date");
	doc_add_key(d, "│ ▼", "today");
	doc_add_key(d, "→ ↛", "has prerequisites: all done / some unfinished");
	doc_add_key(d, "◂ ▸", "the bar is off screen to the left / right");
}
