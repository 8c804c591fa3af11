/* Writing a campaign definition as YAML through libyaml's emitter, which
 * does the quoting and escaping. The output is deterministic: fields in a
 * fixed order, defaults left out, numbers in the shortest form that reads
 * back to the same double (with 万/亿 or % where that is exact), so that
 * export -> import -> export is byte-identical. */
#include "warroom/yaml_campaign.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "strmap.h"
#include "warroom/number.h"
#include "warroom/text.h"

enum num_style { NUM_PLAIN, NUM_MAGNITUDE, NUM_PERCENT };

typedef struct writer {
	yaml_emitter_t em;
	strbuf *out;
	strbuf clean; /* scratch for sanitised text */
	enum num_style value_style; /* of the metric whose values are being written */
} writer;

static int write_out(void *data, unsigned char *buffer, size_t size)
{
	sb_add(data, (const char *)buffer, size);
	return 1;
}

static void emit(writer *w, yaml_event_t *ev)
{
	if (!yaml_emitter_emit(&w->em, ev))
		die("cannot write YAML: %s", w->em.problem ? w->em.problem : "emitter error");
}

/* Text the emitter accepts: invalid UTF-8 becomes U+FFFD. */
static const char *valid_text(writer *w, const char *s)
{
	size_t n = strlen(s);
	if (utf8_valid(s, n))
		return s;
	sb_reset(&w->clean);
	for (size_t i = 0; i < n;) {
		int32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (cp < 0)
			sb_adds(&w->clean, "\xEF\xBF\xBD");
		else
			sb_add(&w->clean, s + i, (size_t)k);
		i += (size_t)k;
	}
	return sb_str(&w->clean);
}

/* The reader takes a plain empty, ~ or null as "no value": such text is
 * written quoted. */
static bool looks_null(const char *s)
{
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	       !strcmp(s, "NULL");
}

/* Bidi controls, invisible and tag characters count as printable for
 * libyaml, which would write them as they are; text holding one is written
 * double-quoted so that escape_hostile can turn them into \u escapes. */
static bool has_hostile(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		int32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (cp >= 0x80 && cp_is_hostile(cp))
			return true;
		i += (size_t)k;
	}
	return false;
}

/* Escapes what has_hostile found, in the output from `from` on: all of it
 * stands inside double quotes, where \uXXXX reads back as the character. */
static void escape_hostile(strbuf *out, size_t from)
{
	if (!has_hostile(sb_str(out) + from))
		return;
	strbuf esc = STRBUF_INIT;
	const char *s = sb_str(out) + from;
	size_t n = out->len - from;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (cp >= 0x80 && cp_is_hostile(cp))
			sb_printf(&esc, cp > 0xFFFF ? "\\U%08X" : "\\u%04X", (unsigned)cp);
		else
			sb_add(&esc, s + i, (size_t)k);
		i += (size_t)k;
	}
	out->len = from;
	sb_add(out, sb_str(&esc), esc.len);
	sb_free(&esc);
}

static void scalar(writer *w, const char *s)
{
	s = valid_text(w, s);
	yaml_event_t ev;
	yaml_scalar_style_t style = looks_null(s) || has_hostile(s) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
								    : YAML_ANY_SCALAR_STYLE;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
					  style))
		die("out of memory");
	emit(w, &ev);
}

static void map_start(writer *w, bool flow)
{
	yaml_event_t ev;
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
					    flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
	emit(w, &ev);
}

static void map_end(writer *w)
{
	yaml_event_t ev;
	yaml_mapping_end_event_initialize(&ev);
	emit(w, &ev);
}

static void seq_start(writer *w, bool flow)
{
	yaml_event_t ev;
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
					     flow ? YAML_FLOW_SEQUENCE_STYLE
						  : YAML_BLOCK_SEQUENCE_STYLE);
	emit(w, &ev);
}

static void seq_end(writer *w)
{
	yaml_event_t ev;
	yaml_sequence_end_event_initialize(&ev);
	emit(w, &ev);
}

/* ---- numbers --------------------------------------------------------- */

