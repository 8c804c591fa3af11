/* The Inbox pane: customer feedback, newest first, beside (wide screens) or
 * above a preview of the selected message, under a stats strip (counts by
 * type, tag mention rates, NPS, satisfaction). Unread messages are bold;
 * text from customers is shown with control and escape characters made
 * visible. A million messages scroll and filter without being loaded:
 * only the visible window is read, continuing from the ids of the window
 * before (keyset paging), and the figures are recomputed only when the
 * campaign's feedback or the filter changed. */
#include "pane_inbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/feedback.h"
#include "warroom/i18n.h"
#include "warroom/text.h"

#define HEAD_ROWS 1 /* column headings above the list */

/* ---- reading the list ------------------------------------------------------ */

static void forget_window(inbox_pane *p)
{
	p->win_n = 0;
	p->win_off = 0;
}

static void remember_window(inbox_pane *p, size_t off, const feedback_row *rows, size_t n)
{
	p->win_ids = xgrow(p->win_ids, &p->win_cap, n ? n : 1, sizeof *p->win_ids);
	for (size_t i = 0; i < n; i++)
		p->win_ids[i] = rows[i].id;
	p->win_off = off;
	p->win_n = n;
}

/* Reads `count` rows below (older than) `below_id` and throws them away,
 * returning the id of the last: walking to a window nobody has seen. */
static enum store_rc skip_rows(inbox_pane *p, int64_t below_id, size_t count, int64_t *last)
{
	app *a = p->a;
	feedback_row tmp[256];
	*last = below_id;
	while (count > 0) {
		size_t want = count < ARRAY_LEN(tmp) ? count : ARRAY_LEN(tmp), got = 0;
		enum store_rc rc = store_feedback_page(a->st, a->camp.id, &p->ft.f, *last, want, tmp, &got);
		if (rc != STORE_OK)
			return rc;
		if (got == 0)
			break;
		*last = tmp[got - 1].id;
		feedback_rows_free(tmp, got);
		count -= got;
	}
	return STORE_OK;
}

static enum store_rc read_window(inbox_pane *p, size_t off, size_t limit, feedback_row *rows, size_t *n)
{
	app *a = p->a;
	store *s = a->st;
	int64_t cid = a->camp.id;
	const feedback_filter *f = &p->ft.f;
	size_t wend = p->win_off + p->win_n;
	*n = 0;
	if (off == 0)
		return store_feedback_page(s, cid, f, 0, limit, rows, n);
	if (p->win_n && off > p->win_off && off <= wend) /* continues the window */
		return store_feedback_page(s, cid, f, p->win_ids[off - p->win_off - 1], limit, rows, n);
	if (p->win_n && off == p->win_off)
		return store_feedback_page(s, cid, f, p->win_ids[0] + 1, limit, rows, n);
	if (p->win_n && off < p->win_off && off + limit >= p->win_off) {
		/* ends in the window: the rows just above it, then from its top */
		size_t above = p->win_off - off, got = 0;
		enum store_rc rc = store_feedback_page_after(s, cid, f, p->win_ids[0], above, rows, &got);
		if (rc != STORE_OK || got < above || above >= limit) {
			*n = got;
			return rc;
		}
		size_t more = 0;
		rc = store_feedback_page(s, cid, f, p->win_ids[0] + 1, limit - above, rows + got, &more);
		*n = got + more;
		return rc;
	}
	if (p->count_exact && p->list.count && off + limit >= p->list.count) /* the oldest rows */
		return store_feedback_page_after(s, cid, f, 0, p->list.count - off, rows, n);
	/* Far from anything read: walk down from the window (or the top). */
	int64_t from = 0;
	size_t at = 0;
	if (p->win_n && off > wend) {
		from = p->win_ids[p->win_n - 1];
		at = wend;
	}
	int64_t last;
	enum store_rc rc = skip_rows(p, from, off - at, &last);
	if (rc != STORE_OK)
		return rc;
	return store_feedback_page(s, cid, f, last, limit, rows, n);
}

