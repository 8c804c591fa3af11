/* Keys and actions. One table binds keys to named actions per scope; the
 * UI dispatches on it and the `?` help is generated from it, so the two
 * cannot drift apart. A scope is a pane's name ("tasks", "metrics"...) or
 * one of "global", "nav", "view" and "edit". A key is looked up along a
 * chain of scopes, e.g. tasks -> nav -> global; a unit test checks that no
 * key is bound twice along any chain the UI uses and that every action has
 * a key and a help line.
 *
 * To add a pane's keys: add its actions to WR_ACTIONS, a scope line to
 * key_scopes[] and its bindings to keys_table[] in keys.c. */
#ifndef WARROOM_UI_KEYS_H
#define WARROOM_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "warroom/i18n.h"

/* A key: a Unicode code point, or a curses KEY_* code + WK_FN_BASE. */
typedef int32_t wr_key;
#define WK_FN_BASE 0x200000
#define WK_FN(k) ((wr_key)(WK_FN_BASE + (k)))
#define WK_CTRL(c) ((wr_key)((c) & 0x1f))
#define WK_ESC ((wr_key)27)
#define WK_NONE ((wr_key)-1)

/* id, name (stable, for scripts and a future keys file), help line (N_:
 * translated where it is shown, by action_help) */
#define WR_ACTIONS(X)                                                                              \
	X(ACT_QUIT, "quit", N_("quit warroom"))                                                      \
	X(ACT_HELP, "help", N_("show this help"))                                                    \
	X(ACT_PANE_NEXT, "pane-next", N_("next pane"))                                               \
	X(ACT_PANE_PREV, "pane-prev", N_("previous pane"))                                           \
	X(ACT_PANE_1, "pane-1", N_("Tasks pane"))                                                    \
	X(ACT_PANE_2, "pane-2", N_("Metrics pane"))                                                  \
	X(ACT_PANE_3, "pane-3", N_("Inbox pane"))                                                    \
	X(ACT_PANE_4, "pane-4", N_("Review pane"))                                                   \
	X(ACT_LAYOUT, "layout", N_("layout: auto, one pane with tabs, all four tiled"))              \
	X(ACT_CAMPAIGN, "campaign", N_("pick another campaign"))                                     \
	X(ACT_UNDO, "undo", N_("undo the last edit made in this session (again for older ones)"))    \
	X(ACT_SEARCH, "search", N_("search: filter the current pane by text"))                       \
	X(ACT_REDRAW, "redraw", N_("reload from the database and redraw the screen"))                \
	X(ACT_SNAPSHOT, "snapshot", N_("snapshot: write the screen to files (text, ANSI, HTML)"))    \
	X(ACT_PRINT, "print", N_("print the screen's text with the print command from the config")) \
	X(ACT_UP, "up", N_("up"))                                                                    \
	X(ACT_DOWN, "down", N_("down"))                                                              \
	X(ACT_LEFT, "left", N_("left (Tasks: back in time one step)"))                               \
	X(ACT_RIGHT, "right", N_("right (Tasks: forward in time one step)"))                         \
	X(ACT_PAGE_UP, "page-up", N_("page up"))                                                     \
	X(ACT_PAGE_DOWN, "page-down", N_("page down"))                                               \
	X(ACT_HALF_UP, "half-up", N_("half a page up"))                                              \
	X(ACT_HALF_DOWN, "half-down", N_("half a page down"))                                        \
	X(ACT_TOP, "top", N_("first row"))                                                           \
	X(ACT_BOTTOM, "bottom", N_("last row"))                                                      \
	X(ACT_ENTER, "enter", N_("open the detail view (with history)"))                             \
	X(ACT_BACK, "back", N_("back: close the view; in a pane, clear its filters"))                \
	X(ACT_ZOOM_IN, "zoom-in", N_("zoom the time axis in (month, week, day)"))                    \
	X(ACT_ZOOM_OUT, "zoom-out", N_("zoom the time axis out"))                                    \
	X(ACT_TIME_BACK, "time-back", N_("scroll the time axis back half a screen"))                 \
	X(ACT_TIME_FWD, "time-forward", N_("scroll the time axis forward half a screen"))            \
	X(ACT_TODAY, "today", N_("jump to today on the time axis"))                                  \
	X(ACT_PROGRESS_UP, "progress-up", N_("progress +10"))                                        \
	X(ACT_PROGRESS_DOWN, "progress-down", N_("progress -10"))                                    \
	X(ACT_PROGRESS_SET, "progress", N_("type the progress (0-100)"))                             \
	X(ACT_STATUS, "status", N_("set the status"))                                                \
	X(ACT_EDIT, "edit", N_("edit a field: status, progress, problem, support, owner, dates"))    \
	X(ACT_GROUP, "group", N_("group by: none, strategy, owner, phase"))                          \
	X(ACT_FILTER_MINE, "filter-mine", N_("only my tasks (owner is the current user)"))           \
	X(ACT_FILTER_LATE, "filter-late", N_("only late tasks"))                                     \
	X(ACT_FILTER_OPEN, "filter-open", N_("only open tasks (not done)"))                          \
	X(ACT_FILTER_CLEAR, "filter-clear", N_("clear all filters"))                                 \
	X(ACT_RISKS, "risks", N_("risk log: open risks and the time left for their response"))       \
	X(ACT_RISKS_CLOSED, "risks-closed", N_("risk log: show or hide closed risks"))               \
	X(ACT_RISK_CLOSE, "risk-close", N_("close the risk with a resolution note"))                 \
	X(ACT_VALUE_ADD, "value-add", N_("record a value for this metric"))                          \
	X(ACT_VALUE_EDIT, "value-edit", N_("edit the value, or the risk's cause, plan or owner"))    \
	X(ACT_VALUE_DELETE, "value-delete", N_("delete the value under the cursor"))                 \
	X(ACT_RV_EDIT, "review-edit", N_("edit the item under the cursor (long text in $VISUAL / $EDITOR)")) \
	X(ACT_RV_ADD, "review-add", N_("add a highlight, problem or lesson"))                        \
	X(ACT_RV_DELETE, "review-delete", N_("delete the highlight, problem or lesson under the cursor")) \
	X(ACT_RV_STATUS, "problem-status", N_("set the status of the problem's action"))              \
	X(ACT_RV_COLLECT, "collect-risk", N_("collect an open risk as a problem"))                   \
	X(ACT_RV_FINAL, "review-final", N_("mark the review final, or reopen it"))                  \
	X(ACT_RV_RELOAD, "review-reload", N_("reload the review (after another operator's change)")) \
	X(ACT_LESSONS, "lessons", N_("lessons library: the lessons of every campaign, searchable"))    \
	X(ACT_FB_READ, "fb-read", N_("mark read or unread (the marked messages, else the one under the cursor)")) \
	X(ACT_FB_MARK, "fb-mark", N_("mark the message for a change to several at once, or unmark it")) \
	X(ACT_FB_MARK_ALL, "fb-mark-all", N_("mark every message the filter shows (up to 10,000), or none")) \
	X(ACT_FB_TYPE, "fb-type", N_("set the type: product, service, rules, brand"))                  \
	X(ACT_FB_TAGS, "fb-tags", N_("set the tags (separated by commas)"))                            \
	X(ACT_FB_SENTIMENT, "fb-sentiment", N_("set the sentiment: positive, neutral, negative"))      \
	X(ACT_FB_OWNER, "fb-owner", N_("assign an owner"))                                             \
	X(ACT_FB_STATUS, "fb-status", N_("next status: new, triaged, actioned, closed"))               \
	X(ACT_FB_TASK, "fb-task", N_("link to a task (by its id), or unlink"))                         \
	X(ACT_FB_RISK, "fb-risk", N_("link to a risk (by its number), or unlink"))                     \
	X(ACT_FB_PROBLEM, "fb-problem", N_("turn the message into a problem of the review"))           \
	X(ACT_CLOSE, "close", N_("close this view"))                                                 \
	X(ACT_ED_ACCEPT, "accept", N_("accept the text"))                                            \
	X(ACT_ED_CANCEL, "cancel", N_("cancel"))                                                     \
	X(ACT_ED_LEFT, "char-left", N_("cursor left"))                                               \
	X(ACT_ED_RIGHT, "char-right", N_("cursor right"))                                            \
	X(ACT_ED_HOME, "line-start", N_("start of the line"))                                        \
	X(ACT_ED_END, "line-end", N_("end of the line"))                                             \
	X(ACT_ED_BACKSPACE, "delete-back", N_("delete the character before the cursor"))             \
	X(ACT_ED_DELETE, "delete", N_("delete the character under the cursor"))                     \
	X(ACT_ED_KILL_START, "kill-start", N_("delete to the start of the line"))                    \
	X(ACT_ED_KILL_END, "kill-end", N_("delete to the end of the line"))                          \
	X(ACT_ED_KILL_WORD, "kill-word", N_("delete the word before the cursor"))

