/* Civil-date arithmetic (Howard Hinnant's days_from_civil algorithm), strict
 * parsing and the process clock. */
#include "warroom/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static wr_date fixed_today = WR_DATE_NONE;

wr_date date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const int yoe = y - era * 400;
	const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(wr_date z, int *y, int *m, int *d)
{
	z += 719468;
	const int era = (z >= 0 ? z : z - 146096) / 146097;
	const int doe = z - era * 146097;
	const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const int mp = (5 * doy + 2) / 153;
	const int dd = doy - (153 * mp + 2) / 5 + 1;
	const int mm = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (mm <= 2);
	*m = mm;
	*d = dd;
}

int date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

int date_weekday(wr_date day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (day + 3) % 7;
	return w < 0 ? w + 7 : w;
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool parse_ymd_prefix(const char *s, wr_date *out)
{
	int y, m, d;
	if (!digits(s, 4, &y) || (s[4] != '-' && s[4] != '/') || !digits(s + 5, 2, &m) ||
	    s[7] != s[4] || !digits(s + 8, 2, &d))
		return false;
	if (!date_valid_ymd(y, m, d))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
}

bool date_parse(const char *s, wr_date *out)
{
	if (!s || strlen(s) != 10)
		return false;
	return parse_ymd_prefix(s, out);
}

bool datetime_parse(const char *s, wr_date *day, int *secs)
{
	if (!s)
		return false;
	size_t n = strlen(s);
	if (n < 10 || !parse_ymd_prefix(s, day))
		return false;
	*secs = 0;
	if (n == 10)
		return true;
	if (s[10] != ' ' && s[10] != 'T')
		return false;
	int hh, mm, ss = 0;
	if (n != 16 && n != 19)
		return false;
	if (!digits(s + 11, 2, &hh) || s[13] != ':' || !digits(s + 14, 2, &mm))
		return false;
	if (n == 19 && (s[16] != ':' || !digits(s + 17, 2, &ss)))
		return false;
	if (hh > 23 || mm > 59 || ss > 59)
		return false;
	*secs = hh * 3600 + mm * 60 + ss;
	return true;
}

char *date_format(wr_date day, char *buf)
{
	int y, m, d;
	if (day == WR_DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	date_to_ymd(day, &y, &m, &d);
	/* Written digit by digit: the ranges are known, and the compiler's
	 * truncation checks cannot see that through snprintf. */
	unsigned uy = (unsigned)(y < 0 ? 0 : y) % 10000u;
	buf[0] = (char)('0' + uy / 1000);
	buf[1] = (char)('0' + uy / 100 % 10);
	buf[2] = (char)('0' + uy / 10 % 10);
	buf[3] = (char)('0' + uy % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

char *datetime_format(wr_date day, int secs, char *buf)
{
	date_format(day, buf);
	unsigned v = (unsigned)(secs < 0 ? 0 : secs) % 86400u;
	unsigned parts[3] = {v / 3600, v / 60 % 60, v % 60};
	char *p = buf + 10;
	for (int i = 0; i < 3; i++) {
		*p++ = i ? ':' : ' ';
		*p++ = (char)('0' + parts[i] / 10);
		*p++ = (char)('0' + parts[i] % 10);
	}
	*p = '\0';
	return buf;
}

void clock_set_today(wr_date day)
{
	fixed_today = day;
}

static wr_date env_today(void)
{
	if (fixed_today != WR_DATE_NONE)
		return fixed_today;
	const char *e = getenv("WARROOM_TODAY");
	wr_date d;
	if (e && *e && date_parse(e, &d))
		return d;
	return WR_DATE_NONE;
}

void clock_now(wr_date *day, int *secs)
{
	wr_date fixed = env_today();
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	if (fixed != WR_DATE_NONE) {
		*day = fixed;
		*secs = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
		const char *e = getenv("WARROOM_NOW"); /* HH:MM, for reproducible output */
		int hh, mm;
		if (e && strlen(e) == 5 && digits(e, 2, &hh) && e[2] == ':' && digits(e + 3, 2, &mm))
			*secs = hh * 3600 + mm * 60;
		return;
	}
	*day = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	*secs = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

wr_date date_today(void)
{
	wr_date d;
	int s;
	clock_now(&d, &s);
	return d;
}

char *clock_now_string(char *buf)
{
	wr_date d;
	int s;
	clock_now(&d, &s);
	return datetime_format(d, s, buf);
}
