/* Reading a campaign definition: the campaign schema on top of the bounded
 * event reader. Each mapping of the file has a fixed set of keys; every
 * value is checked where it is written (type, number, date, enumeration,
 * range) so that the message names its exact line:column, and all such
 * problems of a file are collected. The cross-field checks (references,
 * cycles, date order) follow in campaign_check once the file parsed. */
#include "warroom/i18n.h"
#include "warroom/yaml_campaign.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "campaign_check.h"
#include "strmap.h"
#include "warroom/number.h"
#include "yaml_events.h"

typedef struct ctx {
	yreader r;
	campaign_def *c;
	yaml_task_hook *on_task; /* told of each task read while the file has no error */
	void *on_task_ctx;
	size_t cap_phases, cap_objectives, cap_metrics, cap_tasks, cap_tags, cap_feedback,
		cap_values;
} ctx;

static const char *const campaign_types[] = {"exposure", "conversion", "growth", "channel-test"};

static int campaign_type_from(const char *s)
{
	for (size_t i = 0; i < ARRAY_LEN(campaign_types); i++)
		if (strcmp(campaign_types[i], s) == 0)
			return (int)i;
	return -1;
}

/* ---- phases ---------------------------------------------------------- */

static const yr_field phase_fields[] = {{"name", true}, {"start", true}, {"end", true}};

static void read_phase(ctx *x, const char *path)
{
	yreader *r = &x->r;
	phase_def ph = {.start = WR_DATE_NONE, .end = WR_DATE_NONE, .pos = yr_pos(r)};
	if (!yr_map_enter(r, path, N_("a phase such as {name: 预热期, start: 2024-06-01, end: 2024-06-05}")))
		return;
	uint64_t seen = 0;
	int f;
	char fp[YR_PATH_MAX];
	while ((f = yr_map_field(r, path, phase_fields, ARRAY_LEN(phase_fields), &seen)) >= 0) {
		yr_path_key(fp, path, phase_fields[f].name);
		if (f == 0)
			yr_text(r, fp, &ph.name, NULL);
		else
			yr_date(r, fp, f == 1 ? &ph.start : &ph.end, NULL);
	}
	yr_map_required(r, path, ph.pos, phase_fields, ARRAY_LEN(phase_fields), seen);
	campaign_def *c = x->c;
	c->phases = xgrow(c->phases, &x->cap_phases, c->n_phases + 1, sizeof *c->phases);
	c->phases[c->n_phases++] = ph;
}

/* ---- objectives ------------------------------------------------------ */

static const yr_field objective_fields[] = {{"text", true}, {"metric", false}};

static void read_objective(ctx *x, const char *path)
{
	yreader *r = &x->r;
	objective_def o = {.pos = yr_pos(r)};
	if (!yr_map_enter(r, path, N_("an objective such as {text: 新品GMV突破500万元, metric: gmv}")))
		return;
	uint64_t seen = 0;
	int f;
	char fp[YR_PATH_MAX];
	while ((f = yr_map_field(r, path, objective_fields, ARRAY_LEN(objective_fields), &seen)) >= 0) {
		yr_path_key(fp, path, objective_fields[f].name);
		if (f == 0)
			yr_text(r, fp, &o.text, NULL);
		else
			yr_text(r, fp, &o.metric, &o.metric_pos);
	}
	yr_map_required(r, path, o.pos, objective_fields, ARRAY_LEN(objective_fields), seen);
	campaign_def *c = x->c;
	c->objectives = xgrow(c->objectives, &x->cap_objectives, c->n_objectives + 1,
			      sizeof *c->objectives);
	c->objectives[c->n_objectives++] = o;
}

/* ---- metrics --------------------------------------------------------- */

