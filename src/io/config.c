/* Settings files: a bounded YAML reader that builds a small tree with line
 * numbers (used by config.yaml and by colour themes), and config.yaml
 * itself. libyaml has no nesting limit and does not reject duplicate keys
 * or aliases; this reader does all three, so a hostile or broken settings
 * file gives one clear file:line message. */
#include "warroom/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "warroom/i18n.h"
#include "warroom/text.h"
#include "warroom/util.h"

#define SETTINGS_MAX_BYTES (1u << 20)
#define SETTINGS_MAX_DEPTH 16
#define SETTINGS_MAX_NODES 20000

typedef struct yreader {
	yaml_parser_t p;
	const char *name;
	const char *buf;
	size_t len;
	char *err;
	size_t errlen;
	int nodes;
	bool failed;
} yreader;

static void yfail(yreader *y, int line, const char *fmt, ...) WR_PRINTF(3, 4);
static void yfail(yreader *y, int line, const char *fmt, ...)
{
	if (y->failed)
		return;
	y->failed = true;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char *name = text_sanitize(y->name);
	snprintf(y->err, y->errlen, "%s:%d: %s", name, line > 0 ? line : 1, msg);
	free(name);
}

/* Line of a byte offset, for reader errors that carry no mark. */
static int line_of_offset(const yreader *y, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off && i < y->len; i++)
		if (y->buf[i] == '\n')
			line++;
	return line;
}

static bool next_event(yreader *y, yaml_event_t *ev)
{
	if (yaml_parser_parse(&y->p, ev))
		return true;
	const char *problem = y->p.problem ? y->p.problem : "malformed YAML";
	int line = y->p.error == YAML_READER_ERROR ? line_of_offset(y, y->p.problem_offset)
						   : (int)y->p.problem_mark.line + 1;
	char *safe = text_sanitize(problem);
	yfail(y, line, "%s", safe);
	free(safe);
	return false;
}

static int ev_line(const yaml_event_t *ev)
{
	return (int)ev->start_mark.line + 1;
}

void ynode_free(ynode *n)
{
	if (!n)
		return;
	free(n->text);
	for (size_t i = 0; i < n->n; i++) {
		if (n->keys)
			free(n->keys[i]);
		ynode_free(n->items[i]);
	}
	free(n->keys);
	free(n->key_lines);
	free(n->items);
	free(n);
}

static ynode *new_node(yreader *y, enum ynode_kind kind, const yaml_event_t *ev)
{
	if (++y->nodes > SETTINGS_MAX_NODES) {
		yfail(y, ev_line(ev), _("too many entries for a settings file"));
		return NULL;
	}
	ynode *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	n->line = ev_line(ev);
	n->col = (int)ev->start_mark.column + 1;
	return n;
}

static ynode *parse_node(yreader *y, yaml_event_t *ev, int depth);

static bool parse_children(yreader *y, ynode *n, int depth)
{
	size_t cap_items = 0, cap_keys = 0, cap_lines = 0;
	for (;;) {
		yaml_event_t ev;
		if (!next_event(y, &ev))
			return false;
		if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return true;
		}
		char *key = NULL;
		int key_line = ev_line(&ev);
		if (n->kind == YN_MAP) {
			if (ev.type != YAML_SCALAR_EVENT) {
				yfail(y, key_line, _("a key must be plain text"));
				yaml_event_delete(&ev);
				return false;
			}
			key = xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
			yaml_event_delete(&ev);
			for (size_t i = 0; i < n->n; i++) {
				if (strcmp(n->keys[i], key) == 0) {
					char *safe = text_sanitize(key);
					yfail(y, key_line, _("'%s' is given twice (first on line %d)"), safe,
					      n->key_lines[i]);
					free(safe);
					free(key);
					return false;
				}
			}
			if (!next_event(y, &ev)) {
				free(key);
				return false;
			}
		}
		ynode *child = parse_node(y, &ev, depth + 1);
		if (!child) {
			free(key);
			return false;
		}
		n->items = xgrow(n->items, &cap_items, n->n + 1, sizeof *n->items);
		if (n->kind == YN_MAP) {
			n->keys = xgrow(n->keys, &cap_keys, n->n + 1, sizeof *n->keys);
			n->key_lines = xgrow(n->key_lines, &cap_lines, n->n + 1, sizeof *n->key_lines);
			n->keys[n->n] = key;
			n->key_lines[n->n] = key_line;
		}
		n->items[n->n++] = child;
	}
}

