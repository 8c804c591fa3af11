/* Date <-> column arithmetic of the Gantt chart, bar cells and labels.
 * Everything is integer arithmetic on day numbers; division rounds towards
 * minus infinity so that days before the origin map to negative columns
 * consistently. */
#include "gantt.h"

#include <stdio.h>
#include <string.h>

#include "warroom/i18n.h"

static const struct {
	const char *name;
	int cols, days;
} scales[GANTT_N_ZOOM] = {
	[GANTT_DAY] = {N_("day"), 3, 1},
	[GANTT_WEEK] = {N_("week"), 1, 1},
	[GANTT_MONTH] = {N_("month"), 1, 3},
};

static long floor_div(long a, long b)
{
	long q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static enum gantt_zoom zoom_ok(enum gantt_zoom z)
{
	return (unsigned)z < GANTT_N_ZOOM ? z : GANTT_DAY;
}

const char *gantt_zoom_name(enum gantt_zoom z)
{
	return _(scales[zoom_ok(z)].name);
}

void gantt_scale(enum gantt_zoom z, int *cols, int *days)
{
	*cols = scales[zoom_ok(z)].cols;
	*days = scales[zoom_ok(z)].days;
}

static int clamp_col(long c)
{
	/* Keep far-away dates representable as int columns. */
	if (c < -1000000)
		return -1000000;
	if (c > 1000000)
		return 1000000;
	return (int)c;
}

int gantt_col(const gantt_axis *ax, wr_date d)
{
	int cols, days;
	gantt_scale(ax->zoom, &cols, &days);
	return clamp_col(floor_div(((long)d - ax->origin) * cols, days));
}

wr_date gantt_date_at(const gantt_axis *ax, int col)
{
	int cols, days;
	gantt_scale(ax->zoom, &cols, &days);
	return (wr_date)(ax->origin + floor_div((long)col * days, cols));
}

int gantt_days_visible(const gantt_axis *ax)
{
	int cols, days;
	gantt_scale(ax->zoom, &cols, &days);
	int w = ax->width > 0 ? ax->width : 0;
	return (int)floor_div((long)w * days, cols);
}

int gantt_today_col(const gantt_axis *ax, wr_date today)
{
	int cols, days;
	gantt_scale(ax->zoom, &cols, &days);
	return gantt_col(ax, today) + cols / 2;
}

/* Columns [c0, c1) of days first..last, unclipped; at least one column. */
static void raw_span(const gantt_axis *ax, wr_date first, wr_date last, int *c0, int *c1)
{
	*c0 = gantt_col(ax, first);
	*c1 = gantt_col(ax, last + 1);
	if (*c1 <= *c0)
		*c1 = *c0 + 1;
}

bool gantt_span(const gantt_axis *ax, wr_date first, wr_date last, int *c0, int *c1)
{
	if (first == WR_DATE_NONE || last == WR_DATE_NONE || last < first)
		return false;
	int a, b;
	raw_span(ax, first, last, &a, &b);
	if (a < 0)
		a = 0;
	if (b > ax->width)
		b = ax->width;
	*c0 = a;
	*c1 = b;
	return a < b;
}

static void fill(unsigned char *cells, int width, int from, int to, unsigned char v)
{
	if (from < 0)
		from = 0;
	if (to > width)
		to = width;
	for (int c = from; c < to; c++)
		cells[c] = v;
}

void gantt_row(const gantt_axis *ax, const gantt_task *t, wr_date today, unsigned char *cells)
{
	int w = ax->width;
	if (w <= 0)
		return;
	memset(cells, GC_EMPTY, (size_t)w);
	if (t->start == WR_DATE_NONE || t->due == WR_DATE_NONE) {
		int tc = gantt_today_col(ax, today);
		if (tc >= 0 && tc < w)
			cells[tc] = GC_TODAY;
		return;
	}
	wr_date start = t->start <= t->due ? t->start : t->due;
	int c0, c1;
	raw_span(ax, start, t->due, &c0, &c1);
	int len = c1 - c0;
	int pct = t->progress < 0 ? 0 : t->progress > 100 ? 100 : t->progress;
	int ndone = t->done ? len : (int)(((long)len * pct + 50) / 100);
	fill(cells, w, c0, c0 + ndone, GC_DONE);
	fill(cells, w, c0 + ndone, c1, GC_TODO);
	int end = c1; /* right edge of everything drawn for the task */
	if (t->late && !t->done && today > t->due) {
		int l0 = c1, l1 = gantt_col(ax, today + 1);
		if (l1 <= l0)
			l1 = l0 + 1;
		fill(cells, w, l0, l1, GC_LATE);
		end = l1;
	}
	if (t->milestone) {
		int m = gantt_col(ax, t->due + 1) - 1; /* the due day's last column */
		if (m < c0)
			m = c0;
		if (m >= 0 && m < w)
			cells[m] = GC_MILESTONE;
	}
	if (t->deps > 0 && c0 - 1 >= 0 && c0 - 1 < w)
		cells[c0 - 1] = t->deps_open > 0 ? GC_DEP_BLOCKED : GC_DEP;
	int tc = gantt_today_col(ax, today);
	if (tc >= 0 && tc < w && cells[tc] == GC_EMPTY)
		cells[tc] = GC_TODAY;
	/* Say where a bar is when none of it is in view. */
	if (end <= 0)
		cells[0] = GC_OFF_LEFT;
	else if (c0 >= w && !(t->deps > 0 && c0 - 1 == w - 1))
		cells[w - 1] = GC_OFF_RIGHT;
}

int gantt_labels(const gantt_axis *ax, gantt_label *out, int max)
{
	int n = 0, next_free = 0;
	if (ax->width <= 0 || max <= 0)
		return 0;
	wr_date first = gantt_date_at(ax, 0), last = gantt_date_at(ax, ax->width - 1);
	for (wr_date d = first; d <= last && n < max; d++) {
		int y, m, day;
		date_to_ymd(d, &y, &m, &day);
		char text[16];
		switch (ax->zoom) {
		case GANTT_DAY:
			snprintf(text, sizeof text, "%02d", day);
			break;
		case GANTT_WEEK:
			if (date_weekday(d) != 0)
				continue;
			snprintf(text, sizeof text, "%02d-%02d", m, day);
			break;
		default:
			if (day != 1 && d != first)
				continue;
			if (d == first && day > 20)
				continue; /* too close to the next month's label */
			snprintf(text, sizeof text, "%04d-%02d", y, m);
			break;
		}
		int col = gantt_col(ax, d);
		if (col < 0)
			continue;
		int len = (int)strlen(text);
		if (col < next_free || col + len > ax->width)
			continue;
		out[n].col = col;
		memcpy(out[n].text, text, sizeof text);
		n++;
		next_free = col + len + 1;
	}
	return n;
}

void gantt_set_zoom(gantt_axis *ax, enum gantt_zoom z, int anchor)
{
	z = zoom_ok(z);
	wr_date d = gantt_date_at(ax, anchor);
	int cols, days;
	gantt_scale(z, &cols, &days);
	ax->zoom = z;
	ax->origin = (wr_date)(d - floor_div((long)anchor * days, cols));
}

void gantt_scroll_days(gantt_axis *ax, int days)
{
	ax->origin += days;
}

int gantt_step_days(enum gantt_zoom z)
{
	switch (zoom_ok(z)) {
	case GANTT_DAY: return 1;
	case GANTT_WEEK: return 7;
	default: return 30;
	}
}

void gantt_center_today(gantt_axis *ax, wr_date today)
{
	ax->origin = today - gantt_days_visible(ax) / 4;
}

void gantt_fit(gantt_axis *ax, wr_date first, wr_date last, wr_date today)
{
	if (first == WR_DATE_NONE || last == WR_DATE_NONE || last < first) {
		ax->zoom = GANTT_DAY;
		gantt_center_today(ax, today);
		return;
	}
	for (int z = GANTT_DAY; z < GANTT_N_ZOOM; z++) {
		ax->zoom = (enum gantt_zoom)z;
		int margin = z == GANTT_DAY ? 1 : z == GANTT_WEEK ? 2 : 6;
		int need = (int)(last - first) + 1 + margin + 1;
		if (need <= gantt_days_visible(ax)) {
			ax->origin = first - margin;
			return;
		}
	}
	ax->zoom = GANTT_MONTH;
	gantt_center_today(ax, today);
}
