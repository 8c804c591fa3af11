/* The lessons library (L in the Review pane): the lessons of every
 * campaign's review, newest campaign first, narrowed by a search over the
 * lesson, where it applies, its standardisation and the campaign, so that
 * the next plan starts from what the last ones taught. Enter shows one
 * lesson in full. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane_review.h"
#include "warroom/i18n.h"
#include "warroom/text.h"

void lessons_free(lessons_view *l)
{
	lesson_rows_free(l->v, l->n);
	free(l->text);
	memset(l, 0, sizeof *l);
}

void lessons_reload(lessons_view *l, app *a)
{
	lesson_rows_free(l->v, l->n);
	l->v = NULL;
	l->n = 0;
	l->error[0] = '\0';
	if (store_lesson_search(a->st, l->text, NULL, &l->v, &l->n) != STORE_OK)
		snprintf(l->error, sizeof l->error, _("could not read the lessons: %s"), store_error(a->st));
	if (l->cursor >= l->n)
		l->cursor = l->n ? l->n - 1 : 0;
}

void lessons_toggle(lessons_view *l, app *a)
{
	l->active = !l->active;
	if (l->active) {
		l->cursor = l->top = 0;
		lessons_reload(l, a);
		ui_message(a, ROLE_STATUS, _("lessons library: / searches, Enter shows a lesson, L or Esc returns"));
	}
}

void lessons_search(lessons_view *l, app *a, const char *text)
{
	free(l->text);
	l->text = str_empty(text) ? NULL : xstrdup(text);
	l->cursor = l->top = 0;
	lessons_reload(l, a);
}

/* Each lesson takes two lines: campaign and category, then the lesson
 * with where it applies and how to standardise it. */
#define LINES_PER 2

void lessons_draw(lessons_view *l, app *a, rect r)
{
	canvas *c = &a->cv;
	for (int y = r.y; y < r.y + r.h; y++)
		draw_fill(c, y, r.x, r.w, ROLE_NORMAL);
	if (r.h < 2)
		return;
	strbuf sb = STRBUF_INIT;
	sb_printf(&sb, P_(" Lessons library 经验库 · %zu lesson", " Lessons library 经验库 · %zu lessons", l->n), l->n);
	if (l->text) {
		char *t = text_sanitize(l->text);
		sb_printf(&sb, _(" matching \"%s\""), t);
		free(t);
	}
	draw_text_ellipsis(c, r.y, r.x, r.w, ROLE_TITLE, sb_str(&sb));
	sb_free(&sb);
	int rows = (r.h - 1) / LINES_PER;
	if (l->error[0]) {
		draw_text_ellipsis(c, r.y + 1, r.x + 1, r.w - 1, ROLE_STATUS_ERROR, l->error);
		return;
	}
	if (!l->n) {
		draw_text_ellipsis(c, r.y + 1, r.x + 2, r.w - 2, ROLE_MUTED,
				   l->text ? _("no lesson matches; / changes the search")
					   : _("no lessons yet: add them in a campaign's review (a, then lesson)"));
		return;
	}
	if (rows < 1)
		rows = 1;
	if (l->cursor < l->top)
		l->top = l->cursor;
	if (l->cursor >= l->top + (size_t)rows)
		l->top = l->cursor - (size_t)rows + 1;
	for (int i = 0; i < rows && l->top + (size_t)i < l->n; i++) {
		const lesson_row *x = &l->v[l->top + (size_t)i];
		bool sel = l->top + (size_t)i == l->cursor;
		int y = r.y + 1 + i * LINES_PER;
		enum ui_role base = sel ? ROLE_SELECTION : ROLE_NORMAL;
		draw_fill(c, y, r.x, r.w, base);
		if (LINES_PER > 1 && y + 1 < r.y + r.h)
			draw_fill(c, y + 1, r.x, r.w, base);
		int px = r.x + 1;
		char *cat = xasprintf("[%s] ", i18n_context("review", x->category));
		px += draw_text(c, y, px, r.x + r.w - px, sel ? base : ROLE_GROUP, cat);
		free(cat);
		char *camp = xasprintf("%s · %s", x->campaign_key ? x->campaign_key : "",
				       x->campaign_name ? x->campaign_name : "");
		draw_untrusted(c, y, px, r.x + r.w - px, sel ? base : ROLE_MUTED, camp);
		free(camp);
		if (y + 1 >= r.y + r.h)
			break;
		strbuf line = STRBUF_INIT;
		sb_printf(&line, "%s", x->content ? x->content : "");
		if (!str_empty(x->scenarios))
			sb_printf(&line, _(" · applies to: %s"), x->scenarios);
		if (!str_empty(x->standardisation))
			sb_printf(&line, _(" · standardise: %s"), x->standardisation);
		draw_untrusted(c, y + 1, r.x + 3, r.w - 3, base, sb_str(&line));
		sb_free(&line);
	}
}

