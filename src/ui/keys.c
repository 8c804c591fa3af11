/* The key table: every binding of the UI, by scope. Dispatch and the help
 * screen both read it. */
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/text.h"
#include "warroom/util.h"

#define WR_ACTION_NAME_(id, name, help) [id] = name,
#define WR_ACTION_HELP_(id, name, help) [id] = help,
static const char *const action_names[ACT_COUNT] = {[ACT_NONE] = "none", WR_ACTIONS(WR_ACTION_NAME_)};
static const char *const action_helps[ACT_COUNT] = {[ACT_NONE] = "", WR_ACTIONS(WR_ACTION_HELP_)};
#undef WR_ACTION_NAME_
#undef WR_ACTION_HELP_

const key_scope key_scopes[] = {
	{"tasks", N_("Tasks pane")},
	{"metrics", N_("Metrics pane")},
	{"review", N_("Review pane")},
	{"inbox", N_("Inbox pane")},
	{"nav", N_("Moving (every pane and view)")},
	{"global", N_("Everywhere")},
	{"view", N_("In a view (help, detail, campaign picker, menu)")},
	{"edit", N_("Typing a value")},
};
const size_t key_scopes_n = ARRAY_LEN(key_scopes);

const key_binding keys_table[] = {
	/* everywhere (when no view is open) */
	{"global", 'q', ACT_QUIT},
	{"global", '?', ACT_HELP},
	{"global", WK_FN(KEY_F(1)), ACT_HELP},
	{"global", '\t', ACT_PANE_NEXT},
	{"global", WK_FN(KEY_BTAB), ACT_PANE_PREV},
	{"global", '1', ACT_PANE_1},
	{"global", '2', ACT_PANE_2},
	{"global", '3', ACT_PANE_3},
	{"global", '4', ACT_PANE_4},
	{"global", 'w', ACT_LAYOUT},
	{"global", 'c', ACT_CAMPAIGN},
	{"global", 'u', ACT_UNDO},
	{"global", '/', ACT_SEARCH},
	{"global", WK_CTRL('l'), ACT_REDRAW},
	{"global", 'p', ACT_SNAPSHOT},
	{"global", 'P', ACT_PRINT},

	/* moving */
	{"nav", 'k', ACT_UP},
	{"nav", WK_FN(KEY_UP), ACT_UP},
	{"nav", 'j', ACT_DOWN},
	{"nav", WK_FN(KEY_DOWN), ACT_DOWN},
	{"nav", 'h', ACT_LEFT},
	{"nav", WK_FN(KEY_LEFT), ACT_LEFT},
	{"nav", 'l', ACT_RIGHT},
	{"nav", WK_FN(KEY_RIGHT), ACT_RIGHT},
	{"nav", WK_FN(KEY_PPAGE), ACT_PAGE_UP},
	{"nav", WK_CTRL('b'), ACT_PAGE_UP},
	{"nav", WK_FN(KEY_NPAGE), ACT_PAGE_DOWN},
	{"nav", WK_CTRL('f'), ACT_PAGE_DOWN},
	{"nav", WK_CTRL('u'), ACT_HALF_UP},
	{"nav", WK_CTRL('d'), ACT_HALF_DOWN},
	{"nav", 'g', ACT_TOP},
	{"nav", WK_FN(KEY_HOME), ACT_TOP},
	{"nav", 'G', ACT_BOTTOM},
	{"nav", WK_FN(KEY_END), ACT_BOTTOM},
	{"nav", '\n', ACT_ENTER},
	{"nav", '\r', ACT_ENTER},
	{"nav", WK_FN(KEY_ENTER), ACT_ENTER},
	{"nav", WK_ESC, ACT_BACK},

	/* the Tasks pane */
	{"tasks", '+', ACT_ZOOM_IN},
	{"tasks", '=', ACT_ZOOM_IN},
	{"tasks", '-', ACT_ZOOM_OUT},
	{"tasks", '_', ACT_ZOOM_OUT},
	{"tasks", 'H', ACT_TIME_BACK},
	{"tasks", 'L', ACT_TIME_FWD},
	{"tasks", 't', ACT_TODAY},
	{"tasks", ']', ACT_PROGRESS_UP},
	{"tasks", '>', ACT_PROGRESS_UP},
	{"tasks", '[', ACT_PROGRESS_DOWN},
	{"tasks", '<', ACT_PROGRESS_DOWN},
	{"tasks", '%', ACT_PROGRESS_SET},
	{"tasks", 'S', ACT_STATUS},
	{"tasks", 'e', ACT_EDIT},
	{"tasks", 's', ACT_GROUP},
	{"tasks", 'm', ACT_FILTER_MINE},
	{"tasks", '!', ACT_FILTER_LATE},
	{"tasks", 'o', ACT_FILTER_OPEN},
	{"tasks", 'x', ACT_FILTER_CLEAR},

	/* the Metrics pane (its metric view and risk log) */
	{"metrics", 'r', ACT_RISKS},
	{"metrics", 'C', ACT_RISKS_CLOSED},
	{"metrics", 'x', ACT_RISK_CLOSE},
	{"metrics", 'a', ACT_VALUE_ADD},
	{"metrics", 'e', ACT_VALUE_EDIT},
	{"metrics", 'D', ACT_VALUE_DELETE},

	/* the Review pane and its lessons library */
	{"review", 'e', ACT_RV_EDIT},
	{"review", 'a', ACT_RV_ADD},
	{"review", 'D', ACT_RV_DELETE},
	{"review", 'S', ACT_RV_STATUS},
	{"review", 'C', ACT_RV_COLLECT},
	{"review", 'F', ACT_RV_FINAL},
	{"review", 'R', ACT_RV_RELOAD},
	{"review", 'L', ACT_LESSONS},

	/* the Inbox pane */
	{"inbox", 'r', ACT_FB_READ},
	{"inbox", ' ', ACT_FB_MARK},
	{"inbox", 'A', ACT_FB_MARK_ALL},
	{"inbox", 't', ACT_FB_TYPE},
	{"inbox", 'T', ACT_FB_TAGS},
	{"inbox", 's', ACT_FB_SENTIMENT},
	{"inbox", 'o', ACT_FB_OWNER},
	{"inbox", 'S', ACT_FB_STATUS},
	{"inbox", 'L', ACT_FB_TASK},
	{"inbox", 'R', ACT_FB_RISK},
	{"inbox", 'C', ACT_FB_PROBLEM},
	{"inbox", 'x', ACT_FILTER_CLEAR},

	/* inside a view: help, detail, picker, menu */
	{"view", 'q', ACT_CLOSE},

	/* the one-line editor */
	{"edit", '\n', ACT_ED_ACCEPT},
	{"edit", '\r', ACT_ED_ACCEPT},
	{"edit", WK_FN(KEY_ENTER), ACT_ED_ACCEPT},
	{"edit", WK_ESC, ACT_ED_CANCEL},
	{"edit", WK_CTRL('g'), ACT_ED_CANCEL},
	{"edit", WK_FN(KEY_LEFT), ACT_ED_LEFT},
	{"edit", WK_CTRL('b'), ACT_ED_LEFT},
	{"edit", WK_FN(KEY_RIGHT), ACT_ED_RIGHT},
	{"edit", WK_CTRL('f'), ACT_ED_RIGHT},
	{"edit", WK_FN(KEY_HOME), ACT_ED_HOME},
	{"edit", WK_CTRL('a'), ACT_ED_HOME},
	{"edit", WK_FN(KEY_END), ACT_ED_END},
	{"edit", WK_CTRL('e'), ACT_ED_END},
	{"edit", WK_FN(KEY_BACKSPACE), ACT_ED_BACKSPACE},
	{"edit", 127, ACT_ED_BACKSPACE},
	{"edit", WK_CTRL('h'), ACT_ED_BACKSPACE},
	{"edit", WK_FN(KEY_DC), ACT_ED_DELETE},
	{"edit", WK_CTRL('d'), ACT_ED_DELETE},
	{"edit", WK_CTRL('u'), ACT_ED_KILL_START},
	{"edit", WK_CTRL('k'), ACT_ED_KILL_END},
	{"edit", WK_CTRL('w'), ACT_ED_KILL_WORD},
};
const size_t keys_n = ARRAY_LEN(keys_table);