enum {
	MF_KEY, MF_NAME, MF_LAYER, MF_DEFINITION, MF_UNIT, MF_TARGET, MF_DIRECTION, MF_AGGREGATE,
	MF_FORMULA, MF_WEIGHT, MF_SOURCE, MF_FREQUENCY, MF_WARN, MF_ALERT, MF_PHASE_TARGETS,
	MF_FUNNEL,
};
static const yr_field metric_fields[] = {
	[MF_KEY] = {"key", true},           [MF_NAME] = {"name", false},
	[MF_LAYER] = {"layer", false},      [MF_DEFINITION] = {"definition", false},
	[MF_UNIT] = {"unit", false},        [MF_TARGET] = {"target", false},
	[MF_DIRECTION] = {"direction", false}, [MF_AGGREGATE] = {"aggregate", false},
	[MF_FORMULA] = {"formula", false},  [MF_WEIGHT] = {"weight", false},
	[MF_SOURCE] = {"source", false},    [MF_FREQUENCY] = {"frequency", false},
	[MF_WARN] = {"warn", false},        [MF_ALERT] = {"alert", false},
	[MF_PHASE_TARGETS] = {"phase_targets", false}, [MF_FUNNEL] = {"funnel", false},
};

static void read_phase_targets(ctx *x, const char *path, metric_def *m)
{
	yreader *r = &x->r;
	if (yr_is_null(r)) {
		yr_advance(r);
		return;
	}
	if (!yr_map_enter(r, path, N_("a mapping of phase names to targets such as {预热期: 100万}")))
		return;
	size_t cap = 0;
	strmap seen = {0};
	char *key;
	src_pos kp;
	while (yr_map_key(r, path, &key, &kp)) {
		char fp[YR_PATH_MAX];
		yr_path_key(fp, path, key);
		double v;
		if (!strmap_add(&seen, key, 0)) {
			yr_error(r, kp, _("%s: duplicate key '%s'"), path, key);
			yr_skip(r);
		} else if (yr_is_null(r)) {
			yr_error(r, yr_pos(r), _("%s: empty value; expected a number"), fp);
			yr_advance(r);
		} else if (yr_number(r, fp, &v, NULL, NULL)) {
			m->phase_targets = xgrow(m->phase_targets, &cap, m->n_phase_targets + 1,
						 sizeof *m->phase_targets);
			m->phase_targets[m->n_phase_targets++] = (phase_target){xstrdup(key), v, kp};
		}
		free(key);
	}
	strmap_free(&seen);
}

/* warn / alert: how far behind target, as a fraction in [-1, 0]. */
static void read_threshold(ctx *x, const char *fp, bool *has, double *dst)
{
	double v;
	src_pos p;
	if (!yr_number(&x->r, fp, &v, NULL, &p))
		return;
	char buf[64];
	if (v > 0)
		yr_error(&x->r, p, _("%s: %s%% must be zero or negative (how far behind target, e.g. -10%%)"),
			 fp, number_format_plain(v * 100, buf, sizeof buf));
	else if (v < -1)
		yr_error(&x->r, p, _("%s: %s%% is below -100%% (write e.g. -10%%)"), fp,
			 number_format_plain(v * 100, buf, sizeof buf));
	else {
		*has = true;
		*dst = v;
	}
}

