/* Inline SVG charts for the HTML report; styles come from the page's CSS
 * classes so that one stylesheet sets the look on screen and on paper. */
#include "svg_chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/number.h"
#include "warroom/report.h"
#include "warroom/text.h"

#define W 680

static int ri(double v)
{
	if (!isfinite(v))
		return 0;
	if (v > 1e6)
		return 1000000;
	if (v < -1e6)
		return -1000000;
	return (int)lround(v);
}

/* A label cut to `cols` display columns, escaped. */
static void label(strbuf *sb, const char *s, int cols)
{
	char *clean = text_sanitize(s ? s : "");
	char *cut = text_truncate(clean, cols, NULL);
	html_escape(sb, cut);
	free(cut);
	free(clean);
}

static void open_svg(strbuf *sb, int h, const char *title)
{
	sb_printf(sb, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">", W, h, W, h);
	sb_adds(sb, "<title>");
	html_escape(sb, title);
	sb_adds(sb, "</title>");
}

/* One polyline per run of consecutive days that have a value. */
static void runs(strbuf *sb, const char *cls, const double *v, const bool *has, size_t n,
		 const int *xs, double y0, double scale, int top, int plot_h)
{
	size_t k = 0;
	while (k < n) {
		while (k < n && !has[k])
			k++;
		if (k >= n)
			break;
		size_t start = k;
		while (k < n && has[k])
			k++;
		sb_printf(sb, "<polyline class=\"%s\" points=\"", cls);
		for (size_t j = start; j < k; j++) {
			int y = top + plot_h - ri((v[j] - y0) * scale);
			sb_printf(sb, "%s%d,%d", j > start ? " " : "", xs[j], y);
		}
		/* A single day draws as a short tick so that it shows. */
		if (k - start == 1) {
			int y = top + plot_h - ri((v[start] - y0) * scale);
			sb_printf(sb, " %d,%d", xs[start] + 1, y);
		}
		sb_adds(sb, "\" />");
	}
}

void svg_line_chart(strbuf *sb, const svg_series *s)
{
	const int left = 70, right = 24, top = 30, bottom = 30, h = 210;
	int plot_w = W - left - right, plot_h = h - top - bottom;
	double lo = 0, hi = 0;
	bool any = false;
	for (size_t k = 0; k < s->n; k++) {
		if (s->has[k]) {
			lo = fmin(lo, s->vals[k]);
			hi = fmax(hi, s->vals[k]);
			any = true;
		}
		if (s->targets && s->has_t[k]) {
			lo = fmin(lo, s->targets[k]);
			hi = fmax(hi, s->targets[k]);
		}
	}
	if (hi - lo <= fabs(hi) * 1e-12)
		hi = lo + (lo == 0 ? 1 : fabs(lo));
	/* Four grid steps of a round size (1, 2, 2.5 or 5 times a power of ten). */
	double raw = (hi - lo) / 4, mag = pow(10, floor(log10(raw))), step = mag;
	static const double nice[] = {1, 2, 2.5, 5, 10};
	for (size_t k = 0; k < ARRAY_LEN(nice); k++)
		if (nice[k] * mag >= raw * 0.999) {
			step = nice[k] * mag;
			break;
		}
	lo = floor(lo / step) * step;
	int steps = (int)ceil((hi - lo) / step - 1e-9);
	if (steps < 1)
		steps = 1;
	hi = lo + steps * step;
	double scale = plot_h / (hi - lo);

	open_svg(sb, h, s->title);
	sb_adds(sb, "<text class=\"title\" x=\"0\" y=\"16\">");
	label(sb, s->title, 60);
	sb_adds(sb, "</text>");
	/* Legend. */
	sb_printf(sb, "<line class=\"v\" x1=\"%d\" y1=\"12\" x2=\"%d\" y2=\"12\" />"
		      "<text x=\"%d\" y=\"16\">%s</text>",
		  W - 230, W - 206, W - 200,
		  /* TRANSLATORS: the legend of a daily chart: the line of values. */
		  _("每日 daily"));
	if (s->targets)
		sb_printf(sb, "<line class=\"t\" x1=\"%d\" y1=\"12\" x2=\"%d\" y2=\"12\" />"
			      "<text x=\"%d\" y=\"16\">%s</text>",
			  W - 116, W - 92, W - 86,
			  /* TRANSLATORS: the legend of a daily chart: the target line. */
			  _("目标 target"));
	/* Grid and value labels. */
	for (int g = 0; g <= steps; g++) {
		double v = lo + step * g;
		int y = top + plot_h - ri((v - lo) * scale);
		char num[48];
		number_format(v, s->unit, s->cjk, num, sizeof num);
		sb_printf(sb, "<line class=\"%s\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" />",
			  g ? "grid" : "axis", left, y, left + plot_w, y);
		sb_printf(sb, "<text class=\"yl\" x=\"%d\" y=\"%d\">", left - 6, y + 4);
		html_escape(sb, num);
		sb_adds(sb, "</text>");
	}
	int *xs = xcalloc(s->n ? s->n : 1, sizeof *xs);
	for (size_t k = 0; k < s->n; k++)
		xs[k] = left + (s->n == 1 ? plot_w / 2 : ri((double)k * plot_w / (double)(s->n - 1)));
	/* Day labels: about eight, always the first and the last, none
	 * crowding the last. */
	size_t every = s->n > 8 ? (s->n + 7) / 8 : 1;
	for (size_t k = 0; k < s->n; k++) {
		bool last = k + 1 == s->n;
		if (!last && (k % every || (k && xs[s->n - 1] - xs[k] < 52)))
			continue;
		int y, m, d;
		date_to_ymd(s->from + (wr_date)k, &y, &m, &d);
		sb_printf(sb, "<text class=\"xl\" x=\"%d\" y=\"%d\">%02d-%02d</text>", xs[k],
			  top + plot_h + 16, m, d);
	}
	if (s->targets)
		runs(sb, "t", s->targets, s->has_t, s->n, xs, lo, scale, top, plot_h);
	runs(sb, "v", s->vals, s->has, s->n, xs, lo, scale, top, plot_h);
	if (s->n <= 62)
		for (size_t k = 0; k < s->n; k++)
			if (s->has[k])
				sb_printf(sb, "<circle class=\"pt\" cx=\"%d\" cy=\"%d\" r=\"3\" />", xs[k],
					  top + plot_h - ri((s->vals[k] - lo) * scale));
	if (!any)
		sb_printf(sb, "<text class=\"empty\" x=\"%d\" y=\"%d\">%s</text>",
			  left + plot_w / 2, top + plot_h / 2, _("no values yet 暂无数据"));
	free(xs);
	sb_adds(sb, "</svg>\n");
}

