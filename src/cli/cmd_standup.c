/* warroom standup: one page for the daily meeting. Per campaign: late and
 * behind tasks with their owners, tasks due in the next two days, metrics
 * in warn or alert with their deviation, open risks with the hours left to
 * respond, negative feedback since the last stand-up with its top tags,
 * and the weighted score. The figures come from the same calls as the
 * panes (store_metric_view, store_risk_list, the feedback store), so the
 * page and the screen cannot disagree.
 *
 * "Since the last stand-up" is the start of the previous working day
 * (Monday's meeting covers Friday and the weekend) unless --since says
 * otherwise. The day is --today / WARROOM_TODAY or today, so yesterday's
 * page can be printed again exactly. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "standup.h"
#include "warroom/cli.h"
#include "warroom/i18n.h"
#include "warroom/store_feedback.h"
#include "warroom/store_standup.h"

#define SU_LIST_MAX 30 /* rows of a task list on the page */
#define SU_FEEDBACK_MAX 5
#define SU_DUE_DAYS 2

wr_date standup_default_since(wr_date today)
{
	switch (date_weekday(today)) {
	case 0: return today - 3; /* Monday: since Friday */
	case 6: return today - 2; /* Sunday: since Friday */
	default: return today - 1;
	}
}

static void task_lists_free(su_campaign *c)
{
	for (int k = 0; k < SU_N_LISTS; k++)
		standup_tasks_free(c->tasks[k], c->n[k]);
}

static void su_campaign_free(su_campaign *c)
{
	task_lists_free(c);
	if (c->has_view)
		metric_view_free(&c->view);
	free(c->alerts);
	risk_rows_free(c->risks, c->n_risks);
	feedback_rows_free(c->msgs, c->n_msgs);
	free(c->msgs);
	for (size_t i = 0; i < c->n_tags; i++)
		free(c->tags[i].tag);
	free(c->tags);
	campaign_row_free(&c->camp);
	memset(c, 0, sizeof *c);
}

void standup_free(standup *su)
{
	for (size_t i = 0; i < su->n; i++)
		su_campaign_free(&su->v[i]);
	free(su->v);
	memset(su, 0, sizeof *su);
}

/* Metrics in warn or alert, alerts first, then the furthest below pace. */
static const metric_view *sort_view;
static int by_level(const void *pa, const void *pb)
{
	const metric_figures *a = &sort_view->board.rows[*(const size_t *)pa];
	const metric_figures *b = &sort_view->board.rows[*(const size_t *)pb];
	if (a->level != b->level)
		return a->level == LEVEL_ALERT ? -1 : 1;
	if (a->deviation != b->deviation)
		return a->deviation < b->deviation ? -1 : 1;
	return *(const size_t *)pa < *(const size_t *)pb ? -1 : 1;
}

static enum store_rc load_feedback(store *s, su_campaign *c, wr_date since)
{
	feedback_filter f;
	feedback_filter_init(&f);
	f.since = since;
	enum store_rc rc = store_feedback_count(s, c->camp.id, &f, &c->fb_total);
	f.sentiment = -1;
	if (rc == STORE_OK)
		rc = store_feedback_count(s, c->camp.id, &f, &c->fb_negative);
	if (rc != STORE_OK)
		return rc;
	feedback_stats st;
	if ((rc = store_feedback_stats(s, c->camp.id, &f, &st)) != STORE_OK)
		return rc;
	/* The dictionary's tags come at 0 too: keep the ones named. */
	c->tags = xcalloc(st.n_tags + 1, sizeof *c->tags);
	for (size_t i = 0; i < st.n_tags; i++)
		if (st.tags[i].count > 0) {
			c->tags[c->n_tags].tag = xstrdup(st.tags[i].tag);
			c->tags[c->n_tags++].count = st.tags[i].count;
		}
	feedback_stats_free(&st);
	c->msgs = xcalloc(SU_FEEDBACK_MAX, sizeof *c->msgs);
	return store_feedback_page(s, c->camp.id, &f, 0, SU_FEEDBACK_MAX, c->msgs, &c->n_msgs);
}

