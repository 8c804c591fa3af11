/* The Review pane (复盘): the campaign's review as one scrolling page —
 * overview; goal achievement (each metric's target, actual, achievement
 * and change against the baseline from the metric engine, with the
 * team's analysis note); highlights; problems with their 5-why chain,
 * root cause and action; the improvement plan (open actions by owner and
 * deadline); lessons. The cursor moves over items; e edits one, a adds,
 * L opens the lessons library. A review is small (tens of items), so it
 * is read whole in a fixed number of queries when the data changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane_review.h"
#include "warroom/i18n.h"
#include "warroom/text.h"


/* ---- loading ------------------------------------------------------------- */

static void unload(review_pane *p)
{
	review_data_free(&p->rv);
	ui_metrics_release(p->figures);
	p->figures = NULL;
	free(p->overview);
	p->overview = NULL;
	p->loaded = false;
}

static void load(review_pane *p, app *a)
{
	unload(p);
	p->error[0] = '\0';
	if (!a->has_campaign)
		return;
	if (store_review_load(a->st, a->camp.id, &p->rv) != STORE_OK) {
		snprintf(p->error, sizeof p->error, _("could not read the review: %s"), store_error(a->st));
		return;
	}
	p->loaded = true;
	/* The figures are the metric engine's, exactly as the Metrics pane
	 * shows them; a failure there leaves the notes without numbers. */
	p->figures = ui_metrics_acquire(a);
	const char *ov = p->rv.head.overview;
	p->overview = text_sanitize_n(ov ? ov : "", ov ? strlen(ov) : 0, true);
}

/* ---- lines ---------------------------------------------------------------- */

static void push(review_pane *p, rline l)
{
	p->lines = xgrow(p->lines, &p->cap_lines, p->n_lines + 1, sizeof *p->lines);
	p->lines[p->n_lines++] = l;
}

static void heading(review_pane *p, int h)
{
	push(p, (rline){.heading = h});
}

static bool problem_has_chain(const problem_row *x)
{
	return !str_empty(x->why1) || !str_empty(x->why2) || !str_empty(x->why3) ||
	       !str_empty(x->why4) || !str_empty(x->why5) || !str_empty(x->root_cause);
}

/* The overview wrapped to the width, at most OVERVIEW_MAX_LINES lines. */
static void overview_lines(review_pane *p, int width)
{
	const char *s = p->overview ? p->overview : "";
	size_t len = strlen(s), off = 0;
	int n = 0;
	if (!len) {
		push(p, (rline){.kind = IK_OVERVIEW});
		return;
	}
	while (off < len && n < OVERVIEW_MAX_LINES) {
		size_t nl = strcspn(s + off, "\n");
		char *para = xstrndup(s + off, nl);
		size_t used = 0;
		do {
			int w;
			size_t take = text_prefix_bytes(para + used, width, &w);
			if (take == 0 && para[used])
				take = strlen(para + used) < 4 ? strlen(para + used) : 1;
			push(p, (rline){.kind = IK_OVERVIEW, .part = n++, .off = off + used, .len = take});
			used += take;
		} while (para[used] && n < OVERVIEW_MAX_LINES);
		free(para);
		off += nl + 1;
	}
}

static bool same_item(const rline *x, const rline *y)
{
	return x->kind != IK_NONE && x->kind == y->kind && x->idx == y->idx;
}

static int64_t item_id(const review_pane *p, const rline *l)
{
	switch (l->kind) {
	case IK_NOTE: return p->rv.notes[l->idx].metric_id;
	case IK_HIGHLIGHT: return p->rv.highlights[l->idx].id;
	case IK_PROBLEM:
	case IK_PLAN: return p->rv.problems[l->idx].id;
	case IK_LESSON: return p->rv.lessons[l->idx].id;
	default: return 0;
	}
}

