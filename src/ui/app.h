/* The state of one running UI and the services the frame offers panes.
 * Everything lives in `struct app` (no globals), and nothing here assumes
 * a real terminal: ui_handle_key and ui_draw_all work the same on a
 * curses SCREEN created by newterm() on /dev/null, which is how
 * ui_render_headless draws a screen without one. */
#ifndef WARROOM_UI_APP_H
#define WARROOM_UI_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "doc.h"
#include "draw.h"
#include "keys.h"
#include "lineedit.h"
#include "pane.h"
#include "warroom/config.h"
#include "warroom/store.h"
#include "warroom/store_metric.h"
#include "warroom/theme.h"
#include "warroom/ui.h"

#define UI_MAX_PANES 8
#define UI_MIN_COLS 40
#define UI_MIN_ROWS 10
#define UI_TILE_COLS 160 /* auto layout tiles from this size up */
#define UI_TILE_ROWS 45
#define UI_UNDO_MAX 100
#define UI_QUIET_MS 150 /* a pause in typing after which deferred work runs */

enum ui_layout { LAYOUT_AUTO = 0, LAYOUT_TABS, LAYOUT_TILED };

enum ui_dirty {
	DIRTY_HEADER = 1 << 0,
	DIRTY_TABS = 1 << 1,
	DIRTY_STATUS = 1 << 2,
	DIRTY_BODY = 1 << 3, /* every pane in full */
	DIRTY_MODAL = 1 << 4,
	DIRTY_ALL = 0xff,    /* geometry changed: erase and draw everything */
};

enum modal_kind { MODAL_NONE = 0, MODAL_DOC, MODAL_PICKER, MODAL_MENU };

typedef struct pane_slot {
	const pane_ops *ops;
	void *self;
	rect r;          /* content rectangle (below its title in tiled mode) */
	char info[160];  /* last info drawn in its title/tab */
} pane_slot;

typedef struct menu_item {
	wr_key key;        /* hotkey, or 0 */
	const char *label; /* program text */
	int id;
} menu_item;

typedef void (*menu_fn)(app *a, void *ctx, int id);
typedef void (*prompt_fn)(app *a, void *ctx, const char *text);

typedef struct undo_step {
	char *label;
	bool (*revert)(app *a, void *data); /* true when undone */
	void (*free_data)(void *data);
	void *data;
} undo_step;

struct app {
	store *st;
	ui_options opts;
	wr_config cfg;
	theme th;
	enum theme_variant variant;
	canvas cv;
	bool headless;
	bool read_only;
	const char *user;
	char date_fmt[40];

	/* the campaign on screen */
	bool has_campaign;
	campaign_row camp;
	phase_def *phases;
	size_t n_phases;
	task_counts counts;
	wr_date today;
	int64_t data_version;
	/* moves whenever what panes show may have changed (data, campaign,
	 * day); shared loads are keyed on it */
	unsigned long generation;
	struct shared_metrics *metrics;
	char refreshed[16]; /* HH:MM:SS of the last load */

	/* panes and layout */
	pane_slot panes[UI_MAX_PANES];
	size_t n_panes, focus;
	enum ui_layout layout;
	bool tiled;
	int rows, cols;
	bool too_small;
	rect body; /* what panes and views cover: between header and status */
	unsigned dirty;
	bool body_full; /* panes must draw in full on the next frame */

	/* status line */
	char msg[256];
	enum ui_role msg_role;
	char drawn_status[512];

	/* views over the panes */
	enum modal_kind modal;
	doc_view docv;
	struct {
		campaign_list list;
		size_t cursor, top;
	} picker;
	struct {
		char title[64];
		menu_item items[12];
		size_t n, cursor;
		menu_fn chosen;
		void *ctx;
	} menu;
	struct {
		bool active;
		char label[64];
		lineedit le;
		prompt_fn accept, change;
		void (*cancel)(app *a, void *ctx);
		void *ctx;
		int cursor_x;        /* where the terminal cursor goes */
		char *search_before; /* search text to restore on Esc */
	} prompt;

