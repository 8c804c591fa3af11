/* Query plans of the statements a screen runs. While recording, a
 * statement trace collects the distinct SQL texts the connection runs
 * (statements inside triggers are left out: they belong to the statement
 * that fired them); stopping explains each with EXPLAIN QUERY PLAN. The
 * plan test drives the store calls each pane makes and checks every plan
 * with store_plan_problem, so a screen query that starts scanning a table
 * of a million rows fails a test instead of a demo. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/store_plans.h"

typedef struct recorder {
	store *s;
	char **sql;
	size_t n, cap;
} recorder;

/* One recording per connection; a handful of connections at most. */
static recorder recorders[8];

static recorder *recorder_of(store *s)
{
	for (size_t i = 0; i < ARRAY_LEN(recorders); i++)
		if (recorders[i].s == s)
			return &recorders[i];
	return NULL;
}

static int on_trace(unsigned type, void *ctx, void *p, void *x)
{
	recorder *r = ctx;
	(void)p;
	const char *sql = x;
	if (type != SQLITE_TRACE_STMT || !sql || strncmp(sql, "--", 2) == 0)
		return 0;
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->sql[i], sql) == 0)
			return 0;
	r->sql = xgrow(r->sql, &r->cap, r->n + 1, sizeof *r->sql);
	r->sql[r->n++] = xstrdup(sql);
	return 0;
}

void store_plans_start(store *s)
{
	recorder *r = recorder_of(s);
	if (!r)
		r = recorder_of(NULL);
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		free(r->sql[i]);
	r->n = 0;
	r->s = s;
	sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT, on_trace, r);
}

static char *explain(store *s, const char *sql, enum store_rc *rc)
{
	char *q = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st = NULL;
	*rc = STORE_OK;
	if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK) {
		*rc = st_fail(s, "explaining a query");
		free(q);
		return NULL;
	}
	free(q);
	/* Rows are (id, parent, notused, detail); depth follows the parents. */
	strbuf out = STRBUF_INIT;
	int ids[64], depth[64], n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int id = sqlite3_column_int(st, 0), parent = sqlite3_column_int(st, 1), d = 0;
		for (int i = 0; i < n; i++)
			if (ids[i] == parent)
				d = depth[i] + 1;
		if (n < 64) {
			ids[n] = id;
			depth[n++] = d;
		}
		for (int i = 0; i < d; i++)
			sb_adds(&out, "  ");
		sb_adds(&out, (const char *)sqlite3_column_text(st, 3));
		sb_addc(&out, '\n');
	}
	sqlite3_finalize(st);
	return sb_detach(&out);
}

enum store_rc store_plans_stop(store *s, store_plan_list *out)
{
	memset(out, 0, sizeof *out);
	recorder *r = recorder_of(s);
	if (!r)
		return st_failf(s, STORE_INVALID, _("no plans are being recorded"));
	sqlite3_trace_v2(s->db, 0, NULL, NULL);
	enum store_rc rc = STORE_OK;
	out->v = xcalloc(r->n ? r->n : 1, sizeof *out->v);
	for (size_t i = 0; i < r->n; i++) {
		if (rc == STORE_OK) {
			char *plan = explain(s, r->sql[i], &rc);
			if (plan && *plan) {
				out->v[out->n].sql = r->sql[i];
				out->v[out->n++].plan = plan;
				continue;
			}
			free(plan);
		}
		free(r->sql[i]);
	}
	free(r->sql);
	memset(r, 0, sizeof *r);
	if (rc != STORE_OK)
		store_plan_list_free(out);
	return rc;
}

void store_plan_list_free(store_plan_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].sql);
		free(l->v[i].plan);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The word after "SCAN " (a table or its alias), into buf. */
static const char *scanned(const char *step, char *buf, size_t size)
{
	const char *p = step + 5;
	size_t n = strcspn(p, " \n");
	if (n >= size)
		n = size - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

/* True when the plan builds `name` itself (a subquery or CTE it then
 * scans: its size is what the subquery produced, not a table's). */
static bool built_here(const char *plan, const char *name)
{
	static const char *const kinds[] = {"MATERIALIZE ", "CO-ROUTINE "};
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		for (const char *q = strstr(plan, kinds[k]); q; q = strstr(q + 1, kinds[k])) {
			const char *w = q + strlen(kinds[k]);
			size_t n = strcspn(w, " \n");
			if (n == strlen(name) && strncmp(w, name, n) == 0)
				return true;
		}
	}
	return false;
}

const char *store_plan_problem(const store_plan *p, const char *const *small_tables,
			       bool may_sort, char *why, size_t size)
{
	const char *line = p->plan;
	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *step = line + strspn(line, " ");
		size_t slen = len - (size_t)(step - line);
		char name[64];
		if (slen > 5 && strncmp(step, "SCAN ", 5) == 0) {
			scanned(step, name, sizeof name);
			bool ok = name[0] == '(' || strcmp(name, "CONSTANT") == 0 ||
				  memmem(step, slen, " VIRTUAL TABLE", 14) != NULL ||
				  built_here(p->plan, name);
			for (size_t i = 0; !ok && small_tables && small_tables[i]; i++)
				ok = strcmp(name, small_tables[i]) == 0;
			if (!ok) {
				snprintf(why, size, _("scans all of %s: %.*s"), name, (int)slen, step);
				return why;
			}
		}
		if (!may_sort && slen >= 14 && strncmp(step, "USE TEMP B-TREE", 15) == 0) {
			snprintf(why, size, _("sorts every matching row: %.*s"), (int)slen, step);
			return why;
		}
		line = end ? end + 1 : NULL;
	}
	return NULL;
}
