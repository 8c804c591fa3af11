/* Editing tasks in place (status, progress, problem, support, owner,
 * dates), undoing those edits, and the task detail view with its history.
 * Every edit is one store call: one transaction with its audit row, and a
 * version check so that another operator's change is never overwritten
 * silently. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane_tasks.h"
#include "warroom/i18n.h"
#include "warroom/task_state.h"
#include "warroom/text.h"

/* A field's value as the store takes it back. */
static char *field_value(const task_row *t, enum task_field f)
{
	char buf[16];
	switch (f) {
	case TASK_F_STATUS: return xstrdup(task_status_name(t->status));
	case TASK_F_PROGRESS: return xasprintf("%d", t->progress);
	case TASK_F_PROBLEM: return xstrdup(t->problem ? t->problem : "");
	case TASK_F_SUPPORT: return xstrdup(t->support ? t->support : "");
	case TASK_F_OWNER: return xstrdup(t->owner ? t->owner : "");
	case TASK_F_START: return xstrdup(date_format(t->start, buf));
	case TASK_F_DUE: return xstrdup(date_format(t->due, buf));
	case TASK_F_NAME: return xstrdup(t->name ? t->name : "");
	}
	return xstrdup("");
}

static const char *shown(const char *v)
{
	return str_empty(v) ? _("(empty)") : v;
}

/* A status, a field and a tracking as the operator reads them (the store
 * and the audit log keep the English names). */
static const char *status_label(enum task_status s)
{
	static const char *const names[] = {N_("not-started"), N_("in-progress"), N_("done"), N_("delayed")};
	return (unsigned)s < ARRAY_LEN(names) ? _(names[s]) : task_status_name(s);
}

static const char *field_label(enum task_field f)
{
	static const char *const names[] = {N_("status"), N_("progress"), N_("problem"), N_("support"),
					    N_("owner"),  N_("start"),    N_("due"),     N_("name")};
	return (size_t)f < ARRAY_LEN(names) ? _(names[f]) : task_field_name(f);
}

typedef struct task_undo {
	tasks_pane *p;
	int64_t id, version; /* the version our edit produced */
	enum task_field field;
	char *key, *old;
} task_undo;

static void remember_version(tasks_pane *p, int64_t id, int64_t version)
{
	for (size_t i = 0; i < p->n_own; i++)
		if (p->own[i].id == id) {
			p->own[i].version = version;
			return;
		}
	p->own = xgrow(p->own, &p->cap_own, p->n_own + 1, sizeof *p->own);
	p->own[p->n_own++] = (struct own_version){id, version};
}

/* The version the row should have if nobody else wrote it since our last
 * write (edits and undos of this session). */
static int64_t own_version(const tasks_pane *p, int64_t id, int64_t fallback)
{
	for (size_t i = 0; i < p->n_own; i++)
		if (p->own[i].id == id)
			return p->own[i].version;
	return fallback;
}

static void note_write(tasks_pane *p, app *a, int64_t id)
{
	task_row now;
	if (store_task_get(a->st, id, &now) == STORE_OK) {
		remember_version(p, id, now.version);
		task_row_free(&now);
	}
}

static void undo_data_free(void *data)
{
	task_undo *u = data;
	free(u->key);
	free(u->old);
	free(u);
}

static bool undo_revert(app *a, void *data)
{
	task_undo *u = data;
	enum store_rc rc = store_task_set(a->st, u->id, own_version(u->p, u->id, u->version), u->field, u->old);
	if (rc == STORE_OK) {
		note_write(u->p, a, u->id);
		ui_message(a, ROLE_STATUS, _("undone: %s of %s back to %s"), field_label(u->field), u->key,
			   shown(u->old));
		ui_data_changed(a);
		return true;
	}
	ui_message(a, ROLE_STATUS_ERROR, _("cannot undo: %s"), store_error(a->st));
	if (rc == STORE_CONFLICT)
		ui_data_changed(a);
	return false;
}

