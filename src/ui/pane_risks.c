/* The risk log, inside the Metrics pane (r): open risks first, with the
 * time left for their cause and response plan, red once overdue; the
 * cause, plan and owner are written in place, and a risk is closed with a
 * resolution note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics_pane.h"
#include "warroom/i18n.h"
#include "warroom/text.h"

#define HEAD_ROWS 2

void risks_free(metrics_pane *p)
{
	risk_rows_free(p->risks, p->n_risks);
	p->risks = NULL;
	p->n_risks = 0;
}

void risks_load(metrics_pane *p, app *a)
{
	int64_t keep = p->r_cursor < p->n_risks ? p->risks[p->r_cursor].id : 0;
	risks_free(p);
	p->n_open = p->n_overdue = 0;
	if (!a->has_campaign)
		return;
	if (store_risk_list(a->st, a->camp.id, p->show_closed, &p->risks, &p->n_risks) != STORE_OK) {
		snprintf(p->error, sizeof p->error, _("could not read the risks: %s"), store_error(a->st));
		return;
	}
	char now[24];
	clock_now_string(now);
	p->r_cursor = 0;
	for (size_t i = 0; i < p->n_risks; i++) {
		risk_cells rc;
		risk_cells_format(&p->risks[i], now, &rc);
		p->n_open += !p->risks[i].closed_at;
		p->n_overdue += rc.overdue;
		if (p->risks[i].id == keep)
			p->r_cursor = i;
	}
	p->need_full = true;
}

static const char *risk_glyph(const risk_row *r, const risk_cells *rc, enum ui_role *role)
{
	if (r->closed_at) {
		*role = ROLE_MUTED;
		return "✔";
	}
	if (rc->overdue) {
		*role = ROLE_ALERT;
		return "✖";
	}
	if (rc->recovered) {
		*role = ROLE_OK;
		return "↑"; /* its metric is back to normal; still wants a resolution */
	}
	if (r->responded_at) {
		*role = ROLE_NORMAL;
		return "▶";
	}
	*role = ROLE_WARN;
	return "!";
}

