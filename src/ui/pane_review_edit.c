/* Editing the review from its pane: short fields in the one-line editor,
 * long text in $VISUAL / $EDITOR or the built-in editor, choices from a
 * menu; adding, deleting, collecting a risk as a problem, marking the
 * review final; undo; and the detail view of an item with its history.
 *
 * Every save passes the version the item had when the edit began. When
 * another operator saved in between, the store refuses it and says who
 * and when; the pane shows that, keeps the text for the next edit of the
 * same field and offers R to reload. A final review asks to be reopened
 * (audited) before anything but an action's status, owner or deadline
 * changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "pane_review.h"
#include "warroom/i18n.h"
#include "warroom/text.h"

static const char *shown(const char *v)
{
	return str_empty(v) ? _("(empty)") : v;
}

/* "problem P2", "the overview", "the note on GMV". */
static char *item_name(review_pane *p, enum review_entity e, int64_t id)
{
	const review_data *r = &p->rv;
	switch (e) {
	case RV_REVIEW: return xstrdup(_("the review"));
	case RV_NOTE:
		for (size_t i = 0; i < r->n_notes; i++)
			if (r->notes[i].metric_id == id)
				return xasprintf(_("the analysis of %s"), r->notes[i].metric_name);
		break;
	case RV_HIGHLIGHT:
		for (size_t i = 0; i < r->n_highlights; i++)
			if (r->highlights[i].id == id)
				return xasprintf(_("highlight %zu"), i + 1);
		break;
	case RV_PROBLEM:
		for (size_t i = 0; i < r->n_problems; i++)
			if (r->problems[i].id == id)
				return xasprintf(_("problem P%zu"), i + 1);
		break;
	case RV_LESSON:
		for (size_t i = 0; i < r->n_lessons; i++)
			if (r->lessons[i].id == id)
				return xasprintf(_("lesson %zu"), i + 1);
		break;
	default: break;
	}
	return xasprintf("%s #%lld", review_entity_name(e), (long long)id);
}

static enum item_kind kind_of(enum review_entity e)
{
	switch (e) {
	case RV_REVIEW: return IK_OVERVIEW;
	case RV_NOTE: return IK_NOTE;
	case RV_HIGHLIGHT: return IK_HIGHLIGHT;
	case RV_PROBLEM: return IK_PROBLEM;
	case RV_LESSON: return IK_LESSON;
	default: return IK_NONE;
	}
}

/* ---- undo ------------------------------------------------------------------ */

typedef struct rv_undo {
	enum review_entity e;
	int64_t id, version; /* the version our change produced */
	const review_field *f; /* NULL: the change was an addition */
	char *old, *what;
} rv_undo;

static void undo_free(void *data)
{
	rv_undo *u = data;
	free(u->old);
	free(u->what);
	free(u);
}

static bool undo_revert(app *a, void *data)
{
	rv_undo *u = data;
	enum store_rc rc;
	if (u->f) {
		review_assign back = {u->f->name, u->old};
		rc = store_review_edit(a->st, u->e, u->id, u->version, &back, 1);
	} else {
		rc = store_review_delete(a->st, u->e, u->id, u->version);
	}
	if (rc == STORE_OK) {
		ui_message(a, ROLE_STATUS, _("undone: %s"), u->what);
		ui_data_changed(a);
		return true;
	}
	ui_message(a, ROLE_STATUS_ERROR, _("cannot undo: %s"), store_error(a->st));
	if (rc == STORE_CONFLICT)
		ui_data_changed(a);
	return false;
}

/* A record of the loaded review by entity and id, or NULL. */
static const void *find_row(const review_pane *p, enum review_entity e, int64_t id,
			    int64_t *version)
{
	const review_data *r = &p->rv;
	switch (e) {
	case RV_REVIEW:
		*version = r->head.version;
		return &r->head;
	case RV_NOTE:
		for (size_t i = 0; i < r->n_notes; i++)
			if (r->notes[i].metric_id == id) {
				*version = r->notes[i].version;
				return &r->notes[i];
			}
		break;
	case RV_HIGHLIGHT:
		for (size_t i = 0; i < r->n_highlights; i++)
			if (r->highlights[i].id == id) {
				*version = r->highlights[i].version;
				return &r->highlights[i];
			}
		break;
	case RV_PROBLEM:
		for (size_t i = 0; i < r->n_problems; i++)
			if (r->problems[i].id == id) {
				*version = r->problems[i].version;
				return &r->problems[i];
			}
		break;
	case RV_LESSON:
		for (size_t i = 0; i < r->n_lessons; i++)
			if (r->lessons[i].id == id) {
				*version = r->lessons[i].version;
				return &r->lessons[i];
			}
		break;
	default: break;
	}
	return NULL;
}

