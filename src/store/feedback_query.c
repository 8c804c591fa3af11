/* Reading feedback: filtered counts and pages, free-text search and the
 * statistics of the stats strip and of feedback-sourced metrics.
 *
 * A campaign's messages are one rowid range in date order, so every query
 * is a walk of that range (narrowed further by the date filter):
 *  - with indexable search terms the FTS index drives, newest first, and
 *    the feedback row is joined only when another condition needs it;
 *  - otherwise the table's rowid range is walked newest first.
 * Pages are keyset pages (ids below the last one shown) and stop after
 * `limit` rows. The SQL is fixed; conditions that are not set bind NULL. */
#include "feedback_internal.h"
#include "feedback_agg.h"
#include "feedback_terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/feedback.h"
#include "warroom/i18n.h"
#include "warroom/fts_query.h"
#include "warroom/store_feedback.h"
#include "warroom/text.h"

#define FB_COLS                                                                                    \
	"f.id, f.version, f.campaign_id, f.at, f.channel, f.mode, f.type, f.tags, f.sentiment,"    \
	" f.rating, f.rating_scale, f.customer, f.text, f.status, f.owner, f.is_read, f.task_id,"  \
	" f.risk_id, (SELECT key FROM task WHERE id = f.task_id),"                                \
	" (SELECT min(id) FROM problem WHERE feedback_id = f.id), f.origin, f.created_by,"         \
	" f.created_at"

/* ?4 type, ?5 tag, ?6 channel, ?7 sentiment, ?8 status, ?9 read, ?10 owner,
 * ?11 a search that must be confirmed against the text */
#define FB_CONDS                                                                                   \
	" AND (?4 IS NULL OR f.type = ?4)"                                                         \
	" AND (?5 IS NULL OR instr(char(10) || f.tags || char(10), char(10) || ?5 || char(10)) > 0)" \
	" AND (?6 IS NULL OR f.channel = ?6 COLLATE NOCASE)"                                       \
	" AND (?7 IS NULL OR f.sentiment = ?7)"                                                    \
	" AND (?8 IS NULL OR f.status = ?8)"                                                       \
	" AND (?9 IS NULL OR f.is_read = ?9)"                                                      \
	" AND (?10 IS NULL OR f.owner = ?10)"                                                      \
	" AND (?11 IS NULL OR wr_search_check(f.text, ?11))"

#define FROM_FTS                                                                                   \
	" FROM feedback_fts CROSS JOIN feedback f ON f.id = feedback_fts.rowid"                   \
	" WHERE feedback_fts MATCH ?1 AND feedback_fts.rowid BETWEEN ?2 AND ?3" FB_CONDS
#define FROM_SCAN " FROM feedback f WHERE f.id BETWEEN ?2 AND ?3 AND ?1 IS NULL" FB_CONDS

static const char SQL_COUNT_FTS[] =
	"SELECT count(*) FROM feedback_fts WHERE feedback_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3";
static const char SQL_COUNT_ALL[] =
	"SELECT count(*) FROM feedback WHERE campaign_id = ?1 AND id BETWEEN ?2 AND ?3";
/* The whole inbox: the count the triggers keep (schema migration 2). */
static const char SQL_COUNT_CAMPAIGN[] =
	"SELECT ifnull((SELECT n FROM feedback_count WHERE campaign_id = ?1), 0)";
static const char SQL_COUNT_FTS_ROWS[] = "SELECT count(*)" FROM_FTS;
static const char SQL_COUNT_SCAN[] = "SELECT count(*)" FROM_SCAN;
static const char SQL_PAGE_FTS[] =
	"SELECT " FB_COLS FROM_FTS " ORDER BY feedback_fts.rowid DESC LIMIT ?12";
static const char SQL_PAGE_SCAN[] = "SELECT " FB_COLS FROM_SCAN " ORDER BY f.id DESC LIMIT ?12";
static const char SQL_UP_FTS[] =
	"SELECT " FB_COLS FROM_FTS " ORDER BY feedback_fts.rowid ASC LIMIT ?12";
static const char SQL_UP_SCAN[] = "SELECT " FB_COLS FROM_SCAN " ORDER BY f.id ASC LIMIT ?12";
static const char SQL_STATS_FTS[] =
	"SELECT f.type, f.sentiment, f.status, f.is_read, f.mode, f.rating, f.rating_scale, f.tags"
	FROM_FTS;
static const char SQL_STATS_SCAN[] =
	"SELECT f.type, f.sentiment, f.status, f.is_read, f.mode, f.rating, f.rating_scale, f.tags"
	FROM_SCAN;

