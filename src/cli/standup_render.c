/* The stand-up page in four formats. Text, Markdown and HTML are made
 * from one list of sections (a title, notes, a table, a line for "and N
 * more"), so they say the same things; JSON gives the figures raw. User
 * text is sanitised for text, escaped for Markdown and HTML (after
 * sanitising), and JSON-escaped for JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "standup.h"
#include "warroom/feedback.h"
#include "warroom/i18n.h"
#include "warroom/number.h"
#include "warroom/output.h"
#include "warroom/report.h"
#include "warroom/task_state.h"
#include "warroom/text.h"

#define SU_MAX_COLS 8
#define SU_TOP_TAGS 5

static const char *const weekdays[7] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
					N_("Fri"), N_("Sat"), N_("Sun")};

int standup_format_from(const char *s)
{
	if (str_eq(s, "text"))
		return SU_TEXT;
	if (str_eq(s, "md") || str_eq(s, "markdown"))
		return SU_MD;
	if (str_eq(s, "html"))
		return SU_HTML;
	if (str_eq(s, "json"))
		return SU_JSON;
	return -1;
}

/* ---- sections ----------------------------------------------------------------- */

typedef struct su_table {
	size_t ncols;
	const char *heads[SU_MAX_COLS];
	int caps[SU_MAX_COLS]; /* text: widest a column may be (0: any) */
	bool right[SU_MAX_COLS];
	strlist cells;         /* nrows x ncols, raw (user text as stored) */
	strlist classes;       /* per row, for HTML ("late", "alert"...) */
	size_t nrows;
} su_table;

typedef struct su_section {
	char title[256];   /* may hold user text: rendered like any cell */
	strlist notes;     /* lines above the table, likewise */
	su_table t;
	const char *empty; /* program text when there are no rows */
	strlist more;      /* "… and 12 more late: warroom tasks KEY --late" */
	const char *id;
} su_section;

enum { SEC_TASKS, SEC_DUE, SEC_METRICS, SEC_RISKS, SEC_FEEDBACK, N_SECTIONS };

typedef struct su_page_campaign {
	char heading[512]; /* "NAME (KEY) · day 5 of 15 · PHASE" */
	char score[256];
	su_section sec[N_SECTIONS];
} su_page_campaign;

static void table_cols(su_table *t, const char *const *heads, const int *caps, const bool *right,
		       size_t n)
{
	t->ncols = n;
	for (size_t i = 0; i < n; i++) {
		/* The headers of the text, Markdown and HTML pages; JSON has keys of its own. */
		t->heads[i] = i18n_context("column", heads[i]);
		t->caps[i] = caps[i];
		t->right[i] = right[i];
	}
}

static void table_row(su_table *t, const char *cls, const char *const *cells)
{
	for (size_t i = 0; i < t->ncols; i++)
		sl_push(&t->cells, str_empty(cells[i]) ? "" : cells[i]);
	sl_push(&t->classes, cls ? cls : "");
	t->nrows++;
}

static void section_free(su_section *s)
{
	sl_free(&s->notes);
	sl_free(&s->more);
	sl_free(&s->t.cells);
	sl_free(&s->t.classes);
}

static char *md_date(wr_date d, char *buf)
{
	if (d == WR_DATE_NONE)
		return strcpy(buf, "—");
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	snprintf(buf, 8, "%02d-%02d", m, day);
	return buf;
}

/* "Tue 2024-06-04" */
static char *long_date(wr_date d, char *buf)
{
	char iso[16];
	snprintf(buf, 24, "%s %s", _(weekdays[date_weekday(d)]), date_format(d, iso));
	return buf;
}

static const char *owner_of(const char *o)
{
	return str_empty(o) ? "—" : o;
}

static void task_name(const task_row *t, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s", t->milestone ? "◆ " : "", t->name ? t->name : "");
}

