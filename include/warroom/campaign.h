/* A campaign definition as read from (and written to) a YAML file: the
 * plain in-memory shape shared by the importer, the validator, the store
 * and the exporter. Positions are kept so that semantic checks (cycles,
 * missing references) can name file:line:column. */
#ifndef WARROOM_CAMPAIGN_H
#define WARROOM_CAMPAIGN_H

#include <stdbool.h>
#include <stddef.h>

#include "warroom/date.h"
#include "warroom/diag.h"
#include "warroom/util.h"

enum metric_layer { LAYER_RESULT = 0, LAYER_PROCESS = 1, LAYER_AUXILIARY = 2 };
enum metric_direction { DIR_UP = 0, DIR_DOWN = 1 };
enum metric_aggregate { AGG_SUM = 0, AGG_LAST = 1, AGG_AVG = 2 };
enum task_status { TASK_NOT_STARTED = 0, TASK_IN_PROGRESS = 1, TASK_DONE = 2, TASK_DELAYED = 3 };
enum task_tracking { TRACK_DAILY = 0, TRACK_WEEKLY = 1 };
enum feedback_type { FB_TYPE_NONE = 0, FB_PRODUCT, FB_SERVICE, FB_RULES, FB_BRAND };
enum feedback_mode { FB_MODE_PASSIVE = 0, FB_MODE_ACTIVE = 1 };
enum feedback_status { FB_NEW = 0, FB_TRIAGED, FB_ACTIONED, FB_CLOSED };

const char *metric_layer_name(enum metric_layer l);
const char *metric_direction_name(enum metric_direction d);
const char *metric_aggregate_name(enum metric_aggregate a);
/* The layer and the aggregate in the user's language, for the screen. */
const char *metric_layer_label(enum metric_layer l);
const char *metric_aggregate_label(enum metric_aggregate a);
/* A risk's kind (metric, task, manual) and state (open, responded,
 * overdue, recovered, closed) in the user's language, for the screen and
 * tables people read; TSV and JSON keep the English words. Anything else
 * is returned as it is. */
const char *risk_kind_label(const char *kind);
const char *risk_state_label(const char *state);
/* How a metric value came in (record, import, definition) in the
 * user's language; anything else is returned as it is. */
const char *metric_origin_label(const char *origin);
const char *task_status_name(enum task_status s);
const char *task_tracking_name(enum task_tracking t);
const char *feedback_type_name(enum feedback_type t);
const char *feedback_status_name(enum feedback_status s);
/* Name -> value; return -1 when unknown. */
int metric_layer_from(const char *s);
int metric_direction_from(const char *s);
int metric_aggregate_from(const char *s);
int task_status_from(const char *s);
int task_tracking_from(const char *s);
int feedback_type_from(const char *s);
int feedback_status_from(const char *s);

typedef struct phase_def {
	char *name;
	wr_date start, end;
	src_pos pos;
} phase_def;

typedef struct objective_def {
	char *text;
	char *metric; /* optional metric key */
	src_pos pos;
	src_pos metric_pos; /* where `metric` was written */
} objective_def;

/* Per-phase target of a sum metric, for pacing (optional). */
typedef struct phase_target {
	char *phase;
	double target;
	src_pos pos; /* where the phase name was written */
} phase_target;

typedef struct metric_def {
	char *key, *name;
	enum metric_layer layer;
	char *definition; /* how it is computed, in words (may be NULL) */
	char *unit;       /* "元", "%", "人"... (may be NULL) */
	bool has_target;
	double target;
	enum metric_direction direction;
	enum metric_aggregate aggregate;
	char *formula; /* e.g. "clicks / impressions"; NULL for recorded metrics */
	double weight; /* 0 when not weighted */
	char *source, *frequency;
	bool has_warn, has_alert;
	double warn, alert; /* negative fractions: -0.10 means 10 % below */
	phase_target *phase_targets;
	size_t n_phase_targets;
	bool funnel; /* part of the campaign's funnel, in definition order */
	src_pos pos, formula_pos;
} metric_def;

typedef struct task_def {
	char *key, *name, *strategy, *owner;
	strlist with;  /* collaborators */
	wr_date start, due;
	char *deliverable;
	enum task_tracking tracking;
	strlist after; /* keys of tasks this one depends on */
	src_pos *after_pos;
	bool milestone;
	char *phase; /* optional phase name */
	/* Initial state; a re-import never overwrites what operators recorded. */
	enum task_status status;
	int progress;
	char *problem, *support;
	src_pos pos, due_pos;
	src_pos phase_pos; /* where `phase` was written */
} task_def;

typedef struct tag_group {
	char *name;  /* product / service / rules / brand, or a team's own */
	strlist words;
} tag_group;

typedef struct feedback_def {
	wr_date at;
	int at_secs;
	char *channel;
	enum feedback_type type;
	char *text;
	bool has_rating;
	double rating;
	int rating_scale; /* 5 or 10; 0 = by value (above 5 means 0-10) */
	char *customer;
	src_pos pos;
} feedback_def;

typedef struct value_def {
	char *metric;
	wr_date at;
	int at_secs;
	double value;
	src_pos pos;
	src_pos metric_pos; /* where the metric key of its group was written */
} value_def;

typedef struct campaign_def {
	char *file; /* where it came from, for messages */
	char *key, *name, *type, *owner;
	wr_date start, end;
	bool has_budget;
	double budget;
	char *currency, *audience;
	strlist channels;
	char *baseline;
	phase_def *phases;
	size_t n_phases;
	objective_def *objectives;
	size_t n_objectives;
	metric_def *metrics;
	size_t n_metrics;
	task_def *tasks;
	size_t n_tasks;
	tag_group *tags;
	size_t n_tags;
	strlist positive_words, negative_words; /* sentiment polarity lists */
	feedback_def *feedback;
	size_t n_feedback;
	value_def *values;
	size_t n_values;
	src_pos pos, start_pos, end_pos, baseline_pos;
} campaign_def;

void campaign_def_free(campaign_def *c);
/* A task the definition gives no dates spans the campaign: it starts with
 * it (or on its due date, if that comes first) and is due at its end (or
 * on its start, if that comes later). Only missing dates are set, and only
 * from campaign dates that are known. */
void task_default_dates(task_def *t, wr_date campaign_start, wr_date campaign_end);
const metric_def *campaign_find_metric(const campaign_def *c, const char *key);
const task_def *campaign_find_task(const campaign_def *c, const char *key);

#endif