void tasks_apply(tasks_pane *p, app *a, int64_t id, int64_t version, enum task_field f,
		 const char *value)
{
	if (!ui_can_edit(a))
		return;
	task_row before;
	if (store_task_get(a->st, id, &before) != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		ui_data_changed(a);
		return;
	}
	char *old = field_value(&before, f);
	enum store_rc rc = store_task_set(a->st, id, version, f, value);
	if (rc == STORE_OK) {
		task_row after;
		if (store_task_get(a->st, id, &after) == STORE_OK) {
			if (after.version == before.version) {
				ui_message(a, ROLE_STATUS, _("%s of %s is already %s"), field_label(f),
					   before.key, shown(old));
			} else {
				char *now = field_value(&after, f);
				remember_version(p, id, after.version);
				task_undo *u = xcalloc(1, sizeof *u);
				u->p = p;
				u->id = id;
				u->version = after.version;
				u->field = f;
				u->key = xstrdup(before.key);
				u->old = old;
				old = NULL;
				char label[160];
				snprintf(label, sizeof label, _("%s of %s"), field_label(f), before.key);
				ui_undo_push(a, label, undo_revert, undo_data_free, u);
				ui_message(a, ROLE_STATUS, _("saved: %s of %s: %s → %s (u undoes)"), field_label(f),
					   before.key, shown(u->old), shown(now));
				free(now);
			}
			task_row_free(&after);
		}
		ui_data_changed(a);
	} else {
		ui_message(a, ROLE_STATUS_ERROR, "%s%s", rc == STORE_READONLY ? _("read-only: ") : "",
			   store_error(a->st));
		if (rc == STORE_CONFLICT)
			ui_data_changed(a); /* show what the other operator wrote */
	}
	free(old);
	task_row_free(&before);
}

/* ---- prompts and menus ----------------------------------------------------- */

static bool begin_edit(tasks_pane *p, app *a, enum task_field f)
{
	if (!ui_can_edit(a))
		return false;
	const trow *r = tasks_current(p);
	if (!r) {
		ui_message(a, ROLE_STATUS, _("no task here to edit"));
		return false;
	}
	p->edit_id = r->t.id;
	p->edit_version = r->t.version;
	p->edit_field = f;
	return true;
}

static void prompt_accept(app *a, void *ctx, const char *text)
{
	tasks_pane *p = ctx;
	tasks_apply(p, a, p->edit_id, p->edit_version, p->edit_field, text);
}

static void status_chosen(app *a, void *ctx, int id)
{
	tasks_pane *p = ctx;
	tasks_apply(p, a, p->edit_id, p->edit_version, TASK_F_STATUS,
		    task_status_name((enum task_status)id));
}

static void open_status_menu(tasks_pane *p, app *a)
{
	const trow *r = tasks_current(p);
	const menu_item items[] = {
		{'1', status_label(TASK_NOT_STARTED), TASK_NOT_STARTED},
		{'2', status_label(TASK_IN_PROGRESS), TASK_IN_PROGRESS},
		{'3', status_label(TASK_DONE), TASK_DONE},
		{'4', status_label(TASK_DELAYED), TASK_DELAYED},
	};
	ui_menu(a, _("status"), items, ARRAY_LEN(items), r ? (size_t)r->t.status : 0, status_chosen, p);
}

static void open_prompt(tasks_pane *p, app *a, enum task_field f)
{
	const trow *r = tasks_current(p);
	if (!r)
		return;
	static const char *const labels[] = {
		[TASK_F_STATUS] = N_("status:"),        [TASK_F_PROGRESS] = N_("progress (0-100):"),
		[TASK_F_PROBLEM] = N_("problem:"),      [TASK_F_SUPPORT] = N_("support needed:"),
		[TASK_F_OWNER] = N_("owner:"),          [TASK_F_START] = N_("start (YYYY-MM-DD):"),
		[TASK_F_DUE] = N_("due (YYYY-MM-DD):"), [TASK_F_NAME] = N_("name:"),
	};
	char *init = field_value(&r->t, f);
	ui_prompt(a, _(labels[f]), init, prompt_accept, NULL, NULL, p);
	free(init);
}

