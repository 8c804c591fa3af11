/* Campaigns: listing, import (insert or update in place) and export. */
#include "store_internal.h"
#include "metric_days.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/feedback.h"
#include "warroom/i18n.h"
#include "warroom/number.h"

static char *join_lines(const strlist *sl)
{
	return sl->n ? sl_join(sl, "\n") : NULL;
}

static void split_lines(const char *s, strlist *out)
{
	if (!s)
		return;
	const char *p = s;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *item = xstrndup(p, n);
		sl_push(out, item);
		free(item);
		p += n;
		if (*p == '\n')
			p++;
	}
}

#define CAMPAIGN_COLS                                                                              \
	"c.id, c.key, c.name, c.type, c.owner, c.start, c.end, c.budget, c.currency, c.audience,"  \
	" c.channels, c.baseline,"                                                                 \
	" ifnull((SELECT total FROM task_figures WHERE campaign_id = c.id LIMIT 1),"               \
	"  (SELECT count(*) FROM task WHERE campaign_id = c.id)),"                                 \
	" (SELECT count(*) FROM metric WHERE campaign_id = c.id),"                                 \
	" ifnull((SELECT n FROM feedback_count WHERE campaign_id = c.id), 0),"                     \
	" (SELECT name FROM phase WHERE campaign_id = c.id AND start <= ?1 AND end >= ?1"          \
	"  ORDER BY start LIMIT 1)"

static void read_campaign(sqlite3_stmt *st, campaign_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->key = st_col_text(st, 1);
	r->name = st_col_text(st, 2);
	r->type = st_col_text(st, 3);
	r->owner = st_col_text(st, 4);
	r->start = st_col_date(st, 5);
	r->end = st_col_date(st, 6);
	r->has_budget = sqlite3_column_type(st, 7) != SQLITE_NULL;
	r->budget = sqlite3_column_double(st, 7);
	r->currency = st_col_text(st, 8);
	r->audience = st_col_text(st, 9);
	char *ch = st_col_text(st, 10);
	if (ch)
		for (char *p = ch; *p; p++)
			if (*p == '\n')
				*p = ',';
	if (ch) {
		/* "a,b" -> "a, b" */
		strbuf sb = STRBUF_INIT;
		for (char *p = ch; *p; p++) {
			sb_addc(&sb, *p);
			if (*p == ',')
				sb_addc(&sb, ' ');
		}
		free(ch);
		ch = sb_detach(&sb);
	}
	r->channels = ch;
	r->baseline = st_col_text(st, 11);
	r->n_tasks = sqlite3_column_int(st, 12);
	r->n_metrics = sqlite3_column_int(st, 13);
	r->n_feedback = sqlite3_column_int(st, 14);
	r->current_phase = st_col_text(st, 15);
}

void campaign_row_free(campaign_row *r)
{
	if (!r)
		return;
	free(r->key);
	free(r->name);
	free(r->type);
	free(r->owner);
	free(r->currency);
	free(r->audience);
	free(r->baseline);
	free(r->channels);
	free(r->current_phase);
	memset(r, 0, sizeof *r);
}

void campaign_list_free(campaign_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		campaign_row_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

enum store_rc store_campaign_list(store *s, campaign_list *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = st_prep(s,
		"SELECT " CAMPAIGN_COLS " FROM campaign c ORDER BY"
		" CASE WHEN c.start <= ?1 AND c.end >= ?1 THEN 0"
		"      WHEN c.start > ?1 THEN 1 ELSE 2 END,"
		" CASE WHEN c.end >= ?1 THEN c.end END ASC,"
		" c.end DESC, c.key");
	if (!st)
		return STORE_ERROR;
	char today[16];
	st_bind_text(st, 1, date_format(date_today(), today));
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = xgrow(out->v, &cap, out->n + 1, sizeof *out->v);
		read_campaign(st, &out->v[out->n++]);
	}
	if (rc != SQLITE_DONE) {
		campaign_list_free(out);
		return st_fail(s, "listing campaigns");
	}
	return STORE_OK;
}

enum store_rc store_campaign_get(store *s, const char *key, campaign_row *out)
{
	sqlite3_stmt *st = st_prep(s, "SELECT " CAMPAIGN_COLS " FROM campaign c WHERE c.key = ?2");
	if (!st)
		return STORE_ERROR;
	char today[16];
	st_bind_text(st, 1, date_format(date_today(), today));
	st_bind_text(st, 2, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_campaign(st, out);
		sqlite3_reset(st);
		return STORE_OK;
	}
	enum store_rc r = rc == SQLITE_DONE ? st_failf(s, STORE_NOTFOUND, _("no campaign '%s'"), key)
					    : st_fail(s, "reading a campaign");
	sqlite3_reset(st);
	return r;
}

enum store_rc store_campaign_default(store *s, campaign_row *out)
{
	campaign_list l;
	enum store_rc rc = store_campaign_list(s, &l);
	if (rc != STORE_OK)
		return rc;
	if (l.n == 0) {
		campaign_list_free(&l);
		return st_failf(s, STORE_NOTFOUND, _("no campaigns yet (import one with 'warroom import FILE')"));
	}
	*out = l.v[0];
	memset(&l.v[0], 0, sizeof l.v[0]);
	campaign_list_free(&l);
	return STORE_OK;
}