static long fetch_rows(void *ctx, size_t off, size_t limit, void *out)
{
	inbox_pane *p = ctx;
	app *a = p->a;
	if (!a->has_campaign || limit == 0)
		return 0;
	feedback_row *rows = out;
	size_t n = 0;
	if (read_window(p, off, limit, rows, &n) != STORE_OK) {
		snprintf(p->error, sizeof p->error, _("could not read the feedback: %s"), store_error(a->st));
		forget_window(p);
		return -1;
	}
	remember_window(p, off, rows, n);
	return (long)n;
}

static void free_row(void *row)
{
	feedback_row_free(row);
}

const feedback_row *inbox_current(inbox_pane *p)
{
	return vlist_row(&p->list, p->list.cursor);
}

bool inbox_is_marked(const inbox_pane *p, int64_t id)
{
	for (size_t i = 0; i < p->n_marks; i++)
		if (p->marks[i] == id)
			return true;
	return false;
}

/* A count that stops after a screenful and a row: what drawing needs
 * while a search is typed. Counting every match of a common term walks
 * hundreds of thousands of index entries, several milliseconds a key. */
static enum store_rc count_a_screen(inbox_pane *p, size_t *n)
{
	app *a = p->a;
	size_t cap = (size_t)(p->list_r.h > 0 ? p->list_r.h : 24) + 1, got = 0;
	feedback_row *rows = xcalloc(cap, sizeof *rows);
	enum store_rc rc = store_feedback_page(a->st, a->camp.id, &p->ft.f, 0, cap, rows, &got);
	feedback_rows_free(rows, got);
	free(rows);
	*n = got;
	p->count_exact = rc == STORE_OK && got < cap;
	return rc;
}

static void reread(inbox_pane *p, bool figures, bool typing)
{
	app *a = p->a;
	int64_t id = 0;
	size_t screen_row = p->list.cursor >= p->list.top ? p->list.cursor - p->list.top : 0;
	if (p->list.count) {
		const feedback_row *r = inbox_current(p);
		if (r)
			id = r->id;
	}
	vlist_invalidate(&p->list);
	forget_window(p);
	p->error[0] = '\0';
	p->need_full = true;
	if (!a->has_campaign) {
		vlist_set_count(&p->list, 0);
		return;
	}
	int64_t rev = 0;
	store_feedback_revision(a->st, a->camp.id, &rev);
	if (figures || !p->rev_known || rev != p->rev) {
		size_t n = 0;
		p->count_exact = true;
		enum store_rc rc = typing ? count_a_screen(p, &n)
					  : store_feedback_count(a->st, a->camp.id, &p->ft.f, &n);
		if (rc != STORE_OK)
			snprintf(p->error, sizeof p->error, _("could not count the feedback: %s"),
				 store_error(a->st));
		vlist_set_count(&p->list, n);
		feedback_filter all;
		feedback_filter_init(&all);
		p->total = n;
		if (p->filter_line && store_feedback_count(a->st, a->camp.id, &all, &p->total) != STORE_OK)
			p->total = n;
		p->stats_valid = false; /* computed when next drawn */
		p->rev = rev;
		p->rev_known = true;
	}
	/* Keep the cursor on the same message, at the same place on screen. */
	size_t idx;
	if (id && p->list.count && p->count_exact &&
	    store_feedback_rank(a->st, a->camp.id, &p->ft.f, id, &idx) == STORE_OK && idx < p->list.count) {
		feedback_row r;
		if (store_feedback_get(a->st, id, &r) == STORE_OK) {
			remember_window(p, idx, &r, 1);
			feedback_row_free(&r);
		}
		p->list.top = idx > screen_row ? idx - screen_row : 0;
		vlist_goto(&p->list, idx);
	}
}

void inbox_refresh(inbox_pane *p, bool figures)
{
	reread(p, figures, false);
}

/* ---- pane ops ---------------------------------------------------------------- */

