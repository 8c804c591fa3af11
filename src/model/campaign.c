/* Names of the enumerations in campaign definitions, and freeing. */
#include "warroom/campaign.h"

#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"

static const char *const layer_names[] = {"result", "process", "auxiliary"};
static const char *const direction_names[] = {"up", "down"};
static const char *const aggregate_names[] = {"sum", "last", "avg"};
static const char *const status_names[] = {"not-started", "in-progress", "done", "delayed"};
static const char *const tracking_names[] = {"daily", "weekly"};
static const char *const fb_type_names[] = {"", "product", "service", "rules", "brand"};
static const char *const fb_status_names[] = {"new", "triaged", "actioned", "closed"};

static int lookup(const char *const *names, size_t n, const char *s)
{
	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

#define NAME_FN(fn, type, arr)                                                                     \
	const char *fn(type v)                                                                     \
	{                                                                                          \
		return (size_t)v < ARRAY_LEN(arr) ? arr[v] : "?";                                  \
	}
NAME_FN(metric_layer_name, enum metric_layer, layer_names)
NAME_FN(metric_direction_name, enum metric_direction, direction_names)
NAME_FN(metric_aggregate_name, enum metric_aggregate, aggregate_names)
NAME_FN(task_status_name, enum task_status, status_names)
NAME_FN(task_tracking_name, enum task_tracking, tracking_names)
NAME_FN(feedback_type_name, enum feedback_type, fb_type_names)
NAME_FN(feedback_status_name, enum feedback_status, fb_status_names)

const char *metric_layer_label(enum metric_layer l)
{
	/* TRANSLATORS: a metric's layer: a result metric (GMV, orders), a
	 * process metric (clicks, conversion) or an auxiliary one. */
	static const char *const labels[] = {NC_("metric layer", "result"),
					     NC_("metric layer", "process"),
					     NC_("metric layer", "auxiliary")};
	return (size_t)l < ARRAY_LEN(labels) ? i18n_context("metric layer", labels[l]) : "?";
}

const char *metric_aggregate_label(enum metric_aggregate a)
{
	/* TRANSLATORS: how a metric's values add up over days: their sum, the
	 * last value, or their average. */
	static const char *const labels[] = {NC_("metric aggregate", "sum"),
					     NC_("metric aggregate", "last"),
					     NC_("metric aggregate", "avg")};
	return (size_t)a < ARRAY_LEN(labels) ? i18n_context("metric aggregate", labels[a]) : "?";
}

const char *risk_kind_label(const char *kind)
{
	/* TRANSLATORS: what a risk is about: a metric in alert, a late task,
	 * or one written down by hand. */
	static const char *const kinds[] = {NC_("risk kind", "metric"), NC_("risk kind", "task"),
					    NC_("risk kind", "manual")};
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		if (str_eq(kind, kinds[i]))
			return i18n_context("risk kind", kinds[i]);
	return kind;
}

const char *risk_state_label(const char *state)
{
	/* TRANSLATORS: where a risk stands: waiting for a response, responded
	 * (cause and plan written), past its response time, its metric or task
	 * back to normal, or closed. */
	static const char *const states[] = {NC_("risk state", "open"), NC_("risk state", "responded"),
					     NC_("risk state", "overdue"), NC_("risk state", "recovered"),
					     NC_("risk state", "closed")};
	for (size_t i = 0; i < ARRAY_LEN(states); i++)
		if (str_eq(state, states[i]))
			return i18n_context("risk state", states[i]);
	return state;
}

const char *metric_origin_label(const char *origin)
{
	/* TRANSLATORS: how a metric value came in: recorded (`metric record`
	 * or the UI), a CSV import, or the campaign's definition file. */
	static const char *const origins[] = {NC_("value origin", "record"), NC_("value origin", "import"),
					      NC_("value origin", "definition")};
	for (size_t i = 0; i < ARRAY_LEN(origins); i++)
		if (str_eq(origin, origins[i]))
			return i18n_context("value origin", origins[i]);
	return origin;
}

int metric_layer_from(const char *s) { return lookup(layer_names, ARRAY_LEN(layer_names), s); }
int metric_direction_from(const char *s) { return lookup(direction_names, ARRAY_LEN(direction_names), s); }
int metric_aggregate_from(const char *s)
{
	if (str_eq(s, "average"))
		return AGG_AVG;
	return lookup(aggregate_names, ARRAY_LEN(aggregate_names), s);
}
int task_status_from(const char *s) { return lookup(status_names, ARRAY_LEN(status_names), s); }
int task_tracking_from(const char *s) { return lookup(tracking_names, ARRAY_LEN(tracking_names), s); }
int feedback_type_from(const char *s)
{
	if (str_empty(s))
		return -1;
	return lookup(fb_type_names, ARRAY_LEN(fb_type_names), s);
}
int feedback_status_from(const char *s) { return lookup(fb_status_names, ARRAY_LEN(fb_status_names), s); }

const metric_def *campaign_find_metric(const campaign_def *c, const char *key)
{
	for (size_t i = 0; i < c->n_metrics; i++)
		if (str_eq(c->metrics[i].key, key))
			return &c->metrics[i];
	return NULL;
}

const task_def *campaign_find_task(const campaign_def *c, const char *key)
{
	for (size_t i = 0; i < c->n_tasks; i++)
		if (str_eq(c->tasks[i].key, key))
			return &c->tasks[i];
	return NULL;
}

void task_default_dates(task_def *t, wr_date campaign_start, wr_date campaign_end)
{
	if (t->start == WR_DATE_NONE && campaign_start != WR_DATE_NONE)
		t->start = t->due != WR_DATE_NONE && t->due < campaign_start ? t->due : campaign_start;
	if (t->due == WR_DATE_NONE && campaign_end != WR_DATE_NONE)
		t->due = t->start != WR_DATE_NONE && t->start > campaign_end ? t->start : campaign_end;
}

void campaign_def_free(campaign_def *c)
{
	if (!c)
		return;
	free(c->file);
	free(c->key);
	free(c->name);
	free(c->type);
	free(c->owner);
	free(c->currency);
	free(c->audience);
	sl_free(&c->channels);
	free(c->baseline);
	for (size_t i = 0; i < c->n_phases; i++)
		free(c->phases[i].name);
	free(c->phases);
	for (size_t i = 0; i < c->n_objectives; i++) {
		free(c->objectives[i].text);
		free(c->objectives[i].metric);
	}
	free(c->objectives);
	for (size_t i = 0; i < c->n_metrics; i++) {
		metric_def *m = &c->metrics[i];
		free(m->key);
		free(m->name);
		free(m->definition);
		free(m->unit);
		free(m->formula);
		free(m->source);
		free(m->frequency);
		for (size_t j = 0; j < m->n_phase_targets; j++)
			free(m->phase_targets[j].phase);
		free(m->phase_targets);
	}
	free(c->metrics);
	for (size_t i = 0; i < c->n_tasks; i++) {
		task_def *t = &c->tasks[i];
		free(t->key);
		free(t->name);
		free(t->strategy);
		free(t->owner);
		sl_free(&t->with);
		free(t->deliverable);
		sl_free(&t->after);
		free(t->after_pos);
		free(t->phase);
		free(t->problem);
		free(t->support);
	}
	free(c->tasks);
	for (size_t i = 0; i < c->n_tags; i++) {
		free(c->tags[i].name);
		sl_free(&c->tags[i].words);
	}
	free(c->tags);
	sl_free(&c->positive_words);
	sl_free(&c->negative_words);
	for (size_t i = 0; i < c->n_feedback; i++) {
		free(c->feedback[i].channel);
		free(c->feedback[i].text);
		free(c->feedback[i].customer);
	}
	free(c->feedback);
	for (size_t i = 0; i < c->n_values; i++)
		free(c->values[i].metric);
	free(c->values);
	memset(c, 0, sizeof *c);
}
