/* The post-campaign review: loading it whole, versioned and audited edits
 * of every record, the final flag, problems collected from risks and
 * feedback, and the lessons library across campaigns.
 *
 * Edits are generic over the field tables below: a record is read into its
 * struct, the assignments are validated and applied to a copy, every field
 * that really changes gets an audit row, and the record is written back
 * with one statement per entity. */
#include "store_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "warroom/store_review.h"
#include "warroom/text.h"

#define MAX_FIELD_BYTES (1u << 20)

/* ---- field tables -------------------------------------------------------- */

#define F(name, label, kind, req, multi, live, type, member)                                       \
	{name, label, kind, req, multi, live, offsetof(type, member)}

static const review_field review_f[] = {
	F("overview", "Overview", RVV_TEXT, false, true, false, review_head, overview),
};
static const review_field note_f[] = {
	F("note", "Analysis", RVV_TEXT, false, true, false, review_note, note),
};
static const review_field highlight_f[] = {
	F("text", "Highlight", RVV_TEXT, true, false, false, highlight_row, text),
	F("why", "Why it worked", RVV_TEXT, false, true, false, highlight_row, why),
	F("metric", "Metric", RVV_METRIC, false, false, false, highlight_row, metric_key),
};
static const review_field problem_f[] = {
	F("description", "Problem", RVV_TEXT, true, false, false, problem_row, description),
	F("impact", "Impact", RVV_IMPACT, true, false, false, problem_row, impact),
	F("why1", "Why 1", RVV_TEXT, false, false, false, problem_row, why1),
	F("why2", "Why 2", RVV_TEXT, false, false, false, problem_row, why2),
	F("why3", "Why 3", RVV_TEXT, false, false, false, problem_row, why3),
	F("why4", "Why 4", RVV_TEXT, false, false, false, problem_row, why4),
	F("why5", "Why 5", RVV_TEXT, false, false, false, problem_row, why5),
	F("root_cause", "Root cause", RVV_TEXT, false, false, false, problem_row, root_cause),
	F("action", "Action", RVV_TEXT, false, true, false, problem_row, action),
	F("owner", "Owner", RVV_TEXT, false, false, true, problem_row, owner),
	F("deadline", "Deadline", RVV_DATE, false, false, true, problem_row, deadline),
	F("status", "Status", RVV_STATUS, true, false, true, problem_row, status),
};
static const review_field lesson_f[] = {
	F("category", "Category", RVV_CATEGORY, true, false, false, lesson_row, category),
	F("content", "Lesson", RVV_TEXT, true, true, false, lesson_row, content),
	F("scenarios", "Applies to", RVV_TEXT, false, false, false, lesson_row, scenarios),
	F("standardisation", "Standardise as", RVV_TEXT, false, false, false, lesson_row,
	  standardisation),
};
#undef F

static const struct {
	const char *name;  /* CLI and JSON */
	const char *audit; /* audit entity */
	const review_field *fields;
	size_t n;
} entities[RV_N_ENTITY] = {
	[RV_REVIEW] = {"review", "review", review_f, ARRAY_LEN(review_f)},
	[RV_NOTE] = {"note", "review_note", note_f, ARRAY_LEN(note_f)},
	[RV_HIGHLIGHT] = {"highlight", "highlight", highlight_f, ARRAY_LEN(highlight_f)},
	[RV_PROBLEM] = {"problem", "problem", problem_f, ARRAY_LEN(problem_f)},
	[RV_LESSON] = {"lesson", "lesson", lesson_f, ARRAY_LEN(lesson_f)},
};

const char *review_entity_name(enum review_entity e)
{
	return (unsigned)e < RV_N_ENTITY ? entities[e].name : "?";
}

int review_entity_from(const char *s)
{
	for (int i = 0; i < RV_N_ENTITY; i++)
		if (str_eq(s, entities[i].name))
			return i;
	return -1;
}

const review_field *review_fields(enum review_entity e, size_t *n)
{
	if ((unsigned)e >= RV_N_ENTITY) {
		*n = 0;
		return NULL;
	}
	*n = entities[e].n;
	return entities[e].fields;
}

const review_field *review_field_find(enum review_entity e, const char *name)
{
	size_t n;
	const review_field *f = review_fields(e, &n);
	for (size_t i = 0; i < n; i++)
		if (str_eq(f[i].name, name))
			return &f[i];
	return NULL;
}