void risks_draw(metrics_pane *p, app *a, rect r, bool focused)
{
	canvas *c = &a->cv;
	char now[24];
	clock_now_string(now);
	memcpy(p->drawn_minute, now, 16);
	p->drawn_minute[16] = '\0';
	char head[200];
	snprintf(head, sizeof head,
		 _(" Risk log · %zu open · %zu overdue · cause and plan due within %dh · e edit · x close · C %s closed · Esc back"),
		 p->n_open, p->n_overdue, risk_response_hours(), p->show_closed ? _("hide") : _("show"));
	draw_fill(c, r.y, r.x, r.w, ROLE_TITLE);
	draw_text_ellipsis(c, r.y, r.x, r.w, p->n_overdue ? ROLE_ALERT : ROLE_TITLE, head);
	if (r.h < 2)
		return;
	/* columns: glyph id subject current target deviation due owner response */
	bool wide = r.w >= 100, mid = r.w >= 70;
	int w_id = 4, w_num = 8, w_dev = 9, w_due = 11, w_owner = wide ? 10 : 0, w_resp = mid ? 11 : 0;
	int fixed = 2 + w_id + 1 + (w_num + 1) * 2 + w_dev + 1 + w_due + 1 + (w_owner ? w_owner + 1 : 0) +
		    (w_resp ? w_resp + 1 : 0);
	int w_subj = r.w - fixed;
	if (w_subj < 8) {
		w_num = 0;
		w_subj = r.w - (2 + w_id + 1 + w_dev + 1 + w_due + 1);
	}
	int y = r.y + 1;
	draw_fill(c, y, r.x, r.w, ROLE_AXIS);
	int x = r.x + 2;
	draw_text_right(c, y, x, w_id, ROLE_AXIS, "#");
	x += w_id + 1;
	draw_text(c, y, x, w_subj, ROLE_AXIS, _("subject"));
	x += w_subj + 1;
	if (w_num) {
		draw_text_right(c, y, x, w_num, ROLE_AXIS, _("current"));
		x += w_num + 1;
		draw_text_right(c, y, x, w_num, ROLE_AXIS, _("target"));
		x += w_num + 1;
	}
	draw_text_right(c, y, x, w_dev, ROLE_AXIS, _("deviation"));
	x += w_dev + 1;
	draw_text(c, y, x, w_due, ROLE_AXIS, _("response"));
	x += w_due + 1;
	if (w_owner) {
		draw_text(c, y, x, w_owner, ROLE_AXIS, _("owner"));
		x += w_owner + 1;
	}
	if (w_resp)
		draw_text(c, y, x, w_resp, ROLE_AXIS, _("cause plan"));

	int rows = r.h - HEAD_ROWS;
	if (p->r_cursor < p->r_top)
		p->r_top = p->r_cursor;
	if (rows > 0 && p->r_cursor >= p->r_top + (size_t)rows)
		p->r_top = p->r_cursor - (size_t)rows + 1;
	for (int k = 0; k < rows; k++) {
		y = r.y + HEAD_ROWS + k;
		size_t i = p->r_top + (size_t)k;
		if (i >= p->n_risks) {
			draw_fill(c, y, r.x, r.w, ROLE_NORMAL);
			continue;
		}
		const risk_row *rk = &p->risks[i];
		risk_cells rc;
		risk_cells_format(rk, now, &rc);
		bool sel = focused && i == p->r_cursor;
		enum ui_role base = sel ? ROLE_SELECTION : ROLE_NORMAL, grole;
		const char *g = risk_glyph(rk, &rc, &grole);
		draw_fill(c, y, r.x, r.w, base);
		draw_glyph(c, y, r.x, grole, g);
		x = r.x + 2;
		char id[16];
		snprintf(id, sizeof id, "%lld", (long long)rk->id);
		draw_text_right(c, y, x, w_id, sel ? base : ROLE_MUTED, id);
		x += w_id + 1;
		char *subj = xasprintf("%s%s", str_eq(rk->kind, "task") ? _("task · ") : "", rk->subject ? rk->subject : "");
		enum ui_role srole = sel ? base : rk->closed_at ? ROLE_MUTED : rc.overdue ? ROLE_ALERT : ROLE_NORMAL;
		draw_untrusted(c, y, x, w_subj, srole, subj);
		free(subj);
		x += w_subj + 1;
		if (w_num) {
			draw_text_right(c, y, x, w_num, base, rc.current);
			x += w_num + 1;
			draw_text_right(c, y, x, w_num, sel ? base : ROLE_MUTED, rc.target);
			x += w_num + 1;
		}
		draw_text_right(c, y, x, w_dev, sel ? base : rk->closed_at ? ROLE_MUTED : ROLE_WARN, rc.deviation);
		x += w_dev + 1;
		enum ui_role due = rk->closed_at     ? ROLE_MUTED
				   : rk->responded_at ? ROLE_OK
				   : rc.overdue       ? ROLE_ALERT
						      : ROLE_WARN;
		draw_text(c, y, x, w_due, sel && !rc.overdue ? base : due, rc.due);
		x += w_due + 1;
		if (w_owner) {
			draw_untrusted(c, y, x, w_owner, sel ? base : ROLE_MUTED, rk->owner);
			x += w_owner + 1;
		}
		if (w_resp) {
			char resp[32];
			snprintf(resp, sizeof resp, "%s     %s", str_empty(rk->cause) ? "·" : "✔",
				 str_empty(rk->plan) ? "·" : "✔");
			draw_text(c, y, x, w_resp, sel ? base : ROLE_NORMAL, resp);
		}
	}
	if (p->n_risks == 0 && rows > 0)
		draw_text(c, r.y + HEAD_ROWS + rows / 3, r.x + 2, r.w - 4, ROLE_MUTED,
			  p->show_closed ? _("No risks recorded for this campaign.")
					 : _("No open risk. Metrics in alert and late tasks open one here."));
}

/* ---- editing ------------------------------------------------------------------- */

typedef struct risk_undo {
	int64_t id, version;
	enum risk_field field;
	char *old;
} risk_undo;

static void undo_free_data(void *data)
{
	risk_undo *u = data;
	free(u->old);
	free(u);
}

static bool undo_revert(app *a, void *data)
{
	risk_undo *u = data;
	enum store_rc rc = store_risk_set(a->st, u->id, u->version, u->field, u->old);
	if (rc == STORE_OK) {
		ui_message(a, ROLE_STATUS, _("undone: %s of risk #%lld"), risk_field_name(u->field), (long long)u->id);
		ui_data_changed(a);
		return true;
	}
	ui_message(a, ROLE_STATUS_ERROR, _("cannot undo: %s"), store_error(a->st));
	if (rc == STORE_CONFLICT)
		ui_data_changed(a);
	return false;
}

static const risk_row *current_risk(metrics_pane *p)
{
	return p->r_cursor < p->n_risks ? &p->risks[p->r_cursor] : NULL;
}

