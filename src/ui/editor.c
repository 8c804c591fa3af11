/* Long text: the operator's editor on a private temporary file, and the
 * built-in multi-line editor (its text model, and a key loop of its own
 * over the pane area while it is open). */
#include "editor.h"

#include <curses.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "warroom/i18n.h"
#include "warroom/text.h"

#define MAX_ARGS 32

static const char *editor_command(void)
{
	static const char *const vars[] = {"VISUAL", "EDITOR"};
	for (size_t i = 0; i < ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);
		if (v && v[strspn(v, " \t\n")])
			return v;
	}
	return NULL;
}

bool editor_external_configured(void)
{
	return editor_command() != NULL;
}

/* Splits on whitespace into argv (words are copies in `buf`). */
static int split_words(const char *cmd, char *buf, char **argv, int max)
{
	int n = 0;
	strcpy(buf, cmd);
	for (char *p = buf; *p && n < max;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			*p++ = '\0';
		if (!*p)
			break;
		argv[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
	}
	return n;
}

static bool write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t w = write(fd, s, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		len -= (size_t)w;
	}
	return true;
}

/* Runs argv + file and waits; -1 when it could not be started. */
static int run_and_wait(char **argv, char *err, size_t errlen)
{
	struct sigaction ign = {0}, old_int, old_quit;
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	/* Like system(): Ctrl-C in the editor is the editor's, not ours. */
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	int ready[2];
	if (pipe2(ready, O_CLOEXEC) != 0) {
		snprintf(err, errlen, _("cannot start the editor: %s"), strerror(errno));
		return -1;
	}
	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		close(ready[0]);
		execvp(argv[0], argv);
		int e = errno;
		if (write(ready[1], &e, sizeof e) != (ssize_t)sizeof e)
			_exit(127);
		_exit(127);
	}
	close(ready[1]);
	int status = -1, exec_errno = 0;
	if (pid > 0) {
		/* The pipe closes on a successful exec; an errno means it failed. */
		ssize_t got;
		while ((got = read(ready[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
			;
		if (got != (ssize_t)sizeof exec_errno)
			exec_errno = 0;
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	close(ready[0]);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (pid < 0) {
		snprintf(err, errlen, _("cannot start the editor: %s"), strerror(errno));
		return -1;
	}
	if (exec_errno) {
		snprintf(err, errlen, _("cannot run the editor '%s': %s"), argv[0], strerror(exec_errno));
		return -1;
	}
	return status;
}

enum editor_result editor_run_external(const char *text, char **out, char *err, size_t errlen)
{
	*out = NULL;
	err[0] = '\0';
	const char *cmd = editor_command();
	if (!cmd) {
		snprintf(err, errlen, _("neither $VISUAL nor $EDITOR is set"));
		return EDITOR_FAILED;
	}
	char *words = xmalloc(strlen(cmd) + 1);
	char *argv[MAX_ARGS + 2];
	int argc = split_words(cmd, words, argv, MAX_ARGS);

	const char *dir = getenv("TMPDIR");
	if (!dir || dir[0] != '/')
		dir = "/tmp";
	char *path = xasprintf("%s/warroom-edit-XXXXXX", dir);
	int fd = mkstemp(path); /* 0600, created exclusively */
	if (fd < 0) {
		snprintf(err, errlen, _("cannot make a temporary file in %s: %s"), dir, strerror(errno));
		free(path);
		free(words);
		return EDITOR_FAILED;
	}
	fchmod(fd, 0600);
	text = text ? text : "";
	size_t len = strlen(text);
	bool wrote = write_all(fd, text, len) &&
		     (len == 0 || text[len - 1] == '\n' || write_all(fd, "\n", 1));
	if (close(fd) != 0)
		wrote = false;
	enum editor_result result = EDITOR_FAILED;
	if (!wrote) {
		snprintf(err, errlen, _("cannot write the temporary file: %s"), strerror(errno));
		goto done;
	}
	argv[argc] = path;
	argv[argc + 1] = NULL;
	int status = run_and_wait(argv, err, errlen);
	if (status < 0)
		goto done;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status))
			snprintf(err, errlen, _("the editor failed (exit status %d); nothing changed"),
				 WEXITSTATUS(status));
		else
			snprintf(err, errlen, _("the editor was stopped by a signal; nothing changed"));
		goto done;
	}
	size_t n;
	char *back = read_file_all(path, EDITOR_MAX_BYTES, &n);
	if (!back) {
		snprintf(err, errlen, _("cannot read the edited text back: %s"),
			 errno == EFBIG || errno == E2BIG ? _("too long") : strerror(errno));
		goto done;
	}
	if (memchr(back, '\0', n) || !utf8_valid(back, n)) {
		snprintf(err, errlen, _("the edited text is not valid UTF-8; nothing changed"));
		free(back);
		goto done;
	}
	if (n && back[n - 1] == '\n') {
		back[--n] = '\0';
		if (n && back[n - 1] == '\r')
			back[--n] = '\0';
	}
	*out = back;
	result = strcmp(back, text) == 0 ? EDITOR_UNCHANGED : EDITOR_CHANGED;
done:
	unlink(path);
	free(path);
	free(words);
	return result;
}

/* ---- the multi-line text model ------------------------------------------- */

void ml_init(mledit *m, const char *initial, size_t max_bytes)
{
	memset(m, 0, sizeof *m);
	m->max_bytes = max_bytes ? max_bytes : EDITOR_MAX_BYTES;
	m->want_col = -1;
	sb_adds(&m->text, "");
	if (initial) {
		/* What is shown must be safe to draw; tabs become spaces. */
		char *safe = text_sanitize_n(initial, strlen(initial), true);
		for (char *p = safe; *p; p++)
			if (*p == '\t' || *p == '\r')
				*p = ' ';
		size_t n = strlen(safe);
		if (n > m->max_bytes) {
			n = m->max_bytes;
			while (n > 0 && ((unsigned char)safe[n] & 0xC0) == 0x80)
				n--;
		}
		sb_add(&m->text, safe, n);
		free(safe);
	}
	m->cur = m->text.len;
}

void ml_free(mledit *m)
{
	sb_free(&m->text);
}

const char *ml_text(const mledit *m)
{
	return m->text.buf ? m->text.buf : "";
}

static int32_t cp_at(const mledit *m, size_t off, int *len)
{
	int32_t cp;
	*len = utf8_decode(m->text.buf + off, m->text.len - off, &cp);
	return cp;
}

/* End of the character (base + combining marks) starting at `off`. */
static size_t next_char(const mledit *m, size_t off)
{
	if (off >= m->text.len)
		return off;
	int n;
	int32_t cp = cp_at(m, off, &n);
	off += (size_t)n;
	if (cp == '\n')
		return off;
	while (off < m->text.len) {
		cp = cp_at(m, off, &n);
		if (cp == '\n' || cp_width(cp) != 0)
			break;
		off += (size_t)n;
	}
	return off;
}

static size_t prev_char(const mledit *m, size_t off)
{
	while (off > 0) {
		size_t p = off - 1;
		while (p > 0 && ((unsigned char)m->text.buf[p] & 0xC0) == 0x80)
			p--;
		int n;
		int32_t cp = cp_at(m, p, &n);
		off = p;
		if (cp == '\n' || cp_width(cp) > 0 || off == 0)
			break;
	}
	return off;
}

static int char_width(const mledit *m, size_t start, size_t end)
{
	int w = 0;
	while (start < end) {
		int n;
		int32_t cp = cp_at(m, start, &n);
		if (cp > 0 && cp != '\n')
			w += cp_width(cp);
		start += (size_t)n;
	}
	return w;
}

bool ml_insert(mledit *m, int32_t cp)
{
	if (cp != '\n' && (cp < 0x20 || cp_is_hostile(cp) || cp > 0x10FFFF))
		return false;
	char buf[4];
	int n = utf8_encode(cp, buf);
	if (n <= 0 || m->text.len + (size_t)n > m->max_bytes)
		return false;
	sb_reserve(&m->text, (size_t)n);
	memmove(m->text.buf + m->cur + n, m->text.buf + m->cur, m->text.len - m->cur + 1);
	memcpy(m->text.buf + m->cur, buf, (size_t)n);
	m->text.len += (size_t)n;
	m->cur += (size_t)n;
	m->want_col = -1;
	return true;
}

static void ml_erase(mledit *m, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(m->text.buf + from, m->text.buf + to, m->text.len - to + 1);
	m->text.len -= to - from;
	m->cur = from;
	m->want_col = -1;
}

void ml_left(mledit *m)
{
	m->cur = prev_char(m, m->cur);
	m->want_col = -1;
}

void ml_right(mledit *m)
{
	m->cur = next_char(m, m->cur);
	m->want_col = -1;
}

void ml_backspace(mledit *m)
{
	ml_erase(m, prev_char(m, m->cur), m->cur);
}

void ml_delete(mledit *m)
{
	ml_erase(m, m->cur, next_char(m, m->cur));
}

void ml_kill_end(mledit *m)
{
	size_t end = m->cur;
	while (end < m->text.len && m->text.buf[end] != '\n')
		end++;
	size_t keep = m->cur;
	ml_erase(m, m->cur, end);
	m->cur = keep;
}

ml_row *ml_layout(const mledit *m, int width, size_t *n)
{
	if (width < 2)
		width = 2;
	size_t cap = 0;
	ml_row *rows = NULL;
	*n = 0;
	size_t start = 0, off = 0;
	int col = 0;
	for (;;) {
		if (off >= m->text.len || m->text.buf[off] == '\n') {
			rows = xgrow(rows, &cap, *n + 1, sizeof *rows);
			rows[(*n)++] = (ml_row){start, off};
			if (off >= m->text.len)
				break;
			off++;
			start = off;
			col = 0;
			continue;
		}
		size_t next = next_char(m, off);
		int w = char_width(m, off, next);
		if (col + w > width && col > 0) {
			rows = xgrow(rows, &cap, *n + 1, sizeof *rows);
			rows[(*n)++] = (ml_row){start, off};
			start = off;
			col = 0;
		}
		col += w;
		off = next;
	}
	return rows;
}

void ml_cursor_pos(const mledit *m, const ml_row *rows, size_t n, int *row, int *col)
{
	*row = 0;
	*col = 0;
	for (size_t i = 0; i < n; i++) {
		if (m->cur < rows[i].start)
			break;
		/* At the end of a wrapped row the cursor shows at the start of
		 * the next one, which begins at the same byte. */
		if (m->cur <= rows[i].end) {
			*row = (int)i;
			*col = char_width(m, rows[i].start, m->cur);
			if (!(i + 1 < n && rows[i + 1].start == m->cur))
				return;
		}
	}
}

/* The offset in `r` whose column is the largest not beyond `col`. */
static size_t offset_at_col(const mledit *m, const ml_row *r, int col)
{
	size_t off = r->start;
	int c = 0;
	while (off < r->end) {
		size_t next = next_char(m, off);
		int w = char_width(m, off, next);
		if (c + w > col)
			break;
		c += w;
		off = next;
	}
	return off;
}

static void vertical(mledit *m, int width, int dir)
{
	size_t n;
	ml_row *rows = ml_layout(m, width, &n);
	int row, col;
	ml_cursor_pos(m, rows, n, &row, &col);
	if (m->want_col < 0)
		m->want_col = col;
	int target = row + dir;
	if (target >= 0 && (size_t)target < n)
		m->cur = offset_at_col(m, &rows[target], m->want_col);
	else
		m->cur = dir < 0 ? 0 : m->text.len;
	free(rows);
}

void ml_up(mledit *m, int width)
{
	int keep = m->want_col;
	vertical(m, width, -1);
	if (keep >= 0)
		m->want_col = keep;
}

void ml_down(mledit *m, int width)
{
	int keep = m->want_col;
	vertical(m, width, 1);
	if (keep >= 0)
		m->want_col = keep;
}

void ml_home(mledit *m, int width)
{
	size_t n;
	ml_row *rows = ml_layout(m, width, &n);
	int row, col;
	ml_cursor_pos(m, rows, n, &row, &col);
	m->cur = rows[row].start;
	m->want_col = -1;
	free(rows);
}

void ml_end(mledit *m, int width)
{
	size_t n;
	ml_row *rows = ml_layout(m, width, &n);
	int row, col;
	ml_cursor_pos(m, rows, n, &row, &col);
	m->cur = rows[row].end;
	m->want_col = -1;
	free(rows);
}

/* ---- on the screen --------------------------------------------------------- */

static void builtin_draw(app *a, mledit *m, const char *title, bool dirty_warned, int *cy, int *cx)
{
	canvas *c = &a->cv;
	rect r = a->body;
	int text_h = r.h - 2;
	int width = r.w - 2;
	if (text_h < 1 || width < 4)
		return;
	/* Title and help line. */
	draw_fill(c, r.y, r.x, r.w, ROLE_TITLE);
	strbuf t = STRBUF_INIT;
	sb_printf(&t, " %s", title);
	draw_text_ellipsis(c, r.y, r.x, r.w, ROLE_TITLE, sb_str(&t));
	sb_free(&t);
	size_t n;
	ml_row *rows = ml_layout(m, width, &n);
	int row, col;
	ml_cursor_pos(m, rows, n, &row, &col);
	if (row < m->top)
		m->top = row;
	if (row >= m->top + text_h)
		m->top = row - text_h + 1;
	for (int i = 0; i < text_h; i++) {
		int y = r.y + 1 + i;
		size_t k = (size_t)(m->top + i);
		draw_fill(c, y, r.x, r.w, ROLE_NORMAL);
		if (k < n) {
			char *line = xstrndup(m->text.buf + rows[k].start, rows[k].end - rows[k].start);
			draw_text(c, y, r.x + 1, width, ROLE_NORMAL, line);
			free(line);
		} else if (k == n) {
			draw_text(c, y, r.x + 1, width, ROLE_MUTED, "~");
		}
	}
	free(rows);
	int y = r.y + r.h - 1;
	draw_fill(c, y, r.x, r.w, ROLE_STATUS);
	draw_text_ellipsis(c, y, r.x, r.w, dirty_warned ? ROLE_STATUS_ERROR : ROLE_STATUS,
			   dirty_warned ? _(" unsaved changes: Esc again discards them, Ctrl-X saves")
					: _(" Ctrl-X or F2 save · Esc cancel · Enter new line · "
					  "arrows, Home/End, Ctrl-K delete to end of line"));
	*cy = r.y + 1 + (row - m->top);
	*cx = r.x + 1 + col;
}

/* The built-in editor's own key loop: it takes every key until the text
 * is saved or the edit cancelled. */
static enum editor_result builtin_edit(app *a, const char *title, const char *text, char **out)
{
	mledit m;
	ml_init(&m, text, EDITOR_MAX_BYTES);
	char *start = xstrdup(ml_text(&m));
	enum editor_result result = EDITOR_UNCHANGED;
	bool warned = false;
	for (;;) {
		int cy = 0, cx = 0;
		builtin_draw(a, &m, title, warned, &cy, &cx);
		curs_set(1);
		leaveok(stdscr, FALSE);
		wmove(stdscr, cy, cx);
		wnoutrefresh(stdscr);
		doupdate();
		wint_t ch;
		int rc = wget_wch(stdscr, &ch);
		if (rc == ERR)
			continue;
		int width = a->body.w - 2;
		bool fn = rc == KEY_CODE_YES;
		if (fn && ch == KEY_RESIZE) {
			ui_layout(a);
			werase(stdscr);
			continue;
		}
		bool was_warned = warned;
		warned = false;
		if ((fn && ch == KEY_F(2)) || (!fn && ch == WK_CTRL('x'))) {
			result = strcmp(ml_text(&m), start) ? EDITOR_CHANGED : EDITOR_UNCHANGED;
			if (result == EDITOR_CHANGED)
				*out = xstrdup(ml_text(&m));
			break;
		}
		if (!fn && (ch == WK_ESC || ch == WK_CTRL('g'))) {
			if (strcmp(ml_text(&m), start) == 0 || was_warned)
				break;
			warned = true;
			continue;
		}
		if (fn) {
			switch (ch) {
			case KEY_LEFT: ml_left(&m); break;
			case KEY_RIGHT: ml_right(&m); break;
			case KEY_UP: ml_up(&m, width); break;
			case KEY_DOWN: ml_down(&m, width); break;
			case KEY_HOME: ml_home(&m, width); break;
			case KEY_END: ml_end(&m, width); break;
			case KEY_BACKSPACE: ml_backspace(&m); break;
			case KEY_DC: ml_delete(&m); break;
			case KEY_ENTER: ml_insert(&m, '\n'); break;
			default: break;
			}
			continue;
		}
		switch (ch) {
		case '\r':
		case '\n': ml_insert(&m, '\n'); break;
		case 127:
		case WK_CTRL('h'): ml_backspace(&m); break;
		case WK_CTRL('d'): ml_delete(&m); break;
		case WK_CTRL('a'): ml_home(&m, width); break;
		case WK_CTRL('e'): ml_end(&m, width); break;
		case WK_CTRL('b'): ml_left(&m); break;
		case WK_CTRL('f'): ml_right(&m); break;
		case WK_CTRL('p'): ml_up(&m, width); break;
		case WK_CTRL('n'): ml_down(&m, width); break;
		case WK_CTRL('k'): ml_kill_end(&m); break;
		default: ml_insert(&m, (int32_t)ch); break;
		}
	}
	free(start);
	ml_free(&m);
	curs_set(0);
	leaveok(stdscr, TRUE);
	return result;
}

enum editor_result editor_edit_long(app *a, const char *title, const char *text, char **out,
				    char *err, size_t errlen)
{
	*out = NULL;
	err[0] = '\0';
	enum editor_result r;
	if (editor_external_configured()) {
		if (!a->headless) {
			def_prog_mode();
			endwin();
		}
		char *got = NULL;
		r = editor_run_external(text, &got, err, errlen);
		if (r == EDITOR_CHANGED)
			*out = got;
		else
			free(got);
		if (!a->headless) {
			reset_prog_mode();
			clearok(curscr, TRUE);
			refresh();
		}
	} else if (a->headless) {
		snprintf(err, errlen, _("no $VISUAL or $EDITOR, and no terminal for the built-in editor"));
		r = EDITOR_FAILED;
	} else {
		r = builtin_edit(a, title, text, out);
	}
	a->dirty = DIRTY_ALL;
	return r;
}
