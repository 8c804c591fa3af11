/* The post-campaign review, write side: validated, versioned and audited
 * edits of every record, additions and deletions, the final flag, and
 * problems collected from risks and feedback while the campaign runs.
 *
 * Edits are generic over the field tables (review.c): a record is read
 * into its struct, the assignments are validated and applied to a copy,
 * every field that really changes gets an audit row, and the record is
 * written back with one statement per entity. */
#include "store_internal.h"
#include "review_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/store_review.h"
#include "warroom/text.h"

#define MAX_FIELD_BYTES (1u << 20)

/* ---- validation ---------------------------------------------------------- */

static bool blank(const char *v)
{
	if (!v)
		return true;
	for (; *v; v++)
		if (*v != ' ' && *v != '\t' && *v != '\n' && *v != '\r')
			return false;
	return true;
}

/* Validates one value; *out is a new string or NULL (cleared). */
static enum store_rc normalise(store *s, int64_t cid, const review_field *f, const char *v,
			       char **out)
{
	*out = NULL;
	if (blank(v)) {
		if (f->required)
			return st_failf(s, STORE_INVALID, _("%s may not be empty"), f->name);
		return STORE_OK;
	}
	size_t len = strlen(v);
	if (len > MAX_FIELD_BYTES)
		return st_failf(s, STORE_INVALID, _("%s is longer than %u bytes"), f->name,
				MAX_FIELD_BYTES);
	if (!utf8_valid(v, len))
		return st_failf(s, STORE_INVALID, _("%s is not valid UTF-8 text"), f->name);
	const char *canon = NULL;
	switch (f->kind) {
	case RVV_TEXT:
		*out = xstrdup(v);
		return STORE_OK;
	case RVV_IMPACT:
		if (!(canon = rv_choice(f->kind, v)))
			return st_failf(s, STORE_INVALID, _("impact '%s' is not high, medium or low"), v);
		break;
	case RVV_STATUS:
		if (!(canon = rv_choice(f->kind, v)))
			return st_failf(s, STORE_INVALID, _("status '%s' is not open, in-progress or done"), v);
		break;
	case RVV_CATEGORY:
		if (!(canon = rv_choice(f->kind, v)))
			return st_failf(s, STORE_INVALID,
					_("category '%s' is not strategy, execution, resources or tools"), v);
		break;
	case RVV_DATE: {
		wr_date d;
		if (!date_parse(v, &d))
			return st_failf(s, STORE_INVALID, _("%s '%s' is not a date (YYYY-MM-DD)"), f->name, v);
		char buf[16];
		*out = xstrdup(date_format(d, buf));
		return STORE_OK;
	}
	case RVV_METRIC: {
		sqlite3_stmt *st = st_prep(s, "SELECT 1 FROM metric WHERE campaign_id = ?1 AND key = ?2");
		if (!st)
			return STORE_ERROR;
		sqlite3_bind_int64(st, 1, cid);
		st_bind_text(st, 2, v);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return st_failf(s, STORE_INVALID, _("no metric '%s' in this campaign"), v);
		if (rc != SQLITE_ROW)
			return st_fail(s, "checking a metric");
		*out = xstrdup(v);
		return STORE_OK;
	}
	}
	*out = xstrdup(canon);
	return STORE_OK;
}

/* STORE_INVALID with a message when the campaign's review is final. */
static enum store_rc check_not_final(store *s, int64_t cid, const char *what)
{
	review_head h;
	enum store_rc rc = rv_get_head(s, cid, &h);
	if (rc == STORE_OK && h.is_final)
		rc = st_failf(s, STORE_INVALID,
			      _("the review is final (marked by %s at %s); reopen it before %s"),
			      h.updated_by ? h.updated_by : _("someone"),
			      h.updated_at ? h.updated_at : _("an unknown time"), what);
	rv_head_free(&h);
	return rc;
}