static void field_chosen(app *a, void *ctx, int id)
{
	tasks_pane *p = ctx;
	if (id == TASK_F_STATUS)
		open_status_menu(p, a);
	else {
		p->edit_field = (enum task_field)id;
		open_prompt(p, a, (enum task_field)id);
	}
}

bool tasks_edit_action(tasks_pane *p, app *a, enum action act)
{
	switch (act) {
	case ACT_PROGRESS_UP:
	case ACT_PROGRESS_DOWN: {
		if (!begin_edit(p, a, TASK_F_PROGRESS))
			return true;
		const trow *r = tasks_current(p);
		int v = r->t.progress + (act == ACT_PROGRESS_UP ? 10 : -10);
		v = v < 0 ? 0 : v > 100 ? 100 : v;
		if (v == r->t.progress) {
			ui_message(a, ROLE_STATUS, _("progress is already %d%%"), v);
			return true;
		}
		char buf[8];
		snprintf(buf, sizeof buf, "%d", v);
		tasks_apply(p, a, p->edit_id, p->edit_version, TASK_F_PROGRESS, buf);
		return true;
	}
	case ACT_PROGRESS_SET:
		if (begin_edit(p, a, TASK_F_PROGRESS))
			open_prompt(p, a, TASK_F_PROGRESS);
		return true;
	case ACT_STATUS:
		if (begin_edit(p, a, TASK_F_STATUS))
			open_status_menu(p, a);
		return true;
	case ACT_EDIT: {
		if (!begin_edit(p, a, TASK_F_STATUS))
			return true;
		const menu_item items[] = {
			{'s', _("status"), TASK_F_STATUS},        {'p', _("progress"), TASK_F_PROGRESS},
			{'r', _("problem"), TASK_F_PROBLEM},      {'n', _("support needed"), TASK_F_SUPPORT},
			{'o', _("owner"), TASK_F_OWNER},          {'b', _("start date"), TASK_F_START},
			{'d', _("due date"), TASK_F_DUE},
		};
		ui_menu(a, _("edit"), items, ARRAY_LEN(items), 0, field_chosen, p);
		return true;
	}
	default: return false;
	}
}

/* ---- detail ------------------------------------------------------------------ */

static void add_text(doc *d, const char *key, const char *v)
{
	if (!str_empty(v))
		doc_add_kv(d, key, ROLE_NORMAL, v);
}

static void add_state(doc *d, app *a, const task_row *t)
{
	char buf[200], d1[40];
	wr_date today = a->today;
	if (task_is_late(t, today)) {
		snprintf(buf, sizeof buf, P_("! late: due %s, %d day ago", "! late: due %s, %d days ago", today - t->due),
			 ui_date(a, t->due, d1, sizeof d1), today - t->due);
		doc_add_kv(d, _("state"), ROLE_ALERT, buf);
	} else if (task_is_behind(t, today)) {
		snprintf(buf, sizeof buf, _("↓ behind: %d%% done, %.0f%% of its time elapsed"), t->progress,
			 100.0 * task_elapsed_share(t->start, t->due, today));
		doc_add_kv(d, _("state"), ROLE_WARN, buf);
	} else if (t->status == TASK_DONE) {
		doc_add_kv(d, _("state"), ROLE_OK, _("✔ done"));
	} else if (today < t->start) {
		snprintf(buf, sizeof buf, P_("· starts in %d day", "· starts in %d days", t->start - today),
			 t->start - today);
		doc_add_kv(d, _("state"), ROLE_NORMAL, buf);
	} else {
		doc_add_kv(d, _("state"), ROLE_OK, _("on track"));
	}
	if (task_is_stale(t, today))
		doc_add_kv(d, "", ROLE_WARN, _("? stale: tracked daily and not updated today"));
}