static bool reads_back(const char *s, double v)
{
	double x;
	return number_parse(s, &x, NULL) && x == v;
}

/* Plain decimal without an exponent, shortest that reads back. */
static void plain(double v, char *buf, size_t size)
{
	number_format_plain(v, buf, size);
	if (!strchr(buf, 'e'))
		return;
	for (int prec = 0; prec <= 40; prec++) {
		snprintf(buf, size, "%.*f", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

static int decimals(const char *s)
{
	const char *dot = strchr(s, '.');
	return dot ? (int)strlen(dot + 1) : 0;
}

/* v / scale followed by `suffix` ("万", "%"), with the fewest significant
 * digits that still read back as exactly v; false when none does. */
static bool suffixed(double v, double scale, const char *suffix, int max_decimals, char *buf,
		     size_t size)
{
	double m = v / scale;
	for (int prec = 1; prec <= 17; prec++) {
		char num[64];
		snprintf(num, sizeof num, "%.*g", prec, m);
		if (strchr(num, 'e') || decimals(num) > max_decimals)
			continue;
		snprintf(buf, size, "%s%s", strcmp(num, "-0") == 0 ? "0" : num, suffix);
		if (reads_back(buf, v))
			return true;
	}
	return false;
}

static void format_number(double v, enum num_style style, char *buf, size_t size)
{
	if (style == NUM_PERCENT && suffixed(v, 0.01, "%", 15, buf, size))
		return;
	if (style == NUM_MAGNITUDE) {
		if (fabs(v) >= 1e8 && suffixed(v, 1e8, "亿", 2, buf, size))
			return;
		if (fabs(v) >= 1e4 && suffixed(v, 1e4, "万", 2, buf, size))
			return;
	}
	plain(v, buf, size);
}

/* ---- fields ---------------------------------------------------------- */

static void f_str(writer *w, const char *key, const char *val)
{
	if (str_empty(val))
		return;
	scalar(w, key);
	scalar(w, val);
}

static void f_date(writer *w, const char *key, wr_date d)
{
	char buf[16];
	if (d == WR_DATE_NONE)
		return;
	scalar(w, key);
	scalar(w, date_format(d, buf));
}

static void f_num(writer *w, const char *key, double v, enum num_style style)
{
	char buf[96];
	format_number(v, style, buf, sizeof buf);
	scalar(w, key);
	scalar(w, buf);
}

static void f_list(writer *w, const char *key, const strlist *sl)
{
	if (sl->n == 0)
		return;
	scalar(w, key);
	seq_start(w, true);
	for (size_t i = 0; i < sl->n; i++)
		scalar(w, sl->v[i]);
	seq_end(w);
}

/* "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS". */
static const char *when(wr_date day, int secs, char *buf)
{
	if (secs == 0)
		return date_format(day, buf);
	datetime_format(day, secs, buf);
	if (secs % 60 == 0)
		buf[16] = '\0';
	return buf;
}

static bool is_pct_unit(const char *unit) { return unit && strcmp(unit, "%") == 0; }

/* ---- the parts ------------------------------------------------------- */

static void write_phases(writer *w, const campaign_def *c)
{
	if (!c->n_phases)
		return;
	scalar(w, "phases");
	seq_start(w, false);
	for (size_t i = 0; i < c->n_phases; i++) {
		const phase_def *ph = &c->phases[i];
		map_start(w, true);
		f_str(w, "name", ph->name);
		f_date(w, "start", ph->start);
		f_date(w, "end", ph->end);
		map_end(w);
	}
	seq_end(w);
}

static void write_objectives(writer *w, const campaign_def *c)
{
	if (!c->n_objectives)
		return;
	scalar(w, "objectives");
	seq_start(w, false);
	for (size_t i = 0; i < c->n_objectives; i++) {
		map_start(w, true);
		f_str(w, "text", c->objectives[i].text);
		f_str(w, "metric", c->objectives[i].metric);
		map_end(w);
	}
	seq_end(w);
}

static void write_metric(writer *w, const metric_def *m)
{
	enum num_style vs = is_pct_unit(m->unit) ? NUM_PERCENT : NUM_MAGNITUDE;
	map_start(w, false);
	f_str(w, "key", m->key);
	f_str(w, "name", m->name);
	f_str(w, "layer", metric_layer_name(m->layer));
	f_str(w, "definition", m->definition);
	f_str(w, "unit", m->unit);
	f_str(w, "formula", m->formula);
	if (m->has_target)
		f_num(w, "target", m->target, vs);
	f_str(w, "direction", metric_direction_name(m->direction));
	if (!m->formula)
		f_str(w, "aggregate", metric_aggregate_name(m->aggregate));
	if (m->weight != 0)
		f_num(w, "weight", m->weight, NUM_PLAIN);
	f_str(w, "source", m->source);
	f_str(w, "frequency", m->frequency);
	if (m->has_warn)
		f_num(w, "warn", m->warn, NUM_PERCENT);
	if (m->has_alert)
		f_num(w, "alert", m->alert, NUM_PERCENT);
	if (m->n_phase_targets) {
		scalar(w, "phase_targets");
		map_start(w, true);
		for (size_t j = 0; j < m->n_phase_targets; j++)
			f_num(w, m->phase_targets[j].phase ? m->phase_targets[j].phase : "?",
			      m->phase_targets[j].target, vs);
		map_end(w);
	}
	if (m->funnel)
		f_str(w, "funnel", "true");
	map_end(w);
}

static void write_task(writer *w, const task_def *t)
{
	map_start(w, false);
	f_str(w, "id", t->key);
	f_str(w, "name", t->name);
	f_str(w, "phase", t->phase);
	f_str(w, "strategy", t->strategy);
	f_str(w, "owner", t->owner);
	f_list(w, "with", &t->with);
	f_date(w, "start", t->start);
	f_date(w, "due", t->due);
	f_str(w, "deliverable", t->deliverable);
	if (t->tracking != TRACK_DAILY)
		f_str(w, "tracking", task_tracking_name(t->tracking));
	f_list(w, "after", &t->after);
	if (t->milestone)
		f_str(w, "milestone", "true");
	if (t->status != TASK_NOT_STARTED)
		f_str(w, "status", task_status_name(t->status));
	if (t->progress != 0)
		f_num(w, "progress", t->progress, NUM_PLAIN);
	f_str(w, "problem", t->problem);
	f_str(w, "support", t->support);
	map_end(w);
}

static void write_feedback(writer *w, const campaign_def *c)
{
	if (!c->n_feedback)
		return;
	scalar(w, "feedback");
	seq_start(w, false);
	for (size_t i = 0; i < c->n_feedback; i++) {
		const feedback_def *fb = &c->feedback[i];
		char buf[32];
		map_start(w, false);
		if (fb->at != WR_DATE_NONE)
			f_str(w, "at", when(fb->at, fb->at_secs, buf));
		f_str(w, "channel", fb->channel);
		if (fb->type != FB_TYPE_NONE)
			f_str(w, "type", feedback_type_name(fb->type));
		f_str(w, "customer", fb->customer);
		f_str(w, "text", fb->text);
		if (fb->has_rating)
			f_num(w, "rating", fb->rating, NUM_PLAIN);
		if (fb->rating_scale)
			f_num(w, "scale", fb->rating_scale, NUM_PLAIN);
		map_end(w);
	}
	seq_end(w);
}

static void write_words(writer *w, const campaign_def *c)
{
	if (c->n_tags) {
		scalar(w, "feedback_tags");
		map_start(w, false);
		for (size_t i = 0; i < c->n_tags; i++) {
			scalar(w, c->tags[i].name ? c->tags[i].name : "?");
			seq_start(w, true);
			for (size_t j = 0; j < c->tags[i].words.n; j++)
				scalar(w, c->tags[i].words.v[j]);
			seq_end(w);
		}
		map_end(w);
	}
	if (c->positive_words.n || c->negative_words.n) {
		scalar(w, "feedback_words");
		map_start(w, false);
		f_list(w, "positive", &c->positive_words);
		f_list(w, "negative", &c->negative_words);
		map_end(w);
	}
}

/* Values grouped by metric, metrics in order of first appearance, each
 * metric's values in their recorded order. */
typedef struct value_ref {
	size_t group, index;
} value_ref;

static int value_ref_cmp(const void *a, const void *b)
{
	const value_ref *x = a, *y = b;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static const char *value_metric(const value_def *v) { return v->metric ? v->metric : "?"; }

static void write_values(writer *w, const campaign_def *c)
{
	if (!c->n_values)
		return;
	strmap groups = {0}, metrics = {0};
	for (size_t i = 0; i < c->n_metrics; i++)
		if (c->metrics[i].key)
			strmap_add(&metrics, c->metrics[i].key, i);
	value_ref *refs = xmalloc(c->n_values * sizeof *refs);
	for (size_t i = 0; i < c->n_values; i++) {
		strmap_add(&groups, value_metric(&c->values[i]), groups.n);
		refs[i] = (value_ref){strmap_get(&groups, value_metric(&c->values[i])), i};
	}
	qsort(refs, c->n_values, sizeof *refs, value_ref_cmp);
	scalar(w, "values");
	map_start(w, false);
	for (size_t i = 0; i < c->n_values; i++) {
		const value_def *v = &c->values[refs[i].index];
		if (i == 0 || refs[i].group != refs[i - 1].group) {
			if (i > 0)
				map_end(w);
			size_t m = strmap_get(&metrics, value_metric(v));
			scalar(w, value_metric(v));
			map_start(w, false);
			w->value_style = m != STRMAP_NONE && is_pct_unit(c->metrics[m].unit)
						 ? NUM_PERCENT
						 : NUM_MAGNITUDE;
		}
		char buf[32];
		f_num(w, when(v->at, v->at_secs, buf), v->value, w->value_style);
	}
	map_end(w);
	map_end(w);
	free(refs);
	strmap_free(&groups);
	strmap_free(&metrics);
}

void yaml_campaign_write(const campaign_def *c, strbuf *out)
{
	writer w = {.out = out, .clean = STRBUF_INIT};
	size_t from = out->len;
	if (!yaml_emitter_initialize(&w.em))
		die("out of memory");
	yaml_emitter_set_output(&w.em, write_out, out);
	yaml_emitter_set_unicode(&w.em, 1);
	yaml_emitter_set_width(&w.em, -1); /* never fold long text */
	yaml_emitter_set_indent(&w.em, 2);
	yaml_event_t ev;
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(&w, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(&w, &ev);

	map_start(&w, false);
	f_str(&w, "id", c->key);
	f_str(&w, "name", c->name);
	f_str(&w, "type", c->type);
	f_str(&w, "owner", c->owner);
	f_date(&w, "start", c->start);
	f_date(&w, "end", c->end);
	if (c->has_budget)
		f_num(&w, "budget", c->budget, NUM_MAGNITUDE);
	f_str(&w, "currency", c->currency);
	f_str(&w, "audience", c->audience);
	f_list(&w, "channels", &c->channels);
	f_str(&w, "baseline", c->baseline);
	write_phases(&w, c);
	write_objectives(&w, c);
	if (c->n_metrics) {
		scalar(&w, "metrics");
		seq_start(&w, false);
		for (size_t i = 0; i < c->n_metrics; i++)
			write_metric(&w, &c->metrics[i]);
		seq_end(&w);
	}
	if (c->n_tasks) {
		scalar(&w, "tasks");
		seq_start(&w, false);
		for (size_t i = 0; i < c->n_tasks; i++)
			write_task(&w, &c->tasks[i]);
		seq_end(&w);
	}
	write_words(&w, c);
	write_feedback(&w, c);
	write_values(&w, c);
	map_end(&w);

	yaml_document_end_event_initialize(&ev, 1);
	emit(&w, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(&w, &ev);
	yaml_emitter_flush(&w.em);
	yaml_emitter_delete(&w.em);
	sb_free(&w.clean);
	escape_hostile(out, from);
}