static enum store_rc conflict(store *s, enum review_entity e, int64_t id, const rv_row *cur)
{
	const char *by, *at;
	rv_row_who(e, cur, &by, &at);
	char what[64];
	if (e == RV_REVIEW)
		snprintf(what, sizeof what, _("the review"));
	else if (e == RV_NOTE)
		snprintf(what, sizeof what, _("the note on '%s'"), cur->n.metric_key);
	else
		snprintf(what, sizeof what, "%s #%lld", review_entity_name(e), (long long)id);
	return st_failf(s, STORE_CONFLICT, _("%s was changed by %s at %s since you read it; reload and try again"),
			what, by ? by : _("someone"), at ? at : _("an unknown time"));
}

/* An edit of a record that is gone: say who deleted it, from the audit. */
static enum store_rc gone(store *s, enum review_entity e, int64_t id)
{
	sqlite3_stmt *st = st_prep(s, "SELECT user, at FROM audit WHERE entity = ?1 AND entity_id = ?2"
				      " AND field = 'deleted' ORDER BY id DESC LIMIT 1");
	if (!st)
		return STORE_ERROR;
	st_bind_text(st, 1, rv_audit_entity(e));
	sqlite3_bind_int64(st, 2, id);
	enum store_rc rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = st_failf(s, STORE_CONFLICT, _("%s #%lld was deleted by %s at %s; reload"),
			      review_entity_name(e), (long long)id,
			      (const char *)sqlite3_column_text(st, 0),
			      (const char *)sqlite3_column_text(st, 1));
	else
		rc = st_failf(s, STORE_NOTFOUND, _("no %s #%lld"), review_entity_name(e), (long long)id);
	sqlite3_reset(st);
	return rc;
}

/* ---- writing ------------------------------------------------------------- */

static enum store_rc step_done(store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		enum store_rc r = st_fail(s, what);
		sqlite3_reset(st);
		return r;
	}
	sqlite3_reset(st);
	return STORE_OK;
}

/* Binds the editable fields of a record from ?2 on, then updated_by and
 * updated_at; returns the next free parameter index. */
static int bind_fields(sqlite3_stmt *st, enum review_entity e, const rv_row *r)
{
	size_t n;
	const review_field *f = review_fields(e, &n);
	int i = 2;
	for (size_t k = 0; k < n; k++)
		st_bind_text(st, i++, review_field_get(r, &f[k]));
	char now[24];
	st_bind_text(st, i++, current_user());
	st_bind_text(st, i++, clock_now_string(now));
	return i;
}

/* Writes a record's fields (the row exists, or for a review or note is
 * created); the version goes up by one. */
static enum store_rc write_row(store *s, enum review_entity e, int64_t id, const rv_row *r)
{
	static const char *const sql[RV_N_ENTITY] = {
		[RV_REVIEW] = "INSERT INTO review(campaign_id, overview, updated_by, updated_at)"
			      " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(campaign_id) DO UPDATE SET"
			      " overview = excluded.overview, updated_by = excluded.updated_by,"
			      " updated_at = excluded.updated_at, version = version + 1",
		[RV_NOTE] = "INSERT INTO review_metric_note(metric_id, note, updated_by, updated_at)"
			    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(metric_id) DO UPDATE SET"
			    " note = excluded.note, updated_by = excluded.updated_by,"
			    " updated_at = excluded.updated_at, version = version + 1",
		[RV_HIGHLIGHT] = "UPDATE highlight SET text = ?2, why = ?3, metric_key = ?4,"
				 " updated_by = ?5, updated_at = ?6, version = version + 1 WHERE id = ?1",
		[RV_PROBLEM] = "UPDATE problem SET description = ?2, impact = ?3, why1 = ?4, why2 = ?5,"
			       " why3 = ?6, why4 = ?7, why5 = ?8, root_cause = ?9, action = ?10,"
			       " owner = ?11, deadline = ?12, status = ?13, updated_by = ?14,"
			       " updated_at = ?15, version = version + 1 WHERE id = ?1",
		[RV_LESSON] = "UPDATE lesson SET category = ?2, content = ?3, scenarios = ?4,"
			      " standardisation = ?5, updated_by = ?6, updated_at = ?7,"
			      " version = version + 1 WHERE id = ?1",
	};
	sqlite3_stmt *st = st_prep(s, sql[e]);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, id);
	bind_fields(st, e, r);
	return step_done(s, st, "saving the review");
}

