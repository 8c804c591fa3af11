/* The feedback filter line, shared by the Inbox pane's '/' prompt and
 * `warroom feedback list --filter`:
 *
 *   type:product tag:快递 channel:抖音 sentiment:neg status:new
 *   since:2024-06-01 until:2024-06-05 is:unread owner:王强 free text
 *
 * Keys: type (product service rules brand none, or 产品 服务 规则 品牌),
 * tag, channel, sentiment (neg neu pos, negative neutral positive),
 * status (new triaged actioned closed), since, until (YYYY-MM-DD),
 * is (read, unread), owner. A value with spaces is quoted: channel:"social
 * media". Words without a known key are the free-text search. */
#ifndef WARROOM_FEEDBACK_FILTER_H
#define WARROOM_FEEDBACK_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "warroom/store_feedback.h"

typedef struct feedback_filter_text {
	feedback_filter f; /* its strings point into the fields below */
	char *search, *tag, *channel, *owner;
} feedback_filter_text;

/* Parses a filter line. False with a message naming the bad condition;
 * `out` is then empty (and still to be freed). */
bool feedback_filter_parse(const char *line, feedback_filter_text *out, char *err, size_t errlen);
void feedback_filter_text_free(feedback_filter_text *t);
/* The filter written back as a line, keys first (for a pane title). */
char *feedback_filter_describe(const feedback_filter *f);

#endif