static void *inbox_open(app *a)
{
	inbox_pane *p = xcalloc(1, sizeof *p);
	p->a = a;
	feedback_filter_init(&p->ft.f);
	vlist_source src = {.ctx = p, .row_size = sizeof(feedback_row), .fetch = fetch_rows,
			    .free_row = free_row};
	vlist_init(&p->list, &src);
	p->need_full = true;
	return p;
}

static void inbox_close(void *self)
{
	inbox_pane *p = self;
	vlist_free(&p->list);
	feedback_filter_text_free(&p->ft);
	feedback_stats_free(&p->stats);
	free(p->filter_line);
	free(p->win_ids);
	free(p->marks);
	free(p);
}

static void inbox_reload(void *self, app *a, enum pane_reload why)
{
	inbox_pane *p = self;
	WR_UNUSED(a);
	if (why == PANE_RELOAD_CAMPAIGN) {
		p->list.cursor = p->list.top = 0;
		p->list.count = 0;
		p->n_marks = 0;
		p->rev_known = false;
	}
	inbox_refresh(p, why == PANE_RELOAD_CAMPAIGN);
}

/* ---- layout -------------------------------------------------------------------- */

static void layout(inbox_pane *p, rect r)
{
	p->strip_rows = r.h >= 14 ? 2 : r.h >= 6 ? 1 : 0;
	p->strip_r = (rect){r.y, r.x, p->strip_rows, r.w};
	rect body = {r.y + p->strip_rows, r.x, r.h - p->strip_rows, r.w};
	if (body.w >= 110) {
		/* side by side: the list gets a little more than half */
		int lw = body.w * 56 / 100;
		p->list_r = (rect){body.y, body.x, body.h, lw};
		p->preview_r = (rect){body.y, body.x + lw + 1, body.h, body.w - lw - 1};
	} else if (body.h >= 16) {
		int ph = body.h * 2 / 5;
		p->list_r = (rect){body.y, body.x, body.h - ph, body.w};
		p->preview_r = (rect){body.y + body.h - ph, body.x, ph, body.w};
	} else {
		p->list_r = body;
		p->preview_r = (rect){0, 0, 0, 0};
	}
}

/* ---- the stats strip ---------------------------------------------------------- */

static void ensure_stats(inbox_pane *p, app *a)
{
	if (p->stats_valid || !a->has_campaign)
		return;
	feedback_stats_free(&p->stats);
	if (store_feedback_stats(a->st, a->camp.id, &p->ft.f, &p->stats) != STORE_OK)
		memset(&p->stats, 0, sizeof p->stats);
	p->stats_valid = true;
}

static void draw_strip(inbox_pane *p, app *a)
{
	rect r = p->strip_r;
	if (r.h <= 0)
		return;
	canvas *c = &a->cv;
	for (int y = r.y; y < r.y + r.h; y++)
		draw_fill(c, y, r.x, r.w, ROLE_AXIS);
	if (!a->has_campaign)
		return;
	if ((!p->stats_valid && p->filter_line) || !p->count_exact) {
		/* The figures of a filter walk every message it selects: they
		 * come once the operator stops typing (inbox_quiet), and so does
		 * the count of a search. The whole inbox's are kept and cost
		 * nothing. */
		ui_defer(a);
		strbuf wait = STRBUF_INIT;
		if (p->count_exact)
			sb_printf(&wait, P_(" %zu message", " %zu messages", p->list.count),
				  p->list.count);
		sb_adds(&wait, p->count_exact ? " · …" : " …");
		draw_text_ellipsis(c, r.y, r.x, r.w, ROLE_AXIS, sb_str(&wait));
		sb_free(&wait);
		return;
	}
	ensure_stats(p, a);
	const feedback_stats *st = &p->stats;
	strbuf sb = STRBUF_INIT;
	sb_printf(&sb, P_(" %zu message", " %zu messages", st->total), st->total);
	if (st->unread)
		sb_printf(&sb, _(" · %zu unread"), st->unread);
	static const char *const types[] = {"", N_("product"), N_("service"), N_("rules"), N_("brand")};
	for (int i = 1; i < 5; i++)
		if (st->by_type[i])
			sb_printf(&sb, " · %s %zu", _(types[i]), st->by_type[i]);
	sb_printf(&sb, _(" · sentiment +%zu ·%zu -%zu"), st->by_sentiment[2], st->by_sentiment[1],
		  st->by_sentiment[0]);
	if (st->has_nps)
		sb_printf(&sb, _(" · NPS %+.0f (%zu)"), st->nps, st->nps_answers);
	if (st->has_satisfaction)
		sb_printf(&sb, _(" · satisfied %.0f%% (%zu)"), st->satisfaction * 100, st->rated_5);
	strbuf tags = STRBUF_INIT;
	sb_adds(&tags, _(" tags"));
	for (size_t i = 0; i < st->n_tags; i++) {
		char *t = text_sanitize(st->tags[i].tag);
		sb_printf(&tags, " · %s %.0f%%", t, st->tags[i].rate * 100);
		free(t);
	}
	if (!st->n_tags)
		sb_adds(&tags, _(": none in the campaign's dictionary"));
	if (r.h >= 2) {
		draw_text_ellipsis(c, r.y, r.x, r.w, ROLE_AXIS, sb_str(&sb));
		draw_text_ellipsis(c, r.y + 1, r.x, r.w, ROLE_AXIS, sb_str(&tags));
	} else {
		sb_adds(&sb, " ·");
		sb_adds(&sb, tags.buf + 5);
		draw_text_ellipsis(c, r.y, r.x, r.w, ROLE_AXIS, sb_str(&sb));
	}
	sb_free(&sb);
	sb_free(&tags);
}

