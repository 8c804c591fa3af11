/* Feedback rows: ids in date order within a campaign, and ingestion in
 * batches. An import of a million messages is one transaction through the
 * same prepared statements; ids are handed out from memory once the
 * campaign's last id in a second is known, and each message is classified
 * (tags, type, sentiment) with the campaign's dictionary folded once. */
#include "feedback_internal.h"
#include "feedback_agg.h"
#include "feedback_terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/feedback.h"
#include "warroom/i18n.h"
#include "warroom/store_feedback.h"
#include "warroom/text.h"

/* id = campaign << 51 | (seconds since 2000-01-01) << 20 | sequence: a
 * campaign's messages form one rowid range in date order, a million
 * messages fit in one second, and dates run to 2067. */
#define SEQ_BITS 20
#define SEC_BITS 31
#define CAMPAIGN_SHIFT (SEQ_BITS + SEC_BITS)
#define MAX_CAMPAIGN 4095

static wr_date epoch_day(void)
{
	return date_from_ymd(2000, 1, 1);
}

bool st_feedback_campaign_ok(int64_t cid)
{
	return cid > 0 && cid <= MAX_CAMPAIGN;
}

int64_t st_feedback_id_lo(int64_t cid)
{
	return cid << CAMPAIGN_SHIFT;
}

int64_t st_feedback_id_hi(int64_t cid)
{
	return ((cid + 1) << CAMPAIGN_SHIFT) - 1;
}

/* First id of a day in a campaign, clamped to the campaign's range. */
int64_t st_feedback_id_of_day(int64_t cid, wr_date day)
{
	int64_t d = (int64_t)day - epoch_day();
	int64_t max_days = (((int64_t)1 << SEC_BITS) - 1) / 86400;
	if (d < 0)
		d = 0;
	if (d > max_days)
		return st_feedback_id_hi(cid);
	return (cid << CAMPAIGN_SHIFT) | ((d * 86400) << SEQ_BITS);
}

static bool id_base(int64_t cid, wr_date at, int secs, int64_t *base)
{
	int64_t t = ((int64_t)at - epoch_day()) * 86400 + secs;
	if (t < 0 || t >= ((int64_t)1 << SEC_BITS))
		return false;
	*base = (cid << CAMPAIGN_SHIFT) | (t << SEQ_BITS);
	return true;
}

static enum store_rc range_error(store *s, int64_t cid, wr_date at)
{
	char d[16];
	if (!st_feedback_campaign_ok(cid))
		return st_failf(s, STORE_INVALID,
				_("feedback can be kept for the first %d campaigns of a database"),
				MAX_CAMPAIGN);
	return st_failf(s, STORE_INVALID, _("feedback dates must be between 2000-01-01 and 2067-12-31, not %s"),
			at == WR_DATE_NONE ? _("(none)") : date_format(at, d));
}

/* The next free id in the second of `base`, moving on to the following
 * seconds when one is full. */
static enum store_rc next_in_db(store *s, int64_t base, int64_t *id)
{
	sqlite3_stmt *st = st_prep(s, "SELECT max(id) FROM feedback WHERE id >= ?1 AND id < ?2");
	if (!st)
		return STORE_ERROR;
	for (int tries = 0; tries < 86400; tries++, base += (int64_t)1 << SEQ_BITS) {
		int64_t limit = base + ((int64_t)1 << SEQ_BITS);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, base);
		sqlite3_bind_int64(st, 2, limit);
		if (sqlite3_step(st) != SQLITE_ROW)
			return st_fail(s, "numbering feedback");
		bool empty = sqlite3_column_type(st, 0) == SQLITE_NULL;
		int64_t next = empty ? base : sqlite3_column_int64(st, 0) + 1;
		sqlite3_reset(st);
		if (next < limit) {
			*id = next;
			return STORE_OK;
		}
	}
	return st_failf(s, STORE_ERROR, _("too many feedback messages at one time"));
}

enum store_rc st_feedback_next_id(store *s, int64_t cid, wr_date at, int at_secs, int64_t *id)
{
	int64_t base;
	if (!st_feedback_campaign_ok(cid) || !id_base(cid, at, at_secs, &base))
		return range_error(s, cid, at);
	return next_in_db(s, base, id);
}

