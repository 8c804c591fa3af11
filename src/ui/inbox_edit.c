/* Triage in the Inbox: read marks, type, tags, sentiment, owner, status,
 * links to a task or a risk, a review problem from a message; one message
 * or the marked ones at once. Each change is one store call (one
 * transaction, one audit row per message changed) with an undo step; the
 * detail view shows a message whole, with its history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane_inbox.h"
#include "warroom/feedback.h"
#include "warroom/i18n.h"
#include "warroom/text.h"

#define MARK_ALL_MAX 10000

/* ---- targets ------------------------------------------------------------------ */

/* The messages a change applies to: the marked ones, else the current. */
static size_t targets(inbox_pane *p, int64_t **ids)
{
	if (p->n_marks) {
		*ids = xcalloc(p->n_marks, sizeof **ids);
		memcpy(*ids, p->marks, p->n_marks * sizeof **ids);
		return p->n_marks;
	}
	const feedback_row *r = inbox_current(p);
	if (!r) {
		*ids = NULL;
		return 0;
	}
	*ids = xcalloc(1, sizeof **ids);
	(*ids)[0] = r->id;
	return 1;
}

/* A field's value as the store takes it back ("" for none). */
static char *field_value(const feedback_row *r, enum feedback_field f)
{
	switch (f) {
	case FB_F_READ: return xstrdup(r->is_read ? "read" : "unread");
	case FB_F_TYPE: return xstrdup(r->type ? feedback_type_name(r->type) : "none");
	case FB_F_TAGS: return xstrdup(r->tags ? r->tags : "");
	case FB_F_SENTIMENT: return xstrdup(feedback_sentiment_name(r->sentiment));
	case FB_F_OWNER: return xstrdup(r->owner ? r->owner : "");
	case FB_F_STATUS: return xstrdup(feedback_status_name(r->status));
	case FB_F_TASK: return xstrdup(r->task_key ? r->task_key : "");
	case FB_F_RISK: return r->risk_id ? xasprintf("%lld", (long long)r->risk_id) : xstrdup("");
	}
	return xstrdup("");
}

static const char *shown(const char *v)
{
	return str_empty(v) ? _("(none)") : v;
}

/* ---- undo ----------------------------------------------------------------------- */

typedef struct fb_undo {
	enum feedback_field field;
	size_t n;
	int64_t *ids;
	char **old;
} fb_undo;

static void undo_free(void *data)
{
	fb_undo *u = data;
	for (size_t i = 0; i < u->n; i++)
		free(u->old[i]);
	free(u->old);
	free(u->ids);
	free(u);
}

static bool undo_revert(app *a, void *data)
{
	fb_undo *u = data;
	/* one call per distinct old value: messages that had the same value
	 * get it back together */
	bool *done = xcalloc(u->n, sizeof *done);
	int64_t *group = xcalloc(u->n, sizeof *group);
	enum store_rc rc = STORE_OK;
	for (size_t i = 0; i < u->n && rc == STORE_OK; i++) {
		if (done[i])
			continue;
		size_t g = 0;
		for (size_t j = i; j < u->n; j++)
			if (!done[j] && str_eq(u->old[j], u->old[i])) {
				group[g++] = u->ids[j];
				done[j] = true;
			}
		rc = store_feedback_set(a->st, group, g, -1, u->field, u->old[i]);
	}
	free(done);
	free(group);
	ui_data_changed(a);
	if (rc != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, _("cannot undo: %s"), store_error(a->st));
		return false;
	}
	ui_message(a, ROLE_STATUS, P_("undone: %s of %zu message", "undone: %s of %zu messages", u->n),
		   feedback_field_name(u->field), u->n);
	return true;
}

/* ---- applying a change ------------------------------------------------------------ */

