/* Private to the Inbox pane: its state, shared by pane_inbox.c (the list,
 * the preview, the stats strip, filters) and inbox_edit.c (triage, bulk
 * changes, undo, the detail view). */
#ifndef WARROOM_UI_PANE_INBOX_H
#define WARROOM_UI_PANE_INBOX_H

#include "app.h"
#include "list.h"
#include "warroom/feedback_filter.h"
#include "warroom/store_feedback.h"

typedef struct inbox_pane {
	app *a;
	vlist list;               /* rows are feedback_row, newest first */
	feedback_filter_text ft;  /* the filter in force */
	char *filter_line;        /* as typed after '/' */
	char error[256];          /* why the list could not be read */
	/* Keyset paging: the ids of rows [win_off, win_off + win_n) as last
	 * read, so the next window continues from a known id instead of
	 * counting rows from the top. */
	int64_t *win_ids;
	size_t win_off, win_n, win_cap;
	/* counts and the stats strip, kept while the campaign's feedback
	 * revision and the filter stay the same */
	size_t total;             /* every message of the campaign */
	feedback_stats stats;
	bool stats_valid;
	bool strip_redraw;        /* figures came after the keys: draw the strip */
	int64_t rev;              /* feedback revision the figures are for */
	bool rev_known;
	/* While a search is typed the list is counted only as far as a
	 * screen needs; the exact count comes with the figures once the
	 * keyboard is quiet (inbox_quiet), and `announce` then says it. */
	bool count_exact, announce;
	/* marked messages for bulk changes */
	int64_t *marks;
	size_t n_marks, cap_marks;
	/* layout for the current size */
	rect list_r, preview_r, strip_r;
	int strip_rows;
	/* what is on the screen */
	bool need_full, drawn_focus;
	size_t drawn_top, drawn_cursor;
	rect drawn_r;
	/* what a prompt or menu is editing */
	enum feedback_field edit_field;
} inbox_pane;

/* The row under the cursor, or NULL. */
const feedback_row *inbox_current(inbox_pane *p);
/* Re-counts and re-reads, keeping the cursor on the same message. With
 * `figures`, the count and statistics are recomputed even when the
 * campaign's feedback revision did not move (a new filter). */
void inbox_refresh(inbox_pane *p, bool figures);
bool inbox_is_marked(const inbox_pane *p, int64_t id);

/* inbox_edit.c */
bool inbox_edit_action(inbox_pane *p, app *a, enum action act);
bool inbox_detail(void *self, app *a, doc *out);

#endif