/* ---- saving ---------------------------------------------------------------- */

static void save_field(review_pane *p, app *a, enum review_entity e, int64_t id, int64_t version,
		       const review_field *f, const char *value)
{
	if (!ui_can_edit(a))
		return;
	/* The value before, from what the pane read. */
	int64_t cv;
	const void *row = find_row(p, e, id, &cv);
	char *old = row ? xstrdup(review_field_get(row, f) ? review_field_get(row, f) : "") : NULL;
	review_assign as = {f->name, value};
	enum store_rc rc = store_review_edit(a->st, e, id, version, &as, 1);
	char *what = item_name(p, e, id);
	if (rc == STORE_OK) {
		free(p->pending);
		p->pending = NULL;
		ui_data_changed(a);
		int64_t now = -1;
		find_row(p, e, id, &now);
		if (now == version) {
			ui_message(a, ROLE_STATUS, _("%s of %s is unchanged"), _(f->label), what);
		} else if (!old) {
			ui_message(a, ROLE_STATUS, _("saved %s of %s"), _(f->label), what);
		} else {
			rv_undo *u = xcalloc(1, sizeof *u);
			u->e = e;
			u->id = id;
			u->version = now;
			u->f = f;
			u->old = old;
			old = NULL;
			u->what = xasprintf(_("%s of %s"), _(f->label), what);
			ui_undo_push(a, u->what, undo_revert, undo_free, u);
			char *v1 = text_sanitize(shown(value));
			char *cut = text_truncate(v1, 40, NULL);
			ui_message(a, ROLE_STATUS, _("saved %s of %s: %s (u undoes)"), _(f->label), what, cut);
			free(cut);
			free(v1);
		}
	} else if (rc == STORE_CONFLICT) {
		/* Nothing is lost: the text waits for the next edit. */
		free(p->pending);
		p->pending = xstrdup(value ? value : "");
		p->pend_e = e;
		p->pend_id = id;
		p->pend_f = f;
		p->stale = true;
		p->need_full = true;
		ui_message(a, ROLE_STATUS_ERROR, _("not saved (R reloads): %s"),
			   store_error(a->st));
	} else {
		ui_message(a, ROLE_STATUS_ERROR, "%s%s", rc == STORE_READONLY ? _("read-only: ") : "",
			   store_error(a->st));
	}
	free(what);
	free(old);
}

/* The text an edit starts with: a refused save's text when it was for
 * this field, else the current value. */
static const char *start_text(review_pane *p, enum review_entity e, int64_t id,
			      const review_field *f, const void *row)
{
	if (p->pending && p->pend_e == e && p->pend_id == id && p->pend_f == f)
		return p->pending;
	const char *v = review_field_get(row, f);
	return v ? v : "";
}

static void edit_long(review_pane *p, app *a, enum review_entity e, int64_t id, int64_t version,
		      const review_field *f, const void *row)
{
	char *what = item_name(p, e, id);
	char *title = xasprintf("%s — %s", _(f->label), what);
	char *init = xstrdup(start_text(p, e, id, f, row));
	char *out = NULL, err[256];
	enum editor_result r = editor_edit_long(a, title, init, &out, err, sizeof err);
	p->need_full = true;
	if (r == EDITOR_CHANGED)
		save_field(p, a, e, id, version, f, out);
	else if (r == EDITOR_UNCHANGED)
		ui_message(a, ROLE_STATUS, _("%s of %s: nothing changed"), _(f->label), what);
	else
		ui_message(a, ROLE_STATUS_ERROR, "%s", err);
	free(out);
	free(init);
	free(title);
	free(what);
}

static void prompt_accept(app *a, void *ctx, const char *text)
{
	review_pane *p = ctx;
	save_field(p, a, p->ed_e, p->ed_id, p->ed_version, p->ed_f, text);
}

static const char *const choice_values[] = {"high", "medium", "low", "open", "in-progress", "done",
					    "strategy", "execution", "resources", "tools"};