const char *review_field_get(const void *row, const review_field *f)
{
	return *(char *const *)((const char *)row + f->offset);
}

static char **field_slot(void *row, const review_field *f)
{
	return (char **)((char *)row + f->offset);
}

/* ---- rows ---------------------------------------------------------------- */

/* Any one record; the field offsets point into the member of its entity. */
typedef union rv_row {
	review_head h;
	review_note n;
	highlight_row hl;
	problem_row p;
	lesson_row l;
} rv_row;

static void head_free(review_head *h)
{
	free(h->overview);
	free(h->updated_by);
	free(h->updated_at);
	memset(h, 0, sizeof *h);
}

static void note_free(review_note *n)
{
	free(n->metric_key);
	free(n->metric_name);
	free(n->note);
	free(n->updated_by);
	free(n->updated_at);
	memset(n, 0, sizeof *n);
}

static void highlight_free(highlight_row *h)
{
	free(h->text);
	free(h->why);
	free(h->metric_key);
	free(h->updated_by);
	free(h->updated_at);
	memset(h, 0, sizeof *h);
}

void problem_row_free(problem_row *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < ARRAY_LEN(problem_f); i++)
		free(*field_slot(p, &problem_f[i]));
	free(p->updated_by);
	free(p->updated_at);
	memset(p, 0, sizeof *p);
}

static void lesson_free(lesson_row *l)
{
	free(l->campaign_key);
	free(l->campaign_name);
	free(l->category);
	free(l->content);
	free(l->scenarios);
	free(l->standardisation);
	free(l->updated_by);
	free(l->updated_at);
	memset(l, 0, sizeof *l);
}

void lesson_rows_free(lesson_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		lesson_free(&v[i]);
	free(v);
}

static void row_free(enum review_entity e, rv_row *r)
{
	switch (e) {
	case RV_REVIEW: head_free(&r->h); break;
	case RV_NOTE: note_free(&r->n); break;
	case RV_HIGHLIGHT: highlight_free(&r->hl); break;
	case RV_PROBLEM: problem_row_free(&r->p); break;
	case RV_LESSON: lesson_free(&r->l); break;
	default: break;
	}
}

void review_data_free(review_data *r)
{
	if (!r)
		return;
	head_free(&r->head);
	for (size_t i = 0; i < r->n_notes; i++)
		note_free(&r->notes[i]);
	free(r->notes);
	for (size_t i = 0; i < r->n_highlights; i++)
		highlight_free(&r->highlights[i]);
	free(r->highlights);
	for (size_t i = 0; i < r->n_problems; i++)
		problem_row_free(&r->problems[i]);
	free(r->problems);
	lesson_rows_free(r->lessons, r->n_lessons);
	memset(r, 0, sizeof *r);
}

static int64_t row_version(enum review_entity e, const rv_row *r)
{
	switch (e) {
	case RV_REVIEW: return r->h.version;
	case RV_NOTE: return r->n.version;
	case RV_HIGHLIGHT: return r->hl.version;
	case RV_PROBLEM: return r->p.version;
	case RV_LESSON: return r->l.version;
	default: return 0;
	}
}

static void row_who(enum review_entity e, const rv_row *r, const char **by, const char **at)
{
	*by = *at = NULL;
	switch (e) {
	case RV_REVIEW: *by = r->h.updated_by; *at = r->h.updated_at; break;
	case RV_NOTE: *by = r->n.updated_by; *at = r->n.updated_at; break;
	case RV_HIGHLIGHT: *by = r->hl.updated_by; *at = r->hl.updated_at; break;
	case RV_PROBLEM: *by = r->p.updated_by; *at = r->p.updated_at; break;
	case RV_LESSON: *by = r->l.updated_by; *at = r->l.updated_at; break;
	default: break;
	}
}

/* ---- reading ------------------------------------------------------------- */

#define HIGHLIGHT_SELECT                                                                           \
	"SELECT id, version, ord, text, why, metric_key, updated_by, updated_at, campaign_id"      \
	" FROM highlight WHERE (?1 = 0 OR campaign_id = ?1) AND (?2 = 0 OR id = ?2)"              \
	" ORDER BY ord, id"
