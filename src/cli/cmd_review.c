/* The review (复盘) from the command line, for scripts, cron and tests:
 *
 *   review CAMPAIGN [show] [--format text|json]
 *   review CAMPAIGN set overview (--text T | --file F) [--if-version N]
 *   review CAMPAIGN set note METRIC (--text T | --file F) [--if-version N]
 *   review CAMPAIGN add highlight|problem|lesson --FIELD VALUE...
 *   review CAMPAIGN edit highlight|problem|lesson ID --FIELD VALUE... [--if-version N]
 *   review CAMPAIGN delete highlight|problem|lesson ID [--if-version N]
 *   review CAMPAIGN collect feedback|risk ID
 *   review CAMPAIGN final | reopen [--if-version N]
 *   review CAMPAIGN plan [--format table|tsv|json]
 *   lessons [TEXT...] [--category C] [--format table|tsv|json]
 *
 * Without --if-version a save checks against the version it just read;
 * with it, against the version a script read earlier, so two scripts (or
 * a script and an operator) cannot overwrite each other. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/cli.h"
#include "warroom/i18n.h"
#include "warroom/store_review.h"
#include "warroom/text.h"

#define MAX_ASSIGN 32

typedef struct rv_args {
	const char *format;
	int64_t if_version; /* -1: none */
	review_assign a[MAX_ASSIGN];
	size_t n;
	char *owned[MAX_ASSIGN]; /* values read from files */
	size_t n_owned;
} rv_args;

static void args_free(rv_args *r)
{
	for (size_t i = 0; i < r->n_owned; i++)
		free(r->owned[i]);
}

/* Text of a file ("-" for standard input) with one final newline dropped. */
static char *read_text(const char *path)
{
	size_t n;
	char *t = read_file_all(str_eq(path, "-") ? "/dev/stdin" : path, 1u << 20, &n);
	if (!t)
		return NULL;
	if (n && t[n - 1] == '\n')
		t[--n] = '\0';
	if (n && t[n - 1] == '\r')
		t[--n] = '\0';
	return t;
}

static bool parse_int64(const char *s, int64_t *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || v < 0)
		return false;
	*out = v;
	return true;
}

/* Parses --FIELD VALUE (or --FIELD=VALUE) pairs of entity `e`, and the
 * common --format, --if-version, --text and --file options. `text_field`
 * is the field --text / --file set (NULL: not allowed). */
static int parse_opts(const char *cmd, int argc, char **argv, int i, int e,
		      const char *text_field, rv_args *r)
{
	memset(r, 0, sizeof *r);
	r->if_version = -1;
	for (; i < argc; i++) {
		const char *arg = argv[i];
		if (!str_starts(arg, "--") || !arg[2])
			return cli_usage(cmd, _("unexpected argument '%s'"), arg);
		char name[64];
		const char *eq = strchr(arg, '=');
		size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
		if (len >= sizeof name)
			return cli_usage(cmd, _("unknown option '%s'"), arg);
		memcpy(name, arg + 2, len);
		name[len] = '\0';
		char typed[64]; /* for messages: the option as the operator wrote it */
		memcpy(typed, name, len + 1);
		for (char *p = name; *p; p++)
			if (*p == '-')
				*p = '_';
		const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!value)
			return cli_usage(cmd, _("option '--%s' needs a value"), typed);
		if (str_eq(name, "format")) {
			r->format = value;
		} else if (str_eq(name, "if_version")) {
			if (!parse_int64(value, &r->if_version))
				return cli_usage(cmd, _("--if-version wants a number, not '%s'"), value);
		} else if (text_field && (str_eq(name, "text") || str_eq(name, "file"))) {
			if (str_eq(name, "file")) {
				char *t = read_text(value);
				if (!t)
					return cli_error(EXIT_INPUT, _("%s: cannot read: %s"), value, strerror(errno));
				r->owned[r->n_owned++] = t;
				value = t;
			}
			if (r->n >= MAX_ASSIGN)
				return cli_usage(cmd, _("too many fields"));
			r->a[r->n++] = (review_assign){text_field, value};
		} else {
			if (str_eq(name, "standardization"))
				str_copy(name, sizeof name, "standardisation");
			const review_field *f = e >= 0 ? review_field_find((enum review_entity)e, name) : NULL;
			if (!f) {
				size_t nf;
				const review_field *all = e >= 0 ? review_fields((enum review_entity)e, &nf) : NULL;
				strbuf sb = STRBUF_INIT;
				for (size_t k = 0; all && k < nf; k++)
					sb_printf(&sb, "%s--%s", k ? ", " : "", all[k].name);
				int st = cli_usage(cmd, _("unknown option '--%s'%s%s"), typed,
						   sb.len ? _("; fields: ") : "", sb_str(&sb));
				sb_free(&sb);
				return st;
			}
			if (r->n >= MAX_ASSIGN)
				return cli_usage(cmd, _("too many fields"));
			r->a[r->n++] = (review_assign){f->name, value};
		}
	}
	return EXIT_OK;
}

