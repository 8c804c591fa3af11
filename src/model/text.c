/* Display width, sanitising and truncation of UTF-8 text. Widths come from
 * the C library's wcwidth, which is also what ncursesw and tmux use, so a
 * line measured here occupies the same columns on screen. */
#include "warroom/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "warroom/util.h"

int utf8_decode(const char *str, size_t len, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len == 0) {
		*cp = -1;
		return 1;
	}
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	int need;
	int32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		v = c & 0x07;
		min = 0x10000;
	} else {
		*cp = -1;
		return 1;
	}
	if ((size_t)need + 1 > len) {
		*cp = -1;
		return 1;
	}
	for (int i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = -1;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = -1;
		return 1;
	}
	*cp = v;
	return need + 1;
}

int utf8_encode(int32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (cp < 0)
			return false;
		i += (size_t)n;
	}
	return true;
}

bool cp_is_hostile(int32_t cp)
{
	if (cp < 0)
		return true;
	if (cp < 0x20)
		return cp != '\t' && cp != '\n';
	if (cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
		return true;
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
	    cp == 0x200F || cp == 0x061C)
		return true; /* bidi controls (Trojan Source) */
	if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF)
		return true; /* invisible */
	if ((cp >= 0x2061 && cp <= 0x2064) || (cp >= 0x206A && cp <= 0x206F) || cp == 0x180E ||
	    (cp >= 0xFFF9 && cp <= 0xFFFB))
		return true; /* other invisible format characters: hide text or change shaping */
	if (cp >= 0xE0000 && cp <= 0xE007F)
		return true; /* tag characters */
	if (cp == 0x2028 || cp == 0x2029)
		return true; /* line/paragraph separators move the cursor on some terminals */
	return false;
}

int cp_width(int32_t cp)
{
	if (cp < 0x20 || cp_is_hostile(cp))
		return 0;
	int w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1; /* printable but unknown to the C library: assume narrow */
	return w > 2 ? 2 : w;
}

char *text_sanitize_n(const char *s, size_t len, bool keep_newlines)
{
	strbuf sb = STRBUF_INIT;
	sb_reserve(&sb, len);
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (cp < 0) {
			sb_printf(&sb, "\\x%02x", (unsigned char)s[i]);
		} else if (cp == '\n') {
			sb_addc(&sb, keep_newlines ? '\n' : ' ');
		} else if (cp == '\t') {
			sb_addc(&sb, ' ');
		} else if (cp == 0x1B) {
			sb_adds(&sb, "\\e");
		} else if (cp == '\r') {
			sb_adds(&sb, keep_newlines ? "" : "\\r");
		} else if (cp < 0x20 || cp == 0x7F) {
			sb_printf(&sb, "^%c", cp == 0x7F ? '?' : (char)(cp + '@'));
		} else if (cp >= 0x80 && cp <= 0x9F) {
			sb_printf(&sb, "\\u%04x", (unsigned)cp);
		} else if (cp_is_hostile(cp)) {
			sb_printf(&sb, "<U+%04X>", (unsigned)cp);
		} else if (cp_width(cp) == 0 && sb.len == 0) {
			/* a combining mark with nothing to combine with */
			sb_printf(&sb, "<U+%04X>", (unsigned)cp);
		} else {
			sb_add(&sb, s + i, (size_t)n);
		}
		i += (size_t)n;
	}
	return sb_detach(&sb);
}

char *text_sanitize(const char *s)
{
	if (!s)
		return xstrdup("");
	return text_sanitize_n(s, strlen(s), false);
}

int text_width(const char *s)
{
	int w = 0;
	size_t len = strlen(s);
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		w += cp < 0 ? 1 : cp_width(cp);
		i += (size_t)n;
	}
	return w;
}

size_t text_prefix_bytes(const char *s, int width, int *used)
{
	size_t len = strlen(s);
	size_t i = 0;
	int w = 0;
	while (i < len) {
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		int cw = cp < 0 ? 1 : cp_width(cp);
		if (w + cw > width)
			break;
		w += cw;
		i += (size_t)n;
	}
	if (used)
		*used = w;
	return i;
}

char *text_truncate(const char *s, int width, int *out_width)
{
	if (width <= 0) {
		if (out_width)
			*out_width = 0;
		return xstrdup("");
	}
	int total = text_width(s);
	if (total <= width) {
		if (out_width)
			*out_width = total;
		return xstrdup(s);
	}
	int used;
	size_t n = text_prefix_bytes(s, width - 1, &used);
	strbuf sb = STRBUF_INIT;
	sb_add(&sb, s, n);
	/* A double-width character that would straddle the edge is replaced by
	 * padding so the ellipsis lands on the last column. */
	while (used < width - 1) {
		sb_addc(&sb, ' ');
		used++;
	}
	sb_adds(&sb, "…");
	if (out_width)
		*out_width = width;
	return sb_detach(&sb);
}
