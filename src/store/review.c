/* The post-campaign review, read side: the field tables every edit, the
 * pane and the CLI go by, loading a review whole, the lessons library
 * across campaigns and the improvement plan. Changes are in
 * review_edit.c. */
#include "store_internal.h"
#include "review_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "warroom/i18n.h"
#include "warroom/store_review.h"
#include "warroom/text.h"

/* ---- field tables -------------------------------------------------------- */

#define F(name, label, kind, req, multi, live, type, member)                                       \
	{name, label, kind, req, multi, live, offsetof(type, member)}

static const review_field review_f[] = {
	/* TRANSLATORS: the fields of a review, a metric's note, a highlight, a
	 * problem and a lesson, as labels on the screen and in `review show`. */
	F("overview", N_("Overview"), RVV_TEXT, false, true, false, review_head, overview),
};
static const review_field note_f[] = {
	F("note", N_("Analysis"), RVV_TEXT, false, true, false, review_note, note),
};
static const review_field highlight_f[] = {
	F("text", N_("Highlight"), RVV_TEXT, true, false, false, highlight_row, text),
	F("why", N_("Why it worked"), RVV_TEXT, false, true, false, highlight_row, why),
	F("metric", N_("Metric"), RVV_METRIC, false, false, false, highlight_row, metric_key),
};
static const review_field problem_f[] = {
	F("description", N_("Problem"), RVV_TEXT, true, false, false, problem_row, description),
	F("impact", N_("Impact"), RVV_IMPACT, true, false, false, problem_row, impact),
	F("why1", N_("Why 1"), RVV_TEXT, false, false, false, problem_row, why1),
	F("why2", N_("Why 2"), RVV_TEXT, false, false, false, problem_row, why2),
	F("why3", N_("Why 3"), RVV_TEXT, false, false, false, problem_row, why3),
	F("why4", N_("Why 4"), RVV_TEXT, false, false, false, problem_row, why4),
	F("why5", N_("Why 5"), RVV_TEXT, false, false, false, problem_row, why5),
	F("root_cause", N_("Root cause"), RVV_TEXT, false, false, false, problem_row, root_cause),
	F("action", N_("Action"), RVV_TEXT, false, true, false, problem_row, action),
	F("owner", N_("Owner"), RVV_TEXT, false, false, true, problem_row, owner),
	F("deadline", N_("Deadline"), RVV_DATE, false, false, true, problem_row, deadline),
	F("status", N_("Status"), RVV_STATUS, true, false, true, problem_row, status),
};
static const review_field lesson_f[] = {
	F("category", N_("Category"), RVV_CATEGORY, true, false, false, lesson_row, category),
	F("content", N_("Lesson"), RVV_TEXT, true, true, false, lesson_row, content),
	F("scenarios", N_("Applies to"), RVV_TEXT, false, false, false, lesson_row, scenarios),
	F("standardisation", N_("Standardise as"), RVV_TEXT, false, false, false, lesson_row,
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

const char *rv_audit_entity(enum review_entity e)
{
	return entities[e].audit;
}

const char *review_entity_audit(enum review_entity e)
{
	return (unsigned)e < RV_N_ENTITY ? entities[e].audit : "?";
}

char **rv_field_slot(void *row, const review_field *f)
{
	return (char **)((char *)row + f->offset);
}

/* ---- rows ---------------------------------------------------------------- */

void rv_head_free(review_head *h)
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
		free(*rv_field_slot(p, &problem_f[i]));
	free(p->updated_by);
	free(p->updated_at);
	memset(p, 0, sizeof *p);
}

void rv_lesson_free(lesson_row *l)
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
		rv_lesson_free(&v[i]);
	free(v);
}

void rv_row_free(enum review_entity e, rv_row *r)
{
	switch (e) {
	case RV_REVIEW: rv_head_free(&r->h); break;
	case RV_NOTE: note_free(&r->n); break;
	case RV_HIGHLIGHT: highlight_free(&r->hl); break;
	case RV_PROBLEM: problem_row_free(&r->p); break;
	case RV_LESSON: rv_lesson_free(&r->l); break;
	default: break;
	}
}

void review_data_free(review_data *r)
{
	if (!r)
		return;
	rv_head_free(&r->head);
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

int64_t rv_row_version(enum review_entity e, const rv_row *r)
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

void rv_row_who(enum review_entity e, const rv_row *r, const char **by, const char **at)
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
	" FROM lesson l JOIN campaign c ON c.id = l.campaign_id"                                   \
	" WHERE (?1 = 0 OR l.campaign_id = ?1) AND (?2 = 0 OR l.id = ?2)"                          \
	" AND (?3 IS NULL OR l.category = ?3) ORDER BY c.start DESC, c.id DESC, l.ord, l.id"

/* One statement per query shape, by campaign or by id: st_prep caches by
 * the literal's address, so each is named once. */
static const char highlight_sql[] = HIGHLIGHT_SELECT;
static const char problem_sql[] = PROBLEM_SELECT;
static const char lesson_sql[] = LESSON_SELECT;

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
		*rv_field_slot(p, &problem_f[i]) = st_col_text(st, 5 + (int)i);
	p->updated_by = st_col_text(st, 17);
	p->updated_at = st_col_text(st, 18);
}

