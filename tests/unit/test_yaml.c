/* Campaign definitions in YAML: parsing in context, every validation error
 * with its message and line:column, hostile input, formulas, the sample
 * campaigns, and export -> import -> export identity. */
#include <dirent.h>
#include <fcntl.h>
#include <locale.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "warroom/campaign.h"
#include "warroom/formula.h"
#include "warroom/yaml_campaign.h"

/* Four lines every test body follows, so a body's first line is line 5. */
#define HEAD "id: t\nname: 测试\nstart: 2024-06-01\nend: 2024-06-15\n"

static double now_secs(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_diags(const diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		printf("#   %d:%d: %s\n", dl->v[i].pos.line, dl->v[i].pos.col, dl->v[i].msg);
}

static bool read_text(const char *yaml, size_t len, campaign_def *c, diag_list *dl)
{
	return yaml_campaign_read_mem("t.yaml", yaml, len, c, dl);
}

/* Reads `yaml` and expects a diagnostic with exactly `msg` at line:col. */
static void expect_error(const char *what, const char *yaml, int line, int col, const char *msg)
{
	campaign_def c;
	diag_list dl = {0};
	bool ok = read_text(yaml, strlen(yaml), &c, &dl);
	const diag *d = NULL;
	for (size_t i = 0; i < dl.n && !d; i++)
		if (strcmp(dl.v[i].msg, msg) == 0)
			d = &dl.v[i];
	ok(!ok && d, "%s: reported", what);
	if (!d) {
		printf("#   want %d:%d: %s\n", line, col, msg);
		show_diags(&dl);
	} else {
		ok(d->pos.line == line && d->pos.col == col, "%s: at %d:%d", what, line, col);
		if (d->pos.line != line || d->pos.col != col)
			printf("#   got %d:%d\n", d->pos.line, d->pos.col);
		is_str(d->file, "t.yaml", "%s: names the file", what);
	}
	campaign_def_free(&c);
	diag_free(&dl);
}

static void expect_valid(const char *what, const char *yaml, campaign_def *c)
{
	diag_list dl = {0};
	bool ok = read_text(yaml, strlen(yaml), c, &dl);
	ok(ok && dl.n == 0, "%s: valid", what);
	if (!ok || dl.n)
		show_diags(&dl);
	diag_free(&dl);
}

/* ---- parsing in context ---------------------------------------------- */

static void test_parse(void)
{
	campaign_def c;
	expect_valid("full example",
		     "id: 2024-summer-launch\n"
		     "name: 2024夏季新品推广\n"
		     "type: conversion\n"
		     "owner: 张经理\n"
		     "start: 2024-06-01\n"
		     "end: 2024/06/15\n"
		     "budget: 80万\n"
		     "currency: CNY\n"
		     "audience: 18-35岁女性\n"
		     "channels: [小程序, 抖音]\n"
		     "baseline: 2024-spring-launch\n"
		     "phases:\n"
		     "  - {name: 预热期, start: 2024-06-01, end: 2024-06-05}\n"
		     "objectives:\n"
		     "  - {text: 新品GMV突破500万元, metric: gmv}\n"
		     "metrics:\n"
		     "  - {key: gmv, name: GMV, unit: 元, target: 500万, weight: 40, warn: -10%, alert: -20%,\n"
		     "     phase_targets: {预热期: 100万}, funnel: true}\n"
		     "  - {key: clicks, target: '1,200,000'}\n"
		     "  - {key: impressions, target: 2M}\n"
		     "  - {key: ctr, name: 点击率, layer: process, formula: clicks / impressions, target: 3.5%}\n"
		     "  - {key: refund, layer: auxiliary, direction: down, aggregate: average, target: 10k}\n"
		     "tasks:\n"
		     "  - {id: brief, name: 方案}\n"
		     "  - {id: kol-list, name: KOL名单, strategy: 信任背书, owner: 媒介, with: [策划],\n"
		     "     start: 2024-05-20, due: 2024-05-25, deliverable: 清单, tracking: weekly,\n"
		     "     after: [brief], milestone: yes, phase: 预热期, status: in-progress, progress: 60%,\n"
		     "     problem: 档期, support: 审批}\n"
		     "feedback_tags:\n"
		     "  product: [成分, 包装]\n"
		     "  service: [快递]\n"
		     "feedback_words: {positive: [好评], negative: [差评, slow]}\n"
		     "feedback:\n"
		     "  - {at: 2024-06-03, channel: 电商评价, text: 快递延迟2天, rating: 2}\n"
		     "  - {at: '2024-06-04 14:30', type: service, customer: Amy, text: late, rating: 9, scale: 10}\n"
		     "values:\n"
		     "  gmv: {2024-06-01: 30万, 2024-06-02: 28.5万}\n"
		     "  clicks: {'2024-06-01 12:00': 1.2k}\n",
		     &c);
	is_str(c.key, "2024-summer-launch", "id is the key");
	is_str(c.file, "t.yaml", "file name kept");
	is_str(c.type, "conversion", "type");
	char buf[32];
	is_str(date_format(c.end, buf), "2024-06-15", "YYYY/MM/DD accepted");
	ok(c.has_budget && c.budget == 800000, "budget 80万 = 800000");
	is_int(c.channels.n, 2, "two channels");
	is_str(c.baseline, "2024-spring-launch", "baseline");
	is_int(c.baseline_pos.line, 11, "baseline position kept");
	is_int(c.n_phases, 1, "one phase");
	is_int(c.n_objectives, 1, "one objective");
	is_str(c.objectives[0].metric, "gmv", "objective metric");
	is_int(c.n_metrics, 5, "five metrics");
	const metric_def *m = &c.metrics[0];
	ok(m->has_target && m->target == 5e6, "target 500万");
	ok(m->has_warn && m->warn == -0.1 && m->has_alert && m->alert == -0.2, "warn/alert as fractions");
	is_num(m->weight, 40, 0, "weight");
	ok(m->funnel, "funnel flag");
	is_int(m->n_phase_targets, 1, "one phase target");
	is_num(m->phase_targets[0].target, 1e6, 0, "phase target 100万");
	is_int(m->phase_targets[0].pos.line, 18, "phase target position");
	is_num(c.metrics[1].target, 1200000, 0, "thousands commas");
	is_str(c.metrics[1].name, "clicks", "name defaults to the key");
	is_int(c.metrics[1].layer, LAYER_RESULT, "layer defaults to result");
	is_int(c.metrics[1].direction, DIR_UP, "direction defaults to up");
	is_int(c.metrics[1].aggregate, AGG_SUM, "aggregate defaults to sum");
	is_num(c.metrics[2].target, 2e6, 0, "2M");
	is_str(c.metrics[3].formula, "clicks / impressions", "formula text");
	is_int(c.metrics[3].formula_pos.line, 21, "formula position line");
	is_int(c.metrics[3].formula_pos.col, 52, "formula position column counts characters");
	ok(c.metrics[3].target == 0.035, "3.5%% = 0.035");
	is_int(c.metrics[4].aggregate, AGG_AVG, "average = avg");
	is_int(c.metrics[4].direction, DIR_DOWN, "direction down");
	is_num(c.metrics[4].target, 10000, 0, "10k");
	is_int(c.n_tasks, 2, "two tasks");
	const task_def *t = &c.tasks[1];
	is_str(t->key, "kol-list", "task id is task_def.key");
	is_int(t->tracking, TRACK_WEEKLY, "tracking");
	ok(t->milestone, "milestone yes");
	is_int(t->status, TASK_IN_PROGRESS, "status");
	is_int(t->progress, 60, "progress 60%% = 60");
	is_str(t->phase, "预热期", "task phase");
	is_int(t->after.n, 1, "one dependency");
	is_int(t->after_pos[0].line, 27, "dependency position line");
	is_int(t->after_pos[0].col, 14, "dependency position column");
	is_int(t->due_pos.line, 26, "due position");
	is_int(c.tasks[0].tracking, TRACK_DAILY, "tracking defaults to daily");
	is_int(c.n_tags, 2, "two tag groups");
	is_str(c.tags[1].name, "service", "tag group order kept");
	is_int(c.positive_words.n, 1, "positive words");
	is_int(c.negative_words.n, 2, "negative words");
	is_int(c.n_feedback, 2, "two feedback items");
	ok(c.feedback[0].has_rating && c.feedback[0].rating == 2, "rating");
	is_int(c.feedback[0].at_secs, 0, "date without time");
	is_int(c.feedback[1].at_secs, 14 * 3600 + 30 * 60, "feedback date-time");
	is_int(c.feedback[1].rating_scale, 10, "NPS scale");
	is_int(c.feedback[1].type, FB_SERVICE, "feedback type");
	is_int(c.n_values, 3, "three values");
	is_str(c.values[2].metric, "clicks", "value metric");
	is_num(c.values[2].value, 1200, 0, "1.2k");
	is_int(c.values[2].at_secs, 12 * 3600, "value time");
	is_int(c.values[1].pos.line, 37, "value position");
	is_int(c.values[1].metric_pos.col, 3, "value metric position");
	campaign_def_free(&c);

	expect_valid("empty optional values and CRLF",
		     "id: t\r\nname: 测试\r\nstart: 2024-06-01\r\nend: 2024-06-15\r\nowner:\r\n"
		     "budget: ~\r\nchannels:\r\nphases: []\r\ntasks: null\r\n",
		     &c);
	ok(!c.owner && !c.has_budget && c.channels.n == 0 && c.n_phases == 0, "empty values are absent");
	campaign_def_free(&c);

	expect_valid("block style and UTF-8 BOM",
		     "\xEF\xBB\xBF" HEAD "tasks:\n  - id: a\n    name: 任务\n    after:\n      - b\n"
		     "  - id: b\n    name: 任务二\n",
		     &c);
	is_int(c.tasks[0].after_pos[0].line, 9, "block list position");
	is_int(c.tasks[0].after_pos[0].col, 9, "block list column");
	campaign_def_free(&c);
}

/* ---- validation errors, one by one ----------------------------------- */

static void test_errors_structure(void)
{
	expect_error("unknown top-level key", HEAD "owners: 张经理\n", 5, 1,
		     "unknown key 'owners' (did you mean 'owner'?); expected one of: id, name, type, "
		     "owner, start, end, budget, currency, audience, channels, baseline, phases, "
		     "objectives, metrics, tasks, feedback_tags, feedback_words, feedback, values");
	expect_error("unknown task key", HEAD "tasks:\n  - {id: a, name: b, color: red}\n", 6, 22,
		     "tasks[1]: unknown key 'color'; expected one of: id, name, strategy, owner, with, "
		     "start, due, deliverable, tracking, after, milestone, phase, status, progress, "
		     "problem, support");
	expect_error("comma inside flow text", HEAD "feedback:\n  - {at: 2024-06-03, text: 快递慢, 客服差}\n",
		     6, 33,
		     "feedback[1]: unknown key '客服差' (inside {...} a comma ends the value: put text "
		     "containing commas in quotes); expected one of: at, channel, type, text, rating, "
		     "scale, customer");
	expect_error("duplicate key", HEAD "owner: a\nowner: b\n", 6, 1, "duplicate key 'owner'");
	expect_error("duplicate key in a task", HEAD "tasks:\n  - {id: a, name: b, id: c}\n", 6, 22,
		     "tasks[1]: duplicate key 'id'");
	expect_error("missing id", "name: x\nstart: 2024-06-01\nend: 2024-06-02\n", 1, 1,
		     "missing required key 'id'");
	expect_error("missing task name", HEAD "tasks:\n  - {id: a}\n", 6, 5,
		     "tasks[1]: missing required key 'name'");
	expect_error("required but empty", HEAD "phases:\n  - {name: , start: 2024-06-01, end: 2024-06-02}\n",
		     6, 12, "phases[1].name: empty value (this key is required)");
	expect_error("text expected, list found", "id: t\nname: [a, b]\nstart: 2024-06-01\nend: 2024-06-02\n",
		     2, 7, "name: expected text, found a list");
	expect_error("list expected, mapping found", HEAD "phases: {a: 1}\n", 5, 9,
		     "phases: expected a list of phases, found a mapping");
	expect_error("list of text expected", HEAD "channels: 抖音\n", 5, 11,
		     "channels: expected a list such as [a, b], found text");
	expect_error("list item is not a mapping", HEAD "tasks:\n  - just text\n", 6, 5,
		     "tasks[1]: expected a task such as {id: kol-list, name: KOL名单筛选, due: 2024-05-25}, found text");
	expect_error("non-text key", HEAD "[a, b]: c\n", 5, 1, "keys must be text, found a list");
	expect_error("empty list item", HEAD "channels: [抖音, '']\n", 5, 16, "channels[2]: empty item");
	expect_error("top level is a list", "- a\n- b\n", 1, 1,
		     "expected a campaign mapping (id: ..., name: ..., start: ..., end: ...), found a list");
	expect_error("empty document", "---\n", 1, 1, "empty document: expected a campaign mapping");
}

static void test_errors_values(void)
{
	expect_error("bad number", HEAD "budget: 80万元\n", 5, 9,
		     "budget: '80万元' is not a number (write e.g. 500万, 1.2亿, 10k, 3.5% or 1,200)");
	expect_error("exponent", HEAD "budget: 1e5\n", 5, 9,
		     "budget: '1e5' is not a number (write e.g. 500万, 1.2亿, 10k, 3.5% or 1,200)");
	expect_error("number out of range", HEAD "budget: 99999999亿\n", 5, 9,
		     "budget: '99999999亿' is out of range (at most 1e15)");
	expect_error("negative budget", HEAD "budget: -5万\n", 5, 9, "budget: must not be negative");
	expect_error("impossible date", "id: t\nname: x\nstart: 2024-02-30\nend: 2024-06-15\n", 3, 8,
		     "start: '2024-02-30' is not a real date (2024-02 has 29 days)");
	expect_error("month 13", "id: t\nname: x\nstart: 2024-06-01\nend: 2024-13-01\n", 4, 6,
		     "end: '2024-13-01' is not a real date (there is no month 13)");
	expect_error("not a date", HEAD "tasks:\n  - {id: a, name: b, due: next week}\n", 6, 27,
		     "tasks[1].due: 'next week' is not a date (expected YYYY-MM-DD)");
	expect_error("bad date-time", HEAD "feedback:\n  - {at: '2024-06-03 25:00', text: x}\n", 6, 10,
		     "feedback[1].at: '2024-06-03 25:00' is not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS])");
	expect_error("campaign type", HEAD "type: awareness\n", 5, 7,
		     "type: 'awareness' is not one of: exposure, conversion, growth, channel-test");
	expect_error("layer", HEAD "metrics:\n  - {key: a, layer: outcome}\n", 6, 21,
		     "metrics[1].layer: 'outcome' is not one of: result, process, auxiliary");
	expect_error("direction", HEAD "metrics:\n  - {key: a, direction: higher}\n", 6, 25,
		     "metrics[1].direction: 'higher' is not one of: up, down");
	expect_error("aggregate", HEAD "metrics:\n  - {key: a, aggregate: max}\n", 6, 25,
		     "metrics[1].aggregate: 'max' is not one of: sum, last, avg");
	expect_error("tracking", HEAD "tasks:\n  - {id: a, name: b, tracking: hourly}\n", 6, 32,
		     "tasks[1].tracking: 'hourly' is not one of: daily, weekly");
	expect_error("status", HEAD "tasks:\n  - {id: a, name: b, status: finished}\n", 6, 30,
		     "tasks[1].status: 'finished' is not one of: not-started, in-progress, done, delayed");
	expect_error("feedback type", HEAD "feedback:\n  - {at: 2024-06-03, text: x, type: price}\n", 6,
		     37, "feedback[1].type: 'price' is not one of: product, service, rules, brand");
	expect_error("boolean", HEAD "tasks:\n  - {id: a, name: b, milestone: maybe}\n", 6, 33,
		     "tasks[1].milestone: 'maybe' is not true or false");
	expect_error("progress above 100", HEAD "tasks:\n  - {id: a, name: b, progress: 150}\n", 6, 32,
		     "tasks[1].progress: 150 is outside 0-100");
	expect_error("progress not whole", HEAD "tasks:\n  - {id: a, name: b, progress: 33.5}\n", 6, 32,
		     "tasks[1].progress: 33.5 must be a whole number from 0 to 100");
	expect_error("rating above 5", HEAD "feedback:\n  - {at: 2024-06-03, text: x, rating: 6, scale: 5}\n",
		     6, 39, "feedback[1].rating: 6 is outside the 1-5 scale");
	expect_error("rating above 10", HEAD "feedback:\n  - {at: 2024-06-03, text: x, rating: 11}\n", 6, 39,
		     "feedback[1].rating: 11 is outside the 0-10 scale");
	expect_error("scale", HEAD "feedback:\n  - {at: 2024-06-03, text: x, scale: 7}\n", 6, 38,
		     "feedback[1].scale: 7 is not 5 or 10");
	expect_error("empty feedback text", HEAD "feedback:\n  - {at: 2024-06-03, text: ''}\n", 6, 28,
		     "feedback[1].text: empty value (this key is required)");
	expect_error("feedback without text", HEAD "feedback:\n  - {at: 2024-06-03}\n", 6, 5,
		     "feedback[1]: missing required key 'text'");
	expect_error("negative weight", HEAD "metrics:\n  - {key: a, weight: -5}\n", 6, 22,
		     "metrics[1].weight: -5 must not be negative");
	expect_error("positive warn", HEAD "metrics:\n  - {key: a, warn: 10%}\n", 6, 20,
		     "metrics[1].warn: 10% must be zero or negative (how far behind target, e.g. -10%)");
	expect_error("alert below -100%", HEAD "metrics:\n  - {key: a, alert: -150%}\n", 6, 21,
		     "metrics[1].alert: -150% is below -100% (write e.g. -10%)");
	expect_error("formula with aggregate", HEAD "metrics:\n  - {key: a}\n  - {key: b, formula: a * 2, aggregate: last}\n",
		     7, 41,
		     "metrics[2].aggregate: a formula metric has no aggregate of its own (it is computed from its inputs)");
	expect_error("metric key", HEAD "metrics:\n  - {key: GMV}\n", 6, 11,
		     "metrics[1].key: 'GMV' is not a valid metric key (lower-case letters, digits and _, starting with a letter or _; formulas use it)");
	expect_error("task id", HEAD "tasks:\n  - {id: kol list, name: b}\n", 6, 10,
		     "tasks[1].id: 'kol list' is not a valid task id (no spaces or control characters, at most 128 bytes)");
	expect_error("campaign id", "id: 2024 summer\nname: x\nstart: 2024-06-01\nend: 2024-06-02\n", 1, 5,
		     "id: '2024 summer' is not a valid campaign id (letters, digits, '-', '_' and '.', starting with a letter or digit, at most 64)");
	expect_error("values: not a date", HEAD "metrics: [{key: a}]\nvalues:\n  a: {yesterday: 5}\n", 7, 7,
		     "values.a: 'yesterday' is not a date (expected a date YYYY-MM-DD or YYYY-MM-DD HH:MM)");
	expect_error("values: duplicate date", HEAD "metrics: [{key: a}]\nvalues:\n  a: {2024-06-01: 5, 2024/06/01: 6}\n",
		     7, 22, "values.a: duplicate date '2024/06/01'");
	expect_error("values: empty value", HEAD "metrics: [{key: a}]\nvalues:\n  a: {2024-06-01: }\n", 7, 19,
		     "values.a.2024-06-01: empty value; expected a number");
	expect_error("values: duplicate metric", HEAD "metrics: [{key: a}]\nvalues:\n  a: {2024-06-01: 1}\n  a: {2024-06-02: 1}\n",
		     8, 3, "values: duplicate key 'a'");
	expect_error("values: list", HEAD "metrics: [{key: a}]\nvalues:\n  a: [1, 2]\n", 7, 6,
		     "values.a: expected a mapping of dates to values such as {2024-06-01: 30万}, found a list");
	expect_error("duplicate tag group", HEAD "feedback_tags:\n  product: [a]\n  product: [b]\n", 7, 3,
		     "feedback_tags: duplicate key 'product'");
	expect_error("feedback_words key", HEAD "feedback_words: {good: [a]}\n", 5, 18,
		     "feedback_words: unknown key 'good'; expected one of: positive, negative");
	expect_error("duplicate phase target", HEAD "phases: [{name: p, start: 2024-06-01, end: 2024-06-02}]\n"
		     "metrics:\n  - {key: a, phase_targets: {p: 1, p: 2}}\n", 7, 36,
		     "metrics[1].phase_targets: duplicate key 'p'");
	expect_error("text with NUL escape", "id: t\nname: \"a\\0b\"\nstart: 2024-06-01\nend: 2024-06-02\n", 2, 7,
		     "name: text contains a NUL character");
}

static void test_errors_semantic(void)
{
	expect_error("end before start", "id: t\nname: x\nstart: 2024-06-15\nend: 2024-06-01\n", 4, 6,
		     "end 2024-06-01 is before start 2024-06-15");
	expect_error("phase end before start", HEAD "phases:\n  - {name: 预热期, start: 2024-06-05, end: 2024-06-02}\n",
		     6, 5, "phase '预热期': end 2024-06-02 is before start 2024-06-05");
	expect_error("phase outside period", HEAD "phases:\n  - {name: 返场期, start: 2024-06-13, end: 2024-06-20}\n",
		     6, 5,
		     "phase '返场期' (2024-06-13 .. 2024-06-20) is outside the campaign period 2024-06-01 .. 2024-06-15");
	expect_error("duplicate phase", HEAD "phases:\n  - {name: p, start: 2024-06-01, end: 2024-06-02}\n"
		     "  - {name: p, start: 2024-06-03, end: 2024-06-04}\n", 7, 5,
		     "phase 'p' is defined twice (first at line 6)");
	expect_error("due before start", HEAD "tasks:\n  - {id: kol-list, name: b, start: 2024-05-20, due: 2024-05-19}\n",
		     6, 53, "task 'kol-list': due 2024-05-19 is before start 2024-05-20");
	expect_error("missing dependency", HEAD "tasks:\n  - {id: a, name: b, after: [brief]}\n", 6, 30,
		     "task 'a': depends on unknown task 'brief'");
	expect_error("dependency cycle", HEAD "tasks:\n"
		     "  - {id: a, name: x, after: [c]}\n"
		     "  - {id: b, name: x, after: [a]}\n"
		     "  - {id: c, name: x, after: [b]}\n", 7, 30,
		     "task 'b': dependency cycle: b -> a -> c -> b");
	expect_error("self dependency", HEAD "tasks:\n  - {id: a, name: x, after: [a]}\n", 6, 30,
		     "task 'a': dependency cycle: a -> a");
	expect_error("duplicate task", HEAD "tasks:\n  - {id: a, name: x}\n  - {id: a, name: y}\n", 7, 5,
		     "task 'a' is defined twice (first at line 6)");
	expect_error("unknown phase on a task", HEAD "tasks:\n  - {id: a, name: x, phase: 预热}\n", 6, 29,
		     "task 'a': unknown phase '预热'");
	expect_error("duplicate metric", HEAD "metrics:\n  - {key: gmv}\n  - {key: gmv}\n", 7, 5,
		     "metric 'gmv' is defined twice (first at line 6)");
	expect_error("formula syntax", HEAD "metrics:\n  - {key: a}\n  - {key: b, formula: a / / 2}\n", 7, 23,
		     "metric 'b': formula 'a / / 2': unexpected '/' (at character 5)");
	expect_error("formula unknown metric", HEAD "metrics:\n  - {key: roi, formula: (gmv - spend) / spend}\n",
		     6, 25, "metric 'roi': formula uses unknown metric 'gmv'");
	expect_error("formula cycle", HEAD "metrics:\n  - {key: a, formula: b + 1}\n  - {key: b, formula: a * 2}\n",
		     7, 23, "metric 'b': formula cycle: b -> a -> b");
	expect_error("objective metric", HEAD "objectives:\n  - {text: 冲GMV, metric: gvm}\n", 6, 26,
		     "objective 1: unknown metric 'gvm'");
	expect_error("values for a missing metric", HEAD "values:\n  gmv: {2024-06-01: 1}\n", 6, 3,
		     "values: unknown metric 'gmv'");
	expect_error("values for a formula metric",
		     HEAD "metrics:\n  - {key: a}\n  - {key: b, formula: a * 2}\nvalues:\n  b: {2024-06-01: 1}\n",
		     9, 3, "values: metric 'b' is computed by its formula and cannot have recorded values");
	expect_error("phase target for a missing phase",
		     HEAD "metrics:\n  - {key: gmv, phase_targets: {爆发期: 100万}}\n", 6, 32,
		     "metric 'gmv': phase_targets names unknown phase '爆发期'");
	expect_error("phase target on a last metric",
		     HEAD "phases: [{name: p, start: 2024-06-01, end: 2024-06-02}]\n"
			  "metrics:\n  - {key: r, aggregate: last, phase_targets: {p: 1}}\n",
		     7, 47, "metric 'r': phase_targets need a summed metric (its aggregate is not sum)");
	expect_error("baseline is itself", HEAD "baseline: t\n", 5, 11,
		     "baseline: a campaign cannot be its own baseline");
	expect_error("alert milder than warn", HEAD "metrics:\n  - {key: a, warn: -20%, alert: -10%}\n", 6, 5,
		     "metric 'a': alert -10% is milder than warn -20% (alert must be further behind target)");

	/* All errors of a file are collected, in file order. */
	campaign_def c;
	diag_list dl = {0};
	const char *many = HEAD "budget: x\ntype: y\ntasks:\n  - {id: a, name: b, after: [zz], due: 2024-02-30}\n";
	ok(!read_text(many, strlen(many), &c, &dl), "several errors: invalid");
	is_int(dl.n, 4, "several errors: all four reported");
	if (dl.n == 4) {
		is_int(dl.v[0].pos.line, 5, "first in file order");
		is_int(dl.v[3].pos.col, 40, "last in file order");
	} else {
		show_diags(&dl);
	}
	campaign_def_free(&c);
	diag_free(&dl);
}

/* ---- standalone campaign_validate ------------------------------------ */

static void test_validate_standalone(void)
{
	campaign_def c;
	memset(&c, 0, sizeof c);
	c.file = xstrdup("store");
	c.start = c.end = WR_DATE_NONE;
	c.key = xstrdup("x");
	c.n_tasks = 1;
	c.tasks = xcalloc(1, sizeof *c.tasks);
	c.tasks[0].key = xstrdup("a");
	c.tasks[0].name = xstrdup("b");
	c.tasks[0].start = c.tasks[0].due = WR_DATE_NONE;
	c.tasks[0].progress = 150;
	c.n_feedback = 1;
	c.feedback = xcalloc(1, sizeof *c.feedback);
	c.feedback[0].text = xstrdup("bad\xff");
	c.feedback[0].has_rating = true;
	c.feedback[0].rating = 7;
	c.feedback[0].rating_scale = 5;
	c.n_metrics = 1;
	c.metrics = xcalloc(1, sizeof *c.metrics);
	c.metrics[0].key = xstrdup("m");
	c.metrics[0].weight = -1;
	diag_list dl = {0};
	campaign_validate(&c, &dl);
	strbuf all = STRBUF_INIT;
	for (size_t i = 0; i < dl.n; i++)
		sb_printf(&all, "%s\n", dl.v[i].msg);
	has_str(sb_str(&all), "missing required key 'name'", "validate: missing name");
	has_str(sb_str(&all), "missing required key 'start'", "validate: missing start");
	has_str(sb_str(&all), "task 'a': progress 150 is outside 0-100", "validate: progress");
	has_str(sb_str(&all), "feedback 1: text is not valid UTF-8", "validate: invalid UTF-8 text");
	has_str(sb_str(&all), "feedback 1: rating 7 is outside the 1-5 scale", "validate: rating");
	has_str(sb_str(&all), "metric 'm': weight -1 must not be negative", "validate: weight");
	is_str(dl.v[0].file, "store", "validate: file from the definition");
	sb_free(&all);
	diag_free(&dl);
	campaign_def_free(&c);
}

/* ---- hostile input --------------------------------------------------- */

/* The bound tells a hang (the unbounded parser takes ~38 s on 100,000
 * levels) from a prompt rejection (~1 ms) with room for a loaded machine
 * and the sanitizers; it is not a performance target. */
static void expect_fast_error(const char *what, const char *buf, size_t len, double max_secs,
			      const char *msg, int line, int col)
{
	campaign_def c;
	diag_list dl = {0};
	double t0 = now_secs();
	bool ok = read_text(buf, len, &c, &dl);
	double took = now_secs() - t0;
	ok(!ok, "%s: rejected", what);
	ok(took < max_secs, "%s: in %.3f s", what, took);
	const diag *d = NULL;
	for (size_t i = 0; i < dl.n && !d; i++)
		if (strstr(dl.v[i].msg, msg))
			d = &dl.v[i];
	ok(d != NULL, "%s: says '%s'", what, msg);
	if (d && line) {
		ok(d->pos.line == line && d->pos.col == col, "%s: at %d:%d", what, line, col);
		if (d->pos.line != line || d->pos.col != col)
			printf("#   got %d:%d\n", d->pos.line, d->pos.col);
	}
	if (!d)
		show_diags(&dl);
	campaign_def_free(&c);
	diag_free(&dl);
}

static void test_hostile(void)
{
	size_t n = 100000;
	char *deep = xmalloc(n);
	memset(deep, '[', n);
	expect_fast_error("100,000 nested [", deep, n, 5.0, "nesting deeper than 64 levels", 1, 65);
	free(deep);

	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 50000; i++)
		sb_adds(&sb, "{a: ");
	expect_fast_error("50,000 unclosed {a:", sb.buf, sb.len, 5.0, "nesting deeper than 64 levels", 0, 0);
	sb_reset(&sb);

	sb_adds(&sb, "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (char k = 'b'; k <= 'i'; k++) {
		sb_printf(&sb, "%c: &%c [", k, k);
		for (int i = 0; i < 9; i++)
			sb_printf(&sb, "%s*%c", i ? "," : "", k - 1);
		sb_adds(&sb, "]\n");
	}
	expect_fast_error("billion laughs", sb.buf, sb.len, 5.0,
			  "alias '*a' is not supported: campaign files do not use anchors or aliases", 2, 8);
	expect_fast_error("billion laughs anchors", sb.buf, sb.len, 5.0,
			  "anchor '&a' is not supported", 1, 4);
	sb_free(&sb);

	const char *cyc = HEAD "channels: &c [x, *c]\n";
	expect_fast_error("self-referencing alias", cyc, strlen(cyc), 5.0, "alias '*c' is not supported", 5, 18);

	const char *bad_utf8 = HEAD "owner: 张经\xe7\x90\n";
	expect_fast_error("invalid UTF-8 in the middle", bad_utf8, strlen(bad_utf8), 5.0,
			  "invalid UTF-8 (byte 0xe7); campaign files must be UTF-8 (convert GBK files first)", 5, 10);
	const char *gbk = HEAD "owner: \xd5\xc5\xbe\xad\xc0\xed\n";
	expect_fast_error("GBK text", gbk, strlen(gbk), 5.0, "invalid UTF-8 (byte 0xd5)", 5, 8);

	const char nul[] = "id: t\nname: a\0b\nstart: 2024-06-01\n";
	expect_fast_error("NUL byte", nul, sizeof nul - 1, 5.0, "NUL byte in file; campaign files are UTF-8 text", 2, 8);

	const char u16[] = "\xff\xfei\0d\0:\0 \0t\0\n\0";
	expect_fast_error("UTF-16 with BOM", u16, sizeof u16 - 1, 5.0,
			  "file is UTF-16 text (byte order mark FF FE); campaign files must be UTF-8", 1, 1);
	const char u16nobom[] = "i\0d\0:\0 \0t\0\n\0";
	expect_fast_error("UTF-16 without BOM", u16nobom, sizeof u16nobom - 1, 5.0,
			  "file looks like UTF-16 text", 1, 1);

	const char *esc = HEAD "owner: 张\x1b[31m\n";
	expect_fast_error("terminal escape", esc, strlen(esc), 5.0,
			  "syntax error: control characters are not allowed (0x1b)", 5, 9);
	const char *syntax = HEAD "owner: 张经理: 李娜\n";
	expect_fast_error("syntax error after CJK", syntax, strlen(syntax), 5.0,
			  "syntax error: mapping values are not allowed in this context", 5, 11);
	const char *unclosed = HEAD "tasks: [{id: a\n";
	expect_fast_error("unclosed flow", unclosed, strlen(unclosed), 5.0, "syntax error:", 0, 0);

	expect_fast_error("empty file", "", 0, 5.0, "empty file: expected a campaign mapping", 1, 1);
	const char *comments = "# 只有注释\n\n   # nothing else\n";
	expect_fast_error("comment-only file", comments, strlen(comments), 5.0,
			  "empty file: expected a campaign mapping", 1, 1);
	const char *two = HEAD "---\n" HEAD;
	expect_fast_error("two documents", two, strlen(two), 5.0,
			  "a second document starts here; a campaign file holds exactly one campaign", 5, 1);
	const char *dup = HEAD "name: again\n";
	expect_fast_error("duplicate keys", dup, strlen(dup), 5.0, "duplicate key 'name'", 5, 1);

	strbuf key = STRBUF_INIT;
	sb_adds(&key, HEAD "? ");
	for (int i = 0; i < 2000; i++)
		sb_addc(&key, 'k');
	sb_adds(&key, "\n: v\n");
	expect_fast_error("2,000-character ? key", key.buf, key.len, 5.0,
			  "key too long (2000 bytes; at most 256)", 5, 3);
	sb_reset(&key);
	sb_adds(&key, HEAD "owner: ");
	for (int i = 0; i < 70000; i++)
		sb_addc(&key, 'x');
	sb_addc(&key, '\n');
	expect_fast_error("70,000-character text", key.buf, key.len, 5.0,
			  "owner: text too long (70000 bytes; at most 65536)", 5, 8);
	sb_free(&key);

	/* 70 MB on disk: refused by size before reading. */
	char path[] = "/tmp/warroom-yaml-XXXXXX";
	int fd = mkstemp(path);
	ok(fd >= 0 && ftruncate(fd, 70L * 1024 * 1024) == 0, "70 MB file created");
	if (fd >= 0)
		close(fd);
	campaign_def c;
	diag_list dl = {0};
	double t0 = now_secs();
	ok(!yaml_campaign_read(path, &c, &dl), "70 MB file rejected");
	ok(now_secs() - t0 < 5.0, "70 MB file rejected without reading it");
	ok(dl.n == 1 && strstr(dl.v[0].msg, "file is too large (73400320 bytes; at most 64 MiB)"),
	   "70 MB file: says it is too large");
	campaign_def_free(&c);
	diag_free(&dl);
	unlink(path);

	ok(!yaml_campaign_read("/nonexistent/campaign.yaml", &c, &dl), "missing file rejected");
	ok(dl.n == 1 && strstr(dl.v[0].msg, "cannot read: "), "missing file: cannot read");
	campaign_def_free(&c);
	diag_free(&dl);
	ok(!yaml_campaign_read("/tmp", &c, &dl), "directory rejected");
	ok(dl.n == 1 && strstr(dl.v[0].msg, "is a directory"), "directory: says so");
	campaign_def_free(&c);
	diag_free(&dl);
}