static void read_metric(ctx *x, const char *path)
{
	yreader *r = &x->r;
	metric_def m = {.pos = yr_pos(r), .layer = LAYER_RESULT, .direction = DIR_UP,
			.aggregate = AGG_SUM};
	if (!yr_map_enter(r, path, N_("a metric such as {key: gmv, name: GMV, target: 500万}")))
		return;
	uint64_t seen = 0;
	int f, e;
	char fp[YR_PATH_MAX];
	src_pos p, agg_pos = {0, 0};
	double v;
	while ((f = yr_map_field(r, path, metric_fields, ARRAY_LEN(metric_fields), &seen)) >= 0) {
		yr_path_key(fp, path, metric_fields[f].name);
		switch (f) {
		case MF_KEY:
			if (yr_text(r, fp, &m.key, &p) && !metric_key_valid(m.key))
				yr_error(r, p,
					 _("%s: '%s' is not a valid metric key (lower-case letters, digits and _, starting with a letter or _; formulas use it)"),
					 fp, m.key);
			break;
		case MF_NAME:
			yr_text(r, fp, &m.name, NULL);
			break;
		case MF_LAYER:
			if (yr_enum(r, fp, metric_layer_from, N_("one of: result, process, auxiliary"), &e, NULL))
				m.layer = (enum metric_layer)e;
			break;
		case MF_DEFINITION:
			yr_text(r, fp, &m.definition, NULL);
			break;
		case MF_UNIT:
			yr_text(r, fp, &m.unit, NULL);
			break;
		case MF_TARGET:
			if (yr_number(r, fp, &m.target, NULL, NULL))
				m.has_target = true;
			break;
		case MF_DIRECTION:
			if (yr_enum(r, fp, metric_direction_from, N_("one of: up, down"), &e, NULL))
				m.direction = (enum metric_direction)e;
			break;
		case MF_AGGREGATE:
			agg_pos = yr_pos(r);
			if (yr_enum(r, fp, metric_aggregate_from, N_("one of: sum, last, avg"), &e, NULL))
				m.aggregate = (enum metric_aggregate)e;
			else
				agg_pos = (src_pos){0, 0};
			break;
		case MF_FORMULA:
			yr_text(r, fp, &m.formula, &m.formula_pos);
			break;
		case MF_WEIGHT:
			if (yr_number(r, fp, &v, NULL, &p)) {
				if (v < 0)
					yr_error(r, p, _("%s: %s must not be negative"), fp,
						 number_format_plain(v, (char[64]){0}, 64));
				else
					m.weight = v;
			}
			break;
		case MF_SOURCE:
			yr_text(r, fp, &m.source, NULL);
			break;
		case MF_FREQUENCY:
			yr_text(r, fp, &m.frequency, NULL);
			break;
		case MF_WARN:
			read_threshold(x, fp, &m.has_warn, &m.warn);
			break;
		case MF_ALERT:
			read_threshold(x, fp, &m.has_alert, &m.alert);
			break;
		case MF_PHASE_TARGETS:
			read_phase_targets(x, fp, &m);
			break;
		case MF_FUNNEL:
			yr_bool(r, fp, &m.funnel, NULL);
			break;
		}
	}
	yr_map_required(r, path, m.pos, metric_fields, ARRAY_LEN(metric_fields), seen);
	if (m.formula && agg_pos.line) {
		yr_error(r, agg_pos,
			 _("%s.aggregate: a formula metric has no aggregate of its own (it is computed from its inputs)"),
			 path);
		m.aggregate = AGG_SUM;
	}
	if (!m.name && m.key)
		m.name = xstrdup(m.key);
	campaign_def *c = x->c;
	c->metrics = xgrow(c->metrics, &x->cap_metrics, c->n_metrics + 1, sizeof *c->metrics);
	c->metrics[c->n_metrics++] = m;
}

/* ---- tasks ----------------------------------------------------------- */

enum {
	TF_ID, TF_NAME, TF_STRATEGY, TF_OWNER, TF_WITH, TF_START, TF_DUE, TF_DELIVERABLE,
	TF_TRACKING, TF_AFTER, TF_MILESTONE, TF_PHASE, TF_STATUS, TF_PROGRESS, TF_PROBLEM,
	TF_SUPPORT,
};
static const yr_field task_fields[] = {
	[TF_ID] = {"id", true},           [TF_NAME] = {"name", true},
	[TF_STRATEGY] = {"strategy", false}, [TF_OWNER] = {"owner", false},
	[TF_WITH] = {"with", false},       [TF_START] = {"start", false},
	[TF_DUE] = {"due", false},         [TF_DELIVERABLE] = {"deliverable", false},
	[TF_TRACKING] = {"tracking", false}, [TF_AFTER] = {"after", false},
	[TF_MILESTONE] = {"milestone", false}, [TF_PHASE] = {"phase", false},
	[TF_STATUS] = {"status", false},   [TF_PROGRESS] = {"progress", false},
	[TF_PROBLEM] = {"problem", false}, [TF_SUPPORT] = {"support", false},
};

static void read_progress(ctx *x, const char *fp, int *dst)
{
	double v;
	bool pct;
	src_pos p;
	if (!yr_number(&x->r, fp, &v, &pct, &p))
		return;
	if (pct)
		v *= 100;
	double rv = round(v);
	char buf[64];
	if (rv < 0 || rv > 100)
		yr_error(&x->r, p, _("%s: %s is outside 0-100"), fp, number_format_plain(v, buf, sizeof buf));
	else if (fabs(v - rv) > 1e-9)
		yr_error(&x->r, p, _("%s: %s must be a whole number from 0 to 100"), fp,
			 number_format_plain(v, buf, sizeof buf));
	else
		*dst = (int)rv;
}

