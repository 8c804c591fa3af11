/* Each campaign's count of messages per one-token search term (see
 * feedback_terms.h). A batch counts in an open-addressing table keyed by
 * the term's bytes (at most two four-byte characters, so one integer) and
 * writes one row per distinct term when it commits. */
#include "feedback_terms.h"

#include "warroom/feedback.h"
#include "warroom/text.h"

struct fb_term_slot {
	uint64_t key;       /* the term's UTF-8 bytes, zero-padded; 0 = empty */
	uint64_t last;      /* the message that counted it last */
	int64_t n;
};

static uint64_t term_key(const char *tok, size_t n)
{
	uint64_t k = 0;
	memcpy(&k, tok, n);
	return k;
}

static void count_term(fb_terms *t, const char *term, size_t n)
{
	uint64_t key = term_key(term, n);
	t->slots = st_slots_reserve(t->slots, &t->cap, t->used, sizeof *t->slots);
	struct fb_term_slot *e = st_slot_find(t->slots, t->cap, sizeof *t->slots, key);
	if (!e->key) {
		e->key = key;
		t->used++;
	}
	if (e->last != t->messages) { /* once per message */
		e->last = t->messages;
		e->n++;
	}
}

void st_fbterms_add_text(fb_terms *t, const char *text)
{
	/* The CJK tokens wr_cjk indexes in a document (fts_cjk.c): every CJK
	 * character, and every two adjacent ones. Words and their prefixes
	 * are left to the index. */
	t->messages++;
	size_t len = strlen(text), prev_at = 0;
	bool prev_cjk = false;
	for (size_t i = 0; i < len;) {
		if ((unsigned char)text[i] < 0x80) {
			prev_cjk = false;
			i++;
			continue;
		}
		int32_t cp;
		int n = utf8_decode(text + i, len - i, &cp);
		if (n < 1)
			n = 1;
		bool cjk = cp >= 0 && fb_is_cjk(cp);
		if (cjk) {
			count_term(t, text + i, (size_t)n);
			if (prev_cjk && i + (size_t)n - prev_at <= sizeof(uint64_t))
				count_term(t, text + prev_at, i + (size_t)n - prev_at);
			prev_at = i;
		}
		prev_cjk = cjk;
		i += (size_t)n;
	}
}

enum store_rc st_fbterms_flush(store *s, int64_t cid, fb_terms *t)
{
	enum store_rc rc = STORE_OK;
	if (!t->messages) {
		st_fbterms_free(t);
		return rc;
	}
	sqlite3_stmt *st = st_prep(s,
		"INSERT INTO feedback_term(campaign_id, term, n) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(campaign_id, term) DO UPDATE SET n = n + excluded.n");
	if (!st) {
		st_fbterms_free(t);
		return STORE_ERROR;
	}
	sqlite3_bind_int64(st, 1, cid);
	/* the empty term: how many messages the counts cover */
	sqlite3_bind_text(st, 2, "", 0, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (int64_t)t->messages);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	for (size_t i = 0; i < t->cap && step == SQLITE_DONE; i++) {
		const struct fb_term_slot *e = &t->slots[i];
		if (!e->key)
			continue;
		char term[9] = {0};
		memcpy(term, &e->key, sizeof e->key);
		sqlite3_bind_text(st, 2, term, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, e->n);
		step = sqlite3_step(st);
		sqlite3_reset(st);
	}
	if (step != SQLITE_DONE)
		rc = st_fail(s, "counting feedback");
	st_fbterms_free(t);
	return rc;
}

void st_fbterms_free(fb_terms *t)
{
	free(t->slots);
	memset(t, 0, sizeof *t);
}

enum store_rc st_fbterms_count(store *s, int64_t cid, const char *term, bool *kept, size_t *n)
{
	*kept = false;
	*n = 0;
	sqlite3_stmt *st = st_prep(s,
		"SELECT ifnull((SELECT n FROM feedback_term WHERE campaign_id = ?1 AND term = ''), 0),"
		" ifnull((SELECT n FROM feedback_count WHERE campaign_id = ?1), 0),"
		" ifnull((SELECT n FROM feedback_term WHERE campaign_id = ?1 AND term = ?2), 0)");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_text(st, 2, term, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*kept = sqlite3_column_int64(st, 0) == sqlite3_column_int64(st, 1);
		int64_t v = sqlite3_column_int64(st, 2);
		*n = *kept && v > 0 ? (size_t)v : 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? STORE_OK : st_fail(s, "counting feedback");
}

enum store_rc st_fbterms_rebuild(store *s)
{
	enum store_rc rc = st_exec(s, "DELETE FROM feedback_term");
	if (rc != STORE_OK)
		return rc;
	/* in id order a campaign's messages come together */
	sqlite3_stmt *st = st_prep(s, "SELECT campaign_id, text FROM feedback ORDER BY id");
	if (!st)
		return STORE_ERROR;
	fb_terms t = {0};
	int64_t cid = 0;
	int step = SQLITE_DONE;
	while (rc == STORE_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t c = sqlite3_column_int64(st, 0);
		if (c != cid && t.messages)
			rc = st_fbterms_flush(s, cid, &t);
		cid = c;
		const char *text = (const char *)sqlite3_column_text(st, 1);
		st_fbterms_add_text(&t, text ? text : "");
	}
	if (rc == STORE_OK && step != SQLITE_DONE)
		rc = st_fail(s, "reading feedback");
	sqlite3_reset(st);
	if (rc == STORE_OK)
		rc = st_fbterms_flush(s, cid, &t);
	st_fbterms_free(&t);
	return rc;
}