/* ---- show ---------------------------------------------------------------- */

static void json_field(strbuf *sb, const char *key, const char *v, bool comma)
{
	if (comma)
		sb_adds(sb, ", ");
	json_escape(sb, key);
	sb_adds(sb, ": ");
	if (v)
		json_escape(sb, v);
	else
		sb_adds(sb, "null");
}

static void json_meta(strbuf *sb, int64_t id, int64_t version, const char *by, const char *at)
{
	sb_printf(sb, "\"id\": %lld, \"version\": %lld", (long long)id, (long long)version);
	json_field(sb, "updated_by", by, true);
	json_field(sb, "updated_at", at, true);
}

static void json_fields(strbuf *sb, enum review_entity e, const void *row)
{
	size_t nf;
	const review_field *f = review_fields(e, &nf);
	for (size_t k = 0; k < nf; k++)
		json_field(sb, f[k].name, review_field_get(row, &f[k]), true);
}

static char *review_json(const campaign_row *c, const review_data *r)
{
	strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "{");
	json_field(&sb, "campaign", c->key, false);
	json_field(&sb, "name", c->name, true);
	sb_printf(&sb, ", \"version\": %lld, \"final\": %s", (long long)r->head.version,
		  r->head.is_final ? "true" : "false");
	json_field(&sb, "updated_by", r->head.updated_by, true);
	json_field(&sb, "updated_at", r->head.updated_at, true);
	json_field(&sb, "overview", r->head.overview, true);
	sb_adds(&sb, ",\n \"notes\": [");
	for (size_t i = 0; i < r->n_notes; i++) {
		const review_note *n = &r->notes[i];
		sb_adds(&sb, i ? ",\n  {" : "\n  {");
		sb_printf(&sb, "\"metric_id\": %lld, \"version\": %lld", (long long)n->metric_id,
			  (long long)n->version);
		json_field(&sb, "metric", n->metric_key, true);
		json_field(&sb, "metric_name", n->metric_name, true);
		json_field(&sb, "note", n->note, true);
		json_field(&sb, "updated_by", n->updated_by, true);
		json_field(&sb, "updated_at", n->updated_at, true);
		sb_adds(&sb, "}");
	}
	sb_adds(&sb, "],\n \"highlights\": [");
	for (size_t i = 0; i < r->n_highlights; i++) {
		const highlight_row *h = &r->highlights[i];
		sb_adds(&sb, i ? ",\n  {" : "\n  {");
		json_meta(&sb, h->id, h->version, h->updated_by, h->updated_at);
		json_fields(&sb, RV_HIGHLIGHT, h);
		sb_adds(&sb, "}");
	}
	sb_adds(&sb, "],\n \"problems\": [");
	for (size_t i = 0; i < r->n_problems; i++) {
		const problem_row *p = &r->problems[i];
		sb_adds(&sb, i ? ",\n  {" : "\n  {");
		json_meta(&sb, p->id, p->version, p->updated_by, p->updated_at);
		json_fields(&sb, RV_PROBLEM, p);
		if (p->feedback_id)
			sb_printf(&sb, ", \"feedback_id\": %lld", (long long)p->feedback_id);
		else
			sb_adds(&sb, ", \"feedback_id\": null");
		if (p->risk_id)
			sb_printf(&sb, ", \"risk_id\": %lld", (long long)p->risk_id);
		else
			sb_adds(&sb, ", \"risk_id\": null");
		sb_adds(&sb, "}");
	}
	sb_adds(&sb, "],\n \"lessons\": [");
	for (size_t i = 0; i < r->n_lessons; i++) {
		const lesson_row *l = &r->lessons[i];
		sb_adds(&sb, i ? ",\n  {" : "\n  {");
		json_meta(&sb, l->id, l->version, l->updated_by, l->updated_at);
		json_fields(&sb, RV_LESSON, l);
		sb_adds(&sb, "}");
	}
	sb_adds(&sb, "]}\n");
	return sb_detach(&sb);
}

