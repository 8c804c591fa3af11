/* Shell completion, computed by warroom itself so that it always matches
 * the binary: the bash and zsh scripts (data/completion/) only pass the
 * words typed and show what comes back.
 *
 * What a command takes is read from its synopsis and help block, the same
 * text --help prints: options are the --words they mention (with a value
 * when a PLACEHOLDER or a|b|c follows), positions come from the synopsis
 * ("metric record CAMPAIGN METRIC VALUE | import FILE.csv"), refined by
 * help lines that spell out a sub-command ("set note METRIC ..."). A
 * PLACEHOLDER completes from the database (CAMPAIGN, TASK, METRIC), from
 * the file system (FILE, PATH) or from a help line listing its values
 * ("FIELD   status | progress | ..."). */
#include <stdlib.h>
#include <string.h>

#include "warroom/cli_help.h"
#include "warroom/date.h"
#include "warroom/i18n.h"
#include "warroom/store_metric.h"
#include "warroom/text.h"
#include "warroom/theme.h"
#include "warroom/util.h"

#define MAX_SLOTS 16

typedef struct slot {
	char *text;   /* "CAMPAIGN" or "show|plan|set"; "" for a free "..." */
	bool literal; /* a word typed as it is (alternatives split by |) */
	bool repeat;  /* "FILE...", "...": takes every remaining word */
} slot;

typedef struct form {
	slot v[MAX_SLOTS];
	size_t n;
} form;

typedef struct opt {
	char *name;   /* "--format", "-o" */
	bool value;   /* takes a value */
	char *values; /* "table|tsv|json", or NULL */
	char *arg;    /* the placeholder named after it: "FILE", "DATE"... */
	const char *desc;
} opt;

typedef struct grammar {
	form *forms;
	size_t nforms, capf;
	opt *opts;
	size_t nopts, capo;
	strlist pv; /* pairs: placeholder, "a|b|c" */
	help_items items;  /* as written (the grammar is read from these) */
	help_items shown;  /* as translated (descriptions are taken from these) */
} grammar;

typedef struct cands {
	strlist words, descs;
	bool files;
	const char *prefix; /* what the word under the cursor starts with */
	const char *lead;   /* "--format=" when completing an option's value inline */
} cands;

static void add(cands *c, const char *word, const char *desc)
{
	if (str_empty(word) || !str_starts(word, c->prefix))
		return;
	for (const char *p = word; *p; p++)
		if (*p == ' ' || *p == '\t' || *p == '\n')
			return;
	if (sl_contains(&c->words, word))
		return;
	sl_push(&c->words, word);
	sl_push(&c->descs, desc ? desc : "");
}

/* Adds each of "a|b|c". */
static void add_alts(cands *c, const char *alts, const char *desc)
{
	char *copy = xstrdup(alts);
	for (char *save = NULL, *w = strtok_r(copy, "|", &save); w; w = strtok_r(NULL, "|", &save)) {
		char *full = xasprintf("%s%s", c->lead, w);
		add(c, full, desc);
		free(full);
	}
	free(copy);
}

static bool alt_has(const char *alts, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = alts; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, word, n) == 0)
			return true;
		p += len + (bar ? 1 : 0);
	}
	return false;
}

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

/* "DATE", "FILE.csv", "V...", "YYYY-MM-DD": a placeholder for a value. */
static bool is_placeholder(const char *t)
{
	return is_upper(t[0]) && (t[1] == '\0' || is_upper(t[1]) || t[1] == '.');
}

/* "table|tsv|json": a choice among words. */
static bool is_alternatives(const char *t)
{
	return is_lower(t[0]) && strchr(t, '|') && !strchr(t, ' ');
}

/* Splits on spaces at depth 0; [ ... ] and ( ... ) stay one token. */
static void tokenize(const char *s, strlist *out)
{
	const char *p = s;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *start = p;
		int depth = 0;
		while (*p && (depth > 0 || *p != ' ')) {
			if (*p == '[' || *p == '(')
				depth++;
			else if ((*p == ']' || *p == ')') && depth > 0)
				depth--;
			p++;
		}
		char *tok = xstrndup(start, (size_t)(p - start));
		sl_push(out, tok);
		free(tok);
	}
}

static opt *opt_find(grammar *g, const char *name, size_t len)
{
	for (size_t i = 0; i < g->nopts; i++)
		if (strlen(g->opts[i].name) == len && strncmp(g->opts[i].name, name, len) == 0)
			return &g->opts[i];
	return NULL;
}

