/* Private to the Review pane: its state, shared by pane_review.c (the
 * review as lines, navigation), pane_review_draw.c (drawing a line),
 * pane_review_edit.c (edits, undo, detail) and lessons.c (the lessons
 * library it opens with L). */
#ifndef WARROOM_UI_PANE_REVIEW_H
#define WARROOM_UI_PANE_REVIEW_H

#include "app.h"
#include "warroom/store_metric.h"
#include "warroom/store_review.h"

/* The lessons library: every campaign's lessons, filtered by a search. */
typedef struct lessons_view {
	bool active;
	lesson_row *v;
	size_t n;
	char *text; /* the search, or NULL */
	size_t cursor, top;
	char error[256];
} lessons_view;

void lessons_toggle(lessons_view *l, app *a);
void lessons_free(lessons_view *l);
void lessons_reload(lessons_view *l, app *a);
void lessons_draw(lessons_view *l, app *a, rect r);
bool lessons_action(lessons_view *l, app *a, enum action act, int height);
bool lessons_detail(lessons_view *l, app *a, doc *out);
void lessons_search(lessons_view *l, app *a, const char *text);

/* Section headings and other lines that cannot be selected. */
enum heading {
	H_NONE = 0,
	H_OVERVIEW,
	H_GOALS,
	H_GOALS_COLUMNS,
	H_HIGHLIGHTS,
	H_PROBLEMS,
	H_PLAN,
	H_LESSONS,
	H_EMPTY, /* "none yet" under a heading */
	H_BLANK,
};

#define OVERVIEW_MAX_LINES 6

/* What a line of the pane shows. */
enum item_kind {
	IK_NONE = 0, /* a heading or a line that cannot be selected */
	IK_OVERVIEW,
	IK_NOTE,
	IK_HIGHLIGHT,
	IK_PROBLEM,
	IK_PLAN, /* an open action of the improvement plan (a problem) */
	IK_LESSON,
};

typedef struct rline {
	enum item_kind kind;
	size_t idx;   /* into the review's notes, highlights, problems, lessons */
	int part;     /* 0: the item's first line (where the cursor goes) */
	int heading;  /* IK_NONE: a section heading (1..) or 0 */
	size_t off, len; /* overview lines: bytes of the sanitised overview */
} rline;

typedef struct review_pane {
	app *a;
	bool loaded;
	char error[256];
	review_data rv;
	shared_metrics *figures; /* NULL when the metrics could not be read */
	char *overview; /* sanitised, for wrapping */
	/* the lines for the current width */
	rline *lines;
	size_t n_lines, cap_lines;
	int width;
	size_t cursor, top; /* lines */
	int height;
	bool need_full;
	/* a reload put off until the pane is drawn or used (pane_review.c) */
	bool reload_due;
	enum pane_reload reload_why;
	/* a conflict refused a save: the text is kept for the next edit */
	bool stale;
	char *pending;
	enum review_entity pend_e;
	int64_t pend_id;
	const review_field *pend_f;
	/* the record a prompt or menu is editing */
	enum review_entity ed_e;
	int64_t ed_id, ed_version;
	const review_field *ed_f;
	char menu_labels[12][96];
	int64_t menu_ids[12];
	enum action after_reopen;
	lessons_view lib;
} review_pane;

/* The item under the cursor, and its entity, id and version. */
bool review_current(review_pane *p, enum review_entity *e, int64_t *id, int64_t *version,
		    const void **row);
/* Rebuilds the lines from the loaded data, keeping the cursor on the
 * same item when it is still there. */
void review_rebuild(review_pane *p);
/* Puts the cursor on an item by kind and id (after an add). */
void review_select(review_pane *p, enum item_kind kind, int64_t id);

/* pane_review_draw.c */
void review_draw_status(review_pane *p, app *a, int y, int x, int end);
/* One line in [x, end) of screen row y; `sel`: the item under the cursor. */
void review_draw_line(review_pane *p, const rline *l, int y, int x, int end, bool sel);

/* pane_review_edit.c */
bool review_edit_action(review_pane *p, app *a, enum action act);
bool review_detail(void *self, app *a, doc *out);

#endif
