/* Feedback classification (keyword tags, suggested type, sentiment) and the
 * meaning of a search term. Tags use the same matching as search, so a
 * message tagged 快递 is exactly a message that a search for 快递 finds. */
#include "warroom/feedback.h"

#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/text.h"

/* ---- characters ------------------------------------------------------- */

bool fb_is_cjk(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x2FFFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
	       cp == 0x3005 || cp == 0x3007;
}

int32_t fb_fold(int32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	return cp;
}

bool fb_is_word(int32_t cp)
{
	cp = fb_fold(cp);
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
	return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x370 && cp <= 0x52F) || (cp >= 0x590 && cp <= 0x6FF) ||
	       (cp >= 0x900 && cp <= 0xDFF) || (cp >= 0xE00 && cp <= 0xEFF);
}

/* Appends the folded form of s[0..len) to sb. */
static void fold_into(strbuf *sb, const char *s, size_t len)
{
	sb_reserve(sb, len + 1);
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			sb->buf[sb->len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (cp < 0) {
			sb->buf[sb->len++] = (char)c;
		} else {
			char out[4];
			int m = utf8_encode(fb_fold(cp), out);
			sb_reserve(sb, (size_t)m + 1);
			memcpy(sb->buf + sb->len, out, (size_t)m);
			sb->len += (size_t)m;
		}
		i += (size_t)n;
	}
	sb->buf[sb->len] = '\0';
}

/* The code point that ends just before s[at] (at > 0). */
static int32_t cp_before(const char *s, size_t at)
{
	size_t k = at - 1;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80 && at - k < 4)
		k--;
	int32_t cp;
	utf8_decode(s + k, at - k, &cp);
	return cp;
}

static int32_t first_cp(const char *s, size_t len)
{
	int32_t cp;
	utf8_decode(s, len, &cp);
	return cp;
}

/* Offset of the first occurrence of the folded term `ft` in the folded
 * text `fx` from `from` on that may begin a match, or -1. */
static long find_folded(const char *fx, size_t xlen, size_t from, const char *ft, size_t tlen,
			bool need_start)
{
	while (from + tlen <= xlen) {
		const char *p = memmem(fx + from, xlen - from, ft, tlen);
		if (!p)
			return -1;
		size_t at = (size_t)(p - fx);
		if (!need_start || at == 0 || !fb_is_word(cp_before(fx, at)))
			return (long)at;
		from = at + 1;
	}
	return -1;
}

static bool match_folded(const char *fx, size_t xlen, const char *ft, size_t tlen)
{
	if (tlen == 0)
		return true;
	bool need_start = fb_is_word(first_cp(ft, tlen));
	return find_folded(fx, xlen, 0, ft, tlen, need_start) >= 0;
}

bool feedback_term_matches(const char *text, const char *term)
{
	if (!term || !*term)
		return true;
	if (!text)
		return false;
	strbuf ft = STRBUF_INIT, fx = STRBUF_INIT;
	fold_into(&ft, term, strlen(term));
	fold_into(&fx, text, strlen(text));
	bool r = match_folded(fx.buf, fx.len, ft.buf, ft.len);
	sb_free(&ft);
	sb_free(&fx);
	return r;
}

/* Length of the separator at s (ASCII white space or U+3000), 0 if none. */
static size_t separator_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')
		return 1;
	if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

bool feedback_search_matches(const char *text, const char *search)
{
	if (!search)
		return true;
	strbuf fx = STRBUF_INIT, ft = STRBUF_INIT;
	bool folded = false, ok = true;
	const char *p = search;
	while (*p && ok) {
		size_t k;
		while ((k = separator_len(p)))
			p += k;
		if (!*p)
			break;
		const char *start = p;
		while (*p && !separator_len(p))
			p++;
		if (!folded) {
			fold_into(&fx, text ? text : "", text ? strlen(text) : 0);
			folded = true;
		}
		sb_reset(&ft);
		fold_into(&ft, start, (size_t)(p - start));
		ok = match_folded(fx.buf, fx.len, ft.buf, ft.len);
	}
	sb_free(&fx);
	sb_free(&ft);
	return ok;
}

