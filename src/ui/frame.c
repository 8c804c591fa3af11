/* The frame around the panes: the campaign header with the task counts,
 * the tab bar (or tile titles), the status line, the menu box and the
 * "terminal too small" screen. Each part redraws only when marked dirty
 * or when its text changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "warroom/i18n.h"
#include "warroom/number.h"
#include "warroom/text.h"

static const char *sep = " │ ";

/* "day 5 of 15", "starts in 3 days", "ended 4 days ago" */
static void campaign_day(wr_date start, wr_date end, wr_date today, char *buf, size_t n)
{
	if (start == WR_DATE_NONE || end == WR_DATE_NONE)
		snprintf(buf, n, "%s", _("no dates"));
	else if (today < start)
		snprintf(buf, n, P_("starts in %d day", "starts in %d days", start - today), start - today);
	else if (today > end)
		snprintf(buf, n, P_("ended %d day ago", "ended %d days ago", today - end), today - end);
	else
		snprintf(buf, n, _("day %d of %d"), today - start + 1, end - start + 1);
}

static void header_line(app *a, strbuf *sb)
{
	if (!a->has_campaign) {
		sb_adds(sb, _(" warroom · no campaign yet (import one: warroom import FILE)"));
		return;
	}
	const campaign_row *c = &a->camp;
	char *name = text_sanitize(c->name);
	char d1[40], d2[40], day[48];
	int y1, y2, m, d;
	date_to_ymd(c->start, &y1, &m, &d);
	date_to_ymd(c->end, &y2, &m, &d);
	ui_date(a, c->start, d1, sizeof d1);
	if (y1 == y2 && strcmp(a->date_fmt, "%Y-%m-%d") == 0)
		snprintf(d2, sizeof d2, "%02d-%02d", m, d); /* the year once is enough */
	else
		ui_date(a, c->end, d2, sizeof d2);
	sb_printf(sb, " %s%s%s–%s%s", name, sep, d1, d2, sep);
	free(name);
	campaign_day(c->start, c->end, a->today, day, sizeof day);
	sb_adds(sb, day);
	if (!str_empty(c->current_phase)) {
		char *ph = text_sanitize(c->current_phase);
		sb_printf(sb, "%s%s", sep, ph);
		free(ph);
	}
	if (c->has_budget) {
		char num[80];
		char *cur = text_sanitize(c->currency ? c->currency : "");
		money_format(c->budget, cur, num, sizeof num);
		sb_adds(sb, sep);
		sb_printf(sb, _("budget %s"), num);
		free(cur);
	}
}

/* Draws `text` at *x if it fits before `end`; advances *x. */
static void put(app *a, int y, int *x, int end, enum ui_role role, const char *text)
{
	if (*x >= end)
		return;
	*x += draw_text(&a->cv, y, *x, end - *x, role, text);
}

static void counts_line(app *a)
{
	canvas *c = &a->cv;
	int y = 1, x = 0, end = a->cols;
	draw_fill(c, y, 0, a->cols, ROLE_NORMAL);
	if (!a->has_campaign)
		return;
	const task_counts *k = &a->counts;
	char buf[64];
	snprintf(buf, sizeof buf, P_(" %zu task", " %zu tasks", k->total), k->total);
	put(a, y, &x, end, ROLE_NORMAL, buf);
	struct {
		const char *glyph, *label;
		size_t n;
		enum ui_role role;
	} items[] = {
		{"✔", N_("done"), k->done, ROLE_OK},
		{"▶", N_("active"), k->in_progress, ROLE_NORMAL},
		{"!", N_("late"), k->late, ROLE_ALERT},
		{"↓", N_("behind"), k->behind, ROLE_WARN},
		{"?", N_("stale"), k->stale, ROLE_WARN},
		{"◆", N_("milestones"), k->milestones, ROLE_MILESTONE},
	};
	for (size_t i = 0; i < ARRAY_LEN(items); i++) {
		enum ui_role role = items[i].n ? items[i].role : ROLE_MUTED;
		put(a, y, &x, end, ROLE_NORMAL, "  ");
		snprintf(buf, sizeof buf, "%s %zu %s", items[i].glyph, items[i].n, _(items[i].label));
		put(a, y, &x, end, role, buf);
	}
}

