/* Allocation helpers that die cleanly, a growable string buffer and small
 * string utilities shared by every stage. */
#ifndef WARROOM_UTIL_H
#define WARROOM_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define WR_UNUSED(x) ((void)(x))

#if defined(__GNUC__)
#define WR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define WR_NORETURN __attribute__((noreturn))
#else
#define WR_PRINTF(f, a)
#define WR_NORETURN
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array to hold at least `need` elements of `size` bytes. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) WR_PRINTF(1, 2);
WR_NORETURN void die(const char *fmt, ...) WR_PRINTF(1, 2);

/* Growable NUL-terminated byte buffer. */
typedef struct strbuf {
	char *buf;
	size_t len, cap;
} strbuf;

#define STRBUF_INIT {NULL, 0, 0}
void sb_reserve(strbuf *sb, size_t extra);
void sb_add(strbuf *sb, const char *s, size_t n);
void sb_adds(strbuf *sb, const char *s);
void sb_addc(strbuf *sb, char c);
void sb_printf(strbuf *sb, const char *fmt, ...) WR_PRINTF(2, 3);
void sb_vprintf(strbuf *sb, const char *fmt, va_list ap);
void sb_reset(strbuf *sb);
void sb_free(strbuf *sb);
/* Hands the buffer to the caller ("" when empty); the strbuf is reset. */
char *sb_detach(strbuf *sb);
const char *sb_str(const strbuf *sb);

/* Array of owned strings. */
typedef struct strlist {
	char **v;
	size_t n, cap;
} strlist;

void sl_push(strlist *sl, const char *s);
void sl_free(strlist *sl);
bool sl_contains(const strlist *sl, const char *s);
/* Joins with `sep` into a new string. */
char *sl_join(const strlist *sl, const char *sep);

bool str_eq(const char *a, const char *b); /* NULL-safe */
bool str_empty(const char *s);             /* NULL or "" */
bool str_starts(const char *s, const char *prefix);
/* Copies at most size-1 bytes and always terminates. */
void str_copy(char *dst, size_t size, const char *src);
/* Whole file into memory; NULL with errno set on failure or when larger than max. */
char *read_file_all(const char *path, size_t max, size_t *len_out);
/* The same from an open stream, to its end. */
char *read_stream_all(FILE *f, size_t max, size_t *len_out);

/* The OS user name running the program (for audit rows). */
const char *current_user(void);

#endif