bool feedback_term_is_simple(const char *term, size_t len)
{
	bool cjk = false, word = false;
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		int n = utf8_decode(term + i, len - i, &cp);
		if (cp >= 0 && fb_is_cjk(cp))
			cjk = true;
		else if (cp >= 0 && fb_is_word(cp))
			word = true;
		else
			return false;
		i += (size_t)n;
	}
	return len > 0 && cjk != word;
}

/* ---- channels ---------------------------------------------------------- */

struct channel_kind {
	const char *name;
	enum feedback_mode mode;
	const char *const *aliases;
};

static const char *const survey_aliases[] = {"survey", "questionnaire", "问卷", "问卷调查",
					     "活动问卷", "调查问卷", "满意度调查", NULL};
static const char *const phone_aliases[] = {"phone callback", "phone", "callback", "call",
					    "电话回访", "回访", "电话", NULL};
static const char *const interview_aliases[] = {"interview", "访谈", "用户访谈", "线上访谈",
						"深度访谈", NULL};
static const char *const review_aliases[] = {"e commerce review", "ecommerce review", "review",
					     "电商评价", "电商平台评价", "商品评价", "评价", NULL};
static const char *const social_aliases[] = {"social media", "social", "社交媒体",
					     "社交媒体评论", "小红书", "微博", "抖音", "微信",
					     "weibo", "xiaohongshu", "douyin", NULL};
static const char *const ticket_aliases[] = {"service ticket", "ticket", "support ticket",
					     "客服工单", "工单", "客服", "客服记录", "投诉", NULL};
static const char *const aftersales_aliases[] = {"after sales survey", "aftersales survey",
						 "售后问卷", "售后调查", NULL};

static const struct channel_kind channel_kinds[] = {
	{"survey", FB_MODE_ACTIVE, survey_aliases},
	{"phone callback", FB_MODE_ACTIVE, phone_aliases},
	{"interview", FB_MODE_ACTIVE, interview_aliases},
	{"e-commerce review", FB_MODE_PASSIVE, review_aliases},
	{"social media", FB_MODE_PASSIVE, social_aliases},
	{"service ticket", FB_MODE_PASSIVE, ticket_aliases},
	/* after-sales surveys arrive on their own: passive, as the team's
	 * collection plan files them */
	{"after-sales survey", FB_MODE_PASSIVE, aftersales_aliases},
};

static const struct channel_kind *channel_kind(const char *channel)
{
	if (str_empty(channel))
		return NULL;
	/* Compare trimmed, ASCII lower case, '-' and '_' as spaces. */
	char norm[128];
	size_t n = 0;
	const char *p = channel;
	while (*p == ' ')
		p++;
	for (; *p && n + 1 < sizeof norm; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c == '-' || c == '_')
			c = ' ';
		norm[n++] = c;
	}
	while (n > 0 && norm[n - 1] == ' ')
		n--;
	norm[n] = '\0';
	for (size_t k = 0; k < ARRAY_LEN(channel_kinds); k++)
		for (const char *const *a = channel_kinds[k].aliases; *a; a++)
			if (strcmp(norm, *a) == 0)
				return &channel_kinds[k];
	return NULL;
}

enum feedback_mode feedback_channel_mode(const char *channel)
{
	const struct channel_kind *k = channel_kind(channel);
	return k ? k->mode : FB_MODE_PASSIVE;
}

const char *feedback_channel_canonical(const char *channel)
{
	const struct channel_kind *k = channel_kind(channel);
	return k ? k->name : NULL;
}

const char *feedback_mode_name(enum feedback_mode m)
{
	return m == FB_MODE_ACTIVE ? "active" : "passive";
}

const char *feedback_mode_label(enum feedback_mode m)
{
	/* TRANSLATORS: how feedback was collected: asked for (surveys,
	 * callbacks) or received (reviews, social media, tickets). */
	return m == FB_MODE_ACTIVE ? C_("feedback mode", "active") : C_("feedback mode", "passive");
}

/* ---- ratings ----------------------------------------------------------- */

int feedback_rating_scale(double rating, int scale)
{
	if (scale == 5 || scale == 10)
		return scale;
	return rating > 5 || rating < 1 ? 10 : 5;
}

