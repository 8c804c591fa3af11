/* Private to the feedback store files: the id layout shared by ingestion
 * (feedback.c), queries (feedback_query.c) and edits (feedback_edit.c). */
#ifndef WARROOM_FEEDBACK_INTERNAL_H
#define WARROOM_FEEDBACK_INTERNAL_H

#include "store_internal.h"

/* Campaigns whose ids fit the feedback id layout. */
bool st_feedback_campaign_ok(int64_t cid);
/* The id range of a campaign's messages, inclusive. */
int64_t st_feedback_id_lo(int64_t cid);
int64_t st_feedback_id_hi(int64_t cid);
/* The first id of a day in a campaign (clamped to its range). */
int64_t st_feedback_id_of_day(int64_t cid, wr_date day);

#endif