/* 20,000 tasks in a chain with a cycle closing at the end, plus thousands of
 * extra dependencies: checked in linear time. */
static void test_many_tasks(void)
{
	strbuf sb = STRBUF_INIT;
	sb_adds(&sb, HEAD "tasks:\n");
	int n = 20000;
	for (int i = 0; i < n; i++) {
		sb_printf(&sb, "  - {id: t%d, name: 任务%d", i, i);
		if (i == 0)
			sb_printf(&sb, ", after: [t%d]", n - 1);
		else if (i % 5 == 0 && i >= 10)
			sb_printf(&sb, ", after: [t%d, t%d, t%d]", i - 1, i - 5, i - 10);
		else
			sb_printf(&sb, ", after: [t%d]", i - 1);
		sb_adds(&sb, "}\n");
	}
	campaign_def c;
	diag_list dl = {0};
	double t0 = now_secs();
	bool ok = read_text(sb.buf, sb.len, &c, &dl);
	double took = now_secs() - t0;
	ok(!ok, "20,000 tasks with a cycle: invalid");
	ok(took < 3.0, "20,000 tasks checked in %.3f s", took);
	is_int(c.n_tasks, n, "20,000 tasks read");
	/* t0 waits for t19999, which waits for t19998 ... down to t1, which
	 * closes the cycle by waiting for t0. */
	bool shortened = dl.n >= 1 &&
			 strstr(dl.v[0].msg, "task 't1': dependency cycle: t1 -> t0 -> t19999 -> t19998 -> ") &&
			 strstr(dl.v[0].msg, " -> ... (19982 more) -> t9 -> ") &&
			 strstr(dl.v[0].msg, " -> t3 -> t2 -> t1");
	ok(shortened, "the cycle through all tasks, shortened in the middle");
	if (!shortened)
		show_diags(&dl);
	ok(dl.n && dl.v[0].pos.line == 7 && dl.v[0].pos.col == 33, "reported at t1's dependency");
	campaign_def_free(&c);
	diag_free(&dl);
	sb_free(&sb);
}

