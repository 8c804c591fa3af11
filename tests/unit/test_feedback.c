/* Feedback classification and triage: channels and modes, ratings and their
 * scales, keyword tags and suggested types, polarity words with negation,
 * NPS and mention-rate maths, the filter line, and triage edits that are
 * persisted with their audit rows. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "warroom/feedback.h"
#include "warroom/feedback_filter.h"
#include "warroom/store.h"
#include "warroom/store_feedback.h"
#include "warroom/util.h"

static char tmpdir[] = "/tmp/wr-test-feedback-XXXXXX";

static void test_channels(void)
{
	is_int(feedback_channel_mode("问卷"), FB_MODE_ACTIVE, "a survey is active");
	is_int(feedback_channel_mode("电话回访"), FB_MODE_ACTIVE, "a phone callback is active");
	is_int(feedback_channel_mode("Phone Callback"), FB_MODE_ACTIVE, "in English, any case");
	is_int(feedback_channel_mode("访谈"), FB_MODE_ACTIVE, "an interview is active");
	is_int(feedback_channel_mode("电商评价"), FB_MODE_PASSIVE, "an e-commerce review is passive");
	is_int(feedback_channel_mode("社交媒体"), FB_MODE_PASSIVE, "social media is passive");
	is_int(feedback_channel_mode("客服工单"), FB_MODE_PASSIVE, "a service ticket is passive");
	is_int(feedback_channel_mode("售后问卷"), FB_MODE_PASSIVE, "an after-sales survey is passive");
	is_int(feedback_channel_mode("门店"), FB_MODE_PASSIVE, "a team's own channel is passive");
	is_str(feedback_channel_canonical("E-Commerce_Review"), "e-commerce review", "canonical names");
	is_str(feedback_channel_canonical("小红书"), "social media", "小红书 is social media");
	ok(feedback_channel_canonical("门店") == NULL, "unknown channels have no canonical name");
}

static void test_ratings(void)
{
	double r;
	int sc;
	ok(feedback_rating_parse("4", &r, &sc) && r == 4 && sc == 0, "4");
	ok(feedback_rating_parse("4.5", &r, &sc) && r == 4.5, "4.5");
	ok(feedback_rating_parse("4/5", &r, &sc) && r == 4 && sc == 5, "4/5");
	ok(feedback_rating_parse("9 / 10", &r, &sc) && r == 9 && sc == 10, "9 / 10");
	ok(feedback_rating_parse("5星", &r, &sc) && r == 5 && sc == 5, "5星");
	ok(feedback_rating_parse("★★★☆☆", &r, &sc) && r == 3 && sc == 5, "three stars of five");
	ok(!feedback_rating_parse("6/5", &r, &sc), "6/5 is refused");
	ok(!feedback_rating_parse("0/5", &r, &sc), "0/5 is refused");
	ok(!feedback_rating_parse("11", &r, &sc), "11 is refused");
	ok(!feedback_rating_parse("-1", &r, &sc), "negative is refused");
	ok(!feedback_rating_parse("good", &r, &sc), "words are refused");
	ok(!feedback_rating_parse("4,5", &r, &sc), "a decimal comma is refused, not misread");
	is_int(feedback_rating_scale(0, 0), 10, "0 is on the 0-10 scale");
	is_int(feedback_rating_scale(7, 0), 10, "7 is on the 0-10 scale");
	is_int(feedback_rating_scale(4, 0), 5, "4 alone reads as stars");
	is_int(feedback_rating_scale(4, 10), 10, "unless the scale says");
	is_int(feedback_rating_sentiment(5, 5), 1, "5 stars positive");
	is_int(feedback_rating_sentiment(3, 5), 0, "3 stars neutral");
	is_int(feedback_rating_sentiment(2, 5), -1, "2 stars negative");
	is_int(feedback_rating_sentiment(9, 10), 1, "9/10 a promoter, positive");
	is_int(feedback_rating_sentiment(7, 10), 0, "7/10 passive, neutral");
	is_int(feedback_rating_sentiment(6, 10), -1, "6/10 a detractor, negative");
	is_int(feedback_rating_sentiment(4, 10), -1, "4/10 negative though 4 stars would be positive");
}

static void test_classify(void)
{
	tag_group g[4];
	memset(g, 0, sizeof g);
	g[0].name = "产品体验";
	sl_push(&g[0].words, "成分");
	sl_push(&g[0].words, "包装");
	sl_push(&g[0].words, "性价比");
	g[1].name = "service";
	sl_push(&g[1].words, "物流");
	sl_push(&g[1].words, "快递");
	sl_push(&g[1].words, "客服");
	sl_push(&g[1].words, "refund");
	g[2].name = "活动规则";
	sl_push(&g[2].words, "满减");
	sl_push(&g[2].words, "规则");
	g[3].name = "brand";
	sl_push(&g[3].words, "品牌");
	strlist none = {0};
	feedback_dict d = {g, 4, &none, &none};
	feedback_classified c;
	feedback_classify(&d, "电商评价", "快递延迟2天，客服处理不及时", false, 0, 0, &c);
	is_str(c.tags, "快递\n客服", "keywords become tags, in dictionary order");
	is_int(c.type, FB_SERVICE, "the group with most hits suggests the type");
	is_int(c.sentiment, -1, "延迟 and 不及时 are negative");
	is_int(c.mode, FB_MODE_PASSIVE, "mode from the channel");
	free(c.tags);
	feedback_classify(&d, "问卷", "满减规则算不清，包装还行", true, 4, 5, &c);
	is_str(c.tags, "包装\n满减\n规则", "three tags");
	is_int(c.type, FB_RULES, "a Chinese group name maps to its type (活动规则 = rules)");
	is_int(c.sentiment, 1, "a rating decides the sentiment when there is one");
	is_int(c.mode, FB_MODE_ACTIVE, "a survey is active");
	free(c.tags);
	feedback_classify(&d, NULL, "REFUNDS are slow", false, 0, 0, &c);
	is_str(c.tags, "refund", "an English keyword matches a longer word, any case");
	free(c.tags);
	feedback_classify(&d, NULL, "nonrefundable", false, 0, 0, &c);
	ok(c.tags == NULL, "but not in the middle of a word");
	free(c.tags);
	feedback_classify(&d, NULL, "ＲＥＦＵＮＤ please", false, 0, 0, &c);
	is_str(c.tags, "refund", "full-width letters count as ASCII");
	free(c.tags);
	feedback_classify(&d, NULL, "nothing to see", false, 0, 0, &c);
	ok(c.tags == NULL && c.type == FB_TYPE_NONE && c.sentiment == 0, "no keywords, no type");
	free(c.tags);
	for (int i = 0; i < 4; i++)
		sl_free(&g[i].words);

	is_int(feedback_text_sentiment(NULL, "非常满意"), 1, "满意 is positive");
	is_int(feedback_text_sentiment(NULL, "不满意"), -1, "不满意 is negative");
	is_int(feedback_text_sentiment(NULL, "价格不贵"), 1, "不贵 is not negative");
	is_int(feedback_text_sentiment(NULL, "物流不太及时"), -1, "不太及时 is negative");
	is_int(feedback_text_sentiment(NULL, "not good at all"), -1, "not good is negative");
	is_int(feedback_text_sentiment(NULL, "it isn't great"), -1, "isn't great is negative");
	is_int(feedback_text_sentiment(NULL, "cannot recommend enough, great"), 1, "a word ending in not is no negation");
	strlist pos = {0}, neg = {0};
	sl_push(&pos, "绝绝子");
	sl_push(&neg, "踩雷");
	feedback_dict own = {NULL, 0, &pos, &neg};
	is_int(feedback_text_sentiment(&own, "这个面霜绝绝子"), 1, "the dictionary's own positive words");
	is_int(feedback_text_sentiment(&own, "踩雷了，很满意个鬼"), -1, "its own words replace the built-in ones");
	sl_free(&pos);
	sl_free(&neg);

	ok(feedback_fingerprint("2024-06-01", "a", "b", "c") !=
		   feedback_fingerprint("2024-06-01", "ab", NULL, "c"),
	   "fingerprints keep fields apart");
	ok(feedback_fingerprint("2024-06-01", NULL, NULL, "x") ==
		   feedback_fingerprint("2024-06-01", "", "", "x"),
	   "a missing field is an empty one");

	is_int(feedback_type_parse("产品"), FB_PRODUCT, "产品");
	is_int(feedback_type_parse("Service"), FB_SERVICE, "Service");
	is_int(feedback_type_parse("品牌感知"), FB_BRAND, "品牌感知");
	is_int(feedback_type_parse("gadget"), -1, "unknown type");
	is_int(feedback_sentiment_parse("neg"), -1, "neg");
	is_int(feedback_sentiment_parse("正面"), 1, "正面");
	is_int(feedback_sentiment_parse("meh"), FB_SENTIMENT_BAD, "unknown sentiment");
	is_int(feedback_status_parse("actioned"), FB_ACTIONED, "actioned");
	is_int(feedback_status_parse("已关闭"), FB_CLOSED, "已关闭");
}

static void test_filter_line(void)
{
	feedback_filter_text t;
	char err[200];
	ok(feedback_filter_parse("type:product tag:快递 channel:\"social media\" sentiment:neg "
				 "status:new since:2024-06-01 until:2024-06-05 is:unread 物流 慢",
				 &t, err, sizeof err),
	   "a full filter line parses");
	is_int(t.f.type, FB_PRODUCT, "type");
	is_str(t.f.tag, "快递", "tag");
	is_str(t.f.channel, "social media", "quoted channel");
	is_int(t.f.sentiment, -1, "sentiment");
	is_int(t.f.status, FB_NEW, "status");
	is_int(t.f.is_read, 0, "unread");
	is_str(t.f.search, "物流 慢", "the rest is free text");
	char *line = feedback_filter_describe(&t.f);
	is_str(line, "type:product tag:快递 channel:\"social media\" sentiment:neg status:new is:unread "
		     "since:2024-06-01 until:2024-06-05 物流 慢",
	       "written back for the pane title");
	free(line);
	feedback_filter_text_free(&t);
	ok(feedback_filter_parse("at 3:00 http://x.cn", &t, err, sizeof err), "unknown keys are text");
	is_str(t.f.search, "at 3:00 http://x.cn", "kept as typed");
	feedback_filter_text_free(&t);
	ok(!feedback_filter_parse("status:done", &t, err, sizeof err), "a bad value is refused");
	has_str(err, "status:done?", "and named");
	ok(!feedback_filter_parse("since:yesterday", &t, err, sizeof err), "a bad date is refused");
	ok(feedback_filter_parse("", &t, err, sizeof err) && !t.f.search && t.f.type == FB_ANY,
	   "an empty line is no filter");
	feedback_filter_text_free(&t);
}

/* ---- the store ----------------------------------------------------------- */

