/* Runs a program and reports its wall time and peak resident set, for the
 * benchmark's process-level figures. A child's peak resident set counts
 * the memory of whoever forked it until the exec, so the figures must not
 * be taken from a fork of the (large) Python harness: this small program
 * starts the child with posix_spawn and reads its rusage from wait4.
 *
 *   bench_run PROGRAM [ARGS...]
 *
 * The child's standard streams are this program's. The last line on
 * standard error is "bench_run: wall_ms=W cpu_ms=C maxrss_kb=K status=S",
 * C being the child's user and system time (what a busy machine does not
 * inflate). */
#include <spawn.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_run PROGRAM [ARGS...]\n");
		return 2;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid;
	if (posix_spawn(&pid, argv[1], NULL, NULL, argv + 1, environ) != 0) {
		perror(argv[1]);
		return 127;
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("wait4");
		return 127;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		     (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	fprintf(stderr, "bench_run: wall_ms=%.3f cpu_ms=%.3f maxrss_kb=%ld status=%d\n", ms, cpu,
		ru.ru_maxrss, code);
	return code;
}
