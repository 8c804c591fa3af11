/* Drawing the Review pane's lines: section headings, the goal table with
 * the metric engine's cells, highlights, problems with their why chain,
 * the improvement plan, lessons, and the status line. Every piece of
 * text from the database goes through text_sanitize; roles, never
 * colours. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane_review.h"
#include "warroom/i18n.h"
#include "warroom/text.h"

typedef struct pen {
	canvas *c;
	int y, x, end;
	bool sel;
} pen;

/* Draws text (untrusted is fine) and advances; `w` > 0 pads or cuts to
 * that many columns, 0 takes what it needs. */
static void put(pen *pn, enum ui_role role, const char *s, int w)
{
	if (pn->x >= pn->end)
		return;
	if (pn->sel)
		role = ROLE_SELECTION;
	int room = pn->end - pn->x;
	char *clean = text_sanitize(s ? s : "");
	if (w > 0) {
		if (w > room)
			w = room;
		draw_text_ellipsis(pn->c, pn->y, pn->x, w, role, clean);
		pn->x += w;
	} else {
		int tw = text_width(clean);
		if (tw > room) {
			draw_text_ellipsis(pn->c, pn->y, pn->x, room, role, clean);
			pn->x = pn->end;
		} else {
			pn->x += draw_text(pn->c, pn->y, pn->x, room, role, clean);
		}
	}
	free(clean);
}

static void put_right(pen *pn, enum ui_role role, const char *s, int w)
{
	if (pn->x >= pn->end)
		return;
	if (pn->sel)
		role = ROLE_SELECTION;
	if (w > pn->end - pn->x)
		w = pn->end - pn->x;
	char *clean = text_sanitize(s ? s : "");
	draw_text_right(pn->c, pn->y, pn->x, w, role, clean);
	free(clean);
	pn->x += w;
}

/* The first line of a long text, for a one-line cell. */
static char *first_line(const char *s)
{
	if (!s)
		return xstrdup("");
	size_t n = strcspn(s, "\n");
	return s[n] ? xasprintf("%.*s …", (int)n, s) : xstrdup(s);
}

static enum ui_role impact_role(const char *impact)
{
	return str_eq(impact, "high") ? ROLE_ALERT : str_eq(impact, "medium") ? ROLE_WARN : ROLE_MUTED;
}

static enum ui_role status_role(const char *status)
{
	return str_eq(status, "done") ? ROLE_OK : str_eq(status, "in-progress") ? ROLE_NORMAL : ROLE_WARN;
}

/* Columns of the goal table for the width. */
typedef struct goal_cols {
	int name, target, actual, ach, change;
} goal_cols;

static goal_cols goal_layout(int w)
{
	goal_cols g = {14, 8, 8, 6, 8};
	if (w < 70)
		g.change = 0;
	if (w < 58)
		g.target = 0;
	if (w >= 110)
		g.name = 20;
	/* A narrow pane (tiled at 80 columns) keeps the figures apart and
	 * whole: the metric's name gives way, down to a few characters. */
	int figures = 2 + g.target + (g.actual + 1) + (g.ach + 1) + (g.change ? g.change + 1 : 0);
	if (w - figures < g.name + 1)
		g.name = w - figures - 1 > 6 ? w - figures - 1 : 6;
	return g;
}

static void draw_heading(review_pane *p, pen *pn, int h)
{
	const review_data *r = &p->rv;
	char buf[160];
	size_t open = 0, overdue = 0;
	for (size_t i = 0; i < r->n_problems; i++) {
		if (!str_eq(r->problems[i].status, "done"))
			open++;
		if (problem_overdue(&r->problems[i], p->a->today))
			overdue++;
	}
	switch (h) {
	case H_OVERVIEW: put(pn, ROLE_TITLE, _("Overview 活动概述"), 0); break;
	case H_GOALS: put(pn, ROLE_TITLE, _("Goal achievement 目标达成"), 0); break;
	case H_GOALS_COLUMNS: {
		goal_cols g = goal_layout(pn->end - pn->x);
		pn->x += 2;
		put(pn, ROLE_MUTED, _("metric"), g.name + 1);
		if (g.target)
			put_right(pn, ROLE_MUTED, _("target"), g.target);
		put_right(pn, ROLE_MUTED, _("actual"), g.actual + 1);
		put_right(pn, ROLE_MUTED, _("achv"), g.ach + 1);
		if (g.change)
			put_right(pn, ROLE_MUTED, _("vs base"), g.change + 1);
		pn->x += 2;
		put(pn, ROLE_MUTED, _("analysis 分析说明"), 0);
		break;
	}
	case H_HIGHLIGHTS:
		snprintf(buf, sizeof buf, _("Highlights 成果亮点 (%zu)"), r->n_highlights);
		put(pn, ROLE_TITLE, buf, 0);
		break;
	case H_PROBLEMS:
		snprintf(buf, sizeof buf, _("Problems and root causes 问题与根因 (%zu, %zu open)"),
			 r->n_problems, open);
		put(pn, ROLE_TITLE, buf, 0);
		break;
	case H_PLAN:
		snprintf(buf, sizeof buf, _("Improvement plan 改进计划 (%zu open"), open);
		put(pn, ROLE_TITLE, buf, 0);
		if (overdue) {
			snprintf(buf, sizeof buf, _(", %zu overdue"), overdue);
			put(pn, ROLE_ALERT, buf, 0);
		}
		/* TRANSLATORS: closes "Improvement plan (%zu open". */
		put(pn, ROLE_TITLE, _(")"), 0);
		break;
	case H_LESSONS:
		snprintf(buf, sizeof buf, _("Lessons 经验沉淀 (%zu)"), r->n_lessons);
		put(pn, ROLE_TITLE, buf, 0);
		break;
	case H_EMPTY:
		pn->x += 2;
		put(pn, ROLE_MUTED, _("none yet (a adds)"), 0);
		break;
	default: break;
	}
}

