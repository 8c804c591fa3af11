/* Semantic checks on a campaign definition: date order, references between
 * tasks, phases and metrics, duplicates, dependency and formula cycles.
 * Everything is linear in the size of the definition (hash maps for keys,
 * an iterative depth-first search for cycles) so that a plan with tens of
 * thousands of tasks is checked at once. Messages name the entity and
 * point at the line where the offending reference was written. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign_check.h"
#include "strmap.h"
#include "warroom/formula.h"
#include "warroom/i18n.h"
#include "warroom/number.h"
#include "warroom/text.h"
#include "warroom/yaml_campaign.h"

typedef struct vctx {
	const campaign_def *c;
	diag_list *dl;
} vctx;

static void verr(vctx *v, src_pos pos, const char *fmt, ...) WR_PRINTF(3, 4);
static void verr(vctx *v, src_pos pos, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	diag_add(v->dl, v->c->file, pos, "%s", sb_str(&sb));
	sb_free(&sb);
}

static const char *nz(const char *s) { return s ? s : "?"; }

static src_pos or_pos(src_pos p, src_pos fallback) { return p.line ? p : fallback; }

bool campaign_id_valid(const char *s)
{
	if (!s || !*s || strlen(s) > 64)
		return false;
	for (const char *p = s; *p; p++) {
		char ch = *p;
		bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
		if (!alnum && (p == s || (ch != '-' && ch != '_' && ch != '.')))
			return false;
	}
	return true;
}

bool metric_key_valid(const char *s)
{
	if (!s || !*s || strlen(s) > 64)
		return false;
	if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

bool task_key_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 128 || !utf8_valid(s, n))
		return false;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		if (cp <= ' ' || cp == 0x7F || cp == 0x3000 || cp_is_hostile(cp))
			return false;
	}
	return true;
}

/* "defined twice (first at line N)" */
static void duplicate(vctx *v, src_pos pos, src_pos first, const char *what, const char *name)
{
	if (first.line)
		verr(v, pos, _("%s '%s' is defined twice (first at line %d)"), what, name, first.line);
	else
		verr(v, pos, _("%s '%s' is defined twice"), what, name);
}

/* ---- cycles ---------------------------------------------------------- */

/* A directed graph in compressed form: the edges of node i are
 * to[off[i]] .. to[off[i+1]-1], each written at pos[e]. */
typedef struct graph {
	size_t n;
	size_t *off, *to;
	src_pos *pos;
} graph;

typedef void (*cycle_fn)(vctx *v, size_t from, src_pos at, const char *path);

/* Appends "a -> b -> ... -> a" for the cycle closed by from -> stack[k],
 * starting at `from`; very long cycles are shortened in the middle. */
static void cycle_path(strbuf *sb, const char *const *names, const size_t *stack, size_t k,
		       size_t top)
{
	size_t from = stack[top];
	size_t len = top - k + 1; /* nodes in the cycle */
	sb_adds(sb, names[from]);
	for (size_t i = 0; i < len; i++) {
		size_t node = stack[k + i];
		if (len > 20 && i == 9) {
			sb_printf(sb, " -> ... (%zu more)", len - 18);
			i = len - 10;
			continue;
		}
		sb_printf(sb, " -> %s", names[node]);
	}
}

/* Iterative depth-first search reporting every edge that closes a cycle. */
static void find_cycles(vctx *v, const graph *g, const char *const *names, cycle_fn report)
{
	if (g->n == 0)
		return;
	unsigned char *color = xcalloc(g->n, 1); /* 0 new, 1 on the stack, 2 done */
	size_t *stack = xmalloc(g->n * sizeof *stack);
	size_t *next = xmalloc(g->n * sizeof *next);  /* next edge to follow, per stack slot */
	size_t *where = xmalloc(g->n * sizeof *where); /* stack slot of a node on the stack */
	strbuf sb = STRBUF_INIT;
	for (size_t root = 0; root < g->n; root++) {
		if (color[root])
			continue;
		size_t top = 0;
		stack[0] = root;
		next[0] = g->off[root];
		where[root] = 0;
		color[root] = 1;
		for (;;) {
			size_t u = stack[top];
			if (next[top] == g->off[u + 1]) {
				color[u] = 2;
				if (top == 0)
					break;
				top--;
				continue;
			}
			size_t e = next[top]++;
			size_t w = g->to[e];
			if (color[w] == 1) {
				sb_reset(&sb);
				cycle_path(&sb, names, stack, where[w], top);
				report(v, u, g->pos[e], sb_str(&sb));
			} else if (color[w] == 0) {
				top++;
				stack[top] = w;
				next[top] = g->off[w];
				where[w] = top;
				color[w] = 1;
			}
		}
	}
	sb_free(&sb);
	free(color);
	free(stack);
	free(next);
	free(where);
}

