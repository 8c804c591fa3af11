/* warroom feedback import: exports from review platforms, social listening
 * and ticket systems, and from Chinese Excel (GBK "CSV", UTF-16 "Unicode
 * text"). A header row names the columns; every row is checked before
 * anything is written and each bad one is named as FILE:LINE; then all
 * rows go in as one transaction, and a message already there is skipped. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedback_cli.h"
#include "warroom/cli.h"
#include "warroom/csv.h"
#include "warroom/feedback.h"
#include "warroom/i18n.h"
#include "warroom/store_feedback.h"
#include "warroom/text.h"

/* ---- import ----------------------------------------------------------------- */

enum col_field {
	CF_IGNORE = 0, CF_AT, CF_CHANNEL, CF_TYPE, CF_TEXT, CF_RATING, CF_CUSTOMER, CF_CAMPAIGN,
	CF_TAGS, CF_SENTIMENT, CF_N
};

static const char *const field_names[CF_N] = {"-", "at", "channel", "type", "text", "rating",
					      "customer", "campaign", "tags", "sentiment"};

/* Header names seen in exports, matched after trimming and ASCII lower case. */
static const struct {
	enum col_field f;
	const char *names[16];
} header_aliases[] = {
	{CF_AT, {"at", "date", "time", "datetime", "created", "created_at", "timestamp", "日期",
		 "时间", "日期时间", "创建时间", "评价时间", "反馈时间", "提交时间", "评论时间", NULL}},
	{CF_CHANNEL, {"channel", "source", "platform", "渠道", "来源", "平台", "反馈渠道", NULL}},
	{CF_TYPE, {"type", "category", "类型", "反馈类型", "分类", NULL}},
	{CF_TEXT, {"text", "content", "comment", "review", "feedback", "message", "body", "内容",
		   "评价内容", "反馈内容", "评论", "评论内容", "评价", "留言", "意见", "问题描述"}},
	{CF_RATING, {"rating", "score", "stars", "star", "nps", "评分", "分数", "星级", "打分",
		     "满意度", "推荐度", NULL}},
	{CF_CUSTOMER, {"customer", "user", "author", "name", "nickname", "用户", "客户", "昵称",
		       "用户名", "顾客", "买家", NULL}},
	{CF_CAMPAIGN, {"campaign", "campaign_id", "活动", "活动id", NULL}},
	{CF_TAGS, {"tags", "tag", "标签", "关键词", NULL}},
	{CF_SENTIMENT, {"sentiment", "情感", "情绪", "情感倾向", NULL}},
};

static void trim_lower(const char *s, char *out, size_t size)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = 0;
	for (; *s && n + 1 < size; s++)
		out[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		n--;
	out[n] = '\0';
}

static int field_from_name(const char *s)
{
	for (int i = 0; i < CF_N; i++)
		if (str_eq(s, field_names[i]))
			return i;
	if (str_eq(s, "ignore") || str_eq(s, "skip"))
		return CF_IGNORE;
	if (str_eq(s, "date") || str_eq(s, "time") || str_eq(s, "datetime"))
		return CF_AT;
	if (str_eq(s, "content") || str_eq(s, "review"))
		return CF_TEXT;
	if (str_eq(s, "score") || str_eq(s, "stars"))
		return CF_RATING;
	if (str_eq(s, "user"))
		return CF_CUSTOMER;
	return -1;
}

typedef struct import_opts {
	const char *path, *shown; /* shown: the name used in messages */
	const char *campaign, *map, *channel;
	csv_options csv;
	int scale;
	bool has_at;
	wr_date at;
	int at_secs;
	bool dry_run;
} import_opts;

typedef struct import_run {
	import_opts *o;
	int *col;         /* field of each column */
	size_t ncol;
	int where[CF_N];  /* column of each field, -1 */
	size_t errors;
	int scale;        /* resolved for the file */
	/* campaigns seen, with their batches during the writing pass */
	struct camp_slot {
		char *key;
		int64_t id;
		feedback_batch *b;
	} *camps;
	size_t n_camps;
} import_run;

#define MAX_REPORTED 100