static void draw_note(review_pane *p, pen *pn, const review_note *n)
{
	goal_cols g = goal_layout(pn->end - pn->x);
	pn->x += 2;
	long i = p->figures ? metric_view_find(&p->figures->view, n->metric_key) : -1;
	metric_cells cells;
	memset(&cells, 0, sizeof cells);
	enum ui_role level = ROLE_NORMAL;
	if (i >= 0) {
		const metric_def *m = &p->figures->view.cur.defs[i];
		const metric_figures *f = &p->figures->view.board.rows[i];
		metric_cells_format(m, f, metric_prefers_cjk(p->a->camp.currency, m->unit), &cells);
		if (f->has_achievement)
			level = f->achievement >= 1 ? ROLE_OK : f->achievement >= 0.8 ? ROLE_WARN : ROLE_ALERT;
	}
	put(pn, ROLE_NORMAL, n->metric_name ? n->metric_name : n->metric_key, g.name + 1);
	if (g.target)
		put_right(pn, ROLE_MUTED, i >= 0 ? cells.target : "—", g.target);
	put_right(pn, ROLE_NORMAL, i >= 0 ? cells.actual : "—", g.actual + 1);
	put_right(pn, level, i >= 0 ? cells.achievement : "—", g.ach + 1);
	if (g.change)
		put_right(pn, ROLE_NORMAL, i >= 0 ? cells.change : "—", g.change + 1);
	pn->x += 2;
	if (str_empty(n->note)) {
		put(pn, ROLE_MUTED, _("(no analysis yet)"), 0);
	} else {
		char *l = first_line(n->note);
		put(pn, ROLE_NORMAL, l, 0);
		free(l);
	}
}

static void draw_problem(review_pane *p, pen *pn, size_t idx, int part)
{
	const problem_row *x = &p->rv.problems[idx];
	char buf[64];
	if (part == 0) {
		pn->x += 2;
		snprintf(buf, sizeof buf, "P%zu ", idx + 1);
		put(pn, ROLE_MUTED, buf, 0);
		put(pn, impact_role(x->impact), i18n_context("review", x->impact), 7);
		/* Owner and deadline when there is room, the status nearly always. */
		int avail = pn->end - pn->x;
		bool all = avail >= 16 + 34, status = avail >= 16 + 12;
		put(pn, ROLE_NORMAL, x->description, avail - (all ? 34 : status ? 12 : 0));
		if (all) {
			pn->x += 1;
			put(pn, ROLE_NORMAL, str_empty(x->owner) ? "—" : x->owner, 11);
			bool late = problem_overdue(x, p->a->today);
			put(pn, late ? ROLE_ALERT : ROLE_NORMAL, x->deadline ? x->deadline : "—", 11);
		} else if (status) {
			pn->x += 1;
		}
		if (all || status)
			put(pn, status_role(x->status), i18n_context("review", x->status), 11);
	} else if (part == 1) {
		pn->x += 6;
		const char *why[] = {x->why1, x->why2, x->why3, x->why4, x->why5};
		strbuf sb = STRBUF_INIT;
		sb_adds(&sb, _("why: "));
		bool any = false;
		for (size_t k = 0; k < 5; k++) {
			if (str_empty(why[k]))
				continue;
			sb_printf(&sb, "%s%s", any ? " → " : "", why[k]);
			any = true;
		}
		if (!any)
			sb_reset(&sb);
		if (!str_empty(x->root_cause))
			sb_printf(&sb, _("%sroot cause: %s"), any ? " ⇒ " : "", x->root_cause);
		put(pn, ROLE_MUTED, sb_str(&sb), 0);
		sb_free(&sb);
	} else {
		pn->x += 6;
		put(pn, ROLE_MUTED, _("action: "), 0);
		char *l = first_line(x->action);
		put(pn, ROLE_NORMAL, l, 0);
		free(l);
	}
}