/* Adds "label: value" lines, the value sanitised and indented. */
static void text_line(strbuf *sb, const char *indent, const char *label, const char *v)
{
	if (str_empty(v))
		return;
	char *clean = text_sanitize_n(v, strlen(v), true);
	sb_adds(sb, indent);
	/* TRANSLATORS: a field's label in `review show`, before its text. */
	sb_printf(sb, _("%s: "), label);
	for (const char *p = clean; *p; p++) {
		sb_addc(sb, *p);
		if (*p == '\n' && p[1])
			sb_printf(sb, "%s  ", indent);
	}
	sb_addc(sb, '\n');
	free(clean);
}

static void text_record(strbuf *sb, enum review_entity e, int64_t id, int64_t version,
			const void *row)
{
	sb_printf(sb, _("  #%lld (version %lld)\n"), (long long)id, (long long)version);
	size_t nf;
	const review_field *f = review_fields(e, &nf);
	for (size_t k = 0; k < nf; k++) {
		const char *v = review_field_get(row, &f[k]);
		/* impact, status and category are shown in the user's language */
		if (v && (f[k].kind == RVV_IMPACT || f[k].kind == RVV_STATUS || f[k].kind == RVV_CATEGORY))
			v = i18n_context("review", v);
		text_line(sb, "    ", _(f[k].label), v);
	}
}

static char *review_text(const campaign_row *c, const review_data *r)
{
	strbuf sb = STRBUF_INIT;
	char *key = text_sanitize(c->key), *name = text_sanitize(c->name);
	/* TRANSLATORS: the first line of `review show`: the campaign's key and
	 * name, "final" or "draft", the review's version. */
	sb_printf(&sb, _("Review of %s (%s): %s, version %lld"), key, name,
		  r->head.is_final ? C_("review", "final") : C_("review", "draft"),
		  (long long)r->head.version);
	if (r->head.updated_by) {
		char *by = text_sanitize(r->head.updated_by), *at = text_sanitize(r->head.updated_at);
		sb_printf(&sb, _(", last changed by %s at %s"), by, at);
		free(by);
		free(at);
	}
	sb_adds(&sb, "\n");
	free(key);
	free(name);
	text_line(&sb, "", _("Overview"), r->head.overview);
	sb_adds(&sb, _("Metric notes:\n"));
	for (size_t i = 0; i < r->n_notes; i++) {
		const review_note *n = &r->notes[i];
		char *k = text_sanitize(n->metric_key);
		char *label = xasprintf(_("  %s (version %lld)"), k, (long long)n->version);
		if (n->note)
			text_line(&sb, "", label, n->note);
		free(label);
		free(k);
	}
	sb_printf(&sb, _("Highlights: %zu\n"), r->n_highlights);
	for (size_t i = 0; i < r->n_highlights; i++)
		text_record(&sb, RV_HIGHLIGHT, r->highlights[i].id, r->highlights[i].version,
			    &r->highlights[i]);
	sb_printf(&sb, _("Problems: %zu\n"), r->n_problems);
	for (size_t i = 0; i < r->n_problems; i++)
		text_record(&sb, RV_PROBLEM, r->problems[i].id, r->problems[i].version, &r->problems[i]);
	sb_printf(&sb, _("Lessons: %zu\n"), r->n_lessons);
	for (size_t i = 0; i < r->n_lessons; i++)
		text_record(&sb, RV_LESSON, r->lessons[i].id, r->lessons[i].version, &r->lessons[i]);
	return sb_detach(&sb);
}

static int show(cli_ctx *ctx, const campaign_row *c, int argc, char **argv, int i)
{
	rv_args a;
	int st = parse_opts("review", argc, argv, i, -1, NULL, &a);
	if (st)
		return st;
	if (a.format && !str_eq(a.format, "text") && !str_eq(a.format, "json"))
		return cli_usage("review", _("show --format is text or json, not '%s'"), a.format);
	review_data r;
	enum store_rc rc = store_review_load(ctx->st, c->id, &r);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	char *out = str_eq(a.format, "json") ? review_json(c, &r) : review_text(c, &r);
	st = cli_write_output(NULL, out, strlen(out));
	free(out);
	review_data_free(&r);
	return st;
}

