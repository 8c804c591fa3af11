/* Small inline SVG charts for the HTML report: a daily line against a
 * dashed target line, horizontal bars against a 100 % mark, and a funnel.
 * Coordinates are whole numbers (no locale can turn them into "1,5"); every
 * label goes through html_escape. No script, no link, no external
 * reference: the SVG is part of the page. */
#ifndef WARROOM_IO_SVG_CHART_H
#define WARROOM_IO_SVG_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "warroom/date.h"
#include "warroom/util.h"

typedef struct svg_series {
	const char *title;   /* user text */
	const double *vals;  /* one per day from `from` */
	const bool *has;
	const double *targets; /* may be NULL */
	const bool *has_t;
	size_t n;
	wr_date from;
	const char *unit;    /* for axis labels */
	bool cjk;
} svg_series;

void svg_line_chart(strbuf *sb, const svg_series *s);

typedef struct svg_bar {
	const char *label;  /* user text */
	double value;       /* bars: achievement; funnel: the stage's value */
	const char *text;   /* shown after the bar */
	const char *note;   /* funnel: conversion from the previous stage */
} svg_bar;

/* Achievement bars (value 1.0 = target). */
void svg_achievement_bars(strbuf *sb, const svg_bar *bars, size_t n);
/* Funnel stages in order; true when the widths follow a logarithmic
 * scale (values spanning more than 20 times). */
bool svg_funnel(strbuf *sb, const svg_bar *stages, size_t n);

#endif