static void choice_chosen(app *a, void *ctx, int id)
{
	review_pane *p = ctx;
	if (id >= 0 && (size_t)id < ARRAY_LEN(choice_values))
		save_field(p, a, p->ed_e, p->ed_id, p->ed_version, p->ed_f, choice_values[id]);
}

static void open_choice(review_pane *p, app *a, const char *current)
{
	/* TRANSLATORS: a review problem's impact and its action's status, and a
	 * lesson's category, in a menu. */
	const menu_item impact[] = {{'h', C_("review", "high"), 0},
				    {'m', C_("review", "medium"), 1},
				    {'l', C_("review", "low"), 2}};
	const menu_item status[] = {{'o', C_("review", "open"), 3},
				    {'i', C_("review", "in-progress"), 4},
				    {'d', C_("review", "done"), 5}};
	const menu_item category[] = {{'s', C_("review", "strategy"), 6},
				      {'e', C_("review", "execution"), 7},
				      {'r', C_("review", "resources"), 8},
				      {'t', C_("review", "tools"), 9}};
	const menu_item *items = impact;
	size_t n = ARRAY_LEN(impact);
	if (p->ed_f->kind == RVV_STATUS) {
		items = status;
		n = ARRAY_LEN(status);
	} else if (p->ed_f->kind == RVV_CATEGORY) {
		items = category;
		n = ARRAY_LEN(category);
	}
	size_t sel = 0;
	for (size_t i = 0; i < n; i++)
		if (str_eq(current, choice_values[items[i].id]))
			sel = i;
	ui_menu(a, _(p->ed_f->label), items, n, sel, choice_chosen, p);
}

/* Opens the right editor for one field of the current item. */
static void edit_field(review_pane *p, app *a, const review_field *f)
{
	enum review_entity e;
	int64_t id, version;
	const void *row;
	if (!review_current(p, &e, &id, &version, &row))
		return;
	p->ed_e = e;
	p->ed_id = id;
	p->ed_version = version;
	p->ed_f = f;
	if (f->kind == RVV_IMPACT || f->kind == RVV_STATUS || f->kind == RVV_CATEGORY) {
		open_choice(p, a, review_field_get(row, f));
	} else if (f->multiline) {
		edit_long(p, a, e, id, version, f, row);
	} else {
		char label[64];
		/* TRANSLATORS: a prompt: a field's label, then a hint such as " (YYYY-MM-DD)". */
		snprintf(label, sizeof label, _("%s%s:"), _(f->label),
			 f->kind == RVV_DATE ? _(" (YYYY-MM-DD)") : f->kind == RVV_METRIC ? _(" (metric key)") : "");
		ui_prompt(a, label, start_text(p, e, id, f, row), prompt_accept, NULL, NULL, p);
	}
}

/* ---- a final review --------------------------------------------------------- */

static void reopen_chosen(app *a, void *ctx, int id)
{
	review_pane *p = ctx;
	if (id != 1)
		return;
	enum store_rc rc = store_review_set_final(a->st, p->rv.head.campaign_id, p->rv.head.version,
						  false);
	if (rc != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		if (rc == STORE_CONFLICT)
			p->stale = true;
		return;
	}
	ui_data_changed(a);
	ui_message(a, ROLE_STATUS, _("the review is open again (F marks it final)"));
	enum action next = p->after_reopen;
	p->after_reopen = ACT_NONE;
	if (next != ACT_NONE)
		review_edit_action(p, a, next);
}

/* True when the change may go ahead; else asks whether to reopen the
 * review and, when yes, runs `act` again. `f` NULL: an addition or
 * deletion. */
static bool may_change(review_pane *p, app *a, const review_field *f, enum action act)
{
	if (!ui_can_edit(a))
		return false;
	if (!p->rv.head.is_final || (f && f->live))
		return true;
	const menu_item items[] = {{'y', _("yes, reopen it (recorded in the log)"), 1},
				   {'n', _("no, leave it final"), 0}};
	p->after_reopen = act;
	ui_menu(a, _("The review is final. Reopen it?"), items, ARRAY_LEN(items), 1, reopen_chosen, p);
	return false;
}

/* ---- menus ----------------------------------------------------------------- */

