/* Customer feedback from the command line: add one message, list and
 * search, triage, and the figures of the stats strip. Imports are in
 * cmd_feedback_import.c. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedback_cli.h"
#include "warroom/cli.h"
#include "warroom/feedback.h"
#include "warroom/feedback_filter.h"
#include "warroom/i18n.h"
#include "warroom/store_feedback.h"
#include "warroom/text.h"

/* ---- shared ------------------------------------------------------------- */

/* Dates as exports write them: 2024-06-01, 2024/6/1, 2024.06.01,
 * 2024年6月1日, each optionally followed by H:MM or H:MM:SS. */
bool feedback_parse_when(const char *s, wr_date *day, int *secs)
{
	while (*s == ' ')
		s++;
	int y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0, n = 0;
	const char *p = s;
	while (*p >= '0' && *p <= '9' && n < 4) {
		y = y * 10 + (*p++ - '0');
		n++;
	}
	if (n != 4)
		return false;
	bool cjk = str_starts(p, "年");
	char sep = *p;
	if (cjk)
		p += 3;
	else if (sep == '-' || sep == '/' || sep == '.')
		p++;
	else
		return false;
	for (n = 0; *p >= '0' && *p <= '9' && n < 2; n++)
		m = m * 10 + (*p++ - '0');
	if (!n)
		return false;
	if (cjk ? !str_starts(p, "月") : *p != sep)
		return false;
	p += cjk ? 3 : 1;
	for (n = 0; *p >= '0' && *p <= '9' && n < 2; n++)
		d = d * 10 + (*p++ - '0');
	if (!n)
		return false;
	if (cjk && str_starts(p, "日"))
		p += 3;
	if (!date_valid_ymd(y, m, d))
		return false;
	if (*p == ' ' || *p == 'T') {
		while (*p == ' ' || *p == 'T')
			p++;
		for (n = 0; *p >= '0' && *p <= '9' && n < 2; n++)
			hh = hh * 10 + (*p++ - '0');
		if (!n || *p != ':')
			return false;
		p++;
		for (n = 0; *p >= '0' && *p <= '9' && n < 2; n++)
			mm = mm * 10 + (*p++ - '0');
		if (n != 2)
			return false;
		if (*p == ':') {
			p++;
			for (n = 0; *p >= '0' && *p <= '9' && n < 2; n++)
				ss = ss * 10 + (*p++ - '0');
			if (n != 2)
				return false;
		}
		if (hh > 23 || mm > 59 || ss > 59)
			return false;
	}
	while (*p == ' ')
		p++;
	if (*p)
		return false;
	*day = date_from_ymd(y, m, d);
	*secs = hh * 3600 + mm * 60 + ss;
	return true;
}

bool feedback_parse_scale(const char *s, int *scale)
{
	if (str_eq(s, "5") || str_eq(s, "1-5"))
		*scale = 5;
	else if (str_eq(s, "10") || str_eq(s, "0-10"))
		*scale = 10;
	else
		return false;
	return true;
}

static int find_campaign(cli_ctx *ctx, const char *key, campaign_row *out)
{
	return cli_campaign(ctx, key, out);
}

/* ---- add -------------------------------------------------------------------- */

