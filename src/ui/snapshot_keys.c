/* The TUI's p and P keys: p writes the live screen (read back cell by
 * cell, exactly as drawn) to files in the snapshot folder, P pipes its text
 * into the configured print command, run without a shell. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "warroom/i18n.h"
#include "warroom/snapshot.h"
#include "warroom/text.h"
#include "warroom/util.h"

#define SNAP_PRINT_TIMEOUT_MS 20000

/* ---- p: the live screen to files ---------------------------------------------- */

static void grid_of_screen(app *a, snap_grid *g)
{
	snap_grid_init(g, a->rows, a->cols);
	ui_read_back(a, snap_grid_put, g);
}

static const char *pane_name(const app *a)
{
	if (a->tiled)
		return "all";
	return a->n_panes ? a->panes[a->focus].ops->name : "screen";
}

/* "warroom-KEY-PANE-YYYYMMDD-HHMM" by the program's clock. */
static char *snapshot_base(const app *a, char *title, size_t title_size)
{
	wr_date day;
	int secs;
	clock_now(&day, &secs);
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	char *key = snap_name_part(a->has_campaign ? a->camp.key : "none");
	char *pane = snap_name_part(pane_name(a));
	char *base = xasprintf("warroom-%s-%s-%04d%02d%02d-%02d%02d", key, pane, y, m, d, secs / 3600,
			       secs / 60 % 60);
	snprintf(title, title_size, "warroom · %s · %s · %04d-%02d-%02d %02d:%02d",
		 a->has_campaign ? a->camp.name : _("no campaign"), pane_name(a), y, m, d, secs / 3600,
		 secs / 60 % 60);
	free(key);
	free(pane);
	return base;
}

/* The formats p writes: the config's list, else all three. */
static void wanted_formats(const app *a, bool want[SNAP_N_FORMATS])
{
	const char *list = a->cfg.snapshot_formats;
	for (int i = 0; i < SNAP_N_FORMATS; i++)
		want[i] = str_empty(list);
	if (str_empty(list))
		return;
	char *copy = xstrdup(list);
	for (char *save = NULL, *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
		int f = snap_format_from(w);
		if (f >= 0)
			want[f] = true;
	}
	free(copy);
}

static bool write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		data += w;
		len -= (size_t)w;
	}
	return true;
}