/* ---- formulas -------------------------------------------------------- */

static bool lookup_abc(void *ctx, size_t i, const char *ident, double *v)
{
	WR_UNUSED(ctx);
	WR_UNUSED(i);
	if (strcmp(ident, "a") == 0)
		*v = 6;
	else if (strcmp(ident, "b") == 0)
		*v = 3;
	else if (strcmp(ident, "zero") == 0)
		*v = 0;
	else
		return false;
	return true;
}

static double eval(const char *text, bool *has)
{
	double v = -12345;
	formula *f = formula_parse(text, NULL, 0, NULL);
	*has = f && formula_eval(f, lookup_abc, NULL, &v);
	formula_free(f);
	return v;
}

static void test_formula(void)
{
	bool has;
	is_num(eval("a / b", &has), 2, 0, "a / b");
	is_num(eval("(a - b) / b", &has), 1, 0, "(a - b) / b");
	is_num(eval("a - b - 1", &has), 2, 0, "left associative");
	is_num(eval("2 + a * b", &has), 20, 0, "precedence");
	is_num(eval("-a + - -b", &has), -3, 0, "unary minus");
	is_num(eval("a * 0.5", &has), 3, 0, "decimal number");
	eval("a / zero", &has);
	ok(!has, "division by zero has no value");
	eval("a / (b - 3)", &has);
	ok(!has, "division by an expression that is zero has no value");
	eval("a + missing", &has);
	ok(!has, "a missing input has no value");
	char err[128];
	size_t off = 0;
	formula *f = formula_parse("(gmv - spend) / spend + gmv", err, sizeof err, &off);
	ok(f != NULL, "parses");
	is_int(formula_n_idents(f), 2, "distinct identifiers");
	is_str(formula_ident(f, 0), "gmv", "first identifier");
	is_str(formula_ident(f, 1), "spend", "second identifier");
	formula_free(f);
	struct {
		const char *text, *msg;
		size_t off;
	} bad[] = {
		{"", "formula is empty", 0},
		{"a +", "unexpected end of formula", 3},
		{"(a + b", "missing ')' for '(' at character 1", 6},
		{"a b", "unexpected 'b'", 2},
		{"GMV / 2", "'GMV' is not a metric key (keys are lower-case letters, digits and _)", 0},
		{"a / 点击", "unexpected '点'", 4},
		{"1.x", "malformed number '1.'", 0},
		{"a % b", "unexpected '%'", 2},
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		off = 99;
		f = formula_parse(bad[i].text, err, sizeof err, &off);
		ok(f == NULL, "'%s' rejected", bad[i].text);
		is_str(err, bad[i].msg, "'%s' message", bad[i].text);
		is_int(off, bad[i].off, "'%s' offset", bad[i].text);
		formula_free(f);
	}
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 10000; i++)
		sb_addc(&sb, '(');
	f = formula_parse(sb_str(&sb), err, sizeof err, NULL);
	ok(f == NULL && strcmp(err, "formula nested too deeply") == 0, "deep nesting bounded");
	sb_free(&sb);
}

