/* Colour themes: semantic roles mapped to colours and attributes.
 * Drawing code asks for a role ("alert", "bar_done"), never for a colour;
 * a theme file (themes/NAME.yaml) says what each role looks like on a
 * 256-colour terminal, on an 8-colour one, and in monochrome:
 *
 *   name: default
 *   colors256:
 *     header:   {fg: 231, bg: 24, attrs: [bold]}
 *     alert:    {fg: 203, attrs: [bold]}
 *   colors8:
 *     header:   {fg: white, bg: blue, attrs: [bold]}
 *   mono:
 *     alert:    {attrs: [bold]}
 *
 * Colours are names (default, black, red, green, yellow, blue, magenta,
 * cyan, white, bright-red ...) or numbers 0-255; attrs are bold, dim,
 * reverse, underline, italic. A role a section leaves out looks like
 * `normal` of that section; a section left out falls back to the next
 * simpler one (256 -> 8 -> mono), and the built-in mono styles stand in
 * for a missing mono section. Meaning never depends on colour alone: the
 * panes draw glyphs (✔ ▶ ! ◆) in every theme. */
#ifndef WARROOM_THEME_H
#define WARROOM_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "warroom/util.h"

#define WR_ROLES(X)                                                                                \
	X(ROLE_NORMAL, "normal")                                                                   \
	X(ROLE_HEADER, "header")                                                                   \
	X(ROLE_TAB_ACTIVE, "tab_active")                                                           \
	X(ROLE_TAB_INACTIVE, "tab_inactive")                                                       \
	X(ROLE_TITLE, "title")                                                                     \
	X(ROLE_SELECTION, "selection")                                                             \
	X(ROLE_OK, "ok")                                                                           \
	X(ROLE_WARN, "warn")                                                                       \
	X(ROLE_ALERT, "alert")                                                                     \
	X(ROLE_MUTED, "muted")                                                                     \
	X(ROLE_BAR_DONE, "bar_done")                                                               \
	X(ROLE_BAR_TODO, "bar_todo")                                                               \
	X(ROLE_BAR_LATE, "bar_late")                                                               \
	X(ROLE_TODAY, "today_line")                                                                \
	X(ROLE_PHASE_A, "phase_a")                                                                 \
	X(ROLE_PHASE_B, "phase_b")                                                                 \
	X(ROLE_PHASE_C, "phase_c")                                                                 \
	X(ROLE_MILESTONE, "milestone")                                                             \
	X(ROLE_AXIS, "axis")                                                                       \
	X(ROLE_GROUP, "group")                                                                     \
	X(ROLE_STATUS, "status")                                                                   \
	X(ROLE_STATUS_ERROR, "status_error")                                                       \
	X(ROLE_PROMPT, "prompt")                                                                   \
	X(ROLE_BORDER, "border")                                                                   \
	X(ROLE_HELP_KEY, "help_key")                                                               \
	X(ROLE_UNREAD, "unread")

#define WR_ROLE_ENUM_(id, name) id,
enum ui_role { WR_ROLES(WR_ROLE_ENUM_) ROLE_COUNT };
#undef WR_ROLE_ENUM_

/* "header", "bar_done"...; NULL when out of range. */
const char *theme_role_name(enum ui_role r);
/* -1 when unknown. */
int theme_role_from(const char *name);

enum theme_attr {
	THEME_BOLD = 1 << 0,
	THEME_DIM = 1 << 1,
	THEME_REVERSE = 1 << 2,
	THEME_UNDERLINE = 1 << 3,
	THEME_ITALIC = 1 << 4,
};

#define THEME_COLOR_DEFAULT (-1)

typedef struct theme_style {
	bool set;      /* given by the section (else inherits normal) */
	short fg, bg;  /* 0-255, or THEME_COLOR_DEFAULT */
	unsigned attrs;
} theme_style;

enum theme_variant { THEME_256 = 0, THEME_8 = 1, THEME_MONO = 2, THEME_N_VARIANTS };

typedef struct theme {
	char *name;
	char *file; /* where it was read from, or NULL for the built-in one */
	bool has[THEME_N_VARIANTS];
	theme_style style[THEME_N_VARIANTS][ROLE_COUNT];
} theme;

/* The theme built into the binary, used when no theme file can be found
 * for the default theme. */
void theme_builtin(theme *out);
/* Reads one theme file. On error returns false with "FILE:LINE: message". */
bool theme_load_file(const char *path, theme *out, char *err, size_t errlen);
/* Finds NAME.yaml in $WARROOM_THEME_DIR, $XDG_DATA_HOME/warroom/themes
 * (~/.local/share/warroom/themes), the installed data folder and the source
 * tree's themes/; NAME may also be a path to a .yaml file. The name
 * "default" falls back to the built-in theme when no file is found. */
bool theme_load(const char *name, theme *out, char *err, size_t errlen);
/* The names theme_load finds, "default" first (for shell completion). */
void theme_names(strlist *out);
void theme_free(theme *t);

/* Which variant to use on a terminal with `colors` colours (0 when it has
 * none); NO_COLOR in the environment or a theme without colour sections
 * gives mono. */
enum theme_variant theme_pick_variant(const theme *t, int colors, bool no_color);
/* The resolved style of a role in a variant (inheriting normal). */
theme_style theme_resolve(const theme *t, enum theme_variant v, enum ui_role r);

#endif
