/* A plain TAP harness: each check prints "ok N - what" or "not ok N - what"
 * with the values that differed; meson reads it with protocol 'tap'. */
#ifndef WARROOM_TAP_H
#define WARROOM_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static inline void tap_result(int ok, const char *file, int line, const char *what)
{
	tap_n++;
	if (!ok)
		tap_failed++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tap_n, what);
	if (!ok)
		printf("#   at %s:%d\n", file, line);
	fflush(stdout);
}

__attribute__((format(printf, 4, 5))) static inline void tap_okf(int cond, const char *file,
								   int line, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	tap_result(cond, file, line, what);
}

#define ok(cond, ...) tap_okf(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_int(got, want, ...)                                                                     \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		ok(g_ == w_, __VA_ARGS__);                                                         \
		if (g_ != w_)                                                                      \
			printf("#   got %lld, want %lld\n", g_, w_);                                   \
	} while (0)

#define is_str(got, want, ...)                                                                     \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		int same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;                           \
		ok(same_, __VA_ARGS__);                                                            \
		if (!same_)                                                                        \
			printf("#   got  [%s]\n#   want [%s]\n", g_ ? g_ : "(null)",              \
			       w_ ? w_ : "(null)");                                                \
	} while (0)

#define is_num(got, want, eps, ...)                                                                \
	do {                                                                                       \
		double g_ = (got), w_ = (want);                                                    \
		int same_ = fabs(g_ - w_) <= (eps);                                                \
		ok(same_, __VA_ARGS__);                                                            \
		if (!same_)                                                                        \
			printf("#   got %.10g, want %.10g\n", g_, w_);                                 \
	} while (0)

#define has_str(hay, needle, ...)                                                                  \
	do {                                                                                       \
		const char *h_ = (hay), *n_ = (needle);                                            \
		int in_ = h_ && n_ && strstr(h_, n_) != NULL;                                      \
		ok(in_, __VA_ARGS__);                                                              \
		if (!in_)                                                                          \
			printf("#   [%s]\n#   does not contain [%s]\n", h_ ? h_ : "(null)", n_);  \
	} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