static enum store_rc insert_row(store *s, enum review_entity e, int64_t cid, const rv_row *r,
				int64_t *id)
{
	static const char *const sql[RV_N_ENTITY] = {
		[RV_HIGHLIGHT] = "INSERT INTO highlight(campaign_id, text, why, metric_key, updated_by,"
				 " updated_at, ord) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
				 " (SELECT ifnull(max(ord), 0) + 1 FROM highlight WHERE campaign_id = ?1))",
		[RV_PROBLEM] = "INSERT INTO problem(campaign_id, description, impact, why1, why2, why3,"
			       " why4, why5, root_cause, action, owner, deadline, status, updated_by,"
			       " updated_at, feedback_id, risk_id, ord) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
			       " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
			       " (SELECT ifnull(max(ord), 0) + 1 FROM problem WHERE campaign_id = ?1))",
		[RV_LESSON] = "INSERT INTO lesson(campaign_id, category, content, scenarios,"
			      " standardisation, updated_by, updated_at, ord) VALUES (?1, ?2, ?3, ?4,"
			      " ?5, ?6, ?7,"
			      " (SELECT ifnull(max(ord), 0) + 1 FROM lesson WHERE campaign_id = ?1))",
	};
	if (!sql[e])
		return st_failf(s, STORE_INVALID, _("only highlights, problems and lessons can be added"));
	sqlite3_stmt *st = st_prep(s, sql[e]);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	int next = bind_fields(st, e, r);
	if (e == RV_PROBLEM) {
		if (r->p.feedback_id)
			sqlite3_bind_int64(st, next, r->p.feedback_id);
		if (r->p.risk_id)
			sqlite3_bind_int64(st, next + 1, r->p.risk_id);
	}
	enum store_rc rc = step_done(s, st, "adding to the review");
	if (rc == STORE_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

static char *entity_key(enum review_entity e, int64_t id, const rv_row *r)
{
	if (e == RV_REVIEW)
		return NULL;
	if (e == RV_NOTE)
		return xstrdup(r->n.metric_key);
	return xasprintf("#%lld", (long long)id);
}

/* Applies assignments to `next` (a copy of `cur`); *changed counts the
 * fields that differ from `cur` afterwards. */
static enum store_rc apply(store *s, enum review_entity e, int64_t cid, const rv_row *cur,
			   rv_row *next, const review_assign *a, size_t n, bool is_final,
			   size_t *changed)
{
	*changed = 0;
	for (size_t i = 0; i < n; i++) {
		const review_field *f = review_field_find(e, a[i].field);
		if (!f)
			return st_failf(s, STORE_INVALID, _("a %s has no field '%s'"),
					review_entity_name(e), a[i].field ? a[i].field : "");
		if (is_final && !f->live)
			return check_not_final(s, cid, "changing it");
		char *v;
		enum store_rc rc = normalise(s, cid, f, a[i].value, &v);
		if (rc != STORE_OK)
			return rc;
		char **slot = rv_field_slot(next, f);
		free(*slot);
		*slot = v;
	}
	size_t nf;
	const review_field *f = review_fields(e, &nf);
	for (size_t k = 0; k < nf; k++)
		if (!str_eq(review_field_get(cur, &f[k]), review_field_get(next, &f[k])))
			(*changed)++;
	return STORE_OK;
}

/* One audit row per field that differs between `cur` and `next`. */
static enum store_rc audit_changes(store *s, enum review_entity e, int64_t id, int64_t cid,
				   const rv_row *cur, const rv_row *next)
{
	size_t nf;
	const review_field *f = review_fields(e, &nf);
	char *key = entity_key(e, id, cur);
	enum store_rc rc = STORE_OK;
	for (size_t k = 0; k < nf && rc == STORE_OK; k++) {
		const char *o = review_field_get(cur, &f[k]), *v = review_field_get(next, &f[k]);
		if (!str_eq(o, v))
			rc = st_audit(s, cid, rv_audit_entity(e), id, key, f[k].name, o, v);
	}
	free(key);
	return rc;
}

/* A deep copy of the fields of a record (enough for apply and write_row). */
static void copy_fields(enum review_entity e, const rv_row *from, rv_row *to)
{
	*to = *from;
	size_t n;
	const review_field *f = review_fields(e, &n);
	for (size_t k = 0; k < n; k++) {
		const char *v = review_field_get(from, &f[k]);
		*rv_field_slot(to, &f[k]) = v ? xstrdup(v) : NULL;
	}
	/* Only the fields are owned by the copy. */
	switch (e) {
	case RV_REVIEW: to->h.updated_by = to->h.updated_at = NULL; break;
	case RV_NOTE:
		to->n.metric_key = to->n.metric_name = NULL;
		to->n.updated_by = to->n.updated_at = NULL;
		break;
	case RV_HIGHLIGHT: to->hl.updated_by = to->hl.updated_at = NULL; break;
	case RV_PROBLEM: to->p.updated_by = to->p.updated_at = NULL; break;
	case RV_LESSON:
		to->l.campaign_key = to->l.campaign_name = NULL;
		to->l.updated_by = to->l.updated_at = NULL;
		break;
	default: break;
	}
}

static enum store_rc finish(store *s, enum store_rc rc)
{
	if (rc != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	return st_commit(s);
}

enum store_rc store_review_edit(store *s, enum review_entity e, int64_t id,
				int64_t expected_version, const review_assign *a, size_t n)
{
	if ((unsigned)e >= RV_N_ENTITY)
		return st_failf(s, STORE_INVALID, _("unknown review record"));
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	rv_row cur, next;
	int64_t cid = 0;
	rc = rv_get_row(s, e, id, &cur, &cid);
	if (rc == STORE_NOTFOUND && e != RV_REVIEW && e != RV_NOTE)
		return finish(s, gone(s, e, id));
	if (rc != STORE_OK)
		return finish(s, rc);
	if (expected_version >= 0 && rv_row_version(e, &cur) != expected_version) {
		rc = conflict(s, e, id, &cur);
		rv_row_free(e, &cur);
		return finish(s, rc);
	}
	review_head h;
	rc = rv_get_head(s, cid, &h);
	bool is_final = h.is_final;
	rv_head_free(&h);
	if (rc != STORE_OK) {
		rv_row_free(e, &cur);
		return finish(s, rc);
	}
	copy_fields(e, &cur, &next);
	size_t changed = 0;
	rc = apply(s, e, cid, &cur, &next, a, n, is_final, &changed);
	if (rc == STORE_OK && changed)
		rc = audit_changes(s, e, id, cid, &cur, &next);
	if (rc == STORE_OK && changed)
		rc = write_row(s, e, id, &next);
	rv_row_free(e, &cur);
	rv_row_free(e, &next);
	return finish(s, rc);
}

/* Fills an empty record with the defaults of its required choices. */
static void defaults(enum review_entity e, rv_row *r)
{
	if (e == RV_PROBLEM) {
		r->p.impact = xstrdup("medium");
		r->p.status = xstrdup("open");
	} else if (e == RV_LESSON) {
		r->l.category = xstrdup("execution");
	}
}

/* Adds a record built from `base` (owned by the caller) plus assignments;
 * every field it starts with is audited as set. */
static enum store_rc add_row(store *s, enum review_entity e, int64_t cid, const rv_row *base,
			     const review_assign *a, size_t n, int64_t *id)
{
	rv_row next, empty;
	memset(&empty, 0, sizeof empty);
	copy_fields(e, base, &next);
	size_t changed = 0;
	enum store_rc rc = check_not_final(s, cid, "adding to it");
	if (rc == STORE_OK)
		rc = apply(s, e, cid, &empty, &next, a, n, false, &changed);
	size_t nf;
	const review_field *f = review_fields(e, &nf);
	for (size_t k = 0; k < nf && rc == STORE_OK; k++)
		if (f[k].required && blank(review_field_get(&next, &f[k])))
			rc = st_failf(s, STORE_INVALID, _("a %s needs a %s"), review_entity_name(e),
				      f[k].name);
	if (rc == STORE_OK)
		rc = insert_row(s, e, cid, &next, id);
	if (rc == STORE_OK)
		rc = audit_changes(s, e, *id, cid, &empty, &next);
	rv_row_free(e, &next);
	return rc;
}

enum store_rc store_review_add(store *s, enum review_entity e, int64_t cid,
			       const review_assign *a, size_t n, int64_t *id)
{
	if (e != RV_HIGHLIGHT && e != RV_PROBLEM && e != RV_LESSON)
		return st_failf(s, STORE_INVALID, _("only highlights, problems and lessons can be added"));
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	rv_row probe;
	int64_t dummy;
	if ((rc = rv_get_row(s, RV_REVIEW, cid, &probe, &dummy)) != STORE_OK)
		return finish(s, rc);
	rv_head_free(&probe.h);
	rv_row base;
	memset(&base, 0, sizeof base);
	defaults(e, &base);
	rc = add_row(s, e, cid, &base, a, n, id);
	rv_row_free(e, &base);
	return finish(s, rc);
}

enum store_rc store_review_delete(store *s, enum review_entity e, int64_t id,
				  int64_t expected_version)
{
	static const char *const sql[RV_N_ENTITY] = {
		[RV_HIGHLIGHT] = "DELETE FROM highlight WHERE id = ?1",
		[RV_PROBLEM] = "DELETE FROM problem WHERE id = ?1",
		[RV_LESSON] = "DELETE FROM lesson WHERE id = ?1",
	};
	if ((unsigned)e >= RV_N_ENTITY || !sql[e])
		return st_failf(s, STORE_INVALID, _("only highlights, problems and lessons can be deleted"));
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	rv_row cur;
	int64_t cid = 0;
	rc = rv_get_row(s, e, id, &cur, &cid);
	if (rc == STORE_NOTFOUND)
		return finish(s, gone(s, e, id));
	if (rc != STORE_OK)
		return finish(s, rc);
	if (expected_version >= 0 && rv_row_version(e, &cur) != expected_version)
		rc = conflict(s, e, id, &cur);
	if (rc == STORE_OK)
		rc = check_not_final(s, cid, "deleting from it");
	sqlite3_stmt *st = rc == STORE_OK ? st_prep(s, sql[e]) : NULL;
	if (rc == STORE_OK && !st)
		rc = STORE_ERROR;
	if (rc == STORE_OK) {
		sqlite3_bind_int64(st, 1, id);
		rc = step_done(s, st, "deleting from the review");
	}
	if (rc == STORE_OK) {
		size_t nf;
		const review_field *f = review_fields(e, &nf);
		char *key = entity_key(e, id, &cur);
		/* The first field is the record's main text. */
		rc = st_audit(s, cid, rv_audit_entity(e), id, key, "deleted",
			      review_field_get(&cur, &f[e == RV_LESSON ? 1 : 0]), NULL);
		free(key);
	}
	rv_row_free(e, &cur);
	return finish(s, rc);
}

enum store_rc store_review_set_final(store *s, int64_t cid, int64_t expected_version, bool final)
{
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	rv_row cur;
	int64_t dummy;
	if ((rc = rv_get_row(s, RV_REVIEW, cid, &cur, &dummy)) != STORE_OK)
		return finish(s, rc);
	if (expected_version >= 0 && cur.h.version != expected_version)
		rc = conflict(s, RV_REVIEW, cid, &cur);
	if (rc == STORE_OK && cur.h.is_final != final) {
		sqlite3_stmt *st = st_prep(s,
			"INSERT INTO review(campaign_id, is_final, updated_by, updated_at)"
			" VALUES (?1, ?2, ?3, ?4) ON CONFLICT(campaign_id) DO UPDATE SET"
			" is_final = excluded.is_final, updated_by = excluded.updated_by,"
			" updated_at = excluded.updated_at, version = version + 1");
		if (!st)
			rc = STORE_ERROR;
		else {
			char now[24];
			sqlite3_bind_int64(st, 1, cid);
			sqlite3_bind_int(st, 2, final);
			st_bind_text(st, 3, current_user());
			st_bind_text(st, 4, clock_now_string(now));
			rc = step_done(s, st, "saving the review");
		}
		if (rc == STORE_OK)
			rc = st_audit(s, cid, "review", cid, NULL, "final", cur.h.is_final ? "yes" : "no",
				      final ? "yes" : "no");
	}
	rv_head_free(&cur.h);
	return finish(s, rc);
}

/* ---- problems collected while the campaign runs ------------------------ */

static enum store_rc existing_problem(store *s, int64_t feedback_id, int64_t risk_id, int64_t *id)
{
	sqlite3_stmt *st = st_prep(s, "SELECT id FROM problem WHERE (?1 <> 0 AND feedback_id = ?1)"
				      " OR (?2 <> 0 AND risk_id = ?2) ORDER BY id LIMIT 1");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, feedback_id);
	sqlite3_bind_int64(st, 2, risk_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	return rc == SQLITE_DONE ? STORE_NOTFOUND : st_fail(s, "finding a problem");
}

static enum store_rc problem_from(store *s, int64_t feedback_id, int64_t risk_id, int64_t *pid)
{
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	rc = existing_problem(s, feedback_id, risk_id, pid);
	if (rc != STORE_NOTFOUND)
		return finish(s, rc);
	sqlite3_stmt *st = feedback_id
		? st_prep(s, "SELECT campaign_id, text, NULL, NULL, owner FROM feedback WHERE id = ?1")
		: st_prep(s, "SELECT campaign_id, subject, cause, plan, owner FROM risk WHERE id = ?1");
	if (!st)
		return finish(s, STORE_ERROR);
	sqlite3_bind_int64(st, 1, feedback_id ? feedback_id : risk_id);
	int src = sqlite3_step(st);
	rv_row base;
	memset(&base, 0, sizeof base);
	int64_t cid = 0;
	if (src == SQLITE_ROW) {
		cid = sqlite3_column_int64(st, 0);
		base.p.description = st_col_text(st, 1);
		base.p.why1 = st_col_text(st, 2);
		base.p.action = st_col_text(st, 3);
		base.p.owner = st_col_text(st, 4);
	}
	sqlite3_reset(st);
	if (src == SQLITE_DONE)
		return finish(s, st_failf(s, STORE_NOTFOUND, _("no %s #%lld"),
					  feedback_id ? _("feedback") : _("risk"),
					  (long long)(feedback_id ? feedback_id : risk_id)));
	if (src != SQLITE_ROW)
		return finish(s, st_fail(s, "reading what the problem comes from"));
	base.p.impact = xstrdup("medium");
	base.p.status = xstrdup("open");
	base.p.feedback_id = feedback_id;
	base.p.risk_id = risk_id;
	/* Text from outside (a customer's message) must still be valid text. */
	if (base.p.description && !utf8_valid(base.p.description, strlen(base.p.description))) {
		char *clean = text_sanitize_n(base.p.description, strlen(base.p.description), true);
		free(base.p.description);
		base.p.description = clean;
	}
	if (blank(base.p.description)) {
		free(base.p.description);
		base.p.description = xasprintf("%s #%lld", feedback_id ? "feedback" : "risk",
					       (long long)(feedback_id ? feedback_id : risk_id));
	}
	rc = add_row(s, RV_PROBLEM, cid, &base, NULL, 0, pid);
	rv_row_free(RV_PROBLEM, &base);
	return finish(s, rc);
}

enum store_rc store_problem_from_feedback(store *s, int64_t feedback_id, int64_t *problem_id)
{
	if (feedback_id <= 0)
		return st_failf(s, STORE_INVALID, _("no such feedback"));
	return problem_from(s, feedback_id, 0, problem_id);
}

enum store_rc store_problem_from_risk(store *s, int64_t risk_id, int64_t *problem_id)
{
	if (risk_id <= 0)
		return st_failf(s, STORE_INVALID, _("no such risk"));
	return problem_from(s, 0, risk_id, problem_id);
}