void phase_defs_free(phase_def *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

enum store_rc store_campaign_phases(store *s, int64_t campaign_id, phase_def **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = st_prep(s, "SELECT name, start, end FROM phase WHERE campaign_id = ?1 ORDER BY ord");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, campaign_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		phase_def *p = &(*out)[(*n)++];
		memset(p, 0, sizeof *p);
		p->name = st_col_text(st, 0);
		p->start = st_col_date(st, 1);
		p->end = st_col_date(st, 2);
	}
	if (rc != SQLITE_DONE) {
		phase_defs_free(*out, *n);
		*out = NULL;
		*n = 0;
		return st_fail(s, "reading phases");
	}
	return STORE_OK;
}

/* ---- import ----------------------------------------------------------- */

/* Builds the at text: YYYY-MM-DD or YYYY-MM-DD HH:MM:SS. */
static char *fmt_at(wr_date d, int secs, char *buf)
{
	if (secs)
		return datetime_format(d, secs, buf);
	return date_format(d, buf);
}

/* A run of the definition's values of one metric, and the days of those
 * that changed the store. */
typedef struct def_value_run {
	const char *metric;
	bool changed;
	wr_date first, last;
} def_value_run;

static enum store_rc def_value_run_end(store *s, int64_t cid, def_value_run *run)
{
	if (!run->changed)
		return STORE_OK;
	run->changed = false;
	sqlite3_stmt *st = st_prep(s, "SELECT id FROM metric WHERE campaign_id = ?1 AND key = ?2");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	st_bind_text_static(st, 2, run->metric);
	int step = sqlite3_step(st);
	int64_t id = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (step != SQLITE_ROW)
		return st_fail(s, "reading a metric");
	char first[11], last[11];
	return st_metric_days_refresh(s, id, date_format(run->first, first),
				      date_format(run->last, last));
}

static char *phase_targets_text(const metric_def *m)
{
	if (!m->n_phase_targets)
		return NULL;
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < m->n_phase_targets; i++) {
		char num[40];
		sb_printf(&sb, "%s%s=%s", i ? "\n" : "", m->phase_targets[i].phase,
			  number_format_plain(m->phase_targets[i].target, num, sizeof num));
	}
	return sb_detach(&sb);
}

struct task_key {
	const char *key;
	int64_t id;
};

static int cmp_task_key(const void *a, const void *b)
{
	const char *x = ((const struct task_key *)a)->key, *y = ((const struct task_key *)b)->key;
	if (!x || !y)
		return (x != NULL) - (y != NULL);
	return strcmp(x, y);
}

/* The definition's fields of a task, name to phase, from parameter `at` on
 * (the insert and the update take them in the same order). */
static void bind_task_definition(sqlite3_stmt *w, int at, const task_def *t, const char *with)
{
	st_bind_text_static(w, at, t->name);
	st_bind_text_static(w, at + 1, t->strategy);
	st_bind_text_static(w, at + 2, t->owner);
	st_bind_text_static(w, at + 3, with);
	st_bind_date(w, at + 4, t->start);
	st_bind_date(w, at + 5, t->due);
	st_bind_text_static(w, at + 6, t->deliverable);
	sqlite3_bind_int(w, at + 7, t->tracking);
	sqlite3_bind_int(w, at + 8, t->milestone);
	st_bind_text_static(w, at + 9, t->phase);
}

/* An import held open (store.h): the transaction, and the campaign whose
 * tasks are being written, in definition order. */
struct store_import {
	store *s;
	const char *key; /* the campaign of the tasks written so far; NULL: none yet */
	int64_t cid;
	bool created;   /* its row was added by this import, with the key only */
	bool has_tasks; /* it held tasks before: each one is looked up by key */
	size_t n_tasks; /* tasks written so far */
	size_t tasks_added, tasks_updated;
	struct task_key *keys; /* each written task's id by key, for dependencies */
	size_t cap_keys;
};

/* Whether the campaign held tasks before this import. A campaign's first
 * import has no task to update: no lookup each. */
static enum store_rc tasks_held(store_import *im)
{
	im->has_tasks = false;
	if (im->created)
		return STORE_OK;
	store *s = im->s;
	sqlite3_stmt *st = st_prep(s, "SELECT EXISTS (SELECT 1 FROM task WHERE campaign_id = ?1)");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, im->cid);
	int rc = sqlite3_step(st);
	im->has_tasks = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : st_fail(s, "reading a task");
}

/* The campaign's row and whether it holds tasks, before its first task is
 * written. A campaign new to the store gets a row with its key alone; the
 * definition's fields follow in store_import_finish. */