static void read_task(ctx *x, const char *path)
{
	yreader *r = &x->r;
	task_def t = {.pos = yr_pos(r), .start = WR_DATE_NONE, .due = WR_DATE_NONE,
		      .tracking = TRACK_DAILY, .status = TASK_NOT_STARTED};
	if (!yr_map_enter(r, path, N_("a task such as {id: kol-list, name: KOL名单筛选, due: 2024-05-25}")))
		return;
	uint64_t seen = 0;
	int f, e;
	char fp[YR_PATH_MAX];
	src_pos p;
	while ((f = yr_map_field(r, path, task_fields, ARRAY_LEN(task_fields), &seen)) >= 0) {
		yr_path_key(fp, path, task_fields[f].name);
		switch (f) {
		case TF_ID:
			if (yr_text(r, fp, &t.key, &p) && !task_key_valid(t.key))
				yr_error(r, p,
					 _("%s: '%s' is not a valid task id (no spaces or control characters, at most 128 bytes)"),
					 fp, t.key);
			break;
		case TF_NAME:
			yr_text(r, fp, &t.name, NULL);
			break;
		case TF_STRATEGY:
			yr_text(r, fp, &t.strategy, NULL);
			break;
		case TF_OWNER:
			yr_text(r, fp, &t.owner, NULL);
			break;
		case TF_WITH:
			yr_strlist(r, fp, &t.with, NULL);
			break;
		case TF_START:
			yr_date(r, fp, &t.start, NULL);
			break;
		case TF_DUE:
			yr_date(r, fp, &t.due, &t.due_pos);
			break;
		case TF_DELIVERABLE:
			yr_text(r, fp, &t.deliverable, NULL);
			break;
		case TF_TRACKING:
			if (yr_enum(r, fp, task_tracking_from, N_("one of: daily, weekly"), &e, NULL))
				t.tracking = (enum task_tracking)e;
			break;
		case TF_AFTER:
			yr_strlist(r, fp, &t.after, &t.after_pos);
			break;
		case TF_MILESTONE:
			yr_bool(r, fp, &t.milestone, NULL);
			break;
		case TF_PHASE:
			yr_text(r, fp, &t.phase, &t.phase_pos);
			break;
		case TF_STATUS:
			if (yr_enum(r, fp, task_status_from,
				    N_("one of: not-started, in-progress, done, delayed"), &e, NULL))
				t.status = (enum task_status)e;
			break;
		case TF_PROGRESS:
			read_progress(x, fp, &t.progress);
			break;
		case TF_PROBLEM:
			yr_text(r, fp, &t.problem, NULL);
			break;
		case TF_SUPPORT:
			yr_text(r, fp, &t.support, NULL);
			break;
		}
	}
	yr_map_required(r, path, t.pos, task_fields, ARRAY_LEN(task_fields), seen);
	campaign_def *c = x->c;
	task_default_dates(&t, c->start, c->end);
	c->tasks = xgrow(c->tasks, &x->cap_tasks, c->n_tasks + 1, sizeof *c->tasks);
	c->tasks[c->n_tasks++] = t;
	/* Final once its default dates could be set. */
	if (x->on_task && x->r.errors == 0 && c->start != WR_DATE_NONE && c->end != WR_DATE_NONE)
		x->on_task(x->on_task_ctx, c, c->n_tasks);
}

/* ---- feedback -------------------------------------------------------- */

enum { FF_AT, FF_CHANNEL, FF_TYPE, FF_TEXT, FF_RATING, FF_SCALE, FF_CUSTOMER };
static const yr_field feedback_fields[] = {
	[FF_AT] = {"at", true},         [FF_CHANNEL] = {"channel", false},
	[FF_TYPE] = {"type", false},    [FF_TEXT] = {"text", true},
	[FF_RATING] = {"rating", false}, [FF_SCALE] = {"scale", false},
	[FF_CUSTOMER] = {"customer", false},
};