static void row_error(import_run *ir, long line, const char *fmt, ...) WR_PRINTF(3, 4);
static void row_error(import_run *ir, long line, const char *fmt, ...)
{
	ir->errors++;
	if (ir->errors > MAX_REPORTED)
		return;
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	char *msg = text_sanitize(sb_str(&sb));
	char *file = text_sanitize(ir->o->shown);
	fprintf(stderr, "%s:%ld: %s\n", file, line, msg);
	free(msg);
	free(file);
	sb_free(&sb);
}

/* Columns from the header row and --map. */
static bool map_header(import_run *ir, char **f, size_t n)
{
	ir->ncol = n;
	ir->col = xcalloc(n ? n : 1, sizeof *ir->col);
	for (int i = 0; i < CF_N; i++)
		ir->where[i] = -1;
	char name[256];
	for (size_t c = 0; c < n; c++) {
		trim_lower(f[c], name, sizeof name);
		ir->col[c] = CF_IGNORE;
		for (size_t a = 0; a < ARRAY_LEN(header_aliases); a++)
			for (size_t k = 0; k < 16 && header_aliases[a].names[k]; k++)
				if (strcmp(name, header_aliases[a].names[k]) == 0)
					ir->col[c] = header_aliases[a].f;
	}
	/* --map column=field,... (column by header name or 1-based number) */
	const char *p = ir->o->map;
	while (p && *p) {
		size_t len = strcspn(p, ",");
		char *item = xstrndup(p, len);
		char *eq = strrchr(item, '=');
		bool ok = eq != NULL;
		if (ok) {
			*eq = '\0';
			char want[256], field[64];
			trim_lower(item, want, sizeof want);
			trim_lower(eq + 1, field, sizeof field);
			int fld = field_from_name(field);
			long num = 0;
			char *end;
			num = strtol(want, &end, 10);
			bool by_num = *want && !*end && num >= 1 && (size_t)num <= n;
			bool found = false;
			for (size_t c = 0; c < n && fld >= 0; c++) {
				trim_lower(f[c], name, sizeof name);
				if ((by_num && (size_t)num == c + 1) || (!by_num && strcmp(name, want) == 0)) {
					ir->col[c] = fld;
					found = true;
				}
			}
			if (fld < 0) {
				row_error(ir, 1, _("--map: unknown field '%s' (expected at, channel, type, text, rating, customer, campaign, tags, sentiment or -)"), field);
			} else if (!found) {
				row_error(ir, 1, _("--map: no column '%s' in the header"), want);
			}
		} else {
			row_error(ir, 1, _("--map wants column=field, not '%s'"), item);
		}
		free(item);
		p += len;
		if (*p == ',')
			p++;
	}
	for (size_t c = 0; c < n; c++) {
		int fld = ir->col[c];
		if (fld == CF_IGNORE)
			continue;
		if (ir->where[fld] >= 0)
			row_error(ir, 1, _("columns %d and %zu are both '%s' (use --map to choose)"),
				  ir->where[fld] + 1, c + 1, field_names[fld]);
		else
			ir->where[fld] = (int)c;
	}
	if (ir->where[CF_TEXT] < 0)
		row_error(ir, 1, _("no text column (a header such as text, content or 评价内容, or --map COLUMN=text)"));
	if (ir->where[CF_AT] < 0 && !ir->o->has_at)
		row_error(ir, 1, _("no date column (a header such as date or 日期, --map COLUMN=at, or --at DATE for every row)"));
	if (ir->where[CF_CAMPAIGN] < 0 && !ir->o->campaign)
		row_error(ir, 1, _("which campaign? give --campaign ID or a campaign column"));
	return ir->errors == 0;
}