static void build_tasks(const standup *su, const su_campaign *c, su_section *s)
{
	static const char *const heads[] = {"", NC_("column", "task"), NC_("column", "name"),
					    NC_("column", "owner"), NC_("column", "due"),
					    NC_("column", "progress"),
					    NC_("column", "state")};
	static const int caps[] = {1, 16, 28, 14, 5, 8, 20};
	static const bool right[] = {false, false, false, false, false, true, false};
	size_t late = c->total[STANDUP_LATE], behind = c->total[STANDUP_BEHIND];
	snprintf(s->title, sizeof s->title, _("Late and behind: %zu late, %zu behind"), late, behind);
	s->id = "tasks";
	s->empty = _("nothing is late or behind");
	table_cols(&s->t, heads, caps, right, ARRAY_LEN(heads));
	for (int k = STANDUP_LATE; k <= STANDUP_BEHIND; k++) {
		for (size_t i = 0; i < c->n[k]; i++) {
			const task_row *t = &c->tasks[k][i];
			char name[600], due[8], prog[16], state[48];
			task_name(t, name, sizeof name);
			snprintf(prog, sizeof prog, "%d%%", t->progress);
			if (k == STANDUP_LATE) {
				int days = su->today - t->due;
				snprintf(state, sizeof state, P_("%d day late", "%d days late", days), days);
			} else {
				snprintf(state, sizeof state, _("%.0f%% expected"),
					 100.0 * task_elapsed_share(t->start, t->due, su->today));
			}
			const char *cells[] = {k == STANDUP_LATE ? "!" : "↓", t->key, name, owner_of(t->owner),
					       md_date(t->due, due), prog, state};
			table_row(&s->t, k == STANDUP_LATE ? "late" : "behind", cells);
		}
	}
	char more[256];
	if (late > c->n[STANDUP_LATE]) {
		snprintf(more, sizeof more, _("… and %zu more late: warroom tasks %s --late"),
			 late - c->n[STANDUP_LATE], c->camp.key);
		sl_push(&s->more, more);
	}
	if (behind > c->n[STANDUP_BEHIND]) {
		snprintf(more, sizeof more, _("… and %zu more behind: see the Tasks pane"),
			 behind - c->n[STANDUP_BEHIND]);
		sl_push(&s->more, more);
	}
}

static void build_due(const standup *su, const su_campaign *c, su_section *s)
{
	static const char *const heads[] = {NC_("column", "due"), NC_("column", "task"),
					    NC_("column", "name"), NC_("column", "owner"),
					    NC_("column", "progress"),
					    NC_("column", "status")};
	static const int caps[] = {14, 16, 28, 14, 8, 12};
	static const bool right[] = {false, false, false, false, true, false};
	char until[24];
	snprintf(s->title, sizeof s->title, _("Due in the next two days (to %s): %zu"),
		 long_date(su->today + 2, until), c->total[STANDUP_DUE]);
	s->id = "due";
	s->empty = _("nothing is due");
	table_cols(&s->t, heads, caps, right, ARRAY_LEN(heads));
	for (size_t i = 0; i < c->n[STANDUP_DUE]; i++) {
		const task_row *t = &c->tasks[STANDUP_DUE][i];
		char name[600], due[8], when[32], prog[16];
		task_name(t, name, sizeof name);
		snprintf(prog, sizeof prog, "%d%%", t->progress);
		int ahead = t->due - su->today;
		snprintf(when, sizeof when, "%s %s", md_date(t->due, due),
			 ahead == 0 ? _("today") : ahead == 1 ? _("tomorrow") : _(weekdays[date_weekday(t->due)]));
		const char *cells[] = {when, t->key, name, owner_of(t->owner), prog,
				       _(task_status_name(t->status))};
		table_row(&s->t, NULL, cells);
	}
	if (c->total[STANDUP_DUE] > c->n[STANDUP_DUE]) {
		char more[256];
		snprintf(more, sizeof more, _("… and %zu more due: see the Tasks pane"),
			 c->total[STANDUP_DUE] - c->n[STANDUP_DUE]);
		sl_push(&s->more, more);
	}
}

static void build_metrics(const su_campaign *c, su_section *s)
{
	static const char *const heads[] = {"", NC_("column", "metric"), NC_("column", "name"),
					    NC_("column", "actual"),
					    NC_("column", "target"), NC_("column", "pace"),
					    NC_("column", "deviation")};
	static const int caps[] = {7, 16, 24, 12, 12, 6, 9};
	static const bool right[] = {false, false, false, true, true, true, true};
	size_t alert = 0, warn = 0;
	for (size_t i = 0; i < c->n_alerts; i++) {
		if (c->view.board.rows[c->alerts[i]].level == LEVEL_ALERT)
			alert++;
		else
			warn++;
	}
	snprintf(s->title, sizeof s->title, _("Metrics in warn or alert: %zu alert, %zu warn"), alert, warn);
	s->id = "metrics";
	s->empty = _("no metric is in warn or alert");
	table_cols(&s->t, heads, caps, right, ARRAY_LEN(heads));
	for (size_t i = 0; i < c->n_alerts; i++) {
		size_t k = c->alerts[i];
		const metric_def *m = &c->view.cur.defs[k];
		const metric_figures *f = &c->view.board.rows[k];
		metric_cells mc;
		metric_cells_format(m, f, metric_prefers_cjk(c->view.cur.currency, m->unit), &mc);
		char level[24];
		snprintf(level, sizeof level, "%s %s", mc.glyph, _(mc.level));
		const char *cells[] = {level, m->key, m->name, mc.actual, mc.target, mc.pace, mc.deviation};
		table_row(&s->t, metric_level_name(f->level), cells);
	}
}