static void read_feedback_item(ctx *x, const char *path)
{
	yreader *r = &x->r;
	feedback_def fb = {.pos = yr_pos(r), .at = WR_DATE_NONE};
	if (!yr_map_enter(r, path, N_("feedback such as {at: 2024-06-03, channel: 电商评价, text: 快递延迟2天}")))
		return;
	uint64_t seen = 0;
	int f, e;
	char fp[YR_PATH_MAX];
	src_pos p, rating_pos = {0, 0};
	double v;
	while ((f = yr_map_field(r, path, feedback_fields, ARRAY_LEN(feedback_fields), &seen)) >= 0) {
		yr_path_key(fp, path, feedback_fields[f].name);
		switch (f) {
		case FF_AT:
			yr_datetime(r, fp, &fb.at, &fb.at_secs, NULL);
			break;
		case FF_CHANNEL:
			yr_text(r, fp, &fb.channel, NULL);
			break;
		case FF_TYPE:
			if (yr_enum(r, fp, feedback_type_from, N_("one of: product, service, rules, brand"), &e,
				    NULL))
				fb.type = (enum feedback_type)e;
			break;
		case FF_TEXT:
			yr_text(r, fp, &fb.text, NULL);
			break;
		case FF_RATING:
			if (yr_number(r, fp, &fb.rating, NULL, &rating_pos))
				fb.has_rating = true;
			break;
		case FF_SCALE:
			if (yr_number(r, fp, &v, NULL, &p)) {
				if (v == 5 || v == 10)
					fb.rating_scale = (int)v;
				else
					yr_error(r, p, _("%s: %s is not 5 or 10"), fp,
						 number_format_plain(v, (char[64]){0}, 64));
			}
			break;
		case FF_CUSTOMER:
			yr_text(r, fp, &fb.customer, NULL);
			break;
		}
	}
	yr_map_required(r, path, fb.pos, feedback_fields, ARRAY_LEN(feedback_fields), seen);
	if (fb.has_rating) {
		double lo = fb.rating_scale == 5 ? 1 : 0, hi = fb.rating_scale == 5 ? 5 : 10;
		if (fb.rating < lo || fb.rating > hi) {
			char buf[64];
			yr_error(r, rating_pos, _("%s.rating: %s is outside the %g-%g scale"), path,
				 number_format_plain(fb.rating, buf, sizeof buf), lo, hi);
		}
	}
	campaign_def *c = x->c;
	c->feedback = xgrow(c->feedback, &x->cap_feedback, c->n_feedback + 1, sizeof *c->feedback);
	c->feedback[c->n_feedback++] = fb;
}

/* ---- tags, sentiment words, values ----------------------------------- */

static void read_tags(ctx *x, const char *path)
{
	yreader *r = &x->r;
	if (yr_is_null(r)) {
		yr_advance(r);
		return;
	}
	if (!yr_map_enter(r, path, N_("a mapping of tag names to word lists such as {service: [物流, 客服]}")))
		return;
	campaign_def *c = x->c;
	strmap seen = {0};
	char *key;
	src_pos kp;
	while (yr_map_key(r, path, &key, &kp)) {
		if (!strmap_add(&seen, key, 0)) {
			yr_error(r, kp, _("%s: duplicate key '%s'"), path, key);
			yr_skip(r);
			free(key);
			continue;
		}
		char fp[YR_PATH_MAX];
		yr_path_key(fp, path, key);
		c->tags = xgrow(c->tags, &x->cap_tags, c->n_tags + 1, sizeof *c->tags);
		tag_group *g = &c->tags[c->n_tags++];
		memset(g, 0, sizeof *g);
		g->name = key;
		yr_strlist(r, fp, &g->words, NULL);
	}
	strmap_free(&seen);
}

static const yr_field words_fields[] = {{"positive", false}, {"negative", false}};

static void read_words(ctx *x, const char *path)
{
	yreader *r = &x->r;
	if (yr_is_null(r)) {
		yr_advance(r);
		return;
	}
	if (!yr_map_enter(r, path, N_("a mapping such as {positive: [好评, 满意], negative: [差评]}")))
		return;
	uint64_t seen = 0;
	int f;
	char fp[YR_PATH_MAX];
	while ((f = yr_map_field(r, path, words_fields, ARRAY_LEN(words_fields), &seen)) >= 0) {
		yr_path_key(fp, path, words_fields[f].name);
		yr_strlist(r, fp, f == 0 ? &x->c->positive_words : &x->c->negative_words, NULL);
	}
}