static void build(review_pane *p)
{
	p->n_lines = 0;
	int w = p->width - 4 > 10 ? p->width - 4 : 10;
	const review_data *r = &p->rv;
	heading(p, H_OVERVIEW);
	overview_lines(p, w);
	heading(p, H_BLANK);
	heading(p, H_GOALS);
	if (r->n_notes)
		heading(p, H_GOALS_COLUMNS);
	else
		heading(p, H_EMPTY);
	for (size_t i = 0; i < r->n_notes; i++)
		push(p, (rline){.kind = IK_NOTE, .idx = i});
	heading(p, H_BLANK);
	heading(p, H_HIGHLIGHTS);
	if (!r->n_highlights)
		heading(p, H_EMPTY);
	for (size_t i = 0; i < r->n_highlights; i++) {
		push(p, (rline){.kind = IK_HIGHLIGHT, .idx = i});
		if (!str_empty(r->highlights[i].why))
			push(p, (rline){.kind = IK_HIGHLIGHT, .idx = i, .part = 1});
	}
	heading(p, H_BLANK);
	heading(p, H_PROBLEMS);
	if (!r->n_problems)
		heading(p, H_EMPTY);
	for (size_t i = 0; i < r->n_problems; i++) {
		const problem_row *x = &r->problems[i];
		push(p, (rline){.kind = IK_PROBLEM, .idx = i});
		if (problem_has_chain(x))
			push(p, (rline){.kind = IK_PROBLEM, .idx = i, .part = 1});
		if (!str_empty(x->action))
			push(p, (rline){.kind = IK_PROBLEM, .idx = i, .part = 2});
	}
	heading(p, H_BLANK);
	heading(p, H_PLAN);
	size_t n;
	size_t *plan = review_open_actions(r, &n);
	if (!n)
		heading(p, H_EMPTY);
	for (size_t k = 0; k < n; k++)
		push(p, (rline){.kind = IK_PLAN, .idx = plan[k]});
	free(plan);
	heading(p, H_BLANK);
	heading(p, H_LESSONS);
	if (!r->n_lessons)
		heading(p, H_EMPTY);
	for (size_t i = 0; i < r->n_lessons; i++) {
		push(p, (rline){.kind = IK_LESSON, .idx = i});
		if (!str_empty(r->lessons[i].scenarios) || !str_empty(r->lessons[i].standardisation))
			push(p, (rline){.kind = IK_LESSON, .idx = i, .part = 1});
	}
}

static bool selectable(const rline *l)
{
	return l->kind != IK_NONE && l->part == 0;
}

static void first_selectable(review_pane *p)
{
	p->cursor = 0;
	while (p->cursor < p->n_lines && !selectable(&p->lines[p->cursor]))
		p->cursor++;
	if (p->cursor >= p->n_lines)
		p->cursor = 0;
}

void review_select(review_pane *p, enum item_kind kind, int64_t id)
{
	for (size_t i = 0; i < p->n_lines; i++)
		if (selectable(&p->lines[i]) && p->lines[i].kind == kind &&
		    (kind == IK_OVERVIEW || item_id(p, &p->lines[i]) == id)) {
			p->cursor = i;
			p->need_full = true;
			return;
		}
}

void review_rebuild(review_pane *p)
{
	enum item_kind kind = IK_NONE;
	int64_t id = 0;
	if (p->cursor < p->n_lines) {
		kind = p->lines[p->cursor].kind;
		id = item_id(p, &p->lines[p->cursor]);
	}
	build(p);
	first_selectable(p);
	if (kind != IK_NONE)
		review_select(p, kind, id);
	p->need_full = true;
}

/* ---- the pane ------------------------------------------------------------ */

static void *review_open(app *a)
{
	review_pane *p = xcalloc(1, sizeof *p);
	p->a = a;
	p->need_full = true;
	return p;
}

static void review_close(void *self)
{
	review_pane *p = self;
	unload(p);
	free(p->lines);
	free(p->pending);
	lessons_free(&p->lib);
	free(p);
}

static void reload_now(review_pane *p, app *a, enum pane_reload why)
{
	/* Keep the cursor on the same item across the reload. */
	enum item_kind kind = IK_NONE;
	int64_t id = 0;
	if (why != PANE_RELOAD_CAMPAIGN && p->loaded && p->cursor < p->n_lines) {
		kind = p->lines[p->cursor].kind;
		id = item_id(p, &p->lines[p->cursor]);
	}
	size_t old_top = p->top;
	load(p, a);
	p->stale = false;
	if (why == PANE_RELOAD_CAMPAIGN) {
		free(p->pending);
		p->pending = NULL;
		p->top = 0;
		p->lib.active = false;
	}
	build(p);
	first_selectable(p);
	if (kind != IK_NONE) {
		review_select(p, kind, id);
		p->top = old_top;
	}
	if (p->lib.active)
		lessons_reload(&p->lib, a);
	p->need_full = true;
}

static void ensure(review_pane *p, app *a)
{
	if (p->reload_due) {
		p->reload_due = false;
		reload_now(p, a, p->reload_why);
	}
}

static bool on_screen(const review_pane *p, const app *a)
{
	return a->tiled || (a->focus < a->n_panes && a->panes[a->focus].self == p);
}

/* The review reads the whole metric view for its figures: a pane out of
 * sight reads it when it is next drawn or used, so opening a campaign on
 * another pane does not pay. On screen it reloads at once: its own edits
 * look up what they saved straight after. */