static void field_chosen(app *a, void *ctx, int id)
{
	review_pane *p = ctx;
	enum review_entity e;
	int64_t rid, version;
	const void *row;
	if (!review_current(p, &e, &rid, &version, &row))
		return;
	size_t nf;
	const review_field *f = review_fields(e, &nf);
	if (id < 0 || (size_t)id >= nf)
		return;
	if (may_change(p, a, &f[id], ACT_RV_EDIT))
		edit_field(p, a, &f[id]);
}

static void open_field_menu(review_pane *p, app *a, enum review_entity e, const void *row)
{
	/* Hotkeys per entity, in field order. */
	static const char *const keys[RV_N_ENTITY] = {
		[RV_HIGHLIGHT] = "twm", [RV_PROBLEM] = "di12345raots", [RV_LESSON] = "clas"};
	size_t nf;
	const review_field *f = review_fields(e, &nf);
	menu_item items[12];
	size_t n = nf < ARRAY_LEN(items) ? nf : ARRAY_LEN(items);
	for (size_t i = 0; i < n; i++) {
		const char *v = review_field_get(row, &f[i]);
		if (v && (f[i].kind == RVV_IMPACT || f[i].kind == RVV_STATUS || f[i].kind == RVV_CATEGORY))
			v = i18n_context("review", v);
		char *clean = text_sanitize(v ? v : "");
		char *cut = text_truncate(clean, 36, NULL);
		/* padded by display width: a Chinese label is two columns a character */
		const char *label = _(f[i].label);
		int pad = 14 - text_width(label);
		snprintf(p->menu_labels[i], sizeof p->menu_labels[i], "%s%*s %s", label,
			 pad > 0 ? pad : 0, "", str_empty(cut) ? "—" : cut);
		free(cut);
		free(clean);
		items[i] = (menu_item){keys[e] ? (wr_key)keys[e][i] : 0, p->menu_labels[i], (int)i};
	}
	char title[64];
	char *what = item_name(p, e, p->ed_id);
	snprintf(title, sizeof title, _("edit %s"), what);
	free(what);
	ui_menu(a, title, items, n, 0, field_chosen, p);
}

static void add_prompt_accept(app *a, void *ctx, const char *text)
{
	review_pane *p = ctx;
	if (str_empty(text)) {
		ui_message(a, ROLE_STATUS, _("nothing added"));
		return;
	}
	review_assign as = {p->ed_f->name, text};
	int64_t id = 0;
	enum store_rc rc = store_review_add(a->st, p->ed_e, a->camp.id, &as, 1, &id);
	if (rc != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		return;
	}
	ui_data_changed(a);
	review_select(p, kind_of(p->ed_e), id);
	rv_undo *u = xcalloc(1, sizeof *u);
	u->e = p->ed_e;
	u->id = id;
	u->version = 1;
	u->what = xasprintf(_("adding %s"), review_entity_name(p->ed_e));
	ui_undo_push(a, u->what, undo_revert, undo_free, u);
	char *what = item_name(p, p->ed_e, id);
	ui_message(a, ROLE_STATUS, _("added %s (e edits its other fields, u undoes)"), what);
	free(what);
}

static void add_chosen(app *a, void *ctx, int id)
{
	review_pane *p = ctx;
	static const char *const main_field[RV_N_ENTITY] = {
		[RV_HIGHLIGHT] = "text", [RV_PROBLEM] = "description", [RV_LESSON] = "content"};
	static const char *const labels[RV_N_ENTITY] = {
		[RV_HIGHLIGHT] = N_("new highlight (what beat target):"),
		[RV_PROBLEM] = N_("new problem:"),
		[RV_LESSON] = N_("new lesson:")};
	enum review_entity e = (enum review_entity)id;
	if (e != RV_HIGHLIGHT && e != RV_PROBLEM && e != RV_LESSON)
		return;
	p->ed_e = e;
	p->ed_f = review_field_find(e, main_field[e]);
	ui_prompt(a, _(labels[e]), "", add_prompt_accept, NULL, NULL, p);
}

static void delete_chosen(app *a, void *ctx, int id)
{
	review_pane *p = ctx;
	if (id != 1)
		return;
	char *what = item_name(p, p->ed_e, p->ed_id);
	enum store_rc rc = store_review_delete(a->st, p->ed_e, p->ed_id, p->ed_version);
	if (rc == STORE_OK) {
		ui_data_changed(a);
		ui_message(a, ROLE_STATUS, _("deleted %s (the log keeps its text)"), what);
	} else {
		if (rc == STORE_CONFLICT)
			p->stale = true;
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
	}
	free(what);
}