static void apply(inbox_pane *p, app *a, enum feedback_field f, const char *value)
{
	if (!ui_can_edit(a))
		return;
	int64_t *ids;
	size_t n = targets(p, &ids);
	if (!n) {
		ui_message(a, ROLE_STATUS, _("no message selected"));
		return;
	}
	/* Old values for undo; a single edit also guards against a change
	 * by another operator since the row was read. */
	fb_undo *u = xcalloc(1, sizeof *u);
	u->field = f;
	u->n = n;
	u->ids = ids;
	u->old = xcalloc(n, sizeof *u->old);
	int64_t version = -1;
	for (size_t i = 0; i < n; i++) {
		feedback_row r;
		if (store_feedback_get(a->st, ids[i], &r) != STORE_OK) {
			ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
			undo_free(u);
			ui_data_changed(a);
			return;
		}
		u->old[i] = field_value(&r, f);
		if (n == 1) {
			const feedback_row *cur = inbox_current(p);
			version = cur && cur->id == r.id ? cur->version : r.version;
		}
		feedback_row_free(&r);
	}
	enum store_rc rc = store_feedback_set(a->st, ids, n, version, f, value);
	if (rc != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, "%s%s", rc == STORE_READONLY ? _("read-only: ") : "",
			   store_error(a->st));
		undo_free(u);
		ui_data_changed(a);
		return;
	}
	char label[96];
	snprintf(label, sizeof label, P_("%s of %zu message", "%s of %zu messages", n), feedback_field_name(f), n);
	char *v = text_sanitize(shown(value));
	if (n == 1)
		ui_message(a, ROLE_STATUS, _("saved: %s %s → %s (u undoes)"), feedback_field_name(f),
			   shown(u->old[0]), v);
	else
		ui_message(a, ROLE_STATUS, _("saved: %s of %zu messages → %s (u undoes)"),
			   feedback_field_name(f), n, v);
	free(v);
	ui_undo_push(a, label, undo_revert, undo_free, u);
	ui_data_changed(a);
}

/* ---- prompts and menus --------------------------------------------------------------- */

static void prompt_accept(app *a, void *ctx, const char *text)
{
	inbox_pane *p = ctx;
	apply(p, a, p->edit_field, text);
}

static void menu_chosen(app *a, void *ctx, int id)
{
	inbox_pane *p = ctx;
	static const char *const types[] = {"none", "product", "service", "rules", "brand"};
	static const char *const sents[] = {"negative", "neutral", "positive"};
	static const char *const statuses[] = {"new", "triaged", "actioned", "closed"};
	switch (p->edit_field) {
	case FB_F_TYPE: apply(p, a, FB_F_TYPE, types[id]); break;
	case FB_F_SENTIMENT: apply(p, a, FB_F_SENTIMENT, sents[id]); break;
	case FB_F_STATUS: apply(p, a, FB_F_STATUS, statuses[id]); break;
	default: break;
	}
}

static void ask(inbox_pane *p, app *a, enum feedback_field f, const char *label)
{
	if (!ui_can_edit(a))
		return;
	const feedback_row *r = inbox_current(p);
	if (!r) {
		ui_message(a, ROLE_STATUS, _("no message selected"));
		return;
	}
	p->edit_field = f;
	char *init = p->n_marks ? xstrdup("") : field_value(r, f);
	if (f == FB_F_TAGS) /* one per line -> "a, b" to type over */
		for (char *q = init; *q; q++)
			if (*q == '\n')
				*q = ',';
	if (f == FB_F_OWNER && !*init) {
		free(init);
		init = xstrdup(a->user ? a->user : "");
	}
	char full[96];
	if (p->n_marks)
		snprintf(full, sizeof full, _("%s (%zu marked)"), label, p->n_marks);
	else
		snprintf(full, sizeof full, "%s", label);
	ui_prompt(a, full, init, prompt_accept, NULL, NULL, p);
	free(init);
}

static void choose(inbox_pane *p, app *a, enum feedback_field f)
{
	if (!ui_can_edit(a))
		return;
	const feedback_row *r = inbox_current(p);
	if (!r) {
		ui_message(a, ROLE_STATUS, _("no message selected"));
		return;
	}
	p->edit_field = f;
	if (f == FB_F_TYPE) {
		const menu_item items[] = {
			{'p', _("product"), 1}, {'s', _("service"), 2}, {'r', _("rules"), 3},
			{'b', _("brand"), 4},   {'n', _("none"), 0},
		};
		size_t sel = r->type ? (size_t)r->type - 1 : 4;
		ui_menu(a, _("type"), items, ARRAY_LEN(items), sel, menu_chosen, p);
	} else if (f == FB_F_SENTIMENT) {
		const menu_item items[] = {
			{'+', _("positive"), 2}, {'=', _("neutral"), 1}, {'-', _("negative"), 0},
		};
		ui_menu(a, _("sentiment"), items, ARRAY_LEN(items), (size_t)(1 - r->sentiment), menu_chosen, p);
	} else {
		const menu_item items[] = {
			{'n', _("new"), 0}, {'t', _("triaged"), 1}, {'a', _("actioned"), 2}, {'c', _("closed"), 3},
		};
		ui_menu(a, _("status"), items, ARRAY_LEN(items), (size_t)r->status, menu_chosen, p);
	}
}

/* ---- marks ------------------------------------------------------------------------ */

