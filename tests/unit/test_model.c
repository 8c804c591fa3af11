/* Dates, numbers and text width: the parsers every definition goes through. */
#include <locale.h>

#include "tap.h"
#include "warroom/date.h"
#include "warroom/number.h"
#include "warroom/text.h"
#include "warroom/util.h"

static void test_dates(void)
{
	wr_date d;
	ok(date_parse("2024-06-01", &d), "2024-06-01 parses");
	char buf[32];
	is_str(date_format(d, buf), "2024-06-01", "round-trips");
	ok(date_parse("2024-02-29", &d), "leap day 2024 is valid");
	ok(!date_parse("2024-02-30", &d), "2024-02-30 is rejected");
	ok(!date_parse("2023-02-29", &d), "2023-02-29 is rejected");
	ok(!date_parse("2024-13-01", &d), "month 13 is rejected");
	ok(!date_parse("2024-6-1", &d), "unpadded is rejected");
	ok(!date_parse("2024-06-01x", &d), "trailing text is rejected");
	ok(!date_parse("", &d), "empty is rejected");
	wr_date a, b;
	date_parse("2024-06-01", &a);
	date_parse("2024-06-15", &b);
	is_int(b - a, 14, "15-day campaign spans 14 days of difference");
	date_parse("1970-01-01", &a);
	is_int(a, 0, "epoch is day 0");
	date_parse("2000-03-01", &a);
	date_parse("2000-02-28", &b);
	is_int(a - b, 2, "2000 is a leap year");
	date_parse("2024-06-03", &a);
	is_int(date_weekday(a), 0, "2024-06-03 is a Monday");
	int secs;
	ok(datetime_parse("2024-06-03 14:30", &a, &secs) && secs == 14 * 3600 + 1800,
	   "datetime with minutes");
	ok(datetime_parse("2024-06-03T14:30:15", &a, &secs) && secs == 52215, "ISO T form");
	ok(!datetime_parse("2024-06-03 25:00", &a, &secs), "hour 25 rejected");
	is_str(datetime_format(a, 52215, buf), "2024-06-03 14:30:15", "datetime format");
}

static void test_numbers(void)
{
	double v;
	enum number_kind k;
	ok(number_parse("500万", &v, &k) && v == 5000000, "500万 = 5,000,000");
	ok(number_parse("80万", &v, &k) && v == 800000, "80万");
	ok(number_parse("28.5万", &v, &k) && v == 285000, "28.5万");
	ok(number_parse("1.2亿", &v, &k) && v == 120000000, "1.2亿");
	ok(number_parse("10k", &v, &k) && v == 10000, "10k");
	ok(number_parse("2M", &v, &k) && v == 2000000, "2M");
	ok(number_parse("3.5%", &v, &k) && v == 0.035 && k == NUMBER_PERCENT, "3.5%% = 0.035");
	ok(number_parse("-10%", &v, &k) && v == -0.1, "-10%% = -0.1");
	ok(number_parse("1,200,000", &v, &k) && v == 1200000, "thousands commas");
	ok(number_parse(" 42 ", &v, &k) && v == 42, "spaces around");
	ok(!number_parse("1,20", &v, &k), "bad comma grouping rejected");
	ok(!number_parse("abc", &v, &k), "letters rejected");
	ok(!number_parse("", &v, &k), "empty rejected");
	ok(!number_parse("5万元", &v, &k), "unknown trailing text rejected");
	ok(!number_parse("nan", &v, &k), "nan rejected");
	ok(!number_parse("1e999", &v, &k), "exponent text rejected");
	char buf[64];
	is_str(number_format(5000000, "元", true, buf, sizeof buf), "500万", "compact 万");
	is_str(number_format(120000000, "元", true, buf, sizeof buf), "1.2亿", "compact 亿");
	is_str(number_format(1200000, "", false, buf, sizeof buf), "1.2M", "compact M");
	is_str(number_format(0.072, "%", true, buf, sizeof buf), "7.2%", "percent unit");
	is_str(number_format(32, "元", true, buf, sizeof buf), "32", "small integer");
	is_str(number_format_plain(0.035, buf, sizeof buf), "0.035", "plain shortest form");
	is_str(number_format_pct(1.2, buf, sizeof buf), "120%", "achievement percent");
}

static void test_text(void)
{
	is_int(text_width("GMV"), 3, "ASCII width");
	is_int(text_width("新品推广"), 8, "CJK is double width");
	is_int(text_width("カタカナ"), 8, "Japanese is double width");
	char *t = text_truncate("2024夏季新品推广", 9, NULL);
	is_str(t, "2024夏季…", "truncates by width with ellipsis");
	is_int(text_width(t), 9, "truncated text fills the width exactly");
	free(t);
	t = text_truncate("2024夏季新品推广", 8, NULL);
	is_str(t, "2024夏 …", "never splits a double-width character");
	free(t);
	t = text_truncate("short", 10, NULL);
	is_str(t, "short", "short text unchanged");
	free(t);
	t = text_sanitize("a\x1b]0;pwned\x07" "b");
	is_str(t, "a\\e]0;pwned^Gb", "OSC becomes visible");
	free(t);
	t = text_sanitize("x\xe2\x80\xaey");
	is_str(t, "x<U+202E>y", "bidi override becomes visible");
	free(t);
	t = text_sanitize("\xc2\x9b" "2J");
	is_str(t, "\\u009b2J", "C1 CSI becomes visible");
	free(t);
	t = text_sanitize("bad\xff");
	is_str(t, "bad\\xff", "invalid byte becomes visible");
	free(t);
	ok(utf8_valid("快递", 6), "valid UTF-8");
	ok(!utf8_valid("\xe5\xbf", 2), "truncated sequence invalid");
	ok(!utf8_valid("\xc0\xaf", 2), "overlong invalid");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_dates();
	test_numbers();
	test_text();
	return tap_done();
}