static int feedback_add(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"text", required_argument, NULL, 'x'},   {"channel", required_argument, NULL, 'c'},
		{"type", required_argument, NULL, 't'},   {"rating", required_argument, NULL, 'r'},
		{"scale", required_argument, NULL, 'S'},  {"customer", required_argument, NULL, 'u'},
		{"at", required_argument, NULL, 'a'},     {"tags", required_argument, NULL, 'g'},
		{"sentiment", required_argument, NULL, 's'},
		{"mode", required_argument, NULL, 'm'},   {0, 0, 0, 0},
	};
	feedback_new m;
	memset(&m, 0, sizeof m);
	m.type = m.sentiment = m.mode = FB_ANY;
	clock_now(&m.at, &m.at_secs);
	const char *tags = NULL;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'x': m.text = optarg; break;
		case 'c': m.channel = optarg; break;
		case 'u': m.customer = optarg; break;
		case 'g': tags = optarg; break;
		case 't':
			if ((m.type = feedback_type_parse(optarg)) < 0)
				return cli_usage("feedback", _("unknown type '%s': expected product, service, rules, brand or none"), optarg);
			break;
		case 'r': {
			int scale = 0;
			if (!feedback_rating_parse(optarg, &m.rating, &scale))
				return cli_error(EXIT_INPUT, _("a rating is a number such as 4, 4/5 or 9/10, not '%s'"), optarg);
			m.has_rating = true;
			if (scale)
				m.rating_scale = scale;
			break;
		}
		case 'S':
			if (!feedback_parse_scale(optarg, &m.rating_scale))
				return cli_usage("feedback", _("--scale is 5 (1-5 stars) or 10 (0-10)"));
			break;
		case 's':
			if ((m.sentiment = feedback_sentiment_parse(optarg)) == FB_SENTIMENT_BAD)
				return cli_usage("feedback", _("unknown sentiment '%s': expected positive, neutral or negative"), optarg);
			break;
		case 'm':
			if (str_eq(optarg, "active"))
				m.mode = FB_MODE_ACTIVE;
			else if (str_eq(optarg, "passive"))
				m.mode = FB_MODE_PASSIVE;
			else
				return cli_usage("feedback", _("--mode is active or passive"));
			break;
		case 'a':
			if (!feedback_parse_when(optarg, &m.at, &m.at_secs))
				return cli_error(EXIT_INPUT, _("--at wants a date such as 2024-06-01 or 2024-06-01 14:30, not '%s'"), optarg);
			break;
		default:
			return cli_usage("feedback", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage("feedback", _("expected: feedback add CAMPAIGN --text TEXT"));
	if (str_empty(m.text))
		return cli_usage("feedback", _("--text is required"));
	if (!utf8_valid(m.text, strlen(m.text)))
		return cli_error(EXIT_INPUT, _("the text is not valid UTF-8"));
	if (m.has_rating && !feedback_rating_valid(m.rating, m.rating_scale))
		return cli_error(EXIT_INPUT, _("a rating of %g does not fit the %s scale"), m.rating,
				 m.rating_scale == 10 ? "0-10" : "1-5");
	campaign_row camp;
	int status = find_campaign(ctx, argv[optind], &camp);
	if (status)
		return status;
	char *norm_tags = NULL;
	if (tags) {
		/* "a, b" or "a，b" become one per line */
		strbuf sb = STRBUF_INIT;
		for (const char *p = tags; *p; p++) {
			if (*p == ',' || *p == ';')
				sb_addc(&sb, '\n');
			else if (str_starts(p, "，")) {
				sb_addc(&sb, '\n');
				p += 2;
			} else
				sb_addc(&sb, *p);
		}
		norm_tags = sb_detach(&sb);
		m.tags = norm_tags;
	}
	feedback_batch *b;
	int64_t id = 0;
	bool added = false;
	enum store_rc rc = store_feedback_batch_begin(ctx->st, camp.id, "cli", &b);
	if (rc == STORE_OK) {
		rc = store_feedback_batch_add(b, &m, &added, &id);
		if (rc == STORE_OK) {
			char what[64];
			snprintf(what, sizeof what, "feedback add #%lld", (long long)id);
			rc = store_feedback_batch_commit(b, added ? what : NULL);
		} else {
			store_feedback_batch_abort(b);
		}
	}
	free(norm_tags);
	campaign_row_free(&camp);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	if (added)
		printf("%lld\n", (long long)id);
	else
		fprintf(stderr, "%s", _("warroom: the same message is already there; nothing added\n"));
	return EXIT_OK;
}

/* ---- list, stats ------------------------------------------------------------- */

enum { OPT_SEARCH = 256, OPT_TYPE, OPT_TAG, OPT_CHANNEL, OPT_SENT, OPT_STATUS, OPT_SINCE,
       OPT_UNTIL, OPT_LIMIT, OPT_FORMAT, OPT_FILTER, OPT_UNREAD, OPT_READ, OPT_OWNER };

static const struct option filter_opts[] = {
	{"search", required_argument, NULL, OPT_SEARCH},
	{"type", required_argument, NULL, OPT_TYPE},
	{"tag", required_argument, NULL, OPT_TAG},
	{"channel", required_argument, NULL, OPT_CHANNEL},
	{"sentiment", required_argument, NULL, OPT_SENT},
	{"status", required_argument, NULL, OPT_STATUS},
	{"since", required_argument, NULL, OPT_SINCE},
	{"until", required_argument, NULL, OPT_UNTIL},
	{"limit", required_argument, NULL, OPT_LIMIT},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"filter", required_argument, NULL, OPT_FILTER},
	{"unread", no_argument, NULL, OPT_UNREAD},
	{"read", no_argument, NULL, OPT_READ},
	{"owner", required_argument, NULL, OPT_OWNER},
	{0, 0, 0, 0},
};

