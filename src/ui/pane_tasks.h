/* Private to the Tasks pane: its state, shared by pane_tasks.c (list,
 * Gantt drawing, filters) and tasks_edit.c (edits, undo, detail). */
#ifndef WARROOM_UI_PANE_TASKS_H
#define WARROOM_UI_PANE_TASKS_H

#include "app.h"
#include "gantt.h"
#include "list.h"

/* A row of the list: the task and the state of its prerequisites. */
typedef struct trow {
	task_row t;
	int deps, deps_open;
} trow;

typedef struct tasks_pane {
	app *a;
	vlist list;
	/* filters and grouping */
	bool mine, late_only, open_only;
	char *text;
	enum task_group group;
	/* the time axis */
	gantt_axis axis;
	bool axis_ready;
	char error[256]; /* why the list could not be read */
	/* columns for the current width */
	int width;
	int group_x, group_w, name_x, name_w, owner_x, owner_w, pct_x, bar_x, bar_w;
	/* what is on the screen */
	bool need_full;
	bool drawn_focus;
	size_t drawn_top, drawn_cursor;
	rect drawn_r;
	unsigned char *cells;
	size_t cells_cap;
	/* the task a prompt or menu is editing */
	int64_t edit_id, edit_version;
	enum task_field edit_field;
	/* the version each task had after our own last write in this session,
	 * so that undoing several edits of one task in a row is not mistaken
	 * for a conflict with another operator */
	struct own_version {
		int64_t id, version;
	} *own;
	size_t n_own, cap_own;
} tasks_pane;

/* The row under the cursor, or NULL. */
const trow *tasks_current(tasks_pane *p);
/* Re-counts and re-reads the visible window, keeping the cursor on the
 * same task (and at the same place on screen) when it still matches. */
void tasks_refresh(tasks_pane *p);

/* tasks_edit.c */
bool tasks_edit_action(tasks_pane *p, app *a, enum action act);
bool tasks_detail(void *self, app *a, doc *out);
/* Sets one field of a task through the store (one transaction with its
 * audit row), with an undo step and a message. */
void tasks_apply(tasks_pane *p, app *a, int64_t id, int64_t version, enum task_field f,
		 const char *value);

#endif
