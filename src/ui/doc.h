/* A document shown in a scrolling view: the help screen, a task's detail
 * with its history, and any pane's detail. Lines are "key  text" pairs;
 * the text wraps at the view's width (by display columns, never inside a
 * double-width character) under its key. All text added is sanitised. */
#ifndef WARROOM_UI_DOC_H
#define WARROOM_UI_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "draw.h"
#include "keys.h"

typedef struct doc_line {
	enum ui_role key_role, role;
	char *key;  /* may be NULL */
	char *text; /* sanitised, may hold newlines */
	size_t block; /* headings start blocks; keys line up within one */
} doc_line;

typedef struct doc {
	char *title;
	doc_line *v;
	size_t n, cap;
	int *key_width; /* widest key of each block, for its column */
	size_t n_blocks, cap_blocks;
} doc;

void doc_init(doc *d, const char *title);
void doc_free(doc *d);
/* A line of text (untrusted is fine: it is sanitised). */
void doc_add(doc *d, enum ui_role role, const char *text);
/* "key   value" with the value in `role`. */
void doc_add_kv(doc *d, const char *key, enum ui_role role, const char *value);
/* A key in the help_key role and its description. */
void doc_add_key(doc *d, const char *keys, const char *help);
void doc_add_heading(doc *d, const char *text);
void doc_add_blank(doc *d);

typedef struct doc_seg {
	size_t line;
	size_t off, len; /* bytes of the line's text */
	bool first;      /* the first segment of its line (draws the key) */
} doc_seg;

typedef struct doc_view {
	doc d;
	size_t top;   /* first segment shown */
	int wrapped_for; /* width the segments were computed for */
	doc_seg *segs;
	size_t n_segs, cap_segs;
	bool dirty;
} doc_view;

/* Shows `d` (the view takes it over). */
void docview_open(doc_view *v, doc *d);
void docview_close(doc_view *v);
/* Scrolling; true when handled. */
bool docview_action(doc_view *v, enum action a, int height);
void docview_draw(doc_view *v, canvas *c, rect r);

#endif
