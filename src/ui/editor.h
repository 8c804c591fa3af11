/* Editing long text (a review's overview, a problem's action, a lesson):
 * in the operator's own editor ($VISUAL, then $EDITOR) on a private
 * temporary file, or, with neither set, in a built-in multi-line editor.
 *
 * The editor command is split into words on whitespace and run with
 * execvp, never through a shell: "vim -u NONE" works, and characters such
 * as ; | $ ` are passed on as they are. The file is made by mkstemp in
 * $TMPDIR (default /tmp), mode 0600, and unlinked afterwards; what comes
 * back must be valid UTF-8. */
#ifndef WARROOM_UI_EDITOR_H
#define WARROOM_UI_EDITOR_H

#include <stdbool.h>
#include <stddef.h>

#include "warroom/util.h"

enum editor_result {
	EDITOR_CHANGED = 0, /* *out holds the new text */
	EDITOR_UNCHANGED,   /* saved as it was, or cancelled */
	EDITOR_FAILED,      /* err says why; the old text stands */
};

#define EDITOR_MAX_BYTES (1u << 20)

/* True when $VISUAL or $EDITOR names a program. */
bool editor_external_configured(void);

/* Runs the external editor on `text` and reads the file back (one final
 * newline, which editors add, is dropped). Does not touch the terminal:
 * the caller leaves and restores curses around it. *out is a new string
 * for EDITOR_CHANGED and EDITOR_UNCHANGED. */
enum editor_result editor_run_external(const char *text, char **out, char *err, size_t errlen);

/* ---- the built-in multi-line editor's text model ------------------------- */

/* Text with a cursor, laid out in rows of `width` columns: a line longer
 * than the width wraps, never splitting a character. Moves and deletions
 * go by character (a base code point with its combining marks), and up /
 * down keep the display column, so Chinese text behaves. */
typedef struct mledit {
	strbuf text;
	size_t cur;     /* byte offset of the cursor */
	int want_col;   /* display column kept by up / down (-1: none) */
	int top;        /* first visual row shown */
	size_t max_bytes;
} mledit;

void ml_init(mledit *m, const char *initial, size_t max_bytes);
void ml_free(mledit *m);
const char *ml_text(const mledit *m);
/* Inserts a printable code point or a newline; false for anything else. */
bool ml_insert(mledit *m, int32_t cp);
void ml_left(mledit *m);
void ml_right(mledit *m);
void ml_up(mledit *m, int width);
void ml_down(mledit *m, int width);
void ml_home(mledit *m, int width); /* start of the visual row */
void ml_end(mledit *m, int width);
void ml_backspace(mledit *m);
void ml_delete(mledit *m);
void ml_kill_end(mledit *m); /* to the end of the line (the newline stays) */

/* One visual row: bytes [start, end) of the text. */
typedef struct ml_row {
	size_t start, end;
} ml_row;
/* Lays the text out in rows of `width` columns; a new array. */
ml_row *ml_layout(const mledit *m, int width, size_t *n);
/* Row and display column of the cursor in that layout. */
void ml_cursor_pos(const mledit *m, const ml_row *rows, size_t n, int *row, int *col);

/* ---- on the screen --------------------------------------------------------- */

typedef struct app app;

/* Edits long text from a pane: in $VISUAL / $EDITOR when one is set
 * (curses is left while it runs and the screen redrawn after), else in
 * the built-in editor over the pane area (Ctrl-X or F2 saves, Esc
 * cancels). *out is a new string for EDITOR_CHANGED. */
enum editor_result editor_edit_long(app *a, const char *title, const char *text, char **out,
				    char *err, size_t errlen);

#endif
