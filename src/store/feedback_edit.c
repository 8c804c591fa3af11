/* Triage: marking read, setting type, tags, sentiment, owner and status,
 * linking a task or a risk, and turning a message into a review problem.
 * Each call is one transaction with one audit row per changed message, on
 * one message or a marked selection. */
#include "feedback_internal.h"
#include "feedback_agg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/feedback.h"
#include "warroom/i18n.h"
#include "warroom/store_feedback.h"
#include "warroom/store_review.h"
#include "warroom/text.h"

static const char *const field_names[] = {"read", "type", "tags", "sentiment",
					  "owner", "status", "task", "risk"};

const char *feedback_field_name(enum feedback_field f)
{
	return (size_t)f < ARRAY_LEN(field_names) ? field_names[f] : "?";
}

int feedback_field_from(const char *s)
{
	for (size_t i = 0; i < ARRAY_LEN(field_names); i++)
		if (str_eq(s, field_names[i]))
			return (int)i;
	if (str_eq(s, "tag"))
		return FB_F_TAGS;
	return -1;
}

/* A field's value: an integer or text, and how the audit log shows it. */
struct value {
	bool null;
	int64_t i;
	char *text;
	char *shown;
};

static void value_free(struct value *v)
{
	free(v->text);
	free(v->shown);
	memset(v, 0, sizeof *v);
}

static bool value_eq(const struct value *a, const struct value *b, enum feedback_field f)
{
	if (a->null || b->null)
		return a->null == b->null;
	if (f == FB_F_TAGS || f == FB_F_OWNER)
		return str_eq(a->text, b->text);
	return a->i == b->i;
}

/* Tags typed as "a, b，c" or one per line: trimmed, without repeats. */
static char *normalise_tags(const char *s)
{
	strlist seen = {0};
	const char *p = s;
	while (*p) {
		size_t n = strcspn(p, ",;\n");
		size_t cut = n;
		const char *full = strstr(p, "，"); /* full-width comma */
		if (full && (size_t)(full - p) < cut)
			cut = (size_t)(full - p);
		const char *a = p, *e = p + cut;
		while (a < e && (*a == ' ' || *a == '\t' || *a == '\r'))
			a++;
		while (e > a && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (e > a) {
			char *t = xstrndup(a, (size_t)(e - a));
			if (!sl_contains(&seen, t))
				sl_push(&seen, t);
			free(t);
		}
		p += cut;
		if (str_starts(p, "，"))
			p += 3;
		else if (*p)
			p++;
	}
	char *r = seen.n ? sl_join(&seen, "\n") : NULL;
	sl_free(&seen);
	return r;
}

static char *tags_shown(const char *tags)
{
	if (!tags)
		return NULL;
	char *s = xstrdup(tags);
	strbuf sb = STRBUF_INIT;
	for (char *p = s; *p; p++) {
		if (*p == '\n')
			sb_adds(&sb, ", ");
		else
			sb_addc(&sb, *p);
	}
	free(s);
	return sb_detach(&sb);
}

static void shown_int(struct value *v, enum feedback_field f)
{
	if (v->null) {
		v->shown = NULL;
		return;
	}
	switch (f) {
	case FB_F_READ:
		v->shown = xstrdup(v->i ? "read" : "unread");
		break;
	case FB_F_TYPE:
		v->shown = xstrdup(v->i ? feedback_type_name((enum feedback_type)v->i) : "none");
		break;
	case FB_F_SENTIMENT:
		v->shown = xstrdup(feedback_sentiment_name((int)v->i));
		break;
	case FB_F_STATUS:
		v->shown = xstrdup(feedback_status_name((enum feedback_status)v->i));
		break;
	case FB_F_RISK:
		v->shown = xasprintf("#%lld", (long long)v->i);
		break;
	default:
		break;
	}
}

/* The current value of `field` of message `id`. */
static enum store_rc read_current(store *s, int64_t id, enum feedback_field field, int64_t *cid,
				  int64_t *version, struct value *v)
{
	sqlite3_stmt *st = st_prep(s,
		"SELECT f.campaign_id, f.version, f.is_read, f.type, f.tags, f.sentiment, f.owner,"
		" f.status, f.task_id, (SELECT key FROM task WHERE id = f.task_id), f.risk_id"
		" FROM feedback f WHERE f.id = ?1");
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE
			       ? st_failf(s, STORE_NOTFOUND, _("no feedback message %lld"), (long long)id)
			       : st_fail(s, "reading feedback");
	}
	*cid = sqlite3_column_int64(st, 0);
	*version = sqlite3_column_int64(st, 1);
	memset(v, 0, sizeof *v);
	static const int col[] = {2, 3, 4, 5, 6, 7, 8, 10};
	int c = col[field];
	v->null = sqlite3_column_type(st, c) == SQLITE_NULL;
	v->i = sqlite3_column_int64(st, c);
	if (field == FB_F_TAGS) {
		v->text = st_col_text(st, c);
		v->shown = tags_shown(v->text);
	} else if (field == FB_F_OWNER) {
		v->text = st_col_text(st, c);
		v->shown = v->text ? xstrdup(v->text) : NULL;
	} else if (field == FB_F_TASK) {
		v->shown = st_col_text(st, 9);
	} else {
		shown_int(v, field);
	}
	sqlite3_reset(st);
	return STORE_OK;
}

