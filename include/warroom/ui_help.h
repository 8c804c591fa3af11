/* The key help, as the `?` screen shows it, for other readers: the manual
 * page is generated from the same walk (data/gen_man.c), so the two list
 * the same keys with the same words. */
#ifndef WARROOM_UI_HELP_H
#define WARROOM_UI_HELP_H

enum ui_help_kind {
	UI_HELP_HEADING, /* text: a scope's title ("Tasks pane") */
	UI_HELP_KEY,     /* keys: "j ↓", text: what they do */
	UI_HELP_TEXT,    /* text: a sentence */
	UI_HELP_BLANK,   /* the end of a group */
};

typedef void (*ui_help_fn)(void *ctx, enum ui_help_kind kind, const char *keys, const char *text);

/* Walks the help: the keys of `first_scope` (a pane's name, or NULL), then
 * moving, everywhere, views, typing, the other panes, then the signs the
 * panes draw. */
void ui_help_walk(const char *first_scope, ui_help_fn fn, void *ctx);

#endif
