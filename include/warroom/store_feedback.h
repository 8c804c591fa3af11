/* Feedback in the store: ingestion in batches (one transaction, prepared
 * statements reused, ids assigned in date order), filtered lists with
 * keyset pagination, exact free-text search, triage edits with audit rows,
 * and the statistics behind the stats strip and feedback-sourced metrics
 * (feedback.nps, feedback.satisfaction, feedback.tag:WORD). */
#ifndef WARROOM_STORE_FEEDBACK_H
#define WARROOM_STORE_FEEDBACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "warroom/campaign.h"
#include "warroom/date.h"
#include "warroom/store.h"

/* ---- rows ------------------------------------------------------------- */

typedef struct feedback_row {
	int64_t id;      /* date-ordered: newer messages have larger ids */
	int64_t version;
	int64_t campaign_id;
	char *at;        /* "YYYY-MM-DD HH:MM:SS" */
	char *channel;
	enum feedback_mode mode;
	enum feedback_type type;
	char *tags;      /* one per line, or NULL */
	int sentiment;   /* -1, 0, 1 */
	bool has_rating;
	double rating;
	int rating_scale; /* 5 (1-5 stars) or 10 (0-10, NPS); 0 without a rating */
	char *customer;
	char *text;      /* exactly as received: sanitise before display */
	enum feedback_status status;
	char *owner;
	bool is_read;
	int64_t task_id, risk_id, problem_id; /* 0 when not linked */
	char *task_key;  /* key of the linked task, or NULL */
	char *origin;    /* "definition" | "cli" | "csv" */
	char *created_by, *created_at;
} feedback_row;

void feedback_row_free(feedback_row *r);
void feedback_rows_free(feedback_row *v, size_t n);

/* ---- filters and search ------------------------------------------------ */

#define FB_ANY (-9) /* "no condition" for the int fields below */

typedef struct feedback_filter {
	const char *search;  /* free text: every term must match (see below) */
	int type;            /* FB_ANY or enum feedback_type */
	const char *tag;     /* one tag, exact; NULL for any */
	const char *channel; /* exact, case-insensitive for ASCII; NULL for any */
	int sentiment;       /* FB_ANY, -1, 0, 1 */
	int status;          /* FB_ANY or enum feedback_status */
	int is_read;         /* FB_ANY, 0 unread, 1 read */
	const char *owner;   /* exact; NULL for any */
	wr_date since, until; /* inclusive days; WR_DATE_NONE for open ends */
} feedback_filter;

/* Statistics take the same filter, so the stats strip describes what the
 * list shows and a metric can be limited to a period. */
typedef feedback_filter feedback_stats_filter;

/* A filter with no conditions. */
void feedback_filter_init(feedback_filter *f);

/* Free-text search: a CJK term of any length from one character matches
 * the messages whose text contains it, exactly like a substring scan;
 * Latin letters and digits match words starting with the term, without
 * regard to case (full-width forms count as ASCII). A term mixing scripts
 * or holding punctuation matches where its folded form occurs and starts
 * a word. */

/* How many messages match. */
enum store_rc store_feedback_count(store *s, int64_t campaign_id, const feedback_filter *f,
				   size_t *n);
/* Newest first, up to `limit` rows with an id below `before_id` (0: from
 * the newest). Pass the last id of a page to get the next: keyset
 * pagination, so no page costs more than its own rows. */
enum store_rc store_feedback_page(store *s, int64_t campaign_id, const feedback_filter *f,
				  int64_t before_id, size_t limit, feedback_row *out, size_t *n);
/* Oldest first from an id above `after_id`, for scrolling back up. Rows
 * come out newest first like store_feedback_page (the last is the oldest). */
enum store_rc store_feedback_page_after(store *s, int64_t campaign_id,
					const feedback_filter *f, int64_t after_id,
					size_t limit, feedback_row *out, size_t *n);
/* How many matching messages are newer than `id` (its row index in the
 * newest-first list), so a list can keep its cursor on one message. */
enum store_rc store_feedback_rank(store *s, int64_t campaign_id, const feedback_filter *f,
				  int64_t id, size_t *index);
enum store_rc store_feedback_get(store *s, int64_t id, feedback_row *out);
/* A number that changes whenever the campaign's feedback does (messages
 * added, triaged, made problems), by this or another process: one lookup
 * tells a pane whether its counts and statistics still hold. */
enum store_rc store_feedback_revision(store *s, int64_t campaign_id, int64_t *rev);

/* ---- ingestion --------------------------------------------------------- */

typedef struct feedback_new {
	wr_date at;
	int at_secs;
	const char *channel;
	const char *customer;
	const char *text;       /* required; stored exactly as given */
	int type;               /* FB_ANY: suggested from the dictionary */
	const char *tags;       /* one per line; NULL: from the dictionary */
	int sentiment;          /* FB_ANY: from the rating, else polarity words */
	int mode;               /* FB_ANY: from the channel */
	bool has_rating;
	double rating;
	int rating_scale;       /* 5, 10, or 0: 10 when the rating is 0 or above 5 */
} feedback_new;