typedef struct list_args {
	feedback_filter_text ft; /* from --filter, then options on top */
	long limit;               /* -1: all */
	int fmt;
	const char *campaign;
} list_args;

/* Options shared by list and stats. Returns -1 when fine, else a status. */
static int parse_filter_args(const char *cmd, int argc, char **argv, list_args *a)
{
	memset(a, 0, sizeof *a);
	feedback_filter_init(&a->ft.f);
	a->limit = -1;
	a->fmt = OUT_TABLE;
	int c;
	optind = 0;
	opterr = 0;
	feedback_filter *f = &a->ft.f;
	while ((c = getopt_long(argc, argv, "", filter_opts, NULL)) != -1) {
		switch (c) {
		case OPT_FILTER: {
			char err[200];
			feedback_filter_text t;
			if (!feedback_filter_parse(optarg, &t, err, sizeof err))
				return cli_usage(cmd, "%s", err);
			feedback_filter_text_free(&a->ft);
			a->ft = t;
			f = &a->ft.f;
			break;
		}
		case OPT_SEARCH:
			free(a->ft.search);
			a->ft.search = xstrdup(optarg);
			break;
		case OPT_TAG:
			free(a->ft.tag);
			a->ft.tag = xstrdup(optarg);
			break;
		case OPT_CHANNEL:
			free(a->ft.channel);
			a->ft.channel = xstrdup(optarg);
			break;
		case OPT_OWNER:
			free(a->ft.owner);
			a->ft.owner = xstrdup(optarg);
			break;
		case OPT_TYPE:
			if ((f->type = feedback_type_parse(optarg)) < 0)
				return cli_usage(cmd, _("unknown type '%s': expected product, service, rules, brand or none"), optarg);
			break;
		case OPT_SENT:
			if ((f->sentiment = feedback_sentiment_parse(optarg)) == FB_SENTIMENT_BAD)
				return cli_usage(cmd, _("unknown sentiment '%s': expected negative, neutral or positive"), optarg);
			break;
		case OPT_STATUS:
			if ((f->status = feedback_status_parse(optarg)) < 0)
				return cli_usage(cmd, _("unknown status '%s': expected new, triaged, actioned or closed"), optarg);
			break;
		case OPT_SINCE:
		case OPT_UNTIL: {
			wr_date d;
			if (!date_parse(optarg, &d))
				return cli_usage(cmd, _("--%s wants a date as YYYY-MM-DD"), c == OPT_SINCE ? "since" : "until");
			if (c == OPT_SINCE)
				f->since = d;
			else
				f->until = d;
			break;
		}
		case OPT_UNREAD:
			f->is_read = 0;
			break;
		case OPT_READ:
			f->is_read = 1;
			break;
		case OPT_LIMIT: {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || v < 0)
				return cli_usage(cmd, _("--limit wants a number"));
			a->limit = v;
			break;
		}
		case OPT_FORMAT:
			if ((a->fmt = cli_parse_format(cmd, optarg)) < 0)
				return EXIT_USAGE;
			break;
		default:
			return cli_usage(cmd, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	f->search = a->ft.search;
	f->tag = a->ft.tag;
	f->channel = a->ft.channel;
	f->owner = a->ft.owner;
	if (optind + 1 != argc)
		return cli_usage(cmd, _("expected one campaign id"));
	a->campaign = argv[optind];
	return -1;
}

static char *joined_tags(const char *tags)
{
	if (!tags)
		return NULL;
	strbuf sb = STRBUF_INIT;
	for (const char *p = tags; *p; p++) {
		if (*p == '\n')
			sb_adds(&sb, ", ");
		else
			sb_addc(&sb, *p);
	}
	return sb_detach(&sb);
}

static int feedback_list(cli_ctx *ctx, int argc, char **argv)
{
	list_args a;
	int status = parse_filter_args("feedback", argc, argv, &a);
	if (status >= 0) {
		feedback_filter_text_free(&a.ft);
		return status;
	}
	campaign_row camp;
	if ((status = find_campaign(ctx, a.campaign, &camp)) != 0) {
		feedback_filter_text_free(&a.ft);
		return status;
	}
	/* TRANSLATORS: a table's column headers; --format tsv and json keep the English names. */
	static const char *const names[] = {NC_("column", "id"), NC_("column", "at"),
					    NC_("column", "channel"), NC_("column", "mode"),
					    NC_("column", "type"), NC_("column", "sentiment"),
					    NC_("column", "rating"), NC_("column", "scale"),
					    NC_("column", "tags"), NC_("column", "status"),
					    NC_("column", "read"), NC_("column", "owner"),
					    NC_("column", "customer"), NC_("column", "text"),
					    NC_("column", "task"), NC_("column", "risk"),
					    NC_("column", "problem")};
	static const enum col_kind kinds[] = {COL_INT, COL_TEXT, COL_TEXT, COL_TEXT, COL_TEXT,
					      COL_TEXT, COL_NUM, COL_INT, COL_TEXT, COL_TEXT,
					      COL_BOOL, COL_TEXT, COL_TEXT, COL_TEXT, COL_TEXT,
					      COL_INT, COL_INT};
	out_table t;
	out_init(&t, ARRAY_LEN(names), names, kinds);
	bool table = a.fmt == OUT_TABLE;
	int64_t before = 0;
	size_t printed = 0;
	enum store_rc rc = STORE_OK;
	feedback_row page[500];
	for (;;) {
		size_t want = ARRAY_LEN(page);
		if (a.limit >= 0 && (size_t)a.limit - printed < want)
			want = (size_t)a.limit - printed;
		if (want == 0)
			break;
		size_t got = 0;
		rc = store_feedback_page(ctx->st, camp.id, &a.ft.f, before, want, page, &got);
		if (rc != STORE_OK || got == 0)
			break;
		for (size_t i = 0; i < got; i++) {
			feedback_row *r = &page[i];
			char id[24], rating[32], scale[8], risk[24], problem[24];
			snprintf(id, sizeof id, "%lld", (long long)r->id);
			snprintf(rating, sizeof rating, "%g", r->rating);
			snprintf(scale, sizeof scale, "%d", r->rating_scale);
			snprintf(risk, sizeof risk, "%lld", (long long)r->risk_id);
			snprintf(problem, sizeof problem, "%lld", (long long)r->problem_id);
			char *tags = joined_tags(r->tags);
			/* The table speaks the user's language; TSV and JSON keep
			 * the English names that scripts and filters use. */
			const char *mode = feedback_mode_name(r->mode);
			const char *type = r->type ? feedback_type_name(r->type) : NULL;
			const char *sentiment = feedback_sentiment_name(r->sentiment);
			const char *fstatus = feedback_status_name(r->status);
			if (table) {
				mode = feedback_mode_label(r->mode);
				type = type ? _(type) : NULL;
				sentiment = _(sentiment);
				fstatus = _(fstatus);
			}
			const char *cells[] = {
				id, r->at, r->channel, mode, type, sentiment,
				r->has_rating ? rating : NULL, r->has_rating ? scale : NULL, tags, fstatus,
				r->is_read ? (table ? _("yes") : "true") : (table ? "" : "false"), r->owner,
				r->customer, r->text, r->task_key, r->risk_id ? risk : NULL,
				r->problem_id ? problem : NULL};
			out_row(&t, cells);
			free(tags);
		}
		printed += got;
		before = page[got - 1].id;
		feedback_rows_free(page, got);
		if (got < want)
			break;
	}
	if (rc == STORE_OK)
		out_print(&t, (enum out_format)a.fmt, stdout);
	out_free(&t);
	campaign_row_free(&camp);
	feedback_filter_text_free(&a.ft);
	return rc == STORE_OK ? EXIT_OK : cli_store_fail(ctx, rc);
}

static int feedback_stats_cmd(cli_ctx *ctx, int argc, char **argv)
{
	list_args a;
	int status = parse_filter_args("feedback", argc, argv, &a);
	if (status >= 0) {
		feedback_filter_text_free(&a.ft);
		return status;
	}
	campaign_row camp;
	if ((status = find_campaign(ctx, a.campaign, &camp)) != 0) {
		feedback_filter_text_free(&a.ft);
		return status;
	}
	feedback_stats st;
	enum store_rc rc = store_feedback_stats(ctx->st, camp.id, &a.ft.f, &st);
	campaign_row_free(&camp);
	feedback_filter_text_free(&a.ft);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	/* TRANSLATORS: a table's column headers; --format tsv and json keep the English names. */
	static const char *const names[] = {NC_("column", "figure"), NC_("column", "count"),
					    NC_("column", "value")};
	static const enum col_kind kinds[] = {COL_TEXT, COL_INT, COL_NUM};
	out_table t;
	out_init(&t, 3, names, kinds);
	char n[32], v[32], human[160];
	/* The table names each figure in the user's language (in English, its
	 * key); TSV and JSON keep the keys (type:product, tag:快递) that
	 * scripts read. */
	bool table = a.fmt == OUT_TABLE;
#define ROW(key, label, count, value, has)                                                         \
	do {                                                                                       \
		snprintf(n, sizeof n, "%zu", (size_t)(count));                                     \
		snprintf(v, sizeof v, "%.4g", (double)(value));                                    \
		const char *cells_[] = {table ? (label) : (key), n, (has) ? v : NULL};             \
		out_row(&t, cells_);                                                               \
	} while (0)
	/* TRANSLATORS: rows of `feedback stats`: all messages, unread ones. */
	ROW("total", C_("feedback figure", "total"), st.total, 0, false);
	ROW("unread", C_("feedback figure", "unread"), st.unread, 0, false);
	for (int i = 0; i < 5; i++) {
		const char *name = i ? feedback_type_name((enum feedback_type)i) : "none";
		char key[32];
		snprintf(key, sizeof key, "type:%s", name);
		/* TRANSLATORS: a row of `feedback stats`: messages of one type. */
		snprintf(human, sizeof human, _("type:%s"), _(name));
		ROW(key, human, st.by_type[i], 0, false);
	}
	static const char *const sent[] = {"negative", "neutral", "positive"};
	for (int i = 0; i < 3; i++) {
		char key[32];
		snprintf(key, sizeof key, "sentiment:%s", sent[i]);
		snprintf(human, sizeof human, _("sentiment:%s"), _(sent[i]));
		ROW(key, human, st.by_sentiment[i], 0, false);
	}
	for (int i = 0; i < 4; i++) {
		const char *name = feedback_status_name((enum feedback_status)i);
		char key[32];
		snprintf(key, sizeof key, "status:%s", name);
		snprintf(human, sizeof human, _("status:%s"), _(name));
		ROW(key, human, st.by_status[i], 0, false);
	}
	for (int i = 0; i < 2; i++) {
		enum feedback_mode m = i ? FB_MODE_ACTIVE : FB_MODE_PASSIVE;
		char key[32];
		snprintf(key, sizeof key, "mode:%s", feedback_mode_name(m));
		snprintf(human, sizeof human, _("mode:%s"), feedback_mode_label(m));
		ROW(key, human, st.by_mode[i], 0, false);
	}
	/* TRANSLATORS: rows of `feedback stats`: NPS answers (0-10) and the
	 * Net Promoter Score, then who promotes (9-10), is passive (7-8) or
	 * detracts (0-6); ratings out of 5 and the satisfied share (4-5). */
	ROW("nps", C_("feedback figure", "nps"), st.nps_answers, st.nps, st.has_nps);
	ROW("nps:promoters", C_("feedback figure", "nps:promoters"), st.promoters, 0, false);
	ROW("nps:passives", C_("feedback figure", "nps:passives"), st.passives, 0, false);
	ROW("nps:detractors", C_("feedback figure", "nps:detractors"), st.detractors, 0, false);
	ROW("satisfaction", C_("feedback figure", "satisfaction"), st.rated_5, st.satisfaction,
	    st.has_satisfaction);
	ROW("satisfaction:satisfied", C_("feedback figure", "satisfaction:satisfied"), st.satisfied,
	    0, false);
	for (size_t i = 0; i < st.n_tags; i++) {
		char *key = xasprintf("tag:%s", st.tags[i].tag);
		/* TRANSLATORS: a row of `feedback stats`: a keyword tag's mentions. */
		char *label = xasprintf(_("tag:%s"), st.tags[i].tag);
		ROW(key, label, st.tags[i].count, st.tags[i].rate, st.total > 0);
		free(label);
		free(key);
	}
#undef ROW
	out_print(&t, (enum out_format)a.fmt, stdout);
	out_free(&t);
	feedback_stats_free(&st);
	return EXIT_OK;
}

/* ---- set, problem --------------------------------------------------------------- */

static bool parse_ids(const char *s, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	size_t cap = 0;
	while (*s) {
		if (*s == '#')
			s++;
		char *end;
		errno = 0;
		long long v = strtoll(s, &end, 10);
		if (end == s || v <= 0 || errno)
			return false;
		*ids = xgrow(*ids, &cap, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = v;
		s = end;
		if (*s == ',')
			s++;
		else if (*s)
			return false;
	}
	return *n > 0;
}

/* The messages must belong to the campaign named on the command line. */
static int check_ids(cli_ctx *ctx, int64_t cid, const int64_t *ids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		feedback_row r;
		enum store_rc rc = store_feedback_get(ctx->st, ids[i], &r);
		bool mine = rc == STORE_OK && r.campaign_id == cid;
		if (rc == STORE_OK)
			feedback_row_free(&r);
		if (!mine)
			return cli_error(EXIT_INPUT, _("no feedback message %lld in this campaign (see 'warroom feedback list')"),
					 (long long)ids[i]);
	}
	return EXIT_OK;
}

static int feedback_set(cli_ctx *ctx, int argc, char **argv)
{
	/* feedback set CAMPAIGN ID[,ID...] FIELD VALUE */
	if (argc != 5)
		return cli_usage("feedback", _("expected: feedback set CAMPAIGN ID[,ID...] FIELD VALUE"));
	int field = feedback_field_from(argv[3]);
	if (field < 0)
		return cli_usage("feedback", _("unknown field '%s': expected read, type, tags, sentiment, owner, status, task or risk"), argv[3]);
	int64_t *ids;
	size_t n;
	if (!parse_ids(argv[2], &ids, &n)) {
		free(ids);
		return cli_usage("feedback", _("'%s' is not a message id (or ids separated by commas)"), argv[2]);
	}
	campaign_row camp;
	memset(&camp, 0, sizeof camp);
	int status = find_campaign(ctx, argv[1], &camp);
	if (status == 0)
		status = check_ids(ctx, camp.id, ids, n);
	if (status == 0) {
		enum store_rc rc = store_feedback_set(ctx->st, ids, n, -1, (enum feedback_field)field, argv[4]);
		status = cli_store_fail(ctx, rc);
	}
	campaign_row_free(&camp);
	free(ids);
	return status;
}

static int feedback_problem(cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage("feedback", _("expected: feedback problem CAMPAIGN ID"));
	int64_t *ids;
	size_t n;
	if (!parse_ids(argv[2], &ids, &n) || n != 1) {
		free(ids);
		return cli_usage("feedback", _("'%s' is not a message id"), argv[2]);
	}
	campaign_row camp;
	memset(&camp, 0, sizeof camp);
	int status = find_campaign(ctx, argv[1], &camp);
	if (status == 0)
		status = check_ids(ctx, camp.id, ids, 1);
	campaign_row_free(&camp);
	if (status == 0) {
		int64_t pid;
		enum store_rc rc = store_feedback_to_problem(ctx->st, ids[0], &pid);
		if (rc == STORE_OK)
			/* TRANSLATORS: the review problem a feedback message became. */
			printf(_("problem #%lld\n"), (long long)pid);
		status = cli_store_fail(ctx, rc);
	}
	free(ids);
	return status;
}

int cmd_feedback(cli_ctx *ctx, int argc, char **argv)
{
	static const char *const subs = "add, import, list, set, problem or stats";
	if (argc < 2)
		return cli_usage("feedback", _("expected a subcommand: %s"), subs);
	const char *sub = argv[1];
	if (strcmp(sub, "add") == 0)
		return feedback_add(ctx, argc - 1, argv + 1);
	if (strcmp(sub, "import") == 0)
		return feedback_import(ctx, argc - 1, argv + 1);
	if (strcmp(sub, "list") == 0)
		return feedback_list(ctx, argc - 1, argv + 1);
	if (strcmp(sub, "stats") == 0)
		return feedback_stats_cmd(ctx, argc - 1, argv + 1);
	if (strcmp(sub, "set") == 0)
		return feedback_set(ctx, argc - 1, argv + 1);
	if (strcmp(sub, "problem") == 0)
		return feedback_problem(ctx, argc - 1, argv + 1);
	return cli_usage("feedback", _("unknown subcommand '%s': expected %s"), sub, subs);
}