static const char *cell(import_run *ir, char **f, size_t n, int field)
{
	int c = ir->where[field];
	if (c < 0 || (size_t)c >= n)
		return NULL;
	return f[c];
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

static struct camp_slot *campaign_slot(cli_ctx *ctx, import_run *ir, const char *key, long line)
{
	for (size_t i = 0; i < ir->n_camps; i++)
		if (str_eq(ir->camps[i].key, key))
			return ir->camps[i].id ? &ir->camps[i] : NULL;
	ir->camps = xrealloc(ir->camps, (ir->n_camps + 1) * sizeof *ir->camps);
	struct camp_slot *sl = &ir->camps[ir->n_camps++];
	memset(sl, 0, sizeof *sl);
	sl->key = xstrdup(key);
	campaign_row r;
	if (store_campaign_get(ctx->st, key, &r) == STORE_OK) {
		sl->id = r.id;
		campaign_row_free(&r);
		return sl;
	}
	row_error(ir, line, _("no campaign '%s' (see 'warroom list')"), key);
	return NULL;
}

/* One record to a message; false (reported) when it is not valid. */
static bool read_record(cli_ctx *ctx, import_run *ir, char **f, size_t n, long line,
			feedback_new *m, struct camp_slot **camp, char **tags)
{
	memset(m, 0, sizeof *m);
	m->type = m->sentiment = m->mode = FB_ANY;
	*tags = NULL;
	bool ok = true;
	if (n > ir->ncol) {
		for (size_t c = ir->ncol; c < n; c++)
			if (!blank(f[c])) {
				row_error(ir, line, _("%zu fields, but the header has %zu"), n, ir->ncol);
				return false;
			}
	}
	const char *v = cell(ir, f, n, CF_TEXT);
	if (blank(v)) {
		row_error(ir, line, _("no text"));
		ok = false;
	}
	m->text = v;
	v = cell(ir, f, n, CF_AT);
	if (ir->where[CF_AT] < 0 || blank(v)) {
		if (ir->o->has_at) {
			m->at = ir->o->at;
			m->at_secs = ir->o->at_secs;
		} else {
			row_error(ir, line, _("no date"));
			ok = false;
		}
	} else if (!feedback_parse_when(v, &m->at, &m->at_secs)) {
		row_error(ir, line, _("'%s' is not a date (2024-06-01, 2024/6/1 14:30, 2024年6月1日)"), v);
		ok = false;
	}
	v = cell(ir, f, n, CF_CHANNEL);
	m->channel = blank(v) ? ir->o->channel : v;
	m->customer = blank(v = cell(ir, f, n, CF_CUSTOMER)) ? NULL : v;
	v = cell(ir, f, n, CF_TYPE);
	if (!blank(v) && (m->type = feedback_type_parse(v)) < 0) {
		row_error(ir, line, _("unknown type '%s' (product, service, rules, brand, or 产品 服务 规则 品牌)"), v);
		ok = false;
	}
	v = cell(ir, f, n, CF_SENTIMENT);
	if (!blank(v) && (m->sentiment = feedback_sentiment_parse(v)) == FB_SENTIMENT_BAD) {
		row_error(ir, line, _("unknown sentiment '%s' (positive, neutral, negative)"), v);
		ok = false;
	}
	v = cell(ir, f, n, CF_RATING);
	if (!blank(v)) {
		int scale = 0;
		if (!feedback_rating_parse(v, &m->rating, &scale)) {
			row_error(ir, line, _("'%s' is not a rating (4, 4.5, 4/5, 9/10, 5星)"), v);
			ok = false;
		} else {
			m->has_rating = true;
			m->rating_scale = scale ? scale : ir->scale;
			if (!feedback_rating_valid(m->rating, m->rating_scale)) {
				row_error(ir, line, _("a rating of %s does not fit the %s scale"), v,
					  m->rating_scale == 10 ? "0-10" : "1-5");
				ok = false;
			}
		}
	}
	v = cell(ir, f, n, CF_TAGS);
	if (!blank(v)) {
		strbuf sb = STRBUF_INIT;
		for (const char *p = v; *p; p++) {
			if (*p == ',' || *p == ';' || *p == '|')
				sb_addc(&sb, '\n');
			else if (str_starts(p, "，")) {
				sb_addc(&sb, '\n');
				p += 2;
			} else
				sb_addc(&sb, *p);
		}
		*tags = sb_detach(&sb);
		m->tags = *tags;
	}
	v = cell(ir, f, n, CF_CAMPAIGN);
	const char *key = blank(v) ? ir->o->campaign : v;
	if (!key) {
		row_error(ir, line, _("no campaign in this row, and no --campaign"));
		ok = false;
		*camp = NULL;
	} else {
		*camp = campaign_slot(ctx, ir, key, line);
		ok = ok && *camp != NULL;
	}
	if (!ok) {
		free(*tags);
		*tags = NULL;
	}
	return ok;
}

/* Before anything is written, every record is checked and each bad one
 * reported in file order. The same read finds the rating scale when
 * --scale was not given: 0-10 when any rating is 0 or above 5 (an NPS
 * question), else 1-5 stars; until it is known, ratings are checked
 * against 0-10, which holds both. */
static int check_pass(cli_ctx *ctx, import_run *ir)
{
	char err[300];
	csv_reader *r = csv_open(ir->o->path, &ir->o->csv, err, sizeof err);
	if (!r)
		return cli_error(EXIT_INPUT, "%s", err);
	char **f;
	size_t n;
	long line;
	int got = csv_next(r, &f, &n, &line);
	if (got <= 0) {
		if (got < 0)
			row_error(ir, line, "%s", csv_error(r));
		else
			row_error(ir, 1, _("the file is empty"));
		csv_close(r);
		return EXIT_INPUT;
	}
	if (!map_header(ir, f, n)) {
		csv_close(r);
		return EXIT_INPUT;
	}
	bool ten = false;
	int rating_col = ir->where[CF_RATING];
	ir->scale = ir->o->scale ? ir->o->scale : 10;
	while ((got = csv_next(r, &f, &n, &line)) != 0) {
		if (got < 0) {
			row_error(ir, line, "%s", csv_error(r));
			continue;
		}
		if (!ir->o->scale && rating_col >= 0 && (size_t)rating_col < n && !blank(f[rating_col])) {
			double v;
			int sc = 0;
			if (feedback_rating_parse(f[rating_col], &v, &sc) && sc == 0 && (v > 5 || v < 1))
				ten = true;
		}
		feedback_new m;
		struct camp_slot *camp;
		char *tags;
		if (read_record(ctx, ir, f, n, line, &m, &camp, &tags))
			free(tags);
	}
	csv_close(r);
	ir->scale = ir->o->scale ? ir->o->scale : ten ? 10 : 5;
	return ir->errors ? EXIT_INPUT : EXIT_OK;
}

static void abort_batches(import_run *ir)
{
	for (size_t i = 0; i < ir->n_camps; i++) {
		store_feedback_batch_abort(ir->camps[i].b);
		ir->camps[i].b = NULL;
	}
}

/* Pass 2: all records in one transaction. */
static int write_pass(cli_ctx *ctx, import_run *ir)
{
	char err[300];
	csv_reader *r = csv_open(ir->o->path, &ir->o->csv, err, sizeof err);
	if (!r)
		return cli_error(EXIT_INPUT, "%s", err);
	char **f;
	size_t n;
	long line;
	csv_next(r, &f, &n, &line);
	int got;
	enum store_rc rc = STORE_OK;
	while (rc == STORE_OK && (got = csv_next(r, &f, &n, &line)) != 0) {
		if (got < 0)
			continue;
		feedback_new m;
		struct camp_slot *camp;
		char *tags;
		if (!read_record(ctx, ir, f, n, line, &m, &camp, &tags)) {
			rc = STORE_INVALID; /* the file changed under us */
			break;
		}
		if (!camp->b)
			rc = store_feedback_batch_begin(ctx->st, camp->id, "csv", &camp->b);
		if (rc == STORE_OK)
			rc = store_feedback_batch_add(camp->b, &m, NULL, NULL);
		if (rc != STORE_OK && rc != STORE_BUSY && rc != STORE_READONLY)
			row_error(ir, line, "%s", store_error(ctx->st));
		free(tags);
	}
	csv_close(r);
	if (rc != STORE_OK) {
		abort_batches(ir);
		if (rc == STORE_INVALID)
			return EXIT_INPUT;
		return cli_store_fail(ctx, rc);
	}
	for (size_t i = 0; i < ir->n_camps; i++) {
		struct camp_slot *c = &ir->camps[i];
		if (!c->b)
			continue;
		size_t added, skipped;
		store_feedback_batch_counts(c->b, &added, &skipped);
		char *name = text_sanitize(c->key);
		if (ir->o->dry_run) {
			printf(_("%s: would add %zu, %zu already there\n"), name, added, skipped);
		} else {
			char *what = xasprintf("%s", ir->o->shown);
			rc = store_feedback_batch_commit(c->b, what);
			c->b = NULL;
			free(what);
			if (rc != STORE_OK) {
				free(name);
				abort_batches(ir);
				return cli_store_fail(ctx, rc);
			}
			printf(_("%s: %zu added, %zu already there\n"), name, added, skipped);
		}
		free(name);
	}
	if (ir->o->dry_run)
		abort_batches(ir);
	return EXIT_OK;
}

/* Standard input is read twice (check, then write): keep a copy. */
static char *spool_stdin(void)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/warroom-feedback-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	char buf[65536];
	size_t got;
	bool ok = true;
	while (ok && (got = fread(buf, 1, sizeof buf, stdin)) > 0)
		ok = write(fd, buf, got) == (ssize_t)got;
	close(fd);
	if (!ok) {
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

int feedback_import(cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"campaign", required_argument, NULL, 'c'}, {"map", required_argument, NULL, 'm'},
		{"encoding", required_argument, NULL, 'e'}, {"delimiter", required_argument, NULL, 'd'},
		{"scale", required_argument, NULL, 'S'},    {"channel", required_argument, NULL, 'h'},
		{"at", required_argument, NULL, 'a'},       {"dry-run", no_argument, NULL, 'n'},
		{0, 0, 0, 0},
	};
	import_opts o;
	memset(&o, 0, sizeof o);
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': o.campaign = optarg; break;
		case 'm': o.map = optarg; break;
		case 'h': o.channel = optarg; break;
		case 'n': o.dry_run = true; break;
		case 'e':
			if (str_eq(optarg, "auto"))
				o.csv.encoding = CSV_ENC_AUTO;
			else if (str_eq(optarg, "utf-8") || str_eq(optarg, "utf8") || str_eq(optarg, "UTF-8"))
				o.csv.encoding = CSV_ENC_UTF8;
			else if (str_eq(optarg, "gbk") || str_eq(optarg, "GBK") || str_eq(optarg, "gb18030"))
				o.csv.encoding = CSV_ENC_GBK;
			else if (str_eq(optarg, "utf-16") || str_eq(optarg, "utf16") || str_eq(optarg, "UTF-16"))
				o.csv.encoding = CSV_ENC_UTF16;
			else
				return cli_usage("feedback", _("--encoding is auto, utf-8, gbk or utf-16"));
			break;
		case 'd':
			if (str_eq(optarg, "tab") || str_eq(optarg, "\\t"))
				o.csv.delimiter = '\t';
			else if (strlen(optarg) == 1 && optarg[0] != '"' && optarg[0] != '\n' && optarg[0] != '\r')
				o.csv.delimiter = optarg[0];
			else
				return cli_usage("feedback", _("--delimiter is one character such as ';' or 'tab'"));
			break;
		case 'S':
			if (!feedback_parse_scale(optarg, &o.scale))
				return cli_usage("feedback", _("--scale is 5 (1-5 stars) or 10 (0-10)"));
			break;
		case 'a':
			if (!feedback_parse_when(optarg, &o.at, &o.at_secs))
				return cli_error(EXIT_INPUT, _("--at wants a date such as 2024-06-01, not '%s'"), optarg);
			o.has_at = true;
			break;
		default:
			return cli_usage("feedback", _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage("feedback", _("expected: feedback import FILE.csv [--campaign ID]"));
	int status = 0;
	if (!cli_store(ctx, &status))
		return status;
	o.path = o.shown = argv[optind];
	char *spooled = NULL;
	if (str_eq(o.path, "-")) {
		spooled = spool_stdin();
		if (!spooled)
			return cli_error(EXIT_INPUT, _("could not keep a copy of standard input: %s"), strerror(errno));
		o.path = spooled;
		o.shown = "<stdin>";
	}
	import_run ir;
	memset(&ir, 0, sizeof ir);
	ir.o = &o;
	status = check_pass(ctx, &ir);
	if (status == EXIT_OK)
		status = write_pass(ctx, &ir);
	if (ir.errors) {
		if (ir.errors > MAX_REPORTED)
			fprintf(stderr, _("... and %zu more\n"), ir.errors - MAX_REPORTED);
		char *file = text_sanitize(o.shown);
		fprintf(stderr,
			P_("warroom: %s: %zu bad row; nothing was imported\n",
			   "warroom: %s: %zu bad rows; nothing was imported\n", ir.errors),
			file, ir.errors);
		free(file);
		if (status == EXIT_OK)
			status = EXIT_INPUT;
	}
	for (size_t i = 0; i < ir.n_camps; i++)
		free(ir.camps[i].key);
	free(ir.camps);
	free(ir.col);
	if (spooled) {
		unlink(spooled);
		free(spooled);
	}
	return status;
}

