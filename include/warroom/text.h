/* UTF-8 text as it appears on a terminal: display width, sanitising of
 * untrusted text, truncation by width. Every piece of text that came from a
 * user, a file or the database passes through text_sanitize (or a function
 * built on it) before it is drawn or printed. */
#ifndef WARROOM_TEXT_H
#define WARROOM_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point; returns bytes consumed (>= 1). Invalid sequences
 * yield *cp = -1 and consume one byte. */
int utf8_decode(const char *s, size_t len, int32_t *cp);
int utf8_encode(int32_t cp, char out[4]);
bool utf8_valid(const char *s, size_t len);
/* Columns a code point takes on a terminal: 0, 1 or 2. */
int cp_width(int32_t cp);
/* True for code points that must never reach a terminal raw: C0 except TAB
 * and LF, DEL, C1, bidi controls, zero-width characters, BOM, tags. */
bool cp_is_hostile(int32_t cp);

/* A new string in which hostile code points and invalid bytes are shown as
 * visible escapes (\e, \x9b, <U+202E>); TAB and LF become spaces unless
 * keep_newlines. The result is safe to draw. */
char *text_sanitize(const char *s);
char *text_sanitize_n(const char *s, size_t len, bool keep_newlines);
/* Display width of sanitised text. */
int text_width(const char *s);
/* Copies the longest prefix of `s` fitting in `width` columns into a new
 * string; when it had to cut, the last column is "…". Never splits a
 * double-width character: pads with a space instead. Input should be
 * sanitised. *out_width receives the width used. */
char *text_truncate(const char *s, int width, int *out_width);
/* Byte length of the longest prefix of `s` that fits in `width` columns. */
size_t text_prefix_bytes(const char *s, int width, int *used);

#endif