static void final_chosen(app *a, void *ctx, int id)
{
	review_pane *p = ctx;
	if (id != 1)
		return;
	bool to = !p->rv.head.is_final;
	enum store_rc rc = store_review_set_final(a->st, p->rv.head.campaign_id, p->rv.head.version, to);
	if (rc == STORE_OK) {
		ui_data_changed(a);
		ui_message(a, ROLE_STATUS, to ? _("the review is final: only actions' status, owner and "
						"deadline can change now (F reopens)")
					      : _("the review is open again"));
	} else {
		if (rc == STORE_CONFLICT)
			p->stale = true;
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
	}
}

static void collect_chosen(app *a, void *ctx, int id)
{
	review_pane *p = ctx;
	if (id < 0 || id >= 12)
		return;
	int64_t pid = 0;
	enum store_rc rc = store_problem_from_risk(a->st, p->menu_ids[id], &pid);
	if (rc != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		return;
	}
	ui_data_changed(a);
	review_select(p, IK_PROBLEM, pid);
	char *what = item_name(p, RV_PROBLEM, pid);
	ui_message(a, ROLE_STATUS, _("%s comes from that risk (e adds its 5 whys and action)"), what);
	free(what);
}

static void open_collect(review_pane *p, app *a)
{
	risk_row *v;
	size_t n;
	if (store_risk_list(a->st, a->camp.id, false, &v, &n) != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		return;
	}
	if (!n) {
		ui_message(a, ROLE_STATUS, _("no open risks to collect (feedback is collected from the Inbox)"));
		risk_rows_free(v, n);
		return;
	}
	menu_item items[12];
	static const char hot[] = "123456789abc";
	size_t k = n < ARRAY_LEN(items) ? n : ARRAY_LEN(items);
	for (size_t i = 0; i < k; i++) {
		char *clean = text_sanitize(v[i].subject ? v[i].subject : "");
		char *cut = text_truncate(clean, 56, NULL);
		snprintf(p->menu_labels[i], sizeof p->menu_labels[i], "%s", cut);
		free(cut);
		free(clean);
		p->menu_ids[i] = v[i].id;
		items[i] = (menu_item){hot[i], p->menu_labels[i], (int)i};
	}
	risk_rows_free(v, n);
	ui_menu(a, _("collect an open risk as a problem"), items, k, 0, collect_chosen, p);
}

bool review_edit_action(review_pane *p, app *a, enum action act)
{
	enum review_entity e;
	int64_t id, version;
	const void *row;
	bool have = review_current(p, &e, &id, &version, &row);
	switch (act) {
	case ACT_RV_EDIT: {
		if (!have) {
			ui_message(a, ROLE_STATUS, _("nothing here to edit"));
			return true;
		}
		p->ed_e = e;
		p->ed_id = id;
		p->ed_version = version;
		size_t nf;
		const review_field *f = review_fields(e, &nf);
		if (nf == 1) {
			if (may_change(p, a, &f[0], act))
				edit_field(p, a, &f[0]);
		} else if (ui_can_edit(a)) {
			open_field_menu(p, a, e, row);
		}
		return true;
	}
	case ACT_RV_STATUS:
		if (!have || e != RV_PROBLEM) {
			ui_message(a, ROLE_STATUS, _("S sets the status of a problem's action"));
			return true;
		}
		if (may_change(p, a, review_field_find(e, "status"), act))
			edit_field(p, a, review_field_find(e, "status"));
		return true;
	case ACT_RV_ADD: {
		if (!may_change(p, a, NULL, act))
			return true;
		const menu_item items[] = {{'h', _("highlight (what beat target and why)"), RV_HIGHLIGHT},
					   {'p', _("problem (with its 5 whys and action)"), RV_PROBLEM},
					   {'l', _("lesson (to reuse next time)"), RV_LESSON}};
		size_t sel = have && e == RV_LESSON ? 2 : have && e == RV_HIGHLIGHT ? 0 : 1;
		ui_menu(a, _("add to the review"), items, ARRAY_LEN(items), sel, add_chosen, p);
		return true;
	}
	case ACT_RV_DELETE: {
		if (!have || (e != RV_HIGHLIGHT && e != RV_PROBLEM && e != RV_LESSON)) {
			ui_message(a, ROLE_STATUS, _("only highlights, problems and lessons can be deleted"));
			return true;
		}
		if (!may_change(p, a, NULL, act))
			return true;
		p->ed_e = e;
		p->ed_id = id;
		p->ed_version = version;
		const menu_item items[] = {{'y', _("yes, delete it (the log keeps its text)"), 1},
					   {'n', _("no"), 0}};
		char title[64];
		char *what = item_name(p, e, id);
		snprintf(title, sizeof title, _("delete %s?"), what);
		free(what);
		ui_menu(a, title, items, ARRAY_LEN(items), 1, delete_chosen, p);
		return true;
	}
	case ACT_RV_COLLECT:
		if (may_change(p, a, NULL, act))
			open_collect(p, a);
		return true;
	case ACT_RV_FINAL: {
		if (!ui_can_edit(a) || !p->loaded)
			return true;
		const menu_item to_final[] = {{'y', _("yes: freeze it (actions' status stays open)"), 1},
					      {'n', _("no"), 0}};
		const menu_item to_open[] = {{'y', _("yes, reopen it (recorded in the log)"), 1},
					     {'n', _("no"), 0}};
		bool fin = p->rv.head.is_final;
		ui_menu(a, fin ? _("reopen the final review?") : _("mark the review final?"), fin ? to_open : to_final,
			2, 1, final_chosen, p);
		return true;
	}
	case ACT_RV_RELOAD:
		p->stale = false;
		ui_data_changed(a);
		ui_message(a, ROLE_STATUS, p->pending ? _("reloaded; e offers your unsaved text again")
						      : _("reloaded"));
		return true;
	default:
		return false;
	}
}

