/* The pane interface. Every pane (Tasks, Metrics, Inbox, Review) is one
 * file that fills one `pane_ops` and one entry in ui_panes[] (panes.c);
 * the frame (ui.c, frame.c) does everything else: layout and tabs,
 * focus, the header and status line, help, the detail view, prompts and
 * menus, undo, and following other operators' writes.
 *
 * Life of a pane
 *   open      once at start-up, before any campaign is loaded; returns the
 *             pane's private state (`self` below).
 *   reload    PANE_RELOAD_CAMPAIGN: a campaign was opened (a->has_campaign
 *             may be false: say so when drawing). Reset the cursor.
 *             PANE_RELOAD_DATA: rows changed (another operator committed,
 *             an edit, an undo): re-query only what is visible and keep the
 *             cursor on the same row id (look it up again by id).
 *             PANE_RELOAD_TODAY: the date rolled over.
 *   draw      called on every frame for each visible pane. With
 *             PANE_DRAW_FULL every cell of `r` must be drawn; without it
 *             draw only what changed since the last call, which is usually
 *             nothing (an idle war room must send no bytes to the
 *             terminal). Use the draw.h primitives with roles; run text from
 *             the database through text_sanitize / draw_untrusted.
 *   action    a key's action (see keys.h); return true when handled. Keys
 *             are looked up in the pane's own scope (its `name`), then
 *             "nav", then "global", so a pane sees ACT_UP, ACT_ENTER... and its
 *             own actions. Unhandled ACT_ENTER opens `detail`, ACT_SEARCH
 *             opens a prompt feeding `search`.
 *   close     at exit: free `self`.
 *
 * Rules: query only the visible rows (vlist in list.h does it for you),
 * one query per window, never one per row; every edit goes through one
 * store call (one transaction with its audit row), refuses politely when
 * a->read_only (ui_can_edit), shows STORE_CONFLICT's message with
 * ui_message and reloads, and pushes an undo step (ui_undo_push).
 *
 * To add a pane: write src/ui/pane_NAME.c defining `const pane_ops
 * pane_NAME_ops`, list it in src/ui/meson.build, replace its placeholder
 * line in ui_panes[] (panes.c), and add its scope and keys in keys.c. */
#ifndef WARROOM_UI_PANE_H
#define WARROOM_UI_PANE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "draw.h"
#include "keys.h"
#include "warroom/util.h"

typedef struct app app;

enum pane_reload {
	PANE_RELOAD_CAMPAIGN,
	PANE_RELOAD_DATA,
	PANE_RELOAD_TODAY,
};

enum pane_draw_flags {
	PANE_DRAW_FULL = 1 << 0,    /* draw every cell of the rectangle */
	PANE_DRAW_FOCUSED = 1 << 1, /* the pane has the keyboard */
};

typedef struct pane_ops {
	const char *name;  /* id and key scope: "tasks" */
	const char *title; /* shown in tabs and titles: N_("Tasks") */
	void *(*open)(app *a);
	void (*close)(void *self);
	void (*reload)(void *self, app *a, enum pane_reload why);
	void (*draw)(void *self, app *a, rect r, unsigned flags);
	bool (*action)(void *self, app *a, enum action act);
	/* Short state for the title: "zoom week · late · /kol" (may be NULL). */
	void (*info)(void *self, app *a, strbuf *out);
	/* Fills the detail view for the row under the cursor (Enter); false
	 * when there is nothing to show. May be NULL. */
	bool (*detail)(void *self, app *a, doc *out);
	/* Search as the operator types (final false) and on Enter (final
	 * true); "" clears it. May be NULL: the pane has no search. */
	void (*search)(void *self, app *a, const char *text, bool final);
	/* The current search text, to start the prompt with. May be NULL. */
	const char *(*search_text)(void *self);
	/* Work the pane put off while keys came in (ui_defer), such as the
	 * figures of a new filter, done once the keyboard is quiet; the pane
	 * draws what it changed on its next draw. May be NULL. */
	void (*quiet)(void *self, app *a);
} pane_ops;

/* The panes in tab order (keys 1-4). */
extern const pane_ops *const ui_panes[];
extern const size_t ui_n_panes;

/* Panes that say what will be there, until their files land
 * (pane_placeholder.c). */
extern const pane_ops pane_metrics_placeholder, pane_inbox_placeholder, pane_review_placeholder;

#endif