void snapshot_save(app *a)
{
	snap_grid g;
	grid_of_screen(a, &g);
	bool want[SNAP_N_FORMATS];
	wanted_formats(a, want);
	const char *dir = str_empty(a->cfg.snapshot_dir) ? "." : a->cfg.snapshot_dir;
	char title[400];
	char *base = snapshot_base(a, title, sizeof title);
	char *paths[SNAP_N_FORMATS] = {NULL};
	int fds[SNAP_N_FORMATS];
	char *name = NULL;
	int err = 0;
	/* Never overwrite: a second p in the same minute gets -2, -3... */
	for (int n = 1; n < 100 && !name && !err; n++) {
		char *candidate = n == 1 ? xstrdup(base) : xasprintf("%s-%d", base, n);
		bool clash = false;
		for (int f = 0; f < SNAP_N_FORMATS; f++) {
			fds[f] = -1;
			if (!want[f] || clash || err)
				continue;
			paths[f] = xasprintf("%s/%s.%s", dir, candidate, snap_format_ext((enum snap_format)f));
			fds[f] = open(paths[f], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
			if (fds[f] < 0) {
				if (errno == EEXIST)
					clash = true;
				else
					err = errno;
			}
		}
		if (clash || err) {
			for (int f = 0; f < SNAP_N_FORMATS; f++) {
				if (fds[f] >= 0) {
					close(fds[f]);
					unlink(paths[f]);
				}
				free(paths[f]);
				paths[f] = NULL;
			}
			free(candidate);
			continue;
		}
		name = candidate;
	}
	if (!name) {
		char *sdir = text_sanitize(dir);
		ui_message(a, ROLE_STATUS_ERROR, _("snapshot: cannot write into %s: %s"), sdir,
			   err ? strerror(err) : _("too many snapshots this minute"));
		free(sdir);
		free(base);
		snap_grid_free(&g);
		return;
	}
	strbuf shown = STRBUF_INIT;
	for (int f = 0; f < SNAP_N_FORMATS; f++) {
		if (fds[f] < 0)
			continue;
		size_t len;
		char *data = snap_render(&g, (enum snap_format)f, title, &len);
		bool ok = write_all(fds[f], data, len);
		int werr = errno;
		free(data);
		if (close(fds[f]) != 0 && ok) {
			ok = false;
			werr = errno;
		}
		if (!ok) {
			unlink(paths[f]);
			if (!err)
				err = werr;
		} else {
			if (!shown.len)
				sb_adds(&shown, name);
			else
				sb_addc(&shown, ' ');
			sb_printf(&shown, ".%s", snap_format_ext((enum snap_format)f));
		}
		free(paths[f]);
	}
	char *sdir = text_sanitize(dir);
	if (err)
		ui_message(a, ROLE_STATUS_ERROR, _("snapshot: writing into %s failed: %s"), sdir, strerror(err));
	else if (strcmp(dir, ".") == 0)
		ui_message(a, ROLE_STATUS, _("snapshot: %s"), sb_str(&shown));
	else
		ui_message(a, ROLE_STATUS, _("snapshot: %s in %s"), sb_str(&shown), sdir);
	free(sdir);
	sb_free(&shown);
	free(name);
	free(base);
	snap_grid_free(&g);
}

/* ---- P: the text to the print command ------------------------------------------- */

/* Words of a command line split at spaces and tabs: no quoting, no
 * variables, no shell. */
static char **split_command(const char *cmd, size_t *n)
{
	char *copy = xstrdup(cmd);
	char **argv = NULL;
	size_t cap = 0;
	*n = 0;
	for (char *save = NULL, *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		argv = xgrow(argv, &cap, *n + 2, sizeof *argv);
		argv[(*n)++] = xstrdup(w);
	}
	free(copy);
	if (argv)
		argv[*n] = NULL;
	return argv;
}

static void free_argv(char **argv, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(argv[i]);
	free(argv);
}

/* Runs argv with `data` on its standard input (a file, so the child can
 * read at its own pace) and its output collected into `out` (the first
 * few KB). Returns the exit status, 127 when it could not start, -1 when
 * it did not finish in time. */
static int run_with_input(char *const argv[], const char *data, size_t len, strbuf *out)
{
	FILE *in = tmpfile();
	if (!in)
		return 127;
	if (fwrite(data, 1, len, in) != len || fflush(in) != 0 || fseek(in, 0, SEEK_SET) != 0) {
		fclose(in);
		return 127;
	}
	int pfd[2];
	if (pipe2(pfd, O_CLOEXEC) != 0) {
		fclose(in);
		return 127;
	}
	int in_fd = fileno(in);
	pid_t pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		fclose(in);
		return 127;
	}
	if (pid == 0) {
		/* Only async-signal-safe calls from here on. */
		static const char msg[] = "cannot run the print command\n";
		if (dup2(in_fd, STDIN_FILENO) < 0 || dup2(pfd[1], STDOUT_FILENO) < 0 ||
		    dup2(pfd[1], STDERR_FILENO) < 0)
			_exit(127);
		setsid(); /* away from the terminal the UI is drawing on */
		execvp(argv[0], argv);
		ssize_t ignored = write(STDERR_FILENO, msg, sizeof msg - 1);
		(void)ignored;
		_exit(127);
	}
	close(pfd[1]);
	fclose(in);
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	bool timed_out = false;
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		long waited = (long)(now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
		if (waited >= SNAP_PRINT_TIMEOUT_MS) {
			timed_out = true;
			break;
		}
		struct pollfd p = {.fd = pfd[0], .events = POLLIN};
		int r = poll(&p, 1, (int)(SNAP_PRINT_TIMEOUT_MS - waited));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue;
		char buf[1024];
		ssize_t k = read(pfd[0], buf, sizeof buf);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		if (out->len < 4096)
			sb_add(out, buf, (size_t)k);
	}
	close(pfd[0]);
	if (timed_out)
		kill(pid, SIGTERM);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (timed_out)
		return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* The first non-empty line of a program's output, sanitised. */
static char *first_line(const strbuf *out)
{
	const char *s = sb_str(out);
	while (*s == '\n' || *s == '\r' || *s == ' ')
		s++;
	size_t n = strcspn(s, "\r\n");
	return text_sanitize_n(s, n, false);
}

void snapshot_print(app *a)
{
	if (str_empty(a->cfg.print_command)) {
		ui_message(a, ROLE_STATUS_ERROR,
			   _("P prints with the config's print_command (e.g. print_command: lp); none is set"));
		return;
	}
	size_t argc;
	char **argv = split_command(a->cfg.print_command, &argc);
	if (!argc) {
		free_argv(argv, argc);
		ui_message(a, ROLE_STATUS_ERROR, _("print_command in the config is empty"));
		return;
	}
	snap_grid g;
	grid_of_screen(a, &g);
	size_t len;
	char *text = snap_render(&g, SNAP_TEXT, NULL, &len);
	snap_grid_free(&g);
	strbuf out = STRBUF_INIT;
	int rc = run_with_input(argv, text, len, &out);
	free(text);
	char *line = first_line(&out);
	const char *slash = strrchr(argv[0], '/');
	char *prog = text_sanitize(slash && slash[1] ? slash + 1 : argv[0]);
	if (rc == 0)
		ui_message(a, ROLE_STATUS, _("printed with %s%s%s"), prog, line[0] ? ": " : "", line);
	else if (rc == 127)
		ui_message(a, ROLE_STATUS_ERROR, _("print: cannot run %s (is it installed and on PATH?)"), prog);
	else if (rc < 0)
		ui_message(a, ROLE_STATUS_ERROR, _("print: %s did not finish in %d s and was stopped"), prog,
			   SNAP_PRINT_TIMEOUT_MS / 1000);
	else
		ui_message(a, ROLE_STATUS_ERROR, _("print: %s failed (status %d)%s%s"), prog, rc,
			   line[0] ? ": " : "", line);
	free(prog);
	free(line);
	sb_free(&out);
	free_argv(argv, argc);
}