#define WR_ACTION_ENUM_(id, name, help) id,
enum action { ACT_NONE = 0, WR_ACTIONS(WR_ACTION_ENUM_) ACT_COUNT };
#undef WR_ACTION_ENUM_

typedef struct key_binding {
	const char *scope;
	wr_key key;
	enum action action;
} key_binding;

typedef struct key_scope {
	const char *name;
	const char *title; /* heading in the help */
} key_scope;

extern const key_binding keys_table[];
extern const size_t keys_n;
extern const key_scope key_scopes[];
extern const size_t key_scopes_n;

const char *action_name(enum action a);
const char *action_help(enum action a);
const char *key_scope_title(const char *scope);

/* The action bound to `k` in the first scope of `chain` that binds it. */
enum action keys_lookup(const char *const *chain, size_t n, wr_key k);
/* Display name: "j", "Ctrl-d", "Enter", "↓", "Shift-Tab"... */
const char *key_label(wr_key k, char *buf, size_t size);

typedef struct key_help_line {
	enum action action;
	char keys[64];    /* display names joined by spaces */
	const char *help;
} key_help_line;
/* One line per action bound in `scope`, in table order. */
size_t keys_help(const char *scope, key_help_line *out, size_t max);

/* Parses a key script: plain characters stand for themselves and <Name>
 * for a special key: <Enter> <Esc> <Tab> <S-Tab> <Up> <Down> <Left>
 * <Right> <PgUp> <PgDn> <Home> <End> <BS> <Del> <Space> <lt> <C-x> <F1>.
 * Returns the number of keys, or -1 with a message in err. */
int keys_parse(const char *script, wr_key *out, int max, char *err, size_t errlen);

#endif