struct plan {
	fts_search search;
	const char *check; /* the raw search, when rows must be confirmed */
	int64_t lo, hi;
	bool row_conds;    /* a condition on the feedback row besides the search */
	bool none;         /* nothing can match (empty range) */
};

static void plan_make(int64_t cid, const feedback_filter *f, struct plan *p)
{
	memset(p, 0, sizeof *p);
	fts_search_compile(f ? f->search : NULL, &p->search);
	if (p->search.needs_check)
		p->check = f->search;
	p->lo = st_feedback_id_lo(cid);
	p->hi = st_feedback_id_hi(cid);
	if (f && f->since != WR_DATE_NONE) {
		int64_t lo = st_feedback_id_of_day(cid, f->since);
		if (lo > p->lo)
			p->lo = lo;
	}
	if (f && f->until != WR_DATE_NONE) {
		int64_t hi = st_feedback_id_of_day(cid, f->until + 1) - 1;
		if (hi < p->hi)
			p->hi = hi;
	}
	p->none = p->lo > p->hi;
	p->row_conds = f && (f->type != FB_ANY || !str_empty(f->tag) || !str_empty(f->channel) ||
			     f->sentiment != FB_ANY || f->status != FB_ANY ||
			     f->is_read != FB_ANY || f->owner);
}

static void plan_free(struct plan *p)
{
	fts_search_free(&p->search);
}

static void bind_int_opt(sqlite3_stmt *st, int i, int v)
{
	if (v == FB_ANY)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, v);
}

