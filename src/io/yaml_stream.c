/* Reading a campaign file on a second thread while this one writes its
 * tasks. A large definition is mostly tasks, and parsing them costs about
 * what storing them does: done side by side, the import takes little more
 * than the parse alone. The reader hands over copies of finished tasks in
 * runs (never a pointer into the growing array); the caller's thread does
 * all the writing, so the store sees one thread, as always. */
#include "warroom/yaml_campaign.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Tasks per hand-over: few enough locks, an early enough first run. */
enum { RUN_TASKS = 256 };

typedef struct task_run {
	struct task_run *next;
	const char *key;
	size_t n;
	task_def v[];
} task_run;

typedef struct stream {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	task_run *head, *tail; /* handed over, not yet written */
	bool done;
	/* the reading thread's own */
	const char *path;
	campaign_def *out;
	diag_list *diags;
	size_t handed; /* tasks handed over so far */
	bool ok;
} stream;

static void hand_over(stream *st, const campaign_def *c, size_t n)
{
	task_run *run = xmalloc(sizeof *run + (n - st->handed) * sizeof run->v[0]);
	run->next = NULL;
	run->key = c->key;
	run->n = n - st->handed;
	memcpy(run->v, c->tasks + st->handed, run->n * sizeof run->v[0]);
	st->handed = n;
	pthread_mutex_lock(&st->lock);
	if (st->tail)
		st->tail->next = run;
	else
		st->head = run;
	st->tail = run;
	pthread_cond_signal(&st->changed);
	pthread_mutex_unlock(&st->lock);
}

static void on_task(void *ctx, const campaign_def *c, size_t n)
{
	stream *st = ctx;
	/* Without the campaign's id the tasks cannot be placed yet: they are
	 * all written with the rest, once the file is read. */
	if (c->key && n - st->handed >= RUN_TASKS)
		hand_over(st, c, n);
}

static void *read_thread(void *arg)
{
	stream *st = arg;
	st->ok = yaml_campaign_read_hooked(st->path, st->out, st->diags, on_task, st);
	pthread_mutex_lock(&st->lock);
	st->done = true;
	pthread_cond_signal(&st->changed);
	pthread_mutex_unlock(&st->lock);
	return NULL;
}

bool yaml_campaign_read_streaming(const char *path, campaign_def *out, diag_list *diags,
				  yaml_tasks_fn *write, void *ctx)
{
	stream st = {.path = path, .out = out, .diags = diags};
	pthread_t reader;
	if (pthread_mutex_init(&st.lock, NULL) != 0)
		return yaml_campaign_read(path, out, diags);
	if (pthread_cond_init(&st.changed, NULL) != 0) {
		pthread_mutex_destroy(&st.lock);
		return yaml_campaign_read(path, out, diags);
	}
	if (pthread_create(&reader, NULL, read_thread, &st) != 0) {
		pthread_cond_destroy(&st.changed);
		pthread_mutex_destroy(&st.lock);
		return yaml_campaign_read(path, out, diags);
	}
	pthread_mutex_lock(&st.lock);
	for (;;) {
		task_run *run = st.head;
		if (run) {
			st.head = run->next;
			if (!st.head)
				st.tail = NULL;
			pthread_mutex_unlock(&st.lock);
			write(ctx, run->key, run->v, run->n);
			free(run);
			pthread_mutex_lock(&st.lock);
		} else if (st.done) {
			break;
		} else {
			pthread_cond_wait(&st.changed, &st.lock);
		}
	}
	pthread_mutex_unlock(&st.lock);
	pthread_join(reader, NULL);
	pthread_cond_destroy(&st.changed);
	pthread_mutex_destroy(&st.lock);
	return st.ok;
}