static void review_reload(void *self, app *a, enum pane_reload why)
{
	review_pane *p = self;
	if (!p->reload_due || why == PANE_RELOAD_CAMPAIGN)
		p->reload_why = why;
	p->reload_due = true;
	p->need_full = true;
	if (on_screen(p, a))
		ensure(p, a);
}

bool review_current(review_pane *p, enum review_entity *e, int64_t *id, int64_t *version,
		    const void **row)
{
	if (!p->loaded || p->cursor >= p->n_lines)
		return false;
	const rline *l = &p->lines[p->cursor];
	const review_data *r = &p->rv;
	switch (l->kind) {
	case IK_OVERVIEW:
		*e = RV_REVIEW;
		*id = r->head.campaign_id;
		*version = r->head.version;
		*row = &r->head;
		return true;
	case IK_NOTE:
		*e = RV_NOTE;
		*id = r->notes[l->idx].metric_id;
		*version = r->notes[l->idx].version;
		*row = &r->notes[l->idx];
		return true;
	case IK_HIGHLIGHT:
		*e = RV_HIGHLIGHT;
		*id = r->highlights[l->idx].id;
		*version = r->highlights[l->idx].version;
		*row = &r->highlights[l->idx];
		return true;
	case IK_PROBLEM:
	case IK_PLAN:
		*e = RV_PROBLEM;
		*id = r->problems[l->idx].id;
		*version = r->problems[l->idx].version;
		*row = &r->problems[l->idx];
		return true;
	case IK_LESSON:
		*e = RV_LESSON;
		*id = r->lessons[l->idx].id;
		*version = r->lessons[l->idx].version;
		*row = &r->lessons[l->idx];
		return true;
	default:
		return false;
	}
}

static void review_draw(void *self, app *a, rect r, unsigned flags)
{
	review_pane *p = self;
	ensure(p, a);
	if (!(flags & PANE_DRAW_FULL) && !p->need_full)
		return;
	p->need_full = false;
	canvas *c = &a->cv;
	if (p->lib.active) {
		p->height = r.h;
		lessons_draw(&p->lib, a, r);
		return;
	}
	for (int y = r.y; y < r.y + r.h; y++)
		draw_fill(c, y, r.x, r.w, ROLE_NORMAL);
	if (r.h < 1)
		return;
	if (!a->has_campaign) {
		draw_text_ellipsis(c, r.y, r.x + 1, r.w - 1, ROLE_MUTED, _("no campaign: import one first"));
		return;
	}
	if (p->error[0]) {
		draw_text_ellipsis(c, r.y, r.x + 1, r.w - 1, ROLE_STATUS_ERROR, p->error);
		return;
	}
	if (r.w != p->width) {
		p->width = r.w;
		review_rebuild(p);
	}
	review_draw_status(p, a, r.y, r.x, r.x + r.w);
	int body = r.h - 1;
	p->height = body;
	if (body < 1)
		return;
	/* Keep the whole selected item in view when it fits. */
	size_t last = p->cursor;
	while (last + 1 < p->n_lines && same_item(&p->lines[last + 1], &p->lines[p->cursor]))
		last++;
	if (p->cursor < p->top)
		p->top = p->cursor;
	if (last >= p->top + (size_t)body)
		p->top = last - (size_t)body + 1 > p->cursor ? p->cursor : last - (size_t)body + 1;
	/* The heading above the first item stays with it. */
	if (p->top > 0 && p->top == p->cursor && p->lines[p->top - 1].kind == IK_NONE &&
	    p->lines[p->top - 1].heading != H_BLANK && last + 1 < p->top + (size_t)body)
		p->top--;
	if (p->top > 0 && p->top + (size_t)body > p->n_lines)
		p->top = p->n_lines > (size_t)body ? p->n_lines - (size_t)body : 0;
	bool focused = flags & PANE_DRAW_FOCUSED;
	for (int i = 0; i < body && p->top + (size_t)i < p->n_lines; i++) {
		const rline *l = &p->lines[p->top + (size_t)i];
		bool sel = focused && same_item(l, &p->lines[p->cursor]);
		int y = r.y + 1 + i;
		if (sel)
			draw_fill(c, y, r.x, r.w, ROLE_SELECTION);
		review_draw_line(p, l, y, r.x + 1, r.x + r.w - 1, sel);
	}
}

/* ---- moving ---------------------------------------------------------------- */

static void move_cursor(review_pane *p, int dir, size_t steps)
{
	size_t i = p->cursor;
	while (steps--) {
		size_t j = i;
		bool found = false;
		while (dir < 0 ? j > 0 : j + 1 < p->n_lines) {
			j = dir < 0 ? j - 1 : j + 1;
			if (selectable(&p->lines[j]) && !same_item(&p->lines[j], &p->lines[i])) {
				found = true;
				break;
			}
		}
		if (!found)
			break;
		i = j;
	}
	p->cursor = i;
	p->need_full = true;
}

