/* Placeholder panes for Metrics, Inbox and Review: they say plainly what
 * the pane will hold, until the pane's own file replaces them in panes.c. */
#include <stdlib.h>

#include "app.h"
#include "warroom/i18n.h"

static void *ph_open(app *a)
{
	WR_UNUSED(a);
	return NULL;
}

static void ph_draw(const char *title, const char *text, app *a, rect r, unsigned flags)
{
	if (!(flags & PANE_DRAW_FULL))
		return;
	canvas *c = &a->cv;
	for (int y = r.y; y < r.y + r.h; y++)
		draw_fill(c, y, r.x, r.w, ROLE_NORMAL);
	if (r.h < 2)
		return;
	char *head = xasprintf(_("%s — no view yet"), title);
	draw_text_ellipsis(c, r.y + 1, r.x + 2, r.w - 4, ROLE_TITLE, head);
	free(head);
	draw_text_ellipsis(c, r.y + 2, r.x + 2, r.w - 4, ROLE_MUTED, text);
}

#define PLACEHOLDER(id, nm, ttl, text)                                                             \
	static void id##_draw(void *self, app *a, rect r, unsigned flags)                          \
	{                                                                                          \
		WR_UNUSED(self);                                                                   \
		ph_draw(_(ttl), _(text), a, r, flags);                                             \
	}                                                                                          \
	const pane_ops id = {.name = nm, .title = ttl, .open = ph_open, .draw = id##_draw};

PLACEHOLDER(pane_metrics_placeholder, "metrics", N_("Metrics"),
	    N_("Live metrics against target, pacing and alerts will be shown here."))
PLACEHOLDER(pane_inbox_placeholder, "inbox", N_("Inbox"),
	    N_("Customer feedback to triage, tag and search will be shown here."))
PLACEHOLDER(pane_review_placeholder, "review", N_("Review"),
	    N_("The post-campaign review and the lessons library will be shown here."))