static void bind_plan(sqlite3_stmt *st, const feedback_filter *f, const struct plan *p,
		      int64_t lo, int64_t hi)
{
	if (p->search.match)
		sqlite3_bind_text(st, 1, p->search.match, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_int64(st, 2, lo);
	sqlite3_bind_int64(st, 3, hi);
	if (sqlite3_bind_parameter_count(st) < 4)
		return;
	if (f) {
		bind_int_opt(st, 4, f->type);
		st_bind_text(st, 5, str_empty(f->tag) ? NULL : f->tag);
		st_bind_text(st, 6, str_empty(f->channel) ? NULL : f->channel);
		bind_int_opt(st, 7, f->sentiment);
		bind_int_opt(st, 8, f->status);
		bind_int_opt(st, 9, f->is_read);
		st_bind_text(st, 10, f->owner);
	}
	st_bind_text(st, 11, p->check);
}

static void read_row(sqlite3_stmt *st, feedback_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->campaign_id = sqlite3_column_int64(st, 2);
	r->at = st_col_text(st, 3);
	r->channel = st_col_text(st, 4);
	r->mode = (enum feedback_mode)sqlite3_column_int(st, 5);
	r->type = (enum feedback_type)sqlite3_column_int(st, 6);
	r->tags = st_col_text(st, 7);
	r->sentiment = sqlite3_column_int(st, 8);
	r->has_rating = sqlite3_column_type(st, 9) != SQLITE_NULL;
	r->rating = sqlite3_column_double(st, 9);
	r->rating_scale = r->has_rating ? sqlite3_column_int(st, 10) : 0;
	r->customer = st_col_text(st, 11);
	r->text = st_col_text(st, 12);
	r->status = (enum feedback_status)sqlite3_column_int(st, 13);
	r->owner = st_col_text(st, 14);
	r->is_read = sqlite3_column_int(st, 15) != 0;
	r->task_id = sqlite3_column_int64(st, 16);
	r->risk_id = sqlite3_column_int64(st, 17);
	r->task_key = st_col_text(st, 18);
	r->problem_id = sqlite3_column_int64(st, 19);
	r->origin = st_col_text(st, 20);
	r->created_by = st_col_text(st, 21);
	r->created_at = st_col_text(st, 22);
}

static enum store_rc bad_campaign(store *s, int64_t cid)
{
	return st_failf(s, STORE_INVALID, _("campaign %lld cannot hold feedback"), (long long)cid);
}

/* Count over [lo, hi] of the plan. */
static enum store_rc count_range(store *s, int64_t cid, const feedback_filter *f,
				 const struct plan *p, int64_t lo, int64_t hi, size_t *n)
{
	*n = 0;
	if (p->none || lo > hi)
		return STORE_OK;
	const char *sql;
	bool fts = p->search.match != NULL;
	if (fts && !p->row_conds && !p->check)
		sql = SQL_COUNT_FTS;
	else if (!fts && !p->row_conds && !p->check)
		sql = lo == st_feedback_id_lo(cid) && hi == st_feedback_id_hi(cid) ? SQL_COUNT_CAMPAIGN
										 : SQL_COUNT_ALL;
	else
		sql = fts ? SQL_COUNT_FTS_ROWS : SQL_COUNT_SCAN;
	sqlite3_stmt *st = st_prep(s, sql);
	if (!st)
		return STORE_ERROR;
	if (sql == SQL_COUNT_CAMPAIGN) {
		sqlite3_bind_int64(st, 1, cid);
	} else {
		bind_plan(st, f, p, lo, hi);
		if (sql == SQL_COUNT_ALL)
			sqlite3_bind_int64(st, 1, cid);
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : st_fail(s, "counting feedback");
}

enum store_rc store_feedback_count(store *s, int64_t cid, const feedback_filter *f, size_t *n)
{
	*n = 0;
	if (!st_feedback_campaign_ok(cid))
		return bad_campaign(s, cid);
	struct plan p;
	plan_make(cid, f, &p);
	enum store_rc rc = STORE_OK;
	bool kept = false;
	char term[16];
	/* A one-token term over the whole inbox is a kept count: such terms
	 * are the commonest, and counting through the index walks each match. */
	if (!p.row_conds && !p.check && p.lo == st_feedback_id_lo(cid) &&
	    p.hi == st_feedback_id_hi(cid) && f && fts_search_one_token(f->search, term, sizeof term))
		rc = st_fbterms_count(s, cid, term, &kept, n);
	if (rc == STORE_OK && !kept)
		rc = count_range(s, cid, f, &p, p.lo, p.hi, n);
	plan_free(&p);
	return rc;
}

enum store_rc store_feedback_rank(store *s, int64_t cid, const feedback_filter *f, int64_t id,
				  size_t *index)
{
	*index = 0;
	if (!st_feedback_campaign_ok(cid))
		return bad_campaign(s, cid);
	struct plan p;
	plan_make(cid, f, &p);
	int64_t lo = id < p.lo ? p.lo : id + 1;
	enum store_rc rc = count_range(s, cid, f, &p, lo, p.hi, index);
	plan_free(&p);
	return rc;
}

static enum store_rc page(store *s, int64_t cid, const feedback_filter *f, int64_t from,
			  bool up, size_t limit, feedback_row *out, size_t *n)
{
	*n = 0;
	if (!st_feedback_campaign_ok(cid))
		return bad_campaign(s, cid);
	if (limit == 0)
		return STORE_OK;
	struct plan p;
	plan_make(cid, f, &p);
	int64_t lo = p.lo, hi = p.hi;
	if (!up && from > 0 && from - 1 < hi)
		hi = from - 1;
	if (up && from >= lo)
		lo = from + 1;
	if (p.none || lo > hi) {
		plan_free(&p);
		return STORE_OK;
	}
	bool fts = p.search.match != NULL;
	const char *sql = up ? (fts ? SQL_UP_FTS : SQL_UP_SCAN) : (fts ? SQL_PAGE_FTS : SQL_PAGE_SCAN);
	sqlite3_stmt *st = st_prep(s, sql);
	if (!st) {
		plan_free(&p);
		return STORE_ERROR;
	}
	bind_plan(st, f, &p, lo, hi);
	sqlite3_bind_int64(st, 12, (int64_t)limit);
	int rc = SQLITE_DONE;
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, &out[(*n)++]);
	bool failed = *n < limit && rc != SQLITE_DONE;
	sqlite3_reset(st);
	plan_free(&p);
	if (failed) {
		feedback_rows_free(out, *n);
		*n = 0;
		return st_fail(s, "reading feedback");
	}
	if (up) /* newest first, like every page */
		for (size_t i = 0; i < *n / 2; i++) {
			feedback_row t = out[i];
			out[i] = out[*n - 1 - i];
			out[*n - 1 - i] = t;
		}
	return STORE_OK;
}

enum store_rc store_feedback_page(store *s, int64_t cid, const feedback_filter *f,
				  int64_t before_id, size_t limit, feedback_row *out, size_t *n)
{
	return page(s, cid, f, before_id, false, limit, out, n);
}

enum store_rc store_feedback_page_after(store *s, int64_t cid, const feedback_filter *f,
					int64_t after_id, size_t limit, feedback_row *out,
					size_t *n)
{
	return page(s, cid, f, after_id, true, limit, out, n);
}

enum store_rc store_feedback_get(store *s, int64_t id, feedback_row *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = st_prep(s, "SELECT " FB_COLS " FROM feedback f WHERE f.id = ?1");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return st_failf(s, STORE_NOTFOUND, _("no feedback message %lld"), (long long)id);
	return rc == SQLITE_ROW ? STORE_OK : st_fail(s, "reading feedback");
}

/* ---- statistics ------------------------------------------------------------ */

static feedback_tag_stat *tag_slot(feedback_stats *out, size_t *cap, const char *tag, size_t len)
{
	for (size_t i = 0; i < out->n_tags; i++)
		if (strlen(out->tags[i].tag) == len && memcmp(out->tags[i].tag, tag, len) == 0)
			return &out->tags[i];
	out->tags = xgrow(out->tags, cap, out->n_tags + 1, sizeof *out->tags);
	feedback_tag_stat *t = &out->tags[out->n_tags++];
	t->tag = xstrndup(tag, len);
	t->count = 0;
	t->rate = 0;
	return t;
}

static int by_count(const void *a, const void *b)
{
	const feedback_tag_stat *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return 0;
}

void feedback_stats_free(feedback_stats *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->n_tags; i++)
		free(st->tags[i].tag);
	free(st->tags);
	memset(st, 0, sizeof *st);
}