static void draw_plan(review_pane *p, pen *pn, size_t idx)
{
	const problem_row *x = &p->rv.problems[idx];
	bool any_late = false;
	for (size_t i = 0; i < p->rv.n_problems; i++)
		any_late |= problem_overdue(&p->rv.problems[i], p->a->today);
	pn->x += 2;
	put(pn, str_empty(x->owner) ? ROLE_MUTED : ROLE_NORMAL, str_empty(x->owner) ? _("(no owner)") : x->owner,
	    11);
	bool late = problem_overdue(x, p->a->today);
	put(pn, late ? ROLE_ALERT : x->deadline ? ROLE_NORMAL : ROLE_MUTED, x->deadline ? x->deadline : "—",
	    11);
	if (any_late)
		put(pn, ROLE_ALERT, late ? _("overdue") : "", 8);
	char tag[24];
	snprintf(tag, sizeof tag, "P%zu ", idx + 1);
	put(pn, ROLE_MUTED, tag, 4);
	int room = pn->end - pn->x - 12;
	char *l = first_line(str_empty(x->action) ? _("(no action yet)") : x->action);
	put(pn, str_empty(x->action) ? ROLE_MUTED : ROLE_NORMAL, l, room > 8 ? room : 0);
	free(l);
	pn->x += 1;
	put(pn, status_role(x->status), i18n_context("review", x->status), 0);
}

static void draw_line(review_pane *p, const rline *l, pen *pn)
{
	const review_data *r = &p->rv;
	switch (l->kind) {
	case IK_NONE: draw_heading(p, pn, l->heading); break;
	case IK_OVERVIEW:
		pn->x += 2;
		if (!p->overview || !p->overview[0]) {
			put(pn, ROLE_MUTED, _("(no overview yet: e writes it)"), 0);
		} else {
			char *seg = xstrndup(p->overview + l->off, l->len);
			put(pn, ROLE_NORMAL, seg, 0);
			free(seg);
			/* More than fits: say so on the last line shown. */
			if (l->part == OVERVIEW_MAX_LINES - 1 && l->off + l->len < strlen(p->overview))
				put(pn, ROLE_MUTED, " …", 0);
		}
		break;
	case IK_NOTE: draw_note(p, pn, &r->notes[l->idx]); break;
	case IK_HIGHLIGHT: {
		const highlight_row *h = &r->highlights[l->idx];
		if (l->part == 0) {
			pn->x += 2;
			put(pn, ROLE_OK, "★ ", 0);
			put(pn, ROLE_NORMAL, h->text, 0);
			if (!str_empty(h->metric_key)) {
				put(pn, ROLE_MUTED, " [", 0);
				put(pn, ROLE_MUTED, h->metric_key, 0);
				put(pn, ROLE_MUTED, "]", 0);
			}
		} else {
			pn->x += 4;
			put(pn, ROLE_MUTED, _("why: "), 0);
			char *w = first_line(h->why);
			put(pn, ROLE_MUTED, w, 0);
			free(w);
		}
		break;
	}
	case IK_PROBLEM: draw_problem(p, pn, l->idx, l->part); break;
	case IK_PLAN: draw_plan(p, pn, l->idx); break;
	case IK_LESSON: {
		const lesson_row *x = &r->lessons[l->idx];
		if (l->part == 0) {
			pn->x += 2;
			char cat[32];
			snprintf(cat, sizeof cat, "[%s] ", i18n_context("review", x->category));
			put(pn, ROLE_GROUP, cat, 0);
			char *c = first_line(x->content);
			put(pn, ROLE_NORMAL, c, 0);
			free(c);
		} else {
			pn->x += 4;
			strbuf sb = STRBUF_INIT;
			if (!str_empty(x->scenarios))
				sb_printf(&sb, _("applies to: %s"), x->scenarios);
			if (!str_empty(x->standardisation))
				sb_printf(&sb, _("%sstandardise: %s"), sb.len ? " · " : "", x->standardisation);
			put(pn, ROLE_MUTED, sb_str(&sb), 0);
			sb_free(&sb);
		}
		break;
	}
	}
}

void review_draw_status(review_pane *p, app *a, int y, int x, int end)
{
	pen pnv = {&a->cv, y, x, end, false};
	pen *pn = &pnv;
	const review_head *h = &p->rv.head;
	if (h->is_final)
		put(pn, ROLE_OK, _(" FINAL 定稿"), 0);
	else
		put(pn, ROLE_WARN, _(" draft 草稿"), 0);
	char buf[64];
	snprintf(buf, sizeof buf, _(" · version %lld"), (long long)h->version);
	put(pn, ROLE_MUTED, buf, 0);
	if (p->stale)
		put(pn, ROLE_STATUS_ERROR, _(" · changed elsewhere: R reloads"), 0);
	if (h->updated_by) {
		put(pn, ROLE_MUTED, _(" · last changed by "), 0);
		put(pn, ROLE_MUTED, h->updated_by, 0);
		put(pn, ROLE_MUTED, _(" at "), 0);
		put(pn, ROLE_MUTED, h->updated_at, 0);
	}
	if (!p->stale && a->camp.end < a->today && !h->is_final) {
		put(pn, ROLE_MUTED, _(" · campaign over: F marks the review final"), 0);
	}
}

void review_draw_line(review_pane *p, const rline *l, int y, int x, int end, bool sel)
{
	pen pn = {&p->a->cv, y, x, end, sel};
	draw_line(p, l, &pn);
}