static const char *level_class(double achievement)
{
	return achievement >= 1.0 ? "good" : achievement >= 0.8 ? "near" : "low";
}

void svg_achievement_bars(strbuf *sb, const svg_bar *bars, size_t n)
{
	const int left = 190, row = 26, top = 24, area = 400;
	int h = top + (int)n * row + 10;
	double max = 1.2;
	for (size_t i = 0; i < n; i++)
		max = fmax(max, bars[i].value);
	if (max > 2.0)
		max = 2.0;
	/* TRANSLATORS: the title of the achievement bar chart. */
	open_svg(sb, h, _("达成率 achievement"));
	int x100 = left + ri(area / max);
	sb_printf(sb, "<text class=\"xl\" x=\"%d\" y=\"14\">100%%</text>", x100);
	for (size_t i = 0; i < n; i++) {
		int y = top + (int)i * row;
		double v = bars[i].value > 0 ? bars[i].value : 0;
		bool cut = v > max;
		int w = ri(area * fmin(v, max) / max);
		sb_printf(sb, "<text class=\"yl\" x=\"%d\" y=\"%d\">", left - 8, y + 15);
		label(sb, bars[i].label, 24);
		sb_adds(sb, "</text>");
		sb_printf(sb, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" />",
			  level_class(v), left, y + 3, w > 0 ? w : 1, row - 8);
		sb_printf(sb, "<text x=\"%d\" y=\"%d\">", left + w + 6, y + 15);
		html_escape(sb, bars[i].text);
		sb_adds(sb, cut ? " ▶" : "");
		sb_adds(sb, "</text>");
	}
	sb_printf(sb, "<line class=\"ref\" x1=\"%d\" y1=\"20\" x2=\"%d\" y2=\"%d\" />", x100, x100,
		  h - 6);
	sb_adds(sb, "</svg>\n");
}

bool svg_funnel(strbuf *sb, const svg_bar *st, size_t n)
{
	const int left = 170, row = 40, top = 10, area = 360;
	int h = top + (int)n * row + 6;
	double max = 0, min = 0;
	for (size_t i = 0; i < n; i++) {
		if (st[i].value > 0 && (max == 0 || st[i].value > max))
			max = st[i].value;
		if (st[i].value > 0 && (min == 0 || st[i].value < min))
			min = st[i].value;
	}
	/* A deep funnel (impressions to orders) spans orders of magnitude:
	 * widths then follow the logarithm, so every stage stays visible. */
	bool logscale = max > 0 && min > 0 && max / min > 20;
	/* TRANSLATORS: the title of the funnel chart. */
	open_svg(sb, h, _("漏斗 funnel"));
	int cx = left + area / 2;
	for (size_t i = 0; i < n; i++) {
		int y = top + (int)i * row;
		double v = st[i].value > 0 ? st[i].value : 0, share = 0;
		if (v > 0 && logscale)
			share = 0.2 + 0.8 * (log(v) - log(min)) / (log(max) - log(min));
		else if (v > 0)
			share = v / max;
		int w = ri(area * share);
		if (w < 2)
			w = 2;
		sb_printf(sb, "<rect class=\"stage\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" />",
			  cx - w / 2, y, w, row - 10);
		sb_printf(sb, "<text class=\"yl\" x=\"%d\" y=\"%d\">", left - 8, y + 19);
		label(sb, st[i].label, 20);
		sb_adds(sb, "</text>");
		sb_printf(sb, "<text class=\"in\" x=\"%d\" y=\"%d\">", cx, y + 19);
		html_escape(sb, st[i].text);
		sb_adds(sb, "</text>");
		if (st[i].note) {
			sb_printf(sb, "<text x=\"%d\" y=\"%d\">", left + area + 12, y + 4);
			html_escape(sb, st[i].note);
			sb_adds(sb, "</text>");
		}
	}
	sb_adds(sb, "</svg>\n");
	return logscale;
}
