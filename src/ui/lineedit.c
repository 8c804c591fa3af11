/* One-line editor: characters are clusters of a base code point and the
 * zero-width marks after it; the cursor never lands inside one. */
#include "lineedit.h"

#include <stdlib.h>
#include <string.h>

#include "warroom/text.h"

void le_init(lineedit *e, const char *initial, size_t max_bytes)
{
	memset(e, 0, sizeof *e);
	e->max_bytes = max_bytes ? max_bytes : 4096;
	le_set(e, initial);
	e->fresh = e->text.len > 0;
}

void le_free(lineedit *e)
{
	sb_free(&e->text);
}

const char *le_text(const lineedit *e)
{
	return e->text.buf ? e->text.buf : "";
}

void le_set(lineedit *e, const char *text)
{
	sb_reset(&e->text);
	sb_adds(&e->text, "");
	if (text) {
		/* Keep printable characters only; one line. */
		char *safe = text_sanitize(text);
		size_t n = strlen(safe);
		if (n > e->max_bytes) {
			n = e->max_bytes;
			while (n > 0 && ((unsigned char)safe[n] & 0xC0) == 0x80)
				n--; /* not inside a character */
		}
		sb_add(&e->text, safe, n);
		free(safe);
	}
	e->cur = e->text.len;
	e->scroll = 0;
}

static int32_t cp_at(const lineedit *e, size_t off, int *len)
{
	int32_t cp;
	*len = utf8_decode(e->text.buf + off, e->text.len - off, &cp);
	return cp;
}

/* Start of the cluster before `off`. */
static size_t prev_cluster(const lineedit *e, size_t off)
{
	while (off > 0) {
		size_t p = off - 1;
		while (p > 0 && ((unsigned char)e->text.buf[p] & 0xC0) == 0x80)
			p--;
		int n;
		int32_t cp = cp_at(e, p, &n);
		off = p;
		if (cp_width(cp) > 0 || off == 0)
			break; /* a base character */
	}
	return off;
}

/* End of the cluster starting at `off`. */
static size_t next_cluster(const lineedit *e, size_t off)
{
	if (off >= e->text.len)
		return off;
	int n;
	cp_at(e, off, &n);
	off += (size_t)n;
	while (off < e->text.len) {
		int32_t cp = cp_at(e, off, &n);
		if (cp_width(cp) != 0)
			break;
		off += (size_t)n;
	}
	return off;
}

static void erase_range(lineedit *e, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(e->text.buf + from, e->text.buf + to, e->text.len - to + 1);
	e->text.len -= to - from;
	if (e->cur > to)
		e->cur -= to - from;
	else if (e->cur > from)
		e->cur = from;
}

static bool is_space_at(const lineedit *e, size_t off)
{
	return e->text.buf[off] == ' ';
}

bool le_action(lineedit *e, enum action a)
{
	if (!e->text.buf)
		sb_adds(&e->text, "");
	if (a >= ACT_ED_LEFT && a <= ACT_ED_KILL_WORD)
		e->fresh = false; /* the operator edits the text: keep it */
	switch (a) {
	case ACT_ED_LEFT: e->cur = prev_cluster(e, e->cur); return true;
	case ACT_ED_RIGHT: e->cur = next_cluster(e, e->cur); return true;
	case ACT_ED_HOME: e->cur = 0; return true;
	case ACT_ED_END: e->cur = e->text.len; return true;
	case ACT_ED_BACKSPACE: erase_range(e, prev_cluster(e, e->cur), e->cur); return true;
	case ACT_ED_DELETE: erase_range(e, e->cur, next_cluster(e, e->cur)); return true;
	case ACT_ED_KILL_START: erase_range(e, 0, e->cur); return true;
	case ACT_ED_KILL_END: erase_range(e, e->cur, e->text.len); return true;
	case ACT_ED_KILL_WORD: {
		size_t p = e->cur;
		while (p > 0 && is_space_at(e, p - 1))
			p--;
		while (p > 0 && !is_space_at(e, p - 1))
			p = prev_cluster(e, p);
		erase_range(e, p, e->cur);
		return true;
	}
	default: return false;
	}
}

bool le_insert(lineedit *e, wr_key k)
{
	if (k < 0x20 || k >= WK_FN_BASE || k > 0x10FFFF || k == 0x7F || cp_is_hostile(k))
		return false;
	char u[4];
	int n = utf8_encode(k, u);
	if (e->fresh) {
		sb_reset(&e->text);
		sb_adds(&e->text, "");
		e->cur = 0;
		e->scroll = 0;
		e->fresh = false;
	}
	if (e->text.len + (size_t)n > e->max_bytes)
		return true; /* full: swallow the key */
	if (!e->text.buf)
		sb_adds(&e->text, "");
	sb_reserve(&e->text, (size_t)n);
	memmove(e->text.buf + e->cur + n, e->text.buf + e->cur, e->text.len - e->cur + 1);
	memcpy(e->text.buf + e->cur, u, (size_t)n);
	e->text.len += (size_t)n;
	e->cur += (size_t)n;
	return true;
}

static int width_of(const lineedit *e, size_t from, size_t to)
{
	int w = 0;
	size_t i = from;
	while (i < to) {
		int n;
		int32_t cp = cp_at(e, i, &n);
		w += cp < 0 ? 1 : cp_width(cp);
		i += (size_t)n;
	}
	return w;
}

int le_cursor_col(const lineedit *e)
{
	return e->text.buf ? width_of(e, 0, e->cur) : 0;
}

int le_draw(lineedit *e, canvas *c, int y, int x, int width, enum ui_role role)
{
	if (width <= 1) {
		draw_fill(c, y, x, width, role);
		return x;
	}
	if (!e->text.buf)
		sb_adds(&e->text, "");
	int cc = le_cursor_col(e);
	/* Keep the cursor inside the field, with the last column free for it. */
	if (cc < e->scroll)
		e->scroll = cc;
	if (cc > e->scroll + width - 1)
		e->scroll = cc - (width - 1);
	/* Skip clusters left of the scroll column; pad a half-shown wide one. */
	size_t i = 0;
	int col = 0, pad = 0;
	while (i < e->text.len && col < e->scroll) {
		size_t nx = next_cluster(e, i);
		int w = width_of(e, i, nx);
		if (col + w > e->scroll)
			pad = col + w - e->scroll;
		col += w;
		i = nx;
	}
	draw_fill(c, y, x, pad, role);
	if (e->fresh) {
		/* shown selected: the first key typed replaces it */
		int used = draw_text(c, y, x + pad, width - pad, ROLE_SELECTION, e->text.buf + i);
		draw_fill(c, y, x + pad + used, width - pad - used, role);
	} else {
		draw_text_pad(c, y, x + pad, width - pad, role, e->text.buf + i);
	}
	return x + (cc - e->scroll);
}