#define PROBLEM_SELECT                                                                             \
	"SELECT id, version, ord, feedback_id, risk_id, description, impact, why1, why2, why3,"    \
	" why4, why5, root_cause, action, owner, deadline, status, updated_by, updated_at,"        \
	" campaign_id FROM problem WHERE (?1 = 0 OR campaign_id = ?1) AND (?2 = 0 OR id = ?2)"     \
	" ORDER BY ord, id"
#define LESSON_SELECT                                                                              \
	"SELECT l.id, l.version, l.ord, l.campaign_id, c.key, c.name, l.category, l.content,"      \
	" l.scenarios, l.standardisation, l.updated_by, l.updated_at"                              \
	" FROM lesson l JOIN campaign c ON c.id = l.campaign_id"

static void read_highlight(sqlite3_stmt *st, highlight_row *h)
{
	memset(h, 0, sizeof *h);
	h->id = sqlite3_column_int64(st, 0);
	h->version = sqlite3_column_int64(st, 1);
	h->ord = sqlite3_column_int64(st, 2);
	h->text = st_col_text(st, 3);
	h->why = st_col_text(st, 4);
	h->metric_key = st_col_text(st, 5);
	h->updated_by = st_col_text(st, 6);
	h->updated_at = st_col_text(st, 7);
}

static void read_problem(sqlite3_stmt *st, problem_row *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->version = sqlite3_column_int64(st, 1);
	p->ord = sqlite3_column_int64(st, 2);
	p->feedback_id = sqlite3_column_int64(st, 3);
	p->risk_id = sqlite3_column_int64(st, 4);
	for (size_t i = 0; i < ARRAY_LEN(problem_f); i++)
		*field_slot(p, &problem_f[i]) = st_col_text(st, 5 + (int)i);
	p->updated_by = st_col_text(st, 17);
	p->updated_at = st_col_text(st, 18);
}

static void read_lesson(sqlite3_stmt *st, lesson_row *l)
{
	memset(l, 0, sizeof *l);
	l->id = sqlite3_column_int64(st, 0);
	l->version = sqlite3_column_int64(st, 1);
	l->ord = sqlite3_column_int64(st, 2);
	l->campaign_id = sqlite3_column_int64(st, 3);
	l->campaign_key = st_col_text(st, 4);
	l->campaign_name = st_col_text(st, 5);
	l->category = st_col_text(st, 6);
	l->content = st_col_text(st, 7);
	l->scenarios = st_col_text(st, 8);
	l->standardisation = st_col_text(st, 9);
	l->updated_by = st_col_text(st, 10);
	l->updated_at = st_col_text(st, 11);
}