void frame_draw_header(app *a)
{
	canvas *c = &a->cv;
	int right = 0;
	draw_fill(c, 0, 0, a->cols, ROLE_HEADER);
	if (a->read_only) {
		const char *badge = _(" READ-ONLY ");
		right = text_width(badge);
		draw_text(c, 0, a->cols - right, right, ROLE_STATUS_ERROR, badge);
	}
	strbuf sb = STRBUF_INIT;
	header_line(a, &sb);
	draw_text_ellipsis(c, 0, 0, a->cols - right, ROLE_HEADER, sb_str(&sb));
	sb_free(&sb);
	counts_line(a);
}

static void pane_info(app *a, pane_slot *p, char *out, size_t n)
{
	strbuf sb = STRBUF_INIT;
	if (p->ops->info)
		p->ops->info(p->self, a, &sb);
	str_copy(out, n, sb_str(&sb));
	sb_free(&sb);
}

void frame_draw_tabs(app *a)
{
	canvas *c = &a->cv;
	bool force = (a->dirty & DIRTY_TABS) || a->body_full;
	char info[sizeof a->panes[0].info];
	if (!a->tiled) {
		pane_slot *f = &a->panes[a->focus];
		pane_info(a, f, info, sizeof info);
		if (!force && strcmp(info, f->info) == 0)
			return;
		str_copy(f->info, sizeof f->info, info);
		int y = a->body.y, x = 0;
		draw_fill(c, y, 0, a->cols, ROLE_TAB_INACTIVE);
		for (size_t i = 0; i < a->n_panes && x < a->cols; i++) {
			char label[64];
			snprintf(label, sizeof label, " %zu %s ", i + 1, _(a->panes[i].ops->title));
			x += draw_text(c, y, x, a->cols - x, i == a->focus ? ROLE_TAB_ACTIVE : ROLE_TAB_INACTIVE,
				       label);
			if (x < a->cols)
				x += draw_text(c, y, x, 1, ROLE_TAB_INACTIVE, " ");
		}
		if (info[0] && x + 4 < a->cols) {
			x += draw_text(c, y, x, a->cols - x, ROLE_TAB_INACTIVE, " ");
			draw_text_ellipsis(c, y, x, a->cols - x, ROLE_TAB_INACTIVE, info);
		}
		return;
	}
	for (size_t i = 0; i < a->n_panes && i < 4; i++) {
		pane_slot *p = &a->panes[i];
		pane_info(a, p, info, sizeof info);
		if (!force && strcmp(info, p->info) == 0)
			continue;
		str_copy(p->info, sizeof p->info, info);
		int y = p->r.y - 1;
		enum ui_role role = i == a->focus ? ROLE_TAB_ACTIVE : ROLE_TAB_INACTIVE;
		strbuf sb = STRBUF_INIT;
		sb_printf(&sb, " %zu %s", i + 1, _(p->ops->title));
		if (info[0])
			sb_printf(&sb, " · %s", info);
		draw_text_ellipsis(c, y, p->r.x, p->r.w, role, sb_str(&sb));
		sb_free(&sb);
	}
}

static void short_path(const char *path, char *out, size_t n)
{
	char *safe = text_sanitize(path ? path : "");
	const char *home = getenv("HOME");
	if (!str_empty(home) && str_starts(safe, home) && safe[strlen(home)] == '/')
		snprintf(out, n, "~%s", safe + strlen(home));
	else
		snprintf(out, n, "%s", safe);
	free(safe);
	/* Keep the end of a long path: the file name matters most. */
	if (text_width(out) > 24) {
		const char *slash = strrchr(out, '/');
		char *tail = xasprintf("…%s", slash ? slash : out);
		str_copy(out, n, tail);
		free(tail);
	}
}