/* ---- detail ----------------------------------------------------------------- */

bool review_detail(void *self, app *a, doc *out)
{
	review_pane *p = self;
	enum review_entity e;
	int64_t id, version;
	const void *row;
	if (!review_current(p, &e, &id, &version, &row))
		return false;
	char *what = item_name(p, e, id);
	char *title = xasprintf(_("Review: %s"), what);
	doc_init(out, title);
	free(title);
	free(what);
	size_t nf;
	const review_field *f = review_fields(e, &nf);
	if (e == RV_NOTE)
		doc_add_kv(out, _("Metric"), ROLE_NORMAL, ((const review_note *)row)->metric_name);
	for (size_t k = 0; k < nf; k++) {
		const char *v = review_field_get(row, &f[k]);
		doc_add_kv(out, _(f[k].label), str_empty(v) ? ROLE_MUTED : ROLE_NORMAL,
			   str_empty(v) ? "—" : v);
	}
	if (e == RV_PROBLEM) {
		const problem_row *x = row;
		char buf[64];
		if (x->feedback_id) {
			snprintf(buf, sizeof buf, _("feedback #%lld"), (long long)x->feedback_id);
			doc_add_kv(out, _("From"), ROLE_MUTED, buf);
		}
		if (x->risk_id) {
			snprintf(buf, sizeof buf, _("risk #%lld"), (long long)x->risk_id);
			doc_add_kv(out, _("From"), ROLE_MUTED, buf);
		}
		if (problem_overdue(x, a->today))
			doc_add_kv(out, _("Overdue"), ROLE_ALERT, _("the deadline has passed and it is not done"));
	}
	char *ver = xasprintf("%lld", (long long)version);
	doc_add_kv(out, _("Version"), ROLE_MUTED, ver);
	free(ver);
	doc_add_blank(out);
	doc_add_heading(out, _("History (newest first)"));
	audit_filter af = {.entity = review_entity_audit(e), .entity_id = id, .limit = 200};
	audit_row *rows;
	size_t n;
	if (store_audit_list(a->st, &af, &rows, &n) != STORE_OK) {
		doc_add(out, ROLE_ALERT, store_error(a->st));
		return true;
	}
	if (!n)
		doc_add(out, ROLE_MUTED, _("no change recorded yet"));
	for (size_t i = 0; i < n; i++) {
		char *key = xasprintf("%.16s %s", rows[i].at ? rows[i].at : "", rows[i].user ? rows[i].user : "");
		char *text = xasprintf("%s: %s → %s", rows[i].field ? rows[i].field : "?",
				       shown(rows[i].old_value), shown(rows[i].new_value));
		doc_add_kv(out, key, ROLE_NORMAL, text);
		free(key);
		free(text);
	}
	audit_rows_free(rows, n);
	return true;
}