static opt *opt_add(grammar *g, const char *name)
{
	opt *o = opt_find(g, name, strlen(name));
	if (o)
		return o;
	g->opts = xgrow(g->opts, &g->capo, g->nopts + 1, sizeof *g->opts);
	o = &g->opts[g->nopts++];
	memset(o, 0, sizeof *o);
	o->name = xstrdup(name);
	return o;
}

/* Collects the options a text mentions, with what follows each. */
static void scan_options(grammar *g, const char *text, bool all_take_values, const char *desc)
{
	strlist toks = {0};
	char *flat = xstrdup(text);
	for (char *p = flat; *p; p++)
		if (strchr("[]()", *p))
			*p = ' ';
	tokenize(flat, &toks);
	free(flat);
	for (size_t i = 0; i < toks.n; i++) {
		char *t = toks.v[i];
		size_t len = strlen(t);
		char *orig = xstrdup(t);
		while (len && (t[len - 1] == ',' || t[len - 1] == ';'))
			t[--len] = '\0';
		/* "-o, --output FILE": -o takes what --output takes. */
		bool synonym = orig[len] == ',' && i + 1 < toks.n && toks.v[i + 1][0] == '-';
		free(orig);
		size_t dashes = t[0] == '-' ? (t[1] == '-' ? 2 : 1) : 0;
		if (!dashes || !is_lower(t[dashes]))
			continue;
		bool plain = true;
		for (const char *p = t + dashes; *p; p++)
			plain = plain && (is_lower(*p) || (*p >= '0' && *p <= '9') || *p == '-');
		if (!plain)
			continue;
		opt *o = opt_add(g, t);
		if (desc && !o->desc)
			o->desc = desc;
		size_t ni = i + (synonym ? 2 : 1);
		const char *next = ni < toks.n ? toks.v[ni] : "";
		if (is_alternatives(next)) {
			o->value = true;
			if (!o->values) {
				o->values = xstrdup(next);
			} else if (!alt_has(o->values, next)) {
				char *more = xasprintf("%s|%s", o->values, next);
				free(o->values);
				o->values = more;
			}
		} else if (is_placeholder(next)) {
			o->value = true;
			if (!o->arg)
				o->arg = xstrndup(next, strcspn(next, ".,"));
		} else if (all_take_values) {
			o->value = true;
		}
		/* "--why1 ... --why5" names the three in between too. */
		size_t d = strlen(t);
		if (strcmp(next, "...") == 0 && i + 2 < toks.n && d > 0 && t[d - 1] >= '0' && t[d - 1] <= '9' &&
		    strncmp(toks.v[i + 2], t, d - 1) == 0) {
			int from = t[d - 1] - '0', to = atoi(toks.v[i + 2] + d - 1);
			for (int k = from + 1; k < to && k < 10; k++) {
				char *mid = xasprintf("%.*s%d", (int)(d - 1), t, k);
				opt *m = opt_add(g, mid);
				m->value = o->value;
				m->desc = o->desc;
				free(mid);
			}
		}
	}
	sl_free(&toks);
}

/* Appends the positions of `toks` [from, end) to f; stops after a
 * repeating slot, or at the first option when `stop_at_option`. */
static void parse_slots(grammar *g, form *f, const strlist *toks, size_t from, bool stop_at_option)
{
	for (size_t i = from; i < toks->n && f->n < MAX_SLOTS; i++) {
		const char *t = toks->v[i];
		if (t[0] == '(')
			continue;
		if (t[0] == '-' && t[1]) {
			if (stop_at_option)
				return;
			/* Its value is not a position. */
			const char *next = i + 1 < toks->n ? toks->v[i + 1] : "";
			opt *o = opt_find(g, t, strcspn(t, "="));
			if ((!o || o->value) && !strchr(t, '=') && (is_placeholder(next) || is_alternatives(next)))
				i++;
			continue;
		}
		char *inner = NULL;
		if (t[0] == '[') {
			size_t len = strlen(t);
			inner = xstrndup(t + 1, len > 1 && t[len - 1] == ']' ? len - 2 : len - 1);
			if (inner[0] == '-' || inner[0] == '\0') {
				free(inner);
				continue;
			}
			strlist in = {0};
			tokenize(inner, &in);
			free(inner);
			inner = xstrdup(in.n ? in.v[0] : "");
			sl_free(&in);
			t = inner;
		}
		slot *s = &f->v[f->n++];
		size_t len = strlen(t);
		s->repeat = len >= 3 && strcmp(t + len - 3, "...") == 0;
		s->text = xstrndup(t, s->repeat ? len - 3 : len);
		s->literal = is_lower(s->text[0]);
		free(inner);
		if (s->repeat)
			return;
	}
}