typedef struct feedback_batch feedback_batch;

/* Starts adding messages to a campaign in one transaction (joining the
 * caller's when one is open). The campaign's keyword dictionary and
 * polarity words are loaded once. `origin` is "cli", "csv" or
 * "definition". */
enum store_rc store_feedback_batch_begin(store *s, int64_t campaign_id, const char *origin,
					 feedback_batch **out);
/* Adds one message. A message with the same time, channel, customer and
 * text as one already in the campaign is skipped (*added false), so
 * importing a file twice adds nothing. */
enum store_rc store_feedback_batch_add(feedback_batch *b, const feedback_new *m, bool *added,
				       int64_t *id);
/* Writes one audit row summarising the batch when it added messages
 * (`what` names where they came from, e.g. the file), commits and frees. */
enum store_rc store_feedback_batch_commit(feedback_batch *b, const char *what);
/* Rolls back everything added and frees. */
void store_feedback_batch_abort(feedback_batch *b);
/* Counts so far. */
void store_feedback_batch_counts(const feedback_batch *b, size_t *added, size_t *skipped);

/* ---- triage ------------------------------------------------------------ */

enum feedback_field {
	FB_F_READ,      /* "0" | "1" */
	FB_F_TYPE,      /* product | service | rules | brand | none */
	FB_F_TAGS,      /* one per line (or comma-separated) */
	FB_F_SENTIMENT, /* negative | neutral | positive (or -1 0 1) */
	FB_F_OWNER,     /* a name, or "" to clear */
	FB_F_STATUS,    /* new | triaged | actioned | closed */
	FB_F_TASK,      /* a task key of the campaign, or "" to unlink */
	FB_F_RISK,      /* a risk id of the campaign, or "" to unlink */
};
const char *feedback_field_name(enum feedback_field f);
/* Name -> field, -1 when unknown ("read", "type", "tags", "sentiment",
 * "owner", "status", "task", "risk"). */
int feedback_field_from(const char *s);

/* Sets one field of each message in `ids` in one transaction with one
 * audit row per message whose value changed. `expected_version` guards a
 * single edit against a concurrent change (STORE_CONFLICT); pass -1 to
 * skip it (bulk edits). */
enum store_rc store_feedback_set(store *s, const int64_t *ids, size_t n,
				 int64_t expected_version, enum feedback_field field,
				 const char *value);
/* Turns a message into a review problem (description from its text,
 * impact medium, linked back to it; the one made before when there is
 * one); the message becomes actioned. */
enum store_rc store_feedback_to_problem(store *s, int64_t id, int64_t *problem_id);

/* ---- statistics -------------------------------------------------------- */

typedef struct feedback_tag_stat {
	char *tag;
	size_t count; /* messages naming it */
	double rate;  /* count / total: the mention rate, 0..1 */
} feedback_tag_stat;

typedef struct feedback_stats {
	size_t total;
	size_t unread;
	size_t by_type[5];      /* index: enum feedback_type (0 = none) */
	size_t by_sentiment[3]; /* negative, neutral, positive */
	size_t by_status[4];    /* index: enum feedback_status */
	size_t by_mode[2];      /* passive, active */
	/* 1-5 ratings: satisfaction = share of 4-5 */
	size_t rated_5, satisfied;
	bool has_satisfaction;
	double satisfaction;    /* 0..1 */
	/* 0-10 ratings: NPS = % of 9-10 minus % of 0-6 */
	size_t nps_answers, promoters, passives, detractors;
	bool has_nps;
	double nps;             /* percentage points, -100..100 */
	/* every tag of the campaign's dictionary (even at 0) and any other
	 * tag operators set, by count (descending), then dictionary order */
	feedback_tag_stat *tags;
	size_t n_tags;
} feedback_stats;

enum store_rc store_feedback_stats(store *s, int64_t campaign_id, const feedback_stats_filter *f,
				   feedback_stats *out);
void feedback_stats_free(feedback_stats *st);
/* A feedback-sourced metric value over the messages up to `until`
 * (WR_DATE_NONE: all): "feedback.nps" in points (-100..100);
 * "feedback.satisfaction", "feedback.negative", "feedback.positive" and
 * "feedback.tag:WORD" (the mention rate) as fractions, like every
 * percentage in warroom (0.7 is 70 %); "feedback.count" as a number.
 * *has is false when there is nothing to compute from (no ratings of that
 * scale, no messages). */
enum store_rc store_feedback_metric(store *s, int64_t campaign_id, const char *source,
				    wr_date until, bool *has, double *value);

#endif