int feedback_rating_sentiment(double rating, int scale)
{
	scale = feedback_rating_scale(rating, scale);
	if (scale == 10)
		return rating >= 9 ? 1 : rating >= 7 ? 0 : -1;
	return rating >= 4 ? 1 : rating >= 3 ? 0 : -1;
}

bool feedback_rating_valid(double rating, int scale)
{
	scale = feedback_rating_scale(rating, scale);
	return scale == 10 ? rating >= 0 && rating <= 10 : rating >= 1 && rating <= 5;
}

bool feedback_rating_parse(const char *s, double *rating, int *scale)
{
	if (!s)
		return false;
	while (*s == ' ')
		s++;
	*scale = 0;
	/* ★★★★☆: filled stars out of five */
	if (str_starts(s, "★") || str_starts(s, "☆")) {
		int stars = 0;
		while (*s) {
			if (str_starts(s, "★"))
				stars++;
			else if (!str_starts(s, "☆"))
				return false;
			s += 3;
		}
		*rating = stars;
		*scale = 5;
		return stars >= 1;
	}
	if (!(*s >= '0' && *s <= '9'))
		return false;
	double v = 0;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	if (*s == '.') {
		s++;
		double f = 0.1;
		if (!(*s >= '0' && *s <= '9'))
			return false;
		while (*s >= '0' && *s <= '9') {
			v += (*s++ - '0') * f;
			f /= 10;
		}
	}
	while (*s == ' ')
		s++;
	if (*s == '/') {
		s++;
		while (*s == ' ')
			s++;
		if (strncmp(s, "10", 2) == 0 && !(s[2] >= '0' && s[2] <= '9')) {
			*scale = 10;
			s += 2;
		} else if (*s == '5' && !(s[1] >= '0' && s[1] <= '9')) {
			*scale = 5;
			s += 1;
		} else {
			return false;
		}
	} else if (str_starts(s, "星")) {
		*scale = 5;
		s += 3;
	} else if (str_starts(s, "分")) {
		s += 3;
	}
	while (*s == ' ')
		s++;
	if (*s)
		return false;
	*rating = v;
	return feedback_rating_valid(v, *scale);
}

/* ---- names ------------------------------------------------------------- */

static bool ascii_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (char)(y + 32);
		if (x != y)
			return false;
	}
	return *a == *b;
}

static int lookup_names(const char *s, const char *const names[][6], size_t n)
{
	if (str_empty(s))
		return -1;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < 6 && names[i][j]; j++)
			if (ascii_ieq(s, names[i][j]))
				return (int)i;
	return -1;
}

int feedback_type_parse(const char *s)
{
	static const char *const names[][6] = {
		{"none", "-", "无", "未分类", NULL},
		{"product", "产品", "产品体验", NULL},
		{"service", "服务", "服务体验", NULL},
		{"rules", "rule", "规则", "活动规则", NULL},
		{"brand", "品牌", "品牌感知", NULL},
	};
	return lookup_names(s, names, ARRAY_LEN(names));
}

int feedback_sentiment_parse(const char *s)
{
	static const char *const names[][6] = {
		{"negative", "neg", "-1", "-", "负面", "差评"},
		{"neutral", "neu", "0", "中性", "中评", NULL},
		{"positive", "pos", "1", "+1", "正面", "好评"},
	};
	if (str_eq(s, "+"))
		return 1;
	int i = lookup_names(s, names, ARRAY_LEN(names));
	return i < 0 ? FB_SENTIMENT_BAD : i - 1;
}

const char *feedback_sentiment_name(int sentiment)
{
	return sentiment < 0 ? "negative" : sentiment > 0 ? "positive" : "neutral";
}

int feedback_status_parse(const char *s)
{
	static const char *const names[][6] = {
		{"new", "新", "未处理", NULL},
		{"triaged", "已分拣", "已分类", NULL},
		{"actioned", "已处理", "处理中", NULL},
		{"closed", "已关闭", "关闭", NULL},
	};
	return lookup_names(s, names, ARRAY_LEN(names));
}

/* ---- fingerprints ------------------------------------------------------ */

static uint64_t fnv(uint64_t h, const char *s)
{
	/* Length first, so "ab"+"c" and "a"+"bc" differ. */
	size_t n = s ? strlen(s) : 0;
	for (int i = 0; i < 8; i++) {
		h ^= (n >> (8 * i)) & 0xFF;
		h *= 0x100000001B3ull;
	}
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001B3ull;
	}
	return h;
}

