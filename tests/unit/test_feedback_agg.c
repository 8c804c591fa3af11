/* The figures kept for the whole inbox (feedback_agg.h) equal the ones a
 * walk of every message finds: after a definition with feedback is
 * imported, after batches of messages with ratings of both scales and
 * tags, after re-importing (skipped messages count nothing) and after
 * triage edits of every counted field. The walk is forced with a filter
 * that matches every message (since a day before the first). */
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include "warroom/store.h"
#include "warroom/store_feedback.h"
#include "warroom/util.h"
#include "warroom/yaml_campaign.h"

static const char *source_root(void)
{
	const char *r = getenv("SOURCE_ROOT");
	return r && *r ? r : ".";
}

static size_t tag_count(const feedback_stats *st, const char *tag)
{
	for (size_t i = 0; i < st->n_tags; i++)
		if (strcmp(st->tags[i].tag, tag) == 0)
			return st->tags[i].count;
	return (size_t)-1;
}

/* Compares the kept figures with a walk; `what` names the moment. */
static void same_figures(store *s, const campaign_row *c, const char *what)
{
	feedback_filter all, walk;
	feedback_filter_init(&all);
	feedback_filter_init(&walk);
	walk.since = c->start - 400;
	feedback_stats kept, seen;
	ok(store_feedback_stats(s, c->id, &all, &kept) == STORE_OK &&
	       store_feedback_stats(s, c->id, &walk, &seen) == STORE_OK,
	   "%s: both figures are read", what);
	is_int(kept.total, seen.total, "%s: total", what);
	is_int(kept.unread, seen.unread, "%s: unread", what);
	bool same = true;
	for (int i = 0; i < 5; i++)
		same = same && kept.by_type[i] == seen.by_type[i];
	for (int i = 0; i < 3; i++)
		same = same && kept.by_sentiment[i] == seen.by_sentiment[i];
	for (int i = 0; i < 4; i++)
		same = same && kept.by_status[i] == seen.by_status[i];
	for (int i = 0; i < 2; i++)
		same = same && kept.by_mode[i] == seen.by_mode[i];
	ok(same, "%s: by type, sentiment, status and mode", what);
	ok(kept.nps_answers == seen.nps_answers && kept.promoters == seen.promoters &&
		   kept.passives == seen.passives && kept.detractors == seen.detractors &&
		   kept.has_nps == seen.has_nps,
	   "%s: NPS answers by band", what);
	ok(kept.rated_5 == seen.rated_5 && kept.satisfied == seen.satisfied &&
		   kept.has_satisfaction == seen.has_satisfaction,
	   "%s: 1-5 ratings and satisfaction", what);
	bool tags = kept.n_tags == seen.n_tags;
	for (size_t i = 0; tags && i < seen.n_tags; i++)
		tags = tag_count(&kept, seen.tags[i].tag) == seen.tags[i].count;
	ok(tags, "%s: every tag's mentions (%zu tags)", what, seen.n_tags);
	if (!tags)
		for (size_t i = 0; i < seen.n_tags; i++)
			printf("#   %s: walked %zu, kept %zu\n", seen.tags[i].tag, seen.tags[i].count,
			       tag_count(&kept, seen.tags[i].tag));
	feedback_stats_free(&kept);
	feedback_stats_free(&seen);
}

static void add_messages(store *s, const campaign_row *c, int n, int salt)
{
	static const char *const texts[] = {
		"快递太慢了，客服态度还行", "包装破损，要求退款", "性价比很高，会回购",
		"The parcel was late, refund please", "优惠券规则看不懂", "品牌口碑不错，推荐",
		"质地很好，保湿", "物流延迟两天",
	};
	feedback_batch *b;
	if (store_feedback_batch_begin(s, c->id, "cli", &b) != STORE_OK)
		return;
	for (int i = 0; i < n; i++) {
		feedback_new m;
		memset(&m, 0, sizeof m);
		m.at = c->start + i % 7;
		m.at_secs = 60 * (i + salt);
		char text[128];
		snprintf(text, sizeof text, "%s %d", texts[(i + salt) % 8], i + salt);
		m.text = text;
		m.channel = i % 3 ? "电商评价" : "NPS问卷";
		m.type = m.sentiment = m.mode = FB_ANY;
		if (i % 4) {
			m.has_rating = true;
			m.rating = i % 3 ? (double)(i % 5 + 1) : (double)(i % 11);
			m.rating_scale = i % 3 ? 5 : 10;
		}
		if (i % 9 == 0)
			m.tags = "手工标签\n包装";
		bool added;
		int64_t id;
		store_feedback_batch_add(b, &m, &added, &id);
	}
	ok(store_feedback_batch_commit(b, "test") == STORE_OK, "a batch of %d messages commits", n);
}

int main(void)
{
	char tmpdir[] = "/tmp/wr-test-agg-XXXXXX";
	if (!mkdtemp(tmpdir))
		return 1;
	char *db = xasprintf("%s/agg.db", tmpdir);
	enum store_rc rc;
	char err[512];
	store *s = store_open(db, 0, &rc, err, sizeof err);
	ok(s != NULL, "a fresh database");
	campaign_def d = {0};
	diag_list dl = {0};
	char *fixture = xasprintf("%s/tests/fixtures/feedback-launch.yaml", source_root());
	bool good = yaml_campaign_read(fixture, &d, &dl);
	free(fixture);
	if (!good)
		diag_print(&dl);
	ok(good && store_import_campaign(s, &d, NULL) == STORE_OK, "a campaign with feedback imports");
	campaign_row c;
	ok(store_campaign_get(s, d.key, &c) == STORE_OK, "and is there");
	campaign_def_free(&d);
	diag_free(&dl);
	same_figures(s, &c, "after the definition");

	add_messages(s, &c, 200, 0);
	same_figures(s, &c, "after a batch");
	add_messages(s, &c, 200, 0);
	same_figures(s, &c, "after importing the same messages again");
	add_messages(s, &c, 50, 1000);
	same_figures(s, &c, "after a second batch");

	/* triage edits of every counted field, on several messages at once */
	feedback_filter all;
	feedback_filter_init(&all);
	feedback_row page[40];
	size_t n = 0;
	ok(store_feedback_page(s, c.id, &all, 0, 40, page, &n) == STORE_OK && n == 40,
	   "a page of messages to change");
	int64_t ids[40];
	for (size_t i = 0; i < n; i++)
		ids[i] = page[i].id;
	feedback_rows_free(page, n);
	ok(store_feedback_set(s, ids, 10, -1, FB_F_TYPE, "service") == STORE_OK, "set the type");
	ok(store_feedback_set(s, ids + 5, 10, -1, FB_F_SENTIMENT, "negative") == STORE_OK,
	   "set the sentiment");
	ok(store_feedback_set(s, ids + 10, 10, -1, FB_F_STATUS, "triaged") == STORE_OK, "set the status");
	ok(store_feedback_set(s, ids, 30, -1, FB_F_READ, "1") == STORE_OK, "mark read");
	ok(store_feedback_set(s, ids + 20, 5, -1, FB_F_READ, "0") == STORE_OK, "and some unread again");
	ok(store_feedback_set(s, ids + 15, 10, -1, FB_F_TAGS, "物流,新标签") == STORE_OK, "set tags");
	ok(store_feedback_set(s, ids + 18, 4, -1, FB_F_TAGS, "") == STORE_OK, "clear tags");
	same_figures(s, &c, "after triage");

	campaign_row_free(&c);
	store_close(s);
	free(db);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return tap_done();
}
