/* The campaign picker (`c`): every campaign, running ones first, with
 * its dates and where it stands; Enter opens one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "warroom/i18n.h"
#include "warroom/text.h"

void picker_open(app *a)
{
	campaign_list_free(&a->picker.list);
	if (store_campaign_list(a->st, &a->picker.list) != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, _("could not list campaigns: %s"), store_error(a->st));
		return;
	}
	if (a->picker.list.n == 0) {
		campaign_list_free(&a->picker.list);
		ui_message(a, ROLE_STATUS, _("no campaigns yet: import one with 'warroom import FILE'"));
		return;
	}
	a->picker.cursor = a->picker.top = 0;
	for (size_t i = 0; a->has_campaign && i < a->picker.list.n; i++)
		if (a->picker.list.v[i].id == a->camp.id)
			a->picker.cursor = i;
	a->modal = MODAL_PICKER;
	a->dirty |= DIRTY_MODAL | DIRTY_STATUS;
}

static int rows_visible(const app *a)
{
	return a->body.h - 2 > 1 ? a->body.h - 2 : 1;
}

bool picker_action(app *a, enum action act)
{
	size_t n = a->picker.list.n, cur = a->picker.cursor;
	size_t page = (size_t)rows_visible(a);
	switch (act) {
	case ACT_UP: cur = cur ? cur - 1 : 0; break;
	case ACT_DOWN: cur = cur + 1 < n ? cur + 1 : cur; break;
	case ACT_PAGE_UP:
	case ACT_HALF_UP: cur = cur > page ? cur - page : 0; break;
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN: cur = cur + page < n ? cur + page : n - 1; break;
	case ACT_TOP: cur = 0; break;
	case ACT_BOTTOM: cur = n - 1; break;
	case ACT_ENTER: {
		char *key = xstrdup(a->picker.list.v[cur].key);
		ui_close_view(a);
		ui_open_campaign(a, key);
		if (a->has_campaign && str_eq(a->camp.key, key)) {
			char *name = text_sanitize(a->camp.name);
			ui_message(a, ROLE_STATUS, _("opened %s"), name);
			free(name);
		}
		free(key);
		return false; /* the picker is gone */
	}
	default: return false;
	}
	a->picker.cursor = cur;
	return true;
}

/* ▶ running, · upcoming, ✔ finished; and what to say about it. */
static const char *campaign_state(const app *a, const campaign_row *c, char *text, size_t n,
				  enum ui_role *role)
{
	wr_date t = a->today;
	if (t < c->start) {
		snprintf(text, n, P_("upcoming, in %d day", "upcoming, in %d days", c->start - t), c->start - t);
		*role = ROLE_NORMAL;
		return "·";
	}
	if (t > c->end) {
		snprintf(text, n, P_("finished %d day ago", "finished %d days ago", t - c->end), t - c->end);
		*role = ROLE_MUTED;
		return "✔";
	}
	snprintf(text, n, _("running, day %d/%d"), t - c->start + 1, c->end - c->start + 1);
	*role = ROLE_OK;
	return "▶";
}

/* "2024-06-01–06-15", the year once when both ends share it. */
static void period(const app *a, const campaign_row *c, char *buf, size_t n)
{
	char d1[40], d2[40];
	int y1, y2, m, d;
	date_to_ymd(c->start, &y1, &m, &d);
	date_to_ymd(c->end, &y2, &m, &d);
	ui_date(a, c->start, d1, sizeof d1);
	if (y1 == y2 && strcmp(a->date_fmt, "%Y-%m-%d") == 0)
		snprintf(d2, sizeof d2, "%02d-%02d", m, d);
	else
		ui_date(a, c->end, d2, sizeof d2);
	snprintf(buf, n, "%s–%s", d1, d2);
}

void picker_draw(app *a)
{
	canvas *cv = &a->cv;
	rect r = a->body;
	draw_fill(cv, r.y, r.x, r.w, ROLE_TITLE);
	draw_text(cv, r.y, r.x, r.w, ROLE_TITLE, _(" Campaigns (running first) · Enter opens · Esc back"));
	/* columns: name, state, dates, then id and tasks as room allows */
	int name_w = r.w * 30 / 100, state_w = 22, dates_w = 23;
	int state_x = 4 + name_w + 1, dates_x = state_x + state_w + 1, rest_x = dates_x + dates_w + 1;
	draw_fill(cv, r.y + 1, r.x, r.w, ROLE_AXIS);
	draw_text(cv, r.y + 1, 4, name_w, ROLE_AXIS, _("name"));
	draw_text(cv, r.y + 1, state_x, state_w, ROLE_AXIS, _("state"));
	draw_text(cv, r.y + 1, dates_x, r.w - dates_x, ROLE_AXIS, _("dates"));
	draw_text(cv, r.y + 1, rest_x, r.w - rest_x, ROLE_AXIS, _("id · tasks"));
	int h = rows_visible(a);
	size_t n = a->picker.list.n;
	if (a->picker.cursor < a->picker.top)
		a->picker.top = a->picker.cursor;
	if (a->picker.cursor >= a->picker.top + (size_t)h)
		a->picker.top = a->picker.cursor - (size_t)h + 1;
	for (int row = 0; row < h; row++) {
		int y = r.y + 2 + row;
		size_t i = a->picker.top + (size_t)row;
		draw_fill(cv, y, r.x, r.w, ROLE_NORMAL);
		if (i >= n)
			continue;
		const campaign_row *c = &a->picker.list.v[i];
		bool sel = i == a->picker.cursor;
		enum ui_role base = sel ? ROLE_SELECTION : ROLE_NORMAL, srole;
		char state[64], dates[90];
		const char *glyph = campaign_state(a, c, state, sizeof state, &srole);
		if (sel)
			draw_fill(cv, y, r.x, r.w, base);
		draw_glyph(cv, y, 1, base, a->has_campaign && c->id == a->camp.id ? "•" : " ");
		draw_glyph(cv, y, 2, sel ? base : srole, glyph);
		draw_untrusted(cv, y, 4, name_w, base, c->name);
		draw_text_ellipsis(cv, y, state_x, state_w, sel ? base : srole, state);
		period(a, c, dates, sizeof dates);
		draw_text_ellipsis(cv, y, dates_x, dates_w, base, dates);
		if (rest_x < r.w) {
			char *key = text_sanitize(c->key);
			char *rest = xasprintf(P_("%s · %d task", "%s · %d tasks", c->n_tasks), key, c->n_tasks);
			draw_text_ellipsis(cv, y, rest_x, r.w - rest_x, sel ? base : ROLE_MUTED, rest);
			free(rest);
			free(key);
		}
	}
}