static int plan(cli_ctx *ctx, const campaign_row *c, int argc, char **argv, int i)
{
	rv_args a;
	int st = parse_opts("review", argc, argv, i, -1, NULL, &a);
	if (st)
		return st;
	int fmt = OUT_TABLE;
	if (a.format && (fmt = cli_parse_format("review", a.format)) < 0)
		return EXIT_USAGE;
	review_data r;
	enum store_rc rc = store_review_load(ctx->st, c->id, &r);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	/* TRANSLATORS: a table's column headers; --format tsv and json keep the English names. */
	static const char *const names[] = {NC_("column", "id"), NC_("column", "owner"),
					    NC_("column", "deadline"), NC_("column", "overdue"),
					    NC_("column", "status"), NC_("column", "impact"),
					    NC_("column", "action"), NC_("column", "problem")};
	static const enum col_kind kinds[] = {COL_INT, COL_TEXT, COL_TEXT, COL_BOOL,
					      COL_TEXT, COL_TEXT, COL_TEXT, COL_TEXT};
	out_table t;
	out_init(&t, ARRAY_LEN(names), names, kinds);
	size_t n;
	size_t *idx = review_open_actions(&r, &n);
	wr_date today = date_today();
	for (size_t k = 0; k < n; k++) {
		const problem_row *p = &r.problems[idx[k]];
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)p->id);
		bool late = problem_overdue(p, today);
		const char *cells[] = {id, p->owner, p->deadline,
				       fmt == OUT_TABLE ? (late ? _("yes") : "") : (late ? "true" : "false"),
				       fmt == OUT_TABLE ? i18n_context("review", p->status) : p->status,
				       fmt == OUT_TABLE ? i18n_context("review", p->impact) : p->impact,
				       p->action, p->description};
		out_row(&t, cells);
	}
	out_print(&t, (enum out_format)fmt, stdout);
	out_free(&t);
	free(idx);
	review_data_free(&r);
	return EXIT_OK;
}

/* ---- changes ------------------------------------------------------------- */

static int entity_arg(const char *cmd, const char *s, enum review_entity *e)
{
	int v = review_entity_from(s);
	if (v != RV_HIGHLIGHT && v != RV_PROBLEM && v != RV_LESSON)
		return cli_usage(cmd, _("expected highlight, problem or lesson, not '%s'"), s ? s : "");
	*e = (enum review_entity)v;
	return EXIT_OK;
}

static int current_version(cli_ctx *ctx, int64_t cid, enum review_entity e, int64_t id,
			   int64_t *v)
{
	review_data r;
	enum store_rc rc = store_review_load(ctx->st, cid, &r);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	*v = -2;
	if (e == RV_REVIEW)
		*v = r.head.version;
	for (size_t i = 0; i < r.n_notes; i++)
		if (e == RV_NOTE && r.notes[i].metric_id == id)
			*v = r.notes[i].version;
	for (size_t i = 0; i < r.n_highlights; i++)
		if (e == RV_HIGHLIGHT && r.highlights[i].id == id)
			*v = r.highlights[i].version;
	for (size_t i = 0; i < r.n_problems; i++)
		if (e == RV_PROBLEM && r.problems[i].id == id)
			*v = r.problems[i].version;
	for (size_t i = 0; i < r.n_lessons; i++)
		if (e == RV_LESSON && r.lessons[i].id == id)
			*v = r.lessons[i].version;
	review_data_free(&r);
	if (*v == -2)
		return cli_error(EXIT_INPUT, _("no %s #%lld in this review (see 'warroom review CAMPAIGN show')"),
				 review_entity_name(e), (long long)id);
	return EXIT_OK;
}