/* The new value typed for `field` in campaign `cid`. */
static enum store_rc parse_value(store *s, int64_t cid, enum feedback_field field,
				 const char *value, struct value *v)
{
	memset(v, 0, sizeof *v);
	const char *t = value ? value : "";
	if (!utf8_valid(t, strlen(t)))
		return st_failf(s, STORE_INVALID, _("the value is not valid UTF-8"));
	int k;
	switch (field) {
	case FB_F_READ:
		if (str_eq(t, "1") || str_eq(t, "read") || str_eq(t, "yes") || str_eq(t, "true"))
			v->i = 1;
		else if (str_eq(t, "0") || str_eq(t, "unread") || str_eq(t, "no") || str_eq(t, "false"))
			v->i = 0;
		else
			return st_failf(s, STORE_INVALID, _("read wants read or unread, not '%s'"), t);
		break;
	case FB_F_TYPE:
		if ((k = feedback_type_parse(t)) < 0)
			return st_failf(s, STORE_INVALID,
					_("unknown type '%s': expected product, service, rules, brand or none"), t);
		v->i = k;
		break;
	case FB_F_SENTIMENT:
		if ((k = feedback_sentiment_parse(t)) == FB_SENTIMENT_BAD)
			return st_failf(s, STORE_INVALID,
					_("unknown sentiment '%s': expected positive, neutral or negative"), t);
		v->i = k;
		break;
	case FB_F_STATUS:
		if ((k = feedback_status_parse(t)) < 0)
			return st_failf(s, STORE_INVALID,
					_("unknown status '%s': expected new, triaged, actioned or closed"), t);
		v->i = k;
		break;
	case FB_F_TAGS:
		v->text = normalise_tags(t);
		v->null = v->text == NULL;
		v->shown = tags_shown(v->text);
		return STORE_OK;
	case FB_F_OWNER: {
		const char *a = t, *e = t + strlen(t);
		while (a < e && *a == ' ')
			a++;
		while (e > a && e[-1] == ' ')
			e--;
		v->null = e == a;
		v->text = v->null ? NULL : xstrndup(a, (size_t)(e - a));
		v->shown = v->text ? xstrdup(v->text) : NULL;
		return STORE_OK;
	}
	case FB_F_TASK: {
		if (!*t) {
			v->null = true;
			return STORE_OK;
		}
		sqlite3_stmt *st = st_prep(s, "SELECT id FROM task WHERE campaign_id = ?1 AND key = ?2");
		if (!st)
			return STORE_ERROR;
		sqlite3_bind_int64(st, 1, cid);
		st_bind_text(st, 2, t);
		int rc = sqlite3_step(st);
		v->i = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return rc == SQLITE_DONE
				       ? st_failf(s, STORE_INVALID, _("no task '%s' in this campaign"), t)
				       : st_fail(s, "reading tasks");
		v->shown = xstrdup(t);
		return STORE_OK;
	}
	case FB_F_RISK: {
		if (!*t) {
			v->null = true;
			return STORE_OK;
		}
		const char *d = t[0] == '#' ? t + 1 : t;
		char *end;
		long long rid = strtoll(d, &end, 10);
		if (!*d || *end || rid <= 0)
			return st_failf(s, STORE_INVALID, _("a risk is named by its number, not '%s'"), t);
		sqlite3_stmt *st = st_prep(s, "SELECT 1 FROM risk WHERE id = ?1 AND campaign_id = ?2");
		if (!st)
			return STORE_ERROR;
		sqlite3_bind_int64(st, 1, rid);
		sqlite3_bind_int64(st, 2, cid);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return rc == SQLITE_DONE
				       ? st_failf(s, STORE_INVALID, _("no risk #%lld in this campaign"), rid)
				       : st_fail(s, "reading risks");
		v->i = rid;
		break;
	}
	}
	shown_int(v, field);
	return STORE_OK;
}

static enum store_rc write_value(store *s, int64_t id, enum feedback_field field,
				 const struct value *v)
{
	static const char *const sql[] = {
		[FB_F_READ] = "UPDATE feedback SET is_read = ?2, version = version + 1 WHERE id = ?1",
		[FB_F_TYPE] = "UPDATE feedback SET type = ?2, version = version + 1 WHERE id = ?1",
		[FB_F_TAGS] = "UPDATE feedback SET tags = ?2, version = version + 1 WHERE id = ?1",
		[FB_F_SENTIMENT] = "UPDATE feedback SET sentiment = ?2, version = version + 1 WHERE id = ?1",
		[FB_F_OWNER] = "UPDATE feedback SET owner = ?2, version = version + 1 WHERE id = ?1",
		[FB_F_STATUS] = "UPDATE feedback SET status = ?2, version = version + 1 WHERE id = ?1",
		[FB_F_TASK] = "UPDATE feedback SET task_id = ?2, version = version + 1 WHERE id = ?1",
		[FB_F_RISK] = "UPDATE feedback SET risk_id = ?2, version = version + 1 WHERE id = ?1",
	};
	sqlite3_stmt *st = st_prep(s, sql[field]);
	if (!st)
		return STORE_ERROR;
	sqlite3_bind_int64(st, 1, id);
	if (v->null)
		sqlite3_bind_null(st, 2);
	else if (field == FB_F_TAGS || field == FB_F_OWNER)
		st_bind_text(st, 2, v->text);
	else
		sqlite3_bind_int64(st, 2, v->i);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? STORE_OK : st_fail(s, "saving feedback");
}

