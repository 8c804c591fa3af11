/* Theme files: finding them, reading them into role styles with clear
 * file:line errors, and resolving a role for the terminal at hand. No
 * curses here; draw.c turns resolved styles into colour pairs. */
#include "warroom/theme.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "warroom/config.h"
#include "warroom/i18n.h"
#include "warroom/text.h"
#include "warroom/util.h"

#ifndef WARROOM_THEME_INSTALL_DIR
#define WARROOM_THEME_INSTALL_DIR "/usr/local/share/warroom/themes"
#endif

#define WR_ROLE_NAME_(id, name) name,
static const char *const role_names[ROLE_COUNT] = {WR_ROLES(WR_ROLE_NAME_)};
#undef WR_ROLE_NAME_

const char *theme_role_name(enum ui_role r)
{
	return (unsigned)r < ROLE_COUNT ? role_names[r] : NULL;
}

int theme_role_from(const char *name)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (strcmp(role_names[i], name) == 0)
			return i;
	return -1;
}

/* Monochrome styles used when a theme has no mono section (or leaves a
 * role out of it): attributes that keep every meaning apart on paper. */
static const unsigned builtin_mono[ROLE_COUNT] = {
	[ROLE_HEADER] = THEME_REVERSE | THEME_BOLD,
	[ROLE_TAB_ACTIVE] = THEME_REVERSE | THEME_BOLD,
	[ROLE_TITLE] = THEME_BOLD,
	[ROLE_SELECTION] = THEME_REVERSE,
	[ROLE_WARN] = THEME_BOLD,
	[ROLE_ALERT] = THEME_BOLD,
	[ROLE_MUTED] = THEME_DIM,
	[ROLE_BAR_LATE] = THEME_BOLD,
	[ROLE_TODAY] = THEME_BOLD,
	[ROLE_PHASE_A] = THEME_REVERSE,
	[ROLE_PHASE_B] = THEME_UNDERLINE,
	[ROLE_PHASE_C] = THEME_REVERSE | THEME_DIM,
	[ROLE_MILESTONE] = THEME_BOLD,
	[ROLE_GROUP] = THEME_BOLD | THEME_UNDERLINE,
	[ROLE_STATUS] = THEME_REVERSE,
	[ROLE_STATUS_ERROR] = THEME_REVERSE | THEME_BOLD,
	[ROLE_PROMPT] = THEME_BOLD,
	[ROLE_HELP_KEY] = THEME_BOLD,
	[ROLE_UNREAD] = THEME_BOLD,
};

/* The default (dark) theme, kept identical to themes/default.yaml (a unit
 * test compares them) so that an uninstalled binary still looks right. */
static const char builtin_yaml[] =
	"name: default\n"
	"colors256:\n"
	"  normal:       {fg: default, bg: default}\n"
	"  header:       {fg: 231, bg: 24, attrs: [bold]}\n"
	"  tab_active:   {fg: 231, bg: 31, attrs: [bold]}\n"
	"  tab_inactive: {fg: 250, bg: 237}\n"
	"  title:        {fg: 231, bg: 238, attrs: [bold]}\n"
	"  selection:    {fg: 231, bg: 25}\n"
	"  ok:           {fg: 114}\n"
	"  warn:         {fg: 214}\n"
	"  alert:        {fg: 203, attrs: [bold]}\n"
	"  muted:        {fg: 244}\n"
	"  bar_done:     {fg: 71}\n"
	"  bar_todo:     {fg: 67}\n"
	"  bar_late:     {fg: 196, attrs: [bold]}\n"
	"  today_line:   {fg: 220, attrs: [bold]}\n"
	"  phase_a:      {fg: 231, bg: 239}\n"
	"  phase_b:      {fg: 231, bg: 236}\n"
	"  phase_c:      {fg: 231, bg: 60}\n"
	"  milestone:    {fg: 177, attrs: [bold]}\n"
	"  axis:         {fg: 248}\n"
	"  group:        {fg: 110, attrs: [bold]}\n"
	"  status:       {fg: 252, bg: 236}\n"
	"  status_error: {fg: 231, bg: 124, attrs: [bold]}\n"
	"  prompt:       {fg: 231, bg: 238}\n"
	"  border:       {fg: 240}\n"
	"  help_key:     {fg: 81, attrs: [bold]}\n"
	"  unread:       {fg: default, bg: default, attrs: [bold]}\n"
	"colors8:\n"
	"  normal:       {fg: default, bg: default}\n"
	"  header:       {fg: white, bg: blue, attrs: [bold]}\n"
	"  tab_active:   {fg: black, bg: cyan}\n"
	"  tab_inactive: {fg: white, bg: black}\n"
	"  title:        {fg: white, bg: blue, attrs: [bold]}\n"
	"  selection:    {fg: black, bg: white}\n"
	"  ok:           {fg: green}\n"
	"  warn:         {fg: yellow}\n"
	"  alert:        {fg: red, attrs: [bold]}\n"
	"  muted:        {fg: default, attrs: [dim]}\n"
	"  bar_done:     {fg: green}\n"
	"  bar_todo:     {fg: cyan}\n"
	"  bar_late:     {fg: red, attrs: [bold]}\n"
	"  today_line:   {fg: yellow, attrs: [bold]}\n"
	"  phase_a:      {fg: black, bg: cyan}\n"
	"  phase_b:      {fg: white, bg: blue}\n"
	"  phase_c:      {fg: black, bg: green}\n"
	"  milestone:    {fg: magenta, attrs: [bold]}\n"
	"  axis:         {fg: default}\n"
	"  group:        {fg: cyan, attrs: [bold]}\n"
	"  status:       {fg: black, bg: white}\n"
	"  status_error: {fg: white, bg: red, attrs: [bold]}\n"
	"  prompt:       {fg: white, bg: blue}\n"
	"  border:       {fg: blue}\n"
	"  help_key:     {fg: cyan, attrs: [bold]}\n"
	"  unread:       {fg: default, bg: default, attrs: [bold]}\n";