static void read_metric_values(ctx *x, const char *path, const char *metric, src_pos mpos)
{
	yreader *r = &x->r;
	if (yr_is_null(r)) {
		yr_advance(r);
		return;
	}
	if (!yr_map_enter(r, path, N_("a mapping of dates to values such as {2024-06-01: 30万}")))
		return;
	campaign_def *c = x->c;
	strmap seen = {0};
	char *key;
	src_pos kp;
	while (yr_map_key(r, path, &key, &kp)) {
		char fp[YR_PATH_MAX], norm[32];
		yr_path_key(fp, path, key);
		wr_date day;
		int secs;
		double v;
		if (!datetime_parse(key, &day, &secs)) {
			yr_bad_date(r, kp, path, key, N_("a date YYYY-MM-DD or YYYY-MM-DD HH:MM"));
			yr_skip(r);
		} else if (snprintf(norm, sizeof norm, "%ld %d", (long)day, secs),
			   !strmap_add(&seen, norm, 0)) {
			yr_error(r, kp, _("%s: duplicate date '%s'"), path, key);
			yr_skip(r);
		} else if (yr_is_null(r)) {
			yr_error(r, yr_pos(r), _("%s: empty value; expected a number"), fp);
			yr_advance(r);
		} else if (yr_number(r, fp, &v, NULL, NULL)) {
			c->values = xgrow(c->values, &x->cap_values, c->n_values + 1, sizeof *c->values);
			c->values[c->n_values++] =
				(value_def){xstrdup(metric), day, secs, v, kp, mpos};
		}
		free(key);
	}
	strmap_free(&seen);
}

static void read_values(ctx *x, const char *path)
{
	yreader *r = &x->r;
	if (yr_is_null(r)) {
		yr_advance(r);
		return;
	}
	if (!yr_map_enter(r, path, N_("a mapping of metric keys to {date: value} such as {gmv: {2024-06-01: 30万}}")))
		return;
	strmap seen = {0};
	char *key;
	src_pos kp;
	while (yr_map_key(r, path, &key, &kp)) {
		char fp[YR_PATH_MAX];
		yr_path_key(fp, path, key);
		if (!strmap_add(&seen, key, 0)) {
			yr_error(r, kp, _("%s: duplicate key '%s'"), path, key);
			yr_skip(r);
		} else {
			read_metric_values(x, fp, key, kp);
		}
		free(key);
	}
	strmap_free(&seen);
}

/* ---- lists and the campaign ------------------------------------------ */

static void read_list(ctx *x, const char *path, const char *expected,
		      void (*item)(ctx *, const char *))
{
	yreader *r = &x->r;
	if (!yr_seq_enter(r, path, expected))
		return;
	size_t i = 0;
	while (yr_seq_item(r)) {
		char ip[YR_PATH_MAX];
		yr_path_index(ip, path, ++i);
		item(x, ip);
	}
}

enum {
	CF_ID, CF_NAME, CF_TYPE, CF_OWNER, CF_START, CF_END, CF_BUDGET, CF_CURRENCY, CF_AUDIENCE,
	CF_CHANNELS, CF_BASELINE, CF_PHASES, CF_OBJECTIVES, CF_METRICS, CF_TASKS, CF_TAGS,
	CF_WORDS, CF_FEEDBACK, CF_VALUES,
};
static const yr_field campaign_fields[] = {
	[CF_ID] = {"id", true},           [CF_NAME] = {"name", true},
	[CF_TYPE] = {"type", false},      [CF_OWNER] = {"owner", false},
	[CF_START] = {"start", true},     [CF_END] = {"end", true},
	[CF_BUDGET] = {"budget", false},  [CF_CURRENCY] = {"currency", false},
	[CF_AUDIENCE] = {"audience", false}, [CF_CHANNELS] = {"channels", false},
	[CF_BASELINE] = {"baseline", false}, [CF_PHASES] = {"phases", false},
	[CF_OBJECTIVES] = {"objectives", false}, [CF_METRICS] = {"metrics", false},
	[CF_TASKS] = {"tasks", false},    [CF_TAGS] = {"feedback_tags", false},
	[CF_WORDS] = {"feedback_words", false}, [CF_FEEDBACK] = {"feedback", false},
	[CF_VALUES] = {"values", false},
};