static int set(cli_ctx *ctx, const campaign_row *c, int argc, char **argv, int i)
{
	if (i >= argc)
		return cli_usage("review", _("expected: set overview | set note METRIC"));
	enum review_entity e = RV_PROBLEM;
	int64_t id;
	if (str_eq(argv[i], "overview")) {
		e = RV_REVIEW;
		id = c->id;
		i++;
	} else if (str_eq(argv[i], "note")) {
		if (i + 1 >= argc)
			return cli_usage("review", _("expected: set note METRIC"));
		review_data r;
		enum store_rc rc = store_review_load(ctx->st, c->id, &r);
		if (rc != STORE_OK)
			return cli_store_fail(ctx, rc);
		id = 0;
		for (size_t k = 0; k < r.n_notes; k++)
			if (str_eq(r.notes[k].metric_key, argv[i + 1]))
				id = r.notes[k].metric_id;
		review_data_free(&r);
		if (!id)
			return cli_error(EXIT_INPUT, _("no metric '%s' in this campaign"), argv[i + 1]);
		e = RV_NOTE;
		i += 2;
	} else {
		return cli_usage("review", _("set what? overview or note METRIC, not '%s'"), argv[i]);
	}
	rv_args a;
	int st = parse_opts("review", argc, argv, i, e, e == RV_REVIEW ? "overview" : "note", &a);
	if (!st && a.n == 0)
		st = cli_usage("review", _("give the text with --text T or --file F (- for standard input)"));
	int64_t v = a.if_version;
	if (!st && v < 0)
		st = current_version(ctx, c->id, e, id, &v);
	if (!st)
		st = cli_store_fail(ctx, store_review_edit(ctx->st, e, id, v, a.a, a.n));
	args_free(&a);
	return st;
}

static int add(cli_ctx *ctx, const campaign_row *c, int argc, char **argv, int i)
{
	enum review_entity e = RV_PROBLEM;
	int st = entity_arg("review", i < argc ? argv[i] : NULL, &e);
	if (st)
		return st;
	rv_args a;
	if ((st = parse_opts("review", argc, argv, i + 1, e, NULL, &a)))
		return st;
	int64_t id = 0;
	enum store_rc rc = store_review_add(ctx->st, e, c->id, a.a, a.n, &id);
	args_free(&a);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	printf("%lld\n", (long long)id);
	return EXIT_OK;
}

static int edit_or_delete(cli_ctx *ctx, const campaign_row *c, int argc, char **argv, int i,
			  bool del)
{
	enum review_entity e = RV_PROBLEM;
	int st = entity_arg("review", i < argc ? argv[i] : NULL, &e);
	if (st)
		return st;
	int64_t id;
	if (i + 1 >= argc || !parse_int64(argv[i + 1], &id))
		return cli_usage("review", _("expected %s %s ID"), del ? "delete" : "edit", argv[i]);
	rv_args a;
	if ((st = parse_opts("review", argc, argv, i + 2, del ? -1 : (int)e, NULL, &a)))
		return st;
	if (!del && a.n == 0)
		st = cli_usage("review", _("nothing to change: give --FIELD VALUE"));
	int64_t v = a.if_version;
	if (!st && v < 0)
		st = current_version(ctx, c->id, e, id, &v);
	if (!st)
		st = cli_store_fail(ctx, del ? store_review_delete(ctx->st, e, id, v)
					     : store_review_edit(ctx->st, e, id, v, a.a, a.n));
	args_free(&a);
	return st;
}

static int collect(cli_ctx *ctx, const campaign_row *c, int argc, char **argv, int i)
{
	int64_t id;
	if (i + 2 != argc || (!str_eq(argv[i], "feedback") && !str_eq(argv[i], "risk")) ||
	    !parse_int64(argv[i + 1], &id))
		return cli_usage("review", _("expected: collect feedback ID | collect risk ID"));
	WR_UNUSED(c);
	int64_t pid = 0;
	enum store_rc rc = str_eq(argv[i], "feedback") ? store_problem_from_feedback(ctx->st, id, &pid)
						      : store_problem_from_risk(ctx->st, id, &pid);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	printf("%lld\n", (long long)pid);
	return EXIT_OK;
}

static int finalise(cli_ctx *ctx, const campaign_row *c, int argc, char **argv, int i, bool final)
{
	rv_args a;
	int st = parse_opts("review", argc, argv, i, -1, NULL, &a);
	if (st)
		return st;
	int64_t v = a.if_version;
	if (v < 0 && (st = current_version(ctx, c->id, RV_REVIEW, c->id, &v)))
		return st;
	return cli_store_fail(ctx, store_review_set_final(ctx->st, c->id, v, final));
}

