/* Key replay for measuring: the same app, key dispatch and drawing as the
 * interactive UI, on a curses screen that writes to a scratch file instead
 * of a terminal. Each key is handled, drawn and flushed (doupdate) exactly
 * as the terminal loop does, and its CPU time, wall time and the bytes
 * curses wrote for it are reported. The benchmark (tests/bench/) reads the
 * report; a profiler can be pointed at `warroom --replay`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "warroom/i18n.h"
#include "warroom/text.h"
#include "warroom/ui_replay.h"

static double ms_of(clockid_t clk)
{
	struct timespec t;
	clock_gettime(clk, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

typedef struct step_clock {
	double cpu, wall;
	long long bytes;
} step_clock;

static long long bytes_written(FILE *f)
{
	fflush(f);
	off_t o = lseek(fileno(f), 0, SEEK_CUR);
	return o < 0 ? 0 : (long long)o;
}

static void clock_start(step_clock *c, FILE *screen)
{
	c->cpu = ms_of(CLOCK_PROCESS_CPUTIME_ID);
	c->wall = ms_of(CLOCK_MONOTONIC);
	c->bytes = bytes_written(screen);
}

static void clock_report(const step_clock *c, FILE *screen, FILE *out, const char *step,
			 const char *key)
{
	double cpu = ms_of(CLOCK_PROCESS_CPUTIME_ID) - c->cpu;
	double wall = ms_of(CLOCK_MONOTONIC) - c->wall;
	fprintf(out, "%s\t%s\t%.3f\t%.3f\t%lld\n", step, key, cpu, wall,
		bytes_written(screen) - c->bytes);
}

int ui_replay(store *s, const ui_options *o, int width, int height, const char *keys, FILE *out,
	      char *err, size_t errlen)
{
	if (width < UI_MIN_COLS || height < UI_MIN_ROWS || width > 1000 || height > 1000) {
		snprintf(err, errlen, _("a screen of %dx%d is not possible (at least %dx%d)"), width,
			 height, UI_MIN_COLS, UI_MIN_ROWS);
		return 1;
	}
	/* Every key takes at least one character of the script. */
	int max = (int)strlen(keys ? keys : "") + 1;
	wr_key *script = xcalloc((size_t)max, sizeof *script);
	int nkeys = keys_parse(keys ? keys : "", script, max, err, errlen);
	if (nkeys < 0) {
		free(script);
		return 1;
	}
	app *a = xcalloc(1, sizeof *a);
	if (!ui_app_prepare(a, s, o, err, errlen)) {
		free(a);
		free(script);
		return 1;
	}
	a->headless = true;
	FILE *screen = tmpfile(), *in = fopen("/dev/null", "r");
	const char *term = getenv("TERM");
	SCREEN *scr = screen && in ? newterm(str_empty(term) ? "xterm-256color" : term, screen, in)
				   : NULL;
	if (!scr && screen && in)
		scr = newterm("xterm-256color", screen, in);
	if (!scr) {
		snprintf(err, errlen, "%s", _("cannot set up a screen without a terminal"));
		if (screen)
			fclose(screen);
		if (in)
			fclose(in);
		ui_app_free(a);
		free(a);
		free(script);
		return 1;
	}
	SCREEN *old = set_term(scr);
	resize_term(height, width);
	leaveok(stdscr, TRUE);

	fprintf(out, "step\tkey\tcpu_ms\twall_ms\tbytes\n");
	step_clock c;
	clock_start(&c, screen);
	ui_app_start(a);
	ui_draw_all(a);
	doupdate();
	clock_report(&c, screen, out, "start", "-");
	for (int i = 0; i < nkeys && !a->quit; i++) {
		char label[32], step[16];
		key_label(script[i], label, sizeof label);
		snprintf(step, sizeof step, "%d", i + 1);
		clock_start(&c, screen);
		ui_handle_key(a, script[i]);
		ui_draw_all(a);
		doupdate();
		clock_report(&c, screen, out, step, label);
	}
	/* the work panes put off until typing stops, as the loop does it */
	clock_start(&c, screen);
	ui_quiet(a);
	ui_draw_all(a);
	doupdate();
	clock_report(&c, screen, out, "quiet", "-");
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	fprintf(out, "# peak resident set %ld KB\n", ru.ru_maxrss);
	endwin();
	ui_app_free(a);
	set_term(old);
	delscreen(scr);
	fclose(screen);
	fclose(in);
	free(a);
	free(script);
	return 0;
}