static void build_risks(const standup *su, const su_campaign *c, su_section *s)
{
	static const char *const heads[] = {"#", NC_("column", "kind"), NC_("column", "key"),
					    NC_("column", "subject"),
					    NC_("column", "owner"),
					    NC_("column", "deviation"),
					    NC_("column", "response")};
	static const int caps[] = {6, 6, 16, 24, 14, 10, 14};
	static const bool right[] = {true, false, false, false, false, true, false};
	size_t overdue = 0;
	for (size_t i = 0; i < c->n_risks; i++) {
		risk_cells rc;
		risk_cells_format(&c->risks[i], su->now, &rc);
		overdue += rc.overdue;
	}
	snprintf(s->title, sizeof s->title, _("Open risks: %zu, %zu overdue for a response"), c->n_risks,
		 overdue);
	s->id = "risks";
	s->empty = _("no open risks");
	table_cols(&s->t, heads, caps, right, ARRAY_LEN(heads));
	for (size_t i = 0; i < c->n_risks; i++) {
		const risk_row *r = &c->risks[i];
		risk_cells rc;
		risk_cells_format(r, su->now, &rc);
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)r->id);
		const char *cells[] = {id, risk_kind_label(r->kind), r->subject_key, r->subject, owner_of(r->owner),
				       rc.deviation, rc.due};
		table_row(&s->t, rc.overdue ? "overdue" : rc.state, cells);
	}
}

static void build_feedback(const standup *su, const su_campaign *c, su_section *s)
{
	static const char *const heads[] = {NC_("column", "at"), NC_("column", "channel"),
					    NC_("column", "tags"), NC_("column", "text")};
	static const int caps[] = {11, 12, 16, 48};
	static const bool right[] = {false, false, false, false};
	char since[24];
	snprintf(s->title, sizeof s->title, _("Negative feedback since %s: %zu of %zu new"),
		 long_date(su->since, since), c->fb_negative, c->fb_total);
	s->id = "feedback";
	s->empty = _("no negative feedback since then");
	if (c->n_tags) {
		strbuf sb = STRBUF_INIT;
		sb_adds(&sb, _("Top tags: "));
		for (size_t i = 0; i < c->n_tags && i < SU_TOP_TAGS; i++)
			sb_printf(&sb, "%s%s %zu", i ? " · " : "", c->tags[i].tag, c->tags[i].count);
		sl_push(&s->notes, sb_str(&sb));
		sb_free(&sb);
	}
	table_cols(&s->t, heads, caps, right, ARRAY_LEN(heads));
	for (size_t i = 0; i < c->n_msgs; i++) {
		const feedback_row *m = &c->msgs[i];
		char at[16] = "";
		if (m->at && strlen(m->at) >= 16)
			snprintf(at, sizeof at, "%.5s %.5s", m->at + 5, m->at + 11);
		else if (m->at)
			snprintf(at, sizeof at, "%.11s", m->at);
		strbuf tags = STRBUF_INIT;
		for (const char *p = m->tags; p && *p;) {
			size_t len = strcspn(p, "\n");
			if (tags.len)
				sb_adds(&tags, ", ");
			sb_add(&tags, p, len);
			p += len + (p[len] ? 1 : 0);
		}
		const char *cells[] = {at, m->channel, sb_str(&tags), m->text};
		table_row(&s->t, NULL, cells);
		sb_free(&tags);
	}
	if (c->fb_negative > c->n_msgs) {
		char more[160];
		snprintf(more, sizeof more, _("… and %zu more: the Inbox pane, negative since %s"),
			 c->fb_negative - c->n_msgs, date_format(su->since, since));
		sl_push(&s->more, more);
	}
}

