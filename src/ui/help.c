/* The `?` screen, generated from the key table (keys.c): the focused
 * pane's keys first, then moving, everywhere, views, typing, and the other
 * panes; then the signs the panes draw. The manual page walks the same
 * lines through ui_help_walk. */
#include <string.h>

#include "app.h"
#include "warroom/i18n.h"
#include "warroom/ui_help.h"

static void walk_scope(const char *scope, ui_help_fn fn, void *ctx)
{
	key_help_line lines[64];
	size_t n = keys_help(scope, lines, ARRAY_LEN(lines));
	if (n == 0)
		return;
	fn(ctx, UI_HELP_HEADING, NULL, key_scope_title(scope));
	for (size_t i = 0; i < n; i++)
		fn(ctx, UI_HELP_KEY, lines[i].keys, lines[i].help);
	fn(ctx, UI_HELP_BLANK, NULL, NULL);
}

void ui_help_walk(const char *first, ui_help_fn fn, void *ctx)
{
	if (first)
		walk_scope(first, fn, ctx);
	static const char *const frame_scopes[] = {"nav", "global", "view", "edit"};
	for (size_t i = 0; i < ARRAY_LEN(frame_scopes); i++)
		walk_scope(frame_scopes[i], fn, ctx);
	for (size_t i = 0; i < key_scopes_n; i++) {
		const char *s = key_scopes[i].name;
		bool done = first && strcmp(s, first) == 0;
		for (size_t j = 0; j < ARRAY_LEN(frame_scopes); j++)
			done = done || strcmp(s, frame_scopes[j]) == 0;
		if (!done)
			walk_scope(s, fn, ctx);
	}
	fn(ctx, UI_HELP_TEXT, NULL, _("In a menu, the key in [brackets] picks an item."));
	fn(ctx, UI_HELP_BLANK, NULL, NULL);
	fn(ctx, UI_HELP_HEADING, NULL, _("Signs (the same in every theme, and in black and white)"));
	fn(ctx, UI_HELP_KEY, "✔ ▶ · ‖", _("status: done, in progress, not started, delayed"));
	fn(ctx, UI_HELP_KEY, "! ↓ ?",
	   _("late (past due), behind (progress below time elapsed), stale (daily task not updated today)"));
	fn(ctx, UI_HELP_KEY, "█ ░ !", _("bar: done part, still to do, days past due"));
	fn(ctx, UI_HELP_KEY, "◆", _("milestone, on its due date"));
	fn(ctx, UI_HELP_KEY, "│ ▼", _("today"));
	fn(ctx, UI_HELP_KEY, "→ ↛", _("has prerequisites: all done / some unfinished"));
	fn(ctx, UI_HELP_KEY, "◂ ▸", _("the bar is off screen to the left / right"));
}

static void to_doc(void *ctx, enum ui_help_kind kind, const char *keys, const char *text)
{
	doc *d = ctx;
	switch (kind) {
	case UI_HELP_HEADING: doc_add_heading(d, text); break;
	case UI_HELP_KEY: doc_add_key(d, keys, text); break;
	case UI_HELP_TEXT: doc_add(d, ROLE_NORMAL, text); break;
	case UI_HELP_BLANK: doc_add_blank(d); break;
	}
}

void help_build(app *a, doc *d)
{
	doc_init(d, _("warroom keys (Esc or q closes; j/k scroll)"));
	ui_help_walk(a->panes[a->focus].ops->name, to_doc, d);
}