	undo_step undo[UI_UNDO_MAX];
	size_t n_undo;

	bool quit;
	bool deferred; /* a pane put work off until the keyboard is quiet */
};

/* ---- services for panes ------------------------------------------------ */

/* The campaign's metric view, loaded at most once per generation and
 * shared (shared_metrics.c). NULL on failure, with store_error(a->st)
 * saying why; release each reference acquired. */
typedef struct shared_metrics {
	metric_view view;
	int refs;
	unsigned long generation;
} shared_metrics;
shared_metrics *ui_metrics_acquire(app *a);
void ui_metrics_release(shared_metrics *m);

/* A message in the status line until the next key (program text; any
 * arguments are sanitised as part of the whole line). */
void ui_message(app *a, enum ui_role role, const char *fmt, ...) WR_PRINTF(3, 4);
/* False, with a status-line message, when the database is read-only. */
bool ui_can_edit(app *a);
/* A one-line prompt in the status line. `change` (may be NULL) runs on
 * every keystroke; `cancel` (may be NULL) on Esc. */
void ui_prompt(app *a, const char *label, const char *initial, prompt_fn accept, prompt_fn change,
	       void (*cancel)(app *a, void *ctx), void *ctx);
/* A small menu over the panes; `chosen` gets the item's id. */
void ui_menu(app *a, const char *title, const menu_item *items, size_t n, size_t selected,
	     menu_fn chosen, void *ctx);
/* Opens a document in the view (taking it over). */
void ui_show_doc(app *a, doc *d);
/* Records an edit that `u` can revert. */
void ui_undo_push(app *a, const char *label, bool (*revert)(app *a, void *data),
		  void (*free_data)(void *data), void *data);
/* The data changed (an edit of ours): reload counts and every pane. */
void ui_data_changed(app *a);
/* Asks for a call of the panes' quiet op as soon as no key is waiting:
 * work too slow for every keystroke (a walk of 100,000 messages) is done
 * once the operator stops typing, not on each key. */
void ui_defer(app *a);
/* A date in the configured format. */
const char *ui_date(const app *a, wr_date d, char *buf, size_t size);

/* ---- the frame (ui.c, frame.c) ----------------------------------------- */

/* Builds the app before the terminal is touched: config, theme. Returns
 * false with a message (file:line for bad files) in err. */
bool ui_app_prepare(app *a, store *s, const ui_options *o, char *err, size_t errlen);
/* After curses is up (real or headless): colours, panes, the campaign. */
void ui_app_start(app *a);
void ui_app_free(app *a);
/* One key (or WK_FN(KEY_RESIZE)). */
void ui_handle_key(app *a, wr_key k);
/* Nothing pressed for a while: follow other operators' writes and the
 * date. */
void ui_idle(app *a);
/* No key is waiting: the panes do the work they deferred (ui_defer). */
void ui_quiet(app *a);
/* Draws what changed into the curses screen (wnoutrefresh, no doupdate). */
void ui_draw_all(app *a);
/* Recomputes the layout for the screen size. */
void ui_layout(app *a);

/* frame.c */
void frame_draw_header(app *a);
void frame_draw_tabs(app *a);
void frame_draw_status(app *a);
void frame_draw_too_small(app *a);
void frame_draw_menu(app *a);
/* Closes the help, detail, picker or menu over the panes. */
void ui_close_view(app *a);
/* Opens another campaign (NULL: the default one) and reloads every pane. */
void ui_open_campaign(app *a, const char *key);

/* picker.c: the campaign picker */
void picker_open(app *a);
bool picker_action(app *a, enum action act);
void picker_draw(app *a);
/* Builds the help document for the current context. */
void help_build(app *a, doc *d);

/* headless.c: every cell of the curses screen as drawn, row by row, with
 * its role and colours (snapshots of the live screen use it too). */
void ui_read_back(app *a, ui_cell_fn cb, void *ctx);
/* snapshot_keys.c: p writes the screen to files in the snapshot folder, P sends
 * its text to the print command; both say what they did in the status
 * line. */
void snapshot_save(app *a);
void snapshot_print(app *a);

#endif