static void read_campaign(ctx *x)
{
	yreader *r = &x->r;
	campaign_def *c = x->c;
	c->pos = yr_pos(r);
	if (!yr_map_enter(r, "", N_("a campaign mapping (id: ..., name: ..., start: ..., end: ...)")))
		return;
	uint64_t seen = 0;
	int f, e;
	src_pos p;
	while ((f = yr_map_field(r, "", campaign_fields, ARRAY_LEN(campaign_fields), &seen)) >= 0) {
		const char *k = campaign_fields[f].name;
		switch (f) {
		case CF_ID:
			if (yr_text(r, k, &c->key, &p) && !campaign_id_valid(c->key))
				yr_error(r, p,
					 _("id: '%s' is not a valid campaign id (letters, digits, '-', '_' and '.', starting with a letter or digit, at most 64)"),
					 c->key);
			break;
		case CF_NAME:
			yr_text(r, k, &c->name, NULL);
			break;
		case CF_TYPE:
			if (yr_enum(r, k, campaign_type_from,
				    N_("one of: exposure, conversion, growth, channel-test"), &e, NULL))
				c->type = xstrdup(campaign_types[e]);
			break;
		case CF_OWNER:
			yr_text(r, k, &c->owner, NULL);
			break;
		case CF_START:
			yr_date(r, k, &c->start, &c->start_pos);
			break;
		case CF_END:
			yr_date(r, k, &c->end, &c->end_pos);
			break;
		case CF_BUDGET:
			if (yr_number(r, k, &c->budget, NULL, &p)) {
				if (c->budget < 0)
					yr_error(r, p, _("budget: must not be negative"));
				else
					c->has_budget = true;
			}
			break;
		case CF_CURRENCY:
			yr_text(r, k, &c->currency, NULL);
			break;
		case CF_AUDIENCE:
			yr_text(r, k, &c->audience, NULL);
			break;
		case CF_CHANNELS:
			yr_strlist(r, k, &c->channels, NULL);
			break;
		case CF_BASELINE:
			if (yr_text(r, k, &c->baseline, &c->baseline_pos) &&
			    !campaign_id_valid(c->baseline))
				yr_error(r, c->baseline_pos,
					 _("baseline: '%s' is not a valid campaign id (letters, digits, '-', '_' and '.')"),
					 c->baseline);
			break;
		case CF_PHASES:
			read_list(x, k, N_("a list of phases"), read_phase);
			break;
		case CF_OBJECTIVES:
			read_list(x, k, N_("a list of objectives"), read_objective);
			break;
		case CF_METRICS:
			read_list(x, k, N_("a list of metrics"), read_metric);
			break;
		case CF_TASKS:
			read_list(x, k, N_("a list of tasks"), read_task);
			break;
		case CF_TAGS:
			read_tags(x, k);
			break;
		case CF_WORDS:
			read_words(x, k);
			break;
		case CF_FEEDBACK:
			read_list(x, k, N_("a list of feedback items"), read_feedback_item);
			break;
		case CF_VALUES:
			read_values(x, k);
			break;
		}
	}
	yr_map_required(r, "", c->pos, campaign_fields, ARRAY_LEN(campaign_fields), seen);
}

/* The stream: exactly one document whose root is the campaign mapping.
 * Returns true when a campaign mapping was read (possibly with errors). */
static bool read_stream(ctx *x)
{
	yreader *r = &x->r;
	if (yr_type(r) != YAML_STREAM_START_EVENT)
		return false;
	yr_advance(r);
	if (yr_type(r) == YAML_STREAM_END_EVENT) {
		yr_error(r, (src_pos){1, 1}, _("empty file: expected a campaign mapping"));
		return false;
	}
	if (yr_type(r) != YAML_DOCUMENT_START_EVENT)
		return false;
	src_pos doc = yr_pos(r);
	yr_advance(r);
	bool got = false;
	if (yr_is_null(r)) {
		yr_error(r, doc, _("empty document: expected a campaign mapping"));
		yr_advance(r);
	} else {
		got = yr_type(r) == YAML_MAPPING_START_EVENT;
		read_campaign(x);
	}
	if (yr_type(r) == YAML_DOCUMENT_END_EVENT)
		yr_advance(r);
	if (yr_type(r) == YAML_DOCUMENT_START_EVENT)
		yr_error(r, yr_pos(r),
			 _("a second document starts here; a campaign file holds exactly one campaign"));
	return got && !r->stopped;
}

static void def_init(campaign_def *out, const char *name)
{
	memset(out, 0, sizeof *out);
	out->start = out->end = WR_DATE_NONE;
	out->file = xstrdup(name);
}