static enum store_rc tasks_start(store_import *im, const char *key)
{
	store *s = im->s;
	sqlite3_stmt *st = st_prep(s, "SELECT id FROM campaign WHERE key = ?1");
	if (!st)
		return STORE_ERROR;
	st_bind_text_static(st, 1, key);
	int rc = sqlite3_step(st);
	im->cid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(s, "reading a campaign");
	im->created = im->cid == 0;
	if (im->created) {
		st = st_prep(s, "INSERT INTO campaign(key, name, start, end) VALUES (?1, ?1, '', '')");
		if (!st)
			return STORE_ERROR;
		st_bind_text_static(st, 1, key);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return st_fail(s, "writing the campaign");
		im->cid = sqlite3_last_insert_rowid(s->db);
	}
	im->key = key;
	return tasks_held(im);
}

/* Tasks: definition fields are replaced; the state operators keep
 * (status, progress, problem, support) is set only on first import. */
static enum store_rc write_tasks(store_import *im, const task_def *tasks, size_t n)
{
	store *s = im->s;
	sqlite3_stmt *sel = st_prep(s, "SELECT id FROM task WHERE campaign_id = ?1 AND key = ?2");
	sqlite3_stmt *ins = st_prep(s,
		"INSERT INTO task(campaign_id, ord, key, name, strategy, owner, collaborators, start, due,"
		" deliverable, tracking, milestone, phase, status, progress, problem, support, updated_by,"
		" updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
		" ?16, ?17, ?18, ?19)");
	sqlite3_stmt *upd = st_prep(s,
		"UPDATE task SET ord = ?2, name = ?3, strategy = ?4, owner = ?5, collaborators = ?6,"
		" start = ?7, due = ?8, deliverable = ?9, tracking = ?10, milestone = ?11, phase = ?12,"
		" version = version + 1"
		" WHERE id = ?1 AND (ord, name, strategy, owner, collaborators, start, due, deliverable,"
		" tracking, milestone, phase) IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
	if (!sel || !ins || !upd)
		return STORE_ERROR;
	im->keys = xgrow(im->keys, &im->cap_keys, im->n_tasks + n, sizeof *im->keys);
	for (size_t i = 0; i < n; i++) {
		const task_def *t = &tasks[i];
		int64_t tid = 0;
		int rc;
		if (im->has_tasks) {
			sqlite3_reset(sel);
			sqlite3_bind_int64(sel, 1, im->cid);
			st_bind_text_static(sel, 2, t->key);
			rc = sqlite3_step(sel);
			tid = rc == SQLITE_ROW ? sqlite3_column_int64(sel, 0) : 0;
			sqlite3_reset(sel);
			if (rc != SQLITE_ROW && rc != SQLITE_DONE)
				return st_fail(s, "reading a task");
		}
		char *with = join_lines(&t->with);
		sqlite3_stmt *w = tid ? upd : ins;
		sqlite3_reset(w);
		sqlite3_bind_int64(w, 1, tid ? tid : im->cid);
		sqlite3_bind_int64(w, 2, (int64_t)im->n_tasks);
		bind_task_definition(w, tid ? 3 : 4, t, with);
		if (!tid) {
			st_bind_text_static(w, 3, t->key);
			sqlite3_bind_int(w, 14, t->status);
			sqlite3_bind_int(w, 15, t->progress);
			st_bind_text_static(w, 16, t->problem);
			st_bind_text_static(w, 17, t->support);
			/* Not an operator's update: a daily task still goes stale. */
			sqlite3_bind_null(w, 18);
			sqlite3_bind_null(w, 19);
		}
		rc = sqlite3_step(w);
		free(with);
		if (rc != SQLITE_DONE)
			return st_fail(s, "writing a task");
		if (tid) {
			if (sqlite3_changes(s->db) > 0)
				im->tasks_updated++;
		} else {
			tid = sqlite3_last_insert_rowid(s->db);
			im->tasks_added++;
		}
		im->keys[im->n_tasks].key = t->key;
		im->keys[im->n_tasks].id = tid;
		im->n_tasks++;
	}
	return STORE_OK;
}

/* After the campaign's last task: its figures, and its dependencies,
 * which are definition and rebuilt from the file. */
static enum store_rc tasks_end(store_import *im, const campaign_def *d)
{
	store *s = im->s;
	int64_t cid = im->cid;
	enum store_rc result = st_task_figures_stale(s, cid);
	if (result != STORE_OK)
		return result;
	sqlite3_stmt *st = st_prep(s,
		"DELETE FROM task_dep WHERE task_id IN (SELECT id FROM task WHERE campaign_id = ?1)");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	if (sqlite3_step(st) != SQLITE_DONE)
		return st_fail(s, "replacing dependencies");
	size_t n = im->n_tasks;
	if (n)
		qsort(im->keys, n, sizeof *im->keys, cmp_task_key);
	sqlite3_stmt *by_id = st_prep(s, "INSERT OR IGNORE INTO task_dep(task_id, dep_id) VALUES (?1, ?2)");
	/* a key the file does not define: whatever the campaign holds */
	sqlite3_stmt *by_key = st_prep(s,
		"INSERT OR IGNORE INTO task_dep(task_id, dep_id)"
		" SELECT t.id, d.id FROM task t, task d"
		" WHERE t.campaign_id = ?1 AND t.key = ?2 AND d.campaign_id = ?1 AND d.key = ?3");
	if (!by_id || !by_key)
		return STORE_ERROR;
	for (size_t i = 0; i < d->n_tasks; i++) {
		const task_def *t = &d->tasks[i];
		struct task_key want = {t->key, 0};
		const struct task_key *self = t->key && t->after.n
			? bsearch(&want, im->keys, n, sizeof *im->keys, cmp_task_key) : NULL;
		for (size_t j = 0; j < t->after.n; j++) {
			want.key = t->after.v[j];
			const struct task_key *dep = want.key
				? bsearch(&want, im->keys, n, sizeof *im->keys, cmp_task_key) : NULL;
			sqlite3_stmt *w = self && dep ? by_id : by_key;
			sqlite3_reset(w);
			if (w == by_id) {
				sqlite3_bind_int64(w, 1, self->id);
				sqlite3_bind_int64(w, 2, dep->id);
			} else {
				sqlite3_bind_int64(w, 1, cid);
				st_bind_text(w, 2, t->key);
				st_bind_text(w, 3, t->after.v[j]);
			}
			if (sqlite3_step(w) != SQLITE_DONE)
				return st_fail(s, "writing a dependency");
		}
	}
	return STORE_OK;
}

static enum store_rc import_body(store_import *im, const campaign_def *d, import_stats *stats)
{
	store *s = im->s;
	sqlite3_stmt *st;
	int64_t cid = 0;
	int rc;
	/* Tasks written while the file was read: the row is there, perhaps
	 * with the key alone. */
	bool key_only = im->key && im->created;