void rv_read_lesson(sqlite3_stmt *st, lesson_row *l)
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

enum store_rc rv_get_head(store *s, int64_t cid, review_head *h)
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

static const char note_sql[] =
	"SELECT m.id, ifnull(n.version, 0), m.key, m.name, n.note, n.updated_by, n.updated_at,"
	" m.campaign_id FROM metric m LEFT JOIN review_metric_note n ON n.metric_id = m.id"
	" WHERE (?1 = 0 OR m.campaign_id = ?1) AND (?2 = 0 OR m.id = ?2) ORDER BY m.ord, m.id";

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
enum store_rc rv_get_row(store *s, enum review_entity e, int64_t id, rv_row *r, int64_t *cid)
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
			return st_failf(s, STORE_NOTFOUND, _("no such campaign"));
		if (rc != SQLITE_ROW)
			return st_fail(s, "reading a campaign");
		return rv_get_head(s, id, &r->h);
	}
	case RV_NOTE:
		st = st_prep(s, note_sql);
		break;
	case RV_HIGHLIGHT:
		st = st_prep(s, highlight_sql);
		break;
	case RV_PROBLEM:
		st = st_prep(s, problem_sql);
		break;
	case RV_LESSON:
		st = st_prep(s, lesson_sql);
		break;
	default:
		return st_failf(s, STORE_INVALID, _("unknown review record"));
	}
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, 0);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		switch (e) {
		case RV_NOTE: read_note(st, &r->n); *cid = sqlite3_column_int64(st, 7); break;
		case RV_HIGHLIGHT: read_highlight(st, &r->hl); *cid = sqlite3_column_int64(st, 8); break;
		case RV_PROBLEM: read_problem(st, &r->p); *cid = sqlite3_column_int64(st, 19); break;
		case RV_LESSON: rv_read_lesson(st, &r->l); *cid = r->l.campaign_id; break;
		default: break;
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return st_failf(s, STORE_NOTFOUND, _("no %s #%lld"),
				e == RV_NOTE ? _("metric") : review_entity_name(e), (long long)id);
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
	enum store_rc rc = rv_get_row(s, RV_REVIEW, cid, &probe, &dummy);
	if (rc != STORE_OK) {
		read_end(s, began);
		return rc;
	}
	out->head = probe.h;
	size_t cap;
	int src = SQLITE_DONE;

	sqlite3_stmt *st = st_prep(s, note_sql);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, 0);
	cap = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		out->notes = xgrow(out->notes, &cap, out->n_notes + 1, sizeof *out->notes);
		read_note(st, &out->notes[out->n_notes++]);
	}
	if (src != SQLITE_DONE)
		goto sqlfail;

	if (!(st = st_prep(s, highlight_sql)))
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

	if (!(st = st_prep(s, problem_sql)))
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

	if (!(st = st_prep(s, lesson_sql)))
		goto fail;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, 0);
	cap = 0;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		out->lessons = xgrow(out->lessons, &cap, out->n_lessons + 1, sizeof *out->lessons);
		rv_read_lesson(st, &out->lessons[out->n_lessons++]);
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

/* ---- choices ------------------------------------------------------------- */

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

const char *rv_choice(enum review_value kind, const char *v)
{
	switch (kind) {
	case RVV_IMPACT: return pick(v, impacts, impacts_zh, ARRAY_LEN(impacts));
	case RVV_STATUS: return pick(v, statuses, statuses_zh, ARRAY_LEN(statuses));
	case RVV_CATEGORY: return pick(v, categories, categories_zh, ARRAY_LEN(categories));
	default: return NULL;
	}
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
	if (!str_empty(category) && !(cat = rv_choice(RVV_CATEGORY, category)))
		return st_failf(s, STORE_INVALID,
				_("category '%s' is not strategy, execution, resources or tools"), category);
	sqlite3_stmt *st = st_prep(s, lesson_sql);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, 0);
	sqlite3_bind_int64(st, 2, 0);
	st_bind_text(st, 3, cat);
	size_t cap = 0;
	int rc;
	lesson_row l;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rv_read_lesson(st, &l);
		if (str_empty(text) || lesson_matches(&l, text)) {
			*out = xgrow(*out, &cap, *n + 1, sizeof **out);
			(*out)[(*n)++] = l;
		} else {
			rv_lesson_free(&l);
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
