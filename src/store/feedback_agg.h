/* Private to the feedback store files: each campaign's feedback figures
 * (counts by type, sentiment, status, read, mode, rating band and tag),
 * kept as messages are added and changed, so the Inbox's stats strip over
 * the whole inbox is a read of a few dozen rows instead of a walk of a
 * million messages (feedback_agg.c, schema migration 4).
 *
 * Messages are added by feedback batches only, which count what they add
 * in memory and write the sums when they commit (st_fbagg_*); changes of
 * type, sentiment, status and read are counted by triggers; changes of
 * tags by store_feedback_set, through st_fbagg_tags. A campaign's figures
 * go with it (ON DELETE CASCADE). */
#ifndef WARROOM_FEEDBACK_AGG_H
#define WARROOM_FEEDBACK_AGG_H

#include "store_internal.h"

typedef struct fb_agg_tag {
	char *tag;
	int64_t n;
} fb_agg_tag;

typedef struct fb_agg {
	int64_t type[5], sentiment[3], status[4], read[2], mode[2];
	int64_t promoter, passive, detractor; /* 0-10 ratings */
	int64_t satisfied, unsatisfied;      /* 1-5 ratings */
	fb_agg_tag *tags;
	size_t n_tags, cap_tags;
	size_t last_tag; /* where the last tag was found: tags repeat */
} fb_agg;

/* Counts one message with these values, `delta` times (1 added, -1 gone). */
void st_fbagg_message(fb_agg *g, int type, int sentiment, int status, bool is_read, int mode,
		      bool has_rating, double rating, int scale, const char *tags, int delta);
/* Counts each tag of a one-per-line list `delta` times. */
void st_fbagg_tag_list(fb_agg *g, const char *tags, int delta);
/* Adds the counts to the campaign's figures (in the caller's transaction)
 * and clears them. */
enum store_rc st_fbagg_flush(store *s, int64_t cid, fb_agg *g);
void st_fbagg_free(fb_agg *g);

/* Calls fn with each figure of the campaign: dim is one of "type",
 * "sentiment" (-1, 0, 1), "status", "read", "mode", "nps" (promoter,
 * passive, detractor), "rated5" (satisfied, other) and "tag". */
enum store_rc st_fbagg_each(store *s, int64_t cid,
			    void (*fn)(void *ctx, const char *dim, const char *key, int64_t n),
			    void *ctx);

#endif
