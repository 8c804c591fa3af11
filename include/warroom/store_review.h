/* The post-campaign review (复盘) in the store: an overview, an analysis
 * note per metric, highlights, problems (impact, a 5-why chain down to the
 * root cause, the improvement action with its owner, deadline and status)
 * and lessons to reuse.
 *
 * Every record carries a version. Every save passes the version it read;
 * when the record changed since, the save is refused with STORE_CONFLICT
 * and store_error says who changed it and when ("changed by X at T"), so
 * two operators never overwrite each other silently. Every change is one
 * transaction with an audit row per changed field.
 *
 * A final review is frozen: edits, additions and deletions are refused with
 * STORE_INVALID until it is reopened (store_review_set_final(..., false),
 * audited). Only the follow-up of the improvement plan stays live: a
 * problem's status, owner and deadline can change on a final review. */
#ifndef WARROOM_STORE_REVIEW_H
#define WARROOM_STORE_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "warroom/store.h"

enum review_entity {
	RV_REVIEW = 0, /* the review itself (overview); id = campaign id */
	RV_NOTE,       /* analysis note of one metric; id = metric id */
	RV_HIGHLIGHT,
	RV_PROBLEM,
	RV_LESSON,
	RV_N_ENTITY
};

/* What a field holds; the store validates and normalises it. */
enum review_value {
	RVV_TEXT = 0,  /* free text (valid UTF-8; kept byte for byte) */
	RVV_IMPACT,    /* high | medium | low (also 高 / 中 / 低) */
	RVV_STATUS,    /* open | in-progress | done (also 待办 / 进行中 / 已完成) */
	RVV_CATEGORY,  /* strategy | execution | resources | tools (also 策略 / 执行 / 资源 / 工具) */
	RVV_DATE,      /* YYYY-MM-DD or empty */
	RVV_METRIC,    /* key of one of the campaign's metrics, or empty */
};

typedef struct review_field {
	const char *name;  /* CLI option, JSON key and audit field: "why1", "root_cause"... */
	const char *label; /* shown in the pane and the report */
	enum review_value kind;
	bool required;     /* may not be empty */
	bool multiline;    /* long text: edited in $VISUAL / $EDITOR */
	bool live;         /* still editable when the review is final */
	size_t offset;     /* of the `char *` member in the entity's row struct */
} review_field;

const char *review_entity_name(enum review_entity e); /* "review", "note", "highlight"... */
int review_entity_from(const char *s);                /* -1 when unknown */
/* The entity's name in the audit log ("review", "review_note", "problem"...),
 * to list a record's history with store_audit_list. */
const char *review_entity_audit(enum review_entity e);
/* The editable fields of an entity, in display order. */
const review_field *review_fields(enum review_entity e, size_t *n);
const review_field *review_field_find(enum review_entity e, const char *name);
/* The value of a field in a row of that entity's struct (may be NULL). */
const char *review_field_get(const void *row, const review_field *f);

typedef struct review_head {
	int64_t campaign_id;
	int64_t version; /* 0 while nothing was saved */
	char *overview;
	bool is_final;
	char *updated_by, *updated_at;
} review_head;

/* One per metric of the campaign, in definition order, with or without a
 * note. */
typedef struct review_note {
	int64_t metric_id;
	int64_t version; /* 0 while the metric has no note */
	char *metric_key, *metric_name;
	char *note;
	char *updated_by, *updated_at;
} review_note;

typedef struct highlight_row {
	int64_t id, version, ord;
	char *text, *why, *metric_key;
	char *updated_by, *updated_at;
} highlight_row;

typedef struct problem_row {
	int64_t id, version, ord;
	int64_t feedback_id, risk_id; /* where it was collected from; 0 for none */
	char *description, *impact;
	char *why1, *why2, *why3, *why4, *why5;
	char *root_cause, *action, *owner, *deadline, *status;
	char *updated_by, *updated_at;
} problem_row;

typedef struct lesson_row {
	int64_t id, version, ord;
	int64_t campaign_id;
	char *campaign_key, *campaign_name;
	char *category, *content, *scenarios, *standardisation;
	char *updated_by, *updated_at;
} lesson_row;

typedef struct review_data {
	review_head head;
	review_note *notes;
	size_t n_notes;
	highlight_row *highlights;
	size_t n_highlights;
	problem_row *problems;
	size_t n_problems;
	lesson_row *lessons;
	size_t n_lessons;
} review_data;

/* The whole review of a campaign, read in one transaction. An empty review
 * (version 0) when nothing was written yet. */
enum store_rc store_review_load(store *s, int64_t campaign_id, review_data *out);
void review_data_free(review_data *r);
void problem_row_free(problem_row *p);
void lesson_rows_free(lesson_row *v, size_t n);

/* One field = value pair of an addition or an edit. */
typedef struct review_assign {
	const char *field; /* review_field name */
	const char *value; /* NULL or "" clears an optional field */
} review_assign;

/* Adds a highlight, problem or lesson with the given fields (the required
 * one among them) at the end of its list. */
enum store_rc store_review_add(store *s, enum review_entity e, int64_t campaign_id,
			       const review_assign *a, size_t n, int64_t *id);
/* Changes fields of one record in one transaction and one version step.
 * `id` is the campaign id for RV_REVIEW and the metric id for RV_NOTE.
 * expected_version is the version read (0 for a review or note never
 * saved); -1 skips the check. Nothing changing is not an error and does
 * not bump the version. */
enum store_rc store_review_edit(store *s, enum review_entity e, int64_t id,
				int64_t expected_version, const review_assign *a, size_t n);
/* Deletes a highlight, problem or lesson (audited with its main text). */
enum store_rc store_review_delete(store *s, enum review_entity e, int64_t id,
				  int64_t expected_version);
/* Marks the review final, or reopens it. */
enum store_rc store_review_set_final(store *s, int64_t campaign_id, int64_t expected_version,
				     bool final);
/* Collects a problem while the campaign runs: the description is the
 * feedback's text (the risk's subject, with its cause as the first why,
 * its plan as the action and its owner), feedback_id / risk_id are set,
 * in one transaction with an audit row. A feedback or risk already
 * collected returns the existing problem's id and adds nothing. Refused
 * when the review is final. */
enum store_rc store_problem_from_feedback(store *s, int64_t feedback_id, int64_t *problem_id);
enum store_rc store_problem_from_risk(store *s, int64_t risk_id, int64_t *problem_id);

/* The lessons library: lessons of every campaign, newest campaign first.
 * `text` matches content, scenarios, standardisation or the campaign's key
 * or name (substring, ASCII case folded); `category` one category; both
 * optional. */
enum store_rc store_lesson_search(store *s, const char *text, const char *category,
				  lesson_row **out, size_t *n);

/* The improvement plan: indexes of the problems not done, by owner (none
 * last), then deadline (none last), then order. A new array (free it). */
size_t *review_open_actions(const review_data *r, size_t *n);
/* True when a problem's deadline is before `today` and it is not done. */
bool problem_overdue(const problem_row *p, wr_date today);

#endif
