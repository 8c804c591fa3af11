/* Feedback classification: keyword tags, suggested type, sentiment. */
#include "warroom/feedback.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const active_channels[] = {
	"survey", "phone callback", "phone", "interview", "问卷", "问卷调查", "电话回访", "回访",
	"访谈", "用户访谈", "深度访谈",
};

static const char *const builtin_positive[] = {
	"满意", "喜欢", "好用", "推荐", "不错", "很好", "超值", "惊喜", "好评", "点赞", "划算",
	"great", "love", "good", "excellent", "amazing", "recommend", "happy",
};
static const char *const builtin_negative[] = {
	"差", "慢", "失望", "投诉", "退款", "退货", "延迟", "破损", "太贵", "不满", "难用", "糟糕",
	"差评", "坑", "假货", "bad", "slow", "refund", "broken", "terrible", "late", "worst",
	"disappointed", "complaint",
};

static bool ascii_ieq_prefix(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return false;
	return true;
}

bool feedback_text_has(const char *text, const char *word)
{
	if (str_empty(text) || str_empty(word))
		return false;
	size_t n = strlen(word);
	for (const char *p = text; *p; p++)
		if (ascii_ieq_prefix(p, word, n) && strlen(p) >= n)
			return true;
	return false;
}

enum feedback_mode feedback_channel_mode(const char *channel)
{
	if (str_empty(channel))
		return FB_MODE_PASSIVE;
	for (size_t i = 0; i < ARRAY_LEN(active_channels); i++) {
		size_t n = strlen(active_channels[i]);
		if (strlen(channel) == n && ascii_ieq_prefix(channel, active_channels[i], n))
			return FB_MODE_ACTIVE;
	}
	/* "售后问卷" (after-sales survey) is collected passively per the seeds. */
	return FB_MODE_PASSIVE;
}

int feedback_rating_sentiment(double rating, int scale)
{
	if (scale == 0)
		scale = rating > 5 ? 10 : 5;
	if (scale == 10)
		return rating >= 9 ? 1 : rating >= 7 ? 0 : -1;
	return rating >= 4 ? 1 : rating >= 3 ? 0 : -1;
}

static int count_words(const char *text, const strlist *words, const char *const *builtin,
		       size_t nbuiltin)
{
	int n = 0;
	if (words && words->n) {
		for (size_t i = 0; i < words->n; i++)
			n += feedback_text_has(text, words->v[i]);
	} else {
		for (size_t i = 0; i < nbuiltin; i++)
			n += feedback_text_has(text, builtin[i]);
	}
	return n;
}

int feedback_text_sentiment(const feedback_dict *d, const char *text)
{
	int pos = count_words(text, d ? d->positive : NULL, builtin_positive, ARRAY_LEN(builtin_positive));
	int neg = count_words(text, d ? d->negative : NULL, builtin_negative, ARRAY_LEN(builtin_negative));
	return pos > neg ? 1 : neg > pos ? -1 : 0;
}

void feedback_classify(const feedback_dict *d, const char *channel, const char *text,
		       bool has_rating, double rating, int scale, feedback_classified *out)
{
	memset(out, 0, sizeof *out);
	out->mode = feedback_channel_mode(channel);
	strlist tags = {0};
	int best = 0;
	for (size_t g = 0; d && g < d->n_groups; g++) {
		int hits = 0;
		for (size_t w = 0; w < d->groups[g].words.n; w++) {
			const char *word = d->groups[g].words.v[w];
			if (feedback_text_has(text, word)) {
				hits++;
				if (!sl_contains(&tags, word))
					sl_push(&tags, word);
			}
		}
		int type = feedback_type_from(d->groups[g].name);
		if (hits > best && type > 0) {
			best = hits;
			out->type = (enum feedback_type)type;
		}
	}
	out->tags = tags.n ? sl_join(&tags, "\n") : NULL;
	sl_free(&tags);
	out->sentiment = has_rating ? feedback_rating_sentiment(rating, scale)
				    : feedback_text_sentiment(d, text);
}
