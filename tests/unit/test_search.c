/* Feedback search against a plain scan. A varied corpus (Chinese, English
 * in mixed case, full-width letters and digits, punctuation, emoji, line
 * breaks) goes through the real store; terms of one to four characters
 * picked from the texts, and terms found nowhere, are counted through the
 * index and by a substring scan written here independently of the
 * program's own matching. Every count must agree. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "warroom/feedback.h"
#include "warroom/fts_query.h"
#include "warroom/store.h"
#include "warroom/store_feedback.h"
#include "warroom/text.h"
#include "warroom/util.h"

static char tmpdir[] = "/tmp/wr-test-search-XXXXXX";

/* ---- a small deterministic random generator -------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* ---- the reference: a plain scan ----------------------------------------
 * Only the characters the corpus uses are handled: ASCII, full-width ASCII,
 * Latin-1 letters, CJK and punctuation. */

static bool ref_cjk(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3040 && cp <= 0x30FF) ||
	       (cp >= 0xAC00 && cp <= 0xD7AF);
}

static int32_t ref_fold(int32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	if (cp >= 'A' && cp <= 'Z')
		cp += 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		cp += 32;
	return cp;
}

static bool ref_letter(int32_t cp)
{
	cp = ref_fold(cp);
	return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
	       (cp >= 0xDF && cp <= 0xFF && cp != 0xF7);
}

/* Decodes into code points (the corpus is valid UTF-8). */
static size_t to_cps(const char *s, int32_t *out, size_t cap)
{
	size_t n = 0, len = strlen(s), i = 0;
	while (i < len && n < cap) {
		int32_t cp;
		i += (size_t)utf8_decode(s + i, len - i, &cp);
		out[n++] = cp;
	}
	return n;
}

/* Does the text contain the term, CJK as a substring, letters and digits
 * folded and starting a word? */
static bool ref_match(const char *text, const char *term)
{
	int32_t t[64], x[2048];
	size_t nt = to_cps(term, t, 64), nx = to_cps(text, x, 2048);
	for (size_t i = 0; i < nt; i++)
		t[i] = ref_fold(t[i]);
	for (size_t i = 0; i + nt <= nx; i++) {
		size_t k = 0;
		while (k < nt && ref_fold(x[i + k]) == t[k])
			k++;
		if (k < nt)
			continue;
		if (ref_letter(t[0]) && i > 0 && ref_letter(x[i - 1]))
			continue;
		return true;
	}
	return false;
}

static bool ref_search(const char *text, const char *search)
{
	char *copy = xstrdup(search);
	bool all = true;
	for (char *tok = strtok(copy, " "); tok && all; tok = strtok(NULL, " "))
		all = ref_match(text, tok);
	free(copy);
	return all;
}

/* ---- the corpus ----------------------------------------------------------- */

static const char *const zh_words[] = {
	"快递", "很快", "包装", "精美", "客服", "态度", "物流", "延迟", "两天", "质量", "不错",
	"性价比", "高", "满减", "规则", "太复杂", "算不清", "优惠", "金额", "品牌", "更专业",
	"会推荐", "给朋友", "面霜", "质地", "轻薄", "香味", "有点浓", "退款", "售后", "响应",
	"慢", "成分", "安全", "功效", "明显", "活动", "力度", "信任", "赠品", "实用", "价格",
	"便宜", "下次", "还会", "买", "的", "了", "是", "我", "非常", "一般", "快", "递",
	"にほんご", "한국어",
};
static const char *const en_words[] = {
	"Refund", "refunds", "REFUND", "delivery", "Delivered", "late", "great", "Quality",
	"price", "NPS", "service", "slow", "box", "damaged", "love", "it", "the", "and",
	"will", "buy", "again", "ＡＢＣ", "ａｂｃ", "iPhone15", "５星", "ok", "OK", "x",
	"café", "CAFÉ", "Über", "re-order", "e-mail", "a.b", "3.5", "１２３", "42",
};
static const char *const punct[] = {"，", "。", "！", "？", ",", ".", "!", "?", " ", " ",
				    "\n", "：", "“", "”", "😀", "~", "(", ")", "、", "\t"};