static enum store_rc load_campaign(store *s, su_campaign *c, wr_date today, wr_date since)
{
	/* Bring the risk log up to date first, as `warroom risks` does; a
	 * read-only database shows the log as it is. */
	if (!store_readonly(s)) {
		enum store_rc rc = store_risk_scan(s, c->camp.id, today, NULL);
		if (rc != STORE_OK && rc != STORE_READONLY)
			cli_error(0, _("warning: risks were not updated: %s"), store_error(s));
	}
	enum store_rc rc = STORE_OK;
	for (int k = 0; k < SU_N_LISTS && rc == STORE_OK; k++)
		rc = store_standup_tasks(s, c->camp.id, (enum standup_task_kind)k, today,
					 today + SU_DUE_DAYS, SU_LIST_MAX, &c->tasks[k], &c->n[k],
					 &c->total[k]);
	if (rc == STORE_OK && (rc = store_metric_view(s, c->camp.id, today, &c->view)) == STORE_OK) {
		c->has_view = true;
		c->alerts = xcalloc(c->view.cur.n + 1, sizeof *c->alerts);
		for (size_t i = 0; i < c->view.cur.n; i++)
			if (c->view.board.rows[i].level >= LEVEL_WARN)
				c->alerts[c->n_alerts++] = i;
		sort_view = &c->view;
		qsort(c->alerts, c->n_alerts, sizeof *c->alerts, by_level);
	}
	if (rc == STORE_OK)
		rc = store_risk_list(s, c->camp.id, false, &c->risks, &c->n_risks);
	if (rc == STORE_OK)
		rc = load_feedback(s, c, since);
	return rc;
}

static int add_campaign(cli_ctx *ctx, standup *su, campaign_row *camp)
{
	su->v = xrealloc(su->v, (su->n + 1) * sizeof *su->v);
	su_campaign *c = &su->v[su->n++];
	memset(c, 0, sizeof *c);
	c->camp = *camp;
	enum store_rc rc = load_campaign(ctx->st, c, su->today, su->since);
	return rc == STORE_OK ? EXIT_OK : cli_store_fail(ctx, rc);
}

int cmd_standup(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"all", no_argument, NULL, 'a'},
		{"since", required_argument, NULL, 's'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{0, 0, 0, 0},
	};
	bool all = false;
	const char *since = NULL, *format = "text", *output = NULL;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'a': all = true; break;
		case 's': since = optarg; break;
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		default:
			return cli_usage("standup", _("unknown option or missing value: '%s'"), argv[optind - 1]);
		}
	}
	int fmt = standup_format_from(format);
	if (fmt < 0)
		return cli_usage("standup", _("--format is text, md, html or json, not '%s'"), format);
	if (argc - optind > 1)
		return cli_usage("standup", _("expected at most one campaign id"));
	if (all && argc - optind == 1)
		return cli_usage("standup", _("give a campaign id or --all, not both"));
	standup su = {.today = date_today()};
	su.since = standup_default_since(su.today);
	su.since_default = true;
	if (since) {
		if (!date_parse(since, &su.since))
			return cli_usage("standup", _("--since wants a date as YYYY-MM-DD, not '%s'"), since);
		su.since_default = false;
	}
	clock_now_string(su.now);

	int status = 0;
	store *s = cli_store(ctx, &status);
	if (!s)
		return status;
	if (all) {
		campaign_list l;
		enum store_rc rc = store_campaign_list(s, &l);
		if (rc != STORE_OK)
			return cli_store_fail(ctx, rc);
		su.all = true;
		for (size_t i = 0; i < l.n && !status; i++) {
			campaign_row *r = &l.v[i];
			if (r->start == WR_DATE_NONE || r->end == WR_DATE_NONE || su.today < r->start ||
			    su.today > r->end)
				continue;
			status = add_campaign(ctx, &su, r);
			memset(r, 0, sizeof *r); /* taken over */
		}
		campaign_list_free(&l);
	} else {
		campaign_row camp;
		if (optind < argc) {
			status = cli_campaign(ctx, argv[optind], &camp);
		} else {
			enum store_rc rc = store_campaign_default(s, &camp);
			if (rc == STORE_NOTFOUND)
				status = cli_error(EXIT_INPUT, _("no campaign yet: import one with 'warroom import FILE'"));
			else
				status = cli_store_fail(ctx, rc);
		}
		if (!status)
			status = add_campaign(ctx, &su, &camp);
	}
	if (!status) {
		char *page = standup_render(&su, (enum standup_format)fmt);
		status = cli_write_output(output, page, strlen(page));
		free(page);
	}
	standup_free(&su);
	return status;
}