/* ---- list rows ------------------------------------------------------------------- */

struct cols {
	int mark, status, date, date_w, channel, channel_w, type, type_w, sent, tags, tags_w, text,
	    text_w;
};

static struct cols columns(int w)
{
	struct cols k = {0};
	k.mark = 0;
	k.status = 1;
	k.date = 3;
	k.date_w = w >= 84 ? 11 : 5; /* "06-05 14:30" or "06-05" */
	int x = k.date + k.date_w + 1;
	k.channel_w = w >= 96 ? 12 : w >= 56 ? 8 : 0;
	k.channel = x;
	x += k.channel_w ? k.channel_w + 1 : 0;
	k.type_w = w >= 56 ? 7 : 0;
	k.type = x;
	x += k.type_w ? k.type_w + 1 : 0;
	k.sent = x;
	x += 2;
	k.tags_w = w >= 100 ? 14 : w >= 76 ? 10 : 0;
	k.tags = x;
	x += k.tags_w ? k.tags_w + 1 : 0;
	k.text = x;
	k.text_w = w - x > 0 ? w - x : 0;
	return k;
}

static void status_look(enum feedback_status s, const char **g, enum ui_role *role)
{
	switch (s) {
	case FB_TRIAGED: *g = "t"; *role = ROLE_NORMAL; break;
	case FB_ACTIONED: *g = "a"; *role = ROLE_OK; break;
	case FB_CLOSED: *g = "c"; *role = ROLE_MUTED; break;
	default: *g = "n"; *role = ROLE_WARN; break;
	}
}

/* "MM-DD HH:MM" from "YYYY-MM-DD[ HH:MM:SS]". */
static void short_date(const char *at, char *buf, size_t size, bool with_time)
{
	if (!at || strlen(at) < 10) {
		snprintf(buf, size, "-");
		return;
	}
	if (with_time && strlen(at) >= 16)
		snprintf(buf, size, "%.5s %.5s", at + 5, at + 11);
	else
		snprintf(buf, size, "%.5s", at + 5);
}

/* The first line of a message, sanitised. */
static char *first_line(const char *text)
{
	const char *t = text ? text : "";
	while (*t == '\n' || *t == '\r' || *t == ' ')
		t++;
	size_t n = strcspn(t, "\n");
	char *line = text_sanitize_n(t, n, false);
	bool more = t[n] != '\0' && t[n + 1] != '\0';
	if (more) {
		char *with = xasprintf("%s ↵", line);
		free(line);
		line = with;
	}
	return line;
}