bool lessons_action(lessons_view *l, app *a, enum action act, int height)
{
	size_t page = height > LINES_PER ? (size_t)((height - 1) / LINES_PER) : 1;
	switch (act) {
	case ACT_UP:
		if (l->cursor > 0)
			l->cursor--;
		return true;
	case ACT_DOWN:
		if (l->cursor + 1 < l->n)
			l->cursor++;
		return true;
	case ACT_PAGE_UP:
	case ACT_HALF_UP: {
		size_t step = act == ACT_PAGE_UP ? page : (page + 1) / 2;
		l->cursor = l->cursor > step ? l->cursor - step : 0;
		return true;
	}
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN: {
		size_t step = act == ACT_PAGE_DOWN ? page : (page + 1) / 2;
		l->cursor = l->n && l->cursor + step >= l->n ? l->n - 1 : l->cursor + step;
		return true;
	}
	case ACT_TOP: l->cursor = 0; return true;
	case ACT_BOTTOM: l->cursor = l->n ? l->n - 1 : 0; return true;
	case ACT_BACK:
	case ACT_LESSONS:
		if (act == ACT_BACK && l->text) {
			lessons_search(l, a, NULL);
			ui_message(a, ROLE_STATUS, _("search cleared"));
			return true;
		}
		l->active = false;
		return true;
	case ACT_RV_RELOAD:
		lessons_reload(l, a);
		return true;
	default:
		return false;
	}
}

bool lessons_detail(lessons_view *l, app *a, doc *out)
{
	WR_UNUSED(a);
	if (l->cursor >= l->n)
		return false;
	const lesson_row *x = &l->v[l->cursor];
	doc_init(out, _("Lesson 经验"));
	char *camp = xasprintf("%s (%s)", x->campaign_name ? x->campaign_name : "",
			       x->campaign_key ? x->campaign_key : "");
	doc_add_kv(out, _("campaign"), ROLE_NORMAL, camp);
	free(camp);
	doc_add_kv(out, _("category"), ROLE_GROUP, i18n_context("review", x->category));
	doc_add_kv(out, _("lesson"), ROLE_NORMAL, x->content);
	doc_add_kv(out, _("applies to"), str_empty(x->scenarios) ? ROLE_MUTED : ROLE_NORMAL,
		   str_empty(x->scenarios) ? _("(not said)") : x->scenarios);
	doc_add_kv(out, _("standardise"), str_empty(x->standardisation) ? ROLE_MUTED : ROLE_NORMAL,
		   str_empty(x->standardisation) ? _("(not said)") : x->standardisation);
	if (x->updated_by) {
		char *by = xasprintf(_("by %s at %s (version %lld)"), x->updated_by,
				     x->updated_at ? x->updated_at : "?", (long long)x->version);
		doc_add_kv(out, _("updated"), ROLE_MUTED, by);
		free(by);
	}
	return true;
}
