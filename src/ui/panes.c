/* The panes, in tab order: keys 1-4 and Tab follow this table. A pane
 * that is not written yet is a placeholder that says what will be there;
 * its file replaces the placeholder's line here (see pane.h). */
#include "pane.h"

extern const pane_ops pane_tasks_ops;
extern const pane_ops pane_metrics_ops;
extern const pane_ops pane_review_ops;
extern const pane_ops pane_inbox_ops;

const pane_ops *const ui_panes[] = {
	&pane_tasks_ops,
	&pane_metrics_ops,
	&pane_inbox_ops,
	&pane_review_ops,
};
const size_t ui_n_panes = sizeof ui_panes / sizeof ui_panes[0];