/* ---- writing --------------------------------------------------------- */

static bool strlist_eq(const strlist *a, const strlist *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!str_eq(a->v[i], b->v[i]))
			return false;
	return true;
}

#define SAME(cond, what)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("#   differs: %s\n", what);                                             \
			return false;                                                              \
		}                                                                                  \
	} while (0)

/* Every field except source positions and the file name. */
static bool defs_equal(const campaign_def *a, const campaign_def *b)
{
	SAME(str_eq(a->key, b->key) && str_eq(a->name, b->name) && str_eq(a->type, b->type) &&
		     str_eq(a->owner, b->owner), "campaign texts");
	SAME(a->start == b->start && a->end == b->end, "campaign dates");
	SAME(a->has_budget == b->has_budget && a->budget == b->budget, "budget");
	SAME(str_eq(a->currency, b->currency) && str_eq(a->audience, b->audience) &&
		     str_eq(a->baseline, b->baseline) && strlist_eq(&a->channels, &b->channels),
	     "campaign details");
	SAME(a->n_phases == b->n_phases, "phase count");
	for (size_t i = 0; i < a->n_phases; i++)
		SAME(str_eq(a->phases[i].name, b->phases[i].name) &&
			     a->phases[i].start == b->phases[i].start &&
			     a->phases[i].end == b->phases[i].end,
		     "phase");
	SAME(a->n_objectives == b->n_objectives, "objective count");
	for (size_t i = 0; i < a->n_objectives; i++)
		SAME(str_eq(a->objectives[i].text, b->objectives[i].text) &&
			     str_eq(a->objectives[i].metric, b->objectives[i].metric),
		     "objective");
	SAME(a->n_metrics == b->n_metrics, "metric count");
	for (size_t i = 0; i < a->n_metrics; i++) {
		const metric_def *x = &a->metrics[i], *y = &b->metrics[i];
		SAME(str_eq(x->key, y->key) && str_eq(x->name, y->name) && x->layer == y->layer &&
			     str_eq(x->definition, y->definition) && str_eq(x->unit, y->unit),
		     x->key);
		SAME(x->has_target == y->has_target && x->target == y->target &&
			     x->direction == y->direction && x->aggregate == y->aggregate &&
			     str_eq(x->formula, y->formula) && x->weight == y->weight,
		     x->key);
		SAME(str_eq(x->source, y->source) && str_eq(x->frequency, y->frequency) &&
			     x->has_warn == y->has_warn && x->warn == y->warn &&
			     x->has_alert == y->has_alert && x->alert == y->alert && x->funnel == y->funnel,
		     x->key);
		SAME(x->n_phase_targets == y->n_phase_targets, x->key);
		for (size_t j = 0; j < x->n_phase_targets; j++)
			SAME(str_eq(x->phase_targets[j].phase, y->phase_targets[j].phase) &&
				     x->phase_targets[j].target == y->phase_targets[j].target,
			     x->key);
	}
	SAME(a->n_tasks == b->n_tasks, "task count");
	for (size_t i = 0; i < a->n_tasks; i++) {
		const task_def *x = &a->tasks[i], *y = &b->tasks[i];
		SAME(str_eq(x->key, y->key) && str_eq(x->name, y->name) &&
			     str_eq(x->strategy, y->strategy) && str_eq(x->owner, y->owner) &&
			     strlist_eq(&x->with, &y->with) && x->start == y->start && x->due == y->due,
		     x->key);
		SAME(str_eq(x->deliverable, y->deliverable) && x->tracking == y->tracking &&
			     strlist_eq(&x->after, &y->after) && x->milestone == y->milestone &&
			     str_eq(x->phase, y->phase) && x->status == y->status &&
			     x->progress == y->progress && str_eq(x->problem, y->problem) &&
			     str_eq(x->support, y->support),
		     x->key);
	}
	SAME(a->n_tags == b->n_tags, "tag count");
	for (size_t i = 0; i < a->n_tags; i++)
		SAME(str_eq(a->tags[i].name, b->tags[i].name) &&
			     strlist_eq(&a->tags[i].words, &b->tags[i].words),
		     "tag group");
	SAME(strlist_eq(&a->positive_words, &b->positive_words) &&
		     strlist_eq(&a->negative_words, &b->negative_words),
	     "sentiment words");
	SAME(a->n_feedback == b->n_feedback, "feedback count");
	for (size_t i = 0; i < a->n_feedback; i++) {
		const feedback_def *x = &a->feedback[i], *y = &b->feedback[i];
		SAME(x->at == y->at && x->at_secs == y->at_secs && str_eq(x->channel, y->channel) &&
			     x->type == y->type && str_eq(x->text, y->text) &&
			     x->has_rating == y->has_rating && x->rating == y->rating &&
			     x->rating_scale == y->rating_scale && str_eq(x->customer, y->customer),
		     "feedback");
	}
	SAME(a->n_values == b->n_values, "value count");
	for (size_t i = 0; i < a->n_values; i++)
		SAME(str_eq(a->values[i].metric, b->values[i].metric) &&
			     a->values[i].at == b->values[i].at &&
			     a->values[i].at_secs == b->values[i].at_secs &&
			     a->values[i].value == b->values[i].value,
		     "value");
	return true;
}

