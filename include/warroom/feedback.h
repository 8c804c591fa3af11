/* Classifying feedback on the way in: mode from the channel, keyword tags
 * and the suggested type from the campaign's dictionary, sentiment from the
 * rating or from polarity words. Pure functions. */
#ifndef WARROOM_FEEDBACK_H
#define WARROOM_FEEDBACK_H

#include <stdbool.h>

#include "warroom/campaign.h"

typedef struct feedback_dict {
	const tag_group *groups;
	size_t n_groups;
	const strlist *positive, *negative; /* may be empty: built-in lists are used */
} feedback_dict;

typedef struct feedback_classified {
	enum feedback_mode mode;
	enum feedback_type type; /* suggested from the dominant tag group */
	char *tags;              /* matched keywords, one per line; NULL if none */
	int sentiment;           /* -1, 0, 1 */
} feedback_classified;

/* Active for surveys, phone callbacks and interviews; passive otherwise. */
enum feedback_mode feedback_channel_mode(const char *channel);
/* Sentiment of a rating: 1-5 stars (4-5 positive, 3 neutral, 1-2 negative)
 * or 0-10 (9-10 positive, 7-8 neutral, 0-6 negative). scale 0 = 10 when the
 * rating is above 5, else 5. */
int feedback_rating_sentiment(double rating, int scale);
/* Sentiment from polarity words (the dictionary's, or built-in ones). */
int feedback_text_sentiment(const feedback_dict *d, const char *text);
/* True when `text` contains `word`, ASCII letters compared without case. */
bool feedback_text_has(const char *text, const char *word);
void feedback_classify(const feedback_dict *d, const char *channel, const char *text,
		       bool has_rating, double rating, int scale, feedback_classified *out);

#endif