static char *tags_line(const char *tags)
{
	if (!tags)
		return xstrdup("");
	strbuf sb = STRBUF_INIT;
	for (const char *q = tags; *q; q++)
		if (*q == '\n')
			sb_addc(&sb, ',');
		else
			sb_addc(&sb, *q);
	char *clean = text_sanitize(sb_str(&sb));
	sb_free(&sb);
	return clean;
}

static const char *type_label(enum feedback_type t)
{
	return t ? _(feedback_type_name(t)) : "";
}

static void draw_heading(inbox_pane *p, app *a)
{
	rect r = p->list_r;
	canvas *c = &a->cv;
	struct cols k = columns(r.w);
	draw_fill(c, r.y, r.x, r.w, ROLE_AXIS);
	draw_text(c, r.y, r.x + k.date, k.date_w, ROLE_AXIS, _("date"));
	if (k.channel_w)
		draw_text(c, r.y, r.x + k.channel, k.channel_w, ROLE_AXIS, _("channel"));
	if (k.type_w)
		draw_text(c, r.y, r.x + k.type, k.type_w, ROLE_AXIS, _("type"));
	if (k.tags_w)
		draw_text(c, r.y, r.x + k.tags, k.tags_w, ROLE_AXIS, _("tags"));
	if (k.text_w)
		draw_text(c, r.y, r.x + k.text, k.text_w, ROLE_AXIS, _("message"));
}

static void draw_row(inbox_pane *p, app *a, size_t idx, bool focused)
{
	rect r = p->list_r;
	canvas *c = &a->cv;
	int y = r.y + HEAD_ROWS + (int)(idx - p->list.top);
	if (y >= r.y + r.h)
		return;
	const feedback_row *fr = idx < p->list.count ? vlist_row(&p->list, idx) : NULL;
	if (!fr) {
		draw_fill(c, y, r.x, r.w, ROLE_NORMAL);
		return;
	}
	struct cols k = columns(r.w);
	bool sel = idx == p->list.cursor;
	enum ui_role base = sel && focused ? ROLE_SELECTION : ROLE_NORMAL;
	enum ui_role text_role = sel && focused ? base : fr->is_read ? ROLE_NORMAL : ROLE_UNREAD;
	draw_fill(c, y, r.x, r.w, base);
	if (inbox_is_marked(p, fr->id))
		draw_glyph(c, y, r.x + k.mark, sel && focused ? base : ROLE_WARN, "*");
	else if (sel && !focused)
		draw_glyph(c, y, r.x + k.mark, ROLE_MUTED, ">");
	const char *sg;
	enum ui_role srole;
	status_look(fr->status, &sg, &srole);
	draw_glyph(c, y, r.x + k.status, sel && focused ? base : srole, sg);
	char d[24];
	short_date(fr->at, d, sizeof d, k.date_w >= 11);
	draw_text(c, y, r.x + k.date, k.date_w, text_role, d);
	if (k.channel_w)
		draw_untrusted(c, y, r.x + k.channel, k.channel_w, sel && focused ? base : ROLE_MUTED,
			       fr->channel ? fr->channel : "");
	if (k.type_w)
		draw_text_ellipsis(c, y, r.x + k.type, k.type_w, sel && focused ? base : ROLE_NORMAL,
				   type_label(fr->type));
	const char *glyph = fr->sentiment > 0 ? "+" : fr->sentiment < 0 ? "-" : "·";
	enum ui_role grole = fr->sentiment > 0 ? ROLE_OK : fr->sentiment < 0 ? ROLE_ALERT : ROLE_MUTED;
	draw_glyph(c, y, r.x + k.sent, sel && focused ? base : grole, glyph);
	if (k.tags_w) {
		char *t = tags_line(fr->tags);
		draw_text_ellipsis(c, y, r.x + k.tags, k.tags_w, sel && focused ? base : ROLE_GROUP, t);
		free(t);
	}
	if (k.text_w) {
		char *line = first_line(fr->text);
		draw_text_ellipsis(c, y, r.x + k.text, k.text_w, text_role, line);
		free(line);
	}
}