static enum store_rc get_head(store *s, int64_t cid, review_head *h)
{
	memset(h, 0, sizeof *h);
	h->campaign_id = cid;
	sqlite3_stmt *st = st_prep(s, "SELECT version, overview, is_final, updated_by, updated_at"
				      " FROM review WHERE campaign_id = ?1");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		h->version = sqlite3_column_int64(st, 0);
		h->overview = st_col_text(st, 1);
		h->is_final = sqlite3_column_int(st, 2) != 0;
		h->updated_by = st_col_text(st, 3);
		h->updated_at = st_col_text(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STORE_OK : st_fail(s, "reading the review");
}

#define NOTE_SELECT                                                                                \
	"SELECT m.id, ifnull(n.version, 0), m.key, m.name, n.note, n.updated_by, n.updated_at,"    \
	" m.campaign_id FROM metric m LEFT JOIN review_metric_note n ON n.metric_id = m.id"

static void read_note(sqlite3_stmt *st, review_note *n)
{
	memset(n, 0, sizeof *n);
	n->metric_id = sqlite3_column_int64(st, 0);
	n->version = sqlite3_column_int64(st, 1);
	n->metric_key = st_col_text(st, 2);
	n->metric_name = st_col_text(st, 3);
	n->note = st_col_text(st, 4);
	n->updated_by = st_col_text(st, 5);
	n->updated_at = st_col_text(st, 6);
}

/* One record by id, with the campaign it belongs to. STORE_NOTFOUND when
 * it does not exist (a review or note that was never saved does: version 0). */
static enum store_rc get_row(store *s, enum review_entity e, int64_t id, rv_row *r, int64_t *cid)
{
	memset(r, 0, sizeof *r);
	sqlite3_stmt *st = NULL;
	switch (e) {
	case RV_REVIEW: {
		*cid = id;
		sqlite3_stmt *c = st_prep(s, "SELECT 1 FROM campaign WHERE id = ?1");
		if (!c)
			return STORE_ERROR;
		sqlite3_bind_int64(c, 1, id);
		int rc = sqlite3_step(c);
		sqlite3_reset(c);
		if (rc == SQLITE_DONE)
			return st_failf(s, STORE_NOTFOUND, "no such campaign");
		if (rc != SQLITE_ROW)
			return st_fail(s, "reading a campaign");
		return get_head(s, id, &r->h);
	}
	case RV_NOTE:
		st = st_prep(s, NOTE_SELECT " WHERE m.id = ?1");
		if (!st)
			return STORE_ERROR;
		sqlite3_bind_int64(st, 1, id);
		break;
	case RV_HIGHLIGHT:
		st = st_prep(s, HIGHLIGHT_SELECT);
		break;
	case RV_PROBLEM:
		st = st_prep(s, PROBLEM_SELECT);
		break;
	case RV_LESSON:
		st = st_prep(s, LESSON_SELECT " WHERE l.id = ?1");
		if (st)
			sqlite3_bind_int64(st, 1, id);
		break;
	default:
		return st_failf(s, STORE_INVALID, "unknown review record");
	}
	if (!st)
		return STORE_ERROR;
	if (e == RV_HIGHLIGHT || e == RV_PROBLEM) {
		sqlite3_bind_int64(st, 1, 0);
		sqlite3_bind_int64(st, 2, id);
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		switch (e) {
		case RV_NOTE: read_note(st, &r->n); *cid = sqlite3_column_int64(st, 7); break;
		case RV_HIGHLIGHT: read_highlight(st, &r->hl); *cid = sqlite3_column_int64(st, 8); break;
		case RV_PROBLEM: read_problem(st, &r->p); *cid = sqlite3_column_int64(st, 19); break;
		case RV_LESSON: read_lesson(st, &r->l); *cid = r->l.campaign_id; break;
		default: break;
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return st_failf(s, STORE_NOTFOUND, "no %s #%lld",
				e == RV_NOTE ? "metric" : review_entity_name(e), (long long)id);
	return rc == SQLITE_ROW ? STORE_OK : st_fail(s, "reading the review");
}

/* A read that sees one state of the database: nothing committed by another
 * process between two of its queries shows up half way. */
static bool read_begin(store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		return false;
	return sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void read_end(store *s, bool began)
{
	if (began)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}

enum store_rc store_review_load(store *s, int64_t cid, review_data *out)
{
	memset(out, 0, sizeof *out);
	bool began = read_begin(s);
	rv_row probe;
	int64_t dummy;
	enum store_rc rc = get_row(s, RV_REVIEW, cid, &probe, &dummy);
	if (rc != STORE_OK) {
		read_end(s, began);
		return rc;
	}
	out->head = probe.h;
	size_t cap;
	int src = SQLITE_DONE;

	sqlite3_stmt *st = st_prep(s, NOTE_SELECT " WHERE m.campaign_id = ?1 ORDER BY m.ord, m.id");
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, cid);
	cap = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		out->notes = xgrow(out->notes, &cap, out->n_notes + 1, sizeof *out->notes);
		read_note(st, &out->notes[out->n_notes++]);
	}
	if (src != SQLITE_DONE)
		goto sqlfail;

	if (!(st = st_prep(s, HIGHLIGHT_SELECT)))
		goto fail;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, 0);
	cap = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		out->highlights = xgrow(out->highlights, &cap, out->n_highlights + 1,
					sizeof *out->highlights);
		read_highlight(st, &out->highlights[out->n_highlights++]);
	}
	if (src != SQLITE_DONE)
		goto sqlfail;

	if (!(st = st_prep(s, PROBLEM_SELECT)))
		goto fail;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, 0);
	cap = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		out->problems = xgrow(out->problems, &cap, out->n_problems + 1, sizeof *out->problems);
		read_problem(st, &out->problems[out->n_problems++]);
	}
	if (src != SQLITE_DONE)
		goto sqlfail;

	if (!(st = st_prep(s, LESSON_SELECT " WHERE l.campaign_id = ?1 ORDER BY l.ord, l.id")))
		goto fail;
	sqlite3_bind_int64(st, 1, cid);
	cap = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		out->lessons = xgrow(out->lessons, &cap, out->n_lessons + 1, sizeof *out->lessons);
		read_lesson(st, &out->lessons[out->n_lessons++]);
	}
	if (src != SQLITE_DONE)
		goto sqlfail;
	read_end(s, began);
	return STORE_OK;