static void set_accept(app *a, void *ctx, const char *text)
{
	metrics_pane *p = ctx;
	risk_row before;
	if (store_risk_get(a->st, p->edit_id, &before) != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		return;
	}
	enum risk_field f = (enum risk_field)p->edit_field;
	const char *old = f == RISK_F_CAUSE ? before.cause : f == RISK_F_PLAN ? before.plan : before.owner;
	enum store_rc rc = store_risk_set(a->st, p->edit_id, p->edit_version, f, text);
	if (rc == STORE_OK) {
		risk_row after;
		if (store_risk_get(a->st, p->edit_id, &after) == STORE_OK) {
			if (after.version != before.version) {
				risk_undo *u = xcalloc(1, sizeof *u);
				u->id = p->edit_id;
				u->version = after.version;
				u->field = f;
				u->old = old ? xstrdup(old) : NULL;
				char label[64];
				snprintf(label, sizeof label, _("%s of risk #%lld"), risk_field_name(f),
					 (long long)p->edit_id);
				ui_undo_push(a, label, undo_revert, undo_free_data, u);
			}
			ui_message(a, ROLE_STATUS, _("saved: %s of risk #%lld%s (u undoes)"), risk_field_name(f),
				   (long long)p->edit_id,
				   after.responded_at && !before.responded_at ? _("; cause and plan given: responded") : "");
			risk_row_free(&after);
		}
		ui_data_changed(a);
	} else {
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		if (rc == STORE_CONFLICT)
			ui_data_changed(a);
	}
	risk_row_free(&before);
}

static void field_chosen(app *a, void *ctx, int id)
{
	metrics_pane *p = ctx;
	const risk_row *r = current_risk(p);
	if (!r || r->id != p->edit_id)
		return;
	p->edit_field = id;
	static const char *const labels[] = {N_("cause:"), N_("response plan:"), N_("owner:")};
	const char *init = id == RISK_F_CAUSE ? r->cause : id == RISK_F_PLAN ? r->plan : r->owner;
	ui_prompt(a, _(labels[id]), init ? init : "", set_accept, NULL, NULL, p);
}

static void close_accept(app *a, void *ctx, const char *text)
{
	metrics_pane *p = ctx;
	enum store_rc rc = store_risk_close(a->st, p->edit_id, p->edit_version, text);
	if (rc == STORE_OK) {
		ui_message(a, ROLE_STATUS, _("risk #%lld closed"), (long long)p->edit_id);
		ui_data_changed(a);
	} else {
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		if (rc == STORE_CONFLICT)
			ui_data_changed(a);
	}
}

static void show_risk(metrics_pane *p, app *a)
{
	const risk_row *r = current_risk(p);
	if (!r)
		return;
	char now[24], title[80];
	clock_now_string(now);
	risk_cells rc;
	risk_cells_format(r, now, &rc);
	snprintf(title, sizeof title, _("Risk #%lld"), (long long)r->id);
	doc d;
	doc_init(&d, title);
	doc_add_kv(&d, _("subject"), ROLE_NORMAL, r->subject);
	doc_add_kv(&d, _("kind"), ROLE_MUTED, risk_kind_label(r->kind));
	char *fig = xasprintf(_("%s against %s (%s)"), rc.current, rc.target, rc.deviation);
	doc_add_kv(&d, _("figures"), ROLE_WARN, fig);
	free(fig);
	doc_add_kv(&d, _("state"), rc.overdue ? ROLE_ALERT : ROLE_NORMAL, risk_state_label(rc.state));
	doc_add_kv(&d, _("opened"), ROLE_NORMAL, r->opened_at);
	char *due = xasprintf(_("%s (%s)"), r->respond_by, rc.due);
	doc_add_kv(&d, _("respond by"), rc.overdue ? ROLE_ALERT : ROLE_NORMAL, due);
	free(due);
	doc_add_kv(&d, _("owner"), ROLE_NORMAL, r->owner ? r->owner : _("(none)"));
	doc_add_kv(&d, _("cause"), r->cause ? ROLE_NORMAL : ROLE_MUTED, r->cause ? r->cause : _("(not given)"));
	doc_add_kv(&d, _("plan"), r->plan ? ROLE_NORMAL : ROLE_MUTED, r->plan ? r->plan : _("(not given)"));
	if (r->responded_at)
		doc_add_kv(&d, _("responded"), ROLE_OK, r->responded_at);
	if (r->cleared_at)
		doc_add_kv(&d, _("recovered"), ROLE_OK, r->cleared_at);
	if (r->closed_at) {
		doc_add_kv(&d, _("closed"), ROLE_MUTED, r->closed_at);
		doc_add_kv(&d, _("resolution"), ROLE_NORMAL, r->resolution);
	}
	doc_add_blank(&d);
	doc_add_heading(&d, _("History (newest first)"));
	audit_filter f = {.entity = "risk", .entity_id = r->id, .limit = 200};
	audit_row *rows;
	size_t n;
	if (store_audit_list(a->st, &f, &rows, &n) == STORE_OK) {
		for (size_t k = 0; k < n; k++) {
			char *key = xasprintf("%.16s %s", rows[k].at ? rows[k].at : "", rows[k].user ? rows[k].user : "");
			char *text = xasprintf("%s: %s → %s", rows[k].field ? rows[k].field : "?",
					       rows[k].old_value ? rows[k].old_value : _("(none)"),
					       rows[k].new_value ? rows[k].new_value : _("(none)"));
			doc_add_kv(&d, key, ROLE_NORMAL, text);
			free(key);
			free(text);
		}
		audit_rows_free(rows, n);
	}
	ui_show_doc(a, &d);
}