int64_t feedback_fingerprint(const char *at, const char *channel, const char *customer,
			     const char *text)
{
	uint64_t h = 0xCBF29CE484222325ull;
	h = fnv(h, at);
	h = fnv(h, channel);
	h = fnv(h, customer);
	h = fnv(h, text);
	return (int64_t)(h >> 1); /* positive: easier to read in the database */
}

/* ---- tags and sentiment ------------------------------------------------ */

static const char *const builtin_positive[] = {
	"满意", "喜欢", "好用", "推荐", "不错", "很好", "超值", "惊喜", "好评", "点赞", "划算",
	"实惠", "专业", "精美", "贴心", "及时", "great", "love", "good", "excellent", "amazing",
	"recommend", "happy", "nice", "perfect",
};
static const char *const builtin_negative[] = {
	"差", "慢", "贵", "失望", "投诉", "退款", "退货", "延迟", "破损", "太贵", "不满", "难用", "糟糕",
	"差评", "坑", "假货", "复杂", "不及时", "bad", "slow", "refund", "broken", "terrible",
	"late", "worst", "disappointed", "complaint", "damaged", "poor",
};
/* A negation right before a polarity word turns it over. */
static const char *const negations[] = {
	"不", "没", "没有", "未", "无", "别", "不太", "不够", "不是很", "不很", "并不", "毫不",
	"not ", "no ", "n't ", "never ", "not very ", "not so ",
};

struct fword {
	char *folded;
	size_t len;
	bool need_start;
	const char *orig;
	size_t group;
};

struct feedback_tagger {
	struct fword *words, *pos, *neg;
	size_t n_words, n_pos, n_neg;
	const tag_group *groups;
	size_t n_groups;
	int *hits; /* per group */
	strbuf fx; /* the folded text, reused */
	strbuf tags;
};

static void add_word(struct fword **v, size_t *n, const char *w, size_t group)
{
	if (str_empty(w))
		return;
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	struct fword *f = &(*v)[(*n)++];
	strbuf sb = STRBUF_INIT;
	fold_into(&sb, w, strlen(w));
	f->len = sb.len;
	f->folded = sb_detach(&sb);
	f->need_start = fb_is_word(first_cp(f->folded, f->len));
	f->orig = w;
	f->group = group;
}

feedback_tagger *feedback_tagger_new(const feedback_dict *d)
{
	feedback_tagger *t = xcalloc(1, sizeof *t);
	if (d) {
		t->groups = d->groups;
		t->n_groups = d->n_groups;
		for (size_t g = 0; g < d->n_groups; g++)
			for (size_t w = 0; w < d->groups[g].words.n; w++)
				add_word(&t->words, &t->n_words, d->groups[g].words.v[w], g);
	}
	t->hits = xcalloc(t->n_groups + 1, sizeof *t->hits);
	if (d && d->positive && d->positive->n)
		for (size_t i = 0; i < d->positive->n; i++)
			add_word(&t->pos, &t->n_pos, d->positive->v[i], 0);
	else
		for (size_t i = 0; i < ARRAY_LEN(builtin_positive); i++)
			add_word(&t->pos, &t->n_pos, builtin_positive[i], 0);
	if (d && d->negative && d->negative->n)
		for (size_t i = 0; i < d->negative->n; i++)
			add_word(&t->neg, &t->n_neg, d->negative->v[i], 0);
	else
		for (size_t i = 0; i < ARRAY_LEN(builtin_negative); i++)
			add_word(&t->neg, &t->n_neg, builtin_negative[i], 0);
	return t;
}

static void free_words(struct fword *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].folded);
	free(v);
}

void feedback_tagger_free(feedback_tagger *t)
{
	if (!t)
		return;
	free_words(t->words, t->n_words);
	free_words(t->pos, t->n_pos);
	free_words(t->neg, t->n_neg);
	free(t->hits);
	sb_free(&t->fx);
	sb_free(&t->tags);
	free(t);
}