static char *make_text(void)
{
	strbuf sb = STRBUF_INIT;
	int words = 2 + (int)rnd(14);
	for (int i = 0; i < words; i++) {
		uint32_t r = rnd(10);
		if (r < 5)
			sb_adds(&sb, zh_words[rnd(ARRAY_LEN(zh_words))]);
		else if (r < 8)
			sb_adds(&sb, en_words[rnd(ARRAY_LEN(en_words))]);
		else {
			/* a random CJK character from a small block, so rare
			 * characters and bigrams occur too */
			char b[4];
			int n = utf8_encode(0x4E00 + (int32_t)rnd(300), b);
			sb_add(&sb, b, (size_t)n);
		}
		if (rnd(3) == 0)
			sb_adds(&sb, punct[rnd(ARRAY_LEN(punct))]);
		else if (rnd(4) == 0)
			sb_addc(&sb, ' ');
	}
	return sb_detach(&sb);
}

/* A term of `len` code points starting at a random place of a text; for a
 * word, a prefix of it (terms inside words find nothing on purpose too). */
static char *pick_term(const char *text, int len)
{
	int32_t x[2048];
	size_t nx = to_cps(text, x, 2048);
	if (!nx)
		return xstrdup("快");
	size_t at = rnd((uint32_t)nx);
	if (ref_letter(x[at]) && rnd(4) != 0)
		while (at > 0 && ref_letter(x[at - 1]))
			at--;
	strbuf sb = STRBUF_INIT;
	for (size_t i = at; i < nx && (int)(i - at) < len; i++) {
		char b[4];
		int n = utf8_encode(x[i], b);
		sb_add(&sb, b, (size_t)n);
	}
	return sb_detach(&sb);
}

static bool is_separator_only(const char *t)
{
	for (; *t; t++)
		if (*t != ' ' && *t != '\n' && *t != '\t')
			return false;
	return true;
}

/* ---- tokenizer and query compiler ------------------------------------ */

static int collect(void *ctx, int colocated, const char *tok, int n, int start, int end)
{
	(void)start;
	(void)end;
	strbuf *sb = ctx;
	if (sb->len)
		sb_addc(sb, colocated ? '=' : ' ');
	for (int i = 0; i < n; i++)
		if (tok[i] == '\x01')
			sb_addc(sb, '^');
		else
			sb_addc(sb, tok[i]);
	return 0;
}

static char *tokens(const char *text, bool query)
{
	strbuf sb = STRBUF_INIT;
	fts_cjk_tokenize(text, (int)strlen(text), query, &sb, collect);
	return sb_detach(&sb);
}

static void test_tokenizer(void)
{
	char *t = tokens("快递很快", false);
	is_str(t, "快=快递 递=递很 很=很快=快", "a CJK run: characters with their bigrams, the last one colocated");
	free(t);
	t = tokens("快递很快", true);
	is_str(t, "快递 递很 很快", "a CJK query: its bigrams");
	free(t);
	t = tokens("快", true);
	is_str(t, "快", "a one-character query");
	free(t);
	t = tokens("Refunds，ＡＢ12 é", false);
	is_str(t, "refunds=^r=^re=^ref=^refu ab12=^a=^ab=^ab1=^ab12 é=^é",
	       "words folded, with their 1-4 character prefixes");
	free(t);
	t = tokens("快递ab", false);
	is_str(t, "快=快递=递 ab=^a=^ab", "a word right after a run takes the next position");
	free(t);
	t = tokens("\x01" "ab", false);
	is_str(t, "ab=^a=^ab", "a mark byte in a document is only a separator");
	free(t);

	fts_search s;
	fts_search_compile("快递", &s);
	is_str(s.match, "\"快递\"", "CJK term");
	ok(!s.needs_check && s.any, "answered by the index alone");
	fts_search_free(&s);
	fts_search_compile("ref", &s);
	is_str(s.match, "\"\x01ref\"", "a short word looks up its prefix token");
	fts_search_free(&s);
	fts_search_compile("refund", &s);
	is_str(s.match, "\"refund\"*", "a long word is an FTS5 prefix query");
	fts_search_free(&s);
	fts_search_compile("快递 客服", &s);
	is_str(s.match, "\"快递\" AND \"客服\"", "terms are ANDed");
	fts_search_free(&s);
	fts_search_compile("快递\xE3\x80\x80客服", &s);
	is_str(s.match, "\"快递\" AND \"客服\"", "the ideographic space separates terms");
	fts_search_free(&s);
	fts_search_compile("a\"b OR NEAR(x", &s);
	is_str(s.match, "\"a\"\"\x01" "b\" AND \"\x01OR\" AND \"NEAR(\x01x\"",
	       "quotes doubled, operators are plain words");
	ok(s.needs_check, "punctuation inside a term is confirmed against the text");
	fts_search_free(&s);
	fts_search_compile("😀", &s);
	ok(!s.match && s.needs_check && s.any, "nothing indexable: text scan only");
	fts_search_free(&s);
	fts_search_compile("  ", &s);
	ok(!s.match && !s.any, "no terms: everything");
	fts_search_free(&s);
	fts_search_compile("a\x01" "b", &s);
	is_str(s.match, "\"a \x01" "b\"", "a control byte typed in a term is only a separator");
	fts_search_free(&s);
}

