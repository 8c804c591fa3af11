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
 * decimal point) and an optional suffix: 万 or 萬 (1e4), 亿 or 億 (1e8), k/K (1e3),
 * M (1e6) or % (1/100). Surrounding spaces are allowed. Returns false for
 * anything else, including empty text, NaN, infinities and overflow. */
bool number_parse(const char *s, double *out, enum number_kind *kind);

/* How large numbers are compacted, chosen from the interface language at
 * start-up (i18n_init): 万/亿 in Simplified Chinese, 萬/億 in Traditional
 * Chinese, k/M/B in other languages; with no language (the C locale) the
 * campaign's currency decides, as number_prefers_cjk says. */
enum number_style {
	NUMBER_STYLE_AUTO = 0,
	NUMBER_STYLE_WESTERN,
	NUMBER_STYLE_HANS,
	NUMBER_STYLE_HANT,
};
void number_set_style(enum number_style s);
enum number_style number_get_style(void);
/* Whether to compact in Chinese style: the language's choice, or
 * `by_currency` when the language does not choose. */
bool number_prefers_cjk(bool by_currency);

/* Formats for display. `unit` is the metric's unit: "%" shows a fraction as
 * a percentage; otherwise large values are compacted: in Chinese style
 * (万 / 亿) when `cjk` is true, else k / M / B. */
char *number_format(double v, const char *unit, bool cjk, char *buf, size_t size);
/* True for currencies whose amounts are read in 万 (CNY, JPY, TWD, HKD). */
bool currency_is_cjk(const char *code);
/* An amount of money in a campaign's currency: ¥120万, $1.2M, NT$3.5萬,
 * or "120k XYZ" for a currency without a known symbol. */
char *money_format(double v, const char *currency, char *buf, size_t size);
/* The plain shortest round-trip form used in exports: 5000000, 0.035. */
char *number_format_plain(double v, char *buf, size_t size);
/* Percentage with no decimals when >= 10, one decimal below: 120%, 7.5%. */
char *number_format_pct(double fraction, char *buf, size_t size);

#endif