static bool negated(const char *fx, size_t at)
{
	for (size_t i = 0; i < ARRAY_LEN(negations); i++) {
		size_t n = strlen(negations[i]);
		if (n <= at && memcmp(fx + at - n, negations[i], n) == 0) {
			/* "not " must itself start a word; "n't " ends one */
			if (negations[i][0] != 'n' || negations[i][1] != '\'') {
				if (fb_is_word(first_cp(negations[i], n)) && at > n &&
				    fb_is_word(cp_before(fx, at - n)))
					continue;
			}
			return true;
		}
	}
	return false;
}

/* Adds +1 for each occurrence of a word, -1 when negated (times `sign`). */
static int polarity(const char *fx, size_t xlen, const struct fword *v, size_t n, int *flipped)
{
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		size_t from = 0;
		long at;
		while ((at = find_folded(fx, xlen, from, v[i].folded, v[i].len, v[i].need_start)) >= 0) {
			if (negated(fx, (size_t)at))
				(*flipped)++;
			else
				count++;
			from = (size_t)at + (v[i].len ? v[i].len : 1);
		}
	}
	return count;
}

static int sentiment_folded(const feedback_tagger *t, const char *fx, size_t xlen)
{
	int pos_flipped = 0, neg_flipped = 0;
	int pos = polarity(fx, xlen, t->pos, t->n_pos, &pos_flipped);
	int neg = polarity(fx, xlen, t->neg, t->n_neg, &neg_flipped);
	pos += neg_flipped;
	neg += pos_flipped;
	return pos > neg ? 1 : neg > pos ? -1 : 0;
}

void feedback_tagger_classify(feedback_tagger *t, const char *channel, const char *text,
			      bool has_rating, double rating, int scale, feedback_classified *out)
{
	memset(out, 0, sizeof *out);
	out->mode = feedback_channel_mode(channel);
	sb_reset(&t->fx);
	fold_into(&t->fx, text ? text : "", text ? strlen(text) : 0);
	const char *fx = t->fx.buf;
	size_t xlen = t->fx.len;
	sb_reset(&t->tags);
	memset(t->hits, 0, (t->n_groups + 1) * sizeof *t->hits);
	for (size_t i = 0; i < t->n_words; i++) {
		const struct fword *w = &t->words[i];
		if (find_folded(fx, xlen, 0, w->folded, w->len, w->need_start) < 0)
			continue;
		t->hits[w->group]++;
		/* the same keyword in two groups is one tag */
		bool dup = false;
		for (size_t j = 0; j < i && !dup; j++)
			dup = strcmp(t->words[j].orig, w->orig) == 0 &&
			      find_folded(fx, xlen, 0, t->words[j].folded, t->words[j].len,
					  t->words[j].need_start) >= 0;
		if (dup)
			continue;
		if (t->tags.len)
			sb_addc(&t->tags, '\n');
		sb_adds(&t->tags, w->orig);
	}
	int best = 0;
	for (size_t g = 0; g < t->n_groups; g++) {
		int type = feedback_type_parse(t->groups[g].name);
		if (t->hits[g] > best && type > 0) {
			best = t->hits[g];
			out->type = (enum feedback_type)type;
		}
	}
	out->tags = t->tags.len ? xstrdup(t->tags.buf) : NULL;
	out->sentiment = has_rating ? feedback_rating_sentiment(rating, scale)
				    : sentiment_folded(t, fx, xlen);
}

void feedback_classify(const feedback_dict *d, const char *channel, const char *text,
		       bool has_rating, double rating, int scale, feedback_classified *out)
{
	feedback_tagger *t = feedback_tagger_new(d);
	feedback_tagger_classify(t, channel, text, has_rating, rating, scale, out);
	feedback_tagger_free(t);
}

int feedback_text_sentiment(const feedback_dict *d, const char *text)
{
	feedback_tagger *t = feedback_tagger_new(d);
	strbuf fx = STRBUF_INIT;
	fold_into(&fx, text ? text : "", text ? strlen(text) : 0);
	int s = sentiment_folded(t, fx.buf, fx.len);
	sb_free(&fx);
	feedback_tagger_free(t);
	return s;
}

bool feedback_text_has(const char *text, const char *word)
{
	if (str_empty(text) || str_empty(word))
		return false;
	return feedback_term_matches(text, word);
}