/* ---- rows ----------------------------------------------------------------- */

void feedback_row_free(feedback_row *r)
{
	if (!r)
		return;
	free(r->at);
	free(r->channel);
	free(r->tags);
	free(r->customer);
	free(r->text);
	free(r->owner);
	free(r->task_key);
	free(r->origin);
	free(r->created_by);
	free(r->created_at);
	memset(r, 0, sizeof *r);
}

void feedback_rows_free(feedback_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		feedback_row_free(&v[i]);
}

void feedback_filter_init(feedback_filter *f)
{
	memset(f, 0, sizeof *f);
	f->type = f->sentiment = f->status = f->is_read = FB_ANY;
	f->since = f->until = WR_DATE_NONE;
}

/* ---- batches -------------------------------------------------------------- */

struct id_slot {
	int64_t base; /* 0: empty */
	int64_t next;
};

struct feedback_batch {
	store *s;
	int64_t cid;
	char *origin;
	feedback_tagger *tagger;
	tag_group *groups;
	size_t n_groups;
	strlist pos, neg;
	size_t added, skipped;
	int64_t max_id; /* the campaign's largest id when the batch began */
	struct id_slot *slots;
	size_t cap, used;
	char now[24];
	char *user;
	char at[24];
	fb_agg agg; /* the figures of what it added, written at commit */
	fb_terms terms; /* its search terms' counts, written at commit */
};

static struct id_slot *slot_for(feedback_batch *b, int64_t base)
{
	b->slots = st_slots_reserve(b->slots, &b->cap, b->used, sizeof *b->slots);
	return st_slot_find(b->slots, b->cap, sizeof *b->slots, (uint64_t)base);
}

/* Ids without a query per message: a second the campaign had no message
 * in when the batch began starts at sequence 0, and every second used is
 * remembered with its next free sequence. */
static enum store_rc batch_id(feedback_batch *b, wr_date at, int secs, int64_t *id)
{
	int64_t base;
	if (!id_base(b->cid, at, secs, &base))
		return range_error(b->s, b->cid, at);
	for (;;) {
		struct id_slot *sl = slot_for(b, base);
		if (!sl->base) {
			int64_t next = base;
			if (base <= b->max_id) {
				enum store_rc rc = next_in_db(b->s, base, &next);
				if (rc != STORE_OK)
					return rc;
			}
			/* next_in_db may have moved on to a later second */
			int64_t nbase = next & ~(((int64_t)1 << SEQ_BITS) - 1);
			if (nbase != base) {
				sl->base = base;
				sl->next = base + ((int64_t)1 << SEQ_BITS);
				b->used++;
				base = nbase;
				continue;
			}
			sl->base = base;
			sl->next = next;
			b->used++;
		}
		if (sl->next < base + ((int64_t)1 << SEQ_BITS)) {
			*id = sl->next++;
			return STORE_OK;
		}
		base += (int64_t)1 << SEQ_BITS; /* this second is full */
		int64_t limit = st_feedback_id_hi(b->cid);
		if (base > limit)
			return st_failf(b->s, STORE_ERROR, _("too many feedback messages at one time"));
	}
}

static void split_lines_into(const char *s, strlist *out)
{
	if (!s)
		return;
	const char *p = s;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n) {
			char *item = xstrndup(p, n);
			sl_push(out, item);
			free(item);
		}
		p += n;
		if (*p)
			p++;
	}
}

/* The campaign's keyword dictionary and polarity words. */
static enum store_rc load_dict(feedback_batch *b)
{
	store *s = b->s;
	sqlite3_stmt *st = st_prep(s, "SELECT positive_words, negative_words FROM campaign WHERE id = ?1");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, b->cid);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? st_failf(s, STORE_NOTFOUND, _("no such campaign"))
					 : st_fail(s, "reading the campaign");
	}
	split_lines_into((const char *)sqlite3_column_text(st, 0), &b->pos);
	split_lines_into((const char *)sqlite3_column_text(st, 1), &b->neg);
	sqlite3_reset(st);
	st = st_prep(s, "SELECT tag, word FROM tag_word WHERE campaign_id = ?1 ORDER BY ord, tag, word");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, b->cid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *tag = (const char *)sqlite3_column_text(st, 0);
		tag_group *g = NULL;
		for (size_t i = 0; i < b->n_groups && !g; i++)
			if (str_eq(b->groups[i].name, tag))
				g = &b->groups[i];
		if (!g) {
			b->groups = xrealloc(b->groups, (b->n_groups + 1) * sizeof *b->groups);
			g = &b->groups[b->n_groups++];
			memset(g, 0, sizeof *g);
			g->name = xstrdup(tag ? tag : "");
		}
		sl_push(&g->words, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, "reading the keyword dictionary");
	feedback_dict d = {b->groups, b->n_groups, &b->pos, &b->neg};
	b->tagger = feedback_tagger_new(&d);
	return STORE_OK;
}

