/* The report's pieces: HTML escaping of hostile text, conversion rates of
 * deep funnels, SVG charts on degenerate series (one day, no values, flat,
 * negative, huge achievements), and Markdown escaping in tables and text.
 * The whole reports are checked end to end (e2e/review_report.sh). */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "warroom/report.h"
#include "../../src/io/svg_chart.h"

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Every chart is one <svg> element with nothing that is not a number where
 * a coordinate goes. */
static void well_formed(const char *svg, const char *what)
{
	ok(count(svg, "<svg") == 1 && count(svg, "</svg>") == 1, "%s: one svg element", what);
	ok(!strstr(svg, "nan") && !strstr(svg, "inf") && !strstr(svg, "NaN"),
	   "%s: no NaN or infinity in coordinates", what);
	ok(!strstr(svg, "<script") && !strstr(svg, "http"), "%s: no script, no URL", what);
	ok(count(svg, "<text") == count(svg, "</text>"), "%s: text elements closed", what);
}

static void test_escape(void)
{
	strbuf sb = STRBUF_INIT;
	html_escape(&sb, "<b>\"x\" & 'y'</b>");
	is_str(sb_str(&sb), "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;", "& < > \" ' become entities");
	sb_reset(&sb);
	html_escape(&sb, "a\x1b[31mb\xe2\x80\xae" "c");
	ok(!strchr(sb_str(&sb), '\x1b'), "no raw escape character survives");
	has_str(sb_str(&sb), "\\e[31m", "an escape sequence is shown as visible text");
	ok(!strstr(sb_str(&sb), "\xe2\x80\xae"), "a bidi override does not survive");
	sb_reset(&sb);
	html_escape(&sb, "复盘\n第二行");
	is_str(sb_str(&sb), "复盘\n第二行", "Chinese and line breaks are kept");
	sb_reset(&sb);
	html_escape(&sb, NULL);
	is_str(sb_str(&sb), "", "NULL adds nothing");
	sb_free(&sb);
}

static void test_rate(void)
{
	char buf[32];
	is_str(report_rate(0.00025, buf, sizeof buf), "0.025%", "a deep funnel rate keeps two digits");
	is_str(report_rate(0.03, buf, sizeof buf), "3%", "3%%");
	is_str(report_rate(0.0082, buf, sizeof buf), "0.8%", "0.8%%");
	is_str(report_rate(1.0, buf, sizeof buf), "100%", "100%%");
	is_str(report_rate(0, buf, sizeof buf), "0%", "0%%");
	is_str(report_rate(0.0000004, buf, sizeof buf), "0.00004%", "very small rates are not written as exponents");
}

static void test_charts(void)
{
	wr_date from;
	date_parse("2024-06-01", &from);
	double v[5] = {300000, 285000, 0, -50, 310000}, t[5] = {333333, 333333, 333333, 333333, 333333};
	bool has[5] = {true, true, false, true, true}, has_t[5] = {true, true, true, true, true};
	strbuf sb = STRBUF_INIT;
	svg_series s = {"GMV <b>", v, has, t, has_t, 5, from, "元", true};
	svg_line_chart(&sb, &s);
	well_formed(sb_str(&sb), "a line with a gap and a negative day");
	has_str(sb_str(&sb), "GMV &lt;b&gt;", "the title is escaped");
	ok(count(sb_str(&sb), "class=\"v\"") >= 2, "a gap splits the line into runs");
	has_str(sb_str(&sb), "class=\"t\"", "the target line is drawn");
	has_str(sb_str(&sb), "06-01", "the first day is labelled");
	has_str(sb_str(&sb), "06-05", "and the last");

	sb_reset(&sb);
	bool none[1] = {false};
	double one[1] = {0};
	svg_series empty = {"空", one, none, NULL, NULL, 1, from, NULL, false};
	svg_line_chart(&sb, &empty);
	well_formed(sb_str(&sb), "one day without a value");
	has_str(sb_str(&sb), "no values yet", "says there are no values");

	sb_reset(&sb);
	double flat[3] = {7, 7, 7};
	bool all[3] = {true, true, true};
	svg_series f = {"flat", flat, all, NULL, NULL, 3, from, "%", false};
	svg_line_chart(&sb, &f);
	well_formed(sb_str(&sb), "a flat series");

	sb_reset(&sb);
	svg_bar bars[] = {{"订单数", 1.02, "102%", NULL}, {"<x>", 5.0, "500%", NULL},
			  {"负", -0.3, "-30%", NULL}};
	svg_achievement_bars(&sb, bars, 3);
	well_formed(sb_str(&sb), "achievement bars");
	has_str(sb_str(&sb), "&lt;x&gt;", "bar labels are escaped");
	has_str(sb_str(&sb), "500% ▶", "a bar beyond the scale is marked with ▶");

	sb_reset(&sb);
	svg_bar stages[] = {{"曝光量", 26600000, "2660万", NULL},
			    {"点击量", 805000, "80.5万", "↓ 3%"},
			    {"订单数", 6640, "6640", "↓ 0.8%"}};
	ok(svg_funnel(&sb, stages, 3), "a deep funnel uses a logarithmic scale");
	well_formed(sb_str(&sb), "a funnel");
	sb_reset(&sb);
	svg_bar shallow[] = {{"a", 100, "100", NULL}, {"b", 0, "0", NULL}};
	ok(!svg_funnel(&sb, shallow, 2), "a stage at zero keeps the linear scale");
	well_formed(sb_str(&sb), "a funnel with an empty stage");
	sb_free(&sb);
}

static void test_markdown(void)
{
	report_data d;
	memset(&d, 0, sizeof d);
	date_parse("2024-06-05", &d.today);
	d.campaign.key = "k";
	d.campaign.name = "名 | *粗* <i>";
	date_parse("2024-06-01", &d.campaign.start);
	date_parse("2024-06-15", &d.campaign.end);
	problem_row p;
	memset(&p, 0, sizeof p);
	p.description = "a|b\nc <script> [x](y) `z` _u_ #h";
	p.impact = "high";
	p.status = "open";
	p.owner = "钱主管";
	p.deadline = "2024-06-03";
	p.action = "第一步\n第二步";
	d.review.problems = &p;
	d.review.n_problems = 1;
	d.review.head.overview = "# 不是标题\n第二行";
	char *md = report_markdown(&d);
	has_str(md, "# 复盘报告 Campaign review: 名 \\| \\*粗\\* \\<i\\>", "the title's markup is escaped");
	has_str(md, "| P1 | a\\|b<br>c \\<script\\> \\[x\\](y) \\`z\\` \\_u\\_ \\#h |",
		"a table cell: pipes, markup and line breaks");
	has_str(md, "\\# 不是标题\\\n第二行", "a paragraph: no heading, a hard line break");
	has_str(md, "2024-06-03 **overdue 逾期**", "an overdue action is marked in the plan");
	has_str(md, "_The campaign defines no metrics._", "no metrics: said so");
	char *again = report_markdown(&d);
	is_str(again, md, "the same data gives the same bytes");
	free(again);
	free(md);
	char *html = report_html(&d);
	has_str(html, "名 | *粗* &lt;i&gt;", "HTML: the title is escaped");
	ok(!strstr(html, "<script>"), "HTML: no script element from user text");
	has_str(html, "size: A4", "HTML: an A4 page");
	free(html);
}

int main(void)
{
	setlocale(LC_ALL, "");
	test_escape();
	test_rate();
	test_charts();
	test_markdown();
	return tap_done();
}