/* ---- the corpus comparison ----------------------------------------------- */

static store *open_db(int64_t *cid)
{
	char *path = xasprintf("%s/search.db", tmpdir);
	enum store_rc rc;
	char err[600];
	store *s = store_open(path, 0, &rc, err, sizeof err);
	free(path);
	if (!s) {
		printf("# %s\n", err);
		exit(1);
	}
	campaign_def d;
	memset(&d, 0, sizeof d);
	d.file = xstrdup("search.yaml");
	d.key = xstrdup("search");
	d.name = xstrdup("搜索");
	date_parse("2024-06-01", &d.start);
	date_parse("2024-06-30", &d.end);
	d.n_tags = 1;
	d.tags = xcalloc(1, sizeof *d.tags);
	d.tags[0].name = xstrdup("service");
	sl_push(&d.tags[0].words, "快递");
	sl_push(&d.tags[0].words, "refund");
	store_import_campaign(s, &d, NULL);
	campaign_def_free(&d);
	/* A second campaign with the same texts must never leak into counts. */
	memset(&d, 0, sizeof d);
	d.file = xstrdup("other.yaml");
	d.key = xstrdup("other");
	d.name = xstrdup("别的");
	date_parse("2024-06-01", &d.start);
	date_parse("2024-06-30", &d.end);
	store_import_campaign(s, &d, NULL);
	campaign_def_free(&d);
	campaign_row r;
	store_campaign_get(s, "search", &r);
	*cid = r.id;
	campaign_row_free(&r);
	return s;
}

#define N_TEXTS 3000

static size_t scan_count(char **texts, const char *term)
{
	size_t n = 0;
	for (int i = 0; i < N_TEXTS; i++)
		n += ref_match(texts[i], term);
	return n;
}

static void sql(const char *statements)
{
	char *cmd = xasprintf("sqlite3 '%s/search.db' \"%s\"", tmpdir, statements);
	if (system(cmd) != 0)
		printf("# failed: %s\n", cmd);
	free(cmd);
}

/* One- and two-character terms are counted from the campaign's kept term
 * counts, as long as those cover every message; else through the index. */
static void test_kept_counts(store *s, int64_t cid, char **texts)
{
	feedback_filter f;
	feedback_filter_init(&f);
	f.search = "快";
	size_t want = scan_count(texts, "快"), got = 0;
	ok(want > 100, "快 is common in the corpus (%zu)", want);
	sql("UPDATE feedback_term SET n = n + 7 WHERE term = '快'");
	store_feedback_count(s, cid, &f, &got);
	is_int(got, want + 7, "a one-character count comes from the kept counts (altered by 7 here)");
	/* a message gone without its terms being counted out */
	sql("UPDATE feedback_count SET n = n - 1 WHERE campaign_id = (SELECT id FROM campaign"
	    " WHERE key = 'search')");
	store_feedback_count(s, cid, &f, &got);
	is_int(got, want, "counts that no longer cover every message are not used");
	f.search = "快递";
	store_feedback_count(s, cid, &f, &got);
	is_int(got, scan_count(texts, "快递"), "nor for two characters");
	sql("UPDATE feedback_term SET n = n - 7 WHERE term = '快';"
	    " UPDATE feedback_count SET n = n + 1 WHERE campaign_id = (SELECT id FROM campaign"
	    " WHERE key = 'search')");
	store_feedback_count(s, cid, &f, &got);
	is_int(got, scan_count(texts, "快递"), "restored, they are used again");
}