/* ---- the preview ------------------------------------------------------------------ */

/* Draws sanitised text wrapped at `w` columns from row `y`; returns the
 * next free row. Newlines of the message are kept. */
static int draw_wrapped(canvas *c, int y, int x, int w, int ymax, enum ui_role role, const char *text)
{
	char *clean = text_sanitize_n(text, strlen(text), true);
	const char *s = clean;
	while (*s && y < ymax) {
		size_t nl = strcspn(s, "\n");
		char *line = xstrndup(s, nl);
		const char *q = line;
		do {
			int used = 0;
			size_t b = text_prefix_bytes(q, w, &used);
			if (b == 0 && *q) /* a character wider than the column */
				b = strlen(q);
			/* break after a space when there is one, so that words and
			 * escapes such as <U+202E> stay whole */
			if (q[b]) {
				size_t sp = b;
				while (sp > 0 && q[sp - 1] != ' ')
					sp--;
				if (sp > b / 3)
					b = sp;
			}
			char *part = xstrndup(q, b);
			draw_text_pad(c, y++, x, w, role, part);
			free(part);
			q += b;
		} while (*q && y < ymax);
		free(line);
		s += nl;
		if (*s == '\n')
			s++;
	}
	free(clean);
	return y;
}

static void draw_preview(inbox_pane *p, app *a)
{
	rect r = p->preview_r;
	if (r.h <= 0 || r.w <= 0)
		return;
	canvas *c = &a->cv;
	bool side = r.x > p->list_r.x;
	if (side)
		for (int y = r.y; y < r.y + r.h; y++)
			draw_glyph(c, y, r.x - 1, ROLE_BORDER, "│");
	for (int y = r.y; y < r.y + r.h; y++)
		draw_fill(c, y, r.x, r.w, ROLE_NORMAL);
	int y = r.y, ymax = r.y + r.h, x = r.x + 1, w = r.w - 2;
	if (w < 4)
		return;
	if (!side) {
		char rule[512] = "";
		size_t n = 0;
		for (int i = 0; i < r.w && n + 4 < sizeof rule; i++)
			n += (size_t)snprintf(rule + n, sizeof rule - n, "─");
		draw_text(c, y++, r.x, r.w, ROLE_BORDER, rule);
	}
	const feedback_row *fr = p->list.count ? inbox_current(p) : NULL;
	if (!fr) {
		if (y < ymax)
			draw_text_ellipsis(c, y, x, w, ROLE_MUTED, _("no message selected"));
		return;
	}
	strbuf sb = STRBUF_INIT;
	char *ch = text_sanitize(fr->channel ? fr->channel : _("no channel"));
	sb_printf(&sb, "%s · ", fr->at ? fr->at : "");
	sb_printf(&sb, _("%s (%s)"), ch, feedback_mode_label(fr->mode));
	free(ch);
	if (fr->customer) {
		char *cu = text_sanitize(fr->customer);
		sb_printf(&sb, " · %s", cu);
		free(cu);
	}
	if (fr->has_rating)
		sb_printf(&sb, " · %g/%d", fr->rating, fr->rating_scale ? fr->rating_scale : 5);
	if (y < ymax)
		draw_text_ellipsis(c, y++, x, w, fr->is_read ? ROLE_TITLE : ROLE_UNREAD, sb_str(&sb));
	sb_reset(&sb);
	/* The names are translated by their English words (the menus in
	 * inbox_edit.c mark them). */
	sb_printf(&sb, "%s · %s · %s", fr->type ? _(feedback_type_name(fr->type)) : _("no type"),
		  _(feedback_sentiment_name(fr->sentiment)), _(feedback_status_name(fr->status)));
	if (fr->owner) {
		char *o = text_sanitize(fr->owner);
		sb_printf(&sb, _(" · owner %s"), o);
		free(o);
	}
	if (y < ymax)
		draw_text_ellipsis(c, y++, x, w, ROLE_MUTED, sb_str(&sb));
	sb_reset(&sb);
	if (fr->tags) {
		char *t = tags_line(fr->tags);
		sb_printf(&sb, _("tags %s"), t);
		free(t);
	}
	if (fr->task_key) {
		char *t = text_sanitize(fr->task_key);
		sb_printf(&sb, _("%stask %s"), sb.len ? " · " : "", t);
		free(t);
	}
	if (fr->risk_id)
		sb_printf(&sb, _("%srisk #%lld"), sb.len ? " · " : "", (long long)fr->risk_id);
	if (fr->problem_id)
		sb_printf(&sb, _("%sreview problem #%lld"), sb.len ? " · " : "", (long long)fr->problem_id);
	if (sb.len && y < ymax)
		draw_text_ellipsis(c, y++, x, w, ROLE_GROUP, sb_str(&sb));
	sb_free(&sb);
	if (y < ymax)
		y++;
	draw_wrapped(c, y, x, w, ymax, ROLE_NORMAL, fr->text ? fr->text : "");
}