sqlfail:
	rc = st_fail(s, "reading the review");
	sqlite3_reset(st);
	goto out;
fail:
	rc = STORE_ERROR;
out:
	read_end(s, began);
	review_data_free(out);
	return rc;
}

/* ---- validation ---------------------------------------------------------- */

static const char *const impacts[] = {"high", "medium", "low"};
static const char *const impacts_zh[] = {"高", "中", "低"};
static const char *const statuses[] = {"open", "in-progress", "done"};
static const char *const statuses_zh[] = {"待办", "进行中", "已完成"};
static const char *const categories[] = {"strategy", "execution", "resources", "tools"};
static const char *const categories_zh[] = {"策略", "执行", "资源", "工具"};

static const char *pick(const char *v, const char *const *names, const char *const *zh, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(v, names[i]) == 0 || strcmp(v, zh[i]) == 0)
			return names[i];
	return NULL;
}

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
			return st_failf(s, STORE_INVALID, "%s may not be empty", f->name);
		return STORE_OK;
	}
	size_t len = strlen(v);
	if (len > MAX_FIELD_BYTES)
		return st_failf(s, STORE_INVALID, "%s is longer than %u bytes", f->name,
				MAX_FIELD_BYTES);
	if (!utf8_valid(v, len))
		return st_failf(s, STORE_INVALID, "%s is not valid UTF-8 text", f->name);
	const char *canon = NULL;
	switch (f->kind) {
	case RVV_TEXT:
		*out = xstrdup(v);
		return STORE_OK;
	case RVV_IMPACT:
		if (!(canon = pick(v, impacts, impacts_zh, ARRAY_LEN(impacts))))
			return st_failf(s, STORE_INVALID, "impact '%s' is not high, medium or low", v);
		break;
	case RVV_STATUS:
		if (!(canon = pick(v, statuses, statuses_zh, ARRAY_LEN(statuses))))
			return st_failf(s, STORE_INVALID, "status '%s' is not open, in-progress or done", v);
		break;
	case RVV_CATEGORY:
		if (!(canon = pick(v, categories, categories_zh, ARRAY_LEN(categories))))
			return st_failf(s, STORE_INVALID,
					"category '%s' is not strategy, execution, resources or tools", v);
		break;
	case RVV_DATE: {
		wr_date d;
		if (!date_parse(v, &d))
			return st_failf(s, STORE_INVALID, "%s '%s' is not a date (YYYY-MM-DD)", f->name, v);
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
			return st_failf(s, STORE_INVALID, "no metric '%s' in this campaign", v);
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
	enum store_rc rc = get_head(s, cid, &h);
	if (rc == STORE_OK && h.is_final)
		rc = st_failf(s, STORE_INVALID,
			      "the review is final (marked by %s at %s); reopen it before %s",
			      h.updated_by ? h.updated_by : "someone",
			      h.updated_at ? h.updated_at : "an unknown time", what);
	head_free(&h);
	return rc;
}

static enum store_rc conflict(store *s, enum review_entity e, int64_t id, const rv_row *cur)
{
	const char *by, *at;
	row_who(e, cur, &by, &at);
	char what[64];
	if (e == RV_REVIEW)
		snprintf(what, sizeof what, "the review");
	else if (e == RV_NOTE)
		snprintf(what, sizeof what, "the note on '%s'", cur->n.metric_key);
	else
		snprintf(what, sizeof what, "%s #%lld", review_entity_name(e), (long long)id);
	return st_failf(s, STORE_CONFLICT, "%s was changed by %s at %s since you read it; reload and try again",
			what, by ? by : "someone", at ? at : "an unknown time");
}

/* An edit of a record that is gone: say who deleted it, from the audit. */
static enum store_rc gone(store *s, enum review_entity e, int64_t id)
{
	sqlite3_stmt *st = st_prep(s, "SELECT user, at FROM audit WHERE entity = ?1 AND entity_id = ?2"
				      " AND field = 'deleted' ORDER BY id DESC LIMIT 1");
	if (!st)
		return STORE_ERROR;
	st_bind_text(st, 1, entities[e].audit);
	sqlite3_bind_int64(st, 2, id);
	enum store_rc rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = st_failf(s, STORE_CONFLICT, "%s #%lld was deleted by %s at %s; reload",
			      review_entity_name(e), (long long)id,
			      (const char *)sqlite3_column_text(st, 0),
			      (const char *)sqlite3_column_text(st, 1));
	else
		rc = st_failf(s, STORE_NOTFOUND, "no %s #%lld", review_entity_name(e), (long long)id);
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
		return st_failf(s, STORE_INVALID, "only highlights, problems and lessons can be added");
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
			return st_failf(s, STORE_INVALID, "a %s has no field '%s'",
					review_entity_name(e), a[i].field ? a[i].field : "");
		if (is_final && !f->live)
			return check_not_final(s, cid, "changing it");
		char *v;
		enum store_rc rc = normalise(s, cid, f, a[i].value, &v);
		if (rc != STORE_OK)
			return rc;
		char **slot = field_slot(next, f);
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
			rc = st_audit(s, cid, entities[e].audit, id, key, f[k].name, o, v);
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
		*field_slot(to, &f[k]) = v ? xstrdup(v) : NULL;
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
		return st_failf(s, STORE_INVALID, "unknown review record");
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	rv_row cur, next;
	int64_t cid = 0;
	rc = get_row(s, e, id, &cur, &cid);
	if (rc == STORE_NOTFOUND && e != RV_REVIEW && e != RV_NOTE)
		return finish(s, gone(s, e, id));
	if (rc != STORE_OK)
		return finish(s, rc);
	if (expected_version >= 0 && row_version(e, &cur) != expected_version) {
		rc = conflict(s, e, id, &cur);
		row_free(e, &cur);
		return finish(s, rc);
	}
	review_head h;
	rc = get_head(s, cid, &h);
	bool is_final = h.is_final;
	head_free(&h);
	if (rc != STORE_OK) {
		row_free(e, &cur);
		return finish(s, rc);
	}
	copy_fields(e, &cur, &next);
	size_t changed = 0;
	rc = apply(s, e, cid, &cur, &next, a, n, is_final, &changed);
	if (rc == STORE_OK && changed)
		rc = audit_changes(s, e, id, cid, &cur, &next);
	if (rc == STORE_OK && changed)
		rc = write_row(s, e, id, &next);
	row_free(e, &cur);
	row_free(e, &next);
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
			rc = st_failf(s, STORE_INVALID, "a %s needs a %s", review_entity_name(e),
				      f[k].name);
	if (rc == STORE_OK)
		rc = insert_row(s, e, cid, &next, id);
	if (rc == STORE_OK)
		rc = audit_changes(s, e, *id, cid, &empty, &next);
	row_free(e, &next);
	return rc;
}

enum store_rc store_review_add(store *s, enum review_entity e, int64_t cid,
			       const review_assign *a, size_t n, int64_t *id)
{
	if (e != RV_HIGHLIGHT && e != RV_PROBLEM && e != RV_LESSON)
		return st_failf(s, STORE_INVALID, "only highlights, problems and lessons can be added");
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	rv_row probe;
	int64_t dummy;
	if ((rc = get_row(s, RV_REVIEW, cid, &probe, &dummy)) != STORE_OK)
		return finish(s, rc);
	head_free(&probe.h);
	rv_row base;
	memset(&base, 0, sizeof base);
	defaults(e, &base);
	rc = add_row(s, e, cid, &base, a, n, id);
	row_free(e, &base);
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
		return st_failf(s, STORE_INVALID, "only highlights, problems and lessons can be deleted");
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	rv_row cur;
	int64_t cid = 0;
	rc = get_row(s, e, id, &cur, &cid);
	if (rc == STORE_NOTFOUND)
		return finish(s, gone(s, e, id));
	if (rc != STORE_OK)
		return finish(s, rc);
	if (expected_version >= 0 && row_version(e, &cur) != expected_version)
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
		rc = st_audit(s, cid, entities[e].audit, id, key, "deleted",
			      review_field_get(&cur, &f[e == RV_LESSON ? 1 : 0]), NULL);
		free(key);
	}
	row_free(e, &cur);
	return finish(s, rc);
}

