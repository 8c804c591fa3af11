/* A virtual scrolling list: a cursor and a scroll offset over `count`
 * rows, of which only the visible window is ever fetched. The rows of the
 * last window are cached, so moving the cursor inside it queries nothing;
 * scrolling fetches the new window in one call. Every pane with rows uses
 * it (htop's Panel). */
#ifndef WARROOM_UI_LIST_H
#define WARROOM_UI_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"

typedef struct vlist_source {
	void *ctx;
	size_t row_size;
	/* Fetches rows [off, off+limit) into `out` (limit * row_size bytes);
	 * returns how many, or -1 on error (the list then shows nothing and
	 * the pane says why). */
	long (*fetch)(void *ctx, size_t off, size_t limit, void *out);
	void (*free_row)(void *row);
} vlist_source;

typedef struct vlist {
	vlist_source src;
	size_t count;  /* rows in total */
	size_t top;    /* first visible row */
	size_t cursor; /* selected row */
	int height;    /* visible rows */
	/* the cache: rows [cache_off, cache_off + cache_n) */
	unsigned char *cache;
	size_t cache_off, cache_n, cache_cap;
	bool cache_valid;
	bool failed;  /* the last fetch failed: no retry until invalidated */
	long fetches; /* how many times fetch ran (for tests) */
} vlist;

void vlist_init(vlist *l, const vlist_source *src);
void vlist_free(vlist *l);
/* Drops the cache (the data changed); the next row access re-fetches. */
void vlist_invalidate(vlist *l);
/* New total; clamps the cursor and the scroll offset. */
void vlist_set_count(vlist *l, size_t count);
void vlist_set_height(vlist *l, int height);
/* Moves the cursor to `index` and scrolls it into view. */
void vlist_goto(vlist *l, size_t index);
/* Handles up/down/page/half-page/top/bottom; true when it was one. */
bool vlist_action(vlist *l, enum action a);
/* Row `index` (fetching the visible window when it is not cached), or
 * NULL when out of range or the fetch failed. `index` may be top - 1 so
 * that a pane can compare the first row with the one above it. */
const void *vlist_row(vlist *l, size_t index);

#endif