const char *action_name(enum action a)
{
	return (unsigned)a < ACT_COUNT ? action_names[a] : "?";
}

const char *action_help(enum action a)
{
	return (unsigned)a < ACT_COUNT && *action_helps[a] ? _(action_helps[a]) : "";
}

const char *key_scope_title(const char *scope)
{
	for (size_t i = 0; i < key_scopes_n; i++)
		if (strcmp(key_scopes[i].name, scope) == 0)
			return _(key_scopes[i].title);
	return scope;
}

enum action keys_lookup(const char *const *chain, size_t n, wr_key k)
{
	for (size_t s = 0; s < n; s++)
		for (size_t i = 0; i < keys_n; i++)
			if (keys_table[i].key == k && strcmp(keys_table[i].scope, chain[s]) == 0)
				return keys_table[i].action;
	return ACT_NONE;
}

static const struct {
	int code;
	const char *shown, *script;
} fn_names[] = {
	{KEY_UP, "↑", "Up"},          {KEY_DOWN, "↓", "Down"},   {KEY_LEFT, "←", "Left"},
	{KEY_RIGHT, "→", "Right"},    {KEY_PPAGE, "PgUp", "PgUp"}, {KEY_NPAGE, "PgDn", "PgDn"},
	{KEY_HOME, "Home", "Home"},   {KEY_END, "End", "End"},   {KEY_BTAB, "Shift-Tab", "S-Tab"},
	{KEY_ENTER, "Enter", "KEnter"}, {KEY_BACKSPACE, "Backspace", "BS"}, {KEY_DC, "Del", "Del"},
	{KEY_RESIZE, "Resize", "Resize"},
};