/* read -> write -> read -> write: same text, same definition. */
static void check_round_trip(const char *what, const campaign_def *first)
{
	strbuf w1 = STRBUF_INIT, w2 = STRBUF_INIT;
	yaml_campaign_write(first, &w1);
	campaign_def second;
	diag_list dl = {0};
	bool ok = read_text(w1.buf, w1.len, &second, &dl);
	ok(ok, "%s: written YAML reads back", what);
	if (!ok) {
		show_diags(&dl);
		printf("# ---\n%s\n# ---\n", sb_str(&w1));
	}
	ok(defs_equal(first, &second), "%s: re-read definition equals the first", what);
	yaml_campaign_write(&second, &w2);
	ok(w1.len == w2.len && memcmp(w1.buf, w2.buf, w1.len) == 0,
	   "%s: write -> read -> write is byte-identical", what);
	campaign_def_free(&second);
	diag_free(&dl);
	sb_free(&w1);
	sb_free(&w2);
}

static void test_write(void)
{
	campaign_def c;
	expect_valid("tricky texts",
		     HEAD "owner: \"null\"\n"
		     "currency: '~'\n"
		     "audience: \"  leading and trailing  \"\n"
		     "channels: [\"yes\", \"a: b\", \"# not a comment\", \"%\", \"@x\", \"[x]\", \"{y}\", \"-\", \"'q'\", '\"dq\"']\n"
		     "metrics:\n"
		     "  - {key: r, unit: \"%\", target: 12.5%, warn: -7.5%, alert: -0.333}\n"
		     "  - {key: big, target: 1000000000000000, weight: 1000000000000000}\n"
		     "  - {key: tiny, weight: 0.000000001}\n"
		     "  - {key: odd, target: 123456.789, phase_targets: {}}\n"
		     "feedback:\n"
		     "  - {at: '2024-06-03 14:30:15', text: \"line one\\nline two\\ttab \\e[31m escape 😀\"}\n"
		     "  - {at: 2024-06-03, text: \"Great, but: slow #1\", rating: 4.5}\n"
		     "values:\n"
		     "  r: {2024-06-01: 0.1%, '2024-06-01 08:00': 33.3%}\n"
		     "  big: {2024-06-01: 1.23456789亿, 2024-06-02: -5, 2024-06-03: 0, 2024-06-04: 1.5亿,\n"
		     "        2024-06-05: 12.34万, 2024-06-06: 12345}\n",
		     &c);
	is_str(c.owner, "null", "quoted null is text");
	is_str(c.audience, "  leading and trailing  ", "spaces kept");
	has_str(c.feedback[0].text, "\x1b[31m", "escaped control character kept as text");
	check_round_trip("tricky texts", &c);
	strbuf out = STRBUF_INIT;
	yaml_campaign_write(&c, &out);
	has_str(sb_str(&out), "owner: \"null\"\n", "null-like text written quoted");
	has_str(sb_str(&out), "target: 12.5%\n", "percent unit written as a percentage");
	has_str(sb_str(&out), "warn: -7.5%\n", "warn written as a percentage");
	has_str(sb_str(&out), "2024-06-04: 1.5亿\n", "亿 when exact and short");
	has_str(sb_str(&out), "2024-06-05: 12.34万\n", "万 when exact and short");
	has_str(sb_str(&out), "2024-06-06: 12345\n", "plain when 万 would need more decimals");
	has_str(sb_str(&out), "target: 10000000亿\n", "large round target with 亿");
	has_str(sb_str(&out), "weight: 1000000000000000\n", "no exponent for large numbers");
	has_str(sb_str(&out), "weight: 0.000000001\n", "no exponent for small numbers");
	has_str(sb_str(&out), "target: 123456.789\n", "plain when a suffix would be longer");
	has_str(sb_str(&out), "at: 2024-06-03 14:30:15\n", "date-time with seconds");
	sb_free(&out);
	campaign_def_free(&c);

	/* A definition from elsewhere with invalid UTF-8 still writes valid YAML. */
	memset(&c, 0, sizeof c);
	c.key = xstrdup("x");
	c.name = xstrdup("bad\xff\xfe name");
	c.start = c.end = WR_DATE_NONE;
	yaml_campaign_write(&c, &out);
	has_str(sb_str(&out), "name: bad\xEF\xBF\xBD\xEF\xBF\xBD name", "invalid bytes become U+FFFD");
	sb_free(&out);
	campaign_def_free(&c);
}