static void graph_free(graph *g)
{
	free(g->off);
	free(g->to);
	free(g->pos);
}

static void task_cycle(vctx *v, size_t from, src_pos at, const char *path)
{
	verr(v, at, _("task '%s': dependency cycle: %s"), nz(v->c->tasks[from].key), path);
}

static void formula_cycle(vctx *v, size_t from, src_pos at, const char *path)
{
	verr(v, at, _("metric '%s': formula cycle: %s"), nz(v->c->metrics[from].key), path);
}

/* ---- the parts ------------------------------------------------------- */

static void check_campaign(vctx *v, bool from_reader)
{
	const campaign_def *c = v->c;
	char a[16], b[16];
	if (!from_reader) {
		static const char *const req[] = {"id", "name", "start", "end"};
		bool missing[] = {str_empty(c->key), str_empty(c->name), c->start == WR_DATE_NONE,
				  c->end == WR_DATE_NONE};
		for (size_t i = 0; i < ARRAY_LEN(req); i++)
			if (missing[i])
				verr(v, c->pos, _("missing required key '%s'"), req[i]);
	}
	if (c->start != WR_DATE_NONE && c->end != WR_DATE_NONE && c->end < c->start)
		verr(v, or_pos(c->end_pos, c->pos), _("end %s is before start %s"), date_format(c->end, a),
		     date_format(c->start, b));
	if (c->baseline && str_eq(c->baseline, c->key))
		verr(v, or_pos(c->baseline_pos, c->pos),
		     _("baseline: a campaign cannot be its own baseline"));
}

static void check_phases(vctx *v, strmap *phases)
{
	const campaign_def *c = v->c;
	char a[16], b[16], d[16], e[16];
	for (size_t i = 0; i < c->n_phases; i++) {
		const phase_def *ph = &c->phases[i];
		if (!ph->name)
			continue;
		if (!strmap_add(phases, ph->name, i)) {
			duplicate(v, ph->pos, c->phases[strmap_get(phases, ph->name)].pos, _("phase"),
				  ph->name);
			continue;
		}
		if (ph->start == WR_DATE_NONE || ph->end == WR_DATE_NONE)
			continue;
		if (ph->end < ph->start)
			verr(v, ph->pos, _("phase '%s': end %s is before start %s"), ph->name,
			     date_format(ph->end, a), date_format(ph->start, b));
		else if (c->start != WR_DATE_NONE && c->end != WR_DATE_NONE && c->start <= c->end &&
			 (ph->start < c->start || ph->end > c->end))
			verr(v, ph->pos, _("phase '%s' (%s .. %s) is outside the campaign period %s .. %s"),
			     ph->name, date_format(ph->start, a), date_format(ph->end, b),
			     date_format(c->start, d), date_format(c->end, e));
	}
}

static void check_metric_fields(vctx *v, const metric_def *m)
{
	char a[64];
	if (m->weight < 0)
		verr(v, m->pos, _("metric '%s': weight %s must not be negative"), nz(m->key),
		     number_format_plain(m->weight, a, sizeof a));
	if (m->has_warn && (m->warn > 0 || m->warn < -1))
		verr(v, m->pos, _("metric '%s': warn %s must be between -100%% and 0"), nz(m->key),
		     number_format_pct(m->warn, a, sizeof a));
	if (m->has_alert && (m->alert > 0 || m->alert < -1))
		verr(v, m->pos, _("metric '%s': alert %s must be between -100%% and 0"), nz(m->key),
		     number_format_pct(m->alert, a, sizeof a));
	if (!str_empty(m->key) && !metric_key_valid(m->key))
		verr(v, m->pos, _("metric '%s': not a valid metric key (lower-case letters, digits and _)"),
		     m->key);
}