static form *form_new(grammar *g)
{
	g->forms = xgrow(g->forms, &g->capf, g->nforms + 1, sizeof *g->forms);
	form *f = &g->forms[g->nforms++];
	memset(f, 0, sizeof *f);
	return f;
}

static void form_copy_prefix(form *dst, const form *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		dst->v[i] = src->v[i];
		dst->v[i].text = xstrdup(src->v[i].text);
	}
	dst->n = n;
}

/* A help line such as "set note METRIC (--text T | --file F)" or "final,
 * reopen" spells out what follows a sub-command the synopsis only lists. */
static void add_subforms(grammar *g, const help_item *it, size_t nforms)
{
	if (it->prose || !is_lower(it->term[0]))
		return;
	strlist toks = {0};
	tokenize(it->term, &toks);
	/* "edit, delete": alternatives written as a list. */
	strbuf alts = STRBUF_INIT;
	size_t i = 0;
	for (; i < toks.n; i++) {
		char *t = toks.v[i];
		size_t len = strlen(t);
		bool more = len && t[len - 1] == ',';
		if (more)
			t[len - 1] = '\0';
		if (alts.len)
			sb_addc(&alts, '|');
		sb_adds(&alts, t);
		if (!more) {
			i++;
			break;
		}
	}
	for (size_t fi = 0; fi < nforms; fi++) {
		for (size_t k = 0; k < g->forms[fi].n; k++) {
			const slot *s = &g->forms[fi].v[k];
			bool open_end = k + 1 == g->forms[fi].n ||
					(g->forms[fi].v[k + 1].repeat && !*g->forms[fi].v[k + 1].text);
			if (!s->literal || !open_end || !strchr(s->text, '|'))
				continue;
			bool all = true;
			char *copy = xstrdup(sb_str(&alts));
			for (char *save = NULL, *w = strtok_r(copy, "|", &save); w; w = strtok_r(NULL, "|", &save))
				all = all && alt_has(s->text, w);
			free(copy);
			if (!all)
				continue;
			form *nf = form_new(g);
			form_copy_prefix(nf, &g->forms[fi], k);
			nf->v[nf->n].text = xstrdup(sb_str(&alts));
			nf->v[nf->n].literal = true;
			nf->v[nf->n].repeat = false;
			nf->n++;
			parse_slots(g, nf, &toks, i, true);
		}
	}
	sb_free(&alts);
	sl_free(&toks);
}

/* "FIELD   status | progress | problem": the values of a placeholder. */
static void add_placeholder_values(grammar *g, const help_item *it)
{
	if (!is_placeholder(it->term) || strchr(it->term, ' ') || !strstr(it->desc, " | "))
		return;
	strbuf v = STRBUF_INIT;
	for (const char *p = it->desc; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p != '|' && !is_lower(*p) && *p != '-' && !(*p >= '0' && *p <= '9')) {
			sb_free(&v);
			return;
		}
		sb_addc(&v, *p);
	}
	sl_push(&g->pv, it->term);
	sl_push(&g->pv, sb_str(&v));
	sb_free(&v);
}

/* "--category C   strategy, execution, resources or tools": the values
 * of an option whose help starts by listing them. */
static void desc_values(grammar *g, const help_item *it)
{
	if (it->term[0] != '-')
		return;
	strlist toks = {0};
	tokenize(it->term, &toks);
	opt *o = NULL;
	for (size_t i = 0; i < toks.n; i++)
		if (toks.v[i][0] == '-')
			o = opt_find(g, toks.v[i], strcspn(toks.v[i], ","));
	sl_free(&toks);
	if (!o || !o->value || o->values)
		return;
	strbuf v = STRBUF_INIT;
	const char *p = it->desc;
	bool last = false;
	while (*p) {
		size_t n = 0;
		while (is_lower(p[n]) || p[n] == '-')
			n++;
		if (n == 0)
			break;
		if (v.len)
			sb_addc(&v, '|');
		sb_add(&v, p, n);
		p += n;
		if (str_starts(p, " (default)"))
			p += strlen(" (default)");
		if (last)
			break;
		if (str_starts(p, ", "))
			p += 2;
		else if (str_starts(p, " or ")) {
			p += 4;
			last = true;
		} else
			break;
	}
	if (last && strchr(sb_str(&v), '|'))
		o->values = sb_detach(&v);
	sb_free(&v);
}