static void batch_free(feedback_batch *b)
{
	if (!b)
		return;
	feedback_tagger_free(b->tagger);
	for (size_t i = 0; i < b->n_groups; i++) {
		free(b->groups[i].name);
		sl_free(&b->groups[i].words);
	}
	free(b->groups);
	sl_free(&b->pos);
	sl_free(&b->neg);
	free(b->slots);
	free(b->origin);
	free(b->user);
	st_fbagg_free(&b->agg);
	st_fbterms_free(&b->terms);
	free(b);
}

enum store_rc store_feedback_batch_begin(store *s, int64_t cid, const char *origin,
					 feedback_batch **out)
{
	*out = NULL;
	if (!st_feedback_campaign_ok(cid))
		return range_error(s, cid, WR_DATE_NONE);
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	feedback_batch *b = xcalloc(1, sizeof *b);
	b->s = s;
	b->cid = cid;
	b->origin = xstrdup(origin ? origin : "cli");
	b->user = xstrdup(current_user());
	clock_now_string(b->now);
	rc = load_dict(b);
	sqlite3_stmt *st = rc == STORE_OK ? st_prep(s, "SELECT max(id) FROM feedback WHERE id BETWEEN ?1 AND ?2") : NULL;
	if (rc == STORE_OK && !st)
		rc = STORE_ERROR;
	if (rc == STORE_OK) {
		sqlite3_bind_int64(st, 1, st_feedback_id_lo(cid));
		sqlite3_bind_int64(st, 2, st_feedback_id_hi(cid));
		if (sqlite3_step(st) == SQLITE_ROW)
			b->max_id = sqlite3_column_int64(st, 0); /* 0 when NULL */
		else
			rc = st_fail(s, "reading feedback");
		sqlite3_reset(st);
	}
	if (rc != STORE_OK) {
		st_rollback(s);
		batch_free(b);
		return rc;
	}
	*out = b;
	return STORE_OK;
}

static char *format_at(wr_date d, int secs, char *buf)
{
	return secs ? datetime_format(d, secs, buf) : date_format(d, buf);
}

/* Is this message already in the campaign? The hash narrows, the fields
 * decide. */
static enum store_rc already_there(feedback_batch *b, int64_t fp, const char *at,
				   const feedback_new *m, bool *seen)
{
	sqlite3_stmt *st = st_prep(b->s,
		"SELECT at, channel, customer, text FROM feedback"
		" WHERE campaign_id = ?1 AND fingerprint = ?2");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, b->cid);
	sqlite3_bind_int64(st, 2, fp);
	*seen = false;
	int rc;
	while (!*seen && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*seen = str_eq((const char *)sqlite3_column_text(st, 0), at) &&
			str_eq((const char *)sqlite3_column_text(st, 1), m->channel) &&
			str_eq((const char *)sqlite3_column_text(st, 2), m->customer) &&
			str_eq((const char *)sqlite3_column_text(st, 3), m->text);
	}
	bool failed = !*seen && rc != SQLITE_DONE;
	sqlite3_reset(st);
	return failed ? st_fail(b->s, "reading feedback") : STORE_OK;
}