static void draw_empty(inbox_pane *p, app *a)
{
	rect r = p->list_r;
	const char *msg;
	enum ui_role role = ROLE_MUTED;
	if (!a->has_campaign)
		msg = _("No campaign yet. Import one: warroom import FILE");
	else if (p->error[0]) {
		msg = p->error;
		role = ROLE_ALERT;
	} else if (p->filter_line)
		msg = _("No message matches the filter. Esc (or x) clears it.");
	else
		msg = _("No feedback yet: warroom feedback import FILE.csv, or feedback add.");
	int y = r.y + HEAD_ROWS + 1;
	if (y < r.y + r.h)
		draw_untrusted(&a->cv, y, r.x + 2, r.w - 4, role, msg);
}

static void inbox_draw(void *self, app *a, rect r, unsigned flags)
{
	inbox_pane *p = self;
	bool focused = flags & PANE_DRAW_FOCUSED;
	bool full = (flags & PANE_DRAW_FULL) || p->need_full || focused != p->drawn_focus ||
		    memcmp(&r, &p->drawn_r, sizeof r) != 0;
	if (full)
		layout(p, r);
	vlist_set_height(&p->list, p->list_r.h - HEAD_ROWS);
	if (!full && p->strip_redraw)
		draw_strip(p, a);
	p->strip_redraw = false;
	if (!full && p->list.top == p->drawn_top && p->list.cursor == p->drawn_cursor)
		return;
	if (!full && p->list.top == p->drawn_top) {
		draw_row(p, a, p->drawn_cursor, focused);
		draw_row(p, a, p->list.cursor, focused);
		draw_preview(p, a);
	} else {
		draw_strip(p, a);
		if (p->list_r.h > 0) {
			draw_heading(p, a);
			for (int i = 0; i < p->list_r.h - HEAD_ROWS; i++)
				draw_row(p, a, p->list.top + (size_t)i, focused);
			if (p->list.count == 0)
				draw_empty(p, a);
		}
		draw_preview(p, a);
	}
	p->drawn_top = p->list.top;
	p->drawn_cursor = p->list.cursor;
	p->drawn_focus = focused;
	p->drawn_r = r;
	p->need_full = false;
}

/* ---- filters --------------------------------------------------------------------- */

static void set_filter(inbox_pane *p, app *a, const char *line, bool final)
{
	feedback_filter_text t;
	char err[200];
	if (final && p->count_exact && str_eq(p->filter_line, str_empty(line) ? NULL : line)) {
		/* Enter on the search just typed: it is counted already. */
		ui_message(a, ROLE_STATUS, P_("%zu message matches", "%zu messages match", p->list.count),
			   p->list.count);
		return;
	}
	if (!feedback_filter_parse(line, &t, err, sizeof err)) {
		ui_message(a, ROLE_STATUS_ERROR, "%s", err);
		return;
	}
	feedback_filter_text_free(&p->ft);
	p->ft = t;
	free(p->filter_line);
	p->filter_line = str_empty(line) ? NULL : xstrdup(line);
	p->list.cursor = p->list.top = 0;
	reread(p, true, true);
	p->announce = final && !p->count_exact;
	if (final && p->count_exact)
		ui_message(a, ROLE_STATUS, P_("%zu message matches", "%zu messages match", p->list.count),
			   p->list.count);
	if (!p->count_exact)
		ui_defer(a);
}

