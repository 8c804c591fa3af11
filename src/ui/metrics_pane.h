/* Private to the Metrics pane: its state, shared by pane_metrics.c (the
 * table), metrics_detail.c (one metric: chart and values, editable) and
 * pane_risks.c (the risk log). The figures come from store_metric_view,
 * the same call behind `warroom metrics`, recomputed only when the data
 * version changes (another operator, a cron import, our own edit) and
 * shared with the Review pane (shared_metrics.c). */
#ifndef WARROOM_UI_METRICS_PANE_H
#define WARROOM_UI_METRICS_PANE_H

#include "app.h"
#include "list.h"
#include "warroom/store_metric.h"

enum metrics_mode { MM_TABLE = 0, MM_METRIC, MM_RISKS };

/* A line of the table: a layer heading or a metric. */
typedef struct mline {
	bool heading;
	enum metric_layer layer;
	size_t metric; /* index in the view */
} mline;

typedef struct metrics_pane {
	app *a;
	enum metrics_mode mode;
	/* the figures */
	bool stale, loaded;
	shared_metrics *figures; /* ->view while loaded */
	char error[256];
	/* the table */
	mline *lines;
	size_t n_lines;
	size_t cursor, top; /* line indexes; the cursor is always on a metric */
	char *cursor_key;   /* kept across reloads */
	char *filter;       /* search text */
	/* one metric (MM_METRIC) */
	char *m_key;
	int64_t m_id;
	vlist values;
	bool values_ready;
	/* the risk log (MM_RISKS) */
	risk_row *risks;
	size_t n_risks, r_cursor, r_top;
	bool show_closed;
	enum metrics_mode risks_from; /* where Esc goes back to */
	size_t n_open, n_overdue;
	/* what an open prompt or menu is editing */
	int64_t edit_id, edit_version;
	int edit_field;
	/* drawing */
	bool need_full, drawn_focus;
	rect drawn_r;
	char drawn_minute[17]; /* the risk log's countdown moves with the clock */
} metrics_pane;

/* Recomputes when stale (cheap otherwise). */
void metrics_ensure(metrics_pane *p);
/* The metric on the table's cursor, or -1. */
long metrics_current(metrics_pane *p);
/* Number text of a metric value in the campaign's style. */
char *metrics_num(const metrics_pane *p, const metric_def *m, double v, char *buf, size_t size);
enum ui_role metrics_level_role(enum metric_level l);

/* metrics_detail.c */
void metric_detail_open(metrics_pane *p, app *a, size_t index);
void metric_detail_reload(metrics_pane *p);
void metric_detail_draw(metrics_pane *p, app *a, rect r, bool focused);
bool metric_detail_action(metrics_pane *p, app *a, enum action act);
void metric_detail_close(metrics_pane *p);

/* pane_risks.c */
void risks_load(metrics_pane *p, app *a);
void risks_draw(metrics_pane *p, app *a, rect r, bool focused);
bool risks_action(metrics_pane *p, app *a, enum action act);
void risks_free(metrics_pane *p);

#endif