void frame_draw_status(app *a)
{
	if (!(a->dirty & DIRTY_STATUS) && !a->prompt.active)
		return;
	canvas *c = &a->cv;
	int y = a->rows - 1, w = a->cols;
	draw_fill(c, y, 0, w, ROLE_STATUS);
	char db[300], right[400];
	short_path(store_path(a->st), db, sizeof db);
	char *user = text_sanitize(a->user);
	snprintf(right, sizeof right, " %s · %s · %s ", db, user, a->refreshed[0] ? a->refreshed : "--:--:--");
	free(user);
	int rw = text_width(right);
	int left_end = w;
	/* A message wins over the right part; the hint does not. */
	int need = a->msg[0] ? text_width(a->msg) + 2 : 12;
	if (!a->prompt.active && w - rw >= need) {
		draw_text(c, y, w - rw, rw, ROLE_STATUS, right);
		left_end = w - rw;
	}
	if (a->prompt.active) {
		int x = draw_text(c, y, 0, w, ROLE_PROMPT, " ");
		x += draw_text(c, y, x, w - x, ROLE_PROMPT, a->prompt.label);
		x += draw_text(c, y, x, w - x, ROLE_PROMPT, " ");
		a->prompt.cursor_x = le_draw(&a->prompt.le, c, y, x, w - x, ROLE_PROMPT);
		return;
	}
	if (a->msg[0]) {
		int x = draw_text(c, y, 0, left_end, a->msg_role, " ");
		draw_text_ellipsis(c, y, x, left_end - x - 1, a->msg_role, a->msg);
		return;
	}
	const char *hint = a->modal == MODAL_DOC    ? _(" Esc back · j/k ↑/↓ scroll · g/G top/end")
			   : a->modal != MODAL_NONE ? _(" Esc back · j/k ↑/↓ move · Enter choose")
						    : _(" ? help · q quit · c campaigns · Tab panes");
	draw_text_ellipsis(c, y, 0, left_end, ROLE_STATUS, hint);
}

void frame_draw_too_small(app *a)
{
	canvas *c = &a->cv;
	const char *l1 = _("terminal too small");
	char l2[64];
	snprintf(l2, sizeof l2, _("(%dx%d, need %dx%d)"), a->cols, a->rows, UI_MIN_COLS, UI_MIN_ROWS);
	if (a->rows <= 0 || a->cols <= 0)
		return;
	for (int y = 0; y < a->rows; y++)
		draw_fill(c, y, 0, a->cols, ROLE_NORMAL);
	int w1 = text_width(l1), w2 = text_width(l2);
	if (a->rows >= 2) {
		int y = (a->rows - 2) / 2;
		draw_text(c, y, w1 < a->cols ? (a->cols - w1) / 2 : 0, a->cols, ROLE_ALERT, l1);
		draw_text(c, y + 1, w2 < a->cols ? (a->cols - w2) / 2 : 0, a->cols, ROLE_NORMAL, l2);
	} else {
		draw_text(c, 0, 0, a->cols, ROLE_ALERT, l1);
	}
}

void frame_draw_menu(app *a)
{
	canvas *c = &a->cv;
	int inner = text_width(a->menu.title) + 2;
	for (size_t i = 0; i < a->menu.n; i++) {
		int w = text_width(a->menu.items[i].label) + 6;
		if (w > inner)
			inner = w;
	}
	if (inner > a->cols - 4)
		inner = a->cols - 4;
	int h = (int)a->menu.n + 2, w = inner + 2;
	int y0 = a->body.y + (a->body.h - h) / 2, x0 = (a->cols - w) / 2;
	if (y0 < a->body.y)
		y0 = a->body.y;
	/* border */
	draw_glyph(c, y0, x0, ROLE_BORDER, "┌");
	for (int x = 1; x < w - 1; x++)
		draw_glyph(c, y0, x0 + x, ROLE_BORDER, "─");
	draw_glyph(c, y0, x0 + w - 1, ROLE_BORDER, "┐");
	draw_text(c, y0, x0 + 2, w - 4, ROLE_TITLE, a->menu.title);
	for (size_t i = 0; i < a->menu.n; i++) {
		int y = y0 + 1 + (int)i;
		enum ui_role role = i == a->menu.cursor ? ROLE_SELECTION : ROLE_NORMAL;
		draw_glyph(c, y, x0, ROLE_BORDER, "│");
		char hot[16] = "   ";
		if (a->menu.items[i].key) {
			char kn[12];
			snprintf(hot, sizeof hot, "[%s]", key_label(a->menu.items[i].key, kn, sizeof kn));
		}
		draw_fill(c, y, x0 + 1, w - 2, role);
		int x = x0 + 2;
		x += draw_text(c, y, x, w - 3, i == a->menu.cursor ? role : ROLE_HELP_KEY, hot);
		x += draw_text(c, y, x, 1, role, " ");
		draw_text(c, y, x, x0 + w - 1 - x, role, a->menu.items[i].label);
		draw_glyph(c, y, x0 + w - 1, ROLE_BORDER, "│");
	}
	int yb = y0 + h - 1;
	draw_glyph(c, yb, x0, ROLE_BORDER, "└");
	for (int x = 1; x < w - 1; x++)
		draw_glyph(c, yb, x0 + x, ROLE_BORDER, "─");
	draw_glyph(c, yb, x0 + w - 1, ROLE_BORDER, "┘");
}
