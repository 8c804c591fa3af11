/* Derived task state from dates, progress and the last update. */
#include "warroom/task_state.h"

#include <string.h>

double task_elapsed_share(wr_date start, wr_date due, wr_date today)
{
	if (start == WR_DATE_NONE || due == WR_DATE_NONE || today < start)
		return 0;
	double span = (double)(due - start + 1);
	double done = (double)(today - start + 1);
	if (span <= 0 || done >= span)
		return 1;
	return done / span;
}

bool task_is_late(const task_row *t, wr_date today)
{
	return t->status != TASK_DONE && t->due != WR_DATE_NONE && today > t->due;
}

bool task_is_behind(const task_row *t, wr_date today)
{
	if (t->status == TASK_DONE || task_is_late(t, today) || today < t->start)
		return false;
	return t->progress < 100.0 * task_elapsed_share(t->start, t->due, today) - 1e-9;
}

bool task_is_stale(const task_row *t, wr_date today)
{
	if (t->tracking != TRACK_DAILY || t->status == TASK_DONE || today < t->start)
		return false;
	char d[16];
	date_format(today, d);
	return !t->updated_at || strncmp(t->updated_at, d, 10) < 0;
}
