/* Parsing and formatting of numbers with Chinese and Latin magnitude
 * suffixes. */
#include "warroom/number.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum number_style style = NUMBER_STYLE_AUTO;

void number_set_style(enum number_style st)
{
	style = st;
}

enum number_style number_get_style(void)
{
	return style;
}

bool number_prefers_cjk(bool by_currency)
{
	switch (style) {
	case NUMBER_STYLE_HANS:
	case NUMBER_STYLE_HANT: return true;
	case NUMBER_STYLE_WESTERN: return false;
	case NUMBER_STYLE_AUTO: break;
	}
	return by_currency;
}

bool number_parse(const char *s, double *out, enum number_kind *kind)
{
	if (!s)
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	char digitsbuf[64];
	size_t n = 0;
	const char *p = s;
	if (*p == '+' || *p == '-')
		digitsbuf[n++] = *p++;
	bool seen_digit = false, seen_point = false;
	int since_comma = -1;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			seen_digit = true;
			if (since_comma >= 0)
				since_comma++;
		} else if (*p == '.' && !seen_point) {
			if (since_comma >= 0 && since_comma != 3)
				return false;
			since_comma = -1;
			seen_point = true;
		} else if (*p == ',' && seen_digit && !seen_point) {
			if (since_comma >= 0 && since_comma != 3)
				return false;
			since_comma = 0;
			continue; /* thousands separator: dropped */
		} else {
			break;
		}
		if (n + 1 >= sizeof digitsbuf)
			return false;
		digitsbuf[n++] = *p;
	}
	if (since_comma >= 0 && since_comma != 3)
		return false;
	if (!seen_digit)
		return false;
	digitsbuf[n] = '\0';
	double mult = 1;
	enum number_kind k = NUMBER_PLAIN;
	if (strncmp(p, "万", 3) == 0 || strncmp(p, "萬", 3) == 0) {
		mult = 1e4;
		p += 3;
	} else if (strncmp(p, "亿", 3) == 0 || strncmp(p, "億", 3) == 0) {
		mult = 1e8;
		p += 3;
	} else if (*p == 'k' || *p == 'K') {
		mult = 1e3;
		p++;
	} else if (*p == 'M') {
		mult = 1e6;
		p++;
	} else if (*p == '%') {
		mult = 0.01;
		k = NUMBER_PERCENT;
		p++;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p)
		return false;
	char *end;
	double v = strtod(digitsbuf, &end);
	if (*end || !isfinite(v))
		return false;
	/* 3.5% must equal the literal 0.035 and 7.2% the literal 0.072: the
	 * suffix becomes a decimal exponent, so strtod rounds the exact value
	 * once (7.2 * 0.01 would round twice and miss). */
	if (mult != 1) {
		if (n + 5 > sizeof digitsbuf)
			return false;
		int exp10 = mult == 1e4 ? 4 : mult == 1e8 ? 8 : mult == 1e3 ? 3 : mult == 1e6 ? 6 : -2;
		snprintf(digitsbuf + n, sizeof digitsbuf - n, "e%d", exp10);
		v = strtod(digitsbuf, &end);
	}
	if (!isfinite(v))
		return false;
	*out = v;
	if (kind)
		*kind = k;
	return true;
}

char *number_format_plain(double v, char *buf, size_t size)
{
	if (!isfinite(v)) {
		snprintf(buf, size, "0");
		return buf;
	}
	/* Shortest of %.15g..%.17g that reads back exactly. */
	for (int prec = 12; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if (strchr(buf, 'e')) {
		/* %g switches to an exponent from 1e12 (and below 1e-4), which
		 * number_parse does not read: write the digits out instead. */
		char digits[400];
		for (int dec = 0; dec <= 40; dec++) {
			int n = snprintf(digits, sizeof digits, "%.*f", dec, v);
			if (n > 0 && (size_t)n < sizeof digits && strtod(digits, NULL) == v) {
				if ((size_t)n < size)
					memcpy(buf, digits, (size_t)n + 1);
				break;
			}
		}
	}
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, size, "0");
	return buf;
}