static void build_campaign(const standup *su, const su_campaign *c, su_page_campaign *p)
{
	memset(p, 0, sizeof *p);
	const campaign_row *cr = &c->camp;
	char day[64];
	if (cr->start == WR_DATE_NONE || cr->end == WR_DATE_NONE)
		snprintf(day, sizeof day, _("no dates"));
	else if (su->today < cr->start)
		snprintf(day, sizeof day, _("starts in %d days"), cr->start - su->today);
	else if (su->today > cr->end)
		snprintf(day, sizeof day, _("ended %d days ago"), su->today - cr->end);
	else
		snprintf(day, sizeof day, _("day %d of %d"), su->today - cr->start + 1, cr->end - cr->start + 1);
	snprintf(p->heading, sizeof p->heading, "%s (%s) · %s%s%s", cr->name, cr->key, day,
		 str_empty(cr->current_phase) ? "" : " · ", str_empty(cr->current_phase) ? "" : cr->current_phase);
	const metric_board *b = &c->view.board;
	if (c->has_view && b->has_score) {
		char pct[16];
		number_format_pct(b->score, pct, sizeof pct);
		snprintf(p->score, sizeof p->score,
			 _("Weighted score %s (%zu of %zu weighted metrics) · %zu ok, %zu warn, %zu alert"), pct,
			 b->n_scored, b->n_weighted, b->n_ok, b->n_warn, b->n_alert);
	} else {
		snprintf(p->score, sizeof p->score, _("Weighted score — (no weighted metric has a pace yet)"));
	}
	build_tasks(su, c, &p->sec[SEC_TASKS]);
	build_due(su, c, &p->sec[SEC_DUE]);
	build_metrics(c, &p->sec[SEC_METRICS]);
	build_risks(su, c, &p->sec[SEC_RISKS]);
	build_feedback(su, c, &p->sec[SEC_FEEDBACK]);
}

static void page_title(const standup *su, char *buf, size_t n)
{
	char today[24], since[24];
	snprintf(buf, n, _("Stand-up %s · new since %s%s"), long_date(su->today, today),
		 long_date(su->since, since), su->since_default ? _(" (the previous working day)") : "");
}

/* ---- text ------------------------------------------------------------------- */

static void text_line(strbuf *sb, const char *indent, const char *s)
{
	char *clean = text_sanitize(s);
	sb_printf(sb, "%s%s\n", indent, clean);
	free(clean);
}

static void text_table(strbuf *sb, const su_table *t)
{
	size_t nc = t->ncols, nr = t->nrows;
	char **cells = xcalloc((nr + 1) * nc + 1, sizeof *cells);
	int width[SU_MAX_COLS] = {0};
	for (size_t r = 0; r <= nr; r++)
		for (size_t k = 0; k < nc; k++) {
			const char *raw = r == 0 ? t->heads[k] : t->cells.v[(r - 1) * nc + k];
			char *clean = text_sanitize(raw);
			int w;
			char *cut = t->caps[k] ? text_truncate(clean, t->caps[k], &w) : xstrdup(clean);
			free(clean);
			w = text_width(cut);
			if (w > width[k])
				width[k] = w;
			cells[r * nc + k] = cut;
		}
	for (size_t r = 0; r <= nr; r++) {
		strbuf line = STRBUF_INIT;
		sb_adds(&line, "  ");
		for (size_t k = 0; k < nc; k++) {
			const char *c = cells[r * nc + k];
			int pad = width[k] - text_width(c);
			if (k)
				sb_adds(&line, "  ");
			if (t->right[k])
				for (int i = 0; i < pad; i++)
					sb_addc(&line, ' ');
			sb_adds(&line, c);
			if (!t->right[k])
				for (int i = 0; i < pad; i++)
					sb_addc(&line, ' ');
		}
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		sb_adds(sb, sb_str(&line));
		sb_addc(sb, '\n');
		sb_free(&line);
	}
	for (size_t i = 0; i < (nr + 1) * nc; i++)
		free(cells[i]);
	free(cells);
}