static void grammar_build(grammar *g, const char *name, const char *synopsis, const char *help)
{
	memset(g, 0, sizeof *g);
	help_parse(help, &g->items);
	bool fields = false;
	for (size_t i = 0; i < g->items.n; i++) {
		const help_item *it = &g->items.v[i];
		if (it->prose)
			continue;
		/* "problem fields  --description --impact ...": each takes a value. */
		size_t tl = strlen(it->term);
		fields = tl > 7 && strcmp(it->term + tl - 7, " fields") == 0;
		scan_options(g, it->term, false, it->term[0] == '-' ? it->desc : NULL);
		desc_values(g, it);
		scan_options(g, it->desc, fields, NULL);
	}
	/* Descriptions in the user's language: the translated block names the
	 * same options in its terms. */
	help_parse(_(help), &g->shown);
	for (size_t i = 0; i < g->shown.n; i++) {
		const help_item *it = &g->shown.v[i];
		if (it->term[0] != '-')
			continue;
		strlist toks = {0};
		tokenize(it->term, &toks);
		for (size_t k = 0; k < toks.n; k++) {
			opt *o = opt_find(g, toks.v[k], strcspn(toks.v[k], ","));
			if (o)
				o->desc = it->desc;
		}
		sl_free(&toks);
	}
	if (!synopsis)
		return; /* the global options: no positions of their own */
	scan_options(g, synopsis, false, NULL);
	opt_add(g, "--help")->desc = _("show this help");

	strlist toks = {0};
	tokenize(synopsis, &toks);
	size_t start = 0;
	for (size_t i = 0; i <= toks.n; i++) {
		if (i < toks.n && strcmp(toks.v[i], "|") != 0)
			continue;
		strlist alt = {0};
		for (size_t k = start; k < i; k++)
			if (k > start || !name || strcmp(toks.v[k], name) != 0)
				sl_push(&alt, toks.v[k]);
		parse_slots(g, form_new(g), &alt, 0, false);
		sl_free(&alt);
		start = i + 1;
	}
	sl_free(&toks);
	size_t from_synopsis = g->nforms;
	for (size_t i = 0; i < g->items.n; i++) {
		add_subforms(g, &g->items.v[i], from_synopsis);
		add_placeholder_values(g, &g->items.v[i]);
	}
}

static void grammar_free(grammar *g)
{
	for (size_t i = 0; i < g->nforms; i++)
		for (size_t k = 0; k < g->forms[i].n; k++)
			free(g->forms[i].v[k].text);
	free(g->forms);
	for (size_t i = 0; i < g->nopts; i++) {
		free(g->opts[i].name);
		free(g->opts[i].values);
		free(g->opts[i].arg);
	}
	free(g->opts);
	sl_free(&g->pv);
	help_items_free(&g->items);
	help_items_free(&g->shown);
}

/* ---- values from the database and the file system --------------------- */

typedef struct env {
	cli_ctx ctx;
	bool tried;
	store *st;
} env;

static store *open_store(env *e)
{
	if (!e->tried) {
		e->tried = true;
		/* Never wait long for a busy database while the user is typing. */
		setenv("WARROOM_BUSY_TIMEOUT", "300", 1);
		e->ctx.read_only = true;
		int status = 0;
		e->st = cli_store(&e->ctx, &status);
	}
	return e->st;
}

static void add_campaigns(env *e, cands *c)
{
	store *s = open_store(e);
	campaign_list l = {0};
	if (!s || store_campaign_list(s, &l) != STORE_OK)
		return;
	for (size_t i = 0; i < l.n; i++) {
		char *key = text_sanitize(l.v[i].key), *name = text_sanitize(l.v[i].name);
		char *full = xasprintf("%s%s", c->lead, key);
		add(c, full, name);
		free(full);
		free(key);
		free(name);
	}
	campaign_list_free(&l);
}