static store *s;
static int64_t cid;

static void setup(void)
{
	char *path = xasprintf("%s/fb.db", tmpdir);
	enum store_rc rc;
	char err[600];
	s = store_open(path, 0, &rc, err, sizeof err);
	free(path);
	if (!s) {
		printf("# %s\n", err);
		exit(1);
	}
	campaign_def d;
	memset(&d, 0, sizeof d);
	d.file = xstrdup("fb.yaml");
	d.key = xstrdup("fb");
	d.name = xstrdup("反馈");
	date_parse("2024-06-01", &d.start);
	date_parse("2024-06-15", &d.end);
	d.n_tags = 2;
	d.tags = xcalloc(2, sizeof *d.tags);
	d.tags[0].name = xstrdup("product");
	sl_push(&d.tags[0].words, "性价比");
	sl_push(&d.tags[0].words, "包装");
	d.tags[1].name = xstrdup("service");
	sl_push(&d.tags[1].words, "快递");
	d.n_tasks = 1;
	d.tasks = xcalloc(1, sizeof *d.tasks);
	d.tasks[0].key = xstrdup("ship");
	d.tasks[0].name = xstrdup("发货");
	d.tasks[0].start = d.start;
	d.tasks[0].due = d.end;
	is_int(store_import_campaign(s, &d, NULL), STORE_OK, "campaign imported");
	campaign_def_free(&d);
	campaign_row r;
	store_campaign_get(s, "fb", &r);
	cid = r.id;
	campaign_row_free(&r);
}