enum store_rc store_feedback_batch_add(feedback_batch *b, const feedback_new *m, bool *added,
				       int64_t *id_out)
{
	store *s = b->s;
	if (added)
		*added = false;
	if (str_empty(m->text))
		return st_failf(s, STORE_INVALID, _("a message needs text"));
	if (!utf8_valid(m->text, strlen(m->text)) ||
	    (m->channel && !utf8_valid(m->channel, strlen(m->channel))) ||
	    (m->customer && !utf8_valid(m->customer, strlen(m->customer))))
		return st_failf(s, STORE_INVALID, _("text that is not valid UTF-8"));
	const char *channel = str_empty(m->channel) ? NULL : m->channel;
	const char *customer = str_empty(m->customer) ? NULL : m->customer;
	format_at(m->at, m->at_secs, b->at);
	feedback_new norm = *m;
	norm.channel = channel;
	norm.customer = customer;
	int64_t fp = feedback_fingerprint(b->at, channel, customer, m->text);
	bool seen;
	enum store_rc rc = already_there(b, fp, b->at, &norm, &seen);
	if (rc != STORE_OK)
		return rc;
	if (seen) {
		b->skipped++;
		return STORE_OK;
	}
	int scale = m->has_rating ? feedback_rating_scale(m->rating, m->rating_scale) : 0;
	if (m->has_rating && !feedback_rating_valid(m->rating, scale))
		return st_failf(s, STORE_INVALID, _("a rating of %g is outside %s"), m->rating,
				scale == 10 ? "0-10" : "1-5");
	int64_t id = 0;
	if ((rc = batch_id(b, m->at, m->at_secs, &id)) != STORE_OK)
		return rc;
	feedback_classified cls;
	feedback_tagger_classify(b->tagger, channel, m->text, m->has_rating, m->rating, scale, &cls);
	if (m->type != FB_ANY)
		cls.type = (enum feedback_type)m->type;
	if (m->sentiment != FB_ANY)
		cls.sentiment = m->sentiment;
	if (m->mode != FB_ANY)
		cls.mode = (enum feedback_mode)m->mode;
	const char *tags = m->tags ? (*m->tags ? m->tags : NULL) : cls.tags;
	sqlite3_stmt *st = st_prep(s,
		"INSERT INTO feedback(id, campaign_id, at, channel, mode, type, tags, sentiment, rating,"
		" rating_scale, customer, text, fingerprint, origin, created_by, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
	if (!st) {
		free(cls.tags);
		return STORE_ERROR;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, b->cid);
	st_bind_text_static(st, 3, b->at);
	st_bind_text_static(st, 4, channel);
	sqlite3_bind_int(st, 5, cls.mode);
	sqlite3_bind_int(st, 6, cls.type);
	st_bind_text_static(st, 7, tags);
	sqlite3_bind_int(st, 8, cls.sentiment);
	if (m->has_rating) {
		sqlite3_bind_double(st, 9, m->rating);
		sqlite3_bind_int(st, 10, scale);
	}
	st_bind_text_static(st, 11, customer);
	st_bind_text_static(st, 12, m->text);
	sqlite3_bind_int64(st, 13, fp);
	st_bind_text_static(st, 14, b->origin);
	st_bind_text_static(st, 15, b->user);
	st_bind_text_static(st, 16, b->now);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step == SQLITE_DONE) {
		/* Indexed here, not by a trigger (schema migration 6): a
		 * single-row insert into the index runs without a savepoint,
		 * so FTS5 collects the batch in memory. */
		sqlite3_stmt *fts = st_prep(s, "INSERT INTO feedback_fts(rowid, text) VALUES (?1, ?2)");
		if (!fts) {
			free(cls.tags);
			return STORE_ERROR;
		}
		sqlite3_bind_int64(fts, 1, id);
		st_bind_text_static(fts, 2, m->text);
		step = sqlite3_step(fts);
		sqlite3_reset(fts);
	}
	if (step == SQLITE_DONE) { /* a new message: not read, status new */
		st_fbagg_message(&b->agg, cls.type, cls.sentiment, 0, false, cls.mode, m->has_rating,
				 m->rating, scale, tags, 1);
		st_fbterms_add_text(&b->terms, m->text);
	}
	free(cls.tags);
	if (step != SQLITE_DONE)
		return st_fail(s, "writing feedback");
	b->added++;
	if (added)
		*added = true;
	if (id_out)
		*id_out = id;
	return STORE_OK;
}