	if (im->key) {
		cid = im->cid;
	} else {
		st = st_prep(s, "SELECT id FROM campaign WHERE key = ?1");
		if (!st)
			return STORE_ERROR;
		st_bind_text(st, 1, d->key);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			cid = sqlite3_column_int64(st, 0);
		else if (rc != SQLITE_DONE)
			return st_fail(s, "reading a campaign");
		sqlite3_reset(st);
	}
	stats->created = cid == 0 || key_only;

	char *channels = join_lines(&d->channels);
	char *pos = join_lines(&d->positive_words);
	char *neg = join_lines(&d->negative_words);
	char now[24];
	clock_now_string(now);
	if (cid == 0) {
		st = st_prep(s,
			"INSERT INTO campaign(key, name, type, owner, start, end, budget, currency, audience,"
			" channels, baseline, positive_words, negative_words, source_file, imported_at)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
	} else if (key_only) {
		st = st_prep(s,
			"UPDATE campaign SET name = ?2, type = ?3, owner = ?4, start = ?5, end = ?6,"
			" budget = ?7, currency = ?8, audience = ?9, channels = ?10, baseline = ?11,"
			" positive_words = ?12, negative_words = ?13, source_file = ?14, imported_at = ?15"
			" WHERE key = ?1");
	} else {
		/* Only a real change bumps the version, so a re-import is a no-op. */
		st = st_prep(s,
			"UPDATE campaign SET name = ?2, type = ?3, owner = ?4, start = ?5, end = ?6,"
			" budget = ?7, currency = ?8, audience = ?9, channels = ?10, baseline = ?11,"
			" positive_words = ?12, negative_words = ?13, source_file = ?14, imported_at = ?15,"
			" version = version + 1"
			" WHERE key = ?1 AND (name, type, owner, start, end, budget, currency, audience,"
			" channels, baseline, positive_words, negative_words) IS NOT"
			" (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	}
	if (!st) {
		free(channels);
		free(pos);
		free(neg);
		return STORE_ERROR;
	}
	st_bind_text(st, 1, d->key);
	st_bind_text(st, 2, d->name);
	st_bind_text(st, 3, d->type);
	st_bind_text(st, 4, d->owner);
	st_bind_date(st, 5, d->start);
	st_bind_date(st, 6, d->end);
	st_bind_double_opt(st, 7, d->has_budget, d->budget);
	st_bind_text(st, 8, d->currency);
	st_bind_text(st, 9, d->audience);
	st_bind_text(st, 10, channels);
	st_bind_text(st, 11, d->baseline);
	st_bind_text(st, 12, pos);
	st_bind_text(st, 13, neg);
	st_bind_text(st, 14, d->file);
	st_bind_text(st, 15, now);
	rc = sqlite3_step(st);
	free(channels);
	free(pos);
	free(neg);
	if (rc != SQLITE_DONE)
		return st_fail(s, "writing the campaign");
	if (stats->created) {
		if (cid == 0)
			cid = sqlite3_last_insert_rowid(s->db);
		enum store_rc ar = st_audit(s, cid, "campaign", cid, d->key, "import", NULL, d->name);
		if (ar != STORE_OK)
			return ar;
	} else if (sqlite3_changes(s->db) > 0) {
		enum store_rc ar = st_audit(s, cid, "campaign", cid, d->key, "import", NULL, "definition updated");
		if (ar != STORE_OK)
			return ar;
	}

	/* Phases, objectives and tag words are pure definition: replaced. */
	static const char *const del_phase = "DELETE FROM phase WHERE campaign_id = ?1";
	static const char *const del_obj = "DELETE FROM objective WHERE campaign_id = ?1";
	static const char *const del_tags = "DELETE FROM tag_word WHERE campaign_id = ?1";
	const char *const dels[] = {del_phase, del_obj, del_tags};
	for (size_t i = 0; i < ARRAY_LEN(dels); i++) {
		st = st_prep(s, dels[i]);
		if (!st)
			return STORE_ERROR;
		sqlite3_bind_int64(st, 1, cid);
		if (sqlite3_step(st) != SQLITE_DONE)
			return st_fail(s, "replacing the definition");
	}
	st = st_prep(s, "INSERT INTO phase(campaign_id, ord, name, start, end) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return STORE_ERROR;
	for (size_t i = 0; i < d->n_phases; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, cid);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		st_bind_text(st, 3, d->phases[i].name);
		st_bind_date(st, 4, d->phases[i].start);
		st_bind_date(st, 5, d->phases[i].end);
		if (sqlite3_step(st) != SQLITE_DONE)
			return st_fail(s, "writing a phase");
		stats->phases++;
	}
	st = st_prep(s, "INSERT INTO objective(campaign_id, ord, text, metric_key) VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return STORE_ERROR;
	for (size_t i = 0; i < d->n_objectives; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, cid);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		st_bind_text(st, 3, d->objectives[i].text);
		st_bind_text(st, 4, d->objectives[i].metric);
		if (sqlite3_step(st) != SQLITE_DONE)
			return st_fail(s, "writing an objective");
		stats->objectives++;
	}
	st = st_prep(s, "INSERT OR IGNORE INTO tag_word(campaign_id, tag, word, ord) VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return STORE_ERROR;
	int ord = 0;
	for (size_t i = 0; i < d->n_tags; i++) {
		for (size_t j = 0; j < d->tags[i].words.n; j++) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, cid);
			st_bind_text(st, 2, d->tags[i].name);
			st_bind_text(st, 3, d->tags[i].words.v[j]);
			sqlite3_bind_int(st, 4, ord++);
			if (sqlite3_step(st) != SQLITE_DONE)
				return st_fail(s, "writing a feedback tag");
		}
	}

	/* Metrics: upsert by key, so recorded values stay attached. Metrics no
	 * longer in the file are kept (they may hold recorded values). */
	st = st_prep(s,
		"INSERT INTO metric(campaign_id, ord, key, name, layer, definition, unit, target, direction,"
		" aggregate, formula, weight, source, frequency, warn, alert, funnel, phase_targets)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
		" ON CONFLICT(campaign_id, key) DO UPDATE SET ord = excluded.ord, name = excluded.name,"
		" layer = excluded.layer, definition = excluded.definition, unit = excluded.unit,"
		" target = excluded.target, direction = excluded.direction, aggregate = excluded.aggregate,"
		" formula = excluded.formula, weight = excluded.weight, source = excluded.source,"
		" frequency = excluded.frequency, warn = excluded.warn, alert = excluded.alert,"
		" funnel = excluded.funnel, phase_targets = excluded.phase_targets,"
		" version = version + 1"
		" WHERE (ord, name, layer, definition, unit, target, direction, aggregate, formula, weight,"
		" source, frequency, warn, alert, funnel, phase_targets) IS NOT (excluded.ord,"
		" excluded.name, excluded.layer, excluded.definition, excluded.unit, excluded.target,"
		" excluded.direction, excluded.aggregate, excluded.formula, excluded.weight,"
		" excluded.source, excluded.frequency, excluded.warn, excluded.alert, excluded.funnel,"
		" excluded.phase_targets)");
	if (!st)
		return STORE_ERROR;
	for (size_t i = 0; i < d->n_metrics; i++) {
		const metric_def *m = &d->metrics[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, cid);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		st_bind_text(st, 3, m->key);
		st_bind_text(st, 4, m->name ? m->name : m->key);
		sqlite3_bind_int(st, 5, m->layer);
		st_bind_text(st, 6, m->definition);
		st_bind_text(st, 7, m->unit);
		st_bind_double_opt(st, 8, m->has_target, m->target);
		sqlite3_bind_int(st, 9, m->direction);
		sqlite3_bind_int(st, 10, m->aggregate);
		st_bind_text(st, 11, m->formula);
		sqlite3_bind_double(st, 12, m->weight);
		st_bind_text(st, 13, m->source);
		st_bind_text(st, 14, m->frequency);
		st_bind_double_opt(st, 15, m->has_warn, m->warn);
		st_bind_double_opt(st, 16, m->has_alert, m->alert);
		sqlite3_bind_int(st, 17, m->funnel);
		char *pt = phase_targets_text(m);
		st_bind_text(st, 18, pt);
		rc = sqlite3_step(st);
		free(pt);
		if (rc != SQLITE_DONE)
			return st_fail(s, "writing a metric");
		stats->metrics++;
	}

	enum store_rc tasks_rc = STORE_OK;
	if (!im->key) {
		im->key = d->key;
		im->cid = cid;
		im->created = stats->created;
		tasks_rc = tasks_held(im);
	}
	if (tasks_rc == STORE_OK)
		tasks_rc = write_tasks(im, d->tasks + im->n_tasks, d->n_tasks - im->n_tasks);
	if (tasks_rc == STORE_OK)
		tasks_rc = tasks_end(im, d);
	stats->tasks_added = im->tasks_added;
	stats->tasks_updated = im->tasks_updated;
	if (tasks_rc != STORE_OK)
		return tasks_rc;

	/* Metric history from the definition: one value per metric and time,
	 * updated in place, never duplicated. Each run of one metric's values
	 * that changed something recomputes that metric's kept days once. */
	st = st_prep(s,
		"INSERT INTO metric_value(metric_id, at, value, source, origin, recorded_by, recorded_at)"
		" SELECT id, ?3, ?4, 'definition', 'definition', ?5, ?6 FROM metric"
		"  WHERE campaign_id = ?1 AND key = ?2"
		" ON CONFLICT(metric_id, at) WHERE origin = 'definition' DO UPDATE SET value = excluded.value,"
		"  version = version + 1 WHERE value IS NOT excluded.value");
	if (!st)
		return STORE_ERROR;
	def_value_run run = {0};
	enum store_rc days_rc;
	for (size_t i = 0; i < d->n_values; i++) {
		const value_def *v = &d->values[i];
		char at[24];
		if (!run.metric || !str_eq(run.metric, v->metric)) {
			if ((days_rc = def_value_run_end(s, cid, &run)) != STORE_OK)
				return days_rc;
			run.metric = v->metric;
		}
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, cid);
		st_bind_text(st, 2, v->metric);
		st_bind_text(st, 3, fmt_at(v->at, v->at_secs, at));
		sqlite3_bind_double(st, 4, v->value);
		st_bind_text(st, 5, current_user());
		st_bind_text(st, 6, now);
		if (sqlite3_step(st) != SQLITE_DONE)
			return st_fail(s, "writing a metric value");
		if (sqlite3_changes(s->db) > 0) {
			stats->values_added++;
			if (!run.changed || v->at < run.first)
				run.first = v->at;
			if (!run.changed || v->at > run.last)
				run.last = v->at;
			run.changed = true;
		}
	}
	if ((days_rc = def_value_run_end(s, cid, &run)) != STORE_OK)
		return days_rc;

	/* Feedback from the definition: added once, recognised by its
	 * fingerprint, so operators' triage is never reset. */
	return st_feedback_import_defs(s, cid, d, &stats->feedback_added, &stats->feedback_skipped);
}

store_import *store_import_begin(store *s, enum store_rc *rc)
{
	*rc = st_begin(s);
	if (*rc != STORE_OK)
		return NULL;
	store_import *im = xcalloc(1, sizeof *im);
	im->s = s;
	return im;
}

enum store_rc store_import_tasks(store_import *im, const char *campaign_key, const task_def *tasks,
				 size_t n)
{
	if (!campaign_key || (im->key && !str_eq(im->key, campaign_key)))
		return st_failf(im->s, STORE_ERROR, "tasks of '%s' given while '%s' is being imported",
				campaign_key ? campaign_key : "", im->key ? im->key : "");
	enum store_rc rc = im->key ? STORE_OK : tasks_start(im, campaign_key);
	return rc == STORE_OK ? write_tasks(im, tasks, n) : rc;
}

enum store_rc store_import_finish(store_import *im, const campaign_def *d, import_stats *stats)
{
	import_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	enum store_rc rc;
	if (im->key && (!str_eq(im->key, d->key) || im->n_tasks > d->n_tasks))
		rc = st_failf(im->s, STORE_ERROR, "the tasks written are not those of '%s'", d->key);
	else
		rc = import_body(im, d, stats);
	/* the next campaign starts afresh */
	im->key = NULL;
	im->n_tasks = im->tasks_added = im->tasks_updated = 0;
	return rc;
}

enum store_rc store_import_commit(store_import *im)
{
	enum store_rc rc = st_commit(im->s);
	free(im->keys);
	free(im);
	return rc;
}

void store_import_abort(store_import *im)
{
	if (!im)
		return;
	st_rollback(im->s);
	free(im->keys);
	free(im);
}

enum store_rc store_import_campaign(store *s, const campaign_def *d, import_stats *stats)
{
	enum store_rc rc;
	store_import *im = store_import_begin(s, &rc);
	if (!im)
		return rc;
	rc = store_import_finish(im, d, stats);
	if (rc != STORE_OK) {
		store_import_abort(im);
		return rc;
	}
	return store_import_commit(im);
}

enum store_rc store_campaign_delete(store *s, const char *key)
{
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *st = st_prep(s, "SELECT id, name FROM campaign WHERE key = ?1");
	if (!st) {
		st_rollback(s);
		return STORE_ERROR;
	}
	st_bind_text(st, 1, key);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		st_rollback(s);
		return st_failf(s, STORE_NOTFOUND, _("no campaign '%s'"), key);
	}
	int64_t cid = sqlite3_column_int64(st, 0);
	char *name = st_col_text(st, 1);
	sqlite3_reset(st);
	st = st_prep(s, "DELETE FROM campaign WHERE id = ?1");
	if (!st) {
		free(name);
		st_rollback(s);
		return STORE_ERROR;
	}
	sqlite3_bind_int64(st, 1, cid);
	if (sqlite3_step(st) != SQLITE_DONE) {
		free(name);
		rc = st_fail(s, "deleting the campaign");
		st_rollback(s);
		return rc;
	}
	rc = st_audit(s, cid, "campaign", cid, key, "delete", name, NULL);
	free(name);
	if (rc != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	return st_commit(s);
}

/* ---- export ----------------------------------------------------------- */

static void parse_phase_targets(const char *text, metric_def *m)
{
	strlist lines = {0};
	split_lines(text, &lines);
	for (size_t i = 0; i < lines.n; i++) {
		char *eq = strrchr(lines.v[i], '=');
		if (!eq)
			continue;
		*eq = '\0';
		m->phase_targets = xrealloc(m->phase_targets, (m->n_phase_targets + 1) * sizeof *m->phase_targets);
		phase_target *pt = &m->phase_targets[m->n_phase_targets++];
		pt->phase = xstrdup(lines.v[i]);
		pt->target = strtod(eq + 1, NULL);
	}
	sl_free(&lines);
}

static bool parse_at(const char *text, wr_date *d, int *secs)
{
	return text && datetime_parse(text, d, secs);
}

static enum store_rc export_body(store *s, const char *key, campaign_def *c)
{
	sqlite3_stmt *st = st_prep(s,
		"SELECT id, key, name, type, owner, start, end, budget, currency, audience, channels,"
		" baseline, positive_words, negative_words FROM campaign WHERE key = ?1");
	if (!st)
		return STORE_ERROR;
	st_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return st_failf(s, STORE_NOTFOUND, _("no campaign '%s'"), key);
		return st_fail(s, "reading a campaign");
	}
	int64_t cid = sqlite3_column_int64(st, 0);
	c->key = st_col_text(st, 1);
	c->name = st_col_text(st, 2);
	c->type = st_col_text(st, 3);
	c->owner = st_col_text(st, 4);
	c->start = st_col_date(st, 5);
	c->end = st_col_date(st, 6);
	c->has_budget = sqlite3_column_type(st, 7) != SQLITE_NULL;
	c->budget = sqlite3_column_double(st, 7);
	c->currency = st_col_text(st, 8);
	c->audience = st_col_text(st, 9);
	split_lines((const char *)sqlite3_column_text(st, 10), &c->channels);
	c->baseline = st_col_text(st, 11);
	split_lines((const char *)sqlite3_column_text(st, 12), &c->positive_words);
	split_lines((const char *)sqlite3_column_text(st, 13), &c->negative_words);
	sqlite3_reset(st);