static void test_corpus(void)
{
	int64_t cid, other;
	store *s = open_db(&cid);
	campaign_row r;
	store_campaign_get(s, "other", &r);
	other = r.id;
	campaign_row_free(&r);
	char **texts = xcalloc(N_TEXTS, sizeof *texts);
	wr_date *days = xcalloc(N_TEXTS, sizeof *days);
	wr_date start;
	date_parse("2024-06-01", &start);
	feedback_batch *b;
	is_int(store_feedback_batch_begin(s, cid, "csv", &b), STORE_OK, "batch begins");
	feedback_batch *ob = NULL;
	for (int i = 0; i < N_TEXTS; i++) {
		texts[i] = make_text();
		days[i] = start + (wr_date)rnd(30);
		feedback_new m;
		memset(&m, 0, sizeof m);
		m.at = days[i];
		m.at_secs = (int)rnd(86400);
		m.text = texts[i];
		m.customer = i % 2 ? "张三" : NULL;
		m.type = m.sentiment = m.mode = FB_ANY;
		bool added;
		if (store_feedback_batch_add(b, &m, &added, NULL) != STORE_OK || !added) {
			ok(0, "message %d added: %s", i, store_error(s));
			texts[i][0] = '\0';
		}
		/* two imports: the kept term counts must add up */
		if (i == N_TEXTS / 2) {
			is_int(store_feedback_batch_commit(b, "corpus"), STORE_OK, "first batch commits");
			is_int(store_feedback_batch_begin(s, cid, "csv", &b), STORE_OK, "batch begins");
		}
	}
	is_int(store_feedback_batch_commit(b, "corpus"), STORE_OK, "batch commits");
	/* the other campaign gets a copy of every tenth text */
	is_int(store_feedback_batch_begin(s, other, "csv", &ob), STORE_OK, "second batch");
	for (int i = 0; i < N_TEXTS; i += 10) {
		feedback_new m;
		memset(&m, 0, sizeof m);
		m.at = days[i];
		m.text = texts[i];
		m.type = m.sentiment = m.mode = FB_ANY;
		store_feedback_batch_add(ob, &m, NULL, NULL);
	}
	store_feedback_batch_commit(ob, NULL);

	feedback_filter f;
	feedback_filter_init(&f);
	size_t n = 0;
	store_feedback_count(s, cid, &f, &n);
	is_int(n, N_TEXTS, "every message counted");

	int mismatches = 0, checked = 0, cjk_terms = 0, latin_terms = 0, nonzero = 0;
	for (int round = 0; round < 1200; round++) {
		int len = 1 + round % 4;
		char *term;
		if (round % 10 == 9) {
			/* terms found nowhere */
			static const char *const absent[] = {"鬱", "zzz", "快快快快", "ｚｑ", "凹凸"};
			term = xstrdup(absent[rnd(ARRAY_LEN(absent))]);
		} else {
			term = pick_term(texts[rnd(N_TEXTS)], len);
		}
		if (is_separator_only(term) || strchr(term, ' ') || strchr(term, '\n') ||
		    strchr(term, '\t') || strstr(term, "\xE3\x80\x80")) {
			free(term);
			continue;
		}
		size_t want = 0;
		for (int i = 0; i < N_TEXTS; i++)
			want += ref_match(texts[i], term);
		f.search = term;
		size_t got = 0;
		enum store_rc rc = store_feedback_count(s, cid, &f, &got);
		checked++;
		int32_t cp0;
		utf8_decode(term, strlen(term), &cp0);
		if (ref_cjk(cp0))
			cjk_terms++;
		else if (ref_letter(cp0))
			latin_terms++;
		nonzero += want > 0;
		if (rc != STORE_OK || got != want) {
			mismatches++;
			if (mismatches <= 10)
				printf("# term [%s]: index %zu, scan %zu (%s)\n", term, got, want,
				       rc == STORE_OK ? "ok" : store_error(s));
		}
		free(term);
	}
	f.search = NULL;
	is_int(mismatches, 0, "index counts equal the substring scan for %d terms of 1-4 characters"
	       " (%d CJK, %d Latin, %d found somewhere)", checked, cjk_terms, latin_terms, nonzero);
	ok(cjk_terms > 300 && latin_terms > 150 && nonzero > 600, "the terms are varied enough");

	test_kept_counts(s, cid, texts);

	/* Pages: keyset pagination returns exactly the matching set, newest first. */
	static const char *const searches[] = {"快", "快递", "ref", "REFUND", "ａｂ", "性价比",
					       "快递 ok", "re-order", "3.5", "😀", "了 的 是"};
	for (size_t k = 0; k < ARRAY_LEN(searches); k++) {
		f.search = searches[k];
		size_t want = 0;
		for (int i = 0; i < N_TEXTS; i++)
			want += ref_search(texts[i], searches[k]);
		size_t total = 0;
		store_feedback_count(s, cid, &f, &total);
		int64_t before = 0, last = INT64_MAX;
		size_t seen = 0;
		bool ordered = true, right = true;
		feedback_row page[37];
		for (;;) {
			size_t got = 0;
			if (store_feedback_page(s, cid, &f, before, 37, page, &got) != STORE_OK || !got)
				break;
			for (size_t i = 0; i < got; i++) {
				ordered = ordered && page[i].id < last;
				last = page[i].id;
				right = right && ref_search(page[i].text, searches[k]) &&
					page[i].campaign_id == cid;
			}
			seen += got;
			before = page[got - 1].id;
			feedback_rows_free(page, got);
		}
		ok(seen == want && total == want && ordered && right,
		   "[%s]: %zu pages rows, count %zu, scan %zu, newest first", searches[k], seen, total, want);
	}

	/* Combined with other filters: dates and tags. */
	f.search = "快";
	date_parse("2024-06-10", &f.since);
	date_parse("2024-06-19", &f.until);
	size_t want = 0, got = 0;
	for (int i = 0; i < N_TEXTS; i++)
		want += days[i] >= f.since && days[i] <= f.until && ref_match(texts[i], "快");
	store_feedback_count(s, cid, &f, &got);
	is_int(got, want, "search within a date range");
	f.tag = "快递";
	want = 0;
	for (int i = 0; i < N_TEXTS; i++)
		want += days[i] >= f.since && days[i] <= f.until && ref_match(texts[i], "快") &&
			ref_match(texts[i], "快递");
	store_feedback_count(s, cid, &f, &got);
	is_int(got, want, "search, dates and a keyword tag");
	f.search = NULL;
	f.since = f.until = WR_DATE_NONE;
	want = 0;
	for (int i = 0; i < N_TEXTS; i++)
		want += ref_match(texts[i], "快递");
	store_feedback_count(s, cid, &f, &got);
	is_int(got, want, "a keyword tag is exactly what a search for it finds");
	f.tag = "refund";
	want = 0;
	for (int i = 0; i < N_TEXTS; i++)
		want += ref_match(texts[i], "refund");
	store_feedback_count(s, cid, &f, &got);
	is_int(got, want, "an English keyword tag matches Refunds and REFUND too");
	f.tag = NULL;

	/* Rank: the position of a message in the newest-first list. */
	f.search = "快递";
	feedback_row page[5];
	size_t np = 0;
	store_feedback_page(s, cid, &f, 0, 5, page, &np);
	size_t idx = 99;
	if (np == 5)
		store_feedback_rank(s, cid, &f, page[3].id, &idx);
	is_int(idx, 3, "the fourth newest match has rank 3");
	feedback_rows_free(page, np);

	for (int i = 0; i < N_TEXTS; i++)
		free(texts[i]);
	free(texts);
	free(days);
	store_close(s);
}

static void test_one_token(void)
{
	char t[16];
	ok(fts_search_one_token("好", t, sizeof t) && strcmp(t, "好") == 0, "好 is one token");
	ok(fts_search_one_token(" 快递\xE3\x80\x80", t, sizeof t) && strcmp(t, "快递") == 0,
	   "快递 between separators is one token");
	ok(!fts_search_one_token("物流太", t, sizeof t), "three characters are a phrase");
	ok(!fts_search_one_token("快递 好", t, sizeof t), "two terms are not");
	ok(!fts_search_one_token("好a", t, sizeof t), "nor a mixed term");
	ok(!fts_search_one_token("ab", t, sizeof t), "nor a word");
	ok(!fts_search_one_token("好!", t, sizeof t), "nor a character with punctuation");
	ok(!fts_search_one_token("", t, sizeof t) && !fts_search_one_token(NULL, t, sizeof t) &&
	   !fts_search_one_token("  ", t, sizeof t), "nor nothing");
	ok(!fts_search_one_token("快递", t, 6), "a term that does not fit is refused");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_tokenizer();
	test_one_token();
	test_corpus();
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return tap_done();
}