enum store_rc store_review_set_final(store *s, int64_t cid, int64_t expected_version, bool final)
{
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	rv_row cur;
	int64_t dummy;
	if ((rc = get_row(s, RV_REVIEW, cid, &cur, &dummy)) != STORE_OK)
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
	head_free(&cur.h);
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
		return finish(s, st_failf(s, STORE_NOTFOUND, "no %s #%lld",
					  feedback_id ? "feedback" : "risk",
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
	row_free(RV_PROBLEM, &base);
	return finish(s, rc);
}

enum store_rc store_problem_from_feedback(store *s, int64_t feedback_id, int64_t *problem_id)
{
	if (feedback_id <= 0)
		return st_failf(s, STORE_INVALID, "no such feedback");
	return problem_from(s, feedback_id, 0, problem_id);
}

enum store_rc store_problem_from_risk(store *s, int64_t risk_id, int64_t *problem_id)
{
	if (risk_id <= 0)
		return st_failf(s, STORE_INVALID, "no such risk");
	return problem_from(s, 0, risk_id, problem_id);
}

/* ---- the lessons library ------------------------------------------------- */

/* Substring match, ASCII letters without case. */
static bool contains_fold(const char *hay, const char *needle, size_t nlen)
{
	if (!hay)
		return false;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < nlen && hay[i]) {
			char a = hay[i], b = needle[i];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a + 32);
			if (b >= 'A' && b <= 'Z')
				b = (char)(b + 32);
			if (a != b)
				break;
			i++;
		}
		if (i == nlen)
			return true;
	}
	return false;
}