static bool begin_edit(metrics_pane *p, app *a)
{
	if (!ui_can_edit(a))
		return false;
	const risk_row *r = current_risk(p);
	if (!r) {
		ui_message(a, ROLE_STATUS, _("no risk here"));
		return false;
	}
	if (r->closed_at) {
		ui_message(a, ROLE_STATUS, _("risk #%lld is closed"), (long long)r->id);
		return false;
	}
	p->edit_id = r->id;
	p->edit_version = r->version;
	return true;
}

bool risks_action(metrics_pane *p, app *a, enum action act)
{
	size_t page = p->drawn_r.h > HEAD_ROWS + 1 ? (size_t)(p->drawn_r.h - HEAD_ROWS - 1) : 1;
	size_t last = p->n_risks ? p->n_risks - 1 : 0;
	switch (act) {
	case ACT_BACK:
	case ACT_CLOSE:
	case ACT_RISKS:
		p->mode = p->risks_from == MM_METRIC && p->m_key && p->values_ready ? MM_METRIC : MM_TABLE;
		p->need_full = true;
		return true;
	case ACT_UP: p->r_cursor = p->r_cursor ? p->r_cursor - 1 : 0; break;
	case ACT_DOWN: p->r_cursor = p->r_cursor < last ? p->r_cursor + 1 : last; break;
	case ACT_PAGE_UP:
	case ACT_HALF_UP: {
		size_t step = act == ACT_PAGE_UP ? page : page / 2 + 1;
		p->r_cursor = p->r_cursor > step ? p->r_cursor - step : 0;
		break;
	}
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN: {
		size_t step = act == ACT_PAGE_DOWN ? page : page / 2 + 1;
		p->r_cursor = p->r_cursor + step < last ? p->r_cursor + step : last;
		break;
	}
	case ACT_TOP: p->r_cursor = 0; break;
	case ACT_BOTTOM: p->r_cursor = last; break;
	case ACT_ENTER: show_risk(p, a); return true;
	case ACT_RISKS_CLOSED:
		p->show_closed = !p->show_closed;
		risks_load(p, a);
		ui_message(a, ROLE_STATUS, p->show_closed ? _("closed risks shown") : _("open risks only"));
		return true;
	case ACT_VALUE_EDIT: {
		if (!begin_edit(p, a))
			return true;
		const menu_item items[] = {{'c', _("cause"), RISK_F_CAUSE},
					   {'p', _("response plan"), RISK_F_PLAN},
					   {'o', _("owner"), RISK_F_OWNER}};
		const risk_row *r = current_risk(p);
		ui_menu(a, _("risk"), items, ARRAY_LEN(items), str_empty(r->cause) ? 0 : str_empty(r->plan) ? 1 : 0,
			field_chosen, p);
		return true;
	}
	case ACT_RISK_CLOSE:
		if (begin_edit(p, a))
			ui_prompt(a, _("resolution note (required):"), "", close_accept, NULL, NULL, p);
		return true;
	case ACT_VALUE_ADD:
	case ACT_VALUE_DELETE:
		ui_message(a, ROLE_STATUS, _("in the risk log: e edits cause, plan or owner; x closes"));
		return true;
	default: return false;
	}
	p->need_full = true;
	return true;
}
