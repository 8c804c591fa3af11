/* Query plans of what a screen runs, for the test that keeps every screen
 * query on an index (tests/unit/test_query_plans.c). Recording is off
 * unless asked for; it costs nothing otherwise. */
#ifndef WARROOM_STORE_PLANS_H
#define WARROOM_STORE_PLANS_H

#include <stdbool.h>
#include <stddef.h>

#include "warroom/store.h"

typedef struct store_plan {
	char *sql;  /* the statement as prepared (parameters unbound) */
	char *plan; /* EXPLAIN QUERY PLAN, one step per line, indented by depth */
} store_plan;

typedef struct store_plan_list {
	store_plan *v;
	size_t n;
} store_plan_list;

/* Starts recording the distinct statements this connection runs. */
void store_plans_start(store *s);
/* Stops recording and explains each statement run since the start, in
 * the order they first ran. */
enum store_rc store_plans_stop(store *s, store_plan_list *out);
void store_plan_list_free(store_plan_list *l);

/* Why a plan is not fit for a screen query, or NULL when it is: a step
 * that scans a whole table (other than one named in `small_tables`, a
 * NULL-terminated list of tables that stay a few rows per campaign), or
 * that sorts in a temporary B-tree when `may_sort` is false. The reason
 * is written into `why`. */
const char *store_plan_problem(const store_plan *p, const char *const *small_tables,
			       bool may_sort, char *why, size_t size);

#endif