/* ---- the sample campaigns -------------------------------------------- */

static void check_summer(const campaign_def *c)
{
	is_int(c->n_phases, 3, "summer: three phases");
	const metric_def *gmv = campaign_find_metric(c, "gmv");
	ok(gmv && gmv->target == 5e6, "summer: GMV target 500万");
	const metric_def *cac = campaign_find_metric(c, "cac");
	ok(cac && cac->direction == DIR_DOWN && cac->formula, "summer: cac is a formula, lower is better");
	const metric_def *ctr = campaign_find_metric(c, "ctr");
	ok(ctr && str_eq(ctr->formula, "clicks / impressions") && ctr->target == 0.035,
	   "summer: ctr = clicks / impressions, 3.5%%");
	double weights = 0, gmv_sum = 0;
	size_t funnel = 0, gmv_days = 0;
	for (size_t i = 0; i < c->n_metrics; i++) {
		if (c->metrics[i].layer == LAYER_RESULT)
			weights += c->metrics[i].weight;
		funnel += c->metrics[i].funnel;
	}
	is_num(weights, 100, 1e-9, "summer: result weights add up to 100");
	is_int(funnel, 3, "summer: three funnel steps");
	for (size_t i = 0; i < c->n_values; i++)
		if (str_eq(c->values[i].metric, "gmv")) {
			gmv_sum += c->values[i].value;
			gmv_days++;
		}
	is_int(gmv_days, 5, "summer: five days of GMV");
	ok(gmv_sum > 1.2e6 && gmv_sum < 1.8e6, "summer: GMV about a third of target (%g)", gmv_sum);
}

