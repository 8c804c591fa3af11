/* Derived task state: late, behind, stale. The store computes the same
 * rules in its header counts; a test keeps the two in agreement. */
#ifndef WARROOM_TASK_STATE_H
#define WARROOM_TASK_STATE_H

#include <stdbool.h>

#include "warroom/store.h"

/* Past due and not done. */
bool task_is_late(const task_row *t, wr_date today);
/* Started, not done, not late, and progress below the share of its time
 * that has elapsed (counting today). */
bool task_is_behind(const task_row *t, wr_date today);
/* Tracked daily, started, not done, and not updated by an operator today. */
bool task_is_stale(const task_row *t, wr_date today);
/* Share of the task's days elapsed by the end of `today`, 0..1. */
double task_elapsed_share(wr_date start, wr_date due, wr_date today);

#endif
