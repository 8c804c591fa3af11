/* The Gantt chart's time axis as plain arithmetic: which column a date
 * falls in at each zoom, which date a column shows, how a task's bar is
 * cut into done / to-do / late cells and clipped to the visible columns,
 * and where the axis labels go. No curses and no database here, so every
 * rule is unit-tested (tests/unit/test_ui.c). */
#ifndef WARROOM_UI_GANTT_H
#define WARROOM_UI_GANTT_H

#include <stdbool.h>

#include "warroom/date.h"

enum gantt_zoom {
	GANTT_DAY = 0,   /* 3 columns per day, a label per day */
	GANTT_WEEK = 1,  /* 1 column per day, a label per Monday */
	GANTT_MONTH = 2, /* 1 column per 3 days, a label per month */
	GANTT_N_ZOOM
};

typedef struct gantt_axis {
	enum gantt_zoom zoom;
	wr_date origin; /* the first day shown in column 0 */
	int width;      /* columns of the bar area */
} gantt_axis;

/* "day", "week", "month", in the interface language. */
const char *gantt_zoom_name(enum gantt_zoom z);
/* Scale of a zoom: `cols` columns stand for `days` days (one of them is 1). */
void gantt_scale(enum gantt_zoom z, int *cols, int *days);

/* Column where day `d` begins; may be negative or >= width (off screen). */
int gantt_col(const gantt_axis *ax, wr_date d);
/* The (first) day shown in column `col`. */
wr_date gantt_date_at(const gantt_axis *ax, int col);
/* Days the whole bar area shows. */
int gantt_days_visible(const gantt_axis *ax);
/* The column of the today line: the middle of today's columns. */
int gantt_today_col(const gantt_axis *ax, wr_date today);

/* Columns [c0, c1) covering days first..last (inclusive), clipped to the
 * bar area. False when nothing of it is visible. */
bool gantt_span(const gantt_axis *ax, wr_date first, wr_date last, int *c0, int *c1);

/* One cell of a task row's bar area. */
enum gantt_cell {
	GC_EMPTY = 0,
	GC_DONE,         /* the part of the bar covered by progress */
	GC_TODO,         /* the rest of the bar */
	GC_LATE,         /* from the due date to today, when late */
	GC_MILESTONE,    /* the due date of a milestone */
	GC_TODAY,        /* the today line, where nothing else is */
	GC_DEP,          /* just before the bar: has prerequisites, all done */
	GC_DEP_BLOCKED,  /* just before the bar: a prerequisite is unfinished */
	GC_OFF_LEFT,     /* the whole bar lies left of the view */
	GC_OFF_RIGHT,    /* the whole bar lies right of the view */
};

typedef struct gantt_task {
	wr_date start, due; /* inclusive */
	int progress;       /* 0..100 */
	bool done, milestone;
	bool late;          /* derived: past due and not done */
	int deps;           /* number of prerequisites */
	int deps_open;      /* how many of them are not done */
} gantt_task;

/* Fills cells[0 .. ax->width) for one task. */
void gantt_row(const gantt_axis *ax, const gantt_task *t, wr_date today, unsigned char *cells);

typedef struct gantt_label {
	int col;
	char text[16];
} gantt_label;

/* Labels for the date row, left to right, none overlapping (each is
 * followed by at least one free column). Returns how many were written. */
int gantt_labels(const gantt_axis *ax, gantt_label *out, int max);

/* Changes the zoom keeping the day under column `anchor` in place. */
void gantt_set_zoom(gantt_axis *ax, enum gantt_zoom z, int anchor);
/* Moves the view by `days` (negative: back in time). */
void gantt_scroll_days(gantt_axis *ax, int days);
/* Days one small step (h / l) moves at this zoom. */
int gantt_step_days(enum gantt_zoom z);
/* Puts `today` a quarter of the way into the view. */
void gantt_center_today(gantt_axis *ax, wr_date today);
/* Picks the closest zoom that shows first..last whole, starting a little
 * before `first`; when even months do not fit, centres on today. */
void gantt_fit(gantt_axis *ax, wr_date first, wr_date last, wr_date today);

#endif