	enum store_rc r = store_campaign_phases(s, cid, &c->phases, &c->n_phases);
	if (r != STORE_OK)
		return r;

	st = st_prep(s, "SELECT text, metric_key FROM objective WHERE campaign_id = ?1 ORDER BY ord");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->objectives = xrealloc(c->objectives, (c->n_objectives + 1) * sizeof *c->objectives);
		objective_def *o = &c->objectives[c->n_objectives++];
		memset(o, 0, sizeof *o);
		o->text = st_col_text(st, 0);
		o->metric = st_col_text(st, 1);
	}
	if (rc != SQLITE_DONE)
		return st_fail(s, "reading objectives");

	st = st_prep(s,
		"SELECT key, name, layer, definition, unit, target, direction, aggregate, formula, weight,"
		" source, frequency, warn, alert, funnel, phase_targets FROM metric"
		" WHERE campaign_id = ?1 ORDER BY ord, key");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->metrics = xrealloc(c->metrics, (c->n_metrics + 1) * sizeof *c->metrics);
		metric_def *m = &c->metrics[c->n_metrics++];
		memset(m, 0, sizeof *m);
		m->key = st_col_text(st, 0);
		m->name = st_col_text(st, 1);
		m->layer = (enum metric_layer)sqlite3_column_int(st, 2);
		m->definition = st_col_text(st, 3);
		m->unit = st_col_text(st, 4);
		m->has_target = sqlite3_column_type(st, 5) != SQLITE_NULL;
		m->target = sqlite3_column_double(st, 5);
		m->direction = (enum metric_direction)sqlite3_column_int(st, 6);
		m->aggregate = (enum metric_aggregate)sqlite3_column_int(st, 7);
		m->formula = st_col_text(st, 8);
		m->weight = sqlite3_column_double(st, 9);
		m->source = st_col_text(st, 10);
		m->frequency = st_col_text(st, 11);
		m->has_warn = sqlite3_column_type(st, 12) != SQLITE_NULL;
		m->warn = sqlite3_column_double(st, 12);
		m->has_alert = sqlite3_column_type(st, 13) != SQLITE_NULL;
		m->alert = sqlite3_column_double(st, 13);
		m->funnel = sqlite3_column_int(st, 14) != 0;
		parse_phase_targets((const char *)sqlite3_column_text(st, 15), m);
	}
	if (rc != SQLITE_DONE)
		return st_fail(s, "reading metrics");

	st = st_prep(s,
		"SELECT id, key, name, strategy, owner, collaborators, start, due, deliverable, tracking,"
		" milestone, phase, status, progress, problem, support FROM task"
		" WHERE campaign_id = ?1 ORDER BY ord, key");
	sqlite3_stmt *deps = st_prep(s,
		"SELECT d.key FROM task_dep x JOIN task d ON d.id = x.dep_id WHERE x.task_id = ?1"
		" ORDER BY d.ord, d.key");
	if (!st || !deps)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	size_t tcap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->tasks = xgrow(c->tasks, &tcap, c->n_tasks + 1, sizeof *c->tasks);
		task_def *t = &c->tasks[c->n_tasks++];
		memset(t, 0, sizeof *t);
		int64_t tid = sqlite3_column_int64(st, 0);
		t->key = st_col_text(st, 1);
		t->name = st_col_text(st, 2);
		t->strategy = st_col_text(st, 3);
		t->owner = st_col_text(st, 4);
		split_lines((const char *)sqlite3_column_text(st, 5), &t->with);
		t->start = st_col_date(st, 6);
		t->due = st_col_date(st, 7);
		t->deliverable = st_col_text(st, 8);
		t->tracking = (enum task_tracking)sqlite3_column_int(st, 9);
		t->milestone = sqlite3_column_int(st, 10) != 0;
		t->phase = st_col_text(st, 11);
		t->status = (enum task_status)sqlite3_column_int(st, 12);
		t->progress = sqlite3_column_int(st, 13);
		t->problem = st_col_text(st, 14);
		t->support = st_col_text(st, 15);
		sqlite3_reset(deps);
		sqlite3_bind_int64(deps, 1, tid);
		while ((rc = sqlite3_step(deps)) == SQLITE_ROW)
			sl_push(&t->after, (const char *)sqlite3_column_text(deps, 0));
		sqlite3_reset(deps);
		if (rc != SQLITE_DONE)
			return st_fail(s, "reading dependencies");
	}
	if (rc != SQLITE_DONE)
		return st_fail(s, "reading tasks");

	st = st_prep(s, "SELECT tag, word FROM tag_word WHERE campaign_id = ?1 ORDER BY ord");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *tag = (const char *)sqlite3_column_text(st, 0);
		tag_group *g = NULL;
		for (size_t i = 0; i < c->n_tags; i++)
			if (str_eq(c->tags[i].name, tag))
				g = &c->tags[i];
		if (!g) {
			c->tags = xrealloc(c->tags, (c->n_tags + 1) * sizeof *c->tags);
			g = &c->tags[c->n_tags++];
			memset(g, 0, sizeof *g);
			g->name = xstrdup(tag);
		}
		sl_push(&g->words, (const char *)sqlite3_column_text(st, 1));
	}
	if (rc != SQLITE_DONE)
		return st_fail(s, "reading feedback tags");

	st = st_prep(s,
		"SELECT at, channel, type, text, rating, customer, rating_scale FROM feedback"
		" WHERE campaign_id = ?1 AND origin = 'definition' ORDER BY id");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	size_t fcap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->feedback = xgrow(c->feedback, &fcap, c->n_feedback + 1, sizeof *c->feedback);
		feedback_def *f = &c->feedback[c->n_feedback++];
		memset(f, 0, sizeof *f);
		parse_at((const char *)sqlite3_column_text(st, 0), &f->at, &f->at_secs);
		f->channel = st_col_text(st, 1);
		f->type = (enum feedback_type)sqlite3_column_int(st, 2);
		f->text = st_col_text(st, 3);
		f->has_rating = sqlite3_column_type(st, 4) != SQLITE_NULL;
		f->rating = sqlite3_column_double(st, 4);
		f->customer = st_col_text(st, 5);
		f->rating_scale = sqlite3_column_int(st, 6);
	}
	if (rc != SQLITE_DONE)
		return st_fail(s, "reading feedback");

	st = st_prep(s,
		"SELECT m.key, v.at, v.value FROM metric_value v JOIN metric m ON m.id = v.metric_id"
		" WHERE m.campaign_id = ?1 AND v.origin = 'definition' ORDER BY m.ord, m.key, v.at");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	size_t vcap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->values = xgrow(c->values, &vcap, c->n_values + 1, sizeof *c->values);
		value_def *v = &c->values[c->n_values++];
		memset(v, 0, sizeof *v);
		v->metric = st_col_text(st, 0);
		parse_at((const char *)sqlite3_column_text(st, 1), &v->at, &v->at_secs);
		v->value = sqlite3_column_double(st, 2);
	}
	if (rc != SQLITE_DONE)
		return st_fail(s, "reading metric history");
	return STORE_OK;
}

enum store_rc store_export_campaign(store *s, const char *key, campaign_def *out)
{
	memset(out, 0, sizeof *out);
	/* One read transaction: a consistent picture while others write. */
	enum store_rc rc = st_exec(s, "BEGIN");
	if (rc != STORE_OK)
		return rc;
	rc = export_body(s, key, out);
	st_exec(s, "COMMIT");
	if (rc != STORE_OK)
		campaign_def_free(out);
	return rc;
}
