/* Private to the feedback store files: for each campaign, how many messages
 * hold each search term that is one token of the index: a CJK character or
 * a pair of them (feedback_terms.c, schema migration 9).
 *
 * A one- or two-character term is also the commonest: 好 is in a fifth of
 * a million messages, and counting its matches through the index walks
 * every one of them. Kept per campaign, such a count is one lookup.
 *
 * Feedback batches count what they add in memory and write the sums when
 * they commit, next to feedback_count. Each campaign's row with the empty
 * term holds the number of messages its counts cover; where that differs
 * from feedback_count (a message removed one by one, which no store path
 * does today), the counts are not trusted and the index counts instead. */
#ifndef WARROOM_FEEDBACK_TERMS_H
#define WARROOM_FEEDBACK_TERMS_H

#include "store_internal.h"

struct fb_term_slot;

typedef struct fb_terms {
	struct fb_term_slot *slots;
	size_t cap, used;
	uint64_t messages; /* messages counted; also tells one message from the next */
} fb_terms;

/* Counts each term of one message's text once. */
void st_fbterms_add_text(fb_terms *t, const char *text);
/* Adds the counts to the campaign's (in the caller's transaction) and
 * clears them. */
enum store_rc st_fbterms_flush(store *s, int64_t cid, fb_terms *t);
void st_fbterms_free(fb_terms *t);

/* The campaign's kept count of messages holding `term` (one token: see
 * fts_search_one_token); *kept is false when the counts cannot be used. */
enum store_rc st_fbterms_count(store *s, int64_t cid, const char *term, bool *kept, size_t *n);

/* Counts every campaign's messages afresh (schema migration 9). */
enum store_rc st_fbterms_rebuild(store *s);

#endif