static const char *const color_names[] = {"black", "red",     "green", "yellow",
					  "blue",  "magenta", "cyan",  "white"};

static void set_err(char *err, size_t errlen, const char *file, int line, const char *fmt, ...)
	WR_PRINTF(5, 6);
static void set_err(char *err, size_t errlen, const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char *f = text_sanitize(file);
	snprintf(err, errlen, "%s:%d: %s", f, line, msg);
	free(f);
}

/* Parses a colour: a name, "bright-NAME", "default" or 0-255. */
static bool parse_color(const char *s, int max, short *out)
{
	if (strcmp(s, "default") == 0 || strcmp(s, "none") == 0) {
		*out = THEME_COLOR_DEFAULT;
		return true;
	}
	if (s[0] >= '0' && s[0] <= '9') {
		char *end;
		long v = strtol(s, &end, 10);
		if (*end || v < 0 || v > max || end - s > 3)
			return false;
		*out = (short)v;
		return true;
	}
	int base = 0;
	if (str_starts(s, "bright-") || str_starts(s, "bright_")) {
		base = 8;
		s += 7;
	}
	for (int i = 0; i < 8; i++) {
		if (strcmp(s, color_names[i]) == 0 && base + i <= max) {
			*out = (short)(base + i);
			return true;
		}
	}
	return false;
}

static bool parse_attr(const char *s, unsigned *out)
{
	static const struct {
		const char *name;
		unsigned bit;
	} attrs[] = {{"bold", THEME_BOLD},       {"dim", THEME_DIM},           {"reverse", THEME_REVERSE},
		     {"underline", THEME_UNDERLINE}, {"italic", THEME_ITALIC}, {"normal", 0}};
	for (size_t i = 0; i < ARRAY_LEN(attrs); i++) {
		if (strcmp(s, attrs[i].name) == 0) {
			*out |= attrs[i].bit;
			return true;
		}
	}
	return false;
}

static bool parse_style(const char *file, const ynode *v, enum theme_variant var, theme_style *st,
			char *err, size_t errlen)
{
	memset(st, 0, sizeof *st);
	st->set = true;
	st->fg = st->bg = THEME_COLOR_DEFAULT;
	if (v->kind != YN_MAP) {
		set_err(err, errlen, file, v->line, _("a role wants {fg: ..., bg: ..., attrs: [...]}"));
		return false;
	}
	int max = var == THEME_256 ? 255 : 7;
	for (size_t i = 0; i < v->n; i++) {
		const char *k = v->keys[i];
		const ynode *x = v->items[i];
		if (strcmp(k, "fg") == 0 || strcmp(k, "bg") == 0) {
			if (var == THEME_MONO) {
				set_err(err, errlen, file, v->key_lines[i],
					_("mono styles take attrs only, not %s"), k);
				return false;
			}
			if (x->kind != YN_SCALAR || !parse_color(x->text, max, k[0] == 'f' ? &st->fg : &st->bg)) {
				char *safe = text_sanitize(x->kind == YN_SCALAR ? x->text : _("(a list)"));
				if (var == THEME_8 && x->kind == YN_SCALAR && (parse_color(x->text, 255, &st->fg)))
					set_err(err, errlen, file, x->line,
						_("colour '%s' is not one of the 8 basic colours (colors8)"), safe);
				else
					set_err(err, errlen, file, x->line, _("unknown colour '%s'"), safe);
				free(safe);
				return false;
			}
		} else if (strcmp(k, "attrs") == 0) {
			const ynode *const *items = x->kind == YN_SEQ ? (const ynode *const *)x->items : &x;
			size_t n = x->kind == YN_SEQ ? x->n : 1;
			for (size_t j = 0; j < n; j++) {
				if (items[j]->kind != YN_SCALAR || !parse_attr(items[j]->text, &st->attrs)) {
					char *safe = text_sanitize(items[j]->kind == YN_SCALAR ? items[j]->text : _("(nested)"));
					set_err(err, errlen, file, items[j]->line,
						_("unknown attribute '%s' (bold, dim, reverse, underline, italic)"), safe);
					free(safe);
					return false;
				}
			}
		} else {
			char *safe = text_sanitize(k);
			set_err(err, errlen, file, v->key_lines[i], _("unknown key '%s' (fg, bg, attrs)"), safe);
			free(safe);
			return false;
		}
	}
	return true;
}