/* Takes ownership of *ev. */
static ynode *parse_node(yreader *y, yaml_event_t *ev, int depth)
{
	ynode *n = NULL;
	if (depth > SETTINGS_MAX_DEPTH) {
		yfail(y, ev_line(ev), _("nested too deeply for a settings file"));
		yaml_event_delete(ev);
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if ((n = new_node(y, YN_SCALAR, ev)))
			n->text = xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		yaml_event_delete(ev);
		return n;
	case YAML_ALIAS_EVENT:
		yfail(y, ev_line(ev), _("aliases (*name) are not allowed in settings files"));
		yaml_event_delete(ev);
		return NULL;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		n = new_node(y, ev->type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP, ev);
		yaml_event_delete(ev);
		if (!n)
			return NULL;
		if (!parse_children(y, n, depth)) {
			ynode_free(n);
			return NULL;
		}
		return n;
	default:
		yfail(y, ev_line(ev), _("unexpected YAML structure"));
		yaml_event_delete(ev);
		return NULL;
	}
}

ynode *settings_yaml_parse(const char *name, const char *buf, size_t len, char *err, size_t errlen)
{
	yreader y = {.name = name, .buf = buf, .len = len, .err = err, .errlen = errlen};
	if (errlen)
		err[0] = '\0';
	if (len > SETTINGS_MAX_BYTES) {
		yfail(&y, 1, _("too large for a settings file (over 1 MiB)"));
		return NULL;
	}
	if (!yaml_parser_initialize(&y.p)) {
		yfail(&y, 1, _("out of memory"));
		return NULL;
	}
	yaml_parser_set_input_string(&y.p, (const unsigned char *)buf, len);
	ynode *root = NULL;
	yaml_event_t ev;
	bool ok = next_event(&y, &ev); /* stream start */
	if (ok) {
		yaml_event_delete(&ev);
		ok = next_event(&y, &ev);
	}
	if (ok && ev.type == YAML_STREAM_END_EVENT) {
		/* Empty or only comments: no settings. */
		yaml_event_delete(&ev);
		root = xcalloc(1, sizeof *root);
		root->kind = YN_MAP;
		root->line = 1;
	} else if (ok) {
		yaml_event_delete(&ev); /* document start */
		ok = next_event(&y, &ev);
		if (ok)
			root = parse_node(&y, &ev, 0);
		if (root && next_event(&y, &ev)) { /* document end */
			yaml_event_delete(&ev);
			if (next_event(&y, &ev)) {
				if (ev.type != YAML_STREAM_END_EVENT)
					yfail(&y, ev_line(&ev), _("only one YAML document is allowed"));
				yaml_event_delete(&ev);
			}
		}
		if (root && root->kind == YN_SCALAR && str_empty(root->text) && !y.failed) {
			root->kind = YN_MAP; /* "---" alone */
			free(root->text);
			root->text = NULL;
		}
	}
	yaml_parser_delete(&y.p);
	if (y.failed) {
		ynode_free(root);
		return NULL;
	}
	return root;
}

ynode *settings_yaml_load(const char *path, char *err, size_t errlen)
{
	size_t len;
	char *buf = read_file_all(path, SETTINGS_MAX_BYTES, &len);
	if (!buf) {
		char *safe = text_sanitize(path);
		snprintf(err, errlen, "%s: %s", safe,
			 errno == EFBIG ? _("too large for a settings file") : strerror(errno));
		free(safe);
		return NULL;
	}
	ynode *n = settings_yaml_parse(path, buf, len, err, errlen);
	free(buf);
	return n;
}

const ynode *ynode_get(const ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->items[i];
	return NULL;
}

/* ---- config.yaml -------------------------------------------------------- */

char *config_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (!str_empty(xdg) && xdg[0] == '/')
		return xasprintf("%s/warroom/config.yaml", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.config/warroom/config.yaml", str_empty(home) ? "." : home);
}

static char *expand_home(const char *v)
{
	const char *home = getenv("HOME");
	if (v[0] == '~' && (v[1] == '/' || v[1] == '\0') && !str_empty(home))
		return xasprintf("%s%s", home, v + 1);
	return xstrdup(v);
}

/* A strftime pattern made of date conversions only. */
static bool date_format_ok(const char *f, char *why, size_t n)
{
	if (str_empty(f) || strlen(f) > 32) {
		snprintf(why, n, _("date_format must be 1 to 32 characters"));
		return false;
	}
	for (const char *p = f; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			snprintf(why, n, _("date_format has a control character"));
			return false;
		}
		if (*p != '%')
			continue;
		p++;
		if (!*p || !strchr("YymdebBaAjuwF%", *p)) {
			snprintf(why, n, _("date_format: '%%%c' is not a date conversion (use %%Y %%m %%d %%b %%a...)"),
				 *p ? *p : '?');
			return false;
		}
	}
	return true;
}

