/* Each campaign's feedback figures, kept as messages come and change (see
 * feedback_agg.h). A batch of a million messages counts in memory and
 * writes a few dozen rows when it commits. */
#include "feedback_agg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void count_tag(fb_agg *g, const char *tag, size_t len, int delta)
{
	if (!len)
		return;
	size_t i = g->last_tag;
	if (i >= g->n_tags || strlen(g->tags[i].tag) != len || memcmp(g->tags[i].tag, tag, len) != 0) {
		for (i = 0; i < g->n_tags; i++)
			if (strlen(g->tags[i].tag) == len && memcmp(g->tags[i].tag, tag, len) == 0)
				break;
		if (i == g->n_tags) {
			g->tags = xgrow(g->tags, &g->cap_tags, g->n_tags + 1, sizeof *g->tags);
			g->tags[i].tag = xstrndup(tag, len);
			g->tags[i].n = 0;
			g->n_tags++;
		}
	}
	g->tags[i].n += delta;
	g->last_tag = i;
}

void st_fbagg_tag_list(fb_agg *g, const char *tags, int delta)
{
	while (tags && *tags) {
		const char *e = strchr(tags, '\n');
		size_t len = e ? (size_t)(e - tags) : strlen(tags);
		count_tag(g, tags, len, delta);
		tags += len + (e ? 1 : 0);
	}
}

void st_fbagg_message(fb_agg *g, int type, int sentiment, int status, bool is_read, int mode,
		      bool has_rating, double rating, int scale, const char *tags, int delta)
{
	if (type >= 0 && type < 5)
		g->type[type] += delta;
	if (sentiment >= -1 && sentiment <= 1)
		g->sentiment[sentiment + 1] += delta;
	if (status >= 0 && status < 4)
		g->status[status] += delta;
	g->read[is_read ? 1 : 0] += delta;
	g->mode[mode ? 1 : 0] += delta;
	/* the bands of store_feedback_stats */
	if (has_rating && scale == 10)
		*(rating >= 9 ? &g->promoter : rating >= 7 ? &g->passive : &g->detractor) += delta;
	else if (has_rating)
		*(rating >= 4 ? &g->satisfied : &g->unsatisfied) += delta;
	st_fbagg_tag_list(g, tags, delta);
}

static enum store_rc add(store *s, int64_t cid, const char *dim, const char *key, int64_t n)
{
	if (!n)
		return STORE_OK;
	sqlite3_stmt *st = st_prep(s,
		"INSERT INTO feedback_agg(campaign_id, dim, key, n) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT(campaign_id, dim, key) DO UPDATE SET n = n + excluded.n");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_text(st, 2, dim, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, n);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : st_fail(s, "counting feedback");
}

static enum store_rc add_ints(store *s, int64_t cid, const char *dim, const int64_t *v, int n,
			      int first)
{
	enum store_rc rc = STORE_OK;
	for (int i = 0; i < n && rc == STORE_OK; i++) {
		char key[12]; /* any int: optimised builds check it fits */
		snprintf(key, sizeof key, "%d", first + i);
		rc = add(s, cid, dim, key, v[i]);
	}
	return rc;
}

enum store_rc st_fbagg_flush(store *s, int64_t cid, fb_agg *g)
{
	enum store_rc rc = add_ints(s, cid, "type", g->type, 5, 0);
	if (rc == STORE_OK)
		rc = add_ints(s, cid, "sentiment", g->sentiment, 3, -1);
	if (rc == STORE_OK)
		rc = add_ints(s, cid, "status", g->status, 4, 0);
	if (rc == STORE_OK)
		rc = add_ints(s, cid, "read", g->read, 2, 0);
	if (rc == STORE_OK)
		rc = add_ints(s, cid, "mode", g->mode, 2, 0);
	if (rc == STORE_OK)
		rc = add(s, cid, "nps", "promoter", g->promoter);
	if (rc == STORE_OK)
		rc = add(s, cid, "nps", "passive", g->passive);
	if (rc == STORE_OK)
		rc = add(s, cid, "nps", "detractor", g->detractor);
	if (rc == STORE_OK)
		rc = add(s, cid, "rated5", "satisfied", g->satisfied);
	if (rc == STORE_OK)
		rc = add(s, cid, "rated5", "other", g->unsatisfied);
	for (size_t i = 0; i < g->n_tags && rc == STORE_OK; i++)
		rc = add(s, cid, "tag", g->tags[i].tag, g->tags[i].n);
	st_fbagg_free(g);
	return rc;
}

void st_fbagg_free(fb_agg *g)
{
	for (size_t i = 0; i < g->n_tags; i++)
		free(g->tags[i].tag);
	free(g->tags);
	memset(g, 0, sizeof *g);
}

enum store_rc st_fbagg_each(store *s, int64_t cid,
			    void (*fn)(void *ctx, const char *dim, const char *key, int64_t n),
			    void *ctx)
{
	sqlite3_stmt *st = st_prep(s,
		"SELECT dim, key, n FROM feedback_agg WHERE campaign_id = ?1 AND n <> 0");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		   sqlite3_column_int64(st, 2));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : st_fail(s, "reading feedback figures");
}