static void add_tasks(env *e, cands *c, const char *campaign)
{
	store *s = open_store(e);
	campaign_row cr = {0};
	if (!s || !campaign || store_campaign_get(s, campaign, &cr) != STORE_OK)
		return;
	task_filter f = {.today = date_today()};
	task_row rows[200];
	size_t n = 0;
	if (store_task_window(s, cr.id, &f, 0, ARRAY_LEN(rows), rows, &n) == STORE_OK) {
		for (size_t i = 0; i < n; i++) {
			char *key = text_sanitize(rows[i].key), *name = text_sanitize(rows[i].name);
			add(c, key, name);
			free(key);
			free(name);
			task_row_free(&rows[i]);
		}
	}
	campaign_row_free(&cr);
}

static void add_metrics(env *e, cands *c, const char *campaign)
{
	store *s = open_store(e);
	campaign_row cr = {0};
	if (!s || !campaign || store_campaign_get(s, campaign, &cr) != STORE_OK)
		return;
	metric_view v = {0};
	if (store_metric_view(s, cr.id, date_today(), &v) == STORE_OK) {
		for (size_t i = 0; i < v.cur.n; i++) {
			char *key = text_sanitize(v.cur.defs[i].key), *name = text_sanitize(v.cur.defs[i].name);
			add(c, key, name);
			free(key);
			free(name);
		}
		metric_view_free(&v);
	}
	campaign_row_free(&cr);
}

static void add_themes(cands *c)
{
	strlist names = {0};
	theme_names(&names);
	for (size_t i = 0; i < names.n; i++) {
		char *full = xasprintf("%s%s", c->lead, names.v[i]);
		add(c, full, NULL);
		free(full);
	}
	sl_free(&names);
	c->files = true; /* a theme may also be a file */
}

static bool is_file_arg(const char *arg)
{
	return str_starts(arg, "FILE") || str_eq(arg, "PATH") || str_eq(arg, "DIR");
}

/* Values of an option, by what it is called and what its text says. */
static void add_option_values(env *e, cands *c, const opt *o)
{
	if (o->values)
		add_alts(c, o->values, NULL);
	else if (str_eq(o->name, "--theme"))
		add_themes(c);
	else if (str_eq(o->name, "--campaign") || str_eq(o->arg, "CAMPAIGN"))
		add_campaigns(e, c);
	else if (is_file_arg(o->arg ? o->arg : "") || str_eq(o->name, "--db") ||
		 str_eq(o->name, "--file") || str_eq(o->name, "--output") || str_eq(o->name, "-o"))
		c->files = true;
}

static const slot *slot_at(const form *f, size_t k)
{
	if (k < f->n)
		return &f->v[k];
	if (f->n && f->v[f->n - 1].repeat)
		return &f->v[f->n - 1];
	return NULL;
}

static void add_positional(env *e, cands *c, grammar *g, const strlist *pos)
{
	for (size_t fi = 0; fi < g->nforms; fi++) {
		const form *f = &g->forms[fi];
		bool match = true;
		const char *campaign = NULL;
		for (size_t k = 0; k < pos->n && match; k++) {
			const slot *s = slot_at(f, k);
			if (!s)
				match = false;
			else if (s->literal && !alt_has(s->text, pos->v[k]))
				match = false;
			else if (str_eq(s->text, "CAMPAIGN") || (k == 0 && str_eq(s->text, "ID")))
				campaign = pos->v[k];
		}
		const slot *s = match ? slot_at(f, pos->n) : NULL;
		if (!s)
			continue;
		if (s->literal) {
			add_alts(c, s->text, NULL);
			continue;
		}
		const char *t = s->text;
		if (str_eq(t, "CAMPAIGN") || (pos->n == 0 && str_eq(t, "ID")))
			add_campaigns(e, c);
		else if (str_eq(t, "TASK"))
			add_tasks(e, c, campaign);
		else if (str_eq(t, "METRIC"))
			add_metrics(e, c, campaign);
		else if (is_file_arg(t))
			c->files = true;
		for (size_t i = 0; i + 1 < g->pv.n; i += 2)
			if (str_eq(g->pv.v[i], t))
				add_alts(c, g->pv.v[i + 1], NULL);
	}
}

static void add_options(cands *c, const grammar *g)
{
	for (size_t i = 0; i < g->nopts; i++)
		add(c, g->opts[i].name, g->opts[i].desc ? g->opts[i].desc : NULL);
}

