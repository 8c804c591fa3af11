/* Classifying feedback on the way in: mode from the channel, keyword tags
 * and the suggested type from the campaign's dictionary, sentiment from the
 * rating or from polarity words; and what a search term means, shared by
 * keyword tagging, the search index and its tests. Pure functions. */
#ifndef WARROOM_FEEDBACK_H
#define WARROOM_FEEDBACK_H

#include <stdbool.h>
#include <stdint.h>

#include "warroom/campaign.h"

/* ---- what a term matches ------------------------------------------------
 * CJK characters (Han, kana, hangul) are matched as substrings: a term of
 * any length from one character. Letters and digits of other scripts form
 * words, compared after folding full-width forms to ASCII and upper case to
 * lower case, and a term matches a word that starts with it. A term mixing
 * the two, or holding punctuation, matches where its folded form occurs
 * with its first letter at the start of a word. */

bool fb_is_cjk(int32_t cp);
/* The folded form of a code point: full-width ASCII to ASCII, ASCII and
 * Latin-1 capitals to small letters; others unchanged. */
int32_t fb_fold(int32_t cp);
/* True for a letter or digit that belongs to a word (not CJK), folded or not. */
bool fb_is_word(int32_t cp);

/* True when `text` matches `term` (one term, no spaces) as described above. */
bool feedback_term_matches(const char *text, const char *term);
/* True when every whitespace-separated term of `search` matches (ASCII
 * spaces, tabs, newlines and the ideographic space U+3000 separate terms).
 * A search with no terms matches everything. */
bool feedback_search_matches(const char *text, const char *search);
/* True when the term is only CJK characters or only one word: the search
 * index alone answers it exactly. */
bool feedback_term_is_simple(const char *term, size_t len);

/* ---- channels, ratings, names ------------------------------------------ */

/* Active for surveys, phone callbacks and interviews (in English or
 * Chinese: 问卷, 电话回访, 访谈...); passive otherwise, including
 * e-commerce reviews, social media, service tickets and after-sales
 * surveys (售后问卷). */
enum feedback_mode feedback_channel_mode(const char *channel);
/* The English name of a known channel ("e-commerce review" for 电商评价),
 * or NULL for a channel the team added. */
const char *feedback_channel_canonical(const char *channel);
const char *feedback_mode_name(enum feedback_mode m);
/* The mode in the user's language, for the screen ("主动收集"). */
const char *feedback_mode_label(enum feedback_mode m);

/* The scale of a rating: `scale` when it is 5 or 10; otherwise 10 when the
 * rating is 0 or above 5, else 5. */
int feedback_rating_scale(double rating, int scale);
/* Sentiment of a rating: 1-5 stars (4-5 positive, 3 neutral, 1-2 negative)
 * or 0-10 (9-10 positive, 7-8 neutral, 0-6 negative, as NPS counts them). */
int feedback_rating_sentiment(double rating, int scale);
/* Parses "4", "4.5", "4/5", "9/10", "4分", "5星"; *scale is 5 or 10 when
 * the text says, else 0. False for anything else or out of range. */
bool feedback_rating_parse(const char *s, double *rating, int *scale);
/* True when the rating fits its scale (1-5 or 0-10). */
bool feedback_rating_valid(double rating, int scale);

/* Type names: product | service | rules | brand | none, and 产品 / 服务 /
 * 规则 / 品牌 (also 产品体验, 服务体验, 活动规则, 品牌感知). -1 when unknown. */
int feedback_type_parse(const char *s);
/* negative | neutral | positive, neg | neu | pos, -1 | 0 | 1, 负面 | 中性 |
 * 正面. FB_SENTIMENT_BAD when unknown. */
#define FB_SENTIMENT_BAD (-9)
int feedback_sentiment_parse(const char *s);
const char *feedback_sentiment_name(int sentiment);
/* new | triaged | actioned | closed (and 新 / 已分拣 / 已处理 / 已关闭). -1 when unknown. */
int feedback_status_parse(const char *s);

/* Recognises a message already stored: a hash of the four fields that
 * identify it. Equal hashes are confirmed against the row itself. */
int64_t feedback_fingerprint(const char *at, const char *channel, const char *customer,
			     const char *text);

/* ---- dictionary, tags and sentiment ----------------------------------- */

typedef struct feedback_dict {
	const tag_group *groups;
	size_t n_groups;
	const strlist *positive, *negative; /* may be empty: built-in lists are used */
} feedback_dict;

typedef struct feedback_classified {
	enum feedback_mode mode;
	enum feedback_type type; /* suggested from the group with most hits */
	char *tags;              /* matched keywords, one per line; NULL if none */
	int sentiment;           /* -1, 0, 1 */
} feedback_classified;

/* Sentiment from polarity words (the dictionary's, or built-in ones). A
 * word right after a negation (不, 没, 没有, not...) counts for the other
 * side: 不满意 is negative, 不贵 positive. */
int feedback_text_sentiment(const feedback_dict *d, const char *text);
/* True when `text` matches `word` as a search term would. */
bool feedback_text_has(const char *text, const char *word);
void feedback_classify(const feedback_dict *d, const char *channel, const char *text,
		       bool has_rating, double rating, int scale, feedback_classified *out);

/* The same with the dictionary folded once, for imports of many messages. */
typedef struct feedback_tagger feedback_tagger;
feedback_tagger *feedback_tagger_new(const feedback_dict *d);
void feedback_tagger_free(feedback_tagger *t);
void feedback_tagger_classify(feedback_tagger *t, const char *channel, const char *text,
			      bool has_rating, double rating, int scale,
			      feedback_classified *out);

#endif