/* A task without dates spans the campaign, whichever comes first in the
 * file, the tasks or the campaign's dates. */
static void test_default_dates(void)
{
	static const char *const texts[] = {
		HEAD "tasks:\n"
		"  - {id: a, name: A}\n"
		"  - {id: b, name: B, due: 2024-05-20}\n"
		"  - {id: c, name: C, start: 2024-06-20}\n"
		"  - {id: d, name: D, due: 2024-06-10}\n"
		"  - {id: e, name: E, start: 2024-06-03, due: 2024-06-04}\n",
		"id: t\nname: 测试\ntasks:\n"
		"  - {id: a, name: A}\n"
		"  - {id: b, name: B, due: 2024-05-20}\n"
		"  - {id: c, name: C, start: 2024-06-20}\n"
		"  - {id: d, name: D, due: 2024-06-10}\n"
		"  - {id: e, name: E, start: 2024-06-03, due: 2024-06-04}\n"
		"start: 2024-06-01\nend: 2024-06-15\n",
	};
	static const char *const want[][2] = {
		{"2024-06-01", "2024-06-15"}, /* none: the campaign's */
		{"2024-05-20", "2024-05-20"}, /* due before the campaign: starts that day */
		{"2024-06-20", "2024-06-20"}, /* start after the campaign: due that day */
		{"2024-06-01", "2024-06-10"},
		{"2024-06-03", "2024-06-04"}, /* both given: kept */
	};
	for (size_t k = 0; k < ARRAY_LEN(texts); k++) {
		campaign_def c;
		expect_valid(k ? "default dates, campaign dates last" : "default dates", texts[k], &c);
		bool all = c.n_tasks == ARRAY_LEN(want);
		for (size_t i = 0; all && i < c.n_tasks; i++) {
			char a[16], b[16];
			date_format(c.tasks[i].start, a);
			date_format(c.tasks[i].due, b);
			if (strcmp(a, want[i][0]) != 0 || strcmp(b, want[i][1]) != 0) {
				printf("#   task %s: %s..%s, want %s..%s\n", c.tasks[i].key, a, b, want[i][0],
				       want[i][1]);
				all = false;
			}
		}
		ok(all, "%s: every task's dates", k ? "campaign dates last" : "campaign dates first");
		campaign_def_free(&c);
	}
}

/* ---- reading a file while its tasks are written ----------------------- */

/* What the writer side is given: runs of tasks, checked as they come. */
typedef struct runs_seen {
	size_t runs, next; /* next: tasks given so far */
	bool in_order, keyed;
	const char *first_key; /* tasks[0].key as given: must stay valid */
} runs_seen;