static void render_text(const standup *su, const su_page_campaign *pages, strbuf *sb)
{
	char title[256];
	page_title(su, title, sizeof title);
	text_line(sb, "", title);
	if (!su->n)
		sb_adds(sb, _("\nNo campaign is running today.\n"));
	for (size_t i = 0; i < su->n; i++) {
		const su_page_campaign *p = &pages[i];
		sb_addc(sb, '\n');
		char *h = text_sanitize(p->heading);
		int w = text_width(h);
		sb_printf(sb, "%s\n", h);
		for (int k = 0; k < w; k++)
			sb_adds(sb, "═");
		sb_addc(sb, '\n');
		free(h);
		text_line(sb, "", p->score);
		for (int k = 0; k < N_SECTIONS; k++) {
			const su_section *s = &p->sec[k];
			sb_addc(sb, '\n');
			text_line(sb, "", s->title);
			for (size_t n = 0; n < s->notes.n; n++)
				text_line(sb, "  ", s->notes.v[n]);
			if (s->t.nrows)
				text_table(sb, &s->t);
			else
				text_line(sb, "  ", s->empty);
			for (size_t n = 0; n < s->more.n; n++)
				text_line(sb, "  ", s->more.v[n]);
		}
	}
}

/* ---- Markdown ---------------------------------------------------------------- */

/* User text in Markdown: sanitised, one line, punctuation that would turn
 * into markup, a table border or raw HTML escaped. */
static void md_esc(strbuf *sb, const char *s)
{
	char *clean = text_sanitize(s ? s : "");
	for (const char *p = clean; *p; p++) {
		if (strchr("\\|<>`*_[]#&~", *p))
			sb_addc(sb, '\\');
		sb_addc(sb, *p);
	}
	free(clean);
}

static void render_md(const standup *su, const su_page_campaign *pages, strbuf *sb)
{
	char title[256];
	page_title(su, title, sizeof title);
	sb_adds(sb, "# ");
	md_esc(sb, title);
	sb_adds(sb, "\n");
	if (!su->n)
		sb_adds(sb, _("\nNo campaign is running today.\n"));
	for (size_t i = 0; i < su->n; i++) {
		const su_page_campaign *p = &pages[i];
		sb_adds(sb, "\n## ");
		md_esc(sb, p->heading);
		sb_adds(sb, "\n\n**");
		md_esc(sb, p->score);
		sb_adds(sb, "**\n");
		for (int k = 0; k < N_SECTIONS; k++) {
			const su_section *s = &p->sec[k];
			sb_adds(sb, "\n### ");
			md_esc(sb, s->title);
			sb_adds(sb, "\n\n");
			for (size_t n = 0; n < s->notes.n; n++) {
				md_esc(sb, s->notes.v[n]);
				sb_adds(sb, "\n\n");
			}
			if (!s->t.nrows) {
				sb_adds(sb, "*");
				md_esc(sb, s->empty);
				sb_adds(sb, "*\n");
			} else {
				const su_table *t = &s->t;
				sb_adds(sb, "|");
				for (size_t c = 0; c < t->ncols; c++) {
					sb_adds(sb, " ");
					md_esc(sb, t->heads[c]);
					sb_adds(sb, " |");
				}
				sb_adds(sb, "\n|");
				for (size_t c = 0; c < t->ncols; c++)
					sb_adds(sb, t->right[c] ? " ---: |" : " --- |");
				sb_adds(sb, "\n");
				for (size_t r = 0; r < t->nrows; r++) {
					sb_adds(sb, "|");
					for (size_t c = 0; c < t->ncols; c++) {
						sb_adds(sb, " ");
						md_esc(sb, t->cells.v[r * t->ncols + c]);
						sb_adds(sb, " |");
					}
					sb_adds(sb, "\n");
				}
			}
			for (size_t n = 0; n < s->more.n; n++) {
				sb_adds(sb, "\n");
				md_esc(sb, s->more.v[n]);
				sb_adds(sb, "\n");
			}
		}
	}
}

/* ---- HTML -------------------------------------------------------------------- */