/* Who changed a message last, for a conflict message. */
static void last_change(store *s, int64_t id, char *buf, size_t size)
{
	snprintf(buf, size, "%s", _("someone else"));
	sqlite3_stmt *st = st_prep(s,
		"SELECT user, at FROM audit WHERE entity = 'feedback' AND entity_id = ?1"
		" ORDER BY id DESC LIMIT 1");
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		/* TRANSLATORS: who changed a message, and when: "wang at 2024-06-04 10:20". */
		snprintf(buf, size, _("%s at %s"), sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
	sqlite3_reset(st);
}

enum store_rc store_feedback_set(store *s, const int64_t *ids, size_t n, int64_t expected_version,
				 enum feedback_field field, const char *value)
{
	if ((size_t)field >= ARRAY_LEN(field_names))
		return st_failf(s, STORE_INVALID, _("unknown feedback field"));
	if (n == 0)
		return STORE_OK;
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	int64_t parsed_cid = -1;
	struct value nv = {0};
	for (size_t i = 0; i < n && rc == STORE_OK; i++) {
		int64_t cid = 0, version = 0;
		struct value old = {0};
		rc = read_current(s, ids[i], field, &cid, &version, &old);
		if (rc != STORE_OK)
			break;
		if (n == 1 && expected_version >= 0 && version != expected_version) {
			char who[160];
			last_change(s, ids[i], who, sizeof who);
			rc = st_failf(s, STORE_CONFLICT,
				      _("the message was changed by %s since you read it; reload and try again"),
				      who);
			value_free(&old);
			break;
		}
		if (cid != parsed_cid) { /* tasks and risks belong to a campaign */
			value_free(&nv);
			rc = parse_value(s, cid, field, value, &nv);
			parsed_cid = cid;
		}
		if (rc == STORE_OK && !value_eq(&old, &nv, field)) {
			rc = write_value(s, ids[i], field, &nv);
			if (rc == STORE_OK && field == FB_F_TAGS) {
				/* the campaign's tag figures (feedback_agg.h); the
				 * other counted fields have triggers */
				fb_agg g = {0};
				st_fbagg_tag_list(&g, old.text, -1);
				st_fbagg_tag_list(&g, nv.text, 1);
				rc = st_fbagg_flush(s, cid, &g);
			}
			if (rc == STORE_OK) {
				char key[24];
				snprintf(key, sizeof key, "#%lld", (long long)ids[i]);
				rc = st_audit(s, cid, "feedback", ids[i], key, field_names[field],
					      old.shown, nv.shown);
			}

		}
		value_free(&old);
	}
	value_free(&nv);
	if (rc != STORE_OK) {
		st_rollback(s);
		return rc;
	}
	return st_commit(s);
}

enum store_rc store_feedback_to_problem(store *s, int64_t id, int64_t *problem_id)
{
	/* The review owns problems (store_problem_from_feedback, which finds
	 * the one already made from this message); here the message is also
	 * marked actioned, in the same transaction. */
	*problem_id = 0;
	enum store_rc rc = st_begin(s);
	if (rc != STORE_OK)
		return rc;
	sqlite3_stmt *st = st_prep(s, "SELECT campaign_id, status FROM feedback WHERE id = ?1");
	if (!st) {
		st_rollback(s);
		return STORE_ERROR;
	}
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	int64_t cid = sqlite3_column_int64(st, 0);
	int status = sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	if (step != SQLITE_ROW) {
		rc = step == SQLITE_DONE
			     ? st_failf(s, STORE_NOTFOUND, _("no feedback message %lld"), (long long)id)
			     : st_fail(s, "reading feedback");
		st_rollback(s);
		return rc;
	}
	rc = store_problem_from_feedback(s, id, problem_id);
	if (rc == STORE_OK && status < FB_ACTIONED) {
		struct value v = {.i = FB_ACTIONED};
		rc = write_value(s, id, FB_F_STATUS, &v);
		if (rc == STORE_OK) {
			char key[24];
			snprintf(key, sizeof key, "#%lld", (long long)id);
			rc = st_audit(s, cid, "feedback", id, key, "status",
				      feedback_status_name((enum feedback_status)status),
				      feedback_status_name(FB_ACTIONED));
		}
	}
	if (rc != STORE_OK) {
		st_rollback(s);
		*problem_id = 0;
		return rc;
	}
	return st_commit(s);
}
