/* The stand-up page between loading (cmd_standup.c) and its four renderings
 * (standup_render.c): plain text aligned by display width, Markdown,
 * self-contained HTML and JSON. Private to src/cli/. */
#ifndef WARROOM_CLI_STANDUP_H
#define WARROOM_CLI_STANDUP_H

#include <stdbool.h>
#include <stddef.h>

#include "warroom/store.h"
#include "warroom/store_feedback.h"
#include "warroom/store_metric.h"
#include "warroom/store_standup.h"

enum standup_format { SU_TEXT = 0, SU_MD, SU_HTML, SU_JSON };
#define SU_N_LISTS 3 /* enum standup_task_kind: late, behind, due */

typedef struct su_campaign {
	campaign_row camp;
	task_row *tasks[SU_N_LISTS]; /* at most SU_LIST_MAX each */
	size_t n[SU_N_LISTS], total[SU_N_LISTS];
	bool has_view;
	metric_view view;
	size_t *alerts; /* metrics in warn or alert: indices into view, alerts first */
	size_t n_alerts;
	risk_row *risks; /* open risks, overdue first, then by respond_by */
	size_t n_risks;
	size_t fb_total, fb_negative; /* messages since, and the negative ones */
	feedback_tag_stat *tags;      /* tags of the negative ones, most named first */
	size_t n_tags;
	feedback_row *msgs; /* the newest negative ones */
	size_t n_msgs;
} su_campaign;

typedef struct standup {
	wr_date today, since;
	bool since_default; /* the previous working day, not --since */
	bool all;           /* --all: every running campaign */
	char now[24];       /* "YYYY-MM-DD HH:MM:SS" by the program's clock */
	su_campaign *v;
	size_t n;
} standup;

/* The start of the last stand-up's day: the previous working day. */
wr_date standup_default_since(wr_date today);
void standup_free(standup *su);

/* "text", "md" (or "markdown"), "html", "json"; -1 when unknown. */
int standup_format_from(const char *s);
/* The page as a new string. */
char *standup_render(const standup *su, enum standup_format f);

#endif