static const char su_css[] =
	"@page { size: A4; margin: 14mm; }\n"
	"body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\","
	" \"Microsoft YaHei\", system-ui, sans-serif; color: #1a1a1a; font-size: 10.5pt;"
	" line-height: 1.45; max-width: 190mm; margin: 0 auto; padding: 8mm 0; }\n"
	"h1 { font-size: 16pt; margin: 0 0 2mm; }\n"
	"h2 { font-size: 13pt; margin: 7mm 0 1mm; border-bottom: 1.5pt solid #1a1a1a; }\n"
	"h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; page-break-after: avoid; }\n"
	"p { margin: 1mm 0; }\n"
	"p.score { font-weight: 600; }\n"
	"p.empty, p.more { color: #555; font-style: italic; }\n"
	"table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }\n"
	"th, td { border: 0.5pt solid #999; padding: 0.8mm 1.5mm; text-align: left;"
	" vertical-align: top; overflow-wrap: anywhere; }\n"
	"th { background: #eee; }\n"
	"td.num { text-align: right; white-space: nowrap; }\n"
	"tr { break-inside: avoid; page-break-inside: avoid; }\n"
	"tr.late td, tr.alert td, tr.overdue td { font-weight: 600; }\n"
	"tr.late td:first-child, tr.alert td:first-child, tr.overdue td:last-child { color: #b71c1c; }\n"
	"tr.behind td:first-child, tr.warn td:first-child { color: #8a5a00; }\n"
	"@media print { body { max-width: none; padding: 0; color: #000; }"
	" tr td:first-child, tr td:last-child { color: #000 !important; } }\n";

