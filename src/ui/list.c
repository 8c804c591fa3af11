/* Virtual list: cursor, scrolling and a one-window row cache. */
#include "list.h"

#include <stdlib.h>
#include <string.h>

#include "warroom/util.h"

void vlist_init(vlist *l, const vlist_source *src)
{
	memset(l, 0, sizeof *l);
	l->src = *src;
	l->height = 1;
}

static void drop_cache(vlist *l)
{
	if (l->src.free_row)
		for (size_t i = 0; i < l->cache_n; i++)
			l->src.free_row(l->cache + i * l->src.row_size);
	l->cache_n = 0;
	l->cache_valid = false;
}

void vlist_free(vlist *l)
{
	drop_cache(l);
	free(l->cache);
	l->cache = NULL;
	l->cache_cap = 0;
}

void vlist_invalidate(vlist *l)
{
	drop_cache(l);
	l->failed = false;
}

static void clamp(vlist *l)
{
	if (l->height < 1)
		l->height = 1;
	if (l->count == 0) {
		l->cursor = l->top = 0;
		return;
	}
	if (l->cursor >= l->count)
		l->cursor = l->count - 1;
	size_t h = (size_t)l->height;
	if (l->cursor < l->top)
		l->top = l->cursor;
	if (l->cursor >= l->top + h)
		l->top = l->cursor - h + 1;
	/* No empty space below the last row when there are rows above. */
	if (l->count >= h && l->top > l->count - h)
		l->top = l->count - h;
	if (l->count < h)
		l->top = 0;
}

void vlist_set_count(vlist *l, size_t count)
{
	l->count = count;
	clamp(l);
}

void vlist_set_height(vlist *l, int height)
{
	l->height = height < 1 ? 1 : height;
	clamp(l);
}

void vlist_goto(vlist *l, size_t index)
{
	l->cursor = index;
	clamp(l);
}

static void move_by(vlist *l, long delta, bool scroll_too)
{
	if (l->count == 0)
		return;
	long c = (long)l->cursor + delta;
	if (c < 0)
		c = 0;
	if (c >= (long)l->count)
		c = (long)l->count - 1;
	if (scroll_too) {
		long t = (long)l->top + delta;
		long max_top = (long)l->count - l->height;
		if (max_top < 0)
			max_top = 0;
		if (t > max_top)
			t = max_top;
		if (t < 0)
			t = 0;
		l->top = (size_t)t;
	}
	l->cursor = (size_t)c;
	clamp(l);
}

bool vlist_action(vlist *l, enum action a)
{
	long page = l->height > 1 ? l->height - 1 : 1;
	switch (a) {
	case ACT_UP: move_by(l, -1, false); return true;
	case ACT_DOWN: move_by(l, 1, false); return true;
	case ACT_PAGE_UP: move_by(l, -page, true); return true;
	case ACT_PAGE_DOWN: move_by(l, page, true); return true;
	case ACT_HALF_UP: move_by(l, -(long)(l->height / 2 ? l->height / 2 : 1), true); return true;
	case ACT_HALF_DOWN: move_by(l, (long)(l->height / 2 ? l->height / 2 : 1), true); return true;
	case ACT_TOP: vlist_goto(l, 0); return true;
	case ACT_BOTTOM: vlist_goto(l, l->count ? l->count - 1 : 0); return true;
	default: return false;
	}
}

const void *vlist_row(vlist *l, size_t index)
{
	if (index >= l->count || l->failed)
		return NULL;
	if (l->cache_valid && index >= l->cache_off && index < l->cache_off + l->cache_n)
		return l->cache + (index - l->cache_off) * l->src.row_size;
	/* Fetch the visible window plus the row above it. */
	size_t off = l->top > 0 ? l->top - 1 : 0;
	if (index < off)
		off = index;
	size_t limit = (size_t)l->height + 1 + (l->top > 0 ? 1 : 0);
	if (index >= off + limit)
		off = index; /* a row outside the view: fetch from there */
	if (off + limit > l->count)
		limit = l->count - off;
	drop_cache(l);
	l->cache = xgrow(l->cache, &l->cache_cap, limit * l->src.row_size, 1);
	memset(l->cache, 0, limit * l->src.row_size);
	l->fetches++;
	long n = l->src.fetch(l->src.ctx, off, limit, l->cache);
	if (n < 0) {
		l->failed = true;
		return NULL;
	}
	l->cache_off = off;
	l->cache_n = (size_t)n;
	l->cache_valid = true;
	if (index >= off + (size_t)n)
		return NULL;
	return l->cache + (index - off) * l->src.row_size;
}