/* Notes the database the command line names, for campaign ids. */
static void note_db(env *e, const opt *o, const char *value)
{
	if (o && str_eq(o->name, "--db") && value)
		e->ctx.db_path = value;
}

/* Completes the word at `cword` against `g`: words [first, cword) are
 * options (with their values) and positions typed so far. */
static void complete_words(env *e, cands *c, grammar *g, char **words, int first, int cword)
{
	strlist pos = {0};
	bool only_pos = false;
	for (int j = first; j < cword; j++) {
		const char *w = words[j];
		if (!only_pos && strcmp(w, "--") == 0) {
			only_pos = true;
			continue;
		}
		if (!only_pos && w[0] == '-' && w[1]) {
			size_t nl = strcspn(w, "=");
			opt *o = opt_find(g, w, nl);
			if (o && o->value && !w[nl]) {
				if (j + 1 == cword) {
					add_option_values(e, c, o);
					sl_free(&pos);
					return;
				}
				note_db(e, o, words[++j]);
			} else if (w[nl]) {
				note_db(e, o, w + nl + 1);
			}
			continue;
		}
		sl_push(&pos, w);
	}
	const char *cur = c->prefix;
	if (!only_pos && cur[0] == '-') {
		size_t nl = strcspn(cur, "=");
		opt *o = cur[nl] ? opt_find(g, cur, nl) : NULL;
		if (o && o->value) {
			char *lead = xstrndup(cur, nl + 1);
			c->lead = lead;
			add_option_values(e, c, o);
			c->lead = "";
			free(lead);
			c->files = false; /* the shell cannot glue a prefix to file names */
		} else {
			add_options(c, g);
		}
	} else if (g->nforms == 0) {
		/* The global grammar: the next position is the command. */
		for (size_t i = 0; i < cli_n_commands; i++)
			add(c, cli_commands[i].name, _(cli_commands[i].summary));
	} else {
		add_positional(e, c, g, &pos);
	}
	sl_free(&pos);
}

int cli_complete(int argc, char **argv, FILE *out)
{
	if (argc < 3)
		return EXIT_USAGE;
	int cword = atoi(argv[1]);
	char **words = argv + 2;
	int nwords = argc - 2;
	if (cword < 1 || cword > nwords)
		return EXIT_USAGE;
	env e = {0};
	cands c = {.prefix = cword < nwords ? words[cword] : "", .lead = ""};

	/* Global options, then the command and its words. */
	grammar gg;
	grammar_build(&gg, NULL, NULL, cli_global_help);
	int ci = 1;
	while (ci < cword) {
		const char *w = words[ci];
		if (w[0] != '-' || !w[1] || strcmp(w, "--") == 0)
			break;
		size_t nl = strcspn(w, "=");
		opt *o = opt_find(&gg, w, nl);
		if (o && o->value && !w[nl]) {
			if (ci + 1 == cword)
				break; /* completing this option's value */
			note_db(&e, o, words[ci + 1]);
			ci += 2;
		} else {
			note_db(&e, o, w[nl] ? w + nl + 1 : NULL);
			ci++;
		}
	}
	const char *command = NULL;
	if (ci < cword && strcmp(words[ci], "--") == 0)
		ci++;
	else if (ci < cword && words[ci][0] == '-')
		complete_words(&e, &c, &gg, words, ci, cword); /* that option's value */
	if (ci < cword && words[ci][0] != '-')
		command = words[ci];
	else if (ci == cword)
		complete_words(&e, &c, &gg, words, cword, cword); /* an option or the command */
	const cli_command *cmd = command ? cli_find(command) : NULL;
	if (cmd) {
		grammar g;
		grammar_build(&g, cmd->name, cmd->synopsis, cmd->help);
		complete_words(&e, &c, &g, words, ci + 1, cword);
		grammar_free(&g);
	}
	grammar_free(&gg);

	if (c.files)
		fputs(":files\n", out);
	for (size_t i = 0; i < c.words.n; i++) {
		char *d = text_sanitize(c.descs.v[i]);
		fprintf(out, "%s%s%s\n", c.words.v[i], *d ? "\t" : "", d);
		free(d);
	}
	sl_free(&c.words);
	sl_free(&c.descs);
	if (e.st)
		store_close(e.st);
	return EXIT_OK;
}
