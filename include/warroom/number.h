/* Numbers as marketing teams write them: 80万, 1.2亿, 10k, 2M, 3.5%. */
#ifndef WARROOM_NUMBER_H
#define WARROOM_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

enum number_kind {
	NUMBER_PLAIN = 0,
	NUMBER_PERCENT = 1, /* written with %, stored as a fraction */
};

/* Parses an optional sign, digits (with optional thousands commas and one
 * decimal point) and an optional suffix: 万 (1e4), 亿 (1e8), k/K (1e3),
 * M (1e6) or % (1/100). Surrounding spaces are allowed. Returns false for
 * anything else, including empty text, NaN, infinities and overflow. */
bool number_parse(const char *s, double *out, enum number_kind *kind);

/* Formats for display. `unit` is the metric's unit: "%" shows a fraction as
 * a percentage; otherwise large values are compacted: in Chinese style
 * (万 / 亿) when `cjk` is true, else k / M / B. */
char *number_format(double v, const char *unit, bool cjk, char *buf, size_t size);
/* The plain shortest round-trip form used in exports: 5000000, 0.035. */
char *number_format_plain(double v, char *buf, size_t size);
/* Percentage with no decimals when >= 10, one decimal below: 120%, 7.5%. */
char *number_format_pct(double fraction, char *buf, size_t size);

#endif