static void toggle_mark(inbox_pane *p, app *a)
{
	const feedback_row *r = inbox_current(p);
	if (!r)
		return;
	for (size_t i = 0; i < p->n_marks; i++)
		if (p->marks[i] == r->id) {
			p->marks[i] = p->marks[--p->n_marks];
			p->need_full = true;
			vlist_action(&p->list, ACT_DOWN);
			return;
		}
	p->marks = xgrow(p->marks, &p->cap_marks, p->n_marks + 1, sizeof *p->marks);
	p->marks[p->n_marks++] = r->id;
	p->need_full = true;
	vlist_action(&p->list, ACT_DOWN);
	WR_UNUSED(a);
}

static void mark_all(inbox_pane *p, app *a)
{
	if (p->n_marks) {
		p->n_marks = 0;
		p->need_full = true;
		ui_message(a, ROLE_STATUS, _("marks cleared"));
		return;
	}
	if (p->list.count > MARK_ALL_MAX) {
		ui_message(a, ROLE_STATUS_ERROR,
			   _("%zu messages: narrow the filter (/) to %d or fewer to mark them all"),
			   p->list.count, MARK_ALL_MAX);
		return;
	}
	int64_t before = 0;
	feedback_row page[500];
	for (;;) {
		size_t got = 0;
		if (store_feedback_page(a->st, a->camp.id, &p->ft.f, before, ARRAY_LEN(page), page, &got) != STORE_OK) {
			ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
			break;
		}
		if (!got)
			break;
		p->marks = xgrow(p->marks, &p->cap_marks, p->n_marks + got, sizeof *p->marks);
		for (size_t i = 0; i < got; i++)
			p->marks[p->n_marks++] = page[i].id;
		before = page[got - 1].id;
		feedback_rows_free(page, got);
	}
	p->need_full = true;
	ui_message(a, ROLE_STATUS, _("%zu marked: the next change applies to all of them (Esc unmarks)"),
		   p->n_marks);
}

/* ---- actions ----------------------------------------------------------------------- */

static void toggle_read(inbox_pane *p, app *a)
{
	const feedback_row *r = inbox_current(p);
	if (!r)
		return;
	/* with marks, they all take the opposite of the message under the cursor */
	apply(p, a, FB_F_READ, r->is_read ? "unread" : "read");
}

static void next_status(inbox_pane *p, app *a)
{
	if (p->n_marks) {
		choose(p, a, FB_F_STATUS);
		return;
	}
	const feedback_row *r = inbox_current(p);
	if (!r)
		return;
	enum feedback_status next = r->status == FB_CLOSED ? FB_NEW : (enum feedback_status)(r->status + 1);
	apply(p, a, FB_F_STATUS, feedback_status_name(next));
}

static void to_problem(inbox_pane *p, app *a)
{
	if (!ui_can_edit(a))
		return;
	int64_t *ids;
	size_t n = targets(p, &ids);
	size_t made = 0;
	int64_t last = 0;
	for (size_t i = 0; i < n; i++) {
		if (store_feedback_to_problem(a->st, ids[i], &last) != STORE_OK) {
			ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
			break;
		}
		made++;
	}
	free(ids);
	if (made == 1)
		ui_message(a, ROLE_STATUS, _("review problem #%lld: the message is actioned (Review pane, 4)"),
			   (long long)last);
	else if (made)
		ui_message(a, ROLE_STATUS, _("%zu review problems: the messages are actioned"), made);
	if (made)
		ui_data_changed(a);
}

bool inbox_edit_action(inbox_pane *p, app *a, enum action act)
{
	switch (act) {
	case ACT_FB_READ: toggle_read(p, a); return true;
	case ACT_FB_MARK: toggle_mark(p, a); return true;
	case ACT_FB_MARK_ALL: mark_all(p, a); return true;
	case ACT_FB_TYPE: choose(p, a, FB_F_TYPE); return true;
	case ACT_FB_SENTIMENT: choose(p, a, FB_F_SENTIMENT); return true;
	case ACT_FB_STATUS: next_status(p, a); return true;
	case ACT_FB_TAGS: ask(p, a, FB_F_TAGS, _("tags (a, b, c)")); return true;
	case ACT_FB_OWNER: ask(p, a, FB_F_OWNER, _("owner")); return true;
	case ACT_FB_TASK: ask(p, a, FB_F_TASK, _("task id (empty unlinks)")); return true;
	case ACT_FB_RISK: ask(p, a, FB_F_RISK, _("risk number (empty unlinks)")); return true;
	case ACT_FB_PROBLEM: to_problem(p, a); return true;
	default: return false;
	}
}

/* ---- detail ----------------------------------------------------------------------- */