/* True when the filter shows the whole inbox: its figures are kept. */
static bool whole_inbox(const feedback_filter *f)
{
	return !f || (str_empty(f->search) && f->type == FB_ANY && str_empty(f->tag) &&
		      str_empty(f->channel) && f->sentiment == FB_ANY && f->status == FB_ANY &&
		      f->is_read == FB_ANY && !f->owner && f->since == WR_DATE_NONE &&
		      f->until == WR_DATE_NONE);
}

struct kept {
	feedback_stats *out;
	size_t *cap;
};

/* One kept figure (feedback_agg.h) into the statistics. */
static void kept_figure(void *ctx, const char *dim, const char *key, int64_t n)
{
	struct kept *k = ctx;
	feedback_stats *out = k->out;
	size_t v = n > 0 ? (size_t)n : 0;
	int i = atoi(key);
	if (strcmp(dim, "type") == 0 && i >= 0 && i < 5)
		out->by_type[i] += v;
	else if (strcmp(dim, "sentiment") == 0 && i >= -1 && i <= 1)
		out->by_sentiment[i + 1] += v;
	else if (strcmp(dim, "status") == 0 && i >= 0 && i < 4)
		out->by_status[i] += v;
	else if (strcmp(dim, "read") == 0) {
		out->total += v;
		if (!i)
			out->unread += v;
	} else if (strcmp(dim, "mode") == 0)
		out->by_mode[i ? 1 : 0] += v;
	else if (strcmp(dim, "nps") == 0) {
		out->nps_answers += v;
		if (strcmp(key, "promoter") == 0)
			out->promoters += v;
		else if (strcmp(key, "passive") == 0)
			out->passives += v;
		else
			out->detractors += v;
	} else if (strcmp(dim, "rated5") == 0) {
		out->rated_5 += v;
		if (strcmp(key, "satisfied") == 0)
			out->satisfied += v;
	} else if (strcmp(dim, "tag") == 0 && v)
		tag_slot(out, k->cap, key, strlen(key))->count += v;
}