/* Every whitespace-separated term of `text` occurs in one of the fields. */
static bool lesson_matches(const lesson_row *l, const char *text)
{
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		size_t n = strcspn(p, " \t");
		if (!n)
			break;
		if (!contains_fold(l->content, p, n) && !contains_fold(l->scenarios, p, n) &&
		    !contains_fold(l->standardisation, p, n) && !contains_fold(l->campaign_key, p, n) &&
		    !contains_fold(l->campaign_name, p, n) && !contains_fold(l->category, p, n))
			return false;
		p += n;
	}
	return true;
}

enum store_rc store_lesson_search(store *s, const char *text, const char *category,
				  lesson_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *cat = NULL;
	if (!str_empty(category) &&
	    !(cat = pick(category, categories, categories_zh, ARRAY_LEN(categories))))
		return st_failf(s, STORE_INVALID,
				"category '%s' is not strategy, execution, resources or tools", category);
	sqlite3_stmt *st = st_prep(s, LESSON_SELECT " WHERE (?1 IS NULL OR l.category = ?1)"
				      " ORDER BY c.start DESC, c.id DESC, l.ord, l.id");
	if (!st)
		return STORE_ERROR;
	st_bind_text(st, 1, cat);
	size_t cap = 0;
	int rc;
	lesson_row l;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_lesson(st, &l);
		if (str_empty(text) || lesson_matches(&l, text)) {
			*out = xgrow(*out, &cap, *n + 1, sizeof **out);
			(*out)[(*n)++] = l;
		} else {
			lesson_free(&l);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		lesson_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return st_fail(s, "reading lessons");
	}
	return STORE_OK;
}

/* ---- the improvement plan ------------------------------------------------ */

typedef struct plan_item {
	const problem_row *p;
	size_t i;
} plan_item;

static int cmp_opt(const char *a, const char *b)
{
	if (str_empty(a) || str_empty(b))
		return str_empty(a) - str_empty(b); /* empty last */
	return strcmp(a, b);
}

static int cmp_plan(const void *x, const void *y)
{
	const plan_item *a = x, *b = y;
	int c = cmp_opt(a->p->owner, b->p->owner);
	if (!c)
		c = cmp_opt(a->p->deadline, b->p->deadline);
	if (!c)
		c = (a->i > b->i) - (a->i < b->i);
	return c;
}

size_t *review_open_actions(const review_data *r, size_t *n)
{
	plan_item *items = xcalloc(r->n_problems ? r->n_problems : 1, sizeof *items);
	*n = 0;
	for (size_t i = 0; i < r->n_problems; i++)
		if (!str_eq(r->problems[i].status, "done"))
			items[(*n)++] = (plan_item){&r->problems[i], i};
	qsort(items, *n, sizeof *items, cmp_plan);
	size_t *idx = xcalloc(*n ? *n : 1, sizeof *idx);
	for (size_t i = 0; i < *n; i++)
		idx[i] = items[i].i;
	free(items);
	return idx;
}

bool problem_overdue(const problem_row *p, wr_date today)
{
	wr_date d;
	return !str_eq(p->status, "done") && p->deadline && date_parse(p->deadline, &d) && d < today;
}