const char *key_label(wr_key k, char *buf, size_t size)
{
	if (k >= WK_FN_BASE) {
		int code = k - WK_FN_BASE;
		for (size_t i = 0; i < ARRAY_LEN(fn_names); i++)
			if (fn_names[i].code == code) {
				snprintf(buf, size, "%s", fn_names[i].shown);
				return buf;
			}
		if (code >= KEY_F(1) && code <= KEY_F(24))
			snprintf(buf, size, "F%d", code - KEY_F(0));
		else
			snprintf(buf, size, "key-%d", code);
		return buf;
	}
	switch (k) {
	case WK_ESC: snprintf(buf, size, "Esc"); return buf;
	case '\n':
	case '\r': snprintf(buf, size, "Enter"); return buf;
	case '\t': snprintf(buf, size, "Tab"); return buf;
	case ' ': snprintf(buf, size, "Space"); return buf;
	case 127:
	case 8: snprintf(buf, size, "Backspace"); return buf;
	default: break;
	}
	if (k > 0 && k < 32) {
		snprintf(buf, size, "Ctrl-%c", (char)(k + 'a' - 1));
		return buf;
	}
	if (k < 0 || k > 0x10FFFF || cp_is_hostile(k)) {
		snprintf(buf, size, "U+%04X", (unsigned)(k < 0 ? 0 : k));
		return buf;
	}
	char u[5] = {0};
	utf8_encode(k, u);
	snprintf(buf, size, "%s", u);
	return buf;
}

size_t keys_help(const char *scope, key_help_line *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < keys_n; i++) {
		const key_binding *b = &keys_table[i];
		if (strcmp(b->scope, scope) != 0)
			continue;
		size_t j;
		for (j = 0; j < n; j++)
			if (out[j].action == b->action)
				break;
		if (j == n) {
			if (n == max)
				continue;
			out[n].action = b->action;
			out[n].keys[0] = '\0';
			out[n].help = action_help(b->action);
			n++;
		}
		char name[32];
		key_label(b->key, name, sizeof name);
		/* Enter is bound as \n, \r and KEY_ENTER: show it once. */
		char padded[40];
		snprintf(padded, sizeof padded, " %s ", name);
		char have[80];
		snprintf(have, sizeof have, " %s ", out[j].keys);
		if (strstr(have, padded))
			continue;
		size_t len = strlen(out[j].keys);
		snprintf(out[j].keys + len, sizeof out[j].keys - len, "%s%s", len ? " " : "", name);
	}
	return n;
}

int keys_parse(const char *script, wr_key *out, int max, char *err, size_t errlen)
{
	int n = 0;
	size_t len = strlen(script), i = 0;
	while (i < len) {
		wr_key k;
		if (script[i] == '<') {
			const char *end = strchr(script + i, '>');
			if (!end) {
				snprintf(err, errlen, _("unclosed '<' at offset %zu"), i);
				return -1;
			}
			char name[24];
			size_t nl = (size_t)(end - (script + i + 1));
			if (nl == 0 || nl >= sizeof name) {
				snprintf(err, errlen, _("bad key name at offset %zu"), i);
				return -1;
			}
			memcpy(name, script + i + 1, nl);
			name[nl] = '\0';
			k = WK_NONE;
			if (strcmp(name, "Enter") == 0 || strcmp(name, "CR") == 0)
				k = '\n';
			else if (strcmp(name, "Esc") == 0)
				k = WK_ESC;
			else if (strcmp(name, "Tab") == 0)
				k = '\t';
			else if (strcmp(name, "Space") == 0)
				k = ' ';
			else if (strcmp(name, "lt") == 0)
				k = '<';
			else if (strlen(name) == 3 && name[0] == 'C' && name[1] == '-')
				k = WK_CTRL(name[2]);
			else if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9')
				k = WK_FN(KEY_F(atoi(name + 1)));
			for (size_t f = 0; k == WK_NONE && f < ARRAY_LEN(fn_names); f++)
				if (strcmp(fn_names[f].script, name) == 0)
					k = WK_FN(fn_names[f].code);
			if (k == WK_NONE) {
				snprintf(err, errlen, _("unknown key <%s>"), name);
				return -1;
			}
			i += nl + 2;
		} else {
			int32_t cp;
			i += (size_t)utf8_decode(script + i, len - i, &cp);
			if (cp < 0) {
				snprintf(err, errlen, "%s", _("invalid UTF-8 in the key script"));
				return -1;
			}
			k = cp;
		}
		if (n >= max) {
			snprintf(err, errlen, _("more than %d keys"), max);
			return -1;
		}
		out[n++] = k;
	}
	return n;
}