static bool theme_from_tree(const char *file, const ynode *root, theme *out, char *err,
			    size_t errlen)
{
	if (root->kind != YN_MAP) {
		set_err(err, errlen, file, root->line, _("a theme is a mapping with colors256, colors8, mono"));
		return false;
	}
	for (size_t i = 0; i < root->n; i++) {
		const char *k = root->keys[i];
		const ynode *sec = root->items[i];
		int var = -1;
		if (strcmp(k, "name") == 0 || strcmp(k, "description") == 0) {
			if (sec->kind != YN_SCALAR) {
				set_err(err, errlen, file, sec->line, _("%s wants plain text"), k);
				return false;
			}
			if (k[0] == 'n') {
				free(out->name);
				out->name = text_sanitize(sec->text);
			}
			continue;
		}
		if (strcmp(k, "colors256") == 0)
			var = THEME_256;
		else if (strcmp(k, "colors8") == 0)
			var = THEME_8;
		else if (strcmp(k, "mono") == 0)
			var = THEME_MONO;
		if (var < 0) {
			char *safe = text_sanitize(k);
			set_err(err, errlen, file, root->key_lines[i],
				_("unknown section '%s' (name, description, colors256, colors8, mono)"), safe);
			free(safe);
			return false;
		}
		if (sec->kind != YN_MAP) {
			set_err(err, errlen, file, sec->line, _("%s wants a mapping of role: style"), k);
			return false;
		}
		out->has[var] = true;
		for (size_t j = 0; j < sec->n; j++) {
			int role = theme_role_from(sec->keys[j]);
			if (role < 0) {
				char *safe = text_sanitize(sec->keys[j]);
				set_err(err, errlen, file, sec->key_lines[j], _("unknown role '%s'"), safe);
				free(safe);
				return false;
			}
			if (!parse_style(file, sec->items[j], (enum theme_variant)var,
					 &out->style[var][role], err, errlen))
				return false;
		}
	}
	return true;
}

bool theme_load_file(const char *path, theme *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	ynode *root = settings_yaml_load(path, err, errlen);
	if (!root)
		return false;
	bool ok = theme_from_tree(path, root, out, err, errlen);
	ynode_free(root);
	if (!ok) {
		theme_free(out);
		return false;
	}
	if (!out->has[THEME_256] && !out->has[THEME_8] && !out->has[THEME_MONO]) {
		set_err(err, errlen, path, 1, _("no colors256, colors8 or mono section: not a theme"));
		theme_free(out);
		return false;
	}
	out->file = xstrdup(path);
	if (!out->name) {
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		size_t n = strlen(base);
		if (n > 5 && strcmp(base + n - 5, ".yaml") == 0)
			n -= 5;
		char *b = xstrndup(base, n);
		out->name = text_sanitize(b);
		free(b);
	}
	return true;
}

void theme_builtin(theme *out)
{
	char err[256];
	memset(out, 0, sizeof *out);
	ynode *root = settings_yaml_parse("(built-in theme)", builtin_yaml, sizeof builtin_yaml - 1, err,
					  sizeof err);
	if (!root || !theme_from_tree("(built-in theme)", root, out, err, sizeof err))
		die("built-in theme: %s", err);
	ynode_free(root);
}

static bool name_is_plain(const char *s)
{
	if (str_empty(s) || strlen(s) > 64)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.') || (p == s && *p == '.'))
			return false;
	return true;
}