static size_t count_items(const review_pane *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_lines; i++)
		n += selectable(&p->lines[i]);
	return n;
}

static bool review_action(void *self, app *a, enum action act)
{
	review_pane *p = self;
	ensure(p, a);
	if (p->lib.active) {
		bool done = lessons_action(&p->lib, a, act, p->height);
		if (done)
			p->need_full = true;
		if (done || act == ACT_ENTER || act == ACT_SEARCH)
			return done;
		/* Review edits are not offered over the library. */
		if (act >= ACT_RV_EDIT && act <= ACT_RV_RELOAD) {
			ui_message(a, ROLE_STATUS, _("L or Esc returns to the review"));
			return true;
		}
		return false;
	}
	size_t page = p->height > 2 ? (size_t)p->height / 3 : 1;
	switch (act) {
	case ACT_UP: move_cursor(p, -1, 1); return true;
	case ACT_DOWN: move_cursor(p, 1, 1); return true;
	case ACT_PAGE_UP: move_cursor(p, -1, page); return true;
	case ACT_PAGE_DOWN: move_cursor(p, 1, page); return true;
	case ACT_HALF_UP: move_cursor(p, -1, (page + 1) / 2); return true;
	case ACT_HALF_DOWN: move_cursor(p, 1, (page + 1) / 2); return true;
	case ACT_TOP:
		first_selectable(p);
		p->top = 0;
		p->need_full = true;
		return true;
	case ACT_BOTTOM: move_cursor(p, 1, count_items(p)); return true;
	case ACT_LESSONS:
		lessons_toggle(&p->lib, a);
		p->need_full = true;
		return true;
	default: return review_edit_action(p, a, act);
	}
}

static void review_info(void *self, app *a, strbuf *out)
{
	review_pane *p = self;
	ensure(p, a);
	if (!a->has_campaign || !p->loaded)
		return;
	if (p->lib.active) {
		sb_printf(out, _("lessons library · %zu"), p->lib.n);
		return;
	}
	sb_printf(out, "%s v%lld", p->rv.head.is_final ? _("final") : _("draft"),
		  (long long)p->rv.head.version);
	size_t n;
	size_t *idx = review_open_actions(&p->rv, &n);
	free(idx);
	sb_printf(out, P_(" · %zu problem, %zu open", " · %zu problems, %zu open", p->rv.n_problems),
		  p->rv.n_problems, n);
}

static bool item_matches(review_pane *p, size_t line, const char *text)
{
	enum review_entity e;
	int64_t id, version;
	const void *row;
	size_t keep = p->cursor;
	p->cursor = line;
	bool ok = review_current(p, &e, &id, &version, &row);
	p->cursor = keep;
	if (!ok)
		return false;
	size_t nf;
	const review_field *f = review_fields(e, &nf);
	for (size_t k = 0; k < nf; k++) {
		const char *v = review_field_get(row, &f[k]);
		if (v && strcasestr(v, text))
			return true;
	}
	const char *name = e == RV_NOTE ? ((const review_note *)row)->metric_name : NULL;
	return name && strcasestr(name, text);
}

static void review_search(void *self, app *a, const char *text, bool final)
{
	review_pane *p = self;
	ensure(p, a);
	if (p->lib.active) {
		lessons_search(&p->lib, a, text);
		p->need_full = true;
		return;
	}
	if (str_empty(text))
		return;
	/* Jump to the next item that mentions the text. */
	size_t start = final ? p->cursor + 1 : p->cursor;
	for (size_t k = 0; k < p->n_lines; k++) {
		size_t i = (start + k) % p->n_lines;
		if (selectable(&p->lines[i]) && item_matches(p, i, text)) {
			p->cursor = i;
			p->need_full = true;
			return;
		}
	}
	if (final)
		ui_message(a, ROLE_STATUS, _("nothing in the review mentions that"));
}

static const char *review_search_text(void *self)
{
	review_pane *p = self;
	return p->lib.active ? p->lib.text : NULL;
}

static bool review_detail_op(void *self, app *a, doc *out)
{
	review_pane *p = self;
	ensure(p, a);
	if (p->lib.active)
		return lessons_detail(&p->lib, a, out);
	return review_detail(self, a, out);
}

const pane_ops pane_review_ops = {
	.name = "review",
	.title = N_("Review"),
	.open = review_open,
	.close = review_close,
	.reload = review_reload,
	.draw = review_draw,
	.action = review_action,
	.info = review_info,
	.detail = review_detail_op,
	.search = review_search,
	.search_text = review_search_text,
};