static void check_metrics(vctx *v, strmap *metrics, const strmap *phases, bool from_reader)
{
	const campaign_def *c = v->c;
	char a[64], b[64];
	for (size_t i = 0; i < c->n_metrics; i++) {
		const metric_def *m = &c->metrics[i];
		if (!from_reader)
			check_metric_fields(v, m);
		if (m->key && !strmap_add(metrics, m->key, i))
			duplicate(v, m->pos, c->metrics[strmap_get(metrics, m->key)].pos, _("metric"),
				  m->key);
		if (m->has_warn && m->has_alert && m->alert > m->warn)
			verr(v, m->pos,
			     _("metric '%s': alert %s is milder than warn %s (alert must be further behind target)"),
			     nz(m->key), number_format_pct(m->alert, a, sizeof a),
			     number_format_pct(m->warn, b, sizeof b));
		if (m->n_phase_targets && (m->formula || m->aggregate != AGG_SUM))
			verr(v, or_pos(m->phase_targets[0].pos, m->pos),
			     _("metric '%s': phase_targets need a summed metric (%s)"), nz(m->key),
			     m->formula ? _("this one has a formula") : _("its aggregate is not sum"));
		for (size_t j = 0; j < m->n_phase_targets; j++) {
			const phase_target *pt = &m->phase_targets[j];
			if (strmap_get(phases, pt->phase) == STRMAP_NONE)
				verr(v, or_pos(pt->pos, m->pos),
				     _("metric '%s': phase_targets names unknown phase '%s'"), nz(m->key),
				     nz(pt->phase));
		}
	}
}

/* Parses every formula, checks the metrics it names and looks for cycles
 * among formula metrics. */
static void check_formulas(vctx *v, const strmap *metrics)
{
	const campaign_def *c = v->c;
	graph g = {.n = c->n_metrics};
	g.off = xcalloc(c->n_metrics + 1, sizeof *g.off);
	size_t cap_to = 0, cap_pos = 0, n_edges = 0;
	for (size_t i = 0; i < c->n_metrics; i++) {
		const metric_def *m = &c->metrics[i];
		g.off[i] = n_edges;
		if (!m->formula)
			continue;
		src_pos at = or_pos(m->formula_pos, m->pos);
		char err[160];
		size_t off = 0;
		formula *f = formula_parse(m->formula, err, sizeof err, &off);
		if (!f) {
			verr(v, at, _("metric '%s': formula '%s': %s (at character %zu)"), nz(m->key),
			     m->formula, err, off + 1);
			continue;
		}
		for (size_t k = 0; k < formula_n_idents(f); k++) {
			const char *id = formula_ident(f, k);
			size_t t = strmap_get(metrics, id);
			if (t == STRMAP_NONE) {
				verr(v, at, _("metric '%s': formula uses unknown metric '%s'"), nz(m->key), id);
				continue;
			}
			g.to = xgrow(g.to, &cap_to, n_edges + 1, sizeof *g.to);
			g.pos = xgrow(g.pos, &cap_pos, n_edges + 1, sizeof *g.pos);
			g.to[n_edges] = t;
			g.pos[n_edges++] = at;
		}
		formula_free(f);
	}
	g.off[c->n_metrics] = n_edges;
	const char **names = xmalloc((c->n_metrics + 1) * sizeof *names);
	for (size_t i = 0; i < c->n_metrics; i++)
		names[i] = nz(c->metrics[i].key);
	find_cycles(v, &g, names, formula_cycle);
	free(names);
	graph_free(&g);
}

static void check_objectives(vctx *v, const strmap *metrics)
{
	const campaign_def *c = v->c;
	for (size_t i = 0; i < c->n_objectives; i++) {
		const objective_def *o = &c->objectives[i];
		if (o->metric && strmap_get(metrics, o->metric) == STRMAP_NONE)
			verr(v, or_pos(o->metric_pos, o->pos), _("objective %zu: unknown metric '%s'"), i + 1,
			     o->metric);
		if (str_empty(o->text))
			verr(v, o->pos, _("objective %zu: empty text"), i + 1);
	}
}