/* Where theme files are looked for, first match wins. */
static void theme_dirs(strlist *dirs)
{
	const char *e = getenv("WARROOM_THEME_DIR");
	if (!str_empty(e))
		sl_push(dirs, e);
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (!str_empty(xdg) && xdg[0] == '/') {
		char *d = xasprintf("%s/warroom/themes", xdg);
		sl_push(dirs, d);
		free(d);
	} else if (!str_empty(home)) {
		char *d = xasprintf("%s/.local/share/warroom/themes", home);
		sl_push(dirs, d);
		free(d);
	}
	sl_push(dirs, WARROOM_THEME_INSTALL_DIR);
#ifdef WARROOM_THEME_SRC_DIR
	sl_push(dirs, WARROOM_THEME_SRC_DIR);
#endif
}

void theme_names(strlist *out)
{
	sl_push(out, "default");
	strlist dirs = {0};
	theme_dirs(&dirs);
	for (size_t i = 0; i < dirs.n; i++) {
		DIR *d = opendir(dirs.v[i]);
		if (!d)
			continue;
		struct dirent *de;
		while ((de = readdir(d))) {
			size_t len = strlen(de->d_name);
			if (len <= 5 || strcmp(de->d_name + len - 5, ".yaml") != 0)
				continue;
			char *name = xstrndup(de->d_name, len - 5);
			if (name_is_plain(name) && !sl_contains(out, name))
				sl_push(out, name);
			free(name);
		}
		closedir(d);
	}
	sl_free(&dirs);
}

bool theme_load(const char *name, theme *out, char *err, size_t errlen)
{
	if (strchr(name, '/') || (strlen(name) > 5 && strcmp(name + strlen(name) - 5, ".yaml") == 0))
		return theme_load_file(name, out, err, errlen);
	if (!name_is_plain(name)) {
		char *safe = text_sanitize(name);
		snprintf(err, errlen, _("'%s' is not a theme name (letters, digits, - and _)"), safe);
		free(safe);
		return false;
	}
	strlist dirs = {0};
	theme_dirs(&dirs);
	bool ok = false, found = false;
	for (size_t i = 0; i < dirs.n && !found; i++) {
		char *path = xasprintf("%s/%s.yaml", dirs.v[i], name);
		if (access(path, F_OK) == 0) {
			found = true;
			ok = theme_load_file(path, out, err, errlen);
		}
		free(path);
	}
	if (!found) {
		if (strcmp(name, "default") == 0) {
			theme_builtin(out);
			ok = true;
		} else {
			char *where = sl_join(&dirs, ", ");
			char *safe = text_sanitize(where);
			snprintf(err, errlen, _("no theme '%s' (looked in %s)"), name, safe);
			free(safe);
			free(where);
		}
	}
	sl_free(&dirs);
	return ok;
}

void theme_free(theme *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->file);
	memset(t, 0, sizeof *t);
}

enum theme_variant theme_pick_variant(const theme *t, int colors, bool no_color)
{
	if (no_color)
		return THEME_MONO;
	if (colors >= 256 && t->has[THEME_256])
		return THEME_256;
	if (colors >= 8 && (t->has[THEME_8] || t->has[THEME_256]))
		return THEME_8;
	return THEME_MONO;
}

/* The nearest of the 8 basic colours to a 256-colour index. */
static short down_to_8(short c)
{
	if (c < 0)
		return c;
	if (c < 8)
		return c;
	if (c < 16)
		return (short)(c - 8);
	if (c < 232) {
		int v = c - 16, r = v / 36, g = (v / 6) % 6, b = v % 6;
		return (short)((r > 2 ? 1 : 0) | (g > 2 ? 2 : 0) | (b > 2 ? 4 : 0));
	}
	return c < 244 ? 0 : 7;
}

theme_style theme_resolve(const theme *t, enum theme_variant v, enum ui_role r)
{
	theme_style s = {.set = true, .fg = THEME_COLOR_DEFAULT, .bg = THEME_COLOR_DEFAULT};
	if ((unsigned)r >= ROLE_COUNT)
		return s;
	if (v == THEME_MONO) {
		if (t->has[THEME_MONO] && t->style[THEME_MONO][r].set)
			s.attrs = t->style[THEME_MONO][r].attrs;
		else
			s.attrs = builtin_mono[r];
		return s;
	}
	enum theme_variant src = v;
	if (v == THEME_8 && !t->has[THEME_8])
		src = THEME_256;
	const theme_style *role = &t->style[src][r];
	const theme_style *normal = &t->style[src][ROLE_NORMAL];
	if (role->set)
		s = *role;
	else if (normal->set)
		s = *normal;
	if (src != v) {
		s.fg = down_to_8(s.fg);
		s.bg = down_to_8(s.bg);
	}
	return s;
}
