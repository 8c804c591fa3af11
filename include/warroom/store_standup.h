/* What the daily stand-up needs from the store beyond the campaign, metric,
 * risk and feedback calls every screen uses: the tasks that want a word
 * (late, behind, due soon), each kind in one query however many tasks
 * there are. */
#ifndef WARROOM_STORE_STANDUP_H
#define WARROOM_STORE_STANDUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "warroom/store.h"

enum standup_task_kind {
	STANDUP_LATE,   /* not done and due before today; longest overdue first */
	STANDUP_BEHIND, /* started, not late, progress below the share of its
			 * days elapsed (task_is_behind); furthest behind first */
	STANDUP_DUE,    /* not done and due from today to `until`; by due date */
};

/* Up to `limit` tasks of one kind into a new array (*out, *n), and how many
 * there are in all (*total). Rows carry id, version, ord, key, name,
 * strategy, owner, phase, updated_at, start, due, status, tracking,
 * progress and milestone. Free with standup_tasks_free. */
enum store_rc store_standup_tasks(store *s, int64_t campaign_id, enum standup_task_kind kind,
				  wr_date today, wr_date until, size_t limit, task_row **out,
				  size_t *n, size_t *total);
void standup_tasks_free(task_row *v, size_t n);

#endif
