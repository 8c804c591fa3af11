/* One campaign's metric figures, shared by the panes that show them. The
 * Metrics and Review panes both need the whole metric view (every value
 * of the campaign and its baseline, a walk of thousands of rows); loading
 * it once per change of data, campaign or day halves the first frame of
 * a large campaign. A pane keeps its reference until it reloads, so a
 * newer view never pulls the old one from under a pane still drawing it. */
#include <stdlib.h>

#include "app.h"

static shared_metrics *load(app *a)
{
	shared_metrics *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	if (store_metric_view(a->st, a->camp.id, a->today, &m->view) != STORE_OK) {
		free(m);
		return NULL;
	}
	m->refs = 1; /* the app's own */
	m->generation = a->generation;
	return m;
}

shared_metrics *ui_metrics_acquire(app *a)
{
	if (!a->has_campaign)
		return NULL;
	if (!a->metrics || a->metrics->generation != a->generation) {
		shared_metrics *m = load(a);
		if (!m)
			return NULL; /* store_error(a->st) says why */
		ui_metrics_release(a->metrics);
		a->metrics = m;
	}
	a->metrics->refs++;
	return a->metrics;
}

void ui_metrics_release(shared_metrics *m)
{
	if (!m || --m->refs > 0)
		return;
	metric_view_free(&m->view);
	free(m);
}