static void add_prereqs(doc *d, app *a, const task_row *t)
{
	int64_t *ids;
	size_t n;
	if (store_task_prereq_ids(a->st, t->id, &ids, &n) != STORE_OK || n == 0) {
		if (!str_empty(t->depends))
			doc_add_kv(d, _("after"), ROLE_NORMAL, t->depends);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		task_row dep;
		if (store_task_get(a->st, ids[i], &dep) != STORE_OK)
			continue;
		bool done = dep.status == TASK_DONE;
		char *line = xasprintf("%s %s  %s (%s)", done ? "✔" : "↛", dep.key, dep.name,
				       status_label(dep.status));
		doc_add_kv(d, i == 0 ? _("after") : "", done ? ROLE_NORMAL : ROLE_WARN, line);
		free(line);
		task_row_free(&dep);
	}
	free(ids);
}

static void add_history(doc *d, app *a, int64_t id)
{
	doc_add_blank(d);
	doc_add_heading(d, _("History (newest first)"));
	audit_filter f = {.entity = "task", .entity_id = id, .limit = 500};
	audit_row *rows;
	size_t n;
	if (store_audit_list(a->st, &f, &rows, &n) != STORE_OK) {
		doc_add(d, ROLE_ALERT, store_error(a->st));
		return;
	}
	if (n == 0)
		doc_add(d, ROLE_MUTED, _("no change recorded since it was imported"));
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

bool tasks_detail(void *self, app *a, doc *out)
{
	tasks_pane *p = self;
	const trow *r = tasks_current(p);
	if (!r)
		return false;
	task_row t;
	if (store_task_get(a->st, r->t.id, &t) != STORE_OK) {
		ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		return false;
	}
	char *title = xasprintf(_("Task: %s"), t.name ? t.name : "");
	doc_init(out, title);
	free(title);
	char buf[200], d1[40], d2[40];
	doc_add_kv(out, "id", ROLE_MUTED, t.key);
	doc_add_kv(out, _("name"), ROLE_NORMAL, t.name);
	add_text(out, _("strategy"), t.strategy);
	add_text(out, _("owner"), t.owner);
	add_text(out, _("with"), t.collaborators);
	add_text(out, _("phase"), t.phase);
	snprintf(buf, sizeof buf, P_("%s → %s (%d day)", "%s → %s (%d days)", t.due - t.start + 1),
		 ui_date(a, t.start, d1, sizeof d1), ui_date(a, t.due, d2, sizeof d2), t.due - t.start + 1);
	doc_add_kv(out, _("dates"), ROLE_NORMAL, buf);
	static const char *const glyphs[] = {"·", "▶", "✔", "‖"};
	snprintf(buf, sizeof buf, "%s %s", glyphs[(unsigned)t.status < 4 ? t.status : 0],
		 status_label(t.status));
	doc_add_kv(out, _("status"), t.status == TASK_DONE ? ROLE_OK : ROLE_NORMAL, buf);
	snprintf(buf, sizeof buf, "%d%%", t.progress);
	doc_add_kv(out, _("progress"), ROLE_NORMAL, buf);
	add_state(out, a, &t);
	doc_add_kv(out, _("tracking"), ROLE_NORMAL,
		   t.tracking == TRACK_DAILY ? _("daily") : t.tracking == TRACK_WEEKLY ? _("weekly")
										: task_tracking_name(t.tracking));
	if (t.milestone)
		doc_add_kv(out, _("milestone"), ROLE_MILESTONE, _("◆ yes"));
	add_text(out, _("deliverable"), t.deliverable);
	add_prereqs(out, a, &t);
	doc_add_kv(out, _("problem"), str_empty(t.problem) ? ROLE_MUTED : ROLE_WARN,
		   str_empty(t.problem) ? _("(none)") : t.problem);
	doc_add_kv(out, _("support"), str_empty(t.support) ? ROLE_MUTED : ROLE_WARN,
		   str_empty(t.support) ? _("(none needed)") : t.support);
	if (!str_empty(t.updated_by)) {
		snprintf(buf, sizeof buf, _("by %.60s at %.20s (version %lld)"), t.updated_by,
			 t.updated_at ? t.updated_at : "?", (long long)t.version);
		doc_add_kv(out, _("updated"), ROLE_MUTED, buf);
	}
	add_history(out, a, t.id);
	task_row_free(&t);
	return true;
}