static void count_exactly(inbox_pane *p, app *a);

static bool inbox_action(void *self, app *a, enum action act)
{
	inbox_pane *p = self;
	/* Moving, marking and editing need the whole list, not a screen;
	 * clearing the filter or the marks does not. */
	if (act != ACT_BACK && act != ACT_FILTER_CLEAR)
		count_exactly(p, a);
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HALF_UP:
	case ACT_HALF_DOWN:
	case ACT_TOP:
	case ACT_BOTTOM: return vlist_action(&p->list, act);
	case ACT_BACK:
	case ACT_FILTER_CLEAR:
		if (p->n_marks) {
			p->n_marks = 0;
			p->need_full = true;
			ui_message(a, ROLE_STATUS, _("marks cleared"));
			return true;
		}
		if (!p->filter_line) {
			if (act == ACT_FILTER_CLEAR)
				ui_message(a, ROLE_STATUS, _("no filter to clear"));
			return act == ACT_FILTER_CLEAR;
		}
		set_filter(p, a, "", false);
		ui_message(a, ROLE_STATUS, _("filter cleared: %zu messages"), p->list.count);
		return true;
	default: return inbox_edit_action(p, a, act);
	}
}

static void inbox_info(void *self, app *a, strbuf *out)
{
	inbox_pane *p = self;
	if (!a->has_campaign)
		return;
	if (p->filter_line) {
		if (p->count_exact)
			sb_printf(out, _("%zu of %zu"), p->list.count, p->total);
		else
			sb_adds(out, "…");
		char *line = feedback_filter_describe(&p->ft.f);
		char *clean = text_sanitize(line);
		sb_printf(out, " · /%s", clean);
		free(clean);
		free(line);
	} else {
		sb_printf(out, P_("%zu message", "%zu messages", p->list.count), p->list.count);
	}
	if (p->n_marks)
		sb_printf(out, _(" · %zu marked"), p->n_marks);
}

static void inbox_search(void *self, app *a, const char *text, bool final)
{
	set_filter(self, a, text, final);
}

/* The exact count of a search counted a screen deep (count_a_screen). */
static void count_exactly(inbox_pane *p, app *a)
{
	if (!p->count_exact && a->has_campaign) {
		size_t n = 0;
		if (store_feedback_count(a->st, a->camp.id, &p->ft.f, &n) == STORE_OK) {
			vlist_set_count(&p->list, n);
			p->count_exact = true;
			p->need_full = true;
			a->dirty |= DIRTY_TABS;
			if (p->announce)
				ui_message(a, ROLE_STATUS,
					   P_("%zu message matches", "%zu messages match", n), n);
		} else {
			snprintf(p->error, sizeof p->error, _("could not count the feedback: %s"),
				 store_error(a->st));
		}
		p->announce = false;
	}
}

/* The keyboard is quiet: the count and figures of the filter (see
 * draw_strip). */
static void inbox_quiet(void *self, app *a)
{
	inbox_pane *p = self;
	if (!a->has_campaign)
		return;
	count_exactly(p, a);
	if (p->stats_valid)
		return;
	ensure_stats(p, a);
	p->strip_redraw = true;
}

static const char *inbox_search_text(void *self)
{
	inbox_pane *p = self;
	return p->filter_line;
}

const pane_ops pane_inbox_ops = {
	.name = "inbox",
	.title = N_("Inbox"),
	.open = inbox_open,
	.close = inbox_close,
	.reload = inbox_reload,
	.draw = inbox_draw,
	.action = inbox_action,
	.info = inbox_info,
	.detail = inbox_detail,
	.search = inbox_search,
	.search_text = inbox_search_text,
	.quiet = inbox_quiet,
};