enum store_rc store_feedback_stats(store *s, int64_t cid, const feedback_stats_filter *f,
				   feedback_stats *out)
{
	memset(out, 0, sizeof *out);
	if (!st_feedback_campaign_ok(cid))
		return bad_campaign(s, cid);
	size_t cap = 0;
	/* Dictionary tags first, so a tag nobody mentions shows at 0 %. */
	sqlite3_stmt *st = st_prep(s,
		"SELECT word FROM tag_word WHERE campaign_id = ?1 GROUP BY word ORDER BY min(ord), word");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *w = (const char *)sqlite3_column_text(st, 0);
		if (w)
			tag_slot(out, &cap, w, strlen(w));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		feedback_stats_free(out);
		return st_fail(s, "reading the keyword dictionary");
	}
	struct plan p;
	plan_make(cid, f, &p);
	if (p.none) {
		plan_free(&p);
		return STORE_OK;
	}
	if (whole_inbox(f)) {
		/* the whole inbox: its figures are kept as it changes, no walk
		 * of every message */
		plan_free(&p);
		struct kept k = {out, &cap};
		enum store_rc krc = st_fbagg_each(s, cid, kept_figure, &k);
		if (krc != STORE_OK) {
			feedback_stats_free(out);
			return krc;
		}
		goto figures;
	}
	st = st_prep(s, p.search.match ? SQL_STATS_FTS : SQL_STATS_SCAN);
	if (!st) {
		plan_free(&p);
		feedback_stats_free(out);
		return STORE_ERROR;
	}
	bind_plan(st, f, &p, p.lo, p.hi);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->total++;
		int type = sqlite3_column_int(st, 0);
		int sent = sqlite3_column_int(st, 1);
		int status = sqlite3_column_int(st, 2);
		if (type >= 0 && type < 5)
			out->by_type[type]++;
		if (sent >= -1 && sent <= 1)
			out->by_sentiment[sent + 1]++;
		if (status >= 0 && status < 4)
			out->by_status[status]++;
		if (!sqlite3_column_int(st, 3))
			out->unread++;
		out->by_mode[sqlite3_column_int(st, 4) ? 1 : 0]++;
		if (sqlite3_column_type(st, 5) != SQLITE_NULL) {
			double r = sqlite3_column_double(st, 5);
			if (sqlite3_column_int(st, 6) == 10) {
				out->nps_answers++;
				if (r >= 9)
					out->promoters++;
				else if (r >= 7)
					out->passives++;
				else
					out->detractors++;
			} else {
				out->rated_5++;
				if (r >= 4)
					out->satisfied++;
			}
		}
		const char *tags = (const char *)sqlite3_column_text(st, 7);
		while (tags && *tags) {
			const char *e = strchr(tags, '\n');
			size_t len = e ? (size_t)(e - tags) : strlen(tags);
			if (len)
				tag_slot(out, &cap, tags, len)->count++;
			tags += len + (e ? 1 : 0);
		}
	}
	sqlite3_reset(st);
	plan_free(&p);
	if (rc != SQLITE_DONE) {
		feedback_stats_free(out);
		return st_fail(s, "reading feedback");
	}
figures:
	if (out->nps_answers) {
		out->has_nps = true;
		out->nps = 100.0 * ((double)out->promoters - (double)out->detractors) /
			   (double)out->nps_answers;
	}
	if (out->rated_5) {
		out->has_satisfaction = true;
		out->satisfaction = (double)out->satisfied / (double)out->rated_5;
	}
	for (size_t i = 0; i < out->n_tags; i++)
		out->tags[i].rate = out->total ? (double)out->tags[i].count / (double)out->total : 0;
	/* by count, dictionary order kept among equals (a stable sort) */
	for (size_t i = 1; i < out->n_tags; i++) {
		feedback_tag_stat t = out->tags[i];
		size_t j = i;
		while (j > 0 && by_count(&out->tags[j - 1], &t) > 0) {
			out->tags[j] = out->tags[j - 1];
			j--;
		}
		out->tags[j] = t;
	}
	return STORE_OK;
}

enum store_rc store_feedback_metric(store *s, int64_t cid, const char *source, wr_date until,
				    bool *has, double *value)
{
	*has = false;
	*value = 0;
	if (!source || !str_starts(source, "feedback."))
		return st_failf(s, STORE_INVALID, _("not a feedback source: %s"), source ? source : "");
	const char *what = source + strlen("feedback.");
	const char *tag = NULL;
	if (str_starts(what, "tag:"))
		tag = what + 4;
	else if (!str_eq(what, "nps") && !str_eq(what, "satisfaction") && !str_eq(what, "count") &&
		 !str_eq(what, "negative") && !str_eq(what, "positive"))
		return st_failf(s, STORE_INVALID,
				_("unknown feedback source '%s': expected feedback.nps, "
				"feedback.satisfaction, feedback.count, feedback.negative, "
				"feedback.positive or feedback.tag:WORD"),
				source);
	if (tag && !*tag)
		return st_failf(s, STORE_INVALID, _("feedback.tag: needs a tag, as in feedback.tag:性价比"));
	feedback_filter f;
	feedback_filter_init(&f);
	f.until = until;
	feedback_stats st;
	enum store_rc rc = store_feedback_stats(s, cid, &f, &st);
	if (rc != STORE_OK)
		return rc;
	if (tag) {
		*has = st.total > 0;
		for (size_t i = 0; i < st.n_tags; i++)
			if (str_eq(st.tags[i].tag, tag))
				*value = st.tags[i].rate;
	} else if (str_eq(what, "nps")) {
		*has = st.has_nps;
		*value = st.nps;
	} else if (str_eq(what, "satisfaction")) {
		*has = st.has_satisfaction;
		*value = st.satisfaction;
	} else if (str_eq(what, "count")) {
		*has = true;
		*value = (double)st.total;
	} else {
		*has = st.total > 0;
		size_t n = str_eq(what, "negative") ? st.by_sentiment[0] : st.by_sentiment[2];
		*value = st.total ? (double)n / (double)st.total : 0;
	}
	feedback_stats_free(&st);
	return STORE_OK;
}