static void trim_zeros(char *s)
{
	char *dot = strchr(s, '.');
	if (!dot)
		return;
	char *e = s + strlen(s) - 1;
	while (e > dot && *e == '0')
		*e-- = '\0';
	if (e == dot)
		*e = '\0';
}

char *number_format_pct(double f, char *buf, size_t size)
{
	if (!isfinite(f)) {
		snprintf(buf, size, "—");
		return buf;
	}
	double p = f * 100;
	if (fabs(p) >= 10 || p == floor(p))
		snprintf(buf, size, "%.0f%%", p);
	else {
		snprintf(buf, size, "%.1f", p);
		trim_zeros(buf);
		size_t l = strlen(buf);
		if (l + 1 < size) {
			buf[l] = '%';
			buf[l + 1] = '\0';
		}
	}
	return buf;
}

char *number_format(double v, const char *unit, bool cjk, char *buf, size_t size)
{
	if (!isfinite(v)) {
		snprintf(buf, size, "—");
		return buf;
	}
	if (unit && strcmp(unit, "%") == 0)
		return number_format_pct(v, buf, size);
	double a = fabs(v);
	const char *suffix = "";
	double d = v;
	if (cjk) {
		bool hant = style == NUMBER_STYLE_HANT;
		if (a >= 1e8) {
			d = v / 1e8;
			suffix = hant ? "億" : "亿";
		} else if (a >= 1e4) {
			d = v / 1e4;
			suffix = hant ? "萬" : "万";
		}
	} else {
		if (a >= 1e9) {
			d = v / 1e9;
			suffix = "B";
		} else if (a >= 1e6) {
			d = v / 1e6;
			suffix = "M";
		} else if (a >= 1e4) {
			d = v / 1e3;
			suffix = "k";
		}
	}
	if (*suffix) {
		snprintf(buf, size, fabs(d) >= 100 ? "%.0f" : "%.1f", d);
		trim_zeros(buf);
		size_t l = strlen(buf);
		snprintf(buf + l, size > l ? size - l : 0, "%s", suffix);
	} else if (a != floor(a) && a < 100) {
		snprintf(buf, size, a < 1 ? "%.3f" : "%.2f", v);
		trim_zeros(buf);
	} else {
		snprintf(buf, size, "%.0f", v);
	}
	return buf;
}

/* Symbols of the currencies campaigns are budgeted in; the others are
 * written after the amount by their code. */
static const struct {
	const char *code, *symbol;
} currencies[] = {
	{"CNY", "¥"}, {"RMB", "¥"}, {"元", "¥"}, {"人民币", "¥"}, {"USD", "$"}, {"EUR", "€"},
	{"GBP", "£"}, {"JPY", "JP¥"}, {"TWD", "NT$"}, {"HKD", "HK$"}, {"SGD", "S$"}, {"KRW", "₩"},
};

bool currency_is_cjk(const char *code)
{
	static const char *const cjk[] = {"CNY", "RMB", "元", "人民币", "JPY", "TWD", "HKD"};
	for (size_t i = 0; code && i < sizeof cjk / sizeof cjk[0]; i++)
		if (strcmp(code, cjk[i]) == 0)
			return true;
	return false;
}

char *money_format(double v, const char *currency, char *buf, size_t size)
{
	char num[48];
	number_format(v, NULL, number_prefers_cjk(currency_is_cjk(currency)), num, sizeof num);
	for (size_t i = 0; currency && i < sizeof currencies / sizeof currencies[0]; i++)
		if (strcmp(currency, currencies[i].code) == 0) {
			if (num[0] == '-')
				snprintf(buf, size, "-%s%s", currencies[i].symbol, num + 1);
			else
				snprintf(buf, size, "%s%s", currencies[i].symbol, num);
			return buf;
		}
	if (currency && *currency)
		snprintf(buf, size, "%s %s", num, currency);
	else
		snprintf(buf, size, "%s", num);
	return buf;
}