static size_t diag_count(const diag_list *dl) { return dl->n + dl->dropped; }

static bool pos_before(src_pos a, src_pos b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* Orders the messages of one file by position, as a compiler would; a
 * stable insertion sort (the list holds at most a few hundred). */
static void sort_diags(diag_list *dl, size_t from)
{
	for (size_t i = from + 1; i < dl->n; i++) {
		diag d = dl->v[i];
		size_t j = i;
		while (j > from && pos_before(d.pos, dl->v[j - 1].pos)) {
			dl->v[j] = dl->v[j - 1];
			j--;
		}
		dl->v[j] = d;
	}
}

/* Parses a text whose bytes passed yr_check_bytes: `buf`, or when that is
 * NULL, `in` read as it goes. */
static bool parse_checked(const char *name, const char *buf, size_t len, FILE *in,
			  campaign_def *out, diag_list *diags, size_t before, size_t first,
			  yaml_task_hook *on_task, void *on_task_ctx)
{
	ctx x = {.c = out, .on_task = on_task, .on_task_ctx = on_task_ctx};
	if (buf)
		yr_open(&x.r, name, buf, len, diags);
	else
		yr_open_file(&x.r, name, in, diags);
	bool parsed = read_stream(&x);
	yr_close(&x.r);
	/* the tasks read before the campaign's dates */
	for (size_t i = 0; i < out->n_tasks; i++)
		task_default_dates(&out->tasks[i], out->start, out->end);
	if (parsed)
		campaign_check(out, diags, true);
	sort_diags(diags, first);
	return diag_count(diags) == before && x.r.errors == 0;
}

bool yaml_campaign_read_mem(const char *name, const char *buf, size_t len, campaign_def *out,
			    diag_list *diags)
{
	if (!name)
		name = "-";
	def_init(out, name);
	size_t before = diag_count(diags), first = diags->n, errors = 0;
	if (!yr_check_bytes(name, buf, len, diags, &errors))
		return false;
	return parse_checked(name, buf, len, NULL, out, diags, before, first, NULL, NULL);
}

bool yaml_campaign_read(const char *path, campaign_def *out, diag_list *diags)
{
	return yaml_campaign_read_hooked(path, out, diags, NULL, NULL);
}

bool yaml_campaign_read_hooked(const char *path, campaign_def *out, diag_list *diags,
			       yaml_task_hook *on_task, void *on_task_ctx)
{
	struct stat st;
	const char *problem = NULL;
	def_init(out, path);
	size_t before = diag_count(diags), first = diags->n, errors = 0;
	FILE *in = fopen(path, "rb");
	if (!in || fstat(fileno(in), &st) != 0)
		problem = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		problem = "is a directory";
	if (problem) {
		diag_add(diags, path, (src_pos){0, 0}, _("cannot read: %s"), problem);
		if (in)
			fclose(in);
		return false;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > YAML_CAMPAIGN_MAX_BYTES) {
		diag_add(diags, path, (src_pos){1, 1}, _("file is too large (%llu bytes; at most %u MiB)"),
			 (unsigned long long)st.st_size, YAML_CAMPAIGN_MAX_BYTES / (1024 * 1024));
		fclose(in);
		return false;
	}
	size_t len = 0;
	char *buf = read_stream_all(in, YAML_CAMPAIGN_MAX_BYTES, &len);
	if (!buf) {
		if (errno == EFBIG)
			diag_add(diags, path, (src_pos){1, 1}, _("file is too large (at most %u MiB)"),
				 YAML_CAMPAIGN_MAX_BYTES / (1024 * 1024));
		else
			diag_add(diags, path, (src_pos){0, 0}, _("cannot read: %s"), strerror(errno));
		fclose(in);
		return false;
	}
	bool ok = false;
	if (yr_check_bytes(path, buf, len, diags, &errors)) {
		/* A file is parsed from a second read, not from the copy checked:
		 * the text is not held whole while the campaign grows (and, in
		 * an import, while it is written). A pipe is parsed from the copy. */
		bool again = S_ISREG(st.st_mode) && fseek(in, 0, SEEK_SET) == 0;
		if (again) {
			free(buf);
			buf = NULL;
		}
		ok = parse_checked(path, buf, len, in, out, diags, before, first, on_task, on_task_ctx);
	}
	free(buf);
	fclose(in);
	return ok;
}