/* "text, ansi, html", or some of them, separated by commas or spaces. */
static bool snapshot_formats_ok(const char *v, char *why, size_t n)
{
	char *copy = xstrdup(v);
	bool ok = true, any = false;
	for (char *save = NULL, *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
		any = true;
		if (strcmp(w, "text") != 0 && strcmp(w, "ansi") != 0 && strcmp(w, "html") != 0) {
			char *sw = text_sanitize(w);
			snprintf(why, n, _("snapshot_formats: '%s' is not text, ansi or html"), sw);
			free(sw);
			ok = false;
			break;
		}
	}
	free(copy);
	if (ok && !any) {
		snprintf(why, n, _("snapshot_formats wants at least one of text, ansi, html"));
		ok = false;
	}
	return ok;
}

/* A command line run without a shell: words, no control characters. */
static bool print_command_ok(const char *v, char *why, size_t n)
{
	for (const char *p = v; *p; p++)
		if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7f) {
			snprintf(why, n, _("print_command has a control character"));
			return false;
		}
	if (strspn(v, " \t") == strlen(v)) {
		snprintf(why, n, _("print_command wants a program, e.g. lp"));
		return false;
	}
	return true;
}

bool config_load(const char *path, wr_config *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (errlen)
		err[0] = '\0';
	char *p = path ? xstrdup(path) : config_default_path();
	FILE *f = fopen(p, "r");
	if (!f) {
		if (!path && errno == ENOENT) {
			free(p);
			return true; /* no settings: all defaults */
		}
		char *safe = text_sanitize(p);
		snprintf(err, errlen, "%s: %s", safe, strerror(errno));
		free(safe);
		free(p);
		return false;
	}
	fclose(f);
	ynode *root = settings_yaml_load(p, err, errlen);
	if (!root) {
		free(p);
		return false;
	}
	char *name = text_sanitize(p);
	bool ok = true;
	if (root->kind != YN_MAP) {
		snprintf(err, errlen, _("%s:%d: the settings must be a mapping of name: value"), name,
			 root->line);
		ok = false;
	}
	for (size_t i = 0; ok && i < root->n; i++) {
		const char *k = root->keys[i];
		const ynode *v = root->items[i];
		int line = root->key_lines[i];
		char **slot = NULL;
		if (strcmp(k, "theme") == 0)
			slot = &out->theme;
		else if (strcmp(k, "database") == 0)
			slot = &out->database;
		else if (strcmp(k, "layout") == 0)
			slot = &out->layout;
		else if (strcmp(k, "date_format") == 0)
			slot = &out->date_format;
		else if (strcmp(k, "snapshot_dir") == 0)
			slot = &out->snapshot_dir;
		else if (strcmp(k, "snapshot_formats") == 0)
			slot = &out->snapshot_formats;
		else if (strcmp(k, "print_command") == 0)
			slot = &out->print_command;
		if (!slot) {
			char *sk = text_sanitize(k);
			snprintf(err, errlen,
				 _("%s:%d: unknown setting '%s' (known: theme, database, layout, date_format, "
				 "snapshot_dir, snapshot_formats, print_command)"),
				 name, line, sk);
			free(sk);
			ok = false;
			break;
		}
		if (v->kind != YN_SCALAR || str_empty(v->text)) {
			snprintf(err, errlen, _("%s:%d: %s wants a single value"), name, v->line, k);
			ok = false;
			break;
		}
		if (!utf8_valid(v->text, strlen(v->text))) {
			snprintf(err, errlen, _("%s:%d: %s is not valid UTF-8"), name, v->line, k);
			ok = false;
			break;
		}
		char why[160];
		if (slot == &out->layout && strcmp(v->text, "auto") != 0 && strcmp(v->text, "tabs") != 0 &&
		    strcmp(v->text, "tiled") != 0) {
			char *sv = text_sanitize(v->text);
			snprintf(err, errlen, _("%s:%d: layout '%s' is not one of auto, tabs, tiled"), name,
				 v->line, sv);
			free(sv);
			ok = false;
			break;
		}
		if (slot == &out->snapshot_formats && !snapshot_formats_ok(v->text, why, sizeof why)) {
			snprintf(err, errlen, "%s:%d: %s", name, v->line, why);
			ok = false;
			break;
		}
		if (slot == &out->print_command && !print_command_ok(v->text, why, sizeof why)) {
			snprintf(err, errlen, "%s:%d: %s", name, v->line, why);
			ok = false;
			break;
		}
		if (slot == &out->date_format && !date_format_ok(v->text, why, sizeof why)) {
			snprintf(err, errlen, "%s:%d: %s", name, v->line, why);
			ok = false;
			break;
		}
		free(*slot);
		*slot = (slot == &out->database || slot == &out->snapshot_dir) ? expand_home(v->text)
									       : xstrdup(v->text);
	}
	ynode_free(root);
	free(name);
	if (!ok) {
		config_free(out);
		free(p);
		return false;
	}
	out->path = p;
	return true;
}

void config_free(wr_config *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->theme);
	free(c->database);
	free(c->layout);
	free(c->date_format);
	free(c->snapshot_dir);
	free(c->snapshot_formats);
	free(c->print_command);
	memset(c, 0, sizeof *c);
}