enum store_rc store_feedback_revision(store *s, int64_t cid, int64_t *rev)
{
	/* Every change to feedback writes an audit row for its campaign (an
	 * import that added messages, each triage edit, a problem made from a
	 * message), so the campaign's newest audit row and newest message
	 * together tell whether anything moved; both are index lookups. */
	*rev = 0;
	sqlite3_stmt *st = st_prep(s,
		"SELECT (SELECT ifnull(max(id), 0) FROM audit WHERE campaign_id = ?1),"
		" (SELECT ifnull(max(id), 0) FROM feedback WHERE id BETWEEN ?2 AND ?3)");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int64(st, 2, st_feedback_id_lo(cid));
	sqlite3_bind_int64(st, 3, st_feedback_id_hi(cid));
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		uint64_t h = (uint64_t)sqlite3_column_int64(st, 0) * 0x9E3779B97F4A7C15ull;
		h ^= (uint64_t)sqlite3_column_int64(st, 1);
		*rev = (int64_t)(h >> 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : st_fail(s, "reading feedback");
}

void store_feedback_batch_counts(const feedback_batch *b, size_t *added, size_t *skipped)
{
	if (added)
		*added = b->added;
	if (skipped)
		*skipped = b->skipped;
}

enum store_rc store_feedback_batch_commit(feedback_batch *b, const char *what)
{
	store *s = b->s;
	enum store_rc rc = st_fbagg_flush(s, b->cid, &b->agg);
	if (rc == STORE_OK)
		rc = st_fbterms_flush(s, b->cid, &b->terms);
	if (rc == STORE_OK && b->added) {
		sqlite3_stmt *st = st_prep(s,
			"INSERT INTO feedback_count(campaign_id, n) VALUES (?1, ?2)"
			" ON CONFLICT(campaign_id) DO UPDATE SET n = n + excluded.n");
		if (!st) {
			rc = STORE_ERROR;
		} else {
			sqlite3_bind_int64(st, 1, b->cid);
			sqlite3_bind_int64(st, 2, (sqlite3_int64)b->added);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = st_fail(s, "counting feedback");
			sqlite3_reset(st);
		}
	}
	if (rc == STORE_OK && b->added) {
		/* an audit row for every batch that added something, also from a
		 * definition, so that store_feedback_revision sees the change */
		char summary[600];
		snprintf(summary, sizeof summary, "%zu added, %zu already there: %s", b->added,
			 b->skipped, what ? what : "the campaign's definition");
		rc = st_audit(s, b->cid, "feedback", 0, NULL, "import", NULL, summary);
	}
	if (rc == STORE_OK)
		rc = st_commit(s);
	else
		st_rollback(s);
	batch_free(b);
	return rc;
}

void store_feedback_batch_abort(feedback_batch *b)
{
	if (!b)
		return;
	st_rollback(b->s);
	batch_free(b);
}

enum store_rc st_feedback_import_defs(store *s, int64_t cid, const campaign_def *d, size_t *added,
				      size_t *skipped)
{
	if (!d->n_feedback)
		return STORE_OK;
	feedback_batch *b;
	enum store_rc rc = store_feedback_batch_begin(s, cid, "definition", &b);
	if (rc != STORE_OK)
		return rc;
	for (size_t i = 0; i < d->n_feedback && rc == STORE_OK; i++) {
		const feedback_def *f = &d->feedback[i];
		feedback_new m;
		memset(&m, 0, sizeof m);
		m.at = f->at;
		m.at_secs = f->at_secs;
		m.channel = f->channel;
		m.customer = f->customer;
		m.text = f->text;
		m.type = f->type != FB_TYPE_NONE ? (int)f->type : FB_ANY;
		m.sentiment = m.mode = FB_ANY;
		m.has_rating = f->has_rating;
		m.rating = f->rating;
		m.rating_scale = f->rating_scale;
		rc = store_feedback_batch_add(b, &m, NULL, NULL);
		if (rc != STORE_OK) {
			char msg[sizeof s->err];
			memcpy(msg, s->err, sizeof msg);
			st_failf(s, rc, _("%s:%d: feedback: %.400s"), d->file ? d->file : "",
				 f->pos.line, msg);
		}
	}
	*added += b->added;
	*skipped += b->skipped;
	/* The caller's transaction stays open: commit only unwinds the nesting. */
	if (rc != STORE_OK) {
		batch_free(b);
		s->tx_depth--;
		return rc;
	}
	return store_feedback_batch_commit(b, NULL);
}