static void add_history(doc *d, app *a, int64_t id)
{
	doc_add_blank(d);
	doc_add_heading(d, _("History (newest first)"));
	audit_filter f = {.entity = "feedback", .entity_id = id, .limit = 200};
	audit_row *rows;
	size_t n;
	if (store_audit_list(a->st, &f, &rows, &n) != STORE_OK) {
		doc_add(d, ROLE_ALERT, store_error(a->st));
		return;
	}
	if (n == 0)
		doc_add(d, ROLE_MUTED, _("no change since it arrived"));
	for (size_t i = 0; i < n; i++) {
		char *key = xasprintf("%.16s %s", rows[i].at ? rows[i].at : "", rows[i].user ? rows[i].user : "");
		char *text = xasprintf("%s: %s → %s", rows[i].field ? rows[i].field : "?",
				       shown(rows[i].old_value), shown(rows[i].new_value));
		doc_add_kv(d, key, ROLE_NORMAL, text);
		free(key);
		free(text);
	}
	audit_rows_free(rows, n);
}

bool inbox_detail(void *self, app *a, doc *out)
{
	inbox_pane *p = self;
	const feedback_row *cur = inbox_current(p);
	if (!cur)
		return false;
	feedback_row r;
	if (store_feedback_get(a->st, cur->id, &r) != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		return false;
	}
	doc_init(out, _("Feedback"));
	char buf[64];
	doc_add_kv(out, _("received"), ROLE_NORMAL, r.at);
	/* TRANSLATORS: a channel and how it collects: "电商评价 (passive)". */
	char *ch = xasprintf(_("%s (%s)"), r.channel ? r.channel : "-", feedback_mode_label(r.mode));
	doc_add_kv(out, _("channel"), ROLE_NORMAL, ch);
	free(ch);
	if (r.customer)
		doc_add_kv(out, _("customer"), ROLE_NORMAL, r.customer);
	if (r.has_rating) {
		snprintf(buf, sizeof buf, _("%g of %s"), r.rating, r.rating_scale == 10 ? "0-10" : "1-5");
		doc_add_kv(out, _("rating"), ROLE_NORMAL, buf);
	}
	doc_add_kv(out, _("type"), ROLE_NORMAL, r.type ? _(feedback_type_name(r.type)) : _("none"));
	doc_add_kv(out, _("sentiment"), r.sentiment < 0 ? ROLE_ALERT : r.sentiment > 0 ? ROLE_OK : ROLE_NORMAL,
		   _(feedback_sentiment_name(r.sentiment)));
	if (r.tags) {
		char *t = xstrdup(r.tags);
		for (char *q = t; *q; q++)
			if (*q == '\n')
				*q = ',';
		doc_add_kv(out, _("tags"), ROLE_GROUP, t);
		free(t);
	}
	doc_add_kv(out, _("status"), ROLE_NORMAL, _(feedback_status_name(r.status)));
	doc_add_kv(out, _("read"), ROLE_NORMAL, r.is_read ? _("yes") : _("no"));
	if (r.owner)
		doc_add_kv(out, _("owner"), ROLE_NORMAL, r.owner);
	if (r.task_key)
		doc_add_kv(out, _("task"), ROLE_NORMAL, r.task_key);
	if (r.risk_id) {
		snprintf(buf, sizeof buf, "#%lld", (long long)r.risk_id);
		doc_add_kv(out, _("risk"), ROLE_NORMAL, buf);
	}
	if (r.problem_id) {
		snprintf(buf, sizeof buf, "#%lld", (long long)r.problem_id);
		doc_add_kv(out, _("review"), ROLE_NORMAL, buf);
	}
	/* TRANSLATORS: how a message came in: typed with `feedback add`, a CSV
	 * import, or the campaign's definition file. */
	static const char *const origins[] = {NC_("feedback origin", "cli"), NC_("feedback origin", "csv"),
					      NC_("feedback origin", "definition")};
	const char *origin = r.origin ? r.origin : "";
	for (size_t k = 0; k < ARRAY_LEN(origins); k++)
		if (str_eq(origin, origins[k]))
			origin = i18n_context("feedback origin", origins[k]);
	/* TRANSLATORS: who added a message, when, and how: "root 2024-06-05 10:00 (CSV import)". */
	char *by = xasprintf(_("%s %s (%s)"), r.created_by ? r.created_by : "",
			     r.created_at ? r.created_at : "", origin);
	doc_add_kv(out, _("added by"), ROLE_MUTED, by);
	free(by);
	doc_add_blank(out);
	doc_add_heading(out, _("Message"));
	doc_add(out, ROLE_NORMAL, r.text ? r.text : "");
	add_history(out, a, r.id);
	feedback_row_free(&r);
	return true;
}