static void check_tasks(vctx *v, const strmap *phases, bool from_reader)
{
	const campaign_def *c = v->c;
	char a[16], b[16];
	strmap tasks = {0};
	for (size_t i = 0; i < c->n_tasks; i++) {
		const task_def *t = &c->tasks[i];
		if (!t->key)
			continue;
		if (!strmap_add(&tasks, t->key, i))
			duplicate(v, t->pos, c->tasks[strmap_get(&tasks, t->key)].pos, _("task"), t->key);
	}
	graph g = {.n = c->n_tasks};
	g.off = xcalloc(c->n_tasks + 1, sizeof *g.off);
	size_t cap_to = 0, cap_pos = 0, n_edges = 0;
	for (size_t i = 0; i < c->n_tasks; i++) {
		const task_def *t = &c->tasks[i];
		g.off[i] = n_edges;
		const char *name = nz(t->key);
		if (!from_reader) {
			if (str_empty(t->key))
				verr(v, t->pos, _("task %zu: missing required key 'id'"), i + 1);
			if (str_empty(t->name))
				verr(v, t->pos, _("task '%s': missing required key 'name'"), name);
			if (t->progress < 0 || t->progress > 100)
				verr(v, t->pos, _("task '%s': progress %d is outside 0-100"), name, t->progress);
		}
		if (t->start != WR_DATE_NONE && t->due != WR_DATE_NONE && t->due < t->start)
			verr(v, or_pos(t->due_pos, t->pos), _("task '%s': due %s is before start %s"), name,
			     date_format(t->due, a), date_format(t->start, b));
		if (t->phase && strmap_get(phases, t->phase) == STRMAP_NONE)
			verr(v, or_pos(t->phase_pos, t->pos), _("task '%s': unknown phase '%s'"), name,
			     t->phase);
		for (size_t j = 0; j < t->after.n; j++) {
			src_pos at = t->after_pos ? or_pos(t->after_pos[j], t->pos) : t->pos;
			size_t k = strmap_get(&tasks, t->after.v[j]);
			if (k == STRMAP_NONE) {
				verr(v, at, _("task '%s': depends on unknown task '%s'"), name, t->after.v[j]);
				continue;
			}
			g.to = xgrow(g.to, &cap_to, n_edges + 1, sizeof *g.to);
			g.pos = xgrow(g.pos, &cap_pos, n_edges + 1, sizeof *g.pos);
			g.to[n_edges] = k;
			g.pos[n_edges++] = at;
		}
	}
	g.off[c->n_tasks] = n_edges;
	const char **names = xmalloc((c->n_tasks + 1) * sizeof *names);
	for (size_t i = 0; i < c->n_tasks; i++)
		names[i] = nz(c->tasks[i].key);
	find_cycles(v, &g, names, task_cycle);
	free(names);
	graph_free(&g);
	strmap_free(&tasks);
}

static void check_feedback(vctx *v, bool from_reader)
{
	const campaign_def *c = v->c;
	char a[64];
	for (size_t i = 0; i < c->n_feedback; i++) {
		const feedback_def *fb = &c->feedback[i];
		if (fb->text && !utf8_valid(fb->text, strlen(fb->text)))
			verr(v, fb->pos, _("feedback %zu: text is not valid UTF-8"), i + 1);
		if (from_reader)
			continue;
		if (str_empty(fb->text))
			verr(v, fb->pos, _("feedback %zu: empty text"), i + 1);
		if (fb->rating_scale != 0 && fb->rating_scale != 5 && fb->rating_scale != 10)
			verr(v, fb->pos, _("feedback %zu: scale %d is not 5 or 10"), i + 1, fb->rating_scale);
		double lo = fb->rating_scale == 5 ? 1 : 0, hi = fb->rating_scale == 5 ? 5 : 10;
		if (fb->has_rating && (fb->rating < lo || fb->rating > hi))
			verr(v, fb->pos, _("feedback %zu: rating %s is outside the %g-%g scale"), i + 1,
			     number_format_plain(fb->rating, a, sizeof a), lo, hi);
	}
}

static void check_values(vctx *v, const strmap *metrics)
{
	const campaign_def *c = v->c;
	for (size_t i = 0; i < c->n_values; i++) {
		const value_def *val = &c->values[i];
		if (i > 0 && str_eq(c->values[i - 1].metric, val->metric))
			continue; /* one message per metric */
		src_pos at = or_pos(val->metric_pos, val->pos);
		size_t k = strmap_get(metrics, val->metric);
		if (k == STRMAP_NONE)
			verr(v, at, _("values: unknown metric '%s'"), nz(val->metric));
		else if (c->metrics[k].formula)
			verr(v, at,
			     _("values: metric '%s' is computed by its formula and cannot have recorded values"),
			     val->metric);
	}
}

void campaign_check(const campaign_def *c, diag_list *diags, bool from_reader)
{
	vctx v = {c, diags};
	strmap phases = {0}, metrics = {0};
	check_campaign(&v, from_reader);
	check_phases(&v, &phases);
	check_metrics(&v, &metrics, &phases, from_reader);
	check_formulas(&v, &metrics);
	check_objectives(&v, &metrics);
	check_tasks(&v, &phases, from_reader);
	check_feedback(&v, from_reader);
	check_values(&v, &metrics);
	strmap_free(&phases);
	strmap_free(&metrics);
}

void campaign_validate(const campaign_def *c, diag_list *diags)
{
	campaign_check(c, diags, false);
}