static int64_t add(const char *day, int secs, const char *text, double rating, int scale)
{
	feedback_batch *b;
	feedback_new m;
	memset(&m, 0, sizeof m);
	date_parse(day, &m.at);
	m.at_secs = secs;
	m.text = text;
	m.type = m.sentiment = m.mode = FB_ANY;
	m.has_rating = rating >= 0;
	m.rating = rating;
	m.rating_scale = scale;
	int64_t id = 0;
	store_feedback_batch_begin(s, cid, "cli", &b);
	store_feedback_batch_add(b, &m, NULL, &id);
	store_feedback_batch_commit(b, NULL);
	return id;
}

static void test_stats(void)
{
	/* NPS: 10 9 9 | 8 7 | 6 3 0 0 -> (3 - 4) / 9 = -11.1 */
	static const double nps[] = {10, 9, 9, 8, 7, 6, 3, 0, 0};
	for (size_t i = 0; i < ARRAY_LEN(nps); i++) {
		char t[32];
		snprintf(t, sizeof t, "推荐度 %zu", i);
		add("2024-06-02", (int)i, t, nps[i], 10);
	}
	/* satisfaction: 5 4 4 3 1 on 1-5 -> 3 of 5 */
	static const double stars[] = {5, 4, 4, 3, 1};
	static const char *const texts[] = {"性价比高", "包装精美，性价比不错", "快递很快", "一般",
					    "快递太慢"};
	for (size_t i = 0; i < ARRAY_LEN(stars); i++)
		add("2024-06-03", (int)i, texts[i], stars[i], 5);
	add("2024-06-04", 0, "没有评分的反馈，快递", -1, 0);
	feedback_stats st;
	feedback_filter f;
	feedback_filter_init(&f);
	is_int(store_feedback_stats(s, cid, &f, &st), STORE_OK, "stats");
	is_int(st.total, 15, "15 messages");
	ok(st.has_nps, "has NPS");
	is_int(st.nps_answers, 9, "9 answers on 0-10");
	is_int(st.promoters, 3, "3 promoters (9-10)");
	is_int(st.passives, 2, "2 passives (7-8)");
	is_int(st.detractors, 4, "4 detractors (0-6)");
	is_num(st.nps, -100.0 / 9, 1e-9, "NPS = 33.3 - 44.4 = -11.1 points");
	ok(st.has_satisfaction, "has satisfaction");
	is_int(st.rated_5, 5, "5 ratings on 1-5");
	is_int(st.satisfied, 3, "3 of them 4-5");
	is_num(st.satisfaction, 0.6, 1e-12, "satisfaction 60%%");
	is_str(st.n_tags ? st.tags[0].tag : NULL, "快递", "the most mentioned tag first");
	is_int(st.n_tags ? st.tags[0].count : 0, 3, "快递 in 3 messages");
	is_num(st.n_tags ? st.tags[0].rate : 0, 3.0 / 15, 1e-12, "mention rate 3/15");
	is_str(st.n_tags > 1 ? st.tags[1].tag : NULL, "性价比", "then 性价比 (2)");
	is_str(st.n_tags > 2 ? st.tags[2].tag : NULL, "包装", "then 包装 (1)");
	is_int(st.n_tags, 3, "every dictionary tag listed");
	is_int(st.by_sentiment[2], 3 + 3, "positive: 3 promoters, 3 satisfied");
	is_int(st.unread, 15, "all unread");
	feedback_stats_free(&st);

	/* filtered stats describe what a filtered list shows */
	f.search = "快递";
	store_feedback_stats(s, cid, &f, &st);
	is_int(st.total, 3, "stats of a search");
	is_num(st.tags[0].rate, 1.0, 1e-12, "快递 is named by every message of a search for it");
	ok(!st.has_nps, "no NPS without 0-10 ratings");
	feedback_stats_free(&st);

	bool has;
	double v;
	is_int(store_feedback_metric(s, cid, "feedback.nps", WR_DATE_NONE, &has, &v), STORE_OK, "feedback.nps");
	ok(has && v > -11.12 && v < -11.11, "feedback.nps is the NPS in points (%g)", v);
	store_feedback_metric(s, cid, "feedback.satisfaction", WR_DATE_NONE, &has, &v);
	ok(has && v == 0.6, "feedback.satisfaction is a fraction");
	store_feedback_metric(s, cid, "feedback.tag:性价比", WR_DATE_NONE, &has, &v);
	is_num(v, 2.0 / 15, 1e-12, "feedback.tag:性价比 is its mention rate");
	wr_date until;
	date_parse("2024-06-02", &until);
	store_feedback_metric(s, cid, "feedback.satisfaction", until, &has, &v);
	ok(!has, "no satisfaction yet on 2024-06-02");
	store_feedback_metric(s, cid, "feedback.count", until, &has, &v);
	is_num(v, 9, 0, "9 messages by 2024-06-02");
	is_int(store_feedback_metric(s, cid, "feedback.mood", WR_DATE_NONE, &has, &v), STORE_INVALID,
	       "an unknown source is refused");
	has_str(store_error(s), "feedback.tag:WORD", "naming the ones there are");
}