int cmd_review(cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2 || str_starts(argv[1], "-"))
		return cli_usage("review", _("expected a campaign id"));
	const char *verb = argc > 2 && !str_starts(argv[2], "-") ? argv[2] : "show";
	int i = argc > 2 && !str_starts(argv[2], "-") ? 3 : 2;
	static const char *const verbs[] = {"show", "set", "add", "edit", "delete", "collect",
					    "final", "reopen", "plan"};
	bool known = false;
	for (size_t k = 0; k < ARRAY_LEN(verbs); k++)
		known |= str_eq(verb, verbs[k]);
	if (!known)
		return cli_usage("review", _("unknown action '%s'"), verb);
	campaign_row c;
	int st = cli_campaign(ctx, argv[1], &c);
	if (st)
		return st;
	if (str_eq(verb, "show"))
		st = show(ctx, &c, argc, argv, i);
	else if (str_eq(verb, "plan"))
		st = plan(ctx, &c, argc, argv, i);
	else if (str_eq(verb, "set"))
		st = set(ctx, &c, argc, argv, i);
	else if (str_eq(verb, "add"))
		st = add(ctx, &c, argc, argv, i);
	else if (str_eq(verb, "edit"))
		st = edit_or_delete(ctx, &c, argc, argv, i, false);
	else if (str_eq(verb, "delete"))
		st = edit_or_delete(ctx, &c, argc, argv, i, true);
	else if (str_eq(verb, "collect"))
		st = collect(ctx, &c, argc, argv, i);
	else
		st = finalise(ctx, &c, argc, argv, i, str_eq(verb, "final"));
	campaign_row_free(&c);
	return st;
}

int cmd_lessons(cli_ctx *ctx, int argc, char **argv)
{
	const char *category = NULL, *format = NULL;
	strlist terms = {0};
	int st = EXIT_OK;
	for (int i = 1; i < argc && !st; i++) {
		if (str_eq(argv[i], "--category") || str_eq(argv[i], "--format")) {
			if (i + 1 >= argc)
				st = cli_usage("lessons", _("option '%s' needs a value"), argv[i]);
			else if (str_eq(argv[i], "--category"))
				category = argv[++i];
			else
				format = argv[++i];
		} else if (str_starts(argv[i], "--category=")) {
			category = argv[i] + 11;
		} else if (str_starts(argv[i], "--format=")) {
			format = argv[i] + 9;
		} else if (str_starts(argv[i], "-") && argv[i][1]) {
			st = cli_usage("lessons", _("unknown option '%s'"), argv[i]);
		} else {
			sl_push(&terms, argv[i]);
		}
	}
	int fmt = OUT_TABLE;
	if (!st && format && (fmt = cli_parse_format("lessons", format)) < 0)
		st = EXIT_USAGE;
	store *s = st ? NULL : cli_store(ctx, &st);
	if (!s) {
		sl_free(&terms);
		return st;
	}
	char *text = sl_join(&terms, " ");
	lesson_row *v;
	size_t n;
	enum store_rc rc = store_lesson_search(s, text, category, &v, &n);
	free(text);
	sl_free(&terms);
	if (rc != STORE_OK)
		return cli_store_fail(ctx, rc);
	/* TRANSLATORS: a table's column headers; --format tsv and json keep the English names. */
	static const char *const names[] = {NC_("column", "id"), NC_("column", "campaign"),
					    NC_("column", "category"), NC_("column", "lesson"),
					    NC_("column", "applies_to"),
					    NC_("column", "standardise_as"),
					    NC_("column", "updated_by"),
					    NC_("column", "updated_at")};
	static const enum col_kind kinds[] = {COL_INT, COL_TEXT, COL_TEXT, COL_TEXT,
					      COL_TEXT, COL_TEXT, COL_TEXT, COL_TEXT};
	out_table t;
	out_init(&t, ARRAY_LEN(names), names, kinds);
	for (size_t i = 0; i < n; i++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)v[i].id);
		const char *cat = fmt == OUT_TABLE ? i18n_context("review", v[i].category)
							: v[i].category;
		const char *cells[] = {id, v[i].campaign_key, cat, v[i].content,
				       v[i].scenarios, v[i].standardisation, v[i].updated_by,
				       v[i].updated_at};
		out_row(&t, cells);
	}
	out_print(&t, (enum out_format)fmt, stdout);
	out_free(&t);
	lesson_rows_free(v, n);
	return EXIT_OK;
}
