/* Reading and writing the feedback filter line (feedback_filter.h). */
#include "warroom/feedback_filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/date.h"
#include "warroom/feedback.h"
#include "warroom/i18n.h"
#include "warroom/util.h"

static void set_text(char **slot, const char *v, size_t n)
{
	free(*slot);
	*slot = xstrndup(v, n);
}

/* One token: key (may be empty) and value, quotes removed. Returns the
 * position after it. */
static const char *next_token(const char *p, strbuf *key, strbuf *val)
{
	sb_reset(key);
	sb_reset(val);
	const char *start = p;
	/* a key is ASCII letters followed by ':' */
	const char *k = p;
	while ((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z'))
		k++;
	if (k > p && *k == ':') {
		for (const char *c = p; c < k; c++)
			sb_addc(key, (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c));
		p = k + 1;
	}
	if (*p == '"') {
		p++;
		while (*p && *p != '"')
			sb_addc(val, *p++);
		if (*p == '"')
			p++;
	} else {
		while (*p && *p != ' ' && *p != '\t' && !str_starts(p, "\xE3\x80\x80"))
			sb_addc(val, *p++);
	}
	if (p == start) /* never stall */
		p++;
	return p;
}

static bool fail(char *err, size_t errlen, const char *fmt, const char *a)
{
	snprintf(err, errlen, fmt, a);
	return false;
}

bool feedback_filter_parse(const char *line, feedback_filter_text *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	feedback_filter_init(&out->f);
	strbuf key = STRBUF_INIT, val = STRBUF_INIT, search = STRBUF_INIT;
	bool ok = true;
	const char *p = line ? line : "";
	while (ok && *p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (str_starts(p, "\xE3\x80\x80")) {
			p += 3;
			continue;
		}
		if (!*p)
			break;
		const char *tok = p;
		p = next_token(p, &key, &val);
		const char *k = sb_str(&key), *v = sb_str(&val);
		int n;
		wr_date d;
		if (!key.len) {
			if (val.len) {
				if (search.len)
					sb_addc(&search, ' ');
				sb_add(&search, v, val.len);
			}
		} else if (strcmp(k, "type") == 0) {
			if ((n = feedback_type_parse(v)) < 0)
				ok = fail(err, errlen, _("type:%s? expected product, service, rules, brand or none"), v);
			out->f.type = n;
		} else if (strcmp(k, "tag") == 0) {
			set_text(&out->tag, v, val.len);
		} else if (strcmp(k, "channel") == 0) {
			set_text(&out->channel, v, val.len);
		} else if (strcmp(k, "owner") == 0) {
			set_text(&out->owner, v, val.len);
		} else if (strcmp(k, "sentiment") == 0 || strcmp(k, "sent") == 0) {
			if ((n = feedback_sentiment_parse(v)) == FB_SENTIMENT_BAD)
				ok = fail(err, errlen, _("sentiment:%s? expected neg, neu or pos"), v);
			out->f.sentiment = n;
		} else if (strcmp(k, "status") == 0) {
			if ((n = feedback_status_parse(v)) < 0)
				ok = fail(err, errlen, _("status:%s? expected new, triaged, actioned or closed"), v);
			out->f.status = n;
		} else if (strcmp(k, "since") == 0 || strcmp(k, "until") == 0) {
			if (!date_parse(v, &d))
				ok = fail(err, errlen, _("%s wants a date as YYYY-MM-DD"), tok);
			else if (k[0] == 's')
				out->f.since = d;
			else
				out->f.until = d;
		} else if (strcmp(k, "is") == 0) {
			if (strcmp(v, "unread") == 0 || strcmp(v, "new") == 0)
				out->f.is_read = 0;
			else if (strcmp(v, "read") == 0)
				out->f.is_read = 1;
			else
				ok = fail(err, errlen, _("is:%s? expected is:read or is:unread"), v);
		} else {
			/* not a key we know ("3:00", "http:..."): plain text */
			if (search.len)
				sb_addc(&search, ' ');
			sb_add(&search, tok, (size_t)(p - tok));
		}
	}
	if (ok && search.len)
		out->search = sb_detach(&search);
	sb_free(&search);
	sb_free(&key);
	sb_free(&val);
	if (!ok) {
		feedback_filter_text_free(out);
		return false;
	}
	out->f.search = out->search;
	out->f.tag = out->tag;
	out->f.channel = out->channel;
	out->f.owner = out->owner;
	return true;
}

void feedback_filter_text_free(feedback_filter_text *t)
{
	free(t->search);
	free(t->tag);
	free(t->channel);
	free(t->owner);
	memset(t, 0, sizeof *t);
	feedback_filter_init(&t->f);
}

static void add_kv(strbuf *sb, const char *k, const char *v)
{
	if (sb->len)
		sb_addc(sb, ' ');
	sb_adds(sb, k);
	sb_addc(sb, ':');
	bool quote = strchr(v, ' ') != NULL || !*v;
	if (quote)
		sb_addc(sb, '"');
	sb_adds(sb, v);
	if (quote)
		sb_addc(sb, '"');
}

char *feedback_filter_describe(const feedback_filter *f)
{
	strbuf sb = STRBUF_INIT;
	char d[16];
	if (f->type != FB_ANY)
		add_kv(&sb, "type", f->type ? feedback_type_name((enum feedback_type)f->type) : "none");
	if (f->tag)
		add_kv(&sb, "tag", f->tag);
	if (f->channel)
		add_kv(&sb, "channel", f->channel);
	if (f->sentiment != FB_ANY)
		add_kv(&sb, "sentiment",
		       f->sentiment < 0 ? "neg" : f->sentiment > 0 ? "pos" : "neu");
	if (f->status != FB_ANY)
		add_kv(&sb, "status", feedback_status_name((enum feedback_status)f->status));
	if (f->is_read != FB_ANY)
		add_kv(&sb, "is", f->is_read ? "read" : "unread");
	if (f->owner)
		add_kv(&sb, "owner", f->owner);
	if (f->since != WR_DATE_NONE)
		add_kv(&sb, "since", date_format(f->since, d));
	if (f->until != WR_DATE_NONE)
		add_kv(&sb, "until", date_format(f->until, d));
	if (f->search && *f->search) {
		if (sb.len)
			sb_addc(&sb, ' ');
		sb_adds(&sb, f->search);
	}
	return sb_detach(&sb);
}