static void test_triage(void)
{
	int64_t id = add("2024-06-05", 3600, "包装破损，快递员态度差", -1, 0);
	int64_t id2 = add("2024-06-05", 3601, "包装破损了", -1, 0);
	ok(id > 0 && id2 > id, "ids in date order");
	feedback_row r;
	store_feedback_get(s, id, &r);
	is_int(r.status, FB_NEW, "new");
	ok(!r.is_read, "unread");
	int64_t v0 = r.version;
	feedback_row_free(&r);
	int64_t rev0, rev1, rev2;
	store_feedback_revision(s, cid, &rev0);
	store_feedback_revision(s, cid, &rev1);
	ok(rev0 == rev1, "the feedback revision holds while nothing changes");
	is_int(store_feedback_set(s, &id, 1, v0, FB_F_STATUS, "triaged"), STORE_OK, "triaged");
	store_feedback_revision(s, cid, &rev2);
	ok(rev2 != rev1, "and moves with a triage edit");
	is_int(store_feedback_set(s, &id, 1, v0, FB_F_OWNER, "王强"), STORE_CONFLICT,
	       "a stale version is refused");
	has_str(store_error(s), "changed by", "saying who changed it");
	is_int(store_feedback_set(s, &id, 1, -1, FB_F_TYPE, "service"), STORE_OK, "type");
	is_int(store_feedback_set(s, &id, 1, -1, FB_F_SENTIMENT, "positive"), STORE_OK, "sentiment");
	is_int(store_feedback_set(s, &id, 1, -1, FB_F_TAGS, " 包装 ，性价比, 包装 "), STORE_OK, "tags");
	is_int(store_feedback_set(s, &id, 1, -1, FB_F_TASK, "ship"), STORE_OK, "task");
	is_int(store_feedback_set(s, &id, 1, -1, FB_F_TASK, "nope"), STORE_INVALID, "unknown task");
	is_int(store_feedback_set(s, &id, 1, -1, FB_F_RISK, "#999"), STORE_INVALID, "unknown risk");
	is_int(store_feedback_set(s, &id, 1, -1, FB_F_STATUS, "done"), STORE_INVALID, "unknown status");
	int64_t both[] = {id, id2};
	is_int(store_feedback_set(s, both, 2, -1, FB_F_READ, "read"), STORE_OK, "bulk: mark read");
	store_feedback_get(s, id, &r);
	is_int(r.status, FB_TRIAGED, "status persisted");
	is_int(r.type, FB_SERVICE, "type persisted");
	is_int(r.sentiment, 1, "sentiment persisted (an operator overrides the words)");
	is_str(r.tags, "包装\n性价比", "tags trimmed, without repeats");
	is_str(r.task_key, "ship", "task linked");
	ok(r.is_read, "read");
	is_int(r.version, v0 + 6, "each change bumps the version");
	feedback_row_free(&r);
	store_feedback_get(s, id2, &r);
	ok(r.is_read, "the second of the bulk is read too");
	feedback_row_free(&r);

	audit_row *au;
	size_t na;
	audit_filter af = {.entity = "feedback", .entity_id = id};
	store_audit_list(s, &af, &au, &na);
	is_int(na, 6, "one audit row per change (status, type, sentiment, tags, task, read)");
	bool tags_row = false;
	for (size_t i = 0; i < na; i++)
		tags_row |= str_eq(au[i].field, "tags") && str_eq(au[i].old_value, "包装, 快递") &&
			    str_eq(au[i].new_value, "包装, 性价比");
	ok(tags_row, "with old and new values");
	audit_rows_free(au, na);
	is_int(store_feedback_set(s, &id, 1, -1, FB_F_TYPE, "service"), STORE_OK, "the same value again");
	store_audit_list(s, &af, &au, &na);
	is_int(na, 6, "changes nothing and writes no audit row");
	audit_rows_free(au, na);

	int64_t pid = 0, again = 0;
	is_int(store_feedback_to_problem(s, id, &pid), STORE_OK, "to a review problem");
	ok(pid > 0, "problem %lld", (long long)pid);
	store_feedback_get(s, id, &r);
	is_int(r.status, FB_ACTIONED, "the message is actioned");
	is_int(r.problem_id, pid, "and points at its problem");
	feedback_row_free(&r);
	is_int(store_feedback_to_problem(s, id, &again), STORE_OK, "again");
	is_int(again, pid, "the same problem");

	/* the filters see triage */
	feedback_filter f;
	feedback_filter_init(&f);
	f.status = FB_ACTIONED;
	size_t n;
	store_feedback_count(s, cid, &f, &n);
	is_int(n, 1, "status filter");
	feedback_filter_init(&f);
	f.is_read = 0;
	store_feedback_count(s, cid, &f, &n);
	is_int(n, 15, "unread filter");
	feedback_filter_init(&f);
	f.tag = "性价比";
	f.search = "破损";
	store_feedback_count(s, cid, &f, &n);
	is_int(n, 1, "tag set by an operator, with a search");
	feedback_filter_init(&f);
	f.owner = "nobody";
	store_feedback_count(s, cid, &f, &n);
	is_int(n, 0, "owner filter");

	/* pages in both directions */
	feedback_filter_init(&f);
	feedback_row page[4];
	size_t got;
	store_feedback_page(s, cid, &f, 0, 4, page, &got);
	is_int(got, 4, "first page");
	ok(page[0].id == id2 && page[1].id == id, "newest first");
	int64_t third = page[2].id;
	feedback_rows_free(page, got);
	store_feedback_page_after(s, cid, &f, third, 2, page, &got);
	ok(got == 2 && page[0].id == id2 && page[1].id == id, "scrolling back up, still newest first");
	feedback_rows_free(page, got);
	size_t idx;
	store_feedback_rank(s, cid, &f, third, &idx);
	is_int(idx, 2, "rank");

	/* dates outside the id range are refused, not wrapped */
	feedback_batch *b;
	feedback_new m;
	memset(&m, 0, sizeof m);
	date_parse("1999-12-31", &m.at);
	m.text = "too old";
	m.type = m.sentiment = m.mode = FB_ANY;
	store_feedback_batch_begin(s, cid, "cli", &b);
	is_int(store_feedback_batch_add(b, &m, NULL, NULL), STORE_INVALID, "a date before 2000 is refused");
	has_str(store_error(s), "between 2000-01-01 and 2067-12-31", "saying why");
	store_feedback_batch_abort(b);

	/* many messages in one second keep their order */
	store_feedback_batch_begin(s, cid, "csv", &b);
	int64_t last = 0;
	bool increasing = true;
	for (int i = 0; i < 2000; i++) {
		char t[32];
		snprintf(t, sizeof t, "同一秒 %d", i);
		memset(&m, 0, sizeof m);
		date_parse("2024-06-06", &m.at);
		m.text = t;
		m.type = m.sentiment = m.mode = FB_ANY;
		int64_t nid = 0;
		store_feedback_batch_add(b, &m, NULL, &nid);
		increasing = increasing && nid > last;
		last = nid;
	}
	size_t added, skipped;
	store_feedback_batch_counts(b, &added, &skipped);
	store_feedback_revision(s, cid, &rev1);
	store_feedback_batch_commit(b, "two thousand");
	store_feedback_revision(s, cid, &rev2);
	ok(rev2 != rev1, "the revision moves with an import");
	ok(increasing && added == 2000, "2000 messages in one second, ids increasing");
	store_feedback_batch_begin(s, cid, "csv", &b);
	memset(&m, 0, sizeof m);
	date_parse("2024-06-06", &m.at);
	m.text = "同一秒 5";
	m.type = m.sentiment = m.mode = FB_ANY;
	bool was_added = true;
	store_feedback_batch_add(b, &m, &was_added, NULL);
	m.text = "同一秒 2000";
	int64_t after = 0;
	store_feedback_batch_add(b, &m, NULL, &after);
	store_feedback_batch_commit(b, NULL);
	ok(!was_added, "a message already there is skipped");
	ok(after > last, "a later batch continues after the last id of that second");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_channels();
	test_ratings();
	test_classify();
	test_filter_line();
	setup();
	test_stats();
	test_triage();
	store_close(s);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return tap_done();
}