static void collect_run(void *ctx, const char *campaign_key, const task_def *t, size_t n)
{
	runs_seen *r = ctx;
	r->runs++;
	if (!str_eq(campaign_key, "big"))
		r->keyed = false;
	for (size_t i = 0; i < n; i++) {
		char want[32];
		snprintf(want, sizeof want, "t%zu", r->next + i);
		if (!str_eq(t[i].key, want) || !t[i].name)
			r->in_order = false;
	}
	if (r->next == 0 && n)
		r->first_key = t[0].key;
	r->next += n;
}

static char *write_temp(const char *text, size_t len)
{
	char *path = xstrdup("/tmp/wr-test-yaml-XXXXXX");
	int fd = mkstemp(path);
	bool good = fd >= 0 && write(fd, text, len) == (ssize_t)len;
	if (fd >= 0)
		close(fd);
	if (!good) {
		if (fd >= 0)
			unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* A campaign of `n` tasks; task `bad` (if < n) has a progress of 140;
 * with id_last the campaign's id comes after its tasks. */
static void big_campaign(strbuf *sb, size_t n, size_t bad, bool id_last)
{
	sb_adds(sb, id_last ? "name: 大促\n" : "id: big\nname: 大促\n");
	sb_adds(sb, "start: 2024-06-01\nend: 2024-06-30\ntasks:\n");
	for (size_t i = 0; i < n; i++) {
		sb_printf(sb, "  - {id: t%zu, name: 任务%zu, owner: 张三, due: 2024-06-20", i, i);
		if (i > 0)
			sb_printf(sb, ", after: [t%zu]", i - 1);
		if (i == bad)
			sb_adds(sb, ", progress: 140");
		sb_adds(sb, "}\n");
	}
	if (id_last)
		sb_adds(sb, "id: big\n");
}

static void test_streaming(void)
{
	strbuf sb = STRBUF_INIT;
	big_campaign(&sb, 1000, SIZE_MAX, false);
	char *path = write_temp(sb.buf, sb.len);
	ok(path != NULL, "streaming: a file of 1,000 tasks written");
	if (!path) {
		sb_free(&sb);
		return;
	}
	campaign_def c, whole;
	diag_list dl = {0};
	runs_seen r = {.in_order = true, .keyed = true};
	bool good = yaml_campaign_read_streaming(path, &c, &dl, collect_run, &r);
	ok(good && dl.n == 0, "streaming: the file reads as valid");
	ok(r.runs >= 2 && r.in_order && r.keyed,
	   "streaming: its tasks come in %zu runs, in order, with the campaign's id", r.runs);
	ok(r.next > 500 && r.next <= c.n_tasks,
	   "streaming: %zu of %zu tasks given while reading; the rest is left to the caller", r.next,
	   c.n_tasks);
	ok(r.first_key == c.tasks[0].key, "streaming: the strings given are the definition's own");
	good = read_text(sb.buf, sb.len, &whole, &dl);
	ok(good && defs_equal(&c, &whole), "streaming: the same definition as read from memory");
	campaign_def_free(&c);
	campaign_def_free(&whole);
	unlink(path);
	free(path);

	/* An error stops the runs before the task that has it. */
	sb.len = 0;
	big_campaign(&sb, 1000, 600, false);
	path = write_temp(sb.buf, sb.len);
	r = (runs_seen){.in_order = true, .keyed = true};
	diag_free(&dl);
	good = path && yaml_campaign_read_streaming(path, &c, &dl, collect_run, &r);
	/* five lines before the tasks: task i is on line 6 + i */
	bool placed = !good && dl.n == 1 && dl.v[0].pos.line == 606;
	ok(placed, "streaming: the bad progress is reported at its line");
	if (!placed)
		show_diags(&dl);
	ok(r.runs >= 1 && r.next <= 600 && r.in_order,
	   "streaming: %zu tasks given, none from the bad one on", r.next);
	campaign_def_free(&c);
	diag_free(&dl);
	if (path)
		unlink(path);
	free(path);

	/* Without the campaign's id the tasks have no campaign yet: none given. */
	sb.len = 0;
	big_campaign(&sb, 1000, SIZE_MAX, true);
	path = write_temp(sb.buf, sb.len);
	r = (runs_seen){.in_order = true, .keyed = true};
	good = path && yaml_campaign_read_streaming(path, &c, &dl, collect_run, &r);
	ok(good && r.runs == 0 && c.n_tasks == 1000,
	   "streaming: with the id after the tasks, all are left to the caller");
	campaign_def_free(&c);
	diag_free(&dl);
	if (path)
		unlink(path);
	free(path);

	/* A file is parsed from a second read: an error the parser finds in
	 * the bytes is placed by reading the file again. */
	static const char ctl[] = HEAD "tasks:\n  - {id: a, name: \"x\x01y\", due: 2024-06-10}\n";
	path = write_temp(ctl, sizeof ctl - 1);
	good = path && yaml_campaign_read(path, &c, &dl);
	diag_list mem = {0};
	read_text(ctl, sizeof ctl - 1, &whole, &mem);
	placed = !good && dl.n >= 1 && mem.n >= 1 && dl.v[0].pos.line == 6 &&
		 dl.v[0].pos.line == mem.v[0].pos.line && dl.v[0].pos.col == mem.v[0].pos.col &&
		 str_eq(dl.v[0].msg, mem.v[0].msg);
	ok(placed, "a control character: the same message and place from a file as from memory");
	if (!placed) {
		show_diags(&dl);
		show_diags(&mem);
	}
	campaign_def_free(&c);
	campaign_def_free(&whole);
	diag_free(&dl);
	diag_free(&mem);
	if (path)
		unlink(path);
	free(path);
	sb_free(&sb);
}

static void test_samples(void)
{
	const char *root = getenv("SOURCE_ROOT");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/sample-campaigns", root ? root : ".");
	DIR *d = opendir(dir);
	ok(d != NULL, "sample-campaigns/ found (SOURCE_ROOT=%s)", root ? root : "unset");
	if (!d)
		return;
	strlist names = {0};
	struct dirent *e;
	while ((e = readdir(d)))
		if (strstr(e->d_name, ".yaml") && e->d_name[0] != '.')
			sl_push(&names, e->d_name);
	closedir(d);
	ok(names.n >= 5, "at least five sample files (%zu)", names.n);
	bool saw_summer = false;
	for (size_t i = 0; i < names.n; i++) {
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, names.v[i]);
		campaign_def c;
		diag_list dl = {0};
		bool ok = yaml_campaign_read(path, &c, &dl);
		ok(ok && dl.n == 0, "%s is a valid campaign", names.v[i]);
		show_diags(&dl);
		if (ok)
			check_round_trip(names.v[i], &c);
		if (strcmp(names.v[i], "reference.yaml") != 0) {
			ok(c.n_tasks >= 10 && c.n_tasks <= 25, "%s: 10-25 tasks (%zu)", names.v[i], c.n_tasks);
			ok(c.n_feedback >= 15 && c.n_feedback <= 30, "%s: 15-30 feedback items (%zu)",
			   names.v[i], c.n_feedback);
			ok(c.n_phases == 3 && c.n_values > 0, "%s: phases and values", names.v[i]);
		}
		if (str_eq(c.key, "2024-summer-launch")) {
			saw_summer = true;
			check_summer(&c);
		}
		campaign_def_free(&c);
		diag_free(&dl);
	}
	ok(saw_summer, "the summer launch sample is there");
	sl_free(&names);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_parse();
	test_errors_structure();
	test_errors_values();
	test_errors_semantic();
	test_validate_standalone();
	test_hostile();
	test_many_tasks();
	test_formula();
	test_write();
	test_samples();
	test_streaming();
	test_default_dates();
	return tap_done();
}