static void render_html(const standup *su, const su_page_campaign *pages, strbuf *sb)
{
	char title[256];
	page_title(su, title, sizeof title);
	sb_adds(sb, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
	html_escape(sb, title);
	sb_adds(sb, "</title>\n<style>\n");
	sb_adds(sb, su_css);
	sb_adds(sb, "</style>\n</head>\n<body>\n<h1>");
	html_escape(sb, title);
	sb_adds(sb, "</h1>\n");
	if (!su->n)
		sb_printf(sb, "<p class=\"empty\">%s</p>\n", _("No campaign is running today."));
	for (size_t i = 0; i < su->n; i++) {
		const su_page_campaign *p = &pages[i];
		sb_adds(sb, "<section class=\"campaign\">\n<h2>");
		html_escape(sb, p->heading);
		sb_adds(sb, "</h2>\n<p class=\"score\">");
		html_escape(sb, p->score);
		sb_adds(sb, "</p>\n");
		for (int k = 0; k < N_SECTIONS; k++) {
			const su_section *s = &p->sec[k];
			sb_printf(sb, "<h3 class=\"%s\">", s->id);
			html_escape(sb, s->title);
			sb_adds(sb, "</h3>\n");
			for (size_t n = 0; n < s->notes.n; n++) {
				sb_adds(sb, "<p>");
				html_escape(sb, s->notes.v[n]);
				sb_adds(sb, "</p>\n");
			}
			const su_table *t = &s->t;
			if (!t->nrows) {
				sb_adds(sb, "<p class=\"empty\">");
				html_escape(sb, s->empty);
				sb_adds(sb, "</p>\n");
			} else {
				sb_printf(sb, "<table class=\"%s\">\n<thead><tr>", s->id);
				for (size_t c = 0; c < t->ncols; c++) {
					sb_adds(sb, "<th>");
					html_escape(sb, t->heads[c]);
					sb_adds(sb, "</th>");
				}
				sb_adds(sb, "</tr></thead>\n<tbody>\n");
				for (size_t r = 0; r < t->nrows; r++) {
					const char *cls = t->classes.v[r];
					if (cls[0])
						sb_printf(sb, "<tr class=\"%s\">", cls);
					else
						sb_adds(sb, "<tr>");
					for (size_t c = 0; c < t->ncols; c++) {
						sb_adds(sb, t->right[c] ? "<td class=\"num\">" : "<td>");
						html_escape(sb, t->cells.v[r * t->ncols + c]);
						sb_adds(sb, "</td>");
					}
					sb_adds(sb, "</tr>\n");
				}
				sb_adds(sb, "</tbody>\n</table>\n");
			}
			for (size_t n = 0; n < s->more.n; n++) {
				sb_adds(sb, "<p class=\"more\">");
				html_escape(sb, s->more.v[n]);
				sb_adds(sb, "</p>\n");
			}
		}
		sb_adds(sb, "</section>\n");
	}
	sb_adds(sb, "</body>\n</html>\n");
}

/* ---- JSON -------------------------------------------------------------------- */

static void json_str(strbuf *sb, const char *s)
{
	if (!s)
		sb_adds(sb, "null");
	else
		json_escape(sb, s);
}

static void json_date(strbuf *sb, wr_date d)
{
	char buf[16];
	if (d == WR_DATE_NONE)
		sb_adds(sb, "null");
	else
		json_escape(sb, date_format(d, buf));
}

/* Ten significant digits: 7.2% / 8% is 0.9, not 0.8999999999999999. */
static void json_num(strbuf *sb, bool has, double v)
{
	if (!has) {
		sb_adds(sb, "null");
		return;
	}
	char buf[40];
	snprintf(buf, sizeof buf, "%.10g", v);
	sb_adds(sb, strcmp(buf, "-0") == 0 ? "0" : buf);
}

static void json_task(strbuf *sb, const standup *su, const task_row *t, int kind)
{
	sb_adds(sb, "{\"key\": ");
	json_str(sb, t->key);
	sb_adds(sb, ", \"name\": ");
	json_str(sb, t->name);
	sb_adds(sb, ", \"owner\": ");
	json_str(sb, t->owner);
	sb_adds(sb, ", \"strategy\": ");
	json_str(sb, t->strategy);
	sb_adds(sb, ", \"start\": ");
	json_date(sb, t->start);
	sb_adds(sb, ", \"due\": ");
	json_date(sb, t->due);
	sb_printf(sb, ", \"status\": \"%s\", \"progress\": %d, \"milestone\": %s", task_status_name(t->status),
		  t->progress, t->milestone ? "true" : "false");
	if (kind == STANDUP_LATE)
		sb_printf(sb, ", \"days_late\": %d", su->today - t->due);
	if (kind == STANDUP_BEHIND) {
		sb_adds(sb, ", \"expected_progress\": ");
		json_num(sb, true, 100.0 * task_elapsed_share(t->start, t->due, su->today));
	}
	sb_adds(sb, "}");
}

static void json_campaign(strbuf *sb, const standup *su, const su_campaign *c)
{
	const campaign_row *cr = &c->camp;
	sb_adds(sb, "    {\"key\": ");
	json_str(sb, cr->key);
	sb_adds(sb, ", \"name\": ");
	json_str(sb, cr->name);
	sb_adds(sb, ", \"start\": ");
	json_date(sb, cr->start);
	sb_adds(sb, ", \"end\": ");
	json_date(sb, cr->end);
	sb_adds(sb, ", \"phase\": ");
	json_str(sb, cr->current_phase);
	const metric_board *b = &c->view.board;
	sb_adds(sb, ",\n     \"score\": ");
	json_num(sb, c->has_view && b->has_score, b->score);
	sb_printf(sb, ", \"scored\": %zu, \"weighted\": %zu, \"ok\": %zu, \"warn\": %zu, \"alert\": %zu",
		  b->n_scored, b->n_weighted, b->n_ok, b->n_warn, b->n_alert);
	static const char *const list_names[SU_N_LISTS] = {"late", "behind", "due_soon"};
	sb_printf(sb, ",\n     \"tasks\": {\"late_total\": %zu, \"behind_total\": %zu, \"due_soon_total\": %zu",
		  c->total[STANDUP_LATE], c->total[STANDUP_BEHIND], c->total[STANDUP_DUE]);
	for (int k = 0; k < SU_N_LISTS; k++) {
		sb_printf(sb, ",\n       \"%s\": [", list_names[k]);
		for (size_t i = 0; i < c->n[k]; i++) {
			sb_adds(sb, i ? ",\n         " : "\n         ");
			json_task(sb, su, &c->tasks[k][i], k);
		}
		sb_adds(sb, "]");
	}
	sb_adds(sb, "},\n     \"metrics\": [");
	for (size_t i = 0; i < c->n_alerts; i++) {
		size_t k = c->alerts[i];
		const metric_def *m = &c->view.cur.defs[k];
		const metric_figures *f = &c->view.board.rows[k];
		sb_adds(sb, i ? ",\n       {\"key\": " : "\n       {\"key\": ");
		json_str(sb, m->key);
		sb_adds(sb, ", \"name\": ");
		json_str(sb, m->name);
		sb_printf(sb, ", \"level\": \"%s\", \"actual\": ", metric_level_name(f->level));
		json_num(sb, f->has_actual, f->actual);
		sb_adds(sb, ", \"target\": ");
		json_num(sb, m->has_target, m->target);
		sb_adds(sb, ", \"target_to_date\": ");
		json_num(sb, f->has_target_to_date, f->target_to_date);
		sb_adds(sb, ", \"pace\": ");
		json_num(sb, f->has_pace, f->pace);
		sb_adds(sb, ", \"deviation\": ");
		json_num(sb, f->has_pace, f->deviation);
		sb_adds(sb, "}");
	}
	sb_adds(sb, "],\n     \"risks\": [");
	for (size_t i = 0; i < c->n_risks; i++) {
		const risk_row *r = &c->risks[i];
		risk_cells rc;
		risk_cells_format(r, su->now, &rc);
		long long left = 0;
		bool has_left = risk_seconds_left(r, su->now, &left);
		sb_printf(sb, "%s{\"id\": %lld, \"kind\": ", i ? ",\n       " : "\n       ", (long long)r->id);
		json_str(sb, r->kind);
		sb_adds(sb, ", \"subject_key\": ");
		json_str(sb, r->subject_key);
		sb_adds(sb, ", \"subject\": ");
		json_str(sb, r->subject);
		sb_adds(sb, ", \"owner\": ");
		json_str(sb, r->owner);
		sb_adds(sb, ", \"deviation\": ");
		json_num(sb, r->has_deviation, r->deviation);
		sb_adds(sb, ", \"opened_at\": ");
		json_str(sb, r->opened_at);
		sb_adds(sb, ", \"respond_by\": ");
		json_str(sb, r->respond_by);
		sb_adds(sb, ", \"state\": ");
		json_str(sb, rc.state);
		sb_adds(sb, ", \"hours_left\": ");
		json_num(sb, has_left, (double)left / 3600.0);
		sb_adds(sb, ", \"response\": ");
		json_str(sb, rc.due);
		sb_adds(sb, "}");
	}
	sb_printf(sb, "],\n     \"feedback\": {\"new\": %zu, \"negative\": %zu, \"top_tags\": [",
		  c->fb_total, c->fb_negative);
	for (size_t i = 0; i < c->n_tags; i++) {
		sb_adds(sb, i ? ", {\"tag\": " : "{\"tag\": ");
		json_str(sb, c->tags[i].tag);
		sb_printf(sb, ", \"count\": %zu}", c->tags[i].count);
	}
	sb_adds(sb, "], \"latest\": [");
	for (size_t i = 0; i < c->n_msgs; i++) {
		const feedback_row *m = &c->msgs[i];
		sb_adds(sb, i ? ",\n       {\"at\": " : "\n       {\"at\": ");
		json_str(sb, m->at);
		sb_adds(sb, ", \"channel\": ");
		json_str(sb, m->channel);
		sb_adds(sb, ", \"tags\": [");
		int n = 0;
		for (const char *p = m->tags; p && *p;) {
			size_t len = strcspn(p, "\n");
			char *tag = xstrndup(p, len);
			sb_adds(sb, n++ ? ", " : "");
			json_str(sb, tag);
			free(tag);
			p += len + (p[len] ? 1 : 0);
		}
		sb_adds(sb, "], \"text\": ");
		json_str(sb, m->text);
		sb_adds(sb, "}");
	}
	sb_adds(sb, "]}}");
}

static void render_json(const standup *su, strbuf *sb)
{
	sb_adds(sb, "{\n  \"today\": ");
	json_date(sb, su->today);
	sb_adds(sb, ",\n  \"since\": ");
	json_date(sb, su->since);
	sb_printf(sb, ",\n  \"since_rule\": \"%s\",\n  \"generated_at\": ",
		  su->since_default ? "previous working day" : "given");
	json_str(sb, su->now);
	sb_adds(sb, ",\n  \"campaigns\": [");
	for (size_t i = 0; i < su->n; i++) {
		sb_adds(sb, i ? ",\n" : "\n");
		json_campaign(sb, su, &su->v[i]);
	}
	sb_adds(sb, su->n ? "\n  ]\n}\n" : "]\n}\n");
}

char *standup_render(const standup *su, enum standup_format f)
{
	strbuf sb = STRBUF_INIT;
	if (f == SU_JSON) {
		/* JSON is for scripts: its texts (a risk's response time) stay English */
		char *lc = i18n_english_begin();
		render_json(su, &sb);
		i18n_english_end(lc);
		return sb_detach(&sb);
	}
	su_page_campaign *pages = xcalloc(su->n + 1, sizeof *pages);
	for (size_t i = 0; i < su->n; i++)
		build_campaign(su, &su->v[i], &pages[i]);
	switch (f) {
	case SU_MD: render_md(su, pages, &sb); break;
	case SU_HTML: render_html(su, pages, &sb); break;
	default: render_text(su, pages, &sb); break;
	}
	for (size_t i = 0; i < su->n; i++)
		for (int k = 0; k < N_SECTIONS; k++)
			section_free(&pages[i].sec[k]);
	free(pages);
	return sb_detach(&sb);
}
