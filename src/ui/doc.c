/* Documents and the scrolling view that shows them, wrapped by width. */
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/text.h"
#include "warroom/util.h"

#define DOC_KEY_MAX 24 /* widest key column */

void doc_init(doc *d, const char *title)
{
	memset(d, 0, sizeof *d);
	d->title = text_sanitize(title ? title : "");
}

void doc_free(doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].key);
		free(d->v[i].text);
	}
	free(d->v);
	free(d->key_width);
	free(d->title);
	memset(d, 0, sizeof *d);
}

static doc_line *add_line(doc *d)
{
	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	doc_line *l = &d->v[d->n++];
	memset(l, 0, sizeof *l);
	if (d->n_blocks == 0) {
		d->key_width = xgrow(d->key_width, &d->cap_blocks, 1, sizeof *d->key_width);
		d->key_width[d->n_blocks++] = 0;
	}
	l->block = d->n_blocks - 1;
	l->key_role = ROLE_MUTED;
	l->role = ROLE_NORMAL;
	return l;
}

static char *clean_text(const char *s)
{
	if (!s)
		return xstrdup("");
	return text_sanitize_n(s, strlen(s), true);
}

void doc_add(doc *d, enum ui_role role, const char *text)
{
	doc_line *l = add_line(d);
	l->role = role;
	l->text = clean_text(text);
}

static void set_key(doc *d, doc_line *l, const char *key)
{
	l->key = text_sanitize(key);
	int w = text_width(l->key);
	if (w > DOC_KEY_MAX)
		w = DOC_KEY_MAX;
	if (w > d->key_width[l->block])
		d->key_width[l->block] = w;
}

void doc_add_kv(doc *d, const char *key, enum ui_role role, const char *value)
{
	doc_line *l = add_line(d);
	set_key(d, l, key);
	l->role = role;
	l->text = clean_text(value);
}

void doc_add_key(doc *d, const char *keys, const char *help)
{
	doc_line *l = add_line(d);
	set_key(d, l, keys);
	l->key_role = ROLE_HELP_KEY;
	l->text = clean_text(help);
}

void doc_add_heading(doc *d, const char *text)
{
	d->key_width = xgrow(d->key_width, &d->cap_blocks, d->n_blocks + 1, sizeof *d->key_width);
	d->key_width[d->n_blocks++] = 0;
	doc_line *l = add_line(d);
	l->role = ROLE_GROUP;
	l->text = clean_text(text);
}

void doc_add_blank(doc *d)
{
	doc_line *l = add_line(d);
	l->text = xstrdup("");
}

void docview_open(doc_view *v, doc *d)
{
	docview_close(v);
	v->d = *d;
	memset(d, 0, sizeof *d);
	v->top = 0;
	v->wrapped_for = -1;
	v->dirty = true;
}

void docview_close(doc_view *v)
{
	doc_free(&v->d);
	free(v->segs);
	v->segs = NULL;
	v->n_segs = v->cap_segs = 0;
	v->top = 0;
	v->wrapped_for = -1;
}

static void push_seg(doc_view *v, size_t line, size_t off, size_t len, bool first)
{
	v->segs = xgrow(v->segs, &v->cap_segs, v->n_segs + 1, sizeof *v->segs);
	v->segs[v->n_segs++] = (doc_seg){line, off, len, first};
}

static int text_col(const doc *d, const doc_line *l)
{
	return l->key ? d->key_width[l->block] + 2 : 0;
}

/* Splits every line into segments that fit `width` columns. */
static void wrap(doc_view *v, int width)
{
	v->n_segs = 0;
	for (size_t i = 0; i < v->d.n; i++) {
		const doc_line *l = &v->d.v[i];
		int avail = width - text_col(&v->d, l);
		if (avail < 4)
			avail = 4;
		const char *s = l->text;
		size_t len = strlen(s), off = 0;
		bool first = true;
		if (len == 0)
			push_seg(v, i, 0, 0, true);
		while (off < len) {
			size_t nl = off;
			while (nl < len && s[nl] != '\n')
				nl++;
			/* one paragraph: s[off, nl) */
			size_t p = off;
			if (p == nl)
				push_seg(v, i, p, 0, first), first = false;
			while (p < nl) {
				char *para = xstrndup(s + p, nl - p);
				size_t fit = text_prefix_bytes(para, avail, NULL);
				if (fit == 0)
					fit = (size_t)utf8_decode(para, nl - p, &(int32_t){0});
				if (fit < nl - p) {
					/* Prefer a break after a space when there is one. */
					size_t b = fit;
					while (b > fit / 2 && para[b - 1] != ' ')
						b--;
					if (b > fit / 2)
						fit = b;
				}
				free(para);
				push_seg(v, i, p, fit, first);
				first = false;
				p += fit;
			}
			off = nl < len ? nl + 1 : nl;
		}
	}
	v->wrapped_for = width;
}

bool docview_action(doc_view *v, enum action a, int height)
{
	size_t page = height > 2 ? (size_t)height - 2 : 1;
	size_t max_top = v->n_segs > (size_t)height - 1 ? v->n_segs - ((size_t)height - 1) : 0;
	size_t t = v->top;
	switch (a) {
	case ACT_UP: t = t > 0 ? t - 1 : 0; break;
	case ACT_DOWN: t++; break;
	case ACT_PAGE_UP: t = t > page ? t - page : 0; break;
	case ACT_PAGE_DOWN: t += page; break;
	case ACT_HALF_UP: t = t > page / 2 ? t - page / 2 : 0; break;
	case ACT_HALF_DOWN: t += page / 2 ? page / 2 : 1; break;
	case ACT_TOP: t = 0; break;
	case ACT_BOTTOM: t = max_top; break;
	default: return false;
	}
	if (t > max_top)
		t = max_top;
	if (t != v->top)
		v->dirty = true;
	v->top = t;
	return true;
}

void docview_draw(doc_view *v, canvas *c, rect r)
{
	if (r.h <= 0 || r.w <= 0)
		return;
	if (v->wrapped_for != r.w - 2)
		wrap(v, r.w - 2);
	/* title line */
	draw_fill(c, r.y, r.x, r.w, ROLE_TITLE);
	draw_text_ellipsis(c, r.y, r.x + 1, r.w - 2, ROLE_TITLE, v->d.title);
	int body = r.h - 1;
	size_t max_top = v->n_segs > (size_t)body ? v->n_segs - (size_t)body : 0;
	if (v->top > max_top)
		v->top = max_top;
	for (int row = 0; row < body; row++) {
		int y = r.y + 1 + row;
		size_t si = v->top + (size_t)row;
		draw_fill(c, y, r.x, r.w, ROLE_NORMAL);
		if (si >= v->n_segs)
			continue;
		const doc_seg *sg = &v->segs[si];
		const doc_line *l = &v->d.v[sg->line];
		int x = r.x + 1;
		if (l->key && sg->first)
			draw_text_ellipsis(c, y, x, v->d.key_width[l->block], l->key_role, l->key);
		x += text_col(&v->d, l);
		char *part = xstrndup(l->text + sg->off, sg->len);
		draw_text(c, y, x, r.x + r.w - 1 - x, l->role, part);
		free(part);
	}
	/* scroll position in the title when there is more */
	if (v->n_segs > (size_t)body) {
		char pos[48];
		snprintf(pos, sizeof pos, " %zu-%zu/%zu ", v->top + 1,
			 v->top + (size_t)body < v->n_segs ? v->top + (size_t)body : v->n_segs, v->n_segs);
		draw_text_right(c, r.y, r.x, r.w - 1, ROLE_TITLE, pos);
	}
	v->dirty = false;
}
